/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Peers: the remote crypto endpoints the gateway is configured for, as the
 * kernel reports them (ESPGW_A_PEER), and how they print.
 */
#ifndef CRYPTOCTL_PEER_H
#define CRYPTOCTL_PEER_H

#include <linux/espgw.h>
#include <net/if.h>
#include <netlink/attr.h>
#include <stdint.h>

#include "parse.h"

/* Room for a description (80 characters of up to 4 bytes) and an ID. */
#define DESCRIPTION_SIZE	(4 * ESPGW_DESCRIPTION_MAX + 1)
#define ID_SIZE			(ESPGW_ID_MAX + 1)

struct peer {
	struct ip_addr addr;
	struct ip_addr local;		/* family 0: not given */
	uint16_t port;
	uint32_t fvrf, ifindex, flags;	/* fvrf, ifindex 0: none */
	char fvrf_name[IF_NAMESIZE];	/* "": the kernel named none */
	char description[DESCRIPTION_SIZE];	/* "": none */
	char id[ID_SIZE];		/* "": none */
};

/* Needs the address.  Returns 0 or -EBADMSG. */
int peer_parse(struct nlattr *nest, struct peer *p);
/*
 * As a session carries it: the address may be missing (no configured peer;
 * the nest then has the session's phase-1 identity alone).
 */
int peer_parse_any(struct nlattr *nest, struct peer *p);
/* The same as an item_parse_fn. */
int peer_parse_item(struct nlattr *nest, void *p);

/*
 * The name of VRF @ifindex: @name when the kernel gave one, else the
 * interface's name or "ifN" (into @buf, IF_NAMESIZE); NULL for 0.
 */
const char *vrf_name(uint32_t ifindex, const char *name, char *buf);

/*
 * As Cisco's 'show crypto isakmp peer':
 *   Peer: 10.2.2.9 Port: 500[ fvrf: NAME]
 *   Description: connection from site A	(when there is one)
 *   flags: PEER_POLICY			(or "(none)")
 * JSON: the peer object (see the man page).
 */
void peer_print_isakmp(const struct peer *p);
/*
 * As 'peer show': "peer ADDR port N fvrf F dev D local L id I flags F", and
 * the description on an indented line of its own.  JSON: the peer object.
 */
void peer_print(const struct peer *p);

#endif /* CRYPTOCTL_PEER_H */
