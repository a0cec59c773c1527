/* SPDX-License-Identifier: Apache-2.0 */
/* record: run the program with every syscall of every thread and child
 * notified and let through (SECCOMP_USER_NOTIF_FLAG_CONTINUE), and write
 * what it made, per arch, as a Docker-format allow-list: alone, merged
 * with --base, or with the -o file of earlier runs (--append). Of what
 * seccomp-run itself does after the load, only its execve is kept: the
 * other calls (the report of a failed exec) come before the exec and are
 * told apart by the supervisor. */
#include "record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode.h"
#include "oci.h"
#include "outfile.h"
#include "stages.h"
#include "supervise.h"
#include "sysargs.h"
#include "util.h"
#include "verbs.h"

extern char **environ;

/* ------------------------------------------------------------- merging */

/* Every program may need these on a path a run did not take: a thread
 * ending, a signal handler returning, an exit after an error. */
static const char *const always[] = { "exit", "exit_group", "rt_sigreturn" };

static bool starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool cond_empty(const struct sr_cond *c)
{
	return !c->narches && !c->ncaps && !c->has_min_kernel;
}

/* A rule record wrote: its mark, and nothing that makes it conditional. */
static bool marked(const struct sr_rule *r, const char *mark, enum sr_act kind)
{
	return starts_with(r->comment, mark) && r->action.kind == kind && !r->nargs &&
	       cond_empty(&r->includes) && cond_empty(&r->excludes);
}

static bool ours(const struct sr_rule *r)
{
	return marked(r, SR_RECORD_ALLOW_MARK, SR_ACT_ALLOW) ||
	       marked(r, SR_RECORD_FALLBACK_MARK, SR_ACT_ERRNO);
}

static bool has_name(const struct sr_rule *r, const char *name)
{
	for (size_t i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i], name) == 0)
			return true;
	return false;
}

/* The first rule record did not write that names it. */
static const struct sr_rule *mentioned(const struct sr_profile *p, const char *name)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (!ours(&p->rules[i]) && has_name(&p->rules[i], name))
			return &p->rules[i];
	return NULL;
}

static struct sr_rule *find_marked(struct sr_profile *p, const char *mark, enum sr_act kind)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (marked(&p->rules[i], mark, kind))
			return &p->rules[i];
	return NULL;
}

/* Appended: the rules before it keep their order and their JSON paths. */
static struct sr_rule *add_rule(struct sr_profile *p, const char *action, int errno_ret,
				const char *comment)
{
	p->rules = xreallocarray(p->rules, p->nrules + 1, sizeof(*p->rules));
	struct sr_rule *r = &p->rules[p->nrules];
	*r = (struct sr_rule){ .index = p->nrules };
	sr_action_lookup(action, &r->action);
	if (errno_ret >= 0) {
		r->action.data = (uint16_t)errno_ret;
		r->has_errno = true;
	}
	r->comment = xstrdup(comment);
	p->nrules++;
	return r;
}

static void remove_rule(struct sr_profile *p, struct sr_rule *r)
{
	size_t i = (size_t)(r - p->rules);
	strv_free(r->names, r->nnames);
	free(r->comment);
	free(r->args);
	memmove(r, r + 1, (p->nrules - i - 1) * sizeof(*r));
	p->nrules--;
	for (; i < p->nrules; i++)
		p->rules[i].index = i;
}

static void add_name(struct sr_rule *r, const char *name)
{
	if (has_name(r, name))
		return;
	r->names = xreallocarray(r->names, r->nnames + 1, sizeof(*r->names));
	r->names[r->nnames++] = xstrdup(name);
}

static void remove_name(struct sr_rule *r, const char *name)
{
	for (size_t i = 0; i < r->nnames; i++) {
		if (strcmp(r->names[i], name) == 0) {
			free(r->names[i]);
			memmove(&r->names[i], &r->names[i + 1], (r->nnames - i - 1) * sizeof(char *));
			r->nnames--;
			return;
		}
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_names(struct sr_rule *r)
{
	if (r->nnames > 1)
		qsort(r->names, r->nnames, sizeof(*r->names), by_name);
}

static bool default_denies(const struct sr_profile *p)
{
	return p->default_action.kind != SR_ACT_ALLOW && p->default_action.kind != SR_ACT_LOG;
}

static bool arch_listed(const struct sr_arch *const *v, size_t n, const struct sr_arch *a)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == a)
			return true;
	return false;
}

static void append_arch(const struct sr_arch ***v, size_t *n, const struct sr_arch *a)
{
	if (arch_listed(*v, *n, a))
		return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = a;
}

