/* Unit tests of the text layer: normalisation, tokens, sentences, language, stemming. */
#include <stdlib.h>

#include "newsfuse/text.h"
#include <utf8proc.h>

#include "unit.h"

static const char *norm(nf_arena *a, const char *in, size_t len, size_t *bad)
{
    const char *out;
    size_t n;
    nf_text_normalize(a, in, len, &out, &n, bad);
    return out;
}

TEST(utf8_byte_at_walks_code_points)
{
    const char *s = "a\xc3\xa9" "b\xe2\x82\xac" "c"; /* a é b € c */
    size_t len = strlen(s), pos = 0, at = 0;
    CHECK(nf_utf8_byte_at(s, len, 0, &pos, &at) == 0);
    CHECK(nf_utf8_byte_at(s, len, 2, &pos, &at) == 3);  /* b */
    CHECK(nf_utf8_byte_at(s, len, 4, &pos, &at) == 7);  /* c */
    CHECK(nf_utf8_byte_at(s, len, 1, &pos, &at) == 1);  /* backwards: restarts */
    CHECK(nf_utf8_byte_at(s, len, 99, &pos, &at) == len);
}

TEST(normalize_repairs_invalid_bytes)
{
    nf_arena *a = nf_arena_new();
    size_t bad;
    /* a stray continuation byte, a truncated sequence, an overlong '/', a surrogate */
    const char in[] = "a\x80" "b\xE2\x82" "c\xC0\xAF" "d\xED\xA0\x80" "e";
    CHECK_STR(norm(a, in, sizeof in - 1, &bad),
              "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD"
              "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "e");
    CHECK(bad == 8);
    CHECK_STR(norm(a, "caf\xC3\xA9", 5, &bad), "caf\xC3\xA9");
    CHECK(bad == 0);
    CHECK_STR(norm(a, "", 0, &bad), "");
    CHECK_STR(norm(a, "\xF4\x90\x80\x80", 4, &bad),
              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    nf_arena_free(a);
}

TEST(normalize_nfc_newlines_nuls)
{
    nf_arena *a = nf_arena_new();
    size_t bad, n;
    /* e + COMBINING ACUTE -> é; A + COMBINING RING -> Å; dot below and acute reorder */
    CHECK_STR(norm(a, "Cafe\xCC\x81 A\xCC\x8A", 10, &bad), "Caf\xC3\xA9 \xC3\x85");
    CHECK_STR(norm(a, "o\xCC\x81\xCC\xA3", 5, &bad), "\xE1\xBB\x8D\xCC\x81");
    CHECK_STR(norm(a, "one\r\ntwo\rthree\n", 15, &bad), "one\ntwo\nthree\n");
    CHECK_STR(norm(a, "a\0b\0", 4, &bad), "ab");
    CHECK_STR(norm(a, "\xEF\xBB\xBFhi", 5, &bad), "hi");
    const char *out;
    nf_text_normalize(a, "x\r", 2, &out, &n, NULL);
    CHECK(n == 2 && out[1] == '\n');
    nf_arena_free(a);
}

/* A 10 MB line in one piece and a 10 MB run of combining marks: normalised, tokenised and
 * split whole (their speed is measured in bench/, never asserted here). */
TEST(normalize_long_line_whole)
{
    size_t len = 10u << 20;
    char *big = malloc(len);
    for (size_t i = 0; i < len; i++)
        big[i] = "abcdefgh \xC3\xA9"[i % 11];
    big[len - 1] = 'z';
    nf_arena *a = nf_arena_new();
    size_t bad, n;
    const char *out;
    nf_text_normalize(a, big, len, &out, &n, &bad);
    CHECK(n == len);
    /* e + combining marks only: no safe place to cut, one big NFC call */
    for (size_t i = 0; i + 1 < len; i += 2) {
        big[i] = '\xCC';
        big[i + 1] = '\x81';
    }
    big[0] = 'e';
    big[1] = '\xCC';
    nf_text_normalize(a, big, len - 1, &out, &n, &bad);
    CHECK(out != NULL && n > len / 2);
    nf_token *tok;
    size_t nt;
    nf_span *sp;
    size_t ns;
    nf_text_tokenize(a, big, len, &tok, &nt);
    nf_text_sentences(a, big, len, &sp, &ns);
    CHECK(nt >= 1 && ns >= 1);
    nf_arena_free(a);
    free(big);
}

TEST(utf8_and_classes)
{
    const char s[] = "\xC3\xA9\xF0\x9F\x98\x80\xFF";
    size_t i = 0;
    CHECK(nf_utf8_next(s, sizeof s - 1, &i) == 0xE9 && i == 2);
    CHECK(nf_utf8_next(s, sizeof s - 1, &i) == 0x1F600 && i == 6);
    CHECK(nf_utf8_next(s, sizeof s - 1, &i) == 0xFFFD && i == 7);
    CHECK(nf_utf8_next(s, sizeof s - 1, &i) == -1);
    CHECK(nf_cp_is_letter(0xE9) && nf_cp_is_lower(0xE9) && !nf_cp_is_upper(0xE9));
    CHECK(nf_cp_is_upper('Q') && nf_cp_is_upper(0x130));
    CHECK(nf_cp_is_digit('7') && nf_cp_is_digit(0x663) && !nf_cp_is_digit('x'));
    CHECK(nf_cp_is_space(0xA0) && nf_cp_is_space(0x2009) && nf_cp_is_space(0x200B) &&
          nf_cp_is_space(0x202F) && nf_cp_is_space(0x3000) && nf_cp_is_space('\t'));
    CHECK(!nf_cp_is_space('a'));
    CHECK(nf_cp_is_punct(0x201C) && nf_cp_is_punct('!') && !nf_cp_is_punct('$'));
}

TEST(fold_and_binary)
{
    nf_arena *a = nf_arena_new();
    size_t n;
    CHECK_STR(nf_text_fold(a, "HeLLo", 5, &n), "hello");
    CHECK_STR(nf_text_fold(a, "STRASSE \xC3\x84rger", 14, &n), "strasse \xC3\xA4rger");
    CHECK_STR(nf_text_fold(a, "Stra\xC3\x9F" "e", 7, &n), "strasse");
    CHECK(!nf_text_is_binary("plain text\n", 11));
    CHECK(nf_text_is_binary("%PDF-1.7 ...", 12));
    CHECK(nf_text_is_binary("ab\0\0\0\0cd", 8));
    CHECK(!nf_text_is_binary("", 0));
    nf_arena_free(a);
}

/* "kind:text kind:text ..." for a tokenisation. */
static const char *toks(nf_arena *a, const char *s)
{
    nf_token *t;
    size_t n;
    nf_text_tokenize(a, s, strlen(s), &t, &n);
    nf_buf b;
    nf_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        nf_buf_printf(&b, "%s%s:%.*s", i ? " " : "", nf_tok_kind_str(t[i].kind), (int)t[i].len,
                      s + t[i].start);
    const char *r = nf_arena_strndup(a, b.data ? b.data : "", b.len);
    nf_buf_free(&b);
    return r;
}

TEST(tokenizer)
{
    nf_arena *a = nf_arena_new();
    CHECK_STR(toks(a, "The U.S.-Mexico deal, don't you think?"),
              "word:The word:U.S.-Mexico word:deal punct:, word:don't word:you word:think "
              "punct:?");
    CHECK_STR(toks(a, "Mr. Smith paid $30,000 (1.6%) on 2026-01-16."),
              "word:Mr punct:. word:Smith word:paid symbol:$ number:30,000 punct:( number:1.6 "
              "symbol:% punct:) word:on number:2026-01-16 punct:.");
    CHECK_STR(toks(a, "See https://example.com/a_(b). Or www.x.org, t.co/AbC!"),
              "word:See url:https://example.com/a_(b) punct:. word:Or url:www.x.org punct:, "
              "url:t.co/AbC punct:!");
    CHECK_STR(toks(a, "@jane_doe: #Vote2026 #1 mail me@example.org"),
              "handle:@jane_doe punct:: hashtag:#Vote2026 symbol:# number:1 word:mail "
              "url:me@example.org");
    CHECK_STR(toks(a, "1.234,5 euros \xE2\x80\x9Cyes\xE2\x80\x9D \xE2\x80\x94 the 1990s"),
              "number:1.234,5 word:euros punct:\xE2\x80\x9C word:yes punct:\xE2\x80\x9D "
              "punct:\xE2\x80\x94 word:the number:1990s");
    CHECK_STR(toks(a, "\xF0\x9F\x87\xAA\xF0\x9F\x87\xB8 ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"),
              "symbol:\xF0\x9F\x87\xAA\xF0\x9F\x87\xB8 word:ok "
              "symbol:\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
    CHECK_STR(toks(a, "a 20-year-old and e.g. EE.UU. ..."),
              "word:a word:20-year-old word:and word:e.g. word:EE.UU. punct:...");
    CHECK_STR(toks(a, ""), "");
    CHECK_STR(toks(a, "x\xFF" "y"), "word:x symbol:\xFF word:y");

    nf_token *t;
    size_t n;
    nf_text_tokenize(a, "NASA Obama iPhone", 17, &t, &n);
    CHECK(n == 3);
    CHECK(t[0].all_upper && t[0].upper_initial);
    CHECK(!t[1].all_upper && t[1].upper_initial);
    CHECK(!t[2].all_upper && !t[2].upper_initial);
    nf_arena_free(a);
}

/* Sentences joined by " | ". */
static const char *sents(nf_arena *a, const char *s)
{
    nf_span *sp;
    size_t n;
    nf_text_sentences(a, s, strlen(s), &sp, &n);
    nf_buf b;
    nf_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        nf_buf_printf(&b, "%s%.*s", i ? " | " : "", (int)(sp[i].end - sp[i].start),
                      s + sp[i].start);
    const char *r = nf_arena_strndup(a, b.data ? b.data : "", b.len);
    nf_buf_free(&b);
    return r;
}

TEST(sentence_splitter)
{
    nf_arena *a = nf_arena_new();
    CHECK_STR(sents(a, "Mr. Smith went to Washington, D.C. on Jan. 5. He left."),
              "Mr. Smith went to Washington, D.C. on Jan. 5. | He left.");
    CHECK_STR(sents(a, "The U.S. Army said so. The U.S. The end."),
              "The U.S. Army said so. | The U.S. | The end.");
    CHECK_STR(sents(a, "\xE2\x80\x9CHi,\xE2\x80\x9D she said. \xE2\x80\x9C"
                       "Bye.\xE2\x80\x9D Then."),
              "\xE2\x80\x9CHi,\xE2\x80\x9D she said. | \xE2\x80\x9C" "Bye.\xE2\x80\x9D | Then.");
    CHECK_STR(sents(a, "It grew 1.6 percent. Wait... what? Yes!"),
              "It grew 1.6 percent. | Wait... what? | Yes!");
    CHECK_STR(sents(a, "Headline here\nBody starts. Second.\n\nnew para"),
              "Headline here | Body starts. | Second. | new para");
    CHECK_STR(sents(a, "wrapped line\ncontinues here."), "wrapped line\ncontinues here.");
    CHECK_STR(sents(a, "\xC2\xBF" "D\xC3\xB3nde? \xC2\xA1" "Aqu\xC3\xAD!"),
              "\xC2\xBF" "D\xC3\xB3nde? | \xC2\xA1" "Aqu\xC3\xAD!");
    CHECK_STR(sents(a, "J. K. Rowling wrote it."), "J. K. Rowling wrote it.");
    CHECK_STR(sents(a, "Am 24. April kam er. Gut."), "Am 24. April kam er. | Gut.");
    CHECK_STR(sents(a, "   "), "");
    CHECK_STR(sents(a, "no end"), "no end");
    nf_arena_free(a);
}

TEST(stemmer)
{
    nf_stemmer *s;
    size_t n;
    CHECK(nf_stemmer_new("en", &s) == NF_OK);
    const char *r = nf_stemmer_stem(s, "running", 7, &n);
    CHECK(n == 3 && memcmp(r, "run", 3) == 0);
    r = nf_stemmer_stem(s, "elections", 9, &n);
    CHECK(n == 5 && memcmp(r, "elect", 5) == 0);
    nf_stemmer_free(s);
    CHECK(nf_stemmer_new("es", &s) == NF_OK);
    r = nf_stemmer_stem(s, "elecciones", 10, &n);
    CHECK(n == 8 && memcmp(r, "eleccion", 8) == 0);
    nf_stemmer_free(s);
    CHECK(nf_stemmer_new("pl", &s) == NF_ERR_UNSUPPORTED);
    CHECK(nf_stemmer_new("tl", &s) == NF_ERR_UNSUPPORTED);
    CHECK(nf_stemmer_new("xx", &s) == NF_ERR_UNSUPPORTED);
    nf_stemmer_free(NULL);
}

static const char *lang(const char *s)
{
    static nf_lang_guess g;
    if (nf_text_lang(s, strlen(s), &g) != NF_OK)
        return "(error)";
    return g.code;
}

TEST(language)
{
    CHECK_STR(lang("Hello there."), "und");
    CHECK_STR(lang("12345 67890 2026-01-16 $$$ !!!"), "und");
    CHECK_STR(lang(""), "und");
    CHECK_STR(lang("The city council voted on Tuesday to expand the bus network into the "
                   "northern suburbs next spring."),
              "en");
    CHECK_STR(lang("El ayuntamiento aprobó el martes ampliar la red de autobuses hacia los "
                   "barrios del norte."),
              "es");
    CHECK_STR(lang("Der Stadtrat hat am Dienstag beschlossen, das Busnetz im kommenden "
                   "Frühjahr auszubauen."),
              "de");
    CHECK_STR(lang("Belediye meclisi salı günü otobüs ağının kuzey mahallelere "
                   "genişletilmesine karar verdi."),
              "tr");
    CHECK_STR(lang("Городской совет во вторник решил расширить автобусную сеть."),
              "ru");
    CHECK_STR(lang("قرر المجلس البلدي يوم الثلاثاء توسيع شبكة الحافلات في المدينة"), "ar");
    nf_lang_guess g;
    CHECK(nf_text_lang("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία σήμερα.", 104, &g) ==
          NF_OK);
    CHECK_STR(g.code, "el");
    CHECK(g.confidence > 0.5 && g.confidence <= 1.0);
}

/* NFC and case folding work on non-ASCII runs only: the results must equal whole-text
 * normalisation by utf8proc, including a combining mark right after an ASCII letter. */
TEST(nfc_and_fold_on_mixed_runs)
{
    static const char *const cases[] = {
        "Cafe\xCC\x81 \xE2\x80\x9C" "E\xCC\x81" "COLE\xE2\x80\x9D and NAI\xCC\x88VE",
        "x\xCC\x87\xCC\xA3 then a\xCC\x8A and \xEA\xB0\x80\xE1\x86\xA8 hangul",
        "plain ascii only", "\xC3\xA9\xC3\xA9 start and end \xC3\xA9",
        "A\xCC\x80\xCC\x81\xCC\x82 stacked marks", "\xCC\x81 leading mark",
    };
    nf_arena *a = nf_arena_new();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *in = cases[k];
        const char *out;
        size_t n, bad;
        nf_text_normalize(a, in, strlen(in), &out, &n, &bad);
        char *ref = (char *)utf8proc_NFC((const utf8proc_uint8_t *)in);
        CHECK_STR(out, ref);
        free(ref);
        size_t fl;
        const char *f = nf_text_fold(a, in, strlen(in), &fl);
        char *rf = NULL;
        utf8proc_map((const utf8proc_uint8_t *)in, 0, (utf8proc_uint8_t **)&rf,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        CHECK_STR(f, rf);
        free(rf);
    }
    nf_arena_free(a);
}
