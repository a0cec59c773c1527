/* SPDX-License-Identifier: Apache-2.0 */
#include "bpf.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fault.h"
#include "resolve.h"
#include "util.h"

#define X32_SYSCALL_BIT 0x40000000u
#define BPF_MEMWORDS_MAX 16

void bpf_free(struct sr_bpf *prog)
{
	free(prog->insns);
	*prog = (struct sr_bpf){ 0 };
}

static struct sock_filter stmt(uint16_t code, uint32_t k)
{
	return (struct sock_filter){ code, 0, 0, k };
}

static struct sock_filter jump(uint16_t code, uint32_t k, size_t from,
			       size_t jt_to, size_t jf_to)
{
	/* Offsets are relative to the next instruction. The stub is a few dozen
	 * instructions, so they always fit in 8 bits. */
	return (struct sock_filter){ code, (uint8_t)(jt_to - from - 1),
				     (uint8_t)(jf_to - from - 1), k };
}

/* The stub, for each audit arch with a known maximum:
 *
 *	ld  arch
 *	jeq AUDIT_ARCH_A, 0, next_group
 *	ld  nr
 *	[s390: jeq 0, enosys]            syscall 0 multiplexes large numbers
 *	jgt MAX, enosys, cont_A
 *	[x86_64, whose audit arch x32 shares: jgt MAX_AMD64, more, cont_A;
 *	 more: jset X32 bit, x32, enosys; x32: jgt MAX_X32, enosys, cont_A]
 *	...
 *	[cont_A: ja ...]                 when cont_A is out of an 8-bit jump's reach
 * enosys:	ret ERRNO(ENOSYS)
 * original:	the libseccomp program.
 *
 * cont_A is where the original program goes for arch A once its own
 * prologue has matched the arch and loaded nr: the stub has done both, so
 * a call pays for the arch check once, not twice. Another arch falls
 * through to the start of the original, whose bad-arch action applies.
 *
 * It loads only arch and nr and uses only JEQ/JGT/JSET/JA, so the kernel's
 * constant-action cache still sees through it. */
struct group {
	uint32_t audit;
	bool s390;
	bool split;          /* x86_64 audit arch: amd64 and x32 */
	bool has_main, has_x32;
	uint32_t max_main, max_x32;
	size_t entry;        /* cont_A, as an index into the original */
	size_t cont;         /* where the group jumps: cont_A or its trampoline */
	bool trampoline;     /* cont_A is out of an 8-bit jump's reach */
};

bool bpf_jump_taken(uint16_t op, uint32_t a, uint32_t v)
{
	switch (op) {
	case BPF_JEQ:
		return a == v;
	case BPF_JGT:
		return a > v;
	case BPF_JGE:
		return a >= v;
	case BPF_JSET:
		return (a & v) != 0;
	default:
		return false;
	}
}

/* Where prog goes for a call on audit arch `audit` once its prologue has
 * matched the arch and loaded nr, following only arch loads, jumps on the
 * arch and JA; 0 (the start) when the prologue does anything else. The
 * state there is the stub's after its own checks: A holds nr, X and M are
 * untouched. */
static size_t past_prologue(const struct sr_bpf *prog, uint32_t audit)
{
	bool a_is_arch = false;
	size_t pc = 0;
	for (size_t steps = 0; pc < prog->len && steps < 64; steps++) {
		const struct sock_filter *f = &prog->insns[pc];
		if (f->code == (BPF_LD | BPF_W | BPF_ABS) &&
		    f->k == offsetof(struct seccomp_data, nr))
			return pc + 1;
		if (f->code == (BPF_LD | BPF_W | BPF_ABS) &&
		    f->k == offsetof(struct seccomp_data, arch)) {
			a_is_arch = true;
			pc++;
		} else if (f->code == (BPF_JMP | BPF_JA)) {
			pc += 1 + (size_t)f->k;
		} else if (a_is_arch && BPF_CLASS(f->code) == BPF_JMP && BPF_SRC(f->code) == BPF_K) {
			pc += 1u + (bpf_jump_taken(BPF_OP(f->code), audit, f->k) ? f->jt : f->jf);
		} else {
			return 0;
		}
	}
	return 0;
}

