#!/usr/bin/env python3
"""End-to-end test of `newsfuse stories` on the seeds (../shared/seeds): the articles
000-003 (one event, 2026-01-16/17) form one story; 004 (2026-01-10, the same actors a week
earlier, another event) is a story of its own, and the two are linked as related, both ways.
Ids only: no seed text is stored here. Exits 77 (skipped) when ../shared/seeds is absent or
the binary has no `stories` command yet.
usage: seed_stories.py PATH/TO/newsfuse
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(os.environ.get("NF_SHARED", os.path.join(HERE, "..", "..", "..", "shared")), "seeds")
STORY = {"000", "001", "002", "003"}
EARLIER = "004"


def main():
    exe = sys.argv[1]
    if not os.path.isdir(SEEDS):
        print("note: ../shared/seeds absent, skipped")
        return 77
    failures = []
    for mode in ([], ["--stream"]):
        cmd = [exe, "stories", "--format", "jsonl"] + mode + [SEEDS]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if out.returncode == 2 and "unknown command" in out.stderr:
            print("note: this newsfuse has no `stories` command yet, skipped")
            return 77
        if out.returncode != 0:
            failures.append(f"{' '.join(mode) or 'batch'}: exit {out.returncode}: {out.stderr.strip()[:200]}")
            continue
        stories = [json.loads(line) for line in out.stdout.splitlines()]
        of = {}
        for s in stories:
            for a in s["articles"]:
                of[a["id"][:3]] = s
        label = " ".join(mode) or "batch"
        if set(of) != STORY | {EARLIER}:
            failures.append(f"{label}: articles {sorted(of)}, want 000-004")
            continue
        main_story = of["000"]
        got = {a["id"][:3] for a in main_story["articles"]}
        if got != STORY:
            failures.append(f"{label}: the story of 000 holds {sorted(got)}, want {sorted(STORY)}")
        early = of[EARLIER]
        if early["id"] == main_story["id"] or len(early["articles"]) != 1:
            failures.append(f"{label}: 004 is not a story of its own")
        if early["id"] not in main_story["related"] or main_story["id"] not in early["related"]:
            failures.append(f"{label}: 004's story and the main story are not related both ways "
                            f"({main_story['related']} / {early['related']})")
        if early["first"] != "2026-01-10" or main_story["first"] != "2026-01-16":
            failures.append(f"{label}: dates {early['first']} / {main_story['first']}")
    for f in failures:
        print("FAIL", f)
    print(f"seed stories: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
