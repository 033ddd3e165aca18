/* Boilerplate lexicons in many languages.
 *
 * These are general phrase lists, not rules for particular pages: the words sites use for
 * cookie notices, consent buttons, related-links and reactions boxes, image credits and AI
 * labels, subscription and sharing furniture, advertising labels and bylines, in English,
 * Spanish, German, French, Portuguese, Italian, Dutch, Polish, Turkish and Filipino (tl).
 * Entries are lower case (case-folded); accents are kept. To add a language, add its
 * phrases to each list; docs/LEXICONS.md says how to test them. */
#include <pthread.h>
#include <string.h>

#include "lexicon.h"
#include "newsfuse/base.h"

/* Whole-block headings of a related-links box. */
static const char *const related_heads[] = {
    "related", "related articles", "related stories", "related news", "related content",
    "related coverage", "related posts", "related links", "related topics", "read more",
    "read also", "read next", "more on this story", "more on this topic", "more stories",
    "more news", "more from", "you may also like", "you might also like", "recommended",
    "recommended for you", "recommended stories", "most read", "most popular", "trending",
    "trending now", "see also", "also read", "top stories", "latest news", "latest stories",
    "editor's picks", "don't miss", "more to explore", "in other news", "further reading",
    /* es */
    "artículos relacionados", "noticias relacionadas", "te puede interesar",
    "te podría interesar", "lee también", "leer más", "más noticias", "lo más leído",
    "también te puede interesar", "contenido relacionado", "ver también", "relacionados",
    /* de */
    "verwandte artikel", "mehr zum thema", "das könnte sie auch interessieren",
    "meistgelesen", "weitere artikel", "auch interessant", "lesen sie auch", "mehr lesen",
    /* fr */
    "articles connexes", "à lire aussi", "lire aussi", "sur le même sujet",
    "à lire également", "les plus lus", "articles similaires", "voir aussi",
    /* pt */
    "leia também", "veja também", "notícias relacionadas", "mais lidas", "leia mais",
    "artigos relacionados",
    /* it */
    "articoli correlati", "leggi anche", "potrebbe interessarti", "i più letti",
    /* nl */
    "gerelateerde artikelen", "lees ook", "meer nieuws",
    /* pl */
    "czytaj także", "czytaj też", "zobacz też", "zobacz także", "powiązane artykuły",
    /* tr */
    "ilgili haberler", "bunlar da ilginizi çekebilir", "benzer haberler",
    /* tl */
    "mga kaugnay na artikulo", "kaugnay na artikulo", "kaugnay na balita",
    "mga kaugnay na balita", "basahin din", "basahin pa",
};

/* Prefixes of an inline related link: "Read more: <headline>". */
static const char *const readmore_prefixes[] = {
    "read more:", "read also:", "also read:", "related:", "see also:", "read:", "watch:",
    "lee también:", "leer más:", "lea también:", "lesen sie auch:", "mehr dazu:",
    "lire aussi:", "à lire aussi:", "leia também:", "leggi anche:", "czytaj także:",
    "basahin din:",
};

/* Whole-block headings of a reactions box. */
static const char *const reaction_heads[] = {
    "what people are saying", "what people are saying on x", "reactions",
    "social media reactions", "what readers are saying", "what readers say",
    "from social media", "the conversation", "reader comments", "comments",
    "lo que dice la gente", "reacciones", "reacciones en redes", "comentarios",
    "was die leute sagen", "reaktionen", "kommentare", "ce que disent les gens",
    "réactions", "commentaires", "o que as pessoas estão dizendo", "reações", "comentários",
    "cosa dice la gente", "reazioni", "commenti", "ano ang sinasabi ng mga tao",
    "mga reaksyon", "mga komento",
};

/* Phrases that make a block a cookie or consent notice. */
static const char *const cookie_phrases[] = {
    "cookie", "cookies", "cookie policy", "cookie settings", "consent", "gdpr",
    "we use cookies", "this website uses cookies", "this site uses cookies",
    "usamos cookies", "utilizamos cookies", "este sitio web utiliza cookies",
    "verwendet cookies", "wir verwenden cookies", "nous utilisons des cookies",
    "témoins de connexion", "utilizamos cookies", "utilizziamo i cookie", "i cookie",
    "gebruikt cookies", "plików cookie", "çerez", "çerezler", "gumagamit ng cookies",
    "gumagamit kami ng cookies",
};

