/* The online story clusterer (include/newsfuse/cluster.h).
 *
 * Input: articles one at a time (nf_doc, optionally nf_facts). Output: stories (members,
 * copies, thread links), handed to a callback as they close or collected at the end.
 *
 * Per arrival, in this order:
 *  1. features (cluster/features.c) and a MinHash signature;
 *  2. a copy of an indexed original (dedup.h LSH index) joins the original's story as a
 *     copy and stops there: it changes no frequencies, centroid or index, so 10,000 copies
 *     of one article cost 10,000 index look-ups;
 *  3. document frequencies count the article, which is weighted (unit-length TF-IDF);
 *  4. candidates: stories listed in the inverted index under the article's heaviest terms,
 *     ranked by the weight they share, the best CANDIDATES scored in full against their
 *     centroid (the sum of their originals' vectors, pruned to its heaviest terms): the
 *     article's mean cosine with the story's originals (group average), which is on the
 *     scale of a pair's cosine however large the story grows, where the cosine with a
 *     normalised centroid would rise with the story's size and let big stories absorb
 *     everything near them;
 *  5. the best story whose score (calibrated content times the time factor) passes the
 *     threshold is joined, else a new story starts; other candidates close in content and
 *     names but not joined (too far apart in time, or a second best) become thread links;
 *  6. the article's heaviest terms are posted under its story, its signature indexed.
 * When the clock (the latest date seen) moves on, stories idle for longer than the join
 * window become dormant (copies no longer looked up, centroid pruned harder: they only wait
 * for thread links), and stories idle for longer than the thread window are closed. The
 * postings of closed stories are dropped lazily: each entry carries its story slot's
 * generation, and a periodic sweep compacts every list. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

#define QUERY_TERMS 24     /* heaviest article terms looked up in the index */
#define POST_TERMS 24      /* heaviest article terms posted under its story */
#define POSTED_MAX 160     /* terms a story is posted under at most */
#define LIST_WALK 384      /* newest entries of a posting list walked per look-up */
#define LIST_MAX 8192      /* a longer list drops its older half */
#define CANDIDATES 24      /* stories scored in full per arrival */
#define CENTROID_MAX 256   /* terms kept in an open story's centroid */
#define DORMANT_MAX 48     /* terms kept once a story can no longer be joined */
#define QUOTES_MAX 256     /* quote runs kept per story */
#define RELATED_MAX 8      /* thread links kept per story */
#define SWEEP_EVERY 65536  /* arrivals between posting sweeps */
#define NAMES_FOR_THREAD 0.2 /* names cosine that makes content a shared-actors thread */

enum { ST_FREE = 0, ST_OPEN, ST_DORMANT };

typedef struct {
    uint64_t id;
    double score;
} link;

typedef struct {
    uint64_t id;
    uint32_t gen;
    uint8_t state;
    bool dated;
    long first_day, last_day;
    size_t last_arrival;
    uint64_t langs; /* bit per language index */
    nf__tw *c;      /* the sum of the originals' unit vectors, sorted by term */
    uint32_t nc;
    nf__dots norms; /* norm_b: originals summed; the part norms: their parts' norms summed,
                       so that dots / norms average the members' cosines (group average) */
    uint64_t *quotes;
    uint32_t nq;
    uint16_t weekdays[7];   /* originals naming each weekday (saturating) */
    uint32_t n_weekdays, n_orig; /* originals naming any weekday; originals */
    NF_VEC(size_t) members;
    NF_VEC(size_t) copy_of;
    NF_VEC(size_t) originals; /* arrival numbers indexed in the dedup index */
    NF_VEC(link) related;
    NF_VEC(uint64_t) sources; /* outlets of originals */
    size_t anonymous;         /* originals without an outlet */
    uint64_t *posted;         /* terms this story is posted under, sorted */
    uint32_t n_posted, cap_posted;
} story;

typedef struct {
    uint32_t slot, gen;
} posting;

typedef NF_VEC(posting) posting_list;

/* A closed story kept for nf_cluster_finish (no callback). */
typedef struct {
    uint64_t id;
    size_t *members, *copy_of, n;
    uint64_t *related;
    size_t n_related, n_independent;
} archived;

struct nf_cluster {
    nf_cluster_opts o;
    double threshold, threshold_undated, related;
    int window, thread_days;
    nf__df df;
    nf__stemmers stem;
    nf_dedup_index *dedup;
    nf__u64map orig_story; /* arrival of an indexed original -> story slot | gen << 32 */
    NF_VEC(story) stories; /* slots */
    NF_VEC(uint32_t) free_slots;
    nf__u64map by_id; /* story id -> slot */
    nf__u64map index; /* term -> posting list */
    NF_VEC(posting_list) lists;
    NF_VEC(uint32_t) free_lists;
    size_t postings;
    NF_VEC(archived) archive;
    char langs[64][4];
    size_t n_langs;
    NF_VEC(uint32_t) live; /* per slot: the story's generation, 0 when free */
    nf__tw *scratch; /* centroid merges */
    nf_arena *arena; /* feature extraction (scratch_arena) */
    uint32_t scratch_cap;
    /* scratch per arrival */
    NF_VEC(uint64_t) stamp;
    NF_VEC(double) acc;
    NF_VEC(uint32_t) cands;
    uint64_t query;
    /* clock and counters */
    bool have_clock;
    long now;
    size_t arrivals, copies, next_id, closed, candidates_scored;
    size_t since_sweep;
};

