# SPDX-License-Identifier: Apache-2.0
# The privilege model: seccomp-run refuses to run set-user-ID, set-group-ID
# or with file capabilities (it would let anyone pick the filter of a
# privileged process); no_new_privs is on by default, so nothing the
# program executes gains privileges; --no-new-privs=off needs CAP_SYS_ADMIN
# and then really leaves it off. README.md says all this.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF

# ------------------------------------------------------ no_new_privs
for ref in ./allow.json runtime/default unconfined; do
	expect "-p $ref: no_new_privs is on by default" 0 "NoNewPrivs=1" \
		"$SR" -p "$ref" -- "$PROBE" status:NoNewPrivs
done
expect "no_new_privs stays on in the program's children" 0 "NoNewPrivs=1" \
	"$SR" -p ./allow.json -- sh -c "\"$PROBE\" status:NoNewPrivs; :"

# Everything below runs seccomp-run as the unprivileged uid 65534:
# $NOBODY CMD... runs CMD so (a script, so that timeout can run it), and
# $NOBODY_ADMIN with CAP_SYS_ADMIN as an ambient capability.
NOBODY=$T/nobody
NOBODY_ADMIN=$T/nobody-admin
printf '#!/bin/sh\nexec setpriv --reuid 65534 --regid 65534 --clear-groups "$@"\n' >"$NOBODY"
printf '#!/bin/sh\nexec setpriv --reuid 65534 --regid 65534 --clear-groups --inh-caps +sys_admin --ambient-caps +sys_admin "$@"\n' >"$NOBODY_ADMIN"
chmod 755 "$NOBODY" "$NOBODY_ADMIN"
if ! is_root || ! command -v setpriv >/dev/null 2>&1; then
	skip "privilege checks as uid 65534" "need root and setpriv"
	finish
fi
chmod 755 "$T"
chmod 644 allow.json
# A directory uid 65534 can write to, for the marker of a program that ran.
mkdir w
chmod 1777 w
RAN=$T/w/ran
if [ "$("$NOBODY" "$PROBE" getpid 2>/dev/null)" != getpid=OK ] ||
	[ "$("$NOBODY" "$SR" -p unconfined -- true 2>&1; echo $?)" != 0 ]; then
	skip "privilege checks as uid 65534" "uid 65534 cannot run the probe or seccomp-run here"
	finish
fi

expect "as uid 65534: no_new_privs is on by default" 0 "$(lines NoNewPrivs=1 getppid=ENOMSG)" \
	"$NOBODY" "$SR" -p ./allow.json -- "$PROBE" status:NoNewPrivs getppid

# A setuid-root copy of id(1) shows what executing it gains: euid 0
# directly, nothing under seccomp-run.
cp "$(command -v id)" suid-id
chmod 4755 suid-id
run "$NOBODY" ./suid-id -u
if [ "$OUT" = 0 ]; then
	ok "control: a setuid-root program run as uid 65534 gets euid 0 here"
	expect "under seccomp-run, a setuid-root program gains nothing (no_new_privs)" 0 65534 \
		"$NOBODY" "$SR" -p ./allow.json -- ./suid-id -u
	expect "the same with -p unconfined" 0 65534 \
		"$NOBODY" "$SR" -p unconfined -- ./suid-id -u
	SUID_OK=1
else
	skip "setuid programs under seccomp-run" "setuid has no effect on $T ($OUT)"
	SUID_OK=
fi

HAVE_SETCAP=
if command -v setcap >/dev/null 2>&1; then
	cp "$PROBE" cap-probe
	if setcap cap_net_raw+ep cap-probe 2>/dev/null; then
		run "$NOBODY" ./cap-probe caps
		case $OUT in
		CapEff=0000000000002000*) HAVE_SETCAP=1 ;;
		esac
	fi
fi
if [ -n "$HAVE_SETCAP" ]; then
	ok "control: a program with file capability cap_net_raw+ep gets it as uid 65534"
	run "$NOBODY" "$SR" -p ./allow.json -- ./cap-probe caps
	case $OUT in
	CapEff=0000000000000000*) ok "under seccomp-run, a file capability grants nothing (no_new_privs)" ;;
	*) fail "under seccomp-run, a file capability grants nothing (no_new_privs)" "$(diag)" ;;
	esac
else
	skip "file capabilities under seccomp-run" "needs setcap (libcap2-bin) and xattrs on $T"
fi

# ------------------------------- seccomp-run itself setuid, setgid, setcap
# refused_copy DESC COPY: COPY run as uid 65534 is refused: 125, one line
# that says why, and the program did not run.
refused_copy() {
	rm -f "$RAN"
	run "$NOBODY" "$2" -p ./allow.json -- sh -c "touch '$RAN'"
	if [ "$STATUS" != 125 ]; then
		fail "$1: 125" "expected status 125, got $STATUS" "$(diag)"
	elif [ -e "$RAN" ]; then
		fail "$1: 125" "the program ran" "$(diag)"
	else
		ok "$1: 125, nothing ran"
	fi
	case $ERR in
	*"
"*) fail "$1: one line that says why" "$(diag)" ;;
	"seccomp-run: refusing to run setuid, setgid or with file capabilities"*"must not be given any"*)
		ok "$1: one line that says why" ;;
	*) fail "$1: one line that says why" "$(diag)" ;;
	esac
	rm -f "$RAN"
}
cp "$SR" sr-plain
rm -f "$RAN"
run "$NOBODY" ./sr-plain -p ./allow.json -- sh -c "touch '$RAN'"
if [ "$STATUS" = 0 ] && [ -e "$RAN" ]; then ok "control: a plain copy of seccomp-run runs as uid 65534"
else fail "control: a plain copy of seccomp-run runs as uid 65534" "$(diag)"; fi
rm -f "$RAN"

