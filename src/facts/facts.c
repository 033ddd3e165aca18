/* The facts stage: runs the four extractors over one article in dependency order
 * (times, entities, quotes, quantities) and owns nothing itself: all results live in the
 * document's arena. */
#include <string.h>

#include "newsfuse/facts.h"
#include "scan.h"

const char *nf_entity_type_str(nf_entity_type t)
{
    static const char *const names[] = {"person", "organization", "location", "other"};
    return (unsigned)t < 4 ? names[t] : "other";
}

nf_status nf_facts_extract(nf_doc *doc, const nf_facts_opts *opts, nf_facts **out)
{
    if (!doc || !out)
        return NF_ERR_INVALID;
    nf_facts *f = nf_arena_alloc(doc->arena, sizeof *f);
    nf_date dct = doc->published;
    if (dct.gran == NF_GRAN_NONE && opts && opts->dct)
        nf_date_parse_iso(opts->dct, strlen(opts->dct), &dct);
    nf_status st;
    nf__facts_pin_set(doc->text, doc->text_len); /* the scans are shared without hashing */
    if ((st = nf_facts_times(doc, &dct, f)) != NF_OK ||
        (st = nf_facts_entities(doc, f)) != NF_OK || (st = nf_facts_quotes(doc, f)) != NF_OK ||
        (st = nf_facts_quantities(doc, f)) != NF_OK) {
        nf__facts_pin_clear();
        nf__scan_shared_release();
        return st;
    }
    nf__facts_pin_clear();
    nf__scan_shared_release(); /* the thread-local scan would outlive a thread that ends */
    *out = f;
    return NF_OK;
}
