/* SPDX-License-Identifier: Apache-2.0 */
#include "common.h"

#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

#define ERRNO_MAX 4094u
#define KNOWN_FLAGS                                                     \
	(SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG |          \
	 SECCOMP_FILTER_FLAG_SPEC_ALLOW | SR_FLAG_WAIT_KILLABLE_RECV)

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "\n%s:%d: invariant violated: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

void fuzz_check_error(const struct sr_error *err, const char *stage)
{
	char buf[2048];

	FUZZ_ASSERT(err->status == SR_EXIT_FAILED, "%s failed with status %d", stage,
		    err->status);
	FUZZ_ASSERT(terminated(err->msg, sizeof(err->msg)) &&
		    terminated(err->file, sizeof(err->file)) &&
		    terminated(err->path, sizeof(err->path)),
		    "%s: unterminated error field", stage);
	FUZZ_ASSERT(err->msg[0] != '\0', "%s failed with an empty message", stage);
	sr_error_format(err, buf, sizeof(buf));
	FUZZ_ASSERT(strncmp(buf, "seccomp-run: ", 13) == 0 && strlen(buf) > 13,
		    "%s: bad formatted error '%s'", stage, buf);
}

void fuzz_check_empty_profile(const struct sr_profile *p)
{
	static const struct sr_profile zero;
	FUZZ_ASSERT(memcmp(p, &zero, sizeof(zero)) == 0,
		    "profile_parse failed but left *out filled in");
}

static void check_action(const struct sr_action *a, bool has_errno, bool is_default)
{
	struct sr_action again;

	FUZZ_ASSERT(a->kind <= SR_ACT_NOTIFY, "action kind %d", (int)a->kind);
	FUZZ_ASSERT(!is_default || a->kind != SR_ACT_NOTIFY, "NOTIFY as the default action");
	FUZZ_ASSERT(a->name && sr_action_lookup(a->name, &again) && again.kind == a->kind,
		    "action name '%s' does not give kind %d", a->name ? a->name : "(null)",
		    (int)a->kind);
	FUZZ_ASSERT(a->data <= ERRNO_MAX, "errno data %u > %u", a->data, ERRNO_MAX);
	FUZZ_ASSERT(sr_action_takes_errno(a->kind) || a->data == 0,
		    "%s carries data %u", a->name, a->data);
	FUZZ_ASSERT(!has_errno || sr_action_takes_errno(a->kind),
		    "errno given for %s", a->name);
}

static void check_strv(char **v, size_t n, bool nonempty, const char *what)
{
	FUZZ_ASSERT(n == 0 || v, "%s: %zu strings but no array", what, n);
	for (size_t i = 0; i < n; i++) {
		FUZZ_ASSERT(v[i] != NULL, "%s[%zu] is NULL", what, i);
		FUZZ_ASSERT(!nonempty || v[i][0], "%s[%zu] is empty", what, i);
	}
}

static void check_arch(const struct sr_arch *a, const char *what)
{
	FUZZ_ASSERT(a && sr_arch_by_scmp_name(a->scmp_name) == a,
		    "%s is not an entry of the arch table", what);
}

static void check_cond(const struct sr_cond *c)
{
	if (!c->present) {
		FUZZ_ASSERT(!c->narches && !c->ncaps && !c->has_min_kernel,
			    "absent includes/excludes with content");
		return;
	}
	check_strv(c->arches, c->narches, false, "arches");
	check_strv(c->caps, c->ncaps, false, "caps");
	FUZZ_ASSERT(c->has_min_kernel ||
		    (c->min_kernel.kernel == 0 && c->min_kernel.major == 0),
		    "minKernel set but not present");
	FUZZ_ASSERT(c->min_kernel.kernel <= 255 && c->min_kernel.major <= 255,
		    "minKernel %u.%u out of range", c->min_kernel.kernel, c->min_kernel.major);
}

