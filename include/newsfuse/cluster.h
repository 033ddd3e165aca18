/* newsfuse cluster: articles into stories, stories into threads, across days and languages.
 *
 * An online clusterer: each arriving article is first checked for being a copy of one
 * already seen (dedup.h: MinHash + LSH), then compared with the open stories that share
 * its rarest terms (an inverted index, never all pairs), and joins the best one whose
 * score passes the threshold, or starts a new story. The score combines TF-IDF of stemmed
 * words (document frequencies learnt from the stream), shared names (nf_facts entities
 * when given, else capitalised names), numbers, dates and quotes, a bilingual lexicon of
 * frequent news words so that articles in different languages compare, and closeness in
 * time: a story is an event of a few days. Stories whose content is close but whose dates
 * are too far apart for one event are linked as a thread (`related`). Stories idle for
 * longer than the thread window are closed: their index entries are freed and, when a
 * callback is set, they are handed out and forgotten, so memory is bounded by the window.
 * The same input order always gives the same stories.
 *
 * Ownership: the clusterer copies what it needs from each doc (docs may be freed after
 * nf_cluster_add returns); nf_clustering arrays are heap-owned and freed by
 * nf_clustering_free; callback stories are valid during the callback only. */
#ifndef NEWSFUSE_CLUSTER_H
#define NEWSFUSE_CLUSTER_H

#include "newsfuse/doc.h"
#include "newsfuse/facts.h"

#define NF_CLUSTER_NONE ((size_t)-1)

typedef struct {
    size_t *members; /* indexes into the docs array, in input order */
    size_t n;
    size_t *related; /* indexes of other stories of the same thread */
    size_t n_related;
    /* Added by the online clusterer: */
    size_t *copy_of;      /* per member: the docs index of the article it copies (a wire
                             copy, the same page twice), or NF_CLUSTER_NONE for originals */
    size_t n_independent; /* outlets counted once, copies never counted */
} nf_story;

typedef struct {
    nf_story *stories; /* largest first; equal sizes in order of their first member */
    size_t n;
} nf_clustering;

/* A story handed out by the online clusterer (nf_cluster_opts.on_close). Indexes are
 * arrival numbers: 0 for the first article given to nf_cluster_add, 1 for the next. */
typedef struct {
    uint64_t id;          /* creation order, from 0 */
    const size_t *members; /* arrival numbers, ascending */
    size_t n;
    const size_t *copy_of; /* per member: arrival number of its original, or NF_CLUSTER_NONE */
    const uint64_t *related; /* ids of stories of the same thread */
    size_t n_related;
    size_t n_independent;
    bool dated; /* first_day/last_day hold days since 1970-01-01 of the dated members */
    long first_day, last_day;
} nf_cluster_story;

typedef void (*nf_cluster_close_fn)(const nf_cluster_story *s, void *user);

typedef struct {
    double threshold;  /* same-story score (0..1) to join a story when the article and the
                          story are dated (0 = default 0.5) */
    double threshold_undated; /* the score needed when either is undated, where time cannot
                          tell an event from another one years apart (0 = default 0.75) */
    double related;    /* content similarity (cosine) to link two stories as a thread, with
                          names in common (0 = default 0.1) */
    int window_days;   /* max days between an article and a story it joins (0 = default 4) */
    int thread_days;   /* max days between stories of a thread; stories idle this long are
                          closed (0 = default 30) */
    double dedup;      /* resemblance from which an article is a copy (0 = default 0.6,
                          negative: no copy detection) */
    size_t idle_arrivals; /* also close stories no article joined during this many arrivals
                             (for undated streams; 0 = never) */
    nf_cluster_close_fn on_close; /* when set, closed stories go here and are forgotten */
    void *user;
} nf_cluster_opts;

/* ---- batch ----------------------------------------------------------------------------- */

/* Groups docs into stories with the online clusterer, feeding dated docs in date order
 * (then undated ones in input order). docs are not modified. opts may be NULL. */
nf_status nf_cluster_group(nf_doc *const *docs, size_t n, const nf_cluster_opts *opts,
                           nf_clustering *out);
/* The same with each doc's facts (facts may be NULL, and so may any facts[i]). */
nf_status nf_cluster_group_facts(nf_doc *const *docs, nf_facts *const *facts, size_t n,
                                 const nf_cluster_opts *opts, nf_clustering *out);
