// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl stats: the namespace's own counters (drops that belong to no SA
 * or flow), by direction and reason.
 * cryptoctl counters clear: every counter of the namespace back to zero.
 */
#include <errno.h>
#include <string.h>

#include "cmd_common.h"
#include "cryptoctl.h"
#include "print.h"
#include "stats.h"

static int stats_item(uint8_t cmd, struct nlattr **attrs, void *print)
{
	struct stats s;

	(void)cmd;
	if (stats_parse(attrs[ESPGW_A_STATS], &s) < 0)
		return -EBADMSG;
	if (!*(bool *)print)
		return 0;
	print_open_object(NULL);
	stats_print(&s, "");
	print_close_object();
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "show"))
		return usage_error(argv[0], "unexpected argument '%s'", argv[1]);
	if (argc > 2)
		return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
	return espgw_show(ESPGW_CMD_GET_STATS, NULL, NULL, stats_item, SHOW_ONE);
}

int cmd_counters(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(argv[0], "needs a subcommand (clear)");
	if (strcmp(argv[1], "clear"))
		return usage_error(argv[0], "unknown subcommand '%s'", argv[1]);
	if (argc > 2)
		return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
	return espgw_do(ESPGW_CMD_CLEAR_COUNTERS, NULL, NULL);
}
