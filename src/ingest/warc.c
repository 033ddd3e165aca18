/* WARC reader: a WARC 1.0/1.1 stream (plain, or gzip with one member per record, undone by
 * nf__in) -> one record per HTML page.
 *
 * A WARC record is a version line ("WARC/1.1"), named header fields up to an empty line,
 * a block of exactly Content-Length bytes, then CRLF CRLF. `response` records carry an HTTP
 * response (status line, header, body); `resource` records carry the payload itself. A
 * record becomes an nf_record when it is a 2xx response or a resource whose media type is
 * HTML (or, with no Content-Type, whose payload looks like HTML); its body is de-chunked
 * (Transfer-Encoding: chunked) and inflated (Content-Encoding: gzip, deflate) first. Every
 * other record (warcinfo, request, metadata, revisit, images, redirects...) is skipped and
 * counted.
 *
 * Damage is reported as "record N: reason" and read around: a Content-Length that does
 * not end at CRLF CRLF is checked against the next record header (too long: the block is
 * cut there; too short: the block runs up to it); a truncated record is handed out with
 * what there is; garbage between records is skipped up to the next line that starts a
 * record; a damaged gzip member (a break in nf__in) loses that member only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingest_int.h"

#define MAX_HEADER (1u << 20) /* a WARC header block longer than this is garbage */
#define MAX_URL 65536
#define TOO_LARGE "decoded payload too large"
#define PEEK_BLOCK (1u << 20) /* how far past a too-large header we look for the next one */

typedef struct {
    nf__job *j;
    nf_buf pay;  /* de-chunked payload */
    nf_buf pay2; /* inflated payload */
    nf_buf strs; /* NUL-terminated copies of url, date, charset */
    size_t n;    /* records seen (the number in messages) */
} warc;

typedef struct {
    nf_slice type, uri, date, ctype, clen;
    bool has_len;
    uint64_t len;
} warc_head;

/* ---- header blocks (WARC and HTTP share the syntax) -------------------------------------- */

/* Offset just past the empty line that ends a header block in s[0..n), searching lines
 * from `from`; 0 when it is not there (yet). Lines end in LF or CRLF. */
static size_t header_end(const char *s, size_t n, size_t from)
{
    size_t i = from;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            return 0;
        i = (size_t)(nl - s) + 1;
        if (i < n && s[i] == '\n')
            return i + 1;
        if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n')
            return i + 2;
    }
    return 0;
}

/* The next "Name: value" field of a header block s[*i..n); folded continuation lines are
 * part of the value. The first line (version or status line) must be skipped by the
 * caller. False at the end of the block. */
static bool next_field(const char *s, size_t n, size_t *i, nf_slice *name, nf_slice *value)
{
    while (*i < n) {
        size_t ls = *i;
        const char *nl = memchr(s + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - s) : n;
        *i = nl ? le + 1 : n;
        size_t e = le;
        if (e > ls && s[e - 1] == '\r')
            e--;
        if (e == ls)
            return false; /* the empty line */
        const char *colon = memchr(s + ls, ':', e - ls);
        if (!colon || s[ls] == ' ' || s[ls] == '\t')
            continue; /* not a field (or a stray continuation) */
        *name = nf_slice_trim((nf_slice){s + ls, (size_t)(colon - (s + ls))});
        size_t vs = (size_t)(colon - s) + 1;
        /* continuation lines */
        while (*i < n && (s[*i] == ' ' || s[*i] == '\t')) {
            const char *nl2 = memchr(s + *i, '\n', n - *i);
            e = nl2 ? (size_t)(nl2 - s) : n;
            if (e > *i && s[e - 1] == '\r')
                e--;
            *i = nl2 ? (size_t)(nl2 - s) + 1 : n;
        }
        *value = nf_slice_trim((nf_slice){s + vs, e - vs});
        return true;
    }
    return false;
}

