/* `newsfuse stories` and `newsfuse similar`: thin calls into the cluster stage.
 *
 *   stories FILE|DIR...     the stories of a pile of articles: per story its dates,
 *                           outlets, languages, articles (copies marked) and thread links
 *   similar A B             the same-story score of two articles and why
 *   similar --batch PAIRS   the score of every pair of a JSONL file (evaluation sets)
 *
 * Both take the argument vector after the command name; exit codes as main.c. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "newsfuse/dedup.h"
#include "newsfuse/newsfuse.h"

int nf_cmd_stories(int argc, char **argv);
int nf_cmd_similar(int argc, char **argv);


static const char *usage_stories =
    "usage: newsfuse stories [--format text|jsonl] [--stream] [--threshold P] [--window DAYS]\n"
    "                        [--thread-days DAYS] [--dct DATE] [--plain] [--no-facts] FILE|DIR...\n"
    "\n"
    "Groups the articles into stories (one event over a few days) and lists each story: id,\n"
    "dates, outlets (copies of one wire story count once), languages, its articles with their\n"
    "titles (copies marked with the article they copy) and related stories (the same actors\n"
    "at other times).\n"
    "  --format text    one block per story (default)\n"
    "  --format jsonl   one JSON object per story\n"
    "  --stream         cluster in input order and print each story when it closes (memory\n"
    "                   bounded by the thread window); default: all inputs, in date order\n"
    "  --threshold P    same-story score (0..1) an article needs to join a story (default 0.5;\n"
    "                   0.75 when the article or the story is undated)\n"
    "  --window DAYS    most days between an article and the story it joins (default 4)\n"
    "  --thread-days D  most days between related stories; stories idle this long close\n"
    "                   (default 30)\n"
    "  --dct DATE       the date to assume (YYYY-MM-DD) for pages that state none\n"
    "  --plain          read each input as clean article text (no boilerplate removal)\n"
    "  --no-facts       names from capitalisation only (skips the facts stage)\n"
    "Without FILE|DIR inputs (or with --db, --since, --lang, --source): the stories of the\n"
    "store (newsfuse ingest), newest first; see docs/STORE.md.\n";

static const char *usage_similar =
    "usage: newsfuse similar [--format text|json] [--dct DATE] [--plain] [--no-facts] A B\n"
    "       newsfuse similar --batch PAIRS.jsonl [--no-facts]\n"
    "\n"
    "Prints the same-story score (0..1) of two articles and why: the shared terms, names and\n"
    "numbers that weigh most, quotes, the time gap, copies, and the components of the score.\n"
    "  --batch FILE   one JSON object per line: text1, text2 and optionally id (or pair_id),\n"
    "                 lang1, lang2, title1, title2, date1, date2; prints one JSON object per\n"
    "                 pair with the score and its components. Document frequencies come from\n"
    "                 all texts of the file.\n"
    "  --no-facts     names from capitalisation only (skips the facts stage)\n";

/* ---- reading --------------------------------------------------------------------------- */

typedef struct {
    char *id, *title, *published, *source;
    char lang[4];
} info;

typedef struct {
    nf_extract_opts xo;
    bool plain, facts, stream;
    size_t failed;
    NF_VEC(nf_doc *) docs;
    NF_VEC(nf_facts *) facts_of;
    NF_VEC(info) infos;
    /* streaming */
    nf_cluster *cl;
    bool jsonl;
    nf_buf out;
} reader;

static char *dup_or_null(const char *s)
{
    return s ? nf_xstrndup(s, strlen(s)) : NULL;
}

static void keep_info(reader *r, const nf_doc *d)
{
    info in;
    memset(&in, 0, sizeof in);
    in.id = dup_or_null(d->id);
    in.title = dup_or_null(d->title);
    in.source = dup_or_null(d->source);
    char date[40];
    nf_date_format(&d->published, date, sizeof date);
    in.published = nf_xstrndup(date, strlen(date));
    memcpy(in.lang, d->lang, 4);
    nf_vec_push(&r->infos, in);
}

