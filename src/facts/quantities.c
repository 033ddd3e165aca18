/* Facts: quantities. Every stated number of an article's body with its value (numbers in the
 * document's notation, number words, scales, fractions, ranges), unit (units.c), qualifier
 * ("nearly", "cerca de"), direction of change ("declined by 50 percent" -> "decline"), what
 * it measures (a noun phrase chunked around the number in its sentence) and who claims it
 * (the speaker of the enclosing quote, "according to X", "X said").
 *
 * Input: doc->text, doc->lang, f->times (dates, clock times and years are times, not
 * quantities), f->quotes. Output: f->quantities (doc arena). One pass over the tokens, one
 * sentence at a time; each quantity looks at a bounded number of tokens around it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts/units.h"

typedef struct {
    const char *s;
    const nf__tok *t;
    size_t n;
    unsigned lang;
    const uint8_t *skip; /* tokens inside dates, times and sets */
    size_t ss, se;       /* the sentence: tokens [ss, se) */
} qctx;

typedef struct {
    size_t qs, qe; /* the quantity as written */
    size_t ns;     /* first token of the number */
    size_t ue;     /* end of number + unit (before any "of ...") */
    double v, vmax;
    const char *unit;
    int kind;
    const char *qual;
    size_t cs, ce; /* a counted noun, when the unit is one */
    bool money;    /* a currency written before the number */
    bool fraction; /* "half of", "a third of" */
    bool words;    /* the number is written in words */
    double scale;  /* the scale word's factor ("billion"), 1 when none */
    const char *per; /* a counted noun per a unit of time ("tests per day"), or NULL */
} qitem;

/* ---- token tests --------------------------------------------------------------------- */

static bool in(const qctx *c, size_t i) { return i >= c->ss && i < c->se; }
static inline bool word(const qctx *c, size_t i, const char *lit)
{
    if (!in(c, i) || c->t[i].kind != NF__WORD)
        return false;
    unsigned char c0 = (unsigned char)c->s[c->t[i].start];
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (unsigned char)(c0 + 32);
    return c0 == (unsigned char)lit[0] && nf__is(c->s, &c->t[i], lit); /* first byte first */
}
static bool punct(const qctx *c, size_t i, int32_t cp)
{
    return in(c, i) && c->t[i].kind == NF__PUNCT && c->t[i].cp == cp;
}
static bool glued(const qctx *c, size_t i) { return in(c, i) && (c->t[i].flags & NF__F_GLUED); }
static bool dash(const qctx *c, size_t i)
{
    return punct(c, i, '-') || punct(c, i, 0x2013) || punct(c, i, 0x2011);
}
static bool is_word(const qctx *c, size_t i) { return in(c, i) && c->t[i].kind == NF__WORD; }
static bool stop(const qctx *c, size_t i)
{
    return is_word(c, i) && !(c->t[i].flags & NF__F_CAPS) && nf__stop_word(c->s, &c->t[i], c->lang);
}
static bool any_word(const qctx *c, size_t i, const char *const *ws)
{
    /* word() for each of ws, with the token's tests and first byte taken once */
    if (!in(c, i) || c->t[i].kind != NF__WORD)
        return false;
    unsigned char c0 = (unsigned char)c->s[c->t[i].start];
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (unsigned char)(c0 + 32);
    for (; *ws; ws++)
        if ((unsigned char)(*ws)[0] == c0 && nf__is(c->s, &c->t[i], *ws))
            return true;
    return false;
}

static bool ends_with(const qctx *c, size_t i, const char *suf)
{
    size_t n = c->t[i].end - c->t[i].start, m = strlen(suf);
    return n > m + 1 && !memcmp(c->s + c->t[i].end - m, suf, m);
}

/* a word that reads as a verb form (-ed, -ing) in English */
static bool verbish(const qctx *c, size_t i)
{
    return (c->lang & NF__EN) && is_word(c, i) && !(c->t[i].flags & NF__F_UPPER) &&
           (ends_with(c, i, "ed") || ends_with(c, i, "ing"));
}

/* ---- numbers ----------------------------------------------------------------------- */

/* A number at j (digits or number words), not part of a name ("COVID-19", "G7"). */
static size_t number_at(const qctx *c, size_t j, double *v, bool *words)
{
    *words = false;
    if (!in(c, j) || c->skip[j])
        return 0;
    const nf__tok *t = &c->t[j];
    if (t->kind == NF__NUM) {
        if (!isfinite(t->num) || (t->flags & (NF__F_ISO | NF__F_CLOCK | NF__F_SLASH)))
            return 0;
        if ((t->flags & NF__F_GLUED) && j > c->ss && c->t[j - 1].kind == NF__WORD &&
            !(j > c->ss + 1 && (punct(c, j - 2, '$') || (c->t[j - 1].flags & NF__F_CAPS))))
            return 0; /* A320 written apart from its letters; not $US55, USD10 */
        if ((t->flags & NF__F_GLUED) && dash(c, j - 1) && glued(c, j - 1) && is_word(c, j - 2) &&
            !(c->t[j - 2].flags & NF__F_SENT) && j - 2 >= c->ss && !word(c, j - 2, "minus") &&
            !word(c, j - 2, "sub"))
            return 0; /* COVID-19, F-16 */
        if ((t->flags & NF__F_GLUED) && dash(c, j - 1) && !glued(c, j - 1) && j >= c->ss + 2 &&
            is_word(c, j - 2) && (c->t[j - 2].flags & NF__F_CAPS))
            return 0; /* COVID -19 */
        size_t k = j + 1;
        if (glued(c, k) && is_word(c, k)) {
            const char *u;
            int kind;
            if (!nf__unit_at(c->s, c->t, c->se, k, c->lang, true, &u, &kind) &&
                !(nf__scale_word(c->s, &c->t[k], c->lang) > 0))
                return 0; /* ordinals (3rd), decades (1990s), names (5G, 9AB) */
        }
        if ((t->flags & NF__F_GLUED) && j > c->ss + 1 && punct(c, j - 1, '.') &&
            (c->t[j - 1].flags & NF__F_GLUED) &&
            (c->t[j - 2].kind == NF__WORD || c->t[j - 2].kind == NF__NUM))
            return 0; /* v1.2, PS2.7m */
        double x = t->num;
        /* a sign written right before the number: -3, −3, minus 5, minus-1.4 */
        if ((t->flags & NF__F_GLUED) && j > c->ss &&
            (punct(c, j - 1, '-') || punct(c, j - 1, 0x2212)) &&
            (!(c->t[j - 1].flags & NF__F_GLUED) || word(c, j - 2, "minus")))
            x = -x;
        else if (j > c->ss && word(c, j - 1, "minus"))
            x = -x;
        /* 5 1/2 */
        if (in(c, k) && (c->t[k].flags & NF__F_SLASH) && c->t[k].end - c->t[k].start == 3) {
            const char *p = c->s + c->t[k].start;
            if (p[0] >= '1' && p[0] <= '9' && p[2] >= '2' && p[2] <= '9' && p[0] < p[2])
                x += (double)(p[0] - '0') / (p[2] - '0'), k++;
        }
        *v = x;
        return k;
    }
    size_t e;
    double x;
    if (t->kind == NF__WORD && nf__numwords(c->s, c->t, c->se, j, c->lang, &x, &e) && e > j) {
        for (size_t k = j; k < e; k++)
            if (c->skip[k])
                return 0;
        *v = x;
        *words = true;
        return e;
    }
    return 0;
}

