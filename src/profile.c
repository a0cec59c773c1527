/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Profile parser: JSON text -> struct sr_profile (SPEC §4).
 *
 * Two passes. prescan() rewrites the raw text into JSON that jansson can
 * load faithfully (comments out, huge integers wrapped); then jansson builds
 * a tree and the parse_*() functions walk it, checking every field against
 * the Docker/OCI/podman model and copying what they keep, so the tree can be
 * freed before we return. This is the only file that includes jansson.h.
 *
 * Keys are matched like Go's encoding/json (what Docker, runc and podman
 * use): the exact spelling first, else one differing only in ASCII case.
 * JSON null means "absent" everywhere, as in Go.
 */
#include "profile.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "util.h"

/* libseccomp refuses an errno of 4095 or more (MAX_ERRNO in its
 * src/system.h); catch it here rather than when the filter is built. */
#define ERRNO_MAX 4094u
#define ERRNO_WHY "libseccomp accepts errno values 0 to 4094"

/* Where we are: what messages name, where they go, and the JSON path of
 * the value being read, pushed and popped as the walk descends. */
struct ctx {
	const char *origin;
	struct sr_diags *diags;
	struct sr_error *err;
	char path[256];
	size_t len;
};

/* -- JSON paths and messages --------------------------------------------- */

/* Append n bytes of s. A path too long for the error buffer is cut, never
 * overrun. Every key and array element passes here, so no printf. */
static void path_put(struct ctx *c, const char *s, size_t n)
{
	size_t room = sizeof(c->path) - 1 - c->len;
	if (n > room)
		n = room;
	memcpy(c->path + c->len, s, n);
	c->len += n;
	c->path[c->len] = '\0';
}

/* Descend into .key or [i]; each returns the mark to hand to path_pop(). */
static size_t path_key(struct ctx *c, const char *key)
{
	size_t mark = c->len;
	if (c->len)
		path_put(c, ".", 1);
	path_put(c, key, strlen(key));
	return mark;
}

static size_t path_index(struct ctx *c, size_t i)
{
	size_t mark = c->len;
	char buf[24];
	size_t n = sizeof(buf);
	buf[--n] = ']';
	do
		buf[--n] = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	buf[--n] = '[';
	path_put(c, buf + n, sizeof(buf) - n);
	return mark;
}

static void path_pop(struct ctx *c, size_t mark)
{
	c->len = mark;
	c->path[mark] = '\0';
}

/* Fail about the current path, or about its member key when key is set. */
static __attribute__((format(printf, 3, 0))) int
vfail(struct ctx *c, const char *key, const char *fmt, va_list ap)
{
	char msg[sizeof(c->err->msg)];
	size_t mark = key ? path_key(c, key) : c->len;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	sr_fail_at(c->err, c->origin, c->path, "%s", msg);
	path_pop(c, mark);
	return -1;
}