static void free_infos(reader *r)
{
    for (size_t i = 0; i < r->infos.len; i++) {
        free(r->infos.items[i].id);
        free(r->infos.items[i].title);
        free(r->infos.items[i].published);
        free(r->infos.items[i].source);
    }
    nf_vec_free(&r->infos);
}

static void on_error(const char *path, nf_status st, const char *why, void *user)
{
    (void)st;
    reader *r = user;
    r->failed++;
    fprintf(stderr, "newsfuse: %s: %s\n", path, why);
}

static nf_status on_record(const nf_record *rec, void *user)
{
    reader *r = user;
    nf_doc *doc;
    nf_status st = r->plain ? nf_extract_plain(rec, &r->xo, &doc) : nf_extract(rec, &r->xo, &doc);
    if (st != NF_OK) {
        r->failed++;
        fprintf(stderr, "newsfuse: %s: %s\n", rec->path, nf_status_str(st));
        return NF_OK;
    }
    nf_facts *f = NULL;
    if (r->facts) {
        nf_facts_opts fo = {r->xo.dct};
        if (nf_facts_extract(doc, &fo, &f) != NF_OK)
            f = NULL;
    }
    keep_info(r, doc);
    if (r->stream) {
        nf_cluster_add(r->cl, doc, f, NULL);
        nf_doc_free(doc); /* facts live in the doc's arena */
        return NF_OK;
    }
    nf_vec_push(&r->docs, doc);
    nf_vec_push(&r->facts_of, f);
    return NF_OK;
}

static int read_inputs(reader *r, char **paths, int n)
{
    nf_ingest_opts io;
    memset(&io, 0, sizeof io);
    io.on_record = on_record;
    io.on_error = on_error;
    io.user = r;
    nf_status st = nf_ingest_paths((const char *const *)paths, (size_t)n, &io, NULL);
    if (st != NF_OK) {
        fprintf(stderr, "newsfuse: %s\n", nf_status_str(st));
        return EXIT_NOTHING;
    }
    if (r->infos.len == 0) {
        if (r->failed == 0)
            fprintf(stderr, "newsfuse: no articles found in the inputs (read .txt .html .htm)\n");
        return EXIT_NOTHING;
    }
    return r->failed ? EXIT_PARTIAL : 0;
}

static bool want_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

static int flush(nf_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
        fprintf(stderr, "newsfuse: cannot write output\n");
        return EXIT_NOTHING;
    }
    nf_buf_clear(b);
    return 0;
}

/* ---- stories --------------------------------------------------------------------------- */

typedef struct {
    const char *id; /* "s3" */
    const size_t *members, *copy_of;
    size_t n, n_independent;
    char **related; /* story ids */
    size_t n_related;
} story_view;

static void languages(const reader *r, const story_view *v, char *buf, size_t cap)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < v->n; i++) {
        const char *l = r->infos.items[v->members[i]].lang;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(r->infos.items[v->members[j]].lang, l);
        if (!seen && len + 5 < cap)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "", l);
    }
}

static void date_range(const reader *r, const story_view *v, char *first, char *last)
{
    first[0] = last[0] = '\0';
    for (size_t i = 0; i < v->n; i++) {
        const char *p = r->infos.items[v->members[i]].published;
        if (!p[0])
            continue;
        if (!first[0] || strncmp(p, first, 10) < 0)
            snprintf(first, 11, "%.10s", p);
        if (!last[0] || strncmp(p, last, 10) > 0)
            snprintf(last, 11, "%.10s", p);
    }
}

