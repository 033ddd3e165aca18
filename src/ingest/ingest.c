/* Ingest: files, folders (recursively, in name order) and standard input become records.
 * The kind of each input is sniffed from its first bytes, then its extension. Inputs that
 * cannot be read are reported through on_error with a one-line reason and skipped; the walk
 * goes on, so one bad file never loses the others. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "newsfuse/ingest.h"
#include "newsfuse/text.h"

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot ? dot + 1 : "";
}

static bool ci_prefix(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && strncasecmp(s, p, n) == 0;
}

nf_input_kind nf_ingest_sniff(const char *data, size_t len, const char *path)
{
    if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b)
        return NF_KIND_GZIP;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    const char *s = data + i;
    size_t n = len - i;
    if (ci_prefix(s, n, "WARC/"))
        return NF_KIND_WARC;
    if (n && s[0] == '{' && memchr(s, '\n', n < 65536 ? n : 65536))
        return NF_KIND_JSONL;
    if (ci_prefix(s, n, "<!doctype html") || ci_prefix(s, n, "<html") ||
        ci_prefix(s, n, "<head") || ci_prefix(s, n, "<body") || ci_prefix(s, n, "<meta"))
        return NF_KIND_HTML;
    if (n && s[0] == '<') {
        size_t lim = n < 2048 ? n : 2048;
        char head[2049];
        memcpy(head, s, lim);
        head[lim] = '\0';
        for (size_t k = 0; k < lim; k++)
            if (head[k] >= 'A' && head[k] <= 'Z')
                head[k] = (char)(head[k] + 32);
        if (strstr(head, "<rss") || strstr(head, "<feed") || strstr(head, "<rdf:rdf"))
            return NF_KIND_FEED;
        if (strstr(head, "<html") || strstr(head, "<div") || strstr(head, "<p>") ||
            strstr(head, "<p ") || strstr(head, "<title"))
            return NF_KIND_HTML;
    }
    const char *e = path ? ext_of(path) : "";
    if (!strcasecmp(e, "html") || !strcasecmp(e, "htm") || !strcasecmp(e, "xhtml"))
        return NF_KIND_HTML;
    return NF_KIND_TEXT;
}

void nf_ingest_id_from_path(const char *path, char *buf, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!strcmp(path, "-"))
        base = "stdin", dot = NULL;
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, base, n);
    buf[n] = '\0';
}

/* Extensions read when walking a folder; files named on the command line are read whatever
 * their name. */
static bool article_ext(const char *path)
{
    static const char *const ok[] = {"txt", "text", "html", "htm", "xhtml"};
    const char *e = ext_of(path);
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!strcasecmp(e, ok[i]))
            return true;
    return false;
}

typedef struct {
    const nf_ingest_opts *opts;
    nf_ingest_stats *st;
    int depth;
} walk;

static void report(walk *w, const char *path, nf_status st, const char *why)
{
    w->st->errors++;
    if (w->opts->on_error)
        w->opts->on_error(path, st, why, w->opts->user);
    else
        nf_log(NF_LOG_ERROR, "%s: %s", path, why);
}

/* UTF-16 text has NULs but is not binary; the HTML reader decodes it. */
static bool utf16_bom(const char *d, size_t n)
{
    return n >= 2 && (((unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE) ||
                      ((unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF));
}

static nf_status one_file(walk *w, const char *path)
{
    char *data;
    size_t len;
    const char *why;
    size_t max = w->opts->max_bytes ? w->opts->max_bytes : (size_t)256 << 20;
    struct stat sb;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && (size_t)sb.st_size > max) {
        report(w, path, NF_ERR_TOOBIG, "file too large");
        return NF_OK;
    }
    if (nf_file_read(path, &data, &len, &why) != NF_OK) {
        report(w, path, NF_ERR_IO, why);
        return NF_OK;
    }
    w->st->files++;
    w->st->bytes += len;
    nf_slice all = nf_slice_trim((nf_slice){data, len});
    nf_status rst = NF_OK;
    if (all.len == 0) {
        report(w, path, NF_ERR_EMPTY, len ? "empty file (only white space)" : "empty file");
    } else if (nf_text_is_binary(data, len) && !utf16_bom(data, len) &&
               nf_ingest_sniff(data, len, path) != NF_KIND_GZIP) {
        report(w, path, NF_ERR_BINARY, "binary data, not text");
    } else {
        nf_record rec;
        char id[256];
        nf_ingest_id_from_path(path, id, sizeof id);
        memset(&rec, 0, sizeof rec);
        rec.path = path;
        rec.id = id;
        rec.data = data;
        rec.len = len;
        rec.kind = nf_ingest_sniff(data, len, path);
        if (rec.kind == NF_KIND_TEXT || rec.kind == NF_KIND_HTML) {
            w->st->records++;
            rst = w->opts->on_record(&rec, w->opts->user);
        } else {
            char msg[96];
            snprintf(msg, sizeof msg, "%s input is not supported yet", nf_input_kind_str(rec.kind));
            report(w, path, NF_ERR_UNSUPPORTED, msg);
        }
    }
    free(data);
    return rst;
}

static int name_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static nf_status walk_path(walk *w, const char *path, bool explicit_arg)
{
    struct stat sb;
    if (strcmp(path, "-") == 0)
        return one_file(w, path);
    if (stat(path, &sb) != 0) {
        report(w, path, NF_ERR_IO, strerror(errno));
        return NF_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (!explicit_arg && !article_ext(path))
            return NF_OK;
        return one_file(w, path);
    }
    if (w->depth > 32) {
        report(w, path, NF_ERR_INVALID, "folders nested too deep");
        return NF_OK;
    }
    DIR *d = opendir(path);
    if (!d) {
        report(w, path, NF_ERR_IO, strerror(errno));
        return NF_OK;
    }
    NF_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
            nf_vec_push(&names, nf_xstrndup(de->d_name, strlen(de->d_name)));
    closedir(d);
    qsort(names.items, names.len, sizeof(char *), name_cmp);
    nf_status st = NF_OK;
    size_t plen = strlen(path);
    for (size_t i = 0; i < names.len; i++) {
        if (st == NF_OK) {
            size_t n = plen + strlen(names.items[i]) + 2;
            char *full = nf_xmalloc(n);
            snprintf(full, n, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/",
                     names.items[i]);
            w->depth++;
            st = walk_path(w, full, false);
            w->depth--;
            free(full);
        }
        free(names.items[i]);
    }
    nf_vec_free(&names);
    return st;
}

nf_status nf_ingest_paths(const char *const *paths, size_t n, const nf_ingest_opts *opts,
                          nf_ingest_stats *stats)
{
    nf_ingest_stats local;
    memset(&local, 0, sizeof local);
    if (!opts || !opts->on_record)
        return NF_ERR_INVALID;
    walk w = {opts, stats ? stats : &local, 0};
    memset(w.st, 0, sizeof *w.st);
    for (size_t i = 0; i < n; i++) {
        nf_status st = walk_path(&w, paths[i], true);
        if (st != NF_OK)
            return st;
    }
    return NF_OK;
}
