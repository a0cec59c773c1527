/* SPDX-License-Identifier: Apache-2.0 */
/* The canonical key (same policy, same key; a change that cannot change the
 * filter, same key; any change of a kept field, another key), the
 * precompiled table (each entry is what compile makes now), and the disk
 * cache's checks (a damaged or foreign entry is never used). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "pipeline.h"
#include "resolve.h"
#include "unit.h"
#include "util.h"

static const char base[] =
	"{ \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
	"  \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"],\n"
	"  \"syscalls\": [\n"
	"    { \"names\": [\"read\", \"write\", \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	"      \"comment\": \"base\" },\n"
	"    { \"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	"      \"args\": [ { \"index\": 0, \"value\": 8, \"op\": \"SCMP_CMP_EQ\" } ] },\n"
	"    { \"names\": [\"socket\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 97,\n"
	"      \"args\": [ { \"index\": 0, \"value\": 255, \"valueTwo\": 16, \"op\": \"SCMP_CMP_MASKED_EQ\" } ] },\n"
	"    { \"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_KILL\" },\n"
	"    { \"names\": [\"mount\"], \"action\": \"SCMP_ACT_LOG\",\n"
	"      \"includes\": { \"caps\": [\"CAP_SYS_ADMIN\"] } }\n"
	"  ]\n"
	"}\n";

/* base with the first occurrence of from replaced by to. */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(base, from);
	ck_assert_msg(at != NULL, "'%s' is not in the base profile", from);
	return xasprintf("%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
}

struct sel {
	const char *caps, *kernel, *arch;
	bool no_stub, strict;
};

static void key_of(const char *json, const struct sel *s, uint8_t key[SR_CACHE_KEY_LEN])
{
	struct pipeline p;
	struct sr_compile_opts co = { .enosys_stub = !s->no_stub, .strict = s->strict };
	ck_assert_msg(pipeline_select(&p, json, s->caps, s->kernel, s->arch) == 0, "%s",
		      p.err.msg);
	cache_key(&p.policy, &co, key);
	pipeline_free(&p);
}

static void compile_sel(const char *json, const struct sel *s, struct pipeline *p)
{
	struct sr_compile_opts co = { .enosys_stub = !s->no_stub };
	ck_assert_msg(pipeline_select(p, json, s->caps, s->kernel, s->arch) == 0, "%s", p->err.msg);
	ck_assert_msg(policy_compile(&p->policy, &co, &p->bpf, &p->diags, &p->err) == 0, "%s",
		      p->err.msg);
}

static bool same_filter(const char *a, const struct sel *sa, const char *b, const struct sel *sb)
{
	struct pipeline pa, pb;
	compile_sel(a, sa, &pa);
	compile_sel(b, sb, &pb);
	bool same = pa.bpf.len == pb.bpf.len && pa.bpf.flags == pb.bpf.flags &&
		    pa.bpf.optional_flags == pb.bpf.optional_flags &&
		    memcmp(pa.bpf.insns, pb.bpf.insns, pa.bpf.len * sizeof(*pa.bpf.insns)) == 0;
	pipeline_free(&pa);
	pipeline_free(&pb);
	return same;
}

static const struct sel none = { .caps = "none" };

START_TEST(same_policy_same_key)
{
	uint8_t a[SR_CACHE_KEY_LEN], b[SR_CACHE_KEY_LEN];
	key_of(base, &none, a);
	key_of(base, &none, b);
	ck_assert_int_eq(memcmp(a, b, sizeof(a)), 0);
}
END_TEST

/* Changes that cannot change the filter keep the key, and then the filter
 * really is the same: the key never leaves out something that matters. */
