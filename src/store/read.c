/* The store's read API (include/newsfuse/store.h): story lists, one story, one article,
 * full-text search and entity pages, all as JSON appended to a caller's nf_buf. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static void bind_opt(sqlite3_stmt *s, int i, const char *t)
{
    if (t && *t)
        sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static json_t *col_str(sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return json_null();
    json_t *j = json_stringn((const char *)sqlite3_column_text(s, i),
                             (size_t)sqlite3_column_bytes(s, i));
    return j ? j : json_null();
}

static size_t limit_of(const nf_store_filter *f)
{
    size_t l = f && f->limit ? f->limit : 50;
    return l > 1000 ? 1000 : l;
}

static nf_status emit(nf_buf *out, json_t *o, size_t flags)
{
    char *s = json_dumps(o, flags | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return NF_ERR_NOMEM;
    nf_buf_puts(out, s);
    nf_buf_putc(out, '\n');
    free(s);
    return NF_OK;
}

static json_t *story_id_json(sqlite3_int64 id)
{
    char b[32];
    snprintf(b, sizeof b, "s%lld", (long long)id);
    return json_string(b);
}

/* A story list item from the columns of STORY_COLS. */
#define STORY_COLS                                                                          \
    "s.id, s.headline, s.summary, s.outlets, s.languages, s.first_published,"             \
    " s.last_published, s.n_articles"
#define NEWEST_FIRST " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id DESC"

static json_t *story_item(sqlite3_stmt *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", story_id_json(sqlite3_column_int64(s, 0)));
    json_object_set_new(o, "headline", col_str(s, 1));
    json_object_set_new(o, "summary", col_str(s, 2));
    json_object_set_new(o, "outlets", json_integer(sqlite3_column_int64(s, 3)));
    json_t *langs = json_array();
    const char *l = (const char *)sqlite3_column_text(s, 4);
    while (l && *l) {
        const char *e = strchr(l, ',');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        json_array_append_new(langs, json_stringn(l, n));
        l = e ? e + 1 : l + n;
    }
    json_object_set_new(o, "languages", langs);
    json_object_set_new(o, "first_published", col_str(s, 5));
    json_object_set_new(o, "last_published", col_str(s, 6));
    json_object_set_new(o, "articles", json_integer(sqlite3_column_int64(s, 7)));
    return o;
}

nf_status nf_store_stories_json(nf_store *st, const nf_store_filter *f, nf_buf *out)
{
    static const char *sql =
        "SELECT " STORY_COLS " FROM stories s WHERE s.n_articles > 0"
        " AND (?1 IS NULL OR s.last_published >= ?1)"
        " AND (?2 IS NULL OR substr(s.first_published, 1, length(?2)) <= ?2)"
        " AND (?3 IS NULL OR instr(',' || s.languages || ',', ',' || ?3 || ',') > 0)"
        " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM story_articles sa JOIN articles a"
        "      ON a.id = sa.article_id WHERE sa.story_id = s.id AND a.source = ?4 COLLATE NOCASE))"
        NEWEST_FIRST " LIMIT ?5 OFFSET ?6";
    sqlite3_stmt *s;
    if (!(s = nf__store_stmt(st, Q_R0 + 0, sql)))
        return nf__store_fail(st, "stories");
    bind_opt(s, 1, f ? f->since : NULL);
    bind_opt(s, 2, f ? f->until : NULL);
    bind_opt(s, 3, f ? f->lang : NULL);
    bind_opt(s, 4, f ? f->source : NULL);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)limit_of(f));
    sqlite3_bind_int64(s, 6, f ? (sqlite3_int64)f->offset : 0);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        json_array_append_new(arr, story_item(s));
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        json_decref(arr);
        return nf__store_fail(st, "stories");
    }
    return emit(out, arr, JSON_COMPACT);
}

/* Appends stored JSON text (an object) with extra members before its closing brace. */
static void append_with(nf_buf *out, const char *js, size_t len, const char *extra)
{
    while (len && (js[len - 1] == '\n' || js[len - 1] == ' '))
        len--;
    if (len < 2 || js[len - 1] != '}') {
        nf_buf_puts(out, "{}");
        return;
    }
    nf_buf_append(out, js, len - 1);
    if (extra && *extra) {
        if (len > 2)
            nf_buf_putc(out, ',');
        nf_buf_puts(out, extra);
    }
    nf_buf_putc(out, '}');
}

