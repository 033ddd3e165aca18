/* An article's features for story clustering: stemmed words, lexicon concepts, names,
 * numbers, quotes, date, outlet (cluster_int.h), and document frequencies.
 *
 * Input: an nf_doc (title, body, language, date, source) and optionally its nf_facts.
 * Output: a sorted term vector with counts, then unit-length tf-idf weights.
 *
 * Names without facts are capitalised words that do not open a sentence and that the
 * lexicon does not know as ordinary words; German capitalises every noun, so there a
 * capitalised word after an article or an adjective ending, or with a noun suffix, is a
 * noun, not a name. Numbers lose their group separators ("40.000" = "40,000" = 40000) and
 * take "." for the decimal mark ("2,5" = "2.5"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "cluster/cluster_int.h"

/* ---- document frequencies -------------------------------------------------------------- */

#define DF_SIZE ((size_t)1 << NF__DF_BITS)
#define DF_HALVE_AT 1000000.0

static inline size_t df_slot(uint64_t t)
{
    t ^= t >> 29;
    t *= 0xbf58476d1ce4e5b9ULL;
    t ^= t >> 32;
    return (size_t)t & (DF_SIZE - 1);
}

void nf__df_init(nf__df *d)
{
    d->df = nf_xcalloc(DF_SIZE, sizeof *d->df);
    d->n = 0;
}

void nf__df_free(nf__df *d)
{
    free(d->df);
    d->df = NULL;
}

void nf__df_add(nf__df *d, const nf__feat *f)
{
    for (uint32_t i = 0; i < f->n; i++) {
        uint32_t *c = &d->df[df_slot(f->v[i].t)];
        if (*c < UINT32_MAX)
            (*c)++;
    }
    d->n += 1;
    if (d->n >= DF_HALVE_AT) { /* follow the recent stream; keeps counts bounded */
        for (size_t i = 0; i < DF_SIZE; i++)
            d->df[i] = (d->df[i] + 1) / 2;
        d->n /= 2;
    }
}

void nf__df_unshare(nf__df *d, const nf__feat *f, const nf__tw *story, uint32_t n)
{
    uint32_t i = 0, j = 0;
    while (i < f->n && j < n) {
        if (f->v[i].t < story[j].t) {
            i++;
        } else if (story[j].t < f->v[i].t) {
            j++;
        } else {
            uint32_t *c = &d->df[df_slot(f->v[i].t)];
            if (*c > 0)
                (*c)--;
            i++, j++;
        }
    }
    if (d->n >= 1.0)
        d->n -= 1.0;
}

/* Prior document frequencies (as a share of nf__P.prior_n pseudo-documents) make the
 * weights sensible before the stream has taught any: lexicon concepts are frequent news
 * words, names and words are rare until seen. */
static const double prior_share[4] = {0.02, 0.15, 0.02, 0.05};

double nf__df_idf(const nf__df *d, uint64_t term)
{
    double p = nf__P.prior_n;
    double df = d && d->df ? d->df[df_slot(term)] : 0;
    double n = d ? d->n : 0;
    double idf = log((n + p + 1.0) / (df + p * prior_share[NF__KIND(term)] + 0.5));
    return idf < 0.05 ? 0.05 : idf;
}

/* ---- stemmers -------------------------------------------------------------------------- */

/* Direct-mapped on a 64-bit hash of (language, stemming on, folded word); a slot holds the
 * last word that hashed there. */
#define WORD_MEMO_SLOTS ((size_t)1 << 16)

typedef struct {
    uint64_t key; /* 0: empty */
    uint64_t term;
    uint32_t cps;  /* code points of the folded word */
    bool stop;     /* nf__lex_stop */
    bool concept;  /* term is a lexicon concept */
} word_memo_slot;

struct nf__word_memo {
    word_memo_slot slot[WORD_MEMO_SLOTS];
};

void nf__stemmers_free(nf__stemmers *s)
{
    free(s->memo);
    for (size_t i = 0; i < s->n; i++)
        nf_stemmer_free(s->st[i]);
    memset(s, 0, sizeof *s);
}

static nf_stemmer *stemmer_for(nf__stemmers *s, const char *lang)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->lang[i], lang))
            return s->st[i];
    if (s->n == 8)
        return NULL;
    size_t i = s->n++;
    snprintf(s->lang[i], sizeof s->lang[i], "%s", lang);
    if (nf_stemmer_new(lang, &s->st[i]) != NF_OK)
        s->st[i] = NULL;
    return s->st[i];
}

