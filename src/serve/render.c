/* Server-rendered pages from the store's JSON (parsed with jansson).
 *
 * Every string taken from the JSON came from an ingested page: it goes through E() (text and
 * quoted attributes), ids in links are percent-encoded, and a URL becomes a link only when
 * nf_serve_safe_href() accepts it. No inline scripts or style attributes (the CSP forbids
 * them); pages work without JavaScript: source marks open with <details>, removed pieces too. */
#include <stdio.h>
#include <string.h>

#include "newsfuse/text.h"
#include "serve_int.h"

#define MAX_CLAIMS 40
#define MAX_EVENTS 40
#define MAX_QUOTES 60

static void E(nf_buf *out, const char *s)
{
    if (s)
        nf_serve_html_escape(out, s, strlen(s));
}

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const json_t *jarr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_array(v) ? v : NULL;
}

/* href="PREFIX<id percent-encoded>" */
static void href(nf_buf *out, const char *prefix, const char *id)
{
    nf_buf_puts(out, " href=\"");
    nf_buf_puts(out, prefix);
    if (id)
        nf_serve_url_encode(out, id, strlen(id));
    nf_buf_putc(out, '"');
}

/* Appends the date part of an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) as a <time>. */
static void date_html(nf_buf *out, const char *d)
{
    if (!d || !*d)
        return;
    size_t n = strcspn(d, "T ");
    if (n > 10)
        n = 10;
    nf_buf_puts(out, "<time datetime=\"");
    nf_serve_html_escape(out, d, n);
    nf_buf_puts(out, "\">");
    nf_serve_html_escape(out, d, n);
    nf_buf_puts(out, "</time>");
}

/* The first n bytes of s cut back to a UTF-8 boundary, escaped, with an ellipsis if cut. */
static void clipped(nf_buf *out, const char *s, size_t n)
{
    if (!s)
        return;
    size_t len = strlen(s);
    if (len <= n) {
        nf_serve_html_escape(out, s, len);
        return;
    }
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    nf_serve_html_escape(out, s, n);
    nf_buf_puts(out, "\xe2\x80\xa6");
}

/* ---- page frame ------------------------------------------------------------------------- */

void nf__page_begin(nf_buf *out, const char *title, const char *q)
{
    nf_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>");
    E(out, title);
    nf_buf_puts(out, " \xc2\xb7 newsfuse</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                     "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
                     "<header class=\"top\"><a class=\"brand\" href=\"/\">newsfuse</a>"
                     "<form class=\"find\" action=\"/search\" method=\"get\" role=\"search\">"
                     "<input type=\"search\" name=\"q\" aria-label=\"Search\" "
                     "placeholder=\"Search titles, quotes, claims\" value=\"");
    E(out, q);
    nf_buf_puts(out, "\"><button type=\"submit\">Search</button></form></header>\n<main>\n");
}

void nf__page_end(nf_buf *out)
{
    nf_buf_puts(out, "</main>\n<footer>newsfuse \xc2\xb7 cross-checked stories \xc2\xb7 "
                     "<a href=\"/api/stories\">JSON API</a></footer>\n</body>\n</html>\n");
}

void nf__render_error(nf_buf *out, unsigned status, const char *message)
{
    char t[32];
    snprintf(t, sizeof t, "%u", status);
    nf__page_begin(out, t, NULL);
    nf_buf_printf(out, "<h1>%u</h1>\n<p class=\"error\">", status);
    E(out, message);
    nf_buf_puts(out, "</p>\n<p><a href=\"/\">All stories</a></p>\n");
    nf__page_end(out);
}

/* ---- story list ------------------------------------------------------------------------- */

/* A one-line summary from a string or the schema's sentence array. */
static const char *summary_line(const json_t *s)
{
    const json_t *v = json_object_get(s, "summary");
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v)) {
        const json_t *f = json_array_get(v, 0);
        return json_is_string(f) ? json_string_value(f) : jstr(f, "text");
    }
    return jstr(s, "snippet");
}

static size_t count_of(const json_t *s, const char *key)
{
    const json_t *v = json_object_get(s, key);
    if (json_is_integer(v) && json_integer_value(v) >= 0)
        return (size_t)json_integer_value(v);
    if (json_is_array(v))
        return json_array_size(v);
    return 0;
}

static void languages_html(nf_buf *out, const json_t *langs)
{
    size_t i;
    const json_t *l;
    json_array_foreach(langs, i, l)
    {
        if (!json_is_string(l))
            continue;
        nf_buf_puts(out, "<span class=\"lang\">");
        E(out, json_string_value(l));
        nf_buf_puts(out, "</span>");
    }
}

static void filter_form(nf_buf *out, const nf_serve_filter *f)
{
    nf_buf_puts(out, "<form class=\"filters\" action=\"/\" method=\"get\">"
                     "<label>since <input type=\"date\" name=\"since\" value=\"");
    E(out, f ? f->since : NULL);
    nf_buf_puts(out, "\"></label> <label>language <input name=\"lang\" size=\"3\" value=\"");
    E(out, f ? f->lang : NULL);
    nf_buf_puts(out, "\"></label> <label>source <input name=\"source\" value=\"");
    E(out, f ? f->source : NULL);
    nf_buf_puts(out, "\"></label> <button type=\"submit\">Filter</button></form>\n");
}

static const json_t *as_list(const json_t *root, const char *key)
{
    if (json_is_array(root))
        return root;
    const json_t *v = jarr(root, key);
    return v ? v : jarr(root, "results");
}