/* Without a list the filter has the native arch alone; with archMap, the
 * native entry and its sub-architectures. */
static void merge_arches(struct sr_profile *p, const struct sr_seen *seen, size_t n)
{
	const struct sr_arch *native = sr_arch_native();
	if (p->narchmap) {
		struct sr_archmap *m = NULL;
		for (size_t i = 0; i < p->narchmap && !m; i++)
			if (p->archmap[i].arch == native)
				m = &p->archmap[i];
		if (!m) {
			p->archmap = xreallocarray(p->archmap, p->narchmap + 1, sizeof(*p->archmap));
			m = &p->archmap[p->narchmap++];
			*m = (struct sr_archmap){ .arch = native };
		}
		for (size_t i = 0; i < n; i++)
			if (seen[i].arch != native)
				append_arch(&m->subs, &m->nsubs, seen[i].arch);
		return;
	}
	bool other = false;
	for (size_t i = 0; i < n; i++)
		other |= seen[i].arch != native;
	if (!p->narches && !other)
		return;
	if (!p->narches)
		append_arch(&p->arches, &p->narches, native);
	for (size_t i = 0; i < n; i++)
		append_arch(&p->arches, &p->narches, seen[i].arch);
}

/* "...: the syscalls made by A, B": another program joins the list once. */
static void note_program(struct sr_rule *r, const char *program)
{
	static const char by[] = "made by ";
	const char *s = strstr(r->comment, by);
	size_t len = strlen(program);
	for (s = s ? s + strlen(by) : NULL; s; s = strstr(s, ", ") ? strstr(s, ", ") + 2 : NULL)
		if (strncmp(s, program, len) == 0 && (s[len] == '\0' || s[len] == ','))
			return;
	char *longer = xasprintf(strstr(r->comment, by) ? "%s, %s" : "%s; made by %s",
				 r->comment, program);
	free(r->comment);
	r->comment = longer;
}

static void warn_denied_by_rule(const struct sr_profile *p, const struct sr_rule *r,
				const struct sr_seen *s, struct sr_diags *diags)
{
	_cleanup_free_ char *path = profile_rule_path(p, r);
	sr_diag_add(diags, SR_WARNING, "record-denied", p->origin, path,
		    "the program made %s calls on %s that this rule or the default action "
		    "denies on this host; record leaves the rules it did not write as they are",
		    s->name, s->arch->lib_name);
}

void record_new_profile(struct sr_profile *p, const char *origin)
{
	*p = (struct sr_profile){
		.origin = xstrdup(origin),
		.comment = xasprintf("Allow-list recorded by seccomp-run %s (seccomp-run record): "
				     "the syscalls the recorded runs did not make fail with EPERM",
				     SR_VERSION),
	};
	sr_action_lookup("SCMP_ACT_ERRNO", &p->default_action);
	append_arch(&p->arches, &p->narches, sr_arch_native());
}

void record_merge(struct sr_profile *p, const struct sr_seen *seen, size_t n,
		  const char *program, struct sr_diags *diags)
{
	const bool denies = default_denies(p);
	_cleanup_free_ const char **allow = xcalloc(n + ARRAY_SIZE(always), sizeof(*allow));
	size_t nallow = 0;

	for (size_t i = 0; i < n + ARRAY_SIZE(always); i++) {
		const char *name = i < n ? seen[i].name : always[i - n];
		const struct sr_rule *r = mentioned(p, name);
		if (r && i < n && seen[i].base_denied)
			warn_denied_by_rule(p, r, &seen[i], diags);
		if (!r && denies)
			allow[nallow++] = name;
	}

	struct sr_rule *fb = find_marked(p, SR_RECORD_FALLBACK_MARK, SR_ACT_ERRNO);
	for (size_t i = 0; fb && i < nallow; i++)
		remove_name(fb, allow[i]);
	if (fb && !fb->nnames)
		remove_rule(p, fb);

	struct sr_rule *r = find_marked(p, SR_RECORD_ALLOW_MARK, SR_ACT_ALLOW);
	if (r) {
		note_program(r, program);
	} else if (nallow) {
		_cleanup_free_ char *comment =
			xasprintf(SR_RECORD_ALLOW_MARK " record, with exit, exit_group and "
				  "rt_sigreturn, which any program may need: the syscalls made by %s",
				  program);
		r = add_rule(p, "SCMP_ACT_ALLOW", -1, comment);
	}
	for (size_t i = 0; r && i < nallow; i++)
		add_name(r, allow[i]);
	if (r)
		sort_names(r);

	bool stub_like = p->default_action.kind == SR_ACT_ERRNO && p->default_action.data == ENOSYS;
	const struct sr_fallback *f;
	for (size_t i = 0; denies && !stub_like && (f = sysargs_fallback(i)); i++) {
		r = find_marked(p, SR_RECORD_ALLOW_MARK, SR_ACT_ALLOW);
		if (mentioned(p, f->name) || (r && has_name(r, f->name)))
			continue;
		fb = find_marked(p, SR_RECORD_FALLBACK_MARK, SR_ACT_ERRNO);
		if (!fb)
			fb = add_rule(p, "SCMP_ACT_ERRNO", ENOSYS,
				      SR_RECORD_FALLBACK_MARK ": glibc falls back to an older call "
				      "only when these fail with ENOSYS");
		add_name(fb, f->name);
		sort_names(fb);
	}
	merge_arches(p, seen, n);
}

