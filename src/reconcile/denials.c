/* Fact disagreements (best effort): one outlet says something happened that another denies.
 *
 * A denial is a sentence with a denial cue (the lexicon CUES below: "denied", "did not",
 * "no evidence", "false", "rejected claims", Spanish "negó", "desmintió", ...). It is
 * matched with the assertive sentences (no cue) of the story's other articles that tell the
 * same thing: they name a story entity in common, share most of what they say (four
 * stemmed words or more, at least half of the shorter sentence's, names and reporting
 * words left out), and the assertion has the word the cue negates ("did not *receive*")
 * and no negation of its own ("not", "never"). Articles that carry the
 * denial themselves are on the denial side, never on the assertive side, so an article
 * that reports both the claim and its denial disagrees with nobody. When both sides hold
 * articles of different outlets, the pair is a "fact" disagreement with the evidence
 * sentence of each side.
 *
 * Bounded work: at most MAX_DENIALS denial sentences per story are compared (with every
 * sentence of the other articles), and at most MAX_FACT_DIS disagreements are listed.
 *
 * Input: the story's sentences, entities and their mentions. Output: r->dis. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reconcile_int.h"

enum { MAX_DENIALS = 200, MAX_FACT_DIS = 10, MAX_EVIDENCE = 6 };

/* Denial cues, matched on case-folded text at word boundaries. English and Spanish. */
static const char *const CUES[] = {
    "denied", "denies", "deny", "denying", "did not", "didn't", "does not", "doesn't",
    "has not", "hasn't", "have not", "had not", "was not", "wasn't", "were not", "never",
    "no evidence", "is false", "was false", "are false", "were false", "as false", "untrue",
    "not true", "rejected claims", "rejected reports",
    "rejected allegations", "dismissed claims", "dismissed reports", "refuted", "refutes",
    "negó", "niega", "negaron", "desmintió", "desmiente", "no hay pruebas", "es falso", "es falsa",
    "no es cierto", "rechazó las acusaciones",
};

static bool word_char(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* The offset just past the first cue of text t (length n) as whole words, ASCII letters in
 * any case; 0 when none. Only word starts are tried, each against the cues of its first
 * letter. */
static size_t find_cue(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = lower((unsigned char)t[i]);
        if ((i && word_char(lower((unsigned char)t[i - 1]))) || !word_char(c))
            continue;
        for (size_t k = 0; k < sizeof CUES / sizeof CUES[0]; k++) {
            if ((unsigned char)CUES[k][0] != c)
                continue;
            size_t cl = strlen(CUES[k]);
            if (cl > n - i || strncasecmp(t + i, CUES[k], cl))
                continue;
            if (i + cl == n || !word_char(lower((unsigned char)t[i + cl])))
                return i + cl;
        }
    }
    return 0;
}

/* A bare negation word ("not", "no", "never", "n't"): such a sentence is not an assertion. */
static bool has_negation(const char *t, size_t n)
{
    static const char *const NEG[] = {"not", "no", "never", "nor", "nunca", "tampoco"};
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !strncmp(t + i, "n't", 3))
            return true;
        if (i + 5 <= n && !strncmp(t + i, "n\xE2\x80\x99t", 5)) /* n’t */
            return true;
        unsigned char c = lower((unsigned char)t[i]);
        if ((i && word_char(lower((unsigned char)t[i - 1]))) || (c != 'n' && c != 't'))
            continue;
        for (size_t k = 0; k < sizeof NEG / sizeof NEG[0]; k++) {
            size_t cl = strlen(NEG[k]);
            if (cl <= n - i && !strncasecmp(t + i, NEG[k], cl) &&
                (i + cl == n || !word_char(lower((unsigned char)t[i + cl]))))
                return true;
        }
    }
    return false;
}

/* The word the cue negates: the first word after it of four letters or more that is not a
 * function word ("did not *receive*", "denied that the ship *sank*"); len 0 when none. */
static const char *negated_word(const char *t, size_t n, size_t from, size_t *len)
{
    static const char *const SKIP[] = {"that", "this", "there", "these", "those", "have", "been",
                                       "with", "from", "they", "their", "were", "would", "could",
                                       "will", "into", "about", "what", "which", "when"};
    size_t i = from;
    while (i < n) {
        while (i < n && !word_char(lower((unsigned char)t[i])))
            i++;
        size_t j = i;
        while (j < n && word_char(lower((unsigned char)t[j])))
            j++;
        bool skip = j - i < 4;
        for (size_t k = 0; k < sizeof SKIP / sizeof SKIP[0] && !skip; k++)
            skip = strlen(SKIP[k]) == j - i && !strncasecmp(t + i, SKIP[k], j - i);
        if (!skip && j > i) {
            *len = j - i;
            return t + i;
        }
        i = j;
    }
    *len = 0;
    return NULL;
}

