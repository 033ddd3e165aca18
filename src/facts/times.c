/* Facts: temporal expressions. Recognition: token runs -> parsed expressions (nf__tx), one
 * sentence at a time, longest match first, with the tense the sentence leans to. The
 * matchers live in times_dates.c (dates, weekdays, relative periods) and times_match.c
 * (durations, sets, clock times, quarters, seasons, holidays); the lexicon in times_lex.c;
 * the resolver (times_resolve.c) turns expressions into TIMEX3 values against the document
 * date.
 *
 * Input: doc->text, doc->lang. Output: f->times (doc arena). Every matcher looks at a bounded
 * number of tokens from where it starts, and never past the sentence, so the whole pass is
 * linear in the text. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "facts/times_int.h"

/* ---- tense ----------------------------------------------------------------------------- */

static bool ends(const char *w, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && !memcmp(w + n - m, suf, m);
}

/* "had" or "had been" right before token i: a past perfect ("had been due to expire"). */
static bool past_perfect(const tctx *c, size_t i)
{
    return (i > c->ss && word(c, i - 1, "had")) ||
           (i > c->ss + 1 && word(c, i - 1, "been") && word(c, i - 2, "had"));
}

/* A present or infinitive "be" right before token i: what follows is a passive participle
 * ("will be held", "is heard", "to be paid") and says nothing of the time. */
static bool passive_aux(const tctx *c, size_t i)
{
    return i > c->ss && (c->lang & NF__EN) &&
           (word(c, i - 1, "be") || word(c, i - 1, "being") || word(c, i - 1, "is") ||
            word(c, i - 1, "are") || word(c, i - 1, "am"));
}

/* A tense cue at token i: -1 past, +1 future, 0 none; *weak for reporting verbs. */
static int cue_at(const tctx *c, size_t i, bool *weak)
{
    const nf__tok *t = &c->t[i];
    *weak = false;
    if (t->kind != NF__WORD)
        return 0;
    /* a prospective verb and "to": "hoped to start", "plan to", "is due to", "aim to" */
    static const char *const pro[] = {"hoped",    "hope",    "hopes",    "hoping",  "expected",
                                      "expect",   "expects", "planned",  "plan",    "plans",
                                      "planning", "aim",     "aims",     "aimed",   "aiming",
                                      "due",      "set",     "intend",   "intends", "intended",
                                      "scheduled", "going",
                                      "prepared", "preparing", "seeking", "seek", "supposed"};
    bool to_next = i + 1 < c->se && word(c, i + 1, "to");
    bool to_here = word(c, i, "to") && i > c->ss;
    if (to_next || to_here) {
        size_t v = to_here ? i - 1 : i;
        for (size_t k = 0; k < sizeof pro / sizeof *pro; k++)
            if (word(c, v, pro[k]))
                return past_perfect(c, v) ? -1 : 1; /* "had been due to expire" */
    }
    const nf__tlex *e = tl(c, i, TL_TENSE);
    if (e) {
        if (word(c, i, "ll") && !(i > c->ss && apos(c, i - 1)))
            return 0;
        if ((word(c, i, "set") || word(c, i, "expected")) &&
            !(word(c, i + 1, "to") || word(c, i + 1, "for")))
            return 0;
        if ((word(c, i, "plans") || word(c, i, "plan")) && !word(c, i + 1, "to"))
            return 0; /* "vacation plans for the trip" */
        if (e->v > 0 && past_perfect(c, i))
            return -1; /* "had been scheduled" */
        if (e->v < 0 && passive_aux(c, i))
            return 0; /* "will be held", "is paid": a participle, no tense of its own */
        *weak =
            word(c, i, "said") || word(c, i, "told") || word(c, i, "dijo") || word(c, i, "sagte");
        return e->v;
    }
    if ((word(c, i, "to") && i > c->ss && (word(c, i - 1, "is") || word(c, i - 1, "are"))) ||
        (word(c, i, "early") && i > c->ss && word(c, i - 1, "as")))
        return 1; /* "is to resume", "as early as" */
    if (t->flags & (NF__F_UPPER | NF__F_CAPS))
        return 0;
    size_t n = t->end - t->start;
    const char *w = c->s + t->start;
    if ((c->lang & NF__EN) && n >= 5 && ends(w, n, "ed") && !passive_aux(c, i) &&
        !((w[0] | 32) == 'u' && (w[1] | 32) == 'n') && /* "untouched", "unexpected": adjectives */
        !(i > c->ss && article(c, i - 1)) &&
        !(i > c->ss + 1 && article(c, i - 2) && word(c, i - 1, "still"))) {
        /* not after an article: "a [still] unspecified date" is an adjective */
        static const char *const no[] = {"need",    "speed",  "feed",    "seed",    "indeed",
                                         "proceed", "exceed", "succeed", "hundred", "embed",
                                         "breed",   "bleed",  "greed",   "shred",   "naked",
                                         "sacred",  "wicked", "kindred", "steed",   "creed"};
        char buf[24];
        char c3 = (char)(w[n - 3] | 32); /* every word of the list ends in eed, red, bed or ked */
        if ((c3 == 'e' || c3 == 'r' || c3 == 'b' || c3 == 'k') && n < sizeof buf &&
            nf__fold(w, n, buf, sizeof buf)) {
            for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
                if (!strcmp(buf, no[k]))
                    return 0;
        }
        return -1;
    }
    if (c->lang & NF__ES) {
        if (n >= 4 &&
            (ends(w, n, "ó") || ends(w, n, "aron") || ends(w, n, "ieron") || ends(w, n, "aba")))
            return -1;
        if (n >= 4 && (ends(w, n, "rá") || ends(w, n, "rán") || ends(w, n, "remos")))
            return 1;
    }
    if ((c->lang & NF__FR) && n >= 5 && (ends(w, n, "ront") || ends(w, n, "rons")))
        return 1;
    return 0;
}

