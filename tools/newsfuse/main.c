/* newsfuse: the command-line tool. One subcommand per job, each a thin call into the
 * library (include/newsfuse/newsfuse.h).
 *
 * Exit codes (documented in README and `newsfuse --help`):
 *   0  every input was read
 *   1  some inputs could not be read (each named on stderr); the output covers the rest
 *   2  usage error (unknown command or option)
 *   3  no input could be read: nothing to output */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "dump.h"
#include "newsfuse/newsfuse.h"

static const char *usage_main =
    "usage: newsfuse COMMAND [OPTIONS] FILE|DIR...\n"
    "\n"
    "Turns a pile of news reports into cross-checked stories.\n"
    "\n"
    "commands:\n"
    "  extract   body text, title, date, source and removed boilerplate of each page\n"
    "  brief     stories with headline, sourced summary and articles (JSON or Markdown)\n"
    "  facts     entities, quotes, quantities and dates of each article\n"
    "  stories   the stories of a pile of articles, with copies and related stories\n"
    "  similar   same-story score of two articles and why\n"
    "  scan      stream inputs of any size (WARC.gz crawls), count and optionally extract\n"
    "  serve     web pages and a JSON API over a store (--db PATH --port 8080)\n"
    "  dump      a stage's canonical dump (tokens, sentences, language, stem, extract)\n"
    "  ingest    add articles to the store (SQLite, --db PATH, default newsfuse.db)\n"
    "  stories   (without inputs) the stored stories, newest first\n"
    "  show      one stored story's brief (Markdown, JSON or HTML)\n"
    "  search    full-text search of the store (titles, bodies, quotes, claims)\n"
    "  entity    every stored story and quote of a person or organisation\n"
    "  version   print the version\n"
    "\n"
    "Inputs: files, folders (read recursively) or - for standard input: text dumps, HTML,\n"
    "WARC and WARC.gz, JSONL, RSS and Atom feeds, told apart by their content.\n"
    "Run `newsfuse COMMAND --help` for a command's options.\n"
    "\n"
    "exit codes: 0 all inputs read; 1 some inputs unreadable (named on stderr, the rest is\n"
    "output); 2 usage error; 3 no input could be read.\n";

static const char *usage_extract =
    "usage: newsfuse extract [--format jsonl|md] [--dct DATE] FILE|DIR...\n"
    "\n"
    "Prints one article per input: the body text (boilerplate removed, each removed piece\n"
    "kept with its reason), title, publication date, source and language.\n"
    "  --format jsonl   one JSON object per line ($defs/article of the brief schema; default)\n"
    "  --format md      a readable Markdown view\n"
    "  --dct DATE       the date to assume (YYYY-MM-DD) for pages that state none\n";

static const char *usage_brief =
    "usage: newsfuse brief [--format json|md|html] [--dct DATE] FILE|DIR...\n"
    "\n"
    "Groups the articles into stories and prints the brief: per story a headline, a summary\n"
    "whose every sentence lists the articles that carry it, and the articles.\n"
    "  --format json    the newsfuse.brief/1 document (../shared/schema; default)\n"
    "  --format md      a readable brief with source marks [n] and a sources list\n"
    "  --format html    the same as one self-contained HTML page (inline CSS, no scripts)\n"
    "  --dct DATE       the date to assume (YYYY-MM-DD) for pages that state none\n";

static const char *usage_facts =
    "usage: newsfuse facts [--format jsonl|table] [--dct DATE] [--plain] [--timex-at FILE]\n"
    "                      FILE|DIR...\n"
    "\n"
    "Prints the facts of each article: entities with aliases, quotes with speakers,\n"
    "quantities with what they measure, and dates resolved against the article's date.\n"
    "Every item has start/end character offsets into the article's text.\n"
    "  --format jsonl   one JSON object per article (default)\n"
    "  --format table   one fact per line, tab-separated, for people\n"
    "  --dct DATE       the document date to assume where the page states none\n"
    "  --plain          read each input as clean article text (no boilerplate removal)\n"
    "  --timex-at FILE  evaluation: lines ID<TAB>START<TAB>END (character offsets); the times\n"
    "                   of each listed article are exactly these extents, each normalised\n"
    "                   alone against the document date (value \"\" where none is found)\n";

