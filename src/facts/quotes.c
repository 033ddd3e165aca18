/* Facts: quotes. Direct quotes (words in quotation marks) and indirect speech ("X said that
 * ...", "according to X, ..."), each with its speaker, the cue that attributes it, and
 * offsets; the speaker is an entity of f->entities when one is named (run entities first).
 *
 * Input: doc->text, its paragraphs and f->entities. Output: f->quotes in text order, in the
 * document's arena. Offsets are bytes of doc->text: start/end cover the quoted words (inside
 * the marks) or the reported clause; speaker_span and cue_span where they are written.
 *
 * Quotation marks: “…” ‘…’ "…" '…' ''…'' «…» « … » »…« „…“ „…” ‚…‘ ‹…› 「…」 『…』. A mark opens by
 * its context (after a space or the start, before a word) and closes at the first closing
 * mark of its kind in the paragraph; an apostrophe inside or after a word never closes a
 * single quote. A quote that is still open at the end of its paragraph continues into the
 * next paragraph when that one opens with a mark (the convention for quotes of several
 * paragraphs); otherwise it ends with its paragraph, so an unclosed mark never swallows the
 * rest of the document (single straight quotes without a closer are dropped).
 *
 * Attribution, in this order: a cue after the quote in the same sentence ("“…,” she said",
 * "“…,” said Sheinbaum", "«…», dijo"); the nearest cue before the quote in its sentence
 * ("Trump asserted that “…”", "the State Department said that the two diplomats “…”",
 * "X, when asked ..., responded: “…”"); a colon ending the sentence before the quote (the
 * subject of that sentence speaks, cue ":"); otherwise the speaker of the latest
 * attribution in the same or the previous paragraph (the second half of a quote split by
 * "she said", a quote that goes on in the next paragraph). The speaker of a cue is the
 * phrase before it (adverbs such as "also", "reportedly" skipped; a name followed by an
 * interjected clause reaches back to the sentence's first name), or after it when the verb
 * comes first. A participle cue ("describing ... as “very good”", "demanding …") takes the
 * source of a speech noun in the sentence ("a message from the State Department"), else the
 * subject of the sentence's finite cue, else its first person or organisation.
 * Pronouns go to the latest person of that gender (given names and titles tell it; a person
 * of unknown gender fits either when nobody fits better), "it" to the latest organisation;
 * "the president" to the only holder of the role, else the latest one named before.
 *
 * Decisions: a quote split by "she said" gives two quotes with the same speaker (each span
 * stays exact); a partial quote inside reported speech is one direct quote with the
 * reporting cue's speaker, and that cue does not also give an indirect quote; quotes of
 * embedded posts (removed pieces) are not added, since their text is not in doc->text.
 * Indirect speech is a reporting verb with "that"/"que"/"dass" or a clause after it, a
 * clause before ", X said." at the end of a sentence (or around ", X said,"), or
 * "according to X" / "según X" / "selon X" / "laut X"; its text is the reported clause,
 * which ends at the sentence end, a ";", ", but" / ", while", the next "Y said that", or
 * after 300 tokens. A quote of three words or fewer, or one in title case ("The Quiet
 * Harbour"), is kept only when a cue attributes it: otherwise it is a title or a scare
 * quote.
 * Linear: closer searches are cached per paragraph and kind, and every look-around is
 * bounded (40 tokens before a quote, 12 after it, 200 mentions back for a pronoun). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ner.h"
#include "scan.h"
#include "newsfuse/text.h"

#define WINDOW 60 /* tokens a speaker is looked for before a cue or a quote */

/* ---- cue lexicon ----------------------------------------------------------------------- */

#define C_REPORT 1u  /* may introduce indirect speech */
#define C_PART 2u    /* participle or gerund: its subject is elsewhere */
#define C_OBJ 4u     /* takes an object before the clause: told reporters that */
#define C_ACCORD 8u  /* according to X, según X: the source follows */
#define C_POSTFIX 16u /* X zufolge: the source precedes */

typedef struct {
    const char *w;
    unsigned flags;
} cue_word;

static const cue_word cues[] = {
    {"said", C_REPORT}, {"says", C_REPORT}, {"say", C_REPORT}, {"saying", C_REPORT | C_PART},
    {"stated", C_REPORT}, {"states", C_REPORT}, {"stating", C_PART}, {"added", C_REPORT},
    {"adds", C_REPORT}, {"adding", C_REPORT | C_PART}, {"told", C_REPORT | C_OBJ},
    {"tells", C_REPORT | C_OBJ}, {"telling", C_PART | C_OBJ}, {"insisted", C_REPORT},
    {"insists", C_REPORT}, {"insisting", C_REPORT | C_PART}, {"noted", C_REPORT},
    {"notes", C_REPORT}, {"noting", C_REPORT | C_PART}, {"warned", C_REPORT | C_OBJ},
    {"warns", C_REPORT | C_OBJ}, {"warning", C_PART}, {"asserted", C_REPORT},
    {"asserts", C_REPORT}, {"explained", C_REPORT}, {"explains", C_REPORT},
    {"explaining", C_PART}, {"declared", C_REPORT}, {"declares", C_REPORT},
    {"declaring", C_PART}, {"wrote", C_REPORT}, {"writes", C_REPORT}, {"writing", C_PART},
    {"posted", 0}, {"tweeted", C_REPORT}, {"argued", C_REPORT}, {"argues", C_REPORT},
    {"arguing", C_REPORT | C_PART}, {"claimed", C_REPORT}, {"claims", C_REPORT},
    {"claiming", C_REPORT | C_PART}, {"announced", C_REPORT}, {"announces", C_REPORT},
    {"acknowledged", C_REPORT}, {"acknowledges", C_REPORT}, {"admitted", C_REPORT},
    {"admits", C_REPORT}, {"responded", 0}, {"responds", 0}, {"replied", 0}, {"replies", 0},
    {"continued", 0}, {"emphasized", C_REPORT}, {"emphasised", C_REPORT},
    {"emphasizes", C_REPORT}, {"emphasizing", C_PART}, {"stressed", C_REPORT},
    {"stresses", C_REPORT}, {"stressing", C_PART}, {"highlighted", C_REPORT},
    {"described", 0}, {"describes", 0}, {"describing", C_PART}, {"asked", 0}, {"asks", 0},
    {"urged", 0}, {"recalled", C_REPORT}, {"vowed", 0}, {"promised", 0}, {"pledged", 0},
    {"suggested", C_REPORT}, {"suggests", C_REPORT}, {"confirmed", C_REPORT},
    {"confirms", C_REPORT}, {"denied", C_REPORT}, {"predicted", C_REPORT},
    {"concluded", C_REPORT}, {"commented", 0}, {"observed", C_REPORT}, {"criticized", 0},
    {"criticised", 0}, {"demanded", 0}, {"demanding", C_PART}, {"deeming", C_PART},
    {"called", 0}, {"calling", C_PART}, {"reported", C_REPORT}, {"reports", C_REPORT},
    {"revealed", C_REPORT}, {"reiterated", C_REPORT}, {"affirmed", C_REPORT},
    {"affirming", C_PART}, {"maintained", C_REPORT}, {"contended", C_REPORT},
    {"countered", 0}, {"conceded", C_REPORT}, {"complained", C_REPORT}, {"lamented", 0},
    {"boasted", C_REPORT}, {"quipped", 0}, {"joked", 0}, {"mentioned", C_REPORT},
    {"spoke", 0}, {"speaking", C_PART}, {"shouted", 0}, {"chanted", 0}, {"cited", 0},
    {"citing", C_PART}, {"labeled", 0}, {"labelled", 0}, {"dubbed", 0}, {"agreed", C_REPORT},
    {"believes", C_REPORT}, {"thinks", C_REPORT}, {"estimated", C_REPORT},
    {"indicated", C_REPORT}, {"informed", C_OBJ}, {"assured", C_REPORT | C_OBJ},
    {"according", C_ACCORD}, {"per", 0},
    /* es */
    {"dijo", C_REPORT}, {"dice", C_REPORT}, {"afirmó", C_REPORT}, {"afirma", C_REPORT},
    {"aseguró", C_REPORT}, {"asegura", C_REPORT}, {"señaló", C_REPORT}, {"señala", C_REPORT},
    {"explicó", C_REPORT}, {"explica", C_REPORT}, {"añadió", C_REPORT}, {"agregó", C_REPORT},
    {"indicó", C_REPORT}, {"declaró", C_REPORT}, {"expresó", C_REPORT}, {"sostuvo", C_REPORT},
    {"advirtió", C_REPORT}, {"subrayó", C_REPORT}, {"destacó", C_REPORT},
    {"manifestó", C_REPORT}, {"comentó", C_REPORT}, {"precisó", C_REPORT},
    {"insistió", C_REPORT}, {"reiteró", C_REPORT}, {"anunció", C_REPORT},
    {"informó", C_REPORT}, {"reconoció", C_REPORT}, {"denunció", C_REPORT},
    {"respondió", 0}, {"escribió", C_REPORT}, {"publicó", 0}, {"según", C_ACCORD},
    {"afirmando", C_PART}, {"diciendo", C_PART}, {"señalando", C_PART},
    /* de */
    {"sagte", C_REPORT}, {"sagt", C_REPORT}, {"erklärte", C_REPORT}, {"erklärt", C_REPORT},
    {"betonte", C_REPORT}, {"meinte", C_REPORT}, {"fügte", C_REPORT}, {"warnte", C_REPORT},
    {"schrieb", C_REPORT}, {"laut", C_ACCORD}, {"zufolge", C_POSTFIX},
    /* fr */
    {"déclaré", C_REPORT}, {"dit", C_REPORT}, {"affirmé", C_REPORT}, {"ajouté", C_REPORT},
    {"expliqué", C_REPORT}, {"souligné", C_REPORT}, {"indiqué", C_REPORT},
    {"estimé", C_REPORT}, {"déclare", C_REPORT}, {"affirme", C_REPORT},
    {"explique", C_REPORT}, {"estime", C_REPORT}, {"selon", C_ACCORD},
    /* pt, it */
    {"disse", C_REPORT}, {"afirmou", C_REPORT}, {"declarou", C_REPORT}, {"detto", C_REPORT},
    {"dichiarato", C_REPORT}, {"affermato", C_REPORT}, {"secondo", C_ACCORD}};

