/* Internal to extract: the block model shared by the text-dump and HTML readers.
 *
 * A reader turns a page into an ordered array of blocks (one paragraph-like unit each) plus
 * page metadata; nf__classify_blocks then decides body versus removed piece for every
 * block, derives title, date, source and language, and fills the nf_doc. All strings live
 * in the doc's arena. */
#ifndef NF_EXTRACT_BLOCKS_H
#define NF_EXTRACT_BLOCKS_H

#include "newsfuse/ingest.h"

typedef struct {
    const char *text;          /* NUL-terminated, white space collapsed, in the doc arena */
    size_t len;
    size_t src_start, src_end; /* byte range in doc->norm */
    nf_reason hint;            /* a reason the reader is sure of (DOM: nav, footer, figcaption,
                                  cookie banner...), NF_REASON_NONE when it has none */
    const char *hint_detail;   /* why, e.g. "inside <nav>"; may be NULL */
    int heading;               /* 1..6 for <h1>..<h6> (or a heading-like line), 0 otherwise */
    bool in_article;           /* inside <article>, <main> or an articleBody container */
    bool list_item;            /* an <li> */
    bool quote;                /* inside <blockquote> (not an embed) */
    float link_density;        /* share of the text inside links, 0 for text dumps */
    int line_count;            /* text dumps: lines joined into this block */
    bool para_break_before;    /* text dumps: a blank line precedes the block */
} nf__block;

typedef struct {
    const char *title;     /* <title>/og:title/JSON-LD headline; NULL when absent */
    const char *site_name; /* og:site_name / JSON-LD publisher */
    const char *published; /* ISO-ish string from JSON-LD/meta/<time>; NULL when absent */
    const char *author;
    const char *url;       /* canonical / og:url */
    const char *lang;      /* <html lang> primary subtag */
    const char *description;
} nf__meta;

/* Fills the fields of meta that are NULL from what the record's container states. */
void nf__meta_from_record(nf__meta *meta, const nf_record *rec);

/* Classifies blocks[0..n) into doc (body paragraphs, removed pieces, title, date, source,
 * language). doc->norm must already be set; meta may be NULL. dct: the date to assume when
 * the page states none (may be NULL). Blocks may be modified (reasons assigned). */
nf_status nf__classify_blocks(nf_doc *doc, nf__block *blocks, size_t n, const nf__meta *meta,
                              const char *dct);

/* Date recognition shared by readers (dates.c). Finds a publication-like date or timestamp
 * in s: ISO 8601 timestamps, "January 16, 2026", "16 January 2026", "Jan. 16, 2026",
 * "16 de enero de 2026", "2026/01/16", optionally with a time ("08:15", "8:15 a.m.").
 * On success fills *d and the match range [*mstart, *mend) and returns true. */
bool nf__find_date(const char *s, size_t len, nf_date *d, size_t *mstart, size_t *mend);

#endif
