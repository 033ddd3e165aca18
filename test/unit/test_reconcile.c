/* Reconcile: claims merged across articles (rounding, scale, subjects, copies counted once,
 * disputes), entities joined by surname, quotes merged with attribution conflicts. Facts
 * are built by hand so that these tests do not depend on the extractors. */
#include <stdlib.h>

#include "newsfuse/reconcile.h"
#include "unit.h"

#define MAXQ 4

typedef struct {
    nf_doc *doc;
    nf_facts facts;
} art;

static void mkart(art *x, const char *id, const char *source, const char *lang, const char *text)
{
    memset(x, 0, sizeof *x);
    x->doc = nf_doc_new();
    x->doc->id = nf_arena_strdup(x->doc->arena, id);
    x->doc->source = source ? nf_arena_strdup(x->doc->arena, source) : NULL;
    memcpy(x->doc->lang, lang, strlen(lang) + 1);
    x->doc->text = nf_arena_strdup(x->doc->arena, text);
    x->doc->text_len = strlen(text);
    x->facts.quantities = nf_arena_alloc(x->doc->arena, MAXQ * sizeof(nf_quantity));
    x->facts.entities = nf_arena_alloc(x->doc->arena, MAXQ * sizeof(nf_entity));
    x->facts.quotes = nf_arena_alloc(x->doc->arena, MAXQ * sizeof(nf_quote));
}

static void qty(art *x, const char *text, double v, const char *unit, const char *qual,
                const char *subject)
{
    nf_quantity *q = &x->facts.quantities[x->facts.n_quantities++];
    q->text = text;
    q->start = 0, q->end = strlen(text);
    q->value = q->value_max = v;
    q->unit = unit, q->qualifier = qual, q->subject = subject;
}

typedef struct {
    nf_doc *docs[8];
    nf_facts *facts[8];
    size_t members[8], copy_of[8];
    nf_story s;
    nf_arena *a;
    nf_reconciled r;
} story;

static void reconcile(story *st, art *arts, size_t n)
{
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        st->docs[i] = arts[i].doc;
        st->facts[i] = &arts[i].facts;
        st->members[i] = i;
        st->copy_of[i] = NF_CLUSTER_NONE;
    }
    st->s.members = st->members;
    st->s.n = n;
    st->s.copy_of = st->copy_of;
    st->a = nf_arena_new();
}

static void run(story *st)
{
    CHECK(nf_reconcile_story(st->a, st->docs, st->facts, &st->s, &st->r) == NF_OK);
}

static void done(story *st, art *arts, size_t n)
{
    nf_arena_free(st->a);
    for (size_t i = 0; i < n; i++)
        nf_doc_free(arts[i].doc);
}

static const nf_rec_claim *find_claim(const nf_reconciled *r, double v, const char *unit)
{
    for (size_t i = 0; i < r->n_claims; i++)
        if (!strcmp(r->claims[i].unit, unit) && nf_reconcile_same_value(r->claims[i].value, v))
            return &r->claims[i];
    return NULL;
}

TEST(reconcile_same_value_rounding)
{
    CHECK(nf_reconcile_same_value(2500000, 2.5e6));
    CHECK(nf_reconcile_same_value(40000, 40300));
    CHECK(!nf_reconcile_same_value(40000, 40500));
    CHECK(!nf_reconcile_same_value(40000, 60000));
    CHECK(nf_reconcile_same_value(0, 0));
}

