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

static int append_to_buf(const char *buffer, size_t size, void *data)
{
    nf_buf_append(data, buffer, size);
    return 0;
}

/* Serialises o straight into out (json_dumps would build a string, copy it, and leave a
 * third copy to make here); the same bytes. */
nf_status nf__json_emit(nf_buf *out, json_t *o, size_t flags)
{
    size_t start = out->len;
    int rc = json_dump_callback(o, append_to_buf, out, flags | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return NF_ERR_NOMEM;
    }
    nf_buf_putc(out, '\n');
    return NF_OK;
}

nf_status nf__article_json(nf_buf *out, const nf_doc *doc)
{
    return nf__json_emit(out, article_obj(doc), JSON_COMPACT);
}

static json_t *id_array(nf_doc *const *docs, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(docs[idx[i]]->id));
    return a;
}

static json_t *rec_entities(nf_doc *const *docs, const nf_reconciled *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_entities; i++) {
        const nf_rec_entity *e = &r->entities[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", str_or_null(e->name));
        json_object_set_new(o, "type", json_string(nf_entity_type_str(e->type)));
        json_t *al = json_array();
        for (size_t j = 0; j < e->n_aliases; j++)
            json_array_append_new(al, str_or_null(e->aliases[j]));
        json_object_set_new(o, "aliases", al);
        json_object_set_new(o, "mentions", json_integer((json_int_t)(e->mentions ? e->mentions : 1)));
        json_object_set_new(o, "articles", id_array(docs, e->arts, e->n_arts));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *rec_quotes(nf_doc *const *docs, const nf_reconciled *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_quotes; i++) {
        const nf_rec_quote *q = &r->quotes[i];
        json_t *o = json_object();
        json_object_set_new(o, "text", str_or_null(q->text));
        json_object_set_new(o, "speaker", str_or_null(q->speaker));
        json_object_set_new(o, "direct", json_boolean(q->direct));
        json_object_set_new(o, "articles", id_array(docs, q->arts, q->n_arts));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *rec_claims(nf_doc *const *docs, const nf_reconciled *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_claims; i++) {
        const nf_rec_claim *c = &r->claims[i];
        json_t *o = json_object();
        json_object_set_new(o, "text", str_or_null(c->text));
        json_object_set_new(o, "subject", str_or_null(c->subject));
        json_object_set_new(o, "value", json_real(c->value));
        json_object_set_new(o, "unit", str_or_null(c->unit));
        json_object_set_new(o, "qualifier", str_or_null(c->qualifier));
        json_object_set_new(o, "attributed_to", str_or_null(c->attributed_to));
        json_object_set_new(o, "articles", id_array(docs, c->arts, c->n_arts));
        json_object_set_new(o, "outlets", json_integer((json_int_t)c->n_outlets));
        json_object_set_new(o, "status", json_string(nf_claim_status_str(c->status)));
        json_t *va = json_array();
        for (size_t j = 0; j < c->n_variants; j++) {
            const nf_rec_variant *v = &c->variants[j];
            json_t *vo = json_object();
            json_object_set_new(vo, "article", json_string(docs[v->art]->id));
            json_object_set_new(vo, "text", str_or_null(v->text));
            json_object_set_new(vo, "qualifier", str_or_null(v->qualifier));
            json_object_set_new(vo, "sentence", str_or_null(v->sentence));
            json_array_append_new(va, vo);
        }
        json_object_set_new(o, "variants", va);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* Characters (code points) of text before byte offset b. */
static size_t char_at(const char *text, size_t b)
{
    size_t n = 0;
    for (size_t i = 0; i < b; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static json_t *rec_timeline(nf_doc *const *docs, const nf_reconciled *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_timeline; i++) {
        const nf_rec_event *e = &r->timeline[i];
        json_t *o = json_object();
        json_object_set_new(o, "date", json_string(e->date));
        json_object_set_new(o, "text", str_or_null(e->text));
        json_object_set_new(o, "articles", id_array(docs, e->arts, e->n_arts));
        /* where each article says it: its sentence (character offsets into the article's
         * text) and the date expression */
        json_t *ms = json_array();
        for (size_t k = 0; k < e->n_mentions; k++) {
            const nf_rec_mention *mn = &e->mentions[k];
            const nf_doc *d = docs[mn->art];
            json_t *m = json_object();
            json_object_set_new(m, "article", json_string(d->id ? d->id : ""));
            size_t cs = char_at(d->text, mn->start);
            json_object_set_new(m, "start", json_integer((json_int_t)cs));
            size_t ce = cs + char_at(d->text + mn->start, mn->end - mn->start);
            json_object_set_new(m, "end", json_integer((json_int_t)ce));
            json_object_set_new(m, "expression",
                                json_stringn(d->text + mn->expr_start, mn->expr_end - mn->expr_start));
            json_array_append_new(ms, m);
        }
        json_object_set_new(o, "mentions", ms);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *rec_disagreements(nf_doc *const *docs, const nf_reconciled *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->n_disagreements; i++) {
        const nf_rec_disagreement *d = &r->disagreements[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(nf_dis_kind_str(d->kind)));
        json_object_set_new(o, "description", str_or_null(d->description));
        json_object_set_new(o, "articles", id_array(docs, d->arts, d->n_arts));
        json_t *ev = json_array();
        for (size_t j = 0; j < d->n_evidence; j++) {
            json_t *eo = json_object();
            json_object_set_new(eo, "article", json_string(docs[d->evidence[j].art]->id));
            json_object_set_new(eo, "text", str_or_null(d->evidence[j].text));
            json_array_append_new(ev, eo);
        }
        json_object_set_new(o, "evidence", ev);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The reconciled lists of a story, in the schema's order of fields. */
static void reconciled_json(json_t *s, nf_doc *const *docs, const nf_reconciled *r)
{
    json_object_set_new(s, "entities", rec_entities(docs, r));
    json_object_set_new(s, "quotes", rec_quotes(docs, r));
    json_object_set_new(s, "claims", rec_claims(docs, r));
    json_object_set_new(s, "timeline", rec_timeline(docs, r));
    json_object_set_new(s, "disagreements", rec_disagreements(docs, r));
}

struct json_t *nf__brief_story_json(nf_doc *const *docs, const nf__story_view *views, size_t k)
{
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
    reconciled_json(s, docs, &v->rec);
    json_t *rel = json_array();
    for (size_t i = 0; i < v->n_related; i++)
        json_array_append_new(rel, json_string(views[v->related[i]].id));
    json_object_set_new(s, "related", rel);
    return s;
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
    for (size_t k = 0; k < c->n; k++)
        json_array_append_new(stories, nf__brief_story_json(docs, views, k));
    json_object_set_new(root, "stories", stories);
    return nf__json_emit(out, root, JSON_INDENT(2));
}
