/* SPDX-License-Identifier: Apache-2.0 */
#include "compile.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "util.h"

static void release_ctx(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}
#define _cleanup_scmp_ __attribute__((cleanup(release_ctx)))

static uint32_t scmp_arch(const struct sr_arch *a)
{
	return seccomp_arch_resolve_name(a->lib_name);
}

int compile_syscall_nr(const struct sr_arch *arch, const char *name)
{
	uint32_t token = scmp_arch(arch);
	if (!token)
		return -1;
	int nr = seccomp_syscall_resolve_name_arch(token, name);
	return nr < 0 ? -1 : nr;
}

char *compile_syscall_name(const struct sr_arch *arch, int nr)
{
	uint32_t token = scmp_arch(arch);
	return token ? seccomp_syscall_resolve_num_arch(token, nr) : NULL;
}

bool compile_syscall_known(const char *name)
{
	return seccomp_syscall_resolve_name(name) != __NR_SCMP_ERROR;
}

const char *compile_libseccomp_version(void)
{
	static char buf[32];
	const struct scmp_version *v = seccomp_version();
	snprintf(buf, sizeof(buf), "%u.%u.%u", v->major, v->minor, v->micro);
	return buf;
}

static int fail_rc(struct sr_error *err, int rc, const char *what)
{
	return sr_fail_errno(err, -rc, "libseccomp: %s", what);
}

/* Arches go in before any rule: libseccomp applies a rule only to the
 * arches present when it is added. The context starts with libseccomp's
 * own native arch, which goes first when the target (--arch) is another:
 * libseccomp refuses to mix byte orders, so s390x could not join an
 * x86_64 context. */
static int add_arches(scmp_filter_ctx ctx, const struct sr_policy *pol,
		      struct sr_error *err)
{
	bool keep_lib_native = false;
	for (size_t i = 0; i < pol->narches; i++)
		keep_lib_native |= scmp_arch(pol->arches[i]) == seccomp_arch_native();
	if (!keep_lib_native) {
		int rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		if (rc < 0)
			return fail_rc(err, rc, "removing the native architecture");
	}
	for (size_t i = 0; i < pol->narches; i++) {
		uint32_t token = scmp_arch(pol->arches[i]);
		if (!token)
			return sr_fail_at(err, pol->profile->origin, NULL,
					  "architecture %s is unknown to libseccomp %s",
					  pol->arches[i]->scmp_name, compile_libseccomp_version());
		if (token == seccomp_arch_native())
			continue;
		int rc = sr_fault("arch") ? -EINVAL : seccomp_arch_add(ctx, token);
		if (rc < 0 && rc != -EEXIST)
			return sr_fail_errno(err, -rc, "libseccomp: adding the architecture %s",
					     pol->arches[i]->scmp_name);
	}
	return 0;
}

static struct scmp_arg_cmp to_cmp(const struct sr_arg *a)
{
	return (struct scmp_arg_cmp){
		.arg = a->index,
		.op = (enum scmp_compare)a->op,
		.datum_a = a->value,
		/* valueTwo matters only to MASKED_EQ, where it is the datum. */
		.datum_b = a->op == SR_OP_MASKED_EQ ? a->value_two : 0,
	};
}

static char *name_path(const struct sr_profile *p, const struct sr_rule *r, size_t j)
{
	_cleanup_free_ char *rpath = profile_rule_path(p, r);
	return r->legacy_name ? xasprintf("%s.name", rpath) : xasprintf("%s.names[%zu]", rpath, j);
}

