/* The LSH index of near-duplicate signatures (include/newsfuse/dedup.h).
 *
 * Each signature is cut into NF_DEDUP_BANDS bands of rows; a band's rows hash to a bucket
 * key. A bucket lists the items whose band had that key. Finding a copy visits the buckets
 * of the query's bands and compares the query with the items there (each once), so the
 * cost depends on how many near-duplicates are indexed, not on how many items are. Items
 * hold a copy of their signature; removal recomputes the item's bucket keys and takes it
 * out of each bucket list. Bucket lists are slots of one pool with a free list. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "dedup/u64map.h"
#include "newsfuse/dedup.h"

#define ROWS (NF_DEDUP_K / NF_DEDUP_BANDS)

typedef struct {
    uint64_t key;
    uint64_t order; /* insertion counter: ties go to the earliest */
    nf_dedup_sig sig;
    bool live;
} item;

typedef NF_VEC(uint32_t) u32_vec;

struct nf_dedup_index {
    double threshold;
    nf__u64map by_key;  /* key -> item slot */
    nf__u64map buckets; /* band key -> bucket slot */
    NF_VEC(item) items;
    u32_vec free_items;
    NF_VEC(u32_vec) lists; /* bucket slot -> item slots */
    u32_vec free_lists;
    uint64_t counter;
    /* query scratch: last query stamp per item slot */
    NF_VEC(uint64_t) stamp;
    uint64_t query;
};

nf_dedup_index *nf_dedup_index_new(double threshold)
{
    nf_dedup_index *ix = nf_xcalloc(1, sizeof *ix);
    ix->threshold = threshold > 0 ? threshold : 0.6;
    nf__u64map_init(&ix->by_key);
    nf__u64map_init(&ix->buckets);
    return ix;
}

void nf_dedup_index_free(nf_dedup_index *ix)
{
    if (!ix)
        return;
    nf__u64map_free(&ix->by_key);
    nf__u64map_free(&ix->buckets);
    nf_vec_free(&ix->items);
    nf_vec_free(&ix->free_items);
    for (size_t i = 0; i < ix->lists.len; i++)
        nf_vec_free(&ix->lists.items[i]);
    nf_vec_free(&ix->lists);
    nf_vec_free(&ix->free_lists);
    nf_vec_free(&ix->stamp);
    free(ix);
}

static uint64_t band_key(const nf_dedup_sig *s, size_t band)
{
    uint32_t buf[ROWS + 1];
    memcpy(buf, s->h + band * ROWS, ROWS * sizeof(uint32_t));
    buf[ROWS] = (uint32_t)band;
    return XXH3_64bits(buf, sizeof buf);
}

bool nf_dedup_index_find(const nf_dedup_index *cix, const nf_dedup_sig *s, uint64_t *key,
                         double *sim)
{
    if (!s->n_shingles || !cix->items.len)
        return false;
    nf_dedup_index *ix = (nf_dedup_index *)cix; /* the stamps are scratch, not state */
    ix->query++;
    double best = -1;
    uint64_t best_order = 0;
    size_t best_item = 0;
    for (size_t b = 0; b < NF_DEDUP_BANDS; b++) {
        uint64_t slot;
        if (!nf__u64map_get(&ix->buckets, band_key(s, b), &slot))
            continue;
        const u32_vec *l = &ix->lists.items[slot];
        for (size_t i = 0; i < l->len; i++) {
            uint32_t it = l->items[i];
            if (ix->stamp.items[it] == ix->query)
                continue;
            ix->stamp.items[it] = ix->query;
            const item *x = &ix->items.items[it];
            double js = nf_dedup_similarity(s, &x->sig);
            if (js >= ix->threshold &&
                (js > best || (js == best && x->order < best_order))) {
                best = js;
                best_order = x->order;
                best_item = it;
            }
        }
    }
    if (best < 0)
        return false;
    if (key)
        *key = ix->items.items[best_item].key;
    if (sim)
        *sim = best;
    return true;
}

