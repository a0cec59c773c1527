/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "host.h"
#include "unit.h"
#include "util.h"

START_TEST(release_parsing_is_mobys)
{
	struct {
		const char *s;
		bool ok;
		unsigned k, m;
	} cases[] = {
		{ "3.10.0-862.el7.x86_64", true, 3, 10 }, { "3.12-1-amd64", true, 3, 12 },
		{ "6.18.44-fc-v657", true, 6, 18 },	  { "5.4", true, 5, 4 },
		{ "", false, 0, 0 },			  { "3", false, 0, 0 },
		{ "3a", false, 0, 0 },			  { "-3.8", false, 0, 0 },
		{ "3.", false, 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sr_kver v = { 0, 0 };
		ck_assert_msg(kver_parse_release(cases[i].s, &v) == cases[i].ok, "'%s'", cases[i].s);
		if (cases[i].ok) {
			ck_assert_uint_eq(v.kernel, cases[i].k);
			ck_assert_uint_eq(v.major, cases[i].m);
		}
	}
}
END_TEST

START_TEST(kver_ordering)
{
	ck_assert_int_lt(kver_cmp((struct sr_kver){ 4, 9 }, (struct sr_kver){ 4, 10 }), 0);
	ck_assert_int_gt(kver_cmp((struct sr_kver){ 5, 0 }, (struct sr_kver){ 4, 255 }), 0);
	ck_assert_int_eq(kver_cmp((struct sr_kver){ 6, 18 }, (struct sr_kver){ 6, 18 }), 0);
}
END_TEST

START_TEST(overrides)
{
	struct sr_host h;
	struct sr_error err;
	struct sr_host_overrides ov = { .caps = "CAP_SYS_ADMIN,cap_net_raw", .kernel = "4.14",
					.arch = "arm64", .no_new_privs = true };
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	ck_assert_uint_eq(h.ncaps, 2);
	ck_assert_str_eq(h.caps[0], "CAP_NET_RAW");
	ck_assert_str_eq(h.caps[1], "CAP_SYS_ADMIN");
	ck_assert(host_has_cap(&h, "CAP_SYS_ADMIN"));
	/* moby compares names exactly. */
	ck_assert(!host_has_cap(&h, "cap_sys_admin"));
	ck_assert_uint_eq(h.kernel.kernel, 4);
	ck_assert_uint_eq(h.kernel.major, 14);
	ck_assert_str_eq(h.arch->token, "arm64");
	host_free(&h);

	ov = (struct sr_host_overrides){ .caps = "all" };
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	ck_assert(host_has_cap(&h, "CAP_CHOWN") && host_has_cap(&h, "CAP_SYS_ADMIN"));
	ck_assert(h.caps_overridden);
	host_free(&h);

	ov = (struct sr_host_overrides){ .caps = "none" };
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	ck_assert_uint_eq(h.ncaps, 0);
	host_free(&h);
}
END_TEST

START_TEST(bad_overrides)
{
	struct sr_host h;
	struct sr_error err;
	struct sr_host_overrides bad[] = {
		{ .caps = "CAP_NOPE" }, { .caps = "12" },	   { .kernel = "5" },
		{ .kernel = "5.4.1" },	{ .kernel = "5.x" },	   { .arch = "vax" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(host_detect(&bad[i], &h, &err) < 0, "case %zu accepted", i);
}
END_TEST

/* Runs in a forked child (Check's default), so dropping is harmless. */
START_TEST(process_caps_follow_the_bounding_set_for_root)
{
	struct sr_host h;
	struct sr_error err;
	struct sr_host_overrides ov = { .no_new_privs = true };
	if (geteuid() != 0)
		return;
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	bool had = host_has_cap(&h, "CAP_SYS_ADMIN");
	host_free(&h);
	ck_assert_int_eq(prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0), 0);
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	ck_assert(!host_has_cap(&h, "CAP_SYS_ADMIN"));
	ck_assert(!had || h.ncaps > 0);
	host_free(&h);
}
END_TEST

START_TEST(native_arch)
{
	struct sr_host h;
	struct sr_error err;
	struct sr_host_overrides ov = { .caps = "none" };
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	ck_assert_ptr_eq(h.arch, sr_arch_native());
#if defined(__x86_64__) && !defined(__ILP32__)
	ck_assert_str_eq(h.arch->token, "amd64");
	ck_assert_str_eq(h.arch->scmp_name, "SCMP_ARCH_X86_64");
#endif
	host_free(&h);
}
END_TEST

static Suite *suite_host(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, release_parsing_is_mobys);
	tcase_add_test(tc, kver_ordering);
	tcase_add_test(tc, overrides);
	tcase_add_test(tc, bad_overrides);
	tcase_add_test(tc, process_caps_follow_the_bounding_set_for_root);
	tcase_add_test(tc, native_arch);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(suite_host)
