/* Claims: quantities from a story's articles that state the same fact, merged.
 *
 * Two quantities state the same fact when their units are equal, their values agree within
 * 1% (both ends of a range; scale words are already normalised by the facts stage) and
 * their subjects are compatible: both named in one language and sharing a stemmed word, or
 * at least one unnamed, or named in different languages. Bare numbers (no unit noun) are
 * skipped. A claim is corroborated when two or more independent outlets carry it (copies
 * count once), single-source otherwise, and disputed when another claim of the same unit
 * and an overlapping subject (or stated in the same sentence with another number) gives a
 * different value from other articles; each dispute is
 * also a "quantity" disagreement with the evidence sentence of every article on each side.
 *
 * Shares ("half", unit "fraction", 0.5) are compared as percent ("50 percent").
 *
 * Input: the facts' quantities. Output: nf_reconciled.claims and quantity disagreements. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reconcile_int.h"

enum { MAX_DISPUTES = 50, MAX_EVIDENCE = 12 }; /* quantity disagreements listed per story */

bool nf_reconcile_same_value(double a, double b)
{
    double m = fmax(fabs(a), fabs(b));
    return fabs(a - b) <= 0.01 * m;
}

typedef struct {
    size_t m;
    const nf_quantity *q;
    const char *lang;
    nf__terms subj; /* n == 0 when the subject is unknown */
    nf__terms own;  /* subject words that are not the unit's ("marine diesel", not "sailors") */
    size_t group;
    nf__terms sent; /* content terms of its sentence, computed on first use */
    bool sent_done;
} qty_item;

static bool skip_quantity(const nf_quantity *q)
{
    if (!q->unit || !*q->unit || !q->text)
        return true;
    return !isfinite(q->value) || !isfinite(q->value_max);
}

/* The same measure: subjects share a word beyond the counted noun, so "two sailors" and
 * "14 sailors" (two groups of sailors) are not one measure, "60,000 litres of marine
 * diesel" and "40,000 litres of marine diesel" are. */
static bool subjects_overlap(const qty_item *x, const qty_item *y)
{
    return x->own.n && y->own.n && !strcmp(x->lang, y->lang) &&
           nf__rec_common(&x->own, &y->own) > 0;
}

/* The same statement with another number: the two sentences share most content words
 * (Jaccard >= 0.6, five words or more), in one language ("buried 40 homes in Veldin on
 * Tuesday" against "buried 60 homes in Veldin on Tuesday"). */
static const nf__terms *sent_terms(nf__rec *r, qty_item *x)
{
    if (!x->sent_done) {
        x->sent_done = true;
        size_t a, b;
        if (nf__rec_sentence_span(r, x->m, x->q->start, &a, &b))
            x->sent = nf__rec_terms(r, x->m, r->docs[r->s->members[x->m]]->text + a, b - a, 3, true);
    }
    return &x->sent;
}

static bool same_frame(nf__rec *r, qty_item *x, qty_item *y)
{
    if (strcmp(x->lang, y->lang))
        return false;
    sent_terms(r, x);
    sent_terms(r, y);
    size_t c = nf__rec_common(&x->sent, &y->sent), u = x->sent.n + y->sent.n - c;
    return c >= 5 && (double)c >= 0.6 * (double)u;
}

/* Subjects that may name one measure: either unknown, in different languages, sharing a
 * stemmed word, or one's subject written in the other's sentence ("320 tons of drugs" and
 * "320 tons of fentanyl and other drugs": subjects "drugs" and "fentanyl"). */
static bool subjects_compatible(nf__rec *r, qty_item *x, qty_item *y)
{
    if (!x->subj.n || !y->subj.n || strcmp(x->lang, y->lang))
        return true;
    return nf__rec_common(&x->subj, &y->subj) > 0 ||
           nf__rec_common(&x->subj, sent_terms(r, y)) > 0 ||
           nf__rec_common(&y->subj, sent_terms(r, x)) > 0;
}

static bool same_fact(nf__rec *r, qty_item *x, qty_item *y)
{
    return !strcmp(x->q->unit, y->q->unit) && nf_reconcile_same_value(x->q->value, y->q->value) &&
           nf_reconcile_same_value(x->q->value_max, y->q->value_max) &&
           subjects_compatible(r, x, y);
}

/* "40,000", "2,500,000", "1.5" */
static void fmt_value(double v, char *buf, size_t cap)
{
    if (fabs(v) < 1e15 && v == floor(v)) {
        char raw[32];
        snprintf(raw, sizeof raw, "%.0f", fabs(v));
        size_t len = strlen(raw), o = 0;
        if (v < 0 && o + 1 < cap)
            buf[o++] = '-';
        for (size_t i = 0; i < len && o + 2 < cap; i++) {
            if (i && (len - i) % 3 == 0)
                buf[o++] = ',';
            buf[o++] = raw[i];
        }
        buf[o] = 0;
    } else {
        snprintf(buf, cap, "%.4g", v);
    }
}

