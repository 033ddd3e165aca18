/* JSON writers (jansson): articles as `$defs/article`, the brief as `newsfuse.brief/1`
 * (../shared/schema/brief.schema.json). Extra fields beyond the schema are documented in
 * docs/OUTPUT.md. */
#include <jansson.h>
#include <string.h>

#include "brief_int.h"

static json_t *str_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    return j ? j : json_string("\xEF\xBF\xBD"); /* never: texts are normalised UTF-8 */
}

static json_t *date_or_null(const nf_date *d)
{
    if (d->gran == NF_GRAN_NONE)
        return json_null();
    char buf[40];
    nf_date_format(d, buf, sizeof buf);
    return json_string(buf);
}

/* Byte offsets become code-point offsets in JSON, so that consumers in any language can
 * slice `text` with them. `from`/`upto` carry the position between calls (offsets ascend). */
static size_t cp_offset(const char *s, size_t byte, size_t *from, size_t *upto)
{
    for (; *from < byte; (*from)++)
        if (((unsigned char)s[*from] & 0xC0) != 0x80)
            (*upto)++;
    return *upto;
}

static json_t *article_obj(const nf_doc *doc)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(doc->id));
    json_object_set_new(o, "url", str_or_null(doc->url));
    json_object_set_new(o, "source", str_or_null(doc->source));
    json_object_set_new(o, "title", str_or_null(doc->title));
    json_object_set_new(o, "published", date_or_null(&doc->published));
    json_object_set_new(o, "published_estimated", json_boolean(doc->published_estimated));
    json_object_set_new(o, "language", json_string(doc->lang));
    json_object_set_new(o, "author", str_or_null(doc->author));
    json_object_set_new(o, "text", json_stringn(doc->text, doc->text_len));
    json_t *paras = json_array();
    size_t from = 0, cps = 0;
    for (size_t i = 0; i < doc->n_paras; i++) {
        const nf_para *p = &doc->paras[i];
        json_t *po = json_object();
        size_t cs = cp_offset(doc->text, p->start, &from, &cps);
        size_t ce = cp_offset(doc->text, p->end, &from, &cps);
        json_object_set_new(po, "start", json_integer((json_int_t)cs));
        json_object_set_new(po, "end", json_integer((json_int_t)ce));
        json_object_set_new(po, "source_start", json_integer((json_int_t)p->src_start));
        json_object_set_new(po, "source_end", json_integer((json_int_t)p->src_end));
        if (p->lang[0])
            json_object_set_new(po, "language", json_string(p->lang));
        if (p->heading)
            json_object_set_new(po, "heading", json_true());
        json_array_append_new(paras, po);
    }
    json_object_set_new(o, "paragraphs", paras);
    json_t *rm = json_array();
    for (size_t i = 0; i < doc->n_removed; i++) {
        const nf_removed *r = &doc->removed[i];
        json_t *ro = json_object();
        json_object_set_new(ro, "text", json_stringn(r->text, r->len));
        json_object_set_new(ro, "reason", json_string(nf_reason_str(r->reason)));
        if (r->detail)
            json_object_set_new(ro, "detail", json_string(r->detail));
        json_object_set_new(ro, "source_start", json_integer((json_int_t)r->src_start));
        json_array_append_new(rm, ro);
    }
    json_object_set_new(o, "removed", rm);
    json_object_set_new(o, "format", json_string(nf_input_kind_str(doc->kind)));
    if (doc->invalid_bytes)
        json_object_set_new(o, "invalid_bytes", json_integer((json_int_t)doc->invalid_bytes));
    return o;
}

static nf_status dump(nf_buf *out, json_t *o, size_t flags)
{
    char *s = json_dumps(o, flags | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return NF_ERR_NOMEM;
    nf_buf_puts(out, s);
    nf_buf_putc(out, '\n');
    free(s);
    return NF_OK;
}

nf_status nf__article_json(nf_buf *out, const nf_doc *doc)
{
    return dump(out, article_obj(doc), JSON_COMPACT);
}

static json_t *id_array(nf_doc *const *docs, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(docs[idx[i]]->id));
    return a;
}

nf_status nf__brief_json(nf_buf *out, nf_doc *const *docs, size_t n, const nf_clustering *c,
                         const nf__story_view *views)
{
    json_t *root = json_object();
    json_object_set_new(root, "format", json_string("newsfuse.brief/1"));
    json_t *arts = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arts, article_obj(docs[i]));
    json_object_set_new(root, "articles", arts);
    json_t *stories = json_array();
    for (size_t k = 0; k < c->n; k++) {
        const nf__story_view *v = &views[k];
        json_t *s = json_object();
        json_object_set_new(s, "id", json_string(v->id));
        json_object_set_new(s, "headline", json_string(v->headline));
        json_t *sum = json_array();
        for (size_t i = 0; i < v->n_summary; i++) {
            json_t *so = json_object();
            json_object_set_new(so, "text", json_string(v->summary[i].text));
            json_object_set_new(so, "articles",
                                id_array(docs, v->summary[i].arts, v->summary[i].n_arts));
            json_array_append_new(sum, so);
        }
        json_object_set_new(s, "summary", sum);
        json_object_set_new(s, "articles", id_array(docs, v->arts, v->n_arts));
        json_object_set_new(s, "outlets", json_integer((json_int_t)v->n_outlets));
        json_object_set_new(s, "first_published", date_or_null(&v->first));
        json_object_set_new(s, "last_published", date_or_null(&v->last));
        json_object_set_new(s, "entities", json_array());
        json_object_set_new(s, "quotes", json_array());
        json_object_set_new(s, "claims", json_array());
        json_object_set_new(s, "timeline", json_array());
        json_object_set_new(s, "disagreements", json_array());
        json_t *rel = json_array();
        for (size_t i = 0; i < v->n_related; i++)
            json_array_append_new(rel, json_string(views[v->related[i]].id));
        json_object_set_new(s, "related", rel);
        json_array_append_new(stories, s);
    }
    json_object_set_new(root, "stories", stories);
    return dump(out, root, JSON_INDENT(2));
}
