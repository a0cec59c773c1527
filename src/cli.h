/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_CLI_H
#define SR_CLI_H

/* argv -> struct sr_options. No I/O and no side effects beyond reading the
 * two environment variables of SPEC §2. */

#include <stdbool.h>

#include "error.h"

enum sr_verb {
	SR_VERB_RUN,
	SR_VERB_CHECK,
	SR_VERB_EXPLAIN,
	SR_VERB_EXPORT,
	SR_VERB_SIMULATE,
	SR_VERB_TRACE,
	SR_VERB_RECORD,
	SR_VERB_DECODE,
};

struct sr_options {
	enum sr_verb verb;
	const char *profile;    /* -p; $SECCOMP_RUN_PROFILE; runtime/default */
	bool profile_given;     /* -p was on the command line */
	const char *root;       /* --root; $SECCOMP_RUN_ROOT; /var/lib/kubelet/seccomp */
	const char *caps;       /* --caps */
	const char *kernel;     /* --kernel */
	const char *arch;       /* --arch */
	int verbose;            /* -v, repeatable */
	bool quiet;             /* -q */
	bool strict;            /* --strict */
	bool no_enosys;         /* --no-enosys */
	bool no_new_privs;      /* --no-new-privs=on|off; on by default */
	bool close_fds;         /* --close-fds */
	unsigned preserve_fds;  /* --preserve-fds N */
	const char *format;     /* --format: per verb, see cli_parse; NULL: the verb's default */
	const char *output;     /* -o: export's file; NULL or "-": stdout */
	const char *bpf;        /* run --bpf FILE: a raw filter instead of a profile */
	const char *cache_dir;  /* run --cache-dir DIR; NULL: the default for this euid */
	bool no_cache;          /* run --no-cache */
	const char *ignore;     /* check --ignore CODE,...: findings not to report */
	bool disasm;            /* simulate --disasm */
	const char *log;        /* trace --log FILE; NULL: stderr */
	bool permissive;        /* trace --permissive */
	const char *base;       /* record --base PROFILE */
	bool append;            /* record --append */
	bool help, version;
	char **args;            /* run: the program and its arguments; check:
				   profiles; simulate: calls; decode: files */
	int nargs;
};

int cli_parse(int argc, char **argv, struct sr_options *o, struct sr_error *err);
const char *cli_verb_name(enum sr_verb v);
/* Usage text for --help. */
extern const char sr_usage[];

#endif
