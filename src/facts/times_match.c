/* Facts, times: matchers for durations and offsets (three days, two weeks ago, hace tres
 * días), sets (every year, daily), clock times (5:30 p.m., a las 4.40 horas), present/past/
 * future references, fiscal quarters and halves, seasons, holidays and anchored phrases (the
 * same day, the day before). Each matcher reads a bounded number of tokens in one sentence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts/times_int.h"

/* ---- durations, offsets, sets -------------------------------------------------------- */

/* An amount at j: a number, number words, "a"/"an", "several", "a few", "half a". Returns
 * the token after it (0 when none); *art is set for a bare article. */
static size_t amount_at(const tctx *c, size_t j, double *a, bool *approx, bool *art)
{
    *approx = *art = false;
    if (!in(c, j))
        return 0;
    if (is_num(c, j)) {
        const nf__tok *t = &c->t[j];
        if (!isfinite(t->num) || (t->flags & (NF__F_ISO | NF__F_CLOCK)) || t->num > 1e6)
            return 0;
        if (glued(c, j + 1) && (punct(c, j + 1, '%') || is_num(c, j + 1)))
            return 0;
        *a = t->num;
        size_t k = j + 1;
        if (is_num(c, k) && (c->t[k].flags & NF__F_SLASH) && c->t[k].end - c->t[k].start == 3 &&
            c->s[c->t[k].start] == '1' && c->s[c->t[k].start + 2] == '2')
            *a += 0.5, k++;
        return k;
    }
    if (word(c, j, "half") && article(c, j + 1)) {
        *a = 0.5;
        return j + 2;
    }
    if (word(c, j, "couple") && word(c, j + 1, "of") && j > c->ss && tl(c, j - 1, TL_REL)) {
        *a = 2; /* the next couple of years */
        return j + 2;
    }
    if (article(c, j) && (tl(c, j + 1, TL_FEW) || word(c, j + 1, "couple"))) {
        if (word(c, j + 1, "couple"))
            *a = 2;
        else
            *approx = true;
        size_t k = j + 2;
        if (word(c, k, "of"))
            k++;
        return k;
    }
    if (tl(c, j, TL_FEW)) {
        *approx = true;
        return j + 1;
    }
    double v;
    size_t e;
    if ((c->nc[j] & NF__NC_NUM) && nf__numwords(c->s, c->t, c->se, j, c->lang, &v, &e) && e > j) {
        *a = v;
        return e;
    }
    if (article(c, j)) {
        *a = 1;
        *art = true;
        return j + 1;
    }
    return 0;
}

/* A modal or "to" before a verb: "will", "could", "to" */
static bool modal(const tctx *c, size_t i)
{
    return (c->lang & NF__EN) &&
           (word(c, i, "will") || word(c, i, "would") || word(c, i, "could") ||
            word(c, i, "may") || word(c, i, "might") || word(c, i, "can") ||
            word(c, i, "should") || word(c, i, "to"));
}

