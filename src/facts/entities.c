/* Facts: entities. People, organisations, places and other named things in one article's
 * body, each with its canonical name, type, aliases and every mention.
 *
 * Input: doc->text. Output: f->entities, in the order of their first mention, all in the
 * document's arena. Three passes over the tokens of ner.c's scanner:
 *
 * 1. Statistics. For every capitalised word: how often it is capitalised in the middle of a
 *    sentence, and whether it also occurs in lower case. Paragraphs in title case or in
 *    capitals (headings, headlines) and German text (every noun is capitalised) are marked
 *    "title mode": capitals there say little.
 * 2. Mentions. A run of capitalised words (with particles inside: "Juan Ramón de la Fuente";
 *    "of"/"de" after an organisation or place head: "Bureau of ...", "State of Mexico";
 *    initials; "&") is cut into units: gazetteer names (longest match, data/gazetteer/),
 *    titles (titles.tsv: President, Foreign Minister, Sen., presidenta; also in lower case
 *    before a name: "el canciller Juan ...", "harbour master ..."), and plain words. Titles
 *    are not part of a name: they make it a person and give it a role. A leading country
 *    or demonym before a title is a mention of its own ("U.S. Secretary of State Marco
 *    Rubio": United States, then Marco Rubio with the role "secretary of state"). The rest
 *    is one name when it ends in an organisation, place or other cue ("Security
 *    Implementation Group", "Mexico City Council", "Mérida Initiative") or opens with a head
 *    and "of"; otherwise gazetteer units stand alone and the words between them are names.
 *    A capitalised first word of a sentence (or after an opening quotation mark or a colon)
 *    is a name only with evidence: a gazetteer entry, capitalised in mid-sentence
 *    elsewhere and never in lower case, a given name or a cue word in the run, two or three
 *    words none of which the article writes in lower case, "X said", "X, who ..."; without
 *    it the mention is "weak" and survives only if it joins an entity that has a strong
 *    mention. Title-mode paragraphs (headline-shaped: nearly every longer word capitalised,
 *    not counting sentence openers) give gazetteer names, titled names, names that start
 *    with a given name, known multi-word names of the body, and weak single words. Also found: role phrases ("the president",
 *    "the Mexican foreign minister", "la presidenta"), "the Group"-style references to an
 *    organisation named before, acronyms in parentheses after their expansion and the
 *    reverse ("Security Implementation Group (SIG)", "CBP (Customs and Border
 *    Protection)"), and the parts of "U.S.-Mexico". A possessive 's is never part of a name.
 * 3. Aliases. Mentions merge (union-find) by: the gazetteer group (U.S. = US = United
 *    States = America; State Department = Department of State = U.S. Department of State;
 *    a demonym is a mention of its country: "Mexican" -> Mexico); acronym links and
 *    initials found in the text; people by surname bucket with compatible given names
 *    ("Claudia Sheinbaum" = "President Claudia Sheinbaum"), a lone surname or particle
 *    surname joining the nearest preceding person with it ("Sheinbaum", "De la Fuente"),
 *    else the next one; organisations by a normalised key ("Justice Department" =
 *    "Department of Justice", corporate suffixes and a leading country dropped) and by
 *    their first word ("Airbus" = "Airbus Group"); a role phrase joins the only person who
 *    holds that role in the article (with the same nationality when it names one), and is
 *    left out when two people hold it.
 *
 * Decisions: the canonical name is the fullest form seen (most words, then most bytes),
 * never a demonym or a role phrase; an entity seen only through demonyms is named by its
 * gazetteer country. Demonyms are mentions and aliases of their country, not entities of
 * their own (the MEANTIME guidelines annotate "American" in "American automaker" as a
 * mention of the United States). An entity with no evidence of its type is "other"; a
 * name followed by "said" or ", who", the X of "the X administration", and a multi-word
 * name whose last word the article uses alone are people. Months and weekdays and lone
 * letters are never entities.
 * Linear in the text: every look-up is a hash map (per-document maps keyed by 64-bit
 * hashes, no key copies) or bounded by 8 tokens; at most 16 namesakes are compared for a
 * lone surname, by binary search over their mention offsets. The tokens are scanned once
 * and shared with quotes.c through ner.c's per-thread cache. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner.h"
#include "scan.h"

#define TY_UNKNOWN 4 /* beyond nf_entity_type: no evidence yet */

enum { MK_NAME, MK_DEMONYM, MK_ROLE, MK_HEADREF };

typedef struct {
    uint32_t start, end; /* bytes of the mention in doc->text */
    uint32_t t0, t1;     /* its tokens */
    int32_t gz;          /* gazetteer group, -1 */
    int32_t country;     /* nationality of a titled person or role, country of an org, -1 */
    int32_t link;        /* acronym partner, -1 */
    const char *role;    /* role of a titled name, or of a role phrase */
    uint8_t kind, type, conf;
    char gender; /* from a title: 'f', 'm', 0 */
    bool weak;   /* kept only when it joins an entity with a strong mention */
    bool particle; /* starts with a lower-case particle: "de la Fuente" */
    bool gzweak;   /* the gazetteer entry is also a common name ("Jackson") */
    bool says;     /* followed by "said", or after "according to" */
    bool dead;
} mention;

typedef struct {
    uint32_t n_mid;  /* capitalised in mid-sentence, outside title mode */
    bool seen_lower; /* also written in lower case */
} wstat;

typedef struct {
    uint8_t kind;
    uint32_t t0, t1;
    const nf__gz_name *g;
    const nf__gz_title *ti;
    unsigned lx;
} unit;

/* ---- per-document hash maps -------------------------------------------------------------- */

/* The maps of one document key strings by their 64-bit hash (xxHash3) and copy nothing, so
 * that a document costs a few allocations, not one per key; two different keys with the
 * same 64-bit hash would merge, which is far rarer than any other error here. Values are
 * pointers; NULL means absent. */
typedef struct {
    uint64_t *keys; /* 0 = empty; keys and vals are one block */
    void **vals;
    size_t mask, n;
    bool own; /* the block is its own allocation (after growing), not inside the map's */
} hmap;

static hmap *hm_new(void)
{
    /* the map and its first 64 slots in one allocation */
    hmap *m = nf_xcalloc(1, sizeof *m + 64 * (sizeof(uint64_t) + sizeof(void *)));
    m->mask = 63;
    m->keys = (uint64_t *)(m + 1);
    m->vals = (void **)(m->keys + 64);
    return m;
}

static void hm_free(hmap *m)
{
    if (!m)
        return;
    if (m->own)
        free(m->keys);
    free(m);
}

static inline uint64_t hm_key(const char *k, size_t n)
{
    uint64_t h = nf_hash(k, n);
    return h ? h : 1;
}

static size_t hm_find(const hmap *m, uint64_t h)
{
    size_t i = (size_t)h & m->mask;
    while (m->keys[i] && m->keys[i] != h)
        i = (i + 1) & m->mask;
    return i;
}

static void *hm_get(const hmap *m, const char *k, size_t n)
{
    size_t i = hm_find(m, hm_key(k, n));
    return m->keys[i] ? m->vals[i] : NULL;
}

static void hm_put_h(hmap *m, uint64_t h, void *v);

static void hm_put(hmap *m, const char *k, size_t n, void *v) { hm_put_h(m, hm_key(k, n), v); }

/* hm_put with the key's hash (hm_key) already worked out */
static void hm_put_h(hmap *m, uint64_t h, void *v)
{
    if ((m->n + 1) * 2 > m->mask + 1) {
        size_t cap = (m->mask + 1) * 2;
        uint64_t *ok = m->keys;
        void **ov = m->vals;
        size_t oc = m->mask + 1;
        m->keys = nf_xcalloc(cap, sizeof(uint64_t) + sizeof(void *));
        m->vals = (void **)(m->keys + cap);
        m->mask = cap - 1;
        for (size_t i = 0; i < oc; i++)
            if (ok[i]) {
                size_t j = hm_find(m, ok[i]);
                m->keys[j] = ok[i];
                m->vals[j] = ov[i];
            }
        if (m->own)
            free(ok);
        m->own = true;
    }
    size_t i = hm_find(m, h);
    if (!m->keys[i]) {
        m->keys[i] = h;
        m->n++;
    }
    m->vals[i] = v;
}

enum { U_GAZ, U_TITLE, U_WORD, U_CONN, U_PART };
#define MAXU 24

typedef struct {
    nf_doc *doc;
    const char *s;
    size_t n;
    const nf__ntok *t;
    size_t nt;
    uint16_t *lx;   /* word classes per token (0xFFFF: not computed yet) */
    int32_t *st;    /* capitalised words: index + 1 into ws, 0 when none */
    uint8_t *tmode; /* per token: 1 when its paragraph is in title mode */
    NF_VEC(mention) m;
    hmap *stats;
    NF_VEC(wstat) ws;
    hmap *known; /* folded multi-word names found outside title mode */
    uint64_t *filter; /* capitalised words that may need evidence (nf__filter_*) */
    bool strict;   /* German: capitals mark nouns */
} ctx;

/* ---- helpers --------------------------------------------------------------------------- */

static unsigned lex(ctx *c, size_t i)
{
    if (i >= c->nt)
        return 0;
    if (c->lx[i] == 0xFFFF)
        c->lx[i] = (uint16_t)(c->t[i].kind == NF__NW ? nf__ner_lex_tok_memo(c->s, c->n, &c->t[i]) : 0);
    return c->lx[i];
}

/* lex() for a lower-case word where only TITLE0, DET, PARTICLE, CONN, PRON matter. */
static unsigned lex_low(ctx *c, size_t i)
{
    if (c->lx[i] == 0xFFFF && !nf__ner_lex_low_may(c->s, &c->t[i]))
        return 0;
    return lex(c, i);
}

