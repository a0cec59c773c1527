/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "cli.h"
#include "unit.h"
#include "util.h"

static int parse(struct sr_options *o, struct sr_error *err, char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	return cli_parse(argc, argv, o, err);
}

#define ARGV(...) ((char *[]){ "seccomp-run", __VA_ARGS__, NULL })

START_TEST(defaults_and_program)
{
	struct sr_options o;
	struct sr_error err;
	unsetenv("SECCOMP_RUN_PROFILE");
	unsetenv("SECCOMP_RUN_ROOT");
	char **argv = ARGV("nginx", "-g", "daemon off;");
	ck_assert_int_eq(parse(&o, &err, argv), 0);
	ck_assert_int_eq(o.verb, SR_VERB_RUN);
	ck_assert_str_eq(o.profile, "runtime/default");
	ck_assert_str_eq(o.root, "/var/lib/kubelet/seccomp");
	ck_assert(o.no_new_privs);
	ck_assert_int_eq(o.nargs, 3);
	/* The program's own options are never ours. */
	ck_assert_str_eq(o.args[1], "-g");
}
END_TEST

START_TEST(environment_defaults)
{
	struct sr_options o;
	struct sr_error err;
	setenv("SECCOMP_RUN_PROFILE", "localhost/app.json", 1);
	setenv("SECCOMP_RUN_ROOT", "/srv/profiles", 1);
	ck_assert_int_eq(parse(&o, &err, ARGV("true")), 0);
	ck_assert_str_eq(o.profile, "localhost/app.json");
	ck_assert_str_eq(o.root, "/srv/profiles");
	ck_assert_int_eq(parse(&o, &err, ARGV("-p", "x.json", "--root", "/r", "true")), 0);
	ck_assert_str_eq(o.profile, "x.json");
	ck_assert_str_eq(o.root, "/r");
	unsetenv("SECCOMP_RUN_PROFILE");
	unsetenv("SECCOMP_RUN_ROOT");
}
END_TEST

START_TEST(verbs_and_double_dash)
{
	struct sr_options o;
	struct sr_error err;
	/* The argument vectors must outlive o, which points into them. */
	char **run = ARGV("run", "-p", "unconfined", "--", "ls", "-l");
	char **dashdash = ARGV("--", "check");
	char **check = ARGV("check", "a.json");
	char **program = ARGV("-p", "x", "check");
	ck_assert_int_eq(parse(&o, &err, run), 0);
	ck_assert_int_eq(o.verb, SR_VERB_RUN);
	ck_assert_str_eq(o.args[0], "ls");
	/* "seccomp-run -- check" runs a program called check. */
	ck_assert_int_eq(parse(&o, &err, dashdash), 0);
	ck_assert_int_eq(o.verb, SR_VERB_RUN);
	ck_assert_str_eq(o.args[0], "check");
	ck_assert_int_eq(parse(&o, &err, check), 0);
	ck_assert_int_eq(o.verb, SR_VERB_CHECK);
	ck_assert_int_eq(parse(&o, &err, program), 0);
	ck_assert_int_eq(o.verb, SR_VERB_RUN);
	ck_assert_str_eq(o.args[0], "check");
}
END_TEST

START_TEST(options)
{
	struct sr_options o;
	struct sr_error err;
	ck_assert_int_eq(parse(&o, &err, ARGV("--caps", "none", "--kernel", "5.4", "--no-enosys",
					      "--no-new-privs=off", "--preserve-fds", "2", "-vv",
					      "-q", "--strict", "true")),
			 0);
	ck_assert_str_eq(o.caps, "none");
	ck_assert_str_eq(o.kernel, "5.4");
	ck_assert(o.no_enosys && !o.no_new_privs && o.close_fds && o.quiet && o.strict);
	ck_assert_uint_eq(o.preserve_fds, 2);
	ck_assert_int_eq(o.verbose, 2);
}
END_TEST