static __attribute__((format(printf, 2, 3))) int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(c, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

static __attribute__((format(printf, 3, 4))) int
fail_key(struct ctx *c, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(c, key, fmt, ap);
	va_end(ap);
	return -1;
}

static __attribute__((format(printf, 4, 5))) void
warn_key(struct ctx *c, const char *code, const char *key, const char *fmt, ...)
{
	char msg[1024];
	size_t mark = key ? path_key(c, key) : c->len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sr_diag_add(c->diags, SR_WARNING, code, c->origin, c->path, "%s", msg);
	path_pop(c, mark);
}

/* "A, B, C" from a table walker that returns NULL past the end and "" for
 * a hole, so messages list exactly what names.c accepts. */
static const char *accepted(char *buf, size_t size, const char *(*at)(unsigned))
{
	size_t n = 0;
	const char *s;

	buf[0] = '\0';
	for (unsigned i = 0; (s = at(i)) && n < size; i++)
		if (*s)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", s);
	return buf;
}

static const char *action_at(unsigned i)
{
	/* SCMP_ACT_KILL is an alias the kind table cannot name. */
	if (i == 0)
		return "SCMP_ACT_KILL";
	return i - 1 <= SR_ACT_NOTIFY ? sr_act_name((enum sr_act)(i - 1)) : NULL;
}

static const char *op_at(unsigned i)
{
	return i <= SR_OP_MASKED_EQ - SR_OP_NE ? sr_op_name((enum sr_op)(SR_OP_NE + i)) : NULL;
}

static const char *arch_at(unsigned i)
{
	const struct sr_arch *a = sr_arch_at(i);
	return a ? a->scmp_name : NULL;
}

static const char *flag_at(unsigned i)
{
	const char *name;

	if (i >= 32)
		return NULL;
	name = sr_flag_name(1u << i);
	return name ? name : "";
}

/* -- Pass 1: text jansson can load ------------------------------------------ */

/* Integers that jansson cannot hold (more than 18 digits may exceed
 * int64_t) or would silently change ("-0" reads as 0, hiding a negative
 * number) travel as strings whose first byte is NUL followed by the
 * literal: "\u0000<literal>". The input cannot contain such a string,
 * prescan() refuses \u0000, so any string starting with NUL is ours. */
static bool is_wrapped_number(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 0 && json_string_value(v)[0] == '\0';
}

struct scan {
	const char *in;
	size_t len;
	char *out;
	size_t n, cap;
	bool comments;
};

static void emit(struct scan *s, const char *p, size_t n)
{
	if (s->cap - s->n < n + 1) {
		while (s->cap - s->n < n + 1)
			s->cap = s->cap ? s->cap * 2 : 4096;
		s->out = xrealloc(s->out, s->cap);
	}
	memcpy(s->out + s->n, p, n);
	s->n += n;
	s->out[s->n] = '\0';
}

/* Line and column (from 1) of byte off, for errors found in the raw text.
 * Columns count characters, not UTF-8 continuation bytes, as jansson's do. */
static void line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/* jansson takes a NUL byte for the end of the text: say what it is. */
static const char nul_byte[] = "NUL byte: a profile is JSON text";

static int scan_fail(struct ctx *c, const struct scan *s, size_t off, const char *what)
{
	unsigned line, col;

	line_col(s->in, off, &line, &col);
	return fail(c, "line %u column %u: %s", line, col, what);
}

/* Copy the string starting at the quote in[*i] and move *i past it. An
 * unterminated string is copied as is for jansson to report. */
static int scan_string(struct ctx *c, struct scan *s, size_t *i)
{
	size_t j = *i + 1;

	while (j < s->len && s->in[j] != '"') {
		if (s->in[j] == '\0')
			return scan_fail(c, s, j, nul_byte);
		if (s->in[j] == '\\' && j + 1 < s->len) {
			if (s->len - j >= 6 && memcmp(s->in + j + 1, "u0000", 5) == 0)
				return scan_fail(c, s, j,
						 "NUL character (\\u0000) in string: profiles cannot contain it");
			j++;
		}
		j++;
	}
	j = j < s->len ? j + 1 : j;
	emit(s, s->in + *i, j - *i);
	*i = j;
	return 0;
}

/* Replace the comment at in[i] by spaces, keeping line breaks so jansson's
 * line numbers still match the file. */
static int scan_comment(struct ctx *c, struct scan *s, size_t *i)
{
	bool block = s->in[*i + 1] == '*';
	size_t j = *i + 2;

	if (block) {
		while (j + 1 < s->len && !(s->in[j] == '*' && s->in[j + 1] == '/'))
			j++;
		if (j + 1 >= s->len)
			return scan_fail(c, s, *i, "unterminated /* comment: expected */");
		j += 2;
	} else {
		while (j < s->len && s->in[j] != '\n')
			j++;
	}
	for (size_t k = *i; k < j; k++)
		emit(s, s->in[k] == '\n' || s->in[k] == '\r' ? &s->in[k] : " ", 1);
	s->comments = true;
	*i = j;
	return 0;
}

static bool is_number_char(char ch)
{
	return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' ||
	       ch == 'E';
}

/* A valid JSON integer literal jansson would mishandle: "-0", or more
 * than 18 digits. Leading zeros are invalid JSON: jansson reports those. */
static bool needs_wrapping(const char *p, size_t n)
{
	bool negative = n > 0 && p[0] == '-';
	const char *digits = p + negative;
	size_t ndigits = n - negative;

	if (ndigits == 0)
		return false;
	for (size_t k = 0; k < ndigits; k++)
		if (!isdigit((unsigned char)digits[k]))
			return false;
	if (digits[0] == '0')
		return negative && ndigits == 1;
	return ndigits > 18;
}

static void scan_number(struct scan *s, size_t *i)
{
	size_t j = *i;

	while (j < s->len && is_number_char(s->in[j]))
		j++;
	if (needs_wrapping(s->in + *i, j - *i)) {
		emit(s, "\"\\u0000", 7);
		emit(s, s->in + *i, j - *i);
		emit(s, "\"", 1);
	} else {
		emit(s, s->in + *i, j - *i);
	}
	*i = j;
}

static int prescan(struct ctx *c, struct scan *s)
{
	size_t i = 0;

	emit(s, "", 0); /* out is a string even for empty input */
	while (i < s->len) {
		char ch = s->in[i];
		char next = i + 1 < s->len ? s->in[i + 1] : '\0';
		int rc = 0;

		if (ch == '\0')
			rc = scan_fail(c, s, i, nul_byte);
		else if (ch == '"')
			rc = scan_string(c, s, &i);
		else if (ch == '/' && (next == '/' || next == '*'))
			rc = scan_comment(c, s, &i);
		else if (ch == '-' || (ch >= '0' && ch <= '9'))
			scan_number(s, &i);
		else
			emit(s, &s->in[i++], 1);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Only JSON whitespace (after comments became spaces). */
static bool is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

static const char missing_default[] =
	"missing defaultAction; a profile must say what happens to unlisted syscalls; "
	"use -p unconfined for no filter";

/* jansson seeds its object hash from /dev/urandom, opened without
 * O_CLOEXEC, on first use. getrandom(2) needs no fd; the seed stays random
 * so that a hostile profile cannot make its keys collide. */
static void seed_hash(void)
{
	static bool seeded;
	uint32_t seed;
	if (seeded)
		return;
	seeded = true;
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed) && seed)
		json_object_seed(seed);
}

static json_t *load(struct ctx *c, const char *text, size_t len, bool *had_comments)
{
	struct scan s = { .in = text, .len = len };
	_cleanup_free_ char *out = NULL;
	json_error_t je;
	json_t *root;
	int rc;

	if (len > SR_PROFILE_MAX_BYTES) {
		fail(c, "profile is %zu bytes, more than the %u MiB accepted", len,
		     SR_PROFILE_MAX_BYTES >> 20);
		return NULL;
	}
	rc = prescan(c, &s);
	out = s.out;
	if (rc < 0)
		return NULL;
	if (is_blank(out, s.n)) {
		fail(c, "the profile is empty: %s", missing_default);
		return NULL;
	}
	*had_comments = s.comments;
	if (s.comments)
		warn_key(c, "comments", NULL,
			 "comments are not portable: Docker, runc and containerd reject them");

	/* ALLOW_NUL keeps our "\u0000<literal>" strings whole. A column may be
	 * off by 8 after such a literal on the same line; lines are exact. */
	seed_hash();
	root = json_loadb(out, s.n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!root)
		fail(c, "invalid JSON at line %d column %d: %s", je.line, je.column, je.text);
	return root;
}

/* -- Pass 2: values -------------------------------------------------------- */

/* The JSON type of v as its author wrote it. */
static const char *type_name(const json_t *v)
{
	if (is_wrapped_number(v))
		return "a number";
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		return "null";
	}
	return "an unknown value";
}

