// SPDX-License-Identifier: GPL-2.0
/*
 * Per-network-namespace state: each namespace is an independent gateway.
 */

#include <linux/espgw.h>
#include <net/netns/generic.h>

#include "event.h"
#include "netns.h"
#include "sa.h"

static unsigned int espgw_net_id __read_mostly;

struct espgw_net *espgw_net(const struct net *net)
{
	return net_generic(net, espgw_net_id);
}

static int __net_init espgw_net_init(struct net *net)
{
	struct espgw_net *en = espgw_net(net);
	int ret;

	en->net = net;
	mutex_init(&en->config_lock);
	en->acquire_rate = ESPGW_ACQUIRE_RATE_DEFAULT;
	en->session_log = true;
	INIT_LIST_HEAD(&en->encap_ports);
	espgw_expire_init(en);
	ret = -ENOMEM;
	en->in_drops = espgw_counters_alloc();
	en->out_drops = espgw_counters_alloc();
	if (!en->in_drops || !en->out_drops)
		goto err_counters;
	ret = espgw_sa_table_init(&en->sas);
	if (ret)
		goto err_counters;
	ret = espgw_flow_table_init(&en->flows);
	if (ret)
		goto err_flows;
	ret = espgw_session_table_init(&en->sessions);
	if (ret)
		goto err_sessions;
	return 0;

err_sessions:
	espgw_flow_table_destroy(&en->flows);
err_flows:
	espgw_sa_table_destroy(&en->sas);
err_counters:
	free_percpu(en->in_drops);
	free_percpu(en->out_drops);
	return ret;
}

/* The namespace's tunnels, and with them its flows, are gone already. */
static void __net_exit espgw_net_exit(struct net *net)
{
	struct espgw_net *en = espgw_net(net);

	espgw_expire_stop(en);
	espgw_session_table_destroy(en);
	espgw_sa_table_destroy(&en->sas);
	espgw_flow_table_destroy(&en->flows);
	WARN_ON_ONCE(!list_empty(&en->encap_ports));
	free_percpu(en->in_drops);
	free_percpu(en->out_drops);
	mutex_destroy(&en->config_lock);
}

/* After every exiting namespace's SAs went: their routes go before the namespaces. */
static void __net_exit espgw_net_exit_batch(struct list_head *net_exit_list)
{
	espgw_sa_drain();
}

static struct pernet_operations espgw_net_ops = {
	.init = espgw_net_init,
	.exit = espgw_net_exit,
	.exit_batch = espgw_net_exit_batch,
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