TEST(reconcile_claims_merge_with_variants_and_dispute)
{
    art a[3];
    mkart(&a[0], "a", "Radio", "en", "Up to 40,000 litres of marine diesel leaked.");
    qty(&a[0], "up to 40,000 litres", 40000, "litre", "up to", "marine diesel");
    mkart(&a[1], "b", "Mariner", "en", "Nearly 40,000 litres of diesel have leaked.");
    qty(&a[1], "Nearly 40,000 litres", 40000, "litre", "nearly", "diesel");
    mkart(&a[2], "c", "Times", "en", "About 60,000 litres of marine diesel have leaked.");
    qty(&a[2], "about 60,000 litres", 60000, "litre", "about", "marine diesel");
    story st;
    reconcile(&st, a, 3);
    run(&st);
    const nf_rec_claim *c40 = find_claim(&st.r, 40000, "litre"), *c60 = find_claim(&st.r, 60000, "litre");
    CHECK(c40 && c40->n_arts == 2 && c40->n_variants == 2);
    CHECK(c40 && c40->status == NF_CLAIM_DISPUTED);
    CHECK(c60 && c60->status == NF_CLAIM_DISPUTED && c60->n_arts == 1);
    if (c40 && c40->n_variants == 2) {
        CHECK_STR(c40->variants[0].qualifier, "up to");
        CHECK_STR(c40->variants[1].qualifier, "nearly");
        CHECK_STR(c40->variants[1].text, "Nearly 40,000 litres");
    }
    CHECK(st.r.n_disagreements == 1);
    if (st.r.n_disagreements == 1) {
        CHECK(st.r.disagreements[0].kind == NF_DIS_QUANTITY);
        CHECK(st.r.disagreements[0].n_arts == 3 && st.r.disagreements[0].n_evidence == 3);
        CHECK(strstr(st.r.disagreements[0].description, "40,000") != NULL);
    }
    done(&st, a, 3);
}

TEST(reconcile_claims_scale_language_and_copies)
{
    art a[4];
    mkart(&a[0], "a", "Times", "en", "The fine is 2.5 million euros.");
    qty(&a[0], "2.5 million euros", 2.5e6, "EUR", NULL, NULL);
    mkart(&a[1], "b", "Centinela", "es", "La multa es de 2,5 millones de euros.");
    qty(&a[1], "2,5 millones de euros", 2500000, "EUR", NULL, "multa");
    mkart(&a[2], "c", "Gazette", "en", "The ship carried 6,200 tonnes of methanol.");
    qty(&a[2], "6,200 tonnes", 6200, "ton", NULL, "methanol");
    mkart(&a[3], "d", "Herald", "en", "The ship carried 6,200 tonnes of methanol.");
    qty(&a[3], "6,200 tonnes", 6200, "ton", NULL, "methanol");
    story st;
    reconcile(&st, a, 4);
    st.copy_of[3] = 2; /* d is a wire copy of c */
    run(&st);
    const nf_rec_claim *fine = find_claim(&st.r, 2.5e6, "EUR"), *t = find_claim(&st.r, 6200, "ton");
    CHECK(fine && fine->n_arts == 2 && fine->status == NF_CLAIM_CORROBORATED);
    CHECK(t && t->n_arts == 2 && t->n_outlets == 1 && t->status == NF_CLAIM_SINGLE_SOURCE);
    CHECK(st.r.n_disagreements == 0);
    done(&st, a, 4);
}

TEST(reconcile_claim_subject_from_the_main_language)
{
    art a[3];
    mkart(&a[0], "a", "Centinela", "es", "La multa es de 2,5 millones de euros.");
    qty(&a[0], "2,5 millones de euros", 2500000, "EUR", NULL, "multa");
    mkart(&a[1], "b", "Times", "en", "The operator will pay a fine of 2.5 million euros.");
    qty(&a[1], "2.5 million euros", 2.5e6, "EUR", NULL, "fine");
    mkart(&a[2], "c", "Herald", "en", "A fine of 2.5 million euros was announced.");
    qty(&a[2], "2.5 million euros", 2.5e6, "EUR", NULL, "fine");
    story st;
    reconcile(&st, a, 3);
    run(&st);
    const nf_rec_claim *fine = find_claim(&st.r, 2.5e6, "EUR");
    CHECK(fine && fine->n_arts == 3);
    CHECK(fine && fine->subject && strcmp(fine->subject, "fine") == 0); /* not "multa" */
    done(&st, a, 3);
}

TEST(reconcile_claims_counts_of_a_noun_are_not_disputes)
{
    art a[2];
    mkart(&a[0], "a", "Radio", "en", "Two sailors were treated for hypothermia.");
    qty(&a[0], "Two sailors", 2, "sailors", NULL, "sailors");
    mkart(&a[1], "b", "Times", "en", "Its 14 sailors were rescued.");
    qty(&a[1], "14 sailors", 14, "sailors", NULL, "sailors");
    qty(&a[1], "14", 14, "", NULL, NULL); /* a bare number: skipped */
    story st;
    reconcile(&st, a, 2);
    run(&st);
    CHECK(st.r.n_claims == 2);
    CHECK(st.r.n_disagreements == 0);
    for (size_t i = 0; i < st.r.n_claims; i++)
        CHECK(st.r.claims[i].status == NF_CLAIM_SINGLE_SOURCE);
    done(&st, a, 2);
}

