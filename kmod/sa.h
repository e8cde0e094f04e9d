/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_SA_H
#define _ESPGW_SA_H

#include <crypto/aead.h>
#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>

#include "stats.h"

struct espgw_algorithm;
struct espgw_encap_port;
struct espgw_flow;
struct espgw_net;
struct espgw_session;
struct netlink_ext_ack;

/* What identifies an SA: compared as bytes, so keep it free of padding. */
struct espgw_sa_id {
	union {
		__be32 v4;
		struct in6_addr v6;
	} dst;
	u32 spi;
	u8 dir;		/* enum espgw_direction */
	u8 family;	/* AF_INET or AF_INET6 */
	u8 pad[2];
};

struct espgw_lifetime {
	u64 bytes;
	u64 packets;
	u64 seconds;
};

/*
 * Anti-replay state of an inbound SA: the highest sequence number seen and
 * a bitmap of the @window below it (RFC 4303 3.4.3, appendix A2 for ESN).
 */
struct espgw_replay {
	spinlock_t lock;	/* updates after decryption; checks read without it */
	u64 top;
	u32 window;		/* packets, 0 = no check */
	u32 bits;		/* bitmap size, a power of two >= window */
	unsigned long map[];	/* bit (seq & (bits - 1)) */
};

/* SA flags, in espgw_sa.flags. */
enum {
	ESPGW_SA_SOFT_EXPIRED,	/* a soft limit was reached */
	ESPGW_SA_SOFT_NOTIFIED,	/* ... and the event sent */
	ESPGW_SA_HARD_EXPIRED,	/* a hard limit was reached: no more packets */
};

struct espgw_sa {
	struct espgw_sa_id id;
	struct rhash_head node;
	struct list_head list;		/* in espgw_sa_table.list, add order */
	refcount_t refcnt;
	struct rcu_work free_work;
	unsigned long flags;

	/* The packet path's state. */
	struct espgw_pcpu_counters __percpu *counters;
	atomic64_t seq_out;		/* outbound: last sequence number sent */
	atomic64_t life_bytes;		/* only kept when a limit is set */
	atomic64_t life_packets;
	struct espgw_replay *replay;	/* inbound */
	struct dst_cache dst_cache;	/* outbound: the route to the peer */
	struct espgw_flow __rcu *flow;
	struct list_head flow_list;	/* in espgw_flow.sas, under the table lock */
	struct espgw_counts base;	/* counters at the last clear */

	union {
		__be32 v4;
		struct in6_addr v6;
	} local, remote;
	const struct espgw_algorithm *alg;
	struct crypto_aead *aead;
	u8 encap;			/* enum espgw_encap */
	__be16 encap_sport, encap_dport;
	bool esn;
	u32 replay_window;
	struct espgw_lifetime soft, hard;
	bool counted_life;		/* a byte or packet limit is set */
	time64_t add_time;
	u32 flow_id;			/* 0: none */
	struct espgw_encap_port *encap_port;	/* inbound over UDP */
	__be16 peer_port;		/* of its crypto session */
	struct espgw_session *session;	/* under the table lock */
	struct list_head session_list;
};

static inline bool espgw_sa_usable(const struct espgw_sa *sa)
{
	return !test_bit(ESPGW_SA_HARD_EXPIRED, &sa->flags);
}

/* This direction's counters, minus the baseline. */
void espgw_sa_counts(struct espgw_sa *sa, struct espgw_counts *c);

struct espgw_sa_table {
	struct rhashtable hash;		/* by espgw_sa_id, RCU readers */
	struct list_head list;		/* every SA, for dumps and flushes */
	struct mutex lock;		/* serialises writers and dumps */
	unsigned int count;
	unsigned int generation;	/* bumped on every change, for dumps */
};

int espgw_sa_table_init(struct espgw_sa_table *table);
void espgw_sa_table_destroy(struct espgw_sa_table *table);

struct espgw_sa *espgw_sa_lookup(struct espgw_sa_table *table, const struct espgw_sa_id *id);
/* Under table->lock: insert, replace (old dropped) or remove. */
int espgw_sa_insert(struct espgw_sa_table *table, struct espgw_sa *sa);
void espgw_sa_replace(struct espgw_sa_table *table, struct espgw_sa *old, struct espgw_sa *sa);
void espgw_sa_remove(struct espgw_sa_table *table, struct espgw_sa *sa);

/* A new SA with its transform keyed; not yet in a table. */
struct espgw_sa *espgw_sa_create(const struct espgw_algorithm *alg, bool esn, bool inbound,
				 u32 replay_window, const u8 *key, unsigned int key_len,
				 struct netlink_ext_ack *extack);
void espgw_sa_put(struct espgw_sa *sa);

int espgw_sa_init(void);
void espgw_sa_uninit(void);
void espgw_sa_drain(void);

#endif /* _ESPGW_SA_H */
