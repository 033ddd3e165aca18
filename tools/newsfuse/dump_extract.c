/* The `extract` stage dump for spec tests and `newsfuse dump extract`: metadata lines, then
 * every body paragraph and removed piece in page order, one per line:
 *   title<TAB>…   published<TAB>2026-03-12 [estimated]   source<TAB>…   language<TAB>en
 *   body<TAB>paragraph   (heading<TAB>… for a section heading)
 *   <reason><TAB>removed text */
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "newsfuse/newsfuse.h"

typedef struct {
    size_t src;
    int order;
    const char *kind;
    const char *text;
    size_t len;
} item;

static int item_cmp(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    return a->order - b->order;
}

static void put_escaped(nf_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            nf_buf_puts(out, "\\n");
        else if (s[i] == '\t')
            nf_buf_puts(out, "\\t");
        else
            nf_buf_putc(out, s[i]);
    }
}

nf_status nf__dump_extract(const char *input, size_t len, nf_buf *out, const char **err)
{
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "spec";
    rec.path = "spec";
    rec.data = input;
    rec.len = len;
    rec.kind = nf_ingest_sniff(input, len, NULL);
    nf_doc *doc;
    nf_status st = nf_extract(&rec, NULL, &doc);
    if (st != NF_OK) {
        nf_buf_printf(out, "error\t%s\n", nf_status_str(st));
        return NF_OK; /* an error is a result the spec can expect */
    }
    (void)err;
    char ds[40];
    nf_date_format(&doc->published, ds, sizeof ds);
    nf_buf_puts(out, "title\t");
    if (doc->title)
        put_escaped(out, doc->title, strlen(doc->title));
    nf_buf_printf(out, "\npublished\t%s%s\nsource\t", ds,
                  doc->published_estimated ? " estimated" : "");
    if (doc->source)
        put_escaped(out, doc->source, strlen(doc->source));
    nf_buf_printf(out, "\nlanguage\t%s\n", doc->lang);
    size_t n = doc->n_paras + doc->n_removed;
    item *it = nf_xcalloc(n + 1, sizeof *it);
    size_t k = 0;
    int order = 0;
    for (size_t i = 0; i < doc->n_paras; i++, k++)
        it[k] = (item){doc->paras[i].src_start, order++, doc->paras[i].heading ? "heading" : "body",
                       doc->text + doc->paras[i].start, doc->paras[i].end - doc->paras[i].start};
    for (size_t i = 0; i < doc->n_removed; i++, k++)
        it[k] = (item){doc->removed[i].src_start, order++, nf_reason_str(doc->removed[i].reason),
                       doc->removed[i].text, doc->removed[i].len};
    /* a dateline cut from a paragraph shares its start: removed piece first */
    for (size_t i = 0; i < n; i++)
        if (strcmp(it[i].kind, "body") && strcmp(it[i].kind, "heading"))
            it[i].order -= 100000;
    qsort(it, n, sizeof *it, item_cmp);
    for (size_t i = 0; i < n; i++) {
        nf_buf_printf(out, "%s\t", it[i].kind);
        put_escaped(out, it[i].text, it[i].len);
        nf_buf_putc(out, '\n');
    }
    free(it);
    nf_doc_free(doc);
    return NF_OK;
}
