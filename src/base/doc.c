/* The document: a doc and its arena. */
#include <stdlib.h>
#include <string.h>

#include "newsfuse/doc.h"

nf_doc *nf_doc_new(void)
{
    nf_arena *a = nf_arena_new();
    nf_doc *d = nf_arena_alloc(a, sizeof *d);
    d->arena = a;
    memcpy(d->lang, "und", 4);
    return d;
}

void nf_doc_free(nf_doc *doc)
{
    if (doc)
        nf_arena_free(doc->arena); /* the doc itself lives in its arena */
}
