/* Subcommands implemented in their own files; each takes the arguments after the command
 * name and returns the process exit code (see main.c). */
#ifndef NF_TOOLS_COMMANDS_H
#define NF_TOOLS_COMMANDS_H

int nf_cmd_scan(int argc, char **argv);    /* cmd_scan.c */
int nf_cmd_stories(int argc, char **argv); /* cmd_stories.c */
int nf_cmd_similar(int argc, char **argv); /* cmd_stories.c */
int nf_cmd_serve(int argc, char **argv);   /* cmd_serve.c */

#endif
