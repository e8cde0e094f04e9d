// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "cmd_common.h"
#include "cryptoctl.h"
#include "filter.h"

/* ADDR [port N] after local or remote. */
static int parse_end(const char *command, const char *which, bool *seen,
		     struct ip_addr *addr, bool *port_seen, uint32_t *port,
		     char **argv, int *i)
{
	char what[16];

	if (once(command, which, seen) || parse_addr(which, argv[++*i], addr) < 0)
		return EXIT_USAGE;
	if (!argv[*i + 1] || strcmp(argv[*i + 1], "port"))
		return 0;
	*i += 1;
	*port_seen = true;
	snprintf(what, sizeof(what), "%s port", which);
	return parse_u32_range(what, argv[++*i], 1, 65535, port) < 0 ? EXIT_USAGE : 0;
}

static int parse_vrf(const char *command, const char *which, const char **name,
		     char **argv, int *i)
{
	bool seen = *name;

	if (once(command, which, &seen))
		return EXIT_USAGE;
	*name = argv[++*i];
	if (!*name)
		return usage_error(command, "%s needs a VRF name", which);
	return 0;
}

int filter_parse_word(const char *command, struct session_filter *f,
		      char **argv, int *i)
{
	const char *w = argv[*i];

	if (!strcmp(w, "local"))
		return parse_end(command, w, &f->local, &f->local_addr,
				 &f->local_port, &f->lport, argv, i);
	if (!strcmp(w, "remote"))
		return parse_end(command, w, &f->remote, &f->remote_addr,
				 &f->remote_port, &f->rport, argv, i);
	if (!strcmp(w, "fvrf"))
		return parse_vrf(command, w, &f->fvrf_name, argv, i);
	if (!strcmp(w, "ivrf"))
		return parse_vrf(command, w, &f->ivrf_name, argv, i);
	if (!strcmp(w, "port"))
		return usage_error(command, "port goes after local ADDR or remote ADDR");
	return 1;
}

bool filter_has_vrf(const struct session_filter *f)
{
	return f->fvrf_name || f->ivrf_name;
}

int filter_resolve(struct session_filter *f, const struct links *links)
{
	if (f->fvrf_name && vrf_find(links, f->fvrf_name, &f->fvrf) < 0)
		return -1;
	if (f->ivrf_name && vrf_find(links, f->ivrf_name, &f->ivrf) < 0)
		return -1;
	return 0;
}

bool filter_match(const struct session_filter *f, const struct session *s)
{
	return (!f->local || addr_equal(&f->local_addr, &s->local)) &&
	       (!f->local_port || f->lport == s->local_port) &&
	       (!f->remote || addr_equal(&f->remote_addr, &s->remote)) &&
	       (!f->remote_port || f->rport == s->remote_port) &&
	       (!f->fvrf_name || f->fvrf == s->fvrf) &&
	       (!f->ivrf_name || f->ivrf == s->ivrf);
}

int filter_put(struct nl_msg *msg, const void *arg)
{
	const struct session_filter *f = arg;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_FILTER);

	if (!nest ||
	    put_addr(msg, ESPGW_FILTER_A_LOCAL_ADDR, &f->local_addr) < 0 ||
	    (f->local_port && nla_put_u16(msg, ESPGW_FILTER_A_LOCAL_PORT, f->lport) < 0) ||
	    put_addr(msg, ESPGW_FILTER_A_REMOTE_ADDR, &f->remote_addr) < 0 ||
	    (f->remote_port &&
	     nla_put_u16(msg, ESPGW_FILTER_A_REMOTE_PORT, f->rport) < 0) ||
	    (f->fvrf_name && nla_put_u32(msg, ESPGW_FILTER_A_FVRF, f->fvrf) < 0) ||
	    (f->ivrf_name && nla_put_u32(msg, ESPGW_FILTER_A_IVRF, f->ivrf) < 0))
		return -EMSGSIZE;
	/* libnl drops an empty nest otherwise */
	return nla_nest_end_keep_empty(msg, nest) < 0 ? -EMSGSIZE : 0;
}
