// SPDX-License-Identifier: GPL-2.0
/*
 * ESPGW_CMD_{NEW,DEL,GET}_SA: the SA table over generic netlink.
 */

#include <linux/espgw.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "crypto.h"
#include "dev.h"
#include "encap.h"
#include "event.h"
#include "flow.h"
#include "input.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"

static const struct nla_policy espgw_lifetime_policy[ESPGW_LIFETIME_A_MAX + 1] = {
	[ESPGW_LIFETIME_A_BYTES] = { .type = NLA_U64 },
	[ESPGW_LIFETIME_A_PACKETS] = { .type = NLA_U64 },
	[ESPGW_LIFETIME_A_SECONDS] = { .type = NLA_U64 },
};

const struct nla_policy espgw_sa_policy[ESPGW_SA_A_MAX + 1] = {
	[ESPGW_SA_A_SPI] = NLA_POLICY_MIN(NLA_U32, ESPGW_SPI_MIN),
	[ESPGW_SA_A_DIRECTION] = NLA_POLICY_RANGE(NLA_U8, ESPGW_DIR_IN, ESPGW_DIR_OUT),
	[ESPGW_SA_A_LOCAL_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_SA_A_REMOTE_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_SA_A_ALGORITHM] = { .type = NLA_NUL_STRING, .len = 63 },
	[ESPGW_SA_A_KEY] = { .type = NLA_BINARY, .len = 64 },
	[ESPGW_SA_A_ENCAP] = NLA_POLICY_MAX(NLA_U8, ESPGW_ENCAP_UDP),
	[ESPGW_SA_A_ENCAP_SPORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_SA_A_ENCAP_DPORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_SA_A_ESN] = { .type = NLA_FLAG },
	[ESPGW_SA_A_REPLAY_WINDOW] = NLA_POLICY_MAX(NLA_U32, ESPGW_REPLAY_WINDOW_MAX),
	[ESPGW_SA_A_LIFETIME_SOFT] = NLA_POLICY_NESTED(espgw_lifetime_policy),
	[ESPGW_SA_A_LIFETIME_HARD] = NLA_POLICY_NESTED(espgw_lifetime_policy),
	[ESPGW_SA_A_KEY_BITS] = { .type = NLA_REJECT },
	[ESPGW_SA_A_ADD_TIME] = { .type = NLA_REJECT },
	[ESPGW_SA_A_FLOW_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_SA_A_STATS] = { .type = NLA_REJECT },
	[ESPGW_SA_A_SEQ] = { .type = NLA_U64 },
	[ESPGW_SA_A_SOFT_EXPIRED] = { .type = NLA_REJECT },
	[ESPGW_SA_A_PEER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_SA_A_SESSION_ID] = { .type = NLA_REJECT },
};

static int parse_sa(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[ESPGW_A_SA]) {
		NL_SET_ERR_MSG_MOD(info->extack, "SA attribute missing");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, ESPGW_A_SA);
		return -EINVAL;
	}
	return nla_parse_nested(tb, ESPGW_SA_A_MAX, info->attrs[ESPGW_A_SA], espgw_sa_policy,
				info->extack);
}

/* A missing mandatory attribute: say which (extack messages are literals). */
#define require(tb, type, info, msg) ({					\
	struct genl_info *__info = (info);				\
	int __ret = 0;							\
	if (!(tb)[type]) {						\
		NL_SET_ERR_MSG_MOD(__info->extack, msg);		\
		NL_SET_ERR_ATTR_MISS(__info->extack,			\
				     __info->attrs[ESPGW_A_SA], type);	\
		__ret = -EINVAL;					\
	}								\
	__ret;								\
})

static int addr_family(const struct nlattr *nla)
{
	switch (nla_len(nla)) {
	case sizeof(__be32):
		return AF_INET;
	case sizeof(struct in6_addr):
		return AF_INET6;
	}
	return -1;
}

