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
	"       seccomp-run check [OPTIONS] [PROFILE...]\n"
	"       seccomp-run explain [OPTIONS]\n"
	"       seccomp-run export [OPTIONS] [--format bpf|pfc|oci] [-o FILE]\n"
	"       seccomp-run simulate [OPTIONS] [--disasm] [ARCH/]SYSCALL[:ARG,...]...\n"
	"       seccomp-run trace [OPTIONS] [--log FILE] [--format text|json] [--permissive]\n"
	"                         [--] PROGRAM [ARG...]\n"
	"       seccomp-run record -o OUT.json [--base PROFILE] [--append] [OPTIONS]\n"
	"                          [--] PROGRAM [ARG...]\n"
	"       seccomp-run decode [--format text|json] [FILE...]\n"
	"\n"
	"Run PROGRAM under a Docker/OCI/Kubernetes seccomp profile, or look at\n"
	"what a profile does before running anything.\n"
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
	"      --arch ARCH         target architecture (check, explain, export, simulate)\n"
	"      --no-enosys         no ENOSYS stub for syscalls newer than the profile\n"
	"      --no-new-privs=on|off  off needs CAP_SYS_ADMIN (default on)\n"
	"      --close-fds         close inherited fds above 2 in the program\n"
	"      --preserve-fds N    with --close-fds, keep fds 3 to 3+N-1 (implies it)\n"
	"      --bpf FILE          run: load this raw BPF filter (from export) instead\n"
	"                          of compiling a profile\n"
	"      --cache-dir DIR     run, trace: keep compiled filters in DIR\n"
	"                          [$SECCOMP_RUN_CACHE_DIR, else root: /var/cache/seccomp-run;\n"
	"                          others: ${XDG_CACHE_HOME:-~/.cache}/seccomp-run]\n"
	"      --no-cache          run, trace: neither read nor write compiled filters\n"
	"      --format FMT        check, explain, simulate, decode, trace: text or json;\n"
	"                          export: bpf (default), pfc or oci\n"
	"  -o, --output FILE       export: write here instead of stdout;\n"
	"                          record: the profile to write (required)\n"
	"      --log FILE          trace: report denied calls here, not on stderr\n"
	"      --permissive        trace: report denied calls and let them run\n"
	"      --base PROFILE      record: merge with this profile\n"
	"      --append            record: merge with the -o file of earlier runs\n"
	"      --ignore CODE,...   check: do not report these findings\n"
	"      --disasm            simulate: print the filter's instructions\n"
	"  -v, --verbose           say what was decided (repeat for more)\n"
	"  -q, --quiet             no warnings\n"
	"      --strict            warnings are errors\n"
	"  -h, --help              this text\n"
	"  -V, --version           versions of seccomp-run and libseccomp\n"
	"\n"
	"Exit status: run, trace, record: the program's own (128+N when it died of\n"
	"signal N in trace and record); 125 seccomp-run failed and ran nothing;\n"
	"126 the program cannot be executed (also when the profile denies execve);\n"
	"127 the program was not found. check: 0 clean, 1 findings, 125 could not\n"
	"check. Other verbs: 0, or 125 on failure.\n";

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
	OPT_BPF,
	OPT_FORMAT,
	OPT_IGNORE,
	OPT_DISASM,
	OPT_CACHE_DIR,
	OPT_NO_CACHE,
	OPT_LOG,
	OPT_PERMISSIVE,
	OPT_BASE,
	OPT_APPEND,
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
	{ "bpf", required_argument, NULL, OPT_BPF },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "disasm", no_argument, NULL, OPT_DISASM },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "permissive", no_argument, NULL, OPT_PERMISSIVE },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "append", no_argument, NULL, OPT_APPEND },
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

/* Which options and operands each verb takes; anything else is a mistake
 * worth stopping for rather than an option silently ignored. */
struct verb_rules {
	const char *formats;   /* "|"-separated; NULL: takes no --format */
	bool arch, output, bpf, ignore, disasm, cache, log, permissive, base, append;
	int min_args, max_args; /* operands; -1: any number */
};

static const struct verb_rules rules[] = {
	[SR_VERB_RUN] = { .bpf = true, .cache = true, .min_args = 1, .max_args = -1 },
	[SR_VERB_CHECK] = { .formats = "text|json", .arch = true, .ignore = true,
			    .max_args = -1 },
	[SR_VERB_EXPLAIN] = { .formats = "text|json", .arch = true },
	[SR_VERB_EXPORT] = { .formats = "bpf|pfc|oci", .arch = true, .output = true },
	[SR_VERB_SIMULATE] = { .formats = "text|json", .arch = true, .disasm = true,
			       .max_args = -1 },
	[SR_VERB_TRACE] = { .formats = "text|json", .cache = true, .log = true,
			    .permissive = true, .min_args = 1, .max_args = -1 },
	[SR_VERB_RECORD] = { .output = true, .base = true, .append = true, .min_args = 1,
			     .max_args = -1 },
	[SR_VERB_DECODE] = { .formats = "text|json", .max_args = -1 },
};

