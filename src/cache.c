/* SPDX-License-Identifier: Apache-2.0 */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* ------------------------------------------------------------------ key */

/* Every field is fixed-width, length-prefixed or (names, which cannot hold
 * a NUL) NUL-terminated, integers little-endian: no two different policies
 * serialize to the same bytes. Short on purpose: hashing it is most of the
 * key's cost. */
struct ser {
	struct sr_sha256 sha;
};

static void put_u32(struct ser *s, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	sr_sha256_update(&s->sha, b, sizeof(b));
}

static void put_u64(struct ser *s, uint64_t v)
{
	put_u32(s, (uint32_t)v);
	put_u32(s, (uint32_t)(v >> 32));
}

static void put_bytes(struct ser *s, const void *p, size_t len)
{
	put_u64(s, len);
	sr_sha256_update(&s->sha, p, len);
}

static void put_str(struct ser *s, const char *str)
{
	put_bytes(s, str, strlen(str));
}

void cache_key(const struct sr_policy *pol, const struct sr_compile_opts *o,
	       uint8_t out[SR_CACHE_KEY_LEN])
{
	struct ser s;
	sr_sha256_init(&s.sha);
	/* The format's own version: a change of what goes in renames every key. */
	put_str(&s, "seccomp-run filter key 1");
	put_str(&s, SR_VERSION);
	put_str(&s, compile_libseccomp_version());
	/* Target and build arch: libseccomp lays out a filter for another
	 * native arch differently (add_arches in compile.c). */
	put_str(&s, pol->native->lib_name);
	put_str(&s, sr_arch_native()->lib_name);
	put_u32(&s, sr_action_ret(pol->default_action));
	put_u64(&s, pol->narches);
	for (size_t i = 0; i < pol->narches; i++)
		put_str(&s, pol->arches[i]->lib_name);
	/* Raw flags and whether the profile had them: policy_compile derives
	 * the loaded and the optional flags from these two. */
	put_u32(&s, pol->flags);
	put_u32(&s, pol->profile->flags_present);
	/* The stub as it will be, not as asked: --no-enosys cannot change a
	 * filter that gets no stub anyway. */
	put_u32(&s, o->enosys_stub && !policy_why_no_enosys_stub(pol));

	size_t kept = 0;
	for (size_t i = 0; i < pol->nchoices; i++)
		kept += pol->choices[i].kept;
	put_u64(&s, kept);
	for (size_t i = 0; i < pol->nchoices; i++) {
		const struct sr_rule *r = pol->choices[i].rule;
		if (!pol->choices[i].kept)
			continue;
		/* Kept rules whose action is the default's still count: they
		 * raise the ENOSYS stub's bound. */
		put_u32(&s, sr_action_ret(r->action));
		put_u32(&s, (uint32_t)r->nnames);
		for (size_t j = 0; j < r->nnames; j++)
			sr_sha256_update(&s.sha, r->names[j], strlen(r->names[j]) + 1);
		put_u32(&s, (uint32_t)r->nargs);
		for (size_t j = 0; j < r->nargs; j++) {
			const struct sr_arg *a = &r->args[j];
			put_u32(&s, a->index);
			put_u32(&s, (uint32_t)a->op);
			put_u64(&s, a->value);
			put_u64(&s, a->op == SR_OP_MASKED_EQ ? a->value_two : 0);
		}
	}
	sr_sha256_final(&s.sha, out);
}

void cache_source_key(const char *text, size_t len, const struct sr_host *h, bool stub,
		      uint8_t out[SR_CACHE_KEY_LEN])
{
	struct ser s;
	sr_sha256_init(&s.sha);
	put_str(&s, "seccomp-run source key 1");
	put_str(&s, SR_VERSION);
	put_str(&s, compile_libseccomp_version());
	put_str(&s, h->arch->lib_name);
	put_str(&s, sr_arch_native()->lib_name);
	put_u32(&s, h->kernel.kernel);
	put_u32(&s, h->kernel.major);
	put_u64(&s, h->ncaps);
	for (size_t i = 0; i < h->ncaps; i++)
		put_str(&s, h->caps[i]);
	put_u32(&s, stub);
	put_bytes(&s, text, len);
	sr_sha256_final(&s.sha, out);
}

