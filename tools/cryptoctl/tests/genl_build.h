/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel replies and events as the espgw family sends them, built with
 * libnl from tables: sessions with their peer, IKE SA records and flows.
 */
#ifndef CRYPTOCTL_TESTS_GENL_BUILD_H
#define CRYPTOCTL_TESTS_GENL_BUILD_H

#include <arpa/inet.h>
#include <linux/espgw.h>
#include <netlink/genl/genl.h>
#include <stdbool.h>
#include <string.h>

#include "netlink.h"

#define TEST_FAMILY	0x20
#define TEST_IFINDEX	99999	/* no such interface: "if99999" */

/* A genl message of the espgw family, as a dump reply. */
static inline struct nl_msg *genl_new(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, TEST_FAMILY, 0, NLM_F_MULTI,
		    cmd, ESPGW_GENL_VERSION);
	return msg;
}

/* An address attribute from text, IPv4 or IPv6; none for NULL. */
static inline void put_ip(struct nl_msg *msg, int type, const char *text)
{
	uint8_t a[16];

	if (!text)
		return;
	if (inet_pton(AF_INET, text, a) == 1)
		nla_put(msg, type, 4, a);
	else if (inet_pton(AF_INET6, text, a) == 1)
		nla_put(msg, type, 16, a);
}

static inline void put_str(struct nl_msg *msg, int type, const char *s)
{
	if (s)
		nla_put_string(msg, type, s);
}

struct t_ike {
	uint32_t connid;
	const char *local, *remote;
	uint8_t state;
	uint32_t caps;
	const char *id;
	uint64_t lifetime;		/* 0: left out */
	uint16_t remote_port;		/* 0: left out (500) */
};

/* A nest @type that starts with its ID and TEST_IFINDEX. */
static inline struct nlattr *start_object(struct nl_msg *msg, int type,
					  int id_type, uint32_t id,
					  int ifindex_type)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	nla_put_u32(msg, id_type, id);
	nla_put_u32(msg, ifindex_type, TEST_IFINDEX);
	return nest;
}

static inline void put_ike(struct nl_msg *msg, const struct t_ike *t)
{
	struct nlattr *nest = start_object(msg, ESPGW_A_IKE_SA,
					   ESPGW_IKE_SA_A_CONNID, t->connid,
					   ESPGW_IKE_SA_A_IFINDEX);

	put_ip(msg, ESPGW_IKE_SA_A_LOCAL_ADDR, t->local);
	put_ip(msg, ESPGW_IKE_SA_A_REMOTE_ADDR, t->remote);
	nla_put_u16(msg, ESPGW_IKE_SA_A_LOCAL_PORT, 500);
	if (t->remote_port)
		nla_put_u16(msg, ESPGW_IKE_SA_A_REMOTE_PORT, t->remote_port);
	nla_put_u8(msg, ESPGW_IKE_SA_A_STATE, t->state);
	nla_put_u8(msg, ESPGW_IKE_SA_A_VERSION, 2);
	nla_put_u32(msg, ESPGW_IKE_SA_A_CAPABILITIES, t->caps);
	put_str(msg, ESPGW_IKE_SA_A_ID, t->id);
	if (t->lifetime)
		nla_put_u64(msg, ESPGW_IKE_SA_A_LIFETIME, t->lifetime);
	nla_put_u64(msg, ESPGW_IKE_SA_A_SPI_I, 0x0123456789abcdefULL);
	nla_nest_end(msg, nest);
}

struct t_flow {
	uint32_t id;
	uint8_t proto;
	const char *local;
	uint8_t lplen;
	uint16_t lport;
	const char *remote;
	uint8_t rplen;
	uint32_t sas;
	uint64_t in_pkts, out_pkts, in_drops, out_drops;
	uint64_t left_bytes, left_secs;	/* 0: no limit, left out */
	const char *peer;		/* ESPGW_FLOW_A_PEER_ADDR, or NULL */
};

