// SPDX-License-Identifier: GPL-2.0
/*
 * SA lifetimes and the events the IKE agent relies on: EXPIRE (soft: time
 * to rekey; hard: the SA is gone) and ACQUIRE (a flow has traffic but no
 * outbound SA).
 *
 * Byte and packet limits are counted on the packet path, only for SAs that
 * have them.  Time limits, and the removal of SAs that reached a hard
 * limit, belong to one worker per namespace: it runs every second while
 * there are SAs, and at once when the packet path asks.
 */

#include <linux/espgw.h>
#include <net/genetlink.h>

#include "event.h"
#include "flow.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"
#include "session.h"

static struct workqueue_struct *espgw_event_wq;

void espgw_expire_kick(struct espgw_net *en)
{
	mod_delayed_work(espgw_event_wq, &en->expire_work, 0);
}

void espgw_expire_start(struct espgw_net *en)
{
	/* No-op while it is pending: once a second at most. */
	queue_delayed_work(espgw_event_wq, &en->expire_work, HZ);
}

void espgw_sa_expire_now(struct espgw_net *en, struct espgw_sa *sa)
{
	if (!test_and_set_bit(ESPGW_SA_HARD_EXPIRED, &sa->flags))
		espgw_expire_kick(en);
}

bool espgw_sa_account(struct espgw_net *en, struct espgw_sa *sa, unsigned int bytes)
{
	u64 b = atomic64_add_return(bytes, &sa->life_bytes);
	u64 p = atomic64_inc_return(&sa->life_packets);

	if ((sa->hard.bytes && b > sa->hard.bytes) ||
	    (sa->hard.packets && p > sa->hard.packets))
		return false;
	if (((sa->soft.bytes && b >= sa->soft.bytes) ||
	     (sa->soft.packets && p >= sa->soft.packets)) &&
	    !test_and_set_bit(ESPGW_SA_SOFT_EXPIRED, &sa->flags))
		espgw_expire_kick(en);
	return true;
}

struct expire_event {
	struct espgw_sa *sa;
	bool hard;
};

static int put_expire(struct sk_buff *skb, void *arg)
{
	struct expire_event *ev = arg;

	return espgw_nl_put_sa(skb, ev->sa) ?:
	       (ev->hard ? nla_put_flag(skb, ESPGW_A_HARD) : 0);
}

static void espgw_notify_expire(struct espgw_net *en, struct espgw_sa *sa, bool hard)
{
	struct expire_event ev = { sa, hard };

	espgw_nl_multicast(en, ESPGW_CMD_EXPIRE, GFP_KERNEL, put_expire, &ev);
}

static bool reached(u64 limit, u64 value)
{
	return limit && value >= limit;
}

static void espgw_expire_work(struct work_struct *work)
{
	struct espgw_net *en = container_of(to_delayed_work(work), struct espgw_net,
					    expire_work);
	time64_t now = ktime_get_real_seconds();
	struct espgw_sa *sa, *tmp;
	bool again;

	mutex_lock(&en->sas.lock);
	list_for_each_entry_safe(sa, tmp, &en->sas.list, list) {
		u64 age = now - sa->add_time;

		if (reached(sa->soft.seconds, age))
			set_bit(ESPGW_SA_SOFT_EXPIRED, &sa->flags);
		if (reached(sa->hard.seconds, age))
			set_bit(ESPGW_SA_HARD_EXPIRED, &sa->flags);
		if (test_bit(ESPGW_SA_HARD_EXPIRED, &sa->flags)) {
			espgw_flow_retire_out_sa(sa);
			espgw_notify_expire(en, sa, true);
			en->sessions.reason = ESPGW_REASON_EXPIRED;
			espgw_sa_remove(&en->sas, sa);
			en->sessions.reason = 0;
			continue;
		}
		if (test_bit(ESPGW_SA_SOFT_EXPIRED, &sa->flags) &&
		    !test_and_set_bit(ESPGW_SA_SOFT_NOTIFIED, &sa->flags))
			espgw_notify_expire(en, sa, false);
	}
	/* IKE SA records whose lifetime ran out go too. */
	again = espgw_session_expire(en, now) || en->sas.count > 0;
	mutex_unlock(&en->sas.lock);
	if (again)
		queue_delayed_work(espgw_event_wq, &en->expire_work, HZ);
}

void espgw_expire_init(struct espgw_net *en)
{
	INIT_DELAYED_WORK(&en->expire_work, espgw_expire_work);
}

void espgw_expire_stop(struct espgw_net *en)
{
	cancel_delayed_work_sync(&en->expire_work);
}

static int put_acquire(struct sk_buff *skb, void *flow)
{
	return espgw_nl_put_flow(skb, flow, false);
}

void espgw_acquire(struct espgw_net *en, struct espgw_flow *flow)
{
	unsigned long now = jiffies;

	if (time_after(now, READ_ONCE(flow->acquire_start) + HZ)) {
		WRITE_ONCE(flow->acquire_start, now);
		atomic_set(&flow->acquire_count, 0);
	}
	if (atomic_inc_return(&flow->acquire_count) > READ_ONCE(en->acquire_rate))
		return;
	espgw_nl_multicast(en, ESPGW_CMD_ACQUIRE, GFP_ATOMIC, put_acquire, flow);
}

int __init espgw_event_init(void)
{
	espgw_event_wq = alloc_workqueue("espgw_event", WQ_UNBOUND, 0);
	return espgw_event_wq ? 0 : -ENOMEM;
}

void espgw_event_uninit(void)
{
	destroy_workqueue(espgw_event_wq);
}
