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
#include <stdlib.h>
#include <string.h>

#include "reconcile_int.h"

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

void nf__rec_timeline(nf__rec *r, nf_reconciled *out)
{
    const nf_story *s = r->s;
    NF_VEC(ev_item) items = {0};
    for (size_t m = 0; m < s->n; m++) {
        const nf_facts *f = r->facts[s->members[m]];
        for (size_t i = 0; f && i < f->n_times; i++) {
            const nf_timex *t = &f->times[i];
            if (t->weekday_mismatch) {
                nf_rec_disagreement d = {NF_DIS_DATE, NULL, NULL, 0, NULL, 0};
                size_t art = s->members[m];
                d.arts = nf_arena_alloc(r->a, sizeof(size_t));
                d.arts[d.n_arts++] = art;
                d.evidence = nf_arena_alloc(r->a, sizeof(nf_rec_evidence));
                d.evidence[d.n_evidence++] =
                    (nf_rec_evidence){art, nf__rec_sentence(r, m, t->start)};
                d.description = nf_arena_printf(
                    r->a, "%s writes \xE2\x80\x9C%s\xE2\x80\x9D: %s", r->docs[art]->id,
                    t->text ? t->text : "", t->note ? t->note : "the weekday does not match the date");
                nf_vec_push(&r->dis, d);
            }
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
        for (size_t i = first[g]; i < items.len; i++)
            if (items.items[i].group == g)
                nf__rec_add_art(ev[g].arts, &ev[g].n_arts, s->members[items.items[i].m]);
        keys[g] = (ev_key){ev[g].date, ev[g].n_arts, g};
    }
    qsort(keys, ng, sizeof *keys, ev_order);
    out->timeline = nf_arena_alloc(r->a, (ng + 1) * sizeof(nf_rec_event));
    for (size_t g = 0; g < ng; g++)
        out->timeline[g] = ev[keys[g].idx];
    out->n_timeline = ng;
    nf_vec_free(&items);
}
