/* Ingest internals shared by ingest.c (walking, sniffing, the byte stream, dispatch) and the
 * container readers warc.c, jsonl.c and feed.c.
 *
 * nf__in is a buffered stream of decoded bytes over a file descriptor or a memory block,
 * with transparent gzip (any number of members, each inflated in streaming mode; a damaged
 * member cuts the stream, see `brk`). nf__job is one input being read: where records go,
 * the counts, and the one-line problem reports. Ownership: the job owns nothing the caller
 * passed; a record handed to nf__job_emit is only borrowed for the callback. */
#ifndef NF_INGEST_INT_H
#define NF_INGEST_INT_H

#include <stdint.h>
#include <zlib.h>

#include "newsfuse/ingest.h"

/* ---- the decoded byte stream ----------------------------------------------------------- */

typedef struct nf__in {
    char *buf;                /* decoded bytes; buf[pos..end) not consumed yet */
    size_t pos, end, cap;     /* cap > end always: one spare byte for a NUL */
    uint64_t consumed;        /* decoded bytes consumed before buf[pos] */
    bool eof;                 /* nothing more will come */
    bool brk;                 /* a damaged gzip member cut the stream at `end`; more may come
                                 after nf__in_resume() */
    char brk_why[160];        /* why, when brk */
    /* the raw source */
    int fd;                   /* -1 for memory */
    const unsigned char *mem; /* memory source */
    size_t mem_len;
    uint64_t raw_pos;         /* raw bytes taken from the source */
    uint64_t raw_total;       /* its size when known, else 0 */
    bool raw_eof;
    int raw_errno;            /* a read error, which ends the stream */
    /* gzip */
    bool gz, z_ready, in_member, seeking;
    z_stream z;
    unsigned char *zb;        /* compressed bytes zb[zpos..zend) */
    size_t zpos, zend, zcap;
    size_t member_start;      /* offset in zb of the current member, SIZE_MAX once dropped */
    uint64_t members, bad_members;
} nf__in;

void nf__in_open_fd(nf__in *in, int fd, uint64_t total);
void nf__in_open_mem(nf__in *in, const void *data, size_t len);
void nf__in_close(nf__in *in);
/* Switches to gzip decoding; the bytes buffered so far (none consumed) are compressed. */
void nf__in_enable_gzip(nf__in *in);
/* Buffers until at least `want` bytes are available from pos, or the stream ends or breaks.
 * Returns the bytes available; buf may move. */
size_t nf__in_fill(nf__in *in, size_t want);
static inline size_t nf__in_avail(const nf__in *in) { return in->end - in->pos; }
static inline const char *nf__in_ptr(const nf__in *in) { return in->buf + in->pos; }
/* Consumes n <= available bytes. */
void nf__in_skip(nf__in *in, size_t n);
/* Consumes n bytes, buffering at most a chunk at a time; returns the bytes consumed (fewer
 * at the end of the stream or a break). */
uint64_t nf__in_discard(nf__in *in, uint64_t n);
/* After a break: drops what is buffered and lets the stream go on with the next gzip
 * member. Returns false when nothing more will come. */
bool nf__in_resume(nf__in *in);
/* At a record boundary: gives back memory a huge record left behind. */
void nf__in_shrink(nf__in *in);

/* ---- one input being read ---------------------------------------------------------------- */

typedef struct nf__job {
    const nf_ingest_opts *opts;
    nf_ingest_stats *st;
    const char *path;     /* what records and messages carry */
    char base[200];       /* id for records without URL: "<base>-<index>" */
    nf__in *in;
    size_t max_doc;       /* the size limit of one document */
    bool on_disk;         /* a file: a feed may read the pages it links beside it */
    nf_map *consumed;     /* realpaths of pages read through a feed (may be NULL) */
    nf_status cb;         /* the first error a callback returned: reading stops */
    size_t emitted, skipped, damaged, problems;
    /* progress */
    bool progress, shown;
    double t0, t_last;
} nf__job;

/* Reports one problem of the input: "<fmt...>" goes to on_error as the reason, with path;
 * after 20 problems in one input the rest are only counted and summed up at the end.
 * `damaged` counts it in stats->damaged too. */
void nf__job_problem(nf__job *j, nf_status st, bool damaged, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Counts a record left out by design (a request, an image, a redirect). */
void nf__job_skip(nf__job *j);
/* Hands a record to on_record: fills in path, an id from the URL (or "<base>-<index>") when
 * rec->id is NULL, counts it. Returns false when reading must stop (a callback error). */
bool nf__job_emit(nf__job *j, nf_record *rec);
/* Updates the progress line now and then. */
void nf__job_tick(nf__job *j);

/* A date as feeds and dumps write it (RFC 822 "Mon, 02 Mar 2026 14:05:00 +0000", ISO 8601)
 * to ISO 8601 in out (>= 40 bytes). False when it is neither. */
bool nf__date_to_iso(const char *s, size_t len, char *out, size_t cap);

/* ASCII helpers */
bool nf__ci_eq(const char *a, size_t alen, const char *lit);
bool nf__ci_prefix(const char *s, size_t len, const char *lit);

/* The readers: each reads j->in to its end (or until j->cb is set), emitting records and
 * reporting problems through the job. */
void nf__warc_read(nf__job *j);
void nf__jsonl_read(nf__job *j);
void nf__feed_read(nf__job *j);

#endif
