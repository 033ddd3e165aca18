/* The bilingual news lexicon and the stop words (data/lexicon/, compiled into
 * lexicon_data.c by data/lexicon/gen.py).
 *
 * Input: news.tsv, one concept per row, a column per language (en first), alternatives
 * separated by '|'; stopwords.tsv, a language then its words. Output: two hash tables,
 * (language, stem) -> concept and (language, word) -> stop, built once on first use
 * (thread-safe). Every form is folded and stemmed with the language's Snowball stemmer, as
 * article words are, so inflected forms meet on the same stem. A concept is named by the
 * stem of its English headword, so an English word and its translations become one
 * language-neutral term. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "cluster/cluster_int.h"

extern const char nf__lexicon_tsv[];
extern const char nf__stopwords_tsv[];

static pthread_once_t once = PTHREAD_ONCE_INIT;
static nf__u64map concepts; /* hash(lang, stem) -> concept */
static nf__u64map stops;    /* hash(lang, word) -> 1 */
static nf__u64map heads;    /* concept -> index in headwords */
static NF_VEC(char *) headwords;
static size_t longest_stop; /* bytes: longer words need no look-up */
static uint64_t weekday[7]; /* concepts of Monday..Sunday (0 when the lexicon lacks one) */

static uint64_t key_of(const char *lang, const char *s, size_t n, uint64_t seed)
{
    char buf[160];
    size_t ll = strlen(lang);
    if (ll > 3)
        ll = 3;
    if (n > sizeof buf - 4)
        n = sizeof buf - 4;
    memcpy(buf, lang, ll);
    buf[ll] = '\0';
    memcpy(buf + ll + 1, s, n);
    return XXH3_64bits_withSeed(buf, ll + 1 + n, seed);
}

/* Folds and stems word w of language lang into *out (valid until the next call). */
static const char *stem_of(nf_arena *a, nf__stemmers *st, const char *lang, const char *w,
                           size_t n, size_t *out)
{
    size_t fl;
    const char *f = nf_text_fold(a, w, n, &fl);
    nf_stemmer *s = NULL;
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->lang[i], lang))
            s = st->st[i];
    if (!s && st->n < 8) {
        size_t i = st->n++;
        snprintf(st->lang[i], sizeof st->lang[i], "%s", lang);
        if (nf_stemmer_new(lang, &st->st[i]) != NF_OK)
            st->st[i] = NULL;
        s = st->st[i];
    }
    if (!s) {
        *out = fl;
        return f;
    }
    return nf_stemmer_stem(s, f, fl, out);
}

static void load_lexicon(nf_arena *a, nf__stemmers *st)
{
    const char *p = nf__lexicon_tsv;
    char langs[8][4];
    size_t n_langs = 0;
    while (*p) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        if (*p == '#' || eol == p) {
            p = *eol ? eol + 1 : eol;
            continue;
        }
        /* split the line into cells */
        const char *cells[8];
        size_t lens[8], nc = 0;
        const char *c = p;
        while (nc < 8) {
            const char *tab = memchr(c, '\t', (size_t)(eol - c));
            const char *end = tab ? tab : eol;
            cells[nc] = c;
            lens[nc] = (size_t)(end - c);
            nc++;
            if (!tab)
                break;
            c = tab + 1;
        }
        if (!n_langs) { /* the header */
            for (size_t i = 0; i < nc; i++) {
                size_t l = lens[i] < 3 ? lens[i] : 3;
                memcpy(langs[i], cells[i], l);
                langs[i][l] = '\0';
            }
            n_langs = nc;
            p = *eol ? eol + 1 : eol;
            continue;
        }
        /* the concept: the stem of the first English alternative */
        const char *bar = memchr(cells[0], '|', lens[0]);
        size_t hl = bar ? (size_t)(bar - cells[0]) : lens[0];
        if (hl == 0 || memchr(cells[0], ' ', hl)) {
            p = *eol ? eol + 1 : eol;
            continue;
        }
        size_t sl;
        const char *s = stem_of(a, st, "en", cells[0], hl, &sl);
        /* low two bits clear (the term kind goes there), bit 2 set (never 0) */
        uint64_t concept = (XXH3_64bits_withSeed(s, sl, 0x636f6e63) & ~(uint64_t)7) | 4;
        bool added;
        uint64_t *hi = nf__u64map_upsert(&heads, concept, headwords.len, &added);
        (void)hi;
        if (added)
            nf_vec_push(&headwords, nf_xstrndup(cells[0], hl));
        for (size_t i = 0; i < nc && i < n_langs; i++) {
            const char *q = cells[i], *end = cells[i] + lens[i];
            while (q < end) {
                const char *alt_end = memchr(q, '|', (size_t)(end - q));
                if (!alt_end)
                    alt_end = end;
                size_t al = (size_t)(alt_end - q);
                if (al && !memchr(q, ' ', al)) {
                    const char *as = stem_of(a, st, langs[i], q, al, &sl);
                    /* the first concept to claim a stem keeps it */
                    nf__u64map_upsert(&concepts, key_of(langs[i], as, sl, 1), concept, NULL);
                }
                q = alt_end + (alt_end < end);
            }
        }
        p = *eol ? eol + 1 : eol;
    }
}