static const char *const speech_nouns[] = {
    "message", "statement", "communiqué", "communique", "post", "letter", "report", "tweet",
    "memo", "release", "announcement", "declaration", "comments", "remarks", "note",
    "readout", "mensaje", "comunicado", "declaración", "carta", "informe"};

static nf_map *cue_map;
static nf_map *noun_map;
static uint64_t cue_filter[NF__FILTER_WORDS];
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static void build_cues(void)
{
    cue_map = nf_map_new();
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++) {
        nf_map_put(cue_map, cues[i].w, strlen(cues[i].w), (void *)&cues[i]);
        nf__filter_add(cue_filter, cues[i].w, strlen(cues[i].w));
    }
    noun_map = nf_map_new();
    for (size_t i = 0; i < sizeof speech_nouns / sizeof *speech_nouns; i++)
        nf_map_put(noun_map, speech_nouns[i], strlen(speech_nouns[i]), (void *)1);
}

/* ---- context --------------------------------------------------------------------------- */

typedef struct {
    uint32_t start, end;
    int32_t ent;
} ment;

typedef struct {
    size_t cs, ce;      /* content */
    size_t open, close; /* the marks (close = ce when unclosed) */
    size_t close_end;
    int p0, p1; /* paragraphs */
    bool closed;
    char *text;
} qspan;

typedef struct {
    int32_t ent;           /* -1 when the speaker is not an entity */
    const char *phrase;    /* the speaker as written when not an entity; NULL when unknown */
    uint32_t sp_s, sp_e;   /* speaker span */
    uint32_t cue_s, cue_e; /* cue span */
    const char *cue;
    bool found;
} attr;

typedef struct {
    nf_doc *doc;
    nf_facts *f;
    const char *s;
    size_t n;
    const nf__ntok *t;
    size_t nt;
    uint32_t *sid;    /* sentence of each token */
    uint32_t *sstart; /* first token of each sentence */
    size_t ns;
    uint16_t *lx;
    uint16_t *cue; /* cue_of memo: 0 not yet, 0xFFFF none, else index in cues[] + 1 */
    uint8_t *inq; /* token inside a quote */
    uint8_t *used; /* cue token used by a direct quote */
    ment *m;
    size_t nm;
    char *gender; /* per entity: 'f', 'm', 'u' or 0 (not computed) */
    nf_range *paras;
    size_t np;
    NF_VEC(qspan) q;
} qctx;

static unsigned lex(qctx *c, size_t i)
{
    if (i >= c->nt)
        return 0;
    if (c->lx[i] == 0xFFFF)
        c->lx[i] = (uint16_t)(c->t[i].kind == NF__NW ? nf__ner_lex_tok_memo(c->s, c->n, &c->t[i]) : 0);
    return c->lx[i];
}

static bool is_word(const qctx *c, size_t i) { return i < c->nt && c->t[i].kind == NF__NW; }
static bool punct(const qctx *c, size_t i, int32_t cp)
{
    return i < c->nt && c->t[i].kind == NF__NP && c->t[i].cp == cp;
}
static inline bool tok_is(const qctx *c, size_t i, const char *lit)
{
    if (!is_word(c, i) || (c->s[c->t[i].start] | 0x20) != lit[0]) /* first byte first */
        return false;
    size_t l = strlen(lit), n = c->t[i].end - c->t[i].start;
    if (l != n)
        return false;
    for (size_t k = 0; k < n; k++)
        if ((c->s[c->t[i].start + k] | 0x20) != lit[k])
            return false;
    return true;
}

static const cue_word *cue_calc(qctx *c, size_t i);
/* The cue at token i, worked out once per token (it depends on the tokens only). */
static inline const cue_word *cue_of(qctx *c, size_t i)
{
    if (i >= c->nt)
        return NULL;
    if (!c->cue[i]) {
        /* most tokens fail cue_calc's first tests: those are made here, without a call */
        const cue_word *w =
            is_word(c, i) && !(c->t[i].flags & NF__T_CAPS) &&
                    nf__filter_may(cue_filter, c->s + c->t[i].start, c->t[i].end - c->t[i].start)
                ? cue_calc(c, i)
                : NULL;
        c->cue[i] = w ? (uint16_t)(w - cues + 1) : 0xFFFF;
    }
    return c->cue[i] == 0xFFFF ? NULL : &cues[c->cue[i] - 1];
}

/* The cue entry of a word as written (folded first), NULL when none. */
static const cue_word *cue_entry(const char *s, size_t len)
{
    char f[32];
    size_t n = nf__ner_fold(s, len, f, sizeof f);
    return n ? nf_map_get(cue_map, f, n) : NULL;
}

enum { CUE_MEMO_BITS = 9 };
static _Thread_local nf__lmemo cue_memo[1u << CUE_MEMO_BITS];

static const cue_word *cue_calc(qctx *c, size_t i)
{
    if (!is_word(c, i) || (c->t[i].flags & NF__T_CAPS))
        return NULL;
    if (!nf__filter_may(cue_filter, c->s + c->t[i].start, c->t[i].end - c->t[i].start))
        return NULL;
    const cue_word *w;
    uint64_t ma, mb;
    if (nf__memo_key(c->s, c->n, &c->t[i], &ma, &mb)) {
        /* the word's entry through a per-thread memo (value 0 none, else index + 1) */
        nf__lmemo *e = nf__memo_slot(cue_memo, CUE_MEMO_BITS, ma, mb);
        if (nf__memo_hit(e, ma, mb)) {
            unsigned v = (unsigned)(e->b >> 48);
            w = v ? &cues[v - 1] : NULL;
        } else {
            w = cue_entry(c->s + c->t[i].start, c->t[i].end - c->t[i].start);
            e->a = ma;
            e->b = mb | ((uint64_t)(w ? (unsigned)(w - cues) + 1 : 0) << 48);
        }
    } else
        w = cue_entry(c->s + c->t[i].start, c->t[i].end - c->t[i].start);
    if (!w)
        return NULL;
    if (w->flags & C_ACCORD) {
        if (!strcmp(w->w, "according") && !tok_is(c, i + 1, "to"))
            return NULL;
        /* "According to" may open a sentence; other cues are lower case */
    } else if (c->t[i].flags & NF__T_UPPER) {
        return NULL;
    }
    if (!strcmp(w->w, "per") && !(i + 1 < c->nt && (c->t[i + 1].flags & NF__T_UPPER)))
        return NULL;
    /* a passive ("is being asked", "was told") or a request ("asked to provide") */
    if (i > 0 && (tok_is(c, i - 1, "is") || tok_is(c, i - 1, "was") || tok_is(c, i - 1, "were") ||
                  tok_is(c, i - 1, "are") || tok_is(c, i - 1, "been") || tok_is(c, i - 1, "being") ||
                  tok_is(c, i - 1, "be") || tok_is(c, i - 1, "get") || tok_is(c, i - 1, "got")) &&
        !(w->flags & C_ACCORD))
        return NULL;
    if (!(w->flags & (C_REPORT | C_ACCORD)) && tok_is(c, i + 1, "to"))
        return NULL;
    /* an adjective after an article: "an estimated 40,000 litres", "the reported cost" */
    if (i > 0 && (tok_is(c, i - 1, "a") || tok_is(c, i - 1, "an") || tok_is(c, i - 1, "the")) &&
        c->t[i].end - c->t[i].start > 2 && !memcmp(c->s + c->t[i].end - 2, "ed", 2))
        return NULL;
    return w;
}

