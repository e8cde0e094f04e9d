// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl sa add dir in|out spi SPI local ADDR remote ADDR alg ALG
 *		key-file FILE|- [encap udp [sport N] [dport N]] [esn]
 *		[replay-window N] [flow ID] [seq N]
 *		[soft [bytes N] [packets N] [seconds N]]
 *		[hard [bytes N] [packets N] [seconds N]] [replace]
 * cryptoctl sa del dir in|out spi SPI [local ADDR] [remote ADDR] [reason R]
 * cryptoctl sa get dir in|out spi SPI [local ADDR] [remote ADDR]
 * cryptoctl sa [show]
 *
 * Manual SAs, in the manner of 'ip xfrm state'.  An SA is identified by
 * its direction, SPI and destination: the local address for inbound SAs,
 * the remote one for outbound SAs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd_common.h"
#include "cmd_sa.h"
#include "cryptoctl.h"
#include "key.h"
#include "print.h"
#include "reason.h"

#define SA "sa"

/* Keywords given on the command line. */
struct sa_seen {
	bool dir, spi, local, remote, alg, key_file, encap, sport, dport, esn,
	     replay_window, flow, seq, soft, hard, replace, reason;
};

struct sa_args {
	bool add;			/* 'sa add': more than the identity */
	bool del;			/* 'sa del': the identity and a reason */
	struct sa_seen seen;
	uint8_t dir;
	uint32_t spi;
	struct ip_addr local, remote;
	const struct alg *alg;
	const char *key_file;
	uint32_t sport, dport, replay_window, flow;
	uint64_t seq;
	struct lifetime soft, hard;
	uint8_t reason;			/* enum espgw_reason */
	uint8_t key[KEY_MAX];
	size_t key_len;
};

static const char *dir_name(uint8_t dir)
{
	return dir == ESPGW_DIR_IN ? "in" : "out";
}

static int parse_dir(const char *arg, uint8_t *dir)
{
	if (!arg) {
		fprintf(stderr, "cryptoctl: dir needs a value (in or out)\n");
		return -1;
	}
	if (strcmp(arg, "in") && strcmp(arg, "out")) {
		fprintf(stderr, "cryptoctl: dir: '%s' is not 'in' or 'out'\n", arg);
		return -1;
	}
	*dir = strcmp(arg, "in") ? ESPGW_DIR_OUT : ESPGW_DIR_IN;
	return 0;
}

static int parse_encap(const char *arg)
{
	if (arg && !strcmp(arg, "udp"))
		return 0;
	if (arg)
		fprintf(stderr, "cryptoctl: encap: '%s' is not 'udp'\n", arg);
	else
		fprintf(stderr, "cryptoctl: encap needs a value (udp)\n");
	return -1;
}

/*
 * soft|hard [bytes N] [packets N] [seconds N], at least one, each once;
 * argv[*i] is soft or hard, left on the last word used.
 */
static int parse_lifetime(char **argv, int *i, struct lifetime *lt)
{
	static const char *const kinds[] = { "bytes", "packets", "seconds" };
	uint64_t *values[] = { &lt->bytes, &lt->packets, &lt->seconds };
	const char *which = argv[*i];
	bool seen[3] = { false };
	char what[32];
	int k, n = 0;

	while (argv[*i + 1]) {
		for (k = 0; k < 3 && strcmp(argv[*i + 1], kinds[k]); k++)
			;
		if (k == 3)
			break;
		snprintf(what, sizeof(what), "%s %s", which, kinds[k]);
		*i += 2;
		if (once(SA, what, &seen[k]) || parse_u64(what, argv[*i], values[k]))
			return EXIT_USAGE;
		n++;
	}
	if (!n)
		return usage_error(SA, "%s needs bytes, packets or seconds", which);
	return 0;
}