static void load_stops(nf_arena *a)
{
    const char *p = nf__stopwords_tsv;
    while (*p) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        const char *tab = memchr(p, '\t', (size_t)(eol - p));
        if (*p != '#' && tab) {
            char lang[4];
            size_t ll = (size_t)(tab - p) < 3 ? (size_t)(tab - p) : 3;
            memcpy(lang, p, ll);
            lang[ll] = '\0';
            const char *q = tab + 1;
            while (q < eol) {
                while (q < eol && *q == ' ')
                    q++;
                const char *e = q;
                while (e < eol && *e != ' ')
                    e++;
                if (e > q) {
                    size_t fl;
                    const char *f = nf_text_fold(a, q, (size_t)(e - q), &fl);
                    nf__u64map_put(&stops, key_of(lang, f, fl, 2), 1);
                    if (fl > longest_stop)
                        longest_stop = fl;
                }
                q = e;
            }
        }
        p = *eol ? eol + 1 : eol;
    }
}

static void load(void)
{
    nf_arena *a = nf_arena_new();
    nf__stemmers st;
    memset(&st, 0, sizeof st);
    nf__u64map_init(&concepts);
    nf__u64map_init(&stops);
    nf__u64map_init(&heads);
    load_lexicon(a, &st);
    load_stops(a);
    static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday",  "saturday", "sunday"};
    for (int d = 0; d < 7; d++) {
        size_t sl;
        const char *s = stem_of(a, &st, "en", days[d], strlen(days[d]), &sl);
        uint64_t c;
        weekday[d] = nf__u64map_get(&concepts, key_of("en", s, sl, 1), &c) ? c : 0;
    }
    nf__stemmers_free(&st);
    nf_arena_free(a);
}

uint64_t nf__lex_concept(const char *lang, const char *stem, size_t len)
{
    pthread_once(&once, load);
    uint64_t c;
    return nf__u64map_get(&concepts, key_of(lang, stem, len, 1), &c) ? c : 0;
}

bool nf__lex_stop(const char *lang, const char *word, size_t len)
{
    pthread_once(&once, load);
    if (len > longest_stop)
        return false;
    return nf__u64map_get(&stops, key_of(lang, word, len, 2), NULL);
}

uint8_t nf__lex_weekday(uint64_t term)
{
    if (NF__KIND(term) != NF__CONCEPT)
        return 0;
    pthread_once(&once, load);
    for (int d = 0; d < 7; d++)
        if (weekday[d] && NF__TERM(weekday[d], NF__CONCEPT) == term)
            return (uint8_t)(1u << d);
    return 0;
}

const char *nf__lex_headword(uint64_t concept)
{
    pthread_once(&once, load);
    uint64_t i;
    return nf__u64map_get(&heads, concept & ~(uint64_t)3, &i) ? headwords.items[i] : NULL;
}

size_t nf__lex_size(void)
{
    pthread_once(&once, load);
    return concepts.n;
}