static bool is_word(const ctx *c, size_t i) { return i < c->nt && c->t[i].kind == NF__NW; }
static bool is_upper(const ctx *c, size_t i)
{
    return is_word(c, i) && (c->t[i].flags & NF__T_UPPER);
}
static inline bool tok_is(const ctx *c, size_t i, const char *lit)
{
    if (i >= c->nt || (c->s[c->t[i].start] | 0x20) != lit[0]) /* first byte first */
        return false;
    size_t l = strlen(lit), n = c->t[i].end - c->t[i].start;
    if (l != n)
        return false;
    for (size_t k = 0; k < n; k++)
        if ((c->s[c->t[i].start + k] | 0x20) != lit[k])
            return false;
    return true;
}
static bool punct_is(const ctx *c, size_t i, int32_t cp)
{
    return i < c->nt && c->t[i].kind == NF__NP && c->t[i].cp == cp;
}

/* Per-thread memo of the statistics key (hm_key of the folded word) of a word as written,
 * for the words nf__memo_key keys (at most 13 bytes: they always fold). */
typedef struct {
    uint64_t a, b, h;
} stat_memo;
enum { STAT_MEMO_BITS = 12 };
static _Thread_local stat_memo stat_memo_tab[1u << STAT_MEMO_BITS];

static wstat *stat_of(ctx *c, size_t i, bool create)
{
    if (c->st[i] > 0)
        return &c->ws.items[c->st[i] - 1];
    if (c->st[i] < 0 && !create)
        return NULL;
    char f[96];
    size_t n = 0; /* 0: not folded (the key came from the memo) */
    uint64_t h, ma, mb;
    bool keyed = nf__memo_key(c->s, c->n, &c->t[i], &ma, &mb);
    stat_memo *e = keyed ? &stat_memo_tab[((ma ^ (mb * 0x9E3779B97F4A7C15ull)) *
                                           0xD6E8FEB86659FD93ull) >>
                                          (64 - STAT_MEMO_BITS)]
                         : NULL;
    if (e && e->a == ma && e->b == mb) {
        h = e->h;
    } else {
        n = nf__ner_fold(c->s + c->t[i].start, c->t[i].end - c->t[i].start, f, sizeof f);
        if (!n)
            return NULL;
        h = hm_key(f, n);
        if (e)
            e->a = ma, e->b = mb, e->h = h;
    }
    size_t slot = hm_find(c->stats, h);
    uintptr_t k = c->stats->keys[slot] ? (uintptr_t)c->stats->vals[slot] : 0;
    unsigned lx = 0xFFFF; /* not looked up yet */
    if (!k) {
        if (!create) {
            c->st[i] = -1;
            return NULL;
        }
        nf_vec_push(&c->ws, ((wstat){0, false}));
        k = c->ws.len;
        hm_put_h(c->stats, h, (void *)k);
        if (!n)
            n = nf__ner_fold(c->s + c->t[i].start, c->t[i].end - c->t[i].start, f, sizeof f);
        /* the lower-case pass looks up only words that may need evidence: function words,
         * months and weekdays never do */
        lx = nf__ner_lex(f, n);
        if (!(lx & (NF__L_STOP | NF__L_TIME)))
            nf__filter_add(c->filter, f, n);
    }
    c->st[i] = (int32_t)k;
    /* the word classes from the same folded form; a short word's through the memo of
     * nf__ner_lex_tok (which folds it the same way: it fits both buffers) */
    if (c->lx[i] == 0xFFFF) {
        if (lx == 0xFFFF)
            lx = keyed ? nf__ner_lex_tok_memo(c->s, c->n, &c->t[i]) : nf__ner_lex(f, n);
        c->lx[i] = (uint16_t)lx;
    }
    return &c->ws.items[k - 1];
}

/* The verbs that make the name before them a speaker (and so a person or organisation). */
static bool says_verb(ctx *c, size_t i)
{
    static const char *const v[] = {"said", "says", "told", "added", "stated", "explained",
                                    "insisted", "argued", "wrote", "warned", "noted", "asked",
                                    "dijo", "afirmó", "aseguró", "sagte"};
    if (!is_word(c, i) || (c->t[i].flags & NF__T_UPPER))
        return false;
    for (size_t k = 0; k < sizeof v / sizeof *v; k++)
        if (tok_is(c, i, v[k]))
            return true;
    return false;
}

static size_t ntoks_words(const ctx *c, uint32_t t0, uint32_t t1)
{
    size_t w = 0;
    for (uint32_t k = t0; k < t1; k++)
        w += c->t[k].kind == NF__NW;
    return w;
}

static mention *add(ctx *c, uint32_t t0, uint32_t t1, uint8_t kind)
{
    mention m;
    memset(&m, 0, sizeof m);
    m.t0 = t0;
    m.t1 = t1;
    m.start = c->t[t0].start;
    m.end = c->t[t1 - 1].end;
    m.gz = m.country = m.link = -1;
    m.kind = kind;
    m.type = TY_UNKNOWN;
    nf_vec_push(&c->m, m);
    mention *p = &c->m.items[c->m.len - 1];
    p->says = says_verb(c, t1) || (t0 >= 2 && tok_is(c, t0 - 1, "to") && tok_is(c, t0 - 2, "according")) ||
              (punct_is(c, t1, ',') && (tok_is(c, t1 + 1, "who") || tok_is(c, t1 + 1, "whose"))) ||
              /* "the Biden administration", "the Maduro government" */
              (t1 - t0 == 1 && t0 > 0 && tok_is(c, t0 - 1, "the") &&
               (tok_is(c, t1, "administration") || tok_is(c, t1, "presidency") || tok_is(c, t1, "regime") ||
                tok_is(c, t1, "government") || tok_is(c, t1, "campaign") || tok_is(c, t1, "era"))) ||
              (t0 >= 1 && (tok_is(c, t0 - 1, "según") || tok_is(c, t0 - 1, "selon") || tok_is(c, t0 - 1, "laut")));
    return p;
}

static bool countryish(const nf__gz_name *g)
{
    return g && ((g->flags & NF__GZ_DEMONYM) || nf__gz_groups[g->group].kind == NF__GZK_COUNTRY);
}

static mention *add_gaz(ctx *c, const unit *u, bool weak)
{
    const nf__gz_name *g = u->g;
    mention *m = add(c, u->t0, u->t1, (g->flags & NF__GZ_DEMONYM) ? MK_DEMONYM : MK_NAME);
    m->gz = g->group;
    m->type = nf__gz_groups[g->group].type;
    m->conf = 3;
    m->gzweak = (g->flags & NF__GZ_WEAK) != 0;
    m->weak = weak;
    if (m->type == NF_ENT_ORGANIZATION)
        m->country = nf__gz_groups[g->group].country;
    return m;
}

/* ---- pass 1: statistics and title mode ------------------------------------------------- */

static void pass_stats(ctx *c)
{
    /* the capitalised and the lower-case words, listed while the paragraphs are counted
     * (without branches: the case of the next word is not predictable) */
    uint32_t *ui = nf_xmalloc(2 * (c->nt + 1) * sizeof *ui), *li = ui + c->nt + 1;
    size_t nu = 0, nl = 0;
    size_t p0 = 0;
    while (p0 < c->nt) {
        size_t p1 = p0 + 1;
        while (p1 < c->nt && !(c->t[p1].flags & NF__T_PARA))
            p1++;
        /* headline-shaped: nearly every word of four letters or more capitalised, not
         * counting sentence openers; a paragraph that ends like a sentence needs more */
        size_t words = 0, cap = 0, caps = 0, elig = 0;
        for (size_t i = p0; i < p1; i++) {
            const nf__ntok *tk = &c->t[i];
            unsigned w = tk->kind == NF__NW, fl = tk->flags;
            unsigned up = w & ((fl & NF__T_UPPER) != 0);
            unsigned el = w & (tk->end - tk->start >= 4) & ((fl & (NF__T_SENT | NF__T_OPEN)) == 0);
            words += w;
            caps += w & ((fl & NF__T_CAPS) != 0);
            elig += el;
            cap += el & up;
            ui[nu] = (uint32_t)i;
            nu += up;
            li[nl] = (uint32_t)i;
            nl += w & !up;
        }
        size_t last = p1 - 1;
        while (last > p0 && c->t[last].kind == NF__NP && c->t[last].cp != '.' && c->t[last].cp != '!' &&
               c->t[last].cp != '?')
            last--;
        bool final = c->t[last].kind == NF__NP;
        bool title = c->strict || (words >= 3 && caps * 10 >= words * 7) ||
                     (elig >= (final ? 6u : 3u) && cap * 10 >= elig * 8);
        if (title)
            memset(c->tmode + p0, 1, p1 - p0);
        p0 = p1;
    }
    for (size_t k = 0; k < nu; k++) {
        size_t i = ui[k];
        wstat *w = stat_of(c, i, true);
        if (w && !c->tmode[i] && !(c->t[i].flags & (NF__T_SENT | NF__T_OPEN)))
            w->n_mid++;
    }
    if (c->ws.len) {
        const uint64_t *filter = c->filter;
        for (size_t k = 0; k < nl; k++) {
            size_t i = li[k];
            if (!nf__filter_may(filter, c->s + c->t[i].start, c->t[i].end - c->t[i].start))
                continue;
            wstat *w = stat_of(c, i, false);
            if (w)
                w->seen_lower = true;
        }
    }
    free(ui);
}

/* ---- pass 2: mentions ------------------------------------------------------------------ */

static bool given_name(const ctx *c, size_t i)
{
    return is_word(c, i) && nf__gz_given(c->s + c->t[i].start, c->t[i].end - c->t[i].start) != 0;
}

static bool single_initial(const ctx *c, size_t i)
{
    return is_word(c, i) && c->t[i].end - c->t[i].start == 1 && (c->t[i].flags & NF__T_UPPER);
}

/* Builds the units of the run that starts at token i; returns their count, *end the token
 * after the run. */
