/* Facts: the word scanner, word classes and gazetteer lookups that the entity and quote
 * extractors share (interface and rules in ner.h).
 *
 * The scanner is one left-to-right pass; every look-ahead is bounded (a dotted abbreviation
 * looks at most three bytes ahead), so it is linear in the text and ASCII bytes never reach
 * the Unicode tables. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <utf8proc.h>

#include "ner.h"
#include "scan.h"
#include "newsfuse/text.h"

/* ---- character classes ----------------------------------------------------------------- */

static inline bool a_alpha(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }
static inline bool a_digit(unsigned char c) { return (unsigned char)(c - '0') < 10; }
static inline bool a_upper(unsigned char c) { return (unsigned char)(c - 'A') < 26; }

/* Code point at s[*i] (advancing *i); -1 at the end. */
static inline int32_t cp_at(const char *s, size_t n, size_t *i)
{
    if (*i >= n)
        return -1;
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    return nf_utf8_next(s, n, i);
}

static inline int32_t peek(const char *s, size_t n, size_t i)
{
    return cp_at(s, n, &i);
}

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && a_alpha((unsigned char)cp);
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp < 0x250)
        return cp != 0xD7 && cp != 0xF7; /* Latin-1 and Latin Extended-A/B */
    if (cp >= 0x2000 && cp < 0x2070)
        return false; /* general punctuation: quotes, dashes, spaces */
    return nf_cp_is_letter(cp);
}

/* Upper case for a letter (Latin-1 without a table look-up). */
static bool is_upper_letter(int32_t cp)
{
    if (cp < 0x80)
        return a_upper((unsigned char)cp);
    if (cp < 0x100)
        return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
    return nf_cp_is_upper(cp);
}

static bool is_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static bool is_alnum(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (a_alpha((unsigned char)cp) || a_digit((unsigned char)cp));
    return nf_cp_is_letter(cp) || nf_cp_is_digit(cp) || is_mark(cp);
}

static bool is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF || cp == 0x85)
        return true;
    return false;
}

static bool is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* Opening quotation marks and brackets: the word after one gets NF__T_OPEN. */
static bool is_opener(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '(': case '[': case '{': case 0x201C: case 0x2018: case 0x201E:
    case 0x201A: case 0x00AB: case 0x2039: case 0x300C: case 0x300E: case 0x00BB:
        return true;
    default:
        return false;
    }
}

static bool is_closer(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case 0x201D: case 0x2019: case 0x201C:
    case 0x00BB: case 0x203A: case 0x300D: case 0x300F: case 0x00AB:
        return true;
    default:
        return false;
    }
}

/* Abbreviations whose period does not end a sentence (titles, months, "No."). */
static const char *const abbr[] = {
        "mr", "mrs", "ms", "dr", "st", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
        "capt", "sgt", "prof", "jr", "sr", "sra", "srta", "no", "nos", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "mt", "ft", "rev",
        "hon", "adm", "maj", "cmdr", "brig", "dept", "inc", "corp", "ltd", "co", "bros", "ave",
        "blvd", "rd", "av", "pres", "supt", "insp", "det", "mme", "mlle", "dra", "lic", "ing",
        "univ", "assn", "approx", "fig", "vol", "ed", "cf", "ca", "gral", "sto", "sta"};

/* Bit (n - 1) of abbr_mask[first letter] is set when some abbreviation of n letters starts
 * with that letter: most words are rejected without a comparison. */
static uint8_t abbr_mask[26];
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

/* The abbreviations by first letter, each packed into a 64-bit word (zero-padded) */
enum { ABBR_PER_LETTER = 16 };
static uint64_t abbr_packed[26][ABBR_PER_LETTER];
static uint8_t abbr_count[26];

static uint64_t abbr_pack(const char *w, size_t n)
{
    char b[8] = {0};
    memcpy(b, w, n);
    uint64_t x;
    memcpy(&x, b, 8);
    return x;
}

static void abbr_build(void)
{
    for (size_t k = 0; k < sizeof abbr / sizeof *abbr; k++) {
        size_t l = strlen(abbr[k]);
        unsigned f = (unsigned)(abbr[k][0] - 'a');
        abbr_mask[f] |= (uint8_t)(1u << (l - 1));
        if (abbr_count[f] < ABBR_PER_LETTER)
            abbr_packed[f][abbr_count[f]++] = abbr_pack(abbr[k], l);
    }
}

static bool non_final_abbrev(const char *s, size_t n)
{
    if (n == 1)
        return true; /* an initial */
    if (n > 6)
        return false;
    unsigned char c0 = (unsigned char)(s[0] | 0x20);
    if (c0 < 'a' || c0 > 'z' || !(abbr_mask[c0 - 'a'] & (1u << (n - 1))))
        return false;
    char f[8] = {0};
    for (size_t i = 0; i < n; i++)
        f[i] = (char)(s[i] | 0x20);
    uint64_t x;
    memcpy(&x, f, 8);
    const uint64_t *p = abbr_packed[c0 - 'a'];
    for (size_t k = 0, e = abbr_count[c0 - 'a']; k < e; k++)
        if (p[k] == x)
            return true;
    return false;
}

/* ---- scanner --------------------------------------------------------------------------- */

/* ASCII byte classes: letters (with their case), digits, and the white space that the main
 * loop skips without decoding. */
enum { C_UP = 1, C_LOW = 2, C_DIGIT = 4, C_SPACE = 8 /* ' ', '\t', '\r' */ };
#define C_ALPHA (C_UP | C_LOW)
#define C_ALNUM (C_UP | C_LOW | C_DIGIT)
#define U_(c) [c] = C_UP
#define L_(c) [c] = C_LOW
static const uint8_t ncls[256] = {
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
    U_('A'), U_('B'), U_('C'), U_('D'), U_('E'), U_('F'), U_('G'), U_('H'), U_('I'), U_('J'),
    U_('K'), U_('L'), U_('M'), U_('N'), U_('O'), U_('P'), U_('Q'), U_('R'), U_('S'), U_('T'),
    U_('U'), U_('V'), U_('W'), U_('X'), U_('Y'), U_('Z'),
    L_('a'), L_('b'), L_('c'), L_('d'), L_('e'), L_('f'), L_('g'), L_('h'), L_('i'), L_('j'),
    L_('k'), L_('l'), L_('m'), L_('n'), L_('o'), L_('p'), L_('q'), L_('r'), L_('s'), L_('t'),
    L_('u'), L_('v'), L_('w'), L_('x'), L_('y'), L_('z'),
    [' '] = C_SPACE, ['\t'] = C_SPACE, ['\r'] = C_SPACE};
