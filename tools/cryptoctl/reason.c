// SPDX-License-Identifier: GPL-2.0
#include <linux/espgw.h>
#include <stdio.h>
#include <string.h>

#include "reason.h"
#include "util.h"

static const struct {
	const char *text, *word;
} reasons[] = {
	[ESPGW_REASON_DELETED] = { "deleted", "deleted" },
	[ESPGW_REASON_CLEARED] = { "cleared by operator", "cleared" },
	[ESPGW_REASON_EXPIRED] = { "hard expiry", "expired" },
	[ESPGW_REASON_PEER_DELETE] = { "peer delete", "peer-delete" },
	[ESPGW_REASON_DEAD_PEER] = { "dead peer", "dead-peer" },
	[ESPGW_REASON_AGENT_GONE] = { "agent gone", "agent-gone" },
	[ESPGW_REASON_INTERFACE_GONE] = { "interface deleted", NULL },
};

const char *reason_text(uint8_t reason)
{
	return TABLE_ENTRY(reasons, reason, text, "unknown");
}

int parse_reason(const char *what, const char *word, uint8_t *out)
{
	uint8_t r;

	for (r = 1; word && r < ARRAY_SIZE(reasons); r++) {
		if (reasons[r].word && !strcmp(word, reasons[r].word)) {
			*out = r;
			return 0;
		}
	}
	if (word)
		fprintf(stderr, "cryptoctl: %s: '%s' is not one of", what, word);
	else
		fprintf(stderr, "cryptoctl: %s needs a value, one of", what);
	fputs(" deleted, cleared, expired, peer-delete, dead-peer, agent-gone\n",
	      stderr);
	return -1;
}
