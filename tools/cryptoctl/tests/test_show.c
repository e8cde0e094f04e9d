// SPDX-License-Identifier: GPL-2.0
/*
 * SAs, flows and tunnels from the kernel's attributes to 'show' text and
 * JSON, and what a malformed object is.  Keys are never among the output:
 * the kernel does not send them, and nothing here would print one.
 */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_flow.h"
#include "cmd_sa.h"
#include "cmd_tunnel.h"
#include "kselftest_harness.h"
#include "leaks.h"
#include "memout.h"
#include "print.h"

FIXTURE(show)
{
	struct nl_msg *msg;
	struct memout out;
	FILE *f;
};

FIXTURE_SETUP(show)
{
	setenv("TZ", "UTC", 1);
	tzset();
	self->msg = nlmsg_alloc();
	ASSERT_NE(NULL, self->msg);
	self->f = memout_open(&self->out);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(show)
{
	nlmsg_free(self->msg);
	memout_free(&self->out);
	EXPECT_NO_LEAKS();
}

/* Everything printed since print_init(). */
static const char *output(struct _test_data_show *self)
{
	print_flush();
	return memout_text(&self->out);
}

static const uint8_t a1[4] = { 10, 0, 0, 1 }, a2[4] = { 10, 0, 0, 2 };
static const uint8_t net1[4] = { 10, 1, 0, 0 }, net2[4] = { 10, 2, 0, 0 };

static void put_lifetime(struct nl_msg *msg, int type, uint64_t bytes,
			 uint64_t packets, uint64_t seconds)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, bytes);
	nla_put_u64(msg, ESPGW_LIFETIME_A_PACKETS, packets);
	nla_put_u64(msg, ESPGW_LIFETIME_A_SECONDS, seconds);
	nla_nest_end(msg, nest);
}

/* Counters: @packets in or out, with replay drops. */
static void put_stats(struct nl_msg *msg, int type, bool in, uint64_t packets)
{
	struct nlattr *nest = nla_nest_start(msg, type), *drops;

	nla_put_u64(msg, in ? ESPGW_STATS_A_IN_PACKETS : ESPGW_STATS_A_OUT_PACKETS,
		    packets);
	nla_put_u64(msg, in ? ESPGW_STATS_A_IN_BYTES : ESPGW_STATS_A_OUT_BYTES,
		    packets * 84);
	nla_put_u64(msg, in ? ESPGW_STATS_A_OUT_PACKETS : ESPGW_STATS_A_IN_PACKETS, 0);
	nla_put_u64(msg, in ? ESPGW_STATS_A_OUT_BYTES : ESPGW_STATS_A_IN_BYTES, 0);
	drops = nla_nest_start(msg, in ? ESPGW_STATS_A_IN_DROPS : ESPGW_STATS_A_OUT_DROPS);
	nla_put_u64(msg, ESPGW_DROP_REPLAY, 1);
	nla_put_u64(msg, ESPGW_DROP_INTEGRITY, 0);
	nla_nest_end(msg, drops);
	nla_nest_end(msg, nest);
}

/* An inbound SA with everything the kernel returns. */
static struct nlattr *inbound_sa(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SA);

	nla_put_u32(msg, ESPGW_SA_A_SPI, 0x1000);
	nla_put_u8(msg, ESPGW_SA_A_DIRECTION, ESPGW_DIR_IN);
	nla_put(msg, ESPGW_SA_A_LOCAL_ADDR, 4, a1);
	nla_put(msg, ESPGW_SA_A_REMOTE_ADDR, 4, a2);
	nla_put_string(msg, ESPGW_SA_A_ALGORITHM, "rfc4106(gcm(aes))");
	nla_put_u32(msg, ESPGW_SA_A_KEY_BITS, 128);
	nla_put_u8(msg, ESPGW_SA_A_ENCAP, ESPGW_ENCAP_UDP);
	nla_put_u16(msg, ESPGW_SA_A_ENCAP_SPORT, 4500);
	nla_put_u16(msg, ESPGW_SA_A_ENCAP_DPORT, 4501);
	nla_put_flag(msg, ESPGW_SA_A_ESN);
	nla_put_u32(msg, ESPGW_SA_A_REPLAY_WINDOW, 64);
	put_lifetime(msg, ESPGW_SA_A_LIFETIME_SOFT, 1000, 0, 30);
	put_lifetime(msg, ESPGW_SA_A_LIFETIME_HARD, 2000, 0, 60);
	nla_put_u64(msg, ESPGW_SA_A_ADD_TIME, 1795748400);
	nla_put_u32(msg, ESPGW_SA_A_FLOW_ID, 1);
	put_stats(msg, ESPGW_SA_A_STATS, true, 10);
	nla_put_u64(msg, ESPGW_SA_A_SEQ, 12);
	nla_put_flag(msg, ESPGW_SA_A_SOFT_EXPIRED);
	nla_nest_end(msg, nest);
	return nest;
}

