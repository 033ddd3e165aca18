/* Block classification: decides, for every block a reader produced, whether it is body text
 * or a removed piece (and why), and derives title, publication date, source and language.
 *
 * The method, in order (see docs/ARCHITECTURE.md, "extract"):
 *  1. features per block: words, case profile, sentence shape, URLs/handles/hashtags,
 *     lexicon class (lexicon.c), language, a stated date, an embedded-post attribution;
 *  2. the document language from the prose-like blocks;
 *  3. sure removals: reader hints (DOM), lexicon headings that open a box (related links,
 *     reactions, cookie notice) and the blocks inside the box, image credits and the
 *     caption they sign, bylines, advertising labels, embedded posts (attribution line and
 *     the post text above it; a post that repeats body text is a duplicate);
 *  4. the body: the span from the first to the last prose block among the rest; inside it
 *     short heading-like lines stay as section headings;
 *  5. before the body: title (repeated, headline-shaped), site name, navigation, datelines;
 *  6. a dateline at the start of the first paragraph is cut off ("CITY, Date – Outlet:");
 *  7. metadata: published (reader meta > dateline > stated timestamp > embedded posts and
 *     body dates, the last two marked estimated), source, language.
 *
 * HTML pages whose main content the DOM scorer found (blocks with in_main) take another
 * road at step 4: the body is the main content minus the sure removals of step 3, a short
 * block that is mostly a link ("link inside the article") and date lines; a heading whose
 * section kept no text goes with the box it headed; repeated paragraphs stay (a recipe
 * repeats its labels on purpose); the article's own <h1> above its text is the title.
 * Everything outside the main content is removed with the reason its element gave, or as
 * navigation, related links, a date line or site chrome by its shape. Features there are
 * cheaper (FEAT_MAIN, FEAT_LIGHT, FEAT_HINT): paragraphs take the document's language
 * unless written in another script, and only short blocks are searched for dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "lexicon.h"
#include "newsfuse/text.h"

typedef enum { REGION_NONE, REGION_RELATED, REGION_REACTIONS, REGION_COOKIE, REGION_FOOTER } region;

typedef struct {
    int words, letters, upper_words, lower_words, stop_words, digits_words;
    int hashtags, handles, urls, symbols;
    int sentences;
    bool ends_sentence, ends_colon, has_quote_open;
    nf__lex_kind lex;
    const char *lex_detail;
    bool embed_attr;
    nf_date embed_date;
    bool has_date;
    nf_date date;
    size_t date_start, date_end;
    char lang[4];
    double lang_conf;
    bool prose;
    nf_reason reason;
    const char *detail;
    bool heading;
    const char *folded;
    size_t flen;
    uint64_t *sh;
    size_t n_sh;
} feat;

static double lower_ratio(const feat *f)
{
    int content = f->words - f->stop_words;
    if (f->words <= 0)
        return 0;
    /* stop words count as lower case prose; capitalised names do not */
    return (double)(f->lower_words) / (double)f->words * (content > 0 ? 1.0 : 1.0);
}

/* Sentence-final look: . ! ? … or one of those before closing quotes/brackets. */
static bool ends_sentence(const char *s, size_t n, bool *colon)
{
    *colon = false;
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == ')' || c == ']' || c == '"' || c == '\'' || c == ' ') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (c == 0x9D || c == 0x99)) { /* ” ’ */
            n -= 3;
            continue;
        }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) { /* » */
            n -= 2;
            continue;
        }
        if (c == ':')
            *colon = true;
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            c == 0xA6)
            return true; /* … */
        return c == '.' || c == '!' || c == '?';
    }
    return false;
}

/* "— Name (@handle) January 16, 2026", "pic.twitter.com/…", "Posted by @x on …". */
static bool embed_attribution(const char *s, size_t n, nf_date *d)
{
    bool pic = nf__find_phrase(s, n, "pic.twitter.com") != (size_t)-1 ||
               nf__find_phrase(s, n, "pic.x.com") != (size_t)-1;
    const char *h = memchr(s, '@', n);
    bool handle_paren = false;
    while (h) {
        if (h > s && h[-1] == '(') {
            const char *close = memchr(h, ')', (size_t)(s + n - h));
            if (close && close - h < 40)
                handle_paren = true;
        }
        h = memchr(h + 1, '@', (size_t)(s + n - h - 1));
    }
    if (!pic && !handle_paren) { /* not an attribution whatever its date */
        memset(d, 0, sizeof *d);
        return false;
    }
    size_t ds, de;
    bool dated = nf__find_date(s, n, d, &ds, &de);
    if (!dated)
        memset(d, 0, sizeof *d);
    return pic || (handle_paren && dated);
}

static bool is_emoji_or_symbol(const char *s, uint32_t start, uint32_t len)
{
    size_t i = 0;
    int32_t cp = nf_utf8_next(s + start, len, &i);
    return cp >= 0x2190; /* arrows, dingbats, emoji, regional indicators */
}

static void shingles(nf_arena *a, const nf_token *t, size_t nt, const char *text, feat *f)
{
    /* word 3-grams of folded words */
    uint64_t *hs = nf_arena_alloc(a, (nt + 1) * sizeof *hs);
    size_t nw = 0;
    uint64_t w[3] = {0, 0, 0};
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind != NF_TOK_WORD && t[i].kind != NF_TOK_NUMBER)
            continue;
        size_t fl;
        const char *fw = nf_text_fold(a, text + t[i].start, t[i].len, &fl);
        w[0] = w[1];
        w[1] = w[2];
        w[2] = nf_hash(fw, fl);
        if (++nw >= 3)
            hs[f->n_sh++] = w[0] * 0x9E3779B97F4A7C15ull ^ (w[1] * 31 + w[2]);
    }
    f->sh = hs;
}

/* Features look at no more than this many bytes of a block: a block that long is prose
 * whatever its tail holds, and the cap keeps a 50 MB line linear and small. */
#define FEATURE_WINDOW 16384

typedef enum {
    FEAT_FULL,  /* text dumps, and HTML pages without a main content */
    FEAT_MAIN,  /* HTML, inside the main content: no language (set from the document's,
                   see script_of), dates only in short blocks (the only date lines) */
    FEAT_LIGHT, /* HTML, outside the main content, whose fate the page structure settled:
                   only what the removal reasons need (words, case, lexicon, short dates) */
    FEAT_HINT,  /* HTML, outside the main content with a reader hint (its reason): only the
                   word count, and the folded text of an <h1> (a title candidate) */
} feat_mode;

