/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_RECORD_H
#define SR_RECORD_H

/* The pure half of the record verb: turning the syscalls a run made into
 * an allow-list profile, alone or merged with an existing one. */

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "profile.h"

/* What marks the rules record writes, so that --append finds them again. */
#define SR_RECORD_ALLOW_MARK "Recorded by seccomp-run"
#define SR_RECORD_FALLBACK_MARK "Added by seccomp-run record"

/* A syscall a run made. */
struct sr_seen {
	const struct sr_arch *arch;
	const char *name;       /* libseccomp's name for it on arch */
	bool base_denied;       /* the profile merged with denied a call of it */
};

/* An empty allow-list: default SCMP_ACT_ERRNO (EPERM), a comment saying
 * how it was made, no rules. origin names it in messages. */
void record_new_profile(struct sr_profile *p, const char *origin);

/* Merge the n syscalls a run of program made into p:
 * - a name no rule of p mentions, under a default action that denies, is
 *   added to the rule record writes (marked SR_RECORD_ALLOW_MARK; made
 *   at the end when p has none), its names kept sorted; so are exit,
 *   exit_group and rt_sigreturn, which every program may need on a path
 *   a run did not take;
 * - a name another rule mentions is left as that rule has it, with a
 *   warning in diags when the profile denied a call of it;
 * - glibc's ENOSYS fallbacks (sysargs_fallback) that are neither allowed
 *   nor mentioned get ERRNO(ENOSYS) in a second marked rule, unless the
 *   default already gives ENOSYS;
 * - the arches seen join "architectures" (or the native entry of archMap);
 * - the marked rule's comment lists the programs recorded.
 * Rules p already had keep their order and content. */
void record_merge(struct sr_profile *p, const struct sr_seen *seen, size_t n,
		  const char *program, struct sr_diags *diags);

#endif
