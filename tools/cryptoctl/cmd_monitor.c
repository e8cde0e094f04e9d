// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl monitor [-c COUNT]: prints espgw events as they happen, one line
 * (text) or one JSON object (-j) each.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cryptoctl.h"
#include "netlink.h"
#include "parse.h"
#include "print.h"
#include "settings.h"

static volatile bool stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = true;
}

struct monitor {
	uint32_t count;		/* events to print; 0: no limit */
	uint32_t seen;
};

static int print_event(int cmd, struct nlattr **attrs, void *arg)
{
	struct monitor *m = arg;
	int ret = 0;

	print_open_object(NULL);
	switch (cmd) {
	case ESPGW_CMD_SET_SETTINGS:
		print_string("event", "%s: ", "settings");
		ret = settings_print(attrs[ESPGW_A_SETTINGS], " ");
		break;
	default:
		print_string("event", "%s", "unknown");
		print_uint("cmd", " %llu", (unsigned int)cmd);
		break;
	}
	print_close_object();
	print_text("\n");
	print_flush();
	if (ret < 0)
		return ret;
	m->seen++;
	return m->count && m->seen >= m->count;
}

int cmd_monitor(int argc, char **argv)
{
	struct monitor m = { 0 };
	struct sigaction sa;
	struct espgw_nl nl;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") || !strcmp(argv[i], "count")) {
			if (parse_u32_range("count", argv[i + 1], 1, UINT32_MAX, &m.count) < 0)
				return EXIT_USAGE;
			i++;
		} else {
			return usage_error(argv[0], "unexpected argument '%s'", argv[i]);
		}
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	ret = espgw_nl_listen(&nl, print_event, &m, &stop);
	espgw_nl_close(&nl);
	if (ret == -ENOENT) {
		fprintf(stderr, "cryptoctl: espgw module unloaded\n");
		return EXIT_RUNTIME;
	}
	if (ret == -EBADMSG)
		fprintf(stderr, "cryptoctl: malformed event from the kernel\n");
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}
