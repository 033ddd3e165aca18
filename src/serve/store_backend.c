/* The store backend: waits for include/newsfuse/store.h (branch h-store). */
#include "serve_int.h"

nf_status nf_serve_store_backend(const char *db_path, nf_serve_backend *out)
{
    (void)db_path;
    (void)out;
    return NF_ERR_UNSUPPORTED;
}
