/* SPDX-License-Identifier: Apache-2.0 */
#include "fault.h"

#ifdef SR_FAULT_INJECTION
#include <stdlib.h>
#include <string.h>

/* Read once, at the first check, which comes before the filter is loaded;
 * getenv and strcmp make no syscall either way. */
bool sr_fault(const char *point)
{
	static const char *want;
	static bool looked;
	if (!looked) {
		want = getenv("SECCOMP_RUN_FAULT");
		looked = true;
	}
	return want && strcmp(want, point) == 0;
}
#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int sr_fault_not_built;
#endif
