// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl's side of the espgw generic netlink family and of rtnetlink:
 * requests with their replies and extended-ACK errors, consistent dumps, and
 * the events multicast group.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/genl/ctrl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Top-level attributes, so that callers may use nla_get_*() as they are. */
static struct nla_policy espgw_policy[ESPGW_A_MAX + 1] = {
	[ESPGW_A_MODULE_VERSION] = { .type = NLA_STRING },
	[ESPGW_A_FAMILY_VERSION] = { .type = NLA_U32 },
	[ESPGW_A_ALGORITHMS] = { .type = NLA_NESTED },
	[ESPGW_A_SETTINGS] = { .type = NLA_NESTED },
	[ESPGW_A_SA] = { .type = NLA_NESTED },
	[ESPGW_A_REPLACE] = { .type = NLA_FLAG },
	[ESPGW_A_FLOW] = { .type = NLA_NESTED },
	[ESPGW_A_STATS] = { .type = NLA_NESTED },
	[ESPGW_A_HARD] = { .type = NLA_FLAG },
	[ESPGW_A_PEER] = { .type = NLA_NESTED },
	[ESPGW_A_IKE_SA] = { .type = NLA_NESTED },
	[ESPGW_A_SESSION] = { .type = NLA_NESTED },
	[ESPGW_A_FILTER] = { .type = NLA_NESTED },
	[ESPGW_A_REASON] = { .type = NLA_U8 },
};

/* A dump that keeps changing under us is given up after this many tries. */
#define DUMP_TRIES 5

/*
 * A connected socket.  Extended ACKs carry the kernel's reason for an
 * error; capped ACKs leave out the echo of the request, which may hold a
 * key.  libnl 3.7 has no call for either; a kernel without them ignores
 * them.
 */
static struct nl_sock *socket_open(int protocol)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, ret;

	if (!sk) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return NULL;
	}
	ret = nl_connect(sk, protocol);
	if (ret < 0) {
		fprintf(stderr, "cryptoctl: cannot open a netlink socket: %s\n",
			nl_geterror(ret));
		nl_socket_free(sk);
		return NULL;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	return sk;
}

int espgw_nl_open(struct espgw_nl *nl)
{
	int ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = socket_open(NETLINK_GENERIC);
	if (!nl->sk)
		return -EIO;
	ret = genl_ctrl_resolve(nl->sk, ESPGW_GENL_NAME);
	if (ret < 0) {
		if (ret == -NLE_OBJ_NOTFOUND) {
			fprintf(stderr, "cryptoctl: espgw module not loaded\n");
			ret = -ENOENT;
		} else {
			fprintf(stderr, "cryptoctl: cannot look up the espgw netlink family: %s\n",
				nl_geterror(ret));
			ret = -EIO;
		}
		espgw_nl_close(nl);
		return ret;
	}
	nl->family = ret;
	return 0;
}

void espgw_nl_close(struct espgw_nl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *espgw_nl_msg(const struct espgw_nl *nl, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
				NLM_F_ACK, cmd, ESPGW_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* The message TLVs of an extended ACK from byte @off of @nlh's payload. */
static int extack_msg(const struct nlmsghdr *nlh, size_t off, char *buf,
		      size_t len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlattr *tlvs;

	off = NLMSG_ALIGN(off);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return -ENOENT;
	tlvs = (struct nlattr *)((char *)NLMSG_DATA(nlh) + off);
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs,
		      (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off), NULL) < 0 ||
	    !tb[NLMSGERR_ATTR_MSG] || nla_len(tb[NLMSGERR_ATTR_MSG]) < 1)
		return -ENOENT;
	/* The kernel NUL-terminates it; %.*s stays inside the TLV anyway. */
	snprintf(buf, len, "%.*s", nla_len(tb[NLMSGERR_ATTR_MSG]),
		 (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	return buf[0] ? 0 : -ENOENT;
}

int espgw_nl_extack(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
	size_t off = sizeof(*err);

	if (len)
		buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return -ENOENT;
	/* A dump's NLMSG_DONE: the error code, then the TLVs. */
	if (nlh->nlmsg_type == NLMSG_DONE)
		return extack_msg(nlh, sizeof(int), buf, len);
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
		return -ENOENT;
	/*
	 * struct nlmsgerr ends with the request's header; unless the kernel
	 * capped it, the rest of the request follows.  Then, aligned, the
	 * TLVs.
	 */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return -ENOENT;
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	}
	return extack_msg(nlh, off, buf, len);
}

/* Called with each reply of interest; < 0: malformed. */
typedef int (*reply_fn)(struct nl_msg *msg, void *arg);

struct request {
	int type;		/* nlmsg_type of the replies */
	reply_fn fn;		/* for each reply, or NULL */
	void *arg;
	unsigned int replies;
	int error;		/* the kernel's: a negative errno */
	int fn_error;		/* a malformed reply */
	bool done;		/* the ACK, the error or the dump's end arrived */
	bool intr;		/* the dump saw its table change */
	char extack[256];
};

static int request_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	int ret;

	if (nlmsg_hdr(msg)->nlmsg_type != req->type || req->fn_error)
		return NL_SKIP;
	req->replies++;
	if (!req->fn)
		return NL_OK;
	ret = req->fn(msg, req->arg);
	if (ret < 0)
		req->fn_error = ret;
	return NL_OK;
}

