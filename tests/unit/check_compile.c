/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <linux/audit.h>
#include <string.h>

#include "pipeline.h"
#include "resolve.h"
#include "unit.h"
#include "util.h"

#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))
#define ALLOW SECCOMP_RET_ALLOW

/* The built-in runtime/default must be exactly Docker's current default:
 * the same BPF, instruction for instruction, for every capability set. */
START_TEST(builtin_default_is_dockers)
{
	const char *path = unit_shared("profiles/docker-default.json");
	if (!path)
		return;
	_cleanup_free_ char *docker = unit_read_file(path, NULL);
	_cleanup_free_ char *builtin = xstrndup(sr_builtin_default, sr_builtin_default_len);
	const char *sets[] = { "all", "none", unit_docker_caps, "CAP_SYS_ADMIN", "CAP_SYS_PTRACE,CAP_BPF" };
	for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
		struct pipeline a, b;
		ck_assert_int_eq(pipeline_compile(&a, docker, sets[i], NULL), 0);
		ck_assert_int_eq(pipeline_compile(&b, builtin, sets[i], NULL), 0);
		ck_assert_uint_eq(a.bpf.len, b.bpf.len);
		ck_assert_int_eq(memcmp(a.bpf.insns, b.bpf.insns, a.bpf.len * sizeof(*a.bpf.insns)), 0);
		ck_assert_uint_eq(a.bpf.flags, b.bpf.flags);
		pipeline_free(&a);
		pipeline_free(&b);
	}
}
END_TEST

/* Docker's default behaves as moby + runc would make it behave. */
START_TEST(docker_default_semantics)
{
	const char *path = unit_shared("profiles/docker-default.json");
	if (!path)
		return;
	_cleanup_free_ char *json = unit_read_file(path, NULL);
	struct pipeline p;
	ck_assert_int_eq(pipeline_compile(&p, json, unit_docker_caps, NULL), 0);
	struct sr_error err;
	ck_assert_int_eq(bpf_validate(&p.bpf, &err), 0);
	ck_assert_uint_eq(pipeline_verdict(&p, "getppid", 0, 0), ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&p, "mount", 0, 0), ERRNO(EPERM));
	/* No CAP_SYS_ADMIN: clone3 gets ENOSYS so glibc falls back to clone,
	 * and clone may not create namespaces. */
	ck_assert_uint_eq(pipeline_verdict(&p, "clone3", 0, 0), ERRNO(ENOSYS));
	ck_assert_uint_eq(pipeline_verdict(&p, "clone", 0x11, 0), ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&p, "clone", 0x10000000 /* NEWUSER */, 0), ERRNO(EPERM));
	/* personality: only the listed values. */
	ck_assert_uint_eq(pipeline_verdict(&p, "personality", 0xffffffff, 0), ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&p, "personality", 0xffffffffffffffffull, 0), ERRNO(EPERM));
	/* socket: AF_VSOCK refused, others allowed. */
	ck_assert_uint_eq(pipeline_verdict(&p, "socket", 40, 0), ERRNO(EPERM));
	ck_assert_uint_eq(pipeline_verdict(&p, "socket", 2, 0), ALLOW);
	/* The stub: above the highest named number, ENOSYS; in a hole, EPERM. */
	struct seccomp_data d = { .nr = 1000, .arch = AUDIT_ARCH_X86_64 };
	ck_assert_uint_eq(bpf_run(&p.bpf, &d, NULL), ERRNO(ENOSYS));
	d.nr = 400;
	ck_assert_uint_eq(bpf_run(&p.bpf, &d, NULL), ERRNO(EPERM));
	pipeline_free(&p);

	ck_assert_int_eq(pipeline_compile(&p, json, "CAP_SYS_ADMIN", NULL), 0);
	ck_assert_uint_eq(pipeline_verdict(&p, "clone3", 0, 0), ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&p, "mount", 0, 0), ALLOW);
	pipeline_free(&p);
}
END_TEST

static uint32_t verdict_of(const char *json, const char *name, uint64_t a0, uint64_t a1)
{
	struct pipeline p;
	ck_assert_msg(pipeline_compile(&p, json, NULL, NULL) == 0, "%s", p.err.msg);
	uint32_t v = pipeline_verdict(&p, name, a0, a1);
	pipeline_free(&p);
	return v;
}

#define RULE(args) \
	"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"getpgid\"]," \
	"\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42,\"args\":[" args "]}]}"

