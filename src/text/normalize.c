/* Text normalisation: UTF-8 repair, line endings, Unicode NFC, code point classes, folding.
 *
 * Input: any bytes. Output: valid, NFC-normalised UTF-8 in the caller's arena. Work is linear
 * in the input and memory is bounded by a few times the input: NFC runs over chunks that end
 * before an ASCII byte or another code point that can neither reorder nor compose with what
 * precedes it, so one 50 MB line never becomes one 200 MB utf8proc call. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newsfuse/text.h"

#define REPLACEMENT 0xFFFD
#define NFC_CHUNK (64u << 10)

/* utf8proc reports allocation failure as a status; route it to the one OOM hook. */
static void out_of_memory(void) { nf_xmalloc(SIZE_MAX); }

/* Length of the valid UTF-8 sequence at s[0..n) and its code point in *cp, or 0 when the
 * first byte does not start one (overlong forms, surrogates and > U+10FFFF are invalid). */
static size_t decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b < 0xC2)
        return 0;
    if (b < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((b & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((b == 0xE0 && s[1] < 0xA0) || (b == 0xED && s[1] >= 0xA0))
            return 0;
        *cp = ((b & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (b < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((b == 0xF0 && s[1] < 0x90) || (b == 0xF4 && s[1] >= 0x90))
            return 0;
        *cp = ((b & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

size_t nf_utf8_byte_at(const char *s, size_t len, size_t cp, size_t *pos, size_t *at)
{
    if (cp < *at)
        *pos = 0, *at = 0;
    while (*pos < len && *at < cp) {
        (*pos)++;
        while (*pos < len && ((unsigned char)s[*pos] & 0xC0) == 0x80)
            (*pos)++;
        (*at)++;
    }
    return *pos;
}

int32_t nf_utf8_next(const char *s, size_t len, size_t *i)
{
    if (*i >= len)
        return -1;
    const unsigned char *p = (const unsigned char *)s + *i;
    int32_t cp;
    size_t n = decode(p, len - *i, &cp);
    if (!n) {
        *i += 1;
        return REPLACEMENT;
    }
    *i += n;
    return cp;
}

/* Pass 1: valid UTF-8, no NULs, LF line ends, no leading byte order mark. */
static size_t repair(const char *in, size_t len, nf_buf *b, bool *ascii)
{
    static const char fffd[3] = {'\xEF', '\xBF', '\xBD'};
    const unsigned char *s = (const unsigned char *)in;
    size_t bad = 0, i = 0, run = 0;
    bool only_ascii = true;
    nf_buf_reserve(b, len + len / 8 + 16);
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = run = 3;
    while (i < len) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            int32_t cp;
            size_t n = decode(s + i, len - i, &cp);
            if (n) {
                only_ascii = false;
                i += n;
                continue;
            }
        } else if (c != '\0' && c != '\r') {
            i++;
            continue;
        }
        nf_buf_append(b, in + run, i - run);
        if (c == '\r') {
            nf_buf_putc(b, '\n');
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else if (c >= 0x80) {
            nf_buf_append(b, fffd, sizeof fffd);
            only_ascii = false;
            bad++;
        }
        run = ++i;
    }
    nf_buf_append(b, in + run, len - run);
    *ascii = only_ascii;
    return bad;
}

/* True when NFC cannot join cp to what comes before it nor reorder across it: a cut before cp
 * leaves the normal form unchanged. */
static bool nfc_safe_start(int32_t cp)
{
    if (cp < 0x80)
        return true;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return false;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0)
        return false;
    switch (p->category) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return false;
    default:
        return p->comb_index == UINT16_MAX || p->comb_index < 0x8000;
    }
}

/* A per-thread memo of utf8proc results for short non-ASCII runs. News text sends the same
 * few runs through utf8proc over and over (a curly quote with the letter before it, an
 * accented word), and each utf8proc_map call allocates; the memo returns the same bytes
 * without the call. Direct-mapped on a hash of the input; a run longer than MEMO_KEY or a
 * result longer than MEMO_OUT is never stored. */
#define MEMO_KEY 24
#define MEMO_OUT 40
#define MEMO_SLOTS 4096

typedef struct {
    uint8_t klen, olen; /* klen 0: empty */
    char key[MEMO_KEY];
    char out[MEMO_OUT];
} memo_slot;

static _Thread_local memo_slot nfc_memo[MEMO_SLOTS], fold_memo[MEMO_SLOTS];

static memo_slot *memo_find(memo_slot *tab, const char *s, size_t n, bool *hit)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    memo_slot *m = &tab[(h ^ (h >> 15)) & (MEMO_SLOTS - 1)];
    *hit = m->klen == n && memcmp(m->key, s, n) == 0;
    return m;
}

static void memo_store(memo_slot *m, const char *s, size_t n, const char *out, size_t olen)
{
    if (n == 0 || n > MEMO_KEY || olen > MEMO_OUT)
        return;
    m->klen = (uint8_t)n;
    memcpy(m->key, s, n);
    m->olen = (uint8_t)olen;
    memcpy(m->out, out, olen);
}

/* ---- code points that fold and normalise on their own ------------------------------------
 *
 * For a BMP code point whose NFC and case-folding steps start with a starter that nothing
 * before it can join or reorder across (nfc_safe_start), the NFC or folding of a run of such
 * code points is the concatenation of their own: utf8proc's casefold and decomposition work
 * code point by code point, and canonical reordering and composition stop at such starters.
 * Each code point's answer is computed once (through utf8proc itself), 256 at a time. */

typedef struct {
    bool simple;  /* its folding and NFC may be concatenated */
    bool nfc_same; /* NFC leaves it as it is */
    uint8_t flen;  /* bytes of its folding */
    char fold[9];
} cp_info;

static cp_info *cp_blocks[256];
static pthread_once_t cp_once[256];
static size_t cp_block_now; /* the block the once-routine builds (set under its once) */
static pthread_mutex_t cp_lock = PTHREAD_MUTEX_INITIALIZER;

static void build_cp_block(void)
{
    size_t blk = cp_block_now;
    cp_info *t = nf_xcalloc(256, sizeof *t);
    for (size_t k = 0; k < 256; k++) {
        int32_t cp = (int32_t)(blk * 256 + k);
        cp_info *ci = &t[k];
        if (cp < 0x80 || (cp >= 0xD800 && cp <= 0xDFFF) || !nfc_safe_start(cp))
            continue;
        utf8proc_uint8_t u[4];
        utf8proc_ssize_t ul = utf8proc_encode_char(cp, u);
        /* NFC must leave it alone (then fold_slow's folding is utf8proc's of cp itself) */
        utf8proc_uint8_t *dst = NULL;
        utf8proc_ssize_t nn = utf8proc_map(u, ul, &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        bool same = nn == ul && memcmp(dst, u, (size_t)ul) == 0;
        free(dst);
        if (!same)
            continue;
        /* what folding decomposes it into must start with a safe starter */
        utf8proc_int32_t seq[8];
        int bc = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(
            cp, seq, 8, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &bc);
        if (n < 1 || n > 8 || !nfc_safe_start(seq[0]))
            continue;
        dst = NULL;
        nn = utf8proc_map(u, ul, &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        if (nn > 0 && (size_t)nn <= sizeof ci->fold) {
            memcpy(ci->fold, dst, (size_t)nn);
            ci->flen = (uint8_t)nn;
            ci->simple = ci->nfc_same = true;
        }
        free(dst);
    }
    __atomic_store_n(&cp_blocks[blk], t, __ATOMIC_RELEASE);
}

/* The table entry of BMP code point cp (>= 0x80), built on first use. */
static const cp_info *cp_lookup(int32_t cp)
{
    size_t blk = (size_t)cp >> 8;
    cp_info *t = __atomic_load_n(&cp_blocks[blk], __ATOMIC_ACQUIRE);
    if (!t) {
        pthread_mutex_lock(&cp_lock); /* one block at a time: cp_block_now is shared */
        cp_block_now = blk;
        pthread_once(&cp_once[blk], build_cp_block);
        pthread_mutex_unlock(&cp_lock);
        t = cp_blocks[blk];
    }
    return &t[cp & 0xFF];
}

/* Appends the folding (fold) or NFC (!fold) of s[0..n) (valid UTF-8: no ASCII but
 * possibly the first byte, which is an ASCII character before the run) when every code
 * point is simple; false, with out unchanged, otherwise. */
static bool run_by_cp(const char *s, size_t n, bool fold, nf_buf *out)
{
    size_t i = 0, start = out->len;
    nf_buf_reserve(out, n * 3 + 4);
    if (n && (unsigned char)s[0] < 0x80) {
        if (s[0] == '\0' || s[0] == '\r')
            return false;
        out->data[out->len++] = fold && s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] + 32) : s[0];
        i = 1;
    }
    while (i < n) {
        int32_t cp;
        size_t k = decode((const unsigned char *)s + i, n - i, &cp);
        if (!k || cp < 0x80 || cp > 0xFFFF)
            goto no;
        const cp_info *ci = cp_lookup(cp);
        if (!ci->simple || (!fold && !ci->nfc_same))
            goto no;
        if (fold) {
            nf_buf_reserve(out, ci->flen + 1);
            memcpy(out->data + out->len, ci->fold, ci->flen);
            out->len += ci->flen;
        } else {
            nf_buf_reserve(out, k + 1);
            memcpy(out->data + out->len, s + i, k);
            out->len += k;
        }
        i += k;
    }
    out->data[out->len] = '\0';
    return true;
no:
    out->len = start;
    out->data[start] = '\0';
    return false;
}

/* Pass 2: NFC of valid UTF-8, chunk by chunk, appended to out. */
static void nfc_chunked(const char *s, size_t len, nf_buf *out)
{
    if (run_by_cp(s, len, false, out))
        return;
    bool hit = false;
    memo_slot *m = len <= MEMO_KEY ? memo_find(nfc_memo, s, len, &hit) : NULL;
    if (hit) {
        nf_buf_append(out, m->out, m->olen);
        return;
    }
    size_t out_start = out->len;
    size_t start = 0;
    while (start < len) {
        size_t end = start + NFC_CHUNK < len ? start + NFC_CHUNK : len;
        bool ascii = true;
        if (end < len) {
            /* Move the cut forward to a safe starter; a run without one is taken whole. */
            size_t i = end;
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
            while (i < len) {
                size_t j = i;
                int32_t cp = nf_utf8_next(s, len, &j);
                if (nfc_safe_start(cp))
                    break;
                i = j;
            }
            end = i;
        }
        for (size_t i = start; i < end; i++) {
            if ((unsigned char)s[i] >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            nf_buf_append(out, s + start, end - start);
        } else {
            utf8proc_uint8_t *dst = NULL;
            utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s + start,
                                              (utf8proc_ssize_t)(end - start), &dst,
                                              UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (n < 0) {
                if (n == UTF8PROC_ERROR_NOMEM)
                    out_of_memory();
                nf_buf_append(out, s + start, end - start);
            } else {
                nf_buf_append(out, (const char *)dst, (size_t)n);
            }
            free(dst);
        }
        start = end;
    }
    if (m)
        memo_store(m, s, len, out->data + out_start, out->len - out_start);
}

/* NFC of repaired UTF-8, touching only what can change: ASCII passes through, and each run
 * of non-ASCII characters (with the ASCII character before it, which a combining mark may
 * attach to) goes through utf8proc. A boundary before an ASCII character is always safe:
 * no composition takes an ASCII character as its second part, and reordering stops at
 * starters. News text is mostly ASCII with curly quotes and accents, so this is several
 * times faster than normalising every chunk whole. */
static void nfc(const char *s, size_t len, nf_buf *out)
{
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        while (k < len && (unsigned char)s[k] < 0x80)
            k++;
        if (k == len) {
            nf_buf_append(out, s + i, len - i);
            break;
        }
        size_t seg = k > i ? k - 1 : k;
        nf_buf_append(out, s + i, seg - i);
        size_t p = k;
        while (p < len && (unsigned char)s[p] >= 0x80)
            p++;
        nfc_chunked(s + seg, p - seg, out);
        i = p;
    }
}

nf_status nf_text_normalize(nf_arena *a, const char *in, size_t len, const char **out,
                            size_t *out_len, size_t *n_invalid)
{
    nf_buf rep, norm;
    nf_buf_init(&rep);
    bool ascii;
    size_t bad = repair(in ? in : "", in ? len : 0, &rep, &ascii);
    const nf_buf *res = &rep;
    nf_buf_init(&norm);
    if (!ascii) {
        nf_buf_reserve(&norm, rep.len + 16);
        nfc(rep.data, rep.len, &norm);
        res = &norm;
    }
    *out = nf_arena_strndup(a, res->data ? res->data : "", res->len);
    *out_len = res->len;
    if (n_invalid)
        *n_invalid = bad;
    nf_buf_free(&rep);
    nf_buf_free(&norm);
    return NF_OK;
}

bool nf_text_is_binary(const char *in, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
    } magics[] = {
        {"%PDF-", 5},         {"\x89PNG\r\n\x1a\n", 8}, {"GIF87a", 6},     {"GIF89a", 6},
        {"\xFF\xD8\xFF", 3},  {"PK\x03\x04", 4},        {"\x1F\x8B", 2},   {"BZh", 3},
        {"\xFD" "7zXZ", 5},   {"\x7F" "ELF", 4},        {"RIFF", 4},       {"\x00\x00\x01\x00", 4},
        {"wOFF", 4},          {"wOF2", 4},              {"OggS", 4},       {"ID3", 3},
    };
    for (size_t k = 0; k < sizeof magics / sizeof magics[0]; k++)
        if (len >= magics[k].len && memcmp(in, magics[k].magic, magics[k].len) == 0)
            return true;
    size_t n = len < 65536 ? len : 65536;
    size_t nul = 0, ctrl = 0, bad = 0, i = 0;
    const unsigned char *s = (const unsigned char *)in;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0) {
            nul++;
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
                   c != 0x1B) {
            ctrl++;
        } else if (c >= 0x80) {
            int32_t cp;
            size_t k = decode(s + i, len - i, &cp);
            if (k) {
                i += k;
                continue;
            }
            bad++;
        }
        i++;
    }
    if (n == 0)
        return false;
    return nul * 100 > n || ctrl * 20 > n || (nul + ctrl + bad) * 10 > n * 3;
}

bool nf_cp_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

bool nf_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool nf_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool nf_cp_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool nf_cp_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
        cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
        cp == 0xFEFF)
        return true;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

