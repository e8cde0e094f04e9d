// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl flow add id ID dev TUNNEL local PREFIX remote PREFIX [proto P]
 *		[local-port N] [remote-port N] [peer ADDR [peer-port N]] [replace]
 * cryptoctl flow del|get id ID
 * cryptoctl flow [show]
 *
 * Flows: traffic selectors on a tunnel interface, which SAs carry.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "cmd_flow.h"
#include "cryptoctl.h"
#include "print.h"

#define FLOW "flow"

struct flow_seen {
	bool id, dev, local, remote, proto, local_port, remote_port, peer,
	     peer_port, replace;
};

struct flow_args {
	bool add;			/* 'flow add': more than the ID */
	struct flow_seen seen;
	uint32_t id, ifindex, local_port, remote_port, peer_port;
	struct ip_prefix local, remote;
	struct ip_addr peer;		/* the crypto session's remote end */
	uint8_t proto;
};

/* 'flow add' words beyond the ID; 1 when @w is none of them. */
static int parse_add_word(struct flow_args *a, char **argv, int *i)
{
	const char *w = argv[*i];
	struct flow_seen *s = &a->seen;

	if (!strcmp(w, "dev"))
		return once(FLOW, w, &s->dev) ||
		       parse_dev(w, argv[++*i], false, &a->ifindex) ? EXIT_USAGE : 0;
	if (!strcmp(w, "local"))
		return once(FLOW, w, &s->local) ||
		       parse_prefix(w, argv[++*i], &a->local) ? EXIT_USAGE : 0;
	if (!strcmp(w, "remote"))
		return once(FLOW, w, &s->remote) ||
		       parse_prefix(w, argv[++*i], &a->remote) ? EXIT_USAGE : 0;
	if (!strcmp(w, "proto"))
		return once(FLOW, w, &s->proto) ||
		       parse_proto(w, argv[++*i], &a->proto) ? EXIT_USAGE : 0;
	if (!strcmp(w, "local-port"))
		return once(FLOW, w, &s->local_port) ||
		       parse_u32_range(w, argv[++*i], 1, 65535, &a->local_port) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "remote-port"))
		return once(FLOW, w, &s->remote_port) ||
		       parse_u32_range(w, argv[++*i], 1, 65535, &a->remote_port) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "peer"))
		return once(FLOW, w, &s->peer) ||
		       parse_addr(w, argv[++*i], &a->peer) ? EXIT_USAGE : 0;
	if (!strcmp(w, "peer-port"))
		return once(FLOW, w, &s->peer_port) ||
		       parse_u32_range(w, argv[++*i], 1, 65535, &a->peer_port) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "replace"))
		return once(FLOW, w, &s->replace);
	return 1;
}

/* WORD [VALUE]...; argv[argc] is NULL, a missing last value. */
static int parse_args(int argc, char **argv, struct flow_args *a)
{
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "id"))
			ret = once(FLOW, "id", &a->seen.id) ||
			      parse_u32_range("id", argv[++i], 1, UINT32_MAX, &a->id) ?
			      EXIT_USAGE : 0;
		else
			ret = a->add ? parse_add_word(a, argv, &i) : 1;
		if (ret == 1)
			return usage_error(FLOW, "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	if (!a->seen.id)
		return usage_error(FLOW, "needs id");
	return 0;
}

static int check_add(const struct flow_args *a)
{
	const struct flow_seen *s = &a->seen;
	const char *missing = !s->dev ? "dev" : !s->local ? "local" :
			      !s->remote ? "remote" : NULL;
	char l[PREFIX_STRLEN], r[PREFIX_STRLEN];

	if (missing)
		return usage_error(FLOW, "add needs %s", missing);
	if (a->local.addr.family != a->remote.addr.family)
		return usage_error(FLOW, "local %s and remote %s are not of one family",
				   prefix_str(&a->local, l, sizeof(l)),
				   prefix_str(&a->remote, r, sizeof(r)));
	if ((s->local_port || s->remote_port) && !proto_has_ports(a->proto))
		return usage_error(FLOW, "%s needs proto tcp, udp, sctp or udplite",
				   s->local_port ? "local-port" : "remote-port");
	if (s->peer_port && !s->peer)
		return usage_error(FLOW, "peer-port needs peer");
	return 0;
}

