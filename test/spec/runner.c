/* Spec runner: runs the examples of a spec file (cmark's format) through nf_dump.
 *
 * An example is a fenced block opened by 32 backticks and " example STAGE", holding the
 * input, a line with a single ".", and the expected dump, closed by 32 backticks. In both
 * parts "→" stands for a tab. Prints each failing example with a line diff (- expected,
 * + got), then "N passed, N failed"; exits 1 on any failure or when the file has no example.
 *
 * usage: spec_runner FILE.md [--dump-corpus DIR]
 *   --dump-corpus DIR  also write each example's input to DIR/<file>-<N>.txt (fuzz seeds) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dump.h"
#include "newsfuse/base.h"

#define FENCE "````````````````````````````````"
#define FENCE_LEN 32

typedef struct {
    const char *ptr;
    size_t len;
} line;

typedef NF_VEC(line) lines;

static void split_lines(const char *s, size_t n, lines *out)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            nf_vec_push(out, ((line){s + start, i - start}));
            start = i + 1;
        }
    }
    if (start < n)
        nf_vec_push(out, ((line){s + start, n - start}));
}

/* Appends l and a newline to b, with "→" as a tab. */
static void put_line(nf_buf *b, line l)
{
    static const char arrow[] = "\xE2\x86\x92";
    size_t run = 0;
    for (size_t i = 0; i + 3 <= l.len; i++) {
        if (memcmp(l.ptr + i, arrow, 3) == 0) {
            nf_buf_append(b, l.ptr + run, i - run);
            nf_buf_putc(b, '\t');
            run = i + 3;
            i += 2;
        }
    }
    nf_buf_append(b, l.ptr + run, l.len - run);
    nf_buf_putc(b, '\n');
}

static bool is_fence(line l)
{
    return l.len >= FENCE_LEN && memcmp(l.ptr, FENCE, FENCE_LEN) == 0;
}

/* Shows tabs as "→" so that the diff is readable. */
static void print_visible(FILE *f, const char *prefix, line l)
{
    fputs(prefix, f);
    for (size_t i = 0; i < l.len; i++) {
        if (l.ptr[i] == '\t')
            fputs("\xE2\x86\x92", f);
        else
            fputc(l.ptr[i], f);
    }
    fputc('\n', f);
}

static bool line_eq(line a, line b) { return a.len == b.len && !memcmp(a.ptr, b.ptr, a.len); }

/* A line diff from the longest common subsequence; plain listing when too large. */
static void print_diff(FILE *f, const nf_buf *want, const nf_buf *got)
{
    lines a = {0}, b = {0};
    split_lines(want->data ? want->data : "", want->len, &a);
    split_lines(got->data ? got->data : "", got->len, &b);
    size_t n = a.len, m = b.len;
    if (n * m > 4000000) {
        for (size_t i = 0; i < n; i++)
            print_visible(f, "  - ", a.items[i]);
        for (size_t j = 0; j < m; j++)
            print_visible(f, "  + ", b.items[j]);
    } else {
        unsigned *lcs = calloc((n + 1) * (m + 1), sizeof *lcs);
        if (!lcs)
            abort();
#define L(i, j) lcs[(i) * (m + 1) + (j)]
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                L(i, j) = line_eq(a.items[i], b.items[j])
                              ? L(i + 1, j + 1) + 1
                              : (L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && line_eq(a.items[i], b.items[j])) {
                print_visible(f, "    ", a.items[i]);
                i++;
                j++;
            } else if (i < n && (j == m || L(i + 1, j) >= L(i, j + 1))) {
                print_visible(f, "  - ", a.items[i++]);
            } else {
                print_visible(f, "  + ", b.items[j++]);
            }
        }
#undef L
        free(lcs);
    }
    nf_vec_free(&a);
    nf_vec_free(&b);
}