#undef U_
#undef L_


/* Scans a word starting at i (a letter); returns the end and sets flags. */
static inline __attribute__((always_inline)) size_t scan_word(const char *s, size_t n, size_t i,
                                                               unsigned *flags, size_t *tok_end)
{
    size_t j = i;
    bool first = true, lower = false;
    /* the case of the first letter: a word starts at a letter, known here when it is ASCII */
    int upper_first = (unsigned char)s[i] < 0x80 ? a_upper((unsigned char)s[i]) : -1;
    unsigned letters = 0, seg = 0; /* letters in the current dot-separated segment */
    bool dots = false;
    *flags = 0;
    for (;;) {
        /* fast path: a run of ASCII letters and digits, looked at once it is known */
        size_t run0 = j;
        unsigned acc = 0, cl;
#if NF__SWAR
        while (j + 8 <= n) { /* eight bytes at a time */
            uint64_t x = nf__swar_load(s + j);
            uint64_t alpha = nf__swar_in(x | 0x2020202020202020ull, 'a', 'z');
            uint64_t non = ~(alpha | nf__swar_in(x, '0', '9')) & 0x8080808080808080ull;
            alpha &= nf__swar_before(non); /* all of them when non is 0 */
            uint64_t low = alpha & (x << 2); /* a letter's 0x20 bit, moved to the high bit */
            if (__builtin_expect(upper_first < 0, 0) && alpha)
                upper_first = !((low >> __builtin_ctzll(alpha)) & 1);
            lower |= low != 0;
            if (!non) {
                j += 8;
                continue;
            }
            j += (unsigned)__builtin_ctzll(non) >> 3;
            goto run_done;
        }
#endif
        while (j < n && ((cl = ncls[(unsigned char)s[j]]) & C_ALNUM)) {
            acc |= cl;
            j++;
        }
        if (upper_first < 0 && (acc & C_ALPHA)) {
            size_t q = run0;
            while (!(ncls[(unsigned char)s[q]] & C_ALPHA))
                q++;
            upper_first = (ncls[(unsigned char)s[q]] & C_UP) != 0;
        }
#if NF__SWAR
    run_done:
#endif
        if (j > run0) {
            if (acc & C_LOW)
                lower = true;
            letters += (unsigned)(j - run0);
            seg += (unsigned)(j - run0);
            first = false;
        }
        /* most words end at a space or punctuation that cannot continue them */
        if (j >= n)
            break;
        {
            unsigned char ch = (unsigned char)s[j];
            if (ch < 0x80 && ch != '\'' && ch != '-' && ch != '.')
                break;
        }
        size_t k = j;
        int32_t cp = cp_at(s, n, &k);
        if (cp < 0)
            break;
        if (is_letter(cp) || (cp < 0x80 ? a_digit((unsigned char)cp) : (nf_cp_is_digit(cp) || is_mark(cp)))) {
            if (is_letter(cp)) {
                bool up = is_upper_letter(cp);
                if (upper_first < 0)
                    upper_first = up;
                if (!up && (cp >= 0x100 ? nf_cp_is_lower(cp) : true))
                    lower = true;
                letters++;
                seg++;
            }
            first = false;
            j = k;
            continue;
        }
        if (first)
            break;
        if (is_apos(cp)) {
            int32_t nx = peek(s, n, k);
            if (nx == 's' || nx == 'S') {
                size_t k2 = k + 1;
                int32_t nn = peek(s, n, k2);
                if (nn < 0 || !is_alnum(nn)) { /* possessive 's */
                    *flags |= NF__T_POSS;
                    *tok_end = j;
                    if (upper_first > 0)
                        *flags |= NF__T_UPPER;
                    if (!lower && letters >= 2)
                        *flags |= NF__T_CAPS;
                    if (dots)
                        *flags |= NF__T_DOTS;
                    return k2;
                }
            }
            if (nx >= 0 && is_letter(nx)) { /* inner apostrophe: O'Brien, don't */
                j = k;
                seg = 0;
                continue;
            }
            /* plural possessive of a name: Reyes' government */
            if (upper_first > 0 && j > i && (s[j - 1] == 's') && (nx < 0 || !is_alnum(nx))) {
                *flags |= NF__T_POSS;
                *tok_end = j;
                *flags |= NF__T_UPPER;
                if (!lower && letters >= 2)
                    *flags |= NF__T_CAPS;
                return k;
            }
            break;
        }
        if (cp == '-' || cp == 0x2011) {
            int32_t nx = peek(s, n, k);
            if (nx >= 0 && is_alnum(nx)) {
                if (cp == '-')
                    *flags |= NF__T_HYPH;
                j = k;
                seg = 0;
                continue;
            }
            break;
        }
        if (cp == '.' && seg >= 1 && seg <= 2) {
            /* a dotted abbreviation: U.S. D.C. EE.UU. Ph.D. a.m. */
            size_t k2 = k;
            unsigned m = 0;
            while (m < 3 && k2 < n && a_alpha((unsigned char)s[k2])) {
                k2++;
                m++;
            }
            if (m >= 1 && m <= 2 && k2 < n && s[k2] == '.') {
                dots = true;
                j = k;
                seg = 0;
                continue;
            }
            if (dots) { /* the final period of U.S. */
                j = k;
                if (j + 1 < n && s[j] == '-' && is_alnum(peek(s, n, j + 1))) {
                    *flags |= NF__T_HYPH;
                    j++;
                    seg = 0;
                    continue;
                }
                break;
            }
            break;
        }
        break;
    }
    *tok_end = j;
    if (upper_first > 0)
        *flags |= NF__T_UPPER;
    else if (upper_first == 0 && j - i > 3 && s[i + 2] == '-' && (s[i] == 'a' || s[i] == 'e') &&
             s[i + 1] == 'l' && a_upper((unsigned char)s[i + 3]))
        *flags |= NF__T_UPPER; /* al-Assad, el-Sisi */
    else if (upper_first == 0 && j - i >= 4 && j - i <= 12 && a_upper((unsigned char)s[i + 1]) &&
             !a_upper((unsigned char)s[i + 2]))
        *flags |= NF__T_UPPER; /* iPhone, eBay, iTunes: a name written with an inner capital */
    if (!lower && letters >= 2)
        *flags |= NF__T_CAPS;
    if (dots)
        *flags |= NF__T_DOTS;
    return j;
}

