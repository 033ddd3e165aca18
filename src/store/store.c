/* The store's file: opening, the schema and its migrations, statement cache, and the doc
 * rebuilt from a stored article (include/newsfuse/store.h, docs/STORE.md).
 *
 * Migrations: migrations[k] takes a file from user_version k to k + 1. They run in one
 * transaction on open, so a file is either at its old version or at the new one. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsfuse/text.h"
#include "store/store_int.h"

static _Thread_local char open_err[512];

static const char *const migrations[NF_STORE_SCHEMA] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE articles(\n"
    "  id INTEGER PRIMARY KEY,\n"             /* arrival order */
    "  key TEXT NOT NULL UNIQUE,\n"           /* the public id (the article JSON's id) */
    "  url TEXT,\n"
    "  url_key TEXT NOT NULL,\n"              /* url, or '' when none */
    "  content_hash INTEGER NOT NULL,\n"      /* XXH3-64 of title \\0 text */
    "  raw_hash INTEGER NOT NULL,\n"          /* XXH3-64 of the record's URL \\0 bytes */
    "  source TEXT,\n"
    "  title TEXT,\n"
    "  published TEXT,\n"                     /* ISO 8601 as in the article JSON */
    "  published_day INTEGER,\n"              /* days since 1970-01-01, NULL when undated */
    "  language TEXT NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  json TEXT NOT NULL,\n"                 /* $defs/article, removed pieces included */
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),\n"
    "  UNIQUE(url_key, content_hash));\n"
    "CREATE INDEX articles_raw ON articles(raw_hash);\n"
    "CREATE INDEX articles_published ON articles(published);\n"
    "CREATE TABLE stories(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  headline TEXT NOT NULL,\n"
    "  summary TEXT NOT NULL,\n"              /* the first summary sentence */
    "  outlets INTEGER NOT NULL,\n"
    "  languages TEXT NOT NULL,\n"            /* 'en,es' */
    "  first_published TEXT,\n"
    "  last_published TEXT,\n"
    "  last_day INTEGER,\n"
    "  n_articles INTEGER NOT NULL,\n"
    "  brief TEXT NOT NULL,\n"                /* the schema's story object, related left out */
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));\n"
    "CREATE INDEX stories_last ON stories(last_published, id);\n"
    "CREATE INDEX stories_day ON stories(last_day);\n"
    "CREATE TABLE story_articles(\n"
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,\n"
    "  copy_of INTEGER REFERENCES articles(id) ON DELETE SET NULL);\n"
    "CREATE INDEX story_articles_story ON story_articles(story_id);\n"
    "CREATE TABLE related(\n"
    "  a INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,\n"
    "  b INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,\n"
    "  PRIMARY KEY(a, b), CHECK(a < b)) WITHOUT ROWID;\n"
    "CREATE INDEX related_b ON related(b);\n"
    "CREATE TABLE facts(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('entity','quote','claim','event')),\n"
    "  name TEXT,\n"                          /* entity name, speaker, claim subject, date */
    "  type TEXT,\n"                          /* entity type, claim status */
    "  text TEXT,\n"                          /* quote words, claim or event sentence */
    "  aliases TEXT,\n"                       /* entity: other forms, one per line */
    "  direct INTEGER,\n"                     /* quote: in quotation marks */
    "  articles TEXT NOT NULL);\n"            /* JSON array of the keys of the articles
                                                 that carry it (all in the same story) */
    "CREATE INDEX facts_story ON facts(story_id, kind);\n"
    "CREATE TABLE names(\n"                   /* entity names, aliases, speakers, folded */
    "  fold TEXT NOT NULL,\n"
    "  fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,\n"
    "  PRIMARY KEY(fold, fact_id)) WITHOUT ROWID;\n"
    "CREATE INDEX names_fact ON names(fact_id);\n"
    /* what the full-text index holds; the index is kept by the store's code, not by
     * triggers (an FTS5 insert inside a trigger flushes the index at every statement) */
    "CREATE TABLE search_docs(\n"
    /* ids never reused: a batch indexes the rows above the last indexed id */
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('article','quote','claim')),\n"
    "  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,\n"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  title TEXT,\n"
    "  body TEXT);\n"
    "CREATE INDEX search_docs_story ON search_docs(story_id, kind);\n"
    "CREATE INDEX search_docs_article ON search_docs(article_id);\n"
    "CREATE VIRTUAL TABLE search USING fts5(title, body, content='search_docs',\n"
    "  content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n"
    "INSERT INTO meta(key, value) VALUES ('created_by', 'newsfuse');\n",
};

