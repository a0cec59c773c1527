/* SPDX-License-Identifier: Apache-2.0 */
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "unit.h"
#include "util.h"

/* A record as the 6.18 kernel printed it (tests/decode/kernel-6.18.log). */
#define KREC                                                                         \
	"audit: type=1326 audit(1795477829.217:218634): auid=4294967295 uid=0 gid=0 " \
	"ses=4294967295 pid=16018 comm=\"probe\" exe=\"/work/main/build/probe\" sig=0 " \
	"arch=c000003e syscall=63 compat=0 ip=0x7fa211c7f829 code=0x7ffc0000"

static int parse(const char *line, struct sr_seccomp_rec *rec, char *why, size_t size)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s", line);
	why[0] = '\0';
	return decode_parse_line(buf, rec, why, size);
}

START_TEST(kernel_record_all_fields)
{
	struct sr_seccomp_rec r;
	char why[256];
	ck_assert_int_eq(parse(KREC, &r, why, sizeof(why)), 1);
	ck_assert_uint_eq(r.time_ms, 1795477829217ull);
	ck_assert_uint_eq(r.serial, 218634);
	ck_assert_uint_eq(r.pid, 16018);
	ck_assert_str_eq(r.comm, "probe");
	ck_assert_str_eq(r.exe, "/work/main/build/probe");
	ck_assert_ptr_null(r.subj);
	ck_assert_uint_eq(r.have, SR_REC_UID | SR_REC_GID | SR_REC_AUID | SR_REC_SES |
					  SR_REC_SIG | SR_REC_COMPAT | SR_REC_IP);
	ck_assert_uint_eq(r.auid, 4294967295u);
	ck_assert_uint_eq(r.audit_arch, AUDIT_ARCH_X86_64);
	ck_assert_str_eq(r.arch->lib_name, "x86_64");
	ck_assert_int_eq(r.nr, 63);
	ck_assert_uint_eq(r.ip, 0x7fa211c7f829ull);
	ck_assert_uint_eq(r.code, 0x7ffc0000u);
}
END_TEST

/* Whatever comes before the record is someone else's. */
START_TEST(prefixes)
{
	static const char *const pre[] = {
		"", "[10469.269390] ", "5,3682,10469269390,-;",
		"Nov 23 10:00:00 host kernel: ", "[Sun Nov 23 10:00:00 2026] ",
	};
	struct sr_seccomp_rec r;
	char why[256], line[1024];
	for (size_t i = 0; i < ARRAY_SIZE(pre); i++) {
		snprintf(line, sizeof(line), "%s%s", pre[i], KREC);
		ck_assert_msg(parse(line, &r, why, sizeof(why)) == 1, "prefix '%s'", pre[i]);
		ck_assert_uint_eq(r.serial, 218634);
	}
	ck_assert_int_eq(parse("node=web1 type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e "
			       "syscall=0 code=0x0",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_int_eq(parse("type=UNKNOWN[1326] msg=audit(1.000:2): pid=1 arch=40000003 "
			       "syscall=20 code=0x50000",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_str_eq(r.arch->lib_name, "x86");
}
END_TEST

START_TEST(not_records)
{
	static const char *const lines[] = {
		"",
		"[ 8278.738056] show_signal: 81 callbacks suppressed",
		"[10469.269385] kauditd_printk_skb: 2 callbacks suppressed",
		"type=SYSCALL msg=audit(1795475431.609:174763): arch=c000003e syscall=59 "
		"success=yes exit=0 pid=812 comm=\"nginx\"",
		"type=EOE msg=audit(1795475436.000:174778): ",
		"xtype=1326 audit(1.000:1): pid=1 arch=c000003e syscall=0 code=0x0",
		"type=1326 is the seccomp record type",
		" SUBSYSTEM=audit",
	};
	struct sr_seccomp_rec r;
	char why[256];
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		ck_assert_msg(parse(lines[i], &r, why, sizeof(why)) == 0, "'%s'", lines[i]);
}
END_TEST

START_TEST(hex_names)
{
	struct sr_seccomp_rec r;
	char why[256];
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 comm=6D792070726F6265 "
			       "exe=2f746d702f6d792070726f6265 arch=c000003e syscall=0 code=0x0",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_str_eq(r.comm, "my probe");
	ck_assert_str_eq(r.exe, "/tmp/my probe");
	/* Not hex: kept as written. */
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 comm=abc exe=(null) "
			       "arch=c000003e syscall=0 code=0x0",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_str_eq(r.comm, "abc");
	ck_assert_str_eq(r.exe, "(null)");
	/* A quoted value is never decoded. */
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 comm=\"cafe\" "
			       "arch=c000003e syscall=0 code=0x0",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_str_eq(r.comm, "cafe");
}
END_TEST

START_TEST(enriched_tail_ignored)
{
	struct sr_seccomp_rec r;
	char why[256];
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e syscall=41 "
			       "code=0x50000\x1d" "ARCH=x86_64 SYSCALL=socket pid=99",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_uint_eq(r.pid, 1);
	ck_assert_uint_eq(r.code, 0x50000);
}
END_TEST

START_TEST(arches)
{
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_X86_64, 39)->lib_name, "x86_64");
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_X86_64, 0x40000000 | 39)->lib_name, "x32");
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_X86_64, -1)->lib_name, "x86_64");
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_I386, 20)->lib_name, "x86");
	/* Bit 30 means nothing on aarch64. */
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_AARCH64, 0x40000000 | 160)->lib_name, "aarch64");
	ck_assert_str_eq(decode_arch(AUDIT_ARCH_ARM, 122)->lib_name, "arm");
	ck_assert_ptr_null(decode_arch(0xdeadbeef, 1));
}
END_TEST

