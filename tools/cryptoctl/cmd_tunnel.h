/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_TUNNEL_H
#define CRYPTOCTL_CMD_TUNNEL_H

#include <net/if.h>
#include <netlink/msg.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse.h"

/* An interface of the namespace, as much as 'tunnel show' needs. */
struct link {
	uint32_t ifindex, mtu, master, fvrf;
	unsigned int flags;
	bool espgw, vrf;		/* its kind */
	char name[IF_NAMESIZE];
	struct ip_addr local;		/* espgw: family 0 for none */
};

struct links {
	struct link *v;
	size_t n;
};

/* Every interface of the namespace; 0, or < 0 after printing why. */
int links_fetch(struct links *links);
void links_free(struct links *links);

/*
 * The VRF device @name of @links: its ifindex into *@ifindex, or -1 after
 * printing "cryptoctl: no VRF named 'NAME'".
 */
int vrf_find(const struct links *links, const char *name, uint32_t *ifindex);
/* The same, fetching the interfaces. */
int vrf_lookup(const char *name, uint32_t *ifindex);

/* An RTM_NEWLINK message.  Returns 0 or -EBADMSG. */
int link_parse(struct nl_msg *msg, struct link *l);
/* Tunnel @l; @links names its fvrf and ivrf. */
void tunnel_print(const struct links *links, const struct link *l);

#endif /* CRYPTOCTL_CMD_TUNNEL_H */