/* Words up to which a block may be a date line; longer blocks are not searched for a date
 * in FEAT_MAIN and FEAT_LIGHT. */
#define DATE_LINE_WORDS 20

/* Function words are short: a longer token is never one, whatever folding does. */
#define STOPWORD_MAX_BYTES 16
#define MEMO_SLOTS 512

/* Remembers, for one document, whether a word is a function word (words repeat: "the",
 * "of", "and" make a fifth of a page). Direct-mapped on the word's hash. */
typedef struct {
    char word[STOPWORD_MAX_BYTES];
    uint8_t len; /* 0: empty slot */
    bool stop;
} memo_slot;

/* nf__lexicon_is_stopword on the folded word s[0..n), through the memo. */
static bool is_stopword(nf_arena *a, memo_slot *memo, const char *s, size_t n)
{
    if (n > STOPWORD_MAX_BYTES || n == 0)
        return false;
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80 && s[i] != '\0' && s[i] != '\r';
    if (ascii) /* folding is lower-casing here: no memo, no copy */
        return nf__lexicon_is_stopword_ci(s, n);
    memo_slot *m = &memo[nf_hash(s, n) & (MEMO_SLOTS - 1)];
    if (m->len == n && memcmp(m->word, s, n) == 0)
        return m->stop;
    size_t fl;
    const char *fw = nf_text_fold(a, s, n, &fl);
    bool stop = nf__lexicon_is_stopword(fw, fl);
    memcpy(m->word, s, n);
    m->len = (uint8_t)n;
    m->stop = stop;
    return stop;
}

#define LANG_WINDOW 320

static void features(nf_arena *a, memo_slot *memo, const nf__block *b, feat *f, feat_mode mode)
{
    memset(f, 0, sizeof *f);
    if (mode == FEAT_HINT) {
        memcpy(f->lang, "und", 4);
        bool in = false;
        for (size_t i = 0; i < b->len; i++) {
            bool sp = b->text[i] == ' ';
            f->words += !sp && !in;
            in = !sp;
        }
        if (b->heading == 1)
            f->folded = nf_text_fold(a, b->text, b->len, &f->flen);
        return;
    }
    nf_token *t;
    size_t nt;
    const nf__block *orig = b;
    nf__block w = *b;
    if (w.len > FEATURE_WINDOW) {
        w.len = FEATURE_WINDOW;
        while (w.len > 0 && ((unsigned char)w.text[w.len] & 0xC0) == 0x80)
            w.len--; /* not inside a UTF-8 sequence */
    }
    b = &w;
    nf_text_tokenize(a, b->text, b->len, &t, &nt);
    for (size_t i = 0; i < nt; i++) {
        switch (t[i].kind) {
        case NF_TOK_WORD: {
            f->words++;
            if (is_stopword(a, memo, b->text + t[i].start, t[i].len))
                f->stop_words++;
            if (t[i].upper_initial)
                f->upper_words++;
            else
                f->lower_words++;
            break;
        }
        case NF_TOK_NUMBER: f->words++, f->digits_words++; break;
        case NF_TOK_URL: f->urls++; break;
        case NF_TOK_HANDLE: f->handles++; break;
        case NF_TOK_HASHTAG: f->hashtags++, f->words++; break;
        case NF_TOK_SYMBOL:
            if (is_emoji_or_symbol(b->text, t[i].start, t[i].len))
                f->symbols++;
            break;
        default: break;
        }
    }
    f->ends_sentence = ends_sentence(orig->text, orig->len, &f->ends_colon);
    f->folded = nf_text_fold(a, b->text, b->len, &f->flen);
    f->lex = nf__lexicon_match(f->folded, f->flen, f->words, &f->lex_detail);
    if (mode != FEAT_LIGHT)
        f->embed_attr = embed_attribution(b->text, b->len, &f->embed_date);
    if (mode == FEAT_FULL || f->words <= DATE_LINE_WORDS)
        f->has_date = nf__find_date(b->text, b->len, &f->date, &f->date_start, &f->date_end);
    memcpy(f->lang, "und", 4);
    if (mode != FEAT_FULL)
        return;
    nf_span *sent;
    size_t ns;
    nf_text_sentences(a, b->text, b->len, &sent, &ns);
    f->sentences = (int)ns;
    /* a block's language from its first LANG_WINDOW bytes (cut at a space): enough to tell
     * (98.5% on 100 characters, bench/langid) and the cost stays flat for long blocks */
    nf_lang_guess g;
    size_t ll = b->len;
    if (ll > LANG_WINDOW) {
        ll = LANG_WINDOW;
        while (ll > LANG_WINDOW / 2 && b->text[ll] != ' ')
            ll--;
    }
    if (f->words >= 5 && nf_text_lang(b->text, ll, &g) == NF_OK) {
        memcpy(f->lang, g.code, 4);
        f->lang_conf = g.confidence;
    }
    /* shingles only when an embedded post asks for them (ensure_shingles): most pages
     * have none */
}

enum { SCRIPT_NONE, SCRIPT_LATIN, SCRIPT_GREEK, SCRIPT_CYRILLIC, SCRIPT_HEBREW, SCRIPT_ARABIC,
       SCRIPT_INDIC, SCRIPT_THAI, SCRIPT_KANA, SCRIPT_HAN, SCRIPT_HANGUL, SCRIPT_COUNT };

/* The script most letters of s[0..n) are written in, told from UTF-8 lead bytes (first
 * 4 KB). */
static int script_of(const char *s, size_t n)
{
    size_t count[SCRIPT_COUNT] = {0};
    if (n > 4096)
        n = 4096;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        int k = SCRIPT_NONE;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            k = SCRIPT_LATIN;
        else if (c >= 0xC3 && c <= 0xC9)
            k = SCRIPT_LATIN;
        else if (c == 0xCE || c == 0xCF)
            k = SCRIPT_GREEK;
        else if (c >= 0xD0 && c <= 0xD4)
            k = SCRIPT_CYRILLIC;
        else if (c == 0xD7)
            k = SCRIPT_HEBREW;
        else if (c >= 0xD8 && c <= 0xDB)
            k = SCRIPT_ARABIC;
        else if (c == 0xE0)
            k = c1 >= 0xB8 && c1 <= 0xB9 ? SCRIPT_THAI : SCRIPT_INDIC;
        else if (c == 0xE3)
            k = c1 >= 0x81 && c1 <= 0x83 ? SCRIPT_KANA : c1 >= 0x90 ? SCRIPT_HAN : SCRIPT_NONE;
        else if (c >= 0xE4 && c <= 0xE9)
            k = SCRIPT_HAN;
        else if (c >= 0xEA && c <= 0xED)
            k = (c == 0xEA && c1 >= 0xB0) || c > 0xEA ? SCRIPT_HANGUL : SCRIPT_NONE;
        count[k]++;
    }
    int best = SCRIPT_NONE;
    for (int k = 1; k < SCRIPT_COUNT; k++)
        if (count[k] > count[best] || (best == SCRIPT_NONE && count[k]))
            best = k;
    return best;
}