static int make_dir(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static void write_seed(const char *dir, const char *spec, int number, const nf_buf *input)
{
    const char *base = strrchr(spec, '/');
    base = base ? base + 1 : spec;
    size_t stem = strcspn(base, ".");
    char path[4096];
    snprintf(path, sizeof path, "%s/%.*s-%03d.txt", dir, (int)stem, base, number);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "spec_runner: %s: %s\n", path, strerror(errno));
        return;
    }
    fwrite(input->data ? input->data : "", 1, input->len, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *spec = NULL, *corpus = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dump-corpus") && i + 1 < argc)
            corpus = argv[++i];
        else if (!spec && argv[i][0] != '-')
            spec = argv[i];
        else
            spec = NULL, i = argc;
    }
    if (!spec) {
        fputs("usage: spec_runner FILE.md [--dump-corpus DIR]\n", stderr);
        return 2;
    }
    char *text;
    size_t len;
    const char *why;
    if (nf_file_read(spec, &text, &len, &why) != NF_OK) {
        fprintf(stderr, "spec_runner: %s: %s\n", spec, why);
        return 2;
    }
    if (corpus && make_dir(corpus) != 0) {
        fprintf(stderr, "spec_runner: %s: %s\n", corpus, strerror(errno));
        return 2;
    }
    lines ls = {0};
    split_lines(text, len, &ls);
    int passed = 0, failed = 0, number = 0;
    for (size_t i = 0; i < ls.len; i++) {
        line open = ls.items[i];
        static const char tag[] = " example";
        if (!is_fence(open) || open.len < FENCE_LEN + sizeof tag - 1 ||
            memcmp(open.ptr + FENCE_LEN, tag, sizeof tag - 1) != 0)
            continue;
        number++;
        size_t first = i + 1;
        nf_slice stage = nf_slice_trim((nf_slice){open.ptr + FENCE_LEN + sizeof tag - 1,
                                                  open.len - FENCE_LEN - (sizeof tag - 1)});
        char stage_name[64];
        snprintf(stage_name, sizeof stage_name, "%.*s", (int)stage.len, stage.ptr);
        nf_buf input, want, got;
        nf_buf_init(&input);
        nf_buf_init(&want);
        nf_buf_init(&got);
        bool in_output = false, closed = false;
        for (i = first; i < ls.len; i++) {
            line l = ls.items[i];
            if (is_fence(l)) {
                closed = true;
                break;
            }
            if (!in_output && l.len == 1 && l.ptr[0] == '.') {
                in_output = true;
                continue;
            }
            put_line(in_output ? &want : &input, l);
        }
        if (corpus)
            write_seed(corpus, spec, number, &input);
        const char *err = NULL;
        nf_status st = closed && in_output && stage.len
                           ? nf_dump(stage_name, input.data ? input.data : "", input.len, &got,
                                     &err)
                           : NF_ERR_PARSE;
        if (st != NF_OK) {
            nf_buf_clear(&got);
            nf_buf_printf(&got, "error: %s%s%s\n", nf_status_str(st), err ? ": " : "",
                          err ? err : (st == NF_ERR_PARSE ? ": malformed example" : ""));
        }
        bool same = want.len == got.len &&
                    (want.len == 0 || !memcmp(want.data, got.data, want.len));
        if (same) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "FAIL example %d (%s:%zu) [%s]\n", number, spec, first, stage_name);
            lines in = {0};
            split_lines(input.data ? input.data : "", input.len, &in);
            for (size_t k = 0; k < in.len && k < 40; k++)
                print_visible(stderr, "  | ", in.items[k]);
            if (in.len > 40)
                fprintf(stderr, "  | ... (%zu more lines)\n", in.len - 40);
            nf_vec_free(&in);
            print_diff(stderr, &want, &got);
        }
        nf_buf_free(&input);
        nf_buf_free(&want);
        nf_buf_free(&got);
    }
    nf_vec_free(&ls);
    free(text);
    printf("%d passed, %d failed\n", passed, failed);
    if (number == 0)
        fprintf(stderr, "spec_runner: %s: no examples\n", spec);
    return failed || number == 0 ? 1 : 0;
}
