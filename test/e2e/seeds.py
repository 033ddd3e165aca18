#!/usr/bin/env python3
"""End-to-end test on the five seed pages in ../shared/seeds (read at run time; no text of
theirs is stored here). Runs `newsfuse extract` on them and asserts:
  * the output is valid against ../shared/schema/brief.schema.json ($defs/article);
  * every line of each page is accounted for: in the body, or removed with a reason;
  * the expected class of every line (by line number, below): body, heading, or a reason;
  * title (as the text of a given line), publication date, estimated flag, source, language.
Skips (exit 77) with a message when ../shared is absent.
usage: seeds.py PATH/TO/newsfuse
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("NF_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
SEEDS = os.path.join(SHARED, "seeds")
SCHEMA = os.path.join(SHARED, "schema", "brief.schema.json")

# line number -> expected class. "body" = kept in the text; "dateline+body" = a dateline cut
# off the front, the rest kept; "nav+dateline" = a menu and a timestamp on one line; any
# other value is the removal reason; "A|B" accepts either.
EXPECT = {
    "000": {
        "title": None, "published": "2026-01-16", "estimated": True, "source": None,
        "lines": {1: "body", 2: "body", 3: "social-embed", 4: "social-embed",
                  **{n: "body" for n in range(5, 13)}, 13: "duplicate", 14: "social-embed",
                  15: "heading", **{n: "body" for n in range(16, 24)}, 24: "byline"},
    },
    "001": {
        "title": 4, "published": "2026-01-16", "estimated": True, "source": None,
        "lines": {1: "caption", 2: "caption", 4: "title", 6: "caption", 8: "body", 10: "body",
                  12: "body", 14: "body", 16: "body", 18: "reactions", 20: "reactions",
                  22: "related-links",
                  **{n: "related-links|caption" for n in range(24, 50)},
                  57: "cookie-notice", 59: "cookie-notice", 60: "cookie-notice"},
    },
    "002": {
        "title": 3, "published": "2026-01-16T19:22:08Z", "estimated": False, "source": None,
        "lines": {1: "nav+dateline", 3: "title", 5: "body", 8: "duplicate", 10: "body"},
    },
    "003": {
        "title": 5, "published": "2026-01-17", "estimated": False, "source": 1,
        "lines": {1: "site-chrome", 3: "site-chrome", 5: "title", 7: "navigation",
                  9: "dateline+body", **{n: "body" for n in range(11, 22, 2)}},
    },
    "004": {
        "title": None, "published": "2026-01-10", "estimated": False, "source": None,
        "lines": {1: "dateline+body", **{n: "body" for n in range(2, 12)}},
    },
}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def squash(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    if not os.path.isdir(SEEDS):
        print(f"SKIP: {SEEDS} is absent (the shared data folder is not next to the checkout)")
        return 77
    files = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
    out = subprocess.run([exe, "extract", *files], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        fail(f"extract exit {out.returncode}: {out.stderr.strip()}")
    arts = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    if len(arts) != len(files):
        fail(f"{len(arts)} articles for {len(files)} files")
    try:
        import jsonschema
        schema = json.load(open(SCHEMA))
        art_schema = dict(schema["$defs"]["article"])
        art_schema["$defs"] = schema["$defs"]
        for a in arts:
            errs = list(jsonschema.Draft202012Validator(art_schema).iter_errors(a))
            for e in errs[:3]:
                fail(f"{a.get('id')}: schema: {e.message}")
    except ImportError:
        fail("python3-jsonschema is missing (scripts/install-deps installs it)")

    for path, a in zip(files, arts):
        key = os.path.basename(path)[:3]
        exp = EXPECT.get(key)
        lines = open(path, encoding="utf-8").read().split("\n")
        body = squash(a["text"])
        removed = [(squash(r["text"]), r["reason"]) for r in a["removed"]]
        if a["language"] != "en":
            fail(f"{key}: language {a['language']}, want en")
        if exp is None:
            continue
        want_title = squash(lines[exp["title"] - 1]) if exp["title"] else None
        if a["title"] != want_title:
            fail(f"{key}: title {a['title']!r}, want {want_title!r}")
        if a["published"] != exp["published"]:
            fail(f"{key}: published {a['published']}, want {exp['published']}")
        if bool(a.get("published_estimated")) != exp["estimated"]:
            fail(f"{key}: published_estimated {a.get('published_estimated')}, want {exp['estimated']}")
        want_source = squash(lines[exp["source"] - 1]) if exp["source"] else None
        if a["source"] != want_source:
            fail(f"{key}: source {a['source']!r}, want {want_source!r}")
        for n, line in enumerate(lines, 1):
            t = squash(line)
            if not t:
                continue
            cls = exp["lines"].get(n)
            in_body = t in body
            reasons = {r for (rt, r) in removed if rt == t}
            if cls is None:
                if not in_body and not reasons:
                    fail(f"{key}:{n}: line neither kept nor removed")
                continue
            if cls in ("body", "heading"):
                if not in_body:
                    fail(f"{key}:{n}: expected in body, got removed as {reasons or 'nothing'}")
                if cls == "heading":
                    heads = {squash(a['text'][p['start']:p['end']])
                             for p in a.get('paragraphs', []) if p.get('heading')}
                    if t not in heads:
                        fail(f"{key}:{n}: expected a section heading in the body")
            elif cls == "dateline+body":
                pieces = [rt for (rt, r) in removed if r == "dateline" and t.startswith(rt)]
                if not pieces:
                    fail(f"{key}:{n}: expected a dateline cut from the paragraph")
                elif squash(t[len(pieces[0]):]) not in body:
                    fail(f"{key}:{n}: the rest of the paragraph is not in the body")
            elif cls == "nav+dateline":
                got = [r for (rt, r) in removed if rt and rt in t]
                if "navigation" not in got or "dateline" not in got or t in body:
                    fail(f"{key}:{n}: expected a menu and a dateline, got {got}")
            else:
                ok = set(cls.split("|"))
                if not reasons & ok:
                    fail(f"{key}:{n}: expected removed as {cls}, got "
                         f"{reasons or ('kept in the body' if in_body else 'nothing')}")
        # nothing lost: every removed piece has a reason from the schema's list
        for rt, r in removed:
            if not rt:
                fail(f"{key}: empty removed piece ({r})")
    print(f"{len(files)} seed pages checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
