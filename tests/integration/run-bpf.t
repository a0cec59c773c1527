# SPDX-License-Identifier: Apache-2.0
# run --bpf FILE: a raw filter from export instead of a profile. It behaves
# as the profile it came from; a file the kernel would refuse (or that is
# not a BPF program at all) is refused before anything runs, in one line.
# (That the loaded bytes are the file's is checked in export.t.)
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RAN=$T/ran

# refused DESC SR-ARGS...: 125, one "seccomp-run: " line, the program did
# not run.
refused() {
	_d=$1
	refuses "$@"
	case $ERR in
	*"
"*) fail "$_d: one line on stderr" "$(diag)" ;;
	"seccomp-run: "*) ok "$_d: one line on stderr" ;;
	*) fail "$_d: one line on stderr" "$(diag)" ;;
	esac
}

# ------------------------------------------- same outcomes as the profile

cat >errnos.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
    { "names": ["getpid", "uname"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 7,
      "args": [ { "index": 0, "value": 4294967296, "op": "SCMP_CMP_GE" } ] } ] }
EOF
CALLS="getpid getppid uname:0 getpgid:0 getpgid:0x100000000 mount clone3 nr:1000 nr:400"
# same_outcome DESC SR-ARGS...: the probe's report under export's file
# equals its report under the profile.
same_outcome() {
	_d=$1
	shift
	if ! "$SR" export -q "$@" -o same.bpf 2>same.err; then
		fail "$_d: export" "$(cat same.err)"
		return
	fi
	# shellcheck disable=SC2086 # word list of probe calls
	_want=$("$SR" -q "$@" -- "$PROBE" $CALLS; echo "status=$?")
	# shellcheck disable=SC2086
	expect "$_d: run --bpf gives what -p gives" 0 "$_want" \
		sh -c '"$@"; echo "status=$?"' sh "$SR" --bpf same.bpf -- "$PROBE" $CALLS
}
same_outcome "built-in default" --caps none
same_outcome "built-in default, CAP_SYS_ADMIN" --caps CAP_SYS_ADMIN
same_outcome "Docker's default" -p "$DOCKER_DEFAULT" --caps none
same_outcome "Docker's default, --no-enosys" -p "$DOCKER_DEFAULT" --caps none --no-enosys
same_outcome "an allow-list with errnos and a 64-bit condition" -p ./errnos.json
same_outcome "an allow-list, --no-enosys" -p ./errnos.json --no-enosys
"$SR" export -p ./errnos.json -o errnos.bpf
expect "run --bpf: the outcomes themselves" 0 "$(lines getpid=OK getppid=ENOMSG \
	getpgid:0=EPERM getpgid:0x100000000=E2BIG mount=EPERM nr:1000=ENOSYS)" \
	"$SR" --bpf errnos.bpf -- "$PROBE" getpid getppid getpgid:0 getpgid:0x100000000 mount nr:1000
expect "run --bpf: no_new_privs set" 0 "NoNewPrivs=1" \
	"$SR" --bpf errnos.bpf -- "$PROBE" status:NoNewPrivs
# The raw file carries no flags: loaded with SPEC_ALLOW, as a profile
# without "flags" is.
printf '{ "defaultAction": "SCMP_ACT_ALLOW" }' >noflags.json
"$SR" export -p ./noflags.json -o noflags.bpf
expect "run --bpf: speculation control as for a profile without flags" 0 \
	"$("$SR" -p ./noflags.json -- "$PROBE" status:Speculation_Store_Bypass)" \
	"$SR" --bpf noflags.bpf -- "$PROBE" status:Speculation_Store_Bypass
expect_status 3 "run --bpf: the program's own exit status" "$SR" --bpf noflags.bpf -- sh -c 'exit 3'
run "$SR" -v --bpf errnos.bpf -- true
stderr_has "$(($(wc -c <errnos.bpf) / 8)) instructions" "run -v --bpf: says how many instructions"

# ------------------------------------------------------ files it refuses

# Hand-made programs, one sock_filter (code, jt, jf, k) per insn call, in
# host byte order: little-endian here.
if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" != 1 ]; then
	skip "hand-made BPF programs" "not a little-endian host"
	finish
