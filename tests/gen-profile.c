/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gen-profile: random valid seccomp profiles and the probe calls to test
 * them with, for the differential test against runc
 * (tests/integration/runc-random.t).
 *
 *   gen-profile SEED OUTDIR     write one case (SEED is any string)
 *   gen-profile --runc-names    print the syscalls runc needs after loading
 *                               the filter (the test compares them with
 *                               RUNC_NAMES in runc-lib.sh)
 *
 * OUTDIR receives
 *   docker.json   a Docker-format profile: random actions, operators and
 *                 64-bit values, includes/excludes on caps, arches and
 *                 minKernel, archMap or architectures, legacy "name"...
 *   oci.json      the same profile flattened as moby would for the
 *                 capabilities in caps, the kernel in kernel (or the
 *                 running one) and amd64: this program's own
 *                 implementation of moby's setupSeccomp, so that rule
 *                 selection is part of the comparison. runc runs this one.
 *   caps          the --caps argument for seccomp-run with docker.json
 *   kernel        the --kernel argument, or empty for the running kernel
 *   calls         probe calls, one a line (see tests/probe.c)
 *   expect        "run": compare runc with seccomp-run;
 *                 "refuse": seccomp-run must refuse docker.json and
 *                 oci.json (status 125) where runc runs oci.json with a
 *                 value it ignores or truncates (SPEC §4, a documented
 *                 deviation); runc's run is compared with seccomp-run on
 *                 oci-clean.json, the profile as runc understood it;
 *                 "refuse-docker": the same value in a rule moby drops:
 *                 seccomp-run must still refuse docker.json (it checks
 *                 the whole file), oci.json is compared as usual;
 *                 "conflict": both must refuse to start (libseccomp
 *                 rejects the filter)
 *   about         one line describing the case
 *
 * Only syscalls that cannot do harm and whose result depends on nothing
 * but their arguments are called (table below): runc's container has
 * other namespaces, no capabilities and other fds than the host, so an
 * allowed call must give the same result in both. Each has fixed
 * arguments that make it fail early (a bad fd, a NULL pointer) and "free"
 * arguments that may take any value without reaching anything that
 * depends on the environment or on memory contents; conditions are put
 * mostly on those. runc-random.t checks this table as it goes: every
 * batch of calls also runs unfiltered in both places and must agree.
 *
 * runc 1.1.5 quirks the profiles avoid (see also runc-diff.t):
 *  - no ENOSYS stub for the native arch unless it is in architectures
 *    (fixed in runc 1.2, commit ccc500c4): whenever the default action
 *    gets a stub, SCMP_ARCH_X86_64 is listed;
 *  - any "flags" is an error: never generated;
 *  - errnoRet on an action without errno, and defaultErrnoRet on such a
 *    default, are ignored (seccomp-run refuses them, SPEC §4): only in
 *    "refuse" cases. A defaultErrnoRet of 38 there is avoided, because
 *    runc skips its stub for it whatever the default action is;
 *  - runc needs some syscalls after it loads the filter (RUNC_NAMES):
 *    every profile that does not allow everything by default allows them
 *    unconditionally, and no other rule names them.
 */
#include <errno.h>
#include <inttypes.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#define M1 UINT64_MAX
#define X32_BIT 0x40000000u

/* ------------------------------------------------------------------ random */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static unsigned rnd(unsigned n)
{
	return n ? (unsigned)(rnd64() % n) : 0;
}

/* true with probability pct % */
static bool chance(unsigned pct)
{
	return rnd(100) < pct;
}

static void seed_from(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	rng_state = h;
}

/* ------------------------------------------------------------------ tables */

/* What runc 1.1.5 itself calls after loading the filter, and what the
 * static probe calls before main: kept equal to RUNC_NAMES in
 * tests/integration/runc-lib.sh (runc-random.t checks). */
static const char *const runc_names[] = {
	"execve", "brk", "arch_prctl", "set_tid_address", "set_robust_list",
	"rseq", "prlimit64", "readlink", "getrandom", "mprotect", "mmap", "munmap",
	"madvise", "exit_group", "exit", "write", "read", "close", "futex",
	"openat", "getdents64", "fstatfs", "newfstatat", "fstat", "epoll_ctl",
	"epoll_pwait", "rt_sigreturn", "rt_sigprocmask", "rt_sigaction",
	"sigaltstack", "nanosleep", "sched_yield", "getpid", "gettid", "tgkill",
	"fcntl",
};
#define N_RUNC (sizeof runc_names / sizeof runc_names[0])

/*
 * The syscalls the probe calls. def: the fixed arguments (free ones start
 * from these too); free: bit i set when argument i may be anything.
 * Reasons, from the kernel sources (6.x):
 *  - get*id, getpgrp, umask, munlockall, personality; lookup_dcookie,
 *    tuxcall, security (ENOSYS on this kernel): arguments ignored or only
 *    stored; personality returns the old value (the i386 return can look
 *    like an errno: the same in both places);
 *  - fd -1 first: EBADF, after flag checks that are pure (EINVAL);
 *  - NULL or bad pointer first: EFAULT, after pure checks;
 *  - a size 0 checked before anything is read: EINVAL (clone3, openat2,
 *    mount_setattr); io_uring_setup reads params first (EFAULT);
 *  - pid 0 for kcmp, ptrace: ESRCH; pidfd_open 0: EINVAL;
 *  - wait4(-1): ECHILD, the probe has no children;
 *  - setuid/setgid(-1): EINVAL; setresuid(-1,-1,-1): no change;
 *  - capability checks are never reached (runc's container has none).
 * Left out: runc's names, clone (Go may create threads after the load),
 * exec, kill and friends, anything that reaches a capability check or
 * reads memory at a free address.
 */
struct sc {
	const char *name;
	uint64_t def[6];
	unsigned free;
	bool probe_name;  /* tests/probe.c knows the name */
	bool probe32;     /* its i386 table knows the name */
};

