# SPDX-License-Identifier: Apache-2.0
# The fault matrix: every failure after parsing, forced through its real
# error path with the test-only hook (src/fault.h) of build/seccomp-run-faults,
# ends in the documented status (125 before exec, 126 for a failed execve)
# with nothing run and one line on stderr naming what failed. Each forced
# failure has a control: the same command without the fault runs the program.
# The binary `make install` installs has no hook.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# A cached filter would skip the compile failures forced here: this build
# caches only where told to.
unset SECCOMP_RUN_CACHE_DIR

: "${SECCOMP_RUN_FAULTS:=$REPO/build/seccomp-run-faults}"
FAULTS=$SECCOMP_RUN_FAULTS
RAN=$T/ran
TOUCH="touch '$RAN'"

# ---- the installed binary has no hook
if grep -a -q SECCOMP_RUN_FAULT "$SR"; then
	fail "the installed binary ($SR) does not read SECCOMP_RUN_FAULT" \
		"$(strings "$SR" 2>/dev/null | grep SECCOMP_RUN_FAULT)"
else
	ok "the installed binary ($SR) does not read SECCOMP_RUN_FAULT"
fi
if grep -a -q execve-unconfined "$SR"; then
	fail "the installed binary has no fault point names"
else
	ok "the installed binary has no fault point names"
fi

if [ ! -x "$FAULTS" ]; then
	skip "fault matrix" "$FAULTS not built (make build/seccomp-run-faults)"
	finish
fi
if grep -a -q SECCOMP_RUN_FAULT "$FAULTS"; then
	ok "the fault build reads SECCOMP_RUN_FAULT"
else
	fail "the fault build reads SECCOMP_RUN_FAULT" "$FAULTS lacks the string"
fi

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
# Two conditions on one index: libseccomp gets one rule per condition.
cat >repeated.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" },
                            { "index": 0, "value": 2, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
# Two arches: whichever is not native goes through seccomp_arch_add.
cat >arches.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "architectures": [ "SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64" ],
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }
EOF
# After the load, seccomp-run itself may only execve, write and exit_group.
cat >minimal.json <<'EOF'
{ "defaultAction": "SCMP_ACT_KILL_PROCESS",
  "syscalls": [ { "names": ["execve", "write", "exit_group"], "action": "SCMP_ACT_ALLOW" } ] }
EOF

# one_line DESC: the last run's stderr is exactly one seccomp-run message
one_line() {
	case $ERR in
	*"
"*) fail "$1" "expected one line on stderr" "$(diag)" ;;
	"seccomp-run: "*) ok "$1" ;;
	*) fail "$1" "expected one 'seccomp-run: ' line on stderr" "$(diag)" ;;
	esac
}

# control DESC SR-ARGS...: without a fault, the fault build runs the program
control() {
	_d=$1
	shift
	expect_status 0 "$_d: control without the fault: 0" "$FAULTS" "$@" -- sh -c "$TOUCH"
	if [ -e "$RAN" ]; then
		ok "$_d: control: the program ran"
	else
		fail "$_d: control: the program ran" "$(diag)"
	fi
	rm -f "$RAN"
}

# forced POINT STATUS WHAT SR-ARGS...: SECCOMP_RUN_FAULT=POINT gives STATUS,
# nothing ran, and stderr is one line containing WHAT. Then the control.
forced() {
	_p=$1 _st=$2 _what=$3
	shift 3
	_lbl="fault $_p ($*)"
	expect_status "$_st" "$_lbl: $_st" \
		env SECCOMP_RUN_FAULT="$_p" "$FAULTS" "$@" -- sh -c "$TOUCH"
	absent "$RAN" "$_lbl: the program did not run"
	one_line "$_lbl: one line on stderr"
	stderr_has "$_what" "$_lbl: the message names what failed ($_what)"
	control "$_lbl" "$@"
}

# ---- before the filter is built (host facts)
forced caps 125 "cannot read this process's capabilities: Cannot allocate memory" \
	-p ./allow.json

# ---- compile: libseccomp, memfd export
forced init 125 "defaultAction: libseccomp cannot use SCMP_ACT_ALLOW as the default action" \
	-p ./allow.json
