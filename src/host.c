/* SPDX-License-Identifier: Apache-2.0 */
#include "host.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/capability.h>
#include <sys/utsname.h>
#include <linux/securebits.h>

#include "fault.h"
#include "util.h"

void host_free(struct sr_host *h)
{
	strv_free(h->caps, h->ncaps);
	*h = (struct sr_host){ 0 };
}

bool host_has_cap(const struct sr_host *h, const char *name)
{
	for (size_t i = 0; i < h->ncaps; i++)
		if (strcmp(h->caps[i], name) == 0)
			return true;
	return false;
}

static bool parse_digits(const char **s, unsigned *out)
{
	unsigned long v = 0;
	const char *p = *s;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 0xffffffffUL)
			return false;
	}
	*out = (unsigned)v;
	*s = p;
	return true;
}

bool kver_parse_release(const char *s, struct sr_kver *out)
{
	struct sr_kver v;
	if (!parse_digits(&s, &v.kernel) || *s++ != '.' || !parse_digits(&s, &v.major))
		return false;
	*out = v;
	return true;
}

/* --kernel: exactly "X.Y". */
static bool parse_kernel_option(const char *s, struct sr_kver *out)
{
	struct sr_kver v;
	if (!parse_digits(&s, &v.kernel) || *s++ != '.' ||
	    !parse_digits(&s, &v.major) || *s)
		return false;
	*out = v;
	return true;
}

int kver_cmp(struct sr_kver a, struct sr_kver b)
{
	if (a.kernel != b.kernel)
		return a.kernel < b.kernel ? -1 : 1;
	if (a.major != b.major)
		return a.major < b.major ? -1 : 1;
	return 0;
}

/* "CAP_SYS_ADMIN": the spelling profiles use and moby compares exactly. */
static char *cap_canonical(cap_value_t c)
{
	char *lower = cap_to_name(c);
	if (!lower)
		return xasprintf("CAP_%d", c);
	char *name = strncmp(lower, "cap_", 4) == 0 ? xstrdup(lower)
						   : xasprintf("CAP_%s", lower);
	cap_free(lower);
	for (char *p = name; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return name;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_cap(struct sr_host *h, size_t *cap, cap_value_t c)
{
	char *name = cap_canonical(c);
	if (host_has_cap(h, name)) {
		free(name);
		return;
	}
	h->caps = grow(h->caps, cap, h->ncaps, sizeof(*h->caps));
	h->caps[h->ncaps++] = name;
}

static int caps_from_list(struct sr_host *h, const char *list, struct sr_error *err)
{
	size_t cap = 0;
	cap_value_t last = (cap_value_t)cap_max_bits() - 1;
	if (strcmp(list, "none") == 0)
		return 0;
	if (strcmp(list, "all") == 0) {
		for (cap_value_t c = 0; c <= last; c++)
			add_cap(h, &cap, c);
		return 0;
	}
	_cleanup_free_ char *copy = xstrdup(list);
	char *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		cap_value_t c;
		/* cap_from_name takes "cap_x" in any case, and bare numbers. */
		if (isdigit((unsigned char)*tok) || cap_from_name(tok, &c) < 0)
			return sr_fail(err,
				       "--caps: unknown capability '%s', expected names like "
				       "CAP_SYS_ADMIN, 'all' or 'none'",
				       tok);
		add_cap(h, &cap, c);
	}
	return 0;
}

/* The capabilities the program will hold after execve (SPEC §5). With
 * no_new_privs, file capabilities and setuid bits grant nothing new: root
 * (without SECBIT_NOROOT) gets its bounding set back in permitted, plus
 * inheritable and ambient; anyone else keeps only the ambient set. Without
 * no_new_privs we follow moby, which looks at the bounding set. */
static int caps_from_process(struct sr_host *h, bool nnp, struct sr_error *err)
{
	size_t cap = 0;
	cap_value_t last = (cap_value_t)cap_max_bits() - 1;
	bool root = geteuid() == 0 && !(cap_get_secbits() & SECBIT_NOROOT);
	cap_t proc = sr_fault("caps") ? (errno = ENOMEM, (cap_t)NULL) : cap_get_proc();
	if (!proc)
		return sr_fail_errno(err, errno, "cannot read this process's capabilities");

	for (cap_value_t c = 0; c <= last; c++) {
		cap_flag_value_t inh = CAP_CLEAR;
		bool held;
		cap_get_flag(proc, c, CAP_INHERITABLE, &inh);
		bool bound = cap_get_bound(c) > 0, ambient = cap_get_ambient(c) > 0;
		if (!nnp)
			held = bound;
		else if (root)
			held = bound || inh == CAP_SET || ambient;
		else
			held = ambient;
		if (held)
			add_cap(h, &cap, c);
	}
	cap_free(proc);
	return 0;
}

int host_detect(const struct sr_host_overrides *ov, struct sr_host *out,
		struct sr_error *err)
{
	struct sr_host h = { 0 };

	h.arch = sr_arch_native();
	if (ov->arch && !(h.arch = sr_arch_by_any_name(ov->arch)))
		return sr_fail(err,
			       "--arch: unknown architecture '%s', expected a name like "
			       "x86_64, aarch64, amd64 or SCMP_ARCH_X86_64",
			       ov->arch);

	if (ov->kernel) {
		if (!parse_kernel_option(ov->kernel, &h.kernel))
			return sr_fail(err, "--kernel: '%s' is not a version, expected X.Y like 5.15",
				       ov->kernel);
	} else {
		struct utsname u;
		if (uname(&u) < 0)
			return sr_fail_errno(err, errno, "uname");
		if (!kver_parse_release(u.release, &h.kernel))
			return sr_fail(err, "cannot parse the kernel release '%s', expected X.Y...; "
				       "use --kernel X.Y", u.release);
	}

	int rc = ov->caps ? caps_from_list(&h, ov->caps, err)
			  : caps_from_process(&h, ov->no_new_privs, err);
	if (rc < 0) {
		host_free(&h);
		return -1;
	}
	h.caps_overridden = ov->caps != NULL;
	if (h.ncaps)
		qsort(h.caps, h.ncaps, sizeof(*h.caps), cmp_str);
	*out = h;
	return 0;
}

int host_check_nnp(bool no_new_privs, struct sr_error *err)
{
	if (no_new_privs)
		return 0;
	cap_flag_value_t v = CAP_CLEAR;
	cap_t proc = cap_get_proc();
	if (proc) {
		cap_get_flag(proc, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v);
		cap_free(proc);
	}
	if (v == CAP_SET)
		return 0;
	return sr_fail(err, "--no-new-privs=off needs CAP_SYS_ADMIN: without it the "
		       "kernel refuses a filter unless no_new_privs is set");
}

bool host_is_privileged_exec(void)
{
	return getauxval(AT_SECURE) != 0;
}
