# SPDX-License-Identifier: Apache-2.0
# The unit suite under valgrind's memcheck: parse, select and compile with
# zero errors and zero definite leaks. Check forks each test; memcheck
# follows the forks. Suites that load filters are excluded (valgrind does
# not implement seccomp(2)).
.PHONY: check-valgrind
check-valgrind: deps-test $(B)/unit-tests
	SHARED=$(SHARED) SR_UNDER_VALGRIND=1 CK_EXCLUDE_TAGS=kernel \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	  --error-exitcode=9 $(B)/unit-tests
