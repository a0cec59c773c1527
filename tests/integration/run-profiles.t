# SPDX-License-Identifier: Apache-2.0
# Every real-world profile in $SHARED/profiles, with the outcome each must
# have here, and the profile formats (OCI config.json, legacy name, podman
# errno names, comments, key case, unknown keys and names).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

PROFILES=$SHARED/profiles
if [ ! -d "$PROFILES" ]; then
	skip "shared profiles" "no $PROFILES"
	finish
fi
covered=" "

# case FILE STATUS STDOUT STDERR-SUBSTRING CMD...: one row of the table
case_() {
	_f=$1 _st=$2 _out=$3 _err=$4
	shift 4
	covered="$covered$_f "
	expect "$_f: $*: status $_st" "$_st" "$_out" "$SR" -p "$PROFILES/$_f" -- "$@"
	if [ -n "$_err" ]; then
		stderr_has "$_err" "$_f: stderr says '$_err'"
	elif [ "$_st" = 0 ]; then
		if [ -z "$ERR" ]; then ok "$_f: no warnings"; else
			fail "$_f: no warnings" "$(diag)"; fi
	fi
}

# shellcheck disable=SC2016
{
case_ audit.json 0 "$(lines getppid=OK uname=EFAULT nr:1000=ENOSYS)" "" \
	"$PROBE" getppid uname nr:1000
case_ violation.json 126 "" "execve" "$PROBE" getppid
case_ fine-grained.json 0 "$(lines getppid=EPERM getpid=OK nr:1000=ENOSYS)" "" \
	"$PROBE_STATIC" getppid getpid nr:1000
case_ docker-default.json 0 "$(lines getppid=OK personality:8=OK personality:9=EPERM nr:1000=ENOSYS)" "" \
	"$PROBE" getppid personality:8 personality:9 nr:1000
case_ docker-default-20.10.json 0 "$(lines getppid=OK personality:8=OK personality:9=EPERM nr:1000=ENOSYS)" "" \
	"$PROBE" getppid personality:8 personality:9 nr:1000
case_ podman-default.json 0 "$(lines getppid=OK swapon=EPERM io_uring_setup=ENOSYS nr:400=ENOSYS nr:1000=ENOSYS)" "" \
	"$PROBE" getppid swapon io_uring_setup nr:400 nr:1000
case_ moby-fixture-example.json 125 "" "syscalls[3].errnoRet" "$PROBE" getppid
case_ moby-fixture-conditional-include.json 126 "" "execve" "$PROBE" getppid
case_ moby-fixture-default-old-format.json 0 "$(lines getppid=OK unshare=EPERM nr:1000=ENOSYS)" "" \
	"$PROBE" getppid unshare nr:1000
case_ runc-test-seccomp-syscall-test1.json 0 "$(lines getppid=OK personality=EPERM mount=EPERM nr:1000=ENOSYS)" "" \
	"$PROBE" getppid personality mount nr:1000
case_ runc-test-seccomp-syscall-test2.json 0 "$(lines getppid=OK personality=ENXIO mount=ENXIO nr:1000=ENOSYS)" "" \
	"$PROBE" getppid personality mount nr:1000
case_ spo-security-profiles-operator.json 0 "$(lines getppid=OK personality=EPERM)" "" \
	"$PROBE" getppid personality
# No exit_group (nor exit) in this allow-list: glibc's _exit falls through to
# hlt and the probe dies of SIGSEGV after its output. The program's own doing.
case_ spo-bpf-recorder.json 139 "getppid=OK" "" "$PROBE" getppid
}

