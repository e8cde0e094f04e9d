// SPDX-License-Identifier: GPL-2.0
/*
 * Peers, IKE SA records and crypto sessions over generic netlink:
 * ESPGW_CMD_{NEW,DEL,GET}_PEER, ESPGW_CMD_{NEW,DEL,GET}_IKE_SA,
 * ESPGW_CMD_GET_SESSION, ESPGW_CMD_CLEAR_SESSION and the SESSION and
 * CLEAR_SESSION events.
 */

#include <linux/espgw.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "dev.h"
#include "event.h"
#include "netlink.h"
#include "netns.h"
#include "session.h"

/* Longer strings than a description can be are refused with a clear message. */
#define ESPGW_STRING_MAX	1023

const struct nla_policy espgw_peer_policy[ESPGW_PEER_A_MAX + 1] = {
	[ESPGW_PEER_A_FVRF] = { .type = NLA_U32 },
	[ESPGW_PEER_A_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_PEER_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_PEER_A_DESCRIPTION] = { .type = NLA_NUL_STRING, .len = ESPGW_STRING_MAX },
	[ESPGW_PEER_A_ID] = { .type = NLA_NUL_STRING, .len = ESPGW_STRING_MAX },
	[ESPGW_PEER_A_IFINDEX] = { .type = NLA_U32 },
	[ESPGW_PEER_A_LOCAL_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_PEER_A_FLAGS] = { .type = NLA_REJECT },
	[ESPGW_PEER_A_FVRF_NAME] = { .type = NLA_REJECT },
};

const struct nla_policy espgw_ike_sa_policy[ESPGW_IKE_SA_A_MAX + 1] = {
	[ESPGW_IKE_SA_A_CONNID] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_IKE_SA_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_IKE_SA_A_LOCAL_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_IKE_SA_A_REMOTE_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_IKE_SA_A_LOCAL_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_IKE_SA_A_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_IKE_SA_A_STATE] = NLA_POLICY_RANGE(NLA_U8, ESPGW_IKE_STATE_NEGOTIATING,
						  ESPGW_IKE_STATE_DELETING),
	[ESPGW_IKE_SA_A_VERSION] = NLA_POLICY_RANGE(NLA_U8, 1, 2),
	[ESPGW_IKE_SA_A_CAPABILITIES] = NLA_POLICY_MAX(NLA_U32, ESPGW_IKE_CAP_ALL),
	[ESPGW_IKE_SA_A_ID] = { .type = NLA_NUL_STRING, .len = ESPGW_STRING_MAX },
	[ESPGW_IKE_SA_A_LIFETIME] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_ADD_TIME] = { .type = NLA_REJECT },
	[ESPGW_IKE_SA_A_SPI_I] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_SPI_R] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_SESSION_ID] = { .type = NLA_REJECT },
	[ESPGW_IKE_SA_A_OWNED] = { .type = NLA_FLAG },
};

const struct nla_policy espgw_filter_policy[ESPGW_FILTER_A_MAX + 1] = {
	[ESPGW_FILTER_A_LOCAL_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_FILTER_A_LOCAL_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_FILTER_A_REMOTE_ADDR] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[ESPGW_FILTER_A_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ESPGW_FILTER_A_FVRF] = NLA_POLICY_MIN(NLA_U32, 1),
	[ESPGW_FILTER_A_IVRF] = NLA_POLICY_MIN(NLA_U32, 1),
};

static int put_addr(struct sk_buff *skb, int type, u8 family, const union espgw_addr *a)
{
	return nla_put(skb, type, family == AF_INET ? sizeof(__be32) :
		       sizeof(struct in6_addr), a);
}

/*
 * Characters (code points) of a printable UTF-8 string, or -1: invalid
 * UTF-8, or control characters that would let it forge a log line.
 */
static int printable_utf8_len(const char *str)
{
	const unsigned char *p = (const unsigned char *)str;
	int n = 0;

	while (*p) {
		unsigned int len, i;
		u32 cp = *p;

		if (cp < 0x20 || cp == 0x7f)
			return -1;
		if (cp < 0x80)
			len = 1;
		else if ((cp & 0xe0) == 0xc0)
			len = 2, cp &= 0x1f;
		else if ((cp & 0xf0) == 0xe0)
			len = 3, cp &= 0x0f;
		else if ((cp & 0xf8) == 0xf0)
			len = 4, cp &= 0x07;
		else
			return -1;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
			return -1;
		p += len;
		n++;
	}
	return n;
}

/*
 * A string attribute checked and copied: NULL when absent, ERR_PTR on bad
 * input (extack messages are literals, hence a macro), "" to remove.
 */
