// SPDX-License-Identifier: GPL-2.0
/*
 * The monitoring and configuration command lines: what they accept, the one
 * line they print for what they refuse, and the requests they build (read
 * back with the parsers a kernel reply goes through).  Then 'show crypto
 * ipsec sa' from flow and SA replies.
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "cmd_common.h"
#include "cmd_ike_sa.h"
#include "cmd_peer.h"
#include "cryptoctl.h"
#include "filter.h"
#include "genl_build.h"
#include "ipsec_sa.h"
#include "json_check.h"
#include "kselftest_harness.h"
#include "leaks.h"
#include "memout.h"
#include "print.h"

#define NOW (T_ADD_TIME + 400)

/* argv from a string of words (at most 31), NULL at the end. */
struct words {
	char buf[1024];
	char *v[32];
	int n;
};

/* The words of the last line split: what parsed arguments point into. */
static struct words line_words;

static char **split(struct words *w, const char *line)
{
	char *save, *tok;

	snprintf(w->buf, sizeof(w->buf), "%s", line);
	w->n = 0;
	for (tok = strtok_r(w->buf, " ", &save); tok && w->n < 31;
	     tok = strtok_r(NULL, " ", &save))
		w->v[w->n++] = tok;
	w->v[w->n] = NULL;
	return w->v;
}

/* The filter words of @line, as show and clear parse them. */
static int filter_line(const char *line, struct session_filter *f)
{
	char **argv = split(&line_words, line);
	int i, ret;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < line_words.n; i++) {
		ret = filter_parse_word("clear", f, argv, &i);
		if (ret)
			return ret;
	}
	return 0;
}

/* A command line, what its parser returns and prints. */
struct line_case {
	const char *line;
	int ret;
	const char *err;
};

/* Runs @parse on each case's line; the harness's _metadata is passed on. */
static void run_cases(struct __test_metadata *_metadata,
		      const struct line_case *t, size_t n,
		      int (*parse)(const char *line))
{
	struct captured c;
	int ret;

	for (; n--; t++) {
		capture_start(&c);
		ret = parse(t->line);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->line);
		EXPECT_STREQ(t->err, c.text) TH_LOG("'%s'", t->line);
	}
}

static const struct line_case filter_cases[] = {
	{ "", 0, "" },
	{ "local 10.0.0.1", 0, "" },
	{ "local 10.0.0.1 port 4500 remote 2001:db8::2 port 500 fvrf blue ivrf red",
	  0, "" },
	{ "remote 10.0.0.2 local 10.0.0.1", 0, "" },
	{ "local 10.0.0.256", EXIT_USAGE,
	  "cryptoctl: local: '10.0.0.256' is not an IPv4 or IPv6 address\n" },
	{ "remote host.example", EXIT_USAGE,
	  "cryptoctl: remote: 'host.example' is not an IPv4 or IPv6 address\n" },
	{ "remote", EXIT_USAGE, "cryptoctl: remote needs an address\n" },
	{ "local 10.0.0.1 port 0", EXIT_USAGE,
	  "cryptoctl: local port: '0' is out of range (1..65535)\n" },
	{ "remote 10.0.0.1 port", EXIT_USAGE,
	  "cryptoctl: remote port needs a value (1..65535)\n" },
	{ "port 500", EXIT_USAGE,
	  "cryptoctl: clear: port goes after local ADDR or remote ADDR; see 'cryptoctl help clear'\n" },
	{ "local 10.0.0.1 local 10.0.0.2", EXIT_USAGE,
	  "cryptoctl: clear: local given twice; see 'cryptoctl help clear'\n" },
	{ "fvrf a fvrf b", EXIT_USAGE,
	  "cryptoctl: clear: fvrf given twice; see 'cryptoctl help clear'\n" },
	{ "ivrf", EXIT_USAGE,
	  "cryptoctl: clear: ivrf needs a VRF name; see 'cryptoctl help clear'\n" },
	{ "detail", 1, "" },
};

static int filter_only(const char *line)
{
	struct session_filter f;

	return filter_line(line, &f);
}

TEST(filter_words)
{
	run_cases(_metadata, filter_cases, ARRAY_SIZE(filter_cases), filter_only);
	EXPECT_NO_LEAKS();
}

static struct link test_links[] = {
	{ .ifindex = 1, .name = "lo" },
	{ .ifindex = 4, .vrf = true, .name = "blue" },
	{ .ifindex = 5, .vrf = true, .name = "red" },
	{ .ifindex = 7, .espgw = true, .master = 5, .name = "Tunnel0" },
};
static const struct links links = { test_links, ARRAY_SIZE(test_links) };