static bool has_type(const json_t *v, json_type type)
{
	return json_typeof(v) == type && !is_wrapped_number(v);
}

/* obj.key: the exact spelling first, else one differing only in ASCII case
 * (Go's rule; check_keys() has made sure there is at most one). null is
 * absent. strcasecmp is ASCII-only: seccomp-run never sets a locale. */
static json_t *member(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key), *fold;
	const char *k;

	if (!v) {
		json_object_foreach(obj, k, fold) {
			if (strcasecmp(k, key) == 0) {
				v = fold;
				break;
			}
		}
	}
	return v && !json_is_null(v) ? v : NULL;
}

/* Warn about keys we do not know or that are spelled in another case, and
 * refuse two keys meaning the same field: Go would silently take the last. */
static int check_keys(struct ctx *c, json_t *obj, const char *const *known)
{
	const char *seen[16] = { 0 };
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i, k = SIZE_MAX;

		for (i = 0; known[i] && k == SIZE_MAX; i++)
			if (strcmp(key, known[i]) == 0)
				k = i;
		for (i = 0; known[i] && k == SIZE_MAX; i++)
			if (strcasecmp(key, known[i]) == 0)
				k = i;
		if (k == SIZE_MAX) {
			warn_key(c, "unknown-key", key, "unknown key '%s' ignored", key);
			continue;
		}
		if (k < ARRAY_SIZE(seen) && seen[k])
			return fail_key(c, key, "keys '%s' and '%s' both mean '%s': keep one", seen[k],
					key, known[k]);
		if (k < ARRAY_SIZE(seen))
			seen[k] = key;
		if (strcmp(key, known[k]) != 0)
			warn_key(c, "key-case", key,
				 "key '%s' taken as '%s' (matched ignoring case, as Docker and runc do; crun ignores it): write '%s'",
				 key, known[k], known[k]);
	}
	return 0;
}

