/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_STATS_H
#define _ESPGW_STATS_H

#include <linux/espgw.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

/*
 * One direction's counters, per CPU: written lock-free on the packet path,
 * summed when read.
 */
struct espgw_pcpu_counters {
	u64_stats_t packets;
	u64_stats_t bytes;
	u64_stats_t drops[__ESPGW_DROP_MAX];
	struct u64_stats_sync syncp;
};

/* A sum of one direction's counters. */
struct espgw_counts {
	u64 packets;
	u64 bytes;
	u64 drops[__ESPGW_DROP_MAX];
};

/* Both directions, as reported (ESPGW_STATS_A_*). */
struct espgw_stats {
	struct espgw_counts in, out;
};

struct espgw_pcpu_counters __percpu *espgw_counters_alloc(void);

static inline void espgw_count_packet(struct espgw_pcpu_counters __percpu *c,
				      unsigned int bytes)
{
	struct espgw_pcpu_counters *p = get_cpu_ptr(c);

	u64_stats_update_begin(&p->syncp);
	u64_stats_inc(&p->packets);
	u64_stats_add(&p->bytes, bytes);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(c);
}

static inline void espgw_count_drop(struct espgw_pcpu_counters __percpu *c,
				    enum espgw_drop_reason reason)
{
	struct espgw_pcpu_counters *p = get_cpu_ptr(c);

	u64_stats_update_begin(&p->syncp);
	u64_stats_inc(&p->drops[reason]);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(c);
}

/* Adds the counters of every CPU to @sum. */
void espgw_counters_sum(struct espgw_pcpu_counters __percpu *c, struct espgw_counts *sum);

void espgw_counts_add(struct espgw_counts *to, const struct espgw_counts *from);
/* @to -= @base, for counters cleared by taking a baseline. */
void espgw_counts_sub(struct espgw_counts *to, const struct espgw_counts *base);

/* ESPGW_STATS_A_* of @stats into a nest of type @type. */
int espgw_put_stats(struct sk_buff *skb, int type, const struct espgw_stats *stats);

#endif /* _ESPGW_STATS_H */
