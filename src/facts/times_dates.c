/* Facts, times: matchers for calendar dates (ISO, numeric, month-day-year, day-month-year,
 * month and year, years, decades, centuries), weekdays, yesterday/today/tomorrow, relative
 * periods (last week, la semana pasada) and early/mid/late modifiers. Each matcher reads a
 * bounded number of tokens inside one sentence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts/times_int.h"

/* ---- pieces of dates ----------------------------------------------------------------- */

/* A day of the month at i ("16", "16th", "1st"): the token after it, 0 when none. */
static size_t day_at(const tctx *c, size_t i, int *day)
{
    if (!plain(c, i, 2) || c->t[i].num < 1 || c->t[i].num > 31)
        return 0;
    size_t j = i + 1;
    if (glued(c, j) && is_word(c, j)) {
        if (word(c, j, "st") || word(c, j, "nd") || word(c, j, "rd") || word(c, j, "th") ||
            word(c, j, "er") || word(c, j, "o") || word(c, j, "º"))
            j++;
        else
            return 0; /* 5G, 3D */
    }
    if (glued(c, j) && punct(c, j, '%'))
        return 0;
    *day = (int)c->t[i].num;
    return j;
}

static bool valid_day(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= nf_date_days_in_month(y ? y : 2000, m);
}

/* English "May" and "March" stand for months only with a calendar word around them. */
static bool month_alone_ok(const tctx *c, size_t j, const nf__tlex *e)
{
    if (!(e->fl & TLF_UPPER))
        return true;
    size_t p = j - 1;
    bool ctx = j > c->ss && (prep(c, p) || tl(c, p, TL_MOD) || tl(c, p, TL_REL) || hyph(c, p));
    if (e->v == 5 || e->v == 3)
        return ctx;
    /* "June Carter", "August Strindberg" */
    if (is_word(c, j + 1) && (c->t[j + 1].flags & NF__F_UPPER) && !lexed(c, j + 1))
        return false;
    return ctx || !(j > c->ss && is_word(c, j - 1) && (c->t[j - 1].flags & NF__F_UPPER) &&
                    !lexed(c, j - 1));
}

/* Calendar dates without a weekday: ISO, numeric, month-day-year, day-month-year, month
 * year, month alone. Sets x->kind = 0 for an impossible date ("February 30"), which is then
 * consumed and dropped. */
