/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the whole compile path on arbitrary bytes, parse ->
 * select -> policy_compile (libseccomp, ENOSYS stub) -> bpf_validate and
 * bpf_run. Nothing is ever loaded into the kernel.
 *
 * The host and options come from a hash of the input, so any mutation may
 * flip them: capabilities none / all / CAP_SYS_ADMIN, kernel 4.0 or 6.18,
 * --strict or not, and whether the ENOSYS stub is tried. The native arch
 * only (compile builds for the arch seccomp-run runs on).
 *
 * Every input is compiled without the stub (P), in libseccomp's layout. What P must do:
 *  - pass bpf_validate (the kernel's load-time checks);
 *  - on the native x86_64 arch, where the kept rules naming a syscall agree
 *    on one action A (or there are none): A exactly when one of them holds
 *    for the arguments (AND of its conditions, OR when an index repeats,
 *    as runc), the default otherwise; checked for every number below 512
 *    and, for syscalls with conditions, argument values around theirs;
 * Both are compiled again as run loads them, through src/layout.c's search
 * tree, which must answer exactly what libseccomp's linear program answers.
 * When the hash asks for the stub, the same policy is compiled with it (S):
 *  - S passes bpf_validate too; without a stub to add (runc's rule) S is P;
 *  - S answers ERRNO(ENOSYS) above each arch's highest named syscall (and
 *    for syscall 0 on s390), and exactly what P answers everywhere else.
 */
#include <errno.h>
#include <inttypes.h>
#include <linux/audit.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "compile.h"

#define X32_BIT 0x40000000u
#define ENOSYS_RET (SECCOMP_RET_ERRNO | ENOSYS)

static const char *const fuzz_caps[] = { "none", "all", "CAP_SYS_ADMIN" };
static const char *const fuzz_kernels[] = { "4.0", "6.18" };
static struct sr_host hosts[3][2];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t c = 0; c < 3; c++)
		for (size_t k = 0; k < 2; k++)
			fuzz_host(&hosts[c][k], fuzz_caps[c], fuzz_kernels[k], NULL);
	return 0;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* -- The samples bpf_run sees ----------------------------------------------- */

#define MAX_SAMPLES 96

struct samples {
	struct seccomp_data v[MAX_SAMPLES];
	size_t n;
};

static void add_sample(struct samples *s, uint32_t arch, uint32_t nr, uint64_t a0, uint64_t a1)
{
	if (s->n < MAX_SAMPLES)
		s->v[s->n++] = (struct seccomp_data){ .nr = (int)nr, .arch = arch,
						      .args = { a0, a1, a0, a1, a0, a1 } };
}


static void make_samples(const struct sr_policy *pol, struct samples *s)
{
	static const uint32_t foreign[] = { AUDIT_ARCH_AARCH64, AUDIT_ARCH_X86_64, 0 };

	for (size_t a = 0; a < pol->narches; a++) {
		const struct sr_arch *arch = pol->arches[a];
		uint32_t audit = arch->audit_arch, base = arch->x32_bit ? X32_BIT : 0;
		int max = policy_max_syscall_nr(pol, arch);
		uint32_t m = max < 0 ? base : (uint32_t)max;

		add_sample(s, audit, base, 0, 0);
		add_sample(s, audit, base | 1, 1, 1);
		add_sample(s, audit, m, 0, 0);
		add_sample(s, audit, m + 1, 0, 0);
		add_sample(s, audit, m - 1, UINT64_MAX, 1);
		add_sample(s, audit, base | 0x3fff, 0, 0);
		add_sample(s, audit, 0xffffffffu, 0, 0);
	}
	for (size_t i = 0; i < sizeof(foreign) / sizeof(*foreign); i++) {
		add_sample(s, foreign[i], 0, 0, 0);
		add_sample(s, foreign[i], X32_BIT | 1, 0, 0);
	}
	/* Syscalls the kept rules name on the native arch, with argument
	 * values around the ones their conditions compare against. */
	for (size_t i = 0; i < pol->nchoices && s->n < MAX_SAMPLES; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || !r->nnames)
			continue;
		int nr = compile_syscall_nr(pol->native, r->names[0]);
		if (nr < 0)
			continue;
		add_sample(s, pol->native->audit_arch, (uint32_t)nr, 0, 0);
		for (size_t j = 0; j < r->nargs && j < 2; j++) {
			uint64_t v = r->args[j].value;
			add_sample(s, pol->native->audit_arch, (uint32_t)nr, v, v);
			add_sample(s, pol->native->audit_arch, (uint32_t)nr, v + 1, v - 1);
		}
	}
}

