/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * espgw: the contract between espgw.ko and user space (cryptoctl, ikeagent).
 *
 * Generic netlink family ESPGW_GENL_NAME.  One attribute per field, nested
 * attributes for objects, no C structures in the ABI.  Attributes and
 * commands are only ever appended; numbers never change meaning.
 */
#ifndef _UAPI_LINUX_ESPGW_H
#define _UAPI_LINUX_ESPGW_H

#define ESPGW_GENL_NAME		"espgw"
#define ESPGW_GENL_VERSION	1

/* Multicast group carrying configuration and (later) session events. */
#define ESPGW_MCGRP_EVENTS	"events"

enum espgw_cmd {
	ESPGW_CMD_UNSPEC,

	/*
	 * Module identity and what this kernel can do.  Anyone may ask.
	 * Reply: ESPGW_A_MODULE_VERSION, ESPGW_A_FAMILY_VERSION,
	 * ESPGW_A_ALGORITHMS.
	 */
	ESPGW_CMD_GET_INFO,

	/*
	 * Per-network-namespace settings.  GET: anyone may read; reply and
	 * notification carry ESPGW_A_SETTINGS.  SET: CAP_NET_ADMIN over the
	 * namespace; request carries ESPGW_A_SETTINGS with the fields to
	 * change.  Every successful SET is multicast on ESPGW_MCGRP_EVENTS
	 * as ESPGW_CMD_SET_SETTINGS with the resulting settings.
	 */
	ESPGW_CMD_GET_SETTINGS,
	ESPGW_CMD_SET_SETTINGS,

	/*
	 * Security associations (CAP_NET_ADMIN for NEW and DEL).  Each
	 * carries ESPGW_A_SA.  An SA is identified by (direction, SPI,
	 * destination address): the local address for inbound SAs, the
	 * remote one for outbound.
	 *   NEW: add; with the flag ESPGW_A_REPLACE, replace the SA with the
	 *        same identity instead (its counters start again).  Needs
	 *        every field without a default.  (Generic netlink reserves
	 *        the nlmsg_flags NLM_F_REPLACE would use.)
	 *   DEL: remove; identity fields only.
	 *   GET: one SA by identity, or all with NLM_F_DUMP.  Keys are never
	 *        returned.  Dumps set NLM_F_DUMP_INTR when the table changed
	 *        while they ran.
	 */
	ESPGW_CMD_NEW_SA,
	ESPGW_CMD_DEL_SA,
	ESPGW_CMD_GET_SA,

	/*
	 * Flows: traffic selectors on a tunnel interface (CAP_NET_ADMIN for
	 * NEW and DEL).  Each carries ESPGW_A_FLOW.  A flow is identified by
	 * ESPGW_FLOW_A_ID, chosen by the caller, unique in the namespace.
	 * SAs name their flow with ESPGW_SA_A_FLOW_ID; deleting a flow
	 * deletes its SAs.  Deleting a tunnel interface deletes its flows.
	 *   NEW: add (ESPGW_A_REPLACE: replace the selectors of a flow, its
	 *        SAs and counters stay).
	 *   DEL: remove; ESPGW_FLOW_A_ID only.
	 *   GET: one flow by ESPGW_FLOW_A_ID, or all with NLM_F_DUMP (same
	 *        consistency rules as SA dumps).
	 */
	ESPGW_CMD_NEW_FLOW,
	ESPGW_CMD_DEL_FLOW,
	ESPGW_CMD_GET_FLOW,

	/*
	 * Counters of the namespace that belong to no SA or flow (a packet
	 * whose SPI no SA has, a packet no flow matches).  Anyone may read.
	 * Reply: ESPGW_A_STATS.
	 */
	ESPGW_CMD_GET_STATS,

	/*
	 * Every counter of the namespace (SAs, flows, the namespace's own)
	 * back to zero; SAs and flows are left alone.  CAP_NET_ADMIN.
	 * Multicast as ESPGW_CMD_CLEAR_COUNTERS with no attribute.
	 */
	ESPGW_CMD_CLEAR_COUNTERS,

