/* Status codes: messages generated from the X-macro map in base.h. */
#include "newsfuse/base.h"
#include "newsfuse/doc.h"

const char *nf_status_str(nf_status st)
{
    static const char *const msg[] = {
#define NF__STATUS_MSG(name, m) m,
        NF_STATUS_MAP(NF__STATUS_MSG)
#undef NF__STATUS_MSG
    };
    if ((unsigned)st >= NF_STATUS_COUNT)
        return "unknown status";
    return msg[st];
}

const char *nf_reason_str(nf_reason r)
{
    static const char *const names[] = {
        "body",
#define NF__REASON_STR(name, s) s,
        NF_REASON_MAP(NF__REASON_STR)
#undef NF__REASON_STR
    };
    if ((unsigned)r >= NF_REASON_COUNT)
        return "other";
    return names[r];
}

const char *nf_input_kind_str(nf_input_kind k)
{
    static const char *const names[] = {"unknown", "text", "html", "warc", "gzip", "jsonl", "feed"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}
