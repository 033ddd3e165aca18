/* Ingest: files, folders (recursively, in name order) and standard input become records.
 *
 * Each input is opened as a stream (nf__in): gzip is undone on the fly, then the kind is
 * sniffed from the first decoded bytes (then the extension) and the input goes to its
 * reader: one record for a page or a text dump, or a container reader (warc.c, jsonl.c,
 * feed.c) that streams records one at a time. Inputs that cannot be read are reported
 * through on_error with a one-line reason and skipped; damaged records inside a container
 * are reported as "record N: reason" (or "line N: reason"); the walk goes on, so one bad
 * file never loses the others. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest/ingest_int.h"
#include "newsfuse/text.h"

#define SNIFF_BYTES 65536
#define READ_CHUNK (256u << 10)     /* raw bytes asked of read() at a time */
#define KEEP_MEMBER (16u << 20)     /* compressed bytes kept to resync inside a bad member */
#define MAX_PROBLEMS 20             /* problem lines per input; the rest are summed up */
#define PROGRESS_MIN (50ull << 20)  /* inputs smaller than this show no progress */

/* ======================================================================================
 * Small helpers
 * ====================================================================================== */

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot ? dot + 1 : "";
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bool nf__ci_prefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    return len >= n && strncasecmp(s, lit, n) == 0;
}

bool nf__ci_eq(const char *a, size_t alen, const char *lit)
{
    return alen == strlen(lit) && strncasecmp(a, lit, alen) == 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ======================================================================================
 * Sniffing and ids
 * ====================================================================================== */

nf_input_kind nf_ingest_sniff(const char *data, size_t len, const char *path)
{
    const char *e = path ? ext_of(path) : "";
    if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b)
        return NF_KIND_GZIP;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    const char *s = data + i;
    size_t n = len - i;
    if (nf__ci_prefix(s, n, "WARC/"))
        return NF_KIND_WARC;
    /* JSON lines: an object and a line end early on; or, for one long first line, an
     * object that opens with a key, or a .jsonl/.ndjson name */
    if (n && s[0] == '{') {
        size_t k = 1;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (memchr(s, '\n', n < SNIFF_BYTES ? n : SNIFF_BYTES) || (k < n && s[k] == '"') ||
            !strcasecmp(e, "jsonl") || !strcasecmp(e, "ndjson"))
            return NF_KIND_JSONL;
    }
    if (nf__ci_prefix(s, n, "<!doctype html") || nf__ci_prefix(s, n, "<html") ||
        nf__ci_prefix(s, n, "<head") || nf__ci_prefix(s, n, "<body") ||
        nf__ci_prefix(s, n, "<meta"))
        return NF_KIND_HTML;
    /* a container named so, whose first bytes are damaged (a cut first record, a bad line) */
    if (path && (!strcasecmp(e, "warc") || ends_with_ci(path, ".warc.gz")))
        return NF_KIND_WARC;
    if (path && (!strcasecmp(e, "jsonl") || !strcasecmp(e, "ndjson") ||
                 ends_with_ci(path, ".jsonl.gz") || ends_with_ci(path, ".ndjson.gz")))
        return NF_KIND_JSONL;
    if (n && s[0] == '<') {
        size_t lim = n < 2048 ? n : 2048;
        char head[2049];
        memcpy(head, s, lim);
        head[lim] = '\0';
        for (size_t k = 0; k < lim; k++)
            if (head[k] >= 'A' && head[k] <= 'Z')
                head[k] = (char)(head[k] + 32);
            else if (head[k] == '\0')
                head[k] = ' ';
        if (strstr(head, "<rss") || strstr(head, "<feed") || strstr(head, "<rdf:rdf"))
            return NF_KIND_FEED;
        if (strstr(head, "<html") || strstr(head, "<div") || strstr(head, "<p>") ||
            strstr(head, "<p ") || strstr(head, "<title"))
            return NF_KIND_HTML;
    }
    if (!strcasecmp(e, "html") || !strcasecmp(e, "htm") || !strcasecmp(e, "xhtml"))
        return NF_KIND_HTML;
    return NF_KIND_TEXT;
}

