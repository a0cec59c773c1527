/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_OCI_H
#define SR_OCI_H

/* The selected policy as a plain OCI linux.seccomp object: what moby's
 * setupSeccomp hands runc for this host, capabilities and kernel. */

#include <stdio.h>

#include "select.h"

/* Pretty-printed JSON, with a final newline, to f. Only the rules kept for
 * the host, in profile order; no includes, excludes or comments; archMap
 * replaced by the native arch's entry; podman's errno names as numbers.
 * Write errors are left in f's error indicator for the caller to check. */
void policy_write_oci(const struct sr_policy *pol, FILE *f);

/* The whole profile in Docker's format (what record writes), with a final
 * newline, to f: every rule with its includes, excludes and comment, in
 * profile order; "names" for the legacy "name"; podman's errno names as
 * numbers; empty includes/excludes and unknown keys left out. Write errors
 * are left in f's error indicator. */
void profile_write_docker(const struct sr_profile *p, FILE *f);

/* The runtime-spec version whose ContainerProcessState we send. */
#define SR_OCI_VERSION "1.1.0"

/* The ContainerProcessState a seccomp agent gets with the listener fd
 * (runtime-spec specs-go/state.go), as runc sends it: compact JSON, no
 * newline; "metadata" left out when NULL or empty, as Go's omitempty does.
 * malloc'd. */
char *oci_process_state(long pid, const char *id, const char *bundle, const char *metadata);

#endif
