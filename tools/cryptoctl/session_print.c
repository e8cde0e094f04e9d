// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "print.h"
#include "session_print.h"
#include "stats.h"
#include "util.h"

/* Seconds from @then to @now, 0 if @then is later. */
static uint64_t since(uint64_t then, uint64_t now)
{
	return now > then ? now - then : 0;
}

static bool has_uptime(const struct session *s)
{
	return session_status_up(s->status) && s->has_up_time;
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

/* Text: "Interface: Tunnel0" and "Session status: UP-ACTIVE". */
static void head_text(const struct session *s)
{
	char dev[IF_NAMESIZE];

	print_text("Interface: %s\nSession status: %s\n", session_ifname(s, dev),
		   session_status_text(s->status));
}

/* Detail: "Peer: A port N fvrf: F ivrf: I" and what Cisco adds below it. */
static void peer_detail_text(const struct session *s, uint64_t now)
{
	char addr[ADDR_STRLEN], fvrf[IF_NAMESIZE], ivrf[IF_NAMESIZE];
	char t[DURATION_STRLEN];
	const char *desc = session_description(s), *id = session_phase1_id(s);

	print_text("Peer: %s port %u fvrf: %s ivrf: %s\n",
		   addr_str(&s->remote, addr, sizeof(addr)), s->remote_port,
		   or_none(session_fvrf(s, fvrf)), or_none(session_ivrf(s, ivrf)));
	if (desc)
		print_text("  Desc: %s\n", desc);
	if (id)
		print_text("  Phase1_id: %s\n", id);
	if (has_uptime(s))
		print_text("  Uptime: %s\n",
			   duration_uptime(since(s->up_time, now), t, sizeof(t)));
	if (s->has_down_time)
		print_text("  Last DOWN: %s ago, reason: %s\n",
			   duration_uptime(since(s->down_time, now), t, sizeof(t)),
			   reason_text(s->down_reason));
}

static void ike_sa_text(const struct ike_sa *ike, bool detail)
{
	char local[ENDPOINT_STRLEN], remote[ENDPOINT_STRLEN], caps[8];
	char life[DURATION_STRLEN];

	print_text("  IKE SA: local %s remote %s %s\n",
		   endpoint_str(&ike->local, ike->local_port, local, sizeof(local)),
		   endpoint_str(&ike->remote, ike->remote_port, remote, sizeof(remote)),
		   ike_state_text(ike->state));
	if (!detail)
		return;
	ike_caps_letters(ike->capabilities, caps);
	print_text("    Capabilities:%s connid:%u lifetime:%s\n",
		   caps[0] ? caps : "(none)", ike->connid,
		   ike_sa_unlimited(ike) ? "(none)" :
		   duration_hms(ike->lifetime, life, sizeof(life)));
}

/* "Inbound: #pkts dec'ed 4 drop 0 life (KB/Sec) 4605665/2949" */
static void direction_text(const char *name, const char *verb,
			   const struct stats_dir *d, const struct lifetime *left)
{
	print_text("    %s: #pkts %s %llu drop %llu life (KB/Sec) %llu/%llu\n",
		   name, verb, (unsigned long long)d->packets,
		   (unsigned long long)stats_drops_total(d),
		   (unsigned long long)(left->has_bytes ? left->bytes / 1024 : 0),
		   (unsigned long long)(left->has_seconds ? left->seconds : 0));
}

static void flow_text(const struct flow *f, bool detail)
{
	char sel[SELECTOR_STRLEN];

	print_text("  IPSEC FLOW: %s\n", flow_selector(f, sel, sizeof(sel)));
	print_text("    Active SAs: %u, origin: crypto map\n", f->sa_count);
	if (!detail)
		return;
	direction_text("Inbound", "dec'ed", &f->stats.in, &f->in_remaining);
	direction_text("Outbound", "enc'ed", &f->stats.out, &f->out_remaining);
}

static void session_text(const struct session *s, bool detail, uint64_t now)
{
	char addr[ADDR_STRLEN];
	size_t i;

	head_text(s);
	if (detail)
		peer_detail_text(s, now);
	else
		print_text("Peer: %s/%u\n", addr_str(&s->remote, addr, sizeof(addr)),
			   s->remote_port);
	for (i = 0; i < s->n_ike_sas; i++)
		ike_sa_text(&s->ike_sas[i], detail);
	for (i = 0; i < s->n_flows; i++)
		flow_text(&s->flows[i], detail);
}

static void direction_json(const char *key, const struct stats_dir *d,
			   bool has_spi, uint32_t spi, const struct lifetime *left)
{
	print_open_object(key);
	stats_print_counters_json(d);
	print_opt_uint("spi", NULL, has_spi, spi);
	print_remaining_json(left);
	print_close_object();
}

static void flow_json(const struct flow *f)
{
	print_open_object(NULL);
	flow_print_selector_json(f);
	print_uint("active_sas", NULL, f->sa_count);
	print_string("origin", NULL, "crypto map");
	direction_json("inbound", &f->stats.in, f->has_in_spi, f->in_spi,
		       &f->in_remaining);
	direction_json("outbound", &f->stats.out, f->has_out_spi, f->out_spi,
		       &f->out_remaining);
	print_close_object();
}

static void last_down_json(const struct session *s)
{
	if (!s->has_down_time) {
		print_null("last_down");
		return;
	}
	print_open_object("last_down");
	print_string("reason", NULL, reason_text(s->down_reason));
	print_uint("time", NULL, s->down_time);
	print_close_object();
}

static void lists_json(const struct session *s)
{
	size_t i;

	print_open_array("ike_sas");
	for (i = 0; i < s->n_ike_sas; i++)
		ike_sa_print_json(&s->ike_sas[i], false);
	print_close_array();
	print_open_array("flows");
	for (i = 0; i < s->n_flows; i++)
		flow_json(&s->flows[i]);
	print_close_array();
}

void session_print_json(const char *key, const struct session *s,
			uint64_t now, bool lists)
{
	char dev[IF_NAMESIZE], fvrf[IF_NAMESIZE], ivrf[IF_NAMESIZE];

	print_open_object(key);
	print_string("interface", NULL, session_ifname(s, dev));
	print_uint("ifindex", NULL, s->ifindex);
	print_uint("id", NULL, s->id);
	print_string("status", NULL, session_status_text(s->status));
	print_endpoint("local", &s->local, s->local_port);
	print_endpoint("remote", &s->remote, s->remote_port);
	print_string("fvrf", NULL, session_fvrf(s, fvrf));
	print_string("ivrf", NULL, session_ivrf(s, ivrf));
	print_string("description", NULL, session_description(s));
	print_string("phase1_id", NULL, session_phase1_id(s));
	print_opt_uint("uptime", NULL, has_uptime(s), since(s->up_time, now));
	print_opt_uint("up_since", NULL, has_uptime(s), s->up_time);
	last_down_json(s);
	if (lists)
		lists_json(s);
	print_close_object();
}

#define BRIEF_ROW "%-16s %-12s %-15s %-24s %-8s %s\n"

static void brief_row(const struct session *s, uint64_t now)
{
	char addr[ADDR_STRLEN], dev[IF_NAMESIZE], up[DURATION_STRLEN] = "-";
	const char *id = session_phase1_id(s);

	if (has_uptime(s))
		duration_uptime(since(s->up_time, now), up, sizeof(up));
	print_text(BRIEF_ROW, addr_str(&s->remote, addr, sizeof(addr)),
		   session_ifname(s, dev), "", id ? id : "", up,
		   session_status_code(s->status));
}

/* The ivrf group of v[first]: its heading and every session in it. */
static void brief_group(const struct session *const *v, size_t n, size_t first,
			uint64_t now)
{
	char ivrf[IF_NAMESIZE];
	size_t i;

	if (first)
		print_nl();
	print_text("ivrf = %s\n", or_none(session_ivrf(v[first], ivrf)));
	print_text(BRIEF_ROW, " Peer", "I/F", "Username", "Group/Phase1_id",
		   "Uptime", "Status");
	for (i = first; i < n; i++)
		if (v[i]->ivrf == v[first]->ivrf)
			brief_row(v[i], now);
}

/* Whether a session before v[i] is in the same ivrf. */
static bool group_seen(const struct session *const *v, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (v[j]->ivrf == v[i]->ivrf)
			return true;
	return false;
}

static void brief_text(const struct session *const *v, size_t n, uint64_t now)
{
	size_t i;

	print_text("Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating\n"
		   "        K - No IKE\n");
	for (i = 0; i < n; i++)
		if (!group_seen(v, i))
			brief_group(v, n, i, now);
}

/* Summary lines and keys, in Cisco's order of statuses. */
static const struct {
	uint8_t status;
	const char *key;
} summary_statuses[] = {
	{ ESPGW_SESSION_UP_ACTIVE, "up_active" },
	{ ESPGW_SESSION_UP_IDLE, "up_idle" },
	{ ESPGW_SESSION_UP_NO_IKE, "up_no_ike" },
	{ ESPGW_SESSION_DOWN_NEGOTIATING, "down_negotiating" },
	{ ESPGW_SESSION_DOWN, "down" },
};

struct summary {
	uint64_t by_status[ARRAY_SIZE(summary_statuses)];
	uint64_t ike_sas, ike_active, ike_inactive, ipsec_sas;
};

static void summary_add(struct summary *sum, const struct session *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(summary_statuses); i++)
		sum->by_status[i] += s->status == summary_statuses[i].status;
	sum->ike_sas += s->n_ike_sas;
	for (i = 0; i < s->n_ike_sas; i++) {
		sum->ike_active += s->ike_sas[i].state == ESPGW_IKE_STATE_ESTABLISHED;
		sum->ike_inactive += s->ike_sas[i].state == ESPGW_IKE_STATE_NEGOTIATING;
	}
	if (s->has_sa_count) {
		sum->ipsec_sas += s->sa_count;
		return;
	}
	for (i = 0; i < s->n_flows; i++)
		sum->ipsec_sas += s->flows[i].sa_count;
}

