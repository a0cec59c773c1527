/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_PROFILE_H
#define SR_PROFILE_H

/* JSON text -> struct sr_profile: the whole Docker/OCI/podman model with
 * nothing decided yet about this host. Every format check of SPEC §4 happens
 * here; the result is fully validated and owns all its memory. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "names.h"

/* moby's "<kernel>.<major>", e.g. 5.8 */
struct sr_kver {
	unsigned kernel, major;
};

/* includes / excludes. present is false when the key is absent or null. */
struct sr_cond {
	bool present;
	char **arches;
	size_t narches;
	char **caps;
	size_t ncaps;
	bool has_min_kernel;
	struct sr_kver min_kernel;
};

struct sr_arg {
	unsigned index;       /* 0..5 */
	uint64_t value;       /* for MASKED_EQ: the mask */
	uint64_t value_two;   /* for MASKED_EQ: the datum */
	bool has_value_two;
	enum sr_op op;
};

struct sr_rule {
	size_t index;         /* position in syscalls[], for JSON paths */
	char **names;
	size_t nnames;
	bool legacy_name;     /* written as "name" (pre-2016 Docker format) */
	struct sr_action action;
	bool has_errno;       /* errnoRet or errno was given */
	struct sr_arg *args;
	size_t nargs;
	struct sr_cond includes, excludes;
	char *comment;
};

struct sr_archmap {
	const struct sr_arch *arch;
	const struct sr_arch **subs;
	size_t nsubs;
};

struct sr_profile {
	char *origin;         /* what messages name: a path, "<stdin>", "runtime/default" */
	char *prefix;         /* JSON path prefix: "" or "linux.seccomp" for a config.json */
	struct sr_action default_action;
	bool has_default_errno;
	const struct sr_arch **arches;
	size_t narches;
	struct sr_archmap *archmap;
	size_t narchmap;
	struct sr_rule *rules;
	size_t nrules;
	unsigned flags;       /* SECCOMP_FILTER_FLAG_* bits */
	bool flags_present;   /* absent means SPEC_ALLOW (runc >= 1.2, crun) */
	char *listener_path;
	char *listener_metadata;
	char *comment;        /* the top-level "comment" */
	bool had_comments;
};

/* Largest profile read or parsed, in bytes. Docker's default is 14 KiB. */
#define SR_PROFILE_MAX_BYTES (16u << 20)

/* Parse text (len bytes, need not be NUL-terminated) as a profile, an OCI
 * linux.seccomp object or a whole OCI config.json. Warnings (unknown keys,
 * keys in another case, comments) go to diags. On error returns -1 with err
 * naming origin, the JSON path and what was expected; *out is then empty. */
int profile_parse(const char *text, size_t len, const char *origin,
		  struct sr_profile *out, struct sr_diags *diags,
		  struct sr_error *err);
void profile_free(struct sr_profile *p);

/* runc's and crun's reading of a rule's conditions: when an index repeats,
 * each condition is a rule of its own (OR); otherwise all of them hold
 * together (AND). */
bool rule_ors_conditions(const struct sr_rule *r);

/* "syscalls[3]" (with the config.json prefix when there is one). */
char *profile_rule_path(const struct sr_profile *p, const struct sr_rule *r);

#endif
