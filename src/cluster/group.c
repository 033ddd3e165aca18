/* The batch interface over the online clusterer: a folder of articles into stories
 * (nf_cluster_group) and the similarity of two articles (nf_cluster_similarity).
 *
 * Input: an array of docs in any order. Dated docs are fed in date order (input order
 * among equal days), then the undated ones in input order, so that an article never
 * arrives after the story it belongs to has been closed. Output: nf_clustering with
 * members as indexes into the input array, ascending. */
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

typedef struct {
    size_t i;
    long day;
    bool dated;
} order;

static int order_cmp(const void *x, const void *y)
{
    const order *a = x, *b = y;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->dated && a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int pair_cmp(const void *x, const void *y)
{
    const size_t *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

static int story_cmp(const void *x, const void *y)
{
    const nf_story *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->members[0] < b->members[0] ? -1 : a->members[0] > b->members[0];
}

nf_status nf_cluster_group(nf_doc *const *docs, size_t n, const nf_cluster_opts *opts,
                           nf_clustering *out)
{
    return nf_cluster_group_facts(docs, NULL, n, opts, out);
}

nf_status nf_cluster_group_facts(nf_doc *const *docs, nf_facts *const *facts, size_t n,
                                 const nf_cluster_opts *opts, nf_clustering *out)
{
    if (!out || (n && !docs))
        return NF_ERR_INVALID;
    memset(out, 0, sizeof *out);
    if (n == 0)
        return NF_OK;
    nf_cluster_opts o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    o.on_close = NULL; /* the batch keeps every story */
    nf_cluster *c;
    nf_status st = nf_cluster_new(&o, &c);
    if (st != NF_OK)
        return st;
    order *ord = nf_xmalloc(n * sizeof *ord);
    for (size_t i = 0; i < n; i++) {
        const nf_date *d = &docs[i]->published;
        ord[i].i = i;
        ord[i].dated = d->gran >= NF_GRAN_DAY;
        ord[i].day = ord[i].dated ? nf_date_to_days(d->year, d->month, d->day) : 0;
    }
    qsort(ord, n, sizeof *ord, order_cmp);
    for (size_t k = 0; k < n; k++)
        nf_cluster_add(c, docs[ord[k].i], facts ? facts[ord[k].i] : NULL, NULL);
    nf_clustering cl;
    st = nf_cluster_finish(c, &cl);
    nf_cluster_free(c);
    if (st != NF_OK) {
        free(ord);
        return st;
    }
    /* arrival numbers -> input indexes, members ascending with their copy marks */
    for (size_t s = 0; s < cl.n; s++) {
        nf_story *y = &cl.stories[s];
        size_t *pairs = nf_xmalloc(y->n * 2 * sizeof *pairs);
        for (size_t m = 0; m < y->n; m++) {
            pairs[2 * m] = ord[y->members[m]].i;
            pairs[2 * m + 1] = y->copy_of[m] == NF_CLUSTER_NONE ? NF_CLUSTER_NONE
                                                                : ord[y->copy_of[m]].i;
        }
        qsort(pairs, y->n, 2 * sizeof *pairs, pair_cmp);
        for (size_t m = 0; m < y->n; m++) {
            y->members[m] = pairs[2 * m];
            y->copy_of[m] = pairs[2 * m + 1];
        }
        free(pairs);
    }
    free(ord);
    /* the order is by size then first member, and first members changed: sort again,
     * with each story's old position so that related indexes follow */
    typedef struct {
        nf_story s; /* first: story_cmp reads it */
        size_t old;
    } at;
    at *p = nf_xmalloc(cl.n * sizeof *p);
    size_t *new_pos = nf_xmalloc(cl.n * sizeof *new_pos);
    for (size_t i = 0; i < cl.n; i++)
        p[i] = (at){cl.stories[i], i};
    qsort(p, cl.n, sizeof *p, story_cmp);
    for (size_t i = 0; i < cl.n; i++)
        new_pos[p[i].old] = i;
    for (size_t i = 0; i < cl.n; i++) {
        cl.stories[i] = p[i].s;
        nf_story *y = &cl.stories[i];
        for (size_t r = 0; r < y->n_related; r++)
            y->related[r] = new_pos[y->related[r]];
        qsort(y->related, y->n_related, sizeof *y->related, nf_size_cmp);
    }
    free(p);
    free(new_pos);
    *out = cl;
    return NF_OK;
}

void nf_clustering_free(nf_clustering *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->stories[i].members);
        free(c->stories[i].related);
        free(c->stories[i].copy_of);
    }
    free(c->stories);
    memset(c, 0, sizeof *c);
}

double nf_cluster_similarity(const nf_doc *a, const nf_doc *b)
{
    nf_cluster *c;
    if (nf_cluster_new(NULL, &c) != NF_OK)
        return 0;
    nf_cluster_observe(c, a, NULL);
    nf_cluster_observe(c, b, NULL);
    nf_cluster_why why;
    double s = 0;
    if (nf_cluster_compare(c, a, NULL, b, NULL, &why) == NF_OK)
        s = why.score;
    nf_cluster_why_free(&why);
    nf_cluster_free(c);
    return s;
}
