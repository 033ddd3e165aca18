#!/usr/bin/env python3
"""End-to-end tests of the store (`newsfuse ingest`, `stories`, `show`, `search`, `entity`) on
the demo corpus (examples/, invented articles).

- ingesting examples/ twice gives the same counts, the second run adds nothing;
- the stored stories are the three invented events A, B, C;
- ingesting half of the corpus, then the other half, gives the same stories (same members,
  same briefs) as one ingest;
- `show --format json` is a newsfuse.brief/1 document valid against the schema (when
  ../shared/schema and python3-jsonschema are there), md and html carry the stored id;
- search (bm25 order, filters by language, source, date and entity) and entity pages;
- errors: no store, no such story, no such entity, bad options; pathological inputs: an
  empty folder, the same file twice, a copy under another name, an empty file;
- PRAGMA integrity_check and foreign_key_check are clean at the end.
usage: store.py PATH/TO/newsfuse
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
EXAMPLES = os.path.join(ROOT, "examples")
# ../shared beside the repository (a worktree sits one level deeper)
SCHEMA = next((p for p in (os.path.join(ROOT, "..", "shared", "schema", "brief.schema.json"),
                           os.path.join(ROOT, "..", "..", "shared", "schema", "brief.schema.json"))
               if os.path.exists(p)), os.path.join(ROOT, "..", "shared", "schema", "brief.schema.json"))

STORY_A = {"kestrel-coast-radio_tanker-aground-calvera", "seaboard-times_calvera-fine-spill",
           "calvera-mariner_salvage-pumping", "brackwater-post_mussel-farmers-spill",
           "el-centinela_multa-quimiquero"}
STORY_B = {"tolle-valley-gazette_millrace-bridge-approved", "northfield-herald_ashcombe-second-crossing",
           "ashcombe-courier_bridge-vote-weir-street", "tolle-business-review_millrace-funding"}
STORY_C = {"calvera-mariner_beacon-inspection", "brackwater-post_minister-beacon-funds"}

NF = sys.argv[1]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def run(*args, rc=0):
    p = subprocess.run([NF, *args], capture_output=True, text=True)
    if rc is not None and p.returncode != rc:
        fail(f"newsfuse {' '.join(args)}: exit {p.returncode}, wanted {rc}: {p.stderr.strip()[:300]}")
    return p


def counts(db):
    with sqlite3.connect(db) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ["articles", "stories", "story_articles", "facts", "search_docs", "related"]}


def stories_of(db):
    """story id -> (set of article keys, brief JSON without its id)"""
    out = {}
    with sqlite3.connect(db) as c:
        for sid, brief in c.execute("SELECT id, brief FROM stories WHERE n_articles > 0"):
            keys = {k for (k,) in c.execute(
                "SELECT a.key FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = ?", (sid,))}
            b = json.loads(brief)
            b.pop("id", None)
            out[sid] = (frozenset(keys), b)
    return out


def check_clean(db):
    with sqlite3.connect(db) as c:
        ic = c.execute("PRAGMA integrity_check").fetchall()
        if ic != [("ok",)]:
            fail(f"{db}: integrity_check {ic}")
        fk = c.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            fail(f"{db}: foreign_key_check {fk[:5]}")
        if c.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            fail(f"{db}: not in WAL mode")
        if c.execute("PRAGMA user_version").fetchone()[0] < 1:
            fail(f"{db}: no schema version")
        dup = c.execute("SELECT url_key, content_hash, count(*) FROM articles GROUP BY 1, 2"
                        " HAVING count(*) > 1").fetchall()
        if dup:
            fail(f"{db}: articles stored twice: {dup[:3]}")
        orphan = c.execute("SELECT count(*) FROM articles WHERE id NOT IN"
                           " (SELECT article_id FROM story_articles)").fetchone()[0]
        if orphan:
            fail(f"{db}: {orphan} articles in no story")
        fts = c.execute("INSERT INTO search(search) VALUES ('integrity-check')")


def story_id_of(db, key):
    with sqlite3.connect(db) as c:
        r = c.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a"
                      " ON a.id = sa.article_id WHERE a.key = ?", (key,)).fetchone()
        return f"s{r[0]}" if r else None


def main():
    tmp = tempfile.mkdtemp(prefix="nf-store-")
    try:
        tests(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("store: all checks passed")


def tests(tmp):
    db = os.path.join(tmp, "demo.db")
    # ---- twice the same corpus ------------------------------------------------------------
    p = run("ingest", "--db", db, EXAMPLES)
    first = counts(db)
    if first["articles"] != 11 or first["stories"] != 3:
        fail(f"demo ingest: {first}, wanted 11 articles in 3 stories")
    p = run("ingest", "--db", db, EXAMPLES)
    if "0 added" not in p.stderr or "11 already stored" not in p.stderr:
        fail(f"second ingest is not a no-op: {p.stderr.strip()}")
    if counts(db) != first:
        fail(f"counts changed on the second ingest: {first} -> {counts(db)}")
    got = {keys for keys, _ in stories_of(db).values()}
    if got != {frozenset(STORY_A), frozenset(STORY_B), frozenset(STORY_C)}:
        fail(f"stored stories are not the events A, B, C: {sorted(map(sorted, got))}")
    sa, sb, sc = (story_id_of(db, k) for k in ("seaboard-times_calvera-fine-spill",
                                                 "tolle-valley-gazette_millrace-bridge-approved",
                                                 "calvera-mariner_beacon-inspection"))

    # ---- listing --------------------------------------------------------------------------
    lst = json.loads(run("stories", "--db", db, "--format", "json").stdout)
    if [s["id"] for s in lst][:1] != [sa]:
        fail(f"newest first: {[(s['id'], s['last_published']) for s in lst]}")
    for s in lst:
        for k in ("id", "headline", "summary", "outlets", "languages", "first_published",
                  "last_published", "articles"):
            if k not in s:
                fail(f"story list item without {k}: {s}")
    a_item = next((s for s in lst if s["id"] == sa), None)
    if not a_item or a_item["articles"] != 5 or set(a_item["languages"]) != {"en", "es"}:
        fail(f"event A in the list: {a_item}")
    es = json.loads(run("stories", "--db", db, "--lang", "es", "--format", "json").stdout)
    if [s["id"] for s in es] != [sa]:
        fail(f"--lang es: {[s['id'] for s in es]}")
    since = json.loads(run("stories", "--db", db, "--since", "2026-03-09", "--format", "json").stdout)
    if {s["id"] for s in since} != {sa, sb}:
        fail(f"--since 2026-03-09: {[s['id'] for s in since]}")
    text = run("stories", "--db", db).stdout
    if "Calvera tanker operator" not in text or sc not in text:
        fail("stories (text) lacks a headline or an id")

    # ---- show -----------------------------------------------------------------------------
    doc = json.loads(run("show", "--db", db, "--format", "json", sa).stdout)
    st = doc["stories"][0]
    if doc.get("format") != "newsfuse.brief/1" or st["id"] != sa:
        fail(f"show json: format {doc.get('format')}, id {st.get('id')}")
    if {a["id"] for a in doc["articles"]} != STORY_A or set(st["articles"]) != STORY_A:
        fail("show json: the articles of event A are not all there")
    if sc not in st["related"]:
        fail(f"show json: the inspection story {sc} is not related to {sa}: {st['related']}")
    if not any(d["kind"] == "quantity" for d in st["disagreements"]):
        fail("show json: event A lost its quantity disagreement")
    if not any(a["removed"] for a in doc["articles"]):
        fail("show json: no removed pieces kept in the articles")
    try:
        import jsonschema
        with open(SCHEMA) as f:
            schema = json.load(f)
        schema.pop("$id", None)  # a relative $id makes older jsonschema look refs up as URLs
        errs = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        if errs:
            fail(f"show json is not valid against the schema: {errs[0].message[:300]}")
    except ImportError:
        print("skip: python3-jsonschema missing, show json not validated")
    except FileNotFoundError:
        print(f"skip: {SCHEMA} absent, show json not validated")
    except Exception as e:  # jsonschema.ValidationError
        fail(f"show json is not valid against the schema: {str(e)[:300]}")
    md = run("show", "--db", db, sa).stdout
    if f"*{sa} · 5 articles" not in md or "### Claims" not in md:
        fail(f"show md: {md[:200]}")
    html = run("show", "--db", db, "--format", "html", sa.lstrip("s")).stdout
    if f'id="{sa}"' not in html or "<script" in html:
        fail("show html: no stored id, or a script")
    run("show", "--db", db, "s999", rc=3)
    run("show", "--db", db, "nonsense", rc=3)
    run("show", "--db", db, "--format", "pdf", sa, rc=2)
    run("show", "--db", os.path.join(tmp, "none.db"), sa, rc=3)
    if os.path.exists(os.path.join(tmp, "none.db")):
        fail("reading a missing store created it")

    # ---- search ---------------------------------------------------------------------------
    hits = json.loads(run("search", "--db", db, "--format", "json", "beacon").stdout)
    if not hits or not any(h["kind"] == "article" and h["story"] == sc for h in hits):
        fail(f"search beacon: no article hit in {sc}: {hits[:3]}")
    scores = [h["score"] for h in hits]
    if scores != sorted(scores):
        fail(f"search hits not in bm25 order: {scores}")
    if not all("\x02" in h["snippet"] for h in hits):
        fail("search: a snippet without a marked match")
    kinds = {h["kind"] for h in json.loads(run("search", "--db", db, "--format", "json",
                                                "Whoever responsible").stdout)}
    if "quote" not in kinds:
        fail(f"search of a quote's words finds no quote: {kinds}")
    es_hits = json.loads(run("search", "--db", db, "--format", "json", "--lang", "es", "multa").stdout)
    if not es_hits or any(h["article"] != "el-centinela_multa-quimiquero" for h in es_hits):
        fail(f"search --lang es multa: {[(h['kind'], h['article']) for h in es_hits]}")
    src = json.loads(run("search", "--db", db, "--format", "json", "--source", "nonexistent outlet",
                         "beacon").stdout)
    if src:
        fail(f"search --source filters nothing: {len(src)} hits")
    ent = json.loads(run("search", "--db", db, "--format", "json", "--entity", "joaquín varela",
                         "Calvera").stdout)
    if not ent or {h["story"] for h in ent} - {sa, sc}:
        fail(f"search --entity: stories {sorted({h['story'] for h in ent})}, wanted within {sa}, {sc}")
    if json.loads(run("search", "--db", db, "--format", "json", "--until", "2026-03-05",
                      "Calvera").stdout) == []:
        fail("search --until 2026-03-05 finds nothing of the inspection story")
    run("search", "--db", db, "--format", "json", '"unbalanced AND (', rc=0)
    run("search", "--db", db, " ", rc=2)

    # ---- entity ---------------------------------------------------------------------------
    for q in ("Varela", "JOAQUÍN VARELA", "joaquín varela"):
        e = json.loads(run("entity", "--db", db, "--format", "json", q).stdout or "{}")
        names = {x["name"] for x in e.get("entities", [])}
        if "Joaquín Varela" not in names:
            fail(f"entity {q}: {names}")
        if {s["id"] for s in e.get("stories", [])} != {sa, sc}:
            fail(f"entity {q}: stories {[s['id'] for s in e.get('stories', [])]}, wanted {sa} {sc}")
        if not any("Whoever is responsible" in x["text"] for x in e.get("quotes", [])):
            fail(f"entity {q}: the minister's quote is missing")
    run("entity", "--db", db, "Nobody Atall", rc=3)

    # ---- the article API, through the file (serve reads it with nf_store_article_json) ----
    with sqlite3.connect(db) as c:
        js = json.loads(c.execute("SELECT json FROM articles WHERE key = ?",
                                  ("seaboard-times_calvera-fine-spill",)).fetchone()[0])
        if not js["removed"] or not all("reason" in r for r in js["removed"]):
            fail("stored article JSON without removed pieces and reasons")
    # every stored article is what `newsfuse extract` writes for it
    ext = {}
    for line in run("extract", EXAMPLES).stdout.splitlines():
        a = json.loads(line)
        ext[a["id"]] = a
    with sqlite3.connect(db) as c:
        for key, js in c.execute("SELECT key, json FROM articles"):
            if json.loads(js) != ext.get(key):
                fail(f"stored article {key} differs from newsfuse extract's")
        # the facts rows are the brief's lists
        for sid, brief in c.execute("SELECT id, brief FROM stories"):
            b = json.loads(brief)
            for kind, field in (("entity", "entities"), ("quote", "quotes"), ("claim", "claims")):
                k = c.execute("SELECT count(*) FROM facts WHERE story_id = ? AND kind = ?",
                              (sid, kind)).fetchone()[0]
                if k != len(b[field]):
                    fail(f"s{sid}: {k} {kind} rows for {len(b[field])} {field} in the brief")
            claims = c.execute("SELECT name, type, articles FROM facts WHERE story_id = ?"
                               " AND kind = 'claim' ORDER BY id", (sid,)).fetchall()
            want = [(x["subject"], x["status"], x["articles"]) for x in b["claims"]]
            if [(n, t, json.loads(a)) for n, t, a in claims] != want:
                fail(f"s{sid}: claim rows differ from the brief's claims")
    check_clean(db)

    # ---- incremental: half, then the other half -------------------------------------------
    files = sorted(os.listdir(EXAMPLES))
    files = [f for f in files if f.endswith((".txt", ".html"))]
    halves = [os.path.join(tmp, "h1"), os.path.join(tmp, "h2")]
    for h in halves:
        os.mkdir(h)
    for i, f in enumerate(files):
        shutil.copy(os.path.join(EXAMPLES, f), halves[i % 2])
    inc = os.path.join(tmp, "inc.db")
    run("ingest", "--db", inc, halves[0])
    run("ingest", "--db", inc, halves[1])
    one = {keys: b for keys, b in stories_of(db).values()}
    two = {keys: b for keys, b in stories_of(inc).values()}
    if set(one) != set(two):
        fail(f"half + half gives other stories: {sorted(map(sorted, two))}")
    for keys in set(one) & set(two):
        if one[keys] != two[keys]:
            fail(f"half + half: the brief of {sorted(keys)[0]}'s story differs")
    rel_one = json.loads(run("show", "--db", inc, "--format", "json",
                             story_id_of(inc, "seaboard-times_calvera-fine-spill")).stdout)
    if story_id_of(inc, "calvera-mariner_beacon-inspection") not in rel_one["stories"][0]["related"]:
        fail("half + half: the thread link between the inspection and the grounding is lost")
    # the index holds each quote once after its story was recomputed
    for q in ("Whoever responsible", "beacon"):
        a = json.loads(run("search", "--db", db, "--format", "json", "--limit", "1000", q).stdout)
        b = json.loads(run("search", "--db", inc, "--format", "json", "--limit", "1000", q).stdout)
        key = lambda h: (h["kind"], h["article"], h["title"] or "", h["snippet"])
        if sorted(map(key, a)) != sorted(map(key, b)):
            fail(f"search {q}: half + half gives other hits ({len(b)}) than one ingest ({len(a)})")
    check_clean(inc)

    # ---- batches of one article: every commit its own transaction -------------------------
    b1 = os.path.join(tmp, "b1.db")
    run("ingest", "--db", b1, "--batch", "1", EXAMPLES)
    if {k for k, _ in stories_of(b1).values()} != set(one):
        fail(f"--batch 1 gives other stories: {sorted(map(sorted, (k for k, _ in stories_of(b1).values())))}")
    check_clean(b1)

    # ---- pathological ---------------------------------------------------------------------
    empty_dir = os.path.join(tmp, "empty")
    os.mkdir(empty_dir)
    e_db = os.path.join(tmp, "e.db")
    run("ingest", "--db", e_db, empty_dir, rc=3)
    if os.path.exists(e_db) and counts(e_db)["articles"] != 0:
        fail("an empty folder stored something")
    run("stories", "--db", e_db, rc=0)
    empty_file = os.path.join(tmp, "empty.txt")
    open(empty_file, "w").close()
    run("ingest", "--db", e_db, empty_file, rc=3)
    d_db = os.path.join(tmp, "d.db")
    one_file = os.path.join(EXAMPLES, "seaboard-times_calvera-fine-spill.html")
    renamed = os.path.join(tmp, "copy-under-another-name.html")
    shutil.copy(one_file, renamed)
    p = run("ingest", "--db", d_db, one_file, one_file, renamed, empty_file, rc=1)
    c = counts(d_db)
    if c["articles"] != 1 or c["stories"] != 1:
        fail(f"the same page three times (and an empty file): {c}")
    if "2 already stored" not in p.stderr:
        fail(f"duplicates not counted: {p.stderr.strip()}")
    jl = os.path.join(tmp, "dups.jsonl")
    with open(jl, "w") as f:
        for i in range(3):
            f.write(json.dumps({"url": "https://example.invalid/same", "title": "Same page",
                                "text": "The same text about the invented town of Quellby.\n\nTwice.",
                                "published": "2026-03-10"}) + "\n")
        f.write(json.dumps({"url": "https://example.invalid/other", "title": "Same page",
                            "text": "The same text about the invented town of Quellby.\n\nTwice.",
                            "published": "2026-03-10"}) + "\n")
        f.write("not json\n")
    p = run("ingest", "--db", d_db, jl, rc=1)
    if counts(d_db)["articles"] != 3:
        fail(f"JSONL: same URL and text thrice, same text at another URL: {counts(d_db)}")
    run("ingest", "--db", d_db, rc=2)
    run("ingest", "--db", d_db, "--batch", "0", jl, rc=2)
    run("ingest", "--db", d_db, "--bogus", jl, rc=2)
    check_clean(d_db)
    # a store from a newer build is refused, not rewritten
    newer = os.path.join(tmp, "newer.db")
    shutil.copy(d_db, newer)
    with sqlite3.connect(newer) as c:
        c.execute("PRAGMA user_version = 99")
    p = run("stories", "--db", newer, rc=3)
    if "newer" not in p.stderr:
        fail(f"a newer schema: {p.stderr.strip()}")
    run("ingest", "--db", newer, EXAMPLES, rc=3)
    with sqlite3.connect(newer) as c:
        if c.execute("PRAGMA user_version").fetchone()[0] != 99:
            fail("a newer store was migrated down")
    with open(os.path.join(tmp, "not-a-db"), "w") as f:
        f.write("hello, I am not SQLite\n" * 100)
    run("stories", "--db", os.path.join(tmp, "not-a-db"), rc=3)
    run("ingest", "--db", os.path.join(tmp, "not-a-db"), EXAMPLES, rc=3)


main()
