// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl: the espgw operator's tool.  Global options, then a command from
 * the table below; each command lives in a cmd_*.c file of its own.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "cryptoctl.h"
#include "print.h"

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "info", cmd_info, "info",
	  "versions of cryptoctl, the module and the netlink family, and the ESP\n"
	  "algorithms this kernel provides" },
	{ "version", cmd_info, "version", "the same as info" },
	{ "settings", cmd_settings,
	  "settings [show]\n"
	  "settings set [acquire-rate N] [session-log on|off]",
	  "show or change this network namespace's espgw settings" },
	{ "tunnel", cmd_tunnel,
	  "tunnel add NAME [local ADDR] [fvrf VRFDEV] [mtu N]\n"
	  "tunnel change NAME [local ADDR|none] [fvrf VRFDEV|none] [mtu N]\n"
	  "tunnel del NAME\n"
	  "tunnel [show [NAME]]",
	  "add, change, delete or list the espgw tunnel interfaces" },
	{ "sa", cmd_sa,
	  "sa add dir in|out spi SPI local ADDR remote ADDR alg ALG key-file FILE|-\n"
	  "       [encap udp [sport N] [dport N]] [esn] [replay-window N] [flow ID]\n"
	  "       [seq N] [soft [bytes N] [packets N] [seconds N]]\n"
	  "       [hard [bytes N] [packets N] [seconds N]] [replace]\n"
	  "sa del dir in|out spi SPI [local ADDR] [remote ADDR] [reason R]\n"
	  "sa get dir in|out spi SPI [local ADDR] [remote ADDR]\n"
	  "sa [show]",
	  "add, delete, get or list manual SAs; the key is hex in FILE, or on\n"
	  "stdin with '-'.  ALG: aes128gcm16, aes256gcm16, chacha20poly1305,\n"
	  "aes128-sha256, aes256-sha256, or a kernel crypto API name" },
	{ "flow", cmd_flow,
	  "flow add id ID dev TUNNEL local PREFIX remote PREFIX [proto P]\n"
	  "         [local-port N] [remote-port N] [peer ADDR [peer-port N]] [replace]\n"
	  "flow del|get id ID\n"
	  "flow [show]",
	  "add, delete, get or list flows (traffic selectors on a tunnel)" },
	{ "show", cmd_show,
	  "show crypto isakmp peer [ADDR] [fvrf NAME]\n"
	  "show crypto session [detail|brief|summary] [local ADDR [port N]]\n"
	  "                    [remote ADDR [port N]] [fvrf NAME] [ivrf NAME]\n"
	  "show crypto ipsec sa [peer ADDR]",
	  "Cisco's monitoring commands: the configured peers with their\n"
	  "descriptions; the crypto sessions (interface, status, peer, IKE SAs,\n"
	  "flows with their SA counts, counters and lifetimes left); every flow\n"
	  "with its SAs and every counter.  -j for JSON" },
	{ "clear", cmd_clear,
	  "clear crypto session [local ADDR [port N]] [remote ADDR [port N]]\n"
	  "                     [fvrf NAME] [ivrf NAME]\n"
	  "clear crypto sa counters",
	  "remove the IPsec SAs and IKE SA records of the matching sessions (all\n"
	  "of them without criteria); or set every counter back to zero" },
	{ "peer", cmd_peer,
	  "peer add ADDR [fvrf NAME] [port N] [dev TUNNEL] [local ADDR] [id ID]\n"
	  "         [description TEXT...]\n"
	  "peer change ADDR [fvrf NAME] [port N] [dev TUNNEL|none] [local ADDR]\n"
	  "            [id ID|no id] [description TEXT...|no description]\n"
	  "peer ADDR [fvrf NAME] description TEXT...\n"
	  "peer ADDR [fvrf NAME] no description\n"
	  "peer del ADDR [fvrf NAME]\n"
	  "peer [show]",
	  "add, change, delete or list peers; a description (at most 80\n"
	  "characters) is the rest of the command line" },
	{ "ike-sa", cmd_ike_sa,
	  "ike-sa add connid N dev TUNNEL local ADDR remote ADDR [local-port N]\n"
	  "           [remote-port N] state negotiating|established|deleting\n"
	  "           [version 1|2] [capabilities D,N,F,M|none] [id ID]\n"
	  "           [lifetime SECONDS] [spi-i HEX] [spi-r HEX] [replace]\n"
	  "ike-sa del connid N [reason deleted|cleared|expired|peer-delete|\n"
	  "           dead-peer|agent-gone]\n"
	  "ike-sa [show]",
	  "add, delete or list IKE SA records (what the IKE agent writes)" },
	{ "stats", cmd_stats, "stats [show]",
	  "the drops of this network namespace that belong to no SA or flow" },
	{ "counters", cmd_counters, "counters clear",
	  "every counter of this network namespace back to zero" },
	{ "monitor", cmd_monitor, "monitor [-j] [-c COUNT]",
	  "print espgw events as they happen (settings, expire, acquire,\n"
	  "clear-counters, session UP/DOWN as the %CRYPTO-5-SESSION_STATUS line,\n"
	  "clear-session), COUNT of them or until interrupted" },
	{ "help", cmd_help, "help [COMMAND]", "this text, or one command's" },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define N_COMMANDS ARRAY_SIZE(commands)

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/*
 * A multi-line string of the table, @prefix before each line; a line that
 * starts with a space continues the one before, indented as far instead.
 */