nf_status nf__store_fail(nf_store *st, const char *what)
{
    snprintf(st->err, sizeof st->err, "%s: %s", what, sqlite3_errmsg(st->db));
    return NF_ERR_IO;
}

bool nf__store_exec(nf_store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(st->err, sizeof st->err, "%s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

sqlite3_stmt *nf__store_stmt(nf_store *st, int which, const char *sql)
{
    if (!st->q[which]) {
        if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->q[which], NULL) !=
            SQLITE_OK) {
            nf__store_fail(st, "prepare");
            st->q[which] = NULL;
            return NULL;
        }
    } else {
        sqlite3_reset(st->q[which]);
        sqlite3_clear_bindings(st->q[which]);
    }
    return st->q[which];
}

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

static nf_status migrate(nf_store *st)
{
    int v = user_version(st->db);
    if (v < 0)
        return nf__store_fail(st, "not a newsfuse store");
    if (v > NF_STORE_SCHEMA) {
        snprintf(st->err, sizeof st->err,
                 "schema version %d is newer than this build's (%d)", v, NF_STORE_SCHEMA);
        return NF_ERR_UNSUPPORTED;
    }
    if (v == NF_STORE_SCHEMA)
        return NF_OK;
    if (st->readonly) {
        snprintf(st->err, sizeof st->err,
                 "schema version %d needs migrating to %d (open it for writing once)", v,
                 NF_STORE_SCHEMA);
        return NF_ERR_UNSUPPORTED;
    }
    if (!nf__store_exec(st, "BEGIN IMMEDIATE"))
        return NF_ERR_IO;
    /* another process may have migrated while we waited for the lock */
    v = user_version(st->db);
    for (; v < NF_STORE_SCHEMA; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (!nf__store_exec(st, migrations[v]) || !nf__store_exec(st, pragma)) {
            char keep[sizeof st->err];
            memcpy(keep, st->err, sizeof keep);
            nf__store_exec(st, "ROLLBACK");
            snprintf(st->err, sizeof st->err, "migration to schema %d: %.400s", v + 1, keep);
            return NF_ERR_IO;
        }
    }
    return nf__store_exec(st, "COMMIT") ? NF_OK : NF_ERR_IO;
}

nf_status nf_store_open(const char *path, int flags, nf_store **out)
{
    *out = NULL;
    open_err[0] = '\0';
    if (!path || !*path) {
        snprintf(open_err, sizeof open_err, "no store path");
        return NF_ERR_INVALID;
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT || !(flags & NF_STORE_CREATE) || (flags & NF_STORE_READONLY)) {
            snprintf(open_err, sizeof open_err, "%s: no store there (run newsfuse ingest)", path);
            return NF_ERR_NOTFOUND;
        }
    } else if (!S_ISREG(sb.st_mode)) {
        snprintf(open_err, sizeof open_err, "%s: not a file", path);
        return NF_ERR_IO;
    }
    nf_store *st = nf_xcalloc(1, sizeof *st);
    st->readonly = (flags & NF_STORE_READONLY) != 0;
    int of = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    of |= SQLITE_OPEN_NOMUTEX; /* one handle per thread (store.h) */
    nf_status s = NF_OK;
    if (sqlite3_open_v2(path, &st->db, of, NULL) != SQLITE_OK) {
        s = nf__store_fail(st, path);
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 10000);
    sqlite3_extended_result_codes(st->db, 1);
    /* a file that is not SQLite fails on the first read */
    if (user_version(st->db) < 0) {
        snprintf(st->err, sizeof st->err, "%s: not an SQLite store", path);
        s = NF_ERR_IO;
        goto fail;
    }
    if (!st->readonly && !nf__store_exec(st, "PRAGMA journal_mode=WAL")) {
        s = NF_ERR_IO;
        goto fail;
    }
    if (!nf__store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768") ||
        !nf__store_exec(st, st->readonly ? "PRAGMA query_only=ON" : "PRAGMA synchronous=NORMAL")) {
        s = NF_ERR_IO;
        goto fail;
    }
    if ((s = migrate(st)) != NF_OK)
        goto fail;
    *out = st;
    return NF_OK;
