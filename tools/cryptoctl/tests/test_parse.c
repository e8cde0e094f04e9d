// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line values: exact ranges, and for every refusal the one line that
 * names the bad word, with the value left alone.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "leaks.h"
#include "parse.h"

/* What a parser printed on stderr. */
struct captured {
	FILE *f;
	int saved;
	char text[256];
};

static void capture_start(struct captured *c)
{
	fflush(stderr);
	c->f = tmpfile();
	c->saved = dup(STDERR_FILENO);
	dup2(fileno(c->f), STDERR_FILENO);
}

static const char *capture_end(struct captured *c)
{
	size_t n;

	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->f);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->f);
	c->text[n] = '\0';
	fclose(c->f);
	return c->text;
}

static const struct u32_case {
	const char *arg;
	uint32_t min, max;
	int ret;
	uint32_t value;		/* stored on success */
	const char *err;	/* printed on failure */
} u32_cases[] = {
	{ "1", 1, 1000, 0, 1, "" },
	{ "1000", 1, 1000, 0, 1000, "" },
	{ "0042", 1, 1000, 0, 42, "" },
	{ "4294967295", 0, UINT32_MAX, 0, UINT32_MAX, "" },
	{ "0", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '0' is out of range (1..1000)\n" },
	{ "1001", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '1001' is out of range (1..1000)\n" },
	{ "4294967296", 0, UINT32_MAX, -1, 0,
	  "cryptoctl: acquire-rate: '4294967296' is out of range (0..4294967295)\n" },
	{ "99999999999999999999999", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '99999999999999999999999' is out of range (1..1000)\n" },
	{ "-1", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '-1' is not a number (1..1000)\n" },
	{ "+5", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '+5' is not a number (1..1000)\n" },
	{ " 5", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: ' 5' is not a number (1..1000)\n" },
	{ "5x", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '5x' is not a number (1..1000)\n" },
	{ "0x10", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '0x10' is not a number (1..1000)\n" },
	{ "ten", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: 'ten' is not a number (1..1000)\n" },
	{ "", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '' is not a number (1..1000)\n" },
	{ NULL, 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate needs a value (1..1000)\n" },
};

TEST(u32_range)
{
	const struct u32_case *t;
	struct captured c;
	uint32_t v;
	int ret;

	for (t = u32_cases; t < u32_cases + ARRAY_SIZE(u32_cases); t++) {
		v = 77;
		capture_start(&c);
		ret = parse_u32_range("acquire-rate", t->arg, t->min, t->max, &v);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
		EXPECT_EQ(t->ret ? 77 : t->value, v) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->err, c.text);
	}
	EXPECT_NO_LEAKS();
}

static const struct on_off_case {
	const char *arg;
	int ret;
	bool value;
	const char *err;
} on_off_cases[] = {
	{ "on", 0, true, "" },
	{ "off", 0, false, "" },
	{ "ON", -1, false, "cryptoctl: session-log: 'ON' is not 'on' or 'off'\n" },
	{ "1", -1, false, "cryptoctl: session-log: '1' is not 'on' or 'off'\n" },
	{ "onn", -1, false, "cryptoctl: session-log: 'onn' is not 'on' or 'off'\n" },
	{ "", -1, false, "cryptoctl: session-log: '' is not 'on' or 'off'\n" },
	{ NULL, -1, false, "cryptoctl: session-log needs a value (on or off)\n" },
};

TEST(on_off)
{
	const struct on_off_case *t;
	struct captured c;
	bool start, b;
	int ret, i;

	for (t = on_off_cases; t < on_off_cases + ARRAY_SIZE(on_off_cases); t++) {
		/* From both starting values: a refusal must leave either alone. */
		for (i = 0; i < 2; i++) {
			start = i;
			b = start;
			capture_start(&c);
			ret = parse_on_off("session-log", t->arg, &b);
			capture_end(&c);
			EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
			EXPECT_EQ(t->ret ? start : t->value, b)
				TH_LOG("'%s' from %d", t->arg, start);
			EXPECT_STREQ(t->err, c.text);
		}
	}
	EXPECT_NO_LEAKS();
}

TEST_HARNESS_MAIN
