/* SPDX-License-Identifier: Apache-2.0 */
#include "select.h"

#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void policy_free(struct sr_policy *pol)
{
	free(pol->arches);
	free(pol->choices);
	*pol = (struct sr_policy){ 0 };
}

static bool has_token(char *const *arches, size_t n, const struct sr_arch *a)
{
	for (size_t i = 0; i < n; i++)
		if (sr_arch_token_matches(a, arches[i]))
			return true;
	return false;
}

/* Returns true and fills why when the rule must be dropped. The order of the
 * checks is moby's setupSeccomp: excludes (arches, caps, minKernel), then
 * includes (arches, caps, minKernel); the first that fails names the reason. */
static bool dropped(const struct sr_rule *r, const struct sr_host *h,
		    char *why, size_t size)
{
	const struct sr_cond *ex = &r->excludes, *in = &r->includes;

	if (ex->present) {
		if (has_token(ex->arches, ex->narches, h->arch)) {
			snprintf(why, size, "excludes.arches: %s is this arch", h->arch->token);
			return true;
		}
		for (size_t i = 0; i < ex->ncaps; i++) {
			if (host_has_cap(h, ex->caps[i])) {
				snprintf(why, size, "excludes.caps: %s is held", ex->caps[i]);
				return true;
			}
		}
		if (ex->has_min_kernel && kver_cmp(h->kernel, ex->min_kernel) >= 0) {
			snprintf(why, size, "excludes.minKernel: kernel %u.%u >= %u.%u",
				 h->kernel.kernel, h->kernel.major,
				 ex->min_kernel.kernel, ex->min_kernel.major);
			return true;
		}
	}
	if (in->present) {
		if (in->narches && !has_token(in->arches, in->narches, h->arch)) {
			snprintf(why, size, "includes.arches: %s is not listed", h->arch->token);
			return true;
		}
		for (size_t i = 0; i < in->ncaps; i++) {
			if (!host_has_cap(h, in->caps[i])) {
				snprintf(why, size, "includes.caps: %s is not held", in->caps[i]);
				return true;
			}
		}
		if (in->has_min_kernel && kver_cmp(h->kernel, in->min_kernel) < 0) {
			snprintf(why, size, "includes.minKernel: kernel %u.%u < %u.%u",
				 h->kernel.kernel, h->kernel.major,
				 in->min_kernel.kernel, in->min_kernel.major);
			return true;
		}
	}
	return false;
}

static void kept_reason(const struct sr_rule *r, char *why, size_t size)
{
	const struct sr_cond *in = &r->includes;
	bool conditional = (in->present && (in->narches || in->ncaps || in->has_min_kernel)) ||
			   (r->excludes.present && (r->excludes.narches || r->excludes.ncaps ||
						    r->excludes.has_min_kernel));
	snprintf(why, size, "%s", conditional ? "conditions met" : "unconditional");
}

static void add_arch(struct sr_policy *pol, const struct sr_arch *a)
{
	for (size_t i = 0; i < pol->narches; i++)
		if (pol->arches[i] == a)
			return;
	pol->arches[pol->narches++] = a;
}

/* native arch, then architectures, or the first archMap entry for the
 * native arch with its sub-architectures (moby). */
static void select_arches(const struct sr_profile *p, struct sr_policy *pol)
{
	size_t max = 1 + p->narches;
	for (size_t i = 0; i < p->narchmap; i++)
		max += 1 + p->archmap[i].nsubs;
	pol->arches = xcalloc(max, sizeof(*pol->arches));
	add_arch(pol, pol->native);
	for (size_t i = 0; i < p->narches; i++)
		add_arch(pol, p->arches[i]);
	for (size_t i = 0; i < p->narchmap; i++) {
		const struct sr_archmap *m = &p->archmap[i];
		if (m->arch != pol->native)
			continue;
		for (size_t j = 0; j < m->nsubs; j++)
			add_arch(pol, m->subs[j]);
		break;
	}
}

void policy_select(const struct sr_profile *p, const struct sr_host *h,
		   struct sr_policy *out)
{
	struct sr_policy pol = {
		.profile = p,
		.native = h->arch,
		.default_action = p->default_action,
		/* Absent flags mean SPEC_ALLOW, as runc >= 1.2 and crun do. TSYNC
		 * is meaningless for a single thread about to exec. */
		.flags = (p->flags_present ? p->flags : SECCOMP_FILTER_FLAG_SPEC_ALLOW) &
			 ~(unsigned)SECCOMP_FILTER_FLAG_TSYNC,
	};
	select_arches(p, &pol);
	pol.choices = xcalloc(p->nrules, sizeof(*pol.choices));
	pol.nchoices = p->nrules;
	for (size_t i = 0; i < p->nrules; i++) {
		struct sr_choice *c = &pol.choices[i];
		c->rule = &p->rules[i];
		c->kept = !dropped(c->rule, h, c->reason, sizeof(c->reason));
		if (c->kept)
			kept_reason(c->rule, c->reason, sizeof(c->reason));
	}
	*out = pol;
}

bool policy_has_notify(const struct sr_policy *pol)
{
	for (size_t i = 0; i < pol->nchoices; i++)
		if (pol->choices[i].kept && pol->choices[i].rule->action.kind == SR_ACT_NOTIFY)
			return true;
	return false;
}
