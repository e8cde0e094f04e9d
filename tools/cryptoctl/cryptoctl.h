/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_H
#define CRYPTOCTL_H

#define CRYPTOCTL_VERSION "0.1.0"

/* Exit codes. */
#define EXIT_OK		0
#define EXIT_RUNTIME	1	/* the kernel said no, or something failed */
#define EXIT_USAGE	2	/* the command line is wrong */

/* A subcommand: argv[0] is its own name. */
struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

int cmd_info(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_monitor(int argc, char **argv);

/* Prints "cryptoctl: MESSAGE" and the command's usage; returns EXIT_USAGE. */
int usage_error(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* CRYPTOCTL_H */
