/* newsfuse extract: from a raw record to an nf_doc with body text, title, date, source and
 * every removed piece with its reason. The only stage that sees the HTML parser. */
#ifndef NEWSFUSE_EXTRACT_H
#define NEWSFUSE_EXTRACT_H

#include "newsfuse/ingest.h"

typedef struct {
    const char *dct; /* document creation date to assume when the page states none, or NULL */
} nf_extract_opts;

/* Extracts one record into a new doc (*out, free with nf_doc_free). The record's bytes are
 * copied. A poor page is not an error: the doc may have an empty body. Errors: NF_ERR_EMPTY
 * (nothing but white space), NF_ERR_BINARY. opts may be NULL. */
nf_status nf_extract(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out);

/* Clean article text, no extraction (evaluation sets, `--plain`): the body is the whole
 * normalised input, byte for byte, so offsets into doc->text are offsets into the input
 * after UTF-8 repair and NFC; paragraphs are the blank-line-separated blocks. */
nf_status nf_extract_plain(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out);

/* The text-dump path: classifies a page saved as plain text line by line. */
nf_status nf_extract_text(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out);
/* The HTML path: parses with libxml2, then classifies blocks with DOM hints. */
nf_status nf_extract_html(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out);

#endif
