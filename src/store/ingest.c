/* Ingest into the store (include/newsfuse/store.h, docs/STORE.md).
 *
 * Per record: a raw hash (URL and bytes) skips a stored record before extraction; after
 * extraction the content key (URL or '', XXH3 of title and body) skips a stored article.
 * New articles wait in a batch. Per batch, in one transaction: the batch is sorted by date
 * (as nf_cluster_group feeds a pile), each article is placed by the online clusterer, which
 * has replayed the stored articles of the stories still open (once per run, before the
 * first batch), its story is the stored story its clusterer story maps to or a new one; the
 * article, its membership and its full-text row are inserted; then the brief of every
 * touched story is recomputed over all its stored articles (nf_brief_write), and the
 * story's row, facts, names and full-text rows are replaced. Thread links come from the
 * clusterer when it closes stories. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief/brief_int.h"
#include "store/store_int.h"

#define UNDATED_REPLAY 500 /* newest undated stories replayed (they have no clock) */

typedef struct {
    nf_doc *doc;
    uint64_t raw_hash, content_hash;
    size_t input; /* input order, for a stable sort */
    sqlite3_int64 aid; /* after insertion */
    nf_cluster_placement pl; /* where the clusterer put it */
} pending;

typedef struct {
    nf_store *st;
    nf_store_ingest_opts o;
    nf_store_ingest_stats stats;
    nf_cluster *cl;
    bool replayed;
    bool have_clock;
    long clock; /* the latest day the clusterer has seen */
    nf_status err; /* first store error: stops the walk */
    NF_VEC(pending) batch;
    nf_map *batch_keys; /* content keys and raw hashes of the batch */
    NF_VEC(sqlite3_int64) arrival_aid; /* clusterer arrival -> article id */
    nf_map *story_of; /* clusterer story id (hex) -> stored story id (as a pointer) */
    NF_VEC(sqlite3_int64) touched;
    NF_VEC(sqlite3_int64) fresh; /* stories created in this batch */
    sqlite3_int64 indexed; /* search_docs rows up to this id are in the full-text index */
} ingest;

static void *sid_ptr(sqlite3_int64 sid)
{
    return (void *)(intptr_t)sid;
}

static sqlite3_int64 mapped_story(ingest *g, uint64_t cid)
{
    char k[24];
    int n = snprintf(k, sizeof k, "%llx", (unsigned long long)cid);
    return (sqlite3_int64)(intptr_t)nf_map_get(g->story_of, k, (size_t)n);
}

static void map_story(ingest *g, uint64_t cid, sqlite3_int64 sid)
{
    char k[24];
    int n = snprintf(k, sizeof k, "%llx", (unsigned long long)cid);
    nf_map_put(g->story_of, k, (size_t)n, sid_ptr(sid));
}

static bool sid_has_members(ingest *g, sqlite3_int64 sid)
{
    sqlite3_stmt *s;
    bool has = true;
    if (sqlite3_prepare_v2(g->st->db, "SELECT 1 FROM story_articles WHERE story_id = ?", -1, &s,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, sid);
        has = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
    }
    return has;
}

static void touch(ingest *g, sqlite3_int64 sid)
{
    for (size_t i = 0; i < g->touched.len; i++)
        if (g->touched.items[i] == sid)
            return;
    nf_vec_push(&g->touched, sid);
}

static void set_arrival(ingest *g, size_t arrival, sqlite3_int64 aid)
{
    while (g->arrival_aid.len <= arrival)
        nf_vec_push(&g->arrival_aid, 0);
    g->arrival_aid.items[arrival] = aid;
}

static sqlite3_int64 arrival_article(ingest *g, size_t arrival)
{
    return arrival < g->arrival_aid.len ? g->arrival_aid.items[arrival] : 0;
}

static bool step_done(ingest *g, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        g->err = nf__store_fail(g->st, what);
        return false;
    }
    return true;
}

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

/* ---- thread links ---------------------------------------------------------------------- */

static void on_close(const nf_cluster_story *cs, void *user)
{
    ingest *g = user;
    if (g->err != NF_OK)
        return;
    sqlite3_int64 a = mapped_story(g, cs->id);
    for (size_t i = 0; a && i < cs->n_related; i++) {
        sqlite3_int64 b = mapped_story(g, cs->related[i]);
        if (!b || b == a)
            continue;
        sqlite3_stmt *s = nf__store_stmt(g->st, Q_RELATED_INSERT,
                                         "INSERT OR IGNORE INTO related(a, b) VALUES (?, ?)");
        if (!s) {
            g->err = NF_ERR_IO;
            return;
        }
        sqlite3_bind_int64(s, 1, a < b ? a : b);
        sqlite3_bind_int64(s, 2, a < b ? b : a);
        step_done(g, s, "related");
    }
}

