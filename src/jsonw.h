/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_JSONW_H
#define SR_JSONW_H

/* A small streaming JSON writer for what seccomp-run prints: profiles (OCI
 * JSON), findings, verdicts, decoded log lines. Not jansson: its integers
 * stop at 2^63-1, and a profile's values go to 2^64-1. */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct jw {
	FILE *f;
	bool pretty;        /* two-space indentation; else one line */
	unsigned depth;
	bool need_comma;    /* a value precedes at this depth */
};

void jw_init(struct jw *w, FILE *f, bool pretty);
/* key is the member name inside an object, NULL inside an array or at the
 * top level. */
void jw_object(struct jw *w, const char *key);
void jw_array(struct jw *w, const char *key);
void jw_end_object(struct jw *w);
void jw_end_array(struct jw *w);
void jw_string(struct jw *w, const char *key, const char *v);
void jw_u64(struct jw *w, const char *key, uint64_t v);
void jw_i64(struct jw *w, const char *key, int64_t v);
void jw_bool(struct jw *w, const char *key, bool v);
void jw_null(struct jw *w, const char *key);
/* End the document with a newline. */
void jw_finish(struct jw *w);

#endif