static bool format_listed(const char *list, const char *f)
{
	size_t n = strlen(f);
	for (const char *p = list; p; p = strchr(p, '|')) {
		p += *p == '|';
		if (strncmp(p, f, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return n > 0;
	}
	return false;
}

static int check_verb_options(struct sr_options *o, struct sr_error *err)
{
	const struct verb_rules *r = &rules[o->verb];
	const char *verb = verbs[o->verb];
	char msg[256];
	const char *bad = o->arch && !r->arch       ? "--arch"
			  : o->output && !r->output ? "-o"
			  : o->bpf && !r->bpf       ? "--bpf"
			  : o->ignore && !r->ignore ? "--ignore"
			  : o->disasm && !r->disasm ? "--disasm"
			  : o->cache_dir && !r->cache ? "--cache-dir"
			  : o->no_cache && !r->cache ? "--no-cache"
			  : o->format && !r->formats ? "--format"
			  : o->log && !r->log ? "--log"
			  : o->permissive && !r->permissive ? "--permissive"
			  : o->base && !r->base ? "--base"
			  : o->append && !r->append ? "--append"
						    : NULL;
	if (bad) {
		if (o->verb == SR_VERB_RUN && strcmp(bad, "--arch") == 0)
			return usage_error(err, "--arch is for check, explain, export and "
					   "simulate: run uses this machine's architecture");
		snprintf(msg, sizeof(msg), "%s is not an option of %s", bad, verb);
		return usage_error(err, msg);
	}
	if (o->format && !format_listed(r->formats, o->format)) {
		snprintf(msg, sizeof(msg), "%s --format takes %s, not '%s'", verb, r->formats,
			 o->format);
		return usage_error(err, msg);
	}
	if (!o->format && r->formats)
		o->format = o->verb == SR_VERB_EXPORT ? "bpf" : "text";
	if (o->nargs < r->min_args)
		return usage_error(err, "no program to run");
	if (o->verb == SR_VERB_RECORD && o->profile_given)
		return usage_error(err, "record enforces no profile, so -p does not apply: "
				   "--base PROFILE merges with one");
	if (o->verb == SR_VERB_RECORD && !o->output)
		return usage_error(err, "record needs -o OUT.json: where to write the profile");
	/* The program writes to stdout too. */
	if (o->verb == SR_VERB_RECORD && (!*o->output || strcmp(o->output, "-") == 0))
		return usage_error(err, "record -o needs a file name: standard output is the "
				   "program's");
	if (r->max_args >= 0 && o->nargs > r->max_args) {
		snprintf(msg, sizeof(msg), "%s takes no operands, but got '%s'", verb,
			 o->args[0]);
		return usage_error(err, msg);
	}
	if (o->verb == SR_VERB_RUN && o->bpf && o->profile_given)
		return usage_error(err, "--bpf and -p exclude each other: the BPF file "
				   "is the filter");
	if (o->bpf && (o->cache_dir || o->no_cache))
		return usage_error(err, "--bpf loads a ready filter: there is nothing to "
				   "cache, so --cache-dir and --no-cache do not apply");
	if (o->cache_dir && o->no_cache)
		return usage_error(err, "--cache-dir and --no-cache exclude each other");
	/* Like SECCOMP_RUN_ROOT: a default the options override, so that a
	 * test suite or an image can keep its cache to itself. */
	if ((o->verb == SR_VERB_RUN || o->verb == SR_VERB_TRACE) && !o->bpf && !o->cache_dir &&
	    !o->no_cache)
		o->cache_dir = env_or("SECCOMP_RUN_CACHE_DIR", NULL);
	return 0;
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
	for (int c; (c = getopt_long(nargs, args, "+:p:o:vqhV", longopts, NULL)) != -1;) {
		switch (c) {
		case 'p':
			o->profile = optarg;
			o->profile_given = true;
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
		case OPT_BPF:
			o->bpf = optarg;
			break;
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_IGNORE:
			o->ignore = optarg;
			break;
		case OPT_DISASM:
			o->disasm = true;
			break;
		case OPT_CACHE_DIR:
			if (!*optarg)
				return usage_error(err, "--cache-dir takes a directory");
			o->cache_dir = optarg;
			break;
		case OPT_NO_CACHE:
			o->no_cache = true;
			break;
		case OPT_LOG:
			if (!*optarg)
				return usage_error(err, "--log takes a file name");
			o->log = optarg;
			break;
		case OPT_PERMISSIVE:
			o->permissive = true;
			break;
		case OPT_BASE:
			o->base = optarg;
			break;
		case OPT_APPEND:
			o->append = true;
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
	return check_verb_options(o, err);
}
