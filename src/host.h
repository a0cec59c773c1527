/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_HOST_H
#define SR_HOST_H

/* The facts rule selection depends on: native architecture token, kernel
 * major.minor, and the capabilities the program will hold after execve.
 * The only user of libcap. */

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "names.h"
#include "profile.h"

struct sr_host {
	const struct sr_arch *arch;
	struct sr_kver kernel;
	char **caps;          /* held, as "CAP_SYS_ADMIN", sorted */
	size_t ncaps;
	bool caps_overridden; /* from --caps rather than the process */
};

struct sr_host_overrides {
	const char *caps;     /* "CAP_A,CAP_B", "all", "none", or NULL */
	const char *kernel;   /* "X.Y" or NULL */
	const char *arch;     /* any arch spelling, or NULL */
	bool no_new_privs;    /* the program will run with no_new_privs */
};

int host_detect(const struct sr_host_overrides *ov, struct sr_host *out,
		struct sr_error *err);
void host_free(struct sr_host *h);
bool host_has_cap(const struct sr_host *h, const char *name);

/* moby's parser of the uname release: leading "X.Y", the rest ignored
 * ("6.18.44-foo" -> 6.18). */
bool kver_parse_release(const char *s, struct sr_kver *out);
int kver_cmp(struct sr_kver a, struct sr_kver b);

/* The program may run without no_new_privs only if this process may load
 * a filter without it (CAP_SYS_ADMIN effective): 0, or -1 with err set. */
int host_check_nnp(bool no_new_privs, struct sr_error *err);
/* Running setuid, setgid or with file capabilities (AT_SECURE). */
bool host_is_privileged_exec(void);

#endif
