# SPDX-License-Identifier: Apache-2.0
# Distribution packages, each built from the `make dist` tarball (so from
# the last commit, like a distribution builds from a release tarball):
#
#   make deb   build/deb/seccomp-run_VERSION-1_ARCH.deb, by
#              dpkg-buildpackage -us -uc -b with packaging/debian as debian/
#   make rpm   build/rpm/RPMS/ARCH/seccomp-run-VERSION-1.ARCH.rpm, by
#              rpmbuild -tb (packaging/rpm/seccomp-run.spec in the tarball);
#              --nodeps: on a Debian machine rpm's database knows none of
#              the BuildRequires, which Debian's packages provide here
#
# DEB_DIR and RPM_DIR say where. tests/integration/deb.t and rpm.t build
# them and check them (lintian, rpmlint, contents, the installed binary).
.PHONY: deb rpm

DEB_DIR ?= $(B)/deb
RPM_DIR ?= $(B)/rpm
# Debian's rpm runs its brp-compress and brp-strip, bash scripts, with
# /bin/sh (dash), where they fail quietly: man pages stay uncompressed and
# nothing is stripped. make rpm runs them with bash.
RPM_INSTALL_POST := bash /usr/lib/rpm/brp-compress %{_prefix}; \
	/usr/lib/rpm/brp-elfperms; bash /usr/lib/rpm/brp-strip /usr/bin/strip; \
	/usr/lib/rpm/brp-remove-la-files
# The package builds run in a clean environment: none of this make's
# flags or command-line variables (SANITIZE=1, WERROR=1, SHARED, CFLAGS...)
# reach them, which make would otherwise export. DEB_BUILD_OPTIONS,
# DEB_BUILD_PROFILES and TMPDIR pass through.
PKG_ENV = env -i PATH="$$PATH" HOME="$$HOME" \
	$(foreach v,DEB_BUILD_OPTIONS DEB_BUILD_PROFILES TMPDIR,$(if $($(v)),$(v)='$($(v))'))

deb:
	@sh tools/deps.sh deb
	@set -e; d=$(abspath $(DEB_DIR)); rm -rf $$d; mkdir -p $$d; \
	$(MAKE) --no-print-directory dist DIST_OUT=$$d DIST_STAGE=$$d/stage; \
	mv $$d/$(DIST_NAME).tar.gz $$d/seccomp-run_$(VERSION).orig.tar.gz; \
	tar -xzf $$d/seccomp-run_$(VERSION).orig.tar.gz -C $$d; \
	cp -R $$d/$(DIST_NAME)/packaging/debian $$d/$(DIST_NAME)/debian; \
	cd $$d/$(DIST_NAME) && $(PKG_ENV) dpkg-buildpackage -us -uc -b; \
	echo "make deb:" $$d/*.deb

rpm:
	@sh tools/deps.sh rpm
	@set -e; d=$(abspath $(RPM_DIR)); rm -rf $$d; mkdir -p $$d; \
	$(MAKE) --no-print-directory dist DIST_OUT=$$d DIST_STAGE=$$d/stage; \
	$(PKG_ENV) rpmbuild -tb --nodeps --define "_topdir $$d" \
	  --define "__os_install_post $(RPM_INSTALL_POST)" $$d/$(DIST_NAME).tar.gz; \
	echo "make rpm:" $$d/RPMS/*/*.rpm
