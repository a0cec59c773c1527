/* SPDX-License-Identifier: Apache-2.0 */
#include "pipeline.h"

#include <stdio.h>
#include <string.h>

#include "oci.h"

#include "unit.h"
#include "util.h"

const char unit_docker_caps[] =
	"CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,"
	"CAP_SETGID,CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,"
	"CAP_SYS_CHROOT,CAP_KILL,CAP_AUDIT_WRITE";

int pipeline_select(struct pipeline *p, const char *json, const char *caps,
		    const char *kernel, const char *arch)
{
	memset(p, 0, sizeof(*p));
	struct sr_host_overrides ov = {
		.caps = caps ? caps : "none",
		.kernel = kernel ? kernel : "6.18",
		.arch = arch,
		.no_new_privs = true,
	};
	if (profile_parse(json, strlen(json), "test.json", &p->profile, &p->diags, &p->err) < 0 ||
	    host_detect(&ov, &p->host, &p->err) < 0)
		return -1;
	policy_select(&p->profile, &p->host, &p->policy);
	return 0;
}

int pipeline_compile(struct pipeline *p, const char *json, const char *caps,
		     const struct sr_compile_opts *o)
{
	struct sr_compile_opts def = { .enosys_stub = true };
	if (pipeline_select(p, json, caps, NULL, NULL) < 0)
		return -1;
	return policy_compile(&p->policy, o ? o : &def, &p->bpf, &p->diags, &p->err);
}

void pipeline_free(struct pipeline *p)
{
	bpf_free(&p->bpf);
	policy_free(&p->policy);
	host_free(&p->host);
	profile_free(&p->profile);
	sr_diags_free(&p->diags);
}

uint32_t pipeline_verdict(const struct pipeline *p, const char *name, uint64_t a0,
			  uint64_t a1)
{
	int nr = compile_syscall_nr(p->policy.native, name);
	ck_assert_msg(nr >= 0, "unknown syscall %s", name);
	struct seccomp_data d = {
		.nr = nr,
		.arch = p->policy.native->audit_arch,
		.args = { a0, a1 },
	};
	return bpf_run(&p->bpf, &d, NULL);
}

char *pipeline_kept_names(const struct pipeline *p)
{
	char *out = xstrdup("");
	for (size_t i = 0; i < p->policy.nchoices; i++) {
		const struct sr_rule *r = p->policy.choices[i].rule;
		if (!p->policy.choices[i].kept || !r->nnames)
			continue;
		char *next = xasprintf("%s%s%s", out, *out ? " " : "", r->names[0]);
		free(out);
		out = next;
	}
	return out;
}

char *pipeline_docker_text(const struct sr_profile *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	profile_write_docker(p, f);
	ck_assert_int_eq(ferror(f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}
