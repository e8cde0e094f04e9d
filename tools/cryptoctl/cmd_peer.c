// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl peer add ADDR [fvrf NAME] [port N] [dev TUNNEL] [local ADDR]
 *		[id ID] [description TEXT...]
 * cryptoctl peer change ADDR [fvrf NAME] [port N] [dev TUNNEL|none]
 *		[local ADDR] [id ID|no id] [description TEXT...|no description]
 * cryptoctl peer ADDR [fvrf NAME] description TEXT...
 * cryptoctl peer ADDR [fvrf NAME] no description
 * cryptoctl peer del ADDR [fvrf NAME]
 * cryptoctl peer [show]
 *
 * Peers: the remote crypto endpoints, identified by fvrf and address, with
 * the operator's description (Cisco's "crypto isakmp peer" ...
 * "description").  A description is the rest of the command line.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "cmd_peer.h"
#include "cmd_tunnel.h"
#include "cryptoctl.h"
#include "print.h"

#define PEER "peer"

enum { W_FVRF, W_PORT, W_DEV, W_LOCAL, W_ID, N_WORDS };

static const struct keyword peer_words[N_WORDS] = {
	[W_FVRF] = { "fvrf", kw_string, offsetof(struct peer_args, fvrf_name) },
	[W_PORT] = { "port", kw_port, offsetof(struct peer_args, port) },
	[W_DEV] = { "dev", kw_dev_none, offsetof(struct peer_args, ifindex) },
	[W_LOCAL] = { "local", kw_addr, offsetof(struct peer_args, local) },
	[W_ID] = { "id", kw_id, offsetof(struct peer_args, id) },
};

/* What each form of the command takes. */
static const struct mode {
	const char *verb;	/* NULL: peer ADDR description ... */
	uint8_t cmd;
	size_t n_words;		/* the first n of peer_words */
	bool description;	/* description TEXT... */
	bool no;		/* no description, no id */
	bool replace;
} modes[] = {
	{ "add", ESPGW_CMD_NEW_PEER, N_WORDS, true, false, false },
	{ "change", ESPGW_CMD_NEW_PEER, N_WORDS, true, true, true },
	{ "del", ESPGW_CMD_DEL_PEER, 1, false, false, false },
	{ NULL, ESPGW_CMD_NEW_PEER, 1, true, true, true },
};

static const struct mode *find_mode(const char *verb)
{
	const struct mode *m;

	for (m = modes; m->verb && strcmp(m->verb, verb); m++)
		;
	return m;
}

int description_join(int argc, char **argv, char *buf)
{
	size_t len = 1, at = 0;
	long chars;
	char *text;
	int i, ret = EXIT_USAGE;

	if (!argc)
		return usage_error(PEER, "description needs a text (or 'no description' to remove it)");
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = malloc(len);
	if (!text) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return EXIT_RUNTIME;
	}
	for (i = 0; i < argc; i++)
		at += (size_t)sprintf(text + at, "%s%s", i ? " " : "", argv[i]);
	chars = utf8_chars(text);
	if (check_text("description", text) < 0)
		goto out;
	if (chars > ESPGW_DESCRIPTION_MAX) {
		fprintf(stderr, "cryptoctl: description is %ld characters, at most %d\n",
			chars, ESPGW_DESCRIPTION_MAX);
		goto out;
	}
	memcpy(buf, text, at + 1);
	ret = 0;
out:
	free(text);
	return ret;
}

/* no description | no id */
static int parse_no(struct peer_args *a, const char *what)
{
	bool given = a->seen & KW_BIT(W_ID);

	if (what && !strcmp(what, "description")) {
		if (once(PEER, "description", &a->has_description))
			return EXIT_USAGE;
		a->description[0] = '\0';
		return 0;
	}
	if (!what || strcmp(what, "id"))
		return usage_error(PEER, "'no' goes before description or id");
	if (once(PEER, "id", &given))
		return EXIT_USAGE;
	a->seen |= KW_BIT(W_ID);
	a->id = "";
	return 0;
}

