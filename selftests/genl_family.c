// SPDX-License-Identifier: GPL-2.0
/*
 * The espgw generic netlink family: identity, per-namespace settings,
 * strict validation with extack messages, CAP_NET_ADMIN for changes, and
 * change notifications on the events group.
 */
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "genl.h"

FIXTURE(espgw)
{
	struct espgw_sock s;
};

FIXTURE_SETUP(espgw)
{
	ASSERT_EQ(0, espgw_sock_open(&self->s)) TH_LOG("espgw family not found: module not loaded?");
}

FIXTURE_TEARDOWN(espgw)
{
	espgw_sock_close(&self->s);
}

static int get_settings(struct espgw_sock *s, uint32_t *rate, int *log)
{
	struct nlattr *tb[ESPGW_SETTINGS_A_MAX + 1];
	struct espgw_reply r;
	int ret;

	ret = espgw_request(s, espgw_msg(s, ESPGW_CMD_GET_SETTINGS), &r);
	if (ret == 0 && (!r.attrs[ESPGW_A_SETTINGS] ||
			 nla_parse_nested(tb, ESPGW_SETTINGS_A_MAX, r.attrs[ESPGW_A_SETTINGS], NULL) ||
			 !tb[ESPGW_SETTINGS_A_ACQUIRE_RATE] || !tb[ESPGW_SETTINGS_A_SESSION_LOG]))
		ret = -EBADMSG;
	if (ret == 0) {
		*rate = nla_get_u32(tb[ESPGW_SETTINGS_A_ACQUIRE_RATE]);
		*log = nla_get_u8(tb[ESPGW_SETTINGS_A_SESSION_LOG]);
	}
	espgw_reply_free(&r);
	return ret;
}

/* rate < 0 or log < 0: leave that setting out. */
static int set_settings(struct espgw_sock *s, long rate, int log, struct espgw_reply *r)
{
	struct nl_msg *msg = espgw_msg(s, ESPGW_CMD_SET_SETTINGS);
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SETTINGS);

	if (rate >= 0)
		nla_put_u32(msg, ESPGW_SETTINGS_A_ACQUIRE_RATE, (uint32_t)rate);
	if (log >= 0)
		nla_put_u8(msg, ESPGW_SETTINGS_A_SESSION_LOG, (uint8_t)log);
	nla_nest_end(msg, nest);
	return espgw_request(s, msg, r);
}

TEST_F(espgw, info)
{
	struct nlattr *alg, *tb[ESPGW_ALGORITHM_A_MAX + 1];
	struct espgw_reply r;
	int rem, count = 0, gcm128 = 0;

	ASSERT_EQ(0, espgw_request(&self->s, espgw_msg(&self->s, ESPGW_CMD_GET_INFO), &r));
	EXPECT_EQ(ESPGW_CMD_GET_INFO, r.cmd);
	ASSERT_NE(NULL, r.attrs[ESPGW_A_MODULE_VERSION]);
	EXPECT_STREQ("0.1.0", nla_get_string(r.attrs[ESPGW_A_MODULE_VERSION]));
	ASSERT_NE(NULL, r.attrs[ESPGW_A_FAMILY_VERSION]);
	EXPECT_EQ(ESPGW_GENL_VERSION, nla_get_u32(r.attrs[ESPGW_A_FAMILY_VERSION]));
	ASSERT_NE(NULL, r.attrs[ESPGW_A_ALGORITHMS]);
	nla_for_each_nested(alg, r.attrs[ESPGW_A_ALGORITHMS], rem) {
		ASSERT_EQ(ESPGW_A_ALGORITHM, nla_type(alg));
		ASSERT_EQ(0, nla_parse_nested(tb, ESPGW_ALGORITHM_A_MAX, alg, NULL));
		ASSERT_NE(NULL, tb[ESPGW_ALGORITHM_A_NAME]);
		ASSERT_NE(NULL, tb[ESPGW_ALGORITHM_A_KEY_BITS]);
		EXPECT_EQ(128, nla_get_u32(tb[ESPGW_ALGORITHM_A_ICV_BITS]));
		/* The Debian kernels build GCM: the module must find it. */
		if (!strcmp("rfc4106(gcm(aes))", nla_get_string(tb[ESPGW_ALGORITHM_A_NAME])) &&
		    nla_get_u32(tb[ESPGW_ALGORITHM_A_KEY_BITS]) == 128) {
			EXPECT_NE(NULL, tb[ESPGW_ALGORITHM_A_AVAILABLE]);
			gcm128 = 1;
		}
		count++;
	}
	EXPECT_EQ(5, count);
	EXPECT_EQ(1, gcm128);
	espgw_reply_free(&r);
}

TEST_F(espgw, settings_defaults_and_change)
{
	struct espgw_reply r;
	uint32_t rate;
	int log;

	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(ESPGW_ACQUIRE_RATE_DEFAULT, rate);
	EXPECT_EQ(1, log);

	ASSERT_EQ(0, set_settings(&self->s, 250, -1, &r));
	espgw_reply_free(&r);
	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(250, rate);
	EXPECT_EQ(1, log);	/* untouched */

	ASSERT_EQ(0, set_settings(&self->s, -1, 0, &r));
	espgw_reply_free(&r);
	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(250, rate);
	EXPECT_EQ(0, log);

	ASSERT_EQ(0, set_settings(&self->s, ESPGW_ACQUIRE_RATE_DEFAULT, 1, &r));
	espgw_reply_free(&r);
}

