/* HTML writer: one self-contained page (inline CSS, no scripts, no external resources) with
 * the same structure as the Markdown brief: per story a headline, a meta line, the summary
 * with source marks linking into the sources list, a claims table with status badges and
 * each outlet's wording, disagreements side by side, the timeline, quotes by speaker and
 * related stories; then the numbered sources list.
 *
 * Everything that comes from an article (titles, sentences, names, ids, URLs) is untrusted:
 * it goes through esc(), and a URL becomes a link only when its scheme is http or https. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "brief_int.h"

/* Appends s with & < > " ' escaped (safe in text and in quoted attributes). */
static void escn(nf_buf *out, const char *s, size_t n)
{
    for (const char *e = s + n; s && s < e && *s; s++) {
        switch (*s) {
        case '&': nf_buf_puts(out, "&amp;"); break;
        case '<': nf_buf_puts(out, "&lt;"); break;
        case '>': nf_buf_puts(out, "&gt;"); break;
        case '"': nf_buf_puts(out, "&quot;"); break;
        case '\'': nf_buf_puts(out, "&#39;"); break;
        case '\n': nf_buf_putc(out, ' '); break;
        default: nf_buf_putc(out, *s);
        }
    }
}

static void esc(nf_buf *out, const char *s) { escn(out, s, s ? strlen(s) : 0); }

static void mark(nf_buf *out, size_t art)
{
    nf_buf_printf(out, "<a class=\"m\" href=\"#src-%zu\">[%zu]</a>", art + 1, art + 1);
}

#define HTML_MAX_MARKS 12    /* source marks in one place; "+N more" beyond */
#define HTML_MAX_VARIANTS 8  /* distinct wordings shown per claim */
#define HTML_MAX_DIS 10      /* disagreements shown per story */

/* " [1][3]": source marks, sorted, linking into the sources list; at most cap of them. */
static void marks_cap(nf_buf *out, const size_t *arts, size_t n, size_t cap)
{
    size_t *m = nf_xmalloc((cap + 1) * sizeof(size_t)), nm = 0;
    for (size_t j = 0; j < n && nm < cap; j++)
        m[nm++] = arts[j];
    qsort(m, nm, sizeof m[0], nf_size_cmp);
    nf_buf_putc(out, ' ');
    for (size_t j = 0; j < nm; j++)
        if (!j || m[j] != m[j - 1])
            mark(out, m[j]);
    if (n > nm)
        nf_buf_printf(out, " <small>+%zu more</small>", n - nm);
    free(m);
}

static void marks(nf_buf *out, const size_t *arts, size_t n)
{
    marks_cap(out, arts, n, HTML_MAX_MARKS);
}

static const char *status_class(nf_claim_status s)
{
    switch (s) {
    case NF_CLAIM_CORROBORATED: return "ok";
    case NF_CLAIM_DISPUTED: return "bad";
    default: return "one";
    }
}