nf_status nf__render_home(nf_buf *out, const json_t *root, const nf_serve_filter *f)
{
    const json_t *list = as_list(root, "stories");
    if (!list)
        return NF_ERR_PARSE;
    nf__page_begin(out, "Stories", NULL);
    nf_buf_printf(out, "<h1>Stories</h1>\n<p class=\"meta\">%zu stor%s, newest first.</p>\n",
                  json_array_size(list), json_array_size(list) == 1 ? "y" : "ies");
    filter_form(out, f);
    nf_buf_puts(out, "<ol class=\"stories\">\n");
    size_t i;
    const json_t *s;
    json_array_foreach(list, i, s)
    {
        const char *id = jstr(s, "id");
        if (!id)
            continue;
        nf_buf_puts(out, "<li class=\"story\"><h2><a");
        href(out, "/stories/", id);
        nf_buf_puts(out, ">");
        const char *h = jstr(s, "headline");
        E(out, h && *h ? h : id);
        nf_buf_puts(out, "</a></h2>\n<p class=\"meta\">");
        size_t outlets = count_of(s, "outlets"), arts = count_of(s, "articles");
        nf_buf_printf(out, "<span class=\"outlets\">%zu outlet%s</span>", outlets,
                      outlets == 1 ? "" : "s");
        if (arts)
            nf_buf_printf(out, " \xc2\xb7 %zu article%s", arts, arts == 1 ? "" : "s");
        const json_t *langs = jarr(s, "languages");
        if (langs && json_array_size(langs)) {
            nf_buf_puts(out, " \xc2\xb7 ");
            languages_html(out, langs);
        }
        const char *first = jstr(s, "first_published"), *last = jstr(s, "last_published");
        if (first || last) {
            nf_buf_puts(out, " \xc2\xb7 ");
            date_html(out, first ? first : last);
            if (first && last && strncmp(first, last, 10)) {
                nf_buf_puts(out, " \xe2\x80\x93 ");
                date_html(out, last);
            }
        }
        nf_buf_puts(out, "</p>\n<p class=\"line\">");
        clipped(out, summary_line(s), 280);
        nf_buf_puts(out, "</p></li>\n");
    }
    nf_buf_puts(out, "</ol>\n");
    if (!json_array_size(list))
        nf_buf_puts(out, "<p class=\"empty\">No stories match.</p>\n");
    /* a full page: there may be older stories */
    size_t limit = f && f->limit ? f->limit : 50, offset = f ? f->offset : 0;
    if (json_array_size(list) >= limit) {
        nf_buf_printf(out, "<p class=\"more\"><a href=\"/?offset=%zu", offset + limit);
        if (f && f->limit)
            nf_buf_printf(out, "&amp;limit=%zu", f->limit);
        const char *keys[] = {"since", "lang", "source"};
        const char *vals[] = {f ? f->since : NULL, f ? f->lang : NULL, f ? f->source : NULL};
        for (int k = 0; k < 3; k++) {
            if (!vals[k])
                continue;
            nf_buf_printf(out, "&amp;%s=", keys[k]);
            nf_serve_url_encode(out, vals[k], strlen(vals[k]));
        }
        nf_buf_puts(out, "\">Older stories \xe2\x86\x92</a></p>\n");
    }
    nf__page_end(out);
    return NF_OK;
}

/* ---- story page ------------------------------------------------------------------------- */

/* The story's articles, numbered from 1 in the story's order, with their objects when the
 * JSON carries them. */
typedef struct {
    const char *id;
    const json_t *obj; /* may be NULL */
    nf_span *sents;    /* sentences of the text, split on first use */
    size_t n_sents;
    uint64_t **words;  /* per sentence: its sorted word hashes (arena) */
    size_t *n_words;
    bool split;
} art_ref;

typedef struct {
    art_ref *arts;
    size_t n;
    nf_map *index; /* id → (index + 1) */
    nf_arena *arena;
} art_table;

static void arts_add(art_table *t, const char *id, const json_t *obj)
{
    if (!id || nf_map_get(t->index, id, strlen(id)))
        return;
    t->arts = nf_xrealloc(t->arts, (t->n + 1) * sizeof *t->arts);
    t->arts[t->n] = (art_ref){.id = id, .obj = obj};
    t->n++;
    nf_map_put(t->index, id, strlen(id), (void *)(uintptr_t)t->n);
}

static size_t arts_find(const art_table *t, const char *id)
{
    return id ? (size_t)(uintptr_t)nf_map_get(t->index, id, strlen(id)) : 0;
}

/* The story object and the table of its articles from either {story, articles:[objects]} or
 * a story whose "articles" holds ids or objects. */
static const json_t *story_unpack(const json_t *root, art_table *t)
{
    const json_t *story = json_object_get(root, "story");
    const json_t *stories = jarr(root, "stories");
    if (!json_is_object(story) && stories) /* a newsfuse.brief/1 document with one story */
        story = json_array_get(stories, 0);
    if (!json_is_object(story))
        story = root;
    if (!json_is_object(story))
        return NULL;
    const json_t *objs = story != root ? jarr(root, "articles") : NULL;
    size_t i;
    const json_t *a;
    json_array_foreach(jarr(story, "articles"), i, a)
    {
        if (json_is_string(a)) {
            const char *id = json_string_value(a);
            const json_t *obj = NULL, *o;
            size_t j;
            json_array_foreach(objs, j, o)
            {
                const char *oid = jstr(o, "id");
                if (oid && !strcmp(oid, id)) {
                    obj = o;
                    break;
                }
            }
            arts_add(t, id, obj);
        } else if (json_is_object(a)) {
            arts_add(t, jstr(a, "id"), a);
        }
    }
    /* objects the story's list did not name */
    json_array_foreach(objs, i, a) arts_add(t, jstr(a, "id"), a);
    return story;
}

