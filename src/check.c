/* SPDX-License-Identifier: Apache-2.0 */
/* check: validate profiles and lint them. Every finding has a stable code
 * so it can be grepped for and silenced with --ignore. The profile is
 * judged as it would be selected and compiled for this host (or for what
 * --caps, --kernel and --arch describe): the semantic lints ask our BPF
 * interpreter what the real filter does, rather than guessing from the
 * JSON. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bpf.h"
#include "jsonw.h"
#include "stages.h"
#include "sysargs.h"
#include "util.h"
#include "verbs.h"

/* Every code check can report, for --ignore and the manual. The parser's
 * and compiler's own codes come first. */
static const char *const codes[] = {
	"format", "compile", "unknown-key", "key-case", "comments",
	"unknown-syscall", "other-arch", "missing-on-arch",
	"execve-denied", "no-exit", "enosys-fallback",
	"duplicate", "conflict", "shadowed", "overridden", "default-action",
	"masked-eq-datum", "masked-eq-no-datum", "masked-eq-mask", "value-two-unused",
	"arg-index", "int-arg", "sibling-allowed",
	"notify-no-listener", "legacy-name", "podman-only", "flags", "kill-thread",
	NULL,
};

struct lint {
	const struct sr_options *o;
	const struct sr_profile *p;
	const struct sr_policy *pol;
	const struct sr_bpf *bpf;        /* NULL when compiling failed */
	const struct sr_bpf *bpf_nostub; /* the same without the ENOSYS stub */
	uint32_t def;                    /* the default action's return value */
	struct sr_diags *out;
};

static void finding(struct lint *L, enum sr_severity sev, const char *code,
		    const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void finding(struct lint *L, enum sr_severity sev, const char *code,
		    const char *path, const char *fmt, ...)
{
	va_list ap;
	_cleanup_free_ char *msg = NULL;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	sr_diag_add(L->out, sev, code, L->p->origin, path, "%s", msg ? msg : "(out of memory)");
}

static char *rule_path(const struct lint *L, const struct sr_rule *r)
{
	return profile_rule_path(L->p, r);
}

static char *name_path(const struct lint *L, const struct sr_rule *r, size_t j)
{
	_cleanup_free_ char *rp = rule_path(L, r);
	return r->legacy_name ? xasprintf("%s.name", rp) : xasprintf("%s.names[%zu]", rp, j);
}

/* A growing ", "-separated list for messages. */
struct list {
	char *s;
	size_t n;
};

static void list_add(struct list *l, const char *item)
{
	char *s = xasprintf("%s%s%s", l->s ? l->s : "", l->n ? ", " : "", item);
	free(l->s);
	l->s = s;
	l->n++;
}

static const char *list_str(const struct list *l)
{
	return l->s ? l->s : "";
}

/* ------------------------------------------------------------ the filter */

static bool lets_through(uint32_t ret)
{
	uint32_t a = ret & SECCOMP_RET_ACTION_FULL;
	/* A listener decides NOTIFY calls; check cannot know its answer. */
	return a == SECCOMP_RET_ALLOW || a == SECCOMP_RET_LOG || a == SECCOMP_RET_USER_NOTIF;
}

/* What glibc needs to try an older call instead. */
static bool falls_back(uint32_t ret)
{
	return lets_through(ret) || ret == (SECCOMP_RET_ERRNO | ENOSYS);
}

/* What prog does to name on the native arch with all-zero arguments, or
 * false when the name does not exist there. */
static bool native_verdict(const struct lint *L, const struct sr_bpf *prog,
			   const char *name, uint32_t *ret)
{
	int nr = compile_syscall_nr(L->pol->native, name);
	if (nr < 0 || !prog)
		return false;
	struct seccomp_data d = { .nr = nr, .arch = L->pol->native->audit_arch };
	*ret = bpf_run(prog, &d, NULL);
	return true;
}

static void lint_execve(struct lint *L)
{
	static const char *const execs[] = { "execve", "execveat" };
	for (size_t i = 0; i < ARRAY_SIZE(execs); i++) {
		uint32_t ret;
		char what[64];
		/* fexecve() falls back to /proc/self/fd when execveat is ENOSYS. */
		if (!native_verdict(L, L->bpf, execs[i], &ret) || lets_through(ret) ||
		    (i == 1 && falls_back(ret)))
			continue;
		if (i == 0)
			finding(L, SR_ERROR, "execve-denied", "",
				"execve is %s: no program can even start under this profile "
				"(seccomp-run refuses with status 126; a container fails to start); "
				"allow execve",
				sr_ret_str(ret, what, sizeof(what)));
		else
			finding(L, SR_NOTE, "execve-denied", "",
				"execveat is %s: fexecve() and programs that exec by file "
				"descriptor fail",
				sr_ret_str(ret, what, sizeof(what)));
	}
}

static void lint_exit(struct lint *L)
{
	static const char *const needed[][2] = {
		{ "exit_group", "the process cannot exit normally (glibc's _exit then crashes it)" },
		{ "exit", "threads cannot end (pthread_exit)" },
		{ "rt_sigreturn", "returning from any signal handler kills the process" },
	};
	if (lets_through(L->def))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(needed); i++) {
		uint32_t ret;
		char what[64];
		if (native_verdict(L, L->bpf, needed[i][0], &ret) && !lets_through(ret))
			finding(L, SR_WARNING, "no-exit", "",
				"the allow-list leaves out %s (%s): %s",
				needed[i][0], sr_ret_str(ret, what, sizeof(what)), needed[i][1]);
	}
}