/* The words after the address; a description takes the rest of them. */
static int parse_words(const struct mode *m, int argc, char **argv,
		       struct peer_args *a)
{
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (m->description && !strcmp(argv[i], "description"))
			return once(PEER, "description", &a->has_description) ?:
			       description_join(argc - i - 1, argv + i + 1,
						a->description);
		if (m->no && !strcmp(argv[i], "no"))
			ret = parse_no(a, argv[++i]);
		else
			ret = parse_keyword(PEER, peer_words, m->n_words, a,
					    &a->seen, argv, &i);
		if (ret == 1)
			return usage_error(PEER, "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* What each form needs beyond the address. */
static int check_mode(const struct mode *m, const struct peer_args *a)
{
	bool changes = (a->seen & ~KW_BIT(W_FVRF)) || a->has_description;

	if (!m->verb && !changes)
		return usage_error(PEER, "needs description TEXT or no description");
	if (m->replace && !changes)
		return usage_error(PEER, "change needs something to change");
	if (a->local.family && a->local.family != a->addr.family)
		return usage_error(PEER, "local and the peer's address are not of one family");
	return 0;
}

int peer_args_parse(int argc, char **argv, struct peer_args *a)
{
	const struct mode *m;
	int first;

	memset(a, 0, sizeof(*a));
	if (!argc)
		return usage_error(PEER, "needs a subcommand or an address");
	m = find_mode(argv[0]);
	first = m->verb ? 1 : 0;
	a->cmd = m->cmd;
	a->replace = m->replace;
	if (parse_addr(PEER, argv[first], &a->addr) < 0)
		return EXIT_USAGE;
	return parse_words(m, argc - first - 1, argv + first + 1, a) ?:
	       check_mode(m, a);
}

int peer_args_resolve(struct peer_args *a)
{
	if (a->fvrf_name && vrf_lookup(a->fvrf_name, &a->fvrf) < 0)
		return EXIT_RUNTIME;
	return 0;
}

static bool given(const struct peer_args *a, int word)
{
	return a->seen & KW_BIT(word);
}

int put_peer(struct nl_msg *msg, const void *arg)
{
	const struct peer_args *a = arg;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_PEER);

	if (!nest || put_addr(msg, ESPGW_PEER_A_ADDR, &a->addr) < 0 ||
	    (given(a, W_FVRF) && nla_put_u32(msg, ESPGW_PEER_A_FVRF, a->fvrf) < 0) ||
	    (given(a, W_PORT) && nla_put_u16(msg, ESPGW_PEER_A_PORT, a->port) < 0) ||
	    (given(a, W_DEV) && nla_put_u32(msg, ESPGW_PEER_A_IFINDEX, a->ifindex) < 0) ||
	    put_addr(msg, ESPGW_PEER_A_LOCAL_ADDR, &a->local) < 0 ||
	    (a->id && nla_put_string(msg, ESPGW_PEER_A_ID, a->id) < 0) ||
	    (a->has_description &&
	     nla_put_string(msg, ESPGW_PEER_A_DESCRIPTION, a->description) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	if (a->replace && nla_put_flag(msg, ESPGW_A_REPLACE) < 0)
		return -EMSGSIZE;
	return 0;
}

static int peer_item(uint8_t cmd, struct nlattr **attrs, void *print)
{
	struct peer p;

	(void)cmd;
	if (peer_parse(attrs[ESPGW_A_PEER], &p) < 0)
		return -EBADMSG;
	if (*(bool *)print)
		peer_print(&p);
	return 0;
}

int cmd_peer(int argc, char **argv)
{
	struct peer_args a;

	if (argc < 2 || !strcmp(argv[1], "show"))
		return espgw_show_all(argc, argv, ESPGW_CMD_GET_PEER, peer_item);
	return peer_args_parse(argc - 1, argv + 1, &a) ?: peer_args_resolve(&a) ?:
	       espgw_do(a.cmd, put_peer, &a);
}