#define dup_string(nla, max_chars, bad, too_long, extack) ({			\
	struct netlink_ext_ack *__ds_extack = (extack);				\
	const struct nlattr *__nla = (nla);					\
	char *__s = NULL;							\
	int __n;								\
										\
	if (__nla) {								\
		__n = printable_utf8_len(nla_data(__nla));			\
		if (__n < 0) {							\
			NL_SET_ERR_MSG_ATTR(__ds_extack, __nla, bad);		\
			__s = ERR_PTR(-EINVAL);					\
		} else if (__n > (max_chars)) {					\
			NL_SET_ERR_MSG_ATTR(__ds_extack, __nla, too_long);	\
			__s = ERR_PTR(-EINVAL);					\
		} else {							\
			__s = kstrdup(nla_data(__nla), GFP_KERNEL) ?: ERR_PTR(-ENOMEM); \
		}								\
	}									\
	__s;									\
})

/* Replaces *@field by @value (given), "" meaning none. */
static void set_string(char **field, char *value)
{
	if (!value)
		return;
	kfree(*field);
	*field = *value ? value : NULL;
	if (!*value)
		kfree(value);
}

/* A nested object attribute, parsed; messages are literals, hence a macro. */
#define parse_nest(info, type, max, policy, tb, missing) ({			\
	struct genl_info *__info = (info);					\
	int __ret = -EINVAL;							\
										\
	if (!__info->attrs[type]) {						\
		NL_SET_ERR_MSG_MOD(__info->extack, missing);			\
		NL_SET_ERR_ATTR_MISS(__info->extack, NULL, type);		\
	} else {								\
		__ret = nla_parse_nested(tb, max, __info->attrs[type], policy,	\
					 __info->extack);			\
	}									\
	__ret;									\
})

/* Peers. */

static int parse_peer_key(struct nlattr **tb, struct genl_info *info, struct espgw_peer_key *key)
{
	int family;

	if (!tb[ESPGW_PEER_A_ADDR]) {
		NL_SET_ERR_MSG_MOD(info->extack, "peer address missing");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[ESPGW_A_PEER], ESPGW_PEER_A_ADDR);
		return -EINVAL;
	}
	memset(key, 0, sizeof(*key));
	family = espgw_nla_addr(tb[ESPGW_PEER_A_ADDR], &key->addr, info->extack);
	if (family < 0)
		return family;
	key->family = family;
	key->fvrf = tb[ESPGW_PEER_A_FVRF] ? nla_get_u32(tb[ESPGW_PEER_A_FVRF]) : 0;
	return 0;
}

/* Under RTNL: a front-door VRF must be a VRF, an interface an espgw tunnel. */
static int check_devices(struct net *net, struct nlattr *fvrf, struct nlattr *ifindex,
			 struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	ASSERT_RTNL();
	if (fvrf && nla_get_u32(fvrf)) {
		dev = __dev_get_by_index(net, nla_get_u32(fvrf));
		if (!dev || !netif_is_l3_master(dev)) {
			NL_SET_ERR_MSG_ATTR(extack, fvrf, "front-door VRF is not a VRF device");
			return -ENODEV;
		}
	}
	if (ifindex && nla_get_u32(ifindex)) {
		dev = __dev_get_by_index(net, nla_get_u32(ifindex));
		if (!dev || !espgw_dev_is_tunnel(dev)) {
			NL_SET_ERR_MSG_ATTR(extack, ifindex, "not an espgw tunnel interface");
			return -ENODEV;
		}
	}
	return 0;
}

struct peer_change {
	char *description, *id;
	bool set_port, set_ifindex, set_local;
	u16 port;
	int ifindex;
	union espgw_addr local;
	u8 local_family;
};

static int parse_peer_change(struct nlattr **tb, struct genl_info *info, u8 family,
			     struct peer_change *c)
{
	int ret;

	memset(c, 0, sizeof(*c));
	if (tb[ESPGW_PEER_A_LOCAL_ADDR]) {
		ret = espgw_nla_addr(tb[ESPGW_PEER_A_LOCAL_ADDR], &c->local, info->extack);
		if (ret < 0)
			return ret;
		if (ret != family) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[ESPGW_PEER_A_LOCAL_ADDR],
					    "local and peer address are not of one family");
			return -EINVAL;
		}
		c->local_family = ret;
		c->set_local = true;
	}
	c->set_port = tb[ESPGW_PEER_A_PORT];
	c->port = c->set_port ? nla_get_u16(tb[ESPGW_PEER_A_PORT]) : 500;
	c->set_ifindex = tb[ESPGW_PEER_A_IFINDEX];
	c->ifindex = c->set_ifindex ? nla_get_u32(tb[ESPGW_PEER_A_IFINDEX]) : 0;
	c->description = dup_string(tb[ESPGW_PEER_A_DESCRIPTION], ESPGW_DESCRIPTION_MAX,
				    "description is not printable UTF-8",
				    "description longer than 80 characters", info->extack);
	if (IS_ERR(c->description))
		return PTR_ERR(c->description);
	c->id = dup_string(tb[ESPGW_PEER_A_ID], ESPGW_ID_MAX,
			   "phase-1 identity is not printable UTF-8",
			   "phase-1 identity longer than 255 characters", info->extack);
	if (IS_ERR(c->id)) {
		kfree(c->description);
		return PTR_ERR(c->id);
	}
	return 0;
}

