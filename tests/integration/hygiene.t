# SPDX-License-Identifier: Apache-2.0
# Resource hygiene, beyond run-fds.t: no fd of seccomp-run's reaches the
# program whatever the profile source or verbosity; inherited fds pass
# through as the same open files; closed stdin/stdout/stderr stay closed
# (seccomp-run's own opens land on 0-2 then and must vanish at the exec);
# argv and the environment arrive byte for byte, huge ones included.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
# The same profile with a key in another case: a warning on every run.
sed 's/defaultAction/DefaultAction/' allow.json >warn.json

run "$PROBE" fds
BASE=$OUT
case $BASE in
fds=0,1,2*) ok "control: the probe lists its fds ($BASE)" ;;
*) fail "control: the probe lists its fds" "$(diag)" ;;
esac
run "$PROBE" fds 5>/dev/null 7</dev/null
BASE57=$OUT
case ",${BASE57#fds=}," in
*,5,7,*) ok "control: fds 5 and 7 reach the probe directly" ;;
*) fail "control: fds 5 and 7 reach the probe directly" "$(diag)" ;;
esac
# $BASE without fd 0, 1 or 2 (as the probe prints it)
without() {
	echo "$BASE," | sed "s/^fds=/fds=,/; s/,$1,/,/; s/^fds=,/fds=/; s/,$//"
}

# ------------------------------------ seccomp-run's own fds never leak
expect "-vv: no leftover fd" 0 "$BASE" "$SR" -vv -p ./allow.json -- "$PROBE" fds
stderr_has "kept" "-vv: the rule listing was printed"
expect "after a warning: no leftover fd" 0 "$BASE" "$SR" -p ./warn.json -- "$PROBE" fds
stderr_has "[key-case]" "after a warning: the warning was printed"
expect "-vv with a warning: no leftover fd" 0 "$BASE" "$SR" -vv -p ./warn.json -- "$PROBE" fds
expect "-vv with the built-in profile: no leftover fd" 0 "$BASE" \
	"$SR" -vv -p runtime/default -- "$PROBE" fds
expect "docker/default: no leftover fd" 0 "$BASE" "$SR" -p docker/default -- "$PROBE" fds
expect "-v unconfined: no leftover fd" 0 "$BASE" "$SR" -v -p unconfined -- "$PROBE" fds
stderr_has "no filter" "-v unconfined: says so"
expect "\$SECCOMP_RUN_PROFILE: no leftover fd" 0 "$BASE" \
	env SECCOMP_RUN_PROFILE="$T/allow.json" "$SR" -- "$PROBE" fds
expect "a profile on stdin with a warning: no leftover fd" 0 "$BASE" \
	"$SR" -p - -- "$PROBE" fds <warn.json
mkfifo fifo
(cat allow.json >fifo) &
expect "a profile from a FIFO: no leftover fd" 0 "$(lines "$BASE" getppid=ENOMSG)" \
	"$SR" -p ./fifo -- "$PROBE" fds getppid
wait
(cat warn.json >fifo) &
expect "a profile from a FIFO, -vv and a warning: no leftover fd" 0 "$BASE" \
	"$SR" -vv -p ./fifo -- "$PROBE" fds
wait

# ---------------------------------------- inherited fds pass through
for ref in unconfined runtime/default ./warn.json; do
	expect "-p $ref: inherited fds 5 and 7 pass through" 0 "$BASE57" \
		"$SR" -p "$ref" -- "$PROBE" fds 5>/dev/null 7</dev/null
done
expect "-vv: inherited fds 5 and 7 pass through" 0 "$BASE57" \
	"$SR" -vv -p ./allow.json -- "$PROBE" fds 5>/dev/null 7</dev/null
(cat allow.json >fifo) &
expect "a profile from a FIFO: inherited fds 5 and 7 pass through" 0 "$BASE57" \
	"$SR" -p ./fifo -- "$PROBE" fds 5>/dev/null 7</dev/null
wait
# The same open file, not a reopened one: the offset is shared.
{
	printf a >&5
	"$SR" -p ./allow.json -- sh -c 'printf b >&5'
	printf c >&5
} 5>shared.txt
if [ "$(cat shared.txt)" = abc ]; then ok "an inherited fd is the same open file (shared offset)"
else fail "an inherited fd is the same open file (shared offset)" "got: $(cat shared.txt)"; fi
# A pipe as fd 6 works both ways through seccomp-run.
got=$( { "$SR" -p ./allow.json -- sh -c 'echo through-a-pipe >&6' 6>&1 >/dev/null; } 2>&1)
if [ "$got" = through-a-pipe ]; then ok "an inherited pipe end passes through"
else fail "an inherited pipe end passes through" "got: $got"; fi