static size_t group_len(const struct group *g)
{
	size_t n = 2 + g->s390;
	if (g->split) /* jgt and jset, or jset alone; jgt for x32 */
		return n + (g->has_main ? 2 : 1) + g->has_x32;
	return n + 1;
}

int bpf_prepend_enosys(struct sr_bpf *prog, const struct sr_enosys_arch *v,
		       size_t n, struct sr_error *err)
{
	struct group groups[32];
	size_t ng = 0;

	for (size_t i = 0; i < n; i++) {
		const struct sr_arch *a = v[i].arch;
		struct group *g = NULL;
		for (size_t j = 0; j < ng; j++)
			if (groups[j].audit == a->audit_arch)
				g = &groups[j];
		if (!g) {
			if (ng == ARRAY_SIZE(groups))
				return sr_fail(err, "too many architectures for the ENOSYS stub");
			g = &groups[ng++];
			*g = (struct group){
				.audit = a->audit_arch,
				.s390 = strncmp(a->lib_name, "s390", 4) == 0,
				.split = strcmp(a->lib_name, "x86_64") == 0 ||
					 strcmp(a->lib_name, "x32") == 0,
			};
		}
		if (a->x32_bit) {
			g->has_x32 = true;
			g->max_x32 = v[i].max_nr;
		} else {
			g->has_main = true;
			g->max_main = v[i].max_nr;
		}
	}
	if (!ng)
		return 0;

	size_t stub_len = 1 + 1; /* ld arch ... ret enosys */
	for (size_t i = 0; i < ng; i++)
		stub_len += group_len(&groups[i]);
	/* A conditional jump reaches 255 ahead; allowing for every group's
	 * trampoline, decide which continuations need one. */
	size_t ntramp = 0;
	for (size_t i = 0; i < ng; i++) {
		groups[i].entry = past_prologue(prog, groups[i].audit);
		groups[i].trampoline = stub_len + ng + groups[i].entry > 255;
		ntramp += groups[i].trampoline;
	}
	stub_len += ntramp;
	const size_t enosys = stub_len - 1, orig = stub_len;
	size_t tramp_at = enosys - ntramp;
	for (size_t i = 0; i < ng; i++)
		groups[i].cont = groups[i].trampoline ? tramp_at++ : orig + groups[i].entry;

	if (stub_len + prog->len > BPF_MAXINSNS)
		return sr_fail(err, "the filter has %zu instructions with the ENOSYS stub, "
			       "more than the kernel's %d",
			       stub_len + prog->len, BPF_MAXINSNS);

	struct sock_filter *out = xcalloc(stub_len + prog->len, sizeof(*out));
	size_t pc = 0;
	out[pc++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	for (size_t i = 0; i < ng; i++) {
		const struct group *g = &groups[i];
		const size_t cont = g->cont;
		size_t next = pc + group_len(g);
		if (i == ng - 1)
			next = orig;
		out[pc] = jump(BPF_JMP | BPF_JEQ | BPF_K, g->audit, pc, pc + 1, next);
		pc++;
		out[pc++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
		if (g->s390) {
			out[pc] = jump(BPF_JMP | BPF_JEQ | BPF_K, 0, pc, enosys, pc + 1);
			pc++;
		}
		if (!g->split) {
			out[pc] = jump(BPF_JMP | BPF_JGT | BPF_K, g->max_main, pc, enosys, cont);
			pc++;
			continue;
		}
		/* amd64 numbers are below the x32 bit: one comparison lets the
		 * common case through, and only larger numbers ask which ABI. */
		if (g->has_main) {
			out[pc] = jump(BPF_JMP | BPF_JGT | BPF_K, g->max_main, pc, pc + 1, cont);
			pc++;
			out[pc] = jump(BPF_JMP | BPF_JSET | BPF_K, X32_SYSCALL_BIT, pc,
				       g->has_x32 ? pc + 1 : cont, enosys);
			pc++;
		} else {
			out[pc] = jump(BPF_JMP | BPF_JSET | BPF_K, X32_SYSCALL_BIT, pc, pc + 1, cont);
			pc++;
		}
		if (g->has_x32) {
			out[pc] = jump(BPF_JMP | BPF_JGT | BPF_K, g->max_x32, pc, enosys, cont);
			pc++;
		}
	}
	for (size_t i = 0; i < ng; i++) {
		if (!groups[i].trampoline)
			continue;
		out[pc] = stmt(BPF_JMP | BPF_JA, (uint32_t)(orig + groups[i].entry - pc - 1));
		pc++;
	}
	out[pc++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
	memcpy(out + pc, prog->insns, prog->len * sizeof(*out));
	free(prog->insns);
	prog->insns = out;
	prog->len += stub_len;
	return 0;
}

static uint32_t load_word(const struct seccomp_data *d, uint32_t off)
{
	uint32_t w;
	memcpy(&w, (const char *)d + off, sizeof(w));
	return w;
}

bool bpf_alu(uint16_t op, uint32_t *a, uint32_t v)
{
	switch (op) {
	case BPF_ADD: *a += v; break;
	case BPF_SUB: *a -= v; break;
	case BPF_MUL: *a *= v; break;
	case BPF_DIV:
		if (!v)
			return false;
		*a /= v;
		break;
	case BPF_MOD:
		if (!v)
			return false;
		*a %= v;
		break;
	case BPF_OR: *a |= v; break;
	case BPF_AND: *a &= v; break;
	case BPF_XOR: *a ^= v; break;
	case BPF_LSH: *a = v < 32 ? *a << v : 0; break;
	case BPF_RSH: *a = v < 32 ? *a >> v : 0; break;
	case BPF_NEG: *a = -*a; break;
	default:
		return false;
	}
	return true;
}

uint32_t bpf_run(const struct sr_bpf *prog, const struct seccomp_data *data,
		 size_t *steps)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS_MAX] = { 0 };
	size_t n = 0;

	for (size_t pc = 0; pc < prog->len; pc++) {
		const struct sock_filter *f = &prog->insns[pc];
		uint16_t cls = BPF_CLASS(f->code);
		n++;
		switch (cls) {
		case BPF_LD:
		case BPF_LDX: {
			uint32_t v;
			switch (BPF_MODE(f->code)) {
			case BPF_ABS:
				if (f->k % 4 || f->k >= sizeof(*data))
					goto reject;
				v = load_word(data, f->k);
				break;
			case BPF_LEN: v = sizeof(*data); break;
			case BPF_IMM: v = f->k; break;
			case BPF_MEM:
				if (f->k >= BPF_MEMWORDS_MAX)
					goto reject;
				v = mem[f->k];
				break;
			default:
				goto reject;
			}
			*(cls == BPF_LD ? &a : &x) = v;
			break;
		}
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS_MAX)
				goto reject;
			mem[f->k] = cls == BPF_ST ? a : x;
			break;
		case BPF_ALU:
			if (!bpf_alu(BPF_OP(f->code), &a, BPF_SRC(f->code) == BPF_X ? x : f->k))
				goto done_zero;
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA)
				pc += f->k;
			else if (bpf_jump_taken(BPF_OP(f->code), a,
					    BPF_SRC(f->code) == BPF_X ? x : f->k))
				pc += f->jt;
			else
				pc += f->jf;
			break;
		case BPF_RET:
			if (steps)
				*steps = n;
			return BPF_RVAL(f->code) == BPF_A ? a : f->k;
		case BPF_MISC:
			if (BPF_MISCOP(f->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		default:
			goto reject;
		}
	}
reject:
	if (steps)
		*steps = n;
	return SECCOMP_RET_KILL_PROCESS;
done_zero:
	/* The kernel's classic BPF returns 0 (kill thread) on division by 0. */
	if (steps)
		*steps = n;
	return 0;
}

/* Opcodes seccomp accepts (kernel/seccomp.c seccomp_check_filter, after
 * net/core/filter.c bpf_check_classic). */
static bool opcode_allowed(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_JMP | BPF_JA:
		return true;
	}
	switch (BPF_CLASS(code)) {
	case BPF_ALU:
		switch (BPF_OP(code)) {
		case BPF_ADD: case BPF_SUB: case BPF_MUL: case BPF_DIV: case BPF_MOD:
		case BPF_OR: case BPF_AND: case BPF_XOR: case BPF_LSH: case BPF_RSH:
			return true;
		case BPF_NEG:
			return BPF_SRC(code) == BPF_K;
		}
		return false;
	case BPF_JMP:
		switch (BPF_OP(code)) {
		case BPF_JEQ: case BPF_JGT: case BPF_JGE: case BPF_JSET:
			return true;
		}
		return false;
	}
	return false;
}

