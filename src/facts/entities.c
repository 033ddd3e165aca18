/* Facts: entities (placeholder until the entities extractor lands: finds nothing). */
#include "newsfuse/facts.h"

nf_status nf_facts_entities(nf_doc *doc, nf_facts *f)
{
    (void)doc;

    (void)f;
    return NF_OK;
}
