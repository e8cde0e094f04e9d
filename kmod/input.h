/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_INPUT_H
#define _ESPGW_INPUT_H

struct espgw_sa;
struct espgw_replay;

/* An inbound SA's replay state for @window packets; NULL without memory. */
struct espgw_replay *espgw_replay_alloc(u32 window);
/* The highest sequence number received. */
u64 espgw_replay_top(const struct espgw_replay *r);

int espgw_input_init(void);
void espgw_input_uninit(void);

#endif /* _ESPGW_INPUT_H */