size_t nf__tm_dur(const tctx *c, size_t i, nf__tx *x)
{
    const nf__tlex *lu;
    if ((lu = tl(c, i, TL_UNIT)) && lu->v >= TU_MIN && hyph(c, i + 1) && word(c, i + 2, "long") &&
        (c->lang & NF__EN)) {
        /* "a day-long meeting", "a decades-long battle" */
        x->unit = lu->v, x->approx = lu->a == 1, x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
        return i + 3;
    }
    if (!unit_soon(c, i))
        return 0;
    if ((c->lang & NF__EN) && word(c, i, "one") && word(c, i + 1, "day") && i > c->ss &&
        modal(c, i - 1) &&
        !tl(c, i + 2, TL_OFFSET) && !word(c, i + 2, "of")) {
        x->kind = TK_REF, x->ref = TR_FUTURE; /* "will one day be": some day, FUTURE_REF */
        return i + 2;
    }
    size_t j = i;
    int agopre = 0, rel = 0;
    bool det = false;
    const nf__tlex *e, *u;
    if ((e = tl(c, j, TL_AGOPRE))) {
        if (word(c, j, "il")) {
            if (!(word(c, j + 1, "y") && word(c, j + 2, "a")))
                return 0;
            j += 3;
        } else
            j++;
        agopre = -1;
    } else {
        if (tl(c, j, TL_DET))
            det = true, j++;
        if ((e = tl(c, j, TL_REL)) && e->v && !(word(c, j, "last") && j > c->ss && modal(c, j - 1)))
            rel = e->v, j++; /* (not the verb: "could last one day") */
        else if (det && ord_at(c, j) == 1)
            j++; /* the first nine months */
    }
    double a = 1;
    bool approx, art;
    size_t k = amount_at(c, j, &a, &approx, &art);
    double a2;
    bool ap2, art2;
    size_t k2;
    if (k && rel && !art && (word(c, k, "to") || word(c, k, "or")) &&
        (k2 = amount_at(c, k + 1, &a2, &ap2, &art2)) && !art2 && tl(c, k2, TL_UNIT))
        k = k2, approx = true; /* "the next 12 to 18 months": an amount not known (PXM) */
    if (!k) {
        /* bare plurals: "for years", "in recent weeks", "over the past months" */
        bool recent = word(c, j, "recent") && !det;
        size_t ku = recent ? j + 1 : j;
        if (!(u = tl(c, ku, TL_UNIT)) || u->a != 1 || u->v < TU_DAY || u->v == TU_QUARTER ||
            word(c, ku + 1, "of"))
            return 0;
        if (det && !rel && word(c, ku + 1, "ahead")) { /* the weeks ahead */
            x->unit = u->v, x->approx = true, x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
            return ku + 2;
        }
        if (!recent && !rel &&
            !(j == i && i > c->ss &&
              (word(c, i - 1, "for") || word(c, i - 1, "over") || word(c, i - 1, "within"))))
            return 0;
        x->unit = u->v, x->approx = true, x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
        if (rel < 0) /* the past months */
            x->kind = TK_REF, x->ref = TR_PAST, x->type = NF_TIMEX_DATE;
        const nf__tlex *u2;
        if ((recent || rel) && (word(c, ku + 1, "and") || word(c, ku + 1, "or")) &&
            (u2 = tl(c, ku + 2, TL_UNIT)) && u2->a == 1 && u2->v != u->v) {
            /* "recent weeks and months": no one unit, a reference to the past (future) */
            x->kind = TK_REF, x->ref = recent || rel < 0 ? TR_PAST : TR_FUTURE;
            x->type = NF_TIMEX_DATE;
            return ku + 3;
        }
        /* recent years, the coming months: TIMEX3 durations of unspecified length (PXY) */
        return ku + 1;
    }
    if (is_num(c, j) && (c->t[j].flags & NF__F_PLAIN) && c->t[j].ndig == 4 && c->t[j].num >= 1800 &&
        c->t[j].num <= 2100 && !(tl(c, k, TL_UNIT) && tl(c, k, TL_UNIT)->a))
        return 0; /* "the 1988 second quarter" */
    bool adj = false;
    if (hyph(c, k))
        k++, adj = true;
    else if (!tl(c, k, TL_UNIT) && (c->lang & NF__EN) && tl(c, k + 1, TL_UNIT) &&
             (word(c, k, "more") || word(c, k, "additional") || word(c, k, "extra") ||
              word(c, k, "further") || word(c, k, "trading") || word(c, k, "business") ||
              word(c, k, "working") || word(c, k, "consecutive") || word(c, k, "straight")))
        k++; /* "20 more years", "an additional year", "eight trading days" */
    if (!(u = tl(c, k, TL_UNIT)))
        return 0;
    if (u->v == TU_QUARTER && (art || word(c, k + 1, "of") || (!rel && !approx && !is_num(c, j))))
        return 0;
    if (art && u->v == TU_SEC)
        return 0; /* "a second term" */
    if (det && !rel && art)
        return 0;
    size_t end = k + 1;
    if ((hyph(c, end) && (word(c, end + 1, "old") || word(c, end + 1, "olds") ||
                          word(c, end + 1, "earlier") || word(c, end + 1, "ago"))) ||
        word(c, end, "old"))
        return 0; /* ages are not times; "a year-earlier loss" is read as a quarter */
    if (art && hyph(c, end) && word(c, end + 1, "long"))
        return 0; /* "a day-long meeting": the adjective alone, matched at its unit */
    if (word(c, end, "and") && article(c, end + 1) && word(c, end + 2, "half"))
        a += 0.5, end += 3;
    if (u->a == 2)
        a *= 2; /* fortnight */
    x->unit = u->v, x->amount = a, x->approx = approx;
    if (agopre) {
        x->kind = TK_UNITREL, x->dir = -1, x->counted = true;
        return end;
    }
    x->counted = true;
    if (!adj && !det && !rel && (e = tl(c, end, TL_OFFSET))) {
        x->dir = e->v;
        x->kind = e->a == TO_DCT ? TK_UNITREL : e->a == TO_ANCHOR ? TK_ANCHOR : TK_EVENT;
        x->sigdur = e->a == TO_EVENT || (e->a == TO_ANCHOR && e->v > 0);
        return end + 1;
    }
    if (!adj && !det && !rel && word(c, end, "from") && word(c, end + 1, "now")) {
        x->kind = TK_UNITREL, x->dir = 1;
        return end + 2;
    }
    if (rel < 0 && approx && (c->lang & NF__EN)) {
        /* "the last few months", "the past several quarters": TimeBank's PAST_REF */
        x->kind = TK_REF, x->ref = TR_PAST;
        return end;
    }
    x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
    return end;
}

