/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_ERROR_H
#define SR_ERROR_H

#include <stddef.h>

/* Exit statuses of seccomp-run itself (SPEC §2). */
enum {
	SR_EXIT_FINDINGS = 1,     /* check: problems found */
	SR_EXIT_FAILED = 125,     /* failed before exec: nothing ran */
	SR_EXIT_CANNOT_EXEC = 126,
	SR_EXIT_NOT_FOUND = 127,
};

/* The one error type. Filled by the callee at the point of failure, printed
 * once by main. Fixed-size storage: reporting never allocates, so it works
 * for out-of-memory paths and in a forked child. Fallible functions take it
 * last and return -1; success leaves it untouched. */
struct sr_error {
	int status;         /* exit status to report: 125, 126 or 127 */
	int sys_errno;      /* errno captured at the failing call, or 0 */
	char file[512];     /* profile or program the error is about, or "" */
	char path[256];     /* JSON path inside file, or "" */
	char msg[1024];     /* what is wrong and what was expected */
};

/* Set err (status 125) and return -1. */
int sr_fail(struct sr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Same, with errno (captured by the caller) appended as strerror. */
int sr_fail_errno(struct sr_error *err, int sys_errno, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, about a place in a file: "FILE: PATH: message". */
int sr_fail_at(struct sr_error *err, const char *file, const char *path,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prefix the message with context ("loading x: "), keeping the rest. */
void sr_error_prefix(struct sr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Format as "seccomp-run: FILE: PATH: message[: strerror]" without newline,
 * control characters escaped as by sr_escape(). */
void sr_error_format(const struct sr_error *err, char *buf, size_t size);

/* Copy src to dst (size bytes, always terminated) with control characters
 * written as \n, \r, \t or \xHH: messages quote the profile's strings and
 * file names, and must stay one line that cannot drive a terminal. */
void sr_escape(char *dst, size_t size, const char *src);

/* Diagnostics that do not stop the pipeline: warnings from the parser and
 * the compiler, lint findings. Each has a stable short code users can grep. */
enum sr_severity { SR_NOTE, SR_WARNING, SR_ERROR };

struct sr_diag {
	enum sr_severity severity;
	const char *code;   /* static string, e.g. "unknown-key" */
	char *file;
	char *path;         /* JSON path or "" */
	char *msg;
};

struct sr_diags {
	struct sr_diag *v;
	size_t n, cap;
};

void sr_diag_add(struct sr_diags *d, enum sr_severity sev, const char *code,
		 const char *file, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void sr_diags_free(struct sr_diags *d);
size_t sr_diags_count(const struct sr_diags *d, enum sr_severity min);

#endif
