# SPDX-License-Identifier: Apache-2.0
# Exit statuses: the program's own once exec'd; 125 when seccomp-run fails
# before exec (and nothing ran); 126 found but not executable, or execve
# denied by the profile; 127 not found. Also the command-line shape.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

RAN=$T/ran

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF

# ---- 125: seccomp-run failed, nothing ran
expect_status 0 "control: a good profile runs the touch program" \
	"$SR" -p ./allow.json -- sh -c "touch '$RAN'"
if [ -e "$RAN" ]; then ok "control: the touch program ran"; else
	fail "control: the touch program ran" "$(diag)"; fi
rm -f "$RAN"
refuses "unknown option" --bogus-option -p ./allow.json
stderr_has "--bogus-option" "unknown option: the message names it"
refuses "--preserve-fds not a number" --preserve-fds x -p ./allow.json
refuses "--no-new-privs=maybe" --no-new-privs=maybe -p ./allow.json
refuses "--caps with an unknown capability" --caps CAP_BOGUS -p ./allow.json
expect_status 125 "-p without a value: 125" "$SR" -p
expect_status 125 "no program: 125" "$SR" -p ./allow.json
expect_status 125 "no program after --: 125" "$SR" -p ./allow.json --

printf '{ "defaultAction": "SCMP_ACT_ALLOW", ' >broken.json
refuses "truncated JSON" -p ./broken.json
stderr_has "broken.json" "truncated JSON: the message names the file"

: >empty.json
refuses "empty profile file" -p ./empty.json
echo '{}' >emptyobj.json
refuses "profile {} (no defaultAction)" -p ./emptyobj.json
refuses "missing profile file" -p ./no-such-profile.json

cat >badaction.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_BOGUS" } ] }
EOF
refuses "unknown action" -p ./badaction.json
stderr_has "badaction.json: syscalls[0].action: " \
	"unknown action: message is FILE: JSON path: ..."

cat >badop.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": 1, "op": "SCMP_CMP_BOGUS" } ] } ] }
EOF
refuses "unknown operator" -p ./badop.json
stderr_has "syscalls[0].args[0].op" "unknown operator: the message has the JSON path"

cat >badindex.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 6, "value": 1, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "argument index 6" -p ./badindex.json

cat >errno4095.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 4095 } ] }
EOF
refuses "errnoRet 4095 (above libseccomp's limit)" -p ./errno4095.json
stderr_has "errnoRet" "errnoRet 4095: the message names the field"

cat >errnoallow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ALLOW", "errnoRet": 5 } ] }
EOF
refuses "errnoRet on an ALLOW rule" -p ./errnoallow.json

for act in SCMP_ACT_TRAP SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_LOG; do
	cat >errnoact.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "$act", "errnoRet": 1 } ] }
EOF
	refuses "errnoRet on a $act rule" -p ./errnoact.json
	stderr_has "syscalls[0].errnoRet" "errnoRet on $act: the message has the JSON path"
done

cat >defkillerrno.json <<'EOF'
{ "defaultAction": "SCMP_ACT_KILL_PROCESS", "defaultErrnoRet": 1 }
EOF
refuses "defaultErrnoRet with default KILL_PROCESS" -p ./defkillerrno.json

cat >notifydefault.json <<'EOF'
{ "defaultAction": "SCMP_ACT_NOTIFY", "listenerPath": "/nonexistent/agent.sock" }
EOF
refuses "SCMP_ACT_NOTIFY as the default action" -p ./notifydefault.json

cat >strvalue.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": "1", "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "a value given as a string" -p ./strvalue.json
stderr_has "syscalls[0].args[0].value" "value as a string: the message has the JSON path"

cat >fracvalue.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": 1.5, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "a fractional value" -p ./fracvalue.json

cat >negindex.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": -1, "value": 1, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "a negative index" -p ./negindex.json