static bool parse_u64(nf_slice v, uint64_t *out)
{
    uint64_t x = 0;
    if (v.len == 0 || v.len > 19)
        return false;
    for (size_t k = 0; k < v.len; k++) {
        if (v.ptr[k] < '0' || v.ptr[k] > '9')
            return false;
        x = x * 10 + (uint64_t)(v.ptr[k] - '0');
    }
    *out = x;
    return true;
}

static void parse_warc_head(const char *s, size_t n, warc_head *h)
{
    memset(h, 0, sizeof *h);
    h->type = h->uri = h->date = h->ctype = h->clen = (nf_slice){"", 0};
    const char *nl = memchr(s, '\n', n);
    size_t i = nl ? (size_t)(nl - s) + 1 : n;
    nf_slice name, value;
    while (next_field(s, n, &i, &name, &value)) {
        if (nf__ci_eq(name.ptr, name.len, "WARC-Type"))
            h->type = value;
        else if (nf__ci_eq(name.ptr, name.len, "WARC-Target-URI"))
            h->uri = value;
        else if (nf__ci_eq(name.ptr, name.len, "WARC-Date"))
            h->date = value;
        else if (nf__ci_eq(name.ptr, name.len, "Content-Type"))
            h->ctype = value;
        else if (nf__ci_eq(name.ptr, name.len, "Content-Length")) {
            h->clen = value;
            h->has_len = parse_u64(value, &h->len);
        }
    }
    /* WARC 1.0 drafts wrote the URI in angle brackets */
    if (h->uri.len >= 2 && h->uri.ptr[0] == '<' && h->uri.ptr[h->uri.len - 1] == '>') {
        h->uri.ptr++;
        h->uri.len -= 2;
    }
}

/* Offset of the next line in s[from..n) that starts a WARC record ("WARC/<digit>"), or
 * SIZE_MAX. */
static size_t find_record_start(const char *s, size_t n, size_t from)
{
    size_t i = from;
    while (i + 6 <= n) {
        const char *p = memmem(s + i, n - i, "WARC/", 5);
        if (!p)
            return SIZE_MAX;
        size_t k = (size_t)(p - s);
        if ((k == 0 || s[k - 1] == '\n') && k + 5 < n && p[5] >= '0' && p[5] <= '9')
            return k;
        i = k + 1;
    }
    return SIZE_MAX;
}

/* Length of s[0..n) without the line ends before a following record header. */
static size_t trim_crlf(const char *s, size_t n)
{
    for (int k = 0; k < 4 && n && (s[n - 1] == '\n' || s[n - 1] == '\r'); k++)
        n--;
    return n;
}

/* ---- media types, charsets, encodings ------------------------------------------------------ */

static nf_slice media_type(nf_slice ct)
{
    const char *semi = memchr(ct.ptr, ';', ct.len);
    return nf_slice_trim((nf_slice){ct.ptr, semi ? (size_t)(semi - ct.ptr) : ct.len});
}

static bool html_media(nf_slice mt)
{
    return nf__ci_eq(mt.ptr, mt.len, "text/html") ||
           nf__ci_eq(mt.ptr, mt.len, "application/xhtml+xml") ||
           nf__ci_eq(mt.ptr, mt.len, "application/xhtml") ||
           nf__ci_eq(mt.ptr, mt.len, "application/vnd.wap.xhtml+xml");
}

/* The charset parameter of a Content-Type value, empty if none. */
static nf_slice charset_of(nf_slice ct)
{
    for (size_t i = 0; i + 8 <= ct.len; i++) {
        if (strncasecmp(ct.ptr + i, "charset", 7) != 0)
            continue;
        size_t k = i + 7;
        while (k < ct.len && ct.ptr[k] == ' ')
            k++;
        if (k >= ct.len || ct.ptr[k] != '=')
            continue;
        k++;
        while (k < ct.len && ct.ptr[k] == ' ')
            k++;
        bool q = k < ct.len && (ct.ptr[k] == '"' || ct.ptr[k] == '\'');
        if (q)
            k++;
        size_t e = k;
        while (e < ct.len && ct.ptr[e] != ';' && ct.ptr[e] != ' ' && ct.ptr[e] != '"' &&
               ct.ptr[e] != '\'' && ct.ptr[e] != ',')
            e++;
        if (e > k && e - k < 64)
            return (nf_slice){ct.ptr + k, e - k};
    }
    return (nf_slice){"", 0};
}