static void bucket_remove(nf_dedup_index *ix, uint64_t bk, uint32_t it)
{
    uint64_t slot;
    if (!nf__u64map_get(&ix->buckets, bk, &slot))
        return;
    u32_vec *l = &ix->lists.items[slot];
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] == it) {
            l->items[i] = l->items[--l->len];
            break;
        }
    if (!l->len) {
        nf__u64map_del(&ix->buckets, bk);
        nf_vec_push(&ix->free_lists, (uint32_t)slot);
    }
}

bool nf_dedup_index_remove(nf_dedup_index *ix, uint64_t key)
{
    uint64_t it;
    if (!nf__u64map_get(&ix->by_key, key, &it))
        return false;
    item *x = &ix->items.items[it];
    for (size_t b = 0; b < NF_DEDUP_BANDS; b++)
        bucket_remove(ix, band_key(&x->sig, b), (uint32_t)it);
    x->live = false;
    nf__u64map_del(&ix->by_key, key);
    nf_vec_push(&ix->free_items, (uint32_t)it);
    return true;
}

void nf_dedup_index_add(nf_dedup_index *ix, uint64_t key, const nf_dedup_sig *s)
{
    if (!s->n_shingles)
        return;
    nf_dedup_index_remove(ix, key);
    uint32_t it;
    if (ix->free_items.len) {
        it = ix->free_items.items[--ix->free_items.len];
    } else {
        item blank;
        memset(&blank, 0, sizeof blank);
        nf_vec_push(&ix->items, blank);
        nf_vec_push(&ix->stamp, 0);
        it = (uint32_t)(ix->items.len - 1);
    }
    item *x = &ix->items.items[it];
    x->key = key;
    x->order = ix->counter++;
    x->sig = *s;
    x->live = true;
    nf__u64map_put(&ix->by_key, key, it);
    for (size_t b = 0; b < NF_DEDUP_BANDS; b++) {
        bool added;
        uint64_t *slot = nf__u64map_upsert(&ix->buckets, band_key(s, b), 0, &added);
        if (added) {
            if (ix->free_lists.len) {
                *slot = ix->free_lists.items[--ix->free_lists.len];
            } else {
                u32_vec empty = {0};
                uint64_t ns = ix->lists.len;
                nf_vec_push(&ix->lists, empty);
                *slot = ns;
            }
        }
        u32_vec *l = &ix->lists.items[*slot];
        nf_vec_push(l, it);
    }
}

size_t nf_dedup_index_count(const nf_dedup_index *ix)
{
    return ix->by_key.n;
}

size_t nf_dedup_index_bytes(const nf_dedup_index *ix)
{
    size_t b = sizeof *ix + (ix->by_key.cap + ix->buckets.cap) * 2 * sizeof(uint64_t) +
               ix->items.cap * sizeof(item) + ix->stamp.cap * sizeof(uint64_t) +
               (ix->free_items.cap + ix->free_lists.cap) * sizeof(uint32_t) +
               ix->lists.cap * sizeof(u32_vec);
    for (size_t i = 0; i < ix->lists.len; i++)
        b += ix->lists.items[i].cap * sizeof(uint32_t);
    return b;
}

nf_status nf_dedup_group(nf_doc *const *docs, size_t n, double threshold, size_t *copy_of)
{
    if (n && (!docs || !copy_of))
        return NF_ERR_INVALID;
    nf_dedup_index *ix = nf_dedup_index_new(threshold);
    nf_dedup_sig sig;
    for (size_t i = 0; i < n; i++) {
        nf_dedup_doc_signature(docs[i], &sig);
        uint64_t orig;
        if (nf_dedup_index_find(ix, &sig, &orig, NULL)) {
            copy_of[i] = (size_t)orig;
        } else {
            copy_of[i] = i;
            nf_dedup_index_add(ix, i, &sig);
        }
    }
    nf_dedup_index_free(ix);
    return NF_OK;
}
