/* Unit and spec tests of dedup (signatures, the LSH index, passages) and of the cluster
 * stage (the pair score, the online clusterer, the batch grouping). The articles are
 * invented for these tests. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"
#include "dedup/u64map.h"
#include "newsfuse/dedup.h"
#include "newsfuse/newsfuse.h"
#include "unit.h"

/* ---- invented articles ------------------------------------------------------------------ */

/* Story A: a crane collapses at Port Veldin (2026-05-04/05), three outlets, one in Spanish. */
static const char *A1 =
    "A container crane collapsed at Port Veldin on Monday, injuring two dock workers and "
    "halting traffic at the Sollen Quay terminal. Port director Marta Oyelaran said the "
    "40-metre crane buckled while lifting a container shortly after 9 a.m. Emergency crews "
    "took the two injured workers to Veldin General Hospital. The port authority closed the "
    "terminal and said an investigation into the collapse had begun. About 1,200 containers "
    "are waiting to be unloaded, Oyelaran said.";
static const char *A2 =
    "Investigators are examining why a 40-metre crane collapsed at the Sollen Quay terminal "
    "of Port Veldin, where two workers were injured on Monday. Marta Oyelaran, the port "
    "director, told reporters the crane had passed its last inspection. The terminal stays "
    "closed while the investigation goes on, and shipping lines warned of delays for about "
    "1,200 containers. Unions called the collapse a warning about ageing equipment at the port.";
static const char *A3 =
    "Una grúa de contenedores se desplomó el lunes en el puerto de Port Veldin y dejó dos "
    "trabajadores heridos en la terminal de Sollen Quay. La directora del puerto, Marta "
    "Oyelaran, dijo que la grúa de 40 metros cedió mientras levantaba un contenedor. La "
    "autoridad portuaria cerró la terminal y abrió una investigación. Unos 1.200 contenedores "
    "esperan en el puerto, según Oyelaran.";
/* Story B: the same actors nine days earlier, another event. */
static const char *B1 =
    "Port Veldin will replace four of its oldest cranes at the Sollen Quay terminal after an "
    "inspection found corrosion in their steel frames, port director Marta Oyelaran said on "
    "Saturday. The inspection report recommends new cranes within two years. Oyelaran said "
    "the replacement would cost 18 million euros and that the cranes remained safe to use "
    "in the meantime. The port authority will ask the regional government for funding.";
/* Story C: unrelated. */
static const char *C1 =
    "School lunch prices in Tarrow will rise by 12 percent in September, the district "
    "education board decided on Monday. Board chair Ilse Brandvold said rising food costs "
    "left no choice. Parents' groups criticised the decision and asked the board to freeze "
    "prices for families with low incomes. The board said it would review the menu and the "
    "contract with its catering supplier before the new school year.";

static nf_doc *mkdoc(const char *id, const char *lang, const char *date, const char *source,
                     const char *title, const char *text)
{
    nf_doc *d = nf_doc_new();
    d->id = nf_arena_strdup(d->arena, id);
    memcpy(d->lang, lang, strlen(lang) + 1);
    if (date)
        nf_date_parse_iso(date, strlen(date), &d->published);
    d->source = source ? nf_arena_strdup(d->arena, source) : NULL;
    d->title = title ? nf_arena_strdup(d->arena, title) : NULL;
    d->text = nf_arena_strdup(d->arena, text);
    d->text_len = strlen(text);
    return d;
}

/* ---- u64map ----------------------------------------------------------------------------- */

