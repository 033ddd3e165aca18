/* serve: escaping, URL coding, routing and whole requests against the in-memory brief
 * backend (no sockets). The document is invented; its article carries markup in every field. */
#include "newsfuse/serve.h"
#include "../../src/serve/serve_int.h"
#include "unit.h"

static char *esc(const char *s)
{
    nf_buf b = {0};
    nf_serve_html_escape(&b, s, strlen(s));
    return nf_buf_detach(&b, NULL);
}

TEST(serve_html_escape)
{
    char *e = esc("<script>alert(1)</script> \"><img src=x onerror=alert(1)> & 'x'");
    CHECK_STR(e, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
                 " &amp; &#39;x&#39;");
    free(e);
    e = esc("caf\xc3\xa9\x01\x7f\tok\n");
    CHECK_STR(e, "caf\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\tok\n");
    free(e);
    nf_buf b = {0};
    nf_serve_html_escape(&b, "a<b", 2); /* only n bytes */
    CHECK_STR(b.data, "a&lt;");
    nf_buf_free(&b);
}

TEST(serve_url_coding)
{
    nf_buf b = {0};
    nf_serve_url_encode(&b, "Joaqu\xc3\xadn V/a?&#", 15);
    CHECK_STR(b.data, "Joaqu%C3%ADn%20V%2Fa%3F%26%23");
    nf_buf_clear(&b);
    CHECK(nf_serve_url_decode(&b, "Joaqu%C3%ADn+V%2fa", 18, true));
    CHECK_STR(b.data, "Joaqu\xc3\xadn V/a");
    nf_buf_clear(&b);
    CHECK(nf_serve_url_decode(&b, "a+b", 3, false));
    CHECK_STR(b.data, "a+b");
    nf_buf_clear(&b);
    CHECK(!nf_serve_url_decode(&b, "bad%2", 5, false));
    nf_buf_clear(&b);
    CHECK(!nf_serve_url_decode(&b, "bad%zz", 6, false));
    nf_buf_clear(&b);
    CHECK(!nf_serve_url_decode(&b, "nul%00", 6, false));
    nf_buf_free(&b);
}

TEST(serve_safe_href)
{
    CHECK(nf_serve_safe_href("https://news.example/a?b=c"));
    CHECK(nf_serve_safe_href("HTTP://news.example/"));
    CHECK(!nf_serve_safe_href("javascript:alert(1)"));
    CHECK(!nf_serve_safe_href(" javascript:alert(1)"));
    CHECK(!nf_serve_safe_href("data:text/html,<script>alert(1)</script>"));
    CHECK(!nf_serve_safe_href("https://"));
    CHECK(!nf_serve_safe_href("https:///path"));
    CHECK(!nf_serve_safe_href("https://a.example/\x01"));
    CHECK(!nf_serve_safe_href("//evil.example/"));
    CHECK(!nf_serve_safe_href(NULL));
}

TEST(serve_routes)
{
    nf_buf a = {0};
    CHECK(nf__route("/", &a) == NF__R_HOME);
    CHECK(nf__route("/stories", &a) == NF__R_HOME);
    CHECK(nf__route("/stories/s1", &a) == NF__R_STORY);
    CHECK_STR(a.data, "s1");
    CHECK(nf__route("/stories/s1/", &a) == NF__R_STORY);
    CHECK(nf__route("/articles/a%2Fb", &a) == NF__R_ARTICLE);
    CHECK_STR(a.data, "a/b");
    CHECK(nf__route("/entities/Joaqu%C3%ADn%20Varela", &a) == NF__R_ENTITY);
    CHECK_STR(a.data, "Joaqu\xc3\xadn Varela");
    CHECK(nf__route("/entities/a+b", &a) == NF__R_ENTITY);
    CHECK_STR(a.data, "a+b");
    CHECK(nf__route("/search", &a) == NF__R_SEARCH);
    CHECK(nf__route("/static/style.css", &a) == NF__R_CSS);
    CHECK(nf__route("/static/app.js", &a) == NF__R_JS);
    CHECK(nf__route("/static/../etc/passwd", &a) == NF__R_NOTFOUND);
    CHECK(nf__route("/api/stories", &a) == NF__R_API_STORIES);
    CHECK(nf__route("/api/stories/", &a) == NF__R_API_STORIES);
    CHECK(nf__route("/api/stories/s2", &a) == NF__R_API_STORY);
    CHECK(nf__route("/api/articles/x", &a) == NF__R_API_ARTICLE);
    CHECK(nf__route("/api/entities/x", &a) == NF__R_API_ENTITY);
    CHECK(nf__route("/api/search", &a) == NF__R_API_SEARCH);
    CHECK(nf__route("/api/ingest", &a) == NF__R_API_INGEST);
    CHECK(nf__route("/api", &a) == NF__R_NOTFOUND);
    CHECK(nf__route("/api/stories/s1/x", &a) == NF__R_NOTFOUND);
    CHECK(nf__route("//stories", &a) == NF__R_NOTFOUND);
    CHECK(nf__route("/stories//s1", &a) == NF__R_NOTFOUND);
    CHECK(nf__route("stories", &a) == NF__R_BAD);
    CHECK(nf__route("/stories/%ZZ", &a) == NF__R_BAD);
    CHECK(nf__route("/stories/%00", &a) == NF__R_BAD);
    CHECK(nf__route("/stories/%C3", &a) == NF__R_BAD);    /* cut UTF-8 */
    CHECK(nf__route("/stories/%ED%A0%80", &a) == NF__R_BAD); /* surrogate */
    CHECK(nf__route_is_api("/api/x") && !nf__route_is_api("/apix") && !nf__route_is_api("/"));
    nf_buf_free(&a);
}

