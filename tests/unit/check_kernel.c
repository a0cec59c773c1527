/* SPDX-License-Identifier: Apache-2.0 */
/* The kernel as oracle: a compiled filter, loaded for real, must do what
 * our interpreter says it does. Check forks every test, so loading a
 * filter here confines only that child. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pipeline.h"
#include "unit.h"
#include "util.h"

/* getpgid never fails with ENOMSG by itself, so ENOMSG means the filter. */
static const char profile[] =
	"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
	"{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42,\"args\":["
	"{\"index\":0,\"value\":4294967296,\"valueTwo\":4294967296,\"op\":\"SCMP_CMP_MASKED_EQ\"},"
	"{\"index\":1,\"value\":1000,\"op\":\"SCMP_CMP_GT\"}]},"
	"{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42,\"args\":["
	"{\"index\":0,\"value\":77,\"op\":\"SCMP_CMP_EQ\"},{\"index\":0,\"value\":5,\"op\":\"SCMP_CMP_LE\"}]},"
	"{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42,\"args\":["
	"{\"index\":2,\"value\":18446744073709551000,\"op\":\"SCMP_CMP_GE\"}]},"
	"{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42,\"args\":["
	"{\"index\":3,\"value\":9,\"op\":\"SCMP_CMP_NE\"},{\"index\":4,\"value\":3,\"op\":\"SCMP_CMP_LT\"}]}"
	"]}";

/* Values near every boundary the rules draw, plus noise. */
static uint64_t pick(unsigned *seed)
{
	static const uint64_t edges[] = { 0, 1, 3, 5, 6, 9, 77, 1000, 1001, 0xffffffff,
					  0x100000000ull, 0x100000001ull, 0x1ffffffffull,
					  18446744073709551000ull, 18446744073709550999ull, ~0ull };
	unsigned r = (unsigned)rand_r(seed);
	if (r % 3)
		return edges[r % ARRAY_SIZE(edges)];
	return ((uint64_t)(unsigned)rand_r(seed) << 32) | (unsigned)rand_r(seed);
}

START_TEST(interpreter_agrees_with_the_kernel)
{
	struct pipeline p;
	ck_assert_int_eq(pipeline_compile(&p, profile, NULL, NULL), 0);
	enum { N = 400 };
	uint64_t args[N][6];
	bool filtered[N];
	unsigned seed = 2026;
	int nr = compile_syscall_nr(p.policy.native, "getpgid");
	for (size_t i = 0; i < N; i++) {
		struct seccomp_data d = { .nr = nr, .arch = p.policy.native->audit_arch };
		for (size_t a = 0; a < 6; a++)
			d.args[a] = args[i][a] = pick(&seed);
		uint32_t v = bpf_run(&p.bpf, &d, NULL);
		ck_assert(v == SECCOMP_RET_ALLOW || v == (SECCOMP_RET_ERRNO | 42));
		filtered[i] = v != SECCOMP_RET_ALLOW;
	}
	ck_assert_int_eq(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), 0);
	ck_assert_int_eq(bpf_load(&p.bpf), 0);
	size_t hits = 0;
	for (size_t i = 0; i < N; i++) {
		errno = 0;
		long r = syscall(nr, args[i][0], args[i][1], args[i][2], args[i][3], args[i][4],
				 args[i][5]);
		bool kernel_filtered = r < 0 && errno == 42;
		ck_assert_msg(kernel_filtered == filtered[i],
			      "tuple %zu (%#llx %#llx %#llx %#llx %#llx): kernel %d, interpreter %d", i,
			      (unsigned long long)args[i][0], (unsigned long long)args[i][1],
			      (unsigned long long)args[i][2], (unsigned long long)args[i][3],
			      (unsigned long long)args[i][4], kernel_filtered, filtered[i]);
		hits += filtered[i];
	}
	/* Both outcomes were exercised. */
	ck_assert_uint_gt(hits, N / 10);
	ck_assert_uint_lt(hits, N - N / 10);
	pipeline_free(&p);
}
END_TEST

static Suite *suite_kernel(void)
{
	Suite *s = suite_create("kernel");
	TCase *tc = tcase_create("core");
	/* Loads filters: excluded under valgrind (CK_EXCLUDE_TAGS=kernel). */
	tcase_set_tags(tc, "kernel");
	tcase_add_test(tc, interpreter_agrees_with_the_kernel);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_kernel)