/* What the kernel would refuse in one instruction, or NULL. rest is the
 * number of instructions after it. */
static const char *insn_problem(const struct sock_filter *f, size_t rest)
{
	uint16_t cls = BPF_CLASS(f->code), op = BPF_OP(f->code);

	if (!opcode_allowed(f->code))
		return "opcode not allowed in seccomp";
	if (f->code == (BPF_LD | BPF_W | BPF_ABS) &&
	    (f->k % 4 || f->k >= sizeof(struct seccomp_data)))
		return "load from outside seccomp_data";
	if ((cls == BPF_ST || cls == BPF_STX ||
	     ((cls == BPF_LD || cls == BPF_LDX) && BPF_MODE(f->code) == BPF_MEM)) &&
	    f->k >= BPF_MEMWORDS_MAX)
		return "scratch memory slot out of range";
	if (cls == BPF_ALU && BPF_SRC(f->code) == BPF_K) {
		if ((op == BPF_DIV || op == BPF_MOD) && f->k == 0)
			return "division by constant zero";
		if ((op == BPF_LSH || op == BPF_RSH) && f->k >= 32)
			return "shift by 32 or more";
	}
	if (f->code == (BPF_JMP | BPF_JA) ? f->k >= rest
	    : cls == BPF_JMP && (f->jt >= rest || f->jf >= rest))
		return "jump past the end";
	return NULL;
}