TEST(u64map_basic_and_zero_key)
{
    nf__u64map m;
    nf__u64map_init(&m);
    for (uint64_t k = 0; k < 5000; k++)
        nf__u64map_put(&m, k * 7919, k + 1);
    CHECK(m.n == 5000);
    uint64_t v = 0;
    CHECK(nf__u64map_get(&m, 0, &v) && v == 1);
    CHECK(nf__u64map_get(&m, 7919 * 4999, &v) && v == 5000);
    CHECK(!nf__u64map_get(&m, 3, NULL));
    for (uint64_t k = 0; k < 5000; k += 2)
        CHECK(nf__u64map_del(&m, k * 7919));
    CHECK(m.n == 2500);
    CHECK(!nf__u64map_get(&m, 0, NULL));
    for (uint64_t k = 1; k < 5000; k += 2)
        CHECK(nf__u64map_get(&m, k * 7919, &v) && v == k + 1);
    /* deleting while iterating leaves exactly the others */
    size_t it = 0;
    uint64_t key, val;
    while (nf__u64map_next(&m, &it, &key, &val))
        if (val % 4 == 0)
            nf__u64map_del_at(&m, &it);
    size_t left = 0;
    it = 0;
    while (nf__u64map_next(&m, &it, &key, &val)) {
        CHECK(val % 4 != 0);
        left++;
    }
    CHECK(left == m.n && left == 1250);
    nf__u64map_free(&m);
}

/* ---- signatures and the index ----------------------------------------------------------- */

TEST(dedup_signature_spec)
{
    nf_dedup_sig a, b, e;
    nf_dedup_signature(A1, strlen(A1), &a);
    nf_dedup_signature(A1, strlen(A1), &b);
    CHECK(a.n_shingles > 50);
    CHECK(nf_dedup_similarity(&a, &b) == 1.0);
    /* case and punctuation do not matter */
    nf_dedup_signature("The Port closed, on MONDAY.", 27, &a);
    nf_dedup_signature("the port closed on monday", 25, &b);
    CHECK(nf_dedup_similarity(&a, &b) == 1.0);
    /* an empty text has no shingles and resembles nothing, not even itself */
    nf_dedup_signature("", 0, &e);
    CHECK(e.n_shingles == 0);
    CHECK(nf_dedup_similarity(&e, &e) == 0);
    nf_dedup_signature(" \n\t ", 4, &e);
    CHECK(e.n_shingles == 0);
    /* a short text is one shingle */
    nf_dedup_signature("Port closed", 11, &a);
    CHECK(a.n_words == 2 && a.n_shingles == 1);
    /* different stories */
    nf_dedup_signature(A1, strlen(A1), &a);
    nf_dedup_signature(C1, strlen(C1), &b);
    CHECK(nf_dedup_similarity(&a, &b) < 0.1);
    /* two reports of one event in their own words are not copies */
    nf_dedup_signature(A2, strlen(A2), &b);
    CHECK(nf_dedup_similarity(&a, &b) < 0.3);
}

TEST(dedup_wire_copy_with_edits)
{
    /* a wire copy with its own opening sentence and the last sentence cut */
    nf_buf w;
    nf_buf_init(&w);
    nf_buf_puts(&w, "VELDIN (Wire) - ");
    const char *cut = strstr(A1, "About 1,200");
    nf_buf_append(&w, A1, (size_t)(cut - A1));
    nf_dedup_sig a, b;
    nf_dedup_signature(A1, strlen(A1), &a);
    nf_dedup_signature(w.data, w.len, &b);
    double s = nf_dedup_similarity(&a, &b);
    CHECK(s >= 0.6 && s < 1.0);
    nf_buf_free(&w);
}

TEST(dedup_index_find_add_remove)
{
    nf_dedup_index *ix = nf_dedup_index_new(0);
    nf_dedup_sig a, b, c;
    nf_dedup_signature(A1, strlen(A1), &a);
    nf_dedup_signature(A2, strlen(A2), &b);
    nf_dedup_signature(C1, strlen(C1), &c);
    uint64_t key = 99;
    double sim = 0;
    CHECK(!nf_dedup_index_find(ix, &a, &key, &sim));
    nf_dedup_index_add(ix, 10, &a);
    nf_dedup_index_add(ix, 11, &c);
    CHECK(nf_dedup_index_count(ix) == 2);
    CHECK(nf_dedup_index_find(ix, &a, &key, &sim) && key == 10 && sim == 1.0);
    CHECK(!nf_dedup_index_find(ix, &b, NULL, NULL));
    /* ties go to the first added */
    nf_dedup_index_add(ix, 12, &a);
    CHECK(nf_dedup_index_find(ix, &a, &key, NULL) && key == 10);
    CHECK(nf_dedup_index_remove(ix, 10));
    CHECK(!nf_dedup_index_remove(ix, 10));
    CHECK(nf_dedup_index_find(ix, &a, &key, NULL) && key == 12);
    /* a signature without shingles is not indexed */
    nf_dedup_sig e;
    nf_dedup_signature("", 0, &e);
    nf_dedup_index_add(ix, 13, &e);
    CHECK(nf_dedup_index_count(ix) == 2);
    CHECK(!nf_dedup_index_find(ix, &e, NULL, NULL));
    nf_dedup_index_free(ix);
}

