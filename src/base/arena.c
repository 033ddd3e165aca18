/* Arena: a chain of chunks, each at least twice the previous; freed all at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/base.h"

typedef struct chunk {
    struct chunk *next;
    size_t cap, used;
    max_align_t data[];
} chunk;

struct nf_arena {
    chunk *head;
    size_t next_cap;
    size_t total;
};

nf_arena *nf_arena_new(void)
{
    nf_arena *a = nf_xcalloc(1, sizeof *a);
    a->next_cap = 4096;
    return a;
}

void nf_arena_free(nf_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    free(a);
}

void *nf_arena_alloc(nf_arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (!size)
        size = align;
    chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = a->next_cap;
        while (cap < size)
            cap *= 2;
        if (a->next_cap < (64u << 20))
            a->next_cap *= 2;
        c = nf_xmalloc(sizeof(chunk) + cap);
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *nf_arena_strndup(nf_arena *a, const char *s, size_t n)
{
    char *d = nf_arena_alloc(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *nf_arena_strdup(nf_arena *a, const char *s) { return nf_arena_strndup(a, s, strlen(s)); }

char *nf_arena_printf(nf_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *d = nf_arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

size_t nf_arena_used(const nf_arena *a) { return a->total; }

nf_arena_mark_t nf_arena_mark(const nf_arena *a)
{
    nf_arena_mark_t m = {a->head, a->head ? a->head->used : 0, a->total};
    return m;
}

void nf_arena_rewind(nf_arena *a, nf_arena_mark_t m)
{
    while (a->head && a->head != (chunk *)m.chunk) {
        chunk *c = a->head;
        a->head = c->next;
        free(c);
    }
    if (a->head)
        a->head->used = m.used;
    a->total = m.total;
}
