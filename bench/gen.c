/* SPDX-License-Identifier: Apache-2.0 */
/* srbench gen: synthetic profiles of N rules for the start-up and compile
 * scaling rows. One "rule" is one syscalls[] entry with one name and at
 * most one condition: one libseccomp rule, the unit compile.h counts.
 *
 *   gen N plain OUT   rule i allows name i mod S unconditionally (S: the
 *                     x86_64 syscalls libseccomp knows); past S the names
 *                     repeat, which is what large hand-merged profiles do
 *   gen N args OUT    rule i allows name i mod S when arg0 == i: every
 *                     rule distinct, OR-ed per name, and every syscall's
 *                     conditions different (equal ones would let
 *                     libseccomp merge the identical BPF blocks)
 *   gen N mixed OUT   the start-up profile: what /bin/true and the dynamic
 *                     loader need, and every other name, allowed outright;
 *                     the remaining rules are conditions (as in "args") on
 *                     a quarter of the names, so that the filter still fits
 *                     the kernel's 4096 instructions
 *
 * Every profile has Docker's default action and archMap (x86_64 with the
 * x86 and x32 sub-architectures) unless ARCHES=native is in the
 * environment, which lists SCMP_ARCH_X86_64 alone. */
#include "bench.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_NR 1024

struct names {
	char *v[MAX_NR];
	size_t n;
};

static void x86_64_names(struct names *ns)
{
	ns->n = 0;
	for (int nr = 0; nr < MAX_NR; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		if (name)
			ns->v[ns->n++] = name;
	}
}

/* Calls a dynamically linked /bin/true makes before and after exec; the
 * mixed profile keeps them unconditional so the program runs. */
static const char *const essential[] = {
	"execve", "brk", "arch_prctl", "mmap", "munmap", "mprotect", "access",
	"openat", "open", "newfstatat", "fstat", "close", "read", "pread64",
	"set_tid_address", "set_robust_list", "rseq", "prlimit64", "getrandom",
	"exit_group", "exit", "write", "rt_sigaction", "rt_sigprocmask",
	"rt_sigreturn", "futex", "lseek", "ioctl", "getpid", "gettid",
};

static bool is_essential(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(essential); i++)
		if (strcmp(essential[i], name) == 0)
			return true;
	return false;
}

static void header(FILE *f)
{
	const char *arches = getenv("ARCHES");
	fputs("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n", f);
	if (arches && strcmp(arches, "native") == 0)
		fputs("  \"architectures\": [\"SCMP_ARCH_X86_64\"],\n", f);
	else
		fputs("  \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\", "
		      "\"subArchitectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]}],\n", f);
	fputs("  \"syscalls\": [\n", f);
}

static void rule(FILE *f, bool *first, const char *name, bool cond, unsigned long value)
{
	fprintf(f, "%s    {\"names\": [\"%s\"], \"action\": \"SCMP_ACT_ALLOW\"", *first ? "" : ",\n",
		name);
	if (cond)
		fprintf(f, ", \"args\": [{\"index\": 0, \"value\": %lu, \"op\": \"SCMP_CMP_EQ\"}]",
			value);
	fputc('}', f);
	*first = false;
}

static void gen_uniform(FILE *f, const struct names *ns, size_t n, bool args)
{
	bool first = true;
	for (size_t i = 0; i < n; i++)
		rule(f, &first, ns->v[i % ns->n], args, i);
}

/* Every fourth non-essential name takes the conditions; all the others,
 * essentials included, are allowed outright. */
static void gen_mixed(FILE *f, const struct names *ns, size_t n)
{
	struct names cond = { .n = 0 };
	bool first = true;
	size_t written = 0;
	for (size_t i = 0; i < ns->n; i++) {
		if (!is_essential(ns->v[i]) && i % 4 == 3)
			cond.v[cond.n++] = ns->v[i];
		else if (written < n) {
			rule(f, &first, ns->v[i], false, 0);
			written++;
		}
	}
	for (size_t i = 0; written < n; i++, written++)
		rule(f, &first, cond.v[i % cond.n], true, i);
}

int cmd_gen(int argc, char **argv)
{
	if (argc != 4)
		die("usage: gen N plain|args|mixed OUT");
	unsigned long n = strtoul(argv[1], NULL, 10);
	struct names ns;
	x86_64_names(&ns);
	FILE *f = fopen(argv[3], "w");
	if (!f)
		die("%s: cannot write", argv[3]);
	header(f);
	if (strcmp(argv[2], "mixed") == 0)
		gen_mixed(f, &ns, n);
	else
		gen_uniform(f, &ns, n, strcmp(argv[2], "args") == 0);
	fputs("\n  ]\n}\n", f);
	if (fclose(f) != 0)
		die("%s: write failed", argv[3]);
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	return 0;
}