static const struct {
	const char *what, *from, *to;
	struct sel sel;
} unchanged[] = {
	{ "a comment field", "\"base\"", "\"another comment\"", { .caps = "none" } },
	{ "a // comment", "{ \"defaultAction\"", "// allow-list\n{ \"defaultAction\"",
	  { .caps = "none" } },
	{ "the names of a dropped rule", "[\"mount\"]", "[\"umount2\", \"pivot_root\"]",
	  { .caps = "none" } },
	{ "the action of a dropped rule", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", { .caps = "none" } },
	{ "the condition of a dropped rule", "[\"CAP_SYS_ADMIN\"]", "[\"CAP_BPF\"]",
	  { .caps = "none" } },
	{ "valueTwo where SCMP_CMP_EQ ignores it", "\"value\": 8, ",
	  "\"value\": 8, \"valueTwo\": 99, ", { .caps = "none" } },
	{ "an excludes a kept rule passes", "\"comment\": \"base\"",
	  "\"comment\": \"base\", \"excludes\": { \"caps\": [\"CAP_BPF\"] }", { .caps = "none" } },
	{ "SCMP_ACT_KILL spelled SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL\"",
	  "SCMP_ACT_KILL_THREAD\"", { .caps = "none" } },
	{ "defaultErrnoRet EPERM written out", "\"SCMP_ACT_ERRNO\",\n",
	  "\"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 1,\n", { .caps = "none" } },
	{ "white space and key order", "{ \"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_KILL\" }",
	  "{\"action\":\"SCMP_ACT_KILL\",\n\"names\":[\"ptrace\"]}", { .caps = "none" } },
	{ "other capabilities selecting the same rules", "\"base\"", "\"base\"",
	  { .caps = "CAP_CHOWN,CAP_KILL" } },
	{ "another kernel selecting the same rules", "\"base\"", "\"base\"",
	  { .caps = "none", .kernel = "4.0" } },
	{ "--strict", "\"base\"", "\"base\"", { .caps = "none", .strict = true } },
};

START_TEST(unchanged_filter_same_key)
{
	uint8_t a[SR_CACHE_KEY_LEN], b[SR_CACHE_KEY_LEN];
	key_of(base, &none, a);
	_cleanup_free_ char *json = edit(unchanged[_i].from, unchanged[_i].to);
	key_of(json, &unchanged[_i].sel, b);
	ck_assert_msg(memcmp(a, b, sizeof(a)) == 0, "%s changed the key", unchanged[_i].what);
	ck_assert_msg(same_filter(base, &none, json, &unchanged[_i].sel),
		      "%s: same key, but the filter differs", unchanged[_i].what);
}
END_TEST

static const struct {
	const char *what, *from, *to;
	struct sel sel;
} changed[] = {
	{ "the default action", "\"SCMP_ACT_ERRNO\",\n", "\"SCMP_ACT_KILL_PROCESS\",\n",
	  { .caps = "none" } },
	{ "the default errno", "\"SCMP_ACT_ERRNO\",\n",
	  "\"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38,\n", { .caps = "none" } },
	{ "an arch fewer", ", \"SCMP_ARCH_X32\"]", "]", { .caps = "none" } },
	{ "the arch order", "\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"",
	  "\"SCMP_ARCH_X32\", \"SCMP_ARCH_X86\"", { .caps = "none" } },
	{ "a flag", "\"architectures\"", "\"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"], \"architectures\"",
	  { .caps = "none" } },
	{ "flags given rather than absent", "\"architectures\"",
	  "\"flags\": [\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"], \"architectures\"", { .caps = "none" } },
	{ "a kept rule's name", "\"read\"", "\"pread64\"", { .caps = "none" } },
	{ "a kept rule's name order", "\"read\", \"write\"", "\"write\", \"read\"",
	  { .caps = "none" } },
	{ "a name more", "\"exit_group\"]", "\"exit_group\", \"exit\"]", { .caps = "none" } },
	{ "a kept rule's action", "\"SCMP_ACT_ALLOW\",\n      \"args\"",
	  "\"SCMP_ACT_LOG\",\n      \"args\"", { .caps = "none" } },
	{ "a kept rule's errno", "97", "98", { .caps = "none" } },
	{ "an argument index", "\"index\": 0, \"value\": 8", "\"index\": 1, \"value\": 8",
	  { .caps = "none" } },
	{ "an operator", "\"SCMP_CMP_EQ\"", "\"SCMP_CMP_NE\"", { .caps = "none" } },
	{ "a value", "\"value\": 8,", "\"value\": 9,", { .caps = "none" } },
	{ "a MASKED_EQ datum", "\"valueTwo\": 16", "\"valueTwo\": 17", { .caps = "none" } },
	{ "a rule more, with the default action", "  ]\n}",
	  "  , { \"names\": [\"uname\"], \"action\": \"SCMP_ACT_ERRNO\" } ]\n}", { .caps = "none" } },
	{ "the rule order", "{ \"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_KILL\" },\n",
	  "", { .caps = "none" } },
	{ "a dropped rule kept (capabilities)", "\"base\"", "\"base\"",
	  { .caps = "CAP_SYS_ADMIN" } },
	{ "the target arch", "\"base\"", "\"base\"", { .caps = "none", .arch = "aarch64" } },
	{ "the ENOSYS stub", "\"base\"", "\"base\"", { .caps = "none", .no_stub = true } },
};

