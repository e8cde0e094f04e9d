// SPDX-License-Identifier: GPL-2.0
/*
 * The per-namespace SA table: an rhashtable keyed by (direction, SPI,
 * destination) for RCU lookups, and a list for dumps and flushes.  Writers
 * and dumps hold the table's mutex.  An SA lives while it has references;
 * the table holds one.  The last put frees it after an RCU grace period, in
 * process context (freeing a crypto transform may sleep).
 */

#include <crypto/authenc.h>
#include <linux/module.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "crypto.h"
#include "encap.h"
#include "flow.h"
#include "input.h"
#include "sa.h"

static struct workqueue_struct *espgw_sa_wq;

/*
 * For tests: wrap new SAs' transforms in cryptd, so every packet completes
 * asynchronously, as with crypto offload engines.
 */
static bool force_async;
module_param(force_async, bool, 0644);
MODULE_PARM_DESC(force_async, "run new SAs' crypto through cryptd (asynchronous; for testing)");

static const struct rhashtable_params espgw_sa_params = {
	.key_len = sizeof(struct espgw_sa_id),
	.key_offset = offsetof(struct espgw_sa, id),
	.head_offset = offsetof(struct espgw_sa, node),
	.automatic_shrinking = true,
};

int espgw_sa_table_init(struct espgw_sa_table *table)
{
	INIT_LIST_HEAD(&table->list);
	mutex_init(&table->lock);
	table->count = 0;
	table->generation = 1;
	return rhashtable_init(&table->hash, &espgw_sa_params);
}

void espgw_sa_table_destroy(struct espgw_sa_table *table)
{
	struct espgw_sa *sa, *tmp;
	bool sockets = false;

	mutex_lock(&table->lock);
	list_for_each_entry_safe(sa, tmp, &table->list, list) {
		sockets |= !!sa->encap_port;
		espgw_sa_remove(table, sa);
	}
	mutex_unlock(&table->lock);
	/*
	 * At rmmod the namespace lives on: a datagram on a UDP port just
	 * closed may still be looking SAs up, or counting its drop.
	 */
	if (sockets)
		synchronize_net();
	rhashtable_destroy(&table->hash);
	mutex_destroy(&table->lock);
}

struct espgw_sa *espgw_sa_lookup(struct espgw_sa_table *table, const struct espgw_sa_id *id)
{
	return rhashtable_lookup_fast(&table->hash, id, espgw_sa_params);
}

int espgw_sa_insert(struct espgw_sa_table *table, struct espgw_sa *sa)
{
	int ret;

	lockdep_assert_held(&table->lock);
	ret = rhashtable_lookup_insert_fast(&table->hash, &sa->node, espgw_sa_params);
	if (ret < 0)
		return ret;
	list_add_tail(&sa->list, &table->list);
	table->count++;
	table->generation++;
	return 0;
}

/* Out of the table: off its flow and its UDP port, then the table's reference. */
static void espgw_sa_unlink(struct espgw_sa *sa)
{
	espgw_flow_detach_sa(sa);
	if (sa->encap_port)
		espgw_encap_put(sa->encap_port);
	sa->encap_port = NULL;
	espgw_sa_put(sa);
}

void espgw_sa_replace(struct espgw_sa_table *table, struct espgw_sa *old, struct espgw_sa *sa)
{
	lockdep_assert_held(&table->lock);
	/* Same key: rhashtable_replace_fast cannot fail here. */
	WARN_ON_ONCE(rhashtable_replace_fast(&table->hash, &old->node, &sa->node,
					     espgw_sa_params));
	list_replace(&old->list, &sa->list);
	table->generation++;
	espgw_sa_unlink(old);
}

void espgw_sa_remove(struct espgw_sa_table *table, struct espgw_sa *sa)
{
	lockdep_assert_held(&table->lock);
	rhashtable_remove_fast(&table->hash, &sa->node, espgw_sa_params);
	list_del(&sa->list);
	table->count--;
	table->generation++;
	espgw_sa_unlink(sa);
}

/* Frees what espgw_sa_create() made, however far it got. */
static void espgw_sa_free(struct espgw_sa *sa)
{
	if (!IS_ERR_OR_NULL(sa->aead))
		crypto_free_aead(sa->aead);
	dst_cache_destroy(&sa->dst_cache);
	free_percpu(sa->counters);
	kfree(sa->replay);
	kfree(sa);
}

static void espgw_sa_free_work(struct work_struct *work)
{
	espgw_sa_free(container_of(to_rcu_work(work), struct espgw_sa, free_work));
}

void espgw_sa_put(struct espgw_sa *sa)
{
	if (refcount_dec_and_test(&sa->refcnt))
		queue_rcu_work(espgw_sa_wq, &sa->free_work);
}

