/* A read-only backend over one newsfuse.brief/1 document (`newsfuse brief --format json`):
 * serves a brief without a store (`newsfuse serve --brief FILE`) and gives the tests a
 * backend that needs no database. Search is a case-insensitive substring match; the store's
 * backend ranks with FTS5 instead.
 *
 * jansson's reference counts are not thread-safe, so every handle parses its own copy of the
 * document; the shared context holds only the text. */
#include <string.h>
#include <strings.h>

#include "serve_int.h"

typedef struct {
    char *text;
    size_t len;
} brief_ctx;

typedef struct {
    json_t *doc;
    const json_t *stories, *articles;
} brief_h;

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static nf_status b_open(void *ctx, void **out)
{
    brief_ctx *c = ctx;
    json_t *doc = json_loadb(c->text, c->len, 0, NULL);
    if (!doc)
        return NF_ERR_PARSE;
    brief_h *h = nf_xcalloc(1, sizeof *h);
    h->doc = doc;
    h->stories = json_object_get(doc, "stories");
    h->articles = json_object_get(doc, "articles");
    *out = h;
    return NF_OK;
}

static void b_close(void *p)
{
    brief_h *h = p;
    json_decref(h->doc);
    free(h);
}

static void b_free(void *p)
{
    brief_ctx *c = p;
    free(c->text);
    free(c);
}

static const json_t *find_article(const brief_h *h, const char *id)
{
    size_t i;
    const json_t *a;
    json_array_foreach(h->articles, i, a)
    {
        const char *aid = jstr(a, "id");
        if (aid && !strcmp(aid, id))
            return a;
    }
    return NULL;
}

static nf_status dump(json_t *v, nf_buf *out)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(v);
    if (!s)
        return NF_ERR_NOMEM;
    nf_buf_puts(out, s);
    free(s);
    return NF_OK;
}

static const char *first_sentence(const json_t *story)
{
    const json_t *sum = json_object_get(story, "summary");
    return jstr(json_array_get(sum, 0), "text");
}

/* strcmp on the dates with missing ones last */
static int date_desc(const void *x, const void *y)
{
    const char *a = jstr(*(json_t *const *)x, "last_published");
    const char *b = jstr(*(json_t *const *)y, "last_published");
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return strcmp(b, a);
}

static bool story_matches(const brief_h *h, const json_t *s, const nf_serve_filter *f)
{
    if (f->since) {
        const char *last = jstr(s, "last_published");
        if (!last || strncmp(last, f->since, 10) < 0)
            return false;
    }
    if (!f->lang && !f->source)
        return true;
    bool lang = !f->lang, source = !f->source;
    size_t i;
    const json_t *id;
    json_array_foreach(json_object_get(s, "articles"), i, id)
    {
        const json_t *a = json_is_string(id) ? find_article(h, json_string_value(id)) : NULL;
        const char *l = jstr(a, "language"), *src = jstr(a, "source");
        lang |= f->lang && l && !strcmp(l, f->lang);
        source |= f->source && src && !strcasecmp(src, f->source);
    }
    return lang && source;
}

static json_t *story_row(const brief_h *h, const json_t *s)
{
    json_t *langs = json_array();
    size_t i;
    const json_t *id;
    json_array_foreach(json_object_get(s, "articles"), i, id)
    {
        const json_t *a = json_is_string(id) ? find_article(h, json_string_value(id)) : NULL;
        const char *l = jstr(a, "language");
        bool seen = !l;
        size_t j;
        const json_t *x;
        json_array_foreach(langs, j, x) seen |= !strcmp(json_string_value(x), l);
        if (!seen)
            json_array_append_new(langs, json_string(l));
    }
    const char *sum = first_sentence(s);
    return json_pack("{s:O?,s:O?,s:s?,s:O?,s:I,s:o,s:O?,s:O?}", "id", json_object_get(s, "id"),
                     "headline", json_object_get(s, "headline"), "summary", sum, "outlets",
                     json_object_get(s, "outlets"), "articles",
                     (json_int_t)json_array_size(json_object_get(s, "articles")), "languages",
                     langs, "first_published", json_object_get(s, "first_published"),
                     "last_published", json_object_get(s, "last_published"));
}