/* First token whose start is >= off. */
static size_t tok_at(const qctx *c, size_t off)
{
    size_t lo = 0, hi = c->nt;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->t[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first mention whose start is >= off. */
static size_t ment_at(const qctx *c, size_t off)
{
    size_t lo = 0, hi = c->nm;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->m[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t sent_end(const qctx *c, size_t sid)
{
    return sid + 1 < c->ns ? c->sstart[sid + 1] : c->nt;
}

static int para_of(const qctx *c, size_t off)
{
    size_t lo = 0, hi = c->np;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->paras[mid].end < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)(lo < c->np ? lo : c->np - 1);
}

static int etype(const qctx *c, int32_t e) { return e >= 0 ? (int)c->f->entities[e].type : -1; }

/* ---- gender of people ------------------------------------------------------------------ */

static char gender_of(qctx *c, int32_t e)
{
    if (c->gender[e])
        return c->gender[e];
    const nf_entity *en = &c->f->entities[e];
    char g = 'u';
    const char *sp = strchr(en->name, ' ');
    if (sp) {
        char gg = nf__gz_given(en->name, (size_t)(sp - en->name));
        if (gg == 'f' || gg == 'm')
            g = gg;
    }
    for (size_t k = 0; g == 'u' && k < en->n_mentions && k < 16; k++) {
        size_t ti = tok_at(c, en->mentions[k].start);
        const nf__gz_title *tt = nf__title_before(c->s, c->t, ti);
        if (tt && (tt->gender == 'f' || tt->gender == 'm'))
            g = tt->gender;
    }
    c->gender[e] = g;
    return g;
}

/* The latest person (or organisation for "it") before offset pos that fits. */
static int32_t resolve_pronoun(qctx *c, size_t pos, char want)
{
    size_t k = ment_at(c, pos);
    int32_t loose = -1;
    for (size_t back = 0; k > 0 && back < 200; back++) {
        k--;
        int32_t e = c->m[k].ent;
        int ty = etype(c, e);
        if (want == 'o') {
            if (ty == NF_ENT_ORGANIZATION)
                return e;
            continue;
        }
        if (ty != NF_ENT_PERSON)
            continue;
        char g = gender_of(c, e);
        if (g == want)
            return e;
        if (g == 'u' && loose < 0)
            loose = e;
        if (want == 0)
            return e;
    }
    return loose;
}

/* The latest person before pos written after a title with this role. */
static int32_t resolve_role(qctx *c, size_t pos, const char *role)
{
    size_t k = ment_at(c, pos);
    for (size_t back = 0; k > 0 && back < 200; back++) {
        k--;
        int32_t e = c->m[k].ent;
        if (etype(c, e) != NF_ENT_PERSON)
            continue;
        size_t ti = tok_at(c, c->m[k].start);
        const nf__gz_title *tt = nf__title_before(c->s, c->t, ti);
        if (tt && !strcmp(tt->role, role))
            return e;
    }
    return -1;
}

/* ---- speaker phrases ------------------------------------------------------------------- */

/* The mention that covers tokens [a, b) at its end (its last byte is t[b-1].end). */
static long ment_ending(const qctx *c, size_t a, size_t b)
{
    if (b <= a)
        return -1;
    size_t end = c->t[b - 1].end, lo = c->t[a].start;
    if (end > lo + 256)
        lo = end - 256; /* no name is longer */
    long best = -1;
    for (size_t k = ment_at(c, end); k > 0 && c->m[k - 1].start >= lo; k--)
        if (c->m[k - 1].end == end)
            best = (long)(k - 1);
    return best;
}

static long ment_starting(const qctx *c, size_t i)
{
    if (i >= c->nt)
        return -1;
    size_t k = ment_at(c, c->t[i].start);
    if (k < c->nm && c->m[k].start == c->t[i].start)
        return (long)k;
    return -1;
}

static void set_entity(qctx *c, attr *a, int32_t e, uint32_t s, uint32_t en)
{
    (void)c;
    a->ent = e;
    a->phrase = NULL;
    a->sp_s = s;
    a->sp_e = en;
    a->found = true;
}

static char pron_gender(qctx *c, size_t i)
{
    static const char *const f[] = {"she", "ella", "elle", "ela", "lei"};
    static const char *const m[] = {"he", "él", "er", "il", "ele", "lui"};
    char w[16];
    size_t n = nf__ner_fold(c->s + c->t[i].start, c->t[i].end - c->t[i].start, w, sizeof w);
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        if (n == strlen(f[k]) && !memcmp(w, f[k], n))
            return 'f';
    for (size_t k = 0; k < sizeof m / sizeof *m; k++)
        if (n == strlen(m[k]) && !memcmp(w, m[k], n))
            return 'm';
    if ((n == 2 && !memcmp(w, "it", 2)) || (n == 2 && !memcmp(w, "es", 2)))
        return 'o';
    if (n == 3 && !memcmp(w, "sie", 3))
        return 'f';
    return 0; /* they, we, I: not resolved */
}

/* Interprets tokens [a, b) as the speaker: an entity mention, a pronoun, a role phrase or a
 * plain phrase ("a source"). */
static void speaker_from(qctx *c, attr *at, size_t a, size_t b)
{
    if (b <= a)
        return;
    long mi = ment_ending(c, a, b);
    /* "farmers in Dunmore Cove": a name after a place preposition is not the head */
    size_t ma = mi >= 0 ? tok_at(c, c->m[mi].start) : a;
    bool in_place = ma > a && (lex(c, ma - 1) & NF__L_PLACE_PREP) && etype(c, c->m[mi].ent) == NF_ENT_OTHER;
    if (mi >= 0 && etype(c, c->m[mi].ent) != NF_ENT_LOCATION && !in_place) {
        /* "the State Department's Bureau of ...": the last name is the head */
        set_entity(c, at, c->m[mi].ent, c->m[mi].start, c->m[mi].end);
        return;
    }
    if (b - a == 1 && (lex(c, a) & NF__L_PRON)) {
        char g = pron_gender(c, a);
        at->sp_s = c->t[a].start;
        at->sp_e = c->t[a].end;
        at->found = true;
        at->phrase = NULL;
        at->ent = -1;
        if (g) {
            int32_t e = resolve_pronoun(c, c->t[a].start, g);
            at->ent = e;
        }
        if (at->ent < 0)
            at->phrase = nf_arena_strndup(c->doc->arena, c->s + c->t[a].start, c->t[a].end - c->t[a].start);
        return;
    }
    /* a role phrase: "the president", "the Mexican foreign minister" */
    if (lex(c, a) & NF__L_DET) {
        size_t j = a + 1;
        const nf__gz_name *g = NULL;
        size_t L = j < b ? nf__gz_longest(c->s, c->t, b, j, &g) : 0;
        if (L)
            j += L;
        const nf__gz_title *ti = NULL;
        size_t T = j < b ? nf__title_longest(c->s, c->t, b, j, &ti) : 0;
        if (T && j + T == b && ti->role[0]) {
            int32_t e = resolve_role(c, c->t[a].start, ti->role);
            if (e >= 0) {
                set_entity(c, at, e, c->t[a].start, c->t[b - 1].end);
                return;
            }
        }
    }
    /* an entity opening the phrase (an organisation or person), after no more than
     * determiners, titles and capitalised words: "Mr. Morgan of the Sierra Club", not
     * "a spokeswoman for Hillary Clinton" */
    size_t k = ment_at(c, c->t[a].start);
    for (; k < c->nm && c->m[k].end <= c->t[b - 1].end; k++) {
        int ty = etype(c, c->m[k].ent);
        bool opens = true;
        for (size_t x = a; x < b && c->t[x].start < c->m[k].start && opens; x++)
            if (c->t[x].kind == NF__NW && !(c->t[x].flags & NF__T_UPPER) && !(lex(c, x) & (NF__L_DET | NF__L_TITLE0)))
                opens = false;
        if (!opens)
            break;
        if (ty == NF_ENT_PERSON || ty == NF_ENT_ORGANIZATION) {
            /* possessive chains: take the last of adjacent names */
            size_t k2 = k;
            while (k2 + 1 < c->nm && c->m[k2 + 1].end <= c->t[b - 1].end &&
                   c->m[k2 + 1].start <= c->m[k2].end + 6 &&
                   (etype(c, c->m[k2 + 1].ent) == NF_ENT_PERSON || etype(c, c->m[k2 + 1].ent) == NF_ENT_ORGANIZATION))
                k2++;
            if (b - a <= 4 || c->m[k2].end == c->t[b - 1].end) {
                set_entity(c, at, c->m[k2].ent, c->m[k2].start, c->m[k2].end);
                return;
            }
            break;
        }
    }
    at->ent = -1;
    at->sp_s = c->t[a].start;
    at->sp_e = c->t[b - 1].end;
    at->phrase = nf_arena_strndup(c->doc->arena, c->s + at->sp_s, at->sp_e - at->sp_s);
    at->found = true;
}

/* Determiners and quantifiers that open a speaker phrase: "another source", "two officials". */
static bool np_det(qctx *c, size_t i)
{
    static const char *const q[] = {"another", "some", "many", "several", "one", "two", "three",
                                    "four", "five", "both", "each", "other", "most", "all",
                                    "few", "his", "her", "their", "its", "our", "my", "your",
                                    "multiple", "numerous", "various", "no"};
    if (lex(c, i) & NF__L_DET)
        return true;
    for (size_t k = 0; k < sizeof q / sizeof *q; k++)
        if (tok_is(c, i, q[k]))
            return true;
    return false;
}

static bool np_stop(qctx *c, size_t i)
{
    if (c->t[i].kind == NF__NP)
        return !(c->t[i].cp == '.' && i > 0 && c->t[i - 1].end == c->t[i].start &&
                 c->t[i - 1].end - c->t[i - 1].start <= 3); /* "Mr." */
    if (c->t[i].kind != NF__NW)
        return c->t[i].kind != NF__NN;
    if (cue_of(c, i))
        return true;
    unsigned lx = lex(c, i);
    if ((lx & NF__L_STOP) && !(lx & (NF__L_DET | NF__L_PRON)) && !(c->t[i].flags & NF__T_UPPER) && !np_det(c, i))
        return true;
    if (tok_is(c, i, "that") || tok_is(c, i, "who") || tok_is(c, i, "which"))
        return true;
    return false;
}

/* The number of tokens of a title that ends right before token a (0 when none). */
static size_t title_len_before(qctx *c, size_t lo, size_t a)
{
    size_t best = 0;
    for (size_t back = 1; back <= 6 && back <= a - lo; back++) {
        const nf__gz_title *g;
        if (nf__title_longest(c->s, c->t, a, a - back, &g) == back)
            best = back;
    }
    return best;
}

/* The speaker phrase that ends right before token b (the cue), no further left than lo:
 * [*a, *e). False when there is none. */
static bool np_before(qctx *c, size_t lo, size_t b, size_t *pa, size_t *pe, bool *comma)
{
    size_t j = b, skips = 0;
    *comma = false;
    while (j > lo && skips < 4) {
        size_t k = j - 1;
        if (!is_word(c, k))
            break;
        unsigned lx = lex(c, k);
        size_t len = c->t[k].end - c->t[k].start;
        bool ly = len > 4 && !memcmp(c->s + c->t[k].end - 2, "ly", 2) && !(c->t[k].flags & NF__T_UPPER);
        if ((lx & NF__L_ADV) || ly || (lx & NF__L_TIME) ||
            ((tok_is(c, k, "on") || tok_is(c, k, "last") || tok_is(c, k, "this")) && j < b && (lex(c, j) & NF__L_TIME))) {
            j = k;
            skips++;
            continue;
        }
        break;
    }
    if (j <= lo)
        return false;
    /* "Sen. Lindsey Graham (R-S.C.) told": skip the parenthesis */
    if (punct(c, j - 1, ')')) {
        size_t k = j - 1;
        while (k > lo && j - k < 10 && !punct(c, k, '('))
            k--;
        if (punct(c, k, '(') && k > lo)
            j = k;
    }
    if (punct(c, j - 1, ',')) {
        *comma = true;
        return false;
    }
    long mi = ment_ending(c, lo, j);
    size_t a;
    if (mi >= 0) {
        a = tok_at(c, c->m[mi].start);
        /* a name inside a longer phrase: "Mexico's embassy in the United States", "a
         * spokeswoman for Hillary Clinton", "Mr. Morgan of the Sierra Club" */
        if (a > lo && (lex(c, a - 1) & (NF__L_PLACE_PREP | NF__L_CONN | NF__L_DET)) &&
            (etype(c, c->m[mi].ent) == NF_ENT_LOCATION ||
             (etype(c, c->m[mi].ent) == NF_ENT_OTHER && (lex(c, a - 1) & NF__L_PLACE_PREP)) ||
             tok_is(c, a - 1, "for") || tok_is(c, a - 1, "of") ||
             tok_is(c, a - 2, "for") || tok_is(c, a - 2, "of") || tok_is(c, a - 1, "at") || tok_is(c, a - 2, "at") ||
             tok_is(c, a - 1, "to"))) {
            size_t x = a - 1;
            if ((lex(c, x) & NF__L_DET) && x > lo)
                x--;
            if ((lex(c, x) & (NF__L_PLACE_PREP | NF__L_CONN)) && x > lo && is_word(c, x - 1) &&
                !(c->t[x - 1].flags & NF__T_UPPER) && !np_stop(c, x - 1)) {
                size_t y = x, steps = 0;
                while (y > lo && steps < 5 && !np_stop(c, y - 1)) {
                    y--;
                    steps++;
                    if (lex(c, y) & NF__L_DET)
                        break;
                }
                if (y < x)
                    a = y;
            }
        }
        /* a title before the name belongs to the phrase: "Mr. Clarke", "Chief Justice Roberts" */
        size_t tl = title_len_before(c, lo, a);
        a -= tl;
        if (a > lo && (lex(c, a - 1) & NF__L_DET))
            a--; /* "the Tax Foundation" */
    } else {
        a = j;
        size_t steps = 0;
        while (a > lo && steps < 7 && !np_stop(c, a - 1)) {
            a--;
            steps++;
            unsigned lx = lex(c, a);
            if ((lx & NF__L_PRON) || np_det(c, a) || (c->t[a].flags & NF__T_POSS))
                break;
        }
        if (a == j)
            return false;
        /* a possessive opens the phrase: "Thursday's joint statement" */
        if (a > lo && (c->t[a - 1].flags & NF__T_POSS) && is_word(c, a - 1))
            a--;
    }
    *pa = a;
    *pe = j;
    return true;
}

static long ment_starting(const qctx *c, size_t i);
static bool ment_starting_ok(const qctx *c, size_t i) { return ment_starting(c, i) >= 0; }

/* The speaker phrase that starts at token a (after an inverted cue): [a, *e). */
static bool np_after(qctx *c, size_t a, size_t hi, size_t *pe)
{
    /* "said Sen. Maria Ruiz", "dijo la presidenta Amara Okonkwo": a title opens the phrase */
    size_t a0 = a;
    if (a + 1 < hi && (lex(c, a) & NF__L_DET) && !ment_starting_ok(c, a))
        a++;
    const nf__gz_title *ti;
    size_t T = is_word(c, a) ? nf__title_longest(c->s, c->t, hi, a, &ti) : 0;
    if (T && a + T < hi && ment_starting(c, a + T) >= 0)
        a += T;
    else
        a = a0;
    long mi = ment_starting(c, a);
    if (mi < 0 && a + 1 < hi && (lex(c, a) & NF__L_DET))
        mi = ment_starting(c, a + 1);
    if (mi >= 0) {
        /* "the US State Department": adjacent names, the last is the head */
        while ((size_t)mi + 1 < c->nm && c->m[mi + 1].start > c->m[mi].start &&
               c->m[mi + 1].start <= c->m[mi].end + 6 && tok_at(c, c->m[mi + 1].start) < hi &&
               !memchr(c->s + c->m[mi].end, ',', c->m[mi + 1].start - c->m[mi].end))
            mi++;
        *pe = tok_at(c, c->m[mi].end);
        if (*pe <= a)
            *pe = a + 1;
        return true;
    }
    size_t e = a;
    while (e < hi && e - a < 6 && is_word(c, e) && !cue_of(c, e) &&
           !(e > a && (lex(c, e) & NF__L_STOP) && !(lex(c, e) & NF__L_DET) && !(c->t[e].flags & NF__T_UPPER)))
        e++;
    if (e == a)
        return false;
    *pe = e;
    return true;
}

static void set_cue(qctx *c, attr *at, size_t ci)
{
    size_t e = ci + 1;
    if (tok_is(c, ci, "according") && tok_is(c, ci + 1, "to"))
        e = ci + 2;
    size_t s = ci;
    /* "a déclaré", "has said": the auxiliary belongs to the cue */
    if (ci > 0 && is_word(c, ci - 1) && (tok_is(c, ci - 1, "a") || tok_is(c, ci - 1, "ha")) &&
        c->t[ci].end - c->t[ci].start > 2 && (c->s[c->t[ci].end - 1] & 0xC0) != 0 &&
        ((unsigned char)c->s[c->t[ci].end - 2] == 0xC3))
        s = ci - 1;
    at->cue_s = c->t[s].start;
    at->cue_e = c->t[e - 1].end;
    at->cue = nf_arena_strndup(c->doc->arena, c->s + at->cue_s, at->cue_e - at->cue_s);
}

/* The source of a speech noun before token b in [lo, b): "a message from the State
 * Department". */
static bool speech_noun(qctx *c, size_t lo, size_t b, attr *at)
{
    if (b > lo + WINDOW)
        lo = b - WINDOW;
    for (size_t k = b; k > lo + 1; k--) {
        size_t i = k - 2;
        if (!is_word(c, i))
            continue;
        char f[32];
        size_t fl = nf__ner_fold(c->s + c->t[i].start, c->t[i].end - c->t[i].start, f, sizeof f);
        if (!fl || !nf_map_get(noun_map, f, fl))
            continue;
        if (!(tok_is(c, i + 1, "from") || tok_is(c, i + 1, "by") || tok_is(c, i + 1, "of") ||
              tok_is(c, i + 1, "de") || tok_is(c, i + 1, "del")))
            continue;
        size_t e;
        if (np_after(c, i + 2, b, &e)) {
            speaker_from(c, at, i + 2, e);
            return at->found;
        }
    }
    return false;
}

/* The source after "according to" / "según" at token a: "according to a statement from
 * the port authority" is the port authority's, not "a statement"'s. */
static void accord_source(qctx *c, size_t a, size_t hi, attr *at)
{
    size_t e;
    if (!np_after(c, a, hi, &e))
        return;
    for (size_t i = a; i < e && i + 2 < hi; i++) {
        char f[32];
        size_t fl = is_word(c, i) ? nf__ner_fold(c->s + c->t[i].start, c->t[i].end - c->t[i].start, f, sizeof f) : 0;
        if (!fl || !nf_map_get(noun_map, f, fl) || i + 1 != e)
            continue;
        if (!(tok_is(c, e, "from") || tok_is(c, e, "by") || tok_is(c, e, "of") || tok_is(c, e, "de") ||
              tok_is(c, e, "del")))
            break;
        size_t e2;
        if (np_after(c, e + 1, hi, &e2)) {
            speaker_from(c, at, e + 1, e2);
            return;
        }
        break;
    }
    speaker_from(c, at, a, e);
}

/* The first person or organisation of a sentence before token b. */
static bool sentence_subject(qctx *c, size_t s0, size_t b, attr *at)
{
    if (b > s0 + WINDOW)
        s0 = b - WINDOW;
    size_t k = ment_at(c, c->t[s0].start);
    /* a name of unknown type opening the sentence: "Varnet, who ..., replied" */
    if (k < c->nm && c->m[k].start == c->t[s0].start && etype(c, c->m[k].ent) == NF_ENT_OTHER &&
        c->m[k].start < (b < c->nt ? c->t[b].start : c->n)) {
        set_entity(c, at, c->m[k].ent, c->m[k].start, c->m[k].end);
        return true;
    }
    for (; k < c->nm && c->m[k].start < (b < c->nt ? c->t[b].start : c->n); k++) {
        int ty = etype(c, c->m[k].ent);
        if (ty == NF_ENT_PERSON || ty == NF_ENT_ORGANIZATION) {
            /* "the State Department's Bureau of ...": the possessor's part speaks */
            size_t k2 = k;
            while (k2 + 1 < c->nm && c->m[k2 + 1].start <= c->m[k2].end + 6 &&
                   (etype(c, c->m[k2 + 1].ent) == NF_ENT_PERSON || etype(c, c->m[k2 + 1].ent) == NF_ENT_ORGANIZATION))
                k2++;
            set_entity(c, at, c->m[k2].ent, c->m[k2].start, c->m[k2].end);
            return true;
        }
    }
    return false;
}

/* Speaker of cue ci within sentence tokens [s0, ci). */
static void subject_of_cue(qctx *c, size_t s0, size_t ci, const cue_word *w, attr *at, int depth)
{
    if (w->flags & C_ACCORD) {
        accord_source(c, ci + ((tok_is(c, ci, "according")) ? 2 : 1), c->nt, at);
        return;
    }
    if (w->flags & C_PART) {
        if (speech_noun(c, s0, ci, at))
            return;
        /* the subject of the sentence's finite cue before it */
        if (ci > s0 + WINDOW)
            s0 = ci - WINDOW;
        for (size_t k = ci; depth < 2 && k > s0; k--) {
            const cue_word *w2 = cue_of(c, k - 1);
            if (w2 && !(w2->flags & (C_PART | C_ACCORD)) && !c->inq[k - 1]) {
                subject_of_cue(c, s0, k - 1, w2, at, depth + 1);
                if (at->found)
                    return;
                break;
            }
        }
        sentence_subject(c, s0, ci, at);
        return;
    }
    size_t a, e;
    bool comma;
    if (np_before(c, s0, ci, &a, &e, &comma)) {
        speaker_from(c, at, a, e);
        if (at->found)
            return;
    }
    if (comma && ci >= s0 + 3) {
        /* an apposition before the verb: "La directora del puerto, Orla Fenwick, insistió" */
        long mi = ment_ending(c, s0, ci - 1);
        if (mi >= 0 && etype(c, c->m[mi].ent) != NF_ENT_LOCATION) {
            size_t ma = tok_at(c, c->m[mi].start);
            if (ma > s0 && punct(c, ma - 1, ',')) {
                set_entity(c, at, c->m[mi].ent, c->m[mi].start, c->m[mi].end);
                return;
            }
        }
    }
    if (speech_noun(c, s0, ci, at))
        return;
    if (depth < 2 && ci > s0 && (tok_is(c, ci - 1, "and") || tok_is(c, ci - 1, "y") || tok_is(c, ci - 1, "but"))) {
        if (ci > s0 + WINDOW)
            s0 = ci - WINDOW;
        for (size_t k = ci - 1; k > s0; k--) {
            const cue_word *w2 = cue_of(c, k - 1);
            if (w2 && !(w2->flags & (C_PART | C_ACCORD)) && !c->inq[k - 1]) {
                subject_of_cue(c, s0, k - 1, w2, at, depth + 1);
                if (at->found)
                    return;
                break;
            }
        }
    }
    (void)comma;
    sentence_subject(c, s0, ci, at);
}

/* ---- quotation marks ------------------------------------------------------------------- */

enum { QK_CURLY, QK_STRAIGHT, QK_SINGLE, QK_SSTRAIGHT, QK_GUIL, QK_RGUIL, QK_LOW, QK_LOWS,
       QK_SGUIL, QK_RSGUIL, QK_CJK, QK_CJK2, QK_SWE, QK_COUNT };

/* The mark at s[i]: its code point and byte length; 0 when none. */
static int32_t mark_at(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\'' && i + 1 < n && s[i + 1] == '\'') { /* '' as a double quotation mark */
        *len = 2;
        return '"';
    }
    if (c == '"' || c == '\'') {
        *len = 1;
        return c;
    }
    if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB)) {
        *len = 2;
        return (unsigned char)s[i + 1] == 0xAB ? 0xAB : 0xBB;
    }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        if ((d >= 0x98 && d <= 0x9E) || d == 0xB9 || d == 0xBA) {
            *len = 3;
            return 0x2000 + (d - 0x80);
        }
    }
    if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        if (d >= 0x8C && d <= 0x8F) {
            *len = 3;
            return 0x3000 + (d - 0x80);
        }
    }
    return 0;
}

