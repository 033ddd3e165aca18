#!/usr/bin/env python3
"""How the score constants in src/cluster/score.c were chosen: coordinate descent over a
grid, maximising the overall Pearson correlation on the even-numbered pairs of the SemEval
2022 task 8 HFL subset, reporting the odd-numbered pairs beside it (held out), through the
NF_CLUSTER_PARAMS developer hook (name=value,...; read by nf_cluster_new).

usage: bench/cluster/tune.py [--nf PATH] [--rounds N] [--start name=value,...]

Prints every improvement and the final constants. The join thresholds (0.5 dated, 0.75
undated) were then read off bench/cluster/allsides.py --threshold runs; they are options,
not score constants. Nothing from the data set is written into the repository.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import semeval  # noqa: E402

GRID = {
    "name_boost": [0.2, 0.35, 0.5, 0.7, 1.0],
    "num_boost": [0.5, 1.0, 1.5, 2.0, 2.5],
    "concept_boost": [0.6, 1.0, 1.5, 2.0, 2.5, 3.0],
    "cross_kappa": [0.0, 0.3, 0.5, 0.7, 0.9],
    "center": [0.12, 0.15, 0.17, 0.19, 0.21],
    "width": [0.04, 0.06, 0.08, 0.1, 0.12],
    "prior_n": [1, 20, 50, 200],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(HERE, "..", "..", "build", "newsfuse"))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--start", default="name_boost=1,num_boost=1,concept_boost=1,cross_kappa=0.9,"
                                          "center=0.17,width=0.05,prior_n=50")
    a = ap.parse_args()
    rows = semeval.load(os.path.join(semeval.DATA, "hfl_train_subset.jsonl"), "all")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as t:
        for k, r in enumerate(rows):
            t.write(json.dumps({"id": str(k), "text1": r["text1"], "text2": r["text2"],
                                "lang1": r["lang1"], "lang2": r["lang2"]}, ensure_ascii=False) + "\n")
    even = [k for k in range(len(rows)) if k % 2 == 0]
    odd = [k for k in range(len(rows)) if k % 2]

    def evaluate(p):
        env = dict(os.environ, NF_CLUSTER_PARAMS=",".join(f"{k}={v}" for k, v in p.items()))
        out = subprocess.run([a.nf, "similar", "--batch", t.name], capture_output=True, text=True,
                             env=env, check=True).stdout
        res = {int(o["id"]): o["score"] for o in map(json.loads, out.splitlines())}
        r = lambda idx: semeval.pearson([-res[k] for k in idx], [rows[k]["scores"]["Overall"] for k in idx])
        return r(even), r(odd)

    p = dict(kv.split("=") for kv in a.start.split(","))
    p = {k: float(v) for k, v in p.items()}
    best = evaluate(p)
    print(f"start {p}: even {best[0]:.4f} odd {best[1]:.4f}", flush=True)
    try:
        for _ in range(a.rounds):
            for k, vals in GRID.items():
                for v in vals:
                    q = dict(p, **{k: v})
                    e = evaluate(q)
                    if e[0] > best[0] + 0.0005:
                        best, p = e, q
                        print(f"  {k}={v}: even {e[0]:.4f} odd {e[1]:.4f}", flush=True)
    finally:
        os.unlink(t.name)
    print(f"final {p}: even {best[0]:.4f} odd {best[1]:.4f}")


if __name__ == "__main__":
    main()
