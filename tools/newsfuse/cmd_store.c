/* The store's commands: thin calls into include/newsfuse/store.h.
 *
 *   ingest [--db PATH] INPUT...     add articles to the store (created when missing)
 *   stories [--db PATH] [filters]   the stored stories, newest first (no FILE/DIR inputs)
 *   show ID [--format md|json|html] one stored story's brief
 *   search QUERY [filters]          full-text search over titles, bodies, quotes, claims
 *   entity NAME                     every stored story and quote of a person/organisation
 *
 * Exit codes as main.c: 0 done; 1 some inputs unreadable (ingest); 2 usage; 3 nothing to
 * output (no store at PATH, no such story or entity, no input could be read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "commands.h"
#include "newsfuse/newsfuse.h"
#include "newsfuse/store.h"


#define DEFAULT_DB "newsfuse.db"

static const char *usage_ingest =
    "usage: newsfuse ingest [--db PATH] [--batch N] [--dct DATE] [--plain] [--progress]\n"
    "                       FILE|DIR...\n"
    "\n"
    "Adds the articles of the inputs to the store (an SQLite file, created when missing):\n"
    "each new article joins the stored story it belongs to, or starts one, and the briefs of\n"
    "the stories it touches are recomputed. An article already stored (same URL and same\n"
    "title and text) changes nothing. Articles are committed in batches: after a crash, run\n"
    "the same command again to finish.\n"
    "  --db PATH      the store (default " DEFAULT_DB ")\n"
    "  --batch N      articles per transaction (default 1024)\n"
    "  --dct DATE     the date to assume (YYYY-MM-DD) for pages that state none\n"
    "  --plain        read each input as clean article text (no boilerplate removal)\n"
    "  --progress     a line on stderr per committed batch (default when stderr is a terminal)\n";

static const char *usage_stories =
    "usage: newsfuse stories [--db PATH] [--since DATE] [--until DATE] [--lang L]\n"
    "                        [--source S] [--limit N] [--offset N] [--format text|json]\n"
    "\n"
    "Without FILE|DIR inputs: the stories of the store, newest first, with their dates,\n"
    "outlets, languages and a one-line summary. (With inputs: see newsfuse stories --help\n"
    "FILE.)\n";

static const char *usage_show =
    "usage: newsfuse show [--db PATH] [--format md|json|html] ID\n"
    "\n"
    "Prints one stored story (ID as `stories` lists it, e.g. s3): its brief in Markdown\n"
    "(default), the newsfuse.brief/1 JSON of the story and its articles, or an HTML page.\n";

static const char *usage_search =
    "usage: newsfuse search [--db PATH] [--since DATE] [--until DATE] [--lang L] [--source S]\n"
    "                       [--entity NAME] [--limit N] [--format text|json] QUERY\n"
    "\n"
    "Full-text search (SQLite FTS5, ranked by bm25) over titles, bodies, quotes and claims.\n"
    "QUERY is FTS5 syntax (words, \"a phrase\", word*, AND/OR/NOT); otherwise plain words.\n";

static const char *usage_entity =
    "usage: newsfuse entity [--db PATH] [--format text|json] NAME\n"
    "\n"
    "Every stored story and quote of a person or organisation (its name or any alias,\n"
    "case-insensitive).\n";

typedef struct {
    const char *db, *format, *dct;
    nf_store_filter f;
    size_t batch;
    bool plain, progress;
    char **pos;
    int npos;
} args;

static bool want_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

static bool size_arg(const char *name, const char *v, size_t *out)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || n < 0 || n > 100000000) {
        fprintf(stderr, "newsfuse: %s %s: a number\n", name, v);
        return false;
    }
    *out = (size_t)n;
    return true;
}

static bool date_arg(const char *name, const char *v)
{
    nf_date d;
    if (nf_date_parse_iso(v, strlen(v), &d) != NF_OK) {
        fprintf(stderr, "newsfuse: %s %s: not a date (YYYY-MM-DD)\n", name, v);
        return false;
    }
    return true;
}

/* Parses the options `allowed` (space-separated names) into a; positional arguments stay
 * in argv[0..a->npos). Returns 0 or an exit code. */