static const char *usage_dump =
    "usage: newsfuse dump STAGE FILE\n"
    "\n"
    "Prints a stage's canonical dump of FILE (one item per line, tab-separated), as the\n"
    "spec tests use it. STAGE: tokens, sentences, language, stem, extract.\n";

typedef struct {
    NF_VEC(nf_doc *) docs;
    nf_extract_opts xo;
    size_t failed;
    bool plain; /* --plain: inputs are clean article text */
    nf_buf *stream; /* extract: write each article as it comes and keep nothing */
    nf_format stream_fmt;
    size_t streamed;
} collect;

static void on_error(const char *path, nf_status st, const char *why, void *user)
{
    (void)st;
    collect *c = user;
    c->failed++;
    fprintf(stderr, "newsfuse: %s: %s\n", path, why);
}

static nf_status on_record(const nf_record *rec, void *user)
{
    collect *c = user;
    nf_doc *doc;
    nf_status st = c->plain ? nf_extract_plain(rec, &c->xo, &doc) : nf_extract(rec, &c->xo, &doc);
    if (st != NF_OK) {
        c->failed++;
        if (rec->index)
            fprintf(stderr, "newsfuse: %s: record %zu: %s\n", rec->path, rec->index,
                    nf_status_str(st));
        else
            fprintf(stderr, "newsfuse: %s: %s\n", rec->path, nf_status_str(st));
        return NF_OK;
    }
    if (c->stream) {
        nf_brief_write_article(c->stream, doc, c->stream_fmt);
        nf_doc_free(doc);
        c->streamed++;
        if (c->stream->len > (1u << 20)) {
            if (fwrite(c->stream->data, 1, c->stream->len, stdout) != c->stream->len)
                return NF_ERR_IO;
            nf_buf_clear(c->stream);
        }
        return NF_OK;
    }
    nf_vec_push(&c->docs, doc);
    return NF_OK;
}

static int read_all(collect *c, char **paths, int n)
{
    nf_ingest_opts io;
    memset(&io, 0, sizeof io);
    io.on_record = on_record;
    io.on_error = on_error;
    io.user = c;
    nf_ingest_stats stats;
    nf_status st = nf_ingest_paths((const char *const *)paths, (size_t)n, &io, &stats);
    if (st != NF_OK) {
        fprintf(stderr, "newsfuse: %s\n", nf_status_str(st));
        return EXIT_NOTHING;
    }
    if (c->docs.len == 0 && c->streamed == 0) {
        if (c->failed == 0)
            fprintf(stderr, "newsfuse: no articles found in the inputs (read: text dumps, HTML, "
                            "WARC, JSONL, RSS/Atom)\n");
        return EXIT_NOTHING;
    }
    return c->failed ? EXIT_PARTIAL : 0;
}

static void free_all(collect *c)
{
    for (size_t i = 0; i < c->docs.len; i++)
        nf_doc_free(c->docs.items[i]);
    nf_vec_free(&c->docs);
}

static bool want_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

/* Parses --format/--dct; leaves positional arguments at argv[0..*npos). */
static bool opt_plain;
static const char *opt_timex_at; /* facts --timex-at FILE */

static int parse_opts(int argc, char **argv, const char **format, const char **dct, int *npos)
{
    int o = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--plain")) {
            opt_plain = true;
            continue;
        }
        if (!strcmp(argv[i], "--timex-at") && i + 1 < argc) {
            opt_timex_at = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--format") || !strcmp(argv[i], "--dct")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "newsfuse: %s needs a value (see --help)\n", argv[i]);
                return EXIT_USAGE;
            }
            if (!strcmp(argv[i], "--format"))
                *format = argv[++i];
            else
                *dct = argv[++i];
        } else if (!strncmp(argv[i], "--format=", 9)) {
            *format = argv[i] + 9;
        } else if (!strncmp(argv[i], "--dct=", 6)) {
            *dct = argv[i] + 6;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "newsfuse: unknown option %s (see --help)\n", argv[i]);
            return EXIT_USAGE;
        } else {
            argv[o++] = argv[i];
        }
    }
    *npos = o;
    if (*dct) {
        nf_date d;
        if (nf_date_parse_iso(*dct, strlen(*dct), &d) != NF_OK) {
            fprintf(stderr, "newsfuse: --dct %s: not a date (YYYY-MM-DD)\n", *dct);
            return EXIT_USAGE;
        }
    }
    return 0;
}

