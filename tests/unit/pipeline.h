/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_UNIT_PIPELINE_H
#define SR_UNIT_PIPELINE_H

/* Run the pure stages on an inline profile, for tests. */

#include "compile.h"
#include "host.h"
#include "profile.h"
#include "select.h"

/* Docker's default capability set (moby oci/caps/defaults.go). */
extern const char unit_docker_caps[];

struct pipeline {
	struct sr_profile profile;
	struct sr_host host;
	struct sr_policy policy;
	struct sr_bpf bpf;
	struct sr_diags diags;
	struct sr_error err;
};

/* Parse json and select for caps/kernel/arch (NULL: none, 6.18, native).
 * Returns -1 with p->err set on failure. */
int pipeline_select(struct pipeline *p, const char *json, const char *caps,
		    const char *kernel, const char *arch);
/* ... and compile. */
int pipeline_compile(struct pipeline *p, const char *json, const char *caps,
		     const struct sr_compile_opts *o);
void pipeline_free(struct pipeline *p);

/* What the compiled filter returns for syscall name (on the policy's native
 * arch) with these arguments. */
uint32_t pipeline_verdict(const struct pipeline *p, const char *name,
			  uint64_t a0, uint64_t a1);

/* profile_write_docker's text of p (malloc'd). */
char *pipeline_docker_text(const struct sr_profile *p);

/* Names of the kept rules' first syscall, space-separated, in order. */
char *pipeline_kept_names(const struct pipeline *p);

#endif