static int put_prefix(struct nl_msg *msg, int addr_type, int len_type,
		      const struct ip_prefix *p)
{
	return put_addr(msg, addr_type, &p->addr) < 0 ||
	       nla_put_u8(msg, len_type, p->len) < 0 ? -EMSGSIZE : 0;
}

static int put_selectors(struct nl_msg *msg, const struct flow_args *a)
{
	const struct flow_seen *s = &a->seen;

	return nla_put_u32(msg, ESPGW_FLOW_A_IFINDEX, a->ifindex) < 0 ||
	       put_prefix(msg, ESPGW_FLOW_A_LOCAL_PREFIX, ESPGW_FLOW_A_LOCAL_PLEN,
			  &a->local) < 0 ||
	       put_prefix(msg, ESPGW_FLOW_A_REMOTE_PREFIX, ESPGW_FLOW_A_REMOTE_PLEN,
			  &a->remote) < 0 ||
	       (s->proto && nla_put_u8(msg, ESPGW_FLOW_A_PROTO, a->proto) < 0) ||
	       (s->local_port &&
		nla_put_u16(msg, ESPGW_FLOW_A_LOCAL_PORT, a->local_port) < 0) ||
	       (s->remote_port &&
		nla_put_u16(msg, ESPGW_FLOW_A_REMOTE_PORT, a->remote_port) < 0) ||
	       put_addr(msg, ESPGW_FLOW_A_PEER_ADDR, &a->peer) < 0 ||
	       (s->peer_port &&
		nla_put_u16(msg, ESPGW_FLOW_A_PEER_PORT, a->peer_port) < 0) ?
	       -EMSGSIZE : 0;
}

