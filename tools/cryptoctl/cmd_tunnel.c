// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl tunnel add NAME [local ADDR] [fvrf VRFDEV] [mtu N]
 * cryptoctl tunnel change NAME [local ADDR|none] [fvrf VRFDEV|none] [mtu N]
 * cryptoctl tunnel del NAME
 * cryptoctl tunnel [show [NAME]]
 *
 * The tunnel interfaces: rtnetlink links of kind espgw.  The front-door VRF
 * (fvrf) is an attribute of the tunnel, the inside VRF (ivrf) the VRF the
 * tunnel is enslaved to ('ip link set Tunnel0 master red').
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "cmd_tunnel.h"
#include "cryptoctl.h"
#include "print.h"

#define TUNNEL "tunnel"

struct tunnel_args {
	const char *name;
	struct {
		bool local, fvrf, mtu;
	} seen;
	struct ip_addr local;		/* family 0: none */
	uint32_t fvrf, mtu;
};

static struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .type = NLA_STRING },
	[IFLA_MTU] = { .type = NLA_U32 },
	[IFLA_MASTER] = { .type = NLA_U32 },
	[IFLA_LINKINFO] = { .type = NLA_NESTED },
};

static struct nla_policy info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_DATA] = { .type = NLA_NESTED },
};

static struct nla_policy espgw_link_policy[IFLA_ESPGW_MAX + 1] = {
	[IFLA_ESPGW_FVRF] = { .type = NLA_U32 },
};

/* IFLA_INFO_DATA of an espgw link. */
static int espgw_data_parse(struct nlattr *data, struct link *l)
{
	struct nlattr *tb[IFLA_ESPGW_MAX + 1];
	struct nlattr *local;

	if (!data)
		return 0;
	if (nla_parse_nested(tb, IFLA_ESPGW_MAX, data, espgw_link_policy) < 0)
		return -EBADMSG;
	local = tb[IFLA_ESPGW_LOCAL];
	if (local && nla_len(local) && get_addr(local, &l->local) < 0)
		return -EBADMSG;
	get_opt_u32(tb[IFLA_ESPGW_FVRF], &l->fvrf);
	return 0;
}

static int linkinfo_parse(struct nlattr *nest, struct link *l)
{
	struct nlattr *tb[IFLA_INFO_MAX + 1];
	const char *kind;

	if (!nest)
		return 0;
	if (nla_parse_nested(tb, IFLA_INFO_MAX, nest, info_policy) < 0)
		return -EBADMSG;
	kind = tb[IFLA_INFO_KIND] ? nla_get_string(tb[IFLA_INFO_KIND]) : "";
	l->vrf = !strcmp(kind, "vrf");
	l->espgw = !strcmp(kind, ESPGW_LINK_KIND);
	return l->espgw ? espgw_data_parse(tb[IFLA_INFO_DATA], l) : 0;
}

int link_parse(struct nl_msg *msg, struct link *l)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;

	memset(l, 0, sizeof(*l));
	if (nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy) < 0 ||
	    !tb[IFLA_IFNAME])
		return -EBADMSG;
	ifi = nlmsg_data(nlh);
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	snprintf(l->name, sizeof(l->name), "%s", nla_get_string(tb[IFLA_IFNAME]));
	get_opt_u32(tb[IFLA_MTU], &l->mtu);
	get_opt_u32(tb[IFLA_MASTER], &l->master);
	return linkinfo_parse(tb[IFLA_LINKINFO], l);
}

/* Every interface of the namespace. */
static int links_get(struct nl_sock *sk, struct links *links)
{
	struct nl_dump d;
	size_t i;

	memset(links, 0, sizeof(*links));
	if (rtnl_dump_links(sk, &d) < 0)
		return -EIO;
	links->v = calloc(d.n ? d.n : 1, sizeof(*links->v));
	for (i = 0; links->v && i < d.n; i++) {
		if (link_parse(d.msgs[i], &links->v[links->n]) < 0) {
			fprintf(stderr, "cryptoctl: malformed reply from the kernel\n");
			nl_dump_free(&d);
			links_free(links);
			return -EBADMSG;
		}
		links->n++;
	}
	nl_dump_free(&d);
	if (!links->v) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return -ENOMEM;
	}
	return 0;
}

int links_fetch(struct links *links)
{
	struct nl_sock *sk = rtnl_open();
	int ret;

	memset(links, 0, sizeof(*links));
	if (!sk)
		return -EIO;
	ret = links_get(sk, links);
	nl_socket_free(sk);
	return ret;
}

void links_free(struct links *links)
{
	free(links->v);
	memset(links, 0, sizeof(*links));
}

