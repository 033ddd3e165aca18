/* The document model shared by every stage: one nf_doc per article.
 *
 * Ownership: an nf_doc owns an arena; every string and array reachable from the doc lives in
 * that arena and dies with nf_doc_free(). Body offsets (nf_para.start/end) index doc->text;
 * source offsets (src_start/src_end) index doc->norm, the normalised input. */
#ifndef NEWSFUSE_DOC_H
#define NEWSFUSE_DOC_H

#include "newsfuse/base.h"

/* ---- dates ----------------------------------------------------------------------------- */

typedef enum {
    NF_GRAN_NONE = 0, /* no date */
    NF_GRAN_YEAR,
    NF_GRAN_MONTH,
    NF_GRAN_WEEK,
    NF_GRAN_DAY,
    NF_GRAN_TIME /* a full timestamp */
} nf_granularity;

typedef struct {
    int year, month, day; /* month 1..12, day 1..31; week in `day` for NF_GRAN_WEEK */
    int hour, min, sec;
    int tz_min;  /* offset from UTC in minutes, when has_tz */
    bool has_tz;
    nf_granularity gran;
} nf_date;

/* ISO 8601 at the date's granularity into buf (>= 32 bytes); "" for NF_GRAN_NONE. */
void nf_date_format(const nf_date *d, char *buf, size_t cap);
/* Parses ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][.fff][Z|+HH:MM]). */
nf_status nf_date_parse_iso(const char *s, size_t len, nf_date *out);
/* 0=Monday .. 6=Sunday for a valid calendar date, -1 otherwise. */
int nf_date_weekday(int year, int month, int day);
int nf_date_days_in_month(int year, int month);
/* Days since 1970-01-01 (proleptic Gregorian); for comparisons and arithmetic. */
long nf_date_to_days(int year, int month, int day);
void nf_date_from_days(long days, int *year, int *month, int *day);
/* -1, 0, 1 comparing by the coarser of the two granularities. */
int nf_date_cmp(const nf_date *a, const nf_date *b);

/* ---- removal reasons ------------------------------------------------------------------- */

/* Why a piece of a page is not body text. Names are the schema's reason strings. */
#define NF_REASON_MAP(X)                  \
    X(NAVIGATION, "navigation")           \
    X(SITE_CHROME, "site-chrome")         \
    X(COOKIE_NOTICE, "cookie-notice")     \
    X(CAPTION, "caption")                 \
    X(SOCIAL_EMBED, "social-embed")       \
    X(RELATED_LINKS, "related-links")     \
    X(REACTIONS, "reactions")             \
    X(BYLINE, "byline")                   \
    X(DATELINE, "dateline")               \
    X(TITLE, "title")                     \
    X(DUPLICATE, "duplicate")             \
    X(ADVERTISEMENT, "advertisement")     \
    X(OTHER, "other")

typedef enum {
    NF_REASON_NONE = 0, /* body */
#define NF__REASON_ENUM(name, str) NF_REASON_##name,
    NF_REASON_MAP(NF__REASON_ENUM)
#undef NF__REASON_ENUM
    NF_REASON_COUNT
} nf_reason;

/* The schema string for a reason ("navigation", ...); "body" for NF_REASON_NONE. */
const char *nf_reason_str(nf_reason r);

/* ---- the document ---------------------------------------------------------------------- */

typedef struct {
    size_t start, end;         /* byte range in doc->text */
    size_t src_start, src_end; /* byte range in doc->norm */
    char lang[4];              /* paragraph language, "" when too short to tell */
    bool heading;              /* a section heading inside the body */
} nf_para;

typedef struct {
    const char *text; /* NUL-terminated, in the doc arena */
    size_t len;
    nf_reason reason;
    size_t src_start, src_end; /* byte range in doc->norm */
    const char *detail;        /* short why, e.g. "matches lexicon: cookie", may be NULL */
} nf_removed;

/* Input formats ingest can tell apart; extraction reads TEXT and HTML, the rest are
 * recognised so that the error names them. */
typedef enum {
    NF_KIND_UNKNOWN = 0,
    NF_KIND_TEXT,
    NF_KIND_HTML,
    NF_KIND_WARC,
    NF_KIND_GZIP,
    NF_KIND_JSONL,
    NF_KIND_FEED
} nf_input_kind;

/* "text", "html", "warc", ... */
const char *nf_input_kind_str(nf_input_kind k);

typedef struct nf_doc {
    nf_arena *arena;
    const char *id;     /* stable id: the file's basename without extension */
    const char *path;   /* input path, may be NULL */
    const char *url;    /* may be NULL */
    const char *source; /* outlet name or domain, may be NULL */
    const char *title;  /* may be NULL */
    const char *author; /* may be NULL */
    nf_date published;  /* gran NONE when unknown */
    bool published_estimated;
    char lang[4]; /* ISO 639-1 of the body, "und" when unknown */
    nf_input_kind kind;

    const char *norm; /* the whole input after UTF-8 repair and NFC */
    size_t norm_len;
    size_t invalid_bytes; /* bytes replaced by U+FFFD during normalisation */

    const char *text; /* the body: paragraphs joined by "\n\n" */
    size_t text_len;
    nf_para *paras;
    size_t n_paras;
    nf_removed *removed;
    size_t n_removed;
} nf_doc;

/* A new empty doc with its own arena. */
nf_doc *nf_doc_new(void);
void nf_doc_free(nf_doc *doc);

#endif
