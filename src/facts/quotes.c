/* Facts: quotes (placeholder until the quotes extractor lands: finds nothing). */
#include "newsfuse/facts.h"

nf_status nf_facts_quotes(nf_doc *doc, nf_facts *f)
{
    (void)doc;

    (void)f;
    return NF_OK;
}
