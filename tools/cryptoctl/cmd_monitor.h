/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_MONITOR_H
#define CRYPTOCTL_CMD_MONITOR_H

#include <netlink/attr.h>
#include <stdint.h>

struct monitor {
	uint32_t count;		/* events to print; 0: no limit */
	uint32_t printed;
};

/*
 * An espgw_msg_fn for events: prints one (a line of text, or a JSON object
 * on a line), @arg a struct monitor.  -EBADMSG for a malformed event
 * (nothing printed); > 0 once @count events are printed.
 */
int monitor_print_event(uint8_t cmd, struct nlattr **attrs, void *arg);

#endif /* CRYPTOCTL_CMD_MONITOR_H */
