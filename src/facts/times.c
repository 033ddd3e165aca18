/* Facts: times (placeholder until the times extractor lands: finds nothing). */
#include "newsfuse/facts.h"

nf_status nf_facts_times(nf_doc *doc, const nf_date *dct, nf_facts *f)
{
    (void)doc;
    (void)dct;
    (void)f;
    return NF_OK;
}
