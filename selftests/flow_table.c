// SPDX-License-Identifier: GPL-2.0
/*
 * The flow table through generic netlink: add, get, delete and replace
 * flows of both address families on espgw tunnel interfaces, strict
 * validation with extack messages, the SAs a flow carries (SA_COUNT,
 * OUT_SPI, deleted with their flow or its tunnel), CAP_NET_ADMIN for
 * changes, 10,000 flows dumped consistently while the table changes under
 * the dump, and the namespace's counters (GET_STATS, CLEAR_COUNTERS).
 *
 * Every test runs in a network namespace of its own, with a tunnel
 * interface Tunnel0, so tests neither see nor leave anything behind.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "kselftest_harness.h"
#include "genl.h"

#define OMIT		(-1)	/* flow_spec: leave the attribute out */
#define REPLACE		1	/* flow_msg() flags: add ESPGW_A_REPLACE */
#define NO_NEST		2	/* ... send no ESPGW_A_FLOW at all */
#define EMPTY_NEST	4	/* ... send an empty ESPGW_A_FLOW */

/* What to send.  Numbers are OMIT to leave them out. */
struct flow_spec {
	long long id, ifindex;
	const char *local, *remote;	/* prefixes as text; NULL: leave out */
	int local_bytes, remote_bytes;	/* bytes to send; 0: the family's */
	int local_plen, remote_plen;
	int proto, local_port, remote_port;
	int returned_only;		/* a returned-only attribute to send along */
};

static struct flow_spec fspec(long long id, long long ifindex, const char *local,
			      const char *remote)
{
	struct flow_spec f = {
		.id = id, .ifindex = ifindex, .local = local, .remote = remote,
		.local_plen = OMIT, .remote_plen = OMIT,
		.proto = OMIT, .local_port = OMIT, .remote_port = OMIT,
	};

	return f;
}

static int parse_addr(const char *text, unsigned char *buf)
{
	memset(buf, 0, 20);
	if (inet_pton(AF_INET, text, buf) == 1)
		return 4;
	if (inet_pton(AF_INET6, text, buf) == 1)
		return 16;
	return 0;
}

static void put_prefix(struct nl_msg *msg, int type, const char *text, int bytes)
{
	unsigned char buf[20];
	int len;

	if (!text)
		return;
	len = parse_addr(text, buf);
	nla_put(msg, type, bytes ? bytes : len, buf);
}

static struct nl_msg *flow_msg(struct espgw_sock *s, int cmd, const struct flow_spec *f,
			       int flags)
{
	struct nl_msg *msg = espgw_msg(s, cmd);
	struct nlattr *nest;

	if (flags & REPLACE)
		nla_put_flag(msg, ESPGW_A_REPLACE);
	if (flags & NO_NEST)
		return msg;
	if (flags & EMPTY_NEST) {	/* libnl drops empty nests: by hand */
		nla_put(msg, ESPGW_A_FLOW | NLA_F_NESTED, 0, NULL);
		return msg;
	}
	nest = nla_nest_start(msg, ESPGW_A_FLOW);
	if (f->id != OMIT)
		nla_put_u32(msg, ESPGW_FLOW_A_ID, (uint32_t)f->id);
	if (f->ifindex != OMIT)
		nla_put_u32(msg, ESPGW_FLOW_A_IFINDEX, (uint32_t)f->ifindex);
	put_prefix(msg, ESPGW_FLOW_A_LOCAL_PREFIX, f->local, f->local_bytes);
	put_prefix(msg, ESPGW_FLOW_A_REMOTE_PREFIX, f->remote, f->remote_bytes);
	if (f->local_plen != OMIT)
		nla_put_u8(msg, ESPGW_FLOW_A_LOCAL_PLEN, (uint8_t)f->local_plen);
	if (f->remote_plen != OMIT)
		nla_put_u8(msg, ESPGW_FLOW_A_REMOTE_PLEN, (uint8_t)f->remote_plen);
	if (f->proto != OMIT)
		nla_put_u8(msg, ESPGW_FLOW_A_PROTO, (uint8_t)f->proto);
	if (f->local_port != OMIT)
		nla_put_u16(msg, ESPGW_FLOW_A_LOCAL_PORT, (uint16_t)f->local_port);
	if (f->remote_port != OMIT)
		nla_put_u16(msg, ESPGW_FLOW_A_REMOTE_PORT, (uint16_t)f->remote_port);
	if (f->returned_only)
		nla_put_u32(msg, f->returned_only, 1);
	nla_nest_end(msg, nest);
	return msg;
}

static struct flow_spec id_only(uint32_t id)
{
	return fspec(id, OMIT, NULL, NULL);
}

/*
 * A request that must succeed or fail with @want (and, when @extack is not
 * NULL, exactly that extack text; "" for "some text").  0 when it did.
 */
static int flow_expect(struct espgw_sock *s, int cmd, const struct flow_spec *f, int flags,
		       int want, const char *extack)
{
	struct espgw_reply r;
	int ret = espgw_request(s, flow_msg(s, cmd, f, flags), &r);

	if (ret != want || (extack && *extack && strcmp(extack, r.extack)) ||
	    (extack && !*extack && !r.extack[0])) {
		fprintf(stderr, "# flow %lld cmd %d: got %d '%s', want %d '%s'\n", f->id, cmd, ret,
			r.extack, want, extack ? extack : "(any)");
		ret = -1000;
	} else {
		ret = 0;
	}
	espgw_reply_free(&r);
	return ret;
}

#define add_flow(s, f)	flow_expect(s, ESPGW_CMD_NEW_FLOW, f, 0, 0, NULL)

static int del_flow(struct espgw_sock *s, uint32_t id, int want)
{
	struct flow_spec f = id_only(id);

	return flow_expect(s, ESPGW_CMD_DEL_FLOW, &f, 0, want,
			   want == -ENOENT ? "espgw: no flow with this ID" : NULL);
}

/* Counters as returned: every attribute must be there. */
struct stats {
	uint64_t in_packets, in_bytes, out_packets, out_bytes;
	uint64_t in_drops[ESPGW_DROP_MAX + 1], out_drops[ESPGW_DROP_MAX + 1];
};

/* Exactly one u64 per drop reason 1..ESPGW_DROP_MAX (type 0 is padding). */
static int parse_drops(struct nlattr *nest, uint64_t *drops)
{
	unsigned int seen = 0, all = ((1u << (ESPGW_DROP_MAX + 1)) - 1) & ~1u;
	struct nlattr *a;
	int rem, t;

	memset(drops, 0, sizeof(uint64_t) * (ESPGW_DROP_MAX + 1));
	if (!nest)
		return -EBADMSG;
	nla_for_each_nested(a, nest, rem) {
		t = nla_type(a);
		if (t == ESPGW_DROP_UNSPEC)
			continue;
		if (t > ESPGW_DROP_MAX || nla_len(a) != 8 || (seen & (1u << t)))
			return -EBADMSG;
		seen |= 1u << t;
		drops[t] = nla_get_u64(a);
	}
	return seen == all ? 0 : -EBADMSG;
}

static int parse_stats(struct nlattr *nest, struct stats *st)
{
	struct nlattr *tb[ESPGW_STATS_A_MAX + 1];
	static const int u64s[] = {
		ESPGW_STATS_A_IN_PACKETS, ESPGW_STATS_A_IN_BYTES,
		ESPGW_STATS_A_OUT_PACKETS, ESPGW_STATS_A_OUT_BYTES,
	};
	unsigned int i;

	memset(st, 0, sizeof(*st));
	if (!nest || nla_parse_nested(tb, ESPGW_STATS_A_MAX, nest, NULL))
		return -EBADMSG;
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++)
		if (!tb[u64s[i]] || nla_len(tb[u64s[i]]) != 8)
			return -EBADMSG;
	st->in_packets = nla_get_u64(tb[ESPGW_STATS_A_IN_PACKETS]);
	st->in_bytes = nla_get_u64(tb[ESPGW_STATS_A_IN_BYTES]);
	st->out_packets = nla_get_u64(tb[ESPGW_STATS_A_OUT_PACKETS]);
	st->out_bytes = nla_get_u64(tb[ESPGW_STATS_A_OUT_BYTES]);
	if (parse_drops(tb[ESPGW_STATS_A_IN_DROPS], st->in_drops) ||
	    parse_drops(tb[ESPGW_STATS_A_OUT_DROPS], st->out_drops))
		return -EBADMSG;
	return 0;
}

/* Is everything zero but the listed out drop? (reason 0: nothing may count) */
static int stats_only(const struct stats *st, int out_reason, uint64_t count)
{
	int i;

	if (st->in_packets || st->in_bytes || st->out_packets || st->out_bytes)
		return 0;
	for (i = 1; i <= ESPGW_DROP_MAX; i++) {
		if (st->in_drops[i])
			return 0;
		if (st->out_drops[i] != (i == out_reason ? count : 0))
			return 0;
	}
	return 1;
}

/* A flow as returned.  Absent optional numbers are OMIT. */
struct flow_info {
	uint32_t id, ifindex;
	int bytes;			/* prefix length in bytes, 4 or 16 */
	unsigned char local[16], remote[16];
	int local_plen, remote_plen, proto, local_port, remote_port;
	uint32_t sa_count;
	long long out_spi;
	int stats_ok;			/* a complete ESPGW_FLOW_A_STATS */
	struct stats stats;
};

static int parse_flow(struct nlattr *nest, struct flow_info *fi)
{
	struct nlattr *tb[ESPGW_FLOW_A_MAX + 1];

	memset(fi, 0, sizeof(*fi));
	if (!nest || nla_parse_nested(tb, ESPGW_FLOW_A_MAX, nest, NULL) ||
	    !tb[ESPGW_FLOW_A_ID] || !tb[ESPGW_FLOW_A_IFINDEX] ||
	    !tb[ESPGW_FLOW_A_LOCAL_PREFIX] || !tb[ESPGW_FLOW_A_REMOTE_PREFIX] ||
	    !tb[ESPGW_FLOW_A_LOCAL_PLEN] || !tb[ESPGW_FLOW_A_REMOTE_PLEN] ||
	    !tb[ESPGW_FLOW_A_PROTO] || !tb[ESPGW_FLOW_A_SA_COUNT])
		return -EBADMSG;
	fi->id = nla_get_u32(tb[ESPGW_FLOW_A_ID]);
	fi->ifindex = nla_get_u32(tb[ESPGW_FLOW_A_IFINDEX]);
	fi->bytes = nla_len(tb[ESPGW_FLOW_A_LOCAL_PREFIX]);
	if ((fi->bytes != 4 && fi->bytes != 16) ||
	    nla_len(tb[ESPGW_FLOW_A_REMOTE_PREFIX]) != fi->bytes)
		return -EBADMSG;
	memcpy(fi->local, nla_data(tb[ESPGW_FLOW_A_LOCAL_PREFIX]), fi->bytes);
	memcpy(fi->remote, nla_data(tb[ESPGW_FLOW_A_REMOTE_PREFIX]), fi->bytes);
	fi->local_plen = nla_get_u8(tb[ESPGW_FLOW_A_LOCAL_PLEN]);
	fi->remote_plen = nla_get_u8(tb[ESPGW_FLOW_A_REMOTE_PLEN]);
	fi->proto = nla_get_u8(tb[ESPGW_FLOW_A_PROTO]);
	fi->local_port = tb[ESPGW_FLOW_A_LOCAL_PORT] ?
			 nla_get_u16(tb[ESPGW_FLOW_A_LOCAL_PORT]) : OMIT;
	fi->remote_port = tb[ESPGW_FLOW_A_REMOTE_PORT] ?
			  nla_get_u16(tb[ESPGW_FLOW_A_REMOTE_PORT]) : OMIT;
	fi->sa_count = nla_get_u32(tb[ESPGW_FLOW_A_SA_COUNT]);
	fi->out_spi = tb[ESPGW_FLOW_A_OUT_SPI] ?
		      (long long)nla_get_u32(tb[ESPGW_FLOW_A_OUT_SPI]) : OMIT;
	fi->stats_ok = tb[ESPGW_FLOW_A_STATS] && !parse_stats(tb[ESPGW_FLOW_A_STATS], &fi->stats);
	return 0;
}

