/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "resolve.h"
#include "unit.h"
#include "util.h"

START_TEST(references)
{
	char cwd[PATH_MAX];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	_cleanup_free_ char *dot = xasprintf("%s/x.json", cwd);
	struct {
		const char *ref, *root;
		enum sr_source_kind kind;
		const char *path;
	} cases[] = {
		{ "runtime/default", "/r", SR_SOURCE_BUILTIN, "runtime/default" },
		{ "docker/default", "/r", SR_SOURCE_BUILTIN, "docker/default" },
		{ "unconfined", "/r", SR_SOURCE_UNCONFINED, "unconfined" },
		{ "-", "/r", SR_SOURCE_STDIN, "<stdin>" },
		{ "/etc/p.json", "/r", SR_SOURCE_FILE, "/etc/p.json" },
		{ "./x.json", "/r", SR_SOURCE_FILE, dot },
		{ "../y.json", "/r", SR_SOURCE_FILE, NULL },
		{ "localhost/app.json", "/r", SR_SOURCE_FILE, "/r/app.json" },
		{ "app.json", "/r/", SR_SOURCE_FILE, "/r/app.json" },
		{ "profiles/x.json", "/r", SR_SOURCE_FILE, "/r/profiles/x.json" },
		/* filepath.Join cleans "." and "//"; "..foo" is a plain name. */
		{ "localhost/a//./b.json", "/r", SR_SOURCE_FILE, "/r/a/b.json" },
		{ "..foo", "/r", SR_SOURCE_FILE, "/r/..foo" },
		{ "operator/ns/p.json", "/var/lib/kubelet/seccomp", SR_SOURCE_FILE,
		  "/var/lib/kubelet/seccomp/operator/ns/p.json" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sr_source src;
		struct sr_error err;
		ck_assert_int_eq(resolve_reference(cases[i].ref, cases[i].root, &src, &err), 0);
		ck_assert_int_eq(src.kind, cases[i].kind);
		if (cases[i].path)
			ck_assert_str_eq(src.path, cases[i].path);
		source_free(&src);
	}
}
END_TEST

START_TEST(refused_references)
{
	const char *bad[] = { "", "localhost/", "localhost//etc/passwd", "localhost/../x",
			      "a/../../x", "..", "a/..", "localhost/a/../b" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct sr_source src;
		struct sr_error err = { 0 };
		ck_assert_msg(resolve_reference(bad[i], "/r", &src, &err) < 0, "'%s' accepted", bad[i]);
		ck_assert_int_eq(err.status, 125);
	}
}
END_TEST

START_TEST(relative_root_is_made_absolute)
{
	struct sr_source src;
	struct sr_error err;
	char cwd[PATH_MAX];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(resolve_reference("p.json", "profiles", &src, &err), 0);
	_cleanup_free_ char *want = xasprintf("%s/profiles/p.json", cwd);
	ck_assert_str_eq(src.path, want);
	source_free(&src);
}
END_TEST

static char tmpdir[] = "/tmp/sr-resolve-XXXXXX";

START_TEST(missing_file_names_path_and_hints)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	ck_assert_int_eq(chdir(tmpdir), 0);
	FILE *f = fopen("here.json", "w");
	ck_assert_ptr_nonnull(f);
	fputs("{}", f);
	fclose(f);

	struct sr_source src;
	struct sr_error err = { 0 };
	char *text;
	size_t len;
	ck_assert_int_eq(resolve_reference("here.json", "/nonexistent-root", &src, &err), 0);
	ck_assert_int_lt(source_read(&src, &text, &len, &err), 0);
	ck_assert_str_eq(err.file, "/nonexistent-root/here.json");
	ck_assert_ptr_nonnull(strstr(err.msg, "did you mean ./here.json?"));
	source_free(&src);

	ck_assert_int_eq(resolve_reference("./here.json", "/r", &src, &err), 0);
	ck_assert_int_eq(source_read(&src, &text, &len, &err), 0);
	ck_assert_uint_eq(len, 2);
	free(text);
	source_free(&src);

	/* A directory is refused without reading it. */
	ck_assert_int_eq(resolve_reference(tmpdir, "/r", &src, &err), 0);
	ck_assert_int_lt(source_read(&src, &text, &len, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "directory"));
	source_free(&src);
	unlink("here.json");
	ck_assert_int_eq(chdir("/"), 0);
	rmdir(tmpdir);
}
END_TEST

START_TEST(oversized_file_refused_before_reading)
{
	char path[] = "/tmp/sr-big-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)SR_PROFILE_MAX_BYTES + 1), 0);
	close(fd);
	struct sr_source src;
	struct sr_error err = { 0 };
	char *text;
	size_t len;
	ck_assert_int_eq(resolve_reference(path, "/r", &src, &err), 0);
	ck_assert_int_lt(source_read(&src, &text, &len, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "larger than"));
	source_free(&src);
	unlink(path);
}
END_TEST

START_TEST(builtin_is_docker_default)
{
	struct sr_source src;
	struct sr_error err;
	char *text;
	size_t len;
	ck_assert_int_eq(resolve_reference("runtime/default", "/r", &src, &err), 0);
	ck_assert_int_eq(source_read(&src, &text, &len, &err), 0);
	const char *shared = unit_shared("profiles/docker-default.json");
	if (shared) {
		size_t want_len;
		char *want = unit_read_file(shared, &want_len);
		ck_assert_uint_eq(len, want_len);
		ck_assert_int_eq(memcmp(text, want, len), 0);
		free(want);
	}
	free(text);
	source_free(&src);
}
END_TEST

static Suite *suite_resolve(void)
{
	Suite *s = suite_create("resolve");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, references);
	tcase_add_test(tc, refused_references);
	tcase_add_test(tc, relative_root_is_made_absolute);
	tcase_add_test(tc, missing_file_names_path_and_hints);
	tcase_add_test(tc, oversized_file_refused_before_reading);
	tcase_add_test(tc, builtin_is_docker_default);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_resolve)