static bool once_word(const tctx *c, size_t i)
{
    return word(c, i, "once") || word(c, i, "twice") || word(c, i, "thrice") ||
           word(c, i, "times") || word(c, i, "veces") || word(c, i, "mal");
}

size_t nf__tm_set(const tctx *c, size_t i, nf__tx *x)
{
    const nf__tlex *e, *u;
    x->type = NF_TIMEX_SET, x->kind = TK_SET;
    if ((e = tl(c, i, TL_SETW))) {
        if (e->a == 3)
            return 0; /* "quarterly": only in a given extent (nf_facts_times_at) */
        x->unit = e->v;
        return i + 1;
    }
    if ((e = tl(c, i, TL_EVERY))) {
        size_t j = i + 1;
        if (e->a) { /* todos los días */
            if (!tl(c, j, TL_DET))
                return 0;
            j++;
        }
        if (word(c, j, "other"))
            x->amount = 2, j++;
        if ((u = tl(c, j, TL_WDAY)) && !(u->fl & TLF_ABBR)) {
            x->wday = u->v;
            return j + 1;
        }
        if ((u = tl(c, j, TL_PART))) {
            x->part = u->v;
            return j + 1;
        }
        if ((u = tl(c, j, TL_MONTH)) && !(u->fl & TLF_ABBR)) {
            x->month = u->v; /* each July: XXXX-07 */
            return j + 1;
        }
        double a;
        bool approx, art;
        size_t k = amount_at(c, j, &a, &approx, &art);
        if (k && !approx && !art && tl(c, k, TL_UNIT))
            x->amount = a, j = k;
        if ((u = tl(c, j, TL_UNIT))) {
            x->unit = u->v;
            return j + 1;
        }
        return 0;
    }
    /* once a week, twice a year, $5 a day, 3 veces al día (the unit is checked first: it is
     * the cheaper test) */
    if (!((u = tl(c, i + 1, TL_UNIT)) && !u->a && u->v != TU_SEC))
        return 0;
    bool after_amount =
        i > c->ss && (once_word(c, i - 1) || is_num(c, i - 1) || punct(c, i - 1, '%') ||
                      word(c, i - 1, "percent") || nf__scale_word(c->s, &c->t[i - 1], c->lang) > 0);
    if (!after_amount)
        return 0;
    if (article(c, i) || word(c, i, "per") || word(c, i, "al") || word(c, i, "por")) {
        x->unit = u->v;
        return i + 2;
    }
    return 0;
}

