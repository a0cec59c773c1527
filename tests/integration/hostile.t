# SPDX-License-Identifier: Apache-2.0
# Hostile profiles: empty, blank, binary, huge, deep, wide, odd numbers,
# every field with every wrong JSON type, duplicate keys, comments, and
# files that are not plain files. Each is refused with status 125 and one
# line on stderr and nothing runs, or, where the profile is valid, the
# filter is really on. Every command runs under a timeout: a hang fails.
: "${TEST_TIMEOUT:=10}"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RAN=$T/ran
MAX=16777216 # the documented 16 MiB limit

# _refusal WANT: why the last run is not a clean refusal (125, nothing on
# stdout, the program did not run, stderr one line that contains WANT).
_refusal() {
	if [ "$STATUS" != 125 ]; then
		echo "expected status 125, got $STATUS"
	elif [ -e "$RAN" ] || [ -n "$OUT" ]; then
		echo "the program ran"
	elif [ -z "$ERR" ]; then
		echo "no message on stderr"
	elif [ "$(printf '%s\n' "$ERR" | wc -l)" -ne 1 ]; then
		echo "the message is not one line"
	else
		case $ERR in
		"seccomp-run: "*"$1"*) ;;
		*) echo "the message lacks: $1" ;;
		esac
	fi
}

# refused DESC WANT SR-ARGS...: seccomp-run SR-ARGS -- sh -c 'touch ran' is
# refused cleanly (see _refusal). stdin is the caller's.
refused() {
	_d=$1 _w=$2
	shift 2
	rm -f "$RAN"
	run "$SR" "$@" -- sh -c "touch '$RAN'"
	_why=$(_refusal "$_w")
	if [ -z "$_why" ]; then
		ok "$_d: 125, one line, nothing ran"
	else
		fail "$_d" "$_why" "$(diag)"
	fi
	rm -f "$RAN"
}

# ran_ok DESC SR-ARGS...: seccomp-run SR-ARGS -- sh -c 'touch ran' runs it.
ran_ok() {
	_d=$1
	shift
	rm -f "$RAN"
	run "$SR" "$@" -- sh -c "touch '$RAN'"
	if [ "$STATUS" = 0 ] && [ -e "$RAN" ]; then
		ok "$_d: the program runs"
	else
		fail "$_d: the program runs" "$(diag)"
	fi
	rm -f "$RAN"
}

# now_ms: a clock in milliseconds (GNU date).
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# spaces N FILE: FILE holds N spaces
spaces() {
	head -c "$1" /dev/zero | tr '\0' ' ' >"$2"
}

# overwrite FILE TEXT: TEXT at the start of FILE, the rest kept
overwrite() {
	printf '%s' "$2" | dd of="$1" conv=notrunc 2>/dev/null
}

# read_bytes LOG: bytes returned by every read(2) in an strace log
read_bytes() {
	awk '/^read\(/ { n = $NF; if (n ~ /^[0-9]+$/) s += n } END { print s + 0 }' "$1"
}

have_strace() {
	command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null
}

DENY='{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }'
printf '%s\n' "$DENY" >deny.json

# ------------------------------------------------------------ control
ran_ok "control: a valid profile" -p ./deny.json
expect "control: the valid profile denies getppid" 0 "$(lines getppid=EPERM getpid=OK)" \
	"$SR" -p ./deny.json -- "$PROBE" getppid getpid

# ------------------------------------------------- empty, blank, binary
: >empty.json
refused "empty file" "empty" -p ./empty.json
printf '  \t\r\n\n \n' >blank.json
refused "only whitespace" "empty" -p ./blank.json
printf '/* nothing */ // here\n' >onlycomment.json
refused "only comments" "empty" -p ./onlycomment.json
refused "empty stdin" "empty" -p - </dev/null
refused "/dev/null" "empty" -p /dev/null

printf '{ "defaultAction": "SCMP_ACT_ALLOW" \000 }' >nul.json
refused "a NUL byte between tokens" "NUL byte" -p ./nul.json
printf '{ "defaultAction": "SCMP_ACT_\000ALLOW" }' >nulstr.json
refused "a NUL byte inside a string" "NUL byte" -p ./nulstr.json
printf '%s\000' "$DENY" >nulend.json
refused "a NUL byte after a valid profile" "NUL byte" -p ./nulend.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW\\u0000x" }' >nulesc.json
refused "an escaped NUL (\\u0000) in a string" "NUL" -p ./nulesc.json
refused "a NUL byte on stdin" "NUL byte" -p - <nul.json

# Invalid UTF-8: jansson decodes every string; seccomp-run compares names
# as bytes, so a bad sequence must not slip through as an unknown name.
n=0
for bytes in '\377' '\300\200' '\200' '\355\240\200' '\364\220\200\200' '\342\202'; do
	n=$((n + 1))
	printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid%b"], "action": "SCMP_ACT_ERRNO" } ] }' \
		"$bytes" >utf8-$n.json
	refused "invalid UTF-8 in a string ($bytes)" "invalid JSON" -p ./utf8-$n.json
