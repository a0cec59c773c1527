# SPDX-License-Identifier: Apache-2.0
# seccomp-run. `make` builds, `make check` runs every test, `make install`
# honours PREFIX and DESTDIR. WERROR=1 turns warnings into errors (CI),
# SANITIZE=1 builds with ASan+UBSan.

VERSION     := 0.1.0
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
DOCDIR      ?= $(PREFIX)/share/doc/seccomp-run
COMPLETIONSDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR     ?=
CC          ?= cc
PKG_CONFIG  ?= pkg-config
INSTALL     ?= install
# Test data: ../shared beside a checkout; a tarball from `make dist`
# carries its own shared/profiles (mk/dist.mk).
SHARED      ?= $(abspath $(if $(wildcard shared/profiles),shared,../shared))

LIBS_PC     := libseccomp jansson libcap
CFLAGS      ?= -O2 -g
WARN        := -Wall -Wextra -Wshadow -Wformat=2 -Wformat-security \
               -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
               -Wundef -Wvla -Wimplicit-fallthrough
HARDEN      := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
ifeq ($(WERROR),1)
WARN        += -Werror
endif
ifeq ($(SANITIZE),1)
HARDEN      := -fPIE
CFLAGS      += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS     += -fsanitize=address,undefined
endif

PC_CFLAGS    = $(shell $(PKG_CONFIG) --cflags $(LIBS_PC))
PC_LIBS      = $(shell $(PKG_CONFIG) --libs $(LIBS_PC))
ALL_CFLAGS   = -std=gnu11 -D_GNU_SOURCE -DSR_VERSION='"$(VERSION)"' \
               $(WARN) $(HARDEN) $(PC_CFLAGS) -Isrc -Ibuild $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS  = -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack $(LDFLAGS)

B            := build
SRCS         := $(sort $(wildcard src/*.c))
OBJS         := $(SRCS:src/%.c=$(B)/%.o) $(B)/default_profile.o $(B)/precompiled.o
LIB_OBJS     := $(filter-out $(B)/main.o,$(OBJS))
UNIT_SRCS    := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS    := $(UNIT_SRCS:tests/unit/%.c=$(B)/unit/%.o)

.PHONY: all deps deps-test check check-unit check-integration install uninstall clean

all: seccomp-run

# Installs the Debian packages the build needs when they are missing (as
# root), or says which are missing. A no-op when everything is present.
deps:
	@sh tools/deps.sh build

seccomp-run: $(OBJS) | deps
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(ALL_LDFLAGS) $(PC_LIBS)

# The tool itself is also kept clean of implicit narrowing conversions.
$(B)/%.o: src/%.c $(wildcard src/*.h) Makefile | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wconversion -c -o $@ $<

# The built-in runtime/default profile, embedded as bytes.
$(B)/default_profile.c: data/default.json tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< sr_builtin_default > $@

$(B)/default_profile.o: $(B)/default_profile.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in profile precompiled for the common selections, each filter
# under the canonical key run compares with its own (tools/precompile.c).
# The tool links this build's objects, so the table is what this build
# compiles. Where it cannot run (a cross build) the table is empty and run
# compiles; the objects that do not link the table see it as empty too.
PRECOMPILE_OBJS := $(filter-out $(B)/main.o $(B)/precompiled.o,$(OBJS))

$(B)/precompile: tools/precompile.c $(PRECOMPILE_OBJS) | deps
	$(CC) $(ALL_CFLAGS) -Wconversion -o $@ $< $(PRECOMPILE_OBJS) $(ALL_LDFLAGS) $(PC_LIBS)

$(B)/precompiled.c: $(B)/precompile
	@if ASAN_OPTIONS=detect_leaks=0 $(B)/precompile >$@.tmp; then mv $@.tmp $@; else \
	  rm -f $@.tmp; \
	  echo "warning: $(B)/precompile did not run: seccomp-run gets no precompiled filters" >&2; \
	  printf '/* No precompiled filters: build/precompile did not run. */\ntypedef int sr_no_precompiled;\n' >$@; \
	fi

$(B)/precompiled.o: $(B)/precompiled.c src/cache.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Tests ----------------------------------------------------------------------

$(B)/unit/%.o: tests/unit/%.c $(wildcard tests/unit/*.h) $(wildcard src/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(shell $(PKG_CONFIG) --cflags check) -Itests/unit -c -o $@ $<

$(B)/unit-tests: $(UNIT_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PC_LIBS) $(shell $(PKG_CONFIG) --libs check)

# The probe makes syscalls and reports what happened; the static one runs
# in an otherwise empty container rootfs.
$(B)/probe: tests/probe.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -O1 -g $(WARN) -o $@ $<
$(B)/probe-static: tests/probe.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -O1 $(WARN) -static -o $@ $<

# Small helpers the integration tests run (tests/tools/NAME.c -> build/tools/NAME).
TOOLS        := $(patsubst tests/tools/%.c,$(B)/tools/%,$(wildcard tests/tools/*.c))
$(B)/tools/%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -O1 -g $(WARN) -o $@ $<

check: deps-test seccomp-run $(B)/unit-tests $(B)/probe $(B)/probe-static $(TOOLS)
	@SHARED=$(SHARED) $(B)/unit-tests
	@SHARED=$(SHARED) SECCOMP_RUN=$(abspath seccomp-run) PROBE=$(abspath $(B)/probe) \
	  PROBE_STATIC=$(abspath $(B)/probe-static) TOOLS=$(abspath $(B)/tools) \
	  SECCOMP_RUN_STATIC=$(abspath seccomp-run-static) \
	  sh tests/integration/run-all.sh

check-unit: deps-test $(B)/unit-tests
	@SHARED=$(SHARED) $(B)/unit-tests

deps-test:
	@sh tools/deps.sh test

install: seccomp-run
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(COMPLETIONSDIR)
	$(INSTALL) -m 0755 seccomp-run $(DESTDIR)$(BINDIR)/seccomp-run
	$(INSTALL) -m 0644 man/seccomp-run.1 $(DESTDIR)$(MANDIR)/man1/seccomp-run.1
	$(INSTALL) -m 0644 man/seccomp-run.json.5 $(DESTDIR)$(MANDIR)/man5/seccomp-run.json.5
	$(INSTALL) -m 0644 examples/*.json $(DESTDIR)$(DOCDIR)/examples/
	$(INSTALL) -m 0644 packaging/completion/seccomp-run.bash $(DESTDIR)$(COMPLETIONSDIR)/seccomp-run

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/seccomp-run $(DESTDIR)$(MANDIR)/man1/seccomp-run.1 \
	  $(DESTDIR)$(MANDIR)/man5/seccomp-run.json.5 $(DESTDIR)$(COMPLETIONSDIR)/seccomp-run
	rm -rf $(DESTDIR)$(DOCDIR)

clean:
	rm -rf $(B) seccomp-run seccomp-run-static

# Further rules live in mk/*.mk (fuzzing, fault injection, long checks);
# they see every variable above.
include $(sort $(wildcard mk/*.mk))
