// SPDX-License-Identifier: GPL-2.0
/*
 * Outbound: a packet routed into a tunnel interface -> flow lookup -> the
 * flow's newest outbound SA -> ESP tunnel mode (RFC 4303) -> AEAD through
 * the crypto API (possibly asynchronous) -> UDP header (RFC 3948) -> outer
 * IPv4 or IPv6 header -> route in the front-door VRF -> out.
 *
 * The buffer is encrypted in place when it can be written (not shared, not
 * cloned, room at the tail); otherwise skb_cow_data() makes it writable.
 * GSO packets are segmented first.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/l3mdev.h>
#include <net/route.h>

#include "compat.h"
#include "dev.h"
#include "esp.h"
#include "event.h"
#include "netns.h"
#include "output.h"

int espgw_parse_selector(struct sk_buff *skb, bool out, struct espgw_selector *sel)
{
	unsigned int off = skb_network_offset(skb);
	__be16 ports[2], frag_off = 0;
	bool first = true;
	union espgw_addr src, dst;

	memset(sel, 0, sizeof(*sel));
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	if (skb->protocol == htons(ETH_P_IP)) {
		struct iphdr _iph;
		const struct iphdr *iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);

		if (!iph || iph->version != 4 || iph->ihl < 5)
			return -EINVAL;
		sel->family = AF_INET;
		sel->proto = iph->protocol;
		src.v4 = iph->saddr;
		dst.v4 = iph->daddr;
		first = !(iph->frag_off & htons(IP_OFFSET));
		off += iph->ihl * 4;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		struct ipv6hdr _ip6h;
		const struct ipv6hdr *ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
		u8 nexthdr;
		int hoff;

		if (!ip6h || ip6h->version != 6)
			return -EINVAL;
		sel->family = AF_INET6;
		src.v6 = ip6h->saddr;
		dst.v6 = ip6h->daddr;
		nexthdr = ip6h->nexthdr;
		hoff = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr, &frag_off);
		if (hoff < 0)
			return -EINVAL;
		sel->proto = nexthdr;
		first = !(frag_off & htons(IP6_OFFSET));
		off = hoff;
	} else {
		return -EPROTONOSUPPORT;
	}
	if (first && (sel->proto == IPPROTO_TCP || sel->proto == IPPROTO_UDP ||
		      sel->proto == IPPROTO_SCTP || sel->proto == IPPROTO_UDPLITE)) {
		const __be16 *p = skb_header_pointer(skb, off, sizeof(ports), ports);

		if (p) {
			sel->local_port = out ? p[0] : p[1];
			sel->remote_port = out ? p[1] : p[0];
		}
	}
	sel->local = out ? src : dst;
	sel->remote = out ? dst : src;
	return 0;
}

static void drop(struct espgw_pcpu_counters __percpu *c, enum espgw_drop_reason reason,
		 struct net_device *dev, struct sk_buff *skb)
{
	espgw_count_drop(c, reason);
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
}

/*
 * The packet that finds @sa spent: counted first, then the SA expires (its
 * removal folds its counters into its flow's).
 */
static void drop_expire(struct espgw_tunnel *tun, struct espgw_sa *sa,
			enum espgw_drop_reason reason, struct sk_buff *skb)
{
	drop(sa->counters, reason, tun->dev, skb);
	espgw_sa_expire_now(tun->en, sa);
}

/*
 * The route to the peer in the tunnel's front-door VRF.  Each outbound SA
 * keeps it per CPU (dst_cache) for packets whose TOS does not steer the
 * lookup (RT_TOS 0: nearly all); a kept route serves while the routing
 * tables have not changed (the dst checks) and while it leaves through
 * the tunnel's current front-door VRF (the tunnel may be moved to another
 * one, or the SA's flow to another tunnel).
 */
static struct dst_entry *espgw_route(struct espgw_tunnel *tun, struct espgw_sa *sa, u8 tos)
{
	struct net *net = dev_net(tun->dev);
	u8 proto = sa->encap == ESPGW_ENCAP_UDP ? IPPROTO_UDP : IPPROTO_ESP;
	int fvrf = READ_ONCE(tun->fvrf);
	bool cached = !RT_TOS(tos);
	struct dst_entry *dst = NULL;

