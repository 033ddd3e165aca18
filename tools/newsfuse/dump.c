/* Canonical stage dumps for the CLI and the spec runner: text in, one item per line out.
 * Every stage but extract normalises its input first (nf_text_normalize). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "newsfuse/extract.h"
#include "newsfuse/facts.h"
#include "newsfuse/text.h"

static void put_escaped(nf_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n' && s[i] != '\t')
            continue;
        nf_buf_append(out, s + run, i - run);
        nf_buf_puts(out, s[i] == '\n' ? "\\n" : "\\t");
        run = i + 1;
    }
    nf_buf_append(out, s + run, n - run);
}

static nf_status dump_tokens(nf_arena *a, const char *s, size_t n, nf_buf *out, const char **err)
{
    nf_token *t;
    size_t nt;
    nf_status st = nf_text_tokenize(a, s, n, &t, &nt);
    if (st != NF_OK) {
        *err = "cannot tokenise";
        return st;
    }
    for (size_t i = 0; i < nt; i++) {
        nf_buf_puts(out, nf_tok_kind_str(t[i].kind));
        nf_buf_putc(out, '\t');
        put_escaped(out, s + t[i].start, t[i].len);
        nf_buf_putc(out, '\n');
    }
    return NF_OK;
}

static nf_status dump_sentences(nf_arena *a, const char *s, size_t n, nf_buf *out,
                                const char **err)
{
    nf_span *sp;
    size_t ns;
    nf_status st = nf_text_sentences(a, s, n, &sp, &ns);
    if (st != NF_OK) {
        *err = "cannot split sentences";
        return st;
    }
    for (size_t i = 0; i < ns; i++) {
        put_escaped(out, s + sp[i].start, sp[i].end - sp[i].start);
        nf_buf_putc(out, '\n');
    }
    return NF_OK;
}

static nf_status dump_language(const char *s, size_t n, nf_buf *out, const char **err)
{
    nf_lang_guess g;
    nf_status st = nf_text_lang(s, n, &g);
    if (st != NF_OK) {
        *err = "language profiles unavailable";
        return st;
    }
    nf_buf_puts(out, g.code);
    nf_buf_putc(out, '\n');
    return NF_OK;
}

/* "lang: xx" on the first line picks the stemmer; the rest is the text. */
static nf_status dump_stem(nf_arena *a, const char *s, size_t n, nf_buf *out, const char **err)
{
    char lang[8] = "en";
    if (n >= 5 && strncmp(s, "lang:", 5) == 0) {
        const char *nl = memchr(s, '\n', n);
        size_t line = nl ? (size_t)(nl - s) : n;
        nf_slice code = nf_slice_trim((nf_slice){s + 5, line - 5});
        if (code.len == 0 || code.len >= sizeof lang) {
            *err = "bad \"lang:\" line";
            return NF_ERR_INVALID;
        }
        memcpy(lang, code.ptr, code.len);
        lang[code.len] = '\0';
        s += nl ? line + 1 : line;
        n -= nl ? line + 1 : line;
    }
    nf_stemmer *stemmer;
    if (nf_stemmer_new(lang, &stemmer) != NF_OK) {
        *err = "no stemmer for that language";
        return NF_ERR_UNSUPPORTED;
    }
    nf_token *t;
    size_t nt;
    nf_status st = nf_text_tokenize(a, s, n, &t, &nt);
    for (size_t i = 0; st == NF_OK && i < nt; i++) {
        if (t[i].kind != NF_TOK_WORD)
            continue;
        size_t fl, sl;
        const char *folded = nf_text_fold(a, s + t[i].start, t[i].len, &fl);
        const char *stem = nf_stemmer_stem(stemmer, folded, fl, &sl);
        put_escaped(out, s + t[i].start, t[i].len);
        nf_buf_putc(out, '\t');
        put_escaped(out, stem, sl);
        nf_buf_putc(out, '\n');
    }
    nf_stemmer_free(stemmer);
    if (st != NF_OK)
        *err = "cannot tokenise";
    return st;
}

/* ---- entities and quotes (src/facts) ---------------------------------------------------- */

/* The input read as clean article text (nf_extract_plain), then the facts extractors that
 * the stage needs: entities, and for quotes entities then quotes. */