START_TEST(kept_field_changes_key)
{
	uint8_t a[SR_CACHE_KEY_LEN], b[SR_CACHE_KEY_LEN];
	key_of(base, &none, a);
	_cleanup_free_ char *json = NULL;
	if (strcmp(changed[_i].what, "the rule order") == 0) {
		/* ptrace moved from the last kept rule to the first */
		_cleanup_free_ char *cut = edit(changed[_i].from, changed[_i].to);
		const char *at = strstr(cut, "[\n") + 2;
		json = xasprintf("%.*s%s%s", (int)(at - cut), cut, changed[_i].from, at);
	} else {
		json = edit(changed[_i].from, changed[_i].to);
	}
	key_of(json, &changed[_i].sel, b);
	ck_assert_msg(memcmp(a, b, sizeof(a)) != 0, "%s kept the key", changed[_i].what);
}
END_TEST

/* The stub is part of the key only where it changes the filter. */
START_TEST(stub_ignored_when_none_goes_in)
{
	static const char allow[] =
		"{ \"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [ { \"names\": "
		"[\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\" } ] }";
	uint8_t a[SR_CACHE_KEY_LEN], b[SR_CACHE_KEY_LEN];
	struct sel stub = { .caps = "none" }, nostub = { .caps = "none", .no_stub = true };
	key_of(allow, &stub, a);
	key_of(allow, &nostub, b);
	ck_assert_int_eq(memcmp(a, b, sizeof(a)), 0);
	ck_assert(same_filter(allow, &stub, allow, &nostub));
}
END_TEST

static void source_key(const char *text, const char *caps, const char *kernel,
		       const char *arch, bool stub, uint8_t out[SR_CACHE_KEY_LEN])
{
	struct sr_host_overrides ov = { .caps = caps, .kernel = kernel, .arch = arch,
					.no_new_privs = true };
	struct sr_host h;
	struct sr_error err;
	ck_assert_int_eq(host_detect(&ov, &h, &err), 0);
	cache_source_key(text, strlen(text), &h, stub, out);
	host_free(&h);
}

/* The text key changes with every input selection and compile read, and
 * with no other: one byte of the file, a capability, the kernel version,
 * the arch, the stub. */
START_TEST(source_key_covers_every_input)
{
	const char *text = "{ \"defaultAction\": \"SCMP_ACT_ERRNO\" }";
	uint8_t first[SR_CACHE_KEY_LEN], again[SR_CACHE_KEY_LEN], k[6][SR_CACHE_KEY_LEN];
	source_key(text, "CAP_KILL", "6.18", NULL, true, first);
	source_key(text, "CAP_KILL", "6.18", NULL, true, again);
	ck_assert_int_eq(memcmp(first, again, sizeof(first)), 0);
	source_key("{ \"defaultAction\": \"SCMP_ACT_ERRNO\"  }", "CAP_KILL", "6.18", NULL, true, k[0]);
	source_key(text, "CAP_KILL,CAP_CHOWN", "6.18", NULL, true, k[1]);
	source_key(text, "none", "6.18", NULL, true, k[2]);
	source_key(text, "CAP_KILL", "6.17", NULL, true, k[3]);
	source_key(text, "CAP_KILL", "6.18", "aarch64", true, k[4]);
	source_key(text, "CAP_KILL", "6.18", NULL, false, k[5]);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_msg(memcmp(first, k[i], sizeof(first)) != 0, "input %zu left the key", i);
		for (size_t j = 0; j < i; j++)
			ck_assert_int_ne(memcmp(k[j], k[i], sizeof(first)), 0);
	}
}
END_TEST

