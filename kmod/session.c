// SPDX-License-Identifier: GPL-2.0
/*
 * Crypto sessions, as Cisco's "show crypto session" sees them: per tunnel
 * interface and remote crypto endpoint, the IKE SA records the agent wrote,
 * the IPsec SAs and the flows they carry, and a configured peer.
 *
 * A session exists while anything belongs to it.  Its status follows from
 * what does (enum espgw_session_status) and is recomputed on every change;
 * each UP <-> DOWN transition is written to the kernel log in Cisco's
 * %CRYPTO-5-SESSION_STATUS format and multicast, exactly once.  A rekey
 * adds the new SAs before the old go, so it never shows as DOWN.
 *
 * Everything here runs under the SA table lock (espgw_net.sas.lock): the
 * tables change only under it, and only readers holding it walk them.
 */

#include <linux/espgw.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "dev.h"
#include "netlink.h"
#include "netns.h"
#include "sa.h"
#include "session.h"

static const struct rhashtable_params session_params = {
	.key_len = sizeof(struct espgw_session_key),
	.key_offset = offsetof(struct espgw_session, key),
	.head_offset = offsetof(struct espgw_session, node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params peer_params = {
	.key_len = sizeof(struct espgw_peer_key),
	.key_offset = offsetof(struct espgw_peer, key),
	.head_offset = offsetof(struct espgw_peer, node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params ike_params = {
	.key_len = sizeof(u32),
	.key_offset = offsetof(struct espgw_ike_sa, connid),
	.head_offset = offsetof(struct espgw_ike_sa, node),
	.automatic_shrinking = true,
};

int espgw_session_table_init(struct espgw_session_table *t)
{
	int ret;

	memset(t, 0, sizeof(*t));
	INIT_LIST_HEAD(&t->session_list);
	INIT_LIST_HEAD(&t->peer_list);
	INIT_LIST_HEAD(&t->ike_list);
	t->generation = 1;
	t->peer_generation = 1;
	t->ike_generation = 1;
	t->next_id = 1;
	ret = rhashtable_init(&t->sessions, &session_params);
	if (ret)
		return ret;
	ret = rhashtable_init(&t->peers, &peer_params);
	if (ret)
		goto err_peers;
	ret = rhashtable_init(&t->ike_sas, &ike_params);
	if (ret)
		goto err_ike;
	return 0;

err_ike:
	rhashtable_destroy(&t->peers);
err_peers:
	rhashtable_destroy(&t->sessions);
	return ret;
}

/* The namespace's tunnels, and so its flows and SAs in sessions, are gone. */
void espgw_session_table_destroy(struct espgw_net *en)
{
	struct espgw_session_table *t = &en->sessions;
	struct espgw_ike_sa *ike, *itmp;
	struct espgw_peer *peer, *ptmp;

	mutex_lock(&en->sas.lock);
	list_for_each_entry_safe(ike, itmp, &t->ike_list, list)
		espgw_ike_sa_remove(en, ike, ESPGW_REASON_INTERFACE_GONE);
	list_for_each_entry_safe(peer, ptmp, &t->peer_list, list)
		espgw_peer_remove(en, peer);
	WARN_ON_ONCE(!list_empty(&t->session_list));
	mutex_unlock(&en->sas.lock);
	rhashtable_destroy(&t->ike_sas);
	rhashtable_destroy(&t->peers);
	rhashtable_destroy(&t->sessions);
}

static void session_key(struct espgw_session_key *key, int ifindex, u8 family,
			const void *remote, __be16 rport)
{
	memset(key, 0, sizeof(*key));
	key->ifindex = ifindex;
	key->family = family;
	espgw_addr_copy(&key->remote, remote, family);
	key->rport = rport;
}

static struct espgw_session *session_get(struct espgw_net *en,
					 const struct espgw_session_key *key)
{
	struct espgw_session_table *t = &en->sessions;
	struct espgw_session *s;
	int ret;

	s = rhashtable_lookup_fast(&t->sessions, key, session_params);
	if (s)
		return s;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->key = *key;
	INIT_LIST_HEAD(&s->sas);
	INIT_LIST_HEAD(&s->ike_sas);
	INIT_LIST_HEAD(&s->flows);
	s->status = ESPGW_SESSION_DOWN;
	ret = rhashtable_insert_fast(&t->sessions, &s->node, session_params);
	if (ret) {
		kfree(s);
		return ERR_PTR(ret);
	}
	s->id = t->next_id++;
	if (!t->next_id)
		t->next_id = 1;
	list_add_tail(&s->list, &t->session_list);
	t->session_count++;
	t->generation++;
	return s;
}

static void session_maybe_free(struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_session_table *t = &en->sessions;

	if (s->sa_count || s->ike_count || s->flow_count || s->peer || s->busy)
		return;
	rhashtable_remove_fast(&t->sessions, &s->node, session_params);
	list_del(&s->list);
	t->session_count--;
	t->generation++;
	kfree(s->phase1_id);
	kfree_rcu(s, rcu);
}

static u8 session_status(const struct espgw_session *s)
{
	const struct espgw_ike_sa *ike;
	bool ike_up = false, negotiating = false;

	list_for_each_entry(ike, &s->ike_sas, session_list) {
		if (ike->state == ESPGW_IKE_STATE_ESTABLISHED)
			ike_up = true;
		else if (ike->state == ESPGW_IKE_STATE_NEGOTIATING)
			negotiating = true;
	}
	if (ike_up)
		return s->sa_count ? ESPGW_SESSION_UP_ACTIVE : ESPGW_SESSION_UP_IDLE;
	if (s->sa_count)
		return ESPGW_SESSION_UP_NO_IKE;
	return negotiating ? ESPGW_SESSION_DOWN_NEGOTIATING : ESPGW_SESSION_DOWN;
}

bool espgw_session_up(const struct espgw_session *s)
{
	return s->status >= ESPGW_SESSION_UP_ACTIVE;
}

/* The tunnel of a session (RCU), also while it is being unregistered. */
static struct net_device *session_dev_rcu(struct espgw_net *en, int ifindex)
{
	struct net_device *dev = en->sessions.gone_dev;

	if (!dev || dev->ifindex != ifindex)
		dev = dev_get_by_index_rcu(en->net, ifindex);
	return dev && espgw_dev_is_tunnel(dev) ? dev : NULL;
}

void espgw_session_names(struct espgw_net *en, const struct espgw_session *s,
			 struct espgw_session_names *n)
{
	struct net_device *dev, *vrf;
	struct espgw_tunnel *tun;

	memset(n, 0, sizeof(*n));
	rcu_read_lock();
	dev = session_dev_rcu(en, s->key.ifindex);
	if (dev) {
		tun = netdev_priv(dev);
		strscpy(n->ifname, dev->name, IFNAMSIZ);
		n->fvrf = READ_ONCE(tun->fvrf);
		vrf = n->fvrf ? dev_get_by_index_rcu(en->net, n->fvrf) : NULL;
		if (vrf)
			strscpy(n->fvrf_name, vrf->name, IFNAMSIZ);
		vrf = netdev_master_upper_dev_get_rcu(dev);
		if (vrf) {
			n->ivrf = vrf->ifindex;
			strscpy(n->ivrf_name, vrf->name, IFNAMSIZ);
		}
	}
	rcu_read_unlock();
}

struct espgw_peer *espgw_session_peer(struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_session_names n;
	struct espgw_peer_key key;

	if (s->peer)
		return s->peer;
	espgw_session_names(en, s, &n);
	memset(&key, 0, sizeof(key));
	key.addr = s->key.remote;
	key.family = s->key.family;
	key.fvrf = n.fvrf;
	return espgw_peer_find(en, &key);
}

const char *espgw_session_phase1_id(struct espgw_session *s, const struct espgw_peer *peer)
{
	struct espgw_ike_sa *ike;

	list_for_each_entry(ike, &s->ike_sas, session_list)
		if (ike->id)
			return ike->id;
	if (s->phase1_id)
		return s->phase1_id;
	return peer ? peer->id : NULL;
}

u8 espgw_session_local(struct espgw_net *en, struct espgw_session *s, union espgw_addr *addr,
		       u16 *port)
{
	struct espgw_ike_sa *ike;
	struct espgw_tunnel *tun;
	struct net_device *dev;
	struct espgw_sa *sa;
	u8 family = 0;

	/* Without an IKE SA, the IKE port is the peer's (500, or 4500 for NAT-T). */
	*port = ntohs(s->key.rport);
	ike = list_first_entry_or_null(&s->ike_sas, struct espgw_ike_sa, session_list);
	if (ike) {
		*addr = ike->local;
		*port = ike->lport;
		return ike->family;
	}
	sa = list_first_entry_or_null(&s->sas, struct espgw_sa, session_list);
	if (sa) {
		espgw_addr_copy(addr, &sa->local, sa->id.family);
		if (sa->encap == ESPGW_ENCAP_UDP)
			*port = ntohs(sa->id.dir == ESPGW_DIR_OUT ? sa->encap_sport :
				      sa->encap_dport);
		return sa->id.family;
	}
	if (s->peer && s->peer->local_family) {
		*addr = s->peer->local;
		return s->peer->local_family;
	}
	rcu_read_lock();
	dev = session_dev_rcu(en, s->key.ifindex);
	if (dev) {
		tun = netdev_priv(dev);
		if (tun->local_family == s->key.family) {
			*addr = tun->local;
			family = tun->local_family;
		}
	}
	rcu_read_unlock();
	return family;
}

/* %CRYPTO-5-SESSION_STATUS, as the seed writes it; unset parts left out. */
static void session_log(struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_peer *peer = espgw_session_peer(en, s);
	const char *id = espgw_session_phase1_id(s, peer);
	struct espgw_session_names n;
	char addr[sizeof("[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535")];

	espgw_session_names(en, s, &n);
	if (s->key.family == AF_INET)
		snprintf(addr, sizeof(addr), "%pI4:%u", &s->key.remote.v4, ntohs(s->key.rport));
	else
		snprintf(addr, sizeof(addr), "[%pI6c]:%u", &s->key.remote.v6, ntohs(s->key.rport));
	pr_notice("%%CRYPTO-5-SESSION_STATUS: Crypto session is %s. Peer %s%s%s%s%s%s%s%s%s\n",
		  espgw_session_up(s) ? "UP" : "DOWN", addr,
		  n.fvrf_name[0] ? " fvrf=" : "", n.fvrf_name,
		  n.ivrf_name[0] ? " ivrf=" : "", n.ivrf_name,
		  peer && peer->description ? " Description: " : "",
		  peer && peer->description ? peer->description : "",
		  id ? " Id: " : "", id ?: "");
}

/* After anything in @s changed: status, transition, and maybe its end. */
static void session_changed(struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_session_table *t = &en->sessions;
	bool was = espgw_session_up(s);

	s->status = session_status(s);
	t->generation++;
	if (espgw_session_up(s) != was) {
		if (espgw_session_up(s)) {
			s->up_time = ktime_get_real_seconds();
		} else {
			s->down_time = ktime_get_real_seconds();
			s->down_reason = t->reason ?: ESPGW_REASON_DELETED;
		}
		if (READ_ONCE(en->session_log))
			session_log(en, s);
		espgw_nl_session_event(en, s);
	}
	session_maybe_free(en, s);
}

static void flow_link(struct espgw_session *s, struct espgw_flow *flow)
{
	flow->session = s;
	list_add_tail(&flow->session_list, &s->flows);
	s->flow_count++;
}

static struct espgw_session *flow_unlink(struct espgw_flow *flow)
{
	struct espgw_session *s = flow->session;

	if (s) {
		list_del(&flow->session_list);
		flow->session = NULL;
		s->flow_count--;
	}
	return s;
}

int espgw_session_sa_attach(struct espgw_net *en, struct espgw_sa *sa, struct espgw_flow *flow)
{
	struct espgw_session_key key;
	struct espgw_session *s;

	session_key(&key, flow->key.ifindex, sa->id.family, &sa->remote, sa->peer_port);
	s = session_get(en, &key);
	if (IS_ERR(s))
		return PTR_ERR(s);
	sa->session = s;
	list_add_tail(&sa->session_list, &s->sas);
	s->sa_count++;
	if (!flow->session)
		flow_link(s, flow);
	session_changed(en, s);
	return 0;
}

void espgw_session_sa_detach(struct espgw_net *en, struct espgw_sa *sa, struct espgw_flow *flow)
{
	struct espgw_session *s = sa->session, *fs = NULL;

	if (!s)
		return;
	list_del(&sa->session_list);
	sa->session = NULL;
	s->sa_count--;
	/* A flow without a peer of its own belongs to a session through its SAs. */
	if (!flow->peer_family && !flow->sa_count)
		fs = flow_unlink(flow);
	if (fs && fs != s)
		session_changed(en, fs);
	session_changed(en, s);
}

int espgw_session_flow_link(struct espgw_net *en, struct espgw_flow *flow)
{
	struct espgw_session_key key;
	struct espgw_session *s;

	if (!flow->peer_family)
		return 0;
	session_key(&key, flow->key.ifindex, flow->peer_family, &flow->peer, flow->peer_port);
	s = session_get(en, &key);
	if (IS_ERR(s))
		return PTR_ERR(s);
	flow_link(s, flow);
	en->sessions.generation++;
	return 0;
}

void espgw_session_flow_unlink(struct espgw_net *en, struct espgw_flow *flow)
{
	struct espgw_session *s = flow_unlink(flow);

	if (s)
		session_changed(en, s);
}

/* @sa's flow moved to interface @ifindex: so does @sa, to that session. */
static void sa_move(struct espgw_net *en, struct espgw_sa *sa, int ifindex)
{
	struct espgw_session *from = sa->session, *to;
	struct espgw_session_key key;

	if (!from)
		return;
	session_key(&key, ifindex, sa->id.family, &sa->remote, sa->peer_port);
	to = session_get(en, &key);
	if (IS_ERR(to))
		return;		/* out of memory: it stays where it was */
	list_move_tail(&sa->session_list, &to->sas);
	from->sa_count--;
	to->sa_count++;
	sa->session = to;
	session_changed(en, to);
	session_changed(en, from);
}

void espgw_session_flow_replace(struct espgw_net *en, struct espgw_flow *old,
				struct espgw_flow *flow)
{
	struct espgw_sa *sa;

	if (old->key.ifindex != flow->key.ifindex)
		list_for_each_entry(sa, &flow->sas, flow_list)
			sa_move(en, sa, flow->key.ifindex);
	if (old->session && !flow->session && !old->peer_family &&
	    old->session->key.ifindex == flow->key.ifindex) {
		list_replace(&old->session_list, &flow->session_list);
		flow->session = old->session;
		old->session = NULL;
		return;
	}
	espgw_session_flow_unlink(en, old);
	sa = list_first_entry_or_null(&flow->sas, struct espgw_sa, flow_list);
	if (!flow->session && sa && sa->session)
		flow_link(sa->session, flow);
	en->sessions.generation++;
}

/* Peers. */

struct espgw_peer *espgw_peer_find(struct espgw_net *en, const struct espgw_peer_key *key)
{
	return rhashtable_lookup_fast(&en->sessions.peers, key, peer_params);
}

static int peer_link(struct espgw_net *en, struct espgw_peer *peer)
{
	struct espgw_session_key key;
	struct espgw_session *s;

	if (!peer->ifindex)
		return 0;
	session_key(&key, peer->ifindex, peer->key.family, &peer->key.addr, htons(peer->port));
	s = session_get(en, &key);
	if (IS_ERR(s))
		return PTR_ERR(s);
	if (s->peer) {
		session_maybe_free(en, s);
		return -EBUSY;
	}
	s->peer = peer;
	peer->session = s;
	en->sessions.generation++;
	return 0;
}

static void peer_unlink(struct espgw_net *en, struct espgw_peer *peer)
{
	struct espgw_session *s = peer->session;

	if (!s)
		return;
	s->peer = NULL;
	peer->session = NULL;
	session_changed(en, s);
}

int espgw_peer_insert(struct espgw_net *en, struct espgw_peer *peer)
{
	struct espgw_session_table *t = &en->sessions;
	int ret;

	ret = rhashtable_lookup_insert_fast(&t->peers, &peer->node, peer_params);
	if (ret)
		return ret;
	ret = peer_link(en, peer);
	if (ret) {
		rhashtable_remove_fast(&t->peers, &peer->node, peer_params);
		return ret;
	}
	list_add_tail(&peer->list, &t->peer_list);
	t->peer_count++;
	t->peer_generation++;
	t->generation++;
	return 0;
}

void espgw_peer_remove(struct espgw_net *en, struct espgw_peer *peer)
{
	struct espgw_session_table *t = &en->sessions;

	peer_unlink(en, peer);
	rhashtable_remove_fast(&t->peers, &peer->node, peer_params);
	list_del(&peer->list);
	t->peer_count--;
	t->peer_generation++;
	t->generation++;
	espgw_peer_free(peer);
}

int espgw_peer_relink(struct espgw_net *en, struct espgw_peer *peer)
{
	en->sessions.peer_generation++;
	en->sessions.generation++;
	peer_unlink(en, peer);
	return peer_link(en, peer);
}

void espgw_peer_changed(struct espgw_net *en)
{
	en->sessions.peer_generation++;
	en->sessions.generation++;
}

void espgw_peer_free(struct espgw_peer *peer)
{
	if (!peer)
		return;
	kfree(peer->description);
	kfree(peer->id);
	kfree_rcu(peer, rcu);
}

/* IKE SA records. */

struct espgw_ike_sa *espgw_ike_sa_find(struct espgw_net *en, u32 connid)
{
	return rhashtable_lookup_fast(&en->sessions.ike_sas, &connid, ike_params);
}

static void remember_id(struct espgw_session *s, const struct espgw_ike_sa *ike)
{
	char *id;

	if (!ike->id || (s->phase1_id && !strcmp(s->phase1_id, ike->id)))
		return;
	id = kstrdup(ike->id, GFP_KERNEL);
	if (id) {
		kfree(s->phase1_id);
		s->phase1_id = id;
	}
}

int espgw_ike_sa_insert(struct espgw_net *en, struct espgw_ike_sa *ike)
{
	struct espgw_session_table *t = &en->sessions;
	struct espgw_session_key key;
	struct espgw_session *s;
	int ret;

	session_key(&key, ike->ifindex, ike->family, &ike->remote, htons(ike->rport));
	s = session_get(en, &key);
	if (IS_ERR(s))
		return PTR_ERR(s);
	ret = rhashtable_lookup_insert_fast(&t->ike_sas, &ike->node, ike_params);
	if (ret) {
		session_maybe_free(en, s);
		return ret;
	}
	list_add_tail(&ike->list, &t->ike_list);
	t->ike_count++;
	t->owned_count += !!ike->owner;
	t->ike_generation++;
	ike->session = s;
	list_add_tail(&ike->session_list, &s->ike_sas);
	s->ike_count++;
	remember_id(s, ike);
	session_changed(en, s);
	return 0;
}

void espgw_ike_sa_changed(struct espgw_net *en, struct espgw_ike_sa *ike)
{
	en->sessions.ike_generation++;
	remember_id(ike->session, ike);
	session_changed(en, ike->session);
}

void espgw_ike_sa_remove(struct espgw_net *en, struct espgw_ike_sa *ike, u8 reason)
{
	struct espgw_session_table *t = &en->sessions;
	struct espgw_session *s = ike->session;
	u8 saved = t->reason;

	rhashtable_remove_fast(&t->ike_sas, &ike->node, ike_params);
	list_del(&ike->list);
	t->ike_count--;
	t->owned_count -= !!ike->owner;
	t->ike_generation++;
	list_del(&ike->session_list);
	s->ike_count--;
	t->reason = reason;
	session_changed(en, s);
	t->reason = saved;
	espgw_ike_sa_free(ike);
}

void espgw_ike_sa_free(struct espgw_ike_sa *ike)
{
	if (!ike)
		return;
	kfree(ike->id);
	kfree_rcu(ike, rcu);
}

bool espgw_session_expire(struct espgw_net *en, time64_t now)
{
	struct espgw_ike_sa *ike, *tmp;

	list_for_each_entry_safe(ike, tmp, &en->sessions.ike_list, list)
		if (ike->expires && now >= ike->expires)
			espgw_ike_sa_remove(en, ike, ESPGW_REASON_EXPIRED);
	return en->sessions.ike_count > 0;
}

void espgw_session_owner_gone(struct espgw_net *en, u32 portid)
{
	struct espgw_ike_sa *ike, *tmp;

	list_for_each_entry_safe(ike, tmp, &en->sessions.ike_list, list)
		if (ike->owner == portid)
			espgw_ike_sa_remove(en, ike, ESPGW_REASON_AGENT_GONE);
}

/* Interfaces going away. */

void espgw_session_dev_begin(struct espgw_net *en, struct net_device *dev)
{
	en->sessions.gone_dev = dev;
	en->sessions.reason = ESPGW_REASON_INTERFACE_GONE;
}

void espgw_session_dev_end(struct espgw_net *en, struct net_device *dev)
{
	struct espgw_session_table *t = &en->sessions;
	struct espgw_ike_sa *ike, *itmp;
	struct espgw_peer *peer;

	list_for_each_entry_safe(ike, itmp, &t->ike_list, list)
		if (ike->ifindex == dev->ifindex)
			espgw_ike_sa_remove(en, ike, ESPGW_REASON_INTERFACE_GONE);
	list_for_each_entry(peer, &t->peer_list, list) {
		if (peer->ifindex != dev->ifindex)
			continue;
		peer_unlink(en, peer);
		peer->ifindex = 0;
		t->peer_generation++;
	}
	t->gone_dev = NULL;
	t->reason = 0;
}

/* clear crypto session. */

static bool session_matches(struct espgw_net *en, struct espgw_session *s,
			    const struct espgw_session_filter *f)
{
	struct espgw_session_names n;
	union espgw_addr local;
	u16 lport;
	u8 family;

	if (f->remote_family && (f->remote_family != s->key.family ||
				 !espgw_addr_equal(&f->remote, &s->key.remote, s->key.family)))
		return false;
	if (f->rport && f->rport != ntohs(s->key.rport))
		return false;
	if (f->local_family) {
		family = espgw_session_local(en, s, &local, &lport);
		if (family != f->local_family || !espgw_addr_equal(&f->local, &local, family))
			return false;
		if (f->lport && f->lport != lport)
			return false;
	}
	if (f->fvrf || f->ivrf) {
		espgw_session_names(en, s, &n);
		if ((f->fvrf && n.fvrf != f->fvrf) || (f->ivrf && n.ivrf != f->ivrf))
			return false;
	}
	return true;
}

static void session_clear(struct espgw_net *en, struct espgw_session *s)
{
	struct espgw_ike_sa *ike, *itmp;
	struct espgw_sa *sa, *tmp;

	espgw_nl_clear_event(en, s);
	en->sessions.reason = ESPGW_REASON_CLEARED;
	list_for_each_entry_safe(sa, tmp, &s->sas, session_list)
		espgw_sa_remove(&en->sas, sa);
	list_for_each_entry_safe(ike, itmp, &s->ike_sas, session_list)
		espgw_ike_sa_remove(en, ike, ESPGW_REASON_CLEARED);
	en->sessions.reason = 0;
}

unsigned int espgw_session_clear(struct espgw_net *en, const struct espgw_session_filter *f)
{
	struct list_head *head = &en->sessions.session_list;
	struct espgw_session *s, *next;
	unsigned int cleared = 0;

	for (s = list_first_entry(head, struct espgw_session, list); &s->list != head; s = next) {
		if ((!s->sa_count && !s->ike_count) || !session_matches(en, s, f)) {
			next = list_next_entry(s, list);
			continue;
		}
		/*
		 * Clearing @s may end other sessions (a flow leaving one), never
		 * @s itself while it is busy: the next one is taken after.
		 */
		s->busy++;
		session_clear(en, s);
		cleared++;
		next = list_next_entry(s, list);
		s->busy--;
		session_maybe_free(en, s);
	}
	return cleared;
}