printf '{ "defaultAction": "SCMP_ACT_ALLOW" } trailing' >trailing.json
refuses "text after the JSON object" -p ./trailing.json

cat >baddefault.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 5, "syscalls": [] }
EOF
refuses "defaultErrnoRet with default ALLOW" -p ./baddefault.json

cat >badarch.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_BOGUS"] }
EOF
refuses "unknown architecture" -p ./badarch.json

cat >dupkey.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "defaultAction": "SCMP_ACT_LOG" }
EOF
refuses "duplicate key" -p ./dupkey.json

cat >negative.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": -1, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "negative value" -p ./negative.json

cat >toobig.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "args": [ { "index": 0, "value": 18446744073709551616, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
refuses "value 2^64 (out of range)" -p ./toobig.json

cat >notify.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_NOTIFY" } ] }
EOF
refuses "SCMP_ACT_NOTIFY without listenerPath" -p ./notify.json

cat >badflag.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_BOGUS"] }
EOF
refuses "unknown flag" -p ./badflag.json

if is_root && command -v setpriv >/dev/null &&
	[ "$(setpriv --reuid 65534 --regid 65534 --clear-groups "$PROBE" getpid 2>/dev/null)" = getpid=OK ]; then
	chmod 755 "$T"
	chmod 644 allow.json
	expect_status 125 "--no-new-privs=off without CAP_SYS_ADMIN: 125" \
		setpriv --reuid 65534 --regid 65534 --clear-groups \
		"$SR" --no-new-privs=off -p ./allow.json -- "$PROBE" getpid
	if [ -z "$OUT" ]; then
		ok "--no-new-privs=off without CAP_SYS_ADMIN: the program did not run"
	else
		fail "--no-new-privs=off without CAP_SYS_ADMIN: the program did not run" "$(diag)"
	fi
else
	skip "--no-new-privs=off refused for a non-root caller" "needs root and setpriv"
fi

# ---- 126: found, cannot be executed
printf '#!/bin/sh\ntouch "%s"\n' "$RAN" >noexec.sh
chmod 644 noexec.sh
expect_status 126 "a file without execute permission: 126" \
	"$SR" -p ./allow.json -- ./noexec.sh
absent "$RAN" "a file without execute permission: nothing ran"
mkdir adir
expect_status 126 "a directory: 126" "$SR" -p ./allow.json -- ./adir
printf '#!%s/no-such-interpreter\ntouch "%s"\n' "$T" "$RAN" >badinterp.sh
chmod 755 badinterp.sh
expect_status 126 "a script whose #! interpreter is missing: found, so 126 (not 127)" \
	"$SR" -p ./allow.json -- ./badinterp.sh
stderr_has "no-such-interpreter" "missing interpreter: the message names the interpreter"

cat >noexecve.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["execve"], "action": "SCMP_ACT_ERRNO" } ] }
EOF
expect_status 126 "a profile that denies execve (ERRNO): 126" \
	"$SR" -p ./noexecve.json -- sh -c "touch '$RAN'"
stderr_has "execve" "execve denied (ERRNO): the message says execve is the problem"
absent "$RAN" "execve denied (ERRNO): nothing ran"

cat >killexecve.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["execve"], "action": "SCMP_ACT_KILL_PROCESS" } ] }
EOF
expect_status 126 "a profile that kills on execve: 126, not a SIGSYS death" \
	"$SR" -p ./killexecve.json -- sh -c "touch '$RAN'"
stderr_has "execve" "execve killed: the message says execve is the problem"
absent "$RAN" "execve killed: nothing ran"

cat >denyall.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO" }
EOF
expect_status 126 "default ERRNO with no rules (execve denied): 126" \
	"$SR" -p ./denyall.json -- sh -c "touch '$RAN'"
stderr_has "execve" "default ERRNO, no rules: the message says execve is the problem"

# ---- 127: not found
expect_status 127 "a missing absolute path: 127" \
	"$SR" -p ./allow.json -- "$T/no-such-program"