fi
byte() {
	# shellcheck disable=SC2059 # the format is the octal escape
	printf "\\$(printf %03o "$1")"
}
insn() {
	byte $(($1 & 255))
	byte $(($1 >> 8 & 255))
	byte "$2"
	byte "$3"
	byte $(($4 & 255))
	byte $(($4 >> 8 & 255))
	byte $(($4 >> 16 & 255))
	byte $(($4 >> 24 & 255))
}
LD_ABS=32 JEQ=21 RET=6 LD_B_ABS=48
ALLOW=2147418112 ERRNO_EPERM=327681 KILL=0

insn $RET 0 0 $ALLOW >allow1.bpf
expect_status 0 "a one-instruction allow-all filter runs the program" \
	"$SR" --bpf allow1.bpf -- sh -c "touch '$RAN'"
if [ -e "$RAN" ]; then ok "allow-all: the program ran"; else fail "allow-all: the program ran"; fi
rm -f "$RAN"

# 4096 instructions is the kernel's limit, and fine; 4097 is not.
cp allow1.bpf big.bpf
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do cat big.bpf big.bpf >big2.bpf && mv big2.bpf big.bpf; done
expect_status 0 "4096 instructions: runs" "$SR" --bpf big.bpf -- true
cat allow1.bpf >>big.bpf
refused "4097 instructions" --bpf big.bpf

: >empty.bpf
refused "an empty file" --bpf empty.bpf
stderr_has "empty.bpf" "an empty file: the message names it"
printf 'abcdefghijk' >odd.bpf
refused "11 bytes, not a multiple of 8" --bpf odd.bpf
stderr_has "multiple of 8" "11 bytes: the message says what was expected"
{ insn $LD_B_ABS 0 0 0; insn $RET 0 0 $ALLOW; } >opcode.bpf
refused "a byte load (an opcode seccomp refuses)" --bpf opcode.bpf
stderr_has "instruction 0" "bad opcode: the message names the instruction"
printf '\377\377\0\0\0\0\0\0' >garbage.bpf
refused "opcode 0xffff" --bpf garbage.bpf
{ insn $LD_ABS 0 0 0; insn $JEQ 5 0 39; insn $RET 0 0 $ALLOW; } >jump.bpf
refused "a jump past the end" --bpf jump.bpf
stderr_has "instruction 1" "jump past the end: the message names the instruction"
{ insn $RET 0 0 $ALLOW; insn $LD_ABS 0 0 0; } >noret.bpf
refused "no return at the end" --bpf noret.bpf
{ insn $LD_ABS 0 0 64; insn $RET 0 0 $ALLOW; } >ld64.bpf
refused "a load past seccomp_data (offset 64)" --bpf ld64.bpf
{ insn $LD_ABS 0 0 2; insn $RET 0 0 $ALLOW; } >ld2.bpf
refused "a misaligned load (offset 2)" --bpf ld2.bpf
mkdir dir.bpf
refused "a directory" --bpf dir.bpf
refused "a missing file" --bpf ./no-such.bpf
stderr_has "no-such.bpf" "a missing file: the message names it"
refused "--bpf with -p" --bpf allow1.bpf -p runtime/default
refused "--bpf without a value" --bpf

# ----------------------------------------------------- execve denied: 126

if is_x86_64; then
	# nr == execve (59) ? ERRNO(EPERM) : ALLOW
	{ insn $LD_ABS 0 0 0; insn $JEQ 0 1 59; insn $RET 0 0 $ERRNO_EPERM; insn $RET 0 0 $ALLOW; } >noexec.bpf
	expect_status 126 "a BPF file that denies execve: 126" \
		"$SR" --bpf noexec.bpf -- sh -c "touch '$RAN'"
	stderr_has "execve" "execve denied: the message says so"
	absent "$RAN" "execve denied: the program did not run"
	{ insn $LD_ABS 0 0 0; insn $JEQ 0 1 59; insn $RET 0 0 $KILL; insn $RET 0 0 $ALLOW; } >killexec.bpf
	expect_status 126 "a BPF file that kills on execve: 126, not SIGSYS" \
		"$SR" --bpf killexec.bpf -- sh -c "touch '$RAN'"
	absent "$RAN" "kill on execve: the program did not run"
else
	skip "a BPF file that denies execve" "syscall numbers of x86_64"
fi

finish
