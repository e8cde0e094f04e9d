// SPDX-License-Identifier: GPL-2.0
/*
 * Inbound: raw ESP (IP protocol 50) through the xfrm protocol handler
 * chain, ahead of the kernel's own esp4/esp6 (an SPI espgw does not own is
 * handed on untouched), and ESP in UDP (RFC 3948) from espgw's own encap
 * sockets (encap.c) or any other socket with UDP_ENCAP_ESPINUDP set (an IKE
 * daemon's).  Then: SPI lookup -> replay pre-check -> decrypt and verify ->
 * replay window update -> trailer checks -> the inner packet must fit the
 * SA's flow -> delivered from the flow's tunnel interface.
 */

#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/l3mdev.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "dev.h"
#include "encap.h"
#include "esp.h"
#include "event.h"
#include "input.h"
#include "netns.h"
#include "output.h"

/* Above xfrm interfaces (10), below vti (100); esp4/esp6 are 0. */
#define ESPGW_XFRM_PRIORITY	20

struct espgw_replay *espgw_replay_alloc(u32 window)
{
	u32 bits = roundup_pow_of_two(max_t(u32, window, BITS_PER_LONG));
	struct espgw_replay *r;

	r = kzalloc(struct_size(r, map, BITS_TO_LONGS(bits)), GFP_KERNEL);
	if (!r)
		return NULL;
	spin_lock_init(&r->lock);
	r->window = window;
	r->bits = bits;
	return r;
}

u64 espgw_replay_top(const struct espgw_replay *r)
{
	return READ_ONCE(r->top);
}

/*
 * RFC 4303 appendix A2.1: the high half of a 64-bit sequence number from
 * its low half, placed relative to the window.  A wrong guess fails the
 * ICV check, which covers the high half.
 */
static u64 espgw_seq_infer(const struct espgw_sa *sa, u32 seq_lo)
{
	const struct espgw_replay *r = sa->replay;
	u64 top = READ_ONCE(r->top);
	u32 tl = lower_32_bits(top), th = upper_32_bits(top);
	u32 w = r->window ?: r->bits;
	u32 bl = tl - w + 1;

	if (!sa->esn)
		return seq_lo;
	if (tl >= w - 1) {
		if (seq_lo < bl)
			th++;
	} else if (seq_lo >= bl) {
		th--;
	}
	return (u64)th << 32 | seq_lo;
}

/* Could @seq be new?  (No state changes: the packet is not verified yet.) */
static bool espgw_replay_ok(const struct espgw_replay *r, u64 seq)
{
	u64 top = READ_ONCE(r->top);

	if (!seq)		/* never sent (RFC 4303 3.3.3) */
		return false;
	if (!r->window || seq > top)
		return true;
	if (top - seq >= r->window)
		return false;
	return !test_bit(seq & (r->bits - 1), r->map);
}

/* @seq authenticated: record it.  False when a copy got in first. */
static bool espgw_replay_advance(struct espgw_replay *r, u64 seq)
{
	bool ok;

	spin_lock_bh(&r->lock);
	ok = espgw_replay_ok(r, seq);
	if (ok) {
		if (seq > r->top) {
			if (seq - r->top >= r->bits) {
				bitmap_zero(r->map, r->bits);
			} else {
				u64 s;

				for (s = r->top + 1; s < seq; s++)
					__clear_bit(s & (r->bits - 1), r->map);
			}
			WRITE_ONCE(r->top, seq);
		}
		__set_bit(seq & (r->bits - 1), r->map);
	}
	spin_unlock_bh(&r->lock);
	return ok;
}

static void in_drop(struct espgw_sa *sa, enum espgw_drop_reason reason, struct sk_buff *skb)
{
	espgw_count_drop(sa->counters, reason);
	kfree_skb(skb);
}

/* The inner packet's header is sane; trims what lies beyond it. */
static int espgw_inner_check(struct sk_buff *skb, u8 nexthdr)
{
	unsigned int len;

	if (nexthdr == IPPROTO_IPIP) {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return -EINVAL;
		iph = ip_hdr(skb);
		len = ntohs(iph->tot_len);
		if (iph->version != 4 || iph->ihl < 5 || len < iph->ihl * 4 || len > skb->len)
			return -EINVAL;
		skb->protocol = htons(ETH_P_IP);
	} else {
		const struct ipv6hdr *ip6h;

		if (!pskb_may_pull(skb, sizeof(*ip6h)))
			return -EINVAL;
		ip6h = ipv6_hdr(skb);
		len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
		if (ip6h->version != 6 || len > skb->len)
			return -EINVAL;
		skb->protocol = htons(ETH_P_IPV6);
	}
	return pskb_trim(skb, len);
}

