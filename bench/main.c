/* SPDX-License-Identifier: Apache-2.0 */
/* srbench SUBCOMMAND ...: see bench/README.md and bench/run.sh, which
 * drives it. */
#include "bench.h"

#include <stdio.h>
#include <string.h>

/* srbench caps: the capability set every measurement selects for, for
 * run.sh to pass to seccomp-run --caps. */
static int cmd_caps(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	puts(BENCH_DOCKER_CAPS);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{ "caps", cmd_caps },
	{ "gen", cmd_gen },
	{ "spawn", cmd_spawn },
	{ "peer-exec", cmd_peer_exec },
	{ "peer-export", cmd_peer_export },
	{ "paths", cmd_paths },
	{ "syscost", cmd_syscost },
	{ "ctime", cmd_ctime },
	{ "notifycost", cmd_notifycost },
	{ "syswork", cmd_syswork },
};

int main(int argc, char **argv)
{
	for (size_t i = 0; argc > 1 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fputs("usage: srbench caps|gen|spawn|peer-exec|peer-export|paths|syscost|ctime|notifycost|syswork ...\n", stderr);
	return 2;
}
