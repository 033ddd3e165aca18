/* Language-id bench driver: classifies every *.txt file of a directory and prints
 * "<name><TAB><code><TAB><confidence>" per file, in name order; the processing time (files
 * already read, start-up excluded) goes to stderr as "[newsfuse] N files ... in X s".
 *
 * usage: nf_langid DIR            newsfuse's nf_text_lang
 *        nf_langid --textcat DIR  libexttextcat's own textcat_ClassifyFull on the same
 *                                 fingerprints and language subset, for comparison
 * Built by bench/langid/score.py against build/libnewsfuse.a. */
#include <dirent.h>
#include <libexttextcat/textcat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsfuse/text.h"

#ifndef NF_TEXTCAT_DIR
#define NF_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

typedef struct {
    char *name, *data;
    size_t len;
} input;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const input *)a)->name, ((const input *)b)->name);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The subset newsfuse scores in Latin script, plus the script-group languages. */
static const char *const subset[] = {"en", "es", "de", "fr", "pt", "it", "pl", "tr", "tl", "nl",
                                     "ca", "ro", "sv", "da", "nb", "cs", "id", "ar", "ru"};

static void *textcat_open(void)
{
    char conf[] = "/tmp/nf_langid_XXXXXX";
    int fd = mkstemp(conf);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < sizeof subset / sizeof subset[0]; i++)
        fprintf(f, "%s.lm %s\n", subset[i], subset[i]);
    fclose(f);
    void *h = special_textcat_Init(conf, NF_TEXTCAT_DIR);
    remove(conf);
    if (h)
        textcat_SetProperty(h, TCPROP_UTF8AWARE, TC_TRUE);
    return h;
}

int main(int argc, char **argv)
{
    bool textcat = argc == 3 && strcmp(argv[1], "--textcat") == 0;
    if (argc != 2 && !textcat) {
        fprintf(stderr, "usage: nf_langid [--textcat] DIR\n");
        return 2;
    }
    const char *dir = argv[argc - 1];
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 1;
    }
    input *in = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *data;
        size_t len;
        const char *why;
        if (nf_file_read(path, &data, &len, &why) != NF_OK) {
            fprintf(stderr, "%s: %s\n", path, why);
            continue;
        }
        if (n == cap)
            in = nf_xrealloc(in, (cap = cap ? cap * 2 : 256) * sizeof *in);
        in[n++] = (input){nf_xstrndup(e->d_name, l - 4), data, len};
    }
    closedir(d);
    qsort(in, n, sizeof *in, by_name);

    void *tc = textcat ? textcat_open() : NULL;
    if (textcat && !tc) {
        fprintf(stderr, "nf_langid: cannot initialise libexttextcat\n");
        return 1;
    }
    candidate_t *cand = tc ? textcat_GetClassifyFullOutput(tc) : NULL;
    char (*code)[8] = nf_xcalloc(n ? n : 1, sizeof *code);
    double *conf = nf_xcalloc(n ? n : 1, sizeof *conf);
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        if (tc) {
            int k = textcat_ClassifyFull(tc, in[i].data, in[i].len, cand);
            snprintf(code[i], sizeof code[i], "%s", k > 0 ? cand[0].name : "und");
            conf[i] = k == 1 ? 1.0 : k > 1 ? 0.5 : 0.0;
        } else {
            nf_lang_guess g;
            if (nf_text_lang(in[i].data, in[i].len, &g) == NF_OK) {
                snprintf(code[i], sizeof code[i], "%s", g.code);
                conf[i] = g.confidence;
            } else {
                snprintf(code[i], sizeof code[i], "err");
            }
        }
    }
    double t1 = now();
    for (size_t i = 0; i < n; i++) {
        printf("%s\t%s\t%.3f\n", in[i].name, code[i], conf[i]);
        free(in[i].name);
        free(in[i].data);
    }
    fprintf(stderr, "[%s] %zu files in %.3fs processing time (excl. startup)\n",
            textcat ? "exttextcat" : "newsfuse", n, t1 - t0);
    if (tc) {
        textcat_ReleaseClassifyFullOutput(tc, cand);
        textcat_Done(tc);
    }
    free(in);
    free(code);
    free(conf);
    return 0;
}
