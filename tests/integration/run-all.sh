#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Run every tests/integration/*.t (or the ones named as arguments), show
# their output, and end with "N passed, N failed[, N skipped]". Exit 1 if
# any check failed or any script did not finish.
#
# Environment: SECCOMP_RUN, PROBE, PROBE_STATIC, SHARED (see lib.sh);
# JOBS=N runs N scripts at once (default: the number of CPUs, at most 4).
dir=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
	set -- "$dir"/*.t
fi

if [ -z "${JOBS:-}" ]; then
	JOBS=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
	[ "$JOBS" -gt 4 ] && JOBS=4
fi

res=$(mktemp -d "${TMPDIR:-/tmp}/sr-run-all.XXXXXX") || exit 1
trap 'rm -rf "$res"' EXIT
trap 'exit 130' INT TERM HUP

# Start the scripts, JOBS at a time; each writes res/N.out and res/N.rc.
i=0
running=0
for t in "$@"; do
	i=$((i + 1))
	(
		sh "$t" >"$res/$i.out" 2>&1
		echo $? >"$res/$i.rc"
	) &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait
		running=0
	fi
done
wait

passed=0
failed=0
skipped=0
i=0
for t in "$@"; do
	i=$((i + 1))
	name=$(basename "$t")
	echo "# $name"
	cat "$res/$i.out"
	p=$(grep -c '^ok - ' "$res/$i.out")
	s=$(grep -c '^ok - .* # SKIP' "$res/$i.out")
	f=$(grep -c '^not ok - ' "$res/$i.out")
	rc=$(cat "$res/$i.rc" 2>/dev/null || echo 1)
	if [ "$rc" != 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc"
		f=1
	fi
	passed=$((passed + p - s))
	skipped=$((skipped + s))
	failed=$((failed + f))
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
