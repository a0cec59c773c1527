/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_FAULT_H
#define SR_FAULT_H

/* Fault injection for the tests: build/seccomp-run-faults is built with
 * SR_FAULT_INJECTION (mk/faults.mk) and fails at the point named by
 * SECCOMP_RUN_FAULT, through that point's real error path. The installed
 * binary has no hook: sr_fault() is the constant false there.
 *
 * Points: caps (host.c caps_from_process), init, arch, rule, memfd, export,
 * read, lost-rule (compile.c), export-write (outfile.c: export, record),
 * close-fds (launch.c mark_cloexec_from), nnp, handoff, execve,
 * execve-unconfined (launch.c launch_exec), seccomp, seccomp-eacces (bpf.c
 * bpf_load). */

#include <stdbool.h>

#ifdef SR_FAULT_INJECTION
/* Test builds only: true when SECCOMP_RUN_FAULT names this point. No
 * syscall and no allocation, so it may run after the filter is loaded. */
bool sr_fault(const char *point);
#else
#define sr_fault(point) false
#endif

#endif
