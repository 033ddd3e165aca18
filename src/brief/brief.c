/* The brief: per story, a headline and an extractive multi-source summary, each sentence
 * with the articles that carry it.
 *
 * Summary method: candidate sentences are the leads (first eight sentences) of the story's
 * articles in its main language; each is scored by how many of the story's articles share
 * its content terms (stemmed words and numbers), with a lead-position prior; sentences are
 * picked greedily with a redundancy cut (maximal marginal relevance on term overlap) and a
 * preference for outlets not yet used. An article "carries" a picked sentence when one of
 * its own sentences overlaps it strongly. Entities, quotes, claims, the timeline and the
 * disagreements come from nf_reconcile_story over each article's facts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief_int.h"
#include "newsfuse/text.h"

typedef struct {
    uint64_t *t; /* sorted unique content terms */
    size_t n;
} termset;

typedef struct {
    size_t doc, pos;
    const char *text;
    size_t len;
    termset ts;
    double score;
    bool used;
} cand;

static int u64cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static termset terms_of(nf_arena *a, nf_terms_memo *mm, nf_stemmer *st, const char *s, size_t len)
{
    termset ts;
    ts.n = nf_text_terms_memo(a, mm, st, s, len, 4, &ts.t);
    return ts;
}

static size_t common(const termset *x, const termset *y)
{
    return nf_text_terms_common(x->t, x->n, y->t, y->n);
}

static double jaccard(const termset *x, const termset *y)
{
    size_t c = common(x, y);
    size_t u = x->n + y->n - c;
    return u ? (double)c / (double)u : 0;
}

/* False for a sentence cut out of a longer quotation (an opening or closing mark alone). */
static bool quotes_balanced(const char *s, size_t n)
{
    int open = 0, close = 0, straight = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            straight++;
        else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80) {
            open += (unsigned char)s[i + 2] == 0x9C;
            close += (unsigned char)s[i + 2] == 0x9D;
        } else if (i + 1 < n && (unsigned char)s[i] == 0xC2) {
            open += (unsigned char)s[i + 1] == 0xAB;
            close += (unsigned char)s[i + 1] == 0xBB;
        }
    }
    return open == close && straight % 2 == 0;
}

/* Document frequency of term t among the story's articles (uniq/cnt: sorted, parallel). */
static size_t df_of(const uint64_t *uniq, const size_t *cnt, size_t n, uint64_t t)
{
    const uint64_t *p = bsearch(&t, uniq, n, sizeof(uint64_t), u64cmp);
    return p ? cnt[p - uniq] : 0;
}

/* A headline from a lead sentence, for a story none of whose articles has a title: the
 * sentence up to its first clause break (", while", ", as", "; ", " - ", ...) once it has
 * some 40 bytes, without the final period; past HEADLINE_MAX bytes, before the last
 * prepositional phrase that starts within it, else at its last word break with an ellipsis.
 * A copy in `a`. */