static size_t date_core(const tctx *c, size_t j, nf__tx *x)
{
    const nf__tlex *e;
    int d = 0, y = 0;
    x->kind = TK_DATE;
    if (is_num(c, j) && (c->t[j].flags & NF__F_ISO)) {
        size_t a = c->t[j].start;
        y = digits(c->s, a, a + 4);
        int m = digits(c->s, a + 5, a + 7);
        d = digits(c->s, a + 8, a + 10);
        if (!valid_day(y, m, d))
            return 0;
        x->year = y, x->month = m, x->day = d;
        return j + 1;
    }
    if (is_num(c, j) && (c->t[j].flags & (NF__F_SLASH | NF__F_DOT)) && isnan(c->t[j].num)) {
        size_t a = c->t[j].start, b = c->t[j].end, p1 = a, p2;
        while (p1 < b && c->s[p1] >= '0' && c->s[p1] <= '9')
            p1++;
        p2 = p1 + 1;
        while (p2 < b && c->s[p2] >= '0' && c->s[p2] <= '9')
            p2++;
        if (p2 >= b || b - p2 - 1 > 4 || b - p2 - 1 == 3 || b - p2 - 1 < 2)
            return 0;
        int g1 = digits(c->s, a, p1), g2 = digits(c->s, p1 + 1, p2), g3 = digits(c->s, p2 + 1, b);
        for (size_t k = p2 + 1; k < b; k++)
            if (c->s[k] < '0' || c->s[k] > '9')
                return 0;
        if (b - p2 - 1 == 2)
            g3 += g3 <= 30 ? 2000 : 1900;
        int m = g2;
        d = g1;
        if (c->s[p1] == '/' && (c->lang & NF__EN) && g1 <= 12)
            m = g1, d = g2;
        if (!valid_day(g3, m, d))
            return 0;
        x->year = g3, x->month = m, x->day = d;
        return j + 1;
    }
    if ((e = tl(c, j, TL_MONTH))) {
        int m = e->v;
        size_t k = j + 1;
        if ((e->fl & TLF_ABBR) && punct(c, k, '.') && glued(c, k))
            k++;
        size_t k2 = day_at(c, k, &d);
        if (k2 && !(hyph(c, k2) && is_num(c, k2 + 1))) {
            size_t k4 = k2, k3;
            if (punct(c, k4, ','))
                k4++;
            if (!(k3 = year_at(c, k4, &y)))
                k3 = k2, y = 0;
            if (!valid_day(y, m, d)) {
                x->kind = 0;
                return k3;
            }
            x->year = y, x->month = m, x->day = d;
            return k3;
        }
        size_t k4 = k, k3;
        if (punct(c, k4, ',') || de_word(c, k4))
            k4++;
        if ((k3 = year_at(c, k4, &y))) {
            x->year = y, x->month = m;
            return k3;
        }
        /* January this year, June last year */
        const nf__tlex *r = tl(c, k4 == k ? k : k4, TL_REL);
        if (r && r->a != 3 && (word(c, k + 1, "year") || word(c, k + 1, "año")) &&
            !(e->fl & TLF_ABBR)) {
            x->kind = TK_MONTHREL, x->month = m, x->yrel_set = true, x->yrel = r->v;
            return k + 2;
        }
        if ((e->fl & TLF_ABBR) || !month_alone_ok(c, j, e))
            return 0;
        x->month = m;
        return k;
    }
    size_t k = day_at(c, j, &d);
    if (k) {
        size_t k2 = k;
        if ((c->lang & NF__DE) && punct(c, k2, '.') && glued(c, k2))
            k2++;
        if (de_word(c, k2))
            k2++;
        if ((e = tl(c, k2, TL_MONTH))) {
            int m = e->v;
            size_t k3 = k2 + 1, k4, k5;
            if ((e->fl & TLF_ABBR) && punct(c, k3, '.'))
                k3++;
            k5 = k3;
            if (punct(c, k5, ',') || de_word(c, k5))
                k5++;
            if (!(k4 = year_at(c, k5, &y)))
                k4 = k3, y = 0;
            if (!valid_day(y, m, d)) {
                x->kind = 0;
                return k4;
            }
            x->year = y, x->month = m, x->day = d;
            return k4;
        }
    }
    return 0;
}

size_t nf__tm_date(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    const nf__tlex *e;
    if ((c->lang & ~NF__EN) && tl(c, j, TL_DET) && tl(c, j + 1, TL_WDAY))
        j++;
    if ((e = tl(c, j, TL_WDAY))) {
        size_t k = j + 1;
        if ((e->fl & TLF_ABBR) && punct(c, k, '.'))
            k++;
        if (punct(c, k, ','))
            k++;
        if (tl(c, k, TL_DET) && (c->lang & ~NF__EN))
            k++; /* "le vendredi 16 janvier" */
        size_t end = date_core(c, k, x);
        if (!end || (x->kind && !x->day))
            return 0;
        x->wday = e->v;
        return end;
    }
    if (j != i)
        return 0;
    if ((c->lang & NF__EN) && word(c, j, "the") && word(c, j + 1, "week") && word(c, j + 2, "of")) {
        /* "the week of March 6": the (ISO) week holding that day */
        size_t end = date_core(c, j + 3, x);
        if (!end || !x->kind || !x->day || x->hour >= 0)
            return 0;
        x->unit = TU_WEEK;
        return end;
    }
    return date_core(c, j, x);
}