static int32_t cp_before(const char *s, size_t lo, size_t i)
{
    if (i <= lo)
        return -1;
    size_t k = i - 1;
    while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    size_t j = k;
    int32_t cp = nf_utf8_next(s, i, &j);
    return cp;
}

static int32_t cp_after(const char *s, size_t hi, size_t i)
{
    if (i >= hi)
        return -1;
    return nf_utf8_next(s, hi, &i);
}

static bool spaceish(int32_t cp) { return cp < 0 || cp == ' ' || cp == '\n' || cp == '\t' || nf_cp_is_space(cp); }
static bool wordish(int32_t cp) { return cp >= 0 && (nf_cp_is_letter(cp) || nf_cp_is_digit(cp)); }
static bool open_ctx(int32_t cp)
{
    return spaceish(cp) || cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 || cp == 0x2013 ||
           cp == '-' || cp == ':' || cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == '/';
}

/* The kind of quote a mark opens in context, -1 when it opens none. */
static int opener_kind(int32_t cp, int32_t prev, int32_t next)
{
    if (cp == 0xAB)
        return QK_GUIL; /* French puts a space inside: « Nous ... » */
    if (spaceish(next))
        return -1;
    switch (cp) {
    case 0x201C: return open_ctx(prev) || prev == '"' ? QK_CURLY : -1;
    case 0x201D: return spaceish(prev) && wordish(next) ? QK_SWE : -1;
    case '"': return open_ctx(prev) ? QK_STRAIGHT : -1;
    case 0x2018: return open_ctx(prev) && (wordish(next) || next == 0x2026 || next == '.') ? QK_SINGLE : -1;
    case '\'': return open_ctx(prev) && wordish(next) ? QK_SSTRAIGHT : -1;
    case 0xAB: return QK_GUIL;
    case 0xBB: return (spaceish(prev) || open_ctx(prev)) && wordish(next) ? QK_RGUIL : -1;
    case 0x201E: return QK_LOW;
    case 0x201A: return open_ctx(prev) ? QK_LOWS : -1;
    case 0x2039: return QK_SGUIL;
    case 0x203A: return spaceish(prev) ? QK_RSGUIL : -1;
    case 0x300C: return QK_CJK;
    case 0x300E: return QK_CJK2;
    default: return -1;
    }
}

