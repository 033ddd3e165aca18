/* Feed reader: RSS 2.0 (and 0.9x), Atom and RSS 1.0 (RDF) -> one record per item.
 *
 * libxml2's streaming XML reader pulls the feed from the job's stream; no tree of the whole
 * feed is built, only of one item field at a time. Entities are not substituted, no DTD or
 * network resource is loaded (XML_PARSE_NONET, no NOENT/DTDLOAD/HUGE), so entity
 * expansion bombs and external entities do nothing, and libxml2's default limits (depth
 * 256, 10 MB text nodes) hold.
 *
 * Per item: link (RSS <link>, Atom <link rel=alternate href>, else a permalink <guid>),
 * title, date (pubDate, published, dc:date, else updated; RFC 822 or ISO 8601 -> ISO 8601),
 * body (content:encoded or Atom <content>, else description or summary) and source (the
 * item's <source>, else the channel's title). When the link's last path segment names a
 * file in the feed's folder or below (as is, or with .html/.htm), that page is read instead
 * of the body: the record is the page (its path and id are the page's), with the item's
 * title, date and source as hints. Otherwise the body is the record (an HTML record whose
 * id is the hash of the link). Items with neither are skipped and counted. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

#include "ingest/ingest_int.h"

#define MAX_INDEXED 100000 /* files looked at for linked pages */
#define MAX_INDEX_DEPTH 4

typedef struct {
    char *title, *link, *date, *updated, *desc, *content, *guid, *source;
    bool guid_link;
    int depth;
} item;

typedef struct {
    nf__job *j;
    xmlTextReaderPtr r;
    char *channel_title;
    int chan_depth; /* depth of <channel> or Atom <feed>, -1 before it */
    bool in_item;
    item it;
    size_t items;
    /* pages beside the feed: basename -> path */
    nf_map *pages;
    NF_VEC(char *) page_paths;
    bool indexed;
    /* the first XML error */
    char err[200];
    int err_line;
    bool cut; /* the stream broke (damaged gzip member) */
} feed;

static void item_free(item *it)
{
    free(it->title);
    free(it->link);
    free(it->date);
    free(it->updated);
    free(it->desc);
    free(it->content);
    free(it->guid);
    free(it->source);
    memset(it, 0, sizeof *it);
}

static void on_xml_error(void *user, xmlErrorPtr e)
{
    feed *f = user;
    if (!e || f->err[0])
        return;
    if (e->level < XML_ERR_ERROR)
        return;
    snprintf(f->err, sizeof f->err, "%s", e->message ? e->message : "error");
    size_t n = strlen(f->err);
    while (n && (f->err[n - 1] == '\n' || f->err[n - 1] == ' '))
        f->err[--n] = '\0';
    f->err_line = e->line;
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int io_read(void *ctx, char *buf, int len)
{
    feed *f = ctx;
    nf__in *in = f->j->in;
    if (len <= 0)
        return 0;
    size_t a = nf__in_avail(in);
    if (a == 0)
        a = nf__in_fill(in, (size_t)len);
    if (a == 0) {
        if (in->brk)
            f->cut = true;
        return 0;
    }
    size_t n = a < (size_t)len ? a : (size_t)len;
    memcpy(buf, nf__in_ptr(in), n);
    nf__in_skip(in, n);
    return (int)n;
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static bool is(const xmlChar *name, const char *lit)
{
    return name && strcmp((const char *)name, lit) == 0;
}

static bool ns_is(const xmlChar *ns, const char *prefix_uri)
{
    return ns && strncmp((const char *)ns, prefix_uri, strlen(prefix_uri)) == 0;
}

static char *trimmed_dup(xmlChar *s)
{
    if (!s)
        return NULL;
    nf_slice t = nf_slice_trim(nf_slice_from((const char *)s));
    char *out = t.len ? nf_xstrndup(t.ptr, t.len) : NULL;
    xmlFree(s);
    return out;
}

/* The text of the current element (its subtree's text and CDATA); the reader moves on to
 * the next sibling afterwards via xmlTextReaderNext. */
static char *element_text(feed *f)
{
    return trimmed_dup(xmlTextReaderReadString(f->r));
}

static void set_once(char **slot, char *v)
{
    if (*slot || !v) {
        free(v);
        return;
    }
    *slot = v;
}

/* An HTML-escaped title (Atom type="html") as text, in place: tags dropped, the common
 * entities and numeric references decoded. */
static void html_to_text(char *s)
{
    static const struct {
        const char *name;
        const char *text;
    } ents[] = {{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"},
                {"nbsp;", " "}, {"#39;", "'"}};
    char *o = s;
    for (const char *p = s; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (e) {
                p = e + 1;
                continue;
            }
        }
        if (*p == '&') {
            bool done = false;
            for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++) {
                size_t n = strlen(ents[k].name);
                if (!strncmp(p + 1, ents[k].name, n)) {
                    size_t m = strlen(ents[k].text);
                    memcpy(o, ents[k].text, m);
                    o += m;
                    p += 1 + n;
                    done = true;
                }
            }
            if (!done && p[1] == '#') {
                char *end;
                bool hex = p[2] == 'x' || p[2] == 'X';
                unsigned long cp = strtoul(p + (hex ? 3 : 2), &end, hex ? 16 : 10);
                if (*end == ';' && end > p + (hex ? 3 : 2) && cp > 0 && cp < 0x110000 &&
                    (cp < 0xD800 || cp > 0xDFFF) && (size_t)(end + 1 - p) >= 4) {
                    /* UTF-8 of cp is at most 4 bytes, never longer than "&#N;" here */
                    unsigned char u[4];
                    size_t m;
                    if (cp < 0x80)
                        u[0] = (unsigned char)cp, m = 1;
                    else if (cp < 0x800)
                        u[0] = (unsigned char)(0xC0 | (cp >> 6)),
                        u[1] = (unsigned char)(0x80 | (cp & 0x3F)), m = 2;
                    else if (cp < 0x10000)
                        u[0] = (unsigned char)(0xE0 | (cp >> 12)),
                        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)),
                        u[2] = (unsigned char)(0x80 | (cp & 0x3F)), m = 3;
                    else
                        u[0] = (unsigned char)(0xF0 | (cp >> 18)),
                        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F)),
                        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)),
                        u[3] = (unsigned char)(0x80 | (cp & 0x3F)), m = 4;
                    if (m <= (size_t)(end + 1 - p)) {
                        memcpy(o, u, m);
                        o += m;
                        p = end + 1;
                        done = true;
                    }
                }
            }
            if (done)
                continue;
        }
        *o++ = *p++;
    }
    *o = '\0';
}

