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
SCHEMA = os.path.join(os.environ.get("NF_SHARED", os.path.join(ROOT, "..", "shared")), "schema",
                      "brief.schema.json")

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


def claims_of(story, value, unit):
    return [c for c in story["claims"] if c["unit"] == unit and abs(c["value"] - value) <= 0.01 * value]


def check_reconciled(sa):
    """Event A's claims, disagreements and quotes (examples/README.md, "What the brief should show")."""
    fuel40, fuel60 = claims_of(sa, 40000, "litre"), claims_of(sa, 60000, "litre")
    disputed = any(c["status"] == "disputed" for c in fuel40)
    qd = any(d["kind"] == "quantity" and "40,000" in d["description"] and "60,000" in d["description"]
             for d in sa["disagreements"])
    if not (disputed or qd):
        fail(f"the 40,000-litre claim is not disputed against 60,000: {fuel40} / {fuel60}")
    if not qd:
        fail("no quantity disagreement between 40,000 and 60,000 litres")
    for c in fuel40:
        quals = {v.get("qualifier") for v in c.get("variants", [])}
        if len(c["articles"]) >= 2 and len(quals) < 2:
            fail(f"the 40,000-litre claim keeps one qualifier only: {quals}")
    fine = claims_of(sa, 2.5e6, "EUR")
    if not fine or max(len(c["articles"]) for c in fine) < 3:
        fail(f"the EUR 2.5 million fine is not carried by 3 articles: {fine}")
    elif not any(c["status"] == "corroborated" and len(c["articles"]) >= 3 for c in fine):
        fail("the EUR 2.5 million fine is not corroborated")
    elif not any("el-centinela_multa-quimiquero" in c["articles"] for c in fine):
        fail("the Spanish '2,5 millones de euros' is not merged into the fine claim")
    tonnes = [c for c in sa["claims"] if abs(c["value"] - 6200) < 1]
    if not tonnes or tonnes[0]["status"] != "single-source":
        fail(f"6,200 tonnes is not a single-source claim: {tonnes}")
    date = [d for d in sa["disagreements"] if d["kind"] == "date"
            and "brackwater-post_mussel-farmers-spill" in d["articles"] and "Wednesday, March 10" in d["description"]]
    if not date:
        fail("the 'Wednesday, March 10' weekday mismatch is not a date disagreement")
    varela = [q for q in sa["quotes"] if q["text"].startswith("Whoever is responsible")]
    if not varela or len(varela[0]["articles"]) < 3 or varela[0]["speaker"] != "Joaquín Varela":
        fail(f"the Varela quote is not merged across 3 articles with its speaker: {varela}")
    for c in sa["claims"]:
        if not set(c["articles"]) <= set(sa["articles"]):
            fail("a claim cites an article outside the story")


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
    if sa:
        check_reconciled(sa)
    print(f"demo brief: {len(arts)} articles, {len(groups)} stories, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