/* Roman numerals I..XXX for centuries ("siglo XXI"). */
static int roman(const char *s, size_t n)
{
    int v = 0, prev = 1000;
    for (size_t i = 0; i < n; i++) {
        int d = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : 0;
        if (!d)
            return 0;
        v += d > prev ? d - 2 * prev : d;
        prev = d;
    }
    return v <= 30 ? v : 0;
}

/* A standalone year should not be a count ("2000 people") or a price. */
static bool year_ok(const tctx *c, size_t i, size_t k, int y)
{
    bool ctx =
        i > c->ss && (prep(c, i - 1) || tl(c, i - 1, TL_MONTH) || tl(c, i - 1, TL_SEASON) ||
                      tl(c, i - 1, TL_MOD) || word(c, i - 1, "year") || word(c, i - 1, "año"));
    if (y < 1900 || y > 2100)
        return ctx && y >= 1000;
    if (i > c->ss && c->t[i - 1].kind == NF__PUNCT &&
        (c->t[i - 1].cp == '$' || c->t[i - 1].cp == 0x20AC || c->t[i - 1].cp == 0xA3 ||
         c->t[i - 1].cp == '#'))
        return false;
    if (i > c->ss &&
        (word(c, i - 1, "no") || word(c, i - 1, "number") || word(c, i - 1, "flight") ||
         word(c, i - 1, "route") || word(c, i - 1, "page") || word(c, i - 1, "about") ||
         word(c, i - 1, "some") || word(c, i - 1, "nearly") || word(c, i - 1, "than")))
        return false;
    if (ctx)
        return true;
    if (is_word(c, k) && !(c->t[k].flags & (NF__F_UPPER | NF__F_CAPS)) && !lexed(c, k)) {
        size_t n = c->t[k].end - c->t[k].start;
        const char *w = c->s + c->t[k].start;
        if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
            return false; /* 2000 troops */
        if (word(c, k, "people") || word(c, k, "men") || word(c, k, "women") ||
            word(c, k, "children") || word(c, k, "personas") || word(c, k, "km") ||
            word(c, k, "kilometres") || word(c, k, "of"))
            return false;
    }
    if (is_word(c, k) && (word(c, k, "m") || word(c, k, "ft") || word(c, k, "kg")))
        return false;
    return true;
}

