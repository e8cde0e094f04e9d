// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int parse_u32_range(const char *what, const char *arg, uint32_t min,
		    uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (%u..%u)\n",
			what, min, max);
		return -1;
	}
	/* strtoull() would take spaces, a sign, and wrap "-1" around. */
	if (!isdigit((unsigned char)arg[0])) {
		fprintf(stderr, "cryptoctl: %s: '%s' is not a number (%u..%u)\n",
			what, arg, min, max);
		return -1;
	}
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end) {
		fprintf(stderr, "cryptoctl: %s: '%s' is not a number (%u..%u)\n",
			what, arg, min, max);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		fprintf(stderr, "cryptoctl: %s: '%s' is out of range (%u..%u)\n",
			what, arg, min, max);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int parse_on_off(const char *what, const char *arg, bool *out)
{
	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (on or off)\n", what);
		return -1;
	}
	if (!strcmp(arg, "on") || !strcmp(arg, "off")) {
		*out = !strcmp(arg, "on");
		return 0;
	}
	fprintf(stderr, "cryptoctl: %s: '%s' is not 'on' or 'off'\n", what, arg);
	return -1;
}
