/* SPDX-License-Identifier: Apache-2.0 */
/* decode: name the syscall, arch, action and process of each kernel
 * seccomp audit record in a log. The kernel writes the same fields to
 * auditd (type=SECCOMP) and, when no audit daemon listens, to the kernel
 * log (audit: type=1326), in this order:
 *
 *   auid=%u uid=%u gid=%u ses=%u [subj=%s] pid=%d comm=%s exe=%s sig=%ld
 *   arch=%x syscall=%ld compat=%d ip=0x%lx code=0x%x
 *
 * comm and exe are "quoted", or hex when they hold a quote, a space, a
 * control character or a byte above 0x7e; so a process name can never
 * add a field of its own. */
#include "decode.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "compile.h"
#include "jsonw.h"
#include "util.h"
#include "verbs.h"

#define X32_SYSCALL_BIT 0x40000000

/* ------------------------------------------------------------ parsing */

enum field {
	F_PID, F_COMM, F_EXE, F_SUBJ, F_UID, F_GID, F_AUID, F_SES, F_SIG,
	F_ARCH, F_SYSCALL, F_COMPAT, F_IP, F_CODE, F_COUNT
};

static const char *const field_keys[F_COUNT] = {
	[F_PID] = "pid",   [F_COMM] = "comm",	    [F_EXE] = "exe",
	[F_SUBJ] = "subj", [F_UID] = "uid",	    [F_GID] = "gid",
	[F_AUID] = "auid", [F_SES] = "ses",	    [F_SIG] = "sig",
	[F_ARCH] = "arch", [F_SYSCALL] = "syscall", [F_COMPAT] = "compat",
	[F_IP] = "ip",	   [F_CODE] = "code",
};

static bool word_start(const char *line, const char *p)
{
	return p == line || p[-1] == ' ' || p[-1] == ';' || p[-1] == ']' || p[-1] == ':';
}

static const char *skip_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* Where the record's audit(...) stamp starts, past "audit(", or NULL when
 * the line holds no seccomp record. auditd names the type SECCOMP (older
 * ones UNKNOWN[1326]), the kernel log 1326; what comes before (dmesg's
 * [time], /dev/kmsg's "5,3019,8071665405,-;", journalctl's date and host,
 * "node=" from a forwarding auditd) is not ours to read. */
static char *find_stamp(char *line)
{
	static const char *const types[] = {
		"type=1326 ", "type=SECCOMP ", "type=UNKNOWN[1326] ",
	};
	for (char *p = strstr(line, "type="); p; p = strstr(p + 1, "type=")) {
		if (!word_start(line, p))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
			const char *q = skip_prefix(p, types[i]);
			if (!q)
				continue;
			const char *msg = skip_prefix(q, "msg=");
			const char *s = skip_prefix(msg ? msg : q, "audit(");
			if (s)
				return (char *)s;
		}
	}
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool parse_hex(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = hexval(*s);
		if (d < 0 || v > (max - (unsigned)d) / 16)
			return false;
		v = v * 16 + (unsigned)d;
	}
	*out = v;
	return true;
}

static bool parse_u32(const char *s, uint32_t *out)
{
	unsigned v;
	if (!parse_uint(s, UINT32_MAX, &v))
		return false;
	*out = v;
	return true;
}

/* "SEC.MSEC:SERIAL)" with exactly three digits of milliseconds, as both
 * the kernel and auditd print it; returns the end of ")" or NULL. */
static char *parse_stamp(char *s, struct sr_seccomp_rec *rec)
{
	char *dot = strchr(s, '.'), *colon = dot ? strchr(dot, ':') : NULL;
	char *close = colon ? strchr(colon, ')') : NULL;
	if (!close || colon - dot != 4)
		return NULL;
	*dot = *colon = *close = '\0';
	unsigned ms;
	uint64_t sec, serial;
	bool good = parse_u64(s, &sec) && parse_uint(dot + 1, 999, &ms) &&
		    parse_u64(colon + 1, &serial) && sec <= UINT64_MAX / 1000 - 1;
	*dot = '.', *colon = ':', *close = ')';
	if (!good)
		return NULL;
	rec->time_ms = sec * 1000 + ms;
	rec->serial = serial;
	return close + 1;
}

