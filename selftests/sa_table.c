// SPDX-License-Identifier: GPL-2.0
/*
 * The SA table through generic netlink: add, replace, get, delete, dump,
 * every algorithm and both address families, strict validation with extack
 * messages, keys never returned, CAP_NET_ADMIN for changes, and 10,000 SAs
 * dumped consistently while the table changes under the dump.
 */
#include <arpa/inet.h>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "genl.h"

struct sa_spec {
	uint32_t spi;
	uint8_t dir;
	const char *local, *remote;	/* IPv4 or IPv6 text */
	const char *alg;
	int key_len;
	long replay;			/* < 0: leave out */
	uint64_t soft_bytes, hard_bytes;
	int udp;
};

static void put_addr(struct nl_msg *msg, int type, const char *text)
{
	unsigned char buf[16];

	if (inet_pton(AF_INET, text, buf) == 1)
		nla_put(msg, type, 4, buf);
	else if (inet_pton(AF_INET6, text, buf) == 1)
		nla_put(msg, type, 16, buf);
}

#define REPLACE 1	/* sa_msg() flag: add ESPGW_A_REPLACE */

static struct nl_msg *sa_msg(struct espgw_sock *s, int cmd, const struct sa_spec *sp, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest, *lt;
	unsigned char key[64];
	int i;

	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, s->family, 0, NLM_F_ACK, cmd,
		    ESPGW_GENL_VERSION);
	if (flags & REPLACE)
		nla_put_flag(msg, ESPGW_A_REPLACE);
	nest = nla_nest_start(msg, ESPGW_A_SA);
	nla_put_u32(msg, ESPGW_SA_A_SPI, sp->spi);
	nla_put_u8(msg, ESPGW_SA_A_DIRECTION, sp->dir);
	if (sp->local)
		put_addr(msg, ESPGW_SA_A_LOCAL_ADDR, sp->local);
	if (sp->remote)
		put_addr(msg, ESPGW_SA_A_REMOTE_ADDR, sp->remote);
	if (cmd == ESPGW_CMD_NEW_SA) {
		for (i = 0; i < sp->key_len; i++)
			key[i] = (unsigned char)(i * 7 + 1);
		nla_put_string(msg, ESPGW_SA_A_ALGORITHM, sp->alg);
		nla_put(msg, ESPGW_SA_A_KEY, sp->key_len, key);
		if (sp->replay >= 0)
			nla_put_u32(msg, ESPGW_SA_A_REPLAY_WINDOW, (uint32_t)sp->replay);
		if (sp->udp)
			nla_put_u8(msg, ESPGW_SA_A_ENCAP, ESPGW_ENCAP_UDP);
		if (sp->soft_bytes) {
			lt = nla_nest_start(msg, ESPGW_SA_A_LIFETIME_SOFT);
			nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, sp->soft_bytes);
			nla_nest_end(msg, lt);
		}
		if (sp->hard_bytes) {
			lt = nla_nest_start(msg, ESPGW_SA_A_LIFETIME_HARD);
			nla_put_u64(msg, ESPGW_LIFETIME_A_BYTES, sp->hard_bytes);
			nla_nest_end(msg, lt);
		}
	}
	nla_nest_end(msg, nest);
	return msg;
}

static int sa_do(struct espgw_sock *s, int cmd, const struct sa_spec *sp, int flags,
		 struct espgw_reply *r)
{
	return espgw_request(s, sa_msg(s, cmd, sp, flags), r);
}

/* add/del/get that must succeed or fail with @want; frees the reply. */
static int sa_expect(struct espgw_sock *s, int cmd, const struct sa_spec *sp, int flags,
		     int want, const char *extack)
{
	struct espgw_reply r;
	int ret = sa_do(s, cmd, sp, flags, &r);

	if (ret != want || (extack && strcmp(extack, r.extack))) {
		fprintf(stderr, "# spi %#x cmd %d: got %d '%s', want %d '%s'\n", sp->spi, cmd,
			ret, r.extack, want, extack ? extack : "");
		ret = -1000;
	} else {
		ret = 0;
	}
	espgw_reply_free(&r);
	return ret;
}