static nf_status dump_ner(const char *stage, const char *input, size_t len, nf_buf *out,
                          const char **err)
{
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "spec";
    rec.data = input;
    rec.len = len;
    rec.kind = NF_KIND_TEXT;
    nf_doc *doc = NULL;
    nf_status st = nf_extract_plain(&rec, NULL, &doc);
    if (st == NF_ERR_EMPTY || st == NF_ERR_BINARY)
        return NF_OK; /* nothing to find */
    if (st != NF_OK) {
        *err = "cannot read the text";
        return st;
    }
    nf_facts f;
    memset(&f, 0, sizeof f);
    st = nf_facts_entities(doc, &f);
    if (st == NF_OK && !strcmp(stage, "quotes"))
        st = nf_facts_quotes(doc, &f);
    if (st != NF_OK) {
        *err = "facts extraction failed";
        nf_doc_free(doc);
        return st;
    }
    if (!strcmp(stage, "entities")) {
        for (size_t i = 0; i < f.n_entities; i++) {
            const nf_entity *e = &f.entities[i];
            put_escaped(out, e->name, strlen(e->name));
            nf_buf_printf(out, "\t%s\t", nf_entity_type_str(e->type));
            for (size_t k = 0; k < e->n_aliases; k++) {
                if (k)
                    nf_buf_putc(out, '|');
                put_escaped(out, e->aliases[k], strlen(e->aliases[k]));
            }
            nf_buf_printf(out, "\t%zu\n", e->n_mentions);
        }
    } else {
        for (size_t i = 0; i < f.n_quotes; i++) {
            const nf_quote *q = &f.quotes[i];
            const char *sp = q->speaker ? q->speaker : "-", *cue = q->cue ? q->cue : "-";
            put_escaped(out, sp, strlen(sp));
            nf_buf_printf(out, "\t%s\t", q->direct ? "direct" : "indirect");
            put_escaped(out, cue, strlen(cue));
            nf_buf_putc(out, '\t');
            put_escaped(out, q->text, strlen(q->text));
            nf_buf_putc(out, '\n');
        }
    }
    nf_doc_free(doc);
    return NF_OK;
}

/* ---- times and quantities (src/facts) -------------------------------------------------- */

/* Optional first lines "dct: YYYY-MM-DD" and "lang: xx" set the document date and language;
 * the rest is read as clean article text. Quantities run after times (dates are not
 * quantities). */
static nf_status dump_tq(const char *stage, const char *input, size_t len, nf_buf *out,
                         const char **err)
{
    char lang[8] = "";
    nf_date dct;
    memset(&dct, 0, sizeof dct);
    for (int h = 0; h < 2; h++) {
        bool is_dct = len >= 4 && !strncmp(input, "dct:", 4), is_lang = len >= 5 && !strncmp(input, "lang:", 5);
        if (!is_dct && !is_lang)
            break;
        const char *nl = memchr(input, '\n', len);
        size_t line = nl ? (size_t)(nl - input) : len;
        nf_slice v = nf_slice_trim((nf_slice){input + (is_dct ? 4 : 5), line - (is_dct ? 4 : 5)});
        if (is_dct && nf_date_parse_iso(v.ptr, v.len, &dct) != NF_OK) {
            *err = "bad \"dct:\" line (YYYY-MM-DD)";
            return NF_ERR_INVALID;
        }
        if (is_lang) {
            if (v.len == 0 || v.len >= sizeof lang) {
                *err = "bad \"lang:\" line";
                return NF_ERR_INVALID;
            }
            memcpy(lang, v.ptr, v.len);
            lang[v.len] = '\0';
        }
        input += nl ? line + 1 : line;
        len -= nl ? line + 1 : line;
    }
    /* times-at: the extents to normalise are marked [like this]; the marks are removed */
    bool at = !strcmp(stage, "times-at");
    char *plain = NULL;
    size_t *marks = NULL, nmarks = 0; /* [start, end) of each marked piece in plain */
    if (at) {
        plain = nf_xmalloc(len + 1);
        marks = nf_xcalloc(len + 2, sizeof *marks);
        size_t n = 0;
        for (size_t i = 0; i < len; i++) {
            if (input[i] == '[')
                marks[2 * nmarks] = n;
            else if (input[i] == ']')
                marks[2 * nmarks++ + 1] = n;
            else
                plain[n++] = input[i];
        }
        plain[n] = '\0';
        input = plain, len = n;
    }
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = "spec";
    rec.data = input;
    rec.len = len;
    rec.kind = NF_KIND_TEXT;
    nf_doc *doc = NULL;
    nf_status st = nf_extract_plain(&rec, NULL, &doc);
    if (st == NF_ERR_EMPTY || st == NF_ERR_BINARY || st != NF_OK) {
        free(plain);
        free(marks);
        if (st == NF_ERR_EMPTY || st == NF_ERR_BINARY)
            return NF_OK;
        *err = "cannot read the text";
        return st;
    }
    if (lang[0])
        snprintf(doc->lang, sizeof doc->lang, "%.3s", lang);
    nf_facts f;
    memset(&f, 0, sizeof f);
    if (at) {
        /* the marked pieces found again in the article text, in order (reading the text may
         * have normalised spaces before them) */
        size_t from = 0, ns = 0;
        for (size_t k = 0; k < nmarks; k++) {
            const char *piece = plain + marks[2 * k];
            size_t pl = marks[2 * k + 1] - marks[2 * k];
            for (size_t p = from; pl && p + pl <= doc->text_len; p++)
                if (!memcmp(doc->text + p, piece, pl)) {
                    marks[2 * ns] = p, marks[2 * ns++ + 1] = p + pl, from = p + pl;
                    break;
                }
        }
        st = nf_facts_times_at(doc, &dct, marks, ns, &f);
        free(plain);
        free(marks);
        stage = "times";
    } else
        st = nf_facts_times(doc, &dct, &f);
    bool sources = !strcmp(stage, "sources"); /* quantities with who claims them */
    if (st == NF_OK && sources)
        st = nf_facts_entities(doc, &f);
    if (st == NF_OK && sources)
        st = nf_facts_quotes(doc, &f);
    if (st == NF_OK && (sources || !strcmp(stage, "quantities")))
        st = nf_facts_quantities(doc, &f);
    if (st != NF_OK) {
        *err = "facts extraction failed";
        nf_doc_free(doc);
        return st;
    }
    static const char *const gran[] = {"none", "year", "month", "week", "day", "time"};
    if (!strcmp(stage, "times")) {
        for (size_t i = 0; i < f.n_times; i++) {
            const nf_timex *t = &f.times[i];
            put_escaped(out, t->text, strlen(t->text));
            nf_buf_printf(out, "\t%s\t%s", t->value ? t->value : "-", (unsigned)t->gran < 6 ? gran[t->gran] : "none");
            if (t->weekday_mismatch)
                nf_buf_printf(out, "\t%s", t->note ? t->note : "mismatch");
            if (t->anchor)
                nf_buf_printf(out, "\tanchor %s", t->anchor);
            nf_buf_putc(out, '\n');
        }
    } else if (sources) {
        for (size_t i = 0; i < f.n_quantities; i++) {
            const nf_quantity *q = &f.quantities[i];
            const char *by = q->attributed_to ? q->attributed_to : "-";
            put_escaped(out, q->text, strlen(q->text));
            nf_buf_putc(out, '\t');
            put_escaped(out, by, strlen(by));
            nf_buf_putc(out, '\n');
        }
    } else {
        for (size_t i = 0; i < f.n_quantities; i++) {
            const nf_quantity *q = &f.quantities[i];
            char v[64], vm[64];
            for (int k = 0; k < 2; k++) {
                double x = k ? q->value_max : q->value;
                char *b = k ? vm : v;
                if (x == (double)(long long)x && x < 1e15 && x > -1e15)
                    snprintf(b, 64, "%lld", (long long)x);
                else {
                    snprintf(b, 64, "%.6f", x);
                    size_t n = strlen(b);
                    while (n > 0 && b[n - 1] == '0')
                        b[--n] = '\0';
                    if (n > 0 && b[n - 1] == '.')
                        b[--n] = '\0';
                }
            }
            put_escaped(out, q->text, strlen(q->text));
            nf_buf_printf(out, "\t%s", v);
            if (q->value_max != q->value)
                nf_buf_printf(out, "..%s", vm);
            const char *fields[] = {q->unit && q->unit[0] ? q->unit : "-", q->qualifier ? q->qualifier : "-",
                                    q->direction ? q->direction : "-", q->subject ? q->subject : "-"};
            for (int k = 0; k < 4; k++) {
                nf_buf_putc(out, '\t');
                put_escaped(out, fields[k], strlen(fields[k]));
            }
            nf_buf_putc(out, '\n');
        }
    }
    nf_doc_free(doc);
    return NF_OK;
}

