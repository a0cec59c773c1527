# SPDX-License-Identifier: Apache-2.0
# Rules conditional on capabilities (includes.caps: all needed; excludes.caps:
# any drops the rule), evaluated for the caps the program will hold: the
# bounding set for root, the ambient set otherwise; --caps overrides.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >caps.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
		  "includes": { "caps": ["CAP_SYS_ADMIN"] } },
		{ "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
		  "excludes": { "caps": ["CAP_SYS_ADMIN"] } },
		{ "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
		  "includes": { "caps": ["CAP_SYS_ADMIN", "CAP_NET_ADMIN"] } },
		{ "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
		  "excludes": { "caps": ["CAP_SYS_ADMIN", "CAP_NET_ADMIN"] } }
	]
}
EOF
chmod 755 "$T"
chmod 644 caps.json
CALLS="getppid getuid getgid getegid"

# out PPID UID GID EGID: the expected probe output for $CALLS
out() {
	lines "getppid=$1" "getuid=$2" "getgid=$3" "getegid=$4"
}
ALLCAPS=$(out ENOMSG OK ECHRNG OK)
NOCAPS=$(out OK EIDRM OK EL2NSYNC)

# shellcheck disable=SC2086 # $CALLS is a word list
{
expect "--caps none: includes.caps rules dropped, excludes.caps rules kept" 0 \
	"$NOCAPS" "$SR" --caps none -p ./caps.json -- "$PROBE" $CALLS
expect "--caps all: includes.caps rules kept, excludes.caps rules dropped" 0 \
	"$ALLCAPS" "$SR" --caps all -p ./caps.json -- "$PROBE" $CALLS
expect "--caps CAP_SYS_ADMIN: includes needs all listed caps" 0 \
	"$(out ENOMSG OK OK OK)" \
	"$SR" --caps CAP_SYS_ADMIN -p ./caps.json -- "$PROBE" $CALLS
expect "--caps CAP_NET_ADMIN: excludes drops on any listed cap" 0 \
	"$(out OK EIDRM OK OK)" \
	"$SR" --caps CAP_NET_ADMIN -p ./caps.json -- "$PROBE" $CALLS
expect "--caps CAP_SYS_ADMIN,CAP_NET_ADMIN" 0 "$ALLCAPS" \
	"$SR" --caps CAP_SYS_ADMIN,CAP_NET_ADMIN -p ./caps.json -- "$PROBE" $CALLS
expect "--caps CAP_CHOWN (unrelated cap) is like none here" 0 "$NOCAPS" \
	"$SR" --caps CAP_CHOWN -p ./caps.json -- "$PROBE" $CALLS

if ! is_root; then
	skip "capability sets of real processes" "needs root"
	finish
fi

expect "root with the full bounding set: as --caps all" 0 "$ALLCAPS" \
	"$SR" -p ./caps.json -- "$PROBE" $CALLS

if command -v setpriv >/dev/null; then
	expect "bounding set without sys_admin (setpriv)" 0 "$(out OK EIDRM OK OK)" \
		setpriv --bounding-set -sys_admin "$SR" -p ./caps.json -- "$PROBE" $CALLS
	expect "bounding set without net_admin (setpriv)" 0 "$(out ENOMSG OK OK OK)" \
		setpriv --bounding-set -net_admin "$SR" -p ./caps.json -- "$PROBE" $CALLS
	expect "empty bounding set (setpriv --bounding-set -all)" 0 "$NOCAPS" \
		setpriv --bounding-set -all "$SR" -p ./caps.json -- "$PROBE" $CALLS
	expect "--caps all overrides an empty bounding set" 0 "$ALLCAPS" \
		setpriv --bounding-set -all "$SR" --caps all -p ./caps.json -- "$PROBE" $CALLS
	expect "--caps none overrides the full bounding set" 0 "$NOCAPS" \
		"$SR" --caps none -p ./caps.json -- "$PROBE" $CALLS

	# Non-root: only the ambient set survives execve.
	if [ "$(setpriv --reuid 65534 --regid 65534 --clear-groups "$PROBE" getpid 2>/dev/null)" = getpid=OK ]; then
		expect "non-root (uid 65534, full bounding set, no ambient caps): as none" 0 \
			"$NOCAPS" setpriv --reuid 65534 --regid 65534 --clear-groups \
			"$SR" -p ./caps.json -- "$PROBE" $CALLS
		expect "non-root with ambient CAP_SYS_ADMIN: that cap counts" 0 \
			"$(out ENOMSG OK OK OK)" \
			setpriv --reuid 65534 --regid 65534 --clear-groups \
			--inh-caps +sys_admin --ambient-caps +sys_admin \
			"$SR" -p ./caps.json -- "$PROBE" $CALLS
		expect "non-root: --caps all still overrides" 0 "$ALLCAPS" \
			setpriv --reuid 65534 --regid 65534 --clear-groups \
			"$SR" --caps all -p ./caps.json -- "$PROBE" $CALLS
	else
		skip "non-root capability sets" "uid 65534 cannot run $PROBE"
	fi
else
	skip "bounding set dropped with setpriv" "setpriv not installed"
fi

if command -v capsh >/dev/null; then
	expect "bounding set without sys_admin (capsh --drop)" 0 "$(out OK EIDRM OK OK)" \
		capsh --drop=cap_sys_admin -- -c 'exec "$0" "$@"' \
		"$SR" -p ./caps.json -- "$PROBE" $CALLS
else
	skip "bounding set dropped with capsh" "capsh not installed"
fi
}

