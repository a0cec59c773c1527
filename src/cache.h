/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_CACHE_H
#define SR_CACHE_H

/* Warm starts for run: a canonical key for everything that can change a
 * compiled filter, the built-in default precompiled at build time under
 * that key (tools/precompile.c), and a compiled-filter cache on disk.
 * Nothing here can make run fail: a cache that cannot be trusted or used is
 * a miss, and the filter is compiled. */

#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>

#include "bpf.h"
#include "compile.h"
#include "host.h"
#include "select.h"
#include "sha256.h"

#define SR_CACHE_KEY_LEN SR_SHA256_LEN

/* The canonical key of the filter policy_compile(pol, o) makes: SHA-256 of
 * a length-prefixed serialization of seccomp-run's and libseccomp's
 * versions, the target arch, the default action, the arch list in order,
 * the flags as the profile gives them, whether an ENOSYS stub goes in front,
 * and every kept rule in order (its action, names, and each condition's
 * index, operator, value and valueTwo where MASKED_EQ uses it). Dropped
 * rules, comments, includes/excludes, JSON paths and o->strict do not
 * count: they cannot change the filter. */
void cache_key(const struct sr_policy *pol, const struct sr_compile_opts *o,
	       uint8_t out[SR_CACHE_KEY_LEN]);

/* The key of a profile's text as run selects it for host h: SHA-256 of
 * the versions, the target arch, the kernel version, the capabilities held,
 * whether an ENOSYS stub is wanted, and the text. Everything selection and
 * compile read comes from these, so a filter stored under this key is the
 * one parsing and compiling that text would make: a hit skips parsing. A
 * different key format than cache_key()'s, so the two cannot collide. */
void cache_source_key(const char *text, size_t len, const struct sr_host *h, bool stub,
		      uint8_t out[SR_CACHE_KEY_LEN]);

/* One filter of the build-time table: what policy_compile made for key.
 * The selection it was made for is also kept as host facts, which decide
 * the built-in profile's selection exactly: which of the capabilities its
 * conditions name are held (bit i: sr_precompiled_caps[i]), which of its
 * minKernel versions the kernel reaches (bit i: sr_precompiled_kvers[i]),
 * on the native arch. That lets run use the table without parsing. */
struct sr_precompiled {
	uint8_t key[SR_CACHE_KEY_LEN];
	uint64_t caps_held, kvers_reached;
	bool stub;
	unsigned flags, optional_flags;
	unsigned len;
	const struct sock_filter *insns;
};

/* The table build/precompiled.c defines, or NULL and 0 in a binary built
 * without it (cross builds, the fault and fuzz builds). */
const struct sr_precompiled *cache_precompiled_table(size_t *n);

/* Copy the precompiled filter for key to *out, or return false. */
bool cache_precompiled(const uint8_t key[SR_CACHE_KEY_LEN], struct sr_bpf *out);

/* The same for the built-in profile selected for host h (on the native
 * arch), from the host facts alone: no parsing, no key. */
bool cache_precompiled_for_host(const struct sr_host *h, bool stub, struct sr_bpf *out);

/* The on-disk cache: a directory owned by us and writable by nobody else,
 * one file per filter named by the hex of its entry key. The entry key
 * adds this binary's GNU build ID and the kernel release to the canonical
 * key: another build of seccomp-run, or another kernel (libseccomp refuses
 * actions the kernel lacks), never sees our entries. */
struct sr_cache {
	int dirfd;            /* -1: no usable cache */
	char dir[512];
	char note[640];       /* for -v: what happened, and why */
};

/* The directory run uses: dir (--cache-dir) as given, else
 * /var/cache/seccomp-run for euid 0, else $XDG_CACHE_HOME/seccomp-run,
 * else $HOME/.cache/seccomp-run. Created 0700 when missing (and its
 * missing parents, for the per-user default). Never fails: c->dirfd is -1
 * and c->note says why when the directory cannot be used. */
void cache_open(struct sr_cache *c, const char *dir);
/* Off: c->note says why (--no-cache). */
void cache_disable(struct sr_cache *c, const char *why);
/* The entry for key, fully checked (header, key, size, digest,
 * bpf_validate), into *out; false on anything less. */
bool cache_lookup(struct sr_cache *c, const uint8_t key[SR_CACHE_KEY_LEN],
		  struct sr_bpf *out);
/* Write the entry for key atomically (a temporary file in the directory,
 * fsync, rename). Failures only change c->note. */
void cache_store(struct sr_cache *c, const uint8_t key[SR_CACHE_KEY_LEN],
		 const struct sr_bpf *prog);
void cache_close(struct sr_cache *c);

/* Serialized size of an entry of len instructions, for tests. */
size_t cache_entry_size(size_t len);

#endif