void fuzz_check_profile(const struct sr_profile *p)
{
	FUZZ_ASSERT(p->origin && strcmp(p->origin, FUZZ_ORIGIN) == 0, "origin '%s'",
		    p->origin ? p->origin : "(null)");
	FUZZ_ASSERT(p->prefix && (strcmp(p->prefix, "") == 0 ||
				  strcmp(p->prefix, "linux.seccomp") == 0),
		    "prefix '%s'", p->prefix ? p->prefix : "(null)");
	check_action(&p->default_action, p->has_default_errno, true);

	FUZZ_ASSERT(!(p->narches && p->narchmap), "both architectures and archMap");
	FUZZ_ASSERT(p->narches == 0 || p->arches, "architectures without an array");
	for (size_t i = 0; i < p->narches; i++)
		check_arch(p->arches[i], "architectures[i]");
	FUZZ_ASSERT(p->narchmap == 0 || p->archmap, "archMap without an array");
	for (size_t i = 0; i < p->narchmap; i++) {
		const struct sr_archmap *m = &p->archmap[i];
		check_arch(m->arch, "archMap[i].architecture");
		FUZZ_ASSERT(m->nsubs == 0 || m->subs, "subArchitectures without an array");
		for (size_t j = 0; j < m->nsubs; j++)
			check_arch(m->subs[j], "archMap[i].subArchitectures[j]");
	}

	FUZZ_ASSERT(p->nrules == 0 || p->rules, "syscalls without an array");
	for (size_t i = 0; i < p->nrules; i++) {
		const struct sr_rule *r = &p->rules[i];
		char want[64], *path;

		FUZZ_ASSERT(r->index == i, "rule %zu has index %zu", i, r->index);
		check_strv(r->names, r->nnames, true, "names");
		FUZZ_ASSERT(!r->legacy_name || r->nnames == 1, "legacy name with %zu names",
			    r->nnames);
		check_action(&r->action, r->has_errno, false);
		FUZZ_ASSERT(r->nargs == 0 || r->args, "args without an array");
		for (size_t j = 0; j < r->nargs; j++) {
			const struct sr_arg *a = &r->args[j];
			FUZZ_ASSERT(a->index <= 5, "syscalls[%zu].args[%zu].index %u", i, j,
				    a->index);
			FUZZ_ASSERT(a->op >= SR_OP_NE && a->op <= SR_OP_MASKED_EQ,
				    "syscalls[%zu].args[%zu].op %d", i, j, (int)a->op);
			FUZZ_ASSERT(a->has_value_two || a->value_two == 0,
				    "valueTwo set but not present");
		}
		check_cond(&r->includes);
		check_cond(&r->excludes);
		FUZZ_ASSERT(!r->comment || r->comment[0], "empty comment kept");

		path = profile_rule_path(p, r);
		snprintf(want, sizeof(want), "%s%ssyscalls[%zu]", p->prefix,
			 p->prefix[0] ? "." : "", i);
		FUZZ_ASSERT(strcmp(path, want) == 0, "rule path '%s', expected '%s'", path, want);
		free(path);
	}
	FUZZ_ASSERT((p->flags & ~(unsigned)KNOWN_FLAGS) == 0, "unknown flag bits 0x%x",
		    p->flags);
	FUZZ_ASSERT(p->flags_present || p->flags == 0, "flags without flags_present");
}

void fuzz_check_policy(const struct sr_policy *pol, const struct sr_profile *p,
		       const struct sr_host *h)
{
	size_t max = 1 + p->narches;
	for (size_t i = 0; i < p->narchmap; i++)
		max += 1 + p->archmap[i].nsubs;

	FUZZ_ASSERT(pol->profile == p, "policy does not point at its profile");
	FUZZ_ASSERT(pol->native == h->arch, "native arch is not the host's");
	FUZZ_ASSERT(pol->narches >= 1 && pol->narches <= max && pol->arches &&
		    pol->arches[0] == h->arch,
		    "%zu arches (at most %zu), native first", pol->narches, max);
	for (size_t i = 0; i < pol->narches; i++) {
		check_arch(pol->arches[i], "policy arch");
		for (size_t j = 0; j < i; j++)
			FUZZ_ASSERT(pol->arches[i] != pol->arches[j], "arch %s twice",
				    pol->arches[i]->scmp_name);
	}
	FUZZ_ASSERT(memcmp(&pol->default_action, &p->default_action,
			   sizeof(pol->default_action)) == 0, "default action changed");
	FUZZ_ASSERT((pol->flags & SECCOMP_FILTER_FLAG_TSYNC) == 0, "TSYNC kept");
	FUZZ_ASSERT((pol->flags & ~(unsigned)KNOWN_FLAGS) == 0, "unknown flags 0x%x",
		    pol->flags);

	FUZZ_ASSERT(pol->nchoices == p->nrules, "%zu choices for %zu rules", pol->nchoices,
		    p->nrules);
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_choice *c = &pol->choices[i];
		const struct sr_rule *r = c->rule;

		FUZZ_ASSERT(r >= p->rules && r < p->rules + p->nrules,
			    "choice %zu points outside the profile", i);
		FUZZ_ASSERT(r == &p->rules[i], "choice %zu is rule %td", i, r - p->rules);
		FUZZ_ASSERT(terminated(c->reason, sizeof(c->reason)) && c->reason[0],
			    "choice %zu without a reason", i);
		if (!r->includes.present && !r->excludes.present)
			FUZZ_ASSERT(c->kept, "unconditional rule %zu dropped: %s", i,
				    c->reason);
	}
}

void fuzz_check_diags(const struct sr_diags *d)
{
	FUZZ_ASSERT(d->n <= d->cap || (d->n == 0 && d->cap == 0), "diags n > cap");
	for (size_t i = 0; i < d->n; i++) {
		const struct sr_diag *g = &d->v[i];
		FUZZ_ASSERT(g->severity >= SR_NOTE && g->severity <= SR_ERROR, "severity %d",
			    (int)g->severity);
		FUZZ_ASSERT(g->code && g->code[0] && g->file && g->path && g->msg && g->msg[0],
			    "incomplete diagnostic %zu", i);
		FUZZ_ASSERT(strcmp(g->file, FUZZ_ORIGIN) == 0, "diagnostic about '%s'",
			    g->file);
	}
}

void fuzz_host(struct sr_host *out, const char *caps, const char *kernel, const char *arch)
{
	struct sr_host_overrides ov = {
		.caps = caps, .kernel = kernel, .arch = arch, .no_new_privs = true,
	};
	struct sr_error err = { 0 };

	if (host_detect(&ov, out, &err) < 0) {
		char buf[2048];
		sr_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "fuzz: host_detect: %s\n", buf);
		abort();
	}
}
