/* Writers for one article's facts: a JSON object per line (`newsfuse facts`), or a table
 * for people. Offsets are converted from bytes to characters (code points) of doc->text. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "brief_int.h"

/* Byte -> character offsets through a checkpoint every CP_STEP bytes (built once per
 * article), so that converting every span costs at most CP_STEP steps, not a count from the
 * start of the text (10,000 spans over 1 MB would be quadratic). */
#define CP_STEP 1024

static _Thread_local const char *cp_text; /* per thread: writers may run in parallel */
static _Thread_local size_t cp_len;
static _Thread_local size_t *cp_marks; /* characters before byte k * CP_STEP */

static void cp_index(const char *s, size_t len)
{
    free(cp_marks);
    cp_text = s;
    cp_len = len;
    cp_marks = nf_xmalloc((len / CP_STEP + 2) * sizeof *cp_marks);
    size_t n = 0;
    cp_marks[0] = 0;
    for (size_t i = 0; i < len; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
        if ((i + 1) % CP_STEP == 0)
            cp_marks[(i + 1) / CP_STEP] = n;
    }
}

/* Character offset of byte offset b in the indexed text (valid UTF-8). */
static size_t cp_at(const char *s, size_t b)
{
    (void)s;
    if (b > cp_len)
        b = cp_len;
    size_t k = b / CP_STEP, n = cp_marks[k];
    for (size_t i = k * CP_STEP; i < b; i++)
        n += ((unsigned char)cp_text[i] & 0xC0) != 0x80;
    return n;
}

static void span(json_t *o, const nf_doc *d, size_t s, size_t e)
{
    json_object_set_new(o, "start", json_integer((json_int_t)cp_at(d->text, s)));
    json_object_set_new(o, "end", json_integer((json_int_t)cp_at(d->text, e)));
}

static json_t *sn(const char *s) { return s ? json_string(s) : json_null(); }

static const char *gran_str(nf_granularity g)
{
    static const char *const n[] = {"none", "year", "month", "week", "day", "time"};
    return (unsigned)g < 6 ? n[g] : "none";
}

static const char *timex_type_str(nf_timex_type t)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}

