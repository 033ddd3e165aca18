/* The daemon: libmicrohttpd with an internal thread pool. Per request: the raw URI is taken
 * from MHD's URI-log hook (before any unescaping), the client's token bucket is checked (429),
 * the body is bounded (413, answered before reading it when Content-Length says so), then
 * nf_serve_handle answers with the pool thread's own backend handle, and one line is logged
 * when the request completes: "ADDR METHOD PATH STATUS BYTES MSms".
 *
 * Handles: each pool thread opens one backend handle on its first request and keeps it in a
 * thread-specific slot whose destructor closes it when MHD joins the thread at shutdown. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "serve_int.h"

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

void nf_serve_opts_default(nf_serve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->bind = "127.0.0.1";
    o->port = 8080;
    o->threads = 4;
    o->max_body = 16u << 20;
    o->rate = 100;
}

/* ---- rate limit: a token bucket per client address ------------------------------------- */

#define RL_SLOTS 4096
#define RL_PROBE 8

typedef struct {
    uint8_t addr[16];
    bool used;
    double tokens, last;
} rl_slot;

typedef struct {
    pthread_mutex_t lock;
    double rate, burst;
    rl_slot slots[RL_SLOTS];
} rate_limiter;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void addr_key(const struct sockaddr *sa, uint8_t key[16])
{
    memset(key, 0, 16);
    if (!sa)
        return;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &s4->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;
        memcpy(key, &s6->sin6_addr, 16);
    }
}

/* true when the client may make one more request now. When the table is full around the
 * client's slot, the least recently seen neighbour is evicted. */
static bool rl_take(rate_limiter *rl, const uint8_t key[16])
{
    double t = now_s();
    size_t h = (size_t)(nf_hash(key, 16) % RL_SLOTS);
    pthread_mutex_lock(&rl->lock);
    rl_slot *s = NULL, *oldest = NULL;
    for (size_t i = 0; i < RL_PROBE; i++) {
        rl_slot *c = &rl->slots[(h + i) % RL_SLOTS];
        if (c->used && !memcmp(c->addr, key, 16)) {
            s = c;
            break;
        }
        if (!c->used) {
            if (!oldest || oldest->used)
                oldest = c;
        } else if (!oldest || (oldest->used && c->last < oldest->last)) {
            oldest = c;
        }
    }
    if (!s) {
        s = oldest;
        memcpy(s->addr, key, 16);
        s->used = true;
        s->tokens = rl->burst;
        s->last = t;
    }
    s->tokens += (t - s->last) * rl->rate;
    if (s->tokens > rl->burst)
        s->tokens = rl->burst;
    s->last = t;
    bool ok = s->tokens >= 1.0;
    if (ok)
        s->tokens -= 1.0;
    pthread_mutex_unlock(&rl->lock);
    return ok;
}

/* ---- the server ------------------------------------------------------------------------- */

typedef struct {
    const nf_serve_backend *be;
    nf_serve_opts opts;
    pthread_key_t key; /* → thread_handle */
    rate_limiter *rl;  /* NULL: no rate limit */
} server;

typedef struct {
    const nf_serve_backend *be;
    void *handle;
    nf_serve_cache *cache;
} thread_handle;

static void thread_handle_free(void *p)
{
    thread_handle *th = p;
    if (th && th->handle && th->be->close)
        th->be->close(th->handle);
    if (th)
        nf_serve_cache_free(th->cache);
    free(th);
}

/* The calling pool thread's backend handle and page cache; NULL when the store cannot be
 * opened (tried again on the next request). */
static thread_handle *thread_backend(server *sv)
{
    thread_handle *th = pthread_getspecific(sv->key);
    if (th)
        return th;
    void *h = NULL;
    if (sv->be->open(sv->be->ctx, &h) != NF_OK || !h) {
        nf_log(NF_LOG_ERROR, "serve: cannot open the store");
        return NULL;
    }
    th = nf_xmalloc(sizeof *th);
    th->be = sv->be;
    th->handle = h;
    th->cache = nf_serve_cache_new();
    pthread_setspecific(sv->key, th);
    return th;
}

