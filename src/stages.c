/* SPDX-License-Identifier: Apache-2.0 */
#include "stages.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "util.h"

/* The fault-injection build forces failures inside compile: a cached
 * filter would skip them, so it caches only where --cache-dir says. */
#ifdef SR_FAULT_INJECTION
#define CACHE_BY_DEFAULT false
#else
#define CACHE_BY_DEFAULT true
#endif

/* In run, unknown keys and comments are mentioned only under -v (SPEC §4):
 * the file works; check is where portability is judged. */
static bool verbose_only(const struct sr_diag *d)
{
	return d->severity == SR_NOTE || strcmp(d->code, "unknown-key") == 0 ||
	       strcmp(d->code, "comments") == 0;
}

static bool shown(const struct sr_diag *d, const struct sr_options *o)
{
	return !o->quiet && (o->verbose > 0 || !verbose_only(d));
}

/* Whether run, without -v, has nothing to say about them. */
static bool nothing_to_say(const struct sr_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++)
		if (!verbose_only(&diags->v[i]))
			return false;
	return true;
}

static void cache_start(struct sr_cache *cache, const struct sr_options *o)
{
	if (o->no_cache)
		cache_disable(cache, "--no-cache");
	else if (!o->cache_dir && !CACHE_BY_DEFAULT)
		cache_disable(cache, "no cache in this build without --cache-dir");
	else
		cache_open(cache, o->cache_dir);
}

/* Precompiled table, then the cache, then compile and store. The key is
 * computed from the selection, so a table entry made for other
 * capabilities or another kernel matches only if it selects the same
 * rules. */
static int compile_warm(struct sr_stages *s, struct sr_cache *cache,
			const struct sr_compile_opts *co, struct sr_error *err)
{
	uint8_t key[SR_CACHE_KEY_LEN];

	cache_key(&s->policy, co, key);
	if (cache_precompiled(key, &s->bpf)) {
		s->origin = SR_FILTER_PRECOMPILED;
		snprintf(s->origin_note, sizeof(s->origin_note), "precompiled");
		return policy_name_diags(&s->policy, co, &s->diags, err);
	}
	if (cache_lookup(cache, key, &s->bpf)) {
		s->origin = SR_FILTER_CACHED;
		snprintf(s->origin_note, sizeof(s->origin_note), "%s", cache->note);
		return policy_name_diags(&s->policy, co, &s->diags, err);
	}
	if (policy_compile(&s->policy, co, &s->bpf, &s->diags, err) < 0)
		return -1;
	cache_store(cache, key, &s->bpf);
	s->origin = SR_FILTER_COMPILED;
	snprintf(s->origin_note, sizeof(s->origin_note), "compiled; %s", cache->note);
	return 0;
}

/* Whether run needs nothing of the policy but its filter: NOTIFY rules and
 * a listenerPath are acted on after compiling. */
static bool filter_is_all(const struct sr_policy *pol)
{
	return !pol->profile->listener_path && !policy_has_notify(pol);
}

/* run of a profile file: the filter stored under the file's own text and
 * host facts, if any, skips parsing too; else the long way, and the result
 * is stored under that key when, without -v, it has nothing to say (a hit
 * could not repeat warnings) and nothing else to do. -v describes the
 * policy and --strict judges its warnings: both take the long way. */
static int run_warm(struct sr_stages *s, const struct sr_options *o, const char *text,
		    size_t len, struct sr_error *err)
{
	struct sr_compile_opts co = { .enosys_stub = !o->no_enosys, .strict = o->strict };
	struct sr_cache cache;
	uint8_t source_key[SR_CACHE_KEY_LEN];
	bool by_source = !o->verbose && !o->strict;

	cache_start(&cache, o);
	if (by_source) {
		cache_source_key(text, len, &s->host, co.enosys_stub, source_key);
		if (cache_lookup(&cache, source_key, &s->bpf)) {
			s->origin = SR_FILTER_CACHED;
			snprintf(s->origin_note, sizeof(s->origin_note), "%s", cache.note);
			cache_close(&cache);
			return 0;
		}
	}
	int rc = -1;
	if (profile_parse(text, len, s->src.path, &s->profile, &s->diags, err) == 0) {
		policy_select(&s->profile, &s->host, &s->policy);
		rc = compile_warm(s, &cache, &co, err);
	}
	if (rc == 0 && by_source && nothing_to_say(&s->diags) && filter_is_all(&s->policy))
		cache_store(&cache, source_key, &s->bpf);
	cache_close(&cache);
	return rc;
}

int stages_run(struct sr_stages *s, const struct sr_options *o, const char *ref,
	       enum sr_stage upto, struct sr_error *err)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	struct sr_host_overrides ov = {
		.caps = o->caps,
		.kernel = o->kernel,
		.arch = o->arch,
		.no_new_privs = o->no_new_privs,
	};

	*s = (struct sr_stages){ 0 };
	if (resolve_reference(ref, o->root, &s->src, err) < 0 ||
	    host_detect(&ov, &s->host, err) < 0)
		return -1;
	if (s->src.kind == SR_SOURCE_UNCONFINED) {
		s->unconfined = s->read = true;
		return 0;
	}
	/* The built-in profile's selection follows from the host facts alone,
	 * so its precompiled filters need no parsing: most of a warm start.
	 * -v describes the policy, and --strict judges its warnings: both
	 * take the long way. */
	if (upto == SR_STAGE_RUN && s->src.kind == SR_SOURCE_BUILTIN && !o->verbose &&
	    !o->strict && cache_precompiled_for_host(&s->host, !o->no_enosys, &s->bpf)) {
		s->read = true;
		s->origin = SR_FILTER_PRECOMPILED;
		snprintf(s->origin_note, sizeof(s->origin_note), "precompiled");
		return 0;
	}
	if (source_read(&s->src, &text, &len, err) < 0)
		return -1;
	s->read = true;
	if (upto == SR_STAGE_RUN)
		return run_warm(s, o, text, len, err);
	if (profile_parse(text, len, s->src.path, &s->profile, &s->diags, err) < 0)
		return -1;
	policy_select(&s->profile, &s->host, &s->policy);
	if (upto == SR_STAGE_SELECT)
		return 0;
	struct sr_compile_opts co = { .enosys_stub = !o->no_enosys, .strict = o->strict };
	snprintf(s->origin_note, sizeof(s->origin_note), "compiled");
	return policy_compile(&s->policy, &co, &s->bpf, &s->diags, err);
}

void stages_free(struct sr_stages *s)
{
	bpf_free(&s->bpf);
	policy_free(&s->policy);
	profile_free(&s->profile);
	host_free(&s->host);
	source_free(&s->src);
	sr_diags_free(&s->diags);
}


int stages_report(const struct sr_diags *diags, const struct sr_options *o,
		  struct sr_error *err)
{
	size_t warnings = 0;
	for (size_t i = 0; i < diags->n; i++) {
		const struct sr_diag *d = &diags->v[i];
		warnings += d->severity >= SR_WARNING;
		if (shown(d, o))
			fprintf(stderr, "seccomp-run: %s%s%s%s%s: %s [%s]\n", d->file,
				*d->file ? ": " : "", d->path, *d->path ? ": " : "",
				d->severity == SR_NOTE ? "note" : "warning", d->msg, d->code);
	}
	if (o->strict && warnings)
		return sr_fail(err, "%zu warning%s, and --strict makes them errors", warnings,
			       warnings == 1 ? "" : "s");
	return 0;
}
