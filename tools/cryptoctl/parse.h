/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line values.  Each parser returns 0 and stores the value, or
 * returns -1 after printing one line naming @what and the bad word, and
 * leaves *@out alone.  A NULL @arg means the value is missing.
 */
#ifndef CRYPTOCTL_PARSE_H
#define CRYPTOCTL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* A decimal integer in min..max: digits only, no sign, no spaces. */
int parse_u32_range(const char *what, const char *arg, uint32_t min,
		    uint32_t max, uint32_t *out);
/* "on" or "off". */
int parse_on_off(const char *what, const char *arg, bool *out);

#endif /* CRYPTOCTL_PARSE_H */
