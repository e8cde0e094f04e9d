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

	__ESPGW_FLOW_A_MAX,
	ESPGW_FLOW_A_MAX = __ESPGW_FLOW_A_MAX - 1
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