static void print_story(reader *r, const story_view *v)
{
    char first[16], last[16], langs[128];
    date_range(r, v, first, last);
    languages(r, v, langs, sizeof langs);
    nf_buf *o = &r->out;
    if (r->jsonl) {
        json_t *s = json_object();
        json_object_set_new(s, "id", json_string(v->id));
        json_object_set_new(s, "first", first[0] ? json_string(first) : json_null());
        json_object_set_new(s, "last", last[0] ? json_string(last) : json_null());
        json_object_set_new(s, "outlets", json_integer((json_int_t)v->n_independent));
        json_t *ls = json_array();
        char *save = NULL;
        for (char *t = strtok_r(langs, " ", &save); t; t = strtok_r(NULL, " ", &save))
            json_array_append_new(ls, json_string(t));
        json_object_set_new(s, "languages", ls);
        json_t *arts = json_array();
        for (size_t i = 0; i < v->n; i++) {
            const info *in = &r->infos.items[v->members[i]];
            json_t *a = json_object();
            json_object_set_new(a, "id", json_string(in->id ? in->id : ""));
            json_object_set_new(a, "title", in->title ? json_string(in->title) : json_null());
            json_object_set_new(a, "published", in->published[0] ? json_string(in->published) : json_null());
            json_object_set_new(a, "source", in->source ? json_string(in->source) : json_null());
            json_object_set_new(a, "language", json_string(in->lang));
            size_t cp = v->copy_of[i];
            json_object_set_new(a, "copy_of", cp == NF_CLUSTER_NONE ? json_null()
                                                  : json_string(r->infos.items[cp].id));
            json_array_append_new(arts, a);
        }
        json_object_set_new(s, "articles", arts);
        json_t *rel = json_array();
        for (size_t i = 0; i < v->n_related; i++)
            json_array_append_new(rel, json_string(v->related[i]));
        json_object_set_new(s, "related", rel);
        char *txt = json_dumps(s, JSON_COMPACT | JSON_PRESERVE_ORDER);
        nf_buf_puts(o, txt);
        nf_buf_putc(o, '\n');
        free(txt);
        json_decref(s);
        return;
    }
    size_t copies = 0;
    for (size_t i = 0; i < v->n; i++)
        copies += v->copy_of[i] != NF_CLUSTER_NONE;
    nf_buf_printf(o, "%s", v->id);
    if (first[0])
        nf_buf_printf(o, "  %s%s%s", first, strcmp(first, last) ? " .. " : "",
                      strcmp(first, last) ? last : "");
    else
        nf_buf_puts(o, "  undated");
    nf_buf_printf(o, "  %zu article%s", v->n, v->n == 1 ? "" : "s");
    if (copies)
        nf_buf_printf(o, " (%zu cop%s)", copies, copies == 1 ? "y" : "ies");
    nf_buf_printf(o, ", %zu outlet%s, %s\n", v->n_independent, v->n_independent == 1 ? "" : "s",
                  langs[0] ? langs : "und");
    for (size_t i = 0; i < v->n; i++) {
        const info *in = &r->infos.items[v->members[i]];
        char d[16];
        snprintf(d, sizeof d, "%.10s", in->published[0] ? in->published : "-");
        nf_buf_printf(o, "  %-10s  %s  %s", d, in->id ? in->id : "", in->lang);
        if (in->source)
            nf_buf_printf(o, "  [%s]", in->source);
        if (in->title)
            nf_buf_printf(o, "  %s", in->title);
        if (v->copy_of[i] != NF_CLUSTER_NONE)
            nf_buf_printf(o, "  (copy of %s)", r->infos.items[v->copy_of[i]].id);
        nf_buf_putc(o, '\n');
    }
    if (v->n_related) {
        nf_buf_puts(o, "  related:");
        for (size_t i = 0; i < v->n_related; i++)
            nf_buf_printf(o, " %s", v->related[i]);
        nf_buf_putc(o, '\n');
    }
    nf_buf_putc(o, '\n');
}

static void on_close(const nf_cluster_story *s, void *user)
{
    reader *r = user;
    char id[32];
    snprintf(id, sizeof id, "s%llu", (unsigned long long)s->id + 1);
    char **rel = nf_xmalloc((s->n_related ? s->n_related : 1) * sizeof *rel);
    for (size_t i = 0; i < s->n_related; i++) {
        char b[32];
        snprintf(b, sizeof b, "s%llu", (unsigned long long)s->related[i] + 1);
        rel[i] = nf_xstrndup(b, strlen(b));
    }
    story_view v = {id, s->members, s->copy_of, s->n, s->n_independent, rel, s->n_related};
    print_story(r, &v);
    for (size_t i = 0; i < s->n_related; i++)
        free(rel[i]);
    free(rel);
    if (r->out.len > (1u << 16))
        flush(&r->out);
}