stderr_has "no-such-program" "missing program: the message names it"
expect_status 127 "a name not found in PATH: 127" \
	env PATH=/usr/bin:/bin "$SR" -p ./allow.json -- no-such-program-xyz

# ---- the program's own status
expect_status 7 "the program's exit status passes through (7)" \
	"$SR" -p ./allow.json -- sh -c 'exit 7'
expect_status 0 "exit 0" "$SR" -p ./allow.json -- true
expect_status 1 "false: 1" "$SR" -p ./allow.json -- false
expect_status 125 "the program's own 125 passes through" \
	"$SR" -p ./allow.json -- sh -c 'exit 125'
expect_status 143 "a program killed by SIGTERM: 128+15 as seen by the shell" \
	"$SR" -p ./allow.json -- sh -c 'kill -TERM $$'
expect "the program is exec'd by seccomp-run itself: same pid" 0 "same" \
	sh -c 'exec "$0" -p ./allow.json -- sh -c "[ \$\$ = $$ ] && echo same"' "$SR"

# ---- command-line shape
expect "explicit verb run" 0 "getppid=ENOMSG" \
	"$SR" run -p ./allow.json -- "$PROBE" getppid
expect "options after the program belong to the program (no --)" 0 "-q --caps x -p y" \
	"$SR" -p ./allow.json sh -c 'echo "$@"' sh -q --caps x -p y
expect "options after -- belong to the program" 0 "-v" \
	"$SR" -p ./allow.json -- sh -c 'echo "$@"' sh -v
mkdir bin
printf '#!/bin/sh\necho "ran check $*"\n' >bin/check
chmod 755 bin/check
expect "-- check runs a program called check, not the verb" 0 "ran check x" \
	env PATH="$T/bin:$PATH" "$SR" -p ./allow.json -- check x
expect "a program found through PATH" 0 "getppid=ENOMSG" \
	env PATH="$(dirname "$PROBE"):$PATH" "$SR" -p ./allow.json -- "$(basename "$PROBE")" getppid
expect "--profile=FILE spelling" 0 "getppid=ENOMSG" \
	"$SR" --profile=./allow.json -- "$PROBE" getppid
expect "--profile FILE spelling" 0 "getppid=ENOMSG" \
	"$SR" --profile ./allow.json -- "$PROBE" getppid
expect_status 0 "--help: 0" "$SR" --help
case $OUT in *Usage*|*usage*) ok "--help prints a usage text on stdout" ;;
*) fail "--help prints a usage text on stdout" "$(diag)" ;; esac
expect_output "libseccomp" "--version names the libseccomp version" "$SR" --version

# ---- no_new_privs and the filter the program gets
expect "no_new_privs is set by default; one filter is loaded" 0 \
	"$(lines NoNewPrivs=1 Seccomp=2 Seccomp_filters=1 getppid=ENOMSG)" \
	"$SR" -p ./allow.json -- "$PROBE" status:NoNewPrivs status:Seccomp status:Seccomp_filters getppid
expect "--no-new-privs=on: same" 0 "$(lines NoNewPrivs=1 getppid=ENOMSG)" \
	"$SR" --no-new-privs=on -p ./allow.json -- "$PROBE" status:NoNewPrivs getppid
expect "unconfined: no filter at all" 0 "$(lines Seccomp=0 getppid=OK)" \
	"$SR" -p unconfined -- "$PROBE" status:Seccomp getppid
if is_root; then
	expect "--no-new-privs=off as root: no_new_privs clear, filter loaded" 0 \
		"$(lines NoNewPrivs=0 Seccomp=2 getppid=ENOMSG)" \
		"$SR" --no-new-privs=off -p ./allow.json -- "$PROBE" status:NoNewPrivs status:Seccomp getppid
else
	skip "--no-new-privs=off" "needs CAP_SYS_ADMIN"
fi

finish
