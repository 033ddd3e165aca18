/* Internal to reconcile: the per-story context shared by the entity, quote, claim and
 * timeline passes. Everything is allocated in the result arena, except the vectors and the
 * key map, which nf_reconcile_story frees. */
#ifndef NF_RECONCILE_INT_H
#define NF_RECONCILE_INT_H

#include "newsfuse/reconcile.h"
#include "newsfuse/text.h"

typedef struct {
    uint64_t *t; /* sorted unique hashes */
    size_t n;
} nf__terms;

typedef struct {
    nf_arena *a;
    nf_doc *const *docs;
    nf_facts *const *facts;
    const nf_story *s;
    const char *lang;     /* the story's main language */
    nf_span **sents;      /* per member: its sentences */
    size_t *n_sents;
    nf_stemmer **stem;    /* per member: its language's stemmer (the memo's), NULL when none */
    nf_terms_memo *memo;  /* word -> term, shared with the caller when given */
    size_t *outlet;       /* per member: independent-outlet group */
    size_t **ent_group;   /* per member, per doc entity: index into the story entities */
    nf_rec_entity *ents;
    size_t n_ents;
    nf_map *ent_keys;     /* folded name -> story entity index + 1 */
    NF_VEC(nf_rec_disagreement) dis;
} nf__rec;

/* Content terms of text: folded words (stemmed when stem) of at least min_len bytes, and
 * numbers. */
nf__terms nf__rec_terms(nf__rec *r, size_t m, const char *text, size_t len, size_t min_len,
                        bool stem);
size_t nf__rec_common(const nf__terms *x, const nf__terms *y);
/* The span of member m's sentence around byte offset off; false when off is past the last. */
bool nf__rec_sentence_span(const nf__rec *r, size_t m, size_t off, size_t *start, size_t *end);
/* The sentence of member m around byte offset off (a copy in the arena). */
const char *nf__rec_sentence(nf__rec *r, size_t m, size_t off);
/* Appends doc index d to a set of doc indexes (no duplicates); arts has room. */
void nf__rec_add_art(size_t *arts, size_t *n, size_t d);
/* Independent outlets among doc indexes. */
size_t nf__rec_outlets(const nf__rec *r, const size_t *arts, size_t n);
/* The story entity name that a speaker or name string refers to, or NULL. */
const char *nf__rec_entity_name(nf__rec *r, size_t m, long ent, const char *name);

/* Copies n items of size bytes into out, most articles first (the size_t at n_arts_at),
 * stable otherwise. */
void nf__rec_rank(nf_arena *a, const void *items, size_t size, size_t n, size_t n_arts_at,
                  void *out);

void nf__rec_entities(nf__rec *r, nf_reconciled *out);
void nf__rec_quotes(nf__rec *r, nf_reconciled *out);
void nf__rec_claims(nf__rec *r, nf_reconciled *out);
void nf__rec_timeline(nf__rec *r, nf_reconciled *out);
/* Fact disagreements: a denial in one outlet against an assertion in another (denials.c). */
void nf__rec_denials(nf__rec *r);

#endif
