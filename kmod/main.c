// SPDX-License-Identifier: GPL-2.0
/*
 * espgw: an ESP (RFC 4303) gateway data path with Cisco-style crypto
 * session monitoring.  Module init and exit only.
 */

#include <linux/module.h>

#include "dev.h"
#include "esp.h"
#include "event.h"
#include "input.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"
#include "version.h"

static int __init espgw_init(void)
{
	int ret;

	ret = espgw_sa_init();
	if (ret < 0)
		goto err_sa;
	ret = espgw_event_init();
	if (ret < 0)
		goto err_event;
	ret = espgw_netns_init();
	if (ret < 0)
		goto err_netns;
	ret = espgw_dev_init();
	if (ret < 0)
		goto err_dev;
	ret = espgw_input_init();
	if (ret < 0)
		goto err_input;
	ret = espgw_genetlink_init();
	if (ret < 0)
		goto err_netlink;

	pr_info("espgw " ESPGW_VERSION " loaded\n");
	return 0;

err_netlink:
	espgw_input_uninit();
err_input:
	espgw_dev_uninit();
err_dev:
	espgw_netns_uninit();
err_netns:
	espgw_event_uninit();
err_event:
	espgw_sa_uninit();
err_sa:
	return ret;
}

static void __exit espgw_exit(void)
{
	espgw_genetlink_uninit();
	espgw_input_uninit();
	espgw_dev_uninit();
	espgw_netns_uninit();
	/*
	 * Packets still in the crypto API hold their SAs and devices (which
	 * is why the tunnels' unregistration waited for those going out);
	 * those coming in, on the UDP ports of SAs with no flow until the
	 * namespaces' exit closed them, may finish later: let them.
	 */
	espgw_crypt_drain();
	espgw_event_uninit();
	espgw_sa_uninit();
}

module_init(espgw_init);
module_exit(espgw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ESP gateway data path with crypto session monitoring");
MODULE_VERSION(ESPGW_VERSION);
