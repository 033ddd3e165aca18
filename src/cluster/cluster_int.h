/* Internal to src/cluster: an article's features, the bilingual lexicon, document
 * frequencies, and the pair score shared by the online clusterer and `similar`.
 *
 * Terms are 64-bit hashes whose low two bits say their kind. Words are stems in the
 * article's language; concepts are words the bilingual lexicon knows (an English stem
 * stands for its translations), names and numbers are written the same in every language.
 * Concepts, names and numbers are the language-neutral terms that compare articles across
 * languages. */
#ifndef NF_CLUSTER_INT_H
#define NF_CLUSTER_INT_H

#include "dedup/u64map.h"
#include "newsfuse/cluster.h"
#include "newsfuse/dedup.h"
#include "newsfuse/facts.h"
#include "newsfuse/text.h"

enum { NF__WORD = 0, NF__CONCEPT = 1, NF__NAME = 2, NF__NUM = 3 };
#define NF__KIND(t) ((int)((t) & 3u))
#define NF__TERM(h, kind) (((h) & ~(uint64_t)3) | (uint64_t)(kind))
#define NF__NEUTRAL(t) (NF__KIND(t) != NF__WORD)

typedef struct {
    uint64_t t;
    float w;
} nf__tw;

/* The features of one article. Arrays are heap-owned (nf__feat_free). */
typedef struct {
    nf__tw *v; /* sorted by term; raw counts until nf__feat_weight, then unit-length tf-idf */
    uint32_t n;
    float norm_neutral; /* length of the neutral part of the weighted vector */
    float norm_names;
    float norm_nums;
    float norm_concepts; /* length of the lexicon-concept part */
    uint64_t *quotes; /* sorted, unique: hashes of 5-word runs inside quotation marks */
    uint32_t n_quotes;
    char lang[4];
    bool dated;
    long day;
    uint64_t source; /* hash of the outlet name, 0 when unknown */
    uint8_t weekdays; /* bit d (0 = Monday): the text names that weekday (any language the
                         lexicon knows); an undated article's only hint of its event's day */
    /* surface forms for explanations (only when asked): parallel to v */
    const char **surface;
    nf_arena *arena;
} nf__feat;

/* Document frequencies: a fixed table of counters indexed by term hash (collisions only
 * ever raise a count), so memory does not grow with the vocabulary; counts and the
 * document count halve together when the count grows large, so frequencies follow the
 * recent stream. */
#define NF__DF_BITS 21
typedef struct {
    uint32_t *df; /* 1 << NF__DF_BITS counters */
    double n;     /* documents counted */
} nf__df;

void nf__df_init(nf__df *d);
void nf__df_free(nf__df *d);
void nf__df_add(nf__df *d, const nf__feat *f);
/* Takes back what nf__df_add counted for f (the terms the story's centroid, sorted by term,
 * already holds, and the document itself), when f joins that story and is not to count. */
void nf__df_unshare(nf__df *d, const nf__feat *f, const nf__tw *story, uint32_t n);
double nf__df_idf(const nf__df *d, uint64_t term);

/* Stemmers by language, created on first use, and a memo of what features.c derives from
 * a folded word in a language (stop word, letters, term): words repeat across articles. */
typedef struct nf__word_memo nf__word_memo;
typedef struct {
    char lang[8][4];
    nf_stemmer *st[8]; /* NULL where Snowball has none */
    size_t n;
    nf__word_memo *memo; /* heap, created on first use; freed with the stemmers */
} nf__stemmers;
void nf__stemmers_free(nf__stemmers *s);

/* Extracts the features of doc (facts may be NULL). With `surface`, keeps the surface form
 * of each term (for explanations) in an arena the features own. Scratch memory comes from
 * `scratch` when given (the caller frees it now and then), else from an arena of its own.
 * Weights are raw counts. */
void nf__feat_extract(nf__stemmers *st, const nf_doc *doc, const nf_facts *facts,
                      bool surface, nf_arena *scratch, nf__feat *out);
