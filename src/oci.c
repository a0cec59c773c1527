/* SPDX-License-Identifier: Apache-2.0 */
/* The field order and the omissions follow runtime-spec's Go types
 * (specs-go/config.go, LinuxSeccomp and LinuxSyscall), so the output reads
 * like the config.json a Docker container gets: omitempty fields are left
 * out when empty, pointer fields (the errnos) when nil. */
#include "oci.h"

#include <stdlib.h>

#include "jsonw.h"

static const char *action_name(struct sr_action a)
{
	/* The profile's own spelling: SCMP_ACT_KILL stays SCMP_ACT_KILL. */
	return a.name ? a.name : sr_act_name(a.kind);
}

static void write_arch_list(struct jw *w, const struct sr_arch *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jw_string(w, NULL, v[i]->scmp_name);
}

/* moby: architectures as given; or the first archMap entry for the native
 * arch, itself then its sub-architectures; or nothing (native only). */
static void write_architectures(struct jw *w, const struct sr_policy *pol)
{
	const struct sr_profile *p = pol->profile;
	if (p->narches) {
		jw_array(w, "architectures");
		write_arch_list(w, p->arches, p->narches);
		jw_end_array(w);
		return;
	}
	for (size_t i = 0; i < p->narchmap; i++) {
		const struct sr_archmap *m = &p->archmap[i];
		if (m->arch != pol->native)
			continue;
		jw_array(w, "architectures");
		jw_string(w, NULL, m->arch->scmp_name);
		write_arch_list(w, m->subs, m->nsubs);
		jw_end_array(w);
		return;
	}
}

/* An empty list is written: it means no flags, where an absent one means
 * SPEC_ALLOW. (Go's omitempty would drop it, and runc would then add
 * SPEC_ALLOW: a moby quirk not worth copying.) */
static void write_flags(struct jw *w, const struct sr_profile *p)
{
	if (!p->flags_present)
		return;
	jw_array(w, "flags");
	for (unsigned bit = 1; bit; bit <<= 1) {
		const char *name = p->flags & bit ? sr_flag_name(bit) : NULL;
		if (name)
			jw_string(w, NULL, name);
	}
	jw_end_array(w);
}

static void write_arg(struct jw *w, const struct sr_arg *a)
{
	jw_object(w, NULL);
	jw_u64(w, "index", a->index);
	jw_u64(w, "value", a->value);
	if (a->value_two)
		jw_u64(w, "valueTwo", a->value_two);
	jw_string(w, "op", sr_op_name(a->op));
	jw_end_object(w);
}

/* The members both formats have, in runtime-spec's order. */
static void write_rule_members(struct jw *w, const struct sr_rule *r)
{
	jw_array(w, "names");
	for (size_t i = 0; i < r->nnames; i++)
		jw_string(w, NULL, r->names[i]);
	jw_end_array(w);
	jw_string(w, "action", action_name(r->action));
	if (r->has_errno)
		jw_u64(w, "errnoRet", r->action.data);
	if (r->nargs) {
		jw_array(w, "args");
		for (size_t i = 0; i < r->nargs; i++)
			write_arg(w, &r->args[i]);
		jw_end_array(w);
	}
}

static void write_rule(struct jw *w, const struct sr_rule *r)
{
	jw_object(w, NULL);
	write_rule_members(w, r);
	jw_end_object(w);
}

static size_t kept_rules(const struct sr_policy *pol)
{
	size_t n = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		n += pol->choices[i].kept;
	return n;
}

void policy_write_oci(const struct sr_policy *pol, FILE *f)
{
	const struct sr_profile *p = pol->profile;
	struct jw w;

	jw_init(&w, f, true);
	jw_object(&w, NULL);
	jw_string(&w, "defaultAction", action_name(p->default_action));
	if (p->has_default_errno)
		jw_u64(&w, "defaultErrnoRet", p->default_action.data);
	write_architectures(&w, pol);
	write_flags(&w, p);
	if (p->listener_path)
		jw_string(&w, "listenerPath", p->listener_path);
	if (p->listener_metadata)
		jw_string(&w, "listenerMetadata", p->listener_metadata);
	if (kept_rules(pol)) {
		jw_array(&w, "syscalls");
		for (size_t i = 0; i < pol->nchoices; i++)
			if (pol->choices[i].kept)
				write_rule(&w, pol->choices[i].rule);
		jw_end_array(&w);
	}
	jw_end_object(&w);
	jw_finish(&w);
}

