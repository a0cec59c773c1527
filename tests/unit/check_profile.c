/* SPDX-License-Identifier: Apache-2.0 */
/* The profile parser (SPEC §4): the fixture directories carry the accept /
 * refuse table, the tests below check what the accepted profiles say. */
#include <stdio.h>
#include <string.h>

#include "profile.h"
#include "unit.h"
#include "util.h"

/* A parse with its own diagnostics, freed by parsed_free(). */
struct parsed {
	struct sr_profile p;
	struct sr_diags diags;
	struct sr_error err;
	char msg[2048];   /* the formatted error, as main prints it */
	int rc;
};

static void parse_n(struct parsed *t, const char *text, size_t len, const char *origin)
{
	memset(t, 0, sizeof(*t));
	t->rc = profile_parse(text, len, origin, &t->p, &t->diags, &t->err);
	if (t->rc < 0)
		sr_error_format(&t->err, t->msg, sizeof(t->msg));
}

static void parse(struct parsed *t, const char *text)
{
	parse_n(t, text, strlen(text), "test.json");
}

static void parsed_free(struct parsed *t)
{
	profile_free(&t->p);
	sr_diags_free(&t->diags);
}

/* Parse text that must be accepted. */
static void accept(struct parsed *t, const char *text)
{
	parse(t, text);
	ck_assert_msg(t->rc == 0, "refused: %s", t->msg);
}

/* Parse text that must be refused with an error containing want. */
static void refuse(const char *text, const char *want)
{
	struct parsed t;
	static const struct sr_profile empty;

	parse(&t, text);
	ck_assert_msg(t.rc == -1, "accepted: %s", text);
	ck_assert_msg(strstr(t.msg, want), "error \"%s\" lacks \"%s\"", t.msg, want);
	ck_assert_msg(memcmp(&t.p, &empty, sizeof(empty)) == 0, "*out not empty after an error");
	parsed_free(&t);
}

static const struct sr_diag *find_diag(const struct parsed *t, const char *code)
{
	for (size_t i = 0; i < t->diags.n; i++)
		if (strcmp(t->diags.v[i].code, code) == 0)
			return &t->diags.v[i];
	return NULL;
}

static void check_valid(const char *path, const char *name)
{
	size_t len;
	_cleanup_free_ char *text = unit_read_file(path, &len);
	struct parsed t;

	parse_n(&t, text, len, name);
	ck_assert_msg(t.rc == 0, "%s refused: %s", name, t.msg);
	parsed_free(&t);
}

static void check_invalid(const char *path, const char *name)
{
	static const struct sr_profile empty;
	char expect_path[4096 + 256];
	size_t len;
	_cleanup_free_ char *text = unit_read_file(path, &len);
	_cleanup_free_ char *want = NULL;
	struct parsed t;

	snprintf(expect_path, sizeof(expect_path), "%.*s.expect", (int)(strlen(path) - 5), path);
	want = unit_read_file(expect_path, NULL);
	want[strcspn(want, "\n")] = '\0';
	ck_assert_msg(*want, "%s is empty", expect_path);

	parse_n(&t, text, len, name);
	ck_assert_msg(t.rc == -1, "%s accepted", name);
	ck_assert_msg(strstr(t.msg, want), "%s: error \"%s\" lacks \"%s\"", name, t.msg, want);
	/* The error names the file, as every message must. */
	ck_assert_str_eq(t.err.file, name);
	ck_assert_msg(memcmp(&t.p, &empty, sizeof(empty)) == 0, "%s: *out not empty", name);
	parsed_free(&t);
}

START_TEST(valid_fixtures)
{
	ck_assert_uint_ge(unit_each_json(unit_tests_path("profiles/valid"), check_valid), 30);
}
END_TEST

START_TEST(invalid_fixtures)
{
	ck_assert_uint_ge(unit_each_json(unit_tests_path("profiles/invalid"), check_invalid), 40);
}
END_TEST

static void check_shared(const char *path, const char *name)
{
	size_t len;
	_cleanup_free_ char *text = unit_read_file(path, &len);
	struct parsed t;

	parse_n(&t, text, len, name);
	if (strcmp(name, "moby-fixture-example.json") == 0) {
		/* syslog's errnoRet 12345 is beyond what libseccomp accepts. */
		ck_assert_int_eq(t.rc, -1);
		ck_assert_str_eq(t.err.path, "syscalls[3].errnoRet");
		ck_assert_msg(strstr(t.msg, "4094"), "%s", t.msg);
	} else {
		ck_assert_msg(t.rc == 0, "%s refused: %s", name, t.msg);
		ck_assert_uint_eq(sr_diags_count(&t.diags, SR_WARNING), 0);
	}
	parsed_free(&t);
}

