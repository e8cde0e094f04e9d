/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters as the kernel reports them (an ESPGW_*_STATS nest): packets,
 * bytes and drops by reason, per direction.
 */
#ifndef CRYPTOCTL_STATS_H
#define CRYPTOCTL_STATS_H

#include <linux/espgw.h>
#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

struct stats_dir {
	bool has_traffic;	/* the kernel gave packets and bytes */
	uint64_t packets, bytes;
	uint64_t drops[ESPGW_DROP_MAX + 1];
};

struct stats {
	struct stats_dir in, out;
};

/*
 * A drop reason's name in text ("bad-length") and its JSON key
 * ("bad_length"); NULL for a reason this version does not know.
 */
const char *drop_reason_name(unsigned int reason);
const char *drop_reason_key(unsigned int reason);

/* Directions, as bits. */
#define STATS_IN	0x1
#define STATS_OUT	0x2
/* Whether the kernel counts @reason in direction @dir (STATS_IN or _OUT). */
bool drop_reason_applies(unsigned int reason, unsigned int dir);

/*
 * Returns 0, or -EBADMSG if @nest is malformed.  Reasons this version does
 * not know are left out.
 */
int stats_parse(struct nlattr *nest, struct stats *s);

/*
 * One direction, each part after a space: "packets N bytes N" (when the
 * kernel counts them) then "drops" and the non-zero reasons ("drops replay
 * 2 integrity 1"), or "drops none".  JSON: packets, bytes, and drops with
 * every reason.
 */
void stats_print_dir(const struct stats_dir *d);

/*
 * Both directions, a line each: @prefix, "in" or "out" (the JSON keys),
 * then stats_print_dir().
 */
void stats_print(const struct stats *s, const char *prefix);

/* The drops of one direction, all reasons together. */
uint64_t stats_drops_total(const struct stats_dir *d);

/*
 * JSON only: the members packets, bytes, drops (all reasons together) and
 * drop_reasons ({"replay": N, ...}, every reason).
 */
void stats_print_counters_json(const struct stats_dir *d);

#endif /* CRYPTOCTL_STATS_H */
