// SPDX-License-Identifier: GPL-2.0
/*
 * Crypto sessions from the kernel's messages (built here with libnl as a
 * reply would be) to the model, and from the model to Cisco's text, line
 * for line as the seed document shows it, and to JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "cmd_common.h"
#include "cmd_monitor.h"
#include "cryptoctl.h"
#include "genl_build.h"
#include "json_check.h"
#include "kselftest_harness.h"
#include "leaks.h"
#include "memout.h"
#include "peer.h"
#include "print.h"
#include "session_print.h"

#define NOW 1795748400ULL

/* The seed's 'show crypto session' example. */
static const struct t_ike plain_ikes[] = {
	{ 1, "172.0.0.1", "172.0.0.2", ESPGW_IKE_STATE_ESTABLISHED, 0, NULL, 0, 0 },
};
static const struct t_flow plain_flows[] = {
	{ .id = 1, .local = "10.10.10.0", .lplen = 24, .remote = "10.30.30.0",
	  .rplen = 24, .sas = 2, .in_pkts = 7, .out_pkts = 9 },
};
static const struct t_session plain = {
	.id = 1, .ifname = "FastEthernet0/1", .status = ESPGW_SESSION_UP_ACTIVE,
	.local = "172.0.0.1", .remote = "172.0.0.2", .remote_port = 500,
	.ikes = plain_ikes, .n_ikes = 1, .flows = plain_flows, .n_flows = 1,
	.sa_count = 2,
};

/* The seed's 'show crypto session detail' example. */
static const struct t_ike detail_ikes[] = {
	{ 3, "10.1.1.4", "10.1.1.3", ESPGW_IKE_STATE_ESTABLISHED, 0, "10.1.1.3",
	  22 * 3600 + 3 * 60 + 24, 0 },
};
static const struct t_flow detail_flows[] = {
	{ .id = 1, .proto = 47, .local = "10.1.1.4", .lplen = 32,
	  .remote = "10.1.1.3", .rplen = 32 },
	/* 1023 bytes over: KB are whole kilobytes */
	{ .id = 2, .local = "10.1.1.4", .lplen = 32, .remote = "10.1.1.3",
	  .rplen = 32, .sas = 4, .in_pkts = 4, .out_pkts = 4, .out_drops = 1,
	  .left_bytes = 4605665ULL * 1024 + 1023, .left_secs = 2949 },
};
static const struct t_session detail = {
	.id = 2, .ifname = "Tunnel0", .status = ESPGW_SESSION_UP_ACTIVE,
	.local = "10.1.1.4", .remote = "10.1.1.3", .remote_port = 500,
	.peer = true, .desc = "this is my peer at 10.1.1.3:500 Green",
	.ikes = detail_ikes, .n_ikes = 1, .flows = detail_flows, .n_flows = 2,
	.sa_count = 4,
};

#define SEED_PLAIN \
	"Crypto session current status\n" \
	"\n" \
	"Interface: FastEthernet0/1\n" \
	"Session status: UP-ACTIVE\n" \
	"Peer: 172.0.0.2/500\n" \
	"  IKE SA: local 172.0.0.1/500 remote 172.0.0.2/500 Active\n" \
	"  IPSEC FLOW: permit ip 10.10.10.0/255.255.255.0 10.30.30.0/255.255.255.0\n" \
	"    Active SAs: 2, origin: crypto map\n"

static const char seed_plain[] = SEED_PLAIN;

static const char seed_detail[] =
	"Interface: Tunnel0\n"
	"Session status: UP-ACTIVE\n"
	"Peer: 10.1.1.3 port 500 fvrf: (none) ivrf: (none)\n"
	"  Desc: this is my peer at 10.1.1.3:500 Green\n"
	"  Phase1_id: 10.1.1.3\n"
	"  IKE SA: local 10.1.1.4/500 remote 10.1.1.3/500 Active\n"
	"    Capabilities:(none) connid:3 lifetime:22:03:24\n"
	"  IPSEC FLOW: permit 47 host 10.1.1.4 host 10.1.1.3\n"
	"    Active SAs: 0, origin: crypto map\n"
	"    Inbound: #pkts dec'ed 0 drop 0 life (KB/Sec) 0/0\n"
	"    Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/0\n"
	"  IPSEC FLOW: permit ip host 10.1.1.4 host 10.1.1.3\n"
	"    Active SAs: 4, origin: crypto map\n"
	"    Inbound: #pkts dec'ed 4 drop 0 life (KB/Sec) 4605665/2949\n"
	"    Outbound: #pkts enc'ed 4 drop 1 life (KB/Sec) 4605665/2949\n";

