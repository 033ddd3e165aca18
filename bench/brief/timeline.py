#!/usr/bin/env python3
"""SemEval-2015 Task 4 (TimeLine, main track A: raw texts) with newsfuse's brief timeline.

usage: bench/brief/timeline.py [--build DIR] [--trial] [--k K] [--verbose]

For each corpus (../shared/eval/semeval2015-timeline: the three evaluation corpora, or the
Apple trial corpus with --trial):
1. Each TimeML document becomes one JSONL record (id = DOCID, published = its DCT, title =
   sentence 0, text = its sentences, tokens re-joined, one paragraph per sentence; EVENT and
   TIMEX tags are dropped: the system sees raw text only) in a temp folder.
2. `newsfuse brief --plain --format json` runs once on the corpus; its stories' timelines
   give dated entries with, per article, the sentence and the date expression
   (`timeline[].mentions`: character offsets into the article's text). Each mention's
   sentence is mapped back to the document's sentence id.
3. For each target entity, its timeline: the timeline mentions whose sentence names the
   entity (its name, or a name or alias of a newsfuse entity whose name or alias is the
   target), dated by newsfuse (the entry's date), ordered by date (same date = same
   position). The event words of a sentence are found by morphology, nearest the entity
   first, at most K (default 1, chosen on the trial corpus): past-tense and participle forms (-ed, a list of
   irregular past forms), -ing forms, and event nouns (-tion, -sion, -ment, -ure, -al and
   a short list of frequent news event nouns). Output rows are `<docid>-<sent>-<word>`.
   Sentences without a date expression are anchored at their article's publication date
   as newsfuse reads it (`articles[].published`), the usual anchor of news events
   (--no-dct: only sentences with a date expression).
4. Scoring: the task's official scorer is not in ../shared, so it is re-implemented
   here from the task description (Minard et al. 2015, temporal awareness of UzZaman and
   Allen 2011): each timeline (gold and system) becomes a graph whose nodes are event
   mentions and anchor dates; events in one row or at one position are SIMULTANEOUS,
   positions in order are BEFORE, a dated event is IS_INCLUDED in its date, dates at
   consecutive positions are BEFORE; position 0 (undated, unordered) events have no
   relation. Precision = |Sys- & Gold+| / |Sys-|, recall = |Gold- & Sys+| / |Gold-|
   (- the reduced graph: a chain per position, one edge between consecutive positions,
   one anchor edge per position; + the transitive closure), micro-averaged over every
   target entity of the corpus, F1 per corpus and over all three. The published anchor
   (best main-track run, 7.85 F1) was scored by the official tool, whose graph
   reduction may differ in details.
Also reported: how many gold events (dated, position >= 1) newsfuse finds with the gold
date (exact, or the same month for month-level gold dates), and the ordered pairs of gold
events that newsfuse orders the same way.
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
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("NF_SHARED", os.path.join(ROOT, "..", "shared"))
DATA = os.path.join(SHARED, "eval", "semeval2015-timeline")

# ---- corpus ------------------------------------------------------------------------------


def detok(tokens):
    s = " ".join(tokens)
    s = s.replace("``", "\u201c").replace("''", "\u201d")
    s = re.sub(r" ([,.;:!?%)\]\u201d])", r"\1", s)
    s = re.sub(r"([(\[$\u201c]) ", r"\1", s)
    s = re.sub(r" ('s|'re|'ve|'ll|'d|n't)\b", r"\1", s)
    return s


def load_tml(path):
    x = open(path, encoding="utf-8").read()
    docid = re.search(r"<DOCID>(.*?)</DOCID>", x).group(1).strip()
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', x)
    sents = []
    for sid, body in re.findall(r'<s id="(\d+)">(.*?)</s>', x, re.S):
        words = html.unescape(re.sub(r"<[^>]+>", "", body)).split()
        if words:
            sents.append((int(sid), words))
    return docid, dct.group(1)[:10] if dct else None, sents


def load_gold(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    rows = []
    for line in lines[1:]:
        f = line.split("\t")
        if len(f) >= 3:
            rows.append((int(f[0]), f[1], [e for e in f[2:] if e]))
    return lines[0].strip(), rows


# ---- event words -------------------------------------------------------------------------

IRREGULAR = set("""said made sold built won lost flew flown took taken began begun bought paid
cut hit left led rose risen fell fallen gave given got gotten held kept met ran saw seen sent
set spent told went gone became come came grew grown brought thought found shown knew known
drove driven struck broke broken chose chosen wrote written spoke spoken stood sat shut quit
laid lay put rang sank sunk shot fought bid bade withdrew withdrawn overtook undertook""".split())
EVENT_NOUNS = set("""sale sales order orders deal deals flight flights launch crash strike
bid bids contract merger takeover purchase delivery deliveries loss losses profit profits
bankruptcy debut visit trip talks meeting election vote war attack lawsuit suit ban recall
plan plans offer offers agreement rise fall drop gain gains surge decline rally crisis
tour fire record results""".split())
STOP_ED = set("""need red bed shed united led fed hundred indeed speed feed seed weed""".split())


def is_event_word(w):
    lw = w.lower()
    if not lw.isalpha() or len(lw) < 3 or w[0].isupper():
        return lw in EVENT_NOUNS and not w.isupper() and w[0].islower()
    if lw in IRREGULAR or lw in EVENT_NOUNS:
        return True
    if lw.endswith("ed") and lw not in STOP_ED and len(lw) > 4:
        return True
    if lw.endswith("ing") and len(lw) > 5:
        return True
    return bool(re.search(r"(tion|sion|ment|ure|al)s?$", lw)) and len(lw) > 6


def event_words(words, forms, k):
    """Up to k event words of a sentence, nearest a mention of the entity first."""
    low = [w.lower() for w in words]
    pos = []
    for f in forms:
        ft = f.lower().split()
        for i in range(len(low) - len(ft) + 1):
            if low[i:i + len(ft)] == ft:
                pos.append((i, i + len(ft)))
    if not pos:
        return []
    cands = [i for i, w in enumerate(words) if is_event_word(w)
             and not any(a <= i < b for a, b in pos)]
    cands.sort(key=lambda i: min(abs(i - a) if i < a else abs(i - b + 1) for a, b in pos))
    return [words[i] for i in cands[:k]]


# ---- scoring -----------------------------------------------------------------------------


def graph(rows):
    """rows: (position, date, [events]) -> (reduced relations, closure relations)."""
    bypos = collections.defaultdict(list)
    dates = {}
    for p, d, evs in rows:
        if p <= 0:
            continue
        bypos[p].extend(evs)
        if d and not d.startswith("XXXX"):
            dates[p] = "T:" + d
    order = sorted(bypos)
    reduced, classes = set(), []
    for p in order:
        evs = sorted(set(bypos[p]))
        for a, b in zip(evs, evs[1:]):
            reduced.add(("SIM",) + tuple(sorted((a, b))))
        if p in dates:
            reduced.add(("INC", evs[0], dates[p]))
        classes.append(evs + ([dates[p]] if p in dates else []))
    for x, y in zip(order, order[1:]):
        reduced.add(("BEF", sorted(set(bypos[x]))[0], sorted(set(bypos[y]))[0]))
    closure = set()
    for c in classes:
        evs = [e for e in c if not e.startswith("T:")]
        ts = [t for t in c if t.startswith("T:")]
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                closure.add(("SIM",) + tuple(sorted((a, b))))
            for t in ts:
                closure.add(("INC", a, t))
    for i, ci in enumerate(classes):
        for cj in classes[i + 1:]:
            for a in ci:
                for b in cj:
                    closure.add(("BEF", a, b))
    # an event of one position and a date of another are ordered, dates too (BEF above)
    return reduced, closure


def score(gold_rows, sys_rows):
    gr, gc = graph(gold_rows)
    sr, sc = graph(sys_rows)
    return len(sr & gc), len(sr), len(gr & sc), len(gr)


def prf(c):
    p = c[0] / c[1] if c[1] else 0.0
    r = c[2] / c[3] if c[3] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- run ---------------------------------------------------------------------------------


def corpora(trial):
    if trial:
        yield ("trial", os.path.join(DATA, "Corpus-trial-data_task4_TimeML"),
               os.path.join(DATA, "TimeLines_trial_data_task4_v1.2"))
        return
    for k in (1, 2, 3):
        c = os.path.join(DATA, "SemEval_Task4_data", f"corpus_{k}")
        yield f"corpus_{k}", os.path.join(c, "corpus_trackA_TimeML"), os.path.join(c, "TimeLines_Gold_Standard")


def month_ok(gd, sd):
    if gd == sd[:len(gd)] or gd == sd:
        return True
    return gd.endswith("-XX") and gd[:7] == sd[:7]


def run_corpus(nf, name, tml_dir, gold_dir, k, verbose, tmp, use_dct):
    docs = {}
    path = os.path.join(tmp, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for p in sorted(glob.glob(os.path.join(tml_dir, "*.tml"))):
            docid, dct, sents = load_tml(p)
            texts = [(sid, detok(w)) for sid, w in sents]
            docs[docid] = {"sents": dict(sents), "texts": texts}
            title = texts[0][1] if texts and texts[0][0] == 0 else None
            rec = {"id": docid, "url": f"https://wikinews.example/{docid}",
                   "text": "\n\n".join(t for _, t in texts)}
            if title:
                rec["title"] = title
            if dct:
                rec["published"] = dct + "T12:00:00Z"
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = subprocess.run([nf, "brief", "--plain", "--format", "json", path], capture_output=True,
                         text=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"timeline: newsfuse brief failed: {out.stderr[:300]}")
    brief = json.loads(out.stdout)
    # sentence spans in newsfuse's text of each article
    spans = {}
    for a in brief["articles"]:
        d = docs.get(a["id"])
        if not d:
            continue
        text, pos, sp = a["text"], 0, []
        for sid, t in d["texts"]:
            i = text.find(t, pos)
            if i >= 0:
                sp.append((i, i + len(t), sid))
                pos = i + len(t)
        spans[a["id"]] = sp
    # dated sentences: (docid, sid) -> set of dates; with use_dct, every other sentence is
    # anchored at its article's publication date as newsfuse read it
    dated = collections.defaultdict(set)
    if use_dct:
        for a in brief["articles"]:
            pub = (a.get("published") or "")[:10]
            if a["id"] in docs and re.match(r"\d{4}-\d\d-\d\d$", pub):
                for sid, _ in docs[a["id"]]["texts"]:
                    dated[(a["id"], sid)] = {"pub:" + pub}
    forms_all = []
    for s in brief["stories"]:
        for e in s["timeline"]:
            for m in e.get("mentions", []):
                for a, b, sid in spans.get(m["article"], []):
                    if a < m["end"] and m["start"] < b:
                        key = (m["article"], sid)
                        dated[key] = {d for d in dated[key] if not d.startswith("pub:")}
                        dated[key].add(e["date"])
        for en in s["entities"]:
            forms_all.append([en["name"]] + en["aliases"])
    tot = [0, 0, 0, 0]
    found = ordered = gold_dated = gold_pairs = sys_events = 0
    for gp in sorted(glob.glob(os.path.join(gold_dir, "*.txt"))):
        target, grows = load_gold(gp)
        tl = target.lower()
        forms = {target}
        for fs in forms_all:
            if any(f.lower() == tl for f in fs):
                forms.update(f for f in fs if len(f) > 2)
        events = collections.defaultdict(set)  # date -> events
        for (docid, sid), ds in dated.items():
            words = docs[docid]["sents"].get(sid, [])
            for w in event_words(words, forms, k):
                for dte in sorted(ds)[:1]:
                    events[dte.replace("pub:", "")].add(f"{docid}-{sid}-{w}")
        srows = [(i + 1, d if len(d) == 10 else d + "-XX", sorted(evs))
                 for i, (d, evs) in enumerate(sorted(events.items()))]
        sys_events += sum(len(r[2]) for r in srows)
        c = score(grows, srows)
        tot = [x + y for x, y in zip(tot, c)]
        # gold events dated correctly, and gold ordered pairs kept
        sdate = {e: d for _, d, evs in srows for e in evs}
        gd = [(p, d, e) for p, d, evs in grows if p > 0 for e in evs]
        gold_dated += len(gd)
        found += sum(1 for _, d, e in gd if e in sdate and month_ok(d, sdate[e]))
        for i, (p1, _, e1) in enumerate(gd):
            for p2, _, e2 in gd[i + 1:]:
                if p1 != p2 and e1 in sdate and e2 in sdate:
                    gold_pairs += 1
                    first, second = (e1, e2) if p1 < p2 else (e2, e1)
                    ordered += sdate[first] < sdate[second]
        if verbose:
            p, r, f1 = prf(c)
            print(f"  {target:30s} gold {len(gd):4d} dated events, system {sum(len(r[2]) for r in srows):4d}"
                  f"  P {100 * p:5.1f} R {100 * r:5.1f} F1 {100 * f1:5.1f}")
    return tot, found, gold_dated, ordered, gold_pairs, sys_events, len(docs), len(brief["stories"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--trial", action="store_true", help="the Apple trial corpus (development)")
    ap.add_argument("--k", type=int, default=1, help="event words per sentence (1: best on trial)")
    ap.add_argument("--no-dct", action="store_true",
                    help="only sentences with a date expression (no publication-date anchor)")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(DATA):
        print(f"skip: {DATA} absent")
        return 0
    nf = os.path.join(a.build, "newsfuse")
    allc = [0, 0, 0, 0]
    print("| corpus | docs | stories | targets' gold dated events | newsfuse dates right | "
          "gold ordered pairs both found | ordered right | system events | P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    sums = [0] * 5
    with tempfile.TemporaryDirectory() as tmp:
        for name, tml, gold in corpora(a.trial):
            c, found, gdated, ordered, pairs, sysev, nd, ns = run_corpus(nf, name, tml, gold, a.k,
                                                                         a.verbose, tmp, not a.no_dct)
            allc = [x + y for x, y in zip(allc, c)]
            sums = [x + y for x, y in zip(sums, (found, gdated, ordered, pairs, sysev))]
            p, r, f1 = prf(c)
            print(f"| {name} | {nd} | {ns} | {gdated} | {found} | {pairs} | {ordered} | {sysev} | "
                  f"{100 * p:.2f} | {100 * r:.2f} | {100 * f1:.2f} |")
    p, r, f1 = prf(allc)
    found, gdated, ordered, pairs, sysev = sums
    print(f"| all | | | {gdated} | {found} | {pairs} | {ordered} | {sysev} | {100 * p:.2f} | "
          f"{100 * r:.2f} | {100 * f1:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