int bpf_validate(const struct sr_bpf *prog, struct sr_error *err)
{
	if (prog->len == 0 || prog->len > BPF_MAXINSNS)
		return sr_fail(err, "BPF program has %zu instructions, expected 1 to %d",
			       prog->len, BPF_MAXINSNS);
	for (size_t pc = 0; pc < prog->len; pc++) {
		const struct sock_filter *f = &prog->insns[pc];
		const char *why = insn_problem(f, prog->len - pc - 1);
		if (why)
			return sr_fail(err, "BPF instruction %zu (code 0x%04x, k %u): %s",
				       pc, f->code, f->k, why);
	}
	if (BPF_CLASS(prog->insns[prog->len - 1].code) != BPF_RET)
		return sr_fail(err, "BPF program does not end with a return");
	return 0;
}

int bpf_load(const struct sr_bpf *prog)
{
	struct sock_fprog fprog = {
		.len = (unsigned short)prog->len,
		.filter = prog->insns,
	};
	if (sr_fault("seccomp"))
		return -EINVAL;
	if (sr_fault("seccomp-eacces"))
		return -EACCES;
	/* The listener fd with SECCOMP_FILTER_FLAG_NEW_LISTENER, else 0. */
	long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, prog->flags, &fprog);
	return rc >= 0 ? (int)rc : -errno;
}

int bpf_read_file(const char *path, struct sr_bpf *out, struct sr_error *err)
{
	_cleanup_free_ char *bytes = NULL;
	size_t len;
	if (read_path(path, "BPF file", BPF_MAXINSNS * sizeof(struct sock_filter), &bytes,
		      &len, err) < 0)
		return -1;
	if (len == 0 || len % sizeof(struct sock_filter))
		return sr_fail_at(err, path, NULL,
				  "is %zu bytes, expected a raw BPF program: a non-empty "
				  "multiple of %zu (seccomp-run export --format bpf)",
				  len, sizeof(struct sock_filter));
	struct sr_bpf prog = { .len = len / sizeof(struct sock_filter) };
	prog.insns = xmalloc(len);
	memcpy(prog.insns, bytes, len);
	/* A filter from elsewhere gets the kernel's scrutiny before ours: the
	 * exec check runs it through our interpreter. */
	if (bpf_validate(&prog, err) < 0) {
		bpf_free(&prog);
		snprintf(err->file, sizeof(err->file), "%s", path);
		return -1;
	}
	/* The raw format has no flags: load as a profile without "flags"
	 * would, with SPEC_ALLOW dropped where the kernel refuses it. */
	prog.flags = prog.optional_flags = SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	*out = prog;
	return 0;
}

/* What the accumulator holds, as far as naming constants goes: a jeq
 * against 0xc000003e reads as AUDIT_ARCH_X86_64 only where A surely holds
 * the arch, on every path in. */
enum acc {
	ACC_UNREACHED,  /* no path seen yet */
	ACC_ARCH,
	ACC_OTHER,
};