void nf_ingest_id_from_path(const char *path, char *buf, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!strcmp(path, "-"))
        base = "stdin", dot = NULL;
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, base, n);
    buf[n] = '\0';
}

void nf_ingest_id_from_url(const char *url, size_t len, char *buf, size_t cap)
{
    snprintf(buf, cap, "%016llx", (unsigned long long)nf_hash(url, len));
}

/* The id base of a container: its basename without .gz and one more extension. */
static void container_base(const char *path, char *buf, size_t cap)
{
    char tmp[256];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(tmp, sizeof tmp, "%s", strcmp(path, "-") ? base : "stdin");
    size_t n = strlen(tmp);
    if (n > 3 && !strcasecmp(tmp + n - 3, ".gz"))
        tmp[n - 3] = '\0';
    nf_ingest_id_from_path(tmp, buf, cap);
}

/* ======================================================================================
 * Dates as containers write them
 * ====================================================================================== */

static int month_of(const char *s, size_t n)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int k = 0; k < 12; k++)
        if (strncasecmp(s, m[k], 3) == 0)
            return k + 1;
    return 0;
}

static bool num(const char *s, size_t len, size_t *i, int maxd, int *out)
{
    int v = 0, d = 0;
    while (*i < len && d < maxd && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        d++;
    }
    *out = v;
    return d > 0;
}

