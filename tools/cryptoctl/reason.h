/* SPDX-License-Identifier: GPL-2.0 */
/* Why crypto sessions go down (enum espgw_reason). */
#ifndef CRYPTOCTL_REASON_H
#define CRYPTOCTL_REASON_H

#include <stdint.h>

/*
 * The text of @reason, in Cisco's words ("cleared by operator"), in text
 * and JSON; "unknown" for a value this version does not know.
 */
const char *reason_text(uint8_t reason);

/*
 * A reason by its command-line word: deleted, cleared, expired,
 * peer-delete, dead-peer or agent-gone.  Returns 0, or -1 after printing
 * one line naming @what and the word.
 */
int parse_reason(const char *what, const char *word, uint8_t *out);

#endif /* CRYPTOCTL_REASON_H */