/* Split "key=value key="quoted value" ..." into the fields we read; the
 * values are terminated in place. Unknown keys are skipped: newer
 * kernels may add some. */
static int split_fields(char *s, char *val[F_COUNT], bool quoted[F_COUNT], char *why,
			size_t why_size)
{
	/* An ENRICHED auditd log appends its interpretations after a GS
	 * byte: they are ausearch -i's, not the kernel's. */
	char *gs = strchr(s, '\x1d');
	if (gs)
		*gs = '\0';
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		char *key = s, *eq = s + strcspn(s, "= ");
		if (*eq != '=') {
			s = eq;
			continue;
		}
		*eq = '\0';
		char *v = eq + 1, *end;
		bool q = *v == '"';
		if (q) {
			v++;
			end = strchr(v, '"');
			if (!end) {
				snprintf(why, why_size, "%s= has no closing quote", key);
				return -1;
			}
			if (end[1] && end[1] != ' ') {
				snprintf(why, why_size, "%s=\"%.*s\" runs on past its closing quote",
					 key, (int)(end - v), v);
				return -1;
			}
		} else {
			end = v + strcspn(v, " ");
		}
		s = *end ? end + 1 : end;
		*end = '\0';
		for (size_t i = 0; i < F_COUNT; i++) {
			if (!val[i] && strcmp(key, field_keys[i]) == 0) {
				val[i] = v;
				quoted[i] = q;
			}
		}
	}
	return 0;
}

/* audit's untrusted-string encoding: an unquoted value is hex. Values
 * like exe=(null) are neither: kept as they are. */
static const char *untrusted_string(char *v, bool quoted)
{
	size_t n = strlen(v);
	if (quoted || n == 0 || n % 2)
		return v;
	for (size_t i = 0; i < n; i++)
		if (hexval(v[i]) < 0)
			return v;
	for (size_t i = 0; i < n / 2; i++)
		v[i] = (char)(hexval(v[2 * i]) << 4 | hexval(v[2 * i + 1]));
	v[n / 2] = '\0';
	return v;
}

const struct sr_arch *decode_arch(uint32_t audit_arch, int64_t nr)
{
	bool x32 = nr >= 0 && (nr & X32_SYSCALL_BIT);
	const struct sr_arch *a, *plain = NULL;
	for (unsigned i = 0; (a = sr_arch_at(i)); i++) {
		if (a->audit_arch != audit_arch)
			continue;
		if (a->x32_bit && x32)
			return a;
		if (!a->x32_bit && !plain)
			plain = a;
	}
	return plain;
}

static int bad(char *why, size_t why_size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
	return -1;
}

/* ausearch -i replaces the numbers with names (arch=x86_64, code=log,
 * uid=root): a mistake worth naming when the first n bytes of a value
 * are not all digits. */
static const char *raw_hint(const char *v, size_t n)
{
	return strspn(v, "0123456789abcdefABCDEFx-.:") < n
		       ? " (ausearch -i output? decode reads the raw records: ausearch without -i)"
		       : "";
}
#define RAW_HINT(v) raw_hint(v, strlen(v))

static int read_numbers(char *val[F_COUNT], struct sr_seccomp_rec *rec, char *why,
			size_t why_size)
{
	const struct {
		enum field f;
		unsigned bit;
		uint32_t *dst;
	} opt[] = {
		{ F_UID, SR_REC_UID, &rec->uid },	  { F_GID, SR_REC_GID, &rec->gid },
		{ F_AUID, SR_REC_AUID, &rec->auid },	  { F_SES, SR_REC_SES, &rec->ses },
		{ F_SIG, SR_REC_SIG, &rec->sig },	  { F_COMPAT, SR_REC_COMPAT, &rec->compat },
	};
	for (size_t i = 0; i < ARRAY_SIZE(opt); i++) {
		const char *v = val[opt[i].f];
		if (!v)
			continue;
		if (!parse_u32(v, opt[i].dst))
			return bad(why, why_size, "%s=%s is not a decimal number%s",
				   field_keys[opt[i].f], v, RAW_HINT(v));
		rec->have |= opt[i].bit;
	}
	if (val[F_IP]) {
		const char *hex = skip_prefix(val[F_IP], "0x");
		if (!hex || !parse_hex(hex, UINT64_MAX, &rec->ip))
			return bad(why, why_size, "ip=%s is not 0x and a hexadecimal number",
				   val[F_IP]);
		rec->have |= SR_REC_IP;
	}
	return 0;
}

