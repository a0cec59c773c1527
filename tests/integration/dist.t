# SPDX-License-Identifier: Apache-2.0
# make dist is reproducible: two runs, from different staging directories
# and under different umasks, give the same bytes; the tarball holds the
# last commit's files and shared/profiles under seccomp-run-VERSION/, every
# entry owned by 0:0 with the commit's time, and gzip records no name or
# time. (make distcheck, which builds and tests the tarball, is run by CI.)
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

git_checkout "make dist" || finish
if [ ! -d "$SHARED/profiles" ]; then
	skip "make dist" "no $SHARED/profiles"
	finish
fi

# dist OUT STAGE UMASK: make dist into OUT; the tarball's path in $TARBALL
dist() {
	(umask "$3" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$REPO" dist \
		SHARED="$SHARED" DIST_OUT="$1" DIST_STAGE="$2") >"$T/.out" 2>"$T/.err"
	STATUS=$?
	_CMD="make dist DIST_OUT=$1 DIST_STAGE=$2 (umask $3)"
	OUT=$(cat "$T/.out") ERR=$(cat "$T/.err")
	TARBALL=$(find "$1" -name 'seccomp-run-*.tar.gz')
}

dist "$T/a" "$T/stage-a" 022
if [ "$STATUS" = 0 ] && [ -f "$TARBALL" ]; then ok "make dist"; else fail "make dist" "$(diag)"; finish; fi
A=$TARBALL
dist "$T/b" "$T/stage-b" 077
B=$TARBALL
if [ "$STATUS" = 0 ] && cmp -s "$A" "$B"; then
	ok "make dist twice (umask 022 and 077, two staging directories): the same bytes"
else
	fail "make dist twice: the same bytes" "$(diag)" "$(ls -l "$A" "$B")"
fi
if [ -e "$T/stage-a" ] || [ -e "$T/stage-b" ]; then
	fail "the staging directories are removed"
fi

name=$(basename "$A" .tar.gz)
tar -tzf "$A" | sed -n "s|^$name/||p" | grep -v '/$' | grep -v '^$' | LC_ALL=C sort >in-tarball
{
	git -C "$REPO" ls-tree -r --name-only HEAD
	(cd "$SHARED" && find profiles -type f | sed 's|^|shared/|')
} | LC_ALL=C sort >want
if cmp -s want in-tarball; then
	ok "$name/: the files of HEAD and shared/profiles, nothing else ($(wc -l <want) files)"
else
	fail "$name/: the files of HEAD and shared/profiles, nothing else" "$(diff want in-tarball)"
fi
if [ "$(tar -tzf "$A" | grep -vc "^$name/")" = 0 ]; then
	ok "every entry is under $name/"
else
	fail "every entry is under $name/" "$(tar -tzf "$A" | grep -v "^$name/" | head -5)"
fi

# none DESC LINES: LINES (the offending entries) is empty
none() {
	if [ -z "$2" ]; then ok "$1"; else fail "$1" "$2"; fi
}
mtime=$(git -C "$REPO" log -1 --format=%ct HEAD)
want_date=$(TZ=UTC date -d "@$mtime" '+%Y-%m-%d %H:%M')
none "every entry is owned by 0/0" "$(tar -tvzf "$A" | grep -v " 0/0 " | head -3)"
none "every entry has the last commit's time ($want_date UTC)" \
	"$(TZ=UTC tar --utc -tvzf "$A" | grep -vF " $want_date " | head -3)"
none "modes are 644, 755 and 755 for directories" \
	"$(tar -tvzf "$A" | grep -v '^-rw-r--r-- \|^-rwxr-xr-x \|^drwxr-xr-x ' | head -3)"
# gzip header: FLG (byte 3) without FNAME (0x08), MTIME (bytes 4-7) zero
hdr=$(od -An -tx1 -j3 -N5 "$A" | tr -d ' \n')
case $hdr in
0[0-7]00000000) ok "gzip header: no file name, no time ($hdr)" ;;
*) fail "gzip header: no file name, no time" "bytes 3-7: $hdr" ;;
esac

finish