static size_t build_units(ctx *c, size_t i, unit *u, size_t *end)
{
    size_t nu = 0, j = i;
    bool head_of = false; /* an org head followed by "of" opened the run */
    while (j < c->nt && nu < MAXU) {
        const nf__ntok *tk = &c->t[j];
        if (j > i && (tk->flags & (NF__T_LINE | NF__T_PARA)))
            break;
        if (nu && (c->t[u[nu - 1].t1 - 1].flags & NF__T_POSS))
            break;
        if (tk->kind == NF__NP) {
            if (tk->cp == '.' && nu && u[nu - 1].kind == U_WORD && u[nu - 1].t1 == j &&
                single_initial(c, j - 1) && !(tk->flags & NF__T_SPACE) && is_upper(c, j + 1)) {
                u[nu - 1].t1 = (uint32_t)(j + 1);
                j++;
                continue;
            }
            if (tk->cp == '.' && nu && u[nu - 1].kind == U_WORD && u[nu - 1].t1 == j &&
                !(tk->flags & NF__T_SPACE) && (u[nu - 1].lx & NF__L_CORP)) {
                u[nu - 1].t1 = (uint32_t)(j + 1); /* "Inc.", "Corp.", "Co." */
                j++;
                break;
            }
            if (tk->cp == '&' && nu && is_upper(c, j + 1)) {
                u[nu++] = (unit){U_CONN, (uint32_t)j, (uint32_t)j + 1, NULL, NULL, 0};
                j++;
                continue;
            }
            break;
        }
        if (tk->kind != NF__NW)
            break;
        unsigned lx = lex(c, j);
        if (tk->flags & NF__T_UPPER) {
            const nf__gz_name *g = NULL;
            size_t L = nf__gz_longest(c->s, c->t, c->nt, j, &g);
            if (L) {
                u[nu++] = (unit){U_GAZ, (uint32_t)j, (uint32_t)(j + L), g, NULL, 0};
                j += L;
                continue;
            }
            const nf__gz_title *ti = NULL;
            size_t T = (lx & NF__L_TITLE0) ? nf__title_longest(c->s, c->t, c->nt, j, &ti) : 0;
            if (T) {
                /* a title whose last word is lower case ("Foreign minister") still counts */
                u[nu++] = (unit){U_TITLE, (uint32_t)j, (uint32_t)(j + T), NULL, ti, lx};
                j += T;
                continue;
            }
            if ((lx & NF__L_TIME) && !(nu && u[nu - 1].kind == U_WORD && given_name(c, u[nu - 1].t0)))
                break;
            if ((lx & NF__L_STOP) && !(tk->flags & NF__T_CAPS)) {
                if ((lx & NF__L_PARTICLE) && (is_upper(c, j + 1) || (is_word(c, j + 1) && (lex(c, j + 1) & NF__L_PARTICLE) && is_upper(c, j + 2)))) {
                    u[nu++] = (unit){U_PART, (uint32_t)j, (uint32_t)j + 1, NULL, NULL, lx};
                    j++;
                    continue;
                }
                break;
            }
            u[nu++] = (unit){U_WORD, (uint32_t)j, (uint32_t)j + 1, NULL, NULL, lx};
            j++;
            continue;
        }
        /* lower case inside a run */
        if ((lx & NF__L_PARTICLE) &&
            (is_upper(c, j + 1) || (is_word(c, j + 1) && (lex(c, j + 1) & NF__L_PARTICLE) && is_upper(c, j + 2))) &&
            !(nu && u[nu - 1].kind == U_WORD && (u[nu - 1].lx & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD)) &&
              (lx & NF__L_CONN))) {
            u[nu++] = (unit){U_PART, (uint32_t)j, (uint32_t)j + 1, NULL, NULL, lx};
            j++;
            continue;
        }
        if (nu && (lx & NF__L_CONN) && u[nu - 1].kind == U_WORD &&
            (u[nu - 1].lx & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD | NF__L_ORG_CUE | NF__L_PLACE_CUE))) {
            size_t k = j + 1;
            if (tok_is(c, k, "the") || tok_is(c, k, "la") || tok_is(c, k, "el") || tok_is(c, k, "los") || tok_is(c, k, "las"))
                k++;
            if (is_upper(c, k) && !(c->t[k].flags & (NF__T_LINE | NF__T_PARA))) {
                u[nu++] = (unit){U_CONN, (uint32_t)j, (uint32_t)k, NULL, NULL, lx};
                head_of = head_of || (u[0].kind == U_WORD && (u[0].lx & NF__L_ORG_HEAD));
                j = k;
                continue;
            }
        }
        if (nu && head_of && (tok_is(c, j, "and") || tok_is(c, j, "y") || tok_is(c, j, "und") || tok_is(c, j, "et")) &&
            is_upper(c, j + 1)) {
            u[nu++] = (unit){U_CONN, (uint32_t)j, (uint32_t)j + 1, NULL, NULL, lx};
            j++;
            continue;
        }
        break;
    }
    while (nu && (u[nu - 1].kind == U_CONN || u[nu - 1].kind == U_PART))
        nu--;
    *end = nu ? u[nu - 1].t1 : i + 1;
    if (*end <= i)
        *end = i + 1;
    return nu;
}

/* Evidence that a capitalised word in a weak position (sentence start, after an opening
 * quotation mark or a colon) is a name: 2 strong, 1 weak, 0 none. */
static int evidence(ctx *c, const unit *u, size_t nu)
{
    size_t i = u[0].t0;
    unsigned lx = u[0].lx;
    if (lx & (NF__L_STOP | NF__L_TIME))
        return 0;
    wstat *w = stat_of(c, i, false);
    if (w && w->seen_lower)
        return 0;
    if (w && w->n_mid > 0)
        return 2;
    bool next_word = nu > 1 && (u[1].kind == U_WORD || u[1].kind == U_PART);
    if (given_name(c, i) && next_word)
        return 2;
    /* "Varnet said", "Varnet, who ...", "Varnet, a former ...": a name by its syntax */
    size_t after = u[nu - 1].t1;
    if (nu == 1 && !(c->t[i].flags & NF__T_OPEN) &&
        (says_verb(c, after) || (punct_is(c, after, ',') && (tok_is(c, after + 1, "who") || tok_is(c, after + 1, "whose")))))
        return 2;
    if (next_word) {
        wstat *w1 = stat_of(c, u[1].t0, false);
        if (w1 && w1->n_mid > 0 && !w1->seen_lower)
            return 2;
        /* "Tomas Reyvik and ...": two or three plain words, none ever in lower case */
        if (nu <= 3 && !(c->t[i].flags & NF__T_OPEN)) {
            bool plain = true;
            for (size_t k = 1; k < nu && plain; k++) {
                wstat *wk = stat_of(c, u[k].t0, false);
                plain = u[k].kind == U_WORD && !(u[k].lx & (NF__L_STOP | NF__L_TIME | NF__L_TITLE0 | NF__L_ORG_CUE |
                                                           NF__L_PLACE_CUE | NF__L_OTHER_CUE)) &&
                        !(c->t[u[k].t0].flags & NF__T_CAPS) && !(wk && wk->seen_lower);
            }
            if (plain && !(lx & (NF__L_TITLE0 | NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD)))
                return 2;
        }
        const unit *last = &u[nu - 1];
        if (last->kind == U_WORD && (last->lx & (NF__L_ORG_CUE | NF__L_PLACE_CUE | NF__L_OTHER_CUE | NF__L_CORP)) &&
            !(c->t[i].flags & NF__T_OPEN))
            return 2;
        return 1;
    }
    size_t len = c->t[i].end - c->t[i].start;
    const char *s = c->s + c->t[i].start;
    if (len > 4 && (!memcmp(s + len - 3, "ing", 3) || !memcmp(s + len - 2, "ly", 2) || !memcmp(s + len - 2, "ed", 2)))
        return 0;
    return 1;
}

/* Type of a name made of units u[0..nu) (words, particles, connectors). */
static void type_name(ctx *c, mention *m, const unit *u, size_t nu, bool titled)
{
    size_t words = 0;
    bool part = false;
    for (size_t k = 0; k < nu; k++) {
        words += u[k].kind == U_WORD || u[k].kind == U_GAZ;
        part = part || u[k].kind == U_PART;
    }
    unsigned last = u[nu - 1].kind == U_WORD ? u[nu - 1].lx : 0;
    unsigned first = u[0].kind == U_WORD ? u[0].lx : 0;
    bool first_conn = nu > 1 && u[1].kind == U_CONN;
    if (titled) {
        m->type = NF_ENT_PERSON;
        m->conf = 3;
    } else if (words >= 2 && (last & NF__L_CORP)) {
        m->type = NF_ENT_ORGANIZATION;
        m->conf = 3;
    } else if (first_conn && (first & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD))) {
        m->type = (first & NF__L_ORG_HEAD) ? NF_ENT_ORGANIZATION
                  : (first & NF__L_PLACE_HEAD) ? NF_ENT_LOCATION : NF_ENT_OTHER;
        m->conf = 2;
    } else if (words >= 2 && (last & (NF__L_ORG_CUE | NF__L_PLACE_CUE | NF__L_OTHER_CUE))) {
        m->type = (last & NF__L_ORG_CUE) ? NF_ENT_ORGANIZATION
                  : (last & NF__L_PLACE_CUE) ? NF_ENT_LOCATION : NF_ENT_OTHER;
        m->conf = 2;
    } else if (words >= 2 && (first & NF__L_OTHER_HEAD)) {
        m->type = NF_ENT_OTHER;
        m->conf = 2;
    } else if (words >= 2 && u[0].kind == U_WORD && given_name(c, u[0].t0)) {
        m->type = NF_ENT_PERSON;
        m->conf = 2;
        char g = nf__gz_given(c->s + c->t[u[0].t0].start, c->t[u[0].t0].end - c->t[u[0].t0].start);
        if (!m->gender && (g == 'f' || g == 'm'))
            m->gender = g;
    } else if (words >= 2 && part) {
        m->type = NF_ENT_PERSON;
        m->conf = 1;
    } else if (words >= 2 && m->says) {
        m->type = NF_ENT_PERSON;
        m->conf = 1;
    } else if (words == 1 && m->t0 > 0 && (tok_is(c, m->t0 - 1, "in") || tok_is(c, m->t0 - 1, "near") ||
                                            tok_is(c, m->t0 - 1, "en")) &&
               !(c->t[m->t0].flags & NF__T_CAPS)) {
        m->type = NF_ENT_LOCATION;
        m->conf = 0; /* a hint only: "in Tijuana" */
    }
}