TEST(filter_vrfs)
{
	struct session_filter f;
	struct captured c;

	ASSERT_EQ(0, filter_line("fvrf blue ivrf red", &f));
	EXPECT_TRUE(filter_has_vrf(&f));
	EXPECT_EQ(0, filter_resolve(&f, &links));
	EXPECT_EQ(4, f.fvrf);
	EXPECT_EQ(5, f.ivrf);

	ASSERT_EQ(0, filter_line("ivrf green", &f));
	capture_start(&c);
	EXPECT_EQ(-1, filter_resolve(&f, &links));
	EXPECT_STREQ("cryptoctl: no VRF named 'green'\n", capture_end(&c));

	ASSERT_EQ(0, filter_line("fvrf Tunnel0", &f));
	capture_start(&c);
	EXPECT_EQ(-1, filter_resolve(&f, &links));
	EXPECT_STREQ("cryptoctl: no VRF named 'Tunnel0' (that interface is not a VRF device)\n",
		     capture_end(&c));
	ASSERT_EQ(0, filter_line("local 10.0.0.1", &f));
	EXPECT_FALSE(filter_has_vrf(&f));
}

/* A session to match, as the model has it. */
static struct session session_at(const char *local, uint16_t lport,
				 const char *remote, uint16_t rport,
				 uint32_t fvrf, uint32_t ivrf)
{
	struct session s = { .local_port = lport, .remote_port = rport,
			     .fvrf = fvrf, .ivrf = ivrf };

	parse_addr("local", local, &s.local);
	parse_addr("remote", remote, &s.remote);
	return s;
}

static const struct match_case {
	const char *line;
	bool match;
} match_cases[] = {
	{ "", true },
	{ "local 10.0.0.1", true },
	{ "local 10.0.0.1 port 500", true },
	{ "local 10.0.0.1 port 4500", false },
	{ "local 10.0.0.9", false },
	{ "remote 10.0.0.2 port 4500", true },
	{ "remote 10.0.0.2 port 500", false },
	{ "remote ::ffff:10.0.0.2", false },
	{ "fvrf blue", true },
	{ "fvrf red", false },
	{ "ivrf red remote 10.0.0.2 local 10.0.0.1 port 500 fvrf blue", true },
	{ "ivrf blue", false },
};

TEST(filter_matching)
{
	struct session s = session_at("10.0.0.1", 500, "10.0.0.2", 4500, 4, 5);
	const struct match_case *t;
	struct session_filter f;

	for (t = match_cases; t < match_cases + ARRAY_SIZE(match_cases); t++) {
		ASSERT_EQ(0, filter_line(t->line, &f)) TH_LOG("'%s'", t->line);
		ASSERT_EQ(0, filter_resolve(&f, &links));
		EXPECT_EQ(t->match, filter_match(&f, &s)) TH_LOG("'%s'", t->line);
	}
}

static struct nla_policy filter_policy[ESPGW_FILTER_A_MAX + 1] = {
	[ESPGW_FILTER_A_LOCAL_PORT] = { .type = NLA_U16 },
	[ESPGW_FILTER_A_REMOTE_PORT] = { .type = NLA_U16 },
	[ESPGW_FILTER_A_FVRF] = { .type = NLA_U32 },
	[ESPGW_FILTER_A_IVRF] = { .type = NLA_U32 },
};

/* The attributes of ESPGW_A_FILTER in @msg. */
static int filter_tb(struct nl_msg *msg, struct nlattr **tb)
{
	struct nlattr *nest = nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_FILTER);

	return nest ? nla_parse_nested(tb, ESPGW_FILTER_A_MAX, nest,
				       filter_policy) : -1;
}

TEST(clear_request)
{
	struct nlattr *tb[ESPGW_FILTER_A_MAX + 1];
	struct session_filter f;
	struct nl_msg *msg;
	struct ip_addr a;

	ASSERT_EQ(0, filter_line("remote 2001:db8::2 port 4500 ivrf red", &f));
	ASSERT_EQ(0, filter_resolve(&f, &links));
	msg = nlmsg_alloc();
	ASSERT_EQ(0, filter_put(msg, &f));
	ASSERT_EQ(0, filter_tb(msg, tb));
	EXPECT_EQ(NULL, tb[ESPGW_FILTER_A_LOCAL_ADDR]);
	EXPECT_EQ(NULL, tb[ESPGW_FILTER_A_LOCAL_PORT]);
	EXPECT_EQ(NULL, tb[ESPGW_FILTER_A_FVRF]);
	ASSERT_NE(NULL, tb[ESPGW_FILTER_A_REMOTE_ADDR]);
	EXPECT_EQ(0, get_addr(tb[ESPGW_FILTER_A_REMOTE_ADDR], &a));
	EXPECT_TRUE(addr_equal(&a, &f.remote_addr));
	EXPECT_EQ(4500, nla_get_u16(tb[ESPGW_FILTER_A_REMOTE_PORT]));
	EXPECT_EQ(5, nla_get_u32(tb[ESPGW_FILTER_A_IVRF]));
	nlmsg_free(msg);

	/* no criteria: an empty nest, every session */
	ASSERT_EQ(0, filter_line("", &f));
	msg = nlmsg_alloc();
	ASSERT_EQ(0, filter_put(msg, &f));
	ASSERT_EQ(0, filter_tb(msg, tb));
	EXPECT_EQ(0, nla_len(nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_FILTER)));
	nlmsg_free(msg);
	EXPECT_NO_LEAKS();
}