/* The identity: direction, SPI and destination (local in, remote out). */
static int parse_id(struct nlattr **tb, struct genl_info *info, struct espgw_sa_id *id)
{
	struct nlattr *dst;
	int ret;

	ret = require(tb, ESPGW_SA_A_SPI, info, "SPI missing") ?:
	      require(tb, ESPGW_SA_A_DIRECTION, info, "direction missing");
	if (ret)
		return ret;
	memset(id, 0, sizeof(*id));
	id->spi = nla_get_u32(tb[ESPGW_SA_A_SPI]);
	id->dir = nla_get_u8(tb[ESPGW_SA_A_DIRECTION]);
	if (id->dir == ESPGW_DIR_IN)
		ret = require(tb, ESPGW_SA_A_LOCAL_ADDR, info, "local address missing");
	else
		ret = require(tb, ESPGW_SA_A_REMOTE_ADDR, info, "remote address missing");
	if (ret)
		return ret;
	dst = tb[id->dir == ESPGW_DIR_IN ? ESPGW_SA_A_LOCAL_ADDR : ESPGW_SA_A_REMOTE_ADDR];
	ret = addr_family(dst);
	if (ret < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, dst, "an address is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	id->family = ret;
	nla_memcpy(&id->dst, dst, sizeof(id->dst));
	return 0;
}

static int parse_lifetime(struct nlattr *nest, struct espgw_lifetime *lt, struct genl_info *info)
{
	struct nlattr *tb[ESPGW_LIFETIME_A_MAX + 1];
	int ret;

	memset(lt, 0, sizeof(*lt));
	if (!nest)
		return 0;
	ret = nla_parse_nested(tb, ESPGW_LIFETIME_A_MAX, nest, espgw_lifetime_policy,
			       info->extack);
	if (ret)
		return ret;
	if (tb[ESPGW_LIFETIME_A_BYTES])
		lt->bytes = nla_get_u64(tb[ESPGW_LIFETIME_A_BYTES]);
	if (tb[ESPGW_LIFETIME_A_PACKETS])
		lt->packets = nla_get_u64(tb[ESPGW_LIFETIME_A_PACKETS]);
	if (tb[ESPGW_LIFETIME_A_SECONDS])
		lt->seconds = nla_get_u64(tb[ESPGW_LIFETIME_A_SECONDS]);
	return 0;
}

/* A soft limit is only useful below the hard one of the same kind. */
static bool soft_below_hard(u64 soft, u64 hard)
{
	return !soft || !hard || soft < hard;
}

static struct espgw_sa *sa_from_attrs(struct nlattr **tb, struct genl_info *info,
				      const struct espgw_sa_id *id)
{
	struct netlink_ext_ack *extack = info->extack;
	const struct espgw_algorithm *alg;
	struct espgw_lifetime soft, hard;
	struct nlattr *local, *remote;
	struct espgw_sa *sa;
	bool name_known;
	int ret;

	ret = require(tb, ESPGW_SA_A_LOCAL_ADDR, info, "local address missing") ?:
	      require(tb, ESPGW_SA_A_REMOTE_ADDR, info, "remote address missing") ?:
	      require(tb, ESPGW_SA_A_ALGORITHM, info, "algorithm missing") ?:
	      require(tb, ESPGW_SA_A_KEY, info, "key missing");
	if (ret)
		return ERR_PTR(ret);
	local = tb[ESPGW_SA_A_LOCAL_ADDR];
	remote = tb[ESPGW_SA_A_REMOTE_ADDR];
	if (addr_family(local) != id->family || addr_family(remote) != id->family) {
		NL_SET_ERR_MSG_MOD(extack, "local and remote addresses are not of one family");
		return ERR_PTR(-EINVAL);
	}
	alg = espgw_algorithm_find(nla_data(tb[ESPGW_SA_A_ALGORITHM]),
				   nla_len(tb[ESPGW_SA_A_KEY]), &name_known);
	if (!alg && name_known) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_SA_A_KEY],
				    "key length does not fit the algorithm");
		return ERR_PTR(-EINVAL);
	}
	if (!alg) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_SA_A_ALGORITHM], "unknown algorithm");
		return ERR_PTR(-EINVAL);
	}
	if (!tb[ESPGW_SA_A_ENCAP] || nla_get_u8(tb[ESPGW_SA_A_ENCAP]) != ESPGW_ENCAP_UDP) {
		struct nlattr *port = tb[ESPGW_SA_A_ENCAP_SPORT] ?: tb[ESPGW_SA_A_ENCAP_DPORT];

		if (port) {
			NL_SET_ERR_MSG_ATTR(extack, port, "UDP ports without UDP encapsulation");
			return ERR_PTR(-EINVAL);
		}
	}
	if (id->dir == ESPGW_DIR_OUT && tb[ESPGW_SA_A_REPLAY_WINDOW] &&
	    nla_get_u32(tb[ESPGW_SA_A_REPLAY_WINDOW])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_SA_A_REPLAY_WINDOW],
				    "a replay window applies to inbound SAs only");
		return ERR_PTR(-EINVAL);
	}
	ret = parse_lifetime(tb[ESPGW_SA_A_LIFETIME_SOFT], &soft, info) ?:
	      parse_lifetime(tb[ESPGW_SA_A_LIFETIME_HARD], &hard, info);
	if (ret)
		return ERR_PTR(ret);
	if (!soft_below_hard(soft.bytes, hard.bytes) ||
	    !soft_below_hard(soft.packets, hard.packets) ||
	    !soft_below_hard(soft.seconds, hard.seconds)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_SA_A_LIFETIME_SOFT],
				    "a soft lifetime must be below the hard one");
		return ERR_PTR(-EINVAL);
	}

	if (tb[ESPGW_SA_A_SEQ]) {
		u64 seq = nla_get_u64(tb[ESPGW_SA_A_SEQ]);

		if (!nla_get_flag(tb[ESPGW_SA_A_ESN]) && seq > U32_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_SA_A_SEQ],
					    "sequence number above 2^32-1 without ESN");
			return ERR_PTR(-EINVAL);
		}
	}

	sa = espgw_sa_create(alg, nla_get_flag(tb[ESPGW_SA_A_ESN]), id->dir == ESPGW_DIR_IN,
			     tb[ESPGW_SA_A_REPLAY_WINDOW] ?
			     nla_get_u32(tb[ESPGW_SA_A_REPLAY_WINDOW]) :
			     ESPGW_REPLAY_WINDOW_DEFAULT,
			     nla_data(tb[ESPGW_SA_A_KEY]), nla_len(tb[ESPGW_SA_A_KEY]), extack);
	if (IS_ERR(sa))
		return sa;
	if (tb[ESPGW_SA_A_SEQ] && id->dir == ESPGW_DIR_OUT)
		atomic64_set(&sa->seq_out, nla_get_u64(tb[ESPGW_SA_A_SEQ]));
	else if (tb[ESPGW_SA_A_SEQ])
		sa->replay->top = nla_get_u64(tb[ESPGW_SA_A_SEQ]);
	if (tb[ESPGW_SA_A_FLOW_ID])
		sa->flow_id = nla_get_u32(tb[ESPGW_SA_A_FLOW_ID]);
	sa->id = *id;
	nla_memcpy(&sa->local, local, sizeof(sa->local));
	nla_memcpy(&sa->remote, remote, sizeof(sa->remote));
	sa->encap = tb[ESPGW_SA_A_ENCAP] ? nla_get_u8(tb[ESPGW_SA_A_ENCAP]) : ESPGW_ENCAP_NONE;
	if (sa->encap == ESPGW_ENCAP_UDP) {
		sa->encap_sport = htons(tb[ESPGW_SA_A_ENCAP_SPORT] ?
					nla_get_u16(tb[ESPGW_SA_A_ENCAP_SPORT]) : 4500);
		sa->encap_dport = htons(tb[ESPGW_SA_A_ENCAP_DPORT] ?
					nla_get_u16(tb[ESPGW_SA_A_ENCAP_DPORT]) : 4500);
	}
	/* The session's IKE port: given, else the peer's UDP port, else 500. */
	if (tb[ESPGW_SA_A_PEER_PORT])
		sa->peer_port = htons(nla_get_u16(tb[ESPGW_SA_A_PEER_PORT]));
	else if (sa->encap == ESPGW_ENCAP_UDP)
		sa->peer_port = id->dir == ESPGW_DIR_OUT ? sa->encap_dport : sa->encap_sport;
	else
		sa->peer_port = htons(500);
	sa->soft = soft;
	sa->hard = hard;
	sa->counted_life = soft.bytes || soft.packets || hard.bytes || hard.packets;
	sa->add_time = ktime_get_real_seconds();
	return sa;
}

