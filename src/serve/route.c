/* The router: raw request path → route and decoded argument; raw query → decoded values.
 * Paths arrive still percent-encoded (the daemon turns libmicrohttpd's unescaping off) so
 * that an id containing %2F stays one segment. Everything here is fuzzed (fuzz/fuzz_serve.c). */
#include <string.h>

#include "serve_int.h"

bool nf__utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            k = 1;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + k >= n)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + j] & 0x3fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

/* The n-th segment (0-based) of path: *seg, *len; false when there are fewer. */
static bool segment(const char *path, size_t n, const char **seg, size_t *len)
{
    const char *p = path;
    for (size_t i = 0;; i++) {
        if (*p != '/')
            return false;
        p++;
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (i == n) {
            *seg = p;
            *len = l;
            return true;
        }
        p += l;
    }
}

static bool seg_is(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && !memcmp(s, lit, n);
}

/* Number of non-empty segments; a trailing slash is allowed, empty inner segments are not
 * (returns -1). */
static int count_segments(const char *path)
{
    int n = 0;
    const char *p = path;
    while (*p == '/') {
        p++;
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == 0)
            return *p ? -1 : n; /* "//" inside, or the trailing slash */
        n++;
        p += l;
    }
    return *p ? -1 : n;
}

static nf__route_kind with_arg(const char *path, size_t i, nf_buf *arg, nf__route_kind k)
{
    const char *s;
    size_t n;
    if (!segment(path, i, &s, &n))
        return NF__R_NOTFOUND;
    nf_buf_clear(arg);
    if (!nf_serve_url_decode(arg, s, n, false) || !arg->len || arg->len > NF__MAX_ARG ||
        !nf__utf8_valid(arg->data, arg->len))
        return NF__R_BAD;
    return k;
}

bool nf__route_is_api(const char *path)
{
    return path && (!strncmp(path, "/api/", 5) || !strcmp(path, "/api"));
}

nf__route_kind nf__route(const char *path, nf_buf *arg)
{
    if (!path || path[0] != '/')
        return NF__R_BAD;
    int n = count_segments(path);
    if (n < 0)
        return NF__R_NOTFOUND;
    if (n == 0)
        return NF__R_HOME;
    const char *s0 = NULL, *s1 = NULL;
    size_t l0 = 0, l1 = 0;
    segment(path, 0, &s0, &l0);
    bool has1 = n >= 2 && segment(path, 1, &s1, &l1);
    if (seg_is(s0, l0, "api")) {
        if (!has1)
            return NF__R_NOTFOUND;
        if (seg_is(s1, l1, "stories"))
            return n == 2 ? NF__R_API_STORIES
                   : n == 3 ? with_arg(path, 2, arg, NF__R_API_STORY) : NF__R_NOTFOUND;
        if (seg_is(s1, l1, "articles") && n == 3)
            return with_arg(path, 2, arg, NF__R_API_ARTICLE);
        if (seg_is(s1, l1, "entities") && n == 3)
            return with_arg(path, 2, arg, NF__R_API_ENTITY);
        if (seg_is(s1, l1, "search") && n == 2)
            return NF__R_API_SEARCH;
        if (seg_is(s1, l1, "ingest") && n == 2)
            return NF__R_API_INGEST;
        return NF__R_NOTFOUND;
    }
    if (seg_is(s0, l0, "stories"))
        return n == 1 ? NF__R_HOME : n == 2 ? with_arg(path, 1, arg, NF__R_STORY) : NF__R_NOTFOUND;
    if (seg_is(s0, l0, "articles") && n == 2)
        return with_arg(path, 1, arg, NF__R_ARTICLE);
    if (seg_is(s0, l0, "entities") && n == 2)
        return with_arg(path, 1, arg, NF__R_ENTITY);
    if (seg_is(s0, l0, "search") && n == 1)
        return NF__R_SEARCH;
    if (seg_is(s0, l0, "static") && n == 2) {
        if (seg_is(s1, l1, "style.css"))
            return NF__R_CSS;
        if (seg_is(s1, l1, "app.js"))
            return NF__R_JS;
    }
    return NF__R_NOTFOUND;
}

int nf__query_get(const char *query, const char *key, nf_buf *out)
{
    nf_buf_clear(out);
    if (!query)
        return 0;
    size_t klen = strlen(key);
    const char *p = query;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t l = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', l);
        size_t kl = eq ? (size_t)(eq - p) : l;
        if (kl == klen && !memcmp(p, key, klen)) {
            if (!eq)
                return 1; /* "?q" : present and empty */
            const char *v = eq + 1;
            size_t vl = l - kl - 1;
            if (!nf_serve_url_decode(out, v, vl, true) || out->len > NF__MAX_ARG ||
                !nf__utf8_valid(out->data, out->len)) {
                nf_buf_clear(out);
                return -1;
            }
            return 1;
        }
        p += l;
        if (*p == '&')
            p++;
    }
    return 0;
}
