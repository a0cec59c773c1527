/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_COMPILE_H
#define SR_COMPILE_H

/* policy -> BPF with libseccomp (the only file that uses it), plus the
 * ENOSYS stub. */

#include <stdbool.h>

#include "bpf.h"
#include "error.h"
#include "select.h"

/* libseccomp's time grows faster than the square of the number of rules
 * (minutes for 100 000), and a filter from that many distinct rules could
 * not fit the kernel's 4096 BPF instructions anyway: policy_compile refuses
 * more (one per syscall name and OR-ed condition). Docker's default profile
 * makes about 400. */
#define SR_MAX_SCMP_RULES 4096

struct sr_compile_opts {
	bool enosys_stub;     /* runc's stub (SPEC §6); --no-enosys clears it */
	bool strict;          /* unknown syscall names are errors */
	bool libseccomp_layout; /* keep libseccomp's linear program (tests and
				   benchmarks compare with it) */
};

int policy_compile(const struct sr_policy *pol, const struct sr_compile_opts *o,
		   struct sr_bpf *out, struct sr_diags *diags,
		   struct sr_error *err);

/* What policy_compile reports about names libseccomp does not know, from
 * name resolution alone: a warning per name that fails open (an error with
 * --strict), one note for the others. For a filter not compiled here
 * (precompiled or cached), so that it reads the same. */
int policy_name_diags(const struct sr_policy *pol, const struct sr_compile_opts *o,
		      struct sr_diags *diags, struct sr_error *err);

/* Syscall number of name on arch, or -1 when libseccomp does not know it
 * there. */
int compile_syscall_nr(const struct sr_arch *arch, const char *name);

/* Name of syscall nr on arch (malloc'd), or NULL when libseccomp has none. */
char *compile_syscall_name(const struct sr_arch *arch, int nr);

/* Whether libseccomp knows name on any architecture. */
bool compile_syscall_known(const char *name);

/* libseccomp's PFC text of the filter policy_compile() would build, before
 * the ENOSYS stub (which is ours, not libseccomp's), written to fd. */
int policy_export_pfc(const struct sr_policy *pol, const struct sr_compile_opts *o,
		      int fd, struct sr_diags *diags, struct sr_error *err);

/* The highest syscall number any kept rule names on arch, whatever its
 * action or conditions, redundant rules included: the ENOSYS stub's bound,
 * by runc's rule. -1 when none resolves there. */
int policy_max_syscall_nr(const struct sr_policy *pol, const struct sr_arch *arch);

/* Why policy_compile() puts no ENOSYS stub in front of this policy's filter
 * whatever the options (runc's rule: unlisted syscalls are allowed anyway,
 * or already get ENOSYS), or NULL when it does. */
const char *policy_why_no_enosys_stub(const struct sr_policy *pol);

/* "2.5.4" */
const char *compile_libseccomp_version(void);

#endif