static atomic_bool abbr_ready;

static void abbr_build_and_mark(void)
{
    abbr_build();
    atomic_store_explicit(&abbr_ready, true, memory_order_release);
}

nf__ntok *nf__ner_scan(const char *s, size_t n, size_t *count)
{
    if (!atomic_load_explicit(&abbr_ready, memory_order_acquire))
        pthread_once(&abbr_once, abbr_build_and_mark);
    /* the array in locals, so that the compiler keeps them in registers */
    nf__ntok *items = NULL;
    size_t len = 0, cap = 0;
    nf__vec_grow((void **)&items, &cap, sizeof *items, n / 5 + 16); /* about a token per 5 bytes */
    size_t i = 0;
    unsigned ws = NF__T_PARA; /* white-space flags for the next token */
    bool pending = true;      /* the next word starts a sentence */
    bool open = false;        /* the next word follows an opening mark */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        /* white space */
        if (ncls[c] & C_SPACE) {
            ws |= NF__T_SPACE;
            i++;
            while (i < n && s[i] == ' ')
                i++;
            continue;
        }
        if (c == '\n') {
            ws |= (ws & NF__T_LINE) ? NF__T_PARA | NF__T_LINE | NF__T_SPACE : NF__T_LINE | NF__T_SPACE;
            i++;
            continue;
        }
        size_t k = i;
        int32_t cp = cp_at(s, n, &k);
        if (c >= 0x80 && is_space(cp)) {
            ws |= NF__T_SPACE;
            i = k;
            continue;
        }
        nf__ntok t = {(uint32_t)i, (uint32_t)k, NF__NP, 0, cp};
        if (ws & NF__T_PARA)
            pending = true;
        else if (ws & NF__T_LINE) {
            /* a line break starts a sentence unless the line before ran on */
            const nf__ntok *p = len ? &items[len - 1] : NULL;
            if (!p || !(p->kind == NF__NW && !(p->flags & NF__T_UPPER)) || (p->kind == NF__NP && p->cp == ','))
                pending = true;
        }
        if (c < 0x80 ? a_alpha(c) : is_letter(cp)) {
            unsigned fl;
            size_t tend;
            size_t next = scan_word(s, n, i, &fl, &tend);
            t.kind = NF__NW;
            t.end = (uint32_t)tend;
            t.flags = (uint16_t)fl;
            t.cp = 0;
            /* URLs that start with a word: www.example.com, https://... */
            if (tend - i - 3 <= 2 &&
                ((tend - i == 3 && memcmp(s + i, "www", 3) == 0 && next < n && s[next] == '.') ||
                 ((tend - i == 4 || tend - i == 5) && next + 2 < n && s[next] == ':' &&
                  s[next + 1] == '/' && s[next + 2] == '/'))) {
                size_t e = next;
                while (e < n && s[e] != ' ' && s[e] != '\n' && s[e] != '\t' && s[e] != '\r')
                    e++;
                t.kind = NF__NO;
                t.end = (uint32_t)e;
                t.flags = 0;
                next = e;
            }
            i = next;
        } else if (cp < 0x80 && a_digit((unsigned char)c)) {
            size_t j = i + 1;
            while (j < n && (a_digit((unsigned char)s[j]) ||
                             ((s[j] == '.' || s[j] == ',' || s[j] == ':' || s[j] == '/') && j + 1 < n &&
                              a_digit((unsigned char)s[j + 1]))))
                j++;
            t.kind = NF__NN;
            t.end = (uint32_t)j;
            t.cp = 0;
            i = j;
        } else if ((c == '@' || c == '#') && k < n && is_alnum(peek(s, n, k))) {
            size_t j = k;
            while (j < n) {
                size_t j2 = j;
                int32_t q = cp_at(s, n, &j2);
                if (!(is_alnum(q) || q == '_'))
                    break;
                j = j2;
            }
            t.kind = NF__NO;
            t.end = (uint32_t)j;
            t.cp = 0;
            i = j;
        } else {
            if (c == '.' && k < n && s[k] == '.') { /* ... */
                size_t j = k;
                while (j < n && s[j] == '.')
                    j++;
                t.end = (uint32_t)j;
                t.cp = 0x2026;
                k = j;
            } else if (c == '-' && k < n && s[k] == '-') {
                size_t j = k;
                while (j < n && s[j] == '-')
                    j++;
                t.end = (uint32_t)j;
                t.cp = 0x2014;
                k = j;
            }
            i = k;
        }
        t.flags = (uint16_t)(t.flags | (ws & (NF__T_SPACE | NF__T_LINE | NF__T_PARA)));
        ws = 0;
        if (t.kind == NF__NW || t.kind == NF__NN) {
            if (pending && (t.kind == NF__NN || (t.flags & NF__T_UPPER) || (t.flags & NF__T_PARA) ||
                            (t.flags & NF__T_LINE)))
                t.flags |= NF__T_SENT;
            if (open && t.kind == NF__NW)
                t.flags |= NF__T_OPEN;
            pending = false;
            open = false;
        } else if (t.kind == NF__NP) {
            int32_t p = t.cp;
            if (p == '.' || p == '!' || p == '?' || p == 0x2026 || p == 0x3002 || p == 0xFF01 ||
                p == 0xFF1F) {
                const nf__ntok *w = len ? &items[len - 1] : NULL;
                if (p != '.' || !w || w->kind != NF__NW || (t.flags & NF__T_SPACE) ||
                    !non_final_abbrev(s + w->start, w->end - w->start))
                    pending = true;
            } else if (p == ':' || p == 0x2014 || p == 0x2013) {
                open = true;
            } else if (p == '(' || p == '[' || p == '{') {
                open = false;
            } else if (is_opener(p) && !is_closer(p)) {
                open = true;
            } else if (is_opener(p) && (t.flags & NF__T_SPACE)) {
                open = true; /* a straight quote or » after a space opens */
            } else if (!is_closer(p)) {
                open = false;
            }
        } else {
            pending = false;
            open = false;
        }
        if (len == cap)
            nf__vec_grow((void **)&items, &cap, sizeof *items, len + 1);
        items[len++] = t;
    }
    *count = len;
    if (!items)
        return nf_xcalloc(1, sizeof(nf__ntok));
    return items;
}