/* ---- placement and replay ------------------------------------------------------------- */

static bool dated(const nf_doc *d, long *day)
{
    if (d->published.gran < NF_GRAN_DAY)
        return false;
    *day = nf_date_to_days(d->published.year, d->published.month, d->published.day);
    return true;
}

static void place_new(ingest *g, pending *p)
{
    nf_cluster_add(g->cl, p->doc, NULL, &p->pl);
    long day;
    if (dated(p->doc, &day) && (!g->have_clock || day > g->clock))
        g->have_clock = true, g->clock = day;
}

/* True when the batch holds an article older than the clusterer's join window allows: the
 * stories it belongs to may already be dormant, so the clusterer is rebuilt by a replay
 * merged with the batch (input far out of date order costs replays, never accuracy). */
static bool batch_is_late(const ingest *g)
{
    if (!g->have_clock || g->batch.len == 0)
        return false;
    long day;
    int window = g->o.cluster.window_days > 0 ? g->o.cluster.window_days : 4;
    return dated(g->batch.items[0].doc, &day) && day < g->clock - window;
}

/* The first batch of a run: the stored articles of the stories the clusterer could still
 * extend (last published within the thread window of the newest stored article, and the
 * newest undated stories) are fed to it merged with the batch in date order (stored first
 * within a day, undated last), as nf_cluster_group would feed the whole pile. A clusterer
 * story takes the stored story of the first stored article placed in it; new articles are
 * resolved after all placements, so a new article that arrived before the stored ones of
 * its story still joins that story. */
static nf_status replay_merge(ingest *g)
{
    int thread_days = g->o.cluster.thread_days > 0 ? g->o.cluster.thread_days : 30;
    const char *sql =
        "WITH open(id) AS ("
        "  SELECT id FROM stories WHERE last_day >= (SELECT max(published_day) FROM articles) - ?1"
        "  UNION SELECT id FROM (SELECT id FROM stories WHERE last_day IS NULL"
        "                        ORDER BY id DESC LIMIT ?2))"
        " SELECT a.id, a.key, a.json, sa.story_id, a.published_day FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN open"
        " ORDER BY a.published_day IS NULL, a.published_day, a.id";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(g->st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return nf__store_fail(g->st, "replay");
    sqlite3_bind_int(s, 1, thread_days);
    sqlite3_bind_int(s, 2, UNDATED_REPLAY);
    size_t next = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        bool row_dated = sqlite3_column_type(s, 4) != SQLITE_NULL;
        long row_day = (long)sqlite3_column_int64(s, 4);
        for (; next < g->batch.len; next++) {
            long day;
            bool d = dated(g->batch.items[next].doc, &day);
            if (!(d && (!row_dated || day < row_day)))
                break;
            place_new(g, &g->batch.items[next]);
        }
        sqlite3_int64 aid = sqlite3_column_int64(s, 0);
        const char *key = (const char *)sqlite3_column_text(s, 1);
        const char *js = (const char *)sqlite3_column_text(s, 2);
        sqlite3_int64 sid = sqlite3_column_int64(s, 3);
        if (row_dated && (!g->have_clock || row_day > g->clock))
            g->have_clock = true, g->clock = row_day;
        nf_doc *d = nf__store_doc_from_json(js, (size_t)sqlite3_column_bytes(s, 2), key);
        if (!d)
            continue;
        nf_cluster_placement pl;
        nf_cluster_add(g->cl, d, NULL, &pl);
        nf_doc_free(d);
        set_arrival(g, pl.arrival, aid);
        if (!mapped_story(g, pl.story))
            map_story(g, pl.story, sid);
        g->stats.replayed++;
    }
    sqlite3_finalize(s);
    for (; next < g->batch.len; next++)
        place_new(g, &g->batch.items[next]);
    if (rc != SQLITE_DONE)
        return nf__store_fail(g->st, "replay");
    return NF_OK;
}

/* ---- a story's brief ------------------------------------------------------------------- */

static sqlite3_int64 key_article(json_t *keys, json_t *k)
{
    json_t *v = json_is_string(k) ? json_object_get(keys, json_string_value(k)) : NULL;
    return json_is_integer(v) ? (sqlite3_int64)json_integer_value(v) : 0;
}

