/* SPDX-License-Identifier: Apache-2.0 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "util.h"

static int fail_file(struct sr_error *err, int e, const char *path, const char *what)
{
	sr_fail_errno(err, e, "%s", what);
	snprintf(err->file, sizeof(err->file), "%s", path);
	return -1;
}

static int write_all(int fd, const char *buf, size_t len)
{
	if (sr_fault("export-write")) {
		errno = ENOSPC;
		return -1;
	}
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* It cannot be replaced by a rename, and replacing it would be wrong. */
static int write_in_place(const char *path, const char *buf, size_t len,
			  const char *tty_refusal, struct sr_error *err)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY,
				      0644);
	if (fd < 0)
		return fail_file(err, errno, path, "cannot open for writing");
	if (tty_refusal && isatty(fd))
		return sr_fail(err, "%s", tty_refusal);
	if (write_all(fd, buf, len) < 0)
		return fail_file(err, errno, path, "writing failed");
	if (close(steal_fd(&fd)) < 0)
		return fail_file(err, errno, path, "writing failed");
	return 0;
}

static mode_t current_umask(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return mask;
}

static int fill_temp(int fd, const char *buf, size_t len)
{
	if (fchmod(fd, 0644 & ~current_umask()) < 0 || write_all(fd, buf, len) < 0 ||
	    fsync(fd) < 0)
		return -1;
	return 0;
}

static int write_replacing(const char *path, const char *buf, size_t len, struct sr_error *err)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	_cleanup_free_ char *tmp = xasprintf("%.*s.seccomp-run.XXXXXX", dirlen, path);
	_cleanup_close_ int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return fail_file(err, errno, path, "cannot create a temporary file next to it");

	int rc = 0;
	if (fill_temp(fd, buf, len) < 0 || close(steal_fd(&fd)) < 0)
		rc = fail_file(err, errno, path, "writing failed");
	else if (rename(tmp, path) < 0)
		rc = fail_file(err, errno, path, "cannot replace");
	if (rc < 0)
		unlink(tmp);
	return rc;
}

int outfile_write(const char *path, const char *buf, size_t len, const char *tty_refusal,
		  struct sr_error *err)
{
	struct stat st;
	if (lstat(path, &st) == 0 ? !S_ISREG(st.st_mode) : errno != ENOENT)
		return write_in_place(path, buf, len, tty_refusal, err);
	return write_replacing(path, buf, len, err);
}
