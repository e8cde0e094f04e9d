// SPDX-License-Identifier: GPL-2.0
/*
 * The ESP transforms espgw offers and whether this kernel can provide them.
 */

#include <linux/crypto.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "crypto.h"

const struct espgw_algorithm espgw_algorithms[] = {
	/* name, ESN name, key bits, ICV bits, salt, auth key, IV, block */
	{ "rfc4106(gcm(aes))", "rfc4106(gcm(aes))", 128, 128, 4, 0, 8, 4 },
	{ "rfc4106(gcm(aes))", "rfc4106(gcm(aes))", 256, 128, 4, 0, 8, 4 },
	{ "rfc7539esp(chacha20,poly1305)", "rfc7539esp(chacha20,poly1305)",
	  256, 128, 4, 0, 8, 4 },
	{ "authenc(hmac(sha256),cbc(aes))", "authencesn(hmac(sha256),cbc(aes))",
	  128, 128, 0, 32, 16, 16 },
	{ "authenc(hmac(sha256),cbc(aes))", "authencesn(hmac(sha256),cbc(aes))",
	  256, 128, 0, 32, 16, 16 },
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
