/* Reconcile, the driver: per story, sentences and stemmers per article, outlet groups
 * (copies count once), then entities joined across articles (same folded name or alias;
 * a lone surname joins the one person whose full name ends with it), then quotes merged
 * by word overlap with attribution conflicts. Claims are in claims.c, the timeline and
 * date disagreements in timeline.c, fact disagreements (denials) in denials.c.
 *
 * Input: the docs of one story and their facts. Output: an nf_reconciled in the arena. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reconcile_int.h"

const char *nf_claim_status_str(nf_claim_status s)
{
    switch (s) {
    case NF_CLAIM_CORROBORATED: return "corroborated";
    case NF_CLAIM_DISPUTED: return "disputed";
    default: return "single-source";
    }
}

const char *nf_dis_kind_str(nf_dis_kind k)
{
    switch (k) {
    case NF_DIS_QUANTITY: return "quantity";
    case NF_DIS_ATTRIBUTION: return "attribution";
    case NF_DIS_DATE: return "date";
    default: return "fact";
    }
}

/* ---- helpers --------------------------------------------------------------------------- */

nf__terms nf__rec_terms(nf__rec *r, size_t m, const char *text, size_t len, size_t min_len,
                        bool stem)
{
    nf__terms ts;
    ts.n = nf_text_terms_memo(r->a, r->memo, stem ? r->stem[m] : NULL, text, len, min_len, &ts.t);
    return ts;
}

size_t nf__rec_common(const nf__terms *x, const nf__terms *y)
{
    return nf_text_terms_common(x->t, x->n, y->t, y->n);
}