/* ---- clock times --------------------------------------------------------------------- */

size_t nf__tm_clock(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    const nf__tlex *e;
    bool las = false;
    if ((e = tl(c, j, TL_CLOCKW))) {
        if (j > c->ss && word(c, j - 1, "high"))
            return 0; /* "high noon", the idiom */
        x->kind = TK_CLOCK, x->type = NF_TIMEX_TIME, x->hour = e->v, x->minute = 0;
        return j + 1;
    }
    if ((c->lang & NF__ES) && (word(c, j, "las") || word(c, j, "la")) && is_num(c, j + 1))
        las = true, j++;
    if (!is_num(c, j))
        return 0;
    const nf__tok *t = &c->t[j];
    int h, m = 0;
    size_t k = j + 1;
    bool clock = (t->flags & NF__F_CLOCK) != 0;
    if (clock) {
        size_t a = t->start, p = a;
        while (p < t->end && c->s[p] != ':')
            p++;
        h = digits(c->s, a, p);
        m = digits(c->s, p + 1, p + 3);
    } else if ((t->flags & NF__F_PLAIN) && t->ndig <= 2) {
        h = (int)t->num;
    } else if ((t->flags & NF__F_DOT) && t->end - t->start >= 4 && t->end - t->start <= 5 &&
               c->s[t->end - 3] == '.') {
        h = digits(c->s, t->start, t->end - 3); /* 10.45pm, 4.40 horas */
        m = digits(c->s, t->end - 2, t->end);
    } else
        return 0;
    bool ok = false;
    if ((e = tl(c, k, TL_AMPM))) {
        if (h < 1 || h > 12)
            return 0;
        h = h % 12 + e->v;
        k++;
        ok = true;
    } else if (word(c, k, "o") && apos(c, k + 1) && word(c, k + 2, "clock")) {
        k += 3, ok = true;
    } else if (tl(c, k, TL_HOURW)) {
        k++, ok = true;
    } else if (is_word(c, k) && glued(c, k) && c->t[k].end - c->t[k].start == 3 &&
               (c->lang & NF__FR) && c->s[c->t[k].start] == 'h') {
        m = digits(c->s, c->t[k].start + 1, c->t[k].end); /* 10h30 */
        k++, ok = true;
    } else if (las || (clock && !glued(c, k))) {
        ok = true;
    }
    if (!ok || h > 24 || m > 59)
        return 0;
    if (word(c, k, "de") && tl(c, k + 1, TL_DET) && (e = tl(c, k + 2, TL_PART))) {
        if ((e->v == TP_AF || e->v == TP_EV || e->v == TP_NI) && h < 12 &&
            !(e->v == TP_NI && h < 5))
            h += 12;
        k += 3;
    }
    if (tl(c, k, TL_TZ))
        k++;
    x->kind = TK_CLOCK, x->type = NF_TIMEX_TIME, x->hour = h, x->minute = m;
    return k;
}

/* ---- references, quarters, seasons, holidays, anchors -------------------------------- */