/* The first letters of the words clause_stop knows (a cheap test before it). */
static inline bool stop_letter(char ch)
{
    ch = (char)(ch | 32);
    return ch == 'a' || ch == 'b' || ch == 'w' || ch == 'y' || ch == 'p' || ch == 'm';
}

/* Clause boundaries the tense search does not cross. */
static bool clause_stop(const tctx *c, size_t i)
{
    if (!in(c, i))
        return false;
    if (c->t[i].kind != NF__WORD)
        return punct(c, i, ';');
    if (!stop_letter(c->s[c->t[i].start]))
        return false;
    return word(c, i, "and") || word(c, i, "but") || word(c, i, "while") ||
           word(c, i, "whereas") || word(c, i, "although") || word(c, i, "y") ||
           word(c, i, "pero") || word(c, i, "mientras");
}

/* The tense the expression tokens [ts, te) lean to: a verb right before it ("said Friday",
 * "will meet on Friday") decides; else the nearest cue in its clause, reporting verbs last. */
static int tense_of(const tctx *c, size_t ts, size_t te)
{
    bool weak;
    int v;
    size_t p = ts;
    if (p > c->ss && (word(c, p - 1, "on") || word(c, p - 1, "el") || word(c, p - 1, "am")))
        p--;
    if (p > c->ss && (v = cue_at(c, p - 1, &weak)))
        return v;
    if (p > c->ss && (word(c, p - 1, "due") || word(c, p - 1, "effective")))
        return 1; /* "due this September", "due Friday", "effective Feb. 1" */
    if (p > c->ss && (word(c, p - 1, "until") || word(c, p - 1, "till"))) {
        /* a deadline moved or granted: "postponed until Tuesday", "has given them until" */
        for (size_t k = p - 1; k-- > c->ss && k + 10 > p;)
            if (word(c, k, "postponed") || word(c, k, "delayed") || word(c, k, "extended") ||
                word(c, k, "adjourned") || word(c, k, "deferred") || word(c, k, "given") ||
                word(c, k, "gave") || word(c, k, "granted") || word(c, k, "deadline"))
                return 1;
    }
    if (te < c->se && (c->t[te].flags & NF__F_POSS))
        return -1; /* "Wednesday's ruling" */
    /* the verb a time phrase hangs from is most often before it in its clause: "talks
     * that are supposed to conclude by May, invited ...". Tokens [ts - stopd, ts) are
     * read once here; the first weak cue among them (at distance wd) is kept for below. */
    size_t stopd = 1, wd = 0;
    int wv = 0;
    for (; stopd <= 14 && ts >= c->ss + stopd; stopd++) {
        size_t i = ts - stopd;
        if (punct(c, i, ',') || clause_stop(c, i))
            break;
        if (stopd <= 4 && (c->lang & NF__EN) && word(c, i, "since"))
            return -1; /* "searching since shortly after the Oct. 23 attack" */
        if ((v = cue_at(c, i, &weak))) {
            if (!weak)
                return v;
            if (!wd)
                wd = stopd, wv = v;
        }
    }
    int weakv = 0;
    bool back = true, fwd = true;
    for (size_t d = 1; d <= 14 && (back || fwd); d++) {
        if (back && d < stopd) {
            if (d == wd && !weakv)
                weakv = wv;
        } else if (back && ts >= c->ss + d) {
            size_t i = ts - d;
            if (punct(c, i, ';') || word(c, i, "but"))
                back = false;
            else if ((v = cue_at(c, i, &weak))) {
                if (!weak)
                    return v;
                if (!weakv)
                    weakv = v;
            }
        }
        if (fwd && d <= 10 && te + d - 1 < c->se) {
            size_t i = te + d - 1;
            if (clause_stop(c, i))
                fwd = false;
            else if ((v = cue_at(c, i, &weak))) {
                if (!weak)
                    return v;
                if (!weakv)
                    weakv = v;
            }
        }
    }
    return weakv;
}

/* ---- the pass ------------------------------------------------------------------------ */

/* Quarters or company results are talked about in the sentence: a financial "a year ago"
 * means the same quarter a year before. */
