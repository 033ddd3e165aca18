/* DOM content scoring: which element of an HTML page holds the article.
 *
 * Input: the block elements the HTML reader saw (nf__dnode, in document order, so a parent
 * precedes its children and a subtree is a contiguous run) and the reader's blocks, each
 * naming its innermost block element. Output: in_main on the blocks of the chosen
 * container and of the siblings that join it; content_score on scored paragraphs.
 *
 * The method is Readability's, on the reader's own element table instead of a DOM:
 *  1. Paragraphs: a block of at least 25 characters in a p, pre, td, h2-h6, or a div-like
 *     element without block children, scores 1 + commas + min(length / 100, 3). Text that
 *     sits directly in a div beside block children is a paragraph of that div. Blocks that
 *     carry a removal hint (nav, aside, comments, share bars...) are not scored, nor counted
 *     in the text of their ancestors.
 *  2. Candidates: the paragraph's parent gets the score in full, the grandparent half, the
 *     next three ancestors a third of the level each. A candidate starts from its tag (div
 *     +5, pre/td/blockquote +3, lists/forms -3, headings -5) and +-25 per class/id naming
 *     content or boilerplate; its total is scaled by (1 - link density).
 *  3. The winner: the best candidate; when three of the other four best come within 75% of
 *     it and share an ancestor with it, that ancestor; then up through parents while they
 *     score more (the article split in parts), and through parents it is the only child of.
 *  4. Siblings: a child of the winner's parent joins when its score (plus a fifth of the
 *     winner's when it has the winner's class) reaches max(10, a fifth of the winner's), or
 *     when it is a paragraph of good prose (> 80 characters and link density < 0.25, or a
 *     short sentence without links). When the page marks its article body inside the
 *     winner (itemprop=articleBody, "entry-content"...) and the marked elements hold most of
 *     its text, only they stay (keep_marked).
 *  5. Boxes inside the main content that are mostly links get a related-links hint.
 * Linear in elements + blocks; one scratch array. */
#include <stdlib.h>
#include <string.h>

#include "extract/blocks.h"

#define MIN_PARA_CHARS 25
#define TOP_N 5
#define MARK_SHARE 0.7

typedef struct {
    float score;     /* candidate score (paragraph scores added, then scaled) */
    uint32_t chars;  /* code points of the unhinted blocks in the subtree */
    uint32_t links;  /* of which inside links */
    uint32_t end;    /* one past the last element of the subtree */
    uint32_t kids;   /* block-element children */
    bool cand;       /* touched by a paragraph score */
    bool own_text;   /* has blocks of its own (text beside its block children) */
    bool joined;     /* the winner or a sibling that joined it */
    bool inside;     /* a descendant of a joined element */
} nstat;

/* Code points and commas of a UTF-8 string. */
static void measure(const char *s, size_t n, uint32_t *cps, uint32_t *commas)
{
    uint32_t c = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        c += (b & 0xC0) != 0x80;
        if (b == ',')
            k++;
        else if (b == 0xD8 && i + 1 < n && (unsigned char)s[i + 1] == 0x8C) /* ، */
            k++;
        else if (b == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
                 (unsigned char)s[i + 2] == 0x8C) /* ， */
            k++;
        else if (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x81) /* 、 */
            k++;
    }
    *cps = c;
    *commas = k;
}

/* Readability's test for a sentence: a period followed by a space or the end. */
static bool has_sentence_end(const char *s, size_t n)
{
    for (const char *p = memchr(s, '.', n); p; p = memchr(p + 1, '.', (size_t)(s + n - p - 1)))
        if (p + 1 == s + n || p[1] == ' ')
            return true;
    return false;
}

/* A sibling of the winner that is a paragraph of good prose: more than 80 characters with
 * link density under 0.25, or a shorter sentence without links. */
static bool good_paragraph(uint32_t cps, float ld, bool sentence)
{
    return (cps > 80 && ld < 0.25f) || (cps > 0 && cps <= 80 && ld == 0 && sentence);
}

