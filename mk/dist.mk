# SPDX-License-Identifier: Apache-2.0
# `make dist`: seccomp-run-VERSION.tar.gz, the committed tree (HEAD, not
# the work tree) plus a copy of $(SHARED)/profiles as shared/profiles: the
# real-world profiles the tests read, each with its origin and licence in
# shared/profiles/README.md. Nothing else of ../shared goes in (the
# specification and research notes are the project's, the tutorials are
# not ours to redistribute); the tests that read them skip without them.
# Reproducible: names sorted, every mtime the last commit's, owner and
# group 0, modes 644/755, gzip without name or time.
#
# `make distcheck`: unpack the tarball under build/distcheck and, there,
# with no git (GIT_CEILING_DIRECTORIES hides the checkout around it) and no
# ../shared, make check (its own shared/profiles), make
# install and uninstall into a scratch DESTDIR (nothing may be left), and
# make clean (the tree must be as unpacked).
#
# DIST_OUT is where the tarball goes (default: here), DIST_STAGE where it
# is put together.
.PHONY: dist distcheck

DIST_NAME    := seccomp-run-$(VERSION)
DIST_OUT     ?= .
DIST_STAGE   ?= $(B)/dist
DIST_TARBALL  = $(DIST_OUT)/$(DIST_NAME).tar.gz

dist:
	@set -e; \
	if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then \
	  echo "make dist: needs a git checkout (it packs the last commit)" >&2; exit 1; fi; \
	if [ -n "$$(git status --porcelain --untracked-files=no)" ]; then \
	  echo "make dist: warning: uncommitted changes are not in the tarball: it packs HEAD" >&2; fi; \
	if [ ! -d "$(SHARED)/profiles" ]; then \
	  echo "make dist: no $(SHARED)/profiles: the tests need them (set SHARED)" >&2; exit 1; fi; \
	rm -rf $(DIST_STAGE); mkdir -p $(DIST_STAGE) $(DIST_OUT); \
	git archive --format=tar --prefix=$(DIST_NAME)/ HEAD | tar -x -C $(DIST_STAGE); \
	mkdir -p $(DIST_STAGE)/$(DIST_NAME)/shared; \
	cp -R $(SHARED)/profiles $(DIST_STAGE)/$(DIST_NAME)/shared/; \
	mtime=$$(git log -1 --format=%ct HEAD); \
	LC_ALL=C tar --sort=name --format=gnu --mtime=@$$mtime --owner=0 --group=0 \
	  --numeric-owner --mode=u+rwX,go+rX,go-w -C $(DIST_STAGE) -cf - $(DIST_NAME) | \
	  gzip -9 -n >$(DIST_TARBALL).tmp; \
	mv $(DIST_TARBALL).tmp $(DIST_TARBALL); \
	rm -rf $(DIST_STAGE); \
	echo "make dist: $(DIST_TARBALL) ($$(git rev-parse --short HEAD)," \
	  "$$(tar -tzf $(DIST_TARBALL) | wc -l) entries, sha256" \
	  "$$(sha256sum $(DIST_TARBALL) | cut -c1-16)...)"

DISTCHECK := $(B)/distcheck

distcheck: dist
	@set -e; \
	rm -rf $(DISTCHECK); mkdir -p $(DISTCHECK); \
	tar -xzf $(DIST_TARBALL) -C $(DISTCHECK); \
	src=$(abspath $(DISTCHECK))/$(DIST_NAME); \
	(cd $$src && find . | LC_ALL=C sort) >$(DISTCHECK)/unpacked.list; \
	echo "distcheck: make check in $$src"; \
	GIT_CEILING_DIRECTORIES=$(abspath $(DISTCHECK)) $(MAKE) -C $$src check SHARED=$$src/shared; \
	echo "distcheck: make install, uninstall"; \
	$(MAKE) -C $$src install DESTDIR=$(abspath $(DISTCHECK))/inst PREFIX=/usr; \
	test -x $(DISTCHECK)/inst/usr/bin/seccomp-run; \
	$(DISTCHECK)/inst/usr/bin/seccomp-run --version; \
	$(MAKE) -C $$src uninstall DESTDIR=$(abspath $(DISTCHECK))/inst PREFIX=/usr; \
	left=$$(find $(DISTCHECK)/inst -type f); \
	if [ -n "$$left" ]; then echo "distcheck: uninstall left: $$left" >&2; exit 1; fi; \
	echo "distcheck: make clean"; \
	$(MAKE) -C $$src clean; \
	(cd $$src && find . | LC_ALL=C sort) >$(DISTCHECK)/cleaned.list; \
	if ! cmp -s $(DISTCHECK)/unpacked.list $(DISTCHECK)/cleaned.list; then \
	  echo "distcheck: make clean leaves the tree different from the tarball:" >&2; \
	  diff $(DISTCHECK)/unpacked.list $(DISTCHECK)/cleaned.list >&2; exit 1; fi; \
	rm -rf $(DISTCHECK); \
	echo "distcheck: $(DIST_TARBALL) is ready: it builds, passes make check, installs," \
	  "uninstalls and cleans"