static int parse(int argc, char **argv, const char *allowed, args *a)
{
    memset(a, 0, sizeof *a);
    a->db = DEFAULT_DB;
    a->pos = argv;
    static const char *with_value[] = {"--db", "--format", "--dct", "--since", "--until",
                                       "--lang", "--source", "--entity", "--limit", "--offset",
                                       "--batch"};
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (o[0] != '-' || !o[1] || (o[1] != '-' && o[1] >= '0' && o[1] <= '9')) {
            argv[a->npos++] = argv[i];
            continue;
        }
        if (!strcmp(o, "--")) {
            while (++i < argc)
                argv[a->npos++] = argv[i];
            break;
        }
        char name[32];
        const char *val = NULL;
        const char *eq = strchr(o, '=');
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - o) : (int)strlen(o), o);
        const char *hit = strstr(allowed, name);
        size_t nl = strlen(name);
        if (!hit || (hit[nl] != ' ' && hit[nl] != '\0')) {
            fprintf(stderr, "newsfuse: unknown option %s (see --help)\n", o);
            return EXIT_USAGE;
        }
        bool needs = false;
        for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++)
            needs |= !strcmp(name, with_value[k]);
        if (needs) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else {
                fprintf(stderr, "newsfuse: %s needs a value (see --help)\n", name);
                return EXIT_USAGE;
            }
        }
        if (!strcmp(name, "--db"))
            a->db = val;
        else if (!strcmp(name, "--format"))
            a->format = val;
        else if (!strcmp(name, "--dct")) {
            if (!date_arg(name, val))
                return EXIT_USAGE;
            a->dct = val;
        } else if (!strcmp(name, "--since") || !strcmp(name, "--until")) {
            if (!date_arg(name, val))
                return EXIT_USAGE;
            if (name[2] == 's')
                a->f.since = val;
            else
                a->f.until = val;
        } else if (!strcmp(name, "--lang"))
            a->f.lang = val;
        else if (!strcmp(name, "--source"))
            a->f.source = val;
        else if (!strcmp(name, "--entity"))
            a->f.entity = val;
        else if (!strcmp(name, "--limit")) {
            if (!size_arg(name, val, &a->f.limit))
                return EXIT_USAGE;
        } else if (!strcmp(name, "--offset")) {
            if (!size_arg(name, val, &a->f.offset))
                return EXIT_USAGE;
        } else if (!strcmp(name, "--batch")) {
            if (!size_arg(name, val, &a->batch) || a->batch == 0) {
                if (a->batch == 0)
                    fprintf(stderr, "newsfuse: --batch: at least 1\n");
                return EXIT_USAGE;
            }
        } else if (!strcmp(name, "--plain"))
            a->plain = true;
        else if (!strcmp(name, "--progress"))
            a->progress = true;
    }
    return 0;
}

/* The positional arguments joined by spaces into a fresh buffer (several words without
 * quotes are one query or one name); the caller frees it. */
static void join_pos(const args *a, nf_buf *out)
{
    nf_buf_init(out);
    for (int i = 0; i < a->npos; i++) {
        if (i)
            nf_buf_putc(out, ' ');
        nf_buf_puts(out, a->pos[i]);
    }
}

static int open_store(const args *a, bool write, nf_store **st)
{
    nf_status s = nf_store_open(a->db, write ? NF_STORE_CREATE : NF_STORE_READONLY, st);
    if (s != NF_OK) {
        fprintf(stderr, "newsfuse: %s\n", nf_store_errmsg(NULL));
        return EXIT_NOTHING;
    }
    return 0;
}

static bool check_format(const char *f, const char *a, const char *b, const char *c)
{
    if (!f || !strcmp(f, a) || !strcmp(f, b) || (c && !strcmp(f, c)))
        return true;
    if (c)
        fprintf(stderr, "newsfuse: --format %s: use %s, %s or %s\n", f, a, b, c);
    else
        fprintf(stderr, "newsfuse: --format %s: use %s or %s\n", f, a, b);
    return false;
}

