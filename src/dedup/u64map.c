/* Open-addressing map from 64-bit hashes to 64-bit values (see u64map.h). */
#include <stdlib.h>
#include <string.h>

#include "dedup/u64map.h"
#include "newsfuse/base.h"

static inline size_t slot_of(uint64_t k, size_t mask)
{
    /* keys are hashes already; mix once more so that structured keys spread too */
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & mask;
}

void nf__u64map_init(nf__u64map *m)
{
    memset(m, 0, sizeof *m);
}

void nf__u64map_free(nf__u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static void grow(nf__u64map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    uint64_t *nk = nf_xcalloc(ncap, sizeof *nk);
    uint64_t *nv = nf_xmalloc(ncap * sizeof *nv);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(m->keys[i], ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
}

bool nf__u64map_get(const nf__u64map *m, uint64_t key, uint64_t *val)
{
    if (!key) {
        if (m->has_zero && val)
            *val = m->zero_val;
        return m->has_zero;
    }
    if (!m->cap)
        return false;
    size_t mask = m->cap - 1;
    for (size_t j = slot_of(key, mask);; j = (j + 1) & mask) {
        if (m->keys[j] == key) {
            if (val)
                *val = m->vals[j];
            return true;
        }
        if (!m->keys[j])
            return false;
    }
}

uint64_t *nf__u64map_upsert(nf__u64map *m, uint64_t key, uint64_t init, bool *added)
{
    if (!key) {
        if (added)
            *added = !m->has_zero;
        if (!m->has_zero) {
            m->has_zero = true;
            m->zero_val = init;
            m->n++;
        }
        return &m->zero_val;
    }
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    size_t mask = m->cap - 1;
    size_t j = slot_of(key, mask);
    while (m->keys[j] && m->keys[j] != key)
        j = (j + 1) & mask;
    if (added)
        *added = !m->keys[j];
    if (!m->keys[j]) {
        m->keys[j] = key;
        m->vals[j] = init;
        m->n++;
    }
    return &m->vals[j];
}

void nf__u64map_put(nf__u64map *m, uint64_t key, uint64_t val)
{
    *nf__u64map_upsert(m, key, val, NULL) = val;
}

/* Backward-shift deletion of slot j. Returns true when an entry from beyond the end of
 * the table wrapped into a slot before j (iteration then may see it twice). */
static void del_slot(nf__u64map *m, size_t j)
{
    size_t mask = m->cap - 1;
    size_t i = j;
    for (;;) {
        m->keys[i] = 0;
        size_t k = i;
        for (;;) {
            k = (k + 1) & mask;
            if (!m->keys[k]) {
                m->n--;
                return;
            }
            size_t home = slot_of(m->keys[k], mask);
            /* can the entry at k move to i? yes unless its home lies cyclically in (i, k] */
            bool stay = i <= k ? (i < home && home <= k) : (i < home || home <= k);
            if (!stay)
                break;
        }
        m->keys[i] = m->keys[k];
        m->vals[i] = m->vals[k];
        i = k;
    }
}

bool nf__u64map_del(nf__u64map *m, uint64_t key)
{
    if (!key) {
        if (!m->has_zero)
            return false;
        m->has_zero = false;
        m->n--;
        return true;
    }
    if (!m->cap)
        return false;
    size_t mask = m->cap - 1;
    for (size_t j = slot_of(key, mask);; j = (j + 1) & mask) {
        if (m->keys[j] == key) {
            del_slot(m, j);
            return true;
        }
        if (!m->keys[j])
            return false;
    }
}

bool nf__u64map_next(const nf__u64map *m, size_t *it, uint64_t *key, uint64_t *val)
{
    if (*it == 0) { /* key 0 first, as position 0; table slot j is position j + 1 */
        (*it)++;
        if (m->has_zero) {
            if (key)
                *key = 0;
            if (val)
                *val = m->zero_val;
            return true;
        }
    }
    while (*it <= m->cap) {
        size_t j = (*it)++ - 1;
        if (m->keys[j]) {
            if (key)
                *key = m->keys[j];
            if (val)
                *val = m->vals[j];
            return true;
        }
    }
    return false;
}

void nf__u64map_del_at(nf__u64map *m, size_t *it)
{
    if (*it == 1) {
        m->has_zero = false;
        m->n--;
        return;
    }
    del_slot(m, *it - 2);
    (*it)--;
}