/* ----------------------------------------------------- precompiled table */

/* Weak: seccomp-run and the unit tests link build/precompiled.o; the tool
 * that writes it, the fault-injection build and the fuzzers do not. */
extern const struct sr_precompiled sr_precompiled[] __attribute__((weak));
extern const size_t sr_precompiled_count __attribute__((weak));
extern const char *const sr_precompiled_caps[] __attribute__((weak));
extern const size_t sr_precompiled_ncaps __attribute__((weak));
extern const struct sr_kver sr_precompiled_kvers[] __attribute__((weak));
extern const size_t sr_precompiled_nkvers __attribute__((weak));

const struct sr_precompiled *cache_precompiled_table(size_t *n)
{
	*n = &sr_precompiled_count ? sr_precompiled_count : 0;
	return *n ? sr_precompiled : NULL;
}

static struct sock_filter *copy_insns(const struct sock_filter *v, size_t len)
{
	struct sock_filter *p = xcalloc(len, sizeof(*p));
	memcpy(p, v, len * sizeof(*p));
	return p;
}

static void use_entry(const struct sr_precompiled *e, struct sr_bpf *out)
{
	*out = (struct sr_bpf){
		.insns = copy_insns(e->insns, e->len),
		.len = e->len,
		.flags = e->flags,
		.optional_flags = e->optional_flags,
	};
}

bool cache_precompiled(const uint8_t key[SR_CACHE_KEY_LEN], struct sr_bpf *out)
{
	size_t n;
	const struct sr_precompiled *t = cache_precompiled_table(&n);
	for (size_t i = 0; i < n; i++) {
		if (memcmp(t[i].key, key, SR_CACHE_KEY_LEN) == 0) {
			use_entry(&t[i], out);
			return true;
		}
	}
	return false;
}

