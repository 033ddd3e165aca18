#!/usr/bin/env python3
"""Brief speed bench: CPU time of `newsfuse brief` over a synthetic pile of articles.

usage: bench/brief/speed.py [--n N] [--one-story N] [--per-day K] [--seed S] [--min-chars C]
                            [--format F] [--build DIR] [--keep FILE] [--stages] [--perf]

1. Builds N articles (default 10,000) at run time from real texts in ../shared/eval
   (SemEval-2022 task 8 texts in eight languages, AllSides snippets, MEANTIME Wikinews
   articles; nothing is stored in the repository) as one JSONL file in a temp folder:
   each day K articles (default 1,000); an article starts a new event with probability 0.3
   (a random pool text), else continues an event of the last three days with a variant of
   its text (a random 40-90% of its sentences in order, 10% of their words left out,
   numbers sometimes changed); 8% are wire copies of an earlier article of their event.
   Outlets are drawn from 400 names. --min-chars C keeps only pool texts of at least C
   characters (2000: the 391 full-length articles, so that the pile has news-sized
   articles of 2-3 KB instead of the pool's 0.7 KB snippets on average). With --one-story N, the pile is instead N variants of
   one long text on one day: one story of N articles (the "1,000 articles in one story" case).
2. Runs `newsfuse brief --format F FILE` (default json, output to /dev/null) pinned to one
   core (taskset -c 0) and reports its CPU time (user + sys of the child, from wait4), its
   peak RSS, and the number of stories. With --stages, also `newsfuse extract` (ingest and
   extraction alone) and `newsfuse stories` (plus clustering) on the same file, so the
   brief's own share can be read off. --plain passes --plain (inputs are clean article
   text: no boilerplate removal). With --perf, wraps the brief run in `perf stat -e
   instructions` when perf is installed.
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("NF_SHARED", os.path.join(ROOT, "..", "shared"))
EVAL = os.path.join(SHARED, "eval")


def pool_texts():
    for name in ("hfl_train_subset.jsonl", "blresearch_fulltext_tr_ar_fr.jsonl"):
        path = os.path.join(EVAL, "semeval2022-task8", "text", name)
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                r = json.loads(line)
                for k in ("1", "2"):
                    yield (r.get("title" + k) or "").strip(), r["text" + k]
    for split in ("train", "val"):
        path = os.path.join(EVAL, "allsides-neus", "probe", split + ".source")
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                for part in line.split("[SEP]"):
                    m = re.match(r"\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)$", part, re.S)
                    if m:
                        yield m.group(1).strip(), m.group(2)
    for path in sorted(glob.glob(os.path.join(EVAL, "meantime-en", "intra_cross-doc_annotation", "*",
                                              "*.xml"))):
        xml = open(path, encoding="utf-8").read()
        toks = re.findall(r"<token[^>]*sentence=\"(\d+)\"[^>]*>([^<]*)</token>", xml)
        sents = {}
        for s, t in toks:
            sents.setdefault(int(s), []).append(t)
        lines = [" ".join(v) for _, v in sorted(sents.items())]
        if len(lines) > 2:
            yield lines[0], "\n".join(lines[1:])


SENT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-ZÀ-Ý0-9])")


def split_sentences(text):
    out = []
    for para in text.split("\n"):
        out += [s for s in SENT.split(para.strip()) if s]
    return out


def vary(rnd, sents):
    keep = [s for s in sents if rnd.random() < rnd.uniform(0.4, 0.9)] or sents[:1]
    out = []
    for s in keep:
        words = s.split(" ")
        words = [w for w in words if rnd.random() > 0.1 or not w.isalpha()] or words
        if rnd.random() < 0.1:
            words = [str(int(w) + rnd.randint(1, 9)) if w.isdigit() else w for w in words]
        out.append(" ".join(words))
    return " ".join(out)


def generate(path, n, per_day, seed, one_story, min_chars):
    rnd = random.Random(seed)
    pool = [(t, split_sentences(x)) for t, x in pool_texts() if len(x) >= min_chars]
    pool = [(t, s) for t, s in pool if t and len(s) >= 3]
    if not pool:
        sys.exit(f"speed: no texts under {EVAL} (the shared data folder is not next to the checkout)")
    outlets = ["outlet-%03d.example" % i for i in range(400)]
    events = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            day = 0 if one_story else i // per_day
            if one_story:
                if not events:
                    events.append({"base": max(pool, key=lambda p: len(p[1])), "day": 0, "arts": []})
                ev = events[0]
            elif not events or rnd.random() < 0.3 or all(e["day"] < day - 3 for e in events[-200:]):
                ev = {"base": rnd.choice(pool), "day": day, "arts": []}
                events.append(ev)
            else:
                recent = [e for e in events[-400:] if e["day"] >= day - 3]
                ev = rnd.choice(recent)
            title, sents = ev["base"]
            if ev["arts"] and rnd.random() < 0.08:
                text, ttl = rnd.choice(ev["arts"])
            else:
                text, ttl = vary(rnd, sents), title
                ev["arts"].append((text, ttl))
            y, m, d = 2026, 1 + (day // 28) % 12, 1 + day % 28
            f.write(json.dumps({"id": "a%05d" % i, "url": "https://%s/a/%d" % (rnd.choice(outlets), i),
                                "source": rnd.choice(outlets), "title": ttl, "text": text,
                                "published": "%04d-%02d-%02dT%02d:00:00Z" % (y, m, d, rnd.randint(6, 20))},
                               ensure_ascii=False) + "\n")
    return len(pool)


def run(cmd, out_path=os.devnull):
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    with open(out_path, "wb") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        err = p.stderr.read().decode(errors="replace")
    rc = os.waitstatus_to_exitcode(status)
    if rc not in (0, 1):
        sys.exit(f"speed: {' '.join(cmd)} exited {rc}: {err[-500:]}")
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--one-story", type=int, default=0)
    ap.add_argument("--per-day", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-chars", type=int, default=0,
                    help="only pool texts this long (2000: full-length articles, 391 texts)")
    ap.add_argument("--format", default="json")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--keep", help="write the generated JSONL here and keep it")
    ap.add_argument("--plain", action="store_true", help="pass --plain (no boilerplate removal)")
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--perf", action="store_true")
    a = ap.parse_args()
    nf = os.path.join(a.build, "newsfuse")
    if not os.access(nf, os.X_OK):
        sys.exit(f"speed: {nf} missing (ninja -C build first)")
    n = a.one_story or a.n
    with tempfile.TemporaryDirectory() as tmp:
        path = a.keep or os.path.join(tmp, "pile.jsonl")
        npool = generate(path, n, a.per_day, a.seed, bool(a.one_story), a.min_chars)
        size = os.path.getsize(path)
        print(f"pile: {n} articles ({size / 1e6:.1f} MB JSONL) from a pool of {npool} texts"
              f"{', one story' if a.one_story else ''}")
        plain = ["--plain"] if a.plain else []
        if a.stages:
            t, rss = run([nf, "extract"] + plain + [path])
            print(f"extract           {t:7.2f} s CPU  {rss:7.1f} MB peak")
            t, rss = run([nf, "stories"] + plain + [path])
            print(f"stories           {t:7.2f} s CPU  {rss:7.1f} MB peak")
        out = os.path.join(tmp, "brief.out")
        t, rss = run([nf, "brief", "--format", a.format] + plain + [path], out)
        stories = "?"
        if a.format == "json":
            b = json.load(open(out, encoding="utf-8"))
            stories = len(b["stories"])
            biggest = max(len(s["articles"]) for s in b["stories"])
            stories = f"{stories} stories, largest {biggest} articles"
        print(f"brief{' --plain' if a.plain else ''} --format {a.format:4s} {t:7.2f} s CPU  {rss:7.1f} MB peak  "
              f"({os.path.getsize(out) / 1e6:.1f} MB out; {stories})")
        if a.perf and shutil.which("perf"):
            subprocess.run(["perf", "stat", "-e", "instructions", "taskset", "-c", "0", nf, "brief",
                            "--format", a.format] + plain + [path], stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