/* ---- helpers --------------------------------------------------------------------------- */

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    return x;
}

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The first k code points of s. */
static size_t cp_prefix(const char *s, size_t n, size_t k)
{
    size_t c = 0, i = 0;
    for (; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == k)
                break;
            c++;
        }
    }
    return i;
}

/* "40.000" and "40,000" are the same anchor, "2,5" and "2.5" too: a separator followed by
 * exactly three digits (then the end or another separator) groups digits, any other is the
 * decimal mark. Returns the length of the normalised number in buf, 0 when it has fewer
 * than two digits (too common to be an anchor). */
static size_t number_norm(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0, digits = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            buf[o++] = c;
        } else if (c == '.' || c == ',' || c == '\'') {
            size_t k = i + 1;
            while (k < n && s[k] >= '0' && s[k] <= '9')
                k++;
            bool group = k - i - 1 == 3 && (k == n || s[k] == '.' || s[k] == ',' || s[k] == '\'');
            if (!group)
                buf[o++] = '.';
        }
    }
    while (o && buf[o - 1] == '.')
        o--;
    return digits >= 2 ? o : 0;
}

#define PREFIX 6 /* letters of a stem that make a word term */

typedef NF_VEC(nf__tw) tw_vec;
typedef NF_VEC(uint64_t) u64_vec;
typedef NF_VEC(const char *) str_vec;

typedef struct {
    tw_vec terms;
    str_vec surf; /* parallel to terms when surfaces are kept */
    u64_vec quotes;
    bool keep_surface;
    nf_arena *a;
} acc;

static void add_term(acc *x, uint64_t t, double w, const char *s, size_t n)
{
    nf__tw e = {t, (float)w};
    nf_vec_push(&x->terms, e);
    if (x->keep_surface)
        nf_vec_push(&x->surf, nf_arena_strndup(x->a, s, n));
}

static bool is_quote_mark(const char *s, size_t n)
{
    static const char *marks[] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
                                  "\xc2\xab", "\xc2\xbb", "\xe2\x80\x9f"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strlen(marks[i]) == n && !memcmp(marks[i], s, n))
            return true;
    return false;
}

static bool opens_sentence(const char *text, const nf_token *t, size_t i)
{
    if (i == 0)
        return true;
    const nf_token *p = &t[i - 1];
    for (uint32_t k = p->start + p->len; k < t[i].start; k++)
        if (text[k] == '\n')
            return true;
    if (p->kind != NF_TOK_PUNCT)
        return false;
    const char *s = text + p->start;
    if (p->len == 1)
        return strchr(".!?:;\"(-", s[0]) != NULL;
    /* opening quotes, inverted marks, dashes */
    return is_quote_mark(s, p->len) || !memcmp(s, "\xc2\xbf", 2) || !memcmp(s, "\xc2\xa1", 2) ||
           !memcmp(s, "\xe2\x80\x94", 3) || !memcmp(s, "\xe2\x80\x93", 3);
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && !memcmp(s + n - m, suf, m);
}

/* German: is the capitalised word at t[i] (folded f) a noun rather than a name? */
static bool german_noun(const char *text, const nf_token *t, size_t i, const char *f, size_t fl)
{
    static const char *suffixes[] = {"ung", "heit", "keit", "schaft", "tion", "tät", "ismus",
                                     "nis", "ment", "chen", "lein", "ität", "ie", "ik", "tur",
                                     "ungen", "heiten", "keiten", "schaften", "tionen", "nisse"};
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++)
        if (ends_with(f, fl, suffixes[k]))
            return true;
    if (i == 0 || t[i - 1].kind != NF_TOK_WORD || t[i - 1].upper_initial)
        return false;
    const char *p = text + t[i - 1].start;
    size_t pl = t[i - 1].len;
    static const char *dets[] = {"der", "die", "das", "den", "dem", "des", "ein", "eine",
                                 "einen", "einem", "einer", "eines", "kein", "keine", "im",
                                 "am", "zum", "zur", "vom", "beim", "ins", "jede", "jeder",
                                 "diese", "dieser", "dieses", "mehr", "viele", "alle"};
    for (size_t k = 0; k < sizeof dets / sizeof *dets; k++)
        if (strlen(dets[k]) == pl && !memcmp(dets[k], p, pl))
            return true;
    /* an inflected adjective before it */
    return ends_with(p, pl, "e") || ends_with(p, pl, "en") || ends_with(p, pl, "er") ||
           ends_with(p, pl, "es") || ends_with(p, pl, "em");
}

