/* SPDX-License-Identifier: Apache-2.0 */
/*
 * precompile: write build/precompiled.c, the built-in runtime/default
 * profile compiled for the common selections, each filter under the
 * canonical key (src/cache.h) of the policy it was compiled from. run uses
 * one only when the key of its own selection is the same, so the choices
 * below decide how often the table helps, never what gets loaded.
 *
 *   precompile > build/precompiled.c
 *
 * Selections: the native arch; capabilities none, Docker's default set,
 * and all (every capability the profile names: the same rules as any
 * larger set); the ENOSYS stub on and off; the kernel at the profile's
 * highest minKernel, which selects what every newer kernel selects. The
 * output depends only on the sources and libseccomp's version: no date,
 * no build machine facts, so the build stays reproducible.
 *
 * Linked with seccomp-run's own objects, so the table is what this build's
 * compile makes. Exit 1 with a message on any failure; the Makefile then
 * writes an empty table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "compile.h"
#include "host.h"
#include "profile.h"
#include "resolve.h"
#include "select.h"
#include "util.h"

/* moby oci/caps/defaults.go */
static const char *const docker_caps[] = {
	"CAP_CHOWN",	"CAP_DAC_OVERRIDE", "CAP_FSETID",	   "CAP_FOWNER",
	"CAP_MKNOD",	"CAP_NET_RAW",	    "CAP_SETGID",	   "CAP_SETUID",
	"CAP_SETFCAP",	"CAP_SETPCAP",	    "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
	"CAP_KILL",	"CAP_AUDIT_WRITE",
};

