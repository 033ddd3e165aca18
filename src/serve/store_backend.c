/* The store backend: one nf_store handle per server thread (include/newsfuse/store.h), read
 * only unless the server accepts ingest. The store's JSON goes to the handler unchanged. */
#include <string.h>

#include "newsfuse/store.h"
#include "serve_int.h"

typedef struct {
    char *path;
    int flags;
} store_ctx;

static nf_status s_open(void *ctx, void **out)
{
    store_ctx *c = ctx;
    nf_store *st = NULL;
    nf_status rc = nf_store_open(c->path, c->flags, &st);
    if (rc != NF_OK) {
        nf_log(NF_LOG_ERROR, "serve: %s: %s", c->path, nf_store_errmsg(NULL));
        return rc;
    }
    *out = st;
    return NF_OK;
}

static void s_close(void *h) { nf_store_close(h); }

static void s_free(void *ctx)
{
    store_ctx *c = ctx;
    free(c->path);
    free(c);
}

static nf_store_filter filter(const nf_serve_filter *f)
{
    return (nf_store_filter){.since = f->since, .lang = f->lang, .source = f->source,
                             .entity = f->entity, .limit = f->limit, .offset = f->offset};
}

static nf_status s_stories(void *h, const nf_serve_filter *f, nf_buf *out)
{
    nf_store_filter sf = filter(f);
    return nf_store_stories_json(h, &sf, out);
}

static nf_status s_story(void *h, const char *id, nf_buf *out)
{
    return nf_store_story_json(h, id, out);
}

static nf_status s_article(void *h, const char *id, nf_buf *out)
{
    return nf_store_article_json(h, id, out);
}

static nf_status s_search(void *h, const char *q, const nf_serve_filter *f, nf_buf *out)
{
    nf_store_filter sf = filter(f);
    return nf_store_search_json(h, q, &sf, out);
}

static nf_status s_entity(void *h, const char *name, nf_buf *out)
{
    return nf_store_entity_json(h, name, out);
}

static nf_status s_ingest(void *h, const char *data, size_t len, nf_buf *out)
{
    nf_store_ingest_opts o;
    memset(&o, 0, sizeof o);
    nf_store_ingest_stats s;
    memset(&s, 0, sizeof s);
    nf_status rc = nf_store_ingest_buffer(h, data, len, NULL, &o, &s);
    if (rc != NF_OK)
        return rc;
    if (!s.added && !s.duplicates)
        return NF_ERR_UNSUPPORTED; /* nothing in the body could be read as an article */
    nf_buf_printf(out,
                  "{\"records\":%zu,\"added\":%zu,\"duplicates\":%zu,\"failed\":%zu,"
                  "\"new_stories\":%zu,\"touched\":%zu}\n",
                  s.records, s.added, s.duplicates, s.failed, s.new_stories, s.touched);
    return NF_OK;
}

nf_status nf_serve_store_backend(const char *db_path, bool writable, nf_serve_backend *out)
{
    store_ctx *c = nf_xmalloc(sizeof *c);
    c->path = nf_xstrndup(db_path, strlen(db_path));
    c->flags = writable ? NF_STORE_CREATE : NF_STORE_READONLY;
    /* open once now, so that a missing or unreadable store fails at start, not per request */
    void *h;
    nf_status rc = s_open(c, &h);
    if (rc != NF_OK) {
        s_free(c);
        return rc;
    }
    s_close(h);
    *out = (nf_serve_backend){.ctx = c,
                              .open = s_open,
                              .close = s_close,
                              .stories = s_stories,
                              .story = s_story,
                              .article = s_article,
                              .search = s_search,
                              .entity = s_entity,
                              .ingest = writable ? s_ingest : NULL,
                              .free = s_free};
    return NF_OK;
}