if [ -n "$SUID_OK" ]; then
	cp "$SR" sr-suid
	chmod 4755 sr-suid
	refused_copy "a setuid-root copy run as uid 65534" ./sr-suid
	cp "$SR" sr-sgid
	chmod 2755 sr-sgid
	refused_copy "a setgid-root copy run as uid 65534" ./sr-sgid
	# The refusal comes first: even --help and --version are refused.
	run "$NOBODY" ./sr-suid --version
	if [ "$STATUS" = 125 ] && [ -z "$OUT" ]; then ok "a setuid copy refuses even --version"
	else fail "a setuid copy refuses even --version" "$(diag)"; fi
else
	skip "a setuid or setgid copy of seccomp-run" "setuid has no effect on $T"
fi

if [ -n "$HAVE_SETCAP" ]; then
	cp "$SR" sr-cap
	setcap cap_sys_admin+ep sr-cap
	refused_copy "a copy with file capability cap_sys_admin+ep run as uid 65534" ./sr-cap
	cp "$SR" sr-capp
	setcap cap_net_raw+p sr-capp
	refused_copy "a copy with a permitted-only file capability (cap_net_raw+p)" ./sr-capp
else
	skip "a copy of seccomp-run with file capabilities" "needs setcap and xattrs"
fi

# ---------------------------------------------------- --no-new-privs=off
expect "--no-new-privs=off as root with unconfined: no_new_privs clear, no filter" 0 \
	"$(lines NoNewPrivs=0 Seccomp=0 getppid=OK)" \
	"$SR" --no-new-privs=off -p unconfined -- "$PROBE" status:NoNewPrivs status:Seccomp getppid
expect "--no-new-privs=off as root with the built-in profile: the filter applies" 0 \
	"$(lines NoNewPrivs=0 Seccomp=2 reboot=EPERM)" \
	"$SR" --no-new-privs=off --caps none -p runtime/default -- "$PROBE" status:NoNewPrivs status:Seccomp reboot

rm -f "$RAN"
run "$NOBODY" "$SR" --no-new-privs=off -p ./allow.json -- sh -c "touch '$RAN'"
if [ "$STATUS" = 125 ] && [ ! -e "$RAN" ]; then ok "--no-new-privs=off as uid 65534: 125, nothing ran"
else fail "--no-new-privs=off as uid 65534: 125, nothing ran" "$(diag)"; fi
stderr_has "needs CAP_SYS_ADMIN" "--no-new-privs=off as uid 65534: the message says why"
run "$NOBODY" "$SR" --no-new-privs=off -p unconfined -- sh -c "touch '$RAN'"
if [ "$STATUS" = 125 ] && [ ! -e "$RAN" ]; then ok "--no-new-privs=off as uid 65534, even unconfined: 125"
else fail "--no-new-privs=off as uid 65534, even unconfined: 125" "$(diag)"; fi
rm -f "$RAN"
expect_status 125 "--no-new-privs=off as root without CAP_SYS_ADMIN (bounding set): 125" \
	setpriv --bounding-set -sys_admin "$SR" --no-new-privs=off -p ./allow.json -- sh -c "touch '$RAN'"
absent "$RAN" "--no-new-privs=off as root without CAP_SYS_ADMIN: nothing ran"

# CAP_SYS_ADMIN is what counts, not uid 0: uid 65534 holding it as an
# ambient capability may turn no_new_privs off, and the filter still loads.
if "$NOBODY_ADMIN" true 2>/dev/null; then
	expect "--no-new-privs=off as uid 65534 with ambient CAP_SYS_ADMIN: allowed, filter on" 0 \
		"$(lines NoNewPrivs=0 Seccomp=2 getppid=ENOMSG)" \
		"$NOBODY_ADMIN" "$SR" --no-new-privs=off -p ./allow.json -- "$PROBE" status:NoNewPrivs status:Seccomp getppid
	if [ -n "$SUID_OK" ]; then
		expect "--no-new-privs=off really is off: a setuid-root program gains euid 0" 0 0 \
			"$NOBODY_ADMIN" "$SR" --no-new-privs=off -p ./allow.json -- ./suid-id -u
	fi
	expect "ambient CAP_SYS_ADMIN without --no-new-privs=off: no_new_privs still on" 0 "NoNewPrivs=1" \
		"$NOBODY_ADMIN" "$SR" -p ./allow.json -- "$PROBE" status:NoNewPrivs
else
	skip "--no-new-privs=off with an ambient CAP_SYS_ADMIN" "setpriv cannot set ambient capabilities"
fi

# ------------------------------------------------- README: security model
README=$REPO/README.md
section=$(sed -n '/^## Security model/,/^## /p' "$README")
if [ -n "$section" ]; then ok "README.md has a Security model section"; else
	fail "README.md has a Security model section"; fi
for topic in "What the filter does" "What it does not do" "loaded last" \
	"no_new_privs" "setuid" "CAP_SYS_ADMIN" "writes the profile"; do
	case $section in
	*"$topic"*) ok "README.md security model covers: $topic" ;;
	*) fail "README.md security model covers: $topic" ;;
	esac
done

finish
