/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "sha256.h"
#include "unit.h"
#include "util.h"

static void hex_of(const void *data, size_t len, char out[65])
{
	uint8_t d[SR_SHA256_LEN];
	sr_sha256(data, len, d);
	sr_sha256_hex(d, out);
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf"). */
START_TEST(nist_vectors)
{
	static const struct {
		const char *msg, *hex;
	} v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
		  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[65];
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		hex_of(v[i].msg, strlen(v[i].msg), hex);
		ck_assert_str_eq(hex, v[i].hex);
	}
}
END_TEST

/* One million 'a', fed in pieces that straddle block boundaries. */
START_TEST(nist_million_a)
{
	static char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	struct sr_sha256 c;
	uint8_t d[SR_SHA256_LEN];
	char hex[65];
	sr_sha256_init(&c);
	size_t left = 1000000;
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		sr_sha256_update(&c, chunk, n);
		left -= n;
	}
	sr_sha256_final(&c, d);
	sr_sha256_hex(d, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Lengths around the padding edge: 55 bytes fit one block with the length,
 * 56 need a second; 64 and 120 fill blocks exactly. */
START_TEST(padding_edges)
{
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	char buf[128], hex[65];
	memset(buf, 'a', sizeof(buf));
	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		hex_of(buf, v[i].n, hex);
		ck_assert_msg(strcmp(hex, v[i].hex) == 0, "%zu x 'a': %s", v[i].n, hex);
	}
}
END_TEST

/* Any split of the input gives the digest of the whole. */
START_TEST(incremental_equals_whole)
{
	uint8_t msg[300], whole[SR_SHA256_LEN], parts[SR_SHA256_LEN];
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(msg); len += 13) {
		sr_sha256(msg, len, whole);
		for (size_t step = 1; step <= 70; step += 3) {
			struct sr_sha256 c;
			sr_sha256_init(&c);
			for (size_t off = 0; off < len; off += step)
				sr_sha256_update(&c, msg + off, len - off < step ? len - off : step);
			sr_sha256_final(&c, parts);
			ck_assert_msg(memcmp(whole, parts, sizeof(whole)) == 0, "len %zu step %zu",
				      len, step);
		}
	}
}
END_TEST

/* The SHA extensions' code (where this CPU has them) and the portable code
 * give the same digests, for every length up to a few blocks and for
 * updates split anywhere; the NIST vectors above run on whichever this CPU
 * picks, so they also run here on the portable code. */
START_TEST(accelerated_equals_portable)
{
	static uint8_t data[1000];
	uint32_t x = 1;
	for (size_t i = 0; i < sizeof(data); i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (uint8_t)(x >> 16);
	}
	for (size_t len = 0; len <= sizeof(data); len += len < 200 ? 1 : 37) {
		uint8_t fast[SR_SHA256_LEN], slow[SR_SHA256_LEN];
		sr_sha256(data, len, fast);
		sr_sha256_force_portable(true);
		sr_sha256(data, len, slow);
		sr_sha256_force_portable(false);
		ck_assert_msg(memcmp(fast, slow, sizeof(fast)) == 0, "length %zu", len);
	}
	uint8_t abc[SR_SHA256_LEN];
	sr_sha256_force_portable(true);
	sr_sha256("abc", 3, abc);
	sr_sha256_force_portable(false);
	char hex[2 * SR_SHA256_LEN + 1];
	sr_sha256_hex(abc, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

static Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("vectors");
	tcase_add_test(tc, nist_vectors);
	tcase_add_test(tc, nist_million_a);
	tcase_add_test(tc, padding_edges);
	tcase_add_test(tc, incremental_equals_whole);
	tcase_add_test(tc, accelerated_equals_portable);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(sha256_suite)
