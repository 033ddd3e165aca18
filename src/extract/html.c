/* HTML reader: raw HTML bytes -> blocks and page metadata -> nf__classify_blocks.
 *
 * Input: one nf_record of any bytes. Output: a new nf_doc (kind NF_KIND_HTML) whose norm is
 * the page's block texts, each normalised, joined by "\n\n"; nf__classify_blocks fills the
 * rest. Three linear passes:
 *
 *   1. Bytes -> clean UTF-8. Byte order mark, else the HTTP header's charset (rec->charset,
 *      from WARC ingest), else a declared charset (<meta charset>,
 *      http-equiv Content-Type, <?xml encoding?>) in the first 4 KB, else UTF-8 - or
 *      windows-1252 when invalid sequences outnumber valid multi-byte ones. We convert
 *      ourselves (a table for windows-1252/latin-1, iconv for the rest) instead of handing
 *      the label to libxml2: libxml2 2.9 stops the parse at the first byte iconv rejects and
 *      silently switches a "UTF-8" page to latin-1 at its first invalid byte. Here every
 *      invalid byte becomes U+FFFD (counted in doc->invalid_bytes) and NUL bytes are dropped,
 *      so libxml2 only ever sees valid UTF-8 and is told to ignore in-page declarations.
 *      A page labelled legacy that is valid, non-ASCII UTF-8 is read as UTF-8. Start tags
 *      with more than MAX_ATTRS attributes are cut (libxml2 2.9 is quadratic in them).
 *   2. libxml2's HTML tokenizer through SAX callbacks; no tree is built. An explicit frame
 *      stack carries what descendants inherit (skipped, in article, quote, link, hint). Text
 *      is white-space collapsed into the current segment, which becomes a block at every
 *      block-level boundary (and at <br> outside paragraphs). Nesting deeper than MAX_DEPTH
 *      stops the parse and keeps what came before: a page that deep is broken, and the cap
 *      bounds libxml2's own scans of its element stack (linear in depth per end tag) - the
 *      same limit libxml2 applies when it builds a tree without HTML_PARSE_HUGE. Hints
 *      (nav, footer, class "ad"...) are settled when their element ends: one that turns out
 *      to hold too much prose ("Page-ad-margins" around the whole article) is taken back.
 *      Elements that pages hide (the hidden attribute, display:none, framework classes
 *      such as "sr-only", the card of a hover widget) are skipped. Every block element also
 *      gets a row in a table for the DOM scorer (nf__dnode: parent, kind, class/id weight
 *      from a general vocabulary, an article-body mark, its hint, its block range); each
 *      block names its innermost element.
 *   3. Metadata (<title>, OpenGraph, <meta>, <link rel=canonical>, rel=author, <time>,
 *      JSON-LD via jansson, <html lang>) is reconciled with the precedence
 *      JSON-LD > OpenGraph > <h1> > <title> (a site name around the headline is cut off),
 *      doc->norm is assembled, the DOM scorer (dom_score.c) marks the main content, and the
 *      classifier runs.
 *
 * Memory: libxml2 holds one copy of the input, we hold a converted one only when the bytes
 * were not clean UTF-8. Block texts and metadata live in the doc arena; the block and
 * element arrays and the segment buffer are heap scratch freed before returning. */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "extract/blocks.h"
#include "newsfuse/extract.h"
#include "newsfuse/text.h"

#define MAX_DEPTH 256          /* element nesting kept; deeper stops the parse */
#define MAX_BLOCKS 200000      /* blocks kept; more stops the parse */
#define MAX_NODES (1u << 20)   /* block elements the scorer sees; later ones count as their
                                  parent */
#define SNIFF_BYTES 4096       /* where a charset declaration is looked for */
#define ATTR_SCAN 256          /* bytes of class/id/style looked at */
#define MAX_ATTRS 128          /* attributes kept per start tag */
#define ATTR_MEMO 256          /* class/id values remembered per page (a power of two) */
#define META_CAP 2048          /* bytes kept of one metadata value */
#define LD_CAP (4u << 20)      /* bytes of one JSON-LD script parsed */
#define LD_MAX_NESTING 64      /* deeper JSON-LD is skipped (jansson recurses) */

/* ======================================================================================
 * 1. Charset and conversion to clean UTF-8
 * ====================================================================================== */

typedef enum { CS_NONE, CS_UTF8, CS_CP1252, CS_ICONV } cs_kind;

static const char fffd[3] = {'\xEF', '\xBF', '\xBD'};

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static bool is_ws(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* True when s[0..n) starts with the lower-case ASCII literal lit, ignoring case. */
static bool istarts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

static bool ieq(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && istarts(s, n, lit);
}

/* Length of the valid UTF-8 sequence at s[0..n) (RFC 3629: no overlongs, surrogates or
 * code points above U+10FFFF), 0 when s[0] does not start one. s[0] >= 0x80. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    if (b < 0xC2 || b > 0xF4)
        return 0;
    if (b < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (b < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((b == 0xE0 && s[1] < 0xA0) || (b == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    if ((b == 0xF0 && s[1] < 0x90) || (b == 0xF4 && s[1] >= 0x90))
        return 0;
    return 4;
}

/* Counts invalid bytes, valid multi-byte sequences and NUL bytes in s[0..n). */
void nf__utf8_scan(const unsigned char *s, size_t n, size_t *bad, size_t *multi, size_t *nul)
{
    size_t b = 0, m = 0, z = 0, i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(s + i, n - i);
            if (k) {
                m++;
                i += k;
            } else {
                b++;
                i++;
            }
            continue;
        }
        z += c == 0;
        i++;
    }
    *bad = b;
    *multi = m;
    *nul = z;
}

/* Appends s[0..n) to out with each invalid byte replaced by U+FFFD and NULs dropped;
 * returns the number of bytes replaced. */
static size_t utf8_repair(const unsigned char *s, size_t n, nf_buf *out)
{
    size_t bad = 0, i = 0, run = 0;
    nf_buf_reserve(out, n + n / 4 + 16);
    while (i < n) {
        unsigned char c = s[i];
        size_t k = 1;
        if (c > 0 && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = utf8_seq(s + i, n - i)) > 0) {
            i += k;
            continue;
        }
        nf_buf_append(out, (const char *)s + run, i - run);
        if (c) {
            nf_buf_append(out, fffd, 3);
            bad++;
        }
        run = ++i;
    }
    nf_buf_append(out, (const char *)s + run, n - run);
    return bad;
}

/* windows-1252 0x80..0x9F; the five holes map to the C1 code point, as the WHATWG
 * Encoding standard does. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Decodes windows-1252 (and so latin-1 and ASCII) into out; NUL bytes are kept. */
