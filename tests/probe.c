/* SPDX-License-Identifier: Apache-2.0 */
/*
 * probe: make the system calls named on the command line and say what
 * happened, one line each, so a test can compare what a seccomp filter did.
 *
 *   probe CALL...
 *
 * CALL is one of
 *   NAME                  the syscall NAME with its harmless default arguments
 *   NAME:A0,A1,...        the same with explicit arguments (missing ones take
 *                         the default): decimal, 0x hex, -N (two's complement
 *                         64-bit), or @TEXT for a pointer to the string TEXT
 *   nr:N[:A0,...]         raw syscall number N (default arguments all 0)
 *   i386:NAME|N[:A0,...]  the 32-bit i386 ABI through int 0x80 (x86_64 only)
 *   exec:PATH             execve(PATH) with the remaining CALLs as its
 *                         arguments (so "exec:/probe getpid" re-runs the probe)
 *   fds                   the fds open in /proc/self/fd ("fds=0,1,2")
 *   defaults              the NAMEs this probe knows, one a line as
 *                         "NAME NR A0,A1,A2,A3,A4,A5" (number and default
 *                         arguments, hex): calls a test may make by number
 *   caps                  CapEff and CapBnd from /proc/self/status
 *   status:FIELD          FIELD of /proc/self/status ("NoNewPrivs=1")
 *   sleep:N               sleep N seconds
 *
 * Output: "CALL=OK" when the call returned >= 0, "CALL=ENAME" with the errno
 * name (E<number> for a number without a name) otherwise; CALL is echoed as
 * given. stdout is unbuffered, so the lines before a fatal SIGSYS reach the
 * reader; the status then is the signal, as a shell shows it (159 = SIGSYS).
 * Exit 0 after the last call, 2 for a CALL it cannot parse.
 *
 * The defaults make each call fail or do nothing (bad fd -1, NULL pointers,
 * personality query, clone with an invalid flag set...). A clone or clone3
 * that does create a child has the child _exit(0) at once, reaped by the
 * parent; never pass CLONE_VM.
 *
 * Only libc, and it must link with -static: the static build is the whole
 * rootfs of the runc differential test.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define NARGS 6

struct sc {
	const char *name;
	long nr;
	/* Defaults chosen so the call fails or does nothing without a filter. */
	uint64_t def[NARGS];
};

#define M1 UINT64_MAX /* -1: a bad fd, a bad request */

