/* Sentence splitter: UTF-8 text -> spans of sentences, trimmed of surrounding white space.
 *
 * One pass over the text. A sentence ends:
 * - at a cluster of terminal marks (. ? ! … and their CJK, Arabic and Devanagari kin) with
 *   any closing quotes or brackets right after it, when white space or the end follows and
 *   the rules below agree;
 * - at a blank line, always;
 * - at a single line break when the line ends in a letter, digit, symbol or closing bracket
 *   (a heading, a dateline) and the next line does not start in lower case (wrapped text).
 * At a single ".": a known title before a name (Mr. Dr. Sen. Sra. Nr. e.g. z.B. ...) never
 * ends a sentence; an ambiguous abbreviation (U.S. D.C. a.m. Inc. Jan. St., any dotted
 * abbreviation, a single-letter initial) ends one only when the next word is a common
 * sentence opener ("The", "Der", "El", ...); a German ordinal before a month (24. April) and
 * a list number (1. ...) do not; any other word ends one unless the next word is lower case.
 * "?" and "!" end a sentence unless lower case follows ("Why?" he asked.); an ellipsis ends
 * one only before an upper-case letter or an opening quote. CJK full stops always end one.
 * Look-behind and look-ahead are bounded, so the work is linear in the input. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newsfuse/text.h"

#define NONE SIZE_MAX

typedef struct {
    const char *s;
    size_t len;
} text;

static inline int32_t at(const text *t, size_t i, size_t *next)
{
    if (i < t->len && (unsigned char)t->s[i] < 0x80) { /* ASCII, without the call */
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

static bool is_terminal(int32_t cp)
{
    switch (cp) {
    case '.': case '?': case '!': case 0x2026: case 0x203C: case 0x2047: case 0x2048:
    case 0x2049: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0x061F: case 0x06D4:
    case 0x0964: case 0x0965:
        return true;
    default:
        return false;
    }
}

/* Ends a sentence with no white space after it. */
static bool is_cjk_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

static bool is_closer(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case 0x2019: case 0x201D: case 0x201C:
    case 0x2018: case 0xBB: case 0xAB: case 0x203A: case 0x2039: case 0x300D: case 0x300F:
    case 0xFF09: case 0x3011:
        return true;
    default:
        return false;
    }
}

static bool is_opener(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '(': case '[': case '{': case 0x201C: case 0x2018: case 0x201E:
    case 0x201A: case 0xAB: case 0xBB: case 0x2039: case 0x203A: case 0xBF: case 0xA1:
    case 0x300C: case 0x300E: case 0xFF08: case 0x3010: case '-': case 0x2013: case 0x2014:
    case '*': case 0x2022:
        return true;
    default:
        return false;
    }
}

static bool in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

/* Abbreviations that precede what they qualify: never the end of a sentence. */
static const char *const never_final[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mmes", "Mlle", "Dr", "Dra", "Drs", "Prof", "Profs",
    "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
    "Cpl", "Pvt", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Atty", "Sr", "Sra", "Srta",
    "Sres", "Ud", "Uds", "Lic", "Ing", "Gral", "Hr", "Hrn", "Mons", "Mgr", "No", "Nos", "Nr",
    "Art", "Abs", "Vol", "vol", "Fig", "fig", "pp", "cf", "vs", "ca", "approx", "incl", "excl",
    "bzw", "ggf", "vgl", "evtl", "sog", "inkl", "Av", "Avda", "Sto", "Sta", "EE", "e.g", "i.e",
    "z.B", "d.h", "o.ä", "etw", NULL};

