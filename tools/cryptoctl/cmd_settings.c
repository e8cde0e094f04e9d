// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl settings [show]
 * cryptoctl settings set [acquire-rate N] [session-log on|off]
 *
 * The network namespace's espgw settings.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd_settings.h"
#include "cryptoctl.h"
#include "netlink.h"
#include "parse.h"
#include "print.h"

static struct nla_policy settings_policy[ESPGW_SETTINGS_A_MAX + 1] = {
	[ESPGW_SETTINGS_A_ACQUIRE_RATE] = { .type = NLA_U32 },
	[ESPGW_SETTINGS_A_SESSION_LOG] = { .type = NLA_U8 },
};

int settings_parse(struct nlattr *nest, struct settings *s)
{
	struct nlattr *tb[ESPGW_SETTINGS_A_MAX + 1];

	if (!nest ||
	    nla_parse_nested(tb, ESPGW_SETTINGS_A_MAX, nest, settings_policy) < 0 ||
	    !tb[ESPGW_SETTINGS_A_ACQUIRE_RATE] || !tb[ESPGW_SETTINGS_A_SESSION_LOG])
		return -EBADMSG;
	s->acquire_rate = nla_get_u32(tb[ESPGW_SETTINGS_A_ACQUIRE_RATE]);
	s->session_log = nla_get_u8(tb[ESPGW_SETTINGS_A_SESSION_LOG]);
	return 0;
}

void settings_print(const struct settings *s, const char *sep)
{
	print_uint("acquire_rate", "acquire-rate %llu", s->acquire_rate);
	print_text("%s", sep);
	print_on_off("session_log", "session-log %s", s->session_log);
}

static int show_reply(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct settings s;

	(void)arg;
	if (cmd != ESPGW_CMD_GET_SETTINGS ||
	    settings_parse(attrs[ESPGW_A_SETTINGS], &s) < 0)
		return -EBADMSG;
	print_open_object(NULL);
	settings_print(&s, "\n");
	print_nl();
	print_close_object();
	print_flush();
	return 0;
}

static int settings_show(void)
{
	struct espgw_nl nl;
	int ret;

	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	ret = espgw_nl_request(&nl, espgw_nl_msg(&nl, ESPGW_CMD_GET_SETTINGS),
			       show_reply, NULL);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}

struct change {
	bool have_rate, have_log;
	uint32_t rate;
	bool log;
};

/* WORD VALUE pairs; argv[argc] is NULL, a missing last value. */
static int parse_change(int argc, char **argv, struct change *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < argc; i += 2) {
		if (!strcmp(argv[i], "acquire-rate")) {
			if (c->have_rate)
				return usage_error("settings", "acquire-rate given twice");
			if (parse_u32_range("acquire-rate", argv[i + 1],
					    ESPGW_ACQUIRE_RATE_MIN,
					    ESPGW_ACQUIRE_RATE_MAX, &c->rate) < 0)
				return EXIT_USAGE;
			c->have_rate = true;
		} else if (!strcmp(argv[i], "session-log")) {
			if (c->have_log)
				return usage_error("settings", "session-log given twice");
			if (parse_on_off("session-log", argv[i + 1], &c->log) < 0)
				return EXIT_USAGE;
			c->have_log = true;
		} else {
			return usage_error("settings", "unknown setting '%s'", argv[i]);
		}
	}
	if (!c->have_rate && !c->have_log)
		return usage_error("settings", "'set' needs a setting to change");
	return EXIT_OK;
}

static int settings_set(int argc, char **argv)
{
	struct nlattr *nest = NULL;
	struct espgw_nl nl;
	struct nl_msg *msg;
	struct change c;
	int ret;

	ret = parse_change(argc, argv, &c);
	if (ret != EXIT_OK)
		return ret;
	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;

	msg = espgw_nl_msg(&nl, ESPGW_CMD_SET_SETTINGS);
	if (msg)
		nest = nla_nest_start(msg, ESPGW_A_SETTINGS);
	if (!nest ||
	    (c.have_rate &&
	     nla_put_u32(msg, ESPGW_SETTINGS_A_ACQUIRE_RATE, c.rate) < 0) ||
	    (c.have_log &&
	     nla_put_u8(msg, ESPGW_SETTINGS_A_SESSION_LOG, c.log) < 0)) {
		nlmsg_free(msg);
		espgw_nl_close(&nl);
		fprintf(stderr, "cryptoctl: out of memory\n");
		return EXIT_RUNTIME;
	}
	nla_nest_end(msg, nest);

	ret = espgw_nl_request(&nl, msg, NULL, NULL);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}

int cmd_settings(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "show")) {
		if (argc > 2)
			return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
		return settings_show();
	}
	if (!strcmp(argv[1], "set"))
		return settings_set(argc - 2, argv + 2);
	return usage_error(argv[0], "unknown subcommand '%s'", argv[1]);
}
