// SPDX-License-Identifier: GPL-2.0
/*
 * The print layer: text and JSON from the same calls.  The only state is the
 * print context below: where output goes, the mode, and the stack of open
 * JSON containers (to place commas and indentation).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

#define PRINT_MAX_DEPTH 16

static struct {
	FILE *out;
	bool json;
	bool pretty;
	unsigned int depth;
	/* Per open container: is it an array, has it a member yet. */
	bool is_array[PRINT_MAX_DEPTH];
	bool has_member[PRINT_MAX_DEPTH];
} p;

void print_init(FILE *out, bool json, bool pretty)
{
	memset(&p, 0, sizeof(p));
	p.out = out;
	p.json = json;
	p.pretty = pretty;
}

bool print_is_json(void)
{
	return p.json;
}

/*
 * Length of the well-formed UTF-8 sequence at @s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;

	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	/* A NUL terminator fails the range check: no read past the end. */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

long utf8_chars(const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	long n = 0;
	size_t len;

	for (; *c; c += len, n++) {
		len = utf8_len(c);
		if (!len)
			return -1;
	}
	return n;
}

void print_json_string(FILE *out, const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	size_t len;

	fputc('"', out);
	while (*c) {
		switch (*c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*c < 0x20 || *c == 0x7f) {
				fprintf(out, "\\u%04x", *c);
				break;
			}
			len = utf8_len(c);
			if (!len) {
				fputs("\\ufffd", out);
				break;
			}
			fwrite(c, 1, len, out);
			c += len;
			continue;
		}
		c++;
	}
	fputc('"', out);
}

static void newline_indent(void)
{
	unsigned int i;

	if (!p.pretty)
		return;
	fputc('\n', p.out);
	for (i = 0; i < p.depth; i++)
		fputs("  ", p.out);
}

/* Separator, indentation and key before a new value. */
static void member(const char *key)
{
	unsigned int top;

	if (!p.depth)
		return;
	top = p.depth - 1;
	if (p.has_member[top])
		fputc(',', p.out);
	p.has_member[top] = true;
	newline_indent();
	if (!p.is_array[top]) {
		print_json_string(p.out, key ? key : "");
		fputs(p.pretty ? ": " : ":", p.out);
	}
}

static void open_container(const char *key, bool array)
{
	if (!p.json)
		return;
	if (p.depth == PRINT_MAX_DEPTH) {
		fputs("cryptoctl: print: JSON nested too deep\n", stderr);
		abort();
	}
	member(key);
	fputc(array ? '[' : '{', p.out);
	p.is_array[p.depth] = array;
	p.has_member[p.depth] = false;
	p.depth++;
}

static void close_container(bool array)
{
	if (!p.json || !p.depth)
		return;
	p.depth--;
	if (p.has_member[p.depth])
		newline_indent();
	fputc(array ? ']' : '}', p.out);
}

void print_open_object(const char *key)
{
	open_container(key, false);
}

void print_close_object(void)
{
	close_container(false);
}

void print_open_array(const char *key)
{
	open_container(key, true);
}

void print_close_array(void)
{
	close_container(true);
}

void print_string(const char *key, const char *fmt, const char *value)
{
	if (p.json) {
		member(key);
		if (value)
			print_json_string(p.out, value);
		else
			fputs("null", p.out);
	} else if (fmt) {
		fprintf(p.out, fmt, value ? value : "");
	}
}

void print_optional(const char *key, const char *fmt, const char *value)
{
	print_string(key, fmt, value || p.json ? value : "(none)");
}

void print_null(const char *key)
{
	print_string(key, NULL, NULL);
}

void print_uint(const char *key, const char *fmt, uint64_t value)
{
	if (p.json) {
		member(key);
		fprintf(p.out, "%llu", (unsigned long long)value);
	} else if (fmt) {
		fprintf(p.out, fmt, (unsigned long long)value);
	}
}

void print_bool(const char *key, const char *fmt, bool value)
{
	if (p.json) {
		member(key);
		fputs(value ? "true" : "false", p.out);
	} else if (fmt && value) {
		fputs(fmt, p.out);
	}
}

void print_on_off(const char *key, const char *fmt, bool value)
{
	if (p.json) {
		member(key);
		fputs(value ? "true" : "false", p.out);
	} else if (fmt) {
		fprintf(p.out, fmt, value ? "on" : "off");
	}
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (p.json)
		return;
	va_start(ap, fmt);
	vfprintf(p.out, fmt, ap);
	va_end(ap);
}

void print_nl(void)
{
	if (!p.json)
		fputc('\n', p.out);
}

void print_flush(void)
{
	if (p.json && !p.depth)
		fputc('\n', p.out);
	fflush(p.out);
}

const char *duration_hms(uint64_t secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02llu:%02u:%02u", (unsigned long long)(secs / 3600),
		 (unsigned int)(secs / 60 % 60), (unsigned int)(secs % 60));
	return buf;
}

const char *duration_uptime(uint64_t secs, char *buf, size_t len)
{
	uint64_t days = secs / 86400;

	if (!days)
		return duration_hms(secs, buf, len);
	if (days < 7)
		snprintf(buf, len, "%llud%02uh", (unsigned long long)days,
			 (unsigned int)(secs / 3600 % 24));
	else if (days < 365)
		snprintf(buf, len, "%lluw%ud", (unsigned long long)(days / 7),
			 (unsigned int)(days % 7));
	else
		snprintf(buf, len, "%lluy%uw", (unsigned long long)(days / 365),
			 (unsigned int)(days % 365 / 7));
	return buf;
}