static void print_lines(FILE *out, const char *prefix, const char *text)
{
	size_t len = strcspn(text, "\n");
	int width = (int)strlen(prefix);

	for (;;) {
		if (text[0] == ' ')
			fprintf(out, "%*s%.*s\n", width, "", (int)len, text);
		else
			fprintf(out, "%s%.*s\n", prefix, (int)len, text);
		if (!text[len])
			break;
		text += len + 1;
		len = strcspn(text, "\n");
	}
}

static void print_usage(FILE *out)
{
	size_t i;

	fputs("usage: cryptoctl [OPTIONS] COMMAND [ARGS]\n"
	      "\n"
	      "options:\n"
	      "  -j, --json     JSON output\n"
	      "  -p, --pretty   indented JSON (with -j)\n"
	      "  -s, --stats    include counters (sa, flow)\n"
	      "  -V, --version  print cryptoctl's version and exit\n"
	      "  -h, --help     this text\n"
	      "\n"
	      "commands:\n", out);
	for (i = 0; i < N_COMMANDS; i++) {
		print_lines(out, "  cryptoctl ", commands[i].usage);
		print_lines(out, "      ", commands[i].help);
	}
}

static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc > 2)
		return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
	if (argc < 2) {
		print_usage(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "cryptoctl: unknown command '%s'; see 'cryptoctl help'\n",
			argv[1]);
		return EXIT_USAGE;
	}
	printf("usage:\n");
	print_lines(stdout, "  cryptoctl ", cmd->usage);
	print_lines(stdout, "      ", cmd->help);
	return EXIT_OK;
}

/* @opt: the unknown short option, or 0 for a long one as given in @arg. */
static int unknown_option(int opt, const char *arg)
{
	if (opt)
		fprintf(stderr, "cryptoctl: unknown option '-%c'", opt);
	else
		fprintf(stderr, "cryptoctl: unknown option '%s'", arg);
	fputs("; see 'cryptoctl help'\n", stderr);
	return EXIT_USAGE;
}

/* -V: the tool's own version, without asking the kernel. */
static int print_version(void)
{
	print_open_object(NULL);
	print_string("tool_version", "cryptoctl %s\n", CRYPTOCTL_VERSION);
	print_close_object();
	print_flush();
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "stats", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, pretty = false, version = false;
	const struct command *cmd;
	int opt;

	/* '+': stop at the command, whose options are its own business. */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+jpsVh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 's':
			show_stats = true;
			break;
		case 'V':
			version = true;
			break;
		case 'h':
			print_usage(stdout);
			return EXIT_OK;
		default:
			return unknown_option(optopt, argv[optind - 1]);
		}
	}
	print_init(stdout, json, pretty);
	if (version)
		return print_version();
	if (optind >= argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (!cmd) {
		fprintf(stderr, "cryptoctl: unknown command '%s'; see 'cryptoctl help'\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	return cmd->fn(argc - optind, argv + optind);
}