/* An outbound IPv6 SA without the optional parts. */
static struct nlattr *outbound_sa(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SA);
	struct in6_addr l = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
	struct in6_addr r = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

	nla_put_u32(msg, ESPGW_SA_A_SPI, 0xdeadbeef);
	nla_put_u8(msg, ESPGW_SA_A_DIRECTION, ESPGW_DIR_OUT);
	nla_put(msg, ESPGW_SA_A_LOCAL_ADDR, 16, &l);
	nla_put(msg, ESPGW_SA_A_REMOTE_ADDR, 16, &r);
	nla_put_string(msg, ESPGW_SA_A_ALGORITHM, "rfc7539esp(chacha20,poly1305)");
	nla_put_u32(msg, ESPGW_SA_A_KEY_BITS, 256);
	nla_put_u8(msg, ESPGW_SA_A_ENCAP, ESPGW_ENCAP_NONE);
	put_lifetime(msg, ESPGW_SA_A_LIFETIME_SOFT, 0, 0, 0);
	put_lifetime(msg, ESPGW_SA_A_LIFETIME_HARD, 0, 0, 0);
	nla_put_u64(msg, ESPGW_SA_A_ADD_TIME, 1795748400);
	nla_put_u64(msg, ESPGW_SA_A_SEQ, 0);
	nla_nest_end(msg, nest);
	return nest;
}

TEST_F(show, sa_text)
{
	struct sa sa;

	print_init(self->f, false, false);
	ASSERT_EQ(0, sa_parse(inbound_sa(self->msg), &sa));
	sa_print(&sa, false);
	sa_print(&sa, true);
	ASSERT_EQ(0, sa_parse(outbound_sa(self->msg), &sa));
	sa_print(&sa, false);
	EXPECT_STREQ("sa in spi 0x00001000 local 10.0.0.1 remote 10.0.0.2 flow 1\n"
		     "    alg rfc4106(gcm(aes)) 128 encap udp 4500:4501 esn replay-window 64 seq 12\n"
		     "    lifetime soft bytes 1000 packets 0 seconds 30 hard bytes 2000 packets 0 seconds 60 soft-expired\n"
		     "    added 2026-11-27 03:00:00\n"
		     "sa in spi 0x00001000 local 10.0.0.1 remote 10.0.0.2 flow 1\n"
		     "    alg rfc4106(gcm(aes)) 128 encap udp 4500:4501 esn replay-window 64 seq 12\n"
		     "    lifetime soft bytes 1000 packets 0 seconds 30 hard bytes 2000 packets 0 seconds 60 soft-expired\n"
		     "    added 2026-11-27 03:00:00\n"
		     "    stats packets 10 bytes 840 drops replay 1\n"
		     "sa out spi 0xdeadbeef local 2001:db8::1 remote 2001:db8::2\n"
		     "    alg rfc7539esp(chacha20,poly1305) 256 seq 0\n"
		     "    lifetime soft bytes 0 packets 0 seconds 0 hard bytes 0 packets 0 seconds 0\n"
		     "    added 2026-11-27 03:00:00\n", output(self));
}

#define NO_DROPS "\"integrity\":0,\"no_sa\":0,\"bad_length\":0,\"bad_padding\":0," \
	"\"bad_next_header\":0,\"bad_inner\":0,\"selector\":0,\"no_flow\":0," \
	"\"no_out_sa\":0,\"encap\":0,\"crypto\":0,\"mtu\":0,\"seq_overflow\":0," \
	"\"expired\":0,\"no_route\":0,\"no_memory\":0"