static void emit_name(ctx *c, const unit *u, size_t nu, bool titled, const char *role,
                      char gender, int32_t nat, bool weak)
{
    if (!nu)
        return;
    /* a single weak gazetteer word after a title is the person's name */
    if (nu == 1 && u[0].kind == U_GAZ && !(titled && (u[0].g->flags & NF__GZ_WEAK))) {
        add_gaz(c, &u[0], weak);
        return;
    }
    if (nu == 1 && u[0].kind == U_WORD && c->t[u[0].t0].end - c->t[u[0].t0].start == 1)
        return; /* a lone letter: "Plan B", "G" */
    mention *m = add(c, u[0].t0, u[nu - 1].t1, MK_NAME);
    m->weak = weak;
    m->gender = gender;
    m->role = role;
    m->country = nat;
    m->particle = u[0].kind == U_PART && !(c->t[u[0].t0].flags & NF__T_UPPER);
    type_name(c, m, u, nu, titled);
    if (nu == 1 && u[0].kind == U_WORD) {
        unsigned lx = u[0].lx;
        /* "the Group", "the Ministry": a reference to an organisation named before */
        if ((lx & NF__L_ORG_CUE) && m->t0 > 0 && tok_is(c, m->t0 - 1, "the") && !titled) {
            m->kind = MK_HEADREF;
            m->type = NF_ENT_ORGANIZATION;
        }
    }
}

/* Cuts a run into mentions. */
static void segment(ctx *c, unit *u, size_t nu, bool weak_pos, const nf__gz_title *pending, int32_t pending_nat)
{
    size_t k = 0;
    bool weak = false;
    if (!nu)
        return;
    if (weak_pos && u[0].kind == U_WORD) {
        int ev = evidence(c, u, nu);
        if (ev == 0) {
            k = 1;
            weak = true; /* what follows a dropped sentence opener needs evidence too */
        } else if (ev == 1)
            weak = true;
    } else if (weak_pos && u[0].kind == U_PART && (c->t[u[0].t0].flags & NF__T_UPPER)) {
        weak = false; /* "De la Fuente" at a sentence start: resolution decides */
    }
    int32_t nat = pending_nat;
    const char *role = pending && pending->role[0] ? pending->role : NULL;
    char gender = pending && pending->gender != '-' ? pending->gender : 0;
    bool titled = pending != NULL;
    while (k + 1 < nu && u[k].kind == U_GAZ && countryish(u[k].g) && u[k + 1].kind == U_TITLE) {
        add_gaz(c, &u[k], false);
        nat = u[k].g->group;
        k++;
    }
    while (k < nu && u[k].kind == U_TITLE) {
        if (u[k].ti->role[0])
            role = u[k].ti->role;
        if (u[k].ti->gender != '-')
            gender = u[k].ti->gender;
        titled = true;
        k++;
        /* "Foreign Minister of Mexico"? no: titles stop at the name */
    }
    if (k >= nu) {
        if (titled && role && u[0].t0 > 0 && (lex(c, u[0].t0 - 1) & NF__L_DET)) {
            mention *m = add(c, u[0].t0 - 1, u[nu - 1].t1, MK_ROLE);
            m->role = role;
            m->gender = gender;
            m->country = nat;
            m->type = NF_ENT_PERSON;
        }
        return;
    }
    unit *r = u + k;
    size_t nr = nu - k;
    /* the whole rest is one organisation, place or event when a cue says so */
    unsigned last = r[nr - 1].kind == U_WORD ? r[nr - 1].lx : 0;
    unsigned first = r[0].kind == U_WORD ? r[0].lx : 0;
    bool cue = (last & (NF__L_ORG_CUE | NF__L_PLACE_CUE | NF__L_OTHER_CUE | NF__L_CORP)) != 0;
    bool head = nr > 1 && (first & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD)) &&
                (r[1].kind == U_CONN || (first & NF__L_OTHER_HEAD));
    if (nr >= 2 && (cue || head) && !titled) {
        mention *m = add(c, r[0].t0, r[nr - 1].t1, MK_NAME);
        m->weak = weak;
        if (r[0].kind == U_GAZ && countryish(r[0].g))
            m->country = r[0].g->group;
        type_name(c, m, r, nr, false);
        if (m->type == TY_UNKNOWN) {
            m->type = (last & (NF__L_ORG_CUE | NF__L_CORP)) ? NF_ENT_ORGANIZATION
                      : (last & NF__L_PLACE_CUE) ? NF_ENT_LOCATION : NF_ENT_OTHER;
            m->conf = 2;
        }
        return;
    }
    /* a gazetteer word that is also a given name, next to a name: "Sofia Lindqvist" */
    for (size_t q = 0; q < nr; q++)
        if (r[q].kind == U_GAZ && r[q].t1 == r[q].t0 + 1 && (r[q].g->flags & NF__GZ_WEAK) &&
            ((q + 1 < nr && r[q + 1].kind == U_WORD) || (q > 0 && r[q - 1].kind == U_WORD && given_name(c, r[q - 1].t0))))
            r[q].kind = U_WORD;
    size_t s0 = 0;
    for (size_t q = 0; q <= nr; q++) {
        if (q < nr && r[q].kind != U_GAZ && r[q].kind != U_TITLE)
            continue;
        /* words r[s0..q) */
        size_t a = s0, b = q;
        while (a < b && (r[a].kind == U_CONN))
            a++;
        while (b > a && (r[b - 1].kind == U_CONN || r[b - 1].kind == U_PART))
            b--;
        if (b > a) {
            emit_name(c, r + a, b - a, titled, role, gender, nat, weak);
            titled = false;
            role = NULL;
            gender = 0;
        }
        if (q < nr && r[q].kind == U_GAZ) {
            if (titled && (r[q].g->flags & NF__GZ_WEAK) && (q + 1 == nr || r[q + 1].kind != U_WORD)) {
                emit_name(c, r + q, 1, true, role, gender, nat, weak);
                titled = false;
            } else {
                add_gaz(c, &r[q], weak && q == 0);
            }
        } else if (q < nr && r[q].kind == U_TITLE) {
            titled = true;
            role = r[q].ti->role[0] ? r[q].ti->role : NULL;
            gender = r[q].ti->gender != '-' ? r[q].ti->gender : 0;
        }
        s0 = q + 1;
    }
}

/* In a title-mode paragraph: gazetteer names, titled names, names opened by a given name,
 * known multi-word names, and single weak words. */
static void segment_title_mode(ctx *c, unit *u, size_t nu)
{
    size_t k = 0;
    while (k < nu) {
        if (u[k].kind == U_GAZ) {
            add_gaz(c, &u[k], false);
            k++;
            continue;
        }
        if (u[k].kind == U_TITLE) {
            size_t e = k;
            while (e < nu && u[e].kind == U_TITLE)
                e++;
            size_t w = e;
            while (w < nu && w < e + 3 && (u[w].kind == U_WORD || u[w].kind == U_PART))
                w++;
            segment(c, u + k, w - k, false, NULL, -1);
            k = w;
            continue;
        }
        if (u[k].kind != U_WORD && u[k].kind != U_PART) {
            k++;
            continue;
        }
        /* the longest known name starting here */
        size_t best = 0;
        for (size_t e = k + 2; e <= nu && e <= k + 6; e++) {
            char key[256], f[256];
            size_t kl;
            if (!nf__ner_key(c->s, c->t, u[k].t0, u[e - 1].t1, key, sizeof key, &kl))
                break;
            size_t fl = nf__ner_fold(key, kl, f, sizeof f);
            if (fl && hm_get(c->known, f, fl))
                best = e - k;
        }
        if (best) {
            emit_name(c, u + k, best, false, NULL, 0, -1, true);
            k += best;
            continue;
        }
        if (u[k].kind == U_WORD && given_name(c, u[k].t0) && k + 1 < nu && u[k + 1].kind == U_WORD &&
            !(c->tmode[u[k].t0] && !c->strict && (c->t[u[k + 1].t0].flags & NF__T_CAPS))) {
            size_t e = k + 1;
            while (e < nu && e < k + 6 && (u[e].kind == U_PART || (u[e].kind == U_WORD &&
                   !(u[e].lx & (NF__L_STOP | NF__L_TIME)))))
                e++;
            while (e > k + 1 && u[e - 1].kind == U_PART)
                e--;
            emit_name(c, u + k, e - k, false, NULL, 0, -1, false);
            k = e;
            continue;
        }
        if (u[k].kind == U_WORD && !(u[k].lx & (NF__L_STOP | NF__L_TIME)))
            emit_name(c, u + k, 1, false, NULL, 0, -1, true);
        k++;
    }
}

/* "the president", "the Mexican foreign minister", "la presidenta", "the U.S. Secretary of
 * State": a role phrase not followed by a name. Returns the token after it, or i. */
static size_t role_phrase(ctx *c, size_t i)
{
    size_t j = i + 1;
    int32_t nat = -1;
    if (is_upper(c, j)) {
        const nf__gz_name *g = NULL;
        size_t L = nf__gz_longest(c->s, c->t, c->nt, j, &g);
        if (L && countryish(g) && !(c->t[j + L - 1].flags & NF__T_POSS)) {
            nat = g->group;
            j += L;
        }
    }
    if (!is_word(c, j) || !(lex(c, j) & NF__L_TITLE0))
        return i;
    const nf__gz_title *ti = NULL;
    size_t T = nf__title_longest(c->s, c->t, c->nt, j, &ti);
    if (!T || !ti->role[0])
        return i;
    size_t e = j + T;
    /* a name follows: the title belongs to it */
    if (is_upper(c, e) && !(c->t[e].flags & (NF__T_LINE | NF__T_PARA)) && !(lex(c, e) & (NF__L_STOP | NF__L_TIME)))
        return i;
    if (tok_is(c, e, "of") || tok_is(c, e, "de") || tok_is(c, e, "del") || tok_is(c, e, "for"))
        return i;
    mention *m = add(c, (uint32_t)i, (uint32_t)e, MK_ROLE);
    m->role = ti->role;
    m->gender = ti->gender != '-' ? ti->gender : 0;
    m->country = nat;
    m->type = NF_ENT_PERSON;
    if (nat >= 0) {
        /* the nationality is also a mention of its country */
        const nf__gz_name *g = NULL;
        size_t L = nf__gz_longest(c->s, c->t, c->nt, i + 1, &g);
        if (L) {
            unit uu = {U_GAZ, (uint32_t)i + 1, (uint32_t)(i + 1 + L), g, NULL, 0};
            add_gaz(c, &uu, false);
        }
    }
    return e;
}