/* obj.key checked to be of type (described as what in messages), or NULL
 * in *out when absent. */
static int get(struct ctx *c, json_t *obj, const char *key, json_type type, const char *what,
	       json_t **out)
{
	json_t *v = member(obj, key);

	if (v && !has_type(v, type))
		return fail_key(c, key, "expected %s, got %s", what, type_name(v));
	*out = v;
	return 0;
}

static int get_string(struct ctx *c, json_t *obj, const char *key, const char **out)
{
	json_t *v;

	if (get(c, obj, key, JSON_STRING, "a string", &v) < 0)
		return -1;
	*out = v ? json_string_value(v) : NULL;
	return 0;
}

/* Copy of obj.key, NULL when absent (or empty, if empty_is_absent). */
static int dup_string(struct ctx *c, json_t *obj, const char *key, bool empty_is_absent,
		      char **out)
{
	const char *s;

	if (get_string(c, obj, key, &s) < 0)
		return -1;
	*out = s && (*s || !empty_is_absent) ? xstrdup(s) : NULL;
	return 0;
}

/* v (at the current path) as an unsigned integer up to max. Go accepts
 * only plain integer literals for its uint fields; so do we. why, when
 * set, says where max comes from. */
static int to_uint(struct ctx *c, const json_t *v, uint64_t max, const char *why, uint64_t *out)
{
	char got[96];
	uint64_t u = 0;
	bool ok;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		snprintf(got, sizeof(got), "%" JSON_INTEGER_FORMAT, i);
		u = (uint64_t)i;
		ok = i >= 0;
	} else if (is_wrapped_number(v)) {
		const char *literal = json_string_value(v) + 1;
		snprintf(got, sizeof(got), "%.40s%s", literal, strlen(literal) > 40 ? "..." : "");
		ok = parse_u64(literal, &u); /* no sign, no overflow */
	} else if (json_is_real(v)) {
		snprintf(got, sizeof(got), "a number with a fraction or an exponent (%g)",
			 json_real_value(v));
		ok = false;
	} else {
		return fail(c, "expected an integer from 0 to %" PRIu64 ", got %s", max, type_name(v));
	}
	if (!ok || u > max)
		return fail(c, "expected an integer from 0 to %" PRIu64 ", got %s%s%s", max, got,
			    why ? ": " : "", why ? why : "");
	*out = u;
	return 0;
}

static int get_uint(struct ctx *c, json_t *obj, const char *key, uint64_t max, const char *why,
		    bool *present, uint64_t *out)
{
	json_t *v = member(obj, key);
	size_t mark;

	*present = v != NULL;
	if (!v)
		return 0;
	mark = path_key(c, key);
	if (to_uint(c, v, max, why, out) < 0)
		return -1;
	path_pop(c, mark);
	return 0;
}

/* Element i of array arr as a string, with the path pushed for the
 * caller's own checks; the caller pops. */
static int string_at(struct ctx *c, json_t *arr, size_t i, const char **out)
{
	json_t *v = json_array_get(arr, i);

	path_index(c, i);
	if (!has_type(v, JSON_STRING))
		return fail(c, "expected a string, got %s", type_name(v));
	*out = json_string_value(v);
	return 0;
}

/* obj.key, an array of strings, into a new array of *n elements of size
 * bytes stored at vec (the address of a T * member, as for get_objects);
 * take fills element i from string i, with the path at key[i]. Absent or
 * null is an empty array. */
typedef int (*take_string_fn)(struct ctx *c, const char *s, void *out);

static int get_strings(struct ctx *c, json_t *obj, const char *key, size_t size,
		       void *vec, size_t *n, take_string_fn take)
{
	json_t *arr;
	size_t mark;
	char *v;

	if (get(c, obj, key, JSON_ARRAY, "an array of strings", &arr) < 0)
		return -1;
	if (!arr)
		return 0;
	mark = path_key(c, key);
	*n = json_array_size(arr);
	v = xcalloc(*n, size);
	memcpy(vec, &v, sizeof(v));
	for (size_t i = 0; i < *n; i++) {
		size_t item = c->len;
		const char *s;

		if (string_at(c, arr, i, &s) < 0 || take(c, s, v + i * size) < 0)
			return -1;
		path_pop(c, item);
	}
	path_pop(c, mark);
	return 0;
}

