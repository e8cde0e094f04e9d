/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crypto sessions (ESPGW_A_SESSION) as the kernel reports them: the session,
 * its configured peer, its IKE SA records and its flows with their IPsec SAs'
 * counters.  A session with many flows comes in several messages; a list
 * puts them back together.
 */
#ifndef CRYPTOCTL_SESSION_H
#define CRYPTOCTL_SESSION_H

#include <net/if.h>
#include <netlink/attr.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_flow.h"
#include "ike_sa.h"
#include "parse.h"
#include "peer.h"
#include "reason.h"

struct session {
	uint32_t id, ifindex, fvrf, ivrf, sa_count;	/* fvrf, ivrf 0: none */
	char ifname[IF_NAMESIZE];		/* "": the kernel named none */
	char fvrf_name[IF_NAMESIZE], ivrf_name[IF_NAMESIZE];
	char phase1_id[256];			/* the kernel's view; "": none */
	struct ip_addr local, remote;
	uint16_t local_port, remote_port;
	uint8_t status, down_reason;
	bool has_peer, has_sa_count, has_up_time, has_down_time;
	uint64_t up_time, down_time;		/* seconds since the epoch */
	/*
	 * With has_peer, the configured peer; or, without an address, only
	 * the session's phase-1 identity (no peer configured).
	 */
	struct peer peer;
	struct ike_sa *ike_sas;
	size_t n_ike_sas;
	struct flow *flows;
	size_t n_flows;
	bool more;		/* its next message carries more of it */
};

/*
 * A whole session from one ESPGW_A_SESSION nest (an event's, or a test's),
 * MORE or not.  Returns 0, -EBADMSG or -ENOMEM; free it with session_free()
 * either way.
 */
int session_parse(struct nlattr *nest, struct session *s);
void session_free(struct session *s);

/* The sessions of a dump, in dump order, each one whole. */
struct session_list {
	struct session *v;
	size_t n, size;
};

/*
 * Adds the session of one dump message, or the flows and IKE SAs of its
 * continuation to the last one (same ID, after a message with MORE; what
 * the continuation repeats, the head and IKE SAs already there, is left
 * out).  Returns 0, -EBADMSG or -ENOMEM.
 */
int sessions_add(struct session_list *l, struct nlattr *nest);
/* An espgw_msg_fn for GET_SESSION replies, @arg a struct session_list. */
int sessions_msg(uint8_t cmd, struct nlattr **attrs, void *arg);
/* After the last message: -EBADMSG if a session was left unfinished. */
int sessions_finish(const struct session_list *l);
void sessions_free(struct session_list *l);

/* Whether @status is one of the UP ones. */
bool session_status_up(uint8_t status);
/* "UP-ACTIVE" ... "DOWN"; "UNKNOWN" for another value. */
const char *session_status_text(uint8_t status);
/* The brief form's code: "UA", "UI", "UK", "DN", "D"; "?" for another. */
const char *session_status_code(uint8_t status);

/* The name of the interface, fvrf and ivrf (NULL for none), into @buf. */
const char *session_ifname(const struct session *s, char *buf);
const char *session_fvrf(const struct session *s, char *buf);
const char *session_ivrf(const struct session *s, char *buf);
/*
 * The first phase-1 ID of an IKE SA, else the peer nest's (the peer's, or
 * the session's when no peer is configured); NULL when neither.
 */
const char *session_phase1_id(const struct session *s);
/* The peer's description, or NULL. */
const char *session_description(const struct session *s);

#endif /* CRYPTOCTL_SESSION_H */