size_t nf__tm_ref(const tctx *c, size_t i, nf__tx *x)
{
    const nf__tlex *e, *r;
    size_t j = i;
    bool det = false;
    if (tl(c, j, TL_DET))
        det = true, j++;
    x->kind = TK_REF;
    if ((e = tl(c, j, TL_REF))) {
        if (e->a == 3)
            return 0; /* only in a given extent (nf_facts_times_at) */
        if (e->a == 2) {
            /* an adjective before a noun; its determiner is not part of it */
            if (det || !is_word(c, j + 1) || word(c, j + 1, "and") || word(c, j + 1, "or"))
                return 0;
            if (word(c, j, "current") &&
                (word(c, j + 1, "account") || word(c, j + 1, "accounts") ||
                 word(c, j + 1, "assets") || word(c, j + 1, "liabilities")))
                return 0; /* accounting terms: the current account, current assets */
            x->ref = e->v;
            if (e->v == TR_PRESENT && j > c->ss && word(c, j - 1, "then"))
                x->ts = j - 1, x->ref = TR_PAST; /* "the then current price" */
            return j + 1;
        }
        const nf__tlex *fu;
        if (e->a == 1 && !det && e->v == TR_FUTURE && (fu = tl(c, j + 1, TL_UNIT)) && fu->a == 1 &&
            fu->v >= TU_WEEK) {
            x->ref = TR_FUTURE; /* "future quarters", "future years": the time to come */
            return j + 2;
        }
        if (e->a && !det)
            return 0; /* "future plans" */
        if (e->a == 1 && de_word(c, j + 1) && (c->lang & NF__EN))
            return 0; /* "the future of our peoples": what becomes of them */
        if (!e->a && det)
            return 0;
        if (word(c, j, "now") && j > c->ss && word(c, j - 1, "from"))
            return 0;
        x->ref = e->v;
        return j + 1;
    }
    /* the near future, the near term, the short term */
    if (det && (word(c, j, "near") || word(c, j, "short")) &&
        (word(c, j + 1, "future") || word(c, j + 1, "term"))) {
        x->ref = TR_FUTURE;
        return j + 2;
    }
    if (det && (r = tl(c, j, TL_REL)) && r->v == -1 && word(c, j, "past") && !lexed(c, j + 1) &&
        !is_num(c, j + 1)) {
        double v;
        size_t end;
        if (in(c, j + 1) && (c->nc[j + 1] & NF__NC_NUM) &&
            nf__numwords(c->s, c->t, c->se, j + 1, c->lang, &v, &end))
            return 0;
        x->ref = TR_PAST;
        return j + 1;
    }
    return 0;
}

/* a period word that names a reporting quarter in results: quarter, period */
static bool period_word(const tctx *c, size_t k)
{
    const nf__tlex *e = tl(c, k, TL_QUARTER);
    return (e && e->v == 4) || word(c, k, "period");
}

/* "the quarter ended July 31": the calendar quarter holding most of the three months that
 * end on that day (a fiscal quarter ended July 31 is mostly May and June: the second), 0
 * when no end date follows at token k or the quarter is a calendar one. */
static int quarter_ended(const tctx *c, size_t k)
{
    const nf__tlex *m;
    if (!(word(c, k, "ended") || word(c, k, "ending")) || !(m = tl(c, k + 1, TL_MONTH)))
        return 0;
    size_t kd = k + 2 + (punct(c, k + 2, '.') ? 1 : 0);
    int d = plain(c, kd, 2) && c->t[kd].num >= 1 && c->t[kd].num <= 31 ? (int)c->t[kd].num : 31;
    int mid = m->v - (d >= 15 ? 1 : 2); /* the middle month of the three */
    if (mid < 1)
        mid += 12;
    int q = (mid - 1) / 3 + 1;
    /* a quarter that ends with a calendar quarter is left to the context (a fiscal "first
     * quarter" named before) */
    return q == (m->v - 1) / 3 + 1 ? 0 : q;
}

/* The sentence speaks of what usually happens: "is usually conducted in ..." */
static bool habitual(const tctx *c)
{
    for (size_t k = c->ss; k < c->se; k++)
        if (word(c, k, "usually") || word(c, k, "typically") || word(c, k, "normally") ||
            word(c, k, "traditionally") || word(c, k, "generally"))
            return true;
    return false;
}