static int take_copy(struct ctx *c, const char *s, void *out)
{
	(void)c;
	*(char **)out = xstrdup(s);
	return 0;
}

static int take_nonempty_copy(struct ctx *c, const char *s, void *out)
{
	if (!*s)
		return fail(c, "expected a non-empty string");
	return take_copy(c, s, out);
}

/* -- Pass 2: the profile model --------------------------------------------- */

/* obj.key, a required action name. */
static int get_action(struct ctx *c, json_t *obj, const char *key, struct sr_action *out)
{
	char list[512];
	const char *name;

	if (get_string(c, obj, key, &name) < 0)
		return -1;
	if (name && sr_action_lookup(name, out))
		return 0;
	/* The list of what is accepted is built only for the message. */
	accepted(list, sizeof(list), action_at);
	if (!name)
		return fail(c, "missing %s: expected one of %s", key, list);
	if (!*name)
		return fail_key(c, key, "empty action: expected one of %s", list);
	return fail_key(c, key, "unknown action '%s': expected one of %s", name, list);
}

/* podman's errno: a name ("ENOSYS") or a decimal string. */
static int errno_value(struct ctx *c, const char *s, uint64_t *out)
{
	int value;

	if (sr_errno_lookup(s, &value)) {
		*out = (uint64_t)value;
		return 0;
	}
	if (parse_u64(s, out) && *out <= ERRNO_MAX)
		return 0;
	if (parse_u64(s, out))
		return fail(c, "errno %s is out of range: %s", s, ERRNO_WHY);
	return fail(c, "unknown errno '%s': expected a name such as EPERM or ENOSYS, or a number", s);
}

/* The errno of act: num_key is the number (errnoRet, defaultErrnoRet),
 * name_key podman's name or decimal string (errno, defaultErrno), which
 * podman lets win; where both are given they must agree. Absent, ERRNO
 * and TRACE keep sr_action_lookup()'s EPERM. */
static int get_errno(struct ctx *c, json_t *obj, const char *num_key, const char *name_key,
		     struct sr_action *act, bool *has)
{
	uint64_t num = 0, named;
	bool has_num;
	const char *name;

	if (get_uint(c, obj, num_key, ERRNO_MAX, ERRNO_WHY, &has_num, &num) < 0 ||
	    get_string(c, obj, name_key, &name) < 0)
		return -1;
	if (!has_num && !name)
		return 0;
	if (!sr_action_takes_errno(act->kind))
		return fail_key(c, name ? name_key : num_key,
				"%s takes no errno (only SCMP_ACT_ERRNO and SCMP_ACT_TRACE do): remove %s",
				act->name, name ? name_key : num_key);
	if (name) {
		size_t mark = path_key(c, name_key);
		if (errno_value(c, name, &named) < 0)
			return -1;
		if (has_num && named != num)
			return fail(c, "'%s' is %" PRIu64 " but %s is %" PRIu64 ": they contradict each other",
				    name, named, num_key, num);
		if (!has_num)
			sr_diag_add(c->diags, SR_NOTE, "podman-only", c->origin, c->path,
				    "%s is Podman's and CRI-O's (containers/common): Docker, runc "
				    "and crun ignore it and return EPERM; \"%s\": %" PRIu64
				    " works everywhere", name_key, num_key, named);
		path_pop(c, mark);
		num = named;
	}
	act->data = (uint16_t)num;
	*has = true;
	return 0;
}

static int arch_value(struct ctx *c, const char *name, const struct sr_arch **out)
{
	char list[1024];

	*out = sr_arch_by_scmp_name(name);
	if (!*out)
		return fail(c, "unknown architecture '%s': expected one of %s", name,
			    accepted(list, sizeof(list), arch_at));
	return 0;
}

static int take_arch(struct ctx *c, const char *s, void *out)
{
	return arch_value(c, s, out);
}

/* obj[key], an array of objects, into a new array of *n elements of size
 * bytes, stored at vec (the address of a T * member); parse_one fills
 * element i with the path at key[i]. Absent or null is an empty array.
 * The array is stored before parsing, so on failure the owner frees it. */
typedef int (*parse_one_fn)(struct ctx *c, json_t *obj, void *out, size_t i);

