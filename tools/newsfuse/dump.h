/* The stage dispatcher shared by `newsfuse dump` and the spec runner (test/spec/runner.c).
 *
 * Each stage writes a canonical dump: one item per line, fields separated by a tab, and any
 * newline or tab inside a field written as the two characters \n or \t. */
#ifndef NEWSFUSE_DUMP_H
#define NEWSFUSE_DUMP_H

#include "newsfuse/base.h"

/* Runs `stage` on input[0..len) and appends its dump to *out (initialised by the caller).
 * Stages:
 *   tokens     kind<TAB>text for each token of the normalised input
 *   sentences  one sentence per line
 *   language   the ISO 639-1 code (or "und"), one line
 *   stem       word<TAB>stem for each WORD token (case-folded); an optional first line
 *              "lang: xx" picks the stemmer (default en)
 *   extract    see nf__dump_extract
 *   entities   name<TAB>type<TAB>aliases joined by |<TAB>number of mentions, per entity of
 *              the input read as clean article text (src/facts/entities.c)
 *   quotes     speaker<TAB>direct|indirect<TAB>cue<TAB>text per quote ("-" for no speaker
 *              or cue; src/facts/quotes.c)
 *   times      text<TAB>TIMEX3 value<TAB>granularity[<TAB>note when the weekday contradicts
 *              the date], per temporal expression (src/facts/times*.c)
 *   times-at   the same for the extents marked [like this] in the input (marks removed),
 *              each normalised alone (nf_facts_times_at); value "" where none is found
 *   quantities text<TAB>value (lo..hi for a range)<TAB>unit<TAB>qualifier<TAB>direction<TAB>
 *              subject ("-" when empty; src/facts/quantities.c)
 *              Both read optional first lines "dct: YYYY-MM-DD" and "lang: xx".
 * On failure returns the status and sets *err to a static message; NF_ERR_INVALID for an
 * unknown stage. */
nf_status nf_dump(const char *stage, const char *input, size_t len, nf_buf *out, const char **err);

/* The space-separated names of the stages, for usage messages. */
const char *nf_dump_stages(void);

/* Hook for the extract stage, defined next to the extractor's tools. A weak default in
 * dump.c returns NF_ERR_UNSUPPORTED so that the dispatcher links without it. */
nf_status nf__dump_extract(const char *input, size_t len, nf_buf *out, const char **err);

#endif