/* ---- pages beside the feed ----------------------------------------------------------------- */

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void index_dir(feed *f, const char *dir, int depth)
{
    if (depth > MAX_INDEX_DEPTH || f->page_paths.len >= MAX_INDEXED)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    NF_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d)) != NULL && names.len < MAX_INDEXED)
        if (de->d_name[0] != '.')
            nf_vec_push(&names, nf_xstrndup(de->d_name, strlen(de->d_name)));
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof(char *), str_cmp);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < names.len; i++) {
        size_t n = dl + strlen(names.items[i]) + 2;
        char *full = nf_xmalloc(n);
        snprintf(full, n, "%s/%s", dir, names.items[i]);
        struct stat sb;
        bool ok = stat(full, &sb) == 0;
        if (ok && S_ISDIR(sb.st_mode)) {
            index_dir(f, full, depth + 1);
            free(full);
        } else if (ok && S_ISREG(sb.st_mode) &&
                   f->page_paths.len < MAX_INDEXED &&
                   !nf_map_get(f->pages, names.items[i], strlen(names.items[i]))) {
            nf_vec_push(&f->page_paths, full);
            nf_map_put(f->pages, names.items[i], strlen(names.items[i]), full);
        } else {
            free(full);
        }
        free(names.items[i]);
    }
    nf_vec_free(&names);
}

/* The local page a link names, or NULL. */
static const char *local_page(feed *f, const char *link)
{
    nf__job *j = f->j;
    if (!j->on_disk || !link)
        return NULL;
    if (!f->indexed) {
        f->indexed = true;
        f->pages = nf_map_new();
        const char *slash = strrchr(j->path, '/');
        char *dir = slash ? nf_xstrndup(j->path, (size_t)(slash - j->path)) : nf_xstrndup(".", 1);
        if (!dir[0]) {
            free(dir);
            dir = nf_xstrndup("/", 1);
        }
        index_dir(f, dir, 0);
        free(dir);
    }
    /* the last path segment, without query and fragment */
    const char *p = strstr(link, "://");
    p = p ? strchr(p + 3, '/') : link;
    if (!p)
        return NULL;
    size_t n = strcspn(p, "?#");
    while (n && p[n - 1] == '/')
        n--;
    size_t s = n;
    while (s && p[s - 1] != '/')
        s--;
    size_t len = n - s;
    if (len == 0 || len > 200 || (len == 1 && p[s] == '.') ||
        (len == 2 && !strncmp(p + s, "..", 2)))
        return NULL;
    char name[216];
    static const char *const ext[] = {"", ".html", ".htm"};
    for (size_t k = 0; k < 3; k++) {
        snprintf(name, sizeof name, "%.*s%s", (int)len, p + s, ext[k]);
        const char *path = nf_map_get(f->pages, name, strlen(name));
        if (path && strcmp(path, j->path) != 0)
            return path;
    }
    return NULL;
}

