// SPDX-License-Identifier: GPL-2.0
/*
 * The print layer: the same calls give the text and the JSON forms; JSON is
 * always well formed, whatever the strings hold.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "leaks.h"
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
	if (self->f)
		fclose(self->f);
	free(self->buf);
	EXPECT_NO_LEAKS();
}

/* Everything printed so far. */
static const char *output(struct _test_data_out *self)
{
	fclose(self->f);
	self->f = NULL;
	return self->buf;
}

/* A small document through every kind of call. */
static void document(void)
{
	print_open_object(NULL);
	print_string("name", "name %s\n", "gw-a");
	print_uint("max", "max %llu\n", UINT64_MAX);
	print_uint("zero", "zero %llu\n", 0);
	print_on_off("log", "log %s\n", false);
	print_on_off("debug", "debug %s", true);
	print_bool("flag", " flag", true);
	print_bool("other", " other", false);
	print_nl();
	print_string("none", "none '%s'\n", NULL);
	print_string("hidden", NULL, "json only");
	print_text("list:\n");
	print_open_array("list");
	print_open_object(NULL);
	print_uint("n", "  n=%llu\n", 1);
	print_close_object();
	print_open_object(NULL);
	print_uint("n", "  n=%llu", 2);
	print_open_object("inner");
	print_string("s", " s=%s", "x");
	print_close_object();
	print_nl();
	print_close_object();
	print_close_array();
	print_open_array("empty");
	print_close_array();
	print_open_object("nothing");
	print_close_object();
	print_close_object();
	print_flush();
}

TEST_F(out, text)
{
	print_init(self->f, false, false);
	EXPECT_FALSE(print_is_json());
	document();
	EXPECT_STREQ("name gw-a\n"
		     "max 18446744073709551615\n"
		     "zero 0\n"
		     "log off\n"
		     "debug on flag\n"
		     "none ''\n"
		     "list:\n"
		     "  n=1\n"
		     "  n=2 s=x\n", output(self));
}

TEST_F(out, json_compact)
{
	print_init(self->f, true, false);
	EXPECT_TRUE(print_is_json());
	document();
	EXPECT_STREQ("{\"name\":\"gw-a\",\"max\":18446744073709551615,\"zero\":0,"
		     "\"log\":false,\"debug\":true,\"flag\":true,\"other\":false,"
		     "\"none\":null,\"hidden\":\"json only\","
		     "\"list\":[{\"n\":1},{\"n\":2,\"inner\":{\"s\":\"x\"}}],"
		     "\"empty\":[],\"nothing\":{}}\n", output(self));
}

TEST_F(out, json_pretty)
{
	print_init(self->f, true, true);
	document();
	EXPECT_STREQ("{\n"
		     "  \"name\": \"gw-a\",\n"
		     "  \"max\": 18446744073709551615,\n"
		     "  \"zero\": 0,\n"
		     "  \"log\": false,\n"
		     "  \"debug\": true,\n"
		     "  \"flag\": true,\n"
		     "  \"other\": false,\n"
		     "  \"none\": null,\n"
		     "  \"hidden\": \"json only\",\n"
		     "  \"list\": [\n"
		     "    {\n"
		     "      \"n\": 1\n"
		     "    },\n"
		     "    {\n"
		     "      \"n\": 2,\n"
		     "      \"inner\": {\n"
		     "        \"s\": \"x\"\n"
		     "      }\n"
		     "    }\n"
		     "  ],\n"
		     "  \"empty\": [],\n"
		     "  \"nothing\": {}\n"
		     "}\n", output(self));
}

/* A top-level array of scalars; a close with nothing open changes nothing. */
TEST_F(out, json_array)
{
	print_init(self->f, true, false);
	print_open_array(NULL);
	print_string(NULL, NULL, "a");
	print_uint(NULL, NULL, 7);
	print_bool(NULL, NULL, false);
	print_close_array();
	print_close_array();
	print_close_object();
	print_flush();
	EXPECT_STREQ("[\"a\",7,false]\n", output(self));
}