static bool int_opt(const char *name, const char *val, int *out)
{
    char *end;
    long v = strtol(val, &end, 10);
    if (*end || v < 1 || v > 36500) {
        fprintf(stderr, "newsfuse: %s %s: a number of days (1..36500)\n", name, val);
        return false;
    }
    *out = (int)v;
    return true;
}

int nf_cmd_stories(int argc, char **argv)
{
    if (nf_stories_from_store(argc, argv))
        return nf_cmd_store_stories(argc, argv);
    if (want_help(argc, argv)) {
        fputs(usage_stories, stdout);
        return 0;
    }
    reader r;
    memset(&r, 0, sizeof r);
    r.facts = true;
    nf_cluster_opts co;
    memset(&co, 0, sizeof co);
    const char *format = "text";
    int npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (!strcmp(a, "--plain")) {
            r.plain = true;
        } else if (!strcmp(a, "--stream")) {
            r.stream = true;
        } else if (!strcmp(a, "--no-facts")) {
            r.facts = false;
        } else if (!strcmp(a, "--format") || !strcmp(a, "--dct") || !strcmp(a, "--window") ||
                   !strcmp(a, "--thread-days") || !strcmp(a, "--threshold")) {
            if (!has_val) {
                fprintf(stderr, "newsfuse: %s needs a value (see --help)\n", a);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--format"))
                format = v;
            else if (!strcmp(a, "--dct"))
                r.xo.dct = v;
            else if (!strcmp(a, "--threshold")) {
                char *end;
                co.threshold = co.threshold_undated = strtod(v, &end);
                if (*end || co.threshold <= 0 || co.threshold >= 1) {
                    fprintf(stderr, "newsfuse: --threshold %s: a score between 0 and 1\n", v);
                    return EXIT_USAGE;
                }
            } else if (!strcmp(a, "--window") ? !int_opt(a, v, &co.window_days)
                                               : !int_opt(a, v, &co.thread_days))
                return EXIT_USAGE;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "newsfuse: unknown option %s (see --help)\n", a);
            return EXIT_USAGE;
        } else {
            argv[npos++] = argv[i];
        }
    }
    if (strcmp(format, "text") && strcmp(format, "jsonl")) {
        fprintf(stderr, "newsfuse: --format %s: use text or jsonl\n", format);
        return EXIT_USAGE;
    }
    if (r.xo.dct) {
        nf_date d;
        if (nf_date_parse_iso(r.xo.dct, strlen(r.xo.dct), &d) != NF_OK) {
            fprintf(stderr, "newsfuse: --dct %s: not a date (YYYY-MM-DD)\n", r.xo.dct);
            return EXIT_USAGE;
        }
    }
    if (npos == 0) {
        fputs(usage_stories, stderr);
        return EXIT_USAGE;
    }
    r.jsonl = !strcmp(format, "jsonl");
    nf_buf_init(&r.out);
    int rc;
    if (r.stream) {
        co.on_close = on_close;
        co.user = &r;
        nf_cluster_new(&co, &r.cl);
        rc = read_inputs(&r, argv, npos);
        nf_cluster_finish(r.cl, NULL);
        nf_cluster_free(r.cl);
    } else {
        rc = read_inputs(&r, argv, npos);
        if (rc != EXIT_NOTHING) {
            nf_clustering cl;
            nf_cluster_group_facts(r.docs.items, r.facts_of.items, r.docs.len, &co, &cl);
            char **ids = nf_xmalloc((cl.n ? cl.n : 1) * sizeof *ids);
            for (size_t k = 0; k < cl.n; k++) {
                char b[32];
                snprintf(b, sizeof b, "s%zu", k + 1);
                ids[k] = nf_xstrndup(b, strlen(b));
            }
            for (size_t k = 0; k < cl.n; k++) {
                const nf_story *s = &cl.stories[k];
                char **rel = nf_xmalloc((s->n_related ? s->n_related : 1) * sizeof *rel);
                for (size_t i = 0; i < s->n_related; i++)
                    rel[i] = ids[s->related[i]];
                story_view v = {ids[k], s->members, s->copy_of, s->n, s->n_independent, rel,
                                s->n_related};
                print_story(&r, &v);
                free(rel);
                if (r.out.len > (1u << 16))
                    flush(&r.out);
            }
            for (size_t k = 0; k < cl.n; k++)
                free(ids[k]);
            free(ids);
            nf_clustering_free(&cl);
        }
    }
    int wrc = flush(&r.out);
    nf_buf_free(&r.out);
    for (size_t i = 0; i < r.docs.len; i++)
        nf_doc_free(r.docs.items[i]);
    nf_vec_free(&r.docs);
    nf_vec_free(&r.facts_of);
    free_infos(&r);
    return wrc ? wrc : rc;
}

