/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The layout of the filters seccomp-run loads: for each architecture, a
 * binary search over syscall number ranges whose leaves are the argument
 * checks, if any, and the return.
 *
 * libseccomp's own binary tree (SCMP_FLTATR_CTL_OPTIMIZE=2) costs a third
 * more compile time than its linear layout, and both are larger than
 * needed: every syscall is a comparison of its own even where its
 * neighbours share its action. The kernel pays for size at load time
 * (about 0.1 us an instruction to check, convert and JIT) and for path
 * length on every uncached call and in its cache's emulator at load.
 *
 * So we take libseccomp's linear program (with the ENOSYS stub in front)
 * and partially evaluate it. For each audit arch value it compares, and for
 * one value it never names, the walk follows the program with the arch
 * known and the syscall number symbolic: a JEQ on the number decides one
 * number (whose path is then evaluated with the number known), a JGT, JGE
 * or JSET splits the range. What remains of a path once the number is
 * fixed (loads of arguments and the comparisons on them) is kept as it is,
 * as a DAG of hash-consed nodes, so equal code exists once. The numbers
 * then fall into maximal ranges of equal code, and a balanced tree of JGE
 * finds the range.
 *
 * The result computes the same function as the input for every seccomp_data
 * by construction; fuzz_compile and the unit tests check it with bpf_run,
 * and the integration tests with the kernel. Anything the walk does not
 * reason about (the X register, scratch memory, arithmetic on the number)
 * leaves the program as it was.
 */
#include "bpf.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "util.h"

#define NR_OFF ((uint32_t)offsetof(struct seccomp_data, nr))
#define ARCH_OFF ((uint32_t)offsetof(struct seccomp_data, arch))
#define JUMP_REACH 255u
/* A bound on the walk for hostile shapes; libseccomp's programs need a few
 * steps per instruction. */
#define STEP_BUDGET (1u << 22)
/* JSET on the number splits a range into runs of equal bits; only high
 * bits (x32's) make few runs. */
#define JSET_MAX_RUNS 64
#define NONE INT32_MAX

/* What the walk knows about the accumulator. */
enum akind {
	A_CONST,    /* a known value */
	A_REP_ARCH, /* the arch, on the walk for arches the program never names */
	A_NR,       /* the syscall number, within the walk's current range */
	A_UNKNOWN,  /* from the arguments or the instruction pointer */
};

struct acc {
	enum akind kind;
	uint32_t val;
};

/* One instruction of the output and what follows it: jt and jf for a
 * conditional jump, jt alone for a load or arithmetic (which fall through),
 * neither for a return. */
struct node {
	uint16_t code;
	uint32_t k;
	int32_t jt, jf;
};

struct point {
	uint32_t nr;
	int32_t node;
};

struct range {
	uint32_t lo, hi;
	int32_t node;
};

struct layout {
	const struct sock_filter *in;
	size_t len;

	struct node *nodes;
	size_t nnodes, nodes_cap;
	int32_t *table; /* open addressing over nodes, NONE when free */
	size_t table_cap;

	/* The arch being walked, or rep for the arches never named, whose
	 * comparisons are recorded in archs. */
	bool rep;
	uint32_t arch;
	uint32_t *archs;
	size_t narchs, archs_cap;

	/* What the walk of one arch found: numbers decided one by one, and
	 * ranges where every number left undecided shares a node. */
	struct point *points;
	size_t npoints, points_cap;
	uint64_t *decided; /* open addressing over numbers, + 1; 0 when free */
	size_t decided_cap;
	struct range *ranges;
	size_t nranges, ranges_cap;

	/* The number while evaluating a path where it is known. */
	bool nr_known;
	uint32_t nr;

	/* residual()'s memo, one slot an instruction, valid for one context
	 * (arch and number). */
	uint32_t context;
	uint32_t *memo_context;
	struct acc *memo_acc;
	int32_t *memo_node;

	size_t steps;
	bool unsupported;
};

static uint32_t mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x9e3779b1u;
	return h ^ (h >> 15);
}

static uint32_t node_hash(const struct node *n)
{
	return mix(mix(mix(mix(0, n->code), n->k), (uint32_t)n->jt), (uint32_t)n->jf);
}