/* Each common selection of the built-in profile is in the table, and the
 * table's filter is byte for byte what compile makes for it now. */
START_TEST(precompiled_is_a_fresh_compile)
{
	size_t n;
	if (!cache_precompiled_table(&n))
		return; /* a build that could not run tools/precompile */
	_cleanup_free_ char *json = xstrndup(sr_builtin_default, sr_builtin_default_len);
	const char *sets[] = { "all", "none", unit_docker_caps };
	const char *kernels[] = { "6.18", "4.8", "5.10" };
	size_t found = 0;
	for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
		for (size_t k = 0; k < ARRAY_SIZE(kernels); k++) {
			for (int stub = 0; stub <= 1; stub++) {
				struct sel s = { .caps = sets[i], .kernel = kernels[k], .no_stub = !stub };
				struct sr_compile_opts co = { .enosys_stub = stub };
				struct pipeline p;
				struct sr_bpf pre = { 0 };
				uint8_t key[SR_CACHE_KEY_LEN];
				compile_sel(json, &s, &p);
				cache_key(&p.policy, &co, key);
				ck_assert_msg(cache_precompiled(key, &pre), "caps %s kernel %s stub %d: "
					      "not in the table", sets[i], kernels[k], stub);
				ck_assert_uint_eq(pre.len, p.bpf.len);
				ck_assert_uint_eq(pre.flags, p.bpf.flags);
				ck_assert_uint_eq(pre.optional_flags, p.bpf.optional_flags);
				ck_assert_int_eq(memcmp(pre.insns, p.bpf.insns,
							pre.len * sizeof(*pre.insns)), 0);
				bpf_free(&pre);
				/* The host facts alone find the same filter. */
				ck_assert_msg(cache_precompiled_for_host(&p.host, stub, &pre),
					      "caps %s kernel %s stub %d: not found by host facts",
					      sets[i], kernels[k], stub);
				ck_assert_uint_eq(pre.len, p.bpf.len);
				ck_assert_int_eq(memcmp(pre.insns, p.bpf.insns,
							pre.len * sizeof(*pre.insns)), 0);
				bpf_free(&pre);
				pipeline_free(&p);
				found++;
			}
		}
	}
	ck_assert_uint_eq(found, 18);
	/* A kernel before the profile's minKernel selects other rules: not
	 * in the table, whatever the capabilities. */
	struct sel old = { .caps = "none", .kernel = "4.0" };
	struct sr_compile_opts co = { .enosys_stub = true };
	struct pipeline p;
	struct sr_bpf pre = { 0 };
	uint8_t key[SR_CACHE_KEY_LEN];
	ck_assert_int_eq(pipeline_select(&p, json, old.caps, old.kernel, NULL), 0);
	cache_key(&p.policy, &co, key);
	ck_assert(!cache_precompiled(key, &pre));
	ck_assert(!cache_precompiled_for_host(&p.host, true, &pre));
	pipeline_free(&p);
	/* Nor a capability set that differs in one capability the profile's
	 * conditions name (CAP_SYS_PTRACE), nor another arch. */
	ck_assert_int_eq(pipeline_select(&p, json, "CAP_SYS_PTRACE", "6.18", NULL), 0);
	ck_assert(!cache_precompiled_for_host(&p.host, true, &pre));
	pipeline_free(&p);
	ck_assert_int_eq(pipeline_select(&p, json, "none", "6.18", "aarch64"), 0);
	ck_assert(!cache_precompiled_for_host(&p.host, true, &pre));
	pipeline_free(&p);
}
END_TEST

/* ----------------------------------------------------------- disk cache */

static char tmpdir[64];

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sr-unit-cache.XXXXXX");
	ck_assert(mkdtemp(tmpdir) != NULL);
}

static void rm_tmpdir(void)
{
	DIR *d = opendir(tmpdir);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				_cleanup_free_ char *p = xasprintf("%s/%s", tmpdir, e->d_name);
				unlink(p);
			}
		}
		closedir(d);
	}
	rmdir(tmpdir);
}

