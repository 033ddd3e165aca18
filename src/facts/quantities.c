/* Facts: quantities (placeholder until the quantities extractor lands: finds nothing). */
#include "newsfuse/facts.h"

nf_status nf_facts_quantities(nf_doc *doc, nf_facts *f)
{
    (void)doc;

    (void)f;
    return NF_OK;
}