/* ---- items ------------------------------------------------------------------------------- */

static void finish_item(feed *f)
{
    nf__job *j = f->j;
    item *it = &f->it;
    f->items++;
    char date[48];
    const char *pub = NULL;
    const char *d = it->date ? it->date : it->updated;
    if (d && nf__date_to_iso(d, strlen(d), date, sizeof date))
        pub = date;
    const char *link = it->link ? it->link : (it->guid_link ? it->guid : NULL);
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.url = link;
    rec.title = it->title;
    rec.published = pub;
    rec.source = it->source ? it->source : f->channel_title;
    rec.index = f->items;

    const char *page = local_page(f, link);
    if (page) {
        struct stat sb;
        char *data = NULL;
        size_t len = 0;
        const char *why = NULL;
        if (stat(page, &sb) == 0 && (uint64_t)sb.st_size > j->max_doc) {
            nf__job_problem(j, NF_ERR_TOOBIG, false, "item %zu: page %s too large", f->items,
                            page);
        } else if (nf_file_read(page, &data, &len, &why) != NF_OK) {
            nf__job_problem(j, NF_ERR_IO, false, "item %zu: page %s: %s", f->items, page, why);
        } else {
            char id[256];
            nf_ingest_id_from_path(page, id, sizeof id);
            nf_input_kind k = nf_ingest_sniff(data, len, page);
            rec.path = page;
            rec.id = id;
            rec.data = data;
            rec.len = len;
            rec.kind = k == NF_KIND_TEXT ? NF_KIND_TEXT : NF_KIND_HTML;
            if (j->consumed) {
                char *rp = realpath(page, NULL);
                if (rp) {
                    nf_map_put(j->consumed, rp, strlen(rp), (void *)j);
                    free(rp);
                }
            }
            nf__job_emit(j, &rec);
            free(data);
            item_free(it);
            return;
        }
    }
    const char *body = it->content ? it->content : it->desc;
    if (!body) {
        nf__job_skip(j);
    } else {
        rec.data = body;
        rec.len = strlen(body);
        rec.kind = NF_KIND_HTML;
        if (!link && it->guid) {
            char id[32];
            nf_ingest_id_from_url(it->guid, strlen(it->guid), id, sizeof id);
            rec.id = id;
            nf__job_emit(j, &rec);
        } else {
            nf__job_emit(j, &rec);
        }
    }
    item_free(it);
}

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/"
#define NS_ATOM "http://www.w3.org/2005/Atom"

/* The feed formats' own elements: no namespace (RSS 2.0), Atom, RSS 1.0 and 0.90. */
static bool core_ns(const xmlChar *ns)
{
    return !ns || !ns[0] || is(ns, NS_ATOM) || is(ns, "http://purl.org/rss/1.0/") ||
           is(ns, "http://my.netscape.com/rdf/simple/0.9/");
}

/* An element inside an item, the reader on its start tag. True when it was consumed (the
 * caller moves to the next sibling). */