/* Whether a mark closes a quote of kind k in context. */
static bool closes(int k, int32_t cp, int32_t prev, int32_t next)
{
    bool after_word = !spaceish(prev);
    switch (k) {
    case QK_CURLY: return cp == 0x201D || (cp == 0x201C && after_word && !wordish(next));
    case QK_SWE: return cp == 0x201D && after_word;
    case QK_STRAIGHT: return cp == '"' && (after_word || !wordish(next));
    case QK_SINGLE: return cp == 0x2019 && after_word && !wordish(next);
    case QK_SSTRAIGHT: return cp == '\'' && after_word && !wordish(next);
    case QK_GUIL: return cp == 0xBB;
    case QK_RGUIL: return cp == 0xAB;
    case QK_LOW: return (cp == 0x201C || cp == 0x201D) && after_word;
    case QK_LOWS: return (cp == 0x2018 || cp == 0x2019) && after_word && !wordish(next);
    case QK_SGUIL: return cp == 0x203A;
    case QK_RSGUIL: return cp == 0x2039;
    case QK_CJK: return cp == 0x300D;
    case QK_CJK2: return cp == 0x300F;
    default: return false;
    }
}

/* Bytes that can begin a quotation mark: '"', '\'', and the lead bytes of « » ‘ ’ “ ” „ 「 」. */
static const uint8_t mark_lead[256] = {['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1};

/* The next byte in s[i, hi) that can begin a mark, or hi. */
static inline size_t next_mark(const char *s, size_t i, size_t hi)
{
    /* eight bytes at a time while none of them can lead a mark: a byte equal to " or ',
     * or to E2/C2 once bit 5 is set, or to E3 (the test `(v - 1) & ~v & 0x80` in each byte
     * finds whether some byte of v is 0, never missing one) */
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    while (i + 8 <= hi) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t a = x ^ (ones * 0x22), b = x ^ (ones * 0x27), c = (x | (ones * 0x20)) ^ (ones * 0xE2),
                 d = x ^ (ones * 0xE3);
        uint64_t z = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | ((d - ones) & ~d);
        if (z & high)
            break;
        i += 8;
    }
    while (i < hi && !mark_lead[(unsigned char)s[i]])
        i++;
    return i;
}

/* The closer of kind k in s[from, hi): its offset and length, or false. */
static bool find_closer(const char *s, size_t lo, size_t from, size_t hi, int k, size_t *at, size_t *len)
{
    for (size_t i = next_mark(s, from, hi); i < hi; i = next_mark(s, i + 1, hi)) {
        size_t ml;
        int32_t cp = mark_at(s, hi, i, &ml);
        if (!cp)
            continue;
        if (closes(k, cp, cp_before(s, lo, i), cp_after(s, hi, i + ml))) {
            *at = i;
            *len = ml;
            return true;
        }
        i += ml - 1;
    }
    return false;
}

/* The paragraph p opens with a mark that opens kind k (or its family). */
static bool para_opens(qctx *c, int p, int k, size_t *after)
{
    size_t i = c->paras[p].start, hi = c->paras[p].end;
    while (i < hi && (c->s[i] == ' ' || c->s[i] == '\t'))
        i++;
    size_t ml;
    int32_t cp = i < hi ? mark_at(c->s, hi, i, &ml) : 0;
    if (!cp)
        return false;
    int k2 = opener_kind(cp, -1, cp_after(c->s, hi, i + ml));
    bool same = k2 == k || (k == QK_LOW && k2 == QK_CURLY) || (k == QK_GUIL && k2 == QK_RGUIL);
    if (!same)
        return false;
    *after = i + ml;
    return true;
}

static char *quote_text(qctx *c, size_t cs, size_t ce, int p0, int p1, int k)
{
    nf_buf b;
    nf_buf_init(&b);
    size_t i = cs;
    for (int p = p0; p <= p1; p++) {
        size_t e = p == p1 ? ce : c->paras[p].end;
        if (p > p0) {
            nf_buf_puts(&b, "\n\n");
            size_t after;
            i = para_opens(c, p, k, &after) ? after : c->paras[p].start;
            while (i < e && (c->s[i] == ' ' || c->s[i] == '\t'))
                i++;
        }
        if (e > i)
            nf_buf_append(&b, c->s + i, e - i);
    }
    char *out = nf_arena_strndup(c->doc->arena, b.data ? b.data : "", b.len);
    nf_buf_free(&b);
    return out;
}

static bool has_letter(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        int32_t cp = nf_utf8_next(s, b, &i);
        if (nf_cp_is_letter(cp))
            return true;
    }
    return false;
}

