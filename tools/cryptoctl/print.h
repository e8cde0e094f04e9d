/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print layer for text and JSON, after iproute2's json_print: every value
 * is printed once, through these calls, with a key for JSON and a format for
 * text.  In text mode only the formats (and print_text()/print_nl()) produce
 * output; in JSON mode only the keys and values do.
 */
#ifndef CRYPTOCTL_PRINT_H
#define CRYPTOCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Starts a new output: where to, which mode.  @pretty indents JSON. */
void print_init(FILE *out, bool json, bool pretty);
bool print_is_json(void);

/*
 * Containers exist in JSON only.  @key names the member in an enclosing
 * object; it is ignored inside arrays and for the outermost value.
 */
void print_open_object(const char *key);
void print_close_object(void);
void print_open_array(const char *key);
void print_close_array(void);

/*
 * Values.  A NULL @fmt prints nothing in text mode; a NULL @key inside an
 * object is a bug (printed as an empty key).
 *
 * print_string: @fmt takes one %s.  A NULL @value is JSON null, "" in text.
 * print_uint:   @fmt takes one %llu.
 * print_bool:   JSON true/false; text prints @fmt as is, only when @value.
 * print_on_off: JSON true/false; @fmt takes one %s, "on" or "off".
 * print_optional: like print_string, but a NULL @value is "(none)" in text.
 * print_null:   JSON null; nothing in text.
 */
void print_string(const char *key, const char *fmt, const char *value);
void print_optional(const char *key, const char *fmt, const char *value);
void print_null(const char *key);
void print_uint(const char *key, const char *fmt, uint64_t value);
void print_bool(const char *key, const char *fmt, bool value);
void print_on_off(const char *key, const char *fmt, bool value);

/* Text mode only: labels and layout. */
void print_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print_nl(void);

/* Ends a top-level JSON value (one line of its own) and flushes. */
void print_flush(void);

/*
 * Writes @s as a JSON string literal: quoted, every control character,
 * quote and backslash escaped, valid UTF-8 passed through and each byte of
 * invalid UTF-8 replaced by U+FFFD, so the output is always valid JSON.
 */
void print_json_string(FILE *out, const char *s);

/*
 * The number of characters (code points) of @s, or -1 if it is not valid
 * UTF-8 (as print_json_string() judges it).
 */
long utf8_chars(const char *s);

/* Durations into @buf (DURATION_STRLEN), as Cisco prints them. */
#define DURATION_STRLEN	32
/* "HH:MM:SS", the hours going past 24 ("100:00:00"). */
const char *duration_hms(uint64_t secs, char *buf, size_t len);
/*
 * An uptime: "HH:MM:SS" below a day, then "1d02h", from a week "2w3d", from
 * a year (365 days) "1y5w".
 */
const char *duration_uptime(uint64_t secs, char *buf, size_t len);

#endif /* CRYPTOCTL_PRINT_H */