/* RFC 822 / 1123 / 2822: "[Wkd,] D Mon YYYY [HH:MM[:SS]] [zone]" */
static bool rfc822(const char *s, size_t len, nf_date *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
        while (i < len && s[i] != ',' && s[i] != ' ')
            i++;
        if (i < len && s[i] == ',')
            i++;
        while (i < len && s[i] == ' ')
            i++;
    }
    if (!num(s, len, &i, 2, &d->day))
        return false;
    while (i < len && (s[i] == ' ' || s[i] == '-'))
        i++;
    size_t ms = i;
    while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
        i++;
    if (!(d->month = month_of(s + ms, i - ms)))
        return false;
    while (i < len && (s[i] == ' ' || s[i] == '-'))
        i++;
    size_t ys = i;
    if (!num(s, len, &i, 4, &d->year))
        return false;
    if (i - ys == 2)
        d->year += d->year < 50 ? 2000 : 1900;
    else if (i - ys != 4)
        return false;
    if (d->day < 1 || d->day > nf_date_days_in_month(d->year, d->month))
        return false;
    d->gran = NF_GRAN_DAY;
    while (i < len && s[i] == ' ')
        i++;
    if (!num(s, len, &i, 2, &d->hour) || i >= len || s[i] != ':') {
        d->hour = 0;
        return true; /* a date without time */
    }
    i++;
    if (!num(s, len, &i, 2, &d->min) || d->hour > 23 || d->min > 59)
        return false;
    if (i < len && s[i] == ':') {
        i++;
        if (!num(s, len, &i, 2, &d->sec) || d->sec > 60)
            return false;
    }
    d->gran = NF_GRAN_TIME;
    while (i < len && s[i] == ' ')
        i++;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '-' ? -1 : 1, v;
        i++;
        size_t zs = i;
        if (num(s, len, &i, 4, &v) && i - zs == 4 && v / 100 <= 14) {
            d->has_tz = true;
            d->tz_min = sign * ((v / 100) * 60 + v % 100);
        }
    } else if (i < len) {
        static const struct {
            const char *name;
            int off;
        } zones[] = {{"GMT", 0},       {"UTC", 0},       {"UT", 0},        {"Z", 0},
                     {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
                     {"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
        size_t zs = i;
        while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
            i++;
        for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
            if (nf__ci_eq(s + zs, i - zs, zones[k].name)) {
                d->has_tz = true;
                d->tz_min = zones[k].off;
            }
    }
    return true;
}

bool nf__date_to_iso(const char *s, size_t len, char *out, size_t cap)
{
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    nf_date d;
    bool iso = len >= 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
               s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' &&
               (len == 4 || s[4] == '-');
    if (iso ? nf_date_parse_iso(s, len, &d) != NF_OK : !rfc822(s, len, &d))
        return false;
    if (cap < 40)
        return false;
    nf_date_format(&d, out, cap);
    return out[0] != '\0';
}

/* ======================================================================================
 * The decoded byte stream
 * ====================================================================================== */

void nf__in_open_fd(nf__in *in, int fd, uint64_t total)
{
    memset(in, 0, sizeof *in);
    in->fd = fd;
    in->raw_total = total;
    in->member_start = SIZE_MAX;
}

void nf__in_open_mem(nf__in *in, const void *data, size_t len)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->mem = data;
    in->mem_len = len;
    in->raw_total = len;
    in->member_start = SIZE_MAX;
}

void nf__in_close(nf__in *in)
{
    if (in->z_ready)
        inflateEnd(&in->z);
    free(in->buf);
    free(in->zb);
    in->buf = NULL;
    in->zb = NULL;
}

static size_t raw_read(nf__in *in, void *dst, size_t room)
{
    if (in->raw_eof || room == 0)
        return 0;
    if (in->fd < 0) {
        size_t n = in->mem_len - (size_t)in->raw_pos;
        if (n > room)
            n = room;
        memcpy(dst, in->mem + in->raw_pos, n);
        in->raw_pos += n;
        if (in->raw_pos == in->mem_len)
            in->raw_eof = true;
        return n;
    }
    if (room > (size_t)SSIZE_MAX)
        room = (size_t)SSIZE_MAX;
    for (;;) {
        ssize_t got = read(in->fd, dst, room);
        if (got > 0) {
            in->raw_pos += (uint64_t)got;
            return (size_t)got;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            in->raw_errno = errno;
        in->raw_eof = true;
        return 0;
    }
}

void nf__in_enable_gzip(nf__in *in)
{
    size_t have = in->end - in->pos;
    in->zcap = have > READ_CHUNK ? have * 2 : READ_CHUNK * 2;
    in->zb = nf_xmalloc(in->zcap);
    memcpy(in->zb, in->buf + in->pos, have);
    in->zpos = 0;
    in->zend = have;
    in->pos = in->end = 0;
    memset(&in->z, 0, sizeof in->z);
    if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK)
        abort();
    in->z_ready = true;
    in->gz = true;
}

/* More compressed bytes into zb, keeping the current member's start while it is small, so
 * that a damaged member can be searched for the next one. */
static bool z_refill(nf__in *in)
{
    if (in->raw_eof)
        return false;
    size_t keep = in->zpos;
    if (in->in_member && in->member_start != SIZE_MAX &&
        in->zend - in->member_start <= KEEP_MEMBER)
        keep = in->member_start;
    else
        in->member_start = SIZE_MAX;
    if (keep) {
        memmove(in->zb, in->zb + keep, in->zend - keep);
        in->zend -= keep;
        in->zpos -= keep;
        if (in->member_start != SIZE_MAX)
            in->member_start -= keep;
    }
    if (in->zcap - in->zend < READ_CHUNK) {
        in->zcap = in->zend + READ_CHUNK * 2;
        in->zb = nf_xrealloc(in->zb, in->zcap);
    }
    size_t got = raw_read(in, in->zb + in->zend, in->zcap - in->zend);
    in->zend += got;
    return got > 0;
}

static bool gz_magic(const unsigned char *p)
{
    return p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xe0) == 0;
}

static void gz_break(nf__in *in, const char *why)
{
    in->brk = true;
    snprintf(in->brk_why, sizeof in->brk_why, "%s", why);
}

