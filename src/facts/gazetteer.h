/* Internal to the facts stage: the gazetteer tables that src/facts/gen_gazetteer.py
 * generates from the .tsv files of data/gazetteer into gazetteer_data.c, and their lookup maps.
 *
 * Ownership: the tables are static; the maps are built once (pthread_once) on first use and
 * live for the program. Every lookup is read-only and thread-safe. */
#ifndef NF_FACTS_GAZETTEER_H
#define NF_FACTS_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

/* What a group names, from the file and column it came from. */
enum {
    NF__GZK_COUNTRY, NF__GZK_CAPITAL, NF__GZK_CITY, NF__GZK_STATE, NF__GZK_PROVINCE,
    NF__GZK_REGION, NF__GZK_CONTINENT, NF__GZK_SEA, NF__GZK_RIVER, NF__GZK_MOUNTAIN,
    NF__GZK_ISLAND, NF__GZK_LANDMARK, NF__GZK_INTERNATIONAL, NF__GZK_GOVERNMENT,
    NF__GZK_COMPANY, NF__GZK_MEDIA, NF__GZK_EDUCATION, NF__GZK_INDEX, NF__GZK_CURRENCY,
    NF__GZK_PROGRAMME, NF__GZK_LAW, NF__GZK_EVENT, NF__GZK_PRODUCT
};

/* Flags of a surface form. */
#define NF__GZ_DEMONYM 1u /* "Mexican": a mention of the country, never the name */
#define NF__GZ_WEAK 2u    /* also a common given name or surname ("Jackson", "Victoria") */
#define NF__GZ_ACRONYM 4u /* written in capitals ("UN", "U.S.") */

typedef struct {
    const char *name; /* canonical name */
    uint8_t type;     /* nf_entity_type */
    uint8_t kind;     /* NF__GZK_* */
    int16_t country;  /* group index of its country, -1 when none */
} nf__gz_group;

typedef struct {
    const char *text; /* the surface form, as written in running text */
    uint16_t group;
    uint8_t flags; /* NF__GZ_* */
} nf__gz_name;

typedef struct {
    const char *text; /* lower case, words separated by one space: "secretary of state" */
    const char *role; /* "" for a pure honorific (Mr., Dr.) */
    char gender;      /* 'f', 'm' or '-' */
} nf__gz_title;

typedef struct {
    const char *text;
    char gender; /* 'f', 'm' or 'u' */
} nf__gz_first;

extern const nf__gz_group nf__gz_groups[];
extern const size_t nf__gz_n_groups;
extern const nf__gz_name nf__gz_names[];
extern const size_t nf__gz_n_names;
extern const nf__gz_title nf__gz_titles[];
extern const size_t nf__gz_n_titles;
extern const nf__gz_first nf__gz_first_names[];
extern const size_t nf__gz_n_first_names;

#endif
