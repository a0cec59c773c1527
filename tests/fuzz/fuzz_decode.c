/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: decode_parse_line() on an arbitrary line (what a
 * hostile process name or a corrupt log can put there), then both output
 * formats of whatever record it finds. What must hold: no crash, an
 * answer of -1, 0 or 1, a reason with every -1, and output that is one
 * line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One line, as decode hands it over: no NUL, no newline. */
	char *line = malloc(size + 1);
	FUZZ_ASSERT(line, "malloc");
	size_t n = 0;
	for (size_t i = 0; i < size && data[i] != '\n'; i++)
		if (data[i])
			line[n++] = (char)data[i];
	line[n] = '\0';

	struct sr_seccomp_rec rec;
	char why[256] = "";
	int rc = decode_parse_line(line, &rec, why, sizeof(why));
	FUZZ_ASSERT(rc >= -1 && rc <= 1, "decode_parse_line returned %d", rc);
	FUZZ_ASSERT(rc != -1 || why[0], "a malformed record without a reason");
	if (rc == 1) {
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		FUZZ_ASSERT(f, "open_memstream");
		decode_print_text(f, &rec);
		decode_print_json(f, &rec, "fuzz.log", 1);
		fclose(f);
		/* Two records' worth of lines: text, then JSON. */
		size_t lines = 0;
		for (size_t i = 0; i < len; i++)
			lines += out[i] == '\n';
		FUZZ_ASSERT(lines == 2, "output is %zu lines, not one per format: %s", lines, out);
		free(out);
	}
	free(line);
	return 0;
}
