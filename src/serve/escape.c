/* Escaping for HTML text and attributes, percent-encoding and decoding of URL parts, and the
 * link-safety test for URLs that came from ingested pages. */
#include <string.h>
#include <strings.h>

#include "newsfuse/serve.h"

void nf_serve_html_escape(nf_buf *out, const char *s, size_t n)
{
    if (!s)
        return;
    nf_buf_reserve(out, n + n / 8 + 8);
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                rep = "\xef\xbf\xbd";
            else
                continue;
        }
        nf_buf_append(out, s + run, i - run);
        nf_buf_puts(out, rep);
        run = i + 1;
    }
    nf_buf_append(out, s + run, n - run);
}

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == '~';
}

void nf_serve_url_encode(nf_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; s && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c)) {
            nf_buf_putc(out, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            nf_buf_append(out, e, 3);
        }
    }
}

bool nf_serve_url_decode(nf_buf *out, const char *s, size_t n, bool plus)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n)
                return false;
            int hi = nf_hex_digit((unsigned char)s[i + 1]);
            int lo = nf_hex_digit((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0)
            return false;
        nf_buf_putc(out, (char)c);
    }
    return true;
}

bool nf_serve_safe_href(const char *u)
{
    if (!u)
        return false;
    size_t skip;
    if (!strncasecmp(u, "http://", 7))
        skip = 7;
    else if (!strncasecmp(u, "https://", 8))
        skip = 8;
    else
        return false;
    if (!u[skip] || u[skip] == '/')
        return false; /* no host */
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}
