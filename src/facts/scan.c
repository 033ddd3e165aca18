/* Facts scanner: one pass over an article's text into words, numbers, punctuation and
 * "other" tokens (URLs, @handles, #hashtags), with the flags and number values that the time
 * and quantity extractors share; plus their small shared lexicons (number words, scale
 * words, ordinals) and an open-addressing map for lexicons keyed by folded words.
 *
 * Input: UTF-8 text (invalid bytes tolerated). Output: a heap array of nf__tok (scan.h).
 * Every look-ahead is bounded or consumed by the token it builds, so the work is linear. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "facts/scan.h"
#include "newsfuse/text.h"

/* ---- languages ----------------------------------------------------------------------- */

unsigned nf__lang_bit(const char *lang)
{
    if (!lang || !lang[0] || !lang[1])
        return NF__EN;
    static const struct {
        char code[3];
        unsigned bit;
    } m[] = {{"en", NF__EN}, {"es", NF__ES}, {"de", NF__DE},
             {"fr", NF__FR}, {"pt", NF__PT}, {"it", NF__IT}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (lang[0] == m[i].code[0] && lang[1] == m[i].code[1] &&
            (lang[2] == '\0' || lang[2] == '-'))
            return m[i].bit;
    return NF__EN;
}

bool nf__comma_decimal(const char *lang)
{
    static const char *const comma[] = {"es", "de", "fr", "pt", "it", "nl", "ca", "ro", "pl", "tr",
                                        "cs", "da", "sv", "nb", "id", "ru", "uk", "bg", "el"};
    if (!lang || !lang[0] || !lang[1])
        return false;
    for (size_t i = 0; i < sizeof comma / sizeof comma[0]; i++)
        if (lang[0] == comma[i][0] && lang[1] == comma[i][1])
            return true;
    return false;
}

/* ---- the scanner --------------------------------------------------------------------- */

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
/* the ASCII white space the scanner skips without decoding */
static const bool ascii_space[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1};
static bool is_alpha(unsigned char c) { return (unsigned char)((c | 32) - 'a') < 26; }

/* Code point at s[i] and its length; ASCII without a call. */
static int32_t cp_at(const char *s, size_t len, size_t i, size_t *next)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *next = i + 1;
        return c;
    }
    size_t j = i;
    int32_t cp = nf_utf8_next(s, len, &j);
    *next = j;
    return cp;
}

static bool letter_cp(int32_t cp)
{
    if (cp < 0x80)
        return is_alpha((unsigned char)cp);
    return nf_cp_is_letter(cp) || (cp >= 0x300 && cp < 0x370);
}

static bool space_cp(int32_t cp) { return cp == 0x200B || cp == 0xFEFF || nf_cp_is_space(cp); }

/* Abbreviations after which a period does not end a sentence (folded). */
static bool abbrev_word(const char *s, const nf__tok *w)
{
    static const char *const ab[] = {
        "mr",   "mrs",  "ms",  "dr",  "prof", "sen", "rep", "gov",  "gen",  "col",  "lt",     "sgt",
        "capt", "cmdr", "adm", "st",  "jr",   "sr",  "sra", "inc",  "corp", "co",   "ltd",    "no",
        "nos",  "vs",   "jan", "feb", "mar",  "apr", "jun", "jul",  "aug",  "sep",  "sept",   "oct",
        "nov",  "dec",  "mt",  "ft",  "ave",  "rev", "hon", "pres", "dept", "univ", "approx", "est",
        "lic",  "ing",  "arq", "dra", "av",   "nr",  "bzw", "ca",   "fig",  "op"};
    if (w->kind != NF__WORD)
        return false;
    size_t n = w->end - w->start;
    if (n == 1 && (w->flags & NF__F_UPPER))
        return true; /* an initial */
    char buf[8];
    size_t fl;
    if (n >= sizeof buf || !(fl = nf__fold(s + w->start, n, buf, sizeof buf)))
        return false;
    /* compared as 64-bit words, the list packed once by first letter */
    enum { PER_LETTER = 16 };
    static _Thread_local uint64_t packed[26][PER_LETTER];
    static _Thread_local uint8_t count[26];
    static _Thread_local bool ready;
    if (!ready) {
        for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++) {
            char b[8] = {0};
            memcpy(b, ab[i], strlen(ab[i]));
            unsigned f = (unsigned)(ab[i][0] - 'a');
            if (count[f] < PER_LETTER)
                memcpy(&packed[f][count[f]++], b, 8);
        }
        ready = true;
    }
    unsigned f0 = (unsigned char)buf[0] - (unsigned)'a';
    if (f0 >= 26)
        return false;
    char b[8] = {0};
    memcpy(b, buf, fl);
    uint64_t x;
    memcpy(&x, b, 8);
    for (size_t i = 0; i < count[f0]; i++)
        if (packed[f0][i] == x)
            return true;
    return false;
}

