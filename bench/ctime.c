/* SPDX-License-Identifier: Apache-2.0 */
/* srbench ctime [-l] [-r RUNS] PROFILE: wall time of the stages run goes
 * through before it loads anything (read, parse, select, compile, export,
 * stub), in process, median of RUNS, for Docker's default capabilities;
 * with -l, read, parse and select, then libseccomp's default compile and
 * export (the peer's way) instead.
 * Prints one line: "MEDIAN_MS INSNS RUNS STATUS"; RUNS is how many were
 * made (fewer than asked once they add up to 3 s). A filter the tool refuses as
 * too large for the kernel still cost the whole compile (the check comes
 * after the export): STATUS then says so and INSNS is 0. Under callgrind,
 * run with -r 1 and read policy_compile's inclusive cost. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RUNS 64

static double once(const char *ref, bool peer, size_t *insns, char *status, size_t size)
{
	struct sr_options o = {
		.verb = SR_VERB_EXPORT,
		.profile = ref,
		.root = SR_DEFAULT_ROOT,
		.caps = BENCH_DOCKER_CAPS,
		.no_new_privs = true,
	};
	struct sr_error err = { 0 };
	struct sr_stages st;
	double t0 = now_ns();
	int rc = stages_run(&st, &o, ref, peer ? SR_STAGE_SELECT : SR_STAGE_COMPILE, &err);
	struct sr_bpf prog = { 0 };
	int prc = rc == 0 && peer ? peer_compile(&st.policy, &prog) : 0;
	double t = now_ns() - t0;
	*insns = rc < 0 || prc < 0 ? 0 : peer ? prog.len : st.bpf.len;
	if (rc < 0)
		sr_error_format(&err, status, size);
	else if (prc < 0)
		snprintf(status, size, "libseccomp: %s", strerror(-prc));
	else if (*insns > BPF_MAXINSNS)
		snprintf(status, size, "%zu instructions: the kernel would refuse it", *insns);
	else
		snprintf(status, size, "ok");
	bpf_free(&prog);
	stages_free(&st);
	return t;
}

int cmd_ctime(int argc, char **argv)
{
	unsigned runs = 5;
	bool peer = false;
	int opt;
	optind = 1;
	while ((opt = getopt(argc, argv, "lr:")) != -1) {
		if (opt == 'l')
			peer = true;
		else if (opt == 'r')
			runs = (unsigned)strtoul(optarg, NULL, 10);
		else
			die("usage: ctime [-l] [-r RUNS] PROFILE");
	}
	if (optind != argc - 1 || !runs || runs > MAX_RUNS)
		die("usage: ctime [-l] [-r RUNS] PROFILE");
	double t[MAX_RUNS];
	size_t insns = 0;
	char status[2048] = "";
	/* Up to RUNS, but a compile of many seconds is measured once or twice:
	 * its noise is small next to it, and `make bench` has a budget. */
	unsigned done = 0;
	double spent = 0;
	while (done < runs && (done == 0 || spent < 3e9)) {
		t[done] = once(argv[optind], peer, &insns, status, sizeof(status));
		spent += t[done++];
	}
	sort_doubles(t, done);
	printf("%.3f %zu %u %s\n", quantile(t, done, 0.5) / 1e6, insns, done, status);
	return 0;
}
