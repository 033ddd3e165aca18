/* Facts: resolving parsed temporal expressions into TIMEX3 values.
 *
 * Input: the expressions of one article in text order (times.c), the document date (may be
 * unknown), the tokens. Output: nf_timex items appended to f->times.
 *
 * Conventions (news): a bare weekday is the most recent such day unless the sentence leans
 * to the future; a month or a day of a month without a year is the one nearest the document
 * date that agrees with the tense; "the previous day", "a year earlier" count from the last
 * date mentioned (the anchor); "three days after ..." is placed against the date named in
 * the same sentence. Without a document date, relative values keep X placeholders
 * ("XXXX-WXX-5", "XXXX-XX-XX"). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "facts/times_int.h"

/* a resolved point in time, at a granularity */
enum { G_NONE, G_CENTURY, G_DECADE, G_YEAR, G_HALF, G_SEASON, G_QUARTER, G_MONTH, G_WEEK, G_DAY };

typedef struct {
    int g;
    int y, m, d; /* G_DAY y-m-d; G_MONTH y-m; G_QUARTER y, q in m; G_WEEK iso year y, week d */
    int part, hour, minute;
    bool weekend;
} point;

typedef struct {
    bool have_dct;
    point dct;     /* G_DAY */
    point anchor;  /* last date mentioned; g == G_NONE when none */
    point qanchor; /* last quarter mentioned (company results) */
    bool fin;      /* the article reports results by quarter */
} rstate;

static const char *const wday_name[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
static const char *const part_code[] = {"", "MO", "MI", "AF", "EV", "NI", "DT"};
static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};
static const char *const mod_name[] = {"", "START", "MID", "END"};

/* ---- calendar arithmetic ------------------------------------------------------------- */

static long days_of(const point *p) { return nf_date_to_days(p->y, p->m, p->d); }

static point day_point(long days)
{
    point p = {.g = G_DAY, .hour = -1, .minute = -1};
    nf_date_from_days(days, &p.y, &p.m, &p.d);
    return p;
}

static void iso_week(int y, int m, int d, int *wy, int *wn)
{
    long days = nf_date_to_days(y, m, d);
    int wd = nf_date_weekday(y, m, d);
    long thu = days - wd + 3;
    int ty, tm, td;
    nf_date_from_days(thu, &ty, &tm, &td);
    *wy = ty;
    *wn = (int)((thu - nf_date_to_days(ty, 1, 1)) / 7) + 1;
}

static point week_point(long days)
{
    point p = day_point(days), w = {.g = G_WEEK, .hour = -1, .minute = -1};
    iso_week(p.y, p.m, p.d, &w.y, &w.d);
    return w;
}

static point month_add(int y, int m, long k)
{
    long t = (long)y * 12 + (m - 1) + k;
    point p = {.g = G_MONTH, .y = (int)(t >= 0 ? t / 12 : (t - 11) / 12), .hour = -1, .minute = -1};
    p.m = (int)(t - (long)p.y * 12) + 1;
    return p;
}

static int season_of(int m)
{
    return m >= 3 && m <= 5 ? TS_SP : m >= 6 && m <= 8 ? TS_SU : m >= 9 && m <= 11 ? TS_FA : TS_WI;
}
static int season_year(int y, int m) { return m <= 2 ? y - 1 : y; }

/* clamps a day to its month (Jan 31 + 1 month -> Feb 28) */
static point day_in(int y, int m, int d)
{
    int dm = nf_date_days_in_month(y, m);
    point p = {.g = G_DAY, .y = y, .m = m, .d = d > dm ? dm : d, .hour = -1, .minute = -1};
    return p;
}

/* moves a point by k units (TU_*) keeping its granularity where it is finer */
static point shift(point p, int unit, double amount)
{
    long k = (long)llround(amount);
    switch (unit) {
    case TU_DAY: return p.g == G_DAY ? day_point(days_of(&p) + k) : p;
    case TU_WEEK:
        if (p.g == G_DAY)
            return day_point(days_of(&p) + 7 * k);
        return p;
    case TU_MONTH:
        if (p.g == G_DAY) {
            point q = month_add(p.y, p.m, k);
            return day_in(q.y, q.m, p.d);
        }
        if (p.g == G_MONTH)
            return month_add(p.y, p.m, k);
        return p;
    case TU_QUARTER:
        if (p.g == G_QUARTER) {
            point q = month_add(p.y, (p.m - 1) * 3 + 1, 3 * k);
            p.y = q.y, p.m = (q.m - 1) / 3 + 1;
            return p;
        }
        return shift(p, TU_MONTH, 3.0 * (double)k);
    case TU_YEAR:
        if (p.g == G_DAY)
            return day_in(p.y + (int)k, p.m, p.d);
        p.y += (int)k;
        return p;
    case TU_DECADE: p.y += (int)(10 * k); return p;
    case TU_CENTURY: p.y += (int)(100 * k); return p;
    default: return p;
    }
}