/* GET_FLOW by ID: 0 and @fi filled in, or the error. */
static int get_flow(struct espgw_sock *s, uint32_t id, struct flow_info *fi)
{
	struct flow_spec f = id_only(id);
	struct espgw_reply r;
	int ret;

	ret = espgw_request(s, flow_msg(s, ESPGW_CMD_GET_FLOW, &f, 0), &r);
	if (!ret && (r.cmd != ESPGW_CMD_GET_FLOW || parse_flow(r.attrs[ESPGW_A_FLOW], fi)))
		ret = -EBADMSG;
	espgw_reply_free(&r);
	return ret;
}

/* What a returned flow must be; prefixes already masked. */
struct flow_want {
	uint32_t id, ifindex;
	const char *local;
	int local_plen;
	const char *remote;
	int remote_plen;
	int proto, local_port, remote_port;	/* ports: OMIT when absent */
};

/* 0 when @fi is @w, else a description of the first difference in @why. */
static int flow_differs(const struct flow_info *fi, const struct flow_want *w, char *why,
			size_t size)
{
	unsigned char local[20], remote[20];
	int bytes = parse_addr(w->local, local);

	parse_addr(w->remote, remote);
	if (fi->id != w->id)
		snprintf(why, size, "id %u, want %u", fi->id, w->id);
	else if (fi->ifindex != w->ifindex)
		snprintf(why, size, "ifindex %u, want %u", fi->ifindex, w->ifindex);
	else if (fi->bytes != bytes)
		snprintf(why, size, "%d-byte prefixes, want %d", fi->bytes, bytes);
	else if (memcmp(fi->local, local, bytes) || memcmp(fi->remote, remote, bytes))
		snprintf(why, size, "prefixes differ from %s and %s", w->local, w->remote);
	else if (fi->local_plen != w->local_plen || fi->remote_plen != w->remote_plen)
		snprintf(why, size, "prefix lengths %d/%d, want %d/%d", fi->local_plen,
			 fi->remote_plen, w->local_plen, w->remote_plen);
	else if (fi->proto != w->proto)
		snprintf(why, size, "protocol %d, want %d", fi->proto, w->proto);
	else if (fi->local_port != w->local_port || fi->remote_port != w->remote_port)
		snprintf(why, size, "ports %d/%d, want %d/%d", fi->local_port, fi->remote_port,
			 w->local_port, w->remote_port);
	else
		return 0;
	return 1;
}

static void expect_flow(struct __test_metadata *_metadata, const struct flow_info *fi,
			const struct flow_want *w)
{
	char why[160];

	EXPECT_EQ(0, flow_differs(fi, w, why, sizeof(why)))
		TH_LOG("flow %u: %s", w->id, why);
}

/* Lifetime limits of a new SA; 0: none. */
struct life {
	uint64_t soft_seconds, hard_seconds, hard_packets;
};

static void put_life(struct nl_msg *msg, int type, uint64_t seconds, uint64_t packets)
{
	struct nlattr *nest;

	if (!seconds && !packets)
		return;
	nest = nla_nest_start(msg, type);
	if (seconds)
		nla_put_u64(msg, ESPGW_LIFETIME_A_SECONDS, seconds);
	if (packets)
		nla_put_u64(msg, ESPGW_LIFETIME_A_PACKETS, packets);
	nla_nest_end(msg, nest);
}

/* SAs: outbound from 192.0.2.1 to 192.0.2.2, inbound the other way. */
static struct nl_msg *sa_msg_life(struct espgw_sock *s, int cmd, uint32_t spi, int dir,
				  uint32_t flow_id, const struct life *life)
{
	struct nl_msg *msg = espgw_msg(s, cmd);
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SA);
	unsigned char key[20], addr[20];
	int i;

	nla_put_u32(msg, ESPGW_SA_A_SPI, spi);
	nla_put_u8(msg, ESPGW_SA_A_DIRECTION, (uint8_t)dir);
	parse_addr("192.0.2.1", addr);
	nla_put(msg, ESPGW_SA_A_LOCAL_ADDR, 4, addr);
	parse_addr("192.0.2.2", addr);
	nla_put(msg, ESPGW_SA_A_REMOTE_ADDR, 4, addr);
	if (cmd == ESPGW_CMD_NEW_SA) {
		for (i = 0; i < (int)sizeof(key); i++)
			key[i] = (unsigned char)(spi + i);
		nla_put_string(msg, ESPGW_SA_A_ALGORITHM, "rfc4106(gcm(aes))");
		nla_put(msg, ESPGW_SA_A_KEY, sizeof(key), key);
		if (flow_id)
			nla_put_u32(msg, ESPGW_SA_A_FLOW_ID, flow_id);
		if (life) {
			put_life(msg, ESPGW_SA_A_LIFETIME_SOFT, life->soft_seconds, 0);
			put_life(msg, ESPGW_SA_A_LIFETIME_HARD, life->hard_seconds,
				 life->hard_packets);
		}
	}
	nla_nest_end(msg, nest);
	return msg;
}

static struct nl_msg *sa_msg(struct espgw_sock *s, int cmd, uint32_t spi, int dir,
			     uint32_t flow_id)
{
	return sa_msg_life(s, cmd, spi, dir, flow_id, NULL);
}

static int sa_expect(struct espgw_sock *s, int cmd, uint32_t spi, int dir, uint32_t flow_id,
		     int want, const char *extack)
{
	struct espgw_reply r;
	int ret = espgw_request(s, sa_msg(s, cmd, spi, dir, flow_id), &r);

	if (ret != want || (extack && strcmp(extack, r.extack))) {
		fprintf(stderr, "# SA %#x cmd %d: got %d '%s', want %d '%s'\n", spi, cmd, ret,
			r.extack, want, extack ? extack : "");
		ret = -1000;
	} else {
		ret = 0;
	}
	espgw_reply_free(&r);
	return ret;
}

#define add_sa(s, spi, dir, flow)	sa_expect(s, ESPGW_CMD_NEW_SA, spi, dir, flow, 0, NULL)
#define del_sa(s, spi, dir)		sa_expect(s, ESPGW_CMD_DEL_SA, spi, dir, 0, 0, NULL)
#define sa_gone(s, spi, dir)		sa_expect(s, ESPGW_CMD_GET_SA, spi, dir, 0, -ENOENT, NULL)

/* GET_SA: 0, the flow it names (0: none) and its counters, or the error. */
static int get_sa(struct espgw_sock *s, uint32_t spi, int dir, uint32_t *flow_id,
		  struct stats *st)
{
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	struct espgw_reply r;
	int ret;

	*flow_id = 0;
	ret = espgw_request(s, sa_msg(s, ESPGW_CMD_GET_SA, spi, dir, 0), &r);
	if (!ret && (!r.attrs[ESPGW_A_SA] ||
		     nla_parse_nested(tb, ESPGW_SA_A_MAX, r.attrs[ESPGW_A_SA], NULL) ||
		     parse_stats(tb[ESPGW_SA_A_STATS], st)))
		ret = -EBADMSG;
	if (!ret && tb[ESPGW_SA_A_FLOW_ID])
		*flow_id = nla_get_u32(tb[ESPGW_SA_A_FLOW_ID]);
	espgw_reply_free(&r);
	return ret;
}

static int get_sa_flow(struct espgw_sock *s, uint32_t spi, int dir, uint32_t *flow_id)
{
	struct stats st;

	return get_sa(s, spi, dir, flow_id, &st);
}

static int get_stats(struct espgw_sock *s, struct stats *st)
{
	struct espgw_reply r;
	int ret;

	ret = espgw_request(s, espgw_msg(s, ESPGW_CMD_GET_STATS), &r);
	if (!ret && (r.cmd != ESPGW_CMD_GET_STATS || parse_stats(r.attrs[ESPGW_A_STATS], st)))
		ret = -EBADMSG;
	espgw_reply_free(&r);
	return ret;
}

static int clear_counters(struct espgw_sock *s)
{
	struct espgw_reply r;
	int ret = espgw_request(s, espgw_msg(s, ESPGW_CMD_CLEAR_COUNTERS), &r);

	espgw_reply_free(&r);
	return ret;
}

static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * A new tunnel interface's ifindex, 0 when it could not be made: rtnetlink
 * as "ip link add NAME type espgw" does it (no exec, so it also works
 * where an exec would lose the capabilities of a user namespace).
 */
static uint32_t add_tunnel(const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_sock *sk = nl_socket_alloc();
	struct nlattr *info;
	struct nl_msg *msg;
	int ret = -1;

	if (sk && !nl_connect(sk, NETLINK_ROUTE)) {
		msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
		nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
		nla_put_string(msg, IFLA_IFNAME, name);
		info = nla_nest_start(msg, IFLA_LINKINFO);
		nla_put_string(msg, IFLA_INFO_KIND, ESPGW_LINK_KIND);
		nla_nest_end(msg, info);
		ret = nl_send_auto(sk, msg);
		nlmsg_free(msg);
		if (ret >= 0)
			ret = nl_wait_for_ack(sk);
		if (ret < 0)
			fprintf(stderr, "# adding tunnel %s: %s\n", name, nl_geterror(ret));
	}
	nl_socket_free(sk);
	return ret < 0 ? 0 : if_nametoindex(name);
}

/* The socket must take a batch's answers without dropping any. */
static void big_buffers(struct espgw_sock *s)
{
	int size = 8 << 20, fd = nl_socket_get_fd(s->sk);

	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));
}

/*
 * Batches: up to BATCH requests in one datagram (the kernel answers each),
 * so 10,000 changes cost a hundred system calls, not 20,000.
 */
#define BATCH 128

struct batch {
	struct espgw_sock *s;
	char buf[BATCH * 512];
	size_t len;
	int n;			/* requests waiting in buf */
	uint32_t seq0;		/* the first one's sequence number */
	int allow;		/* an errno that counts as success (0: none) */
	int sent, failed;
	char first_error[300];
};

static char rx_buf[1 << 16];

static void batch_init(struct batch *b, struct espgw_sock *s, int allow)
{
	memset(b, 0, sizeof(*b));
	b->s = s;
	b->seq0 = 0x40000000;
	b->allow = allow;
}

