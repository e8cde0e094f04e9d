/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ESP algorithms by name or alias, and keys: read from a file or stdin as
 * hex, checked against the algorithm, wiped after use.  Keys never come
 * from the command line.
 */
#ifndef CRYPTOCTL_KEY_H
#define CRYPTOCTL_KEY_H

#include <stddef.h>
#include <stdint.h>

/* The longest key (with salt or HMAC key) any algorithm takes, in bytes. */
#define KEY_MAX		64
/* The most a key file may hold, in bytes. */
#define KEY_TEXT_MAX	4096

struct alg {
	const char *word;		/* what the command line says */
	const char *name;		/* the kernel crypto API's name */
	unsigned int key_bytes[2];	/* cipher key lengths; 0 ends the list */
	unsigned int extra_bytes;	/* salt, or HMAC key, after the key */
	const char *layout;		/* what the key holds, for messages */
};

/* The algorithm named @arg (alias or kernel name); -1 after printing why. */
int parse_alg(const char *what, const char *arg, const struct alg **out);

/*
 * Whether @len bytes fit @alg; if not, the reason ("key is N bytes, ALG
 * needs M bytes (key + salt)") in @why.  Returns 0 or -1.
 */
int key_check_len(const struct alg *alg, size_t len, char *why,
		  size_t why_len);

/*
 * Hex from @text (@n bytes, not NUL-terminated): an optional leading 0x,
 * white space anywhere.  Up to @max bytes into @key.  Returns 0, or -1 with
 * the reason in @why (never a part of the key).
 */
int key_parse_hex(const char *text, size_t n, uint8_t *key, size_t max,
		  size_t *len, char *why, size_t why_len);

/*
 * The key in file @path, or on stdin for "-", checked against @alg, into
 * @key (KEY_MAX bytes).  Returns 0, or -1 after printing one line that
 * names the file and what is wrong.  Every copy but @key is wiped.
 */
int key_read(const char *path, const struct alg *alg, uint8_t *key,
	     size_t *len);

/* Zeroes @len bytes at @p so that the compiler keeps it. */
void key_wipe(void *p, size_t len);

#endif /* CRYPTOCTL_KEY_H */
