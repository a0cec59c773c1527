# SPDX-License-Identifier: Apache-2.0
# simulate: the verdict of the compiled filter for a call, from our own BPF
# interpreter, and --disasm. The second half holds the interpreter to the
# kernel: for every tuple, what simulate says equals what the probe sees
# running under the same filter.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! is_x86_64; then
	skip "simulate" "the expected outputs are x86_64's (this is $(uname -m))"
	finish
fi

# A small profile whose whole program fits in a test (libseccomp 2.5.4).
cat >tiny.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    { "names": ["getpid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["kill"], "action": "SCMP_ACT_KILL_PROCESS" },
    { "names": ["personality"], "action": "SCMP_ACT_LOG",
      "args": [ { "index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getppid"], "action": "SCMP_ACT_TRACE", "errnoRet": 7 } ] }
EOF

# ------------------------------------------------------------ text output

expect "a name, a number, and each arch spelling give the same call" 0 \
	"$(lines 'x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions' \
		'x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions' \
		'x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions' \
		'x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions' \
		'x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions')" \
	"$SR" simulate -p ./tiny.json getpid 39 x86_64/getpid SCMP_ARCH_X86_64/39 amd64/0x27

expect "every action: LOG, TRACE(data), KILL_PROCESS, the default ERRNO, the stub's ENOSYS" 0 \
	"$(lines 'x86_64 personality(0xffffffff) [nr 135]: SCMP_ACT_LOG after 12 instructions' \
		'x86_64 getppid() [nr 110]: SCMP_ACT_TRACE(7) after 8 instructions' \
		'x86_64 kill(0, 9) [nr 62]: SCMP_ACT_KILL_PROCESS after 7 instructions' \
		'x86_64 uname() [nr 63]: SCMP_ACT_ERRNO(EPERM) after 8 instructions' \
		'x86_64 ?() [nr 1000]: SCMP_ACT_ERRNO(ENOSYS) after 8 instructions' \
		'x86_64 clone3() [nr 435]: SCMP_ACT_ERRNO(ENOSYS) after 8 instructions')" \
	"$SR" simulate -p ./tiny.json personality:0xffffffff getppid kill:0,9 uname 1000 clone3

expect "args: decimal, hex, negative (64-bit two's complement), six of them" 0 \
	"$(lines 'x86_64 personality(0xffffffffffffffff) [nr 135]: SCMP_ACT_ERRNO(EPERM) after 10 instructions' \
		'x86_64 personality(0x1ffffffff) [nr 135]: SCMP_ACT_ERRNO(EPERM) after 10 instructions' \
		'x86_64 personality(0xffffffff) [nr 135]: SCMP_ACT_LOG after 12 instructions' \
		'x86_64 getpid(1, 2, 0x10000, 0x8000000000000000, 65535, 0) [nr 39]: SCMP_ACT_ALLOW after 7 instructions')" \
	"$SR" simulate -p ./tiny.json personality:-1 personality:0x1FFFFFFFF \
	personality:4294967295 getpid:1,0x2,65536,-9223372036854775808,0xffff,0

expect "--no-enosys: a number above the profile's highest gets the default action" 0 \
	'x86_64 ?() [nr 1000]: SCMP_ACT_ERRNO(EPERM) after 7 instructions' \
	"$SR" simulate -p ./tiny.json --no-enosys 1000

expect "arches not in the filter: the filter's bad-arch path answers, and says so" 0 \
	"$(lines 'x86 getpid() [nr 20]: SCMP_ACT_KILL_THREAD after 3 instructions (arch not in the filter)' \
		'x86 getpid() [nr 20]: SCMP_ACT_KILL_THREAD after 3 instructions (arch not in the filter)' \
		'x32 getpid() [nr 0x40000027]: SCMP_ACT_KILL_THREAD after 8 instructions (arch not in the filter)' \
		'x32 getpid() [nr 0x40000027]: SCMP_ACT_KILL_THREAD after 8 instructions (arch not in the filter)' \
		'x32 getpid() [nr 0x40000027]: SCMP_ACT_KILL_THREAD after 8 instructions (arch not in the filter)' \
		'aarch64 getpid() [nr 172]: SCMP_ACT_KILL_THREAD after 3 instructions (arch not in the filter)')" \
	"$SR" simulate -p ./tiny.json i386/getpid x86/20 x32/getpid x32/39 0x40000027 arm64/getpid

# Docker's default lists x86_64, x86 and x32 (archMap).
expect "Docker's default: i386 names and numbers, args cut to 32 bits on i386" 0 \
	"$(lines 'x86 socket(40) [nr 359]: SCMP_ACT_ERRNO(EPERM) after 15 instructions' \
		'x86 socket(2) [nr 359]: SCMP_ACT_ALLOW after 14 instructions' \
		'x86 personality(0xffffffff) [nr 136]: SCMP_ACT_ALLOW after 13 instructions' \
		'x86_64 personality(0xffffffffffffffff) [nr 135]: SCMP_ACT_ERRNO(EPERM) after 13 instructions' \
		'x86 personality(0xffffffff) [nr 136]: SCMP_ACT_ALLOW after 13 instructions' \
		'x32 getpid() [nr 0x40000027]: SCMP_ACT_ALLOW after 11 instructions')" \
	"$SR" simulate -p "$DOCKER_DEFAULT" i386/socket:40 i386/359:2 i386/personality:-1 \
	personality:-1 x86/personality:0x1ffffffff x32/getpid

expect "--caps and --kernel select the rules as run would" 0 \
	"$(lines 'x86_64 clone3() [nr 435]: SCMP_ACT_ERRNO(ENOSYS) after 11 instructions' \
		'x86_64 ptrace() [nr 101]: SCMP_ACT_ERRNO(EPERM) after 11 instructions' \
		'x86_64 clone(0x10000000) [nr 56]: SCMP_ACT_ERRNO(EPERM) after 17 instructions')" \
	"$SR" simulate -p "$DOCKER_DEFAULT" --caps none --kernel 4.7 clone3 ptrace clone:0x10000000
expect "... and with CAP_SYS_ADMIN clone3 and namespace flags pass" 0 \
	"$(lines 'x86_64 clone3() [nr 435]: SCMP_ACT_ALLOW after 12 instructions' \
		'x86_64 clone(0x10000000) [nr 56]: SCMP_ACT_ALLOW after 11 instructions')" \
	"$SR" simulate -p "$DOCKER_DEFAULT" --caps CAP_SYS_ADMIN clone3 clone:0x10000000

expect "--arch: calls default to that arch" 0 \
	"$(lines 'aarch64 getpid() [nr 172]: SCMP_ACT_ALLOW after 7 instructions' \
		'x86_64 getpid() [nr 39]: SCMP_ACT_KILL_THREAD after 3 instructions (arch not in the filter)')" \
	"$SR" simulate -p ./tiny.json --arch arm64 getpid x86_64/getpid

expect "unconfined: every call is allowed, no filter runs" 0 \
	"$(lines 'x86_64 socket(40) [nr 41]: SCMP_ACT_ALLOW (unconfined: no filter)' \
		'x86 getpid() [nr 20]: SCMP_ACT_ALLOW (unconfined: no filter)')" \
	"$SR" simulate -p unconfined socket:40 i386/getpid

# ------------------------------------------------------------ JSON output

expect "--format json: one object a line, every field" 0 \
	"$(lines '{"call":"getpid","arch":"x86_64","audit_arch":3221225534,"syscall":"getpid","nr":39,"args":[0,0,0,0,0,0],"action":"SCMP_ACT_ALLOW","data":0,"ret":2147418112,"instructions":7,"in_filter":true,"unconfined":false}' \
		'{"call":"1000","arch":"x86_64","audit_arch":3221225534,"syscall":null,"nr":1000,"args":[0,0,0,0,0,0],"action":"SCMP_ACT_ERRNO","errno":38,"errno_name":"ENOSYS","data":38,"ret":327718,"instructions":8,"in_filter":true,"unconfined":false}' \
		'{"call":"i386/personality:-1,2","arch":"x86","audit_arch":1073741827,"syscall":"personality","nr":136,"args":[4294967295,2,0,0,0,0],"action":"SCMP_ACT_KILL_THREAD","data":0,"ret":0,"instructions":3,"in_filter":false,"unconfined":false}' \
		'{"call":"getppid","arch":"x86_64","audit_arch":3221225534,"syscall":"getppid","nr":110,"args":[0,0,0,0,0,0],"action":"SCMP_ACT_TRACE","data":7,"ret":2146435079,"instructions":8,"in_filter":true,"unconfined":false}')" \
	"$SR" simulate -p ./tiny.json --format json getpid 1000 i386/personality:-1,2 getppid

cat >errno4000.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 4000, "syscalls": [] }
EOF
expect "an errno without a name: the number in text, null errno_name in JSON" 0 \
	"$(lines 'x86_64 getpid() [nr 39]: SCMP_ACT_ERRNO(4000) after 5 instructions' \
		'{"call":"getpid","arch":"x86_64","audit_arch":3221225534,"syscall":"getpid","nr":39,"args":[0,0,0,0,0,0],"action":"SCMP_ACT_ERRNO","errno":4000,"errno_name":null,"data":4000,"ret":331680,"instructions":5,"in_filter":true,"unconfined":false}')" \
	sh -c '"$1" simulate -p ./errno4000.json getpid && "$1" simulate -p ./errno4000.json --format json getpid' sh "$SR"