void nf__cp1252_decode(const unsigned char *s, size_t n, nf_buf *out)
{
    nf_buf_reserve(out, n * 3);
    char *o = out->data + out->len;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0x80) {
            *o++ = (char)c;
            continue;
        }
        if (c < 0xA0)
            c = cp1252_hi[c - 0x80];
        if (c < 0x800) {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (char)(0xE0 | (c >> 12));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

/* Converts s[0..n) from the iconv encoding `name` into out, replacing every byte iconv
 * rejects by U+FFFD (counted in *bad). Returns false when iconv does not know the name. */
static bool iconv_decode(const char *name, const char *s, size_t n, nf_buf *out, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    char *in = (char *)s, *o;
    size_t left = n, room;
    nf_buf_reserve(out, n + n / 2 + 64);
    while (left) {
        o = out->data + out->len;
        room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        int err = errno;
        out->len = (size_t)(o - out->data);
        if (r != (size_t)-1)
            break;
        if (err == E2BIG) {
            nf_buf_reserve(out, left * 2 + 64);
        } else if (err == EILSEQ || err == EINVAL) {
            nf_buf_append(out, fffd, 3);
            (*bad)++;
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else {
            break;
        }
    }
    nf_buf_reserve(out, 64); /* the shift state of stateful encodings (ISO-2022-JP) */
    o = out->data + out->len;
    room = out->cap - out->len - 1;
    iconv(cd, NULL, NULL, &o, &room);
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    iconv_close(cd);
    return true;
}

/* Maps a charset label to how we decode it; *iconv_name gets the iconv name for CS_ICONV.
 * Follows the WHATWG Encoding standard where it differs from iconv: latin-1 and ASCII are
 * windows-1252, a declared UTF-16 in an ASCII-compatible page means UTF-8, gb2312 is GBK. */
static cs_kind charset_kind(nf_slice label, char *iconv_name, size_t cap)
{
    static const struct {
        const char *label;
        cs_kind kind;
        const char *iconv;
    } map[] = {
        {"utf-8", CS_UTF8, NULL},         {"utf8", CS_UTF8, NULL},
        {"unicode-1-1-utf-8", CS_UTF8, NULL}, {"utf-16", CS_UTF8, NULL},
        {"utf-16le", CS_UTF8, NULL},      {"utf-16be", CS_UTF8, NULL},
        {"unicode", CS_UTF8, NULL},       {"iso-8859-1", CS_CP1252, NULL},
        {"iso8859-1", CS_CP1252, NULL},   {"iso_8859-1", CS_CP1252, NULL},
        {"latin1", CS_CP1252, NULL},      {"latin-1", CS_CP1252, NULL},
        {"l1", CS_CP1252, NULL},          {"us-ascii", CS_CP1252, NULL},
        {"ascii", CS_CP1252, NULL},       {"windows-1252", CS_CP1252, NULL},
        {"cp1252", CS_CP1252, NULL},      {"x-cp1252", CS_CP1252, NULL},
        {"cp819", CS_CP1252, NULL},       {"x-user-defined", CS_CP1252, NULL},
        {"gb2312", CS_ICONV, "GBK"},      {"gb_2312", CS_ICONV, "GBK"},
        {"x-gbk", CS_ICONV, "GBK"},       {"chinese", CS_ICONV, "GBK"},
        {"shift_jis", CS_ICONV, "CP932"}, {"shift-jis", CS_ICONV, "CP932"},
        {"sjis", CS_ICONV, "CP932"},      {"x-sjis", CS_ICONV, "CP932"},
        {"windows-31j", CS_ICONV, "CP932"}, {"euc-kr", CS_ICONV, "CP949"},
        {"ks_c_5601-1987", CS_ICONV, "CP949"}, {"iso-8859-9", CS_ICONV, "WINDOWS-1254"},
        {"latin5", CS_ICONV, "WINDOWS-1254"}, {"tis-620", CS_ICONV, "WINDOWS-874"},
        {"iso-8859-11", CS_ICONV, "WINDOWS-874"}, {"big5", CS_ICONV, "BIG5-HKSCS"},
    };
    nf_slice t = nf_slice_trim(label);
    while (t.len && (t.ptr[0] == '"' || t.ptr[0] == '\''))
        t.ptr++, t.len--;
    while (t.len && (t.ptr[t.len - 1] == '"' || t.ptr[t.len - 1] == '\''))
        t.len--;
    if (t.len == 0 || t.len >= cap)
        return CS_NONE;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (ieq(t.ptr, t.len, map[i].label)) {
            if (map[i].iconv)
                snprintf(iconv_name, cap, "%s", map[i].iconv);
            return map[i].kind;
        }
    for (size_t i = 0; i < t.len; i++) {
        unsigned char c = (unsigned char)t.ptr[i];
        if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_' && c != '.' && c != ':')
            return CS_NONE;
        iconv_name[i] = (char)(is_lower(c) ? c - 32 : c);
    }
    iconv_name[t.len] = '\0';
    iconv_t cd = iconv_open("UTF-8", iconv_name);
    if (cd == (iconv_t)-1)
        return CS_NONE; /* a label iconv does not know: as if none were declared */
    iconv_close(cd);
    return CS_ICONV;
}

/* The charset a Content-Type value names ("text/html; charset=utf-8"), empty if none. */
static nf_slice charset_from_content(nf_slice v)
{
    for (size_t i = 0; i + 7 <= v.len; i++) {
        if (!istarts(v.ptr + i, v.len - i, "charset"))
            continue;
        size_t j = i + 7;
        while (j < v.len && is_ws((unsigned char)v.ptr[j]))
            j++;
        if (j >= v.len || v.ptr[j] != '=')
            continue;
        j++;
        while (j < v.len && (is_ws((unsigned char)v.ptr[j]) || v.ptr[j] == '"' || v.ptr[j] == '\''))
            j++;
        size_t k = j;
        while (k < v.len && !is_ws((unsigned char)v.ptr[k]) && v.ptr[k] != ';' && v.ptr[k] != '"' &&
               v.ptr[k] != '\'')
            k++;
        return (nf_slice){v.ptr + j, k - j};
    }
    return (nf_slice){NULL, 0};
}

/* Reads one attribute of a tag being prescanned at s[*i..n): name into *name, value into
 * *val (may be empty). Returns false at '>' or the end. */
static bool prescan_attr(const char *s, size_t n, size_t *i, nf_slice *name, nf_slice *val)
{
    size_t j = *i;
    while (j < n && (is_ws((unsigned char)s[j]) || s[j] == '/'))
        j++;
    if (j >= n || s[j] == '>')
        return false;
    size_t k = j;
    while (k < n && !is_ws((unsigned char)s[k]) && s[k] != '=' && s[k] != '>' && s[k] != '/')
        k++;
    if (k == j)
        k++; /* a stray quote or '=': skip it */
    *name = (nf_slice){s + j, k - j};
    *val = (nf_slice){s + k, 0};
    while (k < n && is_ws((unsigned char)s[k]))
        k++;
    if (k < n && s[k] == '=') {
        k++;
        while (k < n && is_ws((unsigned char)s[k]))
            k++;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
            char q = s[k++];
            size_t e = k;
            while (e < n && s[e] != q)
                e++;
            *val = (nf_slice){s + k, e - k};
            k = e < n ? e + 1 : e;
        } else {
            size_t e = k;
            while (e < n && !is_ws((unsigned char)s[e]) && s[e] != '>')
                e++;
            *val = (nf_slice){s + k, e - k};
            k = e;
        }
    }
    *i = k;
    return true;
}

/* Finds a declared charset in the first SNIFF_BYTES of s: <?xml encoding?>, <meta charset>,
 * <meta http-equiv=content-type content="...; charset=...">; comments are skipped. */
static nf_slice sniff_declared(const char *s, size_t n)
{
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    nf_slice none = {NULL, 0}, name, val;
    if (istarts(s, n, "<?xml")) {
        size_t i = 5;
        while (prescan_attr(s, n, &i, &name, &val))
            if (ieq(name.ptr, name.len, "encoding"))
                return val;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        if (istarts(s + i, n - i, "<!--")) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
            if (!e)
                return none;
            i = (size_t)(e - s) + 2;
            continue;
        }
        if (!istarts(s + i, n - i, "<meta") || i + 5 >= n ||
            !(is_ws((unsigned char)s[i + 5]) || s[i + 5] == '/'))
            continue;
        size_t j = i + 5;
        bool pragma = false;
        nf_slice charset = none, content = none;
        while (prescan_attr(s, n, &j, &name, &val)) {
            if (ieq(name.ptr, name.len, "charset"))
                charset = val;
            else if (ieq(name.ptr, name.len, "http-equiv"))
                pragma = ieq(val.ptr, val.len, "content-type");
            else if (ieq(name.ptr, name.len, "content"))
                content = val;
        }
        if (charset.len)
            return charset;
        if (pragma && content.len) {
            nf_slice c = charset_from_content(content);
            if (c.len)
                return c;
        }
        i = j;
    }
    return none;
}

typedef struct {
    const char *data; /* clean UTF-8 for libxml2 */
    size_t len;
    nf_buf owned;     /* storage when data is not the record's bytes */
    size_t invalid;   /* bytes replaced by U+FFFD */
} utf8_input;

/* Makes `in` clean UTF-8 (see the file comment). http_charset: the charset an HTTP header
 * stated (may be NULL); it ranks between a byte order mark and the page's own declaration.
 * Returns NF_ERR_BINARY for binary junk. */
static nf_status to_utf8(const char *raw, size_t len, const char *http_charset, utf8_input *in)
{
    const unsigned char *s = (const unsigned char *)raw;
    nf_buf conv;
    nf_buf_init(&conv);
    nf_buf_init(&in->owned);
    in->invalid = 0;
    char iconv_name[48] = "";
    cs_kind kind = CS_NONE;
    bool declared = false, utf16 = false;

    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        raw += 3, s += 3, len -= 3;
        kind = CS_UTF8;
    } else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        snprintf(iconv_name, sizeof iconv_name, "%s", s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
        raw += 2, s += 2, len -= 2;
        kind = CS_ICONV;
        declared = utf16 = true;
    } else {
        if (http_charset && *http_charset)
            kind = charset_kind(nf_slice_from(http_charset), iconv_name, sizeof iconv_name);
        if (kind == CS_NONE) {
            nf_slice label = sniff_declared(raw, len);
            if (label.len)
                kind = charset_kind(label, iconv_name, sizeof iconv_name);
        }
        declared = kind == CS_CP1252 || kind == CS_ICONV;
    }

    size_t bad = 0, multi = 0, nul = 0;
    if (!utf16) {
        nf__utf8_scan(s, len, &bad, &multi, &nul);
        if (declared && bad == 0 && multi > 0) /* labelled legacy, but it is UTF-8 */
            declared = false, kind = CS_UTF8;
    }
    if (!declared) {
        if (nf_text_is_binary(raw, len))
            return NF_ERR_BINARY;
        if (kind == CS_NONE && bad > 0 && bad >= multi) {
            kind = CS_CP1252;
        } else if (bad == 0 && nul == 0) {
            in->data = raw; /* already clean: no copy of ours */
            in->len = len;
            return NF_OK;
        } else {
            in->invalid = utf8_repair(s, len, &in->owned);
            in->data = in->owned.data;
            in->len = in->owned.len;
            return NF_OK;
        }
    }

    size_t conv_bad = 0;
    if (kind == CS_ICONV && !iconv_decode(iconv_name, raw, len, &conv, &conv_bad))
        kind = CS_CP1252; /* iconv lost the name since charset_kind() checked it */
    if (kind == CS_CP1252)
        nf__cp1252_decode(s, len, &conv);
    if (declared && nf_text_is_binary(conv.data ? conv.data : "", conv.len)) {
        nf_buf_free(&conv);
        return NF_ERR_BINARY;
    }
    in->invalid = conv_bad;
    if (conv.data && !memchr(conv.data, '\0', conv.len)) {
        in->owned = conv; /* decoders emit valid UTF-8: only NULs need another pass */
    } else {
        in->invalid += utf8_repair((const unsigned char *)(conv.data ? conv.data : ""), conv.len,
                                   &in->owned);
        nf_buf_free(&conv);
    }
    in->data = in->owned.data;
    in->len = in->owned.len;
    return NF_OK;
}

/* The end of the tag whose attributes start at s[i]: the index of its '>' (or n). Counts
 * attributes into *count; *cut gets where attribute MAX_ATTRS + 1 starts (0 if none). */
static size_t scan_attributes(const char *s, size_t n, size_t i, size_t *count, size_t *cut)
{
    *count = *cut = 0;
    for (;;) {
        while (i < n && (is_ws((unsigned char)s[i]) || s[i] == '/'))
            i++;
        if (i >= n || s[i] == '>')
            return i;
        if (++*count == MAX_ATTRS + 1)
            *cut = i;
        while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '=' && s[i] != '>')
            i++;
        while (i < n && is_ws((unsigned char)s[i]))
            i++;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_ws((unsigned char)s[i]))
                i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                const char *e = memchr(s + i + 1, s[i], n - i - 1);
                i = e ? (size_t)(e - s) + 1 : n;
            } else {
                while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>')
                    i++;
            }
        }
    }
}

/* Blanks (with spaces) every attribute after the first MAX_ATTRS of a start tag. libxml2
 * 2.9 checks each attribute of a tag against all earlier ones, so one tag with 150,000
 * attributes (1.4 MB) costs minutes; no real page comes near the limit. Comments and
 * script/style contents are skipped as libxml2 skips them. */
static void tame_attributes(utf8_input *in)
{
    const char *s = in->data;
    size_t n = in->len, i = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (istarts(s + i, n - i, "!--")) {
            const char *e = memmem(s + i + 3, n - i - 3, "-->", 3);
            i = e ? (size_t)(e - s) + 3 : n;
            continue;
        }
        if (i >= n || !is_alpha((unsigned char)s[i]))
            continue;
        size_t name = i;
        while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>' && s[i] != '/')
            i++;
        const char *raw = ieq(s + name, i - name, "script") ? "script"
                          : ieq(s + name, i - name, "style")  ? "style"
                                                              : NULL;
        size_t count, cut;
        i = scan_attributes(s, n, i, &count, &cut);
        if (cut) {
            if (s != in->owned.data) {
                nf_buf_append(&in->owned, s, n);
                s = in->data = in->owned.data;
            }
            memset(in->owned.data + cut, ' ', i - cut);
        }
        while (raw && i < n) { /* to the matching end tag */
            const char *e = memmem(s + i, n - i, "</", 2);
            i = e ? (size_t)(e - s) + 2 : n;
            if (e && istarts(s + i, n - i, raw))
                break;
        }
    }
}

/* ======================================================================================
 * 2. The walker: SAX events -> blocks
 * ====================================================================================== */

enum { /* element table flags */
    TF_BLOCK = 1 << 0,   /* a block boundary: its text is its own block */
    TF_SKIP = 1 << 1,    /* text inside is never body text */
    TF_BRSPACE = 1 << 2, /* a single <br> inside is a space (paragraph-like) */
    TF_NOMETA = 1 << 3,  /* metadata inside is not the page's (svg <title>, <template>) */
};

