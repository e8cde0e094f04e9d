// units: parse.c
// SPDX-License-Identifier: GPL-2.0
/* Command-line value parsing: exact ranges, clear refusals. */
#include "kselftest_harness.h"
#include "parse.h"

TEST(u32_range)
{
	uint32_t v = 77;

	EXPECT_EQ(0, parse_u32_range("x", "1", 1, 1000, &v));
	EXPECT_EQ(1, v);
	EXPECT_EQ(0, parse_u32_range("x", "1000", 1, 1000, &v));
	EXPECT_EQ(1000, v);
	EXPECT_EQ(0, parse_u32_range("x", "4294967295", 0, UINT32_MAX, &v));
	EXPECT_EQ(UINT32_MAX, v);

	v = 77;
	EXPECT_EQ(-1, parse_u32_range("x", "0", 1, 1000, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "1001", 1, 1000, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "4294967296", 0, UINT32_MAX, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "99999999999999999999999", 0, UINT32_MAX, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "-1", 0, UINT32_MAX, &v));
	EXPECT_EQ(-1, parse_u32_range("x", " 5", 0, 10, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "5x", 0, 10, &v));
	EXPECT_EQ(-1, parse_u32_range("x", "", 0, 10, &v));
	EXPECT_EQ(-1, parse_u32_range("x", NULL, 0, 10, &v));
	EXPECT_EQ(77, v);	/* untouched on every refusal */
}

TEST(on_off)
{
	bool b = true;

	EXPECT_EQ(0, parse_on_off("x", "off", &b));
	EXPECT_FALSE(b);
	EXPECT_EQ(0, parse_on_off("x", "on", &b));
	EXPECT_TRUE(b);
	EXPECT_EQ(-1, parse_on_off("x", "ON", &b));
	EXPECT_EQ(-1, parse_on_off("x", "1", &b));
	EXPECT_EQ(-1, parse_on_off("x", "", &b));
	EXPECT_EQ(-1, parse_on_off("x", NULL, &b));
	EXPECT_TRUE(b);
}

TEST_HARNESS_MAIN
