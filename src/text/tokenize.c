/* Tokenizer: UTF-8 text -> words, numbers, punctuation, symbols, URLs, @handles, #hashtags.
 *
 * One left-to-right pass; every look-ahead is bounded or consumed by the token it builds, so
 * the work is linear in the input. Invalid UTF-8 is tolerated (a bad byte is a SYMBOL).
 *
 * Decisions worth knowing (test/spec/tokens.md shows each):
 * - WORD keeps inner apostrophes (don't, O'Brien, l'homme), hyphens (well-known, COVID-19,
 *   20-year-old), middle dots (col·lecció) and the periods of dotted abbreviations whose parts
 *   have one or two letters (U.S., D.C., e.g., a.m., Ph.D., EE.UU., z.B.), final period
 *   included; "U.S.-Mexico" and "U.K.'s" are one WORD. "Mr." is WORD "Mr" + PUNCT ".".
 * - NUMBER: digits with inner . , : / before a digit (30,000  1.6  1.234,5  10:30  9/11),
 *   French thousands with a no-break or thin space (30 000), an ISO date 2026-01-16 as one
 *   NUMBER, and the ordinal or decade suffixes st nd rd th s º ª (2nd, 1990s). Other letters
 *   after digits start a new WORD (5G -> 5 G); a sign is PUNCT.
 * - URL: http:// https:// ftp:// www. pic.twitter.com/ t.co/ and e-mail addresses; trailing
 *   sentence punctuation and unbalanced closing brackets are left out.
 * - PUNCT: one code point each (every quote and dash is its own token), except runs of "."
 *   (...) and of "-" (--), which are one token.
 * - SYMBOL: % ‰ # @ & § ¶ † ‡ and Unicode symbols, each with its emoji modifiers, variation
 *   selectors and ZWJ sequences; a pair of regional indicators (a flag) is one SYMBOL; an
 *   invalid byte is one SYMBOL.
 * - Han ideographs are one WORD each; a run of kana is one WORD. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newsfuse/text.h"

const char *nf_tok_kind_str(nf_tok_kind k)
{
    switch (k) {
    case NF_TOK_WORD: return "word";
    case NF_TOK_NUMBER: return "number";
    case NF_TOK_PUNCT: return "punct";
    case NF_TOK_SYMBOL: return "symbol";
    case NF_TOK_URL: return "url";
    case NF_TOK_HANDLE: return "handle";
    case NF_TOK_HASHTAG: return "hashtag";
    }
    return "unknown";
}

typedef struct {
    const char *s;
    size_t len;
    bool has_at; /* an '@' somewhere: else no e-mail address can start */
} text;

/* Code point at i (-1 at the end) and the offset after it in *next. */
static inline int32_t at(const text *t, size_t i, size_t *next)
{
    if (i < t->len && (unsigned char)t->s[i] < 0x80) { /* ASCII: most of news text */
        if (next)
            *next = i + 1;
        return (unsigned char)t->s[i];
    }
    size_t j = i;
    int32_t cp = nf_utf8_next(t->s, t->len, &j);
    if (next)
        *next = j;
    return cp;
}

/* nf_cp_is_* with the ASCII answer inline (the same answers; the calls cost more than the
 * test for the common case). */
static inline bool cp_letter(int32_t cp)
{
    return cp < 0x80 ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' : nf_cp_is_letter(cp);
}

static inline bool cp_digit(int32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : nf_cp_is_digit(cp);
}

static inline bool cp_space(int32_t cp)
{
    return cp < 0x80 ? cp == ' ' || (cp >= '\t' && cp <= '\r') : nf_cp_is_space(cp);
}

static bool is_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static bool is_han(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

static bool is_kana(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF);
}

static bool is_alnum(int32_t cp) { return cp_letter(cp) || cp_digit(cp); }

static bool is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

static bool is_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

/* Joins two parts of a word when a letter or digit follows: Catalan middle dot, soft hyphen,
 * zero-width (non-)joiner, word joiner. */
static bool is_inner_joiner(int32_t cp)
{
    return cp == 0xB7 || cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060;
}

/* Format and control characters that are neither tokens nor separators of note. */
static bool is_ignorable(int32_t cp)
{
    if (cp == 0xFE0E || cp == 0xFE0F)
        return true;
    if (cp < 0x80) /* ASCII controls are Cc; nothing else in ASCII is Cc or Cf */
        return cp >= 0 && (cp < 0x20 || cp == 0x7F);
    utf8proc_category_t c = utf8proc_category(cp);
    return cp >= 0 && (c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF);
}