static const struct sc table[] = {
	{ "read", __NR_read, { M1 } },
	{ "write", __NR_write, { M1 } },
	{ "open", __NR_open, { 0 } },
	{ "openat", __NR_openat, { M1 } },
	{ "openat2", __NR_openat2, { M1 } },
	{ "close", __NR_close, { M1 } },
	{ "close_range", __NR_close_range, { 1, 0, 0 } }, /* first > last: EINVAL */
	{ "dup", __NR_dup, { M1 } },
	{ "dup3", __NR_dup3, { M1, M1 } },
	{ "lseek", __NR_lseek, { M1 } },
	{ "getpid", __NR_getpid, { 0 } },
	{ "getppid", __NR_getppid, { 0 } },
	{ "gettid", __NR_gettid, { 0 } },
	{ "getpgid", __NR_getpgid, { 0 } },
	{ "getsid", __NR_getsid, { 0 } },
	{ "getuid", __NR_getuid, { 0 } },
	{ "geteuid", __NR_geteuid, { 0 } },
	{ "getgid", __NR_getgid, { 0 } },
	{ "getegid", __NR_getegid, { 0 } },
	{ "getcwd", __NR_getcwd, { 0 } },
	{ "getrandom", __NR_getrandom, { 0 } },
	{ "sched_yield", __NR_sched_yield, { 0 } },
	{ "kill", __NR_kill, { 0, 0 } },  /* signal 0 to our own group */
	{ "tkill", __NR_tkill, { 0, 0 } },
	{ "tgkill", __NR_tgkill, { 0, 0, 0 } },
	{ "personality", __NR_personality, { 0xffffffff } }, /* query */
	{ "prctl", __NR_prctl, { M1 } },
	{ "socket", __NR_socket, { M1 } },
	{ "socketpair", __NR_socketpair, { M1 } },
	{ "connect", __NR_connect, { M1 } },
	{ "bind", __NR_bind, { M1 } },
	{ "listen", __NR_listen, { M1 } },
	{ "accept", __NR_accept, { M1 } },
	{ "accept4", __NR_accept4, { M1 } },
	{ "chmod", __NR_chmod, { 0 } },
	{ "fchmod", __NR_fchmod, { M1 } },
	{ "fchmodat", __NR_fchmodat, { M1 } },
	{ "chown", __NR_chown, { 0 } },
	{ "fchown", __NR_fchown, { M1 } },
	{ "mkdir", __NR_mkdir, { 0, 0755 } },
	{ "mkdirat", __NR_mkdirat, { M1, 0, 0755 } },
	{ "rmdir", __NR_rmdir, { 0 } },
	{ "unlink", __NR_unlink, { 0 } },
	{ "unlinkat", __NR_unlinkat, { M1 } },
	{ "rename", __NR_rename, { 0 } },
	{ "access", __NR_access, { 0 } },
	{ "faccessat", __NR_faccessat, { M1 } },
	{ "faccessat2", __NR_faccessat2, { M1 } },
	{ "chdir", __NR_chdir, { 0 } },
	{ "fchdir", __NR_fchdir, { M1 } },
	{ "chroot", __NR_chroot, { 0 } },
	{ "pivot_root", __NR_pivot_root, { 0 } },
	{ "unshare", __NR_unshare, { 0 } },         /* no flags: no-op */
	{ "setns", __NR_setns, { M1 } },
	{ "mount", __NR_mount, { 0 } },
	{ "umount2", __NR_umount2, { 0 } },
	{ "uname", __NR_uname, { 0 } },             /* NULL: EFAULT */
	{ "ioctl", __NR_ioctl, { M1 } },
	{ "fcntl", __NR_fcntl, { M1 } },
	{ "clone", __NR_clone, { 0x800 } },          /* CLONE_SIGHAND w/o VM: EINVAL */
	{ "clone3", __NR_clone3, { 0 } },            /* NULL, size 0: EINVAL */
	{ "ptrace", __NR_ptrace, { M1 } },
	{ "reboot", __NR_reboot, { 0 } },            /* bad magic: EINVAL */
	{ "syslog", __NR_syslog, { 0 } },            /* SYSLOG_ACTION_CLOSE: no-op */
	{ "acct", __NR_acct, { 1 } },                /* bad pointer: EFAULT */
	{ "swapon", __NR_swapon, { 0 } },
	{ "swapoff", __NR_swapoff, { 0 } },
	{ "keyctl", __NR_keyctl, { M1 } },
	{ "add_key", __NR_add_key, { 0 } },
	{ "request_key", __NR_request_key, { 0 } },
	{ "bpf", __NR_bpf, { M1 } },
	{ "perf_event_open", __NR_perf_event_open, { 0 } },
	{ "io_uring_setup", __NR_io_uring_setup, { 0 } },
	{ "userfaultfd", __NR_userfaultfd, { M1 } },
	{ "memfd_create", __NR_memfd_create, { 0 } },
	{ "pidfd_open", __NR_pidfd_open, { 0 } },    /* pid 0: EINVAL */
	{ "pidfd_getfd", __NR_pidfd_getfd, { M1 } },
	{ "pidfd_send_signal", __NR_pidfd_send_signal, { M1 } },
	{ "process_vm_readv", __NR_process_vm_readv, { 0 } },
	{ "kcmp", __NR_kcmp, { 0, 0, M1 } },
	{ "init_module", __NR_init_module, { 0 } },
	{ "finit_module", __NR_finit_module, { M1 } },
	{ "delete_module", __NR_delete_module, { 0 } },
	{ "kexec_load", __NR_kexec_load, { 0, 0, 0, M1 } },
	{ "open_by_handle_at", __NR_open_by_handle_at, { M1 } },
	{ "name_to_handle_at", __NR_name_to_handle_at, { M1 } },
	{ "quotactl", __NR_quotactl, { 0 } },
	{ "setuid", __NR_setuid, { M1 } },           /* -1: EINVAL */
	{ "setgid", __NR_setgid, { M1 } },
	{ "setresuid", __NR_setresuid, { M1, M1, M1 } }, /* all -1: no change */
	{ "capget", __NR_capget, { 0 } },
	{ "capset", __NR_capset, { 0 } },
	{ "seccomp", __NR_seccomp, { M1 } },
	{ "clock_settime", __NR_clock_settime, { M1 } },
	{ "settimeofday", __NR_settimeofday, { 1 } }, /* bad pointer: EFAULT */
	{ "nanosleep", __NR_nanosleep, { 0 } },
	{ "mmap", __NR_mmap, { 0, 0 } },             /* length 0: EINVAL */
	{ "munmap", __NR_munmap, { 0, 0 } },
	{ "mprotect", __NR_mprotect, { 1 } },        /* unaligned: EINVAL */
	{ "madvise", __NR_madvise, { 1 } },
	{ "mbind", __NR_mbind, { 1 } },
	{ "move_pages", __NR_move_pages, { M1 } },
	{ "pipe", __NR_pipe, { 0 } },
	{ "pipe2", __NR_pipe2, { 0 } },
	{ "flock", __NR_flock, { M1 } },
	{ "fstatfs", __NR_fstatfs, { M1 } },
	{ "statx", __NR_statx, { M1 } },
	{ "newfstatat", __NR_newfstatat, { M1 } },
	{ "getdents64", __NR_getdents64, { M1 } },
	{ "execve", __NR_execve, { 0 } },            /* NULL: EFAULT */
	{ "execveat", __NR_execveat, { M1 } },
	{ "wait4", __NR_wait4, { M1 } },             /* no children: ECHILD */
	{ "lookup_dcookie", __NR_lookup_dcookie, { 0 } },
	{ "fanotify_init", __NR_fanotify_init, { M1 } },
	{ "landlock_create_ruleset", __NR_landlock_create_ruleset, { 0, 0, M1 } },
	{ "mount_setattr", __NR_mount_setattr, { M1 } },
	{ "fsopen", __NR_fsopen, { 0 } },
	{ "open_tree", __NR_open_tree, { M1 } },
	{ "move_mount", __NR_move_mount, { M1 } },
	{ "futex_waitv", __NR_futex_waitv, { 0 } },
	{ "process_madvise", __NR_process_madvise, { M1 } },
	{ "epoll_pwait2", __NR_epoll_pwait2, { M1 } },
	{ "memfd_secret", __NR_memfd_secret, { M1 } },
};