TEST(serve_query)
{
    nf_buf v = {0};
    CHECK(nf__query_get("q=tanker+spill&lang=en", "q", &v) == 1);
    CHECK_STR(v.data, "tanker spill");
    CHECK(nf__query_get("q=tanker+spill&lang=en", "lang", &v) == 1);
    CHECK_STR(v.data, "en");
    CHECK(nf__query_get("qq=1&q=%3Cb%3E", "q", &v) == 1);
    CHECK_STR(v.data, "<b>");
    CHECK(nf__query_get("q", "q", &v) == 1 && v.len == 0);
    CHECK(nf__query_get("a=1&&b=2", "b", &v) == 1);
    CHECK_STR(v.data, "2");
    CHECK(nf__query_get("a=1", "q", &v) == 0);
    CHECK(nf__query_get(NULL, "q", &v) == 0);
    CHECK(nf__query_get("q=%", "q", &v) == -1);
    CHECK(nf__query_get("q=%ff", "q", &v) == -1);
    nf_buf_free(&v);
}

/* An invented brief: one story of two articles; the second carries markup everywhere. */
static const char brief_doc[] =
    "{\"format\":\"newsfuse.brief/1\",\"articles\":["
    "{\"id\":\"a1\",\"url\":\"https://ledger.example/ferry\",\"source\":\"Orrin Bay Ledger\","
    "\"title\":\"Ferry terminal opens\",\"published\":\"2026-03-14T09:10:00\",\"language\":\"en\","
    "\"text\":\"The ferry terminal at Velmont opened on Saturday.\\n\\nIt cost 3 million euros.\","
    "\"removed\":[{\"text\":\"Home \\u00b7 Harbour\",\"reason\":\"navigation\",\"detail\":\"menu\"}]},"
    "{\"id\":\"a<2>\",\"url\":\"javascript:alert(1)\",\"source\":\"<b>Quay</b> Post\","
    "\"title\":\"<script>alert(1)</script>\",\"published\":\"2026-03-15\",\"language\":\"en\","
    "\"text\":\"\\\"><img src=x onerror=alert(1)> opened on Saturday.\",\"removed\":[]}],"
    "\"stories\":[{\"id\":\"s1\",\"headline\":\"<script>alert(1)</script> terminal\","
    "\"summary\":[{\"text\":\"The ferry terminal at Velmont opened on Saturday.\","
    "\"articles\":[\"a1\",\"a<2>\"]}],\"articles\":[\"a1\",\"a<2>\"],\"outlets\":2,"
    "\"first_published\":\"2026-03-14\",\"last_published\":\"2026-03-15\","
    "\"entities\":[{\"name\":\"Ilse <i>Brandvold</i>\",\"type\":\"person\",\"aliases\":[\"Brandvold\"],"
    "\"mentions\":2,\"articles\":[\"a1\"]}],"
    "\"quotes\":[{\"text\":\"\\\"><img src=x onerror=alert(1)>\",\"speaker\":\"Ilse <i>Brandvold</i>\","
    "\"direct\":true,\"articles\":[\"a1\"]}],"
    "\"claims\":[{\"text\":\"It cost 3 million euros.\",\"value\":3000000,\"unit\":\"EUR\","
    "\"articles\":[\"a1\",\"a<2>\"],\"outlets\":2,\"status\":\"disputed\",\"variants\":[]}],"
    "\"timeline\":[{\"date\":\"2026-03-14\",\"text\":\"opened <u> on Saturday<u>.\",\"articles\":[\"a1\"],"
    "\"mentions\":[{\"article\":\"a1\",\"start\":0,\"end\":9,\"expression\":\"Saturday<u>\"}]}],"
    "\"disagreements\":[{\"kind\":\"quantity\",\"description\":\"different values for cost: "
    "3 million EUR (a1) against 4 million EUR (a<2>)\",\"articles\":[\"a1\",\"a<2>\"],"
    "\"evidence\":[{\"article\":\"a1\",\"text\":\"It cost 3 million euros.\"},"
    "{\"article\":\"a<2>\",\"text\":\"It cost <4> million.\"}]}],\"related\":[]}]}";

