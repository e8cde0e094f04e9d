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

#define ESPGW_ACQUIRE_RATE_MIN		1
#define ESPGW_ACQUIRE_RATE_MAX		1000
#define ESPGW_ACQUIRE_RATE_DEFAULT	10

#endif /* _UAPI_LINUX_ESPGW_H */
