/* SPDX-License-Identifier: Apache-2.0 */
/* srbench paths length|cache PROFILE: what the filters cost per syscall in
 * instructions (our interpreter's step count) and what the kernel's
 * constant-action cache can skip (its emulator, reimplemented below), for
 * PROFILE selected for Docker's default capabilities on x86_64:
 *   ours          the filter run loads (ENOSYS stub included)
 *   --no-enosys   ours without the stub
 *   libseccomp    the same policy compiled with libseccomp's defaults */
#include "bench.h"

#include <linux/audit.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "compile.h"
#include "util.h"

#define X32_BIT 0x40000000u
#define SWEEP_NRS 470   /* x86_64 syscall numbers 0..469 */

struct filters {
	struct sr_stages ours, plain;
	struct sr_bpf peer;
};

static void build_filters(struct filters *f, const char *ref)
{
	bench_stages(&f->ours, ref, BENCH_DOCKER_CAPS, false, SR_STAGE_COMPILE);
	bench_stages(&f->plain, ref, BENCH_DOCKER_CAPS, true, SR_STAGE_COMPILE);
	int rc = peer_compile(&f->ours.policy, &f->peer);
	if (rc < 0)
		die("libseccomp's default compile: %s", strerror(-rc));
}

/* ------------------------------------------------------------ path length */

static size_t steps_for(const struct sr_bpf *prog, uint32_t arch, int nr,
			const uint64_t args[6])
{
	struct seccomp_data d = { .nr = nr, .arch = arch };
	if (args)
		memcpy(d.args, args, sizeof(d.args));
	size_t steps = 0;
	bpf_run(prog, &d, &steps);
	return steps;
}

struct call {
	const char *name;
	int nr;
	uint64_t args[6];
};

/* The realistic mix, equal weights. Arguments are what a program passes
 * where the profile looks at them (clone: pthread's flags; socket: a TCP
 * socket); 0 elsewhere. */
static const struct call mix[] = {
	{ "read", SYS_read, { 0 } },
	{ "write", SYS_write, { 0 } },
	{ "futex", SYS_futex, { 0 } },
	{ "epoll_wait", SYS_epoll_wait, { 0 } },
	{ "mmap", SYS_mmap, { 0 } },
	{ "openat", SYS_openat, { 0 } },
	{ "close", SYS_close, { 0 } },
	{ "clone", SYS_clone, { 0x3d0f00 } },
	{ "getppid", SYS_getppid, { 0 } },
	{ "socket", SYS_socket, { 2, 1 | 02000000, 0 } },
};

struct lenstat {
	double mean, mix_mean;
	size_t max, mix_max;
	int max_nr;
};

static struct lenstat path_lengths(const struct sr_bpf *prog)
{
	struct lenstat s = { .max_nr = -1 };
	size_t total = 0;
	for (int nr = 0; nr < SWEEP_NRS; nr++) {
		size_t n = steps_for(prog, AUDIT_ARCH_X86_64, nr, NULL);
		total += n;
		if (n > s.max) {
			s.max = n;
			s.max_nr = nr;
		}
	}
	s.mean = (double)total / SWEEP_NRS;
	total = 0;
	for (size_t i = 0; i < sizeof(mix) / sizeof(mix[0]); i++) {
		size_t n = steps_for(prog, AUDIT_ARCH_X86_64, mix[i].nr, mix[i].args);
		total += n;
		if (n > s.mix_max)
			s.mix_max = n;
	}
	s.mix_mean = (double)total / (double)(sizeof(mix) / sizeof(mix[0]));
	return s;
}

static void length_row(const char *label, const struct sr_bpf *prog, bool target)
{
	struct lenstat s = path_lengths(prog);
	const struct sr_arch *x86_64 = sr_arch_by_any_name("x86_64");
	char *worst = compile_syscall_name(x86_64, s.max_nr);
	printf("| %s | %zu | %.1f | %zu (%s) | %.1f | %zu | %s |\n", label, prog->len, s.mean,
	       s.max, worst ? worst : "?", s.mix_mean, s.mix_max,
	       !target ? "" : s.mean <= 16 && s.max <= 24 ? "met" : "NOT met");
	free(worst);
}

static void table_length(const struct filters *f)
{
	printf("| filter | size, insns | mean, nr 0..469 | max (at) | mean, mix | max, mix "
	       "| target: mean ≤ 16, max ≤ 24 |\n"
	       "|---|---:|---:|---:|---:|---:|---|\n");
	length_row("ours (as run loads it)", &f->ours.bpf, true);
	length_row("ours, --no-enosys", &f->plain.bpf, false);
	length_row("libseccomp defaults (crun)", &f->peer, false);

	struct lenstat o = path_lengths(&f->ours.bpf), n = path_lengths(&f->plain.bpf),
		       p = path_lengths(&f->peer);
	summary_row("| BPF instructions per syscall, mean / max, x86_64 nr 0..469 | %.1f / %zu "
		    "(--no-enosys %.1f / %zu) | %.1f / %zu | ≤ 16 / ≤ 24 | %s |",
		    o.mean, o.max, n.mean, n.max, p.mean, p.max,
		    o.mean <= 16 && o.max <= 24 ? "met" : "NOT met");
	summary_row("| BPF instructions per syscall, mean / max, realistic mix | %.1f / %zu | "
		    "%.1f / %zu | | |", o.mix_mean, o.mix_max, p.mix_mean, p.mix_max);
	summary_row("| filter size, instructions | %zu | %zu | | |", f->ours.bpf.len, f->peer.len);
}