TEST_F(out, json_escaping)
{
	char controls[33];
	int i;

	for (i = 1; i < 32; i++)
		controls[i - 1] = (char)i;
	controls[31] = 0x7f;
	controls[32] = '\0';

	print_init(self->f, true, false);
	print_open_object(NULL);
	print_string("quote\"back\\slash", NULL, "say \"hi\" \\o/ a/b");
	print_string("controls", NULL, controls);
	print_string("", NULL, "");
	print_close_object();
	print_flush();
	EXPECT_STREQ("{\"quote\\\"back\\\\slash\":\"say \\\"hi\\\" \\\\o/ a/b\","
		     "\"controls\":\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006"
		     "\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011"
		     "\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
		     "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\u007f\","
		     "\"\":\"\"}\n", output(self));
}

/* Text mode prints strings as they are: escaping is JSON's business. */
TEST_F(out, text_no_escaping)
{
	print_init(self->f, false, false);
	print_string("s", "[%s]", "a\"b\\c\td");
	print_flush();
	EXPECT_STREQ("[a\"b\\c\td]", output(self));
}

TEST_F(out, json_utf8)
{
	print_init(self->f, true, false);
	print_open_array(NULL);
	/* Valid: 2, 3 and 4 bytes, the largest code point, U+FFFD itself. */
	print_string(NULL, NULL, "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x94\x92 "
		     "\xf4\x8f\xbf\xbf \xef\xbf\xbd");
	/* Each invalid byte becomes U+FFFD, what follows is kept. */
	print_string(NULL, NULL, "a\xff" "b");		/* never valid */
	print_string(NULL, NULL, "\xc0\xaf");		/* overlong '/' */
	print_string(NULL, NULL, "\xe0\x80\xaf");	/* overlong, 3 bytes */
	print_string(NULL, NULL, "\xed\xa0\x80");	/* surrogate */
	print_string(NULL, NULL, "\xf4\x90\x80\x80");	/* above U+10FFFF */
	print_string(NULL, NULL, "\x80x");		/* lone continuation */
	print_string(NULL, NULL, "\xe6\x97");		/* cut at the end */
	print_string(NULL, NULL, "\xf0\x9f\x94");	/* cut at the end */
	print_close_array();
	print_flush();
	EXPECT_STREQ("[\"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x94\x92 "
		     "\xf4\x8f\xbf\xbf \xef\xbf\xbd\","
		     "\"a\\ufffdb\","
		     "\"\\ufffd\\ufffd\","
		     "\"\\ufffd\\ufffd\\ufffd\","
		     "\"\\ufffd\\ufffd\\ufffd\","
		     "\"\\ufffd\\ufffd\\ufffd\\ufffd\","
		     "\"\\ufffdx\","
		     "\"\\ufffd\\ufffd\","
		     "\"\\ufffd\\ufffd\\ufffd\"]\n", output(self));
}

/* monitor -j: one object per line, each flushed on its own. */
TEST_F(out, json_lines)
{
	print_init(self->f, true, false);
	print_open_object(NULL);
	print_string("event", "%s", "a");
	print_close_object();
	print_flush();
	EXPECT_EQ(14, self->len);	/* on its way before the next event */
	print_open_object(NULL);
	print_string("event", "%s", "b");
	print_uint("n", NULL, 2);
	print_close_object();
	print_flush();
	EXPECT_STREQ("{\"event\":\"a\"}\n{\"event\":\"b\",\"n\":2}\n", output(self));
}

/* Only print_text()/print_nl() and formats reach text; none of them JSON. */
TEST_F(out, text_only_calls)
{
	print_init(self->f, true, false);
	print_open_object(NULL);
	print_text("label %d:", 1);
	print_nl();
	print_uint("n", "n %llu\n", 1);
	print_close_object();
	print_flush();
	print_init(self->f, false, false);
	print_text("label %d:", 2);
	print_nl();
	print_flush();
	EXPECT_STREQ("{\"n\":1}\nlabel 2:\n", output(self));
}

/* Optional values: "(none)" in text, null in JSON; print_null: JSON only. */
TEST_F(out, optional)
{
	int json;

	for (json = 0; json < 2; json++) {
		print_init(self->f, json, false);
		print_open_object(NULL);
		print_optional("fvrf", "fvrf %s", NULL);
		print_optional("ivrf", " ivrf %s", "red");
		print_null("flow");
		print_nl();
		print_close_object();
		print_flush();
	}
	EXPECT_STREQ("fvrf (none) ivrf red\n"
		     "{\"fvrf\":null,\"ivrf\":\"red\",\"flow\":null}\n", output(self));
}

TEST_HARNESS_MAIN