static inline void put_left(struct nl_msg *msg, int type, const struct t_flow *t)
{
	struct nlattr *nest;

	if (!t->left_bytes)
		return;
	nest = nla_nest_start(msg, type);
	nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, t->left_bytes);
	nla_put_u64(msg, ESPGW_LIFETIME_A_SECONDS, t->left_secs);
	nla_nest_end(msg, nest);
}

/* Counters: in drops as replay (+ integrity 1 if any), out as no-out-sa. */
static inline void put_flow_stats(struct nl_msg *msg, const struct t_flow *t)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_FLOW_A_STATS), *d;

	nla_put_u64(msg, ESPGW_STATS_A_IN_PACKETS, t->in_pkts);
	nla_put_u64(msg, ESPGW_STATS_A_IN_BYTES, t->in_pkts * 100);
	d = nla_nest_start(msg, ESPGW_STATS_A_IN_DROPS);
	nla_put_u64(msg, ESPGW_DROP_REPLAY, t->in_drops);
	nla_nest_end(msg, d);
	nla_put_u64(msg, ESPGW_STATS_A_OUT_PACKETS, t->out_pkts);
	nla_put_u64(msg, ESPGW_STATS_A_OUT_BYTES, t->out_pkts * 100);
	d = nla_nest_start(msg, ESPGW_STATS_A_OUT_DROPS);
	nla_put_u64(msg, ESPGW_DROP_NO_OUT_SA, t->out_drops);
	nla_nest_end(msg, d);
	nla_nest_end(msg, nest);
}

static inline void put_flow(struct nl_msg *msg, const struct t_flow *t)
{
	struct nlattr *nest = start_object(msg, ESPGW_A_FLOW, ESPGW_FLOW_A_ID,
					   t->id, ESPGW_FLOW_A_IFINDEX);

	put_ip(msg, ESPGW_FLOW_A_LOCAL_PREFIX, t->local);
	nla_put_u8(msg, ESPGW_FLOW_A_LOCAL_PLEN, t->lplen);
	put_ip(msg, ESPGW_FLOW_A_REMOTE_PREFIX, t->remote);
	nla_put_u8(msg, ESPGW_FLOW_A_REMOTE_PLEN, t->rplen);
	nla_put_u8(msg, ESPGW_FLOW_A_PROTO, t->proto);
	if (t->lport)
		nla_put_u16(msg, ESPGW_FLOW_A_LOCAL_PORT, t->lport);
	put_flow_stats(msg, t);
	put_ip(msg, ESPGW_FLOW_A_PEER_ADDR, t->peer);
	nla_put_u32(msg, ESPGW_FLOW_A_SA_COUNT, t->sas);
	if (t->sas) {
		nla_put_u32(msg, ESPGW_FLOW_A_OUT_SPI, 0x1000 + t->id);
		nla_put_u32(msg, ESPGW_FLOW_A_IN_SPI, 0x2000 + t->id);
	}
	put_left(msg, ESPGW_FLOW_A_OUT_REMAINING, t);
	put_left(msg, ESPGW_FLOW_A_IN_REMAINING, t);
	nla_nest_end(msg, nest);
}

struct t_session {
	uint32_t id;
	const char *ifname;
	uint8_t status;
	const char *local, *remote;
	uint16_t remote_port;
	uint32_t fvrf, ivrf;
	const char *fvrf_name, *ivrf_name;
	bool peer;
	const char *desc, *peer_id;
	uint64_t up_time, down_time;	/* 0: left out */
	uint8_t down_reason;
	const struct t_ike *ikes;
	size_t n_ikes;
	const struct t_flow *flows;
	size_t n_flows;
	uint32_t sa_count;
};

