/* Stemming: a thin wrapper over Snowball's libstemmer, keyed by ISO 639-1 codes.
 *
 * A stemmer is not thread-safe (libstemmer keeps its result inside the stemmer); use one per
 * thread. Words longer than 1 KiB are returned unchanged. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/text.h"

struct nf_stemmer {
    struct sb_stemmer *sb;
};

static const struct {
    const char *iso, *snowball;
} algorithms[] = {
    {"en", "english"},  {"es", "spanish"},    {"de", "german"},    {"fr", "french"},
    {"pt", "portuguese"}, {"it", "italian"},  {"nl", "dutch"},     {"tr", "turkish"},
    {"ru", "russian"},  {"ar", "arabic"},     {"sv", "swedish"},   {"da", "danish"},
    {"nb", "norwegian"}, {"no", "norwegian"}, {"nn", "norwegian"}, {"fi", "finnish"},
    {"hu", "hungarian"}, {"ro", "romanian"},  {"ca", "catalan"},   {"id", "indonesian"},
    {"ms", "indonesian"}, {"el", "greek"},    {"hi", "hindi"},     {"eu", "basque"},
    {"ga", "irish"},    {"lt", "lithuanian"}, {"ne", "nepali"},    {"sr", "serbian"},
    {"ta", "tamil"},    {"hy", "armenian"},   {"yi", "yiddish"},
};

nf_status nf_stemmer_new(const char *lang, nf_stemmer **out)
{
    if (!lang)
        return NF_ERR_INVALID;
    for (size_t i = 0; i < sizeof algorithms / sizeof algorithms[0]; i++) {
        if (strcmp(lang, algorithms[i].iso) != 0)
            continue;
        struct sb_stemmer *sb = sb_stemmer_new(algorithms[i].snowball, "UTF_8");
        if (!sb)
            return NF_ERR_UNSUPPORTED; /* this libstemmer build lacks the algorithm */
        nf_stemmer *s = nf_xmalloc(sizeof *s);
        s->sb = sb;
        *out = s;
        return NF_OK;
    }
    return NF_ERR_UNSUPPORTED;
}

void nf_stemmer_free(nf_stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    free(s);
}

const char *nf_stemmer_stem(nf_stemmer *s, const char *word, size_t len, size_t *out_len)
{
    if (len == 0 || len > 1024) {
        *out_len = len;
        return word;
    }
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
    if (!r) {
        *out_len = len;
        return word;
    }
    *out_len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}