static nf_status b_stories(void *p, const nf_serve_filter *f, nf_buf *out)
{
    brief_h *h = p;
    size_t n = json_array_size(h->stories), k = 0;
    json_t **rows = nf_xcalloc(n + 1, sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        const json_t *s = json_array_get(h->stories, i);
        if (story_matches(h, s, f))
            rows[k++] = story_row(h, s);
    }
    qsort(rows, k, sizeof *rows, date_desc);
    json_t *arr = json_array();
    size_t limit = f->limit ? f->limit : 50;
    for (size_t i = 0; i < k; i++) {
        if (i >= f->offset && i - f->offset < limit)
            json_array_append(arr, rows[i]);
        json_decref(rows[i]);
    }
    free(rows);
    return dump(arr, out);
}

static const json_t *find_story(const brief_h *h, const char *id)
{
    size_t i;
    const json_t *s;
    json_array_foreach(h->stories, i, s)
    {
        const char *sid = jstr(s, "id");
        if (sid && !strcmp(sid, id))
            return s;
    }
    return NULL;
}

static nf_status b_story(void *p, const char *id, nf_buf *out)
{
    brief_h *h = p;
    const json_t *s = find_story(h, id);
    if (!s)
        return NF_ERR_NOTFOUND;
    json_t *arts = json_array();
    size_t i;
    const json_t *aid;
    json_array_foreach(json_object_get(s, "articles"), i, aid)
    {
        const json_t *a = json_is_string(aid) ? find_article(h, json_string_value(aid)) : NULL;
        if (a)
            json_array_append(arts, (json_t *)a);
    }
    return dump(json_pack("{s:s,s:o,s:[O]}", "format", "newsfuse.brief/1", "articles", arts,
                          "stories", (json_t *)s),
                out);
}

static nf_status b_article(void *p, const char *id, nf_buf *out)
{
    brief_h *h = p;
    const json_t *a = find_article(h, id);
    if (!a)
        return NF_ERR_NOTFOUND;
    json_t *o = json_deep_copy(a), *stories = json_array();
    size_t i, j;
    const json_t *s, *x;
    json_array_foreach(h->stories, i, s)
    {
        json_array_foreach(json_object_get(s, "articles"), j, x)
        {
            if (json_is_string(x) && !strcmp(json_string_value(x), id)) {
                json_array_append(stories, json_object_get(s, "id"));
                break;
            }
        }
    }
    json_object_set(o, "story", json_array_get(stories, 0) ? json_array_get(stories, 0) : json_null());
    json_decref(stories);
    return dump(o, out);
}

/* The id (a JSON string) of the story holding article id, or NULL. */
static json_t *story_of(const brief_h *h, const char *id)
{
    size_t i, j;
    const json_t *s, *x;
    json_array_foreach(h->stories, i, s)
    {
        json_array_foreach(json_object_get(s, "articles"), j, x)
        {
            if (id && json_is_string(x) && !strcmp(json_string_value(x), id))
                return json_object_get(s, "id");
        }
    }
    return NULL;
}

static bool has(const char *hay, const char *needle)
{
    return hay && strcasestr(hay, needle) != NULL;
}

