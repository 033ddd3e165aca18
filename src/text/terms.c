/* Content terms: a text as a sorted set of 64-bit hashes (numbers as written, and folded,
 * optionally stemmed, words of a minimum length), for the overlap measures that the brief
 * and reconcile stages use to compare sentences and articles. */
#include <stdlib.h>
#include <string.h>

#include "newsfuse/text.h"

static int u64cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* ---- memo: raw word -> term ------------------------------------------------------------ */

struct nf_terms_memo {
    uint64_t *key, *val; /* open addressing; key 0 is empty */
    size_t cap, n;
    struct {
        char lang[8];
        nf_stemmer *st;
    } stem[32]; /* the memo's stemmers, one per language, created on first use */
    size_t n_stem;
};

enum { MEMO_MAX = 1u << 20 }; /* words remembered before the memo starts over */

nf_terms_memo *nf_terms_memo_new(void)
{
    nf_terms_memo *m = nf_xcalloc(1, sizeof *m);
    m->cap = 4096;
    m->key = nf_xcalloc(m->cap, sizeof(uint64_t));
    m->val = nf_xcalloc(m->cap, sizeof(uint64_t));
    return m;
}

nf_stemmer *nf_terms_memo_stemmer(nf_terms_memo *m, const char *lang)
{
    for (size_t i = 0; i < m->n_stem; i++)
        if (!strcmp(m->stem[i].lang, lang))
            return m->stem[i].st;
    nf_stemmer *st = NULL;
    if (strlen(lang) >= sizeof m->stem[0].lang || nf_stemmer_new(lang, &st) != NF_OK)
        st = NULL;
    if (m->n_stem < sizeof m->stem / sizeof m->stem[0] && strlen(lang) < sizeof m->stem[0].lang) {
        strcpy(m->stem[m->n_stem].lang, lang);
        m->stem[m->n_stem++].st = st;
    } else if (st) {
        nf_stemmer_free(st); /* no room to keep it: this language is not stemmed */
        st = NULL;
    }
    return st;
}

void nf_terms_memo_free(nf_terms_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_stem; i++)
        if (m->stem[i].st)
            nf_stemmer_free(m->stem[i].st);
    free(m->key);
    free(m->val);
    free(m);
}

static uint64_t *memo_slot(nf_terms_memo *m, uint64_t k)
{
    size_t i = (size_t)(k ^ (k >> 29)) & (m->cap - 1);
    while (m->key[i] && m->key[i] != k)
        i = (i + 1) & (m->cap - 1);
    return &m->key[i];
}

static void memo_put(nf_terms_memo *m, uint64_t k, uint64_t v)
{
    if (m->n >= MEMO_MAX) {
        memset(m->key, 0, m->cap * sizeof(uint64_t));
        m->n = 0;
    }
    if (2 * (m->n + 1) > m->cap) {
        uint64_t *ok = m->key, *ov = m->val;
        size_t oc = m->cap;
        m->cap *= 2;
        m->key = nf_xcalloc(m->cap, sizeof(uint64_t));
        m->val = nf_xcalloc(m->cap, sizeof(uint64_t));
        for (size_t i = 0; i < oc; i++)
            if (ok[i]) {
                uint64_t *s = memo_slot(m, ok[i]);
                *s = ok[i];
                m->val[s - m->key] = ov[i];
            }
        free(ok);
        free(ov);
    }
    uint64_t *s = memo_slot(m, k);
    if (!*s)
        m->n++;
    *s = k;
    m->val[s - m->key] = v;
}

/* The term of one word token: folded, stemmed when st. */
static uint64_t word_term(nf_arena *a, nf_stemmer *st, const char *w, size_t len)
{
    size_t fl, sl = 0;
    const char *f = nf_text_fold(a, w, len, &fl);
    const char *x = f;
    if (st)
        x = nf_stemmer_stem(st, f, fl, &sl);
    else
        sl = fl;
    return nf_hash(x, sl);
}

size_t nf_text_terms_memo(nf_arena *a, nf_terms_memo *m, nf_stemmer *st, const char *text,
                          size_t len, size_t min_len, uint64_t **out)
{
    nf_token *t;
    size_t nt, n = 0;
    /* the tokens and folded words are scratch: only the sorted terms stay in `a` */
    nf_arena_mark_t mark = nf_arena_mark(a);
    nf_text_tokenize(a, text, len, &t, &nt);
    uint64_t *h = nf_xmalloc((nt + 1) * sizeof(uint64_t));
    /* the memo key: the word's bytes and the stemmer it is stemmed with */
    uint64_t salt = ((uint64_t)(uintptr_t)st + 1) * 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < nt; i++) {
        const char *w = text + t[i].start;
        if (t[i].kind == NF_TOK_NUMBER) {
            h[n++] = nf_hash(w, t[i].len);
            continue;
        }
        if (t[i].kind != NF_TOK_WORD || t[i].len < min_len)
            continue;
        if (!m) {
            h[n++] = word_term(a, st, w, t[i].len);
            continue;
        }
        uint64_t k = (nf_hash(w, t[i].len) ^ salt) | 1;
        uint64_t *s = memo_slot(m, k);
        if (*s) {
            h[n++] = m->val[s - m->key];
        } else {
            uint64_t v = word_term(a, st, w, t[i].len);
            memo_put(m, k, v);
            h[n++] = v;
        }
    }
    if (n)
        qsort(h, n, sizeof(uint64_t), u64cmp);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (!o || h[o - 1] != h[i])
            h[o++] = h[i];
    nf_arena_rewind(a, mark);
    *out = nf_arena_alloc(a, (o + 1) * sizeof(uint64_t));
    memcpy(*out, h, o * sizeof(uint64_t));
    free(h);
    return o;
}

size_t nf_text_terms(nf_arena *a, nf_stemmer *st, const char *text, size_t len, size_t min_len,
                     uint64_t **out)
{
    return nf_text_terms_memo(a, NULL, st, text, len, min_len, out);
}

size_t nf_text_terms_union(nf_arena *a, const uint64_t *x, size_t nx, const uint64_t *y,
                           size_t ny, uint64_t **out)
{
    uint64_t *u = nf_arena_alloc(a, (nx + ny + 1) * sizeof(uint64_t));
    size_t i = 0, j = 0, o = 0;
    while (i < nx || j < ny) {
        if (j == ny || (i < nx && x[i] < y[j]))
            u[o++] = x[i++];
        else if (i == nx || y[j] < x[i])
            u[o++] = y[j++];
        else
            u[o++] = x[i++], j++;
    }
    *out = u;
    return o;
}

size_t nf_text_terms_common(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
    size_t i = 0, j = 0, c = 0;
    while (i < nx && j < ny) {
        if (x[i] == y[j])
            c++, i++, j++;
        else if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return c;
}