static bool insert_fact(ingest *g, sqlite3_int64 sid, const char *kind, const char *name,
                        const char *type, const char *text, const char *aliases, int direct,
                        json_t *item, json_t *keys, sqlite3_int64 *fid, sqlite3_int64 *first_aid)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_FACT_INSERT,
                                     "INSERT INTO facts(story_id, kind, name, type, text, aliases,"
                                     " direct, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return g->err = NF_ERR_IO, false;
    json_t *arts = json_object_get(item, "articles");
    char *aj = json_is_array(arts) ? json_dumps(arts, JSON_COMPACT) : NULL;
    sqlite3_bind_int64(s, 1, sid);
    bind_text(s, 2, kind);
    bind_text(s, 3, name);
    bind_text(s, 4, type);
    bind_text(s, 5, text);
    bind_text(s, 6, aliases);
    if (direct >= 0)
        sqlite3_bind_int(s, 7, direct);
    else
        sqlite3_bind_null(s, 7);
    bind_text(s, 8, aj ? aj : "[]");
    bool ok = step_done(g, s, "facts");
    free(aj);
    if (!ok)
        return false;
    *fid = sqlite3_last_insert_rowid(g->st->db);
    *first_aid = key_article(keys, json_array_get(arts, 0));
    return true;
}

static bool insert_name(ingest *g, nf_arena *a, sqlite3_int64 fid, const char *name)
{
    if (!name || !*name)
        return true;
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_NAME_INSERT,
                                     "INSERT OR IGNORE INTO names(fold, fact_id) VALUES (?, ?)");
    if (!s)
        return g->err = NF_ERR_IO, false;
    sqlite3_bind_text(s, 1, nf__store_fold_in(a, name), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, fid);
    return step_done(g, s, "names");
}

/* A row of search_docs; the full-text index takes the batch's rows in one statement before
 * the commit (index_batch): FTS5 flushes its pending terms to a new segment at the end of
 * every statement that writes it, so one INSERT per row would write (and merge) one tiny
 * segment per row. */
static bool insert_search(ingest *g, const char *kind, sqlite3_int64 sid, sqlite3_int64 aid,
                          const char *title, const char *body)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_SEARCH_INSERT,
                                     "INSERT INTO search_docs(kind, story_id, article_id, title,"
                                     " body) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return g->err = NF_ERR_IO, false;
    bind_text(s, 1, kind);
    sqlite3_bind_int64(s, 2, sid);
    sqlite3_bind_int64(s, 3, aid);
    bind_text(s, 4, title);
    bind_text(s, 5, body);
    return step_done(g, s, "search");
}

/* The search_docs rows after the last indexed one go into the full-text index. */
static bool index_batch(ingest *g)
{
    sqlite3_stmt *f = nf__store_stmt(g->st, Q_FTS_INSERT,
                                     "INSERT INTO search(rowid, title, body)"
                                     " SELECT id, title, body FROM search_docs WHERE id > ?");
    if (!f)
        return g->err = NF_ERR_IO, false;
    sqlite3_bind_int64(f, 1, g->indexed);
    return step_done(g, f, "search index");
}

/* The last search_docs row already in the full-text index (before this batch's). */
static bool last_indexed(ingest *g)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_SEARCH_LAST,
                                     "SELECT coalesce(max(id), 0) FROM search_docs");
    if (!s)
        return g->err = NF_ERR_IO, false;
    int rc = sqlite3_step(s);
    g->indexed = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return g->err = nf__store_fail(g->st, "search"), false;
    return true;
}

/* Removes the story's quote and claim rows from the index (an external-content FTS5 table is
 * told the old values of what it forgets), in one statement; the caller deletes the rows. */
static bool delete_search(ingest *g, sqlite3_int64 sid)
{
    sqlite3_stmt *d = nf__store_stmt(g->st, Q_FTS_DELETE,
                                     "INSERT INTO search(search, rowid, title, body)"
                                     " SELECT 'delete', id, title, body FROM search_docs"
                                     " WHERE story_id = ? AND kind <> 'article' AND id <= ?");
    if (!d)
        return g->err = NF_ERR_IO, false;
    sqlite3_bind_int64(d, 1, sid);
    sqlite3_bind_int64(d, 2, g->indexed);
    return step_done(g, d, "search index");
}

static const char *jget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Replaces the story's facts, names and quote/claim search rows by those of its brief. */
static bool fresh_story(const ingest *g, sqlite3_int64 sid)
{
    for (size_t i = 0; i < g->fresh.len; i++)
        if (g->fresh.items[i] == sid)
            return true;
    return false;
}

