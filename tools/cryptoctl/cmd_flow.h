/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_FLOW_H
#define CRYPTOCTL_CMD_FLOW_H

#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse.h"
#include "stats.h"

/* An ESPGW_A_FLOW nest as the kernel sends it. */
struct flow {
	uint32_t id, ifindex;
	struct ip_prefix local, remote;
	uint8_t proto;
	uint16_t local_port, remote_port;
	bool has_sa_count, has_out_spi, has_stats;
	uint32_t sa_count, out_spi;
	struct stats stats;
};

/* Needs the ID, the interface and both prefixes.  0 or -EBADMSG. */
int flow_parse(struct nlattr *nest, struct flow *f);
/*
 * "flow 1 dev Tunnel0 local 10.1.0.0/24 remote 10.2.0.0/24 proto tcp
 * local-port 22 remote-port any", without a newline.
 */
void flow_print_id(const struct flow *f);
/* A flow as 'flow show' prints it, with its counters if @stats. */
void flow_print(const struct flow *f, bool stats);

#endif /* CRYPTOCTL_CMD_FLOW_H */