/* The word 3-gram shingles of a block whose features were taken without them. */
static void ensure_shingles(nf_arena *a, const nf__block *b, feat *f)
{
    if (f->sh)
        return;
    size_t len = b->len > FEATURE_WINDOW ? FEATURE_WINDOW : b->len;
    while (len < b->len && len > 0 && ((unsigned char)b->text[len] & 0xC0) == 0x80)
        len--;
    nf_token *t;
    size_t nt;
    nf_text_tokenize(a, b->text, len, &t, &nt);
    shingles(a, t, nt, b->text, f);
}

/* Body-paragraph shape: sentences that end, mostly lower-case words. A long block that
 * does not end (a paragraph cut off by the page) still counts. */
static bool prose_like(const feat *f)
{
    if (f->words >= 30 && lower_ratio(f) >= 0.35)
        return true;
    if (!f->ends_sentence && !f->ends_colon)
        return false;
    if (f->words >= 12 && lower_ratio(f) >= 0.35)
        return true;
    return f->words >= 7 && lower_ratio(f) >= 0.45;
}

/* A menu: two or more capitalised words without function words or sentence marks, or
 * items separated by | · • / >. */
static int separators(const nf__block *b)
{
    int seps = 0;
    for (size_t i = 0; i < b->len; i++)
        if (b->text[i] == '|' || (b->text[i] == '/' && i > 0 && b->text[i - 1] == ' '))
            seps++;
    static const char *const dots[] = {"·", "•"};
    for (size_t k = 0; k < 2; k++)
        for (size_t p = 0; p < b->len;) {
            size_t h = nf__find_phrase(b->text + p, b->len - p, dots[k]);
            if (h == (size_t)-1)
                break;
            seps++;
            p += h + 1;
        }
    return seps;
}

/* Looser than nav_like, for what is left above the headline: mostly capitalised short
 * words without sentence marks ("Portada Calvera Mar y Pesca Economía"). */
static bool menu_like(const feat *f)
{
    return f->words >= 4 && f->words <= 16 && !f->ends_sentence && !f->ends_colon &&
           f->upper_words * 4 >= f->words * 3;
}

static bool nav_like(const nf__block *b, const feat *f)
{
    if (f->words == 0 || f->words > 14 || f->ends_sentence)
        return false;
    if (memchr(b->text, ',', b->len) || memchr(b->text, '&', b->len) || memchr(b->text, '!', b->len))
        return false; /* a tagline ("Discover, Engage & Empower"), not a menu */
    if (separators(b) >= 2 && f->words <= 16)
        return true;
    if (f->stop_words == 0 && f->lower_words == 0 && f->words >= 2 && f->words <= 10)
        return true;
    return f->words == 1 && f->upper_words == 1 && b->len <= 24;
}

/* Headline shape: 3..30 words, no sentence-final period, mostly words. */
static bool title_like(const feat *f)
{
    if (f->words < 3 || f->words > 30)
        return false;
    if (f->ends_sentence && !f->ends_colon) {
        return false;
    }
    return f->urls == 0 && f->handles == 0;
}

static bool heading_like(const feat *f)
{
    return f->words >= 2 && f->words <= 15 && !f->ends_sentence && f->urls == 0 &&
           f->handles == 0 && !f->ends_colon;
}

static bool same_lang(const char *a, const char *b)
{
    return strcmp(a, "und") == 0 || strcmp(b, "und") == 0 || strcmp(a, b) == 0;
}

/* Confidently in another language than the document's. */
static bool foreign(const feat *f, const char *doc_lang)
{
    return !same_lang(f->lang, doc_lang) && f->lang_conf >= 0.5;
}

static bool all_caps(const nf__block *b)
{
    int up = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->text[i] >= 'a' && b->text[i] <= 'z')
            return false;
        up += b->text[i] >= 'A' && b->text[i] <= 'Z';
    }
    return up > 0;
}

/* "THE CALVERA MARINER" -> "The Calvera Mariner" (function words lower inside). */
static const char *title_case(nf_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = nf_arena_strndup(a, s, n);
    bool start = true;
    size_t wstart = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || o[i] == ' ') {
            if (wstart > 0 && nf__lexicon_is_stopword_ci(o + wstart, i - wstart))
                o[wstart] = (char)(o[wstart] >= 'A' && o[wstart] <= 'Z' ? o[wstart] + 32 : o[wstart]);
            start = true;
            wstart = i + 1;
            continue;
        }
        if (!start && o[i] >= 'A' && o[i] <= 'Z')
            o[i] = (char)(o[i] + 32);
        start = false;
    }
    return o;
}

/* The outlet name of a site-name line: the part before a separator. */
static const char *site_name(nf_arena *a, const nf__block *b)
{
    size_t n = b->len;
    static const char *const seps[] = {" · ", " | ", " - ", " – ", " — ", " • "};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t p = nf__find_phrase(b->text, b->len, seps[k]);
        if (p != (size_t)-1 && p < n)
            n = p;
    }
    const char *name = nf_arena_strndup(a, b->text, n);
    return all_caps(b) ? title_case(a, name) : name;
}

#define MULTI ((void *)~(uintptr_t)0)

static void set(feat *f, nf_reason r, const char *detail)
{
    f->reason = r;
    f->detail = detail;
}

/* A dateline that opens a paragraph: "Mexico City, January 17, 2026 – Outlet: Text",
 * "PORT ELLIS, March 12 (Agency) — Text", "WASHINGTON — Text". Returns the cut length (0
 * when none) and the outlet named in it, if any. */
