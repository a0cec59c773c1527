/* SPDX-License-Identifier: Apache-2.0 */
/* The filters trace, record and listenerPath load: the NOTIFY variant
 * notifies exactly what the original denies and returns the rest
 * unchanged; the hand-off lets exactly the cookie's sendmsg through.
 * Checked with our interpreter over every syscall number; the kernel runs
 * them in tests/integration/trace.t and listener.t. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>

#include <linux/audit.h>

#include "bpf.h"
#include "pipeline.h"
#include "unit.h"
#include "util.h"

static const char every_action[] =
	"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_X86_64\","
	"\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\",\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\"],"
	"\"syscalls\":["
	"{\"names\":[\"read\",\"write\",\"close\",\"exit_group\"],\"action\":\"SCMP_ACT_ALLOW\"},"
	"{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":42},"
	"{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_KILL_PROCESS\"},"
	"{\"names\":[\"gettid\"],\"action\":\"SCMP_ACT_KILL_THREAD\"},"
	"{\"names\":[\"getuid\"],\"action\":\"SCMP_ACT_TRAP\"},"
	"{\"names\":[\"geteuid\"],\"action\":\"SCMP_ACT_LOG\"},"
	"{\"names\":[\"getgid\"],\"action\":\"SCMP_ACT_TRACE\"},"
	"{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
	"\"args\":[{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]}]}";

static struct sr_bpf copy_of(const struct sr_bpf *p)
{
	struct sr_bpf c = *p;
	c.insns = xcalloc(p->len, sizeof(*p->insns));
	memcpy(c.insns, p->insns, p->len * sizeof(*p->insns));
	return c;
}

/* Every arch the profile lists, every number up to 1000 (and x32's), a
 * few argument values. */
static void each_call(const struct pipeline *p, void (*fn)(const struct seccomp_data *, void *),
		      void *ctx)
{
	static const uint64_t values[] = { 0, 8, 0xffffffff, 0xffffffffffffffffull };
	for (size_t a = 0; a < p->policy.narches; a++) {
		const struct sr_arch *arch = p->policy.arches[a];
		uint32_t base = arch->x32_bit ? 0x40000000u : 0;
		for (uint32_t nr = base; nr < base + 1000; nr++)
			for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
				struct seccomp_data d = { .nr = (int)nr, .arch = arch->audit_arch };
				for (size_t i = 0; i < 6; i++)
					d.args[i] = values[v];
				fn(&d, ctx);
			}
	}
}

struct compared {
	const struct sr_bpf *orig, *variant;
	size_t notified, kept;
	bool seen[8];
};

static void compare_variant(const struct seccomp_data *d, void *ctx)
{
	struct compared *c = ctx;
	uint32_t o = bpf_run(c->orig, d, NULL), v = bpf_run(c->variant, d, NULL);
	if (bpf_ret_denies(o)) {
		ck_assert_msg(v == SECCOMP_RET_USER_NOTIF, "nr %d arch %#x: %#x became %#x", d->nr,
			      d->arch, o, v);
		c->notified++;
	} else {
		ck_assert_msg(v == o, "nr %d arch %#x: %#x became %#x", d->nr, d->arch, o, v);
		c->kept++;
	}
	switch (o & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: c->seen[0] = true; break;
	case SECCOMP_RET_KILL_THREAD: c->seen[1] = true; break;
	case SECCOMP_RET_TRAP: c->seen[2] = true; break;
	case SECCOMP_RET_ERRNO: c->seen[3] = true; break;
	case SECCOMP_RET_TRACE: c->seen[4] = true; break;
	case SECCOMP_RET_LOG: c->seen[5] = true; break;
	case SECCOMP_RET_ALLOW: c->seen[6] = true; break;
	}
}

START_TEST(variant_notifies_exactly_the_denials)
{
	struct pipeline p;
	struct sr_error err = { 0 };
	ck_assert_msg(pipeline_compile(&p, every_action, NULL, NULL) == 0, "%s", p.err.msg);
	struct sr_bpf v = copy_of(&p.bpf);
	ck_assert_int_eq(bpf_notify_denials(&v, &err), 0);
	ck_assert_uint_eq(v.len, p.bpf.len);
	ck_assert_int_eq(bpf_validate(&v, &err), 0);
	struct compared c = { .orig = &p.bpf, .variant = &v };
	each_call(&p, compare_variant, &c);
	/* Every action came up, so every kind of return was compared. */
	for (size_t i = 0; i < 7; i++)
		ck_assert_msg(c.seen[i], "action %zu never returned", i);
	ck_assert_uint_gt(c.notified, 1000);
	ck_assert_uint_gt(c.kept, 10);
	bpf_free(&v);
	pipeline_free(&p);
}
END_TEST

