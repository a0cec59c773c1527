/* SPDX-License-Identifier: Apache-2.0 */
/* Verb dispatch. The only place that prints an error and picks the exit
 * status; every stage below reports through struct sr_error. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "launch.h"
#include "oci.h"
#include "stages.h"
#include "util.h"
#include "verbs.h"

extern char **environ;

static int report_error(const struct sr_error *err)
{
	char buf[2048];
	sr_error_format(err, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
	return err->status ? err->status : SR_EXIT_FAILED;
}

/* NOTIFY rules hand syscalls to a listener; without one they fail with
 * ENOSYS, which is not what the profile's author meant. */
static int check_notify(const struct sr_policy *pol, struct sr_error *err)
{
	const struct sr_profile *p = pol->profile;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept || r->action.kind != SR_ACT_NOTIFY || p->listener_path)
			continue;
		_cleanup_free_ char *path = profile_rule_path(p, r);
		_cleanup_free_ char *at = xasprintf("%s.action", path);
		return sr_fail_at(err, p->origin, at,
				  "SCMP_ACT_NOTIFY needs listenerPath: without a listener "
				  "the syscall would fail with ENOSYS");
	}
	return 0;
}

/* listenerPath, as runc does it: connect before the load, then the
 * listener fd goes to the agent with the ContainerProcessState in one
 * sendmsg (the filter lets that call through), then execve. Only when a
 * kept rule is NOTIFY. The state names the process seccomp-run-PID, its
 * bundle the working directory. */
static int prepare_agent(const struct sr_stages *st, struct sr_handoff *h, struct sr_bpf *out,
			 char **payload, struct sr_error *err)
{
	const struct sr_profile *p = &st->profile;
	_cleanup_free_ char *cwd = getcwd(NULL, 0);
	_cleanup_free_ char *id = xasprintf("seccomp-run-%ld", (long)getpid());
	*payload = oci_process_state(getpid(), id, cwd ? cwd : "/", p->listener_metadata);
	*h = (struct sr_handoff){
		.payload = *payload,
		.len = strlen(*payload),
		.peer = "the seccomp agent (listenerPath)",
	};
	if ((h->sock = launch_connect_agent(p->listener_path, err)) < 0)
		return -1;
	return launch_handoff_filter(&st->bpf, h, out, err);
}

static void describe(const struct sr_stages *st, const struct sr_options *o)
{
	const struct sr_policy *pol = &st->policy;
	const struct sr_host *h = &st->host;
	const struct sr_profile *p = pol->profile;
	size_t kept = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		kept += pol->choices[i].kept;
	char def[48], arches[256] = "", origin[1024], from[sizeof(st->origin_note) * 4];
	sr_escape(origin, sizeof(origin), p->origin);
	sr_escape(from, sizeof(from), st->origin_note);
	for (size_t i = 0, n = 0; i < pol->narches && n < sizeof(arches); i++)
		n += (size_t)snprintf(arches + n, sizeof(arches) - n, "%s%s", i ? "," : "",
				      pol->arches[i]->lib_name);
	fprintf(stderr,
		"seccomp-run: profile %s: %zu of %zu rules apply (arch %s, kernel %u.%u, "
		"%zu capabilities%s); default %s; arches %s; %zu BPF instructions (%s)\n",
		origin, kept, pol->nchoices, h->arch->token, h->kernel.kernel,
		h->kernel.major, h->ncaps, h->caps_overridden ? " from --caps" : "",
		sr_action_str(p->default_action, def, sizeof(def)), arches, st->bpf.len, from);
	if (o->verbose < 2)
		return;
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_choice *c = &pol->choices[i];
		_cleanup_free_ char *path = profile_rule_path(p, c->rule);
		char name[256], reason[4 * sizeof(c->reason)];
		sr_escape(name, sizeof(name), c->rule->nnames ? c->rule->names[0] : "(no names)");
		sr_escape(reason, sizeof(reason), c->reason);
		fprintf(stderr, "seccomp-run:   %s %s: %s (%s)\n", path, name,
			c->kept ? "kept" : "dropped", reason);
	}
}

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }
static void bpf_cleanup(struct sr_bpf *b) { bpf_free(b); }

/* resolve -> parse -> select -> compile (or a warm start: precompiled,
 * cached) -> launch; or a ready filter from --bpf. The cache is written in
 * stages_run, before the launch: between the load and the execve nothing
 * runs. */