/* -- What the filter without the stub must answer -------------------------- */

static bool cond_holds(const struct sr_arg *a, uint64_t v)
{
	switch (a->op) {
	case SR_OP_NE: return v != a->value;
	case SR_OP_LT: return v < a->value;
	case SR_OP_LE: return v <= a->value;
	case SR_OP_EQ: return v == a->value;
	case SR_OP_GE: return v >= a->value;
	case SR_OP_GT: return v > a->value;
	/* libseccomp masks the datum too, so runc and crun do: valueTwo's
	 * bits outside the mask (value) do not count. */
	case SR_OP_MASKED_EQ: return (v & a->value) == (a->value_two & a->value);
	}
	return false;
}

/* runc's reading of args (SPEC §4): all conditions must hold (AND), unless
 * an index repeats, when any one is enough (OR). */
static bool rule_holds(const struct sr_rule *r, const uint64_t *args)
{
	unsigned seen = 0;
	bool repeated = false, all = true, any = false;

	if (!r->nargs)
		return true;
	for (size_t i = 0; i < r->nargs; i++) {
		bool h = cond_holds(&r->args[i], args[r->args[i].index]);
		repeated |= (seen >> r->args[i].index) & 1;
		seen |= 1u << r->args[i].index;
		all &= h;
		any |= h;
	}
	return repeated ? any : all;
}

/* What syscall nr with these arguments must get on the native x86_64 arch,
 * when that is well defined: the kept rules that name it and do not repeat
 * the default (compile skips those) all have one action A; the answer is A
 * when one of them holds, else the default. false when actions differ
 * (which one wins is libseccomp's business). */
static bool expected_plain(const struct sr_policy *pol, int nr, const uint64_t *args,
			   uint32_t *ret)
{
	uint32_t def = sr_action_ret(pol->default_action), act = def;
	bool named = false, holds = false;

	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		uint32_t a = sr_action_ret(r->action);
		if (!pol->choices[i].kept || a == def)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			if (compile_syscall_nr(pol->native, r->names[j]) != nr)
				continue;
			if (named && a != act)
				return false;
			named = true;
			act = a;
			holds |= rule_holds(r, args);
		}
	}
	*ret = holds ? act : def;
	return true;
}

static void expect_plain(const struct sr_policy *pol, const struct sr_bpf *prog, int nr,
			 const uint64_t *args)
{
	struct seccomp_data d = { .nr = nr, .arch = AUDIT_ARCH_X86_64 };
	uint32_t want, got;

	if (!expected_plain(pol, nr, args, &want))
		return;
	memcpy(d.args, args, sizeof(d.args));
	got = bpf_run(prog, &d, NULL);
	FUZZ_ASSERT(got == want,
		    "syscall %d (0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
		    ", 0x%" PRIx64 ", 0x%" PRIx64 "): filter returns 0x%08x, expected 0x%08x",
		    nr, args[0], args[1], args[2], args[3], args[4], args[5], got, want);
}

#define MAX_CANDS 24

/* Argument values around what the conditions on index i compare against. */
static size_t candidates(const struct sr_policy *pol, int nr, unsigned idx, uint64_t *v)
{
	size_t n = 0;
	v[n++] = 0;
	v[n++] = UINT64_MAX;
	for (size_t i = 0; i < pol->nchoices && n + 6 <= MAX_CANDS; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		bool names_nr = false;
		if (!pol->choices[i].kept)
			continue;
		for (size_t j = 0; j < r->nnames && !names_nr; j++)
			names_nr = compile_syscall_nr(pol->native, r->names[j]) == nr;
		for (size_t j = 0; names_nr && j < r->nargs && n + 6 <= MAX_CANDS; j++) {
			const struct sr_arg *a = &r->args[j];
			if (a->index != idx)
				continue;
			if (a->op == SR_OP_MASKED_EQ) {
				v[n++] = a->value_two;
				v[n++] = a->value_two | ~a->value;
				v[n++] = a->value_two ^ a->value;
				v[n++] = a->value_two ^ (a->value & (0 - a->value));
			} else {
				v[n++] = a->value;
				v[n++] = a->value - 1;
				v[n++] = a->value + 1;
				v[n++] = a->value ^ (1ull << 32);
			}
			v[n++] = a->value ^ 0xffffffffull;
			v[n++] = a->value ^ 0xffffffff00000000ull;
		}
	}
	return n;
}

