# SPDX-License-Identifier: Apache-2.0
# The RPM package, as far as Debian's rpm and rpmlint allow: make rpm
# (rpmbuild -tb from the make dist tarball, --nodeps), rpmlint on the spec
# and the package with packaging/rpm/seccomp-run.rpmlintrc (each filter
# carries its reason), the file list, and an install into and removal
# from a fresh root with rpm --root.
#
# Without the tools this skips; SR_REQUIRE_TOOLS=rpm (CI) makes that a
# failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

SPEC=$REPO/packaging/rpm/seccomp-run.spec
VERSION=$(sed -n 's/^VERSION *:= *//p' "$REPO/Makefile")
SPEC_VERSION=$(sed -n 's/^Version: *//p' "$SPEC")
if [ "$SPEC_VERSION" = "$VERSION" ]; then
	ok "packaging/rpm/seccomp-run.spec is for $VERSION"
else
	fail "packaging/rpm/seccomp-run.spec is for $VERSION" "Version: $SPEC_VERSION"
fi

have_tools rpm "RPM package" rpmbuild rpmlint rpm || finish
git_checkout "RPM package" || finish

D=$T/rpm
make_repo rpm RPM_DIR="$D" SHARED="$SHARED"
RPM=$(find "$D/RPMS" -name "seccomp-run-$VERSION-*.rpm" 2>/dev/null)
package_built rpm "$RPM"

run rpmlint -r "$REPO/packaging/rpm/seccomp-run.rpmlintrc" "$SPEC" "$RPM"
case $STATUS:$OUT in
0:*" 0 errors, 0 warnings, 0 badness"*) ok "rpmlint with seccomp-run.rpmlintrc: 0 errors, 0 warnings" ;;
*) fail "rpmlint with seccomp-run.rpmlintrc: 0 errors, 0 warnings" "$(diag)" ;;
esac
run rpmlint "$SPEC" "$RPM"
echo "# without the filters: $(printf '%s\n' "$OUT" | grep -c ': [EW]: ') findings, each filtered with its reason"

rpm -qlp "$RPM" 2>/dev/null | grep -v '^/usr/lib/.build-id' | LC_ALL=C sort >contents
{
	echo /usr/bin/seccomp-run
	echo /usr/share/bash-completion/completions/seccomp-run
	echo "/usr/share/doc/seccomp-run-$VERSION"
	echo "/usr/share/doc/seccomp-run-$VERSION/README.md"
	echo /usr/share/doc/seccomp-run/examples
	for f in "$REPO"/examples/*.json; do
		echo "/usr/share/doc/seccomp-run/examples/$(basename "$f")"
	done
	echo "/usr/share/licenses/seccomp-run-$VERSION"
	echo "/usr/share/licenses/seccomp-run-$VERSION/COPYING"
	echo /usr/share/man/man1/seccomp-run.1.gz
	echo /usr/share/man/man5/seccomp-run.json.5.gz
} | LC_ALL=C sort >want
if cmp -s want contents; then
	ok "rpm -qlp: the binary, both manual pages, the examples, the completion, the docs"
else
	fail "rpm -qlp: the binary, both manual pages, the examples, the completion, the docs" \
		"$(diff want contents)"
fi
run rpm -qp --requires "$RPM"
case $OUT in
*libseccomp.so.2*) ok "the package requires libseccomp.so.2" ;;
*) fail "the package requires libseccomp.so.2" "$(diag)" ;;
esac

# Installed into and removed from a fresh root (its own database:
# --nodeps, for rpm knows nothing of Debian's libraries).
R=$T/root
mkdir -p "$R"
run rpm --root "$R" --dbpath /var/lib/rpm --initdb
run rpm --root "$R" --dbpath /var/lib/rpm -i --nodeps "$RPM"
if [ "$STATUS" = 0 ]; then ok "rpm --root: installs"; else fail "rpm --root: installs" "$(diag)"; fi
expect "the binary installed in the root runs" 0 "$("$SR" --version)" "$R/usr/bin/seccomp-run" --version
expect "rpm --root -q: installed" 0 "seccomp-run-$VERSION-1.$(uname -m)" \
	rpm --root "$R" --dbpath /var/lib/rpm -q seccomp-run
run rpm --root "$R" --dbpath /var/lib/rpm -e seccomp-run
removed_all "rpm --root -e: removes every file" "$R" var/lib/rpm

finish
