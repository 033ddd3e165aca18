#!/usr/bin/env python3
"""Quotes on PolNeAR (political news attribution relations), dev split: span F1 per role
(source = speaker, cue, content), exact and overlap, for newsfuse and for compromise's
quotations, both run on the same texts in the same run.

usage: bench/facts/polnear.py [--nf build/newsfuse] [--shared ../shared] [--out bench/out/polnear]
                              [--no-peers] [--markdown]

Gold: ../shared/eval/polnear/dev/attributions/*.ann (brat standoff over dev/text/*.txt). A
text annotated by several annotators is scored against the first annotation file in name
order. A discontinuous span ("315 448;463 553": a quote split by "she said") counts as
one gold span per fragment.

newsfuse: `newsfuse facts --plain DIR` (one JSON object per text); content = a quote's
[start, end), source = its speaker_span, cue = its cue_span (character offsets into the
NFC text, mapped back to the file's offsets).

compromise: ../shared/tools/peers/run_compromise.mjs DIR OUT gives quotation strings
without offsets (content role only): each is placed at its first occurrence after the
previous one (else anywhere), as the runner reports them in text order.

Matching, per role and micro-averaged over all texts:
  exact    both spans equal after trimming white space, quotation marks and final
           punctuation (,.;:) and a leading "that " (PolNeAR's content often starts with
           "that" and includes the marks; ours gives the words)
  overlap  a predicted span matches a gold span it overlaps (one-to-one, largest overlap
           first)
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

QUOTES = "\"'“”‘’«»„‚‹›「」『』"
TRAIL = ",.;:"


def norm_span(text, s, e):
    """Trimmed span for exact matching."""
    while s < e and (text[s].isspace() or text[s] in QUOTES):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTES or text[e - 1] in TRAIL):
        e -= 1
    if text[s:s + 5].lower() == "that ":
        s += 5
    return s, e


def nfc_map(orig):
    """Offsets of NFC(orig) mapped back to offsets of orig (per white-space segment)."""
    if unicodedata.normalize("NFC", orig) == orig:
        return None
    back = []
    i = 0
    n = len(orig)
    while i < n:
        j = i
        if orig[i].isspace():
            j = i + 1
        else:
            while j < n and not orig[j].isspace():
                j += 1
        seg = orig[i:j]
        nseg = unicodedata.normalize("NFC", seg)
        for k in range(len(nseg)):
            back.append(i + min(k, len(seg) - 1))
        i = j
    back.append(n)
    return back


def read_gold(ann):
    gold = {"source": [], "cue": [], "content": []}
    with open(ann, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if not p[0].startswith("T") or len(p) < 2:
                continue
            role, spans = p[1].split(" ", 1)
            role = role.lower()
            if role not in gold:
                continue
            for frag in spans.split(";"):
                a, b = map(int, frag.split())
                gold[role].append((a, b))
    return gold


def score(pred, gold, text, counts, role):
    c = counts.setdefault(role, {"tp_e": 0, "tp_o": 0, "pred": 0, "gold": 0})
    c["pred"] += len(pred)
    c["gold"] += len(gold)
    ge = {norm_span(text, a, b) for a, b in gold}
    pe = {norm_span(text, a, b) for a, b in pred}
    c["tp_e"] += len(ge & pe)
    pairs = []
    for i, (a, b) in enumerate(pred):
        for j, (x, y) in enumerate(gold):
            ov = min(b, y) - max(a, x)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p, used_g = set(), set()
    for ov, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        c["tp_o"] += 1


def prf(tp, p, g):
    pr = tp / p if p else 0.0
    rc = tp / g if g else 0.0
    f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f


def run_newsfuse(nf, textdir):
    t0 = time.time()
    out = subprocess.run([nf, "facts", "--plain", textdir], capture_output=True, text=True, check=True)
    dt = time.time() - t0
    res = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        res[d["id"]] = d
    return res, dt


def run_compromise(peers, textdir, outdir):
    os.makedirs(outdir, exist_ok=True)
    t0 = time.time()
    p = subprocess.run(["node", os.path.join(peers, "run_compromise.mjs"), textdir, outdir],
                       capture_output=True, text=True)
    dt = time.time() - t0
    if p.returncode != 0:
        print("compromise failed:", p.stderr[-500:], file=sys.stderr)
        return None, dt
    res = {}
    for f in glob.glob(os.path.join(outdir, "*.json")):
        with open(f, encoding="utf-8") as fh:
            res[os.path.basename(f)[:-5]] = json.load(fh)
    return res, dt


def place(text, strings):
    spans = []
    pos = 0
    for s in strings:
        s = s.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i < 0:
            continue
        spans.append((i, i + len(s)))
        pos = i + len(s)
    return spans


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "polnear"))
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    dev = os.path.join(args.shared, "eval", "polnear", "dev")
    textdir = os.path.join(dev, "text")
    if not os.path.isdir(textdir):
        print(f"polnear: {textdir} absent", file=sys.stderr)
        return 77
    anns = {}
    for a in sorted(glob.glob(os.path.join(dev, "attributions", "*.ann"))):
        base = os.path.basename(a).rsplit("_", 1)[0]
        anns.setdefault(base, a)
    ours, t_ours = run_newsfuse(args.nf, textdir)
    peers = None
    t_peer = 0.0
    if not args.no_peers:
        peers, t_peer = run_compromise(os.path.join(args.shared, "tools", "peers"), textdir,
                                       os.path.join(args.out, "compromise"))
    counts = {}
    pcounts = {}
    nq = nd = 0
    for base, ann in sorted(anns.items()):
        path = os.path.join(textdir, base + ".txt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        gold = read_gold(ann)
        back = nfc_map(text)

        def m(o):
            return back[o] if back else o

        d = ours.get(base, {"quotes": []})
        pred = {"source": [], "cue": [], "content": []}
        for q in d["quotes"]:
            nq += 1
            nd += q["direct"]
            pred["content"].append((m(q["start"]), m(q["end"])))
            if "speaker_span" in q:
                pred["source"].append((m(q["speaker_span"][0]), m(q["speaker_span"][1])))
            if "cue_span" in q:
                pred["cue"].append((m(q["cue_span"][0]), m(q["cue_span"][1])))
        for role in ("source", "cue", "content"):
            score(pred[role], gold[role], text, counts, role)
        if peers is not None:
            pq = peers.get(base, {}).get("quotes") or []
            score(place(text, pq), gold["content"], text, pcounts, "content")

    rows = []
    for name, cnt in (("newsfuse", counts), ("compromise 14.17.0", pcounts)):
        for role in ("source", "cue", "content"):
            if role not in cnt:
                continue
            c = cnt[role]
            pe, re_, fe = prf(c["tp_e"], c["pred"], c["gold"])
            po, ro, fo = prf(c["tp_o"], c["pred"], c["gold"])
            rows.append((name, role, c["gold"], c["pred"], pe, re_, fe, po, ro, fo))
    print(f"PolNeAR dev: {len(anns)} texts; newsfuse {nq} quotes ({nd} direct) in {t_ours:.2f} s wall"
          + (f"; compromise in {t_peer:.2f} s wall" if peers is not None else ""))
    print()
    print("| tool | role | gold | predicted | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]:.3f} | {r[5]:.3f} | {r[6]:.3f} | "
              f"{r[7]:.3f} | {r[8]:.3f} | {r[9]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