/* [n] linking to the article in the list below. */
static void mark(nf_buf *out, size_t n)
{
    nf_buf_printf(out, "<a class=\"m\" href=\"#art-%zu\">[%zu]</a>", n, n);
}

/* Sorted distinct article numbers of a sources array (ids) into nums[cap]. */
static size_t source_nums(const art_table *t, const json_t *ids, size_t *nums, size_t cap)
{
    size_t n = 0, i;
    const json_t *v;
    json_array_foreach(ids, i, v)
    {
        size_t k = arts_find(t, json_is_string(v) ? json_string_value(v) : NULL);
        if (k && n < cap)
            nums[n++] = k;
    }
    qsort(nums, n, sizeof *nums, nf_size_cmp);
    size_t m = 0;
    for (size_t j = 0; j < n; j++)
        if (!m || nums[j] != nums[m - 1])
            nums[m++] = nums[j];
    return m;
}

static void marks(nf_buf *out, const art_table *t, const json_t *ids)
{
    size_t nums[128];
    size_t n = source_nums(t, ids, nums, 128);
    if (!n)
        return;
    nf_buf_puts(out, " <span class=\"marks\">");
    for (size_t j = 0; j < n; j++)
        mark(out, nums[j]);
    nf_buf_puts(out, "</span>");
}

/* ---- the sentence a summary sentence rests on ---- */

#define MAX_WORDS 128

/* Hashes of the distinct lowercase words (runs of letters/digits; non-ASCII bytes count as
 * letters) of length >= 3 in s[0..n). */
static size_t words(const char *s, size_t n, uint64_t *h, size_t cap)
{
    size_t k = 0, i = 0;
    char w[64];
    while (i < n) {
        size_t wl = 0;
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c >= 0x80;
            if (!letter)
                break;
            if (wl < sizeof w)
                w[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
        }
        if (wl >= 3 && k < cap) {
            uint64_t x = nf_hash(w, wl);
            bool seen = false;
            for (size_t j = 0; j < k && !seen; j++)
                seen = h[j] == x;
            if (!seen)
                h[k++] = x;
        }
        i++;
    }
    return k;
}

static int u64_cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* |x ∩ y| of two sorted hash sets. */
static size_t common_sorted(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
    size_t i = 0, j = 0, c = 0;
    while (i < nx && j < ny) {
        if (x[i] < y[j])
            i++;
        else if (x[i] > y[j])
            j++;
        else
            c++, i++, j++;
    }
    return c;
}

/* Appends the sentence of article a most like target (Dice over word sets), or nothing when
 * none shares enough words. The article's sentences and their word sets are computed once
 * per page, on first use. */
static void resting_sentence(nf_buf *out, art_table *t, art_ref *a, const char *target)
{
    const char *text = a->obj ? jstr(a->obj, "text") : NULL;
    if (!text || !target)
        return;
    if (!a->split) {
        a->split = true;
        if (nf_text_sentences(t->arena, text, strlen(text), &a->sents, &a->n_sents) != NF_OK)
            a->n_sents = 0;
        a->words = nf_arena_alloc(t->arena, (a->n_sents + 1) * sizeof *a->words);
        a->n_words = nf_arena_alloc(t->arena, (a->n_sents + 1) * sizeof *a->n_words);
        uint64_t w[MAX_WORDS];
        for (size_t i = 0; i < a->n_sents; i++) {
            const nf_span *sp = &a->sents[i];
            size_t n = words(text + sp->start, sp->end - sp->start, w, MAX_WORDS);
            qsort(w, n, sizeof *w, u64_cmp);
            a->words[i] = nf_arena_alloc(t->arena, (n + 1) * sizeof *w);
            memcpy(a->words[i], w, n * sizeof *w);
            a->n_words[i] = n;
        }
    }
    uint64_t tw[MAX_WORDS];
    size_t nt = words(target, strlen(target), tw, MAX_WORDS);
    qsort(tw, nt, sizeof *tw, u64_cmp);
    double best = 0;
    size_t bi = 0;
    for (size_t i = 0; i < a->n_sents; i++) {
        size_t ns = a->n_words[i];
        size_t common = common_sorted(a->words[i], ns, tw, nt);
        double d = ns + nt ? 2.0 * (double)common / (double)(ns + nt) : 0;
        if (d > best) {
            best = d;
            bi = i;
        }
    }
    if (best < 0.25)
        return;
    const nf_span *sp = &a->sents[bi];
    nf_buf_puts(out, "<blockquote>");
    nf_serve_html_escape(out, text + sp->start, sp->end - sp->start);
    nf_buf_puts(out, "</blockquote>");
}

static void outlet_title(nf_buf *out, const art_ref *a)
{
    const char *src = a->obj ? jstr(a->obj, "source") : NULL;
    const char *title = a->obj ? jstr(a->obj, "title") : NULL;
    nf_buf_puts(out, "<b class=\"outlet\">");
    E(out, src ? src : "unknown outlet");
    nf_buf_puts(out, "</b> <a");
    href(out, "/articles/", a->id);
    nf_buf_puts(out, ">");
    E(out, title && *title ? title : a->id);
    nf_buf_puts(out, "</a>");
}