/* Beyond the seed: IPv6, VRFs, ports, capabilities, down and up times. */
static const struct t_ike v6_ikes[] = {
	{ 9, "2001:db8::1", "2001:db8::2", ESPGW_IKE_STATE_NEGOTIATING,
	  ESPGW_IKE_CAP_DPD | ESPGW_IKE_CAP_NAT_T | ESPGW_IKE_CAP_MOBIKE, NULL,
	  100 * 3600, 4500 },
	{ 10, "2001:db8::1", "2001:db8::2", ESPGW_IKE_STATE_DELETING,
	  ESPGW_IKE_CAP_ALL, "gw-b.example", 0, 4500 },
};
static const struct t_flow v6_flows[] = {
	{ .id = 7, .proto = 6, .local = "2001:db8:1::", .lplen = 48, .lport = 22,
	  .remote = "2001:db8:2::5", .rplen = 128, .sas = 2, .in_pkts = 5,
	  .in_drops = 3, .left_bytes = 2048, .left_secs = 60 },
	{ .id = 8, .local = "2001:db8:1::", .lplen = 48, .remote = "2001:db8:2::",
	  .rplen = 64 },
};
static const struct t_session v6 = {
	.id = 3, .ifname = "Tunnel1", .status = ESPGW_SESSION_UP_IDLE,
	.local = "2001:db8::1", .remote = "2001:db8::2", .remote_port = 4500,
	.fvrf = 4, .fvrf_name = "blue", .ivrf = 5, .ivrf_name = "red",
	.peer = true, .peer_id = "peer-id", .up_time = NOW - 93784,
	.down_time = NOW - 100000, .down_reason = ESPGW_REASON_DEAD_PEER,
	.ikes = v6_ikes, .n_ikes = 2, .flows = v6_flows, .n_flows = 2,
	.sa_count = 2,
};

/* A configured peer with nothing established. */
static const struct t_session down = {
	.id = 4, .ifname = "Tunnel0", .status = ESPGW_SESSION_DOWN,
	.remote = "10.9.9.9", .remote_port = 500, .peer = true,
	.desc = "site Z", .peer_id = "z.example", .down_time = NOW - 45,
	.down_reason = ESPGW_REASON_CLEARED,
};

/* IPsec SAs without IKE (manual keying), for the summary. */
static const struct t_session no_ike = {
	.id = 5, .ifname = "Tunnel0", .status = ESPGW_SESSION_UP_NO_IKE,
	.local = "10.1.1.4", .remote = "10.7.7.7", .remote_port = 500,
	.up_time = NOW - 72, .flows = detail_flows + 1, .n_flows = 1,
	.sa_count = 2,
};

FIXTURE(session)
{
	struct nl_msg *msgs[8];
	struct nl_dump d;
	struct session_list list;
	struct memout out;
	FILE *f;
};

FIXTURE_SETUP(session)
{
	memset(&self->list, 0, sizeof(self->list));
	self->d.msgs = self->msgs;
	self->d.n = 0;
	self->f = memout_open(&self->out);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(session)
{
	size_t i;

	for (i = 0; i < self->d.n; i++)
		nlmsg_free(self->msgs[i]);
	sessions_free(&self->list);
	memout_free(&self->out);
	EXPECT_NO_LEAKS();
}

static struct nl_msg *add_msg(struct _test_data_session *self, uint8_t cmd)
{
	struct nl_msg *msg = genl_new(cmd);

	self->msgs[self->d.n++] = msg;
	return msg;
}

/* The dump through the same path as a real one: genl parse, then model. */
static int parse_dump(struct _test_data_session *self)
{
	return espgw_dump_each(&self->d, sessions_msg, &self->list) ?:
	       sessions_finish(&self->list);
}

/* NULL-terminated lists of sessions. */
#define SESSIONS(...) ((const struct t_session *const[]){ __VA_ARGS__, NULL })

/* A dump reply per session of @t, each in one message, parsed. */
static int load(struct _test_data_session *self,
		const struct t_session *const *t)
{
	for (; *t; t++)
		put_session(add_msg(self, ESPGW_CMD_GET_SESSION), *t);
	return parse_dump(self);
}

static const char *print_all(struct _test_data_session *self,
			     enum session_form form, bool json)
{
	const struct session *v[8];
	size_t i;

	for (i = 0; i < self->list.n; i++)
		v[i] = &self->list.v[i];
	print_init(self->f, json, false);
	sessions_print(v, self->list.n, form, NOW);
	print_flush();
	return memout_text(&self->out);
}

/* Sessions @t (those already added with NULL) as @form prints them. */
static const char *show(struct _test_data_session *self,
			const struct t_session *const *t, enum session_form form,
			bool json)
{
	if (load(self, t) < 0)
		return "(malformed)";
	return print_all(self, form, json);
}

TEST_F(session, seed_plain)
{
	EXPECT_STREQ(seed_plain, show(self, SESSIONS(&plain), FORM_PLAIN, false));
}

TEST_F(session, seed_detail)
{
	EXPECT_STREQ(seed_detail, show(self, SESSIONS(&detail), FORM_DETAIL, false));
}

/* Flow 2 in a message of its own: the same session, the same text. */
TEST_F(session, split_over_two_messages)
{
	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &detail, 0, 1);
	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &detail, 1, 1);
	put_session(add_msg(self, ESPGW_CMD_GET_SESSION), &plain);
	ASSERT_EQ(0, parse_dump(self));
	ASSERT_EQ(2, self->list.n);
	EXPECT_EQ(2, self->list.v[0].n_flows);
	EXPECT_EQ(1, self->list.v[0].n_ike_sas);
	EXPECT_FALSE(self->list.v[0].more);
	EXPECT_EQ(2, self->list.v[0].flows[1].id);
	EXPECT_EQ(1, self->list.v[1].id);
	self->list.n = 1;	/* the plain one is left to the teardown */
	EXPECT_STREQ(seed_detail, print_all(self, FORM_DETAIL, false));
	self->list.n = 2;
}