static bool store_facts(ingest *g, sqlite3_int64 sid, json_t *story, json_t *keys)
{
    /* a story created in this batch has no facts to replace yet */
    if (!fresh_story(g, sid)) {
        if (!delete_search(g, sid))
            return false;
        static const char *const del[] = {
            "DELETE FROM search_docs WHERE story_id = ? AND kind <> 'article'",
            "DELETE FROM facts WHERE story_id = ?"};
        for (int k = 0; k < 2; k++) {
            sqlite3_stmt *d = nf__store_stmt(g->st, Q_FACTS_DEL + k, del[k]);
            if (!d)
                return g->err = NF_ERR_IO, false;
            sqlite3_bind_int64(d, 1, sid);
            if (!step_done(g, d, "facts"))
                return false;
        }
    }
    nf_arena *a = nf_arena_new();
    nf_buf al;
    nf_buf_init(&al);
    bool ok = true;
    size_t i;
    json_t *it;
    sqlite3_int64 fid, first;
    json_array_foreach(json_object_get(story, "entities"), i, it) {
        nf_buf_clear(&al);
        size_t j;
        json_t *x;
        json_array_foreach(json_object_get(it, "aliases"), j, x) {
            if (!json_is_string(x))
                continue;
            if (al.len)
                nf_buf_putc(&al, '\n');
            nf_buf_puts(&al, json_string_value(x));
        }
        if (!(ok = insert_fact(g, sid, "entity", jget(it, "name"), jget(it, "type"), NULL,
                               al.len ? al.data : NULL, -1, it, keys, &fid, &first) &&
                   insert_name(g, a, fid, jget(it, "name"))))
            goto done;
        json_array_foreach(json_object_get(it, "aliases"), j, x)
            if (!(ok = insert_name(g, a, fid, json_string_value(x))))
                goto done;
    }
    json_array_foreach(json_object_get(story, "quotes"), i, it) {
        const char *sp = jget(it, "speaker");
        if (!(ok = insert_fact(g, sid, "quote", sp, NULL, jget(it, "text"), NULL,
                               json_is_true(json_object_get(it, "direct")), it, keys, &fid,
                               &first) &&
                   insert_name(g, a, fid, sp)))
            goto done;
        if (first && !(ok = insert_search(g, "quote", sid, first, sp, jget(it, "text"))))
            goto done;
    }
    json_array_foreach(json_object_get(story, "claims"), i, it) {
        const char *subj = jget(it, "subject");
        if (!(ok = insert_fact(g, sid, "claim", subj, jget(it, "status"), jget(it, "text"), NULL,
                               -1, it, keys, &fid, &first)))
            goto done;
        if (first && !(ok = insert_search(g, "claim", sid, first, subj, jget(it, "text"))))
            goto done;
    }
done:
    nf_buf_free(&al);
    nf_arena_free(a);
    return ok;
}

static pending *batch_doc(ingest *g, sqlite3_int64 aid)
{
    for (size_t i = 0; i < g->batch.len; i++)
        if (g->batch.items[i].aid == aid)
            return &g->batch.items[i];
    return NULL;
}

static int append_json(const char *buffer, size_t size, void *data)
{
    nf_buf_append(data, buffer, size);
    return 0;
}