static int quarter_sentence(const tctx *c)
{
    for (size_t i = c->ss; i < c->se; i++) {
        const nf__tlex *e = tl(c, i, TL_QUARTER);
        if ((e && e->v == 4) || punct(c, i, '$') ||
            (c->t[i].kind == NF__WORD &&
             (word(c, i, "quarterly") || word(c, i, "cents") || word(c, i, "net") ||
              word(c, i, "revenue") || word(c, i, "sales") || word(c, i, "earnings") ||
              word(c, i, "income") || word(c, i, "profit") || word(c, i, "loss") ||
              word(c, i, "earned"))))
            return 1;
    }
    return 0;
}

typedef size_t (*matcher)(const tctx *, size_t, nf__tx *);

/* A quantity qualifier right before token i that TIMEX3 keeps in the extent ("nearly two
 * years", "more than four hours", "at least 30 days", "around 7:15 p.m."): the token it
 * starts at, else i. "about", "almost", "over" and "within" are left out (the TimeBank
 * annotation leaves them out more often than not). */
static size_t qualifier_before(const tctx *c, size_t i)
{
    if (i <= c->ss || !(c->lang & NF__EN))
        return i;
    size_t p = i - 1;
    if (word(c, p, "nearly") || word(c, p, "around") || word(c, p, "approximately") ||
        word(c, p, "roughly"))
        return p;
    if (p > c->ss && word(c, p, "than") &&
        (word(c, p - 1, "more") || word(c, p - 1, "less") || word(c, p - 1, "fewer"))) {
        if (p - 1 > c->ss && word(c, p - 2, "no"))
            return p - 2;
        return p - 1;
    }
    if (p > c->ss && ((word(c, p, "least") && word(c, p - 1, "at")) ||
                      (word(c, p, "most") && word(c, p - 1, "at")) ||
                      (word(c, p, "to") && word(c, p - 1, "up"))))
        return p - 1;
    return i;
}

/* The longest expression starting at token i; 0 when none. */
/* Which matchers may start at a token: the lexicon classes they begin with, and whether a
 * number, a number word (or article), an ordinal, an apostrophe or a capitalised word can
 * begin them. A matcher is only called where it can apply. */
#define B(x) (1u << (x))
enum { G_NUM = 1, G_NW = 2, G_ORD = 4, G_APOS = 8, G_UPPER = 16, G_SHORT = 32 };
typedef struct {
    matcher fn;
    uint32_t classes;
    unsigned other;
} gate;

static const gate gates[] = {
    {nf__tm_date, B(TL_WDAY) | B(TL_MONTH) | B(TL_DET), G_NUM},
    {nf__tm_mod, B(TL_MOD) | B(TL_DET), 0},
    {nf__tm_set, B(TL_SETW) | B(TL_EVERY) | B(TL_PREP), G_NW | G_SHORT},
    {nf__tm_clock, B(TL_CLOCKW) | B(TL_DET), G_NUM},
    {nf__tm_holiday, B(TL_HOLIDAY), G_UPPER},
    {nf__tm_quarter, B(TL_DET) | B(TL_FISCAL) | B(TL_REL) | B(TL_UNIT) | B(TL_QUARTER),
     G_ORD | G_SHORT},
    {nf__tm_rel,
     B(TL_MOD) | B(TL_OFFSET) | B(TL_DET) | B(TL_REL) | B(TL_UNIT) | B(TL_WDAY) | B(TL_SEASON) |
         B(TL_MONTH),
     0},
    {nf__tm_dayref, B(TL_MOD) | B(TL_DAYREF) | B(TL_PART), 0},
    {nf__tm_wday, B(TL_DET) | B(TL_WDAY), 0},
    {nf__tm_year, B(TL_DET) | B(TL_MOD) | B(TL_FISCAL) | B(TL_CENTURY) | B(TL_DECADEW) | B(TL_UNIT),
     G_NUM | G_ORD | G_APOS | G_NW},
    {nf__tm_season, B(TL_MOD) | B(TL_DET) | B(TL_SEASON), 0},
    {nf__tm_dur, B(TL_AGOPRE) | B(TL_DET) | B(TL_REL) | B(TL_FEW) | B(TL_UNIT),
     G_NUM | G_NW | G_ORD | G_SHORT},
    {nf__tm_anchor, B(TL_DET) | B(TL_SAME), 0},
    {nf__tm_ref, B(TL_DET) | B(TL_REF), 0},
};
#undef B

/* A capitalised word that can begin a holiday named without a lexicon entry: New Year,
 * Valentine's Day, Año Nuevo. */
static inline bool upper_may(char b) { return b == 'N' || b == 'V' || b == 'A'; }

/* The few words outside the lexicon that a set, a quarter or a duration starts with: "per",
 * "al" (3 veces al día), "Q3", "recent". */
static inline bool short_may(const tctx *c, size_t i)
{
    size_t n = c->t[i].end - c->t[i].start;
    const char *w = c->s + c->t[i].start;
    if (n == 2)
        return (w[0] | 32) == 'q' || word(c, i, "al");
    return (n == 3 && word(c, i, "per")) || (n == 6 && word(c, i, "recent"));
}