/* ESPGW_A_FLOW: the ID, and with 'flow add' the selectors. */
static int put_flow(struct nl_msg *msg, const void *arg)
{
	const struct flow_args *a = arg;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_FLOW);

	if (!nest || nla_put_u32(msg, ESPGW_FLOW_A_ID, a->id) < 0 ||
	    (a->add && put_selectors(msg, a) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	if (a->seen.replace && nla_put_flag(msg, ESPGW_A_REPLACE) < 0)
		return -EMSGSIZE;
	return 0;
}

static struct nla_policy flow_policy[ESPGW_FLOW_A_MAX + 1] = {
	[ESPGW_FLOW_A_ID] = { .type = NLA_U32 },
	[ESPGW_FLOW_A_IFINDEX] = { .type = NLA_U32 },
	[ESPGW_FLOW_A_LOCAL_PLEN] = { .type = NLA_U8 },
	[ESPGW_FLOW_A_REMOTE_PLEN] = { .type = NLA_U8 },
	[ESPGW_FLOW_A_PROTO] = { .type = NLA_U8 },
	[ESPGW_FLOW_A_LOCAL_PORT] = { .type = NLA_U16 },
	[ESPGW_FLOW_A_REMOTE_PORT] = { .type = NLA_U16 },
	[ESPGW_FLOW_A_STATS] = { .type = NLA_NESTED },
	[ESPGW_FLOW_A_SA_COUNT] = { .type = NLA_U32 },
	[ESPGW_FLOW_A_OUT_SPI] = { .type = NLA_U32 },
	[ESPGW_FLOW_A_IN_SPI] = { .type = NLA_U32 },
	[ESPGW_FLOW_A_OUT_REMAINING] = { .type = NLA_NESTED },
	[ESPGW_FLOW_A_IN_REMAINING] = { .type = NLA_NESTED },
	[ESPGW_FLOW_A_PEER_PORT] = { .type = NLA_U16 },
	[ESPGW_FLOW_A_SESSION_ID] = { .type = NLA_U32 },
};

/* A prefix from its address and (optional) length attributes. */
static int prefix_parse(struct nlattr *addr, struct nlattr *len,
			struct ip_prefix *p)
{
	unsigned int max;

	if (!addr || get_addr(addr, &p->addr) < 0)
		return -EBADMSG;
	max = 8 * addr_len(p->addr.family);
	p->len = len ? nla_get_u8(len) : max;
	return p->len <= max ? 0 : -EBADMSG;
}

static uint16_t get_port(struct nlattr *nla)
{
	return nla ? nla_get_u16(nla) : 0;
}

int flow_parse(struct nlattr *nest, struct flow *f)
{
	struct nlattr *tb[ESPGW_FLOW_A_MAX + 1];

	memset(f, 0, sizeof(*f));
	if (!nest || nla_parse_nested(tb, ESPGW_FLOW_A_MAX, nest, flow_policy) < 0 ||
	    !tb[ESPGW_FLOW_A_ID] || !tb[ESPGW_FLOW_A_IFINDEX] ||
	    prefix_parse(tb[ESPGW_FLOW_A_LOCAL_PREFIX], tb[ESPGW_FLOW_A_LOCAL_PLEN],
			 &f->local) < 0 ||
	    prefix_parse(tb[ESPGW_FLOW_A_REMOTE_PREFIX], tb[ESPGW_FLOW_A_REMOTE_PLEN],
			 &f->remote) < 0)
		return -EBADMSG;
	f->has_stats = tb[ESPGW_FLOW_A_STATS];
	if ((f->has_stats && stats_parse(tb[ESPGW_FLOW_A_STATS], &f->stats) < 0) ||
	    (tb[ESPGW_FLOW_A_PEER_ADDR] &&
	     get_addr(tb[ESPGW_FLOW_A_PEER_ADDR], &f->peer) < 0) ||
	    lifetime_parse(tb[ESPGW_FLOW_A_OUT_REMAINING], &f->out_remaining) < 0 ||
	    lifetime_parse(tb[ESPGW_FLOW_A_IN_REMAINING], &f->in_remaining) < 0)
		return -EBADMSG;
	f->id = nla_get_u32(tb[ESPGW_FLOW_A_ID]);
	f->ifindex = nla_get_u32(tb[ESPGW_FLOW_A_IFINDEX]);
	f->proto = tb[ESPGW_FLOW_A_PROTO] ? nla_get_u8(tb[ESPGW_FLOW_A_PROTO]) : 0;
	f->local_port = get_port(tb[ESPGW_FLOW_A_LOCAL_PORT]);
	f->remote_port = get_port(tb[ESPGW_FLOW_A_REMOTE_PORT]);
	f->has_sa_count = get_opt_u32(tb[ESPGW_FLOW_A_SA_COUNT], &f->sa_count);
	f->has_out_spi = get_opt_u32(tb[ESPGW_FLOW_A_OUT_SPI], &f->out_spi);
	f->has_in_spi = get_opt_u32(tb[ESPGW_FLOW_A_IN_SPI], &f->in_spi);
	f->has_session = get_opt_u32(tb[ESPGW_FLOW_A_SESSION_ID], &f->session_id);
	f->peer_port = tb[ESPGW_FLOW_A_PEER_PORT] ?
		       nla_get_u16(tb[ESPGW_FLOW_A_PEER_PORT]) : 500;
	return 0;
}

int flow_parse_item(struct nlattr *nest, void *f)
{
	return flow_parse(nest, f);
}

/* " local-port 22", or " local-port any" for 0 (JSON: 0). */
static void print_port(const char *key, const char *label, uint16_t port)
{
	print_text(" %s", label);
	if (port) {
		print_uint(key, " %llu", port);
		return;
	}
	print_text(" any");
	print_uint(key, NULL, 0);
}

void flow_print_id(const struct flow *f)
{
	const char *proto = proto_name(f->proto);
	char dev[IF_NAMESIZE];

	print_uint("id", "flow %llu", f->id);
	print_string("dev", " dev %s", dev_name(f->ifindex, dev));
	print_uint("ifindex", NULL, f->ifindex);
	print_prefix("local", " local %s", &f->local);
	print_prefix("remote", " remote %s", &f->remote);
	if (proto)
		print_text(" proto %s", proto);
	print_uint("proto", proto ? NULL : " proto %llu", f->proto);
	if (proto_has_ports(f->proto)) {
		print_port("local_port", "local-port", f->local_port);
		print_port("remote_port", "remote-port", f->remote_port);
	} else {
		print_uint("local_port", NULL, f->local_port);
		print_uint("remote_port", NULL, f->remote_port);
	}
}

const char *prefix_mask(const struct ip_prefix *p, char *buf, size_t len)
{
	uint32_t m;

	if (p->addr.family != AF_INET || p->len > 32) {
		snprintf(buf, len, "%u", p->len);
		return buf;
	}
	m = p->len ? ~0u << (32 - p->len) : 0;
	snprintf(buf, len, "%u.%u.%u.%u", m >> 24, (m >> 16) & 0xff,
		 (m >> 8) & 0xff, m & 0xff);
	return buf;
}

/* One side: "host A", "A/MASK" or "A/LEN", then " port N" when set. */
static int selector_side(const struct ip_prefix *p, uint16_t port, char *buf,
			 size_t len)
{
	char addr[ADDR_STRLEN], mask[16], portbuf[12] = "";

	addr_str(&p->addr, addr, sizeof(addr));
	prefix_mask(p, mask, sizeof(mask));
	if (port)
		snprintf(portbuf, sizeof(portbuf), " port %u", port);
	if (p->len == 8 * addr_len(p->addr.family))
		return snprintf(buf, len, "host %s%s", addr, portbuf);
	return snprintf(buf, len, "%s/%s%s", addr, mask, portbuf);
}

const char *flow_selector(const struct flow *f, char *buf, size_t len)
{
	char proto[8], local[SELECTOR_STRLEN / 2], remote[SELECTOR_STRLEN / 2];

	if (f->proto)
		snprintf(proto, sizeof(proto), "%u", f->proto);
	else
		snprintf(proto, sizeof(proto), "%s",
			 f->local.addr.family == AF_INET6 ? "ipv6" : "ip");
	selector_side(&f->local, f->local_port, local, sizeof(local));
	selector_side(&f->remote, f->remote_port, remote, sizeof(remote));
	snprintf(buf, len, "permit %s %s %s", proto, local, remote);
	return buf;
}

static void print_side_json(const char *key, const struct ip_prefix *p,
			    uint16_t port)
{
	print_open_object(key);
	print_prefix("prefix", NULL, p);
	print_uint("port", NULL, port);
	print_close_object();
}

void flow_print_selector_json(const struct flow *f)
{
	char sel[SELECTOR_STRLEN];

	print_uint("id", NULL, f->id);
	print_string("selector", NULL, flow_selector(f, sel, sizeof(sel)));
	print_uint("protocol", NULL, f->proto);
	print_side_json("local", &f->local, f->local_port);
	print_side_json("remote", &f->remote, f->remote_port);
}

void flow_print(const struct flow *f, bool stats)
{
	print_open_object(NULL);
	flow_print_id(f);
	print_nl();
	print_opt_uint("sas", "    sas %llu", f->has_sa_count, f->sa_count);
	print_opt_uint("out_spi", " out-spi 0x%08llx", f->has_out_spi, f->out_spi);
	if (!f->has_out_spi)
		print_text(" out-spi (none)");
	print_addr("peer", f->peer.family ? " peer %s" : NULL, &f->peer);
	print_opt_uint("peer_port", " peer-port %llu", f->peer.family, f->peer_port);
	print_opt_uint("session", " session %llu", f->has_session, f->session_id);
	print_nl();
	if (stats && f->has_stats) {
		print_open_object("stats");
		stats_print(&f->stats, "    stats ");
		print_close_object();
	} else if (stats) {
		print_null("stats");
	}
	print_close_object();
}

static int flow_item(uint8_t cmd, struct nlattr **attrs, void *print)
{
	struct flow f;

	(void)cmd;
	if (flow_parse(attrs[ESPGW_A_FLOW], &f) < 0)
		return -EBADMSG;
	if (*(bool *)print)
		flow_print(&f, show_stats);
	return 0;
}

int cmd_flow(int argc, char **argv)
{
	struct flow_args a = { .add = false };
	const char *verb = argc < 2 ? "show" : argv[1];
	int ret;

	if (strcmp(verb, "add") && strcmp(verb, "del") && strcmp(verb, "get"))
		return espgw_show_all(argc, argv, ESPGW_CMD_GET_FLOW, flow_item);
	a.add = !strcmp(verb, "add");
	ret = parse_args(argc - 2, argv + 2, &a);
	if (!ret && a.add)
		ret = check_add(&a);
	if (ret)
		return ret;
	if (a.add)
		return espgw_do(ESPGW_CMD_NEW_FLOW, put_flow, &a);
	if (!strcmp(verb, "del"))
		return espgw_do(ESPGW_CMD_DEL_FLOW, put_flow, &a);
	return espgw_show(ESPGW_CMD_GET_FLOW, put_flow, &a, flow_item, SHOW_LIST);
}