/* ---- small helpers --------------------------------------------------------------------- */

static int lang_index(nf_cluster *c, const char *lang)
{
    if (!lang[0] || !strcmp(lang, "und"))
        return -1;
    for (size_t i = 0; i < c->n_langs; i++)
        if (!strcmp(c->langs[i], lang))
            return (int)i;
    if (c->n_langs == 64)
        return 63;
    snprintf(c->langs[c->n_langs], 4, "%s", lang);
    return (int)c->n_langs++;
}

/* The k-th largest of w[0..n) (k < n), by quickselect on a scratch copy: linear on average,
 * deterministic (the pivot is the middle element). */
static float kth_largest(const float *w, size_t n, size_t k, float *tmp)
{
    memcpy(tmp, w, n * sizeof *tmp);
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        float pivot = tmp[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (tmp[i] > pivot)
                i++;
            while (tmp[j] < pivot)
                j--;
            if (i <= j) {
                float t = tmp[i];
                tmp[i] = tmp[j];
                tmp[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return tmp[k];
}

/* Keeps, in place and in their order, the `keep` heaviest entries of v[0..n) (ties to the
 * earlier entries); returns the new length. */
static uint32_t keep_heaviest(nf__tw *v, uint32_t n, uint32_t keep)
{
    if (n <= keep)
        return n;
    float stack[1024];
    float *w = 2 * n <= 1024 ? stack : nf_xmalloc(2 * n * sizeof *w);
    for (uint32_t i = 0; i < n; i++)
        w[i] = v[i].w;
    float cut = kth_largest(w, n, keep - 1, w + n);
    uint32_t above = 0;
    for (uint32_t i = 0; i < n; i++)
        above += v[i].w > cut;
    uint32_t ties = keep - above, o = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (v[i].w > cut || (v[i].w == cut && ties && ties--))
            v[o++] = v[i];
    }
    if (w != stack)
        free(w);
    return o;
}

/* The heaviest k terms of f, in term order, into out; returns how many. */
static size_t heaviest(const nf__feat *f, size_t k, nf__tw *out)
{
    if (f->n <= k) {
        if (f->n)
            memcpy(out, f->v, f->n * sizeof *out);
        return f->n;
    }
    nf__tw *tmp = nf_xmalloc(f->n * sizeof *tmp);
    memcpy(tmp, f->v, f->n * sizeof *tmp);
    uint32_t m = keep_heaviest(tmp, f->n, (uint32_t)k);
    memcpy(out, tmp, m * sizeof *out);
    free(tmp);
    return m;
}

/* Keeps the `keep` heaviest terms of a sorted vector (in place, stays sorted by term). */
static uint32_t prune(nf__tw *v, uint32_t n, uint32_t keep)
{
    return keep_heaviest(v, n, keep);
}

static long gap_to(const story *s, const nf__feat *f)
{
    if (!s->dated || !f->dated)
        return -1;
    if (f->day < s->first_day)
        return s->first_day - f->day;
    if (f->day > s->last_day)
        return f->day - s->last_day;
    return 0;
}

/* ---- postings -------------------------------------------------------------------------- */

static posting_list *list_for(nf_cluster *c, uint64_t term, bool create)
{
    uint64_t li;
    if (nf__u64map_get(&c->index, term, &li))
        return &c->lists.items[li];
    if (!create)
        return NULL;
    if (c->free_lists.len) {
        li = c->free_lists.items[--c->free_lists.len];
    } else {
        posting_list empty = {0};
        nf_vec_push(&c->lists, empty);
        li = c->lists.len - 1;
    }
    nf__u64map_put(&c->index, term, li);
    return &c->lists.items[li];
}

/* A posting is live while its slot holds the same open or dormant story: live[slot] keeps
 * the slot's generation, or 0 when the slot is free, in a compact array that the posting
 * walks read instead of the story records. */
static bool posting_live(const nf_cluster *c, posting p)
{
    return c->live.items[p.slot] == p.gen;
}

/* Posts the story under term once: a story's articles share their terms, and a list entry
 * per story (not per article) keeps lists as short as the number of stories using them. */
static void post(nf_cluster *c, uint64_t term, uint32_t slot)
{
    story *s = &c->stories.items[slot];
    uint32_t lo = 0, hi = s->n_posted;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->posted[mid] < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n_posted && s->posted[lo] == term)
        return;
    if (s->n_posted >= POSTED_MAX)
        return;
    if (s->n_posted == s->cap_posted) {
        s->cap_posted = s->cap_posted ? s->cap_posted * 2 : 32;
        s->posted = nf_xrealloc(s->posted, s->cap_posted * sizeof *s->posted);
    }
    memmove(s->posted + lo + 1, s->posted + lo, (s->n_posted - lo) * sizeof *s->posted);
    s->posted[lo] = term;
    s->n_posted++;
    posting_list *l = list_for(c, term, true);
    posting p = {slot, s->gen};
    if (l->len >= LIST_MAX) {
        size_t drop = l->len / 2;
        memmove(l->items, l->items + drop, (l->len - drop) * sizeof *l->items);
        l->len -= drop;
        c->postings -= drop;
    }
    nf_vec_push(l, p);
    c->postings++;
}

/* Drops the entries of closed stories from every list, and empty lists. */
static void sweep_postings(nf_cluster *c)
{
    size_t it = 0;
    uint64_t term, li;
    size_t total = 0;
    while (nf__u64map_next(&c->index, &it, &term, &li)) {
        posting_list *l = &c->lists.items[li];
        size_t o = 0;
        for (size_t i = 0; i < l->len; i++)
            if (posting_live(c, l->items[i]))
                l->items[o++] = l->items[i];
        l->len = o;
        if (!o) {
            nf_vec_free(l);
            nf_vec_push(&c->free_lists, (uint32_t)li);
            nf__u64map_del_at(&c->index, &it);
        }
    }
    /* recount: a wrapped shift may have visited a list twice, which is harmless */
    it = 0;
    while (nf__u64map_next(&c->index, &it, &term, &li))
        total += c->lists.items[li].len;
    c->postings = total;
    c->since_sweep = 0;
}

/* ---- stories --------------------------------------------------------------------------- */

static uint32_t story_new(nf_cluster *c)
{
    uint32_t slot;
    if (c->free_slots.len) {
        slot = c->free_slots.items[--c->free_slots.len];
    } else {
        story blank;
        memset(&blank, 0, sizeof blank);
        nf_vec_push(&c->stories, blank);
        nf_vec_push(&c->stamp, 0);
        nf_vec_push(&c->acc, 0);
        nf_vec_push(&c->live, 0);
        slot = (uint32_t)(c->stories.len - 1);
    }
    story *s = &c->stories.items[slot];
    uint32_t gen = s->gen + 1 ? s->gen + 1 : 1; /* 0 marks a free slot */
    memset(s, 0, sizeof *s);
    s->gen = gen;
    s->state = ST_OPEN;
    s->id = c->next_id++;
    c->live.items[slot] = gen;
    nf__u64map_put(&c->by_id, s->id, slot);
    return slot;
}

static size_t count_independent(const story *s)
{
    return s->sources.len + s->anonymous;
}

static void add_source(story *s, uint64_t src)
{
    if (!src) {
        s->anonymous++;
        return;
    }
    for (size_t i = 0; i < s->sources.len; i++)
        if (s->sources.items[i] == src)
            return;
    nf_vec_push(&s->sources, src);
}

static void extend_dates(story *s, const nf__feat *f)
{
    if (!f->dated)
        return;
    if (!s->dated) {
        s->dated = true;
        s->first_day = s->last_day = f->day;
        return;
    }
    if (f->day < s->first_day)
        s->first_day = f->day;
    if (f->day > s->last_day)
        s->last_day = f->day;
}

/* Adds unit vector f to the story's centroid, prunes it, refreshes its norms. The merge
 * goes through the clusterer's scratch buffer and back into the story's array, allocated
 * once at CENTROID_MAX entries, so that joins do not churn the allocator. */
static void centroid_add(nf_cluster *c, story *s, const nf__feat *f)
{
    if (c->scratch_cap < s->nc + f->n + 1) {
        c->scratch_cap = s->nc + f->n + 1;
        c->scratch = nf_xrealloc(c->scratch, c->scratch_cap * sizeof *c->scratch);
    }
    if (!s->c)
        s->c = nf_xmalloc(CENTROID_MAX * sizeof *s->c);
    nf__tw *m = c->scratch;
    uint32_t i = 0, j = 0, o = 0;
    while (i < s->nc || j < f->n) {
        if (j >= f->n || (i < s->nc && s->c[i].t < f->v[j].t)) {
            m[o++] = s->c[i++];
        } else if (i >= s->nc || f->v[j].t < s->c[i].t) {
            m[o++] = f->v[j++];
        } else {
            m[o] = s->c[i++];
            m[o++].w += f->v[j++].w;
        }
    }
    uint32_t kept = prune(m, o, s->state == ST_OPEN ? CENTROID_MAX : DORMANT_MAX);
    memcpy(s->c, m, kept * sizeof *m);
    s->nc = kept;
    s->norms.norm_b += 1.0;
    s->norms.norm_b_neutral += f->norm_neutral;
    s->norms.norm_b_names += f->norm_names;
    s->norms.norm_b_nums += f->norm_nums;
    s->norms.norm_b_within += nf__within_norm(f->norm_concepts, nf__P.undated_concepts);
    s->n_orig++;
    if (f->weekdays) {
        s->n_weekdays++;
        for (int d = 0; d < 7; d++)
            if (f->weekdays & (1u << d) && s->weekdays[d] < UINT16_MAX)
                s->weekdays[d]++;
    }
    /* quotes: a sorted union, capped */
    if (f->n_quotes && s->nq < QUOTES_MAX) {
        uint64_t *q = nf_xmalloc((s->nq + f->n_quotes) * sizeof *q);
        uint32_t a = 0, b = 0, n = 0;
        while (a < s->nq || b < f->n_quotes) {
            uint64_t x;
            if (b >= f->n_quotes || (a < s->nq && s->quotes[a] < f->quotes[b]))
                x = s->quotes[a++];
            else if (a >= s->nq || f->quotes[b] < s->quotes[a])
                x = f->quotes[b++];
            else
                x = s->quotes[a++], b++;
            q[n++] = x;
        }
        free(s->quotes);
        s->quotes = q;
        s->nq = n < QUOTES_MAX ? n : QUOTES_MAX;
    }
}

static void add_link(nf_cluster *c, uint32_t slot, uint64_t other, double score)
{
    story *s = &c->stories.items[slot];
    for (size_t i = 0; i < s->related.len; i++)
        if (s->related.items[i].id == other) {
            if (score > s->related.items[i].score)
                s->related.items[i].score = score;
            return;
        }
    link l = {other, score};
    if (s->related.len < RELATED_MAX) {
        nf_vec_push(&s->related, l);
        return;
    }
    size_t worst = 0;
    for (size_t i = 1; i < s->related.len; i++)
        if (s->related.items[i].score < s->related.items[worst].score)
            worst = i;
    if (score > s->related.items[worst].score)
        s->related.items[worst] = l;
}

static int u64cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void make_dormant(nf_cluster *c, story *s)
{
    for (size_t i = 0; i < s->originals.len; i++) {
        if (c->dedup)
            nf_dedup_index_remove(c->dedup, s->originals.items[i]);
        nf__u64map_del(&c->orig_story, s->originals.items[i]);
    }
    nf_vec_free(&s->originals);
    s->nc = prune(s->c, s->nc, DORMANT_MAX);
    if (s->c)
        s->c = nf_xrealloc(s->c, DORMANT_MAX * sizeof *s->c);
    free(s->quotes);
    s->quotes = NULL;
    s->nq = 0;
    s->state = ST_DORMANT;
}

static void close_story(nf_cluster *c, uint32_t slot)
{
    story *s = &c->stories.items[slot];
    if (s->state == ST_OPEN)
        make_dormant(c, s);
    /* members in arrival order, copies pointing at arrival numbers */
    size_t n = s->members.len;
    size_t *order = nf_xmalloc((n ? n : 1) * 2 * sizeof *order);
    for (size_t i = 0; i < n; i++) {
        order[2 * i] = s->members.items[i];
        order[2 * i + 1] = s->copy_of.items[i];
    }
    qsort(order, n, 2 * sizeof *order, nf_size_cmp); /* arrival numbers are unique */
    uint64_t *rel = nf_xmalloc((s->related.len ? s->related.len : 1) * sizeof *rel);
    for (size_t i = 0; i < s->related.len; i++)
        rel[i] = s->related.items[i].id;
    qsort(rel, s->related.len, sizeof *rel, u64cmp);
    if (c->o.on_close) {
        size_t *mem = nf_xmalloc((n ? n : 1) * sizeof *mem);
        size_t *cp = nf_xmalloc((n ? n : 1) * sizeof *cp);
        for (size_t i = 0; i < n; i++)
            mem[i] = order[2 * i], cp[i] = order[2 * i + 1];
        nf_cluster_story out = {s->id, mem, n, cp, rel, s->related.len, count_independent(s),
                                s->dated, s->first_day, s->last_day};
        c->o.on_close(&out, c->o.user);
        free(mem);
        free(cp);
        free(rel);
    } else {
        archived a = {s->id, nf_xmalloc((n ? n : 1) * sizeof(size_t)),
                      nf_xmalloc((n ? n : 1) * sizeof(size_t)), n, rel, s->related.len,
                      count_independent(s)};
        for (size_t i = 0; i < n; i++)
            a.members[i] = order[2 * i], a.copy_of[i] = order[2 * i + 1];
        nf_vec_push(&c->archive, a);
    }
    free(order);
    nf__u64map_del(&c->by_id, s->id);
    free(s->c);
    free(s->quotes);
    nf_vec_free(&s->members);
    nf_vec_free(&s->copy_of);
    nf_vec_free(&s->originals);
    nf_vec_free(&s->related);
    nf_vec_free(&s->sources);
    free(s->posted);
    uint32_t gen = s->gen;
    memset(s, 0, sizeof *s);
    s->gen = gen; /* postings of the old story are now stale */
    s->state = ST_FREE;
    c->live.items[slot] = 0;
    nf_vec_push(&c->free_slots, slot);
    c->closed++;
}

/* Dormancy and closing by the clock (days) and by arrivals. */
static void age_stories(nf_cluster *c)
{
    for (uint32_t slot = 0; slot < c->stories.len; slot++) {
        story *s = &c->stories.items[slot];
        if (s->state == ST_FREE)
            continue;
        bool idle_arrivals = c->o.idle_arrivals && c->arrivals - s->last_arrival > c->o.idle_arrivals;
        if (idle_arrivals || (s->dated && c->have_clock && c->now - s->last_day > c->thread_days)) {
            close_story(c, slot);
            continue;
        }
        if (s->state == ST_OPEN && s->dated && c->have_clock && c->now - s->last_day > c->window)
            make_dormant(c, s);
    }
}

/* The arena articles are tokenised in: one for many articles, replaced once it holds a
 * few megabytes, so that feature extraction makes a few large allocations instead of
 * many small ones per article (which fragment the heap over a long stream). */
static nf_arena *scratch_arena(nf_cluster *c)
{
    if (c->arena && nf_arena_used(c->arena) > ((size_t)4 << 20)) {
        nf_arena_free(c->arena);
        c->arena = NULL;
    }
    if (!c->arena)
        c->arena = nf_arena_new();
    return c->arena;
}

/* ---- public API ------------------------------------------------------------------------ */

nf_status nf_cluster_new(const nf_cluster_opts *opts, nf_cluster **out)
{
    if (!out)
        return NF_ERR_INVALID;
    nf__params_from_env();
    nf_cluster *c = nf_xcalloc(1, sizeof *c);
    if (opts)
        c->o = *opts;
    c->threshold = c->o.threshold > 0 ? c->o.threshold : 0.5;
    c->threshold_undated = c->o.threshold_undated > 0 ? c->o.threshold_undated : 0.75;
    if (c->threshold_undated < c->threshold)
        c->threshold_undated = c->threshold;
    c->related = c->o.related > 0 ? c->o.related : 0.1;
    c->window = c->o.window_days > 0 ? c->o.window_days : 4;
    c->thread_days = c->o.thread_days > 0 ? c->o.thread_days : 30;
    if (c->thread_days < c->window)
        c->thread_days = c->window;
    nf__df_init(&c->df);
    if (c->o.dedup >= 0)
        c->dedup = nf_dedup_index_new(c->o.dedup);
    nf__u64map_init(&c->orig_story);
    nf__u64map_init(&c->by_id);
    nf__u64map_init(&c->index);
    *out = c;
    return NF_OK;
}

static void free_archive(nf_cluster *c)
{
    for (size_t i = 0; i < c->archive.len; i++) {
        free(c->archive.items[i].members);
        free(c->archive.items[i].copy_of);
        free(c->archive.items[i].related);
    }
    nf_vec_free(&c->archive);
}

void nf_cluster_free(nf_cluster *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->stories.len; i++) {
        story *s = &c->stories.items[i];
        free(s->c);
        free(s->quotes);
        nf_vec_free(&s->members);
        nf_vec_free(&s->copy_of);
        nf_vec_free(&s->originals);
        nf_vec_free(&s->related);
        nf_vec_free(&s->sources);
        free(s->posted);
    }
    nf_vec_free(&c->stories);
    nf_vec_free(&c->free_slots);
    for (size_t i = 0; i < c->lists.len; i++)
        nf_vec_free(&c->lists.items[i]);
    nf_vec_free(&c->lists);
    nf_vec_free(&c->free_lists);
    nf__u64map_free(&c->index);
    nf__u64map_free(&c->by_id);
    nf__u64map_free(&c->orig_story);
    nf_dedup_index_free(c->dedup);
    nf__df_free(&c->df);
    nf__stemmers_free(&c->stem);
    free_archive(c);
    nf_vec_free(&c->stamp);
    nf_vec_free(&c->acc);
    nf_vec_free(&c->live);
    free(c->scratch);
    if (c->arena)
        nf_arena_free(c->arena);
    nf_vec_free(&c->cands);
    free(c);
}

