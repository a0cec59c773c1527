/* SPDX-License-Identifier: Apache-2.0 */
/* record_merge: what a run's syscalls make of a fresh allow-list, of a
 * base profile and of the file of earlier runs, checked on the rendered
 * text and on the filter it compiles to. The runs themselves are
 * tests/integration/record.t. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "oci.h"
#include "pipeline.h"
#include "record.h"
#include "unit.h"
#include "util.h"

static void parse_or_fail(const char *json, struct sr_profile *p)
{
	struct sr_diags d = { 0 };
	struct sr_error err = { 0 };
	ck_assert_msg(profile_parse(json, strlen(json), "base.json", p, &d, &err) == 0, "%s",
		      err.msg);
	sr_diags_free(&d);
}

/* The names of the rule at index i of the rendered profile, as one
 * string "a b c", or NULL past the end. */
static char *rule_names(const struct sr_profile *p, size_t i)
{
	if (i >= p->nrules)
		return NULL;
	char *s = xstrdup("");
	for (size_t j = 0; j < p->rules[i].nnames; j++) {
		char *t = xasprintf("%s%s%s", s, j ? " " : "", p->rules[i].names[j]);
		free(s);
		s = t;
	}
	return s;
}

#define SEEN(arch, name, denied) ((struct sr_seen){ (arch), (name), (denied) })

START_TEST(fresh_allow_list)
{
	const struct sr_arch *native = sr_arch_native();
	struct sr_seen seen[] = {
		SEEN(native, "write", true), SEEN(native, "read", true),
		SEEN(native, "execve", true), SEEN(native, "exit_group", true),
		SEEN(native, "clone3", true),
	};
	struct sr_profile p;
	struct sr_diags d = { 0 };
	record_new_profile(&p, "out.json");
	record_merge(&p, seen, ARRAY_SIZE(seen), "/bin/prog", &d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(p.default_action.kind, SR_ACT_ERRNO);
	ck_assert_uint_eq(p.default_action.data, EPERM);
	ck_assert_uint_eq(p.narches, 1);
	ck_assert_ptr_eq(p.arches[0], native);
	ck_assert_uint_eq(p.nrules, 2);
	/* Sorted, once each, with the three every program may need. */
	_cleanup_free_ char *allow = rule_names(&p, 0);
	ck_assert_str_eq(allow, "clone3 execve exit exit_group read rt_sigreturn write");
	ck_assert_int_eq(p.rules[0].action.kind, SR_ACT_ALLOW);
	ck_assert_ptr_nonnull(strstr(p.rules[0].comment, "made by /bin/prog"));
	/* clone3 was made: the fallback rule has the others. */
	_cleanup_free_ char *fb = rule_names(&p, 1);
	ck_assert_str_eq(fb, "close_range faccessat2 fchmodat2 openat2");
	ck_assert_int_eq(p.rules[1].action.kind, SR_ACT_ERRNO);
	ck_assert_uint_eq(p.rules[1].action.data, ENOSYS);
	ck_assert(p.rules[1].has_errno);
	ck_assert_ptr_nonnull(strstr(p.comment, "seccomp-run"));

	/* What it compiles to: the recorded calls pass, others EPERM, the
	 * fallbacks ENOSYS. */
	_cleanup_free_ char *text = pipeline_docker_text(&p);
	struct pipeline pl;
	ck_assert_msg(pipeline_compile(&pl, text, NULL, NULL) == 0, "%s", pl.err.msg);
	ck_assert_uint_eq(pipeline_verdict(&pl, "read", 0, 0), SECCOMP_RET_ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&pl, "rt_sigreturn", 0, 0), SECCOMP_RET_ALLOW);
	ck_assert_uint_eq(pipeline_verdict(&pl, "getpid", 0, 0), SECCOMP_RET_ERRNO | EPERM);
	ck_assert_uint_eq(pipeline_verdict(&pl, "openat2", 0, 0), SECCOMP_RET_ERRNO | ENOSYS);
	pipeline_free(&pl);
	sr_diags_free(&d);
	profile_free(&p);
}
END_TEST

/* A second run merged into the first one's file: new names join the
 * marked rule, a fallback made now leaves the ENOSYS rule, the program is
 * named once; merging the same run again changes nothing. */
START_TEST(append_is_a_union)
{
	const struct sr_arch *native = sr_arch_native();
	struct sr_seen first[] = { SEEN(native, "read", true) };
	struct sr_seen second[] = { SEEN(native, "openat2", true), SEEN(native, "getpid", true) };
	struct sr_profile p, q;
	struct sr_diags d = { 0 };
	record_new_profile(&p, "out.json");
	record_merge(&p, first, 1, "/bin/a", &d);
	_cleanup_free_ char *text1 = pipeline_docker_text(&p);
	profile_free(&p);

	parse_or_fail(text1, &q);
	record_merge(&q, second, 2, "/bin/b", &d);
	record_merge(&q, first, 1, "/bin/a", &d);
	_cleanup_free_ char *allow = rule_names(&q, 0), *fb = rule_names(&q, 1);
	ck_assert_str_eq(allow, "exit exit_group getpid openat2 read rt_sigreturn");
	ck_assert_str_eq(fb, "clone3 close_range faccessat2 fchmodat2");
	ck_assert_ptr_nonnull(strstr(q.rules[0].comment, "made by /bin/a, /bin/b"));
	ck_assert_ptr_null(strstr(strstr(q.rules[0].comment, "/bin/a") + 1, "/bin/a"));
	_cleanup_free_ char *text2 = pipeline_docker_text(&q);
	profile_free(&q);

	parse_or_fail(text2, &q);
	record_merge(&q, second, 2, "/bin/b", &d);
	_cleanup_free_ char *text3 = pipeline_docker_text(&q);
	ck_assert_str_eq(text2, text3);
	ck_assert_uint_eq(d.n, 0);
	profile_free(&q);
	sr_diags_free(&d);
}
END_TEST

