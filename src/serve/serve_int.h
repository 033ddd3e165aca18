/* Internals of the serve stage: router, renderers, static assets. */
#ifndef NF_SERVE_INT_H
#define NF_SERVE_INT_H

#include <jansson.h>

#include "newsfuse/serve.h"

typedef enum {
    NF__R_NOTFOUND,
    NF__R_BAD,      /* malformed path: 400 */
    NF__R_HOME,     /* /                      story list */
    NF__R_STORY,    /* /stories/{id} */
    NF__R_ARTICLE,  /* /articles/{id} */
    NF__R_ENTITY,   /* /entities/{name} */
    NF__R_SEARCH,   /* /search?q= */
    NF__R_CSS,      /* /static/style.css */
    NF__R_JS,       /* /static/app.js */
    NF__R_API_STORIES,
    NF__R_API_STORY,
    NF__R_API_ARTICLE,
    NF__R_API_SEARCH,
    NF__R_API_ENTITY,
    NF__R_API_INGEST,
} nf__route_kind;

/* Longest decoded path argument (id or entity name) and query value accepted. */
#define NF__MAX_ARG 1024

/* Parses a raw path. For routes with an argument, arg receives it percent-decoded (valid
 * UTF-8, no NUL); the caller owns arg. */
nf__route_kind nf__route(const char *path, nf_buf *arg);
/* true for routes under /api/ (errors answered in JSON). */
bool nf__route_is_api(const char *path);
/* Looks key up in a raw query string; the first occurrence's value is decoded into out
 * (cleared first). Returns 1 found, 0 absent, -1 malformed (bad escape, NUL, invalid UTF-8,
 * longer than NF__MAX_ARG). */
int nf__query_get(const char *query, const char *key, nf_buf *out);
bool nf__utf8_valid(const char *s, size_t n);

/* Pages. Each appends a whole HTML document; strings from JSON are escaped. Returns NF_OK,
 * or NF_ERR_PARSE when the JSON does not have the expected shape. */
void nf__page_begin(nf_buf *out, const char *title, const char *q);
void nf__page_end(nf_buf *out);
nf_status nf__render_home(nf_buf *out, const json_t *stories, const nf_serve_filter *f);
nf_status nf__render_story(nf_buf *out, const json_t *root);
nf_status nf__render_article(nf_buf *out, const json_t *root);
nf_status nf__render_entity(nf_buf *out, const json_t *root, const char *name);
/* results may be NULL (empty query: the form alone) */
nf_status nf__render_search(nf_buf *out, const json_t *results, const char *q);
void nf__render_error(nf_buf *out, unsigned status, const char *message);

extern const char nf__style_css[];
extern const char nf__app_js[];

#endif
