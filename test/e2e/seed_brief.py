#!/usr/bin/env python3
"""End-to-end test of the reconciled brief on the seeds (../shared/seeds, read at run time):
the "Thursday, January 9" weekday mismatch is a date disagreement of seed 004, a 50%
claim rests on seeds 000 and 002 (at least), the two phrasings of 320 tons are one claim, the
75% figure is single-source, and the summary draws on at least three articles. Exit 77 (skipped) when ../shared is absent.
usage: seed_brief.py PATH/TO/newsfuse
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("NF_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
SEEDS = os.path.join(SHARED, "seeds")


def main():
    if not os.path.isdir(SEEDS):
        print("skip: ../shared/seeds absent")
        return 77
    out = subprocess.run([sys.argv[1], "brief", "--format", "json", SEEDS], capture_output=True,
                         text=True, timeout=60)
    if out.returncode != 0:
        print(f"FAIL brief exit {out.returncode}: {out.stderr.strip()}")
        return 1
    brief = json.loads(out.stdout)
    failures = 0
    dis = [d for s in brief["stories"] for d in s["disagreements"]]
    if not any(d["kind"] == "date" and "Thursday, January 9" in d["description"]
               and any(a.startswith("004_") for a in d["articles"]) for d in dis):
        print("FAIL no date disagreement for seed 004's 'Thursday, January 9'")
        failures += 1
    claims = [c for s in brief["stories"] for c in s["claims"]]
    half = [c for c in claims if c["unit"] == "percent" and abs(c["value"] - 50) < 0.5]
    if not any(any(a.startswith("000_") for a in c["articles"]) and
               any(a.startswith("002_") for a in c["articles"]) for c in half):
        print(f"FAIL no 50% claim resting on seeds 000 and 002: {[c['articles'] for c in half]}")
        failures += 1
    tons = [c for c in claims if c["unit"] == "ton" and abs(c["value"] - 320) < 0.5]
    if not any(len({v["text"] for v in c.get("variants", [])}) >= 2 for c in tons):
        print(f"FAIL the two phrasings of 320 tons are not one claim: {[c['articles'] for c in tons]}")
        failures += 1
    weapons = [c for c in claims if c["unit"] == "percent" and abs(c["value"] - 75) < 0.5]
    if not weapons or any(c["status"] != "single-source" for c in weapons):
        print(f"FAIL the 75% figure is not single-source: {[c['status'] for c in weapons]}")
        failures += 1
    biggest = max(brief["stories"], key=lambda s: len(s["articles"]))
    outlets = {a for sent in biggest["summary"] for a in sent["articles"]}
    if len(outlets) < 3:
        print(f"FAIL the summary draws on {len(outlets)} articles, want at least 3")
        failures += 1
    print(f"seed brief: {len(dis)} disagreements, {len(claims)} claims, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
