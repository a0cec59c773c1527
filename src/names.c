/* SPDX-License-Identifier: Apache-2.0 */
#include "names.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#ifndef AUDIT_ARCH_LOONGARCH64
#define AUDIT_ARCH_LOONGARCH64 (0x102 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE)
#endif

static const struct {
	const char *name;
	enum sr_act kind;
} actions[] = {
	/* SCMP_ACT_KILL is kill-thread, as in libseccomp and runc. */
	{ "SCMP_ACT_KILL", SR_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_THREAD", SR_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", SR_ACT_KILL_PROCESS },
	{ "SCMP_ACT_TRAP", SR_ACT_TRAP },
	{ "SCMP_ACT_ERRNO", SR_ACT_ERRNO },
	{ "SCMP_ACT_TRACE", SR_ACT_TRACE },
	{ "SCMP_ACT_ALLOW", SR_ACT_ALLOW },
	{ "SCMP_ACT_LOG", SR_ACT_LOG },
	{ "SCMP_ACT_NOTIFY", SR_ACT_NOTIFY },
};

static const uint32_t act_ret[] = {
	[SR_ACT_KILL_THREAD] = SECCOMP_RET_KILL_THREAD,
	[SR_ACT_KILL_PROCESS] = SECCOMP_RET_KILL_PROCESS,
	[SR_ACT_TRAP] = SECCOMP_RET_TRAP,
	[SR_ACT_ERRNO] = SECCOMP_RET_ERRNO,
	[SR_ACT_TRACE] = SECCOMP_RET_TRACE,
	[SR_ACT_ALLOW] = SECCOMP_RET_ALLOW,
	[SR_ACT_LOG] = SECCOMP_RET_LOG,
	[SR_ACT_NOTIFY] = SECCOMP_RET_USER_NOTIF,
};

static const int act_severity[] = {
	[SR_ACT_ALLOW] = 0, [SR_ACT_LOG] = 1,	   [SR_ACT_NOTIFY] = 2,
	[SR_ACT_TRACE] = 3, [SR_ACT_ERRNO] = 4,	   [SR_ACT_TRAP] = 5,
	[SR_ACT_KILL_THREAD] = 6, [SR_ACT_KILL_PROCESS] = 7,
};

bool sr_action_lookup(const char *name, struct sr_action *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		if (strcmp(name, actions[i].name) == 0) {
			enum sr_act kind = actions[i].kind;
			*out = (struct sr_action){
				.kind = kind,
				.data = sr_action_takes_errno(kind) ? EPERM : 0,
				.name = actions[i].name,
			};
			return true;
		}
	}
	return false;
}

uint32_t sr_action_ret(struct sr_action a)
{
	return act_ret[a.kind] | (sr_action_takes_errno(a.kind) ? a.data : 0);
}

bool sr_action_takes_errno(enum sr_act kind)
{
	return kind == SR_ACT_ERRNO || kind == SR_ACT_TRACE;
}

const char *sr_action_str(struct sr_action a, char *buf, size_t size)
{
	const char *eno = a.kind == SR_ACT_ERRNO ? sr_errno_name(a.data) : NULL;
	if (!sr_action_takes_errno(a.kind))
		snprintf(buf, size, "%s", a.name);
	else if (eno)
		snprintf(buf, size, "%s(%s)", a.name, eno);
	else
		snprintf(buf, size, "%s(%u)", a.name, a.data);
	return buf;
}

const char *sr_act_name(enum sr_act kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (actions[i].kind == kind && strcmp(actions[i].name, "SCMP_ACT_KILL") != 0)
			return actions[i].name;
	return "?";
}

const char *sr_ret_action_name(uint32_t ret)
{
	uint32_t full = ret & SECCOMP_RET_ACTION_FULL;
	for (size_t i = 0; i < ARRAY_SIZE(act_ret); i++)
		if (act_ret[i] == full)
			return sr_act_name((enum sr_act)i);
	return NULL;
}

const char *sr_ret_str(uint32_t ret, char *buf, size_t size)
{
	const char *name = sr_ret_action_name(ret);
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL, data = ret & SECCOMP_RET_DATA;
	const char *eno = action == SECCOMP_RET_ERRNO ? sr_errno_name((int)data) : NULL;
	if (!name)
		snprintf(buf, size, "%#010x", ret);
	else if (eno)
		snprintf(buf, size, "%s(%s)", name, eno);
	else if (data || action == SECCOMP_RET_ERRNO || action == SECCOMP_RET_TRACE)
		snprintf(buf, size, "%s(%u)", name, data);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}

int sr_act_severity(enum sr_act kind)
{
	return act_severity[kind];
}

