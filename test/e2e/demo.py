#!/usr/bin/env python3
"""End-to-end test on the demo corpus (examples/, invented articles): `newsfuse brief`
must be valid against the schema, group the articles into the three invented events, link
the earlier inspection story to the grounding story, read the Spanish article as `es`, and
keep page chrome out of every body.
usage: demo.py PATH/TO/newsfuse
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
EXAMPLES = os.path.join(ROOT, "examples")
SCHEMA = os.path.join(ROOT, "..", "shared", "schema", "brief.schema.json")

STORY_A = {"kestrel-coast-radio_tanker-aground-calvera", "seaboard-times_calvera-fine-spill",
           "calvera-mariner_salvage-pumping", "brackwater-post_mussel-farmers-spill",
           "el-centinela_multa-quimiquero"}
STORY_B = {"tolle-valley-gazette_millrace-bridge-approved", "northfield-herald_ashcombe-second-crossing",
           "ashcombe-courier_bridge-vote-weir-street", "tolle-business-review_millrace-funding"}
STORY_C = {"calvera-mariner_beacon-inspection", "brackwater-post_minister-beacon-funds"}

# Chrome phrases that must never reach a body (all written for the demo corpus).
CHROME = ["cookies", "Accept", "Subscribe", "Related articles", "Read more", "All rights reserved",
          "pic.twitter.com", "What people are saying", "AI-generated image"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def main():
    exe = sys.argv[1]
    out = subprocess.run([exe, "brief", "--format", "json", EXAMPLES], capture_output=True,
                         text=True, timeout=60)
    if out.returncode != 0:
        fail(f"brief exit {out.returncode}: {out.stderr.strip()}")
        return 1
    brief = json.loads(out.stdout)
    if os.path.exists(SCHEMA):
        import jsonschema
        schema = json.load(open(SCHEMA))
        schema.pop("$id", None)  # a relative $id makes older jsonschema look refs up as URLs
        errs = list(jsonschema.Draft202012Validator(schema).iter_errors(brief))
        for e in errs[:5]:
            fail(f"schema: {e.message} at {list(e.path)}")
    else:
        print("note: ../shared/schema absent, schema check skipped")
    arts = {a["id"]: a for a in brief["articles"]}
    if len(arts) != 11:
        fail(f"{len(arts)} articles, want 11")
    groups = [set(s["articles"]) for s in brief["stories"]]
    for name, want in (("A", STORY_A), ("B", STORY_B), ("C", STORY_C)):
        if want not in groups:
            fail(f"story {name} not found as one group; groups: {sorted(map(sorted, groups))}")
    by_set = {frozenset(s["articles"]): s for s in brief["stories"]}
    sa, sc = by_set.get(frozenset(STORY_A)), by_set.get(frozenset(STORY_C))
    if sa and sc and sc["id"] not in sa["related"]:
        fail("the inspection story is not linked to the grounding story as related")
    if arts.get("el-centinela_multa-quimiquero", {}).get("language") != "es":
        fail("the Spanish article is not read as es")
    for i, a in arts.items():
        if i != "el-centinela_multa-quimiquero" and a["language"] != "en":
            fail(f"{i}: language {a['language']}, want en")
        if not a["title"]:
            fail(f"{i}: no title")
        if not a["published"]:
            fail(f"{i}: no publication date")
        if len(a["text"]) < 800:
            fail(f"{i}: body only {len(a['text'])} characters")
        for c in CHROME:
            if c in a["text"]:
                fail(f"{i}: chrome {c!r} left in the body")
    for s in brief["stories"]:
        if not s["summary"]:
            fail(f"{s['id']}: empty summary")
        for sent in s["summary"]:
            if not set(sent["articles"]) <= set(s["articles"]):
                fail(f"{s['id']}: summary cites an article outside the story")
    if sa:
        used = {x for sent in sa["summary"] for x in sent["articles"]}
        if len(used) < 3:
            fail(f"story A summary rests on {len(used)} articles, want at least 3")
    print(f"demo brief: {len(arts)} articles, {len(groups)} stories, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