int nf_cli_write_out(nf_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
        fprintf(stderr, "newsfuse: cannot write output\n");
        return EXIT_NOTHING;
    }
    return 0;
}

/* The --format value as one of the writer formats: `alt` is the command's second format's
 * name ("md" for extract, "table" for facts), which maps to NF_FMT_MD. */
static int parse_format(const char *format, const char *alt, nf_format *fmt)
{
    if (!strcmp(format, "jsonl") || !strcmp(format, "json")) {
        *fmt = NF_FMT_JSONL;
        return 0;
    }
    if (!strcmp(format, alt)) {
        *fmt = NF_FMT_MD;
        return 0;
    }
    fprintf(stderr, "newsfuse: --format %s: use jsonl or %s\n", format, alt);
    return EXIT_USAGE;
}

static int cmd_extract(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_extract, stdout);
        return 0;
    }
    const char *format = "jsonl", *dct = NULL;
    int n, rc;
    if ((rc = parse_opts(argc, argv, &format, &dct, &n)))
        return rc;
    nf_format fmt;
    if ((rc = parse_format(format, "md", &fmt)))
        return rc;
    if (n == 0) {
        fputs(usage_extract, stderr);
        return EXIT_USAGE;
    }
    collect c;
    memset(&c, 0, sizeof c);
    c.xo.dct = dct;
    c.plain = opt_plain;
    nf_buf out;
    nf_buf_init(&out);
    c.stream = &out; /* articles go out as they are extracted: memory stays flat */
    c.stream_fmt = fmt;
    rc = read_all(&c, argv, n);
    int wrc = nf_cli_write_out(&out);
    nf_buf_free(&out);
    free_all(&c);
    return wrc ? wrc : rc;
}

static int cmd_brief(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_brief, stdout);
        return 0;
    }
    const char *format = "json", *dct = NULL;
    int n, rc;
    if ((rc = parse_opts(argc, argv, &format, &dct, &n)))
        return rc;
    nf_format fmt;
    if (!strcmp(format, "json"))
        fmt = NF_FMT_JSON;
    else if (!strcmp(format, "md"))
        fmt = NF_FMT_MD;
    else if (!strcmp(format, "html"))
        fmt = NF_FMT_HTML;
    else {
        fprintf(stderr, "newsfuse: --format %s: use json, md or html\n", format);
        return EXIT_USAGE;
    }
    if (n == 0) {
        fputs(usage_brief, stderr);
        return EXIT_USAGE;
    }
    collect c;
    memset(&c, 0, sizeof c);
    c.xo.dct = dct;
    c.plain = opt_plain;
    rc = read_all(&c, argv, n);
    if (rc == EXIT_NOTHING) {
        free_all(&c);
        return rc;
    }
    /* the facts stage runs once per article: clustering and the brief share it */
    nf_facts_opts fo = {dct};
    nf_facts **facts = nf_xcalloc(c.docs.len + 1, sizeof *facts);
    for (size_t i = 0; i < c.docs.len; i++)
        if (nf_facts_extract(c.docs.items[i], &fo, &facts[i]) != NF_OK)
            facts[i] = NULL;
    nf_clustering cl;
    nf_cluster_group_facts(c.docs.items, facts, c.docs.len, NULL, &cl);
    nf_buf out;
    nf_buf_init(&out);
    nf_brief_write_with_facts(&out, c.docs.items, facts, c.docs.len, &cl, fmt);
    free(facts);
    int wrc = nf_cli_write_out(&out);
    nf_buf_free(&out);
    nf_clustering_free(&cl);
    free_all(&c);
    return wrc ? wrc : rc;
}