static int read_required(char *val[F_COUNT], struct sr_seccomp_rec *rec, char *why,
			 size_t why_size)
{
	static const enum field required[] = { F_PID, F_ARCH, F_SYSCALL, F_CODE };
	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		if (!val[required[i]])
			return bad(why, why_size, "no %s= field", field_keys[required[i]]);

	uint64_t v;
	if (!parse_u32(val[F_PID], &rec->pid))
		return bad(why, why_size, "pid=%s is not a decimal number", val[F_PID]);
	if (!parse_hex(val[F_ARCH], UINT32_MAX, &v))
		return bad(why, why_size, "arch=%s is not a hexadecimal audit arch%s",
			   val[F_ARCH], RAW_HINT(val[F_ARCH]));
	rec->audit_arch = (uint32_t)v;
	/* seccomp_data.nr is an int: a program may call -1. */
	const char *nr = val[F_SYSCALL];
	bool neg = *nr == '-';
	if (!parse_u64(nr + neg, &v) || v > (neg ? (uint64_t)INT32_MAX + 1 : INT32_MAX))
		return bad(why, why_size, "syscall=%s is not a syscall number%s", nr,
			   RAW_HINT(nr));
	rec->nr = neg ? (int32_t)(-(int64_t)v) : (int32_t)v;
	const char *code = skip_prefix(val[F_CODE], "0x");
	if (!code || !parse_hex(code, UINT32_MAX, &v))
		return bad(why, why_size, "code=%s is not 0x and a hexadecimal number%s",
			   val[F_CODE], RAW_HINT(val[F_CODE]));
	rec->code = (uint32_t)v;
	rec->arch = decode_arch(rec->audit_arch, rec->nr);
	return 0;
}

int decode_parse_line(char *line, struct sr_seccomp_rec *rec, char *why, size_t why_size)
{
	char *stamp = find_stamp(line);
	if (!stamp)
		return 0;
	*rec = (struct sr_seccomp_rec){ 0 };
	char *rest = parse_stamp(stamp, rec);
	if (!rest) {
		int n = (int)strcspn(stamp, ")");
		return bad(why, why_size, "audit(%.*s) is not audit(SECONDS.MSEC:SERIAL)%s",
			   n < 40 ? n : 40, stamp, raw_hint(stamp, (size_t)n));
	}
	if (*rest != ':')
		return bad(why, why_size, "no ':' after audit(...)");

	char *val[F_COUNT] = { 0 };
	bool quoted[F_COUNT] = { 0 };
	if (split_fields(rest + 1, val, quoted, why, why_size) < 0 ||
	    read_required(val, rec, why, why_size) < 0 || read_numbers(val, rec, why, why_size) < 0)
		return -1;
	if (val[F_COMM])
		rec->comm = untrusted_string(val[F_COMM], quoted[F_COMM]);
	if (val[F_EXE])
		rec->exe = untrusted_string(val[F_EXE], quoted[F_EXE]);
	rec->subj = val[F_SUBJ];
	return 1;
}

/* ----------------------------------------------------------- printing */

const char *decode_action_str(uint32_t code, char *buf, size_t size)
{
	uint32_t full = code & SECCOMP_RET_ACTION_FULL;
	/* The kernel logs the action without its data (seccomp_log() gets
	 * ret & SECCOMP_RET_ACTION_FULL): no errno to show then, rather than
	 * a misleading ERRNO(0). */
	if (sr_ret_action_name(code) && !(code & SECCOMP_RET_DATA) &&
	    (full == SECCOMP_RET_ERRNO || full == SECCOMP_RET_TRACE))
		snprintf(buf, size, "%s", sr_ret_action_name(code));
	else
		sr_ret_str(code, buf, size);
	return buf;
}