typedef struct {
    uint32_t slot;
    double acc;
    uint64_t id;
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->acc != y->acc)
        return x->acc > y->acc ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Stories sharing the article's heaviest terms, the best CANDIDATES first. */
static size_t find_candidates(nf_cluster *c, const nf__feat *f, cand *out)
{
    nf__tw q[QUERY_TERMS];
    size_t nq = heaviest(f, QUERY_TERMS, q);
    c->query++;
    c->cands.len = 0;
    for (size_t k = 0; k < nq; k++) {
        posting_list *l = list_for(c, q[k].t, false);
        if (!l)
            continue;
        size_t from = l->len > LIST_WALK ? l->len - LIST_WALK : 0;
        for (size_t i = l->len; i-- > from;) {
            posting p = l->items[i];
            if (!posting_live(c, p))
                continue;
            if (c->stamp.items[p.slot] != c->query) {
                c->stamp.items[p.slot] = c->query;
                c->acc.items[p.slot] = 0;
                nf_vec_push(&c->cands, p.slot);
            }
            c->acc.items[p.slot] += q[k].w;
        }
    }
    /* the best CANDIDATES by shared weight: a bounded insertion list, since most arrivals
     * reach many stories through a few terms and only the best few matter */
    size_t m = 0;
    for (size_t i = 0; i < c->cands.len; i++) {
        uint32_t sl = c->cands.items[i];
        cand x = {sl, c->acc.items[sl], c->stories.items[sl].id};
        if (m == CANDIDATES && cand_cmp(&x, &out[m - 1]) >= 0)
            continue;
        size_t at = m < CANDIDATES ? m++ : m - 1;
        while (at > 0 && cand_cmp(&x, &out[at - 1]) < 0) {
            out[at] = out[at - 1];
            at--;
        }
        out[at] = x;
    }
    return m;
}

