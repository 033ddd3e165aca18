/* Fuzz target for the JSONL reader: any bytes, read as JSON lines. The body is shared with the other ingest
 * targets (ingest_target.h). Built as a libFuzzer binary with -Dfuzz=true, and always linked
 * with replay_main.c, which feeds it every file of fuzz/corpus/jsonl/ as an ordinary test. */
#define NF_FUZZ_HINT "fuzz.jsonl"
#include "ingest_target.h"