done
printf '{ "defaultAction": "SCMP_ACT_ALLOW" }\377' >utf8-out.json
refused "an invalid UTF-8 byte outside strings" "invalid JSON" -p ./utf8-out.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "comment": "\\ud800" }' >surrogate.json
refused "a lone UTF-16 surrogate escape" "invalid JSON" -p ./surrogate.json
printf '\357\273\277%s' "$DENY" >bom.json
refused "a UTF-8 byte order mark (not JSON)" "invalid JSON" -p ./bom.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "comment": "caf\303\251 \342\234\223", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }' >utf8ok.json
ran_ok "valid UTF-8 in a comment" -p ./utf8ok.json
expect "valid UTF-8 in a comment: the filter applies" 0 "getppid=EPERM" \
	"$SR" -p ./utf8ok.json -- "$PROBE" getppid

# ------------------------------------------------------------- size
truncate -s 100M big.json
t0=$(now_ms)
refused "a 100 MiB (sparse) file" "larger than $MAX bytes" -p ./big.json
el=$(($(now_ms) - t0))
if [ "$el" -lt 2000 ]; then ok "100 MiB: refused in ${el} ms (not read)"; else
	fail "100 MiB: refused in under 2 s" "took $el ms"; fi
if have_strace; then
	strace -o big.strace -e trace=read "$SR" -p ./big.json -- true 2>/dev/null
	b=$(read_bytes big.strace)
	if [ "$b" -lt 65536 ]; then ok "100 MiB: strace shows $b bytes read in all (the profile not read)"
	else fail "100 MiB: the profile is not read" "read(2) returned $b bytes" "$(cat big.strace)"; fi
else
	skip "100 MiB: the profile is not read" "needs strace"
fi

spaces "$MAX" max.json
overwrite max.json "$DENY"
expect "exactly 16 MiB (padded with blanks): valid, the filter applies" 0 "getppid=EPERM" \
	"$SR" -p ./max.json -- "$PROBE" getppid
expect "exactly 16 MiB on stdin: valid too" 0 "getppid=EPERM" \
	"$SR" -p - -- "$PROBE" getppid <max.json
printf ' ' >>max.json
refused "16 MiB + 1 byte" "larger than" -p ./max.json
refused "16 MiB + 1 byte on stdin" "larger than" -p - <max.json
rm -f max.json

t0=$(now_ms)
refused "/dev/zero" "larger than" -p /dev/zero
el=$(($(now_ms) - t0))
if [ "$el" -lt 3000 ]; then ok "/dev/zero: refused in ${el} ms"; else
	fail "/dev/zero: refused in under 3 s" "took $el ms"; fi
refused "/dev/zero on stdin" "larger than" -p - </dev/zero
if have_strace; then
	strace -o zero.strace -e trace=read "$SR" -p /dev/zero -- true 2>/dev/null
	b=$(read_bytes zero.strace)
	# The limit plus one byte, and the ELF headers the loader reads.
	if [ "$b" -le $((MAX + 1 + 65536)) ]; then
		ok "/dev/zero: reading stops one byte past the limit ($b bytes read in all)"
	else
		fail "/dev/zero: reading stops one byte past the limit" "read(2) returned $b bytes"
	fi
else
	skip "/dev/zero: reading stops one byte past the limit" "needs strace"
fi

# ------------------------------------------------------------ depth
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' >deep1.json
refused "arrays nested 100 000 deep" "depth" -p ./deep1.json
awk 'BEGIN { printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"comment\":"
	for (i = 0; i < 100000; i++) printf "{\"a\":"; printf "1"
	for (i = 0; i < 100000; i++) printf "}"; printf "}" }' >deep2.json
refused "objects nested 100 000 deep under a key" "depth" -p ./deep2.json
awk 'BEGIN { printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":"
	for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf "}]}" }' >deep3.json
refused "100 000 deep inside a rule" "depth" -p ./deep3.json
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "[" }' >deep4.json
refused "100 000 unclosed brackets" "invalid JSON" -p ./deep4.json
awk 'BEGIN { printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"x\":"
	for (i = 0; i < 30; i++) printf "{\"a\":"; printf "1"
	for (i = 0; i < 30; i++) printf "}"
	printf ",\"syscalls\":[{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\"}]}" }' >deep5.json
ran_ok "an unknown value nested 30 deep (valid)" -p ./deep5.json
expect "an unknown value nested 30 deep: the filter applies" 0 "getppid=EPERM" \
	"$SR" -p ./deep5.json -- "$PROBE" getppid

# ------------------------------------------------------ many rules
# rules N ARGS: a default-ALLOW profile with N rules denying getppid; with
# ARGS=1 rule i matches only argument 0 == i (all distinct).
rules() {
	awk -v n="$1" -v args="$2" 'BEGIN {
		printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
		for (i = 1; i <= n; i++) {
			printf "%s{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\"", (i > 1 ? "," : "")
			if (args) printf ",\"args\":[{\"index\":0,\"value\":%d,\"op\":\"SCMP_CMP_EQ\"}]", i
			printf "}"
		}
		printf "]}" }'
}
rules 100000 0 >rules-same.json
t0=$(now_ms)
refused "100 000 identical rules" "more than the 4096" -p ./rules-same.json
el=$(($(now_ms) - t0))
if [ "$el" -lt 5000 ]; then ok "100 000 rules: refused in ${el} ms, before libseccomp"; else
	fail "100 000 rules: refused in under 5 s" "took $el ms"; fi