size_t nf__tm_year(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    bool det = false, fiscal = false;
    int mod = 0;
    const nf__tlex *e;
    if (tl(c, j, TL_DET))
        det = true, j++;
    if ((e = tl(c, j, TL_MOD)) && !e->a) {
        mod = e->v, j++;
        if (hyph(c, j))
            j++;
    }
    if (tl(c, j, TL_FISCAL))
        fiscal = true, j++;
    /* decades: 1990s, '90s, the 90s, los años 90, la década de 1990 */
    if (is_num(c, j) && (c->t[j].flags & NF__F_PLAIN) && glued(c, j + 1) && word(c, j + 1, "s") &&
        (c->t[j].ndig == 4 || (c->t[j].ndig == 2 && (det || mod))) && fmod(c->t[j].num, 10) == 0) {
        int v = (int)c->t[j].num;
        x->kind = TK_DECADE, x->decade = c->t[j].ndig == 4 ? v / 10 : 190 + v / 10, x->mod = mod;
        return j + 2;
    }
    if (apos(c, j) && plain(c, j + 1, 2) && glued(c, j + 1) && glued(c, j + 2) &&
        word(c, j + 2, "s")) {
        int v = (int)c->t[j + 1].num;
        x->kind = TK_DECADE, x->decade = (v <= 20 ? 200 : 190) + v / 10, x->mod = mod;
        return j + 3;
    }
    if (det && (e = tl(c, j, TL_DECADEW)) && e->a == 1 && !hyph(c, j + 1)) {
        /* the nineties, the early eighties */
        x->kind = TK_DECADE, x->decade = 190 + e->v, x->mod = mod;
        return j + 1;
    }
    if (det && tl(c, j, TL_DECADEW) && plain(c, j + 1, 2) && fmod(c->t[j + 1].num, 10) == 0) {
        int v = (int)c->t[j + 1].num;
        x->kind = TK_DECADE, x->decade = (v <= 20 ? 200 : 190) + v / 10, x->mod = mod;
        return j + 2;
    }
    if (det && tl(c, j, TL_DECADEW) && de_word(c, j + 1) && plain(c, j + 2, 4) &&
        c->t[j + 2].ndig == 4) {
        x->kind = TK_DECADE, x->decade = (int)c->t[j + 2].num / 10, x->mod = mod;
        return j + 3;
    }
    /* centuries: the 19th century, the twentieth century, el siglo XXI */
    {
        size_t k = j;
        int n = 0;
        if (plain(c, k, 2) && glued(c, k + 1) &&
            (word(c, k + 1, "th") || word(c, k + 1, "st") || word(c, k + 1, "nd") ||
             word(c, k + 1, "rd")))
            n = (int)c->t[k].num, k += 2;
        else if ((n = ord_at(c, k)))
            k++;
        if (n && hyph(c, k))
            k++;
        if (n && tl(c, k, TL_CENTURY)) {
            x->kind = TK_DECADE, x->unit = TU_CENTURY, x->decade = n - 1, x->mod = mod;
            return k + 1;
        }
        if (tl(c, j, TL_CENTURY) && is_word(c, j + 1) && (c->t[j + 1].flags & NF__F_CAPS) &&
            (n = roman(c->s + c->t[j + 1].start, c->t[j + 1].end - c->t[j + 1].start))) {
            x->kind = TK_DECADE, x->unit = TU_CENTURY, x->decade = n - 1, x->mod = mod;
            return j + 2;
        }
    }
    /* the year two thousand ("nineteen ninety-six" is read by year_at) */
    if (det && word(c, j, "year") && in(c, j + 1) && (c->nc[j + 1] & NF__NC_NUM)) {
        double v;
        size_t end;
        if (nf__numwords(c->s, c->t, c->se, j + 1, c->lang, &v, &end) && v >= 1000 && v <= 2999 &&
            v == floor(v)) {
            x->kind = TK_DATE, x->year = (int)v;
            return end;
        }
    }
    /* the year 2000 */
    if (det && (word(c, j, "year") || word(c, j, "año")) && plain(c, j + 1, 4)) {
        int y;
        size_t k = year_at(c, j + 1, &y);
        if (k) {
            x->kind = TK_DATE, x->year = y;
            return k;
        }
    }
    int y;
    size_t k = year_at(c, j, &y);
    if (!k)
        return 0;
    if (!fiscal && !mod && !year_ok(c, j, k, y))
        return 0;
    if (det && !fiscal && !mod)
        x->ts = j; /* "the 2019 season": the year alone */
    x->kind = TK_DATE, x->year = y, x->mod = mod;
    /* "2025-26" seasons and "2019-2020" ranges keep only the first year here */
    return k;
}

/* ---- relative expressions ------------------------------------------------------------ */

/* A part of the day after a day word: "morning", "por la mañana", "in the morning". */
static size_t part_after(const tctx *c, size_t k, int *part)
{
    const nf__tlex *p;
    if ((p = tl(c, k, TL_PART))) {
        *part = p->v;
        return k + 1;
    }
    if ((word(c, k, "por") || (word(c, k, "in") && (c->lang & NF__EN)) || word(c, k, "en")) &&
        tl(c, k + 1, TL_DET) && (p = tl(c, k + 2, TL_PART))) {
        *part = p->v;
        return k + 3;
    }
    return k;
}

