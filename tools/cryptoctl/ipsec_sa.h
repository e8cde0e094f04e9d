/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 'show crypto ipsec sa': every flow with its SAs, every counter and drop
 * reason, laid out after Cisco's command of that name.
 */
#ifndef CRYPTOCTL_IPSEC_SA_H
#define CRYPTOCTL_IPSEC_SA_H

#include <stddef.h>
#include <stdint.h>

#include "cmd_flow.h"
#include "cmd_sa.h"
#include "parse.h"

/* The flows and SAs of the namespace (SAs point into their messages). */
struct ipsec_table {
	const struct flow *flows;
	size_t n_flows;
	struct sa *sas;
	size_t n_sas;
};

/*
 * A block per flow (then one for the SAs that have no flow), only those
 * of @peer (an SA's remote address, or the flow's peer) unless @peer has
 * no family.  Sorts the SAs.  JSON: an array of flow objects.
 */
void ipsec_print(struct ipsec_table *t, const struct ip_addr *peer,
		 uint64_t now);

#endif /* CRYPTOCTL_IPSEC_SA_H */