START_TEST(shared_profiles)
{
	const char *dir = unit_shared("profiles");
	if (!dir)
		return;
	ck_assert_uint_ge(unit_each_json(dir, check_shared), 10);
}
END_TEST

static void parse_shared(struct parsed *t, const char *name)
{
	size_t len;
	_cleanup_free_ char *text = unit_read_file(unit_shared(name), &len);

	parse_n(t, text, len, name);
	ck_assert_msg(t->rc == 0, "%s", t->msg);
}

/* moby TestLoadLegacyProfile's figures, before any selection. */
START_TEST(moby_legacy_format)
{
	struct parsed t;

	if (!unit_shared("profiles"))
		return;
	parse_shared(&t, "profiles/moby-fixture-default-old-format.json");
	ck_assert_uint_eq(t.p.nrules, 311);
	for (size_t i = 0; i < t.p.nrules; i++) {
		ck_assert(t.p.rules[i].legacy_name);
		ck_assert_uint_eq(t.p.rules[i].nnames, 1);
	}
	ck_assert_str_eq(t.p.rules[0].names[0], "accept");
	ck_assert_int_eq(t.p.rules[0].action.kind, SR_ACT_ALLOW);
	ck_assert_uint_eq(t.p.narches, 3);
	ck_assert_str_eq(t.p.arches[0]->scmp_name, "SCMP_ARCH_X86_64");
	ck_assert_str_eq(t.p.arches[1]->scmp_name, "SCMP_ARCH_X86");
	ck_assert_str_eq(t.p.arches[2]->scmp_name, "SCMP_ARCH_X32");
	parsed_free(&t);
}
END_TEST

START_TEST(docker_default_archmap)
{
	struct parsed t;
	bool found = false;

	if (!unit_shared("profiles"))
		return;
	parse_shared(&t, "profiles/docker-default.json");
	ck_assert_int_eq(t.p.default_action.kind, SR_ACT_ERRNO);
	ck_assert(t.p.has_default_errno);
	ck_assert_uint_eq(t.p.narches, 0);
	for (size_t i = 0; i < t.p.narchmap; i++) {
		const struct sr_archmap *m = &t.p.archmap[i];
		if (strcmp(m->arch->scmp_name, "SCMP_ARCH_X86_64") != 0)
			continue;
		found = true;
		ck_assert_uint_eq(m->nsubs, 2);
		ck_assert_str_eq(m->subs[0]->scmp_name, "SCMP_ARCH_X86");
		ck_assert_str_eq(m->subs[1]->scmp_name, "SCMP_ARCH_X32");
	}
	ck_assert(found);
	parsed_free(&t);
}
END_TEST

START_TEST(podman_default_errno_names)
{
	struct parsed t;

	if (!unit_shared("profiles"))
		return;
	parse_shared(&t, "profiles/podman-default.json");
	ck_assert_int_eq(t.p.default_action.data, 38);
	ck_assert(t.p.has_default_errno);
	parsed_free(&t);
}
END_TEST

/* Go reads uint64 fields exactly; jansson alone stops at 2^63 - 1. */
START_TEST(uint64_values_exact)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"ioctl\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\", \"args\": ["
		   "{\"index\": 1, \"value\": 18446744073709551615, \"valueTwo\": 9223372036854775808,"
		   " \"op\": \"SCMP_CMP_MASKED_EQ\"},"
		   "{\"index\": 2, \"value\": 9223372036854775807, \"op\": \"SCMP_CMP_EQ\"},"
		   "{\"index\": 3, \"value\": 1234567890123456789, \"op\": \"SCMP_CMP_EQ\"},"
		   "{\"index\": 4, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}");
	const struct sr_rule *r = &t.p.rules[0];
	ck_assert_uint_eq(r->nargs, 4);
	ck_assert(r->args[0].value == UINT64_MAX);
	ck_assert(r->args[0].value_two == 9223372036854775808u);
	ck_assert(r->args[0].has_value_two);
	ck_assert(r->args[1].value == INT64_MAX);
	ck_assert(!r->args[1].has_value_two);
	ck_assert(r->args[2].value == 1234567890123456789u);
	ck_assert(r->args[3].value == 0);
	parsed_free(&t);
}
END_TEST

