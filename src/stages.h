/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_STAGES_H
#define SR_STAGES_H

/* The pipeline's stages composed for the verbs: resolve -> parse -> select
 * -> compile, stopping where a verb needs no more. */

#include "cli.h"
#include "compile.h"
#include "host.h"
#include "profile.h"
#include "resolve.h"
#include "select.h"

enum sr_stage {
	SR_STAGE_SELECT,   /* profile, host and policy */
	SR_STAGE_COMPILE,  /* ... and bpf, compiled afresh */
	SR_STAGE_RUN,      /* ... and bpf: from the precompiled table, the
			      cache (o->cache_dir, o->no_cache), or compiled
			      and then stored in the cache. The built-in
			      profile may come from the table unparsed: then
			      profile and policy stay empty. */
};

/* Where SR_STAGE_RUN found the filter. */
enum sr_filter_origin {
	SR_FILTER_COMPILED,
	SR_FILTER_PRECOMPILED,
	SR_FILTER_CACHED,
};

struct sr_stages {
	struct sr_source src;
	struct sr_profile profile;
	struct sr_host host;
	struct sr_policy policy;
	struct sr_bpf bpf;
	struct sr_diags diags;    /* warnings of every stage run */
	bool unconfined;          /* "unconfined": nothing past host */
	bool read;                /* the reference resolved and its text was read:
				     a later failure is the profile's own */
	enum sr_filter_origin origin;
	char origin_note[704];    /* for -v: "cache hit", "compiled; cache miss,
				     stored", ... */
};

/* Run the stages for reference ref with o's host overrides (--caps,
 * --kernel, --arch) and compile options (--no-enosys, --strict). Diagnostics
 * are collected, not printed. A warm start (SR_STAGE_RUN) gives the same
 * filter, the same diagnostics and the same --strict failure as compiling;
 * the cache never makes it fail. */
int stages_run(struct sr_stages *s, const struct sr_options *o, const char *ref,
	       enum sr_stage upto, struct sr_error *err);
void stages_free(struct sr_stages *s);

/* Print diags as run does (unknown keys and notes only under -v, nothing
 * under -q); with --strict, any warning fails. */
int stages_report(const struct sr_diags *diags, const struct sr_options *o,
		  struct sr_error *err);

#endif