/* "U.S.-Mexico", "Mexico-based": the gazetteer parts of a hyphenated word. */
/* Writes the decimal digits of v (< 10^20) at out; returns their count. */
static size_t put_dec(char *out, uint64_t v)
{
    char d[24];
    size_t n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t k = 0; k < n; k++)
        out[k] = d[n - 1 - k];
    return n;
}

/* snprintf(out, cap, "%s", role) or "%s|%d" with the country when country >= 0, without
 * the format parser (hot in resolution); the same bytes and result. */
static int role_key(char *out, size_t cap, const char *role, int country)
{
    size_t rl = strlen(role);
    if (rl + 16 > cap)
        return country >= 0 ? snprintf(out, cap, "%s|%d", role, country) : snprintf(out, cap, "%s", role);
    memcpy(out, role, rl);
    if (country >= 0) {
        out[rl++] = '|';
        rl += put_dec(out + rl, (uint64_t)country);
    }
    out[rl] = '\0';
    return (int)rl;
}

/* snprintf(out, cap, "%zu\x1f%s", k, s) for s of sl bytes, without the format parser. */
static int alias_key(char *out, size_t cap, size_t k, const char *s, size_t sl)
{
    char d[24];
    size_t o = put_dec(d, (uint64_t)k);
    if (o + sl + 2 > cap)
        return snprintf(out, cap, "%zu\x1f%s", k, s);
    memcpy(out, d, o);
    out[o++] = '\x1f';
    memcpy(out + o, s, sl);
    o += sl;
    out[o] = '\0';
    return (int)o;
}

static bool hyphen_parts_slow(ctx *c, size_t i);
/* The flag test inline: most words have no hyphen and cost no call. */
static inline bool hyphen_parts(ctx *c, size_t i)
{
    return (c->t[i].flags & NF__T_HYPH) && hyphen_parts_slow(c, i);
}

static bool hyphen_parts_slow(ctx *c, size_t i)
{
    const char *s = c->s + c->t[i].start;
    size_t n = c->t[i].end - c->t[i].start;
    if (!memchr(s, '-', n))
        return false;
    const nf__gz_name *whole = nf__gz_lookup(s, n, NULL);
    if (whole)
        return false;
    size_t found = 0, p = 0;
    mention tmp[8];
    size_t nparts = 0;
    while (p <= n && nparts < 8) {
        const char *h = memchr(s + p, '-', n - p);
        size_t q = h ? (size_t)(h - s) : n;
        const nf__gz_name *g = q > p ? nf__gz_lookup(s + p, q - p, NULL) : NULL;
        if (g && !(g->flags & NF__GZ_WEAK)) {
            memset(&tmp[found], 0, sizeof tmp[found]);
            tmp[found].start = c->t[i].start + (uint32_t)p;
            tmp[found].end = c->t[i].start + (uint32_t)q;
            tmp[found].gz = g->group;
            tmp[found].kind = (g->flags & NF__GZ_DEMONYM) ? MK_DEMONYM : MK_NAME;
            found++;
        }
        nparts++;
        if (!h)
            break;
        p = q + 1;
    }
    if (!found)
        return false;
    for (size_t k = 0; k < found; k++) {
        mention *m = add(c, (uint32_t)i, (uint32_t)i + 1, tmp[k].kind);
        m->start = tmp[k].start;
        m->end = tmp[k].end;
        m->gz = tmp[k].gz;
        m->type = nf__gz_groups[m->gz].type;
        m->conf = 3;
    }
    return true;
}

/* Acronym in parentheses after a mention: "Security Implementation Group (SIG)". */
static size_t paren_acronym(ctx *c, size_t end, size_t mi)
{
    if (!punct_is(c, end, '(') || !is_word(c, end + 1) || !(c->t[end + 1].flags & NF__T_CAPS) ||
        !punct_is(c, end + 2, ')'))
        return end;
    const mention *m = &c->m.items[mi];
    char a = (char)(c->s[c->t[end + 1].start] | 0x20);
    /* the acronym's first letter opens one of the name's first two words */
    bool ok = false;
    size_t seen = 0;
    for (uint32_t k = m->t0; k < m->t1 && seen < 2; k++) {
        if (c->t[k].kind != NF__NW || !(c->t[k].flags & NF__T_UPPER))
            continue;
        seen++;
        if ((char)(c->s[c->t[k].start] | 0x20) == a)
            ok = true;
    }
    if (!ok)
        return end;
    mention *x = add(c, (uint32_t)end + 1, (uint32_t)end + 2, MK_NAME);
    const nf__gz_name *g = nf__gz_lookup(c->s + x->start, x->end - x->start, NULL);
    if (g) {
        x->gz = g->group;
        x->type = nf__gz_groups[g->group].type;
        x->conf = 3;
    }
    x->link = (int32_t)mi;
    c->m.items[mi].link = (int32_t)(c->m.len - 1);
    return end + 3;
}

static void pass_mentions(ctx *c, bool title_pass)
{
    unit u[MAXU];
    const nf__gz_title *pending = NULL;
    int32_t pending_nat = -1;
    for (size_t i = 0; i < c->nt;) {
        if (c->tmode[i] != title_pass) {
            i++;
            continue;
        }
        const nf__ntok *tk = &c->t[i];
        if (tk->kind != NF__NW) {
            pending = NULL;
            i++;
            continue;
        }
        unsigned lx = (tk->flags & NF__T_UPPER) ? lex(c, i) : lex_low(c, i);
        size_t re;
        if (!(tk->flags & NF__T_UPPER)) {
            /* a lower-case title before a name: "el canciller Juan ...", "harbour master ..." */
            if ((lx & NF__L_TITLE0) && !title_pass) {
                const nf__gz_title *ti = NULL;
                size_t T = nf__title_longest(c->s, c->t, c->nt, i, &ti);
                if (T && is_upper(c, i + T) && !(c->t[i + T].flags & (NF__T_LINE | NF__T_PARA)) &&
                    !(lex(c, i + T) & (NF__L_STOP | NF__L_TIME))) {
                    pending = ti;
                    pending_nat = -1;
                    if (i > 0 && c->m.len && c->m.items[c->m.len - 1].t1 == i &&
                        c->m.items[c->m.len - 1].gz >= 0 && c->m.items[c->m.len - 1].kind == MK_DEMONYM)
                        pending_nat = c->m.items[c->m.len - 1].gz;
                    i += T;
                    continue;
                }
            }
            if ((lx & NF__L_DET) && !title_pass) {
                size_t e = role_phrase(c, i);
                if (e > i) {
                    i = e;
                    continue;
                }
            }
            if (hyphen_parts(c, i)) {
                i++;
                continue;
            }
            /* "de la Fuente" in lower case: a particle-led surname */
            if (!((lx & NF__L_PARTICLE) && (is_upper(c, i + 1) || ((lex(c, i + 1) & NF__L_PARTICLE) && is_upper(c, i + 2))) &&
                  !(i > 0 && is_upper(c, i - 1)))) {
                pending = NULL;
                i++;
                continue;
            }
        } else if ((lx & NF__L_DET) && !title_pass && !(tk->flags & NF__T_CAPS) && (re = role_phrase(c, i)) > i) {
            i = re; /* "The president said" */
            continue;
        } else if ((lx & NF__L_TIME) && !given_name(c, i - (i > 0))) {
            pending = NULL;
            i++;
            continue;
        } else if (hyphen_parts(c, i)) {
            i++;
            continue;
        }
        size_t end;
        size_t nu = build_units(c, i, u, &end);
        size_t before = c->m.len;
        if (nu) {
            if (title_pass)
                segment_title_mode(c, u, nu);
            else
                segment(c, u, nu, (c->t[i].flags & (NF__T_SENT | NF__T_OPEN)) != 0, pending, pending_nat);
        }
        pending = NULL;
        /* an acronym in parentheses after the last mention of the run */
        if (c->m.len > before && !title_pass) {
            size_t last = c->m.len - 1;
            if (c->m.items[last].t1 == end && c->m.items[last].kind == MK_NAME)
                end = paren_acronym(c, end, last);
        }
        /* "CBP (Customs and Border Protection)": an expansion after an acronym */
        if (!title_pass && c->m.len > before && before > 0) {
            mention *x = &c->m.items[before];
            mention *a = &c->m.items[before - 1];
            if (x->t0 >= 2 && punct_is(c, x->t0 - 1, '(') && a->t1 == x->t0 - 1 &&
                (c->t[a->t0].flags & NF__T_CAPS) && a->t1 - a->t0 == 1 && a->link < 0 && x->link < 0 &&
                (c->s[a->start] | 0x20) == (c->s[x->start] | 0x20)) {
                a->link = (int32_t)before;
                x->link = (int32_t)(before - 1);
            }
        }
        i = end > i ? end : i + 1;
    }
}

/* ---- pass 3: aliases ------------------------------------------------------------------- */

typedef struct {
    int32_t *p;
} uf;

static int32_t find(uf *u, int32_t x)
{
    while (u->p[x] != x) {
        u->p[x] = u->p[u->p[x]];
        x = u->p[x];
    }
    return x;
}

static void unite(uf *u, int32_t a, int32_t b)
{
    a = find(u, a);
    b = find(u, b);
    if (a == b)
        return;
    if (a < b)
        u->p[b] = a;
    else
        u->p[a] = b;
}

