/* Internal to the quantity extractor: the lexicons of units, currencies, qualifiers and
 * directions of change (units.c), used by quantities.c.
 *
 * Units come out in one canonical spelling: "percent", ISO 4217 codes for money ("USD",
 * "EUR", "MXN"), short metric symbols ("km", "m", "kg", "litre"), singular English names
 * otherwise ("mile", "ton", "day"). */
#ifndef NF_FACTS_UNITS_H
#define NF_FACTS_UNITS_H

#include "facts/scan.h"

enum {
    QK_NONE,
    QK_PERCENT,  /* percent, percentage point, basis point */
    QK_CURRENCY, /* money */
    QK_CENT,     /* cents of a currency */
    QK_MEASURE,  /* length, mass, volume, area, speed, energy, data, temperature */
    QK_TIME,     /* durations: day, year */
    QK_AGE,      /* years old */
    QK_POINT,    /* points (indices, games) */
    QK_COUNT,    /* a counted noun */
};

/* A unit written at token i (after a number): its canonical name and kind; returns the token
 * after it, 0 when there is none. "after_money" tells that a currency was written before the
 * number, so "m"/"bn" are scales there, not metres. */
size_t nf__unit_at(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                   bool after_money, const char **unit, int *kind);

/* A currency written before a number at token i ("$", "US$", "€", "USD", "Rs"): returns the
 * token after it (0 when none) and the ISO code. */
size_t nf__money_prefix(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                        const char **code);

/* A qualifier at token i ("more than", "nearly", "cerca de"): returns the token after it (0
 * when none) and its canonical (lower-case) form. */
size_t nf__qualifier_at(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                        const char **q);

/* True when token t can begin a qualifier (its first word: "more", "nearly", "up"). */
bool nf__qualifier_first(const char *text, const nf__tok *t, unsigned lang);

/* The direction of change a word names ("declined" -> "decline", "caída" -> "fall"), NULL
 * when none; *noun is set for nouns ("a 40% drop"). */
const char *nf__direction_word(const char *text, const nf__tok *t, unsigned lang, bool *noun);

/* Words that end a noun phrase: function words, auxiliaries and common verbs (folded);
 * used when reading the counted noun and the subject of a quantity. */
bool nf__stop_word(const char *text, const nf__tok *t, unsigned lang);

/* Attribution verbs ("said", "dijo", "according"): 1 for a speech verb, 2 for "according"
 * (to) / "según", 0 otherwise. */
int nf__speech_word(const char *text, const nf__tok *t, unsigned lang);

/* English lemma of one word w[0..n) into out (cap bytes, NUL-terminated; returns its length,
 * 0 when it does not fit): a plural noun made singular when `noun` ("rifles" -> "rifle",
 * "cities" -> "city", "women" -> "woman", "buses" -> "bus"), a superlative adjective made
 * positive when not ("best" -> "good", "largest" -> "large", "biggest" -> "big"). The case of
 * the letters kept is the word's; all-capital words and words it does not know stay as
 * written. Rules and small exception lists, not a dictionary: regular forms only. */
size_t nf__lemma_en(const char *w, size_t n, bool noun, char *out, size_t cap);

#endif