static void table_grow(struct layout *L)
{
	size_t cap = L->table_cap ? 2 * L->table_cap : 1024;
	int32_t *t = xmalloc(cap * sizeof(*t));
	for (size_t i = 0; i < cap; i++)
		t[i] = NONE;
	for (size_t i = 0; i < L->nnodes; i++) {
		size_t h = node_hash(&L->nodes[i]) & (cap - 1);
		while (t[h] != NONE)
			h = (h + 1) & (cap - 1);
		t[h] = (int32_t)i;
	}
	free(L->table);
	L->table = t;
	L->table_cap = cap;
}

static int32_t node(struct layout *L, uint16_t code, uint32_t k, int32_t jt, int32_t jf)
{
	const struct node want = { code, k, jt, jf };
	if (2 * (L->nnodes + 1) > L->table_cap)
		table_grow(L);
	size_t h = node_hash(&want) & (L->table_cap - 1);
	for (; L->table[h] != NONE; h = (h + 1) & (L->table_cap - 1)) {
		const struct node *n = &L->nodes[L->table[h]];
		if (n->code == code && n->k == k && n->jt == jt && n->jf == jf)
			return L->table[h];
	}
	L->nodes = grow(L->nodes, &L->nodes_cap, L->nnodes, sizeof(*L->nodes));
	L->nodes[L->nnodes] = want;
	L->table[h] = (int32_t)L->nnodes;
	return (int32_t)L->nnodes++;
}

static bool reads_acc(const struct layout *L, int32_t id)
{
	const struct node *n = &L->nodes[id];
	switch (BPF_CLASS(n->code)) {
	case BPF_LD:
		return false;
	case BPF_RET:
		return BPF_RVAL(n->code) == BPF_A;
	default:
		return true;
	}
}

/* A load or arithmetic whose result nothing reads is left out. */
static int32_t straight(struct layout *L, uint16_t code, uint32_t k, int32_t next)
{
	return reads_acc(L, next) ? node(L, code, k, next, NONE) : next;
}

/* A comparison whose branches are the same code is left out. */
static int32_t branch(struct layout *L, uint16_t code, uint32_t k, int32_t jt, int32_t jf)
{
	return jt == jf ? jt : node(L, code, k, jt, jf);
}

static int32_t ret(struct layout *L, uint32_t k)
{
	return node(L, BPF_RET | BPF_K, k, NONE, NONE);
}

static int32_t fail(struct layout *L)
{
	L->unsupported = true;
	return ret(L, SECCOMP_RET_KILL_PROCESS);
}

static bool step(struct layout *L, size_t pc)
{
	if (L->unsupported || pc >= L->len || ++L->steps > STEP_BUDGET) {
		L->unsupported = true;
		return false;
	}
	return true;
}

static void record_arch(struct layout *L, uint32_t k)
{
	for (size_t i = 0; i < L->narchs; i++)
		if (L->archs[i] == k)
			return;
	L->archs = grow(L->archs, &L->archs_cap, L->narchs, sizeof(*L->archs));
	L->archs[L->narchs++] = k;
}

static struct acc load(const struct layout *L, uint32_t off)
{
	if (off == NR_OFF)
		return L->nr_known ? (struct acc){ A_CONST, L->nr } : (struct acc){ A_NR, 0 };
	if (off == ARCH_OFF)
		return L->rep ? (struct acc){ A_REP_ARCH, 0 } : (struct acc){ A_CONST, L->arch };
	return (struct acc){ A_UNKNOWN, 0 };
}

/* Where a jump on a known accumulator goes; false when the walk cannot
 * know (a comparison on the arch the program never names other than JEQ,
 * which such an arch fails by the choice of its value). */
static bool follow_known(struct layout *L, const struct sock_filter *f, struct acc a,
			 size_t *pc)
{
	if (a.kind == A_CONST) {
		bool taken = bpf_jump_taken(BPF_OP(f->code), a.val, f->k);
		*pc += 1u + (taken ? f->jt : f->jf);
		return true;
	}
	if (a.kind == A_REP_ARCH && BPF_OP(f->code) == BPF_JEQ) {
		record_arch(L, f->k);
		*pc += 1u + f->jf;
		return true;
	}
	return false;
}

static bool memo_hit(const struct layout *L, size_t pc, struct acc a)
{
	return L->memo_context[pc] == L->context && L->memo_acc[pc].kind == a.kind &&
	       L->memo_acc[pc].val == a.val;
}

