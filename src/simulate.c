/* SPDX-License-Identifier: Apache-2.0 */
/* simulate: what the filter run would load (the same program, ENOSYS stub
 * included) does to given system calls, worked out by our own classic-BPF
 * interpreter instead of by loading it. --disasm shows the program. */
#include <inttypes.h>
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "stages.h"
#include "sysargs.h"
#include "util.h"
#include "verbs.h"

#define NARGS 6
#define X32_SYSCALL_BIT 0x40000000u

/* One CALL operand, resolved: [ARCH/]SYSCALL[:ARG,...]. */
struct call {
	const char *spec;            /* as given, for messages */
	const struct sr_arch *arch;
	uint32_t nr;                 /* seccomp_data.nr */
	char *name;                  /* libseccomp's name of nr on arch, or NULL */
	uint64_t args[NARGS];        /* what the filter sees; unset ones 0 */
	unsigned nargs;              /* how many were given */
};

struct calls {
	struct call *v;
	size_t n;
};

struct verdict {
	uint32_t ret;                /* the filter's 32-bit return value */
	size_t steps;                /* instructions executed */
	bool in_filter;              /* the call's arch is one the filter lists */
};

static void stages_cleanup(struct sr_stages *s) { stages_free(s); }

static void calls_free(struct calls *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
}

static bool parse_hex(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s || strlen(s) > 16)
		return false;
	for (; *s; s++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Decimal, 0x hex, or -N: a negative value is what a register holding it
 * passes, its 64-bit two's complement. */
static bool parse_value(const char *s, uint64_t *out)
{
	bool neg = *s == '-';
	uint64_t v;
	s += neg;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? !parse_hex(s + 2, &v)
							 : !parse_u64(s, &v))
		return false;
	if (neg && v > (uint64_t)INT64_MAX + 1)
		return false;
	*out = neg ? 0 - v : v;
	return true;
}

/* seccomp_data.nr is an int: a number must fit 32 bits, signed or not. */
static bool parse_nr(const char *s, uint32_t *out)
{
	uint64_t v;
	if (!parse_value(s, &v) || (v > UINT32_MAX && v < (uint64_t)INT32_MIN))
		return false;
	*out = (uint32_t)v;
	return true;
}

static const struct sr_arch *x32_sibling(const struct sr_arch *arch)
{
	const struct sr_arch *a;
	for (unsigned i = 0; (a = sr_arch_at(i)); i++)
		if (a->audit_arch == arch->audit_arch && a->x32_bit != arch->x32_bit)
			return a;
	return arch;
}

/* x86_64 and x32 share an audit arch; the kernel and the filter tell them
 * apart by bit 30 of the number, so the number decides the ABI: x32/39 is
 * x32's getpid (0x40000027), and x86_64/0x40000027 is too. */
static void settle_abi(struct call *c)
{
	if (c->arch->x32_bit)
		c->nr |= X32_SYSCALL_BIT;
	else if (c->arch->audit_arch == AUDIT_ARCH_X86_64 && (c->nr & X32_SYSCALL_BIT) &&
		 c->nr <= INT32_MAX)
		c->arch = x32_sibling(c->arch);
}

/* libseccomp resolves a name a multiplexer also serves to a negative
 * pseudo number (socket on x86 is socketcall's call 1), yet names the direct
 * syscall by number (x86 359 is socket) and filters both. A program of
 * today makes the direct call, so that is the one to simulate. */
static int direct_nr(const struct sr_arch *arch, const char *name)
{
	/* Wider than any table: mips o32 starts at 4000, n32 at 6000. */
	const uint32_t base = arch->x32_bit ? X32_SYSCALL_BIT : 0, span = 8192;
	for (uint32_t nr = base; nr < base + span; nr++) {
		_cleanup_free_ char *n = compile_syscall_name(arch, (int)nr);
		if (n && strcmp(n, name) == 0)
			return (int)nr;
	}
	return -1;
}