static size_t dateline_prefix(nf_arena *a, const nf__block *b, const char **outlet,
                              nf_date *date, bool *has_date)
{
    const char *s = b->text;
    size_t n = b->len, lim = n < 160 ? n : 160;
    *outlet = NULL;
    *has_date = false;
    /* find a dash separator within the first 160 bytes */
    size_t dash = (size_t)-1, dlen = 0;
    for (size_t i = 1; i + 1 < lim; i++) {
        if (s[i] == ' ' && i + 2 < lim && (s[i + 1] == '-') && s[i + 2] == ' ') {
            dash = i + 1, dlen = 1;
            break;
        }
        if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 && i + 2 < lim &&
            ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) {
            dash = i, dlen = 3;
            break;
        }
    }
    if (dash == (size_t)-1)
        return 0;
    /* the part before the dash: a place (capitalised), optional date, optional (Agency) */
    nf_slice head = nf_slice_trim((nf_slice){s, dash});
    if (head.len == 0 || head.len > 110)
        return 0;
    size_t ms, me;
    nf_date d;
    bool dated = nf__find_date(head.ptr, head.len, &d, &ms, &me);
    int32_t first;
    size_t k = 0;
    first = nf_utf8_next(head.ptr, head.len, &k);
    if (!nf_cp_is_upper(first))
        return 0;
    if (!dated) {
        /* no full date: the place must be in capitals ("WASHINGTON", "ASHCOMBE, March 9
         * (Meridian Press)"), anything after it short */
        size_t place = 0;
        while (place < head.len && head.ptr[place] != ',' && head.ptr[place] != '(')
            place++;
        int lower = 0, upper = 0, words = 1;
        for (size_t i = 0; i < place; i++) {
            lower += head.ptr[i] >= 'a' && head.ptr[i] <= 'z';
            upper += head.ptr[i] >= 'A' && head.ptr[i] <= 'Z';
        }
        for (size_t i = place; i < head.len; i++)
            words += head.ptr[i] == ' ';
        if (lower > 0 || upper < 2 || place > 40 || head.len - place > 48 || words > 7)
            return 0;
    } else {
        /* only a place before the date: ≤ 5 words */
        int words = 0;
        for (size_t i = 0; i < ms; i++)
            if (head.ptr[i] == ' ')
                words++;
        if (words > 5)
            return 0;
        *date = d;
        *has_date = true;
    }
    size_t cut = dash + dlen;
    while (cut < n && s[cut] == ' ')
        cut++;
    /* "Outlet:" right after the dash */
    const char *colon = memchr(s + cut, ':', n - cut < 60 ? n - cut : 60);
    if (colon) {
        nf_slice name = nf_slice_trim((nf_slice){s + cut, (size_t)(colon - s - cut)});
        int words = 1;
        bool caps = true;
        for (size_t i = 0; i < name.len; i++)
            if (name.ptr[i] == ' ') {
                words++;
                if (i + 1 < name.len && !(name.ptr[i + 1] >= 'A' && name.ptr[i + 1] <= 'Z'))
                    caps = false;
            }
        if (name.len && words <= 6 && caps) {
            *outlet = nf_arena_strndup(a, name.ptr, name.len);
            cut = (size_t)(colon - s) + 1;
            while (cut < n && s[cut] == ' ')
                cut++;
        }
    }
    if (cut >= n)
        return 0;
    return cut;
}

/* Space-separated chunks of s outside [ds, de). */
static int chunks_outside(const char *s, size_t n, size_t ds, size_t de)
{
    int c = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        if (i >= ds && i < de) {
            in = false;
            continue;
        }
        if (s[i] == ' ')
            in = false;
        else if (!in) {
            in = true;
            c++;
        }
    }
    return c;
}

/* A line that is mostly a stated date: "Published March 10, 2026 07:05 | Updated …". */
static bool date_line(const nf__block *b, const feat *f)
{
    if (!f->has_date || f->ends_sentence)
        return false;
    int outside = chunks_outside(b->text, b->len, f->date_start, f->date_end);
    /* a second date on the line ("Updated …") does not count against it */
    nf_date d2;
    size_t s2, e2;
    if (f->date_end < b->len &&
        nf__find_date(b->text + f->date_end, b->len - f->date_end, &d2, &s2, &e2))
        outside -= chunks_outside(b->text + f->date_end + s2, e2 - s2, 0, 0);
    return outside <= 6;
}

static bool folded_eq(const feat *x, const feat *y)
{
    /* compare ignoring punctuation and spacing */
    size_t i = 0, j = 0;
    while (true) {
        while (i < x->flen && !((unsigned char)x->folded[i] >= 0x80 ||
                                (x->folded[i] >= 'a' && x->folded[i] <= 'z') ||
                                (x->folded[i] >= '0' && x->folded[i] <= '9')))
            i++;
        while (j < y->flen && !((unsigned char)y->folded[j] >= 0x80 ||
                                (y->folded[j] >= 'a' && y->folded[j] <= 'z') ||
                                (y->folded[j] >= '0' && y->folded[j] <= '9')))
            j++;
        if (i == x->flen || j == y->flen)
            return i == x->flen && j == y->flen;
        if (x->folded[i] != y->folded[j])
            return false;
        i++, j++;
    }
}

typedef struct {
    NF_VEC(nf_para) paras;
    NF_VEC(nf_removed) removed;
    nf_buf text;
} emitter;

static void emit_removed(nf_doc *doc, emitter *e, const char *t, size_t n, size_t src_s,
                         size_t src_e, nf_reason r, const char *detail)
{
    nf_slice sl = nf_slice_trim((nf_slice){t, n});
    if (!sl.len)
        return;
    nf_removed rm = {nf_arena_strndup(doc->arena, sl.ptr, sl.len), sl.len, r, src_s, src_e, detail};
    nf_vec_push(&e->removed, rm);
}

static void emit_para(emitter *e, const char *t, size_t n, size_t src_s, size_t src_e,
                      const char *lang, bool heading)
{
    nf_slice sl = nf_slice_trim((nf_slice){t, n});
    if (!sl.len)
        return;
    if (e->text.len)
        nf_buf_append(&e->text, "\n\n", 2);
    nf_para p;
    memset(&p, 0, sizeof p);
    p.start = e->text.len;
    nf_buf_append(&e->text, sl.ptr, sl.len);
    p.end = e->text.len;
    p.src_start = src_s;
    p.src_end = src_e;
    p.heading = heading;
    if (lang && strcmp(lang, "und") != 0)
        memcpy(p.lang, lang, 3);
    nf_vec_push(&e->paras, p);
}