/* The code of the rest of a path from pc, given what A holds, with the
 * arch and (if nr_known) the number fixed. */
static int32_t residual(struct layout *L, size_t pc, struct acc a)
{
	const size_t start = pc;
	const struct acc start_acc = a;
	int32_t out;

	if (pc < L->len && memo_hit(L, pc, a))
		return L->memo_node[pc];
	for (;;) {
		if (!step(L, pc))
			return fail(L);
		const struct sock_filter *f = &L->in[pc];
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			if (f->code != (BPF_LD | BPF_W | BPF_ABS))
				return fail(L);
			a = load(L, f->k);
			if (a.kind == A_NR)
				return fail(L);
			if (a.kind == A_UNKNOWN) {
				out = straight(L, f->code, f->k, residual(L, pc + 1, a));
				goto done;
			}
			pc++;
			continue;
		case BPF_ALU:
			if (BPF_SRC(f->code) != BPF_K)
				return fail(L);
			if (a.kind == A_CONST) {
				if (!bpf_alu(BPF_OP(f->code), &a.val, f->k))
					return fail(L);
				pc++;
				continue;
			}
			if (a.kind != A_UNKNOWN)
				return fail(L);
			out = straight(L, f->code, f->k, residual(L, pc + 1, a));
			goto done;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA) {
				pc += 1u + f->k;
				continue;
			}
			if (BPF_SRC(f->code) != BPF_K)
				return fail(L);
			if (follow_known(L, f, a, &pc))
				continue;
			if (a.kind != A_UNKNOWN)
				return fail(L);
			out = branch(L, f->code, f->k, residual(L, pc + 1 + f->jt, a),
				     residual(L, pc + 1 + f->jf, a));
			goto done;
		case BPF_RET:
			if (BPF_RVAL(f->code) == BPF_K) {
				out = ret(L, f->k);
			} else if (a.kind == A_CONST) {
				out = ret(L, a.val);
			} else if (a.kind == A_UNKNOWN) {
				out = node(L, f->code, 0, NONE, NONE);
			} else {
				return fail(L);
			}
			goto done;
		default:
			return fail(L);
		}
	}
done:
	L->memo_context[start] = L->context;
	L->memo_acc[start] = start_acc;
	L->memo_node[start] = out;
	return out;
}

static bool is_decided(const struct layout *L, uint32_t nr)
{
	if (!L->decided_cap)
		return false;
	size_t h = mix(0, nr) & (L->decided_cap - 1);
	for (; L->decided[h]; h = (h + 1) & (L->decided_cap - 1))
		if (L->decided[h] - 1 == nr)
			return true;
	return false;
}

static void add_point(struct layout *L, uint32_t nr, int32_t id)
{
	if (2 * (L->npoints + 1) > L->decided_cap) {
		free(L->decided);
		L->decided_cap = L->decided_cap ? 2 * L->decided_cap : 1024;
		L->decided = xcalloc(L->decided_cap, sizeof(*L->decided));
		for (size_t i = 0; i < L->npoints; i++) {
			size_t h = mix(0, L->points[i].nr) & (L->decided_cap - 1);
			while (L->decided[h])
				h = (h + 1) & (L->decided_cap - 1);
			L->decided[h] = (uint64_t)L->points[i].nr + 1;
		}
	}
	size_t h = mix(0, nr) & (L->decided_cap - 1);
	while (L->decided[h])
		h = (h + 1) & (L->decided_cap - 1);
	L->decided[h] = (uint64_t)nr + 1;
	L->points = grow(L->points, &L->points_cap, L->npoints, sizeof(*L->points));
	L->points[L->npoints++] = (struct point){ nr, id };
}

static void add_range(struct layout *L, uint32_t lo, uint32_t hi, int32_t id)
{
	L->ranges = grow(L->ranges, &L->ranges_cap, L->nranges, sizeof(*L->ranges));
	L->ranges[L->nranges++] = (struct range){ lo, hi, id };
}

/* The path from pc for one number, known from here on. */
static int32_t decide(struct layout *L, size_t pc, uint32_t nr)
{
	L->context++;
	L->nr_known = true;
	L->nr = nr;
	int32_t id = residual(L, pc, (struct acc){ A_CONST, nr });
	L->nr_known = false;
	return id;
}

/* The path from pc for every number in [lo, hi] not yet decided, where
 * the rest of the path must not depend on the number. */