static int add_rule_name(scmp_filter_ctx ctx, const struct sr_policy *pol,
			 const struct sr_rule *r, size_t name_idx, struct sr_error *err)
{
	const struct sr_profile *p = pol->profile;
	const char *name = r->names[name_idx];
	uint32_t action = sr_action_ret(r->action);

	/* Ignored like runc; policy_name_diags has said so. */
	int nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		return 0;

	/* runc and crun: if any index repeats, every condition becomes its own
	 * rule (OR); otherwise one rule with all conditions (AND), which then
	 * has at most one per index. */
	int rc = 0;
	if (rule_ors_conditions(r)) {
		for (size_t i = 0; i < r->nargs && rc >= 0; i++) {
			struct scmp_arg_cmp c = to_cmp(&r->args[i]);
			rc = sr_fault("rule") ? -EINVAL
					      : seccomp_rule_add_array(ctx, action, nr, 1, &c);
		}
	} else {
		struct scmp_arg_cmp conds[6];
		for (size_t i = 0; i < r->nargs; i++)
			conds[i] = to_cmp(&r->args[i]);
		rc = sr_fault("rule") ? -EINVAL
				      : seccomp_rule_add_array(ctx, action, nr, (unsigned)r->nargs, conds);
	}
	if (rc < 0) {
		_cleanup_free_ char *path = name_path(p, r, name_idx);
		sr_fail_errno(err, -rc, "libseccomp refused the rule for '%s'%s", name,
			      rc == -EEXIST ? " (an earlier rule has the same conditions "
					      "and another action)" : "");
		snprintf(err->file, sizeof(err->file), "%s", p->origin);
		snprintf(err->path, sizeof(err->path), "%s", path);
		return -1;
	}
	return 0;
}


/* The rules build_ctx() will hand to libseccomp: every known name of every
 * kept rule, once per condition when conditions are OR-ed. */
static size_t scmp_rule_count(const struct sr_policy *pol, uint32_t def)
{
	size_t n = 0;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || sr_action_ret(r->action) == def)
			continue;
		size_t per = rule_ors_conditions(r) ? r->nargs : 1;
		for (size_t j = 0; j < r->nnames; j++)
			if (seccomp_syscall_resolve_name(r->names[j]) != __NR_SCMP_ERROR)
				n += per;
	}
	return n;
}

int policy_name_diags(const struct sr_policy *pol, const struct sr_compile_opts *o,
		      struct sr_diags *diags, struct sr_error *err)
{
	const struct sr_profile *p = pol->profile;
	uint32_t def = sr_action_ret(pol->default_action);
	char defs[48], act[48];
	_cleanup_free_ char *list = NULL;
	size_t nlist = 0;

	sr_action_str(pol->default_action, defs, sizeof(defs));
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || sr_action_ret(r->action) == def)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			const char *name = r->names[j];
			if (compile_syscall_known(name))
				continue;
			/* Ignored like runc. That fails open when the rule would
			 * have denied more than the default does: say so loudly,
			 * one name at a time. Otherwise the name just stays as
			 * the default has it: one note for all of them. */
			if (sr_act_severity(r->action.kind) <=
			    sr_act_severity(pol->default_action.kind)) {
				char *longer = xasprintf("%s%s%s", list ? list : "", nlist ? ", " : "",
							 name);
				free(list);
				list = longer;
				nlist++;
				continue;
			}
			_cleanup_free_ char *path = name_path(p, r, j);
			sr_action_str(r->action, act, sizeof(act));
			if (o->strict)
				return sr_fail_at(err, p->origin, path,
						  "syscall '%s' is unknown to libseccomp %s, so this "
						  "rule cannot make it %s: it would stay %s",
						  name, compile_libseccomp_version(), act, defs);
			sr_diag_add(diags, SR_WARNING, "unknown-syscall", p->origin, path,
				    "syscall '%s' is unknown to libseccomp %s and is ignored: "
				    "it stays %s instead of %s",
				    name, compile_libseccomp_version(), defs, act);
		}
	}
	if (nlist)
		sr_diag_add(diags, SR_NOTE, "unknown-syscall", p->origin, "",
			    "%zu syscall name%s unknown to libseccomp %s, ignored (the default "
			    "action applies to them): %s",
			    nlist, nlist == 1 ? "" : "s", compile_libseccomp_version(), list);
	return 0;
}

