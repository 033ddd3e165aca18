/* Internal to the facts stage: the scanner and lexicon helpers that the time and quantity
 * extractors share (implemented in scan.c; times.c and quantities.c use them).
 *
 * The scanner is a single pass over doc->text that yields words, numbers and punctuation
 * with the few facts both extractors need (case, glued to the previous token, first token of
 * a sentence, the value of a number in the document's notation). It is ASCII-fast and never
 * looks back more than one token, so it runs at several hundred MB/s; the general tokenizer
 * of src/text is richer and slower, and the facts stage does not need its extras.
 *
 * Ownership: token arrays come from nf_xmalloc and are freed by the caller (free()). */
#ifndef NF_FACTS_SCAN_H
#define NF_FACTS_SCAN_H

#include <string.h>

#include "newsfuse/facts.h"

/* ASCII A-Z to a-z, every other byte unchanged (shared by nf__fold and nf__ner_fold). */
extern const unsigned char nf__ascii_fold[256];
/* Copies n bytes of s lower-cased through the table into out (room for n + 1 bytes) and
 * ends it with NUL; true when every byte was ASCII. When false, out holds a partial result
 * the caller redoes with its own handling of non-ASCII letters. */
static inline bool nf__fold_ascii(const char *s, size_t n, char *out)
{
    unsigned acc = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        acc |= c;
        out[i] = (char)nf__ascii_fold[c];
    }
    out[n] = '\0';
    return !(acc & 0x80);
}

/* Eight bytes at a time (both scanners' runs of ASCII letters): the bytes of x (loaded
 * little-endian) that are ASCII and within [lo, hi] have their high bit set in the result;
 * every other bit is 0. lo and hi below 0x80. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NF__SWAR 1
static inline uint64_t nf__swar_load(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}
static inline uint64_t nf__swar_in(uint64_t x, unsigned lo, unsigned hi)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t a = (x | high) - ones * lo, b = (x | high) - ones * (hi + 1);
    return a & ~b & ~x & high;
}
/* The bytes below the first set high bit of m: a mask of whole bytes (all of them when m
 * is 0). */
static inline uint64_t nf__swar_before(uint64_t m)
{
    return ((m & -m) >> 7) - 1; /* the lowest set bit is bit 8k + 7: 2^8k - 1 */
}
#else
#define NF__SWAR 0
#endif

/* token kinds */
enum { NF__WORD = 1, NF__NUM, NF__PUNCT, NF__OTHER /* URL, @handle, #hashtag */ };

/* token flags */
#define NF__F_UPPER 0x01u  /* WORD: first letter upper case */
#define NF__F_CAPS 0x02u   /* WORD: two or more letters, all upper case */
#define NF__F_GLUED 0x04u  /* no white space between the previous token and this one */
#define NF__F_SENT 0x08u   /* first token of a sentence */
#define NF__F_LINE 0x10u   /* a line break between the previous token and this one */
#define NF__F_PLAIN 0x20u  /* NUM: digits only */
#define NF__F_ISO 0x40u    /* NUM: an ISO date YYYY-MM-DD */
#define NF__F_CLOCK 0x80u  /* NUM: H:MM or HH:MM */
#define NF__F_SLASH 0x100u /* NUM: digits separated by '/' (9/11, 1/16/2026) */
#define NF__F_DOT 0x200u   /* NUM: digit groups separated by '.' only (16.01.2026, 10.30) */
#define NF__F_POSS 0x400u  /* WORD: the possessive 's split off the word before */

typedef struct {
    uint32_t start, end; /* bytes in the text */
    uint16_t kind, flags;
    int32_t cp;    /* PUNCT: the code point */
    uint32_t ndig; /* NUM: number of digits */
    double num;    /* NUM: value in the document's notation; NAN for dates, clocks, 1/2/3 */
} nf__tok;

/* Language bits of lexicon entries; 0 in an entry means every language. */
enum { NF__EN = 1, NF__ES = 2, NF__DE = 4, NF__FR = 8, NF__PT = 16, NF__IT = 32 };

/* The language bit for an ISO 639-1 code; English for "und", "" and languages without
 * rules. */
unsigned nf__lang_bit(const char *lang);
/* True for languages that write 2,5 for two and a half and 40.000 for forty thousand. */
bool nf__comma_decimal(const char *lang);

/* Scans text[0..len) into *out (heap, n tokens; free()). Never fails; linear time. */
nf__tok *nf__scan(const char *text, size_t len, bool comma_decimal, size_t *n);

/* Lower-cases a word (ASCII, Latin-1 letters, the typographic apostrophe as ') into out,
 * NUL-terminated; returns its length, or 0 when it does not fit in cap - 1 bytes. */
size_t nf__fold(const char *s, size_t n, char *out, size_t cap);
/* Case-insensitive ASCII comparison of token t with a lower-case literal. */
static inline bool nf__is(const char *text, const nf__tok *t, const char *lit)
{
    size_t n = t->end - t->start;
    /* a literal's length is known at compile time: most tokens are rejected by it */
    if (__builtin_constant_p(__builtin_strlen(lit)) && n != __builtin_strlen(lit))
        return false;
    const char *s = text + t->start;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (!lit[i] || c != (unsigned char)lit[i])
            return false;
    }
    return lit[n] == '\0';
}

/* A lexicon: an array of entries whose first two members are `const char *w` (folded) and
 * `uint8_t langs`; entries for the same word must be adjacent. */