typedef enum {
    TAG_OTHER, TAG_A, TAG_ARTICLE, TAG_ASIDE, TAG_BLOCKQUOTE, TAG_BODY, TAG_BR, TAG_FIGCAPTION,
    TAG_FOOTER, TAG_HEAD, TAG_HEADER, TAG_HTML, TAG_LI, TAG_LINK, TAG_MAIN, TAG_META, TAG_NAV,
    TAG_SCRIPT, TAG_TIME, TAG_TITLE, TAG_GENERIC_BLOCK
} tag_id;

typedef struct {
    const char *name;
    uint8_t id;      /* tag_id */
    uint8_t flags;   /* TF_* */
    uint8_t heading; /* 1..6 for h1..h6 */
} tag_info;

/* Sorted by name (bsearch). Elements absent from the table are inline. */
#define BLK(n) {n, TAG_GENERIC_BLOCK, TF_BLOCK, 0}
#define PAR(n, h) {n, TAG_GENERIC_BLOCK, TF_BLOCK | TF_BRSPACE, h}
#define SKIP(n, f) {n, TAG_OTHER, TF_SKIP | (f), 0}
static const tag_info tags[] = {
    {"a", TAG_A, 0, 0}, BLK("address"), SKIP("applet", TF_NOMETA),
    {"article", TAG_ARTICLE, TF_BLOCK, 0}, {"aside", TAG_ASIDE, TF_BLOCK, 0}, SKIP("audio", 0),
    {"blockquote", TAG_BLOCKQUOTE, TF_BLOCK, 0}, {"body", TAG_BODY, TF_BLOCK, 0},
    {"br", TAG_BR, 0, 0}, SKIP("button", 0), SKIP("canvas", 0), PAR("caption", 0),
    BLK("center"), SKIP("datalist", 0), PAR("dd", 0), BLK("details"), BLK("dialog"), BLK("dir"),
    BLK("div"), BLK("dl"), PAR("dt", 0), SKIP("embed", TF_NOMETA), BLK("fieldset"),
    {"figcaption", TAG_FIGCAPTION, TF_BLOCK | TF_BRSPACE, 0}, BLK("figure"),
    {"footer", TAG_FOOTER, TF_BLOCK, 0}, BLK("form"), SKIP("frameset", TF_NOMETA),
    PAR("h1", 1), PAR("h2", 2), PAR("h3", 3), PAR("h4", 4), PAR("h5", 5), PAR("h6", 6),
    {"head", TAG_HEAD, TF_BLOCK | TF_SKIP, 0}, {"header", TAG_HEADER, TF_BLOCK, 0},
    BLK("hgroup"), BLK("hr"), {"html", TAG_HTML, TF_BLOCK, 0}, SKIP("iframe", TF_NOMETA),
    SKIP("input", 0), PAR("legend", 0), {"li", TAG_LI, TF_BLOCK | TF_BRSPACE, 0},
    {"link", TAG_LINK, 0, 0}, {"main", TAG_MAIN, TF_BLOCK, 0}, SKIP("math", TF_NOMETA),
    BLK("menu"), {"meta", TAG_META, 0, 0}, {"nav", TAG_NAV, TF_BLOCK, 0},
    SKIP("noembed", TF_NOMETA), SKIP("noframes", TF_NOMETA), SKIP("noscript", TF_NOMETA),
    SKIP("object", TF_NOMETA), BLK("ol"), SKIP("optgroup", 0), SKIP("option", 0), PAR("p", 0),
    BLK("pre"), {"script", TAG_SCRIPT, TF_SKIP, 0}, BLK("section"), SKIP("select", 0),
    SKIP("style", 0), PAR("summary", 0), SKIP("svg", TF_NOMETA), BLK("table"), BLK("tbody"),
    BLK("td"), SKIP("template", TF_NOMETA), SKIP("textarea", 0), BLK("tfoot"), BLK("th"),
    BLK("thead"), {"time", TAG_TIME, 0, 0}, {"title", TAG_TITLE, TF_SKIP, 0}, BLK("tr"),
    BLK("ul"), SKIP("video", 0),
};
#undef BLK
#undef PAR
#undef SKIP

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const tag_info *)elem)->name);
}

static const tag_info *tag_find(const char *name)
{
    static const tag_info inline_tag = {"", TAG_OTHER, 0, 0};
    const tag_info *t = bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
    return t ? t : &inline_tag;
}

/* ---- class / id tokens ----------------------------------------------------------------- */

#define CONTAINER ((nf_reason)-1) /* a key that marks an article-body container */

typedef struct {
    const char *key; /* one lower-case token, or two joined by '-' */
    nf_reason reason;
    const char *detail;
} token_rule;

/* Sorted by key (bsearch). Tokens come from class and id values split on white space,
 * '-', '_', ':', '.', camelCase and letter/digit changes, so "ad" matches "ad-slot",
 * "adSlot" and "ad300", never "head" or "shadow". */
#define R(k, r) {k, NF_REASON_##r, "class/id: " k}
#define BODY(k) {k, CONTAINER, NULL}
static const token_rule token_rules[] = {
    R("ad", ADVERTISEMENT), R("ads", ADVERTISEMENT), R("adsbygoogle", ADVERTISEMENT),
    R("adsense", ADVERTISEMENT), R("adslot", ADVERTISEMENT), R("adunit", ADVERTISEMENT),
    R("advert", ADVERTISEMENT), R("advertisement", ADVERTISEMENT),
    R("advertising", ADVERTISEMENT), R("adverts", ADVERTISEMENT), R("also-read", RELATED_LINKS),
    BODY("article-body"), BODY("article-content"), BODY("article-text"), BODY("articlebody"),
    R("author", BYLINE), R("authors", BYLINE), R("breadcrumb", NAVIGATION),
    R("breadcrumbs", NAVIGATION), R("byline", BYLINE), R("bylines", BYLINE),
    R("caption", CAPTION), {"comment", NF_REASON_OTHER, "comments"},
    {"commentlist", NF_REASON_OTHER, "comments"}, {"comments", NF_REASON_OTHER, "comments"},
    R("consent", COOKIE_NOTICE), R("cookie", COOKIE_NOTICE), R("cookiebot", COOKIE_NOTICE),
    R("cookies", COOKIE_NOTICE), R("copyright", SITE_CHROME), R("credit", CAPTION),
    R("credits", CAPTION), R("date", DATELINE), R("dateline", DATELINE), R("dfp", ADVERTISEMENT),
    {"disqus", NF_REASON_OTHER, "comments"}, R("embed", SOCIAL_EMBED), BODY("entry-content"),
    R("fb-post", SOCIAL_EMBED), R("footer", SITE_CHROME), R("gdpr", COOKIE_NOTICE),
    R("instagram-media", SOCIAL_EMBED), R("masthead", SITE_CHROME), R("menu", NAVIGATION),
    R("more-stories", RELATED_LINKS), R("most-popular", RELATED_LINKS),
    R("most-read", RELATED_LINKS), R("nav", NAVIGATION), R("navbar", NAVIGATION),
    R("navigation", NAVIGATION), R("newsletter", SITE_CHROME), R("oembed", SOCIAL_EMBED),
    R("onetrust", COOKIE_NOTICE), R("outbrain", ADVERTISEMENT), R("pagination", NAVIGATION),
    BODY("post-body"), BODY("post-content"), R("posted-on", DATELINE), R("promo", ADVERTISEMENT),
    R("promoted", ADVERTISEMENT), R("promos", ADVERTISEMENT), R("pubdate", DATELINE),
    R("read-more", RELATED_LINKS), R("readmore", RELATED_LINKS),
    R("recommendations", RELATED_LINKS), R("recommended", RELATED_LINKS),
    R("related", RELATED_LINKS), R("share", SITE_CHROME), R("sharing", SITE_CHROME),
    R("signup", SITE_CHROME), R("social-bar", SITE_CHROME), R("social-buttons", SITE_CHROME),
    R("social-follow", SITE_CHROME), R("social-icons", SITE_CHROME),
    R("social-links", SITE_CHROME), R("social-media", SITE_CHROME), R("sponsor", ADVERTISEMENT),
    R("sponsored", ADVERTISEMENT), R("sponsors", ADVERTISEMENT), BODY("story-body"),
    BODY("story-content"), R("subscribe", SITE_CHROME), R("subscription", SITE_CHROME),
    R("taboola", ADVERTISEMENT), R("timestamp", DATELINE), R("trending", RELATED_LINKS),
    R("tweet", SOCIAL_EMBED),
};

/* Stems that match as a token prefix: "relatedposts", "cookiebanner", "advertorial". */
static const token_rule token_stems[] = {
    R("advert", ADVERTISEMENT),       R("breadcrumb", NAVIGATION), R("cookie", COOKIE_NOTICE),
    R("newsletter", SITE_CHROME),     R("related", RELATED_LINKS), R("sponsor", ADVERTISEMENT),
};
#undef R
#undef BODY

/* First tokens that make a whole class name a state or taxonomy modifier, not a component:
 * "has-comments", "no-ads", "tag-ads", "category-advertising". Also last tokens: "nav-open",
 * "cookie-accepted", "ad-free". */
static const char *const modifier_first[] = {"category", "format", "has", "hide", "is", "no",
                                             "non", "not", "show", "status", "tag", "type",
                                             "with", "without"};
static const char *const modifier_last[] = {"accepted", "active", "closed", "collapsed",
                                            "disabled", "enabled", "expanded", "free",
                                            "hidden", "loaded", "open", "opened", "shown",
                                            "visible"};

/* Class/id vocabulary for the DOM scorer's weight (general words, as Readability's): a name
 * with one of these tokens says "article text here" or "boilerplate here". Sorted. */
static const char *const content_words[] = {
    "article", "articlebody", "blog", "body", "content", "entry", "entrycontent", "hentry",
    "main", "page", "post", "postbody", "postcontent", "story", "storybody", "text",
};
static const char *const boiler_words[] = {
    "ad", "ads", "banner", "combx", "contact", "foot", "gdpr", "hidden", "hide", "masthead",
    "media", "menu", "meta", "modal", "nav", "navbar", "navigation", "popup", "rail",
    "shoutbox", "signup", "skyscraper", "tag", "tags", "tool", "toolbar", "tools", "trending",
};
/* ... and stems that match as a token prefix ("comments", "sharebar", "sidebarleft"). */
static const char *const boiler_stems[] = {
    "advert", "breadcrumb", "comment", "cookie", "footer", "footnote", "newsletter", "outbrain",
    "promo", "recirc", "related", "share", "sharing", "shopping", "sidebar", "social", "sponsor",
    "subscri", "taboola", "widget",
};

static int str_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* Adds the vocabulary verdict of one token to *pos / *neg. */
static void weigh_token(const char *t, bool *pos, bool *neg)
{
    if (bsearch(t, content_words, sizeof content_words / sizeof content_words[0],
                sizeof content_words[0], str_cmp))
        *pos = true;
    else if (bsearch(t, boiler_words, sizeof boiler_words / sizeof boiler_words[0],
                     sizeof boiler_words[0], str_cmp))
        *neg = true;
    else
        for (size_t k = 0; k < sizeof boiler_stems / sizeof boiler_stems[0]; k++)
            if (t[0] == boiler_stems[k][0] &&
                strncmp(t, boiler_stems[k], strlen(boiler_stems[k])) == 0) {
                *neg = true;
                break;
            }
}

