/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_SA_H
#define CRYPTOCTL_CMD_SA_H

#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

#include "cmd_common.h"
#include "parse.h"
#include "stats.h"

/* An ESPGW_A_SA nest as the kernel sends it; @alg points into it. */
struct sa {
	uint32_t spi;
	uint8_t dir;
	struct ip_addr local, remote;	/* family 0: not given */
	const char *alg;		/* NULL: not given */
	uint32_t key_bits;
	uint8_t encap;
	uint16_t sport, dport;
	bool esn, soft_expired;
	bool has_replay_window, has_flow, has_seq, has_add_time, has_stats;
	bool has_session;
	uint16_t peer_port;		/* the kernel's, else its default */
	uint32_t replay_window, flow_id, session_id;
	uint64_t seq, add_time;
	struct lifetime soft, hard;
	struct stats stats;
};

/*
 * Needs the identity (SPI, direction, destination address); the rest is
 * optional, as in events.  Returns 0 or -EBADMSG.
 */
int sa_parse(struct nlattr *nest, struct sa *sa);
/* The same as an item_parse_fn. */
int sa_parse_item(struct nlattr *nest, void *sa);
/* "sa in spi 0x00001000 local A remote B flow N", without a newline. */
void sa_print_id(const struct sa *sa);
/* An SA as 'sa show' prints it, with its counters if @stats. */
void sa_print(const struct sa *sa, bool stats);
/*
 * " stats packets N bytes N drops ...": the counters of the SA's
 * direction; JSON null when the kernel gave none.
 */
void sa_print_stats(const struct sa *sa);

#endif /* CRYPTOCTL_CMD_SA_H */