TEST(reconcile_claims_different_subjects_stay_apart)
{
    art a[2];
    mkart(&a[0], "a", "Radio", "en", "City pays 35% of the cost.");
    qty(&a[0], "35%", 35, "percent", NULL, "cost");
    mkart(&a[1], "b", "Times", "en", "Turnout was 35% of voters.");
    qty(&a[1], "35%", 35, "percent", NULL, "turnout of voters");
    story st;
    reconcile(&st, a, 2);
    run(&st);
    CHECK(st.r.n_claims == 2);
    done(&st, a, 2);
}

TEST(reconcile_entities_surname_and_quotes)
{
    art a[3];
    const char *q = "Whoever is responsible will pay for every metre of beach";
    mkart(&a[0], "a", "Times", "en", "Claudia Sheinbaum spoke. Whoever is responsible will pay.");
    a[0].facts.entities[0] = (nf_entity){"Claudia Sheinbaum", NF_ENT_PERSON, NULL, 0, NULL, 2};
    a[0].facts.n_entities = 1;
    a[0].facts.quotes[0] = (nf_quote){q, 0, 10, "Claudia Sheinbaum", 0, true, "said", {0, 0}, {0, 0}};
    a[0].facts.n_quotes = 1;
    mkart(&a[1], "b", "Radio", "en", "Sheinbaum spoke again.");
    a[1].facts.entities[0] = (nf_entity){"Sheinbaum", NF_ENT_PERSON, NULL, 0, NULL, 1};
    a[1].facts.n_entities = 1;
    a[1].facts.quotes[0] = (nf_quote){"whoever is responsible will pay for every metre of beach!", 0, 10,
                                      "Sheinbaum", 0, true, "said", {0, 0}, {0, 0}};
    a[1].facts.n_quotes = 1;
    mkart(&a[2], "c", "Post", "en", "Mr Lopez said it.");
    a[2].facts.entities[0] = (nf_entity){"Lopez", NF_ENT_PERSON, NULL, 0, NULL, 1};
    a[2].facts.n_entities = 1;
    a[2].facts.quotes[0] = (nf_quote){q, 0, 10, "Lopez", 0, true, "said", {0, 0}, {0, 0}};
    a[2].facts.n_quotes = 1;
    story st;
    reconcile(&st, a, 3);
    run(&st);
    CHECK(st.r.n_entities == 2);
    if (st.r.n_entities == 2) {
        CHECK_STR(st.r.entities[0].name, "Claudia Sheinbaum");
        CHECK(st.r.entities[0].n_arts == 2 && st.r.entities[0].mentions == 3);
        CHECK(st.r.entities[0].n_aliases == 1);
    }
    CHECK(st.r.n_quotes == 1);
    if (st.r.n_quotes == 1) {
        CHECK(st.r.quotes[0].n_arts == 3);
        CHECK_STR(st.r.quotes[0].speaker, "Claudia Sheinbaum");
    }
    CHECK(st.r.n_disagreements == 1 && st.r.disagreements[0].kind == NF_DIS_ATTRIBUTION);
    done(&st, a, 3);
}

TEST(reconcile_empty_story_and_no_facts)
{
    art a[1];
    mkart(&a[0], "a", NULL, "und", "");
    story st;
    reconcile(&st, a, 1);
    st.facts[0] = NULL;
    run(&st);
    CHECK(st.r.n_claims == 0 && st.r.n_entities == 0 && st.r.n_quotes == 0);
    CHECK(st.r.n_timeline == 0 && st.r.n_disagreements == 0);
    done(&st, a, 1);
}

