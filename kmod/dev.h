/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_DEV_H
#define _ESPGW_DEV_H

#include <linux/netdevice.h>

#include "flow.h"

struct espgw_masks;
struct espgw_net;

/* The private part of an espgw tunnel interface. */
struct espgw_tunnel {
	struct net_device *dev;
	struct espgw_net *en;
	union espgw_addr local;		/* informational */
	u8 local_family;		/* 0: unset */
	int fvrf;			/* VRF ifindex for outer routes, 0: none */
	struct list_head flows;		/* under the table lock */
	struct espgw_masks __rcu *masks;
};

bool espgw_dev_is_tunnel(const struct net_device *dev);
/* The front-door VRF of tunnel @ifindex in @net; 0 for none or no tunnel. */
int espgw_tunnel_fvrf(struct net *net, int ifindex);
void espgw_tunnel_masks_free(struct espgw_tunnel *tun);

/* Bytes ESP adds at most: outer IPv6, UDP, ESP header, IV, padding, ICV. */
#define ESPGW_MAX_OVERHEAD	(40 + 8 + 8 + 16 + 15 + 2 + 16)

int espgw_dev_init(void);
void espgw_dev_uninit(void);

#endif /* _ESPGW_DEV_H */
