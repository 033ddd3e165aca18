/* newsfuse base layer: status codes, arena, buffers, slices, vectors, hash map, logging.
 *
 * Ownership in one line: an nf_arena owns everything allocated from it and frees it all at
 * once; nf_buf and nf_map own their heap storage until their _free; slices never own. */
#ifndef NEWSFUSE_BASE_H
#define NEWSFUSE_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- status ---------------------------------------------------------------------------- */

/* X-macro map of status codes: name, message. nf_status_str() is generated from it. */
#define NF_STATUS_MAP(X)                                                                    \
    X(OK, "ok")                                                                             \
    X(ERR_NOMEM, "out of memory")                                                           \
    X(ERR_IO, "cannot read")                                                                \
    X(ERR_EMPTY, "empty input")                                                             \
    X(ERR_BINARY, "binary data, not text")                                                  \
    X(ERR_ENCODING, "not UTF-8 and not convertible")                                        \
    X(ERR_INVALID, "invalid argument")                                                      \
    X(ERR_PARSE, "cannot parse")                                                            \
    X(ERR_NOTFOUND, "not found")                                                            \
    X(ERR_TOOBIG, "input too large")                                                        \
    X(ERR_UNSUPPORTED, "unsupported input format")

typedef enum {
#define NF__STATUS_ENUM(name, msg) NF_##name,
    NF_STATUS_MAP(NF__STATUS_ENUM)
#undef NF__STATUS_ENUM
    NF_STATUS_COUNT
} nf_status;

/* Human-readable message for a status; never NULL. */
const char *nf_status_str(nf_status st);

/* ---- allocation ------------------------------------------------------------------------ */

/* Allocation failure aborts through one hook. Tests may install a hook that longjmps or
 * counts; the default prints "newsfuse: out of memory" and calls abort(). */
typedef void (*nf_oom_fn)(size_t size);
void nf_set_oom_handler(nf_oom_fn fn);
/* Test hook: make the Nth allocation from now fail (0 disables). */
void nf_fail_alloc_after(long n);

void *nf_xmalloc(size_t size);
void *nf_xcalloc(size_t n, size_t size);
/* qsort/bsearch comparator of size_t values, ascending. */
int nf_size_cmp(const void *a, const void *b);
void *nf_xrealloc(void *p, size_t size);
char *nf_xstrndup(const char *s, size_t n);

/* ---- arena ----------------------------------------------------------------------------- */

typedef struct nf_arena nf_arena;

/* A fresh arena; chunk sizes grow geometrically. Free with nf_arena_free. */
nf_arena *nf_arena_new(void);
void nf_arena_free(nf_arena *a);
/* Memory from the arena, aligned for any type, zeroed; never NULL (OOM aborts via the hook). */
void *nf_arena_alloc(nf_arena *a, size_t size);
/* A NUL-terminated copy of s[0..n) in the arena. */
char *nf_arena_strndup(nf_arena *a, const char *s, size_t n);
char *nf_arena_strdup(nf_arena *a, const char *s);
/* printf into the arena. */
char *nf_arena_printf(nf_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for tests and stats). */
size_t nf_arena_used(const nf_arena *a);
/* A point in an arena's history. nf_arena_rewind(a, m) gives back everything allocated
 * from `a` after nf_arena_mark returned m (chunks added since are freed): scratch work
 * (tokens, folded copies) inside a function whose results must outlive it goes between the
 * two, the results after. Pointers into the rewound part must not be used afterwards. */
typedef struct {
    void *chunk;
    size_t used, total;
} nf_arena_mark_t;
nf_arena_mark_t nf_arena_mark(const nf_arena *a);
void nf_arena_rewind(nf_arena *a, nf_arena_mark_t m);

/* The value of a hexadecimal digit, -1 for any other byte. */
static inline int nf_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---- slices and buffers ---------------------------------------------------------------- */

typedef struct {
    const char *ptr;
    size_t len;
} nf_slice;

#define NF_SLICE_LIT(s) ((nf_slice){(s), sizeof(s) - 1})
nf_slice nf_slice_from(const char *s);
bool nf_slice_eq(nf_slice a, nf_slice b);
bool nf_slice_eq_nocase(nf_slice a, nf_slice b); /* ASCII case folding */
nf_slice nf_slice_trim(nf_slice s);              /* ASCII and Unicode white space */

/* A growable byte buffer that owns its heap storage; data is always NUL-terminated. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} nf_buf;

void nf_buf_init(nf_buf *b);
void nf_buf_free(nf_buf *b);
void nf_buf_reserve(nf_buf *b, size_t extra);
void nf_buf_append(nf_buf *b, const char *s, size_t n);
void nf_buf_puts(nf_buf *b, const char *s);
void nf_buf_putc(nf_buf *b, char c);
void nf_buf_printf(nf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nf_buf_clear(nf_buf *b);
/* Hands the storage to the caller (free with free()); the buffer is reset. */
char *nf_buf_detach(nf_buf *b, size_t *len);

/* ---- vectors --------------------------------------------------------------------------- */

/* A typed growable array on the heap: NF_VEC(int) v = {0}; nf_vec_push(&v, 3); nf_vec_free(&v); */
#define NF_VEC(T)        \
    struct {             \
        T *items;        \
        size_t len, cap; \
    }
void nf__vec_grow(void **items, size_t *cap, size_t elem, size_t need);
#define nf_vec_push(v, x)                                                                   \
    do {                                                                                    \
        if ((v)->len == (v)->cap)                                                           \
            nf__vec_grow((void **)&(v)->items, &(v)->cap, sizeof(*(v)->items), (v)->len + 1); \
        (v)->items[(v)->len++] = (x);                                                       \
    } while (0)
#define nf_vec_free(v)         \
    do {                       \
        free((v)->items);      \
        (v)->items = NULL;     \
        (v)->len = (v)->cap = 0; \
    } while (0)

/* ---- hash map -------------------------------------------------------------------------- */

/* String-keyed open-addressing map (xxHash3). Keys are copied into the map; values are
 * opaque pointers the caller owns. */
typedef struct nf_map nf_map;
nf_map *nf_map_new(void);
void nf_map_free(nf_map *m);
/* Sets key -> value; returns the previous value or NULL. */
void *nf_map_put(nf_map *m, const char *key, size_t klen, void *value);
/* The value for key, or NULL. */
void *nf_map_get(const nf_map *m, const char *key, size_t klen);
size_t nf_map_count(const nf_map *m);
/* Iteration: start with *it = 0; returns false at the end. */
bool nf_map_next(const nf_map *m, size_t *it, nf_slice *key, void **value);

uint64_t nf_hash(const void *data, size_t len);

/* ---- logging --------------------------------------------------------------------------- */

typedef enum { NF_LOG_ERROR, NF_LOG_WARN, NF_LOG_INFO, NF_LOG_DEBUG } nf_log_level;
void nf_log_set_level(nf_log_level lvl);
nf_log_level nf_log_get_level(void);
/* One line on stderr: "newsfuse: <level>: message". */
void nf_log(nf_log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- files ----------------------------------------------------------------------------- */

/* Reads a whole file (or "-" for stdin) into *out (heap, NUL-terminated; free()).
 * Returns NF_ERR_IO with errno-based detail in *why (static string) on failure. */
nf_status nf_file_read(const char *path, char **out, size_t *len, const char **why);

#endif
