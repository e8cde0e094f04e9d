/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line values.  Each parser returns 0 and stores the value, or
 * returns -1 after printing one line naming @what and the bad word, and
 * leaves *@out alone.  A NULL @arg means the value is missing.
 */
#ifndef CRYPTOCTL_PARSE_H
#define CRYPTOCTL_PARSE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A decimal integer in min..max: digits only, no sign, no spaces. */
int parse_u32_range(const char *what, const char *arg, uint32_t min,
		    uint32_t max, uint32_t *out);
int parse_u64(const char *what, const char *arg, uint64_t *out);
/* An SPI: decimal, or hexadecimal after 0x; ESPGW_SPI_MIN..2^32-1. */
int parse_spi(const char *what, const char *arg, uint32_t *out);
/* "on" or "off". */
int parse_on_off(const char *what, const char *arg, bool *out);

/* An IPv4 or IPv6 address; family 0 where there is none. */
struct ip_addr {
	int family;
	uint8_t bytes[16];
};

struct ip_prefix {
	struct ip_addr addr;
	uint8_t len;
};

/* Longest text form of an address, and of a prefix, with the NUL. */
#define ADDR_STRLEN	INET6_ADDRSTRLEN
#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + 4)

int parse_addr(const char *what, const char *arg, struct ip_addr *out);
/* ADDR or ADDR/LEN; no bits set after LEN.  Without /LEN: the full length. */
int parse_prefix(const char *what, const char *arg, struct ip_prefix *out);
/* An IP protocol: 0..255 or a name from proto_name(); "any" is 0. */
int parse_proto(const char *what, const char *arg, uint8_t *out);

/* Whether @a and @b are the same address (of the same family). */
bool addr_equal(const struct ip_addr *a, const struct ip_addr *b);
/* 1 to 16 hexadecimal digits, after 0x or not (IKE SPIs are written without). */
int parse_hex_u64(const char *what, const char *arg, uint64_t *out);

/* The address length of @family (4 or 16), or 0. */
size_t addr_len(int family);
/* Sets @a from @len bytes (4 or 16); -1 for any other length. */
int addr_set(struct ip_addr *a, const void *data, size_t len);
/* @a as text into @buf (ADDR_STRLEN); "" when it has no family. */
const char *addr_str(const struct ip_addr *a, char *buf, size_t len);
/* ADDR/LEN into @buf (PREFIX_STRLEN). */
const char *prefix_str(const struct ip_prefix *p, char *buf, size_t len);
/* The name cryptoctl gives @proto ("any", "tcp", ...), or NULL. */
const char *proto_name(uint8_t proto);
/* Whether flows of @proto may name ports (TCP, UDP, SCTP, UDP-Lite). */
bool proto_has_ports(uint8_t proto);

#endif /* CRYPTOCTL_PARSE_H */
