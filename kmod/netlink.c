// SPDX-License-Identifier: GPL-2.0
/*
 * The espgw generic netlink family: the only way in and out of the module.
 *
 * Reading is open to anyone in the namespace; every operation that changes
 * state carries GENL_UNS_ADMIN_PERM, so it needs CAP_NET_ADMIN over the
 * user namespace that owns the network namespace.  Every rejection of a
 * request says why through extack.
 */

#include <linux/espgw.h>
#include <net/genetlink.h>

#include "crypto.h"
#include "netlink.h"
#include "netns.h"
#include "version.h"

static const struct genl_multicast_group espgw_mcgrps[] = {
	[ESPGW_MCGRP_EVENTS_ID] = { .name = ESPGW_MCGRP_EVENTS },
};

static const struct nla_policy espgw_settings_policy[ESPGW_SETTINGS_A_MAX + 1] = {
	[ESPGW_SETTINGS_A_ACQUIRE_RATE] = NLA_POLICY_RANGE(NLA_U32,
							   ESPGW_ACQUIRE_RATE_MIN,
							   ESPGW_ACQUIRE_RATE_MAX),
	[ESPGW_SETTINGS_A_SESSION_LOG] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy espgw_policy[ESPGW_A_MAX + 1] = {
	[ESPGW_A_SETTINGS] = NLA_POLICY_NESTED(espgw_settings_policy),
	[ESPGW_A_SA] = NLA_POLICY_NESTED(espgw_sa_policy),
	[ESPGW_A_REPLACE] = { .type = NLA_FLAG },
	[ESPGW_A_FLOW] = NLA_POLICY_NESTED(espgw_flow_policy),
	[ESPGW_A_STATS] = { .type = NLA_REJECT },
	[ESPGW_A_HARD] = { .type = NLA_REJECT },
	[ESPGW_A_PEER] = NLA_POLICY_NESTED(espgw_peer_policy),
	[ESPGW_A_IKE_SA] = NLA_POLICY_NESTED(espgw_ike_sa_policy),
	[ESPGW_A_SESSION] = { .type = NLA_REJECT },
	[ESPGW_A_FILTER] = NLA_POLICY_NESTED(espgw_filter_policy),
	[ESPGW_A_REASON] = NLA_POLICY_RANGE(NLA_U8, 1, ESPGW_REASON_MAX),
};

static void *espgw_genlmsg_put(struct sk_buff *skb, const struct genl_info *info,
			       u8 cmd)
{
	return genlmsg_put(skb, info ? info->snd_portid : 0,
			   info ? info->snd_seq : 0, &espgw_genl_family, 0, cmd);
}

static int espgw_put_algorithms(struct sk_buff *skb)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = nla_nest_start(skb, ESPGW_A_ALGORITHMS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < espgw_algorithm_count; i++) {
		const struct espgw_algorithm *alg = &espgw_algorithms[i];

		entry = nla_nest_start(skb, ESPGW_A_ALGORITHM);
		if (!entry ||
		    nla_put_string(skb, ESPGW_ALGORITHM_A_NAME, alg->name) ||
		    nla_put_u32(skb, ESPGW_ALGORITHM_A_KEY_BITS, alg->key_bits) ||
		    nla_put_u32(skb, ESPGW_ALGORITHM_A_ICV_BITS, alg->icv_bits) ||
		    (espgw_algorithm_available(alg) &&
		     nla_put_flag(skb, ESPGW_ALGORITHM_A_AVAILABLE)))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, list);
	return 0;
}

static int espgw_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = espgw_genlmsg_put(msg, info, ESPGW_CMD_GET_INFO);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err;
	}
	if (nla_put_string(msg, ESPGW_A_MODULE_VERSION, ESPGW_VERSION) ||
	    nla_put_u32(msg, ESPGW_A_FAMILY_VERSION, ESPGW_GENL_VERSION)) {
		ret = -EMSGSIZE;
		goto err;
	}
	ret = espgw_put_algorithms(msg);
	if (ret < 0)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err:
	nlmsg_free(msg);
	return ret;
}

