/* Fuzz target for the text layer: any bytes through normalisation, tokens, sentences,
 * language id, folding and stemming. Built with -fsanitize=fuzzer, or with replay_main.c as
 * a plain program that replays fuzz/corpus/text/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsfuse/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    nf_arena *a = nf_arena_new();
    (void)nf_text_is_binary(raw, size);

    /* the raw bytes too: tokens and sentences must tolerate invalid UTF-8 */
    nf_token *tok;
    size_t nt;
    nf_span *sp;
    size_t ns;
    if (nf_text_tokenize(a, raw, size, &tok, &nt) == NF_OK)
        for (size_t i = 0; i < nt; i++)
            if ((size_t)tok[i].start + tok[i].len > size)
                abort();
    if (nf_text_sentences(a, raw, size, &sp, &ns) == NF_OK)
        for (size_t i = 0; i < ns; i++)
            if (sp[i].start >= sp[i].end || sp[i].end > size ||
                (i > 0 && sp[i].start < sp[i - 1].end))
                abort();

    const char *norm;
    size_t len, bad;
    nf_text_normalize(a, raw, size, &norm, &len, &bad);
    if (strlen(norm) != len)
        abort();
    for (size_t i = 0, p = 0; i < len; p = i) /* the output is valid UTF-8 */
        if (nf_utf8_next(norm, len, &i) == 0xFFFD && i - p != 3)
            abort();
    (void)bad;

    nf_text_tokenize(a, norm, len, &tok, &nt);
    nf_text_sentences(a, norm, len, &sp, &ns);
    nf_lang_guess g;
    nf_text_lang(norm, len, &g);
    nf_text_lang(raw, size, &g);

    static nf_stemmer *stemmer;
    if (!stemmer)
        nf_stemmer_new("en", &stemmer);
    for (size_t k = 0; k < nt; k++) {
        if (tok[k].kind != NF_TOK_WORD)
            continue;
        size_t fl, sl;
        const char *f = nf_text_fold(a, norm + tok[k].start, tok[k].len, &fl);
        if (stemmer)
            nf_stemmer_stem(stemmer, f, fl, &sl);
    }
    nf_arena_free(a);
    return 0;
}