static enum acc acc_merge(enum acc a, enum acc b)
{
	return a == ACC_UNREACHED ? b : b == ACC_UNREACHED || a == b ? a : ACC_OTHER;
}

static enum acc acc_after(const struct sock_filter *f, enum acc in)
{
	if (f->code == (BPF_LD | BPF_W | BPF_ABS) &&
	    f->k == offsetof(struct seccomp_data, arch))
		return ACC_ARCH;
	if (BPF_CLASS(f->code) == BPF_LD || BPF_CLASS(f->code) == BPF_ALU ||
	    f->code == (BPF_MISC | BPF_TXA))
		return ACC_OTHER;
	return in;
}

/* Classic BPF jumps only forward, so one pass in program order has seen
 * every predecessor of an instruction before reaching it. */
static enum acc *acc_states(const struct sr_bpf *prog)
{
	enum acc *in = xcalloc(prog->len, sizeof(*in));
	if (prog->len)
		in[0] = ACC_OTHER; /* A starts as 0 */
	for (size_t pc = 0; pc < prog->len; pc++) {
		const struct sock_filter *f = &prog->insns[pc];
		enum acc out = acc_after(f, in[pc]);
		size_t next[2] = { pc + 1, SIZE_MAX };
		if (BPF_CLASS(f->code) == BPF_RET)
			continue;
		if (f->code == (BPF_JMP | BPF_JA))
			next[0] = pc + 1 + f->k;
		else if (BPF_CLASS(f->code) == BPF_JMP)
			next[0] = pc + 1 + f->jt, next[1] = pc + 1 + f->jf;
		for (size_t i = 0; i < 2; i++)
			if (next[i] < prog->len)
				in[next[i]] = acc_merge(in[next[i]], out);
	}
	return in;
}

/* seccomp_data in the host's byte order, which is the filtered task's: the
 * low half of a 64-bit field comes first on a little-endian machine. */
static void put_field(FILE *f, uint32_t k)
{
	static const char *const half[2] = {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		"lo", "hi",
#else
		"hi", "lo",
#endif
	};
	const uint32_t args = offsetof(struct seccomp_data, args);
	const uint32_t ip = offsetof(struct seccomp_data, instruction_pointer);

	if (k % 4 || k >= sizeof(struct seccomp_data))
		fprintf(f, "[%u]", k);
	else if (k == offsetof(struct seccomp_data, nr))
		fputs("nr", f);
	else if (k == offsetof(struct seccomp_data, arch))
		fputs("arch", f);
	else if (k < args)
		fprintf(f, "ip.%s", half[(k - ip) / 4]);
	else
		fprintf(f, "args[%u].%s", (k - args) / 8, half[(k - args) % 8 / 4]);
}

/* The kernel's name of an audit arch: the profile's SCMP_ARCH_* spelling
 * except where the two disagree. x32 shares x86_64's value and comes later
 * in the table, so x86_64 names it. */
static bool put_audit_arch(FILE *f, uint32_t k)
{
	static const struct {
		const char *lib_name, *audit;
	} renamed[] = { { "x86", "I386" }, { "sh", "SHEL" }, { "sheb", "SH" } };
	const struct sr_arch *a = NULL;

	for (unsigned i = 0; (a = sr_arch_at(i)) && a->audit_arch != k; i++)
		;
	if (!a)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(renamed); i++)
		if (strcmp(a->lib_name, renamed[i].lib_name) == 0) {
			fprintf(f, "AUDIT_ARCH_%s", renamed[i].audit);
			return true;
		}
	fprintf(f, "AUDIT_ARCH_%s", a->scmp_name + strlen("SCMP_ARCH_"));
	return true;
}

/* Small numbers (syscall numbers, errnos, indexes) read best in decimal,
 * masks and 64-bit halves in hex. */
static void put_k(FILE *f, uint32_t k)
{
	if (k < 0x10000)
		fprintf(f, "%u", k);
	else
		fprintf(f, "%#x", k);
}

static void put_ret(FILE *f, uint32_t k)
{
	char buf[64];
	sr_ret_str(k, buf, sizeof(buf));
	/* "ret ERRNO(ENOSYS)": the prefix is the same on every line. */
	fputs(strncmp(buf, "SCMP_ACT_", 9) == 0 ? buf + 9 : buf, f);
}

