// SPDX-License-Identifier: GPL-2.0
/* cryptoctl info: module and family version, and the ESP transforms. */
#include <errno.h>
#include <stdio.h>

#include "cryptoctl.h"
#include "netlink.h"
#include "print.h"

static int print_algorithm(struct nlattr *nest)
{
	struct nlattr *tb[ESPGW_ALGORITHM_A_MAX + 1];

	if (nla_parse_nested(tb, ESPGW_ALGORITHM_A_MAX, nest, NULL) < 0 ||
	    !tb[ESPGW_ALGORITHM_A_NAME] || !tb[ESPGW_ALGORITHM_A_KEY_BITS] ||
	    !tb[ESPGW_ALGORITHM_A_ICV_BITS])
		return -1;
	print_open_object(NULL);
	print_string("name", "  %-32s", nla_get_string(tb[ESPGW_ALGORITHM_A_NAME]));
	print_uint("key_bits", " key %3llu", nla_get_u32(tb[ESPGW_ALGORITHM_A_KEY_BITS]));
	print_uint("icv_bits", " icv %3llu", nla_get_u32(tb[ESPGW_ALGORITHM_A_ICV_BITS]));
	print_bool("available", " available", tb[ESPGW_ALGORITHM_A_AVAILABLE]);
	print_close_object();
	print_text("%s\n", tb[ESPGW_ALGORITHM_A_AVAILABLE] ? "" : " not available");
	return 0;
}

static int info_reply(int cmd, struct nlattr **attrs, void *arg)
{
	struct nlattr *alg;
	int rem;

	(void)arg;
	if (cmd != ESPGW_CMD_GET_INFO || !attrs[ESPGW_A_MODULE_VERSION] ||
	    !attrs[ESPGW_A_FAMILY_VERSION] || !attrs[ESPGW_A_ALGORITHMS])
		return -EBADMSG;

	print_open_object(NULL);
	print_string("tool_version", "cryptoctl %s", CRYPTOCTL_VERSION);
	print_string("module_version", ", espgw module %s",
		     nla_get_string(attrs[ESPGW_A_MODULE_VERSION]));
	print_uint("family_version", ", netlink family version %llu\n",
		   nla_get_u32(attrs[ESPGW_A_FAMILY_VERSION]));
	print_text("algorithms:\n");
	print_open_array("algorithms");
	nla_for_each_nested(alg, attrs[ESPGW_A_ALGORITHMS], rem) {
		if (print_algorithm(alg) < 0)
			return -EBADMSG;
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
	ret = espgw_nl_request(&nl, espgw_nl_msg(&nl, ESPGW_CMD_GET_INFO), info_reply, NULL);
	espgw_nl_close(&nl);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}