/*
 * The kernel's continuation repeats the head and every IKE SA: the IKE SAs
 * are not doubled, the head is the first message's.
 */
TEST_F(session, split_repeating_head)
{
	struct t_session again = detail;
	struct nl_msg *msg;
	struct nlattr *nest;

	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &detail, 0, 1);
	msg = add_msg(self, ESPGW_CMD_GET_SESSION);
	again.status = ESPGW_SESSION_DOWN;	/* ignored in a continuation */
	nest = nla_nest_start(msg, ESPGW_A_SESSION);
	nla_put_u32(msg, ESPGW_SESSION_A_ID, again.id);
	put_session_fields(msg, &again);
	put_lists(msg, &again, 0, again.n_ikes, 1, again.n_flows);
	nla_nest_end(msg, nest);
	EXPECT_STREQ(seed_detail, show(self, SESSIONS(NULL), FORM_DETAIL, false));
	EXPECT_EQ(1, self->list.v[0].n_ike_sas);
}

/*
 * Without a configured peer the kernel's peer nest has the session's
 * phase-1 identity alone; a LIFETIME of 0 is a record about to go.
 */
/*
 * The plain session with a peer nest holding only an identity, and the
 * kernel's own view of the identity (@kernel_id, may be NULL).
 */
static void add_identity_session(struct _test_data_session *self, const char *peer_id,
				 const char *kernel_id)
{
	const struct t_session t = plain;
	struct nl_msg *msg = add_msg(self, ESPGW_CMD_GET_SESSION);
	struct nlattr *nest, *peer;

	nest = nla_nest_start(msg, ESPGW_A_SESSION);
	nla_put_u32(msg, ESPGW_SESSION_A_ID, t.id);
	put_session_fields(msg, &t);
	if (kernel_id)
		nla_put_string(msg, ESPGW_SESSION_A_PHASE1_ID, kernel_id);
	peer = nla_nest_start(msg, ESPGW_SESSION_A_PEER);
	nla_put_string(msg, ESPGW_PEER_A_ID, peer_id);
	nla_nest_end(msg, peer);
	put_lists(msg, &t, 0, t.n_ikes, 0, t.n_flows);
	nla_nest_end(msg, nest);
}

TEST_F(session, peerless_identity)
{
	char line[LOG_LINE_MAX];

	add_identity_session(self, "ezvpn", NULL);
	ASSERT_EQ(0, parse_dump(self));
	EXPECT_STREQ("ezvpn", session_phase1_id(&self->list.v[0]));
	EXPECT_EQ(NULL, session_description(&self->list.v[0]));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 172.0.0.2:500"
		     " Id: ezvpn", session_log_line(&self->list.v[0], line, sizeof(line)));
	self->list.v[0].ike_sas[0].has_lifetime = true;
	self->list.v[0].ike_sas[0].lifetime = 0;
	EXPECT_NE(NULL, strstr(print_all(self, FORM_DETAIL, false),
			       "    Capabilities:(none) connid:1 lifetime:00:00:00\n"));
}

/* The kernel's own view of the identity wins over the peer's configured one. */
TEST_F(session, kernel_identity_first)
{
	char line[LOG_LINE_MAX];

	add_identity_session(self, "configured.example", "last.ike.example");
	ASSERT_EQ(0, parse_dump(self));
	EXPECT_STREQ("last.ike.example", session_phase1_id(&self->list.v[0]));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 172.0.0.2:500"
		     " Id: last.ike.example", session_log_line(&self->list.v[0], line, sizeof(line)));
}

TEST_F(session, unfinished_split)
{
	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &detail, 0, 1);
	EXPECT_EQ(-EBADMSG, parse_dump(self));
}

/* After MORE, the next message must continue that session. */
TEST_F(session, split_other_id)
{
	struct t_session other = detail;

	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &detail, 0, 1);
	other.id = 9;
	put_session_part(add_msg(self, ESPGW_CMD_GET_SESSION), &other, 1, 1);
	EXPECT_EQ(-EBADMSG, parse_dump(self));
}

