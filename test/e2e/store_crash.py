#!/usr/bin/env python3
"""Crash test of `newsfuse ingest`: start an ingest of a large input (invented articles from
gen_corpus.py, one JSONL file), `kill -9` it once some batches have committed, run the same
command again, then check that PRAGMA integrity_check is ok, that foreign keys and the
full-text index are consistent, and that every article is stored exactly once (by URL),
each in exactly one story. Then two ingests of the same input into one store at once.
usage: store_crash.py PATH/TO/newsfuse
"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NF = sys.argv[1]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def stored(db):
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def attempt(tmp, n, batch):
    corpus = os.path.join(tmp, f"corpus-{n}.jsonl")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus, str(n)], check=True)
    db = os.path.join(tmp, f"crash-{n}.db")
    cmd = [NF, "ingest", "--db", db, "--batch", str(batch), corpus]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed_at = None
    deadline = time.time() + 600
    while time.time() < deadline and p.poll() is None:
        k = stored(db)
        if k >= max(2 * batch, n // 3):  # some batches committed
            os.kill(p.pid, signal.SIGKILL)
            killed_at = k
            break
        time.sleep(0.005)
    p.wait()
    p.stderr.close()
    if killed_at is None:
        print(f"the ingest of {n} articles ended before it could be killed; trying a larger input")
        return None
    after_kill = stored(db)
    print(f"killed with {after_kill} of {n} articles committed")
    if after_kill >= n:
        print("every article was committed before the kill landed; trying a larger input")
        return None
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"the second run exited {r.returncode}: {r.stderr.strip()[-300:]}")
    print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "(no summary)")
    return db, n


def check(db, n):
    c = sqlite3.connect(db)
    ic = c.execute("PRAGMA integrity_check").fetchall()
    if ic != [("ok",)]:
        fail(f"integrity_check: {ic[:5]}")
    fk = c.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        fail(f"foreign_key_check: {fk[:5]}")
    try:
        c.execute("INSERT INTO search(search) VALUES ('integrity-check')")
    except sqlite3.Error as e:
        fail(f"full-text index: {e}")
    total, urls = c.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    if total != n or urls != n:
        fail(f"{total} articles stored, {urls} distinct URLs, wanted {n} each")
    twice = c.execute("SELECT url, count(*) FROM articles GROUP BY url HAVING count(*) > 1").fetchall()
    if twice:
        fail(f"stored more than once: {twice[:5]}")
    members = c.execute("SELECT count(*), count(DISTINCT article_id) FROM story_articles").fetchone()
    if members != (n, n):
        fail(f"story memberships {members}, wanted {n} articles in one story each")
    bad = c.execute("SELECT count(*) FROM stories s WHERE n_articles !="
                    " (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id)"
                    " OR brief = '{}' OR headline = ''").fetchone()[0]
    if bad:
        fail(f"{bad} stories whose row does not match their articles (brief not recomputed)")
    rows = c.execute("SELECT count(*) FROM search_docs WHERE kind = 'article'").fetchone()[0]
    if rows != n:
        fail(f"{rows} article rows in the full-text index, wanted {n}")
    c.close()


def concurrent(tmp, n):
    """Two ingests of the same input into one store at once: each batch waits for the
    other's transaction; every article ends up stored once."""
    corpus = os.path.join(tmp, f"corpus-{n}.jsonl")
    db = os.path.join(tmp, "two.db")
    cmd = [NF, "ingest", "--db", db, "--batch", "200", corpus]
    ps = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
          for _ in range(2)]
    for p in ps:
        err = p.communicate()[1]
        if p.returncode != 0:
            fail(f"concurrent ingest exited {p.returncode}: {err.strip()[-300:]}")
    print("two ingests at once: done")
    check(db, n)


def main():
    with tempfile.TemporaryDirectory(prefix="nf-crash-") as tmp:
        res = None
        for n, batch in ((2400, 100), (6000, 100), (12000, 100)):
            res = attempt(tmp, n, batch)
            if res:
                break
        if not res:
            fail("could not kill an ingest in the middle")
        else:
            check(*res)
            concurrent(tmp, res[1])
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("store crash: integrity ok, every article stored once")


main()
