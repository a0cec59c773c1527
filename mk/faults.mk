# SPDX-License-Identifier: Apache-2.0
# build/seccomp-run-faults: every src/*.c compiled again with
# -DSR_FAULT_INJECTION into build/faults/, so that SECCOMP_RUN_FAULT=POINT
# makes that point fail through its real error path (src/fault.h). For
# tests/integration/faults.t only: `make install` installs ./seccomp-run,
# which has no hook.
FAULT_OBJS := $(SRCS:src/%.c=$(B)/faults/%.o) $(B)/default_profile.o

$(B)/faults/%.o: src/%.c $(wildcard src/*.h) Makefile mk/faults.mk | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wconversion -DSR_FAULT_INJECTION -c -o $@ $<

$(B)/seccomp-run-faults: $(FAULT_OBJS) | deps
	$(CC) $(ALL_CFLAGS) -o $@ $(FAULT_OBJS) $(ALL_LDFLAGS) $(PC_LIBS)

check: $(B)/seccomp-run-faults
