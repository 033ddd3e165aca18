/* One-line logging on stderr. */
#include <stdio.h>

#include "newsfuse/base.h"

static nf_log_level level = NF_LOG_WARN;

void nf_log_set_level(nf_log_level lvl) { level = lvl; }
nf_log_level nf_log_get_level(void) { return level; }

void nf_log(nf_log_level lvl, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    if (lvl > level)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "newsfuse: %s: ", names[lvl]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