static int build_ctx(const struct sr_policy *pol, const struct sr_compile_opts *o,
		     scmp_filter_ctx *out, struct sr_diags *diags,
		     struct sr_error *err)
{
	const struct sr_profile *p = pol->profile;
	uint32_t def = sr_action_ret(pol->default_action);
	_cleanup_scmp_ scmp_filter_ctx ctx = sr_fault("init") ? NULL : seccomp_init(def);
	if (!ctx)
		return sr_fail_at(err, p->origin, "defaultAction",
				  "libseccomp cannot use %s as the default action on this kernel",
				  pol->default_action.name);

	int rc;
	/* True errnos from the kernel instead of -ECANCELED; no_new_privs is
	 * ours to set, at load time. */
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1)) < 0 ||
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0)
		return fail_rc(err, rc, "setting filter attributes");
	if (add_arches(ctx, pol, err) < 0)
		return -1;
	size_t nrules = scmp_rule_count(pol, def);
	if (nrules > SR_MAX_SCMP_RULES)
		return sr_fail_at(err, p->origin, NULL,
				  "the selected rules make %zu libseccomp rules (one per syscall "
				  "name and OR-ed condition), more than the %d seccomp-run accepts: "
				  "libseccomp would take minutes, and the kernel loads at most %d BPF "
				  "instructions; remove duplicate rules",
				  nrules, SR_MAX_SCMP_RULES, BPF_MAXINSNS);

	if (policy_name_diags(pol, o, diags, err) < 0)
		return -1;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		/* libseccomp refuses rules equal to the default (-EACCES);
		 * runc and crun skip them before resolving names. */
		if (!pol->choices[i].kept || sr_action_ret(r->action) == def)
			continue;
		for (size_t j = 0; j < r->nnames; j++)
			if (add_rule_name(ctx, pol, r, j, err) < 0)
				return -1;
	}
	/* libseccomp's linear layout, its quickest to generate: bpf_relayout()
	 * makes the search tree. */
	*out = steal_ptr(&ctx);
	return 0;
}

static int read_all(int fd, struct sr_bpf *out, struct sr_error *err)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return sr_fail_errno(err, errno, "reading the exported filter");
	size_t size = (size_t)st.st_size;
	if (size == 0 || size % sizeof(struct sock_filter))
		return sr_fail(err, "libseccomp exported %zu bytes, not a BPF program", size);
	struct sock_filter *insns = xmalloc(size);
	for (size_t off = 0; off < size;) {
		ssize_t r = sr_fault("read") ? (errno = EIO, -1)
					     : pread(fd, (char *)insns + off, size - off, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(insns);
			return sr_fail_errno(err, r < 0 ? errno : EIO, "reading the exported filter");
		}
		off += (size_t)r;
	}
	out->insns = insns;
	out->len = size / sizeof(struct sock_filter);
	return 0;
}

const char *policy_why_no_enosys_stub(const struct sr_policy *pol)
{
	struct sr_action d = pol->default_action;
	if (d.kind == SR_ACT_ALLOW || d.kind == SR_ACT_LOG || d.kind == SR_ACT_TRACE)
		return "runc adds none when the default action is ALLOW, LOG or TRACE";
	if (d.kind == SR_ACT_ERRNO && d.data == ENOSYS)
		return "the default action already returns ENOSYS";
	return NULL;
}

int policy_max_syscall_nr(const struct sr_policy *pol, const struct sr_arch *arch)
{
	int max = -1;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			int nr = compile_syscall_nr(arch, r->names[j]);
			if (nr > max)
				max = nr;
		}
	}
	return max;
}

static size_t enosys_maxima(const struct sr_policy *pol, struct sr_enosys_arch *v)
{
	size_t n = 0;
	for (size_t a = 0; a < pol->narches; a++) {
		int max = policy_max_syscall_nr(pol, pol->arches[a]);
		if (max >= 0)
			v[n++] = (struct sr_enosys_arch){ pol->arches[a], (uint32_t)max };
	}
	return n;
}

