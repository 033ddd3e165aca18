#!/usr/bin/env python3
"""ROUGE of `newsfuse brief` summaries on AllSides/NeuS (issue 6, "Measured", first bullet).

Data (read at run time, never copied): ../shared/eval/allsides-neus/probe/val.{source,target}.
One cluster per line. A source line is three articles joined by " [SEP] ", each
"TITLE=> <headline>. ARTICLE=> <body snippet>"; the target line is
"TITLE=> <neutral headline>. ARTICLE=> <neutral roundup summary>".

For each cluster (in file order; every k-th with --every k, default 1 = all):
  * the three article BODIES (text after "ARTICLE=>"; titles dropped, since a plain-text
    file has no title field; an empty body is not written) are written as a0.txt, a1.txt, a2.txt in a temp folder and
    `newsfuse brief --plain --format json DIR` is run; the system summary is the
    stories[].summary[].text of the story with the most articles (first such story on a
    tie), joined with spaces. No story / no summary counts as an empty summary (ROUGE 0).
  * lead-3: the first three sentences of the first (non-empty) article body.
  * centroid: all sentences of the three bodies; each sentence is a TF-IDF vector
    (tf = raw count of the token in the sentence, idf = ln((1+N)/(1+df)) + 1 with N the
    number of sentences in the cluster and df the number of those sentences containing the
    token); the centroid is the mean of these vectors; the 3 sentences with the highest
    cosine to the centroid (ties: earlier sentence) are output in their original order.
    No stop-word list, no length filter, no redundancy removal.
  * sentence split (lead-3 and centroid): split after . ! or ? (optionally followed by a
    closing quote or bracket) + whitespace, when the next character (after an optional
    opening quote/bracket) is an upper-case letter or a digit.
  * reference: the target's summary text (after "ARTICLE=>"); the neutral headline is not used.

ROUGE (our own implementation, no stemming, no stop-word removal):
  * tokens: re.findall(r"[a-z0-9]+", text.lower())  (so "can't" -> "can", "t")
  * ROUGE-N (N = 1, 2): overlap = sum over distinct n-grams g of min(count_cand(g),
    count_ref(g)); P = overlap / #cand n-grams, R = overlap / #ref n-grams,
    F1 = 2PR / (P + R), and F1 = 0 when overlap = 0.
  * ROUGE-L: L = length of the longest common subsequence of the whole candidate and
    whole reference token sequences (no sentence splitting, i.e. "rougeL", not
    "rougeLsum"); P = L / #cand tokens, R = L / #ref tokens, F1 = 2PR / (P + R), 0 if L = 0.
  Reported: the mean over clusters of per-cluster F1 (x100), with a 95% normal interval
  (1.96 * sample stdev / sqrt(n)); summary length = mean number of tokens per summary.

Usage: python3 bench/brief/rouge.py [--newsfuse build/newsfuse] [--data DIR]
                                    [--split val] [--every K] [--jobs N]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.path.join(os.path.dirname(ROOT), "shared", "eval", "allsides-neus")

TOK = re.compile(r"[a-z0-9]+")
SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)\]]))\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def tokens(text):
    return TOK.findall(text.lower())


def sentences(text):
    return [s.strip() for s in SENT.split(text.strip()) if s.strip()]


def ngrams(toks, n):
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def f1(overlap, n_cand, n_ref):
    if overlap == 0 or n_cand == 0 or n_ref == 0:
        return 0.0
    p, r = overlap / n_cand, overlap / n_ref
    return 2 * p * r / (p + r)


def rouge_n(cand, ref, n):
    c, r = ngrams(cand, n), ngrams(ref, n)
    overlap = sum(min(v, r[g]) for g, v in c.items() if g in r)
    return f1(overlap, sum(c.values()), sum(r.values()))


def lcs(a, b):
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            cur[j] = prev[j - 1] + 1 if x == y else (prev[j] if prev[j] > cur[j - 1] else cur[j - 1])
        prev = cur
    return prev[-1]


def rouge(cand_text, ref_text):
    c, r = tokens(cand_text), tokens(ref_text)
    return (rouge_n(c, r, 1), rouge_n(c, r, 2), f1(lcs(c, r), len(c), len(r)))


def split_field(part):
    """'TITLE=> t. ARTICLE=> body' -> (title, body)."""
    m = re.match(r"\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)$", part, re.S)
    if not m:
        return "", part.strip()
    return m.group(1).strip(), m.group(2).strip()


def lead3(bodies):
    first = next((b for b in bodies if b.strip()), "")
    return " ".join(sentences(first)[:3])


def centroid(bodies, k=3):
    sents = [s for b in bodies for s in sentences(b)]
    tfs = [Counter(tokens(s)) for s in sents]
    n = len(sents)
    df = Counter(t for tf in tfs for t in tf)
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vecs = [{t: c * idf[t] for t, c in tf.items()} for tf in tfs]
    cen = Counter()
    for v in vecs:
        for t, w in v.items():
            cen[t] += w / n
    cn = math.sqrt(sum(w * w for w in cen.values()))
    scores = []
    for i, v in enumerate(vecs):
        vn = math.sqrt(sum(w * w for w in v.values()))
        cos = sum(w * cen[t] for t, w in v.items()) / (vn * cn) if vn and cn else 0.0
        scores.append((-cos, i))
    top = sorted(i for _, i in sorted(scores)[:k])
    return " ".join(sents[i] for i in top)


def newsfuse_summary(exe, bodies):
    with tempfile.TemporaryDirectory(prefix="nf-rouge-") as d:
        for i, b in enumerate(bodies):
            if not b.strip():
                continue  # an empty snippet is no article (2 of the 921 val articles)
            with open(os.path.join(d, "a%d.txt" % i), "w", encoding="utf-8") as f:
                f.write(b + "\n")
        p = subprocess.run([exe, "brief", "--plain", "--format", "json", d],
                           capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        return "", 0, 0, "exit %d: %s" % (p.returncode, p.stderr.strip()[:200])
    doc = json.loads(p.stdout)
    stories = doc.get("stories") or []
    if not stories:
        return "", 0, 0, "no stories"
    best = max(stories, key=lambda s: len(s.get("articles") or []))  # max keeps the first on ties
    text = " ".join(s["text"] for s in best.get("summary") or [])
    return text, len(stories), len(best.get("articles") or []), None


def mean_ci(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return m, 1.96 * sd / math.sqrt(n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newsfuse", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--split", default="val")
    ap.add_argument("--every", type=int, default=1, help="use every k-th cluster (default: all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    with open(os.path.join(args.data, "probe", args.split + ".source"), encoding="utf-8") as f:
        src = f.read().splitlines()
    with open(os.path.join(args.data, "probe", args.split + ".target"), encoding="utf-8") as f:
        tgt = f.read().splitlines()
    assert len(src) == len(tgt), (len(src), len(tgt))
    idx = list(range(0, len(src), args.every))
    clusters = []
    for i in idx:
        parts = src[i].split(" [SEP] ")
        bodies = [split_field(p)[1] for p in parts]
        clusters.append((i, bodies, split_field(tgt[i])[1]))

    t0 = time.time()
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        nf = list(ex.map(lambda c: newsfuse_summary(args.newsfuse, c[1]), clusters))
    t_nf = time.time() - t0

    systems = {"newsfuse brief": [], "lead-3": [], "centroid (TF-IDF, top 3)": [], "reference": []}
    errors, n_stories, n_best = [], [], []
    for (i, bodies, ref), (nf_text, ns, nb, err) in zip(clusters, nf):
        if err:
            errors.append((i, err))
        n_stories.append(ns)
        n_best.append(nb)
        systems["newsfuse brief"].append(nf_text)
        systems["lead-3"].append(lead3(bodies))
        systems["centroid (TF-IDF, top 3)"].append(centroid(bodies))
        systems["reference"].append(ref)

    refs = systems["reference"]
    n_art = sum(1 for c in clusters for b in c[1] if b.strip())
    print("AllSides/NeuS %s: %d of %d clusters (--every %d), %d non-empty articles; newsfuse %.1f s wall (%d jobs)"
          % (args.split, len(clusters), len(src), args.every, n_art, t_nf, args.jobs))
    print()
    print("| system | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | summary words (mean) | clusters |")
    print("|---|---|---|---|---|---|")
    for name, outs in systems.items():
        words = sum(len(tokens(o)) for o in outs) / len(outs)
        if name == "reference":
            print("| reference (target) | – | – | – | %.1f | %d |" % (words, len(outs)))
            continue
        sc = [rouge(o, r) for o, r in zip(outs, refs)]
        cells = []
        for k in range(3):
            m, ci = mean_ci([s[k] * 100 for s in sc])
            cells.append("%.2f ± %.2f" % (m, ci))
        print("| %s | %s | %.1f | %d |" % (name, " | ".join(cells), words, len(outs)))
    print()
    hist = Counter(n_stories)
    print("newsfuse stories per cluster: %s; articles in the summarised story: %s; errors/empty: %d"
          % (", ".join("%d: %d" % (k, hist[k]) for k in sorted(hist)),
             ", ".join("%d: %d" % (k, v) for k, v in sorted(Counter(n_best).items())), len(errors)))
    for i, e in errors[:10]:
        print("  cluster %d: %s" % (i, e), file=sys.stderr)


if __name__ == "__main__":
    main()
