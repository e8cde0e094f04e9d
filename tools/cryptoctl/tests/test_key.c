// SPDX-License-Identifier: GPL-2.0
/*
 * Keys: the hex format of key files, reading them from a file or stdin, the
 * algorithm names and aliases, and the key length each needs.  Every
 * refusal is one line naming the file and what is wrong, never a part of
 * the key.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "key.h"
#include "kselftest_harness.h"
#include "leaks.h"

static const struct hex_case {
	const char *name;
	const char *text;
	size_t n;		/* 0: strlen(text) */
	int ret;
	size_t len;
	const char *why;
} hex_cases[] = {
	{ "plain", "00112233", 0, 0, 4, NULL },
	{ "0x", "0x00112233", 0, 0, 4, NULL },
	{ "0X", "0X00112233", 0, 0, 4, NULL },
	{ "upper case", "0X00112233", 0, 0, 4, NULL },
	{ "white space", " \t0x0011\n22 33\r\n\n", 0, 0, 4, NULL },
	{ "space inside a byte", "0 0 1 1 2 2 3 3", 0, 0, 4, NULL },
	{ "empty", "", 0, -1, 0, "empty: no hex digits" },
	{ "only space", " \n\t\n", 0, -1, 0, "empty: no hex digits" },
	{ "only 0x", "0x\n", 0, -1, 0, "empty: no hex digits" },
	{ "odd", "001", 0, -1, 0, "odd number of hex digits (3)" },
	{ "odd over lines", "0011\n223", 0, -1, 0, "odd number of hex digits (7)" },
	{ "non-hex", "00112g33", 0, -1, 0, "not a hex digit at line 1, column 6" },
	{ "non-hex line 2", "0011\n  22z3\n", 0, -1, 0,
	  "not a hex digit at line 2, column 5" },
	{ "0x twice", "0x0x00", 0, -1, 0, "not a hex digit at line 1, column 4" },
	{ "0x not first", "00 0x11", 0, -1, 0, "not a hex digit at line 1, column 5" },
	{ "colons", "00:11", 0, -1, 0, "not a hex digit at line 1, column 3" },
	{ "NUL byte", "0011\0" "2233", 9, -1, 0, "not a hex digit at line 1, column 5" },
	{ "comment", "# key\n0011", 0, -1, 0, "not a hex digit at line 1, column 1" },
};

/* Hex digits for @bytes bytes: 00 01 02 ... */
static char *hex_of(size_t bytes)
{
	char *s = malloc(2 * bytes + 1);
	size_t i;

	for (i = 0; i < bytes; i++)
		sprintf(s + 2 * i, "%02zx", i & 0xff);
	return s;
}

TEST(hex)
{
	const uint8_t want[4] = { 0x00, 0x11, 0x22, 0x33 };
	const struct hex_case *t;
	uint8_t key[KEY_MAX];
	char why[128];
	size_t len;
	int ret;

	for (t = hex_cases; t < hex_cases + ARRAY_SIZE(hex_cases); t++) {
		len = 99;
		why[0] = '\0';
		ret = key_parse_hex(t->text, t->n ? t->n : strlen(t->text), key,
				    KEY_MAX, &len, why, sizeof(why));
		EXPECT_EQ(t->ret, ret) TH_LOG("%s", t->name);
		if (t->ret) {
			EXPECT_STREQ(t->why, why) TH_LOG("%s", t->name);
			EXPECT_EQ(99, len) TH_LOG("%s", t->name);
			continue;
		}
		EXPECT_EQ(t->len, len) TH_LOG("%s", t->name);
		EXPECT_EQ(0, memcmp(want, key, sizeof(want))) TH_LOG("%s", t->name);
	}
	EXPECT_NO_LEAKS();
}

/* All 256 byte values, and the longest key there is, and one byte more. */
TEST(hex_lengths)
{
	uint8_t key[KEY_MAX];
	char why[128], *s;
	size_t len, i;

	s = hex_of(KEY_MAX);
	ASSERT_EQ(0, key_parse_hex(s, strlen(s), key, KEY_MAX, &len, why, sizeof(why)));
	EXPECT_EQ(KEY_MAX, len);
	for (i = 0; i < KEY_MAX; i++)
		EXPECT_EQ(i, key[i]);
	free(s);

	s = hex_of(KEY_MAX + 1);
	EXPECT_EQ(-1, key_parse_hex(s, strlen(s), key, KEY_MAX, &len, why, sizeof(why)));
	EXPECT_STREQ("key is 65 bytes, more than the 64 any algorithm takes", why);
	free(s);

	EXPECT_EQ(0, key_parse_hex("fFaA", 4, key, KEY_MAX, &len, why, sizeof(why)));
	EXPECT_EQ(0xff, key[0]);
	EXPECT_EQ(0xaa, key[1]);
	EXPECT_NO_LEAKS();
}

