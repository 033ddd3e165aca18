/* newsfuse text layer: UTF-8 repair and NFC, tokens, sentences, language id, stemming.
 *
 * All functions take a byte range of UTF-8 text and write results into caller storage or an
 * arena the caller passes; nothing here keeps pointers to the input after returning, except
 * that spans are offsets into it. */
#ifndef NEWSFUSE_TEXT_H
#define NEWSFUSE_TEXT_H

#include "newsfuse/base.h"

/* ---- normalisation --------------------------------------------------------------------- */

/* Repairs and normalises text: invalid UTF-8 bytes become U+FFFD (counted in *n_invalid),
 * NUL bytes and a leading byte order mark are dropped, CR LF and lone CR become LF, then
 * Unicode NFC (utf8proc). *out is NUL-terminated and lives in the arena. n_invalid may be
 * NULL. Never fails on any byte sequence; linear time. */
nf_status nf_text_normalize(nf_arena *a, const char *in, size_t len, const char **out,
                            size_t *out_len, size_t *n_invalid);

/* True when the bytes look like binary data rather than text: a known binary signature (PDF,
 * PNG, JPEG, GIF, ZIP, gzip, ...), or in the first 64 KiB more than 1% NULs, 5% control
 * bytes, or 30% bytes that are NULs, controls or invalid UTF-8 together. */
bool nf_text_is_binary(const char *in, size_t len);

/* Decodes one code point at s[*i] (advancing *i); invalid bytes yield U+FFFD and advance 1;
 * returns -1 when *i >= len. Overlong forms, surrogates and values above U+10FFFF are
 * invalid. */
int32_t nf_utf8_next(const char *s, size_t len, size_t *i);
/* Byte offset in s[0, len) of code point number `cp` (len when past the end), counting a
 * code point per lead byte (what the JSON writers' offsets count). *pos and *at carry a
 * walk between calls (start both at 0): ascending offsets cost one pass over the text, a
 * smaller one restarts from the beginning. */
size_t nf_utf8_byte_at(const char *s, size_t len, size_t cp, size_t *pos, size_t *at);
/* Unicode category helpers on code points (utf8proc). */
bool nf_cp_is_letter(int32_t cp);
bool nf_cp_is_upper(int32_t cp);
bool nf_cp_is_lower(int32_t cp);
bool nf_cp_is_digit(int32_t cp);
bool nf_cp_is_space(int32_t cp); /* ASCII space, Zs (NBSP...), NEL, U+2028/9, U+200B, U+FEFF */
bool nf_cp_is_punct(int32_t cp);
/* Case-folds UTF-8 text (utf8proc: "Straße" -> "strasse") into the arena, NFC and
 * NUL-terminated; invalid bytes are repaired first. Never NULL; out_len may be NULL. */
const char *nf_text_fold(nf_arena *a, const char *s, size_t len, size_t *out_len);

/* ---- tokens ---------------------------------------------------------------------------- */

typedef enum {
    NF_TOK_WORD,   /* letters, with inner apostrophes/hyphens/periods of abbreviations: U.S. */
    NF_TOK_NUMBER, /* 30,000  1.6  50%  is NUMBER then SYMBOL */
    NF_TOK_PUNCT,  /* . , ; : ! ? quotes dashes brackets */
    NF_TOK_SYMBOL, /* % $ € # @ emoji and other symbols */
    NF_TOK_URL,    /* http(s)://… www.… pic.twitter.com/… */
    NF_TOK_HANDLE, /* @name */
    NF_TOK_HASHTAG /* #name */
} nf_tok_kind;

typedef struct {
    uint32_t start, len; /* byte offsets into the input */
    nf_tok_kind kind;
    bool upper_initial; /* first letter is upper case */
    bool all_upper;     /* every letter upper case (and at least one letter) */
} nf_token;

/* Tokenises text[0..len) into an arena array (src/text/tokenize.c lists the rules). Fails
 * only with NF_ERR_TOOBIG for text of 4 GiB or more; linear time. */
nf_status nf_text_tokenize(nf_arena *a, const char *text, size_t len, nf_token **out,
                           size_t *n);
