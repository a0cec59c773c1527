/* SPDX-License-Identifier: Apache-2.0 */
/* The peer baseline: a selected policy handed to libseccomp the way crun
 * does it (libcrun_generate_seccomp): seccomp_init with the default
 * action, seccomp_arch_add for each arch, seccomp_rule_add_array per name,
 * and nothing else — no SCMP_FLTATR_CTL_OPTIMIZE, so libseccomp's default
 * layout, a linear run of JEQs per arch. */
#include "bench.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static struct scmp_arg_cmp to_cmp(const struct sr_arg *a)
{
	return (struct scmp_arg_cmp){
		.arg = a->index,
		.op = (enum scmp_compare)a->op,
		.datum_a = a->value,
		.datum_b = a->op == SR_OP_MASKED_EQ ? a->value_two : 0,
	};
}

/* crun and runc: a repeated index makes every condition its own rule
 * (OR), otherwise all conditions go in one rule (AND). */
static int add_name(scmp_filter_ctx ctx, const struct sr_rule *r, uint32_t action, int nr)
{
	struct scmp_arg_cmp conds[6];
	if (!rule_ors_conditions(r)) {
		for (size_t i = 0; i < r->nargs; i++)
			conds[i] = to_cmp(&r->args[i]);
		return seccomp_rule_add_array(ctx, action, nr, (unsigned)r->nargs, conds);
	}
	for (size_t i = 0; i < r->nargs; i++) {
		conds[0] = to_cmp(&r->args[i]);
		int rc = seccomp_rule_add_array(ctx, action, nr, 1, conds);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int add_arches(scmp_filter_ctx ctx, const struct sr_policy *pol)
{
	for (size_t i = 0; i < pol->narches; i++) {
		uint32_t token = seccomp_arch_resolve_name(pol->arches[i]->lib_name);
		int rc = token ? seccomp_arch_add(ctx, token) : -EINVAL;
		if (rc < 0 && rc != -EEXIST)
			return rc;
	}
	return 0;
}

static scmp_filter_ctx build(const struct sr_policy *pol, int *rc)
{
	uint32_t def = sr_action_ret(pol->default_action);
	scmp_filter_ctx ctx = seccomp_init(def);
	if (!ctx) {
		*rc = -EINVAL;
		return NULL;
	}
	if ((*rc = add_arches(ctx, pol)) < 0)
		goto fail;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		uint32_t action = sr_action_ret(r->action);
		if (!pol->choices[i].kept || action == def)
			continue;
		for (size_t j = 0; j < r->nnames; j++) {
			int nr = seccomp_syscall_resolve_name(r->names[j]);
			if (nr == __NR_SCMP_ERROR)
				continue;
			if ((*rc = add_name(ctx, r, action, nr)) < 0)
				goto fail;
		}
	}
	*rc = 0;
	return ctx;
fail:
	seccomp_release(ctx);
	return NULL;
}

static int read_back(int fd, struct sr_bpf *out)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	size_t size = (size_t)st.st_size;
	if (!size || size % sizeof(struct sock_filter))
		return -EINVAL;
	struct sock_filter *insns = xmalloc(size);
	if (pread(fd, insns, size, 0) != (ssize_t)size) {
		free(insns);
		return -EIO;
	}
	*out = (struct sr_bpf){ .insns = insns, .len = size / sizeof(*insns) };
	return 0;
}

int peer_compile(const struct sr_policy *pol, struct sr_bpf *out)
{
	int rc;
	scmp_filter_ctx ctx = build(pol, &rc);
	if (!ctx)
		return rc;
	int fd = memfd_create("srbench-peer", MFD_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
	} else {
		rc = seccomp_export_bpf(ctx, fd);
		if (rc == 0)
			rc = read_back(fd, out);
		close(fd);
	}
	seccomp_release(ctx);
	return rc;
}

int peer_load(const struct sr_policy *pol)
{
	int rc;
	scmp_filter_ctx ctx = build(pol, &rc);
	if (!ctx)
		return rc;
	rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc;
}

/* srbench peer-exec PROFILE CAPS PROGRAM [ARG...]: what a runtime does
 * between reading the profile and exec'ing the container's program. Our
 * parser stands in for crun's JSON reading (0.16 M instructions of the
 * ~30 M a compile takes, SPEC §9). */
int cmd_peer_exec(int argc, char **argv)
{
	if (argc < 4)
		die("usage: peer-exec PROFILE CAPS PROGRAM [ARG...]");
	struct sr_stages st;
	bench_stages(&st, argv[1], argv[2], true, SR_STAGE_SELECT);
	int rc = peer_load(&st.policy);
	if (rc < 0)
		die("seccomp_load: %s", strerror(-rc));
	extern char **environ;
	execve(argv[3], argv + 3, environ);
	die("execve %s: %s", argv[3], strerror(errno));
}

/* srbench peer-export PROFILE CAPS OUT: the peer's program, for the
 * per-syscall timings. */
int cmd_peer_export(int argc, char **argv)
{
	if (argc != 4)
		die("usage: peer-export PROFILE CAPS OUT");
	struct sr_stages st;
	struct sr_bpf prog;
	bench_stages(&st, argv[1], argv[2], true, SR_STAGE_SELECT);
	int rc = peer_compile(&st.policy, &prog);
	if (rc == 0)
		rc = bpf_write_file(&prog, argv[3]);
	if (rc < 0)
		die("%s: %s", argv[3], strerror(-rc));
	bpf_free(&prog);
	stages_free(&st);
	return 0;
}
