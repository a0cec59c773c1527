/* SPDX-License-Identifier: Apache-2.0 */
/* trace: the profile enforced as run would, and every call it denies named
 * as it happens. The program runs under a variant of the compiled filter
 * whose denying returns notify instead (bpf_notify_denials); for each
 * notification the original filter, run by our interpreter on the same
 * seccomp_data, gives the verdict, which is reported and then carried out:
 * the errno returned, or the process killed, or SIGSYS sent for a trap.
 * --permissive reports and lets the call run. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "jsonw.h"
#include "stages.h"
#include "supervise.h"
#include "sysargs.h"
#include "util.h"
#include "verbs.h"

extern char **environ;

/* Denied calls counted by arch, number and verdict, for the summary. */
struct tally {
	uint32_t audit_arch;
	int32_t nr;
	uint32_t ret;
	unsigned long count;
};

struct trace {
	const struct sr_bpf *profile;  /* the filter as compiled: the verdicts */
	bool permissive, json;
	FILE *log;
	struct tally *v;
	size_t n, cap;
	unsigned long total;
};

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }
static void bpf_cleanup(struct sr_bpf *b) { bpf_free(b); }

static void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

/* "EPERM" for the common case; the action otherwise. */
static const char *verdict_str(uint32_t ret, char *buf, size_t size)
{
	const char *eno = (ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO
				  ? sr_errno_name((int)(ret & SECCOMP_RET_DATA))
				  : NULL;
	if (eno)
		snprintf(buf, size, "%s", eno);
	else
		sr_ret_str(ret, buf, size);
	return buf;
}

static char *syscall_name(const struct sr_arch *arch, int32_t nr)
{
	return arch && nr >= 0 ? compile_syscall_name(arch, nr) : NULL;
}

static void report_text(struct trace *t, const struct sr_notification *n, uint32_t ret)
{
	const struct sr_arch *arch = decode_arch(n->data.arch, n->data.nr);
	_cleanup_free_ char *name = syscall_name(arch, n->data.nr);
	struct sr_task task;
	char args[256], verdict[64];

	supervise_task(n, &task);
	_cleanup_free_ char *comm = decode_terminal_safe(task.known ? task.comm : "?");
	uint64_t a[ARRAY_SIZE(n->data.args)];
	for (size_t i = 0; i < ARRAY_SIZE(a); i++)
		a[i] = n->data.args[i];
	sysargs_format_args(name, a, args, sizeof(args));
	fprintf(t->log, "seccomp-run: denied: pid %ld (%s) ", task.known ? (long)task.pid : (long)n->tid,
		comm);
	if (name)
		fprintf(t->log, "%s(%s) ", name, args);
	else
		fprintf(t->log, "syscall %" PRId32 "(%s) ", n->data.nr, args);
	if (arch)
		fprintf(t->log, "%s", arch->lib_name);
	else
		fprintf(t->log, "arch 0x%08" PRIx32, n->data.arch);
	fprintf(t->log, " -> %s%s\n", verdict_str(ret, verdict, sizeof(verdict)),
		t->permissive ? " (permissive: let through)" : "");
}

static void json_str_or_null(struct jw *w, const char *key, const char *v)
{
	if (v)
		jw_string(w, key, v);
	else
		jw_null(w, key);
}

/* The verdict's fields, shared by the reports and the summary. */
static void json_verdict(struct jw *w, uint32_t ret)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	bool is_errno = (ret & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO;
	json_str_or_null(w, "action", sr_ret_action_name(ret));
	if (is_errno) {
		jw_u64(w, "errno", data);
		json_str_or_null(w, "errno_name", sr_errno_name((int)data));
	}
	jw_u64(w, "ret", ret);
}

static void json_call(struct jw *w, uint32_t audit_arch, int32_t nr)
{
	const struct sr_arch *arch = decode_arch(audit_arch, nr);
	_cleanup_free_ char *name = syscall_name(arch, nr);
	json_str_or_null(w, "arch", arch ? arch->lib_name : NULL);
	jw_u64(w, "audit_arch", audit_arch);
	json_str_or_null(w, "syscall", name);
	jw_i64(w, "nr", nr);
}

static void report_json(struct trace *t, const struct sr_notification *n, uint32_t ret)
{
	struct sr_task task;
	struct jw w;

	supervise_task(n, &task);
	jw_init(&w, t->log, false);
	jw_object(&w, NULL);
	if (task.known)
		jw_i64(&w, "pid", task.pid);
	else
		jw_null(&w, "pid");
	jw_u64(&w, "tid", n->tid);
	json_str_or_null(&w, "comm", task.known ? task.comm : NULL);
	json_call(&w, n->data.arch, n->data.nr);
	jw_array(&w, "args");
	for (size_t i = 0; i < ARRAY_SIZE(n->data.args); i++)
		jw_u64(&w, NULL, n->data.args[i]);
	jw_end_array(&w);
	json_verdict(&w, ret);
	jw_bool(&w, "permissive", t->permissive);
	jw_end_object(&w);
	jw_finish(&w);
}

static void count(struct trace *t, const struct sr_notification *n, uint32_t ret)
{
	t->total++;
	for (size_t i = 0; i < t->n; i++) {
		struct tally *c = &t->v[i];
		if (c->audit_arch == n->data.arch && c->nr == n->data.nr && c->ret == ret) {
			c->count++;
			return;
		}
	}
	t->v = grow(t->v, &t->cap, t->n, sizeof(*t->v));
	t->v[t->n++] = (struct tally){ n->data.arch, n->data.nr, ret, 1 };
}

/* What the kernel would have done with the call, as a reply. */
static struct sr_reply carry_out(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO: {
		/* The kernel caps the errno at MAX_ERRNO. */
		uint32_t e = ret & SECCOMP_RET_DATA;
		return (struct sr_reply){ SR_REPLY_ERRNO, e > 4095 ? 4095 : (int)e };
	}
	case SECCOMP_RET_TRAP:
		return (struct sr_reply){ SR_REPLY_TRAP, 0 };
	default:
		/* KILL_THREAD from outside can only be the whole process. */
		return (struct sr_reply){ SR_REPLY_KILL, 0 };
	}
}

