/* A tiny test registry: TEST(name) { ... } registers itself; CHECK records failures. */
#ifndef NF_UNIT_H
#define NF_UNIT_H

#include <stdio.h>
#include <string.h>

typedef void (*nf_test_fn)(void);
void nf_test_register(const char *name, nf_test_fn fn);
extern int nf_test_failures;

#define TEST(name)                                                                          \
    static void test_##name(void);                                                          \
    __attribute__((constructor)) static void register_##name(void)                         \
    {                                                                                       \
        nf_test_register(#name, test_##name);                                               \
    }                                                                                       \
    static void test_##name(void)

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);       \
            nf_test_failures++;                                                             \
        }                                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                                \
    do {                                                                                    \
        const char *g_ = (got), *w_ = (want);                                               \
        if (!g_ || strcmp(g_, w_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,        \
                    g_ ? g_ : "(null)", w_);                                                \
            nf_test_failures++;                                                             \
        }                                                                                   \
    } while (0)

#endif
