/* Internal to extract: multilingual boilerplate lexicons (lexicon.c documents every entry
 * list and its languages; docs/LEXICONS.md explains how to extend them).
 *
 * All matching is on case-folded text (nf_text_fold) with word boundaries. */
#ifndef NF_EXTRACT_LEXICON_H
#define NF_EXTRACT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NF__LEX_NONE = 0,
    NF__LEX_COOKIE,     /* a cookie / consent notice sentence */
    NF__LEX_BUTTON,     /* a consent button label: "Accept all", "Tanggihan" */
    NF__LEX_RELATED,    /* a related-links box heading: "Related articles" */
    NF__LEX_READMORE,   /* an inline related link: "Read more: ..." */
    NF__LEX_REACTIONS,  /* a reactions box heading: "What people are saying" */
    NF__LEX_CREDIT,     /* an image credit or AI label: "Photo: ...", "AI-generated image" */
    NF__LEX_CHROME,     /* site furniture: subscribe, share, copyright, sign in */
    NF__LEX_AD,         /* "Advertisement", "Sponsored" */
    NF__LEX_BYLINE,     /* "By Ana Ruiz", "With reports from ..." */
    NF__LEX_BYLINE_ROLE, /* "Ana Ruiz, Local Democracy Reporter" */
    NF__LEX_COPYRIGHT,  /* "© 2026 Outlet. All rights reserved." */
    NF__LEX_KIND_COUNT
} nf__lex_kind;

/* Classifies a whole short block (folded text, `words` words) against the lexicons.
 * Headings (related, reactions, buttons, ads) must match the whole block; phrases (cookie,
 * credits, chrome, byline prefixes) may match inside it. *detail gets the matched entry. */
nf__lex_kind nf__lexicon_match(const char *folded, size_t len, int words, const char **detail);

/* True when the folded word is a function word of one of our languages (the, de, la, der,
 * ng, ...). Used to tell a menu ("Politics Economy World") from a name ("The Europe Today"). */
bool nf__lexicon_is_stopword(const char *w, size_t len);
/* The same for ASCII text in any case. */
bool nf__lexicon_is_stopword_ci(const char *w, size_t len);

/* Finds `phrase` in hay at word boundaries; returns the offset or (size_t)-1. */
size_t nf__find_phrase(const char *hay, size_t len, const char *phrase);

#endif
