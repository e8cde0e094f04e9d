/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal libnl-genl-3 client for selftests that talk to the espgw family
 * directly (not through cryptoctl), so the kernel contract is tested on its
 * own: requests, replies, errors with their extack text, notifications.
 */
#ifndef _ESPGW_SELFTEST_GENL_H
#define _ESPGW_SELFTEST_GENL_H

#include <errno.h>
#include <linux/espgw.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <string.h>

struct espgw_sock {
	struct nl_sock *sk;
	int family;
	int events_group;
};

/* What one request got back: an error and its extack text, or a reply. */
struct espgw_reply {
	int error;		/* 0 or a negative errno */
	char extack[256];
	struct nlattr *attrs[ESPGW_A_MAX + 1];
	struct nl_msg *msg;	/* the reply, kept alive for attrs */
	int cmd;
	int done;		/* the final ACK or error arrived */
};

static inline int espgw_sock_open(struct espgw_sock *s)
{
	int one = 1;

	s->sk = nl_socket_alloc();
	if (!s->sk)
		return -ENOMEM;
	if (genl_connect(s->sk) < 0)
		return -ECONNREFUSED;
	setsockopt(nl_socket_get_fd(s->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	s->family = genl_ctrl_resolve(s->sk, ESPGW_GENL_NAME);
	if (s->family < 0)
		return -ENOENT;
	s->events_group = genl_ctrl_resolve_grp(s->sk, ESPGW_GENL_NAME, ESPGW_MCGRP_EVENTS);
	return s->events_group < 0 ? -ENOENT : 0;
}

static inline void espgw_sock_close(struct espgw_sock *s)
{
	nl_socket_free(s->sk);
	s->sk = NULL;
}

static inline void espgw_reply_free(struct espgw_reply *r)
{
	if (r->msg)
		nlmsg_free(r->msg);
	memset(r, 0, sizeof(*r));
}

static int espgw_error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)err - 1;
	struct espgw_reply *r = arg;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
	size_t off;

	(void)nla;
	r->error = err->error;
	r->done = 1;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	off = sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(struct nlmsghdr);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)err + off),
		      (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off), NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(r->extack, sizeof(r->extack), "%.*s", nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int espgw_valid_cb(struct nl_msg *msg, void *arg)
{
	struct espgw_reply *r = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));

	if (r->msg)
		nlmsg_free(r->msg);
	nlmsg_get(msg);
	r->msg = msg;
	r->cmd = gh->cmd;
	genlmsg_parse(nlmsg_hdr(msg), 0, r->attrs, ESPGW_A_MAX, NULL);
	return NL_OK;
}

/* Notifications carry sequence number 0. */
static inline int espgw_no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int espgw_ack_cb(struct nl_msg *msg, void *arg)
{
	struct espgw_reply *r = arg;

	(void)msg;
	r->done = 1;
	return NL_STOP;
}

/*
 * Send @msg (consumed) and wait for the answer.  Returns 0 or a negative
 * errno; the reply and any extack text are in @r.
 */
static inline int espgw_request(struct espgw_sock *s, struct nl_msg *msg,
				struct espgw_reply *r)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	memset(r, 0, sizeof(*r));
	nl_cb_err(cb, NL_CB_CUSTOM, espgw_error_cb, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, espgw_valid_cb, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, espgw_ack_cb, r);
	ret = nl_send_auto(s->sk, msg);
	nlmsg_free(msg);
	/* A reply and its ACK arrive as separate datagrams: read both. */
	while (ret >= 0 && !r->done)
		ret = nl_recvmsgs(s->sk, cb);
	nl_cb_put(cb);
	if (r->error)
		return r->error;
	return ret < 0 ? -EIO : 0;
}

static inline struct nl_msg *espgw_msg(struct espgw_sock *s, int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, s->family, 0, NLM_F_ACK, cmd,
		    ESPGW_GENL_VERSION);
	return msg;
}

#endif /* _ESPGW_SELFTEST_GENL_H */