/* scale words after a number: "million", "2.5m" after money, "mil millones" */
static size_t scale_at(const qctx *c, size_t k, bool money, double *v)
{
    for (int round = 0; round < 2 && in(c, k) && c->t[k].kind == NF__WORD; round++) {
        double sc = nf__scale_word(c->s, &c->t[k], c->lang);
        if (sc <= 0)
            break;
        size_t len = c->t[k].end - c->t[k].start;
        if (len == 1 && !money && !((c->t[k].flags & NF__F_UPPER) && glued(c, k)))
            break; /* 5m is five metres unless it is money; 4.3M is millions */
        if ((word(c, k, "thousands") || word(c, k, "millions") || word(c, k, "billions")) &&
            round == 0)
            break; /* "5 millions" is rare; "millions of" is handled apart */
        *v *= sc;
        k++;
        if (punct(c, k, '.') && glued(c, k) && len <= 3)
            k++; /* Mio. */
    }
    return k;
}

/* The counted noun after a number: up to three words ending at the first plural-looking
 * noun ("14 crew members", "21 armas"); one word for a count of one ("one proposal"). */
static size_t count_noun(const qctx *c, size_t k, double v, size_t *ce)
{
    static const char *const irregular[] = {"people",    "children", "men",    "women",    "police",
                                            "personnel", "staff",    "cattle", "data",     "media",
                                            "fish",      "sheep",    "deer",   "aircraft", "troops",
                                            "gente",     "personal", NULL};
    size_t e = k;
    for (size_t w = 0; w < 3 && in(c, e); w++) {
        if (!is_word(c, e) || stop(c, e) || nf__speech_word(c->s, &c->t[e], c->lang))
            return 0;
        if (verbish(c, e) && !(is_word(c, e + 1) && !stop(c, e + 1)))
            return 0;
        bool nd;
        if (nf__direction_word(c->s, &c->t[e], c->lang, &nd) && !nd)
            return 0;
        size_t ln = c->t[e].end - c->t[e].start;
        bool cap_plural = (c->t[e].flags & NF__F_UPPER) && !(c->t[e].flags & NF__F_CAPS) &&
                          ln > 3 && c->s[c->t[e].end - 1] == 's' && c->s[c->t[e].end - 2] != 's';
        if ((c->t[e].flags & (NF__F_UPPER | NF__F_CAPS)) && !cap_plural &&
            !(is_word(c, e + 1) && !stop(c, e + 1)))
            return 0;
        size_t x = e + 1;
        while (in(c, x + 1) && dash(c, x) && glued(c, x) && glued(c, x + 1) && is_word(c, x + 1))
            x += 2; /* first-team, U.S.-made */
        size_t n = c->t[x - 1].end - c->t[x - 1].start;
        const char *p = c->s + c->t[x - 1].start;
        bool plural =
            (n > 2 && p[n - 1] == 's' && p[n - 2] != 's' && p[n - 2] != 'u' && p[n - 2] != 'i') ||
            (n > 4 && !memcmp(p + n - 3, "men", 3));
        if (plural || any_word(c, x - 1, irregular) ||
            (v == 1 && w == 0 && !(c->t[e].flags & NF__F_UPPER))) {
            *ce = x;
            return k;
        }
        e = x;
    }
    return 0;
}

/* ---- noun phrases -------------------------------------------------------------------- */

static bool np_inner(const qctx *c, size_t i)
{
    static const char *const ok[] = {"of",   "at", "the", "de",  "del", "on",
                                     "from", "to", "in",  "for", NULL};
    return any_word(c, i, ok);
}

static bool det_word(const qctx *c, size_t i)
{
    static const char *const d[] = {"the",  "a",     "an",  "its", "their", "his", "her", "our",
                                    "this", "these", "el",  "la",  "los",   "las", "su",  "sus",
                                    "un",   "una",   "der", "die", "das",   "le",  "les", NULL};
    return any_word(c, i, d);
}

static bool np_break(const qctx *c, size_t i)
{
    const nf__tok *t = &c->t[i];
    if (t->kind == NF__PUNCT)
        return !(
            glued(c, i) && in(c, i + 1) && glued(c, i + 1) &&
            (t->cp == '-' || t->cp == '.' || t->cp == '\'' || t->cp == 0x2019 || t->cp == '/'));
    return t->kind != NF__WORD;
}

/* Third-person verbs that end a noun phrase read forward ("a third of the budget goes"). */
static bool verb_s(const qctx *c, size_t i)
{
    static const char *const v[] = {
        "goes",   "comes", "lives", "works",   "remains",   "stays",   "gets",     "makes",
        "takes",  "says",  "means", "shows",   "needs",     "wants",   "seems",    "looks",
        "faces",  "holds", "hopes", "expects", "continues", "becomes", "includes", "reaches",
        "costs",  "earns", "pays",  "sells",   "buys",      "uses",    "live",     "work",
        "remain", "come",  "go",    "went",    NULL};
    return any_word(c, i, v);
}

/* A noun phrase starting at p (after "of", "in"): [p0, p1) or false. With allow_at, "at the
 * border" stays in ("seizures at the border"). */
static bool np_after(const qctx *c, size_t p, bool allow_at, size_t *p0, size_t *p1)
{
    while (in(c, p) && det_word(c, p))
        p++;
    size_t e = p, last = 0;
    for (size_t w = 0; w < 8 && in(c, e); w++, e++) {
        if (np_break(c, e))
            break;
        if (c->t[e].kind == NF__PUNCT)
            continue;
        if (word(c, e, "of") || (allow_at && word(c, e, "at")) || word(c, e, "the") ||
            word(c, e, "de") || word(c, e, "del"))
            continue;
        if (stop(c, e) || nf__speech_word(c->s, &c->t[e], c->lang) || verbish(c, e) || verb_s(c, e))
            break;
        bool nd;
        if (nf__direction_word(c->s, &c->t[e], c->lang, &nd) && !nd)
            break;
        last = e + 1;
    }
    if (!last)
        return false;
    *p0 = p, *p1 = last;
    return true;
}

/* A noun phrase ending just before p (a verb or "of"): [p0, p1) or false. */
static bool np_before(const qctx *c, size_t p, size_t *p0, size_t *p1)
{
    static const char *const aux[] = {
        "have", "has",     "had",        "been", "was", "were", "is", "are", "will",  "would",
        "also", "already", "reportedly", "be",   "ha",  "han",  "se", "hat", "haben", NULL};
    size_t e = p;
    while (e > c->ss && any_word(c, e - 1, aux))
        e--;
    size_t b = e, first = e;
    for (size_t w = 0; w < 10 && b > c->ss; w++) {
        size_t i = b - 1;
        if (np_break(c, i))
            break;
        if (c->t[i].kind == NF__WORD && stop(c, i) && !np_inner(c, i) &&
            !(c->t[i].flags & NF__F_POSS))
            break;
        if (nf__speech_word(c->s, &c->t[i], c->lang) || (verbish(c, i) && i + 1 == e))
            break;
        b = i;
        if (c->t[i].kind == NF__WORD && !stop(c, i))
            first = i;
    }
    if (first >= e)
        return false;
    /* drop leading prepositions and determiners */
    while (first < e && (stop(c, first) || c->t[first].kind == NF__PUNCT))
        first++;
    size_t last = e;
    while (last > first && (stop(c, last - 1) || c->t[last - 1].kind == NF__PUNCT))
        last--;
    if (last <= first)
        return false;
    *p0 = first, *p1 = last;
    return true;
}