static bool div_like(uint8_t k)
{
    return k == NF__EL_DIV || k == NF__EL_SECTION || k == NF__EL_ARTICLE || k == NF__EL_MAIN ||
           k == NF__EL_OTHER || k == NF__EL_HEADER || k == NF__EL_FOOTER || k == NF__EL_FIGURE;
}

static float start_score(const nf__dnode *d)
{
    float s = 0;
    switch (d->kind) {
    case NF__EL_DIV: s = 5; break;
    case NF__EL_PRE:
    case NF__EL_TD:
    case NF__EL_BLOCKQUOTE: s = 3; break;
    case NF__EL_ADDRESS:
    case NF__EL_LIST:
    case NF__EL_LI:
    case NF__EL_FORM: s = -3; break;
    case NF__EL_H1:
    case NF__EL_H:
    case NF__EL_TH: s = -5; break;
    default: break;
    }
    return s + 25.0f * (float)d->weight;
}

static float link_density(const nstat *s)
{
    return s->chars ? (float)s->links / (float)s->chars : 0.0f;
}

/* True when anc is i or an ancestor of i. */
static bool is_ancestor(const nstat *st, uint32_t anc, uint32_t i)
{
    return anc <= i && i < st[anc].end;
}

static void mark(nf__block *blocks, uint32_t b0, uint32_t b1, size_t *count)
{
    for (uint32_t i = b0; i < b1; i++)
        if (!blocks[i].in_main) {
            blocks[i].in_main = true;
            (*count)++;
        }
}

static void unmark(nf__block *blocks, uint32_t b0, uint32_t b1, size_t *count)
{
    for (uint32_t i = b0; i < b1; i++)
        if (blocks[i].in_main) {
            blocks[i].in_main = false;
            blocks[i].beside_mark = true;
            (*count)--;
        }
}

/* 4b. When the page itself marks its article body (itemprop=articleBody, class or id
 * "article-body", "entry-content"...) inside the winner, and the marked elements hold at
 * least MARK_SHARE of the winner's text, the body is those elements: what the winner holds
 * beside them (headline, standfirst, key-points box, meta line) is not. */
static void keep_marked(const nf__dnode *nodes, const nstat *st, int32_t win, nf__block *blocks,
                        size_t *count)
{
    uint64_t marked = 0;
    for (uint32_t i = (uint32_t)win + 1; i < st[win].end;) {
        if ((nodes[i].flags & NF__DN_BODYMARK) && nodes[i].b1 > nodes[i].b0) {
            marked += st[i].chars;
            i = st[i].end; /* the outermost marked element counts */
        } else {
            i++;
        }
    }
    if (marked == 0 || (double)marked < MARK_SHARE * (double)st[win].chars)
        return;
    uint32_t cur = nodes[win].b0;
    for (uint32_t i = (uint32_t)win + 1; i < st[win].end;) {
        if ((nodes[i].flags & NF__DN_BODYMARK) && nodes[i].b1 > nodes[i].b0) {
            unmark(blocks, cur, nodes[i].b0, count);
            if (nodes[i].b1 > cur)
                cur = nodes[i].b1;
            i = st[i].end;
        } else {
            i++;
        }
    }
    unmark(blocks, cur, nodes[win].b1, count);
}

/* 5. Boxes inside the main content that are mostly links (a related-stories list, a tag
 * cloud, a gallery strip): their blocks get boiler and a related-links hint. */
static void boxes(const nf__dnode *nodes, size_t nn, nstat *st, nf__block *blocks)
{
    for (size_t i = 0; i < nn; i++) {
        int32_t p = nodes[i].parent;
        st[i].inside = p >= 0 && (st[p].joined || st[p].inside);
        if (!st[i].inside || nodes[i].b1 - nodes[i].b0 < 3 || st[i].chars == 0)
            continue;
        uint8_t k = nodes[i].kind;
        if (!(div_like(k) || k == NF__EL_LIST || k == NF__EL_TABLE))
            continue;
        if (link_density(&st[i]) < 0.5f)
            continue;
        for (uint32_t b = nodes[i].b0; b < nodes[i].b1; b++) {
            if (blocks[b].boiler || blocks[b].hint != NF_REASON_NONE)
                continue;
            blocks[b].boiler = true;
            blocks[b].hint = NF_REASON_RELATED_LINKS;
            blocks[b].hint_detail = "link list inside the article";
        }
    }
}