static void place(nf_cluster *c, uint32_t slot, const nf__feat *f, size_t arrival, size_t copy_of)
{
    story *s = &c->stories.items[slot];
    nf_vec_push(&s->members, arrival);
    nf_vec_push(&s->copy_of, copy_of);
    s->last_arrival = arrival;
    extend_dates(s, f);
    int li = lang_index(c, f->lang);
    if (li >= 0)
        s->langs |= (uint64_t)1 << li;
}

nf_status nf_cluster_add(nf_cluster *c, const nf_doc *doc, const nf_facts *facts,
                         nf_cluster_placement *where)
{
    if (!c || !doc)
        return NF_ERR_INVALID;
    size_t arrival = c->arrivals++;
    nf__feat f;
    nf__feat_extract(&c->stem, doc, facts, false, scratch_arena(c), &f);
    if (f.dated && (!c->have_clock || f.day > c->now)) {
        bool moved = c->have_clock;
        c->have_clock = true;
        c->now = f.day;
        if (moved)
            age_stories(c);
    }
    if (c->o.idle_arrivals && arrival % 1024 == 0 && arrival)
        age_stories(c);
    nf_cluster_placement pl = {arrival, 0, false, NF_CLUSTER_NONE, 0};

    /* 2. copies */
    nf_dedup_sig sig;
    bool have_sig = false;
    if (c->dedup) {
        nf_dedup_doc_signature(doc, &sig);
        have_sig = sig.n_shingles > 0;
        uint64_t orig, ref;
        if (have_sig && nf_dedup_index_find(c->dedup, &sig, &orig, NULL) &&
            nf__u64map_get(&c->orig_story, orig, &ref)) {
            uint32_t slot = (uint32_t)ref;
            story *s = &c->stories.items[slot];
            if (s->gen == (uint32_t)(ref >> 32) && s->state == ST_OPEN) {
                place(c, slot, &f, arrival, (size_t)orig);
                c->copies++;
                pl.story = s->id;
                pl.copy_of = (size_t)orig;
                pl.score = 1.0;
                if (where)
                    *where = pl;
                nf__feat_free(&f);
                return NF_OK;
            }
        }
    }

    /* 3. weights */
    nf__df_add(&c->df, &f);
    nf__feat_weight(&f, &c->df);

    /* 4. candidates */
    cand cs[CANDIDATES];
    size_t nc = find_candidates(c, &f, cs);
    c->candidates_scored += nc;
    int li = lang_index(c, f.lang);
    double best = -1;
    uint32_t best_slot = 0;
    typedef struct {
        uint32_t slot;
        double content;
    } near;
    near nears[CANDIDATES];
    size_t n_near = 0;
    for (size_t k = 0; k < nc; k++) {
        story *s = &c->stories.items[cs[k].slot];
        nf__dots d = s->norms;
        nf__dots_with(&f, s->c, s->nc, &d);
        bool cross = li >= 0 && s->langs && !(s->langs & ((uint64_t)1 << li));
        double names;
        double quotes = nf__P.quote_beta * nf__quote_share(&f, s->quotes, s->nq);
        double content = nf__content(&f, &d, cross, 0, NULL, NULL, &names, NULL) + quotes;
        long gap = gap_to(s, &f);
        /* undated: no time to tell an event from another one of the same topic, so the
         * frequent news words of the lexicon (boosted so that languages meet) weigh less
         * within one language, and the event's own words more */
        double join = gap < 0 ? nf__content(&f, &d, cross, nf__P.undated_concepts, NULL, NULL, NULL,
                                             NULL) + quotes +
                                     nf__P.weekday_beta * nf__weekday_agreement(f.weekdays, s->weekdays,
                                                                                s->n_weekdays, s->n_orig)
                              : content;
        double score = s->state == ST_OPEN ? nf__calibrate(join) * nf__time_factor(gap, c->window) : 0;
        if (score >= (gap < 0 ? c->threshold_undated : c->threshold) && score > best) {
            best = score;
            best_slot = cs[k].slot;
        }
        if (content >= c->related && names >= NAMES_FOR_THREAD &&
            (gap < 0 || gap <= c->thread_days))
            nears[n_near++] = (near){cs[k].slot, content};
    }

    /* 5. join or start */
    uint32_t slot;
    if (best >= 0) {
        slot = best_slot;
        pl.score = best;
    } else {
        slot = story_new(c);
        pl.new_story = true;
    }
    story *s = &c->stories.items[slot];
    /* a story's k-th article counts in the document frequencies where k is a power of
     * two (1, 2, 4, 8, ...): a story of n articles weighs about log2(n) + 1 documents, so
     * that a big story does not make its own words common and drift away from its first
     * articles, and many small stories still count as many documents */
    size_t nth = s->members.len + 1;
    if (!pl.new_story && (nth & (nth - 1)) != 0)
        nf__df_unshare(&c->df, &f, s->c, s->nc);
    place(c, slot, &f, arrival, NF_CLUSTER_NONE);
    add_source(s, f.source);
    centroid_add(c, s, &f);
    pl.story = s->id;
    for (size_t k = 0; k < n_near; k++) {
        if (nears[k].slot == slot)
            continue;
        story *t = &c->stories.items[nears[k].slot];
        add_link(c, slot, t->id, nears[k].content);
        add_link(c, nears[k].slot, s->id, nears[k].content);
    }

    /* 6. index */
    nf__tw q[POST_TERMS];
    size_t nq = heaviest(&f, POST_TERMS, q);
    for (size_t k = 0; k < nq; k++)
        post(c, q[k].t, slot);
    if (have_sig && s->state == ST_OPEN) {
        nf_dedup_index_add(c->dedup, arrival, &sig);
        nf__u64map_put(&c->orig_story, arrival, (uint64_t)slot | (uint64_t)s->gen << 32);
        nf_vec_push(&s->originals, arrival);
    }
    if (f.dated && s->state == ST_OPEN && c->have_clock && c->now - s->last_day > c->window)
        make_dormant(c, s); /* a late arrival, already too old to be joined */
    if (++c->since_sweep >= SWEEP_EVERY)
        sweep_postings(c);
    if (where)
        *where = pl;
    nf__feat_free(&f);
    return NF_OK;
}