static int parse_syscall(struct call *c, const char *s, struct sr_error *err)
{
	if ((*s >= '0' && *s <= '9') || *s == '-') {
		if (!parse_nr(s, &c->nr))
			return sr_fail(err, "simulate: %s: bad syscall number '%s', expected "
				       "a name or a 32-bit number (decimal, 0x hex or negative)",
				       c->spec, s);
		settle_abi(c);
		c->name = compile_syscall_name(c->arch, (int)c->nr);
		return 0;
	}
	int nr = compile_syscall_nr(c->arch, s);
	if (nr < 0)
		nr = direct_nr(c->arch, s);
	if (nr < 0)
		return sr_fail(err, "simulate: %s: %s '%s' on %s", c->spec,
			       compile_syscall_known(s) ? "libseccomp knows no syscall"
							: "unknown syscall",
			       s, c->arch->lib_name);
	c->nr = (uint32_t)nr;
	c->name = xstrdup(s);
	return 0;
}

static int parse_args(struct call *c, char *list, struct sr_error *err)
{
	for (char *tok; (tok = strsep(&list, ","));) {
		if (c->nargs == NARGS)
			return sr_fail(err, "simulate: %s: more than %d arguments", c->spec,
				       NARGS);
		if (!parse_value(tok, &c->args[c->nargs]))
			return sr_fail(err, "simulate: %s: bad argument '%s', expected decimal, "
				       "0x hex or a negative number", c->spec, tok);
		c->nargs++;
	}
	return 0;
}

/* The kernel copies the six argument registers into seccomp_data in full
 * (syscall_get_arguments() reads pt_regs->bx... for a compat task). A
 * program of a 32-bit ABI has only 32-bit registers, so what its filter
 * sees is its values zero-extended: i386/personality:-1 is 0xffffffff. (A
 * 64-bit program that enters through int 0x80 with the upper halves set
 * does pass them on; no 32-bit program can.) */
static void truncate_args(struct call *c)
{
	if (c->arch->audit_arch & __AUDIT_ARCH_64BIT)
		return;
	for (unsigned i = 0; i < NARGS; i++)
		c->args[i] &= UINT32_MAX;
}

static int parse_call(const char *spec, const struct sr_arch *native, struct call *c,
		      struct sr_error *err)
{
	_cleanup_free_ char *buf = xstrdup(spec);
	char *sys = buf, *slash = strchr(buf, '/'), *colon = strchr(buf, ':');

	*c = (struct call){ .spec = spec, .arch = native };
	if (colon)
		*colon = '\0';
	if (slash && (!colon || slash < colon)) {
		*slash = '\0';
		sys = slash + 1;
		c->arch = sr_arch_by_any_name(buf);
		if (!c->arch)
			return sr_fail(err, "simulate: %s: unknown architecture '%s'", spec, buf);
	}
	if (!*sys)
		return sr_fail(err, "simulate: %s: no syscall, expected "
			       "[ARCH/]SYSCALL[:ARG,...]", spec);
	if (parse_syscall(c, sys, err) < 0 || (colon && parse_args(c, colon + 1, err) < 0))
		return -1;
	truncate_args(c);
	return 0;
}

/* seccomp_data as the kernel fills it for the call. Its 64-bit arguments
 * are in the task's byte order, which is the host's: libseccomp builds no
 * filter for an arch of the other order (it refuses with EDOM). */
static struct seccomp_data call_data(const struct call *c)
{
	struct seccomp_data d = { .nr = (int)c->nr, .arch = c->arch->audit_arch };
	memcpy(d.args, c->args, sizeof(d.args));
	return d;
}

static bool arch_in_policy(const struct sr_policy *pol, const struct sr_arch *arch)
{
	for (size_t i = 0; i < pol->narches; i++)
		if (pol->arches[i] == arch)
			return true;
	return false;
}

static struct verdict evaluate(const struct sr_stages *st, const struct call *c)
{
	struct seccomp_data d = call_data(c);
	struct verdict v = { .ret = SECCOMP_RET_ALLOW };
	if (st->unconfined)
		return v;
	v.ret = bpf_run(&st->bpf, &d, &v.steps);
	v.in_filter = arch_in_policy(&st->policy, c->arch);
	return v;
}

static void print_value(uint64_t v)
{
	char buf[32];
	sysargs_format_value(buf, sizeof(buf), v, SR_ARG_LONG);
	fputs(buf, stdout);
}

