/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_ENCAP_H
#define _ESPGW_ENCAP_H

#include <linux/types.h>

struct espgw_net;
struct netlink_ext_ack;
struct sk_buff;

/*
 * A UDP port inbound ESP-in-UDP SAs receive on.  espgw opens a socket on
 * it when the port is free; when another socket holds it (an IKE daemon's,
 * with UDP_ENCAP_ESPINUDP set), ESP reaches espgw through that one.
 */
struct espgw_encap_port;

/* Under the table lock; @fvrf: the front-door VRF's ifindex, 0: none. */
struct espgw_encap_port *espgw_encap_get(struct espgw_net *en, int family, u16 port,
					 int fvrf, struct netlink_ext_ack *extack);
void espgw_encap_put(struct espgw_encap_port *ep);

/* input.c: ESP after the UDP header; always consumes @skb. */
int espgw_rcv_encap(struct sk_buff *skb, int family);

#endif /* _ESPGW_ENCAP_H */