/* ---- one quantity ---------------------------------------------------------------------- */

static size_t number_at(const qctx *c, size_t j, double *v, bool *words);
static size_t count_noun(const qctx *c, size_t k, double v, size_t *ce);

/* "one in five adults", "1 out of 3 voters": a share (1/5), with the counted noun in [*cs, *ce)
 * when one follows ("adults"); 0 when none starts at i. */
static size_t ratio_at(const qctx *c, size_t i, double *share, size_t *cs, size_t *ce)
{
    double a, b;
    bool wa, wb;
    size_t j = number_at(c, i, &a, &wa);
    if (!j || a < 1 || a != floor(a))
        return 0;
    if (word(c, j, "out") && word(c, j + 1, "of"))
        j += 2;
    else if (word(c, j, "in"))
        j++;
    else
        return 0;
    size_t e = number_at(c, j, &b, &wb);
    if (!e || b <= a || b > 1000 || b != floor(b))
        return 0;
    *share = a / b;
    *cs = *ce = 0;
    size_t x;
    if (count_noun(c, e, b, &x))
        *cs = e, *ce = x, e = x;
    return e;
}

/* "half of", "a third of", "two-thirds of": a share, as a fraction of one (0.5). */
static size_t fraction_at(const qctx *c, size_t i, double *pct)
{
    size_t j = i;
    double num = 1;
    if (word(c, j, "a") || word(c, j, "one"))
        j++;
    else if (word(c, j, "two") || word(c, j, "three")) {
        num = word(c, j, "two") ? 2 : 3;
        j++;
        if (dash(c, j))
            j++;
    }
    double den = word(c, j, "half")                                  ? 2
                 : (word(c, j, "third") || word(c, j, "thirds"))     ? 3
                 : (word(c, j, "quarter") || word(c, j, "quarters")) ? 4
                                                                     : 0;
    if (!den || (den == 2 && num != 1) || !word(c, j + 1, "of") || (den != 2 && j == i))
        return 0; /* "the final third of the pitch" is not a share */
    *pct = num / den;
    return j + 1;
}

/* "dozens of", "hundreds of", "tens of thousands of", "miles de": a range [X, 10X). */
static size_t multiple_at(const qctx *c, size_t i, double *lo)
{
    static const struct {
        const char *w;
        double v;
    } m[] = {{"dozens", 12},     {"hundreds", 100},   {"thousands", 1e3}, {"millions", 1e6},
             {"billions", 1e9},  {"decenas", 10},     {"cientos", 100},   {"miles", 1e3},
             {"millones", 1e6},  {"centenares", 100}, {"tausende", 1e3},  {"milliers", 1e3},
             {"centaines", 100}, {"dizaines", 10}};
    size_t j = i;
    double mult = 1;
    if ((word(c, j, "tens") || word(c, j, "decenas")) &&
        (word(c, j + 1, "of") || word(c, j + 1, "de")))
        mult = 10, j += 2;
    for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
        if (word(c, j, m[k].w) && (word(c, j + 1, "of") || word(c, j + 1, "de"))) {
            if (word(c, j, "miles") && !(c->lang & NF__ES))
                return 0;
            *lo = m[k].v * mult;
            return j + 2;
        }
    return 0;
}

/* the unit of a counted noun whose last word is a unit ("517 rushing yards") */
static void count_unit(const qctx *c, qitem *q)
{
    const char *u;
    int kind;
    if (nf__unit_at(c->s, c->t, c->se, q->ce - 1, c->lang, false, &u, &kind) == q->ce &&
        (kind == QK_MEASURE || kind == QK_TIME || kind == QK_POINT))
        q->unit = u, q->kind = kind;
}

/* "$21.25 per square foot", "$3,500 a month", "cents per share": money per something */
static size_t per_unit(nf_arena *a, const qctx *c, qitem *q, size_t e)
{
    if (!(word(c, e, "per") || word(c, e, "a") || word(c, e, "an") || word(c, e, "por") ||
          word(c, e, "al")))
        return e;
    if (in(c, e + 1) && c->skip[e + 1])
        return e; /* "$6.78 billion a year earlier" */
    const char *u;
    int kind;
    size_t ue = nf__unit_at(c->s, c->t, c->se, e + 1, c->lang, false, &u, &kind);
    if (!ue && is_word(c, e + 1) && !stop(c, e + 1) && !(c->t[e + 1].flags & NF__F_UPPER) &&
        !verbish(c, e + 1))
        ue = e + 2, u = NULL;
    if (!ue)
        return e;
    char w[48];
    if (!u) {
        size_t n = c->t[e + 1].end - c->t[e + 1].start;
        if (n >= sizeof w)
            return e;
        memcpy(w, c->s + c->t[e + 1].start, n);
        if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
            n--;
        w[n] = '\0';
        u = w;
    }
    q->unit = nf_arena_printf(a, "%s per %s", q->unit, u);
    return ue;
}

/* A measure or a count per something: "11 feet per century", "3,000 tests per day", "5 miles
 * a day", "52,000 barrel-a-day" (after "a", only a unit of time). */
static size_t measure_per(nf_arena *a, const qctx *c, qitem *q, size_t e, bool count)
{
    const char *u;
    int kind;
    if (word(c, e, "per") && !count)
        return per_unit(a, c, q, e);
    if (word(c, e, "per") && in(c, e + 1) && !c->skip[e + 1] &&
        nf__unit_at(c->s, c->t, c->se, e + 1, c->lang, false, &u, &kind) == e + 2 &&
        kind == QK_TIME) {
        if (count)
            q->per = u;
        else
            q->unit = nf_arena_printf(a, "%s per %s", q->unit, u);
        return e + 2;
    }
    if (count)
        return e;
    size_t k = e;
    bool hy = dash(c, k) && glued(c, k) && glued(c, k + 1);
    if (hy)
        k++;
    if (!(word(c, k, "a") || word(c, k, "an")) || (hy && !(dash(c, k + 1) && glued(c, k + 1))))
        return e;
    k += hy ? 2 : 1;
    if (!in(c, k) || c->skip[k] ||
        nf__unit_at(c->s, c->t, c->se, k, c->lang, false, &u, &kind) != k + 1 || kind != QK_TIME)
        return e;
    q->unit = nf_arena_printf(a, "%s per %s", q->unit, u);
    return k + 1;
}

/* Reads a quantity starting at token i; false when none starts there. `second`: the end of
 * a "from X to Y" range, where a number word alone counts ("from four to six"). */