/* ---- formatting ---------------------------------------------------------------------- */

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" without snprintf: most values are one of these */
static bool fmt_fast(const point *p, char *buf, size_t cap)
{
    if (cap < 11 || p->y < 0 || p->y > 9999 || !(p->g == G_YEAR || p->g == G_MONTH ||
                                                  (p->g == G_DAY && p->hour < 0 && !p->part)))
        return false;
    if (p->g != G_YEAR && (p->m < 0 || p->m > 99))
        return false;
    if (p->g == G_DAY && (p->d < 0 || p->d > 99))
        return false;
    int y = p->y;
    buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10);
    size_t n = 4;
    if (p->g != G_YEAR) {
        buf[4] = '-', buf[5] = (char)('0' + p->m / 10), buf[6] = (char)('0' + p->m % 10);
        n = 7;
        if (p->g == G_DAY)
            buf[7] = '-', buf[8] = (char)('0' + p->d / 10), buf[9] = (char)('0' + p->d % 10),
            n = 10;
    }
    buf[n] = '\0';
    return true;
}

static void fmt_point(const point *p, char *buf, size_t cap)
{
    if (fmt_fast(p, buf, cap))
        return;
    switch (p->g) {
    case G_CENTURY: snprintf(buf, cap, "%02d", p->y); break;
    case G_DECADE: snprintf(buf, cap, "%03d", p->y); break;
    case G_YEAR: snprintf(buf, cap, "%04d", p->y); break;
    case G_HALF: snprintf(buf, cap, "%04d-H%d", p->y, p->m); break;
    case G_SEASON: snprintf(buf, cap, "%04d-%s", p->y, season_code[p->m & 3 ? p->m : 4]); break;
    case G_QUARTER: snprintf(buf, cap, "%04d-Q%d", p->y, p->m); break;
    case G_MONTH: snprintf(buf, cap, "%04d-%02d", p->y, p->m); break;
    case G_WEEK: snprintf(buf, cap, "%04d-W%02d%s", p->y, p->d, p->weekend ? "-WE" : ""); break;
    case G_DAY:
        if (p->hour >= 0)
            snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d", p->y, p->m, p->d, p->hour,
                     p->minute < 0 ? 0 : p->minute);
        else if (p->part)
            snprintf(buf, cap, "%04d-%02d-%02dT%s", p->y, p->m, p->d, part_code[p->part]);
        else
            snprintf(buf, cap, "%04d-%02d-%02d", p->y, p->m, p->d);
        break;
    default: snprintf(buf, cap, "%s", "XXXX"); break;
    }
}

static nf_granularity gran_of(const point *p)
{
    switch (p->g) {
    case G_DAY: return p->hour >= 0 ? NF_GRAN_TIME : NF_GRAN_DAY;
    case G_WEEK: return NF_GRAN_WEEK;
    case G_MONTH:
    case G_QUARTER:
    case G_HALF:
    case G_SEASON: return NF_GRAN_MONTH;
    case G_NONE: return NF_GRAN_NONE;
    default: return NF_GRAN_YEAR;
    }
}

static const char *dur_code(int unit)
{
    switch (unit) {
    case TU_SEC: return "S";
    case TU_MIN: return "M";
    case TU_HOUR: return "H";
    case TU_DAY:
    case TU_NIGHT: return "D";
    case TU_WEEK: return "W";
    case TU_MONTH: return "M";
    case TU_QUARTER: return "Q";
    case TU_YEAR: return "Y";
    case TU_DECADE: return "DE";
    case TU_CENTURY: return "CE";
    default: return "D";
    }
}

/* P3D, PT15M, PXY, PT1H30M, P18M */
static void fmt_duration(const nf__tx *x, char *buf, size_t cap)
{
    int unit = x->unit;
    double a = x->amount;
    const char *t = unit == TU_SEC || unit == TU_MIN || unit == TU_HOUR ? "T" : "";
    if (x->approx) {
        if (unit == TU_NONE) /* "for a while": a duration of unknown unit */
            t = "X";
        snprintf(buf, cap, "P%sX%s", t, unit == TU_NONE ? "" : dur_code(unit));
        return;
    }
    if (unit == TU_DECADE)
        unit = TU_YEAR, a *= 10;
    else if (unit == TU_CENTURY)
        unit = TU_YEAR, a *= 100;
    else if (unit == TU_QUARTER)
        unit = TU_MONTH, a *= 3;
    if (a != floor(a)) {
        /* a fractional amount: into the next smaller unit when it divides evenly */
        static const struct {
            int unit, into;
            double factor;
        } sub[] = {{TU_YEAR, TU_MONTH, 12}, {TU_MONTH, TU_DAY, 30}, {TU_WEEK, TU_DAY, 7},
                   {TU_DAY, TU_HOUR, 24},   {TU_HOUR, TU_MIN, 60},  {TU_MIN, TU_SEC, 60}};
        for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
            if (sub[i].unit != unit)
                continue;
            double b = a * sub[i].factor;
            if (b == floor(b)) {
                if (unit == TU_HOUR && a >= 1)
                    snprintf(buf, cap, "PT%.0fH%.0fM", floor(a), (a - floor(a)) * 60);
                else if (unit == TU_DAY)
                    snprintf(buf, cap, "PT%.0fH", b);
                else
                    snprintf(buf, cap, "P%s%.0f%s", sub[i].into <= TU_HOUR ? "T" : "", b,
                             dur_code(sub[i].into));
                return;
            }
        }
        char num[32];
        nf__fmt_num(num, sizeof num, a);
        snprintf(buf, cap, "P%s%s%s", t, num, dur_code(unit));
        return;
    }
    snprintf(buf, cap, "P%s%.0f%s", t, a, dur_code(unit));
}