# ------------------------------------------- --close-fds, --preserve-fds
expect "--close-fds with -vv and a warning" 0 "fds=0,1,2" \
	"$SR" --close-fds -vv -p ./warn.json -- "$PROBE" fds 5>/dev/null 7</dev/null
expect "--close-fds with the built-in profile" 0 "fds=0,1,2" \
	"$SR" --close-fds -p runtime/default -- "$PROBE" fds 3>/dev/null 9>/dev/null
(cat allow.json >fifo) &
expect "--close-fds with a profile from a FIFO" 0 "fds=0,1,2" \
	"$SR" --close-fds -p ./fifo -- "$PROBE" fds 5>/dev/null
wait
expect "--preserve-fds 2 with unconfined keeps 3 and 4 only" 0 "fds=0,1,2,3,4" \
	"$SR" --preserve-fds 2 -p unconfined -- "$PROBE" fds 3>/dev/null 4>/dev/null 5>/dev/null 9>/dev/null
expect "--preserve-fds 1 with a profile on stdin keeps 3 only" 0 "fds=0,1,2,3" \
	"$SR" --preserve-fds 1 -p - -- "$PROBE" fds 3>/dev/null 4>/dev/null <allow.json
expect "--preserve-fds 7 keeps 3 to 9" 0 "fds=0,1,2,3,5,9" \
	"$SR" --preserve-fds 7 -p ./allow.json -- "$PROBE" fds 3>/dev/null 5>/dev/null 9>/dev/null
expect "--close-fds leaves 0-2 alone, even a file as stdin" 0 "fds=0,1,2" \
	"$SR" --close-fds -p ./allow.json -- "$PROBE" fds 0<allow.json 5>/dev/null
# The closed fds are really closed in the program: it cannot write to them.
expect "--close-fds: the program gets EBADF on a closed inherited fd" 0 "" \
	"$SR" --close-fds -p ./allow.json -- sh -c 'if { echo x >&5; } 2>/dev/null; then echo wrote; fi' 5>/dev/null

# ------------------------------------- closed stdin, stdout, stderr
# The program's fd table seen from outside, as /proc shows it once it
# runs: the probe (static: no loader opening libraries) sleeps meanwhile.
PROBE_REAL=$(readlink -f "$PROBE_STATIC")
# table FILE: after "CMD &", wait until $! runs the probe, write its fd
# numbers to FILE ("0 1 2 "), and end it.
table() {
	_pid=$!
	_i=0
	while [ "$_i" -lt 200 ] && [ "$(readlink "/proc/$_pid/exe" 2>/dev/null)" != "$PROBE_REAL" ]; do
		sleep 0.02
		_i=$((_i + 1))
	done
	if [ "$(readlink "/proc/$_pid/exe" 2>/dev/null)" = "$PROBE_REAL" ]; then
		# shellcheck disable=SC2012 # the names are fd numbers
		ls "/proc/$_pid/fd" | sort -n | tr '\n' ' ' >"$1"
	else
		echo "never ran" >"$1"
	fi
	kill "$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
}
# same DESC A B: the tables in files A and B are equal
same() {
	if [ "$(cat "$2")" = "$(cat "$3")" ]; then ok "$1 ($(cat "$3"))"; else
		fail "$1" "expected: $(cat "$2")" "got: $(cat "$3")"; fi
}
# lacks DESC FD FILE: FD is not in the table in FILE
lacks() {
	case " $(cat "$3")" in
	*" $2 "*) fail "$1" "fd $2 is open: $(cat "$3")" ;;
	*) ok "$1" ;;
	esac
}

"$PROBE_STATIC" sleep:10 <&- & table direct-in
"$PROBE_STATIC" sleep:10 >&- & table direct-out
"$PROBE_STATIC" sleep:10 2>&- & table direct-err
"$PROBE_STATIC" sleep:10 <&- >&- 2>&- & table direct-all
lacks "control: <&- closes fd 0 of the probe" 0 direct-in
lacks "control: >&- closes fd 1 of the probe" 1 direct-out
lacks "control: 2>&- closes fd 2 of the probe" 2 direct-err
for fd in 0 1 2; do lacks "control: all closed: no fd $fd" $fd direct-all; done

