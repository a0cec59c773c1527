# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=sh
#
# Helpers for the integration tests. A test is a POSIX sh script NAME.t that
# sources this file, runs commands with the helpers below and ends with
# `finish`. It prints one TAP-like line per check:
#
#   ok - description
#   not ok - description        (followed by "#   ..." diagnostics)
#   ok - description # SKIP reason
#
# Environment (set by `make check`; defaults for running one test by hand):
#   SECCOMP_RUN   the binary under test
#   PROBE         build/probe, PROBE_STATIC build/probe-static
#   TOOLS         build/tools: helpers built from tests/tools/*.c
#   SHARED        the shared directory (profiles/)
#
# Each test runs in its own temporary directory $T (also the working
# directory), removed on exit. Core dumps are off: SIGSYS would leave cores.

_lib_dir=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$_lib_dir/../.." && pwd)
: "${SECCOMP_RUN:=$REPO/seccomp-run}"
: "${PROBE:=$REPO/build/probe}"
: "${PROBE_STATIC:=$REPO/build/probe-static}"
: "${TOOLS:=$REPO/build/tools}"
if [ -d "$REPO/shared/profiles" ]; then
	: "${SHARED:=$REPO/shared}" # an unpacked `make dist` tarball
else
	: "${SHARED:=$(cd "$REPO/.." && pwd)/shared}"
fi
# Docker's current default profile: the repository's copy, byte-identical
# to shared/profiles/docker-default.json (a unit test holds them equal).
# shellcheck disable=SC2034 # used by the tests
DOCKER_DEFAULT=$REPO/data/default.json
# shellcheck disable=SC2034 # used by the tests
SR=$SECCOMP_RUN
# The tool reads these; a test sets them only where it means to.
unset SECCOMP_RUN_PROFILE SECCOMP_RUN_ROOT

T=$(mktemp -d "${TMPDIR:-/tmp}/sr-test.XXXXXX") || exit 1
# Each test keeps its compiled-filter cache to itself (and out of
# /var/cache): cache.t unsets this where it tests the defaults.
SECCOMP_RUN_CACHE_DIR=$T/cache
export SECCOMP_RUN_CACHE_DIR
_n_pass=0
_n_fail=0
_n_skip=0
_finished=

_cleanup() {
	_rc=$?
	cd / && rm -rf "$T"
	if [ -z "$_finished" ]; then
		echo "not ok - $(basename "$0") stopped early (status $_rc)"
		exit 1
	fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE
cd "$T" || exit 1
# shellcheck disable=SC3045 # dash and bash have ulimit -c
ulimit -c 0 2>/dev/null

# A hung program must not hang the suite: commands get $TEST_TIMEOUT seconds.
: "${TEST_TIMEOUT:=20}"
if command -v timeout >/dev/null 2>&1; then
	_timeout="timeout -k 2 $TEST_TIMEOUT"
else
	_timeout=
fi

# The syscalls the dynamic and the static probe, sh and the dynamic loader
# make before main: allow-list profiles start from these. Highest: rseq (334).
BASE_NAMES='"execve", "access", "arch_prctl", "brk", "close", "exit",
	"exit_group", "mmap", "mprotect", "munmap", "newfstatat", "fstat",
	"openat", "pread64", "prlimit64", "read", "readlink", "rseq",
	"set_robust_list", "set_tid_address", "write", "getdents64",
	"getrandom", "rt_sigreturn", "rt_sigaction", "rt_sigprocmask"'
# shellcheck disable=SC2034 # used by the tests
BASE_RULE='{ "names": ['"$BASE_NAMES"'], "action": "SCMP_ACT_ALLOW" }'

# ---------------------------------------------------------------- reporting

ok() {
	_n_pass=$((_n_pass + 1))
	echo "ok - $1"
}

# fail DESC [DIAGNOSTIC...]
fail() {
	_n_fail=$((_n_fail + 1))
	echo "not ok - $1"
	shift
	for _l in "$@"; do
		printf '%s\n' "$_l" | sed 's/^/#   /'
	done
}

# skip DESC REASON
skip() {
	_n_skip=$((_n_skip + 1))
	echo "ok - $1 # SKIP $2"
}

finish() {
	_finished=1
	[ "$_n_fail" -eq 0 ]
	exit $?
}

# ------------------------------------------------------------------ running

# run CMD...: run with stdout, stderr and status captured in $OUT, $ERR and
# $STATUS (stdin is the caller's). A signal shows as 128+N, as in the shell.
run() {
	_CMD=$*
	# shellcheck disable=SC2086 # $_timeout is a word list
	$_timeout "$@" >"$T/.out" 2>"$T/.err"
	STATUS=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}

# The last run, for a failure report.
diag() {
	printf '%s\n' "command: $_CMD" "status: $STATUS"
	[ -n "$OUT" ] && printf '%s\n' "$OUT" | sed 's/^/stdout| /'
	[ -n "$ERR" ] && printf '%s\n' "$ERR" | sed 's/^/stderr| /'
	return 0
}

# lines A B C: the arguments as lines (an expected probe output)
lines() {
	printf '%s\n' "$@"
}

# expect DESC STATUS STDOUT CMD...: exact status and exact stdout (trailing
# newlines ignored); STDOUT '*' accepts any output.
expect() {
	_desc=$1 _want_status=$2 _want_out=$3
	shift 3
	run "$@"
	if [ "$STATUS" != "$_want_status" ]; then
		fail "$_desc" "expected status $_want_status, got $STATUS" "$(diag)"
	elif [ "$_want_out" != '*' ] && [ "$OUT" != "$_want_out" ]; then
		fail "$_desc" "expected stdout:" "$(printf '%s\n' "$_want_out" |
			sed 's/^/want| /')" "$(diag)"
	else
		ok "$_desc"
	fi
}