struct entry {
	uint8_t key[SR_CACHE_KEY_LEN];
	uint64_t caps_held, kvers_reached;
	bool stub;
	char *selection;
	struct sr_bpf bpf;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_unique(char ***v, size_t *n, size_t *cap, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = grow(*v, cap, *n, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static void cond_caps(const struct sr_cond *c, char ***v, size_t *n, size_t *cap)
{
	for (size_t i = 0; c->present && i < c->ncaps; i++)
		add_unique(v, n, cap, c->caps[i]);
}

static void cond_kernel(const struct sr_cond *c, struct sr_kver *max, struct sr_kver *v,
			size_t *n)
{
	if (!c->present || !c->has_min_kernel)
		return;
	if (kver_cmp(c->min_kernel, *max) > 0)
		*max = c->min_kernel;
	for (size_t i = 0; i < *n; i++)
		if (kver_cmp(v[i], c->min_kernel) == 0)
			return;
	if (*n < 64)
		v[(*n)++] = c->min_kernel;
}

/* A host as host_detect would report it: caps sorted, owned. */
static void make_host(struct sr_host *h, struct sr_kver kernel, const char *const *caps,
		      size_t ncaps)
{
	*h = (struct sr_host){ .arch = sr_arch_native(), .kernel = kernel, .caps_overridden = true };
	h->caps = xcalloc(ncaps ? ncaps : 1, sizeof(*h->caps));
	for (size_t i = 0; i < ncaps; i++)
		h->caps[i] = xstrdup(caps[i]);
	h->ncaps = ncaps;
	qsort(h->caps, h->ncaps, sizeof(*h->caps), cmp_str);
}

static void print_diags(const struct sr_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity >= SR_WARNING)
			fprintf(stderr, "precompile: %s: %s\n", d->v[i].path, d->v[i].msg);
}

int main(void)
{
	struct sr_profile p;
	struct sr_diags diags = { 0 };
	struct sr_error err = { 0 };
	char buf[2048];

	if (profile_parse(sr_builtin_default, sr_builtin_default_len, "runtime/default", &p,
			  &diags, &err) < 0) {
		sr_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "precompile: %s\n", buf);
		return 1;
	}

	char **all = NULL;
	size_t nall = 0, capall = 0;
	struct sr_kver kernel = { 0, 0 }, kvers[64];
	size_t nkvers = 0;
	for (size_t i = 0; i < p.nrules; i++) {
		cond_caps(&p.rules[i].includes, &all, &nall, &capall);
		cond_caps(&p.rules[i].excludes, &all, &nall, &capall);
		cond_kernel(&p.rules[i].includes, &kernel, kvers, &nkvers);
		cond_kernel(&p.rules[i].excludes, &kernel, kvers, &nkvers);
	}
	qsort(all, nall, sizeof(*all), cmp_str);
	/* The host facts are bit masks over these: see struct sr_precompiled. */
	if (nall > 64) {
		fprintf(stderr, "precompile: the profile names %zu capabilities, more than 64\n", nall);
		return 1;
	}

	const struct {
		const char *name;
		const char *const *caps;
		size_t n;
	} sets[] = {
		{ "all", (const char *const *)all, nall },
		{ "none", NULL, 0 },
		{ "Docker's default", docker_caps, ARRAY_SIZE(docker_caps) },
	};

	struct entry *e = NULL;
	size_t n = 0, cap = 0;
	for (size_t s = 0; s < ARRAY_SIZE(sets); s++) {
		for (int stub = 1; stub >= 0; stub--) {
			struct sr_host h;
			struct sr_policy pol;
			struct sr_compile_opts co = { .enosys_stub = stub };
			struct entry cur = { 0 };
			make_host(&h, kernel, sets[s].caps, sets[s].n);
			for (size_t c = 0; c < nall; c++)
				cur.caps_held |= (uint64_t)host_has_cap(&h, all[c]) << c;
			for (size_t k = 0; k < nkvers; k++)
				cur.kvers_reached |= (uint64_t)(kver_cmp(kernel, kvers[k]) >= 0) << k;
			cur.stub = stub;
			policy_select(&p, &h, &pol);
			cache_key(&pol, &co, cur.key);
			if (policy_compile(&pol, &co, &cur.bpf, &diags, &err) < 0 ||
			    bpf_validate(&cur.bpf, &err) < 0) {
				sr_error_format(&err, buf, sizeof(buf));
				fprintf(stderr, "precompile: caps %s: %s\n", sets[s].name, buf);
				return 1;
			}
			policy_free(&pol);
			host_free(&h);
			bool dup = false;
			for (size_t i = 0; i < n; i++)
				dup |= memcmp(e[i].key, cur.key, sizeof(cur.key)) == 0;
			if (dup) {
				bpf_free(&cur.bpf);
				continue;
			}
			cur.selection = xasprintf("caps %s, kernel %u.%u and later, %s", sets[s].name,
						  kernel.kernel, kernel.major,
						  stub ? "ENOSYS stub" : "--no-enosys");
			e = grow(e, &cap, n, sizeof(*e));
			e[n++] = cur;
		}
	}
	/* Compile's warnings are run's to report, each time; here they would
	 * only mean the table was built from a profile with problems. */
	print_diags(&diags);

	printf("/* Generated by tools/precompile.c from the built-in runtime/default\n"
	       " * profile, for libseccomp %s: do not edit. */\n"
	       "#include \"cache.h\"\n\n"
	       "extern const struct sr_precompiled sr_precompiled[];\n"
	       "extern const size_t sr_precompiled_count;\n"
	       "extern const char *const sr_precompiled_caps[];\n"
	       "extern const size_t sr_precompiled_ncaps;\n"
	       "extern const struct sr_kver sr_precompiled_kvers[];\n"
	       "extern const size_t sr_precompiled_nkvers;\n",
	       compile_libseccomp_version());
	for (size_t i = 0; i < n; i++) {
		printf("\n/* %s */\nstatic const struct sock_filter f%zu[%zu] = {\n", e[i].selection,
		       i, e[i].bpf.len);
		for (size_t j = 0; j < e[i].bpf.len; j++) {
			const struct sock_filter *f = &e[i].bpf.insns[j];
			printf("\t{ 0x%04x, %u, %u, 0x%08x },\n", f->code, f->jt, f->jf, f->k);
		}
		printf("};\n");
	}
	printf("\nconst char *const sr_precompiled_caps[] = {");
	for (size_t c = 0; c < nall; c++)
		printf("%s\"%s\",", c % 3 ? " " : "\n\t", all[c]);
	printf("\n};\nconst size_t sr_precompiled_ncaps = %zu;\n", nall);
	printf("const struct sr_kver sr_precompiled_kvers[] = {");
	for (size_t k = 0; k < nkvers; k++)
		printf(" { %u, %u },", kvers[k].kernel, kvers[k].major);
	printf(" };\nconst size_t sr_precompiled_nkvers = %zu;\n", nkvers);
	printf("\nconst struct sr_precompiled sr_precompiled[] = {\n");
	for (size_t i = 0; i < n; i++) {
		printf("\t{ /* %s */\n\t\t.key = {", e[i].selection);
		for (size_t j = 0; j < SR_CACHE_KEY_LEN; j++)
			printf("%s0x%02x,", j % 8 ? " " : "\n\t\t\t", e[i].key[j]);
		printf("\n\t\t},\n\t\t.caps_held = 0x%llx,\n\t\t.kvers_reached = 0x%llx,\n"
		       "\t\t.stub = %s,\n\t\t.flags = 0x%x,\n\t\t.optional_flags = 0x%x,\n"
		       "\t\t.len = %zu,\n\t\t.insns = f%zu,\n\t},\n",
		       (unsigned long long)e[i].caps_held, (unsigned long long)e[i].kvers_reached,
		       e[i].stub ? "true" : "false", e[i].bpf.flags, e[i].bpf.optional_flags,
		       e[i].bpf.len, i);
	}
	printf("};\nconst size_t sr_precompiled_count = %zu;\n", n);

	for (size_t i = 0; i < n; i++) {
		bpf_free(&e[i].bpf);
		free(e[i].selection);
	}
	free(e);
	strv_free(all, nall);
	profile_free(&p);
	sr_diags_free(&diags);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
