/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <string.h>

#include "pipeline.h"
#include "unit.h"
#include "util.h"

static char *shared_profile(const char *name)
{
	const char *path = unit_shared(name);
	return path ? unit_read_file(path, NULL) : NULL;
}

/* moby TestLoadConditional. */
START_TEST(moby_conditional_include)
{
	_cleanup_free_ char *json = shared_profile("profiles/moby-fixture-conditional-include.json");
	if (!json)
		return;
	struct {
		const char *caps, *want;
	} cases[] = {
		{ "none", "chmod ptrace" },
		{ "CAP_SYSLOG", "chmod syslog ptrace" },
		{ "CAP_SYS_ADMIN", "chmod" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pipeline p;
		ck_assert_int_eq(pipeline_select(&p, json, cases[i].caps, NULL, NULL), 0);
		_cleanup_free_ char *got = pipeline_kept_names(&p);
		ck_assert_str_eq(got, cases[i].want);
		pipeline_free(&p);
	}
}
END_TEST

/* moby TestLoadLegacyProfile. */
START_TEST(moby_legacy_profile)
{
	_cleanup_free_ char *json = shared_profile("profiles/moby-fixture-default-old-format.json");
	if (!json)
		return;
	struct pipeline p;
	ck_assert_int_eq(pipeline_select(&p, json, NULL, NULL, "amd64"), 0);
	size_t kept = 0;
	for (size_t i = 0; i < p.policy.nchoices; i++)
		kept += p.policy.choices[i].kept;
	ck_assert_uint_eq(kept, 311);
	ck_assert_str_eq(p.policy.choices[0].rule->names[0], "accept");
	ck_assert_int_eq(p.policy.choices[0].rule->action.kind, SR_ACT_ALLOW);
	ck_assert_uint_eq(p.policy.narches, 3);
	ck_assert_str_eq(p.policy.arches[0]->scmp_name, "SCMP_ARCH_X86_64");
	ck_assert_str_eq(p.policy.arches[1]->scmp_name, "SCMP_ARCH_X86");
	ck_assert_str_eq(p.policy.arches[2]->scmp_name, "SCMP_ARCH_X32");
	pipeline_free(&p);
}
END_TEST

/* moby TestLoadProfile: four rules, default errno 1. The fixture's
 * errnoRet 12345 is beyond libseccomp's 4094, which we refuse (SPEC §4);
 * everything else about it selects as in moby. */
START_TEST(moby_example_profile)
{
	_cleanup_free_ char *json = shared_profile("profiles/moby-fixture-example.json");
	if (!json)
		return;
	struct pipeline p;
	ck_assert_int_lt(pipeline_select(&p, json, NULL, NULL, NULL), 0);
	ck_assert_str_eq(p.err.path, "syscalls[3].errnoRet");
	pipeline_free(&p);

	char *at = strstr(json, "12345");
	ck_assert_ptr_nonnull(at);
	memcpy(at, "1234 ", 5);
	ck_assert_int_eq(pipeline_select(&p, json, NULL, NULL, NULL), 0);
	_cleanup_free_ char *got = pipeline_kept_names(&p);
	ck_assert_str_eq(got, "clone open close syslog");
	ck_assert_uint_eq(p.policy.default_action.data, 1);
	ck_assert_uint_eq(p.policy.choices[3].rule->action.data, 1234);
	ck_assert_uint_eq(p.policy.choices[0].rule->args[0].value, 2114060288);
	pipeline_free(&p);
}
END_TEST

static const char conditional[] =
	"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
	"{\"names\":[\"a_amd64\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"arches\":[\"amd64\"]}},"
	"{\"names\":[\"b_arm64\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"arches\":[\"arm64\",\"arm\"]}},"
	"{\"names\":[\"c_not_amd64\"],\"action\":\"SCMP_ACT_ALLOW\",\"excludes\":{\"arches\":[\"amd64\"]}},"
	"{\"names\":[\"d_min_5_8\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":\"5.8\"}},"
	"{\"names\":[\"e_below_5_8\"],\"action\":\"SCMP_ACT_ALLOW\",\"excludes\":{\"minKernel\":\"5.8\"}},"
	"{\"names\":[\"f_empty_min\"],\"action\":\"SCMP_ACT_ALLOW\",\"excludes\":{\"minKernel\":\"\"}},"
	"{\"names\":[\"g_all_caps\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_A\",\"CAP_SYS_ADMIN\"]}},"
	"{\"names\":[\"h_any_cap\"],\"action\":\"SCMP_ACT_ALLOW\",\"excludes\":{\"caps\":[\"CAP_NET_RAW\",\"CAP_SYS_ADMIN\"]}},"
	"{\"names\":[\"i_both\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]},\"excludes\":{\"arches\":[\"arm64\"]}},"
	"{\"names\":[\"j_plain\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{},\"excludes\":{}}"
	"]}";

START_TEST(includes_and_excludes)
{
	struct {
		const char *caps, *kernel, *arch, *want;
	} cases[] = {
		{ "none", "6.18", "amd64", "a_amd64 d_min_5_8 h_any_cap j_plain" },
		{ "none", "5.4", "amd64", "a_amd64 e_below_5_8 h_any_cap j_plain" },
		{ "none", "5.8", "amd64", "a_amd64 d_min_5_8 h_any_cap j_plain" },
		{ "none", "6.18", "arm64", "b_arm64 c_not_amd64 d_min_5_8 h_any_cap j_plain" },
		{ "CAP_SYS_ADMIN", "6.18", "amd64", "a_amd64 d_min_5_8 i_both j_plain" },
		{ "CAP_SYS_ADMIN", "6.18", "arm64", "b_arm64 c_not_amd64 d_min_5_8 j_plain" },
		{ "CAP_NET_RAW", "4.0", "x86", "c_not_amd64 e_below_5_8 j_plain" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pipeline p;
		ck_assert_int_eq(pipeline_select(&p, conditional, cases[i].caps, cases[i].kernel,
						 cases[i].arch), 0);
		_cleanup_free_ char *got = pipeline_kept_names(&p);
		ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %zu: got '%s', want '%s'", i,
			      got, cases[i].want);
		pipeline_free(&p);
	}
}
END_TEST

START_TEST(reasons_name_the_deciding_condition)
{
	struct pipeline p;
	ck_assert_int_eq(pipeline_select(&p, conditional, "CAP_SYS_ADMIN", "5.4", "amd64"), 0);
	ck_assert_str_eq(p.policy.choices[1].reason, "includes.arches: amd64 is not listed");
	ck_assert_str_eq(p.policy.choices[2].reason, "excludes.arches: amd64 is this arch");
	ck_assert_str_eq(p.policy.choices[3].reason, "includes.minKernel: kernel 5.4 < 5.8");
	ck_assert_str_eq(p.policy.choices[5].reason, "excludes.minKernel: kernel 5.4 >= 0.0");
	ck_assert_str_eq(p.policy.choices[6].reason, "includes.caps: CAP_A is not held");
	ck_assert_str_eq(p.policy.choices[7].reason, "excludes.caps: CAP_SYS_ADMIN is held");
	ck_assert_str_eq(p.policy.choices[9].reason, "unconditional");
	pipeline_free(&p);
}
END_TEST

START_TEST(archmap_expands_for_the_native_arch_only)
{
	_cleanup_free_ char *json = shared_profile("profiles/docker-default.json");
	if (!json)
		return;
	struct {
		const char *arch, *want;
	} cases[] = {
		{ "amd64", "x86_64 x86 x32" },
		{ "arm64", "aarch64 arm" },
		{ "s390x", "s390x s390" },
		{ "ppc64le", "ppc64le" }, /* Docker's archMap has no ppc64le entry */
		{ "riscv64", "riscv64" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pipeline p;
		ck_assert_int_eq(pipeline_select(&p, json, NULL, NULL, cases[i].arch), 0);
		char got[128] = "";
		for (size_t j = 0; j < p.policy.narches; j++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", j ? " " : "",
				 p.policy.arches[j]->lib_name);
		ck_assert_str_eq(got, cases[i].want);
		pipeline_free(&p);
	}
}
END_TEST

START_TEST(architectures_always_include_native)
{
	struct pipeline p;
	ck_assert_int_eq(pipeline_select(&p,
					 "{\"defaultAction\":\"SCMP_ACT_ALLOW\","
					 "\"architectures\":[\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_X86_64\"]}",
					 NULL, NULL, "amd64"), 0);
	ck_assert_uint_eq(p.policy.narches, 2);
	ck_assert_str_eq(p.policy.arches[0]->lib_name, "x86_64");
	ck_assert_str_eq(p.policy.arches[1]->lib_name, "aarch64");
	pipeline_free(&p);
}
END_TEST

START_TEST(flags_default_to_spec_allow)
{
	struct pipeline p;
	ck_assert_int_eq(pipeline_select(&p, "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", NULL, NULL, NULL), 0);
	ck_assert_uint_eq(p.policy.flags, SECCOMP_FILTER_FLAG_SPEC_ALLOW);
	pipeline_free(&p);
	ck_assert_int_eq(pipeline_select(&p, "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[]}",
					 NULL, NULL, NULL), 0);
	ck_assert_uint_eq(p.policy.flags, 0);
	pipeline_free(&p);
	ck_assert_int_eq(pipeline_select(&p,
					 "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":"
					 "[\"SECCOMP_FILTER_FLAG_TSYNC\",\"SECCOMP_FILTER_FLAG_LOG\"]}",
					 NULL, NULL, NULL), 0);
	ck_assert_uint_eq(p.policy.flags, SECCOMP_FILTER_FLAG_LOG);
	pipeline_free(&p);
}
END_TEST

static Suite *suite_select(void)
{
	Suite *s = suite_create("select");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, moby_conditional_include);
	tcase_add_test(tc, moby_legacy_profile);
	tcase_add_test(tc, moby_example_profile);
	tcase_add_test(tc, includes_and_excludes);
	tcase_add_test(tc, reasons_name_the_deciding_condition);
	tcase_add_test(tc, archmap_expands_for_the_native_arch_only);
	tcase_add_test(tc, architectures_always_include_native);
	tcase_add_test(tc, flags_default_to_spec_allow);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_select)
