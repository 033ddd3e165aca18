#!/usr/bin/env python3
"""End-to-end test of `newsfuse brief --format html`: on the demo corpus the page is
well-formed enough (main tags balanced, one document), self-contained (no scripts, no
external resources), carries the three story headlines of the JSON brief, a "disputed" badge
and source marks that resolve to the sources list; and an injected article whose title and
body hold markup (<script>, an attribute break-out with <img onerror>) appears only escaped.
usage: html_brief.py PATH/TO/newsfuse
"""
import html
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
NF = sys.argv[1]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def run(*args):
    p = subprocess.run([NF, *args], capture_output=True, text=True, encoding="utf-8")
    if p.returncode != 0:
        fail(f"newsfuse {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr", "source"}
# Tags whose end tag HTML lets one omit; the writer always closes them, so they are checked too.
CHECKED = {"html", "head", "body", "main", "section", "h1", "h2", "h3", "p", "ul", "ol", "li",
           "table", "tr", "th", "td", "dl", "dt", "dd", "div", "span", "a", "b", "q", "code",
           "time", "small", "style", "title"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.starts = {}  # tag -> count
        self.text = {}  # tag -> list of text collected inside it
        self.ids, self.hrefs, self.classes = set(), [], []
        self.external = []

    def handle_starttag(self, tag, attrs):
        self.starts[tag] = self.starts.get(tag, 0) + 1
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "class" in a:
            self.classes.append(a["class"])
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append(f"event handler attribute {k}={v!r} on <{tag}>")
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("link", "img", "iframe", "object", "embed") or (tag == "script"):
            self.external.append(tag)
        if tag not in VOID:
            self.stack.append((tag, []))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1][0] if self.stack else None}>")
            return
        t, buf = self.stack.pop()
        self.text.setdefault(t, []).append("".join(buf).strip())

    def handle_data(self, data):
        for _, buf in self.stack:
            buf.append(data)


def parse(page, label):
    p = Page()
    p.feed(page)
    p.close()
    for e in p.errors:
        fail(f"{label}: {e}")
    if p.stack:
        fail(f"{label}: unclosed tags at the end: {[t for t, _ in p.stack]}")
    for tag in ("html", "head", "body", "main"):
        if p.starts.get(tag) != 1:
            fail(f"{label}: <{tag}> {p.starts.get(tag, 0)} times, want once")
    if not page.startswith("<!DOCTYPE html>"):
        fail(f"{label}: no doctype")
    if '<meta charset="utf-8">' not in page:
        fail(f"{label}: no UTF-8 meta")
    if p.external:
        fail(f"{label}: scripts or external resources: {p.external}")
    for h in p.hrefs:
        if h.startswith("#"):
            if h[1:] not in p.ids:
                fail(f"{label}: link {h} points nowhere")
        elif not (h.startswith("http://") or h.startswith("https://")):
            fail(f"{label}: link with scheme other than http(s): {h!r}")
    return p


# 1. The demo corpus.
brief = json.loads(run("brief", "--format", "json", EXAMPLES))
headlines = [s["headline"] for s in brief["stories"]]
if len(headlines) != 3:
    fail(f"demo corpus: {len(headlines)} stories, want 3")
page = run("brief", "--format", "html", EXAMPLES)
p = parse(page, "demo")
h2 = p.text.get("h2", [])
for h in headlines:
    if h not in h2:
        fail(f"demo: headline {h!r} not an <h2> (got {h2})")
badges = [c for c in p.classes if c.split()[0] == "badge"]
if "badge bad" not in badges:
    fail("demo: no disputed badge")
spans = p.text.get("span", [])
for status in ("disputed", "corroborated", "single-source"):
    if status not in spans:
        fail(f"demo: no {status!r} badge text")
if not any(h.startswith("#src-") for h in p.hrefs):
    fail("demo: no source marks linking to the sources list")
if len(p.text.get("time", [])) == 0:
    fail("demo: no dated timeline events")

# 2. Injected markup in an article's title and body.
PAYLOAD_TITLE = '<script>alert(1)</script> Harbour spill "><img src=x onerror=alert(1)>'
EVIL = f"""{PAYLOAD_TITLE}

By Staff Reporter
March 12, 2026

Salvage crews <script>alert(1)</script> began pumping fuel from the Tern Horizon on Thursday after the tanker ran aground on Lanza Shoal near Calvera. The port authority <script>alert(1)</script> said "><img src=x onerror=alert(1)> nearly 40,000 litres of marine diesel had leaked from the holed tank since Tuesday.

Harbour master Captain Brenna Sollis said the vessel was stable and the crew were safe. The government confirmed a 2.5 million euro fine against the operator, Ostrander Shipping, on Wednesday.
"""
tmp = tempfile.mkdtemp(prefix="nf-html-")
try:
    shutil.copy(os.path.join(EXAMPLES, "calvera-mariner_salvage-pumping.txt"), tmp)
    with open(os.path.join(tmp, "evil_spill.txt"), "w", encoding="utf-8") as f:
        f.write(EVIL)
    page = run("brief", "--format", "html", tmp)
    p = parse(page, "injected")
    for tag in ("script", "img"):
        if p.starts.get(tag):
            fail(f"injected: {p.starts[tag]} <{tag}> element(s) in the output")
    low = page.lower()
    for raw in ("<script", "<img", "onerror=alert(1)>"):
        if raw in low:
            fail(f"injected: raw {raw!r} in the output")
    # the payload is shown, as text: the title in the sources list, the body in a sentence
    esc_title = html.escape(PAYLOAD_TITLE, quote=True).replace("&#x27;", "&#39;")
    if esc_title not in page:
        fail("injected: the escaped title is not in the page")
    bold = p.text.get("b", [])
    if PAYLOAD_TITLE not in bold:
        fail("injected: the title does not read back as text")
    if page.count("&lt;script&gt;alert(1)&lt;/script&gt;") < 2:
        fail("injected: the body's markup is not shown escaped anywhere")
finally:
    shutil.rmtree(tmp)

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("ok: html brief well-formed, headlines and badges present, injected markup escaped")