bool cache_precompiled_for_host(const struct sr_host *h, bool stub, struct sr_bpf *out)
{
	size_t n;
	const struct sr_precompiled *t = cache_precompiled_table(&n);
	if (!n || !&sr_precompiled_ncaps || !&sr_precompiled_nkvers ||
	    sr_precompiled_ncaps > 64 || sr_precompiled_nkvers > 64 ||
	    h->arch != sr_arch_native())
		return false;
	uint64_t caps = 0, kvers = 0;
	for (size_t i = 0; i < sr_precompiled_ncaps; i++)
		caps |= (uint64_t)host_has_cap(h, sr_precompiled_caps[i]) << i;
	for (size_t i = 0; i < sr_precompiled_nkvers; i++)
		kvers |= (uint64_t)(kver_cmp(h->kernel, sr_precompiled_kvers[i]) >= 0) << i;
	for (size_t i = 0; i < n; i++) {
		if (t[i].caps_held == caps && t[i].kvers_reached == kvers && t[i].stub == stub) {
			use_entry(&t[i], out);
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------ the files */

#define ENTRY_MAGIC "SRFILTER"
#define ENTRY_FORMAT 1u

/* Host byte order: an entry is read only on the machine that wrote it, and
 * one from another byte order fails the format check. */
struct entry_header {
	char magic[8];
	uint32_t format;
	uint32_t header_size;
	uint8_t key[SR_CACHE_KEY_LEN];   /* the entry key its name spells */
	uint32_t flags;
	uint32_t optional_flags;
	uint32_t len;                    /* instructions that follow */
	uint32_t reserved;               /* 0 */
	uint8_t digest[SR_SHA256_LEN];   /* of this header with digest zeroed,
					    and the instructions */
};
_Static_assert(sizeof(struct entry_header) == 96, "entry header layout");

/* Flags policy_compile can hand out. */
#define KNOWN_FLAGS (SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW | \
		     SR_FLAG_WAIT_KILLABLE_RECV)

size_t cache_entry_size(size_t len)
{
	return sizeof(struct entry_header) + len * sizeof(struct sock_filter);
}

static void entry_digest(const struct entry_header *h, const struct sock_filter *insns,
			 uint8_t out[SR_SHA256_LEN])
{
	struct entry_header copy = *h;
	memset(copy.digest, 0, sizeof(copy.digest));
	struct sr_sha256 c;
	sr_sha256_init(&c);
	sr_sha256_update(&c, &copy, sizeof(copy));
	sr_sha256_update(&c, insns, h->len * sizeof(*insns));
	sr_sha256_final(&c, out);
}

struct build_id {
	uint8_t v[64];
	size_t len;
};

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/* The first object dl_iterate_phdr reports is the program itself. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct build_id *id = data;
	(void)size;
	for (size_t i = 0; i < info->dlpi_phnum && !id->len; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		size_t al = ph->p_align == 8 ? 8 : 4;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(const void *)p;
			size_t name = align_up(n->n_namesz, al), desc = align_up(n->n_descsz, al);
			const char *d = p + sizeof(*n) + name;
			if (name > (size_t)(end - p) || desc > (size_t)(end - d))
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    memcmp(p + sizeof(*n), "GNU", 4) == 0 && n->n_descsz <= sizeof(id->v)) {
				memcpy(id->v, d, n->n_descsz);
				id->len = n->n_descsz;
				break;
			}
			p = d + desc;
		}
	}
	return 1;
}

/* The canonical key, this binary and this kernel. False when the binary
 * has no build ID: without it another build's entries could be taken for
 * ours. */
static bool entry_key(const uint8_t key[SR_CACHE_KEY_LEN], uint8_t out[SR_CACHE_KEY_LEN])
{
	struct build_id id = { 0 };
	struct utsname u;
	dl_iterate_phdr(find_build_id, &id);
	if (!id.len || uname(&u) < 0)
		return false;
	struct ser s;
	sr_sha256_init(&s.sha);
	put_str(&s, "seccomp-run cache entry 1");
	put_bytes(&s, key, SR_CACHE_KEY_LEN);
	put_bytes(&s, id.v, id.len);
	put_str(&s, u.release);
	put_str(&s, u.machine);
	sr_sha256_final(&s.sha, out);
	return true;
}

/* c->note, cut short if it must be: it is only ever shown. */
static void note(struct sr_cache *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct sr_cache *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->note, sizeof(c->note), fmt, ap);
	va_end(ap);
}

static void unusable(struct sr_cache *c, int e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void unusable(struct sr_cache *c, int e, const char *fmt, ...)
{
	char why[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	note(c, "cache unusable: %s%s%s%s%s", c->dir, *c->dir ? ": " : "", why, e ? ": " : "",
	     e ? strerror(e) : "");
	if (c->dirfd >= 0)
		close(c->dirfd);
	c->dirfd = -1;
}

void cache_disable(struct sr_cache *c, const char *why)
{
	*c = (struct sr_cache){ .dirfd = -1 };
	note(c, "%s", why);
}

void cache_close(struct sr_cache *c)
{
	if (c->dirfd >= 0)
		close(c->dirfd);
	c->dirfd = -1;
}

/* mkdir -p, 0700 for what it creates; failures show when the last
 * component is opened. */
static void make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		(void)mkdir(path, 0700);
		*p = '/';
	}
}

static bool default_dir(struct sr_cache *c, bool *parents)
{
	*parents = false;
	if (geteuid() == 0) {
		snprintf(c->dir, sizeof(c->dir), "/var/cache/seccomp-run");
		return true;
	}
	/* The XDG base directory spec: a relative path is invalid, ignore it. */
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;
	if (xdg && xdg[0] == '/')
		n = snprintf(c->dir, sizeof(c->dir), "%s/seccomp-run", xdg);
	else if (home && home[0] == '/')
		n = snprintf(c->dir, sizeof(c->dir), "%s/.cache/seccomp-run", home);
	else
		return false;
	*parents = true;
	return n > 0 && (size_t)n < sizeof(c->dir);
}

void cache_open(struct sr_cache *c, const char *dir)
{
	bool parents = false;
	*c = (struct sr_cache){ .dirfd = -1 };
	if (dir && strlen(dir) >= sizeof(c->dir)) {
		unusable(c, 0, "--cache-dir is too long");
		return;
	}
	if (dir) {
		snprintf(c->dir, sizeof(c->dir), "%s", dir);
	} else if (!default_dir(c, &parents)) {
		unusable(c, 0, "neither XDG_CACHE_HOME nor HOME is an absolute path");
		return;
	}

	if (parents)
		make_parents(c->dir);
	/* Only the last component otherwise: /var/cache is the system's. */
	bool created = mkdir(c->dir, 0700) == 0;
	if (!created && errno != EEXIST) {
		unusable(c, errno, "cannot create it");
		return;
	}
	/* O_NOFOLLOW: the directory itself is not a symlink someone else
	 * could point elsewhere; its owner and mode are checked on the fd. */
	c->dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (c->dirfd < 0 && (errno == ELOOP || errno == ENOTDIR))
		unusable(c, 0, "%s", lstat(c->dir, &st) == 0 && S_ISLNK(st.st_mode)
					     ? "is a symbolic link" : "is not a directory");
	else if (c->dirfd < 0)
		unusable(c, errno, "cannot open it");
	else if (fstat(c->dirfd, &st) < 0)
		unusable(c, errno, "cannot stat it");
	else if (st.st_uid != geteuid())
		unusable(c, 0, "owned by uid %u, not by uid %u", (unsigned)st.st_uid,
			 (unsigned)geteuid());
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		unusable(c, 0, "writable by group or others (mode %04o)",
			 (unsigned)(st.st_mode & 07777));
	else if (created && (st.st_mode & 07777) != 0700)
		(void)fchmod(c->dirfd, 0700); /* the umask took bits we need */
}

static bool entry_name(const uint8_t key[SR_CACHE_KEY_LEN], uint8_t ekey[SR_CACHE_KEY_LEN],
		       char name[2 * SR_CACHE_KEY_LEN + 1])
{
	if (!entry_key(key, ekey))
		return false;
	sr_sha256_hex(ekey, name);
	return true;
}

/* Why the entry bytes are not a filter we wrote for ekey, or NULL. */
static const char *entry_problem(const unsigned char *buf, size_t size,
				 const uint8_t ekey[SR_CACHE_KEY_LEN], struct sr_bpf *prog)
{
	struct entry_header h;
	if (size < sizeof(h))
		return "shorter than its header";
	memcpy(&h, buf, sizeof(h));
	if (memcmp(h.magic, ENTRY_MAGIC, sizeof(h.magic)) != 0 || h.format != ENTRY_FORMAT ||
	    h.header_size != sizeof(h) || h.reserved != 0)
		return "not an entry of this format";
	if (memcmp(h.key, ekey, SR_CACHE_KEY_LEN) != 0)
		return "made for another key";
	if (h.len == 0 || h.len > BPF_MAXINSNS || size != cache_entry_size(h.len))
		return "its size does not match its instruction count";
	if ((h.flags & ~(uint32_t)KNOWN_FLAGS) || (h.optional_flags & ~h.flags))
		return "unknown filter flags";
	struct sock_filter *insns = xcalloc(h.len, sizeof(*insns));
	memcpy(insns, buf + sizeof(h), h.len * sizeof(*insns));
	uint8_t digest[SR_SHA256_LEN];
	entry_digest(&h, insns, digest);
	*prog = (struct sr_bpf){ insns, h.len, h.flags, h.optional_flags };
	struct sr_error err;
	if (memcmp(digest, h.digest, sizeof(digest)) != 0) {
		bpf_free(prog);
		return "its digest does not match: damaged";
	}
	if (bpf_validate(prog, &err) < 0) {
		bpf_free(prog);
		return "not a valid filter";
	}
	return NULL;
}

bool cache_lookup(struct sr_cache *c, const uint8_t key[SR_CACHE_KEY_LEN],
		  struct sr_bpf *out)
{
	uint8_t ekey[SR_CACHE_KEY_LEN];
	char name[2 * SR_CACHE_KEY_LEN + 1];
	if (c->dirfd < 0)
		return false;
	if (!entry_name(key, ekey, name)) {
		unusable(c, 0, "this binary has no GNU build ID to tell its entries from "
			 "another build's");
		return false;
	}
	/* O_NONBLOCK: a FIFO put there must not hang us; it fails the
	 * regular-file check below. */
	_cleanup_close_ int fd = openat(c->dirfd, name,
					O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			note(c, "cache miss");
		else
			note(c, "cache miss (entry %.12s...: %s)", name, strerror(errno));
		return false;
	}
	struct stat st;
	const char *why = NULL;
	size_t max = cache_entry_size(BPF_MAXINSNS);
	if (fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_uid != geteuid())
		why = "owned by another user";
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		why = "writable by group or others";
	else if ((size_t)st.st_size > max)
		why = "too large";
	_cleanup_free_ unsigned char *buf = NULL;
	size_t got = 0;
	if (!why) {
		/* One byte more than it claims: a file that grows is caught. */
		size_t want = (size_t)st.st_size + 1;
		buf = xmalloc(want);
		while (got < want) {
			ssize_t r = read(fd, buf + got, want - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				why = r < 0 ? strerror(errno) : NULL;
				break;
			}
			got += (size_t)r;
		}
		if (!why && got != (size_t)st.st_size)
			why = "changed while read";
	}
	if (!why)
		why = entry_problem(buf, got, ekey, out);
	if (why) {
		note(c, "cache entry %.12s... ignored: %s", name, why);
		return false;
	}
	note(c, "cache hit");
	return true;
}

static void tmp_name(char *buf, size_t size)
{
	uint64_t r;
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 20;
	}
	snprintf(buf, size, ".tmp-%016llx", (unsigned long long)r);
}

