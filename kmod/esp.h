/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_ESP_H
#define _ESPGW_ESP_H

#include <crypto/aead.h>
#include <linux/skbuff.h>
#include <linux/version.h>

#include "crypto.h"
#include "sa.h"

struct dst_entry;

/*
 * One packet's way through the crypto API, which may finish it later
 * (asynchronous implementations): what the completion needs, the
 * associated data, the IV, then the request and its scatterlist.
 */
struct espgw_crypt {
	struct sk_buff *skb;
	struct espgw_sa *sa;		/* referenced */
	struct net_device *dev;		/* the tunnel out, the device in; referenced */
	struct dst_entry *dst;		/* outbound: the outer route */
	u64 seq;
	unsigned int inner_len;
	u8 tos;
	__be16 df;
	u8 iv[16];
	u8 ad[12 + 16];			/* SPI, [ESN high], sequence, IV */
	unsigned int ad_len;
	struct aead_request *req;
	struct scatterlist *sg;
};

/* ESP header and the explicit IV before the payload. */
static inline unsigned int espgw_esp_hlen(const struct espgw_sa *sa)
{
	return 8 + sa->alg->iv_bytes;
}

static inline unsigned int espgw_icv_len(const struct espgw_sa *sa)
{
	return sa->alg->icv_bits / 8;
}

/* Takes a reference on @sa; @nsg scatterlist entries after the AD's one. */
struct espgw_crypt *espgw_crypt_alloc(struct espgw_sa *sa, struct sk_buff *skb, int nsg);
void espgw_crypt_free(struct espgw_crypt *c);
/* Fills c->ad from the SPI, @seq and c->iv; sets up c->sg[0]. */
void espgw_crypt_set_ad(struct espgw_crypt *c, u64 seq);
/* Waits until no request is left in the crypto API (module exit). */
void espgw_crypt_drain(void);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define ESPGW_CRYPTO_DONE(name)						\
	static void name##_fn(struct espgw_crypt *c, int err);		\
	static void name(void *data, int err)				\
	{								\
		name##_fn(data, err);					\
	}								\
	static void name##_fn(struct espgw_crypt *c, int err)
#else
#define ESPGW_CRYPTO_DONE(name)						\
	static void name##_fn(struct espgw_crypt *c, int err);		\
	static void name(struct crypto_async_request *areq, int err)	\
	{								\
		name##_fn(areq->data, err);				\
	}								\
	static void name##_fn(struct espgw_crypt *c, int err)
#endif

#endif /* _ESPGW_ESP_H */