static bool has_token(nf_slice v, const char *tok)
{
    size_t n = strlen(tok);
    for (size_t i = 0; i + n <= v.len; i++)
        if (strncasecmp(v.ptr + i, tok, n) == 0 && (i == 0 || v.ptr[i - 1] == ' ' ||
                                                     v.ptr[i - 1] == ',' || v.ptr[i - 1] == '\t') &&
            (i + n == v.len || v.ptr[i + n] == ' ' || v.ptr[i + n] == ',' || v.ptr[i + n] == ';'))
            return true;
    return false;
}

/* True when s starts like chunked data: hex digits, optional extensions, a line end. */
static bool looks_chunked(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 16 && nf_hex_digit((unsigned char)s[i]) >= 0)
        i++;
    if (i == 0 || i == 16)
        return false;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == ';');
}

/* De-chunks s[0..n) into out (at most max bytes). Returns NULL when complete, else what is
 * wrong; what could be decoded is in out either way. */
static const char *dechunk(const char *s, size_t n, nf_buf *out, size_t max)
{
    size_t i = 0;
    for (;;) {
        uint64_t size = 0;
        size_t d = 0;
        while (i < n && nf_hex_digit((unsigned char)s[i]) >= 0) {
            if (d++ >= 15)
                return "chunk size too large";
            size = size * 16 + (uint64_t)nf_hex_digit((unsigned char)s[i]);
            i++;
        }
        if (d == 0)
            return i >= n ? "chunked encoding ends without its last chunk"
                          : "bad chunk size line";
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            return "chunked encoding ends without its last chunk";
        i = (size_t)(nl - s) + 1;
        if (size == 0)
            return NULL; /* trailers, if any, are not needed */
        if (out->len + size > max)
            return TOO_LARGE;
        if (size > n - i) {
            nf_buf_append(out, s + i, n - i);
            return "chunked encoding ends inside a chunk";
        }
        nf_buf_append(out, s + i, (size_t)size);
        i += (size_t)size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
        else if (i < n)
            return "chunk not followed by a line end (wrong chunk size)";
        if (i >= n)
            return "chunked encoding ends without its last chunk";
    }
}

/* Inflates s[0..n) (gzip or zlib with wbits 32+15, raw deflate with -15) into out, at most
 * max bytes; concatenated gzip members are all read. Returns NULL when complete, else what
 * is wrong; what was inflated is in out either way. */
static const char *inflate_all(const char *s, size_t n, int wbits, nf_buf *out, size_t max)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return "inflate failed";
    z.next_in = (unsigned char *)(uintptr_t)s;
    z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    const char *why = NULL;
    for (;;) {
        nf_buf_reserve(out, 65536);
        size_t room = out->cap - out->len - 1;
        z.next_out = (unsigned char *)out->data + out->len;
        z.avail_out = room > UINT32_MAX ? UINT32_MAX : (uInt)room;
        int r = inflate(&z, Z_NO_FLUSH);
        out->len += (room > UINT32_MAX ? UINT32_MAX : room) - z.avail_out;
        out->data[out->len] = '\0';
        if (out->len > max) {
            why = TOO_LARGE;
            break;
        }
        if (r == Z_STREAM_END) {
            if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
                inflateReset(&z);
                continue;
            }
            break;
        }
        if (r == Z_OK)
            continue;
        if (r == Z_BUF_ERROR && z.avail_in == 0) {
            why = "compressed payload is truncated";
            break;
        }
        why = z.msg ? z.msg : "inflate failed";
        break;
    }
    inflateEnd(&z);
    return why;
}

/* ---- one record --------------------------------------------------------------------------- */