nf_status nf_store_story_json(nf_store *st, const char *id, nf_buf *out)
{
    sqlite3_int64 sid = nf__store_story_id(id);
    if (!sid) {
        snprintf(st->err, sizeof st->err, "%s: not a story id", id ? id : "(null)");
        return NF_ERR_NOTFOUND;
    }
    sqlite3_stmt *s;
    if (!(s = nf__store_stmt(st, Q_R0 + 1,
                             "SELECT brief FROM stories WHERE id = ? AND n_articles > 0")))
        return nf__store_fail(st, "story");
    sqlite3_bind_int64(s, 1, sid);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        snprintf(st->err, sizeof st->err, "no story s%lld", (long long)sid);
        return NF_ERR_NOTFOUND;
    }
    nf_buf story;
    nf_buf_init(&story);
    nf_buf_append(&story, (const char *)sqlite3_column_text(s, 0),
                  (size_t)sqlite3_column_bytes(s, 0));
    sqlite3_reset(s);
    /* related stories */
    nf_buf rel;
    nf_buf_init(&rel);
    nf_buf_puts(&rel, "\"related\":[");
    if (!(s = nf__store_stmt(
              st, Q_R0 + 2,
              "SELECT b FROM related WHERE a = ?1 UNION SELECT a FROM related WHERE b = ?1"
              " ORDER BY 1"))) {
        nf_buf_free(&story);
        nf_buf_free(&rel);
        return nf__store_fail(st, "related");
    }
    sqlite3_bind_int64(s, 1, sid);
    for (int k = 0; sqlite3_step(s) == SQLITE_ROW; k++)
        nf_buf_printf(&rel, "%s\"s%lld\"", k ? "," : "", (long long)sqlite3_column_int64(s, 0));
    sqlite3_reset(s);
    nf_buf_putc(&rel, ']');
    /* articles */
    if (!(s = nf__store_stmt(
              st, Q_R0 + 3,
              "SELECT a.json FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
              " WHERE sa.story_id = ? ORDER BY a.key"))) {
        nf_buf_free(&story);
        nf_buf_free(&rel);
        return nf__store_fail(st, "articles");
    }
    sqlite3_bind_int64(s, 1, sid);
    nf_buf_puts(out, "{\"format\":\"newsfuse.brief/1\",\"articles\":[");
    for (int k = 0; sqlite3_step(s) == SQLITE_ROW; k++) {
        if (k)
            nf_buf_putc(out, ',');
        append_with(out, (const char *)sqlite3_column_text(s, 0),
                    (size_t)sqlite3_column_bytes(s, 0), NULL);
    }
    sqlite3_reset(s);
    nf_buf_puts(out, "],\"stories\":[");
    append_with(out, story.data, story.len, rel.data);
    nf_buf_puts(out, "]}\n");
    nf_buf_free(&story);
    nf_buf_free(&rel);
    return NF_OK;
}

nf_status nf_store_article_json(nf_store *st, const char *id, nf_buf *out)
{
    sqlite3_stmt *s;
    if (!(s = nf__store_stmt(st, Q_R0 + 4,
                           "SELECT a.json, sa.story_id FROM articles a"
                           " LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE a.key = ?")))
        return nf__store_fail(st, "article");
    bind_opt(s, 1, id ? id : "");
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        snprintf(st->err, sizeof st->err, "no article %s", id ? id : "");
        return NF_ERR_NOTFOUND;
    }
    char extra[48] = "";
    if (sqlite3_column_type(s, 1) != SQLITE_NULL)
        snprintf(extra, sizeof extra, "\"story\":\"s%lld\"", (long long)sqlite3_column_int64(s, 1));
    append_with(out, (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0),
                extra);
    nf_buf_putc(out, '\n');
    sqlite3_reset(s);
    return NF_OK;
}

/* ---- rendering ------------------------------------------------------------------------- */

/* Replaces the first `from` in b[at..] by `to`. */
static void replace_first(nf_buf *b, size_t at, const char *from, const char *to)
{
    char *p = b->len > at ? strstr(b->data + at, from) : NULL;
    if (!p)
        return;
    size_t pos = (size_t)(p - b->data), fl = strlen(from), tl = strlen(to);
    nf_buf tail;
    nf_buf_init(&tail);
    nf_buf_append(&tail, b->data + pos + fl, b->len - pos - fl);
    b->len = pos;
    b->data[pos] = '\0';
    nf_buf_append(b, to, tl);
    nf_buf_append(b, tail.data ? tail.data : "", tail.len);
    nf_buf_free(&tail);
}

