// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl show crypto isakmp peer [ADDR] [fvrf NAME]
 * cryptoctl show crypto session [detail|brief|summary] [local ADDR [port N]]
 *		[remote ADDR [port N]] [fvrf NAME] [ivrf NAME]
 * cryptoctl show crypto ipsec sa [peer ADDR]
 * cryptoctl clear crypto session [local ADDR [port N]] [remote ADDR [port N]]
 *		[fvrf NAME] [ivrf NAME]
 * cryptoctl clear crypto sa counters
 *
 * The Cisco-compatible monitoring commands, their output laid out as IOS
 * lays it out ("IPsec VPN monitoring").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_common.h"
#include "cryptoctl.h"
#include "filter.h"
#include "ipsec_sa.h"
#include "peer.h"
#include "print.h"
#include "session_print.h"

static const char *const forms[] = {
	[FORM_PLAIN] = NULL,
	[FORM_DETAIL] = "detail",
	[FORM_BRIEF] = "brief",
	[FORM_SUMMARY] = "summary",
};

#define N_FORMS (sizeof(forms) / sizeof(forms[0]))

struct show_session_args {
	enum session_form form;
	bool has_form;
	struct session_filter filter;
};

/* The form words and the filter; none of them twice. */
static int parse_show_session(int argc, char **argv,
			      struct show_session_args *a)
{
	unsigned int k;
	int i, ret;

