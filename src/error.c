/* SPDX-License-Identifier: Apache-2.0 */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static __attribute__((format(printf, 5, 0))) int
vfail(struct sr_error *err, int sys_errno, const char *file, const char *path,
      const char *fmt, va_list ap)
{
	err->status = SR_EXIT_FAILED;
	err->sys_errno = sys_errno;
	copy(err->file, sizeof(err->file), file);
	copy(err->path, sizeof(err->path), path);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int sr_fail(struct sr_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(err, 0, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int sr_fail_errno(struct sr_error *err, int sys_errno, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(err, sys_errno, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int sr_fail_at(struct sr_error *err, const char *file, const char *path,
	       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(err, 0, file, path, fmt, ap);
	va_end(ap);
	return -1;
}

void sr_error_prefix(struct sr_error *err, const char *fmt, ...)
{
	char head[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	size_t hlen = strlen(head), mlen = strlen(err->msg);
	if (hlen + mlen >= sizeof(err->msg))
		mlen = sizeof(err->msg) - 1 - hlen;
	memmove(err->msg + hlen, err->msg, mlen);
	memcpy(err->msg, head, hlen);
	err->msg[hlen + mlen] = '\0';
}

void sr_escape(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	if (!size)
		return;
	for (; *src; src++) {
		unsigned char ch = (unsigned char)*src;
		char esc[5] = { (char)ch, 0 };

		if (ch == '\n' || ch == '\r' || ch == '\t')
			snprintf(esc, sizeof(esc), "\\%c", ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't');
		else if (ch < 0x20 || ch == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", ch);
		size_t len = strlen(esc);
		if (n + len >= size)
			break;
		memcpy(dst + n, esc, len);
		n += len;
	}
	dst[n] = '\0';
}

void sr_error_format(const struct sr_error *err, char *buf, size_t size)
{
	char raw[sizeof(err->file) + sizeof(err->path) + sizeof(err->msg) + 128];

	snprintf(raw, sizeof(raw), "seccomp-run: %s%s%s%s%s%s%s", err->file,
		 err->file[0] ? ": " : "", err->path, err->path[0] ? ": " : "",
		 err->msg, err->sys_errno ? ": " : "",
		 err->sys_errno ? strerror(err->sys_errno) : "");
	sr_escape(buf, size, raw);
}

/* A heap copy of s through sr_escape(): at most 4 bytes per byte. */
static char *escaped(const char *s)
{
	size_t size = strlen(s) * 4 + 1;
	char *out = xmalloc(size);

	sr_escape(out, size, s);
	return out;
}

void sr_diag_add(struct sr_diags *d, enum sr_severity sev, const char *code,
		 const char *file, const char *path, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = xstrdup("(out of memory formatting a diagnostic)");
	va_end(ap);
	d->v = grow(d->v, &d->cap, d->n, sizeof(*d->v));
	d->v[d->n++] = (struct sr_diag){
		.severity = sev,
		.code = code,
		.file = escaped(file ? file : ""),
		.path = escaped(path ? path : ""),
		.msg = escaped(msg),
	};
	free(msg);
}

void sr_diags_free(struct sr_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	*d = (struct sr_diags){ 0 };
}

size_t sr_diags_count(const struct sr_diags *d, enum sr_severity min)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].severity >= min;
	return n;
}