/* The gates that may start at a token, as bits (1 << index in gates[]): by lexicon class
 * (cls_gates) and by the `other` bits (other_gates); built once. */
#define NGATES (sizeof gates / sizeof gates[0])
static uint16_t cls_gates[32], other_gates[64];
static pthread_once_t gates_once = PTHREAD_ONCE_INIT;

static void gates_build(void)
{
    for (unsigned g = 0; g < NGATES; g++) {
        for (unsigned b = 0; b < 32; b++)
            if (gates[g].classes & (1u << b))
                cls_gates[b] |= (uint16_t)(1u << g);
        for (unsigned o = 0; o < 64; o++)
            if (gates[g].other & o)
                other_gates[o] |= (uint16_t)(1u << g);
    }
}

static size_t match_at(const tctx *c, size_t i, nf__tx *best)
{
    const nf__tok *t = &c->t[i];
    uint32_t m = 0;
    unsigned other = (c->nc[i] & (NF__NC_NUM | NF__NC_ART) ? G_NW : 0) |
                     (c->nc[i] & NF__NC_ORD ? G_ORD : 0);
    if (t->kind == NF__WORD) {
        if (c->lex[i] >= 0)
            m = c->gclass[c->lex[i]];
        if ((t->flags & NF__F_UPPER) && upper_may(c->s[t->start]))
            other |= G_UPPER;
        if (short_may(c, i))
            other |= G_SHORT;
    } else if (t->kind == NF__NUM) {
        other |= G_NUM;
    } else if (t->kind == NF__PUNCT) {
        if (t->cp != '\'' && t->cp != 0x2019)
            return 0;
        other |= G_APOS;
    } else if (t->kind == NF__OTHER) {
        return 0;
    }
    if (!m && !other)
        return 0;
    if (m && !other && !(m & ~((1u << TL_PREP) | (1u << TL_TENSE) | (1u << TL_DET))))
        if (!(m & (1u << TL_DET)) ||
            !(i + 1 < c->se && (c->lex[i + 1] >= 0 || c->nc[i + 1] || c->t[i + 1].kind == NF__NUM ||
                                c->t[i + 1].kind == NF__PUNCT || word(c, i + 1, "latest") ||
                                word(c, i + 1, "most") || word(c, i + 1, "comparable") ||
                                word(c, i + 1, "full") || word(c, i + 1, "near") ||
                                word(c, i + 1, "short") || word(c, i + 1, "corresponding"))))
            return 0; /* "in", "will", "the" before a plain word start nothing */
    /* the gates in their order in gates[] (the first of equally long matches wins) */
    unsigned gm = other_gates[other];
    for (uint32_t mm = m; mm; mm &= mm - 1)
        gm |= cls_gates[__builtin_ctz(mm)];
    size_t bestend = 0;
    for (; gm; gm &= gm - 1) {
        unsigned g = (unsigned)__builtin_ctz(gm);
        nf__tx x;
        tx_init(&x, i);
        size_t e = gates[g].fn(c, i, &x);
        if (e > bestend && e > x.ts) {
            bestend = e;
            x.te = e;
            *best = x;
        }
    }
    return bestend;
}

/* Recognises the expressions of one sentence c->ss.. that start at token `from` or later and
 * end by c->se (the sentence's end, or the end of a given extent), appending them to *out.
 * The tense and the quarter context are read from the whole sentence [c->ss, sent_end). */