size_t nf__tm_rel(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    int mod = 0;
    bool det = false;
    const nf__tlex *e, *r, *u;
    /* year-end, year end, year's end: the end of the document's year (of the one before
     * after "since") */
    if ((c->lang & NF__EN) && word(c, i, "year")) {
        size_t k = 0;
        if (hyph(c, i + 1) && word(c, i + 2, "end"))
            k = i + 3;
        else if (word(c, i + 1, "end"))
            k = i + 2;
        else if (in(c, i + 1) && (c->t[i + 1].flags & NF__F_POSS) && word(c, i + 2, "end"))
            k = i + 3;
        if (k && !(glued(c, k) && hyph(c, k))) {
            x->kind = TK_UNITREL, x->unit = TU_YEAR, x->mod = TM_END;
            x->dir = i > c->ss && word(c, i - 1, "since") ? -1 : 0;
            return k;
        }
    }
    if ((e = tl(c, j, TL_MOD)) && !e->a)
        mod = e->v, j++;
    else if ((e = tl(c, j, TL_OFFSET)) && e->a == TO_ANCHOR && (c->lang & NF__EN))
        j++; /* earlier this week, later this month */
    if (tl(c, j, TL_DET) || (apos(c, j + 1) && word(c, j, "l")))
        det = true, j += apos(c, j + 1) ? 2 : 1;
    if (det && word(c, j, "most") && word(c, j + 1, "recent"))
        j++;
    /* the year, the full year, the fiscal year: the document's year (the latest fiscal year:
     * the one before); "the year ended Sept. 30" is a year's duration */
    if (det && !mod && (c->lang & NF__EN) && j == i + 1) {
        size_t k = j;
        int yoff = 0;
        if (word(c, k, "full"))
            k++;
        else if (word(c, k, "current") && word(c, k + 1, "fiscal"))
            k += 2;
        else if (word(c, k, "latest") && word(c, k + 1, "fiscal"))
            k += 2, yoff = -1;
        else if (word(c, k, "fiscal"))
            k++;
        if (word(c, k, "year") &&
            !(glued(c, k + 1) && (hyph(c, k + 1) || apos(c, k + 1) || is_word(c, k + 1) ||
                                  punct(c, k + 1, '-'))) &&
            !is_num(c, k + 1) &&
            !(in(c, k + 1) && (c->nc[k + 1] & NF__NC_NUM)) && !word(c, k + 1, "before") &&
            !word(c, k + 1, "after") && !word(c, k + 1, "earlier") && !word(c, k + 1, "ago") &&
            !word(c, k + 1, "when")) {
            x->unit = TU_YEAR;
            if (word(c, k + 1, "ended") || word(c, k + 1, "ending") || word(c, k + 1, "ends")) {
                x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
                return k + 1;
            }
            x->kind = TK_UNITREL, x->dir = yoff;
            return k + 1;
        }
    }
    r = tl(c, j, TL_REL);
    if (det && !r && tl(c, j, TL_WEEKEND)) { /* the weekend: by the tense */
        x->kind = TK_WEEKEND, x->dir = 0;
        return j + 1;
    }
    if (r && r->a != 3) {
        size_t k = j + 1;
        int dir = r->v;
        bool anchor = r->a == 2 || (det && dir == 1 && (c->lang & NF__EN));
        if ((u = tl(c, k, TL_UNIT)) && !u->a) {
            x->unit = u->v, x->dir = dir, x->mod = mod;
            size_t end = k + 1;
            if ((c->lang & NF__ES) && u->v == TU_MONTH && de_word(c, end) &&
                (e = tl(c, end + 1, TL_MONTH))) {
                x->kind = TK_MONTHREL, x->month = e->v;
                return end + 2;
            }
            if (u->v == TU_DAY || u->v == TU_NIGHT) {
                if (!anchor && dir)
                    return 0; /* "next day" without "the": rare, unclear */
                x->kind = TK_ANCHOR, x->unit = TU_DAY;
                if (word(c, k, "night"))
                    x->part = TP_NI;
                return end;
            }
            /* "the past year", "the last decade": the previous one, as TimeBank dates them
             * (a duration only with a number: "the past three years"); "the past century"
             * is the last hundred years */
            if (det && dir == -1 && (c->lang & NF__EN) && r->a != 2 && u->v == TU_CENTURY) {
                x->kind = TK_DUR, x->type = NF_TIMEX_DURATION;
                return end;
            }
            x->kind = anchor ? TK_ANCHOR : TK_UNITREL;
            return end;
        }
        if ((e = tl(c, k, TL_MONTH)) && !(e->fl & TLF_ABBR)) {
            x->kind = TK_MONTHREL, x->month = e->v, x->dir = dir, x->mod = mod;
            return k + 1;
        }
        if ((e = tl(c, k, TL_WDAY)) && !(e->fl & TLF_ABBR)) {
            x->kind = TK_WDAY, x->wday = e->v, x->dir = dir ? dir : 2;
            x->counted = anchor && dir; /* the previous Friday: before the last date named */
            return part_after(c, k + 1, &x->part);
        }
        if ((e = tl(c, k, TL_SEASON))) {
            x->kind = TK_SEASON, x->season = e->v, x->dir = dir ? dir : 2, x->mod = mod;
            return k + 1;
        }
        if (tl(c, k, TL_WEEKEND)) {
            x->kind = TK_WEEKEND, x->dir = dir ? dir : 2;
            return k + 1;
        }
        if ((e = tl(c, k, TL_PART))) {
            if (anchor) {
                x->kind = TK_ANCHOR, x->unit = TU_DAY, x->dir = dir, x->part = e->v;
                return k + 1;
            }
            if (dir == 0 || (dir == -1 && e->v == TP_NI)) {
                x->kind = TK_DAYREL, x->amount = dir, x->part = e->v, x->type = NF_TIMEX_TIME;
                return k + 1;
            }
            return 0;
        }
        if ((e = tl(c, k, TL_QUARTER)) && e->v == 4) {
            x->kind = TK_QUARTER, x->dir = dir ? dir : 2;
            return k + 1;
        }
        return 0;
    }
    /* the noun first: la semana pasada, el día anterior, lundi prochain, la semana que viene */
    if (!(c->lang & (NF__ES | NF__FR | NF__IT | NF__PT)))
        return 0;
    size_t k = j;
    int what = 0, val = 0;
    if ((u = tl(c, k, TL_UNIT)) && !u->a)
        what = 1, val = u->v;
    else if ((e = tl(c, k, TL_WDAY)))
        what = 2, val = e->v;
    else if ((e = tl(c, k, TL_SEASON)))
        what = 3, val = e->v;
    else if ((e = tl(c, k, TL_MONTH)))
        what = 4, val = e->v;
    if (!what)
        return 0;
    size_t end = k + 1;
    int dir;
    bool anchor = false;
    if ((r = tl(c, end, TL_REL)) && (r->a == 1 || r->a == 3))
        dir = r->v, anchor = r->a == 3, end++;
    else if (word(c, end, "que") && (word(c, end + 1, "viene") || word(c, end + 1, "entra")))
        dir = 1, end += 2;
    else
        return 0;
    x->dir = dir, x->mod = mod;
    switch (what) {
    case 1:
        x->unit = val;
        x->kind = anchor || val == TU_DAY ? TK_ANCHOR : TK_UNITREL;
        if (val == TU_DAY && !anchor)
            return 0;
        break;
    case 2: x->kind = TK_WDAY, x->wday = val; break;
    case 3: x->kind = TK_SEASON, x->season = val; break;
    default: x->kind = TK_MONTHREL, x->month = val; break;
    }
    return end;
}