static int peer_line(const char *line, struct peer_args *a)
{
	char **argv = split(&line_words, line);

	return peer_args_parse(line_words.n, argv, a);
}

static const struct line_case peer_cases[] = {
	{ "add 10.2.2.9", 0, "" },
	{ "add 10.2.2.9 fvrf blue port 4500 dev lo local 10.2.2.1 id ezvpn description connection from site A",
	  0, "" },
	{ "change 10.2.2.9 dev none no id", 0, "" },
	{ "change 10.2.2.9 no description", 0, "" },
	{ "10.2.2.9 description connection from site A", 0, "" },
	{ "10.2.2.9 fvrf blue no description", 0, "" },
	{ "del 2001:db8::9 fvrf blue", 0, "" },
	{ "", EXIT_USAGE,
	  "cryptoctl: peer: needs a subcommand or an address; see 'cryptoctl help peer'\n" },
	{ "add", EXIT_USAGE, "cryptoctl: peer needs an address\n" },
	{ "site-a description x", EXIT_USAGE,
	  "cryptoctl: peer: 'site-a' is not an IPv4 or IPv6 address\n" },
	{ "10.2.2.9", EXIT_USAGE,
	  "cryptoctl: peer: needs description TEXT or no description; see 'cryptoctl help peer'\n" },
	{ "10.2.2.9 fvrf blue", EXIT_USAGE,
	  "cryptoctl: peer: needs description TEXT or no description; see 'cryptoctl help peer'\n" },
	{ "10.2.2.9 description", EXIT_USAGE,
	  "cryptoctl: peer: description needs a text (or 'no description' to remove it); see 'cryptoctl help peer'\n" },
	{ "10.2.2.9 port 500 description x", EXIT_USAGE,
	  "cryptoctl: peer: unknown word 'port'; see 'cryptoctl help peer'\n" },
	{ "change 10.2.2.9", EXIT_USAGE,
	  "cryptoctl: peer: change needs something to change; see 'cryptoctl help peer'\n" },
	{ "change 10.2.2.9 fvrf blue", EXIT_USAGE,
	  "cryptoctl: peer: change needs something to change; see 'cryptoctl help peer'\n" },
	{ "change 10.2.2.9 id x no id", EXIT_USAGE,
	  "cryptoctl: peer: id given twice; see 'cryptoctl help peer'\n" },
	{ "change 10.2.2.9 no port", EXIT_USAGE,
	  "cryptoctl: peer: 'no' goes before description or id; see 'cryptoctl help peer'\n" },
	{ "add 10.2.2.9 no description", EXIT_USAGE,
	  "cryptoctl: peer: unknown word 'no'; see 'cryptoctl help peer'\n" },
	{ "add 10.2.2.9 port 70000", EXIT_USAGE,
	  "cryptoctl: port: '70000' is out of range (1..65535)\n" },
	{ "add 10.2.2.9 dev no-such-dev0", EXIT_USAGE,
	  "cryptoctl: dev: no interface named 'no-such-dev0'\n" },
	{ "add 10.2.2.9 local 2001:db8::1", EXIT_USAGE,
	  "cryptoctl: peer: local and the peer's address are not of one family; see 'cryptoctl help peer'\n" },
	{ "del 10.2.2.9 id x", EXIT_USAGE,
	  "cryptoctl: peer: unknown word 'id'; see 'cryptoctl help peer'\n" },
	{ "del 10.2.2.9 description x", EXIT_USAGE,
	  "cryptoctl: peer: unknown word 'description'; see 'cryptoctl help peer'\n" },
};

static int peer_only(const char *line)
{
	struct peer_args a;

	return peer_line(line, &a);
}

TEST(peer_words)
{
	run_cases(_metadata, peer_cases, ARRAY_SIZE(peer_cases), peer_only);
	EXPECT_NO_LEAKS();
}