fail:
    snprintf(open_err, sizeof open_err, "%s", st->err);
    nf_store_close(st);
    return s;
}

void nf_store_close(nf_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    free(st);
}

const char *nf_store_errmsg(const nf_store *st)
{
    return st ? st->err : open_err;
}

sqlite3_int64 nf__store_story_id(const char *id)
{
    if (!id)
        return 0;
    if (*id == 's' || *id == 'S')
        id++;
    if (*id < '1' || *id > '9')
        return 0;
    char *end;
    long long v = strtoll(id, &end, 10);
    return *end || v <= 0 ? 0 : (sqlite3_int64)v;
}

const char *nf__store_fold_in(nf_arena *a, const char *s)
{
    size_t n;
    const char *f = nf_text_fold(a, s, strlen(s), &n);
    return f ? f : nf_arena_strdup(a, s);
}

char *nf__store_fold(const char *s)
{
    nf_arena *a = nf_arena_new();
    size_t n;
    const char *f = nf_text_fold(a, s, strlen(s), &n);
    char *r = f ? nf_xstrndup(f, n) : nf_xstrndup(s, strlen(s));
    nf_arena_free(a);
    return r;
}

nf_status nf_store_counts_get(nf_store *st, nf_store_counts *out)
{
    memset(out, 0, sizeof *out);
    static const char *sql =
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories),"
        " (SELECT count(*) FROM facts WHERE kind='quote'),"
        " (SELECT count(*) FROM facts WHERE kind='claim'),"
        " (SELECT count(*) FROM facts WHERE kind='entity')";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return nf__store_fail(st, "counts");
    if (sqlite3_step(s) == SQLITE_ROW) {
        out->articles = (size_t)sqlite3_column_int64(s, 0);
        out->stories = (size_t)sqlite3_column_int64(s, 1);
        out->quotes = (size_t)sqlite3_column_int64(s, 2);
        out->claims = (size_t)sqlite3_column_int64(s, 3);
        out->entities = (size_t)sqlite3_column_int64(s, 4);
    }
    sqlite3_finalize(s);
    out->schema = user_version(st->db);
    return NF_OK;
}

/* ---- the doc of a stored article ------------------------------------------------------- */

static const char *jstr(nf_arena *a, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return NULL;
    return nf_arena_strndup(a, json_string_value(v), json_string_length(v));
}

static size_t jsize(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? (size_t)json_integer_value(v) : 0;
}

