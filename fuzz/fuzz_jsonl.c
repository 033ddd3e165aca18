/* Fuzz target for the JSONL reader: any bytes, read as JSON lines through nf_ingest_buffer
 * with the path hint "fuzz.jsonl" (content sniffing decides; the hint only breaks ties), so
 * every reader the bytes reach is exercised.
 *
 * Built as a libFuzzer binary with -Dfuzz=true, and always linked with replay_main.c, which
 * feeds it every file of fuzz/corpus/jsonl/ as an ordinary test. Records and problems are
 * fine; a crash, a hang, a sanitizer report or a leak is the failure. Every record handed
 * out is read to its end (so out-of-bounds bytes are caught) and must be NUL-terminated. */
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
    nf_ingest_buffer(data, size, "fuzz.jsonl", &opts, &st);
    if (st.records < s.records)
        abort();
    return 0;
}
