# SPDX-License-Identifier: Apache-2.0
# Every action, as a rule and as the default, observed from the probe.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# getppid_rule FILE ACTION [EXTRA-JSON]: default ALLOW, one rule on getppid
getppid_rule() {
	cat >"$1" <<EOF
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"syscalls": [
		{ "names": ["getppid"], "action": "$2"${3:+, $3} }
	]
}
EOF
}

getppid_rule errno42.json SCMP_ACT_ERRNO '"errnoRet": 42'
expect "ERRNO with errnoRet 42 returns ENOMSG, other calls run" 0 \
	"$(lines getpid=OK getppid=ENOMSG getpid=OK)" \
	"$SR" -p ./errno42.json -- "$PROBE" getpid getppid getpid

getppid_rule errno.json SCMP_ACT_ERRNO
expect "ERRNO without errnoRet returns EPERM" 0 "getppid=EPERM" \
	"$SR" -p ./errno.json -- "$PROBE" getppid

getppid_rule errno4094.json SCMP_ACT_ERRNO '"errnoRet": 4094'
expect "ERRNO errnoRet 4094 (the largest libseccomp takes) comes back as is" 0 \
	"getppid=E4094" "$SR" -p ./errno4094.json -- "$PROBE" getppid

# errnoRet 0: the call "succeeds" without running; mkdir shows it did not run.
cat >errno0.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 0 } ] }
EOF
expect "ERRNO errnoRet 0 returns success without running the call" 0 \
	"mkdir:@$T/made=OK" "$SR" -p ./errno0.json -- "$PROBE" "mkdir:@$T/made"
absent "$T/made" "ERRNO errnoRet 0: the directory was not created"
expect "control: without the profile mkdir creates the directory" 0 \
	"mkdir:@$T/made=OK" "$SR" -p unconfined -- "$PROBE" "mkdir:@$T/made"
if [ -d "$T/made" ]; then ok "control: directory created"; else
	fail "control: directory created"; fi

for act in SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP; do
	getppid_rule kill.json "$act"
	expect "$act: the probe dies of SIGSYS (159) at getppid, not before" 159 \
		"getpid=OK" "$SR" -p ./kill.json -- "$PROBE" getpid getppid getpid
done

getppid_rule log.json SCMP_ACT_LOG
expect "LOG rule: the call is allowed" 0 "getppid=OK" \
	"$SR" -p ./log.json -- "$PROBE" getppid

getppid_rule trace.json SCMP_ACT_TRACE
expect "TRACE rule without a tracer: ENOSYS" 0 "$(lines getppid=ENOSYS getpid=OK)" \
	"$SR" -p ./trace.json -- "$PROBE" getppid getpid

getppid_rule trace7.json SCMP_ACT_TRACE '"errnoRet": 7'
expect "TRACE rule with errnoRet (the ptrace message) without a tracer: ENOSYS" 0 \
	"getppid=ENOSYS" "$SR" -p ./trace7.json -- "$PROBE" getppid

# Default actions, with an allow-list that lets the probe start.
default_profile() { # FILE ACTION [EXTRA-TOP-LEVEL-JSON]
	cat >"$1" <<EOF
{
	"defaultAction": "$2",${3:+ $3,}
	"syscalls": [
		$BASE_RULE,
		{ "names": ["getppid"], "action": "SCMP_ACT_ALLOW" }
	]
}
EOF
}

default_profile allow-list.json SCMP_ACT_ERRNO
expect "ALLOW rule under default ERRNO: listed call runs, others EPERM" 0 \
	"$(lines getppid=OK getpid=EPERM getuid=EPERM)" \
	"$SR" -p ./allow-list.json -- "$PROBE" getppid getpid getuid
expect "the static probe starts under the same allow-list" 0 \
	"$(lines getppid=OK getpid=EPERM)" \
	"$SR" -p ./allow-list.json -- "$PROBE_STATIC" getppid getpid