nf_status nf_store_story_render(nf_store *st, const char *id, nf_format fmt, nf_buf *out)
{
    sqlite3_int64 sid = nf__store_story_id(id);
    sqlite3_stmt *s;
    if (!(s = nf__store_stmt(st, Q_R0 + 5,
                           "SELECT a.id, a.key, a.json, sa.copy_of FROM story_articles sa"
                           " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
                           " ORDER BY a.key")))
        return nf__store_fail(st, "story");
    sqlite3_bind_int64(s, 1, sid);
    NF_VEC(nf_doc *) docs = {0};
    NF_VEC(sqlite3_int64) aids = {0}, copies = {0};
    while (sqlite3_step(s) == SQLITE_ROW) {
        nf_doc *d = nf__store_doc_from_json((const char *)sqlite3_column_text(s, 2),
                                            (size_t)sqlite3_column_bytes(s, 2),
                                            (const char *)sqlite3_column_text(s, 1));
        if (!d)
            continue;
        nf_vec_push(&docs, d);
        nf_vec_push(&aids, sqlite3_column_int64(s, 0));
        nf_vec_push(&copies,
                    sqlite3_column_type(s, 3) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 3));
    }
    sqlite3_reset(s);
    size_t n = docs.len;
    if (!n) {
        snprintf(st->err, sizeof st->err, "no story %s", id ? id : "");
        nf_vec_free(&docs);
        nf_vec_free(&aids);
        nf_vec_free(&copies);
        return NF_ERR_NOTFOUND;
    }
    nf_story story;
    nf__store_story_of(&story, docs.items, aids.items, copies.items, n);
    nf_clustering cl = {&story, 1};
    size_t at = out->len;
    nf_status r = nf_brief_write(out, docs.items, n, &cl, fmt);
    char sidbuf[32], from[48], to[64];
    snprintf(sidbuf, sizeof sidbuf, "s%lld", (long long)sid);
    if (r == NF_OK && fmt == NF_FMT_MD) {
        snprintf(to, sizeof to, "*%s · ", sidbuf);
        replace_first(out, at, "*s1 · ", to);
        /* one story: start at its heading, without the brief's title and counts */
        char *h = out->len > at ? strstr(out->data + at, "\n## ") : NULL;
        if (h) {
            size_t head = (size_t)(h - out->data) + 1;
            memmove(out->data + at, out->data + head, out->len - head + 1);
            out->len -= head - at;
        }
    } else if (r == NF_OK && fmt == NF_FMT_HTML) {
        snprintf(to, sizeof to, "id=\"%s\"", sidbuf);
        replace_first(out, at, "id=\"s1\"", to);
        snprintf(from, sizeof from, "<p class=\"meta\">s1 · ");
        snprintf(to, sizeof to, "<p class=\"meta\">%s · ", sidbuf);
        replace_first(out, at, from, to);
    }
    free(story.members);
    free(story.copy_of);
    for (size_t i = 0; i < n; i++)
        nf_doc_free(docs.items[i]);
    nf_vec_free(&docs);
    nf_vec_free(&aids);
    nf_vec_free(&copies);
    return r;
}

/* ---- search ---------------------------------------------------------------------------- */

/* The query as plain words: each white-space separated token in double quotes. */
static char *quote_words(const char *q)
{
    nf_buf b;
    nf_buf_init(&b);
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (b.len)
            nf_buf_putc(&b, ' ');
        nf_buf_putc(&b, '"');
        for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
            if (*p == '"')
                nf_buf_putc(&b, '"');
            nf_buf_putc(&b, *p);
        }
        nf_buf_putc(&b, '"');
    }
    return b.data ? nf_buf_detach(&b, NULL) : nf_xstrndup("", 0);
}