/* Consent button labels (whole block). */
static const char *const button_labels[] = {
    "accept", "accept all", "accept cookies", "accept all cookies", "reject", "reject all",
    "decline", "decline all", "agree", "i agree", "i accept", "ok", "okay", "got it",
    "allow", "allow all", "deny", "manage preferences", "manage cookies", "cookie settings",
    "customize", "settings", "more options", "close", "dismiss", "accept / reject",
    "accept | reject", "accept or reject", "aceptar", "aceptar todo", "aceptar todas",
    "rechazar", "rechazar todo", "configurar", "akzeptieren", "alle akzeptieren",
    "ablehnen", "alle ablehnen", "einstellungen", "accepter", "tout accepter", "refuser",
    "tout refuser", "paramétrer", "aceitar", "aceitar todos", "rejeitar", "accetta",
    "accetta tutto", "rifiuta", "accepteren", "weigeren", "akceptuję", "odrzuć",
    "kabul et", "reddet", "tanggapin", "tanggapin lahat", "tanggihan", "tanggihan lahat",
    "sang-ayon",
};

/* Image credits and AI labels (inside a short block). */
static const char *const credit_phrases[] = {
    "photo:", "photo by", "photos:", "photograph:", "image:", "image by", "picture:",
    "credit:", "photo credit", "illustration:", "illustration by", "file photo",
    "getty images", "shutterstock", "ai-generated image", "ai generated image",
    "image generated by ai", "generated by ai", "ai-generated", "created with ai",
    "foto:", "fotografía:", "imagen:", "imagen generada por ia", "generada por ia",
    "generado por ia", "bild:", "ki-generiertes bild", "von ki generiert", "foto: ",
    "image générée par ia", "générée par l'ia", "imagem gerada por ia", "immagine generata",
    "zdjęcie:", "fotoğraf:", "larawang ginawa ng ai", "ginawa ng ai", "iniulat ng ai",
    "reported by ai", "ai-reported", "larawan:", "kuha ni",
};

/* Copyright lines: chrome at any length up to a long footer. */
static const char *const copyright_phrases[] = {
    "©", "copyright", "all rights reserved", "todos los derechos reservados",
    "alle rechte vorbehalten", "tous droits réservés", "todos os direitos reservados",
    "tutti i diritti riservati", "wszelkie prawa zastrzeżone", "tüm hakları saklıdır",
    "lahat ng karapatan ay nakalaan",
};

/* Site furniture phrases (inside a short block). */
static const char *const chrome_phrases[] = {
    "subscribe", "subscribe now", "subscribe to our newsletter", "sign up", "newsletter",
    "follow us", "share this", "share on", "share article", "download our app",
    "this story is being updated", "this is a developing story", "this story has been updated",
    "esta noticia se está actualizando", "noticia en desarrollo", "wird aktualisiert", "skip to content", "skip to main content",
    "sign in", "log in", "back to top", "terms of use", "terms of service",
    "privacy policy", "contact us", "about us", "listen to this article",
    "reading time", "min read", "print this page", "follow on", "join our",
    "suscríbete", "suscribirse", "síguenos", "compartir", "todos los derechos reservados",
    "iniciar sesión", "boletín", "abonnieren", "teilen", "alle rechte vorbehalten",
    "anmelden", "abonnez-vous", "partager", "tous droits réservés", "se connecter",
    "assine", "compartilhe", "todos os direitos reservados", "iscriviti", "condividi",
    "tutti i diritti riservati", "abonneer", "delen", "udostępnij", "subskrybuj",
    "paylaş", "abone ol", "mag-subscribe", "ibahagi", "sundan kami",
    "click here", "requires javascript", "enable javascript", "like loading", "filed under",
    "your inbox", "sign up for", "share it with", "share this story", "follow her on",
    "follow him on", "follow me on", "follow them on", "follow us at", "may be reached at",
    "can be reached at", "have a tip", "got a tip", "tell us what you think",
    "leave a comment", "leave a reply", "post a comment", "continue reading",
    "get short url", "download the app", "get the app",
};

/* Advertising labels (whole block). */
static const char *const ad_labels[] = {
    "advertisement", "advertising", "advert", "sponsored", "sponsored content", "paid content",
    "ad", "ads", "promoted", "partner content", "publicidad", "anuncio", "patrocinado",
    "anzeige", "werbung", "publicité", "sponsorisé", "publicidade", "pubblicità",
    "advertentie", "reklama", "reklam", "patalastas",
};