/* The one entry in the directory: its path. */
static char *entry_path(void)
{
	DIR *d = opendir(tmpdir);
	ck_assert(d != NULL);
	char *path = NULL;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		ck_assert_msg(path == NULL, "more than one entry");
		path = xasprintf("%s/%s", tmpdir, e->d_name);
	}
	closedir(d);
	ck_assert(path != NULL);
	return path;
}

static const char small[] =
	"{ \"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [ { \"names\": "
	"[\"read\", \"write\", \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\" } ] }";

static void write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ck_assert(fd >= 0);
	ck_assert(write(fd, buf, len) == (ssize_t)len);
	close(fd);
}

struct fixture {
	struct pipeline p;
	uint8_t key[SR_CACHE_KEY_LEN];
	char *path;
	char *bytes;
	size_t len;
};

/* Compile small, store it, and read the entry's bytes. */
static void stored(struct fixture *f)
{
	struct sr_compile_opts co = { .enosys_stub = true };
	struct sr_cache c;
	compile_sel(small, &none, &f->p);
	cache_key(&f->p.policy, &co, f->key);
	cache_open(&c, tmpdir);
	ck_assert_msg(c.dirfd >= 0, "%s", c.note);
	struct sr_bpf got = { 0 };
	ck_assert(!cache_lookup(&c, f->key, &got));
	ck_assert_str_eq(c.note, "cache miss");
	cache_store(&c, f->key, &f->p.bpf);
	ck_assert_str_eq(c.note, "cache miss, stored");
	cache_close(&c);
	f->path = entry_path();
	f->bytes = unit_read_file(f->path, &f->len);
	ck_assert_uint_eq(f->len, cache_entry_size(f->p.bpf.len));
}

static void fixture_free(struct fixture *f)
{
	pipeline_free(&f->p);
	free(f->path);
	free(f->bytes);
}

static bool hit(const struct fixture *f, char *note, size_t size)
{
	struct sr_cache c;
	struct sr_bpf got = { 0 };
	cache_open(&c, tmpdir);
	bool ok = cache_lookup(&c, f->key, &got);
	snprintf(note, size, "%s", c.note);
	cache_close(&c);
	if (ok) {
		ck_assert_uint_eq(got.len, f->p.bpf.len);
		ck_assert_uint_eq(got.flags, f->p.bpf.flags);
		ck_assert_uint_eq(got.optional_flags, f->p.bpf.optional_flags);
		ck_assert_int_eq(memcmp(got.insns, f->p.bpf.insns, got.len * sizeof(*got.insns)), 0);
	}
	bpf_free(&got);
	return ok;
}