static int espgw_put_settings(struct sk_buff *skb, const struct espgw_net *en)
{
	struct nlattr *nest;

	lockdep_assert_held(&en->config_lock);

	nest = nla_nest_start(skb, ESPGW_A_SETTINGS);
	if (!nest ||
	    nla_put_u32(skb, ESPGW_SETTINGS_A_ACQUIRE_RATE, en->acquire_rate) ||
	    nla_put_u8(skb, ESPGW_SETTINGS_A_SESSION_LOG, en->session_log))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static struct sk_buff *espgw_settings_msg(const struct espgw_net *en,
					  const struct genl_info *info, u8 cmd)
{
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	hdr = espgw_genlmsg_put(msg, info, cmd);
	if (!hdr || espgw_put_settings(msg, en) < 0) {
		nlmsg_free(msg);
		return ERR_PTR(-EMSGSIZE);
	}
	genlmsg_end(msg, hdr);
	return msg;
}

static int espgw_nl_get_settings(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct sk_buff *msg;

	mutex_lock(&en->config_lock);
	msg = espgw_settings_msg(en, info, ESPGW_CMD_GET_SETTINGS);
	mutex_unlock(&en->config_lock);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	return genlmsg_reply(msg, info);
}

static int espgw_nl_set_settings(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct nlattr *tb[ESPGW_SETTINGS_A_MAX + 1];
	struct sk_buff *event;
	int ret;

	if (!info->attrs[ESPGW_A_SETTINGS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "settings attribute missing");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, ESPGW_A_SETTINGS);
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, ESPGW_SETTINGS_A_MAX, info->attrs[ESPGW_A_SETTINGS],
			       espgw_settings_policy, info->extack);
	if (ret < 0)
		return ret;
	if (!tb[ESPGW_SETTINGS_A_ACQUIRE_RATE] && !tb[ESPGW_SETTINGS_A_SESSION_LOG]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[ESPGW_A_SETTINGS],
				    "no setting to change");
		return -EINVAL;
	}

	mutex_lock(&en->config_lock);
	if (tb[ESPGW_SETTINGS_A_ACQUIRE_RATE])
		en->acquire_rate = nla_get_u32(tb[ESPGW_SETTINGS_A_ACQUIRE_RATE]);
	if (tb[ESPGW_SETTINGS_A_SESSION_LOG])
		en->session_log = nla_get_u8(tb[ESPGW_SETTINGS_A_SESSION_LOG]);
	/*
	 * Multicast under the lock, so listeners see changes in the order
	 * they were made.  The change is made; a lost notification is not
	 * the caller's error.
	 */
	event = espgw_settings_msg(en, NULL, ESPGW_CMD_SET_SETTINGS);
	if (!IS_ERR(event))
		genlmsg_multicast_netns(&espgw_genl_family, en->net, event, 0,
					ESPGW_MCGRP_EVENTS_ID, GFP_KERNEL);
	mutex_unlock(&en->config_lock);
	return 0;
}

/*
 * Dumps of a list under @lock resume by position; the generation in
 * cb->seq lets the core flag a dump that saw the list change
 * (NLM_F_DUMP_INTR).
 */
