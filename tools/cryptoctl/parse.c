// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <linux/espgw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A number in min..max: decimal, or with @hex also hexadecimal after 0x.
 * strtoull() alone would take spaces, a sign, and wrap "-1" around.
 */
static int parse_number(const char *what, const char *arg, bool hex,
			uint64_t min, uint64_t max, uint64_t *out)
{
	const char *digits = arg;
	unsigned long long v;
	int base = 10;
	char *end;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (%llu..%llu)\n",
			what, (unsigned long long)min, (unsigned long long)max);
		return -1;
	}
	if (hex && arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X')) {
		digits = arg + 2;
		base = 16;
	}
	if (!(base == 16 ? isxdigit((unsigned char)digits[0]) :
			   isdigit((unsigned char)digits[0])))
		goto not_number;
	errno = 0;
	v = strtoull(digits, &end, base);
	if (*end)
		goto not_number;
	if (errno == ERANGE || v < min || v > max) {
		fprintf(stderr, "cryptoctl: %s: '%s' is out of range (%llu..%llu)\n",
			what, arg, (unsigned long long)min, (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;

not_number:
	fprintf(stderr, "cryptoctl: %s: '%s' is not a number (%llu..%llu)\n",
		what, arg, (unsigned long long)min, (unsigned long long)max);
	return -1;
}

int parse_u32_range(const char *what, const char *arg, uint32_t min,
		    uint32_t max, uint32_t *out)
{
	uint64_t v;

	if (parse_number(what, arg, false, min, max, &v) < 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int parse_u64(const char *what, const char *arg, uint64_t *out)
{
	return parse_number(what, arg, false, 0, UINT64_MAX, out);
}

int parse_spi(const char *what, const char *arg, uint32_t *out)
{
	uint64_t v;

	if (parse_number(what, arg, true, ESPGW_SPI_MIN, UINT32_MAX, &v) < 0)
		return -1;
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

int parse_hex_u64(const char *what, const char *arg, uint64_t *out)
{
	const char *digits = arg;
	size_t n;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (1 to 16 hexadecimal digits)\n",
			what);
		return -1;
	}
	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X'))
		digits = arg + 2;
	n = strspn(digits, "0123456789abcdefABCDEF");
	if (!n || n > 16 || digits[n]) {
		fprintf(stderr, "cryptoctl: %s: '%s' is not 1 to 16 hexadecimal digits\n",
			what, arg);
		return -1;
	}
	*out = strtoull(digits, NULL, 16);
	return 0;
}

bool addr_equal(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->bytes, b->bytes, addr_len(a->family));
}

size_t addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

int addr_set(struct ip_addr *a, const void *data, size_t len)
{
	if (len != 4 && len != 16)
		return -1;
	memset(a, 0, sizeof(*a));
	a->family = len == 4 ? AF_INET : AF_INET6;
	memcpy(a->bytes, data, len);
	return 0;
}

const char *addr_str(const struct ip_addr *a, char *buf, size_t len)
{
	if (!a->family || !inet_ntop(a->family, a->bytes, buf, len))
		snprintf(buf, len, "%s", "");
	return buf;
}

const char *prefix_str(const struct ip_prefix *p, char *buf, size_t len)
{
	char addr[ADDR_STRLEN];

	snprintf(buf, len, "%s/%u", addr_str(&p->addr, addr, sizeof(addr)),
		 p->len);
	return buf;
}

/* inet_pton() of either family; 0 or -1. */
static int addr_pton(const char *s, struct ip_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->bytes) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, a->bytes) == 1)
		a->family = AF_INET6;
	return a->family ? 0 : -1;
}

int parse_addr(const char *what, const char *arg, struct ip_addr *out)
{
	struct ip_addr a;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs an address\n", what);
		return -1;
	}
	if (addr_pton(arg, &a) < 0) {
		fprintf(stderr, "cryptoctl: %s: '%s' is not an IPv4 or IPv6 address\n",
			what, arg);
		return -1;
	}
	*out = a;
	return 0;
}

/* Whether @a has a bit set after the first @len. */
static bool host_bits(const struct ip_addr *a, unsigned int len)
{
	unsigned int i, n = addr_len(a->family);

	for (i = len / 8; i < n; i++) {
		uint8_t mask = i == len / 8 ? 0xff >> (len % 8) : 0xff;

		if (a->bytes[i] & mask)
			return true;
	}
	return false;
}

/* Why @arg is not a prefix, or NULL; *@p is the prefix otherwise. */
static const char *prefix_error(const char *arg, struct ip_prefix *p,
				char *why, size_t why_len)
{
	char addr[PREFIX_STRLEN];
	const char *slash = strchr(arg, '/');
	unsigned int max;
	uint64_t len;

	if (strlen(arg) >= sizeof(addr))
		return "too long";
	snprintf(addr, sizeof(addr), "%.*s",
		 (int)(slash ? slash - arg : (int)strlen(arg)), arg);
	if (addr_pton(addr, &p->addr) < 0)
		return "not an IPv4 or IPv6 address";
	max = 8 * addr_len(p->addr.family);
	if (!slash) {
		p->len = max;
		return NULL;
	}
	if (!isdigit((unsigned char)slash[1]) || strlen(slash + 1) > 3 ||
	    strspn(slash + 1, "0123456789") != strlen(slash + 1))
		return "length is not a number";
	len = strtoull(slash + 1, NULL, 10);
	if (len > max) {
		snprintf(why, why_len, "length above %u", max);
		return why;
	}
	if (host_bits(&p->addr, len)) {
		snprintf(why, why_len, "address bits set after the first %u",
			 (unsigned int)len);
		return why;
	}
	p->len = len;
	return NULL;
}

int parse_prefix(const char *what, const char *arg, struct ip_prefix *out)
{
	struct ip_prefix p;
	const char *err;
	char why[64];

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a prefix (ADDR or ADDR/LEN)\n",
			what);
		return -1;
	}
	err = prefix_error(arg, &p, why, sizeof(why));
	if (err) {
		fprintf(stderr, "cryptoctl: %s: prefix %s does not parse: %s\n",
			what, arg, err);
		return -1;
	}
	*out = p;
	return 0;
}

static const struct {
	const char *name;
	uint8_t proto;
} protocols[] = {
	{ "any", 0 },
	{ "icmp", IPPROTO_ICMP },
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "gre", IPPROTO_GRE },
	{ "esp", IPPROTO_ESP },
	{ "ipv6-icmp", IPPROTO_ICMPV6 },
	{ "sctp", IPPROTO_SCTP },
	{ "udplite", IPPROTO_UDPLITE },
};

const char *proto_name(uint8_t proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (protocols[i].proto == proto)
			return protocols[i].name;
	return NULL;
}

bool proto_has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_UDPLITE;
}

int parse_proto(const char *what, const char *arg, uint8_t *out)
{
	uint64_t v;
	size_t i;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (a protocol name or 0..255)\n",
			what);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(protocols); i++) {
		if (!strcmp(arg, protocols[i].name)) {
			*out = protocols[i].proto;
			return 0;
		}
	}
	if (isdigit((unsigned char)arg[0])) {
		if (parse_number(what, arg, false, 0, 255, &v) < 0)
			return -1;
		*out = (uint8_t)v;
		return 0;
	}
	fprintf(stderr, "cryptoctl: %s: '%s' is not a protocol: give 0..255 or one of any, icmp, tcp, udp, gre, esp, ipv6-icmp, sctp, udplite\n",
		what, arg);
	return -1;
}