static int get_objects(struct ctx *c, json_t *obj, const char *key, size_t size,
		       void *vec, size_t *n, parse_one_fn parse_one)
{
	json_t *arr;
	size_t mark;
	char *v;

	if (get(c, obj, key, JSON_ARRAY, "an array of objects", &arr) < 0)
		return -1;
	if (!arr)
		return 0;
	mark = path_key(c, key);
	*n = json_array_size(arr);
	v = xcalloc(*n, size);
	/* memcpy, not a cast to void **: vec is a T *, not a void *. */
	memcpy(vec, &v, sizeof(v));
	for (size_t i = 0; i < *n; i++) {
		json_t *elem = json_array_get(arr, i);
		size_t item = path_index(c, i);

		if (!has_type(elem, JSON_OBJECT))
			return fail(c, "expected an object, got %s", type_name(elem));
		if (parse_one(c, elem, v + i * size, i) < 0)
			return -1;
		path_pop(c, item);
	}
	path_pop(c, mark);
	return 0;
}

static int parse_archmap_entry(struct ctx *c, json_t *entry, void *out, size_t i)
{
	static const char *const keys[] = { "architecture", "subArchitectures", NULL };
	struct sr_archmap *m = out;
	const char *name;
	size_t field;

	(void)i;
	if (check_keys(c, entry, keys) < 0 || get_string(c, entry, "architecture", &name) < 0)
		return -1;
	if (!name)
		return fail(c, "missing architecture");
	field = path_key(c, "architecture");
	if (arch_value(c, name, &m->arch) < 0)
		return -1;
	path_pop(c, field);
	return get_strings(c, entry, "subArchitectures", sizeof(*m->subs), &m->subs, &m->nsubs,
			   take_arch);
}

static int get_flags(struct ctx *c, json_t *root, struct sr_profile *p)
{
	char list[512];
	json_t *arr;
	size_t mark;

	if (get(c, root, "flags", JSON_ARRAY, "an array of strings", &arr) < 0)
		return -1;
	/* Absent flags mean SPEC_ALLOW, but that is compile's decision. */
	p->flags_present = arr != NULL;
	if (!arr)
		return 0;
	mark = path_key(c, "flags");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t item = c->len;
		const char *s;
		unsigned bit;

		if (string_at(c, arr, i, &s) < 0)
			return -1;
		if (!sr_flag_lookup(s, &bit))
			return fail(c, "unknown flag '%s': expected one of %s", s,
				    accepted(list, sizeof(list), flag_at));
		p->flags |= bit;
		path_pop(c, item);
	}
	path_pop(c, mark);
	return 0;
}

/* moby's KernelVersion.UnmarshalJSON: "" is 0.0 (every kernel satisfies
 * it), otherwise exactly "<kernel>.<major>", each part plain decimal 0-255
 * (leading zeros fine), and not 0.0. */
static bool parse_min_kernel(const char *s, struct sr_kver *out, const char **why)
{
	static const char form[] = "expected \"<kernel>.<major>\" with parts 0 to 255, such as \"5.8\"";
	const char *dot = strchr(s, '.');
	_cleanup_free_ char *kernel = NULL;

	*out = (struct sr_kver){ 0, 0 };
	if (!*s)
		return true;
	*why = form;
	if (!dot || strchr(dot + 1, '.'))
		return false;
	kernel = xstrndup(s, (size_t)(dot - s));
	if (!parse_uint(kernel, 255, &out->kernel) || !parse_uint(dot + 1, 255, &out->major))
		return false;
	*why = "version cannot be 0.0";
	return out->kernel || out->major;
}

static int get_min_kernel(struct ctx *c, json_t *obj, struct sr_cond *cond)
{
	json_t *v = member(obj, "minKernel");
	const char *why;

	if (!v)
		return 0;
	if (!has_type(v, JSON_STRING))
		return fail_key(c, "minKernel",
				"invalid kernel version: expected a string \"<kernel>.<major>\" such as \"5.8\", got %s",
				type_name(v));
	if (!parse_min_kernel(json_string_value(v), &cond->min_kernel, &why))
		return fail_key(c, "minKernel", "invalid kernel version \"%s\": %s",
				json_string_value(v), why);
	cond->has_min_kernel = true;
	return 0;
}