typedef struct {
    nf__stemmers *st;
    const char *lang;
    bool known_lang;
    uint64_t lang_key; /* the word memo key's language part (word_info) */
} ctx;

/* What the folded word f (hash wh) gives in c's language, stemmed with stem (NULL: not
 * stemmed): its letters, stop-word flag, concept and term, through the memo. */
static const word_memo_slot *word_info(ctx *c, nf_stemmer *stem, const char *f, size_t fl,
                                       uint64_t wh)
{
    if (!c->st->memo)
        c->st->memo = nf_xcalloc(1, sizeof *c->st->memo);
    if (!c->lang_key) /* the language and whether it is stemmed */
        c->lang_key = XXH3_64bits_withSeed(c->lang, strlen(c->lang), stem ? 0x73 : 0x6e) | 1;
    uint64_t key = mix64(wh ^ c->lang_key);
    key += !key;
    word_memo_slot *ms = &c->st->memo->slot[key & (WORD_MEMO_SLOTS - 1)];
    if (ms->key == key)
        return ms;
    ms->key = key;
    ms->cps = (uint32_t)cp_count(f, fl);
    ms->stop = nf__lex_stop(c->lang, f, fl);
    const char *sv = f;
    size_t sl = fl;
    if (stem)
        sv = nf_stemmer_stem(stem, f, fl, &sl);
    uint64_t concept = nf__lex_concept(c->lang, sv, sl);
    /* the word term: the stem's first PREFIX letters, which also joins compounds and
     * derivations Snowball leaves apart; Turkish stems are kept whole */
    size_t wl = sl;
    if (strcmp(c->lang, "tr") != 0 && cp_count(sv, sl) > PREFIX)
        wl = cp_prefix(sv, sl, PREFIX);
    ms->concept = concept != 0;
    ms->term = concept ? NF__TERM(concept, NF__CONCEPT) : NF__TERM(XXH3_64bits(sv, wl), NF__WORD);
    return ms;
}

/* Adds the terms of text (weight w per occurrence); names only when `names`. */
static void add_text(acc *x, ctx *c, const char *text, size_t len, double w, bool names)
{
    if (!text || !len)
        return;
    nf_token *t;
    size_t nt;
    if (nf_text_tokenize(x->a, text, len, &t, &nt) != NF_OK)
        return;
    nf_stemmer *stem = c->known_lang ? stemmer_for(c->st, c->lang) : NULL;
    bool german = !strcmp(c->lang, "de");
    char buf[256];
    /* quotation state */
    bool in_q = false;
    size_t q_words = 0;
    uint64_t ring[5];
    for (size_t i = 0; i < nt; i++) {
        const char *s = text + t[i].start;
        size_t n = t[i].len;
        if (t[i].kind == NF_TOK_PUNCT && is_quote_mark(s, n)) {
            in_q = !in_q;
            q_words = 0;
            continue;
        }
        if (t[i].kind == NF_TOK_NUMBER) {
            size_t nl = number_norm(s, n, buf, sizeof buf);
            if (nl)
                add_term(x, NF__TERM(XXH3_64bits_withSeed(buf, nl, 0x6e756d), NF__NUM), w, s, n);
            continue;
        }
        if (t[i].kind != NF_TOK_WORD)
            continue;
        /* fold: ASCII in place, the rest through the text layer */
        const char *f = s;
        size_t fl = n;
        bool ascii = n < sizeof buf;
        for (size_t k = 0; ascii && k < n; k++)
            ascii = (unsigned char)s[k] < 0x80;
        if (ascii) {
            for (size_t k = 0; k < n; k++)
                buf[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] + 32) : s[k];
            buf[n] = '\0';
            f = buf;
        } else {
            f = nf_text_fold(x->a, s, n, &fl);
        }
        uint64_t wh = XXH3_64bits(f, fl);
        if (in_q) {
            ring[q_words % 5] = wh;
            q_words++;
            if (q_words >= 5 && q_words < 400) {
                uint64_t h = 0x51ed2701;
                for (size_t k = 0; k < 5; k++)
                    h = mix64(h ^ ring[(q_words + k) % 5]) + k;
                nf_vec_push(&x->quotes, h);
            }
        }
        /* case says something only in scripts that have it: folding changed the word */
        bool cased = fl != n || memcmp(f, s, n) != 0;
        const word_memo_slot *ms = word_info(c, stem, f, fl, wh);
        /* an acronym (US, EU, WHO) is never a stop word, and two letters are enough */
        size_t cps = ms->cps;
        bool acronym = cased && t[i].all_upper && cps >= 2 && cps <= 6;
        if (!acronym && (cps < 3 || ms->stop))
            continue;
        bool concept = ms->concept;
        uint64_t term = ms->term;
        add_term(x, term, w, f, fl);
        if (names && !concept && cased && (t[i].upper_initial || t[i].all_upper) &&
            !opens_sentence(text, t, i) && !(german && !t[i].all_upper && german_noun(text, t, i, f, fl)))
            add_term(x, NF__TERM(XXH3_64bits_withSeed(f, fl, 0x6e616d65), NF__NAME), w, s, n);
    }
}

