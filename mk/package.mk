# SPDX-License-Identifier: Apache-2.0
# Distribution packages, each built from the `make dist` tarball (so from
# the last commit, like a distribution builds from a release tarball):
#
#   make deb   build/deb/seccomp-run_VERSION-1_ARCH.deb, by
#              dpkg-buildpackage -us -uc -b with packaging/debian as debian/
#
# DEB_DIR says where. tests/integration/deb.t builds it and checks it
# (lintian, contents, the installed binary).
.PHONY: deb

DEB_DIR ?= $(B)/deb
# The packaging tools must not see this make's flags and variables.
NO_MAKEFLAGS := env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS

deb:
	@sh tools/deps.sh deb
	@set -e; d=$(abspath $(DEB_DIR)); rm -rf $$d; mkdir -p $$d; \
	$(MAKE) --no-print-directory dist DIST_OUT=$$d DIST_STAGE=$$d/stage; \
	mv $$d/$(DIST_NAME).tar.gz $$d/seccomp-run_$(VERSION).orig.tar.gz; \
	tar -xzf $$d/seccomp-run_$(VERSION).orig.tar.gz -C $$d; \
	cp -R $$d/$(DIST_NAME)/packaging/debian $$d/$(DIST_NAME)/debian; \
	cd $$d/$(DIST_NAME) && $(NO_MAKEFLAGS) dpkg-buildpackage -us -uc -b; \
	echo "make deb:" $$d/*.deb