static void summary_html(nf_buf *out, art_table *t, const json_t *story)
{
    const json_t *sum = json_object_get(story, "summary");
    if (json_is_string(sum)) {
        nf_buf_puts(out, "<p class=\"summary\">");
        E(out, json_string_value(sum));
        nf_buf_puts(out, "</p>\n");
        return;
    }
    if (!json_is_array(sum) || !json_array_size(sum))
        return;
    nf_buf_puts(out, "<section class=\"summary\"><h2>Summary</h2>\n<ol class=\"sum\">\n");
    size_t i;
    const json_t *s;
    json_array_foreach(sum, i, s)
    {
        const char *text = jstr(s, "text");
        nf_buf_printf(out, "<li id=\"sum-%zu\">", i + 1);
        E(out, text);
        size_t nums[64];
        size_t n = source_nums(t, jarr(s, "articles"), nums, 64);
        if (n)
            nf_buf_puts(out, " <span class=\"marks\">");
        for (size_t j = 0; j < n; j++) {
            art_ref *a = &t->arts[nums[j] - 1];
            nf_buf_printf(out, "<details class=\"src\"><summary title=\"source %zu\">[%zu]</summary>"
                               "<div class=\"pop\">",
                          nums[j], nums[j]);
            outlet_title(out, a);
            resting_sentence(out, t, a, text);
            nf_buf_puts(out, "</div></details>");
        }
        if (n)
            nf_buf_puts(out, "</span>");
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ol></section>\n");
}

static const char *status_class(const char *st)
{
    if (!st)
        return "one";
    if (!strcmp(st, "corroborated"))
        return "ok";
    if (!strcmp(st, "disputed"))
        return "bad";
    return "one";
}

static void claims_html(nf_buf *out, const art_table *t, const json_t *claims)
{
    if (!claims || !json_array_size(claims))
        return;
    nf_buf_puts(out, "<section class=\"claims\"><h2>Claims</h2>\n<table class=\"claims\">\n"
                     "<thead><tr><th>Status</th><th>Claim</th><th>Sources</th><th>As written</th>"
                     "</tr></thead>\n<tbody>\n");
    size_t i;
    const json_t *c;
    json_array_foreach(claims, i, c)
    {
        if (i >= MAX_CLAIMS)
            break;
        const char *st = jstr(c, "status");
        nf_buf_printf(out, "<tr><td><span class=\"badge %s\">", status_class(st));
        E(out, st ? st : "unknown");
        nf_buf_puts(out, "</span></td><td>");
        E(out, jstr(c, "text"));
        const char *sub = jstr(c, "subject"), *by = jstr(c, "attributed_to");
        if (sub) {
            nf_buf_puts(out, " <span class=\"sub\">(");
            E(out, sub);
            nf_buf_puts(out, ")</span>");
        }
        if (by) {
            nf_buf_puts(out, " <span class=\"by\">according to ");
            E(out, by);
            nf_buf_puts(out, "</span>");
        }
        nf_buf_puts(out, "</td><td>");
        marks(out, t, jarr(c, "articles"));
        size_t outlets = count_of(c, "outlets");
        if (outlets)
            nf_buf_printf(out, "<br><small>%zu outlet%s</small>", outlets, outlets == 1 ? "" : "s");
        nf_buf_puts(out, "</td><td><ul class=\"var\">");
        size_t j;
        const json_t *v;
        json_array_foreach(jarr(c, "variants"), j, v)
        {
            nf_buf_puts(out, "<li><b>");
            E(out, jstr(v, "text"));
            nf_buf_puts(out, "</b>");
            const char *q = jstr(v, "qualifier");
            if (q) {
                nf_buf_puts(out, " (");
                E(out, q);
                nf_buf_putc(out, ')');
            }
            size_t k = arts_find(t, jstr(v, "article"));
            if (k) {
                nf_buf_putc(out, ' ');
                mark(out, k);
            }
            nf_buf_puts(out, "</li>");
        }
        nf_buf_puts(out, "</ul></td></tr>\n");
    }
    nf_buf_puts(out, "</tbody></table>\n");
    if (json_array_size(claims) > MAX_CLAIMS)
        nf_buf_printf(out, "<p class=\"more\">and %zu more in the <a href=\"#api\">JSON</a></p>\n",
                      json_array_size(claims) - MAX_CLAIMS);
    nf_buf_puts(out, "</section>\n");
}

/* Sides of a disagreement: the brief's description reads "... : A (ids) against B (ids)";
 * each evidence item goes to the first side whose part of the description names its article.
 * Items no side names get a column of their own. */
#define MAX_SIDES 8
static void disagreement_html(nf_buf *out, const art_table *t, const json_t *d)
{
    const char *kind = jstr(d, "kind"), *desc = jstr(d, "description");
    nf_buf_puts(out, "<div class=\"dis\"><p><span class=\"badge kind\">");
    E(out, kind ? kind : "disagreement");
    nf_buf_puts(out, "</span> ");
    E(out, desc);
    nf_buf_puts(out, "</p>\n<div class=\"sides\">");
    const char *part[MAX_SIDES];
    size_t plen[MAX_SIDES], nparts = 0;
    if (desc) {
        const char *colon = strstr(desc, ": ");
        const char *p = colon ? colon + 2 : desc;
        while (nparts < MAX_SIDES) {
            const char *e = strstr(p, " against ");
            part[nparts] = p;
            plen[nparts] = e ? (size_t)(e - p) : strlen(p);
            nparts++;
            if (!e)
                break;
            p = e + 9;
        }
        if (nparts < 2)
            nparts = 0;
    }
    const json_t *ev = jarr(d, "evidence");
    size_t n = json_array_size(ev);
    bool *done = nf_xcalloc(n + 1, 1);
    for (size_t s = 0; s <= nparts; s++) {
        bool open = false;
        for (size_t i = 0; i < n; i++) {
            const json_t *e = json_array_get(ev, i);
            const char *aid = jstr(e, "article");
            if (done[i])
                continue;
            if (s < nparts) {
                /* does this side's text name the article? */
                bool named = false;
                if (aid) {
                    size_t al = strlen(aid);
                    for (const char *q = part[s]; !named && q + al <= part[s] + plen[s]; q++)
                        named = !memcmp(q, aid, al);
                }
                if (!named)
                    continue;
            }
            done[i] = true;
            if (!open || s == nparts) {
                if (open)
                    nf_buf_puts(out, "</div>");
                nf_buf_puts(out, "<div class=\"side\">");
                if (s < nparts) {
                    size_t l = strcspn(part[s], "(");
                    if (l > plen[s])
                        l = plen[s];
                    nf_buf_puts(out, "<h4>");
                    nf_serve_html_escape(out, part[s], l);
                    nf_buf_puts(out, "</h4>");
                }
                open = true;
            }
            size_t k = arts_find(t, aid);
            nf_buf_puts(out, "<blockquote>");
            E(out, jstr(e, "text"));
            nf_buf_puts(out, "<footer>");
            if (k) {
                const art_ref *a = &t->arts[k - 1];
                const char *src = a->obj ? jstr(a->obj, "source") : NULL;
                E(out, src ? src : aid);
                nf_buf_putc(out, ' ');
                mark(out, k);
            } else {
                E(out, aid);
            }
            nf_buf_puts(out, "</footer></blockquote>");
        }
        if (open)
            nf_buf_puts(out, "</div>");
    }
    free(done);
    nf_buf_puts(out, "</div></div>\n");
}

static void disagreements_html(nf_buf *out, const art_table *t, const json_t *dis)
{
    if (!dis || !json_array_size(dis))
        return;
    nf_buf_puts(out, "<section class=\"disagreements\"><h2>Disagreements</h2>\n");
    size_t i;
    const json_t *d;
    json_array_foreach(dis, i, d) disagreement_html(out, t, d);
    nf_buf_puts(out, "</section>\n");
}

static void timeline_html(nf_buf *out, const art_table *t, const json_t *tl)
{
    if (!tl || !json_array_size(tl))
        return;
    nf_buf_puts(out, "<section class=\"timeline\"><h2>Timeline</h2>\n<ol class=\"tl\">\n");
    size_t i;
    const json_t *e;
    json_array_foreach(tl, i, e)
    {
        if (i >= MAX_EVENTS)
            break;
        nf_buf_puts(out, "<li><span class=\"dot\"></span>");
        date_html(out, jstr(e, "date"));
        nf_buf_puts(out, "<p>");
        /* the date expression that dated the entry (its first mention's), marked */
        const char *txt = jstr(e, "text");
        const char *ex = jstr(json_array_get(jarr(e, "mentions"), 0), "expression");
        const char *at = txt && ex && *ex ? strstr(txt, ex) : NULL;
        if (at) {
            nf_serve_html_escape(out, txt, (size_t)(at - txt));
            nf_buf_puts(out, "<b>");
            E(out, ex);
            nf_buf_puts(out, "</b>");
            E(out, at + strlen(ex));
        } else {
            E(out, txt);
        }
        marks(out, t, jarr(e, "articles"));
        nf_buf_puts(out, "</p></li>\n");
    }
    nf_buf_puts(out, "</ol>\n");
    if (json_array_size(tl) > MAX_EVENTS)
        nf_buf_printf(out, "<p class=\"more\">and %zu more events</p>\n",
                      json_array_size(tl) - MAX_EVENTS);
    nf_buf_puts(out, "</section>\n");
}

static void quotes_html(nf_buf *out, const art_table *t, const json_t *quotes)
{
    size_t n = json_array_size(quotes);
    if (!n)
        return;
    if (n > MAX_QUOTES)
        n = MAX_QUOTES;
    nf_buf_puts(out, "<section class=\"quotes\"><h2>Quotes</h2>\n<dl class=\"quotes\">\n");
    /* grouped by speaker in order of first appearance; unattributed quotes last */
    bool *done = nf_xcalloc(n + 1, 1);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            if (done[i])
                continue;
            const char *sp = jstr(json_array_get(quotes, i), "speaker");
            if ((pass == 0) != (sp != NULL))
                continue;
            nf_buf_puts(out, "<dt>");
            if (sp) {
                nf_buf_puts(out, "<a");
                href(out, "/entities/", sp);
                nf_buf_puts(out, ">");
                E(out, sp);
                nf_buf_puts(out, "</a>");
            } else {
                nf_buf_puts(out, "Unattributed");
            }
            nf_buf_puts(out, "</dt>\n");
            for (size_t j = i; j < n; j++) {
                const json_t *q = json_array_get(quotes, j);
                const char *sj = jstr(q, "speaker");
                if (done[j] || (sp ? !sj || strcmp(sp, sj) : sj != NULL))
                    continue;
                done[j] = true;
                const json_t *direct = json_object_get(q, "direct");
                nf_buf_puts(out, json_is_false(direct) ? "<dd class=\"indirect\">" : "<dd><q>");
                E(out, jstr(q, "text"));
                nf_buf_puts(out, json_is_false(direct) ? "" : "</q>");
                marks(out, t, jarr(q, "articles"));
                nf_buf_puts(out, "</dd>\n");
            }
        }
    }
    free(done);
    nf_buf_puts(out, "</dl></section>\n");
}

