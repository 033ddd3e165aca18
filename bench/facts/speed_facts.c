/* Throughput of the facts extractors in one process, without reading or extraction: every
 * input is read as clean text (nf_extract_plain) first, then timed passes run
 * nf_facts_entities + nf_facts_quotes, and the whole nf_facts_extract, over all documents.
 * Thread CPU time (CLOCK_THREAD_CPUTIME_ID), best of 5, so that other jobs on the machine
 * count less; the first pass (one-time table loading) is not counted.
 * Built and run by bench/facts/speed.py. usage: speed_facts FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsfuse/newsfuse.h"

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    nf_doc **docs = calloc((size_t)argc, sizeof *docs);
    size_t nd = 0, bytes = 0;
    for (int i = 1; i < argc; i++) {
        char *d;
        size_t n;
        const char *why;
        if (nf_file_read(argv[i], &d, &n, &why) != NF_OK)
            continue;
        nf_record rec;
        memset(&rec, 0, sizeof rec);
        rec.id = "bench";
        rec.data = d;
        rec.len = n;
        rec.kind = NF_KIND_TEXT;
        if (nf_extract_plain(&rec, NULL, &docs[nd]) == NF_OK)
            bytes += docs[nd++]->text_len;
        free(d);
    }
    double best_eq = 1e9, best_all = 1e9;
    for (int round = 0; round < 6; round++) {
        double t0 = cpu();
        for (size_t i = 0; i < nd; i++) {
            nf_facts f;
            memset(&f, 0, sizeof f);
            nf_facts_entities(docs[i], &f);
            nf_facts_quotes(docs[i], &f);
        }
        double t1 = cpu();
        for (size_t i = 0; i < nd; i++) {
            nf_facts *f;
            nf_facts_extract(docs[i], NULL, &f);
        }
        double t2 = cpu();
        if (round > 0) {
            best_eq = t1 - t0 < best_eq ? t1 - t0 : best_eq;
            best_all = t2 - t1 < best_all ? t2 - t1 : best_all;
        }
    }
    printf("%zu %zu %.6f %.6f\n", nd, bytes, best_eq, best_all);
    for (size_t i = 0; i < nd; i++)
        nf_doc_free(docs[i]);
    free(docs);
    return 0;
}
