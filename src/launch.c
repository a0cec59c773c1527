/* SPDX-License-Identifier: Apache-2.0 */
#include "launch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fault.h"
#include "names.h"
#include "util.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* glibc's execvp default when PATH is unset. */
#define DEFAULT_PATH "/bin:/usr/bin"

static int not_found(struct sr_error *err, const char *prog, const char *how)
{
	sr_fail_at(err, prog, NULL, "%s", how);
	err->status = SR_EXIT_NOT_FOUND;
	return -1;
}

static int not_executable(struct sr_error *err, const char *prog, int e)
{
	sr_fail_errno(err, e, "cannot execute");
	snprintf(err->file, sizeof(err->file), "%s", prog);
	err->status = SR_EXIT_CANNOT_EXEC;
	return -1;
}

/* 0 if path is an executable regular file, else the errno execve would give. */
static int executable(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (!S_ISREG(st.st_mode) || access(path, X_OK) < 0)
		return EACCES;
	return 0;
}

int launch_find(const char *prog, char **out_path, struct sr_error *err)
{
	if (!*prog)
		return not_found(err, "''", "no such file or directory");
	if (strchr(prog, '/')) {
		int e = executable(prog);
		if (e == ENOENT || e == ENOTDIR)
			return not_found(err, prog, "no such file or directory");
		if (e)
			return not_executable(err, prog, e);
		*out_path = xstrdup(prog);
		return 0;
	}

	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	int denied = 0;
	for (const char *p = path;; p++) {
		size_t n = strcspn(p, ":");
		/* An empty element is the current directory. */
		_cleanup_free_ char *cand = n ? xasprintf("%.*s/%s", (int)n, p, prog)
					      : xasprintf("./%s", prog);
		int e = executable(cand);
		if (!e) {
			*out_path = steal_ptr(&cand);
			return 0;
		}
		if (e == EACCES || e == EISDIR)
			denied = e;
		p += n;
		if (!*p)
			break;
	}
	if (denied)
		return not_executable(err, prog, denied);
	return not_found(err, prog, "command not found in PATH");
}

/* Refuse before loading a filter under which the exec itself would fail:
 * the program could not start, and with a kill action seccomp-run would
 * die of SIGSYS instead of saying why. The verdict is exact: it is the
 * compiled filter run on the very arguments execve will get. */
static int check_exec_allowed(const struct sr_launch *l, struct sr_error *err)
{
	const struct sr_arch *native = sr_arch_native();
	struct seccomp_data d = {
		.nr = SYS_execve,
		.arch = native->audit_arch,
		.args = { (uint64_t)(uintptr_t)l->path, (uint64_t)(uintptr_t)l->argv,
			  (uint64_t)(uintptr_t)l->envp },
	};
	uint32_t ret = bpf_run(l->filter, &d, NULL);
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL;
	if (action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG)
		return 0;

	const char *act = sr_ret_action_name(ret);
	const char *eno = sr_errno_name((int)(ret & SECCOMP_RET_DATA));
	sr_fail_at(err, l->path, NULL,
		   "the profile does not allow execve (it gives %s%s%s%s), so the program "
		   "cannot start; allow execve in the profile",
		   act ? act : "an invalid action",
		   action == SECCOMP_RET_ERRNO ? "(" : "",
		   action == SECCOMP_RET_ERRNO ? (eno ? eno : "?") : "",
		   action == SECCOMP_RET_ERRNO ? ")" : "");
	err->status = SR_EXIT_CANNOT_EXEC;
	return -1;
}

/* A script whose #! interpreter is missing fails execve with ENOENT, which
 * reads as "program not found". Look before the filter goes on, so the
 * message can name what is missing. Unreadable files are left to execve. */
static int check_interpreter(const char *path, struct sr_error *err)
{
	char line[PATH_MAX + 3];
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, line, sizeof(line) - 1);
	if (n < 2 || line[0] != '#' || line[1] != '!')
		return 0;
	line[n] = '\0';
	char *interp = line + 2 + strspn(line + 2, " \t");
	interp[strcspn(interp, " \t\n")] = '\0';
	int e = *interp ? executable(interp) : ENOEXEC;
	if (!e)
		return 0;
	sr_fail_errno(err, e, "cannot execute: its #! interpreter '%s' cannot be run", interp);
	snprintf(err->file, sizeof(err->file), "%s", path);
	err->status = SR_EXIT_CANNOT_EXEC;
	return -1;
}