static bool read_one(nf_arena *arena, const qctx *c, size_t i, qitem *q, bool second)
{
    memset(q, 0, sizeof *q);
    q->qs = i;
    q->unit = "";
    q->scale = 1;
    size_t j = i, k;
    const char *qual = NULL;
    if ((k = nf__qualifier_at(c->s, c->t, c->se, j, c->lang, &qual)))
        j = k;
    else if (punct(c, j, '~') && glued(c, j + 1))
        qual = "about", j++;
    bool between = false;
    if (word(c, j, "between") || word(c, j, "entre") || word(c, j, "zwischen"))
        between = true, j++;
    double pct, lo;
    if ((k = fraction_at(c, j, &pct)) || (k = ratio_at(c, j, &pct, &q->cs, &q->ce))) {
        q->v = q->vmax = pct, q->unit = "fraction", q->kind = QK_PERCENT, q->ns = j;
        q->qe = q->ue = k, q->qual = qual, q->fraction = true;
        return true;
    }
    if ((k = multiple_at(c, j, &lo))) {
        q->v = lo, q->vmax = lo * 10, q->ns = j, q->qual = qual;
        size_t u;
        const char *unit;
        int kind;
        if ((u = nf__unit_at(c->s, c->t, c->se, k, c->lang, false, &unit, &kind)))
            q->unit = unit, q->kind = kind, q->qe = u;
        else if (count_noun(c, k, 2, &q->ce))
            q->cs = k, q->qe = q->ce, q->kind = QK_COUNT;
        else
            return false;
        q->ue = q->qe;
        return true;
    }
    /* one of the best speakers */
    if (!qual && word(c, j, "one") && word(c, j + 1, "of") &&
        (word(c, j + 2, "the") || word(c, j + 2, "his") || word(c, j + 2, "her") ||
         word(c, j + 2, "their"))) {
        size_t a = j + 3;
        if (word(c, a, "most"))
            a++;
        if (count_noun(c, a, 2, &q->ce)) {
            q->v = q->vmax = 1, q->ns = j, q->cs = a, q->kind = QK_COUNT, q->qe = q->ue = q->ce;
            return true;
        }
    }
    const char *code = NULL;
    size_t m = nf__money_prefix(c->s, c->t, c->se, j, c->lang, &code);
    if (m)
        j = m, q->money = true;
    bool words;
    double v;
    size_t e = number_at(c, j, &v, &words);
    if (!e)
        return false;
    q->ns = j;
    if (v < 0 && q->qs == j && j > c->ss)
        q->qs = word(c, j - 1, "minus")
                    ? j - 1
                    : (j > c->ss + 1 && word(c, j - 2, "minus") ? j - 2 : j - 1);
    double sv = v;
    e = scale_at(c, e, q->money, &sv);
    bool scaled = sv != v;
    q->words = words;
    if (scaled && v != 0)
        q->scale = sv / v;
    v = sv;
    double vmax = v;
    /* a unit right after the first number of a range ("20% to 30%", "252 miles to 287 miles") */
    const char *u1 = NULL;
    int k1 = 0;
    size_t r = e, ru = nf__unit_at(c->s, c->t, c->se, e, c->lang, q->money, &u1, &k1);
    if (ru && (k1 == QK_PERCENT || k1 == QK_CURRENCY || k1 == QK_MEASURE || k1 == QK_TIME))
        r = ru;
    else
        u1 = NULL;
    bool own1 = u1 || q->money;
    bool sep = (between && (word(c, r, "and") || word(c, r, "y") || word(c, r, "und"))) ||
               (!between && (word(c, r, "to") || word(c, r, "bis") || word(c, r, "à") ||
                             ((c->lang & NF__ES) && word(c, r, "a")) ||
                             (!q->money && !u1 && word(c, r, "or")))) ||
               (dash(c, r) && ((glued(c, r) && glued(c, r + 1)) || punct(c, r, 0x2013)));
    bool changed =
        false; /* "increased by $43.6 billion to $419.2 billion": a change, then a level */
    for (size_t b = i, w = 0; b > c->ss && w < 3; b--, w++) {
        bool nd;
        if (is_word(c, b - 1) && nf__direction_word(c->s, &c->t[b - 1], c->lang, &nd))
            changed = true;
    }
    if (sep) {
        size_t r2 = r + 1, m2;
        const char *code2;
        bool money2 = (m2 = nf__money_prefix(c->s, c->t, c->se, r2, c->lang, &code2)) != 0;
        if (money2)
            r2 = m2;
        double v2;
        bool words2;
        size_t e2 = number_at(c, r2, &v2, &words2);
        const char *u2 = NULL;
        int k2 = 0;
        double s2 = v2;
        size_t e3 = e2 ? scale_at(c, e2, q->money || money2, &s2) : 0;
        if (e3)
            nf__unit_at(c->s, c->t, c->se, e3, c->lang, q->money || money2, &u2, &k2);
        bool same = (!u1 || (u2 && !strcmp(u1, u2))) && money2 == q->money;
        bool ok = e2 && same && !(changed && own1 && !between);
        if (ok) {
            if (s2 != v2 && !scaled && v <= v2)
                v *= s2 / v2; /* 2 to 3 million */
            if (s2 > v || between)
                vmax = s2, e = e3;
        }
        if (between && !ok)
            return false;
    } else if (between) {
        return false;
    }
    q->v = v, q->vmax = vmax, q->qual = qual;
    /* the unit */
    const char *unit;
    int kind;
    size_t ue = nf__unit_at(c->s, c->t, c->se, e, c->lang, q->money, &unit, &kind);
    if (!ue && (word(c, e, "de") || word(c, e, "of")) && scaled)
        ue = nf__unit_at(c->s, c->t, c->se, e + 1, c->lang, q->money, &unit,
                         &kind); /* 2,5 millones de euros */
    if (!ue && dash(c, e) && glued(c, e) && glued(c, e + 1)) {
        ue = nf__unit_at(c->s, c->t, c->se, e + 1, c->lang, q->money, &unit, &kind);
        if (ue && kind == QK_TIME && dash(c, ue) && word(c, ue + 1, "old"))
            unit = "years old", kind = QK_AGE, ue += 2; /* 50-year-old */
        else if (ue && kind == QK_TIME)
            return false; /* "a 15-minute call": a duration (a time), not a count */
        else if (ue && kind != QK_MEASURE && kind != QK_POINT)
            ue = 0;
    }
    if (ue && kind == QK_TIME && dash(c, ue) && glued(c, ue) && word(c, ue + 1, "old"))
        unit = "years old", kind = QK_AGE, ue += 2; /* 50 year-old */
    if (ue && kind == QK_TIME && word(c, ue, "old"))
        unit = "years old", kind = QK_AGE, ue++;
    if (q->money) {
        q->unit = code, q->kind = QK_CURRENCY;
        if (ue && kind == QK_CURRENCY)
            q->unit = unit, e = ue; /* $500 pesos */
        else if (ue && kind == QK_CENT)
            e = ue;
        e = per_unit(arena, c, q, e);
    } else if (ue) {
        q->unit = unit, q->kind = kind, e = ue;
        if (kind == QK_CURRENCY || kind == QK_CENT)
            e = per_unit(arena, c, q, e);
        else if (kind == QK_MEASURE)
            e = measure_per(arena, c, q, e, false);
    } else {
        size_t ce;
        if (count_noun(c, e, v, &ce)) {
            q->cs = e, q->ce = ce, q->kind = QK_COUNT;
            count_unit(c, q);
            e = q->unit[0] ? ce : measure_per(arena, c, q, ce, true);
        } else if (words && v < 2 && !scaled) {
            return false; /* "one of them", "no one" */
        }
    }
    q->qe = q->ue = e;
    const nf__tok *t0 = &c->t[q->ns];
    /* "Maddon, 66, has ...": an age */
    if (!q->kind && !q->money && !qual && !scaled && vmax == v && v >= 1 && v < 120 &&
        punct(c, e, ',') && q->ns > c->ss + 1 && punct(c, q->ns - 1, ',') &&
        is_word(c, q->ns - 2) && (c->t[q->ns - 2].flags & NF__F_UPPER) && t0->kind == NF__NUM)
        q->unit = "years old", q->kind = QK_AGE;
    bool bare = !q->kind && !q->money && !qual && !scaled && vmax == v;
    /* a lone four-digit number is a year the time extractor did not keep ("2018 sales") */
    if ((bare || q->kind == QK_COUNT) && !qual && !q->money && !scaled && t0->kind == NF__NUM &&
        (t0->flags & NF__F_PLAIN) && t0->ndig == 4 && v >= 1900 && v <= 2100)
        return false;
    /* names: "Big 12", "S&P 500", "iPhone 11 Pro", "787 Dreamliner", "16-18 Industrial Avenue" */
    bool plain_range = !q->kind && !q->money && !qual && !scaled;
    bool named_before = false;
    if (q->ns > c->ss && is_word(c, q->ns - 1) && !(c->t[q->ns - 1].flags & NF__F_SENT))
        for (size_t p = c->t[q->ns - 1].start; p < c->t[q->ns - 1].end && !named_before; p++)
            named_before = c->s[p] >= 'A' && c->s[p] <= 'Z';
    if ((plain_range || (q->kind == QK_COUNT && (c->t[q->cs].flags & NF__F_UPPER))) && named_before)
        return false;
    if (plain_range && is_word(c, e) && (c->t[e].flags & (NF__F_UPPER | NF__F_CAPS)))
        return false;
    /* scores and tallies: 2-0, 89-89, a 5-4 vote; both sides in the order written */
    if (plain_range && vmax == v && dash(c, q->ns + 1) && glued(c, q->ns + 1) && in(c, q->ns + 2) &&
        c->t[q->ns + 2].kind == NF__NUM && glued(c, q->ns + 2)) {
        const nf__tok *t2 = &c->t[q->ns + 2];
        if (!(t0->flags & NF__F_PLAIN) || !(t2->flags & NF__F_PLAIN) || t0->ndig > 3 ||
            t2->ndig > 3 || e != q->ns + 1 || c->skip[q->ns + 2] ||
            (glued(c, q->ns + 3) && (dash(c, q->ns + 3) || c->t[q->ns + 3].kind != NF__PUNCT)) ||
            (t2->ndig > 1 && c->s[t2->start] == '0') || punct(c, q->ns - 1, '(') ||
            punct(c, q->ns - 1, ')') || (in(c, q->ns + 3) && c->t[q->ns + 3].kind == NF__NUM))
            return false; /* not telephone numbers: (254-2) 751-613 */
        q->vmax = t2->num, q->unit = "score", q->qe = q->ue = q->ns + 3;
        return true;
    }
    if (plain_range && q->ns > c->ss + 1 && dash(c, q->ns - 1) && glued(c, q->ns) &&
        c->t[q->ns - 2].kind == NF__NUM)
        return false;
    /* a number word alone is a pronoun more often than a count: "the three", "a dozen" */
    if (bare && words && !second)
        return false;
    if (bare && q->ns > c->ss && punct(c, q->ns - 1, '&'))
        return false;
    /* identifiers: No. 5, number 10, page 3, Article 4 */
    static const char *const ids[] = {"no",      "nos",      "number",   "page",    "article",
                                      "section", "chapter",  "route",    "highway", "flight",
                                      "room",    "version",  "model",    "level",   "phase",
                                      "grade",   "category", "artículo", "número",  NULL};
    size_t b = q->ns;
    if (b > c->ss && punct(c, b - 1, '.') && b - 1 > c->ss)
        b--;
    if (b > c->ss && (any_word(c, b - 1, ids) || punct(c, b - 1, '#')) && !qual && !q->money)
        return false;
    return true;
}

