# SPDX-License-Identifier: Apache-2.0
# The supervisor trace and record stay as: signals forwarded, statuses
# passed on, orphans reaped as PID 1, descendants served until they end,
# and nothing of it visible to the program.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >deny.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
# Both resident verbs, the same way: VERB ARGS...
TRACE="trace -q -p ./deny.json"
RECORD="record -q -o rec.json"

# wait_for FILE: until FILE is not empty (at most 5 s)
wait_for() {
	_i=0
	while [ ! -s "$1" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
}

# ---------------------------------------------------------------- signals

# A background job of a script starts with SIGINT and SIGQUIT ignored:
# env --default-signal gives the program the defaults a terminal would.
DEFSIG=
env --default-signal=INT true 2>/dev/null && DEFSIG="env --default-signal"
for verb in "$TRACE" "$RECORD"; do
	for sig in TERM HUP INT QUIT USR1 USR2; do
		case $sig in INT | QUIT) [ -n "$DEFSIG" ] || {
			skip "${verb%% *}: SIG$sig forwarded" "no env --default-signal"; continue; } ;;
		esac
		rm -f ready
		# Not under timeout(1): the signal must reach seccomp-run itself.
		# shellcheck disable=SC2086
		$DEFSIG "$SR" $verb -- sh -c \
			'trap "kill \$!; exit 7" '$sig'; sleep 30 & echo x >ready; wait' 2>>bg.err &
		pid=$!
		wait_for ready
		kill -s "$sig" $pid
		wait $pid
		st=$?
		if [ $st = 7 ]; then ok "${verb%% *}: SIG$sig forwarded to the program"; else
			fail "${verb%% *}: SIG$sig forwarded to the program" "status $st"; fi
	done
done

# A forwarded signal that kills the program: its status, 128+N.
rm -f ready
"$SR" $TRACE -- sh -c 'echo x >ready; exec sleep 30' 2>>bg.err &
pid=$!
wait_for ready
kill -TERM $pid
wait $pid
st=$?
if [ $st = 143 ]; then ok "the program killed by a forwarded SIGTERM: 143"; else
	fail "the program killed by a forwarded SIGTERM: 143" "status $st"; fi

# ---------------------------------------------------------------- statuses

for verb in "$TRACE" "$RECORD"; do
	v=${verb%% *}
	# shellcheck disable=SC2086
	expect_status 0 "$v: exit 0" "$SR" $verb -- sh -c 'exit 0'
	# shellcheck disable=SC2086
	expect_status 42 "$v: exit 42" "$SR" $verb -- sh -c 'exit 42'
	# shellcheck disable=SC2086
	expect_status 137 "$v: killed by SIGKILL: 137" "$SR" $verb -- sh -c 'kill -KILL $$'
	# shellcheck disable=SC2086
	expect_status 159 "$v: killed by SIGSYS: 159" "$SR" $verb -- sh -c 'kill -SYS $$'
	# shellcheck disable=SC2086
	expect_status 127 "$v: not found: 127" "$SR" $verb -- ./nothing-here
done

# --------------------------------------------- what the program inherits

for verb in "$TRACE" "$RECORD"; do
	v=${verb%% *}
	run "$SR" -p unconfined -- "$PROBE" status:SigBlk status:SigIgn
	want=$OUT
	# shellcheck disable=SC2086
	expect "$v: the program's signal mask and ignored set are ours, not the supervisor's" 0 \
		"$want" "$SR" $verb -- "$PROBE" status:SigBlk status:SigIgn
	# Inherited fds pass through, as with run; ours never do.
	run "$SR" -p unconfined -- "$PROBE" fds
	want=$OUT
	# shellcheck disable=SC2086
	expect "$v: no fd of the supervisor reaches the program" 0 "$want" \
		"$SR" $verb -- "$PROBE" fds
	# shellcheck disable=SC2086
	expect "$v: no_new_privs is set" 0 "NoNewPrivs=1" "$SR" $verb -- "$PROBE" status:NoNewPrivs
	# shellcheck disable=SC2086
	expect "$v: the filter count: one, ours" 0 "Seccomp_filters=1" \
		"$SR" $verb -- "$PROBE" status:Seccomp_filters
done

