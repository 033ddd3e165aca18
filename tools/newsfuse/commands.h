/* Subcommands implemented in their own files; each takes the arguments after the command
 * name and returns the process exit code (see main.c). */
#ifndef NF_TOOLS_COMMANDS_H
#define NF_TOOLS_COMMANDS_H

int nf_cmd_scan(int argc, char **argv);    /* cmd_scan.c */
int nf_cmd_stories(int argc, char **argv); /* cmd_stories.c */
int nf_cmd_similar(int argc, char **argv); /* cmd_stories.c */
/* cmd_store.c: the store's commands */
#include <stdbool.h>
int nf_cmd_ingest(int argc, char **argv);
int nf_cmd_store_stories(int argc, char **argv); /* `stories` without FILE/DIR inputs */
int nf_cmd_show(int argc, char **argv);
int nf_cmd_search(int argc, char **argv);
int nf_cmd_entity(int argc, char **argv);
/* True when `stories` arguments name no FILE/DIR input (list the store's stories). */
bool nf_stories_from_store(int argc, char **argv);
int nf_cmd_serve(int argc, char **argv);   /* cmd_serve.c */
/* timex_at.c: `facts --timex-at FILE`, times normalised on given extents */
#include "newsfuse/newsfuse.h"

/* Exit codes of every command: 0 all done, 1 done with some inputs unreadable, 2 bad usage,
 * 3 nothing done. */
enum { EXIT_PARTIAL = 1, EXIT_USAGE = 2, EXIT_NOTHING = 3 };
/* Writes b to stdout; EXIT_NOTHING (message on stderr) when it cannot. main.c */
int nf_cli_write_out(nf_buf *b);

typedef struct nf_timex_at nf_timex_at;
nf_timex_at *nf_timex_at_load(const char *path); /* NULL (message on stderr) on error */
/* Replaces f's times with the listed extents of doc, when doc->id is listed. */
void nf_timex_at_apply(const nf_timex_at *ta, nf_doc *doc, const char *dct, nf_facts *f);
void nf_timex_at_free(nf_timex_at *ta);

#endif