/* ---- one scan per text ------------------------------------------------------------------ */

/* Tokens depend only on the bytes of the text, so a cache keyed by the text's length and
 * hash is always right: entities scans, quotes reuses the same array. One entry per
 * thread. */
static _Thread_local struct {
    uint64_t hash;  /* of the text, when hashed */
    uint64_t epoch; /* the nf_facts_extract pin it was made under (not hashed), or 0 */
    const char *text;
    size_t len, n;
    nf__ntok *t;
} tcache;

const nf__ntok *nf__ner_tokens(const char *text, size_t len, size_t *n)
{
    uint64_t epoch = nf__facts_pinned(text, len), h = 0;
    if (epoch) {
        if (tcache.t && tcache.epoch == epoch && tcache.text == text && tcache.len == len) {
            *n = tcache.n;
            return tcache.t;
        }
    } else {
        h = nf_hash(text, len);
        if (tcache.t && !tcache.epoch && tcache.len == len && tcache.hash == h) {
            *n = tcache.n;
            return tcache.t;
        }
    }
    free(tcache.t);
    tcache.t = nf__ner_scan(text, len, &tcache.n);
    tcache.text = text;
    tcache.len = len;
    tcache.hash = h;
    tcache.epoch = epoch;
    *n = tcache.n;
    return tcache.t;
}

void nf__ner_tokens_release(void)
{
    free(tcache.t);
    memset(&tcache, 0, sizeof tcache);
}

/* ---- folding --------------------------------------------------------------------------- */

/* ASCII folding through scan.c's table (nf__ascii_fold). */

size_t nf__ner_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    /* a word that fits: through the table without bound checks; when it had a byte beyond
     * ASCII, the loop below redoes it from the start */
    if (n + 1 < cap && nf__fold_ascii(s, n, out))
        return n;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o + 1 >= cap)
                return 0;
            out[o++] = (char)(a_upper(c) ? c | 0x20 : c);
            i++;
            continue;
        }
        int32_t cp = nf_utf8_next(s, n, &i);
        if (cp == 0x2019 || cp == 0x2018)
            cp = '\'';
        else
            cp = utf8proc_tolower(cp);
        if (o + 4 >= cap)
            return 0;
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return o;
}

/* ---- word filters ---------------------------------------------------------------------- */

void nf__filter_add(uint64_t *f, const char *s, size_t n)
{
    if (!n)
        return;
    uint32_t b = nf__filter_bit(s, n);
    f[b >> 6] |= 1ull << (b & 63);
}

/* ---- word classes ---------------------------------------------------------------------- */

static const char *const w_stop[] = {
    /* en */
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us", "me", "who",
    "whom", "whose", "which", "what", "when", "where", "why", "how", "while", "as", "if",
    "although", "though", "because", "since", "during", "following", "according", "meanwhile",
    "however", "also", "still", "yet", "so", "then", "there", "here", "some", "many", "most",
    "all", "both", "each", "every", "no", "not", "only", "even", "just", "such", "other",
    "another", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "first", "second", "third", "last", "next", "more", "less", "few", "several", "under",
    "over", "with", "without", "from", "to", "by", "of", "into", "through", "against", "among",
    "between", "about", "around", "across", "despite", "unlike", "like", "amid", "upon", "until",
    "unless", "whether", "once", "now", "today", "yesterday", "tomorrow", "tonight", "earlier",
    "later", "already", "additionally", "furthermore", "moreover", "nevertheless",
    "nonetheless", "instead", "indeed", "thus", "therefore", "overall", "finally", "perhaps",
    "please", "and", "but", "or", "nor", "for", "in", "on", "at", "after", "before", "above",
    "below", "up", "down", "out", "off", "again", "further", "any", "none", "nothing",
    "something", "anything", "everything", "everyone", "someone", "anyone", "nobody", "yes",
    "oh", "well", "let", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being",
    "have", "has", "had", "will", "would", "can", "could", "should", "might", "must", "shall",
    "it's", "that's", "there's", "here's", "what's", "let's", "i'm", "we're", "they're",
    "don't", "didn't", "doesn't", "isn't", "aren't", "wasn't", "can't", "won't", "new",
    "old", "big", "more", "most", "very",
    "much", "often", "never", "always", "sometimes", "usually", "again", "why", "although",
    "whereas", "within", "beyond", "towards", "toward", "via", "per", "whatever", "whoever",
    "however", "anyway", "besides", "otherwise", "hence", "ago", "almost", "nearly", "about",
    "approximately", "roughly", "among", "along", "behind", "beside", "near", "outside",
    "inside", "throughout", "except", "including", "regarding", "concerning", "considering",
    "given", "based", "asked", "speaking", "responding", "addressing", "acknowledging",
    "citing", "noting", "adding", "saying", "describing", "following", "according",
    "ahead", "meanwhile", "separately", "similarly", "likewise", "ultimately", "currently",
    "recently", "previously", "initially", "originally", "eventually", "apparently",
    "reportedly", "officially", "notably", "importantly", "specifically", "particularly",
    "especially", "generally", "clearly", "obviously", "certainly", "unfortunately",
    "fortunately", "interestingly", "surprisingly",
    /* es */
    "el", "la", "los", "las", "un", "una", "unos", "unas", "lo", "al", "del", "de", "en", "con",
    "por", "para", "sin", "sobre", "tras", "ante", "desde", "hasta", "entre", "durante",
    "mientras", "cuando", "aunque", "además", "también", "sí", "ya", "hoy", "ayer", "mañana",
    "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "su", "sus", "mi",
    "mis", "tu", "nuestro", "nuestra", "que", "quien", "quienes", "cual", "cuales", "como",
    "pero", "porque", "pues", "si", "o", "y", "e", "ni", "muy", "más", "menos", "todo", "toda",
    "todos", "todas", "otro", "otra", "otros", "otras", "cada", "según", "tanto", "así",
    "aquí", "allí", "ahí", "ella", "él", "ellos", "ellas", "nosotros", "usted", "ustedes", "yo",
    "se", "le", "les", "nos", "hay", "fue", "es", "son", "era", "ser", "estar", "está", "están",
    "asimismo", "sin embargo", "entonces", "luego", "después", "antes", "incluso", "donde",
    /* de */
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines",
    "im", "am", "auf", "mit", "bei", "nach", "von", "vom", "zu", "zum", "zur", "und", "aber",
    "doch", "oder", "es", "er", "sie", "wir", "ich", "ihr", "nicht", "auch", "noch", "wie",
    "was", "wenn", "als", "dass", "laut", "seit", "für", "über", "unter", "vor", "heute",
    "gestern", "morgen", "dieser", "diese", "dieses", "jeder", "alle", "man", "so", "nun",
    /* fr */
    "les", "une", "du", "d'", "l'", "dans", "sur", "pour", "par", "avec", "sans", "selon", "ce",
    "cette", "ces", "cet", "il", "elle", "ils", "elles", "nous", "vous", "on", "mais", "et",
    "ou", "donc", "car", "lors", "après", "avant", "depuis", "pendant", "aujourd'hui", "hier",
    "son", "sa", "ses", "leur", "leurs", "qui", "quoi", "dont", "où", "aussi", "très", "plus",
    /* pt, it */
    "os", "as", "um", "uma", "no", "na", "nos", "nas", "em", "com", "pelo", "pela", "segundo",
    "não", "ele", "eles", "isso", "lo", "gli", "uno", "nel", "nella", "della", "dello", "delle",
    "degli", "per", "ma", "che", "anche", "non", "secondo", "questo", "questa"};