forced arch 125 "libseccomp: adding the architecture SCMP_ARCH_" -p ./arches.json
forced rule 125 "syscalls[0].names[0]: libseccomp refused the rule for 'getppid': Invalid argument" \
	-p ./allow.json
forced rule 125 "syscalls[0].names[0]: libseccomp refused the rule for 'getppid'" \
	-p ./repeated.json
forced rule 125 "libseccomp refused the rule for " -p runtime/default
forced memfd 125 "memfd_create for the exported filter: Too many open files" -p ./allow.json
forced export 125 "libseccomp: exporting the filter as BPF: Cannot allocate memory" \
	-p ./allow.json
forced read 125 "reading the exported filter: Input/output error" -p ./allow.json
# A program that loses a rule in both of libseccomp's layouts is not loaded.
forced lost-rule 125 "on x86_64 does not get this rule's action where its conditions hold; refusing to load it" \
	-p ./allow.json

# ---- launch: fds, no_new_privs, seccomp(2)
forced close-fds 125 "--close-fds: cannot list /proc/self/fd: No such file or directory" \
	--close-fds -p ./allow.json
forced nnp 125 "prctl(PR_SET_NO_NEW_PRIVS): Invalid argument" -p ./allow.json
forced nnp 125 "prctl(PR_SET_NO_NEW_PRIVS): Invalid argument" -p unconfined
# No "flags" in the profile: the retry without SPEC_ALLOW fails the same way.
forced seccomp 125 "loading the filter with seccomp(2) (the kernel refused the program or its flags): Invalid argument" \
	-p ./allow.json
cat >flags.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG"],
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO" } ] }
EOF
forced seccomp 125 "seccomp(2) (the kernel refused the program or its flags): Invalid argument" \
	-p ./flags.json
forced seccomp-eacces 125 "loading the filter with seccomp(2) (without no_new_privs this needs CAP_SYS_ADMIN): Permission denied" \
	-p ./allow.json

# ---- execve
forced execve 126 "/sh: execve failed under the filter: EACCES (errno 13)" -p ./allow.json
# Under a filter that kills on anything but execve, write and exit_group,
# the failure is still reported: nothing else ran after the load. Without
# the fault the same filter kills sh at its first syscall (SIGSYS, 159),
# which shows the filter was loaded before the execve.
expect_status 126 "fault execve under a minimal filter: 126, not a SIGSYS death" \
	env SECCOMP_RUN_FAULT=execve "$FAULTS" -p ./minimal.json -- sh -c "$TOUCH"
absent "$RAN" "fault execve under a minimal filter: the program did not run"
one_line "fault execve under a minimal filter: one line on stderr"
stderr_has "execve failed under the filter: EACCES" \
	"fault execve under a minimal filter: the message says so"
expect_status 159 "control: the minimal filter is loaded and kills sh (SIGSYS)" \
	"$FAULTS" -p ./minimal.json -- sh -c "$TOUCH"
absent "$RAN" "control: the minimal filter: sh did not get to run touch"
forced execve-unconfined 126 "/sh: cannot execute: Permission denied" -p unconfined

# ---- a name that is no fault point changes nothing; neither does the
# variable for the installed binary
expect_status 0 "an unknown fault name: the program runs (0)" \
	env SECCOMP_RUN_FAULT=no-such-point "$FAULTS" -p ./allow.json -- sh -c "$TOUCH"
if [ -e "$RAN" ]; then ok "an unknown fault name: the program ran"; else
	fail "an unknown fault name: the program ran" "$(diag)"; fi
rm -f "$RAN"
if [ -z "$ERR" ]; then ok "an unknown fault name: nothing on stderr"; else
	fail "an unknown fault name: nothing on stderr" "$(diag)"; fi
expect_status 0 "the installed binary ignores SECCOMP_RUN_FAULT=memfd" \
	env SECCOMP_RUN_FAULT=memfd "$SR" --no-cache -p ./allow.json -- sh -c "$TOUCH"
if [ -e "$RAN" ]; then ok "the installed binary ignores SECCOMP_RUN_FAULT: the program ran"
else fail "the installed binary ignores SECCOMP_RUN_FAULT: the program ran" "$(diag)"; fi
rm -f "$RAN"

finish
