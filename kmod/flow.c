// SPDX-License-Identifier: GPL-2.0
/*
 * The flow table: traffic selectors on tunnel interfaces, each carrying SAs.
 *
 * Outbound lookups are a tuple-space search: each tunnel keeps the distinct
 * (family, local prefix length, remote prefix length) classes of its flows,
 * most specific first, and a packet costs one hash lookup per class (on a
 * hub with thousands of /24-to-/24 flows: one).  Within a class the flow
 * naming a protocol and ports wins over the one that does not.
 *
 * Writers hold the namespace's table lock (the SA table's mutex); readers
 * hold RCU.  Flows are freed after a grace period.
 */

#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "dev.h"
#include "flow.h"
#include "sa.h"
#include "session.h"

static const struct rhashtable_params espgw_flow_sel_params = {
	.key_len = sizeof(struct espgw_flow_key),
	.key_offset = offsetof(struct espgw_flow, key),
	.head_offset = offsetof(struct espgw_flow, sel_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params espgw_flow_id_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct espgw_flow, id),
	.head_offset = offsetof(struct espgw_flow, id_node),
	.automatic_shrinking = true,
};

/* The selector classes of one tunnel, most specific first. */
struct espgw_mask {
	u8 family;
	u8 local_plen, remote_plen;
	u32 refs;
};

struct espgw_masks {
	struct rcu_head rcu;
	unsigned int n;
	struct espgw_mask m[];
};

int espgw_flow_table_init(struct espgw_flow_table *table)
{
	int ret;

	INIT_LIST_HEAD(&table->list);
	table->count = 0;
	table->generation = 1;
	ret = rhashtable_init(&table->ids, &espgw_flow_id_params);
	if (ret)
		return ret;
	ret = rhltable_init(&table->sel, &espgw_flow_sel_params);
	if (ret)
		rhashtable_destroy(&table->ids);
	return ret;
}

void espgw_flow_table_destroy(struct espgw_flow_table *table)
{
	WARN_ON_ONCE(!list_empty(&table->list));
	rhltable_destroy(&table->sel);
	rhashtable_destroy(&table->ids);
}

static void mask_addr(union espgw_addr *to, const union espgw_addr *from, u8 family, u8 plen)
{
	if (family == AF_INET)
		to->v4 = plen ? from->v4 & htonl(~0U << (32 - plen)) : 0;
	else
		ipv6_addr_prefix(&to->v6, &from->v6, plen);
}

void espgw_flow_set_key(struct espgw_flow *flow, int ifindex, u8 family,
			const union espgw_addr *local, u8 local_plen,
			const union espgw_addr *remote, u8 remote_plen)
{
	struct espgw_flow_key *key = &flow->key;

	memset(key, 0, sizeof(*key));
	key->ifindex = ifindex;
	key->family = family;
	key->local_plen = local_plen;
	key->remote_plen = remote_plen;
	mask_addr(&key->local, local, family, local_plen);
	mask_addr(&key->remote, remote, family, remote_plen);
}

struct espgw_flow *espgw_flow_alloc(void)
{
	struct espgw_flow *flow = kzalloc(sizeof(*flow), GFP_KERNEL);

	if (!flow)
		return NULL;
	flow->counters = espgw_counters_alloc();
	if (!flow->counters) {
		kfree(flow);
		return NULL;
	}
	INIT_LIST_HEAD(&flow->sas);
	INIT_LIST_HEAD(&flow->list);
	INIT_LIST_HEAD(&flow->tun_list);
	return flow;
}

static void espgw_flow_free_rcu(struct rcu_head *head)
{
	struct espgw_flow *flow = container_of(head, struct espgw_flow, rcu);

	if (!flow->counters_moved)
		free_percpu(flow->counters);
	kfree(flow);
}

void espgw_flow_free(struct espgw_flow *flow)
{
	call_rcu(&flow->rcu, espgw_flow_free_rcu);
}

struct espgw_flow *espgw_flow_find(struct espgw_flow_table *table, u32 id)
{
	return rhashtable_lookup_fast(&table->ids, &id, espgw_flow_id_params);
}

static bool more_specific(const struct espgw_mask *a, const struct espgw_mask *b)
{
	unsigned int la = a->local_plen + a->remote_plen;
	unsigned int lb = b->local_plen + b->remote_plen;

	return la != lb ? la > lb : a->local_plen > b->local_plen;
}

