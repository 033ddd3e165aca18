/* Timeline and date disagreements.
 *
 * Every date expression resolved to a day or a month (times of day count for their day)
 * is an event, told by the sentence it sits in. Events of the same date whose sentences
 * share content words (three stemmed words, or a quarter of them) merge, across articles
 * too, into one entry listing every article; entries are ordered oldest first (a month
 * before the days in it). A weekday that the calendar contradicts ("Wednesday, March 10"
 * when the 10th is a Tuesday) is a "date" disagreement with the article's sentence.
 *
 * Input: the facts' times. Output: nf_reconciled.timeline and date disagreements. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reconcile_int.h"

enum { MAX_EVIDENCE = 12, MAX_DATE_DIS = 20, MAX_COMPARED = 2000 };

typedef struct {
    size_t m;
    const nf_timex *t;
    char date[16];
    const char *sentence;
    nf__terms terms;
    size_t group;
} ev_item;

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* The YYYY-MM-DD or YYYY-MM of a resolved date value; false for anything else. */
static bool event_date(const nf_timex *t, char *out)
{
    const char *v = t->anchor ? t->anchor : t->value; /* "three days after": its date */
    if (!v || (!t->anchor && (t->type == NF_TIMEX_DURATION || t->type == NF_TIMEX_SET)))
        return false;
    if (t->gran != NF_GRAN_DAY && t->gran != NF_GRAN_MONTH && t->gran != NF_GRAN_TIME)
        return false;
    size_t n = strlen(v);
    if (n < 7 || !digits(v, 4) || v[4] != '-' || !digits(v + 5, 2))
        return false;
    if (n >= 10 && v[7] == '-' && digits(v + 8, 2) && (n == 10 || v[10] == 'T')) {
        memcpy(out, v, 10);
        out[10] = 0;
        return true;
    }
    if (n == 7 && t->gran == NF_GRAN_MONTH) {
        memcpy(out, v, 7);
        out[7] = 0;
        return true;
    }
    return false;
}

static bool same_event(const ev_item *x, const ev_item *y)
{
    if (strcmp(x->date, y->date))
        return false;
    if (x->sentence == y->sentence || !strcmp(x->sentence, y->sentence))
        return true;
    size_t c = nf__rec_common(&x->terms, &y->terms);
    size_t u = x->terms.n + y->terms.n - c;
    return c >= 3 || (u && (double)c >= 0.25 * (double)u);
}

typedef struct {
    const char *date;
    size_t n_arts, idx;
} ev_key;

