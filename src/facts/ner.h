/* Internal to the facts stage: what the entity and quote extractors share (ner.c).
 *
 * - A word scanner over doc->text, tuned for names: dotted abbreviations stay whole (U.S.,
 *   D.C., EE.UU.), inner hyphens and apostrophes stay in the word (U.S.-Mexico, O'Brien),
 *   a possessive 's or ' is dropped from the word and flagged, and every token says whether
 *   a sentence, a line or a paragraph starts there. ASCII-fast; linear time.
 * - Word classes (function words, months and weekdays, name particles, organisation and
 *   place cues, determiners, pronouns) in one folded-word map.
 * - Lookups in the gazetteer (gazetteer.h): surface forms, titles, given names.
 *
 * Ownership: token arrays are heap memory (free()); the maps are built once (pthread_once)
 * and are read-only afterwards, so every function here is thread-safe. */
#ifndef NF_FACTS_NER_H
#define NF_FACTS_NER_H

#include <stdatomic.h>
#include <string.h>

#include "gazetteer.h"
#include "newsfuse/facts.h"

/* ---- scanner --------------------------------------------------------------------------- */

enum { NF__NW = 1 /* word */, NF__NN /* number */, NF__NP /* punctuation */, NF__NO /* URL, @handle, #tag */ };

#define NF__T_UPPER 0x01u /* WORD: first letter upper case ("al-Assad" counts: the letter after "al-") */
#define NF__T_CAPS 0x02u  /* WORD: two or more letters, all upper case */
#define NF__T_SPACE 0x04u /* white space before the token */
#define NF__T_LINE 0x08u  /* a line break before the token */
#define NF__T_PARA 0x10u  /* a blank line before the token, or the first token */
#define NF__T_SENT 0x20u  /* first word or number of a sentence */
#define NF__T_POSS 0x40u  /* WORD: a possessive 's or ' followed and is not in the token */
#define NF__T_DOTS 0x80u  /* WORD: a dotted abbreviation (U.S., Ph.D.) */
#define NF__T_OPEN 0x100u /* WORD: right after an opening quotation mark or bracket */
#define NF__T_HYPH 0x200u /* WORD: has an ASCII hyphen inside ("U.S.-Mexico", "Mexico-based") */

typedef struct {
    uint32_t start, end; /* bytes in the text; for a possessive word, end is before the 's */
    uint16_t kind, flags;
    int32_t cp; /* PUNCT: the code point (U+2026 for "..."); WORD: 0 */
} nf__ntok;

/* Scans text[0..len) into a heap array (free()); *n tokens. Never fails; linear time. */
nf__ntok *nf__ner_scan(const char *text, size_t len, size_t *n);

/* The tokens of text[0..len), scanned once per text and thread: the array belongs to a
 * per-thread cache keyed by the text's length and hash (tokens depend on the bytes only),
 * valid until the next call with another text or nf__ner_tokens_release(). Do not free. */
const nf__ntok *nf__ner_tokens(const char *text, size_t len, size_t *n);
/* Frees the cached array (the last extractor that reads it calls this). */
void nf__ner_tokens_release(void);

/* ---- folding and word classes ---------------------------------------------------------- */

/* Lower-cases s[0..n) (Unicode simple case mapping; ’ becomes ') into out, NUL-terminated;
 * returns the length, or 0 when it does not fit in cap - 1 bytes. */
size_t nf__ner_fold(const char *s, size_t n, char *out, size_t cap);

