#!/usr/bin/env python3
"""End-to-end test of entities and quotes on the five seed pages in ../shared/seeds (read at
run time; no text of theirs is stored here). Runs `newsfuse extract` and `newsfuse facts` on
them and asserts:
  * the people, organisations and places of each body, by canonical name and type, with
    the aliases that must have merged into them (public names only), and that no alias
    is left as an entity of its own;
  * the number of quotations in quotation marks, each found as a direct quote whose span
    sits right inside a pair of marks in the body text, and the speaker of each, in order;
  * the date expressions: each (text, TIMEX3 value, anchor date or None) expected, in order,
    among the seed's times (RESULTS.md "Seed pages" of the time section);
  * bad input (a sentence of a megabyte, a quotation mark that never closes, 10,000
    capitalised words, text in scripts without capitals): `newsfuse facts --plain --format
    table` gives its one summary line within a time that only a hang would exceed (the
    table writer, so that the time is the extractors' and not the JSON writer's).
Skips (exit 77) with a message when ../shared is absent.
usage: seed_facts.py PATH/TO/newsfuse
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("NF_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
SEEDS = os.path.join(SHARED, "seeds")

P, O, L, X = "person", "organization", "location", "other"
# seed -> {canonical name: (type, aliases that must be among its aliases)}
ENTITIES = {
    "000": {
        "Claudia Sheinbaum": (P, {"Sheinbaum"}),
        "Juan Ramón de la Fuente": (P, {"De la Fuente"}),
        "Marco Rubio": (P, {"Rubio"}),
        "Donald Trump": (P, {"Trump"}),
        "United States": (L, {"U.S.", "US"}),
        "Mexico": (L, {"Mexican"}),
        "State Department": (O, set()),
        "Bureau of Western Hemisphere Affairs": (O, set()),
        "U.S. Department of Justice": (O, set()),
        "Defense Ministry": (O, set()),
        "Security Implementation Group": (O, {"Group"}),
        "Tijuana": (L, set()),
        "Washington, D.C.": (L, set()),
        "North America": (L, set()),
    },
    "001": {
        "Claudia Sheinbaum": (P, {"Sheinbaum"}),
        "Donald Trump": (P, {"Trump"}),
        "Juan Ramón de la Fuente": (P, set()),
        "Marco Rubio": (P, set()),
        "United States": (L, {"US"}),
        "Mexico": (L, {"Mexican"}),
        "State of Mexico": (L, set()),
        "Washington": (L, set()),
        "State Department": (O, set()),
        "CIA": (O, set()),
        "Secretariat of Security": (O, set()),
        "Bilateral Security Implementation Group": (O, set()),
    },
    "002": {
        "Claudia Sheinbaum": (P, {"Sheinbaum", "the president"}),
        "Donald Trump": (P, set()),
        "Marco Rubio": (P, set()),
        "Juan Ramón de la Fuente": (P, set()),
        "United States": (L, {"US"}),
        "Mexico": (L, {"Mexican"}),
        "State of Mexico": (L, set()),
        "State Department": (O, set()),
        "Customs and Border Protection": (O, {"CBP"}),
        "US Army": (O, set()),
        "CIA": (O, set()),
    },
    "003": {
        "Claudia Sheinbaum": (P, {"Sheinbaum"}),
        "Donald Trump": (P, {"Trump"}),
        "Marco Rubio": (P, set()),
        "Juan Ramón de la Fuente": (P, set()),
        "Nicolás Maduro": (P, set()),
        "United States": (L, {"U.S.", "American"}),
        "Mexico": (L, {"Mexican"}),
        "Venezuela": (L, set()),
        "Latin America": (L, set()),
        "Washington": (L, set()),
    },
    "004": {
        "Claudia Sheinbaum": (P, {"Sheinbaum"}),
        "Donald Trump": (P, {"Trump"}),
        "Marco Rubio": (P, {"Rubio", "the U.S. Secretary of State"}),
        "Juan Ramón de la Fuente": (P, set()),
        "Nicolás Maduro": (P, set()),
        "Biden": (P, set()),
        "United States": (L, {"U.S.", "American"}),
        "Mexico": (L, {"Mexican"}),
        "Venezuela": (L, set()),
        "Guerrero": (L, set()),
        "Pacific": (L, set()),
        "Washington": (L, set()),
        "National Guard": (O, set()),
        "Navy": (O, set()),
        "U.S. Northern Command": (O, {"NORTHCOM"}),
        "Fox News": (O, set()),
        "Mérida Initiative": (X, set()),
    },
}
# seed -> speakers of the direct quotes, in text order; a str is an entity's name, a tuple
# ("phrase", word) a speaker phrase that contains the word
SPEAKERS = {
    "000": ["State Department", "Bureau of Western Hemisphere Affairs",
            "Bureau of Western Hemisphere Affairs", "Claudia Sheinbaum", "Claudia Sheinbaum",
            "Claudia Sheinbaum", ("phrase", "statement"), ("phrase", "statement"),
            ("phrase", "statement")],
    "001": ["State Department", "State Department", "Claudia Sheinbaum", "Claudia Sheinbaum",
            ("phrase", "embassy")],
    "002": ["Claudia Sheinbaum", "State Department", "Claudia Sheinbaum", "Claudia Sheinbaum",
            "State Department", "Claudia Sheinbaum"],
    "003": ["Claudia Sheinbaum", "Claudia Sheinbaum"],
    "004": ["Donald Trump", "Claudia Sheinbaum", "Claudia Sheinbaum", "Donald Trump",
            "Donald Trump", "Claudia Sheinbaum", "Marco Rubio"],
}
OPEN = "“\"'‘«„"
CLOSE = "”\"'’»“"

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def check_seed(key, art, facts):
    text = art["text"]
    ents = {e["name"]: e for e in facts["entities"]}
    for name, (typ, aliases) in ENTITIES[key].items():
        e = ents.get(name)
        if not e:
            fail(f"{key}: entity {name!r} not found (got {sorted(ents)})")
            continue
        if e["type"] != typ:
            fail(f"{key}: {name!r} is {e['type']}, want {typ}")
        missing = aliases - set(e["aliases"])
        if missing:
            fail(f"{key}: {name!r} lacks aliases {sorted(missing)} (has {e['aliases']})")
        for a in e["aliases"]:
            if a in ents and a != name:
                fail(f"{key}: alias {a!r} of {name!r} is also an entity")
        for s, t in e["spans"]:
            if s < 0 or t > len(text) or s >= t:
                fail(f"{key}: {name!r} has a bad span {s}..{t}")
    direct = [q for q in facts["quotes"] if q["direct"]]
    want = SPEAKERS[key]
    if len(direct) != len(want):
        fail(f"{key}: {len(direct)} direct quotes, want {len(want)}")
    for i, q in enumerate(direct):
        s, t = q["start"], q["end"]
        before = text[max(0, s - 2):s]
        after = text[t:t + 3]
        if not any(ch in OPEN for ch in before) or not any(ch in CLOSE for ch in after):
            fail(f"{key}: direct quote {i + 1} is not inside quotation marks")
        if i >= len(want):
            continue
        w = want[i]
        sp = q.get("speaker") or ""
        if isinstance(w, tuple):
            if w[1] not in sp or sp in ents:
                fail(f"{key}: quote {i + 1}: speaker {sp!r}, want a phrase with {w[1]!r}")
        elif sp != w:
            fail(f"{key}: quote {i + 1}: speaker {sp!r}, want {w!r}")
        if q.get("cue") and "cue_span" in q:
            a, b = q["cue_span"]
            if text[a:b] != q["cue"]:
                fail(f"{key}: quote {i + 1}: cue span {text[a:b]!r} is not the cue {q['cue']!r}")
    # every opening curly or angle mark of the body opens a direct quote
    opens = [i for i, ch in enumerate(text) if ch in "“«"]
    starts = [q["start"] for q in direct]
    for o in opens:
        if not any(o < s <= o + 2 for s in starts):
            fail(f"{key}: the quotation opened at character {o} was not found")


def bad_input(exe):
    cases = {
        "sentence-1mb.txt": " ".join(["the", "President", "Claudia", "said", "that", "“", "de", "la",
                                      "Fuente", "U.S.", "according", "to", ","] * 12000) + "\n",
        "unclosed.txt": "“This never closes " + "and goes on " * 30000 + "\n\nSheinbaum said so.\n",
        "capitals.txt": " ".join("Word%c%s" % (65 + i % 26, "x" * (i % 7)) for i in range(10000)) + ".\n",
        "capital-names.txt": " ".join(["Juan", "De", "La", "Ministry", "Group", "President", "Mexico",
                                       "Sheinbaum", "Of", "The"][i % 10] for i in range(10000)) + ".\n",
        "no-capitals.txt": "北京市政府表示「这是一个测试」。" * 20000 + "\nقال الرئيس إن الحكومة ستعمل. " * 5000,
    }
    with tempfile.TemporaryDirectory() as d:
        for name, data in cases.items():
            p = os.path.join(d, name)
            with open(p, "w", encoding="utf-8") as f:
                f.write(data)
            t0 = time.time()
            try:
                out = subprocess.run([exe, "facts", "--plain", "--format", "table", p], capture_output=True,
                                     text=True, timeout=120)
            except subprocess.TimeoutExpired:
                fail(f"bad input {name}: hangs")
                continue
            if out.returncode != 0:
                fail(f"bad input {name}: exit {out.returncode}: {out.stderr.strip()[:200]}")
                continue
            heads = [l for l in out.stdout.splitlines() if l.startswith("== ")]
            if len(heads) != 1:
                fail(f"bad input {name}: {len(heads)} summary lines")
                continue
            print(f"ok   bad input {name} ({time.time() - t0:.2f} s)")


# seed -> (text, value, anchor) that must appear among its times, in this order
TIMES = {
    "000": [("Friday", "2026-01-16", None), ("Thursday", "2026-01-15", None),
            ("this week", "2026-W03", None), ("Sunday", "2026-01-11", None),
            ("three days", "P3D", "2026-01-12"), ("Friday morning", "2026-01-16TMO", None),
            ("September 2025", "2025-09", None), ("Jan. 23", "2026-01-23", None),
            ("next week", "2026-W04", None), ("February", "2026-02", None)],
    "001": [("the previous day", "2026-01-15", None), ("Monday", "2026-01-12", None)],
    "003": [("Thursday night", "2026-01-15TNI", None), ("earlier this week", "2026-W03", None)],
    "004": [("one day", "P1D", "2026-01-08"), ("late December 2025", "2025-12", None),
            ("Thursday, January 9", "2026-01-09", None)],
}


def check_times(key, facts):
    got = [(t["text"], t["value"], t.get("anchor")) for t in facts.get("times", [])]
    pos = 0
    for want in TIMES.get(key, []):
        try:
            pos = got.index(want, pos) + 1
        except ValueError:
            fail(f"{key}: time {want} not found (in order) among {got}")
            return
    mism = [t for t in facts.get("times", []) if t.get("weekday_mismatch")]
    if key == "004" and [t["text"] for t in mism] != ["Thursday, January 9"]:
        fail(f"{key}: expected one weekday mismatch on 'Thursday, January 9', got {mism}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    if not os.path.isdir(SEEDS):
        print(f"SKIP: {SEEDS} is absent (the shared data folder is not next to the checkout)")
        return 77
    files = sorted(os.path.join(SEEDS, f) for f in os.listdir(SEEDS) if f.endswith(".txt"))
    ex = subprocess.run([exe, "extract", *files], capture_output=True, text=True, timeout=60)
    fx = subprocess.run([exe, "facts", *files], capture_output=True, text=True, timeout=60)
    if ex.returncode or fx.returncode:
        fail(f"extract exit {ex.returncode}, facts exit {fx.returncode}: {fx.stderr.strip()[:300]}")
        return 1
    arts = {a["id"]: a for a in map(json.loads, ex.stdout.splitlines())}
    facts = {f["id"]: f for f in map(json.loads, fx.stdout.splitlines())}
    for path in files:
        sid = os.path.splitext(os.path.basename(path))[0]
        key = sid[:3]
        if key not in ENTITIES:
            continue
        if sid not in arts or sid not in facts:
            fail(f"{key}: no output")
            continue
        check_seed(key, arts[sid], facts[sid])
        check_times(key, facts[sid])
    bad_input(exe)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("seed facts: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