static size_t str_put(warc *w, nf_slice s, size_t cap)
{
    size_t off = w->strs.len;
    nf_buf_append(&w->strs, s.ptr, s.len < cap ? s.len : cap);
    nf_buf_putc(&w->strs, '\0');
    return off;
}

/* Handles the block of one record, block[0..len) inside the stream buffer at a spare byte
 * (block[len] may be overwritten during the callback and is restored). `cut` says why the
 * block is incomplete, or NULL. */
static void record(warc *w, const warc_head *h, char *block, size_t len, const char *cut)
{
    nf__job *j = w->j;
    nf_slice ctype = {"", 0}, date = h->date;
    nf_slice body = {block, len};
    bool response = nf__ci_eq(h->type.ptr, h->type.len, "response");
    bool resource = nf__ci_eq(h->type.ptr, h->type.len, "resource");
    nf_slice tenc = {"", 0}, cenc = {"", 0};
    if (!response && !resource) {
        nf__job_skip(j);
        return;
    }
    if (response) {
        if (len < 5 || memcmp(block, "HTTP/", 5) != 0) {
            nf__job_skip(j); /* dns:, ftp: ... */
            return;
        }
        size_t he = header_end(block, len, 0);
        if (he == 0) {
            if (cut)
                nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s inside the HTTP header",
                                w->n, cut);
            else
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: HTTP header without its empty line", w->n);
            return;
        }
        const char *sp = memchr(block, ' ', he);
        int status = 0;
        if (sp && sp + 4 <= block + he && sp[1] >= '0' && sp[1] <= '9' && sp[2] >= '0' &&
            sp[2] <= '9' && sp[3] >= '0' && sp[3] <= '9')
            status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
        if (status < 200 || status > 299) {
            nf__job_skip(j); /* redirects, errors, not modified */
            return;
        }
        const char *nl = memchr(block, '\n', he);
        size_t i = nl ? (size_t)(nl - block) + 1 : he;
        nf_slice name, value;
        nf_slice hdate = {"", 0};
        while (next_field(block, he, &i, &name, &value)) {
            if (nf__ci_eq(name.ptr, name.len, "Content-Type"))
                ctype = value;
            else if (nf__ci_eq(name.ptr, name.len, "Transfer-Encoding"))
                tenc = value;
            else if (nf__ci_eq(name.ptr, name.len, "Content-Encoding"))
                cenc = value;
            else if (nf__ci_eq(name.ptr, name.len, "Date"))
                hdate = value;
        }
        if (date.len == 0)
            date = hdate;
        body = (nf_slice){block + he, len - he};
    } else {
        ctype = h->ctype;
    }
    nf_slice mt = media_type(ctype);
    if (mt.len && !html_media(mt)) {
        nf__job_skip(j);
        return;
    }
    const char *bad = NULL;
    /* Transfer-Encoding: chunked, unless the crawler already removed it */
    if (has_token(tenc, "chunked") && looks_chunked(body.ptr, body.len)) {
        nf_buf_clear(&w->pay);
        bad = dechunk(body.ptr, body.len, &w->pay, j->max_doc);
        body = (nf_slice){w->pay.data, w->pay.len};
    }
    /* Content-Encoding */
    nf_slice ce = nf_slice_trim(cenc);
    if (ce.len && !nf__ci_eq(ce.ptr, ce.len, "identity") && !nf__ci_eq(ce.ptr, ce.len, "none")) {
        bool gz = nf__ci_eq(ce.ptr, ce.len, "gzip") || nf__ci_eq(ce.ptr, ce.len, "x-gzip");
        bool df = nf__ci_eq(ce.ptr, ce.len, "deflate");
        if (!gz && !df) {
            nf__job_skip(j);
            nf__job_problem(j, NF_ERR_UNSUPPORTED, false,
                            "record %zu: Content-Encoding %.*s is not supported, skipped", w->n,
                            (int)(ce.len > 40 ? 40 : ce.len), ce.ptr);
            return;
        }
        bool compressed = body.len >= 2 && (((unsigned char)body.ptr[0] == 0x1f &&
                                             (unsigned char)body.ptr[1] == 0x8b) ||
                                            df);
        if (compressed) {
            nf_buf_clear(&w->pay2);
            const char *zbad = inflate_all(body.ptr, body.len, 32 + MAX_WBITS, &w->pay2,
                                           j->max_doc);
            if (zbad && w->pay2.len == 0 && df) {
                nf_buf_clear(&w->pay2);
                zbad = inflate_all(body.ptr, body.len, -MAX_WBITS, &w->pay2, j->max_doc);
            }
            if (zbad && w->pay2.len == 0 && nf_ingest_sniff(body.ptr, body.len, NULL) ==
                                                NF_KIND_HTML) {
                zbad = NULL; /* labelled compressed, stored plain */
            } else {
                body = (nf_slice){w->pay2.data, w->pay2.len};
                if (zbad && !bad)
                    bad = zbad;
            }
        }
    }
    if (bad && strcmp(bad, TOO_LARGE) == 0) {
        nf__job_skip(j);
        nf__job_problem(j, NF_ERR_TOOBIG, false,
                        "record %zu: decoded payload larger than %zu bytes, skipped", w->n,
                        j->max_doc);
        return;
    }
    if (body.len == 0) {
        if (cut || bad)
            nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s, nothing left to read", w->n,
                            cut ? cut : bad);
        else
            nf__job_skip(j);
        return;
    }
    if (mt.len == 0 && nf_ingest_sniff(body.ptr, body.len, NULL) != NF_KIND_HTML) {
        nf__job_skip(j);
        return;
    }
    if (cut || bad)
        nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s; read in part", w->n,
                        cut ? cut : bad);

    nf_buf_clear(&w->strs);
    size_t o_url = str_put(w, h->uri, MAX_URL);
    char crawled[48] = "";
    if (date.len)
        nf__date_to_iso(date.ptr, date.len, crawled, sizeof crawled);
    nf_slice cs = charset_of(ctype);
    size_t o_cs = str_put(w, cs, 64);

    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.data = body.ptr;
    rec.len = body.len;
    rec.kind = NF_KIND_HTML;
    rec.url = h->uri.len ? w->strs.data + o_url : NULL;
    rec.charset = cs.len ? w->strs.data + o_cs : NULL;
    rec.crawled = crawled[0] ? crawled : NULL;
    rec.index = w->n;
    /* the block sits in the stream buffer: NUL-terminate it in place for the callback */
    char *endp = (char *)(uintptr_t)body.ptr + body.len, saved = *endp;
    *endp = '\0';
    nf__job_emit(j, &rec);
    *endp = saved;
}

