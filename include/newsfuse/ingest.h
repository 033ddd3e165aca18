/* newsfuse ingest: turns files, folders and standard input into raw records.
 *
 * A record's bytes are owned by the ingest loop and valid only during the callback; copy
 * what you keep (nf_extract does). */
#ifndef NEWSFUSE_INGEST_H
#define NEWSFUSE_INGEST_H

#include "newsfuse/doc.h"

typedef struct {
    const char *path; /* the file it came from ("-" for stdin) */
    const char *id;   /* stable id: basename without extension */
    const char *data; /* raw bytes, NUL-terminated */
    size_t len;
    nf_input_kind kind; /* sniffed from content, then extension */
    const char *url;    /* when the container names one, else NULL */
    /* What the container states about the record (JSONL fields, a feed item, WARC and HTTP
     * headers); each may be NULL. Page metadata wins over these when both exist. */
    const char *published; /* ISO 8601 or a date as written */
    const char *source;    /* outlet name */
    const char *title;
    const char *charset;   /* from an HTTP Content-Type header */
} nf_record;

typedef nf_status (*nf_record_fn)(const nf_record *rec, void *user);
/* Called for an input that cannot be read; `why` is a short reason ("empty file", ...). */
typedef void (*nf_ingest_error_fn)(const char *path, nf_status st, const char *why, void *user);

typedef struct {
    nf_record_fn on_record;
    nf_ingest_error_fn on_error; /* may be NULL: errors then go to nf_log */
    void *user;
    size_t max_bytes; /* files larger than this are refused (0 = 256 MiB) */
} nf_ingest_opts;

typedef struct {
    size_t files, records, errors, bytes;
} nf_ingest_stats;

/* Sniffs the kind of input from its first bytes, falling back to the path's extension. */
nf_input_kind nf_ingest_sniff(const char *data, size_t len, const char *path);

/* Walks paths (files, folders recursively in name order, "-" for stdin) and calls
 * opts->on_record for every readable record, opts->on_error for every unreadable input
 * (missing, unreadable, empty, binary). Returns NF_OK unless a callback returned an error,
 * which stops the walk and is returned. Stats may be NULL. */
nf_status nf_ingest_paths(const char *const *paths, size_t n, const nf_ingest_opts *opts,
                          nf_ingest_stats *stats);

/* The stable id for a path: basename without its last extension, in a static-free copy
 * written to buf (cap bytes). */
void nf_ingest_id_from_path(const char *path, char *buf, size_t cap);

#endif
