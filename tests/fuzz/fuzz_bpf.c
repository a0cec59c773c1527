/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: a raw BPF program from anywhere (what run --bpf
 * reads), through bpf_validate, then, when it passes, bpf_run on a few
 * seccomp_data records and bpf_disasm. What must hold: no crash and no
 * read outside the program or the data, whatever the opcodes (including
 * those libseccomp never emits); a program bpf_validate accepts always
 * ends with a return, so bpf_run never falls off its end and executes at
 * most one instruction per instruction (jumps only go forward).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	}
	bpf_free(&prog);
	return 0;
}
