/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <linux/audit.h>

#include "bpf.h"
#include "unit.h"
#include "util.h"

#define LD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LD_ARCH BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch))

static struct sr_bpf prog_of(const struct sock_filter *insns, size_t n)
{
	struct sr_bpf p = { xcalloc(n, sizeof(*insns)), n, 0, 0 };
	memcpy(p.insns, insns, n * sizeof(*insns));
	return p;
}

static uint32_t run_nr(const struct sr_bpf *p, uint32_t arch, uint32_t nr, size_t *steps)
{
	struct seccomp_data d = { .nr = (int)nr, .arch = arch };
	return bpf_run(p, &d, steps);
}

START_TEST(interpreter_arith_and_jumps)
{
	/* A = nr * 3 + 1; M[2] = A; X = 7; A = X; A = M[2]; ret A if > 10 */
	struct sock_filter f[] = {
		LD_NR,
		BPF_STMT(BPF_ALU | BPF_MUL | BPF_K, 3),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 1),
		BPF_STMT(BPF_ST, 2),
		BPF_STMT(BPF_LDX | BPF_IMM, 7),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_STMT(BPF_LD | BPF_MEM, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 10, 0, 1),
		BPF_STMT(BPF_RET | BPF_A, 0),
		BPF_STMT(BPF_RET | BPF_K, 99),
	};
	struct sr_bpf p = prog_of(f, ARRAY_SIZE(f));
	size_t steps = 0;
	ck_assert_uint_eq(run_nr(&p, 0, 5, &steps), 16);
	ck_assert_uint_eq(steps, 9);
	ck_assert_uint_eq(run_nr(&p, 0, 2, &steps), 99);
	ck_assert_uint_eq(steps, 9);
	bpf_free(&p);
}
END_TEST

START_TEST(interpreter_division_by_zero_kills)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LDX | BPF_IMM, 0),
		LD_NR,
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sr_bpf p = prog_of(f, ARRAY_SIZE(f));
	ck_assert_uint_eq(run_nr(&p, 0, 5, NULL), SECCOMP_RET_KILL_THREAD);
	bpf_free(&p);
}
END_TEST

START_TEST(validate_refuses_what_the_kernel_refuses)
{
	struct sr_error err;
	struct sock_filter no_ret[] = { LD_NR };
	struct sock_filter bad_off[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2),
					 BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter far_jump[] = { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 5, 0),
					  BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter div0[] = { BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0),
				      BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter byte_load[] = { BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
					   BPF_STMT(BPF_RET | BPF_K, 0) };
	struct sock_filter ok[] = { LD_NR, BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct {
		struct sock_filter *f;
		size_t n;
		bool valid;
	} cases[] = {
		{ no_ret, 1, false },	  { bad_off, 2, false }, { far_jump, 2, false },
		{ div0, 2, false },	  { byte_load, 2, false }, { ok, 2, true },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sr_bpf p = { cases[i].f, cases[i].n, 0, 0 };
		ck_assert_msg((bpf_validate(&p, &err) == 0) == cases[i].valid, "case %zu", i);
	}
}
END_TEST

static const struct sr_arch *arch(const char *name)
{
	const struct sr_arch *a = sr_arch_by_any_name(name);
	ck_assert_ptr_nonnull(a);
	return a;
}

START_TEST(enosys_stub_per_arch)
{
	struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM) };
	struct sr_bpf p = prog_of(f, 1);
	struct sr_error err;
	const struct sr_arch *x86_64 = arch("x86_64"), *x86 = arch("x86"), *x32 = arch("x32"),
			     *arm = arch("aarch64");
	struct sr_enosys_arch v[] = { { x86_64, 300 }, { x86, 400 }, { x32, 0x40000000u | 200 } };
	ck_assert_int_eq(bpf_prepend_enosys(&p, v, ARRAY_SIZE(v), &err), 0);
	ck_assert_int_eq(bpf_validate(&p, &err), 0);

	const uint32_t eperm = SECCOMP_RET_ERRNO | EPERM, enosys = SECCOMP_RET_ERRNO | ENOSYS;
	ck_assert_uint_eq(run_nr(&p, x86_64->audit_arch, 300, NULL), eperm);
	ck_assert_uint_eq(run_nr(&p, x86_64->audit_arch, 301, NULL), enosys);
	ck_assert_uint_eq(run_nr(&p, x86->audit_arch, 400, NULL), eperm);
	ck_assert_uint_eq(run_nr(&p, x86->audit_arch, 401, NULL), enosys);
	/* x32 shares the audit arch; bit 30 picks its own maximum. */
	ck_assert_uint_eq(run_nr(&p, x32->audit_arch, 0x40000000u | 200, NULL), eperm);
	ck_assert_uint_eq(run_nr(&p, x32->audit_arch, 0x40000000u | 201, NULL), enosys);
	/* An arch without a maximum goes straight to the original program. */
	ck_assert_uint_eq(run_nr(&p, arm->audit_arch, 5000, NULL), eperm);
	bpf_free(&p);
}
END_TEST

START_TEST(enosys_stub_x86_64_without_x32_skips_x32_numbers)
{
	struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS) };
	struct sr_bpf p = prog_of(f, 1);
	struct sr_error err;
	struct sr_enosys_arch v[] = { { arch("x86_64"), 100 } };
	ck_assert_int_eq(bpf_prepend_enosys(&p, v, 1, &err), 0);
	ck_assert_uint_eq(run_nr(&p, AUDIT_ARCH_X86_64, 101, NULL), SECCOMP_RET_ERRNO | ENOSYS);
	/* An x32 call is left to the original filter (the bad-arch action). */
	ck_assert_uint_eq(run_nr(&p, AUDIT_ARCH_X86_64, 0x40000000u | 1, NULL),
			  SECCOMP_RET_KILL_PROCESS);
	bpf_free(&p);
}
END_TEST

START_TEST(enosys_stub_nothing_to_do)
{
	struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sr_bpf p = prog_of(f, 1);
	struct sr_error err;
	ck_assert_int_eq(bpf_prepend_enosys(&p, NULL, 0, &err), 0);
	ck_assert_uint_eq(p.len, 1);
	bpf_free(&p);
}
END_TEST

static Suite *suite_bpf(void)
{
	Suite *s = suite_create("bpf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, interpreter_arith_and_jumps);
	tcase_add_test(tc, interpreter_division_by_zero_kills);
	tcase_add_test(tc, validate_refuses_what_the_kernel_refuses);
	tcase_add_test(tc, enosys_stub_per_arch);
	tcase_add_test(tc, enosys_stub_x86_64_without_x32_skips_x32_numbers);
	tcase_add_test(tc, enosys_stub_nothing_to_do);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_bpf)