TEST_F(session, detail_beyond_seed)
{
	EXPECT_STREQ(
		"Interface: Tunnel1\n"
		"Session status: UP-IDLE\n"
		"Peer: 2001:db8::2 port 4500 fvrf: blue ivrf: red\n"
		"  Phase1_id: gw-b.example\n"
		"  Uptime: 1d02h\n"
		"  Last DOWN: 1d03h ago, reason: dead peer\n"
		"  IKE SA: local 2001:db8::1/500 remote 2001:db8::2/4500 Inactive\n"
		"    Capabilities:DNM connid:9 lifetime:100:00:00\n"
		"  IKE SA: local 2001:db8::1/500 remote 2001:db8::2/4500 Deleting\n"
		"    Capabilities:DNFM connid:10 lifetime:(none)\n"
		"  IPSEC FLOW: permit 6 2001:db8:1::/48 port 22 host 2001:db8:2::5\n"
		"    Active SAs: 2, origin: crypto map\n"
		"    Inbound: #pkts dec'ed 5 drop 3 life (KB/Sec) 2/60\n"
		"    Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 2/60\n"
		"  IPSEC FLOW: permit ipv6 2001:db8:1::/48 2001:db8:2::/64\n"
		"    Active SAs: 0, origin: crypto map\n"
		"    Inbound: #pkts dec'ed 0 drop 0 life (KB/Sec) 0/0\n"
		"    Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/0\n"
		"\n"
		"Interface: Tunnel0\n"
		"Session status: DOWN\n"
		"Peer: 10.9.9.9 port 500 fvrf: (none) ivrf: (none)\n"
		"  Desc: site Z\n"
		"  Phase1_id: z.example\n"
		"  Last DOWN: 00:00:45 ago, reason: cleared by operator\n",
		show(self, SESSIONS(&v6, &down), FORM_DETAIL, false));
}

TEST_F(session, plain_several)
{
	EXPECT_STREQ(SEED_PLAIN
		     "\n"
		     "Interface: Tunnel0\n"
		     "Session status: DOWN\n"
		     "Peer: 10.9.9.9/500\n",
		     show(self, SESSIONS(&plain, &down), FORM_PLAIN, false));
}

/* Grouped by inside VRF. */
TEST_F(session, brief_form)
{
	struct t_session up = detail;

	up.up_time = NOW - 72;
	EXPECT_STREQ(
		"Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating\n"
		"        K - No IKE\n"
		"ivrf = (none)\n"
		" Peer            I/F          Username        Group/Phase1_id          Uptime   Status\n"
		"10.1.1.3         Tunnel0                      10.1.1.3                 00:01:12 UA\n"
		"10.9.9.9         Tunnel0                      z.example                -        D\n"
		"\n"
		"ivrf = red\n"
		" Peer            I/F          Username        Group/Phase1_id          Uptime   Status\n"
		"2001:db8::2      Tunnel1                      gw-b.example             1d02h    UI\n",
		show(self, SESSIONS(&up, &v6, &down), FORM_BRIEF, false));
}

TEST_F(session, summary_form)
{
	EXPECT_STREQ(
		"Crypto sessions summary\n"
		"\n"
		"Total sessions: 3\n"
		"  UP-ACTIVE: 2\n"
		"  UP-IDLE: 0\n"
		"  UP-NO-IKE: 1\n"
		"  DOWN-NEGOTIATING: 0\n"
		"  DOWN: 0\n"
		"Total IKE SAs: 2, Active: 2, Inactive: 0\n"
		"Total IPsec SAs: 8\n",
		show(self, SESSIONS(&plain, &detail, &no_ike), FORM_SUMMARY, false));
}

TEST_F(session, summary_json)
{
	EXPECT_STREQ("{\"sessions\":{\"total\":3,\"up_active\":1,\"up_idle\":1,"
		     "\"up_no_ike\":0,\"down_negotiating\":0,\"down\":1},"
		     "\"ike_sas\":{\"total\":3,\"active\":1,\"inactive\":1},"
		     "\"ipsec_sas\":4}\n",
		     show(self, SESSIONS(&plain, &v6, &down), FORM_SUMMARY, true));
}

#define DROPS(replay, no_out_sa) \
	"\"drop_reasons\":{\"replay\":" #replay ",\"integrity\":0,\"no_sa\":0," \
	"\"bad_length\":0,\"bad_padding\":0,\"bad_next_header\":0," \
	"\"bad_inner\":0,\"selector\":0,\"no_flow\":0,\"no_out_sa\":" \
	#no_out_sa ",\"encap\":0,\"crypto\":0,\"mtu\":0,\"seq_overflow\":0," \
	"\"expired\":0,\"no_route\":0,\"no_memory\":0}"

