/* newsfuse scan: reads inputs of any size record by record and reports what ingest found;
 * with --extract it also extracts every record and streams the articles out, keeping
 * nothing, so memory stays flat however large the input (a crawl's WARC.gz).
 *
 *   newsfuse scan [--extract] [--format none|jsonl|md] [--jobs N] [--dct DATE] [--plain]
 *                 FILE|DIR...
 *
 * With --jobs N (N > 1) the reading thread copies each record into a ring of 4N slots and N
 * worker threads extract them; articles are written in input order from the ring, so memory
 * is bounded by the ring (4N records) whatever the input size.
 *
 * The counts (tab-separated "name<TAB>value" lines: inputs, records, skipped, damaged,
 * errors, input MB, record MB, seconds, record MB/s) go to stdout, or to stderr when
 * articles are written to stdout. Exit codes as for the other commands: 0 all read, 1 some
 * inputs or records unreadable (named on stderr), 2 usage, 3 nothing read. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsfuse/newsfuse.h"

int nf_cmd_scan(int argc, char **argv);

static const char *usage_scan =
    "usage: newsfuse scan [--extract] [--format none|jsonl|md] [--jobs N] [--dct DATE]\n"
    "                     [--plain] FILE|DIR...\n"
    "\n"
    "Streams the inputs record by record (pages, WARC/WARC.gz, JSONL, RSS/Atom feeds, - for\n"
    "standard input) and prints the counts: records read, skipped (not HTML, redirects),\n"
    "damaged, bytes and speed. Memory stays flat whatever the input size.\n"
    "  --extract        also extract every record (body, title, date, source)\n"
    "  --format jsonl   with --extract: write each article as it is extracted (jsonl or md;\n"
    "                   default none: extract and count only)\n"
    "  --jobs N         extract with N threads (output stays in input order; default 1)\n"
    "  --dct DATE       the date to assume (YYYY-MM-DD) for pages that state none\n"
    "  --plain          read records as clean article text (no boilerplate removal)\n";

/* One record in flight between the reading thread and the workers: a private copy. */
typedef struct {
    enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE } state;
    nf_record rec;
    char *blob;       /* the record's bytes and strings */
    nf_buf out;       /* the article, formatted */
    nf_status st;
} slot;

typedef struct {
    bool extract, plain, write;
    nf_format fmt;
    nf_extract_opts xo;
    nf_buf out;
    size_t failed, extracted, extract_failed;
    int write_error;
    /* --jobs */
    int jobs;
    slot *ring;
    size_t nslots, next_in, next_take, next_out;
    bool closing;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} scan;

static void on_error(const char *path, nf_status st, const char *why, void *user)
{
    (void)st;
    scan *s = user;
    s->failed++;
    fprintf(stderr, "newsfuse: %s: %s\n", path, why);
}

static void flush_out(scan *s)
{
    if (s->out.len && fwrite(s->out.data, 1, s->out.len, stdout) != s->out.len)
        s->write_error = 1;
    nf_buf_clear(&s->out);
}

/* Extracts one record; the article goes to out when writing. */
static nf_status extract_one(scan *s, const nf_record *rec, nf_buf *out)
{
    nf_doc *doc;
    nf_status st = s->plain ? nf_extract_plain(rec, &s->xo, &doc) : nf_extract(rec, &s->xo, &doc);
    if (st != NF_OK)
        return st;
    if (s->write)
        nf_brief_write_article(out, doc, s->fmt);
    nf_doc_free(doc);
    return NF_OK;
}

static void count_result(scan *s, const nf_record *rec, nf_status st)
{
    if (st == NF_OK) {
        s->extracted++;
        return;
    }
    s->extract_failed++;
    s->failed++;
    if (rec->index)
        fprintf(stderr, "newsfuse: %s: record %zu: %s\n", rec->path, rec->index,
                nf_status_str(st));
    else
        fprintf(stderr, "newsfuse: %s: %s\n", rec->path, nf_status_str(st));
}