/* Every occurrence of name in the article's text as a mention of one entity. */
static void ent(art *x, const char *name, nf_entity_type type)
{
    nf_range *ms = nf_arena_alloc(x->doc->arena, 8 * sizeof(nf_range));
    size_t n = 0;
    for (const char *p = x->doc->text; (p = strstr(p, name)) != NULL && n < 8; p++)
        ms[n++] = (nf_range){(size_t)(p - x->doc->text), (size_t)(p - x->doc->text) + strlen(name)};
    x->facts.entities[x->facts.n_entities++] = (nf_entity){name, type, NULL, 0, ms, n};
}

/* A resolved date expression at its first occurrence in the article's text. */
static void tmx(art *x, const char *expr, const char *value, bool mismatch, const char *note)
{
    if (!x->facts.times)
        x->facts.times = nf_arena_alloc(x->doc->arena, MAXQ * sizeof(nf_timex));
    const char *p = strstr(x->doc->text, expr);
    size_t at = p ? (size_t)(p - x->doc->text) : 0;
    x->facts.times[x->facts.n_times++] =
        (nf_timex){.text = expr, .start = at, .end = at + strlen(expr), .type = NF_TIMEX_DATE,
                   .value = value, .gran = NF_GRAN_DAY, .weekday_mismatch = mismatch, .note = note};
}

static size_t count_kind(const nf_reconciled *r, nf_dis_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_disagreements; i++)
        n += r->disagreements[i].kind == k;
    return n;
}

TEST(reconcile_fact_denial_across_outlets)
{
    art a[2];
    mkart(&a[0], "a", "Coast Radio", "en",
          "Harbour officials said the tanker Marla Grey spilled fuel into Tolland Bay on Monday.");
    ent(&a[0], "Marla Grey", NF_ENT_OTHER);
    ent(&a[0], "Tolland Bay", NF_ENT_LOCATION);
    mkart(&a[1], "b", "Harbour News", "en",
          "The owners of the Marla Grey denied that the tanker spilled fuel into Tolland Bay.");
    ent(&a[1], "Marla Grey", NF_ENT_OTHER);
    ent(&a[1], "Tolland Bay", NF_ENT_LOCATION);
    story st;
    reconcile(&st, a, 2);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_FACT) == 1);
    for (size_t i = 0; i < st.r.n_disagreements; i++) {
        const nf_rec_disagreement *d = &st.r.disagreements[i];
        if (d->kind != NF_DIS_FACT)
            continue;
        CHECK(d->n_arts == 2 && d->n_evidence == 2);
        CHECK(d->evidence[0].art == 0 && strstr(d->evidence[0].text, "spilled fuel"));
        CHECK(d->evidence[1].art == 1 && strstr(d->evidence[1].text, "denied"));
    }
    done(&st, a, 2);
}

TEST(reconcile_fact_no_dispute_when_both_sides_in_one_article)
{
    art a[2];
    /* the first article reports the claim and the denial: it disagrees with nobody */
    mkart(&a[0], "a", "Coast Radio", "en",
          "Harbour officials said the tanker Marla Grey spilled fuel into Tolland Bay on Monday. "
          "The owners of the Marla Grey denied that the tanker spilled fuel into the bay.");
    ent(&a[0], "Marla Grey", NF_ENT_OTHER);
    mkart(&a[1], "b", "Harbour News", "en",
          "The owners of the Marla Grey denied that the tanker spilled fuel into Tolland Bay.");
    ent(&a[1], "Marla Grey", NF_ENT_OTHER);
    story st;
    reconcile(&st, a, 2);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_FACT) == 0);
    done(&st, a, 2);
    /* an unrelated negation is no denial of the other article's fact */
    mkart(&a[0], "a", "Coast Radio", "en", "The tanker Marla Grey spilled fuel into Tolland Bay.");
    ent(&a[0], "Marla Grey", NF_ENT_OTHER);
    mkart(&a[1], "b", "Harbour News", "en", "The Marla Grey did not answer calls from reporters.");
    ent(&a[1], "Marla Grey", NF_ENT_OTHER);
    reconcile(&st, a, 2);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_FACT) == 0);
    done(&st, a, 2);
}