rules 100000 1 >rules-args.json
refused "100 000 distinct rules" "more than the 4096" -p ./rules-args.json
rules 2000 1 >rules-2000.json
expect "2000 distinct rules (valid, about 2000 BPF instructions): the filter applies" 0 \
	"$(lines getppid:1=EPERM getppid:2000=EPERM getppid:0=OK getppid:2001=OK)" \
	"$SR" -p ./rules-2000.json -- "$PROBE" getppid:1 getppid:2000 getppid:0 getppid:2001

# Few rules, but more than the kernel's 4096 instructions: six conditions
# each. seccomp-run must see that before it loads anything.
awk 'BEGIN {
	printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
	for (i = 1; i <= 400; i++) {
		printf "%s{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[", (i > 1 ? "," : "")
		for (a = 0; a < 6; a++)
			printf "%s{\"index\":%d,\"value\":%d,\"op\":\"SCMP_CMP_EQ\"}", a ? "," : "", a, i * 7 + a
		printf "]}"
	}
	printf "]}" }' >insns.json
refused "a filter of more than 4096 BPF instructions" "4096" -p ./insns.json
# loads LOG: the lines of an strace log that set no_new_privs or load a
# filter (libseccomp's own probes pass a NULL program).
loads() {
	grep 'SECCOMP_SET_MODE_FILTER\|PR_SET_NO_NEW_PRIVS' "$1" | grep -v 'NULL) = -1 EFAULT'
}
if have_strace; then
	strace -f -o ctl.strace -e trace=seccomp,prctl "$SR" -p ./deny.json -- true 2>/dev/null
	if [ "$(loads ctl.strace | wc -l)" = 2 ]; then
		ok "control: strace shows a valid profile setting no_new_privs and loading"
	else
		fail "control: strace shows a valid profile setting no_new_privs and loading" "$(cat ctl.strace)"
	fi
	strace -f -o insns.strace -e trace=seccomp,prctl "$SR" -p ./insns.json -- true 2>/dev/null
	if [ -n "$(loads insns.strace)" ]; then
		fail "over 4096 instructions: refused before no_new_privs and seccomp(2)" "$(loads insns.strace)"
	else
		ok "over 4096 instructions: refused before no_new_privs and seccomp(2)"
	fi
else
	skip "over 4096 instructions: refused before seccomp(2)" "needs strace"
fi
{
	printf '{ "defaultAction": "SCMP_ACT_ERRNO", "syscalls": [ %s' "$BASE_RULE"
	awk 'BEGIN { for (i = 1; i <= 400; i++) {
		printf ",{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_KILL\",\"args\":["
		for (a = 0; a < 6; a++)
			printf "%s{\"index\":%d,\"value\":%d,\"op\":\"SCMP_CMP_EQ\"}", a ? "," : "", a, i * 7 + a
		printf "]}" } }'
	printf ']}'
} >insns-stub.json
refused "over 4096 instructions with the ENOSYS stub" "4096" -p ./insns-stub.json

# 10 000 names in one rule. Unknown names are ignored (a warning each, as
# runc ignores them); the known one is denied.
awk 'BEGIN { printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"action\":\"SCMP_ACT_ERRNO\",\"names\":[\"getppid\""
	for (i = 1; i < 10000; i++) printf ",\"nosuch_%d\"", i; printf "]}]}" }' >names-unknown.json
expect "10 000 names, 9999 unknown: valid, the known one is denied" 0 \
	"$(lines getppid=EPERM getpid=OK)" \
	"$SR" -p ./names-unknown.json -- "$PROBE" getppid getpid
if [ "$(printf '%s\n' "$ERR" | grep -c 'unknown-syscall')" = 9999 ] &&
	[ "$(printf '%s\n' "$ERR" | wc -l)" = 9999 ]; then
	ok "10 000 names: one warning line per unknown name"
else
	fail "10 000 names: one warning line per unknown name" "$(printf '%s\n' "$ERR" | head -3)"
fi
refused "10 000 names, 9999 unknown, --strict" "unknown to libseccomp" --strict -p ./names-unknown.json
awk 'BEGIN { split("getppid getpgid getsid getuid geteuid", k, " ")
	printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"action\":\"SCMP_ACT_ERRNO\",\"names\":["
	for (i = 0; i < 10000; i++) printf "%s\"%s\"", i ? "," : "", k[i % 5 + 1]; printf "]}]}" }' >names-known.json
refused "10 000 known names (5 repeated) in one rule" "more than the 4096" -p ./names-known.json
awk 'BEGIN { split("getppid getpgid getsid getuid geteuid", k, " ")
	printf "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"action\":\"SCMP_ACT_ERRNO\",\"names\":["
	for (i = 0; i < 1000; i++) printf "%s\"%s\"", i ? "," : "", k[i % 5 + 1]; printf "]}]}" }' >names-1000.json
