/* SPDX-License-Identifier: Apache-2.0 */
/* src/layout.c: the search tree computes what libseccomp's program computes,
 * on every real profile, and declines what it does not reason about. */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "unit.h"
#include "util.h"

#define X32_BIT 0x40000000u
#define ALLOW SECCOMP_RET_ALLOW
#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))

static struct sr_bpf copy(const struct sr_bpf *p)
{
	struct sr_bpf c = *p;
	c.insns = xcalloc(p->len, sizeof(*p->insns));
	memcpy(c.insns, p->insns, p->len * sizeof(*p->insns));
	return c;
}

/* A deterministic generator, so a failure repeats. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Under valgrind the sweeps sample every 37th number: memcheck wants the
 * code paths, not the coverage, and would take minutes. */
static uint32_t sweep_step(void)
{
	return getenv("SR_UNDER_VALGRIND") ? 37 : 1;
}

/* The two programs agree on every number below 512 and around x32's on
 * each arch the program compares and one it does not, with arguments zero,
 * all ones and drawn from the programs' own constants (where a comparison
 * on an argument flips). */
static void assert_same_function(const struct sr_bpf *want, const struct sr_bpf *got,
				 const char *what)
{
	uint32_t arches[] = { AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64, 0 };
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	for (size_t a = 0; a < ARRAY_SIZE(arches); a++) {
		for (uint32_t i = 0; i < 1024; i += sweep_step()) {
			struct seccomp_data d = { .arch = arches[a],
						  .nr = (int)(i < 512 ? i : X32_BIT + i - 576) };
			for (int round = 0; round < 3; round++) {
				for (size_t j = 0; j < 6; j++) {
					uint64_t r = next_random(&seed);
					uint64_t k = want->insns[r % want->len].k;
					d.args[j] = round == 0 ? (r & 1 ? 0 : UINT64_MAX)
						  : round == 1 ? k + (r >> 62) - 1
							       : k << 32 | want->insns[(r >> 20) % want->len].k;
				}
				uint32_t w = bpf_run(want, &d, NULL), g = bpf_run(got, &d, NULL);
				ck_assert_msg(w == g, "%s: arch 0x%x nr 0x%x arg0 0x%llx: 0x%x, not 0x%x",
					      what, d.arch, (unsigned)d.nr,
					      (unsigned long long)d.args[0], g, w);
			}
		}
	}
}

/* The longest path over numbers below 1024 on the usual arches. */
static size_t max_steps(const struct sr_bpf *p)
{
	const uint32_t arches[] = { AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64 };
	size_t max = 0;
	for (size_t a = 0; a < ARRAY_SIZE(arches); a++) {
		for (int nr = 0; nr < 1024; nr += (int)sweep_step()) {
			struct seccomp_data d = { .arch = arches[a], .nr = nr };
			size_t steps;
			bpf_run(p, &d, &steps);
			max = steps > max ? steps : max;
		}
	}
	return max;
}

/* Three selections of each profile: no capabilities with the stub, all
 * without it, Docker's set with it. */
static void relayout_profile(const char *path, const char *name)
{
	_cleanup_free_ char *json = unit_read_file(path, NULL);
	const char *sets[] = { "none", "all", unit_docker_caps };
	for (size_t c = 0; c < ARRAY_SIZE(sets); c++) {
		const bool stub = c != 1;
		struct sr_compile_opts lin = { .enosys_stub = stub, .libseccomp_layout = true };
		struct sr_compile_opts tree = { .enosys_stub = stub };
		struct pipeline a, b;
		if (pipeline_compile(&a, json, sets[c], &lin) < 0) {
			/* A profile this host cannot compile (NOTIFY on an old API
			 * level...) says so the same way both times. */
			ck_assert_int_lt(pipeline_compile(&b, json, sets[c], &tree), 0);
			pipeline_free(&a);
			pipeline_free(&b);
			continue;
		}
		ck_assert_int_eq(pipeline_compile(&b, json, sets[c], &tree), 0);
		struct sr_bpf t = copy(&a.bpf);
		ck_assert_msg(bpf_relayout(&t), "%s: bpf_relayout declined", name);
		/* policy_compile's program is exactly the rewrite. */
		ck_assert_uint_eq(t.len, b.bpf.len);
		ck_assert_int_eq(memcmp(t.insns, b.bpf.insns, t.len * sizeof(*t.insns)), 0);
		struct sr_error err;
		ck_assert_int_eq(bpf_validate(&t, &err), 0);
		assert_same_function(&a.bpf, &t, name);
		bpf_free(&t);
		pipeline_free(&a);
		pipeline_free(&b);
	}
}

START_TEST(relayout_every_shared_profile)
{
	const char *dir = unit_shared("profiles");
	if (!dir)
		return;
	ck_assert_uint_ge(unit_each_json(dir, relayout_profile), 10);
}
END_TEST

START_TEST(relayout_every_valid_fixture)
{
	ck_assert_uint_ge(unit_each_json(unit_tests_path("profiles/valid"), relayout_profile), 30);
}
END_TEST