START_TEST(store_then_hit)
{
	struct fixture f;
	char note[700];
	make_tmpdir();
	stored(&f);
	ck_assert(hit(&f, note, sizeof(note)));
	ck_assert_str_eq(note, "cache hit");
	struct stat st;
	ck_assert_int_eq(stat(f.path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	fixture_free(&f);
	rm_tmpdir();
}
END_TEST

/* Flip any single bit pattern of any byte: never used. Then truncate at
 * every length: never used. A store puts it right. */
START_TEST(damaged_entry_is_a_miss)
{
	struct fixture f;
	char note[700];
	make_tmpdir();
	stored(&f);
	for (size_t i = 0; i < f.len; i++) {
		f.bytes[i] ^= (char)0x01;
		write_file(f.path, f.bytes, f.len);
		ck_assert_msg(!hit(&f, note, sizeof(note)), "byte %zu flipped: still a hit", i);
		ck_assert_msg(strstr(note, "ignored") != NULL, "byte %zu: %s", i, note);
		f.bytes[i] ^= (char)0x01;
	}
	for (size_t n = 0; n < f.len; n++) {
		write_file(f.path, f.bytes, n);
		ck_assert_msg(!hit(&f, note, sizeof(note)), "truncated to %zu: still a hit", n);
	}
	write_file(f.path, f.bytes, f.len);
	ck_assert(hit(&f, note, sizeof(note)));
	fixture_free(&f);
	rm_tmpdir();
}
END_TEST

/* An intact entry under another key's name: the header says so. */
START_TEST(entry_for_another_key_is_a_miss)
{
	struct fixture f;
	char note[700];
	make_tmpdir();
	stored(&f);
	f.key[0] ^= 1;
	struct sr_cache c;
	cache_open(&c, tmpdir);
	cache_store(&c, f.key, &f.p.bpf);
	cache_close(&c);
	f.key[0] ^= 1;
	/* Both entries now; put the second's bytes under the first's name. */
	DIR *d = opendir(tmpdir);
	char *other = NULL;
	for (struct dirent *e; (e = readdir(d));)
		if (e->d_name[0] != '.' && !strstr(f.path, e->d_name))
			other = xasprintf("%s/%s", tmpdir, e->d_name);
	closedir(d);
	ck_assert(other != NULL);
	ck_assert_int_eq(rename(other, f.path), 0);
	ck_assert(!hit(&f, note, sizeof(note)));
	ck_assert_msg(strstr(note, "another key") != NULL, "%s", note);
	free(other);
	fixture_free(&f);
	rm_tmpdir();
}
END_TEST

START_TEST(untrusted_places_are_not_used)
{
	struct fixture f;
	char note[700];
	make_tmpdir();
	stored(&f);
	ck_assert_int_eq(chmod(f.path, 0660), 0);
	ck_assert(!hit(&f, note, sizeof(note)));
	ck_assert_msg(strstr(note, "writable by group or others") != NULL, "%s", note);
	ck_assert_int_eq(chmod(f.path, 0600), 0);
	ck_assert(hit(&f, note, sizeof(note)));

	ck_assert_int_eq(chmod(tmpdir, 0777), 0);
	ck_assert(!hit(&f, note, sizeof(note)));
	ck_assert_msg(strstr(note, "cache unusable") && strstr(note, "mode 0777"), "%s", note);
	ck_assert_int_eq(chmod(tmpdir, 0700), 0);

	_cleanup_free_ char *link = xasprintf("%s/.link", tmpdir);
	ck_assert_int_eq(symlink(tmpdir, link), 0);
	struct sr_cache c;
	cache_open(&c, link);
	ck_assert_int_eq(c.dirfd, -1);
	ck_assert_msg(strstr(c.note, "symbolic link") != NULL, "%s", c.note);
	unlink(link);

	/* A FIFO in the entry's place: refused without blocking. */
	unlink(f.path);
	ck_assert_int_eq(mkfifo(f.path, 0600), 0);
	ck_assert(!hit(&f, note, sizeof(note)));
	ck_assert_msg(strstr(note, "not a regular file") != NULL, "%s", note);
	fixture_free(&f);
	rm_tmpdir();
}
END_TEST

START_TEST(missing_parent_is_no_cache)
{
	struct sr_cache c;
	cache_open(&c, "/nonexistent-sr-dir/sub");
	ck_assert_int_eq(c.dirfd, -1);
	ck_assert_msg(strstr(c.note, "cache unusable: /nonexistent-sr-dir/sub: cannot create it")
		      != NULL, "%s", c.note);
	struct sr_bpf got = { 0 };
	uint8_t key[SR_CACHE_KEY_LEN] = { 0 };
	ck_assert(!cache_lookup(&c, key, &got));
	cache_close(&c);
}
END_TEST

static Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("key");
	tcase_add_test(tc, same_policy_same_key);
	tcase_add_loop_test(tc, unchanged_filter_same_key, 0, (int)ARRAY_SIZE(unchanged));
	tcase_add_loop_test(tc, kept_field_changes_key, 0, (int)ARRAY_SIZE(changed));
	tcase_add_test(tc, stub_ignored_when_none_goes_in);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, source_key_covers_every_input);
	tcase_add_test(tc, precompiled_is_a_fresh_compile);
	suite_add_tcase(s, tc);
	tc = tcase_create("disk");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, store_then_hit);
	tcase_add_test(tc, damaged_entry_is_a_miss);
	tcase_add_test(tc, entry_for_another_key_is_a_miss);
	tcase_add_test(tc, untrusted_places_are_not_used);
	tcase_add_test(tc, missing_parent_is_no_cache);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(cache_suite)