static bool ascii_prefix_nocase(const text *t, size_t i, const char *p)
{
    for (; *p; p++, i++) {
        if (i >= t->len)
            return false;
        char c = t->s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != *p)
            return false;
    }
    return true;
}

static bool url_stop(int32_t cp)
{
    switch (cp) {
    case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^':
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0xAB: case 0xBB:
    case 0x201E: case 0x2039: case 0x203A: case 0xFFFD: case 0x2026:
        return true;
    default:
        return cp_space(cp) || is_ignorable(cp);
    }
}

/* End of a URL starting at i, or 0. */
static size_t scan_url(const text *t, size_t i)
{
    static const char *const prefixes[] = {"https://", "http://", "ftp://", "www.",
                                           "pic.twitter.com/", "t.co/"};
    size_t k = 0;
    if (i >= t->len || !strchr("hfwptHFWPT", t->s[i]) || t->s[i] == '\0')
        return 0; /* no prefix starts with another byte */
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        if (ascii_prefix_nocase(t, i, prefixes[p])) {
            k = i + strlen(prefixes[p]);
            break;
        }
    }
    if (!k || k >= t->len || !is_alnum(at(t, k, NULL)))
        return 0;
    size_t end = k, open_paren = 0, close_paren = 0, open_sq = 0, close_sq = 0;
    while (end < t->len) {
        size_t n;
        int32_t cp = at(t, end, &n);
        if (url_stop(cp))
            break;
        open_paren += cp == '(';
        close_paren += cp == ')';
        open_sq += cp == '[';
        close_sq += cp == ']';
        end = n;
    }
    while (end > k) {
        char c = t->s[end - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
            c == '*') {
            end--;
        } else if (c == ')' && close_paren > open_paren) {
            close_paren--;
            end--;
        } else if (c == ']' && close_sq > open_sq) {
            close_sq--;
            end--;
        } else {
            break;
        }
    }
    return end > k ? end : 0;
}

static bool email_local_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static bool domain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* End of an e-mail address starting at i, or 0. Both parts are bounded (64 and 255 bytes). */
static size_t scan_email(const text *t, size_t i)
{
    size_t k = i;
    while (k < t->len && k - i < 64 && email_local_char(t->s[k]))
        k++;
    if (k == i || k >= t->len || t->s[k] != '@')
        return 0;
    size_t d = ++k, last_dot = 0;
    while (k < t->len && k - d < 255) {
        if (domain_char(t->s[k])) {
            k++;
        } else if (t->s[k] == '.' && k > d && t->s[k - 1] != '.' && k + 1 < t->len &&
                   domain_char(t->s[k + 1])) {
            last_dot = k++;
        } else {
            break;
        }
    }
    if (!last_dot || k - last_dot < 3)
        return 0;
    for (size_t j = last_dot + 1; j < k; j++)
        if (!((t->s[j] | 0x20) >= 'a' && (t->s[j] | 0x20) <= 'z'))
            return 0;
    return k;
}

/* @handle: letters, digits, underscore. Returns the end, or 0. */
static size_t scan_handle(const text *t, size_t i)
{
    size_t k = i + 1, n;
    while (k < t->len) {
        int32_t cp = at(t, k, &n);
        if (!(is_alnum(cp) || cp == '_' || (k > i + 1 && is_mark(cp))))
            break;
        k = n;
    }
    return k > i + 1 ? k : 0;
}

/* #hashtag: letters, digits, underscore, at least one letter. Returns the end, or 0. */
static size_t scan_hashtag(const text *t, size_t i)
{
    size_t k = i + 1, n;
    bool letter = false;
    while (k < t->len) {
        int32_t cp = at(t, k, &n);
        if (cp_letter(cp) || (k > i + 1 && is_mark(cp)))
            letter = true;
        else if (!(cp_digit(cp) || cp == '_'))
            break;
        k = n;
    }
    return letter ? k : 0;
}

/* Number of letters (up to max + 1) in the run at i, its end in *end. */
static size_t letter_run(const text *t, size_t i, size_t max, size_t *end)
{
    size_t n = 0, k = i, nk;
    while (k < t->len && n <= max) {
        int32_t cp = at(t, k, &nk);
        if (!cp_letter(cp))
            break;
        n++;
        k = nk;
    }
    *end = k;
    return n;
}

