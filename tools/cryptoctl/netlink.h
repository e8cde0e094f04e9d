/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's netlink interfaces through libnl: the espgw generic netlink
 * family, and rtnetlink for the tunnel interfaces.  The only way cryptoctl
 * talks to the kernel.  Every function that fails prints one line on stderr
 * saying why, so callers only map the result to an exit status.
 */
#ifndef CRYPTOCTL_NETLINK_H
#define CRYPTOCTL_NETLINK_H

#include <linux/espgw.h>
#include <netlink/genl/genl.h>
#include <stddef.h>
#include <stdint.h>

struct espgw_nl {
	struct nl_sock *sk;
	int family;
};

/*
 * Called with each reply to a request, or each event: the genl command and
 * the top-level attributes, type-checked.  Returns 0 to go on, a negative
 * errno if the message is malformed (-EBADMSG), or, for events, > 0 to stop
 * listening.
 */
typedef int (*espgw_msg_fn)(uint8_t cmd, struct nlattr **attrs, void *arg);

/* A socket with extended ACKs and the family resolved; -ENOENT: no module. */
int espgw_nl_open(struct espgw_nl *nl);
void espgw_nl_close(struct espgw_nl *nl);

/* A request for @cmd, to fill with attributes and pass to espgw_nl_request(). */
struct nl_msg *espgw_nl_msg(const struct espgw_nl *nl, uint8_t cmd);

/* Frees a request that was not sent, wiped first: it may hold a key. */
void espgw_nl_msg_free(struct nl_msg *msg);

/*
 * Sends @msg (consumed and wiped, may be NULL after a failed allocation),
 * calls @fn for each reply and waits for the kernel's acknowledgement.  A
 * request with an @fn must get a reply.  Returns 0 or a negative errno; the
 * kernel's own errors come with its extack message when it gave one.
 */
int espgw_nl_request(struct espgw_nl *nl, struct nl_msg *msg, espgw_msg_fn fn,
		     void *arg);

/*
 * The messages of a dump, kept until the dump has arrived whole and
 * consistent, so that they can be checked before anything is printed.
 */
struct nl_dump {
	struct nl_msg **msgs;
	size_t n, size;
};

/*
 * Dumps (NLM_F_DUMP) @cmd into @d, again from the start while the kernel
 * says the table changed under it (NLM_F_DUMP_INTR), a few times at most.
 * Returns 0 or a negative errno; on failure @d is empty.
 */
int espgw_nl_dump(struct espgw_nl *nl, uint8_t cmd, struct nl_dump *d);
/* Sends @msg (consumed and wiped) and keeps its replies in @d; one at least. */
int espgw_nl_get(struct espgw_nl *nl, struct nl_msg *msg, struct nl_dump *d);
/* Calls @fn for each message of @d in order; stops at the first error. */
int espgw_dump_each(const struct nl_dump *d, espgw_msg_fn fn, void *arg);
void nl_dump_free(struct nl_dump *d);

/* A NETLINK_ROUTE socket with extended ACKs, or NULL. */
struct nl_sock *rtnl_open(void);
/* Sends @msg (consumed) and waits for the acknowledgement, as above. */
int rtnl_request(struct nl_sock *sk, struct nl_msg *msg);
/* Every interface of the namespace: RTM_NEWLINK messages, as above. */
int rtnl_dump_links(struct nl_sock *sk, struct nl_dump *d);

/*
 * Joins the events group and calls @fn for each event until @fn returns
 * > 0 or @stop_fd becomes readable (returns 0), or the family goes away
 * (module unloaded: returns -ENOENT, printing nothing).  Malformed events
 * (@fn returns < 0) and events lost to a full receive buffer are reported on
 * stderr, and listening goes on.
 */
int espgw_nl_listen(struct espgw_nl *nl, espgw_msg_fn fn, void *arg,
		    int stop_fd);

/*
 * The NLMSGERR_ATTR_MSG text of an NLMSG_ERROR message, or of the
 * NLMSG_DONE that ends a failed dump, @nlh, whose nlmsg_len bytes are all
 * readable, into @buf.  Returns 0, or -ENOENT when the message carries none.
 */
int espgw_nl_extack(const struct nlmsghdr *nlh, char *buf, size_t len);

#endif /* CRYPTOCTL_NETLINK_H */
