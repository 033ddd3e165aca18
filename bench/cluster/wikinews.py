#!/usr/bin/env python3
"""How the Wikinews articles of MEANTIME (English) and SemEval-2015 task 4 (TimeLine) fall
into stories and threads.

usage: bench/cluster/wikinews.py [--nf PATH] [--shared DIR] [--list]

For each topic corpus (MEANTIME: airbus, apple, gm, stock; SemEval-2015: corpus_1 Airbus and
Boeing, corpus_2 GM, Chrysler and Ford, corpus_3 the stock market, and the Apple trial
corpus), rebuilds each article from its CAT XML tokens (the first sentence is the headline;
the creation-time TIMEX3 is the date), writes them to a temporary JSONL file and runs
`newsfuse stories --format jsonl` on it. Prints per corpus: articles, stories, articles in
stories of two or more, thread links, the date span; with --list, every story of two or more
with its dates and headlines. For the SemEval-2015 corpora it also checks the gold
timelines: two articles that mention one event (the same row of an entity's timeline) should
be in one story, or in related stories; it counts how many such pairs are.
Nothing from the corpora is written into the repository.
"""
import argparse
import collections
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SHARED = os.path.join(ROOT, "..", "shared", "eval")
if not os.path.isdir(SHARED):  # a git worktree: ../shared beside the main checkout
    _common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--git-common-dir"],
                             capture_output=True, text=True).stdout.strip()
    SHARED = os.path.join(ROOT, _common, "..", "..", "shared", "eval")

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
TOKEN = re.compile(r'<token[^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')
DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([0-9-]+)"')
DCT2 = re.compile(r'<TIMEX3[^>]*value="([0-9-]+)"[^>]*functionInDocument="CREATION_TIME"')


def article(path):
    data = open(path, encoding="utf-8").read()
    doc_id = re.search(r'doc_id="([^"]+)"', data).group(1)
    sents = collections.OrderedDict()
    for s, tok in TOKEN.findall(data):
        sents.setdefault(int(s), []).append(html.unescape(tok))
    lines = [" ".join(t) for _, t in sorted(sents.items())]
    lines = [re.sub(r" ([,.;:!?%)])", r"\1", re.sub(r"([($]) ", r"\1", l)) for l in lines]
    m = DCT.search(data) or DCT2.search(data)
    dct = m.group(1) if m and re.match(r"^\d{4}-\d\d-\d\d$", m.group(1)) else None
    title = lines[0] if lines else ""
    dateline = len(lines) > 2 and re.match(r"^(\w+) (\d+), (\d{4})$", lines[1])
    if dateline and not dct:  # a malformed creation time: the article's own dateline
        month = MONTHS.index(dateline.group(1).lower()) + 1 if dateline.group(1).lower() in MONTHS else 0
        if month:
            dct = f"{dateline.group(3)}-{month:02d}-{int(dateline.group(2)):02d}"
    body = lines[2:] if dateline else lines[1:]
    return {"id": doc_id, "title": title, "text": "\n\n".join(body), "published": dct}


def cluster(nf, arts):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "corpus.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in arts:
                rec = {k: v for k, v in a.items() if v}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out = subprocess.run([nf, "stories", "--format", "jsonl", path], capture_output=True,
                             text=True, timeout=600)
    if out.returncode not in (0, 1):
        sys.exit(f"wikinews: newsfuse stories failed ({out.returncode}): {out.stderr[:300]}")
    return [json.loads(l) for l in out.stdout.splitlines()]


def timeline_pairs(corpus_dir):
    """Doc pairs that mention one event: the same row of a gold timeline."""
    pairs = set()
    for path in glob.glob(os.path.join(corpus_dir, "TimeLines_Gold_Standard", "*.txt")):
        for line in open(path, encoding="utf-8").read().splitlines()[1:]:
            docs = sorted({m.split("-")[0] for m in line.split("\t")[2:] if m})
            for i in range(len(docs)):
                for j in range(i + 1, len(docs)):
                    pairs.add((docs[i], docs[j]))
    return pairs


def report(name, arts, stories, pairs, show):
    of = {a["id"]: s for s in stories for a in s["articles"]}
    multi = [s for s in stories if len(s["articles"]) > 1]
    links = sum(len(s["related"]) for s in stories) // 2
    dates = sorted(a["published"] for a in arts if a["published"])
    span = f"{dates[0]} .. {dates[-1]}" if dates else "undated"
    row = (f"| {name} | {len(arts)} | {span} | {len(stories)} | {len(multi)} | "
           f"{sum(len(s['articles']) for s in multi)} | {links} |")
    extra = ""
    if pairs is not None:
        ids = {s["id"]: s for s in stories}
        same = rel = 0
        for a, b in pairs:
            if a not in of or b not in of:
                continue
            if of[a]["id"] == of[b]["id"]:
                same += 1
            elif of[b]["id"] in of[a]["related"]:
                rel += 1
        extra = f" {len(pairs)} | {same} | {rel} | {len(pairs) - same - rel} |"
    else:
        extra = " – | – | – | – |"
    print(row + extra)
    if show:
        heads = {a["id"]: a["title"] for a in arts}
        for s in multi:
            print(f"|  | {s['id']} {s['first']}..{s['last']} | " +
                  "; ".join(f"{a['id']} {heads[a['id']][:60]}" for a in s["articles"]) +
                  f" | related {', '.join(s['related']) or '–'} | | | | | | |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--shared", default=SHARED)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    print("| corpus | articles | dates | stories | stories of 2+ | articles in them | thread links "
          "| gold event pairs | same story | related | apart |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    mt = os.path.join(a.shared, "meantime-en", "intra_cross-doc_annotation")
    everything = []
    for d in sorted(glob.glob(os.path.join(mt, "corpus_*"))):
        arts = [article(p) for p in sorted(glob.glob(os.path.join(d, "*.xml")))]
        everything += arts
        report("MEANTIME " + os.path.basename(d)[7:], arts, cluster(a.nf, arts), None, a.list)
    if everything:
        report("MEANTIME, all four pooled", everything, cluster(a.nf, everything), None, False)
    tl = os.path.join(a.shared, "semeval2015-timeline")
    names = {"corpus_1": "Airbus, Boeing", "corpus_2": "GM, Chrysler, Ford", "corpus_3": "stock market"}
    for d in sorted(glob.glob(os.path.join(tl, "SemEval_Task4_data", "corpus_*"))):
        files = sorted(glob.glob(os.path.join(d, "corpus_trackA_CAT", "*.xml")))
        arts = [article(p) for p in files]
        base = os.path.basename(d)
        report(f"TimeLine {base} ({names.get(base, '')})", arts, cluster(a.nf, arts),
               timeline_pairs(d), a.list)


if __name__ == "__main__":
    main()