static int rule_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const token_rule *)elem)->key);
}

static bool in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return true;
    return false;
}

#define TOK_MAX 24 /* tokens looked at in one class name */
#define TOK_LEN 24 /* longer tokens cannot match a rule */

/* Matches the tokens of one class name (tok[0..n)) against the rules: the first pair or
 * single token with a rule wins. Sets *container for an article-body key, *pos / *neg when
 * a token is in the scorer's vocabulary. */
static const token_rule *match_name(char tok[][TOK_LEN], size_t n, bool *container, bool *pos,
                                    bool *neg)
{
    if (n == 0)
        return NULL;
    const size_t n_first = sizeof modifier_first / sizeof modifier_first[0];
    const size_t n_last = sizeof modifier_last / sizeof modifier_last[0];
    if (in_list(tok[0], modifier_first, n_first) ||
        (n > 1 && in_list(tok[n - 1], modifier_last, n_last)))
        return NULL;
    for (size_t i = 0; i < n; i++)
        weigh_token(tok[i], pos, neg);
    const token_rule *hit = NULL;
    for (size_t i = 0; i < n && !hit; i++) {
        const token_rule *r = NULL;
        if (i + 1 < n) {
            char pair[2 * TOK_LEN];
            size_t l0 = strlen(tok[i]), l1 = strlen(tok[i + 1]);
            memcpy(pair, tok[i], l0);
            pair[l0] = '-';
            memcpy(pair + l0 + 1, tok[i + 1], l1 + 1);
            r = bsearch(pair, token_rules, sizeof token_rules / sizeof token_rules[0],
                        sizeof token_rules[0], rule_cmp);
        }
        if (!r)
            r = bsearch(tok[i], token_rules, sizeof token_rules / sizeof token_rules[0],
                        sizeof token_rules[0], rule_cmp);
        for (size_t k = 0; !r && k < sizeof token_stems / sizeof token_stems[0]; k++)
            if (tok[i][0] == token_stems[k].key[0] &&
                strncmp(tok[i], token_stems[k].key, strlen(token_stems[k].key)) == 0)
                r = &token_stems[k];
        if (r && r->reason == CONTAINER)
            *container = true;
        else if (r)
            hit = r;
    }
    return hit;
}

/* Scans a class or id value (first ATTR_SCAN bytes): returns the first hint rule that
 * matches, sets *container when a name marks an article body; *weight gets +1 when a name
 * is in the content vocabulary, -1 when one is in the boilerplate vocabulary (0 for both or
 * neither). */
static const token_rule *match_attr(const char *v, bool *container, int *weight)
{
    bool pos = false, neg = false;
    char tok[TOK_MAX][TOK_LEN];
    size_t n = 0, len = 0;
    const token_rule *hit = NULL;
    bool too_long = false;
    unsigned char prev = 0;
    for (size_t i = 0; i <= ATTR_SCAN; i++) {
        unsigned char c = (unsigned char)v[i];
        bool end_name = c == '\0' || is_ws(c) || i == ATTR_SCAN;
        bool alpha = is_alpha(c), digit = is_digit(c);
        bool split = end_name || !(alpha || digit) ||
                     (len && ((is_upper(c) && is_lower(prev)) || (digit && is_alpha(prev)) ||
                              (alpha && is_digit(prev))));
        if (split && (len || too_long)) {
            if (n < TOK_MAX) {
                if (too_long)
                    snprintf(tok[n], TOK_LEN, "%s", "~");
                else
                    tok[n][len] = '\0';
                n++;
            }
            len = 0;
            too_long = false;
        }
        if (end_name) {
            if (!hit)
                hit = match_name(tok, n, container, &pos, &neg);
            else
                match_name(tok, n, container, &pos, &neg);
            n = 0;
            if (c == '\0' || i == ATTR_SCAN)
                break;
        } else if ((alpha || digit) && n < TOK_MAX) {
            if (len + 1 < TOK_LEN)
                tok[n][len++] = (char)lower(c);
            else
                too_long = true;
        }
        prev = c;
    }
    *weight = (int)pos - (int)neg;
    return hit;
}

/* True when the space-separated list v contains word (ASCII case-insensitive). */
static bool has_word(const char *v, const char *word)
{
    for (const char *p = v; *p;) {
        while (*p && is_ws((unsigned char)*p))
            p++;
        const char *e = p;
        while (*e && !is_ws((unsigned char)*e))
            e++;
        if (ieq(p, (size_t)(e - p), word))
            return true;
        p = e;
    }
    return false;
}

