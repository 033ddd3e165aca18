/* Fuzz target: the text-dump extractor (readers, classifier, date and lexicon matching) on
 * arbitrary bytes, then the JSON writer on the result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/newsfuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    nf_record rec = {.path = "fuzz.txt", .id = "fuzz", .data = copy, .len = size, .kind = NF_KIND_TEXT};
    nf_doc *doc = NULL;
    if (nf_extract(&rec, NULL, &doc) == NF_OK) {
        nf_buf out;
        nf_buf_init(&out);
        nf_brief_write_article(&out, doc, NF_FMT_JSONL);
        nf_brief_write_article(&out, doc, NF_FMT_MD);
        nf_buf_free(&out);
        nf_doc_free(doc);
    }
    free(copy);
    return 0;
}