expect "1000 known names (5 repeated) in one rule: valid, all denied" 0 \
	"$(lines getppid=EPERM getsid=EPERM geteuid=EPERM getpid=OK)" \
	"$SR" -p ./names-1000.json -- "$PROBE" getppid getsid geteuid getpid

# Strings 10 000 characters long, in every kind of field.
LONG=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "x" }')
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["%s", "getppid"], "action": "SCMP_ACT_ERRNO" } ] }' \
	"$LONG" >longname.json
expect "a 10 000-character syscall name: ignored, the other name is denied" 0 "getppid=EPERM" \
	"$SR" -p ./longname.json -- "$PROBE" getppid
if [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] && case $ERR in *unknown-syscall*) true ;; *) false ;; esac; then
	ok "a 10 000-character syscall name: one warning line"
else
	fail "a 10 000-character syscall name: one warning line" "$(diag)"
fi
refused "a 10 000-character syscall name, --strict" "syscalls[0].names[0]" --strict -p ./longname.json
for field in action op arch errno flag minKernel; do
	case $field in
	action) body='"syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_'$LONG'" } ]' want="syscalls[0].action" ;;
	op) body='"syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": 1, "op": "'$LONG'" } ] } ]' want="syscalls[0].args[0].op" ;;
	arch) body='"architectures": ["'$LONG'"]' want="architectures[0]" ;;
	errno) body='"syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errno": "'$LONG'" } ]' want="syscalls[0].errno" ;;
	flag) body='"flags": ["'$LONG'"]' want="flags[0]" ;;
	minKernel) body='"syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "includes": { "minKernel": "'$LONG'" } } ]' want="syscalls[0].includes.minKernel" ;;
	esac
	printf '{ "defaultAction": "SCMP_ACT_ALLOW", %s }' "$body" >long-$field.json
	refused "a 10 000-character $field" "$want" -p ./long-$field.json
done
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "%s": 1, "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }' \
	"$LONG" >long-key.json
expect "a 10 000-character unknown key: valid, the filter applies" 0 "getppid=EPERM" \
	"$SR" -v -p ./long-key.json -- "$PROBE" getppid
stderr_has "unknown-key" "a 10 000-character unknown key: -v warns"
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "comment": "%s" } ], "listenerPath": "%s" }' \
	"$LONG" "$LONG" >long-comment.json
expect "a 10 000-character comment and listenerPath: valid" 0 "getppid=EPERM" \
	"$SR" -p ./long-comment.json -- "$PROBE" getppid

# Control characters from the profile or a file name stay on one line.
printf '{ "defaultAction": "SCMP_ACT_ALLOW\\nseccomp-run: all good\\u001b[2J" }' >ctl.json
refused "a newline and an escape sequence in a quoted value" "\\n" -p ./ctl.json
case $ERR in *"$(printf '\033')"*) fail "no raw escape character in the message" "$(diag)" ;;
*) ok "no raw escape character in the message" ;; esac
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["get\\nppid\\t"], "action": "SCMP_ACT_ERRNO" } ] }' >ctlname.json
expect_status 0 "a newline in an unknown syscall name: valid" "$SR" -p ./ctlname.json -- true
if [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ]; then ok "a newline in a syscall name: the warning is one line"; else
	fail "a newline in a syscall name: the warning is one line" "$(diag)"; fi
refused "a newline in the profile's file name" "no\\nsuch" -p "./no
such.json"
cp ctlname.json "ctl
name.json"
expect_status 0 "-vv, a newline in the file name and in a rule's name: valid" \
	"$SR" -vv -p "./ctl
name.json" -- true
# One warning, the summary and one line for the rule.
if [ "$(printf '%s\n' "$ERR" | wc -l)" = 3 ]; then ok "-vv: every message is one line"; else
	fail "-vv: every message is one line" "$(diag)"; fi
printf 'not a binary\n' >"bad
prog"
chmod 755 "bad
prog"
expect_status 126 "a program named with a newline that fails under the filter: 126" \
	"$SR" -p ./deny.json -- "./bad
prog"
if [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ]; then ok "the execve failure is one line"; else
	fail "the execve failure is one line" "$(diag)"; fi

