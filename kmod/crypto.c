// SPDX-License-Identifier: GPL-2.0
/*
 * The ESP transforms espgw offers and whether this kernel can provide them.
 */

#include <linux/crypto.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "crypto.h"

const struct espgw_algorithm espgw_algorithms[] = {
#define AEAD(name, bits) { name, name, bits, 128, 4, 0, 8, 4 }
#define AUTHENC(mac, cipher, bits, icv, mac_bytes, blk)				\
	{ "authenc(" mac "," cipher ")", "authencesn(" mac "," cipher ")",	\
	  bits, icv, 0, mac_bytes, blk, blk }
	AEAD("rfc4106(gcm(aes))", 128),
	AEAD("rfc4106(gcm(aes))", 256),
	AEAD("rfc7539esp(chacha20,poly1305)", 256),
	AUTHENC("hmac(sha256)", "cbc(aes)", 128, 128, 32, 16),
	AUTHENC("hmac(sha256)", "cbc(aes)", 256, 128, 32, 16),
};

const unsigned int espgw_algorithm_count = ARRAY_SIZE(espgw_algorithms);

/* May load crypto modules: process context only. */
bool espgw_algorithm_available(const struct espgw_algorithm *alg)
{
	might_sleep();
	return crypto_has_alg(alg->name, CRYPTO_ALG_TYPE_AEAD,
			      CRYPTO_ALG_TYPE_MASK) > 0 &&
	       crypto_has_alg(alg->esn_name, CRYPTO_ALG_TYPE_AEAD,
			      CRYPTO_ALG_TYPE_MASK) > 0;
}

const struct espgw_algorithm *espgw_algorithm_find(const char *name, unsigned int key_len,
						   bool *name_known)
{
	unsigned int i;

	*name_known = false;
	for (i = 0; i < espgw_algorithm_count; i++) {
		const struct espgw_algorithm *alg = &espgw_algorithms[i];

		if (strcmp(alg->name, name))
			continue;
		*name_known = true;
		if (espgw_algorithm_key_len(alg) == key_len)
			return alg;
	}
	return NULL;
}