#if defined(__x86_64__)
/* i386 numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
static const struct {
	const char *name;
	long nr;
} table32[] = {
	{ "exit", 1 }, { "read", 3 }, { "write", 4 }, { "close", 6 },
	{ "chmod", 15 }, { "getpid", 20 }, { "getuid", 24 }, { "kill", 37 },
	{ "mkdir", 39 }, { "getgid", 47 }, { "geteuid", 49 }, { "getegid", 50 },
	{ "ioctl", 54 }, { "umask", 60 }, { "getppid", 64 }, { "getpgrp", 65 },
	{ "socketcall", 102 }, { "uname", 122 }, { "getpgid", 132 },
	{ "personality", 136 }, { "getuid32", 199 }, { "gettid", 224 },
	{ "socket", 359 }, { "pidfd_open", 434 }, { "clone3", 435 },
};
#endif

/* errno names of the numbers that can come back here; others print E<n>. */
static const char *errname(int e)
{
	static char buf[16];
	const char *n = strerrorname_np(e);

	if (n)
		return n;
	snprintf(buf, sizeof buf, "E%d", e);
	return buf;
}

static void usage_error(const char *call, const char *why)
{
	fprintf(stderr, "probe: %s: %s\n", call, why);
	exit(2);
}

/* Parse "A0,A1,..." into a[]; returns 0 or -1. @TEXT is a pointer to TEXT. */
static int parse_args(char *s, uint64_t a[NARGS])
{
	int i = 0;
	char *tok, *save = NULL;

	if (!s || !*s)
		return 0;
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;

		if (i == NARGS)
			return -1;
		if (tok[0] == '@') {
			a[i++] = (uint64_t)(uintptr_t)(tok + 1);
			continue;
		}
		errno = 0;
		a[i++] = strtoull(tok, &end, 0);
		if (errno || end == tok || *end)
			return -1;
	}
	return 0;
}