typedef struct {
    char *uri;         /* raw request target */
    char method[16];
    char addr[INET6_ADDRSTRLEN];
    double start;
    unsigned status;
    size_t bytes;
    bool started;      /* first access-handler call done */
    bool too_big;      /* body over the limit: discard the rest, answer 413 */
    nf_buf body;
} req_ctx;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    req_ctx *rc = nf_xcalloc(1, sizeof *rc);
    rc->start = now_s();
    rc->uri = nf_xstrndup(uri ? uri : "", uri ? strlen(uri) : 0);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, rc->addr,
                  sizeof rc->addr);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, rc->addr,
                  sizeof rc->addr);
    else
        snprintf(rc->addr, sizeof rc->addr, "-");
    return rc;
}

/* Path and query are parsed by the router from the raw URI; MHD's own unescaping is off. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

/* Why a request ended without a response of ours (libmicrohttpd answered it, or the client
 * went away), for the log. */
static const char *ended(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return "";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return " (timeout)";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return " (shutdown)";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return " (client closed)";
    default: return " (refused by libmicrohttpd)";
    }
}

static void log_line(const req_ctx *rc, enum MHD_RequestTerminationCode toe)
{
    char path[256];
    size_t n = 0;
    const char *u = rc->uri ? rc->uri : "";
    for (; *u && n + 1 < sizeof path; u++) {
        unsigned char ch = (unsigned char)*u;
        path[n++] = ch < 0x21 || ch >= 0x7f ? '?' : (char)ch; /* no log injection */
    }
    path[n] = 0;
    double ms = (now_s() - rc->start) * 1000.0;
    if (rc->status)
        fprintf(stderr, "%s %s %s %u %zu %.2fms%s\n", rc->addr, rc->method[0] ? rc->method : "-",
                path, rc->status, rc->bytes, ms, ended(toe));
    else
        fprintf(stderr, "%s %s %s - 0 %.2fms%s\n", rc->addr, rc->method[0] ? rc->method : "-", path,
                ms, ended(toe));
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    server *sv = cls;
    req_ctx *rc = *con_cls;
    if (!rc)
        return;
    if (!sv->opts.quiet)
        log_line(rc, toe);
    free(rc->uri);
    nf_buf_free(&rc->body);
    free(rc);
    *con_cls = NULL;
}