static bool has_art(const nf_rec_claim *c, size_t d)
{
    return bsearch(&d, c->arts, c->n_arts, sizeof(size_t), nf_size_cmp) != NULL;
}

/* True when each claim has an article the other lacks (a dispute is between articles).
 * A claim's arts ascend (story members ascend, items are taken in member order). */
static bool apart(const nf_rec_claim *x, const nf_rec_claim *y)
{
    bool xo = false, yo = false;
    size_t i = 0, j = 0;
    while ((i < x->n_arts || j < y->n_arts) && !(xo && yo)) {
        if (j == y->n_arts || (i < x->n_arts && x->arts[i] < y->arts[j]))
            xo = true, i++;
        else if (i == x->n_arts || y->arts[j] < x->arts[i])
            yo = true, j++;
        else
            i++, j++;
    }
    return xo && yo;
}

/* One side of a dispute: its articles (those of the other side already listed are not
 * repeated) and the evidence of at most MAX_EVIDENCE of them. */
static void add_side(nf_rec_disagreement *d, const nf_rec_claim *c, const nf_rec_claim *other)
{
    for (size_t i = 0; i < c->n_variants; i++) {
        if (!other || !has_art(other, c->variants[i].art))
            d->arts[d->n_arts++] = c->variants[i].art;
        if (i < MAX_EVIDENCE)
            d->evidence[d->n_evidence++] =
                (nf_rec_evidence){c->variants[i].art, c->variants[i].sentence};
    }
}

static void side_text(nf_buf *b, nf__rec *r, const nf_rec_claim *c)
{
    char v[48];
    fmt_value(c->value, v, sizeof v);
    nf_buf_printf(b, "%s %s (", v, c->unit);
    for (size_t i = 0; i < c->n_arts && i < 5; i++)
        nf_buf_printf(b, "%s%s", i ? ", " : "", r->docs[c->arts[i]]->id);
    if (c->n_arts > 5)
        nf_buf_printf(b, " and %zu more", c->n_arts - 5);
    nf_buf_putc(b, ')');
}

