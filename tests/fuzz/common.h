/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_FUZZ_COMMON_H
#define SR_FUZZ_COMMON_H

/* Invariants shared by the fuzz targets. Each check abort()s, after saying
 * what broke on stderr, when a property the stages promise does not hold:
 * libFuzzer then keeps the input as a crash. */

#include <stddef.h>

#include "error.h"
#include "host.h"
#include "profile.h"
#include "select.h"

#define FUZZ_ORIGIN "fuzz.json"

/* abort() with a message when cond is false. */
#define FUZZ_ASSERT(cond, ...)                                          \
	do {                                                            \
		if (!(cond))                                            \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));

/* A failed stage: status 125, a message, an error that formats. */
void fuzz_check_error(const struct sr_error *err, const char *stage);
/* After profile_parse() failed: *p is empty. */
void fuzz_check_empty_profile(const struct sr_profile *p);
/* After profile_parse() succeeded: the model is fully validated. */
void fuzz_check_profile(const struct sr_profile *p);
/* After policy_select(): every rule has one choice, arches are sane. */
void fuzz_check_policy(const struct sr_policy *pol, const struct sr_profile *p,
		       const struct sr_host *h);
/* Diagnostics are well-formed. */
void fuzz_check_diags(const struct sr_diags *d);

/* host_detect() with these overrides, or abort. */
void fuzz_host(struct sr_host *out, const char *caps, const char *kernel, const char *arch);

#endif
