/* Whole-file reads (regular files and standard input). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsfuse/base.h"

nf_status nf_file_read(const char *path, char **out, size_t *len, const char **why)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NF_ERR_IO;
    }
    struct stat st;
    if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        *why = "is a directory";
        return NF_ERR_IO;
    }
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_reserve(&b, 1 << 16);
    for (;;) {
        nf_buf_reserve(&b, 1 << 16);
        size_t got = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += got;
        if (got == 0) {
            if (ferror(f)) {
                *why = strerror(errno);
                if (f != stdin)
                    fclose(f);
                nf_buf_free(&b);
                return NF_ERR_IO;
            }
            break;
        }
    }
    b.data[b.len] = '\0';
    if (f != stdin)
        fclose(f);
    *out = nf_buf_detach(&b, len);
    return NF_OK;
}
