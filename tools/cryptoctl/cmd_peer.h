/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_PEER_H
#define CRYPTOCTL_CMD_PEER_H

#include <netlink/msg.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse.h"
#include "peer.h"

/* A 'peer' command line, parsed. */
struct peer_args {
	uint8_t cmd;			/* ESPGW_CMD_NEW_PEER or _DEL_PEER */
	bool replace;			/* change an existing peer */
	uint32_t seen;			/* KW_BIT() of the keywords given */
	struct ip_addr addr, local;
	const char *fvrf_name;		/* NULL: none given */
	const char *id;			/* NULL: not given; "": no id */
	uint32_t fvrf, port, ifindex;
	bool has_description;		/* description given ("": none) */
	char description[DESCRIPTION_SIZE];
};

/*
 * argv[0] is add, change, del or the address of 'peer ADDR description
 * ...'.  Checks everything that can be checked without the kernel; the
 * fvrf is resolved by peer_args_resolve().  Returns 0 or EXIT_USAGE after
 * printing why.
 */
int peer_args_parse(int argc, char **argv, struct peer_args *a);
/* The fvrf's ifindex; 0 or EXIT_RUNTIME after printing why. */
int peer_args_resolve(struct peer_args *a);
/* A build_fn: ESPGW_A_PEER from @arg, a struct peer_args (and REPLACE). */
int put_peer(struct nl_msg *msg, const void *arg);

/*
 * The description from the words @argv, joined by single spaces, into
 * @buf (DESCRIPTION_SIZE).  Returns 0, or EXIT_USAGE after printing why
 * (not UTF-8, a control character, "description is N characters, at most
 * 80").
 */
int description_join(int argc, char **argv, char *buf);

#endif /* CRYPTOCTL_CMD_PEER_H */