START_TEST(operators_64_bit)
{
	const uint64_t big = 0x100000001ull;
	struct {
		const char *json;
		uint64_t a0;
		bool hit;
	} cases[] = {
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_EQ\"}"), big, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_EQ\"}"), 1, false },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_NE\"}"), 1, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_LT\"}"), 0xffffffff, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_LT\"}"), big, false },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_LE\"}"), big, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_GT\"}"), big + 1, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_GE\"}"), big, true },
		{ RULE("{\"index\":0,\"value\":4294967297,\"op\":\"SCMP_CMP_GE\"}"), 0xffffffff, false },
		{ RULE("{\"index\":0,\"value\":18446744073709551615,\"op\":\"SCMP_CMP_EQ\"}"), ~0ull, true },
		/* MASKED_EQ: value is the mask, valueTwo the datum. */
		{ RULE("{\"index\":0,\"value\":255,\"valueTwo\":16,\"op\":\"SCMP_CMP_MASKED_EQ\"}"), 0x1f10, true },
		{ RULE("{\"index\":0,\"value\":255,\"valueTwo\":16,\"op\":\"SCMP_CMP_MASKED_EQ\"}"), 0x11, false },
		{ RULE("{\"index\":0,\"value\":18446744069414584320,\"valueTwo\":4294967296,\"op\":\"SCMP_CMP_MASKED_EQ\"}"), big, true },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(verdict_of(cases[i].json, "getpgid", cases[i].a0, 0) ==
				      (cases[i].hit ? ERRNO(42) : ALLOW),
			      "case %zu", i);
}
END_TEST

/* runc: a repeated index turns every condition into its own rule. */
START_TEST(same_index_is_or_distinct_indexes_and)
{
	const char *or = RULE("{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_NE\"},"
			      "{\"index\":0,\"value\":2,\"op\":\"SCMP_CMP_NE\"}");
	ck_assert_uint_eq(verdict_of(or, "getpgid", 1, 0), ERRNO(42));
	ck_assert_uint_eq(verdict_of(or, "getpgid", 2, 0), ERRNO(42));
	ck_assert_uint_eq(verdict_of(or, "getpgid", 3, 0), ERRNO(42));
	const char *and = RULE("{\"index\":0,\"value\":7,\"op\":\"SCMP_CMP_EQ\"},"
			       "{\"index\":1,\"value\":9,\"op\":\"SCMP_CMP_EQ\"}");
	ck_assert_uint_eq(verdict_of(and, "getpgid", 7, 9), ERRNO(42));
	ck_assert_uint_eq(verdict_of(and, "getpgid", 7, 0), ALLOW);
	/* With one index repeated, even the other index's condition is OR-ed. */
	const char *mixed = RULE("{\"index\":0,\"value\":7,\"op\":\"SCMP_CMP_EQ\"},"
				 "{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"},"
				 "{\"index\":1,\"value\":9,\"op\":\"SCMP_CMP_EQ\"}");
	ck_assert_uint_eq(verdict_of(mixed, "getpgid", 0, 9), ERRNO(42));
	ck_assert_uint_eq(verdict_of(mixed, "getpgid", 8, 0), ERRNO(42));
	ck_assert_uint_eq(verdict_of(mixed, "getpgid", 0, 0), ALLOW);
}
END_TEST

START_TEST(actions_and_errno)
{
#define ACTION_FMT "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"getppid\"]," \
		   "\"action\":\"%s\"%s}]}"
	struct {
		const char *action, *extra;
		uint32_t want;
	} cases[] = {
		{ "SCMP_ACT_KILL", "", SECCOMP_RET_KILL_THREAD },
		{ "SCMP_ACT_KILL_THREAD", "", SECCOMP_RET_KILL_THREAD },
		{ "SCMP_ACT_KILL_PROCESS", "", SECCOMP_RET_KILL_PROCESS },
		{ "SCMP_ACT_TRAP", "", SECCOMP_RET_TRAP },
		{ "SCMP_ACT_ERRNO", "", ERRNO(EPERM) },
		{ "SCMP_ACT_ERRNO", ",\"errnoRet\":0", ERRNO(0) },
		{ "SCMP_ACT_ERRNO", ",\"errnoRet\":4094", ERRNO(4094) },
		{ "SCMP_ACT_TRACE", "", SECCOMP_RET_TRACE | EPERM },
		{ "SCMP_ACT_TRACE", ",\"errnoRet\":7", SECCOMP_RET_TRACE | 7 },
		{ "SCMP_ACT_LOG", "", SECCOMP_RET_LOG },
		{ "SCMP_ACT_NOTIFY", "", SECCOMP_RET_USER_NOTIF },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_free_ char *json = xasprintf(ACTION_FMT, cases[i].action, cases[i].extra);
		ck_assert_msg(verdict_of(json, "getppid", 0, 0) == cases[i].want, "case %zu", i);
	}
}
END_TEST