/* Contract in blocks.h. */
size_t nf__dom_score(const nf__dnode *nodes, size_t nn, nf__block *blocks, size_t nb)
{
    if (nn == 0 || nb == 0)
        return 0;
    nstat *st = nf_xcalloc(nn, sizeof *st);

    /* text per element, subtree ends, children */
    for (size_t i = 0; i < nb; i++) {
        const nf__block *b = &blocks[i];
        if (b->node < 0 || (size_t)b->node >= nn || b->hint != NF_REASON_NONE)
            continue;
        st[b->node].chars += b->chars;
        st[b->node].links += b->link_chars;
    }
    for (size_t i = 0; i < nb; i++)
        if (blocks[i].node >= 0 && (size_t)blocks[i].node < nn)
            st[blocks[i].node].own_text = true;
    for (size_t i = 0; i < nn; i++)
        st[i].end = (uint32_t)i + 1;
    for (size_t i = nn; i-- > 0;) {
        int32_t p = nodes[i].parent;
        if (p < 0)
            continue;
        st[p].chars += st[i].chars;
        st[p].links += st[i].links;
        if (st[i].end > st[p].end)
            st[p].end = st[i].end;
        st[p].kids++;
    }
    /* own_text so far means "has blocks"; keep it only for elements with block children,
     * where it means text beside them */
    for (size_t i = 0; i < nn; i++)
        st[i].own_text = st[i].own_text && st[i].kids > 0;

    /* 1-2. paragraphs and candidates */
    for (size_t i = 0; i < nb; i++) {
        nf__block *b = &blocks[i];
        int32_t e = b->node;
        if (e < 0 || (size_t)e >= nn || b->hint != NF_REASON_NONE)
            continue;
        uint32_t cps, commas;
        measure(b->text, b->len, &cps, &commas);
        if (cps < MIN_PARA_CHARS)
            continue;
        uint8_t k = nodes[e].kind;
        int32_t anc;
        if (k == NF__EL_P || k == NF__EL_PRE || k == NF__EL_TD || k == NF__EL_H)
            anc = nodes[e].parent;
        else if (div_like(k))
            anc = st[e].kids ? e : nodes[e].parent;
        else
            continue;
        float sc = 1.0f + (float)commas + (float)(cps / 100 < 3 ? cps / 100 : 3);
        b->content_score = sc;
        for (int level = 0; level < 5 && anc >= 0; level++, anc = nodes[anc].parent) {
            if (nodes[anc].parent < 0)
                break; /* the root (<html>) is never a candidate */
            if (!st[anc].cand) {
                st[anc].cand = true;
                st[anc].score = start_score(&nodes[anc]);
            }
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            st[anc].score += sc / div;
        }
    }
    int32_t top[TOP_N];
    int ntop = 0;
    for (size_t i = 0; i < nn; i++) {
        if (!st[i].cand)
            continue;
        st[i].score *= 1.0f - link_density(&st[i]);
        int at = ntop < TOP_N ? ntop : TOP_N;
        while (at > 0 && st[top[at - 1]].score < st[i].score)
            at--;
        if (at < TOP_N) {
            memmove(top + at + 1, top + at, (size_t)((ntop < TOP_N ? ntop : TOP_N - 1) - at) *
                                                sizeof top[0]);
            top[at] = (int32_t)i;
            if (ntop < TOP_N)
                ntop++;
        }
    }
    if (ntop == 0 || st[top[0]].score <= 0) {
        free(st);
        return 0;
    }

    /* 3. the winner */
    int32_t win = top[0];
    float best = st[win].score;
    int alts = 0;
    for (int t = 1; t < ntop; t++)
        alts += st[top[t]].score / best >= 0.75f;
    if (alts >= 3) {
        for (int32_t p = nodes[win].parent; p >= 0 && nodes[p].kind != NF__EL_BODY;
             p = nodes[p].parent) {
            int holding = 0;
            for (int t = 1; t < ntop; t++)
                holding += st[top[t]].score / best >= 0.75f && p != top[t] &&
                           is_ancestor(st, (uint32_t)p, (uint32_t)top[t]);
            if (holding >= 3) {
                win = p;
                break;
            }
        }
    }
    if (!st[win].cand) {
        st[win].cand = true;
        st[win].score = start_score(&nodes[win]);
    }
    {
        float last = st[win].score, threshold = last / 3.0f;
        for (int32_t p = nodes[win].parent; p >= 0 && nodes[p].kind != NF__EL_BODY;
             p = nodes[p].parent) {
            if (!st[p].cand)
                continue;
            if (st[p].score < threshold)
                break;
            if (st[p].score > last) {
                win = p;
                break;
            }
            last = st[p].score;
        }
    }
    for (int32_t p = nodes[win].parent;
         p >= 0 && nodes[p].kind != NF__EL_BODY && nodes[p].parent >= 0 && st[p].kids == 1 &&
         !st[p].own_text;
         p = nodes[p].parent)
        win = p;

    /* 4. siblings */
    size_t count = 0;
    int32_t par = nodes[win].parent;
    if (par < 0 || nodes[win].kind == NF__EL_BODY) {
        mark(blocks, nodes[win].b0, nodes[win].b1, &count);
        st[win].joined = true;
        keep_marked(nodes, st, win, blocks, &count);
        boxes(nodes, nn, st, blocks);
        free(st);
        return count;
    }
    float wscore = st[win].score, threshold = wscore * 0.2f > 10.0f ? wscore * 0.2f : 10.0f;
    /* children of par in order, and par's own blocks between them */
    uint32_t c = (uint32_t)par + 1, bi = nodes[par].b0;
    while (bi < nodes[par].b1 || c < st[par].end) {
        uint32_t cb0 = c < st[par].end ? nodes[c].b0 : nodes[par].b1;
        if (bi < cb0) { /* a block of par's own text: a phantom paragraph */
            const nf__block *b = &blocks[bi];
            if (b->node == par && b->hint == NF_REASON_NONE) {
                uint32_t cps, commas;
                measure(b->text, b->len, &cps, &commas);
                float ld = b->chars ? (float)b->link_chars / (float)b->chars : 0.0f;
                if (good_paragraph(cps, ld, has_sentence_end(b->text, b->len)))
                    mark(blocks, bi, bi + 1, &count);
            }
            bi++;
            continue;
        }
        if (c >= st[par].end)
            break;
        bool join = (int32_t)c == win;
        if (!join && nodes[c].hint == NF_REASON_NONE) {
            float bonus = nodes[win].cls && nodes[c].cls == nodes[win].cls ? wscore * 0.2f : 0.0f;
            if (st[c].cand && st[c].score + bonus >= threshold) {
                join = true;
            } else if (nodes[c].kind == NF__EL_P || (div_like(nodes[c].kind) && !st[c].kids)) {
                uint32_t cps = 0, commas, x;
                bool sentence = false;
                for (uint32_t k = nodes[c].b0; k < nodes[c].b1; k++) {
                    measure(blocks[k].text, blocks[k].len, &x, &commas);
                    cps += x;
                    sentence = sentence || has_sentence_end(blocks[k].text, blocks[k].len);
                }
                join = good_paragraph(cps, link_density(&st[c]), sentence);
            }
        }
        if (join) {
            mark(blocks, nodes[c].b0, nodes[c].b1, &count);
            st[c].joined = true;
        }
        bi = nodes[c].b1 > bi ? nodes[c].b1 : bi;
        c = st[c].end;
    }
    keep_marked(nodes, st, win, blocks, &count);
    boxes(nodes, nn, st, blocks);
    free(st);
    return count;
}
