/* Extraction dispatch: a record goes to the text-dump or the HTML reader by its kind. */
#include <string.h>

#include "blocks.h"
#include "newsfuse/extract.h"
#include "newsfuse/text.h"

nf_status nf_extract(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out)
{
    if (!rec || !out)
        return NF_ERR_INVALID;
    nf_slice all = nf_slice_trim((nf_slice){rec->data, rec->len});
    if (all.len == 0)
        return NF_ERR_EMPTY;
    if (rec->kind == NF_KIND_HTML) /* the HTML reader decodes charsets, then checks */
        return nf_extract_html(rec, opts, out);
    if (nf_text_is_binary(rec->data, rec->len))
        return NF_ERR_BINARY;
    return nf_extract_text(rec, opts, out);
}

void nf__meta_from_record(nf__meta *meta, const nf_record *rec)
{
    if (!meta->published)
        meta->published = rec->published;
    if (!meta->site_name)
        meta->site_name = rec->source;
    if (!meta->title)
        meta->title = rec->title;
    if (!meta->url)
        meta->url = rec->url;
}
