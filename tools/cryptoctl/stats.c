// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "print.h"
#include "stats.h"

static const struct {
	const char *name, *key;
} drop_reasons[ESPGW_DROP_MAX + 1] = {
	[ESPGW_DROP_REPLAY] = { "replay", "replay" },
	[ESPGW_DROP_INTEGRITY] = { "integrity", "integrity" },
	[ESPGW_DROP_NO_SA] = { "no-sa", "no_sa" },
	[ESPGW_DROP_BAD_LENGTH] = { "bad-length", "bad_length" },
	[ESPGW_DROP_BAD_PADDING] = { "bad-padding", "bad_padding" },
	[ESPGW_DROP_BAD_NEXT_HEADER] = { "bad-next-header", "bad_next_header" },
	[ESPGW_DROP_BAD_INNER] = { "bad-inner", "bad_inner" },
	[ESPGW_DROP_SELECTOR] = { "selector", "selector" },
	[ESPGW_DROP_NO_FLOW] = { "no-flow", "no_flow" },
	[ESPGW_DROP_NO_OUT_SA] = { "no-out-sa", "no_out_sa" },
	[ESPGW_DROP_ENCAP] = { "encap", "encap" },
	[ESPGW_DROP_CRYPTO] = { "crypto", "crypto" },
	[ESPGW_DROP_MTU] = { "mtu", "mtu" },
	[ESPGW_DROP_SEQ_OVERFLOW] = { "seq-overflow", "seq_overflow" },
	[ESPGW_DROP_EXPIRED] = { "expired", "expired" },
	[ESPGW_DROP_NO_ROUTE] = { "no-route", "no_route" },
	[ESPGW_DROP_NO_MEMORY] = { "no-memory", "no_memory" },
};

const char *drop_reason_name(unsigned int reason)
{
	return reason <= ESPGW_DROP_MAX ? drop_reasons[reason].name : NULL;
}

const char *drop_reason_key(unsigned int reason)
{
	return reason <= ESPGW_DROP_MAX ? drop_reasons[reason].key : NULL;
}

static struct nla_policy stats_policy[ESPGW_STATS_A_MAX + 1] = {
	[ESPGW_STATS_A_IN_PACKETS] = { .type = NLA_U64 },
	[ESPGW_STATS_A_IN_BYTES] = { .type = NLA_U64 },
	[ESPGW_STATS_A_IN_DROPS] = { .type = NLA_NESTED },
	[ESPGW_STATS_A_OUT_PACKETS] = { .type = NLA_U64 },
	[ESPGW_STATS_A_OUT_BYTES] = { .type = NLA_U64 },
	[ESPGW_STATS_A_OUT_DROPS] = { .type = NLA_NESTED },
};

static int drops_parse(struct nlattr *nest, uint64_t *drops)
{
	struct nlattr *nla;
	int rem;

	if (!nest)
		return 0;
	/* Type 0 is padding; reasons after ESPGW_DROP_MAX are newer than us. */
	nla_for_each_nested(nla, nest, rem) {
		if (nla_type(nla) < 1 || nla_type(nla) > ESPGW_DROP_MAX)
			continue;
		if (nla_len(nla) != sizeof(uint64_t))
			return -EBADMSG;
		drops[nla_type(nla)] = nla_get_u64(nla);
	}
	return 0;
}

static void dir_parse(struct nlattr *packets, struct nlattr *bytes,
		      struct stats_dir *d)
{
	d->has_traffic = packets || bytes;
	d->packets = packets ? nla_get_u64(packets) : 0;
	d->bytes = bytes ? nla_get_u64(bytes) : 0;
}

int stats_parse(struct nlattr *nest, struct stats *s)
{
	struct nlattr *tb[ESPGW_STATS_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!nest ||
	    nla_parse_nested(tb, ESPGW_STATS_A_MAX, nest, stats_policy) < 0 ||
	    drops_parse(tb[ESPGW_STATS_A_IN_DROPS], s->in.drops) < 0 ||
	    drops_parse(tb[ESPGW_STATS_A_OUT_DROPS], s->out.drops) < 0)
		return -EBADMSG;
	dir_parse(tb[ESPGW_STATS_A_IN_PACKETS], tb[ESPGW_STATS_A_IN_BYTES], &s->in);
	dir_parse(tb[ESPGW_STATS_A_OUT_PACKETS], tb[ESPGW_STATS_A_OUT_BYTES],
		  &s->out);
	return 0;
}

void stats_print_dir(const struct stats_dir *d)
{
	bool any = false;
	unsigned int r;

	if (d->has_traffic) {
		print_uint("packets", " packets %llu", d->packets);
		print_uint("bytes", " bytes %llu", d->bytes);
	}
	print_text(" drops");
	print_open_object("drops");
	for (r = 1; r <= ESPGW_DROP_MAX; r++) {
		if (!d->drops[r]) {
			print_uint(drop_reasons[r].key, NULL, 0);
			continue;
		}
		print_text(" %s", drop_reasons[r].name);
		print_uint(drop_reasons[r].key, " %llu", d->drops[r]);
		any = true;
	}
	print_close_object();
	if (!any)
		print_text(" none");
}

static void dir_line(const char *prefix, const char *key,
		     const struct stats_dir *d)
{
	print_text("%s%s", prefix, key);
	print_open_object(key);
	stats_print_dir(d);
	print_close_object();
	print_nl();
}

void stats_print(const struct stats *s, const char *prefix)
{
	dir_line(prefix, "in", &s->in);
	dir_line(prefix, "out", &s->out);
}