expect "--format json, unconfined: instructions 0, in_filter null" 0 \
	'{"call":"x32/39:1","arch":"x32","audit_arch":3221225534,"syscall":"getpid","nr":1073741863,"args":[1,0,0,0,0,0],"action":"SCMP_ACT_ALLOW","data":0,"ret":2147418112,"instructions":0,"in_filter":null,"unconfined":true}' \
	"$SR" simulate -p unconfined --format json x32/39:1

# ---------------------------------------------------------------- disasm

tiny_disasm=$(lines \
	'   0: ld   arch' \
	'   1: jeq  AUDIT_ARCH_X86_64 jt 2 jf 15' \
	'   2: ld   nr' \
	'   3: jge  111 jt 11 jf 4' \
	'   4: jge  62 jt 7 jf 5' \
	'   5: jeq  39 jt 6 jf 23' \
	'   6: ret  ALLOW' \
	'   7: jge  63 jt 9 jf 8' \
	'   8: ret  KILL_PROCESS' \
	'   9: jge  110 jt 10 jf 23' \
	'  10: ret  TRACE(7)' \
	'  11: jge  0x40000000 jt 12 jf 16' \
	'  12: jge  0xc0000000 jt 14 jf 13' \
	'  13: jge  0x80000000 jt 18 jf 15' \
	'  14: jge  0xffffffff jt 23 jf 15' \
	'  15: ret  KILL_THREAD' \
	'  16: jge  135 jt 17 jf 23' \
	'  17: jge  136 jt 18 jf 19' \
	'  18: ret  ERRNO(ENOSYS)' \
	'  19: ld   args[0].hi' \
	'  20: jeq  0 jt 21 jf 23' \
	'  21: ld   args[0].lo' \
	'  22: jeq  0xffffffff jt 24 jf 23' \
	'  23: ret  ERRNO(EPERM)' \
	'  24: ret  LOG')