/* True when a style value (first ATTR_SCAN bytes) hides the element. */
static bool style_hidden(const char *v)
{
    char buf[ATTR_SCAN + 1];
    size_t n = 0;
    for (size_t i = 0; v[i] && i < ATTR_SCAN; i++)
        if (!is_ws((unsigned char)v[i]))
            buf[n++] = (char)lower((unsigned char)v[i]);
    buf[n] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* What a class value (first ATTR_SCAN bytes) says about visibility: 1 when it names an
 * element pages hide, the utility classes of CSS frameworks ("hidden", "sr-only",
 * "visually-hidden": an inline one is skipped, a block one becomes a hint, which
 * check_hint takes back if it holds much prose); 2 when it names a part of a hover widget (tooltip, popover, hover
 * card, rollover): the outermost such element and a link inside it are the visible
 * trigger, another element inside it is the card shown on hover; 0 otherwise. */
static int class_hidden(const char *v)
{
    int hover = 0;
    static const char *const names[] = {
        "d-none", "element-invisible", "hidden", "hide", "invisible", "is-hidden",
        "screen-reader-only", "screen-reader-text", "screenreader-only", "sr-only",
        "u-hidden", "visually-hidden", "visuallyhidden",
    };
    static const char *const stems[] = {"hovercard", "popover", "rollover", "tooltip"};
    for (size_t i = 0; v[i] && i < ATTR_SCAN;) {
        while (v[i] && is_ws((unsigned char)v[i]))
            i++;
        size_t s0 = i;
        while (v[i] && !is_ws((unsigned char)v[i]) && i < ATTR_SCAN)
            i++;
        size_t n = i - s0;
        if (n == 0 || n >= 32)
            continue;
        char name[32];
        for (size_t k = 0; k < n; k++)
            name[k] = (char)lower((unsigned char)v[s0 + k]);
        name[n] = '\0';
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (strcmp(name, names[k]) == 0)
                return 1;
        for (size_t k = 0; k < sizeof stems / sizeof stems[0]; k++)
            if (strstr(name, stems[k]))
                hover = 2;
    }
    return hover;
}

/* ---- frames and the walker ------------------------------------------------------------ */

enum { /* inherited state bits */
    ST_SKIP = 1 << 0,     /* text is not body text */
    ST_ARTICLE = 1 << 1,  /* inside an article container */
    ST_QUOTE = 1 << 2,    /* inside a (non-embed) blockquote */
    ST_LINK = 1 << 3,     /* inside <a href> */
    ST_TIME = 1 << 4,     /* inside <time> */
    ST_LI = 1 << 5,       /* inside <li> */
    ST_BRSPACE = 1 << 6,  /* innermost block treats a single <br> as a space */
    ST_NOMETA = 1 << 7,   /* inside svg/template/noscript...: no page metadata here */
    ST_TITLE = 1 << 8,    /* capturing <title> */
    ST_LDJSON = 1 << 9,   /* capturing a JSON-LD script */
    ST_AUTHOR = 1 << 10,  /* capturing <a rel=author> */
    ST_HOVER = 1 << 11,   /* inside the trigger of a hover widget (class_hidden) */
};

/* What an element passes to its descendants. A hint is tentative until its element ends:
 * hint_src names the element that set it, so that revoke_hint() can take it back from the
 * blocks it produced. */
typedef struct {
    uint8_t tag, tflags, heading;
    uint16_t st;
    bool own_hint;              /* this element set `hint` */
    nf_reason hint, block_hint; /* innermost hint: any element / block elements only */
    const char *detail, *block_detail;
    uint32_t serial;            /* this element's number, when own_hint */
    uint32_t hint_src, block_hint_src; /* serial of the element that set hint / block_hint */
    size_t first_block, nonlink0; /* blocks and non-link characters before the element */
    int32_t node;               /* innermost block element (index into walker.nodes), -1 */
} frame;

enum { /* metadata candidates, by source */
    M_LD_HEADLINE, M_LD_PUB, M_LD_AUTHOR, M_LD_PUBLISHER, M_LD_DESC,
    M_OG_TITLE, M_TW_TITLE, M_OG_SITE, M_OG_URL, M_OG_DESC, M_TW_DESC, M_OG_PUB, M_OG_AUTHOR,
    M_OG_LOCALE, M_DESC, M_META_PUB, M_META_AUTHOR, M_META_LANG, M_CANONICAL, M_TIME_PUB,
    M_REL_AUTHOR, M_TITLE, M_LANG, M_COUNT
};

typedef NF_VEC(nf__block) block_vec;

typedef struct {
    htmlParserCtxtPtr ctxt;
    nf_doc *doc;
    bool stopped;
    int depth; /* frames above the root frame stack[0] */
    frame stack[MAX_DEPTH + 1];

    /* the current segment: collapsed text of the innermost block */
    nf_buf seg;
    bool space, last_br, mixed;
    size_t chars, link_chars, time_chars;
    frame seg_frame; /* the frame its first text came from */

    block_vec blocks;
    NF_VEC(nf__dnode) nodes; /* block elements, in document order, for the DOM scorer */
    NF_VEC(uint32_t) srcs; /* per block: serial of the element its hint came from */
    uint32_t serials;      /* elements with a hint so far */
    size_t nonlink;        /* non-link characters so far */
    size_t norm_len;       /* bytes of doc->norm so far */
    size_t invalid;

    /* class/id verdicts already computed: pages repeat the same names on many elements */
    struct attr_memo {
        uint64_t hash;
        uint32_t len; /* 0: empty */
        int8_t weight;
        bool named;
        const token_rule *rule;
    } attr_memo[ATTR_MEMO];

    /* metadata */
    const char *m[M_COUNT];
    nf_buf title, author, ld, tmp;
    bool title_started, author_started, ld_found, ld_overflow;
} walker;

static void stop(walker *w)
{
    if (!w->stopped && w->ctxt) {
        w->stopped = true;
        xmlStopParser(w->ctxt);
    }
}

/* Appends s[0..n) to b with white space collapsed: runs of ASCII white space and Unicode
 * spaces become one ' ' (never leading; *space carries a pending one between calls), zero
 * width characters and soft hyphens are dropped. Returns the non-space code points added. */
static size_t collapse_append(nf_buf *b, bool *space, const unsigned char *s, size_t n)
{
    nf_buf_reserve(b, n + 1);
    char *o = b->data + b->len;
    const char *start = b->data;
    size_t chars = 0, i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k = 1;
        int sp = 0; /* 1: a space, 2: dropped */
        if (c < 0x80) {
            sp = is_ws(c) || c == 0;
        } else if (c == 0xC2 && i + 1 < n) {
            k = 2;
            sp = s[i + 1] == 0xA0 ? 1 : s[i + 1] == 0xAD ? 2 : 0;
        } else if ((c == 0xE2 || c == 0xE3 || c == 0xE1 || c == 0xEF) && i + 2 < n) {
            unsigned char c1 = s[i + 1], c2 = s[i + 2];
            k = 3;
            if (c == 0xE2 && c1 == 0x80)
                sp = c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF ? 1 : c2 == 0x8B ? 2 : 0;
            else if (c == 0xE2 && c1 == 0x81)
                sp = c2 == 0x9F ? 1 : c2 == 0xA0 ? 2 : 0;
            else if (c == 0xE3)
                sp = c1 == 0x80 && c2 == 0x80;
            else if (c == 0xE1)
                sp = c1 == 0x9A && c2 == 0x80;
            else
                sp = c1 == 0xBB && c2 == 0xBF ? 2 : 0;
        }
        if (sp == 1) {
            if (o != start)
                *space = true;
            i += k;
            continue;
        }
        if (sp == 2) {
            i += k;
            continue;
        }
        if (*space) {
            *o++ = ' ';
            *space = false;
        }
        if (c < 0x80) {
            *o++ = (char)c;
            i++;
        } else {
            /* one code point: its lead byte and continuation bytes */
            *o++ = (char)c;
            i++;
            while (i < n && (s[i] & 0xC0) == 0x80)
                *o++ = (char)s[i++];
        }
        chars++;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return chars;
}

/* Ends the current segment: makes it a block (normalised into the doc arena) unless it is
 * empty. */
static void seg_flush(walker *w)
{
    if (w->seg.len == 0)
        goto reset;
    if (w->blocks.len >= MAX_BLOCKS) {
        stop(w);
        goto reset;
    }
    const frame *f = &w->seg_frame;
    nf__block b;
    memset(&b, 0, sizeof b);
    size_t bad = 0;
    nf_text_normalize(w->doc->arena, w->seg.data, w->seg.len, &b.text, &b.len, &bad);
    if (b.len == 0)
        goto reset;
    w->invalid += bad;
    b.hint = w->mixed ? f->block_hint : f->hint;
    b.hint_detail = w->mixed ? f->block_detail : f->detail;
    uint32_t src = w->mixed ? f->block_hint_src : f->hint_src;
    if (b.hint == NF_REASON_NONE && w->time_chars == w->chars) {
        b.hint = NF_REASON_DATELINE;
        b.hint_detail = "only a <time>";
    }
    b.heading = f->heading;
    b.node = f->node;
    b.chars = (uint32_t)(w->chars < UINT32_MAX ? w->chars : UINT32_MAX);
    b.link_chars = (uint32_t)(w->link_chars < b.chars ? w->link_chars : b.chars);
    b.in_article = (f->st & ST_ARTICLE) != 0;
    b.list_item = (f->st & ST_LI) != 0;
    b.quote = (f->st & ST_QUOTE) != 0;
    b.link_density = w->chars ? (float)w->link_chars / (float)w->chars : 0.0f;
    b.line_count = 1;
    b.para_break_before = true;
    b.src_start = w->norm_len + (w->blocks.len ? 2 : 0);
    b.src_end = b.src_start + b.len;
    w->norm_len = b.src_end;
    nf_vec_push(&w->blocks, b);
    nf_vec_push(&w->srcs, src);
reset:
    if (w->seg.cap > (1u << 20))
        nf_buf_free(&w->seg);
    else
        nf_buf_clear(&w->seg);
    w->space = w->last_br = w->mixed = false;
    w->chars = w->link_chars = w->time_chars = 0;
}

static void seg_text(walker *w, const frame *f, const unsigned char *s, size_t n)
{
    bool first = w->seg.len == 0;
    size_t chars = collapse_append(&w->seg, &w->space, s, n);
    if (!chars)
        return;
    if (first) {
        w->seg_frame = *f;
    } else if (f->hint_src != w->seg_frame.hint_src) {
        w->mixed = true;
    }
    w->chars += chars;
    if (f->st & ST_LINK)
        w->link_chars += chars;
    else
        w->nonlink += chars;
    if (f->st & ST_TIME)
        w->time_chars += chars;
    w->last_br = false;
}

/* A <br>: inside a paragraph-like block one is a space and two end the block; elsewhere
 * (a div with direct text, a table cell) each line is its own block. */
static void on_br(walker *w, const frame *up)
{
    if (!(up->st & ST_BRSPACE)) {
        seg_flush(w);
    } else if (w->last_br) {
        seg_flush(w);
    } else {
        if (w->seg.len)
            w->space = true;
        w->last_br = true;
    }
}

/* ---- metadata from elements ------------------------------------------------------------ */

typedef struct {
    const char *cls, *id, *role, *itemprop, *style, *type, *rel, *href, *content, *name,
        *property, *http_equiv, *datetime, *lang;
    bool hidden;
} attrs;

static void attrs_read(const xmlChar **atts, attrs *a)
{
    static const struct {
        const char *name;
        size_t off;
    } map[] = {
        {"class", offsetof(attrs, cls)},       {"content", offsetof(attrs, content)},
        {"datetime", offsetof(attrs, datetime)}, {"href", offsetof(attrs, href)},
        {"http-equiv", offsetof(attrs, http_equiv)}, {"id", offsetof(attrs, id)},
        {"itemprop", offsetof(attrs, itemprop)}, {"lang", offsetof(attrs, lang)},
        {"name", offsetof(attrs, name)},       {"property", offsetof(attrs, property)},
        {"rel", offsetof(attrs, rel)},         {"role", offsetof(attrs, role)},
        {"style", offsetof(attrs, style)},     {"type", offsetof(attrs, type)},
        {"xml:lang", offsetof(attrs, lang)},
    };
    memset(a, 0, sizeof *a);
    for (size_t i = 0; atts && atts[i]; i += 2) {
        const char *k = (const char *)atts[i];
        if (k[0] == 'h' && strcmp(k, "hidden") == 0) {
            a->hidden = true;
            continue;
        }
        for (size_t m = 0; m < sizeof map / sizeof map[0]; m++) {
            const char **slot = (const char **)(void *)((char *)a + map[m].off);
            if (k[0] == map[m].name[0] && strcmp(k, map[m].name) == 0 && !*slot) {
                *slot = atts[i + 1] ? (const char *)atts[i + 1] : "";
                break;
            }
        }
    }
}

/* Decodes the entities a double-escaping CMS leaves in metadata ("&#8211;", "&amp;",
 * "&quot;") in place; returns the new length. Output is never longer than input. */
static size_t decode_entities(char *s, size_t n)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = {{"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}, {"lt;", "<"}, {"gt;", ">"},
                 {"nbsp;", "\xC2\xA0"}};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            s[o++] = s[i++];
            continue;
        }
        size_t j = i + 1, used = 0;
        if (j < n && s[j] == '#') {
            bool hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
            uint32_t cp = 0;
            size_t k = j + 1 + hex, digits = 0;
            for (; k < n && digits < 7; k++, digits++) {
                unsigned char c = (unsigned char)s[k];
                uint32_t d = 99;
                if (is_digit(c))
                    d = (uint32_t)(c - '0');
                else if (hex && is_alpha(c) && lower(c) <= 'f')
                    d = (uint32_t)(lower(c) - 'a' + 10);
                if (d == 99)
                    break;
                cp = cp * (hex ? 16u : 10u) + d;
            }
            if (digits && k < n && s[k] == ';' && cp > 0 && cp <= 0x10FFFF &&
                !(cp >= 0xD800 && cp <= 0xDFFF)) {
                char u[4];
                size_t m = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (m == 1) {
                    u[0] = (char)cp;
                } else {
                    for (size_t b = m - 1; b > 0; b--, cp >>= 6)
                        u[b] = (char)(0x80 | (cp & 0x3F));
                    u[0] = (char)((m == 2 ? 0xC0 : m == 3 ? 0xE0 : 0xF0) | cp);
                }
                memcpy(s + o, u, m);
                o += m;
                used = k + 1 - i;
            }
        } else {
            for (size_t k = 0; k < sizeof named / sizeof named[0] && !used; k++) {
                size_t l = strlen(named[k].name);
                if (n - j >= l && memcmp(s + j, named[k].name, l) == 0) {
                    size_t m = strlen(named[k].utf8);
                    memcpy(s + o, named[k].utf8, m);
                    o += m;
                    used = 1 + l;
                }
            }
        }
        if (used) {
            i += used;
        } else {
            s[o++] = s[i++];
        }
    }
    return o;
}

/* A metadata value: white space collapsed, entities left by double escaping decoded, at
 * most META_CAP bytes (cut on a character boundary), normalised into the doc arena; NULL
 * when empty. */
static const char *meta_text(walker *w, const char *s, size_t n)
{
    bool space = false;
    nf_buf_clear(&w->tmp);
    if (n > 4 * META_CAP)
        n = 4 * META_CAP;
    collapse_append(&w->tmp, &space, (const unsigned char *)s, n);
    size_t len = w->tmp.len;
    if (memchr(w->tmp.data, '&', len))
        len = decode_entities(w->tmp.data, len);
    if (len > META_CAP) {
        len = META_CAP;
        while (len && ((unsigned char)w->tmp.data[len] & 0xC0) == 0x80)
            len--;
    }
    if (!len)
        return NULL;
    const char *out;
    size_t out_len, bad;
    nf_text_normalize(w->doc->arena, w->tmp.data, len, &out, &out_len, &bad);
    return out_len ? out : NULL;
}

static void meta_set(walker *w, int field, const char *s)
{
    if (!w->m[field] && s)
        w->m[field] = meta_text(w, s, strlen(s));
}

static bool looks_like_url(const char *s) { return istarts(s, strlen(s), "http") || s[0] == '/'; }

/* <meta name|property|itemprop=... content=...>. */
static void on_meta(walker *w, const attrs *a)
{
    if (!a->content) {
        return;
    }
    if (a->http_equiv) {
        if (ieq(a->http_equiv, strlen(a->http_equiv), "content-language"))
            meta_set(w, M_META_LANG, a->content);
        return;
    }
    static const struct {
        const char *key;
        int field;
    } keys[] = {
        {"og:title", M_OG_TITLE}, {"twitter:title", M_TW_TITLE}, {"og:site_name", M_OG_SITE},
        {"og:url", M_OG_URL}, {"og:description", M_OG_DESC}, {"twitter:description", M_TW_DESC},
        {"article:published_time", M_OG_PUB}, {"og:published_time", M_OG_PUB},
        {"og:article:published_time", M_OG_PUB}, {"article:author", M_OG_AUTHOR},
        {"og:locale", M_OG_LOCALE}, {"description", M_DESC}, {"date", M_META_PUB},
        {"pubdate", M_META_PUB}, {"publishdate", M_META_PUB}, {"publish-date", M_META_PUB},
        {"publish_date", M_META_PUB}, {"dc.date", M_META_PUB}, {"dc.date.issued", M_META_PUB},
        {"dcterms.date", M_META_PUB}, {"dcterms.issued", M_META_PUB},
        {"dcterms.created", M_META_PUB}, {"parsely-pub-date", M_META_PUB},
        {"sailthru.date", M_META_PUB}, {"datepublished", M_META_PUB}, {"author", M_META_AUTHOR},
        {"dc.creator", M_META_AUTHOR}, {"parsely-author", M_META_AUTHOR},
        {"sailthru.author", M_META_AUTHOR},
    };
    const char *names[3] = {a->property, a->name, a->itemprop};
    for (int n = 0; n < 3; n++) {
        if (!names[n])
            continue;
        size_t len = strlen(names[n]);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (!ieq(names[n], len, keys[k].key))
                continue;
            if (keys[k].field == M_OG_AUTHOR && looks_like_url(a->content))
                return;
            meta_set(w, keys[k].field, a->content);
            return;
        }
    }
}