/* Reads a number at s[i] (a digit) into k; returns the offset after it. */
static size_t scan_number(const char *s, size_t len, size_t i, bool comma_dec, nf__tok *k)
{
    enum { MAXG = 16 };
    size_t gs[MAXG], ge[MAXG]; /* digit groups */
    char sep[MAXG];
    size_t ng = 0, j = i;
    /* ISO date YYYY-MM-DD */
    if (i + 10 <= len && is_digit((unsigned char)s[i + 1]) && is_digit((unsigned char)s[i + 2]) &&
        is_digit((unsigned char)s[i + 3]) && s[i + 4] == '-' && is_digit((unsigned char)s[i + 5]) &&
        is_digit((unsigned char)s[i + 6]) && s[i + 7] == '-' && is_digit((unsigned char)s[i + 8]) &&
        is_digit((unsigned char)s[i + 9]) &&
        (i + 10 == len || !is_digit((unsigned char)s[i + 10]))) {
        k->flags |= NF__F_ISO;
        k->ndig = 8;
        k->num = NAN;
        return i + 10;
    }
    gs[0] = j;
    while (j < len && is_digit((unsigned char)s[j]))
        j++;
    ge[0] = j;
    ng = 1;
    while (ng < MAXG && j + 1 < len && (s[j] == ',' || s[j] == '.' || s[j] == ':' || s[j] == '/') &&
           is_digit((unsigned char)s[j + 1])) {
        sep[ng] = s[j];
        gs[ng] = ++j;
        while (j < len && is_digit((unsigned char)s[j]))
            j++;
        ge[ng++] = j;
    }
    size_t ndots = 0, ncommas = 0, ncolons = 0, nslash = 0;
    for (size_t g = 1; g < ng; g++) {
        ndots += sep[g] == '.';
        ncommas += sep[g] == ',';
        ncolons += sep[g] == ':';
        nslash += sep[g] == '/';
    }
    size_t use = ng;     /* groups consumed */
    size_t dec = 0;      /* index of the decimal group, 0 when none */
    bool numeric = true; /* has a value */
    k->num = NAN;
    if (ng == 1) {
        k->flags |= NF__F_PLAIN;
    } else if (ncolons == ng - 1) {
        bool clock = ng <= 3 && ge[0] - gs[0] <= 2;
        for (size_t g = 1; g < ng; g++)
            clock = clock && ge[g] - gs[g] == 2;
        if (clock)
            k->flags |= NF__F_CLOCK, numeric = false;
        else
            use = 1, k->flags |= NF__F_PLAIN;
    } else if (nslash == ng - 1) {
        k->flags |= NF__F_SLASH, numeric = false;
    } else if (ncolons || nslash) {
        use = 1, k->flags |= NF__F_PLAIN;
    } else {
        bool three = true; /* every group after the first has three digits */
        for (size_t g = 1; g < ng; g++)
            three = three && ge[g] - gs[g] == 3;
        bool euro; /* 1.234,5 rather than 1,234.5 */
        if (ncommas == 0 && ndots >= 2)
            euro = true;
        else if (ndots == 0 && ncommas >= 2)
            euro = false;
        else if (ncommas && ndots)
            euro = sep[1] == '.';
        else if (comma_dec)
            euro = ncommas ? ge[1] - gs[1] != 3 : ge[1] - gs[1] == 3; /* 2,5 and 40.000; 2,500 */
        else
            euro = false;
        if (ncommas == 0 && ndots >= 2 && !three) {
            k->flags |= NF__F_DOT, numeric = false; /* 16.01.2026, 1.2.3 */
        } else {
            char thou = euro ? '.' : ',', point = euro ? ',' : '.';
            use = 1;
            for (size_t g = 1; g < ng; g++) {
                if (sep[g] == thou && !dec && ge[g] - gs[g] == 3)
                    use = g + 1;
                else if (sep[g] == point && !dec)
                    dec = g, use = g + 1;
                else
                    break;
            }
            bool dots_only = true;
            for (size_t g = 1; g < use; g++)
                dots_only = dots_only && sep[g] == '.';
            if (dots_only && use > 1)
                k->flags |= NF__F_DOT;
        }
    }
    if (numeric) {
        double v = 0;
        for (size_t g = 0; g < use && !(dec && g == dec); g++)
            for (size_t p = gs[g]; p < ge[g]; p++)
                v = v * 10 + (s[p] - '0');
        if (dec) {
            double f = 0, sc = 1;
            for (size_t p = gs[dec]; p < ge[dec] && p < gs[dec] + 15; p++) {
                f = f * 10 + (s[p] - '0');
                sc *= 10;
            }
            v += f / sc;
        }
        k->num = v;
    }
    uint32_t nd = 0;
    for (size_t g = 0; g < use; g++)
        nd += (uint32_t)(ge[g] - gs[g]);
    k->ndig = nd;
    return ge[use - 1];
}

/* Reads a word at s[i] (a letter); returns the offset after it and sets case flags. */
static size_t scan_word(const char *s, size_t len, size_t i, nf__tok *k, bool *digits)
{
    *digits = false;
    size_t j = i, part = 0;
    unsigned letters = 0;
    bool notup = false; /* some letter is not upper case */
    bool first = true;
    while (j < len) {
        unsigned char b = (unsigned char)s[j];
        if (b < 0x80 && is_alpha(b)) { /* a run of ASCII letters without decoding */
            if (first && b <= 'Z')
                k->flags |= NF__F_UPPER;
            first = false;
            size_t j0 = j;
#if NF__SWAR
            while (j + 8 <= len) {
                uint64_t x = nf__swar_load(s + j);
                uint64_t alpha = nf__swar_in(x | 0x2020202020202020ull, 'a', 'z');
                uint64_t low = alpha & (x << 2); /* a letter's 0x20 bit at the high bit */
                uint64_t non = ~alpha & 0x8080808080808080ull;
                if (!non) {
                    notup |= low != 0;
                    j += 8;
                    continue;
                }
                notup |= (low & nf__swar_before(non)) != 0;
                j += (unsigned)__builtin_ctzll(non) >> 3;
                goto run_done;
            }
#endif
            while (j < len && (unsigned char)s[j] < 0x80 && is_alpha((unsigned char)s[j])) {
                notup |= (unsigned char)s[j] > 'Z';
                j++;
            }
#if NF__SWAR
        run_done:
#endif
            letters += (unsigned)(j - j0);
            part += j - j0;
            /* most words end at a space or punctuation that cannot continue them */
            if (j < len && (unsigned char)s[j] < 0x80 && s[j] != '.' && !is_digit((unsigned char)s[j]))
                break;
            continue;
        }
        size_t nx;
        int32_t cp = cp_at(s, len, j, &nx);
        if (letter_cp(cp)) {
            if (cp >= 0x300 && cp < 0x370) {
                j = nx;
                continue;
            }
            bool up = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : nf_cp_is_upper(cp);
            if (first && up)
                k->flags |= NF__F_UPPER;
            first = false;
            letters++;
            notup |= !up;
            part++;
            j = nx;
            continue;
        }
        if (cp < 0x80 && is_digit((unsigned char)cp) && letters) {
            *digits = true;
            j = nx;
            continue;
        }
        /* dotted abbreviations: parts of one or two letters, each followed by a period */
        if (cp == '.' && part >= 1 && part <= 2 && nx < len && is_alpha((unsigned char)s[nx])) {
            size_t p = nx, q = 0;
            while (p < len && is_alpha((unsigned char)s[p]) && q < 3)
                p++, q++;
            if (q <= 2 && p < len && s[p] == '.') {
                for (size_t r = nx; r < p; r++) {
                    letters++;
                    notup |= !(s[r] >= 'A' && s[r] <= 'Z');
                }
                j = p + 1;
                part = 0;
                /* another part may follow: "Ph.D." handled, "U.S.A." loops */
                while (j + 1 < len && is_alpha((unsigned char)s[j])) {
                    size_t p2 = j, q2 = 0;
                    while (p2 < len && is_alpha((unsigned char)s[p2]) && q2 < 3)
                        p2++, q2++;
                    if (q2 <= 2 && p2 < len && s[p2] == '.') {
                        for (size_t r = j; r < p2; r++) {
                            letters++;
                            notup |= !(s[r] >= 'A' && s[r] <= 'Z');
                        }
                        j = p2 + 1;
                    } else
                        break;
                }
                break;
            }
        }
        break;
    }
    if (letters >= 2 && !notup)
        k->flags |= NF__F_CAPS;
    return j;
}

