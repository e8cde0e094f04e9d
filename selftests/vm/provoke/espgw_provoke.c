// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only: provokes a kernel WARNING on load so the VM runner's self-test
 * can prove that a splat in the guest fails the run.  Built for the runner
 * self-test alone; nothing of this is in espgw.ko.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init espgw_provoke_init(void)
{
	WARN(1, "espgw_provoke: deliberate warning for the VM runner self-test\n");
	return 0;
}

static void __exit espgw_provoke_exit(void)
{
}

module_init(espgw_provoke_init);
module_exit(espgw_provoke_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("espgw VM runner self-test: provokes a kernel warning");