TEST(dedup_group_copies_point_at_the_original)
{
    nf_doc *d[4] = {mkdoc("a", "en", NULL, NULL, NULL, A1), mkdoc("b", "en", NULL, NULL, NULL, C1),
                    mkdoc("c", "en", NULL, NULL, NULL, A1), mkdoc("d", "en", NULL, NULL, NULL, A1)};
    size_t copy_of[4];
    CHECK(nf_dedup_group(d, 4, 0, copy_of) == NF_OK);
    CHECK(copy_of[0] == 0 && copy_of[1] == 1 && copy_of[2] == 0 && copy_of[3] == 0);
    for (int i = 0; i < 4; i++)
        nf_doc_free(d[i]);
}

TEST(dedup_passages_spec)
{
    const char *a = "He said: the port will reopen on Friday after the crane is removed from the quay. Then he left.";
    const char *b = "Officials said the port will reopen on Friday after the crane is removed from the quay, "
                    "and the union agreed.";
    nf_dedup_passage *p;
    size_t n;
    CHECK(nf_dedup_passages(a, strlen(a), b, strlen(b), 8, &p, &n) == NF_OK);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(p[0].words == 15); /* "said the port will ... the quay" */
        CHECK(!strncmp(a + p[0].a_start, "said: the port", 14));
        CHECK(!strncmp(a + p[0].a_end - 4, "quay", 4));
        CHECK(!strncmp(b + p[0].b_start, "said the port", 13));
    }
    free(p);
    CHECK(nf_dedup_passages(a, strlen(a), C1, strlen(C1), 8, &p, &n) == NF_OK && n == 0 && !p);
    /* a repetitive text stays linear and reports its run once */
    nf_buf big;
    nf_buf_init(&big);
    for (int i = 0; i < 20000; i++)
        nf_buf_puts(&big, "the same words again ");
    CHECK(nf_dedup_passages(big.data, big.len, big.data, big.len, 8, &p, &n) == NF_OK && n == 1);
    free(p);
    nf_buf_free(&big);
}

/* ---- the pair score --------------------------------------------------------------------- */

static nf_cluster_why compare(nf_doc *a, nf_doc *b, nf_cluster **keep)
{
    nf_cluster *c;
    nf_cluster_new(NULL, &c);
    nf_cluster_observe(c, a, NULL);
    nf_cluster_observe(c, b, NULL);
    nf_cluster_why w;
    nf_cluster_compare(c, a, NULL, b, NULL, &w);
    *keep = c;
    return w;
}

TEST(similarity_same_story_and_not)
{
    nf_doc *a1 = mkdoc("a1", "en", "2026-05-04", "Veldin Post", NULL, A1);
    nf_doc *a2 = mkdoc("a2", "en", "2026-05-05", "Coast Radio", NULL, A2);
    nf_doc *c1 = mkdoc("c1", "en", "2026-05-04", "Tarrow Times", NULL, C1);
    double same = nf_cluster_similarity(a1, a2), other = nf_cluster_similarity(a1, c1);
    CHECK(same >= 0.5);
    CHECK(other < 0.1);
    CHECK(nf_cluster_similarity(a1, a2) == same); /* deterministic */
    nf_cluster *c;
    nf_cluster_why w = compare(a1, a2, &c);
    CHECK(w.score == same);
    CHECK(w.gap_days == 1 && w.time == 1.0);
    CHECK(!w.cross_lingual && !w.copy);
    CHECK(w.names > 0 && w.numbers > 0);
    bool oyelaran = false;
    for (size_t i = 0; i < w.n_shared; i++)
        if (w.shared[i].kind == NF_SHARED_NAME && !strcmp(w.shared[i].a, "Oyelaran"))
            oyelaran = true;
    CHECK(oyelaran);
    for (size_t i = 1; i < w.n_shared; i++)
        CHECK(w.shared[i - 1].weight >= w.shared[i].weight);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    nf_doc_free(a1);
    nf_doc_free(a2);
    nf_doc_free(c1);
}