TEST_F(show, sa_json)
{
	struct sa sa;

	print_init(self->f, true, false);
	print_open_array(NULL);
	ASSERT_EQ(0, sa_parse(inbound_sa(self->msg), &sa));
	sa_print(&sa, true);
	ASSERT_EQ(0, sa_parse(outbound_sa(self->msg), &sa));
	sa_print(&sa, true);
	print_close_array();
	EXPECT_STREQ("[{\"dir\":\"in\",\"spi\":4096,\"local\":\"10.0.0.1\","
		     "\"remote\":\"10.0.0.2\",\"flow\":1,"
		     "\"alg\":\"rfc4106(gcm(aes))\",\"key_bits\":128,\"encap\":\"udp\","
		     "\"sport\":4500,\"dport\":4501,\"esn\":true,\"replay_window\":64,"
		     "\"seq\":12,\"lifetime\":{\"soft\":{\"bytes\":1000,\"packets\":0,"
		     "\"seconds\":30},\"hard\":{\"bytes\":2000,\"packets\":0,"
		     "\"seconds\":60}},\"soft_expired\":true,\"add_time\":1795748400,"
		     "\"stats\":{\"packets\":10,\"bytes\":840,\"drops\":{\"replay\":1,"
		     NO_DROPS "}}},"
		     "{\"dir\":\"out\",\"spi\":3735928559,\"local\":\"2001:db8::1\","
		     "\"remote\":\"2001:db8::2\",\"flow\":null,"
		     "\"alg\":\"rfc7539esp(chacha20,poly1305)\",\"key_bits\":256,"
		     "\"encap\":\"none\",\"sport\":null,\"dport\":null,\"esn\":false,"
		     "\"replay_window\":null,\"seq\":0,\"lifetime\":{\"soft\":{"
		     "\"bytes\":0,\"packets\":0,\"seconds\":0},\"hard\":{\"bytes\":0,"
		     "\"packets\":0,\"seconds\":0}},\"soft_expired\":false,"
		     "\"add_time\":1795748400,\"stats\":null}]\n", output(self));
}

/* What an event carries: the identity, perhaps the flow and counters. */
TEST_F(show, sa_id)
{
	struct nlattr *nest = nla_nest_start(self->msg, ESPGW_A_SA);
	struct sa sa;

	nla_put_u32(self->msg, ESPGW_SA_A_SPI, 256);
	nla_put_u8(self->msg, ESPGW_SA_A_DIRECTION, ESPGW_DIR_OUT);
	nla_put(self->msg, ESPGW_SA_A_REMOTE_ADDR, 4, a2);
	nla_put_u32(self->msg, ESPGW_SA_A_FLOW_ID, 7);
	put_stats(self->msg, ESPGW_SA_A_STATS, false, 3);
	nla_nest_end(self->msg, nest);
	ASSERT_EQ(0, sa_parse(nest, &sa));
	print_init(self->f, false, false);
	sa_print_id(&sa);
	sa_print_stats(&sa);
	EXPECT_STREQ("sa out spi 0x00000100 local (none) remote 10.0.0.2 flow 7"
		     " stats packets 3 bytes 252 drops replay 1", output(self));
}

TEST_F(show, sa_malformed)
{
	static const uint8_t five[5];
	struct nlattr *nest;
	struct sa sa;
	int i;

	EXPECT_EQ(-EBADMSG, sa_parse(NULL, &sa));
	for (i = 0; i < 5; i++) {
		nest = nla_nest_start(self->msg, ESPGW_A_SA);
		if (i != 0)
			nla_put_u32(self->msg, ESPGW_SA_A_SPI, 256);
		nla_put_u8(self->msg, ESPGW_SA_A_DIRECTION, i == 1 ? 3 : ESPGW_DIR_IN);
		if (i == 2)
			nla_put(self->msg, ESPGW_SA_A_LOCAL_ADDR, 5, five);
		else if (i != 3)
			nla_put(self->msg, ESPGW_SA_A_LOCAL_ADDR, 4, a1);
		if (i == 4)
			nla_put_u8(self->msg, ESPGW_SA_A_KEY_BITS, 1);
		nla_nest_end(self->msg, nest);
		EXPECT_EQ(-EBADMSG, sa_parse(nest, &sa)) TH_LOG("case %d", i);
	}
}

static struct nlattr *put_flow(struct nl_msg *msg, uint8_t proto, bool out_spi)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_FLOW);

	nla_put_u32(msg, ESPGW_FLOW_A_ID, 1);
	nla_put_u32(msg, ESPGW_FLOW_A_IFINDEX, 1);	/* lo */
	nla_put(msg, ESPGW_FLOW_A_LOCAL_PREFIX, 4, net1);
	nla_put_u8(msg, ESPGW_FLOW_A_LOCAL_PLEN, 16);
	nla_put(msg, ESPGW_FLOW_A_REMOTE_PREFIX, 4, net2);
	nla_put_u8(msg, ESPGW_FLOW_A_PROTO, proto);
	nla_put_u16(msg, ESPGW_FLOW_A_LOCAL_PORT, 22);
	nla_put_u16(msg, ESPGW_FLOW_A_REMOTE_PORT, 0);
	put_stats(msg, ESPGW_FLOW_A_STATS, true, 2);
	nla_put_u32(msg, ESPGW_FLOW_A_SA_COUNT, 2);
	if (out_spi)
		nla_put_u32(msg, ESPGW_FLOW_A_OUT_SPI, 0x1001);
	nla_nest_end(msg, nest);
	return nest;
}

