# SPDX-License-Identifier: Apache-2.0
# record: run a program with every call let through and noted, write the
# allow-list it needs; the program then runs under it, and what it never
# did is denied.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

LOOPBACK=$TOOLS/loopback

# names FILE: the syscall names of FILE's rules, one a line (needs python3)
names() {
	python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["syscalls"]:
    print(r["action"], " ".join(r["names"]))' "$1"
}
# has FILE NAME: FILE allows NAME
has() {
	names "$1" | grep '^SCMP_ACT_ALLOW ' | tr ' ' '\n' | grep -qx "$2"
}

if ! command -v python3 >/dev/null 2>&1; then
	skip "record" "no python3 to read the profiles"
	finish
fi

# ------------------------------------------------------------ a pipeline

WANT=$(sh -c 'ls / | wc -l')
expect "record sh -c 'ls / | wc -l': the program runs as without it" 0 "$WANT" \
	"$SR" record -o ls.json -- sh -c 'ls / | wc -l'
stderr_has "seccomp-run: record: " "record says what it wrote"
expect_status 0 "the recorded profile passes check with no findings" "$SR" check ls.json
for n in execve wait4 pipe2 getdents64 exit_group rt_sigreturn; do
	if has ls.json "$n"; then ok "recorded: $n"; else fail "recorded: $n" "$(names ls.json)"; fi
done
for n in seccomp prctl sendmsg socketpair; do
	if has ls.json "$n"; then fail "not recorded: $n (seccomp-run's own)" "$(names ls.json)"
	else ok "not recorded: $n (seccomp-run's own)"; fi
done
expect "run under the recorded profile: the same output" 0 "$WANT" \
	"$SR" -p ./ls.json -- sh -c 'ls / | wc -l'
if python3 - ls.json <<'EOF'; then
import json, sys
p = json.load(open(sys.argv[1]))
assert p["defaultAction"] == "SCMP_ACT_ERRNO" and "defaultErrnoRet" not in p, p
assert p["architectures"][0] == "SCMP_ARCH_X86_64" or len(p["architectures"]) >= 1
assert "seccomp-run" in p["comment"]
allow = p["syscalls"][0]
assert allow["action"] == "SCMP_ACT_ALLOW" and allow["names"] == sorted(allow["names"])
assert len(set(allow["names"])) == len(allow["names"])
assert "made by " in allow["comment"] and allow["comment"].endswith("sh")
fb = p["syscalls"][1]
assert fb["action"] == "SCMP_ACT_ERRNO" and fb["errnoRet"] == 38
assert not set(fb["names"]) & set(allow["names"])
EOF
	ok "the profile: default ERRNO, sorted unique names, a comment, an ENOSYS rule apart"
else
	fail "the profile: default ERRNO, sorted unique names, a comment, an ENOSYS rule apart" \
		"$(cat ls.json)"
fi

# ------------------------------------------- what was never made is denied

expect "record the probe making getpid" 0 "getpid=OK" \
	"$SR" record -o probe.json -- "$PROBE" getpid
expect "under it: getpid runs, getppid (never made) is denied" 0 \
	"$(lines getpid=OK getppid=EPERM)" "$SR" -p ./probe.json -- "$PROBE" getpid getppid
expect "clone3, never made, gets ENOSYS (glibc would fall back)" 0 "clone3=ENOSYS" \
	"$SR" -p ./probe.json -- "$PROBE" clone3

# ------------------------------------------------------ a server, threads

