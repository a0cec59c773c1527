/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_BPF_H
#define SR_BPF_H

/* A classic BPF seccomp program as plain data; our interpreter; the ENOSYS
 * stub; loading with seccomp(2). No library here. */

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "names.h"

struct sr_bpf {
	struct sock_filter *insns;
	size_t len;
	unsigned flags;       /* seccomp(2) flags to load with */
	unsigned optional_flags; /* of those, the ones to drop if the kernel
				    refuses them (a default, not the profile's) */
};

void bpf_free(struct sr_bpf *prog);

/* Highest syscall number the profile names on one arch (SPEC §6). */
struct sr_enosys_arch {
	const struct sr_arch *arch;
	uint32_t max_nr;
};

/* Prepend runc's ENOSYS stub: on a listed arch, a syscall number above that
 * arch's max returns ERRNO(ENOSYS); everything else runs the original. */
int bpf_prepend_enosys(struct sr_bpf *prog, const struct sr_enosys_arch *v,
		       size_t n, struct sr_error *err);

/* Rewrite prog (any layout, the stub included) as a binary search over each
 * arch's syscall number ranges computing the same function (src/layout.c).
 * False, prog unchanged, when prog uses what the rewrite does not reason
 * about (X, scratch memory, arithmetic on the number). */
bool bpf_relayout(struct sr_bpf *prog);

/* Classic BPF's conditional jumps and arithmetic with operand v, as the
 * kernel computes them; bpf_alu() is false for a division by zero or an
 * unknown operation. */
bool bpf_jump_taken(uint16_t op, uint32_t a, uint32_t v);
bool bpf_alu(uint16_t op, uint32_t *a, uint32_t v);

/* Run prog on data the way the kernel does. Returns the filter's return
 * value, or SECCOMP_RET_KILL_PROCESS for a program the kernel would reject
 * at run time. steps, if not NULL, receives instructions executed. */
uint32_t bpf_run(const struct sr_bpf *prog, const struct seccomp_data *data,
		 size_t *steps);

/* Write prog to f, one instruction a line: its index, mnemonic, operands
 * and jump targets as absolute indices, with seccomp_data fields, audit
 * arches and return values named ("ld arch", "ret ERRNO(ENOSYS)"). */
void bpf_disasm(const struct sr_bpf *prog, FILE *f);

/* The kernel's load-time checks (sk_chk_filter + seccomp_check_filter). */
int bpf_validate(const struct sr_bpf *prog, struct sr_error *err);

/* Read a raw BPF program (what export --format bpf writes: sock_filter
 * structs in host byte order) and validate it. */
int bpf_read_file(const char *path, struct sr_bpf *out, struct sr_error *err);

/* Whether a filter's return value keeps the call from running as asked:
 * ERRNO, TRAP, KILL_* and unknown actions (the kernel kills for those). */
bool bpf_ret_denies(uint32_t ret);

/* The NOTIFY variant trace loads: every return that denies becomes
 * SECCOMP_RET_USER_NOTIF, everything else stays, so a call is notified
 * exactly when the original would deny it. Fails on a computed return
 * (ret A), which no filter of ours has. */
int bpf_notify_denials(struct sr_bpf *prog, struct sr_error *err);

/* Let one sendmsg through in front of prog: the call that hands the
 * listener fd over after the filter is loaded, recognised by a random
 * cookie in its unused arguments 3 to 5 (launch.h, struct sr_handoff). */
#define SR_HANDOFF_COOKIE_WORDS 3
int bpf_prepend_handoff(struct sr_bpf *prog, const unsigned long cookie[SR_HANDOFF_COOKIE_WORDS],
			struct sr_error *err);

/* seccomp(SECCOMP_SET_MODE_FILTER, flags, prog). Returns 0 (the listener
 * fd when flags has SECCOMP_FILTER_FLAG_NEW_LISTENER) or -errno; safe after
 * fork (no allocation, no stdio). */
int bpf_load(const struct sr_bpf *prog);

#endif