	/*
	 * Events only (multicast on ESPGW_MCGRP_EVENTS, never a request).
	 * EXPIRE: an SA reached a soft limit, or with ESPGW_A_HARD a hard
	 *   one (and is gone); ESPGW_A_SA carries its identity, flow and
	 *   counters.
	 * ACQUIRE: traffic for a flow without an outbound SA (at most
	 *   ESPGW_SETTINGS_A_ACQUIRE_RATE a second and flow); ESPGW_A_FLOW.
	 */
	ESPGW_CMD_EXPIRE,
	ESPGW_CMD_ACQUIRE,

	/*
	 * Peers: the remote crypto endpoints this gateway is configured for,
	 * identified by (ESPGW_PEER_A_FVRF, ESPGW_PEER_A_ADDR).  They carry
	 * the operator's description and the expected phase-1 identity.  A
	 * peer with an interface (ESPGW_PEER_A_IFINDEX) has a crypto session
	 * even while nothing is established (status DOWN).  CAP_NET_ADMIN for
	 * NEW and DEL; each carries ESPGW_A_PEER.
	 *   NEW: add; with ESPGW_A_REPLACE change an existing peer: only the
	 *        fields given change, an empty DESCRIPTION or ID removes it.
	 *   DEL: remove; identity only.
	 *   GET: one peer by identity, or all with NLM_F_DUMP.
	 */
	ESPGW_CMD_NEW_PEER,
	ESPGW_CMD_DEL_PEER,
	ESPGW_CMD_GET_PEER,

	/*
	 * IKE SA records, written by the IKE agent (or by hand, for tests and
	 * for gateways keyed some other way) so that one dump shows the whole
	 * session and still does when the agent is gone.  Identified by
	 * ESPGW_IKE_SA_A_CONNID, chosen by the writer, unique in the
	 * namespace.  CAP_NET_ADMIN for NEW and DEL; each carries
	 * ESPGW_A_IKE_SA.  A record is removed when its lifetime runs out.
	 *   NEW: add; with ESPGW_A_REPLACE update the record with that connid
	 *        (state, capabilities, id, lifetime; addresses and interface
	 *        cannot change).
	 *   DEL: remove; CONNID only.  ESPGW_A_REASON says why (default
	 *        ESPGW_REASON_DELETED): it becomes the session's DOWN reason
	 *        if this takes the session down.
	 *   GET: one by CONNID, or all with NLM_F_DUMP.
	 */
	ESPGW_CMD_NEW_IKE_SA,
	ESPGW_CMD_DEL_IKE_SA,
	ESPGW_CMD_GET_IKE_SA,

	/*
	 * Crypto sessions (read-only, computed by the kernel): per (tunnel
	 * interface, local address, remote address, remote port) the IKE SA
	 * records, the flows with their IPsec SAs' counters, and the status
	 * (enum espgw_session_status).  GET with NLM_F_DUMP only; anyone may
	 * read.  Each message carries one ESPGW_A_SESSION; a session with
	 * more flows than fit in one message continues in the next with the
	 * same ESPGW_SESSION_A_ID and the further flows (ESPGW_SESSION_A_MORE
	 * marks a message that is not the session's last).
	 */
	ESPGW_CMD_GET_SESSION,

	/*
	 * Clear crypto sessions (CAP_NET_ADMIN): every session matching all
	 * the criteria in ESPGW_A_FILTER (enum espgw_filter_attr; none: every
	 * session) loses its IPsec SAs and IKE SA records at once.  For each
	 * cleared session an ESPGW_CMD_CLEAR_SESSION event (ESPGW_A_SESSION
	 * with its IKE SA records, before they went) tells the IKE agent to
	 * send Delete.  ENOENT with an extack message when nothing matches.
	 */
	ESPGW_CMD_CLEAR_SESSION,

	/*
	 * Event only: a session went UP or DOWN (status UP-* <-> DOWN*).
	 * ESPGW_A_SESSION without flows or IKE SAs; its STATUS is the new
	 * one; a DOWN carries DOWN_REASON and DOWN_TIME.  Once per
	 * transition, in the order they happened.
	 */
	ESPGW_CMD_SESSION,

