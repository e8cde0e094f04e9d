// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "session.h"
#include "util.h"

static struct nla_policy session_policy[ESPGW_SESSION_A_MAX + 1] = {
	[ESPGW_SESSION_A_ID] = { .type = NLA_U32 },
	[ESPGW_SESSION_A_IFINDEX] = { .type = NLA_U32 },
	[ESPGW_SESSION_A_IFNAME] = { .type = NLA_STRING },
	[ESPGW_SESSION_A_FVRF] = { .type = NLA_U32 },
	[ESPGW_SESSION_A_FVRF_NAME] = { .type = NLA_STRING },
	[ESPGW_SESSION_A_IVRF] = { .type = NLA_U32 },
	[ESPGW_SESSION_A_IVRF_NAME] = { .type = NLA_STRING },
	[ESPGW_SESSION_A_LOCAL_PORT] = { .type = NLA_U16 },
	[ESPGW_SESSION_A_REMOTE_PORT] = { .type = NLA_U16 },
	[ESPGW_SESSION_A_STATUS] = { .type = NLA_U8 },
	[ESPGW_SESSION_A_UP_TIME] = { .type = NLA_U64 },
	[ESPGW_SESSION_A_DOWN_REASON] = { .type = NLA_U8 },
	[ESPGW_SESSION_A_DOWN_TIME] = { .type = NLA_U64 },
	[ESPGW_SESSION_A_PEER] = { .type = NLA_NESTED },
	[ESPGW_SESSION_A_IKE_SAS] = { .type = NLA_NESTED },
	[ESPGW_SESSION_A_FLOWS] = { .type = NLA_NESTED },
	[ESPGW_SESSION_A_MORE] = { .type = NLA_FLAG },
	[ESPGW_SESSION_A_SA_COUNT] = { .type = NLA_U32 },
	[ESPGW_SESSION_A_PHASE1_ID] = { .type = NLA_STRING },
};

/* How many attributes @nest holds; each must be of @type, none cut short. */
static int count_items(struct nlattr *nest, int type, size_t *n)
{
	struct nlattr *nla;
	int rem;

	*n = 0;
	nla_for_each_nested(nla, nest, rem) {
		if (nla_type(nla) != type)
			return -EBADMSG;
		(*n)++;
	}
	return rem > 0 ? -EBADMSG : 0;
}

/*
 * Appends the items of list nest @nest (NULL: none) to the array *@v of *@n
 * items of @size bytes.
 */
static int append_items(struct nlattr *nest, int type, void **v, size_t *n,
			size_t size, item_parse_fn parse)
{
	struct nlattr *nla;
	size_t count;
	void *grown;
	int rem;

	if (!nest)
		return 0;
	if (count_items(nest, type, &count) < 0)
		return -EBADMSG;
	if (!count)
		return 0;
	grown = reallocarray(*v, *n + count, size);
	if (!grown)
		return -ENOMEM;
	*v = grown;
	nla_for_each_nested(nla, nest, rem) {
		if (parse(nla, (char *)*v + *n * size) < 0)
			return -EBADMSG;
		(*n)++;
	}
	return 0;
}

/* Whether @s has an IKE SA with @connid. */
static bool has_ike_sa(const struct session *s, size_t n, uint32_t connid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s->ike_sas[i].connid == connid)
			return true;
	return false;
}

/*
 * Drops the IKE SAs appended from the first @n on that @s had already: a
 * continuation may repeat them (the kernel's does, with the whole head).
 */
static void drop_repeated(struct session *s, size_t n)
{
	size_t i, kept = n;

	for (i = n; i < s->n_ike_sas; i++)
		if (!has_ike_sa(s, n, s->ike_sas[i].connid))
			s->ike_sas[kept++] = s->ike_sas[i];
	s->n_ike_sas = kept;
}