static void find_in(const tctx *c0, size_t from, size_t sent_end, nf__tx_vec *out)
{
    tctx c = *c0, whole = *c0;
    whole.se = sent_end;
    size_t ss = c.ss, se = c.se;
    int qctx = -1; /* computed when an item needs it */
    size_t first = out->len;
    for (size_t i = from; i < se;) {
        /* most tokens are words outside the lexicon and not number words: only a capital
         * (a holiday) or a short word (short_may) could start something there */
        const nf__tok *tk = &c.t[i];
        if (tk->kind == NF__WORD && c.lex[i] < 0 && !c.nc[i]) {
            size_t wn = tk->end - tk->start;
            if (wn != 2 && wn != 3 && wn != 6 &&
                !((tk->flags & NF__F_UPPER) && upper_may(c.s[tk->start]))) {
                i++;
                continue;
            }
        }
        nf__tx x;
        size_t e = match_at(&c, i, &x);
        if (!e) {
            i++;
            continue;
        }
        if (x.kind && x.kind != TK_HOLIDAY && (c.lang & NF__EN) && x.ts > ss &&
            (punct(&c, x.ts - 1, '"') || punct(&c, x.ts - 1, 0x201C))) {
            /* a title in quotation marks: ABC's "This Week" (a capitalised unit) */
            for (size_t k = x.ts + 1; k < x.te; k++)
                if ((c.t[k].flags & NF__F_UPPER) && tl(&c, k, TL_UNIT)) {
                    x.kind = 0;
                    break;
                }
        }
        if (x.kind) {
            /* a prenominal duration or quarter leaves its determiner out: "the
             * [two-week] crisis", "a [third-quarter] loss" */
            if (x.te >= x.ts + 3 && hyph(&c, x.te - 2) && tl(&c, x.ts, TL_DET) == NULL &&
                (word(&c, x.ts, "a") || word(&c, x.ts, "an") || word(&c, x.ts, "its")) &&
                is_word(&c, x.te) && !lexed(&c, x.te))
                x.ts++;
            else if (x.te >= x.ts + 3 && hyph(&c, x.te - 2) && tl(&c, x.ts, TL_DET) &&
                     is_word(&c, x.te) && !lexed(&c, x.te) && !word(&c, x.te, "of"))
                x.ts++;
            if (x.kind == TK_DUR || x.kind == TK_EVENT || x.kind == TK_CLOCK ||
                ((x.kind == TK_UNITREL || x.kind == TK_ANCHOR) && x.counted) ||
                (x.kind == TK_DATE && x.day > 0)) {
                size_t q = qualifier_before(&c, x.ts);
                size_t lo = out->len > first ? out->items[out->len - 1].te : ss;
                if (q < x.ts && q >= lo)
                    x.ts = q;
            }
            /* "the next year or so", "1994 or later", "1990 and beyond" are one TIMEX3.
             * ("Earlier Sunday", "right now": TimeBank keeps the adverb in, AQUAINT
             * leaves it out; left out here.) */
            if ((c.lang & NF__EN) && x.te + 1 < se &&
                ((word(&c, x.te, "or") &&
                  (word(&c, x.te + 1, "so") || word(&c, x.te + 1, "later") ||
                   word(&c, x.te + 1, "earlier"))) ||
                 (word(&c, x.te, "and") && word(&c, x.te + 1, "beyond")))) {
                x.te += 2;
                e = x.te;
                const nf__tlex *o;
                if (x.kind == TK_DUR && x.counted && (o = tl(&c, x.te, TL_OFFSET)) &&
                    o->a == TO_DCT && o->v < 0) { /* "a week or so ago" */
                    x.kind = TK_UNITREL, x.dir = -1, x.type = NF_TIMEX_DATE;
                    e = ++x.te;
                }
            }
            x.tense = tense_of(&whole, x.ts, x.te);
            x.sent = ss;
            if (x.kind == TK_DUR && x.counted && !x.approx && x.tense > 0 && x.ts > ss &&
                word(&c, x.ts - 1, "in") && x.unit >= TU_DAY && (c.lang & NF__EN)) {
                /* "would be redeemed in five years": the date that far ahead */
                x.kind = TK_UNITREL, x.dir = 1, x.type = NF_TIMEX_DATE;
            }
            if (qctx < 0 && (x.unit == TU_YEAR || x.kind == TK_QUARTER))
                qctx = quarter_sentence(&whole);
            x.quarter_ctx = qctx > 0;
            /* a clock time right after a day, or a day right after a clock time, is one
             * expression: "Friday 10 a.m.", "10 a.m. Friday", "January 16, 2026, 9:30" */
            nf__tx *p = out->len > first ? &out->items[out->len - 1] : NULL;
            bool gap = p && (p->te == x.ts || (p->te + 1 == x.ts && punct(&c, p->te, ',')));
            if (p && gap && x.kind == TK_CLOCK && p->hour < 0 &&
                (p->kind == TK_DATE ? p->day > 0
                                    : p->kind == TK_WDAY || p->kind == TK_DAYREL)) {
                p->hour = x.hour, p->minute = x.minute, p->te = x.te, p->type = NF_TIMEX_TIME;
            } else if (p && gap && p->kind == TK_CLOCK &&
                       ((x.kind == TK_DATE && x.day > 0) || x.kind == TK_WDAY ||
                        x.kind == TK_DAYREL)) {
                x.hour = p->hour, x.minute = p->minute, x.ts = p->ts, x.type = NF_TIMEX_TIME;
                x.tense = tense_of(&whole, x.ts, x.te); /* "until 9 a.m. Tuesday" */
                *p = x;
            } else {
                nf_vec_push(out, x);
            }
            /* a second day of the same month: "April 24 and 25", "on May 3 or 4" */
            size_t k = x.te;
            if (x.kind == TK_DATE && x.month > 0 && x.day > 0 && x.hour < 0 && k + 1 < se &&
                (word(&c, k, "and") || word(&c, k, "or")) && plain(&c, k + 1, 2) &&
                c.t[k + 1].num >= 1 && c.t[k + 1].num <= 31 &&
                (k + 2 >= se ||
                 (c.t[k + 2].kind == NF__PUNCT && c.t[k + 2].cp != '%' &&
                  c.t[k + 2].cp != '-' && c.t[k + 2].cp != '/') ||
                 (tl(&c, k + 2, TL_PREP) && !glued(&c, k + 2)))) {
                /* (not "on March 3 and 4 shops": a preposition, a comma or the end must
                 * follow) */
                nf__tx d = x;
                d.ts = k + 1, d.te = k + 2, d.day = (int)c.t[k + 1].num, d.wday = -1;
                nf_vec_push(out, d);
                e = k + 2;
            }
        }
        i = e;
    }
}

