#!/usr/bin/env python3
"""Entities on MEANTIME (English Wikinews, 120 articles): mention detection P/R/F1, strict
and partial, and typed F1, for newsfuse, compromise (people/organizations/places) and
wink-nlp (proper-noun runs, untyped), all run on the same texts in the same run.

usage: bench/facts/meantime.py [--nf build/newsfuse] [--shared ../shared]
                               [--out bench/out/meantime] [--no-peers]

Texts: each article's tokens joined back into text (no space before closing punctuation
and after opening brackets, the title and the date line as paragraphs of their own),
written to OUT/text/<doc_id>.txt; all tools read those files.

Gold: the ENTITY_MENTION markables whose syntactic type is NAM or PRE.NAM (proper-name
mentions: "Airbus", "the United States", "American" in "American automaker"), typed by the
ENTITY their REFERS_TO relation points at: PER -> person, ORG -> organization, LOC ->
location, PRO/FIN/MIX -> other. Nested mentions count separately.

Only the annotated part of each article counts: MEANTIME annotates its first sentences
(title, date line and the body up to the last sentence with any markable); predictions
after that point are left out, for every tool.

Matching (one-to-one, micro over all articles):
  strict   equal spans after dropping a leading "the "/"The " from both (MEANTIME includes
           the article of "the United States", newsfuse names leave it out)
  partial  overlapping spans, largest overlap first
  typed    strict and the same type (newsfuse, compromise); wink has no types
Peers give strings with counts, not offsets: each string is placed at its first `count`
whole-word occurrences in the text.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "%", "'", "''",
                   "'re", "'ve", "'ll", "'d", "'m", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "‘", "US$", "#"}


def build_text(tokens):
    """tokens: [(t_id, sentence, text)] -> text, {t_id: (start, end)}"""
    out = []
    pos = 0
    spans = {}
    prev_sent = None
    prev_tok = None
    dq_open = False
    for tid, sent, tok in tokens:
        sep = ""
        if prev_tok is not None:
            if sent != prev_sent and prev_sent in (0, 1):
                sep = "\n\n"
            elif tok in NO_SPACE_BEFORE or prev_tok in NO_SPACE_AFTER:
                sep = ""
            elif tok == '"':
                sep = "" if dq_open else " "
            elif prev_tok == '"' and dq_open:
                sep = ""
            else:
                sep = " "
        if tok == '"':
            dq_open = not dq_open
        if sep == "" and sent != prev_sent and prev_tok is not None:
            sep = " "
        out.append(sep)
        pos += len(sep)
        spans[tid] = (pos, pos + len(tok))
        out.append(tok)
        pos += len(tok)
        prev_sent, prev_tok = sent, tok
    return "".join(out) + "\n", spans


def read_doc(path):
    root = ET.parse(path).getroot()
    toks = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    text, spans = build_text(toks)
    ents = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
    mtype = {}
    for rel in root.iter("REFERS_TO"):
        tg = rel.find("target")
        if tg is None or tg.get("m_id") not in ents:
            continue
        for src in rel.iter("source"):
            mtype[src.get("m_id")] = ents[tg.get("m_id")]
    # MEANTIME annotates the first sentences of an article only: the region ends with the
    # last sentence that holds any markable (entity, event, time, value ...)
    sent_of = {tid: sn for tid, sn, _ in toks}
    last = 0
    mk = root.find("Markables")
    for m in (mk if mk is not None else []):
        for a in m.iter("token_anchor"):
            last = max(last, sent_of.get(a.get("t_id"), 0))
    limit = max((spans[tid][1] for tid, sn, _ in toks if sn <= last), default=0)
    gold = []
    for em in (mk.iter("ENTITY_MENTION") if mk is not None else []):
        if em.get("syntactic_type") not in ("NAM", "PRE.NAM"):
            continue
        ids = [a.get("t_id") for a in em.iter("token_anchor") if a.get("t_id") in spans]
        if not ids:
            continue
        s = min(spans[i][0] for i in ids)
        e = max(spans[i][1] for i in ids)
        t = TYPES.get(mtype.get(em.get("m_id")), "other")
        gold.append((s, e, t))
    return root.get("doc_id"), text, gold, limit


def strict_key(text, s, e):
    if text[s:s + 4] in ("the ", "The "):
        s += 4
    return s, e


def match(pred, gold, text, typed):
    """pred, gold: [(s, e, type)] -> (strict tp, partial tp, typed tp)"""
    gs = {}
    for i, (s, e, t) in enumerate(gold):
        gs.setdefault(strict_key(text, s, e), []).append(i)
    used = set()
    tp_s = tp_t = 0
    for s, e, t in pred:
        for i in gs.get(strict_key(text, s, e), []):
            if i not in used:
                used.add(i)
                tp_s += 1
                if typed and gold[i][2] == t:
                    tp_t += 1
                break
    pairs = []
    for i, (s, e, _) in enumerate(pred):
        for j, (x, y, _) in enumerate(gold):
            ov = min(e, y) - max(s, x)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    up, ug = set(), set()
    tp_p = 0
    for ov, i, j in pairs:
        if i in up or j in ug:
            continue
        up.add(i)
        ug.add(j)
        tp_p += 1
    return tp_s, tp_p, tp_t


def place(text, items, typ):
    out = []
    taken = set()
    for it in items or []:
        s = (it.get("text") or "").strip()
        if not s:
            continue
        n = it.get("count", 1)
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            if n <= 0:
                break
            if (m.start(), m.end()) in taken:
                continue
            taken.add((m.start(), m.end()))
            out.append((m.start(), m.end(), typ))
            n -= 1
    return out


def prf(tp, p, g):
    pr = tp / p if p else 0.0
    rc = tp / g if g else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "meantime"))
    ap.add_argument("--no-peers", action="store_true")
    args = ap.parse_args()
    src = os.path.join(args.shared, "eval", "meantime-en", "intra_cross-doc_annotation")
    files = sorted(glob.glob(os.path.join(src, "*", "*.xml")))
    if not files:
        print(f"meantime: {src} absent", file=sys.stderr)
        return 77
    textdir = os.path.join(args.out, "text")
    os.makedirs(textdir, exist_ok=True)
    for f in glob.glob(os.path.join(textdir, "*.txt")):
        os.remove(f)
    docs = {}
    for f in files:
        did, text, gold, limit = read_doc(f)
        docs[did] = (text, gold, limit)
        with open(os.path.join(textdir, did + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)

    results = {}
    t0 = time.time()
    out = subprocess.run([args.nf, "facts", "--plain", textdir], capture_output=True, text=True, check=True)
    times = {"newsfuse": time.time() - t0}
    preds = {"newsfuse": {}}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        lim = docs[d["id"]][2]
        preds["newsfuse"][d["id"]] = [(s, e, ent["type"]) for ent in d["entities"] for s, e in ent["spans"] if s < lim]
    if not args.no_peers:
        peers = os.path.join(args.shared, "tools", "peers")
        for name, runner in (("compromise 14.17.0", "run_compromise.mjs"), ("wink-nlp 2.4.0", "run_wink.mjs")):
            od = os.path.join(args.out, runner.split(".")[0])
            os.makedirs(od, exist_ok=True)
            t0 = time.time()
            p = subprocess.run(["node", os.path.join(peers, runner), textdir, od], capture_output=True, text=True)
            times[name] = time.time() - t0
            if p.returncode != 0:
                print(f"{name} failed: {p.stderr[-300:]}", file=sys.stderr)
                continue
            preds[name] = {}
            for did, (text, _, lim) in docs.items():
                with open(os.path.join(od, did + ".json"), encoding="utf-8") as fh:
                    j = json.load(fh)
                if "wink" in name:
                    p = place(text, j.get("propn_spans"), None)
                else:
                    p = (place(text, j.get("people"), "person") +
                         place(text, j.get("organizations"), "organization") +
                         place(text, j.get("places"), "location"))
                preds[name][did] = [x for x in p if x[0] < lim]

    ngold = sum(len(g) for _, g, _l in docs.values())
    bytype = {}
    for _, g, _l in docs.values():
        for *_x, t in g:
            bytype[t] = bytype.get(t, 0) + 1
    print(f"MEANTIME (English): {len(docs)} articles, {ngold} gold name mentions "
          + ", ".join(f"{k} {v}" for k, v in sorted(bytype.items())))
    print("wall s: " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()))
    print()
    print("| tool | predicted | strict P | strict R | strict F1 | partial P | partial R | partial F1 | typed F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, pr in preds.items():
        tps = tpp = tpt = npred = 0
        typed = "wink" not in name
        per_type = {}
        for did, (text, gold, _l) in docs.items():
            p = pr.get(did, [])
            npred += len(p)
            a, b, c = match(p, gold, text, typed)
            tps += a
            tpp += b
            tpt += c
        s = prf(tps, npred, ngold)
        pa = prf(tpp, npred, ngold)
        t = prf(tpt, npred, ngold)
        print(f"| {name} | {npred} | {s[0]:.3f} | {s[1]:.3f} | {s[2]:.3f} | {pa[0]:.3f} | {pa[1]:.3f} | "
              f"{pa[2]:.3f} | {t[2]:.3f} |" if typed else
              f"| {name} | {npred} | {s[0]:.3f} | {s[1]:.3f} | {s[2]:.3f} | {pa[0]:.3f} | {pa[1]:.3f} | "
              f"{pa[2]:.3f} | n/a |")
        results[name] = (s, pa, t)
    # per type, newsfuse and compromise
    print()
    print("Typed F1 per gold type (strict span and same type):")
    print()
    print("| tool | person | organization | location | other |")
    print("|---|---|---|---|---|")
    for name, pr in preds.items():
        if "wink" in name:
            continue
        row = []
        for ty in ("person", "organization", "location", "other"):
            tp = npred = ng = 0
            for did, (text, gold, _l) in docs.items():
                g = [x for x in gold if x[2] == ty]
                p = [x for x in pr.get(did, []) if x[2] == ty]
                ng += len(g)
                npred += len(p)
                tp += match(p, g, text, True)[2]
            row.append(prf(tp, npred, ng)[2])
        print(f"| {name} | " + " | ".join(f"{x:.3f}" for x in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
