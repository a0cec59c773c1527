# SPDX-License-Identifier: Apache-2.0
# Architectures: includes/excludes.arches against the native Go-style token
# (amd64 here), the filter's architecture list (architectures, archMap), and
# what happens to i386 syscalls (int 0x80) of a 64-bit process.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! is_x86_64; then
	skip "architecture tests" "written for x86_64 hosts (this is $(uname -m))"
	finish
fi

cat >arches.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
		  "includes": { "arches": ["amd64"] } },
		{ "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
		  "includes": { "arches": ["arm64"] } },
		{ "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
		  "excludes": { "arches": ["amd64"] } },
		{ "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
		  "excludes": { "arches": ["arm64"] } },
		{ "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 46,
		  "includes": { "arches": ["arm64", "amd64"] } },
		{ "names": ["gettid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 47,
		  "includes": { "arches": ["x86_64", "x32", "SCMP_ARCH_X86_64"] } }
	]
}
EOF
expect "includes.arches amd64 kept, arm64 dropped; excludes the reverse; only the Go token matches" 0 \
	"$(lines getppid=ENOMSG getuid=OK getgid=OK getegid=EL2NSYNC geteuid=EL3HLT gettid=OK)" \
	"$SR" -p ./arches.json -- "$PROBE" getppid getuid getgid getegid geteuid gettid

if ! have_i386; then
	skip "i386 syscalls" "the kernel does not run int 0x80 (no IA32 emulation)"
	finish
fi

# archprof FILE ARCH-JSON: default ALLOW, getppid ERRNO(42), ARCH-JSON is
# an "architectures" or "archMap" member (or nothing)
archprof() {
	cat >"$1" <<EOF
{
	"defaultAction": "SCMP_ACT_ALLOW",${2:+
	$2,}
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 }
	]
}
EOF
}

expect "control: unfiltered i386 calls work" 0 \
	"$(lines i386:getpid=OK i386:getppid=OK i386:socket=EAFNOSUPPORT)" \
	"$SR" -p unconfined -- "$PROBE" i386:getpid i386:getppid i386:socket

archprof native.json ''
expect "no architectures: an i386 syscall is a bad arch and kills (SIGSYS)" 159 \
	"$(lines getppid=ENOMSG getpid=OK)" \
	"$SR" -p ./native.json -- "$PROBE" getppid getpid i386:getpid getpid

archprof x86.json '"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]'
expect "architectures with SCMP_ARCH_X86: i386 calls follow the rules" 0 \
	"$(lines i386:getpid=OK i386:getppid=ENOMSG getppid=ENOMSG i386:socket=EAFNOSUPPORT)" \
	"$SR" -p ./x86.json -- "$PROBE" i386:getpid i386:getppid getppid i386:socket

archprof x86only.json '"architectures": ["SCMP_ARCH_X86"]'
expect "architectures [SCMP_ARCH_X86] only: the native arch is filtered too" 0 \
	"$(lines i386:getppid=ENOMSG getppid=ENOMSG getpid=OK)" \
	"$SR" -p ./x86only.json -- "$PROBE" i386:getppid getppid getpid

archprof arm.json '"architectures": ["SCMP_ARCH_AARCH64"]'
expect "architectures [SCMP_ARCH_AARCH64]: native filtered, i386 killed" 159 \
	"getppid=ENOMSG" "$SR" -p ./arm.json -- "$PROBE" getppid i386:getpid

archprof map.json '"archMap": [
		{ "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] },
		{ "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] }
	]'
expect "archMap entry for x86_64 with sub-architecture X86: i386 calls follow the rules" 0 \
	"$(lines i386:getpid=OK i386:getppid=ENOMSG getppid=ENOMSG)" \
	"$SR" -p ./map.json -- "$PROBE" i386:getpid i386:getppid getppid

archprof maparm.json '"archMap": [
		{ "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] }
	]'
expect "archMap without an x86_64 entry: native only, i386 killed" 159 \
	"getppid=ENOMSG" "$SR" -p ./maparm.json -- "$PROBE" getppid i386:getpid

archprof mapnosub.json '"archMap": [
		{ "architecture": "SCMP_ARCH_X86_64", "subArchitectures": null }
	]'
expect "archMap x86_64 entry without sub-architectures: i386 killed" 159 \
	"getppid=ENOMSG" "$SR" -p ./mapnosub.json -- "$PROBE" getppid i386:getpid

# 32-bit ABIs compare the low 32 bits only (libseccomp drops the high half).
cat >arg32.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
		  "args": [ { "index": 0, "value": 4294967297, "op": "SCMP_CMP_EQ" } ] }
	]
}
EOF
expect "EQ 0x100000001: 64-bit compares all bits, i386 only the low 32" 0 \
	"$(lines getppid:1=OK getppid:0x100000001=ENOMSG i386:getppid:1=ENOMSG i386:getppid:2=OK)" \
	"$SR" -p ./arg32.json -- "$PROBE" getppid:1 getppid:0x100000001 i386:getppid:1 i386:getppid:2

# Names that exist only on i386 apply there and are no error on x86_64.
cat >names32.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
	"syscalls": [
		{ "names": ["socketcall"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
		{ "names": ["getuid32", "getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 }
	]
}
EOF
expect "i386-only names (socketcall 102, getuid32 199) filter i386 calls only" 0 \
	"$(lines i386:socketcall=ENOMSG i386:getuid32=EIDRM i386:getuid=OK i386:getppid=EIDRM getppid=EIDRM nr:102=OK)" \
	"$SR" -p ./names32.json -- "$PROBE" i386:socketcall i386:getuid32 i386:getuid i386:getppid getppid nr:102

# Default deny: i386 gets the default action and its own ENOSYS stub.
cat >deny32.json <<EOF
{
	"defaultAction": "SCMP_ACT_ERRNO",
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
	"syscalls": [ $BASE_RULE,
		{ "names": ["getppid"], "action": "SCMP_ACT_ALLOW" } ]
}
EOF
expect "default ERRNO with X86: i386 unlisted EPERM, listed OK, above the i386 maximum ENOSYS" 0 \
	"$(lines i386:getpid=EPERM i386:getppid=OK i386:1000=ENOSYS getpid=EPERM nr:1000=ENOSYS)" \
	"$SR" -p ./deny32.json -- "$PROBE" i386:getpid i386:getppid i386:1000 getpid nr:1000
expect "--no-enosys: i386 numbers above the maximum get the default too" 0 \
	"$(lines i386:1000=EPERM nr:1000=EPERM)" \
	"$SR" --no-enosys -p ./deny32.json -- "$PROBE" i386:1000 nr:1000

# Docker's default profile lists X86 for amd64 hosts.
expect "docker default: i386 calls allowed by its rules" 0 \
	"$(lines i386:getpid=OK i386:socket=EAFNOSUPPORT i386:personality:0xffffffff=OK)" \
	"$SR" -p "$DOCKER_DEFAULT" -- "$PROBE" \
	i386:getpid i386:socket i386:personality:0xffffffff

finish
