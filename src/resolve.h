/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_RESOLVE_H
#define SR_RESOLVE_H

/* Profile reference -> source, the way kubelet resolves localhost profiles
 * (SPEC §3), and reading a source's text. */

#include <stddef.h>

#include "error.h"

#define SR_DEFAULT_ROOT "/var/lib/kubelet/seccomp"

enum sr_source_kind {
	SR_SOURCE_FILE,
	SR_SOURCE_STDIN,
	SR_SOURCE_BUILTIN,      /* runtime/default, docker/default */
	SR_SOURCE_UNCONFINED,
};

struct sr_source {
	enum sr_source_kind kind;
	char *path;    /* SR_SOURCE_FILE: absolute path; otherwise the display name */
	char *hint;    /* a file of that name in the current directory, or NULL */
};

int resolve_reference(const char *ref, const char *root, struct sr_source *out,
		      struct sr_error *err);
/* Read the source's text (not for UNCONFINED). The built-in profile is
 * returned as a copy. Refuses a directory, and anything over
 * SR_PROFILE_MAX_BYTES without reading more than that. */
int source_read(const struct sr_source *src, char **text, size_t *len,
		struct sr_error *err);
void source_free(struct sr_source *src);

/* Read the file at path, at most max bytes (more is an error, found without
 * reading it all); kind ("a BPF program") says what was expected. */
int read_path(const char *path, const char *kind, size_t max, char **text, size_t *len,
	      struct sr_error *err);

/* The embedded built-in default profile (data/default.json). */
extern const char sr_builtin_default[];
extern const size_t sr_builtin_default_len;

#endif
