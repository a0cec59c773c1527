# SPDX-License-Identifier: Apache-2.0
# The randomized differential test against runc
# (tests/integration/runc-random.t): build/gen-profile writes random
# profiles and probe calls, each run under runc and under seccomp-run.
# `make check` runs 200 of them from a fixed seed; `make check-long` runs
# 2000 from a new seed each time (printed; RUNC_RANDOM_SEED=N repeats a
# run, RUNC_RANDOM_COUNT=N changes the number).
.PHONY: check-long

$(B)/gen-profile: tests/gen-profile.c mk/long.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -O1 -g $(WARN) $(shell $(PKG_CONFIG) --cflags libseccomp) \
	  -o $@ $< $(shell $(PKG_CONFIG) --libs libseccomp)

check: $(B)/gen-profile

check-long: deps-test seccomp-run $(B)/probe-static $(B)/gen-profile
	@seed=$${RUNC_RANDOM_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; \
	echo "# make check-long: RUNC_RANDOM_SEED=$$seed"; \
	SHARED=$(SHARED) SECCOMP_RUN=$(abspath seccomp-run) PROBE=$(abspath $(B)/probe) \
	  PROBE_STATIC=$(abspath $(B)/probe-static) GEN_PROFILE=$(abspath $(B)/gen-profile) \
	  RUNC_RANDOM_SEED=$$seed RUNC_RANDOM_COUNT=$${RUNC_RANDOM_COUNT:-2000} \
	  sh tests/integration/runc-random.t