static int parse_nr(const char *s, long *nr)
{
	char *end;

	errno = 0;
	*nr = strtol(s, &end, 0);
	return (errno || end == s || *end) ? -1 : 0;
}

static void report(const char *call, long ret, int err)
{
	if (ret >= 0)
		printf("%s=OK\n", call);
	else
		printf("%s=%s\n", call, errname(err));
}

/* clone/fork-like calls: a child that appears must not run the rest. */
static void reap(long nr, long ret)
{
	if (nr != __NR_clone && nr != __NR_clone3 && nr != __NR_fork)
		return;
	if (ret == 0)
		_exit(0);
	if (ret > 0)
		waitpid((pid_t)ret, NULL, __WALL);
}

static void do_native(const char *call, long nr, const uint64_t a[NARGS])
{
	long ret;
	int err;

	errno = 0;
	ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	err = errno;
	reap(nr, ret);
	report(call, ret, err);
}

#if defined(__x86_64__)
static long int80(long nr, const uint64_t a[NARGS])
{
	uint32_t b = (uint32_t)a[0], c = (uint32_t)a[1], d = (uint32_t)a[2];
	uint32_t si = (uint32_t)a[3], di = (uint32_t)a[4], bp = (uint32_t)a[5];
	uint32_t eax = (uint32_t)nr;

	/* Step over the red zone, keep %rbp: it carries the sixth argument. */
	__asm__ volatile("sub $128, %%rsp\n\t"
			 "push %%rbp\n\t"
			 "mov %[bp], %%ebp\n\t"
			 "int $0x80\n\t"
			 "pop %%rbp\n\t"
			 "add $128, %%rsp"
			 : "+a"(eax)
			 : "b"(b), "c"(c), "d"(d), "S"(si), "D"(di), [bp] "r"(bp)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return (long)(int32_t)eax;
}
#endif

static void do_i386(const char *call, char *spec)
{
#if defined(__x86_64__)
	uint64_t a[NARGS] = { 0 };
	char *args = strchr(spec, ':');
	long nr = -1, ret;
	size_t i;

	if (args)
		*args++ = '\0';
	for (i = 0; i < sizeof table32 / sizeof table32[0]; i++)
		if (!strcmp(table32[i].name, spec))
			nr = table32[i].nr;
	if (nr < 0 && parse_nr(spec, &nr))
		usage_error(call, "unknown i386 syscall (use a number)");
	if (parse_args(args, a))
		usage_error(call, "bad arguments");
	ret = int80(nr, a);
	if (ret < 0 && ret >= -4095)
		report(call, -1, (int)-ret);
	else
		report(call, 0, 0);
#else
	(void)spec;
	usage_error(call, "i386 calls need an x86_64 probe");
#endif
}

static void do_defaults(void)
{
	size_t k;
	int i;

	for (k = 0; k < sizeof table / sizeof table[0]; k++) {
		printf("%s %ld ", table[k].name, table[k].nr);
		for (i = 0; i < NARGS; i++)
			printf(i ? ",%#llx" : "%#llx", (unsigned long long)table[k].def[i]);
		putchar('\n');
	}
}

static void do_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int fds[1024], n = 0, i, j, self;

	if (!d) {
		printf("fds=%s\n", errname(errno));
		return;
	}
	self = dirfd(d);
	while ((e = readdir(d)) && n < 1024) {
		if (e->d_name[0] == '.')
			continue;
		if (atoi(e->d_name) != self)
			fds[n++] = atoi(e->d_name);
	}
	closedir(d);
	for (i = 1; i < n; i++) /* insertion sort: a few entries */
		for (j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			int t = fds[j];
			fds[j] = fds[j - 1];
			fds[j - 1] = t;
		}
	fputs("fds=", stdout);
	for (i = 0; i < n; i++)
		printf(i ? ",%d" : "%d", fds[i]);
	putchar('\n');
}

