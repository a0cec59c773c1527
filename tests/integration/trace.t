# SPDX-License-Identifier: Apache-2.0
# trace: the profile enforced as run enforces it, and every denied call
# named as it happens, with the verdict the profile gives.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >deny.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["socket"], "action": "SCMP_ACT_ERRNO" },
                { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
CALLS="getpid socket:16,3,0 getppid status:Pid"

# pids DESC: the last run's "pid N" in reports equals the probe's own Pid.
reports_pid() {
	_pid=$(printf '%s\n' "$OUT" | sed -n 's/^Pid=//p')
	_bad=$(printf '%s\n' "$ERR" | grep '^seccomp-run: denied:' | grep -v "pid $_pid (probe) ")
	if [ -n "$_pid" ] && [ -z "$_bad" ]; then ok "$1"; else fail "$1" "$(diag)"; fi
}
# norm: the last run's stderr with the probe's pid replaced by PID
norm() {
	_pid=$(printf '%s\n' "$OUT" | sed -n 's/^Pid=//p')
	printf '%s\n' "$ERR" | sed "s/pid $_pid /pid PID /"
}

run "$SR" -p ./deny.json -- "$PROBE" $CALLS
RUN_OUT=$(printf '%s\n' "$OUT" | grep -v '^Pid=')
expect "trace: the program sees what run gives it (EPERM, ENOMSG)" 0 "*" \
	"$SR" trace -p ./deny.json -- "$PROBE" $CALLS
if [ "$(printf '%s\n' "$OUT" | grep -v '^Pid=')" = "$RUN_OUT" ] &&
	[ "$RUN_OUT" = "$(lines getpid=OK socket:16,3,0=EPERM getppid=ENOMSG)" ]; then
	ok "trace: the program's output is run's"
else
	fail "trace: the program's output is run's" "run: $RUN_OUT" "$(diag)"
fi
WANT="seccomp-run: denied: pid PID (probe) socket(16, 3, 0) x86_64 -> EPERM
seccomp-run: denied: pid PID (probe) getppid() x86_64 -> ENOMSG
seccomp-run: summary: 2 denied calls:
seccomp-run:       1 socket x86_64 -> EPERM
seccomp-run:       1 getppid x86_64 -> ENOMSG"
if ! is_x86_64; then
	skip "trace: the reports, exactly" "the expected text is x86_64's"
elif [ "$(norm)" = "$WANT" ]; then
	ok "trace: each denied call named with its arguments, arch and errno; a summary"
else
	fail "trace: each denied call named with its arguments, arch and errno; a summary" \
		"want:" "$WANT" "$(diag)"
fi
reports_pid "trace: the pid reported is the probe's"
stderr_lacks "getpid" "trace: allowed calls are not reported"

expect "--permissive: the denied calls run" 0 \
	"$(lines getpid=OK socket:16,3,0=OK getppid=OK)" \
	"$SR" trace --permissive -p ./deny.json -- "$PROBE" getpid socket:16,3,0 getppid
stderr_has "getppid() x86_64 -> ENOMSG (permissive: let through)" \
	"--permissive: still reported, with the verdict it would have had"
stderr_has "summary: 2 denied calls (let through: --permissive)" "--permissive: the summary says so"

expect "trace -q: reports without the summary" 0 "getppid=ENOMSG" \
	"$SR" trace -q -p ./deny.json -- "$PROBE" getppid
stderr_has "denied:" "trace -q: the report is there"
stderr_lacks "summary" "trace -q: no summary"

# --log: the reports go to the file, stderr is the program's alone.
expect "--log FILE: the program runs as before" 0 "getppid=ENOMSG" \
	"$SR" trace --log trace.log -p ./deny.json -- sh -c '"$1" getppid; echo own >&2' sh "$PROBE"
if [ "$ERR" = own ] && grep -q 'getppid() x86_64 -> ENOMSG' trace.log &&
	grep -q '^seccomp-run: summary: [0-9]* denied calls*:' trace.log; then
	ok "--log FILE: reports and summary in the file, nothing of ours on stderr"
else
	fail "--log FILE: reports and summary in the file, nothing of ours on stderr" \
		"$(cat trace.log)" "$(diag)"
fi
expect_status 125 "--log in a missing directory: 125 before anything runs" \
	"$SR" trace --log nodir/t.log -p ./deny.json -- sh -c "touch '$T/ran'"
absent "$T/ran" "--log in a missing directory: the program did not run"

# --format json: one object a line, then the summary.
expect "--format json: the program runs as before" 0 "$(lines socket:16,3,0=EPERM getppid=ENOMSG)" \
	"$SR" trace --format json --log t.json -p ./deny.json -- "$PROBE" socket:16,3,0 getppid
if command -v python3 >/dev/null 2>&1; then
	if python3 - t.json <<'EOF'; then
import json, sys
lines = open(sys.argv[1]).read().splitlines()
recs = [json.loads(l) for l in lines]
assert len(recs) == 3, recs
a, b, s = recs
assert a["syscall"] == "socket" and a["args"][:3] == [16, 3, 0] and len(a["args"]) == 6
assert a["action"] == "SCMP_ACT_ERRNO" and a["errno"] == 1 and a["errno_name"] == "EPERM"
assert a["comm"] == "probe" and a["pid"] == a["tid"] and a["permissive"] is False
assert b["syscall"] == "getppid" and b["errno_name"] == "ENOMSG" and b["errno"] == 42
assert s["summary"]["denied"] == 2 and len(s["summary"]["calls"]) == 2
assert {c["syscall"]: c["count"] for c in s["summary"]["calls"]} == {"socket": 1, "getppid": 1}
EOF
		ok "--format json: every report and the summary are the right objects"
	else
		fail "--format json: every report and the summary are the right objects" "$(cat t.json)"
	fi
else
	skip "--format json: the objects" "no python3"
fi

# Every action, as the kernel carries it out under run.
for act in SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_KILL SCMP_ACT_TRAP; do
	cat >kill.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "$act" } ] }