/* ---- choosing a year ----------------------------------------------------------------- */

/* The year of month m (day d, 0 for the month alone) nearest the document date that agrees
 * with the tense; a tense-consistent candidate more than ten months away loses to the
 * nearest one. */
static int pick_year(const rstate *r, int m, int d, int tense)
{
    int y0 = r->dct.y, best = y0;
    long now = days_of(&r->dct), bestdiff = 0, nearest = 1L << 30;
    int nearest_y = y0;
    bool found = false;
    for (int y = y0 - 1; y <= y0 + 1; y++) {
        long diff;
        if (d) {
            if (!d || d > nf_date_days_in_month(y, m))
                continue;
            diff = nf_date_to_days(y, m, d) - now;
        } else {
            long mm = ((long)y * 12 + m) - ((long)r->dct.y * 12 + r->dct.m);
            diff = mm * 30;
        }
        long ad = diff < 0 ? -diff : diff;
        if (ad < nearest || (ad == nearest && diff < 0))
            nearest = ad, nearest_y = y;
        bool agrees = tense < 0 ? diff <= 0 : tense > 0 ? diff >= 0 : true;
        if (agrees && (!found || ad < (bestdiff < 0 ? -bestdiff : bestdiff)))
            best = y, bestdiff = diff, found = true;
    }
    if (!found || (tense && (bestdiff < 0 ? -bestdiff : bestdiff) > 300))
        return nearest_y;
    return best;
}

/* ---- resolution ---------------------------------------------------------------------- */

typedef struct {
    char value[64];
    const char *note;
    bool mismatch;
    nf_granularity gran;
    point at; /* for the anchor; g == G_NONE when the item is not a date */
} result;

static void set_point(result *res, point p)
{
    fmt_point(&p, res->value, sizeof res->value);
    res->gran = gran_of(&p);
    res->at = p;
}

static void unresolved(result *res, const char *v, nf_granularity g)
{
    snprintf(res->value, sizeof res->value, "%s", v);
    res->gran = g;
}

static point holiday_day(int h, int y)
{
    switch (h) {
    case TH_XMAS: return day_in(y, 12, 25);
    case TH_XMAS_EVE: return day_in(y, 12, 24);
    case TH_NEWYEAR: return day_in(y, 1, 1);
    case TH_NEWYEAR_EVE: return day_in(y, 12, 31);
    case TH_HALLOWEEN: return day_in(y, 10, 31);
    case TH_VALENTINE: return day_in(y, 2, 14);
    case TH_JULY4: return day_in(y, 7, 4);
    case TH_ELECTION: { /* the Tuesday after the first Monday of November */
        int wd = nf_date_weekday(y, 11, 1);
        return day_in(y, 11, 1 + (7 - wd) % 7 + 1);
    }
    case TH_EASTER: { /* the anonymous Gregorian computus */
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
        int g = (b - f + 1) / 3, hh = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - hh - k) % 7, m = (a + 11 * hh + 22 * l) / 451;
        int n = hh + l - 7 * m + 114;
        return day_in(y, n / 31, n % 31 + 1);
    }
    default: { /* Thanksgiving: the fourth Thursday of November */
        int wd = nf_date_weekday(y, 11, 1);
        int first = 1 + (3 - wd + 7) % 7;
        return day_in(y, 11, first + 21);
    }
    }
}

static int holiday_month(int h)
{
    static const int m[] = {0, 12, 12, 1, 12, 11, 10, 2, 7, 11, 4};
    return (unsigned)h < sizeof m / sizeof m[0] ? m[h] : 1;
}