/* ---- similar --------------------------------------------------------------------------- */

static const char *kind_str(nf_shared_kind k)
{
    switch (k) {
    case NF_SHARED_CONCEPT:
        return "lexicon";
    case NF_SHARED_NAME:
        return "name";
    case NF_SHARED_NUMBER:
        return "number";
    default:
        return "word";
    }
}

static json_t *why_json(const nf_cluster_why *w, size_t max_shared)
{
    json_t *o = json_object();
    json_object_set_new(o, "score", json_real(w->score));
    json_object_set_new(o, "content", json_real(w->content));
    json_object_set_new(o, "join", json_real(w->join));
    json_object_set_new(o, "terms", json_real(w->terms));
    json_object_set_new(o, "neutral", json_real(w->neutral));
    json_object_set_new(o, "names", json_real(w->names));
    json_object_set_new(o, "numbers", json_real(w->numbers));
    json_object_set_new(o, "quotes", json_real(w->quotes));
    json_object_set_new(o, "time", json_real(w->time));
    json_object_set_new(o, "gap_days", w->gap_days < 0 ? json_null() : json_integer(w->gap_days));
    json_object_set_new(o, "cross_lingual", json_boolean(w->cross_lingual));
    json_object_set_new(o, "resemblance", json_real(w->resemblance));
    json_object_set_new(o, "copy", json_boolean(w->copy));
    json_object_set_new(o, "passages", json_integer((json_int_t)w->passages));
    json_t *sh = json_array();
    for (size_t i = 0; i < w->n_shared && i < max_shared; i++) {
        json_t *t = json_object();
        json_object_set_new(t, "a", json_string(w->shared[i].a));
        json_object_set_new(t, "b", json_string(w->shared[i].b));
        json_object_set_new(t, "kind", json_string(kind_str(w->shared[i].kind)));
        json_object_set_new(t, "weight", json_real(w->shared[i].weight));
        json_array_append_new(sh, t);
    }
    json_object_set_new(o, "shared", sh);
    return o;
}

static void why_text(nf_buf *o, const nf_doc *a, const nf_doc *b, const nf_cluster_why *w)
{
    nf_buf_printf(o, "%.4f\t%s\t%s\n", w->score, a->id, b->id);
    nf_buf_printf(o, "score      %.4f  %s\n", w->score,
                  w->copy ? "a copy" : w->score >= 0.5 ? "same story" : "different stories");
    nf_buf_printf(o, "content    %.4f  terms %.4f%s, plus a share for quotes %.4f\n",
                  w->content, w->terms,
                  w->cross_lingual ? " (or the neutral cosine, across languages)" : "", w->quotes);
    nf_buf_printf(o, "neutral    %.4f  names, numbers and lexicon words only\n", w->neutral);
    nf_buf_printf(o, "names      %.4f\n", w->names);
    nf_buf_printf(o, "numbers    %.4f\n", w->numbers);
    if (w->gap_days < 0)
        nf_buf_printf(o, "time       %.2f  (undated)\n", w->time);
    else
        nf_buf_printf(o, "time       %.2f  (%ld day%s apart)\n", w->time, w->gap_days,
                      w->gap_days == 1 ? "" : "s");
    nf_buf_printf(o, "languages  %s / %s%s\n", a->lang, b->lang,
                  w->cross_lingual ? " (cross-lingual)" : "");
    nf_buf_printf(o, "copy       %s (resemblance %.2f), %zu shared passage%s\n",
                  w->copy ? "yes" : "no", w->resemblance, w->passages, w->passages == 1 ? "" : "s");
    if (w->n_shared) {
        nf_buf_puts(o, "shared terms (share of the terms cosine):\n");
        for (size_t i = 0; i < w->n_shared && i < 25; i++) {
            const nf_shared_term *t = &w->shared[i];
            nf_buf_printf(o, "  %.4f  %-7s  %s", t->weight, kind_str(t->kind), t->a);
            if (strcmp(t->a, t->b))
                nf_buf_printf(o, " / %s", t->b);
            nf_buf_putc(o, '\n');
        }
    }
}