static const char *alu_name(uint16_t op)
{
	switch (op) {
	case BPF_ADD: return "add";
	case BPF_SUB: return "sub";
	case BPF_MUL: return "mul";
	case BPF_DIV: return "div";
	case BPF_MOD: return "mod";
	case BPF_OR: return "or";
	case BPF_AND: return "and";
	case BPF_XOR: return "xor";
	case BPF_LSH: return "lsh";
	case BPF_RSH: return "rsh";
	case BPF_NEG: return "neg";
	default: return NULL;
	}
}

static const char *jmp_name(uint16_t op)
{
	switch (op) {
	case BPF_JA: return "ja";
	case BPF_JEQ: return "jeq";
	case BPF_JGT: return "jgt";
	case BPF_JGE: return "jge";
	case BPF_JSET: return "jset";
	default: return NULL;
	}
}

static void put_jump(FILE *f, const struct sock_filter *in, size_t pc, enum acc acc)
{
	uint16_t op = BPF_OP(in->code);

	if (op == BPF_JA) {
		fprintf(f, "%-4s %zu", "ja", pc + 1 + in->k);
		return;
	}
	fprintf(f, "%-4s ", jmp_name(op));
	if (BPF_SRC(in->code) == BPF_X)
		fputs("x", f);
	else if (op == BPF_JSET)
		fprintf(f, "%#x", in->k);
	else if (acc != ACC_ARCH || !put_audit_arch(f, in->k))
		put_k(f, in->k);
	fprintf(f, " jt %zu jf %zu", pc + 1 + in->jt, pc + 1 + in->jf);
}

static void put_load(FILE *f, const struct sock_filter *in)
{
	const char *mn = BPF_CLASS(in->code) == BPF_LDX ? "ldx" : "ld";
	uint16_t size = BPF_SIZE(in->code);
	char sized[8];

	switch (BPF_MODE(in->code)) {
	case BPF_ABS:
		snprintf(sized, sizeof(sized), "%s%s", mn,
			 size == BPF_H ? "h" : size == BPF_B ? "b" : "");
		fprintf(f, "%-4s ", sized);
		if (size == BPF_W)
			put_field(f, in->k);
		else
			fprintf(f, "[%u]", in->k);
		break;
	case BPF_IND:
		fprintf(f, "%-4s [x+%u]", mn, in->k);
		break;
	case BPF_IMM:
		fprintf(f, "%-4s #", mn);
		put_k(f, in->k);
		break;
	case BPF_MEM:
		fprintf(f, "%-4s M[%u]", mn, in->k);
		break;
	case BPF_LEN:
		fprintf(f, "%-4s len", mn);
		break;
	case BPF_MSH:
		fprintf(f, "%-4s 4*([%u]&0xf)", mn, in->k);
		break;
	default:
		fprintf(f, "code %#06x k %#x", in->code, in->k);
	}
}

static void put_insn(FILE *f, const struct sock_filter *in, size_t pc, enum acc acc)
{
	uint16_t cls = BPF_CLASS(in->code);
	const char *alu = cls == BPF_ALU ? alu_name(BPF_OP(in->code)) : NULL;

	if (cls == BPF_LD || cls == BPF_LDX) {
		put_load(f, in);
	} else if (cls == BPF_ST || cls == BPF_STX) {
		fprintf(f, "%-4s M[%u]", cls == BPF_ST ? "st" : "stx", in->k);
	} else if (alu && BPF_OP(in->code) == BPF_NEG) {
		fputs(alu, f);
	} else if (alu) {
		fprintf(f, "%-4s ", alu);
		if (BPF_SRC(in->code) == BPF_X)
			fputs("x", f);
		else {
			fputc('#', f);
			put_k(f, in->k);
		}
	} else if (cls == BPF_JMP && jmp_name(BPF_OP(in->code))) {
		put_jump(f, in, pc, acc);
	} else if (cls == BPF_RET) {
		fprintf(f, "%-4s ", "ret");
		if (BPF_RVAL(in->code) == BPF_A)
			fputs("A", f);
		else
			put_ret(f, in->k);
	} else if (in->code == (BPF_MISC | BPF_TAX) || in->code == (BPF_MISC | BPF_TXA)) {
		fputs(BPF_MISCOP(in->code) == BPF_TAX ? "tax" : "txa", f);
	} else {
		/* Not classic BPF: show the raw fields rather than guess. */
		fprintf(f, "code %#06x jt %u jf %u k %#x", in->code, in->jt, in->jf, in->k);
	}
}

