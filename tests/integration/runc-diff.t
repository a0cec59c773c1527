# SPDX-License-Identifier: Apache-2.0
# Differential test against runc: the static probe runs as the only file of
# an OCI bundle under `runc run` with a profile as linux.seccomp, and under
# `seccomp-run -p profile` on the host; stdout and exit status must match.
#
# The bundle, runc's own needs and runc 1.1.5's known differences: see
# runc-lib.sh.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=runc-lib.sh
. "$_lib_dir/runc-lib.sh"

runc_prereqs "differential test against runc"
mkdir -p "$T/cases"
runc_bundle "$T/bundle"

# Is runc usable here at all?
runc_usable "differential test against runc"

# The probe really is filtered inside runc.
cat >"$T/cases/control.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
runc_run "$T/cases/control.json" getppid getuid
if [ "$STATUS" = 0 ] && [ "$OUT" = "$(lines getppid=ENOMSG getuid=OK)" ]; then
	ok "control: runc applies linux.seccomp to the probe"
else
	fail "control: runc applies linux.seccomp to the probe" "$(diag)"
fi

# same NAME PROFILE-FILE CALL...: runc and seccomp-run agree on stdout and
# status, and runc printed one line per call up to any fatal signal.
same() {
	_name=$1 _prof=$2
	shift 2
	same_as "$_name" "$_prof" "$_prof" "" "$@"
}

# same_as NAME RUNC-PROFILE SR-PROFILE SR-OPTIONS CALL...: the same, with
# different profiles (a Docker-format one and its hand-made OCI equivalent)
same_as() {
	_name=$1 _rprof=$2 _sprof=$3 _sopts=$4
	shift 4
	runc_run "$_rprof" "$@"
	_r_out=$OUT _r_status=$STATUS _r_err=$ERR
	# shellcheck disable=SC2086 # option word list
	run "$SR" $_sopts -p "$_sprof" -- "$PROBE_STATIC" "$@"
	_lines=$(printf '%s\n' "$_r_out" | grep -c '=')
	if [ "$_r_status" != 0 ] && [ "$_r_status" != 159 ]; then
		fail "$_name: runc ran the case" "runc status $_r_status" \
			"$(printf '%s\n' "$_r_err" | sed 's/^/runc stderr| /')"
	elif [ "$_r_status" = 0 ] && [ "$_lines" -ne $# ]; then
		fail "$_name: runc ran the case" "expected $# lines from runc, got $_lines" \
			"$(printf '%s\n' "$_r_out" | sed 's/^/runc| /')"
	elif [ "$STATUS" != "$_r_status" ] || [ "$OUT" != "$_r_out" ]; then
		fail "$_name: seccomp-run matches runc" \
			"runc status $_r_status, seccomp-run status $STATUS" \
			"$(printf '%s\n' "$_r_out" | sed 's/^/runc       | /')" \
			"$(printf '%s\n' "$OUT" | sed 's/^/seccomp-run| /')" \
			"$(printf '%s\n' "$ERR" | sed 's/^/seccomp-run stderr| /')"
	else
		ok "$_name: seccomp-run matches runc (status $STATUS, $_lines lines)"
	fi
}

# Calls that ignore their arguments, so that only the filter decides.
# nr:111 is getpgrp.

# 1. actions and errnoRet
cat >"$T/cases/actions.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO" },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 4094 },
    { "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0 },
    { "names": ["geteuid"], "action": "SCMP_ACT_LOG" },
    { "names": ["getpgrp"], "action": "SCMP_ACT_TRACE" },
    { "names": ["uname"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0 }
  ] }
EOF
same "actions ERRNO/errnoRet 0/4094, LOG, TRACE, redundant ALLOW" "$T/cases/actions.json" \
	getppid getuid getgid getegid geteuid nr:111 uname mkdir
for act in SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP; do
	cat >"$T/cases/kill.json" <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "$act" } ] }
EOF
	same "$act kills at the call" "$T/cases/kill.json" getuid getppid getuid
done