typedef struct {
    nf_serve_backend be;
    void *h;
    nf_serve_response r;
} fixture;

static void fx_open(fixture *f)
{
    memset(f, 0, sizeof *f);
    CHECK(nf_serve_brief_backend(brief_doc, sizeof brief_doc - 1, &f->be) == NF_OK);
    CHECK(f->be.open(f->be.ctx, &f->h) == NF_OK);
}

static void fx_close(fixture *f)
{
    nf_serve_response_free(&f->r);
    f->be.close(f->h);
    f->be.free(f->be.ctx);
}

static const char *req(fixture *f, const char *method, const char *path, const char *query)
{
    nf_serve_request rq = {.method = method, .path = path, .query = query};
    nf_serve_handle(&f->be, f->h, &rq, &f->r);
    return f->r.body.data ? f->r.body.data : "";
}

/* No raw markup from the document may appear in a page. */
static void check_clean(const char *page)
{
    CHECK(!strstr(page, "<script>alert"));
    CHECK(!strstr(page, "<img"));
    CHECK(!strstr(page, "<b>Quay"));
    CHECK(!strstr(page, "<i>Brandvold"));
    CHECK(!strstr(page, "<u>"));
    CHECK(!strstr(page, "javascript:"));
    CHECK(!strstr(page, "a<2>"));
}

