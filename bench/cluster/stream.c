/* Stream bench driver: synthesises a stream of news articles from a pool of real texts and
 * feeds it through the online clusterer, reporting throughput, memory and quality.
 *
 * usage: nf_stream POOL N [SEED] [PER_DAY]
 *   POOL     texts separated by the byte 0x1e, each "lang 0x1f text" (bench/cluster/stream
 *            writes it from the evaluation sets at run time)
 *   N        articles to generate
 *   PER_DAY  articles per day (default 1000)
 * Prints a header line, then every 20,000 articles a tab-separated row: articles, cumulative
 * clustering seconds, microseconds per article over the last block, peak and current RSS
 * (MB), open + dormant stories, postings, stories closed, heap in use (MB, mallinfo2: what
 * is allocated, the bench's own arrays included, as opposed to what the process holds),
 * and the clusterer's own memory (nf_cluster_stats.bytes); then a summary with B-cubed
 * precision/recall/F1 of stories against the generator's events.
 *
 * The stream: each day PER_DAY articles; an article starts a new event with probability
 * 0.3 (a random pool text), else continues an event of the last three days. Its text is a
 * variant of the event's text (a random 40-90% of its sentences in order, 15% of their
 * words left out, numbers sometimes changed, now and then a sentence of another text); 8%
 * of articles are wire
 * copies of an earlier article of their event. Outlets are drawn from 400 names; dates
 * advance a day every PER_DAY articles. Only nf_cluster_add is timed (thread CPU time):
 * building the doc (what a feed reader and the extractor would do) is not. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsfuse/newsfuse.h"

typedef struct {
    char lang[4];
    const char *text;
    size_t len;
    size_t *sent; /* sentence starts, then len */
    size_t n_sent;
} base;

typedef struct {
    uint32_t base;
    long day;
    uint32_t n; /* articles so far */
    size_t last_arrival;
    char *last_text;
} event;

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double unif(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

static long rss_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long v = 0;
    size_t kl = strlen(key);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, kl))
            v = strtol(line + kl, NULL, 10);
    fclose(f);
    return v;
}

/* CPU time of this thread: the machine may be shared, and the bench measures the work
 * clustering does on one core, not how much of the core it was given */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- quality: B-cubed against the generator's events ----------------------------------- */

static uint32_t *event_of; /* per arrival */
static double *sq_by_event; /* per event: sum over stories of (members of the event)^2 */
static double prec_sum;
static size_t closed, articles_closed;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void on_close(const nf_cluster_story *s, void *user)
{
    (void)user;
    uint32_t *ev = malloc(s->n * sizeof *ev);
    for (size_t i = 0; i < s->n; i++)
        ev[i] = event_of[s->members[i]];
    qsort(ev, s->n, sizeof *ev, cmp_u32);
    for (size_t i = 0; i < s->n;) {
        size_t j = i;
        while (j < s->n && ev[j] == ev[i])
            j++;
        double c = (double)(j - i);
        prec_sum += c * c / (double)s->n;
        sq_by_event[ev[i]] += c * c;
        i = j;
    }
    free(ev);
    closed++;
    articles_closed += s->n;
}

/* ---- the generator ------------------------------------------------------------------------ */

static void load_pool(const char *path, base **out, size_t *n)
{
    char *data;
    size_t len;
    const char *why;
    if (nf_file_read(path, &data, &len, &why) != NF_OK) {
        fprintf(stderr, "nf_stream: %s: %s\n", path, why);
        exit(2);
    }
    NF_VEC(base) v = {0};
    char *p = data, *end = data + len;
    while (p < end) {
        char *rec_end = memchr(p, 0x1e, (size_t)(end - p));
        if (!rec_end)
            rec_end = end;
        char *sep = memchr(p, 0x1f, (size_t)(rec_end - p));
        if (sep && rec_end - sep > 40) {
            base b;
            memset(&b, 0, sizeof b);
            size_t ll = (size_t)(sep - p) < 3 ? (size_t)(sep - p) : 3;
            memcpy(b.lang, p, ll);
            b.text = sep + 1;
            b.len = (size_t)(rec_end - sep - 1);
            NF_VEC(size_t) st = {0};
            nf_vec_push(&st, 0);
            for (size_t i = 0; i + 1 < b.len; i++)
                if ((b.text[i] == '.' || b.text[i] == '!' || b.text[i] == '?' || b.text[i] == '\n') &&
                    (b.text[i + 1] == ' ' || b.text[i + 1] == '\n') && i + 2 - st.items[st.len - 1] > 20)
                    nf_vec_push(&st, i + 2);
            nf_vec_push(&st, b.len);
            b.sent = st.items;
            b.n_sent = st.len - 1;
            nf_vec_push(&v, b);
        }
        p = rec_end + 1;
    }
    *out = v.items;
    *n = v.len;
    /* data stays allocated: the pool points into it */
}