typedef struct {
    uint32_t start, end;
    int32_t idx;
} sorted;

/* The folded text of tokens [a, b) into out; 0 when too long. */
static size_t fold_range(ctx *c, uint32_t a, uint32_t b, char *out, size_t cap)
{
    char key[256];
    size_t kl;
    if (b <= a || !nf__ner_key(c->s, c->t, a, b, key, sizeof key, &kl))
        return 0;
    return nf__ner_fold(key, kl, out, cap);
}

static size_t fold_span(ctx *c, const mention *m, char *out, size_t cap)
{
    if (m->t1 == m->t0 + 1 && (m->start != c->t[m->t0].start || m->end != c->t[m->t0].end))
        return nf__ner_fold(c->s + m->start, m->end - m->start, out, cap);
    return fold_range(c, m->t0, m->t1, out, cap);
}

/* The word tokens of a mention, without a leading lower-case particle run for the given
 * name: surname = from the first particle (after a given name) or the last word. */
static bool person_keys(ctx *c, const mention *m, char *sur, size_t *sl, char *given, size_t *gl)
{
    uint32_t first = m->t0, last = m->t1;
    while (first < last && c->t[first].kind != NF__NW)
        first++;
    while (last > first && c->t[last - 1].kind != NF__NW)
        last--;
    if (first >= last)
        return false;
    uint32_t s = last - 1;
    for (uint32_t k = first; k < last; k++) {
        if (c->t[k].kind == NF__NW && (lex(c, k) & NF__L_PARTICLE) &&
            (k > first || m->particle || !(c->t[k].flags & NF__T_UPPER) || m->t1 - m->t0 >= 2) &&
            k + 1 < last) {
            s = k;
            break;
        }
    }
    *sl = fold_range(c, s, last, sur, 96);
    *gl = 0;
    if (s > first && c->t[first].kind == NF__NW)
        *gl = nf__ner_fold(c->s + c->t[first].start, c->t[first].end - c->t[first].start, given, 64);
    return *sl > 0;
}

static bool given_compatible(const char *a, size_t al, const char *b, size_t bl)
{
    if (!al || !bl)
        return true;
    if (al == bl && !memcmp(a, b, al))
        return true;
    if ((al == 1 || bl == 1) && a[0] == b[0])
        return true;
    return false;
}

typedef struct {
    int32_t rep;     /* a mention of the cluster */
    char given[64];
    size_t gl;
    NF_VEC(uint32_t) starts;
} pcluster;

typedef NF_VEC(pcluster) pclusters;
#define MAX_NAMESAKES 16 /* people sharing a surname that a lone surname is compared with */
typedef NF_VEC(int32_t) ivec;

/* map value: index + 1 into a vector */
static void *iv(size_t i) { return (void *)(uintptr_t)(i + 1); }
static long vi(void *p) { return p ? (long)(uintptr_t)p - 1 : -1; }

static void org_key(ctx *c, const mention *m, char *out, size_t *ol)
{
    uint32_t a = m->t0, b = m->t1;
    /* drop a leading country or demonym and a corporate suffix */
    const nf__gz_name *g = NULL;
    size_t L = nf__gz_longest(c->s, c->t, c->nt, a, &g);
    if (L && L < b - a && countryish(g))
        a += (uint32_t)L;
    while (b > a + 1 && ((lex(c, b - 1) & NF__L_CORP) || c->t[b - 1].kind == NF__NP))
        b--;
    /* "Department of Justice" -> "justice department" */
    if (b - a >= 3 && (lex(c, a) & NF__L_ORG_HEAD) && tok_is(c, a + 1, "of")) {
        uint32_t x = a + 2;
        if (tok_is(c, x, "the"))
            x++;
        char y[128], h[64];
        size_t yl = fold_range(c, x, b, y, sizeof y), hl = fold_range(c, a, a + 1, h, sizeof h);
        if (yl && hl && yl + hl + 2 < 200) {
            memcpy(out, y, yl);
            out[yl] = ' ';
            memcpy(out + yl + 1, h, hl);
            *ol = yl + hl + 1;
            out[*ol] = '\0';
            return;
        }
    }
    *ol = fold_range(c, a, b, out, 200);
}

static size_t initials(ctx *c, const mention *m, char *out, bool with_conn)
{
    size_t o = 0;
    for (uint32_t k = m->t0; k < m->t1 && o < 15; k++) {
        if (c->t[k].kind != NF__NW)
            continue;
        bool up = (c->t[k].flags & NF__T_UPPER) != 0;
        if (!up && !(with_conn && (lex(c, k) & NF__L_CONN) && !(lex(c, k) & NF__L_PARTICLE)))
            continue;
        if (c->t[k].flags & NF__T_DOTS) {
            for (uint32_t q = c->t[k].start; q < c->t[k].end && o < 15; q++)
                if (c->s[q] >= 'A' && c->s[q] <= 'Z')
                    out[o++] = c->s[q];
            continue;
        }
        out[o++] = (char)(up ? c->s[c->t[k].start] & ~0x20 : c->s[c->t[k].start] & ~0x20);
    }
    out[o] = '\0';
    return o;
}

