/* SPDX-License-Identifier: Apache-2.0 */
#include "sha256.h"

#include <stdbool.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static inline uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

#define S0(x) (ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define S1(x) (ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define s0(x) (ror(x, 7) ^ ror(x, 18) ^ ((x) >> 3))
#define s1(x) (ror(x, 17) ^ ror(x, 19) ^ ((x) >> 10))
/* One round with the eight working variables renamed rather than moved:
 * eight rounds bring them back to their places. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                       \
	do {                                                                   \
		uint32_t t1 = h + S1(e) + ((e & f) ^ (~e & g)) + K[i] + w[i];  \
		d += t1;                                                       \
		h = t1 + S0(a) + ((a & b) ^ (a & c) ^ (b & c));               \
	} while (0)

static void block_portable(uint32_t hs[8], const uint8_t *p)
{
	uint32_t w[64];
	for (unsigned i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (unsigned i = 16; i < 64; i++)
		w[i] = w[i - 16] + s0(w[i - 15]) + w[i - 7] + s1(w[i - 2]);
	uint32_t a = hs[0], b = hs[1], c = hs[2], d = hs[3], e = hs[4], f = hs[5], g = hs[6],
		 h = hs[7];
	for (unsigned i = 0; i < 64; i += 8) {
		ROUND(a, b, c, d, e, f, g, h, i);
		ROUND(h, a, b, c, d, e, f, g, i + 1);
		ROUND(g, h, a, b, c, d, e, f, i + 2);
		ROUND(f, g, h, a, b, c, d, e, i + 3);
		ROUND(e, f, g, h, a, b, c, d, i + 4);
		ROUND(d, e, f, g, h, a, b, c, i + 5);
		ROUND(c, d, e, f, g, h, a, b, i + 6);
		ROUND(b, c, d, e, f, g, h, a, i + 7);
	}
	hs[0] += a;
	hs[1] += b;
	hs[2] += c;
	hs[3] += d;
	hs[4] += e;
	hs[5] += f;
	hs[6] += g;
	hs[7] += h;
}

static void blocks_portable(uint32_t hs[8], const uint8_t *p, size_t n)
{
	for (; n; n--, p += 64)
		block_portable(hs, p);
}

#ifdef HAVE_SHA_NI
/* The SHA extensions do two rounds an instruction and the message schedule
 * in two more: about ten times the portable code's speed, which is most of
 * a warm run's key for a large profile. The state lives as ABEF and CDGH,
 * the order the instructions want. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_sha_ni(uint32_t hs[8], const uint8_t *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)&hs[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)&hs[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

	for (; n; n--, p += 64) {
		const __m128i abef_in = abef, cdgh_in = cdgh;
		/* w[j & 3] holds words 4j..4j+3 of the schedule. */
		__m128i w[4];
		for (unsigned j = 0; j < 4; j++)
			w[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * j)),
						bswap);
		for (unsigned j = 0; j < 16; j++) {
			__m128i wk = _mm_add_epi32(w[j & 3],
						   _mm_loadu_si128((const __m128i *)&K[4 * j]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
			if (j < 12) {
				/* Words 4j+16..: w[t-16] + s0(w[t-15]), + w[t-7],
				 * then the s1(w[t-2]) terms. */
				__m128i t = _mm_sha256msg1_epu32(w[j & 3], w[(j + 1) & 3]);
				t = _mm_add_epi32(t, _mm_alignr_epi8(w[(j + 3) & 3], w[(j + 2) & 3], 4));
				w[j & 3] = _mm_sha256msg2_epu32(t, w[(j + 3) & 3]);
			}
		}
		abef = _mm_add_epi32(abef, abef_in);
		cdgh = _mm_add_epi32(cdgh, cdgh_in);
	}

	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)&hs[0], _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)&hs[4], _mm_alignr_epi8(dchg, feba, 8));
}

static bool cpu_has_sha_ni(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
		return false;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

static void (*blocks)(uint32_t hs[8], const uint8_t *p, size_t n);

void sr_sha256_force_portable(bool portable)
{
	blocks = portable ? blocks_portable : NULL;
}

static void run_blocks(uint32_t hs[8], const uint8_t *p, size_t n)
{
	if (!blocks) {
		blocks = blocks_portable;
#ifdef HAVE_SHA_NI
		if (cpu_has_sha_ni())
			blocks = blocks_sha_ni;
#endif
	}
	blocks(hs, p, n);
}

void sr_sha256_init(struct sr_sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
	c->nbuf = 0;
}

void sr_sha256_update(struct sr_sha256 *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	c->nbytes += len;
	if (c->nbuf) {
		size_t take = 64 - c->nbuf < len ? 64 - c->nbuf : len;
		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		len -= take;
		if (c->nbuf < 64)
			return;
		run_blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	run_blocks(c->h, p, len / 64);
	p += len / 64 * 64;
	len %= 64;
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

void sr_sha256_final(struct sr_sha256 *c, uint8_t out[SR_SHA256_LEN])
{
	uint64_t bits = c->nbytes * 8;
	/* 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > 56) {
		memset(c->buf + c->nbuf, 0, 64 - c->nbuf);
		run_blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, 56 - c->nbuf);
	for (unsigned i = 0; i < 8; i++)
		c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	run_blocks(c->h, c->buf, 1);
	for (unsigned i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
}

void sr_sha256(const void *data, size_t len, uint8_t out[SR_SHA256_LEN])
{
	struct sr_sha256 c;
	sr_sha256_init(&c);
	sr_sha256_update(&c, data, len);
	sr_sha256_final(&c, out);
}

void sr_sha256_hex(const uint8_t digest[SR_SHA256_LEN], char out[2 * SR_SHA256_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < SR_SHA256_LEN; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * SR_SHA256_LEN] = '\0';
}
