/* Internal to the time extractor: the lexicon (times_lex.c), the recogniser that turns token
 * runs into parsed expressions (times.c), and the resolver that normalises them against the
 * document date into TIMEX3 values (times_resolve.c).
 *
 * A parsed expression (nf__tx) says what was written ("Friday", "three days", "last month")
 * and which way the sentence leans in time; only the resolver knows the calendar. */
#ifndef NF_FACTS_TIMES_INT_H
#define NF_FACTS_TIMES_INT_H

#include <string.h>

#include "facts/scan.h"

/* ---- lexicon ------------------------------------------------------------------------- */

enum {
    TL_MONTH = 1, /* v = 1..12 */
    TL_WDAY,      /* v = 0 (Monday) .. 6 */
    TL_DAYREF,    /* yesterday/today/tomorrow: v = day offset, a = part of day (tonight) */
    TL_UNIT,      /* v = TU_*; a = 1 for a plural form */
    TL_PART,      /* morning, night: v = TP_* */
    TL_REL,     /* v = -1 last/previous, 0 this, +1 next; a = 1 when it follows its noun (es, fr) */
    TL_SEASON,  /* v = TS_* */
    TL_MOD,     /* early/mid/late, beginning/end: v = TM_*; a = 1 for nouns needing "of"/"de" */
    TL_REF,     /* now, recently: v = TR_*; a = 1 after a determiner only, 2 an adjective,
                 * 3 only in a given extent (soon, already) */
    TL_SETW,    /* daily, weekly: v = TU_*; a = 3 only in a given extent (quarterly) */
    TL_OFFSET,  /* v = -1/+1; a = TO_* (what the offset is counted from) */
    TL_EVERY,   /* every, each, cada */
    TL_DET,     /* the, el, la, le, der ... */
    TL_TENSE,   /* a tense cue: v = -1 past, +1 future */
    TL_FEW,     /* several, a few, many: an unspecified amount */
    TL_AMPM,    /* v = 0 a.m., 12 p.m. */
    TL_CLOCKW,  /* noon, midnight: v = hour */
    TL_HOLIDAY, /* v = TH_* */
    TL_WEEKEND,
    TL_QUARTER, /* quarter (v = 4), half (v = 2) */
    TL_PREP,    /* a preposition that may introduce a time: v = TPR_* */
    TL_FISCAL,
    TL_TZ,      /* time zone abbreviations after a clock time */
    TL_HOURW,   /* "horas", "h", "Uhr", "heures" after a clock number */
    TL_AGOPRE,  /* "hace", "vor", "il y a": an offset before the amount (v = -1) */
    TL_DECADEW, /* "década", "años" in "los años 90" */
    TL_CENTURY, /* century, siglo, Jahrhundert */
    TL_SAME,    /* same, that, mismo: "the same day" */
};

enum {
    TU_NONE,
    TU_SEC,
    TU_MIN,
    TU_HOUR,
    TU_DAY,
    TU_WEEK,
    TU_MONTH,
    TU_QUARTER,
    TU_YEAR,
    TU_DECADE,
    TU_CENTURY,
    TU_NIGHT
};
enum { TP_NONE, TP_MO, TP_MI, TP_AF, TP_EV, TP_NI, TP_DT };
enum { TS_NONE, TS_SP, TS_SU, TS_FA, TS_WI };
enum { TM_NONE, TM_START, TM_MID, TM_END };
enum { TR_NONE, TR_PRESENT, TR_PAST, TR_FUTURE };
enum { TO_DCT, TO_ANCHOR, TO_EVENT }; /* ago/from now, earlier/later, before/after */
enum {
    TH_NONE,
    TH_XMAS,
    TH_XMAS_EVE,
    TH_NEWYEAR,
    TH_NEWYEAR_EVE,
    TH_THANKSGIVING,
    TH_HALLOWEEN,
    TH_VALENTINE,
    TH_JULY4,
    TH_ELECTION, /* U.S. Election Day: the Tuesday after the first Monday of November */
    TH_EASTER    /* Easter Sunday (Gregorian computus) */
};
enum {
    TPR_OTHER,
    TPR_ON,
    TPR_IN,
    TPR_AT,
    TPR_SINCE,
    TPR_FOR,
    TPR_OF,
    TPR_BY,
    TPR_DURING,
    TPR_UNTIL,
    TPR_FROM,
    TPR_DE,
    TPR_OVER
};

