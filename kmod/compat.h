/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels espgw builds for (6.1 and 6.12).  An
 * out-of-tree module has to test LINUX_VERSION_CODE; only here and in
 * esp.h (the crypto completion's signature).
 */
#ifndef _ESPGW_COMPAT_H
#define _ESPGW_COMPAT_H

#include <linux/netdevice.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#include <net/gso.h>
#endif

static inline void espgw_dev_set_lltx_netns_local(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#endif
}

/* A tunnel of its own has no use for IPv6 link-local addresses. */
static inline void espgw_dev_set_no_addrconf(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	dev->priv_flags |= IFF_NO_ADDRCONF;
#endif
}

#endif /* _ESPGW_COMPAT_H */
