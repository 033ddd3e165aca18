/* The text-dump reader: a page saved as plain text (select-all + copy, "save as text",
 * scraper text) becomes blocks, one per line, with hard-wrapped lines of one paragraph
 * joined. nf__classify_blocks then tells body from chrome. */
#include <string.h>

#include "blocks.h"
#include "newsfuse/extract.h"
#include "newsfuse/text.h"

/* True when the line ends a paragraph by its look: sentence punctuation, a closing quote
 * or bracket, or a colon. */
static bool ends_closed(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n)
        return true;
    unsigned char c = (unsigned char)s[n - 1];
    if (strchr(".!?:;\")]'", c))
        return true;
    /* ” ’ » … (UTF-8 E2 80 9D / 99 / A6, C2 BB) */
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        (c == 0x9D || c == 0x99 || c == 0xA6))
        return true;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB)
        return true;
    return false;
}

static bool starts_lower(const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp = nf_utf8_next(s, n, &i);
    return nf_cp_is_lower(cp);
}

nf_status nf_extract_text(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out)
{
    if (nf_text_is_binary(rec->data, rec->len))
        return NF_ERR_BINARY;
    /* a page saved in a legacy single-byte charset (more invalid UTF-8 bytes than valid
     * multi-byte sequences) is read as windows-1252, not turned into U+FFFD */
    size_t bad, multi, nul;
    nf__utf8_scan((const unsigned char *)rec->data, rec->len, &bad, &multi, &nul);
    nf_buf conv;
    nf_buf_init(&conv);
    nf_record legacy;
    if (bad > multi) {
        nf__cp1252_decode((const unsigned char *)rec->data, rec->len, &conv);
        legacy = *rec;
        legacy.data = conv.data;
        legacy.len = conv.len;
        rec = &legacy;
    }
    nf_doc *doc = nf__doc_from_text_record(rec);
    nf_buf_free(&conv); /* the doc holds its own normalised copy */

    const char *s = doc->norm;
    size_t len = doc->norm_len;
    NF_VEC(nf__block) blocks = {0};
    nf__block *cur = NULL;
    bool blank_before = true;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        nf_slice line = nf_slice_trim((nf_slice){s + i, e - i});
        if (line.len == 0) {
            blank_before = true;
            cur = NULL;
        } else {
            size_t ls = (size_t)(line.ptr - s);
            /* join a hard-wrapped continuation: previous line long and open, this one
             * starting in lower case */
            if (cur && !blank_before && cur->src_end - cur->src_start >= 40 &&
                !ends_closed(s + cur->src_start, cur->src_end - cur->src_start) &&
                starts_lower(line.ptr, line.len)) {
                cur->src_end = ls + line.len;
                cur->line_count++;
            } else {
                nf__block b;
                memset(&b, 0, sizeof b);
                b.src_start = ls;
                b.src_end = ls + line.len;
                b.line_count = 1;
                b.para_break_before = blank_before;
                nf_vec_push(&blocks, b);
                cur = &blocks.items[blocks.len - 1];
            }
            blank_before = false;
        }
        i = e + 1;
    }
    /* block text: lines joined with a single space (scratch: classification copies what the
     * document keeps) */
    nf_arena *ba = nf_arena_new();
    for (size_t k = 0; k < blocks.len; k++) {
        nf__block *b = &blocks.items[k];
        size_t n = b->src_end - b->src_start;
        char *t = nf_arena_alloc(ba, n + 1);
        size_t o = 0;
        bool sp = false;
        for (size_t j = b->src_start; j < b->src_end; j++) {
            char c = s[j];
            if (c == '\n' || c == '\t' || c == ' ') {
                sp = true;
                continue;
            }
            if (sp && o)
                t[o++] = ' ';
            sp = false;
            t[o++] = c;
        }
        t[o] = '\0';
        b->text = t;
        b->len = o;
    }
    if (blocks.len == 0) {
        nf_arena_free(ba);
        nf_vec_free(&blocks);
        nf_doc_free(doc);
        return NF_ERR_EMPTY;
    }
    nf__meta meta;
    memset(&meta, 0, sizeof meta);
    nf__meta_from_record(&meta, rec);
    nf_status st = nf__classify_blocks(doc, blocks.items, blocks.len, &meta,
                                       opts ? opts->dct : NULL);
    nf_vec_free(&blocks);
    nf_arena_free(ba);
    if (st != NF_OK) {
        nf_doc_free(doc);
        return st;
    }
    *out = doc;
    return NF_OK;
}