/* Recomputes the brief of story sid over all its stored articles. */
static bool recompute(ingest *g, sqlite3_int64 sid)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_STORY_MEMBERS,
                                     "SELECT a.id, a.key, a.json, sa.copy_of FROM story_articles sa"
                                     " JOIN articles a ON a.id = sa.article_id"
                                     " WHERE sa.story_id = ? ORDER BY a.key");
    if (!s)
        return g->err = NF_ERR_IO, false;
    sqlite3_bind_int64(s, 1, sid);
    NF_VEC(nf_doc *) docs = {0};
    NF_VEC(bool) owned = {0};
    NF_VEC(sqlite3_int64) aids = {0};
    NF_VEC(sqlite3_int64) copies = {0};
    json_t *keys = json_object();
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 aid = sqlite3_column_int64(s, 0);
        const char *key = (const char *)sqlite3_column_text(s, 1);
        pending *p = batch_doc(g, aid);
        nf_doc *d = p ? p->doc
                      : nf__store_doc_from_json((const char *)sqlite3_column_text(s, 2),
                                                (size_t)sqlite3_column_bytes(s, 2), key);
        if (!d)
            continue;
        nf_vec_push(&docs, d);
        nf_vec_push(&owned, p == NULL);
        nf_vec_push(&aids, aid);
        nf_vec_push(&copies,
                    sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3));
        json_object_set_new(keys, key, json_integer(aid));
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        g->err = nf__store_fail(g->st, "story members");
    size_t n = docs.len;
    if (ok && n) {
        nf_story story;
        nf__store_story_of(&story, docs.items, aids.items, copies.items, n);
        nf_clustering cl = {&story, 1};
        /* The story's brief as nf_brief_write would write it, taken as the jansson tree of
         * its story object (no writing of the whole brief to re-read its parts). */
        nf_arena *ba = nf_arena_new();
        nf__story_view *views = nf__brief_build(ba, docs.items, NULL, n, &cl);
        json_t *so = nf__brief_story_json(docs.items, views, 0);
        nf_arena_free(ba);
        /* the stored text: the writer's members with the id replaced and related left out */
        nf_buf brief_text;
        nf_buf_init(&brief_text);
        if (so) {
            char idbuf[32];
            snprintf(idbuf, sizeof idbuf, "s%lld", (long long)sid);
            json_object_set_new(so, "id", json_string(idbuf));
            json_object_del(so, "related");
            if (json_dump_callback(so, append_json, &brief_text,
                                   JSON_COMPACT | JSON_PRESERVE_ORDER) != 0) {
                json_decref(so);
                so = NULL;
            }
        }
        if (!so) {
            snprintf(g->st->err, sizeof g->st->err, "story s%lld: the brief did not parse",
                     (long long)sid);
            g->err = NF_ERR_PARSE;
            ok = false;
        } else {
            const char *brief = brief_text.data;
            /* languages in order of first appearance, comma-separated */
            nf_buf langs;
            nf_buf_init(&langs);
            long last_day = -1;
            for (size_t i = 0; i < n; i++) {
                const nf_doc *d = docs.items[i];
                bool seen = false;
                for (size_t j = 0; j < i; j++)
                    seen |= !strcmp(docs.items[j]->lang, d->lang);
                if (!seen) {
                    if (langs.len)
                        nf_buf_putc(&langs, ',');
                    nf_buf_puts(&langs, d->lang);
                }
                if (d->published.gran >= NF_GRAN_DAY) {
                    long day = nf_date_to_days(d->published.year, d->published.month,
                                               d->published.day);
                    if (day > last_day)
                        last_day = day;
                }
            }
            json_t *sum0 = json_array_get(json_object_get(so, "summary"), 0);
            const char *summary = sum0 ? jget(sum0, "text") : NULL;
            sqlite3_stmt *u = nf__store_stmt(
                g->st, Q_STORY_UPDATE,
                "UPDATE stories SET headline = ?, summary = ?, outlets = ?, languages = ?,"
                " first_published = ?, last_published = ?, last_day = ?, n_articles = ?,"
                " brief = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
            if (!u) {
                g->err = NF_ERR_IO;
                ok = false;
            } else {
                bind_text(u, 1, jget(so, "headline") ? jget(so, "headline") : "");
                bind_text(u, 2, summary ? summary : "");
                sqlite3_bind_int64(u, 3, json_integer_value(json_object_get(so, "outlets")));
                bind_text(u, 4, langs.data ? langs.data : "");
                bind_text(u, 5, jget(so, "first_published"));
                bind_text(u, 6, jget(so, "last_published"));
                if (last_day >= 0)
                    sqlite3_bind_int64(u, 7, last_day);
                else
                    sqlite3_bind_null(u, 7);
                sqlite3_bind_int64(u, 8, (sqlite3_int64)n);
                bind_text(u, 9, brief ? brief : "{}");
                sqlite3_bind_int64(u, 10, sid);
                ok = step_done(g, u, "story") && store_facts(g, sid, so, keys);
            }
            nf_buf_free(&langs);
        }
        json_decref(so);
        nf_buf_free(&brief_text);
        free(story.members);
        free(story.copy_of);
        g->stats.touched++;
    }
    for (size_t i = 0; i < n; i++)
        if (owned.items[i])
            nf_doc_free(docs.items[i]);
    nf_vec_free(&docs);
    nf_vec_free(&owned);
    nf_vec_free(&aids);
    nf_vec_free(&copies);
    json_decref(keys);
    return ok;
}

/* ---- batches --------------------------------------------------------------------------- */

static int pending_cmp(const void *x, const void *y)
{
    const pending *a = x, *b = y;
    bool da = a->doc->published.gran >= NF_GRAN_DAY, db = b->doc->published.gran >= NF_GRAN_DAY;
    if (da != db)
        return da ? -1 : 1;
    if (da) {
        long xa = nf_date_to_days(a->doc->published.year, a->doc->published.month,
                                  a->doc->published.day);
        long xb = nf_date_to_days(b->doc->published.year, b->doc->published.month,
                                  b->doc->published.day);
        if (xa != xb)
            return xa < xb ? -1 : 1;
    }
    return a->input < b->input ? -1 : a->input > b->input;
}

/* A key no stored article has: the doc's id, else id~2, id~3, ... */
static char *unique_key(ingest *g, const char *id)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_KEY_SEEN, "SELECT 1 FROM articles WHERE key = ?");
    if (!s)
        return NULL;
    if (!id || !*id)
        id = "article";
    char *key = nf_xstrndup(id, strlen(id));
    for (int k = 2;; k++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE)
            return key;
        if (rc != SQLITE_ROW) {
            free(key);
            nf__store_fail(g->st, "key");
            return NULL;
        }
        size_t n = strlen(id) + 24;
        char *next = nf_xmalloc(n);
        snprintf(next, n, "%s~%d", id, k);
        free(key);
        key = next;
    }
}

