/* One request → one response, without sockets: method checks, routing, filters, the backend
 * call, then either the backend's JSON (API) or an HTML page rendered from it. */
#include <string.h>

#include "serve_int.h"

static const char CT_JSON[] = "application/json; charset=utf-8";
static const char CT_HTML[] = "text/html; charset=utf-8";

void nf_serve_response_free(nf_serve_response *resp)
{
    nf_buf_free(&resp->body);
    memset(resp, 0, sizeof *resp);
}

static void fail(nf_serve_response *resp, bool api, unsigned status, const char *msg)
{
    resp->status = status;
    nf_buf_clear(&resp->body);
    if (api) {
        resp->content_type = CT_JSON;
        json_t *o = json_pack("{s:{s:i,s:s}}", "error", "status", (json_int_t)status, "message", msg);
        char *s = o ? json_dumps(o, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;
        if (s) {
            nf_buf_puts(&resp->body, s);
            nf_buf_putc(&resp->body, '\n');
        }
        free(s);
        json_decref(o);
    } else {
        resp->content_type = CT_HTML;
        nf__render_error(&resp->body, status, msg);
    }
}

static bool valid_date(const char *s)
{
    /* YYYY-MM-DD */
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool valid_lang(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

/* Query values live in these buffers for the duration of the request. */
typedef struct {
    nf_buf since, lang, source, entity, limit, offset, q;
} query_bufs;

static void query_bufs_free(query_bufs *b)
{
    nf_buf_free(&b->since);
    nf_buf_free(&b->lang);
    nf_buf_free(&b->source);
    nf_buf_free(&b->entity);
    nf_buf_free(&b->limit);
    nf_buf_free(&b->offset);
    nf_buf_free(&b->q);
}

/* A decimal number in [lo, hi]. */
static bool number(const nf_buf *b, size_t lo, size_t hi, size_t *out)
{
    size_t v = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (c < '0' || c > '9' || v > hi)
            return false;
        v = v * 10 + (size_t)(c - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Reads the filters; an empty value means "any". NULL on success, else the 400 message. */
static const char *read_filter(const char *query, query_bufs *b, nf_serve_filter *f)
{
    memset(f, 0, sizeof *f);
    int r;
    if ((r = nf__query_get(query, "since", &b->since)) < 0)
        return "malformed since";
    if (r > 0 && b->since.len) {
        if (!valid_date(b->since.data))
            return "since must be a date YYYY-MM-DD";
        f->since = b->since.data;
    }
    if ((r = nf__query_get(query, "lang", &b->lang)) < 0)
        return "malformed lang";
    if (r > 0 && b->lang.len) {
        if (!valid_lang(b->lang.data))
            return "lang must be a two- or three-letter language code";
        f->lang = b->lang.data;
    }
    if ((r = nf__query_get(query, "source", &b->source)) < 0)
        return "malformed source";
    if (r > 0 && b->source.len)
        f->source = b->source.data;
    if ((r = nf__query_get(query, "entity", &b->entity)) < 0)
        return "malformed entity";
    if (r > 0 && b->entity.len)
        f->entity = b->entity.data;
    if ((r = nf__query_get(query, "limit", &b->limit)) < 0)
        return "malformed limit";
    if (r > 0 && b->limit.len) {
        if (!number(&b->limit, 1, 1000, &f->limit))
            return "limit must be a number from 1 to 1000";
    }
    if ((r = nf__query_get(query, "offset", &b->offset)) < 0)
        return "malformed offset";
    if (r > 0 && b->offset.len) {
        if (!number(&b->offset, 0, 1000000, &f->offset))
            return "offset must be a number from 0 to 1000000";
    }
    return NULL;
}

static void status_fail(nf_serve_response *resp, bool api, nf_status st, const char *what)
{
    switch (st) {
    case NF_ERR_NOTFOUND: fail(resp, api, 404, what); break;
    case NF_ERR_INVALID:
    case NF_ERR_PARSE:
    case NF_ERR_EMPTY:
    case NF_ERR_BINARY:
    case NF_ERR_ENCODING:
    case NF_ERR_UNSUPPORTED: fail(resp, api, 400, nf_status_str(st)); break;
    case NF_ERR_TOOBIG: fail(resp, api, 413, "request too large"); break;
    default: fail(resp, api, 500, "internal error"); break;
    }
}

/* ---- page cache: direct-mapped by request, validated by the JSON it was rendered from ---- */

#define CACHE_SLOTS 64
#define CACHE_MAX_PAGE (512u << 10)

typedef struct {
    uint64_t key, json_hash;
    size_t json_len;
    char *html;
    size_t html_len;
} cache_slot;

struct nf_serve_cache {
    cache_slot slot[CACHE_SLOTS];
};

nf_serve_cache *nf_serve_cache_new(void) { return nf_xcalloc(1, sizeof(nf_serve_cache)); }

void nf_serve_cache_free(nf_serve_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        free(c->slot[i].html);
    free(c);
}

static uint64_t request_key(nf__route_kind k, const nf_serve_request *req)
{
    nf_buf b = {0};
    nf_buf_printf(&b, "%d %s?%s", (int)k, req->path ? req->path : "", req->query ? req->query : "");
    uint64_t h = nf_hash(b.data, b.len);
    nf_buf_free(&b);
    return h;
}

/* The backend's JSON for the API, or rendered into a page. */
static void answer(nf_serve_response *resp, nf__route_kind k, bool api, const nf_buf *json,
                   const nf_serve_filter *f, const char *arg, nf_serve_cache *cache,
                   uint64_t key)
{
    if (api) {
        /* The backends write their JSON with jansson; it goes out as written, except that
         * "</" becomes "<\/" (the same string in JSON, and never an end tag to a browser
         * that sniffs). A "</" can only occur inside a JSON string. */
        const char *p = json->data ? json->data : "";
        size_t n = json->len, run = 0;
        nf_buf_clear(&resp->body);
        nf_buf_reserve(&resp->body, n + 16);
        for (size_t i = 0; i + 1 < n; i++) {
            if (p[i] == '<' && p[i + 1] == '/') {
                nf_buf_append(&resp->body, p + run, i + 1 - run);
                nf_buf_putc(&resp->body, '\\');
                run = i + 1;
            }
        }
        nf_buf_append(&resp->body, p + run, n - run);
        if (!n || p[n - 1] != '\n')
            nf_buf_putc(&resp->body, '\n');
        resp->content_type = CT_JSON;
        resp->status = 200;
        return;
    }
    cache_slot *slot = cache ? &cache->slot[key % CACHE_SLOTS] : NULL;
    uint64_t jh = cache ? nf_hash(json->data ? json->data : "", json->len) : 0;
    if (slot && slot->html && slot->key == key && slot->json_hash == jh &&
        slot->json_len == json->len) {
        nf_buf_clear(&resp->body);
        nf_buf_append(&resp->body, slot->html, slot->html_len);
        resp->content_type = CT_HTML;
        resp->status = 200;
        return;
    }
    json_error_t err;
    json_t *root = json_loadb(json->data ? json->data : "", json->len, 0, &err);
    if (!root) {
        nf_log(NF_LOG_ERROR, "serve: backend JSON does not parse: %s", err.text);
        fail(resp, api, 500, "internal error");
        return;
    }
    nf_buf_clear(&resp->body);
    nf_status st = NF_OK;
    resp->content_type = CT_HTML;
    switch (k) {
    case NF__R_HOME: st = nf__render_home(&resp->body, root, f); break;
    case NF__R_STORY: st = nf__render_story(&resp->body, root); break;
    case NF__R_ARTICLE: st = nf__render_article(&resp->body, root); break;
    case NF__R_ENTITY: st = nf__render_entity(&resp->body, root, arg); break;
    case NF__R_SEARCH: st = nf__render_search(&resp->body, root, arg); break;
    default: st = NF_ERR_INVALID;
    }
    json_decref(root);
    if (st != NF_OK) {
        nf_log(NF_LOG_ERROR, "serve: cannot render: %s", nf_status_str(st));
        fail(resp, api, 500, "internal error");
        return;
    }
    resp->status = 200;
    if (slot && resp->body.len <= CACHE_MAX_PAGE) {
        free(slot->html);
        *slot = (cache_slot){.key = key, .json_hash = jh, .json_len = json->len,
                             .html = nf_xstrndup(resp->body.data, resp->body.len),
                             .html_len = resp->body.len};
    }
}

void nf_serve_handle(const nf_serve_backend *be, void *h, const nf_serve_request *req,
                     nf_serve_response *resp)
{
    nf_buf_clear(&resp->body);
    resp->allow = NULL;
    const char *path = req->path ? req->path : "";
    const char *method = req->method ? req->method : "";
    bool api = nf__route_is_api(path);
    nf_buf arg = {0};
    nf__route_kind k = nf__route(path, &arg);
    const char *a = arg.data ? arg.data : "";
    bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    query_bufs qb = {0};
    nf_serve_filter f;
    const char *bad;
    nf_buf json = {0};
    nf_status st = NF_OK;

    if (k == NF__R_BAD) {
        fail(resp, api, 400, "malformed path");
        goto done;
    }
    if (k == NF__R_NOTFOUND) {
        fail(resp, api, 404, "no such page");
        goto done;
    }
    if (k == NF__R_API_INGEST) {
        if (strcmp(method, "POST")) {
            resp->allow = "POST";
            fail(resp, true, 405, "method not allowed: use POST");
            goto done;
        }
    } else if (!get) {
        resp->allow = "GET, HEAD";
        fail(resp, api, 405, "method not allowed: use GET");
        goto done;
    }
    if (k == NF__R_CSS || k == NF__R_JS) {
        resp->status = 200;
        resp->content_type = k == NF__R_CSS ? "text/css; charset=utf-8"
                                            : "text/javascript; charset=utf-8";
        nf_buf_puts(&resp->body, k == NF__R_CSS ? nf__style_css : nf__app_js);
        goto done;
    }
    if (k == NF__R_API_INGEST && (!req->allow_ingest || !be->ingest)) {
        fail(resp, true, 403, "ingest is off: start the server with --allow-ingest");
        goto done;
    }
    if ((bad = read_filter(req->query, &qb, &f))) {
        fail(resp, api, 400, bad);
        goto done;
    }
    if (!h) {
        fail(resp, api, 503, "the store cannot be opened");
        goto done;
    }
    switch (k) {
    case NF__R_HOME:
    case NF__R_API_STORIES:
        st = be->stories(h, &f, &json);
        break;
    case NF__R_STORY:
    case NF__R_API_STORY:
        st = be->story(h, a, &json);
        break;
    case NF__R_ARTICLE:
    case NF__R_API_ARTICLE:
        st = be->article(h, a, &json);
        break;
    case NF__R_ENTITY:
    case NF__R_API_ENTITY:
        st = be->entity(h, a, &json);
        break;
    case NF__R_SEARCH:
    case NF__R_API_SEARCH: {
        int r = nf__query_get(req->query, "q", &qb.q);
        const char *q = qb.q.data ? qb.q.data : "";
        if (r < 0) {
            fail(resp, api, 400, "malformed q");
            goto done;
        }
        size_t i = 0;
        while (q[i] == ' ' || q[i] == '\t')
            i++;
        if (!q[i]) {
            if (api) {
                fail(resp, true, 400, "missing q: /api/search?q=WORDS");
            } else {
                resp->status = 200;
                resp->content_type = CT_HTML;
                nf__render_search(&resp->body, NULL, q);
            }
            goto done;
        }
        st = be->search(h, q, &f, &json);
        nf_buf_clear(&arg);
        nf_buf_puts(&arg, q);
        a = arg.data;
        break;
    }
    case NF__R_API_INGEST:
        if (!req->body_len) {
            fail(resp, true, 400, "empty body: send a page or JSON lines");
            goto done;
        }
        st = be->ingest(h, req->body, req->body_len, &json);
        break;
    default:
        fail(resp, api, 404, "no such page");
        goto done;
    }
    if (st != NF_OK) {
        const char *what = k == NF__R_STORY || k == NF__R_API_STORY       ? "no story with this id"
                           : k == NF__R_ARTICLE || k == NF__R_API_ARTICLE ? "no article with this id"
                           : k == NF__R_ENTITY || k == NF__R_API_ENTITY   ? "no entity with this name"
                                                                          : "not found";
        status_fail(resp, api, st, what);
        goto done;
    }
    answer(resp, k, api, &json, &f, a, req->cache, req->cache ? request_key(k, req) : 0);
done:
    if (!resp->content_type)
        resp->content_type = CT_HTML;
    nf_buf_free(&json);
    nf_buf_free(&arg);
    query_bufs_free(&qb);
}
