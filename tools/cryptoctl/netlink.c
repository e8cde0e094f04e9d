// SPDX-License-Identifier: GPL-2.0
/*
 * The only place cryptoctl talks to the kernel: the espgw generic netlink
 * family through libnl-genl-3, with extended-ACK error messages.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct request {
	espgw_msg_fn fn;
	void *arg;
	int error;	/* negative errno from the kernel, or from fn */
	bool done;	/* the final ACK or error arrived */
	char extack[512];
};

int espgw_nl_open(struct espgw_nl *nl)
{
	int one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	ret = genl_connect(nl->sk);
	if (ret < 0) {
		fprintf(stderr, "cryptoctl: cannot open a netlink socket: %s\n", nl_geterror(ret));
		goto err;
	}
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, ESPGW_GENL_NAME);
	if (nl->family < 0) {
		if (nl->family == -NLE_OBJ_NOTFOUND)
			fprintf(stderr, "cryptoctl: espgw module not loaded\n");
		else
			fprintf(stderr, "cryptoctl: cannot resolve the espgw netlink family: %s\n",
				nl_geterror(nl->family));
		ret = nl->family;
		goto err;
	}
	nl->events_group = genl_ctrl_resolve_grp(nl->sk, ESPGW_GENL_NAME, ESPGW_MCGRP_EVENTS);
	if (nl->events_group < 0) {
		fprintf(stderr, "cryptoctl: the espgw module has no events group (too old?)\n");
		ret = nl->events_group;
		goto err;
	}
	return 0;

err:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return ret < 0 ? -ENOENT : ret;
}

void espgw_nl_close(struct espgw_nl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *espgw_nl_msg(struct espgw_nl *nl, int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, NLM_F_ACK,
				(uint8_t)cmd, ESPGW_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* The extack message after a netlink error, if the kernel sent one. */
static void extack_message(const struct nlmsghdr *nlh, const struct nlmsgerr *err,
			   char *buf, size_t len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*err);

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)err + off),
		      (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off), NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(buf, len, "%.*s", nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
}

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct request *req = arg;

	(void)nla;
	req->error = err->error;
	req->done = true;
	extack_message((struct nlmsghdr *)err - 1, err, req->extack, sizeof(req->extack));
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	(void)msg;
	req->done = true;
	return NL_STOP;
}

static int finish_cb(struct nl_msg *msg, void *arg)
{
	return ack_cb(msg, arg);
}

static int parse_and_call(struct nl_msg *msg, espgw_msg_fn fn, void *arg)
{
	struct nlattr *attrs[ESPGW_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);

	if (genlmsg_parse(nlh, 0, attrs, ESPGW_A_MAX, NULL) < 0)
		return -EBADMSG;
	return fn ? fn(gh->cmd, attrs, arg) : 0;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	int ret;

	if (req->error)
		return NL_SKIP;
	ret = parse_and_call(msg, req->fn, req->arg);
	if (ret < 0)
		req->error = ret;
	return NL_OK;
}

static void print_request_error(const struct request *req)
{
	int err = -req->error;

	if (err == EPERM) {
		fprintf(stderr, "cryptoctl: permission denied: changing espgw state needs "
			"CAP_NET_ADMIN in this network namespace\n");
	} else if (req->extack[0]) {
		fprintf(stderr, "cryptoctl: kernel: %s (%s)\n", req->extack, strerror(err));
	} else if (err == EBADMSG) {
		fprintf(stderr, "cryptoctl: malformed reply from the kernel\n");
	} else {
		fprintf(stderr, "cryptoctl: kernel: %s\n", strerror(err));
	}
}

int espgw_nl_request(struct espgw_nl *nl, struct nl_msg *msg, espgw_msg_fn fn, void *arg)
{
	struct request req = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int ret;

	if (!msg) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, &req);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, &req);

	ret = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	/* A reply and its ACK are separate datagrams: read until the ACK. */
	while (ret >= 0 && !req.done)
		ret = nl_recvmsgs(nl->sk, cb);
	nl_cb_put(cb);

	if (ret < 0 && !req.error) {
		fprintf(stderr, "cryptoctl: netlink: %s\n", nl_geterror(ret));
		return -EIO;
	}
	if (req.error) {
		print_request_error(&req);
		return req.error;
	}
	return 0;
}

struct listener {
	espgw_msg_fn fn;
	void *arg;
	int family;
	int stop;	/* fn asked to stop (>0) or failed (<0) */
	bool gone;	/* the family was unregistered */
};

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct listener *l = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	int ret;

	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		struct nlattr *tb[CTRL_ATTR_MAX + 1];

		if (gh->cmd == CTRL_CMD_DELFAMILY &&
		    genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) == 0 &&
		    tb[CTRL_ATTR_FAMILY_NAME] &&
		    !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), ESPGW_GENL_NAME))
			l->gone = true;
		return l->gone ? NL_STOP : NL_OK;
	}
	if (nlh->nlmsg_type != l->family)
		return NL_OK;
	ret = parse_and_call(msg, l->fn, l->arg);
	if (ret)
		l->stop = ret < 0 ? ret : 1;
	return l->stop ? NL_STOP : NL_OK;
}

int espgw_nl_listen(struct espgw_nl *nl, espgw_msg_fn fn, void *arg, volatile bool *stop)
{
	struct listener l = { .fn = fn, .arg = arg, .family = nl->family };
	struct pollfd pfd;
	struct nl_cb *cb;
	int ctrl_group, ret;

	ctrl_group = genl_ctrl_resolve_grp(nl->sk, "nlctrl", "notify");
	if (ctrl_group < 0 || nl_socket_add_membership(nl->sk, ctrl_group) < 0 ||
	    nl_socket_add_membership(nl->sk, nl->events_group) < 0) {
		fprintf(stderr, "cryptoctl: cannot join the espgw events group\n");
		return -EIO;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &l);

	pfd.fd = nl_socket_get_fd(nl->sk);
	pfd.events = POLLIN;
	ret = 0;
	while (!l.stop && !l.gone && !*stop) {
		ret = poll(&pfd, 1, 200);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			ret = -errno;
			break;
		}
		if (ret == 0)
			continue;
		ret = nl_recvmsgs(nl->sk, cb);
		if (ret < 0 && ret != -NLE_INTR && ret != -NLE_AGAIN) {
			fprintf(stderr, "cryptoctl: netlink: %s\n", nl_geterror(ret));
			ret = -EIO;
			break;
		}
		ret = 0;
	}
	nl_cb_put(cb);
	if (l.gone)
		return -ENOENT;
	return l.stop < 0 ? l.stop : ret;
}