static inline void put_peer_nest(struct nl_msg *msg, int type,
				 const struct t_session *t)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	put_ip(msg, ESPGW_PEER_A_ADDR, t->remote);
	nla_put_u16(msg, ESPGW_PEER_A_PORT, t->remote_port);
	put_str(msg, ESPGW_PEER_A_DESCRIPTION, t->desc);
	put_str(msg, ESPGW_PEER_A_ID, t->peer_id);
	nla_put_u32(msg, ESPGW_PEER_A_IFINDEX, TEST_IFINDEX);
	nla_put_u32(msg, ESPGW_PEER_A_FLAGS, ESPGW_PEER_F_POLICY);
	if (t->fvrf) {
		nla_put_u32(msg, ESPGW_PEER_A_FVRF, t->fvrf);
		put_str(msg, ESPGW_PEER_A_FVRF_NAME, t->fvrf_name);
	}
	nla_nest_end(msg, nest);
}

/* The lists: IKE SAs [ike_from, ike_to), flows [flow_from, flow_to). */
static inline void put_lists(struct nl_msg *msg, const struct t_session *t,
			     size_t ike_from, size_t ike_to, size_t flow_from,
			     size_t flow_to)
{
	struct nlattr *nest;
	size_t i;

	nest = nla_nest_start(msg, ESPGW_SESSION_A_IKE_SAS);
	for (i = ike_from; i < ike_to; i++)
		put_ike(msg, &t->ikes[i]);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, ESPGW_SESSION_A_FLOWS);
	for (i = flow_from; i < flow_to; i++)
		put_flow(msg, &t->flows[i]);
	nla_nest_end(msg, nest);
}

static inline void put_vrf(struct nl_msg *msg, int type, int name_type,
			   uint32_t ifindex, const char *name)
{
	if (!ifindex)
		return;
	nla_put_u32(msg, type, ifindex);
	put_str(msg, name_type, name);
}

/* The session's own fields: what its first message carries. */
static inline void put_session_fields(struct nl_msg *msg,
				      const struct t_session *t)
{
	put_str(msg, ESPGW_SESSION_A_IFNAME, t->ifname);
	nla_put_u32(msg, ESPGW_SESSION_A_IFINDEX, TEST_IFINDEX);
	put_vrf(msg, ESPGW_SESSION_A_FVRF, ESPGW_SESSION_A_FVRF_NAME, t->fvrf,
		t->fvrf_name);
	put_vrf(msg, ESPGW_SESSION_A_IVRF, ESPGW_SESSION_A_IVRF_NAME, t->ivrf,
		t->ivrf_name);
	put_ip(msg, ESPGW_SESSION_A_LOCAL_ADDR, t->local);
	nla_put_u16(msg, ESPGW_SESSION_A_LOCAL_PORT, 500);
	put_ip(msg, ESPGW_SESSION_A_REMOTE_ADDR, t->remote);
	nla_put_u16(msg, ESPGW_SESSION_A_REMOTE_PORT, t->remote_port);
	nla_put_u8(msg, ESPGW_SESSION_A_STATUS, t->status);
	if (t->up_time)
		nla_put_u64(msg, ESPGW_SESSION_A_UP_TIME, t->up_time);
	if (t->down_time) {
		nla_put_u8(msg, ESPGW_SESSION_A_DOWN_REASON, t->down_reason);
		nla_put_u64(msg, ESPGW_SESSION_A_DOWN_TIME, t->down_time);
	}
	if (t->peer)
		put_peer_nest(msg, ESPGW_SESSION_A_PEER, t);
	nla_put_u32(msg, ESPGW_SESSION_A_SA_COUNT, t->sa_count);
}

/*
 * ESPGW_A_SESSION of message @part of a session split after flow @split
 * (@split == n_flows: one message).  Part 0 has everything but the flows
 * from @split on, part 1 only the ID and those flows.
 */
