/* SPDX-License-Identifier: GPL-2.0 */
/* What main.c and the command files share: the command table's entries. */
#ifndef CRYPTOCTL_H
#define CRYPTOCTL_H

#define CRYPTOCTL_VERSION "0.1.0"

/* Exit statuses. */
#define EXIT_OK		0
#define EXIT_RUNTIME	1	/* the kernel said no, or something failed */
#define EXIT_USAGE	2	/* the command line is wrong */

/* A command gets its own name as argv[0] and returns an exit status. */
struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

int cmd_info(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_tunnel(int argc, char **argv);
int cmd_sa(int argc, char **argv);
int cmd_flow(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_counters(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_clear(int argc, char **argv);
int cmd_peer(int argc, char **argv);
int cmd_ike_sa(int argc, char **argv);

/*
 * Prints "cryptoctl: COMMAND: MESSAGE; see 'cryptoctl help COMMAND'" and
 * returns EXIT_USAGE.
 */
int usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* CRYPTOCTL_H */
