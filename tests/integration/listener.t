# SPDX-License-Identifier: Apache-2.0
# listenerPath: run hands the listener fd and the ContainerProcessState to
# a seccomp agent (tests/tools/notify-agent.c), which then answers the
# profile's SCMP_ACT_NOTIFY calls.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

AGENT=$TOOLS/notify-agent
SOCK=$T/agent.sock

# notify_profile FILE [RULE-JSON...]: default ALLOW, getppid notified
notify_profile() {
	_f=$1
	shift
	cat >"$_f" <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "$SOCK", "listenerMetadata": "meta \"1\"",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_NOTIFY" }${1:+, $1} ] }
EOF
}
# agent_done: wait for the agent to log "done" (its listener hung up)
agent_done() {
	_i=0
	while ! grep -q '^done$' agent.log 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
}
# field KEY: KEY=... of agent.log
field() {
	sed -n "s/^$1=//p" agent.log
}

notify_profile n.json
rm -f agent.log
"$AGENT" "$SOCK" agent.log 42
expect "the agent answers the notified call (errno 42), others run" 0 \
	"$(lines getpid=OK getppid=ENOMSG getpid=OK Pid=PID)" \
	sh -c '"$1" -p ./n.json -- "$2" getpid getppid getpid status:Pid | sed "s/^Pid=.*/Pid=PID/"' \
	sh "$SR" "$PROBE"
agent_done
PID=$(field state | grep -o '"pid":[0-9]*' | head -n 1 | cut -d: -f2)
if [ "$(field fds)" = 1 ] && [ "$(field fd)" = "anon_inode:seccomp notify" ]; then
	ok "the agent got exactly one fd, a seccomp listener"
else
	fail "the agent got exactly one fd, a seccomp listener" "$(cat agent.log)"
fi
if [ "$(grep -c '^call=' agent.log)" = 1 ] && grep -q "^call=[0-9]* pid=$PID\$" agent.log; then
	ok "the agent saw one call, from the program's pid"
else
	fail "the agent saw one call, from the program's pid" "$(cat agent.log)"
fi
if command -v python3 >/dev/null 2>&1; then
	if python3 - "$T" <<'EOF'; then
import json, sys
log = dict(l.split("=", 1) for l in open("agent.log").read().splitlines() if "=" in l)
raw = log["state"]
s = json.loads(raw)
assert raw == json.dumps(s, separators=(",", ":")), "not compact: " + raw
assert list(s) == ["ociVersion", "fds", "pid", "metadata", "state"], list(s)
assert s["ociVersion"] == "1.1.0" and s["fds"] == ["seccompFd"]
assert s["metadata"] == 'meta "1"'
st = s["state"]
assert list(st) == ["ociVersion", "id", "status", "pid", "bundle"], list(st)
assert st["status"] == "creating" and st["pid"] == s["pid"]
assert st["id"] == "seccomp-run-%d" % s["pid"]
assert st["bundle"] == sys.argv[1], st["bundle"]
EOF
		ok "the ContainerProcessState: runc's keys and order, compact, our pid, the cwd as bundle"
	else
		fail "the ContainerProcessState: runc's keys and order, compact, our pid, the cwd as bundle" \
			"$(cat agent.log)"
	fi
else
	skip "the ContainerProcessState" "no python3"
fi

rm -f agent.log
"$AGENT" "$SOCK" agent.log continue
expect "an agent that lets the call run" 0 "getppid=OK" "$SR" -p ./n.json -- "$PROBE" getppid
agent_done

# Children have the filter: the agent serves them too.
rm -f agent.log
"$AGENT" "$SOCK" agent.log 5
expect "a child's notified call goes to the agent too" 0 "getppid=EIO" \
	"$SR" -p ./n.json -- sh -c '"$1" getppid' sh "$PROBE"
agent_done
if [ "$(grep -c '^call=' agent.log)" -ge 2 ]; then ok "the agent saw the shell's and the child's calls"
else fail "the agent saw the shell's and the child's calls" "$(cat agent.log)"; fi

# A profile that notifies sendmsg and execve: the hand-off and the exec
# still work (the one sendmsg is let through by its cookie; execve is the
# agent's to answer).
notify_profile all.json '{ "names": ["sendmsg", "execve", "write"], "action": "SCMP_ACT_NOTIFY" }'
rm -f agent.log
"$AGENT" "$SOCK" agent.log continue
expect "sendmsg, execve and write notified too: the program starts, the agent answers" 0 \
	"getppid=OK" "$SR" -p ./all.json -- "$PROBE" getppid
agent_done
if [ "$(grep -c '^call=' agent.log)" -ge 3 ]; then ok "the agent answered execve, write and getppid"
else fail "the agent answered execve, write and getppid" "$(cat agent.log)"; fi

# No agent listening: nothing runs.
notify_profile n.json
rm -f "$SOCK"
refuses "listenerPath with no agent there" -p ./n.json
stderr_has "cannot connect to the seccomp agent" "no agent: the message says so"
stderr_has "$SOCK" "no agent: the message names the socket"

# A NOTIFY rule that is dropped here needs no agent: none is dialed.
cat >dropped.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "$SOCK",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_NOTIFY",
                  "includes": { "caps": ["CAP_SYS_ADMIN"] } } ] }
EOF
expect "a NOTIFY rule dropped for this host: no agent needed" 0 "getppid=OK" \
	"$SR" --caps none -p ./dropped.json -- "$PROBE" getppid

# Still refused: NOTIFY without listenerPath.
cat >nolistener.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_NOTIFY" } ] }
EOF
refuses "SCMP_ACT_NOTIFY without listenerPath" -p ./nolistener.json
stderr_has "needs listenerPath" "without listenerPath: the reason"

# The program not found: the agent is not even dialed.
rm -f agent.log
"$AGENT" "$SOCK" agent.log 42
expect_status 127 "program not found: 127" "$SR" -p ./n.json -- ./no-such-program
sleep 0.1
if [ -S "$SOCK" ] && ! grep -q '^state=\|^error=' agent.log; then
	ok "program not found: the agent got no connection"
else
	fail "program not found: the agent got no connection" "$(cat agent.log)"
fi
kill "$(field agent)" 2>/dev/null
rm -f "$SOCK"

FAULTS=${SECCOMP_RUN_FAULTS:-$REPO/build/seccomp-run-faults}
if [ -x "$FAULTS" ]; then
	notify_profile n.json
	rm -f agent.log
	"$AGENT" "$SOCK" agent.log 42
	expect_status 125 "the hand-off fails after the load: 125" \
		env SECCOMP_RUN_FAULT=handoff "$FAULTS" -p ./n.json -- sh -c "touch '$T/ran'"
	absent "$T/ran" "the hand-off fails: the program did not run"
	stderr_has "handing the notification fd to the seccomp agent (listenerPath) failed: EPIPE" \
		"the hand-off fails: the preformatted message"
	kill "$(field agent)" 2>/dev/null
else
	skip "a failed hand-off" "$FAULTS not built"
fi

finish