/* The description is the rest of the line, checked as the kernel would. */
TEST(description)
{
	char eighty[81], buf[DESCRIPTION_SIZE], long_desc[4 * 81 + 1] = "";
	char *argv[4];
	struct captured c;
	int i;

	memset(eighty, 'x', 80);
	eighty[80] = '\0';
	argv[0] = eighty;
	EXPECT_EQ(0, description_join(1, argv, buf));
	EXPECT_STREQ(eighty, buf);

	/* 80 characters of 4 bytes each fit, 81 do not */
	for (i = 0; i < 80; i++)
		strcat(long_desc, "\xf0\x9f\x94\x92");
	argv[0] = long_desc;
	EXPECT_EQ(0, description_join(1, argv, buf));
	EXPECT_EQ(320, strlen(buf));
	strcat(long_desc, "\xc3\xa9");
	capture_start(&c);
	EXPECT_EQ(EXIT_USAGE, description_join(1, argv, buf));
	EXPECT_STREQ("cryptoctl: description is 81 characters, at most 80\n",
		     capture_end(&c));

	/* words joined by single spaces count their spaces */
	argv[0] = eighty + 40;
	argv[1] = eighty + 41;
	argv[2] = (char *)"y";
	capture_start(&c);
	EXPECT_EQ(EXIT_USAGE, description_join(3, argv, buf));
	EXPECT_STREQ("cryptoctl: description is 82 characters, at most 80\n",
		     capture_end(&c));
	argv[1] = eighty + 43;
	EXPECT_EQ(0, description_join(3, argv, buf));
	EXPECT_EQ(80, strlen(buf));

	argv[0] = (char *)"caf\xe9";	/* Latin-1, not UTF-8 */
	capture_start(&c);
	EXPECT_EQ(EXIT_USAGE, description_join(1, argv, buf));
	EXPECT_STREQ("cryptoctl: description is not valid UTF-8\n", capture_end(&c));
	argv[0] = (char *)"two\nlines";
	capture_start(&c);
	EXPECT_EQ(EXIT_USAGE, description_join(1, argv, buf));
	EXPECT_STREQ("cryptoctl: description has a control character\n",
		     capture_end(&c));
	EXPECT_NO_LEAKS();
}

/* The request read back as a peer, and whether it replaces. */
static struct nl_msg *peer_request(const char *line, struct peer *p)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct peer_args a;

	if (peer_line(line, &a) || put_peer(msg, &a) < 0 ||
	    peer_parse(nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_PEER), p) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static bool replaces(struct nl_msg *msg)
{
	return nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_REPLACE);
}

static struct nlattr *peer_attr(struct nl_msg *msg, int type)
{
	return nla_find(nla_data(nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_PEER)),
			nla_len(nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_PEER)),
			type);
}

TEST(peer_requests)
{
	struct nl_msg *msg;
	struct peer p;
	char addr[ADDR_STRLEN];

	msg = peer_request("add 10.2.2.9 port 4500 dev lo local 10.2.2.1 id ezvpn"
			   " description connection  from site A", &p);
	ASSERT_NE(NULL, msg);
	EXPECT_FALSE(replaces(msg));
	EXPECT_STREQ("10.2.2.9", addr_str(&p.addr, addr, sizeof(addr)));
	EXPECT_STREQ("10.2.2.1", addr_str(&p.local, addr, sizeof(addr)));
	EXPECT_EQ(4500, p.port);
	EXPECT_EQ(1, p.ifindex);
	EXPECT_STREQ("ezvpn", p.id);
	EXPECT_STREQ("connection from site A", p.description);
	EXPECT_EQ(NULL, peer_attr(msg, ESPGW_PEER_A_FVRF));
	nlmsg_free(msg);

	/* only what is given: the kernel keeps the rest */
	msg = peer_request("10.2.2.9 description new text", &p);
	ASSERT_NE(NULL, msg);
	EXPECT_TRUE(replaces(msg));
	EXPECT_STREQ("new text", p.description);
	EXPECT_EQ(NULL, peer_attr(msg, ESPGW_PEER_A_PORT));
	EXPECT_EQ(NULL, peer_attr(msg, ESPGW_PEER_A_ID));
	EXPECT_EQ(NULL, peer_attr(msg, ESPGW_PEER_A_IFINDEX));
	nlmsg_free(msg);

	/* removing: empty strings; dev none: 0 */
	msg = peer_request("change 10.2.2.9 no description dev none no id", &p);
	ASSERT_NE(NULL, msg);
	EXPECT_TRUE(replaces(msg));
	EXPECT_EQ(1, nla_len(peer_attr(msg, ESPGW_PEER_A_DESCRIPTION)));
	EXPECT_EQ(1, nla_len(peer_attr(msg, ESPGW_PEER_A_ID)));
	EXPECT_EQ(0, nla_get_u32(peer_attr(msg, ESPGW_PEER_A_IFINDEX)));
	nlmsg_free(msg);

	msg = peer_request("del 10.2.2.9", &p);
	ASSERT_NE(NULL, msg);
	EXPECT_FALSE(replaces(msg));
	EXPECT_EQ(NULL, peer_attr(msg, ESPGW_PEER_A_DESCRIPTION));
	nlmsg_free(msg);
	EXPECT_NO_LEAKS();
}

static int ike_line(const char *line, struct ike_args *a)
{
	char **argv = split(&line_words, line);

	return ike_args_parse(line_words.n, argv, a);
}