typedef struct {
    const char *w;
    uint8_t langs;
} nf__lexkey;
typedef struct {
    int32_t *slot;  /* entry index or -1; size mask + 1 */
    uint32_t *hash; /* the word's hash in each used slot, compared before the word */
    uint32_t mask;
    uint32_t maxlen; /* the longest word: longer ones are not looked up */
    uint32_t *lens;  /* 1024 length masks by (first, last byte): bit min(len, 31) set when
                      * some word of that shape is in the map; checked before hashing */
} nf__lexmap;
/* Builds the map (heap, lives for the program) over n entries of the given stride. */
void nf__lexmap_build(nf__lexmap *m, const void *entries, size_t n, size_t stride);
/* Index of the first entry for word w (folded) whose languages meet lang_mask, -1 when
 * none; the other entries for the word follow it. */
int nf__lexmap_find_slow(const nf__lexmap *m, const void *entries, size_t stride, const char *w,
                         size_t n, unsigned lang_mask);
/* Inline: most words are rejected by the length and shape masks without a call. */
static inline int nf__lexmap_find(const nf__lexmap *m, const void *entries, size_t stride,
                                  const char *w, size_t n, unsigned lang_mask)
{
    if (!m->slot || !n || n > m->maxlen)
        return -1;
    size_t shape = ((size_t)((unsigned char)w[0] & 0x1Fu) << 5) | ((unsigned char)w[n - 1] & 0x1Fu);
    if (!(m->lens[shape] & (1u << (n < 31 ? n : 31))))
        return -1;
    return nf__lexmap_find_slow(m, entries, stride, w, n, lang_mask);
}

/* Number words ("one" .. "ninety", "hundred", "thousand", "million", "a dozen"; es, de, fr)
 * starting at token i: the value and the token after the phrase; false when none. A lone
 * "a"/"an"/"un" is not a number. */
bool nf__numwords(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                  double *value, size_t *end);
/* What a word can be in a number, as bits: NF__NC_NUM a number word or a fraction or
 * multiple ("twelve", "half", "dozens"), NF__NC_ORD an ordinal, NF__NC_ART an article that
 * can stand for one ("a year"); 0 for other tokens. One fold and a few lookups. */
enum { NF__NC_NUM = 1, NF__NC_ORD = 2, NF__NC_ART = 4 };
unsigned nf__numclass(const char *text, const nf__tok *t, unsigned lang);
/* The same on a word already folded (nf__fold). */
unsigned nf__numclass_folded(const char *w, size_t n, unsigned lang);

/* True for a word that can be or begin a number: number words ("twelve", "docena"), scale
 * words, fractions and multiples ("half", "third", "dozens", "miles"); not articles. */
bool nf__number_word(const char *text, const nf__tok *t, unsigned lang);

/* The scale of a word ("million" -> 1e6, "bn" -> 1e9, "millones" -> 1e6, "mil" -> 1e3),
 * 0 when it is not one. */
double nf__scale_word(const char *text, const nf__tok *t, unsigned lang);

/* Formats a number without a trailing ".0" or exponent for values below 1e15. */
void nf__fmt_num(char *buf, size_t cap, double v);

/* The ordinal of a word ("first" -> 1, "third" -> 3, "tercer" -> 3, "1st" is not a word),
 * 0 when it is none. */
int nf__ordinal_word(const char *text, const nf__tok *t, unsigned lang);

/* Stable sort of n items of `size` bytes by 64-bit keys (keys[i] belongs to the i-th item;
 * the keys are reordered too): equal keys keep their order, as a stable qsort would. Radix
 * passes over the key's bytes that differ, so linear in n. */
void nf__sort_keyed(void *items, size_t n, size_t size, uint64_t *keys);

/* Index one past the last token of the sentence that starts at token i (the next token
 * flagged NF__F_SENT, or n). Callers walk sentences in order, so the total work is linear. */
size_t nf__sent_next(const nf__tok *t, size_t n, size_t i);

/* The tokens of text[0..len) in the notation of the language (nf__scan) and an array for the
 * number class of each (nf__numclass), shared by the extractors of one article: the last
 * result is kept per thread and returned again when the text (address, length, content hash)
 * and language are the same. On a new text *fresh is set and the caller fills nc[] (times.c
 * does it while tagging, with the same folding). The arrays belong to the cache and stay
 * valid until the next call on the thread; never free them. Linear time. */
const nf__tok *nf__scan_shared(const char *text, size_t len, const char *lang, size_t *n,
                               uint8_t **nc, bool *fresh);
/* While nf_facts_extract works on one article it pins the article's text on its thread: the
 * per-thread token caches (nf__scan_shared, nf__ner_tokens) then know that the text cannot
 * change between the extractors and reuse a scan made under the same pin without hashing
 * the text again. Outside a pin (an extractor called alone) they hash as before. */
typedef struct {
    const char *text;
    size_t len;
    uint64_t epoch; /* 0: nothing pinned; otherwise a number never used by an earlier pin */
} nf__pin;
extern _Thread_local nf__pin nf__facts_pin;
void nf__facts_pin_set(const char *text, size_t len);
void nf__facts_pin_clear(void);
/* The pin's epoch when text[0..len) is the pinned text, else 0. */
static inline uint64_t nf__facts_pinned(const char *text, size_t len)
{
    return nf__facts_pin.epoch && nf__facts_pin.text == text && nf__facts_pin.len == len
               ? nf__facts_pin.epoch
               : 0;
}
/* Frees this thread's shared scan (nf_facts_extract calls it when an article is done, so
 * that a thread which ends leaves nothing behind). */
void nf__scan_shared_release(void);

#endif