/* includes / excludes. An empty object is present and imposes nothing. */
static int get_cond(struct ctx *c, json_t *rule, const char *key, struct sr_cond *cond)
{
	static const char *const keys[] = { "caps", "arches", "minKernel", NULL };
	json_t *obj;
	size_t mark;

	if (get(c, rule, key, JSON_OBJECT, "an object", &obj) < 0)
		return -1;
	if (!obj)
		return 0;
	mark = path_key(c, key);
	cond->present = true;
	/* Names are compared as strings, like moby: no validation here. */
	if (check_keys(c, obj, keys) < 0 ||
	    get_strings(c, obj, "caps", sizeof(*cond->caps), &cond->caps, &cond->ncaps, take_copy) < 0 ||
	    get_strings(c, obj, "arches", sizeof(*cond->arches), &cond->arches, &cond->narches,
			take_copy) < 0 ||
	    get_min_kernel(c, obj, cond) < 0)
		return -1;
	path_pop(c, mark);
	return 0;
}

static int parse_arg(struct ctx *c, json_t *obj, void *out, size_t i)
{
	static const char *const keys[] = { "index", "value", "valueTwo", "op", NULL };
	struct sr_arg *a = out;
	char list[256];
	const char *op;
	uint64_t index = 0;
	bool present;

	(void)i;
	/* A missing index or value is 0, as in Go and crun. */
	if (check_keys(c, obj, keys) < 0 ||
	    get_uint(c, obj, "index", 5, "syscalls have 6 arguments, 0 to 5", &present, &index) < 0 ||
	    get_uint(c, obj, "value", UINT64_MAX, NULL, &present, &a->value) < 0 ||
	    get_uint(c, obj, "valueTwo", UINT64_MAX, NULL, &a->has_value_two, &a->value_two) < 0 ||
	    get_string(c, obj, "op", &op) < 0)
		return -1;
	a->index = (unsigned)index;
	if (!op)
		return fail(c, "missing op: expected one of %s", accepted(list, sizeof(list), op_at));
	if (!*op)
		return fail_key(c, "op", "empty operator: expected one of %s",
				accepted(list, sizeof(list), op_at));
	if (!sr_op_lookup(op, &a->op))
		return fail_key(c, "op", "unknown operator '%s': expected one of %s", op,
				accepted(list, sizeof(list), op_at));
	return 0;
}