static void lint_enosys(struct lint *L)
{
	/* One finding for each way the fallbacks break: without the stub
	 * only, or even with it. */
	struct list calls[2] = { 0 }, effects[2] = { 0 };
	char what[2][64] = { "", "" };
	const struct sr_fallback *fb;
	for (size_t i = 0; (fb = sysargs_fallback(i)); i++) {
		uint32_t plain, stubbed;
		if (!native_verdict(L, L->bpf_nostub, fb->name, &plain) || falls_back(plain))
			continue;
		bool stub_saves = !L->o->no_enosys && native_verdict(L, L->bpf, fb->name, &stubbed) &&
				  falls_back(stubbed);
		list_add(&calls[stub_saves], fb->name);
		char *effect = xasprintf("%s falls back to %s (else %s)", fb->name, fb->fallback,
					 fb->breaks);
		list_add(&effects[stub_saves], effect);
		free(effect);
		sr_ret_str(plain, what[stub_saves], sizeof(what[0]));
	}
	int max = policy_max_syscall_nr(L->pol, L->pol->native);
	for (int saved = 0; saved < 2; saved++) {
		char where[160];
		if (!calls[saved].n)
			continue;
		if (saved)
			snprintf(where, sizeof(where), "where the ENOSYS stub is off (crun, Podman, "
				 "CRI-O, seccomp-run --no-enosys)");
		else if (L->o->no_enosys)
			snprintf(where, sizeof(where), "(--no-enosys)");
		else if (max < 0)
			snprintf(where, sizeof(where), "(the profile names no syscall, so there is no "
				 "ENOSYS stub)");
		else
			snprintf(where, sizeof(where), "even with the ENOSYS stub, which only covers "
				 "syscalls above the highest the profile names (%d)", max);
		finding(L, SR_WARNING, "enosys-fallback", "",
			"%s %s %s %s: glibc tries %s first and falls back only on ENOSYS (%s); "
			"allow %s, or add a rule returning ENOSYS (\"errnoRet\": 38) as "
			"Docker's profile does for clone3",
			list_str(&calls[saved]), calls[saved].n == 1 ? "is" : "are", what[saved], where,
			calls[saved].n == 1 ? "it" : "them", list_str(&effects[saved]),
			calls[saved].n == 1 ? "it" : "them");
		free(calls[saved].s);
		free(effects[saved].s);
	}
}

/* Denying one way of doing something while its siblings stay allowed only
 * stops careless callers (chmod denied, fchmodat allowed). */
static void lint_siblings(struct lint *L)
{
	struct list reported = { 0 };
	if (!lets_through(L->def) || !L->bpf)
		return;
	for (size_t i = 0; i < L->pol->nchoices; i++) {
		const struct sr_rule *r = L->pol->choices[i].rule;
		if (!L->pol->choices[i].kept || r->nargs)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			const char *const *family = sysargs_family(r->names[j]);
			uint32_t ret;
			if (!family || !native_verdict(L, L->bpf, r->names[j], &ret) ||
			    lets_through(ret) || strstr(list_str(&reported), family[0]))
				continue;
			struct list open = { 0 };
			for (size_t k = 0; family[k]; k++) {
				uint32_t sib;
				if (native_verdict(L, L->bpf, family[k], &sib) && lets_through(sib))
					list_add(&open, family[k]);
			}
			if (open.n) {
				_cleanup_free_ char *path = name_path(L, r, j);
				char what[64];
				finding(L, SR_WARNING, "sibling-allowed", path,
					"%s is %s, but %s %s still allowed: they do the same thing, so "
					"this stops only programs that happen to use %s",
					r->names[j], sr_ret_str(ret, what, sizeof(what)), list_str(&open),
					open.n == 1 ? "is" : "are", r->names[j]);
				list_add(&reported, family[0]);
			}
			free(open.s);
		}
	}
	free(reported.s);
}