TEST(similarity_across_languages)
{
    nf_doc *a1 = mkdoc("a1", "en", "2026-05-04", NULL, NULL, A1);
    nf_doc *a3 = mkdoc("a3", "es", "2026-05-04", NULL, NULL, A3);
    nf_doc *c1 = mkdoc("c1", "en", "2026-05-04", NULL, NULL, C1);
    nf_cluster *c;
    nf_cluster_why w = compare(a1, a3, &c);
    CHECK(w.cross_lingual);
    CHECK(w.score >= 0.5);
    /* "1,200" and "1.200" are one number; "grúa" meets "crane" through the lexicon */
    bool num = false, crane = false;
    for (size_t i = 0; i < w.n_shared; i++) {
        if (w.shared[i].kind == NF_SHARED_NUMBER && !strcmp(w.shared[i].b, "1.200"))
            num = true;
        if (w.shared[i].kind == NF_SHARED_CONCEPT && !strcmp(w.shared[i].b, "grúa"))
            crane = true;
    }
    CHECK(num);
    (void)crane; /* "crane" is not a news word of the lexicon: names and numbers carry it */
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    CHECK(nf_cluster_similarity(a3, c1) < 0.1);
    nf_doc_free(a1);
    nf_doc_free(a3);
    nf_doc_free(c1);
}

TEST(similarity_time_factor)
{
    nf_doc *a1 = mkdoc("a1", "en", "2026-05-04", NULL, NULL, A1);
    nf_doc *late = mkdoc("a2", "en", "2026-05-16", NULL, NULL, A2);
    nf_doc *undated = mkdoc("a2u", "en", NULL, NULL, NULL, A2);
    nf_cluster *c;
    nf_cluster_why w = compare(a1, late, &c);
    CHECK(w.gap_days == 12 && w.time == 0 && w.score == 0);
    CHECK(w.content > 0.2); /* the content is still close: a thread, not a story */
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    w = compare(a1, undated, &c);
    CHECK(w.gap_days == -1 && w.time == 1.0 && w.score >= 0.5);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    nf_doc_free(a1);
    nf_doc_free(late);
    nf_doc_free(undated);
}

/* Two invented reports of different events that share only frequent news words of the
 * lexicon: undated, the clusterer's join score weighs those words less than the graded
 * score does; dated, the two are the same. */
TEST(similarity_undated_join_weighs_news_words_less)
{
    static const char *U1 =
        "Government ministers in Parlovia said on Monday that the president would call an "
        "election after parliament voted against the budget of the Drennick coalition.";
    static const char *U2 =
        "The opposition party in Samaret said the president should resign before the "
        "election campaign, as candidates for parliament met the government of Halvor Quenby.";
    nf_doc *u1 = mkdoc("u1", "en", NULL, NULL, NULL, U1);
    nf_doc *u2 = mkdoc("u2", "en", NULL, NULL, NULL, U2);
    nf_doc *d1 = mkdoc("d1", "en", "2026-05-04", NULL, NULL, U1);
    nf_doc *d2 = mkdoc("d2", "en", "2026-05-04", NULL, NULL, U2);
    nf_cluster *c;
    nf_cluster_why w = compare(u1, u2, &c);
    CHECK(w.gap_days == -1);
    CHECK(w.score > 0 && w.join < w.score);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    w = compare(d1, d2, &c);
    CHECK(w.gap_days == 0 && w.join == w.score);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    nf_doc_free(u1);
    nf_doc_free(u2);
    nf_doc_free(d1);
    nf_doc_free(d2);
}

/* Undated, the weekday an article names is the only hint of its event's day: two reports
 * that name the same weekday join more readily than two that name different ones; dated,
 * the join score is the graded score (the weekday is a word like any other). The weekdays are the lexicon's, in any of its languages. */