#define HEADLINE_MAX 140
static const char *lead_headline(nf_arena *a, const char *s)
{
    static const char *const breaks[] = {", while ", ", as ", ", after ", ", which ", ", but ",
                                         ", saying ", ", according to ", "; ", " \xe2\x80\x93 ",
                                         " \xe2\x80\x94 ", " - ", ": "};
    size_t n = strlen(s);
    for (size_t k = 0; k < sizeof breaks / sizeof *breaks; k++) {
        const char *p = s + 40 < s + n ? strstr(s + 40, breaks[k]) : NULL;
        if (p && (size_t)(p - s) < n)
            n = (size_t)(p - s);
    }
    while (n && (s[n - 1] == '.' || s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    bool cut = false;
    if (n > HEADLINE_MAX) { /* before the last prepositional phrase that ends in bounds */
        static const char *const preps[] = {" in ", " on ", " at ", " for ", " against ",
                                            " after ", " amid ", " over ", " from ", " by "};
        size_t best = 0;
        for (size_t k = 0; k < sizeof preps / sizeof *preps; k++)
            for (const char *p = strstr(s + 60, preps[k]); p && (size_t)(p - s) <= HEADLINE_MAX;
                 p = strstr(p + 1, preps[k]))
                if ((size_t)(p - s) > best)
                    best = (size_t)(p - s);
        if (best)
            n = best;
    }
    if (n > HEADLINE_MAX) {
        size_t w = HEADLINE_MAX;
        while (w > 40 && s[w] != ' ')
            w--;
        n = w > 40 ? w : HEADLINE_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
            n--;
        while (n && (s[n - 1] == ',' || s[n - 1] == ' '))
            n--;
        cut = true;
    }
    char *h = nf_arena_alloc(a, n + 4);
    memcpy(h, s, n);
    if (cut)
        memcpy(h + n, "\xe2\x80\xa6", 3); /* an ellipsis */
    return h;
}

static void build_one(nf_arena *a, nf_terms_memo *mm, nf_doc *const *docs, const nf_story *s,
                      nf__story_view *v)
{
    /* main language: the most frequent among members */
    const char *lang = docs[s->members[0]]->lang;
    size_t best = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t c = 0;
        for (size_t j = 0; j < s->n; j++)
            c += strcmp(docs[s->members[i]]->lang, docs[s->members[j]]->lang) == 0;
        if (c > best)
            best = c, lang = docs[s->members[i]]->lang;
    }
    nf_stemmer *st = nf_terms_memo_stemmer(mm, lang);
    nf_arena *x = nf_arena_new(); /* scratch: sentences, term sets; freed on return */

    /* every sentence of every member (support), the leads among them (candidates), and each
     * article's term set as the union of its sentences' */
    NF_VEC(cand) cs = {0}, loose = {0};
    NF_VEC(termset) all_sent = {0};
    size_t *sent_first = nf_arena_alloc(x, (s->n + 1) * sizeof(size_t));
    termset *doc_ts = nf_arena_alloc(x, (s->n + 1) * sizeof(termset));
    NF_VEC(uint64_t) tmp = {0};
    for (size_t i = 0; i < s->n; i++) {
        const nf_doc *d = docs[s->members[i]];
        nf_span *sp;
        size_t ns;
        nf_text_sentences(x, d->text, d->text_len, &sp, &ns);
        sent_first[i] = all_sent.len;
        size_t taken = 0;
        tmp.len = 0;
        for (size_t k = 0; k < ns; k++) {
            const char *t = d->text + sp[k].start;
            size_t len = sp[k].end - sp[k].start;
            termset ts = terms_of(x, mm, st, t, len);
            nf_vec_push(&all_sent, ts);
            for (size_t q = 0; q < ts.n; q++)
                nf_vec_push(&tmp, ts.t[q]);
            if (strcmp(d->lang, lang) != 0 || taken >= 8 || ts.n == 0 || len > 420 ||
                memchr(t, '\n', len) || !quotes_balanced(t, len))
                continue;
            cand c = {i, taken++, t, len, ts, 0, false};
            if (ts.n < 8) { /* short: a candidate only when the story has nothing longer */
                if (loose.len < 8)
                    nf_vec_push(&loose, c);
                taken--;
                continue;
            }
            nf_vec_push(&cs, c);
        }
        if (tmp.len)
            qsort(tmp.items, tmp.len, sizeof(uint64_t), u64cmp);
        size_t o = 0;
        for (size_t q = 0; q < tmp.len; q++)
            if (!o || tmp.items[o - 1] != tmp.items[q])
                tmp.items[o++] = tmp.items[q];
        doc_ts[i].t = nf_arena_alloc(x, (o + 1) * sizeof(uint64_t));
        if (o)
            memcpy(doc_ts[i].t, tmp.items, o * sizeof(uint64_t));
        doc_ts[i].n = o;
    }
    sent_first[s->n] = all_sent.len;
    if (cs.len == 0) { /* articles of short sentences only: their first short ones */
        for (size_t k = 0; k < loose.len; k++)
            nf_vec_push(&cs, loose.items[k]);
    }
    nf_vec_free(&loose);
    /* document frequencies of the story's terms */
    tmp.len = 0;
    for (size_t i = 0; i < s->n; i++)
        for (size_t q = 0; q < doc_ts[i].n; q++)
            nf_vec_push(&tmp, doc_ts[i].t[q]);
    if (tmp.len)
        qsort(tmp.items, tmp.len, sizeof(uint64_t), u64cmp);
    size_t *df = nf_xmalloc((tmp.len + 1) * sizeof(size_t)), nu = 0;
    for (size_t q = 0; q < tmp.len; q++) {
        if (nu && tmp.items[nu - 1] == tmp.items[q]) {
            df[nu - 1]++;
        } else {
            tmp.items[nu] = tmp.items[q];
            df[nu++] = 1;
        }
    }
    /* score: average share of the other articles containing each term (every term of a
     * candidate is in its own article's set), lead prior */
    for (size_t k = 0; k < cs.len; k++) {
        cand *c = &cs.items[k];
        double sum = 0;
        for (size_t q = 0; q < c->ts.n; q++)
            sum += (double)(df_of(tmp.items, df, nu, c->ts.t[q]) - 1);
        double cover = s->n > 1 ? sum / (double)c->ts.n / (double)(s->n - 1) : 0.5;
        c->score = cover * (1.0 + 0.6 / (1.0 + (double)c->pos)) * (1.0 + 0.02 * (double)c->ts.n);
    }
    free(df);
    nf_vec_free(&tmp);
    /* greedy pick with redundancy cut and outlet spread */
    size_t want = s->n == 1 ? 3 : (s->n < 4 ? 4 : 5);
    NF_VEC(nf__sum_sent) out = {0};
    bool *doc_used = nf_arena_alloc(x, s->n);
    size_t picked[8], n_picked = 0; /* indexes into cs of the sentences taken */
    /* each candidate's redundancy (largest Jaccard with a sentence taken), kept up to date
     * with the last sentence taken rather than recomputed over all of them each round */
    double *reds = nf_arena_alloc(x, (cs.len + 1) * sizeof(double));
    for (size_t k = 0; k < cs.len; k++)
        reds[k] = 0;
    while (out.len < want) {
        double bestsc = 0;
        size_t bi = (size_t)-1;
        for (size_t k = 0; k < cs.len; k++) {
            cand *c = &cs.items[k];
            if (c->used || reds[k] >= 0.3)
                continue;
            if (n_picked) {
                double j = jaccard(&c->ts, &cs.items[picked[n_picked - 1]].ts);
                if (j > reds[k])
                    reds[k] = j;
            }
            double red = reds[k];
            if (red >= 0.3)
                continue;
            double sc = c->score * (1.0 - red) * (doc_used[c->doc] ? 0.8 : 1.0);
            if (sc > bestsc)
                bestsc = sc, bi = k;
        }
        if (bi == (size_t)-1)
            break;
        cand *c = &cs.items[bi];
        c->used = true;
        picked[n_picked++] = bi;
        doc_used[c->doc] = true;
        nf__sum_sent ss;
        ss.text = nf_arena_strndup(a, c->text, c->len);
        ss.arts = nf_arena_alloc(a, s->n * sizeof(size_t));
        ss.n_arts = 0;
        ss.arts[ss.n_arts++] = s->members[c->doc];
        for (size_t i = 0; i < s->n; i++) {
            if (i == c->doc)
                continue;
            for (size_t q = sent_first[i]; q < sent_first[i + 1]; q++) {
                /* the shared terms once, for both tests (jaccard() counts them again) */
                size_t cm = common(&c->ts, &all_sent.items[q]);
                size_t un = c->ts.n + all_sent.items[q].n - cm;
                if ((double)cm >= 0.5 * (double)c->ts.n &&
                    (un ? (double)cm / (double)un : 0) >= 0.3) {
                    ss.arts[ss.n_arts++] = s->members[i];
                    break;
                }
            }
        }
        nf_vec_push(&out, ss);
    }
    v->summary = out.items ? nf_arena_alloc(a, out.len * sizeof(nf__sum_sent)) : NULL;
    if (out.len)
        memcpy(v->summary, out.items, out.len * sizeof(nf__sum_sent));
    v->n_summary = out.len;

    /* headline: the title of the article most like the others (a story of more than 65
     * articles: like 64 of them, evenly spaced), in the main language */
    double bestc = -1;
    size_t step = s->n > 65 ? (s->n + 63) / 64 : 1;
    /* up to 65 members every pair is compared both ways: each Jaccard (symmetric, the same
     * double either way) is computed once; -1 = not yet */
    double *jac = step == 1 ? nf_arena_alloc(x, s->n * s->n * sizeof(double)) : NULL;
    for (size_t q = 0; jac && q < s->n * s->n; q++)
        jac[q] = -1;
    for (size_t i = 0; i < s->n; i++) {
        const nf_doc *d = docs[s->members[i]];
        if (!d->title || strcmp(d->lang, lang) != 0)
            continue;
        double c = 0;
        for (size_t j = 0; j < s->n; j += step) {
            if (j == i)
                continue;
            if (!jac) {
                c += jaccard(&doc_ts[i], &doc_ts[j]);
                continue;
            }
            if (jac[i * s->n + j] < 0)
                jac[i * s->n + j] = jac[j * s->n + i] = jaccard(&doc_ts[i], &doc_ts[j]);
            c += jac[i * s->n + j];
        }
        if (c > bestc)
            bestc = c, v->headline = d->title;
    }
    if (!v->headline) {
        for (size_t i = 0; i < s->n && !v->headline; i++)
            if (docs[s->members[i]]->title)
                v->headline = docs[s->members[i]]->title;
    }
    if (!v->headline)
        v->headline = v->n_summary ? lead_headline(a, v->summary[0].text) : "(untitled story)";

    nf_vec_free(&cs);
    nf_vec_free(&all_sent);
    nf_vec_free(&out);
    nf_arena_free(x);
}

nf__story_view *nf__brief_build(nf_arena *a, nf_doc *const *docs, nf_facts *const *given,
                                size_t n, const nf_clustering *c)
{
    nf_facts *const *facts = given;
    if (!facts) {
        nf_facts **fs = nf_arena_alloc(a, (n + 1) * sizeof(nf_facts *));
        for (size_t i = 0; i < n; i++)
            if (nf_facts_extract(docs[i], NULL, &fs[i]) != NF_OK)
                fs[i] = NULL;
        facts = fs;
    }
    nf__story_view *vs = nf_arena_alloc(a, (c->n + 1) * sizeof *vs);
    nf_terms_memo *mm = nf_terms_memo_new();
    for (size_t k = 0; k < c->n; k++) {
        const nf_story *s = &c->stories[k];
        nf__story_view *v = &vs[k];
        v->id = nf_arena_printf(a, "s%zu", k + 1);
        v->arts = s->members;
        v->n_arts = s->n;
        v->related = s->related;
        v->n_related = s->n_related;
        /* outlets and languages */
        size_t outlets = 0;
        nf_buf langs;
        nf_buf_init(&langs);
        for (size_t i = 0; i < s->n; i++) {
            const nf_doc *d = docs[s->members[i]];
            bool seen = false;
            for (size_t j = 0; j < i && d->source; j++)
                if (docs[s->members[j]]->source && !strcmp(docs[s->members[j]]->source, d->source))
                    seen = true;
            outlets += !seen;
            bool lseen = false;
            for (size_t j = 0; j < i; j++)
                if (!strcmp(docs[s->members[j]]->lang, d->lang))
                    lseen = true;
            if (!lseen) {
                if (langs.len)
                    nf_buf_puts(&langs, ", ");
                nf_buf_puts(&langs, d->lang);
            }
            if (d->published.gran != NF_GRAN_NONE) {
                if (v->first.gran == NF_GRAN_NONE || nf_date_cmp(&d->published, &v->first) < 0)
                    v->first = d->published;
                if (v->last.gran == NF_GRAN_NONE || nf_date_cmp(&d->published, &v->last) > 0)
                    v->last = d->published;
            }
        }
        /* independent outlets: a wire story printed by two outlets counts once */
        if (s->n_independent && s->n_independent < outlets)
            outlets = s->n_independent;
        v->n_outlets = outlets;
        v->langs = nf_arena_strdup(a, langs.data ? langs.data : "");
        nf_buf_free(&langs);
        build_one(a, mm, docs, s, v);
        nf_reconcile_story_memo(a, docs, facts, s, mm, &v->rec);
    }
    nf_terms_memo_free(mm);
    return vs;
}

nf_status nf_brief_write_article(nf_buf *out, const nf_doc *doc, nf_format fmt)
{
    if (fmt == NF_FMT_MD)
        return nf__article_md(out, doc);
    return nf__article_json(out, doc);
}

nf_status nf_brief_write(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         nf_format fmt)
{
    return nf_brief_write_with_facts(out, docs, NULL, n, c, fmt);
}

nf_status nf_brief_write_with_facts(nf_buf *out, nf_doc *const *docs, nf_facts *const *facts,
                                    size_t n, const nf_clustering *c, nf_format fmt)
{
    nf_arena *a = nf_arena_new();
    nf__story_view *views = nf__brief_build(a, docs, facts, n, c);
    nf_status st = fmt == NF_FMT_MD     ? nf__brief_md(out, docs, n, c, views)
                   : fmt == NF_FMT_HTML ? nf__brief_html(out, docs, n, c, views)
                                        : nf__brief_json(out, docs, n, c, views);
    nf_arena_free(a);
    return st;
}

size_t nf__quotes_by_speaker(const nf_reconciled *r, size_t max, size_t *order)
{
    size_t n = 0;
    bool *done = nf_xcalloc(r->n_quotes + 1, 1);
    for (size_t i = 0; i < r->n_quotes && n < max; i++) {
        const nf_rec_quote *q = &r->quotes[i];
        if (done[i] || !q->direct || !q->speaker)
            continue;
        for (size_t j = i; j < r->n_quotes && n < max; j++) {
            const nf_rec_quote *o = &r->quotes[j];
            if (done[j] || !o->direct || !o->speaker || strcmp(o->speaker, q->speaker))
                continue;
            done[j] = true;
            order[n++] = j;
        }
    }
    free(done);
    return n;
}

void nf__event_text(nf_buf *out, const nf_rec_event *e,
                    void (*escn)(nf_buf *out, const char *s, size_t n), const char *open,
                    const char *close)
{
    size_t n = e->text ? strlen(e->text) : 0;
    const nf_rec_mention *m = e->n_mentions ? &e->mentions[0] : NULL;
    if (!m || m->expr_start < m->start || m->expr_end > m->end ||
        m->expr_end <= m->expr_start || m->end - m->start != n) {
        escn(out, e->text, n);
        return;
    }
    size_t xa = m->expr_start - m->start, xb = m->expr_end - m->start;
    escn(out, e->text, xa);
    nf_buf_puts(out, open);
    escn(out, e->text + xa, xb - xa);
    nf_buf_puts(out, close);
    escn(out, e->text + xb, n - xb);
}

void nf__brief_date_str(const nf_date *d, char *buf, size_t cap)
{
    if (d->gran == NF_GRAN_NONE) {
        snprintf(buf, cap, "undated");
        return;
    }
    nf_date copy = *d;
    if (copy.gran == NF_GRAN_TIME)
        copy.gran = NF_GRAN_DAY;
    nf_date_format(&copy, buf, cap);
}