#define TLF_UPPER 1u /* English: only when capitalised (May, March, Sunday) */
#define TLF_ABBR 2u  /* an abbreviation, may take a period (Jan., Sept.) */

typedef struct {
    const char *w;
    uint8_t langs;
    uint8_t cls;
    int8_t v;
    uint8_t a;
    uint8_t fl;
} nf__tlex;

/* The lexicon, sorted so that the entries of one word are adjacent; built once. */
const nf__tlex *nf__tlex_table(void);
/* For each entry of the table: the index one past the last entry of the same word, and the
 * set of classes (bit 1 << TL_*) the word has. */
const uint16_t *nf__tlex_group_end(void);
const uint32_t *nf__tlex_group_classes(void);
/* First lexicon entry of each token (-1 when none) for the language mask; heap array
 * (free()). English month and weekday names count only when capitalised. When nc is not
 * NULL, also fills nc[i] with nf__numclass of each token, from the same folding. */
int32_t *nf__tlex_tag(const char *text, const nf__tok *t, size_t n, unsigned lang, uint8_t *nc);

/* ---- parsed expressions -------------------------------------------------------------- */

enum {
    TK_DATE = 1, /* calendar fields as written: year (0 unknown), month (0: year only), day */
    TK_WDAY,     /* a weekday alone: dir -1 last, +1 next, 0 by tense, 2 this */
    TK_DAYREL,   /* n days from the document date (yesterday, today, tomorrow) */
    TK_UNITREL,  /* n units from the document date: last week, this month, two years ago */
    TK_ANCHOR,   /* n units from the last date mentioned: the previous day, a year earlier */
    TK_EVENT,    /* n units before/after an event: "three days after the talks" */
    TK_MONTHREL, /* last February, next March */
    TK_SEASON,
    TK_QUARTER, /* quarter (q 1..4) or half (h 1..2) */
    TK_DECADE,  /* decade = 199 for the 1990s; century when unit == TU_CENTURY */
    TK_WEEKEND,
    TK_CLOCK, /* a clock time; its day comes from the sentence */
    TK_DUR,
    TK_SET,
    TK_REF,
    TK_HOLIDAY,
};

typedef struct {
    size_t ts, te;    /* tokens [ts, te) */
    int kind;         /* TK_* */
    int type;         /* nf_timex_type */
    int year;         /* 0 when not written */
    int month, day;   /* 0 when not written */
    int wday;         /* weekday written, -1 none */
    int part;         /* TP_* */
    int hour, minute; /* -1 none */
    int unit;         /* TU_* */
    int mod;          /* TM_* */
    int season;       /* TS_* */
    int q, h;         /* quarter 1..4, half 1..2 (0: "the quarter", resolved from context) */
    int dir;          /* direction / sign of an offset */
    int ref;          /* TR_* */
    int tense;        /* -1 past, 0 unknown, +1 future: the sentence's lean */
    int holiday;      /* TH_* */
    int decade;       /* 199 for the 1990s, 19 for the 20th century (unit TU_CENTURY) */
    size_t sent;      /* index of the sentence's first token */
    bool approx;      /* amount unspecified (several days -> PXD) */
    bool counted;     /* an offset counted in units (two years ago), not a named period */
    bool sigdur;      /* a duration before its signal word ("three days after", "a week
                       * later"): TIMEX3 tags the duration alone; the date it points to is
                       * kept as the anchor */
    bool yrel_set;    /* a year named relatively: "last year's quarter" (yrel = -1) */
    int yrel;
    bool quarter_ctx; /* quarters or results are talked about in the sentence (financial
                        * "a year ago" means the same quarter a year before) */
    double amount;    /* units (durations, offsets, sets), 1 by default */
} nf__tx;

typedef NF_VEC(nf__tx) nf__tx_vec;

/* Recognises every temporal expression of the text into *out (in text order, not
 * overlapping). Linear time. */
void nf__times_find(const char *text, const nf__tok *t, size_t n, const int32_t *lex,
                    const uint8_t *nc, unsigned lang, nf__tx_vec *out);