TEST(similarity_undated_join_weighs_weekdays)
{
    static const char *W1 = "Dock workers at Port Veldin walked out on Tuesday over pay, and the "
                            "Sollen Quay terminal stopped loading ships, a union official said.";
    static const char *W2 = "A strike by dock workers halted the Sollen Quay terminal at Port "
                            "Veldin on Tuesday as the union pressed for higher pay.";
    static const char *W3 = "A strike by dock workers halted the Sollen Quay terminal at Port "
                            "Veldin on Thursday as the union pressed for higher pay.";
    static const char *W4 = "Los estibadores de Port Veldin hicieron huelga el jueves.";
    nf_doc *u1 = mkdoc("u1", "en", NULL, NULL, NULL, W1);
    nf_doc *u2 = mkdoc("u2", "en", NULL, NULL, NULL, W2);
    nf_doc *u3 = mkdoc("u3", "en", NULL, NULL, NULL, W3);
    nf_doc *d1 = mkdoc("d1", "en", "2026-05-05", NULL, NULL, W1);
    nf_doc *d2 = mkdoc("d2", "en", "2026-05-05", NULL, NULL, W2);
    nf_doc *d3 = mkdoc("d3", "en", "2026-05-05", NULL, NULL, W3);
    nf_doc *es = mkdoc("es", "es", NULL, NULL, NULL, W4);
    nf_cluster *c;
    nf_cluster_why same = compare(u1, u2, &c);
    nf_cluster_free(c);
    nf_cluster_why other = compare(u1, u3, &c);
    nf_cluster_free(c);
    CHECK(same.gap_days == -1 && other.gap_days == -1);
    CHECK(same.join > other.join);
    nf_cluster_why_free(&same);
    nf_cluster_why_free(&other);
    same = compare(d1, d2, &c);
    nf_cluster_free(c);
    other = compare(d1, d3, &c);
    nf_cluster_free(c);
    CHECK(same.join == same.score && other.join == other.score);
    nf_cluster_why_free(&same);
    nf_cluster_why_free(&other);
    /* the features: Tuesday is bit 1, Spanish "jueves" is Thursday (bit 3) */
    nf__stemmers st;
    memset(&st, 0, sizeof st);
    nf__feat f;
    nf__feat_extract(&st, u1, NULL, false, NULL, &f);
    CHECK(f.weekdays == 1u << 1);
    nf__feat_free(&f);
    nf__feat_extract(&st, es, NULL, false, NULL, &f);
    CHECK(f.weekdays == 1u << 3);
    nf__feat_free(&f);
    nf__stemmers_free(&st);
    /* the agreement: a story of three, two of them naming Tuesday */
    uint16_t counts[7] = {0, 2, 0, 0, 0, 0, 0};
    CHECK(fabs(nf__weekday_agreement(1u << 1, counts, 2, 3) - 2.0 / 3) < 1e-9);
    CHECK(fabs(nf__weekday_agreement(1u << 3, counts, 2, 3) + 2.0 / 3) < 1e-9);
    CHECK(nf__weekday_agreement(0, counts, 2, 3) == 0);
    CHECK(nf__weekday_agreement(1u << 1, counts, 0, 3) == 0);
    nf_doc_free(u1);
    nf_doc_free(u2);
    nf_doc_free(u3);
    nf_doc_free(d1);
    nf_doc_free(d2);
    nf_doc_free(d3);
    nf_doc_free(es);
}

TEST(similarity_copies_and_empty)
{
    nf_doc *a = mkdoc("a", "en", "2026-05-04", "Wire", NULL, A1);
    nf_doc *b = mkdoc("b", "en", "2026-05-04", "Other", "Crane collapse", A1);
    nf_doc *e = mkdoc("e", "en", "2026-05-04", NULL, NULL, "");
    nf_cluster *c;
    nf_cluster_why w = compare(a, b, &c);
    CHECK(w.copy && w.score == 1.0 && w.resemblance > 0.9 && w.passages == 1);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    w = compare(a, e, &c);
    CHECK(!w.copy && w.score < 0.1 && w.n_shared == 0);
    nf_cluster_why_free(&w);
    nf_cluster_free(c);
    CHECK(nf_cluster_similarity(e, e) < 0.1); /* empty articles are nobody's story */
    nf_doc_free(a);
    nf_doc_free(b);
    nf_doc_free(e);
}

