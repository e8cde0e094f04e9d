/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_NETLINK_H
#define _ESPGW_NETLINK_H

int espgw_genetlink_init(void);
void espgw_genetlink_uninit(void);

#endif /* _ESPGW_NETLINK_H */