static void entities_html(nf_buf *out, const json_t *ents)
{
    if (!ents || !json_array_size(ents))
        return;
    nf_buf_puts(out, "<section class=\"entities\"><h2>People and organisations</h2>\n<ul class=\"ents\">");
    size_t i;
    const json_t *e;
    json_array_foreach(ents, i, e)
    {
        const char *name = jstr(e, "name"), *type = jstr(e, "type");
        if (!name)
            continue;
        nf_buf_puts(out, "<li><a");
        href(out, "/entities/", name);
        nf_buf_puts(out, ">");
        E(out, name);
        nf_buf_puts(out, "</a>");
        if (type) {
            nf_buf_puts(out, " <small>");
            E(out, type);
            nf_buf_puts(out, "</small>");
        }
        nf_buf_puts(out, "</li>");
    }
    nf_buf_puts(out, "</ul></section>\n");
}

static void external_link(nf_buf *out, const char *url)
{
    if (!nf_serve_safe_href(url))
        return;
    nf_buf_puts(out, " <a class=\"ext\" rel=\"noopener noreferrer nofollow\" href=\"");
    E(out, url);
    nf_buf_puts(out, "\">original</a>");
}

static void articles_html(nf_buf *out, const art_table *t)
{
    if (!t->n)
        return;
    nf_buf_puts(out, "<section class=\"articles\"><h2>Articles</h2>\n<ol class=\"arts\">\n");
    for (size_t i = 0; i < t->n; i++) {
        const art_ref *a = &t->arts[i];
        nf_buf_printf(out, "<li id=\"art-%zu\">", i + 1);
        outlet_title(out, a);
        if (a->obj) {
            nf_buf_puts(out, " <span class=\"meta\">");
            date_html(out, jstr(a->obj, "published"));
            const char *lang = jstr(a->obj, "language");
            if (lang) {
                nf_buf_puts(out, " <span class=\"lang\">");
                E(out, lang);
                nf_buf_puts(out, "</span>");
            }
            nf_buf_puts(out, "</span>");
            external_link(out, jstr(a->obj, "url"));
        }
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ol></section>\n");
}

static void related_html(nf_buf *out, const json_t *rel)
{
    if (!rel || !json_array_size(rel))
        return;
    nf_buf_puts(out, "<section class=\"related\"><h2>Related stories</h2>\n<ul>");
    size_t i;
    const json_t *r;
    json_array_foreach(rel, i, r)
    {
        const char *id = json_is_string(r) ? json_string_value(r) : jstr(r, "id");
        const char *h = json_is_object(r) ? jstr(r, "headline") : NULL;
        if (!id)
            continue;
        nf_buf_puts(out, "<li><a");
        href(out, "/stories/", id);
        nf_buf_puts(out, ">");
        E(out, h ? h : id);
        nf_buf_puts(out, "</a></li>");
    }
    nf_buf_puts(out, "</ul></section>\n");
}

nf_status nf__render_story(nf_buf *out, const json_t *root)
{
    art_table t = {.index = nf_map_new(), .arena = nf_arena_new()};
    const json_t *story = story_unpack(root, &t);
    if (!story) {
        nf_map_free(t.index);
        nf_arena_free(t.arena);
        return NF_ERR_PARSE;
    }
    const char *id = jstr(story, "id"), *h = jstr(story, "headline");
    nf__page_begin(out, h && *h ? h : "Story", NULL);
    nf_buf_puts(out, "<article class=\"story\">\n<h1>");
    E(out, h && *h ? h : id);
    nf_buf_puts(out, "</h1>\n<p class=\"meta\">");
    size_t outlets = count_of(story, "outlets");
    nf_buf_printf(out, "%zu article%s from %zu outlet%s", t.n, t.n == 1 ? "" : "s", outlets,
                  outlets == 1 ? "" : "s");
    const char *first = jstr(story, "first_published"), *last = jstr(story, "last_published");
    if (first) {
        nf_buf_puts(out, " \xc2\xb7 ");
        date_html(out, first);
        if (last && strncmp(first, last, 10)) {
            nf_buf_puts(out, " \xe2\x80\x93 ");
            date_html(out, last);
        }
    }
    nf_buf_puts(out, " \xc2\xb7 <a id=\"api\"");
    href(out, "/api/stories/", id);
    nf_buf_puts(out, ">JSON</a></p>\n");
    summary_html(out, &t, story);
    claims_html(out, &t, jarr(story, "claims"));
    disagreements_html(out, &t, jarr(story, "disagreements"));
    timeline_html(out, &t, jarr(story, "timeline"));
    quotes_html(out, &t, jarr(story, "quotes"));
    entities_html(out, jarr(story, "entities"));
    articles_html(out, &t);
    related_html(out, jarr(story, "related"));
    nf_buf_puts(out, "</article>\n");
    nf__page_end(out);
    free(t.arts);
    nf_map_free(t.index);
    nf_arena_free(t.arena);
    return NF_OK;
}

/* ---- article page ----------------------------------------------------------------------- */

static void paragraphs_html(nf_buf *out, const char *text)
{
    const char *p = text;
    while (p && *p) {
        while (*p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        nf_buf_puts(out, "<p>");
        nf_serve_html_escape(out, p, n);
        nf_buf_puts(out, "</p>\n");
        p += n;
    }
}

nf_status nf__render_article(nf_buf *out, const json_t *root)
{
    const json_t *a = json_object_get(root, "article");
    if (!json_is_object(a))
        a = root;
    if (!json_is_object(a))
        return NF_ERR_PARSE;
    const char *id = jstr(a, "id"), *title = jstr(a, "title"), *src = jstr(a, "source");
    nf__page_begin(out, title && *title ? title : "Article", NULL);
    nf_buf_puts(out, "<article class=\"article\">\n<h1>");
    E(out, title && *title ? title : id);
    nf_buf_puts(out, "</h1>\n<p class=\"meta\"><b class=\"outlet\">");
    E(out, src ? src : "unknown outlet");
    nf_buf_puts(out, "</b>");
    const char *pub = jstr(a, "published"), *author = jstr(a, "author"), *lang = jstr(a, "language");
    if (pub) {
        nf_buf_puts(out, " \xc2\xb7 ");
        date_html(out, pub);
        if (json_is_true(json_object_get(a, "published_estimated")))
            nf_buf_puts(out, " <small>(estimated)</small>");
    }
    if (author) {
        nf_buf_puts(out, " \xc2\xb7 by ");
        E(out, author);
    }
    if (lang) {
        nf_buf_puts(out, " \xc2\xb7 <span class=\"lang\">");
        E(out, lang);
        nf_buf_puts(out, "</span>");
    }
    external_link(out, jstr(a, "url"));
    nf_buf_puts(out, " \xc2\xb7 <a");
    href(out, "/api/articles/", id);
    nf_buf_puts(out, ">JSON</a>");
    const json_t *stories = jarr(root, "stories");
    const char *story = jstr(root, "story") ? jstr(root, "story") : jstr(a, "story");
    if (story) {
        nf_buf_puts(out, " \xc2\xb7 <a");
        href(out, "/stories/", story);
        nf_buf_puts(out, ">story</a>");
    }
    size_t i;
    const json_t *s;
    json_array_foreach(stories, i, s)
    {
        const char *sid = json_is_string(s) ? json_string_value(s) : jstr(s, "id");
        if (!sid)
            continue;
        nf_buf_puts(out, " \xc2\xb7 <a");
        href(out, "/stories/", sid);
        nf_buf_puts(out, ">story</a>");
    }
    nf_buf_puts(out, "</p>\n<div class=\"text\">\n");
    paragraphs_html(out, jstr(a, "text"));
    nf_buf_puts(out, "</div>\n");
    const json_t *removed = jarr(a, "removed");
    size_t nr = json_array_size(removed);
    if (nr) {
        nf_buf_printf(out, "<details class=\"removed\" id=\"removed\"><summary>%zu removed piece%s "
                           "(boilerplate, navigation, ads\xe2\x80\xa6)</summary>\n<ol>\n",
                      nr, nr == 1 ? "" : "s");
        const json_t *r;
        json_array_foreach(removed, i, r)
        {
            nf_buf_puts(out, "<li><span class=\"badge kind\">");
            E(out, jstr(r, "reason") ? jstr(r, "reason") : "removed");
            nf_buf_puts(out, "</span>");
            const char *detail = jstr(r, "detail");
            if (detail) {
                nf_buf_puts(out, " <small>");
                E(out, detail);
                nf_buf_puts(out, "</small>");
            }
            nf_buf_puts(out, "<div class=\"piece\">");
            clipped(out, jstr(r, "text"), 2000);
            nf_buf_puts(out, "</div></li>\n");
        }
        nf_buf_puts(out, "</ol></details>\n");
    }
    nf_buf_puts(out, "</article>\n");
    nf__page_end(out);
    return NF_OK;
}

/* ---- entity page ------------------------------------------------------------------------ */

static void story_items(nf_buf *out, const json_t *list)
{
    nf_buf_puts(out, "<ul class=\"hits\">\n");
    size_t i;
    const json_t *s;
    json_array_foreach(list, i, s)
    {
        const char *id = json_is_string(s) ? json_string_value(s) : jstr(s, "id");
        if (!id)
            continue;
        const char *h = json_is_object(s) ? jstr(s, "headline") : NULL;
        nf_buf_puts(out, "<li><a");
        href(out, "/stories/", id);
        nf_buf_puts(out, ">");
        E(out, h && *h ? h : id);
        nf_buf_puts(out, "</a>");
        if (json_is_object(s)) {
            const char *d = jstr(s, "last_published") ? jstr(s, "last_published")
                                                      : jstr(s, "first_published");
            if (d) {
                nf_buf_puts(out, " <span class=\"meta\">");
                date_html(out, d);
                nf_buf_puts(out, "</span>");
            }
            const char *line = summary_line(s);
            if (line) {
                nf_buf_puts(out, "<p class=\"line\">");
                clipped(out, line, 280);
                nf_buf_puts(out, "</p>");
            }
        }
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ul>\n");
}

nf_status nf__render_entity(nf_buf *out, const json_t *root, const char *name)
{
    if (!json_is_object(root))
        return NF_ERR_PARSE;
    const json_t *ent = json_object_get(root, "entity");
    const json_t *ents = jarr(root, "entities");
    if (!json_is_object(ent) && ents && json_array_size(ents))
        ent = json_array_get(ents, 0); /* the store: every entity the name matched */
    if (!json_is_object(ent))
        ent = root;
    const char *nm = jstr(ent, "name") ? jstr(ent, "name") : name;
    nf__page_begin(out, nm, NULL);
    nf_buf_puts(out, "<article class=\"entity\">\n<h1>");
    E(out, nm);
    nf_buf_puts(out, "</h1>\n<p class=\"meta\">");
    const char *type = jstr(ent, "type");
    if (type) {
        nf_buf_puts(out, "<span class=\"badge kind\">");
        E(out, type);
        nf_buf_puts(out, "</span>");
    }
    const json_t *aliases = jarr(ent, "aliases");
    if (aliases && json_array_size(aliases)) {
        nf_buf_puts(out, " also written ");
        size_t i;
        const json_t *al;
        json_array_foreach(aliases, i, al)
        {
            if (!json_is_string(al))
                continue;
            if (i)
                nf_buf_puts(out, ", ");
            nf_buf_puts(out, "<span class=\"alias\">");
            E(out, json_string_value(al));
            nf_buf_puts(out, "</span>");
        }
    }
    nf_buf_puts(out, "</p>\n");
    const json_t *stories = jarr(root, "stories");
    nf_buf_printf(out, "<h2>Stories</h2>\n");
    if (stories && json_array_size(stories))
        story_items(out, stories);
    else
        nf_buf_puts(out, "<p class=\"empty\">No stories.</p>\n");
    const json_t *quotes = jarr(root, "quotes");
    if (quotes && json_array_size(quotes)) {
        nf_buf_puts(out, "<h2>Quotes</h2>\n<ul class=\"equotes\">\n");
        size_t i;
        const json_t *q;
        json_array_foreach(quotes, i, q)
        {
            nf_buf_puts(out, "<li><q>");
            E(out, jstr(q, "text"));
            nf_buf_puts(out, "</q>");
            const char *sid = jstr(q, "story");
            const json_t *arts = jarr(q, "articles");
            if (sid) {
                nf_buf_puts(out, " <a class=\"meta\"");
                href(out, "/stories/", sid);
                nf_buf_puts(out, ">story</a>");
            }
            size_t j;
            const json_t *aid;
            json_array_foreach(arts, j, aid)
            {
                if (!json_is_string(aid) || j >= 8)
                    continue;
                nf_buf_puts(out, " <a class=\"meta\"");
                href(out, "/articles/", json_string_value(aid));
                nf_buf_printf(out, ">[%zu]</a>", j + 1);
            }
            nf_buf_puts(out, "</li>\n");
        }
        nf_buf_puts(out, "</ul>\n");
    }
    nf_buf_puts(out, "</article>\n");
    nf__page_end(out);
    return NF_OK;
}

/* ---- search page ------------------------------------------------------------------------ */

/* A search snippet: the store marks matches with U+0002 ... U+0003 (SQLite's snippet()); they
 * become <mark> elements, everything else is escaped. Marks are balanced whatever the input. */
static void snippet_html(nf_buf *out, const char *s)
{
    bool open = false;
    size_t n = strlen(s), run = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\x02' && s[i] != '\x03')
            continue;
        nf_serve_html_escape(out, s + run, i - run);
        run = i + 1;
        if (i < n && s[i] == '\x02' && !open) {
            nf_buf_puts(out, "<mark>");
            open = true;
        } else if ((i == n || s[i] == '\x03') && open) {
            nf_buf_puts(out, "</mark>");
            open = false;
        }
    }
}

nf_status nf__render_search(nf_buf *out, const json_t *root, const char *q)
{
    const json_t *list = root ? as_list(root, "hits") : NULL;
    if (root && !list)
        return NF_ERR_PARSE;
    nf__page_begin(out, q && *q ? q : "Search", q);
    nf_buf_puts(out, "<h1>Search</h1>\n");
    if (!root) {
        nf_buf_puts(out, "<p class=\"meta\">Words from titles, bodies, quotes and claims; "
                         "results ranked by relevance.</p>\n");
        nf__page_end(out);
        return NF_OK;
    }
    nf_buf_printf(out, "<p class=\"meta\">%zu result%s for <b>", json_array_size(list),
                  json_array_size(list) == 1 ? "" : "s");
    E(out, q);
    nf_buf_puts(out, "</b></p>\n<ol class=\"hits\">\n");
    size_t i;
    const json_t *h;
    json_array_foreach(list, i, h)
    {
        const char *story = jstr(h, "story") ? jstr(h, "story") : jstr(h, "story_id");
        const char *art = jstr(h, "article") ? jstr(h, "article") : jstr(h, "article_id");
        const char *id = jstr(h, "id");
        const char *title = jstr(h, "headline") ? jstr(h, "headline") : jstr(h, "title");
        const char *kind = jstr(h, "kind");
        nf_buf_puts(out, "<li>");
        if (kind) {
            nf_buf_puts(out, "<span class=\"badge kind\">");
            E(out, kind);
            nf_buf_puts(out, "</span> ");
        }
        nf_buf_puts(out, "<a");
        if (art)
            href(out, "/articles/", art);
        else
            href(out, "/stories/", story ? story : id);
        nf_buf_puts(out, ">");
        E(out, title && *title ? title : art ? art : story ? story : id);
        nf_buf_puts(out, "</a>");
        const char *src = jstr(h, "source"), *pub = jstr(h, "published");
        if (src || pub) {
            nf_buf_puts(out, " <span class=\"meta\">");
            E(out, src);
            if (pub) {
                nf_buf_putc(out, ' ');
                date_html(out, pub);
            }
            nf_buf_puts(out, "</span>");
        }
        if (art && story) {
            nf_buf_puts(out, " <a class=\"meta\"");
            href(out, "/stories/", story);
            nf_buf_puts(out, ">story</a>");
        }
        const char *snip = jstr(h, "snippet") ? jstr(h, "snippet") : jstr(h, "text");
        if (!snip)
            snip = summary_line(h);
        if (snip) {
            nf_buf_puts(out, "<p class=\"snip\">");
            snippet_html(out, snip);
            nf_buf_puts(out, "</p>");
        }
        nf_buf_puts(out, "</li>\n");
    }
    nf_buf_puts(out, "</ol>\n");
    nf__page_end(out);
    return NF_OK;
}