TEST_F(espgw, bad_values_rejected_with_extack)
{
	struct espgw_reply r;
	struct nl_msg *msg;
	uint32_t rate;
	int log;

	EXPECT_EQ(-ERANGE, set_settings(&self->s, 0, -1, &r));
	EXPECT_STRNE("", r.extack);
	TH_LOG("rate 0: %s", r.extack);
	espgw_reply_free(&r);

	EXPECT_EQ(-ERANGE, set_settings(&self->s, ESPGW_ACQUIRE_RATE_MAX + 1, -1, &r));
	EXPECT_STRNE("", r.extack);
	espgw_reply_free(&r);

	EXPECT_EQ(-ERANGE, set_settings(&self->s, -1, 2, &r));
	EXPECT_STRNE("", r.extack);
	espgw_reply_free(&r);

	/* An empty settings nest changes nothing and says so (libnl drops
	 * empty nests, so build it by hand).
	 */
	msg = espgw_msg(&self->s, ESPGW_CMD_SET_SETTINGS);
	nla_put(msg, ESPGW_A_SETTINGS | NLA_F_NESTED, 0, NULL);
	EXPECT_EQ(-EINVAL, espgw_request(&self->s, msg, &r));
	EXPECT_STREQ("no setting to change", r.extack);
	espgw_reply_free(&r);

	/* No settings nest at all. */
	EXPECT_EQ(-EINVAL, espgw_request(&self->s,
					 espgw_msg(&self->s, ESPGW_CMD_SET_SETTINGS), &r));
	EXPECT_STREQ("espgw: settings attribute missing", r.extack);
	espgw_reply_free(&r);

	/* Nothing above may have changed anything. */
	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(ESPGW_ACQUIRE_RATE_DEFAULT, rate);
	EXPECT_EQ(1, log);
}

TEST_F(espgw, unknown_attribute_rejected)
{
	struct nl_msg *msg = espgw_msg(&self->s, ESPGW_CMD_SET_SETTINGS);
	struct nlattr *nest = nla_nest_start(msg, ESPGW_A_SETTINGS);
	struct espgw_reply r;

	nla_put_u32(msg, ESPGW_SETTINGS_A_ACQUIRE_RATE, 5);
	nla_put_u32(msg, ESPGW_SETTINGS_A_MAX + 1, 1);
	nla_nest_end(msg, nest);
	EXPECT_EQ(-EINVAL, espgw_request(&self->s, msg, &r));
	EXPECT_STRNE("", r.extack);
	TH_LOG("unknown attribute: %s", r.extack);
	espgw_reply_free(&r);

	msg = espgw_msg(&self->s, ESPGW_CMD_MAX + 1);
	EXPECT_EQ(-EOPNOTSUPP, espgw_request(&self->s, msg, &r));
	espgw_reply_free(&r);
}

static void drop_privileges(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		_exit(90);
	prctl(PR_SET_KEEPCAPS, 0);
}

TEST_F(espgw, unprivileged_may_read_not_change)
{
	struct espgw_reply r;
	int status;
	uint32_t rate;
	int log;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct espgw_sock s;

		drop_privileges();
		if (espgw_sock_open(&s))
			_exit(91);
		if (get_settings(&s, &rate, &log))
			_exit(92);
		if (espgw_request(&s, espgw_msg(&s, ESPGW_CMD_GET_INFO), &r))
			_exit(93);
		espgw_reply_free(&r);
		if (set_settings(&s, 99, -1, &r) != -EPERM)
			_exit(94);
		espgw_reply_free(&r);
		espgw_sock_close(&s);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(ESPGW_ACQUIRE_RATE_DEFAULT, rate);
}

/*
 * Each namespace is its own gateway: a change in a new namespace shows there
 * (and to its listeners) but not here, and our listener hears nothing.
 */
TEST_F(espgw, settings_are_per_namespace_and_notified)
{
	struct espgw_sock listener;
	struct espgw_reply r;
	int status, n;
	uint32_t rate;
	int log;
	pid_t pid;

	ASSERT_EQ(0, espgw_sock_open(&listener));
	ASSERT_EQ(0, nl_socket_add_membership(listener.sk, listener.events_group));
	nl_socket_set_nonblocking(listener.sk);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct espgw_sock s, l;

		if (unshare(CLONE_NEWNET))
			_exit(90);
		if (espgw_sock_open(&s) || espgw_sock_open(&l) ||
		    nl_socket_add_membership(l.sk, l.events_group))
			_exit(91);
		if (get_settings(&s, &rate, &log) || rate != ESPGW_ACQUIRE_RATE_DEFAULT)
			_exit(92);
		if (set_settings(&s, 42, 0, &r))
			_exit(93);
		espgw_reply_free(&r);
		if (get_settings(&s, &rate, &log) || rate != 42 || log != 0)
			_exit(94);
		/* The listener in this namespace hears the change. */
		memset(&r, 0, sizeof(r));
		{
			struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

			nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, espgw_valid_cb, &r);
			nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, espgw_no_seq_check, NULL);
			if (nl_recvmsgs(l.sk, cb) < 0)
				_exit(95);
			nl_cb_put(cb);
		}
		if (r.cmd != ESPGW_CMD_SET_SETTINGS || !r.attrs[ESPGW_A_SETTINGS])
			_exit(96);
		espgw_reply_free(&r);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	ASSERT_EQ(0, get_settings(&self->s, &rate, &log));
	EXPECT_EQ(ESPGW_ACQUIRE_RATE_DEFAULT, rate);
	EXPECT_EQ(1, log);
	n = recv(nl_socket_get_fd(listener.sk), &r, sizeof(r), MSG_DONTWAIT);
	EXPECT_EQ(-1, n);
	EXPECT_EQ(EAGAIN, errno);
	espgw_sock_close(&listener);
}

TEST_HARNESS_MAIN