/* "from $36,040 at 10.45pm to $34,935", "from 208 pounds to 193", "from 4.8 to 4.7 percent":
 * one quantity whose value is the start and value_max the end, in the order written (a fall
 * has value_max below value). A few words may stand between the first number and "to"
 * ("21 mpg combined", "$75 U.S. per barrel"), not a clause: no punctuation, no other number
 * (times are passed over). The units must agree, or one side has none and takes the
 * other's; a scale written only on the end applies to a small start ("$89 to $93 billion"). */
static void from_to(nf_arena *arena, const qctx *c, qitem *q)
{
    size_t f = q->qs;
    if (f > c->ss && det_word(c, f - 1))
        f--;
    if (!(f > c->ss && (word(c, f - 1, "from") || word(c, f - 1, "desde"))) || q->vmax != q->v ||
        q->fraction || q->kind == QK_AGE)
        return;
    size_t k = q->qe;
    for (size_t w = 0; w < 6 && in(c, k) && !word(c, k, "to") && !word(c, k, "hasta"); w++, k++) {
        if (c->skip[k])
            continue;
        if (c->t[k].kind == NF__NUM || (c->t[k].kind == NF__PUNCT && !glued(c, k)) ||
            (c->t[k].kind == NF__PUNCT && c->t[k].cp != '.') || word(c, k, "and") ||
            word(c, k, "but") || word(c, k, "from"))
            return;
    }
    if (!(word(c, k, "to") || word(c, k, "hasta")))
        return;
    qitem r;
    if (!read_one(arena, c, k + 1, &r, true) || r.vmax != r.v || r.fraction || r.qual)
        return;
    bool u1 = q->unit[0] != '\0', u2 = r.unit[0] != '\0';
    if (u1 && u2 && strcmp(q->unit, r.unit))
        return;
    if ((u1 && !u2 && r.kind) || (!u1 && u2 && q->kind))
        return;
    double v = q->v;
    if (r.scale > 1 && q->scale == 1 && !q->words && fabs(v) < 1000 && fabs(v * r.scale) >= fabs(r.v) / 1000)
        v *= r.scale; /* from 24.2 to 33 billion */
    if (!u1 && u2) {
        q->unit = r.unit, q->kind = r.kind, q->money = r.money, q->cs = r.cs, q->ce = r.ce;
    }
    q->v = v, q->vmax = r.v;
    q->qe = q->ue = r.qe;
}

static bool read_quantity(nf_arena *arena, const qctx *c, size_t i, qitem *q)
{
    if (!read_one(arena, c, i, q, false))
        return false;
    from_to(arena, c, q);
    return true;
}

/* ---- direction, subject, attribution ------------------------------------------------- */

static const char *direction_of(const qctx *c, const qitem *q, size_t *verb, size_t *noun_after)
{
    bool noun;
    const char *d;
    *verb = *noun_after = (size_t)-1;
    /* "the reduction in intentional homicides by up to 40%": a noun further back, then "by" */
    size_t by = q->qs;
    if (by > c->ss && (word(c, by - 1, "by") || word(c, by - 1, "of"))) {
        for (size_t i = by - 1; i-- > c->ss && i + 8 > by;) {
            if (np_break(c, i) || (stop(c, i) && !np_inner(c, i)))
                break;
            if (is_word(c, i) && (d = nf__direction_word(c->s, &c->t[i], c->lang, &noun))) {
                if (noun && i + 2 < by &&
                    (word(c, i + 1, "in") || word(c, i + 1, "of") || word(c, i + 1, "en"))) {
                    *noun_after = i; /* the reduction in homicides by 40% */
                    return d;
                }
                if (!noun || i + 1 == by - 1) {
                    *verb = i; /* grew sales by 35%, declined by 50 percent */
                    return d;
                }
            }
        }
    }
    size_t a = q->ue;
    if (dash(c, a) && glued(c, a))
        a++;
    if (is_word(c, a) && (d = nf__direction_word(c->s, &c->t[a], c->lang, &noun)) && noun) {
        *noun_after = a;
        return d;
    }
    static const char *const gap[] = {
        "by",  "of",        "some", "about", "nearly", "almost", "around", "roughly", "an",
        "a",   "estimated", "de",   "del",   "en",     "un",     "una",    "el",      "la",
        "the", "more",      "than", "just",  "over",   "up",     "um",     NULL};
    size_t b = q->qs;
    for (int w = 0; w < 4 && b > c->ss; w++) {
        size_t i = b - 1;
        if (is_word(c, i) && (d = nf__direction_word(c->s, &c->t[i], c->lang, &noun))) {
            if ((word(c, i, "up") || word(c, i, "down")) && w > 1)
                return NULL;
            *verb = i;
            return d;
        }
        if (!any_word(c, i, gap))
            return NULL;
        b = i;
    }
    return NULL;
}