	__ESPGW_CMD_MAX,
	ESPGW_CMD_MAX = __ESPGW_CMD_MAX - 1
};

enum espgw_attr {
	ESPGW_A_UNSPEC,
	ESPGW_A_PAD,
	ESPGW_A_MODULE_VERSION,		/* string */
	ESPGW_A_FAMILY_VERSION,		/* u32: ESPGW_GENL_VERSION */
	ESPGW_A_ALGORITHMS,		/* nest of ESPGW_A_ALGORITHM */
	ESPGW_A_SETTINGS,		/* nest of enum espgw_settings_attr */
	ESPGW_A_SA,			/* nest of enum espgw_sa_attr */
	ESPGW_A_REPLACE,		/* flag: NEW_SA replaces an existing SA */
	ESPGW_A_FLOW,			/* nest of enum espgw_flow_attr */
	ESPGW_A_STATS,			/* nest of enum espgw_stats_attr */
	ESPGW_A_HARD,			/* flag: in EXPIRE, a hard limit */
	ESPGW_A_PEER,			/* nest of enum espgw_peer_attr */
	ESPGW_A_IKE_SA,			/* nest of enum espgw_ike_sa_attr */
	ESPGW_A_SESSION,		/* nest of enum espgw_session_attr */
	ESPGW_A_FILTER,			/* nest of enum espgw_filter_attr */
	ESPGW_A_REASON,			/* u8, enum espgw_reason: why, in DEL_SA,
					 * DEL_IKE_SA (default DELETED)
					 */

	__ESPGW_A_MAX,
	ESPGW_A_MAX = __ESPGW_A_MAX - 1
};

/* One ESP transform, in ESPGW_A_ALGORITHMS. */
enum espgw_algorithm_attr {
	ESPGW_ALGORITHM_A_UNSPEC,
	ESPGW_ALGORITHM_A_NAME,		/* string: kernel crypto API name */
	ESPGW_ALGORITHM_A_KEY_BITS,	/* u32: key length without salt */
	ESPGW_ALGORITHM_A_ICV_BITS,	/* u32: integrity check value length */
	ESPGW_ALGORITHM_A_AVAILABLE,	/* flag: the crypto API can provide it now */

	__ESPGW_ALGORITHM_A_MAX,
	ESPGW_ALGORITHM_A_MAX = __ESPGW_ALGORITHM_A_MAX - 1
};

#define ESPGW_A_ALGORITHM	1	/* nest of enum espgw_algorithm_attr */

enum espgw_settings_attr {
	ESPGW_SETTINGS_A_UNSPEC,
	/* u32: acquire events per second and flow, 1..1000 (default 10) */
	ESPGW_SETTINGS_A_ACQUIRE_RATE,
	/* u8 0/1: write %CRYPTO-5-SESSION_STATUS lines to the kernel log */
	ESPGW_SETTINGS_A_SESSION_LOG,

	__ESPGW_SETTINGS_A_MAX,
	ESPGW_SETTINGS_A_MAX = __ESPGW_SETTINGS_A_MAX - 1
};

enum espgw_direction {
	ESPGW_DIR_IN = 1,
	ESPGW_DIR_OUT = 2,
};

enum espgw_encap {
	ESPGW_ENCAP_NONE,		/* raw ESP, IP protocol 50 */
	ESPGW_ENCAP_UDP,		/* ESP in UDP, RFC 3948 */
};