/* Abbreviations that may also end a sentence; a sentence opener after them decides. */
static const char *const maybe_final[] = {
    "Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "St", "Ave", "Blvd", "Rd", "Mt", "Ft", "etc",
    "usw", "Mio", "Mrd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "ene", "feb", "abr", "ago", "sept", "oct", "dic", "Okt", "Dez", NULL};

/* Words that commonly open a sentence (en es de fr pt it). */
static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
    "Their", "Our", "My", "This", "That", "These", "Those", "There", "Here", "Then", "Now",
    "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If", "When", "While", "After",
    "Before", "As", "Since", "Although", "However", "Meanwhile", "Still", "Also", "Some",
    "Many", "Most", "Both", "All", "No", "What", "Who", "Why", "How", "Where", "According",
    "El", "La", "Los", "Las", "Un", "Una", "Él", "Ella", "Ellos", "Este", "Esta", "Esto",
    "En", "Por", "Para", "Pero", "Sin", "Con", "Según", "Se", "Es", "Hay", "Además",
    "Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Man", "Dies",
    "Diese", "Aber", "Und", "Doch", "Auch", "Im", "Am", "Mit", "Bei", "Nach", "Laut", "Dabei",
    "Le", "Les", "Une", "Il", "Elle", "Ils", "Elles", "Nous", "Ce", "Cette", "Mais", "Et",
    "Dans", "Pour", "Selon", "O", "Os", "As", "Um", "Uma", "Ele", "Ela", "Em", "Mas", "Lo",
    "Gli", "Ma", NULL};

static const char *const months[] = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "Jan", "Feb", "Apr", "Aug", "Sept", "Okt",
    "Nov", "Dez", NULL};

typedef enum { W_ORDINARY, W_NEVER, W_MAYBE, W_NUMBER } word_class;

/* The word before a single period: w[0..n), leading opening marks already skipped. */
static word_class classify_word(const char *w, size_t n, bool starts_sentence)
{
    if (n == 0 || n > 24)
        return W_ORDINARY;
    if (in_list(never_final, w, n))
        return W_NEVER;
    if (in_list(maybe_final, w, n))
        return W_MAYBE;
    text t = {w, n};
    size_t i = 0, letters = 0, digits = 0, next;
    bool inner_period = false;
    while (i < n) {
        int32_t cp = at(&t, i, &next);
        if (nf_cp_is_letter(cp))
            letters++;
        else if (nf_cp_is_digit(cp))
            digits++;
        else if (cp == '.' && next < n && nf_cp_is_letter(at(&t, next, NULL)))
            inner_period = true;
        else
            return W_ORDINARY;
        i = next;
    }
    if (inner_period || (letters == 1 && digits == 0))
        return W_MAYBE;
    if (digits && !letters && digits <= 3)
        return starts_sentence ? W_NEVER : W_NUMBER;
    return W_ORDINARY;
}

/* What follows a terminal cluster. */
typedef struct {
    bool end;       /* only white space up to the end */
    bool blank;     /* a blank line in the white space */
    bool opener;    /* an opening quote, bracket or dash before the word */
    int32_t first;  /* first code point of the word */
    const char *w;  /* the word's letters (up to 24 bytes) */
    size_t wlen;
    bool initial;   /* the word is one letter and a period: J. K. Rowling */
} lookahead;

static void look_ahead(const text *t, size_t i, lookahead *la)
{
    memset(la, 0, sizeof *la);
    size_t next, newlines = 0;
    int32_t cp;
    while (i < t->len && nf_cp_is_space(cp = at(t, i, &next))) {
        newlines += cp == '\n';
        i = next;
    }
    la->blank = newlines >= 2;
    if (i >= t->len) {
        la->end = true;
        return;
    }
    for (int k = 0; k < 8 && i < t->len && is_opener(cp = at(t, i, &next)); k++) {
        la->opener = true;
        i = next;
    }
    la->first = at(t, i, NULL);
    la->w = t->s + i;
    size_t j = i, letters = 0;
    while (j < t->len && j - i < 24 && nf_cp_is_letter(at(t, j, &next))) {
        letters++;
        j = next;
    }
    la->wlen = j - i;
    la->initial = letters == 1 && j < t->len && t->s[j] == '.' && nf_cp_is_upper(la->first);
}

/* Does the cluster of terminal marks at [p, q) followed by la end the sentence? The word
 * before it is w[0..wn). */
