/* Content terms: a text as a sorted set of 64-bit hashes (numbers as written, and folded,
 * optionally stemmed, words of a minimum length), for the overlap measures that the brief
 * and reconcile stages use to compare sentences and articles. */
#include <stdlib.h>

#include "newsfuse/text.h"

static int u64cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

size_t nf_text_terms(nf_arena *a, nf_stemmer *st, const char *text, size_t len, size_t min_len,
                     uint64_t **out)
{
    nf_token *t;
    size_t nt, n = 0;
    nf_text_tokenize(a, text, len, &t, &nt);
    uint64_t *h = nf_arena_alloc(a, (nt + 1) * sizeof(uint64_t));
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind == NF_TOK_NUMBER) {
            h[n++] = nf_hash(text + t[i].start, t[i].len);
            continue;
        }
        if (t[i].kind != NF_TOK_WORD || t[i].len < min_len)
            continue;
        size_t fl, sl = 0;
        const char *f = nf_text_fold(a, text + t[i].start, t[i].len, &fl);
        const char *w = f;
        if (st)
            w = nf_stemmer_stem(st, f, fl, &sl);
        else
            sl = fl;
        h[n++] = nf_hash(w, sl);
    }
    if (n)
        qsort(h, n, sizeof(uint64_t), u64cmp);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (!o || h[o - 1] != h[i])
            h[o++] = h[i];
    *out = h;
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
