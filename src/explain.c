/* SPDX-License-Identifier: Apache-2.0 */
/* explain: the policy for this host (or the one --caps, --kernel and --arch
 * describe) as a reader needs it: what is filtered on which architecture,
 * what happens to everything else, and why each conditional rule was kept
 * or dropped. --format json prints what moby would hand runc. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oci.h"
#include "stages.h"
#include "util.h"
#include "verbs.h"

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }

static const char *const op_symbols[] = {
	[SR_OP_NE] = "!=", [SR_OP_LT] = "<",  [SR_OP_LE] = "<=",
	[SR_OP_EQ] = "==", [SR_OP_GE] = ">=", [SR_OP_GT] = ">",
};

void describe_conditions(const struct sr_rule *r, char *buf, size_t size)
{
	size_t n = 0;
	bool ored = rule_ors_conditions(r);
	buf[0] = '\0';
	for (size_t i = 0; i < r->nargs && n < size; i++) {
		const struct sr_arg *a = &r->args[i];
		const char *join = i == 0 ? "" : ored ? " || " : " && ";
		if (a->op == SR_OP_MASKED_EQ)
			/* libseccomp masks the datum too (see check's masked-eq-datum). */
			n += (size_t)snprintf(buf + n, size - n, "%sarg%u & %#" PRIx64 " == %#" PRIx64,
					      join, a->index, a->value, a->value_two & a->value);
		else
			n += (size_t)snprintf(buf + n, size - n, "%sarg%u %s %#" PRIx64, join,
					      a->index, op_symbols[a->op], a->value);
	}
}

/* "x86_64 435, x86 435, x32 0x400001b3" or "x86 only" pieces per name. */
static void print_numbers(const struct sr_policy *pol, const char *name)
{
	printf("    %-24s", name);
	for (size_t a = 0; a < pol->narches; a++) {
		const struct sr_arch *arch = pol->arches[a];
		int nr = compile_syscall_nr(arch, name);
		if (nr < 0)
			printf(" %s -", arch->lib_name);
		else if (arch->x32_bit)
			printf(" %s %#x", arch->lib_name, (unsigned)nr);
		else
			printf(" %s %d", arch->lib_name, nr);
		putchar(a + 1 < pol->narches ? ',' : '\n');
	}
}

static void print_header(const struct sr_stages *st)
{
	const struct sr_policy *pol = &st->policy;
	const struct sr_host *h = &st->host;
	char def[48], origin[1024];
	sr_escape(origin, sizeof(origin), st->profile.origin);
	sr_action_str(pol->default_action, def, sizeof(def));

	printf("profile %s\n", origin);
	printf("selected for %s (%s), kernel %u.%u, %zu capabilit%s%s\n", h->arch->lib_name,
	       h->arch->token,
	       h->kernel.kernel, h->kernel.major, h->ncaps, h->ncaps == 1 ? "y" : "ies",
	       h->caps_overridden ? " (--caps)" : " (what the program would hold)");
	printf("default action %s", def);
	switch (pol->default_action.kind) {
	case SR_ACT_ERRNO:
		printf(": other syscalls fail with %s; the process is not killed\n",
		       sr_errno_name(pol->default_action.data) ?: "that errno");
		break;
	case SR_ACT_KILL_THREAD:
		printf(": another syscall kills the calling thread only\n");
		break;
	case SR_ACT_KILL_PROCESS:
		printf(": another syscall kills the whole process\n");
		break;
	case SR_ACT_TRAP:
		printf(": another syscall raises SIGSYS\n");
		break;
	default:
		putchar('\n');
	}
	printf("architectures");
	for (size_t i = 0; i < pol->narches; i++)
		printf("%s %s%s", i ? "," : "", pol->arches[i]->lib_name,
		       pol->arches[i] == pol->native ? " (native)" : "");
	printf("; other ABIs are killed (libseccomp's bad-arch action)\n");
	printf("flags");
	unsigned flags = st->bpf.len ? st->bpf.flags : pol->flags;
	if (!flags)
		printf(" none");
	for (unsigned bit = 1; bit; bit <<= 1)
		if (flags & bit)
			printf(" %s", sr_flag_name(bit) ?: "?");
	printf("%s\n", st->profile.flags_present ? "" : " (the profile sets none)");
}

static void print_stub(const struct sr_stages *st, const struct sr_options *o)
{
	const struct sr_policy *pol = &st->policy;
	const char *none = o->no_enosys ? "--no-enosys" : policy_why_no_enosys_stub(pol);
	if (none) {
		printf("no ENOSYS stub: %s\n", none);
		return;
	}
	printf("ENOSYS stub: syscalls newer than the profile return ENOSYS:");
	for (size_t a = 0; a < pol->narches; a++) {
		int max = policy_max_syscall_nr(pol, pol->arches[a]);
		if (max >= 0)
			printf(pol->arches[a]->x32_bit ? "%s %s above %#x" : "%s %s above %d",
			       a ? "," : "", pol->arches[a]->lib_name, max);
	}
	putchar('\n');
}

static void print_rules(const struct sr_stages *st, const struct sr_options *o)
{
	const struct sr_policy *pol = &st->policy;
	uint32_t def = sr_action_ret(pol->default_action);
	size_t kept = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		kept += pol->choices[i].kept;
	printf("%zu of %zu rules apply\n", kept, pol->nchoices);

	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_choice *c = &pol->choices[i];
		const struct sr_rule *r = c->rule;
		_cleanup_free_ char *path = profile_rule_path(&st->profile, r);
		char act[48], conds[1024], reason[4 * sizeof(c->reason)];
		sr_action_str(r->action, act, sizeof(act));
		sr_escape(reason, sizeof(reason), c->reason);
		describe_conditions(r, conds, sizeof(conds));

		printf("\n%s ", path);
		for (size_t j = 0; j < r->nnames && j < 3; j++) {
			char name[256];
			sr_escape(name, sizeof(name), r->names[j]);
			printf("%s%s", j ? ", " : "", name);
		}
		if (r->nnames > 3)
			printf(" (+%zu more)", r->nnames - 3);
		printf(": %s%s%s", act, *conds ? " if " : "", conds);
		if (!c->kept)
			printf(" -- dropped: %s\n", reason);
		else if (sr_action_ret(r->action) == def)
			printf(" -- kept (%s), but equal to the default action: no effect\n",
			       reason);
		else
			printf(" -- kept (%s)\n", reason);
		/* A dropped rule's syscalls are listed by name only: their
		 * numbers do not matter here, and -v shows them anyway. */
		for (size_t j = 0; j < r->nnames; j++) {
			char name[256];
			sr_escape(name, sizeof(name), r->names[j]);
			if (c->kept || o->verbose)
				print_numbers(pol, name);
			else
				printf("    %s\n", name);
		}
	}
}

int cmd_explain(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	bool json = strcmp(o->format, "json") == 0;
	/* Compiling is what finds unknown names and the stub's bounds; the
	 * OCI form needs only the selection. */
	if (stages_run(&st, o, o->profile, json ? SR_STAGE_SELECT : SR_STAGE_COMPILE, err) < 0 ||
	    stages_report(&st.diags, o, err) < 0)
		return -1;
	if (st.unconfined) {
		/* moby hands runc no seccomp object at all. */
		puts(json ? "null" : "profile unconfined: no filter, every syscall is allowed");
		return 0;
	}
	if (json) {
		policy_write_oci(&st.policy, stdout);
		return 0;
	}
	print_header(&st);
	print_stub(&st, o);
	printf("%zu BPF instructions\n", st.bpf.len);
	print_rules(&st, o);
	return 0;
}
