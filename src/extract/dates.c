/* Publication-date recognition for page readers: the stated dates and timestamps that
 * pages print in datelines, bylines and meta data, in en es de fr pt it.
 *
 * This is not the facts stage's temporal tagger (which resolves relative expressions); it
 * only finds absolute calendar dates, optionally with a clock time. */
#include <string.h>

#include "blocks.h"

typedef struct {
    const char *name;
    int month;
} month_name;

/* Month names and abbreviations, lower case; longer forms first where one is a prefix. */
static const month_name months[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"sept", 9}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4},
    {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
    /* de */
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    /* fr */
    {"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"décembre", 12},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
};

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Case-insensitive (ASCII, plus the first byte pairs of the accented letters used above)
 * month name at s[i]; returns its month and advances *end past the word (and a '.'). */
static int month_at(const char *s, size_t len, size_t i, size_t *end)
{
    if (i > 0 && is_alpha_byte((unsigned char)s[i - 1]))
        return 0;
    /* quick reject: every month name above starts with one of these letters */
    switch (s[i] | 0x20) {
    case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n': case 'd': case 'g':
    case 'l': case 'e':
        break;
    default:
        return 0;
    }
    size_t j = i;
    char w[16];
    size_t wl = 0;
    while (j < len && is_alpha_byte((unsigned char)s[j]) && wl < sizeof w - 1) {
        char c = s[j];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        /* fold the upper-case forms of é, ä, ç used in month names */
        if ((unsigned char)c == 0xC3 && j + 1 < len && wl + 2 < sizeof w) {
            unsigned char n = (unsigned char)s[j + 1];
            if (n >= 0x80 && n <= 0x9E)
                n = (unsigned char)(n + 0x20);
            w[wl++] = (char)0xC3;
            w[wl++] = (char)n;
            j += 2;
            continue;
        }
        w[wl++] = c;
        j++;
    }
    if (j < len && is_alpha_byte((unsigned char)s[j]))
        return 0; /* word too long */
    if (wl < 3)
        return 0;
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (months[k].name[0] != w[0])
            continue;
        size_t ml = strlen(months[k].name);
        if (ml == wl && memcmp(w, months[k].name, wl) == 0) {
            if (j < len && s[j] == '.')
                j++;
            *end = j;
            return months[k].month;
        }
    }
    return 0;
}

static int number_at(const char *s, size_t len, size_t i, size_t maxd, size_t *end)
{
    if (i > 0 && is_digit(s[i - 1]))
        return -1;
    size_t j = i;
    int v = 0;
    while (j < len && is_digit(s[j]) && j - i < maxd)
        v = v * 10 + (s[j++] - '0');
    if (j == i || (j < len && is_digit(s[j])))
        return -1;
    *end = j;
    return v;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return skip_spaces(s, len, i + 2);
    return i;
}

/* Ordinal suffixes after a day number: 16th, 1st, 2nd, 3rd, 1º, 1er. */
static size_t skip_ordinal(const char *s, size_t len, size_t i)
{
    static const char *const suf[] = {"st", "nd", "rd", "th", "er", "º", "."};
    for (size_t k = 0; k < sizeof suf / sizeof suf[0]; k++) {
        size_t l = strlen(suf[k]);
        if (i + l <= len && strncmp(s + i, suf[k], l) == 0 &&
            (i + l == len || !is_alpha_byte((unsigned char)s[i + l])))
            return i + l;
    }
    return i;
}

static bool plausible_year(int y) { return y >= 1900 && y <= 2100; }

/* An optional clock time after a date: ", 08:15", " at 8:15 a.m.", " | 19:22 GMT". */
static size_t clock_after(const char *s, size_t len, size_t i, nf_date *d)
{
    size_t j = i;
    while (j < len && j - i < 6 && strchr(" ,|-–—·at\t", s[j]) && s[j])
        j++;
    if (j + 2 < len && (unsigned char)s[j] == 0xE2)
        j += 3, j = skip_spaces(s, len, j);
    size_t e;
    int h = number_at(s, len, j, 2, &e);
    if (h < 0 || h > 23 || e >= len || s[e] != ':')
        return i;
    int m = number_at(s, len, e + 1, 2, &e);
    if (m < 0 || m > 59)
        return i;
    size_t k = skip_spaces(s, len, e);
    if (k + 1 < len && (s[k] == 'p' || s[k] == 'P') && (s[k + 1] == 'm' || s[k + 1] == 'M' ||
                                                        s[k + 1] == '.')) {
        if (h < 12)
            h += 12;
        e = k + 2;
        while (e < len && (s[e] == '.' || s[e] == 'm' || s[e] == 'M'))
            e++;
    } else if (k + 1 < len && (s[k] == 'a' || s[k] == 'A') &&
               (s[k + 1] == 'm' || s[k + 1] == 'M' || s[k + 1] == '.')) {
        if (h == 12)
            h = 0;
        e = k + 2;
        while (e < len && (s[e] == '.' || s[e] == 'm' || s[e] == 'M'))
            e++;
    }
    d->hour = h;
    d->min = m;
    d->gran = NF_GRAN_TIME;
    return e;
}

