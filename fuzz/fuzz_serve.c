/* Fuzz target for the serve stage without sockets: the first line of the input is a request
 * target (path and query, as raw as a client may send it), its first byte also picks the
 * method; the rest is what the backend answers, so the router, the query parser, the
 * JSON re-encoding and every page renderer see arbitrary bytes and arbitrary JSON shapes.
 * Besides crashes and sanitizer reports, an HTML page with markup that did not come from the
 * renderer (a second <script, any <img, a link that is neither local nor http(s)) aborts: the
 * escaping property, fuzzed.
 * Built as a libFuzzer binary with -Dfuzz=true, and always linked with replay_main.c, which
 * feeds it every file of fuzz/corpus/serve/ as an ordinary test. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsfuse/serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const char *payload;
    size_t len;
} fake;

static nf_status answer(fake *f, nf_buf *out)
{
    if (!f->len)
        return NF_ERR_NOTFOUND;
    nf_buf_append(out, f->payload, f->len);
    return NF_OK;
}

static nf_status f_open(void *ctx, void **h)
{
    *h = ctx;
    return NF_OK;
}
static void f_close(void *h) { (void)h; }
static nf_status f_list(void *h, const nf_serve_filter *f, nf_buf *out)
{
    (void)f;
    return answer(h, out);
}
static nf_status f_one(void *h, const char *id, nf_buf *out)
{
    (void)id;
    return answer(h, out);
}
static nf_status f_search(void *h, const char *q, const nf_serve_filter *f, nf_buf *out)
{
    (void)q;
    (void)f;
    return answer(h, out);
}
static nf_status f_ingest(void *h, const char *d, size_t n, nf_buf *out)
{
    (void)d;
    (void)n;
    return answer(h, out);
}

static size_t count(const char *hay, size_t n, const char *needle)
{
    size_t c = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        c += !memcmp(hay + i, needle, k);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *methods[] = {"GET", "GET", "HEAD", "POST", "PUT"};
    const char *nl = memchr(data, '\n', size);
    size_t tl = nl ? (size_t)(nl - (const char *)data) : size;
    char *target = malloc(tl + 1);
    memcpy(target, data, tl);
    target[tl] = 0;
    if (strlen(target) != tl) { /* a NUL inside: the daemon never hands those over */
        free(target);
        return 0;
    }
    fake f = {nl ? nl + 1 : "", nl ? size - tl - 1 : 0};
    nf_serve_backend be = {.ctx = &f, .open = f_open, .close = f_close, .stories = f_list,
                           .story = f_one, .article = f_one, .search = f_search,
                           .entity = f_one, .ingest = f_ingest};
    char *q = strchr(target, '?');
    if (q)
        *q++ = 0;
    nf_serve_request req = {.method = methods[tl ? (unsigned char)target[tl - 1] % 5 : 0],
                            .path = target, .query = q, .body = f.payload, .body_len = f.len,
                            .allow_ingest = true};
    nf_serve_response resp = {0};
    nf_serve_handle(&be, &f, &req, &resp);
    if (resp.status < 200 || resp.status > 599 || !resp.content_type)
        abort();
    if (!strncmp(resp.content_type, "text/html", 9)) {
        const char *b = resp.body.data;
        size_t n = resp.body.len;
        if (count(b, n, "<script") != 1 || count(b, n, "<img"))
            abort();
        /* every link is local (/..., #...) or http(s) */
        for (const char *p = b; (p = strstr(p, " href=\"")); p += 7)
            if (p[7] != '/' && p[7] != '#' && strncasecmp(p + 7, "http://", 7) &&
                strncasecmp(p + 7, "https://", 8))
                abort();
    }
    nf_serve_response_free(&resp);
    free(target);
    return 0;
}