/* A rewrite of b: some of its sentences, each word kept with probability 0.85 (a reporter's
 * own wording, so that rewrites are not copies), digits sometimes changed. */
static char *variant(const base *b, const base *other, size_t *len)
{
    nf_buf o;
    nf_buf_init(&o);
    double keep = 0.4 + 0.5 * unif();
    for (size_t s = 0; s < b->n_sent; s++) {
        if (s && unif() > keep)
            continue;
        const char *t = b->text + b->sent[s];
        size_t n = b->sent[s + 1] - b->sent[s];
        bool drop = false;
        for (size_t i = 0; i < n; i++) {
            char c = t[i];
            if (i == 0 || t[i - 1] == ' ')
                drop = unif() < 0.15;
            if (drop && c != ' ')
                continue;
            if (c >= '0' && c <= '9' && unif() < 0.05)
                c = (char)('0' + next() % 10);
            nf_buf_putc(&o, c);
        }
        if (s == 0 && other && other->n_sent && unif() < 0.3) { /* a sentence from elsewhere */
            size_t k = next() % other->n_sent;
            nf_buf_append(&o, " ", 1);
            nf_buf_append(&o, other->text + other->sent[k], other->sent[k + 1] - other->sent[k]);
        }
    }
    return nf_buf_detach(&o, len);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: nf_stream POOL N [SEED] [PER_DAY]\n");
        return 2;
    }
    size_t n_articles = (size_t)strtoull(argv[2], NULL, 10);
    if (argc > 3)
        rng = strtoull(argv[3], NULL, 10) * 2654435761ULL + 1;
    size_t per_day = argc > 4 ? (size_t)strtoull(argv[4], NULL, 10) : 1000;
    base *pool;
    size_t n_pool;
    load_pool(argv[1], &pool, &n_pool);
    if (!n_pool) {
        fprintf(stderr, "nf_stream: empty pool\n");
        return 2;
    }
    /* the bench's own bookkeeping is allocated and touched up front, so that the RSS it
     * reports grows only with what the clusterer holds */
    event_of = malloc((n_articles ? n_articles : 1) * sizeof *event_of);
    memset(event_of, 0, n_articles * sizeof *event_of);
    sq_by_event = malloc((n_articles ? n_articles : 1) * sizeof *sq_by_event);
    memset(sq_by_event, 0, n_articles * sizeof *sq_by_event);
    NF_VEC(event) events = {0};
    events.items = malloc((n_articles ? n_articles : 1) * sizeof *events.items);
    memset(events.items, 0, n_articles * sizeof *events.items);
    events.cap = n_articles ? n_articles : 1;
    nf_cluster_opts o;
    memset(&o, 0, sizeof o);
    o.on_close = on_close;
    nf_cluster *c;
    nf_cluster_new(&o, &c);
    long day0 = nf_date_to_days(2020, 1, 1);
    size_t recent_from = 0; /* first event of the last three days */
    NF_VEC(size_t) day_start = {0};
    double t_cluster = 0, t_block = 0;
    long peak = 0;
    printf("articles\tcluster_s\tus_per_article\tpeak_rss_mb\trss_mb\topen_stories\tpostings\tclosed\theap_mb\tclusterer_mb\n");
    char source[32], id[32];
    for (size_t a = 0; a < n_articles; a++) {
        long day = day0 + (long)(a / per_day);
        if (a % per_day == 0) {
            nf_vec_push(&day_start, events.len);
            size_t d = day_start.len;
            recent_from = d >= 3 ? day_start.items[d - 3] : 0;
        }
        size_t ev;
        if (events.len == recent_from || unif() < 0.3) {
            event e = {(uint32_t)(next() % n_pool), day, 0, 0, NULL};
            nf_vec_push(&events, e);
            ev = events.len - 1;
        } else {
            ev = recent_from + next() % (events.len - recent_from);
        }
        event *e = &events.items[ev];
        const base *b = &pool[e->base];
        char *text;
        size_t len;
        if (e->last_text && unif() < 0.08) { /* a wire copy */
            len = strlen(e->last_text);
            text = nf_xstrndup(e->last_text, len);
        } else {
            text = variant(b, &pool[next() % n_pool], &len);
        }
        free(e->last_text);
        e->last_text = nf_xstrndup(text, len);
        e->n++;
        event_of[a] = (uint32_t)ev;
        /* the doc, as a feed reader would hand it over */
        nf_doc *doc = nf_doc_new();
        snprintf(id, sizeof id, "a%zu", a);
        snprintf(source, sizeof source, "outlet-%u", (unsigned)(next() % 400));
        doc->id = nf_arena_strdup(doc->arena, id);
        doc->source = nf_arena_strdup(doc->arena, source);
        doc->text = nf_arena_strndup(doc->arena, text, len);
        doc->text_len = len;
        memcpy(doc->lang, b->lang, 4);
        int y, m, d;
        nf_date_from_days(day, &y, &m, &d);
        doc->published.year = y;
        doc->published.month = m;
        doc->published.day = d;
        doc->published.gran = NF_GRAN_DAY;
        free(text);
        double t0 = now_s();
        nf_cluster_add(c, doc, NULL, NULL);
        double dt = now_s() - t0;
        t_cluster += dt;
        t_block += dt;
        nf_doc_free(doc);
        if ((a + 1) % 20000 == 0) {
            long cur = rss_kb("VmRSS:");
            long hwm = rss_kb("VmHWM:");
            if (hwm > peak)
                peak = hwm;
            nf_cluster_stats st;
            nf_cluster_get_stats(c, &st);
            struct mallinfo2 mi = mallinfo2();
            printf("%zu\t%.3f\t%.2f\t%.1f\t%.1f\t%zu\t%zu\t%zu\t%.1f\t%.1f\n", a + 1, t_cluster,
                   t_block / 20000 * 1e6, peak / 1024.0, cur / 1024.0,
                   st.open_stories + st.dormant_stories, st.postings, st.closed_stories,
                   (double)(mi.uordblks + mi.hblkhd) / 1048576.0, (double)st.bytes / 1048576.0);
            fflush(stdout);
            t_block = 0;
        }
        /* events older than three days take no more articles: free their texts */
        if (a % per_day == per_day - 1) {
            size_t d = day_start.len;
            size_t old_to = d >= 3 ? day_start.items[d - 3] : 0;
            for (size_t k = d >= 4 ? day_start.items[d - 4] : 0; k < old_to; k++) {
                free(events.items[k].last_text);
                events.items[k].last_text = NULL;
            }
        }
    }
    double t_fin = now_s();
    nf_cluster_finish(c, NULL);
    t_fin = now_s() - t_fin;
    nf_cluster_stats st;
    nf_cluster_get_stats(c, &st);
    /* B-cubed */
    double rec_sum = 0;
    uint32_t *esize = calloc(events.len ? events.len : 1, sizeof *esize);
    for (size_t a = 0; a < n_articles; a++)
        esize[event_of[a]]++;
    for (size_t e = 0; e < events.len; e++)
        if (esize[e])
            rec_sum += sq_by_event[e] / esize[e];
    double P = prec_sum / (double)n_articles, R = rec_sum / (double)n_articles;
    printf("# %zu articles, %zu events, %zu stories (%zu copies folded); clustering %.2f s "
           "(%.0f articles/s), finish %.2f s; B-cubed P %.3f R %.3f F1 %.3f\n",
           n_articles, events.len, st.stories, st.copies, t_cluster,
           (double)n_articles / t_cluster, t_fin, P, R, 2 * P * R / (P + R));
    free(esize);
    nf_cluster_free(c);
    for (size_t e = 0; e < events.len; e++)
        free(events.items[e].last_text);
    nf_vec_free(&events);
    nf_vec_free(&day_start);
    free(event_of);
    free(sq_by_event);
    return 0;
}