for f in "$PROFILES"/*.json; do
	b=$(basename "$f")
	case $covered in
	*" $b "*) ;;
	*) fail "$b is in the table of expected outcomes" "add a case_ row for it" ;;
	esac
done

# podman's profile: acct needs CAP_SYS_PACCT, EPERM without it.
expect "podman default: acct EPERM without CAP_SYS_PACCT" 0 \
	"$(lines acct=EPERM)" "$SR" --caps none -p "$PROFILES/podman-default.json" -- "$PROBE" acct
if is_root; then
	expect "podman default with CAP_SYS_PACCT: acct reaches the kernel (EFAULT)" 0 \
		"$(lines acct=EFAULT)" "$SR" --caps CAP_SYS_PACCT -p "$PROFILES/podman-default.json" -- "$PROBE" acct
else
	skip "podman default with CAP_SYS_PACCT" "acct(2) needs root to reach the pointer check"
fi

# ------------------------------------------------------------------ formats
GETPPID42='{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 }'

cat >config.json <<EOF
{
	"ociVersion": "1.0.2",
	"process": { "args": ["/bin/true"], "cwd": "/" },
	"root": { "path": "rootfs" },
	"linux": {
		"namespaces": [ { "type": "pid" } ],
		"seccomp": { "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ $GETPPID42 ] }
	}
}
EOF
expect "a whole OCI config.json: its linux.seccomp applies" 0 "getppid=ENOMSG" \
	"$SR" -p ./config.json -- "$PROBE" getppid

cat >config-nosec.json <<'EOF'
{ "ociVersion": "1.0.2", "process": { "args": ["/bin/true"] }, "linux": {} }
EOF
expect_status 125 "an OCI config.json without linux.seccomp is refused" \
	"$SR" -p ./config-nosec.json -- "$PROBE" getppid

cat >legacy.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "name": "getppid", "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
expect "legacy 'name' instead of 'names'" 0 "$(lines getppid=ENOMSG getpid=OK)" \
	"$SR" -p ./legacy.json -- "$PROBE" getppid getpid

cat >both.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "name": "getpid", "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }
EOF
expect_status 125 "both 'name' and 'names' is refused" "$SR" -p ./both.json -- "$PROBE" getppid
stderr_has "syscalls[0]" "both name and names: the message has the JSON path"

cat >archboth.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86"],
  "archMap": [ { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": [] } ] }
EOF
expect_status 125 "both 'architectures' and 'archMap' is refused" \
	"$SR" -p ./archboth.json -- "$PROBE" getppid

cat >podman.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errno": "ENOMSG" },
                { "names": ["getpid"], "action": "SCMP_ACT_ERRNO", "errno": "EIDRM", "errnoRet": 43 } ] }
EOF
expect "podman's errno by name (alone, and with an agreeing errnoRet)" 0 \
	"$(lines getppid=ENOMSG getpid=EIDRM)" "$SR" -p ./podman.json -- "$PROBE" getppid getpid

cat >podmandef.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "ENOMSG", "syscalls": [ $BASE_RULE ] }
EOF
expect "podman's defaultErrno by name" 0 "getppid=ENOMSG" \
	"$SR" -p ./podmandef.json -- "$PROBE" getppid

cat >comments.json <<EOF
// a profile from a vendor's documentation
{
	"defaultAction": "SCMP_ACT_ALLOW", /* everything else runs */
	"syscalls": [ $GETPPID42 ]
}
EOF
expect "// and /* */ comments are accepted" 0 "getppid=ENOMSG" \
	"$SR" -p ./comments.json -- "$PROBE" getppid

cat >keycase.json <<'EOF'
{ "DefaultAction": "SCMP_ACT_ALLOW",
  "Syscalls": [ { "Names": ["getppid"], "Action": "SCMP_ACT_ERRNO", "ErrnoRet": 42 } ] }
EOF
expect "keys in another case are accepted (like Go)" 0 "getppid=ENOMSG" \
	"$SR" -p ./keycase.json -- "$PROBE" getppid
stderr_has "DefaultAction" "keys in another case: a warning names the key"
expect "-q silences the key-case warning" 0 "getppid=ENOMSG" \
	"$SR" -q -p ./keycase.json -- "$PROBE" getppid
stderr_lacks "DefaultAction" "-q: no warning"
expect_status 125 "--strict makes the key-case warning an error" \
	"$SR" --strict -p ./keycase.json -- "$PROBE" getppid

cat >unknownkey.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW", "bogusKey": 1, "syscalls": [ $GETPPID42 ] }
EOF
expect "an unknown key is ignored" 0 "getppid=ENOMSG" \
	"$SR" -p ./unknownkey.json -- "$PROBE" getppid
stderr_lacks "bogusKey" "unknown key: no warning without -v"
expect "an unknown key under -v" 0 "getppid=ENOMSG" \
	"$SR" -v -p ./unknownkey.json -- "$PROBE" getppid
stderr_has "bogusKey" "unknown key: -v names it"

cat >unknownname.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["no_such_syscall_xyz", "getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
expect "an unknown syscall name is skipped, the rule's other names apply" 0 \
	"getppid=ENOMSG" "$SR" -p ./unknownname.json -- "$PROBE" getppid
stderr_has "no_such_syscall_xyz" "unknown name in a stricter-than-default rule: warned"
expect_status 125 "--strict: an unknown name in a stricter rule is an error" \
	"$SR" --strict -p ./unknownname.json -- "$PROBE" getppid
stderr_has "no_such_syscall_xyz" "--strict: the error names the syscall"
expect "-q: no warning for the unknown name" 0 "getppid=ENOMSG" \
	"$SR" -q -p ./unknownname.json -- "$PROBE" getppid
stderr_lacks "no_such_syscall_xyz" "-q: the unknown name is not mentioned"

cat >flags.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
  "syscalls": [ $GETPPID42 ] }
EOF
expect "flags LOG and SPEC_ALLOW are accepted" 0 "getppid=ENOMSG" \
	"$SR" -p ./flags.json -- "$PROBE" getppid

cat >nosyscalls.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": null }
EOF
expect "syscalls null with default ALLOW: a filter that allows everything" 0 \
	"$(lines getppid=OK Seccomp=2)" "$SR" -p ./nosyscalls.json -- "$PROBE" getppid status:Seccomp

cat >bigmask.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
    "args": [ { "index": 0, "value": 18446744073709551615, "valueTwo": 18446744073709551614,
                "op": "SCMP_CMP_MASKED_EQ" } ] } ] }
EOF
expect "value and valueTwo near 2^64 are read exactly" 0 \
	"$(lines getppid:-2=ENOMSG getppid:-1=OK getppid:0xfffffffffffffffe=ENOMSG getppid:0xfffffffffffffffc=OK)" \
	"$SR" -p ./bigmask.json -- "$PROBE" getppid:-2 getppid:-1 getppid:0xfffffffffffffffe getppid:0xfffffffffffffffc

finish