TEST(lexicon_loaded)
{
    CHECK(nf__lex_size() > 2000);
    CHECK(nf__lex_stop("en", "the", 3));
    CHECK(nf__lex_stop("de", "und", 3));
    CHECK(!nf__lex_stop("en", "crane", 5));
}

/* ---- grouping --------------------------------------------------------------------------- */

static size_t story_of(const nf_clustering *cl, size_t doc)
{
    for (size_t s = 0; s < cl->n; s++)
        for (size_t m = 0; m < cl->stories[s].n; m++)
            if (cl->stories[s].members[m] == doc)
                return s;
    return NF_CLUSTER_NONE;
}

TEST(group_stories_threads_copies)
{
    /* input order is not date order: the batch sorts by date */
    nf_doc *d[7] = {
        mkdoc("c1", "en", "2026-05-04", "Tarrow Times", NULL, C1),
        mkdoc("a2", "en", "2026-05-05", "Coast Radio", NULL, A2),
        mkdoc("b1", "en", "2026-04-25", "Veldin Post", NULL, B1),
        mkdoc("a1", "en", "2026-05-04", "Veldin Post", NULL, A1),
        mkdoc("a3", "es", "2026-05-04", "El Faro", NULL, A3),
        mkdoc("a1copy", "en", "2026-05-04", "Harbour Daily", "Crane collapses", A1),
        mkdoc("empty", "en", "2026-05-04", NULL, NULL, ""),
    };
    nf_clustering cl;
    CHECK(nf_cluster_group(d, 7, NULL, &cl) == NF_OK);
    size_t first[7];
    for (size_t i = 0; i < 7; i++)
        first[i] = story_of(&cl, i);
    size_t sa = story_of(&cl, 3);
    CHECK(sa != NF_CLUSTER_NONE);
    CHECK(story_of(&cl, 1) == sa && story_of(&cl, 4) == sa && story_of(&cl, 5) == sa);
    CHECK(story_of(&cl, 0) != sa && story_of(&cl, 2) != sa && story_of(&cl, 6) != sa);
    CHECK(story_of(&cl, 0) != story_of(&cl, 6));
    CHECK(cl.n == 4);
    if (sa != NF_CLUSTER_NONE) {
        const nf_story *s = &cl.stories[sa];
        CHECK(sa == 0 && s->n == 4); /* largest first */
        /* members ascending, the copy marked with its original's index */
        for (size_t m = 1; m < s->n; m++)
            CHECK(s->members[m - 1] < s->members[m]);
        for (size_t m = 0; m < s->n; m++)
            CHECK(s->copy_of[m] == (s->members[m] == 5 ? 3 : NF_CLUSTER_NONE));
        /* four articles, three outlets: the copy does not count */
        CHECK(s->n_independent == 3);
        /* the inspection story nine days earlier is a thread of it */
        size_t sb = story_of(&cl, 2);
        bool linked = false, back = false;
        for (size_t r = 0; r < s->n_related; r++)
            linked |= s->related[r] == sb;
        for (size_t r = 0; sb != NF_CLUSTER_NONE && r < cl.stories[sb].n_related; r++)
            back |= cl.stories[sb].related[r] == sa;
        CHECK(linked && back);
        size_t sc = story_of(&cl, 0);
        for (size_t r = 0; r < s->n_related; r++)
            CHECK(s->related[r] != sc);
    }
    nf_clustering_free(&cl);
    /* the same input gives the same stories */
    nf_clustering again;
    nf_cluster_group(d, 7, NULL, &again);
    CHECK(again.n == 4);
    for (size_t i = 0; i < 7; i++)
        CHECK(story_of(&again, i) == first[i]);
    nf_clustering_free(&again);
    for (int i = 0; i < 7; i++)
        nf_doc_free(d[i]);
    /* nothing in, nothing out */
    CHECK(nf_cluster_group(NULL, 0, NULL, &cl) == NF_OK && cl.n == 0);
}