/* The identity's words; 1 when @w is none of them. */
static int parse_id_word(struct sa_args *a, char **argv, int *i)
{
	const char *w = argv[*i];
	struct sa_seen *s = &a->seen;

	if (!strcmp(w, "dir"))
		return once(SA, w, &s->dir) || parse_dir(argv[++*i], &a->dir) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "spi"))
		return once(SA, w, &s->spi) || parse_spi(w, argv[++*i], &a->spi) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "local"))
		return once(SA, w, &s->local) || parse_addr(w, argv[++*i], &a->local) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "remote"))
		return once(SA, w, &s->remote) || parse_addr(w, argv[++*i], &a->remote) ?
		       EXIT_USAGE : 0;
	return 1;
}

/* The words of 'sa add' beyond the identity; 1 when @w is none of them. */
static int parse_add_word(struct sa_args *a, char **argv, int *i)
{
	const char *w = argv[*i];
	struct sa_seen *s = &a->seen;

	if (!strcmp(w, "alg"))
		return once(SA, w, &s->alg) || parse_alg(w, argv[++*i], &a->alg) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "key-file")) {
		if (once(SA, w, &s->key_file))
			return EXIT_USAGE;
		a->key_file = argv[++*i];
		if (!a->key_file)
			return usage_error(SA, "key-file needs a value (a file, or - for stdin)");
		return 0;
	}
	if (!strcmp(w, "encap"))
		return once(SA, w, &s->encap) || parse_encap(argv[++*i]) ? EXIT_USAGE : 0;
	if (!strcmp(w, "sport"))
		return once(SA, w, &s->sport) ||
		       parse_u32_range(w, argv[++*i], 1, 65535, &a->sport) ? EXIT_USAGE : 0;
	if (!strcmp(w, "dport"))
		return once(SA, w, &s->dport) ||
		       parse_u32_range(w, argv[++*i], 1, 65535, &a->dport) ? EXIT_USAGE : 0;
	if (!strcmp(w, "esn"))
		return once(SA, w, &s->esn);
	if (!strcmp(w, "replay-window"))
		return once(SA, w, &s->replay_window) ||
		       parse_u32_range(w, argv[++*i], 0, ESPGW_REPLAY_WINDOW_MAX,
				       &a->replay_window) ? EXIT_USAGE : 0;
	if (!strcmp(w, "flow"))
		return once(SA, w, &s->flow) ||
		       parse_u32_range(w, argv[++*i], 1, UINT32_MAX, &a->flow) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "seq"))
		return once(SA, w, &s->seq) || parse_u64(w, argv[++*i], &a->seq) ?
		       EXIT_USAGE : 0;
	if (!strcmp(w, "soft"))
		return once(SA, w, &s->soft) ?: parse_lifetime(argv, i, &a->soft);
	if (!strcmp(w, "hard"))
		return once(SA, w, &s->hard) ?: parse_lifetime(argv, i, &a->hard);
	if (!strcmp(w, "replace"))
		return once(SA, w, &s->replace);
	if (!strcmp(w, "key"))
		return usage_error(SA, "keys are not taken from the command line: use key-file FILE, or key-file - for stdin");
	return 1;
}