/* The schema, member for member. */
TEST_F(session, json_schema)
{
	EXPECT_STREQ(
		"[{\"interface\":\"FastEthernet0/1\",\"ifindex\":99999,\"id\":1,"
		"\"status\":\"UP-ACTIVE\","
		"\"local\":{\"address\":\"172.0.0.1\",\"port\":500},"
		"\"remote\":{\"address\":\"172.0.0.2\",\"port\":500},"
		"\"fvrf\":null,\"ivrf\":null,\"description\":null,\"phase1_id\":null,"
		"\"uptime\":null,\"up_since\":null,\"last_down\":null,"
		"\"ike_sas\":[{\"connid\":1,"
		"\"local\":{\"address\":\"172.0.0.1\",\"port\":500},"
		"\"remote\":{\"address\":\"172.0.0.2\",\"port\":500},"
		"\"state\":\"established\",\"version\":2,\"capabilities\":[],"
		"\"lifetime\":null,\"phase1_id\":null}],"
		"\"flows\":[{\"id\":1,"
		"\"selector\":\"permit ip 10.10.10.0/255.255.255.0 10.30.30.0/255.255.255.0\","
		"\"protocol\":0,\"local\":{\"prefix\":\"10.10.10.0/24\",\"port\":0},"
		"\"remote\":{\"prefix\":\"10.30.30.0/24\",\"port\":0},"
		"\"active_sas\":2,\"origin\":\"crypto map\","
		"\"inbound\":{\"packets\":7,\"bytes\":700,\"drops\":0," DROPS(0, 0) ","
		"\"spi\":8193,\"remaining\":{\"kilobytes\":null,\"seconds\":null}},"
		"\"outbound\":{\"packets\":9,\"bytes\":900,\"drops\":0," DROPS(0, 0) ","
		"\"spi\":4097,\"remaining\":{\"kilobytes\":null,\"seconds\":null}}}]}]\n",
		show(self, SESSIONS(&plain), FORM_PLAIN, true));
}

/* Every form's JSON parses, whatever the session holds. */
TEST_F(session, json_valid)
{
	enum session_form form;
	struct memout m;
	const char *text;

	/* the checker itself */
	ASSERT_EQ(0, json_check("[{\"a\":null}]"));
	ASSERT_NE(0, json_check("[{\"a\":}]"));
	ASSERT_EQ(0, load(self, SESSIONS(&plain, &detail, &v6, &down, &no_ike)));
	for (form = FORM_PLAIN; form <= FORM_SUMMARY; form++) {
		memout_free(&self->out);
		self->f = memout_open(&self->out);
		text = print_all(self, form, true);
		EXPECT_EQ(0, json_check(text)) TH_LOG("form %d: %s", form, text);
	}
	/* and pretty-printed */
	ASSERT_NE(NULL, memout_open(&m));
	print_init(m.f, true, true);
	session_print_json(NULL, &self->list.v[2], NOW, true);
	print_flush();
	EXPECT_EQ(0, json_check(memout_text(&m)));
	EXPECT_NE(NULL, strstr(m.buf, "\"last_down\": {\n    \"reason\": \"dead peer\""));
	EXPECT_NE(NULL, strstr(m.buf, "\"capabilities\": [\n        \"D\",\n        \"N\",\n        \"M\"\n      ]"));
	EXPECT_NE(NULL, strstr(m.buf, "\"uptime\": 93784"));
	memout_free(&m);
}

static struct session *event_session(struct _test_data_session *self,
				     const struct t_session *t, struct session *s)
{
	struct nl_msg *msg = add_msg(self, ESPGW_CMD_SESSION);

	if (session_parse(put_session(msg, t), s) < 0)
		return NULL;
	return s;
}

TEST_F(session, syslog_line)
{
	struct t_session seed = {
		.id = 1, .ifname = "Tunnel0", .status = ESPGW_SESSION_UP_ACTIVE,
		.remote = "10.6.6.1", .remote_port = 500, .fvrf = 10,
		.fvrf_name = "name10", .ivrf = 20, .ivrf_name = "name20",
		.peer = true, .desc = "SJC24-2-VPN-Gateway", .peer_id = "10.5.5.2",
	};
	char line[LOG_LINE_MAX];
	struct session s;

	ASSERT_NE(NULL, event_session(self, &seed, &s));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 10.6.6.1:500"
		     " fvrf=name10 ivrf=name20 Description: SJC24-2-VPN-Gateway"
		     " Id: 10.5.5.2", session_log_line(&s, line, sizeof(line)));
	session_free(&s);

	seed.status = ESPGW_SESSION_DOWN_NEGOTIATING;
	seed.fvrf = 0;
	ASSERT_NE(NULL, event_session(self, &seed, &s));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is DOWN. Peer 10.6.6.1:500"
		     " ivrf=name20 Description: SJC24-2-VPN-Gateway Id: 10.5.5.2",
		     session_log_line(&s, line, sizeof(line)));
	session_free(&s);

	/* IPv6, nothing optional; then an IKE SA's ID before the peer's */
	ASSERT_NE(NULL, event_session(self, &no_ike, &s));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 10.7.7.7:500",
		     session_log_line(&s, line, sizeof(line)));
	session_free(&s);
	ASSERT_NE(NULL, event_session(self, &v6, &s));
	EXPECT_STREQ("%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer [2001:db8::2]:4500"
		     " fvrf=blue ivrf=red Id: gw-b.example",
		     session_log_line(&s, line, sizeof(line)));
	session_free(&s);
}

