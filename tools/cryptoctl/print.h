/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print layer for text and JSON: every value is printed once, through
 * these calls, with a key for JSON and a format for text.
 */
#ifndef CRYPTOCTL_PRINT_H
#define CRYPTOCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void print_init(FILE *out, bool json, bool pretty);
bool print_is_json(void);

/* key is ignored inside arrays and for the outermost value. */
void print_open_object(const char *key);
void print_close_object(void);
void print_open_array(const char *key);
void print_close_array(void);

/* Text mode prints fmt (with the value) if fmt is not NULL; JSON mode the
 * key and the value.
 */
void print_string(const char *key, const char *fmt, const char *value);
void print_uint(const char *key, const char *fmt, uint64_t value);
/* Text mode prints fmt only when value is true. */
void print_bool(const char *key, const char *fmt, bool value);
/* JSON: a boolean; text: fmt with "on" or "off". */
void print_on_off(const char *key, const char *fmt, bool value);
/* Text only (labels, layout). */
void print_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Ends one top-level JSON value (a newline) and flushes. */
void print_flush(void);

/* Writes s as a JSON string literal (quoted, escaped). */
void print_json_string(FILE *out, const char *s);

#endif /* CRYPTOCTL_PRINT_H */