const char *nf_dump_stages(void) { return "tokens sentences language stem extract entities quotes times times-at quantities sources"; }

nf_status nf_dump(const char *stage, const char *input, size_t len, nf_buf *out, const char **err)
{
    const char *unused;
    if (!err)
        err = &unused;
    *err = NULL;
    if (strcmp(stage, "extract") == 0)
        return nf__dump_extract(input, len, out, err);
    if (!strcmp(stage, "entities") || !strcmp(stage, "quotes"))
        return dump_ner(stage, input, len, out, err);
    if (!strcmp(stage, "times") || !strcmp(stage, "times-at") || !strcmp(stage, "quantities") ||
        !strcmp(stage, "sources"))
        return dump_tq(stage, input, len, out, err);
    bool known = !strcmp(stage, "tokens") || !strcmp(stage, "sentences") ||
                 !strcmp(stage, "language") || !strcmp(stage, "stem");
    if (!known) {
        *err = "unknown stage (tokens, sentences, language, stem, extract, entities, quotes, times, times-at, quantities, sources)";
        return NF_ERR_INVALID;
    }
    nf_arena *a = nf_arena_new();
    const char *s;
    size_t n;
    nf_status st = nf_text_normalize(a, input, len, &s, &n, NULL);
    if (st == NF_OK) {
        if (!strcmp(stage, "tokens"))
            st = dump_tokens(a, s, n, out, err);
        else if (!strcmp(stage, "sentences"))
            st = dump_sentences(a, s, n, out, err);
        else if (!strcmp(stage, "language"))
            st = dump_language(s, n, out, err);
        else
            st = dump_stem(a, s, n, out, err);
    } else {
        *err = "cannot normalise";
    }
    nf_arena_free(a);
    return st;
}

/* ---- extract hook ---------------------------------------------------------------------- */

/* Default until the extractor's dump (tools/newsfuse/dump_extract.c) is linked in. */
__attribute__((weak)) nf_status nf__dump_extract(const char *input, size_t len, nf_buf *out,
                                                 const char **err)
{
    (void)input;
    (void)len;
    (void)out;
    *err = "the extract stage is not linked into this program";
    return NF_ERR_UNSUPPORTED;
}
