/* Checked allocation: every failure goes through one hook, which tests can trigger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/base.h"

static void default_oom(size_t size)
{
    fprintf(stderr, "newsfuse: out of memory (%zu bytes)\n", size);
    abort();
}

static nf_oom_fn oom_hook = default_oom;
static long fail_after = 0;

void nf_set_oom_handler(nf_oom_fn fn) { oom_hook = fn ? fn : default_oom; }
void nf_fail_alloc_after(long n) { fail_after = n; }

static bool injected_failure(void)
{
    if (fail_after <= 0)
        return false;
    return --fail_after == 0;
}

static void *checked(void *p, size_t size)
{
    if (!p) {
        oom_hook(size);
        abort(); /* a hook that returns cannot continue either */
    }
    return p;
}

void *nf_xmalloc(size_t size)
{
    return checked(injected_failure() ? NULL : malloc(size ? size : 1), size);
}

void *nf_xcalloc(size_t n, size_t size)
{
    return checked(injected_failure() ? NULL : calloc(n ? n : 1, size ? size : 1), n * size);
}

void *nf_xrealloc(void *p, size_t size)
{
    return checked(injected_failure() ? NULL : realloc(p, size ? size : 1), size);
}

char *nf_xstrndup(const char *s, size_t n)
{
    char *d = nf_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void nf__vec_grow(void **items, size_t *cap, size_t elem, size_t need)
{
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    *items = nf_xrealloc(*items, c * elem);
    *cap = c;
}

int nf_size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}
