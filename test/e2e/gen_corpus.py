#!/usr/bin/env python3
"""Writes a JSONL file of invented news articles for the store's crash test and benchmark.

Every name, place and event is made up here from syllables and templates (a fixed seed, so
the same arguments give the same file). Events are spread over time (about three a day);
each is reported by 2 to 6 outlets in their own words: a lead with the event's numbers and
date, a quote from an invented official, background and reaction paragraphs.

usage: gen_corpus.py OUT.jsonl N_ARTICLES [SEED]
"""
import datetime
import json
import random
import sys

SYL = ["var", "nol", "ket", "bri", "sto", "lam", "quen", "dor", "mel", "tar", "vos", "ish",
       "pra", "lun", "gev", "hal", "rim", "zet", "cor", "bel", "fan", "ost", "wen", "ulm"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

POOL = [
    "The {town} {body} {verb} the {n1}-{unit} {noun1} on {wd}, {role} {official} said.",
    "{official}, the {body}'s {role}, said the {noun1} would cost {money}.",
    "\u201cWe have waited {n2} years for this,\u201d {official} told reporters in {town}.",
    "Opponents led by {witness} argued that the {noun2} near {place2} should come first.",
    "The decision followed a {n3}-hour meeting at the {noun3} in {town}.",
    "{witness} said: \u201cNobody asked the people of {place2} what they think.\u201d",
    "Work on the {noun1} is due to start in {month}, with {n4} {workers} hired.",
    "The regional office in {place3} will pay {pct} per cent of the {money} bill.",
    "Last year {n5} residents of {town} signed a petition against the {noun2}.",
    "A similar {noun1} in {place3} was abandoned after its cost doubled.",
    "{official} promised a public hearing on the {noun3} before {month}.",
    "Traffic around {place2} will be diverted for {n3} weeks, the {body} said.",
    "The {noun2} has been closed since {month} because of {noun4}.",
    "Shops in {place2} reported a {pct} per cent fall in sales during the works.",
    "The {body} voted {n6} to {n7}, with {n8} abstentions.",
    "\u201cThis {noun1} will change {town} for a generation,\u201d said {official}.",
]
VERBS = ["approved", "rejected", "postponed", "funded", "cancelled", "reopened"]
BODIES = ["council", "port authority", "school board", "health trust", "water company", "transit agency"]
UNITS = ["metre", "kilometre", "bed", "seat", "tonne", "megawatt"]
WORKERS = ["engineers", "builders", "nurses", "drivers", "inspectors"]
OUTLETS = ["Gazette", "Courier", "Herald", "Chronicle", "Post", "Observer", "Radio", "Ledger"]


def word(rng, n=2):
    return "".join(rng.choice(SYL) for _ in range(n))


def name(rng):
    return word(rng, 2).capitalize() + " " + word(rng, 2).capitalize()


def place(rng):
    return word(rng, rng.choice([2, 3])).capitalize()


def event(rng, k, day0):
    day = day0 + datetime.timedelta(days=k // 3)
    f = {
        "town": place(rng), "place2": place(rng), "place3": place(rng),
        "body": rng.choice(BODIES), "verb": rng.choice(VERBS), "unit": rng.choice(UNITS),
        "noun1": word(rng, 3), "noun2": word(rng, 3), "noun3": word(rng, 2), "noun4": word(rng, 3),
        "official": name(rng), "witness": name(rng),
        "role": rng.choice(["mayor", "spokeswoman", "director", "chair", "chief officer"]),
        "money": f"\u20ac{rng.randint(2, 400)} million", "pct": rng.randint(5, 60),
        "month": rng.choice(MONTHS), "workers": rng.choice(WORKERS), "wd": WEEKDAYS[day.weekday()],
    }
    for i in range(1, 9):
        f[f"n{i}"] = rng.randint(2, 999)
    sents = [POOL[0].format(**f)] + [t.format(**f) for t in rng.sample(POOL[1:], 8)]
    title = rng.choice(["{town} {body} {verb} {noun1}", "{official} defends {noun1} plan for {town}",
                        "{noun1}: what the {town} vote means", "{town} {verb} {money} {noun1}"]).format(**f)
    return {"date": day, "sents": sents, "title": title, "f": f}


def article(rng, ev, outlet, j):
    d = ev["date"] + datetime.timedelta(days=rng.choice([0, 0, 1]))
    body = [ev["sents"][0]]
    for s in rng.sample(ev["sents"][1:], rng.randint(4, 7)):
        words = s.split(" ")
        if rng.random() < 0.4 and len(words) > 8:
            del words[rng.randrange(1, len(words) - 1)]
        body.append(" ".join(words))
    title = ev["title"] if j % 2 == 0 else ev["title"].replace(ev["f"]["town"], ev["f"]["town"] + ":", 1)
    src = f"{['North', 'South', 'East', 'West', 'Bay', 'Valley', 'Upper', 'Lower'][j]} {outlet}"
    return {"title": title, "text": title + "\n\n" + "\n\n".join(body), "source": src,
            "published": d.isoformat()}


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    day0 = datetime.date(2031, 1, 5)
    written = 0
    k = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < n:
            ev = event(rng, k, day0)
            for j in range(rng.randint(2, 6)):
                if written >= n:
                    break
                a = article(rng, ev, rng.choice(OUTLETS), j)
                a["url"] = f"https://news.example.invalid/{k}/{j}"
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
                written += 1
            k += 1


if __name__ == "__main__":
    main()