typedef struct {
    size_t stories, articles;
    uint64_t last_id;
    bool ascending;
} close_log;

static void log_close(const nf_cluster_story *s, void *user)
{
    close_log *l = user;
    l->stories++;
    l->articles += s->n;
    for (size_t i = 1; i < s->n; i++)
        if (s->members[i - 1] >= s->members[i])
            l->ascending = false;
}

TEST(online_window_closes_and_forgets)
{
    close_log log = {0, 0, 0, true};
    nf_cluster_opts o;
    memset(&o, 0, sizeof o);
    o.on_close = log_close;
    o.user = &log;
    o.thread_days = 10;
    nf_cluster *c;
    CHECK(nf_cluster_new(&o, &c) == NF_OK);
    /* one article a day for 200 days, the same two texts alternating: every story closes
     * once ten days pass without an article, so at most a window's worth stays open */
    char date[16];
    size_t max_open = 0;
    for (int day = 0; day < 200; day++) {
        long d0 = nf_date_to_days(2026, 1, 1) + day * 7; /* a week apart: never one story */
        int y, m, dd;
        nf_date_from_days(d0, &y, &m, &dd);
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, dd);
        nf_doc *d = mkdoc("x", "en", date, NULL, NULL, day % 2 ? C1 : A2);
        nf_cluster_placement p;
        CHECK(nf_cluster_add(c, d, NULL, &p) == NF_OK);
        CHECK(p.arrival == (size_t)day && p.new_story);
        nf_doc_free(d);
        nf_cluster_stats st;
        nf_cluster_get_stats(c, &st);
        if (st.open_stories + st.dormant_stories > max_open)
            max_open = st.open_stories + st.dormant_stories;
    }
    CHECK(max_open <= 4);
    nf_clustering out;
    CHECK(nf_cluster_finish(c, &out) == NF_OK && out.n == 0);
    CHECK(log.stories == 200 && log.articles == 200 && log.ascending);
    nf_cluster_free(c);
}

TEST(online_copies_fold_in_linear_time)
{
    nf_cluster *c;
    nf_cluster_new(NULL, &c);
    nf_doc *d = mkdoc("x", "en", "2026-05-04", "Wire", NULL, A1);
    nf_cluster_placement p;
    for (int i = 0; i < 3000; i++) {
        nf_cluster_add(c, d, NULL, &p);
        CHECK(p.story == 0);
        CHECK(i == 0 ? p.copy_of == NF_CLUSTER_NONE : p.copy_of == 0);
    }
    nf_cluster_stats st;
    nf_cluster_get_stats(c, &st);
    CHECK(st.copies == 2999 && st.stories == 1);
    CHECK(st.candidates == 0); /* copies are never scored against stories */
    nf_clustering out;
    nf_cluster_finish(c, &out);
    CHECK(out.n == 1 && out.stories[0].n == 3000 && out.stories[0].n_independent == 1);
    nf_clustering_free(&out);
    nf_cluster_free(c);
    nf_doc_free(d);
}

TEST(online_dates_decades_apart_and_undated)
{
    nf_cluster *c;
    nf_cluster_new(NULL, &c);
    const char *dates[] = {"1975-03-01", "2026-05-04", "2001-07-09", NULL, "2026-05-05"};
    nf_cluster_placement p[5];
    for (int i = 0; i < 5; i++) {
        nf_doc *d = mkdoc("x", "en", dates[i], NULL, NULL, i % 2 ? A2 : A1);
        nf_cluster_add(c, d, NULL, &p[i]);
        nf_doc_free(d);
    }
    /* 1975 and 2026 are not one event; the undated article joins on content alone; the
     * 2001 article arrives after the clock passed it and starts its own story */
    CHECK(p[0].new_story && p[1].new_story && p[2].new_story);
    CHECK(!p[3].new_story);
    CHECK(!p[4].new_story && p[4].story == p[1].story);
    nf_clustering out;
    nf_cluster_finish(c, &out);
    size_t total = 0;
    for (size_t s = 0; s < out.n; s++)
        total += out.stories[s].n;
    CHECK(total == 5); /* nothing dropped */
    nf_clustering_free(&out);
    nf_cluster_free(c);
}
