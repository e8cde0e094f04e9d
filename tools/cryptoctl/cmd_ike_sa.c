// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl ike-sa add connid N dev TUNNEL local ADDR remote ADDR
 *		[local-port N] [remote-port N]
 *		state negotiating|established|deleting [version 1|2]
 *		[capabilities D,N,F,M|none] [id ID] [lifetime SECONDS]
 *		[spi-i HEX] [spi-r HEX] [replace]
 * cryptoctl ike-sa del connid N [reason REASON]
 * cryptoctl ike-sa [show]
 *
 * IKE SA records: what the IKE agent writes into the module so that 'show
 * crypto session' shows whole sessions; by hand for tests and for gateways
 * keyed some other way.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "cmd_ike_sa.h"
#include "cryptoctl.h"
#include "ike_sa.h"
#include "print.h"
#include "reason.h"

#define IKE_SA "ike-sa"

static int kw_state(const char *what, const char *arg, void *out)
{
	uint8_t state = ike_state_parse(arg);

	if (state) {
		*(uint8_t *)out = state;
		return 0;
	}
	if (arg)
		fprintf(stderr, "cryptoctl: %s: '%s' is not negotiating, established or deleting\n",
			what, arg);
	else
		fprintf(stderr, "cryptoctl: %s needs a value (negotiating, established or deleting)\n",
			what);
	return -1;
}

static int kw_version(const char *what, const char *arg, void *out)
{
	uint32_t v;

	if (parse_u32_range(what, arg, 1, 2, &v) < 0)
		return -1;
	*(uint8_t *)out = (uint8_t)v;
	return 0;
}

static int kw_reason(const char *what, const char *arg, void *out)
{
	return parse_reason(what, arg, out);
}

/* One letter of a capability list: its bit, once. */
static int cap_letter(const char *what, const char *arg, const char *c,
		      uint32_t *caps)
{
	uint32_t bit = ike_cap_bit((char)toupper((unsigned char)c[0]));

	if (!bit || (c[1] && c[1] != ',') || (*caps & bit)) {
		fprintf(stderr, "cryptoctl: %s: '%s' is not a list of D, N, F and M (each once, comma-separated) or none\n",
			what, arg);
		return -1;
	}
	*caps |= bit;
	return 0;
}

int parse_caps(const char *what, const char *arg, void *out)
{
	uint32_t caps = 0;
	const char *c;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value (D,N,F,M or none)\n", what);
		return -1;
	}
	if (strcmp(arg, "none")) {
		for (c = arg; ; c += 2) {
			if (cap_letter(what, arg, c, &caps) < 0)
				return -1;
			if (!c[1])
				break;
		}
	}
	*(uint32_t *)out = caps;
	return 0;
}

enum {
	W_CONNID, W_DEV, W_LOCAL, W_REMOTE, W_LPORT, W_RPORT, W_STATE,
	W_VERSION, W_CAPS, W_ID, W_LIFETIME, W_SPI_I, W_SPI_R, W_REPLACE,
	N_WORDS
};

#define ARG(field) offsetof(struct ike_args, field)

static const struct keyword add_words[N_WORDS] = {
	[W_CONNID] = { "connid", kw_u32_id, ARG(connid) },
	[W_DEV] = { "dev", kw_dev, ARG(ifindex) },
	[W_LOCAL] = { "local", kw_addr, ARG(local) },
	[W_REMOTE] = { "remote", kw_addr, ARG(remote) },
	[W_LPORT] = { "local-port", kw_port, ARG(local_port) },
	[W_RPORT] = { "remote-port", kw_port, ARG(remote_port) },
	[W_STATE] = { "state", kw_state, ARG(state) },
	[W_VERSION] = { "version", kw_version, ARG(version) },
	[W_CAPS] = { "capabilities", parse_caps, ARG(caps) },
	[W_ID] = { "id", kw_id, ARG(id) },
	[W_LIFETIME] = { "lifetime", kw_u64, ARG(lifetime) },
	[W_SPI_I] = { "spi-i", kw_hex64, ARG(spi_i) },
	[W_SPI_R] = { "spi-r", kw_hex64, ARG(spi_r) },
	[W_REPLACE] = { "replace", NULL, 0 },
};

/* connid is bit 0 here too. */
enum { W_DEL_CONNID, W_REASON, N_DEL_WORDS };

static const struct keyword del_words[N_DEL_WORDS] = {
	[W_DEL_CONNID] = { "connid", kw_u32_id, ARG(connid) },
	[W_REASON] = { "reason", kw_reason, ARG(reason) },
};

/* A new record needs its identity and place; a replacement, a change. */
#define NEW_NEEDS	(KW_BIT(W_CONNID) | KW_BIT(W_DEV) | KW_BIT(W_LOCAL) | \
			 KW_BIT(W_REMOTE) | KW_BIT(W_STATE))
#define CHANGES		(KW_BIT(W_STATE) | KW_BIT(W_VERSION) | KW_BIT(W_CAPS) | \
			 KW_BIT(W_ID) | KW_BIT(W_LIFETIME) | KW_BIT(W_SPI_I) | \
			 KW_BIT(W_SPI_R))

static bool given(const struct ike_args *a, int word)
{
	return a->seen & KW_BIT(word);
}