static void batch_fail(struct batch *b, const char *fmt, ...)
{
	va_list ap;

	b->failed++;
	if (b->first_error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(b->first_error, sizeof(b->first_error), fmt, ap);
	va_end(ap);
}

static void batch_flush(struct batch *b)
{
	int fd = nl_socket_get_fd(b->s->sk), answers = 0;
	struct nlmsghdr *nlh;
	ssize_t n;

	if (!b->n)
		return;
	n = send(fd, b->buf, b->len, 0);
	if (n != (ssize_t)b->len) {
		batch_fail(b, "send: %zd (%s)", n, strerror(errno));
		b->failed += b->n - 1;
		answers = b->n;
	}
	while (answers < b->n) {
		n = recv(fd, rx_buf, sizeof(rx_buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			batch_fail(b, "recv: %zd (%s)", n, strerror(errno));
			b->failed += b->n - answers - 1;
			break;
		}
		for (nlh = (struct nlmsghdr *)rx_buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			struct nlmsgerr *err = NLMSG_DATA(nlh);
			struct espgw_reply r;

			if (nlh->nlmsg_type != NLMSG_ERROR || nlh->nlmsg_seq < b->seq0 ||
			    nlh->nlmsg_seq >= b->seq0 + (uint32_t)b->n)
				continue;
			answers++;
			if (!err->error || err->error == -b->allow)
				continue;
			memset(&r, 0, sizeof(r));
			espgw_error_cb(NULL, err, &r);
			batch_fail(b, "request %u: %d (%s) '%s'",
				   b->sent + nlh->nlmsg_seq - b->seq0, err->error,
				   strerror(-err->error), r.extack);
		}
	}
	b->sent += b->n;
	b->seq0 += b->n;
	b->n = 0;
	b->len = 0;
}

static void batch_add(struct batch *b, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (b->len + NLMSG_ALIGN(nlh->nlmsg_len) > sizeof(b->buf))
		batch_flush(b);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = b->seq0 + b->n;
	nlh->nlmsg_pid = 0;
	memcpy(b->buf + b->len, nlh, nlh->nlmsg_len);
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
	b->n++;
	nlmsg_free(msg);
	if (b->n == BATCH)
		batch_flush(b);
}

/*
 * Dumps, read by hand so a test controls when the next part is asked for
 * (a netlink dump goes on only as its reader reads) and sees
 * NLM_F_DUMP_INTR on every message, NLMSG_DONE included.
 */
struct dump {
	void (*object)(struct nlattr **attrs, void *arg);
	void *arg;
	uint32_t seq;
	int intr, done, error, messages, datagrams;
};

static int dump_start(struct espgw_sock *s, int cmd, struct dump *d)
{
	static uint32_t seq = 0x60000000;
	struct nl_msg *msg = nlmsg_alloc();
	struct nlmsghdr *nlh;
	ssize_t n;

	d->intr = d->done = d->error = d->messages = d->datagrams = 0;
	d->seq = ++seq;
	genlmsg_put(msg, NL_AUTO_PORT, d->seq, s->family, 0, NLM_F_DUMP, cmd,
		    ESPGW_GENL_VERSION);
	nlh = nlmsg_hdr(msg);
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	n = send(nl_socket_get_fd(s->sk), nlh, nlh->nlmsg_len, 0);
	nlmsg_free(msg);
	return n < 0 ? -errno : 0;
}

/* Reads one datagram of the dump. */
static int dump_step(struct espgw_sock *s, struct dump *d)
{
	struct nlattr *attrs[ESPGW_A_MAX + 1];
	struct nlmsghdr *nlh;
	ssize_t n;

	do
		n = recv(nl_socket_get_fd(s->sk), rx_buf, sizeof(rx_buf), 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	d->datagrams++;
	for (nlh = (struct nlmsghdr *)rx_buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
		if (nlh->nlmsg_seq != d->seq)
			continue;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			d->intr = 1;
		if (nlh->nlmsg_type == NLMSG_DONE) {
			if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
				d->error = *(int *)NLMSG_DATA(nlh);
			d->done = 1;
		} else if (nlh->nlmsg_type == NLMSG_ERROR) {
			d->error = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
			d->done = 1;
		} else if (nlh->nlmsg_type == s->family) {
			d->messages++;
			if (genlmsg_parse(nlh, 0, attrs, ESPGW_A_MAX, NULL))
				d->error = -EBADMSG;
			else
				d->object(attrs, d->arg);
		}
	}
	return 0;
}

static int dump_all(struct espgw_sock *s, int cmd, struct dump *d)
{
	int ret = dump_start(s, cmd, d);

	while (!ret && !d->done)
		ret = dump_step(s, d);
	return ret ?: d->error;
}

/* Events on a listener socket (a second espgw_sock in the namespace). */
static int listen_events(struct espgw_sock *l)
{
	int ret = espgw_sock_open(l);

	return ret ?: nl_socket_add_membership(l->sk, l->events_group);
}

/*
 * Waits up to @ms for an event @cmd (others are skipped); 0 and a copy of
 * it in @buf, or -ETIMEDOUT.
 */
static int wait_event(struct espgw_sock *l, int cmd, int ms, char *buf, size_t size,
		      struct nlmsghdr **found)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(l->sk), .events = POLLIN };
	struct nlmsghdr *nlh;
	ssize_t n;

	while (poll(&pfd, 1, ms) == 1) {
		n = recv(pfd.fd, buf, size, MSG_DONTWAIT);
		if (n <= 0)
			continue;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			struct genlmsghdr *gh = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type == l->family && gh->cmd == cmd) {
				*found = nlh;
				return 0;
			}
		}
	}
	return -ETIMEDOUT;
}

/* Nothing is waiting on @l. */
static int no_event(struct espgw_sock *l)
{
	char buf[256];

	return recv(nl_socket_get_fd(l->sk), buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
	       errno == EAGAIN;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

FIXTURE(flow)
{
	struct espgw_sock s;
	uint32_t tun0;		/* ifindex of Tunnel0 */
};

FIXTURE_SETUP(flow)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, espgw_sock_open(&self->s)) TH_LOG("espgw family not found: module not loaded?");
	self->tun0 = add_tunnel("Tunnel0");
	ASSERT_NE(0, self->tun0) TH_LOG("ip link add Tunnel0 type espgw failed");
}

FIXTURE_TEARDOWN(flow)
{
	if (self->s.sk)
		espgw_sock_close(&self->s);
}

/* The flows of add_get_delete: what is sent and what must come back. */
static const struct {
	const char *local, *remote;
	int local_plen, remote_plen, proto, local_port, remote_port;	/* OMIT: not sent */
	struct flow_want want;		/* id and ifindex filled in by the test */
} basic[] = {
	/* Defaults: full-length prefixes, any protocol, no ports. */
	{ "192.0.2.1", "198.51.100.7", OMIT, OMIT, OMIT, OMIT, OMIT,
	  { 0, 0, "192.0.2.1", 32, "198.51.100.7", 32, 0, OMIT, OMIT } },
	/* Host bits are masked off; TCP with both ports. */
	{ "10.1.2.3", "172.16.99.200", 8, 20, IPPROTO_TCP, 1234, 443,
	  { 0, 0, "10.0.0.0", 8, "172.16.96.0", 20, IPPROTO_TCP, 1234, 443 } },
	/* UDP, the remote port only. */
	{ "192.0.2.0", "203.0.113.0", 24, 24, IPPROTO_UDP, OMIT, 53,
	  { 0, 0, "192.0.2.0", 24, "203.0.113.0", 24, IPPROTO_UDP, OMIT, 53 } },
	/* A protocol without ports; explicit zero ports are "any". */
	{ "192.0.2.9", "198.51.100.0", 31, 23, IPPROTO_ICMP, 0, 0,
	  { 0, 0, "192.0.2.8", 31, "198.51.100.0", 23, IPPROTO_ICMP, OMIT, OMIT } },
	/* Everything to everything, explicit protocol 0. */
	{ "192.0.2.77", "198.51.100.77", 0, 0, 0, OMIT, OMIT,
	  { 0, 0, "0.0.0.0", 0, "0.0.0.0", 0, 0, OMIT, OMIT } },
	/* IPv6, defaults. */
	{ "2001:db8::1", "2001:db8:ffff::2", OMIT, OMIT, OMIT, OMIT, OMIT,
	  { 0, 0, "2001:db8::1", 128, "2001:db8:ffff::2", 128, 0, OMIT, OMIT } },
	/* IPv6 masked in the middle of a nibble; UDP with both ports. */
	{ "2001:db8:abcd:1234::1", "2001:db8:1:2:3:4:5:6", 37, 64, IPPROTO_UDP, 500, 4500,
	  { 0, 0, "2001:db8:a800::", 37, "2001:db8:1:2::", 64, IPPROTO_UDP, 500, 4500 } },
	/* SCTP and UDP-Lite carry ports too. */
	{ "2001:db8::", "2001:db8:1::", 48, 48, IPPROTO_SCTP, 9, OMIT,
	  { 0, 0, "2001:db8::", 48, "2001:db8:1::", 48, IPPROTO_SCTP, 9, OMIT } },
	{ "2001:db8::5", "::", 127, 0, IPPROTO_UDPLITE, 65535, 1,
	  { 0, 0, "2001:db8::4", 127, "::", 0, IPPROTO_UDPLITE, 65535, 1 } },
	/* IPv6 with a protocol without ports (ICMPv6). */
	{ "fe80::1", "ff02::1", 10, 8, IPPROTO_ICMPV6, OMIT, OMIT,
	  { 0, 0, "fe80::", 10, "ff00::", 8, IPPROTO_ICMPV6, OMIT, OMIT } },
};

#define N_BASIC (int)(sizeof(basic) / sizeof(basic[0]))

static struct flow_spec basic_spec(int i, uint32_t id, uint32_t ifindex)
{
	struct flow_spec f = fspec(id, ifindex, basic[i].local, basic[i].remote);

	f.local_plen = basic[i].local_plen;
	f.remote_plen = basic[i].remote_plen;
	f.proto = basic[i].proto;
	f.local_port = basic[i].local_port;
	f.remote_port = basic[i].remote_port;
	return f;
}

struct id_list {
	uint32_t ids[64];
	int n, bad;
};

static void collect_id(struct nlattr **attrs, void *arg)
{
	struct id_list *l = arg;
	struct flow_info fi;

	if (parse_flow(attrs[ESPGW_A_FLOW], &fi) || !fi.stats_ok || l->n == 64)
		l->bad++;
	else
		l->ids[l->n++] = fi.id;
}