static nf_status search_once(nf_store *st, const char *match, const nf_store_filter *f,
                             const char *entity_fold, json_t *arr, bool *syntax)
{
    static const char *sql =
        "SELECT d.kind, d.story_id, a.key, d.title,"
        " snippet(search, 1, char(2), char(3), '…', 16), bm25(search, 4.0, 1.0) AS score"
        " FROM search JOIN search_docs d ON d.id = search.rowid"
        " JOIN articles a ON a.id = d.article_id"
        " WHERE search MATCH ?1"
        " AND (?2 IS NULL OR a.published >= ?2)"
        " AND (?3 IS NULL OR substr(a.published, 1, length(?3)) <= ?3)"
        " AND (?4 IS NULL OR a.language = ?4)"
        " AND (?5 IS NULL OR a.source = ?5 COLLATE NOCASE)"
        " AND (?6 IS NULL OR d.story_id IN (SELECT f.story_id FROM names n"
        "      JOIN facts f ON f.id = n.fact_id WHERE n.fold = ?6 AND f.kind = 'entity'))"
        " ORDER BY score LIMIT ?7 OFFSET ?8";
    sqlite3_stmt *s;
    *syntax = false;
    if (!(s = nf__store_stmt(st, Q_R0 + 6, sql)))
        return nf__store_fail(st, "search");
    sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
    bind_opt(s, 2, f ? f->since : NULL);
    bind_opt(s, 3, f ? f->until : NULL);
    bind_opt(s, 4, f ? f->lang : NULL);
    bind_opt(s, 5, f ? f->source : NULL);
    bind_opt(s, 6, entity_fold);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)limit_of(f));
    sqlite3_bind_int64(s, 8, f ? (sqlite3_int64)f->offset : 0);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "kind", col_str(s, 0));
        json_object_set_new(o, "story", story_id_json(sqlite3_column_int64(s, 1)));
        json_object_set_new(o, "article", col_str(s, 2));
        json_object_set_new(o, "title", col_str(s, 3));
        json_object_set_new(o, "snippet", col_str(s, 4));
        json_object_set_new(o, "score", json_real(sqlite3_column_double(s, 5)));
        json_array_append_new(arr, o);
    }
    nf_status r = NF_OK;
    if (rc != SQLITE_DONE) {
        /* an FTS5 syntax error surfaces when the statement runs */
        *syntax = json_array_size(arr) == 0;
        r = nf__store_fail(st, "search");
    }
    sqlite3_reset(s);
    return r;
}

nf_status nf_store_search_json(nf_store *st, const char *query, const nf_store_filter *f,
                               nf_buf *out)
{
    const char *p = query;
    while (p && (*p == ' ' || *p == '\t' || *p == '\n'))
        p++;
    if (!p || !*p) {
        snprintf(st->err, sizeof st->err, "empty query");
        return NF_ERR_INVALID;
    }
    char *fold = f && f->entity && *f->entity ? nf__store_fold(f->entity) : NULL;
    json_t *arr = json_array();
    bool syntax;
    nf_status r = search_once(st, query, f, fold, arr, &syntax);
    if (r != NF_OK && syntax) {
        char *q = quote_words(query);
        r = search_once(st, q, f, fold, arr, &syntax);
        free(q);
    }
    free(fold);
    if (r != NF_OK) {
        json_decref(arr);
        return r;
    }
    return emit(out, arr, JSON_COMPACT);
}

/* ---- entities -------------------------------------------------------------------------- */