/* End of the word starting at i (a letter). */
static size_t scan_word(const text *t, size_t i)
{
    size_t k = i, n;
    int32_t first = at(t, i, &n);
    if (is_han(first))
        return n;
    if (is_kana(first)) {
        while (k < t->len) {
            int32_t cp = at(t, k, &n);
            if (!(is_kana(cp) || is_mark(cp)))
                break;
            k = n;
        }
        return k;
    }
    size_t seg = 0; /* code points in the part since the last joiner */
    bool seg_letters = true, dotted = false;
    while (k < t->len) {
        int32_t cp = at(t, k, &n);
        if (cp_letter(cp) || is_mark(cp)) {
            if (is_han(cp) || is_kana(cp))
                break;
            seg++;
            k = n;
            continue;
        }
        if (cp_digit(cp)) {
            seg++;
            seg_letters = false;
            k = n;
            continue;
        }
        size_t n2;
        int32_t next = at(t, n, &n2);
        if (is_apostrophe(cp) || is_inner_joiner(cp)) {
            if (!cp_letter(next))
                break;
        } else if (is_hyphen(cp)) {
            if (!is_alnum(next))
                break;
        } else if (cp == '.' && seg_letters && seg >= 1 && seg <= 2) {
            size_t run_end;
            size_t run = letter_run(t, n, 2, &run_end);
            int32_t after = at(t, run_end, NULL);
            if (run >= 1 && run <= 2 && !cp_digit(after) && !is_mark(after)) {
                dotted = true;
            } else if (dotted) {
                /* the final period of U.S.; only a joiner may continue the word */
                k = n;
                if (!((is_hyphen(next) || is_apostrophe(next)) &&
                      cp_letter(at(t, n2, NULL))))
                    break;
                continue;
            } else {
                break;
            }
        } else {
            break;
        }
        k = n;
        seg = 0;
        seg_letters = true;
    }
    return k;
}

/* End of the number starting at i (a digit); *kind becomes WORD for 20-year-old. */
static size_t scan_number(const text *t, size_t i, nf_tok_kind *kind)
{
    size_t k = i, n;
    while (k < t->len && cp_digit(at(t, k, &n)))
        k = n;
    *kind = NF_TOK_NUMBER;
    const char *s = t->s;
    if (k - i == 4 && k + 6 <= t->len && s[k] == '-' && s[k + 3] == '-') {
        bool iso = true;
        for (size_t j = 1; j <= 5; j++)
            if (j != 3 && !(s[k + j] >= '0' && s[k + j] <= '9'))
                iso = false;
        if (iso && (k + 6 == t->len || !cp_digit(at(t, k + 6, NULL))))
            return k + 6;
    }
    for (;;) {
        int32_t cp = at(t, k, &n);
        if (cp == '.' || cp == ',' || cp == ':' || cp == '/') {
            size_t n2;
            if (!cp_digit(at(t, n, &n2)))
                break;
            k = n2;
            while (k < t->len && cp_digit(at(t, k, &n2)))
                k = n2;
        } else if (cp == 0xA0 || cp == 0x202F || cp == 0x2009) {
            size_t j = n, digits = 0, n2;
            while (j < t->len && digits < 4 && cp_digit(at(t, j, &n2))) {
                digits++;
                j = n2;
            }
            if (digits != 3)
                break;
            k = j;
        } else {
            break;
        }
    }
    size_t end;
    size_t run = letter_run(t, k, 3, &end);
    if (run >= 1 && run <= 2 && !is_alnum(at(t, end, NULL))) {
        static const char *const suffixes[] = {"st", "nd", "rd", "th", "s", "\xC2\xBA",
                                               "\xC2\xAA"};
        for (size_t j = 0; j < sizeof suffixes / sizeof suffixes[0]; j++) {
            size_t l = strlen(suffixes[j]);
            if (l == end - k && memcmp(s + k, suffixes[j], l) == 0)
                return end;
        }
    }
    int32_t cp = at(t, k, &n);
    if (is_hyphen(cp) && cp_letter(at(t, n, NULL))) {
        *kind = NF_TOK_WORD;
        return scan_word(t, n);
    }
    return k;
}

/* Unicode calls these punctuation; as tokens they are symbols. */
static bool is_symbol_punct(int32_t cp)
{
    return cp == '%' || cp == '#' || cp == '@' || cp == '&' || cp == 0xA7 || cp == 0xB6 ||
           cp == 0x2030 || cp == 0x2031 || cp == 0x2020 || cp == 0x2021;
}