static bool ends_sentence(const text *t, size_t p, size_t q, const lookahead *la, const char *w,
                          size_t wn, bool starts_sentence)
{
    bool question = false, cjk = false;
    size_t dots = 0, i = p, next;
    while (i < q) {
        int32_t cp = at(t, i, &next);
        if (!is_terminal(cp))
            break;
        if (is_cjk_stop(cp))
            cjk = true;
        else if (cp == '.')
            dots++;
        else if (cp == 0x2026)
            dots += 3;
        else
            question = true;
        i = next;
    }
    if (cjk)
        return true;
    if (la->end || la->blank)
        return true;
    bool lower = nf_cp_is_lower(la->first);
    if (question)
        return !lower;
    if (dots > 1)
        return (nf_cp_is_letter(la->first) && !lower) || (la->opener && !lower);
    switch (classify_word(w, wn, starts_sentence)) {
    case W_NEVER:
        return false;
    case W_MAYBE:
        if (la->initial)
            return false;
        if (la->opener && !lower)
            return true;
        return in_list(openers, la->w, la->wlen);
    case W_NUMBER:
        if (in_list(months, la->w, la->wlen))
            return false;
        return !lower;
    case W_ORDINARY:
        break;
    }
    return !lower;
}

static bool heading_end(int32_t cp)
{
    if (cp <= 0)
        return false;
    if (nf_cp_is_letter(cp) || nf_cp_is_digit(cp) || is_closer(cp))
        return true;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
        return true;
    default:
        return false;
    }
}

typedef NF_VEC(nf_span) span_vec;

static void emit(span_vec *v, size_t *start, size_t end)
{
    if (*start != NONE && end > *start)
        nf_vec_push(v, ((nf_span){(uint32_t)*start, (uint32_t)end}));
    *start = NONE;
}

nf_status nf_text_sentences(nf_arena *a, const char *s, size_t len, nf_span **out, size_t *n)
{
    if (len > UINT32_MAX)
        return NF_ERR_TOOBIG;
    text t = {s, len};
    span_vec v = {0};
    size_t i = 0, cur = NONE, word = NONE, last_end = 0, next;
    int32_t line_last = 0;
    while (i < len) {
        int32_t cp = at(&t, i, &next);
        if (cp == '\n') {
            if (cur != NONE) {
                size_t k = next, k2;
                int32_t c2 = 0;
                while (k < len && (c2 = at(&t, k, &k2)) != '\n' && nf_cp_is_space(c2))
                    k = k2;
                if (k < len && c2 == '\n') {
                    emit(&v, &cur, last_end);
                } else if (heading_end(line_last)) {
                    lookahead la;
                    look_ahead(&t, next, &la);
                    if (!nf_cp_is_lower(la.first))
                        emit(&v, &cur, last_end);
                }
            }
            line_last = 0;
            word = NONE;
            i = next;
            continue;
        }
        if (cp < 0x80 ? cp == ' ' || (cp >= '\t' && cp <= '\r') : nf_cp_is_space(cp)) {
            word = NONE;
            i = next;
            continue;
        }
        if (cur == NONE)
            cur = i;
        if (word == NONE)
            word = i;
        if (!is_terminal(cp)) {
            last_end = next;
            line_last = cp;
            i = next;
            continue;
        }
        size_t q = next, q2;
        bool cjk = is_cjk_stop(cp);
        int32_t c2;
        while (q < len && is_terminal(c2 = at(&t, q, &q2))) {
            cjk = cjk || is_cjk_stop(c2);
            q = q2;
        }
        while (q < len && is_closer(at(&t, q, &q2)))
            q = q2;
        last_end = q;
        line_last = cp;
        if (cjk || q >= len || nf_cp_is_space(at(&t, q, NULL))) {
            const char *w = s + word;
            size_t wn = i - word;
            if (wn > 64) {
                wn = 0;
            } else {
                text wt = {w, wn};
                size_t k = 0, k2;
                while (k < wn && is_opener(at(&wt, k, &k2)))
                    k = k2;
                w += k;
                wn -= k;
            }
            lookahead la;
            look_ahead(&t, q, &la);
            if (ends_sentence(&t, i, q, &la, w, wn, word == cur))
                emit(&v, &cur, q);
        }
        i = q;
    }
    emit(&v, &cur, last_end);
    nf_span *arr = nf_arena_alloc(a, (v.len ? v.len : 1) * sizeof *arr);
    if (v.len)
        memcpy(arr, v.items, v.len * sizeof *arr);
    *out = arr;
    *n = v.len;
    nf_vec_free(&v);
    return NF_OK;
}