static void apply_peer_change(struct espgw_peer *peer, struct peer_change *c)
{
	set_string(&peer->description, c->description);
	set_string(&peer->id, c->id);
	c->description = NULL;
	c->id = NULL;
	if (c->set_port)
		peer->port = c->port;
	if (c->set_ifindex)
		peer->ifindex = c->ifindex;
	if (c->set_local) {
		peer->local = c->local;
		peer->local_family = c->local_family;
	}
}

static int new_peer(struct espgw_net *en, const struct espgw_peer_key *key,
		    struct peer_change *c)
{
	struct espgw_peer *peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	int ret;

	if (!peer)
		return -ENOMEM;
	peer->key = *key;
	peer->port = 500;
	apply_peer_change(peer, c);
	ret = espgw_peer_insert(en, peer);
	if (ret)
		espgw_peer_free(peer);
	return ret;
}

/* Only the fields given change; a new session link must be possible. */
static int change_peer(struct espgw_net *en, struct espgw_peer *peer, struct peer_change *c)
{
	struct espgw_peer saved = *peer;
	bool relink = c->set_port || c->set_ifindex;
	int ret = 0;

	if (relink) {
		peer->port = c->set_port ? c->port : peer->port;
		peer->ifindex = c->set_ifindex ? c->ifindex : peer->ifindex;
		ret = espgw_peer_relink(en, peer);
		if (ret) {
			peer->port = saved.port;
			peer->ifindex = saved.ifindex;
			espgw_peer_relink(en, peer);
			return ret;
		}
	}
	apply_peer_change(peer, c);
	espgw_peer_changed(en);
	return 0;
}

int espgw_nl_new_peer(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	bool replace = nla_get_flag(info->attrs[ESPGW_A_REPLACE]);
	struct nlattr *tb[ESPGW_PEER_A_MAX + 1];
	struct espgw_peer_key key;
	struct espgw_peer *peer;
	struct peer_change c;
	int ret;

	ret = parse_nest(info, ESPGW_A_PEER, ESPGW_PEER_A_MAX, espgw_peer_policy, tb,
			 "peer attribute missing") ?: parse_peer_key(tb, info, &key);
	if (ret)
		return ret;
	ret = parse_peer_change(tb, info, key.family, &c);
	if (ret)
		return ret;
	rtnl_lock();
	ret = check_devices(genl_info_net(info), tb[ESPGW_PEER_A_FVRF], tb[ESPGW_PEER_A_IFINDEX],
			    info->extack);
	if (ret)
		goto out;
	mutex_lock(&en->sas.lock);
	peer = espgw_peer_find(en, &key);
	if (peer && !replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "this peer exists (change it with replace)");
		ret = -EEXIST;
	} else if (!peer && replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such peer to change");
		ret = -ENOENT;
	} else {
		ret = peer ? change_peer(en, peer, &c) : new_peer(en, &key, &c);
		if (ret == -EBUSY)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "another peer has this address and port on this interface");
	}
	mutex_unlock(&en->sas.lock);
out:
	rtnl_unlock();
	kfree(c.description);
	kfree(c.id);
	return ret;
}

static void *find_peer(struct espgw_net *en, struct genl_info *info)
{
	struct nlattr *tb[ESPGW_PEER_A_MAX + 1];
	struct espgw_peer_key key;
	struct espgw_peer *peer;
	int ret;

	ret = parse_nest(info, ESPGW_A_PEER, ESPGW_PEER_A_MAX, espgw_peer_policy, tb,
			 "peer attribute missing") ?: parse_peer_key(tb, info, &key);
	if (ret)
		return ERR_PTR(ret);
	peer = espgw_peer_find(en, &key);
	if (!peer) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such peer");
		return ERR_PTR(-ENOENT);
	}
	return peer;
}

int espgw_nl_del_peer(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct espgw_peer *peer;

	mutex_lock(&en->sas.lock);
	peer = find_peer(en, info);
	if (!IS_ERR(peer))
		espgw_peer_remove(en, peer);
	mutex_unlock(&en->sas.lock);
	return PTR_ERR_OR_ZERO(peer);
}