TEST_F(flow, add_get_delete_both_families)
{
	struct id_list list = { .n = 0 };
	struct dump d = { .object = collect_id, .arg = &list };
	struct flow_spec f;
	struct flow_info fi;
	struct flow_want w;
	int i;

	for (i = 0; i < N_BASIC; i++) {
		f = basic_spec(i, 100 + i, self->tun0);
		ASSERT_EQ(0, add_flow(&self->s, &f)) TH_LOG("flow %d", i);
		ASSERT_EQ(0, get_flow(&self->s, 100 + i, &fi));
		w = basic[i].want;
		w.id = 100 + i;
		w.ifindex = self->tun0;
		expect_flow(_metadata, &fi, &w);
		EXPECT_EQ(0, fi.sa_count);
		EXPECT_EQ(OMIT, fi.out_spi);	/* no outbound SA */
		EXPECT_TRUE(fi.stats_ok);
		EXPECT_TRUE(stats_only(&fi.stats, 0, 0));
	}
	/* The largest ID is an ID like any other. */
	f = basic_spec(0, 0xffffffffu, self->tun0);
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, get_flow(&self->s, 0xffffffffu, &fi));
	EXPECT_EQ(0xffffffffu, fi.id);

	/* A dump has each exactly once, in the order they were added. */
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	EXPECT_EQ(0, d.intr);
	EXPECT_EQ(0, list.bad);
	ASSERT_EQ(N_BASIC + 1, list.n);
	for (i = 0; i < N_BASIC; i++) {
		EXPECT_EQ(100 + i, list.ids[i]);
	}
	EXPECT_EQ(0xffffffffu, list.ids[N_BASIC]);

	for (i = 0; i < N_BASIC; i++) {
		EXPECT_EQ(0, del_flow(&self->s, 100 + i, 0));
		EXPECT_EQ(-ENOENT, get_flow(&self->s, 100 + i, &fi));
		EXPECT_EQ(0, del_flow(&self->s, 100 + i, -ENOENT));
	}
	EXPECT_EQ(0, del_flow(&self->s, 0xffffffffu, 0));
	list.n = 0;
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	EXPECT_EQ(0, list.n);

	/* An ID can be used again once its flow is gone. */
	f = basic_spec(1, 100, self->tun0);
	EXPECT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, get_flow(&self->s, 100, &fi));
	w = basic[1].want;
	w.id = 100;
	w.ifindex = self->tun0;
	expect_flow(_metadata, &fi, &w);
}

TEST_F(flow, bad_input_rejected_with_a_reason)
{
	const struct flow_spec good = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	struct flow_spec f;
	struct flow_info fi;
	struct flow_want w = { 1, self->tun0, "192.0.2.0", 32, "198.51.100.0", 32, 0, OMIT, OMIT };
	uint32_t lo = if_nametoindex("lo");
	struct espgw_reply r;
	struct nl_msg *msg;
	struct nlattr *nest;
	int cmd;

	/* No flow nest, an empty one, no ID: for every flow command. */
	for (cmd = ESPGW_CMD_NEW_FLOW; cmd <= ESPGW_CMD_GET_FLOW; cmd++) {
		f = good;
		EXPECT_EQ(0, flow_expect(&self->s, cmd, &f, NO_NEST, -EINVAL,
					 "espgw: flow attribute missing"));
		EXPECT_EQ(0, flow_expect(&self->s, cmd, &f, EMPTY_NEST, -EINVAL,
					 "espgw: flow ID missing"));
		f.id = OMIT;
		EXPECT_EQ(0, flow_expect(&self->s, cmd, &f, 0, -EINVAL, "espgw: flow ID missing"));
		f.id = 0;	/* IDs start at 1: the policy says so */
		EXPECT_EQ(0, flow_expect(&self->s, cmd, &f, 0, -ERANGE, ""));
	}

	f = good;
	f.ifindex = OMIT;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: tunnel interface missing"));
	f.ifindex = 0;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ERANGE, ""));
	ASSERT_NE(0, lo);
	f.ifindex = lo;		/* exists, not a tunnel */
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ENODEV,
				 "not an espgw tunnel interface"));
	f.ifindex = 0x7fffffff;	/* no such interface */
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ENODEV,
				 "not an espgw tunnel interface"));

	f = good;
	f.local = NULL;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: local and remote prefixes are required"));
	f = good;
	f.remote = NULL;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: local and remote prefixes are required"));

	/* Prefixes of neither family. */
	f = good;
	f.local_bytes = 5;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "a prefix is 4 (IPv4) or 16 (IPv6) bytes"));
	f = good;
	f.remote_bytes = 3;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "a prefix is 4 (IPv4) or 16 (IPv6) bytes"));
	f = good;
	f.local_bytes = 17;	/* longer than the policy allows */
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ERANGE, ""));

	/* Mixed families, both ways round. */
	f = good;
	f.remote = "2001:db8::1";
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: local and remote prefixes are not of one family"));
	f = good;
	f.local = "2001:db8::1";
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: local and remote prefixes are not of one family"));

	/* Prefix lengths beyond the family. */
	f = good;
	f.local_plen = 33;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "prefix length above 32 for IPv4"));
	f = good;
	f.remote_plen = 128;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "prefix length above 32 for IPv4"));
	f = fspec(1, self->tun0, "2001:db8::", "2001:db8:1::");
	f.remote_plen = 129;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ERANGE, ""));

	/* Ports without a protocol that has them. */
	f = good;
	f.local_port = 80;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: ports need protocol TCP, UDP, SCTP or UDP-Lite"));
	f.proto = 0;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: ports need protocol TCP, UDP, SCTP or UDP-Lite"));
	f = good;
	f.proto = IPPROTO_ICMP;
	f.remote_port = 7;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: ports need protocol TCP, UDP, SCTP or UDP-Lite"));
	f = fspec(1, self->tun0, "2001:db8::", "2001:db8:1::");
	f.proto = IPPROTO_GRE;
	f.local_port = 1;
	f.remote_port = 2;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL,
				 "espgw: ports need protocol TCP, UDP, SCTP or UDP-Lite"));

	/* What only the kernel reports cannot be set. */
	f = good;
	f.returned_only = ESPGW_FLOW_A_SA_COUNT;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL, ""));
	f.returned_only = ESPGW_FLOW_A_OUT_SPI;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL, ""));
	f.returned_only = ESPGW_FLOW_A_MAX + 1;	/* unknown */
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EINVAL, ""));

	/* None of it made a flow. */
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 1, &fi));

	/* IDs are unique; the existing flow stays as it was. */
	f = good;
	ASSERT_EQ(0, add_flow(&self->s, &f));
	f.remote = "203.0.113.0";
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -EEXIST,
				 "espgw: a flow with this ID exists"));
	/* A bad replacement leaves it alone too. */
	f.ifindex = lo;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, -ENODEV,
				 "not an espgw tunnel interface"));
	f = good;
	f.local_port = 1;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, -EINVAL,
				 "espgw: ports need protocol TCP, UDP, SCTP or UDP-Lite"));
	ASSERT_EQ(0, get_flow(&self->s, 1, &fi));
	expect_flow(_metadata, &fi, &w);

	/* Nothing to replace, delete or get. */
	f = good;
	f.id = 2;
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, -ENOENT,
				 "espgw: no flow with this ID to replace"));
	EXPECT_EQ(0, del_flow(&self->s, 2, -ENOENT));
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_GET_FLOW, &f, 0, -ENOENT,
				 "espgw: no flow with this ID"));
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 2, &fi));

	/* An SA cannot name a flow that does not exist, nor flow 0. */
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, 0x5001, ESPGW_DIR_OUT, 2, -ENOENT,
			       "no flow with this ID"));
	EXPECT_EQ(0, sa_gone(&self->s, 0x5001, ESPGW_DIR_OUT));
	ASSERT_EQ(0, get_flow(&self->s, 1, &fi));
	EXPECT_EQ(0, fi.sa_count);

	/* GET_STATS takes no counters. */
	msg = espgw_msg(&self->s, ESPGW_CMD_GET_STATS);
	nest = nla_nest_start(msg, ESPGW_A_STATS);
	nla_put_u64(msg, ESPGW_STATS_A_IN_PACKETS, 1);
	nla_nest_end(msg, nest);
	EXPECT_EQ(-EINVAL, espgw_request(&self->s, msg, &r));
	espgw_reply_free(&r);
}

/* The OUT_SPI and SA_COUNT of flow @id, or -1 on error. */
static int flow_sas(struct espgw_sock *s, uint32_t id, long long *out_spi)
{
	struct flow_info fi;

	if (get_flow(s, id, &fi))
		return -1;
	*out_spi = fi.out_spi;
	return (int)fi.sa_count;
}

TEST_F(flow, replace_keeps_sas_changes_selectors)
{
	struct flow_spec f = fspec(7, self->tun0, "192.0.2.0", "198.51.100.0");
	struct flow_want w;
	struct flow_info fi;
	uint32_t tun1, flow_id;
	long long spi;

	f.local_plen = f.remote_plen = 24;
	f.proto = IPPROTO_TCP;
	f.remote_port = 22;
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x7001, ESPGW_DIR_OUT, 7));
	ASSERT_EQ(0, add_sa(&self->s, 0x7002, ESPGW_DIR_OUT, 7));
	ASSERT_EQ(0, add_sa(&self->s, 0x7101, ESPGW_DIR_IN, 7));
	ASSERT_EQ(3, flow_sas(&self->s, 7, &spi));
	ASSERT_EQ(0x7002, spi);

	/* New selectors, same tunnel: UDP both ports. */
	f = fspec(7, self->tun0, "192.0.2.128", "203.0.113.5");
	f.local_plen = 25;
	f.remote_plen = 16;
	f.proto = IPPROTO_UDP;
	f.local_port = 500;
	f.remote_port = 4500;
	ASSERT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, 0, NULL));
	ASSERT_EQ(0, get_flow(&self->s, 7, &fi));
	w = (struct flow_want){ 7, self->tun0, "192.0.2.128", 25, "203.0.0.0", 16, IPPROTO_UDP,
				500, 4500 };
	expect_flow(_metadata, &fi, &w);
	EXPECT_EQ(3, fi.sa_count);
	EXPECT_EQ(0x7002, fi.out_spi);
	EXPECT_TRUE(fi.stats_ok);

	/* Replacing can drop the ports and protocol again. */
	f = fspec(7, self->tun0, "192.0.2.128", "203.0.113.5");
	ASSERT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, 0, NULL));
	ASSERT_EQ(0, get_flow(&self->s, 7, &fi));
	w = (struct flow_want){ 7, self->tun0, "192.0.2.128", 32, "203.0.113.5", 32, 0, OMIT,
				OMIT };
	expect_flow(_metadata, &fi, &w);
	EXPECT_EQ(3, fi.sa_count);

	/* ... and move the flow to another tunnel and family: still its SAs. */
	tun1 = add_tunnel("Tunnel1");
	ASSERT_NE(0, tun1);
	f = fspec(7, tun1, "10.1.2.3", "2001:db8::1");
	f.local_plen = 8;
	f.remote_plen = 0;
	/* Mixed families are no better in a replacement. */
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, -EINVAL,
				 "espgw: local and remote prefixes are not of one family"));
	f = fspec(7, tun1, "2001:db8:77::1", "2001:db8::1");
	f.local_plen = 48;
	f.remote_plen = 0;
	ASSERT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, 0, NULL));
	ASSERT_EQ(0, get_flow(&self->s, 7, &fi));
	w = (struct flow_want){ 7, tun1, "2001:db8:77::", 48, "::", 0, 0, OMIT, OMIT };
	expect_flow(_metadata, &fi, &w);
	EXPECT_EQ(3, fi.sa_count);
	EXPECT_EQ(0x7002, fi.out_spi);

	/* The SAs still name it, and still count for it. */
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x7001, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(7, flow_id);
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x7101, ESPGW_DIR_IN, &flow_id));
	EXPECT_EQ(7, flow_id);
	ASSERT_EQ(0, del_sa(&self->s, 0x7002, ESPGW_DIR_OUT));
	EXPECT_EQ(2, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x7001, spi);

	/* The old tunnel no longer owns it; the new one does. */
	ASSERT_EQ(0, run("ip link del Tunnel0"));
	ASSERT_EQ(0, get_flow(&self->s, 7, &fi));
	EXPECT_EQ(tun1, fi.ifindex);
	EXPECT_EQ(0, get_sa_flow(&self->s, 0x7001, ESPGW_DIR_OUT, &flow_id));
	ASSERT_EQ(0, run("ip link del Tunnel1"));
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 7, &fi));
	EXPECT_EQ(0, sa_gone(&self->s, 0x7001, ESPGW_DIR_OUT));
	EXPECT_EQ(0, sa_gone(&self->s, 0x7101, ESPGW_DIR_IN));
}

