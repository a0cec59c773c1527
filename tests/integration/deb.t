# SPDX-License-Identifier: Apache-2.0
# The Debian package: make deb (dpkg-buildpackage -us -uc -b from the
# make dist tarball), lintian with every tag level, the file list
# (dpkg -c), the package unpacked (dpkg -x) and run, and installed into
# and removed from a fresh root with dpkg --root.
#
# Without the tools this skips; SR_REQUIRE_TOOLS=deb (CI) makes that a
# failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

VERSION=$(sed -n 's/^VERSION *:= *//p' "$REPO/Makefile")
CHANGELOG_VERSION=$(sed -n '1s/^seccomp-run (\([^)]*\)).*/\1/p' "$REPO/packaging/debian/changelog")
if [ "${CHANGELOG_VERSION%-*}" = "$VERSION" ]; then
	ok "packaging/debian/changelog is for $VERSION ($CHANGELOG_VERSION)"
else
	fail "packaging/debian/changelog is for $VERSION" "changelog: $CHANGELOG_VERSION"
fi

have_tools deb "Debian package" dpkg-buildpackage dh lintian dpkg-deb || finish
git_checkout "Debian package" || finish

D=$T/deb
make_repo deb DEB_DIR="$D" SHARED="$SHARED"
DEB=$(find "$D" -maxdepth 1 -name "seccomp-run_${CHANGELOG_VERSION}_*.deb")
package_built deb "$DEB"

# lintian at every level; the overrides (packaging/debian/*.lintian-overrides)
# carry their reasons.
run lintian --pedantic --display-info --display-experimental "$D"/seccomp-run_*.changes
if [ -z "$OUT" ] && [ "$STATUS" = 0 ]; then
	ok "lintian --pedantic --display-info --display-experimental: no tag"
else
	fail "lintian --pedantic --display-info --display-experimental: no tag" "$(diag)"
fi

# The files, as dpkg -c lists them.
dpkg-deb -c "$DEB" | awk '{ print $1, $2, $NF }' | grep -v '/$' | LC_ALL=C sort -k3 >contents
{
	echo "-rwxr-xr-x root/root ./usr/bin/seccomp-run"
	echo "-rw-r--r-- root/root ./usr/share/bash-completion/completions/seccomp-run"
	for f in README.md.gz changelog.Debian.gz copyright; do
		echo "-rw-r--r-- root/root ./usr/share/doc/seccomp-run/$f"
	done
	for f in "$REPO"/examples/*.json; do
		echo "-rw-r--r-- root/root ./usr/share/doc/seccomp-run/examples/$(basename "$f")"
	done
	echo "-rw-r--r-- root/root ./usr/share/man/man1/seccomp-run.1.gz"
	echo "-rw-r--r-- root/root ./usr/share/man/man5/seccomp-run.json.5.gz"
	echo "-rw-r--r-- root/root ./usr/share/lintian/overrides/seccomp-run"
} | LC_ALL=C sort -k3 >want
if cmp -s want contents; then
	ok "dpkg -c: the binary, both manual pages, the examples, the completion, docs, overrides"
else
	fail "dpkg -c: the binary, both manual pages, the examples, the completion, docs, overrides" \
		"$(diff want contents)"
fi
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
case $DEPENDS in
*libseccomp2*libjansson4* | *libjansson4*libseccomp2*) ok "Depends: $DEPENDS" ;;
*) fail "Depends names libseccomp2 and libjansson4" "$DEPENDS" ;;
esac

# Unpacked: the installed binary, its examples, manual pages and completion.
dpkg-deb -x "$DEB" x
X=$T/x/usr
expect "the unpacked binary runs: --version" 0 "$("$SR" --version)" "$X/bin/seccomp-run" --version
expect "the unpacked binary runs a program under the built-in profile" 0 "hello" \
	"$X/bin/seccomp-run" -- echo hello
expect_status 0 "the installed examples pass check" \
	"$X/bin/seccomp-run" check -q "$X"/share/doc/seccomp-run/examples/*.json
expect "a program under an installed example (batch-job.json)" 0 "ran" \
	"$X/bin/seccomp-run" -p "$X/share/doc/seccomp-run/examples/batch-job.json" -- echo ran
run bash -c '. "$1" && complete -p seccomp-run' sh "$X/share/bash-completion/completions/seccomp-run"
expect_out() {
	if [ "$OUT" = "$2" ]; then ok "$1"; else fail "$1" "want: $2" "$(diag)"; fi
}
expect_out "the installed completion registers itself" "complete -F _seccomp_run seccomp-run"

# Installed into and removed from a fresh root.
R=$T/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: >"$R/var/lib/dpkg/status"
run dpkg --root="$R" --log="$T/dpkg.log" --force-depends -i "$DEB"
if [ "$STATUS" = 0 ]; then ok "dpkg --root: installs"; else fail "dpkg --root: installs" "$(diag)"; fi
run dpkg --root="$R" -s seccomp-run
case $OUT in
*"Status: install ok installed"*) ok "dpkg --root -s: install ok installed" ;;
*) fail "dpkg --root -s: install ok installed" "$(diag)" ;;
esac
expect "the binary installed in the root runs" 0 "$("$SR" --version)" "$R/usr/bin/seccomp-run" --version
run dpkg --root="$R" --log="$T/dpkg.log" -r seccomp-run
removed_all "dpkg --root -r: removes every file" "$R" var/lib/dpkg

finish