START_TEST(masked_eq_stored)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"clone\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 2114060288,"
		   " \"valueTwo\": 0, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}");
	const struct sr_arg *a = &t.p.rules[0].args[0];
	ck_assert_uint_eq(a->index, 0);
	ck_assert_int_eq(a->op, SR_OP_MASKED_EQ);
	ck_assert(a->value == 2114060288u);
	ck_assert(a->value_two == 0);
	ck_assert(a->has_value_two);
	parsed_free(&t);
}
END_TEST

START_TEST(legacy_name)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		   "{\"name\": \"accept\", \"action\": \"SCMP_ACT_ALLOW\"},"
		   "{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"},"
		   "{\"action\": \"SCMP_ACT_ALLOW\"}]}");
	ck_assert_uint_eq(t.p.nrules, 3);
	ck_assert(t.p.rules[0].legacy_name);
	ck_assert_uint_eq(t.p.rules[0].nnames, 1);
	ck_assert_str_eq(t.p.rules[0].names[0], "accept");
	ck_assert(!t.p.rules[1].legacy_name);
	ck_assert_uint_eq(t.p.rules[1].nnames, 2);
	ck_assert_str_eq(t.p.rules[1].names[1], "write");
	ck_assert_uint_eq(t.p.rules[2].nnames, 0);
	parsed_free(&t);
}
END_TEST

START_TEST(errno_values)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrno\": \"ENOSYS\","
		   " \"syscalls\": ["
		   "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ERRNO\", \"errno\": \"EINVAL\"},"
		   "{\"names\": [\"b\"], \"action\": \"SCMP_ACT_ERRNO\", \"errno\": \"22\"},"
		   "{\"names\": [\"c\"], \"action\": \"SCMP_ACT_ERRNO\", \"errno\": \"EPERM\","
		   " \"errnoRet\": 1},"
		   "{\"names\": [\"d\"], \"action\": \"SCMP_ACT_ERRNO\"},"
		   "{\"names\": [\"e\"], \"action\": \"SCMP_ACT_TRACE\", \"errnoRet\": 0},"
		   "{\"names\": [\"f\"], \"action\": \"SCMP_ACT_TRACE\"},"
		   "{\"names\": [\"g\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");
	ck_assert_int_eq(t.p.default_action.data, 38);
	ck_assert(t.p.has_default_errno);
	ck_assert_int_eq(t.p.rules[0].action.data, 22);
	ck_assert(t.p.rules[0].has_errno);
	ck_assert_int_eq(t.p.rules[1].action.data, 22);
	ck_assert_int_eq(t.p.rules[2].action.data, 1);
	/* Absent: EPERM for ERRNO and TRACE, nothing for the rest. */
	ck_assert_int_eq(t.p.rules[3].action.data, 1);
	ck_assert(!t.p.rules[3].has_errno);
	ck_assert_int_eq(t.p.rules[4].action.data, 0);
	ck_assert(t.p.rules[4].has_errno);
	ck_assert_int_eq(t.p.rules[5].action.data, 1);
	ck_assert_int_eq(t.p.rules[6].action.data, 0);
	ck_assert(!t.p.rules[6].has_errno);
	parsed_free(&t);

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}");
	ck_assert(!t.p.has_default_errno);
	ck_assert_int_eq(t.p.default_action.data, 1);
	parsed_free(&t);
}
END_TEST

START_TEST(comments_accepted_with_warning)
{
	struct parsed t;
	const struct sr_diag *d;

	accept(&t, "// header\n{\n\t/* block */ \"defaultAction\": \"SCMP_ACT_ALLOW\" // tail\n}\n");
	ck_assert(t.p.had_comments);
	d = find_diag(&t, "comments");
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(d->severity, SR_WARNING);
	ck_assert_str_eq(d->file, "test.json");
	ck_assert_ptr_nonnull(strstr(d->msg, "not portable"));
	ck_assert_uint_eq(t.diags.n, 1);
	parsed_free(&t);

	/* Comment markers inside strings are text. */
	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"],"
		   " \"action\": \"SCMP_ACT_ERRNO\", \"comment\": \"a \\\" // b /* c\"}]}");
	ck_assert(!t.p.had_comments);
	ck_assert_uint_eq(t.diags.n, 0);
	ck_assert_str_eq(t.p.rules[0].comment, "a \" // b /* c");
	parsed_free(&t);

	/* Line numbers survive: the syntax error is on line 4. */
	refuse("/* one\n two\n three */\n{ \"defaultAction\": }\n", "invalid JSON at line 4");
}
END_TEST