/* Print "FIELD=value" for each FIELD (NULL-terminated) of /proc/self/status. */
static void do_status(const char *call, const char *const *fields)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	int found = 0;

	if (!f) {
		printf("%s=%s\n", call, errname(errno));
		return;
	}
	while (fgets(line, sizeof line, f)) {
		const char *const *k;
		char *v = strchr(line, ':');

		if (!v)
			continue;
		*v++ = '\0';
		for (k = fields; *k; k++)
			if (!strcmp(*k, line))
				break;
		if (!*k)
			continue;
		v += strspn(v, " \t");
		v[strcspn(v, "\n")] = '\0';
		printf("%s=%s\n", line, v);
		found = 1;
	}
	fclose(f);
	if (!found)
		printf("%s=ENOENT\n", call);
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 1; i < argc; i++) {
		char buf[4096], *call = argv[i], *args;
		uint64_t a[NARGS];
		long nr = -1;
		size_t k;

		if (strlen(call) >= sizeof buf)
			usage_error(call, "too long");
		strcpy(buf, call);

		if (!strcmp(buf, "defaults")) {
			do_defaults();
			continue;
		}
		if (!strcmp(buf, "fds")) {
			do_fds();
			continue;
		}
		if (!strcmp(buf, "caps")) {
			static const char *const caps[] = { "CapEff", "CapBnd", NULL };

			do_status(call, caps);
			continue;
		}
		if (!strncmp(buf, "status:", 7)) {
			const char *field[] = { buf + 7, NULL };

			do_status(call, field);
			continue;
		}
		if (!strncmp(buf, "sleep:", 6)) {
			sleep((unsigned)atoi(buf + 6));
			printf("%s=OK\n", call);
			continue;
		}
		if (!strncmp(buf, "exec:", 5)) {
			argv[i] = buf + 5;
			execve(buf + 5, argv + i, environ);
			printf("%s=%s\n", call, errname(errno));
			exit(0);
		}
		if (!strncmp(buf, "i386:", 5)) {
			do_i386(call, buf + 5);
			continue;
		}

		memset(a, 0, sizeof a);
		if (!strncmp(buf, "nr:", 3)) {
			char *n = buf + 3;

			args = strchr(n, ':');
			if (args)
				*args++ = '\0';
			if (parse_nr(n, &nr))
				usage_error(call, "bad syscall number");
		} else {
			args = strchr(buf, ':');
			if (args)
				*args++ = '\0';
			for (k = 0; k < sizeof table / sizeof table[0]; k++)
				if (!strcmp(table[k].name, buf)) {
					nr = table[k].nr;
					memcpy(a, table[k].def, sizeof a);
				}
			if (nr < 0)
				usage_error(call, "unknown syscall name (use nr:N)");
		}
		if (parse_args(args, a))
			usage_error(call, "bad arguments");
		do_native(call, nr, a);
	}
	return 0;
}