static inline struct nlattr *put_session_part(struct nl_msg *msg,
					      const struct t_session *t,
					      int part, size_t split)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SESSION);

	nla_put_u32(msg, ESPGW_SESSION_A_ID, t->id);
	if (part == 0) {
		put_session_fields(msg, t);
		put_lists(msg, t, 0, t->n_ikes, 0, split);
	} else {
		put_lists(msg, t, 0, 0, split, t->n_flows);
	}
	if (part == 0 && split < t->n_flows)
		nla_put_flag(msg, ESPGW_SESSION_A_MORE);
	nla_nest_end(msg, nest);
	return nest;
}

static inline struct nlattr *put_session(struct nl_msg *msg,
					 const struct t_session *t)
{
	return put_session_part(msg, t, 0, t->n_flows);
}

struct t_sa {
	uint32_t spi;
	uint8_t dir;
	const char *local, *remote;
	uint32_t flow;			/* 0: none */
	bool udp, esn;
	uint64_t packets, drops;	/* drops: integrity in, mtu out */
	uint64_t hard_bytes, hard_secs;
	uint32_t replay_window;
	uint64_t seq;
	uint16_t peer_port;		/* 0: left out */
};

#define T_ADD_TIME	1795748000ULL

static inline void put_sa_stats(struct nl_msg *msg, const struct t_sa *t)
{
	bool in = t->dir == ESPGW_DIR_IN;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_SA_A_STATS), *d;

	nla_put_u64(msg, in ? ESPGW_STATS_A_IN_PACKETS : ESPGW_STATS_A_OUT_PACKETS,
		    t->packets);
	nla_put_u64(msg, in ? ESPGW_STATS_A_IN_BYTES : ESPGW_STATS_A_OUT_BYTES,
		    t->packets * 1000);
	d = nla_nest_start(msg, in ? ESPGW_STATS_A_IN_DROPS : ESPGW_STATS_A_OUT_DROPS);
	nla_put_u64(msg, in ? ESPGW_DROP_INTEGRITY : ESPGW_DROP_MTU, t->drops);
	nla_nest_end(msg, d);
	nla_nest_end(msg, nest);
}

static inline void put_sa(struct nl_msg *msg, const struct t_sa *t)
{
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SA), *hard;

	nla_put_u32(msg, ESPGW_SA_A_SPI, t->spi);
	nla_put_u8(msg, ESPGW_SA_A_DIRECTION, t->dir);
	put_ip(msg, ESPGW_SA_A_LOCAL_ADDR, t->local);
	put_ip(msg, ESPGW_SA_A_REMOTE_ADDR, t->remote);
	nla_put_string(msg, ESPGW_SA_A_ALGORITHM, "rfc4106(gcm(aes))");
	nla_put_u32(msg, ESPGW_SA_A_KEY_BITS, 256);
	nla_put_u8(msg, ESPGW_SA_A_ENCAP, t->udp);
	if (t->esn)
		nla_put_flag(msg, ESPGW_SA_A_ESN);
	if (t->dir == ESPGW_DIR_IN)
		nla_put_u32(msg, ESPGW_SA_A_REPLAY_WINDOW, t->replay_window);
	hard = nla_nest_start(msg, ESPGW_SA_A_LIFETIME_HARD);
	nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, t->hard_bytes);
	nla_put_u64(msg, ESPGW_LIFETIME_A_SECONDS, t->hard_secs);
	nla_nest_end(msg, hard);
	nla_put_u64(msg, ESPGW_SA_A_ADD_TIME, T_ADD_TIME);
	if (t->flow)
		nla_put_u32(msg, ESPGW_SA_A_FLOW_ID, t->flow);
	put_sa_stats(msg, t);
	nla_put_u64(msg, ESPGW_SA_A_SEQ, t->seq);
	if (t->peer_port)
		nla_put_u16(msg, ESPGW_SA_A_PEER_PORT, t->peer_port);
	nla_nest_end(msg, nest);
}

#endif /* CRYPTOCTL_TESTS_GENL_BUILD_H */