/* "names", or the pre-2016 "name" standing for a one-element list. */
static int get_names(struct ctx *c, json_t *rule, struct sr_rule *r)
{
	const char *name;

	if (member(rule, "name") && member(rule, "names"))
		return fail(c, "both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
	if (get_string(c, rule, "name", &name) < 0)
		return -1;
	if (!name)
		return get_strings(c, rule, "names", sizeof(*r->names), &r->names, &r->nnames,
				   take_nonempty_copy);
	if (!*name)
		return fail_key(c, "name", "expected a non-empty syscall name");
	r->names = xcalloc(1, sizeof(*r->names));
	r->names[0] = xstrdup(name);
	r->nnames = 1;
	r->legacy_name = true;
	return 0;
}

static int parse_rule(struct ctx *c, json_t *obj, void *out, size_t i)
{
	static const char *const keys[] = {
		"names", "name", "action", "errnoRet", "errno", "args", "comment",
		"includes", "excludes", NULL,
	};

	struct sr_rule *r = out;

	r->index = i;
	/* Several conditions on one index are kept as written: splitting them
	 * into OR-ed rules, as runc does, is the compiler's job. */
	if (check_keys(c, obj, keys) < 0 || get_names(c, obj, r) < 0 ||
	    get_action(c, obj, "action", &r->action) < 0 ||
	    get_errno(c, obj, "errnoRet", "errno", &r->action, &r->has_errno) < 0 ||
	    get_objects(c, obj, "args", sizeof(*r->args), &r->args, &r->nargs,
			parse_arg) < 0 ||
	    dup_string(c, obj, "comment", true, &r->comment) < 0 ||
	    get_cond(c, obj, "includes", &r->includes) < 0 ||
	    get_cond(c, obj, "excludes", &r->excludes) < 0)
		return -1;
	return 0;
}


static int parse_seccomp(struct ctx *c, json_t *obj, struct sr_profile *p)
{
	static const char *const keys[] = {
		"defaultAction", "defaultErrnoRet", "defaultErrno", "architectures",
		"archMap", "syscalls", "flags", "listenerPath", "listenerMetadata",
		"comment", NULL,
	};
	if (!has_type(obj, JSON_OBJECT))
		return fail(c, "expected an object, got %s", type_name(obj));
	if (check_keys(c, obj, keys) < 0)
		return -1;
	if (!member(obj, "defaultAction"))
		return fail(c, "%s", missing_default);
	if (get_action(c, obj, "defaultAction", &p->default_action) < 0)
		return -1;
	if (p->default_action.kind == SR_ACT_NOTIFY)
		return fail_key(c, "defaultAction",
				"SCMP_ACT_NOTIFY cannot be the default action (runc refuses it too): use it in rules");
	if (get_errno(c, obj, "defaultErrnoRet", "defaultErrno", &p->default_action,
		      &p->has_default_errno) < 0 ||
	    get_strings(c, obj, "architectures", sizeof(*p->arches), &p->arches, &p->narches,
			take_arch) < 0 ||
	    get_objects(c, obj, "archMap", sizeof(*p->archmap), &p->archmap,
			&p->narchmap, parse_archmap_entry) < 0)
		return -1;
	if (p->narches && p->narchmap)
		return fail(c, "both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'");
	if (get_objects(c, obj, "syscalls", sizeof(*p->rules), &p->rules, &p->nrules,
			parse_rule) < 0 ||
	    get_flags(c, obj, p) < 0 ||
	    dup_string(c, obj, "listenerPath", false, &p->listener_path) < 0 ||
	    dup_string(c, obj, "listenerMetadata", false, &p->listener_metadata) < 0 ||
	    dup_string(c, obj, "comment", true, &p->comment) < 0)
		return -1;
	return 0;
}

/* A whole OCI config.json has no defaultAction of its own but one of the
 * runtime-spec's top-level keys; its profile is .linux.seccomp. */
static bool is_oci_config(json_t *root)
{
	return !member(root, "defaultAction") &&
	       (json_object_get(root, "ociVersion") || json_object_get(root, "linux") ||
		json_object_get(root, "process"));
}

static int parse_root(struct ctx *c, json_t *root, struct sr_profile *p)
{
	json_t *linux_obj, *seccomp;

	if (!has_type(root, JSON_OBJECT))
		return fail(c, "expected a JSON object at the top level, got %s", type_name(root));
	if (!is_oci_config(root))
		return parse_seccomp(c, root, p);

	/* The rest of config.json is none of our business: no key warnings. */
	if (get(c, root, "linux", JSON_OBJECT, "an object", &linux_obj) < 0)
		return -1;
	seccomp = linux_obj ? member(linux_obj, "seccomp") : NULL;
	if (!seccomp)
		return fail(c, "an OCI config.json without linux.seccomp: there is no profile to apply; "
			       "use -p unconfined to run without a filter");
	free(p->prefix);
	p->prefix = xstrdup("linux.seccomp");
	path_key(c, p->prefix);
	return parse_seccomp(c, seccomp, p);
}

int profile_parse(const char *text, size_t len, const char *origin, struct sr_profile *out,
		  struct sr_diags *diags, struct sr_error *err)
{
	struct sr_profile p = { .origin = xstrdup(origin), .prefix = xstrdup("") };
	struct ctx c = { .origin = origin, .diags = diags, .err = err };
	json_t *root;
	int rc = -1;

	*out = (struct sr_profile){ 0 };
	root = load(&c, text, len, &p.had_comments);
	if (root)
		rc = parse_root(&c, root, &p);
	json_decref(root);
	if (rc < 0) {
		profile_free(&p);
		return -1;
	}
	*out = p;
	return 0;
}

static void cond_free(struct sr_cond *cond)
{
	strv_free(cond->arches, cond->narches);
	strv_free(cond->caps, cond->ncaps);
}

void profile_free(struct sr_profile *p)
{
	for (size_t i = 0; i < p->nrules; i++) {
		struct sr_rule *r = &p->rules[i];
		strv_free(r->names, r->nnames);
		free(r->args);
		cond_free(&r->includes);
		cond_free(&r->excludes);
		free(r->comment);
	}
	free(p->rules);
	for (size_t i = 0; i < p->narchmap; i++)
		free(p->archmap[i].subs);
	free(p->archmap);
	free(p->arches);
	free(p->origin);
	free(p->prefix);
	free(p->listener_path);
	free(p->listener_metadata);
	free(p->comment);
	*p = (struct sr_profile){ 0 };
}

bool rule_ors_conditions(const struct sr_rule *r)
{
	unsigned seen = 0;
	for (size_t i = 0; i < r->nargs; i++) {
		if (seen & (1u << r->args[i].index))
			return true;
		seen |= 1u << r->args[i].index;
	}
	return false;
}

char *profile_rule_path(const struct sr_profile *p, const struct sr_rule *r)
{
	const char *prefix = p->prefix ? p->prefix : "";

	return xasprintf("%s%ssyscalls[%zu]", prefix, *prefix ? "." : "", r->index);
}
