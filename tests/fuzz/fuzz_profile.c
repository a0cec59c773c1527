/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: profile_parse() on arbitrary bytes, then policy_select()
 * for twelve hosts (no capabilities, all, CAP_SYS_ADMIN alone; kernel 4.0
 * and 6.18; the native arch and arm64). Checks the invariants of
 * common.h after each stage, and that nothing leaks (LeakSanitizer).
 */
#include <stdint.h>
#include <string.h>

#include "common.h"

static const char *const fuzz_caps[] = { "none", "all", "CAP_SYS_ADMIN" };
static const char *const fuzz_kernels[] = { "4.0", "6.18" };
static const char *const fuzz_arches[] = { NULL, "arm64" };

#define NHOSTS (3 * 2 * 2)
static struct sr_host hosts[NHOSTS];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n = 0;
	(void)argc;
	(void)argv;
	for (size_t c = 0; c < 3; c++)
		for (size_t k = 0; k < 2; k++)
			for (size_t a = 0; a < 2; a++)
				fuzz_host(&hosts[n++], fuzz_caps[c], fuzz_kernels[k],
					  fuzz_arches[a]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sr_profile p;
	struct sr_diags diags = { 0 };
	struct sr_error err = { 0 };

	if (profile_parse((const char *)data, size, FUZZ_ORIGIN, &p, &diags, &err) < 0) {
		fuzz_check_error(&err, "profile_parse");
		FUZZ_ASSERT(strcmp(err.file, FUZZ_ORIGIN) == 0,
			    "parse error about '%s', not the profile", err.file);
		fuzz_check_empty_profile(&p);
		fuzz_check_diags(&diags);
		sr_diags_free(&diags);
		return 0;
	}
	FUZZ_ASSERT(err.status == 0 && err.msg[0] == '\0', "success left an error behind");
	fuzz_check_profile(&p);
	fuzz_check_diags(&diags);

	for (size_t i = 0; i < NHOSTS; i++) {
		struct sr_policy pol;
		policy_select(&p, &hosts[i], &pol);
		fuzz_check_policy(&pol, &p, &hosts[i]);
		policy_free(&pol);
	}
	profile_free(&p);
	sr_diags_free(&diags);
	return 0;
}
