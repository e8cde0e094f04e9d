// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl: the espgw operator's tool.  Global options, then a command
 * from the table below.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cryptoctl.h"
#include "print.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct command commands[] = {
	{ "info", cmd_info, "info",
	  "module and netlink family versions, ESP algorithms this kernel provides" },
	{ "settings", cmd_settings, "settings [show | set [acquire-rate N] [session-log on|off]]",
	  "show or change this network namespace's espgw settings" },
	{ "monitor", cmd_monitor, "monitor [-c COUNT]",
	  "print espgw events as they happen" },
	{ "version", cmd_version, "version", "print cryptoctl's version" },
	{ "help", cmd_help, "help [COMMAND]", "this text, or one command's" },
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: cryptoctl [-j] [-p] COMMAND [ARGS]\n\n"
		"  -j, --json     JSON output\n"
		"  -p, --pretty   indented JSON (with -j)\n"
		"  -V, --version  print the version\n"
		"  -h, --help     this text\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n      %s\n", commands[i].usage, commands[i].help);
}

int usage_error(const char *name, const char *fmt, ...)
{
	const struct command *cmd = find_command(name);
	va_list ap;

	fputs("cryptoctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "usage: cryptoctl %s\n", cmd->usage);
	return EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		print_usage(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return usage_error("help", "unknown command '%s'", argv[1]);
	printf("usage: cryptoctl %s\n  %s\n", cmd->usage, cmd->help);
	return EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
	if (argc > 1)
		return usage_error(argv[0], "unexpected argument '%s'", argv[1]);
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
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd;
	bool json = false, pretty = false;
	int opt;

	/* '+': stop at the command; its own options are its business. */
	while ((opt = getopt_long(argc, argv, "+jpVh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 'V':
			print_init(stdout, json, pretty);
			return cmd_version(1, argv);
		case 'h':
			print_usage(stdout);
			return EXIT_OK;
		default:
			print_usage(stderr);
			return EXIT_USAGE;
		}
	}
	print_init(stdout, json, pretty);
	if (optind >= argc) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (!cmd) {
		fprintf(stderr, "cryptoctl: unknown command '%s'; try 'cryptoctl help'\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	return cmd->fn(argc - optind, argv + optind);
}