static const char *slice(nf_arena *a, const qctx *c, size_t p0, size_t p1)
{
    return nf_arena_strndup(a, c->s + c->t[p0].start, c->t[p1 - 1].end - c->t[p0].start);
}

/* The unit of a counted noun [p0, p1): its English lemma ("best wireless speakers" ->
 * "good wireless speaker", "first-team players" -> "first-team player"); as written in other
 * languages. The words between stay as written. */
static const char *count_lemma(nf_arena *a, const qctx *c, size_t p0, size_t p1)
{
    if (!(c->lang & NF__EN) || (c->lang & ~(unsigned)NF__EN))
        return slice(a, c, p0, p1);
    char buf[256];
    size_t o = 0;
    for (size_t i = p0; i < p1; i++) {
        const nf__tok *t = &c->t[i];
        if (i > p0) {
            size_t gap = t->start - c->t[i - 1].end;
            if (o + gap + 1 >= sizeof buf)
                return slice(a, c, p0, p1);
            memcpy(buf + o, c->s + c->t[i - 1].end, gap);
            o += gap;
        }
        size_t n = t->end - t->start, m;
        if (t->kind == NF__WORD &&
            (m = nf__lemma_en(c->s + t->start, n, i + 1 == p1, buf + o, sizeof buf - o)))
            o += m;
        else if (o + n + 1 < sizeof buf)
            memcpy(buf + o, c->s + t->start, n), o += n;
        else
            return slice(a, c, p0, p1);
    }
    return nf_arena_strndup(a, buf, o);
}

static const char *subject_of(nf_arena *a, const qctx *c, const qitem *q, size_t verb,
                              size_t noun_after)
{
    size_t p0, p1;
    /* a 40% drop in homicides */
    if (noun_after != (size_t)-1 &&
        (word(c, noun_after + 1, "in") || word(c, noun_after + 1, "of") ||
         word(c, noun_after + 1, "en") || word(c, noun_after + 1, "de") ||
         word(c, noun_after + 1, "del")) &&
        np_after(c, noun_after + 2, true, &p0, &p1))
        return slice(a, c, p0, p1);
    /* one in five adults */
    if (q->fraction && q->ce > q->cs)
        return slice(a, c, q->cs, q->ce);
    /* 320 tons of drugs, 50 percent of its revenue */
    if (q->kind != QK_COUNT &&
        (word(c, q->ue, "of") || word(c, q->ue, "de") || word(c, q->ue, "del")) &&
        np_after(c, q->ue + 1, false, &p0, &p1))
        return slice(a, c, p0, p1);
    /* Fentanyl seizures at the border have declined by 50 percent */
    if (verb != (size_t)-1 && np_before(c, verb, &p0, &p1))
        return slice(a, c, p0, p1);
    /* 21 rifles */
    if (q->kind == QK_COUNT && q->ce > q->cs)
        return slice(a, c, q->cs, q->ce);
    /* a fine of $10 million; revenue of $85.7 million */
    size_t b = q->qs;
    if (b > c->ss && (word(c, b - 1, "of") || word(c, b - 1, "de")) &&
        np_before(c, b - 1, &p0, &p1))
        return slice(a, c, p0, p1);
    /* the deficit reached $419 billion; exports were 5% */
    static const char *const cop[] = {
        "is",       "was",      "are",      "were",     "reached", "totaled",  "totalled", "hit",
        "cost",     "costs",    "amounted", "stood",    "topped",  "exceeded", "holds",    "held",
        "contains", "measures", "weighs",   "covers",   "employs", "traded",   "trades",   "priced",
        "valued",   "es",       "fue",      "ascendió", "alcanzó", "sumó",     NULL};
    size_t v = b;
    if (v > c->ss && (word(c, v - 1, "at") || word(c, v - 1, "to") || word(c, v - 1, "a")))
        v--;
    bool nd;
    if (v > c->ss &&
        (any_word(c, v - 1, cop) ||
         (v < b && nf__direction_word(c->s, &c->t[v - 1], c->lang, &nd) && !nd)) &&
        np_before(c, v - 1, &p0, &p1))
        return slice(a, c, p0, p1); /* ... fell to -5 degrees */
    /* a 50-year-old man */
    if (q->kind == QK_AGE && is_word(c, q->ue) && !stop(c, q->ue) &&
        !(c->t[q->ue].flags & NF__F_UPPER))
        return slice(a, c, q->ue, q->ue + 1);
    return NULL;
}

/* Proper-name run ending at p (exclusive) or starting at p: "the State Department", "Sheinbaum". */
static bool name_run(const qctx *c, size_t p, bool before, size_t *p0, size_t *p1)
{
    size_t a = p, b = p;
    if (before) {
        while (a > c->ss && is_word(c, a - 1) && (c->t[a - 1].flags & (NF__F_UPPER | NF__F_CAPS)) &&
               p - a < 5)
            a--;
        if (a > c->ss && word(c, a - 1, "the") && a < p)
            a--;
    } else {
        while (in(c, b) && is_word(c, b) &&
               ((c->t[b].flags & (NF__F_UPPER | NF__F_CAPS)) || (b == p && word(c, b, "the"))) &&
               b - p < 5)
            b++;
    }
    if (before ? a >= p : b <= p)
        return false;
    *p0 = before ? a : p, *p1 = before ? p : b;
    return !(*p1 - *p0 == 1 && word(c, *p0, "the"));
}

typedef struct {
    size_t start, end;
    const nf_entity *e;
} emention;

/* A source phrase [p0, p1) as it may be reported: the entity's name when a person or
 * organisation is named at its end; NULL when it names a place or is a generic noun phrase
 * ("a statement"): places and documents without an author claim nothing. */
static const char *source_of(nf_arena *a, const qctx *c, const emention *ms, size_t nm,
                             size_t p0, size_t p1)
{
    static const char *const prep[] = {"in", "at", "from", "near", "of", "on", "off", "across",
                                       "en", "de", "del", "desde", "dans", "aus", NULL};
    static const char *const indef[] = {"a", "an", "un", "una", "some", NULL};
    if (p1 <= p0)
        return NULL;
    if (p0 > c->ss && any_word(c, p0 - 1, prep))
        return NULL; /* "farmers in Dunmore Cove say": the name is not the subject */
    size_t s = c->t[p0].start, e = c->t[p1 - 1].end;
    size_t lo = 0, hi = nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ms[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo > 8 ? lo - 8 : 0; k < nm && ms[k].start < e; k++) {
        if (ms[k].end <= s)
            continue;
        nf_entity_type ty = ms[k].e->type;
        if (ty == NF_ENT_LOCATION)
            return NULL;
        if ((ty == NF_ENT_PERSON || ty == NF_ENT_ORGANIZATION) && ms[k].end == e)
            return ms[k].e->name;
    }
    if (any_word(c, p0, indef)) {
        bool named = false;
        for (size_t i = p0 + 1; i < p1; i++)
            if (is_word(c, i) && (c->t[i].flags & (NF__F_UPPER | NF__F_CAPS)))
                named = true;
        if (!named)
            return NULL; /* "a statement", "a spokesman" */
    }
    return slice(a, c, p0, p1);
}