bool nf_cp_is_punct(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return true;
    default:
        return false;
    }
}

static const char *fold_slow(nf_arena *a, const char *s, size_t len, size_t *out_len);

const char *nf_text_fold(nf_arena *a, const char *s, size_t len, size_t *out_len)
{
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80 || s[i] == '\0' || s[i] == '\r') {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        char *d = nf_arena_alloc(a, len + 1);
        for (size_t i = 0; i < len; i++)
            d[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        if (out_len)
            *out_len = len;
        return d;
    }
    /* mixed text: ASCII lower-cased here, each non-ASCII run (with the ASCII character
     * before it) case-folded by utf8proc */
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_reserve(&b, len + 16);
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        while (k < len && (unsigned char)s[k] < 0x80 && s[k] != '\0' && s[k] != '\r')
            k++;
        size_t seg = k > i && k < len ? k - 1 : k;
        nf_buf_reserve(&b, seg - i);
        for (size_t q = i; q < seg; q++)
            b.data[b.len++] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
        b.data[b.len] = '\0';
        if (k == len)
            break;
        size_t p = k;
        while (p < len && ((unsigned char)s[p] >= 0x80 || s[p] == '\0' || s[p] == '\r'))
            p++;
        bool hit = false;
        memo_slot *m = NULL;
        if (run_by_cp(s + seg, p - seg, true, &b)) {
            i = p;
            continue;
        }
        m = p - seg <= MEMO_KEY ? memo_find(fold_memo, s + seg, p - seg, &hit) : NULL;
        if (hit) {
            nf_buf_append(&b, m->out, m->olen);
        } else {
            size_t fl;
            const char *f = fold_slow(a, s + seg, p - seg, &fl);
            nf_buf_append(&b, f, fl);
            if (m)
                memo_store(m, s + seg, p - seg, f, fl);
        }
        i = p;
    }
    const char *res = nf_arena_strndup(a, b.data ? b.data : "", b.len);
    if (out_len)
        *out_len = b.len;
    nf_buf_free(&b);
    return res;
}

/* Case folding of any bytes through repair, NFC and utf8proc's CASEFOLD. */
static const char *fold_slow(nf_arena *a, const char *s, size_t len, size_t *out_len)
{
    const char *norm;
    size_t nlen;
    nf_text_normalize(a, s, len, &norm, &nlen, NULL);
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)norm, (utf8proc_ssize_t)nlen, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) {
        free(dst);
        if (n == UTF8PROC_ERROR_NOMEM)
            out_of_memory();
        if (out_len)
            *out_len = nlen;
        return norm;
    }
    const char *d = nf_arena_strndup(a, (const char *)dst, (size_t)n);
    free(dst);
    if (out_len)
        *out_len = (size_t)n;
    return d;
}
