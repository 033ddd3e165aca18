/* Internal: an open-addressing hash map from 64-bit keys (already hashes) to 64-bit values,
 * linear probing with backward-shift deletion, so deletions leave no tombstones and the
 * table never needs a rebuild to stay fast. Shared by dedup/ and cluster/.
 *
 * Any 64-bit key works: key 0, which marks empty slots in the table, lives in a slot of
 * its own beside the table. The map owns its arrays. */
#ifndef NF_DEDUP_U64MAP_H
#define NF_DEDUP_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *keys;
    uint64_t *vals;
    size_t cap; /* a power of two, or 0 */
    size_t n;   /* entries, key 0 included */
    bool has_zero;
    uint64_t zero_val;
} nf__u64map;

void nf__u64map_init(nf__u64map *m);
void nf__u64map_free(nf__u64map *m);
/* The value for key in *val; false when absent. */
bool nf__u64map_get(const nf__u64map *m, uint64_t key, uint64_t *val);
/* A pointer to the value slot for key, inserting it with value `init` when absent (*added
 * says which); valid until the next insertion or deletion. */
uint64_t *nf__u64map_upsert(nf__u64map *m, uint64_t key, uint64_t init, bool *added);
void nf__u64map_put(nf__u64map *m, uint64_t key, uint64_t val);
/* Removes key; false when it was absent. */
bool nf__u64map_del(nf__u64map *m, uint64_t key);
/* Iteration over slots: start with *it = 0; false at the end. Do not modify the map while
 * iterating, except through nf__u64map_del_at on the slot just returned. */
bool nf__u64map_next(const nf__u64map *m, size_t *it, uint64_t *key, uint64_t *val);
/* Deletes the entry returned by the last nf__u64map_next (its slot is *it - 1) and rewinds
 * the iterator so that an entry shifted into that slot is not skipped. Entries may be
 * visited twice when a shift wraps around the end of the table; callers must tolerate
 * that (sweeps do: they are idempotent). */
void nf__u64map_del_at(nf__u64map *m, size_t *it);

#endif