int vrf_find(const struct links *links, const char *name, uint32_t *ifindex)
{
	size_t i;

	for (i = 0; i < links->n; i++) {
		if (strcmp(links->v[i].name, name))
			continue;
		if (!links->v[i].vrf)
			break;
		*ifindex = links->v[i].ifindex;
		return 0;
	}
	fprintf(stderr, "cryptoctl: no VRF named '%s'%s\n", name,
		i < links->n ? " (that interface is not a VRF device)" : "");
	return -1;
}

int vrf_lookup(const char *name, uint32_t *ifindex)
{
	struct links links;
	int ret;

	if (links_fetch(&links) < 0)
		return -1;
	ret = vrf_find(&links, name, ifindex);
	links_free(&links);
	return ret;
}

static const struct link *link_by_index(const struct links *links,
					uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < links->n; i++)
		if (links->v[i].ifindex == ifindex)
			return &links->v[i];
	return NULL;
}

/* The espgw tunnel @name, or NULL after printing why not. */
static const struct link *tunnel_find(const struct links *links,
				      const char *name)
{
	size_t i;

	for (i = 0; i < links->n; i++) {
		if (strcmp(links->v[i].name, name))
			continue;
		if (links->v[i].espgw)
			return &links->v[i];
		fprintf(stderr, "cryptoctl: %s is not an espgw tunnel\n", name);
		return NULL;
	}
	fprintf(stderr, "cryptoctl: no interface named '%s'\n", name);
	return NULL;
}

/* "(none)" and null for 0, the name for another index. */
static void print_ifname(const char *key, const char *fmt,
			 const struct links *links, uint32_t ifindex)
{
	const struct link *l = ifindex ? link_by_index(links, ifindex) : NULL;
	char buf[IF_NAMESIZE];

	if (ifindex && !l)
		snprintf(buf, sizeof(buf), "if%u", ifindex);
	print_optional(key, fmt, l ? l->name : ifindex ? buf : NULL);
}

void tunnel_print(const struct links *links, const struct link *l)
{
	const struct link *master = link_by_index(links, l->master);

	print_open_object(NULL);
	print_string("name", "tunnel %s", l->name);
	print_uint("ifindex", " ifindex %llu", l->ifindex);
	print_string("state", " state %s", l->flags & IFF_UP ? "up" : "down");
	print_uint("mtu", " mtu %llu", l->mtu);
	print_addr("local", " local %s", &l->local);
	print_ifname("fvrf", " fvrf %s", links, l->fvrf);
	print_ifname("ivrf", " ivrf %s", links,
		     master && master->vrf ? master->ifindex : 0);
	print_nl();
	print_close_object();
}

/* With @name, only that tunnel (an error if it is not one). */
static int tunnel_show(const char *name)
{
	struct nl_sock *sk = rtnl_open();
	const struct link *only = NULL;
	struct links links;
	size_t i;
	int ret;

	if (!sk)
		return EXIT_RUNTIME;
	ret = links_get(sk, &links);
	nl_socket_free(sk);
	if (ret < 0)
		return EXIT_RUNTIME;
	if (name && !(only = tunnel_find(&links, name))) {
		free(links.v);
		return EXIT_RUNTIME;
	}
	print_open_array(NULL);
	for (i = 0; i < links.n; i++)
		if (only ? &links.v[i] == only : links.v[i].espgw)
			tunnel_print(&links, &links.v[i]);
	print_close_array();
	print_flush();
	free(links.v);
	return EXIT_OK;
}

/* An interface name as the kernel takes it (dev_valid_name()). */
static int check_name(const char *name)
{
	if (!name)
		return usage_error(TUNNEL, "needs a tunnel name");
	if (!*name || strlen(name) >= IF_NAMESIZE || !strcmp(name, ".") ||
	    !strcmp(name, "..") || strpbrk(name, "/: \t\n\v\f\r"))
		return usage_error(TUNNEL, "'%s' is not an interface name (1 to %d characters, no '/', ':' or spaces)",
				   name, IF_NAMESIZE - 1);
	return 0;
}

/* local ADDR|none: none only when changing (@none_ok). */
static int parse_local(const char *arg, bool none_ok, struct ip_addr *a)
{
	if (none_ok && arg && !strcmp(arg, "none")) {
		memset(a, 0, sizeof(*a));
		return 0;
	}
	return parse_addr("local", arg, a);
}

/* NAME [local ADDR] [fvrf VRFDEV] [mtu N]; @change: none is a value. */
static int parse_args(int argc, char **argv, bool change,
		      struct tunnel_args *a)
{
	int i, ret;