/* ------------------------------------------------------------ names */

/* Where a name exists, for "exists only on ..." messages. */
static void arches_having(const char *name, struct list *where)
{
	const struct sr_arch *a;
	for (unsigned i = 0; (a = sr_arch_at(i)); i++)
		if (compile_syscall_nr(a, name) >= 0 && !strstr(list_str(where), a->lib_name))
			list_add(where, a->lib_name);
}

static void add_target(const struct sr_arch **v, size_t *n, size_t max, const struct sr_arch *a)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i] == a)
			return;
	if (*n < max)
		v[(*n)++] = a;
}

/* The architectures a name must exist on to mean something: those --arch
 * selects, else those the profile lists (architectures, every archMap
 * entry). A profile that lists none runs native-only wherever it is
 * deployed, so it may name syscalls of any arch. *listed tells whether the
 * list is one the author wrote out (architectures, --arch) rather than
 * archMap's catalogue, where most names are missing somewhere. */
static size_t target_arches(const struct lint *L, const struct sr_arch **out, size_t max,
			    bool *listed)
{
	size_t n = 0;
	*listed = true;
	if (L->o->arch) {
		for (size_t i = 0; i < L->pol->narches; i++)
			add_target(out, &n, max, L->pol->arches[i]);
		return n;
	}
	for (size_t i = 0; i < L->p->narches; i++)
		add_target(out, &n, max, L->p->arches[i]);
	if (n)
		return n;
	*listed = false;
	for (size_t i = 0; i < L->p->narchmap; i++) {
		const struct sr_archmap *m = &L->p->archmap[i];
		add_target(out, &n, max, m->arch);
		for (size_t j = 0; j < m->nsubs; j++)
			add_target(out, &n, max, m->subs[j]);
	}
	return n;
}

static bool arch_conditional(const struct sr_rule *r)
{
	return (r->includes.present && r->includes.narches) ||
	       (r->excludes.present && r->excludes.narches);
}

/* Syscalls of kernels newer than libseccomp 2.5.4 (from Linux 6.18's
 * tracepoints, and riscv): unknown to the library, but not typos. */
static const char *const newer_syscalls[] = {
	"file_getattr", "file_setattr", "getxattrat", "listmount", "listxattrat",
	"lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr", "mseal",
	"open_tree_attr", "removexattrat", "riscv_hwprobe", "setxattrat", "statmount",
	"uprobe", "uretprobe",
};

static bool newer_syscall(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(newer_syscalls); i++)
		if (strcmp(name, newer_syscalls[i]) == 0)
			return true;
	return false;
}

/* Edit distance (insertions, deletions, substitutions, adjacent swaps),
 * stopping early once it exceeds max. */
static size_t distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 31 || lb > 31 || (la > lb ? la - lb : lb - la) > max)
		return max + 1;
	size_t d[32][32];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* The known syscall nearest to a misspelt name, or NULL if none is near:
 * one edit for short names, two for longer ones. */
static const char *nearest_syscall(const char *name)
{
	size_t max = strlen(name) <= 4 ? 1 : 2, best = max + 1;
	const char *found = NULL, *cand;
	for (size_t i = 0; (cand = sysargs_nth(i)); i++) {
		size_t d = distance(name, cand, max);
		if (d < best) {
			best = d;
			found = cand;
		}
	}
	return found;
}