TEST_F(show, flow_text)
{
	struct flow f;

	print_init(self->f, false, false);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 6, true), &f));
	flow_print(&f, true);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 47, false), &f));
	flow_print(&f, false);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 0, false), &f));
	flow_print(&f, false);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 200, false), &f));
	flow_print(&f, false);
	EXPECT_STREQ("flow 1 dev lo local 10.1.0.0/16 remote 10.2.0.0/32 proto tcp"
		     " local-port 22 remote-port any\n"
		     "    sas 2 out-spi 0x00001001\n"
		     "    stats in packets 2 bytes 168 drops replay 1\n"
		     "    stats out packets 0 bytes 0 drops none\n"
		     "flow 1 dev lo local 10.1.0.0/16 remote 10.2.0.0/32 proto gre\n"
		     "    sas 2 out-spi (none)\n"
		     "flow 1 dev lo local 10.1.0.0/16 remote 10.2.0.0/32 proto any\n"
		     "    sas 2 out-spi (none)\n"
		     "flow 1 dev lo local 10.1.0.0/16 remote 10.2.0.0/32 proto 200\n"
		     "    sas 2 out-spi (none)\n", output(self));
}

TEST_F(show, flow_json)
{
	struct flow f;

	print_init(self->f, true, false);
	print_open_array(NULL);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 17, true), &f));
	flow_print(&f, true);
	ASSERT_EQ(0, flow_parse(put_flow(self->msg, 47, false), &f));
	flow_print(&f, false);
	print_close_array();
	EXPECT_STREQ("[{\"id\":1,\"dev\":\"lo\",\"ifindex\":1,\"local\":\"10.1.0.0/16\","
		     "\"remote\":\"10.2.0.0/32\",\"proto\":17,\"local_port\":22,"
		     "\"remote_port\":0,\"sas\":2,\"out_spi\":4097,\"peer\":null,"
		     "\"peer_port\":null,\"session\":null,\"stats\":{"
		     "\"in\":{\"packets\":2,\"bytes\":168,\"drops\":{\"replay\":1,"
		     NO_DROPS "}},\"out\":{\"packets\":0,\"bytes\":0,\"drops\":{"
		     "\"replay\":0," NO_DROPS "}}}},"
		     "{\"id\":1,\"dev\":\"lo\",\"ifindex\":1,\"local\":\"10.1.0.0/16\","
		     "\"remote\":\"10.2.0.0/32\",\"proto\":47,\"local_port\":22,"
		     "\"remote_port\":0,\"sas\":2,\"out_spi\":null,\"peer\":null,"
		     "\"peer_port\":null,\"session\":null}]\n", output(self));
}

/* A flow that names its crypto session's peer, and the session it is in. */
TEST_F(show, flow_peer)
{
	struct nlattr *nest = nla_nest_start(self->msg, ESPGW_A_FLOW);
	struct flow f;

	nla_put_u32(self->msg, ESPGW_FLOW_A_ID, 3);
	nla_put_u32(self->msg, ESPGW_FLOW_A_IFINDEX, 1);
	nla_put(self->msg, ESPGW_FLOW_A_LOCAL_PREFIX, 4, net1);
	nla_put(self->msg, ESPGW_FLOW_A_REMOTE_PREFIX, 4, net2);
	nla_put_u32(self->msg, ESPGW_FLOW_A_SA_COUNT, 0);
	nla_put(self->msg, ESPGW_FLOW_A_PEER_ADDR, 4, a2);
	nla_put_u16(self->msg, ESPGW_FLOW_A_PEER_PORT, 4500);
	nla_put_u32(self->msg, ESPGW_FLOW_A_SESSION_ID, 9);
	nla_nest_end(self->msg, nest);
	ASSERT_EQ(0, flow_parse(nest, &f));
	print_init(self->f, false, false);
	flow_print(&f, false);
	EXPECT_STREQ("flow 3 dev lo local 10.1.0.0/32 remote 10.2.0.0/32 proto any\n"
		     "    sas 0 out-spi (none) peer 10.0.0.2 peer-port 4500 session 9\n",
		     output(self));
}