nf_status nf__classify_blocks(nf_doc *doc, nf__block *blocks, size_t n, const nf__meta *meta,
                              const char *dct)
{
    nf_arena *a = doc->arena;
    /* the blocks' features (tokens, folded copies, shingles) live only while the blocks are
     * classified: a scratch arena, so that the document keeps only what it returns */
    nf_arena *fa = nf_arena_new();
    feat *F = nf_arena_alloc(fa, (n + 1) * sizeof *F);
    /* HTML whose main content the DOM scorer found: the body is that content minus sure
     * removals, and what lies outside it is removed with a reason */
    bool dom = false;
    for (size_t i = 0; i < n && !dom; i++)
        dom = blocks[i].in_main;
    memo_slot *memo = nf_xcalloc(MEMO_SLOTS, sizeof *memo);
    for (size_t i = 0; i < n; i++)
        features(fa, memo, &blocks[i], &F[i],
                 !dom                                  ? FEAT_FULL
                 : blocks[i].in_main                   ? FEAT_MAIN
                 : blocks[i].hint != NF_REASON_NONE    ? FEAT_HINT
                                                       : FEAT_LIGHT);
    free(memo);

    /* 2. document language from prose-like blocks (for HTML, of the main content: 1,200
     * bytes, some 200 words, tell the language as well as 6,000 and cost a fifth) */
    int doc_script = SCRIPT_NONE;
    {
        nf_buf pr;
        nf_buf_init(&pr);
        const size_t cap = dom ? 1200 : 6000;
        for (size_t i = 0; i < n && pr.len < cap; i++)
            if (prose_like(&F[i]) && F[i].lex == NF__LEX_NONE && !F[i].embed_attr &&
                blocks[i].hint == NF_REASON_NONE && (!dom || blocks[i].in_main)) {
                size_t len = blocks[i].len;
                if (dom && pr.len + len > cap) { /* cut on a character boundary */
                    len = cap - pr.len;
                    while (len && ((unsigned char)blocks[i].text[len] & 0xC0) == 0x80)
                        len--;
                }
                nf_buf_append(&pr, blocks[i].text, len);
                nf_buf_putc(&pr, '\n');
            }
        nf_lang_guess g;
        if (pr.len && nf_text_lang(pr.data, pr.len, &g) == NF_OK && strcmp(g.code, "und") != 0)
            memcpy(doc->lang, g.code, 4);
        else if (meta && meta->lang && strlen(meta->lang) == 2)
            memcpy(doc->lang, meta->lang, 3);
        if (dom)
            doc_script = script_of(pr.data, pr.len);
        nf_buf_free(&pr);
    }
    const char *dl = doc->lang;
    /* HTML main content: a paragraph in the document's script is in its language; one in
     * another script is identified on its own. (Language identification is the costliest
     * feature, and the whole main content tells the language better than one paragraph.) */
    for (size_t i = 0; i < n && dom; i++) {
        if (!blocks[i].in_main || F[i].words < 5)
            continue;
        int sc = script_of(blocks[i].text, blocks[i].len);
        nf_lang_guess g;
        if (sc == doc_script && strcmp(dl, "und") != 0) {
            memcpy(F[i].lang, dl, 4);
            F[i].lang_conf = 1.0;
        } else if (nf_text_lang(blocks[i].text, blocks[i].len, &g) == NF_OK) {
            memcpy(F[i].lang, g.code, 4);
            F[i].lang_conf = g.confidence;
        }
    }

    /* 3. sure removals */
    region reg = REGION_NONE;
    int since_cookie = 99;
    for (size_t i = 0; i < n; i++) {
        feat *f = &F[i];
        nf__block *b = &blocks[i];
        since_cookie++;
        if (b->hint != NF_REASON_NONE) {
            set(f, b->hint, b->hint_detail ? b->hint_detail : "page structure");
            if (b->hint == NF_REASON_RELATED_LINKS || b->hint == NF_REASON_COOKIE_NOTICE)
                reg = REGION_NONE;
            continue;
        }
        switch (f->lex) {
        case NF__LEX_RELATED:
            set(f, NF_REASON_RELATED_LINKS, "related-links heading");
            reg = doc->kind == NF_KIND_TEXT ? REGION_RELATED : REGION_NONE;
            continue;
        case NF__LEX_REACTIONS:
            set(f, NF_REASON_REACTIONS, "reactions heading");
            reg = doc->kind == NF_KIND_TEXT ? REGION_REACTIONS : REGION_NONE;
            continue;
        case NF__LEX_COOKIE:
            set(f, NF_REASON_COOKIE_NOTICE, "cookie notice");
            reg = REGION_COOKIE;
            since_cookie = 0;
            continue;
        case NF__LEX_BUTTON:
            if (since_cookie <= 3 || reg == REGION_COOKIE) {
                set(f, NF_REASON_COOKIE_NOTICE, "consent button");
                since_cookie = 0;
            } else
                set(f, NF_REASON_SITE_CHROME, "button label");
            continue;
        case NF__LEX_READMORE: set(f, NF_REASON_RELATED_LINKS, "read-more link"); continue;
        case NF__LEX_AD: set(f, NF_REASON_ADVERTISEMENT, "advertising label"); continue;
        default: break;
        }
        if (reg == REGION_COOKIE)
            reg = REGION_NONE;
        if (f->lex == NF__LEX_COPYRIGHT) {
            set(f, NF_REASON_SITE_CHROME, "copyright line");
            reg = REGION_NONE;
            continue;
        }
        /* a sentence of site furniture up to the lexicon's 20 words: in a text dump only a
         * short one (prose mentions subscriptions), in a page's main content any (promos and
         * contact lines close articles; the article's prose rarely names them) */
        if (f->lex == NF__LEX_CHROME && (f->words <= 12 || !f->ends_sentence || b->in_main)) {
            set(f, NF_REASON_SITE_CHROME, f->lex_detail);
            continue;
        }
        if (reg == REGION_RELATED) {
            set(f, NF_REASON_RELATED_LINKS, "inside related-links box");
            continue;
        }
        if (reg == REGION_REACTIONS) {
            set(f, NF_REASON_REACTIONS, "inside reactions box");
            continue;
        }
        if (f->lex == NF__LEX_CREDIT) {
            set(f, NF_REASON_CAPTION, "image credit");
            /* a bare credit ("Photo: Agency") signs the caption just before it (in a text
             * dump: in HTML the page marks its captions, and a credit may precede them) */
            if (!dom && f->words <= 6 && i > 0 && F[i - 1].reason == NF_REASON_NONE &&
                F[i - 1].ends_sentence && F[i - 1].words >= 4 && F[i - 1].words <= 35 &&
                F[i - 1].sentences <= 2 && !F[i - 1].embed_attr)
                set(&F[i - 1], NF_REASON_CAPTION, "captioned image");
            continue;
        }
        if (f->lex == NF__LEX_BYLINE_ROLE) {
            set(f, NF_REASON_BYLINE, "name and job title");
            continue;
        }
        if (f->lex == NF__LEX_BYLINE) {
            /* a name must follow the prefix: the first letter after it is upper case */
            size_t k = 0;
            while (k < b->len && !((b->text[k] >= 'a' && b->text[k] <= 'z') ||
                                   (b->text[k] >= 'A' && b->text[k] <= 'Z') ||
                                   (unsigned char)b->text[k] >= 0x80))
                k++;
            k += strlen(f->lex_detail);
            int32_t cp = 0;
            while (k < b->len) {
                size_t q = k;
                cp = nf_utf8_next(b->text, b->len, &q);
                if (nf_cp_is_letter(cp))
                    break;
                k = q;
            }
            if (nf_cp_is_upper(cp) || strchr(f->lex_detail, ':')) {
                set(f, NF_REASON_BYLINE, "byline");
                continue;
            }
        }
    }

    /* embedded posts: the attribution line, and the post text above it */
    bool any_embed = false;
    for (size_t i = 0; i < n && !any_embed; i++)
        any_embed = F[i].embed_attr && F[i].reason == NF_REASON_NONE;
    nf_map *bodyset = nf_map_new();
    for (size_t i = 0; i < n && any_embed; i++) {
        if (F[i].reason != NF_REASON_NONE || F[i].embed_attr)
            continue;
        ensure_shingles(fa, &blocks[i], &F[i]);
        for (size_t k = 0; k < F[i].n_sh; k++) {
            /* value: the one block holding the shingle, or MULTI when several do */
            const char *key = (const char *)&F[i].sh[k];
            void *prev = nf_map_get(bodyset, key, sizeof F[i].sh[k]);
            nf_map_put(bodyset, key, sizeof F[i].sh[k],
                       prev && prev != (void *)(i + 1) ? MULTI : (void *)(i + 1));
        }
    }
    NF_VEC(nf_date) embed_dates = {0};
    for (size_t i = 0; i < n; i++) {
        if (!F[i].embed_attr || F[i].reason != NF_REASON_NONE)
            continue;
        set(&F[i], NF_REASON_SOCIAL_EMBED, "embedded post attribution");
        if (F[i].embed_date.gran >= NF_GRAN_DAY)
            nf_vec_push(&embed_dates, F[i].embed_date);
        for (size_t back = 1; back <= 3 && back <= i; back++) {
            feat *p = &F[i - back];
            if (p->reason != NF_REASON_NONE)
                break;
            ensure_shingles(fa, &blocks[i - back], p);
            /* overlap with body text other than itself */
            size_t hit = 0;
            for (size_t k = 0; k < p->n_sh; k++) {
                void *v = nf_map_get(bodyset, (const char *)&p->sh[k], sizeof p->sh[k]);
                if (v && (size_t)v != i - back + 1)
                    hit++;
            }
            double ov = p->n_sh ? (double)hit / (double)p->n_sh : 0;
            bool social = p->hashtags + p->handles + p->urls + p->symbols > 0;
            bool foreign = !same_lang(p->lang, dl) && p->lang_conf > 0.0;
            if (ov >= 0.4)
                set(p, NF_REASON_DUPLICATE, "embedded post repeating body text");
            else if (social || foreign || p->words <= 3)
                set(p, NF_REASON_SOCIAL_EMBED, "embedded post text");
            else
                break;
        }
    }
    nf_map_free(bodyset);

    /* 4. body span */
    bool any_article = false;
    for (size_t i = 0; i < n && dom; i++) {
        if (F[i].reason != NF_REASON_NONE || !blocks[i].in_main)
            continue;
        /* a short block that is mostly a link: a related story or a call to action */
        if (blocks[i].link_density >= 0.7f && F[i].words >= 3)
            set(&F[i], NF_REASON_RELATED_LINKS, "link inside the article");
        else /* a date line is left to the position rules */
            F[i].prose = !date_line(&blocks[i], &F[i]);
    }
    for (size_t i = 0; i < n && !dom; i++) {
        F[i].prose = F[i].reason == NF_REASON_NONE && prose_like(&F[i]) &&
                     blocks[i].link_density < 0.5f && F[i].urls <= 2;
        if (F[i].prose && blocks[i].in_article)
            any_article = true;
    }
    if (any_article)
        for (size_t i = 0; i < n; i++)
            if (!blocks[i].in_article)
                F[i].prose = false;
    /* prose in another language than the document's, outside the article, is chrome */
    for (size_t i = 0; i < n && !dom; i++)
        if (F[i].prose && !same_lang(F[i].lang, dl) && F[i].lang_conf >= 0.5 && F[i].words < 25)
            F[i].prose = false;
    size_t first = n, last = 0;
    for (size_t i = 0; i < n; i++)
        if (F[i].prose) {
            if (first == n)
                first = i;
            last = i;
        }

    /* 5. title */
    const char *title = NULL;
    size_t title_i = (size_t)-1;
    if (meta && meta->title) {
        size_t fl;
        const char *mt = nf_text_fold(fa, meta->title, strlen(meta->title), &fl);
        feat tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.folded = mt;
        tmp.flen = fl;
        for (size_t i = 0; i < n && title_i == (size_t)-1; i++)
            if ((F[i].reason == NF_REASON_NONE || blocks[i].heading == 1) &&
                folded_eq(&F[i], &tmp))
                title_i = i;
        title = meta->title;
    }
    if (title_i == (size_t)-1 && !title) {
        double best = 0;
        size_t lim = first == n ? n : first;
        /* an <h1> anywhere before the end of the body is the strongest candidate */
        for (size_t i = 0; i < n && i <= last; i++)
            if (blocks[i].heading == 1 && F[i].reason == NF_REASON_NONE) {
                title_i = i;
                best = 100;
                break;
            }
        size_t last_cand = (size_t)-1;
        for (size_t i = 0; i < lim; i++)
            if (F[i].reason == NF_REASON_NONE && title_like(&F[i]) &&
                !nav_like(&blocks[i], &F[i]) && !foreign(&F[i], dl) && !date_line(&blocks[i], &F[i]))
                last_cand = i;
        for (size_t i = 0; i < lim && best < 100; i++) {
            feat *f = &F[i];
            if (f->reason != NF_REASON_NONE || !title_like(f) || nav_like(&blocks[i], f) ||
                foreign(f, dl) || date_line(&blocks[i], f))
                continue;
            double sc = 1.0;
            if (f->words >= 5 && f->words <= 25)
                sc += 1.0;
            if (i == last_cand)
                sc += 1.0; /* the headline sits just above the article */
            if (f->upper_words == f->words && all_caps(&blocks[i]))
                sc -= 1.0; /* a masthead */
            if (menu_like(f) && f->stop_words * 4 < f->words)
                sc -= 1.0; /* a menu that nav_like let through */
            for (size_t j = i + 1; j < n; j++)
                if (folded_eq(f, &F[j])) {
                    sc += 2.0;
                    break;
                }
            if (f->upper_words * 2 >= f->words)
                sc += 0.5;
            if (f->has_date)
                sc -= 1.5;
            sc += 0.1 * (double)i / (double)(lim ? lim : 1); /* nearer the body */
            if (getenv("NF_DEBUG_TITLE"))
                fprintf(stderr, "title candidate %zu score %.2f: %s\n", i, sc, blocks[i].text);
            if (sc > best) {
                best = sc;
                title_i = i;
            }
        }
        if (best < 1.5 && best < 100)
            title_i = (size_t)-1;
    }
    if (dom && title_i == (size_t)-1) {
        /* the article's own <h1> above its first paragraph is its headline as printed,
         * whatever the metadata calls the page */
        for (size_t i = 0; i < n && i <= first && title_i == (size_t)-1; i++)
            if (blocks[i].heading == 1 && blocks[i].in_main && F[i].reason == NF_REASON_NONE &&
                blocks[i].link_density < 0.5f)
                title_i = i;
    }
    if (title_i != (size_t)-1) {
        set(&F[title_i], NF_REASON_TITLE, "title");
        F[title_i].prose = false;
        if (!title)
            title = blocks[title_i].text;
        /* the title printed again is a duplicate */
        for (size_t j = 0; j < n; j++)
            if (j != title_i && F[j].reason == NF_REASON_NONE && folded_eq(&F[title_i], &F[j])) {
                set(&F[j], NF_REASON_DUPLICATE, "title repeated");
                F[j].prose = false;
            }
        if (title_i == first) { /* recompute the span */
            first = n;
            for (size_t i = 0; i < n; i++)
                if (F[i].prose) {
                    if (first == n)
                        first = i;
                    last = i;
                }
        }
    }

    /* source candidates */
    const char *source = meta && meta->site_name ? meta->site_name : NULL;
    nf_date stated;
    memset(&stated, 0, sizeof stated);
    const char *stated_how = NULL;
    if (meta && meta->published) {
        nf_date d;
        size_t ms, me;
        if (nf_date_parse_iso(meta->published, strlen(meta->published), &d) == NF_OK ||
            nf__find_date(meta->published, strlen(meta->published), &d, &ms, &me)) {
            stated = d;
            stated_how = "meta";
        }
    }

    /* the rest, by position */
    for (size_t i = 0; i < n; i++) {
        feat *f = &F[i];
        nf__block *b = &blocks[i];
        if (f->reason != NF_REASON_NONE || f->prose)
            continue;
        bool before = i < first, after = i > last || first == n;
        if (date_line(b, f)) {
            set(f, NF_REASON_DATELINE, "stated date");
            if (!stated_how || (stated.gran < f->date.gran && strcmp(stated_how, "meta") != 0)) {
                if (!stated_how || strcmp(stated_how, "meta") != 0) {
                    stated = f->date;
                    stated_how = "dateline";
                }
            }
            continue;
        }
        bool outside = dom && !b->in_main;
        if (!dom && before && title_i != (size_t)-1 && i > title_i && f->words >= 10 &&
            lower_ratio(f) >= 0.5 && !foreign(f, dl) && f->urls == 0 && !nav_like(b, f)) {
            f->prose = true; /* a standfirst between the headline and the article */
            continue;
        }
        if (before || after || outside) {
            if (before && !source && i < (title_i == (size_t)-1 ? 3 : title_i + 1) &&
                f->words <= 7 && !f->ends_sentence && f->upper_words * 2 >= f->words &&
                separators(b) < 2) {
                /* a site name: the page's first short title-case line, or one the page
                 * names again (dateline, copyright) */
                bool elsewhere = false;
                const char *nm = site_name(a, b);
                size_t nl;
                const char *fnm = nf_text_fold(fa, nm, strlen(nm), &nl);
                for (size_t j = 0; j < n && !elsewhere; j++)
                    if (j != i && F[j].flen > nl &&
                        nf__find_phrase(F[j].folded, F[j].flen, fnm) != (size_t)-1)
                        elsewhere = true;
                if (elsewhere || i == 0) {
                    source = nm;
                    set(f, NF_REASON_SITE_CHROME, "site name");
                    continue;
                }
            }
            if (before && f->words >= 2 && f->words <= 4 && f->upper_words == f->words &&
                f->stop_words == 0 && !all_caps(b) && separators(b) == 0 &&
                ((i + 1 < n && (date_line(&blocks[i + 1], &F[i + 1]) ||
                                F[i + 1].reason == NF_REASON_DATELINE)) ||
                 (i > 0 && F[i - 1].reason == NF_REASON_TITLE))) {
                set(f, NF_REASON_BYLINE, "author name");
                continue;
            }
            if (nav_like(b, f) || (before && menu_like(f))) {
                set(f, NF_REASON_NAVIGATION, "menu or section label");
                continue;
            }
            if (before && f->words <= 3 && i + 1 < n && F[i + 1].has_date &&
                b->len && b->text[b->len - 1] == ',') {
                set(f, NF_REASON_DATELINE, "dateline place");
                continue;
            }
            if (outside && b->link_density >= 0.5f && f->words >= 5) {
                set(f, NF_REASON_RELATED_LINKS, "headline link outside the article");
                continue;
            }
            if (b->beside_mark) {
                set(f, NF_REASON_OTHER, "beside the article body the page marks");
                continue;
            }
            set(f, NF_REASON_SITE_CHROME, before ? "page header" : after ? "page footer"
                                                                         : "outside the article");
            continue;
        }
        /* inside the body span */
        if (heading_like(f) && same_lang(f->lang, dl)) {
            f->heading = true;
            continue;
        }
        if (!same_lang(f->lang, dl) && f->lang_conf >= 0.5 && f->words <= 20) {
            set(f, NF_REASON_SITE_CHROME, "text in another language than the article");
            continue;
        }
        if (f->words <= 2 && f->digits_words == 0 && !f->ends_sentence) {
            set(f, NF_REASON_OTHER, "stray fragment");
            continue;
        }
    }

    /* duplicates inside the body (a page's main content may repeat a line on purpose: the
     * same label in every section of a recipe plan or an interview) */
    for (size_t i = 0; i < n && !dom; i++) {
        if (F[i].reason != NF_REASON_NONE || F[i].words < 4)
            continue;
        for (size_t j = 0; j < i; j++)
            if (F[j].reason == NF_REASON_NONE && folded_eq(&F[i], &F[j])) {
                set(&F[i], NF_REASON_DUPLICATE, "paragraph repeated");
                break;
            }
    }

    /* HTML: a heading whose section kept no text heads a box that was removed */
    for (size_t i = 0; i < n && dom; i++) {
        int h = blocks[i].heading > 1 ? blocks[i].heading : F[i].heading ? 7 : 0;
        if (F[i].reason != NF_REASON_NONE || !h)
            continue;
        bool text = false;
        nf_reason next = NF_REASON_OTHER;
        for (size_t j = i + 1; j < n && !text; j++) {
            int hj = blocks[j].heading > 1 ? blocks[j].heading : F[j].heading ? 7 : 0;
            if (hj && hj <= h)
                break;
            nf_reason r = F[j].reason;
            if (r == NF_REASON_NONE && !hj)
                text = true;
            else if (next == NF_REASON_OTHER && blocks[j].in_main &&
                     (r == NF_REASON_RELATED_LINKS || r == NF_REASON_ADVERTISEMENT ||
                      r == NF_REASON_SOCIAL_EMBED || r == NF_REASON_NAVIGATION ||
                      r == NF_REASON_SITE_CHROME))
                next = r;
        }
        if (!text)
            set(&F[i], next, "heading of a removed box");
    }

    /* 6. a dateline opening the first body paragraphs */
    size_t cut_i = (size_t)-1, cut_len = 0;
    int seen_body = 0;
    for (size_t i = 0; i < n && seen_body < 2; i++) {
        if (F[i].reason != NF_REASON_NONE)
            continue;
        seen_body++;
        const char *outlet;
        nf_date d;
        bool dated;
        size_t c = dateline_prefix(a, &blocks[i], &outlet, &d, &dated);
        if (c) {
            cut_i = i;
            cut_len = c;
            if (outlet && !source)
                source = outlet;
            if (dated && (!stated_how || strcmp(stated_how, "meta") != 0)) {
                stated = d;
                stated_how = "dateline";
            }
            break;
        }
    }

    /* 7. metadata */
    doc->title = title ? nf_arena_strdup(a, title) : NULL;
    doc->source = source ? nf_arena_strdup(a, source) : NULL;
    if (meta && meta->author)
        doc->author = nf_arena_strdup(a, meta->author);
    if (meta && meta->url && !doc->url)
        doc->url = nf_arena_strdup(a, meta->url);
    if (stated_how) {
        doc->published = stated;
    } else if (embed_dates.len) {
        nf_date latest = embed_dates.items[0];
        for (size_t k = 1; k < embed_dates.len; k++)
            if (nf_date_cmp(&embed_dates.items[k], &latest) > 0)
                latest = embed_dates.items[k];
        latest.gran = NF_GRAN_DAY;
        doc->published = latest;
        doc->published_estimated = true;
    } else if (dct && nf_date_parse_iso(dct, strlen(dct), &doc->published) == NF_OK) {
        doc->published_estimated = false;
    } else {
        /* the latest full date the body states */
        nf_date latest;
        memset(&latest, 0, sizeof latest);
        for (size_t i = 0; i < n; i++) {
            if (F[i].reason != NF_REASON_NONE)
                continue;
            const char *s = blocks[i].text;
            size_t len = blocks[i].len, off = 0, ms, me;
            nf_date d;
            while (off < len && nf__find_date(s + off, len - off, &d, &ms, &me)) {
                if (d.gran >= NF_GRAN_DAY && (latest.gran == NF_GRAN_NONE ||
                                              nf_date_cmp(&d, &latest) > 0)) {
                    latest = d;
                    latest.gran = NF_GRAN_DAY;
                }
                off += me;
            }
        }
        if (latest.gran != NF_GRAN_NONE) {
            doc->published = latest;
            doc->published_estimated = true;
        }
    }
    nf_vec_free(&embed_dates);

    /* emit, in page order */
    emitter e;
    memset(&e, 0, sizeof e);
    nf_buf_init(&e.text);
    for (size_t i = 0; i < n; i++) {
        nf__block *b = &blocks[i];
        feat *f = &F[i];
        if (f->reason == NF_REASON_NONE) {
            size_t c = i == cut_i ? cut_len : 0;
            if (c)
                emit_removed(doc, &e, b->text, c, b->src_start, b->src_start, NF_REASON_DATELINE,
                             "dateline");
            emit_para(&e, b->text + c, b->len - c, b->src_start, b->src_end, f->lang,
                      f->heading || (b->heading > 1));
            continue;
        }
        if (f->reason == NF_REASON_DATELINE && f->date_start > 0 && b->len > 0) {
            /* a menu in front of a timestamp: two pieces */
            nf_slice pre = nf_slice_trim((nf_slice){b->text, f->date_start});
            bool place = pre.len && pre.ptr[pre.len - 1] == ','; /* "Calvera, 12 mar 2026" */
            if (pre.len >= 3 && !place && f->date_start > 0 &&
                chunks_outside(pre.ptr, pre.len, 0, 0) >= 2 &&
                chunks_outside(pre.ptr, pre.len, 0, 0) <= 8 && !memchr(pre.ptr, ',', pre.len)) {
                emit_removed(doc, &e, pre.ptr, pre.len, b->src_start, b->src_end,
                             NF_REASON_NAVIGATION, "menu before the timestamp");
                emit_removed(doc, &e, b->text + f->date_start, b->len - f->date_start,
                             b->src_start, b->src_end, NF_REASON_DATELINE, f->detail);
                continue;
            }
        }
        emit_removed(doc, &e, b->text, b->len, b->src_start, b->src_end, f->reason, f->detail);
    }
    doc->paras = nf_arena_alloc(a, (e.paras.len + 1) * sizeof(nf_para));
    if (e.paras.len)
        memcpy(doc->paras, e.paras.items, e.paras.len * sizeof(nf_para));
    doc->n_paras = e.paras.len;
    doc->removed = nf_arena_alloc(a, (e.removed.len + 1) * sizeof(nf_removed));
    if (e.removed.len)
        memcpy(doc->removed, e.removed.items, e.removed.len * sizeof(nf_removed));
    doc->n_removed = e.removed.len;
    doc->text = nf_arena_strndup(a, e.text.data ? e.text.data : "", e.text.len);
    doc->text_len = e.text.len;
    nf_vec_free(&e.paras);
    nf_vec_free(&e.removed);
    nf_buf_free(&e.text);
    nf_arena_free(fa);
    (void)lower_ratio;
    return NF_OK;
}