/* the quarter being reported: the last one named, else the one before the document date */
static point last_quarter(const rstate *r)
{
    if (r->qanchor.g == G_QUARTER)
        return r->qanchor;
    point p = {
        .g = G_QUARTER, .y = r->dct.y, .m = (r->dct.m - 1) / 3 + 1, .hour = -1, .minute = -1};
    return shift(p, TU_QUARTER, -1);
}

static void resolve_one(nf_arena *a, rstate *r, const nf__tx *x, result *res)
{
    memset(res, 0, sizeof *res);
    char buf[64];
    point p = {.g = G_NONE, .hour = -1, .minute = -1};
    switch (x->kind) {
    case TK_DATE:
        if (x->year && !x->month) {
            p.g = G_YEAR, p.y = x->year;
            break;
        }
        if (!x->year && !r->have_dct) {
            if (x->day)
                snprintf(buf, sizeof buf, "XXXX-%02d-%02d", x->month, x->day);
            else
                snprintf(buf, sizeof buf, "XXXX-%02d", x->month);
            unresolved(res, buf, x->day ? NF_GRAN_DAY : NF_GRAN_MONTH);
            return;
        }
        {
            int y = x->year ? x->year : pick_year(r, x->month, x->day, x->tense);
            if (x->day) {
                if (x->day > nf_date_days_in_month(y, x->month))
                    return; /* February 29 in a year without one */
                p = day_in(y, x->month, x->day);
                if (x->unit == TU_WEEK)
                    p = week_point(days_of(&p)); /* the week of March 6 */
            } else {
                p.g = G_MONTH, p.y = y, p.m = x->month;
            }
        }
        break;
    case TK_WDAY:
        if (!r->have_dct) {
            snprintf(buf, sizeof buf, "XXXX-WXX-%d%s%s", x->wday + 1, x->part ? "T" : "",
                     part_code[x->part]);
            unresolved(res, buf, NF_GRAN_DAY);
            return;
        }
        {
            point base = x->counted && r->anchor.g == G_DAY ? r->anchor : r->dct;
            long now = days_of(&base);
            int wd = nf_date_weekday(base.y, base.m, base.d);
            long back = (wd - x->wday + 7) % 7, ahead = (x->wday - wd + 7) % 7;
            long t;
            if (x->dir == -1)
                t = now - (back ? back : 7);
            else if (x->dir == 1)
                t = now + (ahead ? ahead : 7);
            else if (x->dir == 2)
                t = now - wd + x->wday; /* this Friday: in the current week */
            else
                t = x->tense > 0 ? now + ahead : now - back;
            p = day_point(t);
        }
        break;
    case TK_DAYREL:
        if (!r->have_dct) {
            snprintf(buf, sizeof buf, "XXXX-XX-XX%s%s", x->part ? "T" : "", part_code[x->part]);
            unresolved(res, buf, NF_GRAN_DAY);
            return;
        }
        p = day_point(days_of(&r->dct) + (long)llround(x->amount));
        break;
    case TK_UNITREL: {
        if (x->approx) {
            unresolved(res, x->dir < 0 ? "PAST_REF" : "FUTURE_REF", NF_GRAN_NONE);
            return;
        }
        double k = x->dir * x->amount;
        if (x->unit == TU_YEAR && x->counted && k == -1 && r->fin && x->quarter_ctx &&
            (r->have_dct || r->qanchor.g == G_QUARTER)) {
            p = shift(last_quarter(r), TU_YEAR, -1); /* results "a year ago": the same quarter */
            break;
        }
        if (!r->have_dct) {
            static const char *const xv[] = {
                "XXXX-XX-XX", "XXXX-XX-XX", "XXXX-XX-XX", "XXXX-XX-XX", "XXXX-XX-XX", "XXXX-WXX",
                "XXXX-XX",    "XXXX-QX",    "XXXX",       "XXX",        "XX",         "XXXX-XX-XX"};
            unresolved(res, xv[x->unit < 12 ? x->unit : 0],
                       x->unit == TU_WEEK      ? NF_GRAN_WEEK
                       : x->unit == TU_MONTH   ? NF_GRAN_MONTH
                       : x->unit >= TU_QUARTER ? NF_GRAN_YEAR
                                               : NF_GRAN_DAY);
            return;
        }
        point d = r->dct;
        switch (x->unit) {
        case TU_SEC:
        case TU_MIN:
        case TU_HOUR:
        case TU_DAY:
        case TU_NIGHT: p = x->unit == TU_DAY ? shift(d, TU_DAY, k) : d; break;
        case TU_WEEK: p = week_point(days_of(&d) + (long)llround(7 * k)); break;
        case TU_MONTH: p = month_add(d.y, d.m, (long)llround(k)); break;
        case TU_QUARTER:
            p.g = G_QUARTER, p.y = d.y, p.m = (d.m - 1) / 3 + 1;
            p = shift(p, TU_QUARTER, k);
            break;
        case TU_DECADE: p.g = G_DECADE, p.y = (d.y + (int)llround(10 * k)) / 10; break;
        case TU_CENTURY: p.g = G_CENTURY, p.y = (d.y + (int)llround(100 * k)) / 100; break;
        default: p.g = G_YEAR, p.y = d.y + (int)llround(k); break;
        }
        break;
    }
    case TK_ANCHOR: {
        if (x->unit == TU_YEAR && x->dir == -1 && x->amount == 1 &&
            (r->have_dct || r->qanchor.g == G_QUARTER) &&
            ((x->q == -1 && r->fin) || (r->fin && x->quarter_ctx))) {
            p = shift(last_quarter(r), TU_YEAR, -1); /* the year-earlier quarter */
            break;
        }
        point base = r->anchor.g != G_NONE ? r->anchor : r->dct;
        if (r->anchor.g == G_NONE && !r->have_dct) {
            unresolved(res,
                       x->unit == TU_WEEK    ? "XXXX-WXX"
                       : x->unit == TU_MONTH ? "XXXX-XX"
                       : x->unit == TU_YEAR  ? "XXXX"
                                             : "XXXX-XX-XX",
                       x->unit == TU_WEEK    ? NF_GRAN_WEEK
                       : x->unit == TU_MONTH ? NF_GRAN_MONTH
                       : x->unit == TU_YEAR  ? NF_GRAN_YEAR
                                             : NF_GRAN_DAY);
            return;
        }
        double k = x->dir * x->amount;
        switch (x->unit) {
        case TU_DAY:
        case TU_NIGHT:
        case TU_SEC:
        case TU_MIN:
        case TU_HOUR:
            if (base.g != G_DAY)
                base = r->have_dct ? r->dct : base;
            if (base.g != G_DAY) {
                unresolved(res, "XXXX-XX-XX", NF_GRAN_DAY);
                return;
            }
            p = x->unit == TU_DAY || x->unit == TU_NIGHT ? shift(base, TU_DAY, k) : base;
            p.hour = -1, p.part = x->part;
            break;
        case TU_WEEK:
            if (base.g != G_DAY)
                base = r->have_dct ? r->dct : base;
            p = base.g == G_DAY ? week_point(days_of(&base) + (long)llround(7 * k)) : base;
            break;
        case TU_MONTH:
            if (base.g == G_DAY || base.g == G_MONTH)
                p = month_add(base.y, base.m, (long)llround(k));
            else
                p = shift(base, TU_MONTH, k);
            break;
        default:
            if (x->q == -1 && base.g != G_QUARTER && base.g != G_YEAR && base.g != G_DAY)
                base.g = G_YEAR;
            p = shift(base, x->unit, k);
            if ((p.g == G_DAY || p.g == G_MONTH || p.g == G_WEEK) && x->unit == TU_YEAR)
                p.g = G_YEAR; /* the following year, a year earlier: a year, as counted */
            break;
        }
        break;
    }
    case TK_MONTHREL: {
        if (!r->have_dct) {
            snprintf(buf, sizeof buf, "XXXX-%02d", x->month);
            unresolved(res, buf, NF_GRAN_MONTH);
            return;
        }
        int y = r->dct.y;
        if (x->yrel_set)
            y += x->yrel; /* January this year, June last year */
        else if (x->dir < 0 && x->month >= r->dct.m)
            y--;
        else if (x->dir > 0 && x->month <= r->dct.m)
            y++;
        else if (x->dir == 0)
            y = pick_year(r, x->month, 0, x->tense); /* "this December" said in January */
        p.g = G_MONTH, p.y = y, p.m = x->month;
        break;
    }
    case TK_SEASON: {
        if (!x->year && !r->have_dct) {
            snprintf(buf, sizeof buf, "XXXX-%s", season_code[x->season]);
            unresolved(res, buf, NF_GRAN_MONTH);
            return;
        }
        int y = x->year;
        if (!y) {
            int cs = season_of(r->dct.m), cy = season_year(r->dct.y, r->dct.m);
            int cur = cy * 4 + (cs - 1), want = cy * 4 + (x->season - 1);
            int dir = x->dir ? x->dir : x->tense;
            if (dir == 2)
                dir = 0;
            if (dir < 0 && want >= cur)
                want -= 4;
            else if (dir > 0 && want <= cur)
                want += 4;
            y = want / 4;
        }
        p.g = G_SEASON, p.y = y, p.m = x->season;
        break;
    }
    case TK_QUARTER: {
        bool half = x->h > 0;
        int n = half ? x->h : x->q;
        if (x->year < 0) { /* a generic quarter: what usually happens in it */
            snprintf(buf, sizeof buf, "XXXX-%s%c", half ? "H" : "Q", (char)('0' + n));
            unresolved(res, buf, NF_GRAN_MONTH);
            return;
        }
        if (!r->have_dct && !x->year && r->qanchor.g != G_QUARTER) {
            snprintf(buf, sizeof buf, "XXXX-%s%c", half ? "H" : "Q", n ? (char)('0' + n) : 'X');
            unresolved(res, buf, NF_GRAN_MONTH);
            return;
        }
        point cur = {
            .g = G_QUARTER, .y = r->dct.y, .m = (r->dct.m - 1) / 3 + 1, .hour = -1, .minute = -1};
        if (!r->have_dct)
            cur = r->qanchor;
        if (x->yrel_set) { /* last year's quarter, next year's first quarter */
            if (n)
                p = cur, p.y += x->yrel, p.m = n;
            else
                p = shift(last_quarter(r), TU_YEAR, x->yrel);
            break;
        }
        if (n == 0) { /* the quarter, the latest quarter, this quarter, the 1988 quarter */
            if (x->year) {
                p = last_quarter(r);
                p.y = x->year;
            } else if (x->dir == 2)
                p = cur;
            else if (x->dir == 1)
                p = shift(cur, TU_QUARTER, 1);
            else
                p = last_quarter(r);
            break;
        }
        int y = x->year;
        if (!y) { /* the latest such quarter that has begun */
            int now = half ? (r->dct.m - 1) / 6 + 1 : (r->dct.m - 1) / 3 + 1;
            y = r->have_dct ? r->dct.y : cur.y;
            if (x->dir == 1 ? n <= now : n > now)
                y += x->dir == 1 ? 1 : -1;
        }
        p.g = half ? G_HALF : G_QUARTER, p.y = y, p.m = n;
        break;
    }
    case TK_DECADE: p.g = x->unit == TU_CENTURY ? G_CENTURY : G_DECADE, p.y = x->decade; break;
    case TK_WEEKEND: {
        if (!r->have_dct) {
            unresolved(res, "XXXX-WXX-WE", NF_GRAN_WEEK);
            return;
        }
        long now = days_of(&r->dct);
        int wd = nf_date_weekday(r->dct.y, r->dct.m, r->dct.d);
        long sat = now - wd + 5; /* Saturday of the current week */
        int dir = x->dir == 2 ? 0 : x->dir ? x->dir : (x->tense > 0 ? 1 : -1);
        if (dir < 0 && sat > now)
            sat -= 7;
        else if (dir > 0 && sat + 1 < now)
            sat += 7;
        if (x->dir == -1 && wd >= 5)
            sat -= 7;
        p = week_point(sat);
        p.weekend = true;
        break;
    }
    case TK_CLOCK: return; /* placed by the caller, which knows the sentence */
    case TK_DUR:
        fmt_duration(x, res->value, sizeof res->value);
        res->gran = NF_GRAN_NONE;
        return;
    case TK_SET:
        if (x->wday >= 0)
            snprintf(res->value, sizeof res->value, "XXXX-WXX-%d", x->wday + 1);
        else if (x->part)
            snprintf(res->value, sizeof res->value, "XXXX-XX-XXT%s", part_code[x->part]);
        else if (x->month)
            snprintf(res->value, sizeof res->value, "XXXX-%02d", x->month);
        else
            fmt_duration(x, res->value, sizeof res->value);
        res->gran = NF_GRAN_NONE;
        return;
    case TK_REF:
        unresolved(res,
                   x->ref == TR_PAST     ? "PAST_REF"
                   : x->ref == TR_FUTURE ? "FUTURE_REF"
                                         : "PRESENT_REF",
                   NF_GRAN_NONE);
        return;
    case TK_HOLIDAY: {
        int y = x->year;
        if (!y && !r->have_dct) {
            if (x->holiday == TH_EASTER || x->holiday == TH_ELECTION) { /* movable */
                unresolved(res, x->unit == TU_WEEK ? "XXXX-WXX" : "XXXX-XX-XX",
                           x->unit == TU_WEEK ? NF_GRAN_WEEK : NF_GRAN_DAY);
                return;
            }
            point hp = holiday_day(x->holiday, 2001);
            snprintf(buf, sizeof buf, "XXXX-%02d-%02d", hp.m, hp.d);
            unresolved(res, buf, NF_GRAN_DAY);
            return;
        }
        if (!y) {
            point hp = holiday_day(x->holiday, r->dct.y);
            y = pick_year(r, holiday_month(x->holiday), hp.d, x->tense);
        }
        p = holiday_day(x->holiday, y);
        if (x->unit == TU_WEEK)
            p = week_point(days_of(&p));
        break;
    }
    default: return;
    }
    if (p.g == G_NONE)
        return;
    if (p.g == G_DAY) {
        p.part = x->part;
        if (x->hour >= 0)
            p.hour = x->hour, p.minute = x->minute;
    }
    set_point(res, p);
    if (x->mod)
        res->note = nf_arena_printf(a, "mod %s", mod_name[x->mod]);
    if (x->kind == TK_DATE && x->wday >= 0 && p.g == G_DAY) {
        int wd = nf_date_weekday(p.y, p.m, p.d);
        if (wd >= 0 && wd != x->wday) {
            res->mismatch = true;
            res->note = nf_arena_printf(a, "%s written, %04d-%02d-%02d is a %s", wday_name[x->wday],
                                        p.y, p.m, p.d, wday_name[wd]);
        }
    }
}