static void lint_unknown_name(struct lint *L, const struct sr_rule *r, size_t j)
{
	const char *name = r->names[j];
	_cleanup_free_ char *path = name_path(L, r, j);
	bool newer = newer_syscall(name);
	const char *near = newer ? NULL : nearest_syscall(name);
	/* Stricter than the default, an ignored name stays as the default has
	 * it: the rule fails open. A near miss is probably a typo. A syscall
	 * newer than this libseccomp is only worth knowing about. */
	bool fails_open = sr_act_severity(r->action.kind) >
			  sr_act_severity(L->pol->default_action.kind);
	finding(L, fails_open || !newer ? SR_WARNING : SR_NOTE, "unknown-syscall", path,
		"'%s' is %s libseccomp %s %s, so it is ignored (by runc and crun too)%s%s%s%s",
		name, newer ? "a syscall of newer kernels that" : "not a syscall",
		compile_libseccomp_version(), newer ? "does not know" : "knows",
		fails_open ? ": it stays as the default action has it, which this rule meant "
			     "to tighten" : "",
		near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

static void lint_names(struct lint *L)
{
	const struct sr_arch *targets[64];
	bool listed;
	size_t ntargets = target_arches(L, targets, ARRAY_SIZE(targets), &listed);
	for (size_t i = 0; i < L->p->nrules; i++) {
		const struct sr_rule *r = &L->p->rules[i];
		bool judge_arches = ntargets && !arch_conditional(r);
		struct list absent[ARRAY_SIZE(targets)] = { 0 };
		for (size_t j = 0; j < r->nnames; j++) {
			const char *name = r->names[j];
			if (!compile_syscall_known(name)) {
				lint_unknown_name(L, r, j);
				continue;
			}
			if (!judge_arches)
				continue;
			size_t present = 0;
			for (size_t a = 0; a < ntargets; a++)
				present += compile_syscall_nr(targets[a], name) >= 0;
			if (present == 0) {
				_cleanup_free_ char *path = name_path(L, r, j);
				struct list where = { 0 };
				arches_having(name, &where);
				finding(L, SR_WARNING, "other-arch", path,
					"'%s' exists on none of the profile's architectures, so this "
					"entry does nothing; it exists on %s",
					name, list_str(&where));
				free(where.s);
				continue;
			}
			for (size_t a = 0; a < ntargets && listed; a++)
				if (compile_syscall_nr(targets[a], name) < 0)
					list_add(&absent[a], name);
		}
		_cleanup_free_ char *rp = rule_path(L, r);
		for (size_t a = 0; a < ntargets; a++) {
			if (absent[a].n)
				finding(L, SR_NOTE, "missing-on-arch", rp,
					"%s has no %s: %s only to the other architectures",
					targets[a]->lib_name, list_str(&absent[a]),
					absent[a].n == 1 ? "that name applies" : "those names apply");
			free(absent[a].s);
		}
	}
}

/* ------------------------------------------------------------ arguments */

static bool is_64bit(const struct sr_arch *a)
{
	return a->audit_arch & 0x80000000u; /* __AUDIT_ARCH_64BIT */
}

/* Can a caller keep the low 32 bits (all an int argument means to the
 * kernel) and still make this comparison come out differently? Only by
 * setting upper bits, which raise the value: LT/LE and equality tests that
 * look at the upper half can be escaped that way. */
static bool upper_bits_escape(const struct sr_arg *a)
{
	switch (a->op) {
	case SR_OP_EQ:
	case SR_OP_LT:
	case SR_OP_LE:
		return true;
	case SR_OP_MASKED_EQ:
		return a->value >> 32 != 0;
	default:
		return false;
	}
}

static void lint_arg_semantics(struct lint *L, const struct sr_rule *r, size_t k,
			       const char *path)
{
	const struct sr_arg *a = &r->args[k];
	if (a->op == SR_OP_MASKED_EQ) {
		uint64_t mask = a->value, datum = a->value_two;
		if (mask == 0)
			finding(L, SR_WARNING, "masked-eq-mask", path,
				"the mask (value) is 0, so (arg%u & 0) == 0 matches every call",
				a->index);
		else if (!a->has_value_two)
			finding(L, SR_NOTE, "masked-eq-no-datum", path,
				"valueTwo is missing, so the datum is 0: this matches when "
				"(arg%u & %#" PRIx64 ") == 0, i.e. when none of those bits is set "
				"(for SCMP_CMP_MASKED_EQ, value is the mask and valueTwo the datum); "
				"write \"valueTwo\": 0 if that is what you mean",
				a->index, mask);
		else if (datum & ~mask)
			finding(L, SR_WARNING, "masked-eq-datum", path,
				"the datum %" PRIu64 " (%#" PRIx64 ") has bits outside the mask %"
				PRIu64 " (%#" PRIx64 "): libseccomp drops them and matches (arg%u & %#"
				PRIx64 ") == %#" PRIx64 ", not what %" PRIu64 " says (compared as "
				"written, it would never match)",
				datum, datum, mask, mask, a->index, mask, datum & mask, datum);
	} else if (a->value_two) {
		finding(L, SR_NOTE, "value-two-unused", path,
			"valueTwo is used only by SCMP_CMP_MASKED_EQ; %s ignores it",
			sr_op_name(a->op));
	}
}

static void lint_arg_names(struct lint *L, const struct sr_rule *r, size_t k,
			   const char *path)
{
	const struct sr_arg *a = &r->args[k];
	struct list lacking = { 0 }, ints = { 0 };
	/* A bypass needs a rule stricter than the default: escaping an allow
	 * rule only lands on the default's denial. */
	bool denies = sr_act_severity(r->action.kind) > sr_act_severity(L->pol->default_action.kind);
	for (size_t j = 0; j < r->nnames; j++) {
		int n = sysargs_count(r->names[j]);
		if (n >= 0 && a->index >= (unsigned)n)
			list_add(&lacking, r->names[j]);
		else if (denies && is_64bit(L->pol->native) && upper_bits_escape(a) &&
			 sysargs_class(r->names[j], a->index) == SR_ARG_INT32)
			list_add(&ints, r->names[j]);
	}
	if (lacking.n)
		finding(L, SR_WARNING, "arg-index", path,
			"%s %s no argument %u: the register holds whatever the caller left "
			"there, so this condition matches or not at random",
			list_str(&lacking), lacking.n == 1 ? "has" : "have", a->index);
	if (ints.n)
		finding(L, SR_WARNING, "int-arg", path,
			"argument %u of %s is a 32-bit int: the kernel ignores the upper half of "
			"the register, but this %s compares all 64 bits, so a caller that sets "
			"upper bits (%#" PRIx64 ") escapes the rule; compare with SCMP_CMP_MASKED_EQ "
			"and mask 0xffffffff",
			a->index, list_str(&ints), sr_op_name(a->op), a->value | (UINT64_C(1) << 32));
	free(lacking.s);
	free(ints.s);
}

static void lint_args(struct lint *L)
{
	for (size_t i = 0; i < L->p->nrules; i++) {
		const struct sr_rule *r = &L->p->rules[i];
		_cleanup_free_ char *rp = rule_path(L, r);
		for (size_t k = 0; k < r->nargs; k++) {
			_cleanup_free_ char *path = xasprintf("%s.args[%zu]", rp, k);
			lint_arg_semantics(L, r, k, path);
			lint_arg_names(L, r, k, path);
		}
	}
}

/* ------------------------------------------------------------ rules */

static bool same_arg(const struct sr_arg *a, const struct sr_arg *b)
{
	return a->index == b->index && a->op == b->op && a->value == b->value &&
	       (a->op != SR_OP_MASKED_EQ || (a->value_two & a->value) == (b->value_two & b->value));
}

/* Conditions as libseccomp receives them: all of them ANDed, or, when an
 * index repeats, each on its own (runc's OR). */
struct condset {
	const struct sr_arg *args;
	size_t n;
};

static bool same_conds(struct condset x, struct condset y)
{
	if (x.n != y.n)
		return false;
	for (size_t i = 0; i < x.n; i++) {
		bool found = false;
		for (size_t j = 0; j < y.n && !found; j++)
			found = same_arg(&x.args[i], &y.args[j]);
		if (!found)
			return false;
	}
	return true;
}

static size_t condsets(const struct sr_rule *r, struct condset *out)
{
	if (!rule_ors_conditions(r)) {
		out[0] = (struct condset){ r->args, r->nargs };
		return 1;
	}
	for (size_t i = 0; i < r->nargs; i++)
		out[i] = (struct condset){ &r->args[i], 1 };
	return r->nargs;
}

/* One libseccomp rule as added: for overlap analysis. */
struct added {
	const char *name;
	const struct sr_rule *rule;
	struct condset conds;
};

enum overlap { OV_NONE, OV_DUPLICATE, OV_CONFLICT, OV_SHADOWED, OV_OVERRIDES };

/* What libseccomp does with rule b for a name that rule a (added earlier)
 * also has (semantics.md §4.4). */
static enum overlap overlap_of(const struct added *a, const struct added *b)
{
	bool same_action = sr_action_ret(a->rule->action) == sr_action_ret(b->rule->action);
	if (a->conds.n == 0)
		return same_action && b->conds.n == 0 ? OV_DUPLICATE : OV_SHADOWED;
	if (b->conds.n == 0)
		return OV_OVERRIDES;
	if (same_conds(a->conds, b->conds))
		return same_action ? OV_DUPLICATE : OV_CONFLICT;
	return OV_NONE;
}

static void report_overlap(struct lint *L, enum overlap ov, const struct sr_rule *earlier,
			   const struct sr_rule *later, const char *names)
{
	_cleanup_free_ char *ep = rule_path(L, earlier), *lp = rule_path(L, later);
	char ea[48];
	sr_action_str(earlier->action, ea, sizeof(ea));
	switch (ov) {
	case OV_DUPLICATE:
		finding(L, SR_NOTE, "duplicate", lp,
			"%s: the same action and conditions as %s; remove one", names, ep);
		break;
	case OV_CONFLICT:
		finding(L, SR_ERROR, "conflict", lp,
			"%s: the same conditions as %s but another action: libseccomp refuses "
			"the filter (EEXIST), in runc and crun too", names, ep);
		break;
	case OV_SHADOWED:
		finding(L, SR_WARNING, "shadowed", lp,
			"%s: %s already decides %s unconditionally (%s), and libseccomp silently "
			"drops any later rule for the same syscall: this rule has no effect on %s",
			names, ep, strchr(names, ',') ? "them" : "it", ea,
			strchr(names, ',') ? "them" : "it");
		break;
	case OV_OVERRIDES:
		finding(L, SR_WARNING, "overridden", ep,
			"%s: %s's unconditional rule replaces these conditional ones (libseccomp "
			"keeps the unconditional action), so the conditions here have no effect",
			names, lp);
		break;
	case OV_NONE:
		break;
	}
}

static void lint_overlaps(struct lint *L)
{
	const struct sr_policy *pol = L->pol;
	struct added *v = NULL;
	size_t n = 0, cap = 0;

	/* Pairwise, so bounded like compile: past libseccomp's rule limit the
	 * compile finding already refuses the profile. */
	size_t total = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		total += pol->choices[i].rule->nnames * (pol->choices[i].rule->nargs + 1);
	if (total > SR_MAX_SCMP_RULES)
		return;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		/* Skipped by compile like runc and crun; reported on their own. */
		if (!pol->choices[i].kept || sr_action_ret(r->action) == L->def)
			continue;
		_cleanup_free_ struct condset *sets = xcalloc(r->nargs + 1, sizeof(*sets));
		size_t nsets = condsets(r, sets);
		/* Findings per (kind, earlier rule), names gathered. */
		struct {
			enum overlap ov;
			const struct sr_rule *earlier;
			struct list names;
		} found[16];
		size_t nfound = 0;

		for (size_t j = 0; j < r->nnames; j++) {
			for (size_t s = 0; s < nsets; s++) {
				struct added cur = { r->names[j], r, sets[s] };
				for (size_t k = 0; k < n; k++) {
					if (v[k].rule == r || strcmp(v[k].name, cur.name) != 0)
						continue;
					enum overlap ov = overlap_of(&v[k], &cur);
					if (ov == OV_NONE)
						continue;
					size_t f = 0;
					while (f < nfound && !(found[f].ov == ov && found[f].earlier == v[k].rule))
						f++;
					if (f == nfound && nfound < ARRAY_SIZE(found))
						found[nfound++] = (typeof(found[0])){ ov, v[k].rule, { 0 } };
					if (f < nfound && !strstr(list_str(&found[f].names), cur.name))
						list_add(&found[f].names, cur.name);
					break;
				}
			}
		}
		for (size_t j = 0; j < r->nnames; j++)
			for (size_t s = 0; s < nsets; s++) {
				v = grow(v, &cap, n, sizeof(*v));
				v[n++] = (struct added){ r->names[j], r, sets[s] };
			}
		for (size_t f = 0; f < nfound; f++) {
			report_overlap(L, found[f].ov, found[f].earlier, r, list_str(&found[f].names));
			free(found[f].names.s);
		}
	}
	free(v);
}

static void lint_rules(struct lint *L)
{
	char def[48];
	sr_action_str(L->pol->default_action, def, sizeof(def));
	for (size_t i = 0; i < L->p->nrules; i++) {
		const struct sr_rule *r = &L->p->rules[i];
		_cleanup_free_ char *path = rule_path(L, r);
		if (sr_action_ret(r->action) == L->def)
			finding(L, SR_WARNING, "default-action", path,
				"the action %s is also the default action: this rule changes "
				"nothing (runc, crun and seccomp-run skip it)", def);
		if (r->legacy_name)
			finding(L, SR_NOTE, "legacy-name", path,
				"'name' is the pre-2016 Docker format: Docker and Podman convert it, "
				"but runc and crun given this object directly ignore the rule; "
				"write \"names\": [...]");
		if (r->action.kind == SR_ACT_KILL_THREAD)
			finding(L, SR_NOTE, "kill-thread", path,
				"%s kills only the calling thread: the rest of a multi-threaded "
				"process runs on, often hung; SCMP_ACT_KILL_PROCESS ends all of it",
				r->action.name);
		if (r->action.kind == SR_ACT_NOTIFY && !L->p->listener_path)
			finding(L, SR_ERROR, "notify-no-listener", path,
				"SCMP_ACT_NOTIFY without listenerPath: no agent receives the "
				"notifications, so seccomp-run refuses to run this profile and the "
				"syscall would fail with ENOSYS elsewhere");
	}
	if (L->p->default_action.kind == SR_ACT_KILL_THREAD)
		finding(L, SR_NOTE, "kill-thread", "defaultAction",
			"%s kills only the calling thread: the rest of a multi-threaded process "
			"runs on, often hung; SCMP_ACT_KILL_PROCESS ends all of it",
			L->p->default_action.name);
	if (L->p->flags_present)
		finding(L, SR_NOTE, "flags", "flags",
			"runc before 1.2 refuses any flags, and Docker before 23.0 drops them");
}

/* ------------------------------------------------------------ a profile */

struct report {
	const char *ref;
	const char *display;   /* the operand as given, or the -p reference */
	struct sr_diags findings;
	char summary[512];
	bool could_not_check;
	struct sr_error err;
};

static bool ignored(const struct sr_options *o, const char *code)
{
	if (!o->ignore)
		return false;
	size_t n = strlen(code);
	for (const char *p = o->ignore; p; p = strchr(p, ',')) {
		p += *p == ',';
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

static bool has_code(const struct sr_diags *d, const char *code)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return true;
	return false;
}

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }
static void bpf_cleanup(struct sr_bpf *b) { bpf_free(b); }

static void summarize(struct report *rep, const struct sr_stages *st)
{
	const struct sr_policy *pol = &st->policy;
	char def[48];
	size_t kept = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		kept += pol->choices[i].kept;
	sr_action_str(pol->default_action, def, sizeof(def));
	snprintf(rep->summary, sizeof(rep->summary),
		 "default %s%s; %zu of %zu rules apply here (%s, %zu capabilities)", def,
		 pol->default_action.kind == SR_ACT_ERRNO
			 ? " (other syscalls fail with an error; nothing is killed)"
			 : "",
		 kept, pol->nchoices, pol->native->lib_name, st->host.ncaps);
}

static void check_one(const struct sr_options *o, struct report *rep)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(bpf_cleanup) struct sr_bpf nostub = { 0 };
	struct sr_error *err = &rep->err;

	/* What is about the file (format, compile) is a finding; what keeps
	 * us from reading it is not. */
	int rc = stages_run(&st, o, rep->ref, SR_STAGE_SELECT, err);
	if (!st.read) {
		rep->could_not_check = true;
		return;
	}
	for (size_t i = 0; i < st.diags.n; i++) {
		const struct sr_diag *d = &st.diags.v[i];
		sr_diag_add(&rep->findings, d->severity, d->code, d->file, d->path, "%s", d->msg);
	}
	if (rc < 0) {
		sr_diag_add(&rep->findings, SR_ERROR, "format", "", err->path, "%s", err->msg);
		return;
	}
	if (st.unconfined) {
		snprintf(rep->summary, sizeof(rep->summary), "unconfined: no filter to check");
		return;
	}

	struct lint L = {
		.o = o,
		.p = &st.profile,
		.pol = &st.policy,
		.def = sr_action_ret(st.policy.default_action),
		.out = &rep->findings,
	};
	/* Compile warnings duplicate lint_names' findings: keep only ours. */
	struct sr_diags scratch = { 0 };
	struct sr_compile_opts co = { .enosys_stub = !o->no_enosys };
	bool compiled = policy_compile(&st.policy, &co, &st.bpf, &scratch, err) == 0;
	if (compiled) {
		struct sr_error ignore;
		co.enosys_stub = false;
		L.bpf = &st.bpf;
		if (policy_compile(&st.policy, &co, &nostub, &scratch, &ignore) == 0)
			L.bpf_nostub = &nostub;
	}
	sr_diags_free(&scratch);

	lint_names(&L);
	lint_rules(&L);
	lint_args(&L);
	lint_overlaps(&L);
	lint_execve(&L);
	lint_exit(&L);
	lint_enosys(&L);
	lint_siblings(&L);
	/* A conflict already explains libseccomp's EEXIST. */
	if (!compiled && !(err->sys_errno == EEXIST && has_code(&rep->findings, "conflict")))
		sr_diag_add(&rep->findings, SR_ERROR, "compile", "", err->path, "%s", err->msg);
	summarize(rep, &st);
}