#define IKE_ADD "add connid 3 dev lo local 10.1.1.4 remote 10.1.1.3 state established"

static const struct line_case ike_cases[] = {
	{ IKE_ADD, 0, "" },
	{ IKE_ADD " local-port 4500 remote-port 4501 version 1 capabilities D,n,M"
	  " id 10.1.1.3 lifetime 79404 spi-i 0123456789abcdef spi-r 0xFEDC replace",
	  0, "" },
	{ "add connid 3 state deleting replace", 0, "" },
	{ "add connid 3 capabilities none replace", 0, "" },
	{ "del connid 3", 0, "" },
	{ "del connid 3 reason peer-delete", 0, "" },
	{ "add connid 3 dev lo local 10.1.1.4 remote 10.1.1.3", EXIT_USAGE,
	  "cryptoctl: ike-sa: add needs state; see 'cryptoctl help ike-sa'\n" },
	{ "add dev lo", EXIT_USAGE,
	  "cryptoctl: ike-sa: add needs connid; see 'cryptoctl help ike-sa'\n" },
	{ "add connid 3 replace", EXIT_USAGE,
	  "cryptoctl: ike-sa: replace needs something to change (state, version, capabilities, id, lifetime, spi-i, spi-r); see 'cryptoctl help ike-sa'\n" },
	{ "add connid 0", EXIT_USAGE,
	  "cryptoctl: connid: '0' is out of range (1..4294967295)\n" },
	{ IKE_ADD " state established", EXIT_USAGE,
	  "cryptoctl: ike-sa: state given twice; see 'cryptoctl help ike-sa'\n" },
	{ "add connid 3 state up", EXIT_USAGE,
	  "cryptoctl: state: 'up' is not negotiating, established or deleting\n" },
	{ "add connid 3 version 3", EXIT_USAGE,
	  "cryptoctl: version: '3' is out of range (1..2)\n" },
	{ "add connid 3 capabilities D,D", EXIT_USAGE,
	  "cryptoctl: capabilities: 'D,D' is not a list of D, N, F and M (each once, comma-separated) or none\n" },
	{ "add connid 3 capabilities DN", EXIT_USAGE,
	  "cryptoctl: capabilities: 'DN' is not a list of D, N, F and M (each once, comma-separated) or none\n" },
	{ "add connid 3 capabilities D,", EXIT_USAGE,
	  "cryptoctl: capabilities: 'D,' is not a list of D, N, F and M (each once, comma-separated) or none\n" },
	{ "add connid 3 spi-i 0x12345678901234567", EXIT_USAGE,
	  "cryptoctl: spi-i: '0x12345678901234567' is not 1 to 16 hexadecimal digits\n" },
	{ IKE_ADD " remote 2001:db8::1", EXIT_USAGE,
	  "cryptoctl: ike-sa: remote given twice; see 'cryptoctl help ike-sa'\n" },
	{ "add connid 3 dev lo local 10.1.1.4 remote 2001:db8::1 state established",
	  EXIT_USAGE,
	  "cryptoctl: ike-sa: local and remote are not of one family; see 'cryptoctl help ike-sa'\n" },
	{ "del connid 3 reason interface-gone", EXIT_USAGE,
	  "cryptoctl: reason: 'interface-gone' is not one of deleted, cleared, expired, peer-delete, dead-peer, agent-gone\n" },
	{ "del connid 3 state established", EXIT_USAGE,
	  "cryptoctl: ike-sa: unknown word 'state'; see 'cryptoctl help ike-sa'\n" },
	{ "del reason cleared", EXIT_USAGE,
	  "cryptoctl: ike-sa: del needs connid; see 'cryptoctl help ike-sa'\n" },
};

static int ike_only(const char *line)
{
	struct ike_args a;

	return ike_line(line, &a);
}

TEST(ike_sa_words)
{
	run_cases(_metadata, ike_cases, ARRAY_SIZE(ike_cases), ike_only);
	EXPECT_NO_LEAKS();
}