/* Every byte becomes at most 4. */
char *decode_terminal_safe(const char *s)
{
	size_t size = strlen(s) * 4 + 1, n = 0;
	_cleanup_free_ char *tmp = xmalloc(size);
	char *out = xmalloc(size);
	sr_escape(tmp, size, s);
	for (const unsigned char *p = (const unsigned char *)tmp; *p; p++) {
		if (*p < 0x80)
			out[n++] = (char)*p;
		else
			n += (size_t)snprintf(out + n, size - n, "\\x%02x", *p);
	}
	out[n] = '\0';
	return out;
}

/* libseccomp's name for the call, or NULL for a number it does not know
 * on that arch (or any negative one: its pseudo-syscalls are < 0). */
static char *syscall_name(const struct sr_seccomp_rec *r)
{
	return r->arch && r->nr >= 0 ? compile_syscall_name(r->arch, r->nr) : NULL;
}

static const char *signal_name(uint32_t sig, char *buf, size_t size)
{
	const char *abbrev = sig <= 64 ? sigabbrev_np((int)sig) : NULL;
	if (abbrev)
		snprintf(buf, size, "SIG%s", abbrev);
	else
		snprintf(buf, size, "%" PRIu32, sig);
	return buf;
}

void decode_print_text(FILE *f, const struct sr_seccomp_rec *r)
{
	_cleanup_free_ char *name = syscall_name(r);
	_cleanup_free_ char *comm = r->comm ? decode_terminal_safe(r->comm) : NULL;
	char act[64], sig[32];

	fprintf(f, "pid %" PRIu32 " (%s) ", r->pid, comm ? comm : "?");
	if (name)
		fprintf(f, "%s ", name);
	else
		fprintf(f, "syscall %" PRId32 " ", r->nr);
	if (r->arch)
		fprintf(f, "%s ", r->arch->lib_name);
	else
		fprintf(f, "0x%08" PRIx32 " ", r->audit_arch);
	fputs(decode_action_str(r->code, act, sizeof(act)), f);
	if ((r->have & SR_REC_SIG) && r->sig)
		fprintf(f, " sig=%s", signal_name(r->sig, sig, sizeof(sig)));
	fprintf(f, " nr=%" PRId32, r->nr);
	if ((r->have & SR_REC_COMPAT) && r->compat)
		fprintf(f, " compat=%" PRIu32, r->compat);
	if (r->have & SR_REC_UID)
		fprintf(f, " uid=%" PRIu32, r->uid);
	if (r->have & SR_REC_IP)
		fprintf(f, " ip=0x%" PRIx64, r->ip);
	fprintf(f, " audit=%" PRIu64 ".%03u:%" PRIu64, r->time_ms / 1000,
		(unsigned)(r->time_ms % 1000), r->serial);
	if (r->subj) {
		_cleanup_free_ char *subj = decode_terminal_safe(r->subj);
		fprintf(f, " subj=%s", subj);
	}
	/* Last: a path may hold spaces. */
	if (r->exe) {
		_cleanup_free_ char *exe = decode_terminal_safe(r->exe);
		fprintf(f, " exe=%s", exe);
	}
	fputc('\n', f);
}

static void json_opt_u32(struct jw *w, const struct sr_seccomp_rec *r, unsigned bit,
			 const char *key, uint32_t v)
{
	if (r->have & bit)
		jw_u64(w, key, v);
	else
		jw_null(w, key);
}

static void json_str_or_null(struct jw *w, const char *key, const char *v)
{
	if (v)
		jw_string(w, key, v);
	else
		jw_null(w, key);
}