/* ---- ingest ---------------------------------------------------------------------------- */

int nf_cmd_ingest(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_ingest, stdout);
        return 0;
    }
    args a;
    int rc = parse(argc, argv, "--db --batch --dct --plain --progress", &a);
    if (rc)
        return rc;
    if (a.npos == 0) {
        fputs(usage_ingest, stderr);
        return EXIT_USAGE;
    }
    nf_store *st;
    if ((rc = open_store(&a, true, &st)))
        return rc;
    nf_store_ingest_opts o;
    memset(&o, 0, sizeof o);
    o.batch = a.batch;
    o.dct = a.dct;
    o.plain = a.plain;
    o.progress = a.progress || isatty(2);
    nf_store_ingest_stats s;
    nf_status r = nf_store_ingest_paths(st, (const char *const *)a.pos, (size_t)a.npos, &o, &s);
    nf_store_counts c;
    nf_store_counts_get(st, &c);
    fprintf(stderr,
            "newsfuse: ingest: %zu record%s read, %zu added, %zu already stored, %zu failed;"
            " %zu new stor%s, %zu brief%s recomputed; the store holds %zu articles in %zu"
            " stories\n",
            s.records, s.records == 1 ? "" : "s", s.added, s.duplicates, s.failed,
            s.new_stories, s.new_stories == 1 ? "y" : "ies", s.touched, s.touched == 1 ? "" : "s",
            c.articles, c.stories);
    if (r != NF_OK) {
        fprintf(stderr, "newsfuse: %s: %s (what was committed before stays)\n", a.db,
                nf_store_errmsg(st));
        nf_store_close(st);
        return EXIT_NOTHING;
    }
    nf_store_close(st);
    if (s.records == 0) {
        if (s.failed == 0)
            fprintf(stderr, "newsfuse: no articles found in the inputs (read: text dumps, HTML, "
                            "WARC, JSONL, RSS/Atom)\n");
        return EXIT_NOTHING;
    }
    if (s.failed)
        return s.failed >= s.records ? EXIT_NOTHING : EXIT_PARTIAL;
    return 0;
}

/* ---- stories --------------------------------------------------------------------------- */

/* True when `stories` has no FILE/DIR inputs (options of the pile mode take a value where
 * the store's do). */
bool nf_stories_from_store(int argc, char **argv)
{
    static const char *valued[] = {"--format", "--dct", "--window", "--thread-days",
                                   "--threshold", "--db", "--since", "--until", "--lang",
                                   "--source", "--limit", "--offset"};
    bool store_opt = false;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h"))
            return false;
        if (o[0] != '-' || !o[1])
            return false; /* an input (or "-") */
        for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
            if (!strcmp(o, valued[k])) {
                store_opt |= k >= 5;
                i++;
                break;
            }
        store_opt |= !strncmp(o, "--db=", 5);
    }
    /* no inputs: the store's stories when one exists or was named */
    return store_opt || access(DEFAULT_DB, F_OK) == 0;
}

static void print_langs(nf_buf *o, json_t *langs)
{
    size_t i;
    json_t *l;
    json_array_foreach(langs, i, l) nf_buf_printf(o, "%s%s", i ? " " : "", json_string_value(l));
}

static void story_line(nf_buf *o, json_t *s)
{
    const char *f = json_string_value(json_object_get(s, "first_published"));
    const char *l = json_string_value(json_object_get(s, "last_published"));
    nf_buf_printf(o, "%s  ", json_string_value(json_object_get(s, "id")));
    if (f && l && strncmp(f, l, 10))
        nf_buf_printf(o, "%.10s .. %.10s", f, l);
    else if (f)
        nf_buf_printf(o, "%.10s", f);
    else
        nf_buf_puts(o, "undated");
    json_int_t n = json_integer_value(json_object_get(s, "articles"));
    json_int_t k = json_integer_value(json_object_get(s, "outlets"));
    nf_buf_printf(o, "  %lld article%s, %lld outlet%s, ", (long long)n, n == 1 ? "" : "s",
                  (long long)k, k == 1 ? "" : "s");
    print_langs(o, json_object_get(s, "languages"));
    nf_buf_printf(o, "\n  %s\n", json_string_value(json_object_get(s, "headline")));
    const char *sum = json_string_value(json_object_get(s, "summary"));
    if (sum && *sum)
        nf_buf_printf(o, "  %s\n", sum);
}