START_TEST(variant_refuses_a_computed_return)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sr_bpf p = { xcalloc(2, sizeof(*f)), 2, 0, 0 };
	memcpy(p.insns, f, sizeof(f));
	struct sr_error err = { 0 };
	ck_assert_int_eq(bpf_notify_denials(&p, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "computed"));
	bpf_free(&p);
}
END_TEST

static const unsigned long cookie[SR_HANDOFF_COOKIE_WORDS] = {
	(unsigned long)0x1122334455667788ull, 0x99, (unsigned long)0xa0b0c0d0e0f00102ull,
};

static struct seccomp_data sendmsg_call(const unsigned long c[SR_HANDOFF_COOKIE_WORDS])
{
	struct seccomp_data d = { .nr = SYS_sendmsg, .arch = sr_arch_native()->audit_arch };
	d.args[0] = 5;
	for (size_t i = 0; i < SR_HANDOFF_COOKIE_WORDS; i++)
		d.args[3 + i] = c[i];
	return d;
}

struct unchanged {
	const struct sr_bpf *orig, *with;
};

static void compare_handoff(const struct seccomp_data *d, void *ctx)
{
	struct unchanged *u = ctx;
	ck_assert_uint_eq(bpf_run(u->with, d, NULL), bpf_run(u->orig, d, NULL));
}

START_TEST(handoff_lets_the_cookie_through_only)
{
	struct pipeline p;
	struct sr_error err = { 0 };
	ck_assert_msg(pipeline_compile(&p, every_action, NULL, NULL) == 0, "%s", p.err.msg);
	struct sr_bpf h = copy_of(&p.bpf);
	ck_assert_int_eq(bpf_prepend_handoff(&h, cookie, &err), 0);
	ck_assert_int_eq(bpf_validate(&h, &err), 0);
	/* sendmsg is denied by the profile (default ERRNO)... */
	struct seccomp_data d = sendmsg_call(cookie);
	ck_assert_uint_eq(bpf_run(&p.bpf, &d, NULL), SECCOMP_RET_ERRNO | EPERM);
	/* ...but not with the cookie. */
	ck_assert_uint_eq(bpf_run(&h, &d, NULL), SECCOMP_RET_ALLOW);
	/* Any word of it different, in either half: the profile decides. */
	for (size_t i = 0; i < SR_HANDOFF_COOKIE_WORDS; i++)
		for (unsigned bit = 0; bit < 8 * sizeof(unsigned long); bit += 31) {
			unsigned long c[SR_HANDOFF_COOKIE_WORDS];
			memcpy(c, cookie, sizeof(c));
			c[i] ^= 1ul << bit;
			d = sendmsg_call(c);
			ck_assert_uint_eq(bpf_run(&h, &d, NULL), SECCOMP_RET_ERRNO | EPERM);
		}
	/* Everything else, the cookie's own arguments on other calls
	 * included, exactly as before. */
	struct unchanged u = { &p.bpf, &h };
	each_call(&p, compare_handoff, &u);
	d = sendmsg_call(cookie);
	d.arch = AUDIT_ARCH_I386 == d.arch ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_I386;
	ck_assert_uint_eq(bpf_run(&h, &d, NULL), bpf_run(&p.bpf, &d, NULL));
	bpf_free(&h);
	pipeline_free(&p);
}
END_TEST

/* The original starts as the kernel starts it: A = 0 (a program that
 * returns A at once kills the thread: 0 is KILL_THREAD). */
START_TEST(handoff_starts_the_original_afresh)
{
	struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_A, 0) };
	struct sr_bpf p = { xcalloc(1, sizeof(*f)), 1, 0, 0 };
	memcpy(p.insns, f, sizeof(f));
	struct sr_error err = { 0 };
	ck_assert_int_eq(bpf_prepend_handoff(&p, cookie, &err), 0);
	struct seccomp_data d = sendmsg_call(cookie);
	d.args[5] ^= 1;
	ck_assert_uint_eq(bpf_run(&p, &d, NULL), 0);
	d.nr = SYS_getpid;
	ck_assert_uint_eq(bpf_run(&p, &d, NULL), 0);
	bpf_free(&p);
}
END_TEST

static Suite *notify_suite(void)
{
	Suite *s = suite_create("notify");
	TCase *tc = tcase_create("filters");
	tcase_add_test(tc, variant_notifies_exactly_the_denials);
	tcase_add_test(tc, variant_refuses_a_computed_return);
	tcase_add_test(tc, handoff_lets_the_cookie_through_only);
	tcase_add_test(tc, handoff_starts_the_original_afresh);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(notify_suite)
