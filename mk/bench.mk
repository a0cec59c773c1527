# SPDX-License-Identifier: Apache-2.0
# `make bench`: the performance table of SPEC §9 / issue 5, measured side
# by side in one run and written to bench/RESULTS.md (bench/README.md says
# how). Not part of `make check`, and nothing in it is a timed assertion.
# BENCH_QUICK=1 runs far fewer iterations, to try the harness out;
# BENCH_CG_MAX_MS=N skips callgrind on compiles slower than N ms natively.
.PHONY: bench

BENCH_SRCS   := $(filter-out bench/shim.c,$(sort $(wildcard bench/*.c)))
BENCH_OBJS   := $(BENCH_SRCS:bench/%.c=$(B)/bench/%.o)

$(B)/bench/%.o: bench/%.c bench/bench.h $(wildcard src/*.h) mk/bench.mk | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ibench -c -o $@ $<

$(B)/bench/srbench: $(BENCH_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PC_LIBS)

# The start-up floor: exec plus a trivial filter, from a static binary.
$(B)/bench/shim: bench/shim.c mk/bench.mk
	@mkdir -p $(@D)
	$(CC) -O2 -static -o $@ $<

bench: deps-test seccomp-run seccomp-run-static $(B)/bench/srbench $(B)/bench/shim
	@SECCOMP_RUN=$(abspath seccomp-run) SRBENCH=$(abspath $(B)/bench/srbench) \
	  SHIM=$(abspath $(B)/bench/shim) \
	  SECCOMP_RUN_STATIC=$(abspath seccomp-run-static) \
	  BENCH_QUICK=$(BENCH_QUICK) CC='$(CC)' sh bench/run.sh
