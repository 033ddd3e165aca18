#!/usr/bin/env python3
"""Language-id accuracy: newsfuse vs libexttextcat's own classifier vs langdetect vs franc.

usage: bench/langid/score.py [--build DIR] [--data FILE] [--snippet N] [--keep DIR]

Reads the SemEval-2022 task 8 HFL subset at run time (fields lang1/text1, lang2/text2;
default ../shared/eval/semeval2022-task8/text/hfl_train_subset.jsonl), writes every text to a
temporary directory as NNNNN_<lang>.txt, and classifies the same files with:
  newsfuse    nf_text_lang via bench/langid/nf_langid.c (compiled here against
              DIR/libnewsfuse.a; run `ninja -C build` first)
  exttextcat  textcat_ClassifyFull on the same fingerprints and language subset
  langdetect  ../shared/tools/peers/run_langdetect.py (55 languages)
  franc       ../shared/tools/peers/run_franc.mjs (187 languages)
Then prints Markdown tables of accuracy per language and texts/s (processing time, start-up
excluded), for the full texts and for their first N characters cut at a word (default 100).
Texts with UTF-8 mojibake (Ã¼-style) are counted and scored separately, and texts where both
peers agree on one language other than the label are listed as likely label noise.
Nothing from the data set is written into the repository.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
PEERS = os.path.join(SHARED, "tools", "peers")
DEFAULT_DATA = os.path.join(SHARED, "eval", "semeval2022-task8", "text", "hfl_train_subset.jsonl")
# UTF-8 read as Latin-1/cp1252 (Ã¼ for ü, Ä± for ı), also after NFKC (Ã1⁄4), and stray C1 controls
MOJIBAKE = re.compile("[ÃÂÄÅ][\u0080-\u00bf]|Ã1⁄4|â€|[\u0080-\u009f]")
TIME = re.compile(r"\[(\w+)\] (\d+) files.* in ([\d.]+) ?s processing time")


def extract(data, outdir, snippet):
    gold, moji = {}, set()
    n = 0
    with open(data, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for k in ("1", "2"):
                text, lang = r["text" + k], r["lang" + k]
                if snippet:
                    cut = text[:snippet]
                    text = cut[: cut.rfind(" ")] if " " in cut else cut
                name = "%05d_%s" % (n, lang)
                n += 1
                with open(os.path.join(outdir, name + ".txt"), "w", encoding="utf-8") as o:
                    o.write(text)
                gold[name] = lang
                if MOJIBAKE.search(r["text" + k]):
                    moji.add(name)
    return gold, moji


def build_driver(build, out):
    lib = os.path.join(build, "libnewsfuse.a")
    if not os.path.exists(lib):
        sys.exit(f"score.py: {lib} not found; run `meson setup {build} && ninja -C {build}`")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libutf8proc", "libxxhash",
                            "libexttextcat"], check=True, capture_output=True, text=True).stdout
    cmd = (["cc", "-O2", "-std=c17", "-D_GNU_SOURCE", "-I", os.path.join(ROOT, "include"),
            os.path.join(HERE, "nf_langid.c"), lib] + flags.split() + ["-lstemmer", "-lm", "-o", out])
    subprocess.run(cmd, check=True)


def run_driver(exe, args, indir):
    p = subprocess.run([exe] + args + [indir], check=True, capture_output=True, text=True)
    pred = {}
    for line in p.stdout.splitlines():
        name, code, _ = line.split("\t")
        pred[name] = code
    return pred, p.stderr


def run_peer(cmd, indir, outdir):
    p = subprocess.run(cmd + [indir, outdir], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"warning: {' '.join(cmd)} failed: {p.stderr[-500:]}", file=sys.stderr)
        return None, ""
    pred = {}
    for fn in os.listdir(outdir):
        if fn.endswith(".json"):
            with open(os.path.join(outdir, fn), encoding="utf-8") as f:
                code = json.load(f).get("language") or "und"
            pred[fn[:-5]] = code.split("-")[0].lower()
    return pred, p.stderr


def seconds(log):
    m = TIME.search(log)
    return (int(m.group(2)), float(m.group(3))) if m else (None, None)


def table(title, gold, moji, results):
    langs = sorted(set(gold.values()), key=lambda l: -sum(1 for g in gold.values() if g == l))
    names = [n for n, _, _ in results]
    print(f"\n### {title}\n")
    print("| language | texts | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for lang in langs + ["all"]:
        items = [k for k, g in gold.items() if lang == "all" or g == lang]
        cells = []
        for _, pred, _ in results:
            ok = sum(1 for k in items if pred.get(k) == gold[k])
            cells.append(f"{ok / len(items):.3f}")
        label = "**all**" if lang == "all" else lang
        print(f"| {label} | {len(items)} | " + " | ".join(cells) + " |")
    items = [k for k in gold if k in moji]
    if items:
        cells = [f"{sum(1 for k in items if pred.get(k) == gold[k]) / len(items):.3f}"
                 for _, pred, _ in results]
        print(f"| mojibake texts | {len(items)} | " + " | ".join(cells) + " |")
    cells = []
    for _, _, (n, secs) in results:
        cells.append(f"{n / secs:,.0f}" if n and secs else "n/a")
    print("| texts/s | | " + " | ".join(cells) + " |")

    peers = [pred for name, pred, _ in results if name in ("langdetect", "franc")]
    agree = collections.Counter()
    for k, g in gold.items():
        preds = {pred.get(k) for pred in peers}
        if len(peers) == 2 and len(preds) == 1 and None not in preds and g not in preds:
            agree[f"{g}→{preds.pop()}"] += 1
    if agree:
        print(f"\nlangdetect and franc agree on another language than the label for "
              f"{sum(agree.values())} texts (label noise or mixed text): {dict(agree.most_common())}")
    wrong = collections.Counter()
    for k, g in gold.items():
        p = results[0][1].get(k)
        if p != g:
            wrong[f"{g}→{p}"] += 1
    if wrong:
        print(f"\n{results[0][0]} errors: {dict(wrong.most_common(12))}")


def evaluate(args, exe, snippet):
    tmp = tempfile.mkdtemp(prefix="nf_langid_")
    try:
        indir = os.path.join(tmp, "in")
        os.mkdir(indir)
        gold, moji = extract(args.data, indir, snippet)
        results = []
        pred, log = run_driver(exe, [], indir)
        results.append(("newsfuse", pred, seconds(log)))
        pred, log = run_driver(exe, ["--textcat"], indir)
        results.append(("exttextcat API", pred, seconds(log)))
        for name, cmd in (("langdetect", ["/usr/bin/python3", os.path.join(PEERS, "run_langdetect.py")]),
                          ("franc", ["node", os.path.join(PEERS, "run_franc.mjs")])):
            out = os.path.join(tmp, name)
            os.mkdir(out)
            pred, log = run_peer(cmd, indir, out)
            if pred is not None:
                results.append((name, pred, seconds(log)))
        what = f"first {snippet} characters" if snippet else "full texts"
        table(f"{os.path.basename(args.data)}: {what}", gold, moji, results)
        if args.keep:
            dest = os.path.join(args.keep, "snippet" if snippet else "full")
            shutil.copytree(tmp, dest, dirs_exist_ok=True)
    finally:
        shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--snippet", type=int, default=100, help="also score the first N characters (0: off)")
    ap.add_argument("--keep", help="copy inputs and peer outputs here (outside the repository)")
    args = ap.parse_args()
    if not os.path.exists(args.data):
        sys.exit(f"score.py: {args.data} not found")
    with tempfile.TemporaryDirectory(prefix="nf_langid_bin_") as bindir:
        exe = os.path.join(bindir, "nf_langid")
        build_driver(os.path.abspath(args.build), exe)
        evaluate(args, exe, 0)
        if args.snippet:
            evaluate(args, exe, args.snippet)


if __name__ == "__main__":
    main()
