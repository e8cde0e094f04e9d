// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd_common.h"
#include "ike_sa.h"
#include "print.h"
#include "util.h"

static struct nla_policy ike_sa_policy[ESPGW_IKE_SA_A_MAX + 1] = {
	[ESPGW_IKE_SA_A_CONNID] = { .type = NLA_U32 },
	[ESPGW_IKE_SA_A_IFINDEX] = { .type = NLA_U32 },
	[ESPGW_IKE_SA_A_LOCAL_PORT] = { .type = NLA_U16 },
	[ESPGW_IKE_SA_A_REMOTE_PORT] = { .type = NLA_U16 },
	[ESPGW_IKE_SA_A_STATE] = { .type = NLA_U8 },
	[ESPGW_IKE_SA_A_VERSION] = { .type = NLA_U8 },
	[ESPGW_IKE_SA_A_CAPABILITIES] = { .type = NLA_U32 },
	[ESPGW_IKE_SA_A_ID] = { .type = NLA_STRING },
	[ESPGW_IKE_SA_A_LIFETIME] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_ADD_TIME] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_SPI_I] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_SPI_R] = { .type = NLA_U64 },
	[ESPGW_IKE_SA_A_SESSION_ID] = { .type = NLA_U32 },
	[ESPGW_IKE_SA_A_OWNED] = { .type = NLA_FLAG },
};

static uint16_t port_or_500(struct nlattr *nla)
{
	return nla ? nla_get_u16(nla) : 500;
}

/* What a malformed record gets wrong. */
static int ike_sa_parse_checked(struct nlattr **tb, struct ike_sa *ike)
{
	if (!tb[ESPGW_IKE_SA_A_CONNID] || !tb[ESPGW_IKE_SA_A_IFINDEX] ||
	    !tb[ESPGW_IKE_SA_A_STATE] || !tb[ESPGW_IKE_SA_A_LOCAL_ADDR] ||
	    !tb[ESPGW_IKE_SA_A_REMOTE_ADDR] ||
	    get_addr(tb[ESPGW_IKE_SA_A_LOCAL_ADDR], &ike->local) < 0 ||
	    get_addr(tb[ESPGW_IKE_SA_A_REMOTE_ADDR], &ike->remote) < 0 ||
	    ike->local.family != ike->remote.family ||
	    get_string(tb[ESPGW_IKE_SA_A_ID], ike->id, sizeof(ike->id)) < 0)
		return -EBADMSG;
	return 0;
}

int ike_sa_parse(struct nlattr *nest, struct ike_sa *ike)
{
	struct nlattr *tb[ESPGW_IKE_SA_A_MAX + 1];

	memset(ike, 0, sizeof(*ike));
	if (!nest ||
	    nla_parse_nested(tb, ESPGW_IKE_SA_A_MAX, nest, ike_sa_policy) < 0 ||
	    ike_sa_parse_checked(tb, ike) < 0)
		return -EBADMSG;
	ike->connid = nla_get_u32(tb[ESPGW_IKE_SA_A_CONNID]);
	ike->ifindex = nla_get_u32(tb[ESPGW_IKE_SA_A_IFINDEX]);
	ike->state = nla_get_u8(tb[ESPGW_IKE_SA_A_STATE]);
	ike->local_port = port_or_500(tb[ESPGW_IKE_SA_A_LOCAL_PORT]);
	ike->remote_port = port_or_500(tb[ESPGW_IKE_SA_A_REMOTE_PORT]);
	ike->version = tb[ESPGW_IKE_SA_A_VERSION] ?
		       nla_get_u8(tb[ESPGW_IKE_SA_A_VERSION]) : 2;
	get_opt_u32(tb[ESPGW_IKE_SA_A_CAPABILITIES], &ike->capabilities);
	ike->has_lifetime = get_opt_u64(tb[ESPGW_IKE_SA_A_LIFETIME], &ike->lifetime);
	ike->has_add_time = get_opt_u64(tb[ESPGW_IKE_SA_A_ADD_TIME], &ike->add_time);
	ike->has_spi_i = get_opt_u64(tb[ESPGW_IKE_SA_A_SPI_I], &ike->spi_i);
	ike->has_spi_r = get_opt_u64(tb[ESPGW_IKE_SA_A_SPI_R], &ike->spi_r);
	ike->has_session = get_opt_u32(tb[ESPGW_IKE_SA_A_SESSION_ID],
				       &ike->session_id);
	ike->owned = tb[ESPGW_IKE_SA_A_OWNED];
	return 0;
}

int ike_sa_parse_item(struct nlattr *nest, void *ike)
{
	return ike_sa_parse(nest, ike);
}

