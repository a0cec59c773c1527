#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every ```console block of README.md: each "$ COMMAND" line is run with sh
# (seccomp-run first on PATH, the repository's tests/ and examples/ beside
# it) and its output must be the lines that follow, up to the next "$ " or
# the end of the block.
. "$(dirname "$0")/lib.sh"

mkdir bin
ln -s "$SR" bin/seccomp-run
ln -s "$REPO/tests" tests
ln -s "$REPO/examples" examples

# The blocks as "CMD<TAB>" lines followed by their output, blocks apart.
awk '
/^```console$/ { inb = 1; next }
/^```$/ && inb { inb = 0; next }
inb && /^\$ / { print "\001" substr($0, 3); next }
inb { print }
' "$REPO/README.md" >blocks

n=0
cmd=
want=
check_one() {
	[ -z "$cmd" ] && return
	n=$((n + 1))
	run env PATH="$T/bin:$PATH" sh -c "$cmd"
	if [ "$OUT" = "$want" ]; then
		ok "README: $cmd"
	else
		fail "README: $cmd" "$(printf '%s\n' "$want" | sed 's/^/want| /')" "$(diag)"
	fi
}
while IFS= read -r line; do
	case $line in
	"$(printf '\001')"*)
		check_one
		cmd=${line#?}
		want=
		;;
	*)
		want=${want:+$want
}$line
		;;
	esac
done <blocks
check_one
if [ "$n" -ge 5 ]; then
	ok "README: $n commands compared"
else
	fail "README: commands compared" "only $n found"
fi

finish