int policy_export_pfc(const struct sr_policy *pol, const struct sr_compile_opts *o,
		      int fd, struct sr_diags *diags, struct sr_error *err)
{
	_cleanup_scmp_ scmp_filter_ctx ctx = NULL;
	if (build_ctx(pol, o, &ctx, diags, err) < 0)
		return -1;
	int rc = seccomp_export_pfc(ctx, fd);
	return rc < 0 ? fail_rc(err, rc, "exporting the filter as PFC") : 0;
}

static int export_bpf(scmp_filter_ctx ctx, struct sr_bpf *prog, struct sr_error *err)
{
	_cleanup_close_ int fd = sr_fault("memfd") ? (errno = EMFILE, -1)
						   : memfd_create("seccomp-run-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return sr_fail_errno(err, errno, "memfd_create for the exported filter");
	int rc = sr_fault("export") ? -ENOMEM : seccomp_export_bpf(ctx, fd);
	if (rc < 0)
		return fail_rc(err, rc, "exporting the filter as BPF");
	return read_all(fd, prog, err);
}

/* An argument value for which c holds as libseccomp compares (64 bits;
 * MASKED_EQ against the datum under the mask); false when none does. */
static bool satisfying_value(const struct sr_arg *c, uint64_t *v)
{
	switch (c->op) {
	case SR_OP_EQ:
	case SR_OP_LE:
	case SR_OP_GE:
		*v = c->value;
		return true;
	case SR_OP_NE:
		*v = c->value + 1;
		return true;
	case SR_OP_LT:
		*v = c->value - 1;
		return c->value != 0;
	case SR_OP_GT:
		*v = c->value + 1;
		return c->value != UINT64_MAX;
	case SR_OP_MASKED_EQ:
		*v = c->value_two & c->value;
		return true;
	}
	return false;
}

/* Whether prog gives a call of r's syscall nr on arch, with arguments that
 * satisfy r (all its conditions; one, where runc ORs them), an action other
 * than the default. Whichever kept rule wins, a rule that holds and differs
 * from the default never yields the default. */
static bool rule_reached(const struct sr_policy *pol, const struct sr_rule *r,
			 const struct sr_arch *arch, int nr, const struct sr_bpf *prog)
{
	const bool ors = rule_ors_conditions(r);
	/* libseccomp compares 32 bits on 32-bit ABIs, x32 included, where a
	 * 64-bit value means something else: those conditions are skipped. */
	const bool abi32 = !(arch->audit_arch & 0x80000000u) || arch->x32_bit;
	const uint32_t def = sr_action_ret(pol->default_action);
	bool tried = false;
	if (sr_fault("lost-rule"))
		return false;
	for (size_t v = 0; v < (ors ? r->nargs : 1); v++) {
		struct seccomp_data d = { .nr = nr, .arch = arch->audit_arch };
		bool ok = true;
		for (size_t i = ors ? v : 0; ok && i < (ors ? v + 1 : r->nargs); i++) {
			uint64_t x = 0;
			const struct sr_arg *c = &r->args[i];
			ok = satisfying_value(c, &x) &&
			     (!abi32 || (x <= UINT32_MAX && c->value <= UINT32_MAX &&
					 c->value_two <= UINT32_MAX));
			d.args[r->args[i].index] = x;
		}
		if (!ok)
			continue;
		tried = true;
		if (bpf_run(prog, &d, NULL) != def)
			return true;
	}
	/* Nothing to try (a condition nothing meets, or not in 32 bits): not
	 * a loss. */
	return !tried;
}

/* The first kept rule (not the default's action) that prog loses on some
 * arch: a call that satisfies it gets the default action. NULL when none.
 * A check on libseccomp's output, which has had such bugs: 2.5.4's linear
 * layout drops the syscall-number load of an x86_64 filter whose first
 * rule is a multiplexed pseudo-syscall such as socketcall, and the x86_64
 * part then compares the arch with syscall numbers. */
static const struct sr_rule *lost_rule(const struct sr_policy *pol, const struct sr_bpf *prog,
				       const struct sr_arch **where, const char **name)
{
	const uint32_t def = sr_action_ret(pol->default_action);
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || sr_action_ret(r->action) == def)
			continue;
		for (size_t a = 0; a < pol->narches; a++) {
			for (size_t j = 0; j < r->nnames; j++) {
				int nr = compile_syscall_nr(pol->arches[a], r->names[j]);
				if (nr >= 0 && !rule_reached(pol, r, pol->arches[a], nr, prog)) {
					*where = pol->arches[a];
					*name = r->names[j];
					return r;
				}
			}
		}
	}
	return NULL;
}