static void summary_print(const struct session *const *v, size_t n)
{
	struct summary sum = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		summary_add(&sum, v[i]);
	print_text("Crypto sessions summary\n\n");
	print_open_object(NULL);
	print_open_object("sessions");
	print_uint("total", "Total sessions: %llu\n", n);
	for (i = 0; i < ARRAY_SIZE(summary_statuses); i++) {
		print_text("  %s", session_status_text(summary_statuses[i].status));
		print_uint(summary_statuses[i].key, ": %llu\n", sum.by_status[i]);
	}
	print_close_object();
	print_open_object("ike_sas");
	print_uint("total", "Total IKE SAs: %llu", sum.ike_sas);
	print_uint("active", ", Active: %llu", sum.ike_active);
	print_uint("inactive", ", Inactive: %llu\n", sum.ike_inactive);
	print_close_object();
	print_uint("ipsec_sas", "Total IPsec SAs: %llu\n", sum.ipsec_sas);
	print_close_object();
}

/* Plain and detail: sessions a blank line apart; JSON: the array. */
static void sessions_text(const struct session *const *v, size_t n,
			  bool detail, uint64_t now)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			print_nl();
		session_text(v[i], detail, now);
	}
}

void sessions_print(const struct session *const *v, size_t n,
		    enum session_form form, uint64_t now)
{
	size_t i;