# expect_status N DESC CMD...
expect_status() {
	_want_status=$1 _desc=$2
	shift 2
	run "$@"
	if [ "$STATUS" = "$_want_status" ]; then
		ok "$_desc"
	else
		fail "$_desc" "expected status $_want_status, got $STATUS" "$(diag)"
	fi
}

# expect_output SUBSTRING DESC CMD...: stdout contains SUBSTRING, status 0
expect_output() {
	_want=$1 _desc=$2
	shift 2
	run "$@"
	case $OUT in
	*"$_want"*)
		if [ "$STATUS" = 0 ]; then
			ok "$_desc"
		else
			fail "$_desc" "expected status 0, got $STATUS" "$(diag)"
		fi
		;;
	*) fail "$_desc" "stdout lacks: $_want" "$(diag)" ;;
	esac
}

# stderr_has SUBSTRING DESC: the last run's stderr contains SUBSTRING
stderr_has() {
	case $ERR in
	*"$1"*) ok "$2" ;;
	*) fail "$2" "stderr lacks: $1" "$(diag)" ;;
	esac
}

# stderr_lacks SUBSTRING DESC
stderr_lacks() {
	case $ERR in
	*"$1"*) fail "$2" "stderr has: $1" "$(diag)" ;;
	*) ok "$2" ;;
	esac
}

# refuses DESC SR-ARGS...: seccomp-run SR-ARGS -- (a program that leaves a
# mark) exits 125, and the program did not run. $ERR keeps the message.
refuses() {
	_rd=$1
	shift
	rm -f "$T/.ran"
	expect_status 125 "$_rd: 125" "$SR" "$@" -- sh -c "touch '$T/.ran'"
	absent "$T/.ran" "$_rd: the program did not run"
}

# removed_all DESC ROOT DB: the last run (a package's removal) succeeded
# and left no file in ROOT outside DB, the package manager's database
removed_all() {
	_left=$(cd "$2" && find . -path "./$3" -prune -o ! -type d -print)
	if [ "$STATUS" = 0 ] && [ -z "$_left" ]; then
		ok "$1"
	else
		fail "$1" "left: $_left" "$(diag)"
	fi
}

# absent PATH DESC: PATH does not exist (the program did not run)
absent() {
	if [ -e "$1" ]; then
		fail "$2" "$1 exists: the program ran" "$(diag)"
	else
		ok "$2"
	fi
	rm -f "$1"
}

# make_repo TARGET [VAR=VALUE...]: make TARGET in the repository, without
# the calling make's flags; output in $T/make.out, status in $STATUS. Not
# through run: a package build outlasts $TEST_TIMEOUT.
make_repo() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$REPO" "$@" >"$T/make.out" 2>&1
	STATUS=$?
}

# package_built TARGET FILE: make_repo TARGET made FILE (else fail and
# finish), and the package's own build ran the unit suite, which passed
package_built() {
	if [ "$STATUS" = 0 ] && [ -f "$2" ]; then
		ok "make $1: $(basename "$2")"
	else
		fail "make $1" "status $STATUS" "$(tail -n 40 "$T/make.out")"
		finish
	fi
	if grep -q 'Checks: [0-9]*, Failures: 0, Errors: 0' "$T/make.out"; then
		ok "make $1: the package build ran the unit suite, which passed"
	else
		fail "make $1: the package build ran the unit suite, which passed" \
			"$(grep Checks "$T/make.out")"
	fi
}

# ------------------------------------------------------------------ guards

# git_checkout DESC: true when the repository is a git checkout (make dist,
# and so make deb and make rpm, pack its last commit); else skip DESC
git_checkout() {
	if command -v git >/dev/null 2>&1 &&
		git -C "$REPO" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		return 0
	fi
	skip "$1" "not a git checkout: make dist packs the last commit"
	return 1
}

# have_tools NAME DESC CMD...: true when every CMD is installed; otherwise
# skip DESC (or fail it, when $SR_REQUIRE_TOOLS, a comma list that CI
# sets, names NAME) and return 1
have_tools() {
	_tn=$1 _td=$2
	shift 2
	_missing=
	for _c; do
		command -v "$_c" >/dev/null 2>&1 || _missing="$_missing $_c"
	done
	[ -z "$_missing" ] && return 0
	case ",${SR_REQUIRE_TOOLS:-}," in
	*",$_tn,"*) fail "$_td" "not installed:$_missing (SR_REQUIRE_TOOLS names $_tn)" ;;
	*) skip "$_td" "not installed:$_missing (sh tools/deps.sh package installs them)" ;;
	esac
	return 1
}

is_root() {
	[ "$(id -u)" = 0 ]
}

is_x86_64() {
	[ "$(uname -m)" = x86_64 ]
}

# The kernel runs i386 syscalls (int 0x80) for 64-bit processes.
have_i386() {
	is_x86_64 && [ "$("$PROBE" i386:getpid 2>/dev/null)" = i386:getpid=OK ]
}