/* x86_64 socket(16, 3) [nr 41]: SCMP_ACT_ERRNO(EPERM) after 12 instructions */
static void print_text(const struct call *c, const struct verdict *v, bool unconfined)
{
	char act[64];
	printf("%s %s(", c->arch->lib_name, c->name ? c->name : "?");
	for (unsigned i = 0; i < c->nargs; i++) {
		if (i)
			fputs(", ", stdout);
		print_value(c->args[i]);
	}
	if (c->arch->x32_bit)
		printf(") [nr %#x]: ", c->nr);
	else
		printf(") [nr %d]: ", (int)c->nr);
	fputs(sr_ret_str(v->ret, act, sizeof(act)), stdout);
	if (unconfined)
		fputs(" (unconfined: no filter)\n", stdout);
	else
		printf(" after %zu instruction%s%s\n", v->steps, v->steps == 1 ? "" : "s",
		       v->in_filter ? "" : " (arch not in the filter)");
}

static void print_json(const struct call *c, const struct verdict *v, bool unconfined)
{
	struct jw w;
	uint32_t action = v->ret & SECCOMP_RET_ACTION_FULL, data = v->ret & SECCOMP_RET_DATA;
	const char *name = sr_ret_action_name(v->ret);

	jw_init(&w, stdout, false);
	jw_object(&w, NULL);
	jw_string(&w, "call", c->spec);
	jw_string(&w, "arch", c->arch->lib_name);
	jw_u64(&w, "audit_arch", c->arch->audit_arch);
	if (c->name)
		jw_string(&w, "syscall", c->name);
	else
		jw_null(&w, "syscall");
	jw_i64(&w, "nr", c->arch->x32_bit ? (int64_t)c->nr : (int32_t)c->nr);
	jw_array(&w, "args");
	for (unsigned i = 0; i < NARGS; i++)
		jw_u64(&w, NULL, c->args[i]);
	jw_end_array(&w);
	if (name)
		jw_string(&w, "action", name);
	else
		jw_null(&w, "action");
	if (action == SECCOMP_RET_ERRNO) {
		const char *eno = sr_errno_name((int)data);
		jw_u64(&w, "errno", data);
		if (eno)
			jw_string(&w, "errno_name", eno);
		else
			jw_null(&w, "errno_name");
	}
	jw_u64(&w, "data", data);
	jw_u64(&w, "ret", v->ret);
	jw_u64(&w, "instructions", v->steps);
	if (unconfined)
		jw_null(&w, "in_filter");
	else
		jw_bool(&w, "in_filter", v->in_filter);
	jw_bool(&w, "unconfined", unconfined);
	jw_end_object(&w);
	jw_finish(&w);
}

int cmd_simulate(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_(stages_cleanup) struct sr_stages st = { 0 };
	_cleanup_(calls_free) struct calls calls = { 0 };
	bool json = strcmp(o->format, "json") == 0;

	if (o->nargs == 0 && !o->disasm)
		return sr_fail(err, "simulate: no call given: expected [ARCH/]SYSCALL[:ARG,...] "
			       "or --disasm (see seccomp-run --help)");
	/* One JSON document a line: text between them would break readers. */
	if (o->disasm && json)
		return sr_fail(err, "simulate: --disasm prints text and cannot be combined "
			       "with --format json");
	if (stages_run(&st, o, o->profile, SR_STAGE_COMPILE, err) < 0 ||
	    stages_report(&st.diags, o, err) < 0)
		return -1;

	/* Every call is checked before anything is printed. */
	const struct sr_arch *native = st.unconfined ? st.host.arch : st.policy.native;
	calls.v = xcalloc((size_t)o->nargs, sizeof(*calls.v));
	while (calls.n < (size_t)o->nargs) {
		struct call *c = &calls.v[calls.n++];
		if (parse_call(o->args[calls.n - 1], native, c, err) < 0)
			return -1;
	}

	if (o->disasm) {
		if (st.unconfined)
			puts("unconfined: no filter");
		else
			bpf_disasm(&st.bpf, stdout);
		if (calls.n)
			putchar('\n');
	}
	for (size_t i = 0; i < calls.n; i++) {
		struct verdict v = evaluate(&st, &calls.v[i]);
		if (json)
			print_json(&calls.v[i], &v, st.unconfined);
		else
			print_text(&calls.v[i], &v, st.unconfined);
	}
	return 0;
}
