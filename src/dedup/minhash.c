/* Near-duplicate signatures and shared passages (include/newsfuse/dedup.h).
 *
 * Input: UTF-8 text. Words are runs of letters and digits (Unicode categories via the text
 * layer), ASCII case folded, hashed with XXH3. Output: a MinHash signature by one-permutation
 * hashing (each shingle hash picks a slot by its top bits and competes for that slot's
 * minimum by its low bits; empty slots borrow from the next filled slot, rotated), and
 * shared passages by shingle lookup and run extension. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "dedup/u64map.h"
#include "newsfuse/dedup.h"
#include "newsfuse/text.h"

typedef struct {
    uint32_t start, end; /* bytes */
    uint64_t h;
} word;

static inline bool word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return nf_cp_is_letter(cp) || nf_cp_is_digit(cp) || cp == 0xFFFD;
}

static uint64_t hash_word(const char *s, size_t n)
{
    char buf[128];
    size_t m = n < sizeof buf ? n : sizeof buf;
    for (size_t i = 0; i < m; i++) {
        char c = s[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    uint64_t h = XXH3_64bits(buf, m);
    if (n > m)
        h ^= XXH3_64bits(s + m, n - m) * 0x9e3779b97f4a7c15ULL;
    return h;
}

/* Calls fn(word) for each word of text; returns the number of words. */
typedef void (*word_fn)(const word *w, void *user);

static size_t scan_words(const char *text, size_t len, word_fn fn, void *user)
{
    size_t i = 0, n = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = nf_utf8_next(text, len, &i);
        if (!word_cp(cp))
            continue;
        size_t end = i;
        for (;;) {
            size_t k = end;
            if (k >= len)
                break;
            int32_t c2 = nf_utf8_next(text, len, &k);
            if (!word_cp(c2))
                break;
            end = k;
        }
        word w = {(uint32_t)at, (uint32_t)end, hash_word(text + at, end - at)};
        fn(&w, user);
        n++;
        i = end;
    }
    return n;
}

/* ---- signatures ------------------------------------------------------------------------ */

typedef struct {
    nf_dedup_sig *sig;
    uint64_t ring[NF_DEDUP_SHINGLE];
    size_t seen;
} sig_state;

static inline uint64_t mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

static inline void sig_push(nf_dedup_sig *s, uint64_t h)
{
    uint32_t slot = (uint32_t)(h >> 57); /* top 7 bits: NF_DEDUP_K = 128 slots */
    uint32_t v = (uint32_t)h;
    if (v < s->h[slot])
        s->h[slot] = v;
    s->n_shingles++;
}

static uint64_t shingle_hash(const uint64_t *ring, size_t next, size_t k)
{
    /* words in order: ring[next], ring[next+1], ... (mod k) */
    uint64_t h = 0x243f6a8885a308d3ULL;
    for (size_t i = 0; i < k; i++)
        h = mix(h ^ ring[(next + i) % k]) + i;
    return mix(h);
}

static void sig_word(const word *w, void *user)
{
    sig_state *st = user;
    st->ring[st->seen % NF_DEDUP_SHINGLE] = w->h;
    st->seen++;
    if (st->seen >= NF_DEDUP_SHINGLE)
        sig_push(st->sig, shingle_hash(st->ring, st->seen % NF_DEDUP_SHINGLE, NF_DEDUP_SHINGLE));
}

static void sig_begin(nf_dedup_sig *out, sig_state *st)
{
    for (size_t i = 0; i < NF_DEDUP_K; i++)
        out->h[i] = UINT32_MAX;
    out->n_words = 0;
    out->n_shingles = 0;
    memset(st, 0, sizeof *st);
    st->sig = out;
}

static void sig_end(nf_dedup_sig *out, sig_state *st)
{
    out->n_words = (uint32_t)(st->seen > UINT32_MAX ? UINT32_MAX : st->seen);
    if (st->seen > 0 && st->seen < NF_DEDUP_SHINGLE) {
        /* a short text: one shingle of all its words */
        uint64_t h = 0x13198a2e03707344ULL;
        for (size_t i = 0; i < st->seen; i++)
            h = mix(h ^ st->ring[i]) + i;
        sig_push(out, mix(h));
    }
    if (!out->n_shingles)
        return;
    /* densification: an empty slot takes the value of the next filled slot to its right
     * (circularly), offset by the distance so that two empty slots borrowing from the same
     * place stay distinguishable */
    size_t nf = 0;
    for (size_t i = 0; i < NF_DEDUP_K; i++)
        nf += out->h[i] != UINT32_MAX;
    if (nf == NF_DEDUP_K)
        return;
    uint32_t orig[NF_DEDUP_K];
    memcpy(orig, out->h, sizeof orig);
    for (size_t i = 0; i < NF_DEDUP_K; i++) {
        if (orig[i] != UINT32_MAX)
            continue;
        size_t d = 1;
        while (orig[(i + d) % NF_DEDUP_K] == UINT32_MAX)
            d++;
        out->h[i] = (uint32_t)mix(orig[(i + d) % NF_DEDUP_K] + 0x9e3779b97f4a7c15ULL * d);
    }
}

void nf_dedup_signature(const char *text, size_t len, nf_dedup_sig *out)
{
    sig_state st;
    sig_begin(out, &st);
    if (text)
        scan_words(text, len, sig_word, &st);
    sig_end(out, &st);
}

void nf_dedup_doc_signature(const nf_doc *doc, nf_dedup_sig *out)
{
    sig_state st;
    sig_begin(out, &st);
    if (doc->title)
        scan_words(doc->title, strlen(doc->title), sig_word, &st);
    if (doc->text)
        scan_words(doc->text, doc->text_len, sig_word, &st);
    sig_end(out, &st);
}

double nf_dedup_similarity(const nf_dedup_sig *a, const nf_dedup_sig *b)
{
    if (!a->n_shingles || !b->n_shingles)
        return 0;
    size_t eq = 0;
    for (size_t i = 0; i < NF_DEDUP_K; i++)
        eq += a->h[i] == b->h[i];
    return (double)eq / NF_DEDUP_K;
}

/* ---- shared passages ------------------------------------------------------------------- */

typedef NF_VEC(word) word_vec;

static void collect_word(const word *w, void *user)
{
    word_vec *v = user;
    nf_vec_push(v, *w);
}

static uint64_t run_hash(const word *w, size_t k)
{
    uint64_t h = 0x452821e638d01377ULL;
    for (size_t i = 0; i < k; i++)
        h = mix(h ^ w[i].h) + i;
    return h;
}

static int passage_cmp(const void *x, const void *y)
{
    const nf_dedup_passage *a = x, *b = y;
    return a->a_start < b->a_start ? -1 : a->a_start > b->a_start;
}

nf_status nf_dedup_passages(const char *a, size_t alen, const char *b, size_t blen,
                            size_t min_words, nf_dedup_passage **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!a || !b)
        return NF_ERR_INVALID;
    size_t k = min_words ? min_words : 8;
    word_vec wa = {0}, wb = {0};
    scan_words(a, alen, collect_word, &wa);
    scan_words(b, blen, collect_word, &wb);
    NF_VEC(nf_dedup_passage) res = {0};
    if (wa.len >= k && wb.len >= k) {
        /* rolling lookup: the first position in a of every k-word run */
        nf__u64map first;
        nf__u64map_init(&first);
        for (size_t i = 0; i + k <= wa.len; i++)
            nf__u64map_upsert(&first, run_hash(wa.items + i, k), i, NULL);
        unsigned char *covered = nf_xcalloc(wa.len, 1);
        size_t j = 0;
        while (j + k <= wb.len) {
            uint64_t i64;
            if (!nf__u64map_get(&first, run_hash(wb.items + j, k), &i64)) {
                j++;
                continue;
            }
            size_t i = (size_t)i64, len = 0;
            while (i + len < wa.len && j + len < wb.len && wa.items[i + len].h == wb.items[j + len].h)
                len++;
            if (len < k) { /* a hash collision */
                j++;
                continue;
            }
            size_t s_a = i, s_b = j;
            while (s_a > 0 && s_b > 0 && !covered[s_a - 1] && wa.items[s_a - 1].h == wb.items[s_b - 1].h)
                s_a--, s_b--, len++;
            if (!covered[s_a]) {
                nf_dedup_passage p = {wa.items[s_a].start, wa.items[s_a + len - 1].end,
                                      wb.items[s_b].start, wb.items[s_b + len - 1].end, len};
                nf_vec_push(&res, p);
                memset(covered + s_a, 1, len);
            }
            j = s_b + len;
        }
        free(covered);
        nf__u64map_free(&first);
    }
    nf_vec_free(&wa);
    nf_vec_free(&wb);
    if (res.len)
        qsort(res.items, res.len, sizeof *res.items, passage_cmp);
    *out = res.items;
    *n = res.len;
    return NF_OK;
}
