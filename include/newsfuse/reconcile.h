/* newsfuse reconcile: what a story's articles say together. Given the docs of one story
 * and their facts, joins entities across articles (names and aliases), merges the same
 * quote carried by several outlets, merges quantities that state the same fact into claims
 * (corroborated, single-source or disputed, each article's wording kept as a variant),
 * builds a timeline of dated events, and lists disagreements (quantity, attribution, date).
 *
 * Ownership: every array of an nf_reconciled lives in the arena passed to
 * nf_reconcile_story; strings point into that arena or into the docs' arenas, so a result
 * must not outlive the docs. Articles are named by their index into the docs array. */
#ifndef NEWSFUSE_RECONCILE_H
#define NEWSFUSE_RECONCILE_H

#include "newsfuse/cluster.h"
#include "newsfuse/facts.h"
#include "newsfuse/text.h"

typedef struct {
    const char *name; /* the fullest form seen */
    nf_entity_type type;
    const char **aliases;
    size_t n_aliases;
    size_t mentions; /* summed over the articles */
    size_t *arts;
    size_t n_arts;
} nf_rec_entity;

typedef struct {
    const char *text;
    const char *speaker; /* canonical entity name when the speaker is a known entity */
    bool direct;
    size_t *arts;
    size_t n_arts;
} nf_rec_quote;

typedef struct {
    size_t art;
    const char *text;      /* the quantity as the article writes it */
    const char *qualifier; /* NULL when none */
    const char *sentence;  /* the sentence it sits in */
} nf_rec_variant;

typedef enum { NF_CLAIM_CORROBORATED, NF_CLAIM_SINGLE_SOURCE, NF_CLAIM_DISPUTED } nf_claim_status;

/* "corroborated", "single-source", "disputed" (the schema's strings). */
const char *nf_claim_status_str(nf_claim_status s);

typedef struct {
    const char *text; /* the sentence that states it, from the first article */
    const char *subject;
    double value;
    const char *unit;
    const char *qualifier;
    const char *attributed_to;
    size_t *arts;
    size_t n_arts;
    size_t n_outlets; /* independent outlets: copies and same-outlet articles count once */
    nf_claim_status status;
    nf_rec_variant *variants; /* one per article, in story order */
    size_t n_variants;
} nf_rec_claim;

typedef struct {
    size_t art;
    size_t start, end;           /* the sentence: bytes in the article's text */
    size_t expr_start, expr_end; /* the date expression in it: bytes in the article's text */
    bool explicit_day;           /* the expression names the day with a number ("April 14"),
                                    not only relative to the article's date ("on Tuesday") */
} nf_rec_mention;

typedef struct {
    char date[16]; /* YYYY-MM-DD or YYYY-MM */
    const char *text;
    size_t *arts;
    size_t n_arts;
    nf_rec_mention *mentions; /* every dated sentence merged into this entry, in story order */
    size_t n_mentions;
} nf_rec_event;

typedef enum { NF_DIS_QUANTITY, NF_DIS_ATTRIBUTION, NF_DIS_DATE, NF_DIS_FACT } nf_dis_kind;

/* "quantity", "attribution", "date", "fact" (the schema's strings). */
const char *nf_dis_kind_str(nf_dis_kind k);

typedef struct {
    size_t art;
    const char *text;
} nf_rec_evidence;

typedef struct {
    nf_dis_kind kind;
    const char *description;
    size_t *arts;
    size_t n_arts;
    nf_rec_evidence *evidence;
    size_t n_evidence;
} nf_rec_disagreement;

typedef struct {
    nf_rec_entity *entities; /* most articles first, then most mentions */
    size_t n_entities;
    nf_rec_quote *quotes; /* most articles first */
    size_t n_quotes;
    nf_rec_claim *claims; /* most articles first, then story order */
    size_t n_claims;
    nf_rec_event *timeline; /* oldest first */
    size_t n_timeline;
    nf_rec_disagreement *disagreements;
    size_t n_disagreements;
} nf_reconciled;

/* Reconciles story s (members index docs and facts; s->copy_of may be NULL) into *out,
 * allocated in a. facts[i] may be NULL (that article contributes no facts). Never fails on
 * content: a story of one article or of articles without facts gives empty lists. */
nf_status nf_reconcile_story(nf_arena *a, nf_doc *const *docs, nf_facts *const *facts,
                             const nf_story *s, nf_reconciled *out);
/* The same with a word memo (and its stemmers) shared by the stories of one brief, so that
 * each distinct word is folded and stemmed once; memo may be NULL. */
nf_status nf_reconcile_story_memo(nf_arena *a, nf_doc *const *docs, nf_facts *const *facts,
                                  const nf_story *s, nf_terms_memo *memo, nf_reconciled *out);

/* True when two quantities state the same value: within 1% of the larger (ranges compare
 * both ends). Exposed for tests. */
bool nf_reconcile_same_value(double a, double b);

#endif