static bool http_url(const char *u)
{
    return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

#define HTML_MAX_CLAIMS 20
#define HTML_MAX_EVENTS 20
#define HTML_MAX_QUOTES 20

static void claims_html(nf_buf *out, const nf_reconciled *r)
{
    if (!r->n_claims)
        return;
    nf_buf_puts(out, "<h3>Claims</h3>\n<table class=\"claims\">\n"
                     "<tr><th>Status</th><th>Claim</th><th>Sources</th><th>As written</th></tr>\n");
    for (size_t i = 0; i < r->n_claims && i < HTML_MAX_CLAIMS; i++) {
        const nf_rec_claim *c = &r->claims[i];
        const char *st = nf_claim_status_str(c->status);
        nf_buf_printf(out, "<tr><td><span class=\"badge %s\">", status_class(c->status));
        esc(out, st);
        nf_buf_puts(out, "</span></td><td>");
        esc(out, c->n_variants ? c->variants[0].text : c->text);
        if (c->subject) {
            nf_buf_puts(out, " <span class=\"sub\">(");
            esc(out, c->subject);
            nf_buf_puts(out, ")</span>");
        }
        if (c->attributed_to) {
            nf_buf_puts(out, ", according to ");
            esc(out, c->attributed_to);
        }
        nf_buf_puts(out, "</td><td>");
        marks(out, c->arts, c->n_arts);
        nf_buf_printf(out, "<br><small>%zu outlet%s</small></td><td><ul class=\"var\">",
                      c->n_outlets, c->n_outlets == 1 ? "" : "s");
        /* each distinct wording once (the first 64 compared), with the articles that write it */
        size_t shown = 0, distinct = 0;
        size_t *arts = nf_xmalloc((c->n_variants + 1) * sizeof(size_t));
        for (size_t j = 0; j < c->n_variants; j++) {
            const nf_rec_variant *v = &c->variants[j];
            bool seen = false;
            for (size_t k = 0; k < j && k < 64 && !seen; k++)
                seen = !strcmp(c->variants[k].text, v->text);
            if (seen)
                continue;
            if (distinct++ >= HTML_MAX_VARIANTS)
                continue;
            shown++;
            size_t na = 0;
            for (size_t k = j; k < c->n_variants; k++)
                if (!strcmp(c->variants[k].text, v->text))
                    arts[na++] = c->variants[k].art;
            nf_buf_puts(out, "<li><b>");
            esc(out, v->text);
            nf_buf_puts(out, "</b>");
            if (v->qualifier) {
                nf_buf_puts(out, " (");
                esc(out, v->qualifier);
                nf_buf_putc(out, ')');
            }
            if (na == 1) {
                nf_buf_putc(out, ' ');
                mark(out, v->art);
            } else {
                marks(out, arts, na);
            }
            if (v->sentence) {
                nf_buf_puts(out, "<br><q>");
                esc(out, v->sentence);
                nf_buf_puts(out, "</q>");
            }
            nf_buf_puts(out, "</li>");
        }
        free(arts);
        if (distinct > shown)
            nf_buf_printf(out, "<li>%zu more wordings in the JSON brief</li>", distinct - shown);
        nf_buf_puts(out, "</ul></td></tr>\n");
    }
    nf_buf_puts(out, "</table>\n");
    if (r->n_claims > HTML_MAX_CLAIMS)
        nf_buf_printf(out, "<p class=\"more\">and %zu more claims in the JSON brief</p>\n",
                      r->n_claims - HTML_MAX_CLAIMS);
}

/* One column per side: evidence items with the same sentence share a column. */
static void disagreements_html(nf_buf *out, const nf_reconciled *r)
{
    if (!r->n_disagreements)
        return;
    nf_buf_puts(out, "<h3>Disagreements</h3>\n");
    for (size_t i = 0; i < r->n_disagreements && i < HTML_MAX_DIS; i++) {
        const nf_rec_disagreement *d = &r->disagreements[i];
        nf_buf_puts(out, "<div class=\"dis\"><p><span class=\"badge kind\">");
        esc(out, nf_dis_kind_str(d->kind));
        nf_buf_puts(out, "</span> ");
        esc(out, d->description);
        nf_buf_puts(out, "</p>\n<div class=\"sides\">");
        bool *done = calloc(d->n_evidence + 1, 1);
        for (size_t j = 0; j < d->n_evidence; j++) {
            if (done[j])
                continue;
            const char *t = d->evidence[j].text ? d->evidence[j].text : "";
            nf_buf_puts(out, "<div class=\"side\"><p>");
            esc(out, t);
            nf_buf_puts(out, "</p><p>");
            size_t *arts = nf_xmalloc((d->n_evidence + 1) * sizeof(size_t)), na = 0;
            for (size_t k = j; k < d->n_evidence; k++) {
                const char *u = d->evidence[k].text ? d->evidence[k].text : "";
                if (done[k] || strcmp(t, u))
                    continue;
                done[k] = true;
                arts[na++] = d->evidence[k].art;
            }
            if (na == 1)
                mark(out, arts[0]);
            else
                marks(out, arts, na);
            free(arts);
            nf_buf_puts(out, "</p></div>");
        }
        free(done);
        nf_buf_puts(out, "</div></div>\n");
    }
    if (r->n_disagreements > HTML_MAX_DIS)
        nf_buf_printf(out, "<p class=\"more\">and %zu more disagreements in the JSON brief</p>\n",
                      r->n_disagreements - HTML_MAX_DIS);
}

static void timeline_html(nf_buf *out, const nf_reconciled *r)
{
    if (!r->n_timeline)
        return;
    /* the events most sources carry, oldest first */
    size_t shown = 0, need = 1;
    while (need < 64) {
        size_t c = 0;
        for (size_t i = 0; i < r->n_timeline; i++)
            c += r->timeline[i].n_arts >= need;
        if (c <= HTML_MAX_EVENTS)
            break;
        need++;
    }
    nf_buf_puts(out, "<h3>Timeline</h3>\n<ol class=\"tl\">\n");
    for (size_t i = 0; i < r->n_timeline; i++) {
        const nf_rec_event *e = &r->timeline[i];
        if (e->n_arts < need || shown >= HTML_MAX_EVENTS)
            continue;
        shown++;
        nf_buf_puts(out, "<li><time>");
        esc(out, e->date);
        nf_buf_puts(out, "</time> ");
        nf__event_text(out, e, escn, "<b>", "</b>"); /* the date expression marked */
        marks(out, e->arts, e->n_arts);
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ol>\n");
}

static void quotes_html(nf_buf *out, const nf_reconciled *r)
{
    size_t *order = nf_xmalloc((r->n_quotes + 1) * sizeof *order);
    size_t nq = nf__quotes_by_speaker(r, HTML_MAX_QUOTES, order);
    if (!nq) {
        free(order);
        return;
    }
    nf_buf_puts(out, "<h3>Quotes</h3>\n<dl class=\"quotes\">\n");
    for (size_t k = 0; k < nq; k++) {
        const nf_rec_quote *o = &r->quotes[order[k]];
        if (k == 0 || strcmp(o->speaker, r->quotes[order[k - 1]].speaker)) {
            nf_buf_puts(out, "<dt>");
            esc(out, o->speaker);
            nf_buf_puts(out, "</dt>\n");
        }
        nf_buf_puts(out, "<dd><q>");
        esc(out, o->text);
        nf_buf_puts(out, "</q>");
        marks(out, o->arts, o->n_arts);
        nf_buf_puts(out, "</dd>\n");
    }
    free(order);
    nf_buf_puts(out, "</dl>\n");
}

static const char *css =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:62rem;margin:0 auto;padding:1rem;"
    "color:#1d1d1f;background:#fff}\n"
    "h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}\n"
    ".meta{color:#555;font-size:.9rem}.sub{color:#555}small{color:#666}\n"
    "a.m{text-decoration:none;font-size:.8rem;vertical-align:super;color:#0b5cad}\n"
    "table.claims{border-collapse:collapse;width:100%;font-size:.92rem}\n"
    "table.claims th,table.claims td{border:1px solid #ddd;padding:.35rem .5rem;"
    "vertical-align:top;text-align:left}\n"
    "ul.var{margin:0;padding-left:1rem}q{color:#444}\n"
    ".badge{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-size:.78rem;"
    "font-weight:600;white-space:nowrap}\n"
    ".badge.ok{background:#d8f3dc;color:#1b5e20}.badge.one{background:#fff3cd;color:#7a5a00}"
    ".badge.bad{background:#fde2e1;color:#a4161a}.badge.kind{background:#e7e7ee;color:#333}\n"
    ".dis{border-left:4px solid #e5383b;padding-left:.7rem;margin:1rem 0}\n"
    ".sides{display:flex;gap:.8rem;flex-wrap:wrap}.side{flex:1 1 14rem;background:#f6f6f8;"
    "border-radius:.4rem;padding:.2rem .7rem}\n"
    "ol.tl time{font-weight:600;font-variant-numeric:tabular-nums;margin-right:.4rem}\n"
    "dl.quotes dt{font-weight:600;margin-top:.5rem}dl.quotes dd{margin-left:1.2rem}\n"
    "ol.src li{margin:.2rem 0}ol.src li:target{background:#fff3cd}code{font-size:.85rem}\n";

nf_status nf__brief_html(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         const nf__story_view *views)
{
    nf_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>newsfuse brief</title>\n<style>\n");
    nf_buf_puts(out, css);
    nf_buf_puts(out, "</style>\n</head>\n<body>\n<main>\n<h1>newsfuse brief</h1>\n");
    nf_buf_printf(out, "<p class=\"meta\">%zu article%s, %zu stor%s.</p>\n", n,
                  n == 1 ? "" : "s", c->n, c->n == 1 ? "y" : "ies");
    for (size_t k = 0; k < c->n; k++) {
        const nf__story_view *v = &views[k];
        char d1[40], d2[40];
        nf__brief_date_str(&v->first, d1, sizeof d1);
        nf__brief_date_str(&v->last, d2, sizeof d2);
        nf_buf_puts(out, "<section class=\"story\" id=\"");
        esc(out, v->id);
        nf_buf_puts(out, "\">\n<h2>");
        esc(out, v->headline);
        nf_buf_puts(out, "</h2>\n<p class=\"meta\">");
        esc(out, v->id);
        nf_buf_printf(out, " · %zu article%s from %zu outlet%s · ", v->n_arts,
                      v->n_arts == 1 ? "" : "s", v->n_outlets, v->n_outlets == 1 ? "" : "s");
        esc(out, d1);
        if (strcmp(d1, d2)) {
            nf_buf_puts(out, " to ");
            esc(out, d2);
        }
        nf_buf_printf(out, " · language%s: ", strchr(v->langs, ',') ? "s" : "");
        esc(out, v->langs);
        nf_buf_puts(out, "</p>\n");
        if (v->n_summary) {
            nf_buf_puts(out, "<ul class=\"summary\">\n");
            for (size_t i = 0; i < v->n_summary; i++) {
                nf_buf_puts(out, "<li>");
                esc(out, v->summary[i].text);
                marks(out, v->summary[i].arts, v->summary[i].n_arts);
                nf_buf_puts(out, "</li>\n");
            }
            nf_buf_puts(out, "</ul>\n");
        }
        claims_html(out, &v->rec);
        disagreements_html(out, &v->rec);
        timeline_html(out, &v->rec);
        quotes_html(out, &v->rec);
        nf_buf_puts(out, "<p class=\"meta\">Sources:");
        marks_cap(out, v->arts, v->n_arts, 4 * HTML_MAX_MARKS);
        nf_buf_puts(out, "</p>\n");
        if (v->n_related) {
            nf_buf_puts(out, "<p class=\"meta\">Related stories: ");
            for (size_t i = 0; i < v->n_related; i++) {
                const nf__story_view *rv = &views[v->related[i]];
                nf_buf_puts(out, i ? "; <a href=\"#" : "<a href=\"#");
                esc(out, rv->id);
                nf_buf_puts(out, "\">");
                esc(out, rv->headline);
                nf_buf_puts(out, "</a>");
            }
            nf_buf_puts(out, "</p>\n");
        }
        nf_buf_puts(out, "</section>\n");
    }
    nf_buf_puts(out, "<section class=\"sources\">\n<h2>Sources</h2>\n<ol class=\"src\">\n");
    for (size_t i = 0; i < n; i++) {
        const nf_doc *d = docs[i];
        char ds[40];
        nf__brief_date_str(&d->published, ds, sizeof ds);
        nf_buf_printf(out, "<li id=\"src-%zu\"><b>", i + 1);
        esc(out, d->title ? d->title : "(no title)");
        nf_buf_puts(out, "</b> — ");
        esc(out, d->source ? d->source : "unknown outlet");
        nf_buf_puts(out, ", ");
        esc(out, ds);
        if (d->published_estimated)
            nf_buf_puts(out, " (estimated)");
        nf_buf_puts(out, ", ");
        esc(out, d->lang);
        nf_buf_puts(out, ", <code>");
        esc(out, d->id);
        nf_buf_puts(out, "</code>");
        if (d->url) {
            nf_buf_puts(out, " · ");
            if (http_url(d->url)) {
                nf_buf_puts(out, "<a rel=\"noopener noreferrer nofollow\" href=\"");
                esc(out, d->url);
                nf_buf_puts(out, "\">");
                esc(out, d->url);
                nf_buf_puts(out, "</a>");
            } else {
                esc(out, d->url);
            }
        }
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ol>\n</section>\n</main>\n</body>\n</html>\n");
    return NF_OK;
}