expect "--disasm alone: the whole program, stub included" 0 "$tiny_disasm" \
	"$SR" simulate -p ./tiny.json --disasm
expect "--disasm with calls: the program, a blank line, the verdicts" 0 \
	"$tiny_disasm

x86_64 getpid() [nr 39]: SCMP_ACT_ALLOW after 7 instructions" \
	"$SR" simulate -p ./tiny.json --disasm getpid
run "$SR" export -p ./tiny.json -o tiny.bpf
if [ "$STATUS" = 0 ] && [ "$(wc -c <tiny.bpf)" -eq $((25 * 8)) ]; then
	ok "--disasm shows as many instructions as export writes (25)"
else
	fail "--disasm shows as many instructions as export writes (25)" "$(diag)"
fi
expect "--disasm of no filter" 0 "unconfined: no filter" \
	"$SR" simulate -p unconfined --disasm

# The search starts from the arch, the native one first; the numbers each
# arch's stub sends to ENOSYS are one more range of its search.
run "$SR" simulate -p "$DOCKER_DEFAULT" --disasm
expect "--disasm of Docker's default: x86_64, then i386, then the bad-arch kill" 0 "$(lines \
	'   0: ld   arch' \
	'   1: jeq  AUDIT_ARCH_X86_64 jt 121 jf 2' \
	'   2: jeq  AUDIT_ARCH_I386 jt 4 jf 3' \
	'   3: ret  KILL_THREAD' \
	'   4: ld   nr')" \
	sh -c '"$1" simulate --caps none -p "$2" --disasm | head -n 5' sh "$SR" "$DOCKER_DEFAULT"