static int cmd_run(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(bpf_cleanup) struct sr_bpf raw = { 0 }, with_agent = { 0 };
	_cleanup_free_ char *path = NULL, *payload = NULL;
	struct sr_handoff handoff = { .sock = -1 };
	_cleanup_close_ int agent = -1;

	if (host_check_nnp(o->no_new_privs, err) < 0)
		return -1;

	struct sr_launch l = {
		.argv = o->args,
		.envp = environ,
		.no_new_privs = o->no_new_privs,
		.close_fds = o->close_fds,
		.preserve_fds = o->preserve_fds,
	};
	if (o->bpf) {
		if (bpf_read_file(o->bpf, &raw, err) < 0)
			return -1;
		if (o->verbose) {
			char file[1024];
			sr_escape(file, sizeof(file), o->bpf);
			fprintf(stderr, "seccomp-run: BPF file %s: %zu instructions\n", file,
				raw.len);
		}
		l.filter = &raw;
	} else {
		/* Host facts are read even for unconfined: options are checked
		 * the same way whatever the profile. */
		if (stages_run(&st, o, o->profile, SR_STAGE_RUN, err) < 0 ||
		    (!st.unconfined && (check_notify(&st.policy, err) < 0 ||
					stages_report(&st.diags, o, err) < 0)))
			return -1;
		if (st.unconfined) {
			if (o->verbose)
				fprintf(stderr, "seccomp-run: profile unconfined: no filter\n");
		} else {
			if (o->verbose)
				describe(&st, o);
			l.filter = &st.bpf;
		}
	}

	if (launch_find(o->args[0], &path, err) < 0)
		return -1;
	l.path = path;
	/* Last before the launch: the agent sees a connection only for a
	 * program that is about to run. */
	if (l.filter && !o->bpf && policy_has_notify(&st.policy)) {
		int rc = prepare_agent(&st, &handoff, &with_agent, &payload, err);
		agent = handoff.sock;
		if (rc < 0)
			return -1;
		l.filter = &with_agent;
		l.profile_filter = &st.bpf;
		l.handoff = &handoff;
	}
	fflush(NULL);
	return launch_exec(&l, err);
}

int main(int argc, char **argv)
{
	struct sr_error err = { 0 };
	struct sr_options o;

	/* Setuid, setgid or file capabilities would let whoever runs us pick
	 * the filter of a privileged process; nothing here needs privilege.
	 * With privileges we must not have, do no more than say so: no stdio,
	 * no atexit handlers (a sanitizer's leak check among them). */
	if (host_is_privileged_exec()) {
		static const char msg[] =
			"seccomp-run: refusing to run setuid, setgid or with file "
			"capabilities: it needs no privilege and must not be given any\n";
		ssize_t unused = write(STDERR_FILENO, msg, sizeof(msg) - 1);
		(void)unused;
		_exit(SR_EXIT_FAILED);
	}
	if (cli_parse(argc, argv, &o, &err) < 0)
		return report_error(&err);
	if (o.help) {
		fputs(sr_usage, stdout);
		return 0;
	}
	if (o.version) {
		printf("seccomp-run %s\nlibseccomp %s\n", SR_VERSION, compile_libseccomp_version());
		return 0;
	}

	int rc;
	switch (o.verb) {
	case SR_VERB_RUN:
		rc = cmd_run(&o, &err);
		break;
	case SR_VERB_CHECK:
		rc = cmd_check(&o, &err);
		break;
	case SR_VERB_EXPLAIN:
		rc = cmd_explain(&o, &err);
		break;
	case SR_VERB_EXPORT:
		rc = cmd_export(&o, &err);
		break;
	case SR_VERB_SIMULATE:
		rc = cmd_simulate(&o, &err);
		break;
	case SR_VERB_DECODE:
		rc = cmd_decode(&o, &err);
		break;
	case SR_VERB_TRACE:
		rc = cmd_trace(&o, &err);
		break;
	case SR_VERB_RECORD:
		rc = cmd_record(&o, &err);
		break;
	default:
		rc = sr_fail(&err, "internal error: verb %d has no command", (int)o.verb);
		break;
	}
	/* Output that cannot be written is a failure, not a silent success. */
	if (rc >= 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = sr_fail_errno(&err, errno, "writing to standard output");
	return rc >= 0 ? rc : report_error(&err);
}