START_TEST(rule_equal_to_default_is_skipped)
{
	/* libseccomp refuses it with EACCES; runc skips it. ERRNO(5) under
	 * ERRNO(1) is not equal and applies. */
	const char *json = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			   "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\"},"
			   "{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":5},"
			   "{\"names\":[\"execve\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";
	ck_assert_uint_eq(verdict_of(json, "getppid", 0, 0), ERRNO(EPERM));
	ck_assert_uint_eq(verdict_of(json, "getpgid", 0, 0), ERRNO(5));
	ck_assert_uint_eq(verdict_of(json, "execve", 0, 0), ALLOW);
}
END_TEST

START_TEST(unknown_names_fail_open_is_a_warning)
{
	struct pipeline p;
	const char *deny = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
			   "{\"names\":[\"no_such_call\",\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
	ck_assert_int_eq(pipeline_compile(&p, deny, NULL, NULL), 0);
	ck_assert_uint_eq(sr_diags_count(&p.diags, SR_WARNING), 1);
	ck_assert_str_eq(p.diags.v[0].code, "unknown-syscall");
	ck_assert_str_eq(p.diags.v[0].path, "syscalls[0].names[0]");
	ck_assert_uint_eq(pipeline_verdict(&p, "getppid", 0, 0), ERRNO(EPERM));
	pipeline_free(&p);

	struct sr_compile_opts strict = { .enosys_stub = true, .strict = true };
	ck_assert_int_lt(pipeline_compile(&p, deny, NULL, &strict), 0);
	ck_assert_str_eq(p.err.path, "syscalls[0].names[0]");
	pipeline_free(&p);

	/* In an allow rule under a deny default it is only a note. */
	const char *allow = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			    "{\"names\":[\"no_such_call\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";
	ck_assert_int_eq(pipeline_compile(&p, allow, NULL, &strict), 0);
	ck_assert_uint_eq(sr_diags_count(&p.diags, SR_WARNING), 0);
	ck_assert_uint_eq(sr_diags_count(&p.diags, SR_NOTE), 1);
	pipeline_free(&p);
}
END_TEST

START_TEST(conflicting_rules_are_an_error)
{
	struct pipeline p;
	const char *json = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
			   "{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]},"
			   "{\"names\":[\"getpgid\"],\"action\":\"SCMP_ACT_KILL\",\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]}]}";
	ck_assert_int_lt(pipeline_compile(&p, json, NULL, NULL), 0);
	ck_assert_str_eq(p.err.path, "syscalls[1].names[0]");
	pipeline_free(&p);
}
END_TEST