TEST(serve_pages_escape_everything)
{
    fixture f;
    fx_open(&f);
    const char *p = req(&f, "GET", "/", NULL);
    CHECK(f.r.status == 200 && strstr(f.r.content_type, "text/html"));
    CHECK(strstr(p, "&lt;script&gt;alert(1)&lt;/script&gt; terminal"));
    CHECK(strstr(p, "href=\"/stories/s1\""));
    check_clean(p);
    p = req(&f, "GET", "/stories/s1", NULL);
    CHECK(f.r.status == 200);
    CHECK(strstr(p, "<span class=\"badge bad\">disputed</span>"));
    CHECK(strstr(p, "href=\"/articles/a%3C2%3E\""));
    CHECK(strstr(p, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    CHECK(strstr(p, "<details class=\"src\">"));
    CHECK(strstr(p, "opened &lt;u&gt; on <b>Saturday&lt;u&gt;</b>.")); /* the dating words marked */
    CHECK(strstr(p, "<div class=\"side\"><h4>3 million EUR </h4>"));
    CHECK(strstr(p, "href=\"/entities/Ilse%20%3Ci%3EBrandvold%3C%2Fi%3E\""));
    CHECK(strstr(p, "href=\"https://ledger.example/ferry\""));
    check_clean(p);
    p = req(&f, "GET", "/articles/a%3C2%3E", NULL);
    CHECK(f.r.status == 200);
    CHECK(strstr(p, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    check_clean(p);
    p = req(&f, "GET", "/articles/a1", NULL);
    CHECK(strstr(p, "<details class=\"removed\""));
    CHECK(strstr(p, "navigation"));
    CHECK(strstr(p, "<p>It cost 3 million euros.</p>"));
    p = req(&f, "GET", "/entities/brandvold", NULL);
    CHECK(f.r.status == 200);
    CHECK(strstr(p, "Ilse &lt;i&gt;Brandvold&lt;/i&gt;"));
    check_clean(p);
    p = req(&f, "GET", "/search", "q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E");
    CHECK(f.r.status == 200);
    CHECK(strstr(p, "value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
    check_clean(p);
    p = req(&f, "GET", "/search", "q=saturday");
    CHECK(strstr(p, "href=\"/articles/a%3C2%3E\""));
    check_clean(p);
    fx_close(&f);
}

TEST(serve_api_and_errors)
{
    fixture f;
    fx_open(&f);
    const char *p = req(&f, "GET", "/api/stories/s1", NULL);
    CHECK(f.r.status == 200 && strstr(f.r.content_type, "application/json"));
    CHECK(strstr(p, "<script>alert(1)<\\/script>")); /* '/' escaped: no "</script>" */
    CHECK(!strstr(p, "</"));
    p = req(&f, "GET", "/api/stories", "lang=es");
    CHECK(f.r.status == 200);
    CHECK_STR(p, "[]\n");
    p = req(&f, "GET", "/api/stories", "since=2026-03-15");
    CHECK(strstr(p, "\"s1\""));
    p = req(&f, "GET", "/api/stories", "since=2026-03-16");
    CHECK_STR(p, "[]\n");
    req(&f, "GET", "/api/stories", "since=soon");
    CHECK(f.r.status == 400);
    req(&f, "GET", "/api/stories", "lang=English");
    CHECK(f.r.status == 400);
    req(&f, "GET", "/api/stories", "limit=0");
    CHECK(f.r.status == 400);
    p = req(&f, "GET", "/api/stories/s9", NULL);
    CHECK(f.r.status == 404);
    CHECK_STR(p, "{\"error\":{\"status\":404,\"message\":\"no story with this id\"}}\n");
    req(&f, "GET", "/stories/s9", NULL);
    CHECK(f.r.status == 404 && strstr(f.r.content_type, "text/html"));
    req(&f, "GET", "/api/search", NULL);
    CHECK(f.r.status == 400);
    req(&f, "GET", "/api/search", "q=%zz");
    CHECK(f.r.status == 400);
    req(&f, "DELETE", "/api/stories", NULL);
    CHECK(f.r.status == 405 && f.r.allow && !strcmp(f.r.allow, "GET, HEAD"));
    req(&f, "GET", "/api/ingest", NULL);
    CHECK(f.r.status == 405 && f.r.allow && !strcmp(f.r.allow, "POST"));
    req(&f, "POST", "/api/ingest", NULL);
    CHECK(f.r.status == 403);
    req(&f, "HEAD", "/", NULL);
    CHECK(f.r.status == 200);
    req(&f, "GET", "/nope", NULL);
    CHECK(f.r.status == 404);
    req(&f, "GET", "/stories/%ZZ", NULL);
    CHECK(f.r.status == 400);
    p = req(&f, "GET", "/static/style.css", NULL);
    CHECK(f.r.status == 200 && strstr(f.r.content_type, "text/css") && strstr(p, ".badge"));
    /* no store handle: 503, not a crash */
    nf_serve_request rq = {.method = "GET", .path = "/api/stories"};
    nf_serve_handle(&f.be, NULL, &rq, &f.r);
    CHECK(f.r.status == 503);
    fx_close(&f);
}

/* A backend whose story list is whatever text the test puts in it. */
static const char *fake_list;
static nf_status fake_open(void *ctx, void **h)
{
    *h = ctx;
    return NF_OK;
}
static nf_status fake_stories(void *h, const nf_serve_filter *f, nf_buf *out)
{
    (void)h;
    (void)f;
    nf_buf_puts(out, fake_list);
    return NF_OK;
}

TEST(serve_page_cache_follows_the_data)
{
    nf_serve_backend be = {.open = fake_open, .stories = fake_stories};
    nf_serve_cache *c = nf_serve_cache_new();
    nf_serve_request rq = {.method = "GET", .path = "/", .cache = c};
    nf_serve_response r = {0};
    fake_list = "[{\"id\":\"s1\",\"headline\":\"First <headline>\"}]";
    nf_serve_handle(&be, &be, &rq, &r);
    CHECK(r.status == 200 && strstr(r.body.data, "First &lt;headline&gt;"));
    char *first = nf_xstrndup(r.body.data, r.body.len);
    nf_serve_handle(&be, &be, &rq, &r); /* same data: the cached page, byte for byte */
    CHECK_STR(r.body.data, first);
    fake_list = "[{\"id\":\"s1\",\"headline\":\"Second headline\"}]"; /* the store changed */
    nf_serve_handle(&be, &be, &rq, &r);
    CHECK(strstr(r.body.data, "Second headline") && !strstr(r.body.data, "First"));
    rq.query = "lang=es"; /* another request: its own page */
    nf_serve_handle(&be, &be, &rq, &r);
    CHECK(strstr(r.body.data, "Second headline") && strstr(r.body.data, "value=\"es\""));
    free(first);
    nf_serve_response_free(&r);
    nf_serve_cache_free(c);
}

TEST(serve_story_list_pages)
{
    fixture f;
    fx_open(&f);
    const char *p = req(&f, "GET", "/", "limit=1&lang=en");
    CHECK(f.r.status == 200);
    CHECK(strstr(p, "href=\"/?offset=1&amp;limit=1&amp;lang=en\">Older stories"));
    p = req(&f, "GET", "/", "limit=1&offset=1");
    CHECK(f.r.status == 200 && strstr(p, "No stories match.") && !strstr(p, "Older stories"));
    req(&f, "GET", "/api/stories", "offset=-1");
    CHECK(f.r.status == 400);
    fx_close(&f);
}