#define NF__L_STOP 0x0001u      /* function word, pronoun, common sentence opener: never a name alone */
#define NF__L_TIME 0x0002u      /* month or weekday name */
#define NF__L_PARTICLE 0x0004u  /* name particle: de, la, del, van, von, bin, al ... */
#define NF__L_ORG_CUE 0x0008u   /* ends an organisation: Ministry, Inc., Group, Party ... */
#define NF__L_ORG_HEAD 0x0010u  /* opens an organisation before "of": Department, Bank ... */
#define NF__L_PLACE_CUE 0x0020u /* ends a place: City, Province, River, Bay, Shoal ... */
#define NF__L_PLACE_HEAD 0x0040u /* opens a place: Port, Gulf, Mount, Lake, State (of) ... */
#define NF__L_OTHER_CUE 0x0080u /* ends an event, law, plan: Initiative, Act, Summit ... */
#define NF__L_OTHER_HEAD 0x0100u /* opens one: Operation, Hurricane, Treaty (of) ... */
#define NF__L_CONN 0x0200u      /* joins a head to a name: of, for, de, del, und, et ... */
#define NF__L_DET 0x0400u       /* the, a, an, el, la, der, le ... */
#define NF__L_PRON 0x0800u      /* he, she, it, they, él, ella, er, sie, il, elle ... */
#define NF__L_PLACE_PREP 0x1000u /* in, at, from, near, en, desde ...: a place may follow */
#define NF__L_ADV 0x2000u       /* may stand between a speaker and the verb: also, reportedly */
#define NF__L_TITLE0 0x4000u    /* first word of some title in titles.tsv */
#define NF__L_CORP 0x8000u      /* company suffix: Inc, Corp, Ltd, LLC, AG, GmbH, S.A. */

/* A 64 Ki-bit filter over words (first two bytes, ASCII case-folded, and length): false
 * means the word is certainly not among those added. */
#define NF__FILTER_WORDS 1024
void nf__filter_add(uint64_t *filter, const char *s, size_t n);
/* The bit of a word (n >= 1): its first two bytes (ASCII lower-cased) and its length. */
static inline uint32_t nf__filter_bit(const char *s, size_t n)
{
    unsigned a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0;
    if (a < 0x80)
        a |= 0x20;
    if (b < 0x80)
        b |= 0x20;
    return ((a * 257u + b) * 16u + (unsigned)(n < 15 ? n : 15)) & 0xFFFFu;
}
/* Inline: called for most words of a text. */
static inline bool nf__filter_may(const uint64_t *filter, const char *s, size_t n)
{
    if (!n)
        return false;
    uint32_t b = nf__filter_bit(s, n);
    return (filter[b >> 6] >> (b & 63)) & 1;
}
/* False when the lower-case word of token t has none of the classes TITLE0, DET,
 * PARTICLE, CONN, PRON (a quick test before nf__ner_lex_tok). */
extern uint64_t nf__ner_low[NF__FILTER_WORDS]; /* filled once by nf__ner_init */
extern atomic_bool nf__ner_ready;               /* set when the tables are built */
void nf__ner_init(void);
/* Inline: asked for most lower-case words of a text. */
static inline bool nf__ner_lex_low_may(const char *text, const nf__ntok *t)
{
    if (!atomic_load_explicit(&nf__ner_ready, memory_order_acquire))
        nf__ner_init();
    return nf__filter_may(nf__ner_low, text + t->start, t->end - t->start);
}

/* The word classes of a word (folded); 0 when none. */
unsigned nf__ner_lex(const char *folded, size_t n);
/* The word classes of token t of text (folds it first). */
unsigned nf__ner_lex_tok(const char *text, const nf__ntok *t);

/* Per-thread memos of look-ups that depend only on a word's bytes as written: a word of at
 * most 13 bytes whose next 16 bytes lie in text[0..len) is read as two 64-bit words, hashed
 * and compared, without folding. An entry packs bytes 0-7, then bytes 8-12, the length (bits
 * 40-47) and a 16-bit value (bits 48-63); an empty entry (0, 0) never matches, as a key's
 * length is not 0. */
typedef struct {
    uint64_t a, b;
} nf__lmemo;
/* The key of token t, false when the word cannot be a key (too long, too near the end, or a
 * big-endian machine). */
