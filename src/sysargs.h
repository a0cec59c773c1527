/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_SYSARGS_H
#define SR_SYSARGS_H

/* What the kernel's syscalls take, for the `check` verb's lint: how many
 * arguments each has and which of them are narrower than a register, plus
 * families of syscalls that do the same thing. Pure data over every name
 * libseccomp knows (any arch); no library calls. Layouts are x86_64's where
 * the syscall exists there; sysargs.c lists the arches that differ. */

#include <stddef.h>
#include <stdint.h>

enum sr_arg_class {
	SR_ARG_NONE,   /* no such argument, or the syscall is unknown */
	/* Narrower than a register (int, unsigned int, pid_t, uid_t, mode_t,
	 * u32, ...): the kernel truncates it, so on a 64-bit ABI a comparison
	 * on the whole 64-bit value can be dodged by setting the upper bits. */
	SR_ARG_INT32,
	/* Register-sized: long, size_t, off_t, u64, pointers. */
	SR_ARG_LONG,
};

/* Number of arguments syscall name takes (0..6), or -1 when not in the
 * table. Syscalls that were never implemented (afs_syscall, tuxcall, ...)
 * take 0; removed ones keep their last prototype. */
int sysargs_count(const char *name);

/* The class of argument i (0-based) of name; SR_ARG_NONE if i >= the count
 * or name is unknown. */
enum sr_arg_class sysargs_class(const char *name, unsigned i);

/* One argument as a reader wants it, into buf: one narrower than a
 * register as the int the kernel sees (-1, not 0xffffffff), small values in
 * decimal, larger ones (pointers, masks) in hex. Returns the length. */
size_t sysargs_format_value(char *buf, size_t size, uint64_t v, enum sr_arg_class c);

/* "16, 3, 0": the arguments name takes (all six when it is not in the
 * table), each as sysargs_format_value() writes it. */
void sysargs_format_args(const char *name, const uint64_t args[6], char *buf, size_t size);

/* glibc tries these first and falls back to the older call only on
 * ENOSYS; any other error is final. */
struct sr_fallback {
	const char *name, *fallback, *breaks;
};
/* The i-th, NULL past the end. */
const struct sr_fallback *sysargs_fallback(size_t i);

/* The table's i-th name in strcmp order, NULL past the end: for tests and
 * listings. */
const char *sysargs_nth(size_t i);

/* The NULL-terminated list of the syscalls in name's family, name included:
 * syscalls that reach the same effect, so a deny-list that blocks one of
 * them and allows another has a hole. NULL if name has no family. Families
 * do not overlap. */
const char *const *sysargs_family(const char *name);

#endif