static const char *unit_name(int unit, double amount)
{
    bool one = amount == 1;
    switch (unit) {
    case TU_DAY: return one ? "day" : "days";
    case TU_WEEK: return one ? "week" : "weeks";
    case TU_MONTH: return one ? "month" : "months";
    case TU_YEAR: return one ? "year" : "years";
    case TU_HOUR: return one ? "hour" : "hours";
    default: return "units";
    }
}

/* "three days after ...": against a date named in the same sentence, else the anchor. */
static void resolve_event(nf_arena *a, const rstate *r, const nf__tx *tx, size_t ntx, size_t k,
                          const result *res_all, const point *anchor_at, result *res)
{
    const nf__tx *x = &tx[k];
    memset(res, 0, sizeof *res);
    if (x->approx) {
        snprintf(res->value, sizeof res->value, "%s", x->dir < 0 ? "PAST_REF" : "FUTURE_REF");
        return;
    }
    double amount = x->amount * (x->unit == TU_WEEK ? 7 : 1);
    int unit = x->unit == TU_WEEK ? TU_DAY : x->unit;
    const point *next = NULL, *prev = NULL;
    const nf__tx *nx = NULL, *px = NULL;
    for (size_t j = k + 1; j < ntx && tx[j].sent == x->sent && tx[j].ts <= x->te + 8; j++)
        if (res_all[j].at.g == G_DAY || res_all[j].at.g == G_MONTH) {
            next = &res_all[j].at, nx = &tx[j];
            break;
        }
    for (size_t j = k, w = 0; j-- > 0 && tx[j].sent == x->sent && w < 16; w++)
        if (res_all[j].at.g == G_DAY) {
            prev = &res_all[j].at, px = &tx[j];
            break;
        }
    point p;
    char when[40];
    if (next) {
        p = shift(*next, unit, x->dir * amount);
        fmt_point(next, when, sizeof when);
        res->note = nf_arena_printf(a, "counted from %s", when);
        (void)nx;
    } else if (prev) {
        p = shift(*prev, unit, -x->dir * amount);
        fmt_point(prev, when, sizeof when);
        res->note = nf_arena_printf(
            a, "the date of what follows \"%s\", %g %s %s %s", x->dir > 0 ? "after" : "before",
            x->amount, unit_name(x->unit, x->amount), x->dir > 0 ? "before" : "after", when);
        (void)px;
    } else if (x->ts >= x->sent + 2 && anchor_at[k].g == G_DAY) {
        /* "Her remarks came one day after ...": the sentence's own time is the last date
         * mentioned, and what follows "after" happened one day before it */
        p = shift(anchor_at[k], unit, -x->dir * amount);
        fmt_point(&anchor_at[k], when, sizeof when);
        res->note = nf_arena_printf(
            a, "the date of what follows \"%s\", %g %s %s %s", x->dir > 0 ? "after" : "before",
            x->amount, unit_name(x->unit, x->amount), x->dir > 0 ? "before" : "after", when);
    } else {
        point base = anchor_at[k].g != G_NONE ? anchor_at[k] : r->dct;
        if (anchor_at[k].g == G_NONE && !r->have_dct) {
            snprintf(res->value, sizeof res->value, "%s", "XXXX-XX-XX");
            res->gran = NF_GRAN_DAY;
            return;
        }
        if (base.g != G_DAY && unit == TU_DAY)
            base = r->have_dct ? r->dct : base;
        p = shift(base, unit, x->dir * amount);
        fmt_point(&base, when, sizeof when);
        res->note = nf_arena_printf(a, "counted from %s", when);
    }
    p.hour = -1, p.part = 0;
    if (unit == TU_MONTH && p.g == G_DAY)
        p.g = G_DAY;
    set_point(res, p);
}