# Docker's default profile: namespaces only with CAP_SYS_ADMIN, and clone3
# returns ENOSYS without it so that glibc falls back to clone.
D="$DOCKER_DEFAULT"
NS_CALLS="unshare clone3 clone clone:0x10000800"
# shellcheck disable=SC2086
{
expect "docker default with CAP_SYS_ADMIN: unshare, clone3, clone with CLONE_NEWUSER run" 0 \
	"$(lines unshare=OK clone3=EINVAL clone=EINVAL clone:0x10000800=EINVAL)" \
	"$SR" --caps all -p "$D" -- "$PROBE" $NS_CALLS
expect "docker default without caps: unshare EPERM, clone3 ENOSYS, clone with CLONE_NEWUSER EPERM" 0 \
	"$(lines unshare=EPERM clone3=ENOSYS clone=EINVAL clone:0x10000800=EPERM)" \
	"$SR" --caps none -p "$D" -- "$PROBE" $NS_CALLS
expect "runtime/default without caps: the same as docker's profile" 0 \
	"$(lines unshare=EPERM clone3=ENOSYS clone=EINVAL clone:0x10000800=EPERM)" \
	"$SR" --caps none -p runtime/default -- "$PROBE" $NS_CALLS
if command -v setpriv >/dev/null; then
	expect "runtime/default under a bounding set without sys_admin" 0 \
		"$(lines unshare=EPERM clone3=ENOSYS clone=EINVAL clone:0x10000800=EPERM)" \
		setpriv --bounding-set -sys_admin "$SR" -p runtime/default -- "$PROBE" $NS_CALLS
	if [ "$(setpriv --reuid 65534 --regid 65534 --clear-groups "$PROBE" getpid 2>/dev/null)" = getpid=OK ]; then
		expect "runtime/default for a non-root program: namespace calls blocked" 0 \
			"$(lines unshare=EPERM clone3=ENOSYS clone=EINVAL clone:0x10000800=EPERM)" \
			setpriv --reuid 65534 --regid 65534 --clear-groups \
			"$SR" -p runtime/default -- "$PROBE" $NS_CALLS
	fi
fi
expect "docker default, CAP_SYS_BOOT only: reboot reaches the kernel (EINVAL)" 0 \
	"$(lines reboot=EINVAL unshare=EPERM)" \
	"$SR" --caps CAP_SYS_BOOT -p "$D" -- "$PROBE" reboot unshare
expect "docker default, no caps: reboot EPERM" 0 "reboot=EPERM" \
	"$SR" --caps none -p "$D" -- "$PROBE" reboot
}

finish
