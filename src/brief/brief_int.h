/* Internal to brief: the per-story view that every writer renders.
 *
 * nf__brief_build computes, once per brief, each story's id, headline, sourced summary,
 * article list, date range and reconciled facts (src/reconcile). Everything lives in the
 * arena passed in, except the facts, which live in each doc's arena. */
#ifndef NF_BRIEF_INT_H
#define NF_BRIEF_INT_H

#include "newsfuse/brief.h"
#include "newsfuse/reconcile.h"

typedef struct {
    const char *text;
    size_t *arts; /* doc indexes that carry this sentence; arts[0] is where it was taken from */
    size_t n_arts;
} nf__sum_sent;

typedef struct {
    const char *id;       /* "s1", "s2", ... in input order */
    const char *headline;
    nf__sum_sent *summary;
    size_t n_summary;
    const size_t *arts; /* doc indexes */
    size_t n_arts;
    size_t n_outlets;   /* distinct sources (unknown sources count per article) */
    nf_date first, last;
    const size_t *related; /* story indexes */
    size_t n_related;
    const char *langs;     /* "en, es" */
    nf_reconciled rec;     /* entities, quotes, claims, timeline, disagreements */
} nf__story_view;

/* The direct quotes with a known speaker, grouped by speaker in order of first appearance,
 * at most max: their indexes into r->quotes go to order (room for r->n_quotes). Returns how
 * many. A new group starts where the speaker differs from the previous entry's. */
size_t nf__quotes_by_speaker(const nf_reconciled *r, size_t max, size_t *order);

/* facts: per doc, NULL entries allowed; NULL to extract them here. */
nf__story_view *nf__brief_build(nf_arena *a, nf_doc *const *docs, nf_facts *const *facts,
                                size_t n, const nf_clustering *c);

/* Writers. */
nf_status nf__brief_json(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         const nf__story_view *views);
nf_status nf__brief_md(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                       const nf__story_view *views);
nf_status nf__brief_html(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         const nf__story_view *views);
nf_status nf__article_json(nf_buf *out, const nf_doc *doc);

/* Appends o as JSON (jansson flags, key order kept) and a newline to out; takes o's
 * reference (json.c). The jansson type stays out of this header: o is a json_t *. */
struct json_t;
nf_status nf__json_emit(nf_buf *out, struct json_t *o, size_t flags);
/* The brief's story object views[k] (the schema's story, "related" included), a new
 * reference; nf__brief_json writes these. The store (src/store/ingest.c) takes it
 * directly, without writing and re-reading the whole brief. */
struct json_t *nf__brief_story_json(nf_doc *const *docs, const nf__story_view *views, size_t k);
nf_status nf__article_md(nf_buf *out, const nf_doc *doc);

/* A date as the readable writers print it: at day granularity at most, "undated" when none. */
void nf__brief_date_str(const nf_date *d, char *buf, size_t cap);
/* Writes a timeline entry's text through `escn` (the writer's escaper), with the date
 * expression that dated it (found in the sentence of its first mention) between `open` and
 * `close`; the plain text when the expression cannot be placed. */
void nf__event_text(nf_buf *out, const nf_rec_event *e,
                    void (*escn)(nf_buf *out, const char *s, size_t n), const char *open,
                    const char *close);

#endif
