// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "cryptoctl.h"
#include "print.h"

bool show_stats;

int usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cryptoctl: %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; see 'cryptoctl help %s'\n", command);
	return EXIT_USAGE;
}

/* @cmd's request with @build's attributes, or NULL after printing why. */
static struct nl_msg *build_msg(struct espgw_nl *nl, uint8_t cmd,
				build_fn build, const void *arg)
{
	struct nl_msg *msg = espgw_nl_msg(nl, cmd);

	if (msg && build && build(msg, arg) < 0) {
		espgw_nl_msg_free(msg);
		msg = NULL;
	}
	if (!msg)
		fprintf(stderr, "cryptoctl: out of memory\n");
	return msg;
}

int espgw_do(uint8_t cmd, build_fn build, const void *arg)
{
	struct nl_msg *msg;
	struct espgw_nl nl;
	int ret = -ENOMEM;

	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	msg = build_msg(&nl, cmd, build, arg);
	if (msg)
		ret = espgw_nl_request(&nl, msg, NULL, NULL);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}

struct item {
	uint8_t cmd;
	espgw_msg_fn fn;
	bool print;
};

static int item_of_cmd(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct item *it = arg;

	return cmd == it->cmd ? it->fn(cmd, attrs, &it->print) : -EBADMSG;
}

static int print_replies(const struct nl_dump *d, uint8_t cmd,
			 espgw_msg_fn fn, bool list)
{
	struct item it = { .cmd = cmd, .fn = fn, .print = false };

	if (espgw_dump_each(d, item_of_cmd, &it) < 0) {
		fprintf(stderr, "cryptoctl: malformed reply from the kernel\n");
		return EXIT_RUNTIME;
	}
	it.print = true;
	if (list)
		print_open_array(NULL);
	espgw_dump_each(d, item_of_cmd, &it);
	if (list)
		print_close_array();
	print_flush();
	return EXIT_OK;
}

int espgw_show(uint8_t cmd, build_fn build, const void *arg,
	       espgw_msg_fn item, enum show_how how)
{
	struct nl_dump d = { 0 };
	struct espgw_nl nl;
	struct nl_msg *msg;
	int ret;

	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	if (how == SHOW_DUMP) {
		ret = espgw_nl_dump(&nl, cmd, &d);
	} else {
		msg = build_msg(&nl, cmd, build, arg);
		ret = msg ? espgw_nl_get(&nl, msg, &d) : -ENOMEM;
	}
	espgw_nl_close(&nl);
	if (ret == 0)
		ret = print_replies(&d, cmd, item, how != SHOW_ONE);
	nl_dump_free(&d);
	return ret < 0 ? EXIT_RUNTIME : ret;
}

int espgw_show_all(int argc, char **argv, uint8_t cmd, espgw_msg_fn item)
{
	if (argc > 1 && strcmp(argv[1], "show"))
		return usage_error(argv[0], "unknown subcommand '%s'", argv[1]);
	if (argc > 2)
		return usage_error(argv[0], "unexpected argument '%s'", argv[2]);
	return espgw_show(cmd, NULL, NULL, item, SHOW_DUMP);
}

int put_addr(struct nl_msg *msg, int type, const struct ip_addr *a)
{
	if (!a->family)
		return 0;
	return nla_put(msg, type, (int)addr_len(a->family), a->bytes);
}

int get_addr(struct nlattr *nla, struct ip_addr *a)
{
	return addr_set(a, nla_data(nla), nla_len(nla)) < 0 ? -EBADMSG : 0;
}

int once(const char *command, const char *word, bool *seen)
{
	if (*seen)
		return usage_error(command, "%s given twice", word);
	*seen = true;
	return 0;
}

void print_opt_uint(const char *key, const char *fmt, bool has,
		    uint64_t value)
{
	if (has)
		print_uint(key, fmt, value);
	else
		print_null(key);
}

bool get_opt_u32(struct nlattr *nla, uint32_t *v)
{
	if (nla)
		*v = nla_get_u32(nla);
	return nla;
}

bool get_opt_u64(struct nlattr *nla, uint64_t *v)
{
	if (nla)
		*v = nla_get_u64(nla);
	return nla;
}

void print_addr(const char *key, const char *fmt, const struct ip_addr *a)
{
	char buf[ADDR_STRLEN];

	print_optional(key, fmt, a->family ? addr_str(a, buf, sizeof(buf)) : NULL);
}

void print_prefix(const char *key, const char *fmt, const struct ip_prefix *p)
{
	char buf[PREFIX_STRLEN];

	print_string(key, fmt, prefix_str(p, buf, sizeof(buf)));
}

int parse_dev(const char *what, const char *arg, bool none_ok, uint32_t *out)
{
	unsigned int ifindex;

	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs an interface name%s\n", what,
			none_ok ? " or none" : "");
		return -1;
	}
	if (none_ok && !strcmp(arg, "none")) {
		*out = 0;
		return 0;
	}
	ifindex = if_nametoindex(arg);
	if (!ifindex) {
		fprintf(stderr, "cryptoctl: %s: no interface named '%s'\n", what, arg);
		return -1;
	}
	*out = ifindex;
	return 0;
}

const char *dev_name(uint32_t ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
	return buf;
}