/* A copy of rec whose bytes and strings live in one heap block. */
static char *copy_record(const nf_record *src, nf_record *dst)
{
    const char *strs[] = {src->path, src->id, src->url, src->published,
                          src->source, src->title, src->charset, src->crawled};
    size_t n = src->len + 1;
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        n += strs[i] ? strlen(strs[i]) + 1 : 0;
    char *blob = nf_xmalloc(n), *p = blob;
    *dst = *src;
    memcpy(p, src->data, src->len);
    p[src->len] = '\0';
    dst->data = p;
    p += src->len + 1;
    const char **outs[] = {&dst->path, &dst->id, &dst->url, &dst->published,
                           &dst->source, &dst->title, &dst->charset, &dst->crawled};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        if (!strs[i])
            continue;
        size_t k = strlen(strs[i]) + 1;
        memcpy(p, strs[i], k);
        *outs[i] = p;
        p += k;
    }
    return blob;
}

/* With the lock held: writes the finished slots in input order and frees them. */
static void drain_locked(scan *s)
{
    while (s->next_out < s->next_in) {
        slot *sl = &s->ring[s->next_out % s->nslots];
        if (sl->state != SLOT_DONE)
            break;
        count_result(s, &sl->rec, sl->st);
        if (sl->out.len) {
            nf_buf_append(&s->out, sl->out.data, sl->out.len);
            nf_buf_clear(&sl->out);
            if (s->out.len > (1u << 20))
                flush_out(s);
        }
        free(sl->blob);
        sl->blob = NULL;
        sl->state = SLOT_FREE;
        s->next_out++;
        pthread_cond_broadcast(&s->cv);
    }
}