static void add_quote(qctx *c, size_t open, size_t olen, size_t close, size_t clen, int p0, int p1, bool closed, int k)
{
    size_t cs = open + olen, ce = close;
    while (cs < ce && (c->s[cs] == ' ' || c->s[cs] == '\n' || c->s[cs] == '\t'))
        cs++;
    while (ce > cs && (c->s[ce - 1] == ' ' || c->s[ce - 1] == '\n' || c->s[ce - 1] == '\t'))
        ce--;
    if (ce > cs && c->s[ce - 1] == ',')
        ce--;
    if (ce <= cs || !has_letter(c->s, cs, ce))
        return;
    qspan q;
    memset(&q, 0, sizeof q);
    q.cs = cs;
    q.ce = ce;
    q.open = open;
    q.close = close;
    q.close_end = close + clen;
    q.p0 = p0;
    q.p1 = p1;
    q.closed = closed;
    q.text = quote_text(c, cs, ce, p0, p1, k);
    nf_vec_push(&c->q, q);
}

static void find_quotes(qctx *c)
{
    int chain_fail_until = -1;
    for (int p = 0; p < (int)c->np; p++) {
        size_t lo = c->paras[p].start, hi = c->paras[p].end;
        bool failed[QK_COUNT] = {0};
        size_t i = lo;
        while (i < hi) {
            i = next_mark(c->s, i, hi);
            if (i >= hi)
                break;
            size_t ml;
            int32_t cp = mark_at(c->s, hi, i, &ml);
            if (!cp) {
                i++;
                continue;
            }
            int k = opener_kind(cp, cp_before(c->s, lo, i), cp_after(c->s, hi, i + ml));
            if (k < 0 || failed[k]) {
                i += ml;
                continue;
            }
            size_t at, cl;
            if (find_closer(c->s, lo, i + ml, hi, k, &at, &cl)) {
                add_quote(c, i, ml, at, cl, p, p, true, k);
                i = at + cl;
                continue;
            }
            failed[k] = true;
            if (k == QK_SSTRAIGHT || k == QK_SINGLE || k == QK_LOWS) {
                i += ml; /* an apostrophe, most likely */
                continue;
            }
            /* a quote that goes on in the next paragraphs */
            bool done = false;
            if (p > chain_fail_until) {
                int q = p + 1;
                size_t after;
                while (q < (int)c->np && para_opens(c, q, k, &after)) {
                    if (find_closer(c->s, c->paras[q].start, after, c->paras[q].end, k, &at, &cl)) {
                        add_quote(c, i, ml, at, cl, p, q, true, k);
                        /* go on after the closer in paragraph q */
                        p = q;
                        lo = c->paras[p].start;
                        hi = c->paras[p].end;
                        memset(failed, 0, sizeof failed);
                        i = at + cl;
                        done = true;
                        break;
                    }
                    q++;
                }
                if (!done)
                    chain_fail_until = q - 1;
            }
            if (done)
                continue;
            add_quote(c, i, ml, hi, 0, p, p, false, k);
            i = hi;
        }
    }
}

/* ---- attribution ----------------------------------------------------------------------- */

static bool sent_final(const qctx *c, size_t i)
{
    if (c->t[i].kind != NF__NP)
        return false;
    int32_t p = c->t[i].cp;
    if (p == '.' && i > 0 && c->t[i - 1].kind == NF__NW && c->t[i - 1].end == c->t[i].start &&
        c->t[i - 1].end - c->t[i - 1].start <= 3 && (c->t[i - 1].flags & NF__T_UPPER))
        return false; /* "J.", "Mr.", "Sen." */
    return p == '.' || p == '!' || p == '?' || p == ';' || p == 0x2026;
}

static bool is_quote_mark_tok(const qctx *c, size_t i)
{
    if (c->t[i].kind != NF__NP)
        return false;
    int32_t p = c->t[i].cp;
    return p == '"' || p == '\'' || (p >= 0x2018 && p <= 0x201F) || p == 0xAB || p == 0xBB ||
           p == 0x2039 || p == 0x203A || (p >= 0x300C && p <= 0x300F);
}

/* The speaker of the latest finite cue before offset pos, in pos's sentence or the one
 * before it in the same paragraph, when that is a named person, organisation or name of
 * unknown type: "La directora, Orla Fenwick, insistió en que … «…», dijo." -1 when none. */
static int32_t prev_subject(qctx *c, size_t pos)
{
    size_t o = tok_at(c, pos);
    if (o == 0 || o >= c->nt)
        return -1;
    size_t sid = c->sid[o];
    size_t lo = c->sstart[sid];
    if (lo == o || (lo + 1 == o && is_quote_mark_tok(c, lo))) {
        if (sid == 0)
            return -1;
        lo = c->sstart[sid - 1];
    }
    if (o > lo + WINDOW)
        lo = o - WINDOW;
    int p = para_of(c, pos);
    for (size_t k = o; k > lo; k--) {
        size_t ci = k - 1;
        if (c->t[ci].start < c->paras[p].start)
            break;
        const cue_word *w = cue_of(c, ci);
        if (!w || c->inq[ci] || (w->flags & (C_PART | C_ACCORD | C_POSTFIX)))
            continue;
        attr at;
        memset(&at, 0, sizeof at);
        at.ent = -1;
        subject_of_cue(c, c->sstart[c->sid[ci]], ci, w, &at, 0);
        int ty = etype(c, at.ent);
        if (at.found && at.ent >= 0 && ty != NF_ENT_LOCATION)
            return at.ent;
        return -1;
    }
    return -1;
}

/* Tokens [k, a) are a role phrase written before a name that follows a quote: "harbour
 * master", "the company's chief executive" (lower-case nouns, determiners, possessives; no
 * function word, pronoun or cue), and the name at a is a person or organisation. */
static bool role_words(qctx *c, size_t k, size_t a)
{
    if (a <= k || a - k > 6)
        return false;
    long mi = ment_starting(c, a);
    if (mi < 0) {
        /* a title opens the name: "Captain Brenna Sollis" */
        size_t tl = 1;
        while (tl < 6 && a + tl < c->nt && (mi = ment_starting(c, a + tl)) < 0)
            tl++;
        if (mi < 0 || title_len_before(c, a, a + tl) != tl)
            return false;
    }
    int ty = etype(c, c->m[mi].ent);
    if (ty != NF_ENT_PERSON && ty != NF_ENT_ORGANIZATION)
        return false;
    for (size_t x = k; x < a; x++) {
        if (!is_word(c, x) || cue_of(c, x))
            return false;
        unsigned lx = lex(c, x);
        if (lx & NF__L_PRON)
            return false;
        if (lx & NF__L_DET)
            continue;
        if ((c->t[x].flags & NF__T_UPPER) && !(c->t[x].flags & NF__T_POSS) && x > k)
            return false;
        if ((lx & NF__L_STOP) && !(c->t[x].flags & NF__T_UPPER))
            return false;
    }
    return true;
}

/* "“…,” she said" / "“…,” said Sheinbaum" / "«…», dijo". */
static bool attr_after(qctx *c, const qspan *q, attr *at, size_t *cue_tok)
{
    size_t k = tok_at(c, q->close_end);
    if (k >= c->nt || c->t[k].start < q->close_end)
        return false;
    int p = para_of(c, q->close_end > 0 ? q->close_end - 1 : 0);
    if (c->t[k].start >= c->paras[p].end)
        return false;
    char last = q->ce > q->cs ? c->s[q->ce - 1] : 0;
    bool open_end = q->ce < q->close && (c->s[q->ce] == ',');
    bool ends = last == ',' || last == '?' || last == '!' || open_end || (unsigned char)last == 0xA6 /* … */ ||
                punct(c, k, ',') || punct(c, k, 0x2014) || punct(c, k, 0x2013) ||
                (is_word(c, k) && !(c->t[k].flags & NF__T_SENT) && ((lex(c, k) & NF__L_PRON) || cue_of(c, k)));
    if (!ends)
        return false;
    if (punct(c, k, ',') || punct(c, k, 0x2014) || punct(c, k, 0x2013))
        k++;
    size_t hi = k;
    while (hi < c->nt && hi - k < 12 && !sent_final(c, hi) && !is_quote_mark_tok(c, hi) &&
           c->t[hi].start < c->paras[p].end)
        hi++;
    for (size_t ci = k; ci < hi && ci - k <= 8; ci++) {
        const cue_word *w = cue_of(c, ci);
        if (!w || (w->flags & (C_PART | C_POSTFIX)))
            continue;
        if (w->flags & C_ACCORD) {
            accord_source(c, ci + (tok_is(c, ci, "according") ? 2 : 1), hi, at);
        } else if (ci == k || (ci == k + 1 && (tok_is(c, k, "a") || tok_is(c, k, "ha") || tok_is(c, k, "has")))) {
            size_t e;
            if (np_after(c, ci + 1, hi, &e))
                speaker_from(c, at, ci + 1, e);
            else {
                /* "«…», dijo.": the speaker was named before, preferably as the
                 * subject of the cue of the sentence before */
                int32_t ent = prev_subject(c, q->open);
                if (ent < 0)
                    ent = resolve_pronoun(c, q->open, 0);
                if (ent >= 0) {
                    at->ent = ent;
                    at->found = true;
                    at->sp_s = at->sp_e = 0;
                }
            }
        } else {
            /* the speaker between the quote and the verb: "she", "Sheinbaum", "a source" */
            size_t a, e;
            bool comma;
            if (!np_before(c, k, ci, &a, &e, &comma) || (a != k && !role_words(c, k, a)))
                return false;
            speaker_from(c, at, a, e);
        }
        set_cue(c, at, ci);
        *cue_tok = ci;
        return true;
    }
    return false;
}

