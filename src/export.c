/* SPDX-License-Identifier: Apache-2.0 */
/* export: the filter run would load, as raw BPF (for bwrap --seccomp,
 * minijail --seccomp-bpf-binary and run --bpf), libseccomp's PFC text, or
 * the selected profile as OCI JSON. Everything is rendered into memory and
 * the warnings are reported before a byte is written, so --strict and
 * errors leave no output behind. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "oci.h"
#include "outfile.h"
#include "stages.h"
#include "util.h"
#include "verbs.h"

enum format { FMT_BPF, FMT_PFC, FMT_OCI };

struct rendered {
	char *buf;
	size_t len;
};

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }
static void rendered_free(struct rendered *r) { free(r->buf); }

static enum format parse_format(const char *s)
{
	/* cli_parse has accepted only bpf, pfc and oci, bpf by default. */
	return !s || strcmp(s, "bpf") == 0 ? FMT_BPF : strcmp(s, "pfc") == 0 ? FMT_PFC : FMT_OCI;
}

static bool to_stdout(const struct sr_options *o)
{
	return !o->output || strcmp(o->output, "-") == 0;
}

/* A terminal would show garbage and could take escape sequences from it. */
static const char tty_refusal[] = "refusing to write raw BPF to a terminal: use -o FILE, "
				  "redirect standard output, or --format pfc to read it";

/* ------------------------------------------------------------ rendering */

static void flag_names(unsigned flags, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (unsigned bit = 1; bit && n < size; bit <<= 1) {
		const char *name = flags & bit ? sr_flag_name(bit) : NULL;
		if (name)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", name);
	}
	if (!buf[0])
		snprintf(buf, size, "none");
}

/* PFC is libseccomp's rules alone: say in a comment what run adds and how
 * it lays the program out, so that the text and the loaded filter can be
 * told apart. */
static void pfc_header(FILE *f, const struct sr_stages *st, const struct sr_options *o)
{
	const struct sr_policy *pol = &st->policy;
	const char *no_stub = o->no_enosys ? "--no-enosys" : policy_why_no_enosys_stub(pol);
	char flags[256];

	fprintf(f, "# seccomp-run export --format pfc: libseccomp %s's filter alone.\n"
		"# run loads the same function laid out as a search over syscall numbers.\n",
		compile_libseccomp_version());
	if (no_stub) {
		fprintf(f, "# run adds no ENOSYS stub: %s.\n", no_stub);
	} else {
		fprintf(f, "# run adds an ENOSYS stub: syscall numbers above the highest the\n"
			"# profile names return ENOSYS (");
		bool any = false;
		for (size_t i = 0; i < pol->narches; i++) {
			int max = policy_max_syscall_nr(pol, pol->arches[i]);
			if (max < 0)
				continue;
			fprintf(f, "%s%s > %d", any ? ", " : "", pol->arches[i]->lib_name, max);
			any = true;
		}
		fprintf(f, "%s).\n", any ? "" : "no name resolves on any arch: it checks nothing");
	}
	flag_names(st->bpf.flags, flags, sizeof(flags));
	fprintf(f, "# run loads %zu BPF instructions in all, with flags %s.\n", st->bpf.len,
		flags);
}

static int copy_fd(int fd, FILE *f, struct sr_error *err)
{
	char chunk[16384];
	if (lseek(fd, 0, SEEK_SET) < 0)
		return sr_fail_errno(err, errno, "reading the PFC text back");
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sr_fail_errno(err, errno, "reading the PFC text back");
		if (n == 0)
			return 0;
		fwrite(chunk, 1, (size_t)n, f);
	}
}

