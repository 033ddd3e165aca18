/* Fuzz target for the feed reader: any bytes, read as an RSS, Atom or RDF feed. The body is shared with the other ingest
 * targets (ingest_target.h). Built as a libFuzzer binary with -Dfuzz=true, and always linked
 * with replay_main.c, which feeds it every file of fuzz/corpus/feed/ as an ordinary test. */
#define NF_FUZZ_HINT "fuzz.xml"
#include "ingest_target.h"
