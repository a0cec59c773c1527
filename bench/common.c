/* SPDX-License-Identifier: Apache-2.0 */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void die(const char *fmt, ...)
{
	va_list ap;
	fputs("srbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void summary_row(const char *fmt, ...)
{
	const char *path = getenv("BENCH_SUMMARY");
	FILE *f = path && *path ? fopen(path, "a") : NULL;
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

void bench_stages(struct sr_stages *st, const char *ref, const char *caps,
		  bool no_enosys, enum sr_stage upto)
{
	struct sr_options o = {
		.verb = SR_VERB_EXPORT,
		.profile = ref,
		.root = SR_DEFAULT_ROOT,
		.caps = caps,
		.no_enosys = no_enosys,
		.no_new_privs = true,
	};
	struct sr_error err = { 0 };
	if (stages_run(st, &o, ref, upto, &err) < 0) {
		char msg[2048];
		sr_error_format(&err, msg, sizeof(msg));
		die("%s", msg);
	}
	if (st->unconfined)
		die("%s: unconfined, nothing to measure", ref);
}

double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void sort_doubles(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

double quantile(const double *sorted, size_t n, double q)
{
	if (!n)
		return 0;
	/* Nearest rank: the median of an even count is the upper middle
	 * value, a real sample rather than an average of two. */
	size_t i = (size_t)(q * (double)n);
	return sorted[i < n ? i : n - 1];
}

int bpf_write_file(const struct sr_bpf *prog, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	size_t size = prog->len * sizeof(*prog->insns);
	ssize_t w = write(fd, prog->insns, size);
	int e = w < 0 ? errno : (size_t)w != size ? EIO : 0;
	if (close(fd) < 0 && !e)
		e = errno;
	return -e;
}