/* Metadata carried by an element's start tag; may set capture bits on its frame f. */
static void meta_from_element(walker *w, const tag_info *ti, const attrs *a, const frame *up,
                              frame *f)
{
    switch (ti->id) {
    case TAG_META:
        on_meta(w, a);
        break;
    case TAG_LINK:
        if (a->rel && a->href && has_word(a->rel, "canonical"))
            meta_set(w, M_CANONICAL, a->href);
        break;
    case TAG_HTML:
        if (a->lang)
            meta_set(w, M_LANG, a->lang);
        break;
    case TAG_TITLE:
        if (!w->title_started) {
            w->title_started = true;
            f->st |= ST_TITLE;
        }
        break;
    case TAG_SCRIPT:
        if (a->type && strstr(a->type, "ld+json") && !w->ld_found) {
            f->st |= ST_LDJSON;
            nf_buf_clear(&w->ld);
            w->ld_overflow = false;
        }
        break;
    case TAG_A:
        if (a->rel && !w->author_started && !(up->st & ST_SKIP) && has_word(a->rel, "author")) {
            w->author_started = true;
            f->st |= ST_AUTHOR;
        }
        break;
    default:
        break;
    }
    if (a->itemprop && ti->id != TAG_META && ieq(a->itemprop, strlen(a->itemprop), "datepublished"))
        meta_set(w, M_META_PUB, a->datetime ? a->datetime : a->content);
}

/* ---- JSON-LD ---------------------------------------------------------------------------- */

/* True when brackets in the JSON text s[0..n) nest at most `max` deep. */
static bool json_nesting_ok(const char *s, size_t n, int max)
{
    int d = 0;
    bool str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                str = false;
        } else if (c == '"') {
            str = true;
        } else if (c == '[' || c == '{') {
            if (++d > max)
                return false;
        } else if (c == ']' || c == '}') {
            d--;
        }
    }
    return true;
}

static bool ld_type_is_article(const json_t *t)
{
    static const char *const types[] = {"Article", "BlogPosting", "LiveBlogPosting", "Report"};
    if (json_is_array(t)) {
        size_t i;
        const json_t *v;
        json_array_foreach(t, i, v) if (ld_type_is_article(v)) return true;
        return false;
    }
    const char *s = json_string_value(t);
    if (!s)
        return false;
    const char *p = strrchr(s, '/');
    if (!p)
        p = strrchr(s, ':');
    s = p ? p + 1 : s;
    size_t n = strlen(s);
    if (n >= 11 && strcmp(s + n - 11, "NewsArticle") == 0)
        return true;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(s, types[i]) == 0)
            return true;
    return false;
}

/* The first article-typed object in v: v itself, an array element, or inside @graph or
 * mainEntity, at most `depth` levels down. */
static json_t *ld_find_article(json_t *v, int depth)
{
    if (depth <= 0)
        return NULL;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            json_t *r = ld_find_article(e, depth - 1);
            if (r)
                return r;
        }
        return NULL;
    }
    if (!json_is_object(v))
        return NULL;
    if (ld_type_is_article(json_object_get(v, "@type")))
        return v;
    json_t *r = ld_find_article(json_object_get(v, "@graph"), depth - 1);
    return r ? r : ld_find_article(json_object_get(v, "mainEntity"), depth - 1);
}

/* A person or organisation: a string, or an object's "name". */
static const char *ld_name(const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v))
        return json_string_value(json_object_get(v, "name"));
    return NULL;
}

/* An author's name, NULL for an organisation ("author": {"@type": "Organization"}) or a
 * URL: those say nothing about who wrote the piece. */
static const char *ld_person(const json_t *v)
{
    const char *t = json_string_value(json_object_get(v, "@type"));
    size_t n = t ? strlen(t) : 0;
    if (n >= 12 && strcmp(t + n - 12, "Organization") == 0)
        return NULL;
    const char *nm = ld_name(v);
    return nm && *nm && !looks_like_url(nm) ? nm : NULL;
}

static void ld_set(walker *w, int field, const char *s)
{
    if (s && *s)
        meta_set(w, field, s);
}

/* Parses one JSON-LD script; keeps headline, datePublished, author(s), publisher and
 * description of the first article object found in the page. */
static void ld_finish(walker *w)
{
    const char *s = w->ld.data ? w->ld.data : "";
    size_t n = w->ld.len;
    for (;;) { /* wrappers: "<!--", "<![CDATA[", "//<![CDATA[" */
        while (n && is_ws((unsigned char)*s))
            s++, n--;
        size_t k = istarts(s, n, "<!--") ? 4 : istarts(s, n, "<![cdata[") ? 9 : 0;
        if (!k && istarts(s, n, "//")) {
            const char *eol = memchr(s, '\n', n);
            k = eol ? (size_t)(eol - s) + 1 : n;
        }
        if (!k)
            break;
        s += k, n -= k;
    }
    if (!n || (*s != '{' && *s != '[') || w->ld_overflow || !json_nesting_ok(s, n, LD_MAX_NESTING))
        return;
    json_error_t err;
    json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK, &err);
    if (!root)
        return;
    json_t *art = ld_find_article(root, 6);
    if (art) {
        w->ld_found = true;
        ld_set(w, M_LD_HEADLINE, json_string_value(json_object_get(art, "headline")));
        ld_set(w, M_LD_PUB, json_string_value(json_object_get(art, "datePublished")));
        ld_set(w, M_LD_DESC, json_string_value(json_object_get(art, "description")));
        ld_set(w, M_LD_PUBLISHER, ld_name(json_object_get(art, "publisher")));
        json_t *au = json_object_get(art, "author");
        nf_buf names;
        nf_buf_init(&names);
        if (json_is_array(au)) {
            size_t i;
            json_t *e;
            json_array_foreach(au, i, e)
            {
                const char *nm = ld_person(e);
                if (!nm || names.len > META_CAP)
                    continue;
                if (names.len)
                    nf_buf_puts(&names, ", ");
                nf_buf_puts(&names, nm);
            }
        } else {
            const char *nm = ld_person(au);
            if (nm)
                nf_buf_puts(&names, nm);
        }
        if (names.len)
            ld_set(w, M_LD_AUTHOR, names.data);
        nf_buf_free(&names);
    }
    json_decref(root);
}

/* ---- SAX callbacks -------------------------------------------------------------------- */

/* Non-link characters above which an element's hint is taken back: class names like
 * "Page-ad-margins" or "advertisement-off-canvas--pusher" sit on wrappers of the whole
 * article, and a real ad, menu or caption never holds that much prose. */
static size_t hint_text_limit(nf_reason r)
{
    switch (r) {
    case NF_REASON_OTHER: /* comments can be long */
        return SIZE_MAX;
    case NF_REASON_DATELINE:
        return 300;
    case NF_REASON_ADVERTISEMENT:
        return 600;
    case NF_REASON_BYLINE:
    case NF_REASON_CAPTION:
    case NF_REASON_NAVIGATION:
        return 1000;
    case NF_REASON_COOKIE_NOTICE:
        return 3000;
    default:
        return 2000;
    }
}

/* At the end of an element that set a hint: takes the hint back from its blocks (they get
 * the parent's) when the element held too much prose, or when it holds a plain-text <h1>
 * and is a page <header> (the article's own header on a page without <article>) - or a
 * byline/dateline box, where only the headings are given back. */
static void check_hint(walker *w, const frame *f, const frame *up)
{
    bool all = w->nonlink - f->nonlink0 > hint_text_limit(f->hint), headings = false;
    if (!all && ((f->tag == TAG_HEADER && f->hint == NF_REASON_SITE_CHROME) ||
                 f->hint == NF_REASON_BYLINE || f->hint == NF_REASON_DATELINE)) {
        bool h1 = false;
        for (size_t i = f->first_block; i < w->blocks.len && !h1; i++)
            h1 = w->srcs.items[i] == f->serial && w->blocks.items[i].heading == 1 &&
                 w->blocks.items[i].link_density < 0.5f;
        all = h1 && f->tag == TAG_HEADER;
        headings = h1;
    }
    if (!all && !headings)
        return;
    for (size_t i = f->first_block; i < w->blocks.len; i++) {
        nf__block *b = &w->blocks.items[i];
        if (w->srcs.items[i] == f->serial && (all || b->heading)) {
            b->hint = up->hint;
            b->hint_detail = up->detail;
            w->srcs.items[i] = up->hint_src;
        }
    }
    frame *p = &w->seg_frame; /* text not yet flushed */
    if (!all)
        return;
    if (f->node != up->node && f->node >= 0)
        w->nodes.items[f->node].hint = NF_REASON_NONE;
    if (p->hint_src == f->serial)
        p->hint = up->hint, p->detail = up->detail, p->hint_src = up->hint_src;
    if (p->block_hint_src == f->serial)
        p->block_hint = up->hint, p->block_detail = up->detail, p->block_hint_src = up->hint_src;
}

/* match_attr through the walker's memo (same answer, computed once per distinct value). */
static const token_rule *match_attr_memo(walker *w, const char *v, bool *named, int *weight)
{
    size_t n = strnlen(v, ATTR_SCAN);
    uint64_t h = nf_hash(v, n);
    struct attr_memo *m = &w->attr_memo[h & (ATTR_MEMO - 1)];
    if (m->len == n + 1 && m->hash == h) {
        *named = *named || m->named;
        *weight = m->weight;
        return m->rule;
    }
    bool nm = false;
    const token_rule *r = match_attr(v, &nm, weight);
    *m = (struct attr_memo){h, (uint32_t)n + 1, (int8_t)*weight, nm, r};
    *named = *named || nm;
    return r;
}

/* The hint an element itself gives (class/id tokens, then role, then tag), NONE if none;
 * *container is set when it is an article container, *bodymark when its class, id or
 * itemprop names an article body, *weight gets the class/id vocabulary weight (-2..2). */