TEST(ike_sa_requests)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *reason;
	struct ike_args a;
	struct ike_sa ike;
	char buf[ENDPOINT_STRLEN];

	ASSERT_EQ(0, ike_line(IKE_ADD " remote-port 4500 capabilities N,F id peer"
			      " lifetime 3600 spi-i 1 spi-r 0xffffffffffffffff", &a));
	ASSERT_EQ(0, put_ike_sa(msg, &a));
	ASSERT_EQ(0, ike_sa_parse(nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_IKE_SA),
				  &ike));
	EXPECT_EQ(3, ike.connid);
	EXPECT_EQ(1, ike.ifindex);
	EXPECT_STREQ("10.1.1.4/500", endpoint_str(&ike.local, ike.local_port, buf,
						   sizeof(buf)));
	EXPECT_STREQ("10.1.1.3/4500", endpoint_str(&ike.remote, ike.remote_port, buf,
						    sizeof(buf)));
	EXPECT_EQ(ESPGW_IKE_STATE_ESTABLISHED, ike.state);
	EXPECT_EQ(ESPGW_IKE_CAP_NAT_T | ESPGW_IKE_CAP_FRAG, ike.capabilities);
	EXPECT_STREQ("peer", ike.id);
	EXPECT_EQ(3600, ike.lifetime);
	EXPECT_EQ(1, ike.spi_i);
	EXPECT_EQ(UINT64_MAX, ike.spi_r);
	EXPECT_EQ(NULL, nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_REPLACE));
	nlmsg_free(msg);

	msg = nlmsg_alloc();
	ASSERT_EQ(0, ike_line("del connid 9 reason dead-peer", &a));
	ASSERT_EQ(0, put_ike_sa(msg, &a));
	reason = nlmsg_find_attr(nlmsg_hdr(msg), 0, ESPGW_A_REASON);
	ASSERT_NE(NULL, reason);
	EXPECT_EQ(ESPGW_REASON_DEAD_PEER, nla_get_u8(reason));
	nlmsg_free(msg);
	EXPECT_NO_LEAKS();
}

/* 'show crypto ipsec sa' */
FIXTURE(ipsec)
{
	struct nl_msg *flow_msgs[4], *sa_msgs[8];
	struct nl_dump flow_dump, sa_dump;
	struct collect flows, sas;
	struct memout out;
	FILE *f;
};

FIXTURE_SETUP(ipsec)
{
	struct collect flows = COLLECT(ESPGW_A_FLOW, flow_parse_item, struct flow);
	struct collect sas = COLLECT(ESPGW_A_SA, sa_parse_item, struct sa);

	self->flow_dump = (struct nl_dump){ .msgs = self->flow_msgs };
	self->sa_dump = (struct nl_dump){ .msgs = self->sa_msgs };
	self->flows = flows;
	self->sas = sas;
	self->f = memout_open(&self->out);
	ASSERT_NE(NULL, self->f);
}

static void free_dump(struct nl_dump *d)
{
	while (d->n)
		nlmsg_free(d->msgs[--d->n]);
}

FIXTURE_TEARDOWN(ipsec)
{
	free_dump(&self->flow_dump);
	free_dump(&self->sa_dump);
	collect_free(&self->flows);
	collect_free(&self->sas);
	memout_free(&self->out);
	EXPECT_NO_LEAKS();
}

static const struct t_flow ipsec_flows[] = {
	/* no SA yet; its peer named */
	{ .id = 1, .proto = 47, .local = "10.1.1.4", .lplen = 32,
	  .remote = "10.1.1.3", .rplen = 32, .peer = "10.9.9.9" },
	{ .id = 2, .local = "10.10.10.0", .lplen = 24, .remote = "10.30.30.0",
	  .rplen = 24, .sas = 3, .in_pkts = 4, .out_pkts = 5, .in_drops = 2,
	  .out_drops = 1 },
};

static const struct t_sa ipsec_sas[] = {
	/* out of order: printing sorts them */
	{ 0x1002, ESPGW_DIR_OUT, "10.1.1.4", "10.1.1.3", 2, false, false, 5, 1,
	  0, 3600, 0, 5, 0 },
	{ 0x2002, ESPGW_DIR_IN, "10.1.1.4", "10.1.1.3", 2, true, true, 4, 2,
	  4715 * 1024 * 1024ULL, 3600, 64, 4, 4500 },
	{ 0x0fff, ESPGW_DIR_OUT, "10.1.1.4", "10.1.1.3", 2, false, false, 0, 0,
	  0, 0, 0, 0, 0 },
	{ 0x3000, ESPGW_DIR_IN, "10.1.1.4", "10.2.2.2", 0, false, false, 0, 0,
	  0, 0, 0, 0, 0 },
};

/* The flow and SA dumps, parsed as the command parses them. */
static int add_table(struct _test_data_ipsec *self)
{
	struct nl_dump *fd = &self->flow_dump, *sd = &self->sa_dump;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ipsec_flows); i++)
		put_flow(fd->msgs[fd->n++] = genl_new(ESPGW_CMD_GET_FLOW),
			 &ipsec_flows[i]);
	for (i = 0; i < ARRAY_SIZE(ipsec_sas); i++)
		put_sa(sd->msgs[sd->n++] = genl_new(ESPGW_CMD_GET_SA), &ipsec_sas[i]);
	return parse_replies(fd, ESPGW_CMD_GET_FLOW, collect_msg, &self->flows) ?:
	       parse_replies(sd, ESPGW_CMD_GET_SA, collect_msg, &self->sas);
}