static void write_cond(struct jw *w, const char *key, const struct sr_cond *c)
{
	if (!c->narches && !c->ncaps && !c->has_min_kernel)
		return;
	jw_object(w, key);
	if (c->narches) {
		jw_array(w, "arches");
		for (size_t i = 0; i < c->narches; i++)
			jw_string(w, NULL, c->arches[i]);
		jw_end_array(w);
	}
	if (c->ncaps) {
		jw_array(w, "caps");
		for (size_t i = 0; i < c->ncaps; i++)
			jw_string(w, NULL, c->caps[i]);
		jw_end_array(w);
	}
	if (c->has_min_kernel) {
		/* moby reads "" as 0.0, and refuses "0.0" written out. */
		char v[32] = "";
		if (c->min_kernel.kernel || c->min_kernel.major)
			snprintf(v, sizeof(v), "%u.%u", c->min_kernel.kernel, c->min_kernel.major);
		jw_string(w, "minKernel", v);
	}
	jw_end_object(w);
}

static void write_docker_rule(struct jw *w, const struct sr_rule *r)
{
	jw_object(w, NULL);
	write_rule_members(w, r);
	if (r->comment)
		jw_string(w, "comment", r->comment);
	write_cond(w, "includes", &r->includes);
	write_cond(w, "excludes", &r->excludes);
	jw_end_object(w);
}

void profile_write_docker(const struct sr_profile *p, FILE *f)
{
	struct jw w;

	jw_init(&w, f, true);
	jw_object(&w, NULL);
	if (p->comment)
		jw_string(&w, "comment", p->comment);
	jw_string(&w, "defaultAction", action_name(p->default_action));
	if (p->has_default_errno)
		jw_u64(&w, "defaultErrnoRet", p->default_action.data);
	if (p->narches) {
		jw_array(&w, "architectures");
		write_arch_list(&w, p->arches, p->narches);
		jw_end_array(&w);
	}
	if (p->narchmap) {
		jw_array(&w, "archMap");
		for (size_t i = 0; i < p->narchmap; i++) {
			jw_object(&w, NULL);
			jw_string(&w, "architecture", p->archmap[i].arch->scmp_name);
			jw_array(&w, "subArchitectures");
			write_arch_list(&w, p->archmap[i].subs, p->archmap[i].nsubs);
			jw_end_array(&w);
			jw_end_object(&w);
		}
		jw_end_array(&w);
	}
	write_flags(&w, p);
	if (p->listener_path)
		jw_string(&w, "listenerPath", p->listener_path);
	if (p->listener_metadata)
		jw_string(&w, "listenerMetadata", p->listener_metadata);
	jw_array(&w, "syscalls");
	for (size_t i = 0; i < p->nrules; i++)
		write_docker_rule(&w, &p->rules[i]);
	jw_end_array(&w);
	jw_end_object(&w);
	jw_finish(&w);
}

char *oci_process_state(long pid, const char *id, const char *bundle, const char *metadata)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort(); /* out of memory, as xmalloc would */
	struct jw w;
	jw_init(&w, f, false);
	jw_object(&w, NULL);
	jw_string(&w, "ociVersion", SR_OCI_VERSION);
	jw_array(&w, "fds");
	jw_string(&w, NULL, "seccompFd");
	jw_end_array(&w);
	jw_i64(&w, "pid", pid);
	if (metadata && *metadata)
		jw_string(&w, "metadata", metadata);
	jw_object(&w, "state");
	jw_string(&w, "ociVersion", SR_OCI_VERSION);
	jw_string(&w, "id", id);
	jw_string(&w, "status", "creating");
	jw_i64(&w, "pid", pid);
	jw_string(&w, "bundle", bundle);
	jw_end_object(&w);
	jw_end_object(&w);
	if (fclose(f) != 0)
		abort();
	return buf;
}