/* Job titles that make a short "Name, Role" line a byline. */
static const char *const byline_roles[] = {
    "reporter", "correspondent", "staff writer", "editor", "columnist", "contributor",
    "local democracy reporter", "senior writer", "redacción", "corresponsal", "periodista",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "journaliste",
    "envoyé spécial", "envoyée spéciale", "repórter", "correspondente", "giornalista",
    "inviato", "dziennikarz", "muhabir", "mamamahayag",
};

/* Related headings that a name may follow: "More from the Gazette". */
static const char *const related_prefixes[] = {
    "more from", "more on", "more in", "also on", "more stories from", "más de", "mehr von",
    "plus de", "mais de", "altro da", "higit pa mula sa",
};

/* Byline prefixes (at the start of a short block). */
static const char *const byline_prefixes[] = {
    "by ", "written by", "reporting by", "reported by", "additional reporting",
    "with reports from", "with reporting from", "with reporting by", "editing by",
    "edited by", "author:", "authors:", "por ", "escrito por", "redacción", "con información de",
    "von ", "text:", "autor:", "par ", "rédigé par", "di ", "door ", "ni ",
    "isinulat ni", "ulat ni",
};

/* Function words: en es de fr pt it nl tl (and a few pl tr). */
static const char *const stopwords[] = {
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "at", "by", "with",
    "from", "is", "are", "was", "were", "be", "has", "have", "had", "that", "this", "it",
    "as", "its", "his", "her", "their", "our", "we", "they", "he", "she", "not", "but",
    "de", "la", "el", "los", "las", "y", "en", "un", "una", "que", "del", "al", "por",
    "con", "para", "es", "se", "su", "der", "die", "das", "und", "ein", "eine", "zu",
    "von", "mit", "den", "dem", "ist", "im", "le", "les", "des", "et", "du", "une", "au",
    "aux", "est", "dans", "sur", "o", "os", "as", "e", "do", "da", "dos", "das", "em",
    "no", "na", "il", "lo", "gli", "di", "che", "della", "het", "een", "van", "ng", "sa",
    "ang", "mga", "na", "ay", "at", "si", "ni", "i", "w", "z", "ve", "bir", "ile",
};

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

size_t nf__find_phrase(const char *hay, size_t len, const char *phrase)
{
    size_t pl = strlen(phrase);
    if (!pl || pl > len)
        return (size_t)-1;
    bool w_start = is_word_byte((unsigned char)phrase[0]);
    bool w_end = is_word_byte((unsigned char)phrase[pl - 1]);
    const char *p = hay, *end = hay + len;
    while ((size_t)(end - p) >= pl) {
        const char *hit = memchr(p, phrase[0], (size_t)(end - p) - pl + 1);
        if (!hit)
            break;
        if (memcmp(hit, phrase, pl) == 0) {
            bool ok_l = !w_start || hit == hay || !is_word_byte((unsigned char)hit[-1]);
            bool ok_r = !w_end || hit + pl == end || !is_word_byte((unsigned char)hit[pl]);
            if (ok_l && ok_r)
                return (size_t)(hit - hay);
        }
        p = hit + 1;
    }
    return (size_t)-1;
}

/* The block without surrounding punctuation and white space, for whole-block matching. */
static void strip(const char **s, size_t *n)
{
    const char *p = *s;
    size_t len = *n;
    while (len && (strchr(" \t\n:;.,|-–—•·>»«\"'()[]", *p) || (unsigned char)*p >= 0x80)) {
        /* stop at the first letter of a non-ASCII word (UTF-8 lead byte of a letter) */
        if ((unsigned char)*p >= 0x80 && !(len >= 3 && (unsigned char)p[0] == 0xE2))
            break;
        size_t k = (unsigned char)*p == 0xE2 && len >= 3 ? 3 : 1;
        p += k;
        len -= k;
    }
    while (len && strchr(" \t\n:;.,|-•·>»«\"'()[]", p[len - 1]))
        len--;
    while (len >= 3 && (unsigned char)p[len - 3] == 0xE2 && (unsigned char)p[len - 2] == 0x80)
        len -= 3; /* trailing dashes, quotes, ellipsis */
    while (len && strchr(" \t\n:;.,|-•·>»«\"'()[]", p[len - 1]))
        len--;
    *s = p;
    *n = len;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool whole(const char *s, size_t n, const char *const *list, size_t cnt,
                  const char **detail)
{
    for (size_t i = 0; i < cnt; i++)
        if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0) {
            *detail = list[i];
            return true;
        }
    return false;
}