/* The trailer: pad bytes 1, 2, 3, ... (RFC 4303 2.4), pad length, next header. */
static enum espgw_drop_reason espgw_strip_trailer(struct sk_buff *skb, struct espgw_sa *sa,
						  u8 *nexthdr)
{
	unsigned int icvlen = espgw_icv_len(sa), hlen = espgw_esp_hlen(sa);
	unsigned int elen = skb->len - hlen - icvlen;
	u8 tr[2], pad[256];
	unsigned int i;

	if (skb_copy_bits(skb, skb->len - icvlen - 2, tr, 2))
		return ESPGW_DROP_BAD_LENGTH;
	if (tr[0] + 2 > elen)
		return ESPGW_DROP_BAD_PADDING;
	if (skb_copy_bits(skb, skb->len - icvlen - 2 - tr[0], pad, tr[0]))
		return ESPGW_DROP_BAD_LENGTH;
	for (i = 0; i < tr[0]; i++)
		if (pad[i] != i + 1)
			return ESPGW_DROP_BAD_PADDING;
	*nexthdr = tr[1];
	if (*nexthdr != IPPROTO_IPIP && *nexthdr != IPPROTO_IPV6)
		return ESPGW_DROP_BAD_NEXT_HEADER;
	if (pskb_trim(skb, skb->len - icvlen - 2 - tr[0]))
		return ESPGW_DROP_NO_MEMORY;
	__skb_pull(skb, hlen);
	skb_reset_network_header(skb);
	return ESPGW_DROP_UNSPEC;
}

/* Decrypted and checked: deliver from the tunnel of the SA's flow. */
static void espgw_deliver(struct espgw_sa *sa, struct sk_buff *skb)
{
	struct espgw_selector sel;
	struct espgw_flow *flow;
	struct net_device *dev;

	flow = rcu_dereference(sa->flow);
	if (!flow)
		return in_drop(sa, ESPGW_DROP_NO_FLOW, skb);
	if (espgw_parse_selector(skb, false, &sel) || !espgw_flow_match(flow, &sel))
		return in_drop(sa, ESPGW_DROP_SELECTOR, skb);
	dev = flow->tun->dev;
	if (sa->counted_life && !espgw_sa_account(flow->tun->en, sa, skb->len)) {
		/* Counted before the SA's removal folds its counters away. */
		in_drop(sa, ESPGW_DROP_EXPIRED, skb);
		espgw_sa_expire_now(flow->tun->en, sa);
		return;
	}
	espgw_count_packet(sa->counters, skb->len);

	skb_scrub_packet(skb, !net_eq(dev_net(skb->dev), dev_net(dev)));
	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb_reset_transport_header(skb);
	skb->mac_len = 0;
	skb->encapsulation = 0;
	skb->ip_summed = CHECKSUM_NONE;
	dev_sw_netstats_rx_add(dev, skb->len);
	netif_rx(skb);
}

ESPGW_CRYPTO_DONE(espgw_input_done)
{
	struct espgw_sa *sa = c->sa;
	struct sk_buff *skb = c->skb;
	enum espgw_drop_reason reason;
	u8 nexthdr;

	rcu_read_lock();
	if (err) {
		in_drop(sa, err == -EBADMSG ? ESPGW_DROP_INTEGRITY : ESPGW_DROP_CRYPTO, skb);
		goto out;
	}
	if (!espgw_replay_advance(sa->replay, c->seq)) {
		in_drop(sa, ESPGW_DROP_REPLAY, skb);
		goto out;
	}
	reason = espgw_strip_trailer(skb, sa, &nexthdr);
	if (reason) {
		in_drop(sa, reason, skb);
		goto out;
	}
	if (espgw_inner_check(skb, nexthdr)) {
		in_drop(sa, ESPGW_DROP_BAD_INNER, skb);
		goto out;
	}
	espgw_deliver(sa, skb);
out:
	rcu_read_unlock();
	espgw_crypt_free(c);
}

