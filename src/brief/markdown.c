/* Markdown writers: a readable brief with source marks [n] that point into a numbered
 * sources list (per story: summary, claims with status and variants, disagreements with each
 * side's evidence, timeline, quotes by speaker), and a per-article view for `newsfuse extract --format md`. Text from
 * articles is escaped so that it cannot inject Markdown structure. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "brief_int.h"

/* Appends s with Markdown's active characters escaped (inline context). */
static void md_textn(nf_buf *out, const char *s, size_t n)
{
    for (const char *e = s + n; s && s < e && *s; s++) {
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

static void md_text(nf_buf *out, const char *s) { md_textn(out, s, s ? strlen(s) : 0); }

#define MD_MAX_CLAIMS 12
#define MD_MAX_EVENTS 15
#define MD_MAX_QUOTES 10
#define MD_MAX_DIS 10      /* disagreements shown per story */
#define MD_MAX_MARKS 12    /* source marks on one line; "+N more" beyond */
#define MD_MAX_VARIANTS 8  /* distinct wordings shown per claim */

/* " [1][3]": source marks, sorted, for doc indexes; at most MD_MAX_MARKS, then "+N more". */
static void marks(nf_buf *out, const size_t *arts, size_t n)
{
    size_t m[MD_MAX_MARKS], nm = 0;
    for (size_t j = 0; j < n && nm < MD_MAX_MARKS; j++)
        m[nm++] = arts[j] + 1;
    qsort(m, nm, sizeof m[0], nf_size_cmp);
    nf_buf_putc(out, ' ');
    for (size_t j = 0; j < nm; j++)
        nf_buf_printf(out, "[%zu]", m[j]);
    if (n > nm)
        nf_buf_printf(out, " +%zu more", n - nm);
}

/* Claims, disagreements, timeline and quotes of one story; capped, the rest is in JSON. */
static void reconciled_md(nf_buf *out, const nf_reconciled *r)
{
    if (r->n_claims) {
        nf_buf_puts(out, "\n### Claims\n\n");
        for (size_t i = 0; i < r->n_claims && i < MD_MAX_CLAIMS; i++) {
            const nf_rec_claim *c = &r->claims[i];
            nf_buf_printf(out, "- **%s**: ", nf_claim_status_str(c->status));
            md_text(out, c->variants[0].text);
            if (c->subject) {
                nf_buf_puts(out, " (");
                md_text(out, c->subject);
                nf_buf_putc(out, ')');
            }
            if (c->attributed_to) {
                nf_buf_puts(out, ", according to ");
                md_text(out, c->attributed_to);
            }
            marks(out, c->arts, c->n_arts);
            if (c->n_arts > 1)
                nf_buf_printf(out, ", %zu outlet%s", c->n_outlets, c->n_outlets == 1 ? "" : "s");
            nf_buf_putc(out, '\n');
            bool differ = false;
            for (size_t j = 1; j < c->n_variants; j++)
                differ |= strcmp(c->variants[j].text, c->variants[0].text) != 0;
            if (differ) {
                /* each distinct wording once, with the articles that write it */
                nf_buf_puts(out, "  - as written:");
                size_t shown = 0, distinct = 0;
                for (size_t j = 0; j < c->n_variants; j++) {
                    bool seen = false; /* among the first 64 (bounded work) */
                    for (size_t k = 0; k < j && k < 64 && !seen; k++)
                        seen = !strcmp(c->variants[k].text, c->variants[j].text);
                    if (seen)
                        continue;
                    distinct++;
                    if (shown >= MD_MAX_VARIANTS)
                        continue;
                    nf_buf_puts(out, shown++ ? "; \u201c" : " \u201c");
                    md_text(out, c->variants[j].text);
                    nf_buf_puts(out, "\u201d");
                    size_t *arts = nf_xmalloc((c->n_variants + 1) * sizeof(size_t)), na = 0;
                    for (size_t k = j; k < c->n_variants; k++)
                        if (!strcmp(c->variants[k].text, c->variants[j].text))
                            arts[na++] = c->variants[k].art;
                    marks(out, arts, na);
                    free(arts);
                }
                if (distinct > shown)
                    nf_buf_printf(out, "; %zu more wordings in the JSON brief", distinct - shown);
                nf_buf_putc(out, '\n');
            }
        }
        if (r->n_claims > MD_MAX_CLAIMS)
            nf_buf_printf(out, "- and %zu more in the JSON brief\n", r->n_claims - MD_MAX_CLAIMS);
    }
    if (r->n_disagreements) {
        nf_buf_puts(out, "\n### Disagreements\n\n");
        for (size_t i = 0; i < r->n_disagreements && i < MD_MAX_DIS; i++) {
            const nf_rec_disagreement *d = &r->disagreements[i];
            nf_buf_printf(out, "- **%s**: ", nf_dis_kind_str(d->kind));
            md_text(out, d->description);
            nf_buf_putc(out, '\n');
            /* each evidence sentence once, with the articles that carry it */
            bool *done = nf_xcalloc(d->n_evidence + 1, 1);
            for (size_t j = 0; j < d->n_evidence; j++) {
                if (done[j])
                    continue;
                const char *t = d->evidence[j].text ? d->evidence[j].text : "";
                size_t *arts = nf_xmalloc((d->n_evidence + 1) * sizeof(size_t)), na = 0;
                for (size_t k = j; k < d->n_evidence; k++)
                    if (!done[k] && !strcmp(t, d->evidence[k].text ? d->evidence[k].text : ""))
                        done[k] = true, arts[na++] = d->evidence[k].art;
                nf_buf_puts(out, "  -");
                marks(out, arts, na);
                nf_buf_putc(out, ' ');
                md_text(out, t);
                nf_buf_putc(out, '\n');
                free(arts);
            }
            free(done);
        }
        if (r->n_disagreements > MD_MAX_DIS)
            nf_buf_printf(out, "- and %zu more in the JSON brief\n", r->n_disagreements - MD_MAX_DIS);
    }
    if (r->n_timeline) {
        nf_buf_puts(out, "\n### Timeline\n\n");
        /* the events most sources carry, shown oldest first */
        size_t shown = 0, need = 1;
        while (need < 64) {
            size_t c = 0;
            for (size_t i = 0; i < r->n_timeline; i++)
                c += r->timeline[i].n_arts >= need;
            if (c <= MD_MAX_EVENTS)
                break;
            need++;
        }
        for (size_t i = 0; i < r->n_timeline; i++) {
            const nf_rec_event *e = &r->timeline[i];
            if (e->n_arts < need || shown >= MD_MAX_EVENTS)
                continue;
            shown++;
            nf_buf_printf(out, "- **%s** ", e->date);
            nf__event_text(out, e, md_textn, "**", "**"); /* the date expression in bold */
            marks(out, e->arts, e->n_arts);
            nf_buf_putc(out, '\n');
        }
    }
    size_t *order = nf_xmalloc((r->n_quotes + 1) * sizeof *order);
    size_t nq = nf__quotes_by_speaker(r, MD_MAX_QUOTES, order);
    if (nq)
        nf_buf_puts(out, "\n### Quotes\n\n");
    for (size_t k = 0; k < nq; k++) {
        const nf_rec_quote *o = &r->quotes[order[k]];
        if (k == 0 || strcmp(o->speaker, r->quotes[order[k - 1]].speaker)) {
            nf_buf_puts(out, "- **");
            md_text(out, o->speaker);
            nf_buf_puts(out, "**\n");
        }
        nf_buf_puts(out, "  - \u201c");
        md_text(out, o->text);
        nf_buf_puts(out, "\u201d");
        marks(out, o->arts, o->n_arts);
        nf_buf_putc(out, '\n');
    }
    free(order);
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
        nf__brief_date_str(&v->first, d1, sizeof d1);
        nf__brief_date_str(&v->last, d2, sizeof d2);
        nf_buf_puts(out, "\n## ");
        md_text(out, v->headline);
        nf_buf_printf(out, "\n\n*%s · %zu article%s from %zu outlet%s · %s%s%s · language%s: %s*\n\n",
                      v->id, v->n_arts, v->n_arts == 1 ? "" : "s", v->n_outlets,
                      v->n_outlets == 1 ? "" : "s", d1, strcmp(d1, d2) ? " to " : "",
                      strcmp(d1, d2) ? d2 : "", strchr(v->langs, ',') ? "s" : "", v->langs);
        for (size_t i = 0; i < v->n_summary; i++) {
            nf_buf_puts(out, "- ");
            md_text(out, v->summary[i].text);
            marks(out, v->summary[i].arts, v->summary[i].n_arts);
            nf_buf_putc(out, '\n');
        }
        reconciled_md(out, &v->rec);
        nf_buf_puts(out, "\nSources: ");
        for (size_t i = 0; i < v->n_arts && i < 4 * MD_MAX_MARKS; i++)
            nf_buf_printf(out, "%s[%zu]", i ? " " : "", v->arts[i] + 1);
        if (v->n_arts > 4 * MD_MAX_MARKS)
            nf_buf_printf(out, " and %zu more", v->n_arts - 4 * MD_MAX_MARKS);
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
        nf__brief_date_str(&d->published, ds, sizeof ds);
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
    nf__brief_date_str(&doc->published, ds, sizeof ds);
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
