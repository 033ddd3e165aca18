/* newsfuse store: what was ingested, kept in one SQLite file (docs/STORE.md).
 *
 * The store keeps articles (the article JSON as nf_brief_write_article writes it, removed
 * pieces included), the stories they were grouped into (each with its brief: the schema's
 * story object computed by nf_brief_write over the story's stored articles), thread links,
 * the facts of every story (entities with aliases, quotes, claims, each with the articles
 * that carry it; the timeline and disagreements stay in the brief) and a full-text index
 * (FTS5, bm25) over titles, bodies, quotes and claims. Only src/store sees SQL.
 *
 * Ingest is incremental: new articles are placed by the online clusterer after the stored
 * articles of the stories still open (within the clusterer's thread window) are replayed
 * into it, so a new article joins the stored story its replayed articles formed; stored
 * articles never move. The briefs of the stories a batch touched are recomputed. Articles
 * are committed in batches (one transaction each): a crash leaves the file at the last
 * committed batch, and ingesting the same inputs again stores what is missing, each article
 * exactly once (an article is the same when its URL, or both having none, and its content
 * hash, XXH3 of title and body, are equal).
 *
 * Threads: an nf_store handle is used by one thread at a time. Open one handle per thread
 * (serve: one per worker); read-only handles (NF_STORE_READONLY) never write and, through
 * WAL, read the last committed state while an ingest runs in another process.
 *
 * Output ownership: every *_json function appends UTF-8 JSON text (one value, then "\n") to
 * a caller-owned nf_buf; on an error nothing is appended. All text that came from a page is
 * in JSON strings, unescaped for HTML: escaping is the renderer's job. */
#ifndef NEWSFUSE_STORE_H
#define NEWSFUSE_STORE_H

#include "newsfuse/brief.h"
#include "newsfuse/extract.h"

typedef struct nf_store nf_store;

enum {
    NF_STORE_READONLY = 1, /* open for reading only; the file must exist */
    NF_STORE_CREATE = 2    /* create the file when missing (else NF_ERR_NOTFOUND) */
};

/* The schema version this build writes (PRAGMA user_version). Older files are migrated on
 * open (not with NF_STORE_READONLY: an older file then fails with NF_ERR_UNSUPPORTED);
 * newer files are refused with NF_ERR_UNSUPPORTED. */
#define NF_STORE_SCHEMA 1

/* Opens (and with NF_STORE_CREATE, creates) the store at path: WAL mode, foreign keys on,
 * migrations run. *out is freed with nf_store_close. Errors: NF_ERR_NOTFOUND (no file and
 * no NF_STORE_CREATE), NF_ERR_IO (not an SQLite file, cannot open or lock),
 * NF_ERR_UNSUPPORTED (schema newer than this build). A message for people goes to
 * nf_store_errmsg(NULL) (per thread). */
nf_status nf_store_open(const char *path, int flags, nf_store **out);
void nf_store_close(nf_store *st);
/* The last error message of st (or of the last failed nf_store_open in this thread when st
 * is NULL); never NULL, valid until the next call on st. */
const char *nf_store_errmsg(const nf_store *st);

/* ---- ingest ---------------------------------------------------------------------------- */

typedef struct {
    size_t batch;   /* articles per transaction (0 = 1024) */
    bool progress;  /* a line on stderr after each committed batch */
    const char *dct; /* date to assume for pages that state none (YYYY-MM-DD), or NULL */
    bool plain;      /* inputs are clean article text (nf_extract_plain) */
    nf_cluster_opts cluster; /* threshold, window, thread_days (on_close/user ignored) */
} nf_store_ingest_opts;

typedef struct {
    size_t records;      /* records read from the inputs */
    size_t added;        /* articles stored */
    size_t duplicates;   /* already stored (or twice in the inputs): nothing changed */
    size_t failed;       /* records that could not be read or extracted (named on stderr) */
    size_t new_stories;  /* stories created */
    size_t touched;      /* brief recomputations (a story touched by two batches counts 2) */
    size_t batches;      /* transactions committed */
    size_t replayed;     /* stored articles replayed into the clusterer */
    size_t rebuilds;     /* clusterer rebuilt for a batch older than its join window */
} nf_store_ingest_stats;