/* ------------------------------------------------------------ recording */

/* A syscall made, by audit arch and number (as seccomp_data has them). */
struct call {
	uint32_t audit_arch;
	int32_t nr;
	bool base_denied;
};

struct recording {
	const struct sr_bpf *base;   /* the profile merged with, as compiled here */
	struct call *v;              /* sorted by arch, then number */
	size_t n, cap;
	bool exec_failed;
	unsigned long calls;
};

static int call_cmp(uint32_t arch, int32_t nr, const struct call *c)
{
	if (arch != c->audit_arch)
		return arch < c->audit_arch ? -1 : 1;
	return nr < c->nr ? -1 : nr > c->nr;
}

static void note_call(struct recording *rec, const struct seccomp_data *d)
{
	size_t lo = 0, hi = rec->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = call_cmp(d->arch, d->nr, &rec->v[mid]);
		if (c == 0) {
			lo = mid;
			goto found;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	rec->v = grow(rec->v, &rec->cap, rec->n, sizeof(*rec->v));
	memmove(&rec->v[lo + 1], &rec->v[lo], (rec->n - lo) * sizeof(*rec->v));
	rec->v[lo] = (struct call){ d->arch, d->nr, false };
	rec->n++;
found:
	/* Per call: a rule of the base may allow some arguments only. */
	if (rec->base && !rec->v[lo].base_denied)
		rec->v[lo].base_denied = bpf_ret_denies(bpf_run(rec->base, d, NULL));
}

static struct sr_reply decide(void *ctx, const struct sr_notification *n)
{
	struct recording *rec = ctx;
	const struct sr_arch *native = sr_arch_native();
	if (n->before_exec) {
		/* seccomp-run's child makes no call after the load but its
		 * execve and, should that fail, the report of it. */
		if (n->data.arch == native->audit_arch && n->data.nr == SYS_execve)
			note_call(rec, &n->data);
		else
			rec->exec_failed = true;
	} else {
		rec->calls++;
		note_call(rec, &n->data);
	}
	return (struct sr_reply){ SR_REPLY_CONTINUE, 0 };
}

/* Names for what was seen; numbers libseccomp cannot name are reported
 * and left out. */
static size_t name_calls(const struct recording *rec, struct sr_seen *out, char **names,
			 const char *origin, struct sr_diags *diags)
{
	size_t k = 0;
	for (size_t i = 0; i < rec->n; i++) {
		const struct call *c = &rec->v[i];
		const struct sr_arch *arch = decode_arch(c->audit_arch, c->nr);
		char *name = arch && c->nr >= 0 ? compile_syscall_name(arch, c->nr) : NULL;
		if (!name) {
			sr_diag_add(diags, SR_WARNING, "record-unnamed", origin, "",
				    "syscall %d on %s has no name in libseccomp %s: it cannot be "
				    "listed, so it gets the default action",
				    (int)c->nr, arch ? arch->lib_name : "an unknown arch",
				    compile_libseccomp_version());
			continue;
		}
		names[k] = name;
		out[k++] = (struct sr_seen){ arch, name, c->base_denied };
	}
	return k;
}

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }
static void bpf_cleanup(struct sr_bpf *b) { bpf_free(b); }
static void profile_cleanup(struct sr_profile *p) { profile_free(p); }
static void diags_cleanup(struct sr_diags *d) { sr_diags_free(d); }

/* The profile to merge with: the -o file of earlier runs (--append, once
 * it exists), else --base, else none. A file operand is a path here, not
 * a name under --root. */
static char *start_ref(const struct sr_options *o)
{
	struct stat st;
	if (o->append && stat(o->output, &st) == 0)
		return o->output[0] == '/' ? xstrdup(o->output) : xasprintf("./%s", o->output);
	return o->base ? xstrdup(o->base) : NULL;
}

