/* The unit test runner: runs every registered TEST, or those whose name contains argv[1]. */
#include <stdlib.h>

#include "unit.h"

typedef struct {
    const char *name;
    nf_test_fn fn;
} entry;

static entry tests[512];
static int n_tests;
int nf_test_failures;

void nf_test_register(const char *name, nf_test_fn fn)
{
    if (n_tests < (int)(sizeof tests / sizeof tests[0]))
        tests[n_tests++] = (entry){name, fn};
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < n_tests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1]))
            continue;
        int before = nf_test_failures;
        tests[i].fn();
        if (nf_test_failures == before) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