/* ESP at skb->data for @sa (RCU held): decrypt, verify, deliver or drop. */
static void espgw_input(struct espgw_sa *sa, struct sk_buff *skb)
{
	const unsigned int icvlen = espgw_icv_len(sa), hlen = espgw_esp_hlen(sa);
	struct sk_buff *trailer;
	struct espgw_crypt *c;
	int elen, nfrags, ret;
	u64 seq;

	if (!pskb_may_pull(skb, hlen))
		return in_drop(sa, ESPGW_DROP_BAD_LENGTH, skb);
	elen = (int)skb->len - hlen - icvlen;
	if (elen < 2 || elen % sa->alg->block_bytes)
		return in_drop(sa, ESPGW_DROP_BAD_LENGTH, skb);
	seq = espgw_seq_infer(sa, ntohl(*(__be32 *)(skb->data + 4)));
	if (!espgw_replay_ok(sa->replay, seq))
		return in_drop(sa, ESPGW_DROP_REPLAY, skb);
	if (!espgw_sa_usable(sa))
		return in_drop(sa, ESPGW_DROP_EXPIRED, skb);

	nfrags = skb_cow_data(skb, 0, &trailer);
	if (nfrags < 0)
		return in_drop(sa, ESPGW_DROP_NO_MEMORY, skb);
	c = espgw_crypt_alloc(sa, skb, nfrags);
	if (!c)
		return in_drop(sa, ESPGW_DROP_NO_MEMORY, skb);
	/*
	 * Asynchronous crypto may finish after the device it came in on (a
	 * VRF, say) is gone: hold it.  Its input route is no use to us.
	 */
	skb_dst_drop(skb);
	c->dev = skb->dev;
	dev_hold(c->dev);
	memcpy(c->iv, skb->data + 8, sa->alg->iv_bytes);
	espgw_crypt_set_ad(c, seq);
	ret = skb_to_sgvec(skb, &c->sg[1], hlen, elen + icvlen);
	if (unlikely(ret < 0)) {
		in_drop(sa, ESPGW_DROP_NO_MEMORY, skb);
		espgw_crypt_free(c);
		return;
	}
	aead_request_set_callback(c->req, 0, espgw_input_done, c);
	aead_request_set_crypt(c->req, c->sg, c->sg, elen + icvlen, c->iv);
	aead_request_set_ad(c->req, c->ad_len);
	ret = crypto_aead_decrypt(c->req);
	if (ret == -EINPROGRESS)
		return;
	if (ret == -EBUSY)
		ret = -ENOBUFS;
	espgw_input_done_fn(c, ret);
}

/* The SA (@dir, @spi, destination @daddr) in @skb's namespace, or NULL. */
static struct espgw_sa *espgw_sa_find(struct sk_buff *skb, u8 dir, int family,
				      const void *daddr, __be32 spi)
{
	struct espgw_sa_id id = {
		.spi = ntohl(spi),
		.dir = dir,
		.family = family,
	};

	memcpy(&id.dst, daddr, family == AF_INET ? sizeof(id.dst.v4) : sizeof(id.dst.v6));
	return espgw_sa_lookup(&espgw_net(dev_net(skb->dev))->sas, &id);
}

static struct espgw_sa *espgw_in_lookup(struct sk_buff *skb, int family)
{
	const void *daddr = family == AF_INET ? (const void *)&ip_hdr(skb)->daddr :
						(const void *)&ipv6_hdr(skb)->daddr;

	return espgw_sa_find(skb, ESPGW_DIR_IN, family, daddr, *(__be32 *)skb->data);
}

/* ESP at skb->data that arrived with @encap; 0: consumed, else not ours. */
static int espgw_rcv(struct sk_buff *skb, int family, u8 encap)
{
	struct espgw_sa *sa;

	if (!pskb_may_pull(skb, 8))
		return -EINVAL;
	sa = espgw_in_lookup(skb, family);
	if (!sa)
		return -ENOENT;
	if (sa->encap != encap)
		in_drop(sa, ESPGW_DROP_ENCAP, skb);
	else
		espgw_input(sa, skb);
	return 0;
}

/* From espgw's own UDP sockets: ESP after the UDP header was pulled. */
int espgw_rcv_encap(struct sk_buff *skb, int family)
{
	if (!espgw_rcv(skb, family, ESPGW_ENCAP_UDP))
		return 0;
	espgw_count_drop(espgw_net(dev_net(skb->dev))->in_drops, ESPGW_DROP_NO_SA);
	kfree_skb(skb);
	return 0;
}

/*
 * Raw ESP whose SPI is not ours goes on to the kernel's xfrm if it has a
 * state for it; if nobody has, it is dropped and counted here (esp4 would
 * drop it too, and without esp4 the kernel would answer port unreachable).
 */
