/* SPDX-License-Identifier: Apache-2.0 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "unit.h"
#include "util.h"

static Suite *(*suites[64])(void);
static size_t nsuites;

void unit_register(Suite *(*make)(void))
{
	if (nsuites == ARRAY_SIZE(suites))
		abort();
	suites[nsuites++] = make;
}

const char *unit_shared(const char *rel)
{
	static char buf[PATH_MAX];
	const char *base = getenv("SHARED");
	if (!base || !*base)
		return NULL;
	snprintf(buf, sizeof(buf), "%s/%s", base, rel);
	/* A clone without ../shared skips these tests rather than failing. */
	return access(buf, R_OK) == 0 ? buf : NULL;
}

const char *unit_tests_path(const char *rel)
{
	static char buf[PATH_MAX];
	const char *base = getenv("TESTS_DIR");
	snprintf(buf, sizeof(buf), "%s/%s", base && *base ? base : "tests", rel);
	return buf;
}

size_t unit_each_json(const char *dir, void (*fn)(const char *path, const char *name))
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s (run from the repository root)", dir);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		fn(path, e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

char *unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = xrealloc(buf, cap);
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	buf = xrealloc(buf, n + 1);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int main(void)
{
	SRunner *sr = NULL;

	/* valgrind does not implement seccomp(2), so libseccomp's probes of
	 * the kernel fail under it and it would refuse KILL_PROCESS, LOG and
	 * NOTIFY. Tell it the API level this kernel has; the "kernel" suite,
	 * which valgrind cannot run, proves it outside valgrind. */
	if (getenv("SR_UNDER_VALGRIND"))
		seccomp_api_set(6);
	for (size_t i = 0; i < nsuites; i++) {
		if (!sr)
			sr = srunner_create(suites[i]());
		else
			srunner_add_suite(sr, suites[i]());
	}
	if (!sr) {
		fprintf(stderr, "no test suites registered\n");
		return 1;
	}
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