/* Takes or drops a reference on @flow's class in its tunnel's list. */
static int espgw_masks_update(struct espgw_tunnel *tun, const struct espgw_flow_key *key,
			      int delta)
{
	struct espgw_masks *old = rcu_dereference_protected(tun->masks, true);
	struct espgw_mask want = {
		.family = key->family,
		.local_plen = key->local_plen,
		.remote_plen = key->remote_plen,
	};
	unsigned int n = old ? old->n : 0, i, j;
	struct espgw_masks *new;

	for (i = 0; i < n; i++) {
		struct espgw_mask *m = &old->m[i];

		if (m->family != want.family || m->local_plen != want.local_plen ||
		    m->remote_plen != want.remote_plen)
			continue;
		if (delta > 0 || m->refs > 1) {
			m->refs += delta;
			return 0;
		}
		break;		/* the last reference goes: drop the class */
	}
	if (WARN_ON_ONCE(delta < 0 && i == n))
		return 0;

	new = kzalloc(struct_size(new, m, delta > 0 ? n + 1 : n - 1), GFP_KERNEL);
	if (!new && delta < 0) {
		old->m[i].refs = 0;	/* an empty class costs a lookup, no more */
		return 0;
	}
	if (!new)
		return -ENOMEM;
	if (delta > 0) {
		want.refs = 1;
		for (i = 0, j = 0; i < n && more_specific(&old->m[i], &want); i++)
			new->m[j++] = old->m[i];
		new->m[j++] = want;
		for (; i < n; i++)
			new->m[j++] = old->m[i];
	} else {
		unsigned int k;

		for (k = 0, j = 0; k < n; k++)
			if (k != i)
				new->m[j++] = old->m[k];
	}
	new->n = j;
	rcu_assign_pointer(tun->masks, new);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

void espgw_tunnel_masks_free(struct espgw_tunnel *tun)
{
	struct espgw_masks *masks = rcu_dereference_protected(tun->masks, true);

	RCU_INIT_POINTER(tun->masks, NULL);
	if (masks)
		kfree_rcu(masks, rcu);
}

int espgw_flow_insert(struct espgw_flow_table *table, struct espgw_flow *flow)
{
	int ret;

	ret = espgw_masks_update(flow->tun, &flow->key, 1);
	if (ret)
		return ret;
	ret = rhashtable_lookup_insert_fast(&table->ids, &flow->id_node, espgw_flow_id_params);
	if (ret)
		goto err_mask;
	ret = rhltable_insert(&table->sel, &flow->sel_node, espgw_flow_sel_params);
	if (ret)
		goto err_id;
	list_add_tail(&flow->list, &table->list);
	list_add_tail(&flow->tun_list, &flow->tun->flows);
	table->count++;
	table->generation++;
	return 0;

err_id:
	rhashtable_remove_fast(&table->ids, &flow->id_node, espgw_flow_id_params);
err_mask:
	espgw_masks_update(flow->tun, &flow->key, -1);
	return ret;
}

static void unhash(struct espgw_flow_table *table, struct espgw_flow *flow)
{
	rhltable_remove(&table->sel, &flow->sel_node, espgw_flow_sel_params);
	espgw_masks_update(flow->tun, &flow->key, -1);
}

int espgw_flow_replace(struct espgw_flow_table *table, struct espgw_flow *old,
		       struct espgw_flow *flow)
{
	struct espgw_pcpu_counters __percpu *own = flow->counters;
	struct espgw_sa *sa;
	int ret;

	/*
	 * A packet may find either flow from the insert on: both send with
	 * the same SA and count into the same counters (the old flow's, which
	 * its RCU-deferred free leaves alone).  The new selectors are in the
	 * hash before the old leave it, so no packet finds neither.  Failing
	 * to grow a hash leaves the old flow.
	 */
	flow->counters = old->counters;
	RCU_INIT_POINTER(flow->out_sa, rcu_dereference_protected(old->out_sa, true));
	ret = espgw_masks_update(flow->tun, &flow->key, 1);
	if (ret)
		goto undo;
	ret = rhltable_insert(&table->sel, &flow->sel_node, espgw_flow_sel_params);
	if (ret) {
		espgw_masks_update(flow->tun, &flow->key, -1);
		goto undo;
	}
	old->counters_moved = true;
	free_percpu(own);	/* never seen by a packet */
	unhash(table, old);
	WARN_ON_ONCE(rhashtable_replace_fast(&table->ids, &old->id_node, &flow->id_node,
					     espgw_flow_id_params));
	list_replace(&old->list, &flow->list);
	list_del(&old->tun_list);
	list_add_tail(&flow->tun_list, &flow->tun->flows);
	list_splice_init(&old->sas, &flow->sas);
	list_for_each_entry(sa, &flow->sas, flow_list)
		rcu_assign_pointer(sa->flow, flow);
	flow->sa_count = old->sa_count;
	flow->retired = old->retired;
	flow->base = old->base;
	table->generation++;
	espgw_flow_free(old);
	return 0;

undo:
	flow->counters = own;
	RCU_INIT_POINTER(flow->out_sa, NULL);
	return ret;
}

void espgw_flow_remove(struct espgw_flow_table *table, struct espgw_sa_table *sas,
		       struct espgw_flow *flow)
{
	struct espgw_sa *sa, *tmp;

	list_for_each_entry_safe(sa, tmp, &flow->sas, flow_list)
		espgw_sa_remove(sas, sa);
	espgw_session_flow_unlink(flow->tun->en, flow);
	unhash(table, flow);
	rhashtable_remove_fast(&table->ids, &flow->id_node, espgw_flow_id_params);
	list_del(&flow->list);
	list_del(&flow->tun_list);
	table->count--;
	table->generation++;
	espgw_flow_free(flow);
}

int espgw_flow_attach_sa(struct espgw_flow *flow, struct espgw_sa *sa)
{
	int ret;

	ret = espgw_session_sa_attach(flow->tun->en, sa, flow);
	if (ret)
		return ret;
	list_add_tail(&sa->flow_list, &flow->sas);
	flow->sa_count++;
	rcu_assign_pointer(sa->flow, flow);
	if (sa->id.dir == ESPGW_DIR_OUT)
		rcu_assign_pointer(flow->out_sa, sa);
	return 0;
}

/* The newest outbound SA still usable, or NULL. */
static struct espgw_sa *newest_out_sa(struct espgw_flow *flow)
{
	struct espgw_sa *sa;

	list_for_each_entry_reverse(sa, &flow->sas, flow_list)
		if (sa->id.dir == ESPGW_DIR_OUT && espgw_sa_usable(sa))
			return sa;
	return NULL;
}

void espgw_flow_detach_sa(struct espgw_sa *sa)
{
	struct espgw_flow *flow = rcu_dereference_protected(sa->flow, true);
	struct espgw_counts c;

	if (!flow)
		return;
	espgw_sa_counts(sa, &c);
	espgw_counts_add(sa->id.dir == ESPGW_DIR_IN ? &flow->retired.in : &flow->retired.out,
			 &c);
	list_del(&sa->flow_list);
	flow->sa_count--;
	RCU_INIT_POINTER(sa->flow, NULL);
	if (rcu_access_pointer(flow->out_sa) == sa)
		rcu_assign_pointer(flow->out_sa, newest_out_sa(flow));
	espgw_session_sa_detach(flow->tun->en, sa, flow);
}

/* After an SA stopped being usable: the flow sends with the next newest. */
void espgw_flow_retire_out_sa(struct espgw_sa *sa)
{
	struct espgw_flow *flow = rcu_dereference_protected(sa->flow, true);

	if (flow && rcu_access_pointer(flow->out_sa) == sa)
		rcu_assign_pointer(flow->out_sa, newest_out_sa(flow));
}

void espgw_flow_stats(struct espgw_flow *flow, struct espgw_stats *stats)
{
	struct espgw_counts own = {};
	struct espgw_sa *sa;

	*stats = flow->retired;
	espgw_counters_sum(flow->counters, &own);
	espgw_counts_sub(&own, &flow->base);
	espgw_counts_add(&stats->out, &own);
	list_for_each_entry(sa, &flow->sas, flow_list) {
		struct espgw_counts c;

		espgw_sa_counts(sa, &c);
		espgw_counts_add(sa->id.dir == ESPGW_DIR_IN ? &stats->in : &stats->out, &c);
	}
}

void espgw_flow_clear_counters(struct espgw_flow *flow)
{
	memset(&flow->retired, 0, sizeof(flow->retired));
	memset(&flow->base, 0, sizeof(flow->base));
	espgw_counters_sum(flow->counters, &flow->base);
}

bool espgw_flow_match(const struct espgw_flow *flow, const struct espgw_selector *sel)
{
	union espgw_addr a;

	if (sel->family != flow->key.family)
		return false;
	if (flow->proto && flow->proto != sel->proto)
		return false;
	if ((flow->local_port && flow->local_port != sel->local_port) ||
	    (flow->remote_port && flow->remote_port != sel->remote_port))
		return false;
	memset(&a, 0, sizeof(a));
	mask_addr(&a, &sel->local, sel->family, flow->key.local_plen);
	if (memcmp(&a, &flow->key.local, sizeof(a)))
		return false;
	mask_addr(&a, &sel->remote, sel->family, flow->key.remote_plen);
	return !memcmp(&a, &flow->key.remote, sizeof(a));
}

static unsigned int specificity(const struct espgw_flow *flow)
{
	return (flow->proto ? 4 : 0) + (flow->local_port ? 2 : 0) + (flow->remote_port ? 1 : 0);
}

struct espgw_flow *espgw_flow_lookup(struct espgw_flow_table *table,
				     struct espgw_tunnel *tun,
				     const struct espgw_selector *sel)
{
	const struct espgw_masks *masks = rcu_dereference(tun->masks);
	struct espgw_flow *flow, *best;
	struct espgw_flow_key key;
	struct rhlist_head *list, *pos;
	unsigned int i;

	if (!masks)
		return NULL;
	for (i = 0; i < masks->n; i++) {
		const struct espgw_mask *m = &masks->m[i];

		if (m->family != sel->family)
			continue;
		memset(&key, 0, sizeof(key));
		key.ifindex = tun->dev->ifindex;
		key.family = m->family;
		key.local_plen = m->local_plen;
		key.remote_plen = m->remote_plen;
		mask_addr(&key.local, &sel->local, m->family, m->local_plen);
		mask_addr(&key.remote, &sel->remote, m->family, m->remote_plen);
		list = rhltable_lookup(&table->sel, &key, espgw_flow_sel_params);
		best = NULL;
		rhl_for_each_entry_rcu(flow, pos, list, sel_node) {
			if (!espgw_flow_match(flow, sel))
				continue;
			if (!best || specificity(flow) > specificity(best))
				best = flow;
		}
		if (best)
			return best;
	}
	return NULL;
}
