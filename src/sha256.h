/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_SHA256_H
#define SR_SHA256_H

/* SHA-256 (FIPS 180-4), for the compiled-filter cache's keys and entry
 * digests. Ours rather than a library's: seccomp-run links nothing it does
 * not need, and a static build stays small. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SR_SHA256_LEN 32

struct sr_sha256 {
	uint32_t h[8];
	uint64_t nbytes;      /* message length so far */
	uint8_t buf[64];      /* a partial block */
	size_t nbuf;
};

void sr_sha256_init(struct sr_sha256 *c);
void sr_sha256_update(struct sr_sha256 *c, const void *data, size_t len);
/* Pads, writes the digest to out and leaves c unusable until the next init. */
void sr_sha256_final(struct sr_sha256 *c, uint8_t out[SR_SHA256_LEN]);
/* The three calls in one. */
void sr_sha256(const void *data, size_t len, uint8_t out[SR_SHA256_LEN]);

/* Tests: true makes every later block use the portable code even where
 * the CPU has the SHA extensions; false restores the choice. */
void sr_sha256_force_portable(bool portable);

/* out gets 2 * SR_SHA256_LEN lowercase hex digits and a NUL. */
void sr_sha256_hex(const uint8_t digest[SR_SHA256_LEN], char out[2 * SR_SHA256_LEN + 1]);

#endif