/* "Trump asserted that “…”", "X said: “…”" (same sentence, cue before the quote). */
static bool attr_before(qctx *c, const qspan *q, attr *at, size_t *cue_tok)
{
    size_t o = tok_at(c, q->open);
    if (o >= c->nt)
        return false;
    size_t s0 = c->sstart[c->sid[o]];
    /* the sentence may begin at the quote: then the one before it, when it ends in ":" */
    size_t lo = o > 40 ? o - 40 : 0;
    if (s0 > lo)
        lo = s0;
    for (size_t k = o; k > lo; k--) {
        size_t ci = k - 1;
        if (c->inq[ci])
            break; /* another quote before this one: its cue is its own */
        const cue_word *w = cue_of(c, ci);
        if (!w || (w->flags & C_POSTFIX))
            continue;
        memset(at, 0, sizeof *at);
        at->ent = -1;
        subject_of_cue(c, s0, ci, w, at, 0);
        if (!at->found)
            continue;
        set_cue(c, at, ci);
        *cue_tok = ci;
        return true;
    }
    return false;
}

/* A quote after a colon: "… took a harder line in a post issued later Thursday:" */
static bool attr_colon(qctx *c, const qspan *q, attr *at)
{
    size_t o = tok_at(c, q->open);
    if (o == 0 || o >= c->nt)
        return false;
    size_t k = o - 1;
    if (!punct(c, k, ':'))
        return false;
    size_t s0 = c->sstart[c->sid[k]];
    size_t lo = k > 60 ? k - 60 : 0;
    if (s0 < lo)
        s0 = lo;
    if (!sentence_subject(c, s0, k, at))
        return false;
    at->cue_s = c->t[k].start;
    at->cue_e = c->t[k].end;
    at->cue = ":";
    return true;
}

/* ---- indirect speech ------------------------------------------------------------------- */

typedef struct {
    size_t cs, ce;
    attr a;
    bool direct;
    size_t qi; /* index into c->q for direct quotes */
} found_quote;

typedef NF_VEC(found_quote) fqvec;

static bool clause_start(qctx *c, size_t i)
{
    static const char *const no[] = {"to", "in", "on", "at", "for", "with", "about", "by",
                                     "from", "of", "during", "after", "before", "as", "so",
                                     "when", "while", "if", "yes", "nothing", "goodbye",
                                     "hello", "thanks", "last", "earlier", "later", "later",
                                     "through", "via", "over", "again", "repeatedly", "once"};
    if (i >= c->nt)
        return false;
    if (c->t[i].kind == NF__NN)
        return true;
    if (!is_word(c, i))
        return false;
    unsigned lx = lex(c, i);
    if (lx & NF__L_TIME)
        return false;
    if (lx & (NF__L_PRON | NF__L_DET))
        return true;
    for (size_t k = 0; k < sizeof no / sizeof *no; k++)
        if (tok_is(c, i, no[k]))
            return false;
    if (c->t[i].flags & NF__T_UPPER)
        return !(lx & NF__L_STOP) || (lx & NF__L_PRON);
    return true;
}

static size_t clause_end(qctx *c, size_t a, size_t s1)
{
    size_t e = s1;
    if (e > a + 300)
        e = a + 300;
    /* a second reporting verb starts a clause of its own: "X said that Y said that ...";
     * ", but", ", while", ";" start a clause that is the writer's again */
    for (size_t i = a + 1; i < e; i++) {
        if (punct(c, i, ';') || (punct(c, i, ',') && (tok_is(c, i + 1, "but") || tok_is(c, i + 1, "while") ||
                                                      tok_is(c, i + 1, "whereas") || tok_is(c, i + 1, "although")))) {
            e = i;
            break;
        }
        const cue_word *w = is_word(c, i) ? cue_of(c, i) : NULL;
        if (w && (w->flags & C_REPORT) && !(w->flags & C_PART) && (tok_is(c, i + 1, "that") || tok_is(c, i + 1, "que"))) {
            size_t a2, e2;
            bool comma;
            e = np_before(c, a, i, &a2, &e2, &comma) ? a2 : i;
            break;
        }
    }
    while (e > a && c->t[e - 1].kind == NF__NP && c->t[e - 1].cp != ')' && !is_quote_mark_tok(c, e - 1))
        e--;
    return e;
}

static size_t count_words(const qctx *c, size_t a, size_t b)
{
    size_t w = 0;
    for (size_t i = a; i < b; i++)
        w += c->t[i].kind == NF__NW;
    return w;
}

/* Words of a time or place adjunct after a verb: "said on Friday", "said in a statement". */
static bool adjunct_word(qctx *c, size_t k)
{
    static const char *const w[] = {"on", "in", "a", "an", "the", "statement", "interview",
                                    "night", "morning", "afternoon", "evening", "today",
                                    "yesterday", "tonight", "week", "month", "year", "last",
                                    "earlier", "later", "this", "recently", "previously",
                                    "phone", "email", "written", "separate", "press",
                                    "conference", "briefing", "release", "late", "early"};
    if (lex(c, k) & (NF__L_TIME | NF__L_ADV))
        return true;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (tok_is(c, k, w[i]))
            return true;
    return false;
}

static void indirect(qctx *c, fqvec *out)
{
    for (size_t ci = 0; ci < c->nt; ci++) {
        if (c->inq[ci] || c->used[ci] || !is_word(c, ci))
            continue;
        const cue_word *w = cue_of(c, ci);
        if (!w || !(w->flags & (C_REPORT | C_ACCORD | C_POSTFIX)))
            continue;
        size_t sid = c->sid[ci], s0 = c->sstart[sid], s1 = sent_end(c, sid);
        if (ci > s0 + WINDOW)
            s0 = ci - WINDOW; /* a sentence of a megabyte: look at most WINDOW tokens back */
        if (s1 > ci + 400)
            s1 = ci + 400;
        attr at;
        memset(&at, 0, sizeof at);
        at.ent = -1;
        size_t cs = 0, ce = 0;
        bool ok = false;
        if (w->flags & C_ACCORD) {
            size_t a = ci + (tok_is(c, ci, "according") ? 2 : 1), e;
            if (!np_after(c, a, s1, &e))
                continue;
            accord_source(c, a, s1, &at);
            if (ci == s0 || (ci > s0 && punct(c, ci - 1, ',') == false && ci - s0 <= 1)) {
                size_t k = e;
                while (k < s1 && !punct(c, k, ','))
                    k++;
                if (k < s1) {
                    cs = k + 1;
                    ce = clause_end(c, cs, s1);
                    ok = true;
                }
            } else if (ci > s0 && punct(c, ci - 1, ',')) {
                cs = s0;
                ce = ci - 1;
                ok = true;
            }
        } else if (w->flags & C_POSTFIX) {
            /* "X zufolge": the source precedes */
            size_t a, e;
            bool comma;
            if (np_before(c, s0, ci, &a, &e, &comma))
                speaker_from(c, &at, a, e);
            if (a > s0 && punct(c, a - 1, ',')) {
                cs = s0;
                ce = a - 1;
                ok = at.found;
            }
        } else {
            if (w->flags & C_PART)
                continue;
            /* inverted: "…, said Sheinbaum." / "…, said Chad Bown, an expert on trade." */
            if (ci > s0 && punct(c, ci - 1, ',') &&
                (ment_starting(c, ci + 1) >= 0 || np_det(c, ci + 1) ||
                 (is_word(c, ci + 1) && (c->t[ci + 1].flags & NF__T_UPPER)))) {
                size_t e2;
                if (np_after(c, ci + 1, s1, &e2) && (e2 >= s1 || sent_final(c, e2) || punct(c, e2, ','))) {
                    speaker_from(c, &at, ci + 1, e2);
                    if (at.found) {
                        cs = s0;
                        ce = ci - 1;
                        ok = true;
                    }
                }
            }
        }
        if (!ok && !(w->flags & (C_ACCORD | C_POSTFIX | C_PART))) {
            size_t j = ci + 1;
            if (w->flags & C_OBJ) {
                long mi = ment_starting(c, j);
                if (mi >= 0)
                    j = tok_at(c, c->m[mi].end);
                else {
                    size_t q = j;
                    while (q < s1 && q < j + 3 && is_word(c, q) && !tok_is(c, q, "that") && !tok_is(c, q, "que"))
                        q++;
                    j = q;
                }
            }
            /* "said on Friday that", "said in a statement that" */
            size_t that = 0;
            bool prep = false;
            for (size_t q = j; q < s1 && q < j + 12; q++) {
                if (is_word(c, q) && !prep && !adjunct_word(c, q) && !(c->t[q].flags & NF__T_UPPER) &&
                    !tok_is(c, q, "that") && !tok_is(c, q, "que") && !tok_is(c, q, "dass") && !tok_is(c, q, "qu")) {
                    if (!(lex(c, q) & (NF__L_PLACE_PREP | NF__L_CONN)) && !tok_is(c, q, "during") &&
                        !tok_is(c, q, "with") && !tok_is(c, q, "after") && !tok_is(c, q, "via"))
                        break;
                    prep = true;
                    continue;
                }
                if (punct(c, q, ','))
                    prep = false;
                if (tok_is(c, q, "that") || tok_is(c, q, "que") || tok_is(c, q, "dass") || tok_is(c, q, "qu")) {
                    that = q + 1;
                    if (that < s1 && c->t[that].kind == NF__NP && c->t[that].cp == 0x2019)
                        that++;
                    break;
                }
                if (c->t[q].kind == NF__NP && c->t[q].cp != ',' && !is_quote_mark_tok(c, q) &&
                    !(c->t[q].cp == '.' && q > 0 && c->t[q - 1].end == c->t[q].start))
                    break;
                if (cue_of(c, q))
                    break;
            }
            if (that) {
                cs = that;
                ce = clause_end(c, cs, s1);
                ok = true;
            } else if (j == ci + 1 && clause_start(c, j) && (w->flags & C_REPORT) &&
                       !(tok_is(c, j, "the") && j + 1 < s1 && (tok_is(c, j + 1, "same") || tok_is(c, j + 1, "following")))) {
                cs = j;
                ce = clause_end(c, cs, s1);
                ok = true;
            } else {
                /* "…, sources said." / "…, said X." */
                size_t k = ci + 1, adj = 0;
                if (w->flags & C_OBJ) {
                    long mi = ment_starting(c, k);
                    if (mi < 0 && (lex(c, k) & NF__L_DET))
                        mi = ment_starting(c, k + 1);
                    if (mi >= 0)
                        k = tok_at(c, c->m[mi].end);
                    else if (tok_is(c, k, "reporters") || tok_is(c, k, "journalists"))
                        k++;
                }
                while (k < s1 && adj < 5 && is_word(c, k) && (adjunct_word(c, k)))
                    k++, adj++;
                bool at_end = k >= s1 || sent_final(c, k);
                size_t a, e;
                bool comma;
                if (np_before(c, s0, ci, &a, &e, &comma) && a > s0 && punct(c, a - 1, ',')) {
                    if (at_end) {
                        cs = s0;
                        ce = a - 1;
                        ok = true;
                    } else if (punct(c, k, ',')) {
                        /* "Lenox was a juggernaut, Mr. Clarke said, until ...": the longer part */
                        size_t e3 = clause_end(c, k + 1, s1);
                        if (e3 > k + 1 && e3 - (k + 1) > a - 1 - s0) {
                            cs = k + 1;
                            ce = e3;
                        } else {
                            cs = s0;
                            ce = a - 1;
                        }
                        ok = true;
                    }
                }
            }
            if (ok && !at.found)
                subject_of_cue(c, s0, ci, w, &at, 0);
        }
        if (!ok || ce <= cs || count_words(c, cs, ce) < 3)
            continue;
        /* a direct quote inside the clause carries this attribution already */
        bool inside = false;
        for (size_t q = cs; q < ce && !inside; q++)
            inside = c->inq[q] != 0;
        if (inside)
            continue;
        set_cue(c, &at, ci);
        found_quote fq;
        memset(&fq, 0, sizeof fq);
        fq.cs = c->t[cs].start;
        fq.ce = c->t[ce - 1].end;
        fq.a = at;
        fq.direct = false;
        nf_vec_push(out, fq);
    }
}