enum espgw_sa_attr {
	ESPGW_SA_A_UNSPEC,
	ESPGW_SA_A_PAD,
	ESPGW_SA_A_SPI,			/* u32, host order, 256..2^32-1 */
	ESPGW_SA_A_DIRECTION,		/* u8, enum espgw_direction */
	ESPGW_SA_A_LOCAL_ADDR,		/* binary, 4 (IPv4) or 16 (IPv6) bytes */
	ESPGW_SA_A_REMOTE_ADDR,		/* binary, same family as LOCAL_ADDR */
	ESPGW_SA_A_ALGORITHM,		/* string, a name from ESPGW_CMD_GET_INFO */
	ESPGW_SA_A_KEY,			/* binary, key then salt; never returned */
	ESPGW_SA_A_KEY_BITS,		/* u32, returned: the key length, no salt */
	ESPGW_SA_A_ENCAP,		/* u8, enum espgw_encap (default NONE) */
	ESPGW_SA_A_ENCAP_SPORT,		/* u16, UDP source port (default 4500) */
	ESPGW_SA_A_ENCAP_DPORT,		/* u16, UDP destination port (default 4500) */
	ESPGW_SA_A_ESN,			/* flag: 64-bit extended sequence numbers */
	ESPGW_SA_A_REPLAY_WINDOW,	/* u32, packets, 0..ESPGW_REPLAY_WINDOW_MAX
					 * (default 64; inbound only)
					 */
	ESPGW_SA_A_LIFETIME_SOFT,	/* nest of enum espgw_lifetime_attr */
	ESPGW_SA_A_LIFETIME_HARD,	/* nest of enum espgw_lifetime_attr */
	ESPGW_SA_A_ADD_TIME,		/* u64, returned: seconds since the epoch */
	ESPGW_SA_A_FLOW_ID,		/* u32, the flow the SA carries (optional) */
	ESPGW_SA_A_STATS,		/* nest of enum espgw_stats_attr, returned */
	ESPGW_SA_A_SEQ,			/* u64: outbound, the last sequence number
					 * sent; inbound, the highest received
					 * (NEW: where to start, default 0)
					 */
	ESPGW_SA_A_SOFT_EXPIRED,	/* flag, returned: a soft limit was reached */
	ESPGW_SA_A_PEER_PORT,		/* u16: the remote IKE port of the SA's
					 * crypto session (default: the UDP
					 * encapsulation's remote port, else 500)
					 */
	ESPGW_SA_A_SESSION_ID,		/* u32, returned: its crypto session (only
					 * SAs with a flow belong to one)
					 */

	__ESPGW_SA_A_MAX,
	ESPGW_SA_A_MAX = __ESPGW_SA_A_MAX - 1
};

/* A lifetime limit; absent or 0 means no limit of that kind. */
enum espgw_lifetime_attr {
	ESPGW_LIFETIME_A_UNSPEC,
	ESPGW_LIFETIME_A_PAD,
	ESPGW_LIFETIME_A_BYTES,		/* u64 */
	ESPGW_LIFETIME_A_PACKETS,	/* u64 */
	ESPGW_LIFETIME_A_SECONDS,	/* u64 */

	__ESPGW_LIFETIME_A_MAX,
	ESPGW_LIFETIME_A_MAX = __ESPGW_LIFETIME_A_MAX - 1
};

/*
 * Counters.  For an SA only its own direction's half is non-zero; a flow
 * sums its SAs (also those gone) and adds what belongs to the flow itself
 * (ESPGW_DROP_NO_OUT_SA).  The namespace's own (ESPGW_CMD_GET_STATS): drops
 * that belong to no SA or flow.
 */
enum espgw_stats_attr {
	ESPGW_STATS_A_UNSPEC,
	ESPGW_STATS_A_PAD,
	ESPGW_STATS_A_IN_PACKETS,	/* u64: decrypted and delivered */
	ESPGW_STATS_A_IN_BYTES,		/* u64: their inner IP packets' bytes */
	ESPGW_STATS_A_IN_DROPS,		/* nest: u64 per enum espgw_drop_reason */
	ESPGW_STATS_A_OUT_PACKETS,	/* u64: encrypted and sent */
	ESPGW_STATS_A_OUT_BYTES,	/* u64: their inner IP packets' bytes */
	ESPGW_STATS_A_OUT_DROPS,	/* nest: u64 per enum espgw_drop_reason */

	__ESPGW_STATS_A_MAX,
	ESPGW_STATS_A_MAX = __ESPGW_STATS_A_MAX - 1
};