	for (i = 0; i < argc; i++) {
		for (k = 1; k < N_FORMS && strcmp(argv[i], forms[k]); k++)
			;
		if (k < N_FORMS) {
			if (a->has_form)
				return usage_error("show", "give one of detail, brief and summary");
			a->has_form = true;
			a->form = k;
			continue;
		}
		ret = filter_parse_word("show", &a->filter, argv, &i);
		if (ret == 1)
			return usage_error("show", "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* The VRFs the filter names, looked up; an exit status. */
static int resolve_vrfs(struct session_filter *f)
{
	struct links links;
	int ret;

	if (!filter_has_vrf(f))
		return EXIT_OK;
	if (links_fetch(&links) < 0)
		return EXIT_RUNTIME;
	ret = filter_resolve(f, &links);
	links_free(&links);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* The matching sessions of @l, printed in @form. */
static int print_sessions(const struct session_list *l,
			  const struct show_session_args *a)
{
	const struct session **v = calloc(l->n ? l->n : 1, sizeof(*v));
	size_t i, n = 0;

	if (!v) {
		fprintf(stderr, "cryptoctl: out of memory\n");
		return EXIT_RUNTIME;
	}
	for (i = 0; i < l->n; i++)
		if (filter_match(&a->filter, &l->v[i]))
			v[n++] = &l->v[i];
	sessions_print(v, n, a->form, (uint64_t)time(NULL));
	print_flush();
	free(v);
	return EXIT_OK;
}

static int show_session(int argc, char **argv)
{
	struct show_session_args a = { .form = FORM_PLAIN };
	struct session_list l = { 0 };
	struct nl_dump d;
	int ret;

	ret = parse_show_session(argc, argv, &a) ?: resolve_vrfs(&a.filter);
	if (ret)
		return ret;
	ret = espgw_dump_parse(ESPGW_CMD_GET_SESSION, sessions_msg, &l, &d);
	nl_dump_free(&d);
	if (!ret && sessions_finish(&l) < 0) {
		fprintf(stderr, "cryptoctl: malformed reply from the kernel\n");
		ret = EXIT_RUNTIME;
	}
	if (!ret)
		ret = print_sessions(&l, &a);
	sessions_free(&l);
	return ret;
}

/* [ADDR] [fvrf NAME] */
struct show_peer_args {
	struct ip_addr addr;		/* family 0: any */
	const char *fvrf_name;
	uint32_t fvrf;
};

static int parse_show_peer(int argc, char **argv, struct show_peer_args *a)
{
	int i = 0;

	if (argc && strcmp(argv[0], "fvrf") &&
	    parse_addr("peer", argv[i++], &a->addr) < 0)
		return EXIT_USAGE;
	if (i < argc && !strcmp(argv[i], "fvrf")) {
		a->fvrf_name = argv[++i];
		if (!a->fvrf_name)
			return usage_error("show", "fvrf needs a VRF name");
		i++;
	}
	if (i < argc)
		return usage_error("show", "unexpected argument '%s'", argv[i]);
	if (a->fvrf_name && vrf_lookup(a->fvrf_name, &a->fvrf) < 0)
		return EXIT_RUNTIME;
	return 0;
}

static bool peer_match(const struct show_peer_args *a, const struct peer *p)
{
	return (!a->addr.family || addr_equal(&a->addr, &p->addr)) &&
	       (!a->fvrf_name || a->fvrf == p->fvrf);
}

static void print_peers(const struct collect *peers, const void *arg)
{
	const struct peer *v = peers->v;
	size_t i, n = 0;

	print_open_array(NULL);
	for (i = 0; i < peers->n; i++) {
		if (!peer_match(arg, &v[i]))
			continue;
		if (n++)
			print_nl();
		peer_print_isakmp(&v[i]);
	}
	print_close_array();
}

static int show_isakmp_peer(int argc, char **argv)
{
	struct collect peers = COLLECT(ESPGW_A_PEER, peer_parse_item, struct peer);
	struct show_peer_args a = { 0 };

	return parse_show_peer(argc, argv, &a) ?:
	       show_collected(ESPGW_CMD_GET_PEER, &peers, print_peers, &a);
}

static int show_ipsec_sa(int argc, char **argv)
{
	struct collect flows = COLLECT(ESPGW_A_FLOW, flow_parse_item, struct flow);
	struct collect sas = COLLECT(ESPGW_A_SA, sa_parse_item, struct sa);
	struct ip_addr peer = { 0 };
	struct nl_dump fd, sd = { 0 };
	struct ipsec_table t;
	int ret;

	if (argc && strcmp(argv[0], "peer"))
		return usage_error("show", "unknown word '%s'", argv[0]);
	if (argc > 2)
		return usage_error("show", "unexpected argument '%s'", argv[2]);
	if (argc && parse_addr("peer", argv[1], &peer) < 0)
		return EXIT_USAGE;
	ret = espgw_dump_parse(ESPGW_CMD_GET_FLOW, collect_msg, &flows, &fd) ?:
	      espgw_dump_parse(ESPGW_CMD_GET_SA, collect_msg, &sas, &sd);
	if (!ret) {
		t = (struct ipsec_table){ flows.v, flows.n, sas.v, sas.n };
		ipsec_print(&t, &peer, (uint64_t)time(NULL));
		print_flush();
	}
	nl_dump_free(&fd);
	nl_dump_free(&sd);
	collect_free(&flows);
	collect_free(&sas);
	return ret;
}

/* "crypto" after show or clear, as IOS has it, then one of @what. */
static int need_crypto(int argc, char **argv, const char *what)
{
	if (argc < 2 || strcmp(argv[1], "crypto"))
		return usage_error(argv[0], "needs 'crypto' (%s crypto ...)", argv[0]);
	if (argc < 3)
		return usage_error(argv[0], "'%s crypto' needs %s", argv[0], what);
	return 0;
}

static int unknown_crypto(char **argv, const char *what)
{
	return usage_error(argv[0], "'%s crypto %s': not %s", argv[0], argv[2],
			   what);
}

/* argv[2], argv[3] are @a @b; the words after them are left. */
static bool words_are(int argc, char **argv, const char *a, const char *b)
{
	return argc > 2 && !strcmp(argv[2], a) &&
	       (!b || (argc > 3 && !strcmp(argv[3], b)));
}

#define SHOW_WHAT "isakmp peer, session or ipsec sa"
#define CLEAR_WHAT "session or sa counters"

int cmd_show(int argc, char **argv)
{
	int ret = need_crypto(argc, argv, SHOW_WHAT);

	if (ret)
		return ret;
	if (words_are(argc, argv, "isakmp", "peer"))
		return show_isakmp_peer(argc - 4, argv + 4);
	if (words_are(argc, argv, "session", NULL))
		return show_session(argc - 3, argv + 3);
	if (words_are(argc, argv, "ipsec", "sa"))
		return show_ipsec_sa(argc - 4, argv + 4);
	return unknown_crypto(argv, SHOW_WHAT);
}

static int clear_session(int argc, char **argv)
{
	struct session_filter f = { 0 };
	int i, ret;

	for (i = 0; i < argc; i++) {
		ret = filter_parse_word("clear", &f, argv, &i);
		if (ret == 1)
			return usage_error("clear", "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	return resolve_vrfs(&f) ?:
	       espgw_do(ESPGW_CMD_CLEAR_SESSION, filter_put, &f);
}

int cmd_clear(int argc, char **argv)
{
	int ret = need_crypto(argc, argv, CLEAR_WHAT);

	if (ret)
		return ret;
	if (words_are(argc, argv, "session", NULL))
		return clear_session(argc - 3, argv + 3);
	if (words_are(argc, argv, "sa", "counters")) {
		if (argc > 4)
			return usage_error("clear", "unexpected argument '%s'", argv[4]);
		return espgw_do(ESPGW_CMD_CLEAR_COUNTERS, NULL, NULL);
	}
	return unknown_crypto(argv, CLEAR_WHAT);
}
