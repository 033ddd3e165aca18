#!/usr/bin/env python3
"""SemEval-2022 task 8 (multilingual news article similarity): Pearson of newsfuse's
same-story score against the human Overall rating, per language pair.

usage: bench/cluster/semeval.py [--nf PATH] [--data DIR] [--set hfl|bl|both] [--split all|even|odd]
                               [--no-facts]

Reads ../shared/eval/semeval2022-task8/text/*.jsonl at run time, writes the pairs to a
temporary JSONL (nothing from the data set is written into the repository), scores them in
one process with `newsfuse similar --batch` (document frequencies from all texts of the
file), and prints a Markdown table: Pearson of -score with Overall (1 = same story, 4 =
unrelated) per language pair, beside the bag-of-words floor of the set's README and the
task winner's published scores (HFL, on the official eval split: indicative only, ours is
the train split). --split even|odd keeps the pairs whose position in the file is even or
odd (a check that constants tuned on one half hold on the other).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "..", "shared", "eval", "semeval2022-task8", "text")
if not os.path.isdir(DATA):  # a git worktree: ../shared beside the main checkout
    _common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--git-common-dir"],
                             capture_output=True, text=True).stdout.strip()
    DATA = os.path.join(ROOT, _common, "..", "..", "shared", "eval", "semeval2022-task8", "text")
NO_FACTS = False
PAIRS = ["en-en", "de-de", "es-es", "pl-pl", "tr-tr", "ar-ar", "fr-fr", "de-en"]
# README of the data set: plain bag-of-words cosine on the HFL subset
FLOOR = {"all": 0.397, "en-en": 0.527, "de-de": 0.402, "es-es": 0.410, "de-en": 0.465,
         "tr-tr": 0.683, "pl-pl": 0.395, "ar-ar": 0.440, "fr-fr": 0.461}
FLOOR_BL = {"all": 0.526, "tr-tr": 0.573, "ar-ar": 0.592, "fr-fr": 0.368}
# HFL (1st place), official eval split, per the README (x100 there)
WINNER = {"all": 0.818, "en-en": 0.8719, "de-de": 0.8496, "es-es": 0.8664, "pl-pl": 0.7529,
          "tr-tr": 0.8354, "ar-ar": 0.7942, "fr-fr": 0.8653, "de-en": 0.8598}


def pearson(x, y):
    n = len(x)
    if n < 3:
        return float("nan")
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy) if sx and sy else float("nan")


def spearman(x, y):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    return pearson(ranks(x), ranks(y))


def load(path, split):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if split == "even" and i % 2:
                continue
            if split == "odd" and not i % 2:
                continue
            rows.append(json.loads(line))
    return rows


def score(nf, rows):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as t:
        for k, r in enumerate(rows):
            p = {"id": str(k), "text1": r["text1"], "text2": r["text2"],
                 "lang1": r["lang1"], "lang2": r["lang2"]}
            if r.get("title1"):
                p["title1"], p["title2"] = r["title1"], r.get("title2") or ""
            t.write(json.dumps(p, ensure_ascii=False) + "\n")
        name = t.name
    try:
        cmd = [nf, "similar", "--batch", name] + (["--no-facts"] if NO_FACTS else [])
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    finally:
        os.unlink(name)
    if out.returncode not in (0, 1):
        sys.exit(f"semeval: newsfuse similar --batch failed ({out.returncode}): {out.stderr[:500]}")
    res = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        res[int(o["id"])] = o
    return res


def table(title, rows, res, floor):
    print(f"### {title}\n")
    print("| pairs | n | newsfuse Pearson | Spearman | BoW floor (README) | HFL, 1st (eval split) |")
    print("|---|---|---|---|---|---|")
    groups = {}
    for k, r in enumerate(rows):
        groups.setdefault(r["lang1"] + "-" + r["lang2"], []).append(k)
    order = [p for p in PAIRS if p in groups] + sorted(set(groups) - set(PAIRS))
    for name, idx in [(p, groups[p]) for p in order] + [("all", list(range(len(rows))))]:
        xs = [-res[k]["score"] for k in idx]
        ys = [rows[k]["scores"]["Overall"] for k in idx]
        f = floor.get(name)
        w = WINNER.get(name)
        print(f"| {'**all**' if name == 'all' else name} | {len(idx)} | {pearson(xs, ys):.3f} | "
              f"{spearman(xs, ys):.3f} | {f'{f:.3f}' if f is not None else '–'} | "
              f"{f'{w:.3f}' if w is not None else '–'} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--set", default="both", choices=["hfl", "bl", "both"])
    ap.add_argument("--split", default="all", choices=["all", "even", "odd"])
    ap.add_argument("--no-facts", action="store_true", help="names from capitalisation only")
    a = ap.parse_args()
    global NO_FACTS
    NO_FACTS = a.no_facts
    if a.set in ("hfl", "both"):
        rows = load(os.path.join(a.data, "hfl_train_subset.jsonl"), a.split)
        table(f"HFL train subset ({len(rows)} pairs, head+tail texts)", rows, score(a.nf, rows), FLOOR)
    if a.set in ("bl", "both"):
        rows = load(os.path.join(a.data, "blresearch_fulltext_tr_ar_fr.jsonl"), a.split)
        table(f"BL.Research full texts ({len(rows)} pairs, titles + full text)", rows,
              score(a.nf, rows), FLOOR_BL)


if __name__ == "__main__":
    main()
