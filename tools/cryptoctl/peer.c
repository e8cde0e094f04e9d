// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "peer.h"
#include "print.h"

static struct nla_policy peer_policy[ESPGW_PEER_A_MAX + 1] = {
	[ESPGW_PEER_A_FVRF] = { .type = NLA_U32 },
	[ESPGW_PEER_A_PORT] = { .type = NLA_U16 },
	[ESPGW_PEER_A_DESCRIPTION] = { .type = NLA_STRING },
	[ESPGW_PEER_A_ID] = { .type = NLA_STRING },
	[ESPGW_PEER_A_IFINDEX] = { .type = NLA_U32 },
	[ESPGW_PEER_A_FLAGS] = { .type = NLA_U32 },
	[ESPGW_PEER_A_FVRF_NAME] = { .type = NLA_STRING },
};

int peer_parse_any(struct nlattr *nest, struct peer *p)
{
	struct nlattr *tb[ESPGW_PEER_A_MAX + 1];
	struct nlattr *local, *addr;

	memset(p, 0, sizeof(*p));
	if (!nest || nla_parse_nested(tb, ESPGW_PEER_A_MAX, nest, peer_policy) < 0)
		return -EBADMSG;
	addr = tb[ESPGW_PEER_A_ADDR];
	local = tb[ESPGW_PEER_A_LOCAL_ADDR];
	if (addr && get_addr(addr, &p->addr) < 0)
		return -EBADMSG;
	if ((local && nla_len(local) && get_addr(local, &p->local) < 0) ||
	    get_string(tb[ESPGW_PEER_A_DESCRIPTION], p->description,
		       sizeof(p->description)) < 0 ||
	    get_string(tb[ESPGW_PEER_A_ID], p->id, sizeof(p->id)) < 0 ||
	    get_string(tb[ESPGW_PEER_A_FVRF_NAME], p->fvrf_name,
		       sizeof(p->fvrf_name)) < 0)
		return -EBADMSG;
	p->port = tb[ESPGW_PEER_A_PORT] ? nla_get_u16(tb[ESPGW_PEER_A_PORT]) : 500;
	get_opt_u32(tb[ESPGW_PEER_A_FVRF], &p->fvrf);
	get_opt_u32(tb[ESPGW_PEER_A_IFINDEX], &p->ifindex);
	get_opt_u32(tb[ESPGW_PEER_A_FLAGS], &p->flags);
	return 0;
}

int peer_parse(struct nlattr *nest, struct peer *p)
{
	return peer_parse_any(nest, p) ?: p->addr.family ? 0 : -EBADMSG;
}

int peer_parse_item(struct nlattr *nest, void *p)
{
	return peer_parse(nest, p);
}

const char *vrf_name(uint32_t ifindex, const char *name, char *buf)
{
	if (name && name[0])
		return name;
	return ifindex ? dev_name(ifindex, buf) : NULL;
}

static const char *opt(const char *s)
{
	return s[0] ? s : NULL;
}

static void peer_json(const struct peer *p)
{
	char fvrf[IF_NAMESIZE], dev[IF_NAMESIZE];

	print_open_object(NULL);
	print_addr("address", NULL, &p->addr);
	print_uint("port", NULL, p->port);
	print_string("fvrf", NULL, vrf_name(p->fvrf, p->fvrf_name, fvrf));
	print_string("interface", NULL, p->ifindex ? dev_name(p->ifindex, dev) : NULL);
	print_addr("local", NULL, &p->local);
	print_string("id", NULL, opt(p->id));
	print_string("description", NULL, opt(p->description));
	print_open_array("flags");
	if (p->flags & ESPGW_PEER_F_POLICY)
		print_string(NULL, NULL, "PEER_POLICY");
	print_close_array();
	print_close_object();
}

static const char *flags_text(const struct peer *p)
{
	return p->flags & ESPGW_PEER_F_POLICY ? "PEER_POLICY" : "(none)";
}

void peer_print_isakmp(const struct peer *p)
{
	char addr[ADDR_STRLEN], fvrf[IF_NAMESIZE];
	const char *vrf = vrf_name(p->fvrf, p->fvrf_name, fvrf);

	peer_json(p);
	print_text("Peer: %s Port: %u", addr_str(&p->addr, addr, sizeof(addr)),
		   p->port);
	if (vrf)
		print_text(" fvrf: %s", vrf);
	print_nl();
	if (p->description[0])
		print_text("Description: %s\n", p->description);
	print_text("flags: %s\n", flags_text(p));
}

void peer_print(const struct peer *p)
{
	char addr[ADDR_STRLEN], local[ADDR_STRLEN], fvrf[IF_NAMESIZE];
	char dev[IF_NAMESIZE];
	const char *vrf = vrf_name(p->fvrf, p->fvrf_name, fvrf);

	peer_json(p);
	print_text("peer %s port %u fvrf %s dev %s local %s id %s flags %s\n",
		   addr_str(&p->addr, addr, sizeof(addr)), p->port,
		   vrf ? vrf : "(none)",
		   p->ifindex ? dev_name(p->ifindex, dev) : "(none)",
		   p->local.family ? addr_str(&p->local, local, sizeof(local)) :
				     "(none)",
		   p->id[0] ? p->id : "(none)", flags_text(p));
	if (p->description[0])
		print_text("    description %s\n", p->description);
}