static const char *const w_time[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "januar", "februar", "märz", "mai",
    "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag", "janvier", "février", "mars", "avril", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "janeiro", "fevereiro", "março", "maio", "junho",
    "julho", "setembro", "outubro", "novembro", "dezembro", "gennaio", "febbraio", "aprile",
    "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre"};

static const char *const w_particle[] = {
    "de", "del", "della", "di", "da", "das", "dos", "do", "du", "des", "la", "las", "los", "le",
    "van", "von", "der", "den", "ter", "ten", "bin", "ibn", "bint", "al", "el", "abu", "zu", "af"};

static const char *const w_org_cue[] = {
    "ministry", "department", "bureau", "agency", "council", "authority", "committee",
    "commission", "association", "cooperative", "co-operative", "shipping", "news", "times",
    "post", "journal", "herald", "tribune", "gazette", "press", "media", "network", "television",
    "tv", "radio", "broadcasting", "group", "holdings", "corporation", "company", "companies",
    "partners", "industries", "enterprises", "bank", "bancorp", "fund", "trust", "foundation",
    "institute", "institution", "university", "college", "school", "academy", "party", "union",
    "federation", "league", "alliance", "coalition", "movement", "army", "navy", "guard",
    "guards", "command", "forces", "corps", "police", "service", "services", "office", "court",
    "tribunal", "parliament", "assembly", "senate", "congress", "cabinet", "administration",
    "government", "embassy", "consulate", "secretariat", "board", "club", "society", "church",
    "hospital", "clinic", "center", "centre", "laboratory", "laboratories", "labs", "airlines",
    "airways", "airline", "motors", "technologies", "technology", "systems", "pharmaceuticals",
    "pharma", "energy", "petroleum", "mining", "telecom", "communications", "electronics",
    "studios", "records", "entertainment", "brands", "foods", "exchange", "cartel", "gang",
    "brigade", "brigades", "battalion", "regiment", "division", "team", "fc", "organization",
    "organisation", "organizations", "institutes", "council", "caucus", "commandos", "militia",
    "brothers", "bros", "associates", "airplanes", "aerospace", "automotive", "capital",
    "securities", "insurance", "partnership", "consortium", "conglomerate", "agencies",
    "ministerium", "behörde", "gesellschaft", "partei"};

static const char *const w_org_head[] = {
    "department", "ministry", "bureau", "office", "agency", "council", "commission",
    "committee", "board", "bank", "university", "college", "institute", "school", "academy",
    "court", "house", "chamber", "embassy", "consulate", "government", "secretariat",
    "federation", "union", "association", "league", "party", "order", "society", "church",
    "museum", "centre", "center", "organization", "organisation", "fund", "foundation",
    "authority", "administration", "service", "corps", "army", "navy", "friends", "ministerio",
    "secretaría", "banco", "universidad", "instituto", "comisión", "consejo", "partido",
    "gobierno", "fiscalía", "ejército", "guardia", "policía", "cámara", "senado", "tribunal",
    "procuraduría", "comité", "asociación", "federación", "fundación", "suprema", "junta",
    "ministère", "banque", "université", "conseil", "parti", "assemblée", "cour", "agence",
    "bundesamt", "bundesministerium", "ministerio", "movimiento", "frente", "unión", "alianza"};

static const char *const w_place_cue[] = {
    "city", "county", "province", "island", "islands", "bay", "river", "lake", "mountain",
    "mountains", "valley", "sea", "ocean", "gulf", "strait", "straits", "shoal", "reef",
    "peninsula", "desert", "coast", "beach", "port", "harbour", "harbor", "street", "avenue",
    "road", "boulevard", "square", "park", "airport", "bridge", "canal", "district", "region",
    "territory", "territories", "prefecture", "oblast", "governorate", "krai", "township",
    "village", "town", "borough", "heights", "hills", "hill", "falls", "springs", "creek",
    "canyon", "plains", "plateau", "delta", "basin", "archipelago", "atoll", "cape", "highway",
    "freeway", "station", "border", "crossing", "camp", "base", "neighborhood", "neighbourhood",
    "quarter", "municipality", "parish", "state", "hall", "palace", "tower", "stadium",
    "arena", "cathedral", "temple", "mosque", "monument", "memorial", "zoo", "prison"};