static int ev_order(const void *x, const void *y)
{
    const ev_key *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    if (a->n_arts != b->n_arts)
        return a->n_arts > b->n_arts ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* A weekday the calendar contradicts: one disagreement per expression and note ("Friday,
 * April 14": Friday written, 2026-04-14 is a Tuesday), listing every article that writes
 * it, with the evidence of at most MAX_EVIDENCE of them. wk maps the key to the index in
 * r->dis + 1. */
static void weekday_dis(nf__rec *r, nf_map *wk, size_t m, const nf_timex *t)
{
    size_t art = r->s->members[m];
    const char *note = t->note ? t->note : "the weekday does not match the date";
    char *key = nf_arena_printf(r->a, "%s\x01%s", t->text ? t->text : "", note);
    void *v = nf_map_get(wk, key, strlen(key));
    if (v) {
        nf_rec_disagreement *d = &r->dis.items[(uintptr_t)v - 1];
        size_t before = d->n_arts;
        nf__rec_add_art(d->arts, &d->n_arts, art);
        if (d->n_arts > before && d->n_evidence < MAX_EVIDENCE)
            d->evidence[d->n_evidence++] = (nf_rec_evidence){art, nf__rec_sentence(r, m, t->start)};
        return;
    }
    nf_rec_disagreement d = {NF_DIS_DATE, NULL, NULL, 0, NULL, 0};
    d.arts = nf_arena_alloc(r->a, r->s->n * sizeof(size_t));
    d.arts[d.n_arts++] = art;
    d.evidence = nf_arena_alloc(r->a, MAX_EVIDENCE * sizeof(nf_rec_evidence));
    d.evidence[d.n_evidence++] = (nf_rec_evidence){art, nf__rec_sentence(r, m, t->start)};
    d.description = nf_arena_printf(r->a, "%s writes \xE2\x80\x9C%s\xE2\x80\x9D: %s",
                                    r->docs[art]->id, t->text ? t->text : "", note);
    nf_vec_push(&r->dis, d);
    nf_map_put(wk, key, strlen(key), (void *)(uintptr_t)r->dis.len);
}

/* True when two timeline entries tell the same event (their sentences share most content
 * words: Jaccard >= 0.6 and five words or more) from disjoint articles. */
static bool same_story_event(const ev_item *x, const ev_item *y, const nf_rec_event *ex,
                             const nf_rec_event *ey)
{
    size_t c = nf__rec_common(&x->terms, &y->terms);
    size_t u = x->terms.n + y->terms.n - c;
    if (c < 5 || (double)c < 0.6 * (double)u)
        return false;
    for (size_t i = 0; i < ex->n_arts; i++)
        for (size_t j = 0; j < ey->n_arts; j++)
            if (ex->arts[i] == ey->arts[j])
                return false;
    return true;
}

/* True when an article of the entry names the day itself (nf_rec_mention.explicit_day): a
 * relative day ("on Thursday") in a copy published later resolves to another date without
 * any article contradicting another. */
static bool explicit_day(const nf_rec_event *e)
{
    for (size_t i = 0; i < e->n_mentions; i++)
        if (e->mentions[i].explicit_day)
            return true;
    return false;
}

static void ids_text(nf_buf *b, nf__rec *r, const nf_rec_event *e)
{
    for (size_t i = 0; i < e->n_arts && i < 5; i++)
        nf_buf_printf(b, "%s%s", i ? ", " : "", r->docs[e->arts[i]]->id);
    if (e->n_arts > 5)
        nf_buf_printf(b, " and %zu more", e->n_arts - 5);
}

/* Date disagreements between articles: two entries of different days whose sentences tell
 * the same event (same_story_event), each side naming its day explicitly (explicit_day). At most MAX_DATE_DIS per story; stories with more
 * than MAX_COMPARED entries compare their first MAX_COMPARED only. */
static void date_conflicts(nf__rec *r, const ev_item *items, const size_t *first,
                           const nf_rec_event *ev, size_t ng)
{
    size_t found = 0, lim = ng < MAX_COMPARED ? ng : MAX_COMPARED;
    for (size_t g = 0; g < lim && found < MAX_DATE_DIS; g++)
        for (size_t h = g + 1; h < lim && found < MAX_DATE_DIS; h++) {
            const nf_rec_event *x = &ev[g], *y = &ev[h];
            if (strlen(x->date) != 10 || strlen(y->date) != 10 || !strcmp(x->date, y->date))
                continue;
            if (!same_story_event(&items[first[g]], &items[first[h]], x, y) ||
                !explicit_day(x) || !explicit_day(y))
                continue;
            const nf_rec_event *a = strcmp(x->date, y->date) < 0 ? x : y, *b = a == x ? y : x;
            nf_rec_disagreement d = {NF_DIS_DATE, NULL, NULL, 0, NULL, 0};
            d.arts = nf_arena_alloc(r->a, (a->n_arts + b->n_arts) * sizeof(size_t));
            d.evidence = nf_arena_alloc(r->a, 2 * MAX_EVIDENCE * sizeof(nf_rec_evidence));
            const nf_rec_event *side[2] = {a, b};
            for (int k = 0; k < 2; k++)
                for (size_t i = 0; i < side[k]->n_mentions; i++) {
                    const nf_rec_mention *mn = &side[k]->mentions[i];
                    size_t before = d.n_arts;
                    nf__rec_add_art(d.arts, &d.n_arts, mn->art);
                    if (d.n_arts > before && i < MAX_EVIDENCE)
                        d.evidence[d.n_evidence++] = (nf_rec_evidence){
                            mn->art, nf_arena_strndup(r->a, r->docs[mn->art]->text + mn->start,
                                                      mn->end - mn->start)};
                }
            nf_buf b2;
            nf_buf_init(&b2);
            nf_buf_printf(&b2, "different dates for the same event: %s (", a->date);
            ids_text(&b2, r, a);
            nf_buf_printf(&b2, ") against %s (", b->date);
            ids_text(&b2, r, b);
            nf_buf_putc(&b2, ')');
            d.description = nf_arena_strdup(r->a, b2.data);
            nf_buf_free(&b2);
            nf_vec_push(&r->dis, d);
            found++;
        }
}

void nf__rec_timeline(nf__rec *r, nf_reconciled *out)
{
    const nf_story *s = r->s;
    NF_VEC(ev_item) items = {0};
    nf_map *wk = nf_map_new();
    for (size_t m = 0; m < s->n; m++) {
        const nf_facts *f = r->facts[s->members[m]];
        for (size_t i = 0; f && i < f->n_times; i++) {
            const nf_timex *t = &f->times[i];
            if (t->weekday_mismatch)
                weekday_dis(r, wk, m, t);
            ev_item it;
            memset(&it, 0, sizeof it);
            if (!event_date(t, it.date))
                continue;
            it.m = m;
            it.t = t;
            it.sentence = nf__rec_sentence(r, m, t->start);
            if (!*it.sentence)
                continue;
            it.terms = nf__rec_terms(r, m, it.sentence, strlen(it.sentence), 4, true);
            nf_vec_push(&items, it);
        }
    }
    size_t ng = 0;
    size_t *first = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t));
    for (size_t i = 0; i < items.len; i++) {
        ev_item *it = &items.items[i];
        it->group = SIZE_MAX;
        for (size_t g = 0; g < ng && it->group == SIZE_MAX; g++)
            if (same_event(it, &items.items[first[g]]))
                it->group = g;
        if (it->group == SIZE_MAX) {
            first[ng] = i;
            it->group = ng++;
        }
    }
    nf_rec_event *ev = nf_arena_alloc(r->a, (ng + 1) * sizeof *ev);
    ev_key *keys = nf_arena_alloc(r->a, (ng + 1) * sizeof *keys);
    for (size_t g = 0; g < ng; g++) {
        const ev_item *f0 = &items.items[first[g]];
        memcpy(ev[g].date, f0->date, sizeof ev[g].date);
        ev[g].text = f0->sentence;
        ev[g].arts = nf_arena_alloc(r->a, s->n * sizeof(size_t));
        size_t nm = 0;
        for (size_t i = first[g]; i < items.len; i++)
            nm += items.items[i].group == g;
        ev[g].mentions = nf_arena_alloc(r->a, (nm + 1) * sizeof(nf_rec_mention));
        for (size_t i = first[g]; i < items.len; i++) {
            const ev_item *it = &items.items[i];
            if (it->group != g)
                continue;
            nf__rec_add_art(ev[g].arts, &ev[g].n_arts, s->members[it->m]);
            nf_rec_mention *mn = &ev[g].mentions[ev[g].n_mentions];
            mn->art = s->members[it->m];
            mn->expr_start = it->t->start, mn->expr_end = it->t->end;
            mn->explicit_day = it->t->gran == NF_GRAN_DAY && it->t->text &&
                               strpbrk(it->t->text, "0123456789") != NULL;
            if (nf__rec_sentence_span(r, it->m, it->t->start, &mn->start, &mn->end))
                ev[g].n_mentions++;
        }
        keys[g] = (ev_key){ev[g].date, ev[g].n_arts, g};
    }
    date_conflicts(r, items.items, first, ev, ng);
    nf_map_free(wk);
    qsort(keys, ng, sizeof *keys, ev_order);
    out->timeline = nf_arena_alloc(r->a, (ng + 1) * sizeof(nf_rec_event));
    for (size_t g = 0; g < ng; g++)
        out->timeline[g] = ev[keys[g].idx];
    out->n_timeline = ng;
    nf_vec_free(&items);
}