/* Inflates into dst; 0 at the end of the stream or at a break. */
static size_t gz_produce(nf__in *in, char *dst, size_t room)
{
    for (;;) {
        if (in->seeking) {
            /* after a damaged member: the next gzip header */
            for (;;) {
                size_t k = in->zpos;
                while (k + 4 <= in->zend && !gz_magic(in->zb + k))
                    k++;
                if (k + 4 <= in->zend) {
                    in->zpos = k;
                    in->seeking = false;
                    break;
                }
                in->zpos = k;
                if (!z_refill(in)) {
                    in->zpos = in->zend;
                    return 0;
                }
            }
        }
        if (!in->in_member) {
            while (in->zend - in->zpos < 4 && z_refill(in))
                ;
            if (in->zpos == in->zend)
                return 0; /* clean end */
            if (in->zend - in->zpos < 4 || !gz_magic(in->zb + in->zpos)) {
                size_t k = in->zpos;
                while (k < in->zend && in->zb[k] == 0)
                    k++;
                in->zpos = k;
                if (k == in->zend)
                    continue; /* zero padding so far */
                in->bad_members++;
                in->seeking = true;
                gz_break(in, "bytes that are not gzip data between members");
                return 0;
            }
            inflateReset(&in->z);
            in->in_member = true;
            in->member_start = in->zpos;
        }
        if (in->zpos == in->zend && !z_refill(in)) {
            in->in_member = false;
            in->bad_members++;
            gz_break(in, "the gzip data ends inside a member (truncated)");
            return 0;
        }
        size_t avail_in = in->zend - in->zpos;
        in->z.next_in = in->zb + in->zpos;
        in->z.avail_in = avail_in > UINT_MAX ? UINT_MAX : (uInt)avail_in;
        in->z.next_out = (unsigned char *)dst;
        in->z.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
        uInt out0 = in->z.avail_out, in0 = in->z.avail_in;
        int r = inflate(&in->z, Z_NO_FLUSH);
        size_t made = out0 - in->z.avail_out;
        in->zpos += in0 - in->z.avail_in;
        if (r == Z_STREAM_END) {
            in->in_member = false;
            in->members++;
            if (made)
                return made;
            continue;
        }
        if (r == Z_OK || r == Z_BUF_ERROR) {
            if (made)
                return made;
            continue;
        }
        char why[160];
        snprintf(why, sizeof why, "damaged gzip member (%s)",
                 in->z.msg ? in->z.msg : "inflate failed");
        in->bad_members++;
        in->in_member = false;
        if (in->member_start != SIZE_MAX)
            in->zpos = in->member_start + 1;
        in->seeking = true;
        gz_break(in, why);
        return made;
    }
}

size_t nf__in_fill(nf__in *in, size_t want)
{
    while (in->end - in->pos < want && !in->eof && !in->brk) {
        size_t have = in->end - in->pos;
        size_t need = want - have;
        size_t chunk = need > READ_CHUNK ? need : READ_CHUNK;
        if (in->pos && (in->cap - in->end - 1 < chunk || in->pos >= in->cap / 2)) {
            memmove(in->buf, in->buf + in->pos, have);
            in->pos = 0;
            in->end = have;
        }
        if (in->cap < in->end + chunk + 1) {
            size_t nc = in->cap ? in->cap * 2 : READ_CHUNK + 1;
            if (nc < in->end + chunk + 1)
                nc = in->end + chunk + 1;
            in->buf = nf_xrealloc(in->buf, nc);
            in->cap = nc;
        }
        size_t room = in->cap - in->end - 1;
        size_t got = in->gz ? gz_produce(in, in->buf + in->end, room)
                            : raw_read(in, in->buf + in->end, room);
        in->end += got;
        if (got == 0 && !in->brk)
            in->eof = true;
    }
    return in->end - in->pos;
}

void nf__in_skip(nf__in *in, size_t n)
{
    if (n > in->end - in->pos)
        n = in->end - in->pos;
    in->pos += n;
    in->consumed += n;
}

uint64_t nf__in_discard(nf__in *in, uint64_t n)
{
    uint64_t done = 0;
    while (done < n) {
        size_t a = nf__in_avail(in);
        if (a == 0) {
            in->pos = in->end = 0;
            a = nf__in_fill(in, 1);
            if (a == 0)
                break;
        }
        size_t k = (uint64_t)a < n - done ? a : (size_t)(n - done);
        nf__in_skip(in, k);
        done += k;
    }
    return done;
}

