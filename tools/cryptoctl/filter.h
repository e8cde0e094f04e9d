/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which crypto sessions a command means: [local ADDR [port N]]
 * [remote ADDR [port N]] [fvrf NAME] [ivrf NAME], all given criteria at
 * once.  'show crypto session' applies them itself; 'clear crypto session'
 * sends them to the kernel (ESPGW_A_FILTER).
 */
#ifndef CRYPTOCTL_FILTER_H
#define CRYPTOCTL_FILTER_H

#include <netlink/msg.h>
#include <stdbool.h>
#include <stdint.h>

#include "cmd_tunnel.h"
#include "parse.h"
#include "session.h"

struct session_filter {
	bool local, local_port, remote, remote_port;	/* given */
	struct ip_addr local_addr, remote_addr;
	uint32_t lport, rport;
	const char *fvrf_name, *ivrf_name;	/* NULL: not given */
	uint32_t fvrf, ivrf;			/* their ifindex, once resolved */
};

/*
 * The filter word argv[*i] and its values, *@i left on the last one used;
 * argv[argc] is NULL.  Returns 0, EXIT_USAGE after printing why (naming
 * @command), or 1 when argv[*i] is no filter word.
 */
int filter_parse_word(const char *command, struct session_filter *f,
		      char **argv, int *i);

/* Whether a VRF was named, and their ifindexes from @links (-1: printed why). */
bool filter_has_vrf(const struct session_filter *f);
int filter_resolve(struct session_filter *f, const struct links *links);

bool filter_match(const struct session_filter *f, const struct session *s);

/*
 * A build_fn: ESPGW_A_FILTER with every criterion of @arg, a struct
 * session_filter (an empty nest for none).
 */
int filter_put(struct nl_msg *msg, const void *arg);

#endif /* CRYPTOCTL_FILTER_H */