static bool url_at(const char *s, size_t len, size_t i)
{
    size_t r = len - i;
    return (r > 7 && !strncmp(s + i, "http://", 7)) || (r > 8 && !strncmp(s + i, "https://", 8)) ||
           (r > 4 && !strncmp(s + i, "www.", 4));
}

nf__tok *nf__scan(const char *s, size_t len, bool comma_decimal, size_t *n_out)
{
    size_t cap = len / 5 + 16, n = 0;
    nf__tok *t = nf_xmalloc(cap * sizeof *t);
    size_t i = 0;
    bool space = true;
    unsigned newlines = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (ascii_space[c]) {
            newlines += c == '\n';
            space = true;
            i++;
            continue;
        }
        size_t nx;
        int32_t cp = cp_at(s, len, i, &nx);
        if (c >= 0x80 && space_cp(cp)) {
            space = true;
            i = nx;
            continue;
        }
        if (n == cap) {
            cap *= 2;
            t = nf_xrealloc(t, cap * sizeof *t);
        }
        nf__tok *k = &t[n];
        memset(k, 0, sizeof *k);
        k->start = (uint32_t)i;
        if (n && !space)
            k->flags |= NF__F_GLUED;
        if (newlines)
            k->flags |= NF__F_LINE;
        size_t end;
        if (is_digit(c)) {
            k->kind = NF__NUM;
            end = scan_number(s, len, i, comma_decimal, k);
        } else if (c == '.' && space && nx < len && is_digit((unsigned char)s[nx]) &&
                   !comma_decimal) {
            k->kind = NF__NUM; /* .001 */
            end = scan_number(s, len, nx, comma_decimal, k);
            if (isfinite(k->num) && (k->flags & NF__F_PLAIN))
                k->num /= pow(10.0, (double)k->ndig);
            k->flags = (uint16_t)((k->flags & ~NF__F_PLAIN) | NF__F_DOT);
        } else if (letter_cp(cp)) {
            k->kind = NF__WORD;
            bool digit;
            end = scan_word(s, len, i, k, &digit);
            /* $US55,931,000, USD10m, RM23.50: the letters are a currency, the digits a number */
            static const char *const codes[] = {"USD", "EUR", "GBP", "JPY", "MXN", "CHF",
                                                "CAD", "AUD", "INR", "RM",  "RS",  "HKD",
                                                "SGD", "NZD", "CNY", "BRL", "ZAR", "PS",
                                                "US"};
            bool code = false;
            for (size_t q = 0; digit && !code && q < sizeof codes / sizeof codes[0]; q++) {
                size_t cl = strlen(codes[q]);
                code =
                    i + cl < end && !memcmp(s + i, codes[q], cl) &&
                    is_digit((unsigned char)s[i + cl]) &&
                    (q < sizeof codes / sizeof codes[0] - 1 || (n && !space && t[n - 1].cp == '$'));
                /* "PS" is the pound sign transliterated (PS2.7m, PS21,700), not PS4 */
                if (code && cl == 2 && codes[q][0] == 'P' &&
                    !(i + 3 < len && (is_digit((unsigned char)s[i + 3]) ||
                                      ((s[i + 3] == '.' || s[i + 3] == ',') && i + 4 < len &&
                                       is_digit((unsigned char)s[i + 4])))))
                    code = false;
            }
            if (digit &&
                (code || (n && !space && t[n - 1].kind == NF__PUNCT && t[n - 1].cp == '$'))) {
                size_t e2 = i;
                while (e2 < end && is_alpha((unsigned char)s[e2]))
                    e2++;
                if (e2 < end && is_digit((unsigned char)s[e2]))
                    end = e2, k->flags = (uint16_t)(k->flags | NF__F_CAPS);
            }
        } else if ((c == 'h' || c == 'w') && url_at(s, len, i)) {
            k->kind = NF__OTHER;
            end = i;
            while (end < len && !(s[end] == ' ' || s[end] == '\n' || s[end] == '\t'))
                end++;
        } else if ((c == '@' || c == '#') && nx < len &&
                   (is_alpha((unsigned char)s[nx]) || s[nx] == '_' ||
                    (unsigned char)s[nx] >= 0x80)) {
            k->kind = NF__OTHER;
            end = nx;
            while (end < len) {
                size_t e2;
                int32_t c2 = cp_at(s, len, end, &e2);
                if (!(letter_cp(c2) || (c2 < 0x80 && (is_digit((unsigned char)c2) || c2 == '_'))))
                    break;
                end = e2;
            }
        } else if ((cp == '\'' || cp == 0x2019) && n && !space && t[n - 1].kind == NF__WORD &&
                   nx < len && (s[nx] == 's' || s[nx] == 'S') &&
                   (nx + 1 >= len || !is_alpha((unsigned char)s[nx + 1]))) {
            k->kind = NF__WORD;
            k->flags |= NF__F_POSS;
            end = nx + 1;
        } else {
            k->kind = NF__PUNCT;
            k->cp = cp;
            end = nx;
        }
        /* sentence starts */
        bool sent = n == 0 || newlines >= 2;
        if (!sent && n) {
            const nf__tok *p = &t[n - 1];
            bool term = false;
            const nf__tok *q = p;
            if (q->kind == NF__PUNCT &&
                (q->cp == '"' || q->cp == 0x201D || q->cp == 0x2019 || q->cp == ')' ||
                 q->cp == 0xBB) &&
                n >= 2)
                q = &t[n - 2];
            if (q->kind == NF__PUNCT &&
                (q->cp == '.' || q->cp == '!' || q->cp == '?' || q->cp == 0x2026)) {
                term = true;
                if (q->cp == '.' && q > t && (q->flags & NF__F_GLUED) && abbrev_word(s, q - 1))
                    term = false;
                /* "am 10. März": a German ordinal day before a capitalised word */
                if (q->cp == '.' && q > t && comma_decimal && (q->flags & NF__F_GLUED) &&
                    q[-1].kind == NF__NUM && q[-1].ndig <= 2 && (q[-1].flags & NF__F_PLAIN) &&
                    k->kind == NF__WORD)
                    term = false;
            }
            /* the next token's shape only matters after a line break or a terminal mark */
            if (newlines == 1 || (space && term)) {
                bool starts = (k->flags & NF__F_UPPER) || k->kind == NF__NUM ||
                              (k->kind == NF__PUNCT &&
                               (k->cp == '"' || k->cp == 0x201C || k->cp == 0x2018 ||
                                k->cp == 0xAB || k->cp == 0xBF || k->cp == 0xA1));
                sent = newlines == 1 ? term || starts : starts;
            }
        }
        if (sent)
            k->flags |= NF__F_SENT;
        if (end <= i)
            end = nx;
        k->end = (uint32_t)end;
        n++;
        i = end;
        space = false;
        newlines = 0;
    }
    *n_out = n;
    return t;
}