EOF
	expect "$act: the probe dies of SIGSYS (159) at getppid, as under run" 159 "getpid=OK" \
		"$SR" trace -p ./kill.json -- "$PROBE" getpid getppid getpid
	stderr_has "getppid() x86_64 -> " "$act: reported before it is carried out"
done
stderr_has "-> SCMP_ACT_TRAP" "the verdict names the action"

# The default action of an allow-list, and the ENOSYS stub.
cat >allow.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE, { "names": ["getppid"], "action": "SCMP_ACT_ALLOW" } ] }
EOF
expect "allow-list: unlisted calls EPERM, a number above the profile's ENOSYS" 0 \
	"$(lines getppid=OK getuid=EPERM nr:1000=ENOSYS)" \
	"$SR" trace -p ./allow.json -- "$PROBE" getppid getuid nr:1000
stderr_has "getuid() x86_64 -> EPERM" "allow-list: the default action's denial is named"
stderr_has "syscall 1000(0, 0, 0, 0, 0, 0) x86_64 -> ENOSYS" \
	"a number with no name: the number, all six arguments, ENOSYS from the stub"

# Children and threads have the filter too.
expect "a shell's child is traced" 0 "getppid=ENOMSG" \
	"$SR" trace -p ./deny.json -- sh -c '"$1" getppid; exit $?' sh "$PROBE"
stderr_has "(probe) getppid() x86_64 -> ENOMSG" "the child is named by its own name"

if have_i386; then
	cat >i386.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
	expect "i386 calls of a 64-bit program: verdict of the x86 part" 0 "i386:getppid=ENOMSG" \
		"$SR" trace -p ./i386.json -- "$PROBE" i386:getppid
	stderr_has "getppid() x86 -> ENOMSG" "i386 call: named with its arch"
else
	skip "i386 calls" "no i386 ABI here"
fi

# Warm starts trace the same filter.
expect "the built-in default: nothing denied for sh" 0 "" \
	"$SR" trace -p runtime/default -- sh -c true
stderr_has "summary: no denied calls" "the built-in default: the summary says none"
expect "the built-in default without capabilities: reboot denied" 0 "reboot=EPERM" \
	"$SR" trace --caps none -p runtime/default -- "$PROBE" reboot
stderr_has "reboot(0, 0, 0, 0) x86_64 -> EPERM" "the built-in default: reboot named"

# Exit statuses are run's.
expect_status 3 "the program's exit status" "$SR" trace -p ./deny.json -- sh -c 'exit 3'
expect_status 143 "killed by SIGTERM: 143" "$SR" trace -p ./deny.json -- sh -c 'kill -TERM $$'
expect_status 127 "program not found: 127" "$SR" trace -p ./deny.json -- ./no-such-program
printf 'x' >notexec
expect_status 126 "program not executable: 126" "$SR" trace -p ./deny.json -- ./notexec
cat >noexec.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["execve"], "action": "SCMP_ACT_ERRNO" } ] }
EOF
expect_status 126 "the profile denies execve: 126, as run" "$SR" trace -p ./noexec.json -- "$PROBE"
stderr_has "does not allow execve" "execve denied: the reason, once"
if [ "$(printf '%s\n' "$ERR" | grep -c 'does not allow execve')" = 1 ]; then
	ok "execve denied: said once (by the supervisor, not by both processes)"
else
	fail "execve denied: said once" "$(diag)"
fi

echo '{ "defaultAction": "SCMP_ACT_BOGUS" }' >bad.json
refuses "a bad profile" trace -p ./bad.json
refuses "unconfined: nothing to trace" trace -p unconfined
stderr_has "nothing can be denied" "unconfined: the message says why"
cat >notify.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/nonexistent/agent.sock",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_NOTIFY" } ] }
EOF
refuses "NOTIFY rules belong to their agent" trace -p ./notify.json
refuses "trace -o is not an option" trace -o x.json -p ./deny.json
refuses "trace --bpf is not an option" trace --bpf x.bpf

finish
