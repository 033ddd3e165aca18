#!/usr/bin/env python3
"""TempEval-3 style scoring of temporal expressions on TBAQ-cleaned (TimeBank + AQUAINT).

Each TimeML document becomes plain text (tags stripped, entities decoded) with the gold
TIMEX3 spans as character offsets; its DCT is the reference date. We run
`newsfuse facts --plain --dct DATE FILE...` (one process per distinct DCT) and chrono-node
(`run_chrono.mjs`, PEER_REF_DATE = DCT at noon UTC, TZ=UTC) on the same texts, then score
both the same way:
  extent strict  : same start and end;   extent relaxed: the spans overlap (one-to-one)
  value accuracy : correct values among relaxed matches
  value P/R/F1   : relaxed match with the correct value, over system / gold counts
                   (the TempEval-3 attribute F1)
  type P/R/F1    : the same for the TIMEX3 type
chrono reports a date, not a TIMEX3 value: we format it at the granularity it states
(hour -> YYYY-MM-DDTHH:MM, day or nothing stated -> YYYY-MM-DD, month -> YYYY-MM,
year -> YYYY); it has no durations or sets.

Gold-extent protocol (the one of TIMEN's published 0.89: normalisation accuracy on the gold
TIMEX3 extents): a second newsfuse run per DCT with `--timex-at SPANS`, which gives the
engine each gold extent and takes back the value it normalises exactly that span to (the
same recogniser, limited to the span, and the same resolver); accuracy = right values over
all gold TIMEX3. "value acc, exact extents" is the share of right values among the normal
run's strict matches.

usage: tempeval.py [--nf build/newsfuse] [--data DIR] [--no-chrono] [--errors N] [--markdown]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))


def parse_tml(path):
    """(doc_id, dct 'YYYY-MM-DD', text, [(start, end, value, type, surface)])"""
    root = ET.parse(path).getroot()
    dct = None
    d = root.find("DCT")
    if d is not None:
        t = d.find("TIMEX3")
        if t is not None:
            dct = t.get("value")[:10]
    text_el = root.find("TEXT")
    parts, gold = [], []
    pos = 0

    def walk(el):
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for ch in el:
            start = pos
            walk(ch)
            if ch.tag == "TIMEX3":
                surface = "".join(parts)[start:pos] if False else None
                gold.append([start, pos, ch.get("value", ""), ch.get("type", ""), None])
            if ch.tail:
                parts.append(ch.tail)
                pos += len(ch.tail)

    walk(text_el)
    text = "".join(parts)
    for g in gold:
        g[4] = text[g[0]:g[1]]
    doc_id = os.path.splitext(os.path.basename(path))[0]
    return doc_id, dct, text, [tuple(g) for g in gold]


def match(gold, sys_items):
    """One-to-one matching: exact spans first, then the largest overlaps."""
    pairs, used_g, used_s = [], set(), set()
    for gi, g in enumerate(gold):
        for si, s in enumerate(sys_items):
            if si not in used_s and s[0] == g[0] and s[1] == g[1]:
                pairs.append((gi, si, True))
                used_g.add(gi)
                used_s.add(si)
                break
    cands = []
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        for si, s in enumerate(sys_items):
            if si in used_s:
                continue
            ov = min(g[1], s[1]) - max(g[0], s[0])
            if ov > 0:
                cands.append((-ov, gi, si))
    for _, gi, si in sorted(cands):
        if gi in used_g or si in used_s:
            continue
        pairs.append((gi, si, False))
        used_g.add(gi)
        used_s.add(si)
    return pairs


def canon(v):
    """Equivalent ISO 8601 / TIMEX3 spellings made equal: week numbers with or without a zero
    (2000-W7, 2000-W07), hours with or without minutes (T17, T17:00), decades and centuries
    with or without X (199X, 199; 19XX, 19), durations in other units (P1E = P1DE = P10Y,
    P1Q = P3M, P2Y6M = P30M, PT1H30M = PT90M, P1L = P1000Y; PXC = PXCE)."""
    import re
    v = v.strip()
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})(.*)", v)
    if m:
        v = "%s-W%02d%s" % (m.group(1), int(m.group(2)), m.group(3))
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2})", v)
    if m:
        v += ":00"
    m = re.fullmatch(r"(\d{2,3})X+", v)
    if m:
        v = m.group(1)
    m = re.fullmatch(r"P(T?)((?:\d+(?:\.\d+)?[A-Z]+)+)", v)
    if m:
        t = m.group(1)
        unit = {"Y": 12, "DE": 120, "E": 120, "CE": 1200, "C": 1200, "L": 12000, "Q": 3, "M": 1}
        if not t and all(u in unit for _, u in re.findall(r"(\d+(?:\.\d+)?)([A-Z]+)", m.group(2))):
            months = sum(float(n) * unit[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)([A-Z]+)", m.group(2)))
            v = "P%gM" % months
        elif t:
            sec = {"H": 3600, "M": 60, "S": 1}
            parts = re.findall(r"(\d+(?:\.\d+)?)([A-Z]+)", m.group(2))
            if all(u in sec for _, u in parts):
                v = "PT%gS" % sum(float(n) * sec[u] for n, u in parts)
    m = re.fullmatch(r"P(T?)X([A-Z]+)", v)
    if m and m.group(2) in ("E", "DE"):
        v = "PXDE"
    if m and m.group(2) in ("C", "CE"):  # as P1C = P1CE above
        v = "PXCE"
    return v


def prf(tp, nsys, ngold):
    p = tp / nsys if nsys else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Score:
    def __init__(self):
        self.c = collections.Counter()
        self.errors = []

    def add(self, doc, text, gold, sys_items):
        pairs = match(gold, sys_items)
        self.c["gold"] += len(gold)
        self.c["sys"] += len(sys_items)
        matched_g = set()
        for gi, si, strict in pairs:
            g, s = gold[gi], sys_items[si]
            matched_g.add(gi)
            self.c["relaxed"] += 1
            self.c["strict"] += strict
            if strict and canon(s[2]) == canon(g[2]):
                self.c["value_strict"] += 1
            if s[2] == g[2]:
                self.c["value_raw"] += 1
            if canon(s[2]) == canon(g[2]):
                self.c["value"] += 1
            else:
                self.errors.append(("value", doc, g[4], g[2], text[s[0]:s[1]], s[2]))
            if s[3] == g[3]:
                self.c["type"] += 1
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                self.errors.append(("missed", doc, g[4], g[2], "", ""))
        ms = {si for _, si, _ in pairs}
        for si, s in enumerate(sys_items):
            if si not in ms:
                self.errors.append(("spurious", doc, "", "", text[s[0]:s[1]], s[2]))

    def rows(self):
        c = self.c
        out = {}
        out["strict"] = prf(c["strict"], c["sys"], c["gold"])
        out["relaxed"] = prf(c["relaxed"], c["sys"], c["gold"])
        out["value"] = prf(c["value"], c["sys"], c["gold"])
        out["type"] = prf(c["type"], c["sys"], c["gold"])
        out["value_raw"] = prf(c["value_raw"], c["sys"], c["gold"])
        out["value_acc"] = c["value"] / c["relaxed"] if c["relaxed"] else 0.0
        out["value_acc_strict"] = c["value_strict"] / c["strict"] if c["strict"] else 0.0
        return out


def chrono_value(d):
    iso = d["start"]  # UTC ISO string
    cert = set(d.get("certain") or [])
    if "hour" in cert:
        return iso[:16], "TIME"
    if "day" in cert or not cert:
        return iso[:10], "DATE"
    if "month" in cert:
        return iso[:7], "DATE"
    return iso[:4], "DATE"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=os.path.join(SHARED, "eval", "tempeval3", "TBAQ-cleaned"))
    ap.add_argument("--chrono", default=os.path.join(SHARED, "tools", "peers", "run_chrono.mjs"))
    ap.add_argument("--no-chrono", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N errors of each kind")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--dump", help="write every gold TIMEX3 with the gold-extent value to this TSV")
    args = ap.parse_args()

    docs = []
    for sub in ("TimeBank", "AQUAINT"):
        d = os.path.join(args.data, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".tml"):
                doc_id, dct, text, gold = parse_tml(os.path.join(d, name))
                docs.append((sub, doc_id, dct, text, gold))

    by_dct = collections.defaultdict(list)
    for doc in docs:
        by_dct[doc[2]].append(doc)

    ours, theirs, at_gold = {}, {}, {}
    t_nf = t_chrono = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k, (dct, group) in enumerate(sorted(by_dct.items())):
            gdir = os.path.join(tmp, "g%03d" % k)
            os.makedirs(gdir)
            for _, doc_id, _, text, _ in group:
                with open(os.path.join(gdir, doc_id + ".txt"), "w", encoding="utf-8") as f:
                    f.write(text)
            t0 = time.time()
            r = subprocess.run([args.nf, "facts", "--plain", "--dct", dct, gdir], capture_output=True, text=True)
            t_nf += time.time() - t0
            if r.returncode != 0:
                print("newsfuse failed on", dct, r.stderr[:300], file=sys.stderr)
            for line in r.stdout.splitlines():
                o = json.loads(line)
                ours[o["id"]] = [(t["start"], t["end"], t["value"] or "", t["type"]) for t in o["times"]]
            spans = os.path.join(tmp, "s%03d.tsv" % k)
            with open(spans, "w", encoding="utf-8") as f:
                for _, doc_id, _, _, gold in group:
                    for g in gold:
                        f.write("%s\t%d\t%d\n" % (doc_id, g[0], g[1]))
            r = subprocess.run([args.nf, "facts", "--plain", "--dct", dct, "--timex-at", spans, gdir],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print("newsfuse --timex-at failed on", dct, r.stderr[:300], file=sys.stderr)
            for line in r.stdout.splitlines():
                o = json.loads(line)
                at_gold[o["id"]] = [(t["start"], t["end"], t["value"] or "", t["type"]) for t in o["times"]]
            if not args.no_chrono:
                odir = os.path.join(tmp, "c%03d" % k)
                env = dict(os.environ, PEER_REF_DATE=dct + "T12:00:00Z", TZ="UTC")
                t0 = time.time()
                r = subprocess.run(["node", args.chrono, gdir, odir], capture_output=True, text=True, env=env)
                t_chrono += time.time() - t0
                for _, doc_id, _, text, _ in group:
                    p = os.path.join(odir, doc_id + ".json")
                    items = []
                    if os.path.exists(p):
                        o = json.load(open(p))
                        for d in o.get("dates") or []:
                            v, ty = chrono_value(d)
                            items.append((d["index"], d["index"] + len(d["text"]), v, ty))
                    theirs[doc_id] = items

    systems = [("newsfuse", ours)] + ([] if args.no_chrono else [("chrono-node 2.10.3", theirs)])
    results = {}
    for name, res in systems:
        per = {"TimeBank": Score(), "AQUAINT": Score(), "all": Score()}
        for sub, doc_id, dct, text, gold in docs:
            items = res.get(doc_id, [])
            per[sub].add(doc_id, text, gold, items)
            per["all"].add(doc_id, text, gold, items)
        results[name] = per

    ngold = results["newsfuse"]["all"].c["gold"]
    print(f"TBAQ-cleaned: {len(docs)} documents, {ngold} gold TIMEX3 (DCT excluded), {len(by_dct)} distinct DCTs")
    print(f"wall time: newsfuse {t_nf:.1f} s ({len(by_dct)} processes)" +
          ("" if args.no_chrono else f", chrono {t_chrono:.1f} s ({len(by_dct)} processes)"))
    hdr = "| system | part | strict P/R/F1 | relaxed P/R/F1 | value acc | value P/R/F1 | value F1, exact strings | type F1 |"
    print(hdr)
    print("|" + "---|" * 8)
    for name, per in results.items():
        for part in ("TimeBank", "AQUAINT", "all"):
            r = per[part].rows()
            f3 = lambda t: "%.3f / %.3f / **%.3f**" % t if part == "all" else "%.3f / %.3f / %.3f" % t
            print(f"| {name} | {part} | {f3(r['strict'])} | {f3(r['relaxed'])} | {r['value_acc']:.3f} | "
                  f"{f3(r['value'])} | {r['value_raw'][2]:.3f} | {r['type'][2]:.3f} |")
    print("| HeidelTime (published, TimeBank normalisation) | TimeBank | | | | F1 0.876 | | |")
    print("| TIMEN (published, TimeBank normalisation) | TimeBank | | | | F1 0.89 | | |")
    # the gold-extent protocol
    gc = collections.Counter()
    gerr, dumped = [], []
    for sub, doc_id, dct, text, gold in docs:
        got = {(a, b): (v, ty) for a, b, v, ty in at_gold.get(doc_id, [])}
        for g in gold:
            v, ty = got.get((g[0], g[1]), ("", ""))
            for part in (sub, "all"):
                gc[part, "n"] += 1
                gc[part, "ok"] += canon(v) == canon(g[2])
                gc[part, "type"] += ty == g[3]
            if canon(v) != canon(g[2]):
                gerr.append((g[4], g[2], v))
            if args.dump:
                ctx = text[max(0, g[0] - 80):g[1] + 40].replace("\n", " ").replace("\t", " ")
                dumped.append("\t".join((sub, doc_id, dct, "ok" if canon(v) == canon(g[2]) else "BAD",
                                         g[4].replace("\n", " "), g[2], v, g[3], ty, ctx)))
    print("\nNormalisation on the gold extents (value accuracy over all gold TIMEX3; type accuracy):")
    print("| system | part | gold TIMEX3 | value accuracy | type accuracy | value acc, exact extents (normal run) |")
    print("|---|---|---|---|---|---|")
    for part in ("TimeBank", "AQUAINT", "all"):
        n = gc[part, "n"]
        r = results["newsfuse"][part].rows()
        print(f"| newsfuse | {part} | {n} | **{gc[part, 'ok'] / n:.3f}** | {gc[part, 'type'] / n:.3f} | "
              f"{r['value_acc_strict']:.3f} |")
    print("| TIMEN (published) | TimeBank | | 0.89 | | |")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.write("\n".join(dumped) + "\n")
    if args.errors:
        errs = results["newsfuse"]["all"].errors
        for kind in ("value", "missed", "spurious"):
            sel = [e for e in errs if e[0] == kind]
            print(f"\n## {kind}: {len(sel)}")
            cnt = collections.Counter((e[2].lower(), e[3], e[4].lower(), e[5]) for e in sel)
            for (gt, gv, st, sv), n in cnt.most_common(args.errors):
                print(f"{n:4d}  gold {gt!r} {gv}   ours {st!r} {sv}")
        print(f"\n## gold extents: {len(gerr)} wrong")
        cnt = collections.Counter((e[0].lower(), e[1], e[2]) for e in gerr)
        for (gt, gv, sv), n in cnt.most_common(args.errors):
            print(f"{n:4d}  gold {gt!r} {gv}   ours {sv!r}")


if __name__ == "__main__":
    main()