/* The same recogniser over given extents only: tok holds nspans token ranges [a, b) in text
 * order. For each, the longest expression found inside it (reading nothing past b; the
 * tense from its whole sentence) is appended with ts = a; a span where nothing is found
 * appends nothing. */
void nf__times_find_at(const char *text, const nf__tok *t, size_t n, const int32_t *lex,
                       const uint8_t *nc, unsigned lang, const size_t *tok, size_t nspans,
                       nf__tx_vec *out);

/* Resolves the parsed expressions against dct (NF_GRAN_NONE: unresolved values) and
 * appends them to f->times, with offsets from the tokens. */
void nf__times_resolve(nf_doc *doc, const nf_date *dct, const nf__tok *t, const nf__tx *tx,
                       size_t ntx, nf_facts *f);

/* ---- recogniser internals (times.c, times_dates.c, times_match.c) -------------------- */

typedef struct {
    const char *s;
    const nf__tok *t;
    const int32_t *lex;
    const nf__tlex *L;
    const uint16_t *gend;   /* nf__tlex_group_end() */
    const uint32_t *gclass; /* nf__tlex_group_classes() */
    const uint8_t *nc;      /* nf__numclass() of each token */
    unsigned lang;
    size_t ss, se; /* the sentence: tokens [ss, se) */
} tctx;

/* ---- token tests --------------------------------------------------------------------- */

static inline bool in(const tctx *c, size_t i) { return i >= c->ss && i < c->se; }

/* The entry of class cls for token i, NULL when none. */
/* nf__ordinal_word, only for tokens that can be one */
static inline int ord_at(const tctx *c, size_t i)
{
    return i >= c->ss && i < c->se && (c->nc[i] & NF__NC_ORD)
               ? nf__ordinal_word(c->s, &c->t[i], c->lang)
               : 0;
}

static inline const nf__tlex *tl(const tctx *c, size_t i, int cls)
{
    if (!in(c, i) || c->lex[i] < 0 || !(c->gclass[c->lex[i]] & (1u << cls)))
        return NULL;
    const nf__tlex *e = &c->L[c->lex[i]], *end = &c->L[c->gend[c->lex[i]]];
    for (; e < end; e++) {
        if (e->cls != cls || (e->langs && !(e->langs & c->lang)))
            continue;
        if ((e->fl & TLF_UPPER) && !(c->t[i].flags & (NF__F_UPPER | NF__F_CAPS)))
            continue;
        return e;
    }
    return NULL;
}

static inline bool punct(const tctx *c, size_t i, int32_t cp)
{
    return in(c, i) && c->t[i].kind == NF__PUNCT && c->t[i].cp == cp;
}
static inline bool apos(const tctx *c, size_t i)
{
    return punct(c, i, '\'') || punct(c, i, 0x2019);
}
static inline bool hyph(const tctx *c, size_t i)
{
    return (punct(c, i, '-') || punct(c, i, 0x2010) || punct(c, i, 0x2011)) &&
           (c->t[i].flags & NF__F_GLUED) && in(c, i + 1) && (c->t[i + 1].flags & NF__F_GLUED);
}
static inline bool word(const tctx *c, size_t i, const char *lit)
{
    return in(c, i) && c->t[i].kind == NF__WORD && nf__is(c->s, &c->t[i], lit);
}
static inline bool glued(const tctx *c, size_t i)
{
    return in(c, i) && (c->t[i].flags & NF__F_GLUED);
}
static inline bool is_num(const tctx *c, size_t i) { return in(c, i) && c->t[i].kind == NF__NUM; }
static inline bool plain(const tctx *c, size_t i, unsigned maxdig)
{
    return is_num(c, i) && (c->t[i].flags & NF__F_PLAIN) && c->t[i].ndig <= maxdig;
}
static inline bool is_word(const tctx *c, size_t i) { return in(c, i) && c->t[i].kind == NF__WORD; }
static inline bool lexed(const tctx *c, size_t i) { return in(c, i) && c->lex[i] >= 0; }
static inline bool article(const tctx *c, size_t i)
{
    return word(c, i, "a") || word(c, i, "an") ||
           ((c->lang & NF__ES) && (word(c, i, "un") || word(c, i, "una"))) ||
           ((c->lang & NF__DE) &&
            (word(c, i, "ein") || word(c, i, "einem") || word(c, i, "einer"))) ||
           ((c->lang & NF__FR) && (word(c, i, "un") || word(c, i, "une")));
}
static inline bool de_word(const tctx *c, size_t i)
{
    const nf__tlex *p = tl(c, i, TL_PREP);
    return (p && p->v == TPR_DE) || word(c, i, "of");
}
static inline bool prep(const tctx *c, size_t i) { return tl(c, i, TL_PREP) != NULL; }

