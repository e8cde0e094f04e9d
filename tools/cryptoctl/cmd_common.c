// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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
	void *arg;
};

static int item_of_cmd(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct item *it = arg;

	return cmd == it->cmd ? it->fn(cmd, attrs, it->arg) : -EBADMSG;
}

int parse_replies(const struct nl_dump *d, uint8_t cmd, espgw_msg_fn fn,
		  void *arg)
{
	struct item it = { .cmd = cmd, .fn = fn, .arg = arg };
	int ret = espgw_dump_each(d, item_of_cmd, &it);

	if (ret == -ENOMEM)
		fprintf(stderr, "cryptoctl: out of memory\n");
	else if (ret < 0)
		fprintf(stderr, "cryptoctl: malformed reply from the kernel\n");
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}

int espgw_dump_parse(uint8_t cmd, espgw_msg_fn fn, void *arg,
		     struct nl_dump *d)
{
	struct espgw_nl nl;
	int ret;

	memset(d, 0, sizeof(*d));
	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	ret = espgw_nl_dump(&nl, cmd, d);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : parse_replies(d, cmd, fn, arg);
}

static int print_replies(const struct nl_dump *d, uint8_t cmd,
			 espgw_msg_fn fn, bool list)
{
	bool print = false;

	if (parse_replies(d, cmd, fn, &print) != EXIT_OK)
		return EXIT_RUNTIME;
	print = true;
	if (list)
		print_open_array(NULL);
	parse_replies(d, cmd, fn, &print);
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

static struct nla_policy lifetime_policy[ESPGW_LIFETIME_A_MAX + 1] = {
	[ESPGW_LIFETIME_A_BYTES] = { .type = NLA_U64 },
	[ESPGW_LIFETIME_A_PACKETS] = { .type = NLA_U64 },
	[ESPGW_LIFETIME_A_SECONDS] = { .type = NLA_U64 },
};

int lifetime_parse(struct nlattr *nest, struct lifetime *lt)
{
	struct nlattr *tb[ESPGW_LIFETIME_A_MAX + 1];

	if (!nest)
		return 0;
	if (nla_parse_nested(tb, ESPGW_LIFETIME_A_MAX, nest, lifetime_policy) < 0)
		return -EBADMSG;
	lt->has_bytes = get_opt_u64(tb[ESPGW_LIFETIME_A_BYTES], &lt->bytes);
	lt->has_packets = get_opt_u64(tb[ESPGW_LIFETIME_A_PACKETS], &lt->packets);
	lt->has_seconds = get_opt_u64(tb[ESPGW_LIFETIME_A_SECONDS], &lt->seconds);
	return 0;
}

void print_remaining_json(const struct lifetime *left)
{
	print_open_object("remaining");
	print_opt_uint("kilobytes", NULL, left->has_bytes, left->bytes / 1024);
	print_opt_uint("seconds", NULL, left->has_seconds, left->seconds);
	print_close_object();
}

int array_grow(void **v, size_t n, size_t *size, size_t elem)
{
	size_t want = *size ? 2 * *size : 8;
	void *grown;

	if (n < *size)
		return 0;
	grown = reallocarray(*v, want, elem);
	if (!grown)
		return -ENOMEM;
	*v = grown;
	*size = want;
	return 0;
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

int get_string(struct nlattr *nla, char *buf, size_t size)
{
	size_t len;

	buf[0] = '\0';
	if (!nla)
		return 0;
	len = strnlen(nla_data(nla), (size_t)nla_len(nla));
	if (len >= size)
		return -EBADMSG;
	memcpy(buf, nla_data(nla), len);
	buf[len] = '\0';
	return 0;
}

const char *endpoint_str(const struct ip_addr *a, uint16_t port, char *buf,
			 size_t len)
{
	char addr[ADDR_STRLEN];

	snprintf(buf, len, "%s/%u", addr_str(a, addr, sizeof(addr)), port);
	return buf;
}

void print_endpoint(const char *key, const struct ip_addr *a, uint16_t port)
{
	print_open_object(key);
	print_addr("address", NULL, a);
	print_uint("port", NULL, port);
	print_close_object();
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

int collect_msg(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct collect *c = arg;

	(void)cmd;
	if (array_grow(&c->v, c->n, &c->size, c->elem) < 0)
		return -ENOMEM;
	if (c->parse(attrs[c->attr], (char *)c->v + c->n * c->elem) < 0)
		return -EBADMSG;
	c->n++;
	return 0;
}

void collect_free(struct collect *c)
{
	free(c->v);
	c->v = NULL;
	c->n = 0;
	c->size = 0;
}

int show_collected(uint8_t cmd, struct collect *c,
		   void (*print)(const struct collect *c, const void *arg),
		   const void *arg)
{
	struct nl_dump d;
	int ret;

	ret = espgw_dump_parse(cmd, collect_msg, c, &d);
	nl_dump_free(&d);
	if (!ret) {
		print(c, arg);
		print_flush();
	}
	collect_free(c);
	return ret;
}

int parse_keyword(const char *command, const struct keyword *kw, size_t n,
		  void *args, uint32_t *seen, char **argv, int *i)
{
	const char *w = argv[*i];
	bool given;
	size_t k;

	for (k = 0; k < n && strcmp(w, kw[k].word); k++)
		;
	if (k == n)
		return 1;
	given = *seen & KW_BIT(k);
	if (once(command, w, &given))
		return EXIT_USAGE;
	*seen |= KW_BIT(k);
	if (!kw[k].parse)
		return 0;
	return kw[k].parse(w, argv[++*i], (char *)args + kw[k].offset) < 0 ?
	       EXIT_USAGE : 0;
}

const char *keyword_missing(const struct keyword *kw, size_t n,
			    uint32_t required, uint32_t seen)
{
	size_t k;

	for (k = 0; k < n; k++)
		if ((required & KW_BIT(k)) && !(seen & KW_BIT(k)))
			return kw[k].word;
	return NULL;
}

int kw_port(const char *what, const char *arg, void *out)
{
	return parse_u32_range(what, arg, 1, 65535, out);
}

int kw_u32_id(const char *what, const char *arg, void *out)
{
	return parse_u32_range(what, arg, 1, UINT32_MAX, out);
}

int kw_u64(const char *what, const char *arg, void *out)
{
	return parse_u64(what, arg, out);
}

int kw_hex64(const char *what, const char *arg, void *out)
{
	return parse_hex_u64(what, arg, out);
}

int kw_addr(const char *what, const char *arg, void *out)
{
	return parse_addr(what, arg, out);
}

int kw_dev(const char *what, const char *arg, void *out)
{
	return parse_dev(what, arg, false, out);
}

int kw_dev_none(const char *what, const char *arg, void *out)
{
	return parse_dev(what, arg, true, out);
}

int kw_string(const char *what, const char *arg, void *out)
{
	if (!arg) {
		fprintf(stderr, "cryptoctl: %s needs a value\n", what);
		return -1;
	}
	*(const char **)out = arg;
	return 0;
}

int check_text(const char *what, const char *text)
{
	const unsigned char *c;

	if (utf8_chars(text) < 0) {
		fprintf(stderr, "cryptoctl: %s is not valid UTF-8\n", what);
		return -1;
	}
	for (c = (const unsigned char *)text; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			fprintf(stderr, "cryptoctl: %s has a control character\n",
				what);
			return -1;
		}
	}
	return 0;
}

int kw_id(const char *what, const char *arg, void *out)
{
	size_t len = arg ? strlen(arg) : 0;

	if (arg && (!len || len > ESPGW_ID_MAX)) {
		fprintf(stderr, "cryptoctl: %s is %zu bytes, 1 to %d allowed\n",
			what, len, ESPGW_ID_MAX);
		return -1;
	}
	if (arg && check_text(what, arg) < 0)
		return -1;
	return kw_string(what, arg, out);
}
