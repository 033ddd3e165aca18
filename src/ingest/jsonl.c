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

static const char *str_field(json_t *o, const char *key, size_t *len)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

static void one_line(nf__job *j, size_t line, const char *s, size_t n)
{
    json_error_t err;
    json_t *o = json_loadb(s, n, 0, &err);
    if (!o) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: invalid JSON: %s (column %d)", line,
                        err.text, err.column);
        return;
    }
    if (!json_is_object(o)) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: not a JSON object", line);
        json_decref(o);
        return;
    }
    size_t hl = 0, tl = 0;
    const char *html = str_field(o, "html", &hl), *text = str_field(o, "text", &tl);
    if (!html && !text) {
        nf__job_problem(j, NF_ERR_PARSE, true, "line %zu: no \"html\" or \"text\" field", line);
        json_decref(o);
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
        json_decref(o);
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
    json_t *pv = json_object_get(o, "published");
    if (published && pl)
        rec.published = nf__date_to_iso(published, pl, pub, sizeof pub) ? pub : published;
    else if (json_is_integer(pv) && json_integer_value(pv) >= 0 &&
             json_integer_value(pv) < 253402300800LL) {
        long long t = json_integer_value(pv);
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
    json_t *idv = json_object_get(o, "id");
    if (json_is_string(idv) && json_string_length(idv))
        rec.id = json_string_value(idv);
    else if (json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        rec.id = idbuf;
    }
    nf__job_emit(j, &rec);
    json_decref(o);
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
