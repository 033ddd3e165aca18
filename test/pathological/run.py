#!/usr/bin/env python3
"""Pathological inputs: each must give a result or a one-line error, never a crash or a
hang. The timeout only detects hangs (it is far above the expected time); speed itself is
measured in `make bench`, not here.
usage: run.py PATH/TO/newsfuse [text|html|formats|facts|cluster|brief ...]
"""
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

HANG = 120  # seconds: a hang, not a slow run


def text_cases():
    rnd = random.Random(7)
    yield "empty.txt", b"", 3
    yield "only-newlines.txt", b"\n" * 100000, 3
    yield "50mb-line.txt", (b"word " * (10 * 1024 * 1024)), 0
    yield "invalid-utf8.txt", b"Caf\xe9 au lait \xff\xfe costs \xc3 3 euros.\n" * 2000, 0
    yield "binary.txt", bytes(rnd.getrandbits(8) for _ in range(100000)) + b"\0" * 10, 3
    yield "nul-in-text.txt", b"The council met on Monday.\0 It voted to build a bridge.\n" + b"The vote was close.\n" * 100, 0
    yield "100k-lines.txt", b"".join(b"Line %d of a long list.\n" % i for i in range(100000)), 0
    yield "100k-cookies.txt", b"We use cookies.\nAccept\n" * 50000, 0
    yield "many-dates.txt", b"March 3, 2026 " * 200000, 0
    yield "deep-quotes.txt", (b"\xe2\x80\x9c" * 200000) + b"end.", 0
    yield "long-word.txt", b"a" * (20 * 1024 * 1024), 0
    yield "many-embeds.txt", b"pic.twitter.com/x\xe2\x80\x94 A (@a) March 3, 2026\n" * 50000, 0
    yield "crlf.txt", b"Title line\r\n\r\nThe port reopened on Monday after the storm, officials said.\r\n" * 1000, 0


GROUPS = ("text", "html", "formats", "facts", "cluster", "brief")


def main():
    exe = sys.argv[1]
    groups = set(sys.argv[2:]) or set(GROUPS)  # run.py EXE [GROUP...]: one suite each in meson
    cases = list(text_cases()) if "text" in groups else []
    if "html" in groups:
        try:
            import html_cases
            cases += [(name if "." in name else name + ".html", data, None)
                      for name, data in html_cases.cases()]
        except ImportError:
            print("note: html_cases.py not found, HTML cases skipped")
    if "formats" in groups:
        try:
            import format_cases
            cases += list(format_cases.cases())
        except ImportError:
            print("note: format_cases.py not found, WARC/JSONL/feed cases skipped")
    facts_names = set()
    if "facts" in groups:
        try:
            import facts_cases
            facts = [(name, data, None) for name, data in facts_cases.cases()]
            facts_names = {name for name, _, _ in facts}
            cases += facts
        except ImportError:
            print("note: facts_cases.py not found, facts cases skipped")
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, data, want in cases:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            try:
                cmd = [exe, "facts", "--plain", path] if name in facts_names else [exe, "extract", path]
                r = subprocess.run(cmd, capture_output=True, timeout=HANG)
            except subprocess.TimeoutExpired:
                print(f"FAIL {name}: no result in {HANG} s (hang)")
                fails += 1
                continue
            err = r.stderr.decode("utf-8", "replace").strip()
            ok = r.returncode in (0, 3) and (want is None or r.returncode == want)
            if want == 1:  # a partial result: records out, each problem named on stderr
                ok = r.returncode == 1 and bool(r.stdout.strip()) and bool(err)
            if r.returncode == 3 and len(err.splitlines()) != 1:
                ok = False
            if r.returncode == 0 and not r.stdout.strip():
                ok = False
            print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {r.returncode}"
                  f"{' (' + err[:100] + ')' if err else ''}")
            fails += not ok
            os.unlink(path)
        cluster_fails = 0
        if "cluster" in groups:
            try:  # folders of articles through `newsfuse stories`
                import cluster_cases
                cluster_fails = cluster_cases.run(exe, tmp, HANG)
            except ImportError:
                print("note: cluster_cases.py not found, cluster cases skipped")
        brief_fails = 0
        if "brief" in groups:  # folders of articles through `newsfuse brief`, three formats
            import brief_cases
            brief_fails = brief_cases.run(exe, tmp, HANG)
    all_fails = fails + cluster_fails + brief_fails
    print(f"pathological: {len(cases) - fails} file cases passed, {all_fails} failed in all"
          " (folder cases counted above)")
    return 1 if all_fails else 0


if __name__ == "__main__":
    sys.exit(main())
