// SPDX-License-Identifier: GPL-2.0
/*
 * espgw's own ESP-in-UDP sockets (RFC 3948), one per (namespace, family,
 * port, front-door VRF) in use by inbound SAs, so manual keying works with
 * no IKE daemon.  A socket for a front-door VRF is bound to the VRF device:
 * unbound UDP sockets do not see what arrives in a VRF (unless the
 * namespace sets net.ipv4.udp_l3mdev_accept).
 * Each datagram: a lone 0xff byte is a NAT keepalive (eaten); a zero
 * non-ESP marker means IKE, which nobody reads on this socket (dropped and
 * counted); anything else is ESP.
 *
 * When the port is taken already, the socket holding it is an IKE
 * daemon's: with UDP_ENCAP_ESPINUDP set on it, the kernel hands its ESP to
 * the xfrm handler chain, where input.c takes what is espgw's.
 */

#include <linux/slab.h>
#include <linux/udp.h>
#include <net/udp_tunnel.h>

#include "encap.h"
#include "netns.h"

struct espgw_encap_port {
	struct list_head list;		/* espgw_net.encap_ports */
	struct socket *sock;		/* NULL: someone else's socket */
	unsigned int refs;
	int family;
	u16 port;
	int fvrf;			/* VRF ifindex, 0: none */
};

static int espgw_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct espgw_net *en = espgw_net(sock_net(sk));
	unsigned int len = skb->len - sizeof(struct udphdr);
	const u8 *p;

	if (!pskb_may_pull(skb, sizeof(struct udphdr) + min(len, 8U)))
		goto drop;
	p = skb->data + sizeof(struct udphdr);
	if (len == 1 && p[0] == 0xff) {
		consume_skb(skb);
		return 0;
	}
	if (len < 8 || !*(const __be32 *)p)
		goto drop;		/* IKE, or too short for ESP */
	__skb_pull(skb, sizeof(struct udphdr));
	skb_reset_transport_header(skb);
	return espgw_rcv_encap(skb, sk->sk_family);

drop:
	espgw_count_drop(en->in_drops, ESPGW_DROP_ENCAP);
	kfree_skb(skb);
	return 0;
}

static int espgw_encap_open(struct net *net, struct espgw_encap_port *ep)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.encap_type = UDP_ENCAP_ESPINUDP,
		.encap_rcv = espgw_encap_rcv,
	};
	struct udp_port_cfg cfg = {
		.family = ep->family,
		.local_udp_port = htons(ep->port),
		.bind_ifindex = ep->fvrf,
	};
	int ret;

	if (ep->family == AF_INET6) {
		cfg.local_ip6 = in6addr_any;
		cfg.ipv6_v6only = 1;
	} else {
		cfg.local_ip.s_addr = htonl(INADDR_ANY);
	}
	ret = udp_sock_create(net, &cfg, &ep->sock);
	if (ret) {
		ep->sock = NULL;
		return ret;
	}
	setup_udp_tunnel_sock(net, ep->sock, &tcfg);
	return 0;
}

struct espgw_encap_port *espgw_encap_get(struct espgw_net *en, int family, u16 port,
					 int fvrf, struct netlink_ext_ack *extack)
{
	struct espgw_encap_port *ep;
	int ret;

	lockdep_assert_held(&en->sas.lock);
	list_for_each_entry(ep, &en->encap_ports, list) {
		if (ep->family == family && ep->port == port && ep->fvrf == fvrf) {
			ep->refs++;
			return ep;
		}
	}
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return ERR_PTR(-ENOMEM);
	ep->family = family;
	ep->port = port;
	ep->fvrf = fvrf;
	ep->refs = 1;
	ret = espgw_encap_open(en->net, ep);
	if (ret && ret != -EADDRINUSE) {
		kfree(ep);
		NL_SET_ERR_MSG_MOD(extack, "cannot open the UDP encapsulation socket");
		return ERR_PTR(ret);
	}
	list_add(&ep->list, &en->encap_ports);
	return ep;
}

void espgw_encap_put(struct espgw_encap_port *ep)
{
	if (--ep->refs)
		return;
	list_del(&ep->list);
	if (ep->sock)
		udp_tunnel_sock_release(ep->sock);
	kfree(ep);
}
