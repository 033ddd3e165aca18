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

nf_status nf_extract_plain(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out)
{
    if (!rec || !out)
        return NF_ERR_INVALID;
    if (nf_text_is_binary(rec->data, rec->len))
        return NF_ERR_BINARY;
    nf_doc *doc = nf__doc_from_text_record(rec);
    nf_arena *a = doc->arena;
    doc->text = doc->norm;
    doc->text_len = doc->norm_len;
    /* paragraphs: blank-line-separated blocks */
    NF_VEC(nf_para) ps = {0};
    const char *s = doc->text;
    size_t n = doc->text_len, i = 0;
    while (i < n) {
        while (i < n && (s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        size_t st = i;
        while (i < n && !(s[i] == '\n' && i + 1 < n && s[i + 1] == '\n'))
            i++;
        size_t en = i;
        while (en > st && (s[en - 1] == ' ' || s[en - 1] == '\n' || s[en - 1] == '\t'))
            en--;
        nf_para p;
        memset(&p, 0, sizeof p);
        p.start = p.src_start = st;
        p.end = p.src_end = en;
        nf_vec_push(&ps, p);
    }
    doc->paras = nf_arena_alloc(a, (ps.len + 1) * sizeof(nf_para));
    if (ps.len)
        memcpy(doc->paras, ps.items, ps.len * sizeof(nf_para));
    doc->n_paras = ps.len;
    nf_vec_free(&ps);
    nf_lang_guess g;
    if (nf_text_lang(s, n < 8192 ? n : 8192, &g) == NF_OK)
        memcpy(doc->lang, g.code, 4);
    if (opts && opts->dct)
        nf_date_parse_iso(opts->dct, strlen(opts->dct), &doc->published);
    if (rec->published)
        nf_date_parse_iso(rec->published, strlen(rec->published), &doc->published);
    *out = doc;
    return NF_OK;
}

nf_doc *nf__doc_from_text_record(const nf_record *rec)
{
    nf_doc *doc = nf_doc_new();
    nf_arena *a = doc->arena;
    doc->kind = NF_KIND_TEXT;
    doc->id = nf_arena_strdup(a, rec->id ? rec->id : "doc");
    doc->path = rec->path ? nf_arena_strdup(a, rec->path) : NULL;
    doc->url = rec->url ? nf_arena_strdup(a, rec->url) : NULL;
    nf_text_normalize(a, rec->data, rec->len, &doc->norm, &doc->norm_len, &doc->invalid_bytes);
    return doc;
}
