/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the command files share: one request or dump of the espgw family
 * from start to exit status, lists printed only once all of them parsed,
 * and the attributes several objects carry.
 */
#ifndef CRYPTOCTL_CMD_COMMON_H
#define CRYPTOCTL_CMD_COMMON_H

#include <stdbool.h>

#include "netlink.h"
#include "parse.h"

/* Puts a request's attributes into @msg; < 0 when it is full. */
typedef int (*build_fn)(struct nl_msg *msg, const void *arg);

/*
 * Sends @cmd with what @build (may be NULL) puts in, and waits for the
 * kernel's acknowledgement.  Returns an exit status.
 */
int espgw_do(uint8_t cmd, build_fn build, const void *arg);

/* How espgw_show() asks and prints. */
enum show_how {
	SHOW_ONE,	/* a request; its reply is a JSON value of its own */
	SHOW_LIST,	/* a request; its replies are a JSON array */
	SHOW_DUMP,	/* a dump (@build is not used); a JSON array */
};

/*
 * Sends @cmd with what @build (may be NULL) puts in and prints the replies,
 * which must be of @cmd too: @item parses one and returns -EBADMSG if it is
 * malformed, and prints it only when *(bool *)arg is true.  Every reply is
 * parsed before any is printed.  Returns an exit status.
 */
int espgw_show(uint8_t cmd, build_fn build, const void *arg,
	       espgw_msg_fn item, enum show_how how);

/*
 * "COMMAND [show]" (argv[0] is COMMAND): dumps @cmd and prints the list;
 * a usage error for anything after show.
 */
int espgw_show_all(int argc, char **argv, uint8_t cmd, espgw_msg_fn item);

/* Whether to print counters (the -s option). */
extern bool show_stats;

/* An address attribute, left out when @a has no family. */
int put_addr(struct nl_msg *msg, int type, const struct ip_addr *a);
/* Sets @a from an address attribute; -EBADMSG unless 4 or 16 bytes. */
int get_addr(struct nlattr *nla, struct ip_addr *a);

/* *@v from @nla if there is one; returns whether there was. */
bool get_opt_u32(struct nlattr *nla, uint32_t *v);
bool get_opt_u64(struct nlattr *nla, uint64_t *v);

/*
 * For keyword loops: if *@seen, a usage error "WORD given twice" for
 * @command (returns EXIT_USAGE); else sets it and returns 0.
 */
int once(const char *command, const char *word, bool *seen);

/*
 * An interface named @arg: its ifindex into *@out; "none" is 0 if
 * @none_ok.  -1 after printing why.
 */
int parse_dev(const char *what, const char *arg, bool none_ok, uint32_t *out);
/* The name of interface @ifindex into @buf (IF_NAMESIZE), else "ifN". */
const char *dev_name(uint32_t ifindex, char *buf);

/* A uint: JSON null unless @has; text @fmt only with @has. */
void print_opt_uint(const char *key, const char *fmt, bool has,
		    uint64_t value);
/* An address as print_optional() prints a string ("(none)", null). */
void print_addr(const char *key, const char *fmt, const struct ip_addr *a);
/* ADDR/LEN. */
void print_prefix(const char *key, const char *fmt, const struct ip_prefix *p);

#endif /* CRYPTOCTL_CMD_COMMON_H */