	memset(a, 0, sizeof(*a));
	a->name = argc ? argv[0] : NULL;
	ret = check_name(a->name);
	for (i = 1; !ret && i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "local"))
			ret = once(TUNNEL, w, &a->seen.local) ||
			      parse_local(argv[++i], change, &a->local);
		else if (!strcmp(w, "fvrf"))
			ret = once(TUNNEL, w, &a->seen.fvrf) ||
			      parse_dev(w, argv[++i], change, &a->fvrf);
		else if (!strcmp(w, "mtu"))
			ret = once(TUNNEL, w, &a->seen.mtu) ||
			      parse_u32_range(w, argv[++i], 68, 65535, &a->mtu);
		else
			return usage_error(TUNNEL, "unknown word '%s'", w);
	}
	if (ret)
		return EXIT_USAGE;
	if (change && !a->seen.local && !a->seen.fvrf && !a->seen.mtu)
		return usage_error(TUNNEL, "change needs local, fvrf or mtu");
	return 0;
}

/* A link request: the header and, for @ifindex 0, the name. */
static struct nl_msg *link_msg(int type, int flags, uint32_t ifindex,
			       const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (msg && (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    (!ifindex && nla_put_string(msg, IFLA_IFNAME, name) < 0))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* IFLA_LINKINFO, IFLA_INFO_DATA: what the command line gives. */
static int put_linkinfo(struct nl_msg *msg, const struct tunnel_args *a)
{
	struct nlattr *info, *data;

	info = nla_nest_start(msg, IFLA_LINKINFO);
	if (!info || nla_put_string(msg, IFLA_INFO_KIND, ESPGW_LINK_KIND) < 0)
		return -EMSGSIZE;
	if (a->seen.local || a->seen.fvrf) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		/* local none: an empty attribute */
		if (!data ||
		    (a->seen.local &&
		     nla_put(msg, IFLA_ESPGW_LOCAL, (int)addr_len(a->local.family),
			     a->local.bytes) < 0) ||
		    (a->seen.fvrf && nla_put_u32(msg, IFLA_ESPGW_FVRF, a->fvrf) < 0))
			return -EMSGSIZE;
		nla_nest_end(msg, data);
	}
	nla_nest_end(msg, info);
	return 0;
}

/* RTM_NEWLINK: a new tunnel, or (@ifindex) a change to one. */
static int put_newlink(struct nl_sock *sk, const struct tunnel_args *a,
		       uint32_t ifindex)
{
	int flags = ifindex ? 0 : NLM_F_CREATE | NLM_F_EXCL;
	bool info = !ifindex || a->seen.local || a->seen.fvrf;
	struct espgw_nl nl;
	struct nl_msg *msg;

	/* Without the module the kernel only says "Unknown device type". */
	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	espgw_nl_close(&nl);
	msg = link_msg(RTM_NEWLINK, flags, ifindex, a->name);

	if (msg && ((a->seen.mtu && nla_put_u32(msg, IFLA_MTU, a->mtu) < 0) ||
		    (info && put_linkinfo(msg, a) < 0))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return rtnl_request(sk, msg) < 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* change and del: the tunnel must exist and be an espgw one. */
static int tunnel_modify(bool del, const struct tunnel_args *a)
{
	struct nl_sock *sk = rtnl_open();
	const struct link *l;
	struct links links;
	int ret = EXIT_RUNTIME;

	if (!sk)
		return EXIT_RUNTIME;
	if (links_get(sk, &links) == 0) {
		l = tunnel_find(&links, a->name);
		if (l && del)
			ret = rtnl_request(sk, link_msg(RTM_DELLINK, 0, l->ifindex,
							NULL)) < 0 ?
			      EXIT_RUNTIME : EXIT_OK;
		else if (l)
			ret = put_newlink(sk, a, l->ifindex);
		free(links.v);
	}
	nl_socket_free(sk);
	return ret;
}

static int tunnel_add(const struct tunnel_args *a)
{
	struct nl_sock *sk = rtnl_open();
	int ret;

	if (!sk)
		return EXIT_RUNTIME;
	ret = put_newlink(sk, a, 0);
	nl_socket_free(sk);
	return ret;
}

int cmd_tunnel(int argc, char **argv)
{
	const char *verb = argc < 2 ? "show" : argv[1];
	struct tunnel_args a;
	int ret;

	if (!strcmp(verb, "show")) {
		if (argc > 3)
			return usage_error(TUNNEL, "unexpected argument '%s'", argv[3]);
		return tunnel_show(argc == 3 ? argv[2] : NULL);
	}
	if (!strcmp(verb, "del")) {
		if (argc > 3)
			return usage_error(TUNNEL, "unexpected argument '%s'", argv[3]);
		ret = check_name(argc == 3 ? argv[2] : NULL);
		a.name = argv[2];
		return ret ? ret : tunnel_modify(true, &a);
	}
	if (strcmp(verb, "add") && strcmp(verb, "change"))
		return usage_error(TUNNEL, "unknown subcommand '%s'", verb);
	ret = parse_args(argc - 2, argv + 2, !strcmp(verb, "change"), &a);
	if (ret)
		return ret;
	return !strcmp(verb, "add") ? tunnel_add(&a) : tunnel_modify(false, &a);
}
