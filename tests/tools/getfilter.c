/* SPDX-License-Identifier: Apache-2.0 */
/*
 * getfilter: the seccomp filter a program really has, as raw bytes.
 *
 *   getfilter [-e N] OUT PROGRAM [ARG...]
 *
 * Runs PROGRAM under ptrace and stops it at its Nth execve (default 2: the
 * first is PROGRAM itself, typically seccomp-run, the second the program it
 * execs once the filter is on). There it writes the most recently loaded
 * filter (PTRACE_SECCOMP_GET_FILTER, index 0: struct sock_filter in host
 * byte order, what the kernel was given) to OUT and kills the child, which
 * never runs a single instruction of its own under the filter.
 *
 * Exit 0 with OUT written; 1 when PROGRAM ended before the Nth exec (its
 * stderr tells why) or has no filter; 2 for a usage error; 3 when this
 * kernel or this process cannot read filters (no CAP_SYS_ADMIN, getfilter
 * itself under seccomp, no CONFIG_CHECKPOINT_RESTORE): a test skips then.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif

static pid_t child = -1;

static void kill_child(void)
{
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = -1;
	}
}

static void die(int status, const char *what)
{
	fprintf(stderr, "getfilter: %s\n", what);
	kill_child();
	exit(status);
}

static void die_errno(int status, const char *what)
{
	fprintf(stderr, "getfilter: %s: %s\n", what, strerror(errno));
	kill_child();
	exit(status);
}

static void write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die_errno(1, path);
	for (const char *p = buf; len;) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno(1, path);
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0)
		die_errno(1, path);
}

/* The kernel copies the filter as it was loaded (its saved original). */
static void dump_filter(const char *out)
{
	long n = ptrace(PTRACE_SECCOMP_GET_FILTER, child, 0L, NULL);
	if (n < 0) {
		/* EACCES: no CAP_SYS_ADMIN or we are filtered ourselves; EIO:
		 * not supported; ENOENT: the tracee has no filter. */
		if (errno == ENOENT)
			die(1, "the program has no seccomp filter at that exec");
		die_errno(3, "PTRACE_SECCOMP_GET_FILTER");
	}
	struct sock_filter *insns = calloc((size_t)n, sizeof(*insns));
	if (!insns)
		die(1, "out of memory");
	long got = ptrace(PTRACE_SECCOMP_GET_FILTER, child, 0L, insns);
	if (got != n)
		die_errno(1, "PTRACE_SECCOMP_GET_FILTER (second call)");
	write_file(out, insns, (size_t)n * sizeof(*insns));
	free(insns);
}

static pid_t start(char **argv)
{
	pid_t pid = fork();
	if (pid < 0)
		die_errno(1, "fork");
	if (pid == 0) {
		/* Stopped before the first exec, so that the tracer can ask
		 * for exec events before there is one. */
		if (ptrace(PTRACE_TRACEME, 0L, 0L, 0L) < 0 || raise(SIGSTOP) != 0)
			_exit(126);
		execvp(argv[0], argv);
		fprintf(stderr, "getfilter: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	int want = 2, opt;
	while ((opt = getopt(argc, argv, "+e:")) != -1) {
		if (opt != 'e' || (want = atoi(optarg)) < 1)
			die(2, "usage: getfilter [-e N] OUT PROGRAM [ARG...]");
	}
	if (argc - optind < 2)
		die(2, "usage: getfilter [-e N] OUT PROGRAM [ARG...]");
	const char *out = argv[optind];

	child = start(argv + optind + 1);
	int status, execs = 0;
	if (waitpid(child, &status, 0) < 0 || !WIFSTOPPED(status))
		die(1, "the child did not stop before its first exec");
	if (ptrace(PTRACE_SETOPTIONS, child, 0L, (long)(PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)) < 0)
		die_errno(3, "PTRACE_SETOPTIONS");

	int sig = 0; /* the initial SIGSTOP is swallowed */
	for (;;) {
		if (ptrace(PTRACE_CONT, child, 0L, (long)sig) < 0)
			die_errno(1, "PTRACE_CONT");
		if (waitpid(child, &status, 0) < 0)
			die_errno(1, "waitpid");
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			child = -1;
			fprintf(stderr, "getfilter: the program %s %d after %d exec%s, "
				"before exec %d\n",
				WIFEXITED(status) ? "exited with status" : "died of signal",
				WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
				execs, execs == 1 ? "" : "s", want);
			return 1;
		}
		sig = 0;
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_EXEC << 8))) {
			if (++execs == want)
				break;
		} else if (WSTOPSIG(status) != SIGTRAP) {
			sig = WSTOPSIG(status); /* a signal for the program: pass it on */
		}
	}
	dump_filter(out);
	kill_child();
	return 0;
}