START_TEST(usage_errors)
{
	struct sr_options o;
	struct sr_error err;
	char **bad[] = {
		ARGV("--bogus", "true"),	 ARGV("-x", "true"),
		ARGV("-p"),			 ARGV("--no-new-privs=maybe", "true"),
		ARGV("--preserve-fds", "-1", "true"), ARGV("--preserve-fds", "2x", "true"),
		ARGV("-p", "unconfined"),	 ARGV("--arch", "arm64", "true"),
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_msg(parse(&o, &err, bad[i]) < 0, "case %zu accepted", i);
		ck_assert_int_eq(err.status, 125);
		ck_assert_ptr_nonnull(strstr(err.msg, "--help"));
	}
	ck_assert_int_eq(parse(&o, &err, ARGV("--help")), 0);
	ck_assert(o.help);
	ck_assert_int_eq(parse(&o, &err, ARGV("-V")), 0);
	ck_assert(o.version);
}
END_TEST

START_TEST(resident_verbs)
{
	struct sr_options o;
	struct sr_error err;
	char **trace = ARGV("trace", "--log", "t.log", "--format", "json", "--permissive",
			    "--", "nginx", "-g", "x");
	char **record = ARGV("record", "-o", "out.json", "--base", "runtime/default",
			     "--append", "sh", "-c", "true");
	unsetenv("SECCOMP_RUN_CACHE_DIR");
	ck_assert_int_eq(parse(&o, &err, trace), 0);
	ck_assert_int_eq(o.verb, SR_VERB_TRACE);
	ck_assert_str_eq(o.log, "t.log");
	ck_assert_str_eq(o.format, "json");
	ck_assert(o.permissive);
	ck_assert_str_eq(o.args[0], "nginx");
	ck_assert_int_eq(parse(&o, &err, ARGV("trace", "true")), 0);
	ck_assert_str_eq(o.format, "text");
	ck_assert_ptr_null(o.log);
	ck_assert_int_eq(parse(&o, &err, record), 0);
	ck_assert_int_eq(o.verb, SR_VERB_RECORD);
	ck_assert_str_eq(o.output, "out.json");
	ck_assert_str_eq(o.base, "runtime/default");
	ck_assert(o.append);
	ck_assert_int_eq(o.nargs, 3);

	/* Each says which option or what is missing. */
	const struct {
		char **argv;
		const char *says;
	} bad[] = {
		{ ARGV("trace"), "no program" },
		{ ARGV("trace", "-o", "x", "true"), "-o is not an option of trace" },
		{ ARGV("trace", "--format", "pfc", "true"), "text|json" },
		{ ARGV("trace", "--log", "", "true"), "--log takes a file name" },
		{ ARGV("trace", "--base", "x", "true"), "--base is not an option of trace" },
		{ ARGV("run", "--permissive", "true"), "--permissive is not an option of run" },
		{ ARGV("run", "--log", "x", "true"), "--log is not an option of run" },
		{ ARGV("record", "true"), "record needs -o" },
		{ ARGV("record", "-o", "-", "true"), "standard output" },
		{ ARGV("record", "-o", "x", "-p", "y", "true"), "-p does not apply" },
		{ ARGV("record", "-o", "x", "--permissive", "true"), "--permissive is not" },
		{ ARGV("record", "-o", "x", "--format", "json", "true"), "--format is not" },
		{ ARGV("record", "-o", "x"), "no program" },
		{ ARGV("check", "--append"), "--append is not an option of check" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_msg(parse(&o, &err, bad[i].argv) < 0, "case %zu accepted", i);
		ck_assert_int_eq(err.status, 125);
		ck_assert_msg(strstr(err.msg, bad[i].says), "case %zu: '%s' lacks '%s'", i, err.msg,
			      bad[i].says);
	}
}
END_TEST

static Suite *suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, defaults_and_program);
	tcase_add_test(tc, environment_defaults);
	tcase_add_test(tc, verbs_and_double_dash);
	tcase_add_test(tc, options);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, resident_verbs);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_cli)
