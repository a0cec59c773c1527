/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_NAMES_H
#define SR_NAMES_H

/* The string <-> value tables of the profile format, in one place: actions,
 * comparison operators, architectures, errno names and filter flags. Pure
 * data; no library here, so every stage can use them. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sr_act {
	SR_ACT_KILL_THREAD,
	SR_ACT_KILL_PROCESS,
	SR_ACT_TRAP,
	SR_ACT_ERRNO,
	SR_ACT_TRACE,
	SR_ACT_ALLOW,
	SR_ACT_LOG,
	SR_ACT_NOTIFY,
};

/* An action as the profile states it. data is the errno for ERRNO and the
 * ptrace message for TRACE (EPERM unless the profile says otherwise). */
struct sr_action {
	enum sr_act kind;
	uint16_t data;
	const char *name;   /* spelling from the table: "SCMP_ACT_KILL" */
};

/* Look up "SCMP_ACT_*" exactly (case-sensitive, like runc and crun). */
bool sr_action_lookup(const char *name, struct sr_action *out);
/* The 32-bit value the kernel (and libseccomp) use for this action. */
uint32_t sr_action_ret(struct sr_action a);
bool sr_action_takes_errno(enum sr_act kind);
/* "SCMP_ACT_ERRNO(EPERM)", "SCMP_ACT_TRACE(7)", "SCMP_ACT_ALLOW" into buf. */
const char *sr_action_str(struct sr_action a, char *buf, size_t size);
/* The canonical SCMP_ACT_* name of a kind. */
const char *sr_act_name(enum sr_act kind);
/* Name of a kernel return value's action ("SCMP_ACT_ERRNO"), or NULL. */
const char *sr_ret_action_name(uint32_t ret);
/* A kernel return value as "SCMP_ACT_ERRNO(EPERM)", "SCMP_ACT_TRACE(7)",
 * "SCMP_ACT_ALLOW", or "0x7ff00001" for no action, into buf. */
const char *sr_ret_str(uint32_t ret, char *buf, size_t size);
/* How much an action denies, for "is this rule stricter than the default":
 * ALLOW 0 < LOG < NOTIFY < TRACE < ERRNO < TRAP < KILL_THREAD < KILL_PROCESS. */
int sr_act_severity(enum sr_act kind);

/* Values equal libseccomp's enum scmp_compare. */
enum sr_op {
	SR_OP_NE = 1,
	SR_OP_LT,
	SR_OP_LE,
	SR_OP_EQ,
	SR_OP_GE,
	SR_OP_GT,
	SR_OP_MASKED_EQ,
};
bool sr_op_lookup(const char *name, enum sr_op *out);
const char *sr_op_name(enum sr_op op);

struct sr_arch {
	const char *scmp_name;  /* SCMP_ARCH_X86_64: the profile's spelling */
	const char *lib_name;   /* x86_64: libseccomp's name */
	const char *token;      /* amd64: what includes/excludes.arches match */
	const char *token_alias;/* a second spelling seen in the wild, or NULL */
	uint32_t audit_arch;    /* seccomp_data.arch */
	bool x32_bit;           /* syscall numbers carry __X32_SYSCALL_BIT */
};

/* Exact, case-sensitive SCMP_ARCH_* lookup (runc's rule). */
const struct sr_arch *sr_arch_by_scmp_name(const char *name);
/* By libseccomp name ("x86_64"), by token ("amd64"), or SCMP_ARCH_* name:
 * for command-line options. */
const struct sr_arch *sr_arch_by_any_name(const char *name);
/* The ABI this binary was built for: seccomp-run's own "GOARCH". */
const struct sr_arch *sr_arch_native(void);
bool sr_arch_token_matches(const struct sr_arch *a, const char *token);
/* Iterate the table: returns NULL past the end. */
const struct sr_arch *sr_arch_at(unsigned i);

bool sr_errno_lookup(const char *name, int *out);
/* "EPERM" for 1, or NULL. */
const char *sr_errno_name(int value);

/* Filter flags a profile may list, as seccomp(2) bits. */
#define SR_FLAG_WAIT_KILLABLE_RECV (1u << 5)
bool sr_flag_lookup(const char *name, unsigned *bit);
const char *sr_flag_name(unsigned bit);

#endif
