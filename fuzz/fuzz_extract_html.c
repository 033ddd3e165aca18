/* Fuzz target for the HTML reader: any bytes as an HTML record through nf_extract_html.
 *
 * Built as a libFuzzer binary with -Dfuzz=true, and always linked with replay_main.c, which
 * feeds it every file of fuzz/corpus/extract_html/ as an ordinary test. A result or an error
 * status is fine; a crash, a sanitizer report or a leak is the failure. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* nf_record promises NUL-terminated bytes; libFuzzer's buffer is not. */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    copy[size] = '\0';
    nf_record rec = {
        .path = "fuzz.html",
        .id = "fuzz",
        .data = copy,
        .len = size,
        .kind = NF_KIND_HTML,
        .url = NULL,
    };
    nf_extract_opts opts = {.dct = "2026-01-16"};
    nf_doc *doc = NULL;
    if (nf_extract_html(&rec, size % 2 ? &opts : NULL, &doc) == NF_OK)
        nf_doc_free(doc);
    free(copy);
    return 0;
}