static struct sr_reply decide(void *ctx, const struct sr_notification *n)
{
	struct trace *t = ctx;
	uint32_t ret = bpf_run(t->profile, &n->data, NULL);
	/* Only denied calls are notified; anything else runs as it would. */
	if (!bpf_ret_denies(ret))
		return (struct sr_reply){ SR_REPLY_CONTINUE, 0 };
	/* Before the exec it is seccomp-run's own report of a failed one:
	 * the profile's answer, unreported. */
	if (n->before_exec)
		return carry_out(ret);
	if (t->json)
		report_json(t, n, ret);
	else
		report_text(t, n, ret);
	count(t, n, ret);
	return t->permissive ? (struct sr_reply){ SR_REPLY_CONTINUE, 0 } : carry_out(ret);
}

static int by_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->audit_arch != y->audit_arch)
		return x->audit_arch < y->audit_arch ? -1 : 1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static void summary(struct trace *t)
{
	char verdict[64];
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), by_count);
	if (t->json) {
		struct jw w;
		jw_init(&w, t->log, false);
		jw_object(&w, NULL);
		jw_object(&w, "summary");
		jw_u64(&w, "denied", t->total);
		jw_array(&w, "calls");
		for (size_t i = 0; i < t->n; i++) {
			jw_object(&w, NULL);
			json_call(&w, t->v[i].audit_arch, t->v[i].nr);
			json_verdict(&w, t->v[i].ret);
			jw_u64(&w, "count", t->v[i].count);
			jw_end_object(&w);
		}
		jw_end_array(&w);
		jw_end_object(&w);
		jw_end_object(&w);
		jw_finish(&w);
		return;
	}
	if (!t->total) {
		fprintf(t->log, "seccomp-run: summary: no denied calls\n");
		return;
	}
	fprintf(t->log, "seccomp-run: summary: %lu denied call%s%s:\n", t->total,
		t->total == 1 ? "" : "s", t->permissive ? " (let through: --permissive)" : "");
	for (size_t i = 0; i < t->n; i++) {
		const struct tally *c = &t->v[i];
		const struct sr_arch *arch = decode_arch(c->audit_arch, c->nr);
		_cleanup_free_ char *name = syscall_name(arch, c->nr);
		char num[32];
		snprintf(num, sizeof(num), "syscall %" PRId32, c->nr);
		fprintf(t->log, "seccomp-run: %7lu %s %s -> %s\n", c->count, name ? name : num,
			arch ? arch->lib_name : "?", verdict_str(c->ret, verdict, sizeof(verdict)));
	}
}

/* Reports go out a line at a time, each in one write: they interleave
 * with the program's own stderr, and a reader may follow them live. With
 * stderr closed they go where the program's own would: nowhere. */
static FILE *open_log(const char *path, struct sr_error *err)
{
	int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644)
		      : fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (fd < 0 && !path && errno == EBADF)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		sr_fail_errno(err, errno, path ? "--log: cannot open for writing"
					       : "duplicating standard error");
		if (path)
			snprintf(err->file, sizeof(err->file), "%s", path);
		return NULL;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		sr_fail_errno(err, errno, "fdopen");
		close(fd);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

int cmd_trace(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(bpf_cleanup) struct sr_bpf variant = { 0 };
	_cleanup_free_ char *path = NULL;
	_cleanup_(fclosep) FILE *log = NULL;

	if (host_check_nnp(o->no_new_privs, err) < 0)
		return -1;
	if (stages_run(&st, o, o->profile, SR_STAGE_RUN, err) < 0)
		return -1;
	if (st.unconfined)
		return sr_fail(err, "profile unconfined: there is no filter, so nothing can be "
			       "denied; use run");
	if (policy_has_notify(&st.policy))
		return sr_fail_at(err, st.profile.origin, "listenerPath",
				  "the profile's SCMP_ACT_NOTIFY rules go to its own agent, and "
				  "trace needs the notifications itself: use run");
	if (stages_report(&st.diags, o, err) < 0 || launch_find(o->args[0], &path, err) < 0)
		return -1;

	variant = st.bpf;
	variant.insns = xcalloc(st.bpf.len, sizeof(*variant.insns));
	memcpy(variant.insns, st.bpf.insns, st.bpf.len * sizeof(*variant.insns));
	if (bpf_notify_denials(&variant, err) < 0 || !(log = open_log(o->log, err)))
		return -1;

	struct trace t = {
		.profile = &st.bpf,
		.permissive = o->permissive,
		.json = strcmp(o->format, "json") == 0,
		.log = log,
	};
	struct sr_supervise s = {
		.launch = {
			.path = path,
			.argv = o->args,
			.envp = environ,
			.filter = &variant,
			.profile_filter = &st.bpf,
			.no_new_privs = o->no_new_privs,
			.close_fds = o->close_fds,
			.preserve_fds = o->preserve_fds,
		},
		.decide = decide,
		.ctx = &t,
	};
	int status = supervise(&s, err);
	if (status >= 0 && !o->quiet)
		summary(&t);
	free(t.v);
	if (status >= 0 && (fflush(log) != 0 || ferror(log))) {
		sr_fail_errno(err, errno, "writing the trace");
		if (o->log)
			snprintf(err->file, sizeof(err->file), "%s", o->log);
		return -1;
	}
	return status;
}
