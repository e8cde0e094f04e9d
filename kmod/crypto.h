/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_CRYPTO_H
#define _ESPGW_CRYPTO_H

#include <linux/types.h>

/* An ESP transform espgw implements, named as the kernel crypto API names it. */
struct espgw_algorithm {
	const char *name;
	u16 key_bits;
	u16 icv_bits;
};

extern const struct espgw_algorithm espgw_algorithms[];
extern const unsigned int espgw_algorithm_count;

bool espgw_algorithm_available(const struct espgw_algorithm *alg);

#endif /* _ESPGW_CRYPTO_H */