size_t nf__tm_quarter(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    const nf__tlex *e, *r;
    bool det = false, fiscal = false;
    if (tl(c, j, TL_DET))
        det = true, j++;
    if (tl(c, j, TL_FISCAL))
        fiscal = true, j++;
    x->kind = TK_QUARTER;
    /* Q3, Q3 2025 */
    if (is_word(c, j) && c->t[j].end - c->t[j].start == 2 && (c->s[c->t[j].start] | 32) == 'q' &&
        c->s[c->t[j].start + 1] >= '1' && c->s[c->t[j].start + 1] <= '4') {
        x->q = c->s[c->t[j].start + 1] - '0';
        size_t k = j + 1;
        int y;
        size_t k2 = year_at(c, k, &y);
        if (k2)
            x->year = y, k = k2;
        return k;
    }
    /* last year's quarter, this year's third quarter, next year's first quarter */
    if ((r = tl(c, j, TL_REL)) && word(c, j + 1, "year") && in(c, j + 2) &&
        (c->t[j + 2].flags & NF__F_POSS)) {
        size_t k = j + 3;
        int n = ord_at(c, k);
        if (n && n <= 4)
            k++;
        if (!period_word(c, k))
            return 0;
        x->q = n, x->yrel_set = true, x->yrel = r->v;
        return k + 1;
    }
    /* the 1988 quarter, the 1989 period, the 1988 second quarter */
    int y = 0;
    size_t ky = det ? year_at(c, j, &y) : 0;
    if (ky) {
        int n = ord_at(c, ky);
        size_t k = ky + (n ? 1 : 0);
        if (n > 4 || !period_word(c, k))
            return 0;
        x->q = n, x->year = y;
        return k + 1;
    }
    int n = ord_at(c, j);
    size_t k = j + 1;
    /* the year-earlier quarter, year-ago, the comparable year-ago period */
    size_t jy = j;
    if (det && (word(c, jy, "comparable") || word(c, jy, "corresponding") || word(c, jy, "same")))
        jy++;
    if (!n && word(c, jy, "year") && hyph(c, jy + 1) &&
        (word(c, jy + 2, "earlier") || word(c, jy + 2, "ago"))) {
        k = jy + 3;
        int n2 = ord_at(c, k);
        if (n2 && n2 <= 4 && period_word(c, k + 1)) { /* the year-earlier third quarter */
            x->q = n2, x->yrel_set = true, x->yrel = -1;
            return k + 2;
        }
        bool per = period_word(c, k);
        if (per)
            k++;
        if (det && !per)
            x->ts = jy; /* "the year-earlier results": the adjective alone */
        x->kind = TK_ANCHOR, x->unit = TU_YEAR, x->dir = -1, x->q = -1;
        return k;
    }
    /* the corresponding period last year, the same quarter a year ago: the one reported,
     * a year before */
    bool same = word(c, j, "corresponding") || word(c, j, "comparable") || word(c, j, "same");
    if (det && (same || (word(c, j - 1, "the") && period_word(c, j) && article(c, j + 1))) &&
        period_word(c, j + (same ? 1 : 0))) {
        /* ("the quarter a year ago": the same quarter, a year before) */
        size_t kc = j + (same ? 2 : 1);
        const nf__tlex *rl = tl(c, kc, TL_REL);
        size_t end = rl && rl->v == -1 && word(c, kc + 1, "year") ? kc + 2
                     : article(c, kc) && word(c, kc + 1, "year") &&
                             (word(c, kc + 2, "ago") || word(c, kc + 2, "earlier"))
                         ? kc + 3
                         : 0;
        if (end) {
            x->q = 0, x->yrel_set = true, x->yrel = -1;
            return end;
        }
    }
    /* halves of a named year: "the last half of 1989", "the first two quarters of 1990" */
    if ((n == 1 || word(c, j, "last")) && (c->lang & NF__EN)) {
        size_t kh = j + 1;
        bool two = word(c, kh, "two") && word(c, kh + 1, "quarters");
        if (two || (n != 1 && word(c, kh, "half"))) {
            kh += two ? 2 : 1;
            if (de_word(c, kh)) {
                size_t k3 = year_at(c, kh + 1, &y);
                if (k3) {
                    x->h = n == 1 ? 1 : 2, x->year = y;
                    return k3;
                }
            }
        }
    }
    /* the quarter, the latest quarter, the most recent period */
    if (!n && det) {
        size_t k2 = j;
        if (word(c, k2, "most") && word(c, k2 + 1, "recent"))
            k2 += 2;
        else if (word(c, k2, "latest") || word(c, k2, "recent"))
            k2++;
        if (period_word(c, k2) && (k2 > j || tl(c, k2, TL_QUARTER)) && !de_word(c, k2 + 1) &&
            !hyph(c, k2 + 1)) { /* not "the quarter-to-quarter comparison" */
            x->dir = -1, x->q = 0;
            if (k2 == j && (c->lang & NF__EN))
                x->q = quarter_ended(c, k2 + 1);
            return k2 + 1;
        }
        return 0;
    }
    if (!n)
        return 0;
    /* "it's the second day of the offensive", "today is the eighth day of ...": the day the
     * present copula speaks of is the document's */
    if (word(c, k, "day") && !fiscal && (c->lang & NF__EN) && i > c->ss &&
        (word(c, i - 1, "is") || ((c->t[i - 1].flags & NF__F_POSS) && word(c, i - 2, "it")))) {
        x->kind = TK_DAYREL, x->amount = 0;
        return k + 1;
    }
    if (n > 4)
        return 0;
    /* "the second and fourth quarters": the first ordinal is a quarter of its own, as
     * TIMEX3 tags it; said of what usually happens, neither has a year */
    int n2;
    if ((word(c, k, "and") || word(c, k, "or")) && (n2 = ord_at(c, k + 1)) && n2 <= 4 &&
        n2 > n && (word(c, k + 2, "quarters") || word(c, k + 2, "quarter"))) {
        x->q = n, x->year = habitual(c) ? -1 : 0, x->ts = j;
        return k;
    }
    if (hyph(c, k))
        k++;
    bool plural = word(c, k, "quarters") && !det && j == k - 1 && j >= c->ss + 2 &&
                  (word(c, j - 1, "and") || word(c, j - 1, "or")) && ord_at(c, j - 2);
    if (plural) { /* "(the second and) fourth quarters" */
        x->q = n, x->year = habitual(c) ? -1 : 0;
        return k + 1;
    }
    if (!(e = tl(c, k, TL_QUARTER)) || (e->v == 2 && n > 2))
        return 0;
    bool half = e->v == 2;
    k++;
    size_t k2 = k;
    if (de_word(c, k2) || word(c, k2, "del"))
        k2++;
    if (word(c, k2, "fiscal"))
        k2++;
    size_t k3 = year_at(c, k2, &y);
    if (!k3 && (c->lang & NF__ES) && (word(c, k2, "año") || word(c, k2, "ejercicio")))
        k3 = k2 + 1, y = 0;
    if (half && !k3 && !fiscal && !hyph(c, j + 1))
        return 0; /* "the second half" of a match */
    if (half)
        x->h = n;
    else
        x->q = n;
    x->year = y;
    return k3 ? k3 : k;
}

