#!/usr/bin/env python3
"""AllSides / NeuS: stream the train and val clusters (three outlets' takes on one story
each) through the clusterer and score the val articles with B-cubed precision, recall, F1.

usage: bench/cluster/allsides.py [--nf PATH] [--data DIR] [--order shuffled|grouped|dated|real]
                                [--only-real] [--seed N] [--splits train,val] [--plain]
                                [--threshold P] [--facts] [--table]

Reads ../shared/eval/allsides-neus/probe/{train,val}.source at run time (each line: three
"TITLE=> ... ARTICLE=> ..." parts separated by [SEP]), writes one JSONL record per article
(id, title, text, and published when known) to a temporary file, and runs
`newsfuse stories --stream --format jsonl` on it, in one process.

Orders: real (default) streams the articles in a fixed pseudo-random order with the
publication dates the set itself holds: the probe snippets carry none, but
raw_crawled/*.jsonl (the last AllSides crawl batch, 2021-04..2021-10) lists each story's
outlets with headline, link and the story's date; an article whose headline is one of
them gets the date in its link (/2021/10/18/), else the story's date, and the others stay
undated (1,065 of 8,277 articles have a real date). The dated articles, in their shuffled
places, are put in date order, as a feed would bring them. --only-real streams only the
articles with a real date. shuffled drops every date; grouped feeds each cluster's three
articles one after the other, undated; dated simulates dates: each cluster a day drawn at
random between 2016-01-01 and 2021-10-19 (the span of the AllSides crawl), each article
that day or the next, streamed in date order. --table runs every stream of the results
table (bench/RESULTS.md) in one go, and the real-dated one for seeds 1-5.

An empty snippet is replaced by its title (the JSONL reader skips empty texts). B-cubed is
computed over the val articles (each article's precision and recall of its predicted story
against its gold cluster, averaged); the train articles are there as the stream they
arrive in, and scored too. Nothing from the data set is written into the repository.
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
if not os.path.isdir(DATA):  # a git worktree: ../shared beside the main checkout
    try:
        common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--git-common-dir"],
                                capture_output=True, text=True).stdout.strip()
        DATA = os.path.join(ROOT, common, "..", "..", "shared", "eval", "allsides-neus", "probe")
    except OSError:
        pass


def real_dates(data):
    """Headline (lower case, no final stop) -> publication date (YYYY-MM-DD) from the
    set's raw crawl: the date in the outlet's link, else the AllSides story's date."""
    out = {}
    raw = os.path.join(data, "..", "raw_crawled")
    for name in sorted(os.listdir(raw)) if os.path.isdir(raw) else []:
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(raw, name), encoding="utf-8") as f:
            for line in f:
                story = json.loads(line)
                day = (story.get("date") or "")[:10]
                for art in (story.get("news") or {}).values():
                    title = (art.get("newsTitle") or "").strip().rstrip(".").lower()
                    m = re.search(r"/(20\d\d)[/-](\d\d)[/-](\d\d)/", art.get("newsLink") or "")
                    d = "-".join(m.groups()) if m else day
                    if title and re.fullmatch(r"\d{4}-\d\d-\d\d", d):
                        out[title] = d
    return out


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


