# SPDX-License-Identifier: Apache-2.0
# `make static`: ./seccomp-run-static, the same objects as ./seccomp-run
# (the precompiled built-in filters included) linked with libseccomp,
# jansson, libcap and glibc statically, for images with nothing else in
# them (packaging/container/Containerfile; tests/integration/static.t runs
# it as PID 1 of a runc container). Static PIE keeps ASLR; a toolchain
# without it can use `make static STATIC_LDFLAGS=-static`. glibc warns at
# link time about the functions that need NSS or dlopen at run time
# (getpwnam, getaddrinfo, dlopen...): such a warning fails the build.
# (glibc's stdio brings in iconv, which can dlopen a gconv module, but only
# to convert a locale's character set; seccomp-run never calls setlocale.)
# Not with SANITIZE=1 (no static ASan).
.PHONY: static

STATIC_LDFLAGS ?= -static-pie
PC_STATIC_LIBS  = $(shell $(PKG_CONFIG) --static --libs $(LIBS_PC))

static: seccomp-run-static

seccomp-run-static: $(OBJS) mk/static.mk | deps
ifeq ($(SANITIZE),1)
	@echo "make static: not with SANITIZE=1 (ASan and UBSan have no static runtime)" >&2; exit 1
endif
	$(CC) $(ALL_CFLAGS) -o $@.tmp $(OBJS) $(ALL_LDFLAGS) $(STATIC_LDFLAGS) $(PC_STATIC_LIBS) \
	  2>$(B)/static-link.log; rc=$$?; cat $(B)/static-link.log >&2; \
	  if [ $$rc != 0 ]; then rm -f $@.tmp; exit $$rc; fi; \
	  if grep -q 'statically linked applications requires at runtime' $(B)/static-link.log; then \
	    echo "make static: the code above needs NSS or dlopen at run time;" \
	      "an empty root filesystem has neither" >&2; rm -f $@.tmp; exit 1; fi; \
	  if LC_ALL=C readelf -lW $@.tmp | grep -q 'INTERP\|Requesting program interpreter'; then \
	    echo "make static: $@ came out dynamically linked (STATIC_LDFLAGS=$(STATIC_LDFLAGS))" >&2; \
	    rm -f $@.tmp; exit 1; fi
	@mv $@.tmp $@

# tests/integration/static.t runs it (and says why it skips under SANITIZE=1).
ifneq ($(SANITIZE),1)
check: seccomp-run-static
endif