START_TEST(actions)
{
	char buf[64];
	ck_assert_str_eq(decode_action_str(0x7ffc0000, buf, sizeof(buf)), "SCMP_ACT_LOG");
	ck_assert_str_eq(decode_action_str(0x50000, buf, sizeof(buf)), "SCMP_ACT_ERRNO");
	ck_assert_str_eq(decode_action_str(0x50001, buf, sizeof(buf)), "SCMP_ACT_ERRNO(EPERM)");
	ck_assert_str_eq(decode_action_str(0x50026, buf, sizeof(buf)), "SCMP_ACT_ERRNO(ENOSYS)");
	ck_assert_str_eq(decode_action_str(0x50fa0, buf, sizeof(buf)), "SCMP_ACT_ERRNO(4000)");
	ck_assert_str_eq(decode_action_str(0x7ff00007, buf, sizeof(buf)), "SCMP_ACT_TRACE(7)");
	ck_assert_str_eq(decode_action_str(0x7ff00000, buf, sizeof(buf)), "SCMP_ACT_TRACE");
	ck_assert_str_eq(decode_action_str(0x30000, buf, sizeof(buf)), "SCMP_ACT_TRAP");
	ck_assert_str_eq(decode_action_str(0, buf, sizeof(buf)), "SCMP_ACT_KILL_THREAD");
	ck_assert_str_eq(decode_action_str(0x80000000, buf, sizeof(buf)), "SCMP_ACT_KILL_PROCESS");
	ck_assert_str_eq(decode_action_str(0x7fc00000, buf, sizeof(buf)), "SCMP_ACT_NOTIFY");
	ck_assert_str_eq(decode_action_str(0x7fff0000, buf, sizeof(buf)), "SCMP_ACT_ALLOW");
	ck_assert_str_eq(decode_action_str(0x12340000, buf, sizeof(buf)), "0x12340000");
}
END_TEST

START_TEST(syscall_numbers)
{
	struct sr_seccomp_rec r;
	char why[256];
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e "
			       "syscall=-2147483648 code=0x0",
			       &r, why, sizeof(why)),
			 1);
	ck_assert_int_eq(r.nr, INT32_MIN);
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e "
			       "syscall=2147483648 code=0x0",
			       &r, why, sizeof(why)),
			 -1);
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e "
			       "syscall=-2147483649 code=0x0",
			       &r, why, sizeof(why)),
			 -1);
	ck_assert_int_eq(parse("type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e "
			       "syscall=+1 code=0x0",
			       &r, why, sizeof(why)),
			 -1);
}
END_TEST