/* Three words or fewer, or every word capitalised (a title: “Face the Nation”). */
static bool short_or_title(qctx *c, size_t cs, size_t ce)
{
    size_t a = tok_at(c, cs), words = 0, caps = 0, small = 0;
    for (size_t i = a; i < c->nt && c->t[i].start < ce; i++) {
        if (c->t[i].kind != NF__NW)
            continue;
        words++;
        if (c->t[i].flags & NF__T_UPPER)
            caps++;
        else if (lex(c, i) & (NF__L_STOP | NF__L_CONN | NF__L_DET))
            small++;
    }
    return words <= 3 || (words <= 8 && caps + small == words && caps * 2 > words);
}

static int cmp_fq(const void *a, const void *b)
{
    const found_quote *x = a, *y = b;
    return x->cs < y->cs ? -1 : x->cs > y->cs;
}

nf_status nf_facts_quotes(nf_doc *doc, nf_facts *f)
{
    if (!doc || !f)
        return NF_ERR_INVALID;
    if (!doc->text || !doc->text_len)
        return NF_OK;
    pthread_once(&cue_once, build_cues);
    qctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.f = f;
    c.s = doc->text;
    c.n = doc->text_len;
    /* paragraphs */
    c.np = doc->n_paras ? doc->n_paras : 1;
    c.paras = nf_xmalloc(c.np * sizeof *c.paras);
    if (doc->n_paras)
        for (size_t i = 0; i < doc->n_paras; i++)
            c.paras[i] = (nf_range){doc->paras[i].start, doc->paras[i].end};
    else
        c.paras[0] = (nf_range){0, doc->text_len};
    find_quotes(&c);
    c.t = nf__ner_tokens(c.s, c.n, &c.nt);
    c.lx = nf_xmalloc((c.nt + 1) * sizeof *c.lx);
    memset(c.lx, 0xFF, (c.nt + 1) * sizeof *c.lx);
    c.cue = nf_xcalloc(c.nt + 1, sizeof *c.cue);
    c.inq = nf_xcalloc(c.nt + 1, 1);
    c.used = nf_xcalloc(c.nt + 1, 1);
    c.sid = nf_xmalloc((c.nt + 1) * sizeof *c.sid);
    c.sstart = nf_xmalloc((c.nt + 1) * sizeof *c.sstart);
    for (size_t i = 0; i < c.nt; i++) {
        if (i == 0 || (c.t[i].flags & (NF__T_SENT | NF__T_PARA)))
            c.sstart[c.ns++] = (uint32_t)i;
        c.sid[i] = (uint32_t)(c.ns - 1);
    }
    for (size_t k = 0; k < c.q.len; k++) {
        size_t a = tok_at(&c, c.q.items[k].open), b = tok_at(&c, c.q.items[k].close_end);
        for (size_t i = a; i < b && i < c.nt; i++)
            c.inq[i] = 1;
    }
    /* mentions of every entity, in text order */
    size_t nm = 0;
    for (size_t e = 0; e < f->n_entities; e++)
        nm += f->entities[e].n_mentions;
    c.m = nf_xmalloc((nm + 1) * sizeof *c.m);
    for (size_t e = 0; e < f->n_entities; e++)
        for (size_t k = 0; k < f->entities[e].n_mentions; k++)
            c.m[c.nm++] = (ment){(uint32_t)f->entities[e].mentions[k].start,
                                 (uint32_t)f->entities[e].mentions[k].end, (int32_t)e};
    {   /* by start, the longer first (cmp_ment's order) */
        uint64_t *keys = nf_xmalloc((c.nm + 1) * sizeof *keys);
        for (size_t k = 0; k < c.nm; k++)
            keys[k] = ((uint64_t)c.m[k].start << 32) | (0xFFFFFFFFu - c.m[k].end);
        nf__sort_keyed(c.m, c.nm, sizeof *c.m, keys);
        free(keys);
    }
    c.gender = nf_xcalloc(f->n_entities + 1, 1);

    fqvec out = {0};
    for (size_t k = 0; k < c.q.len; k++) {
        qspan *q = &c.q.items[k];
        found_quote fq;
        memset(&fq, 0, sizeof fq);
        fq.cs = q->cs;
        fq.ce = q->ce;
        fq.direct = true;
        fq.qi = k;
        fq.a.ent = -1;
        size_t cue_tok = SIZE_MAX;
        if (!attr_after(&c, q, &fq.a, &cue_tok) || !fq.a.found) {
            attr b;
            memset(&b, 0, sizeof b);
            b.ent = -1;
            size_t ct2 = SIZE_MAX;
            if (attr_before(&c, q, &b, &ct2) && b.found) {
                fq.a = b;
                cue_tok = ct2;
            } else if (!fq.a.found) {
                memset(&b, 0, sizeof b);
                b.ent = -1;
                if (attr_colon(&c, q, &b))
                    fq.a = b;
            }
        }
        if (cue_tok != SIZE_MAX && cue_tok < c.nt)
            c.used[cue_tok] = 1;
        nf_vec_push(&out, fq);
    }
    indirect(&c, &out);
    if (out.len)
        qsort(out.items, out.len, sizeof *out.items, cmp_fq);
    /* a short quote without attribution is a title, a nickname or a scare quote */
    {
        size_t w = 0;
        for (size_t k = 0; k < out.len; k++) {
            found_quote *fq = &out.items[k];
            if (fq->direct && !fq->a.found && short_or_title(&c, fq->cs, fq->ce))
                continue;
            out.items[w++] = *fq;
        }
        out.len = w;
    }
    /* quotes without a speaker take the latest attribution of this or the previous paragraph */
    for (size_t k = 0; k < out.len; k++) {
        found_quote *fq = &out.items[k];
        if (fq->a.found || !fq->direct)
            continue;
        int p = para_of(&c, fq->cs);
        for (size_t j = k; j > 0 && k - j < 50; j--) {
            found_quote *pr = &out.items[j - 1];
            if (pr->ce > fq->cs)
                continue;
            int pp = para_of(&c, pr->cs);
            if (pp < p - 1)
                break;
            if (pr->a.found && (pr->a.ent >= 0 || pr->a.phrase)) {
                fq->a.ent = pr->a.ent;
                fq->a.phrase = pr->a.phrase;
                fq->a.found = true;
                break;
            }
        }
    }
    nf_quote *Q = nf_arena_alloc(doc->arena, (out.len + 1) * sizeof *Q);
    for (size_t k = 0; k < out.len; k++) {
        found_quote *fq = &out.items[k];
        nf_quote *q = &Q[k];
        q->start = fq->cs;
        q->end = fq->ce;
        q->direct = fq->direct;
        q->text = fq->direct ? c.q.items[fq->qi].text
                             : nf_arena_strndup(doc->arena, c.s + fq->cs, fq->ce - fq->cs);
        q->speaker_entity = fq->a.ent;
        q->speaker = fq->a.ent >= 0 ? f->entities[fq->a.ent].name : fq->a.phrase;
        if (fq->a.sp_e > fq->a.sp_s)
            q->speaker_span = (nf_range){fq->a.sp_s, fq->a.sp_e};
        q->cue = fq->a.cue;
        if (fq->a.cue_e > fq->a.cue_s)
            q->cue_span = (nf_range){fq->a.cue_s, fq->a.cue_e};
    }
    f->quotes = Q;
    f->n_quotes = out.len;
    nf_vec_free(&out);
    nf_vec_free(&c.q);
    free(c.paras);
    nf__ner_tokens_release();
    free(c.lx);
    free(c.cue);
    free(c.inq);
    free(c.used);
    free(c.sid);
    free(c.sstart);
    free(c.m);
    free(c.gender);
    return NF_OK;
}
