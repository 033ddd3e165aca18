"""Pathological inputs for the brief, run by run.py: `newsfuse brief` (JSON, Markdown and
HTML) on JSONL files of generated articles about invented events. Each case must end in
time, give a schema-shaped brief and a readable Markdown brief:

  one-article      a story of one article: summary from it, its claims single-source;
  no-facts         articles without a number, a name, a date or a quote: empty lists;
  thousand         1,000 articles of one story, with varying figures, quotes and dates:
                   the Markdown and HTML stay readable (summary at most 6 sentences,
                   claims, disagreements, timeline and quotes capped, "more in the JSON"),
                   the JSON keeps every claim;
  half-percent     "50 percent" in one article and "half" in another: one claim, no
                   disagreement;
  untitled         articles without a title: the headline is the lead sentence cut at a
                   clause or phrase break, not the whole sentence.

run(exe, tmp, hang) runs the cases and returns the number of failures. Nothing is stored:
every text is generated here from invented sentences.
"""
import json
import os
import random
import subprocess
import time

PLACES = ["Veldin", "Tarrow", "Marsk", "Oldfen", "Quarry Bay", "Hallam Cross"]
PEOPLE = ["Ines Varga", "Tomas Reyl", "Priya Odum", "Karel Baptiste", "Anouk Strand"]
OUTLETS = ["veldin-courier", "tarrow-times", "marsk-radio", "oldfen-post", "bay-herald",
           "cross-gazette", "north-wire", "valley-news"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def dump(title, date, source, body):
    """One JSONL record (the case's articles are the lines of one .jsonl file)."""
    rec = {"url": f"https://{source or 'unknown'}.example/{abs(hash(body)) % 10**9}",
           "text": body}
    if title:
        rec["title"] = title
    if date:
        rec["published"] = date + "T09:00:00Z"
    if source:
        rec["source"] = source
    return rec


def landslide(rnd, i):
    """One of many reports of an invented landslide in Veldin (2026-04-14, a Tuesday)."""
    homes = rnd.choice([40, 40, 40, 42, 45, 60])
    people = rnd.choice([300, 300, 310, 350, 1200])
    cost = rnd.choice([12, 12, 15])
    who = rnd.choice(PEOPLE)
    day = rnd.choice([14, 14, 15])
    wd = WEEKDAYS[(day - 13) % 7]  # 2026-04-13 is a Monday
    if rnd.random() < 0.05:
        wd = "Friday"  # a weekday the calendar contradicts
    sents = [
        f"A landslide buried {homes} homes in the hillside town of Veldin on {wd}, April {day}, "
        f"after three days of heavy rain, officials said.",
        f"About {people} residents were evacuated to schools and a sports hall.",
        f"\u201cWe will rebuild every house that was lost,\u201d said {who}, the regional "
        f"emergency coordinator.",
        f"The repair bill is expected to reach \u20ac{cost} million, according to the council.",
        f"Rescue teams from {rnd.choice(PLACES)} joined the search on Wednesday.",
        f"Roads into {rnd.choice(PLACES)} stayed closed for a {rnd.choice(['second', 'third'])} day.",
        f"Geologists said about {rnd.choice([30, 30, 35])} percent of the slope was still moving.",
    ]
    sents += [
        "The hillside above the old quarry had been monitored since a smaller slide two years "
        "ago, and residents had asked the council for drainage works on the slope.",
        "The regional government opened an emergency fund for families who lost their homes "
        "and promised temporary housing within a week.",
    ]
    if rnd.random() < 0.5:
        sents.pop(rnd.randrange(1, len(sents)))  # most reports carry most of the story
    body = "\n\n".join(sents)
    return dump(f"Landslide buries homes in Veldin ({i})", f"2026-04-{day}", rnd.choice(OUTLETS), body)


def cases():
    rnd = random.Random(11)
    yield "one-article", [landslide(rnd, 0)], {"stories": 1, "articles": 1}
    quiet = ("The morning was quiet along the river and the market opened as usual.\n\n"
             "Traders set out their stalls and talked about the weather and the harvest.\n\n"
             "Nobody expected anything to happen and nothing did.")
    yield "no-facts", [dump("A quiet morning", "", "", quiet) for k in range(3)], {"articles": 3}
    yield "thousand", [landslide(rnd, k) for k in range(1000)], {"articles": 1000, "big": True}
    half = [
        dump("Tarrow budget vote", "2026-05-05", "tarrow-times",
             "Some 50 percent of the road budget was cut by the Tarrow council on Monday.\n\n"
             "The vote was 9 to 4."),
        dump("Tarrow halves road budget", "2026-05-05", "marsk-radio",
             "Half of the road budget was cut by the Tarrow council on Monday.\n\n"
             "Councillors voted 9 to 4."),
    ]
    yield "half-percent", half, {"articles": 2, "half": True}
    lead = ("Harbour pilots in Quarry Bay refused to guide container ships into the port for a "
            "third day on Thursday in a dispute over night-shift pay with the port authority, "
            "while shipping lines began diverting vessels to Hallam Cross.")
    untitled = [dump(None, "2026-06-04", src, lead + "\n\nThe port authority said talks would "
                     "resume on Monday.") for src in ("bay-herald", "north-wire")]
    yield "untitled", untitled, {"articles": 2, "untitled": True}


def brief(exe, path, fmt, hang):
    return subprocess.run([exe, "brief", "--format", fmt, path], capture_output=True, timeout=hang)


def check(name, outs, want):
    problems = []
    for fmt, r in outs.items():
        if r.returncode not in (0, 1):
            problems.append(f"{fmt}: exit {r.returncode} ({r.stderr.decode(errors='replace')[:120]})")
    if problems:
        return problems
    b = json.loads(outs["json"].stdout)
    md = outs["md"].stdout.decode()
    html = outs["html"].stdout.decode()
    arts = sum(len(s["articles"]) for s in b["stories"])
    if arts != want["articles"]:
        problems.append(f"{arts} articles in stories, want {want['articles']}")
    if "stories" in want and len(b["stories"]) != want["stories"]:
        problems.append(f"{len(b['stories'])} stories, want {want['stories']}")
    for s in b["stories"]:
        if not 1 <= len(s["summary"]) <= 6 and any(a for a in s["articles"]):
            problems.append(f"story {s['id']}: {len(s['summary'])} summary sentences")
    if want.get("stories") == 1 and want["articles"] == 1:
        s = b["stories"][0]
        if any(c["status"] != "single-source" for c in s["claims"]):
            problems.append("a claim of a one-article story is not single-source")
    if want.get("big"):
        s = max(b["stories"], key=lambda s: len(s["articles"]))
        if len(s["articles"]) < 500:
            problems.append(f"largest story has {len(s['articles'])} of 1,000 articles")
        if not any(c["status"] == "disputed" for c in s["claims"]):
            problems.append("no disputed claim among varying figures")
        if not any(d["kind"] == "date" for d in s["disagreements"]):
            problems.append("no date disagreement for a contradicted weekday")
        # readable: every list capped in Markdown, the rest in the JSON
        lines = md.splitlines()
        if len(md) > 200_000 + 150 * 1000 + 4000 * len(b["stories"]):  # a source line per article
            problems.append(f"Markdown brief is {len(md)} bytes")
        longest = max(len(l) for l in lines if not l[:1].isdigit())
        if longest > 4000:
            problems.append(f"a Markdown line of {longest} bytes")
        if "more in the JSON" not in md:
            problems.append("Markdown does not point to the JSON for the rest")
        if len(html) > 400_000 + 300 * 1000 + 8000 * len(b["stories"]):
            problems.append(f"HTML brief is {len(html)} bytes")
    if want.get("untitled"):  # a headline from the lead sentence, short, not the sentence
        for s in b["stories"]:
            h, first = s["headline"], s["summary"][0]["text"] if s["summary"] else ""
            if len(h.encode()) > 150 or not first.startswith(h.rstrip("\u2026")) or h.endswith("."):
                problems.append(f"headline of an untitled story: {h!r}")
    if want.get("half"):
        claims = [c for s in b["stories"] for c in s["claims"]
                  if c["unit"] == "percent" and abs(c["value"] - 50) < 0.5]
        if len(claims) != 1 or len(claims[0]["articles"]) != 2:
            problems.append(f"50 percent and half are not one claim of two articles: {claims}")
        if any(d["kind"] == "quantity" for s in b["stories"] for d in s["disagreements"]):
            problems.append("50 percent against half is reported as a disagreement")
    return problems


def run(exe, tmp, hang):
    fails = 0
    for name, recs, want in cases():
        folder = os.path.join(tmp, "brief-" + name + ".jsonl")
        with open(folder, "w", encoding="utf-8") as f:
            for k, rec in enumerate(recs):
                f.write(json.dumps(dict(rec, id=f"{name}-{k:04d}"), ensure_ascii=False) + "\n")
        t0 = time.monotonic()
        try:
            outs = {fmt: brief(exe, folder, fmt, hang) for fmt in ("json", "md", "html")}
        except subprocess.TimeoutExpired:
            print(f"FAIL brief {name}: no result in {hang} s (hang)")
            fails += 1
            continue
        secs = time.monotonic() - t0
        try:
            problems = check(name, outs, want)
        except (ValueError, KeyError) as e:
            problems = [f"unreadable JSON brief: {e}"]
        print(f"{'FAIL' if problems else 'ok  '} brief {name}: {secs:.1f} s for 3 formats"
              f"{'; ' + '; '.join(problems) if problems else ''}")
        fails += bool(problems)
    return fails
