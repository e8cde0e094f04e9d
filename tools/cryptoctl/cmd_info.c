// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl info (or version): the versions of the tool, the module and the
 * netlink family, and the ESP algorithms with what this kernel provides.
 */
#include <errno.h>
#include <stdio.h>

#include "cryptoctl.h"
#include "netlink.h"
#include "print.h"

static struct nla_policy algorithm_policy[ESPGW_ALGORITHM_A_MAX + 1] = {
	[ESPGW_ALGORITHM_A_NAME] = { .type = NLA_STRING },
	[ESPGW_ALGORITHM_A_KEY_BITS] = { .type = NLA_U32 },
	[ESPGW_ALGORITHM_A_ICV_BITS] = { .type = NLA_U32 },
	[ESPGW_ALGORITHM_A_AVAILABLE] = { .type = NLA_FLAG },
};

struct algorithm {
	const char *name;
	uint32_t key_bits;
	uint32_t icv_bits;
	bool available;
};

static int algorithm_parse(struct nlattr *nest, struct algorithm *a)
{
	struct nlattr *tb[ESPGW_ALGORITHM_A_MAX + 1];

	if (nla_parse_nested(tb, ESPGW_ALGORITHM_A_MAX, nest, algorithm_policy) < 0 ||
	    !tb[ESPGW_ALGORITHM_A_NAME] || !tb[ESPGW_ALGORITHM_A_KEY_BITS] ||
	    !tb[ESPGW_ALGORITHM_A_ICV_BITS])
		return -EBADMSG;
	a->name = nla_get_string(tb[ESPGW_ALGORITHM_A_NAME]);
	a->key_bits = nla_get_u32(tb[ESPGW_ALGORITHM_A_KEY_BITS]);
	a->icv_bits = nla_get_u32(tb[ESPGW_ALGORITHM_A_ICV_BITS]);
	a->available = tb[ESPGW_ALGORITHM_A_AVAILABLE];
	return 0;
}

static void algorithm_print(const struct algorithm *a)
{
	print_open_object(NULL);
	print_string("name", "  %-32s", a->name);
	print_uint("key_bits", " key %3llu", a->key_bits);
	print_uint("icv_bits", " icv %3llu", a->icv_bits);
	print_bool("available", " available", a->available);
	if (!a->available)
		print_text(" not available");
	print_nl();
	print_close_object();
}

static int info_reply(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct nlattr *list = attrs[ESPGW_A_ALGORITHMS], *nest;
	struct algorithm a;
	int rem;

	(void)arg;
	if (cmd != ESPGW_CMD_GET_INFO || !attrs[ESPGW_A_MODULE_VERSION] ||
	    !attrs[ESPGW_A_FAMILY_VERSION] || !list)
		return -EBADMSG;
	/* All of it checked before anything is printed. */
	nla_for_each_nested(nest, list, rem)
		if (nla_type(nest) == ESPGW_A_ALGORITHM && algorithm_parse(nest, &a) < 0)
			return -EBADMSG;

	print_open_object(NULL);
	print_string("tool_version", "cryptoctl %s", CRYPTOCTL_VERSION);
	print_string("module_version", ", espgw module %s",
		     nla_get_string(attrs[ESPGW_A_MODULE_VERSION]));
	print_uint("family_version", ", netlink family version %llu\n",
		   nla_get_u32(attrs[ESPGW_A_FAMILY_VERSION]));
	print_text("algorithms:\n");
	print_open_array("algorithms");
	nla_for_each_nested(nest, list, rem) {
		if (nla_type(nest) != ESPGW_A_ALGORITHM)
			continue;
		algorithm_parse(nest, &a);
		algorithm_print(&a);
	}
	print_close_array();
	print_close_object();
	print_flush();
	return 0;
}

int cmd_info(int argc, char **argv)
{
	struct espgw_nl nl;
	int ret;

	if (argc > 1)
		return usage_error(argv[0], "unexpected argument '%s'", argv[1]);
	if (espgw_nl_open(&nl) < 0)
		return EXIT_RUNTIME;
	ret = espgw_nl_request(&nl, espgw_nl_msg(&nl, ESPGW_CMD_GET_INFO),
			       info_reply, NULL);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}
