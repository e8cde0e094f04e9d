/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKE SA records (ESPGW_A_IKE_SA), written by the IKE agent into the
 * module, as the kernel reports them, and how they print.
 */
#ifndef CRYPTOCTL_IKE_SA_H
#define CRYPTOCTL_IKE_SA_H

#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse.h"
#include "peer.h"

struct ike_sa {
	uint32_t connid, ifindex, capabilities, session_id;
	struct ip_addr local, remote;
	uint16_t local_port, remote_port;
	uint8_t state, version;
	bool has_lifetime, has_add_time, has_spi_i, has_spi_r, has_session;
	bool owned;		/* goes with the netlink socket that wrote it */
	uint64_t lifetime, add_time, spi_i, spi_r;	/* lifetime: seconds left */
	char id[ID_SIZE];				/* "": none */
};

/* Needs the connid, interface, both addresses and the state. */
int ike_sa_parse(struct nlattr *nest, struct ike_sa *ike);
/* The same as an item_parse_fn. */
int ike_sa_parse_item(struct nlattr *nest, void *ike);

/* Cisco's word for @state: "Active", "Inactive", "Deleting" ("Unknown"). */
const char *ike_state_text(uint8_t state);
/* cryptoctl's: "established", "negotiating", "deleting" (NULL: unknown). */
const char *ike_state_word(uint8_t state);
/* The state named @word, or 0. */
uint8_t ike_state_parse(const char *word);

/* The letters of @caps ("DN"), "" for none, into @buf (5 bytes). */
const char *ike_caps_letters(uint32_t caps, char *buf);
/* The bit of capability letter @c (upper case), or 0. */
uint32_t ike_cap_bit(char c);

/*
 * Whether the record has no lifetime limit: the kernel leaves LIFETIME out
 * (a returned 0 is a record about to go).
 */
static inline bool ike_sa_unlimited(const struct ike_sa *ike)
{
	return !ike->has_lifetime;
}

/*
 * JSON only: the IKE SA object of a session (connid, local, remote, state,
 * version, capabilities, lifetime, phase1_id); with @full, also what 'ike-sa
 * show' has (interface, ifindex, spi_i, spi_r, add_time, session, owned).
 */
void ike_sa_print_json(const struct ike_sa *ike, bool full);

/* 'ike-sa show': the table's header (text only), and one row. */
void ike_sa_print_header(void);
void ike_sa_print(const struct ike_sa *ike);

#endif /* CRYPTOCTL_IKE_SA_H */