void nf__rec_claims(nf__rec *r, nf_reconciled *out)
{
    const nf_story *s = r->s;
    NF_VEC(qty_item) items = {0};
    for (size_t m = 0; m < s->n; m++) {
        const nf_doc *d = r->docs[s->members[m]];
        const nf_facts *f = r->facts[s->members[m]];
        for (size_t i = 0; f && i < f->n_quantities; i++) {
            const nf_quantity *q = &f->quantities[i];
            if (skip_quantity(q))
                continue;
            if (!strcmp(q->unit, "fraction")) { /* "half" states the same as "50 percent" */
                nf_quantity *pq = nf_arena_alloc(r->a, sizeof *pq);
                *pq = *q;
                pq->unit = "percent", pq->value *= 100, pq->value_max *= 100;
                q = pq;
            }
            qty_item it = {m, q, d->lang, {NULL, 0}, {NULL, 0}, 0, {NULL, 0}, false};
            if (q->subject) {
                it.subj = nf__rec_terms(r, m, q->subject, strlen(q->subject), 3, true);
                nf__terms u = nf__rec_terms(r, m, q->unit, strlen(q->unit), 3, true);
                it.own.t = nf_arena_alloc(r->a, (it.subj.n + 1) * sizeof(uint64_t));
                for (size_t k = 0; k < it.subj.n; k++) {
                    nf__terms one = {&it.subj.t[k], 1};
                    if (!nf__rec_common(&one, &u))
                        it.own.t[it.own.n++] = it.subj.t[k];
                }
            }
            nf_vec_push(&items, it);
        }
    }
    /* group: an item joins the first claim all of whose items state the same fact. Claims
     * are looked up by unit (a map from unit to its claims), and a claim's value is checked
     * before its items, so that the work stays near linear in a story of many articles. */
    size_t ng = 0;
    size_t *first = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t));
    size_t *next = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t)); /* next item of its claim */
    size_t *last = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t));
    size_t *unit_next = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t)); /* next claim of the unit */
    nf_map *units = nf_map_new(); /* unit -> first claim + 1 */
    for (size_t i = 0; i < items.len; i++) {
        qty_item *it = &items.items[i];
        it->group = SIZE_MAX;
        next[i] = SIZE_MAX;
        size_t ul = strlen(it->q->unit);
        void *head = nf_map_get(units, it->q->unit, ul);
        size_t g = head ? (uintptr_t)head - 1 : SIZE_MAX, tail = SIZE_MAX;
        for (; g != SIZE_MAX && it->group == SIZE_MAX; tail = g, g = unit_next[g]) {
            const qty_item *f0 = &items.items[first[g]];
            if (!nf_reconcile_same_value(it->q->value, f0->q->value) ||
                !nf_reconcile_same_value(it->q->value_max, f0->q->value_max))
                continue;
            bool ok = true;
            for (size_t j = first[g]; j != SIZE_MAX && ok; j = next[j])
                ok = same_fact(r, it, &items.items[j]);
            if (ok) {
                it->group = g;
                next[last[g]] = i;
                last[g] = i;
            }
        }
        if (it->group == SIZE_MAX) {
            first[ng] = last[ng] = i;
            unit_next[ng] = SIZE_MAX;
            if (tail != SIZE_MAX)
                unit_next[tail] = ng;
            else if (!head)
                nf_map_put(units, it->q->unit, ul, (void *)(uintptr_t)(ng + 1));
            it->group = ng++;
        }
    }
    nf_map_free(units);
    nf_rec_claim *cs = nf_arena_alloc(r->a, (ng + 1) * sizeof *cs);
    for (size_t g = 0; g < ng; g++) {
        nf_rec_claim *c = &cs[g];
        const qty_item *f0 = &items.items[first[g]];
        c->arts = nf_arena_alloc(r->a, s->n * sizeof(size_t));
        c->variants = nf_arena_alloc(r->a, s->n * sizeof(nf_rec_variant));
        c->value = f0->q->value;
        c->unit = f0->q->unit;
        c->qualifier = f0->q->qualifier;
        c->text = nf__rec_sentence(r, f0->m, f0->q->start);
        bool subj_main = false, who_main = false; /* taken from the story's main language */
        for (size_t i = first[g]; i != SIZE_MAX; i = next[i]) {
            const qty_item *it = &items.items[i];
            size_t art = s->members[it->m];
            bool main_lang = r->lang && strcmp(r->docs[art]->lang, r->lang) == 0;
            if (it->q->subject && (!c->subject || (main_lang && !subj_main)))
                c->subject = it->q->subject, subj_main = main_lang;
            if (it->q->attributed_to && (!c->attributed_to || (main_lang && !who_main)))
                c->attributed_to = it->q->attributed_to, who_main = main_lang;
            size_t before = c->n_arts;
            nf__rec_add_art(c->arts, &c->n_arts, art);
            if (c->n_arts > before)
                c->variants[c->n_variants++] = (nf_rec_variant){
                    art, it->q->text, it->q->qualifier, nf__rec_sentence(r, it->m, it->q->start)};
        }
        c->n_outlets = nf__rec_outlets(r, c->arts, c->n_arts);
        c->status = c->n_outlets >= 2 ? NF_CLAIM_CORROBORATED : NF_CLAIM_SINGLE_SOURCE;
    }
    /* disputes: same unit, overlapping subject, different value, from other articles. Only
     * claims of one unit are compared (unit_next chains them); a story lists at most
     * MAX_DISPUTES of them, in story order (every disputed claim is still marked disputed),
     * each with the evidence of at most MAX_EVIDENCE articles per side. */
    size_t n_disputes = 0;
    for (size_t g = 0; g < ng; g++)
        for (size_t h = unit_next[g]; h != SIZE_MAX; h = unit_next[h]) {
            nf_rec_claim *x = &cs[g], *y = &cs[h];
            if (nf_reconcile_same_value(x->value, y->value) || !apart(x, y))
                continue;
            bool overlap = false;
            for (size_t i = first[g]; i != SIZE_MAX && !overlap; i = next[i])
                for (size_t j = first[h]; j != SIZE_MAX && !overlap; j = next[j])
                    overlap = subjects_overlap(&items.items[i], &items.items[j]);
            /* or the same sentence with another number (the first few of each claim) */
            size_t ci = 0;
            for (size_t i = first[g]; i != SIZE_MAX && !overlap && ci < 3; i = next[i], ci++) {
                size_t cj = 0;
                for (size_t j = first[h]; j != SIZE_MAX && !overlap && cj < 3; j = next[j], cj++)
                    overlap = same_frame(r, &items.items[i], &items.items[j]);
            }
            if (!overlap)
                continue;
            x->status = y->status = NF_CLAIM_DISPUTED;
            if (n_disputes >= MAX_DISPUTES)
                continue;
            n_disputes++;
            nf_rec_disagreement d = {NF_DIS_QUANTITY, NULL, NULL, 0, NULL, 0};
            d.arts = nf_arena_alloc(r->a, (x->n_arts + y->n_arts) * sizeof(size_t));
            d.evidence = nf_arena_alloc(r->a, (x->n_variants + y->n_variants) * sizeof(nf_rec_evidence));
            add_side(&d, x, NULL);
            add_side(&d, y, x);
            nf_buf b;
            nf_buf_init(&b);
            const char *subj = x->subject ? x->subject : y->subject;
            nf_buf_printf(&b, "%s%s: ", subj ? "different values for " : "different values",
                          subj ? subj : "");
            side_text(&b, r, x);
            nf_buf_puts(&b, " against ");
            side_text(&b, r, y);
            d.description = nf_arena_strdup(r->a, b.data);
            nf_buf_free(&b);
            nf_vec_push(&r->dis, d);
        }
    out->claims = nf_arena_alloc(r->a, (ng + 1) * sizeof(nf_rec_claim));
    nf__rec_rank(r->a, cs, sizeof *cs, ng, offsetof(nf_rec_claim, n_arts), out->claims);
    out->n_claims = ng;
    nf_vec_free(&items);
}