def stream(a, order, seed, splits, only_real=False):
    """Streams the articles of `splits` in `order` through newsfuse; returns (articles,
    stories, dated, missing, {split: (n, clusters, P, R, F1)})."""
    arts = []
    for split in splits:
        arts += parse(os.path.join(a.data, split + ".source"), split)
    rnd = random.Random(seed)
    if order in ("shuffled", "dated", "real"):
        rnd.shuffle(arts)
    if order == "real" or only_real:
        dates = real_dates(a.data)
        for x in arts:
            d = dates.get(x["title"].strip().rstrip(".").lower())
            if d:
                x["published"] = d
        if only_real:
            arts = [x for x in arts if "published" in x]
        at = [i for i, x in enumerate(arts) if "published" in x]
        for i, x in zip(at, sorted((arts[i] for i in at), key=lambda x: x["published"])):
            arts[i] = x
    if order == "dated":
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
        cmd = [a.nf, "stories", "--stream", "--format", "jsonl"] + ([] if a.facts else ["--no-facts"]) + \
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
    scores = {}
    for split in splits:
        items = [x["id"] for x in arts if x["id"].startswith(split + "-")]
        if items:
            scores[split] = (len(items), len(set(gold[i] for i in items))) + bcubed(pred, gold, items)
    # train scored as val is: val's B-cubed sees only val articles (one pool in nine), so a
    # story that mixes one val article with train articles costs val nothing; "train/8" is
    # the mean over eight folds of the train clusters (cluster number mod 8, ~307 clusters
    # each, val's size) of B-cubed over that fold's articles alone: like for like with val
    tr = [x for x in arts if x["id"].startswith("train-")]
    if "train" in splits and tr:
        folds = {}
        for x in tr:
            folds.setdefault(int(x["gold"].split("-")[1]) % 8, []).append(x["id"])
        per = [bcubed(pred, gold, f) for f in folds.values()]
        scores["train/8"] = (len(tr) / len(folds), len(set(gold[x["id"]] for x in tr)) / len(folds)) + \
            tuple(sum(v[k] for v in per) / len(per) for k in range(3))
    return len(arts), len(set(pred.values())), sum("published" in x for x in arts), len(missing), scores


# --table: the rows of bench/RESULTS.md in one run (label, order, splits, only_real)
TABLE = [
    ("real dates (raw_crawled) only: the articles that have one", "real", ["train", "val"], True),
    ("real dates where the set has them, the rest undated (default)", "real", ["train", "val"], False),
    ("undated, shuffled", "shuffled", ["train", "val"], False),
    ("undated, each cluster's articles together (grouped)", "grouped", ["train", "val"], False),
    ("simulated dates (dated): each cluster a random day 2016..2021", "dated", ["train", "val"], False),
    ("undated, val alone", "shuffled", ["val"], False),
    ("real dates only, val alone", "real", ["val"], True),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--order", default="real", choices=["shuffled", "grouped", "dated", "real"])
    ap.add_argument("--only-real", action="store_true", help="only the articles with a real date")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--splits", default="train,val")
    ap.add_argument("--plain", action="store_true", help="title as the first line of --plain text")
    ap.add_argument("--threshold", help="newsfuse stories --threshold")
    ap.add_argument("--facts", action="store_true", help="run the facts stage (entities, dates, quotes)")
    ap.add_argument("--table", action="store_true", help="every stream of the results table, one run")
    a = ap.parse_args()
    if a.table:
        print("| stream | articles (dated) | scored | n | B³ P | B³ R | B³ F1 |")
        print("|---|---|---|---|---|---|---|")
        for label, order, splits, only_real in TABLE:
            n, _, dated, _, scores = stream(a, order, a.seed, splits, only_real)
            for split in ("val", "train", "train/8"):
                if split in scores:
                    k, _, p, r, f1 = scores[split]
                    print(f"| {label} | {n:,} ({dated:,}) | {split} | {k:,.0f} | {p:.3f} | {r:.3f} | {f1:.3f} |")
        seeds = [stream(a, "real", sd, ["train", "val"], True)[4] for sd in (1, 2, 3, 4, 5)]
        print("\nreal dates only, seeds 1-5, val F1: " +
              " ".join(f"{sc['val'][4]:.3f}" for sc in seeds) +
              "; train F1: " + " ".join(f"{sc['train'][4]:.3f}" for sc in seeds))
        return
    splits = a.splits.split(",")
    n, n_stories, n_dated, n_missing, scores = stream(a, a.order, a.seed, splits, a.only_real)
    print(f"{n} articles ({a.order}{', only real dates' if a.only_real else ''}, seed {a.seed}, "
          f"{n_dated} dated) -> {n_stories} stories; {n_missing} articles missing from the output\n")
    print("| articles scored | n | clusters | B³ precision | B³ recall | B³ F1 |")
    print("|---|---|---|---|---|---|")
    for split in splits + (["train/8"] if "train/8" in scores else []):
        k, cl, p, r, f1 = scores[split]
        print(f"| {split} | {k:.0f} | {cl:.0f} | {p:.3f} | {r:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
