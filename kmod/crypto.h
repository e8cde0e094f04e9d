/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_CRYPTO_H
#define _ESPGW_CRYPTO_H

#include <linux/types.h>

/* An ESP transform espgw implements, named as the kernel crypto API names it. */
struct espgw_algorithm {
	const char *name;
	const char *esn_name;	/* the transform for 64-bit sequence numbers */
	u16 key_bits;		/* cipher key, without salt */
	u16 icv_bits;
	u8 salt_bytes;		/* after the cipher key (RFC 4106, RFC 7634) */
	u8 auth_key_bytes;	/* after the cipher key (authenc) */
	u8 iv_bytes;		/* explicit IV in each packet */
	u8 block_bytes;		/* payload and trailer are a multiple of this */
};

/* The bytes a user supplies: cipher key, then salt or authentication key. */
static inline unsigned int espgw_algorithm_key_len(const struct espgw_algorithm *alg)
{
	return alg->key_bits / 8 + alg->salt_bytes + alg->auth_key_bytes;
}

extern const struct espgw_algorithm espgw_algorithms[];
extern const unsigned int espgw_algorithm_count;

bool espgw_algorithm_available(const struct espgw_algorithm *alg);
/* By name and key length; NULL with @name_known telling which part failed. */
const struct espgw_algorithm *espgw_algorithm_find(const char *name, unsigned int key_len,
						   bool *name_known);

#endif /* _ESPGW_CRYPTO_H */