static int espgw_raw_rcv(struct sk_buff *skb, int family)
{
	struct net *net = dev_net(skb->dev);
	struct xfrm_state *x;
	xfrm_address_t daddr;
	int ret;

	ret = espgw_rcv(skb, family, ESPGW_ENCAP_NONE);
	if (ret != -ENOENT)
		return ret;
	memset(&daddr, 0, sizeof(daddr));
	if (family == AF_INET)
		daddr.a4 = ip_hdr(skb)->daddr;
	else
		daddr.in6 = ipv6_hdr(skb)->daddr;
	x = xfrm_state_lookup(net, skb->mark, &daddr, *(__be32 *)skb->data, IPPROTO_ESP,
			      family);
	if (x) {
		xfrm_state_put(x);
		return -EINVAL;
	}
	espgw_count_drop(espgw_net(net)->in_drops, ESPGW_DROP_NO_SA);
	kfree_skb(skb);
	return 0;
}

static int espgw_esp4_rcv(struct sk_buff *skb)
{
	return espgw_raw_rcv(skb, AF_INET);
}

static int espgw_esp6_rcv(struct sk_buff *skb)
{
	return espgw_raw_rcv(skb, AF_INET6);
}

/* ESP in UDP from a socket that is not ours (an IKE daemon's). */
static int espgw_esp4_input(struct sk_buff *skb, int nexthdr, __be32 spi, int encap_type)
{
	return espgw_rcv(skb, AF_INET, ESPGW_ENCAP_UDP) ? -EINVAL : 0;
}

static int espgw_esp6_input(struct sk_buff *skb, int nexthdr, __be32 spi, int encap_type)
{
	return espgw_rcv(skb, AF_INET6, ESPGW_ENCAP_UDP) ? -EINVAL : 0;
}

/* Native xfrm's packets are none of ours. */
static int espgw_cb(struct sk_buff *skb, int err)
{
	return 1;
}

/*
 * ICMP errors about an ESP packet espgw sent: "fragmentation needed" /
 * "packet too big" lower the path MTU to the peer in the front-door VRF
 * the error came in through (as esp4/esp6 do for xfrm's SAs), so the
 * next inner packets too big for it get their own ICMP.  Anything else,
 * and SPIs espgw did not send with, is left to xfrm.
 */
static struct espgw_sa *espgw_err_lookup(struct sk_buff *skb, const void *daddr, int family,
					 unsigned int esp_offset)
{
	const struct ip_esp_hdr *esph = (const void *)(skb->data + esp_offset);

	return espgw_sa_find(skb, ESPGW_DIR_OUT, family, daddr, esph->spi);
}

static int espgw_esp4_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;

	if (icmp_hdr(skb)->type != ICMP_DEST_UNREACH ||
	    icmp_hdr(skb)->code != ICMP_FRAG_NEEDED ||
	    !espgw_err_lookup(skb, &iph->daddr, AF_INET, iph->ihl << 2))
		return -ENOENT;
	ipv4_update_pmtu(skb, dev_net(skb->dev), info, l3mdev_master_ifindex_rcu(skb->dev),
			 IPPROTO_ESP);
	return 0;
}

static int espgw_esp6_err(struct sk_buff *skb, struct inet6_skb_parm *opt, u8 type, u8 code,
			  int offset, __be32 info)
{
	const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;
	struct net *net = dev_net(skb->dev);

	if (type != ICMPV6_PKT_TOOBIG || !espgw_err_lookup(skb, &ip6h->daddr, AF_INET6, offset))
		return -ENOENT;
	ip6_update_pmtu(skb, net, info, l3mdev_master_ifindex_rcu(skb->dev), 0,
			sock_net_uid(net, NULL));
	return 0;
}

static struct xfrm4_protocol espgw_esp4_protocol = {
	.handler = espgw_esp4_rcv,
	.input_handler = espgw_esp4_input,
	.cb_handler = espgw_cb,
	.err_handler = espgw_esp4_err,
	.priority = ESPGW_XFRM_PRIORITY,
};

static struct xfrm6_protocol espgw_esp6_protocol = {
	.handler = espgw_esp6_rcv,
	.input_handler = espgw_esp6_input,
	.cb_handler = espgw_cb,
	.err_handler = espgw_esp6_err,
	.priority = ESPGW_XFRM_PRIORITY,
};

int __init espgw_input_init(void)
{
	int ret;

	ret = xfrm4_protocol_register(&espgw_esp4_protocol, IPPROTO_ESP);
	if (ret)
		return ret;
	ret = xfrm6_protocol_register(&espgw_esp6_protocol, IPPROTO_ESP);
	if (ret)
		xfrm4_protocol_deregister(&espgw_esp4_protocol, IPPROTO_ESP);
	return ret;
}

void espgw_input_uninit(void)
{
	xfrm6_protocol_deregister(&espgw_esp6_protocol, IPPROTO_ESP);
	xfrm4_protocol_deregister(&espgw_esp4_protocol, IPPROTO_ESP);
}
