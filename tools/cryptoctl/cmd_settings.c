// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl settings [set [acquire-rate N] [session-log on|off]]: the
 * network namespace's espgw settings.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cryptoctl.h"
#include "netlink.h"
#include "parse.h"
#include "print.h"
#include "settings.h"

int settings_print(struct nlattr *nest, const char *sep)
{
	struct nlattr *tb[ESPGW_SETTINGS_A_MAX + 1];

	if (!nest || nla_parse_nested(tb, ESPGW_SETTINGS_A_MAX, nest, NULL) < 0 ||
	    !tb[ESPGW_SETTINGS_A_ACQUIRE_RATE] || !tb[ESPGW_SETTINGS_A_SESSION_LOG])
		return -EBADMSG;
	print_uint("acquire_rate", "acquire-rate %llu",
		   nla_get_u32(tb[ESPGW_SETTINGS_A_ACQUIRE_RATE]));
	print_text("%s", sep);
	print_on_off("session_log", "session-log %s",
		     nla_get_u8(tb[ESPGW_SETTINGS_A_SESSION_LOG]));
	return 0;
}

static int settings_reply(int cmd, struct nlattr **attrs, void *arg)
{
	(void)arg;
	if (cmd != ESPGW_CMD_GET_SETTINGS)
		return -EBADMSG;
	print_open_object(NULL);
	if (settings_print(attrs[ESPGW_A_SETTINGS], "\n") < 0)
		return -EBADMSG;
	print_text("\n");
	print_close_object();
	print_flush();
	return 0;
}

struct settings_change {
	bool have_rate, have_log, log;
	uint32_t rate;
};

static int parse_settings(int argc, char **argv, struct settings_change *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < argc; i += 2) {
		if (!strcmp(argv[i], "acquire-rate")) {
			if (parse_u32_range("acquire-rate", argv[i + 1], ESPGW_ACQUIRE_RATE_MIN,
					    ESPGW_ACQUIRE_RATE_MAX, &c->rate) < 0)
				return EXIT_USAGE;
			c->have_rate = true;
		} else if (!strcmp(argv[i], "session-log")) {
			if (parse_on_off("session-log", argv[i + 1], &c->log) < 0)
				return EXIT_USAGE;
			c->have_log = true;
		} else {
			return usage_error("settings", "unknown setting '%s'", argv[i]);
		}
	}
	if (!c->have_rate && !c->have_log)
		return usage_error("settings", "'set' needs at least one setting");
	return EXIT_OK;
}

static int settings_set(struct espgw_nl *nl, const struct settings_change *c)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = espgw_nl_msg(nl, ESPGW_CMD_SET_SETTINGS);
	nest = msg ? nla_nest_start(msg, ESPGW_A_SETTINGS) : NULL;
	if (!nest ||
	    (c->have_rate && nla_put_u32(msg, ESPGW_SETTINGS_A_ACQUIRE_RATE, c->rate) < 0) ||
	    (c->have_log && nla_put_u8(msg, ESPGW_SETTINGS_A_SESSION_LOG, c->log) < 0)) {
		nlmsg_free(msg);
		fprintf(stderr, "cryptoctl: out of memory\n");
		return EXIT_RUNTIME;
	}
	nla_nest_end(msg, nest);
	return espgw_nl_request(nl, msg, NULL, NULL) < 0 ? EXIT_RUNTIME : EXIT_OK;
}

int cmd_settings(int argc, char **argv)
{
	bool set = argc > 1 && !strcmp(argv[1], "set");
	struct settings_change change;
	struct espgw_nl nl;
	int ret;

	if (argc > 1 && !set && strcmp(argv[1], "show"))
		return usage_error(argv[0], "unknown word '%s'", argv[1]);
	if (!set && argc > 2)
		return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
	if (set) {
		ret = parse_settings(argc - 2, argv + 2, &change);
		if (ret != EXIT_OK)
			return ret;
	}
	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	if (set)
		ret = settings_set(&nl, &change);
	else
		ret = espgw_nl_request(&nl, espgw_nl_msg(&nl, ESPGW_CMD_GET_SETTINGS),
				       settings_reply, NULL) < 0 ? EXIT_RUNTIME : EXIT_OK;
	espgw_nl_close(&nl);
	return ret;
}