static int write_all(int fd, const void *p, size_t len)
{
	const char *b = p;
	while (len) {
		ssize_t w = write(fd, b, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -1 : (errno = EIO, -1);
		b += w;
		len -= (size_t)w;
	}
	return 0;
}

void cache_store(struct sr_cache *c, const uint8_t key[SR_CACHE_KEY_LEN],
		 const struct sr_bpf *prog)
{
	uint8_t ekey[SR_CACHE_KEY_LEN];
	char name[2 * SR_CACHE_KEY_LEN + 1], tmp[32], what[sizeof(c->note)];
	if (c->dirfd < 0 || prog->len == 0 || prog->len > BPF_MAXINSNS)
		return;
	if (!entry_name(key, ekey, name)) {
		unusable(c, 0, "this binary has no GNU build ID to tell its entries from "
			 "another build's");
		return;
	}
	snprintf(what, sizeof(what), "%s", c->note);

	struct entry_header h = {
		.magic = ENTRY_MAGIC,
		.format = ENTRY_FORMAT,
		.header_size = sizeof(h),
		.flags = prog->flags,
		.optional_flags = prog->optional_flags,
		.len = (uint32_t)prog->len,
	};
	memcpy(h.key, ekey, sizeof(h.key));
	entry_digest(&h, prog->insns, h.digest);

	tmp_name(tmp, sizeof(tmp));
	int fd = openat(c->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = 0;
	if (fd < 0) {
		e = errno;
	} else {
		/* 0600 whatever the umask: an entry we cannot read back is waste. */
		if (fchmod(fd, 0600) < 0 || write_all(fd, &h, sizeof(h)) < 0 ||
		    write_all(fd, prog->insns, prog->len * sizeof(*prog->insns)) < 0 ||
		    fsync(fd) < 0)
			e = errno;
		if (close(fd) < 0 && !e)
			e = errno;
		/* rename replaces a damaged entry atomically: a reader sees the
		 * old file or the whole new one. */
		if (!e && renameat(c->dirfd, tmp, c->dirfd, name) < 0)
			e = errno;
		if (e)
			(void)unlinkat(c->dirfd, tmp, 0);
	}
	if (e)
		note(c, "%s, not stored: %s: %s", what, c->dir, strerror(e));
	else
		note(c, "%s, stored", what);
}
