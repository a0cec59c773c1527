/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: a raw BPF program from anywhere (what run --bpf
 * reads), through bpf_validate, then, when it passes, bpf_run on a few
 * seccomp_data records and bpf_disasm. What must hold: no crash and no
 * read outside the program or the data, whatever the opcodes (including
 * those libseccomp never emits); a program bpf_validate accepts always
 * ends with a return, so bpf_run never falls off its end and executes at
 * most one instruction per instruction (jumps only go forward).
 *
 * Then bpf_relayout (src/layout.c) on the same program: when it rewrites
 * it, the result passes bpf_validate and answers what the original answers
 * on records made of the program's own constants (and one more and one
 * less), where any difference in the rewrite would show.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t pick(const struct sr_bpf *p, size_t i)
{
	uint32_t k = p->insns[(i / 3) % p->len].k;
	return k + (uint32_t)(i % 3) - 1;
}

static void check_relayout(const struct sr_bpf *prog)
{
	struct sr_bpf tree = *prog;
	struct sr_error err = { 0 };
	tree.insns = malloc(prog->len * sizeof(*prog->insns));
	FUZZ_ASSERT(tree.insns, "malloc");
	memcpy(tree.insns, prog->insns, prog->len * sizeof(*prog->insns));
	if (!bpf_relayout(&tree)) {
		FUZZ_ASSERT(tree.len == prog->len &&
			    !memcmp(tree.insns, prog->insns, prog->len * sizeof(*prog->insns)),
			    "bpf_relayout declined but changed the program");
		bpf_free(&tree);
		return;
	}
	FUZZ_ASSERT(bpf_validate(&tree, &err) == 0, "the search tree fails bpf_validate: %s",
		    err.msg);
	const size_t n = 3 * prog->len;
	for (size_t i = 0; i < 4 * n; i++) {
		struct seccomp_data d = {
			.arch = i < n ? 0xc000003e : pick(prog, i * 7 + 1),
			.nr = (int)pick(prog, i),
			.instruction_pointer = pick(prog, i * 5 + 2),
		};
		for (size_t a = 0; a < 6; a++)
			d.args[a] = (uint64_t)pick(prog, i * 11 + a) << (i & 32) | pick(prog, i + a);
		uint32_t want = bpf_run(prog, &d, NULL), got = bpf_run(&tree, &d, NULL);
		FUZZ_ASSERT(got == want, "arch 0x%08x nr 0x%08x: search tree 0x%08x, original 0x%08x",
			    d.arch, (uint32_t)d.nr, got, want);
	}
	bpf_free(&tree);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sr_bpf prog = { .len = size / sizeof(struct sock_filter) };
	struct sr_error err = { 0 };
	if (prog.len == 0)
		return 0;
	prog.insns = malloc(prog.len * sizeof(*prog.insns));
	FUZZ_ASSERT(prog.insns, "malloc");
	memcpy(prog.insns, data, prog.len * sizeof(*prog.insns));

	if (bpf_validate(&prog, &err) < 0) {
		fuzz_check_error(&err, "bpf_validate");
	} else {
		static const struct seccomp_data samples[] = {
			{ .nr = 0, .arch = 0xc000003e },
			{ .nr = 39, .arch = 0xc000003e, .args = { 1, 2, 3, 4, 5, 6 } },
			{ .nr = 0x40000000, .arch = 0xc000003e, .args = { UINT64_MAX } },
			{ .nr = 359, .arch = 0x40000003, .instruction_pointer = UINT64_MAX },
		};
		for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
			size_t steps = 0;
			(void)bpf_run(&prog, &samples[i], &steps);
			FUZZ_ASSERT(steps >= 1 && steps <= prog.len,
				    "%zu steps in a %zu-instruction program", steps, prog.len);
		}
		FILE *devnull = fopen("/dev/null", "we");
		FUZZ_ASSERT(devnull, "fopen /dev/null");
		bpf_disasm(&prog, devnull);
		fclose(devnull);
		check_relayout(&prog);
	}
	bpf_free(&prog);
	return 0;
}
