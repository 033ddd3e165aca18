/* newsfuse dedup: near-duplicate articles and shared passages.
 *
 * An article's words (letters and digits, ASCII case folded) form shingles of
 * NF_DEDUP_SHINGLE consecutive words, each hashed with XXH3. A signature keeps NF_DEDUP_K
 * minima by one-permutation hashing with densification (one hash per shingle, not K), so
 * the share of equal slots of two signatures estimates the Jaccard resemblance of their
 * shingle sets. An index cuts signatures into NF_DEDUP_BANDS bands of rows (LSH): two
 * articles become candidates when one band is equal, and only candidates are compared, so
 * finding a copy costs about the same however many articles are indexed.
 *
 * Shared passages (a quote carried by two outlets, an embedded post that repeats the body)
 * come from word shingles matched between two texts and extended into maximal runs.
 *
 * Ownership: signatures are plain values the caller stores; an index owns copies of the
 * signatures added to it; passage arrays are heap-allocated for the caller to free(). */
#ifndef NEWSFUSE_DEDUP_H
#define NEWSFUSE_DEDUP_H

#include "newsfuse/doc.h"

#define NF_DEDUP_K 128       /* signature slots */
#define NF_DEDUP_BANDS 32    /* LSH bands of NF_DEDUP_K / NF_DEDUP_BANDS rows each */
#define NF_DEDUP_SHINGLE 4   /* words per shingle */

typedef struct {
    uint32_t h[NF_DEDUP_K];
    uint32_t n_words;    /* words seen */
    uint32_t n_shingles; /* 0: nothing to compare (an empty text is nobody's copy) */
} nf_dedup_sig;

/* The signature of text[0..len) (any bytes; invalid UTF-8 is read as letters). A text of
 * fewer than NF_DEDUP_SHINGLE words is one shingle of all its words, so short identical
 * texts still match. Linear time, no allocation. */
void nf_dedup_signature(const char *text, size_t len, nf_dedup_sig *out);

/* The signature of an article: its title (when any) and body. */
void nf_dedup_doc_signature(const nf_doc *doc, nf_dedup_sig *out);

/* Estimated Jaccard resemblance of two signatures' shingle sets (0..1); 0 when either has
 * no shingles. */
double nf_dedup_similarity(const nf_dedup_sig *a, const nf_dedup_sig *b);

/* ---- the LSH index --------------------------------------------------------------------- */

typedef struct nf_dedup_index nf_dedup_index;

/* A new index; `threshold` is the estimated resemblance from which an article counts as a
 * copy (0 = default 0.6: wire copy with its own headline, a trimmed tail or an added
 * paragraph still counts; two reports of one event in their own words do not). */
nf_dedup_index *nf_dedup_index_new(double threshold);
void nf_dedup_index_free(nf_dedup_index *ix);

/* The indexed signature most like s with resemblance >= the threshold: true with its key
 * in *key and the resemblance in *sim (either may be NULL). Ties go to the key added
 * first. Signatures without shingles never match. */
bool nf_dedup_index_find(const nf_dedup_index *ix, const nf_dedup_sig *s, uint64_t *key,
                         double *sim);

/* Adds s under key (a key already present is replaced). Signatures without shingles are
 * not indexed. */
void nf_dedup_index_add(nf_dedup_index *ix, uint64_t key, const nf_dedup_sig *s);

/* Removes key; false when it was not indexed. */
bool nf_dedup_index_remove(nf_dedup_index *ix, uint64_t key);

/* Signatures indexed now. */
size_t nf_dedup_index_count(const nf_dedup_index *ix);
/* Bytes the index holds (its tables and lists at their capacity). */
size_t nf_dedup_index_bytes(const nf_dedup_index *ix);

/* Batch helper: copy_of[i] = the index of the earliest article of docs[0..i) whose
 * signature matches docs[i] (as nf_dedup_index_find, originals only, so copies of copies
 * point at the original), or i itself when docs[i] is an original. threshold as above. */
nf_status nf_dedup_group(nf_doc *const *docs, size_t n, double threshold, size_t *copy_of);

/* ---- shared passages ------------------------------------------------------------------- */

typedef struct {
    size_t a_start, a_end; /* byte range in text a */
    size_t b_start, b_end; /* byte range in text b */
    size_t words;
} nf_dedup_passage;

/* Maximal runs of at least min_words (0 = 8) consecutive words that a and b share (same
 * words, ASCII case folded), in the order they appear in a; a run of a is reported once,
 * with its first occurrence in b. *out is heap-allocated (free()); *n may be 0 and *out
 * NULL. Expected linear time in alen + blen. */
nf_status nf_dedup_passages(const char *a, size_t alen, const char *b, size_t blen,
                            size_t min_words, nf_dedup_passage **out, size_t *n);

#endif