START_TEST(malformed)
{
	static const struct {
		const char *line, *why;
	} cases[] = {
		{ "type=SECCOMP msg=audit(1.000:2): arch=c000003e syscall=0 code=0x0",
		  "no pid= field" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 syscall=0 code=0x0", "no arch= field" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e syscall=0",
		  "no code= field" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e syscall=0 code=0x0 "
		  "uid=-1",
		  "uid=-1 is not a decimal number" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e syscall=0 code=0x0 "
		  "ip=12",
		  "ip=12 is not 0x and a hexadecimal number" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=1c000003e syscall=0 code=0x0",
		  "arch=1c000003e is not a hexadecimal audit arch" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=c000003e syscall=0 code=0x100000000",
		  "code=0x100000000 is not 0x and a hexadecimal number" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 comm=\"x arch=c000003e syscall=0 code=0x0",
		  "comm= has no closing quote" },
		{ "type=SECCOMP msg=audit(1.0000:2): pid=1 arch=c000003e syscall=0 code=0x0",
		  "audit(1.0000:2) is not audit(SECONDS.MSEC:SERIAL)" },
		{ "type=SECCOMP msg=audit(1.000:2", "audit(1.000:2) is not audit(SECONDS.MSEC:SERIAL)" },
		{ "type=SECCOMP msg=audit(1.000:2): pid=1 arch=x86_64 syscall=0 code=0x0",
		  "arch=x86_64 is not a hexadecimal audit arch (ausearch -i output? decode reads "
		  "the raw records: ausearch without -i)" },
		{ "type=SECCOMP msg=audit(18446744073709552.000:2): pid=1 arch=c000003e syscall=0 "
		  "code=0x0",
		  "audit(18446744073709552.000:2) is not audit(SECONDS.MSEC:SERIAL)" },
	};
	struct sr_seccomp_rec r;
	char why[256];
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		ck_assert_msg(parse(cases[i].line, &r, why, sizeof(why)) == -1, "'%s'",
			      cases[i].line);
		ck_assert_str_eq(why, cases[i].why);
	}
}
END_TEST

static char *text_of(const char *line)
{
	struct sr_seccomp_rec r;
	char why[256], *out = NULL;
	size_t size = 0;
	ck_assert_int_eq(parse(line, &r, why, sizeof(why)), 1);
	FILE *f = open_memstream(&out, &size);
	ck_assert_ptr_nonnull(f);
	decode_print_text(f, &r);
	fclose(f);
	return out;
}

START_TEST(text_format)
{
	_cleanup_free_ char *a = text_of("[1.0] " KREC);
	ck_assert_str_eq(a, "pid 16018 (probe) uname x86_64 SCMP_ACT_LOG nr=63 uid=0 "
			    "ip=0x7fa211c7f829 audit=1795477829.217:218634 "
			    "exe=/work/main/build/probe\n");
	/* Only what the record has. */
	_cleanup_free_ char *b = text_of("type=SECCOMP msg=audit(5.006:7): pid=1 arch=c000003e "
					 "syscall=124 sig=31 code=0x80000000");
	ck_assert_str_eq(b, "pid 1 (?) getsid x86_64 SCMP_ACT_KILL_PROCESS sig=SIGSYS nr=124 "
			    "audit=5.006:7\n");
	_cleanup_free_ char *c = text_of("type=SECCOMP msg=audit(5.006:7): pid=1 comm=7F9B "
					 "arch=c000003e syscall=0 sig=99 code=0x0");
	ck_assert_str_eq(c, "pid 1 (\\x7f\\x9b) read x86_64 SCMP_ACT_KILL_THREAD sig=99 nr=0 "
			    "audit=5.006:7\n");
}
END_TEST

static Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");
	tcase_add_test(tc, kernel_record_all_fields);
	tcase_add_test(tc, prefixes);
	tcase_add_test(tc, not_records);
	tcase_add_test(tc, hex_names);
	tcase_add_test(tc, enriched_tail_ignored);
	tcase_add_test(tc, arches);
	tcase_add_test(tc, actions);
	tcase_add_test(tc, syscall_numbers);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, text_format);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(decode_suite)