static nf_doc *doc_from_json(json_t *pair, int k, const char *id)
{
    char key[16];
    snprintf(key, sizeof key, "text%d", k);
    const char *text = json_string_value(json_object_get(pair, key));
    if (!text)
        return NULL;
    snprintf(key, sizeof key, "date%d", k);
    const char *date = json_string_value(json_object_get(pair, key));
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    char rid[160];
    snprintf(rid, sizeof rid, "%s/%d", id, k);
    rec.path = rid;
    rec.id = rid;
    rec.data = text;
    rec.len = strlen(text);
    rec.kind = NF_KIND_TEXT;
    rec.published = date;
    nf_doc *d;
    if (!rec.len || nf_extract_plain(&rec, NULL, &d) != NF_OK) {
        d = nf_doc_new();
        d->id = nf_arena_strdup(d->arena, rid);
        d->text = "";
        memcpy(d->lang, "und", 4);
    }
    snprintf(key, sizeof key, "lang%d", k);
    const char *lang = json_string_value(json_object_get(pair, key));
    if (lang && strlen(lang) < 4)
        memcpy(d->lang, lang, strlen(lang) + 1);
    snprintf(key, sizeof key, "title%d", k);
    const char *title = json_string_value(json_object_get(pair, key));
    if (title && *title)
        d->title = nf_arena_strdup(d->arena, title);
    return d;
}