static bool insert_article(ingest *g, pending *p, sqlite3_int64 sid, sqlite3_int64 copy_of)
{
    nf_doc *d = p->doc;
    char *key = unique_key(g, d->id);
    if (!key)
        return g->err = NF_ERR_IO, false;
    d->id = nf_arena_strdup(d->arena, key);
    free(key);
    char pub[40];
    nf_date_format(&d->published, pub, sizeof pub);
    sqlite3_stmt *s = nf__store_stmt(
        g->st, Q_ART_INSERT,
        "INSERT OR IGNORE INTO articles(key, url, url_key, content_hash, raw_hash, source, title,"
        " published, published_day, language, text, json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bool ok = s != NULL;
    if (!s)
        g->err = NF_ERR_IO;
    nf_buf js;
    if (ok) {
        bind_text(s, 1, d->id);
        bind_text(s, 2, d->url);
        bind_text(s, 3, d->url ? d->url : "");
        sqlite3_bind_int64(s, 4, (sqlite3_int64)p->content_hash);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)p->raw_hash);
        bind_text(s, 6, d->source);
        bind_text(s, 7, d->title);
        bind_text(s, 8, pub[0] ? pub : NULL);
        if (d->published.gran >= NF_GRAN_DAY)
            sqlite3_bind_int64(s, 9, nf_date_to_days(d->published.year, d->published.month,
                                                     d->published.day));
        else
            sqlite3_bind_null(s, 9);
        bind_text(s, 10, d->lang);
        sqlite3_bind_text(s, 11, d->text ? d->text : "", (int)d->text_len, SQLITE_STATIC);
        /* the object nf_brief_write_article writes, which is also the brief's */
        nf_buf_init(&js);
        nf_brief_write_article(&js, d, NF_FMT_JSON);
        while (js.len && js.data[js.len - 1] == '\n')
            js.len--;
        sqlite3_bind_text(s, 12, js.data ? js.data : "{}", js.data ? (int)js.len : 2,
                          SQLITE_STATIC);
        ok = step_done(g, s, "article");
        nf_buf_free(&js);
    }
    if (!ok)
        return false;
    if (sqlite3_changes(g->st->db) == 0) {
        /* another ingest stored the same article since we looked: nothing to add */
        p->aid = 0;
        return true;
    }
    p->aid = sqlite3_last_insert_rowid(g->st->db);
    sqlite3_stmt *m = nf__store_stmt(g->st, Q_MEMBER_INSERT,
                                     "INSERT INTO story_articles(article_id, story_id, copy_of)"
                                     " VALUES (?, ?, ?)");
    if (!m)
        return g->err = NF_ERR_IO, false;
    sqlite3_bind_int64(m, 1, p->aid);
    sqlite3_bind_int64(m, 2, sid);
    if (copy_of)
        sqlite3_bind_int64(m, 3, copy_of);
    else
        sqlite3_bind_null(m, 3);
    if (!step_done(g, m, "membership"))
        return false;
    return insert_search(g, "article", sid, p->aid, d->title, d->text ? d->text : "");
}

static sqlite3_int64 new_story(ingest *g)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, Q_STORY_INSERT,
                                     "INSERT INTO stories(headline, summary, outlets, languages,"
                                     " n_articles, brief) VALUES ('', '', 0, '', 0, '{}')");
    if (!s || !step_done(g, s, "story")) {
        g->err = NF_ERR_IO;
        return 0;
    }
    g->stats.new_stories++;
    sqlite3_int64 sid = sqlite3_last_insert_rowid(g->st->db);
    nf_vec_push(&g->fresh, sid);
    return sid;
}

static void free_batch(ingest *g)
{
    for (size_t i = 0; i < g->batch.len; i++)
        nf_doc_free(g->batch.items[i].doc);
    g->batch.len = 0;
    nf_map_free(g->batch_keys);
    g->batch_keys = nf_map_new();
    g->touched.len = 0;
    g->fresh.len = 0;
}

