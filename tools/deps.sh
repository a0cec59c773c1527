#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# deps.sh build|test|deb|rpm|package: make sure the Debian packages
# seccomp-run needs are present. As root with apt-get, installs what is
# missing; otherwise names it.
#   build    make
#   test     make check
#   deb      make deb (git: make dist packs the last commit)
#   rpm      make rpm
#   package  every packaging check (CI): deb, lintian, rpm, rpmlint,
#            yamllint, buildah (tests/integration/{deb,rpm,kubernetes,static}.t
#            skip their parts without them)
set -eu
want=$1
pkgs="libseccomp-dev libjansson-dev libcap-dev pkg-config"
case $want in
build) ;;
test) pkgs="$pkgs check runc util-linux libcap2-bin clang libclang-rt-14-dev valgrind python3 strace" ;;
deb) pkgs="$pkgs check git debhelper dpkg-dev" ;;
rpm) pkgs="$pkgs check git rpm" ;;
package) pkgs="$pkgs check git debhelper dpkg-dev lintian rpm rpmlint yamllint buildah python3-yaml" ;;
*) echo "deps.sh: build, test, deb, rpm or package, not '$want'" >&2; exit 2 ;;
esac

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
	exit 0
fi
if ! command -v dpkg-query >/dev/null; then
	# Not Debian: trust pkg-config for the libraries and carry on.
	pkg-config --exists libseccomp jansson libcap && exit 0
fi
echo "deps: missing packages:$missing (install them, or run make as root)" >&2
exit 1