static int put_vrf_name(struct sk_buff *skb, int type, struct net *net, int ifindex)
{
	struct net_device *dev;
	int ret = 0;

	rcu_read_lock();
	dev = ifindex ? dev_get_by_index_rcu(net, ifindex) : NULL;
	if (dev)
		ret = nla_put_string(skb, type, dev->name);
	rcu_read_unlock();
	return ret;
}

static int put_peer(struct sk_buff *skb, int type, struct net *net, const struct espgw_peer *peer)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    (peer->key.fvrf &&
	     (nla_put_u32(skb, ESPGW_PEER_A_FVRF, peer->key.fvrf) ||
	      put_vrf_name(skb, ESPGW_PEER_A_FVRF_NAME, net, peer->key.fvrf))) ||
	    put_addr(skb, ESPGW_PEER_A_ADDR, peer->key.family, &peer->key.addr) ||
	    nla_put_u16(skb, ESPGW_PEER_A_PORT, peer->port) ||
	    (peer->description &&
	     nla_put_string(skb, ESPGW_PEER_A_DESCRIPTION, peer->description)) ||
	    (peer->id && nla_put_string(skb, ESPGW_PEER_A_ID, peer->id)) ||
	    (peer->ifindex && nla_put_u32(skb, ESPGW_PEER_A_IFINDEX, peer->ifindex)) ||
	    (peer->local_family &&
	     put_addr(skb, ESPGW_PEER_A_LOCAL_ADDR, peer->local_family, &peer->local)) ||
	    nla_put_u32(skb, ESPGW_PEER_A_FLAGS, ESPGW_PEER_F_POLICY))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_peer_entry(struct sk_buff *skb, void *obj)
{
	return put_peer(skb, ESPGW_A_PEER, sock_net(skb->sk), obj);
}

int espgw_nl_get_peer(struct sk_buff *skb, struct genl_info *info)
{
	return espgw_nl_get_one(info, ESPGW_CMD_GET_PEER, find_peer, put_peer_entry);
}

int espgw_nl_dump_peer(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct espgw_net *en = espgw_net(sock_net(skb->sk));

	return espgw_nl_dump_list(skb, cb, &en->sas.lock, &en->sessions.peer_list,
				  &en->sessions.peer_generation, offsetof(struct espgw_peer, list),
				  ESPGW_CMD_GET_PEER, put_peer_entry);
}

/* IKE SA records. */

static int parse_ike(struct genl_info *info, struct nlattr **tb, u32 *connid)
{
	int ret;

	ret = parse_nest(info, ESPGW_A_IKE_SA, ESPGW_IKE_SA_A_MAX, espgw_ike_sa_policy, tb,
			 "IKE SA attribute missing");
	if (ret)
		return ret;
	if (!tb[ESPGW_IKE_SA_A_CONNID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "connid missing");
		NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[ESPGW_A_IKE_SA],
				     ESPGW_IKE_SA_A_CONNID);
		return -EINVAL;
	}
	*connid = nla_get_u32(tb[ESPGW_IKE_SA_A_CONNID]);
	return 0;
}

/* Identity of a new record: interface, addresses and ports. */
static int parse_ike_endpoints(struct nlattr **tb, struct genl_info *info,
			       struct espgw_ike_sa *ike)
{
	static const int required[] = {
		ESPGW_IKE_SA_A_IFINDEX, ESPGW_IKE_SA_A_LOCAL_ADDR, ESPGW_IKE_SA_A_REMOTE_ADDR,
		ESPGW_IKE_SA_A_STATE,
	};
	union espgw_addr local, remote;
	int family, ret;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(required); i++) {
		if (!tb[required[i]]) {
			NL_SET_ERR_MSG_MOD(info->extack,
					   "interface, local and remote address and state are required");
			NL_SET_ERR_ATTR_MISS(info->extack, info->attrs[ESPGW_A_IKE_SA],
					     required[i]);
			return -EINVAL;
		}
	}
	family = espgw_nla_addr(tb[ESPGW_IKE_SA_A_LOCAL_ADDR], &local, info->extack);
	if (family < 0)
		return family;
	ret = espgw_nla_addr(tb[ESPGW_IKE_SA_A_REMOTE_ADDR], &remote, info->extack);
	if (ret < 0)
		return ret;
	if (ret != family) {
		NL_SET_ERR_MSG_MOD(info->extack, "local and remote address are not of one family");
		return -EINVAL;
	}
	ike->family = family;
	ike->local = local;
	ike->remote = remote;
	ike->ifindex = nla_get_u32(tb[ESPGW_IKE_SA_A_IFINDEX]);
	ike->lport = tb[ESPGW_IKE_SA_A_LOCAL_PORT] ?
		     nla_get_u16(tb[ESPGW_IKE_SA_A_LOCAL_PORT]) : 500;
	ike->rport = tb[ESPGW_IKE_SA_A_REMOTE_PORT] ?
		     nla_get_u16(tb[ESPGW_IKE_SA_A_REMOTE_PORT]) : 500;
	ike->version = 2;
	return 0;
}