static int espgw_sa_check_new(struct espgw_net *en, struct espgw_sa *old, bool replace,
			      struct espgw_sa *sa, struct netlink_ext_ack *extack)
{
	if (old && !replace) {
		NL_SET_ERR_MSG_MOD(extack, "an SA with this direction, SPI and destination exists");
		return -EEXIST;
	}
	if (!old && replace) {
		NL_SET_ERR_MSG_MOD(extack,
				   "no SA with this direction, SPI and destination to replace");
		return -ENOENT;
	}
	return 0;
}

/*
 * A replacement goes on where the old SA stopped: outbound it never sends
 * a sequence number (with GCM and ChaCha20: an IV) the old one used;
 * inbound it keeps the replay window.
 */
static void espgw_sa_carry_over(struct espgw_sa *old, struct espgw_sa *sa)
{
	if (sa->id.dir == ESPGW_DIR_OUT) {
		s64 seq = atomic64_read(&old->seq_out);

		if (seq > atomic64_read(&sa->seq_out))
			atomic64_set(&sa->seq_out, seq);
		return;
	}
	spin_lock_bh(&old->replay->lock);
	sa->replay->top = old->replay->top;
	if (sa->replay->bits == old->replay->bits)
		bitmap_copy(sa->replay->map, old->replay->map, sa->replay->bits);
	spin_unlock_bh(&old->replay->lock);
}

