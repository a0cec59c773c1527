/* SPDX-License-Identifier: Apache-2.0 */
#include "jsonw.h"

#include <inttypes.h>

void jw_init(struct jw *w, FILE *f, bool pretty)
{
	*w = (struct jw){ .f = f, .pretty = pretty };
}

static void newline(struct jw *w)
{
	if (!w->pretty)
		return;
	fputc('\n', w->f);
	for (unsigned i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Length of the valid UTF-8 sequence at s, or 0. Overlong forms,
 * surrogates and code points past U+10FFFF are not valid. */
static unsigned utf8_len(const unsigned char *s)
{
	unsigned n;
	uint32_t cp;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1fu;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0fu;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* JSON text must be UTF-8: bytes that are not (a process name from the
 * kernel can be anything) become U+FFFD. */
static void put_string(FILE *f, const char *v)
{
	fputc('"', f);
	for (const unsigned char *s = (const unsigned char *)v; *s;) {
		unsigned n = utf8_len(s);
		if (n == 0) {
			fputs("\\ufffd", f);
			s++;
		} else if (n > 1) {
			fwrite(s, 1, n, f);
			s += n;
		} else {
			switch (*s) {
			case '"': fputs("\\\"", f); break;
			case '\\': fputs("\\\\", f); break;
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			case '\t': fputs("\\t", f); break;
			default:
				if (*s < 0x20 || *s == 0x7f)
					fprintf(f, "\\u%04x", *s);
				else
					fputc(*s, f);
			}
			s++;
		}
	}
	fputc('"', f);
}

static void member(struct jw *w, const char *key)
{
	if (w->need_comma)
		fputc(',', w->f);
	if (w->depth)
		newline(w);
	if (key) {
		put_string(w->f, key);
		fputs(w->pretty ? ": " : ":", w->f);
	}
	w->need_comma = true;
}

static void begin(struct jw *w, const char *key, char c)
{
	member(w, key);
	fputc(c, w->f);
	w->depth++;
	w->need_comma = false;
}

static void end(struct jw *w, char c)
{
	bool empty = !w->need_comma;
	w->depth--;
	if (!empty)
		newline(w);
	fputc(c, w->f);
	w->need_comma = true;
}

void jw_object(struct jw *w, const char *key) { begin(w, key, '{'); }
void jw_array(struct jw *w, const char *key) { begin(w, key, '['); }
void jw_end_object(struct jw *w) { end(w, '}'); }
void jw_end_array(struct jw *w) { end(w, ']'); }

void jw_string(struct jw *w, const char *key, const char *v)
{
	member(w, key);
	put_string(w->f, v);
}

void jw_u64(struct jw *w, const char *key, uint64_t v)
{
	member(w, key);
	fprintf(w->f, "%" PRIu64, v);
}

void jw_i64(struct jw *w, const char *key, int64_t v)
{
	member(w, key);
	fprintf(w->f, "%" PRId64, v);
}

void jw_bool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct jw *w, const char *key)
{
	member(w, key);
	fputs("null", w->f);
}

void jw_finish(struct jw *w)
{
	fputc('\n', w->f);
	w->need_comma = false;
}