/* The request is over; with the kernel's @error (< 0), its reason from @nlh. */
static int request_end(struct request *req, int error,
		       const struct nlmsghdr *nlh)
{
	if (error < 0) {
		req->error = error;
		espgw_nl_extack(nlh, req->extack, sizeof(req->extack));
	}
	req->done = true;
	return NL_STOP;
}

static int request_error(struct sockaddr_nl *nla, struct nlmsgerr *err,
			 void *arg)
{
	(void)nla;
	/* libnl hands over the payload; the header is right before it. */
	return request_end(arg, err->error,
			   (const struct nlmsghdr *)((char *)err - NLMSG_HDRLEN));
}

static int request_ack(struct nl_msg *msg, void *arg)
{
	return request_end(arg, 0, nlmsg_hdr(msg));
}

/* The end of a dump: NLMSG_DONE, with an error code if it failed midway. */
static int request_finish(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int error = 0;

	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(error)))
		memcpy(&error, NLMSG_DATA(nlh), sizeof(error));
	return request_end(arg, error, nlh);
}

static int request_intr(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	(void)msg;
	req->intr = true;
	return NL_OK;
}

static void print_kernel_error(const struct request *req)
{
	int err = -req->error;

	if (err == EPERM)
		fputs("cryptoctl: permission denied: changing espgw state needs CAP_NET_ADMIN in this network namespace\n",
		      stderr);
	else if (req->extack[0])
		fprintf(stderr, "cryptoctl: kernel: %s (%s)\n", req->extack,
			strerror(err));
	else
		fprintf(stderr, "cryptoctl: kernel: %s\n", strerror(err));
}

/*
 * Sends @msg (left to the caller) and reads up to the ACK, the error or the
 * dump's end.  Returns 0, -EAGAIN for an interrupted dump (not reported), or
 * another negative errno, reported.
 */
static int transact(struct nl_sock *sk, struct nl_msg *msg,
		    struct request *req)
{
	struct nl_cb *cb;
	int ret;

	cb = msg ? nl_cb_alloc(NL_CB_DEFAULT) : NULL;
	if (!cb) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, request_error, req);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, request_valid, req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, request_ack, req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, request_finish, req);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, request_intr, req);

	ret = nl_send_auto(sk, msg);
	/* The replies and the ACK may be separate datagrams. */
	while (ret >= 0 && !req->done)
		ret = nl_recvmsgs(sk, cb);
	nl_cb_put(cb);

	if (req->error) {
		print_kernel_error(req);
		return req->error;
	}
	if (ret < 0) {
		fprintf(stderr, "cryptoctl: netlink: %s\n", nl_geterror(ret));
		return -EIO;
	}
	if (req->fn_error) {
		fprintf(stderr, "cryptoctl: %s\n", req->fn_error == -ENOMEM ?
			"out of memory" : "malformed reply from the kernel");
		return req->fn_error;
	}
	return req->intr ? -EAGAIN : 0;
}