static void settle(struct layout *L, size_t pc, struct acc a, uint32_t lo, uint32_t hi)
{
	L->context++;
	add_range(L, lo, hi, residual(L, pc, a));
}

/* Walk from pc with the number symbolic within [lo, hi]. */
static void dispatch(struct layout *L, size_t pc, struct acc a, uint32_t lo, uint32_t hi)
{
	for (;;) {
		if (!step(L, pc))
			return;
		const struct sock_filter *f = &L->in[pc];
		if (f->code == (BPF_LD | BPF_W | BPF_ABS) && (f->k == NR_OFF || f->k == ARCH_OFF)) {
			a = load(L, f->k);
			pc++;
			continue;
		}
		if (BPF_CLASS(f->code) == BPF_ALU && BPF_SRC(f->code) == BPF_K && a.kind == A_CONST) {
			if (!bpf_alu(BPF_OP(f->code), &a.val, f->k)) {
				L->unsupported = true;
				return;
			}
			pc++;
			continue;
		}
		if (BPF_CLASS(f->code) != BPF_JMP) {
			settle(L, pc, a, lo, hi);
			return;
		}
		if (BPF_OP(f->code) == BPF_JA) {
			pc += 1u + f->k;
			continue;
		}
		if (BPF_SRC(f->code) != BPF_K) {
			L->unsupported = true;
			return;
		}
		if (follow_known(L, f, a, &pc))
			continue;
		if (a.kind != A_NR) {
			settle(L, pc, a, lo, hi);
			return;
		}
		const size_t jt = pc + 1 + f->jt, jf = pc + 1 + f->jf;
		const uint32_t k = f->k;
		switch (BPF_OP(f->code)) {
		case BPF_JEQ:
			if (k >= lo && k <= hi && !is_decided(L, k))
				add_point(L, k, decide(L, jt, k));
			pc = jf;
			continue;
		case BPF_JGT:
		case BPF_JGE: {
			/* The first number that takes the jump. */
			uint64_t first = BPF_OP(f->code) == BPF_JGT ? (uint64_t)k + 1 : k;
			if (first > hi) {
				pc = jf;
			} else if (first <= lo) {
				pc = jt;
			} else {
				dispatch(L, jt, a, (uint32_t)first, hi);
				hi = (uint32_t)first - 1;
				pc = jf;
			}
			continue;
		}
		case BPF_JSET:
			if (k & (k - 1) || k < 0x10000u) {
				L->unsupported = true;
				return;
			}
			for (uint64_t x = lo, runs = 0; x <= hi; runs++) {
				uint64_t end = (x | (k - 1u));
				if (end > hi)
					end = hi;
				if (runs == JSET_MAX_RUNS) {
					L->unsupported = true;
					return;
				}
				dispatch(L, ((uint32_t)x & k) ? jt : jf, a, (uint32_t)x, (uint32_t)end);
				x = end + 1;
			}
			return;
		default:
			L->unsupported = true;
			return;
		}
	}
}

static int cmp_point(const void *x, const void *y)
{
	const struct point *a = x, *b = y;
	return (a->nr > b->nr) - (a->nr < b->nr);
}

static int cmp_range(const void *x, const void *y)
{
	const struct range *a = x, *b = y;
	return (a->lo > b->lo) - (a->lo < b->lo);
}

struct seg {
	uint32_t lo; /* up to the next segment's lo - 1 */
	int32_t node;
};

static void add_seg(struct seg **v, size_t *n, size_t *cap, uint32_t lo, int32_t id)
{
	if (*n && (*v)[*n - 1].node == id)
		return;
	*v = grow(*v, cap, *n, sizeof(**v));
	(*v)[(*n)++] = (struct seg){ lo, id };
}

/* The ranges and points of one arch as maximal segments of equal code. */
static struct seg *segments(struct layout *L, size_t *nsegs)
{
	if (L->npoints)
		qsort(L->points, L->npoints, sizeof(*L->points), cmp_point);
	qsort(L->ranges, L->nranges, sizeof(*L->ranges), cmp_range);
	struct seg *v = NULL;
	size_t n = 0, cap = 0, p = 0;
	for (size_t r = 0; r < L->nranges; r++) {
		const struct range *R = &L->ranges[r];
		uint64_t x = R->lo;
		for (; p < L->npoints && L->points[p].nr <= R->hi; p++) {
			if (L->points[p].nr > x)
				add_seg(&v, &n, &cap, (uint32_t)x, R->node);
			add_seg(&v, &n, &cap, L->points[p].nr, L->points[p].node);
			x = (uint64_t)L->points[p].nr + 1;
		}
		if (x <= R->hi)
			add_seg(&v, &n, &cap, (uint32_t)x, R->node);
	}
	*nsegs = n;
	return v;
}

