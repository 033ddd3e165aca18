/* JSONL reader: one JSON object per line (scraper dumps, .jsonl / .ndjson) -> one record per
 * line.
 *
 * Fields: "url", "html" (an HTML record) or "text" (a text-dump record), and optionally
 * "published" (ISO 8601 or RFC 822, normalised to ISO 8601 when it is either; a number is
 * seconds since 1970), "source", "title", "id" (a string or an integer; else the id is the
 * hash of the URL). Lines are read one at a time with a buffer that grows to the longest
 * line only (a line may be as long as max_bytes); a line that is not a JSON object, or has
 * neither "html" nor "text", is reported as "line N: reason" and the rest is read. Blank
 * lines are passed over; a line whose html/text is empty is skipped and counted. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ingest/ingest_int.h"

/* ---- the fast path: a flat object read without building a tree --------------------------
 *
 * Scraper dumps are flat objects of strings (and an integer id or timestamp). Such a line is
 * read here in one pass into one buffer; any other line (nesting, reals, \u0000, lone
 * surrogates, invalid UTF-8, anything malformed) goes to jansson, which reads it or reports
 * the error, so both roads give the same values and messages. As in jansson, the last of
 * duplicate keys wins. */

#define FLAT_MAX 64

typedef enum { FV_STRING, FV_INT, FV_OTHER } flat_kind;

typedef struct {
    const char *key, *str; /* NUL-terminated, in the line's buffer */
    size_t str_len;
    long long num;
    flat_kind kind;
} flat_field;

typedef struct {
    json_t *o; /* jansson's tree, or NULL when the fast path read the line */
    flat_field f[FLAT_MAX];
    size_t n;
} object;

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (c | 0x20) - 'a' + 10;
        else
            return -1;
    }
    return v;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char b = p[0];
    size_t n = b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
    if (!n || (size_t)(end - p) < n)
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    if ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] >= 0xA0) || (b == 0xF0 && p[1] < 0x90) ||
        (b == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* The string whose opening quote is before *pp, decoded into *op (NUL-terminated). */
static bool flat_string(const char **pp, const char *end, char **op)
{
    const char *p = *pp;
    char *o = *op;
    while (p < end) {
        const char *r = p;
        while (r < end && (unsigned char)*r >= 0x20 && (unsigned char)*r < 0x80 && *r != '"' &&
               *r != '\\')
            r++;
        memcpy(o, p, (size_t)(r - p));
        o += r - p;
        p = r;
        if (p >= end)
            return false;
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *o++ = '\0';
            *pp = p + 1;
            *op = o;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c >= 0x80) {
            size_t k = utf8_len((const unsigned char *)p, (const unsigned char *)end);
            if (!k)
                return false;
            memcpy(o, p, k);
            o += k;
            p += k;
            continue;
        }
        /* an escape */
        if (p + 1 >= end)
            return false;
        char e = p[1];
        p += 2;
        switch (e) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            int cp = end - p >= 4 ? hex4(p) : -1;
            if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                return false; /* \u0000 and surrogates: jansson's road */
            p += 4;
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: return false;
        }
    }
    return false;
}

/* Reads s[0..n) as a flat object into ob, decoding strings into buf (n + 1 bytes); false
 * when the line needs jansson. */
static bool flat_object(const char *s, size_t n, char *buf, object *ob)
{
    const char *p = skip_ws(s, s + n), *end = s + n;
    char *o = buf;
    ob->n = 0;
    if (p >= end || *p != '{')
        return false;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            if (p >= end || *p != '"' || ob->n == FLAT_MAX)
                return false;
            flat_field *f = &ob->f[ob->n];
            p++;
            f->key = o;
            if (!flat_string(&p, end, &o))
                return false;
            p = skip_ws(p, end);
            if (p >= end || *p != ':')
                return false;
            p = skip_ws(p + 1, end);
            if (p >= end)
                return false;
            if (*p == '"') {
                p++;
                f->kind = FV_STRING;
                f->str = o;
                if (!flat_string(&p, end, &o))
                    return false;
                f->str_len = (size_t)(o - f->str) - 1;
            } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
                bool neg = *p == '-';
                const char *d = p + neg, *q = d;
                long long v = 0;
                while (q < end && *q >= '0' && *q <= '9' && q - d < 18)
                    v = v * 10 + (*q++ - '0');
                if (q == d || (*d == '0' && q - d > 1) ||
                    (q < end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E')))
                    return false; /* leading zeros, reals, 18 digits or more: jansson */
                f->kind = FV_INT;
                f->num = neg ? -v : v;
                p = q;
            } else if ((size_t)(end - p) >= 4 && (!memcmp(p, "true", 4) || !memcmp(p, "null", 4))) {
                f->kind = FV_OTHER;
                p += 4;
            } else if ((size_t)(end - p) >= 5 && !memcmp(p, "false", 5)) {
                f->kind = FV_OTHER;
                p += 5;
            } else {
                return false;
            }
            ob->n++;
            p = skip_ws(p, end);
            if (p < end && *p == ',') {
                p = skip_ws(p + 1, end);
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            return false;
        }
    }
    return skip_ws(p, end) == end;
}

/* The last field named key, or NULL. */
static const flat_field *flat_get(const object *ob, const char *key)
{
    for (size_t i = ob->n; i-- > 0;)
        if (!strcmp(ob->f[i].key, key))
            return &ob->f[i];
    return NULL;
}

