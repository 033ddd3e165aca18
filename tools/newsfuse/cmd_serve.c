/* newsfuse serve: the web app and JSON API over a store (src/serve/, include/newsfuse/serve.h).
 *
 *   newsfuse serve [--db PATH] [--bind ADDR] [--port N] [--threads N] [--allow-ingest]
 *                  [--max-body BYTES] [--rate-limit N] [--quiet] [--brief FILE.json]
 *
 * Prints its URL on stdout once listening, one log line per request on stderr, and runs until
 * SIGINT or SIGTERM. Exit codes: 0 clean shutdown, 2 usage, 3 cannot open the store or listen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "newsfuse/newsfuse.h"
#include "newsfuse/serve.h"

static const char *usage_serve =
    "usage: newsfuse serve [--db PATH] [--bind 127.0.0.1] [--port 8080] [--allow-ingest]\n"
    "\n"
    "Serves the stories of a store as web pages and a JSON API (docs/SERVE.md):\n"
    "  /  /stories/ID  /articles/ID  /entities/NAME  /search?q=   pages\n"
    "  /api/stories[?since=&lang=&source=]  /api/stories/ID  /api/articles/ID\n"
    "  /api/search?q=  /api/entities/NAME  POST /api/ingest        JSON\n"
    "  --db PATH          the store (default newsfuse.db)\n"
    "  --bind ADDR        address to listen on (default 127.0.0.1; IPv6 literals work)\n"
    "  --port N           port (default 8080; 0 picks a free one, printed on stdout)\n"
    "  --threads N        worker threads, each with its own store handle (default 4)\n"
    "  --allow-ingest     accept POST /api/ingest (a page or JSON lines); otherwise 403\n"
    "  --max-body BYTES   request body limit (default 16777216; 413 above)\n"
    "  --rate-limit N     requests per second per client address (default 100, burst 2N;\n"
    "                     429 above; 0 turns it off)\n"
    "  --quiet            no request log on stderr\n"
    "  --brief FILE       serve a brief document (`newsfuse brief --format json`) read-only\n"
    "                     instead of a store\n";

static bool num(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!s || !*s)
        return false;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max)
        return false;
    *out = v;
    return true;
}

int nf_cmd_serve(int argc, char **argv)
{
    nf_serve_opts o;
    nf_serve_opts_default(&o);
    const char *db = "newsfuse.db", *brief = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long n;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_serve, stdout);
            return 0;
        } else if (!strcmp(a, "--allow-ingest")) {
            o.allow_ingest = true;
        } else if (!strcmp(a, "--quiet")) {
            o.quiet = true;
        } else if (!strcmp(a, "--db") && v) {
            db = v, i++;
        } else if (!strcmp(a, "--brief") && v) {
            brief = v, i++;
        } else if (!strcmp(a, "--bind") && v) {
            o.bind = v, i++;
        } else if (!strcmp(a, "--port") && num(v, 65535, &n)) {
            o.port = (uint16_t)n, i++;
        } else if (!strcmp(a, "--threads") && num(v, 256, &n) && n > 0) {
            o.threads = (unsigned)n, i++;
        } else if (!strcmp(a, "--max-body") && num(v, 1ul << 30, &n) && n > 0) {
            o.max_body = n, i++;
        } else if (!strcmp(a, "--rate-limit") && num(v, 1000000, &n)) {
            o.rate = (double)n, i++;
        } else {
            fprintf(stderr, "newsfuse serve: bad option or value: %s\n%s", a, usage_serve);
            return 2;
        }
    }
    nf_serve_backend be;
    nf_status st;
    if (brief) {
        char *text;
        size_t len;
        const char *why;
        if ((st = nf_file_read(brief, &text, &len, &why)) != NF_OK) {
            fprintf(stderr, "newsfuse serve: %s: %s\n", brief, why);
            return 3;
        }
        st = nf_serve_brief_backend(text, len, &be);
        free(text);
        if (st != NF_OK) {
            fprintf(stderr, "newsfuse serve: %s: not a brief document\n", brief);
            return 3;
        }
    } else if ((st = nf_serve_store_backend(db, o.allow_ingest, &be)) != NF_OK) {
        fprintf(stderr, "newsfuse serve: %s: %s%s\n", db, nf_store_errmsg(NULL),
                st == NF_ERR_NOTFOUND ? " (create it with `newsfuse ingest --db PATH FILE|DIR...`)"
                                      : "");
        return 3;
    }
    st = nf_serve_run(&be, &o);
    if (be.free)
        be.free(be.ctx);
    if (st == NF_ERR_INVALID) {
        fprintf(stderr, "newsfuse serve: --bind needs an IPv4 or IPv6 address: %s\n", o.bind);
        return 2;
    }
    return st == NF_OK ? 0 : 3;
}
