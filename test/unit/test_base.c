/* Unit tests of the base layer. */
#include <stdlib.h>

#include "newsfuse/newsfuse.h"
#include "unit.h"

TEST(status_messages)
{
    CHECK_STR(nf_status_str(NF_OK), "ok");
    CHECK_STR(nf_status_str(NF_ERR_BINARY), "binary data, not text");
    CHECK_STR(nf_status_str((nf_status)999), "unknown status");
    CHECK_STR(nf_reason_str(NF_REASON_COOKIE_NOTICE), "cookie-notice");
    CHECK_STR(nf_reason_str(NF_REASON_NONE), "body");
}

TEST(arena_alignment_and_strings)
{
    nf_arena *a = nf_arena_new();
    for (int i = 0; i < 10000; i++) {
        char *p = nf_arena_alloc(a, (size_t)(i % 37) + 1);
        CHECK(((uintptr_t)p % _Alignof(max_align_t)) == 0);
        p[0] = 'x';
    }
    char *big = nf_arena_alloc(a, 10u << 20);
    big[(10u << 20) - 1] = 1;
    CHECK_STR(nf_arena_strndup(a, "hello world", 5), "hello");
    CHECK_STR(nf_arena_printf(a, "%d-%s", 42, "x"), "42-x");
    nf_arena_free(a);
}

TEST(arena_mark_and_rewind)
{
    nf_arena *a = nf_arena_new();
    char *keep = nf_arena_strdup(a, "kept");
    nf_arena_mark_t m = nf_arena_mark(a);
    size_t used = nf_arena_used(a);
    for (int i = 0; i < 1000; i++) /* scratch that spills into new chunks */
        memset(nf_arena_alloc(a, 4000), 0x5a, 4000);
    CHECK(nf_arena_used(a) > used);
    nf_arena_rewind(a, m);
    CHECK(nf_arena_used(a) == used);
    CHECK_STR(keep, "kept");
    char *after = nf_arena_strdup(a, "after");
    CHECK_STR(after, "after");
    CHECK_STR(keep, "kept");
    /* a mark taken on an empty arena rewinds it to empty */
    nf_arena *b = nf_arena_new();
    nf_arena_mark_t z = nf_arena_mark(b);
    nf_arena_alloc(b, 100000);
    nf_arena_rewind(b, z);
    CHECK(nf_arena_used(b) == 0);
    CHECK_STR(nf_arena_strdup(b, "x"), "x");
    nf_arena_free(b);
    nf_arena_free(a);
}

TEST(buffers)
{
    nf_buf b;
    nf_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        nf_buf_printf(&b, "%d,", i);
    CHECK(b.len == 3890);
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    nf_buf_clear(&b);
    nf_buf_puts(&b, "abc");
    CHECK_STR(b.data, "abc");
    nf_buf_free(&b);
}

TEST(slices)
{
    nf_slice s = nf_slice_trim(nf_slice_from("\xC2\xA0  hi there \t\n"));
    CHECK(s.len == 8 && strncmp(s.ptr, "hi there", 8) == 0);
    CHECK(nf_slice_eq_nocase(NF_SLICE_LIT("Cookies"), NF_SLICE_LIT("cOOKIES")));
    CHECK(!nf_slice_eq(NF_SLICE_LIT("a"), NF_SLICE_LIT("ab")));
}

TEST(vectors)
{
    NF_VEC(int) v = {0};
    for (int i = 0; i < 1000; i++)
        nf_vec_push(&v, i * 2);
    CHECK(v.len == 1000 && v.items[999] == 1998);
    nf_vec_free(&v);
    CHECK(v.items == NULL);
}

TEST(hash_map)
{
    nf_map *m = nf_map_new();
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "k%d", i);
        CHECK(nf_map_put(m, key, (size_t)n, (void *)(intptr_t)(i + 1)) == NULL);
    }
    CHECK(nf_map_count(m) == 5000);
    CHECK((intptr_t)nf_map_get(m, "k4321", 5) == 4322);
    CHECK(nf_map_get(m, "nope", 4) == NULL);
    CHECK((intptr_t)nf_map_put(m, "k1", 2, (void *)7) == 2);
    size_t it = 0, seen = 0;
    while (nf_map_next(m, &it, NULL, NULL))
        seen++;
    CHECK(seen == 5000);
    nf_map_free(m);
}

TEST(dates)
{
    nf_date d;
    char buf[40];
    CHECK(nf_date_parse_iso("2026-01-16T19:22:08+00:00", 25, &d) == NF_OK);
    CHECK(d.gran == NF_GRAN_TIME && d.has_tz && d.tz_min == 0);
    nf_date_format(&d, buf, sizeof buf);
    CHECK_STR(buf, "2026-01-16T19:22:08Z");
    CHECK(nf_date_parse_iso("2025-09", 7, &d) == NF_OK && d.gran == NF_GRAN_MONTH);
    nf_date_format(&d, buf, sizeof buf);
    CHECK_STR(buf, "2025-09");
    CHECK(nf_date_parse_iso("2026-02-30", 10, &d) == NF_ERR_PARSE);
    CHECK(nf_date_parse_iso("hello", 5, &d) == NF_ERR_PARSE);
    /* 2026-01-09 is a Friday (Monday = 0), 2026-01-16 too. */
    CHECK(nf_date_weekday(2026, 1, 9) == 4);
    CHECK(nf_date_weekday(2026, 1, 16) == 4);
    CHECK(nf_date_weekday(2024, 2, 29) == 3);
    CHECK(nf_date_weekday(2026, 2, 29) == -1);
    int y, mo, da;
    nf_date_from_days(nf_date_to_days(2026, 1, 16) - 3, &y, &mo, &da);
    CHECK(y == 2026 && mo == 1 && da == 13);
    nf_date_from_days(nf_date_to_days(2024, 3, 1) - 1, &y, &mo, &da);
    CHECK(y == 2024 && mo == 2 && da == 29);
}
