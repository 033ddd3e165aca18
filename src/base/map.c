/* String-keyed hash map: open addressing with linear probing, xxHash3 keys. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "newsfuse/base.h"

typedef struct {
    char *key; /* heap copy, NULL = empty slot */
    size_t klen;
    uint64_t hash;
    void *value;
} slot;

struct nf_map {
    slot *slots;
    size_t cap, count;
};

uint64_t nf_hash(const void *data, size_t len) { return XXH3_64bits(data, len); }

nf_map *nf_map_new(void)
{
    nf_map *m = nf_xcalloc(1, sizeof *m);
    m->cap = 16;
    m->slots = nf_xcalloc(m->cap, sizeof(slot));
    return m;
}

void nf_map_free(nf_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static slot *find(const nf_map *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    for (;;) {
        slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0))
            return s;
        i = (i + 1) & mask;
    }
}

static void grow(nf_map *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = nf_xcalloc(m->cap, sizeof(slot));
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
    free(old);
}

void *nf_map_put(nf_map *m, const char *key, size_t klen, void *value)
{
    if ((m->count + 1) * 4 > m->cap * 3)
        grow(m);
    uint64_t h = nf_hash(key, klen);
    slot *s = find(m, key, klen, h);
    if (s->key) {
        void *prev = s->value;
        s->value = value;
        return prev;
    }
    s->key = nf_xstrndup(key, klen);
    s->klen = klen;
    s->hash = h;
    s->value = value;
    m->count++;
    return NULL;
}

void *nf_map_get(const nf_map *m, const char *key, size_t klen)
{
    slot *s = find(m, key, klen, nf_hash(key, klen));
    return s->key ? s->value : NULL;
}

size_t nf_map_count(const nf_map *m) { return m->count; }

bool nf_map_next(const nf_map *m, size_t *it, nf_slice *key, void **value)
{
    while (*it < m->cap) {
        slot *s = &m->slots[(*it)++];
        if (s->key) {
            if (key)
                *key = (nf_slice){s->key, s->klen};
            if (value)
                *value = s->value;
            return true;
        }
    }
    return false;
}