static void check_plain(const struct sr_policy *pol, const struct sr_bpf *prog)
{
	static const uint64_t zero[6];
	size_t checked = 0;

	if (strcmp(pol->native->lib_name, "x86_64") != 0)
		return;
	/* Every number below 512 with arguments 0; then for the syscalls
	 * rules name, argument vectors built from their conditions. */
	for (int nr = 0; nr < 512; nr++)
		expect_plain(pol, prog, nr, zero);
	for (size_t i = 0; i < pol->nchoices && checked < 16; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		uint64_t cand[6][MAX_CANDS];
		size_t ncand[6];
		int nr;

		if (!pol->choices[i].kept || !r->nargs || !r->nnames ||
		    (nr = compile_syscall_nr(pol->native, r->names[0])) < 0)
			continue;
		checked++;
		for (unsigned a = 0; a < 6; a++)
			ncand[a] = candidates(pol, nr, a, cand[a]);
		for (size_t k = 0; k < 48; k++) {
			uint64_t args[6];
			for (unsigned a = 0; a < 6; a++)
				args[a] = cand[a][(k * 7 + a * 3 + k / ncand[a]) % ncand[a]];
			expect_plain(pol, prog, nr, args);
		}
	}
}

/* -- The stub ---------------------------------------------------------------- */

/* runc's rule, as compile.c's wants_stub. */
static bool wants_stub(const struct sr_policy *pol)
{
	struct sr_action d = pol->default_action;
	return d.kind != SR_ACT_ALLOW && d.kind != SR_ACT_LOG && d.kind != SR_ACT_TRACE &&
	       !(d.kind == SR_ACT_ERRNO && d.data == ENOSYS);
}

/* What S must answer for d, given P's answer. */
static uint32_t expected_stub(const struct sr_policy *pol, const struct seccomp_data *d,
			      uint32_t plain)
{
	uint32_t nr = (uint32_t)d->nr;

	for (size_t a = 0; a < pol->narches; a++) {
		const struct sr_arch *arch = pol->arches[a];
		int max;
		if (arch->audit_arch != d->arch || (max = policy_max_syscall_nr(pol, arch)) < 0)
			continue;
		if (strncmp(arch->lib_name, "s390", 4) == 0 && nr == 0)
			return ENOSYS_RET;
		/* x86_64 and x32 share an audit arch: the x32 bit says which. */
		if (arch->audit_arch == AUDIT_ARCH_X86_64 &&
		    arch->x32_bit != ((nr & X32_BIT) != 0))
			continue;
		return nr > (uint32_t)max ? ENOSYS_RET : plain;
	}
	return plain;
}

static void check_stub(const struct sr_policy *pol, const struct sr_bpf *plain,
		       const struct sr_bpf *stub, const struct samples *s)
{
	bool added = false;
	for (size_t a = 0; a < pol->narches; a++)
		added |= policy_max_syscall_nr(pol, pol->arches[a]) >= 0;
	if (!wants_stub(pol) || !added) {
		/* No stub wanted, or no arch with a named syscall. */
		FUZZ_ASSERT(stub->len == plain->len &&
			    memcmp(stub->insns, plain->insns,
				   plain->len * sizeof(*plain->insns)) == 0,
			    "stub added where none is wanted (%zu vs %zu instructions)",
			    stub->len, plain->len);
		return;
	}
	FUZZ_ASSERT(stub->len > plain->len &&
		    memcmp(stub->insns + (stub->len - plain->len), plain->insns,
			   plain->len * sizeof(*plain->insns)) == 0,
		    "the stub does not end with the original program");
	for (size_t i = 0; i < s->n; i++) {
		uint32_t p = bpf_run(plain, &s->v[i], NULL);
		uint32_t got = bpf_run(stub, &s->v[i], NULL);
		uint32_t want = expected_stub(pol, &s->v[i], p);
		FUZZ_ASSERT(got == want,
			    "arch 0x%08x nr 0x%08x: with the stub 0x%08x, expected 0x%08x "
			    "(without: 0x%08x)", s->v[i].arch, (uint32_t)s->v[i].nr, got, want, p);
	}
}

/* -- One input --------------------------------------------------------------- */

static int compile(const struct sr_policy *pol, bool stub, bool strict, bool linear,
		   struct sr_bpf *out, struct sr_diags *diags, struct sr_error *err)
{
	struct sr_compile_opts o = { .enosys_stub = stub, .strict = strict,
				     .libseccomp_layout = linear };
	int rc;

