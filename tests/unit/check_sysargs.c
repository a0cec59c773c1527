/* SPDX-License-Identifier: Apache-2.0 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seccomp.h>

#include "sysargs.h"
#include "unit.h"
#include "util.h"

static const char *const lib_arches[] = {
	"x86",	   "x86_64",   "x32",	      "arm",	  "aarch64",
	"mips",	   "mips64",   "mips64n32",   "mipsel",	  "mipsel64",
	"mipsel64n32", "ppc",  "ppc64",	      "ppc64le",  "s390",
	"s390x",   "parisc",   "parisc64",    "riscv64",
};

/* Append " name" to the space-separated list unless it is there already:
 * most names come back from many arches. */
static void add_missing(char *list, size_t size, const char *name)
{
	char word[128];
	snprintf(word, sizeof(word), " %s ", name);
	size_t len = strlen(list);
	if (len + strlen(word) >= size)
		return;
	strcat(list, " ");
	if (strstr(list, word)) {
		list[len] = '\0';
		return;
	}
	strcat(list, name);
}

/* Every name the library resolves from a number on arch, over the ranges
 * where libseccomp 2.5.4 has any: the usual tables (mips starts at 4000),
 * arm's private calls at 0xf0000, x32's numbers, and the negative
 * pseudo-numbers that stand for names the arch lacks. */
static unsigned check_arch(uint32_t arch, char *missing, size_t size)
{
	static const struct {
		long lo, hi;
	} ranges[] = {
		{ -10400, 7000 },
		{ 0xf0000, 0xf0100 },
		{ 0x40000000, 0x40000000 + 1100 },
	};
	unsigned seen = 0;
	for (size_t r = 0; r < ARRAY_SIZE(ranges); r++) {
		for (long nr = ranges[r].lo; nr < ranges[r].hi; nr++) {
			char *name = seccomp_syscall_resolve_num_arch(arch, (int)nr);
			if (!name)
				continue;
			seen++;
			if (sysargs_count(name) < 0)
				add_missing(missing, size, name);
			free(name);
		}
	}
	return seen;
}

START_TEST(every_libseccomp_name_is_in_the_table)
{
	char missing[4096] = "";
	for (size_t a = 0; a < ARRAY_SIZE(lib_arches); a++) {
		uint32_t arch = seccomp_arch_resolve_name(lib_arches[a]);
		ck_assert_msg(arch != 0, "libseccomp lost arch %s", lib_arches[a]);
		ck_assert_uint_gt(check_arch(arch, missing, sizeof(missing)), 200);
	}
	ck_assert_msg(missing[0] == '\0', "not in the table:%s", missing);
}
END_TEST

START_TEST(every_table_name_is_a_libseccomp_name_in_order)
{
	const char *prev = NULL, *name;
	size_t n = 0;
	for (; (name = sysargs_nth(n)); n++) {
		ck_assert_msg(seccomp_syscall_resolve_name(name) != __NR_SCMP_ERROR,
			      "libseccomp does not know %s", name);
		/* bsearch needs strict strcmp order. */
		if (prev)
			ck_assert_msg(strcmp(prev, name) < 0, "%s before %s", prev, name);
		int c = sysargs_count(name);
		ck_assert_msg(c >= 0 && c <= 6, "%s: %d arguments", name, c);
		prev = name;
	}
	ck_assert_uint_gt(n, 450);
}
END_TEST

