// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only: provokes what the VM runner and the debug kernel's checkers
 * must catch, so their self-tests can prove they do.  Built for those
 * self-tests alone; nothing of this is in espgw.ko.
 *
 *   insmod espgw_provoke.ko what=warn   a kernel WARNING (the default)
 *   insmod espgw_provoke.ko what=leak   leaks an allocation (kmemleak)
 */
#include <linux/bug.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *what = "warn";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "warn or leak");

static void *leaked;

static int __init espgw_provoke_init(void)
{
	if (!strcmp(what, "leak")) {
		/* Forget the only reference once the module is gone. */
		leaked = kmalloc(512, GFP_KERNEL);
		return leaked ? 0 : -ENOMEM;
	}
	WARN(1, "espgw_provoke: deliberate warning for the VM runner self-test\n");
	return 0;
}

static void __exit espgw_provoke_exit(void)
{
}

module_init(espgw_provoke_init);
module_exit(espgw_provoke_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("espgw VM runner self-test: provokes a warning or a leak");