void bpf_disasm(const struct sr_bpf *prog, FILE *f)
{
	_cleanup_free_ enum acc *acc = acc_states(prog);

	for (size_t pc = 0; pc < prog->len; pc++) {
		fprintf(f, "%4zu: ", pc);
		put_insn(f, &prog->insns[pc], pc, acc[pc]);
		fputc('\n', f);
	}
}

/* ------------------------------------------------------------ supervision */

bool bpf_ret_denies(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF:
		return false;
	default:
		/* KILL_*, TRAP, ERRNO, and values the kernel does not know,
		 * which it treats as KILL_PROCESS. */
		return true;
	}
}

int bpf_notify_denials(struct sr_bpf *prog, struct sr_error *err)
{
	for (size_t pc = 0; pc < prog->len; pc++) {
		struct sock_filter *f = &prog->insns[pc];
		if (f->code == (BPF_RET | BPF_A))
			return sr_fail(err, "BPF instruction %zu returns a computed value: which "
				       "calls it denies cannot be told before it runs", pc);
		if (f->code == (BPF_RET | BPF_K) && bpf_ret_denies(f->k))
			f->k = SECCOMP_RET_USER_NOTIF;
	}
	return 0;
}

/* Offset of the low (hi false) or high half of seccomp_data.args[i]: the
 * 64-bit arguments are in the task's byte order. */
static uint32_t arg_half(unsigned i, bool hi)
{
	uint32_t off = (uint32_t)offsetof(struct seccomp_data, args[0]) + 8 * i;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	hi = !hi;
#endif
	return off + (hi ? 4 : 0);
}

/* In front of prog:
 *
 *	ld  arch;  jne NATIVE, orig
 *	ld  nr;    jne sendmsg, orig
 *	ld  args[3] low half;  jne cookie[0] low, orig
 *	ld  args[3] high half; jne cookie[0] high, orig
 *	... args[4], args[5]
 *	ret ALLOW
 * orig: and #0                      A as the kernel starts it
 *	the original program
 *
 * sendmsg ignores its arguments 3 to 5, so the hand-off call can carry the
 * cookie there. A program exec'd later cannot know it, and only sendmsg
 * loads arguments here, so every other syscall stays as cacheable as in
 * the original (the kernel's emulator follows ld arch/nr, jeq and and). */
int bpf_prepend_handoff(struct sr_bpf *prog, const unsigned long cookie[SR_HANDOFF_COOKIE_WORDS],
			struct sr_error *err)
{
	enum { PREFIX = 4 + 4 * SR_HANDOFF_COOKIE_WORDS + 2 };
	const size_t orig = PREFIX - 1;
	if (prog->len + PREFIX > BPF_MAXINSNS)
		return sr_fail(err, "the filter has %zu instructions with the fd hand-off, more "
			       "than the kernel's %d", prog->len + PREFIX, BPF_MAXINSNS);

	struct sock_filter *out = xcalloc(prog->len + PREFIX, sizeof(*out));
	size_t pc = 0;
	out[pc++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	out[pc] = jump(BPF_JMP | BPF_JEQ | BPF_K, sr_arch_native()->audit_arch, pc, pc + 1, orig);
	pc++;
	out[pc++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	out[pc] = jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_sendmsg, pc, pc + 1, orig);
	pc++;
	for (unsigned i = 0; i < SR_HANDOFF_COOKIE_WORDS; i++) {
		uint64_t v = cookie[i];
		for (int hi = 0; hi < 2; hi++) {
			out[pc++] = stmt(BPF_LD | BPF_W | BPF_ABS, arg_half(3 + i, hi));
			out[pc] = jump(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(hi ? v >> 32 : v), pc,
				       pc + 1, orig);
			pc++;
		}
	}
	out[pc++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	out[pc++] = stmt(BPF_ALU | BPF_AND | BPF_K, 0);
	memcpy(out + pc, prog->insns, prog->len * sizeof(*out));
	free(prog->insns);
	prog->insns = out;
	prog->len += PREFIX;
	return 0;
}
