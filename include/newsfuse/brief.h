/* newsfuse brief: headline and summary per story; writers for JSON (the schema), JSON
 * lines, Markdown. Writers append to a caller-owned nf_buf. */
#ifndef NEWSFUSE_BRIEF_H
#define NEWSFUSE_BRIEF_H

#include "newsfuse/cluster.h"
#include "newsfuse/facts.h"

typedef enum { NF_FMT_JSON, NF_FMT_JSONL, NF_FMT_MD, NF_FMT_HTML } nf_format;

/* One article: a `$defs/article` JSON object on one line plus "\n" (JSON/JSONL/HTML), or a
 * Markdown section (MD). */
nf_status nf_brief_write_article(nf_buf *out, const nf_doc *doc, nf_format fmt);

/* The whole brief of docs grouped by c: a `newsfuse.brief/1` object (JSON), a readable
 * Markdown brief with source marks [n] and a sources list (MD), or a self-contained HTML
 * page with the same content (HTML; article text escaped, no scripts). */
nf_status nf_brief_write(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         nf_format fmt);

/* The same with each doc's facts already extracted (the ones c was clustered with), so that
 * the facts stage runs once per article. facts may be NULL (then extracted here, against
 * each doc's own date), and so may any facts[i] (that article contributes no facts). */
nf_status nf_brief_write_with_facts(nf_buf *out, nf_doc *const *docs, nf_facts *const *facts,
                                    size_t n, const nf_clustering *c, nf_format fmt);

/* One article's facts: a JSON object on one line (NF_FMT_JSONL/JSON) or a tab-separated
 * table for people (NF_FMT_MD). */
nf_status nf_brief_write_facts(nf_buf *out, const nf_doc *doc, const nf_facts *facts,
                               nf_format fmt);

#endif