static const char *const w_place_head[] = {
    "port", "gulf", "bay", "mount", "lake", "isle", "island", "islands", "cape", "fort", "state",
    "city", "province", "republic", "kingdom", "strait", "sea", "río", "rio", "lago", "monte",
    "sierra", "puerto", "ciudad", "estado", "provincia", "golfo", "bahía", "isla", "cerro",
    "valle", "san", "santa", "são", "saint", "st", "lake", "mont", "bad", "new", "north",
    "south", "east", "west", "upper", "lower", "greater"};

static const char *const w_other_cue[] = {
    "initiative", "plan", "program", "programme", "act", "law", "treaty", "agreement", "accord",
    "convention", "summit", "conference", "forum", "games", "cup", "olympics", "championship",
    "championships", "festival", "award", "awards", "prize", "ministerial", "strategy",
    "doctrine", "project", "meeting", "dialogue", "talks", "protocol", "war", "revolution",
    "declaration", "charter", "constitution", "amendment", "index", "report", "reform", "bill",
    "crisis", "pandemic", "agenda", "deal", "pact", "framework", "mechanism", "process",
    "pipeline", "mission", "week", "day", "prize", "series", "tournament", "open", "marathon",
    "exercise", "exercises", "drills", "doctrine", "memorandum", "resolution", "directive",
    "order", "scandal", "affair", "case", "trial", "election", "elections", "referendum",
    "census", "survey", "poll", "budget", "tariff", "tariffs", "iniciativa", "acuerdo",
    "tratado", "plan", "programa", "ley", "reforma", "cumbre"};

static const char *const w_other_head[] = {
    "operation", "project", "plan", "program", "programme", "hurricane", "storm", "typhoon",
    "cyclone", "battle", "treaty", "war", "summit", "operación", "proyecto", "huracán", "tormenta",
    "tratado", "guerra", "cumbre", "opération", "bill", "act", "covid", "covid-19"};

static const char *const w_conn[] = {"of", "for", "de", "del", "della", "di", "des", "du",
                                     "und", "et", "on", "da", "do", "dos", "das"};

static const char *const w_det[] = {"the", "a", "an", "this", "that", "these", "those", "el",
                                    "la", "los", "las", "un", "una", "der", "die", "das", "den",
                                    "dem", "des", "ein", "eine", "le", "les", "l'", "une", "o",
                                    "os", "il", "lo", "gli"};

static const char *const w_pron[] = {"he", "she", "it", "they", "we", "i", "él", "ella",
                                     "ellos", "ellas", "er", "sie", "il", "elle", "ils",
                                     "elles", "ele", "ela", "lui", "lei"};

static const char *const w_place_prep[] = {"in", "at", "from", "near", "into", "across",
                                           "outside", "inside", "throughout", "en", "desde",
                                           "hacia", "cerca", "à", "au", "aux", "dans", "nach",
                                           "aus", "em", "to", "towards", "toward"};

static const char *const w_adv[] = {
    "also", "again", "then", "later", "previously", "earlier", "recently", "once", "simply",
    "just", "has", "have", "had", "was", "were", "is", "would", "will", "could", "did", "does",
    "reportedly", "personally", "publicly", "repeatedly", "firmly", "directly", "already",
    "further", "quickly", "initially", "subsequently", "separately", "privately", "openly",
    "formally", "officially", "categorically", "flatly", "bluntly", "angrily", "emphatically",
    "clearly", "explicitly", "later", "himself", "herself", "itself", "themselves", "too",
    "both", "all", "alone", "still", "only", "even", "then", "today", "yesterday", "recently",
    "también", "luego", "después", "ya", "auch", "aussi", "ha", "han", "hat", "haben", "a",
    "ont", "had", "has"};

static const char *const w_corp[] = {"inc", "corp", "co", "ltd", "llc", "plc", "ag", "gmbh",
                                     "sa", "nv", "n.v.", "bv", "se", "s.a.", "spa", "srl",
                                     "lp", "llp", "ab", "asa", "oyj", "kg", "s.a.b.", "pty"};

/* A read-only string table made from an nf_map once it is complete: the same keys and
 * values, looked up without a library call. Most look-ups miss (running words against
 * lexicons), so a filter on (first byte, last byte, length) rejects them before hashing; the
 * slots (8 bytes: hash and entry) are at most a quarter full so that the probes that remain
 * are short, and a probe reads the entry only when the hashes agree. Keys point into the
 * map, which lives as long as the program. */
typedef struct {
    uint32_t hash; /* the key's hash, 0 for an empty slot (hashes are made odd) */
    uint32_t ix;   /* index in ent */
} fslot;
typedef struct {
    const char *key;
    size_t klen;
    void *val;
} fent;
typedef struct {
    uint32_t mask, maxlen;
    fslot *slot;
    fent *ent;
    uint32_t lens[1024];  /* by (first, last byte): bit min(len, 31) for a key of that shape */
} ftab;

static inline uint32_t ftab_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h | 1u;
}

static inline size_t ftab_shape(const char *w, size_t n)
{
    return ((size_t)((unsigned char)w[0] & 0x1Fu) << 5) | ((unsigned char)w[n - 1] & 0x1Fu);
}

static void ftab_build(ftab *f, const nf_map *m)
{
    uint32_t size = 16;
    while (size < 4 * nf_map_count(m) + 4)
        size *= 2;
    f->mask = size - 1;
    f->maxlen = 0;
    f->slot = nf_xcalloc(size, sizeof *f->slot);
    f->ent = nf_xcalloc(nf_map_count(m) + 1, sizeof *f->ent);
    size_t it = 0, ne = 0;
    nf_slice k;
    void *v;
    while (nf_map_next(m, &it, &k, &v)) {
        if (!k.len)
            continue;
        uint32_t h = ftab_hash(k.ptr, k.len), i = h & f->mask;
        while (f->slot[i].hash)
            i = (i + 1) & f->mask;
        f->ent[ne] = (fent){k.ptr, k.len, v};
        f->slot[i] = (fslot){h, (uint32_t)ne++};
        if (k.len > f->maxlen)
            f->maxlen = (uint32_t)k.len;
        f->lens[ftab_shape(k.ptr, k.len)] |= 1u << (k.len < 31 ? k.len : 31);
    }
}

/* memcmp(a, b, n) == 0 for the short keys of the tables, without a library call */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

