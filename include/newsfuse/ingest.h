/* newsfuse ingest: turns files, folders and standard input into raw records.
 *
 * Inputs are HTML pages and text dumps (one record per file), WARC and WARC.gz files (one
 * record per HTML response), JSONL scraper dumps (one record per line) and RSS/Atom/RDF
 * feeds (one record per item). Containers are streamed: records are handed to the callback
 * one at a time and freed after it, so memory does not grow with the input.
 *
 * A record's bytes are owned by the ingest loop and valid only during the callback; copy
 * what you keep (nf_extract does). */
#ifndef NEWSFUSE_INGEST_H
#define NEWSFUSE_INGEST_H

#include "newsfuse/doc.h"

typedef struct {
    const char *path; /* the file it came from ("-" for stdin) */
    /* Stable id: for a file, its basename without extension; for a record inside a
     * container (WARC, JSONL, feed item) 16 hex digits of the XXH3 hash of its URL. */
    const char *id;
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
    const char *crawled;   /* when the page was fetched (WARC-Date), ISO 8601; never a
                              publication date */
    size_t index;          /* 1-based position in its container (WARC record, JSONL line,
                              feed item); 0 for a plain file */
} nf_record;

typedef nf_status (*nf_record_fn)(const nf_record *rec, void *user);
/* Called for an input that cannot be read, or a damaged record inside a container; `why` is
 * a short reason ("empty file", "record 7: truncated ..."). */
typedef void (*nf_ingest_error_fn)(const char *path, nf_status st, const char *why, void *user);

typedef struct {
    nf_record_fn on_record;
    nf_ingest_error_fn on_error; /* may be NULL: errors then go to nf_log */
    void *user;
    /* Single documents (a page, a text dump, a feed, one WARC record or one JSONL line)
     * larger than this are refused (0 = 256 MiB). Containers may be of any size. */
    size_t max_bytes;
    /* Progress line on stderr: 0 = when stderr is a terminal and the input exceeds 50 MB,
     * < 0 never, > 0 always (for inputs over 50 MB). */
    int progress;
} nf_ingest_opts;

typedef struct {
    size_t files;   /* inputs opened */
    size_t records; /* records handed to on_record */
    size_t errors;  /* calls to on_error (unreadable inputs and damaged records) */
    size_t bytes;   /* bytes read from the inputs, as stored (compressed for .gz) */
    size_t skipped; /* container records not read by design: non-HTML WARC records,
                       requests, metadata, redirects, items without content */
    size_t damaged; /* container records found damaged (truncated, wrong length, broken
                       gzip member, invalid JSON line); some are still handed out in part */
    size_t payload_bytes; /* bytes of record data handed to on_record */
} nf_ingest_stats;

/* Sniffs the kind of input from its first bytes, falling back to the path's extension. */
nf_input_kind nf_ingest_sniff(const char *data, size_t len, const char *path);

/* Walks paths (files, folders recursively in name order, "-" for stdin) and calls
 * opts->on_record for every readable record, opts->on_error for every unreadable input
 * (missing, unreadable, empty, binary) and every damaged container record. Returns NF_OK
 * unless a callback returned an error, which stops the walk and is returned. Stats may be
 * NULL. Folders contribute .txt .text .html .htm .xhtml .warc .warc.gz .jsonl .ndjson and
 * feeds (.xml .rss .atom .rdf that are feeds); files named in paths are read whatever
 * their name. */
nf_status nf_ingest_paths(const char *const *paths, size_t n, const nf_ingest_opts *opts,
                          nf_ingest_stats *stats);

/* Reads one input held in memory (data[0..len), not necessarily NUL-terminated), sniffed
 * and dispatched exactly as a file named path_hint would be (path_hint may be NULL; it is
 * also the path the records and errors carry). Pages linked from a feed are not looked up
 * on disk. Same return and callbacks as nf_ingest_paths; stats may be NULL. */
nf_status nf_ingest_buffer(const void *data, size_t len, const char *path_hint,
                           const nf_ingest_opts *opts, nf_ingest_stats *stats);

/* The stable id for a path: basename without its last extension, in a static-free copy
 * written to buf (cap bytes). */
void nf_ingest_id_from_path(const char *path, char *buf, size_t cap);

/* The stable id for a URL: 16 lower-case hex digits of its XXH3 64-bit hash, into buf
 * (cap >= 17 bytes). */
void nf_ingest_id_from_url(const char *url, size_t len, char *buf, size_t cap);

#endif