static bool inside(const char *s, size_t n, const char *const *list, size_t cnt,
                   const char **detail)
{
    for (size_t i = 0; i < cnt; i++)
        if (nf__find_phrase(s, n, list[i]) != (size_t)-1) {
            *detail = list[i];
            return true;
        }
    return false;
}

static bool prefix(const char *s, size_t n, const char *const *list, size_t cnt,
                   const char **detail)
{
    for (size_t i = 0; i < cnt; i++) {
        size_t l = strlen(list[i]);
        if (l <= n && memcmp(s, list[i], l) == 0) {
            *detail = list[i];
            return true;
        }
    }
    return false;
}

nf__lex_kind nf__lexicon_match(const char *folded, size_t len, int words, const char **detail)
{
    const char *d = NULL;
    const char *s = folded;
    size_t n = len;
    strip(&s, &n);
    if (!detail)
        detail = &d;
    *detail = NULL;
    if (n == 0)
        return NF__LEX_NONE;
    if (words <= 8) {
        if (whole(s, n, related_heads, COUNT(related_heads), detail))
            return NF__LEX_RELATED;
        if (words <= 6 && prefix(s, n, related_prefixes, COUNT(related_prefixes), detail))
            return NF__LEX_RELATED;
        /* bilingual headings: "Lea también / Read more" */
        for (size_t i = 0; i + 3 <= n; i++)
            if ((s[i + 1] == '/' || s[i + 1] == '|') && s[i] == ' ' && s[i + 2] == ' ') {
                const char *l = s, *r = s + i + 3;
                size_t ln = i, rn = n - i - 3;
                strip(&l, &ln);
                strip(&r, &rn);
                if (whole(l, ln, related_heads, COUNT(related_heads), detail) ||
                    whole(r, rn, related_heads, COUNT(related_heads), detail))
                    return NF__LEX_RELATED;
                if (whole(l, ln, reaction_heads, COUNT(reaction_heads), detail) ||
                    whole(r, rn, reaction_heads, COUNT(reaction_heads), detail))
                    return NF__LEX_REACTIONS;
            }
        if (whole(s, n, reaction_heads, COUNT(reaction_heads), detail))
            return NF__LEX_REACTIONS;
        if (whole(s, n, button_labels, COUNT(button_labels), detail))
            return NF__LEX_BUTTON;
        if (whole(s, n, ad_labels, COUNT(ad_labels), detail))
            return NF__LEX_AD;
    }
    if (prefix(s, n, readmore_prefixes, COUNT(readmore_prefixes), detail) && words <= 30)
        return NF__LEX_READMORE;
    if (words <= 70 && inside(s, n, cookie_phrases, COUNT(cookie_phrases), detail))
        return NF__LEX_COOKIE;
    if (words <= 25 && inside(s, n, credit_phrases, COUNT(credit_phrases), detail))
        return NF__LEX_CREDIT;
    if (words <= 14 && prefix(s, n, byline_prefixes, COUNT(byline_prefixes), detail))
        return NF__LEX_BYLINE;
    if (words <= 8 && memchr(s, ',', n) && inside(s, n, byline_roles, COUNT(byline_roles), detail))
        return NF__LEX_BYLINE_ROLE;
    if (words <= 45 && inside(s, n, copyright_phrases, COUNT(copyright_phrases), detail))
        return NF__LEX_COPYRIGHT;
    if (words <= 20 && inside(s, n, chrome_phrases, COUNT(chrome_phrases), detail))
        return NF__LEX_CHROME;
    return NF__LEX_NONE;
}

/* The stop-word set as a map, built once (pthread_once) and read-only afterwards. */
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
static nf_map *stop_map;

static void build_stop_map(void)
{
    stop_map = nf_map_new();
    for (size_t i = 0; i < COUNT(stopwords); i++)
        nf_map_put(stop_map, stopwords[i], strlen(stopwords[i]), (void *)1);
}

bool nf__lexicon_is_stopword(const char *w, size_t len)
{
    if (len == 0 || len > 6)
        return false; /* no entry is longer */
    pthread_once(&stop_once, build_stop_map);
    return nf_map_get(stop_map, w, len) != NULL;
}

bool nf__lexicon_is_stopword_ci(const char *w, size_t len)
{
    char buf[16];
    if (len >= sizeof buf)
        return false;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    return nf__lexicon_is_stopword(buf, len);
}