int nf_cmd_store_stories(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_stories, stdout);
        return 0;
    }
    args a;
    int rc = parse(argc, argv,
                   "--db --since --until --lang --source --limit --offset --format", &a);
    if (rc)
        return rc;
    if (a.npos || !check_format(a.format, "text", "json", NULL)) {
        fputs(usage_stories, stderr);
        return EXIT_USAGE;
    }
    nf_store *st;
    if ((rc = open_store(&a, false, &st)))
        return rc;
    nf_buf js, out;
    nf_buf_init(&js);
    nf_buf_init(&out);
    nf_status s = nf_store_stories_json(st, &a.f, &js);
    if (s != NF_OK) {
        fprintf(stderr, "newsfuse: %s: %s\n", a.db, nf_store_errmsg(st));
        rc = EXIT_NOTHING;
    } else if (a.format && !strcmp(a.format, "json")) {
        rc = nf_cli_write_out(&js);
    } else {
        json_error_t err;
        json_t *arr = json_loadb(js.data, js.len, 0, &err);
        size_t i;
        json_t *it;
        json_array_foreach(arr, i, it) {
            story_line(&out, it);
            nf_buf_putc(&out, '\n');
        }
        if (!json_array_size(arr))
            fprintf(stderr, "newsfuse: no stored story matches\n");
        json_decref(arr);
        rc = nf_cli_write_out(&out);
    }
    nf_buf_free(&js);
    nf_buf_free(&out);
    nf_store_close(st);
    return rc;
}

/* ---- show ------------------------------------------------------------------------------ */

int nf_cmd_show(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_show, stdout);
        return 0;
    }
    args a;
    int rc = parse(argc, argv, "--db --format", &a);
    if (rc)
        return rc;
    if (a.npos != 1 || !check_format(a.format, "md", "json", "html")) {
        fputs(usage_show, stderr);
        return EXIT_USAGE;
    }
    nf_store *st;
    if ((rc = open_store(&a, false, &st)))
        return rc;
    nf_buf out;
    nf_buf_init(&out);
    nf_status s;
    if (a.format && !strcmp(a.format, "json"))
        s = nf_store_story_json(st, a.pos[0], &out);
    else
        s = nf_store_story_render(st, a.pos[0],
                                  a.format && !strcmp(a.format, "html") ? NF_FMT_HTML : NF_FMT_MD,
                                  &out);
    if (s != NF_OK) {
        fprintf(stderr, "newsfuse: %s: %s\n", a.db, nf_store_errmsg(st));
        rc = EXIT_NOTHING;
    } else {
        rc = nf_cli_write_out(&out);
    }
    nf_buf_free(&out);
    nf_store_close(st);
    return rc;
}

/* ---- search ---------------------------------------------------------------------------- */

/* The snippet with its match marks (U+0002 .. U+0003) as [ .. ]. */
static void snippet_text(nf_buf *o, const char *s)
{
    for (; s && *s; s++)
        nf_buf_putc(o, *s == '\x02' ? '[' : *s == '\x03' ? ']' : *s == '\n' ? ' ' : *s);
}