/*
 * Why a packet was dropped: the attribute types in ESPGW_STATS_A_*_DROPS
 * (where type 0, ESPGW_DROP_UNSPEC, is padding).
 */
enum espgw_drop_reason {
	ESPGW_DROP_UNSPEC,
	ESPGW_DROP_REPLAY,		/* in: replayed, or left of the window */
	ESPGW_DROP_INTEGRITY,		/* in: ICV check failed */
	ESPGW_DROP_NO_SA,		/* in: no SA has this SPI (raw ESP is
					 * handed on to the kernel's xfrm first)
					 */
	ESPGW_DROP_BAD_LENGTH,		/* in: too short, or not whole blocks */
	ESPGW_DROP_BAD_PADDING,		/* in: pad length or pad bytes wrong */
	ESPGW_DROP_BAD_NEXT_HEADER,	/* in: next header not IPv4/IPv6 */
	ESPGW_DROP_BAD_INNER,		/* in: inner IP header malformed */
	ESPGW_DROP_SELECTOR,		/* in: inner packet outside the flow */
	ESPGW_DROP_NO_FLOW,		/* out: no flow matches; in: SA has none */
	ESPGW_DROP_NO_OUT_SA,		/* out: the flow has no outbound SA */
	ESPGW_DROP_ENCAP,		/* in/out: UDP encapsulation error */
	ESPGW_DROP_CRYPTO,		/* in/out: the crypto API failed */
	ESPGW_DROP_MTU,			/* out: too big, ICMP sent back */
	ESPGW_DROP_SEQ_OVERFLOW,	/* out: sequence numbers used up */
	ESPGW_DROP_EXPIRED,		/* in/out: hard lifetime reached */
	ESPGW_DROP_NO_ROUTE,		/* out: no route to the peer */
	ESPGW_DROP_NO_MEMORY,		/* in/out: allocation failed */

	__ESPGW_DROP_MAX,
	ESPGW_DROP_MAX = __ESPGW_DROP_MAX - 1
};

/*
 * A flow: traffic selectors, from this gateway's side.  Outbound packets
 * match LOCAL as source and REMOTE as destination; decrypted inbound
 * packets the other way round.  The most specific flow wins (longest
 * local + remote prefix, then protocol and ports given).
 */
enum espgw_flow_attr {
	ESPGW_FLOW_A_UNSPEC,
	ESPGW_FLOW_A_PAD,
	ESPGW_FLOW_A_ID,		/* u32, 1..2^32-1, required */
	ESPGW_FLOW_A_IFINDEX,		/* u32, an espgw tunnel interface, required */
	ESPGW_FLOW_A_LOCAL_PREFIX,	/* binary, 4 or 16 bytes, required */
	ESPGW_FLOW_A_LOCAL_PLEN,	/* u8, prefix length (default: full) */
	ESPGW_FLOW_A_REMOTE_PREFIX,	/* binary, same family, required */
	ESPGW_FLOW_A_REMOTE_PLEN,	/* u8 */
	ESPGW_FLOW_A_PROTO,		/* u8, IP protocol, 0 = any (default) */
	ESPGW_FLOW_A_LOCAL_PORT,	/* u16, 0 = any (TCP, UDP, SCTP, UDP-Lite) */
	ESPGW_FLOW_A_REMOTE_PORT,	/* u16, 0 = any */
	ESPGW_FLOW_A_STATS,		/* nest of enum espgw_stats_attr, returned */
	ESPGW_FLOW_A_SA_COUNT,		/* u32, returned: SAs carrying the flow */
	ESPGW_FLOW_A_OUT_SPI,		/* u32, returned: SPI of the outbound SA
					 * in use, absent when there is none
					 */
	ESPGW_FLOW_A_IN_SPI,		/* u32, returned: SPI of the newest inbound
					 * SA, absent when there is none
					 */
	ESPGW_FLOW_A_OUT_REMAINING,	/* nest of enum espgw_lifetime_attr,
					 * returned in sessions: what is left of
					 * the outbound SA in use before its hard
					 * limit (BYTES, SECONDS; a kind without a
					 * limit is absent)
					 */
	ESPGW_FLOW_A_IN_REMAINING,	/* the same for the newest inbound SA */
	ESPGW_FLOW_A_PEER_ADDR,		/* binary, 4 or 16 bytes: the remote crypto
					 * endpoint the flow belongs to (optional:
					 * else that of its first SA); puts the
					 * flow in that crypto session even while
					 * it has no SA
					 */
	ESPGW_FLOW_A_PEER_PORT,		/* u16: the peer's IKE port (default 500) */
	ESPGW_FLOW_A_SESSION_ID,	/* u32, returned: its crypto session */

