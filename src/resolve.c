/* SPDX-License-Identifier: Apache-2.0 */
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "util.h"

void source_free(struct sr_source *src)
{
	free(src->path);
	free(src->hint);
	*src = (struct sr_source){ 0 };
}

/* kubelet's validateLocalDescendingPath: relative, and no element is "..".
 * Everything else (./x, a//b, ..foo) is allowed, as there. */
static int check_descending(const char *ref, const char *name,
			    struct sr_error *err)
{
	if (!*name)
		return sr_fail(err, "profile reference '%s': empty name", ref);
	if (name[0] == '/')
		return sr_fail(err,
			       "profile reference '%s': a name under the root must be relative "
			       "(use an absolute path without localhost/ to name any file)",
			       ref);
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return sr_fail(err,
				       "profile reference '%s': '..' is not allowed in a name under the root",
				       ref);
		p += n;
		p += *p == '/';
	}
	return 0;
}

/* dir + "/" + rel with "." and empty elements dropped, like filepath.Join. */
static char *join_clean(const char *dir, const char *rel)
{
	size_t cap = strlen(dir) + strlen(rel) + 2, n = strlen(dir);
	char *out = xmalloc(cap);
	memcpy(out, dir, n);
	while (n > 1 && out[n - 1] == '/')
		n--;
	for (const char *p = rel; *p;) {
		size_t len = strcspn(p, "/");
		if (len && !(len == 1 && p[0] == '.')) {
			if (!(n == 1 && out[0] == '/'))
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
		p += *p == '/';
	}
	out[n] = '\0';
	return out;
}

static char *absolute(const char *path)
{
	char cwd[PATH_MAX];
	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return xstrdup(path);
	return join_clean(cwd, path);
}

int resolve_reference(const char *ref, const char *root, struct sr_source *out,
		      struct sr_error *err)
{
	*out = (struct sr_source){ 0 };
	if (!ref || !*ref)
		return sr_fail(err, "empty profile reference");

	if (strcmp(ref, "unconfined") == 0) {
		*out = (struct sr_source){ SR_SOURCE_UNCONFINED, xstrdup(ref), NULL };
		return 0;
	}
	if (strcmp(ref, "runtime/default") == 0 || strcmp(ref, "docker/default") == 0) {
		*out = (struct sr_source){ SR_SOURCE_BUILTIN, xstrdup(ref), NULL };
		return 0;
	}
	if (strcmp(ref, "-") == 0) {
		*out = (struct sr_source){ SR_SOURCE_STDIN, xstrdup("<stdin>"), NULL };
		return 0;
	}
	if (ref[0] == '/' || strncmp(ref, "./", 2) == 0 || strncmp(ref, "../", 3) == 0) {
		*out = (struct sr_source){ SR_SOURCE_FILE, absolute(ref), NULL };
		return 0;
	}

	const char *name = ref;
	if (strncmp(ref, "localhost/", 10) == 0)
		name = ref + 10;
	if (check_descending(ref, name, err) < 0)
		return -1;
	_cleanup_free_ char *abs_root = absolute(root && *root ? root : SR_DEFAULT_ROOT);
	*out = (struct sr_source){ SR_SOURCE_FILE, join_clean(abs_root, name), xstrdup(name) };
	return 0;
}

static int too_big(struct sr_error *err, const char *what, const char *kind, size_t max)
{
	return sr_fail_at(err, what, NULL, "larger than %zu bytes, the most a %s may have",
			  max, kind);
}

/* Read at most limit bytes; more is an error, so /dev/zero or a huge file
 * cannot exhaust memory. */
static int read_bounded(int fd, const char *what, size_t max, const char *kind,
			char **text, size_t *len, struct sr_error *err)
{
	size_t cap = 0, n = 0;
	_cleanup_free_ char *buf = NULL;
	for (;;) {
		if (n == cap) {
			if (cap > max)
				return too_big(err, what, kind, max);
			cap = cap ? cap * 2 : 16384;
			/* One byte past the limit is enough to know. */
			if (cap > max + 1)
				cap = max + 1;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			sr_fail_errno(err, e, "cannot read");
			snprintf(err->file, sizeof(err->file), "%s", what);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max)
		return too_big(err, what, kind, max);
	buf[n] = '\0';
	*text = steal_ptr(&buf);
	*len = n;
	return 0;
}

static const char profile_kind[] = "profile";

int read_path(const char *path, const char *kind, size_t max, char **text, size_t *len,
	      struct sr_error *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		sr_fail_errno(err, errno, "cannot open %s", kind);
		snprintf(err->file, sizeof(err->file), "%s", path);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		sr_fail_errno(err, errno, "cannot stat %s", kind);
		snprintf(err->file, sizeof(err->file), "%s", path);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return sr_fail_at(err, path, NULL, "is a directory, expected a %s file", kind);
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
		return too_big(err, path, kind, max);
	return read_bounded(fd, path, max, kind, text, len, err);
}

int source_read(const struct sr_source *src, char **text, size_t *len,
		struct sr_error *err)
{
	switch (src->kind) {
	case SR_SOURCE_BUILTIN:
		*text = xstrndup(sr_builtin_default, sr_builtin_default_len);
		*len = sr_builtin_default_len;
		return 0;
	case SR_SOURCE_STDIN:
		return read_bounded(STDIN_FILENO, src->path, SR_PROFILE_MAX_BYTES, profile_kind,
				    text, len, err);
	case SR_SOURCE_UNCONFINED:
		return sr_fail(err, "internal error: no text for 'unconfined'");
	case SR_SOURCE_FILE:
		break;
	}

	if (read_path(src->path, profile_kind, SR_PROFILE_MAX_BYTES, text, len, err) == 0)
		return 0;
	/* kubelet's names are relative to the root: point at a file of that
	 * name here, which is what the user probably meant. */
	if (err->sys_errno == ENOENT && src->hint && access(src->hint, F_OK) == 0)
		snprintf(err->msg, sizeof(err->msg), "cannot open %s (did you mean ./%s?)",
			 profile_kind, src->hint);
	return -1;
}