TEST_F(flow, sas_linked_to_their_flow)
{
	struct flow_spec f = fspec(7, self->tun0, "192.0.2.0", "198.51.100.0");
	struct flow_spec g = fspec(8, self->tun0, "192.0.2.0", "203.0.113.0");
	struct espgw_reply r;
	struct nl_msg *msg;
	uint32_t flow_id;
	long long spi;

	f.local_plen = f.remote_plen = g.local_plen = g.remote_plen = 24;
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_flow(&self->s, &g));
	ASSERT_EQ(0, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(OMIT, spi);

	/* Three outbound SAs and an inbound one: the newest outbound sends. */
	ASSERT_EQ(0, add_sa(&self->s, 0x1101, ESPGW_DIR_OUT, 7));
	EXPECT_EQ(1, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1101, spi);
	ASSERT_EQ(0, add_sa(&self->s, 0x1102, ESPGW_DIR_OUT, 7));
	ASSERT_EQ(0, add_sa(&self->s, 0x1201, ESPGW_DIR_IN, 7));
	ASSERT_EQ(0, add_sa(&self->s, 0x1103, ESPGW_DIR_OUT, 7));
	EXPECT_EQ(4, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1103, spi);
	/* An inbound SA added later does not change who sends. */
	ASSERT_EQ(0, add_sa(&self->s, 0x1202, ESPGW_DIR_IN, 7));
	EXPECT_EQ(5, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1103, spi);
	ASSERT_EQ(0, del_sa(&self->s, 0x1202, ESPGW_DIR_IN));
	EXPECT_EQ(4, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1103, spi);

	/* Other flows and SAs without a flow are not counted. */
	ASSERT_EQ(0, add_sa(&self->s, 0x1401, ESPGW_DIR_OUT, 8));
	ASSERT_EQ(0, add_sa(&self->s, 0x1301, ESPGW_DIR_OUT, 0));
	EXPECT_EQ(4, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1103, spi);
	EXPECT_EQ(1, flow_sas(&self->s, 8, &spi));
	EXPECT_EQ(0x1401, spi);

	/* Each SA names its flow. */
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x1102, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(7, flow_id);
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x1201, ESPGW_DIR_IN, &flow_id));
	EXPECT_EQ(7, flow_id);
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x1401, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(8, flow_id);
	ASSERT_EQ(0, get_sa_flow(&self->s, 0x1301, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(0, flow_id);

	/* The newest goes: the one before it sends. */
	ASSERT_EQ(0, del_sa(&self->s, 0x1103, ESPGW_DIR_OUT));
	EXPECT_EQ(3, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1102, spi);
	/* An older one goes: no change of who sends. */
	ASSERT_EQ(0, del_sa(&self->s, 0x1101, ESPGW_DIR_OUT));
	EXPECT_EQ(2, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1102, spi);
	/* The last outbound goes: none sends. */
	ASSERT_EQ(0, del_sa(&self->s, 0x1102, ESPGW_DIR_OUT));
	EXPECT_EQ(1, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(OMIT, spi);
	/* A new one sends again. */
	ASSERT_EQ(0, add_sa(&self->s, 0x1104, ESPGW_DIR_OUT, 7));
	ASSERT_EQ(0, add_sa(&self->s, 0x1105, ESPGW_DIR_OUT, 7));
	EXPECT_EQ(3, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1105, spi);

	/* Replacing an SA keeps it on its flow. */
	msg = sa_msg(&self->s, ESPGW_CMD_NEW_SA, 0x1201, ESPGW_DIR_IN, 7);
	nla_put_flag(msg, ESPGW_A_REPLACE);
	ASSERT_EQ(0, espgw_request(&self->s, msg, &r));
	espgw_reply_free(&r);
	EXPECT_EQ(3, flow_sas(&self->s, 7, &spi));
	EXPECT_EQ(0x1105, spi);

	/* Deleting the flow deletes its SAs, and only its SAs. */
	ASSERT_EQ(0, del_flow(&self->s, 7, 0));
	EXPECT_EQ(0, sa_gone(&self->s, 0x1104, ESPGW_DIR_OUT));
	EXPECT_EQ(0, sa_gone(&self->s, 0x1105, ESPGW_DIR_OUT));
	EXPECT_EQ(0, sa_gone(&self->s, 0x1201, ESPGW_DIR_IN));
	EXPECT_EQ(0, get_sa_flow(&self->s, 0x1401, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(0, get_sa_flow(&self->s, 0x1301, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(1, flow_sas(&self->s, 8, &spi));
	EXPECT_EQ(0x1401, spi);
	/* Its SAs' identities are free again; the flow ID can name no SA. */
	EXPECT_EQ(0, add_sa(&self->s, 0x1104, ESPGW_DIR_OUT, 0));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, 0x1106, ESPGW_DIR_OUT, 7, -ENOENT,
			       "no flow with this ID"));
}

TEST_F(flow, tunnel_delete_removes_its_flows_and_sas)
{
	struct flow_spec f;
	struct flow_info fi;
	struct id_list list = { .n = 0 };
	struct dump d = { .object = collect_id, .arg = &list };
	uint32_t tun1, flow_id;
	long long spi;

	tun1 = add_tunnel("Tunnel1");
	ASSERT_NE(0, tun1);
	f = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	ASSERT_EQ(0, add_flow(&self->s, &f));
	f = fspec(2, self->tun0, "2001:db8::", "2001:db8:1::");
	f.local_plen = f.remote_plen = 64;
	ASSERT_EQ(0, add_flow(&self->s, &f));
	f = fspec(3, tun1, "192.0.2.0", "198.51.100.0");	/* same selectors, other tunnel */
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x2101, ESPGW_DIR_OUT, 1));
	ASSERT_EQ(0, add_sa(&self->s, 0x2102, ESPGW_DIR_IN, 1));
	ASSERT_EQ(0, add_sa(&self->s, 0x2201, ESPGW_DIR_OUT, 2));
	ASSERT_EQ(0, add_sa(&self->s, 0x2301, ESPGW_DIR_OUT, 3));
	ASSERT_EQ(0, add_sa(&self->s, 0x2401, ESPGW_DIR_OUT, 0));

	ASSERT_EQ(0, run("ip link del Tunnel0"));
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 1, &fi));
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 2, &fi));
	EXPECT_EQ(0, sa_gone(&self->s, 0x2101, ESPGW_DIR_OUT));
	EXPECT_EQ(0, sa_gone(&self->s, 0x2102, ESPGW_DIR_IN));
	EXPECT_EQ(0, sa_gone(&self->s, 0x2201, ESPGW_DIR_OUT));
	/* The other tunnel's flow and SA, and the SA without a flow, stay. */
	ASSERT_EQ(1, flow_sas(&self->s, 3, &spi));
	EXPECT_EQ(0x2301, spi);
	EXPECT_EQ(0, get_sa_flow(&self->s, 0x2301, ESPGW_DIR_OUT, &flow_id));
	EXPECT_EQ(3, flow_id);
	EXPECT_EQ(0, get_sa_flow(&self->s, 0x2401, ESPGW_DIR_OUT, &flow_id));
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	ASSERT_EQ(1, list.n);
	EXPECT_EQ(3, list.ids[0]);

	/* The gone interface's index takes no flow; a new tunnel does. */
	f = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	EXPECT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, 0, -ENODEV,
				 "not an espgw tunnel interface"));
	self->tun0 = add_tunnel("Tunnel0");
	ASSERT_NE(0, self->tun0);
	f.ifindex = self->tun0;
	EXPECT_EQ(0, add_flow(&self->s, &f));
	EXPECT_EQ(0, add_sa(&self->s, 0x2101, ESPGW_DIR_OUT, 1));
	EXPECT_EQ(1, flow_sas(&self->s, 1, &spi));

	/* A tunnel going with its namespace takes its flows along (the
	 * namespace of this test ends with flows 1 and 3 and their SAs).
	 */
}

/*
 * Flows belong to their tunnel's namespace, so the tunnel cannot move to
 * another one (as "ip link set Tunnel0 netns PID" would).
 */
TEST_F(flow, tunnel_cannot_leave_its_namespace)
{
	struct flow_spec f = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	int ready[2], status;
	struct flow_info fi;
	long long spi;
	pid_t pid;
	char c;

	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x2501, ESPGW_DIR_OUT, 1));
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (unshare(CLONE_NEWNET))
			_exit(90);
		if (write(ready[1], "x", 1) != 1)
			_exit(91);
		pause();
		_exit(0);
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));
	EXPECT_NE(0, run("ip link set Tunnel0 netns %d 2>/dev/null", pid));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	EXPECT_EQ(self->tun0, if_nametoindex("Tunnel0"));
	ASSERT_EQ(0, get_flow(&self->s, 1, &fi));
	EXPECT_EQ(self->tun0, fi.ifindex);
	EXPECT_EQ(1, flow_sas(&self->s, 1, &spi));
	close(ready[0]);
	close(ready[1]);
}

/* 10,000 flows, each with an outbound SA, in batches; then dumps. */
#define MANY		10000
#define STABLE_ID(i)	(1000000u + (uint32_t)(i))
#define STABLE_SPI(i)	(0x20000u + (uint32_t)(i))
#define CHURN		64
#define CHURN_ID(i)	(5000000u + (uint32_t)(i))

/* Flow i of the big table: a /24 to a /24, four kinds of protocol. */
static void stable_want(int i, uint32_t ifindex, struct flow_want *w, char *local, char *remote)
{
	sprintf(local, "10.%d.%d.0", i >> 8, i & 255);
	sprintf(remote, "100.%d.%d.0", 64 + (i >> 8), i & 255);
	*w = (struct flow_want){ STABLE_ID(i), ifindex, local, 24, remote, 24, 0, OMIT, OMIT };
	switch (i % 4) {
	case 0:
		w->proto = IPPROTO_TCP;
		w->local_port = 1024 + i;
		w->remote_port = 443;
		break;
	case 1:
		w->proto = IPPROTO_UDP;
		w->remote_port = 53;
		break;
	case 2:
		w->proto = IPPROTO_ICMP;
		break;
	}
}

static struct nl_msg *stable_msg(struct espgw_sock *s, int i, uint32_t ifindex)
{
	char local[32], remote[32], host[32];
	struct flow_want w;
	struct flow_spec f;

	stable_want(i, ifindex, &w, local, remote);
	sprintf(host, "10.%d.%d.%d", i >> 8, i & 255, 1 + i % 254);	/* host bits: masked */
	f = fspec(w.id, ifindex, host, remote);
	f.local_plen = f.remote_plen = 24;
	if (w.proto)
		f.proto = w.proto;
	f.local_port = w.local_port;
	f.remote_port = w.remote_port;
	return flow_msg(s, ESPGW_CMD_NEW_FLOW, &f, 0);
}

