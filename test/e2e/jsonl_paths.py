#!/usr/bin/env python3
"""JSONL reader: the one-pass reader of flat records and the general JSON parser agree.

`src/ingest/jsonl.c` reads a line that is a flat object of strings and integers in one
pass and gives anything else (nesting, reals, \\u0000, surrogates, bad UTF-8, malformed
lines) to jansson. This test writes the same invented records twice: once flat (the fast
path) and once with an extra nested field the reader ignores (which forces jansson), with
every escape JSON allows in titles and texts (\\n \\t \\" \\\\ \\/ \\uXXXX, surrogate pairs,
raw UTF-8, keys in another order, integers). `newsfuse extract` must print the same
articles for both files, and the texts must hold the decoded characters. Edge lines that
must be refused or repaired are checked to give the same result on both paths too.

usage: jsonl_paths.py NEWSFUSE
"""
import json
import os
import subprocess
import sys
import tempfile

BODY = ("The Harbour Board of Lissendale voted on Tuesday to close the old ferry slip.\n\n"
        "\"We had no choice,\" said board chair Ilse Varnholt, adding that repairs would cost "
        "\u20ac1.2 million \u2014 \"more than a new slip\".\n\n"
        "Ferries will use the north quay from 3 May; the caf\u00e9 there opens at 6:30.\t"
        "Fares stay at 4.50 \u00a3/trip \U0001F6A2 for now. Path: a/b\\c.")


def records():
    yield {"id": "lissendale-slip", "url": "https://lissendale.example/news/ferry-slip",
           "title": "Lissendale closes \"old\" ferry slip \u2013 caf\u00e9 moves",
           "published": "2026-05-02", "source": "Lissendale Post", "text": BODY}
    yield {"text": BODY.replace("Tuesday", "Wednesday"), "source": "Quay Radio",
           "published": "2026-05-03T08:15:00+01:00", "title": "Ferry slip shuts", "id": "quay-radio-slip",
           "words": 61}
    yield {"id": "slip-escape", "title": "Slash \/ and control \b\f chars", "text": "Line one.\r\nLine two \u00e9t\u00e9.",
           "published": "2026-05-04", "source": "Escapes"}


def write(path, ensure_ascii, nested):
    with open(path, "w", encoding="utf-8") as f:
        for r in records():
            r = dict(r)
            if nested:
                r["meta"] = {"tags": ["ferry", 1.5], "ok": True}
            line = json.dumps(r, ensure_ascii=ensure_ascii)
            f.write(line.replace("/", "\\/") if ensure_ascii else line)
            f.write("\n")
        # lines both paths must treat alike: an empty object, a record with a lone
        # surrogate escape, a truncated line
        f.write("{}\n")
        f.write('{"id": "lone", "text": "half \\ud83d of a pair", "title": "x"}\n')
        f.write('{"id": "cut", "text": "no end\n')


def extract(nf, path):
    r = subprocess.run([nf, "extract", "--format", "jsonl", path], capture_output=True)
    arts = [json.loads(l) for l in r.stdout.decode("utf-8").splitlines() if l.strip()]
    errs = [l.replace(path, "FILE") for l in r.stderr.decode("utf-8", "replace").splitlines()]
    return r.returncode, arts, errs


def main():
    nf = sys.argv[1]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        outs = {}
        for name, ea, nested in [("flat-utf8", False, False), ("flat-ascii", True, False),
                                 ("nested-utf8", False, True), ("nested-ascii", True, True)]:
            p = os.path.join(tmp, name + ".jsonl")
            write(p, ea, nested)
            outs[name] = extract(nf, p)
        base_rc, base, base_err = outs["nested-utf8"]  # jansson's reading is the reference
        for name, (rc, arts, errs) in outs.items():
            same = rc == base_rc and errs == base_err and len(arts) == len(base) and all(
                {k: v for k, v in a.items() if k != "paragraphs"} ==
                {k: v for k, v in b.items() if k != "paragraphs"} for a, b in zip(arts, base))
            print(f"{'ok  ' if same else 'FAIL'} {name}: exit {rc}, {len(arts)} articles,"
                  f" {len(errs)} error lines")
            if not same:
                fails += 1
                for a, b in zip(arts, base):
                    for k in a:
                        if a.get(k) != b.get(k):
                            print(f"     {a.get('id')}.{k}: {a.get(k)!r} != {b.get(k)!r}"[:300])
        byid = {a["id"]: a for a in base}
        checks = [
            ("decoded title", byid.get("lissendale-slip", {}).get("title") ==
             "Lissendale closes \"old\" ferry slip \u2013 caf\u00e9 moves"),
            ("euro sign and quotes in text", "\u20ac1.2 million" in byid.get("lissendale-slip", {}).get("text", "")
             and "\"We had no choice,\"" in byid.get("lissendale-slip", {}).get("text", "")),
            ("surrogate pair decoded", "\U0001F6A2" in byid.get("lissendale-slip", {}).get("text", "")),
            ("backslash kept", "a/b\\c" in byid.get("lissendale-slip", {}).get("text", "")),
            ("source and date", byid.get("quay-radio-slip", {}).get("source") == "Quay Radio"
             and (byid.get("quay-radio-slip", {}).get("published") or "").startswith("2026-05-03")),
            ("truncated line reported", base_rc == 1 and any("line" in e for e in base_err)),
        ]
        for what, ok in checks:
            print(f"{'ok  ' if ok else 'FAIL'} {what}")
            fails += not ok
    print(f"jsonl paths: {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
