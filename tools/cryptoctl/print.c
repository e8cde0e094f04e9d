// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <string.h>

#include "print.h"

#define PRINT_MAX_DEPTH 32

static struct {
	FILE *out;
	bool json;
	bool pretty;
	int depth;
	/* Per open container: is it an array, how many members so far. */
	bool is_array[PRINT_MAX_DEPTH];
	unsigned int members[PRINT_MAX_DEPTH];
} p = { .out = NULL };

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

void print_json_string(FILE *out, const char *s)
{
	const unsigned char *c;

	fputc('"', out);
	for (c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			if (*c < 0x20 || *c == 0x7f)
				fprintf(out, "\\u%04x", *c);
			else
				fputc(*c, out);
		}
	}
	fputc('"', out);
}

static void indent(void)
{
	int i;

	if (!p.pretty)
		return;
	fputc('\n', p.out);
	for (i = 0; i < p.depth; i++)
		fputs("  ", p.out);
}

/* Separator and key before a new member of the current container. */
static void member(const char *key)
{
	if (p.depth > 0) {
		if (p.members[p.depth - 1]++)
			fputc(',', p.out);
		indent();
		if (!p.is_array[p.depth - 1]) {
			print_json_string(p.out, key ? key : "");
			fputs(p.pretty ? ": " : ":", p.out);
		}
	}
}

static void open_container(const char *key, bool array)
{
	if (!p.json)
		return;
	member(key);
	fputc(array ? '[' : '{', p.out);
	if (p.depth < PRINT_MAX_DEPTH) {
		p.is_array[p.depth] = array;
		p.members[p.depth] = 0;
	}
	p.depth++;
}

static void close_container(bool array)
{
	if (!p.json || p.depth == 0)
		return;
	p.depth--;
	if (p.members[p.depth])
		indent();
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
		print_json_string(p.out, value);
	} else if (fmt) {
		fprintf(p.out, fmt, value);
	}
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

void print_flush(void)
{
	if (p.json && p.depth == 0)
		fputc('\n', p.out);
	fflush(p.out);
}