/* A list nest whose last item is cut short. */
static void put_cut_list(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_SESSION_A_IKE_SAS);
	uint8_t cut[8] = { 12, 0, ESPGW_A_IKE_SA, 0 };	/* says 12, has 8 */

	memcpy(nla_reserve(msg, ESPGW_A_IKE_SA, 4), cut + 4, 4);
	nla_nest_end(msg, nest);
	/* the reserved attribute's header becomes the cut-short one */
	memcpy((char *)nla_data(nest), cut, 4);
}

/* One malformed part per case; each makes the whole message malformed. */
static void put_malformed(struct nl_msg *msg, int c)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SESSION), *list, *inner;
	struct t_ike ike = detail_ikes[0];
	struct t_flow flow = detail_flows[0];

	if (c != 0)
		nla_put_u32(msg, ESPGW_SESSION_A_ID, 5);
	nla_put_u32(msg, ESPGW_SESSION_A_IFINDEX, 7);
	if (c != 1)
		nla_put_u8(msg, ESPGW_SESSION_A_STATUS, ESPGW_SESSION_DOWN);
	if (c != 2)
		put_ip(msg, ESPGW_SESSION_A_REMOTE_ADDR, c == 3 ? "::1" : "10.0.0.1");
	if (c == 3)	/* 3 bytes */
		nla_put(msg, ESPGW_SESSION_A_LOCAL_ADDR, 3, "abc");
	list = nla_nest_start(msg, ESPGW_SESSION_A_IKE_SAS);
	if (c == 4)	/* a flow among the IKE SAs */
		put_flow(msg, &flow);
	if (c == 5) {	/* an IKE SA without its connid */
		inner = nla_nest_start(msg, ESPGW_A_IKE_SA);
		put_ip(msg, ESPGW_IKE_SA_A_LOCAL_ADDR, "10.0.0.2");
		nla_nest_end(msg, inner);
	} else {
		put_ike(msg, &ike);
	}
	nla_nest_end(msg, list);
	if (c == 6) {	/* a flow with a 33-bit IPv4 prefix */
		flow.lplen = 33;
		list = nla_nest_start(msg, ESPGW_SESSION_A_FLOWS);
		put_flow(msg, &flow);
		nla_nest_end(msg, list);
	}
	if (c == 7) {	/* a peer with a 5-byte address */
		list = nla_nest_start(msg, ESPGW_SESSION_A_PEER);
		nla_put(msg, ESPGW_PEER_A_ADDR, 5, "abcde");
		nla_nest_end(msg, list);
	}
	if (c == 8) {	/* a description longer than any valid one */
		char text[DESCRIPTION_SIZE + 1];

		memset(text, 'a', sizeof(text) - 1);
		text[sizeof(text) - 1] = '\0';
		list = nla_nest_start(msg, ESPGW_SESSION_A_PEER);
		put_ip(msg, ESPGW_PEER_A_ADDR, "10.0.0.1");
		nla_put_string(msg, ESPGW_PEER_A_DESCRIPTION, text);
		nla_nest_end(msg, list);
	}
	if (c == 9)
		put_cut_list(msg);
	if (c == 10)	/* an interface name too long for one */
		nla_put_string(msg, ESPGW_SESSION_A_IFNAME, "0123456789abcdefg");
	nla_nest_end(msg, nest);
}

TEST_F(session, malformed)
{
	struct session s;
	int c;

	EXPECT_EQ(-EBADMSG, session_parse(NULL, &s));
	session_free(&s);
	for (c = 0; c <= 10; c++) {
		put_malformed(add_msg(self, ESPGW_CMD_GET_SESSION), c);
		EXPECT_EQ(-EBADMSG, parse_dump(self)) TH_LOG("case %d", c);
		sessions_free(&self->list);
		nlmsg_free(self->msgs[--self->d.n]);
	}
	/* The same builder without a fault is fine. */
	put_malformed(add_msg(self, ESPGW_CMD_GET_SESSION), -1);
	EXPECT_EQ(0, parse_dump(self));
	EXPECT_EQ(1, self->list.n);
}

/* A reply of another command in a session dump is malformed too. */
TEST_F(session, wrong_command)
{
	struct captured c;

	put_session(add_msg(self, ESPGW_CMD_GET_FLOW), &plain);
	capture_start(&c);
	EXPECT_EQ(EXIT_RUNTIME, parse_replies(&self->d, ESPGW_CMD_GET_SESSION,
					      sessions_msg, &self->list));
	EXPECT_STREQ("cryptoctl: malformed reply from the kernel\n", capture_end(&c));
}