TEST(reconcile_date_disagreement_between_articles)
{
    art a[2];
    mkart(&a[0], "a", "Valley Post", "en",
          "The bridge over the Calder river collapsed on Tuesday, April 14, after heavy rain.");
    tmx(&a[0], "Tuesday, April 14", "2026-04-14", false, NULL);
    mkart(&a[1], "b", "Calder Radio", "en",
          "The bridge over the Calder river collapsed on Wednesday, April 15, after heavy rain.");
    tmx(&a[1], "Wednesday, April 15", "2026-04-15", false, NULL);
    story st;
    reconcile(&st, a, 2);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_DATE) == 1);
    if (st.r.n_disagreements == 1) {
        CHECK(strstr(st.r.disagreements[0].description, "2026-04-14") != NULL);
        CHECK(st.r.disagreements[0].n_evidence == 2);
    }
    CHECK(st.r.n_timeline == 2 && st.r.timeline[0].n_mentions == 1);
    done(&st, a, 2);
    /* relative days only ("on Tuesday" in a copy dated a day later) are no contradiction */
    mkart(&a[0], "a", "Valley Post", "en", "The bridge over the Calder river collapsed on Tuesday after heavy rain.");
    tmx(&a[0], "on Tuesday", "2026-04-14", false, NULL);
    mkart(&a[1], "b", "Calder Radio", "en", "The bridge over the Calder river collapsed on Tuesday after heavy rain.");
    tmx(&a[1], "on Tuesday", "2026-04-21", false, NULL);
    reconcile(&st, a, 2);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_DATE) == 0);
    done(&st, a, 2);
}

TEST(reconcile_weekday_mismatch_once_for_all_articles)
{
    art a[3];
    const char *note = "Friday written, 2026-04-14 is a Tuesday";
    for (int i = 0; i < 3; i++) {
        char id[2] = {(char)('a' + i), 0};
        mkart(&a[i], id, i == 2 ? "Valley Post" : "Calder Radio", "en",
              "The bridge collapsed on Friday, April 14, officials said.");
        tmx(&a[i], "Friday, April 14", "2026-04-14", true, note);
    }
    story st;
    reconcile(&st, a, 3);
    run(&st);
    CHECK(count_kind(&st.r, NF_DIS_DATE) == 1);
    if (st.r.n_disagreements == 1)
        CHECK(st.r.disagreements[0].n_arts == 3 && st.r.disagreements[0].n_evidence == 3);
    done(&st, a, 3);
}

TEST(reconcile_quote_and_its_translation)
{
    art a[3];
    const char *en = "We will pay 3 million euros to the farmers of Dunmore by May";
    const char *es = "Pagaremos 3 millones de euros a los agricultores de Dunmore antes de mayo";
    mkart(&a[0], "a", "Coast Radio", "en", "Minister Ana Ruiz spoke in Dunmore.");
    ent(&a[0], "Ana Ruiz", NF_ENT_PERSON);
    a[0].facts.quotes[0] = (nf_quote){en, 0, 10, "Ana Ruiz", 0, true, "said", {0, 0}, {0, 0}};
    a[0].facts.n_quotes = 1;
    mkart(&a[1], "b", "El Faro", "es", "La ministra Ana Ruiz habló en Dunmore.");
    ent(&a[1], "Ana Ruiz", NF_ENT_PERSON);
    a[1].facts.quotes[0] = (nf_quote){es, 0, 10, "Ana Ruiz", 0, true, "dijo", {0, 0}, {0, 0}};
    /* another quote of hers in Spanish, with nothing in common: stays apart */
    a[1].facts.quotes[1] = (nf_quote){"Nadie se quedará sin ayuda", 0, 10, "Ana Ruiz", 0, true,
                                      "dijo", {0, 0}, {0, 0}};
    a[1].facts.n_quotes = 2;
    mkart(&a[2], "c", "Harbour News", "en", "Ana Ruiz was in Dunmore.");
    ent(&a[2], "Ana Ruiz", NF_ENT_PERSON);
    story st;
    reconcile(&st, a, 3);
    run(&st);
    CHECK(st.r.n_quotes == 2);
    if (st.r.n_quotes == 2) {
        CHECK(st.r.quotes[0].n_arts == 2);
        CHECK_STR(st.r.quotes[0].text, en); /* the story's language */
        CHECK(st.r.quotes[1].n_arts == 1);
    }
    done(&st, a, 3);
}
