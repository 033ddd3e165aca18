"""Pathological inputs for the cluster stage, run by run.py: `newsfuse stories` on folders of
generated files. Each case must end in time, exit as the CLI contract says, and account for
every readable article exactly once (nothing dropped silently, duplicates folded, not lost).

run(exe, tmp, hang) runs the cases and returns the number of failures. The articles are
generated here from invented sentences; nothing is stored. When the binary has no `stories`
command yet, the cases are skipped with a note.
"""
import json
import os
import random
import subprocess
import resource

WORDS = ("harbour bridge council vote ferry crane tanker storm budget school hospital fire "
         "police strike minister court farmers river festival museum election port mayor "
         "railway market island factory drought flood airport union contract inquiry").split()
PLACES = ["Veldin", "Tarrow", "Calvera", "Ashcombe", "Dunmore", "Lanza", "Brackwater", "Tolle"]


def article(rnd, topic, date=None, title=None):
    """An invented article about `topic` (a seed for its words and names)."""
    t = random.Random(topic)
    words = t.sample(WORDS, 6)
    place = t.choice(PLACES)
    head = title or f"{place} {words[0]} {words[1]}"
    sents = []
    for i in range(8):
        w = [words[(i + k) % 6] for k in range(3)] + [rnd.choice(WORDS)]
        sents.append(f"The {w[0]} in {place} met the {w[1]} over the {w[2]} and the {w[3]} on "
                     f"day {t.randint(2, 28)}, officials in {place} said.")
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{s}</p>" for s in sents)
    return (f"<!DOCTYPE html><html><head><title>{head}</title>{meta}</head><body><h1>{head}</h1>"
            f"{body}</body></html>").encode()


CORE = ["Flood water reached the Veldin ferry terminal on Tuesday and closed the harbour bridge.",
        "Mayor Ilse Brandvoort said 340 homes near the river were evacuated overnight.",
        "The Tarrow dam released water after three days of rain, the river authority said.",
        "Rail services between Veldin and Ashcombe stayed suspended until the water falls.",
        "The port union said its members would help the fire brigade fill sandbags."]
OTHER = ["A fire destroyed the Lanza grain market early on Tuesday, the police said.",
         "Firefighter chief Oren Maalu said 60 stalls burned and two traders were hurt.",
         "The Lanza council will open a hall for the traders while the market is rebuilt.",
         "Farmers who sold at the market asked the ministry for help with their losses.",
         "The cause of the fire is not known and an inquiry opened on Wednesday."]


ASIDES = ("kiosk lantern bicycle umbrella pigeon bakery tram fountain bench statue garden "
          "library chapel orchard balcony scooter newsstand playground clocktower aquarium").split()


def big_story_article(rnd, i, core=CORE, head="Flood closes Veldin harbour bridge, homes evacuated"):
    """One of many different reports of one invented event: most of the event's sentences in
    another order, with sentences of its own between them (not copies of each other)."""
    sents = rnd.sample(core, 4)
    for _ in range(5):
        w = rnd.sample(ASIDES, 4)
        sents.insert(rnd.randrange(len(sents) + 1),
                     f"A passer-by pointed at the {w[0]} and the {w[1]} near the {w[2]} by the {w[3]}.")
    sents.append(f"This is report number {i} from the scene.")
    meta = '<meta property="article:published_time" content="2026-04-14T%02d:00:00Z">' % (6 + i % 12)
    body = "".join(f"<p>{s}</p>" for s in sents)
    return (f"<!DOCTYPE html><html><head><title>{head}</title>{meta}</head><body><h1>{head}</h1>"
            f"{body}</body></html>").encode()


