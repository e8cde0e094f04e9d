/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_NETLINK_H
#define CRYPTOCTL_NETLINK_H

#include <linux/espgw.h>
#include <netlink/genl/genl.h>
#include <stdbool.h>

struct espgw_nl {
	struct nl_sock *sk;
	int family;
	int events_group;
};

/* Called for each message answering a request, or for each event. */
typedef int (*espgw_msg_fn)(int cmd, struct nlattr **attrs, void *arg);

/* Opens a socket and resolves the espgw family.  Prints why on failure. */
int espgw_nl_open(struct espgw_nl *nl);
void espgw_nl_close(struct espgw_nl *nl);

/* A request for @cmd, to be filled with attributes and passed to
 * espgw_nl_request().
 */
struct nl_msg *espgw_nl_msg(struct espgw_nl *nl, int cmd);

/*
 * Sends @msg (consumed), calls @fn for each reply message and waits for the
 * kernel's acknowledgement.  On error prints one line (the kernel's extack
 * message when there is one) and returns a negative errno.
 */
int espgw_nl_request(struct espgw_nl *nl, struct nl_msg *msg, espgw_msg_fn fn, void *arg);

/*
 * Listens to the events group, calling @fn for each event, until @fn
 * returns non-zero, *@stop becomes true (checked at least every 200 ms), or
 * the family goes away (module unloaded: returns -ENOENT).
 */
int espgw_nl_listen(struct espgw_nl *nl, espgw_msg_fn fn, void *arg, volatile bool *stop);

#endif /* CRYPTOCTL_NETLINK_H */