	__ESPGW_FLOW_A_MAX,
	ESPGW_FLOW_A_MAX = __ESPGW_FLOW_A_MAX - 1
};

/* A peer (ESPGW_A_PEER). */
enum espgw_peer_attr {
	ESPGW_PEER_A_UNSPEC,
	ESPGW_PEER_A_PAD,
	ESPGW_PEER_A_FVRF,		/* u32: front-door VRF ifindex, 0 = none
					 * (default); part of the identity
					 */
	ESPGW_PEER_A_ADDR,		/* binary, 4 or 16 bytes, required */
	ESPGW_PEER_A_PORT,		/* u16: its IKE port (default 500) */
	ESPGW_PEER_A_DESCRIPTION,	/* string: UTF-8, at most
					 * ESPGW_DESCRIPTION_MAX characters
					 */
	ESPGW_PEER_A_ID,		/* string: phase-1 identity (at most
					 * ESPGW_ID_MAX bytes)
					 */
	ESPGW_PEER_A_IFINDEX,		/* u32: tunnel interface of its session,
					 * 0 = none (no session while nothing is
					 * established)
					 */
	ESPGW_PEER_A_LOCAL_ADDR,	/* binary: local crypto endpoint of its
					 * session (default: the interface's)
					 */
	ESPGW_PEER_A_FLAGS,		/* u32, returned: ESPGW_PEER_F_* */
	ESPGW_PEER_A_FVRF_NAME,		/* string, returned: the VRF's name */

	__ESPGW_PEER_A_MAX,
	ESPGW_PEER_A_MAX = __ESPGW_PEER_A_MAX - 1
};

/* Peer flags, as Cisco names them. */
#define ESPGW_PEER_F_POLICY	0x1	/* configured ("PEER_POLICY") */

#define ESPGW_DESCRIPTION_MAX	80	/* characters (code points) */
#define ESPGW_ID_MAX		255	/* bytes */

enum espgw_ike_state {
	ESPGW_IKE_STATE_UNSPEC,
	ESPGW_IKE_STATE_NEGOTIATING,	/* "Inactive": nothing established yet */
	ESPGW_IKE_STATE_ESTABLISHED,	/* "Active" */
	ESPGW_IKE_STATE_DELETING,	/* "Deleting": Delete sent or received */
};

/* IKE SA capabilities (Cisco's letters in "Capabilities:"). */
#define ESPGW_IKE_CAP_DPD	0x1	/* D: dead peer detection */
#define ESPGW_IKE_CAP_NAT_T	0x2	/* N: NAT traversal, UDP 4500 */
#define ESPGW_IKE_CAP_FRAG	0x4	/* F: IKE fragmentation */
#define ESPGW_IKE_CAP_MOBIKE	0x8	/* M: MOBIKE */
#define ESPGW_IKE_CAP_ALL	0xf

