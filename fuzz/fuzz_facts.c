/* Fuzz target for the facts stage: any bytes read as clean article text (nf_extract_plain),
 * then every extractor (nf_facts_extract: times, entities, quotes, quantities), with and
 * without a document date, then the facts writer. Checks that every item's offsets lie inside
 * the text and that its text is what the offsets say.
 *
 * Built as a libFuzzer binary with -Dfuzz=true, and always linked with replay_main.c, which
 * feeds it every file of fuzz/corpus/facts/ as an ordinary test. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/newsfuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const nf_doc *doc, const nf_facts *f)
{
    for (size_t i = 0; i < f->n_times; i++) {
        const nf_timex *t = &f->times[i];
        if (t->start > t->end || t->end > doc->text_len || !t->value || !t->text ||
            strlen(t->text) != t->end - t->start ||
            memcmp(t->text, doc->text + t->start, t->end - t->start))
            abort();
    }
    for (size_t i = 0; i < f->n_quantities; i++) {
        const nf_quantity *q = &f->quantities[i];
        if (q->start > q->end || q->end > doc->text_len || !q->unit || !q->text ||
            strlen(q->text) != q->end - q->start ||
            memcmp(q->text, doc->text + q->start, q->end - q->start))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    copy[size] = '\0';
    nf_record rec = {
        .path = "fuzz.txt", .id = "fuzz", .data = copy, .len = size, .kind = NF_KIND_TEXT};
    static const char *const dcts[] = {NULL, "2026-01-16", "2024-02-29"};
    for (size_t k = 0; k < sizeof dcts / sizeof dcts[0]; k++) {
        nf_extract_opts xo;
        memset(&xo, 0, sizeof xo);
        xo.dct = dcts[k];
        nf_doc *doc = NULL;
        if (nf_extract_plain(&rec, &xo, &doc) != NF_OK)
            continue;
        if (k == 2)
            memcpy(doc->lang, "es", 3); /* Spanish rules on the same bytes */
        nf_facts_opts fo = {dcts[k]};
        nf_facts *f = NULL;
        if (nf_facts_extract(doc, &fo, &f) == NF_OK) {
            check(doc, f);
            nf_buf out;
            nf_buf_init(&out);
            nf_brief_write_facts(&out, doc, f, NF_FMT_JSONL);
            nf_brief_write_facts(&out, doc, f, NF_FMT_MD);
            nf_buf_free(&out);
        }
        nf_doc_free(doc);
    }
    free(copy);
    return 0;
}