_Thread_local nf__pin nf__facts_pin;
static _Thread_local uint64_t pin_epochs;

void nf__facts_pin_set(const char *text, size_t len)
{
    nf__facts_pin = (nf__pin){text, len, ++pin_epochs};
}

void nf__facts_pin_clear(void) { nf__facts_pin = (nf__pin){NULL, 0, 0}; }

static _Thread_local struct {
    const char *text;
    size_t len;
    uint64_t hash;  /* of the text, when hashed */
    uint64_t epoch; /* the pin it was made under (the text not hashed), or 0 */
    char lang[4];
    nf__tok *t;
    size_t n;
    uint8_t *nc;
} shared;

const nf__tok *nf__scan_shared(const char *text, size_t len, const char *lang, size_t *n,
                               uint8_t **nc, bool *fresh)
{
    char lg[4] = {0};
    if (lang)
        strncpy(lg, lang, 3);
    uint64_t epoch = nf__facts_pinned(text, len), h = 0;
    if (epoch)
        *fresh = !(shared.t && shared.epoch == epoch && shared.text == text &&
                   shared.len == len && !memcmp(shared.lang, lg, 4));
    else {
        h = nf_hash(text, len);
        *fresh = !(shared.t && !shared.epoch && shared.text == text && shared.len == len &&
                   shared.hash == h && !memcmp(shared.lang, lg, 4));
    }
    if (*fresh) {
        free(shared.t);
        free(shared.nc);
        shared.t = nf__scan(text, len, nf__comma_decimal(lang), &shared.n);
        shared.nc = nf_xcalloc(shared.n ? shared.n : 1, 1);
        shared.text = text, shared.len = len, shared.hash = h, shared.epoch = epoch;
        memcpy(shared.lang, lg, 4);
    }
    *n = shared.n;
    *nc = shared.nc;
    return shared.t;
}

void nf__scan_shared_release(void)
{
    free(shared.t);
    free(shared.nc);
    memset(&shared, 0, sizeof shared);
}

size_t nf__sent_next(const nf__tok *t, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && !(t[j].flags & NF__F_SENT))
        j++;
    return j;
}

/* ---- folding and comparison ---------------------------------------------------------- */

const unsigned char nf__ascii_fold[256] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
    0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F,
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
    0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
    0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,
};

size_t nf__fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    /* a word that fits is first copied through the table without bound checks (the output
     * is never longer than the input); when it had a byte beyond ASCII, the general loop
     * below does it again from the start, with the same result for the ASCII bytes */
    if (n + 2 <= cap && nf__fold_ascii(s, n, out))
        return n;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 2 > cap)
            return 0;
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            out[o++] = (char)c;
            out[o++] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            out[o++] = '\'';
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    if (o >= cap)
        return 0;
    out[o] = '\0';
    return o;
}

/* ---- lexicon maps -------------------------------------------------------------------- */