static bool item_field(feed *f, const xmlChar *ln, const xmlChar *ns)
{
    item *it = &f->it;
    xmlTextReaderPtr r = f->r;
    bool core = core_ns(ns);
    if (is(ln, "title") && core) {
        xmlChar *type = xmlTextReaderGetAttribute(r, BAD_CAST "type");
        bool html = type && (is(type, "html") || is(type, "text/html"));
        xmlFree(type);
        char *t = element_text(f);
        if (html && t)
            html_to_text(t);
        set_once(&it->title, t);
    } else if (is(ln, "link") && core) {
        xmlChar *href = xmlTextReaderGetAttribute(r, BAD_CAST "href");
        if (href) {
            xmlChar *rel = xmlTextReaderGetAttribute(r, BAD_CAST "rel");
            bool alt = !rel || is(rel, "alternate");
            xmlFree(rel);
            if (alt)
                set_once(&it->link, trimmed_dup(href));
            else
                xmlFree(href);
        } else {
            set_once(&it->link, element_text(f));
        }
    } else if (((is(ln, "pubDate") || is(ln, "published")) && core) ||
               ((is(ln, "date") || is(ln, "issued")) && ns_is(ns, NS_DC))) {
        set_once(&it->date, element_text(f));
    } else if ((is(ln, "updated") && core) || (is(ln, "modified") && ns_is(ns, NS_DC))) {
        set_once(&it->updated, element_text(f));
    } else if ((is(ln, "description") || is(ln, "summary")) && core) {
        set_once(&it->desc, element_text(f));
    } else if ((is(ln, "encoded") && ns_is(ns, NS_CONTENT)) ||
               (is(ln, "content") && core)) {
        xmlChar *type = xmlTextReaderGetAttribute(r, BAD_CAST "type");
        bool xhtml = type && is(type, "xhtml");
        xmlFree(type);
        set_once(&it->content, xhtml ? trimmed_dup(xmlTextReaderReadInnerXml(r))
                                     : element_text(f));
    } else if ((is(ln, "guid") && core) || (is(ln, "id") && ns_is(ns, NS_ATOM))) {
        xmlChar *pl = xmlTextReaderGetAttribute(r, BAD_CAST "isPermaLink");
        bool perma = !pl || strcasecmp((const char *)pl, "false") != 0;
        xmlFree(pl);
        char *g = element_text(f);
        if (g && !it->guid)
            it->guid_link = perma && (!strncmp(g, "http://", 7) || !strncmp(g, "https://", 8));
        set_once(&it->guid, g);
    } else if (is(ln, "source") && core && !ns_is(ns, NS_ATOM)) {
        set_once(&it->source, element_text(f));
    } else {
        return false;
    }
    return true;
}

void nf__feed_read(nf__job *j)
{
    feed f;
    memset(&f, 0, sizeof f);
    f.j = j;
    f.chan_depth = -1;
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    f.r = xmlReaderForIO(io_read, io_close, &f, NULL, NULL, opts);
    if (!f.r) {
        nf__job_problem(j, NF_ERR_PARSE, true, "cannot start the XML reader");
        return;
    }
    xmlTextReaderSetStructuredErrorHandler(f.r, on_xml_error, &f);
    /* I/O and encoding errors go to libxml2's generic handler (per thread): silence it
     * while the feed is read, the structured handler above has the reason */
    xmlGenericErrorFunc saved_fn = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    int ret = xmlTextReaderRead(f.r);
    while (ret == 1 && j->cb == NF_OK) {
        int type = xmlTextReaderNodeType(f.r);
        int depth = xmlTextReaderDepth(f.r);
        const xmlChar *ln = xmlTextReaderConstLocalName(f.r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *ns = xmlTextReaderConstNamespaceUri(f.r);
            bool empty = xmlTextReaderIsEmptyElement(f.r) == 1;
            if (f.in_item) {
                if (depth == f.it.depth + 1 && item_field(&f, ln, ns)) {
                    ret = xmlTextReaderNext(f.r);
                    continue;
                }
            } else if (is(ln, "item") || is(ln, "entry")) {
                f.in_item = true;
                memset(&f.it, 0, sizeof f.it);
                f.it.depth = depth;
                if (empty) {
                    f.in_item = false;
                    finish_item(&f);
                }
            } else if (is(ln, "channel") || is(ln, "feed")) {
                if (f.chan_depth < 0)
                    f.chan_depth = depth;
            } else if (is(ln, "title") && f.chan_depth >= 0 && depth == f.chan_depth + 1 &&
                       !f.channel_title) {
                f.channel_title = element_text(&f);
                ret = xmlTextReaderNext(f.r);
                continue;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT && f.in_item && depth == f.it.depth &&
                   (is(ln, "item") || is(ln, "entry"))) {
            f.in_item = false;
            finish_item(&f);
        }
        ret = xmlTextReaderRead(f.r);
    }
    if (f.in_item && j->cb == NF_OK)
        finish_item(&f); /* what there is of the item the error cut */
    item_free(&f.it);
    if (j->cb == NF_OK && (ret < 0 || f.cut)) {
        if (f.cut)
            nf__job_problem(j, NF_ERR_PARSE, true, "item %zu: %s%s", f.items + 1,
                            j->in->brk_why, j->emitted ? "; the items before it were read" : "");
        else
            nf__job_problem(j, NF_ERR_PARSE, true, "invalid XML at line %d: %s%s", f.err_line,
                            f.err[0] ? f.err : "parse error",
                            j->emitted ? "; the items before it were read" : "");
    }
    xmlFreeTextReader(f.r);
    xmlSetGenericErrorFunc(saved_ctx, saved_fn);
    free(f.channel_title);
    if (f.pages)
        nf_map_free(f.pages);
    for (size_t i = 0; i < f.page_paths.len; i++)
        free(f.page_paths.items[i]);
    nf_vec_free(&f.page_paths);
}
