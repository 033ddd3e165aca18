#!/usr/bin/env python3
"""Builds src/facts/gazetteer_data.c from the gazetteer files in data/gazetteer/.

usage: src/facts/gen_gazetteer.py [--check]
  --check  exit 1 when the committed gazetteer_data.c differs from what the files give

Input (tab-separated, '#' comments; see data/gazetteer/README.md):
  countries.tsv   name, demonyms, other names, capitals
  orgs.tsv        name, kind, other names, country
  places.tsv      name, kind, other names, country, demonyms
  other.tsv       name, kind, other names (indices, laws, events, products: type "other")
  cities.tsv      name, country, other names
  titles.tsv      title, role, gender
  first_names.tsv name, gender
Output: one group per named thing (its canonical name, entity type, kind, country) and one
row per surface form pointing at its group. A surface form claimed twice keeps the first
claim in the order countries, organisations, places, other, capitals, cities (so "Georgia" is the
country, "Kremlin" the government). A leading "the " is dropped ("the Pentagon" ->
"Pentagon"): the extractor reads a determiner before a name as a determiner.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "data", "gazetteer")
OUT = os.path.join(HERE, "gazetteer_data.c")

PERSON, ORG, LOC, OTHER = 0, 1, 2, 3  # nf_entity_type
KINDS = ["country", "capital", "city", "state", "province", "region", "continent", "sea",
         "river", "mountain", "island", "landmark", "international", "government",
         "company", "media", "education", "index", "currency", "programme", "law", "event",
         "product"]

# Single-word places that are also common surnames or given names: a person reading wins
# when the article gives one (a title, a given name before it, the same word as a
# person's surname).
WEAK_PLACES = {
    "Jackson", "Lincoln", "Madison", "Houston", "Trenton", "Raleigh", "Hamilton", "Kingston",
    "Charleston", "Richmond", "Columbus", "Dover", "Salem", "Augusta", "Helena", "Pierre",
    "Chad", "Georgia", "Sydney", "Dallas", "Austin", "Orlando", "Cleveland", "Denver",
    "Phoenix", "Savannah", "Victoria", "Charlotte", "Florence", "Regina", "Jordan",
    "Santiago", "Salvador", "Montgomery", "Lansing", "Bismarck", "Olympia", "Ferguson",
    "Flint", "Paris", "Israel", "Lima", "Nelson", "Wellington", "Winston", "Washington",
    "Arlington", "Springfield", "Concord", "Jefferson", "Franklin", "Troy", "Eugene",
    "Tyler", "Beverly", "Marion", "Clinton", "Douglas", "Warren", "Newton", "Bristol",
    "Chester", "Lancaster", "York", "Durham", "Kent", "Essex", "Surrey", "Devon", "Hudson",
    "Amazon", "Cork", "Bath", "Mercedes", "Victoria", "Valencia", "Córdoba", "Trujillo",
}


def rows(name, ncols):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > ncols:
                sys.exit(f"{name}:{n}: {len(cols)} columns, expected at most {ncols}")
            yield n, cols + [""] * (ncols - len(cols))


def split(s, sep="|"):
    return [x.strip() for x in s.split(sep) if x.strip()]


def strip_the(s):
    return s[4:] if s.startswith("the ") else s


class Gaz:
    def __init__(self):
        self.groups = []  # (name, type, kind, country_name)
        self.names = {}   # surface -> (group, flags)
        self.order = []

    def group(self, name, etype, kind, country=""):
        self.groups.append((name, etype, kind, country))
        return len(self.groups) - 1

    def name(self, surface, g, flags=0):
        surface = strip_the(surface.strip())
        if not surface or surface in self.names:
            return
        self.names[surface] = (g, flags)
        self.order.append(surface)


def c_str(s):
    out = '"'
    for ch in s:
        if ch in '"\\':
            out += "\\" + ch
        elif ord(ch) < 0x20:
            out += "\\x%02x" % ord(ch)
        else:
            out += ch
    return out + '"'


def build():
    gz = Gaz()
    first = {}
    for _, (n, g) in rows("first_names.tsv", 2):
        if g not in ("f", "m", "u"):
            sys.exit(f"first_names.tsv: bad gender {g!r} for {n}")
        first[n] = g

    def weak(s):
        return 2 if (" " not in s and (s in WEAK_PLACES or s in first)) else 0

    countries = {}
    capitals = []
    for n, (name, dem, other, caps) in rows("countries.tsv", 4):
        g = gz.group(name, LOC, "country", name)
        countries[name] = g
        gz.name(name, g, weak(name))
        for a in split(other):
            gz.name(a, g, (4 if a.replace(".", "").isupper() else 0) | weak(a))
        for d in split(dem):
            gz.name(d, g, 1)
        for city in split(caps, ";"):
            capitals.append((split(city), name))
    for n, (name, kind, other, country) in rows("orgs.tsv", 4):
        if kind not in KINDS:
            sys.exit(f"orgs.tsv:{n}: unknown kind {kind!r}")
        g = gz.group(strip_the(name), ORG, kind, country)
        for a in [name] + split(other):
            gz.name(a, g, 4 if a.replace(".", "").replace("-", "").replace("&", "").isupper() else 0)
    for n, (name, kind, other, country, dem) in rows("places.tsv", 5):
        if kind not in KINDS:
            sys.exit(f"places.tsv:{n}: unknown kind {kind!r}")
        g = gz.group(strip_the(name), LOC, kind, country)
        for a in [name] + split(other):
            gz.name(a, g, weak(strip_the(a)))
        for d in split(dem):
            gz.name(d, g, 1)
    for n, (name, kind, other) in rows("other.tsv", 3):
        if kind not in KINDS:
            sys.exit(f"other.tsv:{n}: unknown kind {kind!r}")
        g = gz.group(name, OTHER, kind, "")
        for a in [name] + split(other):
            gz.name(a, g, 0)
    for names, country in capitals:
        g = gz.group(names[0], LOC, "capital", country)
        for a in names:
            gz.name(a, g, weak(a))
    for n, (name, country, other) in rows("cities.tsv", 3):
        if country not in countries:
            sys.exit(f"cities.tsv:{n}: unknown country {country!r}")
        g = gz.group(name, LOC, "city", country)
        for a in [name] + split(other):
            gz.name(a, g, weak(strip_the(a)))
    titles = []
    for n, (t, role, gender) in rows("titles.tsv", 3):
        if gender not in ("f", "m", "-"):
            sys.exit(f"titles.tsv:{n}: bad gender {gender!r}")
        titles.append((t, "" if role == "-" else role, gender))
    return gz, titles, first


def render(gz, titles, first):
    gindex = {}
    for i, (name, *_r) in enumerate(gz.groups):
        gindex.setdefault(name, i)
    out = []
    w = out.append
    w("/* Generated by src/facts/gen_gazetteer.py from the .tsv files in data/gazetteer: do not edit by hand;")
    w(" * edit the .tsv files and run the script again. */")
    w('#include "gazetteer.h"')
    w("")
    w("const nf__gz_group nf__gz_groups[] = {")
    for name, etype, kind, country in gz.groups:
        cidx = -1
        if country:
            cidx = next((i for i, g in enumerate(gz.groups) if g[0] == country and g[2] == "country"), -1)
        w(f"    {{{c_str(name)}, {etype}, NF__GZK_{kind.upper()}, {cidx}}},")
    w("};")
    w(f"const size_t nf__gz_n_groups = {len(gz.groups)};")
    w("")
    w("const nf__gz_name nf__gz_names[] = {")
    for s in gz.order:
        g, flags = gz.names[s]
        w(f"    {{{c_str(s)}, {g}, {flags}}},")
    w("};")
    w(f"const size_t nf__gz_n_names = {len(gz.order)};")
    w("")
    w("const nf__gz_title nf__gz_titles[] = {")
    for t, role, gender in titles:
        w(f"    {{{c_str(t)}, {c_str(role)}, '{gender}'}},")
    w("};")
    w(f"const size_t nf__gz_n_titles = {len(titles)};")
    w("")
    w("const nf__gz_first nf__gz_first_names[] = {")
    for n in sorted(first):
        w(f"    {{{c_str(n)}, '{first[n]}'}},")
    w("};")
    w(f"const size_t nf__gz_n_first_names = {len(first)};")
    return "\n".join(out) + "\n"


def main():
    gz, titles, first = build()
    text = render(gz, titles, first)
    if "--check" in sys.argv[1:]:
        try:
            with open(OUT, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            print("gazetteer_data.c is out of date: run src/facts/gen_gazetteer.py")
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{OUT}: {len(gz.groups)} groups, {len(gz.order)} names, {len(titles)} titles, "
          f"{len(first)} given names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