static int tw_cmp(const void *a, const void *b)
{
    uint64_t x = ((const nf__tw *)a)->t, y = ((const nf__tw *)b)->t;
    return x < y ? -1 : x > y;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The words of an entity's canonical name as name anchors, one per mention, as the
 * capitalisation rule would have found them: words the lexicon knows stay concepts. */
static void add_entity(acc *x, ctx *c, const nf_entity *e)
{
    if (!e->name)
        return;
    size_t len = strlen(e->name);
    nf_token *t;
    size_t nt;
    if (nf_text_tokenize(x->a, e->name, len, &t, &nt) != NF_OK)
        return;
    nf_stemmer *stem = c->known_lang ? stemmer_for(c->st, c->lang) : NULL;
    double m = e->n_mentions ? (double)e->n_mentions : 1.0;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind != NF_TOK_WORD)
            continue;
        const char *s = e->name + t[i].start;
        size_t fl;
        const char *f = nf_text_fold(x->a, s, t[i].len, &fl);
        const word_memo_slot *ms = word_info(c, stem, f, fl, XXH3_64bits(f, fl));
        size_t cps = ms->cps;
        if (cps < 2 || (cps < 3 && !t[i].all_upper) || ms->stop || ms->concept)
            continue;
        add_term(x, NF__TERM(XXH3_64bits_withSeed(f, fl, 0x6e616d65), NF__NAME), m, s, t[i].len);
    }
}

typedef struct {
    uint64_t t;
    size_t i;
} term_at;

static int term_at_cmp(const void *a, const void *b)
{
    const term_at *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Sorts terms and sums the counts of equal terms; with surfaces, each term keeps the
 * surface of its first occurrence. */
static void merge_terms(acc *x, nf__feat *out)
{
    size_t n = x->terms.len;
    if (x->keep_surface) {
        term_at *p = nf_xmalloc((n ? n : 1) * sizeof *p);
        for (size_t i = 0; i < n; i++)
            p[i] = (term_at){x->terms.items[i].t, i};
        qsort(p, n, sizeof *p, term_at_cmp);
        out->v = nf_xmalloc((n ? n : 1) * sizeof *out->v);
        out->surface = nf_arena_alloc(x->a, (n ? n : 1) * sizeof *out->surface);
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            const nf__tw *e = &x->terms.items[p[i].i];
            if (o && out->v[o - 1].t == e->t) {
                out->v[o - 1].w += e->w;
                continue;
            }
            out->v[o] = *e;
            out->surface[o] = x->surf.items[p[i].i];
            o++;
        }
        out->n = (uint32_t)o;
        free(p);
        return;
    }
    if (n)
        qsort(x->terms.items, n, sizeof(nf__tw), tw_cmp);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o && x->terms.items[o - 1].t == x->terms.items[i].t)
            x->terms.items[o - 1].w += x->terms.items[i].w;
        else
            x->terms.items[o++] = x->terms.items[i];
    }
    out->v = x->terms.items;
    out->n = (uint32_t)o;
    x->terms.items = NULL;
    x->terms.len = x->terms.cap = 0;
}