static const struct sc table[] = {
	{ "getppid", { 0 }, 077, true, true },
	{ "getuid", { 0 }, 077, true, true },
	{ "getgid", { 0 }, 077, true, true },
	{ "geteuid", { 0 }, 077, true, true },
	{ "getegid", { 0 }, 077, true, true },
	{ "getpgrp", { 0 }, 077, false, true },
	{ "umask", { 0 }, 077, false, true },
	{ "munlockall", { 0 }, 077, false, false },
	{ "personality", { 0xffffffff }, 077, true, true },
	{ "lookup_dcookie", { 0 }, 077, true, false },
	{ "tuxcall", { 0 }, 077, false, false },
	{ "security", { 0 }, 077, false, false },
	{ "getuid32", { 0 }, 077, false, true },
	{ "getgid32", { 0 }, 077, false, false },
	{ "geteuid32", { 0 }, 077, false, false },
	{ "getegid32", { 0 }, 077, false, false },
	{ "getpgid", { 0 }, 076, true, true },
	{ "getsid", { 0 }, 076, true, false },
	{ "uname", { 0 }, 076, true, true },
	{ "socket", { M1 }, 076, true, true },
	{ "socketpair", { M1, 0, 0, 0 }, 066, true, false },
	{ "socketcall", { 1, 0 }, 075, false, true },
	{ "ioctl", { M1 }, 076, true, true },
	{ "lseek", { M1 }, 076, true, false },
	{ "fchmod", { M1 }, 076, true, false },
	{ "fchown", { M1 }, 076, true, false },
	{ "fchdir", { M1 }, 076, true, false },
	{ "flock", { M1 }, 076, true, false },
	{ "listen", { M1 }, 076, true, false },
	{ "connect", { M1 }, 076, true, false },
	{ "bind", { M1 }, 076, true, false },
	{ "accept4", { M1 }, 076, true, false },
	{ "setns", { M1 }, 076, true, false },
	{ "prctl", { M1 }, 076, true, false },
	{ "keyctl", { M1 }, 076, true, false },
	{ "seccomp", { M1 }, 076, true, false },
	{ "dup", { M1 }, 076, true, false },
	{ "dup3", { M1, M1 }, 076, true, false },
	{ "pidfd_getfd", { M1 }, 076, true, false },
	{ "pidfd_send_signal", { M1 }, 076, true, false },
	{ "wait4", { M1 }, 076, true, false },
	{ "pidfd_open", { 0 }, 076, true, true },
	{ "clone3", { 0, 0 }, 075, true, true },
	{ "close_range", { 1, 0, 0 }, 074, true, false },
	{ "openat2", { M1, 0, 0, 0 }, 067, true, false },
	{ "faccessat2", { M1, 0 }, 074, true, false },
	{ "process_madvise", { M1, 0 }, 074, true, false },
	{ "epoll_pwait2", { M1, 0, 0, 0, 0, 0 }, 046, true, false },
	{ "mount_setattr", { M1, 0, 0, 0, 0 }, 057, true, false },
	{ "landlock_create_ruleset", { 0 }, 076, true, false },
	{ "memfd_secret", { 0 }, 077, true, false },
	{ "futex_waitv", { 0 }, 076, true, false },
	{ "io_uring_setup", { 0, 0 }, 075, true, false },
	{ "chdir", { 0 }, 076, true, false },
	{ "chroot", { 0 }, 076, true, false },
	{ "chmod", { 0 }, 076, true, true },
	{ "chown", { 0 }, 076, true, false },
	{ "mkdir", { 0 }, 076, true, true },
	{ "rmdir", { 0 }, 076, true, false },
	{ "unlink", { 0 }, 076, true, false },
	{ "access", { 0 }, 076, true, false },
	{ "faccessat", { M1, 0 }, 074, true, false },
	{ "mkdirat", { M1, 0 }, 075, true, false },
	{ "unlinkat", { M1, 0 }, 075, true, false },
	{ "fchmodat", { M1, 0 }, 075, true, false },
	{ "statx", { M1, 0 }, 074, true, false },
	{ "kcmp", { 0, 0 }, 074, true, false },
	{ "capget", { 0 }, 076, true, false },
	{ "capset", { 0 }, 076, true, false },
	{ "clock_settime", { 0, 0 }, 075, true, false },
	{ "settimeofday", { 1 }, 076, true, false },
	{ "setuid", { M1 }, 076, true, false },
	{ "setgid", { M1 }, 076, true, false },
	{ "setresuid", { M1, M1, M1 }, 070, true, false },
	{ "unshare", { 0 }, 076, true, false },
	{ "ptrace", { M1, 0 }, 074, true, false },
	{ "pipe", { 0 }, 076, true, false },
	{ "pipe2", { 0 }, 076, true, false },
};
#define N_TABLE (sizeof table / sizeof table[0])

/* Names no libseccomp 2.5.4 resolves (mseal and lsm_* exist in newer
 * kernels): both tools ignore them. Never called. */
static const char *const unknown_names[] = {
	"mseal", "lsm_get_self_attr", "not_a_syscall", "listmount",
};

/* Numbers no x86_64 / i386 kernel implements (holes and beyond the end;
 * x86_64 numbers from 512 on are x32-only): safe to call raw. Not 335
 * and 336: uretprobe (6.11) and uprobe (6.18), unknown to libseccomp
 * 2.5.4, raise SIGILL or fail with ENXIO outside a probe trampoline. */
static bool hole64(uint32_t nr)
{
	return (nr >= 337 && nr <= 423) || (nr >= 512 && nr < X32_BIT);
}

static bool hole32(uint32_t nr)
{
	return (nr >= 387 && nr <= 392) || (nr >= 500 && nr < 100000);
}

/* i386 socket calls: libseccomp resolves the names to pseudo numbers (it
 * adds both the socketcall and the direct form); the probe calls these. */
static const struct {
	const char *name;
	int direct, sub;
} sock32[] = {
	{ "socket", 359, 1 }, { "bind", 361, 2 }, { "connect", 362, 3 },
	{ "listen", 363, 4 }, { "socketpair", 360, 8 }, { "accept4", 364, 18 },
};

static bool socket_family(const char *name)
{
	for (unsigned i = 0; i < sizeof sock32 / sizeof sock32[0]; i++)
		if (strcmp(sock32[i].name, name) == 0)
			return true;
	return false;
}

enum { AR_X86_64, AR_X86, AR_X32, N_AR };
static const uint32_t ar_token[N_AR] = { SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_X32 };

static int resolve(int ar, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(ar_token[ar], name);
	return nr == __NR_SCMP_ERROR ? -1 : nr;
}

/*
 * A name libseccomp knows, but not for x86_64 (getuid32, socketcall: it
 * resolves to a negative pseudo number). With SCMP_ARCH_X32 in the filter,
 * a rule for such a name breaks libseccomp 2.5.4's default BPF layout,
 * which runc 1.1.5 uses: the x86_64/x32 section then starts without
 * loading the syscall number, compares the arch value instead, and no
 * x86_64 or x32 rule ever matches (conditional ones at least: found by
 * this test, seed 20250611.112; reproduced with libseccomp alone by
 * exporting the filter). seccomp-run uses the binary-tree layout, which
 * loads it. Such names are not generated when x32 is listed.
 */
static bool pseudo_native(const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);
	return nr < 0 && nr != __NR_SCMP_ERROR;
}

/* ------------------------------------------------------------------ model */

enum act { A_ALLOW, A_LOG, A_TRACE, A_ERRNO, A_TRAP, A_KILL, A_KILL_THREAD, A_KILL_PROCESS, N_ACT };
static const char *const act_name[N_ACT] = {
	"SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_ERRNO",
	"SCMP_ACT_TRAP", "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS",
};

static bool takes_errno(int a)
{
	return a == A_ERRNO || a == A_TRACE;
}

static bool kills(int a)
{
	return a == A_TRAP || a == A_KILL || a == A_KILL_THREAD || a == A_KILL_PROCESS;
}

