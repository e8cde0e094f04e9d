/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_IKE_SA_H
#define CRYPTOCTL_CMD_IKE_SA_H

#include <netlink/msg.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse.h"

/* An 'ike-sa add' or 'ike-sa del' command line, parsed. */
struct ike_args {
	uint8_t cmd;			/* ESPGW_CMD_NEW_IKE_SA or _DEL_IKE_SA */
	uint32_t seen;			/* KW_BIT() of the keywords given */
	uint32_t connid, ifindex, local_port, remote_port, caps;
	struct ip_addr local, remote;
	uint8_t state, version, reason;
	const char *id;
	uint64_t lifetime, spi_i, spi_r;
};

/*
 * argv[0] is add or del.  Returns 0 or EXIT_USAGE after printing why.
 */
int ike_args_parse(int argc, char **argv, struct ike_args *a);
/* A build_fn: ESPGW_A_IKE_SA (and REPLACE, REASON) from a struct ike_args. */
int put_ike_sa(struct nl_msg *msg, const void *arg);

/* "D,N,F,M" (any of them, each once) or "none" into a u32 of ESPGW_IKE_CAP_*. */
int parse_caps(const char *what, const char *arg, void *out);

#endif /* CRYPTOCTL_CMD_IKE_SA_H */