void decode_print_json(FILE *f, const struct sr_seccomp_rec *r, const char *file,
		       unsigned long line)
{
	_cleanup_free_ char *name = syscall_name(r);
	const char *action = sr_ret_action_name(r->code);
	uint32_t full = r->code & SECCOMP_RET_ACTION_FULL, data = r->code & SECCOMP_RET_DATA;
	bool has_errno = action && full == SECCOMP_RET_ERRNO && data;
	char sig[32];
	struct jw w;

	jw_init(&w, f, false);
	jw_object(&w, NULL);
	jw_string(&w, "file", file);
	jw_u64(&w, "line", line);
	jw_u64(&w, "time_ms", r->time_ms);
	jw_u64(&w, "serial", r->serial);
	jw_u64(&w, "pid", r->pid);
	json_str_or_null(&w, "comm", r->comm);
	json_str_or_null(&w, "exe", r->exe);
	json_opt_u32(&w, r, SR_REC_UID, "uid", r->uid);
	json_opt_u32(&w, r, SR_REC_GID, "gid", r->gid);
	json_opt_u32(&w, r, SR_REC_AUID, "auid", r->auid);
	json_opt_u32(&w, r, SR_REC_SES, "ses", r->ses);
	json_str_or_null(&w, "subj", r->subj);
	json_str_or_null(&w, "arch", r->arch ? r->arch->lib_name : NULL);
	jw_u64(&w, "audit_arch", r->audit_arch);
	json_str_or_null(&w, "syscall", name);
	jw_i64(&w, "nr", r->nr);
	if (r->have & SR_REC_COMPAT)
		jw_bool(&w, "compat", r->compat != 0);
	else
		jw_null(&w, "compat");
	if (r->have & SR_REC_IP)
		jw_u64(&w, "ip", r->ip);
	else
		jw_null(&w, "ip");
	jw_u64(&w, "code", r->code);
	json_str_or_null(&w, "action", action);
	jw_u64(&w, "data", data);
	json_str_or_null(&w, "errno", has_errno ? sr_errno_name((int)data) : NULL);
	json_opt_u32(&w, r, SR_REC_SIG, "sig", r->sig);
	json_str_or_null(&w, "signal", (r->have & SR_REC_SIG) && r->sig
					       ? signal_name(r->sig, sig, sizeof(sig))
					       : NULL);
	jw_end_object(&w);
	jw_finish(&w);
}

/* ------------------------------------------------------------ reading */

/* Lines from an fd with a bounded buffer: a line longer than
 * SR_DECODE_LINE_MAX is cut there and the rest of it dropped. Plain
 * read(2) rather than stdio: /dev/kmsg hands out one record per read and
 * refuses a buffer too small for it. */
struct reader {
	int fd;
	char *buf; /* 2 * SR_DECODE_LINE_MAX + 1 */
	size_t pos, len;
	bool eof, skipping;
	unsigned long lineno;
	bool overrun; /* /dev/kmsg overwrote records before we read them */
};

#define READER_SIZE (2 * SR_DECODE_LINE_MAX)

static int fill(struct reader *r)
{
	memmove(r->buf, r->buf + r->pos, r->len - r->pos);
	r->len -= r->pos;
	r->pos = 0;
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->len, READER_SIZE - r->len);
		if (n > 0) {
			r->len += (size_t)n;
			return 0;
		}
		if (n == 0) {
			r->eof = true;
			return 0;
		}
		if (errno == EPIPE) {
			r->overrun = true;
			continue;
		}
		if (errno != EINTR)
			return -1;
	}
}

/* 1 with the next line in *line (*cut when it was too long), 0 at the
 * end, -1 on a read error with errno set. */
static int next_line(struct reader *r, char **line, bool *cut)
{
	for (;;) {
		char *start = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		char *nl = memchr(start, '\n', avail);
		if (r->skipping && nl) {
			r->pos += (size_t)(nl - start) + 1;
			r->skipping = false;
			continue;
		}
		size_t n = nl ? (size_t)(nl - start) : avail;
		if (r->skipping) {
			r->pos = r->len;
		} else if (nl || n >= SR_DECODE_LINE_MAX || (r->eof && n)) {
			/* A cut line ends before its '\n', so skipping finds it. */
			*cut = n >= SR_DECODE_LINE_MAX;
			if (*cut) {
				n = SR_DECODE_LINE_MAX - 1;
				r->skipping = true;
			}
			start[n] = '\0';
			r->pos += n + (nl && !*cut);
			r->lineno++;
			*line = start;
			return 1;
		}
		if (r->eof)
			return 0;
		if (fill(r) < 0)
			return -1;
	}
}