static nf_reason element_hint(walker *w, const char *name, const tag_info *ti, const attrs *a,
                              const frame *up, bool *container, const char **detail,
                              int *weight, bool *bodymark)
{
    const token_rule *r = NULL, *rc = NULL;
    bool named = false, named_cls = false;
    int wi = 0, wc = 0, wn = 0;
    *bodymark = a->itemprop && has_word(a->itemprop, "articlebody");
    *container = ti->id == TAG_ARTICLE || ti->id == TAG_MAIN || *bodymark ||
                 (a->role && (ieq(a->role, strlen(a->role), "main") ||
                              ieq(a->role, strlen(a->role), "article")));
    if (ti->id != TAG_HTML && ti->id != TAG_BODY) {
        if (a->id)
            r = match_attr_memo(w, a->id, &named, &wi);
        if (a->cls) /* scanned for the weight; its rule and name count when the id has none */
            rc = match_attr_memo(w, a->cls, &named_cls, &wc);
        if (!r) {
            r = rc;
            named = named || named_cls;
        }
        if (!r && ti->id == TAG_OTHER && strchr(name, '-')) /* <amp-ad>, <cookie-banner> */
            r = match_attr(name, &named, &wn);
    }
    *weight = wi + wc;
    if (named)
        *container = *bodymark = true;
    if (*container)
        return NF_REASON_NONE; /* an article body is never chrome itself */
    if (r) {
        *detail = r->detail;
        return r->reason;
    }
    if (a->role) {
        size_t n = strlen(a->role);
        if (ieq(a->role, n, "navigation") || ieq(a->role, n, "menu") ||
            ieq(a->role, n, "menubar")) {
            *detail = "role=navigation";
            return NF_REASON_NAVIGATION;
        }
        if (ieq(a->role, n, "banner") || ieq(a->role, n, "contentinfo")) {
            *detail = ieq(a->role, n, "banner") ? "role=banner" : "role=contentinfo";
            return NF_REASON_SITE_CHROME;
        }
    }
    switch (ti->id) {
    case TAG_NAV:
        *detail = "inside <nav>";
        return NF_REASON_NAVIGATION;
    case TAG_HEADER:
    case TAG_FOOTER:
        if (up->st & ST_ARTICLE)
            return NF_REASON_NONE;
        *detail = ti->id == TAG_HEADER ? "inside <header>" : "inside <footer>";
        return NF_REASON_SITE_CHROME;
    case TAG_FIGCAPTION:
        *detail = "inside <figcaption>";
        return NF_REASON_CAPTION;
    case TAG_ASIDE:
        *detail = "inside <aside>";
        return NF_REASON_RELATED_LINKS;
    default:
        return NF_REASON_NONE;
    }
}

/* The scorer's kind of a block element. */
static uint8_t el_kind(const char *name, const tag_info *ti)
{
    static const struct {
        const char *name;
        nf__el_kind kind;
    } map[] = {
        {"address", NF__EL_ADDRESS}, {"article", NF__EL_ARTICLE}, {"aside", NF__EL_ASIDE},
        {"blockquote", NF__EL_BLOCKQUOTE}, {"body", NF__EL_BODY}, {"center", NF__EL_DIV},
        {"dd", NF__EL_LI}, {"dir", NF__EL_LIST}, {"div", NF__EL_DIV}, {"dl", NF__EL_LIST},
        {"dt", NF__EL_LI}, {"fieldset", NF__EL_FORM}, {"figure", NF__EL_FIGURE},
        {"footer", NF__EL_FOOTER}, {"form", NF__EL_FORM}, {"h1", NF__EL_H1},
        {"header", NF__EL_HEADER}, {"li", NF__EL_LI}, {"main", NF__EL_MAIN},
        {"menu", NF__EL_LIST}, {"nav", NF__EL_NAV}, {"ol", NF__EL_LIST}, {"p", NF__EL_P},
        {"pre", NF__EL_PRE}, {"section", NF__EL_SECTION}, {"table", NF__EL_TABLE},
        {"tbody", NF__EL_TABLE}, {"td", NF__EL_TD}, {"tfoot", NF__EL_TABLE},
        {"th", NF__EL_TH}, {"thead", NF__EL_TABLE}, {"tr", NF__EL_TR}, {"ul", NF__EL_LIST},
    };
    if (ti->heading > 1)
        return NF__EL_H;
    size_t lo = 0, hi = sizeof map / sizeof map[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, map[mid].name);
        if (c == 0)
            return (uint8_t)map[mid].kind;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NF__EL_OTHER;
}

/* FNV-1a of a class value (first ATTR_SCAN bytes); 0 for none. */
static uint32_t class_hash(const char *v)
{
    if (!v || !*v)
        return 0;
    uint32_t h = 2166136261u;
    for (size_t i = 0; v[i] && i < ATTR_SCAN; i++)
        h = (h ^ (unsigned char)v[i]) * 16777619u;
    return h ? h : 1;
}

static void on_start(void *ud, const xmlChar *xname, const xmlChar **atts)
{
    walker *w = ud;
    if (w->stopped)
        return;
    if (w->depth >= MAX_DEPTH) {
        nf_log(NF_LOG_DEBUG, "%s: elements nest deeper than %d; the rest is ignored",
               w->doc->id ? w->doc->id : "html", MAX_DEPTH);
        stop(w);
        return;
    }
    const char *name = (const char *)xname;
    const tag_info *ti = tag_find(name);
    const frame *up = &w->stack[w->depth];
    frame f = *up;
    f.tag = ti->id;
    f.tflags = ti->flags;
    f.own_hint = false;
    f.st &= (uint16_t) ~(ST_TITLE | ST_LDJSON);
    attrs a;
    attrs_read(atts, &a);

    if (!(up->st & ST_NOMETA))
        meta_from_element(w, ti, &a, up, &f);
    if (ti->flags & TF_NOMETA)
        f.st |= ST_NOMETA;

    int vis = a.cls && ti->id != TAG_HTML && ti->id != TAG_BODY ? class_hidden(a.cls) : 0;
    if (vis == 2)
        f.st |= ST_HOVER;
    if (!(up->st & ST_SKIP)) {
        if ((ti->flags & TF_SKIP) || a.hidden || (a.style && style_hidden(a.style)) ||
            (vis == 1 && !(ti->flags & TF_BLOCK)) ||
            (vis == 2 && (up->st & ST_HOVER) && ti->id != TAG_A)) {
            f.st |= ST_SKIP;
        } else {
            bool block = ti->flags & TF_BLOCK, container = false, bodymark = false;
            const char *detail = NULL;
            int weight = 0;
            nf_reason h =
                element_hint(w, name, ti, &a, up, &container, &detail, &weight, &bodymark);
            if (vis == 1 && h == NF_REASON_NONE && !container) {
                /* a block a class hides: kept as a removed piece, and taken back if it
                 * turns out to hold an article that a script would show */
                h = NF_REASON_SITE_CHROME;
                detail = "hidden by its class";
            }
            if (container)
                f.st |= ST_ARTICLE;
            if (h != NF_REASON_NONE) {
                f.own_hint = true;
                f.hint = h;
                f.detail = detail;
                f.serial = f.hint_src = ++w->serials;
                f.first_block = w->blocks.len;
                f.nonlink0 = w->nonlink;
            }
            if (block) {
                f.block_hint = f.hint;
                f.block_detail = f.detail;
                f.block_hint_src = f.hint_src;
                f.heading = ti->heading;
                if (ti->flags & TF_BRSPACE)
                    f.st |= ST_BRSPACE;
                else
                    f.st &= (uint16_t)~ST_BRSPACE;
            }
            if (ti->id == TAG_BLOCKQUOTE) {
                if (h == NF_REASON_SOCIAL_EMBED)
                    f.st &= (uint16_t)~ST_QUOTE;
                else
                    f.st |= ST_QUOTE;
            }
            if (ti->id == TAG_LI)
                f.st |= ST_LI;
            if (ti->id == TAG_A && a.href)
                f.st |= ST_LINK;
            if (ti->id == TAG_TIME) {
                f.st |= ST_TIME;
                if ((f.st & ST_ARTICLE) && a.datetime)
                    meta_set(w, M_TIME_PUB, a.datetime);
            }
            if (ti->id == TAG_BR)
                on_br(w, up);
            else if (block)
                seg_flush(w);
            if (block && w->nodes.len < MAX_NODES) {
                nf__dnode d;
                memset(&d, 0, sizeof d);
                d.parent = up->node;
                d.b0 = d.b1 = (uint32_t)w->blocks.len;
                d.kind = el_kind(name, ti);
                d.weight = (int8_t)weight;
                d.flags = bodymark ? NF__DN_BODYMARK : 0;
                d.hint = h;
                d.cls = class_hash(a.cls);
                f.node = (int32_t)w->nodes.len;
                nf_vec_push(&w->nodes, d);
            }
        }
    }
    w->stack[++w->depth] = f;
}

static void on_end(void *ud, const xmlChar *name)
{
    (void)name;
    walker *w = ud;
    if (w->stopped || w->depth == 0)
        return;
    const frame *f = &w->stack[w->depth];
    const frame *up = &w->stack[w->depth - 1];
    if ((f->st & ST_LDJSON) && !(up->st & ST_LDJSON))
        ld_finish(w);
    if ((f->tflags & TF_BLOCK) && !(f->st & ST_SKIP))
        seg_flush(w);
    if (f->node != up->node && f->node >= 0)
        w->nodes.items[f->node].b1 = (uint32_t)w->blocks.len;
    if (f->own_hint)
        check_hint(w, f, up);
    w->depth--;
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
    walker *w = ud;
    if (w->stopped || len <= 0)
        return;
    const frame *f = &w->stack[w->depth];
    size_t n = (size_t)len;
    if (f->st & (ST_TITLE | ST_LDJSON | ST_AUTHOR)) {
        if ((f->st & ST_TITLE) && w->title.len < 4 * META_CAP)
            nf_buf_append(&w->title, (const char *)ch, n);
        if ((f->st & ST_AUTHOR) && w->author.len < 4 * META_CAP)
            nf_buf_append(&w->author, (const char *)ch, n);
        if (f->st & ST_LDJSON) {
            if (w->ld.len + n <= LD_CAP)
                nf_buf_append(&w->ld, (const char *)ch, n);
            else
                w->ld_overflow = true;
        }
    }
    if (f->st & ST_SKIP)
        return;
    seg_text(w, f, ch, n);
}

/* ======================================================================================
 * 3. Metadata, doc->norm, classification
 * ====================================================================================== */

static const char *first_of(walker *w, const int *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w->m[fields[i]])
            return w->m[fields[i]];
    return NULL;
}

static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        words += !sp && !in;
        in = !sp;
    }
    return words;
}

/* True when s contains h, ASCII case-insensitive. */
static bool contains_nocase(const char *s, nf_slice h)
{
    size_t n = strlen(s);
    for (size_t i = 0; h.len && i + h.len <= n; i++)
        if (nf_slice_eq_nocase((nf_slice){s + i, h.len}, h))
            return true;
    return false;
}

/* True when title t is h ("Headline") followed by a separator and more ("Headline | Site"). */
static bool title_head_is(const char *t, nf_slice h)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " \xC2\xB7 ", " :: ", " // "};
    size_t n = strlen(t);
    if (h.len == 0 || h.len >= n || !nf_slice_eq_nocase((nf_slice){t, h.len}, h))
        return false;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
        if (strncmp(t + h.len, seps[k], strlen(seps[k])) == 0)
            return true;
    return false;
}