START_TEST(key_case_warning)
{
	struct parsed t;
	const struct sr_diag *d;

	accept(&t, "{\"DefaultAction\": \"SCMP_ACT_ERRNO\", \"SYSCALLS\": [{\"Names\": [\"read\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\"}]}");
	ck_assert_int_eq(t.p.default_action.kind, SR_ACT_ERRNO);
	ck_assert_uint_eq(t.p.nrules, 1);
	ck_assert_str_eq(t.p.rules[0].names[0], "read");
	ck_assert_uint_eq(t.diags.n, 3);
	d = find_diag(&t, "key-case");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->path, "DefaultAction");
	ck_assert_ptr_nonnull(strstr(d->msg, "'defaultAction'"));
	ck_assert_str_eq(t.diags.v[2].path, "syscalls[0].Names");
	parsed_free(&t);
}
END_TEST

START_TEST(unknown_key_warning)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		   "{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\"},"
		   "{\"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"},"
		   "{\"names\": [\"c\"], \"action\": \"SCMP_ACT_ALLOW\", \"foo\": 1,"
		   " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\", \"bar\": []}]}]}");
	ck_assert_uint_eq(t.diags.n, 2);
	ck_assert_str_eq(t.diags.v[0].code, "unknown-key");
	ck_assert_int_eq(t.diags.v[0].severity, SR_WARNING);
	ck_assert_str_eq(t.diags.v[0].path, "syscalls[2].foo");
	ck_assert_str_eq(t.diags.v[1].path, "syscalls[2].args[0].bar");
	parsed_free(&t);
}
END_TEST

START_TEST(oci_config_json)
{
	struct parsed t;
	_cleanup_free_ char *path = NULL;

	accept(&t, "{\"ociVersion\": \"1.0.2\", \"hostname\": \"x\", \"linux\": {\"seccomp\":"
		   " {\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		   "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"},"
		   "{\"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}}}");
	ck_assert_str_eq(t.p.prefix, "linux.seccomp");
	ck_assert_uint_eq(t.p.nrules, 2);
	ck_assert_uint_eq(t.diags.n, 0); /* the rest of config.json is not ours */
	path = profile_rule_path(&t.p, &t.p.rules[1]);
	ck_assert_str_eq(path, "linux.seccomp.syscalls[1]");
	parsed_free(&t);

	refuse("{\"ociVersion\": \"1.0.2\", \"linux\": {\"seccomp\": {\"defaultAction\":"
	       " \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\"},"
	       "{\"names\": [\"b\"], \"action\": \"SCMP_ACT_ALLOW\"},"
	       "{\"names\": [\"c\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 3}]}}}",
	       "linux.seccomp.syscalls[2].errnoRet: ");
	/* Fail closed: a config.json without a profile is not "unconfined". */
	refuse("{\"ociVersion\": \"1.0.2\", \"process\": {}}", "without linux.seccomp");

	/* A plain profile: no prefix. */
	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\"}]}");
	ck_assert_str_eq(t.p.prefix, "");
	free(path);
	path = profile_rule_path(&t.p, &t.p.rules[0]);
	ck_assert_str_eq(path, "syscalls[0]");
	parsed_free(&t);
}
END_TEST

/* runc ORs conditions on one index; the parser keeps them as written. */
START_TEST(same_index_kept)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"getppid\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\", \"args\": ["
		   "{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_NE\"},"
		   "{\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_NE\"}]}]}");
	ck_assert_uint_eq(t.p.nrules, 1);
	ck_assert_uint_eq(t.p.rules[0].nargs, 2);
	ck_assert(t.p.rules[0].args[0].value == 1);
	ck_assert(t.p.rules[0].args[1].value == 2);
	ck_assert_int_eq(t.p.rules[0].args[1].op, SR_OP_NE);
	parsed_free(&t);
}
END_TEST

