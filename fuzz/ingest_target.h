/* The body shared by the ingest fuzz targets (fuzz_warc.c, fuzz_jsonl.c, fuzz_feed.c): any
 * bytes through nf_ingest_buffer with the path hint NF_FUZZ_HINT (content sniffing decides;
 * the hint only breaks ties), so every reader the bytes reach is exercised. Records and
 * problems are fine; a crash, a hang, a sanitizer report or a leak is the failure. Every
 * record handed out is read to its end (so out-of-bounds bytes are caught) and must be
 * NUL-terminated. Include once, after defining NF_FUZZ_HINT. */
#ifndef NF_FUZZ_HINT
#error "define NF_FUZZ_HINT before including ingest_target.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t records, stop_after;
    unsigned sum;
} seen;

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

static nf_status on_record(const nf_record *rec, void *user)
{
    seen *s = user;
    for (size_t i = 0; i < rec->len; i++)
        s->sum += (unsigned char)rec->data[i];
    if (rec->data[rec->len] != '\0')
        abort();
    s->sum += (unsigned)(touch(rec->path) + touch(rec->id) + touch(rec->url) +
                         touch(rec->published) + touch(rec->source) + touch(rec->title) +
                         touch(rec->charset) + touch(rec->crawled));
    if (++s->records == s->stop_after)
        return NF_ERR_INVALID; /* a callback that stops the walk */
    return NF_OK;
}

static void on_error(const char *path, nf_status st, const char *why, void *user)
{
    (void)st;
    seen *s = user;
    s->sum += (unsigned)(strlen(path) + strlen(why));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    seen s = {0, size % 7 == 0 ? 2 : 0, 0};
    nf_ingest_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.on_record = on_record;
    opts.on_error = on_error;
    opts.user = &s;
    opts.max_bytes = 1u << 20;
    opts.progress = -1;
    nf_ingest_stats st;
    nf_ingest_buffer(data, size, NF_FUZZ_HINT, &opts, &st);
    if (st.records < s.records)
        abort();
    return 0;
}
