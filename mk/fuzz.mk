# SPDX-License-Identifier: Apache-2.0
# libFuzzer targets over the parser, rule selection and the compile path
# (tests/fuzz/README.md). Built with clang and ASan+UBSan into build/fuzz/,
# from their own objects: the gcc objects of the main build are not reused.
#
#   make fuzz FUZZ_SECONDS=3600   each target in turn, corpus kept in
#                                 build/fuzz/corpus-<target>/
#   make fuzz-smoke               each target FUZZ_SMOKE_SECONDS from the
#                                 seed corpus, then every regression input;
#                                 part of `make check`
.PHONY: fuzz fuzz-smoke fuzz-build

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_TARGETS       := fuzz_profile fuzz_compile fuzz_check fuzz_decode fuzz_bpf
FB                 := $(B)/fuzz
FUZZ_DIR           := tests/fuzz
FUZZ_SAN           := -fsanitize=address,undefined -fno-sanitize-recover=all \
                      -fno-omit-frame-pointer
# src/ is also built by gcc with its own warnings; clang's opinions about
# it are shown, never fatal here.
FUZZ_CFLAGS         = -std=gnu11 -D_GNU_SOURCE -DSR_VERSION='"$(VERSION)"' \
                      $(PC_CFLAGS) -Isrc -I$(B) -I$(FUZZ_DIR) -O1 -g $(FUZZ_SAN)
FUZZ_LIB_OBJS      := $(patsubst src/%.c,$(FB)/obj/%.o,$(filter-out src/main.c,$(SRCS))) \
                      $(FB)/obj/default_profile.o
FUZZ_BINS          := $(FUZZ_TARGETS:%=$(FB)/%)
FUZZ_HDRS          := $(wildcard src/*.h) $(wildcard $(FUZZ_DIR)/*.h)
FUZZ_REGRESSIONS    = $(sort $(wildcard $(FUZZ_DIR)/regressions/*))
# Leaks inside libseccomp itself are not ours to fix (lsan.supp says which).
FUZZ_ENV            = LSAN_OPTIONS=suppressions=$(abspath $(FUZZ_DIR)/lsan.supp):print_suppressions=0
FUZZ_OPTS          := -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
                      -dict=$(FUZZ_DIR)/profile.dict -print_final_stats=1

fuzz-build: $(FUZZ_BINS)

$(FB)/obj/%.o: src/%.c $(FUZZ_HDRS) mk/fuzz.mk | deps-test
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter-out -Werror,$(WARN)) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/obj/default_profile.o: $(B)/default_profile.c mk/fuzz.mk | deps-test
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/obj/fuzz-%.o: $(FUZZ_DIR)/%.c $(FUZZ_HDRS) mk/fuzz.mk | deps-test
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(WARN) -fsanitize=fuzzer-no-link -c -o $@ $<

# A static pattern rule: the objects are then not intermediate files that
# make would delete after linking.
$(FUZZ_BINS): $(FB)/%: $(FB)/obj/fuzz-%.o $(FB)/obj/fuzz-common.o $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PC_LIBS)

# Each target in turn (one core), from a copy of the seed corpus that
# grows across runs; crashes go to build/fuzz/artifacts/.
fuzz: $(FUZZ_BINS)
	@set -e; mkdir -p $(FB)/artifacts; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FB)/corpus-$$t; \
	  for f in $(FUZZ_DIR)/corpus/*; do \
	    [ -e $(FB)/corpus-$$t/$${f##*/} ] || cp $$f $(FB)/corpus-$$t/; \
	  done; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s, corpus $(FB)/corpus-$$t"; \
	  $(FUZZ_ENV) $(FB)/$$t $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FB)/artifacts/$$t- $(FB)/corpus-$$t \
	    $(if $(FUZZ_REGRESSIONS),$(FUZZ_DIR)/regressions) || \
	  { echo "fuzz: $$t FAILED: crash input in $(FB)/artifacts/"; exit 1; }; \
	done

# Bounded: FUZZ_SMOKE_SECONDS per target from the seeds, in a scratch
# corpus, then each regression input once through every target.
fuzz-smoke: $(FUZZ_BINS)
	@set -e; mkdir -p $(FB)/artifacts; \
	for t in $(FUZZ_TARGETS); do \
	  d=$(FB)/smoke-$$t; rm -rf $$d; mkdir -p $$d; \
	  if $(FUZZ_ENV) $(FB)/$$t $(FUZZ_OPTS) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	      -artifact_prefix=$(FB)/artifacts/$$t- $$d $(FUZZ_DIR)/corpus >$$d.log 2>&1; then \
	    echo "fuzz-smoke: $$t: $(FUZZ_SMOKE_SECONDS) s from $(FUZZ_DIR)/corpus:" \
	      "$$(grep -m1 '^Done ' $$d.log | sed 's/^Done //'), nothing found"; \
	  else \
	    tail -n 30 $$d.log; \
	    echo "fuzz-smoke: $$t FAILED after fuzzing from $(FUZZ_DIR)/corpus (log $$d.log," \
	      "input in $(FB)/artifacts/)"; exit 1; \
	  fi; \
	  if [ -n "$(FUZZ_REGRESSIONS)" ]; then \
	    if $(FUZZ_ENV) $(FB)/$$t $(FUZZ_OPTS) $(FUZZ_REGRESSIONS) >$$d-regressions.log 2>&1; then \
	      echo "fuzz-smoke: $$t: replayed $(words $(FUZZ_REGRESSIONS)) regression inputs" \
	        "from $(FUZZ_DIR)/regressions: all pass"; \
	    else \
	      tail -n 30 $$d-regressions.log; \
	      echo "fuzz-smoke: $$t FAILED on a regression input in $(FUZZ_DIR)/regressions" \
	        "(log $$d-regressions.log)"; exit 1; \
	    fi; \
	  fi; \
	done

check: fuzz-smoke