static nf_status flush(ingest *g)
{
    if (g->err != NF_OK || g->batch.len == 0)
        return g->err;
    if (!nf__store_exec(g->st, "BEGIN IMMEDIATE"))
        return g->err = NF_ERR_IO;
    if (!last_indexed(g))
        goto fail;
    qsort(g->batch.items, g->batch.len, sizeof(pending), pending_cmp);
    if (g->replayed && batch_is_late(g)) {
        nf_cluster_finish(g->cl, NULL); /* thread links of the stories it holds */
        nf_cluster_free(g->cl);
        g->cl = NULL;
        nf_cluster_opts co = g->o.cluster;
        co.on_close = on_close;
        co.user = g;
        if (g->err != NF_OK || nf_cluster_new(&co, &g->cl) != NF_OK)
            goto fail;
        nf_map_free(g->story_of);
        g->story_of = nf_map_new();
        g->arrival_aid.len = 0;
        g->replayed = false;
        g->stats.rebuilds++;
    }
    if (!g->replayed) {
        g->replayed = true;
        if ((g->err = replay_merge(g)) != NF_OK)
            goto fail;
    } else {
        for (size_t i = 0; i < g->batch.len; i++)
            place_new(g, &g->batch.items[i]);
    }
    if (g->err != NF_OK)
        goto fail;
    /* in arrival order: an original is inserted before its copies */
    bool ignored = false;
    for (size_t i = 0; i < g->batch.len; i++) {
        pending *p = &g->batch.items[i];
        sqlite3_int64 sid = mapped_story(g, p->pl.story);
        if (!sid) {
            if (!(sid = new_story(g)))
                goto fail;
            map_story(g, p->pl.story, sid);
        }
        size_t cp = p->pl.copy_of;
        sqlite3_int64 copy = cp == NF_CLUSTER_NONE ? 0 : arrival_article(g, cp);
        if (!insert_article(g, p, sid, copy))
            goto fail;
        if (!p->aid) {
            g->stats.duplicates++;
            ignored = true;
            continue;
        }
        set_arrival(g, p->pl.arrival, p->aid);
        touch(g, sid);
        g->stats.added++;
    }
    /* a story started only by articles another ingest stored meanwhile holds nothing: it
     * goes, and its clusterer story maps to no stored story */
    for (size_t i = 0; ignored && i < g->batch.len; i++) {
        pending *p = &g->batch.items[i];
        sqlite3_int64 sid = mapped_story(g, p->pl.story);
        if (p->aid || !sid || sid_has_members(g, sid))
            continue;
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM stories WHERE id = %lld", (long long)sid);
        if (!nf__store_exec(g->st, sql))
            goto fail;
        map_story(g, p->pl.story, 0);
    }
    for (size_t i = 0; i < g->touched.len; i++)
        if (!recompute(g, g->touched.items[i]))
            goto fail;
    if (!index_batch(g))
        goto fail;
    if (!nf__store_exec(g->st, "COMMIT")) {
        g->err = NF_ERR_IO;
        goto fail;
    }
    g->stats.batches++;
    if (g->o.progress)
        fprintf(stderr, "newsfuse: ingest: %zu articles stored, %zu duplicates, %zu stories new,"
                        " batch %zu committed\n",
                g->stats.added, g->stats.duplicates, g->stats.new_stories, g->stats.batches);
    free_batch(g);
    return NF_OK;
fail:
    if (g->err == NF_OK)
        g->err = NF_ERR_IO;
    {
        char keep[sizeof g->st->err];
        memcpy(keep, g->st->err, sizeof keep);
        nf__store_exec(g->st, "ROLLBACK");
        memcpy(g->st->err, keep, sizeof keep);
    }
    free_batch(g);
    return g->err;
}

/* ---- records --------------------------------------------------------------------------- */

static bool seen_hash(ingest *g, int which, const char *sql, const char *url_key, uint64_t h)
{
    sqlite3_stmt *s = nf__store_stmt(g->st, which, sql);
    if (!s) {
        g->err = NF_ERR_IO;
        return false;
    }
    int i = 1;
    if (url_key)
        sqlite3_bind_text(s, i++, url_key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, i, (sqlite3_int64)h);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        g->err = nf__store_fail(g->st, "lookup");
    sqlite3_reset(s);
    return rc == SQLITE_ROW;
}

static void on_error(const char *path, nf_status st, const char *why, void *user)
{
    (void)st;
    ingest *g = user;
    g->stats.failed++;
    fprintf(stderr, "newsfuse: %s: %s\n", path, why);
}

static uint64_t hash2(const char *a, size_t alen, const char *b, size_t blen)
{
    char *buf = nf_xmalloc(alen + blen + 1);
    memcpy(buf, a, alen);
    buf[alen] = '\0';
    memcpy(buf + alen + 1, b, blen);
    uint64_t h = nf_hash(buf, alen + blen + 1);
    free(buf);
    return h;
}