static const struct {
	const char *text, *word;
} states[] = {
	[ESPGW_IKE_STATE_NEGOTIATING] = { "Inactive", "negotiating" },
	[ESPGW_IKE_STATE_ESTABLISHED] = { "Active", "established" },
	[ESPGW_IKE_STATE_DELETING] = { "Deleting", "deleting" },
};

const char *ike_state_text(uint8_t state)
{
	return TABLE_ENTRY(states, state, text, "Unknown");
}

const char *ike_state_word(uint8_t state)
{
	return TABLE_ENTRY(states, state, word, NULL);
}

uint8_t ike_state_parse(const char *word)
{
	uint8_t i;

	for (i = 1; i < ARRAY_SIZE(states); i++)
		if (word && !strcmp(word, states[i].word))
			return i;
	return 0;
}

/* Cisco's capability letters, in the order it prints them. */
static const struct {
	char letter;
	uint32_t bit;
} caps[] = {
	{ 'D', ESPGW_IKE_CAP_DPD },
	{ 'N', ESPGW_IKE_CAP_NAT_T },
	{ 'F', ESPGW_IKE_CAP_FRAG },
	{ 'M', ESPGW_IKE_CAP_MOBIKE },
};

const char *ike_caps_letters(uint32_t bits, char *buf)
{
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (bits & caps[i].bit)
			buf[n++] = caps[i].letter;
	buf[n] = '\0';
	return buf;
}

uint32_t ike_cap_bit(char c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (caps[i].letter == c)
			return caps[i].bit;
	return 0;
}

static void print_caps_json(uint32_t bits)
{
	char letters[ARRAY_SIZE(caps) + 1], one[2] = "";
	size_t i;

	ike_caps_letters(bits, letters);
	print_open_array("capabilities");
	for (i = 0; letters[i]; i++) {
		one[0] = letters[i];
		print_string(NULL, NULL, one);
	}
	print_close_array();
}

static void print_opt_hex(const char *key, bool has, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%016llx", (unsigned long long)v);
	print_string(key, NULL, has ? buf : NULL);
}

static void print_full_json(const struct ike_sa *ike)
{
	print_opt_hex("spi_i", ike->has_spi_i, ike->spi_i);
	print_opt_hex("spi_r", ike->has_spi_r, ike->spi_r);
	print_opt_uint("add_time", NULL, ike->has_add_time, ike->add_time);
	print_opt_uint("session", NULL, ike->has_session, ike->session_id);
	print_bool("owned", NULL, ike->owned);
}

void ike_sa_print_json(const struct ike_sa *ike, bool full)
{
	char dev[IF_NAMESIZE];

	print_open_object(NULL);
	print_uint("connid", NULL, ike->connid);
	if (full) {
		print_string("interface", NULL, dev_name(ike->ifindex, dev));
		print_uint("ifindex", NULL, ike->ifindex);
	}
	print_endpoint("local", &ike->local, ike->local_port);
	print_endpoint("remote", &ike->remote, ike->remote_port);
	print_string("state", NULL, ike_state_word(ike->state));
	print_uint("version", NULL, ike->version);
	print_caps_json(ike->capabilities);
	print_opt_uint("lifetime", NULL, !ike_sa_unlimited(ike), ike->lifetime);
	print_string("phase1_id", NULL, ike->id[0] ? ike->id : NULL);
	if (full)
		print_full_json(ike);
	print_close_object();
}

#define ROW "%-7s %-12s %-22s %-22s %-11s %-3s %-4s %-10s %s\n"

void ike_sa_print_header(void)
{
	print_text(ROW, "connid", "interface", "local", "remote", "state", "ver",
		   "caps", "lifetime", "phase1_id");
}

void ike_sa_print(const struct ike_sa *ike)
{
	char connid[12], dev[IF_NAMESIZE], local[ENDPOINT_STRLEN];
	char remote[ENDPOINT_STRLEN], ver[4], letters[ARRAY_SIZE(caps) + 1];
	char life[DURATION_STRLEN];
	const char *state = ike_state_word(ike->state);

	ike_sa_print_json(ike, true);
	if (print_is_json())
		return;
	snprintf(connid, sizeof(connid), "%u", ike->connid);
	snprintf(ver, sizeof(ver), "%u", ike->version);
	ike_caps_letters(ike->capabilities, letters);
	print_text(ROW, connid, dev_name(ike->ifindex, dev),
		   endpoint_str(&ike->local, ike->local_port, local, sizeof(local)),
		   endpoint_str(&ike->remote, ike->remote_port, remote, sizeof(remote)),
		   state ? state : "unknown", ver, letters[0] ? letters : "-",
		   ike_sa_unlimited(ike) ? "-" :
		   duration_hms(ike->lifetime, life, sizeof(life)),
		   ike->id[0] ? ike->id : "-");
}