for ref in ./allow.json runtime/default unconfined; do
	"$SR" -p "$ref" -- "$PROBE_STATIC" sleep:10 <&- & table sr-in
	same "-p $ref, stdin closed: the program's fds are as given" direct-in sr-in
	"$SR" -p "$ref" -- "$PROBE_STATIC" sleep:10 >&- & table sr-out
	same "-p $ref, stdout closed: the program's fds are as given" direct-out sr-out
	"$SR" -p "$ref" -- "$PROBE_STATIC" sleep:10 2>&- & table sr-err
	same "-p $ref, stderr closed: the program's fds are as given" direct-err sr-err
	"$SR" -p "$ref" -- "$PROBE_STATIC" sleep:10 <&- >&- 2>&- & table sr-all
	same "-p $ref, all three closed: the program's fds are as given" direct-all sr-all
done
"$SR" -vv -p ./warn.json -- "$PROBE_STATIC" sleep:10 <&- >&- 2>&- & table sr-all
same "-vv and a warning, all three closed: the program's fds are as given" direct-all sr-all
"$SR" --root "$T" -p allow.json -- "$PROBE_STATIC" sleep:10 2>&- >&- & table sr-outerr
"$PROBE_STATIC" sleep:10 2>&- >&- & table direct-outerr
same "--root, stdout and stderr closed: the program's fds are as given" direct-outerr sr-outerr
(cat allow.json >fifo) &
"$SR" -p ./fifo -- "$PROBE_STATIC" sleep:10 <&- >&- 2>&- & table sr-all
same "a profile from a FIFO, all three closed: the program's fds are as given" direct-all sr-all
wait

# That really put seccomp-run's own files on 0-2: strace shows the profile
# and the exported filter opened as fd 0 (and gone at the exec, above).
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	strace -o own.strace -e trace=openat,memfd_create "$SR" --no-cache -p ./allow.json -- "$PROBE_STATIC" getpid <&- >&- 2>&-
	if grep -q 'allow.json", O_RDONLY.*O_CLOEXEC) = 0$' own.strace &&
		grep -q 'memfd_create(.*MFD_CLOEXEC) = 0$' own.strace; then
		ok "all three closed: the profile and the filter are opened as fd 0, close-on-exec"
	else
		fail "all three closed: the profile and the filter are opened as fd 0, close-on-exec" "$(cat own.strace)"
	fi
else
	skip "all three closed: seccomp-run's own files on fd 0" "needs strace"
fi

# With the standard fds closed, seccomp-run still works and still refuses.
# (run redirects stdout and stderr itself: these close them inside.)
CLOSE_ERR='exec 2>&-; exec "$@"'
CLOSE_ALL='exec <&- >&- 2>&-; exec "$@"'
expect_status 0 "all three closed and a warning: the program runs, status 0" \
	sh -c "$CLOSE_ALL" sh "$SR" -p ./warn.json -- sh -c 'exit 0'
expect_status 7 "all three closed: the program's status passes through" \
	sh -c "$CLOSE_ALL" sh "$SR" -p ./allow.json -- sh -c 'exit 7'
printf '{ "defaultAction": ' >broken.json
expect_status 125 "stderr closed and a broken profile: 125 (nowhere to say why)" \
	sh -c "$CLOSE_ERR" sh "$SR" -p ./broken.json -- sh -c "touch '$T/ran'"
absent "$T/ran" "stderr closed and a broken profile: nothing ran"
expect_status 125 "-p - with stdin closed: 125" "$SR" -p - -- sh -c "touch '$T/ran'" <&-
stderr_has "<stdin>" "-p - with stdin closed: the message names stdin"
absent "$T/ran" "-p - with stdin closed: nothing ran"
expect "stdin closed, the program denied getppid" 0 "$(lines "$(without 0)" getppid=ENOMSG)" \
	"$SR" -p ./allow.json -- "$PROBE" fds getppid <&-
expect "stderr closed: the probe sees fds 0 and 1 only" 0 "$(without 2)" \
	sh -c "$CLOSE_ERR" sh "$SR" -p ./allow.json -- "$PROBE" fds
expect "stderr closed, -vv and a warning: the probe sees fds 0 and 1 only" 0 "$(without 2)" \
	sh -c "$CLOSE_ERR" sh "$SR" -vv -p ./warn.json -- "$PROBE" fds