static const struct alg_case {
	const char *word;
	const char *name;	/* the kernel's */
	size_t ok[2];		/* key lengths that fit; 0: none more */
	const char *why;	/* for a 10-byte key */
} alg_cases[] = {
	{ "aes128gcm16", "rfc4106(gcm(aes))", { 20 },
	  "key is 10 bytes, aes128gcm16 needs 20 bytes (key + salt)" },
	{ "aes256gcm16", "rfc4106(gcm(aes))", { 36 },
	  "key is 10 bytes, aes256gcm16 needs 36 bytes (key + salt)" },
	{ "chacha20poly1305", "rfc7539esp(chacha20,poly1305)", { 36 },
	  "key is 10 bytes, chacha20poly1305 needs 36 bytes (key + salt)" },
	{ "aes128-sha256", "authenc(hmac(sha256),cbc(aes))", { 48 },
	  "key is 10 bytes, aes128-sha256 needs 48 bytes (AES key + HMAC-SHA256 key)" },
	{ "aes256-sha256", "authenc(hmac(sha256),cbc(aes))", { 64 },
	  "key is 10 bytes, aes256-sha256 needs 64 bytes (AES key + HMAC-SHA256 key)" },
	{ "rfc4106(gcm(aes))", "rfc4106(gcm(aes))", { 20, 36 },
	  "key is 10 bytes, rfc4106(gcm(aes)) needs 20 or 36 bytes (key + salt)" },
	{ "rfc7539esp(chacha20,poly1305)", "rfc7539esp(chacha20,poly1305)", { 36 },
	  "key is 10 bytes, rfc7539esp(chacha20,poly1305) needs 36 bytes (key + salt)" },
	{ "authenc(hmac(sha256),cbc(aes))", "authenc(hmac(sha256),cbc(aes))", { 48, 64 },
	  "key is 10 bytes, authenc(hmac(sha256),cbc(aes)) needs 48 or 64 bytes (AES key + HMAC-SHA256 key)" },
};

TEST(algorithms)
{
	const struct alg_case *t;
	const struct alg *alg;
	struct captured c;
	char why[160];
	size_t len;
	int fits;

	for (t = alg_cases; t < alg_cases + ARRAY_SIZE(alg_cases); t++) {
		alg = NULL;
		capture_start(&c);
		ASSERT_EQ(0, parse_alg("alg", t->word, &alg));
		capture_end(&c);
		EXPECT_STREQ("", c.text);
		ASSERT_NE(NULL, alg);
		EXPECT_STREQ(t->name, alg->name);
		for (len = 0; len <= KEY_MAX; len++) {
			fits = len == t->ok[0] || (t->ok[1] && len == t->ok[1]);
			EXPECT_EQ(fits ? 0 : -1, key_check_len(alg, len, why, sizeof(why)))
				TH_LOG("%s, %zu bytes", t->word, len);
		}
		EXPECT_EQ(-1, key_check_len(alg, 10, why, sizeof(why)));
		EXPECT_STREQ(t->why, why);
	}
	EXPECT_NO_LEAKS();
}

TEST(unknown_algorithm)
{
	const struct alg *alg = NULL;
	struct captured c;

	capture_start(&c);
	EXPECT_EQ(-1, parse_alg("alg", "gcm(aes)", &alg));
	EXPECT_EQ(-1, parse_alg("alg", "AES128GCM16", &alg));
	EXPECT_EQ(-1, parse_alg("alg", NULL, &alg));
	capture_end(&c);
	EXPECT_EQ(NULL, alg);
	EXPECT_STREQ("cryptoctl: alg: 'gcm(aes)' is not an algorithm: give one of "
		     "aes128gcm16, aes256gcm16, chacha20poly1305, aes128-sha256, "
		     "aes256-sha256, rfc4106(gcm(aes)), rfc7539esp(chacha20,poly1305), "
		     "authenc(hmac(sha256),cbc(aes))\n"
		     "cryptoctl: alg: 'AES128GCM16' is not an algorithm: give one of "
		     "aes128gcm16, aes256gcm16, chacha20poly1305, aes128-sha256, "
		     "aes256-sha256, rfc4106(gcm(aes)), rfc7539esp(chacha20,poly1305), "
		     "authenc(hmac(sha256),cbc(aes))\n"
		     "cryptoctl: alg needs an algorithm name\n", c.text);
}

FIXTURE(file)
{
	char path[64];
	const struct alg *gcm128;
};

FIXTURE_SETUP(file)
{
	int fd;

	strcpy(self->path, "/tmp/cryptoctl-key-XXXXXX");
	fd = mkstemp(self->path);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, parse_alg("alg", "aes128gcm16", &self->gcm128));
}

FIXTURE_TEARDOWN(file)
{
	unlink(self->path);
	EXPECT_NO_LEAKS();
}