static void *worker(void *arg)
{
    scan *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (s->next_take < s->next_in &&
               s->ring[s->next_take % s->nslots].state != SLOT_READY)
            s->next_take++;
        if (s->next_take < s->next_in) {
            slot *sl = &s->ring[s->next_take++ % s->nslots];
            sl->state = SLOT_BUSY;
            pthread_mutex_unlock(&s->mu);
            nf_status st = extract_one(s, &sl->rec, &sl->out);
            pthread_mutex_lock(&s->mu);
            sl->st = st;
            sl->state = SLOT_DONE;
            pthread_cond_broadcast(&s->cv);
            continue;
        }
        if (s->closing)
            break;
        pthread_cond_wait(&s->cv, &s->mu);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static nf_status on_record(const nf_record *rec, void *user)
{
    scan *s = user;
    if (!s->extract)
        return NF_OK;
    if (s->jobs <= 1) {
        nf_status st = extract_one(s, rec, &s->out);
        count_result(s, rec, st);
        if (s->out.len > (1u << 20))
            flush_out(s);
        return s->write_error ? NF_ERR_IO : NF_OK;
    }
    pthread_mutex_lock(&s->mu);
    for (;;) {
        drain_locked(s);
        if (s->ring[s->next_in % s->nslots].state == SLOT_FREE)
            break;
        pthread_cond_wait(&s->cv, &s->mu);
    }
    slot *sl = &s->ring[s->next_in % s->nslots];
    sl->blob = copy_record(rec, &sl->rec);
    sl->state = SLOT_READY;
    s->next_in++;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return s->write_error ? NF_ERR_IO : NF_OK;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int nf_cmd_scan(int argc, char **argv)
{
    scan s;
    memset(&s, 0, sizeof s);
    const char *format = "none";
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_scan, stdout);
            return 0;
        } else if (!strcmp(a, "--extract")) {
            s.extract = true;
        } else if (!strcmp(a, "--plain")) {
            s.plain = true;
        } else if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
            if (i + 1 >= argc || atoi(argv[i + 1]) < 1 || atoi(argv[i + 1]) > 256) {
                fprintf(stderr, "newsfuse: %s needs a number of threads, 1 to 256\n", a);
                return 2;
            }
            s.jobs = atoi(argv[++i]);
        } else if (!strcmp(a, "--format") || !strcmp(a, "--dct")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "newsfuse: %s needs a value (see --help)\n", a);
                return 2;
            }
            if (!strcmp(a, "--format"))
                format = argv[++i];
            else
                s.xo.dct = argv[++i];
        } else if (!strncmp(a, "--format=", 9)) {
            format = a + 9;
        } else if (!strncmp(a, "--dct=", 6)) {
            s.xo.dct = a + 6;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "newsfuse: unknown option %s (see --help)\n", a);
            return 2;
        } else {
            argv[n++] = argv[i];
        }
    }
    if (!strcmp(format, "jsonl") || !strcmp(format, "json")) {
        s.fmt = NF_FMT_JSONL;
        s.write = true;
    } else if (!strcmp(format, "md")) {
        s.fmt = NF_FMT_MD;
        s.write = true;
    } else if (strcmp(format, "none") != 0) {
        fprintf(stderr, "newsfuse: --format %s: use none, jsonl or md\n", format);
        return 2;
    }
    if (s.write)
        s.extract = true;
    if (s.xo.dct) {
        nf_date d;
        if (nf_date_parse_iso(s.xo.dct, strlen(s.xo.dct), &d) != NF_OK) {
            fprintf(stderr, "newsfuse: --dct %s: not a date (YYYY-MM-DD)\n", s.xo.dct);
            return 2;
        }
    }
    if (n == 0) {
        fputs(usage_scan, stderr);
        return 2;
    }
    nf_buf_init(&s.out);
    nf_ingest_opts io;
    memset(&io, 0, sizeof io);
    io.on_record = on_record;
    io.on_error = on_error;
    io.user = &s;
    nf_ingest_stats st;
    double t0 = now_s();
    pthread_t *threads = NULL;
    if (s.jobs > 1 && s.extract) {
        /* one extraction first, in this thread, so that the parser and language profiles
         * are initialised before the workers start */
        static const char warm[] = "<html><body><p>Warm-up.</p></body></html>";
        nf_record w = {.path = "-", .id = "warm-up", .data = warm, .len = sizeof warm - 1,
                       .kind = NF_KIND_HTML};
        nf_buf scratch;
        nf_buf_init(&scratch);
        extract_one(&s, &w, &scratch);
        nf_buf_free(&scratch);
        s.nslots = (size_t)s.jobs * 4;
        s.ring = nf_xcalloc(s.nslots, sizeof *s.ring);
        for (size_t i = 0; i < s.nslots; i++)
            nf_buf_init(&s.ring[i].out);
        pthread_mutex_init(&s.mu, NULL);
        pthread_cond_init(&s.cv, NULL);
        threads = nf_xcalloc((size_t)s.jobs, sizeof *threads);
        for (int i = 0; i < s.jobs; i++)
            pthread_create(&threads[i], NULL, worker, &s);
    } else {
        s.jobs = 1;
    }
    nf_status rs = nf_ingest_paths((const char *const *)argv, (size_t)n, &io, &st);
    if (threads) {
        pthread_mutex_lock(&s.mu);
        while (s.next_out < s.next_in) {
            drain_locked(&s);
            if (s.next_out < s.next_in)
                pthread_cond_wait(&s.cv, &s.mu);
        }
        s.closing = true;
        pthread_cond_broadcast(&s.cv);
        pthread_mutex_unlock(&s.mu);
        for (int i = 0; i < s.jobs; i++)
            pthread_join(threads[i], NULL);
        free(threads);
        for (size_t i = 0; i < s.nslots; i++)
            nf_buf_free(&s.ring[i].out);
        free(s.ring);
        pthread_mutex_destroy(&s.mu);
        pthread_cond_destroy(&s.cv);
    }
    flush_out(&s);
    nf_buf_free(&s.out);
    double el = now_s() - t0;
    FILE *o = s.write ? stderr : stdout;
    double mb = (double)st.payload_bytes / 1048576.0;
    fprintf(o, "inputs\t%zu\nrecords\t%zu\nskipped\t%zu\ndamaged\t%zu\nerrors\t%zu\n", st.files,
            st.records, st.skipped, st.damaged, s.failed);
    if (s.extract)
        fprintf(o, "extracted\t%zu\n", s.extracted);
    fprintf(o, "input MB\t%.1f\nrecord MB\t%.1f\nseconds\t%.2f\nrecord MB/s\t%.1f\n",
            (double)st.bytes / 1048576.0, mb, el, el > 0 ? mb / el : 0.0);
    if (rs != NF_OK || s.write_error) {
        fprintf(stderr, "newsfuse: %s\n",
                s.write_error ? "cannot write output" : nf_status_str(rs));
        return 3;
    }
    if (st.records == 0)
        return 3;
    return s.failed ? 1 : 0;
}
