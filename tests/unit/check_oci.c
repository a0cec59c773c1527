/* SPDX-License-Identifier: Apache-2.0 */
/* policy_write_oci: the exact text for every field, and that the text
 * selects and compiles back to the same filter. The round trip over the
 * real profiles, through the binary, is tests/integration/export.t. */
#include <dirent.h>
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

/* ------------------------------------------------- profile_write_docker */

START_TEST(docker_every_field)
{
	struct pipeline p;
	ck_assert_msg(pipeline_select(&p, everything, NULL, NULL, NULL) == 0, "%s", p.err.msg);
	_cleanup_free_ char *got = pipeline_docker_text(&p.profile);
	ck_assert_str_eq(got,
		"{\n"
		"  \"comment\": \"x\",\n"
		"  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		"  \"defaultErrnoRet\": 38,\n"
		"  \"archMap\": [\n"
		"    {\n"
		"      \"architecture\": \"SCMP_ARCH_AARCH64\",\n"
		"      \"subArchitectures\": [\n"
		"        \"SCMP_ARCH_ARM\"\n"
		"      ]\n"
		"    },\n"
		"    {\n"
		"      \"architecture\": \"SCMP_ARCH_X86_64\",\n"
		"      \"subArchitectures\": [\n"
		"        \"SCMP_ARCH_X86\"\n"
		"      ]\n"
		"    }\n"
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
		"      \"action\": \"SCMP_ACT_ALLOW\",\n"
		"      \"comment\": \"c\"\n"
		"    },\n"
		"    {\n"
		"      \"names\": [\n"
		"        \"mount\"\n"
		"      ],\n"
		"      \"action\": \"SCMP_ACT_ALLOW\",\n"
		"      \"includes\": {\n"
		"        \"caps\": [\n"
		"          \"CAP_SYS_ADMIN\"\n"
		"        ]\n"
		"      }\n"
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
		"      \"errnoRet\": 7,\n"
		"      \"excludes\": {\n"
		"        \"arches\": [\n"
		"          \"arm64\"\n"
		"        ]\n"
		"      }\n"
		"    }\n"
		"  ]\n"
		"}\n");
	pipeline_free(&p);
}
END_TEST

/* Written, read back and written again: the same text, and for any
 * capabilities the same filter as the original. */
static void assert_docker_round_trip(const char *json, const char *what)
{
	static const char *const caps[] = { "none", "all" };
	struct pipeline a, b;
	ck_assert_msg(pipeline_select(&a, json, NULL, NULL, NULL) == 0, "%s: %s", what, a.err.msg);
	_cleanup_free_ char *once = pipeline_docker_text(&a.profile);
	ck_assert_msg(pipeline_select(&b, once, NULL, NULL, NULL) == 0, "%s: rewritten: %s\n%s",
		      what, b.err.msg, once);
	_cleanup_free_ char *twice = pipeline_docker_text(&b.profile);
	ck_assert_msg(strcmp(once, twice) == 0, "%s: not stable:\n%s\n%s", what, once, twice);
	pipeline_free(&a);
	pipeline_free(&b);
	for (size_t i = 0; i < ARRAY_SIZE(caps); i++) {
		int ra = pipeline_compile(&a, json, caps[i], NULL);
		int rb = pipeline_compile(&b, once, caps[i], NULL);
		ck_assert_msg(ra == rb, "%s: compiles %d, rewritten %d", what, ra, rb);
		if (ra == 0) {
			ck_assert_msg(a.bpf.len == b.bpf.len &&
					      memcmp(a.bpf.insns, b.bpf.insns,
						     a.bpf.len * sizeof(*a.bpf.insns)) == 0 &&
					      a.bpf.flags == b.bpf.flags,
				      "%s: another filter for caps %s", what, caps[i]);
		}
		pipeline_free(&a);
		pipeline_free(&b);
	}
}

START_TEST(docker_round_trip)
{
	assert_docker_round_trip(everything, "everything");
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", unit_tests_path("profiles/valid"));
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		_cleanup_free_ char *path = xasprintf("%s/%s", dir, e->d_name);
		_cleanup_free_ char *text = unit_read_file(path, NULL);
		assert_docker_round_trip(text, e->d_name);
		n++;
	}
	closedir(d);
	ck_assert_uint_ge(n, 30);
	const char *path = unit_shared("profiles/docker-default.json");
	if (path) {
		_cleanup_free_ char *docker = unit_read_file(path, NULL);
		assert_docker_round_trip(docker, "docker-default.json");
	}
}
END_TEST

/* --------------------------------------------------- oci_process_state */

START_TEST(process_state_as_runc_sends_it)
{
	_cleanup_free_ char *s = oci_process_state(4242, "seccomp-run-4242", "/srv/app",
						   "meta \"1\"");
	ck_assert_str_eq(s, "{\"ociVersion\":\"1.1.0\",\"fds\":[\"seccompFd\"],\"pid\":4242,"
			    "\"metadata\":\"meta \\\"1\\\"\",\"state\":{\"ociVersion\":\"1.1.0\","
			    "\"id\":\"seccomp-run-4242\",\"status\":\"creating\",\"pid\":4242,"
			    "\"bundle\":\"/srv/app\"}}");
	/* Go's omitempty: no metadata key for none or an empty one. */
	_cleanup_free_ char *none = oci_process_state(7, "x", "/", NULL);
	_cleanup_free_ char *empty = oci_process_state(7, "x", "/", "");
	ck_assert_ptr_null(strstr(none, "metadata"));
	ck_assert_str_eq(none, empty);
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
	tcase_add_test(tc, docker_every_field);
	tcase_add_test(tc, docker_round_trip);
	tcase_add_test(tc, process_state_as_runc_sends_it);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(oci_suite)