FIXTURE(sa)
{
	struct espgw_sock s;
};

FIXTURE_SETUP(sa)
{
	ASSERT_EQ(0, espgw_sock_open(&self->s));
}

FIXTURE_TEARDOWN(sa)
{
	espgw_sock_close(&self->s);
}

static const struct sa_spec gcm_in = {
	.spi = 0x1001, .dir = ESPGW_DIR_IN, .local = "192.0.2.1", .remote = "192.0.2.2",
	.alg = "rfc4106(gcm(aes))", .key_len = 20, .replay = 1024,
	.soft_bytes = 1000, .hard_bytes = 2000,
};

TEST_F(sa, add_get_delete)
{
	struct nlattr *tb[ESPGW_SA_A_MAX + 1];
	struct espgw_reply r;
	unsigned char addr[4];

	ASSERT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &gcm_in, 0, 0, NULL));
	ASSERT_EQ(0, sa_do(&self->s, ESPGW_CMD_GET_SA, &gcm_in, 0, &r));
	ASSERT_NE(NULL, r.attrs[ESPGW_A_SA]);
	ASSERT_EQ(0, nla_parse_nested(tb, ESPGW_SA_A_MAX, r.attrs[ESPGW_A_SA], NULL));
	EXPECT_EQ(0x1001, nla_get_u32(tb[ESPGW_SA_A_SPI]));
	EXPECT_EQ(ESPGW_DIR_IN, nla_get_u8(tb[ESPGW_SA_A_DIRECTION]));
	EXPECT_STREQ("rfc4106(gcm(aes))", nla_get_string(tb[ESPGW_SA_A_ALGORITHM]));
	EXPECT_EQ(128, nla_get_u32(tb[ESPGW_SA_A_KEY_BITS]));
	EXPECT_EQ(1024, nla_get_u32(tb[ESPGW_SA_A_REPLAY_WINDOW]));
	EXPECT_EQ(ESPGW_ENCAP_NONE, nla_get_u8(tb[ESPGW_SA_A_ENCAP]));
	EXPECT_EQ(NULL, tb[ESPGW_SA_A_KEY]);	/* keys never leave the kernel */
	EXPECT_EQ(NULL, tb[ESPGW_SA_A_ESN]);
	inet_pton(AF_INET, "192.0.2.2", addr);
	ASSERT_EQ(4, nla_len(tb[ESPGW_SA_A_REMOTE_ADDR]));
	EXPECT_EQ(0, memcmp(addr, nla_data(tb[ESPGW_SA_A_REMOTE_ADDR]), 4));
	EXPECT_NE(0, nla_get_u64(tb[ESPGW_SA_A_ADD_TIME]));
	espgw_reply_free(&r);

	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &gcm_in, 0, -EEXIST,
			       "espgw: an SA with this direction, SPI and destination exists"));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &gcm_in, REPLACE, 0, NULL));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_DEL_SA, &gcm_in, 0, 0, NULL));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_GET_SA, &gcm_in, 0, -ENOENT,
			       "espgw: no SA with this direction, SPI and destination"));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_DEL_SA, &gcm_in, 0, -ENOENT, NULL));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &gcm_in, REPLACE, -ENOENT,
			       "espgw: no SA with this direction, SPI and destination to replace"));
}

TEST_F(sa, every_algorithm_both_families)
{
	static const struct { const char *alg; int key_len; } algs[] = {
		{ "rfc4106(gcm(aes))", 20 }, { "rfc4106(gcm(aes))", 36 },
		{ "rfc7539esp(chacha20,poly1305)", 36 },
		{ "authenc(hmac(sha256),cbc(aes))", 48 }, { "authenc(hmac(sha256),cbc(aes))", 64 },
	};
	struct sa_spec sp = gcm_in;
	unsigned int i, v6;

	for (v6 = 0; v6 < 2; v6++) {
		for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
			sp.spi = 0x2000 + v6 * 16 + i;
			sp.alg = algs[i].alg;
			sp.key_len = algs[i].key_len;
			sp.local = v6 ? "2001:db8::1" : "192.0.2.1";
			sp.remote = v6 ? "2001:db8::2" : "192.0.2.2";
			sp.dir = i % 2 ? ESPGW_DIR_OUT : ESPGW_DIR_IN;
			sp.replay = sp.dir == ESPGW_DIR_IN ? 4096 : -1;
			sp.udp = (int)i % 2;
			EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, 0, NULL));
			EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_DEL_SA, &sp, 0, 0, NULL));
		}
	}
}