static inline void *ftab_get(const ftab *f, const char *w, size_t n)
{
    if (!n || n > f->maxlen || !(f->lens[ftab_shape(w, n)] & (1u << (n < 31 ? n : 31))))
        return NULL;
    uint32_t h = ftab_hash(w, n), i = h & f->mask;
    for (const fslot *e = &f->slot[i]; e->hash; e = &f->slot[i = (i + 1) & f->mask])
        if (e->hash == h) {
            const fent *x = &f->ent[e->ix];
            if (x->klen == n && same_bytes(x->key, w, n))
                return x->val;
        }
    return NULL;
}

/* words with a class that matters in lower case (ner.h: read inline once built) */
uint64_t nf__ner_low[NF__FILTER_WORDS];

typedef struct {
    nf_map *lex;    /* folded word -> class bits */
    nf_map *gz;     /* surface form -> nf__gz_name* or &prefix_only */
    nf_map *title;  /* folded title -> nf__gz_title* or &prefix_only */
    nf_map *given;  /* given name -> nf__gz_first* */
    ftab flex, fgz, ftitle, fgiven; /* the same four, for look-ups */
    pthread_once_t once;
} tables;

static tables T = {.once = PTHREAD_ONCE_INIT};
static const nf__gz_name gz_prefix_only = {"", 0, 0};
static const nf__gz_title title_prefix_only = {"", "", '-'};

static void add_words(nf_map *m, const char *const *w, size_t n, unsigned bit)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(w[i]);
        uintptr_t old = (uintptr_t)nf_map_get(m, w[i], len);
        nf_map_put(m, w[i], len, (void *)(old | bit));
    }
}

#define ADD(m, arr, bit) add_words(m, arr, sizeof arr / sizeof *arr, bit)

/* Adds the key of every proper token prefix of surface (as the scanner splits it). */
static void add_prefixes(nf_map *m, const char *s, size_t len, const void *marker, bool fold)
{
    size_t nt;
    nf__ntok *t = nf__ner_scan(s, len, &nt);
    char key[256], f[256];
    for (size_t b = 1; b < nt; b++) {
        size_t kl;
        if (!nf__ner_key(s, t, 0, b, key, sizeof key, &kl))
            break;
        const char *k = key;
        if (fold) {
            kl = nf__ner_fold(key, kl, f, sizeof f);
            k = f;
        }
        if (kl && !nf_map_get(m, k, kl))
            nf_map_put(m, k, kl, (void *)marker);
    }
    free(t);
}

static void build(void)
{
    T.lex = nf_map_new();
    ADD(T.lex, w_stop, NF__L_STOP);
    ADD(T.lex, w_time, NF__L_TIME);
    ADD(T.lex, w_particle, NF__L_PARTICLE);
    ADD(T.lex, w_org_cue, NF__L_ORG_CUE);
    ADD(T.lex, w_org_head, NF__L_ORG_HEAD);
    ADD(T.lex, w_place_cue, NF__L_PLACE_CUE);
    ADD(T.lex, w_place_head, NF__L_PLACE_HEAD);
    ADD(T.lex, w_other_cue, NF__L_OTHER_CUE);
    ADD(T.lex, w_other_head, NF__L_OTHER_HEAD);
    ADD(T.lex, w_conn, NF__L_CONN);
    ADD(T.lex, w_det, NF__L_DET);
    ADD(T.lex, w_pron, NF__L_PRON);
    ADD(T.lex, w_place_prep, NF__L_PLACE_PREP);
    ADD(T.lex, w_adv, NF__L_ADV);
    ADD(T.lex, w_corp, NF__L_CORP);

    T.gz = nf_map_new();
    for (size_t i = 0; i < nf__gz_n_names; i++) {
        const char *s = nf__gz_names[i].text;
        size_t len = strlen(s);
        /* normalise the key the way running text is keyed */
        size_t nt;
        nf__ntok *t = nf__ner_scan(s, len, &nt);
        char key[256];
        size_t kl;
        if (nt && nf__ner_key(s, t, 0, nt, key, sizeof key, &kl)) {
            const nf__gz_name *old = nf_map_get(T.gz, key, kl);
            if (!old || old == &gz_prefix_only)
                nf_map_put(T.gz, key, kl, (void *)&nf__gz_names[i]);
        }
        free(t);
    }
    for (size_t i = 0; i < nf__gz_n_names; i++)
        add_prefixes(T.gz, nf__gz_names[i].text, strlen(nf__gz_names[i].text), &gz_prefix_only, false);

    T.title = nf_map_new();
    for (size_t i = 0; i < nf__gz_n_titles; i++) {
        const char *s = nf__gz_titles[i].text;
        size_t len = strlen(s);
        nf_map_put(T.title, s, len, (void *)&nf__gz_titles[i]);
        const char *sp = memchr(s, ' ', len);
        size_t w0 = sp ? (size_t)(sp - s) : len;
        uintptr_t old = (uintptr_t)nf_map_get(T.lex, s, w0);
        nf_map_put(T.lex, s, w0, (void *)(old | NF__L_TITLE0));
    }
    {
        size_t it = 0;
        nf_slice k;
        void *v;
        while (nf_map_next(T.lex, &it, &k, &v))
            if ((uintptr_t)v & (NF__L_TITLE0 | NF__L_DET | NF__L_PARTICLE | NF__L_CONN | NF__L_PRON))
                nf__filter_add(nf__ner_low, k.ptr, k.len);
    }
    for (size_t i = 0; i < nf__gz_n_titles; i++)
        add_prefixes(T.title, nf__gz_titles[i].text, strlen(nf__gz_titles[i].text), &title_prefix_only, true);

    T.given = nf_map_new();
    for (size_t i = 0; i < nf__gz_n_first_names; i++)
        nf_map_put(T.given, nf__gz_first_names[i].text, strlen(nf__gz_first_names[i].text),
                   (void *)&nf__gz_first_names[i]);
    ftab_build(&T.flex, T.lex);
    ftab_build(&T.fgz, T.gz);
    ftab_build(&T.ftitle, T.title);
    ftab_build(&T.fgiven, T.given);
}

/* pthread_once costs a call and a fence; a flag set after build() skips it */
atomic_bool nf__ner_ready;

static void build_and_mark(void)
{
    build();
    atomic_store_explicit(&nf__ner_ready, true, memory_order_release);
}