int espgw_nl_new_sa(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	bool replace = nla_get_flag(info->attrs[ESPGW_A_REPLACE]);
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	struct espgw_sa *sa, *old;
	struct espgw_flow *flow;
	struct espgw_sa_id id;
	int ret;

	ret = parse_sa(info, tb) ?: parse_id(tb, info, &id);
	if (ret)
		return ret;
	/* Keyed outside the lock: allocating a transform may load modules. */
	sa = sa_from_attrs(tb, info, &id);
	if (IS_ERR(sa))
		return PTR_ERR(sa);

	mutex_lock(&en->sas.lock);
	old = espgw_sa_lookup(&en->sas, &id);
	ret = espgw_sa_check_new(en, old, replace, sa, info->extack);
	if (ret)
		goto unlock;
	flow = sa->flow_id ? espgw_flow_find(&en->flows, sa->flow_id) : NULL;
	if (sa->flow_id && !flow) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[ESPGW_SA_A_FLOW_ID], "no flow with this ID");
		ret = -ENOENT;
		goto unlock;
	}
	/* With no port of its own, an SA joins its flow's peer's session. */
	if (flow && !tb[ESPGW_SA_A_PEER_PORT] && sa->encap != ESPGW_ENCAP_UDP &&
	    flow->peer_family == id.family && espgw_addr_equal(&flow->peer, &sa->remote, id.family))
		sa->peer_port = flow->peer_port;
	if (id.dir == ESPGW_DIR_IN && sa->encap == ESPGW_ENCAP_UDP) {
		/* Listening in the front-door VRF its tunnel has now. */
		int fvrf = flow ? espgw_tunnel_fvrf(en->net, flow->key.ifindex) : 0;
		struct espgw_encap_port *ep;

		ep = espgw_encap_get(en, id.family, ntohs(sa->encap_dport), fvrf,
				     info->extack);
		if (IS_ERR(ep)) {
			ret = PTR_ERR(ep);
			goto unlock;
		}
		sa->encap_port = ep;
	}
	if (old)
		espgw_sa_carry_over(old, sa);
	/* On its flow before the old SA leaves it: no gap for the packets. */
	if (flow) {
		ret = espgw_flow_attach_sa(flow, sa);
		if (ret) {
			if (sa->encap_port)
				espgw_encap_put(sa->encap_port);
			sa->encap_port = NULL;
			goto unlock;
		}
	}
	if (old) {
		espgw_sa_replace(&en->sas, old, sa);
	} else {
		ret = espgw_sa_insert(&en->sas, sa);
		if (ret) {
			espgw_flow_detach_sa(sa);
			if (sa->encap_port)
				espgw_encap_put(sa->encap_port);
			sa->encap_port = NULL;
		}
	}
	if (!ret)
		espgw_expire_start(en);
unlock:
	mutex_unlock(&en->sas.lock);
	if (ret)
		espgw_sa_put(sa);
	return ret;
}

int espgw_nl_del_sa(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	struct espgw_sa_id id;
	struct espgw_sa *sa;
	int ret;

	ret = parse_sa(info, tb) ?: parse_id(tb, info, &id);
	if (ret)
		return ret;
	mutex_lock(&en->sas.lock);
	sa = espgw_sa_lookup(&en->sas, &id);
	if (sa) {
		en->sessions.reason = info->attrs[ESPGW_A_REASON] ?
				      nla_get_u8(info->attrs[ESPGW_A_REASON]) : 0;
		espgw_sa_remove(&en->sas, sa);
		en->sessions.reason = 0;
	}
	mutex_unlock(&en->sas.lock);
	if (!sa) {
		NL_SET_ERR_MSG_MOD(info->extack, "no SA with this direction, SPI and destination");
		return -ENOENT;
	}
	return 0;
}

static int put_addr(struct sk_buff *skb, int type, const struct espgw_sa *sa, const void *addr)
{
	return nla_put(skb, type, sa->id.family == AF_INET ? sizeof(__be32) :
		       sizeof(struct in6_addr), addr);
}

