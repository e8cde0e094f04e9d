/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_NETNS_H
#define _ESPGW_NETNS_H

#include <linux/mutex.h>
#include <net/net_namespace.h>

#include "sa.h"

/* Everything espgw keeps for one network namespace. */
struct espgw_net {
	struct net *net;
	/* Serialises configuration changes in this namespace. */
	struct mutex config_lock;
	u32 acquire_rate;
	bool session_log;
	struct espgw_sa_table sas;
};

struct espgw_net *espgw_net(const struct net *net);

int espgw_netns_init(void);
void espgw_netns_uninit(void);

#endif /* _ESPGW_NETNS_H */