typedef struct {
    size_t m, start, end; /* member and sentence span */
    bool denial;
    int negated;          /* a bare negation word (neither denial nor assertion): -1 unknown */
    nf__terms pred;       /* a denial: the term of the word it negates */
    nf__terms terms;      /* computed on first use (terms.t == NULL before) */
    size_t *ents;         /* story entities named in it, computed on first use */
    size_t n_ents;
    bool ents_done;
} sent_item;

/* Reporting words: they tell who says it, not what happened. */
static const char REPORTING[] = "said says told according reported reports added stated "
                                "announced dijo afirmó aseguró según informó";

/* The content terms of a sentence without its names (entity mentions blanked) and without
 * reporting words: what the sentence says happened. */
static const nf__terms *terms_of(nf__rec *r, sent_item *x)
{
    if (x->terms.t)
        return &x->terms;
    const nf_doc *d = r->docs[r->s->members[x->m]];
    size_t len = x->end - x->start;
    char *t = nf_arena_strndup(r->a, d->text + x->start, len);
    const nf_facts *f = r->facts[r->s->members[x->m]];
    for (size_t e = 0; f && e < f->n_entities; e++)
        for (size_t k = 0; k < f->entities[e].n_mentions; k++) {
            size_t a = f->entities[e].mentions[k].start, b = f->entities[e].mentions[k].end;
            if (a >= x->start && b <= x->end)
                memset(t + (a - x->start), ' ', b - a);
        }
    nf__terms all = nf__rec_terms(r, x->m, t, len, 4, true);
    nf__terms rep = nf__rec_terms(r, x->m, REPORTING, sizeof REPORTING - 1, 4, true);
    x->terms.t = nf_arena_alloc(r->a, (all.n + 1) * sizeof(uint64_t));
    for (size_t i = 0; i < all.n; i++) {
        nf__terms one = {&all.t[i], 1};
        if (!nf__rec_common(&one, &rep))
            x->terms.t[x->terms.n++] = all.t[i];
    }
    return &x->terms;
}

static void ents_of(nf__rec *r, sent_item *x)
{
    if (x->ents_done)
        return;
    x->ents_done = true;
    const nf_facts *f = r->facts[r->s->members[x->m]];
    if (!f)
        return;
    x->ents = nf_arena_alloc(r->a, (f->n_entities + 1) * sizeof(size_t));
    for (size_t e = 0; e < f->n_entities; e++)
        for (size_t k = 0; k < f->entities[e].n_mentions; k++) {
            size_t s = f->entities[e].mentions[k].start;
            if (s >= x->start && s < x->end) {
                x->ents[x->n_ents++] = r->ent_group[x->m][e];
                break;
            }
        }
}

static bool share_entity(nf__rec *r, sent_item *x, sent_item *y)
{
    ents_of(r, x);
    ents_of(r, y);
    for (size_t i = 0; i < x->n_ents; i++)
        for (size_t j = 0; j < y->n_ents; j++)
            if (x->ents[i] == y->ents[j])
                return true;
    return false;
}

static bool same_content(nf__rec *r, sent_item *x, sent_item *y)
{
    const nf__terms *a = terms_of(r, x), *b = terms_of(r, y);
    size_t c = nf__rec_common(a, b), mn = a->n < b->n ? a->n : b->n;
    return c >= 4 && (double)c >= 0.5 * (double)mn;
}

static void side_ids(nf_buf *b, nf__rec *r, const size_t *arts, size_t n)
{
    for (size_t i = 0; i < n && i < 4; i++)
        nf_buf_printf(b, "%s%s", i ? ", " : "", r->docs[arts[i]]->id);
    if (n > 4)
        nf_buf_printf(b, " and %zu more", n - 4);
}