/* libseccomp's program, exported from ctx, made into what run loads: the
 * size checked, the ENOSYS stub added, laid out as a search tree. */
static int finish_program(const struct sr_policy *pol, const struct sr_compile_opts *o,
			  scmp_filter_ctx ctx, struct sr_bpf *prog, struct sr_error *err)
{
	if (export_bpf(ctx, prog, err) < 0)
		return -1;
	/* libseccomp exports programs the kernel will refuse (EINVAL). */
	if (prog->len > BPF_MAXINSNS) {
		sr_fail_at(err, pol->profile->origin, NULL,
			   "the filter has %zu instructions, more than the kernel's %d: "
			   "list fewer architectures or argument conditions",
			   prog->len, BPF_MAXINSNS);
		bpf_free(prog);
		return -1;
	}
	if (o->enosys_stub && !policy_why_no_enosys_stub(pol)) {
		struct sr_enosys_arch *maxima = xcalloc(pol->narches, sizeof(*maxima));
		size_t n = enosys_maxima(pol, maxima);
		int rc = bpf_prepend_enosys(prog, maxima, n, err);
		free(maxima);
		if (rc < 0) {
			bpf_free(prog);
			return -1;
		}
	}
	if (!o->libseccomp_layout)
		bpf_relayout(prog);
	return 0;
}

/* libseccomp's linear layout is the quickest to generate; if its program
 * loses a rule, its binary tree; if that does too, an error: nothing is
 * loaded that we know to be wrong. (The stub does not touch named
 * syscalls, and the layout computes the same function, so checking the
 * finished program checks libseccomp's, along the short paths.) */
int policy_compile(const struct sr_policy *pol, const struct sr_compile_opts *o,
		   struct sr_bpf *out, struct sr_diags *diags, struct sr_error *err)
{
	_cleanup_scmp_ scmp_filter_ctx ctx = NULL;
	if (build_ctx(pol, o, &ctx, diags, err) < 0)
		return -1;

	struct sr_bpf prog = { 0 };
	const struct sr_arch *arch;
	const char *name;
	if (finish_program(pol, o, ctx, &prog, err) < 0)
		return -1;
	if (lost_rule(pol, &prog, &arch, &name)) {
		bpf_free(&prog);
		int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
		if (rc < 0)
			return fail_rc(err, rc, "selecting the binary-tree layout");
		if (finish_program(pol, o, ctx, &prog, err) < 0)
			return -1;
		const struct sr_rule *r = lost_rule(pol, &prog, &arch, &name);
		if (r) {
			bpf_free(&prog);
			_cleanup_free_ char *path = profile_rule_path(pol->profile, r);
			return sr_fail_at(err, pol->profile->origin, path,
					  "libseccomp %s compiled a filter in which %s on %s does not "
					  "get this rule's action where its conditions hold; "
					  "refusing to load it",
					  compile_libseccomp_version(), name, arch->lib_name);
		}
	}

	prog.flags = pol->flags;
	/* WAIT_KILLABLE_RECV only means something to a notification listener;
	 * the kernel refuses it without one. */
	if (!policy_has_notify(pol))
		prog.flags &= ~(unsigned)SR_FLAG_WAIT_KILLABLE_RECV;
	if (!pol->profile->flags_present)
		prog.optional_flags = prog.flags;
	*out = prog;
	return 0;
}