static void resolve(ctx *c, uf *u)
{
    size_t n = c->m.len;
    mention *M = c->m.items;
    hmap *by_gz = hm_new(), *by_full = hm_new(), *by_org = hm_new(),
           *by_sur = hm_new(), *by_init = hm_new(), *by_single = hm_new(),
           *by_first = hm_new(), *by_given = hm_new();
    pclusters pc = {0};
    NF_VEC(ivec) buckets = {0};
    char key[256], sur[96], given[64];
    size_t kl, sl, gl;

    /* strong names: gazetteer groups, acronym links, multi-word names */
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead || m->kind == MK_ROLE || m->kind == MK_HEADREF)
            continue;
        if (m->link >= 0)
            unite(u, (int32_t)i, m->link);
        if (m->gz >= 0 && !m->gzweak) {
            long prev = vi(hm_get(by_gz, (const char *)&m->gz, sizeof m->gz));
            if (prev >= 0)
                unite(u, (int32_t)i, (int32_t)prev);
            else
                hm_put(by_gz, (const char *)&m->gz, sizeof m->gz, iv(i));
            /* first word of a multi-word organisation: "Lockheed" = "Lockheed Martin" */
            if (m->type == NF_ENT_ORGANIZATION && ntoks_words(c, m->t0, m->t1) >= 2 &&
                (c->t[m->t0].flags & NF__T_UPPER) && !(c->t[m->t0].flags & NF__T_DOTS) &&
                !(lex(c, m->t0) & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD | NF__L_STOP))) {
                const nf__gz_name *g0 = nf__gz_lookup(c->s + c->t[m->t0].start, c->t[m->t0].end - c->t[m->t0].start, NULL);
                size_t fl = nf__ner_fold(c->s + c->t[m->t0].start, c->t[m->t0].end - c->t[m->t0].start, key, sizeof key);
                if (fl && !g0) {
                    void *old = hm_get(by_first, key, fl);
                    if (!old)
                        hm_put(by_first, key, fl, iv(i));
                    else if ((uintptr_t)old != (uintptr_t)-1 && find(u, (int32_t)vi(old)) != find(u, (int32_t)i))
                        hm_put(by_first, key, fl, (void *)(uintptr_t)-1);
                }
            }
            continue;
        }
        if (m->gz >= 0)
            continue; /* weak gazetteer words wait for the single-word step */
        size_t words = ntoks_words(c, m->t0, m->t1);
        if (words < 2 && !m->particle && !(m->t1 - m->t0 >= 2 && (lex(c, m->t0) & NF__L_PARTICLE)))
            continue;
        if ((kl = fold_span(c, m, key, sizeof key)) == 0)
            continue;
        long prev = vi(hm_get(by_full, key, kl));
        if (prev >= 0)
            unite(u, (int32_t)i, (int32_t)prev);
        else if (!m->weak)
            hm_put(by_full, key, kl, iv(i));
        if (m->type == NF_ENT_PERSON || m->type == TY_UNKNOWN) {
            if (!person_keys(c, m, sur, &sl, given, &gl))
                continue;
            long b = vi(hm_get(by_sur, sur, sl));
            if (b < 0) {
                if (m->particle || m->weak)
                    continue; /* a lone particle surname, resolved below */
                nf_vec_push(&buckets, ((ivec){0}));
                b = (long)buckets.len - 1;
                hm_put(by_sur, sur, sl, iv((size_t)b));
            }
            ivec *bk = &buckets.items[b];
            long hit = -1;
            for (size_t q = 0; q < bk->len && q < MAX_NAMESAKES; q++) {
                pcluster *p = &pc.items[bk->items[q]];
                if (given_compatible(p->given, p->gl, given, gl)) {
                    hit = bk->items[q];
                    break;
                }
            }
            if (hit < 0 && (m->particle || m->weak) && bk->len)
                hit = bk->items[0];
            if (hit < 0 && bk->len >= MAX_NAMESAKES)
                hit = bk->items[bk->len - 1]; /* a pathological crowd of namesakes */
            if (hit < 0) {
                pcluster p;
                memset(&p, 0, sizeof p);
                p.rep = (int32_t)i;
                memcpy(p.given, given, gl);
                p.gl = gl;
                nf_vec_push(&pc, p);
                hit = (long)pc.len - 1;
                nf_vec_push(bk, (int32_t)hit);
                if (gl)
                    hm_put(by_given, given, gl, hm_get(by_given, given, gl) ? (void *)(uintptr_t)-1 : iv((size_t)hit));
            } else {
                pcluster *p = &pc.items[hit];
                if (!p->gl && gl) {
                    memcpy(p->given, given, gl);
                    p->gl = gl;
                }
                unite(u, (int32_t)i, p->rep);
            }
            nf_vec_push(&pc.items[hit].starts, m->start);
        } else {
            size_t ol;
            org_key(c, m, key, &ol);
            if (ol) {
                long p = vi(hm_get(by_org, key, ol));
                if (p >= 0 && (M[p].country < 0 || m->country < 0 || M[p].country == m->country))
                    unite(u, (int32_t)i, (int32_t)p);
                else if (p < 0)
                    hm_put(by_org, key, ol, iv(i));
            }
            /* first word: "Airbus" = "Airbus Group" */
            if (c->t[m->t0].kind == NF__NW && (c->t[m->t0].flags & NF__T_UPPER) &&
                !(lex(c, m->t0) & (NF__L_ORG_HEAD | NF__L_PLACE_HEAD | NF__L_OTHER_HEAD))) {
                size_t fl = nf__ner_fold(c->s + c->t[m->t0].start, c->t[m->t0].end - c->t[m->t0].start, key, sizeof key);
                if (fl) {
                    void *old = hm_get(by_first, key, fl);
                    if (!old)
                        hm_put(by_first, key, fl, iv(i));
                    else if ((uintptr_t)old != (uintptr_t)-1 && find(u, (int32_t)vi(old)) != find(u, (int32_t)i))
                        hm_put(by_first, key, fl, (void *)(uintptr_t)-1);
                }
            }
        }
    }
    /* initials of multi-word organisations and others */
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead || m->kind != MK_NAME || ntoks_words(c, m->t0, m->t1) < 2 || m->type == NF_ENT_PERSON)
            continue;
        for (int w = 0; w < 2; w++) {
            char in[16];
            size_t il = initials(c, m, in, w == 1);
            if (il >= 2 && !hm_get(by_init, in, il))
                hm_put(by_init, in, il, iv(i));
        }
    }
    /* single words, particle surnames, weak gazetteer words */
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead || m->kind == MK_ROLE || m->kind == MK_HEADREF)
            continue;
        if (m->gz >= 0 && !m->gzweak)
            continue;
        size_t words = ntoks_words(c, m->t0, m->t1);
        bool particle_name = m->particle || (m->t1 - m->t0 >= 2 && (lex(c, m->t0) & NF__L_PARTICLE));
        if (words >= 2 && !particle_name && !m->weak)
            continue;
        if (words >= 2 && !particle_name && m->weak && find(u, (int32_t)i) != (int32_t)i)
            continue;
        long hit = -1;
        if (person_keys(c, m, sur, &sl, given, &gl) || (sl = fold_span(c, m, sur, sizeof sur)) > 0) {
            if (words == 1 || particle_name) {
                sl = fold_span(c, m, sur, sizeof sur);
                if (particle_name) {
                    /* the surname key starts at the particle */
                    uint32_t k = m->t0;
                    sl = fold_range(c, k, m->t1, sur, sizeof sur);
                }
            }
            long b = vi(hm_get(by_sur, sur, sl));
            if (b >= 0) {
                ivec *bk = &buckets.items[b];
                /* the nearest person with that surname before, else after */
                long best = -1, after = -1;
                uint32_t bs = 0, as = UINT32_MAX;
                for (size_t q = 0; q < bk->len && q < MAX_NAMESAKES; q++) {
                    pcluster *p = &pc.items[bk->items[q]];
                    if (words >= 2 && !given_compatible(p->given, p->gl, given, gl))
                        continue;
                    /* starts are ascending: binary search for the last one <= m->start */
                    size_t lo = 0, hi = p->starts.len;
                    while (lo < hi) {
                        size_t mid = (lo + hi) / 2;
                        if (p->starts.items[mid] <= m->start)
                            lo = mid + 1;
                        else
                            hi = mid;
                    }
                    if (lo > 0 && (best < 0 || p->starts.items[lo - 1] >= bs)) {
                        best = bk->items[q];
                        bs = p->starts.items[lo - 1];
                    }
                    if (lo < p->starts.len && p->starts.items[lo] < as) {
                        after = bk->items[q];
                        as = p->starts.items[lo];
                    }
                }
                hit = best >= 0 ? best : after;
                if (hit >= 0) {
                    unite(u, (int32_t)i, pc.items[hit].rep);
                    if (m->gz >= 0) {
                        m->gz = -1;
                        m->type = NF_ENT_PERSON;
                    }
                    continue;
                }
            }
        }
        if (particle_name && !(c->t[m->t0].flags & NF__T_UPPER)) {
            m->dead = true; /* "de la Fuente" with nobody of that name */
            continue;
        }
        if (m->gz >= 0) { /* a weak gazetteer word with no person of that name */
            if (m->type == TY_UNKNOWN || m->conf < 3)
                m->type = nf__gz_groups[m->gz].type;
            long prev = vi(hm_get(by_gz, (const char *)&m->gz, sizeof m->gz));
            if (prev >= 0)
                unite(u, (int32_t)i, (int32_t)prev);
            else
                hm_put(by_gz, (const char *)&m->gz, sizeof m->gz, iv(i));
            continue;
        }
        if (words >= 2)
            continue;
        if ((kl = fold_span(c, m, key, sizeof key)) == 0)
            continue;
        /* an acronym whose expansion is in the text */
        if (c->t[m->t0].flags & NF__T_CAPS) {
            char up[32];
            size_t ul = 0;
            for (uint32_t q = m->start; q < m->end && ul < 31; q++)
                if (c->s[q] != '.')
                    up[ul++] = c->s[q];
            long x = vi(hm_get(by_init, up, ul));
            if (x >= 0) {
                unite(u, (int32_t)i, (int32_t)x);
                continue;
            }
        }
        /* the first word of an organisation */
        long f0 = vi(hm_get(by_first, key, kl));
        if (f0 >= 0 && (uintptr_t)hm_get(by_first, key, kl) != (uintptr_t)-1) {
            unite(u, (int32_t)i, (int32_t)f0);
            continue;
        }
        /* a given name alone, when one person has it */
        void *gv = hm_get(by_given, key, kl);
        if (gv && (uintptr_t)gv != (uintptr_t)-1 && given_name(c, m->t0)) {
            unite(u, (int32_t)i, pc.items[vi(gv)].rep);
            continue;
        }
        long prev = vi(hm_get(by_single, key, kl));
        if (prev >= 0)
            unite(u, (int32_t)i, (int32_t)prev);
        else
            hm_put(by_single, key, kl, iv(i));
    }
    /* "the Group": the latest organisation before it whose last word it is */
    {
        hmap *lastw = hm_new();
        for (size_t i = 0; i < n; i++) {
            mention *m = &M[i];
            if (m->dead)
                continue;
            if (m->kind == MK_HEADREF) {
                size_t fl = nf__ner_fold(c->s + m->start, m->end - m->start, key, sizeof key);
                long p = fl ? vi(hm_get(lastw, key, fl)) : -1;
                if (p >= 0)
                    unite(u, (int32_t)i, (int32_t)p);
                else
                    m->dead = true;
                continue;
            }
            if (m->kind == MK_NAME && m->type == NF_ENT_ORGANIZATION && m->t1 - m->t0 >= 2 &&
                c->t[m->t1 - 1].kind == NF__NW) {
                size_t fl = nf__ner_fold(c->s + c->t[m->t1 - 1].start, c->t[m->t1 - 1].end - c->t[m->t1 - 1].start, key, sizeof key);
                if (fl)
                    hm_put(lastw, key, fl, iv(i));
            }
        }
        hm_free(lastw);
    }
    /* role phrases: the only holder of the role */
    {
        hmap *holders = hm_new(); /* role -> root, or -1 when two people hold it */
        for (size_t i = 0; i < n; i++) {
            mention *m = &M[i];
            if (m->dead || m->kind != MK_NAME || !m->role)
                continue;
            int32_t r = find(u, (int32_t)i);
            for (int pass = 0; pass < 2; pass++) {
                int kn = pass == 0 ? role_key(key, sizeof key, m->role, -1)
                                   : (m->country >= 0 ? role_key(key, sizeof key, m->role, m->country) : -1);
                if (kn <= 0)
                    continue;
                void *old = hm_get(holders, key, (size_t)kn);
                if (!old)
                    hm_put(holders, key, (size_t)kn, iv((size_t)r));
                else if ((uintptr_t)old != (uintptr_t)-1 && find(u, (int32_t)vi(old)) != r)
                    hm_put(holders, key, (size_t)kn, (void *)(uintptr_t)-1);
            }
        }
        for (size_t i = 0; i < n; i++) {
            mention *m = &M[i];
            if (m->dead || m->kind != MK_ROLE)
                continue;
            int kn = role_key(key, sizeof key, m->role, m->country >= 0 ? m->country : -1);
            void *h = hm_get(holders, key, (size_t)kn);
            if (h && (uintptr_t)h != (uintptr_t)-1)
                unite(u, (int32_t)i, (int32_t)vi(h));
            else
                m->dead = true;
        }
        hm_free(holders);
    }
    for (size_t q = 0; q < pc.len; q++)
        nf_vec_free(&pc.items[q].starts);
    nf_vec_free(&pc);
    for (size_t q = 0; q < buckets.len; q++)
        nf_vec_free(&buckets.items[q]);
    nf_vec_free(&buckets);
    hm_free(by_gz);
    hm_free(by_full);
    hm_free(by_org);
    hm_free(by_sur);
    hm_free(by_init);
    hm_free(by_single);
    hm_free(by_first);
    hm_free(by_given);
}

/* ---- output ---------------------------------------------------------------------------- */

/* The mention's text with runs of white space as one space. */
static char *surface(ctx *c, const mention *m)
{
    nf_arena *a = c->doc->arena;
    char *out = nf_arena_alloc(a, m->end - m->start + 1);
    size_t o = 0;
    bool sp = false;
    for (uint32_t i = m->start; i < m->end; i++) {
        char ch = c->s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t') {
            sp = true;
            continue;
        }
        if (sp && o)
            out[o++] = ' ';
        sp = false;
        out[o++] = ch;
    }
    out[o] = '\0';
    if (m->kind == MK_ROLE && o && out[0] >= 'A' && out[0] <= 'Z')
        out[0] = (char)(out[0] | 0x20); /* "The president" -> "the president" */
    return out;
}