# --------------------------------------------------------- numbers
# num FIELD LITERAL: rule 0's args[0] (index or value) or errnoRet is LITERAL
num() {
	case $1 in
	index) printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": %s, "value": 0, "op": "SCMP_CMP_EQ" } ] } ] }' "$2" ;;
	value) printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": %s, "op": "SCMP_CMP_EQ" } ] } ] }' "$2" ;;
	valueTwo) printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": 18446744073709551615, "valueTwo": %s, "op": "SCMP_CMP_MASKED_EQ" } ] } ] }' "$2" ;;
	errnoRet) printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": %s } ] }' "$2" ;;
	esac >num.json
}
D400=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "9" }')
for field in index value valueTwo errnoRet; do
	for lit in "$D400" -0 -1 1e3 1E0 1.0 0.5 -0.0 18446744073709551616 \
		36893488147419103232 99999999999999999999; do
		num "$field" "$lit"
		refused "$field $(printf '%.24s' "$lit")$([ ${#lit} -gt 24 ] && echo "... (${#lit} digits)")" \
			"$field" -p ./num.json
	done
	for lit in 0x10 +1 01 .5 1. 1e -; do
		num "$field" "$lit"
		refused "$field $lit (not JSON)" "invalid JSON" -p ./num.json
	done
done
num index 5
expect "index 5 (the last argument): valid" 0 "getppid=EPERM" "$SR" -p ./num.json -- "$PROBE" getppid
num value 18446744073709551615
expect "value 2^64-1: exact, matches -1 and nothing else" 0 \
	"$(lines getppid:-1=EPERM getppid:18446744073709551614=OK getppid:0=OK)" \
	"$SR" -p ./num.json -- "$PROBE" getppid:-1 getppid:18446744073709551614 getppid:0
num value 9223372036854775808
expect "value 2^63 (beyond int64): exact" 0 \
	"$(lines getppid:0x8000000000000000=EPERM getppid:0x7fffffffffffffff=OK)" \
	"$SR" -p ./num.json -- "$PROBE" getppid:0x8000000000000000 getppid:0x7fffffffffffffff
num value 0
expect "value 0" 0 "$(lines getppid:0=EPERM getppid:1=OK)" \
	"$SR" -p ./num.json -- "$PROBE" getppid:0 getppid:1
num valueTwo 18446744073709551615
expect "MASKED_EQ with mask and datum 2^64-1" 0 "$(lines getppid:-1=EPERM getppid:-2=OK)" \
	"$SR" -p ./num.json -- "$PROBE" getppid:-1 getppid:-2
num errnoRet 4094
expect "errnoRet 4094 (the largest)" 0 "getppid=E4094" "$SR" -p ./num.json -- "$PROBE" getppid
num errnoRet 4095
refused "errnoRet 4095" "errnoRet" -p ./num.json

# ---------------------------------------------------- wrong types
# A template per profile shape, with @ID@ for every field; the table gives
# each field's path, kind, what null does there, and its valid value (which
# may hold the @ID@ of its own fields: parents come first). For each field,
# every wrong JSON type replaces the valid value in turn.
#
#   ID|PATH|KIND|NULL|VALID   KIND: str uint arr arrobj obj elem objelem root
#   NULL: "ok" (null means absent) or the text the refusal must contain
cat >fields.txt <<'EOF'
0||root|top level|{"defaultAction": @1@, "architectures": @2@, "syscalls": @3@, "flags": @4@, "listenerPath": @5@, "listenerMetadata": @6@, "comment": @7@}
1|defaultAction|str|missing defaultAction|"SCMP_ACT_ALLOW"
2|architectures|arr|ok|[@8@]
8|architectures[0]|elem|architectures[0]|"SCMP_ARCH_X86_64"
3|syscalls|arrobj|ok|[@9@, @10@, @11@]
9|syscalls[0]|objelem|syscalls[0]|{"names": @12@, "action": @13@, "errnoRet": @14@, "args": @15@, "comment": @16@, "includes": @17@, "excludes": @18@}
12|syscalls[0].names|arr|ok|[@19@]
19|syscalls[0].names[0]|elem|syscalls[0].names[0]|"getppid"
13|syscalls[0].action|str|missing action|"SCMP_ACT_ERRNO"
14|syscalls[0].errnoRet|uint|ok|42
15|syscalls[0].args|arrobj|ok|[@20@]
20|syscalls[0].args[0]|objelem|syscalls[0].args[0]|{"index": @21@, "value": @22@, "valueTwo": @23@, "op": @24@}
21|syscalls[0].args[0].index|uint|ok|0
22|syscalls[0].args[0].value|uint|ok|0
23|syscalls[0].args[0].valueTwo|uint|ok|0
24|syscalls[0].args[0].op|str|missing op|"SCMP_CMP_EQ"
16|syscalls[0].comment|str|ok|"c"
17|syscalls[0].includes|obj|ok|{"arches": @25@, "minKernel": @26@}
25|syscalls[0].includes.arches|arr|ok|[@27@]
27|syscalls[0].includes.arches[0]|elem|syscalls[0].includes.arches[0]|"amd64"
26|syscalls[0].includes.minKernel|str|ok|"3.0"
18|syscalls[0].excludes|obj|ok|{"caps": @28@, "arches": @29@, "minKernel": @30@}
28|syscalls[0].excludes.caps|arr|ok|[@31@]
31|syscalls[0].excludes.caps[0]|elem|syscalls[0].excludes.caps[0]|"CAP_BOGUS"
29|syscalls[0].excludes.arches|arr|ok|[@32@]
32|syscalls[0].excludes.arches[0]|elem|syscalls[0].excludes.arches[0]|"s390x"
30|syscalls[0].excludes.minKernel|str|ok|"200.0"
10|syscalls[1]|objelem|syscalls[1]|{"name": @33@, "action": "SCMP_ACT_ERRNO", "errno": @34@}
33|syscalls[1].name|str|ok|"getpgid"
34|syscalls[1].errno|str|ok|"ENOENT"
11|syscalls[2]|objelem|syscalls[2]|{"names": ["getsid"], "action": "SCMP_ACT_ERRNO", "includes": {"caps": @35@}}
35|syscalls[2].includes.caps|arr|ok|[@36@]
36|syscalls[2].includes.caps[0]|elem|syscalls[2].includes.caps[0]|"CAP_BOGUS"
4|flags|arr|ok|[@37@]
37|flags[0]|elem|flags[0]|"SECCOMP_FILTER_FLAG_SPEC_ALLOW"
5|listenerPath|str|ok|"/nonexistent/agent.sock"
6|listenerMetadata|str|ok|"m"
7|comment|str|ok|"c"
EOF
cat >fields-archmap.txt <<'EOF'
0||root|top level|{"defaultAction": "SCMP_ACT_ALLOW", "archMap": @1@, "syscalls": [{"names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42}, {"names": ["getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 2}]}
1|archMap|arrobj|ok|[@2@]
2|archMap[0]|objelem|archMap[0]|{"architecture": @3@, "subArchitectures": @4@}
3|archMap[0].architecture|str|missing architecture|"SCMP_ARCH_X86_64"
4|archMap[0].subArchitectures|arr|ok|[@5@]
5|archMap[0].subArchitectures[0]|elem|archMap[0].subArchitectures[0]|"SCMP_ARCH_X86"
EOF
cat >fields-oci.txt <<'EOF'
0||root|top level|{"ociVersion": "1.0.2", "linux": @1@}
1|linux|obj|without linux.seccomp|{"seccomp": @2@}
2|linux.seccomp|obj|without linux.seccomp|{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42}, {"names": ["getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 2}]}
EOF
# The errno defaults need a default action that takes an errno, so an
# allow-list: the probe is the program there (sh would not get far).
cat >fields-errno.txt <<EOF
0||root|top level|{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": @1@, "defaultErrno": @2@, "syscalls": [$(printf '%s' "$BASE_RULE" | tr '\n\t' '  '), {"names": ["getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 2}]}
1|defaultErrnoRet|uint|ok|1
2|defaultErrno|str|ok|"EPERM"
EOF

# cases TABLE: write case-N.json for every wrong value of every field (and
# null), and list them in cases.txt as N|LABEL|WANT, where WANT is "run"
# (null means absent: the program runs) or the text the refusal must hold.
# The valid instance is case-0.json.
cases() {
	awk -F'|' -v big=123456789012345678901234567890 '
	{ id[NR] = $1; path[$1] = $2; kind[$1] = $3; null[$1] = $4; valid[$1] = $5 }
	# The template with field t set to v: expand @ID@ until none is left.
	function inst(t, v,    s, out, i, j, k) {
		s = "@0@"
		while (match(s, /@[0-9]+@/)) {
			k = substr(s, RSTART + 1, RLENGTH - 2)
			s = substr(s, 1, RSTART - 1) (k == t ? v : valid[k]) substr(s, RSTART + RLENGTH)
		}
		return s
	}
	function emit(t, v, label, want,    f) {
		f = "case-" n ".json"
		print inst(t, v) > f
		close(f)
		printf "%d|%s: %s|%s\n", n, (path[t] == "" ? "top level" : path[t]), label, want > "cases.txt"
		n++
	}
	END {
		n = 0
		emit("none", "", "the valid instance", "run")
		w["str"] = "true 7 " big " -0 [V] {}"
		w["uint"] = "true \"1\" [V] {}"
		w["arr"] = "true 7 " big " \"x\" {}"
		w["arrobj"] = "true 7 \"x\" {}"
		w["obj"] = "true 7 \"x\" [V]"
		w["elem"] = "false 7 " big " [] [V] {}"
		w["objelem"] = "true 7 \"x\" [V]"
		w["root"] = "true 7 \"x\" []"
		for (r = 1; r <= NR; r++) {
			t = id[r]
			m = split(w[kind[t]], vals, " ")
			for (i = 1; i <= m; i++) {
				v = vals[i]
				if (v == "[V]")
					v = "[" valid[t] "]"
				emit(t, v, vals[i] == "[V]" ? "[its valid value]" : v,
				     path[t] == "" ? "top level" : path[t])
			}
			emit(t, "null", "null", null[t] == "ok" ? "run" : null[t])
		}
	}' "$1"
}

# typecheck TABLE PROGRAM...: the valid instance runs PROGRAM; every wrong
# type at every field is refused, naming the field.
NL='
'
typecheck() {
	_table=$1
	shift
	rm -f case-*.json cases.txt
	cases "$_table"
	while IFS='|' read -r _k _label _want; do
		rm -f "$RAN"
		run "$SR" -p "./case-$_k.json" -- "$@"
		if [ "$_want" = run ]; then
			if [ "$STATUS" = 0 ] && { [ -e "$RAN" ] || [ -n "$OUT" ]; }; then
				ok "$_table: $_label: the program runs"
			else
				fail "$_table: $_label: the program runs" "$(cat "case-$_k.json")" "$(diag)"
			fi
			continue
		fi
		if [ "$STATUS" != 125 ]; then
			_why="expected status 125, got $STATUS"
		elif [ -e "$RAN" ] || [ -n "$OUT" ]; then
			_why="the program ran"
		else
			case $ERR in
			*"$NL"*) _why="the message is not one line" ;;
			"seccomp-run: "*"$_want"*) _why= ;;
			*) _why="the message lacks: $_want" ;;
			esac
		fi
		if [ -z "$_why" ]; then
			ok "$_table: $_label: refused"
		else
			fail "$_table: $_label: refused" "$_why" "$(cat "case-$_k.json")" "$(diag)"
		fi
	done <cases.txt
	rm -f "$RAN"
}