static bool valid_day(int y, int m, int dd) { return dd >= 1 && dd <= nf_date_days_in_month(y, m); }

/* Tries every date form at position i. */
static bool date_at(const char *s, size_t len, size_t i, nf_date *d, size_t *mend)
{
    size_t e, e2, e3;
    memset(d, 0, sizeof *d);
    if (is_digit(s[i])) {
        /* ISO 8601 */
        if (i + 10 <= len && is_digit(s[i + 3]) && s[i + 4] == '-' && s[i + 7] == '-' &&
            (i == 0 || !is_digit(s[i - 1]))) {
            size_t j = i + 10;
            while (j < len && j - i < 40 &&
                   (is_digit(s[j]) || strchr("T:+-.Z ", s[j])) && s[j])
                j++;
            while (j > i + 10 && (s[j - 1] == ' ' || s[j - 1] == '-' || s[j - 1] == '+'))
                j--;
            if (nf_date_parse_iso(s + i, j - i, d) == NF_OK && d->gran >= NF_GRAN_DAY) {
                *mend = j;
                /* nf_date_parse_iso stops early on trailing junk; trim to what it took */
                return plausible_year(d->year);
            }
            while (j > i + 10) { /* retry shorter forms */
                j--;
                if (nf_date_parse_iso(s + i, j - i, d) == NF_OK && d->gran >= NF_GRAN_DAY) {
                    *mend = j;
                    return plausible_year(d->year);
                }
            }
            memset(d, 0, sizeof *d);
        }
        /* YYYY/MM/DD */
        int y = number_at(s, len, i, 4, &e);
        if (y >= 1900 && e - i == 4 && e < len && (s[e] == '/' || s[e] == '.')) {
            int m = number_at(s, len, e + 1, 2, &e2);
            if (m >= 1 && m <= 12 && e2 < len && s[e2] == s[e]) {
                int dd = number_at(s, len, e2 + 1, 2, &e3);
                if (valid_day(y, m, dd) && plausible_year(y)) {
                    d->year = y, d->month = m, d->day = dd, d->gran = NF_GRAN_DAY;
                    *mend = clock_after(s, len, e3, d);
                    return true;
                }
            }
        }
        /* D Month YYYY, D de Month de YYYY, D. Month YYYY */
        int dd = number_at(s, len, i, 2, &e);
        if (dd >= 1 && dd <= 31) {
            size_t j = skip_spaces(s, len, skip_ordinal(s, len, e));
            if (j + 3 <= len && strncmp(s + j, "de ", 3) == 0)
                j += 3;
            int m = month_at(s, len, j, &e2);
            if (m) {
                size_t k = skip_spaces(s, len, e2);
                if (k < len && s[k] == ',')
                    k = skip_spaces(s, len, k + 1);
                if (k + 3 <= len && strncmp(s + k, "de ", 3) == 0)
                    k += 3;
                int yy = number_at(s, len, k, 4, &e3);
                if (plausible_year(yy) && e3 - k == 4 && valid_day(yy, m, dd)) {
                    d->year = yy, d->month = m, d->day = dd, d->gran = NF_GRAN_DAY;
                    *mend = clock_after(s, len, e3, d);
                    return true;
                }
            }
        }
        return false;
    }
    /* Month D, YYYY */
    int m = month_at(s, len, i, &e);
    if (!m)
        return false;
    size_t j = skip_spaces(s, len, e);
    int dd = number_at(s, len, j, 2, &e2);
    if (dd < 1)
        return false;
    size_t k = skip_spaces(s, len, skip_ordinal(s, len, e2));
    if (k < len && s[k] == ',')
        k = skip_spaces(s, len, k + 1);
    int yy = number_at(s, len, k, 4, &e3);
    if (!plausible_year(yy) || e3 - k != 4 || !valid_day(yy, m, dd))
        return false;
    d->year = yy, d->month = m, d->day = dd, d->gran = NF_GRAN_DAY;
    *mend = clock_after(s, len, e3, d);
    return true;
}

bool nf__find_date(const char *s, size_t len, nf_date *d, size_t *mstart, size_t *mend)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i > 0 && (is_alpha_byte((unsigned char)s[i - 1]) || is_digit(s[i - 1])))
            continue; /* only at word starts */
        if (!(is_digit((char)c) || is_alpha_byte(c)))
            continue;
        size_t e;
        if (date_at(s, len, i, d, &e)) {
            *mstart = i;
            *mend = e;
            return true;
        }
    }
    return false;
}
