/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_EVENT_H
#define _ESPGW_EVENT_H

#include <linux/types.h>

struct espgw_flow;
struct espgw_net;
struct espgw_sa;

/* Lifetimes: the per-namespace expiry worker and what wakes it. */
void espgw_expire_init(struct espgw_net *en);
void espgw_expire_stop(struct espgw_net *en);
void espgw_expire_kick(struct espgw_net *en);
/* There are SAs: make sure the worker runs (within a second). */
void espgw_expire_start(struct espgw_net *en);
/* A hard limit was reached on the packet path: no more packets, SA goes. */
void espgw_sa_expire_now(struct espgw_net *en, struct espgw_sa *sa);
/*
 * Counts @bytes against @sa's byte and packet limits; false: hard limit hit
 * (the caller counts its drop, then calls espgw_sa_expire_now()).
 */
bool espgw_sa_account(struct espgw_net *en, struct espgw_sa *sa, unsigned int bytes);

/* Traffic for @flow without an SA (packet path, rate-limited). */
void espgw_acquire(struct espgw_net *en, struct espgw_flow *flow);

int espgw_event_init(void);
void espgw_event_uninit(void);

#endif /* _ESPGW_EVENT_H */