if is_x86_64; then
	cases fields.txt
	expect "wrong types: the valid instance has the filter it says" 0 \
		"$(lines getppid=ENOMSG getpgid=ENOENT getsid=OK)" \
		"$SR" -p ./case-0.json -- "$PROBE" getppid getpgid getsid
	n0=$((_n_pass + _n_fail))
	typecheck fields.txt sh -c "touch '$RAN'"
	typecheck fields-archmap.txt sh -c "touch '$RAN'"
	typecheck fields-oci.txt sh -c "touch '$RAN'"
	typecheck fields-errno.txt "$PROBE" getpgid
	n1=$((_n_pass + _n_fail))
	if [ $((n1 - n0)) -ge 250 ]; then ok "wrong types: $((n1 - n0)) cases checked"; else
		fail "wrong types: at least 250 cases checked" "only $((n1 - n0))"; fi
else
	skip "wrong types at every field" "the template's arches are x86_64's"
fi

# ---------------------------------------------------- duplicate keys
dup() {
	printf '%s' "$2" >dup.json
	refused "duplicate key: $1" "$3" -p ./dup.json
}
dup "top level" '{ "defaultAction": "SCMP_ACT_ALLOW", "defaultAction": "SCMP_ACT_ALLOW" }' "duplicate"
dup "top level, other case" '{ "defaultAction": "SCMP_ACT_ALLOW", "DefaultAction": "SCMP_ACT_ALLOW" }' "both mean"
dup "top level, differing values" '{ "defaultAction": "SCMP_ACT_KILL", "defaultAction": "SCMP_ACT_ALLOW" }' "duplicate"
dup "syscalls" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [], "syscalls": [] }' "duplicate"
dup "in a rule" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "action": "SCMP_ACT_ALLOW" } ] }' "duplicate"
dup "in a rule, other case" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "ACTION": "SCMP_ACT_ALLOW" } ] }' "syscalls[0]"
dup "names and NAMES" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "Names": ["getpid"], "action": "SCMP_ACT_ERRNO" } ] }' "both mean"
dup "in an argument" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 0, "value": 1, "value": 2, "op": "SCMP_CMP_EQ" } ] } ] }' "duplicate"
dup "in includes" '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "includes": { "caps": [], "caps": ["CAP_SYS_ADMIN"] } } ] }' "duplicate"
dup "in an archMap entry" '{ "defaultAction": "SCMP_ACT_ALLOW", "archMap": [ { "architecture": "SCMP_ARCH_X86_64", "Architecture": "SCMP_ARCH_X86" } ] }' "both mean"
dup "in a config.json" '{ "ociVersion": "1.0.2", "linux": { "seccomp": { "defaultAction": "SCMP_ACT_ALLOW" }, "seccomp": { "defaultAction": "SCMP_ACT_ALLOW" } } }' "duplicate"
dup "inside an ignored value" '{ "defaultAction": "SCMP_ACT_ALLOW", "comment": "c", "x": { "a": 1, "a": 2 } }' "duplicate"
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid", "getppid"], "action": "SCMP_ACT_ERRNO" }, { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }' >dupname.json
expect "a name repeated, and a rule repeated: valid, denied" 0 "getppid=EPERM" \
	"$SR" -p ./dupname.json -- "$PROBE" getppid