/* Up to this many single numbers on one background are a chain of JEQ: as
 * few steps as a search over their 2n + 1 segments, in half the code. */
#define CHAIN_MAX 4

/* Whether segments [i, j] are single numbers on one background. */
static bool points_on_background(const struct seg *s, size_t i, size_t j)
{
	if ((j - i) % 2 || (j - i) / 2 > CHAIN_MAX)
		return false;
	for (size_t x = i + 1; x < j; x += 2)
		if (s[x].node == s[i].node || s[x + 1].node != s[i].node ||
		    s[x].lo + 1 != s[x + 1].lo)
			return false;
	return true;
}

/* A balanced search over segments [i, j] of one arch. */
static int32_t search(struct layout *L, const struct seg *s, size_t i, size_t j)
{
	if (i == j)
		return s[i].node;
	if (points_on_background(s, i, j)) {
		int32_t id = s[i].node;
		for (size_t x = j; x > i; x -= 2)
			id = branch(L, BPF_JMP | BPF_JEQ | BPF_K, s[x - 1].lo, s[x - 1].node, id);
		return id;
	}
	size_t mid = i + (j - i + 1) / 2;
	int32_t right = search(L, s, mid, j);
	int32_t left = search(L, s, i, mid - 1);
	return branch(L, BPF_JMP | BPF_JGE | BPF_K, s[mid].lo, right, left);
}

/* The code for calls on one arch value (or on every arch the program does
 * not name, with rep). */
static int32_t arch_section(struct layout *L, bool rep, uint32_t arch)
{
	L->rep = rep;
	L->arch = arch;
	L->npoints = L->nranges = 0;
	if (L->decided_cap)
		memset(L->decided, 0, L->decided_cap * sizeof(*L->decided));
	dispatch(L, 0, (struct acc){ A_CONST, 0 }, 0, UINT32_MAX);
	if (L->unsupported)
		return NONE;
	size_t n;
	_cleanup_free_ struct seg *s = segments(L, &n);
	if (n == 1)
		return s[0].node;
	return straight(L, BPF_LD | BPF_W | BPF_ABS, NR_OFF, search(L, s, 0, n - 1));
}

/* A value no instruction compares with, for the arches the program does not
 * name: it takes the path of every such arch. */
static uint32_t unnamed_arch(const struct sock_filter *in, size_t len)
{
	for (uint32_t v = 0;; v++) {
		bool used = false;
		for (size_t i = 0; i < len && !used; i++)
			used = in[i].k == v;
		if (!used)
			return v;
	}
}

/* Emission, back to front: at[] is where a node's code begins, counted from
 * the end, so that jumps (forward only) are known when written. */
struct emitter {
	const struct layout *L;
	struct sock_filter *rev;
	size_t n, cap;
	size_t *at;
	size_t *weight;
};

static size_t push(struct emitter *E, struct sock_filter f)
{
	E->rev = grow(E->rev, &E->cap, E->n, sizeof(*E->rev));
	E->rev[E->n] = f;
	return E->n++;
}

/* Offset from the instruction pushed next to the one at rev index t. */
static size_t offset_to(const struct emitter *E, size_t t)
{
	return E->n - t - 1;
}

static size_t weight(struct emitter *E, int32_t id)
{
	if (id == NONE)
		return 0;
	if (!E->weight[id]) {
		const struct node *n = &E->L->nodes[id];
		size_t w = 1 + weight(E, n->jt) + weight(E, n->jf);
		E->weight[id] = w < SIZE_MAX / 4 ? w : SIZE_MAX / 4;
	}
	return E->weight[id];
}

static size_t place(struct emitter *E, int32_t id);

/* A jump target within reach of the instruction pushed next: a fresh copy
 * of a return (as cheap as a jump to it, and no step more), or a JA. */