bool nf__rec_sentence_span(const nf__rec *r, size_t m, size_t off, size_t *start, size_t *end)
{
    const nf_span *sp = r->sents[m];
    size_t lo = 0, hi = r->n_sents[m];
    while (lo < hi) { /* first sentence ending after off */
        size_t mid = (lo + hi) / 2;
        if (sp[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == r->n_sents[m])
        return false;
    *start = sp[lo].start, *end = sp[lo].end;
    return true;
}

const char *nf__rec_sentence(nf__rec *r, size_t m, size_t off)
{
    const nf_doc *d = r->docs[r->s->members[m]];
    size_t start, end;
    if (!nf__rec_sentence_span(r, m, off, &start, &end))
        return nf_arena_strdup(r->a, "");
    return nf_arena_strndup(r->a, d->text + start, end - start);
}

void nf__rec_add_art(size_t *arts, size_t *n, size_t d)
{
    for (size_t i = 0; i < *n; i++)
        if (arts[i] == d)
            return;
    arts[(*n)++] = d;
}

size_t nf__rec_outlets(const nf__rec *r, const size_t *arts, size_t n)
{
    size_t *g = nf_xmalloc((n + 1) * sizeof(size_t)), ns = 0;
    for (size_t i = 0; i < n; i++) {
        /* members ascend: find the article's member index by bisection */
        size_t lo = 0, hi = r->s->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (r->s->members[mid] < arts[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        g[i] = lo < r->s->n && r->s->members[lo] == arts[i] ? r->outlet[lo] : SIZE_MAX - i;
    }
    qsort(g, n, sizeof(size_t), nf_size_cmp);
    for (size_t i = 0; i < n; i++)
        ns += i == 0 || g[i] != g[i - 1];
    free(g);
    return ns;
}

typedef struct {
    size_t n_arts, mentions, idx;
} rank_key;

/* Most articles first, then most mentions, then first seen. */
static int rank_order(const void *x, const void *y)
{
    const rank_key *a = x, *b = y;
    if (a->n_arts != b->n_arts)
        return a->n_arts > b->n_arts ? -1 : 1;
    if (a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Folded name with only letters and digits ("U.S." -> "us"), in the arena. */
static const char *name_key(nf_arena *a, const char *s, size_t *len)
{
    size_t fl;
    const char *f = nf_text_fold(a, s, strlen(s), &fl);
    char *k = nf_arena_alloc(a, fl + 2);
    size_t o = 0;
    for (size_t i = 0; i < fl; i++) {
        unsigned char c = (unsigned char)f[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            k[o++] = (char)c;
    }
    k[o] = 0;
    *len = o;
    return k;
}

const char *nf__rec_entity_name(nf__rec *r, size_t m, long ent, const char *name)
{
    const nf_facts *f = r->facts[r->s->members[m]];
    if (f && ent >= 0 && (size_t)ent < f->n_entities)
        return r->ents[r->ent_group[m][ent]].name;
    if (!name)
        return NULL;
    size_t kl;
    const char *k = name_key(r->a, name, &kl);
    void *v = kl ? nf_map_get(r->ent_keys, k, kl) : NULL;
    return v ? r->ents[(uintptr_t)v - 1].name : NULL;
}

void nf__rec_rank(nf_arena *a, const void *items, size_t size, size_t n, size_t n_arts_at,
                  void *out)
{
    rank_key *ord = nf_arena_alloc(a, (n + 1) * sizeof *ord);
    for (size_t k = 0; k < n; k++)
        ord[k] = (rank_key){*(const size_t *)((const char *)items + k * size + n_arts_at), 0, k};
    qsort(ord, n, sizeof *ord, rank_order);
    for (size_t k = 0; k < n; k++)
        memcpy((char *)out + k * size, (const char *)items + ord[k].idx * size, size);
}

/* ---- entities -------------------------------------------------------------------------- */

typedef struct {
    size_t m, e;
} ent_ref;

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

static void uf_union(size_t *p, size_t x, size_t y)
{
    x = uf_find(p, x), y = uf_find(p, y);
    if (x != y)
        p[x > y ? x : y] = x < y ? x : y;
}

static size_t n_words(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static const char *last_word(const char *s)
{
    const char *l = strrchr(s, ' ');
    return l ? l + 1 : s;
}


void nf__rec_entities(nf__rec *r, nf_reconciled *out)
{
    const nf_story *s = r->s;
    NF_VEC(ent_ref) refs = {0};
    r->ent_group = nf_arena_alloc(r->a, s->n * sizeof(size_t *));
    for (size_t m = 0; m < s->n; m++) {
        const nf_facts *f = r->facts[s->members[m]];
        size_t ne = f ? f->n_entities : 0;
        r->ent_group[m] = nf_arena_alloc(r->a, (ne + 1) * sizeof(size_t));
        for (size_t e = 0; e < ne; e++)
            nf_vec_push(&refs, ((ent_ref){m, e}));
    }
    size_t n = refs.len;
    size_t *par = nf_arena_alloc(r->a, (n + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        par[i] = i;
    /* same folded name or alias */
    nf_map *keys = nf_map_new();
    for (size_t i = 0; i < n; i++) {
        const nf_entity *en = &r->facts[s->members[refs.items[i].m]]->entities[refs.items[i].e];
        for (size_t k = 0; k <= en->n_aliases; k++) {
            size_t kl;
            const char *key = name_key(r->a, k ? en->aliases[k - 1] : en->name, &kl);
            if (!kl)
                continue;
            void *v = nf_map_get(keys, key, kl);
            if (v)
                uf_union(par, i, (uintptr_t)v - 1);
            else
                nf_map_put(keys, key, kl, (void *)(uintptr_t)(i + 1));
        }
    }
    nf_map_free(keys);
    /* a lone surname joins the one person whose full name ends with it */
    nf_map *surn = nf_map_new();
    for (size_t i = 0; i < n; i++) {
        const nf_entity *en = &r->facts[s->members[refs.items[i].m]]->entities[refs.items[i].e];
        if (en->type != NF_ENT_PERSON || n_words(en->name) < 2)
            continue;
        size_t kl;
        const char *key = name_key(r->a, last_word(en->name), &kl);
        if (!kl)
            continue;
        void *v = nf_map_get(surn, key, kl);
        size_t root = uf_find(par, i);
        if (!v)
            nf_map_put(surn, key, kl, (void *)(uintptr_t)(root + 1));
        else if ((uintptr_t)v != UINTPTR_MAX && uf_find(par, (uintptr_t)v - 1) != root)
            nf_map_put(surn, key, kl, (void *)UINTPTR_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        const nf_entity *en = &r->facts[s->members[refs.items[i].m]]->entities[refs.items[i].e];
        if (n_words(en->name) != 1 || en->type == NF_ENT_LOCATION)
            continue;
        size_t kl;
        const char *key = name_key(r->a, en->name, &kl);
        void *v = kl ? nf_map_get(surn, key, kl) : NULL;
        if (v && (uintptr_t)v != UINTPTR_MAX)
            uf_union(par, i, (uintptr_t)v - 1);
    }
    nf_map_free(surn);

    /* groups */
    size_t *gid = nf_arena_alloc(r->a, (n + 1) * sizeof(size_t));
    size_t ng = 0;
    for (size_t i = 0; i < n; i++)
        gid[i] = uf_find(par, i) == i ? ng++ : gid[uf_find(par, i)];
    nf_rec_entity *g = nf_arena_alloc(r->a, (ng + 1) * sizeof *g);
    size_t *best_words = nf_arena_alloc(r->a, (ng + 1) * sizeof(size_t));
    size_t *n_alias_cap = nf_arena_alloc(r->a, (ng + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        const nf_entity *en = &r->facts[s->members[refs.items[i].m]]->entities[refs.items[i].e];
        n_alias_cap[gid[i]] += en->n_aliases + 1;
    }
    for (size_t k = 0; k < ng; k++) {
        g[k].aliases = nf_arena_alloc(r->a, (n_alias_cap[k] + 1) * sizeof(char *));
        g[k].arts = nf_arena_alloc(r->a, s->n * sizeof(size_t));
    }
    for (size_t i = 0; i < n; i++) {
        size_t m = refs.items[i].m;
        const nf_entity *en = &r->facts[s->members[m]]->entities[refs.items[i].e];
        nf_rec_entity *x = &g[gid[i]];
        /* the fullest form, from an article in the story's main language when any */
        size_t w = n_words(en->name) + (strcmp(r->docs[s->members[m]]->lang, r->lang) ? 0 : 1000);
        if (!x->name || w > best_words[gid[i]] ||
            (w == best_words[gid[i]] && strlen(en->name) > strlen(x->name))) {
            x->name = en->name;
            x->type = en->type;
            best_words[gid[i]] = w;
        }
        x->mentions += en->n_mentions ? en->n_mentions : 1;
        nf__rec_add_art(x->arts, &x->n_arts, s->members[m]);
        for (size_t k = 0; k <= en->n_aliases; k++) {
            const char *al = k ? en->aliases[k - 1] : en->name;
            bool dup = false;
            for (size_t j = 0; j < x->n_aliases && !dup; j++)
                dup = !strcmp(x->aliases[j], al);
            if (!dup)
                x->aliases[x->n_aliases++] = al;
        }
    }
    for (size_t k = 0; k < ng; k++) { /* the canonical name is not its own alias */
        nf_rec_entity *x = &g[k];
        size_t o = 0;
        for (size_t j = 0; j < x->n_aliases; j++)
            if (strcmp(x->aliases[j], x->name))
                x->aliases[o++] = x->aliases[j];
        x->n_aliases = o;
    }
    /* order, then the per-article map and the name keys */
    rank_key *ord = nf_arena_alloc(r->a, (ng + 1) * sizeof *ord);
    size_t *rank = nf_arena_alloc(r->a, (ng + 1) * sizeof(size_t));
    for (size_t k = 0; k < ng; k++)
        ord[k] = (rank_key){g[k].n_arts, g[k].mentions, k};
    qsort(ord, ng, sizeof *ord, rank_order);
    r->ents = nf_arena_alloc(r->a, (ng + 1) * sizeof(nf_rec_entity));
    for (size_t k = 0; k < ng; k++) {
        r->ents[k] = g[ord[k].idx];
        rank[ord[k].idx] = k;
    }
    r->n_ents = ng;
    for (size_t i = 0; i < n; i++)
        r->ent_group[refs.items[i].m][refs.items[i].e] = rank[gid[i]];
    for (size_t k = 0; k < ng; k++) {
        const nf_rec_entity *x = &r->ents[k];
        for (size_t j = 0; j <= x->n_aliases; j++) {
            size_t kl;
            const char *key = name_key(r->a, j ? x->aliases[j - 1] : x->name, &kl);
            if (kl && !nf_map_get(r->ent_keys, key, kl))
                nf_map_put(r->ent_keys, key, kl, (void *)(uintptr_t)(k + 1));
        }
    }
    out->entities = r->ents;
    out->n_entities = ng;
    nf_vec_free(&refs);
}

/* ---- quotes ---------------------------------------------------------------------------- */

typedef struct {
    size_t m;
    const nf_quote *q;
    nf__terms words;
    const char *speaker; /* canonical */
    bool entity;         /* the speaker is a story entity */
    size_t group;
} quote_item;

static bool same_words(const nf__terms *x, const nf__terms *y)
{
    size_t c = nf__rec_common(x, y);
    size_t mx = x->n > y->n ? x->n : y->n, mn = x->n < y->n ? x->n : y->n;
    return (mn >= 3 && (double)c >= 0.6 * (double)mx) || (mn >= 4 && (double)c >= 0.9 * (double)mn);
}

/* Numbers and names of a quote (tokens that are numbers, or capitalised words after its
 * first), as sorted hashes in the arena: what a translation keeps. */
static nf__terms anchors(nf__rec *r, const char *t)
{
    nf_token *tk;
    size_t nt;
    nf_text_tokenize(r->a, t, strlen(t), &tk, &nt);
    nf__terms a = {nf_arena_alloc(r->a, (nt + 1) * sizeof(uint64_t)), 0};
    for (size_t i = 0; i < nt; i++)
        if (tk[i].kind == NF_TOK_NUMBER || (i && tk[i].kind == NF_TOK_WORD && tk[i].upper_initial))
            a.t[a.n++] = nf_hash(t + tk[i].start, tk[i].len);
    for (size_t i = 1; i < a.n; i++) /* insertion sort: quotes are short */
        for (size_t j = i; j && a.t[j - 1] > a.t[j]; j--) {
            uint64_t x = a.t[j];
            a.t[j] = a.t[j - 1], a.t[j - 1] = x;
        }
    size_t o = 0;
    for (size_t i = 0; i < a.n; i++)
        if (!o || a.t[o - 1] != a.t[i])
            a.t[o++] = a.t[i];
    a.n = o;
    return a;
}

/* Cross-language quotes: a direct quote and its translation in an article of another
 * language, given to the same speaker (a story entity), join one group when they share two
 * numbers or names or more, at least half of the smaller quote's. At most MAX_XPAIRS pairs
 * are compared. Returns the number of groups after merging (groups renumbered). */
enum { MAX_XPAIRS = 200000 };

static size_t cross_language(nf__rec *r, quote_item *it, size_t n, size_t ng)
{
    size_t *par = nf_xmalloc((ng + 1) * sizeof(size_t));
    for (size_t k = 0; k < ng; k++)
        par[k] = k;
    nf__terms *anc = nf_xcalloc(n + 1, sizeof(nf__terms));
    bool *done = nf_xcalloc(n + 1, 1);
    size_t pairs = 0, merged = 0;
    for (size_t i = 0; i < n && pairs < MAX_XPAIRS; i++) {
        if (!it[i].q->direct || !it[i].entity)
            continue;
        const char *li = r->docs[r->s->members[it[i].m]]->lang;
        for (size_t j = i + 1; j < n && pairs < MAX_XPAIRS; j++) {
            if (!it[j].q->direct || !it[j].entity || strcmp(it[i].speaker, it[j].speaker) ||
                !strcmp(li, r->docs[r->s->members[it[j].m]]->lang))
                continue;
            pairs++;
            size_t idx[2] = {i, j};
            for (int k = 0; k < 2; k++)
                if (!done[idx[k]])
                    done[idx[k]] = true, anc[idx[k]] = anchors(r, it[idx[k]].q->text);
            size_t c = nf__rec_common(&anc[i], &anc[j]);
            size_t mn = anc[i].n < anc[j].n ? anc[i].n : anc[j].n;
            if (c < 2 || 2 * c < mn)
                continue;
            size_t a = it[i].group, b = it[j].group;
            while (par[a] != a)
                a = par[a];
            while (par[b] != b)
                b = par[b];
            if (a != b)
                par[a > b ? a : b] = a < b ? a : b, merged++;
        }
    }
    free(anc);
    free(done);
    if (merged) {
        size_t *id = nf_xmalloc((ng + 1) * sizeof(size_t)), m = 0;
        for (size_t k = 0; k < ng; k++) {
            size_t root = k;
            while (par[root] != root)
                root = par[root];
            id[k] = root == k ? m++ : id[root]; /* roots come before their members */
        }
        for (size_t i = 0; i < n; i++)
            it[i].group = id[it[i].group];
        free(id);
        ng = m;
    }
    free(par);
    return ng;
}

void nf__rec_quotes(nf__rec *r, nf_reconciled *out)
{
    const nf_story *s = r->s;
    NF_VEC(quote_item) items = {0};
    for (size_t m = 0; m < s->n; m++) {
        const nf_facts *f = r->facts[s->members[m]];
        for (size_t i = 0; f && i < f->n_quotes; i++) {
            const nf_quote *q = &f->quotes[i];
            if (!q->text || !*q->text)
                continue;
            quote_item it = {m, q, nf__rec_terms(r, m, q->text, strlen(q->text), 1, false), NULL,
                             false, 0};
            const char *canon = nf__rec_entity_name(r, m, q->speaker_entity, q->speaker);
            it.entity = canon != NULL;
            it.speaker = canon ? canon : q->speaker;
            nf_vec_push(&items, it);
        }
    }
    /* greedy grouping: an item joins the first group with a member of the same words */
    size_t ng = 0;
    for (size_t i = 0; i < items.len; i++) {
        items.items[i].group = SIZE_MAX;
        for (size_t j = 0; j < i && items.items[i].group == SIZE_MAX; j++)
            if (same_words(&items.items[i].words, &items.items[j].words))
                items.items[i].group = items.items[j].group;
        if (items.items[i].group == SIZE_MAX)
            items.items[i].group = ng++;
    }
    ng = cross_language(r, items.items, items.len, ng);
    /* each group's items, chained in story order */
    size_t *head = nf_arena_alloc(r->a, (ng + 1) * sizeof(size_t));
    size_t *tail = nf_arena_alloc(r->a, (ng + 1) * sizeof(size_t));
    size_t *next = nf_arena_alloc(r->a, (items.len + 1) * sizeof(size_t));
    for (size_t k = 0; k < ng; k++)
        head[k] = SIZE_MAX;
    for (size_t i = 0; i < items.len; i++) {
        size_t k = items.items[i].group;
        next[i] = SIZE_MAX;
        if (head[k] == SIZE_MAX)
            head[k] = i;
        else
            next[tail[k]] = i;
        tail[k] = i;
    }
    nf_rec_quote *qs = nf_arena_alloc(r->a, (ng + 1) * sizeof *qs);
    for (size_t k = 0; k < ng; k++) {
        nf_rec_quote *x = &qs[k];
        x->arts = nf_arena_alloc(r->a, s->n * sizeof(size_t));
        /* speakers: the most frequent canonical one; distinct entity speakers conflict */
        const char *spk[16];
        size_t cnt[16], nspk = 0, nent = 0;
        const quote_item *first_of[16];
        bool main_lang = false; /* the text shown is from an article in the story's language */
        for (size_t i = head[k]; i != SIZE_MAX; i = next[i]) {
            const quote_item *it = &items.items[i];
            nf__rec_add_art(x->arts, &x->n_arts, s->members[it->m]);
            bool ml = !strcmp(r->docs[s->members[it->m]]->lang, r->lang);
            if (!x->text || (it->q->direct && !x->direct) ||
                (ml && !main_lang && (it->q->direct || !x->direct)))
                x->text = it->q->text, main_lang = ml;
            x->direct |= it->q->direct;
            if (!it->speaker)
                continue;
            size_t j = 0;
            while (j < nspk && strcmp(spk[j], it->speaker))
                j++;
            if (j == nspk && nspk < 16) {
                spk[nspk] = it->speaker, cnt[nspk] = 0, first_of[nspk] = it, nspk++;
                nent += it->entity;
            }
            if (j < nspk)
                cnt[j]++;
        }
        size_t bj = 0;
        for (size_t j = 1; j < nspk; j++)
            if (cnt[j] > cnt[bj])
                bj = j;
        x->speaker = nspk ? spk[bj] : NULL;
        if (nent < 2)
            continue;
        nf_rec_disagreement d = {NF_DIS_ATTRIBUTION, NULL, NULL, 0, NULL, 0};
        d.arts = nf_arena_alloc(r->a, s->n * sizeof(size_t));
        d.evidence = nf_arena_alloc(r->a, nspk * sizeof(nf_rec_evidence));
        nf_buf b;
        nf_buf_init(&b);
        nf_buf_puts(&b, "the same words are given to ");
        for (size_t j = 0, shown = 0; j < nspk; j++) {
            if (!first_of[j]->entity)
                continue;
            nf_buf_printf(&b, "%s%s", shown++ ? " and " : "", spk[j]);
            size_t art = s->members[first_of[j]->m];
            nf__rec_add_art(d.arts, &d.n_arts, art);
            d.evidence[d.n_evidence++] =
                (nf_rec_evidence){art, nf__rec_sentence(r, first_of[j]->m, first_of[j]->q->start)};
        }
        nf_buf_printf(&b, ": \xE2\x80\x9C%s\xE2\x80\x9D", x->text);
        d.description = nf_arena_strdup(r->a, b.data);
        nf_buf_free(&b);
        nf_vec_push(&r->dis, d);
    }
    out->quotes = nf_arena_alloc(r->a, (ng + 1) * sizeof(nf_rec_quote));
    nf__rec_rank(r->a, qs, sizeof *qs, ng, offsetof(nf_rec_quote, n_arts), out->quotes);
    out->n_quotes = ng;
    nf_vec_free(&items);
}

/* ---- driver ---------------------------------------------------------------------------- */

nf_status nf_reconcile_story(nf_arena *a, nf_doc *const *docs, nf_facts *const *facts,
                             const nf_story *s, nf_reconciled *out)
{
    return nf_reconcile_story_memo(a, docs, facts, s, NULL, out);
}

nf_status nf_reconcile_story_memo(nf_arena *a, nf_doc *const *docs, nf_facts *const *facts,
                                  const nf_story *s, nf_terms_memo *memo, nf_reconciled *out)
{
    nf__rec r;
    memset(&r, 0, sizeof r);
    r.a = a, r.docs = docs, r.facts = facts, r.s = s;
    nf_terms_memo *own = memo ? NULL : nf_terms_memo_new();
    r.memo = memo ? memo : own;
    size_t n = s->n, best = 0;
    r.lang = n ? docs[s->members[0]]->lang : "";
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        for (size_t j = 0; j < n; j++)
            c += !strcmp(docs[s->members[i]]->lang, docs[s->members[j]]->lang);
        if (c > best)
            best = c, r.lang = docs[s->members[i]]->lang;
    }
    r.sents = nf_arena_alloc(a, (n + 1) * sizeof(nf_span *));
    r.n_sents = nf_arena_alloc(a, (n + 1) * sizeof(size_t));
    r.stem = nf_arena_alloc(a, (n + 1) * sizeof(nf_stemmer *));
    r.outlet = nf_arena_alloc(a, (n + 1) * sizeof(size_t));
    nf_map *outlets = nf_map_new();
    for (size_t m = 0; m < n; m++) {
        const nf_doc *d = docs[s->members[m]];
        nf_text_sentences(a, d->text ? d->text : "", d->text ? d->text_len : 0, &r.sents[m],
                          &r.n_sents[m]);
        r.stem[m] = nf_terms_memo_stemmer(r.memo, d->lang);
        /* outlet: the original's source (or id) for a copy; the article's own otherwise */
        size_t root = s->copy_of && s->copy_of[m] != NF_CLUSTER_NONE ? s->copy_of[m] : s->members[m];
        const char *key = docs[root]->source ? docs[root]->source : docs[root]->id;
        if (!key)
            key = "";
        char *k = nf_arena_printf(a, "%s\x01%s", docs[root]->source ? "s" : "i", key);
        void *v = nf_map_get(outlets, k, strlen(k));
        if (!v) {
            v = (void *)(uintptr_t)(nf_map_count(outlets) + 1);
            nf_map_put(outlets, k, strlen(k), v);
        }
        r.outlet[m] = (uintptr_t)v - 1;
    }
    nf_map_free(outlets);
    r.ent_keys = nf_map_new();

    nf_reconciled res;
    memset(&res, 0, sizeof res);
    nf__rec_entities(&r, &res);
    nf__rec_quotes(&r, &res);
    nf__rec_claims(&r, &res);
    nf__rec_timeline(&r, &res);
    nf__rec_denials(&r);
    res.disagreements = nf_arena_alloc(a, (r.dis.len + 1) * sizeof(nf_rec_disagreement));
    if (r.dis.len)
        memcpy(res.disagreements, r.dis.items, r.dis.len * sizeof(nf_rec_disagreement));
    res.n_disagreements = r.dis.len;

    nf_vec_free(&r.dis);
    nf_map_free(r.ent_keys);
    nf_terms_memo_free(own);
    *out = res;
    return NF_OK;
}