START_TEST(enosys_stub_conditions)
{
#define STUB_FMT "{\"defaultAction\":\"%s\"%s,\"syscalls\":[{\"names\":[\"getppid\",\"execve\"]," \
		 "\"action\":\"SCMP_ACT_%s\"}]}"
	struct {
		const char *def, *extra, *rule;
		bool stub;
	} cases[] = {
		{ "SCMP_ACT_ERRNO", "", "ALLOW", true },
		{ "SCMP_ACT_KILL_PROCESS", "", "ALLOW", true },
		{ "SCMP_ACT_TRAP", "", "ALLOW", true },
		{ "SCMP_ACT_ERRNO", ",\"defaultErrnoRet\":38", "ALLOW", false },
		{ "SCMP_ACT_ALLOW", "", "KILL", false },
		{ "SCMP_ACT_LOG", "", "KILL", false },
		{ "SCMP_ACT_TRACE", "", "KILL", false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_free_ char *json = xasprintf(STUB_FMT, cases[i].def, cases[i].extra, cases[i].rule);
		struct sr_compile_opts off = { .enosys_stub = false };
		struct pipeline on, plain;
		ck_assert_int_eq(pipeline_compile(&on, json, NULL, NULL), 0);
		ck_assert_int_eq(pipeline_compile(&plain, json, NULL, &off), 0);
		ck_assert_msg((on.bpf.len > plain.bpf.len) == cases[i].stub, "case %zu", i);
		struct seccomp_data d = { .nr = 1000, .arch = on.policy.native->audit_arch };
		if (cases[i].stub) {
			ck_assert_uint_eq(bpf_run(&on.bpf, &d, NULL), ERRNO(ENOSYS));
			ck_assert_uint_ne(bpf_run(&plain.bpf, &d, NULL), ERRNO(ENOSYS));
		}
		pipeline_free(&on);
		pipeline_free(&plain);
	}
}
END_TEST

START_TEST(other_target_arch)
{
	struct pipeline p;
	const char *json = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
			   "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";
	ck_assert_int_eq(pipeline_select(&p, json, NULL, NULL, "arm64"), 0);
	struct sr_compile_opts o = { .enosys_stub = true };
	ck_assert_int_eq(policy_compile(&p.policy, &o, &p.bpf, &p.diags, &p.err), 0);
	ck_assert_uint_eq(pipeline_verdict(&p, "getppid", 0, 0), ALLOW);
	/* The native arch is not in a filter for aarch64. */
	struct seccomp_data d = { .nr = 110, .arch = AUDIT_ARCH_X86_64 };
	ck_assert_uint_eq(bpf_run(&p.bpf, &d, NULL), SECCOMP_RET_KILL_THREAD);
	pipeline_free(&p);
}
END_TEST

START_TEST(flags)
{
	struct pipeline p;
	ck_assert_int_eq(pipeline_compile(&p, "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", NULL, NULL), 0);
	ck_assert_uint_eq(p.bpf.flags, SECCOMP_FILTER_FLAG_SPEC_ALLOW);
	ck_assert_uint_eq(p.bpf.optional_flags, SECCOMP_FILTER_FLAG_SPEC_ALLOW);
	pipeline_free(&p);
	ck_assert_int_eq(pipeline_compile(&p,
					  "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":"
					  "[\"SECCOMP_FILTER_FLAG_LOG\",\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]}",
					  NULL, NULL), 0);
	/* WAIT_KILLABLE_RECV only matters with a listener. */
	ck_assert_uint_eq(p.bpf.flags, SECCOMP_FILTER_FLAG_LOG);
	ck_assert_uint_eq(p.bpf.optional_flags, 0);
	pipeline_free(&p);
}
END_TEST

/* libseccomp exports filters longer than the kernel's 4096 instructions;
 * they used to fail only at load, with EINVAL. A profile of 250 rules with
 * three 64-bit conditions over 7 arches: refused at compile time, with or
 * without the stub. Found by tests/fuzz (fuzz_compile's bpf_validate). */
START_TEST(too_many_instructions)
{
	_cleanup_free_ char *json =
		unit_read_file(unit_tests_path("fuzz/regressions/compile-4861-insns.json"), NULL);
	for (int stub = 0; stub <= 1; stub++) {
		struct sr_compile_opts o = { .enosys_stub = stub };
		struct pipeline p;
		ck_assert_int_eq(pipeline_compile(&p, json, NULL, &o), -1);
		ck_assert_int_eq(p.err.status, SR_EXIT_FAILED);
		ck_assert_ptr_nonnull(strstr(p.err.msg, "more than the kernel's 4096"));
		ck_assert_ptr_null(p.bpf.insns);
		pipeline_free(&p);
	}
}
END_TEST

/* libseccomp 2.5.4's linear layout drops the syscall-number load of the
 * x86_64 part when a multiplexed pseudo-syscall (socketcall) heads it, and
 * compares the arch with syscall numbers: every rule on x86_64 is lost.
 * policy_compile notices and uses libseccomp's binary tree instead. */
START_TEST(libseccomp_linear_bug_is_caught)
{
	static const char json[] =
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\","
		"\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"],"
		"\"syscalls\":[{\"names\":[\"socket\",\"socketpair\"],\"action\":\"SCMP_ACT_ERRNO\","
		"\"errnoRet\":13,\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_NE\"}]},"
		"{\"names\":[\"socketcall\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":13}]}";
	for (int layout = 0; layout < 2; layout++) {
		struct sr_compile_opts o = { .enosys_stub = true, .libseccomp_layout = layout };
		struct pipeline p;
		ck_assert_int_eq(pipeline_compile(&p, json, NULL, &o), 0);
		ck_assert_uint_eq(pipeline_verdict(&p, "socket", 2, 0), ERRNO(EACCES));
		ck_assert_uint_eq(pipeline_verdict(&p, "socketpair", 2, 0), ERRNO(EACCES));
		ck_assert_uint_eq(pipeline_verdict(&p, "socket", 1, 0), ALLOW);
		struct seccomp_data d = { .arch = AUDIT_ARCH_I386, .nr = 102 };
		ck_assert_uint_eq(bpf_run(&p.bpf, &d, NULL), ERRNO(EACCES));
		pipeline_free(&p);
	}
}
END_TEST

static Suite *suite_compile(void)
{
	Suite *s = suite_create("compile");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, builtin_default_is_dockers);
	tcase_add_test(tc, docker_default_semantics);
	tcase_add_test(tc, operators_64_bit);
	tcase_add_test(tc, same_index_is_or_distinct_indexes_and);
	tcase_add_test(tc, actions_and_errno);
	tcase_add_test(tc, rule_equal_to_default_is_skipped);
	tcase_add_test(tc, unknown_names_fail_open_is_a_warning);
	tcase_add_test(tc, conflicting_rules_are_an_error);
	tcase_add_test(tc, enosys_stub_conditions);
	tcase_add_test(tc, other_target_arch);
	tcase_add_test(tc, flags);
	tcase_add_test(tc, too_many_instructions);
	tcase_add_test(tc, libseccomp_linear_bug_is_caught);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_compile)