int espgw_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb, struct mutex *lock,
		       struct list_head *head, const unsigned int *generation, size_t off,
		       u8 cmd, int (*put)(struct sk_buff *skb, void *obj))
{
	long skip = cb->args[0], pos = 0;
	struct list_head *node;
	void *hdr;
	int ret = 0;

	mutex_lock(lock);
	cb->seq = *generation;
	list_for_each(node, head) {
		if (pos++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &espgw_genl_family, NLM_F_MULTI, cmd);
		if (!hdr) {
			ret = -EMSGSIZE;
			pos--;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (put(skb, (void *)node - off)) {
			genlmsg_cancel(skb, hdr);
			ret = -EMSGSIZE;
			pos--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(lock);
	cb->args[0] = pos;
	/* A full skb ends this round; the core calls again for the rest. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

/* An address attribute: its family, or -EINVAL with a message. */
int espgw_nla_addr(const struct nlattr *nla, union espgw_addr *a, struct netlink_ext_ack *extack)
{
	memset(a, 0, sizeof(*a));
	switch (nla_len(nla)) {
	case sizeof(__be32):
		nla_memcpy(&a->v4, nla, sizeof(a->v4));
		return AF_INET;
	case sizeof(struct in6_addr):
		nla_memcpy(&a->v6, nla, sizeof(a->v6));
		return AF_INET6;
	}
	NL_SET_ERR_MSG_ATTR(extack, nla, "an address is 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/*
 * A GET of one object: @find (under the table lock) returns it, or an
 * ERR_PTR after saying why in extack; @put writes it into the reply.
 */
int espgw_nl_get_one(struct genl_info *info, u8 cmd,
		     void *(*find)(struct espgw_net *en, struct genl_info *info),
		     int (*put)(struct sk_buff *skb, void *obj))
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr, *obj;
	int ret;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = espgw_genlmsg_put(msg, info, cmd);
	mutex_lock(&en->sas.lock);
	obj = find(en, info);
	ret = IS_ERR(obj) ? PTR_ERR(obj) : !hdr ? -EMSGSIZE : put(msg, obj);
	mutex_unlock(&en->sas.lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * An event: @cmd with what @put writes, to the namespace's listeners.  A
 * lost event (no memory) is not an error of whatever caused it.
 */
void espgw_nl_multicast(struct espgw_net *en, u8 cmd, gfp_t gfp,
			int (*put)(struct sk_buff *skb, void *arg), void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&espgw_genl_family, en->net, ESPGW_MCGRP_EVENTS_ID))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &espgw_genl_family, 0, cmd);
	if (!hdr || (put && put(msg, arg))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&espgw_genl_family, en->net, msg, 0, ESPGW_MCGRP_EVENTS_ID, gfp);
}

static int espgw_nl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct espgw_stats stats = {};
	struct sk_buff *msg;
	void *hdr;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = espgw_genlmsg_put(msg, info, ESPGW_CMD_GET_STATS);
	mutex_lock(&en->sas.lock);
	espgw_counters_sum(en->in_drops, &stats.in);
	espgw_counts_sub(&stats.in, &en->in_base);
	espgw_counters_sum(en->out_drops, &stats.out);
	espgw_counts_sub(&stats.out, &en->out_base);
	mutex_unlock(&en->sas.lock);
	if (!hdr || espgw_put_stats(msg, ESPGW_A_STATS, &stats)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int espgw_nl_clear_counters(struct sk_buff *skb, struct genl_info *info)
{
	struct espgw_net *en = espgw_net(genl_info_net(info));
	struct espgw_flow *flow;
	struct espgw_sa *sa;

	mutex_lock(&en->sas.lock);
	list_for_each_entry(sa, &en->sas.list, list) {
		memset(&sa->base, 0, sizeof(sa->base));
		espgw_counters_sum(sa->counters, &sa->base);
	}
	list_for_each_entry(flow, &en->flows.list, list)
		espgw_flow_clear_counters(flow);
	memset(&en->in_base, 0, sizeof(en->in_base));
	memset(&en->out_base, 0, sizeof(en->out_base));
	espgw_counters_sum(en->in_drops, &en->in_base);
	espgw_counters_sum(en->out_drops, &en->out_base);
	espgw_nl_multicast(en, ESPGW_CMD_CLEAR_COUNTERS, GFP_KERNEL, NULL, NULL);
	mutex_unlock(&en->sas.lock);
	return 0;
}

static const struct genl_ops espgw_genl_ops[] = {
	{
		.cmd = ESPGW_CMD_GET_INFO,
		.doit = espgw_nl_get_info,
	},
	{
		.cmd = ESPGW_CMD_GET_SETTINGS,
		.doit = espgw_nl_get_settings,
	},
	{
		.cmd = ESPGW_CMD_SET_SETTINGS,
		.doit = espgw_nl_set_settings,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_NEW_SA,
		.doit = espgw_nl_new_sa,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_DEL_SA,
		.doit = espgw_nl_del_sa,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_GET_SA,
		.doit = espgw_nl_get_sa,
		.dumpit = espgw_nl_dump_sa,
	},
	{
		.cmd = ESPGW_CMD_NEW_FLOW,
		.doit = espgw_nl_new_flow,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_DEL_FLOW,
		.doit = espgw_nl_del_flow,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_GET_FLOW,
		.doit = espgw_nl_get_flow,
		.dumpit = espgw_nl_dump_flow,
	},
	{
		.cmd = ESPGW_CMD_GET_STATS,
		.doit = espgw_nl_get_stats,
	},
	{
		.cmd = ESPGW_CMD_CLEAR_COUNTERS,
		.doit = espgw_nl_clear_counters,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_NEW_PEER,
		.doit = espgw_nl_new_peer,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_DEL_PEER,
		.doit = espgw_nl_del_peer,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_GET_PEER,
		.doit = espgw_nl_get_peer,
		.dumpit = espgw_nl_dump_peer,
	},
	{
		.cmd = ESPGW_CMD_NEW_IKE_SA,
		.doit = espgw_nl_new_ike_sa,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_DEL_IKE_SA,
		.doit = espgw_nl_del_ike_sa,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = ESPGW_CMD_GET_IKE_SA,
		.doit = espgw_nl_get_ike_sa,
		.dumpit = espgw_nl_dump_ike_sa,
	},
	{
		.cmd = ESPGW_CMD_GET_SESSION,
		.dumpit = espgw_nl_dump_session,
	},
	{
		.cmd = ESPGW_CMD_CLEAR_SESSION,
		.doit = espgw_nl_clear_session,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family espgw_genl_family __ro_after_init = {
	.name = ESPGW_GENL_NAME,
	.version = ESPGW_GENL_VERSION,
	.maxattr = ESPGW_A_MAX,
	.policy = espgw_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = espgw_genl_ops,
	.n_ops = ARRAY_SIZE(espgw_genl_ops),
	.mcgrps = espgw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(espgw_mcgrps),
};

/* A generic netlink socket closed: the IKE SA records it owned go. */
static int espgw_netlink_notify(struct notifier_block *nb, unsigned long state, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct espgw_net *en;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC || !n->portid)
		return NOTIFY_DONE;
	en = espgw_net(n->net);
	if (!READ_ONCE(en->sessions.owned_count))
		return NOTIFY_DONE;
	mutex_lock(&en->sas.lock);
	espgw_session_owner_gone(en, n->portid);
	mutex_unlock(&en->sas.lock);
	return NOTIFY_OK;
}

static struct notifier_block espgw_netlink_notifier = {
	.notifier_call = espgw_netlink_notify,
};

int __init espgw_genetlink_init(void)
{
	int ret;

	ret = netlink_register_notifier(&espgw_netlink_notifier);
	if (ret)
		return ret;
	ret = genl_register_family(&espgw_genl_family);
	if (ret)
		netlink_unregister_notifier(&espgw_netlink_notifier);
	return ret;
}

void espgw_genetlink_uninit(void)
{
	genl_unregister_family(&espgw_genl_family);
	netlink_unregister_notifier(&espgw_netlink_notifier);
}
MODULE_ALIAS_GENL_FAMILY(ESPGW_GENL_NAME);