static const struct t_session seed_peer = {
	.remote = "10.2.2.9", .remote_port = 500, .desc = "connection from site A",
};

TEST_F(session, isakmp_peer)
{
	struct t_session vrf = { .remote = "2001:db8::9", .remote_port = 4500,
				 .fvrf = 4, .fvrf_name = "blue", .peer_id = "x" };
	struct peer p[2];

	put_peer_nest(add_msg(self, ESPGW_CMD_GET_PEER), ESPGW_A_PEER, &seed_peer);
	put_peer_nest(add_msg(self, ESPGW_CMD_GET_PEER), ESPGW_A_PEER, &vrf);
	ASSERT_EQ(0, peer_parse(nlmsg_find_attr(nlmsg_hdr(self->msgs[0]),
						GENL_HDRLEN, ESPGW_A_PEER), &p[0]));
	ASSERT_EQ(0, peer_parse(nlmsg_find_attr(nlmsg_hdr(self->msgs[1]),
						GENL_HDRLEN, ESPGW_A_PEER), &p[1]));
	p[1].flags = 0;
	print_init(self->f, false, false);
	peer_print_isakmp(&p[0]);
	print_nl();
	peer_print_isakmp(&p[1]);
	peer_print(&p[0]);
	peer_print(&p[1]);
	EXPECT_STREQ("Peer: 10.2.2.9 Port: 500\n"
		     "Description: connection from site A\n"
		     "flags: PEER_POLICY\n"
		     "\n"
		     "Peer: 2001:db8::9 Port: 4500 fvrf: blue\n"
		     "flags: (none)\n"
		     "peer 10.2.2.9 port 500 fvrf (none) dev if99999 local (none) id (none) flags PEER_POLICY\n"
		     "    description connection from site A\n"
		     "peer 2001:db8::9 port 4500 fvrf blue dev if99999 local (none) id x flags (none)\n",
		     memout_text(&self->out));
}

TEST_F(session, isakmp_peer_json)
{
	struct peer p;

	put_peer_nest(add_msg(self, ESPGW_CMD_GET_PEER), ESPGW_A_PEER, &seed_peer);
	ASSERT_EQ(0, peer_parse(nlmsg_find_attr(nlmsg_hdr(self->msgs[0]),
						GENL_HDRLEN, ESPGW_A_PEER), &p));
	print_init(self->f, true, false);
	print_open_array(NULL);
	peer_print_isakmp(&p);
	peer_print(&p);
	print_close_array();
	print_flush();
	EXPECT_STREQ("[{\"address\":\"10.2.2.9\",\"port\":500,\"fvrf\":null,"
		     "\"interface\":\"if99999\",\"local\":null,\"id\":null,"
		     "\"description\":\"connection from site A\","
		     "\"flags\":[\"PEER_POLICY\"]},"
		     "{\"address\":\"10.2.2.9\",\"port\":500,\"fvrf\":null,"
		     "\"interface\":\"if99999\",\"local\":null,\"id\":null,"
		     "\"description\":\"connection from site A\","
		     "\"flags\":[\"PEER_POLICY\"]}]\n", memout_text(&self->out));
}

TEST_F(session, ike_sa_table)
{
	size_t i;
	int json;

	ASSERT_EQ(0, load(self, SESSIONS(&v6)));
	for (json = 0; json < 2; json++) {
		print_init(self->f, json, false);
		if (!json)
			ike_sa_print_header();
		print_open_array(NULL);
		for (i = 0; i < self->list.v[0].n_ike_sas; i++)
			ike_sa_print(&self->list.v[0].ike_sas[i]);
		print_close_array();
		print_flush();
	}
	EXPECT_STREQ(
		"connid  interface    local                  remote                 state       ver caps lifetime   phase1_id\n"
		"9       if99999      2001:db8::1/500        2001:db8::2/4500       negotiating 2   DNM  100:00:00  -\n"
		"10      if99999      2001:db8::1/500        2001:db8::2/4500       deleting    2   DNFM -          gw-b.example\n"
		"[{\"connid\":9,\"interface\":\"if99999\",\"ifindex\":99999,"
		"\"local\":{\"address\":\"2001:db8::1\",\"port\":500},"
		"\"remote\":{\"address\":\"2001:db8::2\",\"port\":4500},"
		"\"state\":\"negotiating\",\"version\":2,\"capabilities\":[\"D\",\"N\",\"M\"],"
		"\"lifetime\":360000,\"phase1_id\":null,"
		"\"spi_i\":\"0x0123456789abcdef\",\"spi_r\":null,\"add_time\":null,"
		"\"session\":null,\"owned\":false},"
		"{\"connid\":10,\"interface\":\"if99999\",\"ifindex\":99999,"
		"\"local\":{\"address\":\"2001:db8::1\",\"port\":500},"
		"\"remote\":{\"address\":\"2001:db8::2\",\"port\":4500},"
		"\"state\":\"deleting\",\"version\":2,"
		"\"capabilities\":[\"D\",\"N\",\"F\",\"M\"],"
		"\"lifetime\":null,\"phase1_id\":\"gw-b.example\","
		"\"spi_i\":\"0x0123456789abcdef\",\"spi_r\":null,\"add_time\":null,"
		"\"session\":null,\"owned\":false}]\n", memout_text(&self->out));
}