TEST_F(sa, bad_input_rejected_with_a_reason)
{
	struct sa_spec sp = gcm_in;

	sp.alg = "rfc4106(gcm(des))";
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "unknown algorithm"));
	sp = gcm_in;
	sp.key_len = 16;	/* salt missing */
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "key length does not fit the algorithm"));
	sp = gcm_in;
	sp.spi = 255;
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -ERANGE, NULL));
	sp = gcm_in;
	sp.remote = "2001:db8::2";
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "espgw: local and remote addresses are not of one family"));
	sp = gcm_in;
	sp.remote = NULL;
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "espgw: remote address missing"));
	sp = gcm_in;
	sp.soft_bytes = 3000;
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "a soft lifetime must be below the hard one"));
	sp = gcm_in;
	sp.replay = ESPGW_REPLAY_WINDOW_MAX + 1;
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -ERANGE, NULL));
	sp = gcm_in;
	sp.dir = ESPGW_DIR_OUT;
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, -EINVAL,
			       "a replay window applies to inbound SAs only"));
	/* Nothing above was added. */
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_GET_SA, &gcm_in, 0, -ENOENT, NULL));
}

TEST_F(sa, unprivileged_cannot_change)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &gcm_in, 0, 0, NULL));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct espgw_sock s;

		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534) || espgw_sock_open(&s))
			_exit(90);
		if (sa_expect(&s, ESPGW_CMD_GET_SA, &gcm_in, 0, 0, NULL) ||
		    sa_expect(&s, ESPGW_CMD_DEL_SA, &gcm_in, 0, -EPERM, NULL) ||
		    sa_expect(&s, ESPGW_CMD_NEW_SA, &gcm_in, REPLACE, -EPERM, NULL))
			_exit(91);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(0, sa_expect(&self->s, ESPGW_CMD_DEL_SA, &gcm_in, 0, 0, NULL));
}

#define MANY 10000

struct dump_state {
	unsigned char *seen;	/* per stable SPI */
	int stable, extra, dups, intr;
};

static int dump_intr_cb(struct nl_msg *msg, void *arg)
{
	((struct dump_state *)arg)->intr = 1;
	return NL_OK;
}

static int dump_valid_cb(struct nl_msg *msg, void *arg)
{
	struct dump_state *d = arg;
	struct nlattr *attrs[ESPGW_A_MAX + 1], *tb[ESPGW_SA_A_MAX + 1];
	uint32_t spi;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, ESPGW_A_MAX, NULL) || !attrs[ESPGW_A_SA] ||
	    nla_parse_nested(tb, ESPGW_SA_A_MAX, attrs[ESPGW_A_SA], NULL) || !tb[ESPGW_SA_A_SPI])
		return NL_STOP;
	spi = nla_get_u32(tb[ESPGW_SA_A_SPI]);
	if (spi >= 0x10000 && spi < 0x10000 + MANY) {
		if (d->seen[spi - 0x10000]++)
			d->dups++;
		else
			d->stable++;
	} else {
		d->extra++;
	}
	return NL_OK;
}

static int dump_all(struct espgw_sock *s, struct dump_state *d)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	memset(d->seen, 0, MANY);
	d->stable = d->extra = d->dups = d->intr = 0;
	genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, s->family, 0, NLM_F_DUMP,
		    ESPGW_CMD_GET_SA, ESPGW_GENL_VERSION);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, dump_valid_cb, d);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, dump_intr_cb, d);
	ret = nl_send_auto(s->sk, msg);
	nlmsg_free(msg);
	if (ret >= 0)
		ret = nl_recvmsgs(s->sk, cb);
	nl_cb_put(cb);
	return ret < 0 ? ret : 0;
}