/* ------------------------------------------------------ constant actions */

/* kernel/seccomp.c seccomp_is_const_allow(), instruction for instruction:
 * only the syscall number and arch are known, so any other load, any
 * other operation, makes the syscall uncacheable. */
static bool const_allow(const struct sr_bpf *prog, uint32_t arch, uint32_t nr)
{
	uint32_t a = 0;
	for (size_t pc = 0; pc < prog->len; pc++) {
		const struct sock_filter *in = &prog->insns[pc];
		bool res;
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (in->k == offsetof(struct seccomp_data, arch))
				a = arch;
			else
				return false;
			break;
		case BPF_RET | BPF_K:
			return in->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_K:
			switch (BPF_OP(in->code)) {
			case BPF_JEQ: res = a == in->k; break;
			case BPF_JGE: res = a >= in->k; break;
			case BPF_JGT: res = a > in->k; break;
			default: res = (a & in->k) != 0; break;
			}
			pc += res ? in->jt : in->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			break;
		default:
			return false;
		}
	}
	return false;
}

/* One ABI: the kernel's bitmap covers numbers 0..range-1 of audit arch
 * `audit`; x32 numbers carry the x32 bit (and fall outside the kernel's
 * native bitmap: it never caches them, the count is the emulator's). */
struct abi {
	const char *label, *lib_name;
	uint32_t audit, bit;
	uint32_t range;
};

static const struct abi abis[] = {
	{ "x86_64", "x86_64", AUDIT_ARCH_X86_64, 0, 1024 },
	{ "i386 (x86)", "x86", AUDIT_ARCH_I386, 0, 1024 },
	{ "x32", "x32", AUDIT_ARCH_X86_64, X32_BIT, 1024 },
};

static bool listed(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* The profile's own answer: syscalls an ALLOW rule without conditions
 * names. Matched by number -> name on this ABI rather than name ->
 * number: libseccomp resolves i386's socket and SysV IPC names to the
 * socketcall/ipc multiplexers, yet allows the direct syscalls too. */
static void unconditional(const struct sr_policy *pol, const struct abi *abi, bool *set)
{
	const struct sr_arch *arch = sr_arch_by_any_name(abi->lib_name);
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || r->action.kind != SR_ACT_ALLOW || r->nargs)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			names = grow(names, &cap, n, sizeof(*names));
			names[n++] = r->names[j];
		}
	}
	for (uint32_t i = 0; i < abi->range; i++) {
		char *name = compile_syscall_name(arch, (int)(i | abi->bit));
		set[i] = name && listed(names, n, name);
		free(name);
	}
	free(names);
}

struct cachestat {
	size_t hit;     /* allowed unconditionally and cacheable */
	size_t extra;   /* cacheable but not an unconditional allow: a bug */
};

static struct cachestat cacheable(const struct sr_bpf *prog, const struct abi *abi,
				  const bool *want)
{
	struct cachestat s = { 0 };
	for (uint32_t i = 0; i < abi->range; i++) {
		if (!const_allow(prog, abi->audit, i | abi->bit))
			continue;
		if (want[i])
			s.hit++;
		else
			s.extra++;
	}
	return s;
}

static void cache_row(const struct filters *f, const struct abi *abi)
{
	bool want[1024];
	unconditional(&f->ours.policy, abi, want);
	size_t n = 0;
	for (uint32_t i = 0; i < abi->range; i++)
		n += want[i];
	struct cachestat ours = cacheable(&f->ours.bpf, abi, want);
	struct cachestat plain = cacheable(&f->plain.bpf, abi, want);
	struct cachestat peer = cacheable(&f->peer, abi, want);
	const char *verdict = ours.hit == n && !ours.extra ? "met" : "NOT met";
	printf("| %s | %zu | %zu | %zu | %zu | %zu | %s |\n", abi->label, n, ours.hit,
	       plain.hit, peer.hit, ours.extra + plain.extra + peer.extra, verdict);
	summary_row("| unconditional allows the kernel can cache, %s | %zu of %zu | %zu of %zu | "
		    "all | %s |", abi->label, ours.hit, n, peer.hit, n, verdict);
}

static void table_cache(const struct filters *f)
{
	printf("| ABI | unconditional allows in the profile | cacheable: ours | ours, "
	       "--no-enosys | libseccomp defaults | cacheable but not allowed (must be 0) "
	       "| target: ours = profile |\n"
	       "|---|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		cache_row(f, &abis[i]);
}

int cmd_paths(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "length") != 0 && strcmp(argv[1], "cache") != 0))
		die("usage: paths length|cache PROFILE");
	struct filters f;
	build_filters(&f, argv[2]);
	if (strcmp(argv[1], "length") == 0)
		table_length(&f);
	else
		table_cache(&f);
	bpf_free(&f.peer);
	stages_free(&f.plain);
	stages_free(&f.ours);
	return 0;
}