size_t nf__tm_season(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    bool det = false;
    int mod = 0;
    const nf__tlex *e;
    if ((e = tl(c, j, TL_MOD)) && !e->a)
        mod = e->v, j++;
    if (tl(c, j, TL_DET))
        det = true, j++;
    if (!(e = tl(c, j, TL_SEASON)))
        return 0;
    x->kind = TK_SEASON, x->season = e->v, x->mod = mod;
    size_t k = j + 1, k2 = k;
    int y;
    if (de_word(c, k2))
        k2++;
    size_t k3 = year_at(c, k2, &y);
    if (k3) {
        x->year = y;
        return k3;
    }
    bool ctx = det || mod || (i > c->ss && (prep(c, i - 1)));
    if (!ctx ||
        (c->lang & NF__EN && is_word(c, k) && !lexed(c, k) && !(c->t[k].flags & NF__F_UPPER) &&
         !(word(c, i - 1, "in") || word(c, i - 1, "during") || word(c, i - 1, "this"))))
        return 0; /* "winter storm", "the fall of Rome" needs care */
    if (de_word(c, k) && !(c->lang & NF__ES) && !(c->lang & NF__FR))
        return 0; /* the fall of the Berlin Wall */
    x->dir = 0;
    return k;
}

size_t nf__tm_holiday(const tctx *c, size_t i, nf__tx *x)
{
    const nf__tlex *e;
    size_t k;
    x->kind = TK_HOLIDAY;
    if ((e = tl(c, i, TL_HOLIDAY))) {
        x->holiday = e->v;
        k = i + 1;
        if (e->v == TH_XMAS && word(c, k, "eve"))
            x->holiday = TH_XMAS_EVE, k++;
        else if ((e->v == TH_XMAS || e->v == TH_THANKSGIVING || e->v == TH_EASTER) &&
                 (word(c, k, "day") || (e->v == TH_EASTER && word(c, k, "sunday"))))
            k++;
        else if (e->v == TH_EASTER && word(c, k, "week"))
            x->unit = TU_WEEK, k++; /* the (ISO) week Easter Sunday ends: Holy Week */
        else if (e->v == TH_EASTER &&
                 ((is_word(c, k) && (c->t[k].flags & NF__F_UPPER)) || word(c, k, "egg") ||
                  word(c, k, "eggs") || word(c, k, "bunny")))
            return 0; /* "Easter Island", "the Easter Rising", "Easter eggs" */
        else if (e->v == TH_ELECTION) {
            if (!(word(c, k, "day") && (c->t[k].flags & NF__F_UPPER)))
                return 0; /* "Election Day", not "the Election Commission" */
            k++;
        }
    } else if (word(c, i, "new") && (c->t[i].flags & NF__F_UPPER) && word(c, i + 1, "year") &&
               (c->t[i + 1].flags & NF__F_UPPER)) {
        k = i + 2;
        if (in(c, k) && (c->t[k].flags & NF__F_POSS))
            k++;
        if (word(c, k, "eve"))
            x->holiday = TH_NEWYEAR_EVE, k++;
        else if (word(c, k, "day"))
            x->holiday = TH_NEWYEAR, k++;
        else
            return 0;
    } else if (word(c, i, "valentine") && in(c, i + 1) && (c->t[i + 1].flags & NF__F_POSS) &&
               word(c, i + 2, "day")) {
        x->holiday = TH_VALENTINE, k = i + 3;
    } else if ((c->lang & NF__ES) && word(c, i, "año") && word(c, i + 1, "nuevo") &&
               (c->t[i].flags & NF__F_UPPER)) {
        x->holiday = TH_NEWYEAR, k = i + 2;
    } else
        return 0;
    int y;
    size_t k2 = year_at(c, k, &y);
    if (k2)
        x->year = y, k = k2;
    return k;
}

/* the same day, that week, the day before/after */
size_t nf__tm_anchor(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    const nf__tlex *u, *o;
    bool det = false;
    if (tl(c, j, TL_DET))
        det = true, j++;
    if (!det && (c->lang & NF__EN) && word(c, j, "that") && word(c, j + 1, "same"))
        j++; /* "that same day" */
    if (tl(c, j, TL_SAME)) {
        if (!(u = tl(c, j + 1, TL_UNIT)) || u->a || u->v < TU_DAY)
            return 0;
        if (u->v == TU_QUARTER) {
            x->kind = TK_QUARTER, x->q = 0, x->dir = 0;
            return j + 2;
        }
        if (word(c, j, "that") && det)
            return 0;
        x->kind = TK_ANCHOR, x->unit = u->v, x->dir = 0, x->amount = 0;
        return j + 2;
    }
    if (det && (u = tl(c, j, TL_UNIT)) && !u->a && u->v == TU_DAY &&
        (o = tl(c, j + 1, TL_OFFSET)) && o->a == TO_EVENT) {
        x->kind = TK_EVENT, x->unit = TU_DAY, x->dir = o->v;
        return j + 2;
    }
    return 0;
}
