#!/usr/bin/env python3
"""Throughput of the facts stage on one core: entities + quotes alone, and the whole stage.

usage: bench/facts/speed.py [--nf build/newsfuse] [--shared ../shared] [--out bench/out/facts-speed]
                            [--copies 5]

Corpus, built at run time from ../shared (never stored): the PolNeAR dev texts and the
MEANTIME texts (written by bench/facts/meantime.py into bench/out/meantime/text, built here
when absent), COPIES copies each.
  * entities + quotes: `newsfuse dump quotes ONE_FILE` (the dump runs nf_extract_plain,
    then nf_facts_entities and nf_facts_quotes, and prints a line per quote) on all texts
    joined into one file, minus the same command on a one-line file (start-up);
  * whole stage: `newsfuse facts --plain --format table DIR` over the texts as separate
    files (times, entities, quotes, quantities; the table writer, so that the JSON writer's
    offset conversion is not counted), minus `newsfuse extract`-free start-up as above.
  * in process: bench/facts/speed_facts.c, compiled here against the build's library,
    reads every file first and then times nf_facts_entities + nf_facts_quotes, and the whole
    nf_facts_extract, over all documents (thread CPU time, best of 5 after a warm-up pass).
Each run pinned with `taskset -c 0`, best of 3; user CPU time from resource usage too, since
the machine is shared.
"""
import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def timed(cmd):
    best = (1e9, 1e9)
    for _ in range(3):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.time() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        user = r1.ru_utime - r0.ru_utime
        best = (min(best[0], wall), min(best[1], user))
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "facts-speed"))
    ap.add_argument("--copies", type=int, default=5)
    args = ap.parse_args()
    mt = os.path.join(ROOT, "bench", "out", "meantime", "text")
    if not glob.glob(os.path.join(mt, "*.txt")):
        subprocess.run([sys.executable, os.path.join(HERE, "meantime.py"), "--nf", args.nf,
                        "--shared", args.shared, "--no-peers"], stdout=subprocess.DEVNULL, check=True)
    srcs = sorted(glob.glob(os.path.join(args.shared, "eval", "polnear", "dev", "text", "*.txt")))
    srcs += sorted(glob.glob(os.path.join(mt, "*.txt")))
    if not srcs:
        print("speed: no texts", file=sys.stderr)
        return 77
    shutil.rmtree(args.out, ignore_errors=True)
    folder = os.path.join(args.out, "texts")
    os.makedirs(folder)
    texts = [open(p, encoding="utf-8").read() for p in srcs]
    for k in range(args.copies):
        for p, t in zip(srcs, texts):
            with open(os.path.join(folder, f"{k}_{os.path.basename(p)}"), "w", encoding="utf-8") as f:
                f.write(t)
    one = os.path.join(args.out, "all.txt")
    with open(one, "w", encoding="utf-8") as f:
        f.write("\n\n".join(texts * args.copies))
    tiny = os.path.join(args.out, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write("Start.\n")
    mb_one = os.path.getsize(one) / 1e6
    mb_dir = sum(os.path.getsize(os.path.join(folder, x)) for x in os.listdir(folder)) / 1e6
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    w0, u0 = timed(pin + [args.nf, "dump", "quotes", tiny])
    w1, u1 = timed(pin + [args.nf, "dump", "quotes", one])
    w2, u2 = timed(pin + [args.nf, "facts", "--plain", "--format", "table", folder])
    w3, u3 = timed(pin + [args.nf, "facts", "--plain", "--format", "table", tiny])
    print(f"{len(srcs)} texts x {args.copies}: {mb_one:.1f} MB in one file, {mb_dir:.1f} MB in "
          f"{len(srcs) * args.copies} files; one core (taskset -c 0), best of 3")
    print()
    print("| what | MB | wall s | MB/s (wall) | user s | MB/s (user) |")
    print("|---|---|---|---|---|---|")
    print(f"| entities + quotes (`dump quotes`, one file; includes reading it as plain text) | "
          f"{mb_one:.1f} | {w1 - w0:.3f} | {mb_one / max(w1 - w0, 1e-9):.1f} | {u1 - u0:.3f} | "
          f"{mb_one / max(u1 - u0, 1e-9):.1f} |")
    print(f"| whole facts stage (`facts --plain --format table`, {len(srcs) * args.copies} files; "
          f"includes reading, language id, table writer) | {mb_dir:.1f} | {w2 - w3:.3f} | "
          f"{mb_dir / max(w2 - w3, 1e-9):.1f} | {u2 - u3:.3f} | {mb_dir / max(u2 - u3, 1e-9):.1f} |")
    # the extractors alone, in one process (bench/facts/speed_facts.c against the build's library)
    lib = os.path.join(os.path.dirname(os.path.abspath(args.nf)), "libnewsfuse.a")
    exe = os.path.join(args.out, "speed_facts")
    pkgs = ["libxml-2.0", "libutf8proc", "libxxhash", "zlib", "jansson", "libexttextcat"]
    libs = subprocess.run(["pkg-config", "--libs"] + pkgs, capture_output=True, text=True).stdout.split()
    cc = subprocess.run(["cc", "-O2", "-I", os.path.join(ROOT, "include"), os.path.join(HERE, "speed_facts.c"),
                         lib, "-o", exe] + libs + ["-lstemmer", "-lm", "-lpthread"], capture_output=True, text=True)
    if cc.returncode != 0:
        print("speed_facts: cannot build:", cc.stderr[-300:], file=sys.stderr)
        return 1
    files = sorted(glob.glob(os.path.join(folder, "*.txt")))
    out = subprocess.run(pin + [exe] + files, capture_output=True, text=True, check=True).stdout.split()
    nd, nbytes, t_eq, t_all = int(out[0]), int(out[1]), float(out[2]), float(out[3])
    mb = nbytes / 1e6
    print(f"| entities + quotes in process ({nd} documents, CPU time) | {mb:.1f} | | | {t_eq:.3f} | "
          f"{mb / max(t_eq, 1e-9):.1f} |")
    print(f"| nf_facts_extract in process (times, entities, quotes, quantities; CPU time) | {mb:.1f} | | | "
          f"{t_all:.3f} | {mb / max(t_all, 1e-9):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