TEST_F_TIMEOUT(sa, ten_thousand_dumped_consistently, 900)
{
	struct dump_state d = { .seen = calloc(MANY, 1) };
	struct sa_spec sp = gcm_in;
	int i, round, clean = 0, status;
	pid_t churn;

	ASSERT_NE(NULL, d.seen);
	sp.replay = -1;
	sp.soft_bytes = sp.hard_bytes = 0;
	for (i = 0; i < MANY; i++) {
		sp.spi = 0x10000 + i;
		ASSERT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, 0, NULL));
	}
	ASSERT_EQ(0, dump_all(&self->s, &d));
	EXPECT_EQ(MANY, d.stable);
	EXPECT_EQ(0, d.dups);
	EXPECT_EQ(0, d.extra);
	EXPECT_EQ(0, d.intr);

	/* Dumps while another process adds and removes SAs before and after
	 * the cursor: each dump is either exact or flagged interrupted.
	 */
	churn = fork();
	ASSERT_LE(0, churn);
	if (churn == 0) {
		struct espgw_sock s;
		struct sa_spec c = sp;

		if (espgw_sock_open(&s))
			_exit(90);
		for (;;) {
			struct espgw_reply r;

			c.spi = 0x100000 + (uint32_t)(rand() % 64);
			sa_do(&s, ESPGW_CMD_NEW_SA, &c, 0, &r);
			espgw_reply_free(&r);
			c.spi = 0x100000 + (uint32_t)(rand() % 64);
			sa_do(&s, ESPGW_CMD_DEL_SA, &c, 0, &r);
			espgw_reply_free(&r);
		}
	}
	for (round = 0; round < 10; round++) {
		ASSERT_EQ(0, dump_all(&self->s, &d));
		if (!d.intr) {
			EXPECT_EQ(MANY, d.stable);
			EXPECT_EQ(0, d.dups);
			clean++;
		}
	}
	kill(churn, SIGKILL);
	waitpid(churn, &status, 0);
	TH_LOG("%d of 10 dumps under churn were uninterrupted", clean);

	for (i = 0; i < MANY; i++) {
		sp.spi = 0x10000 + i;
		ASSERT_EQ(0, sa_expect(&self->s, ESPGW_CMD_DEL_SA, &sp, 0, 0, NULL));
	}
	for (i = 0; i < 64; i++) {
		struct espgw_reply r;

		sp.spi = 0x100000 + i;
		sa_do(&self->s, ESPGW_CMD_DEL_SA, &sp, 0, &r);
		espgw_reply_free(&r);
	}
	ASSERT_EQ(0, dump_all(&self->s, &d));
	EXPECT_EQ(0, d.stable + d.extra);
	free(d.seen);
}

/* A namespace that goes away with SAs in it frees them (the debug kernel's
 * kmemleak and KASAN watch this).
 */
TEST_F(sa, namespace_exit_with_live_sas)
{
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct sa_spec sp = gcm_in;
		struct espgw_sock s;
		uint32_t i;

		if (unshare(CLONE_NEWNET) || espgw_sock_open(&s))
			_exit(90);
		for (i = 0; i < 100; i++) {
			sp.spi = 0x3000 + i;
			if (sa_expect(&s, ESPGW_CMD_NEW_SA, &sp, 0, 0, NULL))
				_exit(91);
		}
		/* Not in the parent's namespace. */
		if (sa_expect(&self->s, ESPGW_CMD_GET_SA, &sp, 0, -ENOENT, NULL))
			_exit(92);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Leaves SAs behind on purpose: selftests/run_tests unloads the module
 * after the last test, so the unload path frees live SAs too.
 */
TEST_F(sa, zz_left_for_module_unload)
{
	struct sa_spec sp = gcm_in;
	uint32_t i;

	for (i = 0; i < 50; i++) {
		sp.spi = 0x4000 + i;
		ASSERT_EQ(0, sa_expect(&self->s, ESPGW_CMD_NEW_SA, &sp, 0, 0, NULL));
	}
}

TEST_HARNESS_MAIN