static struct nl_msg *churn_msg(struct espgw_sock *s, int c, uint32_t ifindex)
{
	char local[32], remote[32];
	struct flow_spec f;

	sprintf(local, "10.250.%d.0", c);
	sprintf(remote, "100.127.%d.0", c);
	f = fspec(CHURN_ID(c), ifindex, local, remote);
	f.local_plen = f.remote_plen = 24;
	return flow_msg(s, ESPGW_CMD_NEW_FLOW, &f, 0);
}

struct flow_dump_state {
	unsigned char seen[MANY], churn_seen[CHURN];
	uint32_t ifindex;
	int with_sas;		/* each stable flow has its one outbound SA */
	int stable, churn, dups, extra, bad;
};

static void reset(struct flow_dump_state *st)
{
	memset(st->seen, 0, sizeof(st->seen));
	memset(st->churn_seen, 0, sizeof(st->churn_seen));
	st->stable = st->churn = st->dups = st->extra = st->bad = 0;
}

static void count_flow(struct nlattr **attrs, void *arg)
{
	struct flow_dump_state *st = arg;
	char local[32], remote[32], why[160] = "";
	struct flow_info fi;
	struct flow_want w;
	int i;

	if (parse_flow(attrs[ESPGW_A_FLOW], &fi)) {
		if (!st->bad++)
			fprintf(stderr, "# a dumped flow lacks attributes\n");
		return;
	}
	if (fi.id >= CHURN_ID(0) && fi.id < CHURN_ID(CHURN)) {
		if (st->churn_seen[fi.id - CHURN_ID(0)]++)
			st->dups++;
		st->churn++;
		return;
	}
	if (fi.id < STABLE_ID(0) || fi.id >= STABLE_ID(MANY)) {
		st->extra++;
		return;
	}
	i = fi.id - STABLE_ID(0);
	if (st->seen[i]++) {
		st->dups++;
		return;
	}
	st->stable++;
	stable_want(i, st->ifindex, &w, local, remote);
	if (flow_differs(&fi, &w, why, sizeof(why)))
		;
	else if (!fi.stats_ok)
		snprintf(why, sizeof(why), "no complete counters");
	else if (st->with_sas && (fi.sa_count != 1 || fi.out_spi != STABLE_SPI(i)))
		snprintf(why, sizeof(why), "SA count %u, out SPI %lld", fi.sa_count, fi.out_spi);
	else if (!st->with_sas && (fi.sa_count || fi.out_spi != OMIT))
		snprintf(why, sizeof(why), "SA count %u, out SPI %lld", fi.sa_count, fi.out_spi);
	if (why[0] && !st->bad++)
		fprintf(stderr, "# flow %u dumped wrong: %s\n", fi.id, why);
}

struct sa_dump_state {
	unsigned char seen[MANY];
	int count, dups, bad;
};

static void count_sa(struct nlattr **attrs, void *arg)
{
	struct sa_dump_state *st = arg;
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	uint32_t spi, i;

	st->count++;
	if (!attrs[ESPGW_A_SA] || nla_parse_nested(tb, ESPGW_SA_A_MAX, attrs[ESPGW_A_SA], NULL) ||
	    !tb[ESPGW_SA_A_SPI]) {
		st->bad++;
		return;
	}
	spi = nla_get_u32(tb[ESPGW_SA_A_SPI]);
	i = spi - STABLE_SPI(0);
	if (i >= MANY || !tb[ESPGW_SA_A_FLOW_ID] ||
	    nla_get_u32(tb[ESPGW_SA_A_FLOW_ID]) != STABLE_ID(i)) {
		if (!st->bad++)
			fprintf(stderr, "# SA %#x dumped with the wrong flow\n", spi);
		return;
	}
	if (st->seen[i]++)
		st->dups++;
}

/*
 * Adds and deletes churn flows until killed: in bursts with pauses of up
 * to a dump's length, so some dumps run through a burst and some do not.
 */
static void churn(uint32_t ifindex)
{
	struct espgw_sock s;
	struct espgw_reply r;
	int i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);	/* not beyond a failed test */
	if (espgw_sock_open(&s))
		_exit(90);
	srand(getpid());
	for (;;) {
		for (i = 0; i < 20; i++) {
			struct flow_spec f = id_only(CHURN_ID(rand() % CHURN));

			espgw_request(&s, churn_msg(&s, rand() % CHURN, ifindex), &r);
			espgw_reply_free(&r);
			espgw_request(&s, flow_msg(&s, ESPGW_CMD_DEL_FLOW, &f, 0), &r);
			espgw_reply_free(&r);
		}
		usleep(rand() % 500000);
	}
}

TEST_F_TIMEOUT(flow, ten_thousand_dumped_consistently, 900)
{
	struct flow_dump_state *st = calloc(1, sizeof(*st));
	struct sa_dump_state *sas = calloc(1, sizeof(*sas));
	struct dump d = { .object = count_flow, .arg = st };
	struct dump ds = { .object = count_sa, .arg = sas };
	struct batch *b = malloc(sizeof(*b));
	int i, c = 0, round, clean = 0, status;
	double t0 = now();
	pid_t pid;

	ASSERT_NE(NULL, st);
	ASSERT_NE(NULL, sas);
	ASSERT_NE(NULL, b);
	st->ifindex = self->tun0;
	big_buffers(&self->s);

	/* The churn flows sit between the stable ones at first, so the
	 * churn deletes flows before a dump's cursor as well as after it.
	 */
	batch_init(b, &self->s, 0);
	for (i = 0; i < MANY; i++) {
		batch_add(b, stable_msg(&self->s, i, self->tun0));
		if (i % (MANY / CHURN) == MANY / CHURN / 2 && c < CHURN)
			batch_add(b, churn_msg(&self->s, c++, self->tun0));
	}
	batch_flush(b);
	ASSERT_EQ(MANY + CHURN, b->sent);
	ASSERT_EQ(0, b->failed) TH_LOG("adding flows: %s", b->first_error);
	TH_LOG("%d flows added in %.1f s", MANY + CHURN, now() - t0);

	t0 = now();
	batch_init(b, &self->s, 0);
	for (i = 0; i < MANY; i++)
		batch_add(b, sa_msg(&self->s, ESPGW_CMD_NEW_SA, STABLE_SPI(i), ESPGW_DIR_OUT,
				    STABLE_ID(i)));
	batch_flush(b);
	ASSERT_EQ(0, b->failed) TH_LOG("adding SAs: %s", b->first_error);
	TH_LOG("%d SAs added in %.1f s", MANY, now() - t0);
	st->with_sas = 1;

	/* A quiet table dumps exactly. */
	t0 = now();
	reset(st);
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	TH_LOG("dump of %d flows in %d datagrams, %.1f s", d.messages, d.datagrams, now() - t0);
	EXPECT_EQ(0, d.intr);
	EXPECT_EQ(MANY, st->stable);
	EXPECT_EQ(CHURN, st->churn);
	EXPECT_EQ(0, st->dups);
	EXPECT_EQ(0, st->extra);
	EXPECT_EQ(0, st->bad);
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_SA, &ds));
	EXPECT_EQ(0, ds.intr);
	EXPECT_EQ(MANY, sas->count);
	EXPECT_EQ(0, sas->dups);
	EXPECT_EQ(0, sas->bad);

	/* Dumps while another process adds and deletes flows: each is exact
	 * or flagged interrupted, and what it shows is right either way.
	 */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		churn(self->tun0);
	for (round = 0; round < 20; round++) {
		reset(st);
		ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
		EXPECT_EQ(0, st->bad);
		EXPECT_EQ(0, st->extra);
		if (d.intr)
			continue;
		clean++;
		EXPECT_EQ(MANY, st->stable);
		EXPECT_EQ(0, st->dups);
	}
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status)) TH_LOG("the churn process failed: %#x", status);
	TH_LOG("%d of 20 dumps under churn were uninterrupted", clean);
	EXPECT_GT(20, clean) TH_LOG("the churn never overlapped a dump");

	/* Deleting the flows deletes their SAs. */
	t0 = now();
	batch_init(b, &self->s, 0);
	for (i = 0; i < MANY; i++) {
		struct flow_spec del = id_only(STABLE_ID(i));

		batch_add(b, flow_msg(&self->s, ESPGW_CMD_DEL_FLOW, &del, 0));
	}
	batch_flush(b);
	EXPECT_EQ(0, b->failed) TH_LOG("deleting flows: %s", b->first_error);
	batch_init(b, &self->s, ENOENT);
	for (i = 0; i < CHURN; i++) {
		struct flow_spec del = id_only(CHURN_ID(i));

		batch_add(b, flow_msg(&self->s, ESPGW_CMD_DEL_FLOW, &del, 0));
	}
	batch_flush(b);
	EXPECT_EQ(0, b->failed) TH_LOG("deleting churn flows: %s", b->first_error);
	TH_LOG("flows deleted in %.1f s", now() - t0);
	reset(st);
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	EXPECT_EQ(0, d.messages);
	sas->count = 0;
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_SA, &ds));
	EXPECT_EQ(0, sas->count);
	free(b);
	free(sas);
	free(st);
}

/*
 * A dump asks for its next part as its reader reads: read one part,
 * change the table from another socket, read the rest.  Each kind of
 * change must flag the dump.
 */
TEST_F_TIMEOUT(flow, dump_flagged_when_table_changes_midway, 300)
{
	const int n = 2000;
	struct flow_dump_state *st = calloc(1, sizeof(*st));
	struct dump d = { .object = count_flow, .arg = st };
	struct batch *b = malloc(sizeof(*b));
	struct espgw_sock other;
	struct espgw_reply r;
	struct flow_spec f;
	int i, change;

	ASSERT_NE(NULL, st);
	ASSERT_NE(NULL, b);
	st->ifindex = self->tun0;
	big_buffers(&self->s);
	ASSERT_EQ(0, espgw_sock_open(&other));
	batch_init(b, &self->s, 0);
	for (i = 0; i < n; i++)
		batch_add(b, stable_msg(&self->s, i, self->tun0));
	batch_flush(b);
	ASSERT_EQ(0, b->failed) TH_LOG("adding flows: %s", b->first_error);

	for (change = 0; change < 4; change++) {
		reset(st);
		ASSERT_EQ(0, dump_start(&self->s, ESPGW_CMD_GET_FLOW, &d));
		ASSERT_EQ(0, dump_step(&self->s, &d));
		ASSERT_EQ(0, d.done) TH_LOG("the dump fit one datagram");
		ASSERT_LT(0, d.messages);
		switch (change) {
		case 0:		/* the first flow goes: everything moves up */
			ASSERT_EQ(0, del_flow(&other, STABLE_ID(0), 0));
			break;
		case 1:		/* it comes back, at the end */
			ASSERT_EQ(0, espgw_request(&other, stable_msg(&other, 0, self->tun0), &r));
			espgw_reply_free(&r);
			break;
		case 2:		/* a flow before the cursor gets new selectors */
			f = fspec(STABLE_ID(1), self->tun0, "10.0.1.0", "100.64.1.0");
			f.local_plen = f.remote_plen = 24;
			f.proto = IPPROTO_UDP;
			f.remote_port = 53;
			ASSERT_EQ(0, flow_expect(&other, ESPGW_CMD_NEW_FLOW, &f, REPLACE, 0, NULL));
			break;
		case 3:		/* a flow after the cursor goes */
			ASSERT_EQ(0, del_flow(&other, STABLE_ID(n - 1), 0));
			break;
		}
		while (!d.done)
			ASSERT_EQ(0, dump_step(&self->s, &d));
		EXPECT_EQ(0, d.error);
		EXPECT_EQ(1, d.intr) TH_LOG("change %d: dump of %d flows not flagged", change,
					    st->stable);
		EXPECT_EQ(0, st->dups);
		TH_LOG("change %d: %d flows in the interrupted dump", change, st->stable);
	}
	/* Quiet again: exact, not flagged. */
	reset(st);
	ASSERT_EQ(0, dump_all(&self->s, ESPGW_CMD_GET_FLOW, &d));
	EXPECT_EQ(0, d.intr);
	EXPECT_EQ(n - 1, st->stable);
	EXPECT_EQ(0, st->dups);
	EXPECT_EQ(0, st->bad);
	espgw_sock_close(&other);
	free(b);
	free(st);
}