size_t nf__tm_dayref(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i;
    int mod = 0;
    const nf__tlex *e;
    if ((e = tl(c, j, TL_MOD)) && !e->a)
        mod = e->v, j++;
    /* the part of the day first: "mid-afternoon yesterday", "late morning today" */
    int part0 = 0;
    const nf__tlex *pe;
    if (mod && hyph(c, j) && tl(c, j + 1, TL_PART))
        j++;
    if ((c->lang & NF__EN) && (pe = tl(c, j, TL_PART)) && tl(c, j + 1, TL_DAYREF))
        part0 = pe->v, j++;
    if (!(e = tl(c, j, TL_DAYREF)))
        return 0;
    if (e->v == 1 && (c->lang & NF__ES) && j > c->ss &&
        (tl(c, j - 1, TL_DET) || tl(c, j - 1, TL_REL) || word(c, j - 1, "por") ||
         word(c, j - 1, "de")))
        return 0; /* "por la mañana": the morning, not tomorrow */
    if (e->v == 1 && (c->lang & NF__DE) && (c->t[j].flags & NF__F_UPPER) &&
        !(c->t[j].flags & NF__F_SENT))
        return 0; /* "am Morgen" */
    size_t k = j + 1;
    if (word(c, j, "aujourd")) {
        if (!(apos(c, k) && word(c, k + 1, "hui")))
            return 0;
        k += 2;
    }
    x->kind = TK_DAYREL, x->amount = e->v, x->part = part0 ? part0 : e->a, x->mod = mod;
    if (!part0)
        k = part_after(c, k, &x->part);
    if (x->part)
        x->type = NF_TIMEX_TIME;
    return k;
}