bool nf__in_resume(nf__in *in)
{
    nf__in_skip(in, nf__in_avail(in));
    in->brk = false;
    in->brk_why[0] = '\0';
    return !in->eof;
}

void nf__in_shrink(nf__in *in)
{
    size_t have = in->end - in->pos;
    if (in->cap <= (8u << 20) || have > in->cap / 8)
        return;
    memmove(in->buf, in->buf + in->pos, have);
    in->pos = 0;
    in->end = have;
    size_t nc = have * 2 > READ_CHUNK * 4 ? have * 2 : READ_CHUNK * 4;
    in->buf = nf_xrealloc(in->buf, nc + 1);
    in->cap = nc + 1;
}

/* ======================================================================================
 * Jobs: one input being read
 * ====================================================================================== */

typedef struct {
    const nf_ingest_opts *opts;
    nf_ingest_stats *st;
    int depth;
    nf_map *consumed; /* realpaths of pages a feed has read; NULL until one does */
} walk;

static void progress_show(nf__job *j, bool final)
{
    nf__in *in = j->in;
    double t = now_s(), el = t - j->t0;
    double mb = (double)in->raw_pos / 1048576.0;
    double rate = el > 0 ? mb / el : 0;
    char eta[48] = "";
    if (in->raw_total && rate > 0 && !final) {
        double left = ((double)in->raw_total / 1048576.0 - mb) / rate;
        if (left < 0)
            left = 0;
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    char total[48] = "";
    if (in->raw_total)
        snprintf(total, sizeof total, " of %.0f", (double)in->raw_total / 1048576.0);
    fprintf(stderr, "\rnewsfuse: %s: %zu records, %.0f%s MB, %.1f MB/s%s   ", j->path, j->emitted,
            mb, total, rate, eta);
    if (final)
        fputc('\n', stderr);
    j->shown = !final;
    j->t_last = t;
}

void nf__job_tick(nf__job *j)
{
    if (!j->progress)
        return;
    nf__in *in = j->in;
    if (in->raw_total < PROGRESS_MIN && in->raw_pos < PROGRESS_MIN)
        return;
    double t = now_s();
    if (t - j->t_last < 0.25)
        return;
    progress_show(j, false);
}

static void job_report(nf__job *j, nf_status st, const char *why)
{
    if (j->shown) {
        fputc('\n', stderr);
        j->shown = false;
    }
    j->st->errors++;
    if (j->opts->on_error)
        j->opts->on_error(j->path, st, why, j->opts->user);
    else
        nf_log(NF_LOG_ERROR, "%s: %s", j->path, why);
}

void nf__job_problem(nf__job *j, nf_status st, bool damaged, const char *fmt, ...)
{
    if (damaged) {
        j->damaged++;
        j->st->damaged++;
    }
    if (++j->problems > MAX_PROBLEMS)
        return;
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    job_report(j, st, why);
}

void nf__job_skip(nf__job *j)
{
    j->skipped++;
    j->st->skipped++;
    nf__job_tick(j);
}

bool nf__job_emit(nf__job *j, nf_record *rec)
{
    char id[64];
    if (!rec->path)
        rec->path = j->path;
    if (!rec->id) {
        if (rec->url && rec->url[0])
            nf_ingest_id_from_url(rec->url, strlen(rec->url), id, sizeof id);
        else
            snprintf(id, sizeof id, "%.40s-%zu", j->base, rec->index);
        rec->id = id;
    }
    j->emitted++;
    j->st->records++;
    j->st->payload_bytes += rec->len;
    nf_status s = j->opts->on_record(rec, j->opts->user);
    if (s != NF_OK) {
        j->cb = s;
        return false;
    }
    nf__job_tick(j);
    return true;
}

/* ======================================================================================
 * One page or text dump
 * ====================================================================================== */

/* UTF-16 text has NULs but is not binary; the HTML reader decodes it. */
static bool utf16_bom(const char *d, size_t n)
{
    return n >= 2 && (((unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE) ||
                      ((unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF));
}

static void read_single(nf__job *j, nf_input_kind kind, const char *id)
{
    nf__in *in = j->in;
    size_t a = nf__in_avail(in);
    while (!in->eof && !in->brk && a <= j->max_doc) {
        size_t want = a < (1u << 20) ? (1u << 20) : a * 2;
        if (want > j->max_doc + 1)
            want = j->max_doc + 1;
        a = nf__in_fill(in, want);
        if (a < want)
            break;
    }
    if (a > j->max_doc) {
        job_report(j, NF_ERR_TOOBIG, "file too large");
        return;
    }
    if (in->raw_errno) {
        job_report(j, NF_ERR_IO, strerror(in->raw_errno));
        return;
    }
    if (in->brk) {
        if (a == 0) {
            char why[200];
            snprintf(why, sizeof why, "cannot decompress: %s", in->brk_why);
            job_report(j, NF_ERR_PARSE, why);
            return;
        }
        nf__job_problem(j, NF_ERR_PARSE, true, "%s; kept the %zu bytes before it", in->brk_why,
                        a);
    }
    in->buf[in->end] = '\0';
    const char *data = nf__in_ptr(in);
    nf_slice all = nf_slice_trim((nf_slice){data, a});
    if (all.len == 0) {
        job_report(j, NF_ERR_EMPTY, a ? "empty file (only white space)" : "empty file");
        return;
    }
    if (nf_text_is_binary(data, a) && !utf16_bom(data, a)) {
        job_report(j, NF_ERR_BINARY, "binary data, not text");
        return;
    }
    nf_record rec;
    memset(&rec, 0, sizeof rec);
    rec.id = id;
    rec.data = data;
    rec.len = a;
    rec.kind = kind == NF_KIND_HTML ? NF_KIND_HTML : NF_KIND_TEXT;
    nf__job_emit(j, &rec);
}

/* ======================================================================================
 * Dispatch
 * ====================================================================================== */

static bool feed_ext(const char *path)
{
    const char *e = ext_of(path);
    return !strcasecmp(e, "xml") || !strcasecmp(e, "rss") || !strcasecmp(e, "atom") ||
           !strcasecmp(e, "rdf");
}

/* Reads one opened stream. `from_walk`: found in a folder, so a .xml that is not a feed is
 * passed over quietly. */
static nf_status read_stream(walk *w, nf__in *in, const char *path, bool on_disk,
                             bool from_walk)
{
    nf__job j;
    memset(&j, 0, sizeof j);
    j.opts = w->opts;
    j.st = w->st;
    j.path = path;
    j.in = in;
    j.max_doc = w->opts->max_bytes ? w->opts->max_bytes : (size_t)256 << 20;
    j.on_disk = on_disk;
    j.consumed = w->consumed;
    j.progress = w->opts->progress > 0 || (w->opts->progress == 0 && isatty(2));
    j.t0 = j.t_last = now_s();
    container_base(path, j.base, sizeof j.base);

    size_t a = nf__in_fill(in, 4);
    bool gz = a >= 2 && (unsigned char)in->buf[in->pos] == 0x1f &&
              (unsigned char)in->buf[in->pos + 1] == 0x8b;
    if (gz)
        nf__in_enable_gzip(in);
    a = nf__in_fill(in, SNIFF_BYTES);
    nf_input_kind kind = a ? nf_ingest_sniff(nf__in_ptr(in), a, path) : NF_KIND_TEXT;
    if (from_walk && feed_ext(path) && kind != NF_KIND_FEED && kind != NF_KIND_HTML)
        return NF_OK;
    w->st->files++;
    char id[256];
    if (gz) {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", path);
        size_t n = strlen(tmp);
        if (n > 3 && !strcasecmp(tmp + n - 3, ".gz"))
            tmp[n - 3] = '\0';
        nf_ingest_id_from_path(tmp, id, sizeof id);
    } else {
        nf_ingest_id_from_path(path, id, sizeof id);
    }

    /* binary bytes are not worth a walk through a reader: JSON lines are text, and so is a
     * WARC's header (records may hold binary payloads, so only one named .warc but not
     * starting like one is checked) */
    bool by_name = false;
    if (kind == NF_KIND_WARC || kind == NF_KIND_JSONL) {
        nf_slice head = nf_slice_trim((nf_slice){nf__in_ptr(in), a});
        by_name = kind == NF_KIND_WARC ? !nf__ci_prefix(head.ptr, head.len, "WARC/")
                                       : !(head.len && head.ptr[0] == '{');
    }
    if (in->raw_errno && a == 0) {
        job_report(&j, NF_ERR_IO, strerror(in->raw_errno));
    } else if ((by_name || kind == NF_KIND_JSONL) && nf_text_is_binary(nf__in_ptr(in), a)) {
        job_report(&j, NF_ERR_BINARY, "binary data, not text");
    } else if (kind == NF_KIND_WARC || kind == NF_KIND_JSONL || kind == NF_KIND_FEED) {
        if (kind == NF_KIND_WARC)
            nf__warc_read(&j);
        else if (kind == NF_KIND_JSONL)
            nf__jsonl_read(&j);
        else
            nf__feed_read(&j);
        if (j.cb == NF_OK && in->raw_errno)
            nf__job_problem(&j, NF_ERR_IO, false, "read error: %s", strerror(in->raw_errno));
        if (j.problems > MAX_PROBLEMS) {
            char why[96];
            snprintf(why, sizeof why, "%zu more problems not shown",
                     j.problems - MAX_PROBLEMS);
            job_report(&j, NF_ERR_PARSE, why);
        }
        if (j.cb == NF_OK && j.emitted == 0 && j.problems == 0) {
            char why[128];
            if (kind == NF_KIND_WARC)
                snprintf(why, sizeof why, "no HTML records (%zu skipped)", j.skipped);
            else if (kind == NF_KIND_JSONL)
                snprintf(why, sizeof why, "no records");
            else
                snprintf(why, sizeof why, j.skipped ? "no items with content (%zu skipped)"
                                                    : "no items", j.skipped);
            job_report(&j, NF_ERR_EMPTY, why);
        }
    } else if (kind == NF_KIND_TEXT || kind == NF_KIND_HTML) {
        if (!gz && in->raw_total > j.max_doc)
            job_report(&j, NF_ERR_TOOBIG, "file too large");
        else
            read_single(&j, kind, id);
    } else {
        job_report(&j, NF_ERR_BINARY, "binary data, not text");
    }
    /* the last state of the progress line, and its newline */
    if (j.shown || (j.progress && in->raw_pos >= PROGRESS_MIN))
        progress_show(&j, true);
    w->st->bytes += in->raw_pos;
    return j.cb;
}

static void report(walk *w, const char *path, nf_status st, const char *why)
{
    w->st->errors++;
    if (w->opts->on_error)
        w->opts->on_error(path, st, why, w->opts->user);
    else
        nf_log(NF_LOG_ERROR, "%s: %s", path, why);
}

static nf_status one_file(walk *w, const char *path, bool from_walk)
{
    int fd = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    if (!is_stdin) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            report(w, path, NF_ERR_IO, strerror(errno));
            return NF_OK;
        }
    }
    struct stat sb;
    uint64_t total = 0;
    if (fstat(fd, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            if (!is_stdin)
                close(fd);
            report(w, path, NF_ERR_IO, "is a directory");
            return NF_OK;
        }
        if (S_ISREG(sb.st_mode))
            total = (uint64_t)sb.st_size;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    if (total)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    nf__in in;
    nf__in_open_fd(&in, fd, total);
    nf_status st = read_stream(w, &in, path, !is_stdin, from_walk);
    nf__in_close(&in);
    if (!is_stdin)
        close(fd);
    return st;
}

/* Extensions read when walking a folder; files named on the command line are read whatever
 * their name. */
static bool article_ext(const char *path)
{
    static const char *const ok[] = {"txt",   "text",   "html", "htm", "xhtml", "warc",
                                     "jsonl", "ndjson", "xml",  "rss", "atom",  "rdf"};
    const char *e = ext_of(path);
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!strcasecmp(e, ok[i]))
            return true;
    return ends_with_ci(path, ".warc.gz");
}

/* Name order, except that feeds come first in their folder: the pages they link are then
 * read once, through the feed, with its title, date and source. */
static int name_cmp(const void *x, const void *y)
{
    const char *a = *(char *const *)x, *b = *(char *const *)y;
    bool fa = feed_ext(a), fb = feed_ext(b);
    if (fa != fb)
        return fa ? -1 : 1;
    return strcmp(a, b);
}

static bool consumed_by_feed(walk *w, const char *path)
{
    if (!w->consumed || nf_map_count(w->consumed) == 0)
        return false;
    char *rp = realpath(path, NULL);
    if (!rp)
        return false;
    bool hit = nf_map_get(w->consumed, rp, strlen(rp)) != NULL;
    free(rp);
    return hit;
}

static nf_status walk_path(walk *w, const char *path, bool explicit_arg)
{
    struct stat sb;
    if (strcmp(path, "-") == 0)
        return one_file(w, path, false);
    if (stat(path, &sb) != 0) {
        report(w, path, NF_ERR_IO, strerror(errno));
        return NF_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (!explicit_arg && (!article_ext(path) || consumed_by_feed(w, path)))
            return NF_OK;
        return one_file(w, path, !explicit_arg);
    }
    if (w->depth > 32) {
        report(w, path, NF_ERR_INVALID, "folders nested too deep");
        return NF_OK;
    }
    DIR *d = opendir(path);
    if (!d) {
        report(w, path, NF_ERR_IO, strerror(errno));
        return NF_OK;
    }
    NF_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
            nf_vec_push(&names, nf_xstrndup(de->d_name, strlen(de->d_name)));
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof(char *), name_cmp);
    nf_status st = NF_OK;
    size_t plen = strlen(path);
    for (size_t i = 0; i < names.len; i++) {
        if (st == NF_OK) {
            size_t n = plen + strlen(names.items[i]) + 2;
            char *full = nf_xmalloc(n);
            snprintf(full, n, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/",
                     names.items[i]);
            w->depth++;
            st = walk_path(w, full, false);
            w->depth--;
            free(full);
        }
        free(names.items[i]);
    }
    nf_vec_free(&names);
    return st;
}