/* Every fallback made: the ENOSYS rule goes away altogether. */
START_TEST(fallback_rule_removed_when_empty)
{
	const struct sr_arch *native = sr_arch_native();
	struct sr_seen all[] = {
		SEEN(native, "clone3", true),	   SEEN(native, "faccessat2", true),
		SEEN(native, "close_range", true), SEEN(native, "openat2", true),
		SEEN(native, "fchmodat2", true),
	};
	struct sr_profile p, q;
	struct sr_diags d = { 0 };
	record_new_profile(&p, "out.json");
	record_merge(&p, all, 1, "/bin/a", &d);
	ck_assert_uint_eq(p.nrules, 2);
	_cleanup_free_ char *text = pipeline_docker_text(&p);
	parse_or_fail(text, &q);
	record_merge(&q, all, ARRAY_SIZE(all), "/bin/a", &d);
	ck_assert_uint_eq(q.nrules, 1);
	ck_assert_int_eq(q.rules[0].action.kind, SR_ACT_ALLOW);
	profile_free(&p);
	profile_free(&q);
	sr_diags_free(&d);
}
END_TEST

/* A base profile: its rules stay as they are, names it mentions are not
 * added (a warning where its rules denied a call), the others are. */
START_TEST(base_rules_untouched)
{
	const char *base = "{\"comment\":\"mine\",\"defaultAction\":\"SCMP_ACT_ERRNO\","
			   "\"defaultErrnoRet\":38,\"syscalls\":["
			   "{\"names\":[\"read\",\"exit_group\"],\"action\":\"SCMP_ACT_ALLOW\"},"
			   "{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
			   "\"args\":[{\"index\":0,\"value\":0,\"op\":\"SCMP_CMP_EQ\"}]},"
			   "{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42}]}";
	const struct sr_arch *native = sr_arch_native();
	struct sr_seen seen[] = {
		SEEN(native, "read", false), SEEN(native, "personality", true),
		SEEN(native, "getppid", true), SEEN(native, "getpid", true),
	};
	struct sr_profile p;
	struct sr_diags d = { 0 };
	parse_or_fail(base, &p);
	record_merge(&p, seen, ARRAY_SIZE(seen), "/bin/b", &d);
	ck_assert_str_eq(p.comment, "mine");
	ck_assert_uint_eq(p.nrules, 4);
	_cleanup_free_ char *r0 = rule_names(&p, 0), *r3 = rule_names(&p, 3);
	ck_assert_str_eq(r0, "read exit_group");
	ck_assert_uint_eq(p.rules[1].nargs, 1);
	ck_assert_str_eq(r3, "exit getpid rt_sigreturn");
	/* The default is ENOSYS already: no fallback rule. */
	ck_assert_uint_eq(d.n, 2);
	ck_assert_str_eq(d.v[0].code, "record-denied");
	ck_assert_str_eq(d.v[0].path, "syscalls[1]");
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "personality"));
	ck_assert_str_eq(d.v[1].path, "syscalls[2]");
	/* No architectures before, only the native arch seen: still none. */
	ck_assert_uint_eq(p.narches, 0);
	profile_free(&p);
	sr_diags_free(&d);
}
END_TEST

/* A deny-list base lets everything unmentioned through already. */
START_TEST(default_allow_adds_nothing)
{
	const char *base = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
			   "{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
	const struct sr_arch *native = sr_arch_native();
	struct sr_seen seen[] = { SEEN(native, "read", false), SEEN(native, "mount", true) };
	struct sr_profile p;
	struct sr_diags d = { 0 };
	parse_or_fail(base, &p);
	record_merge(&p, seen, ARRAY_SIZE(seen), "/bin/b", &d);
	ck_assert_uint_eq(p.nrules, 1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].code, "record-denied");
	profile_free(&p);
	sr_diags_free(&d);
}
END_TEST

/* Arches seen join the list, or the native entry of archMap. */
START_TEST(arches_seen_are_added)
{
	const struct sr_arch *native = sr_arch_native(), *other = NULL, *a;
	for (unsigned i = 0; (a = sr_arch_at(i)); i++)
		if (a != native && !other)
			other = a;
	struct sr_seen seen[] = { SEEN(native, "read", true), SEEN(other, "read", true) };
	struct sr_profile p;
	struct sr_diags d = { 0 };

	record_new_profile(&p, "out.json");
	record_merge(&p, seen, 2, "/bin/a", &d);
	ck_assert_uint_eq(p.narches, 2);
	ck_assert_ptr_eq(p.arches[0], native);
	ck_assert_ptr_eq(p.arches[1], other);
	profile_free(&p);

	_cleanup_free_ char *base = xasprintf(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"archMap\":[{\"architecture\":\"%s\","
		"\"subArchitectures\":[]}],\"syscalls\":[]}", native->scmp_name);
	parse_or_fail(base, &p);
	record_merge(&p, seen, 2, "/bin/a", &d);
	ck_assert_uint_eq(p.narchmap, 1);
	ck_assert_uint_eq(p.archmap[0].nsubs, 1);
	ck_assert_ptr_eq(p.archmap[0].subs[0], other);
	profile_free(&p);
	sr_diags_free(&d);
}
END_TEST

static Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("merge");
	tcase_add_test(tc, fresh_allow_list);
	tcase_add_test(tc, append_is_a_union);
	tcase_add_test(tc, fallback_rule_removed_when_empty);
	tcase_add_test(tc, base_rules_untouched);
	tcase_add_test(tc, default_allow_adds_nothing);
	tcase_add_test(tc, arches_seen_are_added);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(record_suite)