static int mark_cloexec_from(unsigned first, struct sr_error *err)
{
	if ((sr_fault("close-fds") ? (errno = ENOSYS, -1)
	     : syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC)) == 0)
		return 0;
	/* Kernels before 5.11: walk /proc/self/fd. */
	DIR *dir = sr_fault("close-fds") ? (errno = ENOENT, (DIR *)NULL) : opendir("/proc/self/fd");
	if (!dir)
		return sr_fail_errno(err, errno, "--close-fds: cannot list /proc/self/fd");
	int self = dirfd(dir);
	for (struct dirent *de; (de = readdir(dir));) {
		unsigned fd;
		if (!parse_uint(de->d_name, INT_MAX, &fd) || fd < first || (int)fd == self)
			continue;
		int flags = fcntl((int)fd, F_GETFD);
		if (flags >= 0)
			fcntl((int)fd, F_SETFD, flags | FD_CLOEXEC);
	}
	closedir(dir);
	return 0;
}

static size_t append(char *buf, size_t n, size_t size, const char *s)
{
	while (*s && n + 1 < size)
		buf[n++] = *s++;
	buf[n] = '\0';
	return n;
}

/* Async-signal-safe: runs after the filter is loaded. */
static void exec_failed(const char *prefix, int e)
{
	char buf[PATH_MAX + 256], num[16];
	size_t n = append(buf, 0, sizeof(buf), prefix);
	const char *name = sr_errno_name(e);
	size_t i = sizeof(num) - 1;
	num[i] = '\0';
	for (unsigned v = (unsigned)e; i > 0;) {
		num[--i] = (char)('0' + v % 10);
		if (!(v /= 10))
			break;
	}
	n = append(buf, n, sizeof(buf), name ? name : "errno");
	n = append(buf, n, sizeof(buf), " (errno ");
	n = append(buf, n, sizeof(buf), num + i);
	n = append(buf, n, sizeof(buf), ")\n");
	ssize_t unused = write(STDERR_FILENO, buf, n);
	(void)unused;
	/* The program was found before the load: whatever failed (a missing
	 * ELF loader, say), it could not be executed. exit_group itself, not
	 * _exit, which a sanitizer runtime wraps with syscalls of its own. */
	syscall(SYS_exit_group, SR_EXIT_CANNOT_EXEC);
	__builtin_unreachable();
}

int launch_exec(const struct sr_launch *l, struct sr_error *err)
{
	char prefix[PATH_MAX + 64], shown[PATH_MAX];
	sr_escape(shown, sizeof(shown), l->path);
	snprintf(prefix, sizeof(prefix), "seccomp-run: %s: execve failed under the filter: ",
		 shown);

	if (check_interpreter(l->path, err) < 0 ||
	    (l->filter && check_exec_allowed(l, err) < 0))
		return -1;
	if (l->close_fds && mark_cloexec_from(3 + l->preserve_fds, err) < 0)
		return -1;
	if (l->no_new_privs && (sr_fault("nnp") ? (errno = EINVAL, -1)
				: prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) < 0)
		return sr_fail_errno(err, errno, "prctl(PR_SET_NO_NEW_PRIVS)");

	if (!l->filter) {
		int e = sr_fault("execve-unconfined") ? EACCES
			: (execve(l->path, l->argv, l->envp), errno);
		return not_executable(err, l->path, e);
	}

	/* The filter goes on last: from here only execve runs in seccomp-run,
	 * so the profile sees nothing but the program's own behaviour. */
	int rc = bpf_load(l->filter);
	if (rc == -EINVAL && l->filter->optional_flags) {
		/* Flags we chose (not the profile) that this kernel lacks. */
		struct sr_bpf plain = *l->filter;
		plain.flags &= ~plain.optional_flags;
		rc = bpf_load(&plain);
	}
	if (rc < 0) {
		sr_fail_errno(err, -rc, "loading the filter with seccomp(2)%s",
			      rc == -EACCES ? " (without no_new_privs this needs CAP_SYS_ADMIN)"
			      : rc == -EINVAL ? " (the kernel refused the program or its flags)" : "");
		return -1;
	}
	/* sr_fault makes no syscall: only execve, write and exit_group here. */
	int e = sr_fault("execve") ? EACCES : (execve(l->path, l->argv, l->envp), errno);
	exec_failed(prefix, e);
	return -1; /* not reached */
}
