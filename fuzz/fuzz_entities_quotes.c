/* Fuzz target: entities and quotes (src/facts/entities.c, quotes.c) on arbitrary bytes read
 * as clean article text (nf_extract_plain), checking that every offset stays inside the text,
 * that spans are ordered and that quote speakers point at real entities. Built with
 * -fsanitize=fuzzer, or with replay_main.c as a plain program that replays
 * fuzz/corpus/entities_quotes/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/newsfuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_range(const nf_doc *d, size_t s, size_t e)
{
    if (s > e || e > d->text_len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "fuzz";
    rec.data = (const char *)data;
    rec.len = size;
    rec.kind = NF_KIND_TEXT;
    nf_doc *doc = NULL;
    if (nf_extract_plain(&rec, NULL, &doc) != NF_OK)
        return 0;
    nf_facts f;
    memset(&f, 0, sizeof f);
    if (nf_facts_entities(doc, &f) != NF_OK || nf_facts_quotes(doc, &f) != NF_OK)
        abort();
    for (size_t i = 0; i < f.n_entities; i++) {
        const nf_entity *e = &f.entities[i];
        if (!e->name || (unsigned)e->type > NF_ENT_OTHER)
            abort();
        for (size_t k = 0; k < e->n_aliases; k++)
            if (!e->aliases[k])
                abort();
        for (size_t k = 0; k < e->n_mentions; k++) {
            check_range(doc, e->mentions[k].start, e->mentions[k].end);
            if (k && e->mentions[k].start < e->mentions[k - 1].start)
                abort();
        }
    }
    for (size_t i = 0; i < f.n_quotes; i++) {
        const nf_quote *q = &f.quotes[i];
        if (!q->text)
            abort();
        check_range(doc, q->start, q->end);
        if (q->speaker_entity >= (long)f.n_entities || q->speaker_entity < -1)
            abort();
        if (q->speaker_entity >= 0 && q->speaker != f.entities[q->speaker_entity].name)
            abort();
        check_range(doc, q->cue_span.start, q->cue_span.end);
        check_range(doc, q->speaker_span.start, q->speaker_span.end);
    }
    /* both writers on what was found */
    nf_buf out;
    nf_buf_init(&out);
    nf_brief_write_facts(&out, doc, &f, NF_FMT_JSONL);
    nf_brief_write_facts(&out, doc, &f, NF_FMT_MD);
    nf_buf_free(&out);
    nf_doc_free(doc);
    return 0;
}