/* Who a sentence attributes its claims to: "according to X", "X said", "said X"; computed
 * once per sentence (the first 400 tokens are read). */
static const char *sentence_source(nf_arena *a, const qctx *c, const emention *ms, size_t nm)
{
    size_t p0, p1;
    size_t says[16], ns = 0, more = 0; /* the first "said" words; where to read on after them */
    for (size_t i = c->ss; i < c->se && i < c->ss + 400; i++) {
        int sp = is_word(c, i) ? nf__speech_word(c->s, &c->t[i], c->lang) : 0;
        if (sp == 1 && ns < 16)
            says[ns++] = i;
        else if (sp == 1 && !more)
            more = i;
        if (sp == 2) {
            size_t j = i + 1;
            if (word(c, j, "to"))
                j++;
            size_t k = j;
            while (in(c, k) && k < j + 8 && !np_break(c, k))
                k++;
            while (k > j && (stop(c, k - 1) || c->t[k - 1].kind == NF__PUNCT))
                k--;
            if (k > j)
                return source_of(a, c, ms, nm, j, k);
        }
    }
    static const char *const pron[] = {"he", "she", "they", "it", "we", "i", "you", NULL};
    for (size_t k = 0; k < ns; k++) {
        size_t i = says[k];
        if (i > c->ss && !any_word(c, i - 1, pron) && name_run(c, i, true, &p0, &p1))
            return source_of(a, c, ms, nm, p0, p1);
        if (name_run(c, i + 1, false, &p0, &p1))
            return source_of(a, c, ms, nm, p0, p1);
    }
    for (size_t i = more; more && i < c->se && i < c->ss + 400; i++) {
        if (!is_word(c, i) || nf__speech_word(c->s, &c->t[i], c->lang) != 1)
            continue;
        if (i > c->ss && !any_word(c, i - 1, pron) && name_run(c, i, true, &p0, &p1))
            return source_of(a, c, ms, nm, p0, p1);
        if (name_run(c, i + 1, false, &p0, &p1))
            return source_of(a, c, ms, nm, p0, p1);
    }
    return NULL;
}

typedef struct {
    size_t start, end;
    const char *speaker;
} qspan;