# 2. every operator, 64-bit values, MASKED_EQ
ops() { # FILE VALUE: one operator per call
	cat >"$1" <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": $2, "op": "SCMP_CMP_NE" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
      "args": [ { "index": 0, "value": $2, "op": "SCMP_CMP_LT" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 1, "value": $2, "op": "SCMP_CMP_LE" } ] },
    { "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
      "args": [ { "index": 2, "value": $2, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 46,
      "args": [ { "index": 3, "value": $2, "op": "SCMP_CMP_GE" } ] },
    { "names": ["getpgrp"], "action": "SCMP_ACT_ERRNO", "errnoRet": 47,
      "args": [ { "index": 5, "value": $2, "op": "SCMP_CMP_GT" } ] }
  ] }
EOF
}
# calls_for V...: every operator's call with each value at its index
calls_for() {
	for _v; do
		printf '%s ' "getppid:$_v" "getuid:$_v" "getgid:0,$_v" "geteuid:0,0,$_v" \
			"getegid:0,0,0,$_v" "nr:111:0,0,0,0,0,$_v"
	done
}
ops "$T/cases/ops.json" 10
# shellcheck disable=SC2046 # word list of probe calls
same "NE LT LE EQ GE GT against 10" "$T/cases/ops.json" \
	$(calls_for 0 9 10 11 0x10000000a -1)
ops "$T/cases/ops64.json" 4294967297
# shellcheck disable=SC2046
same "NE LT LE EQ GE GT against 2^32+1" "$T/cases/ops64.json" \
	$(calls_for 1 0xffffffff 0x100000000 0x100000001 0x100000002 0x200000001 -1)
ops "$T/cases/opsmax.json" 18446744073709551615
# shellcheck disable=SC2046
same "NE LT LE EQ GE GT against 2^64-1" "$T/cases/opsmax.json" \
	$(calls_for 0 0xffffffff 0xfffffffffffffffe -1)

cat >"$T/cases/masked.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 65280, "valueTwo": 4608, "op": "SCMP_CMP_MASKED_EQ" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
      "args": [ { "index": 0, "value": 18446744069414584320, "valueTwo": 4294967296, "op": "SCMP_CMP_MASKED_EQ" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 0, "value": 255, "valueTwo": 511, "op": "SCMP_CMP_MASKED_EQ" } ] },
    { "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
      "args": [ { "index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ" } ] },
    { "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 46,
      "args": [ { "index": 4, "value": 8, "op": "SCMP_CMP_MASKED_EQ" } ] }
  ] }
EOF
MC=
for v in 0 0x1200 0x12ab 0x13ab 0xff 0x1ff 0x100000000 0x1000000ab 0x200000000 0x10000000 0x11 8 -1; do
	MC="$MC getppid:$v getuid:$v getgid:$v geteuid:$v getegid:0,0,0,0,$v"
done
# shellcheck disable=SC2086
same "MASKED_EQ: mask/datum, above 2^32, datum outside the mask" "$T/cases/masked.json" $MC

# 3. several conditions: same index -> OR (all of them), else AND
cat >"$T/cases/combine.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_NE" },
                { "index": 0, "value": 2, "op": "SCMP_CMP_NE" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
      "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" },
                { "index": 0, "value": 2, "op": "SCMP_CMP_EQ" },
                { "index": 1, "value": 9, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 0, "value": 7, "op": "SCMP_CMP_EQ" },
                { "index": 1, "value": 9, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
      "args": [ { "index": 0, "value": 5, "op": "SCMP_CMP_GT" },
                { "index": 0, "value": 9, "op": "SCMP_CMP_LT" },
                { "index": 2, "value": 4294967296, "op": "SCMP_CMP_GE" } ] }
  ] }
EOF
CC=
for a in 0 1 2 3 7 0,9 7,9 7,0 1,9 6 9 0,0,0x100000000; do
	CC="$CC getppid:$a getuid:$a getgid:$a geteuid:$a"
done
# shellcheck disable=SC2086
same "same-index OR, different-index AND" "$T/cases/combine.json" $CC

# 4. rule order for one syscall (libseccomp merge), under default ERRNO
cat >"$T/cases/order.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 5, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW",
      "args": [ { "index": 0, "value": 6, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45 },
    { "names": ["geteuid"], "action": "SCMP_ACT_ERRNO" }
  ] }