static nf_status on_record(const nf_record *rec, void *user)
{
    ingest *g = user;
    g->stats.records++;
    const char *url = rec->url ? rec->url : "";
    uint64_t raw = hash2(url, strlen(url), rec->data, rec->len);
    char rk[24];
    snprintf(rk, sizeof rk, "r%016llx", (unsigned long long)raw);
    if (nf_map_get(g->batch_keys, rk, strlen(rk)) ||
        seen_hash(g, Q_RAW_SEEN, "SELECT 1 FROM articles WHERE raw_hash = ?", NULL, raw)) {
        g->stats.duplicates++;
        return g->err;
    }
    if (g->err != NF_OK)
        return g->err;
    nf_doc *doc;
    nf_status s = g->o.plain ? nf_extract_plain(rec, &(nf_extract_opts){g->o.dct}, &doc)
                             : nf_extract(rec, &(nf_extract_opts){g->o.dct}, &doc);
    if (s != NF_OK) {
        g->stats.failed++;
        if (rec->index)
            fprintf(stderr, "newsfuse: %s: record %zu: %s\n", rec->path, rec->index,
                    nf_status_str(s));
        else
            fprintf(stderr, "newsfuse: %s: %s\n", rec->path, nf_status_str(s));
        return NF_OK;
    }
    const char *title = doc->title ? doc->title : "";
    uint64_t ch = hash2(title, strlen(title), doc->text ? doc->text : "", doc->text_len);
    const char *uk = doc->url ? doc->url : "";
    size_t cklen = strlen(uk) + 20;
    char *ck = nf_xmalloc(cklen);
    snprintf(ck, cklen, "c%016llx%s", (unsigned long long)ch, uk);
    if (nf_map_get(g->batch_keys, ck, strlen(ck)) ||
        seen_hash(g, Q_CONTENT_SEEN,
                  "SELECT 1 FROM articles WHERE url_key = ? AND content_hash = ?", uk, ch)) {
        g->stats.duplicates++;
        nf_doc_free(doc);
        free(ck);
        return g->err;
    }
    nf_map_put(g->batch_keys, ck, strlen(ck), (void *)1);
    nf_map_put(g->batch_keys, rk, strlen(rk), (void *)1);
    free(ck);
    pending p = {doc, raw, ch, g->stats.records, 0, {0, 0, false, 0, 0}};
    nf_vec_push(&g->batch, p);
    size_t want = g->o.batch ? g->o.batch : 1024;
    if (g->batch.len >= want)
        return flush(g);
    return NF_OK;
}

typedef nf_status (*walk_fn)(const void *ctx, const nf_ingest_opts *io);

static nf_status run(nf_store *st, const nf_store_ingest_opts *opts, nf_store_ingest_stats *stats,
                     walk_fn walk, const void *ctx)
{
    if (stats)
        memset(stats, 0, sizeof *stats);
    if (!st || st->readonly) {
        if (st)
            snprintf(st->err, sizeof st->err, "the store is open read-only");
        return NF_ERR_INVALID;
    }
    ingest g;
    memset(&g, 0, sizeof g);
    g.st = st;
    if (opts)
        g.o = *opts;
    nf_cluster_opts co = g.o.cluster;
    co.on_close = on_close;
    co.user = &g;
    nf_status s = nf_cluster_new(&co, &g.cl);
    if (s != NF_OK)
        return s;
    g.story_of = nf_map_new();
    g.batch_keys = nf_map_new();
    nf_ingest_opts io;
    memset(&io, 0, sizeof io);
    io.on_record = on_record;
    io.on_error = on_error;
    io.user = &g;
    io.progress = -1;
    s = walk(ctx, &io);
    if (s == NF_OK)
        s = flush(&g);
    else
        free_batch(&g);
    /* thread links of the stories still open */
    if (s == NF_OK && g.replayed) {
        if (nf__store_exec(st, "BEGIN IMMEDIATE")) {
            nf_cluster_finish(g.cl, NULL);
            if (g.err != NF_OK || !nf__store_exec(st, "COMMIT")) {
                nf__store_exec(st, "ROLLBACK");
                s = NF_ERR_IO;
            }
        } else {
            s = NF_ERR_IO;
        }
    }
    if (s != NF_OK && g.err != NF_OK)
        s = g.err;
    nf_cluster_free(g.cl);
    nf_map_free(g.story_of);
    nf_map_free(g.batch_keys);
    nf_vec_free(&g.batch);
    nf_vec_free(&g.arrival_aid);
    nf_vec_free(&g.touched);
    nf_vec_free(&g.fresh);
    if (stats)
        *stats = g.stats;
    return s;
}

typedef struct {
    const char *const *paths;
    size_t n;
    const void *data;
    size_t len;
    const char *hint;
} walk_args;

static nf_status walk_paths(const void *ctx, const nf_ingest_opts *io)
{
    const walk_args *w = ctx;
    return nf_ingest_paths(w->paths, w->n, io, NULL);
}

static nf_status walk_buffer(const void *ctx, const nf_ingest_opts *io)
{
    const walk_args *w = ctx;
    return nf_ingest_buffer(w->data, w->len, w->hint, io, NULL);
}

nf_status nf_store_ingest_paths(nf_store *st, const char *const *paths, size_t n,
                                const nf_store_ingest_opts *opts, nf_store_ingest_stats *stats)
{
    walk_args w = {paths, n, NULL, 0, NULL};
    return run(st, opts, stats, walk_paths, &w);
}

nf_status nf_store_ingest_buffer(nf_store *st, const void *data, size_t len,
                                 const char *path_hint, const nf_store_ingest_opts *opts,
                                 nf_store_ingest_stats *stats)
{
    walk_args w = {NULL, 0, data, len, path_hint};
    return run(st, opts, stats, walk_buffer, &w);
}