START_TEST(archmap_and_architectures)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [], \"archMap\": ["
		   "{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\":"
		   " [\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]},"
		   "{\"architecture\": \"SCMP_ARCH_RISCV64\", \"subArchitectures\": null}]}");
	ck_assert_uint_eq(t.p.narches, 0);
	ck_assert_uint_eq(t.p.narchmap, 2);
	ck_assert_str_eq(t.p.archmap[0].arch->scmp_name, "SCMP_ARCH_X86_64");
	ck_assert_uint_eq(t.p.archmap[0].nsubs, 2);
	ck_assert_str_eq(t.p.archmap[0].subs[1]->scmp_name, "SCMP_ARCH_X32");
	ck_assert_str_eq(t.p.archmap[1].arch->scmp_name, "SCMP_ARCH_RISCV64");
	ck_assert_uint_eq(t.p.archmap[1].nsubs, 0);
	parsed_free(&t);

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_AARCH64\","
		   " \"SCMP_ARCH_ARM\"], \"archMap\": []}");
	ck_assert_uint_eq(t.p.narches, 2);
	ck_assert_str_eq(t.p.arches[1]->scmp_name, "SCMP_ARCH_ARM");
	parsed_free(&t);
}
END_TEST

START_TEST(flags_bits)
{
	struct parsed t;
	unsigned log, spec;

	ck_assert(sr_flag_lookup("SECCOMP_FILTER_FLAG_LOG", &log));
	ck_assert(sr_flag_lookup("SECCOMP_FILTER_FLAG_SPEC_ALLOW", &spec));

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\","
		   " \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"]}");
	ck_assert(t.p.flags_present);
	ck_assert_uint_eq(t.p.flags, log | spec);
	parsed_free(&t);

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": []}");
	ck_assert(t.p.flags_present);
	ck_assert_uint_eq(t.p.flags, 0);
	parsed_free(&t);

	/* Absent and null are the same: compile picks the default. */
	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": null}");
	ck_assert(!t.p.flags_present);
	parsed_free(&t);
}
END_TEST

START_TEST(min_kernel)
{
	static const struct {
		const char *value;
		unsigned kernel, major;
	} good[] = {
		{ "\"\"", 0, 0 }, { "\"0.50\"", 0, 50 }, { "\"255.255\"", 255, 255 },
		{ "\"4.8\"", 4, 8 }, { "\"05.010\"", 5, 10 },
	};
	static const char *const bad[] = {
		"\"256.1\"", "\"0.0\"", "\"3\"", "\"3.12.1\"", "3.1", "3", "true", "\"4.15abc\"",
		"\".3\"", "\"3.\"", "\"+3.1\"", "\"-3.1\"", "\" 3.1\"", "\"3.1 \"", "\"a.b\"",
	};
	char text[512];
	struct parsed t;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		snprintf(text, sizeof(text),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"],"
			 " \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": {\"minKernel\": %s}}]}",
			 good[i].value);
		accept(&t, text);
		const struct sr_cond *c = &t.p.rules[0].excludes;
		ck_assert(c->present);
		ck_assert(c->has_min_kernel);
		ck_assert_uint_eq(c->min_kernel.kernel, good[i].kernel);
		ck_assert_uint_eq(c->min_kernel.major, good[i].major);
		ck_assert(!t.p.rules[0].includes.present);
		parsed_free(&t);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(text, sizeof(text),
			 "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"],"
			 " \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": %s}}]}",
			 bad[i]);
		refuse(text, "syscalls[0].includes.minKernel: invalid kernel version");
	}

	/* null and {} impose nothing; {} is still present. */
	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\"],"
		   " \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": null},"
		   " \"excludes\": null}]}");
	ck_assert(t.p.rules[0].includes.present);
	ck_assert(!t.p.rules[0].includes.has_min_kernel);
	ck_assert(!t.p.rules[0].excludes.present);
	parsed_free(&t);
}
END_TEST

START_TEST(conditions_and_strings_copied)
{
	struct parsed t;

	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"listenerPath\": \"/run/a.sock\","
		   " \"listenerMetadata\": \"m\", \"comment\": \"top\", \"syscalls\": ["
		   "{\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_NOTIFY\", \"comment\": \"why\","
		   " \"includes\": {\"caps\": [\"CAP_SYS_PTRACE\"], \"arches\": [\"amd64\", \"x32\"]},"
		   " \"excludes\": {\"caps\": [\"CAP_A\", \"CAP_B\"]}},"
		   "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"\"}]}");
	const struct sr_rule *r = &t.p.rules[0];
	ck_assert_str_eq(t.p.listener_path, "/run/a.sock");
	ck_assert_str_eq(t.p.listener_metadata, "m");
	ck_assert_int_eq(r->action.kind, SR_ACT_NOTIFY);
	ck_assert_str_eq(r->comment, "why");
	ck_assert(r->includes.present);
	ck_assert_uint_eq(r->includes.ncaps, 1);
	ck_assert_str_eq(r->includes.caps[0], "CAP_SYS_PTRACE");
	ck_assert_uint_eq(r->includes.narches, 2);
	ck_assert_str_eq(r->includes.arches[1], "x32");
	ck_assert_uint_eq(r->excludes.ncaps, 2);
	ck_assert_str_eq(r->excludes.caps[1], "CAP_B");
	ck_assert_ptr_null(t.p.rules[1].comment);
	ck_assert_uint_eq(t.p.rules[1].index, 1);
	ck_assert_str_eq(t.p.origin, "test.json");
	ck_assert(!t.p.flags_present);
	parsed_free(&t);
}
END_TEST