static const char *const ops[] = {
	[SR_OP_NE] = "SCMP_CMP_NE",	    [SR_OP_LT] = "SCMP_CMP_LT",
	[SR_OP_LE] = "SCMP_CMP_LE",	    [SR_OP_EQ] = "SCMP_CMP_EQ",
	[SR_OP_GE] = "SCMP_CMP_GE",	    [SR_OP_GT] = "SCMP_CMP_GT",
	[SR_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

bool sr_op_lookup(const char *name, enum sr_op *out)
{
	for (size_t i = SR_OP_NE; i < ARRAY_SIZE(ops); i++) {
		if (strcmp(name, ops[i]) == 0) {
			*out = (enum sr_op)i;
			return true;
		}
	}
	return false;
}

const char *sr_op_name(enum sr_op op)
{
	return op >= SR_OP_NE && op <= SR_OP_MASKED_EQ ? ops[op] : "?";
}

/* The runtime-spec's architecture list. Tokens are moby's goToNative
 * spellings; where moby has none (x32, mips, parisc, m68k, sh) the token is
 * libseccomp-golang's, as containers/common uses. */
static const struct sr_arch arches[] = {
	{ "SCMP_ARCH_X86", "x86", "x86", NULL, AUDIT_ARCH_I386, false },
	{ "SCMP_ARCH_X86_64", "x86_64", "amd64", NULL, AUDIT_ARCH_X86_64, false },
	{ "SCMP_ARCH_X32", "x32", "x32", NULL, AUDIT_ARCH_X86_64, true },
	{ "SCMP_ARCH_ARM", "arm", "arm", NULL, AUDIT_ARCH_ARM, false },
	{ "SCMP_ARCH_AARCH64", "aarch64", "arm64", NULL, AUDIT_ARCH_AARCH64, false },
	{ "SCMP_ARCH_MIPS", "mips", "mips", NULL, AUDIT_ARCH_MIPS, false },
	{ "SCMP_ARCH_MIPS64", "mips64", "mips64", NULL, AUDIT_ARCH_MIPS64, false },
	{ "SCMP_ARCH_MIPS64N32", "mips64n32", "mips64n32", NULL, AUDIT_ARCH_MIPS64N32, false },
	{ "SCMP_ARCH_MIPSEL", "mipsel", "mipsel", NULL, AUDIT_ARCH_MIPSEL, false },
	{ "SCMP_ARCH_MIPSEL64", "mipsel64", "mipsel64", NULL, AUDIT_ARCH_MIPSEL64, false },
	/* moby spells this token "mips3l64n32" (sic); accept both. */
	{ "SCMP_ARCH_MIPSEL64N32", "mipsel64n32", "mipsel64n32", "mips3l64n32", AUDIT_ARCH_MIPSEL64N32, false },
	{ "SCMP_ARCH_PPC", "ppc", "ppc", NULL, AUDIT_ARCH_PPC, false },
	{ "SCMP_ARCH_PPC64", "ppc64", "ppc64", NULL, AUDIT_ARCH_PPC64, false },
	{ "SCMP_ARCH_PPC64LE", "ppc64le", "ppc64le", NULL, AUDIT_ARCH_PPC64LE, false },
	{ "SCMP_ARCH_S390", "s390", "s390", NULL, AUDIT_ARCH_S390, false },
	{ "SCMP_ARCH_S390X", "s390x", "s390x", NULL, AUDIT_ARCH_S390X, false },
	{ "SCMP_ARCH_PARISC", "parisc", "parisc", NULL, AUDIT_ARCH_PARISC, false },
	{ "SCMP_ARCH_PARISC64", "parisc64", "parisc64", NULL, AUDIT_ARCH_PARISC64, false },
	{ "SCMP_ARCH_RISCV64", "riscv64", "riscv64", NULL, AUDIT_ARCH_RISCV64, false },
	/* moby says loongarch64, Go and containers/common loong64. */
	{ "SCMP_ARCH_LOONGARCH64", "loongarch64", "loongarch64", "loong64", AUDIT_ARCH_LOONGARCH64, false },
	{ "SCMP_ARCH_M68K", "m68k", "m68k", NULL, AUDIT_ARCH_M68K, false },
	/* libseccomp: SH is little-endian, SHEB big-endian. */
	{ "SCMP_ARCH_SH", "sh", "sh", NULL, AUDIT_ARCH_SHEL, false },
	{ "SCMP_ARCH_SHEB", "sheb", "sheb", NULL, AUDIT_ARCH_SH, false },
};

const struct sr_arch *sr_arch_at(unsigned i)
{
	return i < ARRAY_SIZE(arches) ? &arches[i] : NULL;
}

const struct sr_arch *sr_arch_by_scmp_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
		if (strcmp(name, arches[i].scmp_name) == 0)
			return &arches[i];
	return NULL;
}

const struct sr_arch *sr_arch_by_any_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		const struct sr_arch *a = &arches[i];
		if (strcmp(name, a->scmp_name) == 0 || strcmp(name, a->lib_name) == 0 ||
		    sr_arch_token_matches(a, name))
			return a;
	}
	if (strcmp(name, "i386") == 0 || strcmp(name, "386") == 0)
		return &arches[0];
	return NULL;
}

bool sr_arch_token_matches(const struct sr_arch *a, const char *token)
{
	return strcmp(token, a->token) == 0 ||
	       (a->token_alias && strcmp(token, a->token_alias) == 0);
}