# ---------------------------------------------------------------- errors

# err_case DESC MESSAGE CALL...: status 125, MESSAGE on stderr, no stdout
err_case() {
	_d=$1 _m=$2
	shift 2
	expect "$_d" 125 "" "$SR" simulate -p ./tiny.json "$@"
	stderr_has "$_m" "$_d: message"
}
err_case "unknown syscall name" \
	"seccomp-run: simulate: nosuchcall:1: unknown syscall 'nosuchcall' on x86_64" \
	getpid nosuchcall:1
err_case "a name other arches have" \
	"seccomp-run: simulate: aarch64/open: libseccomp knows no syscall 'open' on aarch64" \
	aarch64/open
err_case "unknown arch" "seccomp-run: simulate: vax/getpid: unknown architecture 'vax'" \
	vax/getpid
err_case "a number past 32 bits" \
	"seccomp-run: simulate: 0x100000000: bad syscall number '0x100000000'" 0x100000000
err_case "a bad number" "seccomp-run: simulate: 12x: bad syscall number '12x'" 12x
err_case "a bad argument" "seccomp-run: simulate: getpid:1,zz: bad argument 'zz'" getpid:1,zz
err_case "an empty argument" "seccomp-run: simulate: getpid:1,,2: bad argument ''" getpid:1,,2
err_case "an argument past 64 bits" \
	"seccomp-run: simulate: getpid:0x10000000000000000: bad argument" getpid:0x10000000000000000
err_case "seven arguments" "seccomp-run: simulate: getpid:1,2,3,4,5,6,7: more than 6 arguments" \
	getpid:1,2,3,4,5,6,7
err_case "no syscall" "seccomp-run: simulate: x86/: no syscall" x86/
expect "no call and no --disasm: usage error" 125 "" "$SR" simulate -p ./tiny.json
stderr_has "simulate: no call given" "no call: message"
expect "--disasm with --format json is refused" 125 "" \
	"$SR" simulate -p ./tiny.json --disasm --format json getpid
expect "a bad profile fails as run would" 125 "" "$SR" simulate -p ./missing.json getpid

# ========================================================================
# The interpreter against the kernel.
#
# Each check takes a profile (with seccomp-run options) and a list of
# tuples in simulate's syntax. simulate gives a verdict for each; the probe
# then makes the same calls under `seccomp-run -p PROFILE -- probe`, and the
# result must be what the verdict implies:
#   ALLOW, LOG       what the call returns with no filter (a probe run
#                    without one, of the allowed calls only)
#   ERRNO(E)         =E
#   TRACE            =ENOSYS (no tracer is attached)
#   KILL_*, TRAP     the probe dies of SIGSYS (159) at that call
# Probe runs are cut after each fatal call. Calls the filter allows are
# really made, so allowed tuples must be harmless: the probe's own calls
# with its default arguments, or calls that ignore their arguments.
# ========================================================================

if ! have_i386; then
	skip "the interpreter against the kernel" "needs the i386 ABI (int 0x80)"
	finish
fi

compared=0
kinds=' '