static int by_start(const void *x, const void *y)
{
    const qspan *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The speaker of the quote that contains [s, e): binary search over quotes sorted by start. */
static const char *quote_speaker(const qspan *qs, size_t n, size_t s, size_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (qs[mid].start <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo, w = 0; k-- > 0 && w < 8; w++)
        if (qs[k].start <= s && e <= qs[k].end && qs[k].speaker)
            return qs[k].speaker;
    return NULL;
}

/* "a report", "an official": an indefinite phrase without a capitalised word. */
static bool generic_phrase(const char *p)
{
    static const char *const indef[] = {"a ", "an ", "un ", "una ", "some "};
    size_t k = 0;
    for (; k < sizeof indef / sizeof *indef; k++) {
        size_t l = strlen(indef[k]);
        if (!strncmp(p, indef[k], l) || (p[0] == (indef[k][0] - 32) && !strncmp(p + 1, indef[k] + 1, l - 1)))
            break;
    }
    if (k == sizeof indef / sizeof *indef)
        return false;
    for (const char *q = strchr(p, ' '); *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            return false;
    return true;
}

/* ---- the pass -------------------------------------------------------------------------- */

/* False when no quantity can start at token i, so read_quantity() need not be tried: a
 * quantity starts with a number, a number word, fraction or multiple (nc), an article ("a
 * third"), a currency sign or "~", a capitalised word (currency codes, "About"), a qualifier
 * or "between". A superset of what read_one() accepts, checked in a few instructions. */
static bool may_start(const qctx *c, const uint8_t *nc, size_t i)
{
    const nf__tok *t = &c->t[i];
    if (t->kind == NF__NUM)
        return true;
    if (t->kind == NF__PUNCT) {
        static const int32_t sym[] = {'$',    '~',    0x20AC, 0xA3,   0xA5,   0x20B9,
                                      0x20BD, 0x20A9, 0x20BA, 0x20B1, 0x20A6, 0x20AA};
        for (size_t k = 0; k < sizeof sym / sizeof *sym; k++)
            if (t->cp == sym[k])
                return true;
        return false;
    }
    if (t->kind != NF__WORD)
        return false;
    if ((t->flags & (NF__F_UPPER | NF__F_CAPS)) || (nc[i] & (NF__NC_NUM | NF__NC_ART)))
        return true;
    return word(c, i, "between") || word(c, i, "entre") || word(c, i, "zwischen") ||
           nf__qualifier_first(c->s, t, c->lang);
}

typedef struct {
    size_t qs, qe; /* tokens of the quantity */
    bool bare;     /* digits without a unit */
    double scale;
} qmeta;

/* A bare number takes the unit that its sentence states for a parallel one: "ended at 1,463.78
 * points, while the index lost 1.1% to end at 1,334.20" (the same preposition before both),
 * "increased by 2 percent but the other fell by 1"; and a scaled part of a whole takes the
 * whole's unit: "280 million of the 1.5 billion shekels". A number followed by a bracket
 * (a conversion follows) keeps none. */
static void inherit_units(const qctx *c, nf_quantity *o, const qmeta *m, size_t n)
{
    static const char *const prep[] = {"at", "by", "to", "from", "with", NULL};
    for (size_t a = 0; a < n; a++) {
        if (!m[a].bare || punct(c, m[a].qe, '('))
            continue;
        size_t pa = m[a].qs;
        /* a part of a whole: "280 million of the 1.5 billion shekels" */
        if (m[a].scale > 1 && a + 1 < n && word(c, m[a].qe, "of")) {
            size_t w = m[a].qe + 1;
            if (det_word(c, w))
                w++;
            if (m[a + 1].qs == w && o[a + 1].unit[0] && !m[a + 1].bare) {
                o[a].unit = o[a + 1].unit;
                continue;
            }
        }
        if (pa <= c->ss || !any_word(c, pa - 1, prep))
            continue;
        for (size_t b = 0; b < n; b++) {
            if (b == a || m[b].bare || !o[b].unit[0] || m[b].qs <= c->ss)
                continue;
            size_t pb = m[b].qs - 1;
            if (c->t[pb].end - c->t[pb].start == c->t[pa - 1].end - c->t[pa - 1].start &&
                !memcmp(c->s + c->t[pb].start, c->s + c->t[pa - 1].start,
                        c->t[pb].end - c->t[pb].start)) {
                o[a].unit = o[b].unit;
                break;
            }
        }
    }
}

nf_status nf_facts_quantities(nf_doc *doc, nf_facts *f)
{
    if (!doc || !f)
        return NF_ERR_INVALID;
    if (!doc->text || !doc->text_len)
        return NF_OK;
    size_t n;
    uint8_t *nc;
    bool fresh;
    const nf__tok *t = nf__scan_shared(doc->text, doc->text_len, doc->lang, &n, &nc, &fresh);
    if (fresh) /* the time extractor did not run on this text */
        for (size_t i = 0; i < n; i++)
            nc[i] = (uint8_t)nf__numclass(doc->text, &t[i], nf__lang_bit(doc->lang) | NF__EN);
    uint8_t *skip = nf_xcalloc(n ? n : 1, 1);
    /* tokens inside dates, clock times and sets (durations stay: "three days" is also 3 days,
     * except an offset that places a date, "two days after the vote": that duration has an
     * anchor and says when, not how much) */
    size_t ti = 0;
    for (size_t k = 0; k < f->n_times; k++) {
        const nf_timex *x = &f->times[k];
        if ((x->type == NF_TIMEX_DURATION && !x->anchor) || x->type == NF_TIMEX_SET)
            continue;
        while (ti < n && t[ti].end <= x->start)
            ti++;
        for (size_t j = ti; j < n && t[j].start < x->end; j++)
            skip[j] = 1;
    }
    qctx c = {
        .s = doc->text, .t = t, .n = n, .lang = nf__lang_bit(doc->lang) | NF__EN, .skip = skip};
    /* a quantity starts at most five tokens before a number or a number word: next[i] is the
     * first such token at or after i, so most tokens are passed over at once */
    size_t *next = nf_xmalloc((n + 1) * sizeof *next);
    next[n] = n;
    for (size_t i = n; i-- > 0;) {
        bool num = (t[i].kind == NF__NUM && !skip[i]) || (nc[i] & NF__NC_NUM);
        next[i] = num ? i : next[i + 1];
    }
    NF_VEC(nf_quantity) out = {0};
    size_t last_s = (size_t)-1, last_e = 0; /* sentence and end of the last quantity */
    size_t src_s = (size_t)-1;              /* the sentence whose source is in src */
    const char *src = NULL;
    size_t nq = f->n_quotes;
    qspan *quotes = nf_xmalloc((nq ? nq : 1) * sizeof *quotes);
    for (size_t k = 0; k < nq; k++) {
        const nf_quote *fq = &f->quotes[k];
        const char *sp = fq->speaker;
        /* a place claims nothing; "a report" is no source */
        if (fq->speaker_entity >= 0 && f->entities[fq->speaker_entity].type == NF_ENT_LOCATION)
            sp = NULL;
        if (sp && fq->speaker_entity < 0 && generic_phrase(sp))
            sp = NULL;
        quotes[k] = (qspan){fq->start, fq->end, sp};
    }
    qsort(quotes, nq, sizeof *quotes, by_start);
    size_t nm = 0;
    for (size_t k = 0; k < f->n_entities; k++)
        nm += f->entities[k].n_mentions;
    emention *ms = nf_xmalloc((nm ? nm : 1) * sizeof *ms);
    nm = 0;
    for (size_t k = 0; k < f->n_entities; k++)
        for (size_t j = 0; j < f->entities[k].n_mentions; j++)
            ms[nm++] = (emention){f->entities[k].mentions[j].start, f->entities[k].mentions[j].end,
                                  &f->entities[k]};
    uint64_t *mkeys = nf_xmalloc((nm + 1) * sizeof *mkeys);
    for (size_t k = 0; k < nm; k++)
        mkeys[k] = ms[k].start;
    nf__sort_keyed(ms, nm, sizeof *ms, mkeys); /* by start, stable */
    free(mkeys);
    NF_VEC(qmeta) meta = {0}; /* the current sentence's quantities */
    for (size_t ss = 0; ss < n;) {
        size_t se = nf__sent_next(t, n, ss);
        c.ss = ss, c.se = se;
        size_t sfirst = out.len;
        meta.len = 0;
        for (size_t i = ss; i < se;) {
            qitem q;
            if (next[i] > i + 5) {
                i = next[i] - 5 > i ? next[i] - 5 : i + 1;
                continue;
            }
            if (skip[i] || !may_start(&c, nc, i) || !read_quantity(doc->arena, &c, i, &q) ||
                q.qe <= q.qs) {
                i++;
                continue;
            }
            nf_quantity o;
            memset(&o, 0, sizeof o);
            o.start = t[q.qs].start;
            o.end = t[q.qe - 1].end;
            o.text = nf_arena_strndup(doc->arena, doc->text + o.start, o.end - o.start);
            o.value = q.v;
            o.value_max = q.vmax;
            o.unit = q.kind == QK_COUNT && !q.unit[0] ? count_lemma(doc->arena, &c, q.cs, q.ce) : q.unit;
            if (q.per)
                o.unit = nf_arena_printf(doc->arena, "%s per %s", o.unit, q.per);
            o.qualifier = q.qual;
            size_t verb, noun_after;
            o.direction = direction_of(&c, &q, &verb, &noun_after);
            /* "Dow +0.2%": a plus sign written before the number is a rise */
            if (!o.direction && q.ns > ss && punct(&c, q.ns - 1, '+') && glued(&c, q.ns) &&
                !glued(&c, q.ns - 1) && q.qs == q.ns)
                o.direction = "rise";
            o.subject = subject_of(doc->arena, &c, &q, verb, noun_after);
            if (last_s == ss && out.len) {
                const nf_quantity *p = &out.items[out.len - 1];
                /* "jumped 15 per cent to 1.6 tonnes": the level has the change's subject */
                if (!o.subject && q.qs == last_e + 1 &&
                    (word(&c, q.qs - 1, "to") || word(&c, q.qs - 1, "at") ||
                     word(&c, q.qs - 1, "from")))
                    o.subject = p->subject;
                /* "7.5 million crowns (US $1.1 million)", "296 hp (224 kW / 300 PS)": a
                 * conversion restates the quantity before it */
                if (q.qs == last_e + 1 && (punct(&c, q.qs - 1, '(') || punct(&c, q.qs - 1, '/'))) {
                    if (!o.qualifier)
                        o.qualifier = p->qualifier;
                    if (!o.direction)
                        o.direction = p->direction;
                    if (!o.subject)
                        o.subject = p->subject;
                }
                /* "320 tons of drugs, of which 51 ...": the count inherits the unit and subject */
                if (!o.unit[0] && q.qs >= ss + 2 && word(&c, q.qs - 1, "which") &&
                    word(&c, q.qs - 2, "of") && q.qs - 2 <= last_e + 6)
                    o.unit = p->unit, o.subject = p->subject;
            }
            last_s = ss, last_e = q.qe;
            o.attributed_to = quote_speaker(quotes, nq, o.start, o.end);
            if (!o.attributed_to) {
                if (src_s != ss)
                    src = sentence_source(doc->arena, &c, ms, nm), src_s = ss;
                o.attributed_to = src;
            }
            qmeta mq = {q.qs, q.qe,
                        !o.unit[0] && !q.money && !q.words && !q.kind && q.v == q.vmax,
                        q.scale};
            nf_vec_push(&out, o);
            nf_vec_push(&meta, mq);
            i = q.qe;
        }
        if (meta.len > 1)
            inherit_units(&c, out.items + sfirst, meta.items, meta.len);
        ss = se;
    }
    nf_vec_free(&meta);
    if (out.len) {
        nf_quantity *all = nf_arena_alloc(doc->arena, (f->n_quantities + out.len) * sizeof *all);
        if (f->n_quantities)
            memcpy(all, f->quantities, f->n_quantities * sizeof *all);
        memcpy(all + f->n_quantities, out.items, out.len * sizeof *all);
        f->quantities = all;
        f->n_quantities += out.len;
    }
    nf_vec_free(&out);
    free(quotes);
    free(ms);
    free(next);
    free(skip);
    return NF_OK;
}