static tctx ctx_of(const char *text, const nf__tok *t, const int32_t *lex, const uint8_t *nc,
                   unsigned lang)
{
    pthread_once(&gates_once, gates_build);
    tctx c = {.s = text,
              .t = t,
              .lex = lex,
              .L = nf__tlex_table(),
              .gend = nf__tlex_group_end(),
              .gclass = nf__tlex_group_classes(),
              .nc = nc,
              .lang = lang};
    return c;
}

void nf__times_find(const char *text, const nf__tok *t, size_t n, const int32_t *lex,
                    const uint8_t *nc, unsigned lang, nf__tx_vec *out)
{
    tctx c = ctx_of(text, t, lex, nc, lang);
    for (size_t ss = 0; ss < n;) {
        size_t se = nf__sent_next(t, n, ss);
        c.ss = ss, c.se = se;
        find_in(&c, ss, se, out);
        ss = se;
    }
}

/* 4. A span given as a TIMEX3 that the recogniser leaves alone in running text, because
 * such words are temporal less than half of the time ("soon", "previously", "the day"):
 * - a reference word anywhere in it: PRESENT_REF, PAST_REF, FUTURE_REF ("[already]", "at
 *   [this crucial moment]", "[these days]"), "earlier" or "later" without an amount ("at [a later date]");
 * - a determiner and a unit or a part of the day: that period of the last date named ("later
 *   in [the day]", "in [the morning]", "by [mid afternoon]");
 * - a unit without an amount: a singular as one unit ("[week]" P1W), a plural as an
 *   unspecified number ("[days]", "in [the early years]" PXY); "[a while]" PXX;
 * - a set word alone ("[Quarterly] results" P3M). */
static bool given_extent(const tctx *c, size_t a, size_t b, nf__tx *x)
{
    tx_init(x, a);
    x->te = b;
    bool amount = false;
    int off = 0;
    for (size_t k = a; k < b; k++) {
        const nf__tlex *e = tl(c, k, TL_REF), *o;
        if (e) {
            x->kind = TK_REF, x->ref = e->v;
            return true;
        }
        if (word(c, k, "moment") || word(c, k, "moments")) {
            x->kind = TK_REF, x->ref = TR_PRESENT;
            return true;
        }
        if ((o = tl(c, k, TL_OFFSET)) && o->a == TO_ANCHOR)
            off = o->v;
        amount = amount || is_num(c, k) || (c->nc[k] & NF__NC_NUM);
    }
    if (a + 1 == b && a > c->ss && word(c, a, "last") && (c->lang & NF__EN) &&
        (word(c, a - 1, "as") || word(c, a - 1, "than"))) {
        /* "twice as high this year as [last]": the period before the one named */
        for (size_t k = a - 1; k-- > c->ss && k + 12 > a;) {
            const nf__tlex *r = tl(c, k, TL_REL), *u = tl(c, k + 1, TL_UNIT);
            if (r && r->v == 0 && u && !u->a && u->v >= TU_WEEK && u->v <= TU_YEAR) {
                x->kind = TK_UNITREL, x->unit = u->v, x->dir = -1;
                return true;
            }
        }
    }
    if (a + 1 == b && word(c, a, "then") && (c->lang & NF__EN)) {
        /* "until [then]": the time last named, as it was named */
        x->kind = TK_ANCHOR, x->unit = TU_NONE, x->dir = 0, x->amount = 0;
        return true;
    }
    if (word(c, a, "these") && a + 2 == b && word(c, a + 1, "days")) {
        x->kind = TK_REF, x->ref = TR_PRESENT; /* "these days" */
        return true;
    }
    const nf__tlex *ua;
    double va;
    size_t ea;
    if (b >= a + 5 && word(c, b - 1, "old") && hyph(c, b - 2) && (ua = tl(c, b - 3, TL_UNIT)) &&
        !ua->a && hyph(c, b - 4) &&
        (b == a + 5 && is_num(c, a)
             ? (va = c->t[a].num, true)
             : (c->nc[a] & NF__NC_NUM) && nf__numwords(c->s, c->t, c->se, a, c->lang, &va, &ea) &&
                   ea == b - 4)) {
        /* an age given as a TIMEX3 ("the [8-month-old] truce"): its duration */
        x->kind = TK_DUR, x->type = NF_TIMEX_DURATION, x->unit = ua->v, x->amount = va;
        return true;
    }
    const nf__tlex *sw = a + 1 == b ? tl(c, a, TL_SETW) : NULL;
    if (sw) { /* "[Quarterly] net income" */
        x->kind = TK_SET, x->type = NF_TIMEX_SET, x->unit = sw->v;
        return true;
    }
    if (!amount && (word(c, b - 1, "while") || word(c, b - 1, "period"))) {
        x->kind = TK_DUR, x->type = NF_TIMEX_DURATION, x->unit = TU_NONE, x->approx = true;
        return true; /* "for [a while]", "for [a fairly lengthy period]": PXX */
    }
    if (tl(c, a, TL_DET) && a + 2 == b && word(c, a + 1, "time")) {
        x->kind = TK_REF, x->ref = TR_PAST; /* "at [the time]" */
        return true;
    }
    if (off && !amount) {
        x->kind = TK_REF, x->ref = off < 0 ? TR_PAST : TR_FUTURE;
        return true;
    }
    size_t k = a;
    bool det = tl(c, k, TL_DET) != NULL;
    if (det)
        k++;
    const nf__tlex *u = k + 1 == b ? tl(c, k, TL_UNIT) : NULL, *p;
    size_t kp = k;
    if (tl(c, kp, TL_MOD))
        kp += hyph(c, kp + 1) ? 2 : 1;
    if ((det || kp > k) && kp + 1 == b && (p = tl(c, kp, TL_PART))) {
        /* "[the morning]", "by [mid afternoon]": that part of the last day named */
        x->kind = TK_ANCHOR, x->unit = TU_DAY, x->dir = 0, x->amount = 0, x->part = p->v;
        x->type = NF_TIMEX_TIME;
        return true;
    }
    if (det && u && !u->a && u->v >= TU_DAY && u->v <= TU_YEAR) {
        x->kind = TK_ANCHOR, x->unit = u->v, x->dir = 0, x->amount = 0;
        return true;
    }
    /* the first number of a range: "between [two] to six days" */
    const nf__tlex *ru;
    double v;
    size_t e;
    if (a + 1 == b && (word(c, b, "to") || word(c, b, "or")) &&
        (is_num(c, b + 1) || (c->nc[b + 1] & NF__NC_NUM)) && (ru = tl(c, b + 2, TL_UNIT)) &&
        ru->v >= TU_SEC && ru->v <= TU_CENTURY &&
        (is_num(c, a) ? (v = c->t[a].num, true)
                      : (c->nc[a] & NF__NC_NUM) &&
                            nf__numwords(c->s, c->t, c->se, a, c->lang, &v, &e) && e == b)) {
        x->kind = TK_DUR, x->type = NF_TIMEX_DURATION, x->unit = ru->v, x->amount = v;
        return true;
    }
    u = amount ? NULL : tl(c, b - 1, TL_UNIT);
    if (u && u->v >= TU_SEC && u->v <= TU_CENTURY && (u->a == 1 || k + 1 == b)) {
        x->kind = TK_DUR, x->type = NF_TIMEX_DURATION, x->unit = u->v, x->approx = u->a == 1;
        return true;
    }
    return false;
}

