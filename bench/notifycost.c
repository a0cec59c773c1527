/* SPDX-License-Identifier: Apache-2.0 */
/* srbench notifycost [-r ROUNDS] [-n CALLS] SECCOMP-RUN DIR: ns per
 * syscall of one workload (srbench syswork: CALLS getppid in a loop, timed
 * inside the process, start-up excluded) run plainly, under run, under
 * trace (allowed and denied calls), under record, and under
 * strace -f -o /dev/null. Rounds go round-robin over the variants; the
 * median is kept. DIR receives the profiles and record's output.
 *
 * srbench syswork CALLS: the workload; prints ns per call. */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ROUNDS 64
#define MAX_ARGS 20

int cmd_syswork(int argc, char **argv)
{
	if (argc != 2)
		die("usage: syswork CALLS");
	unsigned long n = strtoul(argv[1], NULL, 10);
	for (unsigned long i = 0; i < n / 10; i++) /* warm caches and predictors */
		syscall(SYS_getppid);
	double t0 = now_ns();
	for (unsigned long i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("%.1f\n", (now_ns() - t0) / (double)n);
	return 0;
}

struct variant {
	const char *label;
	const char *argv[MAX_ARGS];
	double ns[MAX_ROUNDS];
	bool failed;
};

/* ns per call the workload printed, or a negative value when the variant
 * could not run (strace missing). */
static double run_once(struct variant *v)
{
	int p[2];
	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execvp(v->argv[0], (char *const *)v->argv);
		_exit(127);
	}
	close(p[1]);
	char buf[64] = "";
	ssize_t r = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) || r <= 0)
		return -1;
	buf[r] = '\0';
	return strtod(buf, NULL);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

int cmd_notifycost(int argc, char **argv)
{
	unsigned rounds = 5;
	const char *calls = "20000";
	int opt;
	optind = 1;
	while ((opt = getopt(argc, argv, "r:n:")) != -1) {
		if (opt == 'r')
			rounds = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'n')
			calls = optarg;
		else
			die("usage: notifycost [-r ROUNDS] [-n CALLS] SECCOMP-RUN DIR");
	}
	if (optind != argc - 2 || !rounds || rounds > MAX_ROUNDS)
		die("usage: notifycost [-r ROUNDS] [-n CALLS] SECCOMP-RUN DIR");
	const char *sr = argv[optind], *dir = argv[optind + 1];
	char self[4096], deny[4096], rec[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		die("readlink /proc/self/exe: %s", strerror(errno));
	self[len] = '\0';
	snprintf(deny, sizeof(deny), "%s/notify-deny.json", dir);
	snprintf(rec, sizeof(rec), "%s/notify-record.json", dir);
	write_file(deny, "{ \"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [ { \"names\": "
			 "[\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\" } ] }\n");

#define WORK self, "syswork", calls
#define V(name, ...) { .label = (name), .argv = { __VA_ARGS__ } }
	struct variant v[] = {
		V("no filter", WORK),
		V("run, Docker's default (allowed, cacheable)", sr, "-p", "runtime/default", "--", WORK),
		V("trace, Docker's default (allowed)",
		  sr, "trace", "-q", "--log", "/dev/null", "-p", "runtime/default", "--", WORK),
		V("run, getppid denied (EPERM)", sr, "-p", deny, "--", WORK),
		V("trace, getppid denied: each call reported",
		  sr, "trace", "-q", "--log", "/dev/null", "-p", deny, "--", WORK),
		V("trace --permissive, getppid denied: reported, let through",
		  sr, "trace", "-q", "--permissive", "--log", "/dev/null", "-p", deny, "--", WORK),
		V("record: every call notified", sr, "record", "-q", "-o", rec, "--", WORK),
		V("strace -f -o /dev/null", "strace", "-f", "-o", "/dev/null", WORK),
	};
#undef V
#undef WORK
	const size_t nv = sizeof(v) / sizeof(v[0]);
	enum { PLAIN = 0, TRACE_ALLOWED = 2, TRACE_DENIED = 4, RECORD = 6, STRACE = 7 };

	for (unsigned r = 0; r < rounds; r++)
		for (size_t k = 0; k < nv; k++) {
			struct variant *x = &v[(k + r) % nv];
			if (x->failed)
				continue;
			x->ns[r] = run_once(x);
			x->failed = x->ns[r] < 0;
		}

	double med[sizeof(v) / sizeof(v[0])];
	for (size_t i = 0; i < nv; i++) {
		sort_doubles(v[i].ns, rounds);
		med[i] = v[i].failed ? -1 : quantile(v[i].ns, rounds, 0.5);
	}
	double plain = med[PLAIN], strace = med[STRACE] - plain;
	printf("| how the %s calls run | ns per call | added, ns | added / strace -f's |\n"
	       "|---|---:|---:|---:|\n", calls);
	for (size_t i = 0; i < nv; i++) {
		if (v[i].failed) {
			printf("| %s | n/a | | |\n", v[i].label);
			continue;
		}
		printf("| %s | %.0f | %s%.0f | ", v[i].label, med[i], i ? "+" : "",
		       i ? med[i] - plain : 0.0);
		if (i && !v[STRACE].failed)
			printf("%.2f |\n", (med[i] - plain) / strace);
		else
			printf(" |\n");
	}

	const char *peer = v[STRACE].failed ? "n/a" : "";
	char peer_ns[64];
	snprintf(peer_ns, sizeof(peer_ns), "strace -f: %.0f", strace);
	const struct {
		const char *figure;
		size_t i;
		bool target;
	} rows[] = {
		{ "trace: ns added per allowed call (Docker's default)", TRACE_ALLOWED, false },
		{ "trace: ns added per denied call, reported", TRACE_DENIED, true },
		{ "record: ns added per call", RECORD, true },
	};
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		double added = med[rows[k].i] - plain;
		bool met = !v[STRACE].failed && added <= strace;
		if (v[rows[k].i].failed)
			summary_row("| %s | n/a | | | |", rows[k].figure);
		else if (rows[k].target)
			summary_row("| %s | %.0f | %s | ≤ strace -f | %s |", rows[k].figure, added,
				    *peer ? peer : peer_ns, v[STRACE].failed ? "n/a" : met ? "met" : "NOT met");
		else
			summary_row("| %s | %.0f | | | |", rows[k].figure, added);
	}
	return 0;
}