typedef struct {
    int32_t root;
    uint32_t first;
    uint32_t n;
} cluster;

static int cmp_cluster(const void *a, const void *b)
{
    const cluster *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

static void build_entities(ctx *c, uf *u, nf_facts *f)
{
    size_t n = c->m.len;
    mention *M = c->m.items;
    nf_arena *a = c->doc->arena;
    /* clusters with at least one strong name mention */
    int32_t *slot = nf_xmalloc((n + 1) * sizeof *slot);
    bool *strong = nf_xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        slot[i] = -1;
        if (!M[i].dead && !M[i].weak && (M[i].kind == MK_NAME || M[i].kind == MK_DEMONYM))
            strong[find(u, (int32_t)i)] = true;
    }
    NF_VEC(cluster) cl = {0};
    for (size_t i = 0; i < n; i++) {
        if (M[i].dead)
            continue;
        int32_t r = find(u, (int32_t)i);
        if (!strong[r])
            continue;
        if (slot[r] < 0) {
            slot[r] = (int32_t)cl.len;
            nf_vec_push(&cl, ((cluster){r, M[i].start, 0}));
        }
        cl.items[slot[r]].n++;
    }
    if (cl.len)
        qsort(cl.items, cl.len, sizeof *cl.items, cmp_cluster);
    for (size_t k = 0; k < cl.len; k++)
        slot[cl.items[k].root] = (int32_t)k;
    size_t ne = cl.len;
    nf_entity *E = nf_arena_alloc(a, (ne + 1) * sizeof *E);
    /* per entity: best name mention, type votes */
    int32_t *best = nf_xmalloc((ne + 1) * sizeof *best);
    int *votes = nf_xcalloc((ne + 1) * 5, sizeof *votes);
    int *gzt = nf_xmalloc((ne + 1) * sizeof *gzt);
    bool *says = nf_xcalloc(ne + 1, 1), *multi = nf_xcalloc(ne + 1, 1);
    bool *surname_use = nf_xcalloc(ne + 1, 1);
    for (size_t k = 0; k < ne; k++) {
        best[k] = -1;
        gzt[k] = -1;
        E[k].mentions = nf_arena_alloc(a, cl.items[k].n * sizeof(nf_range));
        E[k].aliases = nf_arena_alloc(a, (cl.items[k].n + 1) * sizeof(char *));
    }
    size_t *bw = nf_xcalloc(ne + 1, sizeof *bw);
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead)
            continue;
        int32_t r = find(u, (int32_t)i);
        if (!strong[r])
            continue;
        size_t k = (size_t)slot[r];
        nf_entity *e = &E[k];
        e->mentions[e->n_mentions++] = (nf_range){m->start, m->end};
        if (m->gz >= 0 && !m->gzweak && gzt[k] < 0)
            gzt[k] = m->gz;
        if (m->type <= NF_ENT_OTHER)
            votes[k * 5 + m->type] += m->conf + 1;
        says[k] = says[k] || m->says;
        if (m->kind == MK_NAME) {
            size_t w = ntoks_words(c, m->t0, m->t1);
            if (m->t1 == m->t0 + 1 && m->start != c->t[m->t0].start)
                w = 1;
            multi[k] = multi[k] || w >= 2;
            size_t bytes = m->end - m->start;
            if (best[k] < 0 || w > bw[k] ||
                (w == bw[k] && bytes > M[best[k]].end - M[best[k]].start)) {
                best[k] = (int32_t)i;
                bw[k] = w;
            }
        }
    }
    /* a lone word that is the last word of the entity's fullest name: a surname */
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead || m->kind != MK_NAME || ntoks_words(c, m->t0, m->t1) != 1)
            continue;
        int32_t r = find(u, (int32_t)i);
        if (!strong[r])
            continue;
        size_t k = (size_t)slot[r];
        if (best[k] < 0 || (int32_t)i == best[k])
            continue;
        const mention *b = &M[best[k]];
        if (b->gz >= 0 || ntoks_words(c, b->t0, b->t1) < 2 || ntoks_words(c, b->t0, b->t1) > 3)
            continue;
        const nf__ntok *lt = &c->t[b->t1 - 1];
        if (lt->end - lt->start == m->end - m->start && !memcmp(c->s + lt->start, c->s + m->start, m->end - m->start))
            surname_use[k] = true;
    }
    hmap *seen = hm_new();
    for (size_t k = 0; k < ne; k++) {
        nf_entity *e = &E[k];
        /* type */
        int t = -1;
        if (gzt[k] >= 0)
            t = nf__gz_groups[gzt[k]].type;
        else {
            int bv = 0;
            for (int q = 0; q < 4; q++)
                if (votes[k * 5 + q] > bv) {
                    bv = votes[k * 5 + q];
                    t = q;
                }
            if (votes[k * 5 + NF_ENT_PERSON] >= 4)
                t = NF_ENT_PERSON; /* a title or a given name */
            if (t < 0 && (says[k] || surname_use[k]))
                t = NF_ENT_PERSON; /* "Ralph Crosby" ... "Crosby said" */
            if (t < 0)
                t = NF_ENT_OTHER;
        }
        (void)multi;
        e->type = (nf_entity_type)t;
        e->name = best[k] >= 0 ? surface(c, &M[best[k]])
                               : (gzt[k] >= 0 ? nf_arena_strdup(a, nf__gz_groups[gzt[k]].name) : "");
        if (!e->name[0] && e->n_mentions)
            e->name = nf_arena_strdup(a, "");
    }
    /* aliases, in text order */
    for (size_t i = 0; i < n; i++) {
        mention *m = &M[i];
        if (m->dead)
            continue;
        int32_t r = find(u, (int32_t)i);
        if (!strong[r])
            continue;
        size_t k = (size_t)slot[r];
        nf_entity *e = &E[k];
        char *s = surface(c, m);
        if (!strcmp(s, e->name))
            continue;
        size_t sl = strlen(s);
        char *key = nf_xmalloc(sl + 16);
        int kl = alias_key(key, sl + 16, k, s, sl);
        if (!hm_get(seen, key, (size_t)kl)) {
            hm_put(seen, key, (size_t)kl, (void *)1);
            e->aliases[e->n_aliases++] = s;
        }
        free(key);
    }
    hm_free(seen);
    f->entities = E;
    f->n_entities = ne;
    free(slot);
    free(strong);
    free(best);
    free(votes);
    free(gzt);
    free(says);
    free(multi);
    free(surname_use);
    free(bw);
    nf_vec_free(&cl);
}

nf_status nf_facts_entities(nf_doc *doc, nf_facts *f)
{
    if (!doc || !f)
        return NF_ERR_INVALID;
    if (!doc->text || !doc->text_len)
        return NF_OK;
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.s = doc->text;
    c.n = doc->text_len;
    c.strict = !strcmp(doc->lang, "de");
    c.t = nf__ner_tokens(c.s, c.n, &c.nt);
    c.lx = nf_xmalloc((c.nt + 1) * sizeof *c.lx);
    memset(c.lx, 0xFF, (c.nt + 1) * sizeof *c.lx);
    c.st = nf_xcalloc(c.nt + 1, sizeof *c.st);
    c.tmode = nf_xcalloc(c.nt + 1, 1);
    c.stats = hm_new();
    c.known = hm_new();
    c.filter = nf_xcalloc(NF__FILTER_WORDS, sizeof *c.filter);
    pass_stats(&c);
    pass_mentions(&c, false);
    /* multi-word names found outside title mode help to read headlines */
    for (size_t i = 0; i < c.m.len; i++) {
        mention *m = &c.m.items[i];
        char key[256];
        if (m->kind == MK_NAME && m->t1 - m->t0 >= 2) {
            size_t kl = fold_range(&c, m->t0, m->t1, key, sizeof key);
            if (kl)
                hm_put(c.known, key, kl, (void *)1);
        }
    }
    pass_mentions(&c, true);
    if (c.m.len) {
        /* mentions in text order; acronym links refer to indices, so remap them */
        size_t n = c.m.len;
        bool in_order = true;
        for (size_t i = 1; i < n && in_order; i++)
            in_order = c.m.items[i - 1].start < c.m.items[i].start ||
                       (c.m.items[i - 1].start == c.m.items[i].start && c.m.items[i - 1].end >= c.m.items[i].end);
        if (!in_order) {
            sorted *tmp = nf_xmalloc(n * sizeof *tmp);
            for (size_t i = 0; i < n; i++)
                tmp[i] = (sorted){c.m.items[i].start, c.m.items[i].end, (int32_t)i};
            uint64_t *keys = nf_xmalloc(n * sizeof *keys); /* cmp_sorted's order, stable */
            for (size_t i = 0; i < n; i++)
                keys[i] = ((uint64_t)tmp[i].start << 32) | (0xFFFFFFFFu - tmp[i].end);
            nf__sort_keyed(tmp, n, sizeof *tmp, keys);
            free(keys);
            int32_t *newpos = nf_xmalloc(n * sizeof *newpos);
            mention *copy = nf_xmalloc(n * sizeof *copy);
            memcpy(copy, c.m.items, n * sizeof *copy);
            for (size_t i = 0; i < n; i++)
                newpos[tmp[i].idx] = (int32_t)i;
            for (size_t i = 0; i < n; i++) {
                c.m.items[i] = copy[tmp[i].idx];
                if (c.m.items[i].link >= 0)
                    c.m.items[i].link = newpos[c.m.items[i].link];
            }
            free(copy);
            free(tmp);
            free(newpos);
        }
        uf u = {nf_xmalloc(n * sizeof(int32_t))};
        for (size_t i = 0; i < n; i++)
            u.p[i] = (int32_t)i;
        resolve(&c, &u);
        build_entities(&c, &u, f);
        free(u.p);
    }
    hm_free(c.stats);
    hm_free(c.known);
    free(c.filter);
    nf_vec_free(&c.ws);
    nf_vec_free(&c.m);
    free(c.lx);
    free(c.st);
    free(c.tmode);
    return NF_OK;
}