/* The JSON lines of the two events (the second one's beginning). */
#define EVENTS_JSON \
	"{\"event\":\"session\",\"status\":\"UP-ACTIVE\",\"session\":{" \
	"\"interface\":\"Tunnel0\",\"ifindex\":99999,\"id\":1," \
	"\"status\":\"UP-ACTIVE\",\"local\":{\"address\":null,\"port\":500}," \
	"\"remote\":{\"address\":\"10.6.6.1\",\"port\":500}," \
	"\"fvrf\":\"name10\",\"ivrf\":\"name20\"," \
	"\"description\":\"SJC24-2-VPN-Gateway\",\"phase1_id\":\"10.5.5.2\"," \
	"\"uptime\":null,\"up_since\":null,\"last_down\":null}}\n" \
	"{\"event\":\"clear-session\",\"session\":{\"interface\":\"Tunnel0\","

/* 'monitor': a session going UP is the kernel's log line; a clear. */
TEST_F(session, monitor_events)
{
	struct t_session seed = {
		.id = 1, .ifname = "Tunnel0", .status = ESPGW_SESSION_UP_ACTIVE,
		.remote = "10.6.6.1", .remote_port = 500, .fvrf = 10,
		.fvrf_name = "name10", .ivrf = 20, .ivrf_name = "name20",
		.peer = true, .desc = "SJC24-2-VPN-Gateway", .peer_id = "10.5.5.2",
	};
	struct monitor m = { 0 };
	const char *text, *json;
	int i;

	put_session(add_msg(self, ESPGW_CMD_SESSION), &seed);
	put_session(add_msg(self, ESPGW_CMD_CLEAR_SESSION), &detail);
	for (i = 0; i < 2; i++) {
		print_init(self->f, i, false);
		ASSERT_EQ(0, espgw_dump_each(&self->d, monitor_print_event, &m));
	}
	text = memout_text(&self->out);
	json = strchr(strchr(text, '\n') + 1, '\n') + 1;
	EXPECT_EQ(0, strncmp(text,
		"%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 10.6.6.1:500"
		" fvrf=name10 ivrf=name20 Description: SJC24-2-VPN-Gateway Id: 10.5.5.2\n"
		"clear-session: Tunnel0 local 10.1.1.4/500 remote 10.1.1.3/500"
		" fvrf (none) ivrf (none) connid 3\n", json - text)) TH_LOG("%s", text);
	EXPECT_EQ(0, strncmp(json, EVENTS_JSON, strlen(EVENTS_JSON)))
		TH_LOG("%s", json);
	EXPECT_NE(NULL, strstr(json, "\"ike_sas\":[{\"connid\":3,"));
	EXPECT_EQ(4, m.printed);
}

/* A malformed event prints nothing. */
TEST_F(session, monitor_malformed)
{
	struct monitor m = { 0 };

	put_malformed(add_msg(self, ESPGW_CMD_SESSION), 1);
	print_init(self->f, false, false);
	EXPECT_EQ(-EBADMSG, espgw_dump_each(&self->d, monitor_print_event, &m));
	EXPECT_STREQ("", memout_text(&self->out));
	EXPECT_EQ(0, m.printed);
}

TEST(durations)
{
	static const struct {
		uint64_t secs;
		const char *hms, *uptime;
	} cases[] = {
		{ 0, "00:00:00", "00:00:00" },
		{ 72, "00:01:12", "00:01:12" },
		{ 79404, "22:03:24", "22:03:24" },
		{ 86399, "23:59:59", "23:59:59" },
		{ 86400, "24:00:00", "1d00h" },
		{ 93784, "26:03:04", "1d02h" },
		{ 360000, "100:00:00", "4d04h" },
		{ 7 * 86400, "168:00:00", "1w0d" },
		{ 100 * 86400, "2400:00:00", "14w2d" },
		{ 400 * 86400, "9600:00:00", "1y5w" },
	};
	char buf[DURATION_STRLEN];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_STREQ(cases[i].hms, duration_hms(cases[i].secs, buf, sizeof(buf)));
		EXPECT_STREQ(cases[i].uptime,
			     duration_uptime(cases[i].secs, buf, sizeof(buf)));
	}
}

TEST_HARNESS_MAIN
