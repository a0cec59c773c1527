/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_LAUNCH_H
#define SR_LAUNCH_H

/* The exec sequence: fds, no_new_privs, the filter loaded last, execve. */

#include <stdbool.h>

#include "bpf.h"
#include "error.h"

struct sr_launch {
	const char *path;     /* executable, already resolved through PATH */
	char *const *argv;
	char *const *envp;
	const struct sr_bpf *filter;   /* NULL: unconfined */
	bool no_new_privs;
	bool close_fds;       /* close inherited fds above 2 + preserve_fds */
	unsigned preserve_fds;
};

/* PATH lookup like execvp: a name with a slash is used as is. Fails with
 * status 127 when nothing is found, 126 when found but not executable. */
int launch_find(const char *prog, char **out_path, struct sr_error *err);

/* Does not return on success. Returns -1 with err set if anything fails
 * before the filter is loaded; after the load, a failed execve writes a
 * preformatted message and _exits 126 or 127. */
int launch_exec(const struct sr_launch *l, struct sr_error *err);

#endif
