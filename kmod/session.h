/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_SESSION_H
#define _ESPGW_SESSION_H

#include <linux/if.h>
#include <linux/rhashtable-types.h>
#include <linux/time64.h>

#include "flow.h"

struct espgw_net;
struct espgw_sa;
struct net_device;
struct netlink_ext_ack;

/*
 * A crypto session: what this gateway has with one remote crypto endpoint
 * over one tunnel interface — its IKE SA records, its IPsec SAs and the
 * flows they carry.  Compared as bytes, so free of padding.
 */
struct espgw_session_key {
	union espgw_addr remote;
	int ifindex;
	u8 family;
	u8 pad;
	__be16 rport;
};

struct espgw_session {
	struct espgw_session_key key;
	struct rhash_head node;
	struct list_head list;		/* the table's, creation order */
	u32 id;
	struct list_head sas;		/* espgw_sa.session_list */
	struct list_head ike_sas;	/* espgw_ike_sa.session_list */
	struct list_head flows;		/* espgw_flow.session_list */
	unsigned int sa_count, ike_count, flow_count;
	struct espgw_peer *peer;	/* a configured peer that keeps it */
	unsigned int busy;		/* not freed while set */
	u8 status;			/* enum espgw_session_status */
	u8 down_reason;			/* enum espgw_reason */
	time64_t up_time, down_time;
	char *phase1_id;		/* the last IKE SA's peer identity */
	struct rcu_head rcu;
};

struct espgw_peer_key {
	union espgw_addr addr;
	int fvrf;
	u8 family;
	u8 pad[3];
};

struct espgw_peer {
	struct espgw_peer_key key;
	struct rhash_head node;
	struct list_head list;
	u16 port;
	char *description;		/* NULL: none */
	char *id;
	int ifindex;			/* 0: no session while nothing is up */
	union espgw_addr local;
	u8 local_family;		/* 0: the interface's */
	struct espgw_session *session;
	struct rcu_head rcu;
};

struct espgw_ike_sa {
	u32 connid;
	struct rhash_head node;
	struct list_head list;
	struct list_head session_list;
	struct espgw_session *session;
	int ifindex;
	union espgw_addr local, remote;
	u8 family;
	u8 state, version;
	u16 lport, rport;
	u32 caps;
	char *id;
	time64_t add_time, expires;	/* expires 0: no limit */
	u64 spi_i, spi_r;
	u32 owner;			/* netlink port id, 0: none */
	struct rcu_head rcu;
};

struct espgw_session_table {
	struct rhashtable sessions, peers, ike_sas;
	struct list_head session_list, peer_list, ike_list;
	unsigned int session_count, peer_count, ike_count, owned_count;
	/* Bumped on every change, for consistent dumps. */
	unsigned int generation, peer_generation, ike_generation;
	u32 next_id;
	/* Why what is being removed goes (enum espgw_reason), 0: deleted. */
	u8 reason;
	/* A tunnel being unregistered: no longer found by index. */
	struct net_device *gone_dev;
};

/* Everything below runs under the SA table lock (espgw_net.sas.lock). */
int espgw_session_table_init(struct espgw_session_table *t);
void espgw_session_table_destroy(struct espgw_net *en);

/* An IPsec SA joins (its flow is set) or leaves its session. */
int espgw_session_sa_attach(struct espgw_net *en, struct espgw_sa *sa, struct espgw_flow *flow);
void espgw_session_sa_detach(struct espgw_net *en, struct espgw_sa *sa, struct espgw_flow *flow);
/* A flow with a peer (ESPGW_FLOW_A_PEER_ADDR) is part of that session. */
int espgw_session_flow_link(struct espgw_net *en, struct espgw_flow *flow);
void espgw_session_flow_unlink(struct espgw_net *en, struct espgw_flow *flow);
/* @flow takes @old's place in its session. */
void espgw_session_flow_replace(struct espgw_net *en, struct espgw_flow *old,
				struct espgw_flow *flow);
/*
 * A tunnel interface is going: between begin and end its flows are
 * removed; end removes its IKE SA records and its peers' links.
 */
void espgw_session_dev_begin(struct espgw_net *en, struct net_device *dev);
void espgw_session_dev_end(struct espgw_net *en, struct net_device *dev);
/* Removes IKE SA records whose lifetime ran out; true if any remain. */
bool espgw_session_expire(struct espgw_net *en, time64_t now);
/* The netlink socket @portid closed: the IKE SA records it owned go. */
void espgw_session_owner_gone(struct espgw_net *en, u32 portid);

struct espgw_peer *espgw_peer_find(struct espgw_net *en, const struct espgw_peer_key *key);
int espgw_peer_insert(struct espgw_net *en, struct espgw_peer *peer);
void espgw_peer_remove(struct espgw_net *en, struct espgw_peer *peer);
/* Session link after a change of the peer's interface, port or local address. */
int espgw_peer_relink(struct espgw_net *en, struct espgw_peer *peer);
/* After a change of its description or identity. */
void espgw_peer_changed(struct espgw_net *en);
void espgw_peer_free(struct espgw_peer *peer);

struct espgw_ike_sa *espgw_ike_sa_find(struct espgw_net *en, u32 connid);
int espgw_ike_sa_insert(struct espgw_net *en, struct espgw_ike_sa *ike);
void espgw_ike_sa_remove(struct espgw_net *en, struct espgw_ike_sa *ike, u8 reason);
/* After the state of @ike changed. */
void espgw_ike_sa_changed(struct espgw_net *en, struct espgw_ike_sa *ike);
void espgw_ike_sa_free(struct espgw_ike_sa *ike);

/* The local crypto endpoint of a session as shown: address and port. */
u8 espgw_session_local(struct espgw_net *en, struct espgw_session *s, union espgw_addr *addr,
		       u16 *port);
/* The configured peer of a session, if any. */
struct espgw_peer *espgw_session_peer(struct espgw_net *en, struct espgw_session *s);
/* Its phase-1 identity: an IKE SA's, the last one seen, or the peer's. */
const char *espgw_session_phase1_id(struct espgw_session *s, const struct espgw_peer *peer);
bool espgw_session_up(const struct espgw_session *s);

/* Names and VRFs of the session's interface. */
struct espgw_session_names {
	char ifname[IFNAMSIZ], fvrf_name[IFNAMSIZ], ivrf_name[IFNAMSIZ];
	int fvrf, ivrf;
};

void espgw_session_names(struct espgw_net *en, const struct espgw_session *s,
			 struct espgw_session_names *names);

/* Criteria of clear crypto session. */
struct espgw_session_filter {
	union espgw_addr local, remote;
	u8 local_family, remote_family;	/* 0: any */
	u16 lport, rport;		/* 0: any */
	int fvrf, ivrf;			/* 0: any */
};

/* Clears the matching sessions; the number cleared. */
unsigned int espgw_session_clear(struct espgw_net *en, const struct espgw_session_filter *f);

#endif /* _ESPGW_SESSION_H */
