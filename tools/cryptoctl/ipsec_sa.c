// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "ipsec_sa.h"
#include "print.h"
#include "util.h"

/* Where a wrapped list of drop reasons goes on. */
#define WRAP_COLUMN	78

/* Orders SAs by flow, those without one last. */
static int flow_cmp(const struct sa *a, bool has_flow, uint32_t id)
{
	if (a->has_flow != has_flow)
		return a->has_flow ? -1 : 1;
	if (!has_flow || a->flow_id == id)
		return 0;
	return a->flow_id < id ? -1 : 1;
}

/* By flow, inbound first, oldest first. */
static int sa_cmp(const void *x, const void *y)
{
	const struct sa *a = x, *b = y;
	int ret = flow_cmp(a, b->has_flow, b->flow_id);

	if (ret)
		return ret;
	if (a->dir != b->dir)
		return a->dir < b->dir ? -1 : 1;
	if (a->add_time != b->add_time)
		return a->add_time < b->add_time ? -1 : 1;
	return a->spi < b->spi ? -1 : a->spi > b->spi;
}

/* The SAs of a flow, or those without one: consecutive once sorted. */
struct sa_range {
	const struct sa *v;
	size_t n;
};

/* The SAs of flow @id, or with @has_flow false those without a flow. */
static struct sa_range sas_of(const struct ipsec_table *t, bool has_flow,
			      uint32_t id)
{
	size_t lo = 0, hi = t->n_sas, mid;
	struct sa_range r = { t->sas, 0 };

	if (!t->n_sas)
		return r;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (flow_cmp(&t->sas[mid], has_flow, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	r.v = t->sas + lo;
	while (lo + r.n < t->n_sas && !flow_cmp(&r.v[r.n], has_flow, id))
		r.n++;
	return r;
}

/* Whether the block of @f (NULL: no flow) and its SAs @r is @peer's. */
static bool block_has_peer(const struct flow *f, struct sa_range r,
			   const struct ip_addr *peer)
{
	size_t i;

	if (!peer->family || (f && addr_equal(&f->peer, peer)))
		return true;
	for (i = 0; i < r.n; i++)
		if (addr_equal(&r.v[i].remote, peer))
			return true;
	return false;
}

/* The outbound SA in use, else the first: whose peer and endpoints show. */
static const struct sa *current_sa(const struct flow *f, struct sa_range r)
{
	size_t i;

	for (i = 0; f && f->has_out_spi && i < r.n; i++)
		if (r.v[i].dir == ESPGW_DIR_OUT && r.v[i].spi == f->out_spi)
			return &r.v[i];
	return r.n ? r.v : NULL;
}

static void ident_text(const char *which, const struct ip_prefix *p,
		       uint8_t proto, uint16_t port)
{
	char addr[ADDR_STRLEN], mask[16];

	print_text("   %s ident (addr/mask/prot/port): (%s/%s/%u/%u)\n", which,
		   addr_str(&p->addr, addr, sizeof(addr)),
		   prefix_mask(p, mask, sizeof(mask)), proto, port);
}

static void null_selector_json(void)
{
	static const char *const keys[] = {
		"id", "selector", "protocol", "local", "remote",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		print_null(keys[i]);
}

/* "interface: Tunnel0", the flow and its selectors. */
static void head(const struct flow *f)
{
	char dev[IF_NAMESIZE];

	print_optional("interface", "interface: %s\n",
		       f ? dev_name(f->ifindex, dev) : NULL);
	print_opt_uint("ifindex", NULL, f, f ? f->ifindex : 0);
	if (!f) {
		print_text("    flow: (none)\n\n");
		null_selector_json();
		return;
	}
	print_text("    flow: %u\n\n", f->id);
	flow_print_selector_json(f);
	ident_text("local ", &f->local, f->proto, f->local_port);
	ident_text("remote", &f->remote, f->proto, f->remote_port);
}

/* The current SA's peer, else the one the flow names. */
static void current_peer(const struct flow *f, const struct sa *sa)
{
	const struct ip_addr *a = sa ? &sa->remote : f ? &f->peer : NULL;
	uint16_t port = sa ? sa->peer_port : f ? f->peer_port : 0;
	char addr[ADDR_STRLEN];

	if (!a || !a->family) {
		print_text("   current_peer (none)\n");
		print_null("current_peer");
	} else {
		print_text("   current_peer %s port %u\n",
			   addr_str(a, addr, sizeof(addr)), port);
		print_endpoint("current_peer", a, port);
	}
	print_text("     PERMIT, flags={origin_is_acl,}\n");
}

/* "#recv drops: replay 0, integrity 0, ...", wrapped below @indent. */
static void drops_text(const char *label, const char *indent,
		       const struct stats_dir *d, unsigned int dir)
{
	size_t col = strlen(label), len;
	bool first = true;
	char item[48];
	unsigned int r;

	print_text("%s", label);
	for (r = 1; r <= ESPGW_DROP_MAX; r++) {
		if (!drop_reason_applies(r, dir) && !d->drops[r])
			continue;
		len = (size_t)snprintf(item, sizeof(item), "%s %llu",
				       drop_reason_name(r),
				       (unsigned long long)d->drops[r]);
		if (!first && col + len + 2 > WRAP_COLUMN) {
			print_text(",\n%s", indent);
			col = strlen(indent);
		} else if (!first) {
			print_text(", ");
			col += 2;
		}
		print_text("%s", item);
		col += len;
		first = false;
	}
	print_nl();
}

static void flow_counters(const struct flow *f)
{
	const struct stats_dir *out = &f->stats.out, *in = &f->stats.in;
	unsigned long long o = out->packets, i = in->packets;

	print_text("    #pkts encaps: %llu, #pkts encrypt: %llu, #pkts digest: %llu\n",
		   o, o, o);
	print_text("    #pkts decaps: %llu, #pkts decrypt: %llu, #pkts verify: %llu\n",
		   i, i, i);
	print_text("    #bytes encaps: %llu, #bytes decaps: %llu\n",
		   (unsigned long long)out->bytes, (unsigned long long)in->bytes);
	print_text("    #send errors %llu, #recv errors %llu\n",
		   (unsigned long long)stats_drops_total(out),
		   (unsigned long long)stats_drops_total(in));
	drops_text("    #send drops: ", "        ", out, STATS_OUT);
	drops_text("    #recv drops: ", "        ", in, STATS_IN);
	print_open_object("outbound");
	stats_print_counters_json(out);
	print_close_object();
	print_open_object("inbound");
	stats_print_counters_json(in);
	print_close_object();
}

static void endpoints(const struct flow *f, const struct sa *sa)
{
	char l[ADDR_STRLEN] = "(none)", r[ADDR_STRLEN] = "(none)";
	bool has_spi = f && f->has_out_spi;
	uint32_t spi = has_spi ? f->out_spi : 0;

	if (sa) {
		addr_str(&sa->local, l, sizeof(l));
		addr_str(&sa->remote, r, sizeof(r));
	}
	print_text("\n     local crypto endpt.: %s, remote crypto endpt.: %s\n",
		   l, r);
	print_text("     current outbound spi: 0x%08X(%u)\n", spi, spi);
	print_addr("local_endpoint", NULL, sa ? &sa->local : &(struct ip_addr){ 0 });
	print_addr("remote_endpoint", NULL, sa ? &sa->remote : &(struct ip_addr){ 0 });
	print_opt_uint("current_outbound_spi", NULL, has_spi, spi);
}

/* Cisco's names for the transforms it knows. */
static const struct {
	const char *alg, *cipher, *auth;
	bool bits;
} transforms[] = {
	{ "rfc4106(gcm(aes))", "esp-gcm", NULL, true },
	{ "rfc7539esp(chacha20,poly1305)", "esp-chacha20-poly1305", NULL, false },
	{ "authenc(hmac(sha256),cbc(aes))", "esp-aes", "esp-sha256-hmac", true },
};

static const char *transform(const struct sa *sa, char *buf, size_t len)
{
	size_t i;

	for (i = 0; sa->alg && i < ARRAY_SIZE(transforms); i++) {
		if (strcmp(sa->alg, transforms[i].alg))
			continue;
		snprintf(buf, len, "%s", transforms[i].cipher);
		if (transforms[i].bits)
			snprintf(buf + strlen(buf), len - strlen(buf), " %u",
				 sa->key_bits);
		if (transforms[i].auth)
			snprintf(buf + strlen(buf), len - strlen(buf), " %s",
				 transforms[i].auth);
		return buf;
	}
	snprintf(buf, len, "%s %u", sa->alg ? sa->alg : "unknown", sa->key_bits);
	return buf;
}

static uint64_t left_of(uint64_t limit, uint64_t used)
{
	return limit > used ? limit - used : 0;
}

/* What is left of the SA's hard limits on bytes and seconds. */
static void sa_remaining(const struct sa *sa, const struct stats_dir *d,
			 uint64_t now, struct lifetime *left)
{
	uint64_t age = sa->has_add_time ? left_of(now, sa->add_time) : 0;

	memset(left, 0, sizeof(*left));
	left->has_bytes = sa->hard.bytes;
	left->bytes = left_of(sa->hard.bytes, d->bytes);
	left->has_seconds = sa->hard.seconds;
	left->seconds = left_of(sa->hard.seconds, age);
}

static void sa_timing(const struct lifetime *left)
{
	char kb[24] = "none", sec[24] = "none";

	if (left->has_bytes)
		snprintf(kb, sizeof(kb), "%llu", (unsigned long long)(left->bytes / 1024));
	if (left->has_seconds)
		snprintf(sec, sizeof(sec), "%llu", (unsigned long long)left->seconds);
	print_text("        sa timing: remaining key lifetime (k/sec): (%s/%s)\n",
		   kb, sec);
	print_remaining_json(left);
}

static void sa_settings(const struct sa *sa)
{
	bool udp = sa->encap == ESPGW_ENCAP_UDP;
	char t[96];

	print_string("transform", "        transform: %s ,\n", transform(sa, t, sizeof(t)));
	print_optional("alg", NULL, sa->alg);
	print_uint("key_bits", NULL, sa->key_bits);
	print_text("        in use settings ={Tunnel, ");
	print_string("encap", udp ? "UDP-Encaps " : NULL, udp ? "udp" : "none");
	print_opt_uint("sport", "%llu", udp, sa->sport);
	print_opt_uint("dport", ":%llu, ", udp, sa->dport);
	print_bool("esn", "ESN, ", sa->esn);
	print_text("}\n");
}

static void sa_replay(const struct sa *sa)
{
	bool in = sa->dir == ESPGW_DIR_IN;

	if (in)
		print_text("        replay detection support: %s, window %u\n",
			   sa->replay_window ? "Y" : "N", sa->replay_window);
	print_opt_uint("replay_window", NULL, in && sa->has_replay_window,
		       sa->replay_window);
	print_opt_uint("seq", "        sequence number: %llu\n", sa->has_seq,
		       sa->seq);
}

static void sa_counters(const struct sa *sa, const struct stats_dir *d)
{
	unsigned int dir = sa->dir == ESPGW_DIR_IN ? STATS_IN : STATS_OUT;

	print_text("        #pkts %llu, #bytes %llu, #drops %llu\n",
		   (unsigned long long)d->packets, (unsigned long long)d->bytes,
		   (unsigned long long)stats_drops_total(d));
	drops_text("        drops: ", "          ", d, dir);
	stats_print_counters_json(d);
}

static void sa_block(const struct sa *sa, uint64_t now)
{
	const struct stats_dir *d = sa->dir == ESPGW_DIR_IN ? &sa->stats.in :
							      &sa->stats.out;
	struct lifetime left;

	print_open_object(NULL);
	print_text("      spi: 0x%08X(%u)\n", sa->spi, sa->spi);
	print_uint("spi", NULL, sa->spi);
	sa_settings(sa);
	sa_remaining(sa, d, now, &left);
	sa_timing(&left);
	sa_replay(sa);
	sa_counters(sa, d);
	print_string("status", "        Status: %s", "ACTIVE");
	print_bool("soft_expired", " (soft lifetime reached)", sa->soft_expired);
	print_nl();
	print_opt_uint("session", NULL, sa->has_session, sa->session_id);
	print_close_object();
}

static void sa_list(const char *dir_name, uint8_t dir, struct sa_range r,
		    uint64_t now)
{
	char key[16];
	size_t i;

	snprintf(key, sizeof(key), "%s_sas", dir_name);
	print_text("\n     %s esp sas:\n", dir_name);
	print_open_array(key);
	for (i = 0; i < r.n; i++)
		if (r.v[i].dir == dir)
			sa_block(&r.v[i], now);
	print_close_array();
}

static void block(const struct flow *f, struct sa_range r, uint64_t now)
{
	const struct sa *cur = current_sa(f, r);

	print_open_object(NULL);
	head(f);
	current_peer(f, cur);
	if (f) {
		flow_counters(f);
	} else {
		print_null("outbound");
		print_null("inbound");
	}
	endpoints(f, cur);
	sa_list("inbound", ESPGW_DIR_IN, r, now);
	sa_list("outbound", ESPGW_DIR_OUT, r, now);
	print_close_object();
}

void ipsec_print(struct ipsec_table *t, const struct ip_addr *peer,
		 uint64_t now)
{
	struct sa_range r;
	size_t i, n = 0;

	if (t->n_sas)
		qsort(t->sas, t->n_sas, sizeof(*t->sas), sa_cmp);
	print_open_array(NULL);
	for (i = 0; i < t->n_flows; i++) {
		r = sas_of(t, true, t->flows[i].id);
		if (!block_has_peer(&t->flows[i], r, peer))
			continue;
		if (n++)
			print_nl();
		block(&t->flows[i], r, now);
	}
	r = sas_of(t, false, 0);
	if (r.n && block_has_peer(NULL, r, peer)) {
		if (n)
			print_nl();
		block(NULL, r, now);
	}
	print_close_array();
}