/* Reads paths (files, folders, "-"; every format nf_ingest_paths reads), extracts each
 * record and adds what is new to the store; stats may be NULL. Unreadable inputs are named
 * on stderr and counted, not fatal. Returns NF_OK, or NF_ERR_IO when the store cannot be
 * written (what was committed before stays). Not with a read-only handle (NF_ERR_INVALID). */
nf_status nf_store_ingest_paths(nf_store *st, const char *const *paths, size_t n,
                                const nf_store_ingest_opts *opts, nf_store_ingest_stats *stats);
/* The same for one input held in memory (a page, a JSONL batch), sniffed as a file named
 * path_hint would be (may be NULL); for `POST /api/ingest`. */
nf_status nf_store_ingest_buffer(nf_store *st, const void *data, size_t len,
                                 const char *path_hint, const nf_store_ingest_opts *opts,
                                 nf_store_ingest_stats *stats);

/* ---- reading --------------------------------------------------------------------------- */

/* Filters; zero (NULL) fields filter nothing. Dates are ISO (YYYY-MM-DD or a prefix); a
 * story passes `since` when it was last published on or after it (articles: published). */
typedef struct {
    const char *since;  /* on or after this date */
    const char *until;  /* on or before this date */
    const char *lang;   /* ISO 639-1: the story has an article in it (articles: is in it) */
    const char *source; /* outlet, ASCII case-insensitive: the story has an article from it */
    const char *entity; /* search only: the hit's story names this person/organisation
                           (canonical name or alias, case-insensitive) */
    size_t limit;       /* 0 = 50; at most 1000 */
    size_t offset;
} nf_store_filter;

typedef struct {
    size_t articles, stories, quotes, claims, entities;
    int schema;
} nf_store_counts;
nf_status nf_store_counts_get(nf_store *st, nf_store_counts *out);

/* Stories, newest first (last published, then id): a JSON array of
 *   {"id":"s12","headline":..,"summary":"first summary sentence","outlets":3,
 *    "languages":["en","es"],"first_published":"2026-03-10"|null,"last_published":..,
 *    "articles":5}
 * f may be NULL. */
nf_status nf_store_stories_json(nf_store *st, const nf_store_filter *f, nf_buf *out);

/* One story by id ("s12" or "12"): a newsfuse.brief/1 document holding that one story (the
 * schema's story object; "related" lists stored story ids) and its articles (full article
 * objects with removed pieces), valid against ../shared/schema/brief.schema.json.
 * NF_ERR_NOTFOUND when there is no such story. */
nf_status nf_store_story_json(nf_store *st, const char *id, nf_buf *out);

/* The story's brief rendered anew from its stored articles as Markdown or HTML
 * (nf_brief_write over the story's articles; the story carries its stored id).
 * NF_ERR_NOTFOUND when there is no such story. */
nf_status nf_store_story_render(nf_store *st, const char *id, nf_format fmt, nf_buf *out);

/* One article by id (the "id" of its article object): the article object as
 * nf_brief_write_article wrote it (removed pieces with reasons) plus "story": its story id.
 * NF_ERR_NOTFOUND when there is none. */
nf_status nf_store_article_json(nf_store *st, const char *id, nf_buf *out);

/* Full-text search (FTS5 query syntax; a query that does not parse as FTS5 is searched as
 * plain words): a JSON array of hits, best first (bm25, titles weigh more than bodies):
 *   {"kind":"article"|"quote"|"claim","story":"s3","article":"<article id>",
 *    "title":..,"snippet":"...\u0002match\u0003...","score":-3.2}
 * The snippet is plain text from the page (escape it) whose matches are wrapped in U+0002
 * and U+0003. score is SQLite's bm25 (lower is better). For quotes and claims, article is the first
 * article that carries them and title the speaker or the claim's subject. f may be NULL
 * (filters: since/until/lang/source on the article, entity on the story). NF_ERR_INVALID
 * for an empty query. */
nf_status nf_store_search_json(nf_store *st, const char *query, const nf_store_filter *f,
                               nf_buf *out);

/* Every story and quote of a person or organisation (canonical name or any alias, case
 * insensitive after Unicode case folding):
 *   {"name":"<query>","entities":[{"name","type","aliases":[..]}],
 *    "stories":[<story list items as nf_store_stories_json>],
 *    "quotes":[{"story":"s3","speaker":..,"text":..,"articles":[ids]}]}
 * NF_ERR_NOTFOUND when no stored story names it. */
nf_status nf_store_entity_json(nf_store *st, const char *name, nf_buf *out);

#endif
