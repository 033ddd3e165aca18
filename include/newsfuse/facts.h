/* newsfuse facts: entities with aliases, quotes with speakers, quantities, temporal
 * expressions, found in one article's body text.
 *
 * Ownership: nf_facts_extract allocates everything (the nf_facts and every string and
 * array in it) in the document's arena; it dies with nf_doc_free. Offsets (start, end) are
 * byte offsets into doc->text; writers convert them to character offsets. */
#ifndef NEWSFUSE_FACTS_H
#define NEWSFUSE_FACTS_H

#include "newsfuse/doc.h"

typedef enum { NF_ENT_PERSON, NF_ENT_ORGANIZATION, NF_ENT_LOCATION, NF_ENT_OTHER } nf_entity_type;

/* "person", "organization", "location", "other" (the schema's strings). */
const char *nf_entity_type_str(nf_entity_type t);

typedef struct {
    size_t start, end; /* bytes in doc->text */
} nf_range;

typedef struct {
    const char *name; /* canonical: the fullest form seen ("Claudia Sheinbaum") */
    nf_entity_type type;
    const char **aliases; /* other surface forms seen, without the name itself */
    size_t n_aliases;
    nf_range *mentions; /* every mention, in text order */
    size_t n_mentions;
} nf_entity;

typedef struct {
    const char *text;    /* the quoted words without quotation marks (or the reported clause) */
    size_t start, end;   /* the quote's span */
    const char *speaker; /* canonical entity name, or the speaker phrase; NULL when unknown */
    long speaker_entity; /* index into nf_facts.entities, -1 when none */
    bool direct;         /* true for words in quotation marks */
    const char *cue;     /* the attribution verb or phrase ("said", "according to"), may be NULL */
    nf_range cue_span;   /* {0,0} when no cue */
    nf_range speaker_span; /* where the speaker is named near the quote, {0,0} when none */
} nf_quote;

typedef struct {
    const char *text;      /* the quantity as written ("nearly 320 tons") */
    size_t start, end;
    double value;          /* normalised: "30,000" -> 30000, "half" -> 0.5 (unit "fraction") */
    double value_max;      /* other end of a range ("20 to 30"), in the order written for
                            * "from 410 to 385" (below value for a fall); equal to value when
                            * no range */
    const char *unit;      /* "percent", "fraction" (a share of one: "half", "one in five"), "ton",
                            * "USD", "EUR", or the counted noun's English lemma ("21 rifles" ->
                            * "rifle"); "" for bare numbers */
    const char *qualifier; /* "nearly", "up to", "over", "about", "more than", ...; NULL when none */
    const char *direction; /* "rise", "drop", "decline", "reduction", ...; NULL when none */
    const char *subject;   /* what is measured (noun phrase); NULL when not found */
    const char *attributed_to; /* who claims it (speaker or "according to" source); NULL */
} nf_quantity;

typedef enum { NF_TIMEX_DATE, NF_TIMEX_TIME, NF_TIMEX_DURATION, NF_TIMEX_SET } nf_timex_type;

typedef struct {
    const char *text;   /* the expression as written ("on Friday", "Jan. 23") */
    size_t start, end;
    nf_timex_type type;
    const char *value;  /* TIMEX3 value: "2026-01-16", "2026-01", "2026-W03", "2026-01-16TNI",
                           "P3D", "PRESENT_REF", "XXXX-02", ... */
    nf_granularity gran;
    bool weekday_mismatch; /* a weekday written beside a date the calendar contradicts */
    const char *note;      /* e.g. "Thursday written, 2026-01-09 is a Friday"; NULL */
    const char *anchor;    /* the calendar date a duration counted from an event points to:
                              "three days after ..." is text "three days", value "P3D" (TIMEX3)
                              and anchor "2026-01-12", gran that of the anchor; NULL otherwise */
} nf_timex;

typedef struct {
    nf_entity *entities;
    size_t n_entities;
    nf_quote *quotes;
    size_t n_quotes;
    nf_quantity *quantities;
    size_t n_quantities;
    nf_timex *times;
    size_t n_times;
} nf_facts;

typedef struct {
    const char *dct; /* document creation date to use when the doc has none (YYYY-MM-DD) */
} nf_facts_opts;

/* Extracts all facts of doc into *out (in doc's arena). Times are resolved against
 * doc->published, else opts->dct; without either, relative dates stay unresolved (values
 * like "XXXX-XX-XX"). Never fails on any text; linear in the text's length. */
nf_status nf_facts_extract(nf_doc *doc, const nf_facts_opts *opts, nf_facts **out);

/* The four extractors, in the order nf_facts_extract runs them (quotes use entities,
 * quantities use quotes for attribution). Each appends to f. Exposed for tests. */
nf_status nf_facts_times(nf_doc *doc, const nf_date *dct, nf_facts *f);
/* Normalisation of given extents (TempEval's protocol of normalising the gold TIMEX3
 * extents): spans holds nspans byte ranges [spans[2k], spans[2k+1]) of doc->text in text
 * order, not overlapping. Each is normalised alone, by the recogniser of nf_facts_times
 * reading nothing past the span (the tense from its sentence) and the same resolver, and
 * one nf_timex per span is appended in the order given, with the span as its extent; value
 * "" (gran NONE) where nothing in the span is a temporal expression. For evaluation. */
nf_status nf_facts_times_at(nf_doc *doc, const nf_date *dct, const size_t *spans,
                            size_t nspans, nf_facts *f);
nf_status nf_facts_entities(nf_doc *doc, nf_facts *f);
nf_status nf_facts_quotes(nf_doc *doc, nf_facts *f);
nf_status nf_facts_quantities(nf_doc *doc, nf_facts *f);

#endif
