/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <linux/audit.h>

#include "bpf.h"
#include "unit.h"
#include "util.h"

#define LD_ABS(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define RET(k) BPF_STMT(BPF_RET | BPF_K, (k))

/* The listing of a handmade program, as one string (caller frees). */
static char *disasm_of(const struct sock_filter *insns, size_t n)
{
	struct sr_bpf p = { xcalloc(n, sizeof(*insns)), n, 0, 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	if (n)
		memcpy(p.insns, insns, n * sizeof(*insns));
	bpf_disasm(&p, f);
	ck_assert_int_eq(fclose(f), 0);
	bpf_free(&p);
	return text;
}

static void assert_listing(const struct sock_filter *insns, size_t n, const char *want)
{
	char *got = disasm_of(insns, n);
	ck_assert_str_eq(got, want);
	free(got);
}

/* The shape of the ENOSYS stub: the second arch test is reached only from
 * the first one's false branch, where A still holds the arch, although the
 * instruction just before it in program order loaded nr. */
START_TEST(disasm_names_fields_arches_and_returns)
{
	struct sock_filter f[] = {
		LD_ABS(offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
		LD_ABS(offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x40000000, 6, 0),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 450, 4, 5),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 4),
		LD_ABS(offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0xc000003e, 0, 2),
		RET(SECCOMP_RET_ERRNO | ENOSYS),
		RET(SECCOMP_RET_ALLOW),
		RET(SECCOMP_RET_KILL_PROCESS),
	};
	assert_listing(f, ARRAY_SIZE(f),
		       "   0: ld   arch\n"
		       "   1: jeq  AUDIT_ARCH_X86_64 jt 2 jf 5\n"
		       "   2: ld   nr\n"
		       "   3: jset 0x40000000 jt 10 jf 4\n"
		       "   4: jgt  450 jt 9 jf 10\n"
		       "   5: jeq  AUDIT_ARCH_I386 jt 6 jf 10\n"
		       "   6: ld   nr\n"
		       /* A holds nr here: the same value is just a number. */
		       "   7: jge  0xc000003e jt 8 jf 10\n"
		       "   8: ret  ERRNO(ENOSYS)\n"
		       "   9: ret  ALLOW\n"
		       "  10: ret  KILL_PROCESS\n");
}
END_TEST

START_TEST(disasm_arch_only_where_every_path_agrees)
{
	/* Instruction 3 is reached with A = arch (from 1) and A = nr (from 2). */
	struct sock_filter f[] = {
		LD_ABS(offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		LD_ABS(offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_AARCH64, 0, 0),
		LD_ABS(offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_AARCH64, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_SHEL, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_S390X, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xdeadbeef, 0, 0),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_AARCH64, 0, 0),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	assert_listing(f, ARRAY_SIZE(f),
		       "   0: ld   arch\n"
		       "   1: jeq  0 jt 3 jf 2\n"
		       "   2: ld   nr\n"
		       "   3: jeq  0xc00000b7 jt 4 jf 4\n"
		       "   4: ld   arch\n"
		       "   5: jeq  AUDIT_ARCH_AARCH64 jt 6 jf 6\n"
		       "   6: jeq  AUDIT_ARCH_I386 jt 7 jf 7\n"
		       "   7: jeq  AUDIT_ARCH_SHEL jt 8 jf 8\n"
		       "   8: jeq  AUDIT_ARCH_S390X jt 9 jf 9\n"
		       "   9: jeq  0xdeadbeef jt 10 jf 10\n"
		       "  10: add  #0\n"
		       "  11: jeq  0xc00000b7 jt 12 jf 12\n"
		       "  12: ret  A\n");
}
END_TEST

START_TEST(disasm_argument_halves_and_other_loads)
{
	struct sock_filter f[] = {
		LD_ABS(offsetof(struct seccomp_data, args[0])),
		LD_ABS(offsetof(struct seccomp_data, args[0]) + 4),
		LD_ABS(offsetof(struct seccomp_data, args[5])),
		LD_ABS(offsetof(struct seccomp_data, args[5]) + 4),
		LD_ABS(offsetof(struct seccomp_data, instruction_pointer)),
		LD_ABS(offsetof(struct seccomp_data, instruction_pointer) + 4),
		LD_ABS(2),
		LD_ABS(64),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_IND, 8),
		BPF_STMT(BPF_LD | BPF_IMM, 70000),
		BPF_STMT(BPF_LDX | BPF_IMM, 3),
		BPF_STMT(BPF_LD | BPF_MEM, 15),
		BPF_STMT(BPF_LDX | BPF_MEM, 2),
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
		BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),
		BPF_STMT(BPF_ST, 1),
		BPF_STMT(BPF_STX, 0),
		RET(SECCOMP_RET_ALLOW),
	};
	assert_listing(f, ARRAY_SIZE(f),
		       "   0: ld   args[0].lo\n"
		       "   1: ld   args[0].hi\n"
		       "   2: ld   args[5].lo\n"
		       "   3: ld   args[5].hi\n"
		       "   4: ld   ip.lo\n"
		       "   5: ld   ip.hi\n"
		       "   6: ld   [2]\n"
		       "   7: ld   [64]\n"
		       "   8: ldh  [0]\n"
		       "   9: ldb  [4]\n"
		       "  10: ld   [x+8]\n"
		       "  11: ld   #0x11170\n"
		       "  12: ldx  #3\n"
		       "  13: ld   M[15]\n"
		       "  14: ldx  M[2]\n"
		       "  15: ld   len\n"
		       "  16: ldx  len\n"
		       "  17: ldx  4*([14]&0xf)\n"
		       "  18: st   M[1]\n"
		       "  19: stx  M[0]\n"
		       "  20: ret  ALLOW\n");
}
END_TEST