/* What every message of a session may carry: IKE SAs, flows, MORE. */
static int session_append(struct nlattr **tb, struct session *s)
{
	size_t had = s->n_ike_sas;
	int ret;

	s->more = tb[ESPGW_SESSION_A_MORE];
	ret = append_items(tb[ESPGW_SESSION_A_IKE_SAS], ESPGW_A_IKE_SA,
			   (void **)&s->ike_sas, &s->n_ike_sas,
			   sizeof(*s->ike_sas), ike_sa_parse_item) ?:
	      append_items(tb[ESPGW_SESSION_A_FLOWS], ESPGW_A_FLOW,
			   (void **)&s->flows, &s->n_flows, sizeof(*s->flows),
			   flow_parse_item);
	if (had)
		drop_repeated(s, had);
	return ret;
}

static int session_strings(struct nlattr **tb, struct session *s)
{
	return get_string(tb[ESPGW_SESSION_A_IFNAME], s->ifname,
			  sizeof(s->ifname)) ?:
	       get_string(tb[ESPGW_SESSION_A_FVRF_NAME], s->fvrf_name,
			  sizeof(s->fvrf_name)) ?:
	       get_string(tb[ESPGW_SESSION_A_IVRF_NAME], s->ivrf_name,
			  sizeof(s->ivrf_name)) ?:
	       get_string(tb[ESPGW_SESSION_A_PHASE1_ID], s->phase1_id,
			  sizeof(s->phase1_id));
}

static int session_addrs(struct nlattr **tb, struct session *s)
{
	struct nlattr *local = tb[ESPGW_SESSION_A_LOCAL_ADDR];

	if (!tb[ESPGW_SESSION_A_REMOTE_ADDR] ||
	    get_addr(tb[ESPGW_SESSION_A_REMOTE_ADDR], &s->remote) < 0 ||
	    (local && get_addr(local, &s->local) < 0))
		return -EBADMSG;
	s->local_port = tb[ESPGW_SESSION_A_LOCAL_PORT] ?
			nla_get_u16(tb[ESPGW_SESSION_A_LOCAL_PORT]) : 500;
	s->remote_port = tb[ESPGW_SESSION_A_REMOTE_PORT] ?
			 nla_get_u16(tb[ESPGW_SESSION_A_REMOTE_PORT]) : 500;
	return 0;
}

/* The first message's fields, all but the lists. */
static int session_fields(struct nlattr **tb, struct session *s)
{
	if (!tb[ESPGW_SESSION_A_ID] || !tb[ESPGW_SESSION_A_IFINDEX] ||
	    !tb[ESPGW_SESSION_A_STATUS] || session_addrs(tb, s) < 0 ||
	    session_strings(tb, s) < 0)
		return -EBADMSG;
	s->has_peer = tb[ESPGW_SESSION_A_PEER];
	if (s->has_peer && peer_parse_any(tb[ESPGW_SESSION_A_PEER], &s->peer) < 0)
		return -EBADMSG;
	s->id = nla_get_u32(tb[ESPGW_SESSION_A_ID]);
	s->ifindex = nla_get_u32(tb[ESPGW_SESSION_A_IFINDEX]);
	s->status = nla_get_u8(tb[ESPGW_SESSION_A_STATUS]);
	get_opt_u32(tb[ESPGW_SESSION_A_FVRF], &s->fvrf);
	get_opt_u32(tb[ESPGW_SESSION_A_IVRF], &s->ivrf);
	s->has_sa_count = get_opt_u32(tb[ESPGW_SESSION_A_SA_COUNT], &s->sa_count);
	s->has_up_time = get_opt_u64(tb[ESPGW_SESSION_A_UP_TIME], &s->up_time);
	s->has_down_time = get_opt_u64(tb[ESPGW_SESSION_A_DOWN_TIME],
				       &s->down_time);
	if (tb[ESPGW_SESSION_A_DOWN_REASON])
		s->down_reason = nla_get_u8(tb[ESPGW_SESSION_A_DOWN_REASON]);
	return 0;
}

