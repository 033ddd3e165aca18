/* Extraction dispatch: a record goes to the text-dump or the HTML reader by its kind. */
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