/* Turns raw counts into unit-length tf-idf weights with kind boosts. */
void nf__feat_weight(nf__feat *f, const nf__df *df);
void nf__feat_free(nf__feat *f);

/* ---- the lexicon ------------------------------------------------------------------------- */

/* The concept of a stemmed word of language lang, or 0 when the lexicon does not know it. */
uint64_t nf__lex_concept(const char *lang, const char *stem, size_t len);
/* True for a stop word (folded, unstemmed) of lang. */
bool nf__lex_stop(const char *lang, const char *word, size_t len);
/* The English headword of a concept (for explanations), or NULL. */
const char *nf__lex_headword(uint64_t concept);
/* Entries loaded (tests). */
size_t nf__lex_size(void);

/* ---- scoring ----------------------------------------------------------------------------- */

/* Tunable constants of the score, in one place (cluster/score.c). */
typedef struct {
    double name_boost, num_boost, concept_boost, title_weight;
    double cross_kappa; /* weight of the neutral-only cosine across languages */
    double quote_beta;
    double center, width; /* calibration: score = logistic((content - center) / width) */
    double full_days;     /* gap (days) up to which time does not lower the score */
    double decay_days;    /* then the score decays by e every decay_days */
    double prior_n;       /* pseudo-documents behind the prior document frequencies */
    double undated_concepts; /* factor on lexicon concepts within one language when either
                                side is undated (1 = as boosted; see nf__content) */
    double weekday_beta; /* undated: content added when the weekdays named agree, taken
                            away when they differ (nf__weekday_agreement) */
} nf__params;
extern nf__params nf__P;
/* Reads NF_CLUSTER_PARAMS (name=value,...) once: a developer hook for the benches. */
void nf__params_from_env(void);

typedef struct {
    double dot, dot_neutral, dot_names, dot_nums, dot_concepts;
    double norm_b, norm_b_neutral, norm_b_names, norm_b_nums; /* b's norms (b may be a sum) */
    double norm_b_within; /* b's norm with concepts scaled by undated_concepts (summed
                             likewise, over members' own rescaled norms) */
} nf__dots;

/* Length of a unit vector whose concept part (of length norm_concepts) is scaled by k. */
double nf__within_norm(double norm_concepts, double k);
/* Content similarity from dot products of a unit-length article vector a and a vector b
 * of norms given in d; cross says the two are in different languages. k in (0, 1): within
 * one language, lexicon concepts weigh k times their boosted weight (the cosine of the
 * vectors so rescaled, from d's concept dot product and norm_b_within); 0 or 1: as boosted. */
double nf__content(const nf__feat *a, const nf__dots *d, bool cross, double k, double *full,
                   double *neutral, double *names, double *nums);
/* Logistic calibration of a content similarity into a same-story score (0..1). */
double nf__calibrate(double content);
/* Time factor for a gap in days (negative: unknown, factor 1). */
double nf__time_factor(long gap, int window_days);
/* Share of quote runs a and b share (0 when either has none). */
double nf__quote_share(const nf__feat *a, const uint64_t *q, uint32_t nq);
/* The weekday bit of a lexicon concept term (1 << d, d = 0 for Monday), or 0. */
uint8_t nf__lex_weekday(uint64_t term);
/* Agreement in -1..1 between an article naming the weekdays in mask `a` and a story of
 * `members` articles, `with` of which name a weekday, counts[d] of them weekday d: the
 * share of the story's weekday-naming members that name one of a's, rescaled to -1..1 and
 * weighted by with / members; 0 when either side names none. */
double nf__weekday_agreement(uint8_t a, const uint16_t counts[7], uint32_t with, uint32_t members);
/* Dot products of unit-length a with the sorted vector b[0..nb) (norms of b not set). */
void nf__dots_with(const nf__feat *a, const nf__tw *b, uint32_t nb, nf__dots *d);
/* Norms of the sorted vector b[0..nb) into d. */
void nf__norms_of(const nf__tw *b, uint32_t nb, nf__dots *d);

#endif