# kcompare DESC PROFILE [SR-OPTION...] -- CALL...
kcompare() {
	_desc=$1 _prof=$2
	shift 2
	_opts=
	while [ "$1" != -- ]; do
		_opts="$_opts $1"
		shift
	done
	shift
	# shellcheck disable=SC2086 # options are words
	run "$SR" simulate -p "$_prof" $_opts "$@"
	if [ "$STATUS" != 0 ]; then
		fail "$_desc: simulate" "$(diag)"
		return
	fi
	printf '%s\n' "$OUT" >"$T/sim"
	# The calls in the probe's syntax: numbers as nr:N, i386/ as i386:
	# (whose table has names and numbers).
	printf '%s\n' "$@" | sed -e 's|^i386/|i386:|' -e 's|^[0-9]|nr:&|' >"$T/plan"
	# plan: PROBE-CALL VERDICT, where VERDICT is RUN, KILL or the errno.
	awk 'NR == FNR { v = $0; sub(/.*\]: /, "", v); sub(/ .*/, "", v); act[FNR] = v; next }
	{
		a = act[FNR]
		if (a == "SCMP_ACT_ALLOW" || a == "SCMP_ACT_LOG") e = "RUN"
		else if (a ~ /^SCMP_ACT_ERRNO\(/) {
			e = a; sub(/^SCMP_ACT_ERRNO\(/, "", e); sub(/\)$/, "", e)
			# errno 0: the call "succeeds" without running
			if (e == "0") e = "OK"
			else if (e ~ /^[0-9]/) e = "E" e
		} else if (a ~ /^SCMP_ACT_TRACE/) e = "ENOSYS"
		else if (a == "SCMP_ACT_KILL_PROCESS" || a == "SCMP_ACT_KILL_THREAD" ||
			 a == "SCMP_ACT_TRAP") e = "KILL"
		else e = "UNKNOWN-" a
		print $0, e, a
	}' "$T/sim" "$T/plan" >"$T/plan2"
	# What the allowed calls do with no filter.
	# shellcheck disable=SC2046 # one word per call
	"$PROBE" $(awk '$2 == "RUN" { print $1 }' "$T/plan2") >"$T/base" 2>&1 </dev/null
	awk 'NR == FNR { r = $0; sub(/^.*=/, "", r); base[FNR] = r; next }
	{ if ($2 == "RUN") { n++; $2 = base[n] } print }' "$T/base" "$T/plan2" >"$T/plan3"
	# shellcheck disable=SC2013 # one word per line
	for _k in $(awk '{ a = $3; sub(/\(.*/, "", a); print a }' "$T/plan3" | sort -u); do
		case $kinds in *" $_k "*) ;; *) kinds="$kinds$_k " ;; esac
	done

	_segment='' _want='' _bad='' _n=0
	while read -r _p _e _a; do
		_n=$((_n + 1))
		_segment="$_segment $_p"
		if [ "$_e" != KILL ]; then
			_want="$_want$_p=$_e
"
			continue
		fi
		# shellcheck disable=SC2086 # options and calls are words
		run "$SR" -p "$_prof" $_opts -- "$PROBE" $_segment </dev/null
		if [ "$STATUS" != 159 ] || [ "$OUT" != "${_want%
}" ]; then
			_bad="$_bad$(printf '%s\n' "up to $_p (expected to be killed):" "$(diag)")
"
		fi
		_segment='' _want=''
	done <"$T/plan3"
	if [ -n "$_segment" ]; then
		# shellcheck disable=SC2086
		run "$SR" -p "$_prof" $_opts -- "$PROBE" $_segment </dev/null
		if [ "$STATUS" != 0 ] || [ "$OUT" != "${_want%
}" ]; then
			_bad="$_bad$(printf '%s\n' "want:" "${_want%
}" "$(diag)")"
		fi
	fi
	compared=$((compared + _n))
	if [ -z "$_bad" ] && [ "$_n" = "$#" ]; then
		ok "kernel agrees with simulate: $_desc ($_n tuples)"
	else
		fail "kernel agrees with simulate: $_desc ($_n of $# tuples)" "$_bad"
	fi
}

# Docker's default, with the probe's own calls and arguments (by number),
# under several capability sets and kernel versions.
"$PROBE" defaults >probe-defaults || fail "probe defaults"
probe_calls=$(awk '{ print $2 ":" $3 }' probe-defaults)
# Arguments the profile's conditions look at: personality's values, the
# socket families (AF_VSOCK is 40) and clone's namespace flags (always with
# CLONE_SIGHAND and without CLONE_VM, so a clone the filter lets through
# fails with EINVAL instead of creating a child).
docker_args=
for v in 0 8 0x20000 0x20008 0xffffffff 1 0x10000 -1 0x100000008 0x1ffffffff 0x20009; do
	docker_args="$docker_args 135:$v,0,0,0,0,0"
done
for d in 1 2 10 16 40 41 0x100000028 -1; do
	for t in 1 2 0x80002; do
		docker_args="$docker_args 41:$d,$t,0,0,0,0"
	done