void nf__feat_extract(nf__stemmers *st, const nf_doc *doc, const nf_facts *facts,
                      bool surface, nf_arena *scratch, nf__feat *out)
{
    memset(out, 0, sizeof *out);
    acc x;
    memset(&x, 0, sizeof x);
    x.keep_surface = surface;
    x.a = surface || !scratch ? nf_arena_new() : scratch;
    ctx c = {st, doc->lang, doc->lang[0] && strcmp(doc->lang, "und") != 0, 0};
    if (!c.known_lang)
        c.lang = "en";
    if (doc->title)
        add_text(&x, &c, doc->title, strlen(doc->title), nf__P.title_weight, false);
    /* names: the facts stage's entities when it found any, else capitalisation */
    bool entities = facts && facts->n_entities > 0;
    add_text(&x, &c, doc->text, doc->text_len, 1.0, !entities);
    if (facts) {
        for (size_t i = 0; i < facts->n_entities; i++)
            add_entity(&x, &c, &facts->entities[i]);
        for (size_t i = 0; i < facts->n_times; i++) {
            const nf_timex *tx = &facts->times[i];
            if (tx->gran < NF_GRAN_DAY || !tx->value || strlen(tx->value) < 10 || tx->value[0] == 'X')
                continue;
            add_term(&x, NF__TERM(XXH3_64bits_withSeed(tx->value, 10, 0x64617465), NF__NUM), 1.0,
                     tx->value, 10);
        }
        for (size_t i = 0; i < facts->n_quotes; i++) {
            const nf_quote *q = &facts->quotes[i];
            if (!q->direct || !q->text)
                continue;
            /* quote runs from the facts stage: hash 5-word runs of the quote text */
            nf_token *t;
            size_t nt;
            size_t ql = strlen(q->text);
            if (nf_text_tokenize(x.a, q->text, ql, &t, &nt) != NF_OK)
                continue;
            uint64_t ring[5];
            size_t k = 0;
            for (size_t j = 0; j < nt; j++) {
                if (t[j].kind != NF_TOK_WORD)
                    continue;
                size_t fl;
                const char *f = nf_text_fold(x.a, q->text + t[j].start, t[j].len, &fl);
                ring[k % 5] = XXH3_64bits(f, fl);
                k++;
                if (k >= 5) {
                    uint64_t h = 0x51ed2701;
                    for (size_t r = 0; r < 5; r++)
                        h = mix64(h ^ ring[(k + r) % 5]) + r;
                    nf_vec_push(&x.quotes, h);
                }
            }
        }
    }
    merge_terms(&x, out);
    if (x.quotes.len) {
        qsort(x.quotes.items, x.quotes.len, sizeof(uint64_t), u64_cmp);
        size_t o = 0;
        for (size_t i = 0; i < x.quotes.len; i++)
            if (!o || x.quotes.items[o - 1] != x.quotes.items[i])
                x.quotes.items[o++] = x.quotes.items[i];
        out->quotes = x.quotes.items;
        out->n_quotes = (uint32_t)o;
    } else {
        nf_vec_free(&x.quotes);
    }
    nf_vec_free(&x.terms);
    nf_vec_free(&x.surf);
    snprintf(out->lang, sizeof out->lang, "%s", c.known_lang ? doc->lang : "und");
    out->dated = doc->published.gran >= NF_GRAN_DAY;
    out->day = out->dated ? nf_date_to_days(doc->published.year, doc->published.month,
                                            doc->published.day)
                          : 0;
    for (uint32_t i = 0; i < out->n; i++)
        out->weekdays |= nf__lex_weekday(out->v[i].t);
    out->source = doc->source && *doc->source ? XXH3_64bits(doc->source, strlen(doc->source)) : 0;
    if (surface)
        out->arena = x.a;
    else if (x.a != scratch)
        nf_arena_free(x.a);
}

void nf__feat_weight(nf__feat *f, const nf__df *df)
{
    double norm = 0, neu = 0, nam = 0, num = 0, con = 0;
    static double boost[4];
    boost[NF__WORD] = 1.0;
    boost[NF__CONCEPT] = nf__P.concept_boost;
    boost[NF__NAME] = nf__P.name_boost;
    boost[NF__NUM] = nf__P.num_boost;
    for (uint32_t i = 0; i < f->n; i++) {
        double tf = f->v[i].w;
        double w = (1.0 + log(tf < 1 ? 1 : tf)) * nf__df_idf(df, f->v[i].t) *
                   boost[NF__KIND(f->v[i].t)];
        f->v[i].w = (float)w;
        norm += w * w;
    }
    norm = sqrt(norm);
    for (uint32_t i = 0; i < f->n; i++) {
        double w = norm > 0 ? f->v[i].w / norm : 0;
        f->v[i].w = (float)w;
        int k = NF__KIND(f->v[i].t);
        if (k != NF__WORD)
            neu += w * w;
        if (k == NF__NAME)
            nam += w * w;
        if (k == NF__NUM)
            num += w * w;
        if (k == NF__CONCEPT)
            con += w * w;
    }
    f->norm_neutral = (float)sqrt(neu);
    f->norm_names = (float)sqrt(nam);
    f->norm_nums = (float)sqrt(num);
    f->norm_concepts = (float)sqrt(con);
}

void nf__feat_free(nf__feat *f)
{
    free(f->v);
    free(f->quotes);
    if (f->arena)
        nf_arena_free(f->arena);
    memset(f, 0, sizeof *f);
}
