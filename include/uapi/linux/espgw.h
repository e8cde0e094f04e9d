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

#define ESPGW_SPI_MIN			256
#define ESPGW_REPLAY_WINDOW_MAX		16384
#define ESPGW_REPLAY_WINDOW_DEFAULT	64

#define ESPGW_ACQUIRE_RATE_MIN		1
#define ESPGW_ACQUIRE_RATE_MAX		1000
#define ESPGW_ACQUIRE_RATE_DEFAULT	10

#endif /* _UAPI_LINUX_ESPGW_H */