	if (cached) {
		if (sa->id.family == AF_INET) {
			__be32 saddr;
			struct rtable *rt = dst_cache_get_ip4(&sa->dst_cache, &saddr);

			dst = rt ? &rt->dst : NULL;
		} else {
			struct in6_addr saddr;

			dst = dst_cache_get_ip6(&sa->dst_cache, &saddr);
		}
		if (dst && l3mdev_master_ifindex_rcu(dst->dev) == fvrf)
			return dst;
		dst_release(dst);
	}

	if (sa->id.family == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = sa->remote.v4,
			.saddr = sa->local.v4,
			.flowi4_oif = fvrf,
			.flowi4_proto = proto,
			.flowi4_tos = RT_TOS(tos),
		};
		struct rtable *rt = ip_route_output_key(net, &fl4);

		if (IS_ERR(rt))
			return NULL;
		dst = &rt->dst;
	} else {
		struct flowi6 fl6 = {
			.daddr = sa->remote.v6,
			.saddr = sa->local.v6,
			.flowi6_oif = fvrf,
			.flowi6_proto = proto,
		};

		dst = ip6_route_output(net, NULL, &fl6);
		if (dst->error) {
			dst_release(dst);
			return NULL;
		}
	}
	if (dst->dev == tun->dev) {	/* the route to the peer is the tunnel itself */
		dst_release(dst);
		return NULL;
	}
	if (!cached)
		return dst;
	if (sa->id.family == AF_INET)
		dst_cache_set_ip4(&sa->dst_cache, dst, sa->local.v4);
	else
		dst_cache_set_ip6(&sa->dst_cache, dst, &sa->local.v6);
	return dst;
}

static unsigned int outer_hlen(const struct espgw_sa *sa)
{
	return (sa->id.family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr)) +
	       (sa->encap == ESPGW_ENCAP_UDP ? sizeof(struct udphdr) : 0);
}