int nf_cmd_search(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_search, stdout);
        return 0;
    }
    args a;
    int rc = parse(argc, argv,
                   "--db --since --until --lang --source --entity --limit --offset --format", &a);
    if (rc)
        return rc;
    if (a.npos < 1 || !check_format(a.format, "text", "json", NULL)) {
        fputs(usage_search, stderr);
        return EXIT_USAGE;
    }
    /* several words without quotes: one query */
    nf_buf q;
    join_pos(&a, &q);
    nf_store *st;
    if ((rc = open_store(&a, false, &st))) {
        nf_buf_free(&q);
        return rc;
    }
    nf_buf js, out;
    nf_buf_init(&js);
    nf_buf_init(&out);
    nf_status s = nf_store_search_json(st, q.data, &a.f, &js);
    if (s != NF_OK) {
        fprintf(stderr, "newsfuse: search: %s\n", nf_store_errmsg(st));
        rc = s == NF_ERR_INVALID ? EXIT_USAGE : EXIT_NOTHING;
    } else if (a.format && !strcmp(a.format, "json")) {
        rc = nf_cli_write_out(&js);
    } else {
        json_error_t err;
        json_t *arr = json_loadb(js.data, js.len, 0, &err);
        size_t i;
        json_t *h;
        json_array_foreach(arr, i, h) {
            const char *title = json_string_value(json_object_get(h, "title"));
            nf_buf_printf(&out, "%.2f  %-7s  %s  %s%s%s\n  ",
                          json_real_value(json_object_get(h, "score")),
                          json_string_value(json_object_get(h, "kind")),
                          json_string_value(json_object_get(h, "story")),
                          json_string_value(json_object_get(h, "article")), title ? "  " : "",
                          title ? title : "");
            snippet_text(&out, json_string_value(json_object_get(h, "snippet")));
            nf_buf_putc(&out, '\n');
        }
        if (!json_array_size(arr))
            fprintf(stderr, "newsfuse: no hits for %s\n", q.data);
        json_decref(arr);
        rc = nf_cli_write_out(&out);
    }
    nf_buf_free(&q);
    nf_buf_free(&js);
    nf_buf_free(&out);
    nf_store_close(st);
    return rc;
}

/* ---- entity ---------------------------------------------------------------------------- */

int nf_cmd_entity(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_entity, stdout);
        return 0;
    }
    args a;
    int rc = parse(argc, argv, "--db --format", &a);
    if (rc)
        return rc;
    if (a.npos < 1 || !check_format(a.format, "text", "json", NULL)) {
        fputs(usage_entity, stderr);
        return EXIT_USAGE;
    }
    nf_buf name;
    join_pos(&a, &name);
    nf_store *st;
    if ((rc = open_store(&a, false, &st))) {
        nf_buf_free(&name);
        return rc;
    }
    nf_buf js, out;
    nf_buf_init(&js);
    nf_buf_init(&out);
    nf_status s = nf_store_entity_json(st, name.data, &js);
    if (s != NF_OK) {
        fprintf(stderr, "newsfuse: %s\n", nf_store_errmsg(st));
        rc = s == NF_ERR_INVALID ? EXIT_USAGE : EXIT_NOTHING;
    } else if (a.format && !strcmp(a.format, "json")) {
        rc = nf_cli_write_out(&js);
    } else {
        json_error_t err;
        json_t *o = json_loadb(js.data, js.len, 0, &err);
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(o, "entities"), i, it) {
            nf_buf_printf(&out, "%s (%s)", json_string_value(json_object_get(it, "name")),
                          json_string_value(json_object_get(it, "type")));
            json_t *al = json_object_get(it, "aliases");
            size_t j;
            json_t *x;
            json_array_foreach(al, j, x)
                nf_buf_printf(&out, "%s%s", j ? ", " : "; also ", json_string_value(x));
            nf_buf_putc(&out, '\n');
        }
        nf_buf_puts(&out, "\nstories:\n");
        json_array_foreach(json_object_get(o, "stories"), i, it) story_line(&out, it);
        json_t *qs = json_object_get(o, "quotes");
        if (json_array_size(qs))
            nf_buf_puts(&out, "\nquotes:\n");
        json_array_foreach(qs, i, it) {
            nf_buf_printf(&out, "  %s  %s: “%s”\n",
                          json_string_value(json_object_get(it, "story")),
                          json_string_value(json_object_get(it, "speaker")),
                          json_string_value(json_object_get(it, "text")));
        }
        json_decref(o);
        rc = nf_cli_write_out(&out);
    }
    nf_buf_free(&name);
    nf_buf_free(&js);
    nf_buf_free(&out);
    nf_store_close(st);
    return rc;
}
