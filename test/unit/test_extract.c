/* Unit tests of ingest sniffing, date recognition, lexicons and text-dump extraction. */
#include <stdlib.h>

#include "extract/blocks.h"
#include "extract/lexicon.h"
#include "newsfuse/newsfuse.h"
#include "unit.h"

static nf_doc *extract_str(const char *s)
{
    nf_record rec = {.path = "t.txt", .id = "t", .data = s, .len = strlen(s), .kind = NF_KIND_TEXT};
    nf_doc *d = NULL;
    if (nf_extract(&rec, NULL, &d) != NF_OK)
        return NULL;
    return d;
}

TEST(sniff_kinds)
{
    CHECK(nf_ingest_sniff("<!DOCTYPE html><html>", 21, "a.txt") == NF_KIND_HTML);
    CHECK(nf_ingest_sniff("\xEF\xBB\xBF  <html lang=en>", 18, NULL) == NF_KIND_HTML);
    CHECK(nf_ingest_sniff("WARC/1.1\r\n", 10, NULL) == NF_KIND_WARC);
    CHECK(nf_ingest_sniff("\x1f\x8b\x08", 3, "x.warc.gz") == NF_KIND_GZIP);
    CHECK(nf_ingest_sniff("<?xml version=\"1.0\"?><rss version=\"2.0\">", 40, NULL) == NF_KIND_FEED);
    CHECK(nf_ingest_sniff("{\"url\":\"x\"}\n{\"url\":\"y\"}\n", 24, NULL) == NF_KIND_JSONL);
    CHECK(nf_ingest_sniff("Plain words.", 12, "page.html") == NF_KIND_HTML); /* by extension */
    CHECK(nf_ingest_sniff("Plain words.", 12, "page.txt") == NF_KIND_TEXT);
    char id[64];
    nf_ingest_id_from_path("/x/y/001_abc.txt", id, sizeof id);
    CHECK_STR(id, "001_abc");
    nf_ingest_id_from_path("-", id, sizeof id);
    CHECK_STR(id, "stdin");
}

static void date_case(const char *s, const char *want)
{
    nf_date d;
    size_t a, b;
    char buf[40] = "";
    if (nf__find_date(s, strlen(s), &d, &a, &b))
        nf_date_format(&d, buf, sizeof buf);
    CHECK_STR(buf, want);
}

TEST(stated_dates)
{
    date_case("Published March 10, 2026 07:05 | Updated", "2026-03-10T07:05:00");
    date_case("Mexico City, January 17, 2026 – Outlet:", "2026-01-17");
    date_case("2026-01-16T19:22:08+00:00", "2026-01-16T19:22:08Z");
    date_case("12 de marzo de 2026", "2026-03-12");
    date_case("12 mar 2026 - 19:05 h", "2026-03-12T19:05:00");
    date_case("am 3. März 2026", "2026-03-03");
    date_case("le 4 février 2026", "2026-02-04");
    date_case("Jan. 23, 2026 at 8:15 p.m.", "2026-01-23T20:15:00");
    date_case("2026/04/07", "2026-04-07");
    date_case("February 30, 2026", "");    /* not a calendar date */
    date_case("in 2026 and 2027", "");     /* a year alone is not a stated date */
    date_case("May 8, 1850", "");          /* implausible for a publication */
}

static nf__lex_kind lex(const char *s)
{
    nf_arena *a = nf_arena_new();
    size_t n;
    const char *f = nf_text_fold(a, s, strlen(s), &n);
    int words = 1;
    for (const char *p = s; *p; p++)
        words += *p == ' ';
    nf__lex_kind k = nf__lexicon_match(f, n, words, NULL);
    nf_arena_free(a);
    return k;
}

