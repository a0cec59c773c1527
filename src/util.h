/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_UTIL_H
#define SR_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Every owned pointer and fd is released by scope; ownership leaves a scope
 * only through steal_ptr()/steal_fd(), which makes the hand-over visible. */
static inline void freep(void *p) { free(*(void **)p); }
static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_(fn) __attribute__((cleanup(fn)))
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)

static inline void *steal_ptr_impl(void *pp)
{
	void **p = pp, *v = *p;
	*p = NULL;
	return v;
}
#define steal_ptr(pp) steal_ptr_impl(pp)
static inline int steal_fd(int *fd)
{
	int v = *fd;
	*fd = -1;
	return v;
}

/* Out of memory is not an error we can report through the normal path with
 * any guarantee, and continuing could mean running unconfined: abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *v (of *cap elements of size) so that one more element fits. */
void *grow(void *v, size_t *cap, size_t n, size_t size);

void strv_free(char **v, size_t n);

/* Strict decimal parsing: digits only, no sign, no space, no junk, in range.
 * Returns false on any deviation. */
bool parse_u64(const char *s, uint64_t *out);
bool parse_uint(const char *s, unsigned max, unsigned *out);

#endif