/* Requests may carry keys: nothing of them is left in freed memory. */
void espgw_nl_msg_free(struct nl_msg *msg)
{
	if (!msg)
		return;
	explicit_bzero(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

/* One request that is not a dump; consumes @msg. */
static int request(struct nl_sock *sk, struct nl_msg *msg, struct request *req)
{
	int ret = transact(sk, msg, req);

	espgw_nl_msg_free(msg);
	if (ret == 0 && req->fn && !req->replies) {
		fprintf(stderr, "cryptoctl: no reply from the kernel\n");
		return -ENODATA;
	}
	return ret;
}

/* Parses a message of the espgw family and hands it to @fn. */
static int dispatch(struct nl_msg *msg, espgw_msg_fn fn, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *attrs[ESPGW_A_MAX + 1];

	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_parse(nlh, 0, attrs, ESPGW_A_MAX, espgw_policy) < 0)
		return -EBADMSG;
	return fn(genlmsg_hdr(nlh)->cmd, attrs, arg);
}

struct genl_reply {
	espgw_msg_fn fn;
	void *arg;
};

static int genl_reply(struct nl_msg *msg, void *arg)
{
	struct genl_reply *r = arg;

	return dispatch(msg, r->fn, r->arg);
}

int espgw_nl_request(struct espgw_nl *nl, struct nl_msg *msg, espgw_msg_fn fn,
		     void *arg)
{
	struct genl_reply r = { .fn = fn, .arg = arg };
	struct request req = {
		.type = nl->family, .fn = fn ? genl_reply : NULL, .arg = &r,
	};

	return request(nl->sk, msg, &req);
}

void nl_dump_free(struct nl_dump *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		nlmsg_free(d->msgs[i]);
	free(d->msgs);
	memset(d, 0, sizeof(*d));
}

/* Keeps a reply of a dump (libnl frees it after the callback otherwise). */
static int dump_keep(struct nl_msg *msg, void *arg)
{
	struct nl_dump *d = arg;
	struct nl_msg **msgs;

	if (d->n == d->size) {
		msgs = reallocarray(d->msgs, d->size ? 2 * d->size : 16,
				    sizeof(*msgs));
		if (!msgs)
			return -ENOMEM;
		d->msgs = msgs;
		d->size = d->size ? 2 * d->size : 16;
	}
	nlmsg_get(msg);
	d->msgs[d->n++] = msg;
	return 0;
}

/* Sends @msg (consumed) as a dump, again while it is interrupted. */
static int dump(struct nl_sock *sk, struct nl_msg *msg, int type,
		struct nl_dump *d)
{
	int tries, ret = 0;

	memset(d, 0, sizeof(*d));
	for (tries = 0; tries < DUMP_TRIES; tries++) {
		struct request req = { .type = type, .fn = dump_keep, .arg = d };

		if (msg) {
			/* A new sequence number for each try. */
			nlmsg_hdr(msg)->nlmsg_seq = NL_AUTO_SEQ;
			nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_DUMP;
		}
		ret = transact(sk, msg, &req);
		if (ret != -EAGAIN)
			break;
		nl_dump_free(d);
	}
	nlmsg_free(msg);
	if (ret == -EAGAIN)
		fprintf(stderr, "cryptoctl: the table changed during each of %d dumps; try again\n",
			DUMP_TRIES);
	if (ret < 0)
		nl_dump_free(d);
	return ret;
}

int espgw_nl_dump(struct espgw_nl *nl, uint8_t cmd, struct nl_dump *d)
{
	return dump(nl->sk, espgw_nl_msg(nl, cmd), nl->family, d);
}

int espgw_nl_get(struct espgw_nl *nl, struct nl_msg *msg, struct nl_dump *d)
{
	struct request req = { .type = nl->family, .fn = dump_keep, .arg = d };
	int ret;

	memset(d, 0, sizeof(*d));
	ret = request(nl->sk, msg, &req);
	if (ret < 0)
		nl_dump_free(d);
	return ret;
}

int espgw_dump_each(const struct nl_dump *d, espgw_msg_fn fn, void *arg)
{
	size_t i;
	int ret;

	for (i = 0; i < d->n; i++) {
		ret = dispatch(d->msgs[i], fn, arg);
		if (ret < 0)
			return ret;
	}
	return 0;
}

struct nl_sock *rtnl_open(void)
{
	return socket_open(NETLINK_ROUTE);
}

int rtnl_request(struct nl_sock *sk, struct nl_msg *msg)
{
	struct request req = { .type = -1 };

	return request(sk, msg, &req);
}

int rtnl_dump_links(struct nl_sock *sk, struct nl_dump *d)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETLINK, 0);

	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return dump(sk, msg, RTM_NEWLINK, d);
}