static inline bool nf__memo_key(const char *text, size_t len, const nf__ntok *t, uint64_t *a,
                                uint64_t *b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t n = t->end - t->start;
    if (n - 1 >= 13 || t->start + 16 > len)
        return false;
    memcpy(a, text + t->start, 8);
    memcpy(b, text + t->start + 8, 8);
    if (n < 8)
        *a &= ~0ull >> (64 - 8 * n), *b = 0;
    else
        *b &= n == 8 ? 0 : ~0ull >> (64 - 8 * (n - 8));
    *b |= (uint64_t)n << 40;
    return true;
#else
    (void)text, (void)len, (void)t, (void)a, (void)b;
    return false;
#endif
}
/* The entry for key (a, b) in a table of 2^bits entries; it holds the key when its a and
 * the low 48 bits of its b equal the key's. */
static inline nf__lmemo *nf__memo_slot(nf__lmemo *tab, unsigned bits, uint64_t a, uint64_t b)
{
    return &tab[((a ^ (b * 0x9E3779B97F4A7C15ull)) * 0xD6E8FEB86659FD93ull) >> (64 - bits)];
}
static inline bool nf__memo_hit(const nf__lmemo *e, uint64_t a, uint64_t b)
{
    return e->a == a && (e->b & 0xFFFFFFFFFFFFull) == b;
}

/* nf__ner_lex_tok through a per-thread memo. */
enum { NF__LMEMO_BITS = 12 };
extern _Thread_local nf__lmemo nf__lmemo_tab[1u << NF__LMEMO_BITS];
static inline unsigned nf__ner_lex_tok_memo(const char *text, size_t len, const nf__ntok *t)
{
    uint64_t a, b;
    if (!nf__memo_key(text, len, t, &a, &b))
        return nf__ner_lex_tok(text, t);
    nf__lmemo *e = nf__memo_slot(nf__lmemo_tab, NF__LMEMO_BITS, a, b);
    if (nf__memo_hit(e, a, b))
        return (unsigned)(e->b >> 48);
    unsigned lx = nf__ner_lex_tok(text, t);
    e->a = a;
    e->b = b | ((uint64_t)lx << 48);
    return lx;
}

/* ---- gazetteer lookups ----------------------------------------------------------------- */

/* The surface form key[0..n) (as written; see nf__ner_key), or NULL. *prefix is set to
 * whether some longer surface form starts with key followed by a space or punctuation. */
const nf__gz_name *nf__gz_lookup(const char *key, size_t n, bool *prefix);
/* A title (folded, words separated by one space), or NULL; *prefix as above. */
const nf__gz_title *nf__gz_title_lookup(const char *folded, size_t n, bool *prefix);
/* 'f', 'm', 'u' for a given name as written ("Claudia"), 0 when unknown. */
char nf__gz_given(const char *name, size_t n);

/* Appends to *key (heap buffer) the lookup key of tokens [a, b) of text: their text with
 * one space where the source has white space and ’ as '. Returns false when it would
 * exceed 200 bytes. */
bool nf__ner_key(const char *text, const nf__ntok *t, size_t a, size_t b, char *key, size_t cap,
                 size_t *len);

/* The longest gazetteer surface form starting at token i (at most 8 tokens, none with a
 * line break before it, the last one may carry a possessive): its token count, 0 when
 * none. */
size_t nf__gz_longest(const char *text, const nf__ntok *t, size_t n, size_t i,
                      const nf__gz_name **out);
/* The longest title starting at token i (case-insensitive, an abbreviation with or without
 * its period): its token count (the period included), 0 when none. */
size_t nf__title_longest(const char *text, const nf__ntok *t, size_t n, size_t i,
                         const nf__gz_title **out);

/* ---- quotes' view of entities ---------------------------------------------------------- */

/* The title written right before token i (ending at i, at most 6 tokens back), or NULL. */
const nf__gz_title *nf__title_before(const char *text, const nf__ntok *t, size_t i);

#endif