static bool is_emoji_modifier(int32_t cp)
{
    return cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3 ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

static bool is_regional(int32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

/* End of the symbol starting at i: emoji sequences, flags, or one code point. */
static size_t scan_symbol(const text *t, size_t i)
{
    size_t k, n;
    int32_t cp = at(t, i, &k);
    if (is_regional(cp)) {
        return is_regional(at(t, k, &n)) ? n : k;
    }
    if (cp == 0xFFFD)
        return k;
    while (k < t->len) {
        int32_t next = at(t, k, &n);
        if (is_emoji_modifier(next) || is_mark(next)) {
            k = n;
        } else if (next == 0x200D) {
            size_t n2;
            int32_t joined = at(t, n, &n2);
            utf8proc_category_t c = utf8proc_category(joined);
            if (joined < 0 || (c != UTF8PROC_CATEGORY_SO && c != UTF8PROC_CATEGORY_SK))
                break;
            k = n2;
        } else {
            break;
        }
    }
    return k;
}

static void flags(const text *t, nf_token *tok)
{
    size_t i = tok->start, end = (size_t)tok->start + tok->len;
    bool any = false, all = true;
    while (i < end) {
        int32_t cp = (unsigned char)t->s[i] < 0x80 ? (unsigned char)t->s[i++]
                                                   : nf_utf8_next(t->s, end, &i);
        if (!cp_letter(cp))
            continue;
        bool up = cp < 0x80 ? cp >= 'A' && cp <= 'Z' : nf_cp_is_upper(cp);
        if (!any)
            tok->upper_initial = up;
        any = true;
        if (!up && (cp < 0x80 ? cp >= 'a' && cp <= 'z' : nf_cp_is_lower(cp)))
            all = false;
    }
    tok->all_upper = any && all;
}

/* One pass over the text: counts the tokens, and stores them when out is not NULL. Run twice
 * (count, then fill an exact arena array) so that a 50 MB line of "#" needs one array of
 * tokens, not a growing heap copy plus the arena's. */
static size_t scan(const text *t, nf_token *out)
{
    size_t i = 0, n = 0;
    while (i < t->len) {
        size_t next;
        int32_t cp = at(t, i, &next);
        if (cp_space(cp) || is_ignorable(cp)) {
            i = next;
            continue;
        }
        nf_tok_kind kind;
        size_t end;
        if ((end = scan_url(t, i))) {
            kind = NF_TOK_URL;
        } else if (t->has_at && is_alnum(cp) && (end = scan_email(t, i))) {
            kind = NF_TOK_URL;
        } else if (cp == '@' && (end = scan_handle(t, i))) {
            kind = NF_TOK_HANDLE;
        } else if (cp == '#' && (end = scan_hashtag(t, i))) {
            kind = NF_TOK_HASHTAG;
        } else if (cp_digit(cp)) {
            end = scan_number(t, i, &kind);
        } else if (cp_letter(cp)) {
            end = scan_word(t, i);
            kind = NF_TOK_WORD;
        } else if ((cp < 0x80 ? cp >= 0 && strchr("!\"#%&'()*,-./:;?@[\\]_{}", cp) && cp != 0
                              : nf_cp_is_punct(cp)) &&
                   !is_symbol_punct(cp)) {
            end = next;
            if (cp == '.' || cp == '-')
                while (end < t->len && t->s[end] == (char)cp)
                    end++;
            kind = NF_TOK_PUNCT;
        } else if (cp != 0xFFFD && utf8proc_category(cp) == UTF8PROC_CATEGORY_NO) {
            end = next;
            kind = NF_TOK_NUMBER;
        } else {
            end = scan_symbol(t, i);
            kind = NF_TOK_SYMBOL;
        }
        if (out) {
            nf_token *tok = &out[n];
            *tok = (nf_token){(uint32_t)i, (uint32_t)(end - i), kind, false, false};
            flags(t, tok);
        }
        n++;
        i = end;
    }
    return n;
}

nf_status nf_text_tokenize(nf_arena *a, const char *s, size_t len, nf_token **out, size_t *n_out)
{
    if (len > UINT32_MAX)
        return NF_ERR_TOOBIG;
    text t = {s, len, len && memchr(s, '@', len) != NULL};
    /* a token takes at least one byte: text up to SINGLE_PASS bytes is scanned once into a
     * scratch array of len tokens and copied; longer text is scanned twice (see scan) */
    enum { STACK_TOKENS = 1024, SINGLE_PASS = 1 << 16 };
    if (len <= SINGLE_PASS) {
        nf_token stack[STACK_TOKENS];
        nf_token *tmp = len <= STACK_TOKENS ? stack : nf_xmalloc(len * sizeof *tmp);
        size_t n = scan(&t, tmp);
        nf_token *arr = nf_arena_alloc(a, (n ? n : 1) * sizeof *arr);
        if (n)
            memcpy(arr, tmp, n * sizeof *arr);
        if (tmp != stack)
            free(tmp);
        *out = arr;
        *n_out = n;
        return NF_OK;
    }
    size_t n = scan(&t, NULL);
    nf_token *arr = nf_arena_alloc(a, (n ? n : 1) * sizeof *arr);
    scan(&t, arr);
    *out = arr;
    *n_out = n;
    return NF_OK;
}