EOF
same "conditional/unconditional rules for one call, redundant rule" "$T/cases/order.json" \
	getppid:5 getppid:6 getppid:7 getuid:0 getuid:1 getgid:0 getgid:1 geteuid getegid

# 5. the ENOSYS stub and default actions
cat >"$T/cases/enosys.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
same "default ERRNO: ENOSYS above the maximum (334), EPERM below" "$T/cases/enosys.json" \
	getppid getuid nr:1000 nr:400 nr:337 pidfd_open clone3 i386:getpid i386:getuid i386:1000 i386:400
# x32 shares AUDIT_ARCH_X86_64 with x86_64: the stub tells them apart by bit 30
same "default ERRNO: the stub for x32 numbers" "$T/cases/enosys.json" \
	nr:0x4000006e nr:0x40000066 nr:0x40000190 nr:0x400003e8 nr:0x40000027

cat >"$T/cases/enosys-hole.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["pidfd_open"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["close_range"], "action": "SCMP_ACT_ERRNO",
      "args": [ { "index": 2, "value": 99, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
same "default ERRNO, names up to close_range (436): holes EPERM" "$T/cases/enosys-hole.json" \
	nr:400 pidfd_open clone3 close_range close_range:1,0,99 openat2 nr:1000 i386:434 i386:436 i386:437 i386:1000

cat >"$T/cases/deferrno.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 6, $ARCHES,
  "syscalls": [ $RUNC_RULE ] }
EOF
same "defaultErrnoRet 6 (ENXIO) and the stub" "$T/cases/deferrno.json" \
	getppid uname nr:1000 i386:getppid i386:1000

cat >"$T/cases/deferrno38.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, $ARCHES,
  "syscalls": [ $RUNC_RULE ] }
EOF
same "defaultErrnoRet 38 (ENOSYS): no stub needed" "$T/cases/deferrno38.json" \
	getppid nr:400 nr:1000

cat >"$T/cases/deferrno0.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 0, $ARCHES,
  "syscalls": [ $RUNC_RULE ] }
EOF
same "defaultErrnoRet 0: unlisted calls succeed without running" "$T/cases/deferrno0.json" \
	getppid uname mount nr:400 nr:1000 i386:getppid i386:1000

for act in SCMP_ACT_KILL_PROCESS SCMP_ACT_TRAP; do
	cat >"$T/cases/defkill.json" <<EOF
{ "defaultAction": "$act", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW" } ] }
EOF
	same "default $act: stub above the maximum, killed below" "$T/cases/defkill.json" \
		nr:1000 i386:1000 getppid pidfd_open getuid getppid
done

cat >"$T/cases/deflog.json" <<EOF
{ "defaultAction": "SCMP_ACT_LOG", $ARCHES,
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
same "default LOG: no stub" "$T/cases/deflog.json" getppid getuid pidfd_open nr:1000 i386:getppid

# 6. architectures: i386 compares the low 32 bits; bad arch kills
cat >"$T/cases/arch32.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 4294967297, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
      "args": [ { "index": 0, "value": 4294967296, "op": "SCMP_CMP_GT" } ] } ] }
EOF
same "i386 conditions see the low 32 bits" "$T/cases/arch32.json" \
	getppid:1 getppid:0x100000001 i386:getppid:1 i386:getppid:2 getuid:0x100000001 i386:getuid:1 \
	i386:getuid:0xffffffff i386:socket
cat >"$T/cases/archnames.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
  "syscalls": [ { "names": ["socketcall"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getuid32", "getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 } ] }
EOF
same "names that exist on i386 only (socketcall, getuid32)" "$T/cases/archnames.json" \
	i386:socketcall i386:getuid32 i386:getuid i386:getppid getppid getuid nr:102
cat >"$T/cases/archnative.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
same "no architectures: an i386 call is killed" "$T/cases/archnative.json" getppid i386:getpid getuid
same "no architectures: an x32 call is killed" "$T/cases/archnative.json" getppid nr:0x40000027 getuid
cat >"$T/cases/archx32.json" <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X32"],
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
same "x32 listed: x32 numbers pass the filter" "$T/cases/archx32.json" \
	getppid nr:0x4000006e nr:0x40000027 i386:getpid

