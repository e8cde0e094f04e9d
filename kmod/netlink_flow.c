// SPDX-License-Identifier: GPL-2.0
/*
 * ESPGW_CMD_{NEW,DEL,GET}_FLOW: the flow table over generic netlink.
 */

#include <linux/espgw.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "dev.h"
#include "flow.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"
#include "session.h"

const struct nla_policy espgw_flow_policy[ESPGW_FLOW_A_MAX + 1] = {
	[ESPGW_FLOW_A_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_FLOW_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_FLOW_A_LOCAL_PREFIX] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_FLOW_A_LOCAL_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[ESPGW_FLOW_A_REMOTE_PREFIX] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_FLOW_A_REMOTE_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[ESPGW_FLOW_A_PROTO] = { .type = NLA_U8 },
	[ESPGW_FLOW_A_LOCAL_PORT] = { .type = NLA_U16 },
	[ESPGW_FLOW_A_REMOTE_PORT] = { .type = NLA_U16 },
	[ESPGW_FLOW_A_STATS] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_SA_COUNT] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_OUT_SPI] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_IN_SPI] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_OUT_REMAINING] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_IN_REMAINING] = { .type = NLA_REJECT },
	[ESPGW_FLOW_A_PEER_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_FLOW_A_PEER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_FLOW_A_SESSION_ID] = { .type = NLA_REJECT },
};

static int parse_flow(struct genl_info *info, struct nlattr **tb, u32 *id)
{
	int ret;

	if (!info->attrs[ESPGW_A_FLOW]) {
		NL_SET_ERR_MSG_MOD(info->extack, "flow attribute missing");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, ESPGW_A_FLOW);
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, ESPGW_FLOW_A_MAX, info->attrs[ESPGW_A_FLOW], espgw_flow_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[ESPGW_FLOW_A_ID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "flow ID missing");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[ESPGW_A_FLOW], ESPGW_FLOW_A_ID);
		return -EINVAL;
	}
	*id = nla_get_u32(tb[ESPGW_FLOW_A_ID]);
	return 0;
}

static bool has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP ||
	       proto == IPPROTO_UDPLITE;
}

/* One prefix and its length; returns its family or a negative errno. */
static int parse_prefix(struct nlattr *addr, struct nlattr *plen, union espgw_addr *a, u8 *len,
			struct genl_info *info)
{
	int family, max;

	switch (nla_len(addr)) {
	case sizeof(__be32):
		family = AF_INET;
		max = 32;
		break;
	case sizeof(struct in6_addr):
		family = AF_INET6;
		max = 128;
		break;
	default:
		NL_SET_ERR_MSG_ATTR(info->extack, addr, "a prefix is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	memset(a, 0, sizeof(*a));
	nla_memcpy(a, addr, sizeof(*a));
	*len = plen ? nla_get_u8(plen) : max;
	if (*len > max) {
		NL_SET_ERR_MSG_ATTR(info->extack, plen, "prefix length above 32 for IPv4");
		return -EINVAL;
	}
	return family;
}

/* The crypto endpoint the flow belongs to, if given. */
static int parse_peer(struct nlattr **tb, struct espgw_flow *flow, struct genl_info *info)
{
	struct nlattr *addr = tb[ESPGW_FLOW_A_PEER_ADDR];
	int family;

	flow->peer_port = htons(500);
	if (tb[ESPGW_FLOW_A_PEER_PORT]) {
		if (!addr) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[ESPGW_FLOW_A_PEER_PORT],
					    "a peer port needs a peer address");
			return -EINVAL;
		}
		flow->peer_port = htons(nla_get_u16(tb[ESPGW_FLOW_A_PEER_PORT]));
	}
	if (!addr)
		return 0;
	family = espgw_nla_addr(addr, &flow->peer, info->extack);
	if (family < 0)
		return family;
	flow->peer_family = family;
	return 0;
}