START_TEST(counts_of_well_known_syscalls)
{
	static const struct {
		const char *name;
		int count;
	} want[] = {
		{ "getpid", 0 },     { "fork", 0 },	   { "exit", 1 },
		{ "personality", 1 }, { "close", 1 },	   { "kill", 2 },
		{ "read", 3 },	     { "write", 3 },	   { "socket", 3 },
		{ "execve", 3 },     { "ioctl", 3 },	   { "openat", 4 },
		{ "ptrace", 4 },     { "clone", 5 },	   { "prctl", 5 },
		{ "mount", 5 },	     { "mmap", 6 },	   { "clone3", 2 },
		{ "umount", 1 },     { "umount2", 2 },	   { "stat", 2 },
		{ "socketcall", 2 }, { "ipc", 6 },	   { "_llseek", 5 },
		{ "mmap2", 6 },	     { "truncate64", 3 },  { "sigsuspend", 3 },
		{ "afs_syscall", 0 }, { "set_tls", 1 },	   { "s390_sthyi", 4 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		ck_assert_msg(sysargs_count(want[i].name) == want[i].count, "%s: %d, want %d",
			      want[i].name, sysargs_count(want[i].name), want[i].count);
	ck_assert_int_eq(sysargs_count("no_such_syscall"), -1);
	ck_assert_int_eq(sysargs_count(""), -1);
	ck_assert_int_eq(sysargs_count(NULL), -1);
}
END_TEST

START_TEST(argument_classes)
{
	/* socket(int, int, int): the domain is the classic bypass. */
	ck_assert_int_eq(sysargs_class("socket", 0), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("socket", 2), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("socket", 3), SR_ARG_NONE);
	/* read(unsigned int fd, char *buf, size_t count) */
	ck_assert_int_eq(sysargs_class("read", 0), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("read", 1), SR_ARG_LONG);
	ck_assert_int_eq(sysargs_class("read", 2), SR_ARG_LONG);
	/* personality(unsigned int) */
	ck_assert_int_eq(sysargs_class("personality", 0), SR_ARG_INT32);
	/* clone's flags are unsigned long; unshare's too. */
	ck_assert_int_eq(sysargs_class("clone", 0), SR_ARG_LONG);
	ck_assert_int_eq(sysargs_class("unshare", 0), SR_ARG_LONG);
	/* ioctl(unsigned int fd, unsigned int cmd, unsigned long arg) */
	ck_assert_int_eq(sysargs_class("ioctl", 1), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("ioctl", 2), SR_ARG_LONG);
	/* prctl(int option, unsigned long, ...) */
	ck_assert_int_eq(sysargs_class("prctl", 0), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("prctl", 1), SR_ARG_LONG);
	/* ptrace(long request, long pid, ...): no truncation at all. */
	ck_assert_int_eq(sysargs_class("ptrace", 0), SR_ARG_LONG);
	/* x86_64's mmap declares every argument unsigned long. */
	ck_assert_int_eq(sysargs_class("mmap", 2), SR_ARG_LONG);
	/* openat(int, const char *, int, umode_t) */
	ck_assert_int_eq(sysargs_class("openat", 3), SR_ARG_INT32);
	/* setuid(uid_t), kill(pid_t, int), clock_gettime(clockid_t, ...) */
	ck_assert_int_eq(sysargs_class("setuid", 0), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("kill", 0), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("clock_gettime", 0), SR_ARG_INT32);
	/* lseek(unsigned int, off_t, unsigned int) */
	ck_assert_int_eq(sysargs_class("lseek", 1), SR_ARG_LONG);
	ck_assert_int_eq(sysargs_class("lseek", 2), SR_ARG_INT32);
	ck_assert_int_eq(sysargs_class("getpid", 0), SR_ARG_NONE);
	ck_assert_int_eq(sysargs_class("no_such_syscall", 0), SR_ARG_NONE);
	ck_assert_int_eq(sysargs_class("socket", 1000000), SR_ARG_NONE);
}
END_TEST

START_TEST(families_are_symmetric_and_known)
{
	const char *const *fam = sysargs_family("chmod");
	ck_assert_ptr_nonnull(fam);
	size_t n = 0;
	bool has_fchmodat2 = false;
	for (; fam[n]; n++)
		has_fchmodat2 |= strcmp(fam[n], "fchmodat2") == 0;
	ck_assert(has_fchmodat2);
	ck_assert_uint_ge(n, 4);
	ck_assert_ptr_null(sysargs_family("getpid"));
	ck_assert_ptr_null(sysargs_family("no_such_syscall"));
	ck_assert_ptr_null(sysargs_family(NULL));

	/* Walk every family through the names of the table. */
	size_t members = 0;
	const char *name;
	for (size_t i = 0; (name = sysargs_nth(i)); i++) {
		fam = sysargs_family(name);
		if (!fam)
			continue;
		members++;
		bool self = false;
		size_t count = 0;
		for (const char *const *m = fam; *m; m++, count++) {
			self |= strcmp(*m, name) == 0;
			ck_assert_msg(sysargs_count(*m) >= 0, "family of %s: %s is not a syscall",
				      name, *m);
			/* The same list from every member: families do not
			 * overlap, so "the others" read the same everywhere. */
			ck_assert_msg(sysargs_family(*m) == fam, "%s and %s disagree", name, *m);
			for (const char *const *o = m + 1; *o; o++)
				ck_assert_msg(strcmp(*m, *o) != 0, "%s twice", *m);
		}
		ck_assert_msg(self, "%s missing from its own family", name);
		ck_assert_msg(count >= 2, "%s alone in its family", name);
	}
	ck_assert_uint_gt(members, 100);
}
END_TEST

START_TEST(formatting_a_call)
{
	char buf[256];
	uint64_t args[6] = { 16, 3, 0, 7, 8, 9 };
	sysargs_format_args("socket", args, buf, sizeof(buf));
	ck_assert_str_eq(buf, "16, 3, 0");
	/* An int argument is what the kernel sees of it; a register-sized
	 * one past 0xffff is shown in hex. */
	uint64_t rd[6] = { 0xffffffffffffffffull, 0x7ffc12345678ull, 65535 };
	sysargs_format_args("read", rd, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-1, 0x7ffc12345678, 65535");
	sysargs_format_args("getppid", args, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	/* A name the table does not have: all six. */
	sysargs_format_args("no_such_call", args, buf, sizeof(buf));
	ck_assert_str_eq(buf, "16, 3, 0, 7, 8, 9");
	sysargs_format_args(NULL, args, buf, sizeof(buf));
	ck_assert_str_eq(buf, "16, 3, 0, 7, 8, 9");
	/* Cut short, still terminated. */
	uint64_t big[6] = { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX };
	memset(buf, 'x', sizeof(buf));
	sysargs_format_args(NULL, big, buf, 21);
	ck_assert_str_eq(buf, "0xffffffffffffffff");
	ck_assert_int_eq(buf[21], 'x');
}
END_TEST

static Suite *suite_sysargs(void)
{
	Suite *s = suite_create("sysargs");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, every_libseccomp_name_is_in_the_table);
	tcase_add_test(tc, every_table_name_is_a_libseccomp_name_in_order);
	tcase_add_test(tc, counts_of_well_known_syscalls);
	tcase_add_test(tc, argument_classes);
	tcase_add_test(tc, families_are_symmetric_and_known);
	tcase_add_test(tc, formatting_a_call);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_sysargs)