static size_t reachable(struct emitter *E, int32_t id, size_t at)
{
	if (offset_to(E, at) <= JUMP_REACH)
		return at;
	const struct node *n = &E->L->nodes[id];
	if (BPF_CLASS(n->code) == BPF_RET)
		return E->at[id] = push(E, (struct sock_filter){ n->code, 0, 0, n->k });
	return push(E, (struct sock_filter){ BPF_JMP | BPF_JA, 0, 0,
					     (uint32_t)offset_to(E, at) });
}

static size_t place(struct emitter *E, int32_t id)
{
	const struct node *n = &E->L->nodes[id];
	if (E->at[id] != SIZE_MAX)
		return E->at[id];

	size_t at;
	switch (BPF_CLASS(n->code)) {
	case BPF_RET:
		at = push(E, (struct sock_filter){ n->code, 0, 0, n->k });
		break;
	case BPF_JMP: {
		/* The heavier branch goes further away, the lighter next. */
		bool jt_first = weight(E, n->jt) >= weight(E, n->jf);
		size_t t, f;
		if (jt_first) {
			t = place(E, n->jt);
			f = place(E, n->jf);
		} else {
			f = place(E, n->jf);
			t = place(E, n->jt);
		}
		/* Each JA or copy pushed moves the other target one further. */
		for (;;) {
			if (offset_to(E, t) > JUMP_REACH)
				t = reachable(E, n->jt, t);
			else if (offset_to(E, f) > JUMP_REACH)
				f = reachable(E, n->jf, f);
			else
				break;
		}
		at = push(E, (struct sock_filter){ n->code, (uint8_t)offset_to(E, t),
						   (uint8_t)offset_to(E, f), n->k });
		break;
	}
	default: { /* a load or arithmetic falls through to what follows */
		size_t next = place(E, n->jt);
		if (next + 1 != E->n)
			push(E, (struct sock_filter){ BPF_JMP | BPF_JA, 0, 0,
						      (uint32_t)offset_to(E, next) });
		at = push(E, (struct sock_filter){ n->code, 0, 0, n->k });
		break;
	}
	}
	return E->at[id] = at;
}

static void layout_free(struct layout *L)
{
	free(L->nodes);
	free(L->table);
	free(L->archs);
	free(L->points);
	free(L->decided);
	free(L->ranges);
	free(L->memo_context);
	free(L->memo_acc);
	free(L->memo_node);
}

bool bpf_relayout(struct sr_bpf *prog)
{
	if (!prog->len || prog->len > BPF_MAXINSNS)
		return false;
	struct layout L = {
		.in = prog->insns,
		.len = prog->len,
		.memo_context = xcalloc(prog->len, sizeof(uint32_t)),
		.memo_acc = xcalloc(prog->len, sizeof(struct acc)),
		.memo_node = xcalloc(prog->len, sizeof(int32_t)),
	};

	/* The arches the program does not name first: their walk records
	 * the ones it does. */
	int32_t other = arch_section(&L, true, unnamed_arch(prog->insns, prog->len));
	int32_t *sections = xcalloc(L.narchs + 1, sizeof(*sections));
	for (size_t i = 0; i < L.narchs && !L.unsupported; i++)
		sections[i] = arch_section(&L, false, L.archs[i]);

	struct sr_bpf out = { .flags = prog->flags, .optional_flags = prog->optional_flags };
	bool done = false;
	if (!L.unsupported) {
		int32_t root = other;
		for (size_t i = L.narchs; i-- > 0;)
			root = branch(&L, BPF_JMP | BPF_JEQ | BPF_K, L.archs[i], sections[i], root);
		root = straight(&L, BPF_LD | BPF_W | BPF_ABS, ARCH_OFF, root);

		struct emitter E = { .L = &L };
		E.at = xmalloc(L.nnodes * sizeof(*E.at));
		E.weight = xcalloc(L.nnodes, sizeof(*E.weight));
		for (size_t i = 0; i < L.nnodes; i++)
			E.at[i] = SIZE_MAX;
		place(&E, root);
		free(E.at);
		free(E.weight);

		if (E.n <= BPF_MAXINSNS) {
			out.len = E.n;
			out.insns = xcalloc(E.n, sizeof(*out.insns));
			for (size_t i = 0; i < E.n; i++)
				out.insns[i] = E.rev[E.n - 1 - i];
			done = true;
		}
		free(E.rev);
	}
	free(sections);
	layout_free(&L);
	if (!done)
		return false;
	bpf_free(prog);
	*prog = out;
	return true;
}
