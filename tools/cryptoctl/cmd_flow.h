/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_FLOW_H
#define CRYPTOCTL_CMD_FLOW_H

#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

#include "cmd_common.h"
#include "parse.h"
#include "stats.h"

/* An ESPGW_A_FLOW nest as the kernel sends it. */
struct flow {
	uint32_t id, ifindex;
	struct ip_prefix local, remote;
	uint8_t proto;
	uint16_t local_port, remote_port;
	bool has_sa_count, has_out_spi, has_in_spi, has_stats, has_session;
	uint32_t sa_count, out_spi, in_spi, session_id;
	struct ip_addr peer;		/* family 0: none given */
	uint16_t peer_port;
	struct stats stats;
	/* In sessions: what is left of the SAs in use (no kind: no limit). */
	struct lifetime out_remaining, in_remaining;
};

/* Needs the ID, the interface and both prefixes.  0 or -EBADMSG. */
int flow_parse(struct nlattr *nest, struct flow *f);
/* The same for keyword-less callers (item_parse_fn). */
int flow_parse_item(struct nlattr *nest, void *f);
/*
 * "flow 1 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.0/24 proto tcp
 * local-port 22 remote-port any", without a newline.
 */
void flow_print_id(const struct flow *f);
/*
 * Cisco's form of the selectors, into @buf (SELECTOR_STRLEN): "permit ip
 * 10.10.10.0/255.255.255.0 host 10.30.30.1 port 22", "permit 47 host A
 * host B", "permit ipv6 2001:db8::/32 ...".
 */
#define SELECTOR_STRLEN	192
/* An IPv4 prefix's netmask ("255.255.255.0"), an IPv6 one's length. */
const char *prefix_mask(const struct ip_prefix *p, char *buf, size_t len);
const char *flow_selector(const struct flow *f, char *buf, size_t len);
/*
 * JSON only: the members id, selector, protocol, local {prefix, port} and
 * remote {prefix, port}.
 */
void flow_print_selector_json(const struct flow *f);

/* A flow as 'flow show' prints it, with its counters if @stats. */
void flow_print(const struct flow *f, bool stats);

#endif /* CRYPTOCTL_CMD_FLOW_H */
