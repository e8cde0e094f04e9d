// SPDX-License-Identifier: GPL-2.0
/*
 * Counters: a name for every drop reason of the UAPI, and an ESPGW_*_STATS
 * nest to text and JSON.
 */
#include <netlink/msg.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "leaks.h"
#include "memout.h"
#include "print.h"
#include "stats.h"

/* The names the man page documents, in the order of enum espgw_drop_reason. */
static const char *const names[] = {
	"replay", "integrity", "no-sa", "bad-length", "bad-padding",
	"bad-next-header", "bad-inner", "selector", "no-flow", "no-out-sa",
	"encap", "crypto", "mtu", "seq-overflow", "expired", "no-route",
	"no-memory",
};

TEST(drop_reason_names)
{
	char key[32];
	unsigned int r, s;
	size_t i;

	/* A reason appended to the UAPI needs a name here and in cryptoctl.8. */
	ASSERT_EQ(ESPGW_DROP_MAX, ARRAY_SIZE(names));
	for (r = 1; r <= ESPGW_DROP_MAX; r++) {
		ASSERT_NE(NULL, drop_reason_name(r)) TH_LOG("reason %u", r);
		ASSERT_NE(NULL, drop_reason_key(r)) TH_LOG("reason %u", r);
		EXPECT_STREQ(names[r - 1], drop_reason_name(r));
		/* JSON keys are the names with underscores. */
		snprintf(key, sizeof(key), "%s", drop_reason_name(r));
		for (i = 0; key[i]; i++)
			if (key[i] == '-')
				key[i] = '_';
		EXPECT_STREQ(key, drop_reason_key(r));
		for (s = 1; s < r; s++)
			EXPECT_STRNE(drop_reason_name(s), drop_reason_name(r));
	}
	EXPECT_EQ(NULL, drop_reason_name(ESPGW_DROP_UNSPEC));
	EXPECT_EQ(NULL, drop_reason_name(ESPGW_DROP_MAX + 1));
	EXPECT_EQ(NULL, drop_reason_key(ESPGW_DROP_MAX + 1));
}

FIXTURE(stats)
{
	struct nl_msg *msg;
	struct nlattr *nest;
	struct memout out;
	FILE *f;
};

/*
 * in: 10 packets, 840 bytes, drops replay 1, no-memory 2, one unknown
 * reason and a pad attribute; out: no traffic counted, drops no-flow 3.
 */
FIXTURE_SETUP(stats)
{
	struct nlattr *drops;

	self->msg = nlmsg_alloc();
	ASSERT_NE(NULL, self->msg);
	self->nest = nla_nest_start(self->msg, ESPGW_A_STATS);
	nla_put_u64(self->msg, ESPGW_STATS_A_IN_PACKETS, 10);
	nla_put_u64(self->msg, ESPGW_STATS_A_IN_BYTES, 840);
	drops = nla_nest_start(self->msg, ESPGW_STATS_A_IN_DROPS);
	nla_put_u64(self->msg, ESPGW_DROP_REPLAY, 1);
	nla_put_u64(self->msg, ESPGW_DROP_NO_MEMORY, 2);
	nla_put_u64(self->msg, ESPGW_DROP_MAX + 1, 7);
	nla_put(self->msg, ESPGW_DROP_UNSPEC, 0, NULL);	/* padding */
	nla_nest_end(self->msg, drops);
	drops = nla_nest_start(self->msg, ESPGW_STATS_A_OUT_DROPS);
	nla_put_u64(self->msg, ESPGW_DROP_NO_FLOW, 3);
	nla_nest_end(self->msg, drops);
	nla_nest_end(self->msg, self->nest);
	self->f = memout_open(&self->out);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(stats)
{
	nlmsg_free(self->msg);
	memout_free(&self->out);
	EXPECT_NO_LEAKS();
}

static const char *printed(struct _test_data_stats *self, bool json)
{
	struct stats s;

	print_init(self->f, json, false);
	if (stats_parse(self->nest, &s) < 0)
		return "(parse failed)";
	print_open_object(NULL);
	stats_print(&s, "    stats ");
	print_close_object();
	print_flush();
	return memout_text(&self->out);
}

TEST_F(stats, text)
{
	EXPECT_STREQ("    stats in packets 10 bytes 840 drops replay 1 no-memory 2\n"
		     "    stats out drops no-flow 3\n", printed(self, false));
}

TEST_F(stats, json)
{
	EXPECT_STREQ("{\"in\":{\"packets\":10,\"bytes\":840,\"drops\":{"
		     "\"replay\":1,\"integrity\":0,\"no_sa\":0,\"bad_length\":0,"
		     "\"bad_padding\":0,\"bad_next_header\":0,\"bad_inner\":0,"
		     "\"selector\":0,\"no_flow\":0,\"no_out_sa\":0,\"encap\":0,"
		     "\"crypto\":0,\"mtu\":0,\"seq_overflow\":0,\"expired\":0,"
		     "\"no_route\":0,\"no_memory\":2}},"
		     "\"out\":{\"drops\":{"
		     "\"replay\":0,\"integrity\":0,\"no_sa\":0,\"bad_length\":0,"
		     "\"bad_padding\":0,\"bad_next_header\":0,\"bad_inner\":0,"
		     "\"selector\":0,\"no_flow\":3,\"no_out_sa\":0,\"encap\":0,"
		     "\"crypto\":0,\"mtu\":0,\"seq_overflow\":0,\"expired\":0,"
		     "\"no_route\":0,\"no_memory\":0}}}\n", printed(self, true));
}

/* No drops at all: "drops none". */
TEST_F(stats, none)
{
	struct stats s;

	memset(&s, 0, sizeof(s));
	s.in.has_traffic = true;
	print_init(self->f, false, false);
	stats_print_dir(&s.in);
	print_flush();
	EXPECT_STREQ(" packets 0 bytes 0 drops none", memout_text(&self->out));
}

TEST_F(stats, malformed)
{
	struct nlattr *nest, *drops;
	struct stats s;

	EXPECT_EQ(-EBADMSG, stats_parse(NULL, &s));
	/* A counter of 4 bytes. */
	nest = nla_nest_start(self->msg, ESPGW_A_STATS);
	drops = nla_nest_start(self->msg, ESPGW_STATS_A_IN_DROPS);
	nla_put_u32(self->msg, ESPGW_DROP_REPLAY, 1);
	nla_nest_end(self->msg, drops);
	nla_nest_end(self->msg, nest);
	EXPECT_EQ(-EBADMSG, stats_parse(nest, &s));
	/* Packets of 4 bytes. */
	nest = nla_nest_start(self->msg, ESPGW_A_STATS);
	nla_put_u32(self->msg, ESPGW_STATS_A_OUT_PACKETS, 1);
	nla_nest_end(self->msg, nest);
	EXPECT_EQ(-EBADMSG, stats_parse(nest, &s));
}

TEST_HARNESS_MAIN