def cases():
    rnd = random.Random(5)
    # empty and near-empty inputs beside real ones: the unreadable are named on stderr
    files = {}
    for i in range(10):
        files[f"empty-{i}.txt"] = b""
        files[f"blank-{i}.txt"] = b" \n\n\t \n"
    for i in range(5):
        files[f"chrome-only-{i}.txt"] = b"We use cookies.\nAccept\n"
    for i in range(10):
        files[f"story-{i}.html"] = article(rnd, i % 3, "2026-03-1%d" % (i % 3))
    yield "empty-articles", files, {"exit": 1, "articles": 15, "errors": 20}

    one = article(rnd, 7, "2026-03-10")
    yield "identical-10k", {f"copy-{i:05d}.html": one for i in range(10000)}, \
        {"exit": 0, "articles": 10000, "stories": 1, "copies": 9999, "scale_from": 2500}

    yield "no-dates", {f"undated-{i}.html": article(rnd, i % 4) for i in range(40)}, \
        {"exit": 0, "articles": 40}

    yield "decades-apart", {f"y{y}.html": article(rnd, 11, f"{y}-06-01") for y in (1950, 1975, 2000, 2026)}, \
        {"exit": 0, "articles": 4, "stories": 4}

    yield "one-article", {"only.html": article(rnd, 3, "2026-03-10")}, \
        {"exit": 0, "articles": 1, "stories": 1}

    # one event reported a thousand different ways in one day: its words must not become
    # so common in the stream that its later reports stop matching its first ones
    yield "one-story-1000-reports", {f"r{i:04d}.html": big_story_article(rnd, i) for i in range(1000)}, \
        {"exit": 0, "articles": 1000, "stories": 1}
    # and two such events the same day, their reports interleaved, stay two stories
    # (after the day's other news, so that the stream knows which words are common)
    two = {f"a{i:04d}.html": article(rnd, 1000 + i, "2026-04-14") for i in range(300)}
    two.update({f"r{i:04d}.html": big_story_article(rnd, i) if i % 2 else
                big_story_article(rnd, i, OTHER, "Fire destroys Lanza grain market") for i in range(1000)})
    yield "two-stories-1000-reports", two, {"exit": 0, "articles": 1300, "big": 2}

    # a long dated stream: stories close and their postings are swept
    days = {f"s{i:05d}.html": article(rnd, i % 300, "20%02d-%02d-%02d" % (20 + i // 1200, 1 + i // 100 % 12, 1 + i % 28))
            for i in range(3000)}
    yield "stream-3000-over-3-years", days, {"exit": 0, "articles": 3000, "stream": True}


def run_case(exe, folder, want, hang):
    args = [exe, "stories", "--format", "jsonl"] + (["--stream"] if want.get("stream") else []) + [folder]
    # CPU time of the child (user + sys), not wall time: on a loaded machine waiting for a
    # core would otherwise look like work. Only the ratio of two runs is compared.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(args, capture_output=True, timeout=hang)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check(name, r, want):
    problems = []
    err = r.stderr.decode("utf-8", "replace").strip()
    if r.returncode != want["exit"]:
        problems.append(f"exit {r.returncode}, want {want['exit']} ({err[:120]})")
    if "errors" in want and len(err.splitlines()) != want["errors"]:
        problems.append(f"{len(err.splitlines())} error lines, want {want['errors']}")
    try:
        stories = [json.loads(l) for l in r.stdout.decode().splitlines()]
    except ValueError as e:
        return [f"output is not JSONL: {e}"]
    ids = [a["id"] for s in stories for a in s["articles"]]
    if len(ids) != len(set(ids)):
        problems.append("an article is listed twice")
    if len(ids) != want["articles"]:
        problems.append(f"{len(ids)} articles listed, want {want['articles']}")
    if "stories" in want and len(stories) != want["stories"]:
        problems.append(f"{len(stories)} stories, want {want['stories']}")
    if "big" in want and sum(1 for s in stories if len(s["articles"]) >= 100) != want["big"]:
        sizes = sorted((len(s["articles"]) for s in stories), reverse=True)[:5]
        problems.append(f"stories of 100+ articles: {sizes[:5]}..., want {want['big']} of them")
    if "copies" in want:
        copies = sum(1 for s in stories for a in s["articles"] if a["copy_of"])
        if copies != want["copies"]:
            problems.append(f"{copies} copies marked, want {want['copies']}")
        if stories and stories[0]["outlets"] > 1:
            problems.append(f"copies counted as {stories[0]['outlets']} outlets")
    return problems


def run(exe, tmp, hang):
    probe = subprocess.run([exe, "stories", "--help"], capture_output=True)
    if probe.returncode != 0:
        print("note: this newsfuse has no `stories` command yet, cluster cases skipped")
        return 0
    fails = 0
    for name, files, want in cases():
        folder = os.path.join(tmp, "cluster-" + name)
        os.makedirs(folder)
        for fn, data in files.items():
            with open(os.path.join(folder, fn), "wb") as f:
                f.write(data)
        try:
            r, secs = run_case(exe, folder, want, hang)
        except subprocess.TimeoutExpired:
            print(f"FAIL cluster {name}: no result in {hang} s (hang)")
            fails += 1
            continue
        problems = check(name, r, want)
        if "scale_from" in want and not problems:
            # linear work: a quarter of the copies should take about a quarter of the CPU time
            small = os.path.join(tmp, "cluster-" + name + "-small")
            os.makedirs(small)
            for fn in sorted(files)[:want["scale_from"]]:
                with open(os.path.join(small, fn), "wb") as f:
                    f.write(files[fn])
            _, secs_small = run_case(exe, small, want, hang)
            ratio = secs / max(secs_small, 0.05)
            if ratio > 4 * 2.5:  # 4x the input; generous for a shared machine
                problems.append(f"{len(files)} copies took {ratio:.1f}x the CPU time of {want['scale_from']}")
        print(f"{'FAIL' if problems else 'ok  '} cluster {name}: exit {r.returncode}, {secs:.1f} s CPU"
              f"{'; ' + '; '.join(problems) if problems else ''}")
        fails += bool(problems)
    return fails