/* Several arches, conditions on 64-bit arguments, many OR-ed values. */
START_TEST(relayout_multi_arch_conditions)
{
	static const char json[] =
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,"
		"\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\","
		"\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\",\"SCMP_ARCH_RISCV64\"],"
		"\"syscalls\":["
		"{\"names\":[\"read\",\"write\",\"close\",\"exit_group\"],\"action\":\"SCMP_ACT_ALLOW\"},"
		"{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":["
		"{\"index\":0,\"value\":0,\"op\":\"SCMP_CMP_EQ\"},"
		"{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"},"
		"{\"index\":0,\"value\":4294967295,\"op\":\"SCMP_CMP_EQ\"}]},"
		"{\"names\":[\"mmap\"],\"action\":\"SCMP_ACT_TRAP\",\"args\":["
		"{\"index\":2,\"value\":4,\"valueTwo\":4,\"op\":\"SCMP_CMP_MASKED_EQ\"},"
		"{\"index\":1,\"value\":1099511627776,\"op\":\"SCMP_CMP_GT\"}]},"
		"{\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":97,\"args\":["
		"{\"index\":0,\"value\":16,\"op\":\"SCMP_CMP_NE\"}]},"
		"{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38},"
		"{\"names\":[\"kill\"],\"action\":\"SCMP_ACT_KILL_PROCESS\"}]}";
	for (int stub = 0; stub < 2; stub++) {
		struct sr_compile_opts lin = { .enosys_stub = stub, .libseccomp_layout = true };
		struct pipeline a;
		ck_assert_int_eq(pipeline_compile(&a, json, NULL, &lin), 0);
		struct sr_bpf t = copy(&a.bpf);
		ck_assert(bpf_relayout(&t));
		ck_assert_uint_lt(max_steps(&t), max_steps(&a.bpf));
		assert_same_function(&a.bpf, &t, "multi-arch");
		bpf_free(&t);
		pipeline_free(&a);
	}
}
END_TEST

/* Numbers split by JGT and x32's JSET, a return of A, arithmetic on an
 * argument: shapes libseccomp's linear program lacks but the stub and
 * hand-written filters have. */
START_TEST(relayout_ranges_and_bits)
{
	struct sock_filter insns[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		/* 2 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		/* 3 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 4 */ BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, X32_BIT, 0, 1),
		/* 5 */ BPF_STMT(BPF_RET | BPF_K, ERRNO(1)),
		/* 6 */ BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 100, 0, 1),
		/* 7 */ BPF_STMT(BPF_RET | BPF_K, ERRNO(2)),
		/* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 5, 0, 5),
		/* 9 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		/* 10 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
		/* 11 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 7, 0, 1),
		/* 12 */ BPF_STMT(BPF_RET | BPF_A, 0),
		/* 13 */ BPF_STMT(BPF_RET | BPF_K, ERRNO(3)),
		/* 14 */ BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 50, 0, 1),
		/* 15 */ BPF_STMT(BPF_RET | BPF_K, ERRNO(4)),
		/* 16 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 17 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 6, 1, 0),
		/* 18 */ BPF_STMT(BPF_RET | BPF_K, ALLOW),
		/* 19 */ BPF_STMT(BPF_RET | BPF_K, ERRNO(6)),
	};
	struct sr_bpf orig = { .insns = insns, .len = ARRAY_SIZE(insns) };
	struct sr_bpf t = copy(&orig);
	ck_assert(bpf_relayout(&t));
	struct sr_error err;
	ck_assert_int_eq(bpf_validate(&t, &err), 0);
	assert_same_function(&orig, &t, "ranges");
	struct seccomp_data d = { .arch = AUDIT_ARCH_X86_64, .nr = 5, .args = { 0x107 } };
	ck_assert_uint_eq(bpf_run(&t, &d, NULL), 7);
	d.nr = 6;
	ck_assert_uint_eq(bpf_run(&t, &d, NULL), ERRNO(6));
	bpf_free(&t);
}
END_TEST

/* The X register and scratch memory are beyond the walk: the program is
 * left as it was. */
START_TEST(relayout_declines_x_and_memory)
{
	struct sock_filter uses_x[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ALLOW),
		BPF_STMT(BPF_RET | BPF_K, ERRNO(1)),
	};
	struct sock_filter uses_mem[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_STMT(BPF_ST, 0),
		BPF_STMT(BPF_RET | BPF_K, ALLOW),
	};
	struct sr_bpf progs[] = { { .insns = uses_x, .len = ARRAY_SIZE(uses_x) },
				  { .insns = uses_mem, .len = ARRAY_SIZE(uses_mem) } };
	for (size_t i = 0; i < ARRAY_SIZE(progs); i++) {
		struct sr_bpf t = copy(&progs[i]);
		ck_assert(!bpf_relayout(&t));
		ck_assert_uint_eq(t.len, progs[i].len);
		ck_assert_int_eq(memcmp(t.insns, progs[i].insns, t.len * sizeof(*t.insns)), 0);
		bpf_free(&t);
	}
}
END_TEST

/* SPEC §9's path targets for Docker's default on x86_64, in instructions
 * (a count, not a time): mean <= 16, max <= 24 over numbers 0..469. */
START_TEST(docker_default_path_lengths)
{
	const char *path = unit_shared("profiles/docker-default.json");
	if (!path)
		return;
	_cleanup_free_ char *json = unit_read_file(path, NULL);
	struct pipeline p;
	ck_assert_int_eq(pipeline_compile(&p, json, unit_docker_caps, NULL), 0);
	size_t total = 0, max = 0;
	for (int nr = 0; nr < 470; nr++) {
		struct seccomp_data d = { .arch = AUDIT_ARCH_X86_64, .nr = nr };
		size_t steps;
		bpf_run(&p.bpf, &d, &steps);
		total += steps;
		max = steps > max ? steps : max;
	}
	ck_assert_uint_le(total, 16 * 470);
	ck_assert_uint_le(max, 24);
	pipeline_free(&p);
}
END_TEST

static Suite *suite_layout(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, relayout_every_shared_profile);
	tcase_add_test(tc, relayout_every_valid_fixture);
	tcase_add_test(tc, relayout_multi_arch_conditions);
	tcase_add_test(tc, relayout_ranges_and_bits);
	tcase_add_test(tc, relayout_declines_x_and_memory);
	tcase_add_test(tc, docker_default_path_lengths);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_layout)