static int check_add(const struct ike_args *a)
{
	uint32_t needs = given(a, W_REPLACE) ? KW_BIT(W_CONNID) : NEW_NEEDS;
	const char *missing = keyword_missing(add_words, N_WORDS, needs, a->seen);

	if (missing)
		return usage_error(IKE_SA, "add needs %s", missing);
	if (given(a, W_REPLACE) && !(a->seen & CHANGES))
		return usage_error(IKE_SA, "replace needs something to change (state, version, capabilities, id, lifetime, spi-i, spi-r)");
	if (a->local.family && a->remote.family &&
	    a->local.family != a->remote.family)
		return usage_error(IKE_SA, "local and remote are not of one family");
	return 0;
}

int ike_args_parse(int argc, char **argv, struct ike_args *a)
{
	bool add = argc && !strcmp(argv[0], "add");
	const struct keyword *words = add ? add_words : del_words;
	size_t n = add ? N_WORDS : N_DEL_WORDS;
	int i, ret;

	memset(a, 0, sizeof(*a));
	a->cmd = add ? ESPGW_CMD_NEW_IKE_SA : ESPGW_CMD_DEL_IKE_SA;
	for (i = 1; i < argc; i++) {
		ret = parse_keyword(IKE_SA, words, n, a, &a->seen, argv, &i);
		if (ret == 1)
			return usage_error(IKE_SA, "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	if (add)
		return check_add(a);
	return given(a, W_DEL_CONNID) ? 0 : usage_error(IKE_SA, "del needs connid");
}

static int put_u16_if(struct nl_msg *msg, bool has, int type, uint32_t v)
{
	return has ? nla_put_u16(msg, type, (uint16_t)v) : 0;
}

static int put_u64_if(struct nl_msg *msg, bool has, int type, uint64_t v)
{
	return has ? nla_put_u64(msg, type, v) : 0;
}

/* What 'ike-sa add' gives beyond the connid, each only when given. */
static int put_fields(struct nl_msg *msg, const struct ike_args *a)
{
	return (given(a, W_DEV) &&
		nla_put_u32(msg, ESPGW_IKE_SA_A_IFINDEX, a->ifindex) < 0) ||
	       put_addr(msg, ESPGW_IKE_SA_A_LOCAL_ADDR, &a->local) < 0 ||
	       put_addr(msg, ESPGW_IKE_SA_A_REMOTE_ADDR, &a->remote) < 0 ||
	       put_u16_if(msg, given(a, W_LPORT), ESPGW_IKE_SA_A_LOCAL_PORT,
			  a->local_port) < 0 ||
	       put_u16_if(msg, given(a, W_RPORT), ESPGW_IKE_SA_A_REMOTE_PORT,
			  a->remote_port) < 0 ||
	       (given(a, W_STATE) && nla_put_u8(msg, ESPGW_IKE_SA_A_STATE, a->state) < 0) ||
	       (given(a, W_VERSION) &&
		nla_put_u8(msg, ESPGW_IKE_SA_A_VERSION, a->version) < 0) ||
	       (given(a, W_CAPS) &&
		nla_put_u32(msg, ESPGW_IKE_SA_A_CAPABILITIES, a->caps) < 0) ||
	       (a->id && nla_put_string(msg, ESPGW_IKE_SA_A_ID, a->id) < 0) ||
	       put_u64_if(msg, given(a, W_LIFETIME), ESPGW_IKE_SA_A_LIFETIME,
			  a->lifetime) < 0 ||
	       put_u64_if(msg, given(a, W_SPI_I), ESPGW_IKE_SA_A_SPI_I, a->spi_i) < 0 ||
	       put_u64_if(msg, given(a, W_SPI_R), ESPGW_IKE_SA_A_SPI_R, a->spi_r) < 0 ?
	       -EMSGSIZE : 0;
}

int put_ike_sa(struct nl_msg *msg, const void *arg)
{
	const struct ike_args *a = arg;
	bool add = a->cmd == ESPGW_CMD_NEW_IKE_SA;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_IKE_SA);

	if (!nest || nla_put_u32(msg, ESPGW_IKE_SA_A_CONNID, a->connid) < 0 ||
	    (add && put_fields(msg, a) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	if ((add && given(a, W_REPLACE) && nla_put_flag(msg, ESPGW_A_REPLACE) < 0) ||
	    (!add && given(a, W_REASON) && nla_put_u8(msg, ESPGW_A_REASON, a->reason) < 0))
		return -EMSGSIZE;
	return 0;
}

static void print_ike_sas(const struct collect *c, const void *arg)
{
	const struct ike_sa *v = c->v;
	size_t i;

	(void)arg;
	if (c->n)
		ike_sa_print_header();
	print_open_array(NULL);
	for (i = 0; i < c->n; i++)
		ike_sa_print(&v[i]);
	print_close_array();
}

int cmd_ike_sa(int argc, char **argv)
{
	struct collect c = COLLECT(ESPGW_A_IKE_SA, ike_sa_parse_item, struct ike_sa);
	struct ike_args a;

	if (argc < 2 || !strcmp(argv[1], "show")) {
		if (argc > 2)
			return usage_error(IKE_SA, "unexpected argument '%s'", argv[2]);
		return show_collected(ESPGW_CMD_GET_IKE_SA, &c, print_ike_sas, NULL);
	}
	if (strcmp(argv[1], "add") && strcmp(argv[1], "del"))
		return usage_error(IKE_SA, "unknown subcommand '%s'", argv[1]);
	return ike_args_parse(argc - 1, argv + 1, &a) ?:
	       espgw_do(a.cmd, put_ike_sa, &a);
}