TEST(lexicons)
{
    CHECK(lex("Related articles") == NF__LEX_RELATED);
    CHECK(lex("Mga Kaugnay na Artikulo") == NF__LEX_RELATED);
    CHECK(lex("Lea también / Read more") == NF__LEX_RELATED);
    CHECK(lex("More from the Gazette") == NF__LEX_RELATED);
    CHECK(lex("What people are saying") == NF__LEX_REACTIONS);
    CHECK(lex("We use cookies to improve your experience.") == NF__LEX_COOKIE);
    CHECK(lex("Tanggihan") == NF__LEX_BUTTON);
    CHECK(lex("Photo: Harbour Ledger") == NF__LEX_CREDIT);
    CHECK(lex("Larawang ginawa ng AI") == NF__LEX_CREDIT);
    CHECK(lex("By Ana Ruiz") == NF__LEX_BYLINE);
    CHECK(lex("Ana Ruiz, Harbour Correspondent") == NF__LEX_BYLINE_ROLE);
    CHECK(lex("© 2026 The Harbour Ledger. All rights reserved.") == NF__LEX_COPYRIGHT);
    CHECK(lex("Advertisement") == NF__LEX_AD);
    /* body sentences that merely contain a lexicon word stay body */
    CHECK(lex("The council voted on Monday to accept the harbour plan after a long debate about costs.") == NF__LEX_NONE);
    CHECK(lex("Relatedly, the mayor spoke.") == NF__LEX_NONE);
}

TEST(extract_keeps_body_in_order)
{
    nf_doc *d = extract_str("Harbour Weekly\n\nStorm shuts the harbour\n\n"
                            "The harbour at Ulm Bay was shut on Monday after a storm, officials said.\n\n"
                            "It will reopen on Thursday if the wind drops, the port authority said.\n\n"
                            "We use cookies.\nAccept\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->title, "Storm shuts the harbour");
    CHECK_STR(d->source, "Harbour Weekly");
    CHECK(d->n_paras == 2);
    CHECK(strstr(d->text, "shut on Monday") < strstr(d->text, "reopen on Thursday"));
    CHECK(strstr(d->text, "cookies") == NULL);
    int cookie = 0;
    for (size_t i = 0; i < d->n_removed; i++)
        cookie += d->removed[i].reason == NF_REASON_COOKIE_NOTICE;
    CHECK(cookie == 2);
    /* paragraph offsets point at the paragraph in both texts */
    for (size_t i = 0; i < d->n_paras; i++) {
        const nf_para *p = &d->paras[i];
        CHECK(p->end <= d->text_len && p->src_end <= d->norm_len);
        CHECK(strncmp(d->text + p->start, d->norm + p->src_start, p->end - p->start) == 0);
    }
    nf_doc_free(d);
}

TEST(extract_errors)
{
    nf_record rec = {.path = "e.txt", .id = "e", .data = "  \n\n ", .len = 5, .kind = NF_KIND_TEXT};
    nf_doc *d = NULL;
    CHECK(nf_extract(&rec, NULL, &d) == NF_ERR_EMPTY && d == NULL);
    char junk[64];
    for (int i = 0; i < 64; i++)
        junk[i] = (char)(i * 37);
    nf_record bin = {.path = "b.txt", .id = "b", .data = junk, .len = sizeof junk, .kind = NF_KIND_TEXT};
    CHECK(nf_extract(&bin, NULL, &d) == NF_ERR_BINARY);
    CHECK(nf_extract(NULL, NULL, &d) == NF_ERR_INVALID);
}

TEST(extract_dct_and_estimates)
{
    nf_extract_opts o = {"2026-03-02"};
    nf_record rec = {.path = "t.txt", .id = "t", .data = "The ferry returned to service on Monday after repairs, the operator said.\n",
                     .len = 74, .kind = NF_KIND_TEXT};
    nf_doc *d = NULL;
    CHECK(nf_extract(&rec, &o, &d) == NF_OK);
    if (d) {
        CHECK(d->published.gran == NF_GRAN_DAY && d->published.day == 2 && !d->published_estimated);
        nf_doc_free(d);
    }
    d = extract_str("The ferry returned to service on March 2, 2026, after repairs, the operator said.\n");
    if (d) {
        CHECK(d->published.gran == NF_GRAN_DAY && d->published_estimated);
        nf_doc_free(d);
    }
}

TEST(extract_legacy_charset_text_dump)
{
    /* latin-1 bytes (é = 0xE9) are read as windows-1252, not replaced by U+FFFD */
    nf_doc *d = extract_str("Le port de Valm\xe9ra a rouvert lundi apr\xe8s la temp\xeate, a "
                            "d\xe9" "clar\xe9 la capitainerie du port.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(strstr(d->text, "Valm\xc3\xa9ra") != NULL);
    CHECK(strstr(d->text, "\xef\xbf\xbd") == NULL);
    CHECK_STR(d->lang, "fr");
    nf_doc_free(d);
}