static uint32_t fnv(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* The reject filter's slot and bit for a word of n >= 1 bytes. */
static inline size_t lens_slot(const char *w, size_t n)
{
    return ((size_t)((unsigned char)w[0] & 0x1Fu) << 5) | ((unsigned char)w[n - 1] & 0x1Fu);
}
static inline uint32_t lens_bit(size_t n) { return 1u << (n < 31 ? n : 31); }

static const nf__lexkey *entry(const void *entries, size_t stride, size_t i)
{
    return (const nf__lexkey *)(const void *)((const char *)entries + i * stride);
}

void nf__lexmap_build(nf__lexmap *m, const void *entries, size_t n, size_t stride)
{
    uint32_t size = 16;
    while (size < 2 * n + 2)
        size *= 2;
    m->slot = nf_xmalloc(size * sizeof *m->slot);
    m->hash = nf_xcalloc(size, sizeof *m->hash);
    m->mask = size - 1;
    m->maxlen = 0;
    m->lens = nf_xcalloc(1024, sizeof *m->lens);
    for (uint32_t i = 0; i < size; i++)
        m->slot[i] = -1;
    for (size_t i = 0; i < n; i++) {
        const char *w = entry(entries, stride, i)->w;
        size_t len = strlen(w);
        if (len > m->maxlen)
            m->maxlen = (uint32_t)len;
        if (len)
            m->lens[lens_slot(w, len)] |= lens_bit(len);
        if (i && !strcmp(w, entry(entries, stride, i - 1)->w))
            continue;
        uint32_t hv = fnv(w, len), h = hv & m->mask;
        while (m->slot[h] >= 0) {
            if (!strcmp(entry(entries, stride, (size_t)m->slot[h])->w, w))
                break; /* a duplicate group further on: keep the first */
            h = (h + 1) & m->mask;
        }
        if (m->slot[h] < 0)
            m->slot[h] = (int32_t)i, m->hash[h] = hv;
    }
}

/* memcmp(a, b, n) == 0 for short words, without a library call */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

int nf__lexmap_find_slow(const nf__lexmap *m, const void *entries, size_t stride, const char *w,
                         size_t n, unsigned lang_mask)
{
    uint32_t hv = fnv(w, n), h = hv & m->mask;
    while (m->slot[h] >= 0) {
        size_t i = (size_t)m->slot[h];
        const nf__lexkey *e = entry(entries, stride, i);
        if (m->hash[h] == hv && same_bytes(e->w, w, n) && e->w[n] == '\0') {
            for (;;) {
                if (!e->langs || (e->langs & lang_mask))
                    return (int)i;
                i++;
                const nf__lexkey *f = entry(entries, stride, i);
                if (!f->w || strcmp(f->w, e->w))
                    return -1;
                e = f;
            }
        }
        h = (h + 1) & m->mask;
    }
    return -1;
}

/* ---- number words, scales, ordinals -------------------------------------------------- */

enum { NW_UNIT = 1, NW_TEEN, NW_TEN, NW_HUNDRED, NW_SCALE, NW_DOZEN, NW_ART, NW_AND, NW_HUNDREDS };

typedef struct {
    const char *w;
    uint8_t langs;
    uint8_t kind;
    double v;
} numword;

#define E NF__EN
#define S NF__ES
#define D NF__DE
#define F NF__FR
#define P NF__PT
#define I NF__IT
/* sorted only so that equal words are adjacent */
static const numword numwords[] = {{"a", E, NW_ART, 1},
                                   {"an", E, NW_ART, 1},
                                   {"and", E, NW_AND, 0},
                                   {"one", E, NW_UNIT, 1},
                                   {"two", E, NW_UNIT, 2},
                                   {"three", E, NW_UNIT, 3},
                                   {"four", E, NW_UNIT, 4},
                                   {"five", E, NW_UNIT, 5},
                                   {"six", E | F, NW_UNIT, 6},
                                   {"seven", E, NW_UNIT, 7},
                                   {"eight", E, NW_UNIT, 8},
                                   {"nine", E, NW_UNIT, 9},
                                   {"ten", E, NW_TEEN, 10},
                                   {"eleven", E, NW_TEEN, 11},
                                   {"twelve", E, NW_TEEN, 12},
                                   {"thirteen", E, NW_TEEN, 13},
                                   {"fourteen", E, NW_TEEN, 14},
                                   {"fifteen", E, NW_TEEN, 15},
                                   {"sixteen", E, NW_TEEN, 16},
                                   {"seventeen", E, NW_TEEN, 17},
                                   {"eighteen", E, NW_TEEN, 18},
                                   {"nineteen", E, NW_TEEN, 19},
                                   {"twenty", E, NW_TEN, 20},
                                   {"thirty", E, NW_TEN, 30},
                                   {"forty", E, NW_TEN, 40},
                                   {"fifty", E, NW_TEN, 50},
                                   {"sixty", E, NW_TEN, 60},
                                   {"seventy", E, NW_TEN, 70},
                                   {"eighty", E, NW_TEN, 80},
                                   {"ninety", E, NW_TEN, 90},
                                   {"hundred", E, NW_HUNDRED, 100},
                                   {"thousand", E, NW_SCALE, 1e3},
                                   {"million", E | F, NW_SCALE, 1e6},
                                   {"billion", E, NW_SCALE, 1e9},
                                   {"trillion", E, NW_SCALE, 1e12},
                                   {"dozen", E, NW_DOZEN, 12},
                                   /* Spanish */
                                   {"un", S | F, NW_ART, 1},
                                   {"una", S, NW_ART, 1},
                                   {"uno", S, NW_UNIT, 1},
                                   {"y", S, NW_AND, 0},
                                   {"dos", S, NW_UNIT, 2},
                                   {"tres", S, NW_UNIT, 3},
                                   {"cuatro", S, NW_UNIT, 4},
                                   {"cinco", S, NW_UNIT, 5},
                                   {"seis", S, NW_UNIT, 6},
                                   {"siete", S, NW_UNIT, 7},
                                   {"ocho", S, NW_UNIT, 8},
                                   {"nueve", S, NW_UNIT, 9},
                                   {"diez", S, NW_TEEN, 10},
                                   {"once", S, NW_TEEN, 11},
                                   {"doce", S, NW_TEEN, 12},
                                   {"trece", S, NW_TEEN, 13},
                                   {"catorce", S, NW_TEEN, 14},
                                   {"quince", S, NW_TEEN, 15},
                                   {"dieciséis", S, NW_TEEN, 16},
                                   {"diecisiete", S, NW_TEEN, 17},
                                   {"dieciocho", S, NW_TEEN, 18},
                                   {"diecinueve", S, NW_TEEN, 19},
                                   {"veinte", S, NW_TEN, 20},
                                   {"veintiuno", S, NW_TEEN, 21},
                                   {"veintiún", S, NW_TEEN, 21},
                                   {"veintiuna", S, NW_TEEN, 21},
                                   {"veintidós", S, NW_TEEN, 22},
                                   {"veintitrés", S, NW_TEEN, 23},
                                   {"veinticuatro", S, NW_TEEN, 24},
                                   {"veinticinco", S, NW_TEEN, 25},
                                   {"veintiséis", S, NW_TEEN, 26},
                                   {"veintisiete", S, NW_TEEN, 27},
                                   {"veintiocho", S, NW_TEEN, 28},
                                   {"veintinueve", S, NW_TEEN, 29},
                                   {"treinta", S, NW_TEN, 30},
                                   {"cuarenta", S, NW_TEN, 40},
                                   {"cincuenta", S, NW_TEN, 50},
                                   {"sesenta", S, NW_TEN, 60},
                                   {"setenta", S, NW_TEN, 70},
                                   {"ochenta", S, NW_TEN, 80},
                                   {"noventa", S, NW_TEN, 90},
                                   {"cien", S, NW_HUNDREDS, 100},
                                   {"ciento", S, NW_HUNDREDS, 100},
                                   {"doscientos", S, NW_HUNDREDS, 200},
                                   {"doscientas", S, NW_HUNDREDS, 200},
                                   {"trescientos", S, NW_HUNDREDS, 300},
                                   {"trescientas", S, NW_HUNDREDS, 300},
                                   {"cuatrocientos", S, NW_HUNDREDS, 400},
                                   {"cuatrocientas", S, NW_HUNDREDS, 400},
                                   {"quinientos", S, NW_HUNDREDS, 500},
                                   {"quinientas", S, NW_HUNDREDS, 500},
                                   {"seiscientos", S, NW_HUNDREDS, 600},
                                   {"seiscientas", S, NW_HUNDREDS, 600},
                                   {"setecientos", S, NW_HUNDREDS, 700},
                                   {"setecientas", S, NW_HUNDREDS, 700},
                                   {"ochocientos", S, NW_HUNDREDS, 800},
                                   {"ochocientas", S, NW_HUNDREDS, 800},
                                   {"novecientos", S, NW_HUNDREDS, 900},
                                   {"novecientas", S, NW_HUNDREDS, 900},
                                   {"mil", S, NW_SCALE, 1e3},
                                   {"millón", S, NW_SCALE, 1e6},
                                   {"millones", S, NW_SCALE, 1e6},
                                   {"docena", S, NW_DOZEN, 12},
                                   /* German */
                                   {"ein", D, NW_ART, 1},
                                   {"eine", D, NW_ART, 1},
                                   {"eins", D, NW_UNIT, 1},
                                   {"zwei", D, NW_UNIT, 2},
                                   {"drei", D, NW_UNIT, 3},
                                   {"vier", D, NW_UNIT, 4},
                                   {"fünf", D, NW_UNIT, 5},
                                   {"sechs", D, NW_UNIT, 6},
                                   {"sieben", D, NW_UNIT, 7},
                                   {"acht", D, NW_UNIT, 8},
                                   {"neun", D, NW_UNIT, 9},
                                   {"zehn", D, NW_TEEN, 10},
                                   {"elf", D, NW_TEEN, 11},
                                   {"zwölf", D, NW_TEEN, 12},
                                   {"zwanzig", D, NW_TEN, 20},
                                   {"dreißig", D, NW_TEN, 30},
                                   {"vierzig", D, NW_TEN, 40},
                                   {"fünfzig", D, NW_TEN, 50},
                                   {"hundert", D, NW_HUNDRED, 100},
                                   {"tausend", D, NW_SCALE, 1e3},
                                   {"millionen", D, NW_SCALE, 1e6},
                                   {"milliarde", D, NW_SCALE, 1e9},
                                   {"milliarden", D, NW_SCALE, 1e9},
                                   {"dutzend", D, NW_DOZEN, 12},
                                   /* French */
                                   {"une", F, NW_ART, 1},
                                   {"deux", F, NW_UNIT, 2},
                                   {"trois", F, NW_UNIT, 3},
                                   {"quatre", F, NW_UNIT, 4},
                                   {"cinq", F, NW_UNIT, 5},
                                   {"sept", F, NW_UNIT, 7},
                                   {"huit", F, NW_UNIT, 8},
                                   {"neuf", F, NW_UNIT, 9},
                                   {"dix", F, NW_TEEN, 10},
                                   {"onze", F, NW_TEEN, 11},
                                   {"douze", F, NW_TEEN, 12},
                                   {"quinze", F, NW_TEEN, 15},
                                   {"vingt", F, NW_TEN, 20},
                                   {"trente", F, NW_TEN, 30},
                                   {"quarante", F, NW_TEN, 40},
                                   {"cinquante", F, NW_TEN, 50},
                                   {"soixante", F, NW_TEN, 60},
                                   {"cent", F, NW_HUNDRED, 100},
                                   {"mille", F, NW_SCALE, 1e3},
                                   {"millions", F, NW_SCALE, 1e6},
                                   {"milliard", F, NW_SCALE, 1e9},
                                   {"milliards", F, NW_SCALE, 1e9},
                                   {"douzaine", F, NW_DOZEN, 12},
                                   {NULL, 0, 0, 0}};

typedef struct {
    const char *w;
    uint8_t langs;
    double v;
} scaleword;

static const scaleword scalewords[] = {
    {"hundred", E, 1e2},    {"thousand", E, 1e3},    {"thousands", E, 1e3},
    {"k", 0, 1e3},          {"million", E | F, 1e6}, {"millions", E | F, 1e6},
    {"m", E, 1e6},          {"mn", E, 1e6},          {"mln", 0, 1e6},
    {"mm", E, 1e6},         {"billion", E, 1e9},     {"billions", E, 1e9},
    {"bn", 0, 1e9},         {"b", E, 1e9},           {"trillion", E, 1e12},
    {"trillions", E, 1e12}, {"tn", E, 1e12},         {"mil", S, 1e3},
    {"millón", S, 1e6},     {"millones", S, 1e6},    {"mdd", S, 1e6},
    {"mdp", S, 1e6},        {"millardo", S, 1e9},    {"millardos", S, 1e9},
    {"billón", S, 1e12},    {"billones", S, 1e12},   {"mio", D, 1e6},
    {"million", D, 1e6},    {"millionen", D, 1e6},   {"mrd", D, 1e9},
    {"milliarde", D, 1e9},  {"milliarden", D, 1e9},  {"tausend", D, 1e3},
    {"milliard", F, 1e9},   {"milliards", F, 1e9},   {"mille", F, 1e3},
    {"md", F, 1e9},         {"mds", F, 1e9},         {NULL, 0, 0}};

typedef struct {
    const char *w;
    uint8_t langs;
    int v;
} ordword;

static const ordword ordwords[] = {
    {"first", E, 1},        {"second", E, 2},      {"third", E, 3},       {"fourth", E, 4},
    {"fifth", E, 5},        {"sixth", E, 6},       {"seventh", E, 7},     {"eighth", E, 8},
    {"ninth", E, 9},        {"tenth", E, 10},      {"eleventh", E, 11},   {"twelfth", E, 12},
    {"thirteenth", E, 13},  {"fourteenth", E, 14}, {"fifteenth", E, 15},  {"sixteenth", E, 16},
    {"seventeenth", E, 17}, {"eighteenth", E, 18}, {"nineteenth", E, 19}, {"twentieth", E, 20},
    {"thirtieth", E, 30},   {"primer", S, 1},      {"primero", S, 1},     {"primera", S, 1},
    {"segundo", S, 2},      {"segunda", S, 2},     {"tercer", S, 3},      {"tercero", S, 3},
    {"tercera", S, 3},      {"cuarto", S, 4},      {"cuarta", S, 4},      {"quinto", S, 5},
    {"quinta", S, 5},       {"sexto", S, 6},       {"séptimo", S, 7},     {"octavo", S, 8},
    {"noveno", S, 9},       {"décimo", S, 10},     {"erste", D, 1},       {"ersten", D, 1},
    {"zweite", D, 2},       {"zweiten", D, 2},     {"dritte", D, 3},      {"dritten", D, 3},
    {"vierte", D, 4},       {"vierten", D, 4},     {"premier", F, 1},     {"première", F, 1},
    {"deuxième", F, 2},     {"troisième", F, 3},   {"quatrième", F, 4},   {NULL, 0, 0}};
#undef E
#undef S
#undef D
#undef F
#undef P
#undef I

typedef struct {
    const char *w;
    uint8_t langs;
} extraword;

/* fractions and multiples: numbers for the quantity reader, not number words */
static const extraword extrawords[] = {
    {"half", 0},       {"third", 0},    {"thirds", 0},    {"quarter", 0},   {"quarters", 0},
    {"dozens", 0},     {"hundreds", 0}, {"thousands", 0}, {"millions", 0},  {"billions", 0},
    {"tens", 0},       {"decenas", 0},  {"cientos", 0},   {"miles", 0},     {"millones", 0},
    {"centenares", 0}, {"tausende", 0}, {"milliers", 0},  {"centaines", 0}, {"dizaines", 0},
    {"minus", 0},      {NULL, 0}};

static nf__lexmap nw_map, sc_map, ord_map, ex_map;
static void build_nc(void);
static pthread_once_t maps_once = PTHREAD_ONCE_INIT;

static void build_maps(void)
{
    nf__lexmap_build(&nw_map, numwords, sizeof numwords / sizeof numwords[0] - 1,
                     sizeof numwords[0]);
    nf__lexmap_build(&sc_map, scalewords, sizeof scalewords / sizeof scalewords[0] - 1,
                     sizeof scalewords[0]);
    nf__lexmap_build(&ord_map, ordwords, sizeof ordwords / sizeof ordwords[0] - 1,
                     sizeof ordwords[0]);
    nf__lexmap_build(&ex_map, extrawords, sizeof extrawords / sizeof extrawords[0] - 1,
                     sizeof extrawords[0]);
    build_nc();
}

static int lookup(const nf__lexmap *m, const void *entries, size_t stride, const char *text,
                  const nf__tok *t, unsigned lang)
{
    if (t->kind != NF__WORD)
        return -1;
    char buf[32];
    size_t n = nf__fold(text + t->start, t->end - t->start, buf, sizeof buf);
    return n ? nf__lexmap_find(m, entries, stride, buf, n, lang) : -1;
}

bool nf__numwords(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                  double *value, size_t *end)
{
    pthread_once(&maps_once, build_maps);
    double total = 0, cur = 0;
    int last = 0; /* kind of the last word taken */
    size_t j = i, taken_end = i;
    bool any = false, art = false;
    while (j < n) {
        int e = lookup(&nw_map, numwords, sizeof numwords[0], text, &t[j], lang);
        if (e < 0)
            break;
        const numword *w = &numwords[e];
        if (j > i && !(t[j].flags & NF__F_GLUED) && t[j - 1].kind == NF__PUNCT)
            break;
        if (w->kind == NW_ART) {
            if (j != i)
                break;
            art = true;
            cur = 1;
            last = NW_ART;
            j++;
            continue;
        }
        if (w->kind == NW_AND) {
            if (!(last == NW_HUNDRED || last == NW_SCALE || last == NW_HUNDREDS || last == NW_TEN))
                break;
            if (j + 1 >= n ||
                lookup(&nw_map, numwords, sizeof numwords[0], text, &t[j + 1], lang) < 0)
                break;
            j++;
            continue; /* "and" is taken only with what follows it */
        }
        bool ok;
        switch (w->kind) {
        case NW_UNIT:
            ok = last == 0 || last == NW_TEN || last == NW_HUNDRED || last == NW_SCALE ||
                 last == NW_HUNDREDS;
            if (ok)
                cur += w->v;
            break;
        case NW_TEEN:
            ok = last == 0 || last == NW_HUNDRED || last == NW_SCALE || last == NW_HUNDREDS ||
                 (last == NW_TEN && (lang & NF__FR));
            if (ok)
                cur += w->v;
            break;
        case NW_TEN:
            ok = last == 0 || last == NW_HUNDRED || last == NW_SCALE || last == NW_HUNDREDS;
            if (ok)
                cur += w->v;
            break;
        case NW_HUNDREDS:
            ok = last == 0 || last == NW_SCALE;
            if (ok)
                cur += w->v;
            break;
        case NW_HUNDRED:
            ok =
                last == 0 || last == NW_UNIT || last == NW_TEEN || last == NW_ART || last == NW_TEN;
            if (ok)
                cur = (cur > 0 ? cur : 1) * 100;
            break;
        case NW_DOZEN:
            ok = last == 0 || last == NW_UNIT || last == NW_ART || last == NW_TEEN;
            if (ok)
                cur = (cur > 0 ? cur : 1) * 12;
            break;
        default: /* NW_SCALE */
            ok = last != NW_SCALE || total + cur < w->v;
            if (ok) {
                if (cur >= 1 && total >= w->v)
                    total += cur * w->v;
                else
                    total = (total + cur > 0 ? total + cur : 1) * w->v;
                cur = 0;
            }
            break;
        }
        if (!ok)
            break;
        last = w->kind;
        any = true;
        j++;
        taken_end = j;
    }
    if (!any)
        return false;
    (void)art;
    *value = total + cur;
    *end = taken_end;
    return true;
}

/* One map over all number-ish words: numwords, ordinals, fractions, scales, with their class
 * bits, so that a word is classified with one lookup. */
typedef struct {
    const char *w;
    uint8_t langs;
    uint8_t bits;
} ncword;

static ncword *nc_words;
static nf__lexmap nc_map;

static int nc_cmp(const void *a, const void *b)
{
    const ncword *x = a, *y = b;
    int c = strcmp(x->w, y->w);
    return c ? c : (int)x->langs - (int)y->langs;
}

static void build_nc(void)
{
    size_t n = 0, cap = sizeof numwords / sizeof numwords[0] +
                        sizeof ordwords / sizeof ordwords[0] +
                        sizeof extrawords / sizeof extrawords[0] +
                        sizeof scalewords / sizeof scalewords[0];
    nc_words = nf_xcalloc(cap + 1, sizeof *nc_words);
    for (size_t i = 0; numwords[i].w; i++)
        if (numwords[i].kind != NW_AND)
            nc_words[n++] =
                (ncword){numwords[i].w, numwords[i].langs,
                         (uint8_t)(numwords[i].kind == NW_ART ? NF__NC_ART : NF__NC_NUM)};
    for (size_t i = 0; ordwords[i].w; i++)
        nc_words[n++] = (ncword){ordwords[i].w, ordwords[i].langs, NF__NC_ORD};
    for (size_t i = 0; extrawords[i].w; i++)
        nc_words[n++] = (ncword){extrawords[i].w, extrawords[i].langs, NF__NC_NUM};
    for (size_t i = 0; scalewords[i].w; i++)
        nc_words[n++] = (ncword){scalewords[i].w, scalewords[i].langs, NF__NC_NUM};
    qsort(nc_words, n, sizeof *nc_words, nc_cmp);
    nf__lexmap_build(&nc_map, nc_words, n, sizeof *nc_words);
}

unsigned nf__numclass_folded(const char *buf, size_t n, unsigned lang)
{
    pthread_once(&maps_once, build_maps);
    int e = nf__lexmap_find(&nc_map, nc_words, sizeof *nc_words, buf, n, lang);
    unsigned r = 0;
    for (; e >= 0 && nc_words[e].w && !strncmp(nc_words[e].w, buf, n) && nc_words[e].w[n] == '\0';
         e++)
        if (!nc_words[e].langs || (nc_words[e].langs & lang))
            r |= nc_words[e].bits;
    return r;
}

unsigned nf__numclass(const char *text, const nf__tok *t, unsigned lang)
{
    pthread_once(&maps_once, build_maps);
    if (t->kind != NF__WORD || t->end - t->start >= 32)
        return 0;
    char buf[32];
    size_t n = nf__fold(text + t->start, t->end - t->start, buf, sizeof buf);
    return n ? nf__numclass_folded(buf, n, lang) : 0;
}

bool nf__number_word(const char *text, const nf__tok *t, unsigned lang)
{
    return (nf__numclass(text, t, lang) & NF__NC_NUM) != 0;
}

double nf__scale_word(const char *text, const nf__tok *t, unsigned lang)
{
    pthread_once(&maps_once, build_maps);
    int e = lookup(&sc_map, scalewords, sizeof scalewords[0], text, t, lang);
    return e < 0 ? 0 : scalewords[e].v;
}

int nf__ordinal_word(const char *text, const nf__tok *t, unsigned lang)
{
    pthread_once(&maps_once, build_maps);
    int e = lookup(&ord_map, ordwords, sizeof ordwords[0], text, t, lang);
    return e < 0 ? 0 : ordwords[e].v;
}

void nf__fmt_num(char *buf, size_t cap, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, cap, "%s", "nan");
        return;
    }
    if (fabs(v) >= 1e15) {
        snprintf(buf, cap, "%g", v);
        return;
    }
    if (v == floor(v)) {
        snprintf(buf, cap, "%.0f", v);
        return;
    }
    snprintf(buf, cap, "%.6f", v);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
}

