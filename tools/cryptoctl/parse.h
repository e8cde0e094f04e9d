/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_PARSE_H
#define CRYPTOCTL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* Each returns 0, or -1 after printing a one-line error naming @what. */
int parse_u32_range(const char *what, const char *arg, uint32_t min, uint32_t max,
		    uint32_t *out);
int parse_on_off(const char *what, const char *arg, bool *out);

#endif /* CRYPTOCTL_PARSE_H */