/*
 * Whether the family is registered, asked on a socket of its own (the
 * listening one has events queued).  Anything but a clear "no" is "yes":
 * better to go on listening than to claim the module is gone.
 */
static bool family_present(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret = 0;

	if (sk && genl_connect(sk) == 0)
		ret = genl_ctrl_resolve(sk, ESPGW_GENL_NAME);
	nl_socket_free(sk);
	return ret != -NLE_OBJ_NOTFOUND;
}

struct listener {
	espgw_msg_fn fn;
	void *arg;
	int family;
	bool stop;		/* fn asked to stop */
	bool gone;		/* the family was unregistered */
};

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* nlctrl's notification that a family was unregistered: is it ours? */
static bool family_deleted(struct nlmsghdr *nlh, int family)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_hdr(nlh)->cmd != CTRL_CMD_DELFAMILY ||
	    genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0)
		return false;
	if (tb[CTRL_ATTR_FAMILY_ID] && nla_len(tb[CTRL_ATTR_FAMILY_ID]) >= 2)
		return nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]) == family;
	return tb[CTRL_ATTR_FAMILY_NAME] &&
	       !strncmp(nla_data(tb[CTRL_ATTR_FAMILY_NAME]), ESPGW_GENL_NAME,
			nla_len(tb[CTRL_ATTR_FAMILY_NAME]));
}

static int listener_valid(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct listener *l = arg;
	int ret;

	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		l->gone = family_deleted(nlh, l->family);
		return l->gone ? NL_STOP : NL_OK;
	}
	if (nlh->nlmsg_type != l->family)
		return NL_OK;
	ret = dispatch(msg, l->fn, l->arg);
	if (ret < 0)
		fprintf(stderr, "cryptoctl: malformed event from the kernel, skipped\n");
	l->stop = ret > 0;
	return l->stop ? NL_STOP : NL_OK;
}

static int join(struct nl_sock *sk, const char *family, const char *group)
{
	int id = genl_ctrl_resolve_grp(sk, family, group);

	if (id < 0 || nl_socket_add_membership(sk, id) < 0) {
		fprintf(stderr, "cryptoctl: cannot join the %s multicast group of %s: %s\n",
			group, family, nl_geterror(id < 0 ? id : -NLE_FAILURE));
		return -EIO;
	}
	return 0;
}

int espgw_nl_listen(struct espgw_nl *nl, espgw_msg_fn fn, void *arg,
		    int stop_fd)
{
	struct listener l = { .fn = fn, .arg = arg, .family = nl->family };
	struct pollfd pfd[2];
	struct nl_cb *cb;
	int ret;

	/*
	 * The module going away shows as nlctrl's DELFAMILY notification,
	 * which every namespace gets.  Join that group first, then make sure
	 * the family did not go before we joined.
	 */
	if (join(nl->sk, "nlctrl", "notify") < 0 ||
	    join(nl->sk, ESPGW_GENL_NAME, ESPGW_MCGRP_EVENTS) < 0)
		return -EIO;
	if (!family_present())
		return -ENOENT;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	/* Notifications have sequence number 0. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, listener_valid, &l);

	pfd[0].fd = nl_socket_get_fd(nl->sk);
	pfd[0].events = POLLIN;
	pfd[1].fd = stop_fd;
	pfd[1].events = POLLIN;
	ret = 0;
	while (!l.stop && !l.gone) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			fprintf(stderr, "cryptoctl: poll: %s\n", strerror(errno));
			break;
		}
		if (pfd[1].revents)
			break;
		if (!pfd[0].revents)
			continue;
		ret = nl_recvmsgs(nl->sk, cb);
		/* libnl reports the socket's ENOBUFS as NLE_NOMEM. */
		if (ret == -NLE_NOMEM) {
			fprintf(stderr, "cryptoctl: events lost: receive buffer full\n");
			l.gone = !family_present();
			ret = 0;
		} else if (ret < 0) {
			fprintf(stderr, "cryptoctl: netlink: %s\n", nl_geterror(ret));
			ret = -EIO;
			break;
		}
	}
	nl_cb_put(cb);
	return l.gone ? -ENOENT : ret;
}