/* An IKE SA record (ESPGW_A_IKE_SA). */
enum espgw_ike_sa_attr {
	ESPGW_IKE_SA_A_UNSPEC,
	ESPGW_IKE_SA_A_PAD,
	ESPGW_IKE_SA_A_CONNID,		/* u32, 1..2^32-1, required */
	ESPGW_IKE_SA_A_IFINDEX,		/* u32: the tunnel interface, required */
	ESPGW_IKE_SA_A_LOCAL_ADDR,	/* binary, 4 or 16 bytes, required */
	ESPGW_IKE_SA_A_REMOTE_ADDR,	/* binary, same family, required */
	ESPGW_IKE_SA_A_LOCAL_PORT,	/* u16 (default 500) */
	ESPGW_IKE_SA_A_REMOTE_PORT,	/* u16 (default 500) */
	ESPGW_IKE_SA_A_STATE,		/* u8, enum espgw_ike_state, required */
	ESPGW_IKE_SA_A_VERSION,		/* u8: 1 or 2 (default 2) */
	ESPGW_IKE_SA_A_CAPABILITIES,	/* u32: ESPGW_IKE_CAP_* */
	ESPGW_IKE_SA_A_ID,		/* string: the peer's phase-1 identity */
	ESPGW_IKE_SA_A_LIFETIME,	/* u64: seconds left (NEW: 0 = no limit);
					 * returned: seconds left now
					 */
	ESPGW_IKE_SA_A_ADD_TIME,	/* u64, returned: seconds since the epoch */
	ESPGW_IKE_SA_A_SPI_I,		/* u64: initiator's IKE SPI (informational) */
	ESPGW_IKE_SA_A_SPI_R,		/* u64: responder's IKE SPI */
	ESPGW_IKE_SA_A_SESSION_ID,	/* u32, returned: its crypto session */
	ESPGW_IKE_SA_A_OWNED,		/* flag: the record belongs to the netlink
					 * socket that wrote it (the IKE agent's);
					 * when that socket closes the record goes
					 * (reason ESPGW_REASON_AGENT_GONE)
					 */

	__ESPGW_IKE_SA_A_MAX,
	ESPGW_IKE_SA_A_MAX = __ESPGW_IKE_SA_A_MAX - 1
};

/* Crypto session status, as Cisco shows it. */
enum espgw_session_status {
	ESPGW_SESSION_UNSPEC,
	ESPGW_SESSION_DOWN,		/* a configured peer, nothing established */
	ESPGW_SESSION_DOWN_NEGOTIATING,	/* IKE negotiating, nothing established */
	ESPGW_SESSION_UP_ACTIVE,	/* IKE SA established and IPsec SAs */
	ESPGW_SESSION_UP_IDLE,		/* IKE SA established, no IPsec SA */
	ESPGW_SESSION_UP_NO_IKE,	/* IPsec SAs without an IKE SA */
};

/* Why a session went DOWN (ESPGW_SESSION_A_DOWN_REASON, ESPGW_A_REASON). */
enum espgw_reason {
	ESPGW_REASON_UNSPEC,
	ESPGW_REASON_DELETED,		/* its SAs were deleted (configuration) */
	ESPGW_REASON_CLEARED,		/* clear crypto session */
	ESPGW_REASON_EXPIRED,		/* hard lifetime */
	ESPGW_REASON_PEER_DELETE,	/* the peer sent Delete */
	ESPGW_REASON_DEAD_PEER,		/* dead peer detection */
	ESPGW_REASON_AGENT_GONE,	/* the IKE agent went away */
	ESPGW_REASON_INTERFACE_GONE,	/* the tunnel interface was deleted */

	__ESPGW_REASON_MAX,
	ESPGW_REASON_MAX = __ESPGW_REASON_MAX - 1
};

