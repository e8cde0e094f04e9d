// units: print.c
// SPDX-License-Identifier: GPL-2.0
/* The print layer: the same calls give the text and the JSON forms. */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "print.h"

FIXTURE(out)
{
	char *buf;
	size_t len;
	FILE *f;
};

FIXTURE_SETUP(out)
{
	self->buf = NULL;
	self->f = open_memstream(&self->buf, &self->len);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(out)
{
	free(self->buf);
}

static const char *finish(FILE *f, char **buf)
{
	fclose(f);
	return *buf;
}

/* A small document through every kind of call. */
static void document(void)
{
	print_open_object(NULL);
	print_string("name", "name %s\n", "gw-a");
	print_uint("count", "count %llu\n", 18446744073709551615ULL);
	print_on_off("log", "log %s\n", false);
	print_bool("flag", " flag", true);
	print_bool("other", " other", false);
	print_text("\n");
	print_open_array("list");
	print_open_object(NULL);
	print_uint("n", "  n=%llu\n", 1);
	print_close_object();
	print_open_object(NULL);
	print_uint("n", "  n=%llu\n", 2);
	print_close_object();
	print_close_array();
	print_open_array("empty");
	print_close_array();
	print_close_object();
	print_flush();
}

TEST_F(out, text)
{
	print_init(self->f, false, false);
	document();
	EXPECT_STREQ("name gw-a\ncount 18446744073709551615\nlog off\n flag\n  n=1\n  n=2\n",
		     finish(self->f, &self->buf));
}

TEST_F(out, json_compact)
{
	print_init(self->f, true, false);
	document();
	EXPECT_STREQ("{\"name\":\"gw-a\",\"count\":18446744073709551615,\"log\":false,"
		     "\"flag\":true,\"other\":false,\"list\":[{\"n\":1},{\"n\":2}],\"empty\":[]}\n",
		     finish(self->f, &self->buf));
}

TEST_F(out, json_pretty)
{
	print_init(self->f, true, true);
	print_open_object(NULL);
	print_uint("a", NULL, 1);
	print_open_array("b");
	print_string(NULL, NULL, "x");
	print_close_array();
	print_close_object();
	print_flush();
	EXPECT_STREQ("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}\n", finish(self->f, &self->buf));
}

TEST_F(out, json_escaping)
{
	print_init(self->f, true, false);
	print_open_object(NULL);
	print_string("s", NULL, "q\" b\\ n\n t\t c\x01 d\x7f \xc3\xa9\xe6\x97\xa5");
	print_close_object();
	print_flush();
	EXPECT_STREQ("{\"s\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 d\\u007f \xc3\xa9\xe6\x97\xa5\"}\n",
		     finish(self->f, &self->buf));
}

/* One JSON value per event line: a top-level object per flush. */
TEST_F(out, json_lines)
{
	print_init(self->f, true, false);
	print_open_object(NULL);
	print_string("event", "%s", "a");
	print_close_object();
	print_flush();
	print_open_object(NULL);
	print_string("event", "%s", "b");
	print_close_object();
	print_flush();
	EXPECT_STREQ("{\"event\":\"a\"}\n{\"event\":\"b\"}\n", finish(self->f, &self->buf));
}

TEST_HARNESS_MAIN