/* authenc() takes its two keys in one rtattr-framed blob. */
static int espgw_authenc_setkey(struct crypto_aead *aead, const u8 *key,
				unsigned int enc_len, unsigned int auth_len)
{
	struct crypto_authenc_key_param *param;
	unsigned int len = RTA_SPACE(sizeof(*param)) + enc_len + auth_len;
	struct rtattr *rta;
	u8 *blob, *p;
	int ret;

	blob = kmalloc(len, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	rta = (struct rtattr *)blob;
	rta->rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	rta->rta_len = RTA_LENGTH(sizeof(*param));
	param = RTA_DATA(rta);
	param->enckeylen = cpu_to_be32(enc_len);
	p = blob + RTA_SPACE(sizeof(*param));
	memcpy(p, key + enc_len, auth_len);	/* user order: enc key, auth key */
	memcpy(p + auth_len, key, enc_len);
	ret = crypto_aead_setkey(aead, blob, len);
	kfree_sensitive(blob);
	return ret;
}

void espgw_sa_counts(struct espgw_sa *sa, struct espgw_counts *c)
{
	memset(c, 0, sizeof(*c));
	espgw_counters_sum(sa->counters, c);
	espgw_counts_sub(c, &sa->base);
}

struct espgw_sa *espgw_sa_create(const struct espgw_algorithm *alg, bool esn, bool inbound,
				 u32 replay_window, const u8 *key, unsigned int key_len,
				 struct netlink_ext_ack *extack)
{
	struct espgw_sa *sa;
	int ret;

	sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	if (!sa)
		return ERR_PTR(-ENOMEM);
	sa->alg = alg;
	sa->esn = esn;
	refcount_set(&sa->refcnt, 1);
	INIT_RCU_WORK(&sa->free_work, espgw_sa_free_work);
	INIT_LIST_HEAD(&sa->list);
	INIT_LIST_HEAD(&sa->flow_list);
	ret = -ENOMEM;
	sa->counters = espgw_counters_alloc();
	if (!sa->counters)
		goto err_free;
	if (inbound) {
		sa->replay_window = replay_window;
		sa->replay = espgw_replay_alloc(replay_window);
		if (!sa->replay)
			goto err_free;
	} else if (dst_cache_init(&sa->dst_cache, GFP_KERNEL)) {
		goto err_free;
	}

	if (READ_ONCE(force_async)) {
		/*
		 * cryptd wraps only synchronous implementations, and its
		 * instances keep the inner name: find a synchronous one and
		 * ask for its wrapper by driver name.
		 */
		char name[CRYPTO_MAX_ALG_NAME];

		sa->aead = crypto_alloc_aead(esn ? alg->esn_name : alg->name, 0,
					     CRYPTO_ALG_ASYNC);
		if (!IS_ERR(sa->aead)) {
			snprintf(name, sizeof(name), "cryptd(%s)",
				 crypto_tfm_alg_driver_name(crypto_aead_tfm(sa->aead)));
			crypto_free_aead(sa->aead);
			sa->aead = crypto_alloc_aead(name, 0, 0);
		}
	} else {
		sa->aead = crypto_alloc_aead(esn ? alg->esn_name : alg->name, 0, 0);
	}
	if (IS_ERR(sa->aead)) {
		ret = PTR_ERR(sa->aead);
		NL_SET_ERR_MSG_MOD(extack, "the kernel crypto API cannot provide this algorithm");
		goto err_free;
	}
	if (alg->auth_key_bytes)
		ret = espgw_authenc_setkey(sa->aead, key, alg->key_bits / 8, alg->auth_key_bytes);
	else
		ret = crypto_aead_setkey(sa->aead, key, key_len);
	if (!ret)
		ret = crypto_aead_setauthsize(sa->aead, alg->icv_bits / 8);
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack, "the crypto API rejected the key");
		goto err_free;
	}
	return sa;

err_free:
	espgw_sa_free(sa);
	return ERR_PTR(ret);
}

int __init espgw_sa_init(void)
{
	espgw_sa_wq = alloc_workqueue("espgw_sa", WQ_UNBOUND, 0);
	return espgw_sa_wq ? 0 : -ENOMEM;
}

/*
 * Waits until every SA whose last reference is gone is freed: outbound SAs
 * keep routes, which must not outlive their namespace.
 */
void espgw_sa_drain(void)
{
	rcu_barrier();
	flush_workqueue(espgw_sa_wq);
}

void espgw_sa_uninit(void)
{
	/* Every SA's last put queued its free behind an RCU grace period. */
	rcu_barrier();
	destroy_workqueue(espgw_sa_wq);
}
