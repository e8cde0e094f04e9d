/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_NETLINK_H
#define _ESPGW_NETLINK_H

#include <linux/espgw.h>
#include <net/genetlink.h>

extern struct genl_family espgw_genl_family;
extern const struct nla_policy espgw_sa_policy[ESPGW_SA_A_MAX + 1];

int espgw_nl_new_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_del_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_get_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_dump_sa(struct sk_buff *skb, struct netlink_callback *cb);

int espgw_genetlink_init(void);
void espgw_genetlink_uninit(void);

#endif /* _ESPGW_NETLINK_H */