static int put_lifetime(struct sk_buff *skb, int type, const struct espgw_lifetime *lt)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u64_64bit(skb, ESPGW_LIFETIME_A_BYTES, lt->bytes, ESPGW_LIFETIME_A_PAD) ||
	    nla_put_u64_64bit(skb, ESPGW_LIFETIME_A_PACKETS, lt->packets, ESPGW_LIFETIME_A_PAD) ||
	    nla_put_u64_64bit(skb, ESPGW_LIFETIME_A_SECONDS, lt->seconds, ESPGW_LIFETIME_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_sa_stats(struct sk_buff *skb, struct espgw_sa *sa)
{
	struct espgw_stats stats = {};

	espgw_sa_counts(sa, sa->id.dir == ESPGW_DIR_IN ? &stats.in : &stats.out);
	return espgw_put_stats(skb, ESPGW_SA_A_STATS, &stats);
}

/* Everything about an SA but its key. */
int espgw_nl_put_sa(struct sk_buff *skb, struct espgw_sa *sa)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_A_SA);
	u64 seq = sa->id.dir == ESPGW_DIR_IN ? espgw_replay_top(sa->replay) :
		  atomic64_read(&sa->seq_out);

	if (!nest ||
	    nla_put_u32(skb, ESPGW_SA_A_SPI, sa->id.spi) ||
	    nla_put_u8(skb, ESPGW_SA_A_DIRECTION, sa->id.dir) ||
	    put_addr(skb, ESPGW_SA_A_LOCAL_ADDR, sa, &sa->local) ||
	    put_addr(skb, ESPGW_SA_A_REMOTE_ADDR, sa, &sa->remote) ||
	    nla_put_string(skb, ESPGW_SA_A_ALGORITHM, sa->alg->name) ||
	    nla_put_u32(skb, ESPGW_SA_A_KEY_BITS, sa->alg->key_bits) ||
	    nla_put_u8(skb, ESPGW_SA_A_ENCAP, sa->encap) ||
	    (sa->encap == ESPGW_ENCAP_UDP &&
	     (nla_put_u16(skb, ESPGW_SA_A_ENCAP_SPORT, ntohs(sa->encap_sport)) ||
	      nla_put_u16(skb, ESPGW_SA_A_ENCAP_DPORT, ntohs(sa->encap_dport)))) ||
	    (sa->esn && nla_put_flag(skb, ESPGW_SA_A_ESN)) ||
	    (sa->id.dir == ESPGW_DIR_IN &&
	     nla_put_u32(skb, ESPGW_SA_A_REPLAY_WINDOW, sa->replay_window)) ||
	    put_lifetime(skb, ESPGW_SA_A_LIFETIME_SOFT, &sa->soft) ||
	    put_lifetime(skb, ESPGW_SA_A_LIFETIME_HARD, &sa->hard) ||
	    nla_put_u64_64bit(skb, ESPGW_SA_A_ADD_TIME, sa->add_time, ESPGW_SA_A_PAD) ||
	    (sa->flow_id && nla_put_u32(skb, ESPGW_SA_A_FLOW_ID, sa->flow_id)) ||
	    nla_put_u64_64bit(skb, ESPGW_SA_A_SEQ, seq, ESPGW_SA_A_PAD) ||
	    (test_bit(ESPGW_SA_SOFT_EXPIRED, &sa->flags) &&
	     nla_put_flag(skb, ESPGW_SA_A_SOFT_EXPIRED)) ||
	    nla_put_u16(skb, ESPGW_SA_A_PEER_PORT, ntohs(sa->peer_port)) ||
	    (sa->session && nla_put_u32(skb, ESPGW_SA_A_SESSION_ID, sa->session->id)) ||
	    put_sa_stats(skb, sa))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_sa_entry(struct sk_buff *skb, void *obj)
{
	return espgw_nl_put_sa(skb, obj);
}

static void *find_sa(struct espgw_net *en, struct genl_info *info)
{
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	struct espgw_sa_id id;
	struct espgw_sa *sa;
	int ret;

	ret = parse_sa(info, tb) ?: parse_id(tb, info, &id);
	if (ret)
		return ERR_PTR(ret);
	sa = espgw_sa_lookup(&en->sas, &id);
	if (!sa) {
		NL_SET_ERR_MSG_MOD(info->extack, "no SA with this direction, SPI and destination");
		return ERR_PTR(-ENOENT);
	}
	return sa;
}

int espgw_nl_get_sa(struct sk_buff *skb, struct genl_info *info)
{
	return espgw_nl_get_one(info, ESPGW_CMD_GET_SA, find_sa, put_sa_entry);
}

int espgw_nl_dump_sa(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct espgw_net *en = espgw_net(sock_net(skb->sk));

	return espgw_nl_dump_list(skb, cb, &en->sas.lock, &en->sas.list, &en->sas.generation,
				  offsetof(struct espgw_sa, list), ESPGW_CMD_GET_SA, put_sa_entry);
}
