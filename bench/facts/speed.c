/* Throughput of the facts extractors on one core: reads every file named (clean article text),
 * makes docs with nf_extract_plain (not timed), then times, over the whole set repeated until
 * at least two seconds have passed: nf_facts_times, nf_facts_quantities (after times, as in
 * the stage), and the whole stage (nf_facts_extract: times, entities, quotes, quantities).
 * Prints MB/s of body text for each, over the thread's CPU time (one core, whatever else runs).
 *
 * build: cc -O2 -Iinclude -Isrc bench/facts/speed.c build/libnewsfuse.a \
 *          $(pkg-config --libs libxml-2.0 libutf8proc libxxhash zlib jansson libexttextcat) \
 *          -lstemmer -lm -o build/facts_speed
 * usage: build/facts_speed [--dct YYYY-MM-DD] FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsfuse/newsfuse.h"

/* CPU time of this thread: the machine may be busy with other work */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *dct = "2026-01-16";
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "--dct"))
        dct = argv[2], first = 3;
    NF_VEC(nf_doc *) docs = {0};
    size_t bytes = 0;
    for (int a = first; a < argc; a++) {
        char *data;
        size_t len;
        const char *why;
        if (nf_file_read(argv[a], &data, &len, &why) != NF_OK)
            continue;
        nf_record rec = {
            .path = argv[a], .id = argv[a], .data = data, .len = len, .kind = NF_KIND_TEXT};
        nf_extract_opts xo = {dct};
        nf_doc *doc;
        if (nf_extract_plain(&rec, &xo, &doc) == NF_OK) {
            nf_vec_push(&docs, doc);
            bytes += doc->text_len;
        }
        free(data);
    }
    if (!docs.len) {
        fprintf(stderr, "usage: facts_speed [--dct DATE] FILE...\n");
        return 2;
    }
    nf_date d;
    nf_date_parse_iso(dct, strlen(dct), &d);
    static const char *const names[] = {"times", "quantities (after times)",
                                        "whole stage (nf_facts_extract)"};
    for (int which = 0; which < 3; which++) {
        double t_work = 0, t0 = now();
        size_t done = 0;
        while (now() - t0 < 2.0) {
            for (size_t i = 0; i < docs.len; i++) {
                nf_doc *doc = docs.items[i];
                /* each run's results go to a scratch arena swapped in, so memory stays flat */
                nf_arena *keep = doc->arena;
                doc->arena = nf_arena_new();
                nf_facts f;
                memset(&f, 0, sizeof f);
                if (which == 1)
                    nf_facts_times(doc, &d, &f);
                double s = now();
                if (which == 0)
                    nf_facts_times(doc, &d, &f);
                else if (which == 1)
                    nf_facts_quantities(doc, &f);
                else {
                    nf_facts_opts fo = {dct};
                    nf_facts *fp;
                    nf_facts_extract(doc, &fo, &fp);
                }
                t_work += now() - s;
                nf_arena_free(doc->arena);
                doc->arena = keep;
            }
            done += bytes;
        }
        printf("%-32s %8.1f MB/s  (%zu docs, %.2f MB of text, %.2f s)\n", names[which],
               (double)done / 1e6 / t_work, docs.len, (double)bytes / 1e6, t_work);
    }
    for (size_t i = 0; i < docs.len; i++)
        nf_doc_free(docs.items[i]);
    nf_vec_free(&docs);
    return 0;
}
