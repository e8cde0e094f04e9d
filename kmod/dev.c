// SPDX-License-Identifier: GPL-2.0
/*
 * Tunnel interfaces: rtnetlink link kind "espgw".  Routes into the
 * interface are encrypted (output.c), decrypted packets come out of it
 * (input.c).  The front-door VRF is where the outer packets are routed;
 * the inside VRF is simply the VRF the interface is enslaved to.
 */

#include <linux/espgw.h>
#include <linux/if_arp.h>
#include <net/ip.h>
#include <net/l3mdev.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "dev.h"
#include "netns.h"
#include "output.h"

static int espgw_dev_init_stats(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

/* Under RTNL, before the device goes: its flows (and their SAs) go first. */
static void espgw_ndo_uninit(struct net_device *dev)
{
	struct espgw_tunnel *tun = netdev_priv(dev);
	struct espgw_net *en = tun->en;
	struct espgw_flow *flow, *tmp;

	mutex_lock(&en->sas.lock);
	espgw_session_dev_begin(en, dev);
	list_for_each_entry_safe(flow, tmp, &tun->flows, tun_list)
		espgw_flow_remove(&en->flows, &en->sas, flow);
	espgw_session_dev_end(en, dev);
	mutex_unlock(&en->sas.lock);
	espgw_tunnel_masks_free(tun);
}

static void espgw_dev_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static const struct net_device_ops espgw_netdev_ops = {
	.ndo_init = espgw_dev_init_stats,
	.ndo_uninit = espgw_ndo_uninit,
	.ndo_start_xmit = espgw_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

bool espgw_dev_is_tunnel(const struct net_device *dev)
{
	return dev->netdev_ops == &espgw_netdev_ops;
}

int espgw_tunnel_fvrf(struct net *net, int ifindex)
{
	struct net_device *dev;
	int fvrf = 0;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	if (dev && espgw_dev_is_tunnel(dev))
		fvrf = READ_ONCE(((struct espgw_tunnel *)netdev_priv(dev))->fvrf);
	rcu_read_unlock();
	return fvrf;
}

#define ESPGW_NETDEV_FEATURES (NETIF_F_HW_CSUM | NETIF_F_RXCSUM | NETIF_F_SG | \
			       NETIF_F_GSO_SOFTWARE | NETIF_F_HIGHDMA)

static void espgw_setup(struct net_device *dev)
{
	dev->netdev_ops = &espgw_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = ETH_DATA_LEN - ESPGW_MAX_OVERHEAD;
	dev->min_mtu = IPV4_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - ESPGW_MAX_OVERHEAD;
	dev->needed_headroom = ESPGW_MAX_OVERHEAD + LL_MAX_HEADER;
	dev->features |= ESPGW_NETDEV_FEATURES;
	dev->hw_features |= ESPGW_NETDEV_FEATURES;
	dev->hw_enc_features |= ESPGW_NETDEV_FEATURES;
	espgw_dev_set_lltx_netns_local(dev);
	espgw_dev_set_no_addrconf(dev);
	dev->needs_free_netdev = true;
	dev->priv_destructor = espgw_dev_free;
}

static const struct nla_policy espgw_link_policy[IFLA_ESPGW_MAX + 1] = {
	[IFLA_ESPGW_LOCAL] = { .type = NLA_BINARY, .len = sizeof(struct in6_addr) },
	[IFLA_ESPGW_FVRF] = { .type = NLA_U32 },
};

static int espgw_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct nlattr *local = data ? data[IFLA_ESPGW_LOCAL] : NULL;

	if (local && nla_len(local) != 0 && nla_len(local) != sizeof(__be32) &&
	    nla_len(local) != sizeof(struct in6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, local,
				    "local address is 4 (IPv4) or 16 (IPv6) bytes, or empty to unset");
		return -EINVAL;
	}
	return 0;
}

static int espgw_apply(struct net *net, struct espgw_tunnel *tun, struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	struct nlattr *local, *fvrf;

	if (!data)
		return 0;
	fvrf = data[IFLA_ESPGW_FVRF];
	if (fvrf && nla_get_u32(fvrf)) {
		struct net_device *vrf = __dev_get_by_index(net, nla_get_u32(fvrf));

		if (!vrf || !netif_is_l3_master(vrf)) {
			NL_SET_ERR_MSG_ATTR(extack, fvrf, "front-door VRF is not a VRF device");
			return -EINVAL;
		}
	}
	if (fvrf)
		WRITE_ONCE(tun->fvrf, nla_get_u32(fvrf));
	local = data[IFLA_ESPGW_LOCAL];
	if (local) {
		tun->local_family = nla_len(local) == sizeof(__be32) ? AF_INET :
				    nla_len(local) ? AF_INET6 : 0;
		memset(&tun->local, 0, sizeof(tun->local));
		nla_memcpy(&tun->local, local, sizeof(tun->local));
	}
	return 0;
}

static int espgw_newlink(struct net *src_net, struct net_device *dev, struct nlattr *tb[],
			 struct nlattr *data[], struct netlink_ext_ack *extack)
{
	struct espgw_tunnel *tun = netdev_priv(dev);
	int ret;

	tun->dev = dev;
	tun->en = espgw_net(dev_net(dev));
	INIT_LIST_HEAD(&tun->flows);
	ret = espgw_apply(dev_net(dev), tun, data, extack);
	if (ret)
		return ret;
	return register_netdevice(dev);
}

static int espgw_changelink(struct net_device *dev, struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	return espgw_apply(dev_net(dev), netdev_priv(dev), data, extack);
}

static size_t espgw_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(struct in6_addr)) + nla_total_size(sizeof(u32));
}

static int espgw_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct espgw_tunnel *tun = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_ESPGW_FVRF, READ_ONCE(tun->fvrf)))
		return -EMSGSIZE;
	if (tun->local_family &&
	    nla_put(skb, IFLA_ESPGW_LOCAL, tun->local_family == AF_INET ?
		    sizeof(__be32) : sizeof(struct in6_addr), &tun->local))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops espgw_link_ops __read_mostly = {
	.kind = ESPGW_LINK_KIND,
	.priv_size = sizeof(struct espgw_tunnel),
	.maxtype = IFLA_ESPGW_MAX,
	.policy = espgw_link_policy,
	.setup = espgw_setup,
	.validate = espgw_validate,
	.newlink = espgw_newlink,
	.changelink = espgw_changelink,
	.get_size = espgw_get_size,
	.fill_info = espgw_fill_info,
};

int __init espgw_dev_init(void)
{
	return rtnl_link_register(&espgw_link_ops);
}

void espgw_dev_uninit(void)
{
	rtnl_link_unregister(&espgw_link_ops);
}

MODULE_ALIAS_RTNL_LINK(ESPGW_LINK_KIND);