/* Strips a site-name suffix (" | Site", " - Site", " – Site", " — Site", " · Site") from a
 * title, or a "Site | " prefix: when that part equals the site name (ASCII case-insensitive)
 * or, if `lenient`, when the suffix is short (" | ": <= 4 words; dashes: <= 3 words and
 * <= 30 bytes, after a title of >= 3 words). */
static const char *strip_title(walker *w, const char *t, const char *site, bool lenient)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " \xC2\xB7 ", " :: ", " // "};
    size_t n = strlen(t), best = 0, best_len = 0, first = n, first_len = 0;
    int best_sep = -1;
    for (int k = 0; k < (int)(sizeof seps / sizeof seps[0]); k++) {
        size_t sl = strlen(seps[k]);
        for (const char *p = t; (p = strstr(p, seps[k])) != NULL; p++) {
            size_t at = (size_t)(p - t);
            if (best_sep < 0 || at > best)
                best = at, best_len = sl, best_sep = k;
            if (at < first)
                first = at, first_len = sl;
        }
    }
    if (best_sep < 0)
        return t;
    nf_slice head = nf_slice_trim((nf_slice){t, best});
    nf_slice tail = nf_slice_trim((nf_slice){t + best + best_len, n - best - best_len});
    if (head.len == 0 || tail.len == 0)
        return t;
    bool strip = site && nf_slice_eq_nocase(tail, nf_slice_from(site));
    if (!strip && site) {
        nf_slice lead = nf_slice_trim((nf_slice){t, first});
        if (nf_slice_eq_nocase(lead, nf_slice_from(site))) {
            nf_slice rest = nf_slice_trim((nf_slice){t + first + first_len, n - first - first_len});
            return rest.len ? nf_arena_strndup(w->doc->arena, rest.ptr, rest.len) : t;
        }
    }
    if (!strip && lenient) {
        size_t tw = count_words(tail.ptr, tail.len), hw = count_words(head.ptr, head.len);
        if (best_sep == 0 || best_sep >= 4)
            strip = tw <= 4;
        else
            strip = tw <= 3 && tail.len <= 30 && hw >= 3;
    }
    return strip ? nf_arena_strndup(w->doc->arena, head.ptr, head.len) : t;
}

/* The primary language subtag ("en" of "en-US"), lower-cased, or NULL unless it is 2-3
 * ASCII letters. */
static const char *lang_primary(walker *w, const char *s)
{
    if (!s)
        return NULL;
    char buf[4];
    size_t n = 0;
    while (s[n] && s[n] != '-' && s[n] != '_' && n < 4) {
        if (!is_alpha((unsigned char)s[n]))
            return NULL;
        n++;
    }
    if (n < 2 || n > 3 || (s[n] && s[n] != '-' && s[n] != '_'))
        return NULL;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)lower((unsigned char)s[i]);
    return nf_arena_strndup(w->doc->arena, buf, n);
}

/* False for a date string that starts with a year outside 1900..2199. */
static bool plausible_date(const char *s)
{
    if (!(is_digit((unsigned char)s[0]) && is_digit((unsigned char)s[1]) &&
          is_digit((unsigned char)s[2]) && is_digit((unsigned char)s[3])) ||
        is_digit((unsigned char)s[4]))
        return true;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= 1900 && y < 2200;
}

static void build_meta(walker *w, nf__meta *meta)
{
    memset(meta, 0, sizeof *meta);
    if (w->title.len)
        w->m[M_TITLE] = meta_text(w, w->title.data, w->title.len);
    if (w->author.len)
        w->m[M_REL_AUTHOR] = meta_text(w, w->author.data, w->author.len);

    static const int site[] = {M_LD_PUBLISHER, M_OG_SITE};
    meta->site_name = first_of(w, site, 2);
    static const int titles[] = {M_LD_HEADLINE, M_OG_TITLE, M_TW_TITLE, M_TITLE};
    for (size_t i = 0; i < 4 && !meta->title; i++) {
        const char *t = w->m[titles[i]];
        if (!t)
            continue;
        /* the page's own <h1> settles whether a " | Site" tail belongs to the title */
        const nf__block *h1 = NULL;
        for (size_t k = 0; k < w->blocks.len && !h1; k++)
            if (w->blocks.items[k].heading == 1 && w->blocks.items[k].link_density < 0.5f)
                h1 = &w->blocks.items[k];
        nf_slice hs = h1 ? (nf_slice){h1->text, h1->len} : (nf_slice){NULL, 0};
        const char *st = strip_title(w, t, meta->site_name, titles[i] != M_LD_HEADLINE);
        if (h1 && nf_slice_eq_nocase(nf_slice_from(t), hs))
            st = t;
        else if (h1 && st == t && title_head_is(t, hs)) /* "<h1 text> | Site" */
            st = nf_arena_strndup(w->doc->arena, h1->text, h1->len);
        else if (h1 && titles[i] == M_TITLE && h1->len >= 8 &&
                 (h1->in_main || contains_nocase(t, hs))) /* the article's headline */
            st = nf_arena_strndup(w->doc->arena, h1->text, h1->len);
        meta->title = st;
    }

    static const int pub[] = {M_LD_PUB, M_OG_PUB, M_META_PUB, M_TIME_PUB};
    for (size_t i = 0; i < 4; i++) /* "0001-01-01T00:00:00Z" is a CMS placeholder */
        if (w->m[pub[i]] && !plausible_date(w->m[pub[i]]))
            w->m[pub[i]] = NULL;
    static const int author[] = {M_LD_AUTHOR, M_OG_AUTHOR, M_META_AUTHOR, M_REL_AUTHOR};
    static const int url[] = {M_OG_URL, M_CANONICAL};
    static const int desc[] = {M_LD_DESC, M_OG_DESC, M_TW_DESC, M_DESC};
    meta->published = first_of(w, pub, 4);
    meta->author = first_of(w, author, 4);
    meta->url = first_of(w, url, 2);
    meta->description = first_of(w, desc, 4);
    meta->lang = lang_primary(w, w->m[M_LANG]);
    if (!meta->lang)
        meta->lang = lang_primary(w, w->m[M_META_LANG]);
    if (!meta->lang)
        meta->lang = lang_primary(w, w->m[M_OG_LOCALE]);
}

/* Joins the block texts with "\n\n" into doc->norm (the offsets were set at flush). */
static void build_norm(walker *w)
{
    nf_doc *doc = w->doc;
    char *norm = nf_arena_alloc(doc->arena, w->norm_len + 1);
    for (size_t i = 0; i < w->blocks.len; i++) {
        const nf__block *b = &w->blocks.items[i];
        if (i)
            memcpy(norm + b->src_start - 2, "\n\n", 2);
        memcpy(norm + b->src_start, b->text, b->len);
    }
    norm[w->norm_len] = '\0';
    doc->norm = norm;
    doc->norm_len = w->norm_len;
    doc->invalid_bytes = w->invalid;
}

/* Runs libxml2's HTML parser over clean UTF-8 text[0..len) with our SAX callbacks. */
static void parse(walker *w, const char *text, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        nf_xmalloc(SIZE_MAX); /* libxml2 out of memory: the one OOM path */
    w->ctxt = ctxt;
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->initialized = 1;
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    ctxt->sax->characters = on_text;
    ctxt->sax->ignorableWhitespace = on_text;
    ctxt->sax->cdataBlock = on_text;
    ctxt->userData = w;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    /* Not xmlParserInputBufferCreateStatic: in libxml2 2.9 its shrink/grow re-reads the
     * input from the start after a few KB. */
    xmlParserInputBufferPtr buf =
        xmlParserInputBufferCreateMem(text, (int)len, XML_CHAR_ENCODING_NONE);
    xmlParserInputPtr in = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
    if (!in) {
        if (buf)
            xmlFreeParserInputBuffer(buf);
        htmlFreeParserCtxt(ctxt);
        nf_xmalloc(SIZE_MAX);
    }
    inputPush(ctxt, in);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8); /* else libxml2 2.9 guesses latin-1 */
    htmlParseDocument(ctxt);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    htmlFreeParserCtxt(ctxt);
    w->ctxt = NULL;
}

static void walker_free(walker *w)
{
    nf_buf_free(&w->seg);
    nf_buf_free(&w->title);
    nf_buf_free(&w->author);
    nf_buf_free(&w->ld);
    nf_buf_free(&w->tmp);
    nf_vec_free(&w->blocks);
    nf_vec_free(&w->nodes);
    nf_vec_free(&w->srcs);
    free(w);
}

/* Contract in extract.h. Returns NF_ERR_EMPTY when the page has no text block,
 * NF_ERR_BINARY for binary junk, NF_ERR_TOOBIG above INT_MAX bytes (libxml2's limit), else
 * what the classifier returns. Reentrant: all state is per call. */
nf_status nf_extract_html(const nf_record *rec, const nf_extract_opts *opts, nf_doc **out)
{
    if (!rec || !out || (!rec->data && rec->len))
        return NF_ERR_INVALID;
    if (rec->len > (size_t)INT_MAX)
        return NF_ERR_TOOBIG;
    if (rec->len == 0)
        return NF_ERR_EMPTY;

    utf8_input in;
    nf_status st = to_utf8(rec->data, rec->len, rec->charset, &in);
    if (st != NF_OK)
        return st;

    xmlInitParser();
    walker *w = nf_xcalloc(1, sizeof *w);
    w->stack[0].node = -1;
    nf_doc *doc = nf_doc_new();
    w->doc = doc;
    doc->kind = NF_KIND_HTML;
    doc->id = rec->id ? nf_arena_strdup(doc->arena, rec->id) : NULL;
    doc->path = rec->path ? nf_arena_strdup(doc->arena, rec->path) : NULL;
    doc->url = rec->url ? nf_arena_strdup(doc->arena, rec->url) : NULL;

    tame_attributes(&in);
    if (in.len > (size_t)INT_MAX) {
        nf_buf_free(&in.owned);
        walker_free(w);
        nf_doc_free(doc);
        return NF_ERR_TOOBIG;
    }
    parse(w, in.data, in.len);
    nf_buf_free(&in.owned);
    w->stopped = false; /* after a stop: close what is open, keep the text gathered */
    while (w->depth > 0)
        on_end(w, NULL);
    seg_flush(w);
    w->invalid += in.invalid;

    if (w->blocks.len == 0) {
        walker_free(w);
        nf_doc_free(doc);
        return NF_ERR_EMPTY;
    }
    nf__meta meta;
    nf__dom_score(w->nodes.items, w->nodes.len, w->blocks.items, w->blocks.len);
    build_meta(w, &meta);
    nf__meta_from_record(&meta, rec);
    build_norm(w);
    st = nf__classify_blocks(doc, w->blocks.items, w->blocks.len, &meta, opts ? opts->dct : NULL);
    walker_free(w);
    if (st != NF_OK) {
        nf_doc_free(doc);
        return st;
    }
    *out = doc;
    return NF_OK;
}