void nf__rec_denials(nf__rec *r)
{
    const nf_story *s = r->s;
    if (s->n < 2)
        return;
    NF_VEC(sent_item) items = {0};
    size_t n_den = 0;
    for (size_t m = 0; m < s->n; m++) {
        const nf_doc *d = r->docs[s->members[m]];
        for (size_t k = 0; k < r->n_sents[m]; k++) {
            sent_item x;
            memset(&x, 0, sizeof x);
            x.m = m, x.start = r->sents[m][k].start, x.end = r->sents[m][k].end;
            const char *t = d->text + x.start;
            size_t len = x.end - x.start, cue = n_den < MAX_DENIALS ? find_cue(t, len) : 0;
            if (cue) {
                size_t wl;
                const char *w = negated_word(t, len, cue, &wl);
                if (w) {
                    x.denial = true;
                    x.pred = nf__rec_terms(r, m, w, wl, 4, true);
                }
            }
            x.negated = x.denial ? 1 : -1; /* found on first use */
            n_den += x.denial;
            nf_vec_push(&items, x);
        }
    }
    size_t listed = 0;
    size_t *den = nf_xmalloc((s->n + 1) * sizeof(size_t)), *asr = nf_xmalloc((s->n + 1) * sizeof(size_t));
    size_t *den_i = nf_xmalloc((s->n + 1) * sizeof(size_t)), *asr_i = nf_xmalloc((s->n + 1) * sizeof(size_t));
    bool *on_den = nf_xcalloc(s->n + 1, 1);
    for (size_t i = 0; i < items.len && n_den && listed < MAX_FACT_DIS; i++) {
        sent_item *x = &items.items[i];
        if (!x->denial)
            continue;
        /* the denial side: x's article and every article with a denial of the same content */
        size_t nd = 0, na = 0;
        memset(on_den, 0, s->n + 1);
        for (size_t j = 0; j < items.len; j++) {
            sent_item *y = &items.items[j];
            if (!y->denial || on_den[y->m] || (j != i && !same_content(r, x, y)))
                continue;
            if (j < i && y->m != x->m)
                goto next; /* an earlier denial of the same content was compared already */
            on_den[y->m] = true;
            den[nd] = s->members[y->m], den_i[nd++] = j;
        }
        /* the assertive side: other articles telling the same thing without a cue */
        for (size_t j = 0; j < items.len; j++) {
            sent_item *y = &items.items[j];
            if (y->denial || on_den[y->m] || (na && s->members[y->m] == asr[na - 1]))
                continue;
            if (!same_content(r, x, y) || !nf__rec_common(&x->pred, terms_of(r, y)) ||
                !share_entity(r, x, y))
                continue;
            if (y->negated < 0) {
                const char *t = r->docs[s->members[y->m]]->text + y->start;
                y->negated = has_negation(t, y->end - y->start);
            }
            if (y->negated)
                continue;
            asr[na] = s->members[y->m], asr_i[na++] = j;
        }
        if (!na)
            continue;
        {
            /* an outlet on the assertive side that is not on the denial side (a copy of
             * the denying outlet's article is no dispute) */
            size_t *both = nf_xmalloc((nd + na + 1) * sizeof(size_t));
            memcpy(both, den, nd * sizeof(size_t));
            memcpy(both + nd, asr, na * sizeof(size_t));
            size_t all = nf__rec_outlets(r, both, nd + na);
            free(both);
            if (all <= nf__rec_outlets(r, den, nd))
                continue;
        }
        nf_rec_disagreement dd = {NF_DIS_FACT, NULL, NULL, 0, NULL, 0};
        dd.arts = nf_arena_alloc(r->a, (nd + na) * sizeof(size_t));
        dd.evidence = nf_arena_alloc(r->a, 2 * MAX_EVIDENCE * sizeof(nf_rec_evidence));
        for (size_t k = 0; k < na; k++) {
            nf__rec_add_art(dd.arts, &dd.n_arts, asr[k]);
            if (k < MAX_EVIDENCE) {
                const sent_item *y = &items.items[asr_i[k]];
                dd.evidence[dd.n_evidence++] = (nf_rec_evidence){
                    asr[k], nf_arena_strndup(r->a, r->docs[asr[k]]->text + y->start, y->end - y->start)};
            }
        }
        for (size_t k = 0; k < nd; k++) {
            nf__rec_add_art(dd.arts, &dd.n_arts, den[k]);
            if (k < MAX_EVIDENCE) {
                const sent_item *y = &items.items[den_i[k]];
                dd.evidence[dd.n_evidence++] = (nf_rec_evidence){
                    den[k], nf_arena_strndup(r->a, r->docs[den[k]]->text + y->start, y->end - y->start)};
            }
        }
        nf_buf b;
        nf_buf_init(&b);
        nf_buf_puts(&b, "reported as fact by ");
        side_ids(&b, r, asr, na);
        nf_buf_puts(&b, "; denied or contradicted in ");
        side_ids(&b, r, den, nd);
        dd.description = nf_arena_strdup(r->a, b.data);
        nf_buf_free(&b);
        nf_vec_push(&r->dis, dd);
        listed++;
    next:;
    }
    free(den);
    free(asr);
    free(den_i);
    free(asr_i);
    free(on_den);
    nf_vec_free(&items);
}