nf_doc *nf__store_doc_from_json(const char *json, size_t len, const char *key)
{
    json_error_t err;
    json_t *o = json_loadb(json, len, 0, &err);
    if (!json_is_object(o)) {
        json_decref(o);
        return NULL;
    }
    nf_doc *d = nf_doc_new();
    nf_arena *a = d->arena;
    d->id = nf_arena_strdup(a, key);
    d->url = jstr(a, o, "url");
    d->source = jstr(a, o, "source");
    d->title = jstr(a, o, "title");
    d->author = jstr(a, o, "author");
    const char *pub = json_string_value(json_object_get(o, "published"));
    if (pub && nf_date_parse_iso(pub, strlen(pub), &d->published) != NF_OK)
        memset(&d->published, 0, sizeof d->published);
    d->published_estimated = json_is_true(json_object_get(o, "published_estimated"));
    const char *lang = json_string_value(json_object_get(o, "language"));
    snprintf(d->lang, sizeof d->lang, "%s", lang && strlen(lang) < 4 ? lang : "und");
    const char *fmt = json_string_value(json_object_get(o, "format"));
    for (int k = NF_KIND_UNKNOWN; fmt && k <= NF_KIND_FEED; k++)
        if (!strcmp(fmt, nf_input_kind_str((nf_input_kind)k)))
            d->kind = (nf_input_kind)k;
    json_t *text = json_object_get(o, "text");
    d->text_len = json_string_length(text);
    d->text = nf_arena_strndup(a, json_is_string(text) ? json_string_value(text) : "", d->text_len);
    d->invalid_bytes = jsize(o, "invalid_bytes");
    json_t *paras = json_object_get(o, "paragraphs");
    d->n_paras = json_array_size(paras);
    d->paras = nf_arena_alloc(a, (d->n_paras + 1) * sizeof *d->paras);
    size_t from = 0, cp = 0;
    for (size_t i = 0; i < d->n_paras; i++) {
        json_t *p = json_array_get(paras, i);
        nf_para *q = &d->paras[i];
        q->start = nf_utf8_byte_at(d->text, d->text_len, jsize(p, "start"), &from, &cp);
        q->end = nf_utf8_byte_at(d->text, d->text_len, jsize(p, "end"), &from, &cp);
        q->src_start = jsize(p, "source_start");
        q->src_end = jsize(p, "source_end");
        const char *pl = json_string_value(json_object_get(p, "language"));
        if (pl && strlen(pl) < 4)
            memcpy(q->lang, pl, strlen(pl) + 1);
        q->heading = json_is_true(json_object_get(p, "heading"));
    }
    json_t *rm = json_object_get(o, "removed");
    d->n_removed = json_array_size(rm);
    d->removed = nf_arena_alloc(a, (d->n_removed + 1) * sizeof *d->removed);
    for (size_t i = 0; i < d->n_removed; i++) {
        json_t *r = json_array_get(rm, i);
        nf_removed *x = &d->removed[i];
        json_t *t = json_object_get(r, "text");
        x->len = json_string_length(t);
        x->text = nf_arena_strndup(a, json_is_string(t) ? json_string_value(t) : "", x->len);
        const char *reason = json_string_value(json_object_get(r, "reason"));
        x->reason = NF_REASON_OTHER;
        for (int k = 1; reason && k < NF_REASON_COUNT; k++)
            if (!strcmp(reason, nf_reason_str((nf_reason)k)))
                x->reason = (nf_reason)k;
        x->detail = jstr(a, r, "detail");
        x->src_start = jsize(r, "source_start");
        x->src_end = x->src_start + x->len;
    }
    json_decref(o);
    return d;
}

void nf__store_story_of(nf_story *story, nf_doc *const *docs, const sqlite3_int64 *aids,
                        const sqlite3_int64 *copies, size_t n)
{
    memset(story, 0, sizeof *story);
    story->n = n;
    story->members = nf_xmalloc((n ? n : 1) * sizeof(size_t));
    story->copy_of = nf_xmalloc((n ? n : 1) * sizeof(size_t));
    size_t indep = 0;
    for (size_t i = 0; i < n; i++) {
        story->members[i] = i;
        story->copy_of[i] = NF_CLUSTER_NONE;
        for (size_t j = 0; j < n && copies[i]; j++)
            if (aids[j] == copies[i])
                story->copy_of[i] = j;
        if (story->copy_of[i] != NF_CLUSTER_NONE)
            continue;
        const char *src = docs[i]->source;
        bool seen = false;
        for (size_t j = 0; j < i && src; j++)
            seen |= story->copy_of[j] == NF_CLUSTER_NONE && docs[j]->source &&
                    !strcmp(docs[j]->source, src);
        indep += !seen;
    }
    story->n_independent = indep;
}
