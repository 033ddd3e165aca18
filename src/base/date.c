/* Calendar dates: ISO 8601 formatting and parsing, weekdays, day arithmetic. */
#include <stdio.h>
#include <string.h>

#include "newsfuse/doc.h"

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int nf_date_days_in_month(int year, int month)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return d[month - 1] + (month == 2 && leap(year));
}

/* Howard Hinnant's days_from_civil. */
long nf_date_to_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void nf_date_from_days(long z, int *year, int *month, int *day)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int nf_date_weekday(int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1 || day > nf_date_days_in_month(year, month))
        return -1;
    long z = nf_date_to_days(year, month, day);
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    long w = (z % 7 + 7 + 3) % 7;
    return (int)w;
}

void nf_date_format(const nf_date *d, char *buf, size_t cap)
{
    switch (d->gran) {
    case NF_GRAN_NONE: snprintf(buf, cap, "%s", ""); break;
    case NF_GRAN_YEAR: snprintf(buf, cap, "%04d", d->year); break;
    case NF_GRAN_MONTH: snprintf(buf, cap, "%04d-%02d", d->year, d->month); break;
    case NF_GRAN_WEEK: snprintf(buf, cap, "%04d-W%02d", d->year, d->day); break;
    case NF_GRAN_DAY: snprintf(buf, cap, "%04d-%02d-%02d", d->year, d->month, d->day); break;
    case NF_GRAN_TIME:
        if (d->has_tz) {
            if (d->tz_min == 0)
                snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->year, d->month, d->day,
                         d->hour, d->min, d->sec);
            else {
                int off = d->tz_min < 0 ? -d->tz_min : d->tz_min;
                snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year, d->month,
                         d->day, d->hour, d->min, d->sec, d->tz_min < 0 ? '-' : '+', off / 60,
                         off % 60);
            }
        } else
            snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
                     d->hour, d->min, d->sec);
        break;
    }
}

static int digits(const char *s, size_t len, size_t *i, int n)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9')
            return -1;
        v = v * 10 + (s[(*i)++] - '0');
    }
    return v;
}

nf_status nf_date_parse_iso(const char *s, size_t len, nf_date *out)
{
    nf_date d;
    memset(&d, 0, sizeof d);
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if ((d.year = digits(s, len, &i, 4)) < 0)
        return NF_ERR_PARSE;
    d.gran = NF_GRAN_YEAR;
    if (i < len && s[i] == '-') {
        i++;
        if ((d.month = digits(s, len, &i, 2)) < 1 || d.month > 12)
            return NF_ERR_PARSE;
        d.gran = NF_GRAN_MONTH;
        if (i < len && s[i] == '-') {
            i++;
            d.day = digits(s, len, &i, 2);
            if (d.day < 1 || d.day > nf_date_days_in_month(d.year, d.month))
                return NF_ERR_PARSE;
            d.gran = NF_GRAN_DAY;
            if (i < len && (s[i] == 'T' || s[i] == ' ') && i + 1 < len && s[i + 1] >= '0' &&
                s[i + 1] <= '9') {
                i++;
                if ((d.hour = digits(s, len, &i, 2)) < 0 || d.hour > 23 || i >= len ||
                    s[i] != ':')
                    return NF_ERR_PARSE;
                i++;
                if ((d.min = digits(s, len, &i, 2)) < 0 || d.min > 59)
                    return NF_ERR_PARSE;
                if (i < len && s[i] == ':') {
                    i++;
                    if ((d.sec = digits(s, len, &i, 2)) < 0 || d.sec > 60)
                        return NF_ERR_PARSE;
                    if (i < len && (s[i] == '.' || s[i] == ','))
                        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
                            ;
                }
                d.gran = NF_GRAN_TIME;
                if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
                    d.has_tz = true;
                    i++;
                } else if (i < len && (s[i] == '+' || s[i] == '-')) {
                    int sign = s[i] == '-' ? -1 : 1;
                    i++;
                    int hh = digits(s, len, &i, 2), mm = 0;
                    if (hh < 0 || hh > 14)
                        return NF_ERR_PARSE;
                    if (i < len && s[i] == ':')
                        i++;
                    if (i < len && s[i] >= '0' && s[i] <= '9' && (mm = digits(s, len, &i, 2)) < 0)
                        return NF_ERR_PARSE;
                    d.has_tz = true;
                    d.tz_min = sign * (hh * 60 + mm);
                }
            }
        }
    }
    *out = d;
    return NF_OK;
}

int nf_date_cmp(const nf_date *a, const nf_date *b)
{
    nf_granularity g = a->gran < b->gran ? a->gran : b->gran;
    int av[3] = {a->year, g >= NF_GRAN_MONTH ? a->month : 0, g >= NF_GRAN_DAY ? a->day : 0};
    int bv[3] = {b->year, g >= NF_GRAN_MONTH ? b->month : 0, g >= NF_GRAN_DAY ? b->day : 0};
    for (int k = 0; k < 3; k++)
        if (av[k] != bv[k])
            return av[k] < bv[k] ? -1 : 1;
    return 0;
}
