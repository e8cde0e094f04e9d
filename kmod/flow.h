/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_FLOW_H
#define _ESPGW_FLOW_H

#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/rhashtable-types.h>

#include "stats.h"

struct espgw_sa;
struct espgw_session;
struct espgw_tunnel;
struct espgw_sa_table;

union espgw_addr {
	__be32 v4;
	struct in6_addr v6;
};

static inline void espgw_addr_copy(union espgw_addr *to, const void *from, u8 family)
{
	memset(to, 0, sizeof(*to));
	memcpy(to, from, family == AF_INET ? sizeof(__be32) : sizeof(struct in6_addr));
}

static inline bool espgw_addr_equal(const void *a, const void *b, u8 family)
{
	return !memcmp(a, b, family == AF_INET ? sizeof(__be32) : sizeof(struct in6_addr));
}

/*
 * What the selector hash is keyed by: the tunnel, the prefix lengths and
 * the masked prefixes.  Compared as bytes, so free of padding.
 */
struct espgw_flow_key {
	union espgw_addr local, remote;
	int ifindex;
	u8 family;
	u8 local_plen, remote_plen;
	u8 pad;
};

/* A packet's selector fields, from this gateway's side. */
struct espgw_selector {
	union espgw_addr local, remote;
	u8 family;
	u8 proto;
	__be16 local_port, remote_port;
};

struct espgw_flow {
	struct espgw_flow_key key;
	struct rhlist_head sel_node;	/* selector hash */
	struct rhash_head id_node;	/* by id */
	u32 id;
	u8 proto;			/* 0: any */
	__be16 local_port, remote_port;	/* 0: any */
	struct espgw_tunnel *tun;
	struct list_head list;		/* the table's, add order */
	struct list_head tun_list;	/* the tunnel's */
	struct list_head sas;		/* SAs carrying the flow, add order */
	unsigned int sa_count;
	struct espgw_sa __rcu *out_sa;	/* the newest outbound SA */
	struct espgw_pcpu_counters __percpu *counters;	/* the flow's own */
	bool counters_moved;		/* replaced: its successor owns them */
	struct espgw_stats retired;	/* of SAs gone since the last clear */
	struct espgw_counts base;	/* own counters at the last clear */
	unsigned long acquire_start;
	atomic_t acquire_count;
	/* Its crypto session (table lock): given by the peer, else its first SA's. */
	union espgw_addr peer;
	u8 peer_family;			/* 0: no peer given */
	__be16 peer_port;
	struct espgw_session *session;
	struct list_head session_list;
	struct rcu_head rcu;
};

struct espgw_flow_table {
	struct rhashtable ids;
	struct rhltable sel;
	struct list_head list;
	unsigned int count;
	unsigned int generation;
};

int espgw_flow_table_init(struct espgw_flow_table *table);
/* Flows and SAs must be gone (the tunnels are deleted first). */
void espgw_flow_table_destroy(struct espgw_flow_table *table);

/* Under the table lock: */
struct espgw_flow *espgw_flow_find(struct espgw_flow_table *table, u32 id);
int espgw_flow_insert(struct espgw_flow_table *table, struct espgw_flow *flow);
/* New selectors for @old; its SAs and counters go to @flow. */
int espgw_flow_replace(struct espgw_flow_table *table, struct espgw_flow *old,
		       struct espgw_flow *flow);
/* Removes the flow and deletes its SAs from @sas. */
void espgw_flow_remove(struct espgw_flow_table *table, struct espgw_sa_table *sas,
		       struct espgw_flow *flow);
/* Can fail only for want of memory for a new session. */
int espgw_flow_attach_sa(struct espgw_flow *flow, struct espgw_sa *sa);
void espgw_flow_detach_sa(struct espgw_sa *sa);
/* @sa can no longer send: its flow sends with the next newest. */
void espgw_flow_retire_out_sa(struct espgw_sa *sa);
void espgw_flow_stats(struct espgw_flow *flow, struct espgw_stats *stats);
void espgw_flow_clear_counters(struct espgw_flow *flow);

struct espgw_flow *espgw_flow_alloc(void);
void espgw_flow_free(struct espgw_flow *flow);
/* Masks the prefixes and fills in the key. */
void espgw_flow_set_key(struct espgw_flow *flow, int ifindex, u8 family,
			const union espgw_addr *local, u8 local_plen,
			const union espgw_addr *remote, u8 remote_plen);

/* RCU readers: the most specific flow of @tun for an outbound packet. */
struct espgw_flow *espgw_flow_lookup(struct espgw_flow_table *table,
				     struct espgw_tunnel *tun,
				     const struct espgw_selector *sel);
/* Does a decrypted inbound packet (@sel from our side) fit @flow? */
bool espgw_flow_match(const struct espgw_flow *flow, const struct espgw_selector *sel);

#endif /* _ESPGW_FLOW_H */
