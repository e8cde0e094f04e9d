// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU packet counters.  Clearing never writes another CPU's counters:
 * the owner keeps a baseline and reports the difference.
 */

#include <net/netlink.h>

#include "stats.h"

struct espgw_pcpu_counters __percpu *espgw_counters_alloc(void)
{
	struct espgw_pcpu_counters __percpu *c;
	int cpu;

	c = alloc_percpu_gfp(struct espgw_pcpu_counters, GFP_KERNEL);
	if (!c)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(c, cpu)->syncp);
	return c;
}

void espgw_counters_sum(struct espgw_pcpu_counters __percpu *c, struct espgw_counts *sum)
{
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct espgw_pcpu_counters *p = per_cpu_ptr(c, cpu);
		struct espgw_counts one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			one.packets = u64_stats_read(&p->packets);
			one.bytes = u64_stats_read(&p->bytes);
			for (i = 0; i < __ESPGW_DROP_MAX; i++)
				one.drops[i] = u64_stats_read(&p->drops[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		espgw_counts_add(sum, &one);
	}
}

void espgw_counts_add(struct espgw_counts *to, const struct espgw_counts *from)
{
	int i;

	to->packets += from->packets;
	to->bytes += from->bytes;
	for (i = 0; i < __ESPGW_DROP_MAX; i++)
		to->drops[i] += from->drops[i];
}

void espgw_counts_sub(struct espgw_counts *to, const struct espgw_counts *base)
{
	int i;

	to->packets -= base->packets;
	to->bytes -= base->bytes;
	for (i = 0; i < __ESPGW_DROP_MAX; i++)
		to->drops[i] -= base->drops[i];
}

static int put_drops(struct sk_buff *skb, int type, const struct espgw_counts *c)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 1; i < __ESPGW_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, i, c->drops[i], ESPGW_DROP_UNSPEC))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int espgw_put_stats(struct sk_buff *skb, int type, const struct espgw_stats *stats)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u64_64bit(skb, ESPGW_STATS_A_IN_PACKETS, stats->in.packets,
			      ESPGW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, ESPGW_STATS_A_IN_BYTES, stats->in.bytes, ESPGW_STATS_A_PAD) ||
	    put_drops(skb, ESPGW_STATS_A_IN_DROPS, &stats->in) ||
	    nla_put_u64_64bit(skb, ESPGW_STATS_A_OUT_PACKETS, stats->out.packets,
			      ESPGW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, ESPGW_STATS_A_OUT_BYTES, stats->out.bytes,
			      ESPGW_STATS_A_PAD) ||
	    put_drops(skb, ESPGW_STATS_A_OUT_DROPS, &stats->out))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
