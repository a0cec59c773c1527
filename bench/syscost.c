/* SPDX-License-Identifier: Apache-2.0 */
/* srbench syscost [-r ROUNDS] [-s SCALE] OURS.bpf PEER.bpf: ns per call of
 * a few syscalls with no filter, under OURS and under PEER. Each
 * measurement runs in a fresh child that loads its filter with seccomp(2)
 * (no_new_privs first) and reports over a pipe; rounds go round-robin over
 * the three variants and the median is kept. */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NVARIANTS 3
#define MAX_ROUNDS 64

struct op {
	const char *label;
	unsigned iters;   /* per round at scale 1 */
	void (*fn)(void);
};

/* syscall(2) throughout: no libc caching or wrapper logic in the way. */
static void op_getppid(void) { syscall(SYS_getppid); }
static void op_personality(void) { syscall(SYS_personality, 0xffffffffUL); }
static void op_socket(void)
{
	long fd = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	if (fd >= 0)
		syscall(SYS_close, fd);
}
/* Denied by Docker's default without CAP_SYS_BOOT. Unfiltered the kernel
 * turns it down itself: zero magic numbers are refused before anything
 * happens, whatever our privileges. */
static void op_denied(void) { syscall(SYS_reboot, 0, 0, 0, NULL); }

static const struct op ops[] = {
	{ "getppid (cacheable)", 200000, op_getppid },
	{ "personality(0xffffffff) (arg check)", 200000, op_personality },
	{ "socket(AF_UNIX, SOCK_STREAM) + close (arg check)", 20000, op_socket },
	{ "reboot(0, 0, 0, 0) (denied: EPERM)", 200000, op_denied },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static const char *const variant_label[NVARIANTS] = { "unfiltered", "ours", "libseccomp" };

static void child(int wfd, const struct sr_bpf *prog, unsigned scale)
{
	double ns[NOPS];
	if (prog) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(2);
		/* Both with the flags run gives a --bpf file (SPEC_ALLOW where
		 * the kernel has it): only the programs differ. */
		struct sr_bpf p = *prog;
		int rc = bpf_load(&p);
		if (rc == -EINVAL && p.optional_flags) {
			p.flags &= ~p.optional_flags;
			rc = bpf_load(&p);
		}
		if (rc < 0)
			_exit(3);
	}
	for (size_t i = 0; i < NOPS; i++) {
		unsigned n = ops[i].iters * scale / 10;
		for (unsigned k = 0; k < n / 10; k++)   /* warm caches and predictors */
			ops[i].fn();
		double t0 = now_ns();
		for (unsigned k = 0; k < n; k++)
			ops[i].fn();
		ns[i] = (now_ns() - t0) / n;
	}
	_exit(write(wfd, ns, sizeof(ns)) == (ssize_t)sizeof(ns) ? 0 : 4);
}

static void one_round(const struct sr_bpf *progs[NVARIANTS], size_t v, unsigned scale,
		      double out[NOPS])
{
	int p[2];
	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(p[0]);
		child(p[1], progs[v], scale);
	}
	close(p[1]);
	ssize_t r = read(p[0], out, NOPS * sizeof(double));
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	if (r != (ssize_t)(NOPS * sizeof(double)) || !WIFEXITED(status) || WEXITSTATUS(status))
		die("%s: measuring child failed (status %#x)", variant_label[v], (unsigned)status);
}

int cmd_syscost(int argc, char **argv)
{
	unsigned rounds = 9, scale = 10;
	int opt;
	optind = 1;
	while ((opt = getopt(argc, argv, "r:s:")) != -1) {
		if (opt == 'r')
			rounds = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 's')
			scale = (unsigned)strtoul(optarg, NULL, 10);
		else
			die("usage: syscost [-r ROUNDS] [-s SCALE/10] OURS.bpf PEER.bpf");
	}
	if (optind != argc - 2 || !rounds || rounds > MAX_ROUNDS || !scale)
		die("usage: syscost [-r ROUNDS] [-s SCALE/10] OURS.bpf PEER.bpf");

	struct sr_bpf ours, peer;
	struct sr_error err = { 0 };
	if (bpf_read_file(argv[optind], &ours, &err) < 0 ||
	    bpf_read_file(argv[optind + 1], &peer, &err) < 0)
		die("%s", err.msg);
	const struct sr_bpf *progs[NVARIANTS] = { NULL, &ours, &peer };

	static double samples[NVARIANTS][NOPS][MAX_ROUNDS];
	for (unsigned r = 0; r < rounds; r++)
		for (size_t k = 0; k < NVARIANTS; k++) {
			size_t v = (k + r) % NVARIANTS;
			double out[NOPS];
			one_round(progs, v, scale, out);
			for (size_t i = 0; i < NOPS; i++)
				samples[v][i][r] = out[i];
		}

	printf("| syscall | unfiltered, ns | ours, ns | ours / unfiltered | libseccomp "
	       "defaults, ns | libseccomp / unfiltered |\n"
	       "|---|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NOPS; i++) {
		double med[NVARIANTS];
		for (size_t v = 0; v < NVARIANTS; v++) {
			sort_doubles(samples[v][i], rounds);
			med[v] = quantile(samples[v][i], rounds, 0.5);
		}
		printf("| %s | %.0f | %.0f | %.2f | %.0f | %.2f |\n", ops[i].label, med[0], med[1],
		       med[1] / med[0], med[2], med[2] / med[0]);
		summary_row("| ns per call, %s; unfiltered %.0f | %.0f (×%.2f) | %.0f (×%.2f) | | |",
			    ops[i].label, med[0], med[1], med[1] / med[0], med[2], med[2] / med[0]);
	}
	bpf_free(&ours);
	bpf_free(&peer);
	return 0;
}
