/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_OUTPUT_H
#define _ESPGW_OUTPUT_H

#include <linux/netdevice.h>

#include "flow.h"

netdev_tx_t espgw_xmit(struct sk_buff *skb, struct net_device *dev);

/* A packet's selector fields (@out: as sent; else as received). */
int espgw_parse_selector(struct sk_buff *skb, bool out, struct espgw_selector *sel);

#endif /* _ESPGW_OUTPUT_H */