static const char *const severities[] = { "note", "warning", "error" };

static void print_text(const struct sr_options *o, const struct report *rep, size_t shown,
		       size_t problems)
{
	char file[1024];
	sr_escape(file, sizeof(file), rep->display);
	for (size_t i = 0; i < rep->findings.n; i++) {
		const struct sr_diag *d = &rep->findings.v[i];
		if (ignored(o, d->code) || (o->quiet && d->severity == SR_NOTE))
			continue;
		printf("%s: %s%s%s: %s [%s]\n", file, d->path,
		       *d->path ? ": " : "", severities[d->severity], d->msg, d->code);
	}
	if (o->quiet)
		return;
	if (*rep->summary)
		printf("%s: %s\n", file, rep->summary);
	if (problems)
		printf("%s: %zu finding%s (%zu problem%s)\n", file, shown, shown == 1 ? "" : "s",
		       problems, problems == 1 ? "" : "s");
	else
		printf("%s: ok%s\n", file, shown ? " (notes only)" : "");
}

static void print_json(struct jw *w, const struct sr_options *o, const struct report *rep,
		       size_t problems)
{
	jw_object(w, NULL);
	jw_string(w, "file", rep->display);
	jw_string(w, "status", rep->could_not_check ? "error" : problems ? "findings" : "clean");
	if (rep->could_not_check) {
		char buf[2048];
		sr_error_format(&rep->err, buf, sizeof(buf));
		jw_string(w, "error", buf);
	}
	if (*rep->summary)
		jw_string(w, "summary", rep->summary);
	jw_array(w, "findings");
	for (size_t i = 0; i < rep->findings.n; i++) {
		const struct sr_diag *d = &rep->findings.v[i];
		if (ignored(o, d->code))
			continue;
		jw_object(w, NULL);
		jw_string(w, "severity", severities[d->severity]);
		jw_string(w, "code", d->code);
		jw_string(w, "path", d->path);
		jw_string(w, "message", d->msg);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
}

static int validate_ignore(const struct sr_options *o, struct sr_error *err)
{
	for (const char *p = o->ignore; p && *p; p = strchr(p, ',')) {
		p += *p == ',';
		size_t n = strcspn(p, ",");
		size_t i = 0;
		while (codes[i] && !(strlen(codes[i]) == n && strncmp(codes[i], p, n) == 0))
			i++;
		if (!codes[i])
			return sr_fail(err, "--ignore: unknown finding code '%.*s' (see "
				       "seccomp-run(1), CHECK)", (int)n, p);
	}
	return 0;
}

/* Operands are files, as for any linter (`check *.json` in a directory
 * of profiles); the named references and localhost/NAME keep their
 * meaning, and -p takes any reference. */
static char *operand_ref(const char *arg)
{
	static const char *const refs[] = { "runtime/default", "docker/default", "unconfined", "-" };
	for (size_t i = 0; i < ARRAY_SIZE(refs); i++)
		if (strcmp(arg, refs[i]) == 0)
			return xstrdup(arg);
	if (strncmp(arg, "localhost/", 10) == 0 || arg[0] == '/' || strncmp(arg, "./", 2) == 0 ||
	    strncmp(arg, "../", 3) == 0)
		return xstrdup(arg);
	return xasprintf("./%s", arg);
}

int cmd_check(const struct sr_options *o, struct sr_error *err)
{
	if (validate_ignore(o, err) < 0)
		return -1;
	bool json = strcmp(o->format, "json") == 0;
	size_t nrefs = o->nargs ? (size_t)o->nargs : 1;
	struct jw w;
	int status = 0;

	if (json) {
		jw_init(&w, stdout, true);
		jw_array(&w, NULL);
	}
	for (size_t i = 0; i < nrefs; i++) {
		_cleanup_free_ char *ref = o->nargs ? operand_ref(o->args[i]) : xstrdup(o->profile);
		struct report rep = { .ref = ref, .display = o->nargs ? o->args[i] : o->profile };
		check_one(o, &rep);
		size_t shown = 0, problems = 0;
		for (size_t k = 0; k < rep.findings.n; k++) {
			const struct sr_diag *d = &rep.findings.v[k];
			if (ignored(o, d->code))
				continue;
			shown++;
			problems += d->severity >= SR_WARNING;
		}
		if (rep.could_not_check) {
			char buf[2048];
			sr_error_format(&rep.err, buf, sizeof(buf));
			fprintf(stderr, "%s\n", buf);
			status = SR_EXIT_FAILED;
		} else if (problems && status == 0) {
			status = SR_EXIT_FINDINGS;
		}
		if (json)
			print_json(&w, o, &rep, problems);
		else if (!rep.could_not_check)
			print_text(o, &rep, shown, problems);
		sr_diags_free(&rep.findings);
	}
	if (json) {
		jw_end_array(&w);
		jw_finish(&w);
	}
	return status;
}