static struct espgw_flow *flow_from_attrs(struct nlattr **tb, struct genl_info *info, u32 id)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[ESPGW_A_FLOW];
	union espgw_addr local, remote;
	u8 local_plen, remote_plen, proto;
	struct net_device *dev;
	struct espgw_flow *flow;
	int family, ret;

	if (!tb[ESPGW_FLOW_A_IFINDEX]) {
		NL_SET_ERR_MSG_MOD(extack, "tunnel interface missing");
		NL_SET_ERR_ATTR_MISS(extack, nest, ESPGW_FLOW_A_IFINDEX);
		return ERR_PTR(-EINVAL);
	}
	if (!tb[ESPGW_FLOW_A_LOCAL_PREFIX] || !tb[ESPGW_FLOW_A_REMOTE_PREFIX]) {
		NL_SET_ERR_MSG_MOD(extack, "local and remote prefixes are required");
		NL_SET_ERR_ATTR_MISS(extack, nest, tb[ESPGW_FLOW_A_LOCAL_PREFIX] ?
				     ESPGW_FLOW_A_REMOTE_PREFIX : ESPGW_FLOW_A_LOCAL_PREFIX);
		return ERR_PTR(-EINVAL);
	}
	family = parse_prefix(tb[ESPGW_FLOW_A_LOCAL_PREFIX], tb[ESPGW_FLOW_A_LOCAL_PLEN], &local,
			      &local_plen, info);
	if (family < 0)
		return ERR_PTR(family);
	ret = parse_prefix(tb[ESPGW_FLOW_A_REMOTE_PREFIX], tb[ESPGW_FLOW_A_REMOTE_PLEN], &remote,
			   &remote_plen, info);
	if (ret < 0)
		return ERR_PTR(ret);
	if (ret != family) {
		NL_SET_ERR_MSG_MOD(extack, "local and remote prefixes are not of one family");
		return ERR_PTR(-EINVAL);
	}
	proto = tb[ESPGW_FLOW_A_PROTO] ? nla_get_u8(tb[ESPGW_FLOW_A_PROTO]) : 0;
	if (!has_ports(proto) && ((tb[ESPGW_FLOW_A_LOCAL_PORT] &&
				   nla_get_u16(tb[ESPGW_FLOW_A_LOCAL_PORT])) ||
				  (tb[ESPGW_FLOW_A_REMOTE_PORT] &&
				   nla_get_u16(tb[ESPGW_FLOW_A_REMOTE_PORT])))) {
		NL_SET_ERR_MSG_MOD(extack, "ports need protocol TCP, UDP, SCTP or UDP-Lite");
		return ERR_PTR(-EINVAL);
	}

	ASSERT_RTNL();
	dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(tb[ESPGW_FLOW_A_IFINDEX]));
	if (!dev || !espgw_dev_is_tunnel(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ESPGW_FLOW_A_IFINDEX],
				    "not an espgw tunnel interface");
		return ERR_PTR(-ENODEV);
	}
	flow = espgw_flow_alloc();
	if (!flow)
		return ERR_PTR(-ENOMEM);
	flow->id = id;
	flow->tun = netdev_priv(dev);
	flow->proto = proto;
	if (tb[ESPGW_FLOW_A_LOCAL_PORT])
		flow->local_port = htons(nla_get_u16(tb[ESPGW_FLOW_A_LOCAL_PORT]));
	if (tb[ESPGW_FLOW_A_REMOTE_PORT])
		flow->remote_port = htons(nla_get_u16(tb[ESPGW_FLOW_A_REMOTE_PORT]));
	espgw_flow_set_key(flow, dev->ifindex, family, &local, local_plen, &remote, remote_plen);
	ret = parse_peer(tb, flow, info);
	if (ret) {
		espgw_flow_free(flow);
		return ERR_PTR(ret);
	}
	return flow;
}