# --------------------------------------------------------- comments
printf '/* a profile */\n{ "defaultAction": "SCMP_ACT_ALLOW", // deny getppid\n "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] } // end' >cmt.json
expect "comments, and a // comment ending the file: valid" 0 "getppid=EPERM" \
	"$SR" -p ./cmt.json -- "$PROBE" getppid
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "comment": "/* not a comment", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }' >cmtstr.json
expect "/* inside a string is not a comment" 0 "getppid=EPERM" \
	"$SR" -p ./cmtstr.json -- "$PROBE" getppid
printf '%s /* unterminated' "$DENY" >unterm1.json
refused "an unterminated /* comment at the end" "unterminated" -p ./unterm1.json
printf '{ "defaultAction": /* "SCMP_ACT_ALLOW" }' >unterm2.json
refused "an unterminated /* comment hiding the rest" "unterminated" -p ./unterm2.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW" } /*/' >unterm3.json
refused "/*/ (not closed)" "unterminated" -p ./unterm3.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW" /' >slash.json
refused "a lone / at the end" "invalid JSON" -p ./slash.json
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "comment": "unterminated }' >untermstr.json
refused "an unterminated string" "invalid JSON" -p ./untermstr.json
printf '# a shell comment\n%s' "$DENY" >hash.json
refused "a # comment (not accepted)" "invalid JSON" -p ./hash.json

