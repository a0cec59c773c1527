/* SPDX-License-Identifier: Apache-2.0 */
#include "launch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
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

int launch_connect_agent(const char *path, struct sr_error *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path))
		return sr_fail(err, "listenerPath is %zu bytes long, more than a unix socket "
			       "address holds (%zu)", strlen(path), sizeof(sa.sun_path) - 1);
	memcpy(sa.sun_path, path, strlen(path) + 1);
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sr_fail_errno(err, errno, "socket for the seccomp agent");
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		sr_fail_errno(err, errno, "cannot connect to the seccomp agent (listenerPath)");
		snprintf(err->file, sizeof(err->file), "%s", path);
		return -1;
	}
	return steal_fd(&fd);
}

int launch_handoff_filter(const struct sr_bpf *filter, struct sr_handoff *h,
			  struct sr_bpf *out, struct sr_error *err)
{
	if (getrandom(h->cookie, sizeof(h->cookie), 0) != (ssize_t)sizeof(h->cookie))
		return sr_fail_errno(err, errno, "getrandom for the hand-off cookie");
	struct sr_bpf copy = *filter;
	copy.insns = xcalloc(filter->len, sizeof(*copy.insns));
	memcpy(copy.insns, filter->insns, filter->len * sizeof(*copy.insns));
	if (bpf_prepend_handoff(&copy, h->cookie, err) < 0) {
		bpf_free(&copy);
		return -1;
	}
	copy.flags |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
	*out = copy;
	return 0;
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
	uint32_t ret = bpf_run(l->profile_filter ? l->profile_filter : l->filter, &d, NULL);
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL;
	/* A notified execve is the listener's to decide. */
	if (action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG ||
	    (action == SECCOMP_RET_USER_NOTIF && l->handoff))
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

/* Async-signal-safe: runs after the filter is loaded. Inlined into its
 * one caller: a call to a function that does not return is where a
 * sanitizer runtime makes syscalls of its own (sigaltstack). */
static inline __attribute__((always_inline)) void failed_after_load(const char *prefix, int e,
								    int status)
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
	/* exit_group itself, not _exit, which a sanitizer runtime wraps with
	 * syscalls of its own. */
	syscall(SYS_exit_group, status);
	__builtin_unreachable();
}

/* The message is built before the load; only the fd is filled in after. */
struct handoff_msg {
	struct msghdr msg;
	struct iovec iov;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
};

static void handoff_prepare(const struct sr_handoff *h, struct handoff_msg *m)
{
	*m = (struct handoff_msg){
		.iov = { .iov_base = (void *)h->payload, .iov_len = h->len },
	};
	m->msg.msg_iov = &m->iov;
	m->msg.msg_iovlen = 1;
	m->msg.msg_control = m->control.buf;
	m->msg.msg_controllen = sizeof(m->control.buf);
	struct cmsghdr *c = CMSG_FIRSTHDR(&m->msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
}

/* After the load: the one call besides execve, let through by the cookie
 * (bpf_prepend_handoff). MSG_NOSIGNAL: a peer gone is an error to report,
 * not a SIGPIPE. Returns 0 or the errno. */
static int handoff_send(const struct sr_handoff *h, struct handoff_msg *m, int listener)
{
	memcpy(CMSG_DATA(CMSG_FIRSTHDR(&m->msg)), &listener, sizeof(listener));
	for (;;) {
		long n = syscall(SYS_sendmsg, h->sock, &m->msg, MSG_NOSIGNAL, h->cookie[0],
				 h->cookie[1], h->cookie[2]);
		if (n == (long)h->len)
			return 0;
		if (n >= 0)
			return EMSGSIZE;
		if (errno != EINTR)
			return errno;
	}
}

int launch_exec(const struct sr_launch *l, struct sr_error *err)
{
	char prefix[PATH_MAX + 64], shown[PATH_MAX], handoff_prefix[256];
	struct handoff_msg hmsg;
	sr_escape(shown, sizeof(shown), l->path);
	snprintf(prefix, sizeof(prefix), "seccomp-run: %s: execve failed under the filter: ",
		 shown);
	if (l->handoff) {
		snprintf(handoff_prefix, sizeof(handoff_prefix),
			 "seccomp-run: handing the notification fd to %s failed: ", l->handoff->peer);
		handoff_prepare(l->handoff, &hmsg);
	}

	if (check_interpreter(l->path, err) < 0 ||
	    (l->filter && check_exec_allowed(l, err) < 0))
		return -1;
	if (l->handoff && (!l->filter || !(l->filter->flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)))
		return sr_fail(err, "internal error: a hand-off without a listener to hand off");
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
	/* sr_fault makes no syscall: only the hand-off, execve, write and
	 * exit_group here. */
	int e = !l->handoff ? 0 : sr_fault("handoff") ? EPIPE : handoff_send(l->handoff, &hmsg, rc);
	if (e)
		failed_after_load(handoff_prefix, e, SR_EXIT_FAILED);
	e = sr_fault("execve") ? EACCES : (execve(l->path, l->argv, l->envp), errno);
	/* The program was found before the load: whatever failed (a missing
	 * ELF loader, say), it could not be executed. */
	failed_after_load(prefix, e, SR_EXIT_CANNOT_EXEC);
	return -1; /* not reached */
}