enum { OP_NE = 1, OP_LT, OP_LE, OP_EQ, OP_GE, OP_GT, OP_MASKED_EQ };
static const char *const op_name[] = {
	NULL, "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};

struct cond {
	unsigned index;
	int op;
	uint64_t value, value2;
	bool has_v2, omit_index, omit_value;
};

#define MAX_CAPS 4
struct filt {
	bool present;
	int ncaps, narches;
	const char *caps[MAX_CAPS], *arches[MAX_CAPS];
	bool has_mk;
	char mk[24];
	unsigned mk_major, mk_minor; /* parsed, as moby does */
};

#define MAX_NAMES (N_RUNC + 4)
#define MAX_CONDS 4
struct rule {
	int nnames;
	const char *names[MAX_NAMES];
	bool legacy;      /* "name": only in docker.json */
	int action;
	bool has_errno;
	uint64_t errno_ret;
	bool bogus;       /* errnoRet runc ignores or truncates */
	bool clean_has_errno;
	uint64_t clean_errno;
	int nconds;
	struct cond c[MAX_CONDS];
	int args_form;    /* 0 no "args", 1 list, 2 [] */
	struct filt inc, exc;
	const char *comment;
	bool runc;
	bool kept;
};

#define MAX_RULES 32
#define MAX_ARCHMAP 4
static struct {
	int def;
	bool has_def_errno, bogus_def_errno;
	uint64_t def_errno;
	int arch_mode; /* 0 none, 1 architectures, 2 archMap */
	int narches;
	const char *arches[6];
	int nam;
	struct {
		const char *arch;
		int nsubs;
		const char *subs[3];
		bool subs_null;
	} am[MAX_ARCHMAP];
	int nrules;
	struct rule r[MAX_RULES];

	/* the host moby evaluates for */
	unsigned held;     /* bits of cap_universe */
	int caps_mode;     /* 0 list, 1 all, 2 none */
	bool caps_lower;   /* --caps in lower case */
	unsigned kmaj, kmin;
	bool kernel_override;

	/* flattened */
	int noci_arches;
	const char *oci_arches[6];
	bool has_ar[N_AR];
	const char *expect;
} P;

static const char *const cap_universe[] = {
	"CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_TIME",
	"CAP_SYSLOG", "CAP_BPF", "CAP_CHOWN", "CAP_CHECKPOINT_RESTORE",
};
#define N_CAPU (sizeof cap_universe / sizeof cap_universe[0])

/* moby compares the names exactly: these are never held. */
static const char *const cap_never[] = { "CAP_FOO", "cap_sys_admin", "SYS_ADMIN" };

static const char *const arch_tokens[] = {
	"amd64", "amd64", "arm64", "x86", "386", "x32", "s390x", "ppc64le", "x86_64", "AMD64",
};
#define NATIVE_TOKEN "amd64"

static bool cap_held(const char *c)
{
	for (unsigned i = 0; i < N_CAPU; i++)
		if (strcmp(c, cap_universe[i]) == 0)
			return P.caps_mode == 1 || (P.caps_mode == 0 && (P.held >> i & 1));
	return false;
}

static bool kernel_ge(unsigned maj, unsigned min)
{
	return P.kmaj > maj || (P.kmaj == maj && P.kmin >= min);
}

static bool has_token(const struct filt *f)
{
	for (int i = 0; i < f->narches; i++)
		if (strcmp(f->arches[i], NATIVE_TOKEN) == 0)
			return true;
	return false;
}

/* moby's setupSeccomp, rule by rule: excludes, then includes. */
static bool moby_keeps(const struct rule *r)
{
	const struct filt *ex = &r->exc, *in = &r->inc;
	if (ex->present) {
		if (ex->narches && has_token(ex))
			return false;
		for (int i = 0; i < ex->ncaps; i++)
			if (cap_held(ex->caps[i]))
				return false;
		if (ex->has_mk && kernel_ge(ex->mk_major, ex->mk_minor))
			return false;
	}
	if (in->present) {
		if (in->narches && !has_token(in))
			return false;
		for (int i = 0; i < in->ncaps; i++)
			if (!cap_held(in->caps[i]))
				return false;
		if (in->has_mk && !kernel_ge(in->mk_major, in->mk_minor))
			return false;
	}
	return true;
}

/* The 32-bit action libseccomp gets, for "equals the default" and
 * conflicts. ERRNO and TRACE default to EPERM; KILL is KILL_THREAD. */
static uint64_t action_value(int a, bool has_errno, uint64_t e)
{
	uint64_t data = has_errno ? (e & 0xffff) : 1;
	switch (a) {
	case A_KILL:
	case A_KILL_THREAD:
		return 0;
	case A_KILL_PROCESS:
		return 0x80000000u;
	case A_TRAP:
		return 0x00030000u;
	case A_ERRNO:
		return 0x00050000u | data;
	case A_TRACE:
		return 0x7ff00000u | data;
	case A_LOG:
		return 0x7ffc0000u;
	default:
		return 0x7fff0000u;
	}
}

static uint64_t def_value(void)
{
	return action_value(P.def, P.has_def_errno && !P.bogus_def_errno, P.def_errno);
}

static uint64_t rule_value(const struct rule *r)
{
	return action_value(r->action, r->bogus ? r->clean_has_errno : r->has_errno,
			    r->bogus ? r->clean_errno : r->errno_ret);
}

static bool stub_wanted(void)
{
	if (P.def == A_ALLOW || P.def == A_LOG || P.def == A_TRACE)
		return false;
	return !(P.def == A_ERRNO && P.has_def_errno && P.def_errno == 38);
}

/* ---------------------------------------------------------------- values */

static const uint64_t interesting[] = {
	0, 1, 2, 5, 7, 38, 0xff, 0x1000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
	0x100000000ULL, 0x100000001ULL, 0x1ffffffffULL, 0xffffffff00000000ULL,
	0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xfffffffffffffffeULL, M1,
};
#define N_INTERESTING (sizeof interesting / sizeof interesting[0])

static uint64_t pick_value(void)
{
	switch (rnd(10)) {
	case 0:
		return rnd64();
	case 1:
		return rnd64() & 0xffffffff;
	case 2:
		return rnd(64);
	case 3:
		return (uint64_t)1 << rnd(64);
	default:
		return interesting[rnd(N_INTERESTING)];
	}
}

static uint64_t pick_mask(void)
{
	static const uint64_t masks[] = {
		0xff, 0xff00, 0xffffffff, 0xffffffff00000000ULL, 0x8000000000000000ULL,
		0x7e020000 /* CLONE_NEW* */, 1, M1, 0x100000000ULL, 0xf0f0f0f0f0f0f0f0ULL,
	};
	switch (rnd(4)) {
	case 0:
		return rnd64();
	case 1:
		return (uint64_t)1 << rnd(64);
	default:
		return masks[rnd(sizeof masks / sizeof masks[0])];
	}
}

static void print_u64(FILE *f, uint64_t v)
{
	fprintf(f, "%" PRIu64, v);
}

/* a probe argument: decimal when small */
static int arg_str(char *buf, size_t n, uint64_t v)
{
	return v < 1000 ? snprintf(buf, n, "%" PRIu64, v) : snprintf(buf, n, "0x%" PRIx64, v);
}

/* ---------------------------------------------------------------- rules */

static int focus[12], nfocus;

static const struct sc *sc_by_name(const char *name)
{
	for (unsigned i = 0; i < N_TABLE; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

static int pick_action(void)
{
	static const int weights[N_ACT] = { 18, 8, 8, 36, 8, 6, 5, 11 };
	unsigned total = 0, x;
	for (int i = 0; i < N_ACT; i++)
		total += (unsigned)weights[i];
	x = rnd(total);
	for (int i = 0; i < N_ACT; i++) {
		if (x < (unsigned)weights[i])
			return i;
		x -= (unsigned)weights[i];
	}
	return A_ERRNO;
}

static uint64_t pick_errno(void)
{
	static const uint64_t common[] = { 0, 1, 1, 2, 5, 13, 22, 38, 42, 95, 4094 };
	return chance(70) ? common[rnd(sizeof common / sizeof common[0])] : rnd(4095);
}

/* no0: never on index 0 (see sock_rule) */
static void gen_cond(struct cond *c, unsigned freemask, const struct rule *r, bool no0)
{
	memset(c, 0, sizeof *c);
	if (no0)
		freemask &= 076;
	if (r->nconds && chance(20)) {
		c->index = r->c[rnd((unsigned)r->nconds)].index; /* same index: OR */
	} else if (freemask && chance(85)) {
		unsigned idx[6], n = 0;
		for (unsigned i = 0; i < 6; i++)
			if (freemask >> i & 1)
				idx[n++] = i;
		c->index = idx[rnd(n)];
	} else {
		c->index = no0 ? 1 + rnd(5) : rnd(6);
	}
	c->op = 1 + (int)rnd(7);
	if (c->op == OP_MASKED_EQ) {
		c->value = pick_mask();
		c->has_v2 = true;
		switch (rnd(4)) {
		case 0:
			c->value2 = rnd64() & c->value;
			break;
		case 1:
			c->value2 = rnd64(); /* bits outside the mask too */
			break;
		case 2:
			c->value2 = 0;
			break;
		default:
			c->value2 = c->value;
			break;
		}
	} else {
		c->value = pick_value();
		if (chance(8)) { /* ignored by every implementation */
			c->has_v2 = true;
			c->value2 = pick_value();
		}
	}
	c->omit_index = c->index == 0 && chance(30);
	c->omit_value = c->value == 0 && chance(30);
}

static void gen_filt(struct filt *f)
{
	memset(f, 0, sizeof *f);
	if (!chance(35))
		return;
	f->present = true;
	if (chance(10))
		return; /* {} */
	if (chance(50)) {
		f->ncaps = 1 + (int)rnd(chance(70) ? 1 : 3);
		for (int i = 0; i < f->ncaps; i++)
			f->caps[i] = chance(8) ? cap_never[rnd(3)] : cap_universe[rnd(N_CAPU)];
	}
	if (chance(35)) {
		f->narches = 1 + (int)rnd(3);
		for (int i = 0; i < f->narches; i++)
			f->arches[i] = arch_tokens[rnd(sizeof arch_tokens / sizeof arch_tokens[0])];
	}
	if (chance(35)) {
		unsigned maj = P.kmaj, min = P.kmin;
		f->has_mk = true;
		switch (rnd(9)) {
		case 0:
			break;
		case 1:
			min = min ? min - 1 : 0;
			if (!min && !maj)
				min = 1;
			break;
		case 2:
			min = min < 255 ? min + 1 : min;
			break;
		case 3:
			maj = maj > 1 ? maj - 1 : 1;
			min = 255;
			break;
		case 4:
			maj = maj < 255 ? maj + 1 : maj;
			min = 0;
			break;
		case 5:
			maj = 4, min = 8;
			break;
		case 6: /* "" is 0.0 */
			f->mk_major = f->mk_minor = 0;
			f->mk[0] = '\0';
			return;
		case 7:
			maj = 255, min = 255;
			break;
		default:
			maj = 0, min = 1 + rnd(255);
			break;
		}
		f->mk_major = maj, f->mk_minor = min;
		if (chance(10)) /* leading zeros are fine in moby */
			snprintf(f->mk, sizeof f->mk, "0%u.00%u", maj, min);
		else
			snprintf(f->mk, sizeof f->mk, "%u.%u", maj, min);
	}
}

/*
 * On i386, libseccomp also turns a rule for socket, bind... into a rule
 * for socketcall whose first condition is "arg 0 == SYS_SOCKET...": a
 * condition of the rule's own on index 0 then replaces it, and a
 * conditional rule followed by an unconditional one with another action
 * fails with EEXIST (seen with libseccomp 2.5.4 alone). Both tools agree
 * on that, but it would make many cases "both refuse": with x86 in the
 * filter, such rules get no index-0 conditions, and clashes() knows the
 * other case.
 */
static bool sock_rule(const struct rule *r)
{
	if (!P.has_ar[AR_X86])
		return false;
	for (int i = 0; i < r->nnames; i++)
		if (socket_family(r->names[i]))
			return true;
	return false;
}

static void gen_rule(struct rule *r)
{
	memset(r, 0, sizeof *r);
	r->nnames = chance(75) ? 1 : 2 + (int)rnd(2);
	unsigned freemask = 077;
	for (int i = 0; i < r->nnames; i++) {
		do {
			if (chance(4))
				r->names[i] = unknown_names[rnd(sizeof unknown_names /
								sizeof unknown_names[0])];
			else if (chance(85) && nfocus)
				r->names[i] = table[focus[rnd((unsigned)nfocus)]].name;
			else
				r->names[i] = table[rnd(N_TABLE)].name;
		} while (P.has_ar[AR_X32] && pseudo_native(r->names[i]));
		const struct sc *s = sc_by_name(r->names[i]);
		if (s)
			freemask &= s->free;
	}
	if (chance(2))
		r->nnames = 0; /* "names": [] does nothing */
	r->legacy = r->nnames == 1 && chance(12);
	r->action = pick_action();
	if (takes_errno(r->action) && chance(r->action == A_ERRNO ? 75 : 40)) {
		r->has_errno = true;
		r->errno_ret = pick_errno();
	}
	static const unsigned nconds_w[] = { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3 };
	int n = (int)nconds_w[rnd(20)];
	for (int i = 0; i < n; i++) {
		gen_cond(&r->c[i], freemask, r, sock_rule(r));
		r->nconds++;
	}
	r->args_form = r->nconds ? 1 : (chance(20) ? 2 : 0);
	gen_filt(&r->inc);
	gen_filt(&r->exc);
	if (chance(10))
		r->comment = "random rule";
}

/* ------------------------------------------------------------ conflicts */

/* libseccomp's view of a rule for one arch: a chain of conditions sorted by
 * index, NE/LT/LE stored as EQ/GE/GT with the action on the false branch,
 * MASKED_EQ's datum cleared outside the mask, 32-bit arches compare the low
 * halves. Two chains that are equal but carry different actions make
 * seccomp_rule_add fail with EEXIST. */
struct chain {
	int n;
	struct {
		unsigned index;
		int op;
		bool neg;
		uint64_t a, b;
	} c[MAX_CONDS];
};

static void chain_of(struct chain *ch, const struct cond *cs, int n, bool narrow)
{
	ch->n = 0;
	for (int i = 0; i < n; i++) {
		const struct cond *c = &cs[i];
		int op = c->op;
		bool neg = false;
		uint64_t a = c->value, b = 0, m = narrow ? 0xffffffff : M1;
		if (op == OP_NE)
			op = OP_EQ, neg = true;
		else if (op == OP_LT)
			op = OP_GE, neg = true;
		else if (op == OP_LE)
			op = OP_GT, neg = true;
		if (op == OP_MASKED_EQ)
			b = c->value2 & c->value & m;
		a &= m;
		int j = ch->n++;
		while (j > 0 && ch->c[j - 1].index > c->index) {
			ch->c[j] = ch->c[j - 1];
			j--;
		}
		ch->c[j].index = c->index;
		ch->c[j].op = op;
		ch->c[j].neg = neg;
		ch->c[j].a = a;
		ch->c[j].b = b;
	}
}

/* x equals y or is a prefix of it */
static bool chain_prefix(const struct chain *x, const struct chain *y)
{
	if (x->n > y->n)
		return false;
	for (int i = 0; i < x->n; i++)
		if (x->c[i].index != y->c[i].index || x->c[i].op != y->c[i].op ||
		    x->c[i].neg != y->c[i].neg || x->c[i].a != y->c[i].a || x->c[i].b != y->c[i].b)
			return false;
	return true;
}

static bool index_repeated(const struct rule *r)
{
	unsigned seen = 0;
	for (int i = 0; i < r->nconds; i++) {
		if (seen >> r->c[i].index & 1)
			return true;
		seen |= 1u << r->c[i].index;
	}
	return false;
}

/* The chains a rule adds (runc splits a rule with a repeated index into
 * one single-condition rule per condition). */
static int chains_of(const struct rule *r, bool narrow, struct chain *out)
{
	if (!index_repeated(r)) {
		chain_of(&out[0], r->c, r->nconds, narrow);
		return 1;
	}
	for (int i = 0; i < r->nconds; i++)
		chain_of(&out[i], &r->c[i], 1, narrow);
	return r->nconds;
}

static bool names_share(const struct rule *a, const struct rule *b)
{
	for (int i = 0; i < a->nnames; i++)
		for (int j = 0; j < b->nnames; j++)
			if (strcmp(a->names[i], b->names[j]) == 0)
				return true;
	return false;
}

static bool sock_shared(const struct rule *a, const struct rule *b)
{
	for (int i = 0; i < a->nnames; i++)
		for (int j = 0; j < b->nnames; j++)
			if (strcmp(a->names[i], b->names[j]) == 0 && socket_family(a->names[i]))
				return true;
	return false;
}

/*
 * Would rule k clash with an earlier kept rule on a shared name? libseccomp
 * 2.5.4 (checked with it alone) fails with EEXIST when a new chain equals
 * or is a prefix of an existing one that ends in another action (a longer
 * new chain is accepted). This errs on the safe side: a prefix either way.
 * A rule without conditions is special (the first one wins, silently),
 * except for socket calls on i386, where the socketcall form always has
 * one condition (see sock_rule).
 */
static bool clashes(int k)
{
	const struct rule *r = &P.r[k];
	if (!r->kept || rule_value(r) == def_value())
		return false;
	for (int narrow = 0; narrow < 2; narrow++) {
		if (narrow && !P.has_ar[AR_X86] && !P.has_ar[AR_X32])
			break;
		struct chain mine[MAX_CONDS], theirs[MAX_CONDS];
		int nm = chains_of(r, narrow, mine);
		for (int i = 0; i < k; i++) {
			const struct rule *o = &P.r[i];
			if (!o->kept || rule_value(o) == def_value() ||
			    rule_value(o) == rule_value(r) || !names_share(r, o))
				continue;
			bool sock = narrow && P.has_ar[AR_X86] && sock_shared(r, o);
			if ((!o->nconds || !r->nconds) && !sock)
				continue;
			int no = chains_of(o, narrow, theirs);
			for (int x = 0; x < nm; x++)
				for (int y = 0; y < no; y++)
					if (chain_prefix(&mine[x], &theirs[y]) ||
					    chain_prefix(&theirs[y], &mine[x]))
						return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------- profile */

static void gen_host(void)
{
	struct utsname u;
	unsigned maj = 0, min = 0;
	if (uname(&u) == 0)
		sscanf(u.release, "%u.%u", &maj, &min);
	P.kmaj = maj, P.kmin = min;
	if (chance(20)) {
		static const unsigned ks[][2] = { { 4, 8 }, { 5, 10 }, { 6, 1 }, { 7, 0 }, { 255, 255 }, { 0, 1 } };
		P.kernel_override = true;
		if (chance(50)) {
			unsigned i = rnd(sizeof ks / sizeof ks[0]);
			P.kmaj = ks[i][0], P.kmin = ks[i][1];
		} else if (chance(50) && P.kmin) {
			P.kmin--;
		} else if (P.kmin < 255) {
			P.kmin++;
		}
	}
	switch (rnd(10)) {
	case 0:
		P.caps_mode = 1;
		break;
	case 1:
		P.caps_mode = 2;
		break;
	default:
		P.caps_mode = 0;
		P.held = (unsigned)rnd64() & ((1u << N_CAPU) - 1);
		if (!P.held)
			P.caps_mode = 2;
		P.caps_lower = chance(10);
		break;
	}
}

static void gen_default(void)
{
	unsigned x = rnd(100);
	if (x < 30) {
		P.def = A_ERRNO;
	} else if (x < 50) {
		P.def = A_ERRNO;
		P.has_def_errno = true;
		P.def_errno = chance(30) ? 38 : pick_errno();
	} else if (x < 66) {
		P.def = A_ALLOW;
	} else if (x < 73) {
		P.def = A_KILL_PROCESS;
	} else if (x < 78) {
		P.def = chance(50) ? A_KILL : A_KILL_THREAD;
	} else if (x < 85) {
		P.def = A_TRAP;
	} else if (x < 92) {
		P.def = A_LOG;
	} else {
		P.def = A_TRACE;
		if (chance(40)) {
			P.has_def_errno = true;
			P.def_errno = pick_errno();
		}
	}
}

static void add_arch(const char **v, int *n, const char *a)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(v[i], a) == 0)
			return;
	v[(*n)++] = a;
}

static void gen_arches(void)
{
	/* little-endian ones: libseccomp cannot add s390x to an x86 filter
	 * (EDOM), which both would refuse; runc 1.1.5 does not know
	 * SCMP_ARCH_RISCV64 (runc 1.2 does; seccomp-run accepts it) */
	static const char *const foreign[] = { "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_MIPSEL",
					       "SCMP_ARCH_PPC64LE", "SCMP_ARCH_MIPSEL64" };
	bool x86 = chance(45), x32 = chance(25);
	/* No X86_64 listed: runc 1.1.5 then has no stub for it. */
	bool may_omit = !stub_wanted();

	P.arch_mode = may_omit && chance(15) ? 0 : (chance(60) ? 1 : 2);
	if (P.arch_mode == 1) {
		const char *v[6];
		int n = 0;
		if (!may_omit || chance(85))
			v[n++] = "SCMP_ARCH_X86_64";
		if (x86)
			v[n++] = "SCMP_ARCH_X86";
		if (x32)
			v[n++] = "SCMP_ARCH_X32";
		if (chance(15))
			v[n++] = foreign[rnd(5)];
		for (int i = n - 1; i > 0; i--) { /* any order */
			int j = (int)rnd((unsigned)i + 1);
			const char *t = v[i];
			v[i] = v[j];
			v[j] = t;
		}
		if (!n)
			P.arch_mode = 0;
		for (int i = 0; i < n; i++)
			P.arches[P.narches++] = v[i];
	} else if (P.arch_mode == 2) {
		if (chance(40)) {
			P.am[P.nam].arch = "SCMP_ARCH_AARCH64";
			P.am[P.nam].subs[P.am[P.nam].nsubs++] = "SCMP_ARCH_ARM";
			P.nam++;
		}
		if (!may_omit || chance(85)) {
			P.am[P.nam].arch = "SCMP_ARCH_X86_64";
			if (x86)
				P.am[P.nam].subs[P.am[P.nam].nsubs++] = "SCMP_ARCH_X86";
			if (x32)
				P.am[P.nam].subs[P.am[P.nam].nsubs++] = "SCMP_ARCH_X32";
			P.am[P.nam].subs_null = !P.am[P.nam].nsubs && chance(50);
			P.nam++;
			if (chance(20)) { /* only the first entry for the native arch counts */
				P.am[P.nam].arch = "SCMP_ARCH_X86_64";
				P.am[P.nam].subs[P.am[P.nam].nsubs++] = x86 ? "SCMP_ARCH_X32" : "SCMP_ARCH_X86";
				P.nam++;
			}
		}
		if (chance(30)) {
			P.am[P.nam].arch = "SCMP_ARCH_S390X";
			P.am[P.nam].subs[P.am[P.nam].nsubs++] = "SCMP_ARCH_S390";
			P.nam++;
		}
		if (!P.nam)
			P.arch_mode = 0;
	}

	/* moby: architectures, or the first archMap entry for the native arch */
	if (P.arch_mode == 1) {
		for (int i = 0; i < P.narches; i++)
			add_arch(P.oci_arches, &P.noci_arches, P.arches[i]);
	} else if (P.arch_mode == 2) {
		for (int i = 0; i < P.nam; i++) {
			if (strcmp(P.am[i].arch, "SCMP_ARCH_X86_64"))
				continue;
			add_arch(P.oci_arches, &P.noci_arches, P.am[i].arch);
			for (int j = 0; j < P.am[i].nsubs; j++)
				add_arch(P.oci_arches, &P.noci_arches, P.am[i].subs[j]);
			break;
		}
	}
	P.has_ar[AR_X86_64] = true; /* the native arch is always in the filter */
	for (int i = 0; i < P.noci_arches; i++) {
		if (strcmp(P.oci_arches[i], "SCMP_ARCH_X86") == 0)
			P.has_ar[AR_X86] = true;
		if (strcmp(P.oci_arches[i], "SCMP_ARCH_X32") == 0)
			P.has_ar[AR_X32] = true;
	}
}

static void make_runc_rule(struct rule *r)
{
	memset(r, 0, sizeof *r);
	r->runc = true;
	r->action = A_ALLOW;
	for (unsigned i = 0; i < N_RUNC; i++)
		r->names[r->nnames++] = runc_names[i];
	/* conditions that always hold here */
	if (chance(10)) {
		r->inc.present = true;
		r->inc.narches = 1;
		r->inc.arches[0] = NATIVE_TOKEN;
	} else if (chance(10)) {
		r->exc.present = true;
		r->exc.ncaps = 1;
		r->exc.caps[0] = "CAP_FOO";
	}
}

/* Turn one rule into a "refuse" case: a value runc ignores or truncates. */
static void make_bogus(void)
{
	int cand[MAX_RULES], n = 0;
	for (int i = 0; i < P.nrules; i++)
		if (!P.r[i].runc && P.r[i].nnames && !P.r[i].legacy)
			cand[n++] = i;
	if (!n)
		return;
	struct rule *r = &P.r[cand[rnd((unsigned)n)]];
	if (chance(60)) {
		/* errnoRet on an action that takes none: runc ignores it */
		static const int a[] = { A_ALLOW, A_LOG, A_TRAP, A_KILL, A_KILL_THREAD, A_KILL_PROCESS };
		r->action = a[rnd(6)];
		r->has_errno = true;
		r->errno_ret = pick_errno();
		r->clean_has_errno = false;
	} else {
		/* errnoRet >= 65536: runc keeps the low 16 bits */
		r->action = A_ERRNO;
		r->has_errno = true;
		r->clean_has_errno = true;
		r->clean_errno = rnd(4095);
		r->errno_ret = ((uint64_t)(1 + rnd(3)) << 16) + r->clean_errno;
	}
	r->bogus = true;
}

static void gen_profile(void)
{
	gen_host();
	gen_default();
	gen_arches();

	/* the syscalls this profile is about */
	nfocus = 2 + (int)rnd(7);
	for (int i = 0; i < nfocus; i++)
		focus[i] = (int)rnd(N_TABLE);

	int nrules = 1 + (int)rnd(chance(20) ? 20 : 10);
	bool need_runc = P.def != A_ALLOW && P.def != A_LOG;
	int runc_at = need_runc || chance(40) ? (int)rnd((unsigned)nrules + 1) : -1;
	for (int i = 0; i <= nrules && P.nrules < MAX_RULES - 3; i++) {
		if (i == runc_at)
			make_runc_rule(&P.r[P.nrules++]);
		if (i < nrules)
			gen_rule(&P.r[P.nrules++]);
	}

	unsigned x = rnd(100);
	if (x < 5) {
		make_bogus();
	} else if (x < 7 && P.def != A_ERRNO && P.def != A_TRACE) {
		/* defaultErrnoRet with a default that takes none (not 38: runc
		 * 1.1.5 skips its stub for that whatever the action) */
		P.has_def_errno = P.bogus_def_errno = true;
		do
			P.def_errno = pick_errno();
		while (P.def_errno == 38);
	}

	for (int i = 0; i < P.nrules; i++)
		P.r[i].kept = moby_keeps(&P.r[i]);
	/* An accidental EEXIST would make most cases "both refuse": redraw
	 * the conditions of a clashing rule, or drop its conditions. */
	for (int i = 0; i < P.nrules; i++) {
		struct rule *r = &P.r[i];
		for (int tries = 0; clashes(i) && tries < 20; tries++) {
			r->nconds = 0;
			r->args_form = 1;
			int n = 1 + (int)rnd(2);
			for (int j = 0; j < n; j++) {
				gen_cond(&r->c[j], 077, r, sock_rule(r));
				r->nconds++;
			}
		}
		if (clashes(i))
			r->nconds = 0, r->args_form = 0;
		if (clashes(i)) { /* redundant then: skipped by both */
			r->action = P.def;
			r->has_errno = takes_errno(P.def) && P.has_def_errno;
			r->errno_ret = P.def_errno;
			r->bogus = false;
		}
	}
	/* seccomp-run validates the whole file: a bogus value in a rule
	 * moby drops still makes docker.json fail, while oci.json lacks it */
	P.expect = P.bogus_def_errno ? "refuse" : "run";
	for (int i = 0; i < P.nrules; i++)
		if (P.r[i].bogus && !P.bogus_def_errno)
			P.expect = P.r[i].kept ? "refuse" : "refuse-docker";
}

/* Deliberate failures both tools must refuse to start with. */
static void gen_conflict(void)
{
	if (!chance(4) || P.nrules >= MAX_RULES - 2 || strcmp(P.expect, "run"))
		return;
	if (chance(25)) {
		/* errnoRet 4095..65535: libseccomp rejects the action */
		struct rule *r = &P.r[P.nrules++];
		memset(r, 0, sizeof *r);
		r->names[r->nnames++] = resolve(AR_X86_64, table[focus[0]].name) >= 0
			? table[focus[0]].name : "getppid";
		r->action = A_ERRNO;
		r->has_errno = true;
		r->errno_ret = 4095 + rnd(65536 - 4095);
		r->kept = true;
		P.expect = "conflict";
		return;
	}
	/* two conditional rules, same condition, different actions (EEXIST);
	 * not after an unconditional rule for that syscall (which makes
	 * libseccomp drop later rules silently) */
	for (int f = 0; f < nfocus; f++) {
		const char *name = table[focus[f]].name;
		if (resolve(AR_X86_64, name) < 0)
			continue;
		bool uncond = false;
		for (int i = 0; i < P.nrules; i++) {
			struct rule t = { .nnames = 1, .names = { name } };
			if (P.r[i].kept && !P.r[i].nconds && names_share(&P.r[i], &t))
				uncond = true;
		}
		if (uncond)
			continue;
		int a1, a2;
		uint64_t e1 = 0, e2 = 0;
		do {
			a1 = pick_action(), a2 = pick_action();
			e1 = pick_errno(), e2 = pick_errno();
		} while (action_value(a1, true, e1) == def_value() ||
			 action_value(a2, true, e2) == def_value() ||
			 action_value(a1, true, e1) == action_value(a2, true, e2));
		struct rule *r1 = &P.r[P.nrules++], *r2 = &P.r[P.nrules++];
		memset(r1, 0, sizeof *r1);
		r1->names[r1->nnames++] = name;
		r1->action = a1;
		r1->has_errno = takes_errno(a1);
		r1->errno_ret = e1;
		gen_cond(&r1->c[0], table[focus[f]].free, r1, false);
		r1->nconds = 1;
		r1->args_form = 1;
		r1->kept = true;
		*r2 = *r1;
		r2->action = a2;
		r2->has_errno = takes_errno(a2);
		r2->errno_ret = e2;
		P.expect = "conflict";
		return;
	}
}

/* --------------------------------------------------------------- output */

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen-profile: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void close_out(FILE *f)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gen-profile: write error\n");
		exit(1);
	}
}

static void put_strs(FILE *f, const char *const *v, int n)
{
	fputc('[', f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\"%s\"", i ? ", " : "", v[i]);
	fputc(']', f);
}

static void put_filt(FILE *f, const char *key, const struct filt *x)
{
	if (!x->present)
		return;
	int n = 0;
	fprintf(f, ", \"%s\": {", key);
	if (x->ncaps) {
		fprintf(f, " \"caps\": ");
		put_strs(f, x->caps, x->ncaps);
		n++;
	}
	if (x->narches) {
		fprintf(f, "%s \"arches\": ", n++ ? "," : "");
		put_strs(f, x->arches, x->narches);
	}
	if (x->has_mk)
		fprintf(f, "%s \"minKernel\": \"%s\"", n++ ? "," : "", x->mk);
	fprintf(f, " }");
}

static void put_args(FILE *f, const struct rule *r)
{
	if (r->args_form == 0)
		return;
	fprintf(f, ",\n      \"args\": [");
	for (int i = 0; i < r->nconds; i++) {
		const struct cond *c = &r->c[i];
		const char *sep = "";
		fprintf(f, "%s\n        {", i ? "," : "");
		if (!c->omit_index) {
			fprintf(f, " \"index\": %u", c->index);
			sep = ",";
		}
		if (!c->omit_value) {
			fprintf(f, "%s \"value\": ", sep);
			print_u64(f, c->value);
			sep = ",";
		}
		if (c->has_v2) {
			fprintf(f, "%s \"valueTwo\": ", sep);
			print_u64(f, c->value2);
			sep = ",";
		}
		fprintf(f, "%s \"op\": \"%s\" }", sep, op_name[c->op]);
	}
	fprintf(f, " ]");
}

/* which: 0 docker.json, 1 oci.json, 2 oci-clean.json */
static void put_profile(FILE *f, int which)
{
	fprintf(f, "{\n  \"defaultAction\": \"%s\"", act_name[P.def]);
	if (P.has_def_errno && !(which == 2 && P.bogus_def_errno))
		fprintf(f, ",\n  \"defaultErrnoRet\": %" PRIu64, P.def_errno);
	if (which == 0 && P.arch_mode == 1) {
		fprintf(f, ",\n  \"architectures\": ");
		put_strs(f, P.arches, P.narches);
	} else if (which == 0 && P.arch_mode == 2) {
		fprintf(f, ",\n  \"archMap\": [");
		for (int i = 0; i < P.nam; i++) {
			fprintf(f, "%s\n    { \"architecture\": \"%s\", \"subArchitectures\": ", i ? "," : "",
				P.am[i].arch);
			if (P.am[i].subs_null)
				fprintf(f, "null");
			else
				put_strs(f, P.am[i].subs, P.am[i].nsubs);
			fprintf(f, " }");
		}
		fprintf(f, " ]");
	} else if (which && P.noci_arches) {
		fprintf(f, ",\n  \"architectures\": ");
		put_strs(f, P.oci_arches, P.noci_arches);
	}
	fprintf(f, ",\n  \"syscalls\": [");
	int n = 0;
	for (int i = 0; i < P.nrules; i++) {
		const struct rule *r = &P.r[i];
		if (which && !r->kept)
			continue;
		fprintf(f, "%s\n    { ", n++ ? "," : "");
		if (which == 0 && r->legacy)
			fprintf(f, "\"name\": \"%s\"", r->names[0]);
		else {
			fprintf(f, "\"names\": ");
			put_strs(f, r->names, r->nnames);
		}
		fprintf(f, ", \"action\": \"%s\"", act_name[r->action]);
		if (which == 2 && r->bogus) {
			if (r->clean_has_errno)
				fprintf(f, ", \"errnoRet\": %" PRIu64, r->clean_errno);
		} else if (r->has_errno) {
			fprintf(f, ", \"errnoRet\": %" PRIu64, r->errno_ret);
		}
		put_args(f, r);
		if (which == 0) {
			put_filt(f, "includes", &r->inc);
			put_filt(f, "excludes", &r->exc);
			if (r->comment)
				fprintf(f, ", \"comment\": \"%s\"", r->comment);
		}
		fprintf(f, " }");
	}
	fprintf(f, "\n  ]\n}\n");
}

/* ---------------------------------------------------------------- calls */

#define MAX_CALLS 160
static struct {
	char text[200];
	int risk; /* 0 cannot kill, 1 may, 2 likely */
	uint64_t key;
} calls[MAX_CALLS];
static int ncalls;

__attribute__((format(printf, 2, 3)))
static void add_call(int risk, const char *fmt, ...)
{
	if (ncalls >= MAX_CALLS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(calls[ncalls].text, sizeof calls[ncalls].text, fmt, ap);
	va_end(ap);
	calls[ncalls].risk = risk;
	calls[ncalls].key = rnd64();
	ncalls++;
}

static void args_str(char *buf, size_t n, const uint64_t a[6])
{
	size_t off = 0;
	for (int i = 0; i < 6 && off < n; i++) {
		if (i)
			buf[off++] = ',';
		off += (size_t)arg_str(buf + off, n - off, a[i]);
	}
	buf[off < n ? off : n - 1] = '\0';
}

/* A value that satisfies (sat) or violates the condition, when one exists. */
static uint64_t cond_value(const struct cond *c, bool sat)
{
	uint64_t v = c->value, m = c->value, d = c->value2 & c->value;
	switch (c->op) {
	case OP_EQ:
		return sat ? v : (chance(50) ? v + 1 : v ^ (chance(50) ? 1ULL << 32 : 1ULL << 63));
	case OP_NE:
		return sat ? (chance(50) ? v - 1 : v ^ 1ULL << 32) : v;
	case OP_LT:
		return sat ? v - 1 : (chance(50) ? v : v + 1);
	case OP_LE:
		return sat ? (chance(50) ? v : v - 1) : v + 1;
	case OP_GE:
		return sat ? (chance(50) ? v : v + 1) : v - 1;
	case OP_GT:
		return sat ? v + 1 : (chance(50) ? v : v - 1);
	default: { /* MASKED_EQ: mask value, datum valueTwo */
		uint64_t out = d | (rnd64() & ~m);
		if (!sat && m)
			out ^= m & -m; /* flip the lowest bit of the mask */
		if (chance(15))
			out = c->value2; /* the datum as written */
		return out;
	}
	}
}

static bool rule_names(const struct rule *r, const char *name)
{
	for (int i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i], name) == 0)
			return true;
	return false;
}

/* How likely a call to name is to be killed (for the order). */
static int risk_of(const char *name)
{
	int risk = kills(P.def) ? 2 : 0;
	for (int i = 0; i < P.nrules; i++) {
		const struct rule *r = &P.r[i];
		if (!r->kept || !rule_names(r, name))
			continue;
		if (kills(r->action))
			return r->nconds ? 1 : 2;
		if (!r->nconds && risk == 2)
			risk = 0;
		else if (risk == 2)
			risk = 1;
	}
	return risk;
}

/* Argument vectors for one syscall: its defaults, then values at and
 * around the conditions of the rules that name it. */
static int arg_sets(const struct sc *s, uint64_t sets[][6], int max)
{
	int n = 0;
	memcpy(sets[n++], s->def, sizeof sets[0]);
	const struct rule *rs[MAX_RULES];
	int nr = 0;
	for (int i = 0; i < P.nrules; i++)
		if (P.r[i].nconds && rule_names(&P.r[i], s->name))
			rs[nr++] = &P.r[i];
	/* each rule: all conditions met, then each one broken */
	for (int i = 0; i < nr && n < max; i++) {
		const struct rule *r = rs[i];
		uint64_t a[6];
		memcpy(a, s->def, sizeof a);
		for (int j = 0; j < r->nconds; j++)
			if (s->free >> r->c[j].index & 1)
				a[r->c[j].index] = cond_value(&r->c[j], true);
		memcpy(sets[n++], a, sizeof a);
		for (int j = 0; j < r->nconds && n < max; j++) {
			if (!(s->free >> r->c[j].index & 1) || chance(40))
				continue;
			uint64_t b[6];
			memcpy(b, a, sizeof b);
			b[r->c[j].index] = cond_value(&r->c[j], false);
			memcpy(sets[n++], b, sizeof b);
		}
	}
	/* mixtures across rules, and interesting values */
	int extra = nr ? 1 + (int)rnd(3) : (int)rnd(2);
	for (int k = 0; k < extra && n < max; k++) {
		uint64_t a[6];
		memcpy(a, s->def, sizeof a);
		for (unsigned i = 0; i < 6; i++) {
			if (!(s->free >> i & 1) || chance(40))
				continue;
			const struct cond *pick = NULL;
			for (int j = 0; j < nr; j++)
				for (int c = 0; c < rs[j]->nconds; c++)
					if (rs[j]->c[c].index == i && (!pick || chance(50)))
						pick = &rs[j]->c[c];
			a[i] = pick && chance(75) ? cond_value(pick, chance(50)) : pick_value();
		}
		memcpy(sets[n++], a, sizeof a);
	}
	return n;
}

static bool probe_knows(const struct sc *s, int ar)
{
	return ar == AR_X86_64 ? s->probe_name : s->probe32;
}

/*
 * clone3 "returning" 0 (ERRNO with errno 0) makes the probe believe it is
 * the child, and exit 0 at once: such profiles do not call it.
 */
static bool returns_zero(const char *name)
{
	if (P.def == A_ERRNO && P.has_def_errno && !(P.def_errno & 0xffff))
		return true;
	for (int i = 0; i < P.nrules; i++) {
		const struct rule *r = &P.r[i];
		if (r->action == A_ERRNO && r->has_errno && !(r->errno_ret & 0xffff) &&
		    rule_names(r, name))
			return true;
	}
	return false;
}

static bool callable(const struct sc *s)
{
	return strcmp(s->name, "clone3") || !returns_zero(s->name);
}

static void calls_native(const struct sc *s)
{
	int nr = resolve(AR_X86_64, s->name);
	if (nr < 0 || !callable(s))
		return;
	uint64_t sets[12][6];
	int n = arg_sets(s, sets, 12), risk = risk_of(s->name);
	for (int i = 0; i < n; i++) {
		char a[160];
		args_str(a, sizeof a, sets[i]);
		if (s->probe_name)
			add_call(risk, "%s:%s", s->name, a);
		else
			add_call(risk, "nr:%d:%s", nr, a);
	}
}

static void calls_i386(const struct sc *s, int risk)
{
	int nr = resolve(AR_X86, s->name), sub = 0;
	for (unsigned i = 0; i < sizeof sock32 / sizeof sock32[0]; i++)
		if (strcmp(sock32[i].name, s->name) == 0)
			nr = sock32[i].direct, sub = sock32[i].sub;
	if (nr < 0 || !callable(s))
		return;
	uint64_t sets[6][6];
	int n = arg_sets(s, sets, 1 + (int)rnd(5));
	if (risk < 0)
		risk = risk_of(s->name);
	for (int i = 0; i < n; i++) {
		char a[160];
		args_str(a, sizeof a, sets[i]);
		if (probe_knows(s, AR_X86))
			add_call(risk, "i386:%s:%s", s->name, a);
		else
			add_call(risk, "i386:%d:%s", nr, a);
	}
	if (sub) /* the multiplexed form: socketcall(SUB, NULL) */
		add_call(risk, "i386:socketcall:%d,0", sub);
}

/* Highest number any kept rule names on an arch (runc's stub maximum). */
static int arch_max(int ar)
{
	int max = -1;
	for (int i = 0; i < P.nrules; i++) {
		if (!P.r[i].kept)
			continue;
		for (int j = 0; j < P.r[i].nnames; j++) {
			int nr = resolve(ar, P.r[i].names[j]);
			if (nr > max)
				max = nr;
		}
	}
	return max;
}

static void gen_calls(void)
{
	bool stub = stub_wanted();
	int rk_unlisted = kills(P.def) ? 2 : 0;

	/* the syscalls the rules name, and a few they do not */
	bool done[N_TABLE] = { false };
	for (int f = 0; f < nfocus; f++) {
		if (done[focus[f]])
			continue;
		done[focus[f]] = true;
		calls_native(&table[focus[f]]);
	}
	for (int i = 0; i < P.nrules; i++)
		for (int j = 0; j < P.r[i].nnames; j++) {
			const struct sc *s = sc_by_name(P.r[i].names[j]);
			if (s && !done[s - table]) {
				done[s - table] = true;
				calls_native(s);
			}
		}
	for (int k = 0, n = 1 + (int)rnd(3); k < n; k++) {
		const struct sc *s = &table[rnd(N_TABLE)];
		if (done[s - table] || resolve(AR_X86_64, s->name) < 0 || !callable(s))
			continue;
		char a[160];
		args_str(a, sizeof a, s->def);
		int nr = resolve(AR_X86_64, s->name);
		if (s->probe_name)
			add_call(risk_of(s->name), "%s:%s", s->name, a);
		else
			add_call(risk_of(s->name), "nr:%d:%s", nr, a);
	}

	/* around the stub's maximum: numbers no kernel implements */
	int max = arch_max(AR_X86_64);
	int rk_above = stub && max >= 0 ? 0 : rk_unlisted;
	for (int k = 0, found = 0; found < 2 && k < 2000; k++) {
		uint32_t nr = (uint32_t)(max < 0 ? 0 : max) + 1 + (uint32_t)k;
		if (hole64(nr) && (k == 0 || found || chance(30))) {
			add_call(rk_above, "nr:%u", nr);
			found++;
		}
	}
	static const uint32_t far[] = { 1000, 4095, 0x3fffffff, 600 };
	add_call(rk_above, "nr:%u", far[rnd(4)]);
	if (max >= 424 && chance(60)) /* a hole below the maximum: default */
		add_call(rk_unlisted, "nr:%u", 337 + rnd(87));

	/* i386 */
	if (P.has_ar[AR_X86]) {
		int m32 = arch_max(AR_X86);
		int rk = stub && m32 >= 0 ? 0 : rk_unlisted;
		for (int f = 0; f < nfocus; f++)
			if (chance(60))
				calls_i386(&table[focus[f]], -1);
		for (int k = 0, found = 0; found < 2 && k < 2000; k++) {
			uint32_t nr = (uint32_t)(m32 < 0 ? 0 : m32) + 1 + (uint32_t)k;
			if (hole32(nr) && (k == 0 || found || chance(30))) {
				add_call(rk, "i386:%u", nr);
				found++;
			}
		}
		if (chance(50))
			add_call(rk, "i386:%u", 1000 + rnd(3000));
	} else if (chance(15)) {
		/* not in the filter: the bad-arch action kills */
		calls_i386(&table[focus[0]], 2);
	}

	/* x32: disabled in most kernels, so an allowed call gets ENOSYS */
	if (P.has_ar[AR_X32]) {
		int mx = arch_max(AR_X32);
		int rk = stub && mx >= 0 ? 0 : rk_unlisted;
		for (int f = 0; f < nfocus; f++) {
			const struct sc *s = &table[focus[f]];
			int nr = callable(s) ? resolve(AR_X32, s->name) : -1;
			char a[160];
			args_str(a, sizeof a, s->def);
			if (nr >= 0 && chance(40))
				add_call(risk_of(s->name), "nr:0x%x:%s", (unsigned)nr, a);
		}
		if (mx >= 0)
			add_call(rk, "nr:0x%x", (unsigned)mx + 1 + rnd(3));
		add_call(rk, "nr:0x%x", X32_BIT | (600 + rnd(400)));
	} else if (chance(10)) {
		add_call(2, "nr:0x%x", X32_BIT | 102);
	}
	if (chance(5))
		add_call(2, "nr:-1"); /* bit 30 set: an x32 number */

	/* order: what cannot kill first, in random order */
	for (int i = 1; i < ncalls; i++)
		for (int j = i; j > 0; j--) {
			bool swap = calls[j - 1].risk > calls[j].risk ||
				    (calls[j - 1].risk == calls[j].risk && calls[j - 1].key > calls[j].key);
			if (!swap)
				break;
			char t[sizeof calls[0]];
			memcpy(t, &calls[j], sizeof t);
			memcpy(&calls[j], &calls[j - 1], sizeof t);
			memcpy(&calls[j - 1], t, sizeof t);
		}
}

/* ----------------------------------------------------------------- main */

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--runc-names") == 0) {
		for (unsigned i = 0; i < N_RUNC; i++)
			printf("%s\n", runc_names[i]);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: gen-profile SEED OUTDIR | --runc-names\n");
		return 2;
	}
	seed_from(argv[1]);
	const char *dir = argv[2];

	gen_profile();
	gen_conflict();
	gen_calls();

	FILE *f = open_out(dir, "docker.json");
	put_profile(f, 0);
	close_out(f);
	f = open_out(dir, "oci.json");
	put_profile(f, 1);
	close_out(f);
	if (strcmp(P.expect, "refuse") == 0) {
		f = open_out(dir, "oci-clean.json");
		put_profile(f, 2);
		close_out(f);
	}

	f = open_out(dir, "caps");
	if (P.caps_mode == 1) {
		fprintf(f, "all\n");
	} else if (P.caps_mode == 2) {
		fprintf(f, "none\n");
	} else {
		int n = 0;
		for (unsigned i = 0; i < N_CAPU; i++) {
			if (!(P.held >> i & 1))
				continue;
			fputs(n++ ? "," : "", f);
			if (P.caps_lower)
				for (const char *c = cap_universe[i]; *c; c++)
					fputc(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c, f);
			else
				fputs(cap_universe[i], f);
		}
		fputc('\n', f);
	}
	close_out(f);

	f = open_out(dir, "kernel");
	if (P.kernel_override)
		fprintf(f, "%u.%u\n", P.kmaj, P.kmin);
	close_out(f);

	f = open_out(dir, "calls");
	for (int i = 0; i < ncalls; i++)
		fprintf(f, "%s\n", calls[i].text);
	close_out(f);

	f = open_out(dir, "expect");
	fprintf(f, "%s\n", P.expect);
	close_out(f);

	int kept = 0;
	for (int i = 0; i < P.nrules; i++)
		kept += P.r[i].kept;
	f = open_out(dir, "about");
	fprintf(f, "default %s%s, %d rules (%d kept), %s%s%s, %d calls\n", act_name[P.def] + 9,
		P.has_def_errno ? "+errno" : "", P.nrules, kept,
		P.has_ar[AR_X86] ? "x86 " : "", P.has_ar[AR_X32] ? "x32 " : "",
		P.arch_mode == 2 ? "archMap" : P.arch_mode == 1 ? "architectures" : "native only",
		ncalls);
	close_out(f);
	return 0;
}