TEST_F(flow, unprivileged_cannot_change)
{
	struct flow_spec f = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	struct espgw_sock listener;
	struct flow_info fi;
	struct flow_want w = { 1, self->tun0, "192.0.2.0", 32, "198.51.100.0", 32, 0, OMIT, OMIT };
	int status;
	pid_t pid;

	ASSERT_EQ(0, listen_events(&listener));
	nl_socket_set_nonblocking(listener.sk);
	ASSERT_EQ(0, add_flow(&self->s, &f));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct flow_spec g = fspec(2, self->tun0, "192.0.2.0", "198.51.100.0");
		struct espgw_sock s;
		struct espgw_reply r;
		struct stats st;
		int ret;

		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(90);
		prctl(PR_SET_KEEPCAPS, 0);
		if (espgw_sock_open(&s))
			_exit(91);
		/* Anyone may read. */
		if (get_flow(&s, 1, &fi) || get_stats(&s, &st))
			_exit(92);
		/* Nobody may change. */
		if (flow_expect(&s, ESPGW_CMD_NEW_FLOW, &g, 0, -EPERM, NULL) ||
		    flow_expect(&s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, -EPERM, NULL) ||
		    del_flow(&s, 1, -EPERM))
			_exit(93);
		ret = espgw_request(&s, espgw_msg(&s, ESPGW_CMD_CLEAR_COUNTERS), &r);
		fprintf(stderr, "# CLEAR_COUNTERS unprivileged: %d '%s'\n", ret, r.extack);
		espgw_reply_free(&r);
		if (ret != -EPERM)
			_exit(94);
		/* Not even through an SA. */
		if (sa_expect(&s, ESPGW_CMD_NEW_SA, 0x3001, ESPGW_DIR_OUT, 1, -EPERM, NULL))
			_exit(95);
		espgw_sock_close(&s);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* Nothing changed, nothing was announced. */
	ASSERT_EQ(0, get_flow(&self->s, 1, &fi));
	expect_flow(_metadata, &fi, &w);
	EXPECT_EQ(0, fi.sa_count);
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 2, &fi));
	EXPECT_TRUE(no_event(&listener));
	espgw_sock_close(&listener);
}

/*
 * CAP_NET_ADMIN over the namespace is what counts: an unprivileged user
 * in a user and network namespace of its own runs its own flows.
 */
TEST_F(flow, admin_of_own_namespace_may_change)
{
	struct flow_info fi;
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct flow_spec f = fspec(1, OMIT, "192.0.2.0", "198.51.100.0");
		struct espgw_sock s;
		char map[64];
		int fd, len;

		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(90);
		/* Changing IDs made us undumpable: /proc/self would be root's. */
		prctl(PR_SET_DUMPABLE, 1);
		if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
			_exit(4);	/* no unprivileged user namespaces here */
		len = snprintf(map, sizeof(map), "0 65534 1");
		fd = open("/proc/self/uid_map", O_WRONLY);
		if (fd < 0 || write(fd, map, len) != len)
			_exit(91);
		close(fd);
		if (espgw_sock_open(&s))
			_exit(92);
		f.ifindex = add_tunnel("Tunnel0");
		if (!f.ifindex)
			_exit(93);
		if (add_flow(&s, &f) || add_sa(&s, 0x2601, ESPGW_DIR_OUT, 1) ||
		    get_flow(&s, 1, &fi) || fi.sa_count != 1 || clear_counters(&s) ||
		    del_flow(&s, 1, 0))
			_exit(94);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) == 4)
		SKIP(return, "unprivileged user namespaces are not allowed");
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* Not here. */
	EXPECT_EQ(-ENOENT, get_flow(&self->s, 1, &fi));
}

TEST_F(flow, namespaces_are_separate)
{
	struct flow_spec f = fspec(1, self->tun0, "192.0.2.0", "198.51.100.0");
	struct flow_want w = { 1, self->tun0, "192.0.2.0", 32, "198.51.100.0", 32, 0, OMIT, OMIT };
	struct flow_info fi;
	int status;
	pid_t pid;

	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x6001, ESPGW_DIR_OUT, 1));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct flow_spec g = fspec(1, OMIT, "10.0.0.0", "10.1.0.0");
		struct espgw_sock s;
		long long spi;

		if (unshare(CLONE_NEWNET) || espgw_sock_open(&s))
			_exit(90);
		if (get_flow(&s, 1, &fi) != -ENOENT)
			_exit(91);
		g.ifindex = add_tunnel("Tunnel0");
		if (!g.ifindex)
			_exit(92);
		/* Same ID, same SA identity: a namespace of its own. */
		if (add_flow(&s, &g) || add_sa(&s, 0x6001, ESPGW_DIR_OUT, 1) ||
		    flow_sas(&s, 1, &spi) != 1 || spi != 0x6001)
			_exit(93);
		_exit(0);	/* the namespace goes with its flow and SA */
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(0, get_flow(&self->s, 1, &fi));
	expect_flow(_metadata, &fi, &w);
	EXPECT_EQ(1, fi.sa_count);
	EXPECT_EQ(0x6001, fi.out_spi);
}

TEST_F(flow, get_stats_reports_every_drop_reason)
{
	struct stats st;
	struct espgw_reply r;
	struct nlattr *tb[ESPGW_STATS_A_MAX + 1], *a;
	int rem, in = 0, out = 0, status;
	pid_t pid;

	ASSERT_EQ(0, get_stats(&self->s, &st)) TH_LOG("stats incomplete or malformed");
	/* A new namespace has counted nothing. */
	EXPECT_TRUE(stats_only(&st, 0, 0));

	/* The exact shape: every reason once, in both nests. */
	ASSERT_EQ(0, espgw_request(&self->s, espgw_msg(&self->s, ESPGW_CMD_GET_STATS), &r));
	EXPECT_EQ(ESPGW_CMD_GET_STATS, r.cmd);
	ASSERT_NE(NULL, r.attrs[ESPGW_A_STATS]);
	ASSERT_EQ(0, nla_parse_nested(tb, ESPGW_STATS_A_MAX, r.attrs[ESPGW_A_STATS], NULL));
	ASSERT_NE(NULL, tb[ESPGW_STATS_A_IN_DROPS]);
	ASSERT_NE(NULL, tb[ESPGW_STATS_A_OUT_DROPS]);
	nla_for_each_nested(a, tb[ESPGW_STATS_A_IN_DROPS], rem)
		if (nla_type(a) != ESPGW_DROP_UNSPEC)
			in++;
	nla_for_each_nested(a, tb[ESPGW_STATS_A_OUT_DROPS], rem)
		if (nla_type(a) != ESPGW_DROP_UNSPEC)
			out++;
	EXPECT_EQ(ESPGW_DROP_MAX, in);
	EXPECT_EQ(ESPGW_DROP_MAX, out);
	espgw_reply_free(&r);

	/* Anyone may read them. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct espgw_sock s;

		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534) || espgw_sock_open(&s))
			_exit(90);
		_exit(get_stats(&s, &st) ? 91 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(flow, clear_counters_is_announced)
{
	struct espgw_sock listener;
	struct nlmsghdr *nlh;
	char buf[4096];
	struct stats st;

	ASSERT_EQ(0, listen_events(&listener));
	ASSERT_EQ(0, clear_counters(&self->s));
	ASSERT_EQ(0, wait_event(&listener, ESPGW_CMD_CLEAR_COUNTERS, 2000, buf, sizeof(buf), &nlh))
		TH_LOG("no CLEAR_COUNTERS event");
	EXPECT_EQ(0, genlmsg_attrlen(NLMSG_DATA(nlh), 0));	/* no attribute */
	EXPECT_EQ(0, nlh->nlmsg_seq);
	/* Once per clear. */
	EXPECT_EQ(-ETIMEDOUT, wait_event(&listener, ESPGW_CMD_CLEAR_COUNTERS, 200, buf,
					 sizeof(buf), &nlh));
	ASSERT_EQ(0, clear_counters(&self->s));
	EXPECT_EQ(0, wait_event(&listener, ESPGW_CMD_CLEAR_COUNTERS, 2000, buf, sizeof(buf),
				&nlh));
	ASSERT_EQ(0, get_stats(&self->s, &st));
	EXPECT_TRUE(stats_only(&st, 0, 0));
	espgw_sock_close(&listener);
}

static int send_udp(const char *dst)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), ret;

	inet_pton(AF_INET, dst, &sin.sin_addr);
	ret = sendto(fd, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin));
	close(fd);
	return ret == 1 ? 0 : -errno;
}

/*
 * Counters through the data path, without any SA: a packet no flow
 * matches counts for the namespace, one for a flow without an outbound SA
 * counts for the flow (and asks for an SA).  Replacing the flow keeps its
 * counters; CLEAR_COUNTERS zeroes them all, and counting goes on.
 */
