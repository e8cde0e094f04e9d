// SPDX-License-Identifier: GPL-2.0
/*
 * Per-network-namespace state: each namespace is an independent gateway.
 */

#include <linux/espgw.h>
#include <net/netns/generic.h>

#include "netns.h"

static unsigned int espgw_net_id __read_mostly;

struct espgw_net *espgw_net(const struct net *net)
{
	return net_generic(net, espgw_net_id);
}

static int __net_init espgw_net_init(struct net *net)
{
	struct espgw_net *en = espgw_net(net);

	en->net = net;
	mutex_init(&en->config_lock);
	en->acquire_rate = ESPGW_ACQUIRE_RATE_DEFAULT;
	en->session_log = true;
	return espgw_sa_table_init(&en->sas);
}

static void __net_exit espgw_net_exit(struct net *net)
{
	struct espgw_net *en = espgw_net(net);

	espgw_sa_table_destroy(&en->sas);
	mutex_destroy(&en->config_lock);
}

static struct pernet_operations espgw_net_ops = {
	.init = espgw_net_init,
	.exit = espgw_net_exit,
	.id = &espgw_net_id,
	.size = sizeof(struct espgw_net),
};

int espgw_netns_init(void)
{
	return register_pernet_subsys(&espgw_net_ops);
}

void espgw_netns_uninit(void)
{
	unregister_pernet_subsys(&espgw_net_ops);
}