nf_status nf_ingest_paths(const char *const *paths, size_t n, const nf_ingest_opts *opts,
                          nf_ingest_stats *stats)
{
    nf_ingest_stats local;
    memset(&local, 0, sizeof local);
    if (!opts || !opts->on_record)
        return NF_ERR_INVALID;
    walk w = {opts, stats ? stats : &local, 0, nf_map_new()};
    memset(w.st, 0, sizeof *w.st);
    nf_status st = NF_OK;
    for (size_t i = 0; i < n && st == NF_OK; i++)
        st = walk_path(&w, paths[i], true);
    nf_map_free(w.consumed);
    return st;
}

nf_status nf_ingest_buffer(const void *data, size_t len, const char *path_hint,
                           const nf_ingest_opts *opts, nf_ingest_stats *stats)
{
    nf_ingest_stats local;
    memset(&local, 0, sizeof local);
    if (!opts || !opts->on_record || (!data && len))
        return NF_ERR_INVALID;
    walk w = {opts, stats ? stats : &local, 0, NULL};
    memset(w.st, 0, sizeof *w.st);
    nf__in in;
    nf__in_open_mem(&in, data, len);
    nf_status st = read_stream(&w, &in, path_hint ? path_hint : "-", false, false);
    nf__in_close(&in);
    return st;
}