# ------------------------------------------------ not a plain file
mkdir adir
refused "a directory" "is a directory" -p ./adir
refused "a directory under --root" "is a directory" --root "$T" -p adir
refused "a directory on stdin" "Is a directory" -p - <adir
ln -s loop-b loop-a
ln -s loop-a loop-b
refused "a symlink loop" "symbolic links" -p ./loop-a
ln -s no-such-file dangling
refused "a dangling symlink" "No such file" -p ./dangling
ln -s deny.json good-link
expect "a symlink to a valid profile is followed" 0 "getppid=EPERM" \
	"$SR" -p ./good-link -- "$PROBE" getppid
refused "a file under a file" "Not a directory" -p ./deny.json/x

# FIFOs. With a writer, a FIFO is read to its end like stdin. Without one,
# open(2) waits for a writer (documented, as cat does); nothing runs
# meanwhile, and it goes on once a writer comes.
mkfifo p1 p2 p3 p4 p5
(printf '%s' "$DENY" >p1) &
expect "a FIFO with a writer delivering a valid profile: the filter applies" 0 "getppid=EPERM" \
	"$SR" -p ./p1 -- "$PROBE" getppid
wait
(printf '{ "defaultAction": ' >p2) &
refused "a FIFO delivering a truncated profile" "invalid JSON" -p ./p2
wait
(: >p3) &
refused "a FIFO whose writer closes at once" "empty" -p ./p3
wait
(head -c $((MAX + 4096)) /dev/zero | tr '\0' ' ' >p4 2>/dev/null) &
refused "a FIFO delivering more than 16 MiB" "larger than" -p ./p4
wait
"$SR" -p ./p5 -- "$PROBE" getppid >p5.out 2>p5.err &
pid=$!
sleep 1
if kill -0 "$pid" 2>/dev/null && [ ! -s p5.out ]; then
	ok "a FIFO without a writer: seccomp-run waits in open, nothing runs"
	timeout 5 sh -c 'printf "%s" "$1" >p5' sh "$DENY"
	# A watchdog in case seccomp-run never finishes.
	(sleep 5 && kill "$pid" 2>/dev/null) &
	dog=$!
	wait "$pid"
	st=$?
	kill "$dog" 2>/dev/null
	if [ "$st" = 0 ] && [ "$(cat p5.out)" = getppid=EPERM ]; then
		ok "a FIFO without a writer: once a writer comes, the filter applies"
	else
		fail "a FIFO without a writer: once a writer comes, the filter applies" \
			"status $st" "$(cat p5.out p5.err)"
	fi
else
	fail "a FIFO without a writer: seccomp-run waits in open, nothing runs" "$(cat p5.out p5.err)"
	kill "$pid" 2>/dev/null
fi

# An unreadable file: as another user on a root-only file, or mode 000.
printf '%s' "$DENY" >secret.json
chmod 600 secret.json
if is_root && command -v setpriv >/dev/null &&
	[ "$(setpriv --reuid 65534 --regid 65534 --clear-groups "$PROBE" getpid 2>/dev/null)" = getpid=OK ]; then
	chmod 755 "$T"
	rm -f "$RAN"
	run setpriv --reuid 65534 --regid 65534 --clear-groups "$SR" -p ./secret.json -- sh -c "touch '$RAN'"
	_why=$(_refusal "Permission denied")
	if [ -z "$_why" ]; then ok "a 0600 root file read as uid 65534: 125, one line, nothing ran"; else
		fail "a 0600 root file read as uid 65534" "$_why" "$(diag)"; fi
elif ! is_root; then
	chmod 000 secret.json
	refused "a mode 000 file" "Permission denied" -p ./secret.json
else
	skip "an unreadable profile" "needs setpriv and a probe uid 65534 can run"
fi

# A profile that is also the program: valid as a profile (a // comment
# line), but not an executable. seccomp-run must not hand it to sh as
# env(1) would, or the comment line would run.
cat >both.json <<EOF
// ; touch '$RAN'; exit 0
$DENY
EOF
chmod 755 both.json
expect "control: both.json as a profile denies getppid" 0 "getppid=EPERM" \
	"$SR" -p ./both.json -- "$PROBE" getppid
rm -f "$RAN"
expect_status 126 "the profile as the program: 126 (ENOEXEC), not run by sh" \
	"$SR" -p ./both.json -- ./both.json
absent "$RAN" "the profile as the program: its comment line did not run"
stderr_has "ENOEXEC" "the profile as the program: the message says ENOEXEC"
chmod 644 both.json
expect_status 126 "the profile as a non-executable program: 126" \
	"$SR" -p ./both.json -- ./both.json
absent "$RAN" "the profile as a non-executable program: nothing ran"

finish
