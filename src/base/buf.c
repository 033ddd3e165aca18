/* Growable byte buffers and slices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/base.h"

nf_slice nf_slice_from(const char *s) { return (nf_slice){s, s ? strlen(s) : 0}; }

bool nf_slice_eq(nf_slice a, nf_slice b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool nf_slice_eq_nocase(nf_slice a, nf_slice b)
{
    if (a.len != b.len)
        return false;
    for (size_t i = 0; i < a.len; i++) {
        unsigned char x = (unsigned char)a.ptr[i], y = (unsigned char)b.ptr[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* Length of a white-space sequence at p (ASCII space/tab/newline, NBSP, U+2000..U+200B,
 * U+202F, U+205F, U+3000, BOM), 0 if none. */
static size_t space_at(const unsigned char *p, size_t n)
{
    if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF))
        return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3;
    return 0;
}

static size_t space_before(const unsigned char *p, size_t n)
{
    if (n >= 1 && (p[n - 1] == ' ' || (p[n - 1] >= '\t' && p[n - 1] <= '\r')))
        return 1;
    if (n >= 2 && space_at(p + n - 2, 2) == 2)
        return 2;
    if (n >= 3 && space_at(p + n - 3, 3) == 3)
        return 3;
    return 0;
}

nf_slice nf_slice_trim(nf_slice s)
{
    const unsigned char *p = (const unsigned char *)s.ptr;
    size_t n = s.len, k;
    while (n && (k = space_at(p, n)) > 0) {
        p += k;
        n -= k;
    }
    while (n && (k = space_before(p, n)) > 0)
        n -= k;
    return (nf_slice){(const char *)p, n};
}

void nf_buf_init(nf_buf *b) { memset(b, 0, sizeof *b); }

void nf_buf_free(nf_buf *b)
{
    free(b->data);
    nf_buf_init(b);
}

void nf_buf_reserve(nf_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 256;
    while (c < b->len + extra + 1)
        c *= 2;
    b->data = nf_xrealloc(b->data, c);
    b->cap = c;
}

void nf_buf_append(nf_buf *b, const char *s, size_t n)
{
    nf_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nf_buf_puts(nf_buf *b, const char *s) { nf_buf_append(b, s, strlen(s)); }
void nf_buf_putc(nf_buf *b, char c) { nf_buf_append(b, &c, 1); }

void nf_buf_printf(nf_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        nf_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void nf_buf_clear(nf_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *nf_buf_detach(nf_buf *b, size_t *len)
{
    if (!b->data)
        nf_buf_reserve(b, 0), b->data[0] = '\0';
    char *d = b->data;
    if (len)
        *len = b->len;
    nf_buf_init(b);
    return d;
}