/* "word", "number", "punct", "symbol", "url", "handle", "hashtag". */
const char *nf_tok_kind_str(nf_tok_kind kind);

/* ---- sentences ------------------------------------------------------------------------- */

typedef struct {
    uint32_t start, end; /* byte offsets into the input, trimmed of surrounding space */
} nf_span;

/* Splits text into sentences. Knows abbreviations (U.S., Jan., D.C., Sen., No., Mr., e.g.,
 * initials), decimal numbers, ellipses, and keeps a closing quotation mark or bracket with
 * the sentence it ends; a blank line always ends a sentence, and so does a line break after
 * a line without final punctuation (a heading) unless the next line starts in lower case.
 * Spans go into an arena array. Fails only with NF_ERR_TOOBIG (4 GiB); linear time. */
nf_status nf_text_sentences(nf_arena *a, const char *text, size_t len, nf_span **out, size_t *n);

/* ---- language -------------------------------------------------------------------------- */

typedef struct {
    char code[4];      /* ISO 639-1 ("en"), or "und" when unknown / too short */
    double confidence; /* 0..1, margin-based */
} nf_lang_guess;

/* Identifies the language of text (character n-gram profiles). Languages: en es de fr pt it
 * pl tr tl nl ca ro sv da nb cs id (Latin script), ar fa ur, ru uk bg sr mk be, hi mr ne,
 * and by script alone el he ko ja zh th ka hy. Text with fewer than 20 letters, or in
 * another script, gives "und" with confidence 0. Thread-safe (profiles load once).
 * NF_ERR_IO when the fingerprint files cannot be read (see src/text/lang.c). */
nf_status nf_text_lang(const char *text, size_t len, nf_lang_guess *out);

/* ---- stemming -------------------------------------------------------------------------- */

typedef struct nf_stemmer nf_stemmer;
/* A Snowball stemmer for an ISO 639-1 code; NF_ERR_UNSUPPORTED when Snowball has none. */
nf_status nf_stemmer_new(const char *lang, nf_stemmer **out);
void nf_stemmer_free(nf_stemmer *s);
/* Stems one lower-cased word; the result is valid until the next call on this stemmer. */
const char *nf_stemmer_stem(nf_stemmer *s, const char *word, size_t len, size_t *out_len);

/* ---- content terms --------------------------------------------------------------------- */

/* The content terms of text as a sorted array of unique hashes in the arena (*out):
 * numbers as written, and words of at least min_len bytes, case-folded and stemmed when st
 * is not NULL. Returns how many. */
size_t nf_text_terms(nf_arena *a, nf_stemmer *st, const char *text, size_t len, size_t min_len,
                     uint64_t **out);
/* A memo of word -> term for nf_text_terms_memo: each distinct word (its bytes as written,
 * with the stemmer used) is folded and stemmed once. Bounded: it starts over after 2^20
 * words. Not thread-safe; free with nf_terms_memo_free, which also frees its stemmers. */
typedef struct nf_terms_memo nf_terms_memo;
nf_terms_memo *nf_terms_memo_new(void);
void nf_terms_memo_free(nf_terms_memo *m);
/* The memo's stemmer for a language (owned by the memo, created on first use), NULL when
 * Snowball has none. Only stemmers from here (or NULL) may be used with the memo: a memo
 * entry is keyed by the stemmer's address, which must not be reused while the memo lives. */
nf_stemmer *nf_terms_memo_stemmer(nf_terms_memo *m, const char *lang);
/* nf_text_terms through memo m (NULL: no memo); the same result. */
size_t nf_text_terms_memo(nf_arena *a, nf_terms_memo *m, nf_stemmer *st, const char *text,
                          size_t len, size_t min_len, uint64_t **out);
/* The union of two sorted term arrays (a new array in the arena); returns its length. */
size_t nf_text_terms_union(nf_arena *a, const uint64_t *x, size_t nx, const uint64_t *y,
                           size_t ny, uint64_t **out);
/* How many terms two sorted term arrays share. */
size_t nf_text_terms_common(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny);

#endif