static void write_file(const char *path, const char *text, size_t n)
{
	FILE *f = fopen(path, "w");

	fwrite(text, 1, n, f);
	fclose(f);
}

/* The key as read; @key must be all zero on failure. */
static int read_key(const char *path, const struct alg *alg, uint8_t *key,
		    size_t *len, char *err)
{
	struct captured c;
	int ret;

	memset(key, 0xee, KEY_MAX);
	capture_start(&c);
	ret = key_read(path, alg, key, len);
	capture_end(&c);
	strcpy(err, c.text);
	return ret;
}

static bool all_zero(const uint8_t *key)
{
	size_t i;

	for (i = 0; i < KEY_MAX; i++)
		if (key[i])
			return false;
	return true;
}

TEST_F(file, good)
{
	const char *text = "0x00112233445566778899aabbccddeeff\n01020304\n";
	uint8_t key[KEY_MAX];
	char err[512];
	size_t len;

	write_file(self->path, text, strlen(text));
	ASSERT_EQ(0, read_key(self->path, self->gcm128, key, &len, err));
	EXPECT_STREQ("", err);
	EXPECT_EQ(20, len);
	EXPECT_EQ(0x00, key[0]);
	EXPECT_EQ(0xff, key[15]);
	EXPECT_EQ(0x04, key[19]);
}

TEST_F(file, refusals)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "", "empty: no hex digits" },
		{ "0011zz", "not a hex digit at line 1, column 5" },
		{ "0011223", "odd number of hex digits (7)" },
		{ "00112233", "key is 4 bytes, aes128gcm16 needs 20 bytes (key + salt)" },
	};
	uint8_t key[KEY_MAX];
	char err[512], want[512];
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		write_file(self->path, cases[i].text, strlen(cases[i].text));
		EXPECT_EQ(-1, read_key(self->path, self->gcm128, key, &len, err));
		snprintf(want, sizeof(want), "cryptoctl: key file '%s': %s\n",
			 self->path, cases[i].err);
		EXPECT_STREQ(want, err);
		EXPECT_TRUE(all_zero(key)) TH_LOG("%s", cases[i].text);
	}
}

/* Nothing read past KEY_TEXT_MAX: /dev/zero does not hang it. */
TEST_F(file, too_long)
{
	uint8_t key[KEY_MAX];
	char err[512], want[512];
	char *text = malloc(KEY_TEXT_MAX + 1);
	size_t len;

	memset(text, ' ', KEY_TEXT_MAX + 1);
	memcpy(text, "0011", 4);
	write_file(self->path, text, KEY_TEXT_MAX + 1);
	free(text);
	EXPECT_EQ(-1, read_key(self->path, self->gcm128, key, &len, err));
	snprintf(want, sizeof(want),
		 "cryptoctl: key file '%s': more than 4096 bytes: not a key\n",
		 self->path);
	EXPECT_STREQ(want, err);
	EXPECT_EQ(-1, read_key("/dev/zero", self->gcm128, key, &len, err));
	EXPECT_STREQ("cryptoctl: key file '/dev/zero': more than 4096 bytes: not a key\n",
		     err);
}

TEST_F(file, no_file)
{
	uint8_t key[KEY_MAX];
	char err[512];
	size_t len;

	EXPECT_EQ(-1, read_key("/nonexistent/key", self->gcm128, key, &len, err));
	EXPECT_STREQ("cryptoctl: key file '/nonexistent/key': No such file or directory\n",
		     err);
	EXPECT_EQ(-1, read_key("/tmp", self->gcm128, key, &len, err));
	EXPECT_STREQ("cryptoctl: key file '/tmp': Is a directory\n", err);
}

/* "-" is stdin, named so in messages. */
TEST_F(file, stdin)
{
	const char *text = "000102030405060708090a0b0c0d0e0f10111213";
	uint8_t key[KEY_MAX];
	char err[512];
	size_t len;
	int saved = dup(STDIN_FILENO), fd;

	write_file(self->path, text, strlen(text));
	fd = open(self->path, O_RDONLY);
	dup2(fd, STDIN_FILENO);
	close(fd);
	EXPECT_EQ(0, read_key("-", self->gcm128, key, &len, err));
	EXPECT_STREQ("", err);
	EXPECT_EQ(20, len);
	EXPECT_EQ(0x13, key[19]);

	/* Now at its end: empty. */
	EXPECT_EQ(-1, read_key("-", self->gcm128, key, &len, err));
	EXPECT_STREQ("cryptoctl: key on stdin: empty: no hex digits\n", err);
	dup2(saved, STDIN_FILENO);
	close(saved);
}

TEST(wipe)
{
	uint8_t buf[32];

	memset(buf, 0xaa, sizeof(buf));
	key_wipe(buf, sizeof(buf));
	EXPECT_TRUE(buf[0] == 0 && buf[31] == 0);
}

TEST_HARNESS_MAIN
