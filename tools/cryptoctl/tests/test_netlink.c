// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's reason in an error: the NLMSGERR_ATTR_MSG TLV after struct
 * nlmsgerr and, unless NLM_F_CAPPED, after the whole echoed request.  Each
 * message is built in a buffer of exactly its length, so that ASan catches a
 * read past it.
 */
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "leaks.h"
#include "netlink.h"

struct tlv {
	uint16_t type;
	const char *text;	/* NULL: a u32 */
};

/*
 * An NLMSG_ERROR answering a request with @payload bytes after its header,
 * echoed unless @capped, then @tlvs.  @cut bytes are taken off the end.
 */
static struct nlmsghdr *error_msg(int error, uint32_t payload, bool capped,
				  const struct tlv *tlvs, int n_tlvs, size_t cut)
{
	size_t off = sizeof(struct nlmsgerr), len;
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;
	struct nlattr *nla;
	uint32_t value = 16;
	int i;

	nlh = calloc(1, 4096);
	err = NLMSG_DATA(nlh);
	nlh->nlmsg_type = NLMSG_ERROR;
	err->error = error;
	err->msg.nlmsg_len = NLMSG_HDRLEN + payload;
	err->msg.nlmsg_type = 0x1d;
	if (capped) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		memset((char *)err + off, 0xa5, payload);
		off += payload;
	}
	off = NLMSG_ALIGN(off);
	for (i = 0; i < n_tlvs; i++) {
		nla = (struct nlattr *)((char *)err + off);
		nla->nla_type = tlvs[i].type;
		if (tlvs[i].text) {
			len = strlen(tlvs[i].text) + 1;
			memcpy((char *)nla + NLA_HDRLEN, tlvs[i].text, len);
		} else {
			len = sizeof(value);
			memcpy((char *)nla + NLA_HDRLEN, &value, len);
		}
		nla->nla_len = NLA_HDRLEN + len;
		off += NLA_ALIGN(nla->nla_len);
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	}
	nlh->nlmsg_len = NLMSG_HDRLEN + off - cut;
	/* Exactly nlmsg_len bytes from here on. */
	return realloc(nlh, nlh->nlmsg_len);
}

static const struct tlv msg_only[] = {
	{ NLMSGERR_ATTR_MSG, "integer out of range" },
};

static const struct tlv offs_then_msg[] = {
	{ NLMSGERR_ATTR_OFFS, NULL },
	{ NLMSGERR_ATTR_MSG, "espgw: no setting to change" },
};

static const struct tlv offs_only[] = {
	{ NLMSGERR_ATTR_OFFS, NULL },
};

static const struct tlv empty_msg[] = {
	{ NLMSGERR_ATTR_MSG, "" },
};

static const struct extack_case {
	const char *name;
	uint32_t payload;
	bool capped;
	const struct tlv *tlvs;
	int n_tlvs;
	size_t cut;
	int ret;
	const char *text;
} cases[] = {
	{ "capped", 16, true, msg_only, 1, 0, 0, "integer out of range" },
	{ "echoed request", 16, false, msg_only, 1, 0, 0, "integer out of range" },
	/* the TLVs start at the aligned end of the echoed request */
	{ "unaligned request", 6, false, msg_only, 1, 0, 0, "integer out of range" },
	{ "offset first", 24, false, offs_then_msg, 2, 0, 0,
	  "espgw: no setting to change" },
	{ "no message", 16, false, offs_only, 1, 0, -ENOENT, "" },
	{ "no TLVs", 16, false, NULL, 0, 0, -ENOENT, "" },
	{ "no TLVs, capped", 16, true, NULL, 0, 0, -ENOENT, "" },
	{ "empty message", 16, true, empty_msg, 1, 0, -ENOENT, "" },
	/* a TLV cut short is not read */
	{ "truncated TLV", 16, false, msg_only, 1, 8, -ENOENT, "" },
	/* the echoed request claims more than the message holds */
	{ "request overruns", 4000, false, msg_only, 1, 3900, -ENOENT, "" },
};

TEST(extack)
{
	const struct extack_case *t;
	struct nlmsghdr *nlh;
	char buf[64];
	int ret;

	for (t = cases; t < cases + ARRAY_SIZE(cases); t++) {
		nlh = error_msg(-EINVAL, t->payload, t->capped, t->tlvs,
				t->n_tlvs, t->cut);
		ASSERT_NE(NULL, nlh);
		memset(buf, 'x', sizeof(buf));
		ret = espgw_nl_extack(nlh, buf, sizeof(buf));
		EXPECT_EQ(t->ret, ret) TH_LOG("%s", t->name);
		EXPECT_STREQ(t->text, buf) TH_LOG("%s", t->name);
		free(nlh);
	}
	EXPECT_NO_LEAKS();
}

/* A message longer than the buffer is cut, still terminated. */
TEST(extack_long)
{
	struct nlmsghdr *nlh;
	char buf[8];

	nlh = error_msg(-EINVAL, 16, false, msg_only, 1, 0);
	ASSERT_NE(NULL, nlh);
	EXPECT_EQ(0, espgw_nl_extack(nlh, buf, sizeof(buf)));
	EXPECT_STREQ("integer", buf);
	free(nlh);
}

/* ACK_TLVS set, but the message ends right after struct nlmsgerr. */
TEST(extack_header_only)
{
	struct nlmsghdr *nlh;
	char buf[8];

	nlh = error_msg(-EINVAL, 16, true, NULL, 0, 0);
	ASSERT_NE(NULL, nlh);
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	EXPECT_EQ(-ENOENT, espgw_nl_extack(nlh, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	free(nlh);
}

/*
 * A dump that failed part-way ends with NLMSG_DONE: the error code, then,
 * aligned, the TLVs.
 */
static struct nlmsghdr *done_msg(int error, const char *text, size_t cut)
{
	size_t len = NLMSG_HDRLEN + sizeof(int);
	struct nlmsghdr *nlh = calloc(1, 256);
	struct nlattr *nla;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	memcpy(NLMSG_DATA(nlh), &error, sizeof(error));
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		nla = (struct nlattr *)((char *)nlh + len);
		nla->nla_type = NLMSGERR_ATTR_MSG;
		nla->nla_len = NLA_HDRLEN + strlen(text) + 1;
		memcpy((char *)nla + NLA_HDRLEN, text, strlen(text) + 1);
		len += NLA_ALIGN(nla->nla_len);
	}
	nlh->nlmsg_len = len - cut;
	return realloc(nlh, nlh->nlmsg_len);
}

TEST(extack_done)
{
	struct nlmsghdr *nlh;
	char buf[64];

	nlh = done_msg(-EINTR, "dump interrupted by a table change", 0);
	EXPECT_EQ(0, espgw_nl_extack(nlh, buf, sizeof(buf)));
	EXPECT_STREQ("dump interrupted by a table change", buf);
	free(nlh);

	nlh = done_msg(-EINVAL, NULL, 0);
	EXPECT_EQ(-ENOENT, espgw_nl_extack(nlh, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	free(nlh);

	nlh = done_msg(-EINVAL, "cut short", 4);
	EXPECT_EQ(-ENOENT, espgw_nl_extack(nlh, buf, sizeof(buf)));
	free(nlh);
	EXPECT_NO_LEAKS();
}

TEST_HARNESS_MAIN
