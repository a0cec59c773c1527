/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_SUPERVISE_H
#define SR_SUPERVISE_H

/* The parent the resident verbs (trace, record) stay as: fork a child that
 * launches the program under a filter with a listener and hands the fd
 * over, answer the notifications, forward signals, reap, and end with the
 * program's status. Threads and children of the program are covered: they
 * inherit the filter. */

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"
#include "launch.h"

struct sr_supervisor;

struct sr_notification {
	uint64_t id;
	uint32_t tid;               /* the calling thread, in our pid namespace */
	struct seccomp_data data;   /* from the kernel: to be trusted */
	/* Made by seccomp-run's own child before the program ran: its
	 * execve, or the report that the execve failed. */
	bool before_exec;
	struct sr_supervisor *sup;  /* for supervise_task() */
};

enum sr_reply_kind {
	SR_REPLY_CONTINUE,  /* the call runs (SECCOMP_USER_NOTIF_FLAG_CONTINUE) */
	SR_REPLY_ERRNO,     /* it fails with error; with 0 it returns 0 unrun */
	SR_REPLY_KILL,      /* the process dies of SIGSYS, as KILL_PROCESS */
	SR_REPLY_TRAP,      /* the thread gets SIGSYS, as TRAP */
};

struct sr_reply {
	enum sr_reply_kind kind;
	int error;          /* SR_REPLY_ERRNO: a positive errno, or 0 */
};

struct sr_supervise {
	/* What the child runs. filter is the variant to load, without the
	 * hand-off: supervise adds it, SECCOMP_FILTER_FLAG_NEW_LISTENER and
	 * (where the kernel has it) _WAIT_KILLABLE_RECV. */
	struct sr_launch launch;
	/* Called once per notification, in order; says what the call gets. */
	struct sr_reply (*decide)(void *ctx, const struct sr_notification *n);
	void *ctx;
};

/* Run it to the end: until the program has exited and every process that
 * holds the filter (its descendants) is gone, or a terminating signal
 * comes after the program has exited. Returns the program's exit status
 * (128+N when it died of signal N), or -1 with err set when it could not
 * be started (err->status 125, 126 or 127, as run would exit). */
int supervise(const struct sr_supervise *s, struct sr_error *err);

/* Who made n, read from /proc and trusted only if n is still pending
 * afterwards (else the thread id may be another's by now). A thread's
 * process is remembered: /proc/PID/task/TID/comm, read every time, fails
 * if TID is no longer a thread of PID. */
struct sr_task {
	bool known;
	pid_t pid;          /* the thread's process */
	char comm[64];      /* the thread's name */
};
void supervise_task(const struct sr_notification *n, struct sr_task *t);

#endif
