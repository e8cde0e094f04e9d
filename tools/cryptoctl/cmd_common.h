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

/*
 * Every reply of a request or dump in @d, which must be of @cmd, to @fn;
 * "malformed reply" printed when one is not.  Returns an exit status.
 */
int parse_replies(const struct nl_dump *d, uint8_t cmd, espgw_msg_fn fn,
		  void *arg);

/*
 * Dumps @cmd into @d (the caller frees it, also on failure) and hands each
 * reply to @fn as parse_replies() does.  Returns an exit status.
 */
int espgw_dump_parse(uint8_t cmd, espgw_msg_fn fn, void *arg,
		     struct nl_dump *d);

/* Parses the object in @nest into @item; 0 or -EBADMSG. */
typedef int (*item_parse_fn)(struct nlattr *nest, void *item);

/* The replies of a dump, parsed into an array. */
struct collect {
	int attr;		/* the ESPGW_A_* nest each reply carries */
	item_parse_fn parse;
	size_t elem;		/* bytes per item */
	void *v;
	size_t n, size;
};

#define COLLECT(attr, parse, type) { (attr), (parse), sizeof(type), NULL, 0, 0 }

/* An espgw_msg_fn: the reply's @c->attr nest, parsed, into @arg's array. */
int collect_msg(uint8_t cmd, struct nlattr **attrs, void *arg);
void collect_free(struct collect *c);

/*
 * Dumps @cmd into @c, then, when all of it parsed, has @print print it with
 * @arg.  Frees @c.  Returns an exit status.
 */
int show_collected(uint8_t cmd, struct collect *c,
		   void (*print)(const struct collect *c, const void *arg),
		   const void *arg);

/* Whether to print counters (the -s option). */
extern bool show_stats;

/* An address attribute, left out when @a has no family. */
int put_addr(struct nl_msg *msg, int type, const struct ip_addr *a);
/* Sets @a from an address attribute; -EBADMSG unless 4 or 16 bytes. */
int get_addr(struct nlattr *nla, struct ip_addr *a);

/* Lifetime limits, or what is left of them; a kind is there if has_*. */
struct lifetime {
	bool has_bytes, has_packets, has_seconds;
	uint64_t bytes, packets, seconds;
};

/*
 * An enum espgw_lifetime_attr nest into @lt (left alone if @nest is NULL).
 * Returns 0 or -EBADMSG.
 */
int lifetime_parse(struct nlattr *nest, struct lifetime *lt);

/*
 * JSON only: "remaining": {"kilobytes": N or null, "seconds": N or null},
 * what is left of @left's byte and time limits.
 */
void print_remaining_json(const struct lifetime *left);

/*
 * Room for item @n in the array *@v of *@size items of @elem bytes,
 * doubling it when full.  Returns 0 or -ENOMEM.
 */
int array_grow(void **v, size_t n, size_t *size, size_t elem);

/* *@v from @nla if there is one; returns whether there was. */
bool get_opt_u32(struct nlattr *nla, uint32_t *v);
bool get_opt_u64(struct nlattr *nla, uint64_t *v);

/*
 * For keyword loops: if *@seen, a usage error "WORD given twice" for
 * @command (returns EXIT_USAGE); else sets it and returns 0.
 */
int once(const char *command, const char *word, bool *seen);

/*
 * Keyword tables: a word, how its value parses into the command's argument
 * struct (at @offset), and nothing else to write per word.
 */
struct keyword {
	const char *word;
	/*
	 * Parses @arg (NULL: missing) into @out, or returns -1 after printing
	 * why; NULL for a keyword without a value (a flag).
	 */
	int (*parse)(const char *what, const char *arg, void *out);
	size_t offset;
};

#define KW_BIT(i)	(1u << (i))

/*
 * If argv[*i] is a word of @kw (@n of them, at most 32), parses its value
 * (argv[*i + 1], left in *@i), and sets its bit (KW_BIT(index)) in *@seen.
 * Returns 0, EXIT_USAGE after printing why (a word given twice, a bad
 * value), or 1 when argv[*i] is none of them.
 */
int parse_keyword(const char *command, const struct keyword *kw, size_t n,
		  void *args, uint32_t *seen, char **argv, int *i);
/* The first word of @kw whose bit is in @required but not in @seen, or NULL. */
const char *keyword_missing(const struct keyword *kw, size_t n,
			    uint32_t required, uint32_t seen);

/* Value parsers for keyword tables, into the types named. */
int kw_port(const char *what, const char *arg, void *out);	/* u32 1..65535 */
int kw_u32_id(const char *what, const char *arg, void *out);	/* u32 1..2^32-1 */
int kw_u64(const char *what, const char *arg, void *out);	/* u64 */
int kw_hex64(const char *what, const char *arg, void *out);	/* u64 */
int kw_addr(const char *what, const char *arg, void *out);	/* ip_addr */
int kw_dev(const char *what, const char *arg, void *out);	/* u32 ifindex */
int kw_dev_none(const char *what, const char *arg, void *out);	/* or none: 0 */
int kw_string(const char *what, const char *arg, void *out);	/* const char * */
/* A phase-1 identity: 1 to ESPGW_ID_MAX bytes of text (const char *). */
int kw_id(const char *what, const char *arg, void *out);

/*
 * Whether @text is valid UTF-8 without control characters; -1 after
 * printing "cryptoctl: @what is not valid UTF-8" or "... has a control
 * character".
 */
int check_text(const char *what, const char *text);

/*
 * An interface named @arg: its ifindex into *@out; "none" is 0 if
 * @none_ok.  -1 after printing why.
 */
int parse_dev(const char *what, const char *arg, bool none_ok, uint32_t *out);
/* The name of interface @ifindex into @buf (IF_NAMESIZE), else "ifN". */
const char *dev_name(uint32_t ifindex, char *buf);

/*
 * String attribute @nla into @buf of @size bytes; "" when @nla is NULL.
 * -EBADMSG when it does not fit.
 */
int get_string(struct nlattr *nla, char *buf, size_t size);

/* "ADDR/PORT" into @buf (ENDPOINT_STRLEN). */
#define ENDPOINT_STRLEN	(ADDR_STRLEN + 6)
const char *endpoint_str(const struct ip_addr *a, uint16_t port, char *buf,
			 size_t len);
/* JSON only: @key: {"address": ADDR or null, "port": PORT}. */
void print_endpoint(const char *key, const struct ip_addr *a, uint16_t port);

/* A uint: JSON null unless @has; text @fmt only with @has. */
void print_opt_uint(const char *key, const char *fmt, bool has,
		    uint64_t value);
/* An address as print_optional() prints a string ("(none)", null). */
void print_addr(const char *key, const char *fmt, const struct ip_addr *a);
/* ADDR/LEN. */
void print_prefix(const char *key, const char *fmt, const struct ip_prefix *p);

#endif /* CRYPTOCTL_CMD_COMMON_H */
