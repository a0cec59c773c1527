# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=sh
#
# Helpers for the differential tests against runc (runc-diff.t,
# runc-random.t), sourced after lib.sh: the static probe runs as the only
# file of an OCI bundle under `runc run`, with a profile as linux.seccomp.
#
# Known differences of runc 1.1.5 (Debian 12) that the profiles avoid,
# because seccomp-run follows the newer or stricter behaviour on purpose:
#  - its ENOSYS stub covers only the arches listed in `architectures`, not
#    the native one (fixed in runc 1.2, commit ccc500c4): every profile with
#    a default that gets the stub lists SCMP_ARCH_X86_64 explicitly;
#  - it rejects any `flags`, and ignores errnoRet on non-errno actions
#    (seccomp-run refuses those, as crun does).
# runc needs a few syscalls of its own after it loads the filter (Go
# runtime, closing fds, the exec fifo): deny-by-default profiles allow them
# ($RUNC_NAMES), and the calls under test avoid them.

# What runc itself calls after loading the filter, and what the static probe
# calls before main. Highest: rseq (334). tests/gen-profile.c has the same
# list (runc-random.t compares them).
RUNC_NAMES='"execve", "brk", "arch_prctl", "set_tid_address", "set_robust_list",
	"rseq", "prlimit64", "readlink", "getrandom", "mprotect", "mmap", "munmap",
	"madvise", "exit_group", "exit", "write", "read", "close", "futex",
	"openat", "getdents64", "fstatfs", "newfstatat", "fstat", "epoll_ctl",
	"epoll_pwait", "rt_sigreturn", "rt_sigprocmask", "rt_sigaction",
	"sigaltstack", "nanosleep", "sched_yield", "getpid", "gettid", "tgkill",
	"fcntl"'
# shellcheck disable=SC2034 # used by the tests
RUNC_RULE='{ "names": ['"$RUNC_NAMES"'], "action": "SCMP_ACT_ALLOW" }'
# shellcheck disable=SC2034
ARCHES='"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]'

# runc_prereqs DESC: skip the whole test (and finish) unless it can run
# here: root, runc installed, x86_64, the static probe built. Sets RUNC.
runc_prereqs() {
	if ! is_root; then
		skip "$1" "needs root"
		finish
	fi
	RUNC=$(command -v runc 2>/dev/null || true)
	[ -z "$RUNC" ] && [ -x /usr/sbin/runc ] && RUNC=/usr/sbin/runc
	if [ -z "$RUNC" ]; then
		skip "$1" "runc is not installed"
		finish
	fi
	if ! is_x86_64; then
		skip "$1" "the cases use x86_64 numbers"
		finish
	fi
	if [ ! -x "$PROBE_STATIC" ]; then
		fail "static probe $PROBE_STATIC exists"
		finish
	fi
}

# runc_bundle DIR: a bundle in DIR whose rootfs holds only the static probe,
# and runc's state directory next to it. Sets B (the bundle runc_config and
# runc_run use) and RUNC_STATE.
runc_bundle() {
	B=$1
	RUNC_STATE=$1.state
	mkdir -p "$B/rootfs" "$RUNC_STATE"
	cp "$PROBE_STATIC" "$B/rootfs/probe"
	_runc_n=0
}

# runc_config SECCOMP-FILE CALL...: the bundle's config.json (no seccomp when
# SECCOMP-FILE is "none")
runc_config() {
	_sec=$1
	shift
	_args='"/probe"'
	for _c; do _args="$_args, \"$_c\""; done
	if [ "$_sec" = none ]; then
		_secjson=
	else
		_secjson=", \"seccomp\": $(cat "$_sec")"
	fi
	cat >"$B/config.json" <<EOF
{
	"ociVersion": "1.0.2-dev",
	"process": {
		"terminal": false,
		"user": { "uid": 0, "gid": 0 },
		"args": [ $_args ],
		"env": [ "PATH=/" ],
		"cwd": "/",
		"noNewPrivileges": true
	},
	"root": { "path": "rootfs", "readonly": true },
	"hostname": "srdiff",
	"mounts": [ { "destination": "/proc", "type": "proc", "source": "proc" } ],
	"linux": {
		"namespaces": [ { "type": "pid" }, { "type": "ipc" },
		                { "type": "uts" }, { "type": "mount" } ]$_secjson
	}
}
EOF
}

# runc_run SECCOMP-FILE CALL...: run the probe in a container; sets OUT,
# ERR, STATUS like run
runc_run() {
	_runc_n=$((_runc_n + 1))
	runc_config "$@"
	run "$RUNC" --root "$RUNC_STATE" run --bundle "$B" "srdiff-$$-$_runc_n"
}

# runc_usable DESC: the control every runc test starts with; skips the
# whole test (and finishes) when runc cannot run a container here.
runc_usable() {
	runc_run none getppid uname
	if [ "$STATUS" != 0 ] || [ "$OUT" != "$(lines getppid=OK uname=EFAULT)" ]; then
		skip "$1" \
			"runc run does not work here: status $STATUS: $(printf '%s' "$ERR" | head -n 3)"
		finish
	fi
	ok "control: runc runs the static probe in a bundle"
}