/* A fresh expression at token i. Copied from a constant (vector moves), not memset and
 * filled: the recogniser starts one for every matcher it tries. */
static const nf__tx nf__tx_blank = {
    .wday = -1, .hour = -1, .minute = -1, .amount = 1, .type = NF_TIMEX_DATE};
static inline void tx_init(nf__tx *x, size_t i)
{
    /* through an opaque pointer, so that the compiler copies the blank with a few vector
     * moves instead of clearing it with a block store (`rep stos`, slow to start) */
    const nf__tx *b = &nf__tx_blank;
    __asm__("" : "+r"(b));
    memcpy(x, b, sizeof *x);
    x->ts = i;
}

/* Digits of text [a, b) as an int (at most 9 digits). */
static inline int digits(const char *s, size_t a, size_t b)
{
    int v = 0;
    for (size_t i = a; i < b && i < a + 9; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* A year at i ("2026", "'98"): the token after it, 0 when none. */
static inline size_t year_at(const tctx *c, size_t i, int *year)
{
    if (plain(c, i, 4) && c->t[i].ndig == 4 && c->t[i].num >= 1000 && c->t[i].num <= 2999) {
        if (glued(c, i + 1) && (is_word(c, i + 1) || is_num(c, i + 1) || punct(c, i + 1, '%')))
            return 0;
        *year = (int)c->t[i].num;
        return i + 1;
    }
    /* said in words, as broadcasts write it: "nineteen ninety-six" */
    if ((c->lang & NF__EN) && is_word(c, i) && (c->nc[i] & NF__NC_NUM) && in(c, i + 1) &&
        (c->nc[i + 1] & NF__NC_NUM) && (word(c, i, "nineteen") || word(c, i, "eighteen"))) {
        double v, u;
        size_t end, e2;
        if (nf__numwords(c->s, c->t, c->se, i + 1, c->lang, &v, &end) && v >= 10 && v <= 99 &&
            v == (double)(int)v) {
            if ((int)v % 10 == 0 && hyph(c, end) && in(c, end + 1) &&
                (c->nc[end + 1] & NF__NC_NUM) &&
                nf__numwords(c->s, c->t, c->se, end + 1, c->lang, &u, &e2) && u >= 1 && u <= 9)
                v += u, end = e2; /* ninety-six */
            if (hyph(c, end))
                return 0; /* "nineteen ninety-page reports" */
            *year = (word(c, i, "nineteen") ? 1900 : 1800) + (int)v;
            return end;
        }
    }
    if (apos(c, i) && plain(c, i + 1, 2) && c->t[i + 1].ndig == 2 && glued(c, i + 1) &&
        !(glued(c, i + 2) && (is_word(c, i + 2) || is_num(c, i + 2)))) {
        int y = (int)c->t[i + 1].num;
        *year = y <= 30 ? 2000 + y : 1900 + y;
        return i + 2;
    }
    return 0;
}

static inline bool unit_soon(const tctx *c, size_t i)
{
    for (size_t k = i; k < i + 7 && in(c, k); k++)
        if (tl(c, k, TL_UNIT))
            return true;
    return false;
}

/* Matchers: each tries to read one kind of expression starting at token i, fills *x and
 * returns the token after it (0 when it does not apply). */
size_t nf__tm_date(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_year(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_rel(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_dayref(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_wday(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_dur(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_set(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_clock(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_ref(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_quarter(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_season(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_holiday(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_anchor(const tctx *c, size_t i, nf__tx *x);
size_t nf__tm_mod(const tctx *c, size_t i, nf__tx *x);

#endif