/* Gives back the memory a huge payload left in the scratch buffers. */
static void scratch_shrink(warc *w)
{
    nf_buf *bufs[] = {&w->pay, &w->pay2};
    for (size_t i = 0; i < 2; i++)
        if (bufs[i]->cap > (8u << 20)) {
            nf_buf_free(bufs[i]);
            nf_buf_init(bufs[i]);
        }
}

/* ---- the stream --------------------------------------------------------------------------- */

/* Skips bytes up to the next line that starts a record (or the end). */
static void resync(nf__in *in)
{
    for (;;) {
        size_t a = nf__in_avail(in);
        size_t k = find_record_start(nf__in_ptr(in), a, 1);
        if (k != SIZE_MAX) {
            nf__in_skip(in, k);
            return;
        }
        if (in->eof || in->brk) {
            nf__in_skip(in, a);
            return;
        }
        if (a > 8)
            nf__in_skip(in, a - 8);
        nf__in_fill(in, nf__in_avail(in) + 65536);
    }
}

/* True when what follows the block at offset `at` is a proper record end: CRLF CRLF, or
 * line ends and then a record header or the end of the input. */
static bool good_trailer(nf__in *in, size_t at)
{
    size_t a = nf__in_fill(in, at + 16);
    const char *s = nf__in_ptr(in);
    if (a >= at + 4 && memcmp(s + at, "\r\n\r\n", 4) == 0)
        return true;
    size_t k = at;
    for (;;) {
        while (k < a && (s[k] == '\r' || s[k] == '\n'))
            k++;
        if (k < a || k - at > 4096 || in->eof || in->brk)
            break;
        a = nf__in_fill(in, k + 16);
        s = nf__in_ptr(in);
    }
    if (k == a)
        return true;
    size_t m = a - k < 5 ? a - k : 5;
    return memcmp(s + k, "WARC/", m) == 0 && (m == 5 || in->eof || in->brk);
}