int espgw_nl_new_flow(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	bool replace = nla_get_flag(info->attrs[ESPGW_A_REPLACE]);
	struct nlattr *tb[ESPGW_FLOW_A_MAX + 1];
	struct espgw_flow *flow, *old;
	u32 id;
	int ret;

	ret = parse_flow(info, tb, &id);
	if (ret)
		return ret;
	/* RTNL keeps the tunnel from going before the flow is in its list. */
	rtnl_lock();
	flow = flow_from_attrs(tb, info, id);
	if (IS_ERR(flow)) {
		rtnl_unlock();
		return PTR_ERR(flow);
	}
	mutex_lock(&en->sas.lock);
	old = espgw_flow_find(&en->flows, id);
	if (old && !replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "a flow with this ID exists");
		ret = -EEXIST;
	} else if (!old && replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "no flow with this ID to replace");
		ret = -ENOENT;
	} else {
		ret = espgw_session_flow_link(en, flow);
		if (!ret)
			ret = old ? espgw_flow_replace(&en->flows, old, flow) :
				    espgw_flow_insert(&en->flows, flow);
		if (ret)
			espgw_session_flow_unlink(en, flow);
		else if (old)
			espgw_session_flow_replace(en, old, flow);
	}
	mutex_unlock(&en->sas.lock);
	rtnl_unlock();
	if (ret)
		espgw_flow_free(flow);
	return ret;
}

int espgw_nl_del_flow(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct nlattr *tb[ESPGW_FLOW_A_MAX + 1];
	struct espgw_flow *flow;
	u32 id;
	int ret;

	ret = parse_flow(info, tb, &id);
	if (ret)
		return ret;
	mutex_lock(&en->sas.lock);
	flow = espgw_flow_find(&en->flows, id);
	if (flow)
		espgw_flow_remove(&en->flows, &en->sas, flow);
	mutex_unlock(&en->sas.lock);
	if (!flow) {
		NL_SET_ERR_MSG_MOD(info->extack, "no flow with this ID");
		return -ENOENT;
	}
	return 0;
}

static int put_prefix(struct sk_buff *skb, int type, const struct espgw_flow *flow,
		      const union espgw_addr *a)
{
	return nla_put(skb, type, flow->key.family == AF_INET ? sizeof(__be32) :
		       sizeof(struct in6_addr), a);
}

