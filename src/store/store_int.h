/* Internal to the store: the handle, cached statements, and helpers shared by ingest.c and
 * read.c. Only src/store includes sqlite3.h. */
#ifndef NF_STORE_INT_H
#define NF_STORE_INT_H

#include <sqlite3.h>

#include "newsfuse/store.h"

/* Cached prepared statements, one slot per SQL text used in a hot loop. */
enum {
    Q_RAW_SEEN,
    Q_CONTENT_SEEN,
    Q_KEY_SEEN,
    Q_ART_INSERT,
    Q_MEMBER_INSERT,
    Q_SEARCH_INSERT,
    Q_STORY_INSERT,
    Q_STORY_MEMBERS,
    Q_STORY_UPDATE,
    Q_FACT_INSERT,
    Q_NAME_INSERT,
    Q_RELATED_INSERT,
    Q_FTS_INSERT,
    Q_SEARCH_LAST,
    Q_FTS_DELETE,
    Q_FACTS_DEL, /* and Q_FACTS_DEL + 1 */
    Q_FACTS_DEL2,
    Q_R0, /* read.c: one slot per statement, Q_R0 + 0 .. Q_R0 + 11 */
    Q_READ_LAST = Q_R0 + 11,
    Q_COUNT
};

struct nf_store {
    sqlite3 *db;
    bool readonly;
    char err[512];
    sqlite3_stmt *q[Q_COUNT];
};

/* The cached statement for slot `which` (prepared on first use, reset before it is
 * returned), or NULL with st->err set. */
sqlite3_stmt *nf__store_stmt(nf_store *st, int which, const char *sql);
/* Runs SQL without results; false with st->err set on failure. */
bool nf__store_exec(nf_store *st, const char *sql);
/* Records the database's error message in st->err, prefixed by what; returns NF_ERR_IO. */
nf_status nf__store_fail(nf_store *st, const char *what);

/* "s12" or "12" -> 12; 0 when not a story id. */
sqlite3_int64 nf__store_story_id(const char *id);

/* A doc rebuilt from a stored article JSON object (text, paragraphs with byte offsets,
 * removed pieces, metadata), with id set to key; NULL when the JSON does not parse.
 * Free with nf_doc_free. */
nf_doc *nf__store_doc_from_json(const char *json, size_t len, const char *key);

/* One stored story as the brief writer takes it: members 0..n-1 in the order of docs, each
 * member's copy_of from copies[i] (the article id it copies, 0 for originals) looked up in
 * aids, and the independent outlets counted (originals, one per named source, anonymous
 * ones each). story->members and story->copy_of are heap-owned: free() both. */
void nf__store_story_of(nf_story *story, nf_doc *const *docs, const sqlite3_int64 *aids,
                        const sqlite3_int64 *copies, size_t n);

/* Case-folded key for names (Unicode case folding); heap, free(). */
char *nf__store_fold(const char *s);
/* The same into arena a. */
const char *nf__store_fold_in(nf_arena *a, const char *s);

#endif