/* WORD [VALUE]...; argv[argc] is NULL, a missing last value. */
static int parse_args(int argc, char **argv, struct sa_args *a)
{
	int i, ret;

	for (i = 0; i < argc; i++) {
		ret = parse_id_word(a, argv, &i);
		if (ret == 1 && a->add)
			ret = parse_add_word(a, argv, &i);
		if (ret == 1 && a->del && !strcmp(argv[i], "reason"))
			ret = once(SA, "reason", &a->seen.reason) ||
			      parse_reason("reason", argv[++i], &a->reason) ?
			      EXIT_USAGE : 0;
		if (ret == 1)
			return usage_error(SA, "unknown word '%s'", argv[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* Local and remote, when both are given, are of one family. */
static int check_families(const struct sa_args *a)
{
	char l[ADDR_STRLEN], r[ADDR_STRLEN];

	if (!a->local.family || !a->remote.family ||
	    a->local.family == a->remote.family)
		return 0;
	return usage_error(SA, "local %s and remote %s are not of one family",
			   addr_str(&a->local, l, sizeof(l)),
			   addr_str(&a->remote, r, sizeof(r)));
}

/* 'sa del' and 'sa get': the identity, whole. */
static int check_id(const char *verb, const struct sa_args *a)
{
	if (!a->seen.dir)
		return usage_error(SA, "%s needs dir", verb);
	if (!a->seen.spi)
		return usage_error(SA, "%s needs spi", verb);
	if (a->dir == ESPGW_DIR_IN && !a->seen.local)
		return usage_error(SA, "%s needs local, the destination of an inbound SA",
				   verb);
	if (a->dir == ESPGW_DIR_OUT && !a->seen.remote)
		return usage_error(SA, "%s needs remote, the destination of an outbound SA",
				   verb);
	return check_families(a);
}

static int check_soft_below_hard(const char *kind, uint64_t soft, uint64_t hard)
{
	if (!soft || !hard || soft < hard)
		return 0;
	return usage_error(SA, "soft %s %llu is not below hard %s %llu", kind,
			   (unsigned long long)soft, kind, (unsigned long long)hard);
}

static int check_add(const struct sa_args *a)
{
	const struct sa_seen *s = &a->seen;
	const char *missing = !s->dir ? "dir" : !s->spi ? "spi" :
			      !s->local ? "local" : !s->remote ? "remote" :
			      !s->alg ? "alg" : !s->key_file ? "key-file" : NULL;

	if (missing)
		return usage_error(SA, "add needs %s", missing);
	if ((s->sport || s->dport) && !s->encap)
		return usage_error(SA, "%s needs encap udp", s->sport ? "sport" : "dport");
	if (s->replay_window && a->dir == ESPGW_DIR_OUT)
		return usage_error(SA, "replay-window applies to inbound SAs only");
	if (a->seq > UINT32_MAX && !s->esn)
		return usage_error(SA, "seq above %u needs esn", UINT32_MAX);
	return check_families(a) ?:
	       check_soft_below_hard("bytes", a->soft.bytes, a->hard.bytes) ?:
	       check_soft_below_hard("packets", a->soft.packets, a->hard.packets) ?:
	       check_soft_below_hard("seconds", a->soft.seconds, a->hard.seconds);
}

static int put_lifetime(struct nl_msg *msg, int type, const struct lifetime *lt)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest ||
	    nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, lt->bytes) < 0 ||
	    nla_put_u64(msg, ESPGW_LIFETIME_A_PACKETS, lt->packets) < 0 ||
	    nla_put_u64(msg, ESPGW_LIFETIME_A_SECONDS, lt->seconds) < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_id(struct nl_msg *msg, const struct sa_args *a)
{
	return nla_put_u32(msg, ESPGW_SA_A_SPI, a->spi) < 0 ||
	       nla_put_u8(msg, ESPGW_SA_A_DIRECTION, a->dir) < 0 ||
	       put_addr(msg, ESPGW_SA_A_LOCAL_ADDR, &a->local) < 0 ||
	       put_addr(msg, ESPGW_SA_A_REMOTE_ADDR, &a->remote) < 0 ? -EMSGSIZE : 0;
}

/* What 'sa add' gives beyond the identity, each only when given. */
static int put_options(struct nl_msg *msg, const struct sa_args *a)
{
	const struct sa_seen *s = &a->seen;

	return (s->encap && nla_put_u8(msg, ESPGW_SA_A_ENCAP, ESPGW_ENCAP_UDP) < 0) ||
	       (s->sport && nla_put_u16(msg, ESPGW_SA_A_ENCAP_SPORT, a->sport) < 0) ||
	       (s->dport && nla_put_u16(msg, ESPGW_SA_A_ENCAP_DPORT, a->dport) < 0) ||
	       (s->esn && nla_put_flag(msg, ESPGW_SA_A_ESN) < 0) ||
	       (s->replay_window &&
		nla_put_u32(msg, ESPGW_SA_A_REPLAY_WINDOW, a->replay_window) < 0) ||
	       (s->flow && nla_put_u32(msg, ESPGW_SA_A_FLOW_ID, a->flow) < 0) ||
	       (s->seq && nla_put_u64(msg, ESPGW_SA_A_SEQ, a->seq) < 0) ||
	       (s->soft && put_lifetime(msg, ESPGW_SA_A_LIFETIME_SOFT, &a->soft) < 0) ||
	       (s->hard && put_lifetime(msg, ESPGW_SA_A_LIFETIME_HARD, &a->hard) < 0) ?
	       -EMSGSIZE : 0;
}

/* ESPGW_A_SA: the identity, and with 'sa add' everything else. */
static int put_sa(struct nl_msg *msg, const void *arg)
{
	const struct sa_args *a = arg;
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SA);

	if (!nest || put_id(msg, a) < 0)
		return -EMSGSIZE;
	if (a->add &&
	    (nla_put_string(msg, ESPGW_SA_A_ALGORITHM, a->alg->name) < 0 ||
	     nla_put(msg, ESPGW_SA_A_KEY, (int)a->key_len, a->key) < 0 ||
	     put_options(msg, a) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	if ((a->seen.replace && nla_put_flag(msg, ESPGW_A_REPLACE) < 0) ||
	    (a->seen.reason && nla_put_u8(msg, ESPGW_A_REASON, a->reason) < 0))
		return -EMSGSIZE;
	return 0;
}

static struct nla_policy sa_policy[ESPGW_SA_A_MAX + 1] = {
	[ESPGW_SA_A_SPI] = { .type = NLA_U32 },
	[ESPGW_SA_A_DIRECTION] = { .type = NLA_U8 },
	[ESPGW_SA_A_ALGORITHM] = { .type = NLA_STRING },
	[ESPGW_SA_A_KEY_BITS] = { .type = NLA_U32 },
	[ESPGW_SA_A_ENCAP] = { .type = NLA_U8 },
	[ESPGW_SA_A_ENCAP_SPORT] = { .type = NLA_U16 },
	[ESPGW_SA_A_ENCAP_DPORT] = { .type = NLA_U16 },
	[ESPGW_SA_A_ESN] = { .type = NLA_FLAG },
	[ESPGW_SA_A_REPLAY_WINDOW] = { .type = NLA_U32 },
	[ESPGW_SA_A_LIFETIME_SOFT] = { .type = NLA_NESTED },
	[ESPGW_SA_A_LIFETIME_HARD] = { .type = NLA_NESTED },
	[ESPGW_SA_A_ADD_TIME] = { .type = NLA_U64 },
	[ESPGW_SA_A_FLOW_ID] = { .type = NLA_U32 },
	[ESPGW_SA_A_STATS] = { .type = NLA_NESTED },
	[ESPGW_SA_A_SEQ] = { .type = NLA_U64 },
	[ESPGW_SA_A_SOFT_EXPIRED] = { .type = NLA_FLAG },
	[ESPGW_SA_A_PEER_PORT] = { .type = NLA_U16 },
	[ESPGW_SA_A_SESSION_ID] = { .type = NLA_U32 },
};

/* Identity and nests: what a malformed message gets wrong. */
static int sa_parse_checked(struct nlattr **tb, struct sa *sa)
{
	struct ip_addr *dst;

	if (!tb[ESPGW_SA_A_SPI] || !tb[ESPGW_SA_A_DIRECTION])
		return -EBADMSG;
	sa->spi = nla_get_u32(tb[ESPGW_SA_A_SPI]);
	sa->dir = nla_get_u8(tb[ESPGW_SA_A_DIRECTION]);
	if (sa->dir != ESPGW_DIR_IN && sa->dir != ESPGW_DIR_OUT)
		return -EBADMSG;
	if ((tb[ESPGW_SA_A_LOCAL_ADDR] &&
	     get_addr(tb[ESPGW_SA_A_LOCAL_ADDR], &sa->local) < 0) ||
	    (tb[ESPGW_SA_A_REMOTE_ADDR] &&
	     get_addr(tb[ESPGW_SA_A_REMOTE_ADDR], &sa->remote) < 0))
		return -EBADMSG;
	dst = sa->dir == ESPGW_DIR_IN ? &sa->local : &sa->remote;
	if (!dst->family)
		return -EBADMSG;
	sa->has_stats = tb[ESPGW_SA_A_STATS];
	if (lifetime_parse(tb[ESPGW_SA_A_LIFETIME_SOFT], &sa->soft) < 0 ||
	    lifetime_parse(tb[ESPGW_SA_A_LIFETIME_HARD], &sa->hard) < 0 ||
	    (sa->has_stats && stats_parse(tb[ESPGW_SA_A_STATS], &sa->stats) < 0))
		return -EBADMSG;
	return 0;
}

int sa_parse(struct nlattr *nest, struct sa *sa)
{
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];

	memset(sa, 0, sizeof(*sa));
	if (!nest || nla_parse_nested(tb, ESPGW_SA_A_MAX, nest, sa_policy) < 0 ||
	    sa_parse_checked(tb, sa) < 0)
		return -EBADMSG;
	sa->alg = tb[ESPGW_SA_A_ALGORITHM] ?
		  nla_get_string(tb[ESPGW_SA_A_ALGORITHM]) : NULL;
	get_opt_u32(tb[ESPGW_SA_A_KEY_BITS], &sa->key_bits);
	sa->encap = tb[ESPGW_SA_A_ENCAP] ? nla_get_u8(tb[ESPGW_SA_A_ENCAP]) :
		    ESPGW_ENCAP_NONE;
	sa->sport = 4500;
	sa->dport = 4500;
	if (tb[ESPGW_SA_A_ENCAP_SPORT])
		sa->sport = nla_get_u16(tb[ESPGW_SA_A_ENCAP_SPORT]);
	if (tb[ESPGW_SA_A_ENCAP_DPORT])
		sa->dport = nla_get_u16(tb[ESPGW_SA_A_ENCAP_DPORT]);
	sa->esn = tb[ESPGW_SA_A_ESN];
	sa->soft_expired = tb[ESPGW_SA_A_SOFT_EXPIRED];
	sa->has_replay_window = get_opt_u32(tb[ESPGW_SA_A_REPLAY_WINDOW],
					    &sa->replay_window);
	sa->has_flow = get_opt_u32(tb[ESPGW_SA_A_FLOW_ID], &sa->flow_id);
	sa->has_seq = get_opt_u64(tb[ESPGW_SA_A_SEQ], &sa->seq);
	sa->has_add_time = get_opt_u64(tb[ESPGW_SA_A_ADD_TIME], &sa->add_time);
	sa->has_session = get_opt_u32(tb[ESPGW_SA_A_SESSION_ID], &sa->session_id);
	sa->peer_port = sa->encap == ESPGW_ENCAP_UDP ? sa->dport : 500;
	if (tb[ESPGW_SA_A_PEER_PORT])
		sa->peer_port = nla_get_u16(tb[ESPGW_SA_A_PEER_PORT]);
	return 0;
}

int sa_parse_item(struct nlattr *nest, void *sa)
{
	return sa_parse(nest, sa);
}

void sa_print_id(const struct sa *sa)
{
	print_string("dir", "sa %s", dir_name(sa->dir));
	print_uint("spi", " spi 0x%08llx", sa->spi);
	print_addr("local", " local %s", &sa->local);
	print_addr("remote", " remote %s", &sa->remote);
	print_opt_uint("flow", " flow %llu", sa->has_flow, sa->flow_id);
}

/* "alg NAME BITS encap udp S:D esn replay-window N seq N" */
static void print_transform(const struct sa *sa)
{
	bool udp = sa->encap == ESPGW_ENCAP_UDP;

	print_optional("alg", "    alg %s", sa->alg);
	print_uint("key_bits", " %llu", sa->key_bits);
	print_string("encap", udp ? " encap %s" : NULL, udp ? "udp" : "none");
	print_opt_uint("sport", " %llu", udp, sa->sport);
	print_opt_uint("dport", ":%llu", udp, sa->dport);
	print_bool("esn", " esn", sa->esn);
	print_opt_uint("replay_window", " replay-window %llu",
		       sa->has_replay_window, sa->replay_window);
	print_opt_uint("seq", " seq %llu", sa->has_seq, sa->seq);
	print_nl();
}

static void print_lifetime(const char *key, const struct lifetime *lt)
{
	print_text(" %s", key);
	print_open_object(key);
	print_uint("bytes", " bytes %llu", lt->bytes);
	print_uint("packets", " packets %llu", lt->packets);
	print_uint("seconds", " seconds %llu", lt->seconds);
	print_close_object();
}

/* "added 2026-11-27 03:00:00" in local time; JSON: seconds since the epoch. */
static void print_add_time(const struct sa *sa)
{
	time_t t = (time_t)sa->add_time;
	char buf[32] = "?";
	struct tm tm;

	print_opt_uint("add_time", NULL, sa->has_add_time, sa->add_time);
	if (!sa->has_add_time)
		return;
	if (localtime_r(&t, &tm))
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	print_text("    added %s\n", buf);
}

void sa_print(const struct sa *sa, bool stats)
{
	print_open_object(NULL);
	sa_print_id(sa);
	print_nl();
	print_transform(sa);
	print_text("    lifetime");
	print_open_object("lifetime");
	print_lifetime("soft", &sa->soft);
	print_lifetime("hard", &sa->hard);
	print_close_object();
	print_bool("soft_expired", " soft-expired", sa->soft_expired);
	print_nl();
	print_add_time(sa);
	if (stats && sa->has_stats) {
		print_text("   ");
		sa_print_stats(sa);
		print_nl();
	} else if (stats) {
		print_null("stats");
	}
	print_close_object();
}

void sa_print_stats(const struct sa *sa)
{
	if (!sa->has_stats) {
		print_null("stats");
		return;
	}
	print_text(" stats");
	print_open_object("stats");
	stats_print_dir(sa->dir == ESPGW_DIR_IN ? &sa->stats.in : &sa->stats.out);
	print_close_object();
}

static int sa_item(uint8_t cmd, struct nlattr **attrs, void *print)
{
	struct sa sa;

	(void)cmd;
	if (sa_parse(attrs[ESPGW_A_SA], &sa) < 0)
		return -EBADMSG;
	if (*(bool *)print)
		sa_print(&sa, show_stats);
	return 0;
}

static int sa_add(int argc, char **argv)
{
	struct sa_args a = { .add = true };
	int ret;

	ret = parse_args(argc, argv, &a) ?: check_add(&a);
	if (ret)
		return ret;
	/* Last: a wrong command line leaves stdin unread. */
	if (key_read(a.key_file, a.alg, a.key, &a.key_len) < 0)
		return EXIT_USAGE;
	ret = espgw_do(ESPGW_CMD_NEW_SA, put_sa, &a);
	key_wipe(a.key, sizeof(a.key));
	return ret;
}

static int sa_by_id(const char *verb, int argc, char **argv)
{
	struct sa_args a = { .del = !strcmp(verb, "del") };
	int ret;

	ret = parse_args(argc, argv, &a) ?: check_id(verb, &a);
	if (ret)
		return ret;
	if (!strcmp(verb, "del"))
		return espgw_do(ESPGW_CMD_DEL_SA, put_sa, &a);
	return espgw_show(ESPGW_CMD_GET_SA, put_sa, &a, sa_item, SHOW_LIST);
}

int cmd_sa(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "add"))
		return sa_add(argc - 2, argv + 2);
	if (argc > 1 && (!strcmp(argv[1], "del") || !strcmp(argv[1], "get")))
		return sa_by_id(argv[1], argc - 2, argv + 2);
	return espgw_show_all(argc, argv, ESPGW_CMD_GET_SA, sa_item);
}