static const char *native_lib_name(void)
{
#if defined(__x86_64__) && defined(__ILP32__)
	return "x32";
#elif defined(__x86_64__)
	return "x86_64";
#elif defined(__i386__)
	return "x86";
#elif defined(__aarch64__)
	return "aarch64";
#elif defined(__arm__)
	return "arm";
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_ABI32
#if defined(__MIPSEB__)
	return "mips";
#else
	return "mipsel";
#endif
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_NABI32
#if defined(__MIPSEB__)
	return "mips64n32";
#else
	return "mipsel64n32";
#endif
#elif defined(__mips__)
#if defined(__MIPSEB__)
	return "mips64";
#else
	return "mipsel64";
#endif
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return "ppc64le";
#elif defined(__powerpc64__)
	return "ppc64";
#elif defined(__powerpc__)
	return "ppc";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__s390__)
	return "s390";
#elif defined(__hppa__) && defined(__LP64__)
	return "parisc64";
#elif defined(__hppa__)
	return "parisc";
#elif defined(__riscv) && __riscv_xlen == 64
	return "riscv64";
#elif defined(__loongarch64)
	return "loongarch64";
#elif defined(__m68k__)
	return "m68k";
#elif defined(__sh__) && defined(__BIG_ENDIAN__)
	return "sheb";
#elif defined(__sh__)
	return "sh";
#else
#error "seccomp-run does not know this architecture"
#endif
}

const struct sr_arch *sr_arch_native(void)
{
	static const struct sr_arch *native;
	if (!native) {
		const char *want = native_lib_name();
		for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
			if (strcmp(arches[i].lib_name, want) == 0)
				native = &arches[i];
	}
	return native;
}

#define E(x) { #x, x }
static const struct {
	const char *name;
	int value;
} errnos[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT),
	E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR), E(EISDIR),
	E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY), E(ETXTBSY), E(EFBIG), E(ENOSPC),
	E(ESPIPE), E(EROFS), E(EMLINK), E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK),
	E(ENAMETOOLONG), E(ENOLCK), E(ENOSYS), E(ENOTEMPTY), E(ELOOP),
	E(EWOULDBLOCK), E(ENOMSG), E(EIDRM), E(ECHRNG), E(EL2NSYNC), E(EL3HLT),
	E(EL3RST), E(ELNRNG), E(EUNATCH), E(ENOCSI), E(EL2HLT), E(EBADE), E(EBADR),
	E(EXFULL), E(ENOANO), E(EBADRQC), E(EBADSLT), E(EDEADLOCK), E(EBFONT),
	E(ENOSTR), E(ENODATA), E(ETIME), E(ENOSR), E(ENONET), E(ENOPKG), E(EREMOTE),
	E(ENOLINK), E(EADV), E(ESRMNT), E(ECOMM), E(EPROTO), E(EMULTIHOP),
	E(EDOTDOT), E(EBADMSG), E(EOVERFLOW), E(ENOTUNIQ), E(EBADFD), E(EREMCHG),
	E(ELIBACC), E(ELIBBAD), E(ELIBSCN), E(ELIBMAX), E(ELIBEXEC), E(EILSEQ),
	E(ERESTART), E(ESTRPIPE), E(EUSERS), E(ENOTSOCK), E(EDESTADDRREQ),
	E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT), E(EPROTONOSUPPORT),
	E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(ENOTSUP), E(EPFNOSUPPORT),
	E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN),
	E(ENETUNREACH), E(ENETRESET), E(ECONNABORTED), E(ECONNRESET), E(ENOBUFS),
	E(EISCONN), E(ENOTCONN), E(ESHUTDOWN), E(ETOOMANYREFS), E(ETIMEDOUT),
	E(ECONNREFUSED), E(EHOSTDOWN), E(EHOSTUNREACH), E(EALREADY), E(EINPROGRESS),
	E(ESTALE), E(EUCLEAN), E(ENOTNAM), E(ENAVAIL), E(EISNAM), E(EREMOTEIO),
	E(EDQUOT), E(ENOMEDIUM), E(EMEDIUMTYPE), E(ECANCELED), E(ENOKEY),
	E(EKEYEXPIRED), E(EKEYREVOKED), E(EKEYREJECTED), E(EOWNERDEAD),
	E(ENOTRECOVERABLE), E(ERFKILL), E(EHWPOISON),
};
#undef E

bool sr_errno_lookup(const char *name, int *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++) {
		if (strcmp(name, errnos[i].name) == 0) {
			*out = errnos[i].value;
			return true;
		}
	}
	return false;
}

const char *sr_errno_name(int value)
{
	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++)
		if (errnos[i].value == value)
			return errnos[i].name;
	return NULL;
}

static const struct {
	const char *name;
	unsigned bit;
} flags[] = {
	/* TSYNC is accepted and has no effect, as in runc >= 1.2: seccomp-run
	 * has one thread when it loads the filter. */
	{ "SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC },
	{ "SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG },
	{ "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW },
	{ "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SR_FLAG_WAIT_KILLABLE_RECV },
};

bool sr_flag_lookup(const char *name, unsigned *bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
		if (strcmp(name, flags[i].name) == 0) {
			*bit = flags[i].bit;
			return true;
		}
	}
	return false;
}

const char *sr_flag_name(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (flags[i].bit == bit)
			return flags[i].name;
	return NULL;
}
