/* Markdown writers: a readable brief with source marks [n] that point into a numbered
 * sources list, and a per-article view for `newsfuse extract --format md`. Text from
 * articles is escaped so that it cannot inject Markdown structure. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "brief_int.h"

/* Appends s with Markdown's active characters escaped (inline context). */
static void md_text(nf_buf *out, const char *s)
{
    for (; s && *s; s++) {
        char c = *s;
        if (c == '\n') {
            nf_buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\`*_[]<>#|~", c))
            nf_buf_putc(out, '\\');
        nf_buf_putc(out, c);
    }
}

static int size_cmp(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static void date_str(const nf_date *d, char *buf, size_t cap)
{
    if (d->gran == NF_GRAN_NONE) {
        snprintf(buf, cap, "undated");
        return;
    }
    nf_date copy = *d;
    if (copy.gran == NF_GRAN_TIME)
        copy.gran = NF_GRAN_DAY;
    nf_date_format(&copy, buf, cap);
}

nf_status nf__brief_md(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                       const nf__story_view *views)
{
    nf_buf_printf(out, "# newsfuse brief\n\n%zu article%s, %zu stor%s.\n", n, n == 1 ? "" : "s",
                  c->n, c->n == 1 ? "y" : "ies");
    /* source numbers: articles in input order */
    for (size_t k = 0; k < c->n; k++) {
        const nf__story_view *v = &views[k];
        char d1[40], d2[40];
        date_str(&v->first, d1, sizeof d1);
        date_str(&v->last, d2, sizeof d2);
        nf_buf_puts(out, "\n## ");
        md_text(out, v->headline);
        nf_buf_printf(out, "\n\n*%s · %zu article%s from %zu outlet%s · %s%s%s · language%s: %s*\n\n",
                      v->id, v->n_arts, v->n_arts == 1 ? "" : "s", v->n_outlets,
                      v->n_outlets == 1 ? "" : "s", d1, strcmp(d1, d2) ? " to " : "",
                      strcmp(d1, d2) ? d2 : "", strchr(v->langs, ',') ? "s" : "", v->langs);
        for (size_t i = 0; i < v->n_summary; i++) {
            nf_buf_puts(out, "- ");
            md_text(out, v->summary[i].text);
            nf_buf_putc(out, ' ');
            size_t marks[64], nm = 0;
            for (size_t j = 0; j < v->summary[i].n_arts && nm < 64; j++)
                marks[nm++] = v->summary[i].arts[j] + 1;
            qsort(marks, nm, sizeof marks[0], size_cmp);
            for (size_t j = 0; j < nm; j++)
                nf_buf_printf(out, "[%zu]", marks[j]);
            nf_buf_putc(out, '\n');
        }
        nf_buf_puts(out, "\nSources: ");
        for (size_t i = 0; i < v->n_arts; i++)
            nf_buf_printf(out, "%s[%zu]", i ? " " : "", v->arts[i] + 1);
        nf_buf_putc(out, '\n');
        if (v->n_related) {
            nf_buf_puts(out, "Related stories: ");
            for (size_t i = 0; i < v->n_related; i++)
                nf_buf_printf(out, "%s%s (", i ? "; " : "", views[v->related[i]].id),
                    md_text(out, views[v->related[i]].headline), nf_buf_putc(out, ')');
            nf_buf_putc(out, '\n');
        }
    }
    nf_buf_puts(out, "\n## Sources\n\n");
    for (size_t i = 0; i < n; i++) {
        const nf_doc *d = docs[i];
        char ds[40];
        date_str(&d->published, ds, sizeof ds);
        nf_buf_printf(out, "%zu. ", i + 1);
        md_text(out, d->title ? d->title : "(no title)");
        nf_buf_puts(out, " — ");
        md_text(out, d->source ? d->source : "unknown outlet");
        nf_buf_printf(out, ", %s%s, %s, `%s` (%zu paragraphs kept, %zu pieces removed)\n", ds,
                      d->published_estimated ? " (estimated)" : "", d->lang, d->id, d->n_paras,
                      d->n_removed);
    }
    return NF_OK;
}

nf_status nf__article_md(nf_buf *out, const nf_doc *doc)
{
    char ds[40];
    date_str(&doc->published, ds, sizeof ds);
    nf_buf_puts(out, "## ");
    md_text(out, doc->title ? doc->title : "(no title)");
    nf_buf_printf(out, "\n\n*`%s` · ", doc->id);
    md_text(out, doc->source ? doc->source : "unknown outlet");
    nf_buf_printf(out, " · %s%s · %s*\n\n", ds, doc->published_estimated ? " (estimated)" : "",
                  doc->lang);
    for (size_t i = 0; i < doc->n_paras; i++) {
        const nf_para *p = &doc->paras[i];
        if (p->heading)
            nf_buf_puts(out, "### ");
        char *t = nf_xstrndup(doc->text + p->start, p->end - p->start);
        md_text(out, t);
        free(t);
        nf_buf_puts(out, "\n\n");
    }
    if (doc->n_removed) {
        nf_buf_printf(out, "<details><summary>%zu pieces removed</summary>\n\n", doc->n_removed);
        for (size_t i = 0; i < doc->n_removed; i++) {
            nf_buf_printf(out, "- **%s**: ", nf_reason_str(doc->removed[i].reason));
            md_text(out, doc->removed[i].text);
            nf_buf_putc(out, '\n');
        }
        nf_buf_puts(out, "\n</details>\n\n");
    }
    return NF_OK;
}