default_profile deferr.json SCMP_ACT_ERRNO '"defaultErrnoRet": 42'
expect "defaultErrnoRet 42: unlisted calls return ENOMSG" 0 \
	"$(lines getppid=OK getpid=ENOMSG)" \
	"$SR" -p ./deferr.json -- "$PROBE" getppid getpid

for act in SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP; do
	default_profile defkill.json "$act"
	expect "default $act: an unlisted call kills the probe (159)" 159 \
		"getppid=OK" "$SR" -p ./defkill.json -- "$PROBE" getppid getpid getppid
done

default_profile deflog.json SCMP_ACT_LOG
expect "default LOG: unlisted calls run" 0 "$(lines getpid=OK uname=EFAULT)" \
	"$SR" -p ./deflog.json -- "$PROBE" getpid uname

default_profile deftrace.json SCMP_ACT_TRACE
expect "default TRACE without a tracer: unlisted calls ENOSYS" 0 \
	"$(lines getppid=OK getpid=ENOSYS)" \
	"$SR" -p ./deftrace.json -- "$PROBE" getppid getpid

# The filter stays in force across execve and in children.
getppid_rule exec.json SCMP_ACT_ERRNO '"errnoRet": 42'
expect "the filter survives an execve by the program" 0 \
	"$(lines getppid=ENOMSG getppid=ENOMSG)" \
	"$SR" -p ./exec.json -- "$PROBE" getppid "exec:$PROBE" getppid
expect "the filter applies to a shell's children" 0 "getppid=ENOMSG" \
	"$SR" -p ./exec.json -- sh -c '"$1" getppid; exit $?' sh "$PROBE"

# A rule with the default's action is redundant, not an error.
cat >redundant.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ALLOW" },
                { "names": ["getpid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
expect "a rule equal to the default action is skipped, the rest applies" 0 \
	"$(lines getppid=OK getpid=ENOMSG)" \
	"$SR" -p ./redundant.json -- "$PROBE" getppid getpid

# ERRNO(5) under default ERRNO(1) is not redundant: the full action differs.
cat >errdiff.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
                { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 5 } ] }
EOF
expect "ERRNO(EIO) rule under default ERRNO(EPERM) applies" 0 \
	"$(lines getppid=EIO getpid=EPERM)" \
	"$SR" -p ./errdiff.json -- "$PROBE" getppid getpid

# Rule order for one syscall (libseccomp merge, as runc and crun load it):
# an unconditional rule first wins over a later one.
cat >order.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
                { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43 } ] }
EOF
expect "two unconditional rules for one call: the first one wins" 0 \
	"getppid=ENOMSG" "$SR" -p ./order.json -- "$PROBE" getppid

# After loading the filter seccomp-run itself makes no syscall but execve:
# default KILL_PROCESS with exactly what the static probe needs to start
# and exit (no write, close, prctl...) must not kill anything.
STATIC_START='"execve", "arch_prctl", "brk", "set_tid_address", "set_robust_list",
	"rseq", "prlimit64", "readlink", "getrandom", "mprotect", "exit_group"'
cat >minimal.json <<EOF
{ "defaultAction": "SCMP_ACT_KILL_PROCESS",
  "syscalls": [ { "names": [$STATIC_START], "action": "SCMP_ACT_ALLOW" } ] }
EOF
expect "only execve after the load: a filter allowing just the probe's start-up runs it" 0 "" \
	"$SR" -p ./minimal.json -- "$PROBE_STATIC"
expect "the same under -v and --close-fds (nothing printed or closed after the load)" 0 "" \
	"$SR" -v --close-fds -p ./minimal.json -- "$PROBE_STATIC" 5>/dev/null
cat >minimal-w.json <<EOF
{ "defaultAction": "SCMP_ACT_KILL_PROCESS",
  "syscalls": [ { "names": [$STATIC_START, "write", "getppid"], "action": "SCMP_ACT_ALLOW" } ] }
EOF
expect "control: the minimal filter is enforced (getuid kills)" 159 "getppid=OK" \
	"$SR" -p ./minimal-w.json -- "$PROBE_STATIC" getppid getuid

finish
