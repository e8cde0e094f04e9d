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

/* An RTM_NEWLINK message.  Returns 0 or -EBADMSG. */
int link_parse(struct nl_msg *msg, struct link *l);
/* Tunnel @l; @links names its fvrf and ivrf. */
void tunnel_print(const struct links *links, const struct link *l);

#endif /* CRYPTOCTL_CMD_TUNNEL_H */