/* ---- sorting --------------------------------------------------------------------------- */

typedef struct {
    uint64_t key;
    size_t idx;
} keyed;

void nf__sort_keyed(void *items, size_t n, size_t size, uint64_t *keys)
{
    if (n < 2)
        return;
    keyed *a = nf_xmalloc(n * sizeof *a), *b = nf_xmalloc(n * sizeof *b);
    for (size_t i = 0; i < n; i++)
        a[i] = (keyed){keys[i], i};
    if (n <= 256) { /* insertion sort: stable, and the lists are nearly in order */
        for (size_t i = 1; i < n; i++) {
            keyed x = a[i];
            size_t j = i;
            while (j > 0 && a[j - 1].key > x.key)
                a[j] = a[j - 1], j--;
            a[j] = x;
        }
    } else {
        size_t count[256];
        for (unsigned shift = 0; shift < 64; shift += 8) {
            memset(count, 0, sizeof count);
            for (size_t i = 0; i < n; i++)
                count[(a[i].key >> shift) & 0xFF]++;
            if (count[(a[0].key >> shift) & 0xFF] == n)
                continue; /* every key has this digit */
            size_t sum = 0;
            for (size_t d = 0; d < 256; d++) {
                size_t c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (size_t i = 0; i < n; i++)
                b[count[(a[i].key >> shift) & 0xFF]++] = a[i];
            keyed *t = a;
            a = b, b = t;
        }
    }
    char *tmp = nf_xmalloc(n * size);
    for (size_t i = 0; i < n; i++) {
        memcpy(tmp + i * size, (char *)items + a[i].idx * size, size);
        keys[i] = a[i].key;
    }
    memcpy(items, tmp, n * size);
    free(tmp);
    free(a);
    free(b);
}