nf_status nf_brief_write_facts(nf_buf *out, const nf_doc *d, const nf_facts *f, nf_format fmt)
{
    if (fmt == NF_FMT_MD) {
        nf_buf_printf(out, "== %s (%zu entities, %zu quotes, %zu quantities, %zu times)\n", d->id,
                      f->n_entities, f->n_quotes, f->n_quantities, f->n_times);
        for (size_t i = 0; i < f->n_entities; i++)
            nf_buf_printf(out, "entity\t%s\t%s\t%zu mentions\n", nf_entity_type_str(f->entities[i].type),
                          f->entities[i].name, f->entities[i].n_mentions);
        for (size_t i = 0; i < f->n_quotes; i++)
            nf_buf_printf(out, "quote\t%s\t%s\t%s\n", f->quotes[i].speaker ? f->quotes[i].speaker : "?",
                          f->quotes[i].direct ? "direct" : "indirect", f->quotes[i].text);
        for (size_t i = 0; i < f->n_quantities; i++) {
            const nf_quantity *q = &f->quantities[i];
            nf_buf_printf(out, "quantity\t%g\t%s\t%s\t%s\t%s\n", q->value, q->unit ? q->unit : "",
                          q->qualifier ? q->qualifier : "", q->subject ? q->subject : "", q->text);
        }
        for (size_t i = 0; i < f->n_times; i++)
            nf_buf_printf(out, "time\t%s\t%s\t%s%s\n", f->times[i].value ? f->times[i].value : "",
                          gran_str(f->times[i].gran), f->times[i].text,
                          f->times[i].weekday_mismatch ? "\t(weekday contradicts the date)" : "");
        return NF_OK;
    }
    cp_index(d->text, d->text_len);
    json_t *o = json_object();
    char ds[40];
    nf_date_format(&d->published, ds, sizeof ds);
    json_object_set_new(o, "id", json_string(d->id));
    json_object_set_new(o, "published", d->published.gran ? json_string(ds) : json_null());
    json_t *a = json_array();
    for (size_t i = 0; i < f->n_entities; i++) {
        const nf_entity *e = &f->entities[i];
        json_t *x = json_object();
        json_object_set_new(x, "name", json_string(e->name));
        json_object_set_new(x, "type", json_string(nf_entity_type_str(e->type)));
        json_t *al = json_array();
        for (size_t k = 0; k < e->n_aliases; k++)
            json_array_append_new(al, json_string(e->aliases[k]));
        json_object_set_new(x, "aliases", al);
        json_object_set_new(x, "mentions", json_integer((json_int_t)e->n_mentions));
        json_t *sp = json_array();
        for (size_t k = 0; k < e->n_mentions; k++)
            json_array_append_new(sp, json_pack("[II]", (json_int_t)cp_at(d->text, e->mentions[k].start),
                                                (json_int_t)cp_at(d->text, e->mentions[k].end)));
        json_object_set_new(x, "spans", sp);
        if (e->n_mentions)
            span(x, d, e->mentions[0].start, e->mentions[0].end);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "entities", a);
    a = json_array();
    for (size_t i = 0; i < f->n_quotes; i++) {
        const nf_quote *q = &f->quotes[i];
        json_t *x = json_object();
        json_object_set_new(x, "text", json_string(q->text));
        json_object_set_new(x, "speaker", sn(q->speaker));
        json_object_set_new(x, "direct", json_boolean(q->direct));
        json_object_set_new(x, "cue", sn(q->cue));
        span(x, d, q->start, q->end);
        if (q->speaker_span.end > q->speaker_span.start)
            json_object_set_new(x, "speaker_span",
                                json_pack("[II]", (json_int_t)cp_at(d->text, q->speaker_span.start),
                                          (json_int_t)cp_at(d->text, q->speaker_span.end)));
        if (q->cue_span.end > q->cue_span.start)
            json_object_set_new(x, "cue_span",
                                json_pack("[II]", (json_int_t)cp_at(d->text, q->cue_span.start),
                                          (json_int_t)cp_at(d->text, q->cue_span.end)));
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "quotes", a);
    a = json_array();
    for (size_t i = 0; i < f->n_quantities; i++) {
        const nf_quantity *q = &f->quantities[i];
        json_t *x = json_object();
        json_object_set_new(x, "text", json_string(q->text));
        json_object_set_new(x, "value", isfinite(q->value) ? json_real(q->value) : json_null());
        if (isfinite(q->value_max) && q->value_max != q->value)
            json_object_set_new(x, "value_max", json_real(q->value_max));
        json_object_set_new(x, "unit", json_string(q->unit ? q->unit : ""));
        json_object_set_new(x, "qualifier", sn(q->qualifier));
        json_object_set_new(x, "direction", sn(q->direction));
        json_object_set_new(x, "subject", sn(q->subject));
        json_object_set_new(x, "attributed_to", sn(q->attributed_to));
        span(x, d, q->start, q->end);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "quantities", a);
    a = json_array();
    for (size_t i = 0; i < f->n_times; i++) {
        const nf_timex *t = &f->times[i];
        json_t *x = json_object();
        json_object_set_new(x, "text", json_string(t->text));
        json_object_set_new(x, "value", sn(t->value));
        json_object_set_new(x, "type", json_string(timex_type_str(t->type)));
        json_object_set_new(x, "granularity", json_string(gran_str(t->gran)));
        if (t->weekday_mismatch)
            json_object_set_new(x, "weekday_mismatch", json_true());
        if (t->note)
            json_object_set_new(x, "note", json_string(t->note));
        if (t->anchor)
            json_object_set_new(x, "anchor", json_string(t->anchor));
        span(x, d, t->start, t->end);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "times", a);
    free(cp_marks);
    cp_marks = NULL;
    return nf__json_emit(out, o, JSON_COMPACT);
}