static const char *str_field(const object *ob, const char *key, size_t *len)
{
    if (!ob->o) {
        const flat_field *f = flat_get(ob, key);
        if (!f || f->kind != FV_STRING)
            return NULL;
        if (len)
            *len = f->str_len;
        return f->str;
    }
    json_t *v = json_object_get(ob->o, key);
    if (!json_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

static bool int_field(const object *ob, const char *key, long long *v)
{
    if (!ob->o) {
        const flat_field *f = flat_get(ob, key);
        if (!f || f->kind != FV_INT)
            return false;
        *v = f->num;
        return true;
    }
    json_t *jv = json_object_get(ob->o, key);
    if (!json_is_integer(jv))
        return false;
    *v = (long long)json_integer_value(jv);
    return true;
}

static void emit_object(nf__job *j, size_t line, const object *o);

static void one_line(nf__job *j, size_t line, const char *s, size_t n)
{
    object *ob = nf_xmalloc(sizeof *ob);
    char *buf = nf_xmalloc(n + 1);
    ob->o = NULL;
    if (flat_object(s, n, buf, ob)) {
        emit_object(j, line, ob);
        free(buf);
        free(ob);
        return;
    }
    free(buf);
    json_error_t err;
    json_t *o = json_loadb(s, n, 0, &err);
    if (!o) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: invalid JSON: %s (column %d)", line,
                        err.text, err.column);
        free(ob);
        return;
    }
    if (!json_is_object(o)) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: not a JSON object", line);
        json_decref(o);
        free(ob);
        return;
    }
    ob->o = o;
    emit_object(j, line, ob);
    json_decref(o);
    free(ob);
}

/* The record of one object line (jansson's tree or the fast path's fields). */
static void emit_object(nf__job *j, size_t line, const object *o)
{
    size_t hl = 0, tl = 0;
    const char *html = str_field(o, "html", &hl), *text = str_field(o, "text", &tl);
    if (!html && !text) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: no \"html\" or \"text\" field", line);
        return;
    }
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    if (html && hl) {
        rec.data = html;
        rec.len = hl;
        rec.kind = NF_KIND_HTML;
    } else if (text && tl) {
        rec.data = text;
        rec.len = tl;
        rec.kind = NF_KIND_TEXT;
    } else {
        nf__job_skip(j);
        return;
    }
    size_t ul = 0;
    const char *url = str_field(o, "url", &ul);
    rec.url = url && ul ? url : NULL;
    rec.source = str_field(o, "source", NULL);
    rec.title = str_field(o, "title", NULL);
    rec.index = line;

    char pub[48], idbuf[32];
    size_t pl = 0;
    const char *published = str_field(o, "published", &pl);
    long long t = -1;
    if (published && pl)
        rec.published = nf__date_to_iso(published, pl, pub, sizeof pub) ? pub : published;
    else if (int_field(o, "published", &t) && t >= 0 && t < 253402300800LL) {
        nf_date d;
        memset(&d, 0, sizeof d);
        nf_date_from_days((long)(t / 86400), &d.year, &d.month, &d.day);
        d.hour = (int)(t % 86400 / 3600);
        d.min = (int)(t % 3600 / 60);
        d.sec = (int)(t % 60);
        d.has_tz = true;
        d.gran = NF_GRAN_TIME;
        nf_date_format(&d, pub, sizeof pub);
        rec.published = pub;
    }
    size_t il = 0;
    const char *idv = str_field(o, "id", &il);
    long long idn;
    if (idv && il)
        rec.id = idv;
    else if (!idv && int_field(o, "id", &idn)) {
        snprintf(idbuf, sizeof idbuf, "%lld", idn);
        rec.id = idbuf;
    }
    nf__job_emit(j, &rec);
}

void nf__jsonl_read(nf__job *j)
{
    nf__in *in = j->in;
    size_t line = 0;
    while (j->cb == NF_OK) {
        size_t a = nf__in_fill(in, 1);
        if (a == 0) {
            if (!in->brk)
                break;
            nf__job_problem(j, NF_ERR_PARSE, true, "after line %zu: %s", line, in->brk_why);
            if (!nf__in_resume(in))
                break;
            continue;
        }
        line++;
        /* the line end, growing the buffer to the line's length */
        size_t scanned = 0;
        const char *nl = NULL;
        for (;;) {
            nl = memchr(nf__in_ptr(in) + scanned, '\n', a - scanned);
            if (nl || in->eof || in->brk || a > j->max_doc)
                break;
            scanned = a;
            size_t want = a + (a < 65536 ? 65536 : a);
            if (want > j->max_doc + 1)
                want = j->max_doc + 1;
            a = nf__in_fill(in, want);
        }
        if (!nl && a > j->max_doc) {
            nf__job_problem(j, NF_ERR_TOOBIG, true, "line %zu: longer than %zu bytes, skipped",
                            line, j->max_doc);
            /* drop the rest of the line without keeping it */
            for (;;) {
                a = nf__in_avail(in);
                const char *e = memchr(nf__in_ptr(in), '\n', a);
                if (e) {
                    nf__in_skip(in, (size_t)(e - nf__in_ptr(in)) + 1);
                    break;
                }
                nf__in_skip(in, a);
                if (nf__in_fill(in, 65536) == 0)
                    break;
            }
            nf__in_shrink(in);
            continue;
        }
        const char *s = nf__in_ptr(in);
        size_t n = nl ? (size_t)(nl - s) : a;
        if (!nl && in->brk) {
            nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: %s inside the line", line,
                            in->brk_why);
            nf__in_resume(in);
            continue;
        }
        size_t b = 0, e = n;
        if (line == 1 && e >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            b = 3;
        while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
            e--;
        if (e > b)
            one_line(j, line, s + b, e - b);
        nf__in_skip(in, nl ? n + 1 : n);
        nf__in_shrink(in);
    }
}