static int parse_tb(struct nlattr *nest, struct nlattr **tb)
{
	if (!nest ||
	    nla_parse_nested(tb, ESPGW_SESSION_A_MAX, nest, session_policy) < 0 ||
	    !tb[ESPGW_SESSION_A_ID])
		return -EBADMSG;
	return 0;
}

int session_parse(struct nlattr *nest, struct session *s)
{
	struct nlattr *tb[ESPGW_SESSION_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	return parse_tb(nest, tb) ?: session_fields(tb, s) ?:
	       session_append(tb, s);
}

void session_free(struct session *s)
{
	free(s->ike_sas);
	free(s->flows);
	s->ike_sas = NULL;
	s->flows = NULL;
	s->n_ike_sas = 0;
	s->n_flows = 0;
}

int sessions_add(struct session_list *l, struct nlattr *nest)
{
	struct nlattr *tb[ESPGW_SESSION_A_MAX + 1];
	struct session *last = l->n ? &l->v[l->n - 1] : NULL;
	struct session *s;
	int ret;

	ret = parse_tb(nest, tb);
	if (ret < 0)
		return ret;
	if (last && last->more)
		return nla_get_u32(tb[ESPGW_SESSION_A_ID]) == last->id ?
		       session_append(tb, last) : -EBADMSG;
	ret = array_grow((void **)&l->v, l->n, &l->size, sizeof(*l->v));
	if (ret < 0)
		return ret;
	s = &l->v[l->n];
	memset(s, 0, sizeof(*s));
	ret = session_fields(tb, s) ?: session_append(tb, s);
	if (ret < 0)
		session_free(s);
	else
		l->n++;
	return ret;
}

int sessions_msg(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	(void)cmd;
	return sessions_add(arg, attrs[ESPGW_A_SESSION]);
}

int sessions_finish(const struct session_list *l)
{
	return l->n && l->v[l->n - 1].more ? -EBADMSG : 0;
}

void sessions_free(struct session_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		session_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const struct {
	const char *text, *code;
} statuses[] = {
	[ESPGW_SESSION_DOWN] = { "DOWN", "D" },
	[ESPGW_SESSION_DOWN_NEGOTIATING] = { "DOWN-NEGOTIATING", "DN" },
	[ESPGW_SESSION_UP_ACTIVE] = { "UP-ACTIVE", "UA" },
	[ESPGW_SESSION_UP_IDLE] = { "UP-IDLE", "UI" },
	[ESPGW_SESSION_UP_NO_IKE] = { "UP-NO-IKE", "UK" },
};

bool session_status_up(uint8_t status)
{
	return status == ESPGW_SESSION_UP_ACTIVE || status == ESPGW_SESSION_UP_IDLE ||
	       status == ESPGW_SESSION_UP_NO_IKE;
}

const char *session_status_text(uint8_t status)
{
	return TABLE_ENTRY(statuses, status, text, "UNKNOWN");
}

const char *session_status_code(uint8_t status)
{
	return TABLE_ENTRY(statuses, status, code, "?");
}

const char *session_ifname(const struct session *s, char *buf)
{
	return s->ifname[0] ? s->ifname : dev_name(s->ifindex, buf);
}

const char *session_fvrf(const struct session *s, char *buf)
{
	return vrf_name(s->fvrf, s->fvrf_name, buf);
}

const char *session_ivrf(const struct session *s, char *buf)
{
	return vrf_name(s->ivrf, s->ivrf_name, buf);
}

const char *session_phase1_id(const struct session *s)
{
	size_t i;

	if (s->phase1_id[0])
		return s->phase1_id;
	for (i = 0; i < s->n_ike_sas; i++)
		if (s->ike_sas[i].id[0])
			return s->ike_sas[i].id;
	return s->has_peer && s->peer.id[0] ? s->peer.id : NULL;
}

const char *session_description(const struct session *s)
{
	return s->has_peer && s->peer.description[0] ? s->peer.description : NULL;
}