done
for f in 0x800 0x20800 0x4000800 0x8000800 0x10000800 0x20000800 0x40000800 \
	0x2000800 0x880 0x100000800 0x7e020800 0xffffffff00000800; do
	docker_args="$docker_args 56:$f,0,0,0,0,0"
done
# Numbers no kernel has: the ENOSYS stub's range, x32's and the top.
for n in 1000 2000 0x3fffffff 0x7fffffff 0x40000500 0x40000fff; do
	docker_args="$docker_args $n:0,0,0,0,0,0"
done
# i386: through the probe's table names and numbers.
i386_calls=
for c in getpid getppid getuid gettid umask getpgid personality:0xffffffff \
	personality:-1 personality:8 socket:40 socket:2,1,0 socket:-1 clone3 \
	pidfd_open:0,0 uname chmod mkdir kill:0,0 ioctl:-1 close:-1 read:-1 write:-1 \
	359:40,1 102:1,0 102:99,0 500 1000; do
	i386_calls="$i386_calls i386/$c"
done
# x32, by number (the kernel answers ENOSYS when it has no x32 support).
x32_calls=
for n in 39 110 102 0x1b3 0x200; do
	x32_calls="$x32_calls $(printf '%#x' $((n | 0x40000000))):0,0,0,0,0,0"