/* What is left of @sa before its hard limits, in a nest of lifetime attributes. */
static int put_remaining(struct sk_buff *skb, int type, struct espgw_sa *sa)
{
	time64_t age = ktime_get_real_seconds() - sa->add_time;
	u64 used = atomic64_read(&sa->life_bytes);
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    (sa->hard.bytes &&
	     nla_put_u64_64bit(skb, ESPGW_LIFETIME_A_BYTES,
			       sa->hard.bytes > used ? sa->hard.bytes - used : 0,
			       ESPGW_LIFETIME_A_PAD)) ||
	    (sa->hard.seconds &&
	     nla_put_u64_64bit(skb, ESPGW_LIFETIME_A_SECONDS,
			       sa->hard.seconds > age ? sa->hard.seconds - age : 0,
			       ESPGW_LIFETIME_A_PAD)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The flow's session and current SAs (table lock held). */
static int put_flow_sas(struct sk_buff *skb, struct espgw_flow *flow)
{
	struct espgw_sa *out = rcu_dereference_protected(flow->out_sa, true);
	struct espgw_sa *sa, *in = NULL;

	list_for_each_entry_reverse(sa, &flow->sas, flow_list) {
		if (sa->id.dir == ESPGW_DIR_IN) {
			in = sa;
			break;
		}
	}
	if ((flow->session && nla_put_u32(skb, ESPGW_FLOW_A_SESSION_ID, flow->session->id)) ||
	    (in && (nla_put_u32(skb, ESPGW_FLOW_A_IN_SPI, in->id.spi) ||
		    put_remaining(skb, ESPGW_FLOW_A_IN_REMAINING, in))) ||
	    (out && put_remaining(skb, ESPGW_FLOW_A_OUT_REMAINING, out)))
		return -EMSGSIZE;
	return 0;
}

/* Everything about a flow; its counters walk its SAs (table lock held). */
int espgw_nl_put_flow(struct sk_buff *skb, struct espgw_flow *flow, bool with_stats)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_A_FLOW);
	struct espgw_sa *out;

	if (!nest ||
	    nla_put_u32(skb, ESPGW_FLOW_A_ID, flow->id) ||
	    nla_put_u32(skb, ESPGW_FLOW_A_IFINDEX, flow->key.ifindex) ||
	    put_prefix(skb, ESPGW_FLOW_A_LOCAL_PREFIX, flow, &flow->key.local) ||
	    nla_put_u8(skb, ESPGW_FLOW_A_LOCAL_PLEN, flow->key.local_plen) ||
	    put_prefix(skb, ESPGW_FLOW_A_REMOTE_PREFIX, flow, &flow->key.remote) ||
	    nla_put_u8(skb, ESPGW_FLOW_A_REMOTE_PLEN, flow->key.remote_plen) ||
	    nla_put_u8(skb, ESPGW_FLOW_A_PROTO, flow->proto) ||
	    (flow->local_port &&
	     nla_put_u16(skb, ESPGW_FLOW_A_LOCAL_PORT, ntohs(flow->local_port))) ||
	    (flow->remote_port &&
	     nla_put_u16(skb, ESPGW_FLOW_A_REMOTE_PORT, ntohs(flow->remote_port))) ||
	    nla_put_u32(skb, ESPGW_FLOW_A_SA_COUNT, READ_ONCE(flow->sa_count)) ||
	    (flow->peer_family &&
	     (nla_put(skb, ESPGW_FLOW_A_PEER_ADDR, flow->peer_family == AF_INET ?
		      sizeof(__be32) : sizeof(struct in6_addr), &flow->peer) ||
	      nla_put_u16(skb, ESPGW_FLOW_A_PEER_PORT, ntohs(flow->peer_port)))))
		return -EMSGSIZE;
	rcu_read_lock();
	out = rcu_dereference(flow->out_sa);
	if (out && nla_put_u32(skb, ESPGW_FLOW_A_OUT_SPI, out->id.spi)) {
		rcu_read_unlock();
		return -EMSGSIZE;
	}
	rcu_read_unlock();
	if (with_stats) {
		struct espgw_stats stats;

		espgw_flow_stats(flow, &stats);
		if (espgw_put_stats(skb, ESPGW_FLOW_A_STATS, &stats) ||
		    put_flow_sas(skb, flow))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_flow_entry(struct sk_buff *skb, void *obj)
{
	return espgw_nl_put_flow(skb, obj, true);
}

static void *find_flow(struct espgw_net *en, struct genl_info *info)
{
	struct nlattr *tb[ESPGW_FLOW_A_MAX + 1];
	struct espgw_flow *flow;
	u32 id;
	int ret;

	ret = parse_flow(info, tb, &id);
	if (ret)
		return ERR_PTR(ret);
	flow = espgw_flow_find(&en->flows, id);
	if (!flow) {
		NL_SET_ERR_MSG_MOD(info->extack, "no flow with this ID");
		return ERR_PTR(-ENOENT);
	}
	return flow;
}

int espgw_nl_get_flow(struct sk_buff *skb, struct genl_info *info)
{
	return espgw_nl_get_one(info, ESPGW_CMD_GET_FLOW, find_flow, put_flow_entry);
}

int espgw_nl_dump_flow(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct espgw_net *en = espgw_net(sock_net(skb->sk));

	return espgw_nl_dump_list(skb, cb, &en->sas.lock, &en->flows.list,
				  &en->flows.generation, offsetof(struct espgw_flow, list),
				  ESPGW_CMD_GET_FLOW, put_flow_entry);
}