/* The fields a replace may change. */
static void apply_ike_fields(struct nlattr **tb, struct espgw_ike_sa *ike, char *id)
{
	u64 lifetime;

	if (tb[ESPGW_IKE_SA_A_STATE])
		ike->state = nla_get_u8(tb[ESPGW_IKE_SA_A_STATE]);
	if (tb[ESPGW_IKE_SA_A_VERSION])
		ike->version = nla_get_u8(tb[ESPGW_IKE_SA_A_VERSION]);
	if (tb[ESPGW_IKE_SA_A_CAPABILITIES])
		ike->caps = nla_get_u32(tb[ESPGW_IKE_SA_A_CAPABILITIES]);
	if (tb[ESPGW_IKE_SA_A_SPI_I])
		ike->spi_i = nla_get_u64(tb[ESPGW_IKE_SA_A_SPI_I]);
	if (tb[ESPGW_IKE_SA_A_SPI_R])
		ike->spi_r = nla_get_u64(tb[ESPGW_IKE_SA_A_SPI_R]);
	if (tb[ESPGW_IKE_SA_A_LIFETIME]) {
		lifetime = min_t(u64, nla_get_u64(tb[ESPGW_IKE_SA_A_LIFETIME]), S32_MAX);
		ike->expires = lifetime ? ktime_get_real_seconds() + lifetime : 0;
	}
	set_string(&ike->id, id);
}

static bool ike_endpoints_differ(const struct espgw_ike_sa *a, const struct espgw_ike_sa *b)
{
	return a->ifindex != b->ifindex || a->family != b->family || a->lport != b->lport ||
	       a->rport != b->rport || memcmp(&a->local, &b->local, sizeof(a->local)) ||
	       memcmp(&a->remote, &b->remote, sizeof(a->remote));
}

static int update_ike(struct espgw_net *en, struct espgw_ike_sa *old, struct nlattr **tb,
		      struct genl_info *info, char *id)
{
	struct espgw_ike_sa ends = {};

	if (tb[ESPGW_IKE_SA_A_IFINDEX] || tb[ESPGW_IKE_SA_A_LOCAL_ADDR] ||
	    tb[ESPGW_IKE_SA_A_REMOTE_ADDR] || tb[ESPGW_IKE_SA_A_LOCAL_PORT] ||
	    tb[ESPGW_IKE_SA_A_REMOTE_PORT]) {
		if (parse_ike_endpoints(tb, info, &ends) || ike_endpoints_differ(old, &ends)) {
			NL_SET_ERR_MSG_MOD(info->extack,
					   "the interface, addresses and ports of an IKE SA cannot change");
			return -EINVAL;
		}
	}
	apply_ike_fields(tb, old, id);
	espgw_ike_sa_changed(en, old);
	return 0;
}

int espgw_nl_new_ike_sa(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	bool replace = nla_get_flag(info->attrs[ESPGW_A_REPLACE]);
	struct nlattr *tb[ESPGW_IKE_SA_A_MAX + 1];
	struct espgw_ike_sa *ike = NULL, *old;
	char *id;
	u32 connid;
	int ret;

	ret = parse_ike(info, tb, &connid);
	if (ret)
		return ret;
	id = dup_string(tb[ESPGW_IKE_SA_A_ID], ESPGW_ID_MAX,
			"phase-1 identity is not printable UTF-8",
			"phase-1 identity longer than 255 characters", info->extack);
	if (IS_ERR(id))
		return PTR_ERR(id);
	if (!replace) {
		ike = kzalloc(sizeof(*ike), GFP_KERNEL);
		ret = ike ? parse_ike_endpoints(tb, info, ike) : -ENOMEM;
		if (ret)
			goto out;
		ike->connid = connid;
		ike->add_time = ktime_get_real_seconds();
		if (nla_get_flag(tb[ESPGW_IKE_SA_A_OWNED]))
			ike->owner = info->snd_portid;
		apply_ike_fields(tb, ike, id);
		id = NULL;
	}
	rtnl_lock();
	ret = ike ? check_devices(genl_info_net(info), NULL, tb[ESPGW_IKE_SA_A_IFINDEX],
				  info->extack) : 0;
	if (ret)
		goto unlock_rtnl;
	mutex_lock(&en->sas.lock);
	old = espgw_ike_sa_find(en, connid);
	if (old && !replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "an IKE SA with this connid exists");
		ret = -EEXIST;
	} else if (!old && replace) {
		NL_SET_ERR_MSG_MOD(info->extack, "no IKE SA with this connid to replace");
		ret = -ENOENT;
	} else if (old) {
		ret = update_ike(en, old, tb, info, id);
		if (!ret)
			id = NULL;
	} else {
		ret = espgw_ike_sa_insert(en, ike);
		if (!ret)
			ike = NULL;
	}
	if (!ret)
		espgw_expire_start(en);
	mutex_unlock(&en->sas.lock);