	*out = (struct sr_bpf){ 0 };
	*err = (struct sr_error){ 0 };
	rc = policy_compile(pol, &o, out, diags, err);
	if (rc < 0) {
		fuzz_check_error(err, "policy_compile");
		FUZZ_ASSERT(out->insns == NULL && out->len == 0,
			    "policy_compile failed but filled in the program");
		return -1;
	}
	FUZZ_ASSERT(rc == 0, "policy_compile returned %d", rc);
	if (bpf_validate(out, err) < 0) {
		char buf[2048];
		sr_error_format(err, buf, sizeof(buf));
		FUZZ_ASSERT(0, "compiled %s the stub but the kernel would refuse it: %s",
			    stub ? "with" : "without", buf);
	}
	/* Flags: the policy's, minus WAIT_KILLABLE_RECV without a listener;
	 * only defaults are optional. */
	FUZZ_ASSERT((out->flags & ~pol->flags) == 0, "flags 0x%x beyond the policy's 0x%x",
		    out->flags, pol->flags);
	FUZZ_ASSERT((out->optional_flags & ~out->flags) == 0, "optional flags not loaded");
	FUZZ_ASSERT(!pol->profile->flags_present || out->optional_flags == 0,
		    "the profile's own flags made optional");
	return 0;
}

/* What run loads (src/layout.c's search tree) must answer what libseccomp's
 * linear program answers, on the samples and on every number below 512 and
 * around x32's. */
static void check_relayout(const struct sr_policy *pol, bool stub, bool strict,
			   const struct sr_bpf *linear, const struct samples *s)
{
	struct sr_diags diags = { 0 };
	struct sr_error err = { 0 };
	struct sr_bpf tree;
	FUZZ_ASSERT(compile(pol, stub, strict, false, &tree, &diags, &err) == 0,
		    "the linear program compiled, the search tree not: %s", err.msg);
	for (size_t i = 0; i < s->n + 3 * 1024; i++) {
		struct seccomp_data d;
		if (i < s->n) {
			d = s->v[i];
		} else {
			size_t j = i - s->n;
			static const uint32_t arches[] = { AUDIT_ARCH_X86_64, AUDIT_ARCH_I386,
							   AUDIT_ARCH_AARCH64 };
			d = (struct seccomp_data){ .arch = arches[j / 1024],
						   .nr = (int)((j % 1024 < 512 ? 0 : X32_BIT - 256) + j % 1024) };
		}
		uint32_t want = bpf_run(linear, &d, NULL), got = bpf_run(&tree, &d, NULL);
		FUZZ_ASSERT(got == want, "arch 0x%08x nr 0x%08x arg0 0x%" PRIx64 ": search tree "
			    "0x%08x, linear 0x%08x", d.arch, (uint32_t)d.nr, (uint64_t)d.args[0],
			    got, want);
	}
	bpf_free(&tree);
	sr_diags_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t h = fnv1a(data, size);
	const struct sr_host *host = &hosts[h % 3][(h >> 2) & 1];
	bool try_stub = (h >> 3) & 1, strict = (h >> 4) & 1;
	struct sr_profile p;
	struct sr_policy pol;
	struct sr_diags diags = { 0 };
	struct sr_error err = { 0 };
	struct sr_bpf plain, stub;
	struct samples s = { .n = 0 };

	if (profile_parse((const char *)data, size, FUZZ_ORIGIN, &p, &diags, &err) < 0) {
		fuzz_check_error(&err, "profile_parse");
		sr_diags_free(&diags);
		return 0;
	}
	policy_select(&p, host, &pol);
	fuzz_check_policy(&pol, &p, host);

	if (compile(&pol, false, strict, true, &plain, &diags, &err) == 0) {
		make_samples(&pol, &s);
		for (size_t i = 0; i < s.n; i++) {
			size_t steps = 0;
			bpf_run(&plain, &s.v[i], &steps);
			FUZZ_ASSERT(steps >= 1 && steps <= plain.len, "%zu steps in %zu instructions",
				    steps, plain.len);
		}
		check_plain(&pol, &plain);
		check_relayout(&pol, false, strict, &plain, &s);
		if (try_stub) {
			if (compile(&pol, true, strict, true, &stub, &diags, &err) == 0) {
				check_stub(&pol, &plain, &stub, &s);
				check_relayout(&pol, true, strict, &stub, &s);
				bpf_free(&stub);
			} else {
				FUZZ_ASSERT(strstr(err.msg, "ENOSYS stub") != NULL,
					    "only the stub can make a second compile fail: %s",
					    err.msg);
			}
		}
		bpf_free(&plain);
	}
	fuzz_check_diags(&diags);
	policy_free(&pol);
	profile_free(&p);
	sr_diags_free(&diags);
	return 0;
}