static enum MHD_Result queue(struct MHD_Connection *c, req_ctx *rc, nf_serve_response *resp,
                             bool close_after)
{
    size_t len = resp->body.len;
    char *data = nf_buf_detach(&resp->body, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data ? data : (void *)"",
                                                             data ? MHD_RESPMEM_MUST_FREE
                                                                  : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", resp->content_type);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", resp->status == 200 && rc->uri &&
                                                        !strncmp(rc->uri, "/static/", 8)
                                                    ? "public, max-age=3600"
                                                    : "no-store");
    if (resp->allow)
        MHD_add_response_header(r, "Allow", resp->allow);
    if (resp->status == 429)
        MHD_add_response_header(r, "Retry-After", "1");
    if (close_after)
        MHD_add_response_header(r, "Connection", "close");
    rc->status = resp->status;
    rc->bytes = len;
    enum MHD_Result ret = MHD_queue_response(c, resp->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result error_now(struct MHD_Connection *c, req_ctx *rc, unsigned status,
                                 const char *msg, bool close_after)
{
    /* the same error bodies as nf_serve_handle: JSON under /api/, HTML elsewhere */
    nf_serve_response resp = {0};
    bool api = rc->uri && !strncmp(rc->uri, "/api", 4);
    resp.status = status;
    if (api) {
        resp.content_type = "application/json; charset=utf-8";
        nf_buf_printf(&resp.body, "{\"error\":{\"status\":%u,\"message\":\"%s\"}}\n", status, msg);
    } else {
        resp.content_type = "text/html; charset=utf-8";
        nf__render_error(&resp.body, status, msg);
    }
    enum MHD_Result r = queue(c, rc, &resp, close_after);
    nf_serve_response_free(&resp);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)url;
    (void)version;
    server *sv = cls;
    req_ctx *rc = *con_cls;
    if (!rc) /* the URI hook always runs first; this is only a safety net */
        *con_cls = rc = on_uri(NULL, url, c);
    if (!rc->started) {
        rc->started = true;
        snprintf(rc->method, sizeof rc->method, "%s", method ? method : "-");
        if (sv->rl) {
            uint8_t key[16];
            const union MHD_ConnectionInfo *ci =
                MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
            addr_key(ci ? ci->client_addr : NULL, key);
            if (!rl_take(sv->rl, key))
                return error_now(c, rc, 429, "too many requests: slow down", false);
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(cl, &end, 10);
            if (errno || end == cl || v > sv->opts.max_body)
                return error_now(c, rc, 413, "request body too large", true);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!rc->too_big) {
            if (rc->body.len + *upload_size > sv->opts.max_body) {
                rc->too_big = true;
                nf_buf_free(&rc->body);
            } else {
                nf_buf_append(&rc->body, upload, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (rc->too_big)
        return error_now(c, rc, 413, "request body too large", true);

    nf_serve_request req = {.method = rc->method, .body = rc->body.data, .body_len = rc->body.len,
                            .allow_ingest = sv->opts.allow_ingest};
    char *q = strchr(rc->uri, '?');
    if (q) {
        *q = 0; /* the log shows the path only */
        req.query = q + 1;
    }
    char *frag = strchr(rc->uri, '#');
    if (frag)
        *frag = 0;
    req.path = rc->uri;
    thread_handle *th = thread_backend(sv);
    req.cache = th ? th->cache : NULL;
    nf_serve_response resp = {0};
    nf_serve_handle(sv->be, th ? th->handle : NULL, &req, &resp);
    enum MHD_Result r = queue(c, rc, &resp, false);
    nf_serve_response_free(&resp);
    if (q)
        *q = '?';
    return r;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
    nf_log(NF_LOG_WARN, "serve: %s", msg);
}

nf_status nf_serve_run(const nf_serve_backend *be, const nf_serve_opts *o)
{
    server sv = {.be = be, .opts = *o};
    if (!sv.opts.bind)
        sv.opts.bind = "127.0.0.1";
    if (!sv.opts.threads)
        sv.opts.threads = 1;
    if (!sv.opts.max_body)
        sv.opts.max_body = 16u << 20;

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (strchr(sv.opts.bind, ':')) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(sv.opts.port);
        if (inet_pton(AF_INET6, sv.opts.bind, &s6->sin6_addr) != 1)
            return NF_ERR_INVALID;
        flags |= MHD_USE_IPv6;
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons(sv.opts.port);
        if (inet_pton(AF_INET, sv.opts.bind, &s4->sin_addr) != 1)
            return NF_ERR_INVALID;
    }
    if (sv.opts.rate > 0) {
        sv.rl = nf_xcalloc(1, sizeof *sv.rl);
        pthread_mutex_init(&sv.rl->lock, NULL);
        sv.rl->rate = sv.opts.rate;
        sv.rl->burst = sv.opts.burst > 0 ? sv.opts.burst : 2 * sv.opts.rate;
        if (sv.rl->burst < 20)
            sv.rl->burst = 20;
    }
    if (pthread_key_create(&sv.key, thread_handle_free)) {
        free(sv.rl);
        return NF_ERR_NOMEM;
    }

    /* the pool threads inherit this mask; the signals are taken by sigwait below */
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, sv.opts.port, NULL, NULL, on_request, &sv,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)sv.opts.threads,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)&sv,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, (void *)NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)&sv,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)256,
        MHD_OPTION_END);
    if (!d) {
        nf_log(NF_LOG_ERROR, "serve: cannot listen on %s port %u: %s", sv.opts.bind,
               (unsigned)sv.opts.port, strerror(errno));
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_key_delete(sv.key);
        free(sv.rl);
        return NF_ERR_IO;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di && di->port ? di->port : sv.opts.port;
    bool v6 = strchr(sv.opts.bind, ':') != NULL;
    printf("newsfuse: serving http://%s%s%s:%u/ (%u threads, ingest %s, rate limit ",
           v6 ? "[" : "", sv.opts.bind, v6 ? "]" : "", port, sv.opts.threads,
           sv.opts.allow_ingest ? "on" : "off");
    if (sv.rl)
        printf("%g/s per client)\n", sv.opts.rate);
    else
        printf("off)\n");
    fflush(stdout);

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "newsfuse: serve: %s, shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_key_delete(sv.key);
    if (sv.rl) {
        pthread_mutex_destroy(&sv.rl->lock);
        free(sv.rl);
    }
    return NF_OK;
}
