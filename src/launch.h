/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_LAUNCH_H
#define SR_LAUNCH_H

/* The exec sequence: fds, no_new_privs, the filter loaded last, execve. */

#include <stdbool.h>

#include "bpf.h"
#include "error.h"

/* Where the listener fd of a filter with SECCOMP_FILTER_FLAG_NEW_LISTENER
 * goes: one sendmsg on sock with payload and the fd (SCM_RIGHTS), made
 * after the load and before execve. The filter must let that call through
 * with bpf_prepend_handoff() and the same cookie. */
struct sr_handoff {
	int sock;
	const void *payload;  /* at least one byte */
	size_t len;
	unsigned long cookie[SR_HANDOFF_COOKIE_WORDS];
	const char *peer;     /* for the message if it fails: "the seccomp agent" */
};

struct sr_launch {
	const char *path;     /* executable, already resolved through PATH */
	char *const *argv;
	char *const *envp;
	const struct sr_bpf *filter;   /* NULL: unconfined */
	/* The profile's own filter when filter is a variant of it (trace):
	 * its verdict on execve is the one checked before the load. NULL:
	 * filter itself. */
	const struct sr_bpf *profile_filter;
	const struct sr_handoff *handoff;  /* NULL: no listener */
	bool no_new_privs;
	bool close_fds;       /* close inherited fds above 2 + preserve_fds */
	unsigned preserve_fds;
};

/* PATH lookup like execvp: a name with a slash is used as is. Fails with
 * status 127 when nothing is found, 126 when found but not executable. */
int launch_find(const char *prog, char **out_path, struct sr_error *err);

/* A connected socket to the seccomp agent listening at path (listenerPath:
 * AF_UNIX, SOCK_STREAM, as runc dials it; a relative path is taken from
 * the working directory, as runc's is). */
int launch_connect_agent(const char *path, struct sr_error *err);

/* A copy of filter that hands its listener over through h: a fresh
 * random cookie in h, the hand-off in front (bpf_prepend_handoff), and
 * SECCOMP_FILTER_FLAG_NEW_LISTENER. */
int launch_handoff_filter(const struct sr_bpf *filter, struct sr_handoff *h,
			  struct sr_bpf *out, struct sr_error *err);

/* Does not return on success. Returns -1 with err set if anything fails
 * before the filter is loaded; after the load, a failed hand-off or execve
 * writes a preformatted message and exits 125 or 126. */
int launch_exec(const struct sr_launch *l, struct sr_error *err);

#endif