static int cmd_facts(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_facts, stdout);
        return 0;
    }
    const char *format = "jsonl", *dct = NULL;
    int n, rc;
    if ((rc = parse_opts(argc, argv, &format, &dct, &n)))
        return rc;
    nf_format fmt;
    if ((rc = parse_format(format, "table", &fmt)))
        return rc;
    if (n == 0) {
        fputs(usage_facts, stderr);
        return EXIT_USAGE;
    }
    nf_timex_at *ta = NULL;
    if (opt_timex_at && !(ta = nf_timex_at_load(opt_timex_at)))
        return EXIT_USAGE;
    collect c;
    memset(&c, 0, sizeof c);
    c.xo.dct = dct;
    c.plain = opt_plain;
    rc = read_all(&c, argv, n);
    nf_facts_opts fo = {dct};
    nf_buf out;
    nf_buf_init(&out);
    for (size_t i = 0; i < c.docs.len; i++) {
        nf_facts *f;
        if (nf_facts_extract(c.docs.items[i], &fo, &f) == NF_OK) {
            nf_timex_at_apply(ta, c.docs.items[i], dct, f);
            nf_brief_write_facts(&out, c.docs.items[i], f, fmt);
        }
        if (out.len > (1u << 20)) {
            nf_cli_write_out(&out);
            nf_buf_clear(&out);
        }
    }
    int wrc = nf_cli_write_out(&out);
    nf_buf_free(&out);
    free_all(&c);
    nf_timex_at_free(ta);
    return wrc ? wrc : rc;
}

static int cmd_dump(int argc, char **argv)
{
    if (want_help(argc, argv)) {
        fputs(usage_dump, stdout);
        return 0;
    }
    if (argc != 2) {
        fputs(usage_dump, stderr);
        return EXIT_USAGE;
    }
    char *data;
    size_t len;
    const char *why;
    if (nf_file_read(argv[1], &data, &len, &why) != NF_OK) {
        fprintf(stderr, "newsfuse: %s: %s\n", argv[1], why);
        return EXIT_NOTHING;
    }
    nf_buf out;
    nf_buf_init(&out);
    const char *err = NULL;
    nf_status st = nf_dump(argv[0], data, len, &out, &err);
    free(data);
    if (st != NF_OK) {
        fprintf(stderr, "newsfuse: dump %s: %s\n", argv[0], err ? err : nf_status_str(st));
        nf_buf_free(&out);
        return st == NF_ERR_INVALID || st == NF_ERR_UNSUPPORTED ? EXIT_USAGE : EXIT_NOTHING;
    }
    int rc = nf_cli_write_out(&out);
    nf_buf_free(&out);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("newsfuse %s\n", NF_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "extract"))
        return cmd_extract(argc - 2, argv + 2);
    if (!strcmp(cmd, "brief"))
        return cmd_brief(argc - 2, argv + 2);
    if (!strcmp(cmd, "facts"))
        return cmd_facts(argc - 2, argv + 2);
    if (!strcmp(cmd, "similar"))
        return nf_cmd_similar(argc - 2, argv + 2);
    if (!strcmp(cmd, "stories"))
        return nf_cmd_stories(argc - 2, argv + 2);
    if (!strcmp(cmd, "scan"))
        return nf_cmd_scan(argc - 2, argv + 2);
    if (!strcmp(cmd, "serve"))
        return nf_cmd_serve(argc - 2, argv + 2);
    if (!strcmp(cmd, "dump"))
        return cmd_dump(argc - 2, argv + 2);
    if (!strcmp(cmd, "ingest"))
        return nf_cmd_ingest(argc - 2, argv + 2);
    if (!strcmp(cmd, "show"))
        return nf_cmd_show(argc - 2, argv + 2);
    if (!strcmp(cmd, "search"))
        return nf_cmd_search(argc - 2, argv + 2);
    if (!strcmp(cmd, "entity"))
        return nf_cmd_entity(argc - 2, argv + 2);
    fprintf(stderr, "newsfuse: unknown command '%s' (see newsfuse --help)\n", cmd);
    return EXIT_USAGE;
}
