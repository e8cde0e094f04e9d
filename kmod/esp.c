// SPDX-License-Identifier: GPL-2.0
/*
 * What encryption and decryption share: the per-packet crypto request.
 *
 * The associated data lives in the request, not in the packet: the crypto
 * API reads it from a scatterlist entry of its own, so 64-bit sequence
 * numbers need no shuffling of the ESP header.  For every transform the AD
 * is SPI, [high half of the ESN], sequence number, IV: rfc4106 and
 * rfc7539esp take the IV off its end themselves, authenc authenticates it
 * (RFC 4303: the ICV covers the IV), authencesn moves the high half.
 */

#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <net/dst.h>

#include "esp.h"

static atomic_t espgw_inflight = ATOMIC_INIT(0);

struct espgw_crypt *espgw_crypt_alloc(struct espgw_sa *sa, struct sk_buff *skb, int nsg)
{
	unsigned int req_off, sg_off, len;
	struct espgw_crypt *c;

	req_off = ALIGN(sizeof(*c), crypto_tfm_ctx_alignment());
	sg_off = ALIGN(req_off + sizeof(struct aead_request) + crypto_aead_reqsize(sa->aead),
		       __alignof__(struct scatterlist));
	len = sg_off + (nsg + 1) * sizeof(struct scatterlist);
	c = kmalloc(len, GFP_ATOMIC);
	if (!c)
		return NULL;
	if (!refcount_inc_not_zero(&sa->refcnt)) {
		kfree(c);
		return NULL;
	}
	c->skb = skb;
	c->sa = sa;
	c->dev = NULL;
	c->dst = NULL;
	c->req = (void *)c + req_off;
	c->sg = (void *)c + sg_off;
	sg_init_table(c->sg, nsg + 1);
	aead_request_set_tfm(c->req, sa->aead);
	atomic_inc(&espgw_inflight);
	return c;
}

void espgw_crypt_free(struct espgw_crypt *c)
{
	if (c->dev)
		dev_put(c->dev);
	dst_release(c->dst);
	espgw_sa_put(c->sa);
	kfree_sensitive(c);
	if (atomic_dec_and_test(&espgw_inflight))
		wake_up_var(&espgw_inflight);
}

void espgw_crypt_set_ad(struct espgw_crypt *c, u64 seq)
{
	const struct espgw_sa *sa = c->sa;
	__be32 *p = (__be32 *)c->ad;

	*p++ = htonl(sa->id.spi);
	if (sa->esn)
		*p++ = htonl(upper_32_bits(seq));
	*p++ = htonl(lower_32_bits(seq));
	memcpy(p, c->iv, sa->alg->iv_bytes);
	c->ad_len = (u8 *)p - c->ad + sa->alg->iv_bytes;
	sg_set_buf(&c->sg[0], c->ad, c->ad_len);
	c->seq = seq;
}

void espgw_crypt_drain(void)
{
	wait_var_event(&espgw_inflight, !atomic_read(&espgw_inflight));
	/* Completions return after their last decrement: let them. */
	synchronize_net();
}