void nf__times_resolve(nf_doc *doc, const nf_date *dct, const nf__tok *t, const nf__tx *tx,
                       size_t ntx, nf_facts *f)
{
    if (!ntx)
        return;
    nf_arena *a = doc->arena;
    rstate r;
    memset(&r, 0, sizeof r);
    r.anchor.g = G_NONE;
    r.qanchor.g = G_NONE;
    for (size_t k = 0; k < ntx; k++)
        r.fin = r.fin || tx[k].kind == TK_QUARTER || (tx[k].kind == TK_ANCHOR && tx[k].q == -1);
    if (dct && dct->gran >= NF_GRAN_DAY && dct->month >= 1 && dct->month <= 12 && dct->day >= 1 &&
        dct->day <= nf_date_days_in_month(dct->year, dct->month)) {
        r.have_dct = true;
        r.dct = day_in(dct->year, dct->month, dct->day);
    }
    result *res = nf_xcalloc(ntx, sizeof *res);
    point *anchor_at = nf_xcalloc(ntx, sizeof *anchor_at);
    for (size_t k = 0; k < ntx; k++) {
        const nf__tx *x = &tx[k];
        anchor_at[k] = r.anchor;
        if (x->kind == TK_EVENT)
            continue;
        if (x->kind == TK_CLOCK) {
            /* the day of the sentence's last date, else the anchor if set in this sentence,
             * else the document date */
            const point *day = NULL;
            for (size_t j = k, w = 0; j-- > 0 && tx[j].sent == x->sent && w < 16; w++)
                if (res[j].at.g == G_DAY) {
                    day = &res[j].at;
                    break;
                }
            point p;
            if (day)
                p = *day;
            else if (r.anchor.g == G_DAY)
                p = r.anchor;
            else if (r.have_dct)
                p = r.dct;
            else {
                snprintf(res[k].value, sizeof res[k].value, "XXXX-XX-XXT%02d:%02d", x->hour,
                         x->minute);
                res[k].gran = NF_GRAN_TIME;
                continue;
            }
            p.part = 0, p.hour = x->hour, p.minute = x->minute;
            set_point(&res[k], p);
            res[k].at.g = G_NONE;
            continue;
        }
        resolve_one(a, &r, x, &res[k]);
        /* named dates become the anchor; offsets counted from one ("a year earlier") do not */
        bool named = x->kind == TK_DATE || x->kind == TK_WDAY || x->kind == TK_DAYREL ||
                     x->kind == TK_MONTHREL || x->kind == TK_SEASON || x->kind == TK_QUARTER ||
                     x->kind == TK_HOLIDAY || (x->kind == TK_UNITREL && !x->counted);
        if (named && res[k].at.g != G_NONE) {
            r.anchor = res[k].at;
            r.anchor.part = 0, r.anchor.hour = r.anchor.minute = -1;
        }
        /* the quarter being reported: the latest one named that has ended by the document
         * date ("a fourth-quarter charge" to come does not make "the latest quarter" the
         * fourth) */
        if (x->kind == TK_QUARTER && res[k].at.g == G_QUARTER &&
            (!r.have_dct || res[k].at.y * 4 + res[k].at.m < r.dct.y * 4 + (r.dct.m - 1) / 3 + 1) &&
            (r.qanchor.g != G_QUARTER ||
             res[k].at.y * 4 + res[k].at.m >= r.qanchor.y * 4 + r.qanchor.m))
            r.qanchor = res[k].at; /* nor one before it: "the 1988 period", "a flat second
                                    * quarter" compared with the one reported */
    }
    for (size_t k = 0; k < ntx; k++)
        if (tx[k].kind == TK_EVENT)
            resolve_event(a, &r, tx, ntx, k, res, anchor_at, &res[k]);

    size_t n0 = f->n_times, n = n0;
    nf_timex *out = nf_arena_alloc(a, (n0 + ntx) * sizeof *out);
    if (n0)
        memcpy(out, f->times, n0 * sizeof *out);
    for (size_t k = 0; k < ntx; k++) {
        if (!res[k].value[0])
            continue;
        const nf__tx *x = &tx[k];
        nf_timex *o = &out[n++];
        memset(o, 0, sizeof *o);
        o->start = t[x->ts].start;
        o->end = t[x->te - 1].end;
        o->type = (nf_timex_type)x->type;
        if (o->type == NF_TIMEX_DATE && res[k].gran == NF_GRAN_TIME)
            o->type = NF_TIMEX_TIME;
        o->gran = res[k].gran;
        if (x->sigdur && x->te >= x->ts + 2) {
            /* TIMEX3 tags "three days" in "three days after"; the date stays as the anchor */
            o->end = t[x->te - 2].end;
            o->type = NF_TIMEX_DURATION;
            if (res[k].value[0] >= '0' && res[k].value[0] <= '9')
                o->anchor = nf_arena_strdup(a, res[k].value);
            else
                o->gran = NF_GRAN_NONE;
            fmt_duration(x, res[k].value, sizeof res[k].value);
        }
        o->text = nf_arena_strndup(a, doc->text + o->start, o->end - o->start);
        o->value = nf_arena_strdup(a, res[k].value);
        o->weekday_mismatch = res[k].mismatch;
        o->note = res[k].note;
    }
    f->times = out;
    f->n_times = n;
    free(res);
    free(anchor_at);
}