/* Fail before a long run rather than after it: the -o file goes into a
 * directory that must exist and be writable (the write itself may still
 * fail, and is then an error after the run). */
static int check_output_dir(const char *out, struct sr_error *err)
{
	const char *slash = strrchr(out, '/');
	_cleanup_free_ char *dir = slash ? xstrndup(out, (size_t)(slash - out + 1)) : xstrdup(".");
	if (access(dir, W_OK) == 0)
		return 0;
	sr_fail_errno(err, errno, "-o: cannot write in its directory");
	snprintf(err->file, sizeof(err->file), "%s", out);
	return -1;
}

/* Render p and read it back: what record writes must be a profile. */
static int render(const struct sr_profile *p, const char *out, char **buf, size_t *len,
		  struct sr_error *err)
{
	FILE *f = open_memstream(buf, len);
	if (!f)
		return sr_fail_errno(err, errno, "open_memstream");
	profile_write_docker(p, f);
	bool bad = ferror(f);
	if (fclose(f) != 0 || bad)
		return sr_fail(err, "rendering the profile failed");
	_cleanup_(profile_cleanup) struct sr_profile back = { 0 };
	_cleanup_(diags_cleanup) struct sr_diags diags = { 0 };
	if (profile_parse(*buf, *len, out, &back, &diags, err) < 0) {
		sr_error_prefix(err, "internal error: the recorded profile does not parse: ");
		return -1;
	}
	return 0;
}

static void say_recorded(const struct sr_options *o, const struct recording *rec,
			 const struct sr_seen *seen, size_t n)
{
	char arches[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 0 || seen[i].arch != seen[i - 1].arch) && len < sizeof(arches))
			len += (size_t)snprintf(arches + len, sizeof(arches) - len, "%s%s",
						len ? ", " : "", seen[i].arch->lib_name);
	fprintf(stderr, "seccomp-run: record: %lu calls of %zu syscalls (%s) written to %s\n",
		rec->calls, n, arches, o->output);
}

int cmd_record(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(profile_cleanup) struct sr_profile fresh = { 0 };
	_cleanup_(bpf_cleanup) struct sr_bpf filter = { 0 };
	_cleanup_(diags_cleanup) struct sr_diags diags = { 0 };
	_cleanup_free_ char *ref = start_ref(o), *path = NULL, *buf = NULL;
	struct sr_profile *p = &fresh;
	size_t len;

	if (host_check_nnp(o->no_new_privs, err) < 0)
		return -1;
	if (ref) {
		if (stages_run(&st, o, ref, SR_STAGE_COMPILE, err) < 0)
			return -1;
		if (st.unconfined)
			return sr_fail(err, "%s: unconfined has no rules to merge with", ref);
		if (stages_report(&st.diags, o, err) < 0)
			return -1;
		p = &st.profile;
	} else {
		record_new_profile(&fresh, o->output);
	}
	if (check_output_dir(o->output, err) < 0 || launch_find(o->args[0], &path, err) < 0)
		return -1;

	/* Every call of every arch, notified: the listener lets each run. */
	filter.insns = xcalloc(1, sizeof(*filter.insns));
	filter.insns[0] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	filter.len = 1;
	struct recording rec = { .base = ref ? &st.bpf : NULL };
	struct sr_supervise s = {
		.launch = {
			.path = path,
			.argv = o->args,
			.envp = environ,
			.filter = &filter,
			.no_new_privs = o->no_new_privs,
			.close_fds = o->close_fds,
			.preserve_fds = o->preserve_fds,
		},
		.decide = decide,
		.ctx = &rec,
	};
	int status = supervise(&s, err);
	if (status < 0 || rec.exec_failed) {
		free(rec.v);
		return status;
	}

	struct sr_seen *seen = xcalloc(rec.n + 1, sizeof(*seen));
	char **names = xcalloc(rec.n + 1, sizeof(*names));
	size_t n = name_calls(&rec, seen, names, p->origin, &diags);
	record_merge(p, seen, n, path, &diags);
	int rc = render(p, o->output, &buf, &len, err);
	if (rc == 0)
		rc = outfile_write(o->output, buf, len, NULL, err);
	if (rc == 0) {
		struct sr_options report_only = *o;
		report_only.strict = false;
		stages_report(&diags, &report_only, err);
		if (!o->quiet)
			say_recorded(o, &rec, seen, n);
	}
	strv_free(names, n);
	free(seen);
	free(rec.v);
	return rc < 0 ? -1 : status;
}
