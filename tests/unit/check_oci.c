/* SPDX-License-Identifier: Apache-2.0 */
/* policy_write_oci: the exact text for every field, and that the text
 * selects and compiles back to the same filter. The round trip over the
 * real profiles, through the binary, is tests/integration/export.t. */
#include <stdio.h>
#include <string.h>

#include "oci.h"
#include "pipeline.h"
#include "unit.h"
#include "util.h"

static char *oci_text(const struct sr_policy *pol)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	policy_write_oci(pol, f);
	ck_assert_int_eq(ferror(f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static char *oci_of(const char *json, const char *caps, const char *arch)
{
	struct pipeline p;
	ck_assert_msg(pipeline_select(&p, json, caps, NULL, arch) == 0, "%s", p.err.msg);
	char *text = oci_text(&p.policy);
	pipeline_free(&p);
	return text;
}

/* Every field the writer knows, and everything it must leave out:
 * comments, includes/excludes, dropped rules, a zero valueTwo; a legacy
 * name becomes names, podman's errno names numbers. */
static const char everything[] =
	"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrno\":\"ENOSYS\",\"comment\":\"x\","
	"\"archMap\":[{\"architecture\":\"SCMP_ARCH_AARCH64\",\"subArchitectures\":[\"SCMP_ARCH_ARM\"]},"
	"{\"architecture\":\"SCMP_ARCH_X86_64\",\"subArchitectures\":[\"SCMP_ARCH_X86\"]}],"
	"\"flags\":[\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\",\"SECCOMP_FILTER_FLAG_LOG\"],"
	"\"listenerPath\":\"/run/a.sock\",\"listenerMetadata\":\"m\",\"syscalls\":["
	"{\"name\":\"read\",\"action\":\"SCMP_ACT_ALLOW\",\"comment\":\"c\",\"includes\":{}},"
	"{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}},"
	"{\"names\":[\"bpf\",\"perf_event_open\"],\"action\":\"SCMP_ACT_ERRNO\",\"errno\":\"EPERM\"},"
	"{\"names\":[\"ioctl\"],\"action\":\"SCMP_ACT_KILL\",\"args\":["
	"{\"index\":1,\"value\":18446744073709551615,\"valueTwo\":0,\"op\":\"SCMP_CMP_EQ\"},"
	"{\"index\":2,\"value\":255,\"valueTwo\":18,\"op\":\"SCMP_CMP_MASKED_EQ\"}]},"
	"{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_TRACE\",\"errnoRet\":7,"
	"\"excludes\":{\"arches\":[\"arm64\"]}}"
	"]}";

START_TEST(every_field)
{
	_cleanup_free_ char *got = oci_of(everything, "none", "x86_64");
	ck_assert_str_eq(got,
		"{\n"
		"  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		"  \"defaultErrnoRet\": 38,\n"
		"  \"architectures\": [\n"
		"    \"SCMP_ARCH_X86_64\",\n"
		"    \"SCMP_ARCH_X86\"\n"
		"  ],\n"
		"  \"flags\": [\n"
		"    \"SECCOMP_FILTER_FLAG_LOG\",\n"
		"    \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"\n"
		"  ],\n"
		"  \"listenerPath\": \"/run/a.sock\",\n"
		"  \"listenerMetadata\": \"m\",\n"
		"  \"syscalls\": [\n"
		"    {\n"
		"      \"names\": [\n"
		"        \"read\"\n"
		"      ],\n"
		"      \"action\": \"SCMP_ACT_ALLOW\"\n"
		"    },\n"
		"    {\n"
		"      \"names\": [\n"
		"        \"bpf\",\n"
		"        \"perf_event_open\"\n"
		"      ],\n"
		"      \"action\": \"SCMP_ACT_ERRNO\",\n"
		"      \"errnoRet\": 1\n"
		"    },\n"
		"    {\n"
		"      \"names\": [\n"
		"        \"ioctl\"\n"
		"      ],\n"
		"      \"action\": \"SCMP_ACT_KILL\",\n"
		"      \"args\": [\n"
		"        {\n"
		"          \"index\": 1,\n"
		"          \"value\": 18446744073709551615,\n"
		"          \"op\": \"SCMP_CMP_EQ\"\n"
		"        },\n"
		"        {\n"
		"          \"index\": 2,\n"
		"          \"value\": 255,\n"
		"          \"valueTwo\": 18,\n"
		"          \"op\": \"SCMP_CMP_MASKED_EQ\"\n"
		"        }\n"
		"      ]\n"
		"    },\n"
		"    {\n"
		"      \"names\": [\n"
		"        \"getppid\"\n"
		"      ],\n"
		"      \"action\": \"SCMP_ACT_TRACE\",\n"
		"      \"errnoRet\": 7\n"
		"    }\n"
		"  ]\n"
		"}\n");
}
END_TEST

/* The archMap entry is the target's; another target, another entry; none
 * matching, no architectures (the runtime then filters the native only). */
START_TEST(archmap_follows_the_target)
{
	_cleanup_free_ char *arm = oci_of(everything, "CAP_SYS_ADMIN", "aarch64");
	ck_assert_ptr_nonnull(strstr(arm, "\"architectures\": [\n    \"SCMP_ARCH_AARCH64\",\n"
					  "    \"SCMP_ARCH_ARM\"\n  ],"));
	/* arm64 drops the TRACE rule; CAP_SYS_ADMIN keeps mount. */
	ck_assert_ptr_nonnull(strstr(arm, "\"mount\""));
	ck_assert_ptr_null(strstr(arm, "getppid"));

	_cleanup_free_ char *s390 = oci_of(everything, NULL, "s390x");
	ck_assert_ptr_null(strstr(s390, "architectures"));
}
END_TEST

/* Absent flags mean SPEC_ALLOW, an empty list none: the two must stay
 * apart. Nothing kept, no syscalls (Go's omitempty). */
START_TEST(flags_absent_empty)
{
	_cleanup_free_ char *absent = oci_of("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", NULL, NULL);
	ck_assert_str_eq(absent, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n");
	_cleanup_free_ char *empty =
		oci_of("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[],\"syscalls\":"
		       "[{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ERRNO\","
		       "\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}",
		       "none", NULL);
	ck_assert_str_eq(empty, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"flags\": []\n}\n");
}
END_TEST

static void assert_same_filter(const char *json, const char *caps)
{
	struct pipeline a, b;
	ck_assert_msg(pipeline_compile(&a, json, caps, NULL) == 0, "%s", a.err.msg);
	_cleanup_free_ char *oci = oci_text(&a.policy);
	/* No caps for the copy: nothing in it may depend on them any more. */
	ck_assert_msg(pipeline_compile(&b, oci, "all", NULL) == 0, "%s", b.err.msg);
	ck_assert_uint_eq(a.bpf.len, b.bpf.len);
	ck_assert_int_eq(memcmp(a.bpf.insns, b.bpf.insns, a.bpf.len * sizeof(*a.bpf.insns)), 0);
	ck_assert_uint_eq(a.bpf.flags, b.bpf.flags);
	pipeline_free(&b);
	pipeline_free(&a);
}

START_TEST(round_trip)
{
	assert_same_filter(everything, "none");
	assert_same_filter(everything, "CAP_SYS_ADMIN");
	const char *path = unit_shared("profiles/docker-default.json");
	if (!path)
		return;
	_cleanup_free_ char *docker = unit_read_file(path, NULL);
	assert_same_filter(docker, "none");
	assert_same_filter(docker, "CAP_SYS_ADMIN,CAP_SYS_PTRACE");
}
END_TEST

static Suite *oci_suite(void)
{
	Suite *s = suite_create("oci");
	TCase *tc = tcase_create("write");
	tcase_add_test(tc, every_field);
	tcase_add_test(tc, archmap_follows_the_target);
	tcase_add_test(tc, flags_absent_empty);
	tcase_add_test(tc, round_trip);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(oci_suite)