void nf__warc_read(nf__job *j)
{
    nf__in *in = j->in;
    warc w;
    memset(&w, 0, sizeof w);
    w.j = j;
    nf_buf_init(&w.pay);
    nf_buf_init(&w.pay2);
    nf_buf_init(&w.strs);
    while (j->cb == NF_OK) {
        /* line ends and blanks between records */
        for (;;) {
            size_t a = nf__in_fill(in, 1);
            const char *s = nf__in_ptr(in);
            size_t k = 0;
            while (k < a && (s[k] == '\r' || s[k] == '\n' || s[k] == ' ' || s[k] == '\t'))
                k++;
            nf__in_skip(in, k);
            if (k < a || a == 0)
                break;
        }
        if (nf__in_avail(in) == 0) {
            if (!in->brk)
                break;
            nf__job_problem(j, NF_ERR_PARSE, true,
                            "after record %zu: %s, skipped to the next member", w.n, in->brk_why);
            if (!nf__in_resume(in))
                break;
            continue;
        }
        w.n++;
        size_t a = nf__in_fill(in, 8);
        if (a < 6 || memcmp(nf__in_ptr(in), "WARC/", 5) != 0) {
            nf__job_problem(j, NF_ERR_PARSE, true,
                            "record %zu: no WARC header here, skipped to the next record", w.n);
            resync(in);
            continue;
        }
        /* the header block */
        size_t he = 0, scanned = 0;
        for (;;) {
            a = nf__in_avail(in);
            he = header_end(nf__in_ptr(in), a, scanned);
            if (he || in->eof || in->brk || a > MAX_HEADER)
                break;
            scanned = a > 3 ? a - 3 : 0;
            nf__in_fill(in, a + 65536);
        }
        if (!he) {
            if (a > MAX_HEADER) {
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: WARC header longer than 1 MB, skipped", w.n);
                nf__in_skip(in, 1);
                resync(in);
                continue;
            }
            nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s inside the WARC header", w.n,
                            in->brk ? in->brk_why : "the input ends");
            nf__in_skip(in, a);
            if (in->brk && nf__in_resume(in))
                continue;
            break;
        }
        warc_head h;
        parse_warc_head(nf__in_ptr(in), he, &h);
        bool wanted = nf__ci_eq(h.type.ptr, h.type.len, "response") ||
                      nf__ci_eq(h.type.ptr, h.type.len, "resource");
        const char *cut = NULL;
        char why[400];
        size_t blen;
        if (!h.has_len) {
            /* no usable length: the block runs to the next record header */
            size_t k;
            for (;;) {
                a = nf__in_avail(in);
                k = find_record_start(nf__in_ptr(in), a, he);
                if (k != SIZE_MAX || in->eof || in->brk || a > j->max_doc + he)
                    break;
                nf__in_fill(in, a * 2);
            }
            if (k == SIZE_MAX)
                k = a > j->max_doc + he ? j->max_doc + he : a;
            blen = trim_crlf(nf__in_ptr(in) + he, k - he);
            nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s, read up to the next record",
                            w.n, h.clen.len ? "bad Content-Length" : "no Content-Length");
            parse_warc_head(nf__in_ptr(in), he, &h); /* the buffer may have moved */
            if (wanted)
                record(&w, &h, in->buf + in->pos + he, blen, NULL);
            else
                nf__job_skip(j);
            nf__in_skip(in, he + blen);
            nf__in_shrink(in);
            continue;
        }
        if (h.len > j->max_doc) {
            /* a length this large is often a damaged one: is the next record close? */
            a = nf__in_fill(in, he + PEEK_BLOCK);
            size_t k = find_record_start(nf__in_ptr(in) + he, a - he, 1);
            if (k != SIZE_MAX && (uint64_t)k < h.len) {
                blen = trim_crlf(nf__in_ptr(in) + he, k);
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: Content-Length %llu is longer than the block "
                                "(%zu bytes; the next record starts inside it)",
                                w.n, (unsigned long long)h.len, blen);
                parse_warc_head(nf__in_ptr(in), he, &h); /* the buffer may have moved */
                if (wanted)
                    record(&w, &h, in->buf + in->pos + he, blen, NULL);
                else
                    nf__job_skip(j);
                nf__in_skip(in, he + blen);
                continue;
            }
            if (wanted)
                nf__job_problem(j, NF_ERR_TOOBIG, false,
                                "record %zu: too large (%llu bytes), skipped", w.n,
                                (unsigned long long)h.len);
            nf__job_skip(j);
            uint64_t want = he + h.len, got = nf__in_discard(in, want);
            if (got < want && in->brk) {
                nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s", w.n, in->brk_why);
                nf__in_resume(in);
            }
            continue;
        }
        size_t cl = (size_t)h.len;
        a = nf__in_fill(in, he + cl + 4);
        if (a < he + cl) {
            /* the input ends (or a gzip member breaks) inside the block */
            size_t k = find_record_start(nf__in_ptr(in) + he, a - he, 1);
            if (k != SIZE_MAX) {
                blen = trim_crlf(nf__in_ptr(in) + he, k);
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: Content-Length %zu is longer than the block "
                                "(%zu bytes; the next record starts inside it)",
                                w.n, cl, blen);
            } else {
                blen = a - he;
                snprintf(why, sizeof why, "truncated: Content-Length %zu, %s after %zu bytes", cl,
                         in->brk ? in->brk_why : "the input ends", blen);
                cut = why;
            }
        } else if (good_trailer(in, he + cl)) {
            blen = cl;
        } else {
            /* the next record header may start inside the block and run past its end */
            size_t k = find_record_start(nf__in_ptr(in) + he, a - he, 1);
            if (k != SIZE_MAX && k <= cl) {
                blen = trim_crlf(nf__in_ptr(in) + he, k);
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: Content-Length %zu is longer than the block "
                                "(%zu bytes; the next record starts inside it)",
                                w.n, cl, blen);
            } else {
                size_t from = k != SIZE_MAX ? he + k : he + cl;
                for (;;) {
                    a = nf__in_avail(in);
                    k = find_record_start(nf__in_ptr(in), a, from > 0 ? from - 1 : 0);
                    if (k != SIZE_MAX || in->eof || in->brk || a > j->max_doc + he)
                        break;
                    from = a > 8 ? a - 8 : he;
                    nf__in_fill(in, a * 2);
                }
                if (k == SIZE_MAX)
                    k = a > j->max_doc + he ? he + cl : a;
                blen = trim_crlf(nf__in_ptr(in) + he, k - he);
                nf__job_problem(j, NF_ERR_PARSE, true,
                                "record %zu: Content-Length %zu is shorter than the block "
                                "(%zu bytes), read up to the next record",
                                w.n, cl, blen);
            }
        }
        parse_warc_head(nf__in_ptr(in), he, &h); /* the buffer may have moved */
        if (wanted)
            record(&w, &h, in->buf + in->pos + he, blen, cut);
        else if (cut)
            nf__job_problem(j, NF_ERR_PARSE, true, "record %zu: %s", w.n, cut);
        else
            nf__job_skip(j);
        nf__in_skip(in, he + blen);
        if (cut && in->brk)
            nf__in_resume(in);
        nf__in_shrink(in);
        scratch_shrink(&w);
    }
    nf_buf_free(&w.pay);
    nf_buf_free(&w.pay2);
    nf_buf_free(&w.strs);
}