TEST_F(flow, counters_kept_by_replace_zeroed_by_clear)
{
	struct flow_spec f = fspec(9, self->tun0, "10.9.9.1", "198.51.100.0");
	struct espgw_sock listener;
	struct nlattr *attrs[ESPGW_A_MAX + 1];
	struct nlmsghdr *nlh;
	struct flow_info fi;
	struct stats st;
	char buf[8192];

	ASSERT_EQ(0, listen_events(&listener));
	/* No IPv6 on the tunnel: its own router solicitations would count. */
	ASSERT_EQ(0, run("echo 1 >/proc/sys/net/ipv6/conf/Tunnel0/disable_ipv6 && "
			 "ip link set lo up && ip link set Tunnel0 up && "
			 "ip addr add 10.9.9.1/32 dev Tunnel0 && "
			 "ip route add 198.51.100.0/24 dev Tunnel0 src 10.9.9.1 && "
			 "ip route add 203.0.113.0/24 dev Tunnel0 src 10.9.9.1"));
	f.remote_plen = 24;
	ASSERT_EQ(0, add_flow(&self->s, &f));

	ASSERT_EQ(0, send_udp("198.51.100.1"));
	ASSERT_EQ(0, get_flow(&self->s, 9, &fi));
	ASSERT_TRUE(fi.stats_ok);
	EXPECT_TRUE(stats_only(&fi.stats, ESPGW_DROP_NO_OUT_SA, 1))
		TH_LOG("flow: out drops no-SA %llu, no-flow %llu",
		       (unsigned long long)fi.stats.out_drops[ESPGW_DROP_NO_OUT_SA],
		       (unsigned long long)fi.stats.out_drops[ESPGW_DROP_NO_FLOW]);
	ASSERT_EQ(0, wait_event(&listener, ESPGW_CMD_ACQUIRE, 2000, buf, sizeof(buf), &nlh))
		TH_LOG("no ACQUIRE for a flow without an outbound SA");
	ASSERT_EQ(0, genlmsg_parse(nlh, 0, attrs, ESPGW_A_MAX, NULL));
	ASSERT_EQ(0, parse_flow(attrs[ESPGW_A_FLOW], &fi));
	EXPECT_EQ(9, fi.id);

	ASSERT_EQ(0, send_udp("203.0.113.1"));
	ASSERT_EQ(0, send_udp("203.0.113.2"));
	ASSERT_EQ(0, get_stats(&self->s, &st));
	EXPECT_TRUE(stats_only(&st, ESPGW_DROP_NO_FLOW, 2))
		TH_LOG("namespace: out drops no-flow %llu",
		       (unsigned long long)st.out_drops[ESPGW_DROP_NO_FLOW]);

	/* A replacement keeps the counters. */
	f.remote_plen = 25;
	f.proto = IPPROTO_UDP;
	ASSERT_EQ(0, flow_expect(&self->s, ESPGW_CMD_NEW_FLOW, &f, REPLACE, 0, NULL));
	ASSERT_EQ(0, get_flow(&self->s, 9, &fi));
	EXPECT_EQ(IPPROTO_UDP, fi.proto);
	EXPECT_TRUE(stats_only(&fi.stats, ESPGW_DROP_NO_OUT_SA, 1));
	ASSERT_EQ(0, send_udp("198.51.100.2"));		/* the new selectors match */
	ASSERT_EQ(0, get_flow(&self->s, 9, &fi));
	EXPECT_TRUE(stats_only(&fi.stats, ESPGW_DROP_NO_OUT_SA, 2));
	ASSERT_EQ(0, send_udp("198.51.100.200"));	/* outside the /25 now */
	ASSERT_EQ(0, get_stats(&self->s, &st));
	EXPECT_TRUE(stats_only(&st, ESPGW_DROP_NO_FLOW, 3));

	/* Everything back to zero, the flow and its SAs left alone. */
	ASSERT_EQ(0, add_sa(&self->s, 0x9001, ESPGW_DIR_IN, 9));
	ASSERT_EQ(0, clear_counters(&self->s));
	ASSERT_EQ(0, wait_event(&listener, ESPGW_CMD_CLEAR_COUNTERS, 2000, buf, sizeof(buf),
				&nlh));
	ASSERT_EQ(0, get_stats(&self->s, &st));
	EXPECT_TRUE(stats_only(&st, 0, 0));
	ASSERT_EQ(0, get_flow(&self->s, 9, &fi));
	EXPECT_TRUE(stats_only(&fi.stats, 0, 0));
	EXPECT_EQ(1, fi.sa_count);

	/* Counting goes on from zero. */
	ASSERT_EQ(0, send_udp("198.51.100.3"));
	ASSERT_EQ(0, send_udp("203.0.113.3"));
	ASSERT_EQ(0, get_flow(&self->s, 9, &fi));
	EXPECT_TRUE(stats_only(&fi.stats, ESPGW_DROP_NO_OUT_SA, 1));
	ASSERT_EQ(0, get_stats(&self->s, &st));
	EXPECT_TRUE(stats_only(&st, ESPGW_DROP_NO_FLOW, 1));
	espgw_sock_close(&listener);
}

/* An outbound SA with lifetime limits. */
static int add_sa_life(struct espgw_sock *s, uint32_t spi, uint32_t flow_id,
		       const struct life *life)
{
	struct espgw_reply r;
	int ret;

	ret = espgw_request(s, sa_msg_life(s, ESPGW_CMD_NEW_SA, spi, ESPGW_DIR_OUT, flow_id, life),
			    &r);
	if (ret)
		fprintf(stderr, "# SA %#x: %d '%s'\n", spi, ret, r.extack);
	espgw_reply_free(&r);
	return ret;
}

/* Waits up to @ms for SA @spi to be gone; 0 when it went. */
static int wait_sa_gone(struct espgw_sock *s, uint32_t spi, int dir, int ms)
{
	uint32_t flow_id;
	int ret;

	while ((ret = get_sa_flow(s, spi, dir, &flow_id)) == 0 && ms > 0) {
		usleep(50000);
		ms -= 50;
	}
	return ret == -ENOENT ? 0 : -ETIMEDOUT;
}

/*
 * Waits for the next EXPIRE event of SA @spi: 0 if soft, 1 if hard (and
 * its flow in @flow_id), or -ETIMEDOUT.
 */
static int next_expire(struct espgw_sock *l, uint32_t spi, int ms, uint32_t *flow_id)
{
	struct nlattr *attrs[ESPGW_A_MAX + 1], *tb[ESPGW_SA_A_MAX + 1];
	struct nlmsghdr *nlh;
	char buf[8192];

	while (!wait_event(l, ESPGW_CMD_EXPIRE, ms, buf, sizeof(buf), &nlh)) {
		if (genlmsg_parse(nlh, 0, attrs, ESPGW_A_MAX, NULL) || !attrs[ESPGW_A_SA] ||
		    nla_parse_nested(tb, ESPGW_SA_A_MAX, attrs[ESPGW_A_SA], NULL) ||
		    !tb[ESPGW_SA_A_SPI] || nla_get_u32(tb[ESPGW_SA_A_SPI]) != spi)
			continue;
		*flow_id = tb[ESPGW_SA_A_FLOW_ID] ? nla_get_u32(tb[ESPGW_SA_A_FLOW_ID]) : 0;
		return !!attrs[ESPGW_A_HARD];
	}
	return -ETIMEDOUT;
}

/*
 * The newest outbound SA reaches its hard time limit: the namespace's
 * worker (every second while there are SAs) removes it, says so, and the
 * flow sends with the one before.
 */
TEST_F(flow, out_sa_expired_by_time_hands_over)
{
	struct flow_spec f = fspec(5, self->tun0, "192.0.2.0", "198.51.100.0");
	/*
	 * Limits are whole seconds checked once a second: soft and hard
	 * 3 s apart so that a stalled (emulated) CPU cannot make them fall
	 * due in the same pass, when only the hard one is said (as xfrm).
	 */
	struct life life = { .soft_seconds = 1, .hard_seconds = 4 };
	struct espgw_sock listener;
	uint32_t flow_id = 0;
	long long spi;

	ASSERT_EQ(0, listen_events(&listener));
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x8001, ESPGW_DIR_OUT, 5));
	ASSERT_EQ(0, add_sa_life(&self->s, 0x8002, 5, &life));
	ASSERT_EQ(2, flow_sas(&self->s, 5, &spi));
	ASSERT_EQ(0x8002, spi);

	EXPECT_EQ(0, next_expire(&listener, 0x8002, 4000, &flow_id))
		TH_LOG("no soft EXPIRE (before the hard one) within 4 s of a 1 s soft lifetime");
	EXPECT_EQ(5, flow_id);
	EXPECT_EQ(0, wait_sa_gone(&self->s, 0x8002, ESPGW_DIR_OUT, 8000))
		TH_LOG("an SA with a 4 s hard lifetime is still there after 8 s more");
	flow_id = 0;
	EXPECT_EQ(1, next_expire(&listener, 0x8002, 1000, &flow_id))
		TH_LOG("no hard EXPIRE");
	EXPECT_EQ(5, flow_id);
	EXPECT_EQ(1, flow_sas(&self->s, 5, &spi));
	EXPECT_EQ(0x8001, spi);
	espgw_sock_close(&listener);
}

/*
 * The same through the data path: the newest outbound SA may send one
 * packet; the second one hits its hard limit, the SA goes, and the flow
 * sends with the one before.  The flow's counters sum its SAs, the gone
 * one included.
 */
TEST_F(flow, out_sa_expired_by_packets_hands_over)
{
	struct flow_spec f = fspec(5, self->tun0, "10.9.9.1", "198.51.100.0");
	struct life life = { .hard_packets = 1 };
	const uint64_t inner = 20 + 8 + 1;	/* IPv4, UDP, one byte */
	struct espgw_sock listener;
	struct flow_info fi;
	struct stats st;
	uint32_t flow_id = 0;
	long long spi;

	ASSERT_EQ(0, listen_events(&listener));
	/* Peers behind a dummy interface (which drops what it is given). */
	ASSERT_EQ(0, run("echo 1 >/proc/sys/net/ipv6/conf/Tunnel0/disable_ipv6 && "
			 "ip link add d0 type dummy && ip addr add 192.0.2.1/24 dev d0 && "
			 "ip link set d0 up && ip link set Tunnel0 up && "
			 "ip addr add 10.9.9.1/32 dev Tunnel0 && "
			 "ip route add 198.51.100.0/24 dev Tunnel0 src 10.9.9.1"));
	f.remote_plen = 24;
	ASSERT_EQ(0, add_flow(&self->s, &f));
	ASSERT_EQ(0, add_sa(&self->s, 0x8101, ESPGW_DIR_OUT, 5));
	ASSERT_EQ(0, add_sa_life(&self->s, 0x8102, 5, &life));
	ASSERT_EQ(2, flow_sas(&self->s, 5, &spi));
	ASSERT_EQ(0x8102, spi);

	ASSERT_EQ(0, send_udp("198.51.100.1"));
	ASSERT_EQ(0, get_sa(&self->s, 0x8102, ESPGW_DIR_OUT, &flow_id, &st));
	EXPECT_EQ(1, st.out_packets);
	EXPECT_EQ(inner, st.out_bytes);
	ASSERT_EQ(0, send_udp("198.51.100.1"));		/* over the limit */
	EXPECT_EQ(0, wait_sa_gone(&self->s, 0x8102, ESPGW_DIR_OUT, 3000))
		TH_LOG("an SA past its hard packet limit is still there");
	EXPECT_EQ(1, next_expire(&listener, 0x8102, 1000, &flow_id))
		TH_LOG("no hard EXPIRE");
	EXPECT_EQ(5, flow_id);
	ASSERT_EQ(0, get_flow(&self->s, 5, &fi));
	EXPECT_EQ(1, fi.sa_count);
	EXPECT_EQ(0x8101, fi.out_spi);
	EXPECT_EQ(1, fi.stats.out_packets);
	EXPECT_EQ(inner, fi.stats.out_bytes);
	EXPECT_EQ(1, fi.stats.out_drops[ESPGW_DROP_EXPIRED]);

	ASSERT_EQ(0, send_udp("198.51.100.1"));		/* the older SA sends */
	ASSERT_EQ(0, get_sa(&self->s, 0x8101, ESPGW_DIR_OUT, &flow_id, &st));
	EXPECT_EQ(1, st.out_packets);
	ASSERT_EQ(0, get_flow(&self->s, 5, &fi));
	EXPECT_EQ(2, fi.stats.out_packets);
	EXPECT_EQ(2 * inner, fi.stats.out_bytes);
	espgw_sock_close(&listener);
}

TEST_HARNESS_MAIN
