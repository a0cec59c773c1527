# SPDX-License-Identifier: Apache-2.0
# The ENOSYS stub (runc's): syscall numbers above the highest one the
# profile names return ENOSYS instead of the default action, unless the
# default is ALLOW, LOG or TRACE; --no-enosys turns it off.
# x86_64 numbers: rseq 334 (the highest of $BASE_NAMES), pidfd_open 434,
# clone3 435, close_range 436, openat2 437; 335-423 is a hole (this
# VM's kernel catches 335 and 336 before seccomp: the tests avoid them).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! is_x86_64; then
	skip "ENOSYS stub tests" "syscall numbers are x86_64's"
	finish
fi

# prof FILE DEFAULT-ACTION [RULE-JSON...]: the base allow-list plus rules
prof() {
	_f=$1 _d=$2
	shift 2
	{
		printf '{ "defaultAction": "%s", "syscalls": [ %s' "$_d" "$BASE_RULE"
		for _r; do printf ',\n\t%s' "$_r"; done
		printf ' ] }\n'
	} >"$_f"
}

ALLOW_PPID='{ "names": ["getppid"], "action": "SCMP_ACT_ALLOW" }'

prof base.json SCMP_ACT_ERRNO "$ALLOW_PPID"
expect "default ERRNO, highest name rseq (334): above it ENOSYS, below it EPERM" 0 \
	"$(lines nr:1000=ENOSYS nr:337=ENOSYS pidfd_open=ENOSYS getpid=EPERM getppid=OK)" \
	"$SR" -p ./base.json -- "$PROBE" nr:1000 nr:337 pidfd_open getpid getppid
expect "--no-enosys: the default action everywhere" 0 \
	"$(lines nr:1000=EPERM nr:337=EPERM pidfd_open=EPERM getpid=EPERM)" \
	"$SR" --no-enosys -p ./base.json -- "$PROBE" nr:1000 nr:337 pidfd_open getpid

prof high.json SCMP_ACT_ERRNO '{ "names": ["pidfd_open"], "action": "SCMP_ACT_ALLOW" }'
expect "highest name pidfd_open (434): the hole 400 gets EPERM, 435 and 1000 ENOSYS" 0 \
	"$(lines nr:400=EPERM pidfd_open=EINVAL nr:435=ENOSYS nr:1000=ENOSYS)" \
	"$SR" -p ./high.json -- "$PROBE" nr:400 pidfd_open nr:435 nr:1000

# The maximum counts every name of the selected rules, whatever the action,
# conditions, or whether the rule is redundant with the default.
prof redundant.json SCMP_ACT_ERRNO '{ "names": ["pidfd_open"], "action": "SCMP_ACT_ERRNO" }'
expect "a name in a rule equal to the default still raises the maximum" 0 \
	"$(lines nr:400=EPERM pidfd_open=EPERM nr:435=ENOSYS)" \
	"$SR" -p ./redundant.json -- "$PROBE" nr:400 pidfd_open nr:435

prof cond.json SCMP_ACT_ERRNO '{ "names": ["close_range"], "action": "SCMP_ACT_ALLOW",
	  "args": [ { "index": 2, "value": 99, "op": "SCMP_CMP_EQ" } ] }'
expect "a name in a conditional rule raises the maximum" 0 \
	"$(lines pidfd_open=EPERM close_range=EPERM close_range:1,0,99=EINVAL openat2=ENOSYS)" \
	"$SR" -p ./cond.json -- "$PROBE" pidfd_open close_range close_range:1,0,99 openat2

prof capsel.json SCMP_ACT_ERRNO \
	'{ "names": ["pidfd_open"], "action": "SCMP_ACT_ALLOW" }' \
	'{ "names": ["openat2"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } }'
expect "a rule dropped by includes does not count (--caps none: max 434)" 0 \
	"$(lines close_range=ENOSYS openat2=ENOSYS)" \
	"$SR" --caps none -p ./capsel.json -- "$PROBE" close_range openat2
expect "the same rule kept (--caps all: max 437, 436 is below it)" 0 \
	"$(lines close_range=EPERM openat2=EINVAL)" \
	"$SR" --caps all -p ./capsel.json -- "$PROBE" close_range openat2

prof unknown.json SCMP_ACT_ERRNO '{ "names": ["no_such_syscall_xyz"], "action": "SCMP_ACT_ALLOW" }'
expect "names unknown to libseccomp do not count" 0 \
	"$(lines nr:400=ENOSYS getpid=EPERM)" \
	"$SR" -q -p ./unknown.json -- "$PROBE" nr:400 getpid

prof deferr.json SCMP_ACT_ERRNO "$ALLOW_PPID"
sed 's/"defaultAction"/"defaultErrnoRet": 42, "defaultAction"/' deferr.json >deferr42.json
expect "defaultErrnoRet 42: the stub still gives ENOSYS above the maximum" 0 \
	"$(lines nr:1000=ENOSYS getpid=ENOMSG)" \
	"$SR" -p ./deferr42.json -- "$PROBE" nr:1000 getpid

for act in SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP; do
	prof kill.json "$act" "$ALLOW_PPID"
	expect "default $act: ENOSYS above the maximum, killed below it" 159 \
		"$(lines nr:1000=ENOSYS pidfd_open=ENOSYS getppid=OK)" \
		"$SR" -p ./kill.json -- "$PROBE" nr:1000 pidfd_open getppid getpid getppid
	expect "default $act with --no-enosys: killed above the maximum" 159 \
		"getppid=OK" "$SR" --no-enosys -p ./kill.json -- "$PROBE" getppid nr:1000 getppid
done

# No stub with a permissive default: a real syscall above the maximum runs.
for act in SCMP_ACT_ALLOW SCMP_ACT_LOG; do
	cat >perm.json <<EOF
{ "defaultAction": "$act",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
	expect "default $act: no stub, calls above the maximum (getppid, 110) reach the kernel" 0 \
		"$(lines getppid=ENOMSG getpgid=OK pidfd_open=EINVAL)" \
		"$SR" -p ./perm.json -- "$PROBE" getppid getpgid pidfd_open
done

# Docker's profile names up to futex_requeue (456) with Debian's libseccomp
# 2.5.4: 1000 gets ENOSYS, the hole 400 EPERM.
expect "docker default: 400 EPERM (hole), 1000 ENOSYS" 0 \
	"$(lines nr:400=EPERM nr:1000=ENOSYS clone3=EINVAL)" \
	"$SR" --caps all -p "$DOCKER_DEFAULT" -- "$PROBE" nr:400 nr:1000 clone3

finish