	if (form == FORM_SUMMARY) {
		summary_print(v, n);
		return;
	}
	print_open_array(NULL);
	for (i = 0; i < n; i++)
		session_print_json(NULL, v[i], now, true);
	print_close_array();
	if (form == FORM_PLAIN)
		print_text("Crypto session current status\n\n");
	if (form == FORM_BRIEF)
		brief_text(v, n, now);
	else
		sessions_text(v, n, form == FORM_DETAIL, now);
}

/* Appends to @buf at *@pos, as far as it goes. */
static void __attribute__((format(printf, 4, 5)))
append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n;
}

const char *session_log_line(const struct session *s, char *buf, size_t len)
{
	const char *desc = session_description(s), *id = session_phase1_id(s);
	bool v6 = s->remote.family == AF_INET6;
	char addr[ADDR_STRLEN];
	size_t pos = 0;

	buf[0] = '\0';
	append(buf, len, &pos,
	       "%%CRYPTO-5-SESSION_STATUS: Crypto session is %s. Peer %s%s%s:%u",
	       session_status_up(s->status) ? "UP" : "DOWN", v6 ? "[" : "",
	       addr_str(&s->remote, addr, sizeof(addr)), v6 ? "]" : "",
	       s->remote_port);
	/* The names only, as the kernel writes them: none for a VRF gone. */
	if (s->fvrf_name[0])
		append(buf, len, &pos, " fvrf=%s", s->fvrf_name);
	if (s->ivrf_name[0])
		append(buf, len, &pos, " ivrf=%s", s->ivrf_name);
	if (desc)
		append(buf, len, &pos, " Description: %s", desc);
	if (id)
		append(buf, len, &pos, " Id: %s", id);
	return buf;
}
