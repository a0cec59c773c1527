/* SPDX-License-Identifier: Apache-2.0 */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "util.h"

const char sr_usage[] =
	"Usage: seccomp-run [run] [OPTIONS] [--] PROGRAM [ARG...]\n"
	"       seccomp-run check|explain|export|simulate|trace|record|decode ...\n"
	"         (reserved verbs, not available in this version)\n"
	"\n"
	"Run PROGRAM under a Docker/OCI/Kubernetes seccomp profile.\n"
	"\n"
	"  -p, --profile REF       runtime/default (built in; also docker/default),\n"
	"                          unconfined, localhost/NAME or NAME (under the root),\n"
	"                          a path (absolute, ./ or ../), or - for stdin\n"
	"                          [$SECCOMP_RUN_PROFILE, else runtime/default]\n"
	"      --root DIR          where NAME and localhost/NAME live\n"
	"                          [$SECCOMP_RUN_ROOT, else " SR_DEFAULT_ROOT "]\n"
	"      --caps LIST|all|none  select rules for these capabilities instead of\n"
	"                          the ones the program will hold (CAP_A,CAP_B)\n"
	"      --kernel X.Y        select rules for this kernel version\n"
	"      --arch ARCH         target architecture (explain, export, simulate)\n"
	"      --no-enosys         no ENOSYS stub for syscalls newer than the profile\n"
	"      --no-new-privs=on|off  off needs CAP_SYS_ADMIN (default on)\n"
	"      --close-fds         close inherited fds above 2 in the program\n"
	"      --preserve-fds N    with --close-fds, keep fds 3 to 3+N-1 (implies it)\n"
	"  -v, --verbose           say what was decided (repeat for more)\n"
	"  -q, --quiet             no warnings\n"
	"      --strict            warnings are errors\n"
	"  -h, --help              this text\n"
	"  -V, --version           versions of seccomp-run and libseccomp\n"
	"\n"
	"Exit status: the program's own; 125 seccomp-run failed and ran nothing;\n"
	"126 the program cannot be executed (also when the profile denies execve);\n"
	"127 the program was not found.\n";

static const char *const verbs[] = {
	[SR_VERB_RUN] = "run",		[SR_VERB_CHECK] = "check",
	[SR_VERB_EXPLAIN] = "explain",	[SR_VERB_EXPORT] = "export",
	[SR_VERB_SIMULATE] = "simulate", [SR_VERB_TRACE] = "trace",
	[SR_VERB_RECORD] = "record",	[SR_VERB_DECODE] = "decode",
};

const char *cli_verb_name(enum sr_verb v)
{
	return verbs[v];
}

enum {
	OPT_ROOT = 0x100,
	OPT_CAPS,
	OPT_KERNEL,
	OPT_ARCH,
	OPT_NO_ENOSYS,
	OPT_NNP,
	OPT_CLOSE_FDS,
	OPT_PRESERVE_FDS,
	OPT_STRICT,
};

static const struct option longopts[] = {
	{ "profile", required_argument, NULL, 'p' },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "caps", required_argument, NULL, OPT_CAPS },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "no-enosys", no_argument, NULL, OPT_NO_ENOSYS },
	{ "no-new-privs", required_argument, NULL, OPT_NNP },
	{ "close-fds", no_argument, NULL, OPT_CLOSE_FDS },
	{ "preserve-fds", required_argument, NULL, OPT_PRESERVE_FDS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ 0 },
};

static int usage_error(struct sr_error *err, const char *what)
{
	return sr_fail(err, "%s (see seccomp-run --help)", what);
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

int cli_parse(int argc, char **argv, struct sr_options *o, struct sr_error *err)
{
	*o = (struct sr_options){
		.verb = SR_VERB_RUN,
		.profile = env_or("SECCOMP_RUN_PROFILE", "runtime/default"),
		.root = env_or("SECCOMP_RUN_ROOT", SR_DEFAULT_ROOT),
		.no_new_privs = true,
	};

	/* A first argument that is a verb selects it; anything else, "--"
	 * included, starts the run verb's options or program. */
	int first = 1;
	if (argc > 1) {
		for (size_t v = 0; v < ARRAY_SIZE(verbs); v++) {
			if (strcmp(argv[1], verbs[v]) == 0) {
				o->verb = (enum sr_verb)v;
				first = 2;
				break;
			}
		}
	}

	char *const *args = argv + first - 1;
	int nargs = argc - first + 1;
	char msg[256];
	opterr = 0;
	optind = 0; /* glibc: 0 also resets the scan state of a previous call */
	/* "+": stop at the program, so its own options are never ours. */
	for (int c; (c = getopt_long(nargs, args, "+:p:vqhV", longopts, NULL)) != -1;) {
		switch (c) {
		case 'p':
			o->profile = optarg;
			break;
		case OPT_ROOT:
			o->root = optarg;
			break;
		case OPT_CAPS:
			o->caps = optarg;
			break;
		case OPT_KERNEL:
			o->kernel = optarg;
			break;
		case OPT_ARCH:
			o->arch = optarg;
			break;
		case OPT_NO_ENOSYS:
			o->no_enosys = true;
			break;
		case OPT_NNP:
			if (strcmp(optarg, "on") && strcmp(optarg, "off"))
				return usage_error(err, "--no-new-privs takes on or off");
			o->no_new_privs = strcmp(optarg, "on") == 0;
			break;
		case OPT_CLOSE_FDS:
			o->close_fds = true;
			break;
		case OPT_PRESERVE_FDS:
			if (!parse_uint(optarg, INT_MAX - 3, &o->preserve_fds))
				return usage_error(err, "--preserve-fds takes a number");
			o->close_fds = true;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case 'h':
			o->help = true;
			break;
		case 'V':
			o->version = true;
			break;
		case ':':
			snprintf(msg, sizeof(msg), "option %s needs a value", args[optind - 1]);
			return usage_error(err, msg);
		default:
			if (optopt)
				snprintf(msg, sizeof(msg), "unknown option -%c", optopt);
			else
				snprintf(msg, sizeof(msg), "unknown option %s", args[optind - 1]);
			return usage_error(err, msg);
		}
	}
	o->args = (char **)args + optind;
	o->nargs = nargs - optind;
	if (o->help || o->version)
		return 0;
	if (o->verb == SR_VERB_RUN) {
		if (o->nargs == 0)
			return usage_error(err, "no program to run");
		if (o->arch)
			return usage_error(err, "--arch is for explain, export and simulate: "
					   "run uses this machine's architecture");
	}
	return 0;
}