static const char *print_table(struct _test_data_ipsec *self, const char *peer,
			       bool json)
{
	struct ipsec_table t = { self->flows.v, self->flows.n, self->sas.v,
				 self->sas.n };
	struct ip_addr a = { 0 };

	if (peer)
		parse_addr("peer", peer, &a);
	print_init(self->f, json, false);
	ipsec_print(&t, &a, NOW);
	print_flush();
	return memout_text(&self->out);
}

/* Flow 1 has no SA, flow 2 three, and one SA has no flow. */
#define FLOW1_BLOCK \
	"interface: if99999\n" \
	"    flow: 1\n" \
	"\n" \
	"   local  ident (addr/mask/prot/port): (10.1.1.4/255.255.255.255/47/0)\n" \
	"   remote ident (addr/mask/prot/port): (10.1.1.3/255.255.255.255/47/0)\n" \
	"   current_peer 10.9.9.9 port 500\n" \
	"     PERMIT, flags={origin_is_acl,}\n" \
	"    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n" \
	"    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n" \
	"    #bytes encaps: 0, #bytes decaps: 0\n" \
	"    #send errors 0, #recv errors 0\n" \
	"    #send drops: no-flow 0, no-out-sa 0, encap 0, crypto 0, mtu 0,\n" \
	"        seq-overflow 0, expired 0, no-route 0, no-memory 0\n" \
	"    #recv drops: replay 0, integrity 0, no-sa 0, bad-length 0, bad-padding 0,\n" \
	"        bad-next-header 0, bad-inner 0, selector 0, no-flow 0, encap 0,\n" \
	"        crypto 0, expired 0, no-memory 0\n" \
	"\n" \
	"     local crypto endpt.: (none), remote crypto endpt.: (none)\n" \
	"     current outbound spi: 0x00000000(0)\n" \
	"\n" \
	"     inbound esp sas:\n" \
	"\n" \
	"     outbound esp sas:\n"
#define FLOW2_BLOCK \
	"interface: if99999\n" \
	"    flow: 2\n" \
	"\n" \
	"   local  ident (addr/mask/prot/port): (10.10.10.0/255.255.255.0/0/0)\n" \
	"   remote ident (addr/mask/prot/port): (10.30.30.0/255.255.255.0/0/0)\n" \
	"   current_peer 10.1.1.3 port 500\n" \
	"     PERMIT, flags={origin_is_acl,}\n" \
	"    #pkts encaps: 5, #pkts encrypt: 5, #pkts digest: 5\n" \
	"    #pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4\n" \
	"    #bytes encaps: 500, #bytes decaps: 400\n" \
	"    #send errors 1, #recv errors 2\n" \
	"    #send drops: no-flow 0, no-out-sa 1, encap 0, crypto 0, mtu 0,\n" \
	"        seq-overflow 0, expired 0, no-route 0, no-memory 0\n" \
	"    #recv drops: replay 2, integrity 0, no-sa 0, bad-length 0, bad-padding 0,\n" \
	"        bad-next-header 0, bad-inner 0, selector 0, no-flow 0, encap 0,\n" \
	"        crypto 0, expired 0, no-memory 0\n" \
	"\n" \
	"     local crypto endpt.: 10.1.1.4, remote crypto endpt.: 10.1.1.3\n" \
	"     current outbound spi: 0x00001002(4098)\n" \
	"\n" \
	"     inbound esp sas:\n" \
	"      spi: 0x00002002(8194)\n" \
	"        transform: esp-gcm 256 ,\n" \
	"        in use settings ={Tunnel, UDP-Encaps 4500:4500, ESN, }\n" \
	"        sa timing: remaining key lifetime (k/sec): (4828156/3200)\n" \
	"        replay detection support: Y, window 64\n" \
	"        sequence number: 4\n" \
	"        #pkts 4, #bytes 4000, #drops 2\n" \
	"        drops: replay 0, integrity 2, no-sa 0, bad-length 0, bad-padding 0,\n" \
	"          bad-next-header 0, bad-inner 0, selector 0, no-flow 0, encap 0,\n" \
	"          crypto 0, expired 0, no-memory 0\n" \
	"        Status: ACTIVE\n" \
	"\n" \
	"     outbound esp sas:\n" \
	"      spi: 0x00000FFF(4095)\n" \
	"        transform: esp-gcm 256 ,\n" \
	"        in use settings ={Tunnel, }\n" \
	"        sa timing: remaining key lifetime (k/sec): (none/none)\n" \
	"        sequence number: 0\n" \
	"        #pkts 0, #bytes 0, #drops 0\n" \
	"        drops: no-flow 0, no-out-sa 0, encap 0, crypto 0, mtu 0,\n" \
	"          seq-overflow 0, expired 0, no-route 0, no-memory 0\n" \
	"        Status: ACTIVE\n" \
	"      spi: 0x00001002(4098)\n" \
	"        transform: esp-gcm 256 ,\n" \
	"        in use settings ={Tunnel, }\n" \
	"        sa timing: remaining key lifetime (k/sec): (none/3200)\n" \
	"        sequence number: 5\n" \
	"        #pkts 5, #bytes 5000, #drops 1\n" \
	"        drops: no-flow 0, no-out-sa 0, encap 0, crypto 0, mtu 1,\n" \
	"          seq-overflow 0, expired 0, no-route 0, no-memory 0\n" \
	"        Status: ACTIVE\n"