# --------------------------------------------------------- argv
# The program's argv as the kernel gave it: sh's /proc/PID/cmdline.
DUMP='cat /proc/$$/cmdline >"$0"'
# argv_same DESC ARG...: the program gets exactly sh -c DUMP OUT ARG...
argv_same() {
	_d=$1
	shift
	printf '%s\0' sh -c "$DUMP" "$T/argv.got" "$@" >argv.want
	rm -f argv.got
	run "$SR" -p ./allow.json -- sh -c "$DUMP" "$T/argv.got" "$@"
	if [ "$STATUS" = 0 ] && cmp -s argv.want argv.got; then
		ok "$_d: byte for byte"
	else
		fail "$_d: byte for byte" "$(diag)" "want: $(od -c argv.want | head -5)" \
			"got: $(od -c argv.got 2>&1 | head -5)"
	fi
}
# Control: the dump itself is exact when run directly.
printf '%s\0' sh -c "$DUMP" "$T/argv.got" x '' >argv.want
sh -c "$DUMP" "$T/argv.got" x ''
if cmp -s argv.want argv.got; then ok "control: sh's cmdline is its argv"; else
	fail "control: sh's cmdline is its argv" "$(od -c argv.got | head)"; fi

NLARG=$(printf 'two\nlines')
HIGH=$(printf '\377\376\200 latin1 \351')
argv_same "empty strings" '' '' x ''
argv_same "a newline, a tab, a CR" "$NLARG" "$(printf 'a\tb\rc')"
argv_same "non-UTF-8 bytes" "$HIGH"
argv_same "options after the program" -p unconfined --close-fds -- -v --profile=x -
argv_same "quotes, globs, dollars" '"'"'" '*' '$HOME' '`id`' "\\\\"
BIGARG=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%c", 97 + i % 26 }')
argv_same "one argument of 100 000 bytes" "$BIGARG"
# shellcheck disable=SC2046 # one word per line, on purpose
set -- $(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "a%03d\n", i % 1000 }')
argv_same "20 000 arguments (100 000 bytes)" "$@"
set --

# ------------------------------------------------- the environment
# The program's environment as the kernel gave it: /proc/PID/environ.
EDUMP='cat /proc/$$/environ >"$0"'
# env_same DESC VAR=VALUE...: under env -i VAR=VALUE..., the program gets
# exactly that environment, in that order.
env_same() {
	_d=$1
	shift
	if [ $# -gt 0 ]; then printf '%s\0' "$@" >env.want; else : >env.want; fi
	rm -f env.got
	run env -i "$@" "$SR" --no-cache -p "$T/allow.json" -- /bin/sh -c "$EDUMP" "$T/env.got"
	if [ "$STATUS" = 0 ] && cmp -s env.want env.got; then
		ok "$_d: byte for byte"
	else
		fail "$_d: byte for byte" "$(diag)" "want: $(od -c env.want | head -5)" \
			"got: $(od -c env.got 2>&1 | head -5)"
	fi
}
env -i A=1 /bin/sh -c "$EDUMP" "$T/env.got"
if [ "$(od -An -c env.got | tr -d ' ')" = 'A=1\0' ]; then ok "control: sh's environ file is its environment"
else fail "control: sh's environ file is its environment" "$(od -c env.got)"; fi

env_same "an empty environment (env -i)"
env_same "= in a value, an empty value" 'A=b=c' 'EMPTY=' 'EQ==' 'X=1'
env_same "a newline and non-UTF-8 bytes in values" "NL=$NLARG" "HI=$HIGH"
env_same "seccomp-run's own variables pass through too" \
	SECCOMP_RUN_ROOT=/nonexistent "SECCOMP_RUN_PROFILE=$T/allow.json" Z=z
env_same "PATH and LD_ variables untouched" PATH=/nonexistent:/usr/bin LD_PRELOAD= LD_LIBRARY_PATH=/x
env_same "a 100 000-byte value" "BIG=$BIGARG"
# With no -p, $SECCOMP_RUN_PROFILE is read, and still passed on.
rm -f env.got
printf '%s\0' "SECCOMP_RUN_PROFILE=$T/allow.json" >env.want
run env -i "SECCOMP_RUN_PROFILE=$T/allow.json" "$SR" --no-cache -- /bin/sh -c "$EDUMP; $PROBE getppid" "$T/env.got"
if [ "$OUT" = getppid=ENOMSG ] && cmp -s env.want env.got; then
	ok "\$SECCOMP_RUN_PROFILE is used and passed on unchanged"
else
	fail "\$SECCOMP_RUN_PROFILE is used and passed on unchanged" "$(diag)" "$(od -c env.got 2>&1 | head -3)"
fi

finish
