#!/usr/bin/env python3
"""AllSides / NeuS: stream the train and val clusters (three outlets' takes on one story
each) through the clusterer and score the val articles with B-cubed precision, recall, F1.

usage: bench/cluster/allsides.py [--nf PATH] [--data DIR] [--order shuffled|grouped|dated]
                                [--seed N] [--splits train,val] [--plain] [--threshold P]

Reads ../shared/eval/allsides-neus/probe/{train,val}.source at run time (each line: three
"TITLE=> ... ARTICLE=> ..." parts separated by [SEP]), writes one JSONL record per article
(id, title, text; the snippets carry no dates or outlets) to a temporary file, and runs
`newsfuse stories --stream --format jsonl` on it, in one process. --order shuffled (default)
interleaves the articles of all clusters in a fixed pseudo-random order, as a stream would;
grouped feeds each cluster's three articles one after the other; dated gives each cluster a
day drawn at random between 2016-01-01 and 2021-10-19 (the span of the AllSides crawl) and
each article that day or the next, and streams in date order: the snippets carry no dates,
and a real stream does, so this shows what time does and the undated orders what the words
alone do. An empty snippet is replaced by its title (the JSONL reader skips empty texts).
B-cubed is computed over
the val articles (each article's precision and recall of its predicted story against its
gold cluster, averaged); the train articles are there as the stream they arrive in, and
scored too. Nothing from the data set is written into the repository.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "..", "shared", "eval", "allsides-neus", "probe")


def parse(path, split):
    arts = []
    with open(path, encoding="utf-8") as f:
        for ci, line in enumerate(f):
            for k, part in enumerate(line.strip().split("[SEP]")):
                m = re.match(r"\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)\s*$", part, re.S)
                if not m:
                    continue
                title, text = m.group(1).strip(), m.group(2).strip()
                title = title[:-1] if title.endswith(".") else title
                arts.append({"id": f"{split}-{ci:04d}-{k}", "title": title, "text": text,
                             "gold": f"{split}-{ci}"})
    return arts


def bcubed(pred, gold, items):
    by_pred, by_gold = {}, {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        same = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--order", default="shuffled", choices=["shuffled", "grouped", "dated"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--splits", default="train,val")
    ap.add_argument("--plain", action="store_true", help="title as the first line of --plain text")
    ap.add_argument("--threshold", help="newsfuse stories --threshold")
    a = ap.parse_args()
    arts = []
    for split in a.splits.split(","):
        arts += parse(os.path.join(a.data, split + ".source"), split)
    rnd = random.Random(a.seed)
    if a.order in ("shuffled", "dated"):
        rnd.shuffle(arts)
    if a.order == "dated":
        import datetime
        start, span = datetime.date(2016, 1, 1), (datetime.date(2021, 10, 19) - datetime.date(2016, 1, 1)).days
        day = {}
        for x in arts:
            if x["gold"] not in day:
                day[x["gold"]] = rnd.randrange(span)
            x["published"] = (start + datetime.timedelta(days=day[x["gold"]] + rnd.randrange(2))).isoformat()
        arts.sort(key=lambda x: x["published"])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "allsides.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for x in arts:
                rec = {"id": x["id"], "text": x["text"] or x["title"], "title": x["title"]}
                if a.plain:
                    rec = {"id": x["id"], "text": x["title"] + "\n\n" + x["text"]}
                if "published" in x:
                    rec["published"] = x["published"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        cmd = [a.nf, "stories", "--stream", "--format", "jsonl", "--no-facts"] + \
            (["--plain"] if a.plain else []) + (["--threshold", a.threshold] if a.threshold else []) + [path]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if out.returncode not in (0, 1):
        sys.exit(f"allsides: newsfuse stories failed ({out.returncode}): {out.stderr[:500]}")
    pred = {}
    for line in out.stdout.splitlines():
        s = json.loads(line)
        for art in s["articles"]:
            pred[art["id"]] = s["id"]
    gold = {x["id"]: x["gold"] for x in arts}
    missing = [x["id"] for x in arts if x["id"] not in pred]
    for i in missing:
        pred[i] = "missing-" + i
    n_stories = len(set(pred.values()))
    print(f"{len(arts)} articles ({a.order}, seed {a.seed}) -> {n_stories} stories; "
          f"{len(missing)} articles missing from the output\n")
    print("| articles scored | n | clusters | B³ precision | B³ recall | B³ F1 |")
    print("|---|---|---|---|---|---|")
    for split in a.splits.split(","):
        items = [x["id"] for x in arts if x["id"].startswith(split + "-")]
        p, r, f1 = bcubed(pred, gold, items)
        print(f"| {split} | {len(items)} | {len(set(gold[i] for i in items))} | {p:.3f} | {r:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
