/* SPDX-License-Identifier: Apache-2.0 */
/* srbench spawn [-n N] [-w W] SPECFILE: wall time of fork+exec+wait of each
 * command in SPECFILE, interleaved round-robin so that whatever else the
 * machine does falls on every variant alike; the first W rounds warm the
 * page cache and are discarded. Prints the start-up rows of the table.
 *
 * SPECFILE lines are KIND|LABEL|ARGV, ARGV split at spaces. KIND:
 *   base   the bare program: its median is subtracted from every other row
 *   warm   target: adds at most 0.7 ms
 *   cold   target: adds at most the peer's time + 1 ms
 *   peer   the baseline cold rows are held to
 *   floor  the least any wrapper adds (one exec more): shown, and
 *          subtracted in a column of its own
 *   info   no target
 *   na     not measured: ARGV is printed as the reason */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define MAX_VARIANTS 24
#define MAX_ARGS 32

struct variant {
	char kind[8];
	char label[128];
	char *argv[MAX_ARGS + 1];
	double *samples;
	double median, p90;
};

struct spec {
	struct variant v[MAX_VARIANTS];
	size_t n;
};

static void split_args(struct variant *v, char *s)
{
	size_t n = 0;
	for (char *tok = strtok(s, " \n"); tok && n < MAX_ARGS; tok = strtok(NULL, " \n"))
		v->argv[n++] = xstrdup(tok);
	v->argv[n] = NULL;
}

static void read_spec(const char *path, struct spec *sp)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	if (!f)
		die("%s: %s", path, strerror(errno));
	sp->n = 0;
	while (fgets(line, sizeof(line), f) && sp->n < MAX_VARIANTS) {
		char *kind = line, *label = strchr(kind, '|'), *args;
		if (!label || !(args = strchr(label + 1, '|')))
			continue;
		*label++ = '\0';
		*args++ = '\0';
		struct variant *v = &sp->v[sp->n++];
		snprintf(v->kind, sizeof(v->kind), "%.7s", kind);
		snprintf(v->label, sizeof(v->label), "%.127s", label);
		if (strcmp(kind, "na") == 0) {
			args[strcspn(args, "\n")] = '\0';
			v->argv[0] = xstrdup(args);
			v->argv[1] = NULL;
		} else {
			split_args(v, args);
		}
	}
	fclose(f);
}

/* One fork+exec+wait, in ns. Output goes to /dev/null except in the first
 * warm-up round, where a failing variant can say why before we stop. */
static double run_once(const struct variant *v, bool quiet)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	extern char **environ;
	pid_t pid;
	int status;
	double t0 = now_ns();
	int rc = posix_spawn(&pid, v->argv[0], &fa, NULL, v->argv, environ);
	if (rc == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	double t1 = now_ns();
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		die("%s: posix_spawn %s: %s", v->label, v->argv[0], strerror(rc));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s: exit status %#x", v->label, (unsigned)status);
	return t1 - t0;
}

static bool measured(const struct variant *v)
{
	return strcmp(v->kind, "na") != 0;
}

static void measure(struct spec *sp, unsigned n, unsigned warm)
{
	for (size_t i = 0; i < sp->n; i++)
		sp->v[i].samples = xcalloc(n, sizeof(double));
	for (unsigned r = 0; r < warm + n; r++) {
		/* Rotate the order too, so no variant always follows the same
		 * neighbour. */
		for (size_t k = 0; k < sp->n; k++) {
			struct variant *v = &sp->v[(k + r) % sp->n];
			if (!measured(v))
				continue;
			double t = run_once(v, r > 0);
			if (r >= warm)
				v->samples[r - warm] = t;
		}
	}
	for (size_t i = 0; i < sp->n; i++) {
		struct variant *v = &sp->v[i];
		sort_doubles(v->samples, n);
		v->median = quantile(v->samples, n, 0.5);
		v->p90 = quantile(v->samples, n, 0.9);
	}
}

static const struct variant *find_kind(const struct spec *sp, const char *kind)
{
	for (size_t i = 0; i < sp->n; i++)
		if (strcmp(sp->v[i].kind, kind) == 0)
			return &sp->v[i];
	return NULL;
}

struct refs {
	double base;                 /* median of the bare program */
	const struct variant *peer, *floor;
};

static void print_row(const struct variant *v, const struct refs *r)
{
	if (!measured(v)) {
		printf("| %s | %s | | | | |\n", v->label, v->argv[0]);
		summary_row("| start-up: %s | %s | | | |", v->label, v->argv[0]);
		return;
	}
	if (strcmp(v->kind, "base") == 0) {
		printf("| %s (absolute) | %.3f | %.3f | | | |\n", v->label, v->median / 1e6,
		       v->p90 / 1e6);
		return;
	}
	double add = (v->median - r->base) / 1e6, add90 = (v->p90 - r->base) / 1e6;
	double peer_add = r->peer ? (r->peer->median - r->base) / 1e6 : 0;
	char target[64] = "", peer_col[32] = "", over[32] = "";
	const char *verdict = "";
	if (strcmp(v->kind, "warm") == 0) {
		snprintf(target, sizeof(target), "≤ 0.7");
		verdict = add <= 0.7 ? "met" : "NOT met";
	} else if (strcmp(v->kind, "cold") == 0 && r->peer) {
		snprintf(target, sizeof(target), "≤ peer + 1 = %.2f", peer_add + 1.0);
		snprintf(peer_col, sizeof(peer_col), "%+.2f", peer_add);
		verdict = add <= peer_add + 1.0 ? "met" : "NOT met";
	}
	if (r->floor && v != r->floor)
		snprintf(over, sizeof(over), "%+.3f", (v->median - r->floor->median) / 1e6);
	printf("| %s | %+.3f | %+.3f | %s | %s | %s |\n", v->label, add, add90, over, target,
	       verdict);
	if (strcmp(v->kind, "peer") == 0)
		return;
	char cell[96];
	if (*over)
		snprintf(cell, sizeof(cell), "%+.2f (p90 %+.2f; over the floor %+.2f)", add, add90,
			 (v->median - r->floor->median) / 1e6);
	else
		snprintf(cell, sizeof(cell), "%+.2f (p90 %+.2f)", add, add90);
	summary_row("| start-up: %s, ms added | %s | %s | %s | %s |", v->label, cell, peer_col,
		    target, verdict);
}

int cmd_spawn(int argc, char **argv)
{
	unsigned n = 200, warm = 5;
	int opt;
	optind = 1;
	while ((opt = getopt(argc, argv, "n:w:")) != -1) {
		if (opt == 'n')
			n = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'w')
			warm = (unsigned)strtoul(optarg, NULL, 10);
		else
			die("usage: spawn [-n N] [-w W] SPECFILE");
	}
	if (optind != argc - 1 || n == 0 || warm == 0)
		die("usage: spawn [-n N] [-w W] SPECFILE");
	struct spec sp;
	read_spec(argv[optind], &sp);
	const struct variant *base = find_kind(&sp, "base");
	if (!base)
		die("%s: no base line", argv[optind]);
	measure(&sp, n, warm);
	printf("| variant | median added, ms | p90 added, ms | median over the floor, ms "
	       "| target, ms | |\n"
	       "|---|---:|---:|---:|---|---|\n");
	struct refs r = { base->median, find_kind(&sp, "peer"), find_kind(&sp, "floor") };
	for (size_t i = 0; i < sp.n; i++)
		print_row(&sp.v[i], &r);
	return 0;
}