nf_status nf_cluster_observe(nf_cluster *c, const nf_doc *doc, const nf_facts *facts)
{
    if (!c || !doc)
        return NF_ERR_INVALID;
    nf__feat f;
    nf__feat_extract(&c->stem, doc, facts, false, scratch_arena(c), &f);
    nf__df_add(&c->df, &f);
    nf__feat_free(&f);
    return NF_OK;
}

static int story_cmp(const void *x, const void *y)
{
    const nf_story *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->members[0] < b->members[0] ? -1 : a->members[0] > b->members[0];
}

nf_status nf_cluster_finish(nf_cluster *c, nf_clustering *out)
{
    if (!c)
        return NF_ERR_INVALID;
    if (out)
        memset(out, 0, sizeof *out);
    for (uint32_t slot = 0; slot < c->stories.len; slot++)
        if (c->stories.items[slot].state != ST_FREE)
            close_story(c, slot);
    sweep_postings(c);
    if (!out || c->o.on_close) {
        free_archive(c);
        return NF_OK;
    }
    size_t n = c->archive.len;
    out->stories = nf_xcalloc(n ? n : 1, sizeof *out->stories);
    out->n = n;
    /* order: largest first, then by first member; related ids -> positions */
    for (size_t i = 0; i < n; i++) {
        archived *a = &c->archive.items[i];
        nf_story *s = &out->stories[i];
        s->members = a->members;
        s->copy_of = a->copy_of;
        s->n = a->n;
        s->n_independent = a->n_independent;
        a->members = a->copy_of = NULL;
        /* stash the story id in related for now */
        s->related = (size_t *)a->related;
        s->n_related = a->n_related;
        a->related = NULL;
    }
    uint64_t *ids = nf_xmalloc((n ? n : 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = c->archive.items[i].id;
    /* sort an index permutation so related ids can be mapped */
    typedef struct {
        nf_story s;
        uint64_t id;
    } pair;
    pair *p = nf_xmalloc((n ? n : 1) * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = (pair){out->stories[i], ids[i]};
    qsort(p, n, sizeof *p, story_cmp); /* nf_story is the first member */
    nf__u64map pos;
    nf__u64map_init(&pos);
    for (size_t i = 0; i < n; i++)
        nf__u64map_put(&pos, p[i].id, i);
    for (size_t i = 0; i < n; i++) {
        out->stories[i] = p[i].s;
        nf_story *s = &out->stories[i];
        uint64_t *rel = (uint64_t *)s->related;
        size_t o = 0;
        size_t *mapped = nf_xmalloc((s->n_related ? s->n_related : 1) * sizeof *mapped);
        for (size_t k = 0; k < s->n_related; k++) {
            uint64_t at;
            if (nf__u64map_get(&pos, rel[k], &at))
                mapped[o++] = (size_t)at;
        }
        qsort(mapped, o, sizeof *mapped, nf_size_cmp);
        free(rel);
        s->related = mapped;
        s->n_related = o;
    }
    nf__u64map_free(&pos);
    free(p);
    free(ids);
    free_archive(c);
    return NF_OK;
}

void nf_cluster_get_stats(const nf_cluster *c, nf_cluster_stats *st)
{
    memset(st, 0, sizeof *st);
    st->articles = c->arrivals;
    st->copies = c->copies;
    st->stories = c->next_id;
    for (size_t i = 0; i < c->stories.len; i++) {
        if (c->stories.items[i].state == ST_OPEN)
            st->open_stories++;
        else if (c->stories.items[i].state == ST_DORMANT)
            st->dormant_stories++;
    }
    st->closed_stories = c->closed;
    st->postings = c->postings;
    st->candidates = c->candidates_scored;
    size_t b = sizeof *c + ((size_t)1 << NF__DF_BITS) * sizeof(uint32_t);
    b += (c->index.cap + c->by_id.cap + c->orig_story.cap) * 2 * sizeof(uint64_t);
    b += c->lists.cap * sizeof(posting_list) + c->free_lists.cap * sizeof(uint32_t);
    for (size_t i = 0; i < c->lists.len; i++)
        b += c->lists.items[i].cap * sizeof(posting);
    b += c->stories.cap * sizeof(story) + c->free_slots.cap * sizeof(uint32_t);
    b += (c->stamp.cap + c->acc.cap) * 8 + c->live.cap * 4 + c->cands.cap * 4;
    b += c->scratch_cap * sizeof(nf__tw);
    for (size_t i = 0; i < c->stories.len; i++) {
        const story *s = &c->stories.items[i];
        if (s->state == ST_FREE)
            continue;
        b += (s->state == ST_OPEN ? CENTROID_MAX : DORMANT_MAX) * sizeof(nf__tw);
        b += s->nq * sizeof(uint64_t) + s->cap_posted * sizeof(uint64_t);
        b += (s->members.cap + s->copy_of.cap + s->originals.cap) * sizeof(size_t);
        b += s->related.cap * sizeof(link) + s->sources.cap * sizeof(uint64_t);
    }
    for (size_t i = 0; i < c->archive.len; i++)
        b += c->archive.items[i].n * 2 * sizeof(size_t) + c->archive.items[i].n_related * 8;
    b += c->archive.cap * sizeof(archived);
    if (c->dedup)
        b += nf_dedup_index_bytes(c->dedup);
    st->bytes = b;
}

/* ---- compare --------------------------------------------------------------------------- */

typedef struct {
    nf__feat fa, fb;
} why_priv;

static int shared_cmp(const void *x, const void *y)
{
    const nf_shared_term *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(a->a, b->a);
}

nf_status nf_cluster_compare(nf_cluster *c, const nf_doc *a, const nf_facts *fa,
                             const nf_doc *b, const nf_facts *fb, nf_cluster_why *why)
{
    if (!c || !a || !b || !why)
        return NF_ERR_INVALID;
    memset(why, 0, sizeof *why);
    why_priv *p = nf_xcalloc(1, sizeof *p);
    why->priv = p;
    nf__feat_extract(&c->stem, a, fa, true, NULL, &p->fa);
    nf__feat_extract(&c->stem, b, fb, true, NULL, &p->fb);
    nf__feat_weight(&p->fa, &c->df);
    nf__feat_weight(&p->fb, &c->df);
    nf__dots d;
    nf__norms_of(p->fb.v, p->fb.n, &d);
    nf__dots_with(&p->fa, p->fb.v, p->fb.n, &d);
    why->cross_lingual = strcmp(p->fa.lang, p->fb.lang) && strcmp(p->fa.lang, "und") &&
                         strcmp(p->fb.lang, "und");
    double content = nf__content(&p->fa, &d, why->cross_lingual, 0, &why->terms, &why->neutral,
                                 &why->names, &why->numbers);
    why->quotes = nf__quote_share(&p->fa, p->fb.quotes, p->fb.n_quotes);
    why->content = content + nf__P.quote_beta * why->quotes;
    why->gap_days = p->fa.dated && p->fb.dated ? labs(p->fa.day - p->fb.day) : -1;
    int window = c->window;
    why->time = nf__time_factor(why->gap_days, window);
    why->score = nf__calibrate(why->content) * why->time;
    uint16_t wd[7] = {0};
    for (int k = 0; k < 7; k++)
        wd[k] = (uint16_t)((p->fb.weekdays >> k) & 1u);
    why->join = why->gap_days < 0
                    ? nf__calibrate(nf__content(&p->fa, &d, why->cross_lingual, nf__P.undated_concepts,
                                                NULL, NULL, NULL, NULL) +
                                    nf__P.quote_beta * why->quotes +
                                    nf__P.weekday_beta *
                                        nf__weekday_agreement(p->fa.weekdays, wd, p->fb.weekdays != 0, 1))
                    : why->score;
    /* copies and passages */
    nf_dedup_sig sa, sb;
    nf_dedup_doc_signature(a, &sa);
    nf_dedup_doc_signature(b, &sb);
    why->resemblance = nf_dedup_similarity(&sa, &sb);
    why->copy = c->dedup && sa.n_shingles && sb.n_shingles &&
                why->resemblance >= (c->o.dedup > 0 ? c->o.dedup : 0.6);
    if (why->copy)
        why->score = why->join = 1.0;
    nf_dedup_passage *ps;
    size_t nps = 0;
    if (a->text && b->text &&
        nf_dedup_passages(a->text, a->text_len, b->text, b->text_len, 8, &ps, &nps) == NF_OK)
        free(ps);
    why->passages = nps;
    /* shared terms, heaviest first */
    NF_VEC(nf_shared_term) sh = {0};
    uint32_t i = 0, j = 0;
    while (i < p->fa.n && j < p->fb.n) {
        uint64_t x = p->fa.v[i].t, y = p->fb.v[j].t;
        if (x == y) {
            double contribution = (double)p->fa.v[i].w * p->fb.v[j].w / (d.norm_b > 0 ? d.norm_b : 1);
            static const nf_shared_kind kinds[4] = {NF_SHARED_WORD, NF_SHARED_CONCEPT,
                                                    NF_SHARED_NAME, NF_SHARED_NUMBER};
            nf_shared_term t = {p->fa.surface[i], p->fb.surface[j], kinds[NF__KIND(x)],
                                contribution};
            nf_vec_push(&sh, t);
            i++, j++;
        } else if (x < y) {
            i++;
        } else {
            j++;
        }
    }
    if (sh.len)
        qsort(sh.items, sh.len, sizeof *sh.items, shared_cmp);
    why->shared = sh.items;
    why->n_shared = sh.len;
    return NF_OK;
}

void nf_cluster_why_free(nf_cluster_why *why)
{
    if (!why)
        return;
    why_priv *p = why->priv;
    if (p) {
        nf__feat_free(&p->fa);
        nf__feat_free(&p->fb);
        free(p);
    }
    free(why->shared);
    memset(why, 0, sizeof *why);
}