void nf_clustering_free(nf_clustering *c);

/* The same-story score of two docs (0..1), as `newsfuse similar` prints it: document
 * frequencies from the two docs only, so rare words weigh by the built-in priors. */
double nf_cluster_similarity(const nf_doc *a, const nf_doc *b);

/* ---- online ---------------------------------------------------------------------------- */

typedef struct nf_cluster nf_cluster;

/* A new clusterer (free with nf_cluster_free). opts may be NULL. */
nf_status nf_cluster_new(const nf_cluster_opts *opts, nf_cluster **out);
void nf_cluster_free(nf_cluster *c);

typedef struct {
    size_t arrival;     /* this article's arrival number */
    uint64_t story;     /* the story it joined or started */
    bool new_story;
    size_t copy_of;     /* arrival number of the original it copies, or NF_CLUSTER_NONE */
    double score;       /* its score with the story it joined (1 for copies, 0 when new) */
} nf_cluster_placement;

/* Adds one article: it joins the best story or starts one. facts may be NULL (names are
 * then found from capitalisation). where may be NULL. Never fails on content: an empty
 * article is a story of its own. */
nf_status nf_cluster_add(nf_cluster *c, const nf_doc *doc, const nf_facts *facts,
                         nf_cluster_placement *where);

/* Closes every story. With on_close set, each still-open story goes to the callback and
 * out (may be NULL) gets nothing; without it, out gets every story of the stream, with
 * members as arrival numbers. */
nf_status nf_cluster_finish(nf_cluster *c, nf_clustering *out);

typedef struct {
    size_t articles, copies, stories, open_stories, dormant_stories, closed_stories;
    size_t postings; /* inverted-index entries held */
    size_t candidates; /* stories scored in full, summed over all arrivals */
    size_t bytes; /* memory the clusterer holds: its tables, stories and lists at their
                     capacity (not what the allocator keeps around them) */
} nf_cluster_stats;
void nf_cluster_get_stats(const nf_cluster *c, nf_cluster_stats *st);

/* ---- similarity and why ---------------------------------------------------------------- */

/* Counts an article in the document frequencies without clustering it (a background
 * corpus for nf_cluster_compare). */
nf_status nf_cluster_observe(nf_cluster *c, const nf_doc *doc, const nf_facts *facts);

typedef enum { NF_SHARED_WORD, NF_SHARED_CONCEPT, NF_SHARED_NAME, NF_SHARED_NUMBER } nf_shared_kind;

typedef struct {
    const char *a, *b;   /* the term as written in each article */
    nf_shared_kind kind; /* a concept is a lexicon word: a translation, or the same word */
    double weight;       /* its share of the content similarity */
} nf_shared_term;

typedef struct {
    double score;    /* same-story score 0..1: calibrated content times the time factor */
    double content;  /* content similarity: terms (cosine), plus quotes */
    double terms;    /* TF-IDF cosine over all terms */
    double neutral;  /* cosine over language-neutral terms (names, numbers, lexicon) */
    double names;    /* cosine over names alone */
    double numbers;  /* cosine over numbers and dates alone */
    double quotes;   /* share of quoted 5-word runs found in both */
    double time;     /* time factor: 1 within a few days, 0 beyond the window */
    double join;     /* the score the clusterer holds against its threshold: `score`, except
                        for an undated pair in one language, where the frequent news words
                        of the bilingual lexicon weigh less than in `score` (without time,
                        only an event's own words tell it from others of its topic) */
    long gap_days;   /* days between the two, -1 when either is undated */
    bool cross_lingual;
    double resemblance; /* near-duplicate resemblance of the two texts (0..1) */
    bool copy;          /* resemblance passes the copy threshold */
    size_t passages;    /* shared passages of 8 words or more */
    nf_shared_term *shared; /* the shared terms that weigh most, heaviest first */
    size_t n_shared;
    void *priv;
} nf_cluster_why;

/* Compares two articles with the clusterer's document frequencies (observe a background
 * corpus first for sharper weights) and explains the score. *why must be released with
 * nf_cluster_why_free. fa, fb may be NULL. */
nf_status nf_cluster_compare(nf_cluster *c, const nf_doc *a, const nf_facts *fa,
                             const nf_doc *b, const nf_facts *fb, nf_cluster_why *why);
void nf_cluster_why_free(nf_cluster_why *why);

#endif
