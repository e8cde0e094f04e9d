/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_NETNS_H
#define _ESPGW_NETNS_H

#include <linux/mutex.h>
#include <net/net_namespace.h>

#include "flow.h"
#include "sa.h"
#include "session.h"
#include "stats.h"

/* Everything espgw keeps for one network namespace. */
struct espgw_net {
	struct net *net;
	/* Serialises configuration changes in this namespace. */
	struct mutex config_lock;
	u32 acquire_rate;
	bool session_log;
	/* SAs and flows; the SA table's mutex is the lock of both. */
	struct espgw_sa_table sas;
	struct espgw_flow_table flows;
	/* Crypto sessions, peers and IKE SA records, under the same lock. */
	struct espgw_session_table sessions;
	struct list_head encap_ports;	/* under the table lock */
	struct delayed_work expire_work;
	/* Drops that belong to no SA or flow, and their baselines. */
	struct espgw_pcpu_counters __percpu *in_drops, *out_drops;
	struct espgw_counts in_base, out_base;
};

struct espgw_net *espgw_net(const struct net *net);

int espgw_netns_init(void);
void espgw_netns_uninit(void);

#endif /* _ESPGW_NETNS_H */