/* -------------------------------------------------------------- the verb */

struct decode {
	const struct sr_options *o;
	bool json;
	char *buf;
	unsigned long records, malformed;
};

static void warn_at(const struct decode *d, const char *file, unsigned long line,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void warn_at(const struct decode *d, const char *file, unsigned long line,
		    const char *fmt, ...)
{
	char msg[1024], raw[2048];
	va_list ap;
	if (d->o->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(raw, sizeof(raw), "seccomp-run: %s:%lu: %s", file, line, msg);
	else
		snprintf(raw, sizeof(raw), "seccomp-run: %s: %s", file, msg);
	_cleanup_free_ char *out = decode_terminal_safe(raw);
	fprintf(stderr, "%s\n", out);
}

static void one_line(struct decode *d, const char *file, struct reader *r, char *line,
		     bool cut)
{
	struct sr_seccomp_rec rec;
	char why[512];
	size_t n = strlen(line);
	/* A log copied through Windows keeps its records. */
	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	int rc = decode_parse_line(line, &rec, why, sizeof(why));
	if (rc == 0)
		return;
	if (cut)
		snprintf(why, sizeof(why), "line longer than %d bytes", SR_DECODE_LINE_MAX - 1);
	if (rc < 0 || cut) {
		d->malformed++;
		warn_at(d, file, r->lineno, "malformed seccomp record: %s", why);
		return;
	}
	d->records++;
	if (d->json)
		decode_print_json(stdout, &rec, file, r->lineno);
	else
		decode_print_text(stdout, &rec);
}

static int decode_fd(struct decode *d, int fd, const char *file, struct sr_error *err)
{
	struct reader r = { .fd = fd, .buf = d->buf };
	struct stat st;
	/* A pipe or /dev/kmsg may be followed live: show each record as it
	 * comes rather than when a buffer fills. */
	bool live = fstat(fd, &st) < 0 || !S_ISREG(st.st_mode);
	char *line;
	bool cut;
	int rc;

	while ((rc = next_line(&r, &line, &cut)) > 0) {
		one_line(d, file, &r, line, cut);
		if (live)
			fflush(stdout);
	}
	int read_errno = errno;
	if (r.overrun)
		warn_at(d, file, 0, "the kernel overwrote log records before they were read");
	if (rc < 0) {
		sr_fail_errno(err, read_errno, "cannot read");
		snprintf(err->file, sizeof(err->file), "%s", file);
		return -1;
	}
	return 0;
}

static int decode_path(struct decode *d, const char *path, struct sr_error *err)
{
	if (strcmp(path, "-") == 0)
		return decode_fd(d, STDIN_FILENO, "-", err);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		sr_fail_errno(err, errno, "cannot open");
		snprintf(err->file, sizeof(err->file), "%s", path);
		return -1;
	}
	return decode_fd(d, fd, path, err);
}

int cmd_decode(const struct sr_options *o, struct sr_error *err)
{
	_cleanup_free_ char *buf = xmalloc(READER_SIZE + 1);
	struct decode d = {
		.o = o,
		.json = o->format && strcmp(o->format, "json") == 0,
		.buf = buf,
	};

	if (o->nargs == 0 && decode_path(&d, "-", err) < 0)
		return -1;
	for (int i = 0; i < o->nargs; i++)
		if (decode_path(&d, o->args[i], err) < 0)
			return -1;
	if (o->verbose)
		fprintf(stderr, "seccomp-run: decode: %lu seccomp records, %lu malformed\n",
			d.records, d.malformed);
	return d.malformed ? SR_EXIT_FINDINGS : 0;
}
