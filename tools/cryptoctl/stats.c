// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "print.h"
#include "stats.h"

#define IN	STATS_IN
#define OUT	STATS_OUT

static const struct {
	const char *name, *key;
	unsigned int dirs;		/* where the kernel counts it */
} drop_reasons[ESPGW_DROP_MAX + 1] = {
	[ESPGW_DROP_REPLAY] = { "replay", "replay", IN },
	[ESPGW_DROP_INTEGRITY] = { "integrity", "integrity", IN },
	[ESPGW_DROP_NO_SA] = { "no-sa", "no_sa", IN },
	[ESPGW_DROP_BAD_LENGTH] = { "bad-length", "bad_length", IN },
	[ESPGW_DROP_BAD_PADDING] = { "bad-padding", "bad_padding", IN },
	[ESPGW_DROP_BAD_NEXT_HEADER] = { "bad-next-header", "bad_next_header", IN },
	[ESPGW_DROP_BAD_INNER] = { "bad-inner", "bad_inner", IN },
	[ESPGW_DROP_SELECTOR] = { "selector", "selector", IN },
	[ESPGW_DROP_NO_FLOW] = { "no-flow", "no_flow", IN | OUT },
	[ESPGW_DROP_NO_OUT_SA] = { "no-out-sa", "no_out_sa", OUT },
	[ESPGW_DROP_ENCAP] = { "encap", "encap", IN | OUT },
	[ESPGW_DROP_CRYPTO] = { "crypto", "crypto", IN | OUT },
	[ESPGW_DROP_MTU] = { "mtu", "mtu", OUT },
	[ESPGW_DROP_SEQ_OVERFLOW] = { "seq-overflow", "seq_overflow", OUT },
	[ESPGW_DROP_EXPIRED] = { "expired", "expired", IN | OUT },
	[ESPGW_DROP_NO_ROUTE] = { "no-route", "no_route", OUT },
	[ESPGW_DROP_NO_MEMORY] = { "no-memory", "no_memory", IN | OUT },
};

#undef IN
#undef OUT

bool drop_reason_applies(unsigned int reason, unsigned int dir)
{
	return reason >= 1 && reason <= ESPGW_DROP_MAX &&
	       (drop_reasons[reason].dirs & dir);
}

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

uint64_t stats_drops_total(const struct stats_dir *d)
{
	uint64_t sum = 0;
	unsigned int r;

	for (r = 1; r <= ESPGW_DROP_MAX; r++)
		sum += d->drops[r];
	return sum;
}

void stats_print_counters_json(const struct stats_dir *d)
{
	unsigned int r;

	print_uint("packets", NULL, d->packets);
	print_uint("bytes", NULL, d->bytes);
	print_uint("drops", NULL, stats_drops_total(d));
	print_open_object("drop_reasons");
	for (r = 1; r <= ESPGW_DROP_MAX; r++)
		print_uint(drop_reasons[r].key, NULL, d->drops[r]);
	print_close_object();
}