unlock_rtnl:
	rtnl_unlock();
out:
	kfree(id);
	espgw_ike_sa_free(ike);
	return ret;
}

static void *find_ike(struct espgw_net *en, struct genl_info *info)
{
	struct nlattr *tb[ESPGW_IKE_SA_A_MAX + 1];
	struct espgw_ike_sa *ike;
	u32 connid;
	int ret;

	ret = parse_ike(info, tb, &connid);
	if (ret)
		return ERR_PTR(ret);
	ike = espgw_ike_sa_find(en, connid);
	if (!ike) {
		NL_SET_ERR_MSG_MOD(info->extack, "no IKE SA with this connid");
		return ERR_PTR(-ENOENT);
	}
	return ike;
}

int espgw_nl_del_ike_sa(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct espgw_ike_sa *ike;

	mutex_lock(&en->sas.lock);
	ike = find_ike(en, info);
	if (!IS_ERR(ike))
		espgw_ike_sa_remove(en, ike, info->attrs[ESPGW_A_REASON] ?
				    nla_get_u8(info->attrs[ESPGW_A_REASON]) :
				    ESPGW_REASON_DELETED);
	mutex_unlock(&en->sas.lock);
	return PTR_ERR_OR_ZERO(ike);
}

static int put_ike(struct sk_buff *skb, const struct espgw_ike_sa *ike)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_A_IKE_SA);
	time64_t now = ktime_get_real_seconds();

	if (!nest ||
	    nla_put_u32(skb, ESPGW_IKE_SA_A_CONNID, ike->connid) ||
	    nla_put_u32(skb, ESPGW_IKE_SA_A_IFINDEX, ike->ifindex) ||
	    put_addr(skb, ESPGW_IKE_SA_A_LOCAL_ADDR, ike->family, &ike->local) ||
	    put_addr(skb, ESPGW_IKE_SA_A_REMOTE_ADDR, ike->family, &ike->remote) ||
	    nla_put_u16(skb, ESPGW_IKE_SA_A_LOCAL_PORT, ike->lport) ||
	    nla_put_u16(skb, ESPGW_IKE_SA_A_REMOTE_PORT, ike->rport) ||
	    nla_put_u8(skb, ESPGW_IKE_SA_A_STATE, ike->state) ||
	    nla_put_u8(skb, ESPGW_IKE_SA_A_VERSION, ike->version) ||
	    nla_put_u32(skb, ESPGW_IKE_SA_A_CAPABILITIES, ike->caps) ||
	    (ike->id && nla_put_string(skb, ESPGW_IKE_SA_A_ID, ike->id)) ||
	    (ike->expires &&
	     nla_put_u64_64bit(skb, ESPGW_IKE_SA_A_LIFETIME,
			       ike->expires > now ? ike->expires - now : 0, ESPGW_IKE_SA_A_PAD)) ||
	    nla_put_u64_64bit(skb, ESPGW_IKE_SA_A_ADD_TIME, ike->add_time, ESPGW_IKE_SA_A_PAD) ||
	    (ike->spi_i &&
	     nla_put_u64_64bit(skb, ESPGW_IKE_SA_A_SPI_I, ike->spi_i, ESPGW_IKE_SA_A_PAD)) ||
	    (ike->spi_r &&
	     nla_put_u64_64bit(skb, ESPGW_IKE_SA_A_SPI_R, ike->spi_r, ESPGW_IKE_SA_A_PAD)) ||
	    nla_put_u32(skb, ESPGW_IKE_SA_A_SESSION_ID, ike->session->id) ||
	    (ike->owner && nla_put_flag(skb, ESPGW_IKE_SA_A_OWNED)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_ike_entry(struct sk_buff *skb, void *obj)
{
	return put_ike(skb, obj);
}

int espgw_nl_get_ike_sa(struct sk_buff *skb, struct genl_info *info)
{
	return espgw_nl_get_one(info, ESPGW_CMD_GET_IKE_SA, find_ike, put_ike_entry);
}

int espgw_nl_dump_ike_sa(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct espgw_net *en = espgw_net(sock_net(skb->sk));

	return espgw_nl_dump_list(skb, cb, &en->sas.lock, &en->sessions.ike_list,
				  &en->sessions.ike_generation, offsetof(struct espgw_ike_sa, list),
				  ESPGW_CMD_GET_IKE_SA, put_ike_entry);
}

/* Sessions. */

enum {
	PUT_IKE_SAS = 1,
	PUT_FLOWS = 2,
};

static int put_session_head(struct sk_buff *skb, struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_peer *peer = espgw_session_peer(en, s);
	const char *id = espgw_session_phase1_id(s, peer);
	struct espgw_session_names n;
	union espgw_addr local;
	u16 lport;
	u8 family;

	espgw_session_names(en, s, &n);
	family = espgw_session_local(en, s, &local, &lport);
	if (nla_put_u32(skb, ESPGW_SESSION_A_ID, s->id) ||
	    nla_put_u32(skb, ESPGW_SESSION_A_IFINDEX, s->key.ifindex) ||
	    (n.ifname[0] && nla_put_string(skb, ESPGW_SESSION_A_IFNAME, n.ifname)) ||
	    (n.fvrf && nla_put_u32(skb, ESPGW_SESSION_A_FVRF, n.fvrf)) ||
	    (n.fvrf_name[0] && nla_put_string(skb, ESPGW_SESSION_A_FVRF_NAME, n.fvrf_name)) ||
	    (n.ivrf && nla_put_u32(skb, ESPGW_SESSION_A_IVRF, n.ivrf)) ||
	    (n.ivrf_name[0] && nla_put_string(skb, ESPGW_SESSION_A_IVRF_NAME, n.ivrf_name)) ||
	    (family && put_addr(skb, ESPGW_SESSION_A_LOCAL_ADDR, family, &local)) ||
	    nla_put_u16(skb, ESPGW_SESSION_A_LOCAL_PORT, lport) ||
	    put_addr(skb, ESPGW_SESSION_A_REMOTE_ADDR, s->key.family, &s->key.remote) ||
	    nla_put_u16(skb, ESPGW_SESSION_A_REMOTE_PORT, ntohs(s->key.rport)) ||
	    nla_put_u8(skb, ESPGW_SESSION_A_STATUS, s->status) ||
	    nla_put_u32(skb, ESPGW_SESSION_A_SA_COUNT, s->sa_count) ||
	    (id && nla_put_string(skb, ESPGW_SESSION_A_PHASE1_ID, id)) ||
	    (espgw_session_up(s) &&
	     nla_put_u64_64bit(skb, ESPGW_SESSION_A_UP_TIME, s->up_time, ESPGW_SESSION_A_PAD)) ||
	    (s->down_time &&
	     (nla_put_u8(skb, ESPGW_SESSION_A_DOWN_REASON, s->down_reason) ||
	      nla_put_u64_64bit(skb, ESPGW_SESSION_A_DOWN_TIME, s->down_time,
				ESPGW_SESSION_A_PAD))))
		return -EMSGSIZE;
	/* A session's identity shows in the peer nest even when none is configured. */
	if (peer)
		return put_peer(skb, ESPGW_SESSION_A_PEER, en->net, peer);
	if (id) {
		struct nlattr *nest = nla_nest_start(skb, ESPGW_SESSION_A_PEER);

		if (!nest || nla_put_string(skb, ESPGW_PEER_A_ID, id))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int put_session_ike_sas(struct sk_buff *skb, struct espgw_session *s)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_SESSION_A_IKE_SAS);
	struct espgw_ike_sa *ike;

	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(ike, &s->ike_sas, session_list)
		if (put_ike(skb, ike))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The flows of @s from the @start'th on, as many as fit: 0 when all are in,
 * 1 when the next message goes on at *@next.
 */
static int put_session_flows(struct sk_buff *skb, struct espgw_session *s, long start,
			     long *next)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_SESSION_A_FLOWS);
	struct espgw_flow *flow;
	bool more = false;
	long pos = 0;
	void *last;

	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(flow, &s->flows, session_list) {
		if (pos < start) {
			pos++;
			continue;
		}
		last = skb_tail_pointer(skb);
		if (espgw_nl_put_flow(skb, flow, true)) {
			nlmsg_trim(skb, last);
			more = true;
			break;
		}
		pos++;
	}
	nla_nest_end(skb, nest);
	if (!more)
		return 0;
	if (pos == start)
		return -EMSGSIZE;	/* not even one flow fits */
	*next = pos;
	return nla_put_flag(skb, ESPGW_SESSION_A_MORE) ?: 1;
}

static int put_session(struct sk_buff *skb, struct espgw_net *en, struct espgw_session *s,
		       unsigned int parts, long flow_start, long *flow_next)
{
	struct nlattr *nest = nla_nest_start(skb, ESPGW_A_SESSION);
	int ret;

	*flow_next = 0;
	if (!nest)
		return -EMSGSIZE;
	ret = put_session_head(skb, en, s);
	if (!ret && (parts & PUT_IKE_SAS))
		ret = put_session_ike_sas(skb, s);
	if (!ret && (parts & PUT_FLOWS))
		ret = put_session_flows(skb, s, flow_start, flow_next);
	if (ret < 0)
		return ret;
	nla_nest_end(skb, nest);
	return ret;
}

/*
 * One message per session; a session whose flows do not fit goes on in the
 * next message (cb->args[1]: its next flow).
 */
int espgw_nl_dump_session(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct espgw_net *en = espgw_net(sock_net(skb->sk));
	long skip = cb->args[0], flow_start = cb->args[1], pos = 0, next;
	struct espgw_session *s;
	int ret = 0;
	void *hdr;

	mutex_lock(&en->sas.lock);
	cb->seq = en->sessions.generation;
	list_for_each_entry(s, &en->sessions.session_list, list) {
		if (pos < skip) {
			pos++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &espgw_genl_family, NLM_F_MULTI, ESPGW_CMD_GET_SESSION);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		ret = put_session(skb, en, s, PUT_IKE_SAS | PUT_FLOWS, flow_start, &next);
		if (ret < 0) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		flow_start = next;
		if (ret > 0) {
			ret = -EMSGSIZE;
			break;
		}
		pos++;
	}
	mutex_unlock(&en->sas.lock);
	cb->args[0] = pos;
	cb->args[1] = flow_start;
	/* A full skb ends this round; one session that fits nowhere fails. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

struct session_event {
	struct espgw_net *en;
	struct espgw_session *s;
	unsigned int parts;
};

static int put_session_event(struct sk_buff *skb, void *arg)
{
	struct session_event *ev = arg;
	long next;

	return put_session(skb, ev->en, ev->s, ev->parts, 0, &next);
}

void espgw_nl_session_event(struct espgw_net *en, struct espgw_session *s)
{
	struct session_event ev = { en, s, 0 };

	espgw_nl_multicast(en, ESPGW_CMD_SESSION, GFP_KERNEL, put_session_event, &ev);
}

void espgw_nl_clear_event(struct espgw_net *en, struct espgw_session *s)
{
	struct session_event ev = { en, s, PUT_IKE_SAS };

	espgw_nl_multicast(en, ESPGW_CMD_CLEAR_SESSION, GFP_KERNEL, put_session_event, &ev);
}

static int parse_filter_addr(struct nlattr *addr, struct nlattr *port, union espgw_addr *a,
			     u8 *family, u16 *p, struct netlink_ext_ack *extack)
{
	int ret;

	if (port && !addr) {
		NL_SET_ERR_MSG_ATTR(extack, port, "a port needs an address");
		return -EINVAL;
	}
	if (!addr)
		return 0;
	ret = espgw_nla_addr(addr, a, extack);
	if (ret < 0)
		return ret;
	*family = ret;
	*p = port ? nla_get_u16(port) : 0;
	return 0;
}

int espgw_nl_clear_session(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct nlattr *tb[ESPGW_FILTER_A_MAX + 1] = {};
	struct espgw_session_filter f = {};
	unsigned int cleared;
	int ret;

	if (info->attrs[ESPGW_A_FILTER]) {
		ret = nla_parse_nested(tb, ESPGW_FILTER_A_MAX, info->attrs[ESPGW_A_FILTER],
				       espgw_filter_policy, info->extack);
		if (ret)
			return ret;
	}
	ret = parse_filter_addr(tb[ESPGW_FILTER_A_LOCAL_ADDR], tb[ESPGW_FILTER_A_LOCAL_PORT],
				&f.local, &f.local_family, &f.lport, info->extack) ?:
	      parse_filter_addr(tb[ESPGW_FILTER_A_REMOTE_ADDR], tb[ESPGW_FILTER_A_REMOTE_PORT],
				&f.remote, &f.remote_family, &f.rport, info->extack);
	if (ret)
		return ret;
	f.fvrf = tb[ESPGW_FILTER_A_FVRF] ? nla_get_u32(tb[ESPGW_FILTER_A_FVRF]) : 0;
	f.ivrf = tb[ESPGW_FILTER_A_IVRF] ? nla_get_u32(tb[ESPGW_FILTER_A_IVRF]) : 0;

	mutex_lock(&en->sas.lock);
	cleared = espgw_session_clear(en, &f);
	mutex_unlock(&en->sas.lock);
	if (!cleared) {
		NL_SET_ERR_MSG_MOD(info->extack, "no crypto session matches");
		return -ENOENT;
	}
	return 0;
}