/* Odd input the pre-scan must handle: the text is not NUL-terminated,
 * carries raw NUL bytes or numbers jansson cannot hold. */
START_TEST(raw_text_edges)
{
	static const char unterminated[] = "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}garbage";
	static const char nul_inside[] = "{\"defaultAction\": \"SCMP_ACT\0ALLOW\"}";
	struct parsed t;

	/* len stops before the garbage: nothing past it is read. */
	parse_n(&t, unterminated, strlen(unterminated) - 7, "x");
	ck_assert_msg(t.rc == 0, "%s", t.msg);
	parsed_free(&t);

	parse_n(&t, nul_inside, sizeof(nul_inside) - 1, "x");
	ck_assert_int_eq(t.rc, -1);
	ck_assert_ptr_nonnull(strstr(t.msg, "line 1 column 28: NUL byte"));
	parsed_free(&t);

	/* Big integers are fine where the value is not read... */
	accept(&t, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"x\": [123456789012345678901, -0, 1.5e300]}");
	ck_assert_uint_eq(t.diags.n, 1);
	parsed_free(&t);
	/* ...and never pass for a string where one is. */
	refuse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerPath\": 99999999999999999999}",
	       "listenerPath: expected a string, got a number");
	refuse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"comment\": \"\\u0000\"}", "NUL character");
	refuse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}\n/*", "line 2 column 1: unterminated /* comment");
}
END_TEST

START_TEST(unconfined_is_not_implied)
{
	refuse("", "missing defaultAction");
	refuse("{}", "use -p unconfined for no filter");
	refuse("{\"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": []}", "missing defaultAction");
	refuse("null", "expected a JSON object at the top level, got null");
}
END_TEST

/* No leaks and an empty *out whatever stage fails: valgrind checks the
 * first, this the second, on a profile failing late in the walk. */
START_TEST(error_late_leaves_out_empty)
{
	refuse("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86\"],"
	       " \"listenerPath\": \"/x\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\","
	       " \"subArchitectures\": [\"SCMP_ARCH_X86\"]}]}",
	       "use either 'architectures' or 'archMap'");
	refuse("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"a\", \"b\"],"
	       " \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"c\", \"includes\": {\"caps\": [\"X\"]},"
	       " \"args\": [{\"index\": 0, \"op\": \"SCMP_CMP_EQ\"}]}], \"flags\": [\"NOPE\"]}",
	       "flags[0]: unknown flag 'NOPE'");
}
END_TEST

static Suite *suite_profile(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, valid_fixtures);
	tcase_add_test(tc, invalid_fixtures);
	tcase_add_test(tc, shared_profiles);
	tcase_add_test(tc, moby_legacy_format);
	tcase_add_test(tc, docker_default_archmap);
	tcase_add_test(tc, podman_default_errno_names);
	tcase_add_test(tc, uint64_values_exact);
	tcase_add_test(tc, masked_eq_stored);
	tcase_add_test(tc, legacy_name);
	tcase_add_test(tc, errno_values);
	tcase_add_test(tc, comments_accepted_with_warning);
	tcase_add_test(tc, key_case_warning);
	tcase_add_test(tc, unknown_key_warning);
	tcase_add_test(tc, oci_config_json);
	tcase_add_test(tc, same_index_kept);
	tcase_add_test(tc, archmap_and_architectures);
	tcase_add_test(tc, flags_bits);
	tcase_add_test(tc, min_kernel);
	tcase_add_test(tc, conditions_and_strings_copied);
	tcase_add_test(tc, raw_text_edges);
	tcase_add_test(tc, unconfined_is_not_implied);
	tcase_add_test(tc, error_late_leaves_out_empty);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_SUITE(suite_profile)
