/* newsfuse cluster: articles into stories.
 *
 * The grouping here is the plain one the foundation needs (TF-IDF cosine over stemmed
 * words, single link above a threshold, with a time window); the online clusterer replaces
 * it behind the same interface. Story member arrays are heap-owned by the nf_clustering. */
#ifndef NEWSFUSE_CLUSTER_H
#define NEWSFUSE_CLUSTER_H

#include "newsfuse/doc.h"

typedef struct {
    size_t *members; /* indexes into the docs array, in input order */
    size_t n;
    size_t *related; /* indexes of other stories of the same thread */
    size_t n_related;
} nf_story;

typedef struct {
    nf_story *stories; /* ordered by first member */
    size_t n;
} nf_clustering;

typedef struct {
    double threshold;    /* cosine to join a story (0 = default 0.25) */
    double related;      /* cosine to link two stories as a thread (0 = default 0.12) */
    int window_days;     /* max days between dated articles of one story (0 = default 4) */
} nf_cluster_opts;

/* Groups docs into stories. docs are not modified. opts may be NULL. */
nf_status nf_cluster_group(nf_doc *const *docs, size_t n, const nf_cluster_opts *opts,
                           nf_clustering *out);
void nf_clustering_free(nf_clustering *c);

/* TF-IDF-free cosine of stemmed content words of two docs (0..1), for `newsfuse similar`. */
double nf_cluster_similarity(const nf_doc *a, const nf_doc *b);

#endif
