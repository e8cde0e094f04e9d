/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_NETLINK_H
#define _ESPGW_NETLINK_H

#include <linux/espgw.h>
#include <net/genetlink.h>

struct espgw_flow;
struct espgw_net;
struct espgw_sa;
struct espgw_session;

enum espgw_multicast_groups {
	ESPGW_MCGRP_EVENTS_ID,
};

extern struct genl_family espgw_genl_family;
extern const struct nla_policy espgw_sa_policy[ESPGW_SA_A_MAX + 1];
extern const struct nla_policy espgw_flow_policy[ESPGW_FLOW_A_MAX + 1];

int espgw_nl_new_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_del_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_get_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_dump_sa(struct sk_buff *skb, struct netlink_callback *cb);
/* An ESPGW_A_SA nest: everything but the key (table lock held). */
int espgw_nl_put_sa(struct sk_buff *skb, struct espgw_sa *sa);

int espgw_nl_new_flow(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_del_flow(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_get_flow(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_dump_flow(struct sk_buff *skb, struct netlink_callback *cb);
/* An ESPGW_A_FLOW nest; @with_stats needs the table lock. */
int espgw_nl_put_flow(struct sk_buff *skb, struct espgw_flow *flow, bool with_stats);

int espgw_nl_new_peer(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_del_peer(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_get_peer(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_dump_peer(struct sk_buff *skb, struct netlink_callback *cb);
int espgw_nl_new_ike_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_del_ike_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_get_ike_sa(struct sk_buff *skb, struct genl_info *info);
int espgw_nl_dump_ike_sa(struct sk_buff *skb, struct netlink_callback *cb);
int espgw_nl_dump_session(struct sk_buff *skb, struct netlink_callback *cb);
int espgw_nl_clear_session(struct sk_buff *skb, struct genl_info *info);
/* Multicast: a session went UP or DOWN; a session is being cleared. */
void espgw_nl_session_event(struct espgw_net *en, struct espgw_session *s);
void espgw_nl_clear_event(struct espgw_net *en, struct espgw_session *s);
extern const struct nla_policy espgw_peer_policy[ESPGW_PEER_A_MAX + 1];
extern const struct nla_policy espgw_ike_sa_policy[ESPGW_IKE_SA_A_MAX + 1];
extern const struct nla_policy espgw_filter_policy[ESPGW_FILTER_A_MAX + 1];

union espgw_addr;
/* An address attribute (4 or 16 bytes): its family, or -EINVAL with a message. */
int espgw_nla_addr(const struct nlattr *nla, union espgw_addr *a, struct netlink_ext_ack *extack);
int espgw_nl_get_one(struct genl_info *info, u8 cmd,
		     void *(*find)(struct espgw_net *en, struct genl_info *info),
		     int (*put)(struct sk_buff *skb, void *obj));
void espgw_nl_multicast(struct espgw_net *en, u8 cmd, gfp_t gfp,
			int (*put)(struct sk_buff *skb, void *arg), void *arg);

int espgw_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb, struct mutex *lock,
		       struct list_head *head, const unsigned int *generation, size_t off,
		       u8 cmd, int (*put)(struct sk_buff *skb, void *obj));

int espgw_genetlink_init(void);
void espgw_genetlink_uninit(void);

#endif /* _ESPGW_NETLINK_H */