# 7. the same file as a whole config.json for seccomp-run
runc_config "$T/cases/combine.json" getppid:1 getuid:0,9 getgid:7,9
runc_run "$T/cases/combine.json" getppid:1 getuid:0,9 getgid:7,9
_r_out=$OUT _r_status=$STATUS
cp "$B/config.json" "$T/config.json"
expect "seccomp-run -p config.json of the bundle matches runc" "$_r_status" "$_r_out" \
	"$SR" -p "$T/config.json" -- "$PROBE_STATIC" getppid:1 getuid:0,9 getgid:7,9

# 7b. a Docker-format profile (what moby hands to runc after includes/
# excludes, archMap and legacy name) against its hand-flattened OCI form
cat >"$T/cases/docker.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "archMap": [
    { "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] },
    { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] } ],
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42, "excludes": { "caps": ["CAP_SYS_ADMIN"] } },
    { "names": ["getuid"], "action": "SCMP_ACT_ALLOW", "includes": { "arches": ["amd64"] } },
    { "names": ["getgid"], "action": "SCMP_ACT_ALLOW", "includes": { "arches": ["arm64"] } },
    { "names": ["geteuid"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "4.8" } },
    { "names": ["getegid"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "99.0" } },
    { "names": ["pidfd_open"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_NET_ADMIN"] } },
    { "name": "uname", "action": "SCMP_ACT_ERRNO", "errnoRet": 43, "comment": "legacy name" } ] }
EOF
cat >"$T/cases/docker-admin.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["getuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["geteuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["uname"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 } ] }
EOF
cat >"$T/cases/docker-none.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["geteuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["uname"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 } ] }
EOF
cat >"$T/cases/docker-net.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", $ARCHES,
  "syscalls": [ $RUNC_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["geteuid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["pidfd_open"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["uname"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 } ] }
EOF
DCALLS="getppid getuid getgid geteuid getegid pidfd_open uname nr:400 nr:1000 i386:getppid i386:getgid i386:434"
# shellcheck disable=SC2086
{
same_as "Docker format, --caps CAP_SYS_ADMIN = its flattened form under runc" \
	"$T/cases/docker-admin.json" "$T/cases/docker.json" "--caps CAP_SYS_ADMIN" $DCALLS
same_as "Docker format, --caps none = its flattened form under runc" \
	"$T/cases/docker-none.json" "$T/cases/docker.json" "--caps none" $DCALLS
same_as "Docker format, --caps CAP_NET_ADMIN (pidfd_open raises the stub's maximum)" \
	"$T/cases/docker-net.json" "$T/cases/docker.json" "--caps CAP_NET_ADMIN" $DCALLS
}

# 8. runc's own test profiles. They list no architectures: runc 1.1.5 puts
# no ENOSYS stub on the native arch then, so no call above their highest
# name is compared (see the top).
P1=$SHARED/profiles/runc-test-seccomp-syscall-test1.json
P2=$SHARED/profiles/runc-test-seccomp-syscall-test2.json
CALLS1="getppid personality mount uname kill:0,0 socket socket:-1,0,0x100 dup3:1 dup3:2
	dup3:3 nr:77:123456789,1337 nr:77:123456789,0 process_vm_readv:100
	process_vm_readv:9001 process_vm_readv:100,0,0,0,0,1 process_vm_readv:5,0,0,0,0,1
	nr:311:1337 nr:311:2020 nr:311:5 clone:0x10000800 clone reboot pidfd_open
	faccessat2 nr:400 i386:getpid"
if [ -r "$P1" ]; then
	# shellcheck disable=SC2086
	same "runc's seccomp_syscall_test1.json" "$P1" $CALLS1
fi
if [ -r "$P2" ]; then
	# shellcheck disable=SC2086
	same "runc's seccomp_syscall_test2.json (defaultErrnoRet 6)" "$P2" $CALLS1
fi

finish
