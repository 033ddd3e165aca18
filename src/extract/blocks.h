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
    /* HTML only (zero for text dumps): */
    int32_t node;              /* the innermost block element holding it (index into the
                                  reader's nf__dnode array), -1 when none */
    uint32_t chars, link_chars; /* code points of text, of which inside links */
    float content_score;       /* the scorer's paragraph score (0 when not scored) */
    bool in_main;              /* inside the main content the DOM scorer chose */
    bool boiler;               /* inside a box of the main content that the scorer judged
                                  boilerplate (a link list); hint says why */
    bool beside_mark;          /* inside the scorer's container but beside the article body
                                  the page marks (itemprop=articleBody...): not in_main */
} nf__block;

/* HTML: what the DOM scorer needs of one block-level element. The reader appends them in
 * document order (pre-order), so a parent always precedes its children. */
typedef enum {
    NF__EL_OTHER, NF__EL_DIV, NF__EL_P, NF__EL_PRE, NF__EL_TD, NF__EL_TH, NF__EL_BLOCKQUOTE,
    NF__EL_LIST, NF__EL_LI, NF__EL_H1, NF__EL_H, NF__EL_FORM, NF__EL_TABLE, NF__EL_ARTICLE,
    NF__EL_MAIN, NF__EL_SECTION, NF__EL_BODY, NF__EL_FIGURE, NF__EL_ADDRESS, NF__EL_HEADER,
    NF__EL_FOOTER, NF__EL_NAV, NF__EL_ASIDE, NF__EL_TR
} nf__el_kind;

enum {
    NF__DN_BODYMARK = 1 << 0, /* itemprop=articleBody, or a class/id naming an article body */
};

typedef struct {
    int32_t parent;     /* enclosing block element, -1 for none */
    uint32_t b0, b1;    /* its blocks: [b0, b1) */
    uint32_t cls;       /* hash of its class attribute, 0 when none */
    uint8_t kind;       /* nf__el_kind */
    int8_t weight;      /* class/id vocabulary: +1 per attribute naming content, -1 per one
                           naming boilerplate (comment, share, sidebar...) */
    uint8_t flags;      /* NF__DN_* */
    nf_reason hint;     /* the hint the element set itself, NONE if none (or taken back) */
} nf__dnode;

/* The DOM content scorer (dom_score.c): finds the element that holds the article's text
 * (paragraph scores propagated to ancestors, weighted by class/id vocabulary and link
 * density; siblings of the winner that share its class or hold good prose join it; the
 * article body the page marks inside it, when it holds most of the text) and sets in_main
 * on the blocks inside it, beside_mark on those it left beside the marked body; inside
 * it, boxes that are mostly links get boiler and a related-links hint. nodes[0..nn) and
 * blocks[0..nb) come from the HTML reader. Returns the number of blocks marked in_main
 * (0: no container found; the classifier then falls back to the text-dump method). Linear
 * in nn + nb; one scratch array. */
size_t nf__dom_score(const nf__dnode *nodes, size_t nn, nf__block *blocks, size_t nb);

typedef struct {
    const char *title;     /* <title>/og:title/JSON-LD headline; NULL when absent */
    const char *site_name; /* og:site_name / JSON-LD publisher */
    const char *published; /* ISO-ish string from JSON-LD/meta/<time>; NULL when absent */
    const char *author;
    const char *url;       /* canonical / og:url */
    const char *lang;      /* <html lang> primary subtag */
    const char *description;
} nf__meta;

/* Charset helpers of the HTML reader (html.c), shared with the text-dump reader: counts of
 * invalid bytes, valid multi-byte sequences and NULs in s; windows-1252 (so also latin-1
 * and ASCII) decoded to UTF-8 into out. */
void nf__utf8_scan(const unsigned char *s, size_t n, size_t *bad, size_t *multi, size_t *nul);
void nf__cp1252_decode(const unsigned char *s, size_t n, nf_buf *out);

/* A new text doc for a record: id, path and url copied, doc->norm the record's bytes
 * repaired and NFC-normalised (extract.c). */
nf_doc *nf__doc_from_text_record(const nf_record *rec);

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