/* A crypto session (ESPGW_A_SESSION), read-only. */
enum espgw_session_attr {
	ESPGW_SESSION_A_UNSPEC,
	ESPGW_SESSION_A_PAD,
	ESPGW_SESSION_A_ID,		/* u32: stable while the session exists */
	ESPGW_SESSION_A_IFINDEX,	/* u32: the tunnel interface */
	ESPGW_SESSION_A_IFNAME,		/* string */
	ESPGW_SESSION_A_FVRF,		/* u32: its front-door VRF, absent: none */
	ESPGW_SESSION_A_FVRF_NAME,	/* string */
	ESPGW_SESSION_A_IVRF,		/* u32: the VRF the interface is in */
	ESPGW_SESSION_A_IVRF_NAME,	/* string */
	ESPGW_SESSION_A_LOCAL_ADDR,	/* binary, 4 or 16 bytes */
	ESPGW_SESSION_A_LOCAL_PORT,	/* u16: the IKE SA's, else the IPsec
					 * SAs' UDP port, else 500
					 */
	ESPGW_SESSION_A_REMOTE_ADDR,	/* binary */
	ESPGW_SESSION_A_REMOTE_PORT,	/* u16 */
	ESPGW_SESSION_A_STATUS,		/* u8, enum espgw_session_status */
	ESPGW_SESSION_A_UP_TIME,	/* u64: when it went UP (seconds since the
					 * epoch), while UP
					 */
	ESPGW_SESSION_A_DOWN_REASON,	/* u8, enum espgw_reason: the last DOWN */
	ESPGW_SESSION_A_DOWN_TIME,	/* u64: when (seconds since the epoch) */
	ESPGW_SESSION_A_PEER,		/* nest of enum espgw_peer_attr: the
					 * configured peer, if there is one
					 */
	ESPGW_SESSION_A_IKE_SAS,	/* nest of ESPGW_A_IKE_SA nests */
	ESPGW_SESSION_A_FLOWS,		/* nest of ESPGW_A_FLOW nests (with stats,
					 * SPIs and remaining lifetimes)
					 */
	ESPGW_SESSION_A_MORE,		/* flag: more flows of this session follow
					 * in the next message
					 */
	ESPGW_SESSION_A_SA_COUNT,	/* u32: IPsec SAs of the session */
	ESPGW_SESSION_A_PHASE1_ID,	/* string: the peer's phase-1 identity: an
					 * IKE SA's, else the last one an IKE SA
					 * gave, else the configured peer's
					 */

	__ESPGW_SESSION_A_MAX,
	ESPGW_SESSION_A_MAX = __ESPGW_SESSION_A_MAX - 1
};

/*
 * Which sessions CLEAR_SESSION clears (ESPGW_A_FILTER): all given criteria
 * must hold.  LOCAL_ADDR alone: every session of that local crypto endpoint.
 */
enum espgw_filter_attr {
	ESPGW_FILTER_A_UNSPEC,
	ESPGW_FILTER_A_LOCAL_ADDR,	/* binary, 4 or 16 bytes */
	ESPGW_FILTER_A_LOCAL_PORT,	/* u16, needs LOCAL_ADDR */
	ESPGW_FILTER_A_REMOTE_ADDR,	/* binary */
	ESPGW_FILTER_A_REMOTE_PORT,	/* u16, needs REMOTE_ADDR */
	ESPGW_FILTER_A_FVRF,		/* u32: front-door VRF ifindex */
	ESPGW_FILTER_A_IVRF,		/* u32: inside VRF ifindex */

	__ESPGW_FILTER_A_MAX,
	ESPGW_FILTER_A_MAX = __ESPGW_FILTER_A_MAX - 1
};

/*
 * Tunnel interfaces: rtnetlink link kind ESPGW_LINK_KIND, e.g.
 * "ip link add Tunnel0 type espgw".  IFLA_INFO_DATA attributes:
 */
#define ESPGW_LINK_KIND		"espgw"

enum {
	IFLA_ESPGW_UNSPEC,
	IFLA_ESPGW_LOCAL,		/* binary, 4 or 16 bytes: the tunnel's local
					 * crypto endpoint (informational); empty
					 * to unset
					 */
	IFLA_ESPGW_FVRF,		/* u32: ifindex of the front-door VRF device
					 * for outer route lookups, 0 = none
					 */

	__IFLA_ESPGW_MAX,
	IFLA_ESPGW_MAX = __IFLA_ESPGW_MAX - 1
};

#define ESPGW_SPI_MIN			256
#define ESPGW_REPLAY_WINDOW_MAX		16384
#define ESPGW_REPLAY_WINDOW_DEFAULT	64

#define ESPGW_ACQUIRE_RATE_MIN		1
#define ESPGW_ACQUIRE_RATE_MAX		1000
#define ESPGW_ACQUIRE_RATE_DEFAULT	10

#endif /* _UAPI_LINUX_ESPGW_H */