nf_status nf_store_entity_json(nf_store *st, const char *name, nf_buf *out)
{
    if (!name || !*name) {
        snprintf(st->err, sizeof st->err, "no name");
        return NF_ERR_INVALID;
    }
    char *fold = nf__store_fold(name);
    sqlite3_stmt *s;
    /* entities named so, and the story of each */
    if (!(s = nf__store_stmt(st, Q_R0 + 7,
                           "SELECT f.name, f.type, f.aliases, f.story_id FROM names n"
                           " JOIN facts f ON f.id = n.fact_id"
                           " WHERE n.fold = ? AND f.kind = 'entity' ORDER BY f.story_id DESC"))) {
        free(fold);
        return nf__store_fail(st, "entity");
    }
    sqlite3_bind_text(s, 1, fold, -1, SQLITE_STATIC);
    json_t *ents = json_array(), *by_name = json_object();
    json_t *story_ids = json_object(); /* "12" -> true */
    json_t *speakers = json_object();  /* folded names whose quotes we list */
    json_object_set_new(speakers, fold, json_true());
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *nm = (const char *)sqlite3_column_text(s, 0);
        char sk[32];
        snprintf(sk, sizeof sk, "%lld", (long long)sqlite3_column_int64(s, 3));
        json_object_set_new(story_ids, sk, json_true());
        if (!nm)
            continue;
        char *nf = nf__store_fold(nm);
        json_object_set_new(speakers, nf, json_true());
        free(nf);
        json_t *e = json_object_get(by_name, nm);
        if (!e) {
            e = json_object();
            json_object_set_new(e, "name", json_string(nm));
            json_object_set_new(e, "type", col_str(s, 1));
            json_object_set_new(e, "aliases", json_array());
            json_object_set(by_name, nm, e);
            json_array_append_new(ents, e);
        }
        json_t *aliases = json_object_get(e, "aliases");
        const char *al = (const char *)sqlite3_column_text(s, 2);
        while (al && *al) {
            const char *nl = strchr(al, '\n');
            size_t n = nl ? (size_t)(nl - al) : strlen(al);
            json_t *x = json_stringn(al, n);
            bool have = false;
            size_t j;
            json_t *y;
            json_array_foreach(aliases, j, y) have |= json_equal(x, y);
            if (!have && x)
                json_array_append(aliases, x);
            json_decref(x);
            al = nl ? nl + 1 : al + n;
        }
    }
    sqlite3_reset(s);
    json_decref(by_name);
    /* quotes of those speakers */
    json_t *quotes = json_array();
    json_t *seen_q = json_object();
    const char *sp;
    json_t *dummy;
    json_object_foreach(speakers, sp, dummy) {
        if (!(s = nf__store_stmt(
                  st, Q_R0 + 8,
                  "SELECT f.id, f.story_id, f.name, f.text, f.direct,"
                  " f.articles"
                  " FROM names n JOIN facts f ON f.id = n.fact_id"
                  " WHERE n.fold = ? AND f.kind = 'quote' ORDER BY f.story_id DESC, f.id")))
            break;
        sqlite3_bind_text(s, 1, sp, -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            char qk[32], sk[32];
            snprintf(qk, sizeof qk, "%lld", (long long)sqlite3_column_int64(s, 0));
            if (json_object_get(seen_q, qk))
                continue;
            json_object_set_new(seen_q, qk, json_true());
            snprintf(sk, sizeof sk, "%lld", (long long)sqlite3_column_int64(s, 1));
            json_object_set_new(story_ids, sk, json_true());
            json_error_t jerr;
            json_t *arts = json_loads((const char *)sqlite3_column_text(s, 5), 0, &jerr);
            json_t *q = json_object();
            json_object_set_new(q, "story", story_id_json(sqlite3_column_int64(s, 1)));
            json_object_set_new(q, "speaker", col_str(s, 2));
            json_object_set_new(q, "text", col_str(s, 3));
            json_object_set_new(q, "articles", arts ? arts : json_array());
            json_object_set_new(q, "direct", json_boolean(sqlite3_column_int(s, 4) != 0));
            json_array_append_new(quotes, q);
        }
        sqlite3_reset(s);
    }
    json_decref(seen_q);
    json_decref(speakers);
    free(fold);
    if (json_object_size(story_ids) == 0) {
        json_decref(ents);
        json_decref(quotes);
        json_decref(story_ids);
        snprintf(st->err, sizeof st->err, "no story names %s", name);
        return NF_ERR_NOTFOUND;
    }
    /* the stories, newest first */
    json_t *stories = json_array();
    if ((s = nf__store_stmt(
             st, Q_R0 + 9,
             "SELECT " STORY_COLS " FROM stories s, json_each(?) j"
             " WHERE s.id = CAST(j.key AS INTEGER) AND s.n_articles > 0" NEWEST_FIRST)) != NULL) {
        char *ids = json_dumps(story_ids, JSON_COMPACT);
        sqlite3_bind_text(s, 1, ids, -1, SQLITE_TRANSIENT);
        free(ids);
        while (sqlite3_step(s) == SQLITE_ROW)
            json_array_append_new(stories, story_item(s));
        sqlite3_reset(s);
    }
    json_decref(story_ids);
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "entities", ents);
    json_object_set_new(o, "stories", stories);
    json_object_set_new(o, "quotes", quotes);
    return emit(out, o, JSON_COMPACT);
}