static nf_status b_search(void *p, const char *q, const nf_serve_filter *f, nf_buf *out)
{
    brief_h *h = p;
    json_t *hits = json_array();
    size_t i;
    const json_t *s, *a;
    json_array_foreach(h->stories, i, s)
    {
        if (!story_matches(h, s, f))
            continue;
        const char *sum = first_sentence(s);
        if (has(jstr(s, "headline"), q) || has(sum, q))
            json_array_append_new(hits, json_pack("{s:s,s:O?,s:O?,s:s?}", "kind", "story", "story",
                                                  json_object_get(s, "id"), "title",
                                                  json_object_get(s, "headline"), "snippet", sum));
    }
    json_array_foreach(h->articles, i, a)
    {
        if (f->lang && (!jstr(a, "language") || strcmp(jstr(a, "language"), f->lang)))
            continue;
        if (f->source && (!jstr(a, "source") || strcasecmp(jstr(a, "source"), f->source)))
            continue;
        if (!has(jstr(a, "title"), q) && !has(jstr(a, "text"), q))
            continue;
        json_array_append_new(hits, json_pack("{s:s,s:O?,s:O?,s:O?,s:O?,s:O?}", "kind", "article",
                                              "story", story_of(h, jstr(a, "id")),
                                              "article", json_object_get(a, "id"), "title",
                                              json_object_get(a, "title"), "source",
                                              json_object_get(a, "source"), "published",
                                              json_object_get(a, "published")));
        if (f->limit && json_array_size(hits) >= f->limit)
            break;
    }
    return dump(hits, out);
}

static nf_status b_entity(void *p, const char *name, nf_buf *out)
{
    brief_h *h = p;
    json_t *ent = NULL, *stories = json_array(), *quotes = json_array();
    size_t i, j, k;
    const json_t *s, *e, *al;
    json_array_foreach(h->stories, i, s)
    {
        bool in = false;
        json_array_foreach(json_object_get(s, "entities"), j, e)
        {
            bool match = jstr(e, "name") && !strcasecmp(jstr(e, "name"), name);
            json_array_foreach(json_object_get(e, "aliases"), k, al) match |=
                json_is_string(al) && !strcasecmp(json_string_value(al), name);
            if (!match)
                continue;
            in = true;
            if (!ent)
                ent = json_pack("{s:O?,s:O?,s:O?}", "name", json_object_get(e, "name"), "type",
                                json_object_get(e, "type"), "aliases", json_object_get(e, "aliases"));
            break;
        }
        if (!in)
            continue;
        json_array_append_new(stories, story_row(h, s));
        const char *canon = jstr(ent, "name");
        json_array_foreach(json_object_get(s, "quotes"), j, e)
        {
            const char *sp = jstr(e, "speaker");
            if (sp && canon && !strcmp(sp, canon))
                json_array_append_new(quotes, json_pack("{s:O?,s:O?,s:O?,s:O?}", "text",
                                                        json_object_get(e, "text"), "speaker",
                                                        json_object_get(e, "speaker"), "story",
                                                        json_object_get(s, "id"), "articles",
                                                        json_object_get(e, "articles")));
        }
    }
    if (!ent) {
        json_decref(stories);
        json_decref(quotes);
        return NF_ERR_NOTFOUND;
    }
    return dump(json_pack("{s:s,s:[o],s:o,s:o}", "name", name, "entities", ent, "stories", stories,
                          "quotes", quotes),
                out);
}

nf_status nf_serve_brief_backend(const char *json, size_t len, nf_serve_backend *out)
{
    json_t *doc = json_loadb(json, len, 0, NULL);
    bool ok = doc && json_is_array(json_object_get(doc, "stories")) &&
              json_is_array(json_object_get(doc, "articles"));
    json_decref(doc);
    if (!ok)
        return NF_ERR_PARSE;
    brief_ctx *c = nf_xmalloc(sizeof *c);
    c->text = nf_xstrndup(json, len);
    c->len = len;
    *out = (nf_serve_backend){.ctx = c,
                              .open = b_open,
                              .close = b_close,
                              .stories = b_stories,
                              .story = b_story,
                              .article = b_article,
                              .search = b_search,
                              .entity = b_entity,
                              .ingest = NULL,
                              .free = b_free};
    return NF_OK;
}