# exchange DESC TEXT SR-ARGS...: seccomp-run SR-ARGS -- loopback serve,
# a client sends TEXT; $ST is the server's status, server.err its stderr.
exchange() {
	_d=$1 _text=$2
	shift 2
	rm -f port
	"$SR" "$@" -- "$LOOPBACK" serve port 2>server.err &
	_srv=$!
	_i=0
	while [ ! -s port ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
	expect "$_d" 0 "pong: $_text" $_timeout "$LOOPBACK" connect "$(cat port 2>/dev/null)" "$_text"
	wait $_srv
	ST=$?
}

exchange "a client talks to the recorded server" hello record -o srv.json
if [ $ST = 0 ] && [ -s srv.json ]; then ok "record of the server: status 0, profile written"; else
	fail "record of the server: status 0, profile written" "status $ST" "$(cat server.err)"; fi
for n in socket bind listen accept4; do
	if has srv.json "$n"; then ok "server: $n recorded"; else
		fail "server: $n recorded" "$(names srv.json)"; fi
done
if has srv.json sched_yield; then ok "sched_yield, made by the answering thread only: threads are covered"
else fail "sched_yield, made by the answering thread only: threads are covered" "$(names srv.json)"; fi
exchange "the server runs under its recorded profile and answers" again -p ./srv.json
if [ $ST = 0 ]; then ok "the server under its profile: status 0"; else
	fail "the server under its profile: status 0" "status $ST" "$(cat server.err)"; fi
cat >nolisten.json <<EOF
$(python3 -c 'import json
p = json.load(open("srv.json"))
p["syscalls"][0]["names"].remove("listen")
print(json.dumps(p))')
EOF
expect_status 1 "without listen in it, the server fails" "$SR" -p ./nolisten.json -- "$LOOPBACK" serve port2
stderr_has "bind/listen: Operation not permitted" "without listen: EPERM"

# ------------------------------------------------------------- --append

expect "a first run" 0 "getpid=OK" "$SR" record -o app.json -- "$PROBE" getpid
expect "--append: a second run" 0 "getppid=OK" "$SR" record --append -o app.json -- "$PROBE" getppid
expect "the merged profile allows what both made" 0 "$(lines getpid=OK getppid=OK getuid=EPERM)" \
	"$SR" -p ./app.json -- "$PROBE" getpid getppid getuid
python3 -c 'import json; print(json.load(open("app.json"))["syscalls"][0]["comment"])' >comment
if [ "$(grep -o probe comment | wc -l)" = 1 ]; then ok "--append: the program is named once"; else
	fail "--append: the program is named once" "$(cat comment)"; fi
cp app.json before.json
expect "--append of a run that adds nothing" 0 "getpid=OK" \
	"$SR" record --append -o app.json -- "$PROBE" getpid
if cmp -s app.json before.json; then ok "--append: nothing new, the same file"; else
	fail "--append: nothing new, the same file" "$(diff before.json app.json)"; fi
expect "without --append, -o is replaced" 0 "getppid=OK" \
	"$SR" record -o app.json -- "$PROBE" getppid
expect "the replaced profile denies getpid again" 0 "getpid=EPERM" \
	"$SR" -p ./app.json -- "$PROBE" getpid
echo '{ "defaultAction": "SCMP_ACT_BOGUS" }' >broken.json
refuses "--append to a file that is no profile" record --append -o broken.json
if grep -q BOGUS broken.json; then ok "--append to a broken file: the file is untouched"; else
	fail "--append to a broken file: the file is untouched"; fi

# --------------------------------------------------------------- --base

cat >base.json <<EOF
{ "comment": "the base",
  "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42, "comment": "mine" } ] }
EOF
expect "--base: the run itself is not restricted" 0 "$(lines getppid=OK uname=EFAULT)" \
	"$SR" record --base ./base.json -o based.json -- "$PROBE" getppid uname
stderr_has "[record-denied]" "--base: a recorded call a rule of the base denies is a warning"
stderr_has "syscalls[1]" "--base: the warning names the rule"
if python3 - based.json <<'EOF'; then
import json, sys
p = json.load(open(sys.argv[1]))
assert p["comment"] == "the base"
r = p["syscalls"]
assert r[1] == {"names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42, "comment": "mine"}, r[1]
assert "uname" in r[2]["names"] and "getppid" not in r[2]["names"], r[2]
assert "read" not in r[2]["names"]   # the base allows it already
EOF
	ok "--base: its rules kept as they were, the new names in a rule of their own"
else
	fail "--base: its rules kept as they were, the new names in a rule of their own" "$(cat based.json)"
fi
expect "under the merged profile: uname runs, getppid stays the base's ENOMSG" 0 \
	"$(lines uname=EFAULT getppid=ENOMSG)" "$SR" -p ./based.json -- "$PROBE" uname getppid
expect "--base runtime/default: Docker's default plus what it lacked" 0 "reboot=EINVAL" \
	"$SR" record --caps none --base runtime/default -o dock.json -- "$PROBE" reboot
expect_status 0 "--base runtime/default: the result passes check" "$SR" check dock.json
# --base with --append: the base for the first run, the file after.
rm -f series.json
"$SR" record --base ./base.json --append -o series.json -- "$PROBE" uname >/dev/null 2>&1
"$SR" record --base ./base.json --append -o series.json -- "$PROBE" getuid >/dev/null 2>&1
expect "--base --append: a series of runs from one base" 0 \
	"$(lines uname=EFAULT getuid=OK getppid=ENOMSG)" \
	"$SR" -p ./series.json -- "$PROBE" uname getuid getppid
refuses "--base unconfined has no rules" record --base unconfined -o u.json
absent u.json "--base unconfined: nothing written"

# --------------------------------------------------------------- arches

if have_i386; then
	expect "an i386 call is recorded" 0 "$(lines getpid=OK i386:getppid=OK)" \
		"$SR" record -o i386.json -- "$PROBE" getpid i386:getppid
	if python3 -c 'import json, sys; a = json.load(open("i386.json"))["architectures"]
sys.exit(a != ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"])'; then
		ok "i386: architectures lists the arches seen"
	else
		fail "i386: architectures lists the arches seen" "$(cat i386.json)"
	fi
	expect "i386: the program runs under the profile" 0 "$(lines getpid=OK i386:getppid=OK)" \
		"$SR" -p ./i386.json -- "$PROBE" getpid i386:getppid
else
	skip "i386 calls" "no i386 ABI here"
fi

# ------------------------------------------------------ statuses, errors

expect_status 3 "the program's status, and the profile is still written" \
	"$SR" record -o st.json -- sh -c 'exit 3'
if [ -s st.json ]; then ok "status 3: profile written"; else fail "status 3: profile written"; fi
expect_status 143 "killed by SIGTERM: 143" "$SR" record -o sig.json -- sh -c 'kill -TERM $$'
expect_status 127 "program not found: 127" "$SR" record -o nf.json -- ./no-such-program
absent nf.json "program not found: no profile"
refuses "-o in a missing directory: refused before the run" record -o nodir/x.json
absent nodir "-o in a missing directory: nothing created"
refuses "record without -o" record
refuses "record -p" record -o x.json -p runtime/default
refuses "record -o -" record -o -
expect "a number libseccomp cannot name: a warning" 0 "nr:1000=ENOSYS" \
	"$SR" record -o nr.json -- "$PROBE" nr:1000
stderr_has "syscall 1000 on" "the number is named in the warning"
stderr_has "[record-unnamed]" "the warning has its code"

FAULTS=${SECCOMP_RUN_FAULTS:-$REPO/build/seccomp-run-faults}
if [ -x "$FAULTS" ]; then
	# The exec fails after the load: seccomp-run's report of it is no
	# part of the program, and there is no program to make a profile of.
	expect_status 126 "execve failing after the load: 126" \
		env SECCOMP_RUN_FAULT=execve "$FAULTS" record -o fail.json -- "$PROBE"
	absent fail.json "execve failing after the load: no profile"
	echo old >w.json
	expect_status 125 "a failed write: 125" env SECCOMP_RUN_FAULT=export-write \
		"$FAULTS" record -o w.json -- "$PROBE"
	if [ "$(cat w.json)" = old ]; then ok "a failed write: the old file is untouched"; else
		fail "a failed write: the old file is untouched"; fi
else
	skip "failures after the load" "$FAULTS not built"
fi

finish
