# SPDX-License-Identifier: Apache-2.0
# export: raw BPF exactly as run loads it, libseccomp's PFC, the selected
# profile as OCI JSON; -o FILE written whole or not at all.
#
# The OCI form must mean the same filter: for every profile we ship or
# collected, under several capability sets, arches and kernels, the BPF of
# the exported OCI JSON is byte-identical to the BPF of the original. And
# the BPF run loads, read back from the running program by getfilter
# (PTRACE_SECCOMP_GET_FILTER), is byte-identical to export's.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

GETFILTER=$TOOLS/getfilter

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
cat >log-flag.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO", "flags": ["SECCOMP_FILTER_FLAG_LOG"],
  "syscalls": [ { "names": ["getppid", "uname"], "action": "SCMP_ACT_LOG" } ] }
EOF
# A default-ERRNO allow-list that the probe can run under, with flags.
cat >allowlist.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
  "syscalls": [ $BASE_RULE,
    { "names": ["getpid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF

# ------------------------------------------------- OCI round trip, BPF equal

# same_filter DESC SR-ARGS...: export --format oci with SR-ARGS, then the
# BPF and the PFC of that JSON (with SR-ARGS but -p, and no --caps or
# --kernel: nothing in it may depend on them) equal those of the original.
same_filter() {
	_d=$1
	shift
	rm -f rt.*
	"$SR" export -q "$@" -o rt.orig.bpf 2>rt.orig.err
	_orig=$?
	# The OCI form needs the selection only: it exists even when the
	# filter cannot be compiled, and then must fail to compile alike.
	if ! "$SR" export -q "$@" --format oci -o rt.json 2>rt.err; then
		if [ "$_orig" = 0 ]; then
			fail "$_d: export --format oci" "$(cat rt.err)"
		else
			ok "$_d: refused as BPF and as OCI ($(head -c 100 rt.err))"
		fi
		return
	fi
	if [ "$_orig" = 0 ] && ! "$SR" export -q "$@" --format pfc -o rt.orig.pfc 2>rt.err; then
		fail "$_d: export --format pfc" "$(cat rt.err)"
		return
	fi
	# Drop the selection options: -p becomes the exported JSON.
	_keep='' _skip=''
	for _a; do
		if [ -n "$_skip" ]; then _skip=; continue; fi
		case $_a in
		-p|--caps|--kernel) _skip=1 ;;
		*) _keep="$_keep $_a" ;;
		esac
	done
	if [ "$_orig" != 0 ]; then
		# shellcheck disable=SC2086 # word list of options without spaces
		if "$SR" export -q -p ./rt.json $_keep -o rt.back.bpf 2>/dev/null; then
			fail "$_d: the OCI JSON compiles where the original does not" "$(cat rt.orig.err)"
		else
			ok "$_d: refused alike from the OCI JSON ($(head -c 100 rt.orig.err))"
		fi
		return
	fi
	# shellcheck disable=SC2086 # word list of options without spaces
	if ! "$SR" export -q -p ./rt.json $_keep -o rt.back.bpf 2>rt.err ||
		! "$SR" export -q -p ./rt.json $_keep --format pfc -o rt.back.pfc 2>>rt.err; then
		fail "$_d: the exported OCI JSON is refused" "$(cat rt.err)" "$(head -c 2000 rt.json)"
	elif ! cmp -s rt.orig.bpf rt.back.bpf; then
		fail "$_d: the OCI JSON compiles to other BPF" \
			"$(cmp rt.orig.bpf rt.back.bpf 2>&1)" "$(head -c 2000 rt.json)"
	elif ! cmp -s rt.orig.pfc rt.back.pfc; then
		fail "$_d: the OCI JSON gives other PFC" "$(diff rt.orig.pfc rt.back.pfc | head -20)"
	else
		ok "$_d: OCI round trip gives the same BPF and PFC"
	fi
}

n_profiles=0
for p in "$SHARED"/profiles/*.json "$REPO"/examples/*.json "$DOCKER_DEFAULT"; do
	[ -f "$p" ] || continue
	n_profiles=$((n_profiles + 1))
	name=$(basename "$p")
	for caps in none all CAP_SYS_ADMIN CAP_SYS_PTRACE,CAP_SYSLOG,CAP_SYS_NICE; do
		same_filter "$name --caps $caps" -p "$p" --caps "$caps"
	done
	same_filter "$name (the caps of this process)" -p "$p"
	same_filter "$name --kernel 4.0 --caps none" -p "$p" --kernel 4.0 --caps none
	same_filter "$name --no-enosys" -p "$p" --no-enosys --caps none
	for arch in aarch64 x86 riscv64; do
		same_filter "$name --arch $arch" -p "$p" --arch "$arch" --caps none
	done
done
if [ "$n_profiles" -ge 15 ]; then
	ok "round trip covered $n_profiles profiles"
else
	fail "round trip covered only $n_profiles profiles (SHARED=$SHARED)"
fi
for p in "$REPO"/tests/profiles/valid/*.json; do
	same_filter "valid/$(basename "$p")" -p "$p" --caps none
done
same_filter "built-in runtime/default" -p runtime/default --caps none
# libseccomp cannot put this host's arch and a big-endian one in one
# filter: the OCI form still exists, and fails the same way.
same_filter "Docker's default --arch s390x" -p "$DOCKER_DEFAULT" --arch s390x --caps none

# The exported JSON runs the program as the original does.
probe_calls="getpid getppid uname mount unshare:0x10000000 clone3 personality:0xffffffff nr:1000 nr:400"
"$SR" export -p "$DOCKER_DEFAULT" --caps none --format oci -o docker.oci.json
# shellcheck disable=SC2086 # word list of probe calls
expect "Docker's default as OCI JSON: the probe sees what it sees under the original" 0 \
	"$("$SR" -p "$DOCKER_DEFAULT" --caps none -- "$PROBE" $probe_calls)" \
	"$SR" -p ./docker.oci.json -- "$PROBE" $probe_calls

# ------------------------------------------------------- OCI: what is kept

cat >conds.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "ENOSYS",
	"comment": "dropped",
	"archMap": [
		{ "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] },
		{ "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] }
	],
	"syscalls": [
		{ "name": "getppid", "action": "SCMP_ACT_ERRNO", "errno": "EPERM", "comment": "c" },
		{ "names": ["mount"], "action": "SCMP_ACT_ALLOW",
		  "includes": { "caps": ["CAP_SYS_ADMIN"] } },
		{ "names": ["clone"], "action": "SCMP_ACT_ALLOW",
		  "excludes": { "caps": ["CAP_SYS_ADMIN"] },
		  "args": [ { "index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ" },
			    { "index": 1, "value": 18446744073709551615, "valueTwo": 5, "op": "SCMP_CMP_GE" } ] },
		{ "names": ["uname"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "5.8" } }
	]
}
EOF
if is_x86_64; then
	expect "oci: moby's selection for no caps, kernel 6.1 on amd64" 0 '{
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 38,
  "architectures": [
    "SCMP_ARCH_X86_64",
    "SCMP_ARCH_X86",
    "SCMP_ARCH_X32"
  ],
  "syscalls": [
    {
      "names": [
        "getppid"
      ],
      "action": "SCMP_ACT_ERRNO",
      "errnoRet": 1
    },
    {
      "names": [
        "clone"
      ],
      "action": "SCMP_ACT_ALLOW",
      "args": [
        {
          "index": 0,
          "value": 2114060288,
          "op": "SCMP_CMP_MASKED_EQ"
        },
        {
          "index": 1,
          "value": 18446744073709551615,
          "valueTwo": 5,
          "op": "SCMP_CMP_GE"
        }
      ]
    },
    {
      "names": [
        "uname"
      ],
      "action": "SCMP_ACT_ALLOW"
    }
  ]
}' "$SR" export -p ./conds.json --caps none --kernel 6.1 --format oci
else
	skip "oci: moby's selection for no caps on amd64" "not x86_64"
fi
run "$SR" export -p ./conds.json --caps CAP_SYS_ADMIN --kernel 5.4 --arch aarch64 --format oci
case $OUT in
*'"architectures": [
    "SCMP_ARCH_AARCH64",
    "SCMP_ARCH_ARM"
  ],'*'"mount"'*) ok "oci: --arch aarch64 takes its archMap entry; CAP_SYS_ADMIN keeps mount" ;;
*) fail "oci: --arch aarch64 takes its archMap entry; CAP_SYS_ADMIN keeps mount" "$(diag)" ;;
esac
case $OUT in
*clone*|*uname*|*includes*|*excludes*|*comment*|*archMap*) fail "oci: dropped rules and Docker-only keys are left out" "$(diag)" ;;
*) ok "oci: dropped rules and Docker-only keys are left out" ;;
esac
expect "oci: archMap without this arch gives no architectures" 0 '{
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 38,
  "syscalls": [
    {
      "names": [
        "getppid"
      ],
      "action": "SCMP_ACT_ERRNO",
      "errnoRet": 1
    },
    {
      "names": [
        "clone"
      ],
      "action": "SCMP_ACT_ALLOW",
      "args": [
        {
          "index": 0,
          "value": 2114060288,
          "op": "SCMP_CMP_MASKED_EQ"
        },
        {
          "index": 1,
          "value": 18446744073709551615,
          "valueTwo": 5,
          "op": "SCMP_CMP_GE"
        }
      ]
    }
  ]
}' "$SR" export -p ./conds.json --caps none --kernel 5.4 --arch s390x --format oci

printf '{ "defaultAction": "SCMP_ACT_ALLOW", "flags": [] }' >flags-empty.json
expect "oci: an empty flags list stays (it means no flags, not SPEC_ALLOW)" 0 '{
  "defaultAction": "SCMP_ACT_ALLOW",
  "flags": []
}' "$SR" export -p ./flags-empty.json --format oci
printf '{ "defaultAction": "SCMP_ACT_ALLOW" }' >flags-absent.json
expect "oci: absent flags stay absent" 0 '{
  "defaultAction": "SCMP_ACT_ALLOW"
}' "$SR" export -p ./flags-absent.json --format oci
expect_output '"SECCOMP_FILTER_FLAG_LOG"' "oci: listed flags are kept" \
	"$SR" export -p ./log-flag.json --format oci
cat >listener.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock",
  "listenerMetadata": "x=\"1\"", "syscalls": [ { "names": ["mount"], "action": "SCMP_ACT_NOTIFY" } ] }
EOF
expect_output '"listenerMetadata": "x=\"1\""' "oci: listenerPath and listenerMetadata are kept" \
	"$SR" export -p ./listener.json --format oci
run "$SR" export --format oci --caps none
case $OUT in
*'"defaultAction": "SCMP_ACT_ERRNO"'*'"defaultErrnoRet": 1'*) ok "oci: the built-in default, as moby hands it to runc" ;;
*) fail "oci: the built-in default, as moby hands it to runc" "$(diag)" ;;
esac

# ------------------------------------------------------------------- BPF

"$SR" export -p ./allow.json -o allow.bpf
expect "bpf: -o - writes the same bytes to stdout" 0 "$(od -An -tx1 allow.bpf)" \
	sh -c "\"$SR\" export -p ./allow.json -o - | od -An -tx1"
expect "bpf: without -o, stdout" 0 "$(od -An -tx1 allow.bpf)" \
	sh -c "\"$SR\" export -p ./allow.json | od -An -tx1"
expect "bpf: -o /dev/stdout into a pipe" 0 "$(od -An -tx1 allow.bpf)" \
	sh -c "\"$SR\" export -p ./allow.json -o /dev/stdout | od -An -tx1"
size=$(wc -c <allow.bpf)
if [ "$size" -gt 0 ] && [ $((size % 8)) -eq 0 ]; then
	ok "bpf: a whole number of 8-byte instructions ($size bytes)"
else
	fail "bpf: a whole number of 8-byte instructions" "$size bytes"
fi
run "$SR" -v -p ./allow.json -- true
stderr_has "$((size / 8)) BPF instructions" "bpf: as many instructions as run -v reports"
expect_status 0 "bpf: --format bpf is the default" "$SR" export -p ./allow.json --format bpf -o allow2.bpf
if cmp -s allow.bpf allow2.bpf; then ok "bpf: --format bpf is the default: same bytes"; else
	fail "bpf: --format bpf is the default: same bytes"; fi

if command -v script >/dev/null 2>&1; then
	script -qec "\"$SR\" export -p ./allow.json; echo status=\$?" /dev/null >tty.out 2>&1 </dev/null
	if grep -q 'status=125' tty.out && grep -q 'terminal' tty.out; then
		ok "bpf: refused on a terminal, 125"
	else
		fail "bpf: refused on a terminal, 125" "$(cat tty.out)"
	fi
	script -qec "\"$SR\" export -p ./allow.json --format oci >/dev/null; echo status=\$?" /dev/null >tty.out 2>&1 </dev/null
	if grep -q 'status=0' tty.out; then ok "oci: a terminal is fine for text"; else
		fail "oci: a terminal is fine for text" "$(cat tty.out)"; fi
else
	skip "bpf: refused on a terminal" "no script(1)"
fi

# Flags a raw BPF file cannot carry.
run "$SR" export -p ./log-flag.json -o log.bpf
stderr_has "[bpf-flags-lost]" "bpf: flags other than SPEC_ALLOW: warned that they are lost"
stderr_has "SECCOMP_FILTER_FLAG_LOG" "bpf: the warning names the flag"
run "$SR" export -p ./flags-empty.json -o e.bpf
stderr_has "[bpf-flags-lost]" "bpf: an empty flags list is also lost (run --bpf adds SPEC_ALLOW)"
run "$SR" export -q -p ./log-flag.json -o log.bpf
expect_status 0 "bpf: -q silences the warning" true
[ -z "$ERR" ] || fail "bpf: -q: nothing on stderr" "$(diag)"
rm -f log.bpf
expect_status 125 "bpf: --strict makes lost flags an error" \
	"$SR" export --strict -p ./log-flag.json -o log.bpf
absent log.bpf "bpf: --strict: no file written"
run "$SR" export -p ./flags-absent.json -o a.bpf
stderr_lacks "bpf-flags-lost" "bpf: absent flags: no warning"
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"] }' >spec.json
run "$SR" export -p ./spec.json -o a.bpf
stderr_lacks "bpf-flags-lost" "bpf: SPEC_ALLOW (and TSYNC, which means nothing here): no warning"
run "$SR" export -p ./listener.json -o l.bpf
stderr_has "[bpf-notify-lost]" "bpf: NOTIFY rules: warned that the listener is lost"

# ------------------------------------------------------------------- PFC

run "$SR" export --format pfc --caps none
case $OUT in
'# seccomp-run export --format pfc'*'ENOSYS stub'*'x86_64 > '*'# pseudo filter code start'*)
	ok "pfc: a comment describes the ENOSYS stub, then libseccomp's text" ;;
*) fail "pfc: a comment describes the ENOSYS stub, then libseccomp's text" "$(diag)" ;;
esac
n=$(printf '%s\n' "$OUT" | sed -n 's/^# run loads \([0-9]*\) BPF instructions.*/\1/p')
"$SR" export --caps none -o d.bpf
if [ -n "$n" ] && [ "$((n * 8))" = "$(wc -c <d.bpf)" ]; then
	ok "pfc: the instruction count in its comment is export --format bpf's"
else
	fail "pfc: the instruction count in its comment is export --format bpf's" "$n" "$(diag)"
fi
expect_output "no ENOSYS stub: --no-enosys" "pfc: --no-enosys says there is no stub" \
	"$SR" export --format pfc --no-enosys
expect_output "no ENOSYS stub: runc adds none" "pfc: an allow default has no stub" \
	"$SR" export --format pfc -p ./allow.json
expect_output "no ENOSYS stub: the default action already returns ENOSYS" \
	"pfc: a default of ENOSYS has no stub" "$SR" export --format pfc -p ./conds.json
expect_output "SECCOMP_FILTER_FLAG_LOG" "pfc: the comment names the load flags" \
	"$SR" export --format pfc -p ./log-flag.json
# The comment tells of a stub exactly when the BPF has one.
for p in runtime/default ./allow.json ./conds.json ./log-flag.json ./allowlist.json \
	./flags-empty.json "$SHARED/profiles/podman-default.json" "$SHARED/profiles/audit.json"; do
	[ -f "$p" ] || [ "$p" = runtime/default ] || continue
	"$SR" export -q -p "$p" --caps none -o stub.bpf
	"$SR" export -q -p "$p" --caps none --no-enosys -o nostub.bpf
	if cmp -s stub.bpf nostub.bpf; then want=none; else want=stub; fi
	if "$SR" export -q -p "$p" --caps none --format pfc | grep -q '^# run adds an ENOSYS stub'; then
		got=stub
	else
		got=none
	fi
	if [ "$got" = "$want" ]; then ok "pfc: $(basename "$p"): the comment's stub ($got) is the BPF's"; else
		fail "pfc: $(basename "$p"): the comment's stub ($got) is the BPF's ($want)"; fi
done

# ---------------------------------------------------------------- output

umask 022
"$SR" export -p ./allow.json -o mode.bpf
expect "-o: mode 0644 under umask 022" 0 "-rw-r--r--" sh -c "ls -l mode.bpf | cut -c1-10"
rm -f mode.bpf
(umask 077 && "$SR" export -p ./allow.json -o mode.bpf)
expect "-o: mode 0600 under umask 077" 0 "-rw-------" sh -c "ls -l mode.bpf | cut -c1-10"
echo old >keep.bpf
"$SR" export -p ./allow.json -o keep.bpf
if cmp -s keep.bpf allow.bpf; then ok "-o: an existing file is replaced"; else
	fail "-o: an existing file is replaced"; fi
mkdir sub
expect_status 0 "-o: a path in another directory" "$SR" export -p ./allow.json -o sub/x.bpf
ln -s sub/x.bpf link.bpf
"$SR" export -p ./conds.json --format oci -o link.bpf
if [ -L link.bpf ] && grep -q defaultAction sub/x.bpf; then
	ok "-o: a symlink is written through, not replaced"
else
	fail "-o: a symlink is written through, not replaced" "$(ls -l link.bpf sub)"
fi
expect_status 0 "-o /dev/null" "$SR" export -p ./allow.json -o /dev/null
expect_status 125 "-o /dev/full: 125" "$SR" export -p ./allow.json -o /dev/full
stderr_has "/dev/full" "-o /dev/full: the message names the file"
expect_status 125 "-o a directory: 125" "$SR" export -p ./allow.json -o sub
expect_status 125 "-o in a missing directory: 125" "$SR" export -p ./allow.json -o nodir/x.bpf
absent nodir "-o in a missing directory: nothing created"
echo '{ "defaultAction": "SCMP_ACT_BOGUS" }' >bad.json
echo old >out.bpf
expect_status 125 "a bad profile: 125" "$SR" export -p ./bad.json -o out.bpf
if [ "$(cat out.bpf)" = old ]; then ok "a bad profile: -o FILE untouched"; else
	fail "a bad profile: -o FILE untouched"; fi
expect_status 125 "-p unconfined: nothing to export, 125" "$SR" export -p unconfined -o u.bpf
stderr_has "unconfined" "-p unconfined: the message says why"
absent u.bpf "-p unconfined: no file"
expect_status 125 "--format elf: 125" "$SR" export --format elf
expect_status 125 "export takes no operands" "$SR" export extra

FAULTS=${SECCOMP_RUN_FAULTS:-$REPO/build/seccomp-run-faults}
if [ -x "$FAULTS" ]; then
	echo old >w.bpf
	expect_status 125 "a failed write: 125" env SECCOMP_RUN_FAULT=export-write \
		"$FAULTS" export -p ./allow.json -o w.bpf
	stderr_has "w.bpf" "a failed write: the message names the file"
	if [ "$(cat w.bpf)" = old ]; then ok "a failed write: the old file is untouched"; else
		fail "a failed write: the old file is untouched"; fi
	expect_status 125 "a failed write of a new file: 125" env SECCOMP_RUN_FAULT=export-write \
		"$FAULTS" export -p ./allow.json -o new.bpf
	absent new.bpf "a failed write: no new file"
	for leftover in .seccomp-run.*; do :; done
	if [ ! -e "$leftover" ]; then ok "a failed write: no temporary file left"; else
		fail "a failed write: no temporary file left" "$leftover"; fi
else
	skip "a failed write leaves nothing" "$FAULTS not built"
fi

# ------------------------------------------- the loaded filter is export's

# loaded DESC SR-ARGS...: the filter run loads for the probe equals
# export's output, byte for byte, and so does run --bpf of that file.
getfilter_ok=
"$GETFILTER" gf.probe "$SR" -p ./allow.json -- "$PROBE" getpid >/dev/null 2>gf.err
case $? in
0) getfilter_ok=1 ;;
3) skip "filters read back with PTRACE_SECCOMP_GET_FILTER" "$(cat gf.err)" ;;
*) fail "getfilter works" "$(cat gf.err)" ;;
esac
loaded() {
	_d=$1
	shift
	[ -n "$getfilter_ok" ] || return 0
	rm -f ld.*
	if ! "$SR" export -q "$@" -o ld.export.bpf 2>ld.err; then
		fail "$_d: export" "$(cat ld.err)"
		return
	fi
	if ! "$GETFILTER" ld.run.bpf "$SR" -q "$@" -- "$PROBE" getpid >/dev/null 2>ld.err; then
		fail "$_d: getfilter of run" "$(cat ld.err)"
	elif cmp -s ld.export.bpf ld.run.bpf; then
		ok "$_d: run loads export's bytes ($(($(wc -c <ld.run.bpf) / 8)) instructions)"
	else
		fail "$_d: run loads export's bytes" "$(cmp ld.export.bpf ld.run.bpf 2>&1)"
	fi
	if ! "$GETFILTER" ld.bpfrun.bpf "$SR" --bpf ld.export.bpf -- "$PROBE" getpid >/dev/null 2>ld.err; then
		fail "$_d: getfilter of run --bpf" "$(cat ld.err)"
	elif cmp -s ld.export.bpf ld.bpfrun.bpf; then
		ok "$_d: run --bpf loads the file's bytes"
	else
		fail "$_d: run --bpf loads the file's bytes" "$(cmp ld.export.bpf ld.bpfrun.bpf 2>&1)"
	fi
}
loaded "built-in default" -p runtime/default
loaded "built-in default, this process's caps"
loaded "Docker's default, --caps none" -p "$DOCKER_DEFAULT" --caps none
loaded "Docker's default, --caps all" -p "$DOCKER_DEFAULT" --caps all
loaded "Docker's default, --caps CAP_SYS_ADMIN" -p "$DOCKER_DEFAULT" --caps CAP_SYS_ADMIN
loaded "Docker's default, --caps CAP_SYS_PTRACE,CAP_SYSLOG" -p "$DOCKER_DEFAULT" \
	--caps CAP_SYS_PTRACE,CAP_SYSLOG
loaded "Docker's default, --no-enosys" -p "$DOCKER_DEFAULT" --no-enosys --caps none
loaded "Docker's default, --kernel 4.0" -p "$DOCKER_DEFAULT" --kernel 4.0 --caps none
loaded "an allow-list with flags LOG and SPEC_ALLOW" -p ./allowlist.json
loaded "an allow-list, --no-enosys" -p ./allowlist.json --no-enosys
loaded "an allow-default profile" -p ./allow.json
loaded "an empty flags list" -p ./flags-empty.json
[ -f "$SHARED/profiles/podman-default.json" ] &&
	loaded "podman's default (ENOSYS default: no stub)" -p "$SHARED/profiles/podman-default.json" --caps none
[ -f "$SHARED/profiles/docker-default-20.10.json" ] &&
	loaded "Docker 20.10's default" -p "$SHARED/profiles/docker-default-20.10.json" --caps none

finish