TEST_F(show, flow_malformed)
{
	struct nlattr *nest;
	struct flow f;
	int i;

	EXPECT_EQ(-EBADMSG, flow_parse(NULL, &f));
	for (i = 0; i < 4; i++) {
		nest = nla_nest_start(self->msg, ESPGW_A_FLOW);
		if (i != 0)
			nla_put_u32(self->msg, ESPGW_FLOW_A_ID, 1);
		nla_put_u32(self->msg, ESPGW_FLOW_A_IFINDEX, 1);
		nla_put(self->msg, ESPGW_FLOW_A_LOCAL_PREFIX, 4, net1);
		nla_put_u8(self->msg, ESPGW_FLOW_A_LOCAL_PLEN, i == 1 ? 33 : 16);
		if (i != 2)
			nla_put(self->msg, ESPGW_FLOW_A_REMOTE_PREFIX, i == 3 ? 3 : 4, net2);
		nla_nest_end(self->msg, nest);
		EXPECT_EQ(-EBADMSG, flow_parse(nest, &f)) TH_LOG("case %d", i);
	}
}

/* An RTM_NEWLINK message; kind NULL: no IFLA_LINKINFO. */
static struct nl_msg *newlink(uint32_t ifindex, const char *name, const char *kind,
			      uint32_t master, const uint8_t *local, int local_len,
			      uint32_t fvrf)
{
	struct ifinfomsg ifi = { .ifi_index = ifindex, .ifi_flags = IFF_UP };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	struct nlattr *info, *data;

	nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	nla_put_string(msg, IFLA_IFNAME, name);
	nla_put_u32(msg, IFLA_MTU, 1400);
	if (master)
		nla_put_u32(msg, IFLA_MASTER, master);
	if (!kind)
		return msg;
	info = nla_nest_start(msg, IFLA_LINKINFO);
	nla_put_string(msg, IFLA_INFO_KIND, kind);
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (local_len >= 0)
		nla_put(msg, IFLA_ESPGW_LOCAL, local_len, local);
	nla_put_u32(msg, IFLA_ESPGW_FVRF, fvrf);
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return msg;
}

TEST_F(show, tunnels)
{
	struct nl_msg *msgs[] = {
		newlink(1, "lo", NULL, 0, NULL, -1, 0),
		newlink(4, "blue", "vrf", 0, NULL, -1, 0),
		newlink(5, "red", "vrf", 0, NULL, -1, 0),
		newlink(6, "br0", "bridge", 0, NULL, -1, 0),
		newlink(7, "Tunnel0", "espgw", 5, a1, 4, 4),
		newlink(8, "Tunnel1", "espgw", 6, a1, 0, 0),
		newlink(9, "Tunnel2", "espgw", 0, NULL, -1, 99),
	};
	struct link v[ARRAY_SIZE(msgs)];
	struct links links = { .v = v, .n = ARRAY_SIZE(msgs) };
	size_t i;
	int json;

	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		ASSERT_EQ(0, link_parse(msgs[i], &v[i]));
	EXPECT_TRUE(v[1].vrf && !v[1].espgw && v[4].espgw && !v[0].espgw);
	for (json = 0; json < 2; json++) {
		print_init(self->f, json, false);
		print_open_array(NULL);
		for (i = 4; i < ARRAY_SIZE(msgs); i++)
			tunnel_print(&links, &v[i]);
		print_close_array();
	}
	EXPECT_STREQ("tunnel Tunnel0 ifindex 7 state up mtu 1400 local 10.0.0.1"
		     " fvrf blue ivrf red\n"
		     "tunnel Tunnel1 ifindex 8 state up mtu 1400 local (none)"
		     " fvrf (none) ivrf (none)\n"
		     "tunnel Tunnel2 ifindex 9 state up mtu 1400 local (none)"
		     " fvrf if99 ivrf (none)\n"
		     "[{\"name\":\"Tunnel0\",\"ifindex\":7,\"state\":\"up\",\"mtu\":1400,"
		     "\"local\":\"10.0.0.1\",\"fvrf\":\"blue\",\"ivrf\":\"red\"},"
		     "{\"name\":\"Tunnel1\",\"ifindex\":8,\"state\":\"up\",\"mtu\":1400,"
		     "\"local\":null,\"fvrf\":null,\"ivrf\":null},"
		     "{\"name\":\"Tunnel2\",\"ifindex\":9,\"state\":\"up\",\"mtu\":1400,"
		     "\"local\":null,\"fvrf\":\"if99\",\"ivrf\":null}]\n", output(self));
	for (i = 0; i < ARRAY_SIZE(msgs); i++)
		nlmsg_free(msgs[i]);
}

TEST_F(show, tunnel_malformed)
{
	struct nl_msg *msg = newlink(7, "Tunnel0", "espgw", 0, a1, 3, 0);
	struct link l;

	EXPECT_EQ(-EBADMSG, link_parse(msg, &l));
	nlmsg_free(msg);
}

TEST_HARNESS_MAIN
