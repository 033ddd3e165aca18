/* Fuzz target for the WARC reader: any bytes, read as a WARC or WARC.gz stream (gzip is
 * undone on the fly). The body is shared with the other ingest
 * targets (ingest_target.h). Built as a libFuzzer binary with -Dfuzz=true, and always linked
 * with replay_main.c, which feeds it every file of fuzz/corpus/warc/ as an ordinary test. */
#define NF_FUZZ_HINT "fuzz.warc"
#include "ingest_target.h"
