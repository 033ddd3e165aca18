/* `newsfuse facts --timex-at FILE`: the times of the listed articles are the given extents,
 * each normalised alone (nf_facts_times_at), for scoring normalisation on gold extents
 * (bench/facts/tempeval.py). FILE: one extent per line, `ID<TAB>START<TAB>END`, START and
 * END character offsets into the article's text as `facts` prints them; lines of one
 * article in text order. Articles not listed keep their own times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "newsfuse/newsfuse.h"

typedef struct {
    char *id;
    size_t start, end, line;
} span_row;

struct nf_timex_at {
    char *data; /* the file; ids point into it */
    span_row *rows;
    size_t n;
};

static int row_cmp(const void *a, const void *b)
{
    const span_row *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

nf_timex_at *nf_timex_at_load(const char *path)
{
    char *data;
    size_t len;
    const char *why;
    if (nf_file_read(path, &data, &len, &why) != NF_OK) {
        fprintf(stderr, "newsfuse: --timex-at %s: %s\n", path, why);
        return NULL;
    }
    nf_timex_at *ta = nf_xcalloc(1, sizeof *ta);
    ta->data = data;
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += data[i] == '\n';
    ta->rows = nf_xcalloc(cap, sizeof *ta->rows);
    for (char *p = data, *end = data + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        *nl = '\0';
        char *t1 = strchr(p, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (t1 && t2) {
            *t1 = '\0';
            span_row *r = &ta->rows[ta->n];
            r->id = p;
            r->start = strtoul(t1 + 1, NULL, 10);
            r->end = strtoul(t2 + 1, NULL, 10);
            r->line = ta->n++;
        } else if (*p) {
            fprintf(stderr, "newsfuse: --timex-at %s: line %zu is not ID<TAB>START<TAB>END\n",
                    path, ta->n + 1);
            nf_timex_at_free(ta);
            return NULL;
        }
        p = nl + 1;
    }
    qsort(ta->rows, ta->n, sizeof *ta->rows, row_cmp);
    return ta;
}

void nf_timex_at_apply(const nf_timex_at *ta, nf_doc *doc, const char *dct, nf_facts *f)
{
    if (!ta || !doc->id)
        return;
    size_t lo = 0, hi = ta->n;
    while (lo < hi) { /* the first row of this id */
        size_t mid = (lo + hi) / 2;
        if (strcmp(ta->rows[mid].id, doc->id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < ta->n && !strcmp(ta->rows[k].id, doc->id))
        k++;
    size_t ns = k - lo;
    nf_date d = doc->published;
    if (d.gran == NF_GRAN_NONE && dct)
        nf_date_parse_iso(dct, strlen(dct), &d);
    size_t *spans = nf_xcalloc(2 * ns + 1, sizeof *spans);
    size_t pos = 0, at = 0;
    for (size_t j = 0; j < ns; j++) {
        const span_row *r = &ta->rows[lo + j];
        spans[2 * j] = nf_utf8_byte_at(doc->text, doc->text_len, r->start, &pos, &at);
        spans[2 * j + 1] = nf_utf8_byte_at(doc->text, doc->text_len, r->end, &pos, &at);
    }
    f->n_times = 0;
    nf_facts_times_at(doc, &d, spans, ns, f);
    free(spans);
}

void nf_timex_at_free(nf_timex_at *ta)
{
    if (!ta)
        return;
    free(ta->rows);
    free(ta->data);
    free(ta);
}