/* Too big for the path with DF (or IPv6 inside): tell the sender. */
static void espgw_too_big(struct sk_buff *skb, unsigned int mtu)
{
	if (skb->protocol == htons(ETH_P_IP)) {
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
	} else {
		if (mtu < IPV6_MIN_MTU)
			mtu = IPV6_MIN_MTU;
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
}

static void espgw_push_udp(struct espgw_crypt *c)
{
	struct sk_buff *skb = c->skb;
	const struct espgw_sa *sa = c->sa;
	struct udphdr *uh;
	unsigned int len;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	len = skb->len;
	uh->source = sa->encap_sport;
	uh->dest = sa->encap_dport;
	uh->len = htons(len);
	uh->check = 0;		/* RFC 3948: zero over IPv4 */
	if (sa->id.family == AF_INET6) {
		__wsum csum = skb_checksum(skb, 0, len, 0);

		uh->check = csum_ipv6_magic(&sa->local.v6, &sa->remote.v6, len, IPPROTO_UDP,
					    csum);
		if (!uh->check)
			uh->check = CSUM_MANGLED_0;
	}
}

static void espgw_send6(struct espgw_crypt *c, u8 proto)
{
	struct sk_buff *skb = c->skb;
	const struct espgw_sa *sa = c->sa;
	struct ipv6hdr *ip6h;
	unsigned int len = skb->len;

	skb_scrub_packet(skb, false);
	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, c->tos, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = proto;
	ip6h->hop_limit = ip6_dst_hoplimit(c->dst);
	ip6h->saddr = sa->local.v6;
	ip6h->daddr = sa->remote.v6;
	skb->protocol = htons(ETH_P_IPV6);
	skb->ignore_df = !c->df;
	skb_dst_set(skb, c->dst);
	c->dst = NULL;
	ip6tunnel_xmit(NULL, skb, c->dev);
}

ESPGW_CRYPTO_DONE(espgw_output_done)
{
	struct espgw_sa *sa = c->sa;
	struct sk_buff *skb = c->skb;
	u8 proto = IPPROTO_ESP;

	if (err) {
		drop(sa->counters, ESPGW_DROP_CRYPTO, c->dev, skb);
		goto out;
	}
	skb->ip_summed = CHECKSUM_NONE;
	if (sa->encap == ESPGW_ENCAP_UDP) {
		espgw_push_udp(c);
		proto = IPPROTO_UDP;
	}
	espgw_count_packet(sa->counters, c->inner_len);
	skb->dev = c->dev;
	if (sa->id.family == AF_INET) {
		struct rtable *rt = container_of(c->dst, struct rtable, dst);

		c->dst = NULL;
		iptunnel_xmit(NULL, rt, skb, sa->local.v4, sa->remote.v4, proto, c->tos,
			      ip4_dst_hoplimit(&rt->dst), c->df, false);
	} else {
		espgw_send6(c, proto);
	}
out:
	espgw_crypt_free(c);
}

static void espgw_output_one(struct espgw_tunnel *tun, struct espgw_sa *sa,
			     struct sk_buff *skb)
{
	const unsigned int icvlen = espgw_icv_len(sa), hlen = espgw_esp_hlen(sa);
	struct net_device *dev = tun->dev;
	unsigned int inner_len = skb->len, clen, padlen, mtu, i;
	struct sk_buff *trailer;
	struct espgw_crypt *c;
	struct dst_entry *dst;
	u8 nexthdr, inner_tos, *tail;
	__be16 df;
	u64 seq;
	int nfrags, ret;

	/* The selector was read with skb_header_pointer(); the header is needed here. */
	if ((skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) ||
	    !pskb_network_may_pull(skb, skb->protocol == htons(ETH_P_IP) ?
					sizeof(struct iphdr) : sizeof(struct ipv6hdr)))
		return drop(sa->counters, ESPGW_DROP_NO_MEMORY, dev, skb);
	if (skb->protocol == htons(ETH_P_IP)) {
		inner_tos = ipv4_get_dsfield(ip_hdr(skb));
		df = ip_hdr(skb)->frag_off & htons(IP_DF);
		nexthdr = IPPROTO_IPIP;
	} else {
		inner_tos = ipv6_get_dsfield(ipv6_hdr(skb));
		df = htons(IP_DF);
		nexthdr = IPPROTO_IPV6;
	}

	if (!espgw_sa_usable(sa))
		return drop(sa->counters, ESPGW_DROP_EXPIRED, dev, skb);
	clen = ALIGN(inner_len + 2, sa->alg->block_bytes);
	padlen = clen - inner_len - 2;
	dst = espgw_route(tun, sa, inner_tos);
	if (!dst)
		return drop(sa->counters, ESPGW_DROP_NO_ROUTE, dev, skb);
	mtu = dst_mtu(dst);
	if (outer_hlen(sa) + hlen + clen + icvlen > mtu) {
		/*
		 * Too big for the path.  With DF the sender learns the MTU;
		 * without, the outer packet is fragmented.  IPv6 packets up to
		 * 1280 bytes must get through whatever the path (RFC 8200 5,
		 * RFC 4459): those are fragmented outside too.
		 */
		bool v6_min = skb->protocol == htons(ETH_P_IPV6) && inner_len <= IPV6_MIN_MTU;

		if (df && !v6_min) {
			unsigned int overhead = outer_hlen(sa) + hlen + icvlen + 2 +
						sa->alg->block_bytes - 1;

			espgw_too_big(skb, mtu > overhead ? mtu - overhead : 0);
			dst_release(dst);
			return drop(sa->counters, ESPGW_DROP_MTU, dev, skb);
		}
		df = 0;
	}
	/* Only what is sent counts against the lifetime. */
	if (sa->counted_life && !espgw_sa_account(tun->en, sa, inner_len)) {
		dst_release(dst);
		return drop_expire(tun, sa, ESPGW_DROP_EXPIRED, skb);
	}

	seq = atomic64_inc_return(&sa->seq_out);
	if (!sa->esn && seq > U32_MAX) {
		/* RFC 4303 3.3.3: never cycle; the SA is done. */
		dst_release(dst);
		return drop_expire(tun, sa, ESPGW_DROP_SEQ_OVERFLOW, skb);
	}

	if (skb_cow_head(skb, outer_hlen(sa) + hlen + LL_RESERVED_SPACE(dst->dev)))
		goto nomem;
	nfrags = skb_cow_data(skb, padlen + 2 + icvlen, &trailer);
	if (nfrags < 0)
		goto nomem;
	tail = skb_tail_pointer(trailer);
	for (i = 0; i < padlen; i++)
		tail[i] = i + 1;
	tail[padlen] = padlen;
	tail[padlen + 1] = nexthdr;
	pskb_put(skb, trailer, padlen + 2 + icvlen);

	c = espgw_crypt_alloc(sa, skb, nfrags);
	if (!c)
		goto nomem;
	c->dst = dst;
	c->dev = dev;
	dev_hold(dev);
	c->inner_len = inner_len;
	c->tos = INET_ECN_encapsulate(inner_tos, inner_tos);
	c->df = df;

	if (sa->alg->iv_bytes == 8) {
		__be64 iv = cpu_to_be64(seq);	/* unique per key: enough for GCM, ChaCha */

		memcpy(c->iv, &iv, 8);
	} else {
		/*
		 * CBC needs an unpredictable IV: from the kernel CRNG's
		 * per-CPU batches, cheaper than get_random_bytes() per packet.
		 */
		u64 r[2] = { get_random_u64(), get_random_u64() };

		BUILD_BUG_ON(sizeof(r) != sizeof(c->iv));
		memcpy(c->iv, r, sa->alg->iv_bytes);
	}
	espgw_crypt_set_ad(c, seq);

	skb_push(skb, hlen);
	skb_reset_transport_header(skb);
	*(__be32 *)skb->data = htonl(sa->id.spi);
	*(__be32 *)(skb->data + 4) = htonl(lower_32_bits(seq));
	memcpy(skb->data + 8, c->iv, sa->alg->iv_bytes);

	ret = skb_to_sgvec(skb, &c->sg[1], hlen, clen + icvlen);
	if (unlikely(ret < 0)) {
		drop(sa->counters, ESPGW_DROP_NO_MEMORY, dev, skb);
		espgw_crypt_free(c);
		return;
	}
	aead_request_set_callback(c->req, 0, espgw_output_done, c);
	aead_request_set_crypt(c->req, c->sg, c->sg, clen, c->iv);
	aead_request_set_ad(c->req, c->ad_len);
	ret = crypto_aead_encrypt(c->req);
	if (ret == -EINPROGRESS)
		return;
	if (ret == -EBUSY)
		ret = -ENOBUFS;
	espgw_output_done_fn(c, ret);
	return;

nomem:
	dst_release(dst);
	drop(sa->counters, ESPGW_DROP_NO_MEMORY, dev, skb);
}

/* No SA for the flow: drop, and ask for one (rate-limited). */
static void espgw_no_sa(struct espgw_tunnel *tun, struct espgw_flow *flow,
			struct sk_buff *skb)
{
	drop(flow->counters, ESPGW_DROP_NO_OUT_SA, tun->dev, skb);
	espgw_acquire(tun->en, flow);
}

/*
 * IPv6 link-scope traffic (router solicitations, MLD: on 6.1 the kernel
 * gives the interface a link-local address) never crosses a tunnel: no flow
 * could carry it, and counting it as a drop would only hide real ones.
 */
static bool espgw_link_scope(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_network_may_pull(skb, sizeof(*ip6h)))
		return false;
	ip6h = ipv6_hdr(skb);
	return ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL ||
	       (ipv6_addr_is_multicast(&ip6h->daddr) &&
		IPV6_ADDR_MC_SCOPE(&ip6h->daddr) <= IPV6_ADDR_SCOPE_LINKLOCAL);
}

netdev_tx_t espgw_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct espgw_tunnel *tun = netdev_priv(dev);
	struct espgw_net *en = tun->en;
	struct espgw_selector sel;
	struct espgw_flow *flow;
	struct espgw_sa *sa;
	struct sk_buff *segs, *next;

	rcu_read_lock();
	if (espgw_link_scope(skb)) {
		consume_skb(skb);
		goto out;
	}
	if (espgw_parse_selector(skb, true, &sel)) {
		drop(en->out_drops, ESPGW_DROP_NO_FLOW, dev, skb);
		goto out;
	}
	flow = espgw_flow_lookup(&en->flows, tun, &sel);
	if (!flow) {
		drop(en->out_drops, ESPGW_DROP_NO_FLOW, dev, skb);
		goto out;
	}
	sa = rcu_dereference(flow->out_sa);
	if (!sa) {
		espgw_no_sa(tun, flow, skb);
		goto out;
	}
	if (!skb_is_gso(skb)) {
		skb_mark_not_on_list(skb);
		espgw_output_one(tun, sa, skb);
		goto out;
	}
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		drop(sa->counters, ESPGW_DROP_NO_MEMORY, dev, skb);
		goto out;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		espgw_output_one(tun, sa, skb);
	}
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;
}
