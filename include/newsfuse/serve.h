/* newsfuse serve: the web app and JSON API over a store (the only stage that sees HTTP).
 *
 * Layers, outermost first:
 *   nf_serve_run        libmicrohttpd daemon with a thread pool; limits, rate limit, one log
 *                       line per request; each pool thread opens its own backend handle.
 *   nf_serve_handle     one request in, one response out, no sockets: routing, query
 *                       parsing, JSON API and server-rendered HTML pages. Used by the daemon,
 *                       the unit tests and the fuzz target.
 *   nf_serve_backend    where the JSON comes from: the store (nf_serve_store_backend) or a
 *                       brief document held in memory (nf_serve_brief_backend).
 *
 * Everything the backend returns came from ingested pages and is untrusted: the HTML pages
 * escape every string (text, attributes, URLs; only http/https links), the JSON API
 * re-encodes through jansson with '/' escaped. */
#ifndef NEWSFUSE_SERVE_H
#define NEWSFUSE_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsfuse/base.h"

/* Story-list and search filters; NULL (or 0) means "any". Strings are validated by the
 * router before they reach a backend: since is YYYY-MM-DD, lang 2 or 3 lowercase letters. */
typedef struct {
    const char *since;
    const char *lang;
    const char *source;
    const char *entity;
    size_t limit;  /* 0: the backend's default (the store's is 50) */
    size_t offset; /* stories to skip (paging) */
} nf_serve_filter;

/* Each function appends JSON text to out and returns NF_OK, NF_ERR_NOTFOUND (→ 404),
 * NF_ERR_INVALID (→ 400), NF_ERR_TOOBIG (→ 413) or another error (→ 500). A handle is used by
 * one thread at a time; open is called once per server thread, close when it ends. */
typedef struct {
    void *ctx;
    nf_status (*open)(void *ctx, void **handle);
    void (*close)(void *handle);
    /* [{id, headline, summary, outlets, languages, first_published, last_published, ...}] */
    nf_status (*stories)(void *h, const nf_serve_filter *f, nf_buf *out);
    /* the schema's story with its article objects */
    nf_status (*story)(void *h, const char *id, nf_buf *out);
    /* the schema's article with its removed pieces */
    nf_status (*article)(void *h, const char *id, nf_buf *out);
    nf_status (*search)(void *h, const char *q, const nf_serve_filter *f, nf_buf *out);
    nf_status (*entity)(void *h, const char *name, nf_buf *out);
    /* adds a page or a JSONL batch (the bytes of data); out gets a JSON report. NULL: no
     * ingest in this backend (POST /api/ingest answers 403). */
    nf_status (*ingest)(void *h, const char *data, size_t len, nf_buf *out);
    /* frees ctx; may be NULL */
    void (*free)(void *ctx);
} nf_serve_backend;

/* ---- one request, no sockets ------------------------------------------------------------ */

/* Rendered pages of one thread, reused when the backend answers a request with exactly the
 * same JSON as last time (compared by length and a 64-bit hash of the text): the backend is
 * still asked on every request, so a page is never stale, only not rendered twice. */
typedef struct nf_serve_cache nf_serve_cache;
nf_serve_cache *nf_serve_cache_new(void);
void nf_serve_cache_free(nf_serve_cache *c);

typedef struct {
    const char *method;       /* "GET", "HEAD", "POST", ... */
    const char *path;         /* raw, still percent-encoded, without the query */
    const char *query;        /* raw query string without '?', or NULL */
    const char *body;         /* POST body (may be NULL when body_len is 0) */
    size_t body_len;
    bool allow_ingest;        /* the server was started with --allow-ingest */
    nf_serve_cache *cache;    /* the calling thread's page cache, or NULL */
} nf_serve_request;

typedef struct {
    unsigned status;          /* HTTP status */
    const char *content_type; /* static string */
    const char *allow;        /* for 405: the Allow header; else NULL */
    nf_buf body;              /* owned; nf_serve_response_free */
} nf_serve_response;

/* Answers one request. handle is the caller's backend handle (NULL when open failed: every
 * data route answers 503). Never fails: errors become 4xx/5xx responses with a JSON body under
 * /api/ and an HTML page elsewhere. resp must be zero-initialised or freed before reuse. */
void nf_serve_handle(const nf_serve_backend *be, void *handle, const nf_serve_request *req,
                     nf_serve_response *resp);
void nf_serve_response_free(nf_serve_response *resp);

/* ---- the daemon ------------------------------------------------------------------------- */

typedef struct {
    const char *bind;         /* IPv4 or IPv6 literal; default "127.0.0.1" */
    uint16_t port;            /* default 8080; 0 picks a free port */
    unsigned threads;         /* thread-pool size; default 4 */
    bool allow_ingest;        /* POST /api/ingest; default off (403) */
    size_t max_body;          /* request body limit in bytes (413 above); default 16 MiB */
    double rate;              /* requests per second per client address (429 above); default
                               * 100; 0 = off */
    double burst;             /* bucket size; default 2 * rate, at least 20 */
    bool quiet;               /* no request log */
} nf_serve_opts;

void nf_serve_opts_default(nf_serve_opts *o);

/* Starts the daemon, prints "newsfuse: serving http://HOST:PORT/" on stdout, then blocks
 * until SIGINT or SIGTERM and shuts down cleanly. NF_ERR_IO when it cannot listen. */
nf_status nf_serve_run(const nf_serve_backend *be, const nf_serve_opts *o);

/* ---- backends --------------------------------------------------------------------------- */

/* A store file opened once per server thread (see include/newsfuse/store.h): read-only
 * handles, or writable ones (the file created when missing) with ingest when writable. Opens
 * the store once to check it: NF_ERR_NOTFOUND (no file), NF_ERR_IO, NF_ERR_UNSUPPORTED. */
nf_status nf_serve_store_backend(const char *db_path, bool writable, nf_serve_backend *out);

/* A newsfuse.brief/1 JSON document (the output of `newsfuse brief --format json`) held in
 * memory, read-only: for serving a brief without a store, and for tests. Takes the text. */
nf_status nf_serve_brief_backend(const char *json, size_t len, nf_serve_backend *out);

/* ---- escaping (public for the tests) ---------------------------------------------------- */

/* Appends s[0..n) with & < > " ' escaped: safe in text and in quoted attributes. Control
 * characters other than tab and newline become U+FFFD. */
void nf_serve_html_escape(nf_buf *out, const char *s, size_t n);
/* Appends s percent-encoded for one path segment or query value (unreserved bytes kept). */
void nf_serve_url_encode(nf_buf *out, const char *s, size_t n);
/* Decodes %XX and (when plus is true) '+' in s[0..n) into out. false on a malformed escape
 * or a decoded NUL byte. */
bool nf_serve_url_decode(nf_buf *out, const char *s, size_t n, bool plus);
/* true when u is an absolute http:// or https:// URL without spaces or control bytes: the
 * only URLs the pages turn into links. */
bool nf_serve_safe_href(const char *u);

#endif