size_t nf__tm_wday(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i, k;
    int dir = 0;
    const nf__tlex *e, *r;
    if ((c->lang & ~NF__EN) && tl(c, j, TL_DET)) {
        j++;
        if ((r = tl(c, j, TL_REL)) && r->a == 1)
            dir = r->v, j++;
    }
    if (!(e = tl(c, j, TL_WDAY)) || (e->fl & TLF_ABBR))
        return 0;
    k = j + 1;
    if ((c->lang & NF__EN) && is_word(c, k) && (c->t[k].flags & NF__F_UPPER) && !lexed(c, k))
        return 0; /* "Sunday Times" */
    x->kind = TK_WDAY, x->wday = e->v;
    k = part_after(c, k, &x->part);
    if (!dir && (r = tl(c, k, TL_REL)) && r->a == 1)
        dir = r->v, k++;
    x->dir = dir;
    if (x->part)
        x->type = NF_TIMEX_TIME;
    return k;
}

/* early/mid/late and the beginning/middle/end of a period: "late December", "mid-2025",
 * "the end of the year", "a finales de diciembre", "Ende Januar" */
size_t nf__tm_mod(const tctx *c, size_t i, nf__tx *x)
{
    size_t j = i, k;
    const nf__tlex *e, *u;
    bool det = false;
    if (tl(c, j, TL_DET))
        det = true, j++;
    if (!(e = tl(c, j, TL_MOD)))
        return 0;
    int mod = e->v;
    k = j + 1;
    if (e->a) {
        if (de_word(c, k))
            k++;
        else if (!(c->lang & (NF__DE | NF__FR)))
            return 0;
        if (tl(c, k, TL_DET))
            k++;
    } else {
        if (det)
            return 0;
        if (hyph(c, k))
            k++;
    }
    nf__tx y;
    tx_init(&y, k);
    size_t end = date_core(c, k, &y);
    if (!end || !y.kind || y.day) {
        tx_init(&y, k);
        end = nf__tm_year(c, k, &y);
    }
    if (!end) {
        tx_init(&y, k);
        end = nf__tm_rel(c, k, &y);
    }
    if (!end) {
        tx_init(&y, k);
        end = nf__tm_season(c, k, &y);
    }
    if (!end && k > j + 1 && tl(c, k - 1, TL_DET) && (u = tl(c, k, TL_UNIT)) && !u->a &&
        (u->v == TU_YEAR || u->v == TU_MONTH || u->v == TU_WEEK || u->v == TU_DECADE ||
         u->v == TU_CENTURY)) {
        tx_init(&y, k); /* the end of the year: the current one */
        y.kind = TK_UNITREL, y.unit = u->v, y.dir = 0;
        end = k + 1;
    }
    if (!end || y.kind == TK_DUR || y.kind == TK_ANCHOR)
        return 0;
    *x = y;
    x->ts = i;
    x->mod = mod;
    return end;
}