done
all_docker="$probe_calls $docker_args $i386_calls $x32_calls"
# shellcheck disable=SC2086 # word lists
{
	kcompare "Docker's default, this process's capabilities" "$DOCKER_DEFAULT" -- $all_docker
	kcompare "Docker's default, --caps none" "$DOCKER_DEFAULT" --caps none -- $all_docker
	kcompare "Docker's default, --caps CAP_SYS_ADMIN" "$DOCKER_DEFAULT" --caps CAP_SYS_ADMIN -- $all_docker
	kcompare "Docker's default, --caps with the admin capabilities, --kernel 4.7" \
		"$DOCKER_DEFAULT" --kernel 4.7 \
		--caps CAP_SYS_PTRACE,CAP_SYS_BOOT,CAP_SYS_MODULE,CAP_SYSLOG,CAP_SYS_TIME,CAP_SYS_PACCT,CAP_SYS_RAWIO,CAP_SYS_NICE,CAP_SYS_RESOURCE,CAP_SYS_TTY_CONFIG,CAP_SYS_CHROOT,CAP_BPF,CAP_PERFMON,CAP_DAC_READ_SEARCH \
		-- $all_docker
	kcompare "Docker's default, --no-enosys" "$DOCKER_DEFAULT" --no-enosys -- $all_docker
}
# Every operator, on every argument index, with 64-bit values, on x86_64
# and i386 (whose registers, and so whose arguments, are 32 bits). These
# calls ignore their arguments: only the filter decides, and each rule has
# its own errno.
cat >ops.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "architectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"],
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 4294967297, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
      "args": [ { "index": 1, "value": 18446462598732906496, "valueTwo": 1311673391471656960,
                  "op": "SCMP_CMP_MASKED_EQ" } ] },
    { "names": ["getpid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
      "args": [ { "index": 0, "value": 10, "op": "SCMP_CMP_NE" },
                { "index": 1, "value": 4294967295, "op": "SCMP_CMP_GT" } ] },
    { "names": ["gettid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
      "args": [ { "index": 2, "value": 4294967296, "op": "SCMP_CMP_LT" } ] },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 46,
      "args": [ { "index": 3, "value": 2147483648, "op": "SCMP_CMP_LE" } ] },
    { "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 47,
      "args": [ { "index": 4, "value": 18446744073709551614, "op": "SCMP_CMP_GE" } ] },
    { "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 48,
      "args": [ { "index": 5, "value": 9, "op": "SCMP_CMP_GT" } ] },
    { "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 49,
      "args": [ { "index": 0, "value": 65280, "valueTwo": 4608, "op": "SCMP_CMP_MASKED_EQ" },
                { "index": 0, "value": 5, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["sched_yield"], "action": "SCMP_ACT_LOG",
      "args": [ { "index": 2, "value": 4294967295, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["sched_yield"], "action": "SCMP_ACT_ERRNO", "errnoRet": 50,
      "args": [ { "index": 2, "value": 4294967295, "op": "SCMP_CMP_GE" } ] }
  ] }
EOF
values='0 1 5 9 10 11 0x1200 0x12ff 0x1300 0x7fffffff 0x80000000 0x80000001 0xffffffff
	0x100000000 0x100000001 0x1000012ff 0x1234000000000000 0x1234ffff00000000
	0xfffffffffffffffe -1'
# args_at INDEX VALUE: six arguments, VALUE at INDEX, 0 elsewhere
args_at() {
	_l='' _i=0
	while [ $_i -lt 6 ]; do
		if [ $_i = "$1" ]; then _l=$_l${_l:+,}$2; else _l=$_l${_l:+,}0; fi
		_i=$((_i + 1))
	done
	printf '%s\n' "$_l"
}
ops_calls=
for sc in getppid:0 getppid:1 getpid:0 gettid:2 getuid:3 geteuid:4 getgid:5 getegid:0 \
	sched_yield:2; do
	# the probe knows i386's sched_yield by number only
	i386=i386/${sc%:*}
	[ "$i386" = i386/sched_yield ] && i386=i386/158
	for v in $values; do
		a=$(args_at "${sc#*:}" "$v")
		ops_calls="$ops_calls ${sc%:*}:$a $i386:$a"
	done
done
# getpid's two conditions are ANDed: the pairs.
for a0 in 0 10 0x10000000a -1; do
	for a1 in 0 0xffffffff 0x100000000 -1; do
		ops_calls="$ops_calls getpid:$a0,$a1 i386/getpid:$a0,$a1"
	done
done
# shellcheck disable=SC2086 # word list
kcompare "every operator, 64-bit values, x86_64 and i386" ./ops.json -- $ops_calls

# Every action, as a rule and as the default; the filter's answer for
# arches it does not list. Calls that kill go one per probe run.
cat >actions.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 52,
  "syscalls": [ $BASE_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_LOG" },
    { "names": ["gettid"], "action": "SCMP_ACT_TRACE", "errnoRet": 7 },
    { "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 55 },
    { "names": ["sched_yield"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0 },
    { "names": ["geteuid"], "action": "SCMP_ACT_KILL" },
    { "names": ["getgid"], "action": "SCMP_ACT_KILL_PROCESS" },
    { "names": ["getegid"], "action": "SCMP_ACT_TRAP" },
    { "names": ["getpid"], "action": "SCMP_ACT_KILL_PROCESS",
      "args": [ { "index": 0, "value": 7, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getpid"], "action": "SCMP_ACT_ALLOW",
      "args": [ { "index": 0, "value": 7, "op": "SCMP_CMP_NE" } ] }
  ] }
EOF
kcompare "every action as a rule" ./actions.json -- getppid gettid getuid sched_yield \
	getpid getpid:8 uname 1000 0x40000027 getpid:7 getppid geteuid getpid getgid \
	getuid getegid getppid i386/getpid getpid 0x40000027 gettid

for def in SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG \
	SCMP_ACT_TRACE SCMP_ACT_ERRNO; do
	case $def in
	*ERRNO | *TRACE) eno=', "defaultErrnoRet": 56' ;;
	*) eno= ;;
	esac
	cat >dflt.json <<EOF
{ "defaultAction": "$def"$eno,
  "syscalls": [ $BASE_RULE, { "names": ["getppid"], "action": "SCMP_ACT_ALLOW" } ] }
EOF
	kcompare "default $def, and arches not in the filter" ./dflt.json -- \
		getppid getpid getppid uname:0 getppid 1000 getppid i386/getppid getppid \
		i386/getpid:7 0x40000027 getppid 0x4000006e getppid 0x7fffffff
done

missing=
for k in ALLOW LOG ERRNO TRACE TRAP KILL_THREAD KILL_PROCESS; do
	case $kinds in *" SCMP_ACT_$k "*) ;; *) missing="$missing $k" ;; esac
done
if [ -z "$missing" ]; then
	ok "kernel agrees with simulate on $compared tuples, every action among them"
else
	fail "kernel agrees with simulate on $compared tuples, every action among them" \
		"no tuple had:$missing"
fi

finish
