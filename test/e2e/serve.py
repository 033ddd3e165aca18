#!/usr/bin/env python3
"""End-to-end test of `newsfuse serve` over real sockets (no browser): a store built from
examples/, then every route's status and content type, the security headers, the 4xx errors
(400, 403, 404, 405, 413, 429), POST /api/ingest of a page and of a JSONL batch (the new
articles are then served, a repeat changes nothing), concurrent requests from several
threads, one log line per request, and a clean shutdown on SIGTERM. Timing is never asserted.
usage: serve.py PATH/TO/newsfuse
"""
import html.parser
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
NF = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr", "source"}


class Balance(html.parser.HTMLParser):
    """Every element the pages open is closed, in order (the writer never omits end tags)."""
    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> inside {self.stack[-3:]}")
        while tag in self.stack and self.stack.pop() != tag:
            pass


def balanced(page):
    b = Balance()
    b.feed(page.decode("utf-8"))
    b.close()
    return not b.errors and not b.stack


class Server:
    def __init__(self, *args):
        self.p = subprocess.Popen([NF, "serve", "--bind", "127.0.0.1", "--port", "0", *args],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.p.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.p.kill()
            raise SystemExit(f"server did not start: {line!r} {self.p.stderr.read()}")
        self.port = int(m.group(1))

    def req(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        _, err = self.p.communicate(timeout=30)
        return self.p.returncode, err


def page(title, body):
    return (f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{title}</title>"
            f"<meta property='og:site_name' content='Quillon Sentinel'>"
            f"<meta property='article:published_time' content='2026-04-02T08:00:00Z'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def main():
    tmp = tempfile.mkdtemp(prefix="nf-serve-")
    try:
        db = os.path.join(tmp, "t.db")
        p = subprocess.run([NF, "ingest", "--db", db, EXAMPLES], capture_output=True, text=True)
        check(p.returncode == 0, f"ingest examples: {p.stderr}")

        # a missing store is a clear start-up error
        p = subprocess.run([NF, "serve", "--db", os.path.join(tmp, "none.db"), "--port", "0"],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 3 and "none.db" in p.stderr, f"missing store: exit {p.returncode}")
        p = subprocess.run([NF, "serve", "--port", "x"], capture_output=True, text=True, timeout=30)
        check(p.returncode == 2, "bad --port is a usage error")

        s = Server("--db", db, "--threads", "3", "--rate-limit", "0")
        st, h, data = s.req("GET", "/api/stories")
        check(st == 200 and h["content-type"].startswith("application/json"), "GET /api/stories")
        stories = json.loads(data)
        check(len(stories) == 3, f"three demo stories, got {len(stories)}")
        dates = [x.get("last_published") or "" for x in stories]
        check(dates == sorted(dates, reverse=True), "stories newest first")
        big = max(stories, key=lambda x: x["outlets"])
        for hdr, want in [("content-security-policy", "script-src 'self'"),
                          ("x-content-type-options", "nosniff")]:
            check(want in h.get(hdr, ""), f"header {hdr}")
        st, h, data = s.req("GET", "/api/stories/" + big["id"])
        doc = json.loads(data)
        check(st == 200 and doc["stories"][0]["id"] == big["id"], "GET /api/stories/{id}")
        check(len(doc["articles"]) == len(doc["stories"][0]["articles"]), "story with its articles")
        art = doc["articles"][0]["id"]
        st, h, data = s.req("GET", "/api/articles/" + urllib.parse.quote(art))
        check(st == 200 and json.loads(data)["id"] == art, "GET /api/articles/{id}")
        st, h, data = s.req("GET", "/api/search?q=diesel")
        check(st == 200 and len(json.loads(data)) > 0, "GET /api/search?q=diesel")
        st, h, data = s.req("GET", "/api/entities/" + urllib.parse.quote("Joaquín Varela"))
        check(st == 200 and json.loads(data)["stories"], "GET /api/entities/{name}")
        for path in ["/", "/stories/" + big["id"], "/articles/" + urllib.parse.quote(art),
                     "/search?q=bridge", "/search", "/entities/Varela", "/?lang=es"]:
            st, h, data = s.req("GET", path)
            check(st == 200 and h["content-type"].startswith("text/html")
                  and data.startswith(b"<!DOCTYPE html>"), f"page {path}: {st}")
            check(balanced(data), f"page {path}: elements balanced")
        for a in doc["articles"]:
            st, h, data = s.req("GET", "/articles/" + urllib.parse.quote(a["id"]))
            check(st == 200 and balanced(data), f"article page {a['id']}")
        st, h, data = s.req("GET", "/?lang=es")
        check(data.count(b'<li class="story">') == 1, "lang=es keeps the one story in Spanish")
        st, h, _ = s.req("GET", "/static/style.css")
        check(st == 200 and h["content-type"].startswith("text/css"), "style.css")
        st, h, _ = s.req("HEAD", "/")
        check(st == 200, "HEAD /")

        # errors
        def err(method, path, want, body=None, headers=None):
            st, h, data = s.req(method, path, body, headers)
            check(st == want, f"{method} {path}: {st}, want {want}")
            if path.startswith("/api/"):
                try:
                    e = json.loads(data)["error"]
                    check(e["status"] == want and e["message"], f"{path}: JSON error body")
                except (ValueError, KeyError):
                    check(False, f"{path}: JSON error body: {data[:80]!r}")
            return h
        err("GET", "/api/stories/nope", 404)
        err("GET", "/articles/nope", 404)
        err("GET", "/nope", 404)
        err("GET", "/api/stories?since=tomorrow", 400)
        err("GET", "/api/stories?lang=" + "x" * 9, 400)
        err("GET", "/api/search", 400)
        err("GET", "/api/stories/%E0%A4", 400)
        h = err("DELETE", "/api/stories", 405)
        check(h.get("allow") == "GET, HEAD", "405 names the allowed methods")
        err("POST", "/api/ingest", 403, body=b"hello")

        # concurrent readers on several worker threads
        errors = []

        def worker():
            for _ in range(25):
                st, _, d = s.req("GET", "/api/stories/" + big["id"])
                if st != 200 or not d:
                    errors.append(st)
        ts = [threading.Thread(target=worker) for _ in range(6)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        check(not errors, f"concurrent requests all 200: {errors[:5]}")
        rc, log = s.stop()
        check(rc == 0, f"clean shutdown on SIGTERM: exit {rc}")
        lines = [l for l in log.splitlines() if l.startswith("127.0.0.1 ")]
        check(len(lines) >= 150 + 20, f"one log line per request ({len(lines)})")
        check(all(re.fullmatch(r"127\.0\.0\.1 [A-Z]+ \S+ \d{3} \d+ \d+\.\d\dms", l) for l in lines),
              "log lines are 'ADDR METHOD PATH STATUS BYTES MSms'")

        # ingest over HTTP, body limit, rate limit
        s = Server("--db", db, "--allow-ingest", "--max-body", "20000", "--rate-limit", "0")
        body = "".join(f"<p>The Quillon ferry strike entered its third day on Thursday as "
                       f"dock workers rejected a pay offer of {n} per cent, the union said.</p>"
                       for n in range(3, 9))
        st, h, data = s.req("POST", "/api/ingest", page("Quillon ferry strike enters third day", body),
                            {"Content-Type": "text/html"})
        rep = json.loads(data) if st == 200 else {}
        check(st == 200 and rep.get("added") == 1, f"POST a page: {st} {data[:200]!r}")
        st, h, data = s.req("POST", "/api/ingest", page("Quillon ferry strike enters third day", body))
        check(st == 200 and json.loads(data).get("duplicates") == 1, "the same page again: a duplicate")
        jl = "\n".join(json.dumps({"url": f"https://sentinel.example/strike-{i}", "source": "Quillon Sentinel",
                                   "published": "2026-04-03", "title": f"Quillon dockers vote on day {i}",
                                   "text": "Dock workers in Quillon voted on Friday to continue the ferry "
                                           f"strike for a {i}th day after talks with the port failed. " * 3})
                       for i in (4, 5))
        st, h, data = s.req("POST", "/api/ingest", jl.encode(), {"Content-Type": "application/x-ndjson"})
        check(st == 200 and json.loads(data).get("added") == 2, f"POST a JSONL batch: {st} {data[:200]!r}")
        st, h, data = s.req("GET", "/api/search?q=Quillon")
        check(st == 200 and len(json.loads(data)) >= 3, "ingested articles are searchable")
        st, h, data = s.req("GET", "/api/stories")
        check(any("Quillon" in (x.get("headline") or "") for x in json.loads(data)), "ingested story listed")
        # concurrent ingests on different worker threads: each is stored once
        res = []

        def post(i):
            text = "".join(f"<p>Wexmoor harbour held rescue drill {i} on Monday with {i * 7} volunteers "
                           f"and {i + 30} boats, the coastguard said.</p>" for _ in range(4))
            res.append(s.req("POST", "/api/ingest", page(f"Wexmoor drill {i} draws volunteers", text))[0])
        ts = [threading.Thread(target=post, args=(i,)) for i in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        check(res == [200] * 4, f"concurrent ingests: {res}")
        st, h, data = s.req("GET", "/api/search?q=Wexmoor&limit=50")
        arts = {x["article"] for x in json.loads(data) if x["kind"] == "article"}
        check(len(arts) == 4, f"four concurrent pages stored once each ({len(arts)})")
        err("POST", "/api/ingest", 413, body=b"x" * 30000)
        err("POST", "/api/ingest", 400, body=b"")
        err("GET", "/api/ingest", 405)
        rc, log = s.stop()
        check(rc == 0, f"clean shutdown: exit {rc}: {log[-300:]}")

        s = Server("--db", db, "--rate-limit", "2")
        codes = [s.req("GET", "/api/stories")[0] for _ in range(40)]
        check(codes[0] == 200 and 429 in codes, f"rate limit answers 429: {sorted(set(codes))}")
        st, h, data = s.req("GET", "/api/stories")
        if st == 429:
            check(h.get("retry-after") == "1" and json.loads(data)["error"]["status"] == 429, "429 body and Retry-After")
        rc, log = s.stop()
        check(rc == 0, f"clean shutdown: exit {rc}: {log[-300:]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("ok")


main()