void nf__times_find_at(const char *text, const nf__tok *t, size_t n, const int32_t *lex,
                       const uint8_t *nc, unsigned lang, const size_t *tok, size_t nspans,
                       nf__tx_vec *out)
{
    tctx c = ctx_of(text, t, lex, nc, lang);
    nf__tx_vec tmp = {0};
    size_t ss = 0, se = n ? nf__sent_next(t, n, 0) : 0;
    for (size_t k = 0; k < nspans; k++) {
        size_t a = tok[2 * k], b = tok[2 * k + 1];
        if (a >= b || b > n)
            continue;
        while (se < n && se <= a) /* the sentence holding the span's first token */
            ss = se, se = nf__sent_next(t, n, se);
        if (a < ss) /* spans out of order: look for the sentence from the start */
            for (ss = 0, se = nf__sent_next(t, n, 0); se < n && se <= a;)
                ss = se, se = nf__sent_next(t, n, se);
        size_t send = b > se ? b : se; /* a span may cross a sentence end */
        /* 1. as in running text (the matchers see the words around the span: "the year
         * ended March 31", "the [current] talks"), the longest expression inside the span;
         * 2. else with nothing read past the span ("Friday" of "Friday morning") */
        const nf__tx *best = NULL;
        c.ss = ss;
        for (int pass = 0; pass < 3 && !best; pass++) {
            /* 0: the sentence read from its start, as in running text ("April 24 and [25]");
             * 1: from the span; 2: from the span, nothing read past it */
            c.se = pass == 2 ? b : send;
            tmp.len = 0;
            find_in(&c, pass ? a : ss, send, &tmp);
            for (size_t j = 0; j < tmp.len && tmp.items[j].ts < b; j++) {
                const nf__tx *y = &tmp.items[j];
                /* an offset word just after the span belongs to it ("[a year] earlier" is
                 * the date a year before, as TimeBank values it) */
                bool off = y->te == b + 1 && !y->sigdur && tl(&c, b, TL_OFFSET);
                if ((y->te <= b || off) && (pass || y->ts >= a) &&
                    (!best || y->te - y->ts > best->te - best->ts))
                    best = y;
            }
        }
        /* 3. with the sentence in view (read from its start, then from the span), the
         * expression overlapping the span most ("Over the [summer]") */
        for (int pass = 0; pass < 2 && !best; pass++) {
            c.se = send;
            tmp.len = 0;
            find_in(&c, pass ? a : ss, send, &tmp);
            size_t bo = 0;
            for (size_t j = 0; j < tmp.len && tmp.items[j].ts < b; j++) {
                size_t lo = tmp.items[j].ts > a ? tmp.items[j].ts : a;
                size_t hi = tmp.items[j].te < b ? tmp.items[j].te : b;
                if (hi > lo && hi - lo > bo)
                    bo = hi - lo, best = &tmp.items[j];
            }
        }
        nf__tx g;
        if (!best && given_extent(&c, a, b, &g))
            best = &g;
        if (!best)
            continue;
        nf__tx x = *best;
        if (best == &g) {
            x.tense = tense_of(&c, a, b);
            x.sent = ss;
        }
        x.ts = a; /* the span is the extent: the output is found again by its first token */
        if (!x.sigdur)
            x.te = b;
        nf_vec_push(out, x);
    }
    nf_vec_free(&tmp);
}

