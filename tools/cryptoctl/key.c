// SPDX-License-Identifier: GPL-2.0
/*
 * Algorithms and keys.  Keys are read with read(2), never through stdio,
 * so that no buffer holds them beyond the ones wiped here.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "key.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define GCM	"rfc4106(gcm(aes))"
#define CHACHA	"rfc7539esp(chacha20,poly1305)"
#define AUTHENC	"authenc(hmac(sha256),cbc(aes))"
#define SALT	"key + salt"
#define HMAC	"AES key + HMAC-SHA256 key"

static const struct alg algs[] = {
	{ "aes128gcm16", GCM, { 16 }, 4, SALT },
	{ "aes256gcm16", GCM, { 32 }, 4, SALT },
	{ "chacha20poly1305", CHACHA, { 32 }, 4, SALT },
	{ "aes128-sha256", AUTHENC, { 16 }, 32, HMAC },
	{ "aes256-sha256", AUTHENC, { 32 }, 32, HMAC },
	{ GCM, GCM, { 16, 32 }, 4, SALT },
	{ CHACHA, CHACHA, { 32 }, 4, SALT },
	{ AUTHENC, AUTHENC, { 16, 32 }, 32, HMAC },
};

int parse_alg(const char *what, const char *arg, const struct alg **out)
{
	size_t i;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs an algorithm name\n", what);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		if (!strcmp(arg, algs[i].word)) {
			*out = &algs[i];
			return 0;
		}
	}
	fprintf(stderr, "cryptoctl: %s: '%s' is not an algorithm: give one of",
		what, arg);
	for (i = 0; i < ARRAY_SIZE(algs); i++)
		fprintf(stderr, "%s %s", i ? "," : "", algs[i].word);
	fputc('\n', stderr);
	return -1;
}

int key_check_len(const struct alg *alg, size_t len, char *why,
		  size_t why_len)
{
	unsigned int a = alg->key_bytes[0] + alg->extra_bytes;
	unsigned int b = alg->key_bytes[1] + alg->extra_bytes;

	if (len == a || (alg->key_bytes[1] && len == b))
		return 0;
	if (alg->key_bytes[1])
		snprintf(why, why_len, "key is %zu bytes, %s needs %u or %u bytes (%s)",
			 len, alg->word, a, b, alg->layout);
	else
		snprintf(why, why_len, "key is %zu bytes, %s needs %u bytes (%s)",
			 len, alg->word, a, alg->layout);
	return -1;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* Where text[i] is, for a message: line and column, from 1. */
static void position(const char *text, size_t i, char *why, size_t why_len,
		     const char *what)
{
	unsigned int line = 1, col = 1;
	size_t j;

	for (j = 0; j < i; j++) {
		col++;
		if (text[j] == '\n') {
			line++;
			col = 1;
		}
	}
	snprintf(why, why_len, "%s at line %u, column %u", what, line, col);
}

/* Index of the first character of the key after white space and 0x. */
static size_t skip_prefix(const char *text, size_t n)
{
	size_t i = 0;

	while (i < n && is_space(text[i]))
		i++;
	if (i + 1 < n && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
		i += 2;
	return i;
}

int key_parse_hex(const char *text, size_t n, uint8_t *key, size_t max,
		  size_t *len, char *why, size_t why_len)
{
	size_t i, start = skip_prefix(text, n), digits = 0;
	int v;

	for (i = start; i < n; i++) {
		if (is_space(text[i]))
			continue;
		if (hex_value(text[i]) < 0) {
			position(text, i, why, why_len, "not a hex digit");
			return -1;
		}
		digits++;
	}
	if (!digits) {
		snprintf(why, why_len, "empty: no hex digits");
		return -1;
	}
	if (digits % 2) {
		snprintf(why, why_len, "odd number of hex digits (%zu)", digits);
		return -1;
	}
	if (digits / 2 > max) {
		snprintf(why, why_len, "key is %zu bytes, more than the %zu any algorithm takes",
			 digits / 2, max);
		return -1;
	}
	for (i = start, digits = 0; i < n; i++) {
		v = hex_value(text[i]);
		if (v < 0)
			continue;
		if (digits % 2)
			key[digits / 2] |= (uint8_t)v;
		else
			key[digits / 2] = (uint8_t)(v << 4);
		digits++;
	}
	*len = digits / 2;
	return 0;
}

void key_wipe(void *p, size_t len)
{
	explicit_bzero(p, len);
}

/*
 * Up to @size bytes of @fd into @buf; -1 with errno, or @size + 1 when there
 * is more.
 */
static ssize_t read_all(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	char more;

	while (n < size) {
		r = read(fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return n;
		n += r;
	}
	do
		r = read(fd, &more, 1);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	return r ? (ssize_t)size + 1 : (ssize_t)n;
}

/* The file's text into @text; -1 with the reason in @why. */
static ssize_t read_text(const char *path, char *text, char *why,
			 size_t why_len)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		snprintf(why, why_len, "%s", strerror(errno));
		return -1;
	}
	n = read_all(fd, text, KEY_TEXT_MAX);
	if (n < 0)
		snprintf(why, why_len, "%s", strerror(errno));
	else if (n > KEY_TEXT_MAX)
		snprintf(why, why_len, "more than %d bytes: not a key", KEY_TEXT_MAX);
	if (!is_stdin)
		close(fd);
	return n > KEY_TEXT_MAX ? -1 : n;
}

int key_read(const char *path, const struct alg *alg, uint8_t *key,
	     size_t *len)
{
	char text[KEY_TEXT_MAX], why[128];
	ssize_t n;
	int ret;

	n = read_text(path, text, why, sizeof(why));
	ret = n < 0 ? -1 :
	      key_parse_hex(text, n, key, KEY_MAX, len, why, sizeof(why)) ?:
	      key_check_len(alg, *len, why, sizeof(why));
	key_wipe(text, sizeof(text));
	if (ret < 0) {
		key_wipe(key, KEY_MAX);
		if (!strcmp(path, "-"))
			fprintf(stderr, "cryptoctl: key on stdin: %s\n", why);
		else
			fprintf(stderr, "cryptoctl: key file '%s': %s\n", path, why);
	}
	return ret;
}