START_TEST(disasm_alu_jumps_and_misc)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_ALU | BPF_SUB | BPF_K, 1),
		BPF_STMT(BPF_ALU | BPF_MUL | BPF_X, 0),
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 2),
		BPF_STMT(BPF_ALU | BPF_MOD | BPF_X, 0),
		BPF_STMT(BPF_ALU | BPF_OR | BPF_K, 0x80000000),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
		BPF_STMT(BPF_ALU | BPF_XOR | BPF_X, 0),
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 4),
		BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 4),
		BPF_STMT(BPF_ALU | BPF_NEG, 0),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_JUMP(BPF_JMP | BPF_JA, 2, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 1),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 0),
		BPF_STMT(0xffff, 9),
		RET(SECCOMP_RET_KILL_THREAD),
	};
	assert_listing(f, ARRAY_SIZE(f),
		       "   0: sub  #1\n"
		       "   1: mul  x\n"
		       "   2: div  #2\n"
		       "   3: mod  x\n"
		       "   4: or   #0x80000000\n"
		       "   5: and  #255\n"
		       "   6: xor  x\n"
		       "   7: lsh  #4\n"
		       "   8: rsh  #4\n"
		       "   9: neg\n"
		       "  10: tax\n"
		       "  11: txa\n"
		       "  12: ja   15\n"
		       "  13: jeq  x jt 14 jf 15\n"
		       "  14: jgt  x jt 15 jf 15\n"
		       "  15: code 0xffff jt 0 jf 0 k 0x9\n"
		       "  16: ret  KILL_THREAD\n");
}
END_TEST

START_TEST(disasm_every_return_value)
{
	struct sock_filter f[] = {
		RET(SECCOMP_RET_ERRNO | EPERM),
		RET(SECCOMP_RET_ERRNO | 4000),
		RET(SECCOMP_RET_ERRNO),
		RET(SECCOMP_RET_TRACE),
		RET(SECCOMP_RET_TRACE | 7),
		RET(SECCOMP_RET_TRAP),
		RET(SECCOMP_RET_TRAP | 3),
		RET(SECCOMP_RET_LOG),
		RET(SECCOMP_RET_USER_NOTIF),
		RET(SECCOMP_RET_KILL_THREAD),
		RET(SECCOMP_RET_KILL_PROCESS),
		RET(SECCOMP_RET_ALLOW),
		RET(0x12345678),
	};
	assert_listing(f, ARRAY_SIZE(f),
		       "   0: ret  ERRNO(EPERM)\n"
		       "   1: ret  ERRNO(4000)\n"
		       "   2: ret  ERRNO(0)\n"
		       "   3: ret  TRACE(0)\n"
		       "   4: ret  TRACE(7)\n"
		       "   5: ret  TRAP\n"
		       "   6: ret  TRAP(3)\n"
		       "   7: ret  LOG\n"
		       "   8: ret  NOTIFY\n"
		       "   9: ret  KILL_THREAD\n"
		       "  10: ret  KILL_PROCESS\n"
		       "  11: ret  ALLOW\n"
		       "  12: ret  0x12345678\n");
}
END_TEST

START_TEST(disasm_empty_program)
{
	char *got = disasm_of(NULL, 0);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

static Suite *suite_disasm(void)
{
	Suite *s = suite_create("disasm");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, disasm_names_fields_arches_and_returns);
	tcase_add_test(tc, disasm_arch_only_where_every_path_agrees);
	tcase_add_test(tc, disasm_argument_halves_and_other_loads);
	tcase_add_test(tc, disasm_alu_jumps_and_misc);
	tcase_add_test(tc, disasm_every_return_value);
	tcase_add_test(tc, disasm_empty_program);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_disasm)