static int render_pfc(struct sr_stages *st, const struct sr_options *o, FILE *f,
		      struct sr_error *err)
{
	struct sr_compile_opts co = { .enosys_stub = !o->no_enosys, .strict = o->strict };
	_cleanup_close_ int fd = memfd_create("seccomp-run-pfc", MFD_CLOEXEC);
	if (fd < 0)
		return sr_fail_errno(err, errno, "memfd_create for the PFC text");
	/* The stages compiled this filter already and hold its warnings;
	 * building it again for PFC would only repeat them. */
	struct sr_diags again = { 0 };
	int rc = policy_export_pfc(&st->policy, &co, fd, &again, err);
	sr_diags_free(&again);
	if (rc < 0)
		return -1;
	pfc_header(f, st, o);
	return copy_fd(fd, f, err);
}

/* What a raw BPF file cannot carry. bpf_read_file() loads it as a profile
 * without "flags" would be; bwrap and minijail load it with no flags. */
static void warn_lost(struct sr_stages *st)
{
	const struct sr_profile *p = &st->profile;
	char flags[256];

	if (p->flags_present && st->bpf.flags != SECCOMP_FILTER_FLAG_SPEC_ALLOW) {
		flag_names(st->bpf.flags, flags, sizeof(flags));
		sr_diag_add(&st->diags, SR_WARNING, "bpf-flags-lost", p->origin, "flags",
			    "the filter flags (%s) are not part of a raw BPF file: run --bpf "
			    "loads it with SECCOMP_FILTER_FLAG_SPEC_ALLOW only",
			    flags);
	}
	if (policy_has_notify(&st->policy))
		sr_diag_add(&st->diags, SR_WARNING, "bpf-notify-lost", p->origin, "",
			    "SCMP_ACT_NOTIFY rules need a listener, which a raw BPF file cannot "
			    "carry: loaded without one, those syscalls fail with ENOSYS");
}

static int render(struct sr_stages *st, const struct sr_options *o, enum format fmt,
		  struct rendered *out, struct sr_error *err)
{
	FILE *f = open_memstream(&out->buf, &out->len);
	if (!f)
		return sr_fail_errno(err, errno, "open_memstream");
	int rc = 0;
	switch (fmt) {
	case FMT_BPF:
		warn_lost(st);
		fwrite(st->bpf.insns, sizeof(*st->bpf.insns), st->bpf.len, f);
		break;
	case FMT_PFC:
		rc = render_pfc(st, o, f, err);
		break;
	case FMT_OCI:
		policy_write_oci(&st->policy, f);
		break;
	}
	if (rc == 0 && ferror(f))
		rc = sr_fail(err, "rendering the %s output failed", o->format);
	if (fclose(f) != 0 && rc == 0)
		rc = sr_fail_errno(err, errno, "rendering the %s output", o->format);
	return rc;
}

/* --------------------------------------------------------------- output */

static int write_output(const struct sr_options *o, const struct rendered *r, bool binary,
			struct sr_error *err)
{
	if (to_stdout(o)) {
		fwrite(r->buf, 1, r->len, stdout);
		return 0; /* main checks that stdout was written */
	}
	return outfile_write(o->output, r->buf, r->len, binary ? tty_refusal : NULL, err);
}

int cmd_export(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(rendered_free) struct rendered out = { 0 };
	enum format fmt = parse_format(o->format);

	if (o->output && !*o->output)
		return sr_fail(err, "-o needs a file name, or - for standard output");
	/* Before the work, for the common mistake. */
	if (fmt == FMT_BPF && to_stdout(o) && isatty(STDOUT_FILENO))
		return sr_fail(err, "%s", tty_refusal);
	if (stages_run(&st, o, o->profile, fmt == FMT_OCI ? SR_STAGE_SELECT : SR_STAGE_COMPILE,
		       err) < 0)
		return -1;
	if (st.unconfined)
		return sr_fail(err, "profile unconfined: there is no filter to export");
	if (render(&st, o, fmt, &out, err) < 0 || stages_report(&st.diags, o, err) < 0 ||
	    write_output(o, &out, fmt == FMT_BPF, err) < 0)
		return -1;
	if (o->verbose && fmt == FMT_BPF)
		fprintf(stderr, "seccomp-run: exported %zu BPF instructions (%zu bytes)\n",
			st.bpf.len, out.len);
	return 0;
}
