/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_SELECT_H
#define SR_SELECT_H

/* profile + host -> policy: evaluate includes/excludes exactly as moby's
 * setupSeccomp does, and expand archMap for the native arch. */

#include "host.h"
#include "profile.h"

struct sr_choice {
	const struct sr_rule *rule;
	bool kept;
	char reason[192];     /* "excludes.caps: CAP_SYS_ADMIN is held" */
};

struct sr_policy {
	const struct sr_profile *profile;  /* borrowed: must outlive the policy */
	const struct sr_arch *native;
	const struct sr_arch **arches;     /* native first, no duplicates */
	size_t narches;
	struct sr_action default_action;
	unsigned flags;                    /* seccomp(2) flags to load with */
	struct sr_choice *choices;         /* every rule, in profile order */
	size_t nchoices;
};

/* Cannot fail: every question the profile asks was validated by the
 * parser, and the host's answers by host_detect. */
void policy_select(const struct sr_profile *p, const struct sr_host *h,
		   struct sr_policy *out);
void policy_free(struct sr_policy *pol);

/* Whether a kept rule is SCMP_ACT_NOTIFY: then the filter needs a
 * listener. */
bool policy_has_notify(const struct sr_policy *pol);

#endif