nf_status nf_facts_times(nf_doc *doc, const nf_date *dct, nf_facts *f)
{
    if (!doc || !f)
        return NF_ERR_INVALID;
    if (!doc->text || !doc->text_len)
        return NF_OK;
    unsigned lang =
        nf__lang_bit(doc->lang) | NF__EN; /* English too: short texts are often misidentified */
    size_t n;
    uint8_t *nc;
    bool fresh;
    const nf__tok *t = nf__scan_shared(doc->text, doc->text_len, doc->lang, &n, &nc, &fresh);
    int32_t *lex = nf__tlex_tag(doc->text, t, n, lang, fresh ? nc : NULL);
    nf__tx_vec v = {0};
    nf__times_find(doc->text, t, n, lex, nc, lang, &v);
    static const nf_date none = {0};
    nf__times_resolve(doc, dct ? dct : &none, t, v.items, v.len, f);
    nf_vec_free(&v);
    free(lex);
    return NF_OK;
}

nf_status nf_facts_times_at(nf_doc *doc, const nf_date *dct, const size_t *spans,
                            size_t nspans, nf_facts *f)
{
    if (!doc || !f || (nspans && !spans))
        return NF_ERR_INVALID;
    const char *text = doc->text ? doc->text : "";
    size_t n = 0;
    uint8_t *nc = NULL;
    bool fresh = false;
    const nf__tok *t =
        doc->text_len ? nf__scan_shared(text, doc->text_len, doc->lang, &n, &nc, &fresh) : NULL;
    unsigned lang = nf__lang_bit(doc->lang) | NF__EN;
    int32_t *lex = n ? nf__tlex_tag(text, t, n, lang, fresh ? nc : NULL) : NULL;
    /* byte spans -> token ranges: the tokens that overlap the span */
    size_t *tok = nf_xcalloc(2 * nspans + 1, sizeof *tok);
    for (size_t k = 0, i = 0; k < nspans; k++) {
        size_t s = spans[2 * k], e = spans[2 * k + 1];
        if (k && s < spans[2 * k - 2])
            i = 0; /* out of order */
        while (i < n && t[i].end <= s)
            i++;
        size_t j = i;
        while (j < n && t[j].start < e)
            j++;
        tok[2 * k] = i, tok[2 * k + 1] = j;
    }
    nf__tx_vec v = {0};
    if (n)
        nf__times_find_at(text, t, n, lex, nc, lang, tok, nspans, &v);
    nf_facts tmp = {0};
    static const nf_date none = {0};
    nf__times_resolve(doc, dct ? dct : &none, t, v.items, v.len, &tmp);
    /* one item per span, in order: the resolved ones are found by their first token */
    size_t n0 = f->n_times;
    nf_timex *out = nf_arena_alloc(doc->arena, (n0 + nspans + 1) * sizeof *out);
    if (n0)
        memcpy(out, f->times, n0 * sizeof *out);
    for (size_t k = 0, r = 0; k < nspans; k++) {
        nf_timex *o = &out[n0 + k];
        memset(o, 0, sizeof *o);
        size_t a = tok[2 * k];
        if (k && a < tok[2 * k - 2])
            r = 0; /* out of order: the resolved items are in the order of the spans */
        size_t at = a < n ? t[a].start : SIZE_MAX;
        while (r < tmp.n_times && tmp.times[r].start < at && !(k && a < tok[2 * k - 2]))
            r++;
        size_t j = r;
        if (k && a < tok[2 * k - 2]) /* rare: a linear search */
            for (j = 0; j < tmp.n_times && tmp.times[j].start != at; j++)
                ;
        if (j < tmp.n_times && a < tok[2 * k + 1] && tmp.times[j].start == at)
            *o = tmp.times[j];
        else
            o->value = "", o->type = NF_TIMEX_DATE, o->gran = NF_GRAN_NONE;
        size_t s = spans[2 * k], e = spans[2 * k + 1];
        if (e > doc->text_len)
            e = doc->text_len;
        if (s > e)
            s = e;
        o->start = s, o->end = e;
        o->text = nf_arena_strndup(doc->arena, text + s, e - s);
    }
    f->times = out;
    f->n_times = n0 + nspans;
    nf_vec_free(&v);
    free(lex);
    free(tok);
    return NF_OK;
}