static inline void init(void)
{
    if (!atomic_load_explicit(&nf__ner_ready, memory_order_acquire))
        pthread_once(&T.once, build_and_mark);
}

unsigned nf__ner_lex(const char *folded, size_t n)
{
    init();
    return (unsigned)(uintptr_t)ftab_get(&T.flex, folded, n);
}

void nf__ner_init(void)
{
    init();
}

_Thread_local nf__lmemo nf__lmemo_tab[1u << NF__LMEMO_BITS];

unsigned nf__ner_lex_tok(const char *text, const nf__ntok *t)
{
    char f[64];
    size_t n = nf__ner_fold(text + t->start, t->end - t->start, f, sizeof f);
    return n ? nf__ner_lex(f, n) : 0;
}

/* ---- gazetteer lookups ----------------------------------------------------------------- */

const nf__gz_name *nf__gz_lookup(const char *key, size_t n, bool *prefix)
{
    init();
    const nf__gz_name *g = ftab_get(&T.fgz, key, n);
    if (prefix)
        *prefix = g != NULL; /* an entry or a prefix: the caller tries longer keys */
    return g == &gz_prefix_only ? NULL : g;
}

const nf__gz_title *nf__gz_title_lookup(const char *folded, size_t n, bool *prefix)
{
    init();
    const nf__gz_title *g = ftab_get(&T.ftitle, folded, n);
    if (prefix)
        *prefix = g != NULL;
    return g == &title_prefix_only ? NULL : g;
}

char nf__gz_given(const char *name, size_t n)
{
    init();
    const nf__gz_first *g = ftab_get(&T.fgiven, name, n);
    return g ? g->gender : 0;
}

/* Appends token t (and a space first when space) to key[0, *o), ’ written as '; false when
 * it would not fit. nf__ner_key is these appends over a run of tokens. */
static bool key_append(const char *text, const nf__ntok *t, bool space, char *key, size_t cap,
                       size_t *o)
{
    size_t p = *o;
    if (space) {
        if (p + 1 >= cap)
            return false;
        key[p++] = ' ';
    }
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    for (size_t i = 0; i < n; i++) {
        if (p + 1 >= cap)
            return false;
        /* ’ (E2 80 99) -> ' */
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            key[p++] = '\'';
            i += 2;
            continue;
        }
        key[p++] = s[i];
    }
    *o = p;
    return true;
}

bool nf__ner_key(const char *text, const nf__ntok *t, size_t a, size_t b, char *key, size_t cap,
                 size_t *len)
{
    size_t o = 0;
    for (size_t k = a; k < b; k++)
        if (!key_append(text, &t[k], k > a && (t[k].flags & NF__T_SPACE), key, cap, &o))
            return false;
    key[o] = '\0';
    *len = o;
    return true;
}

size_t nf__gz_longest(const char *text, const nf__ntok *t, size_t n, size_t i,
                      const nf__gz_name **out)
{
    size_t best = 0;
    char key[256];
    size_t o = 0;       /* key[0, o) holds the key of tokens [i, b - 1) when built */
    bool built = false; /* (nf__ner_key's output, extended one token at a time) */
    for (size_t b = i + 1; b <= n && b - i <= 8; b++) {
        if (b - 1 > i && (t[b - 1].flags & (NF__T_LINE | NF__T_PARA)))
            break;
        if (t[b - 1].kind == NF__NO)
            break;
        size_t kl;
        const char *k = key;
        bool plain = false;
        if (b == i + 1) { /* one token without ’ is its own key: no copy */
            const char *s = text + t[i].start;
            kl = t[i].end - t[i].start;
            plain = kl < sizeof key;
            for (size_t q = 0; q < kl && plain; q++)
                plain = (unsigned char)s[q] != 0xE2;
            if (plain)
                k = s;
        }
        if (!plain) {
            /* the key of [i, b) is the key of [i, b - 1), a space when token b - 1 follows
             * one, and token b - 1 (as nf__ner_key writes them) */
            if (!built) {
                if (!key_append(text, &t[i], false, key, sizeof key, &o))
                    break;
                built = true;
            }
            if (b > i + 1 &&
                !key_append(text, &t[b - 1], (t[b - 1].flags & NF__T_SPACE) != 0, key, sizeof key, &o))
                break;
            key[o] = '\0';
            kl = o;
        }
        bool more;
        const nf__gz_name *g = nf__gz_lookup(k, kl, &more);
        if (g) {
            best = b - i;
            *out = g;
        }
        if (!more || (t[b - 1].flags & NF__T_POSS))
            break;
    }
    return best;
}

size_t nf__title_longest(const char *text, const nf__ntok *t, size_t n, size_t i,
                         const nf__gz_title **out)
{
    size_t best = 0;
    char key[256], f[256];
    size_t kl = 0;
    for (size_t b = i; b < n && b - i < 6; b++) {
        if (t[b].kind != NF__NW)
            break;
        if (b > i && (t[b].flags & (NF__T_LINE | NF__T_PARA)))
            break;
        size_t wl = t[b].end - t[b].start;
        if (kl + wl + 2 >= sizeof key)
            break;
        if (b > i)
            key[kl++] = ' ';
        memcpy(key + kl, text + t[b].start, wl);
        kl += wl;
        size_t fl = nf__ner_fold(key, kl, f, sizeof f);
        if (!fl)
            break;
        bool more;
        const nf__gz_title *g = nf__gz_title_lookup(f, fl, &more);
        if (g) {
            best = b - i + 1;
            /* an abbreviation takes its period: "Sen." */
            if (b + 1 < n && t[b + 1].kind == NF__NP && t[b + 1].cp == '.' &&
                !(t[b + 1].flags & NF__T_SPACE) && wl <= 4)
                best++;
            *out = g;
        }
        if (!more || (t[b].flags & NF__T_POSS))
            break;
    }
    return best;
}

const nf__gz_title *nf__title_before(const char *text, const nf__ntok *t, size_t i)
{
    const nf__gz_title *best = NULL;
    for (size_t back = 1; back <= 6 && back <= i; back++) {
        const nf__gz_title *g;
        size_t len = nf__title_longest(text, t, i, i - back, &g);
        if (len == back)
            best = g;
    }
    return best;
}