#define NO_FLOW_BLOCK \
	"interface: (none)\n" \
	"    flow: (none)\n" \
	"\n" \
	"   current_peer 10.2.2.2 port 500\n" \
	"     PERMIT, flags={origin_is_acl,}\n" \
	"\n" \
	"     local crypto endpt.: 10.1.1.4, remote crypto endpt.: 10.2.2.2\n" \
	"     current outbound spi: 0x00000000(0)\n" \
	"\n" \
	"     inbound esp sas:\n" \
	"      spi: 0x00003000(12288)\n" \
	"        transform: esp-gcm 256 ,\n" \
	"        in use settings ={Tunnel, }\n" \
	"        sa timing: remaining key lifetime (k/sec): (none/none)\n" \
	"        replay detection support: N, window 0\n" \
	"        sequence number: 0\n" \
	"        #pkts 0, #bytes 0, #drops 0\n" \
	"        drops: replay 0, integrity 0, no-sa 0, bad-length 0, bad-padding 0,\n" \
	"          bad-next-header 0, bad-inner 0, selector 0, no-flow 0, encap 0,\n" \
	"          crypto 0, expired 0, no-memory 0\n" \
	"        Status: ACTIVE\n" \
	"\n" \
	"     outbound esp sas:\n"

TEST_F(ipsec, text)
{
	ASSERT_EQ(0, add_table(self));
	EXPECT_STREQ(FLOW1_BLOCK "\n" FLOW2_BLOCK "\n" NO_FLOW_BLOCK,
		     print_table(self, NULL, false));
}

/* peer ADDR: the flows with an SA to that peer, and nothing else. */
TEST_F(ipsec, peer)
{
	ASSERT_EQ(0, add_table(self));
	EXPECT_STREQ(FLOW2_BLOCK, print_table(self, "10.1.1.3", false));
	memout_free(&self->out);
	self->f = memout_open(&self->out);
	EXPECT_STREQ(NO_FLOW_BLOCK, print_table(self, "10.2.2.2", false));
	memout_free(&self->out);
	self->f = memout_open(&self->out);
	EXPECT_STREQ(FLOW1_BLOCK, print_table(self, "10.9.9.9", false));
	memout_free(&self->out);
	self->f = memout_open(&self->out);
	EXPECT_STREQ("", print_table(self, "10.8.8.8", false));
	memout_free(&self->out);
	self->f = memout_open(&self->out);
	EXPECT_STREQ("[]\n", print_table(self, "10.8.8.8", true));
}

TEST_F(ipsec, json)
{
	const char *text;

	ASSERT_EQ(0, add_table(self));
	text = print_table(self, NULL, true);
	EXPECT_EQ(0, json_check(text)) TH_LOG("%s", text);
	/* a flow, its counters, its SAs; the same members without a flow */
	EXPECT_NE(NULL, strstr(text, "{\"interface\":\"if99999\",\"ifindex\":99999,"
			       "\"id\":2,\"selector\":\"permit ip 10.10.10.0/255.255.255.0"
			       " 10.30.30.0/255.255.255.0\",\"protocol\":0,"));
	EXPECT_NE(NULL, strstr(text, "\"current_peer\":{\"address\":\"10.1.1.3\","
			       "\"port\":500},\"outbound\":{\"packets\":5,\"bytes\":500,"
			       "\"drops\":1,"));
	EXPECT_NE(NULL, strstr(text, "\"local_endpoint\":\"10.1.1.4\","
			       "\"remote_endpoint\":\"10.1.1.3\","
			       "\"current_outbound_spi\":4098,\"inbound_sas\":[{\"spi\":8194,"
			       "\"transform\":\"esp-gcm 256\",\"alg\":\"rfc4106(gcm(aes))\","
			       "\"key_bits\":256,\"encap\":\"udp\",\"sport\":4500,"
			       "\"dport\":4500,\"esn\":true,\"remaining\":{"
			       "\"kilobytes\":4828156,\"seconds\":3200},\"replay_window\":64,"
			       "\"seq\":4,\"packets\":4,\"bytes\":4000,\"drops\":2,"));
	EXPECT_NE(NULL, strstr(text, "{\"interface\":null,\"ifindex\":null,\"id\":null,"
			       "\"selector\":null,\"protocol\":null,\"local\":null,"
			       "\"remote\":null,\"current_peer\":{\"address\":\"10.2.2.2\","
			       "\"port\":500},\"outbound\":null,\"inbound\":null,"));
}

TEST_HARNESS_MAIN