static int similar_batch(const char *path, bool use_facts)
{
    FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "newsfuse: %s: cannot read\n", path);
        return EXIT_NOTHING;
    }
    NF_VEC(nf_doc *) docs = {0};
    NF_VEC(char *) ids = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    size_t lineno = 0, bad = 0;
    while ((got = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_error_t err;
        json_t *pair = json_loadb(line, (size_t)got, 0, &err);
        if (!pair || !json_is_object(pair)) {
            if (got > 1)
                fprintf(stderr, "newsfuse: %s:%zu: not a JSON object\n", path, lineno), bad++;
            json_decref(pair);
            continue;
        }
        const char *id = json_string_value(json_object_get(pair, "id"));
        if (!id)
            id = json_string_value(json_object_get(pair, "pair_id"));
        char num[32];
        if (!id) {
            snprintf(num, sizeof num, "%zu", lineno);
            id = num;
        }
        nf_doc *a = doc_from_json(pair, 1, id), *b = doc_from_json(pair, 2, id);
        if (!a || !b) {
            fprintf(stderr, "newsfuse: %s:%zu: needs text1 and text2\n", path, lineno);
            bad++;
            if (a)
                nf_doc_free(a);
            if (b)
                nf_doc_free(b);
            json_decref(pair);
            continue;
        }
        nf_vec_push(&docs, a);
        nf_vec_push(&docs, b);
        nf_vec_push(&ids, nf_xstrndup(id, strlen(id)));
        json_decref(pair);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    if (!ids.len) {
        fprintf(stderr, "newsfuse: %s: no pairs\n", path);
        nf_vec_free(&docs);
        nf_vec_free(&ids);
        return EXIT_NOTHING;
    }
    nf_cluster *c;
    nf_cluster_new(NULL, &c);
    NF_VEC(nf_facts *) facts = {0};
    for (size_t i = 0; i < docs.len; i++) {
        nf_facts *fx = NULL;
        if (use_facts && nf_facts_extract(docs.items[i], NULL, &fx) != NF_OK)
            fx = NULL;
        nf_vec_push(&facts, fx);
        nf_cluster_observe(c, docs.items[i], fx);
    }
    nf_buf out;
    nf_buf_init(&out);
    int wrc = 0;
    for (size_t p = 0; p < ids.len; p++) {
        nf_cluster_why w;
        nf_cluster_compare(c, docs.items[2 * p], facts.items[2 * p], docs.items[2 * p + 1],
                           facts.items[2 * p + 1], &w);
        json_t *o = why_json(&w, 5);
        json_object_set_new(o, "id", json_string(ids.items[p]));
        char *txt = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        nf_buf_puts(&out, txt);
        nf_buf_putc(&out, '\n');
        free(txt);
        json_decref(o);
        nf_cluster_why_free(&w);
        if (out.len > (1u << 16) && (wrc = flush(&out)))
            break;
    }
    if (!wrc)
        wrc = flush(&out);
    nf_buf_free(&out);
    nf_cluster_free(c);
    for (size_t i = 0; i < docs.len; i++)
        nf_doc_free(docs.items[i]);
    for (size_t i = 0; i < ids.len; i++)
        free(ids.items[i]);
    nf_vec_free(&docs);
    nf_vec_free(&ids);
    nf_vec_free(&facts);
    return wrc ? wrc : bad ? EXIT_PARTIAL : 0;
}

int nf_cmd_similar(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_similar, stdout);
        return 0;
    }
    reader r;
    memset(&r, 0, sizeof r);
    r.facts = true;
    const char *format = "text", *batch = NULL;
    int npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--plain")) {
            r.plain = true;
        } else if (!strcmp(a, "--no-facts")) {
            r.facts = false;
        } else if (!strcmp(a, "--format") || !strcmp(a, "--dct") || !strcmp(a, "--batch")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "newsfuse: %s needs a value (see --help)\n", a);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--format"))
                format = v;
            else if (!strcmp(a, "--dct"))
                r.xo.dct = v;
            else
                batch = v;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "newsfuse: unknown option %s (see --help)\n", a);
            return EXIT_USAGE;
        } else {
            argv[npos++] = argv[i];
        }
    }
    if (batch) {
        if (npos) {
            fputs(usage_similar, stderr);
            return EXIT_USAGE;
        }
        return similar_batch(batch, r.facts);
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        fprintf(stderr, "newsfuse: --format %s: use text or json\n", format);
        return EXIT_USAGE;
    }
    if (npos != 2) {
        fputs(usage_similar, stderr);
        return EXIT_USAGE;
    }
    int rc = read_inputs(&r, argv, 2);
    if (r.docs.len != 2) {
        size_t got = r.docs.len;
        if (got > 2)
            fprintf(stderr, "newsfuse: similar compares two articles, the inputs hold %zu\n", got);
        for (size_t i = 0; i < got; i++)
            nf_doc_free(r.docs.items[i]);
        nf_vec_free(&r.docs);
        nf_vec_free(&r.facts_of);
        free_infos(&r);
        if (got > 2)
            return EXIT_USAGE;
        return rc ? rc : EXIT_NOTHING;
    }
    nf_cluster *c;
    nf_cluster_new(NULL, &c);
    nf_doc *a = r.docs.items[0], *b = r.docs.items[1];
    nf_cluster_observe(c, a, r.facts_of.items[0]);
    nf_cluster_observe(c, b, r.facts_of.items[1]);
    nf_cluster_why w;
    nf_cluster_compare(c, a, r.facts_of.items[0], b, r.facts_of.items[1], &w);
    nf_buf out;
    nf_buf_init(&out);
    if (!strcmp(format, "json")) {
        json_t *o = why_json(&w, 25);
        json_object_set_new(o, "a", json_string(a->id));
        json_object_set_new(o, "b", json_string(b->id));
        char *txt = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        nf_buf_puts(&out, txt);
        nf_buf_putc(&out, '\n');
        free(txt);
        json_decref(o);
    } else {
        why_text(&out, a, b, &w);
    }
    int wrc = flush(&out);
    nf_buf_free(&out);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    for (size_t i = 0; i < r.docs.len; i++)
        nf_doc_free(r.docs.items[i]);
    nf_vec_free(&r.docs);
    nf_vec_free(&r.facts_of);
    free_infos(&r);
    return wrc ? wrc : rc;
}