# With the standard descriptors closed, none of ours takes their place in
# the program (as hygiene.t checks for run).
run sh -c 'exec 2>&-; exec "$@"' sh "$SR" -p ./deny.json -- "$PROBE" fds getppid
want=$OUT
# The first line is the fd list, which an inherited fd may extend.
case $(printf '%s\n' "$want" | head -n 1) in
fds=0,1 | fds=0,1,[!2]*) ok "run with stderr closed: fd 2 closed" ;;
*) fail "run with stderr closed: fd 2 closed" "$(diag)" ;;
esac
expect "trace, stderr closed: the program runs, its fds as under run" 0 "$want" \
	sh -c 'exec 2>&-; exec "$@"' sh "$SR" trace -p ./deny.json -- "$PROBE" fds getppid
run sh -c 'exec <&-; exec "$@"' sh "$SR" -p unconfined -- "$PROBE" fds
want=$OUT
expect "record, stdin closed: the program runs, its fds as under run" 0 "$want" \
	sh -c 'exec <&-; exec "$@"' sh "$SR" record -q -o closed.json -- "$PROBE" fds

# ---------------------------------------------------- descendants served

# The program exits at once; its background child makes a denied call
# later and must still get the profile's answer, not ENOSYS.
expect "trace: the program's status when it exits first" 0 "" \
	"$SR" trace -p ./deny.json --log bg.log -- sh -c '(sleep 0.3; "$1" getppid >bg.out) &' sh "$PROBE"
if [ "$(cat bg.out 2>/dev/null)" = getppid=ENOMSG ]; then
	ok "a background child is served after the program exits (ENOMSG, not ENOSYS)"
else
	fail "a background child is served after the program exits" "$(cat bg.out 2>/dev/null)" "$(diag)"
fi
if grep -q 'getppid() .* -> ENOMSG' bg.log; then ok "the background child's denial is reported"; else
	fail "the background child's denial is reported" "$(cat bg.log)"; fi
expect "record: a background child's calls are recorded" 0 "" \
	"$SR" record -q -o bg.json -- sh -c '(sleep 0.3; "$1" getppid >/dev/null) &' sh "$PROBE"
if grep -q '"getppid"' bg.json; then ok "record: the background child's getppid is in the profile"; else
	fail "record: the background child's getppid is in the profile" "$(cat bg.json)"; fi

# After the program has exited, a terminating signal ends the wait.
rm -f bgpid
"$SR" $TRACE -- sh -c 'sleep 30 & echo $! >bgpid' 2>>bg.err &
pid=$!
wait_for bgpid
sleep 0.2
kill -TERM $pid
wait $pid
st=$?
if [ $st = 0 ]; then ok "SIGTERM after the program exited: the supervisor ends, the program's status"; else
	fail "SIGTERM after the program exited: the supervisor ends" "status $st"; fi
kill "$(cat bgpid)" 2>/dev/null

# The program does not outlive its supervisor.
rm -f progpid
"$SR" $TRACE -- sh -c 'echo $$ >progpid; exec sleep 30' 2>>bg.err &
pid=$!
wait_for progpid
kill -KILL $pid
wait $pid 2>/dev/null
i=0
while kill -0 "$(cat progpid)" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$(cat progpid)" 2>/dev/null; then
	fail "the supervisor killed: the program dies with it (PDEATHSIG)"
	kill -KILL "$(cat progpid)"
else
	ok "the supervisor killed: the program dies with it (PDEATHSIG)"
fi

# ------------------------------------------------------------ PID 1

# An orphan reparents to PID 1; the lister runs while PID 1 is the
# supervisor (trace) or the program itself (run: the probe, which reaps
# nothing). The run case shows the check can see a zombie.
ZOMBIES='sh -c "sleep 0.2 &"; (sleep 0.7; cat /proc/[0-9]*/stat 2>/dev/null | awk "\$3 == \"Z\" { print \$2 }" >zombies) & exec "$1" sleep:1'
if is_root && unshare --pid --fork --mount-proc true 2>/dev/null; then
	for verb in "$TRACE" "$RECORD" "run -p ./deny.json"; do
		v=${verb%% *}
		rm -f zombies
		# shellcheck disable=SC2086
		run unshare --pid --fork --mount-proc "$SR" $verb -- sh -c "$ZOMBIES" sh "$PROBE"
		if [ "$STATUS" != 0 ] || [ ! -e zombies ]; then
			fail "$v as PID 1: ran" "$(diag)"
		elif [ "$v" = run ] && [ "$(cat zombies)" = "(sleep)" ]; then
			ok "control: with the probe as PID 1 the orphan stays a zombie"
		elif [ "$v" != run ] && [ ! -s zombies ]; then
			ok "$v as PID 1: the orphan was reaped"
		else
			fail "$v as PID 1: zombies" "$(cat zombies)" "$(diag)"
		fi
	done
else
	skip "PID 1 reaps orphans" "unshare --pid needs root here"
fi

finish
