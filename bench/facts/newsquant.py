#!/usr/bin/env python3
"""NewsQuant (CQE evaluation set): quantities in news sentences, scored the CQE way.

Each sentence of formatted_test_set/NewsQuant.json becomes one file; one process runs
`newsfuse facts --plain DIR` over all of them. Our quantities are compared with the gold by
the metric of CQE_Evaluation/evaluate_models.py (calculate_metrics), re-implemented here:
for each gold quantity, the system quantities of the sentence are tried in unit order; a value
match (ranges as pairs, numpy.isclose tolerances) counts for "value" (at most as many as there
are gold quantities in the sentence); a value match whose normalised unit is equal counts for
"value+unit" and consumes that system quantity. P = correct / system count, R = correct / gold
count. "value+change" is counted the same way with the change class.

Unit mapping (ours -> CQE normalised unit, lower case):
  percent -> percentage; point -> point; basis point, percentage point unchanged
  currencies: USD -> dollar, EUR -> euro, GBP -> pound sterling, JPY -> japanese yen,
    AUD -> australian dollar, HKD -> hong kong dollar, CAD -> canadian dollar,
    ILS -> shekel, MYR -> malaysian ringgit, DKK -> danish krone, INR -> indian rupee,
    CNY -> chinese yuan, MXN -> mexican peso; cent -> cent
  km -> kilometre, m -> metre, cm -> centimetre, mm -> millimetre, kg -> kilogram, g -> gram,
    mg -> milligram, lb -> pound-mass, ton -> tonne, litre -> litre, ml -> millilitre,
    km2 -> square kilometre, m2 -> square metre, mph -> mile per hour,
    km/h -> kilometre per hour, °C -> celsius, °F -> fahrenheit, kW -> kilowatt,
    MW -> megawatt, GW -> gigawatt, kWh -> kilowatt hour, GWh -> gigawatt hour, W -> watt,
    hp -> horsepower, GB -> gigabyte, Hz -> hertz, rpm -> revolutions per minute,
    ppb -> parts-per-billion, mAh -> milliampere-hour, μm -> micrometre, nm -> nanometre,
    GPa -> gigapascal, bhp -> brake horsepower, lb-ft -> pound-foot, N·m -> newton metre,
    PS -> horsepower, mmBtu -> mega british thermal unit; a score ("2-0") -> "-"; other measures and time units
    (mile, yard, foot, day, year...) are already CQE's names
  years old -> year of age; "" (a bare number) -> "-"
  fraction ("almost half", value 0.5) -> "% " + the subject as written, lower case ("% germans"
    for "one out of three Germans"), "% -" without a subject, as CQE writes shares
  a counted noun ("21 rifles") -> lower case (newsfuse gives its lemma: "rifle", "good
    speaker" for "best speakers")
  "X per Y" -> both parts mapped ("USD per barrel" -> "dollar per barrel"); times -> count
Change: about/around/roughly/approximately/an estimated -> "~" first (CQE: "up about 19 per
  cent" is "~"); then rise/increase/jump/climb/gain/growth/surge/soar/spike -> up; drop/fall/decline/
  decrease/cut/reduction/plunge/slump/tumble/shrink/dip/slide/loss -> down; else from the
  qualifier: about/around/roughly/approximately/some/nearly/almost/close to/an estimated ->
  "~", more than/over/at least/above/upwards of/in excess of/just over/well over -> ">",
  less than/fewer than/under/below/up to/at most/just under -> "<"; else "=".

usage: newsquant.py [--nf build/newsfuse] [--data FILE] [--errors N]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))

UNIT = {
    "percent": "percentage", "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen",
    "AUD": "australian dollar", "HKD": "hong kong dollar", "CAD": "canadian dollar", "ILS": "shekel",
    "MYR": "malaysian ringgit", "DKK": "danish krone", "INR": "indian rupee", "CNY": "chinese yuan",
    "MXN": "mexican peso", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "lb": "pound-mass", "ton": "tonne", "ml": "millilitre",
    "km2": "square kilometre", "m2": "square metre", "mph": "mile per hour", "km/h": "kilometre per hour",
    "°C": "celsius", "°F": "fahrenheit", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt hour", "GWh": "gigawatt hour", "W": "watt", "hp": "horsepower", "GB": "gigabyte",
    "Hz": "hertz", "rpm": "revolutions per minute", "ppb": "parts-per-billion", "mAh": "milliampere-hour",
    "years old": "year of age", "": "-", "μm": "micrometre", "nm": "nanometre", "GPa": "gigapascal",
    "bhp": "brake horsepower", "lb-ft": "pound-foot", "N·m": "newton metre", "PS": "horsepower",
    "mmBtu": "mega british thermal unit", "Btu": "british thermal unit", "score": "-",
}
KNOWN = set(UNIT) | {"point", "basis point", "percentage point", "cent", "penny", "mile", "yard", "foot", "inch",
                     "ounce", "litre", "gallon", "barrel", "hectare", "acre", "knot", "degree", "second", "minute",
                     "hour", "day", "week", "month", "year", "decade", "century", "square mile", "square foot",
                     "nautical mile", "barrel per day", "TB", "Mbps", "Gbps", "GHz", "ppm", "nm", "MWh", "TWh",
                     "BTC", "CHF", "RUB", "KRW", "TRY", "ZAR", "NGN", "AED", "SAR", "PLN", "HUF", "SEK", "NOK", "BRL",
                     "ARS", "CLP", "COP", "PHP", "SGD", "NZD", "TWD", "FRF", "UAH", "m3", "cubic foot"}
UP = {"rise", "increase", "jump", "climb", "gain", "growth", "surge", "soar", "spike"}
DOWN = {"drop", "fall", "decline", "decrease", "cut", "reduction", "plunge", "slump", "tumble", "shrink", "dip",
        "slide", "loss"}
APPROX = {"about", "around", "roughly", "approximately", "some", "nearly", "almost", "close to", "an estimated",
          "estimated", "more or less"}
MORE = {"more than", "over", "at least", "above", "upwards of", "in excess of", "just over", "well over",
        "no less than", "no fewer than"}
LESS = {"less than", "fewer than", "under", "below", "up to", "at most", "just under", "no more than"}


def norm_unit(u):
    if " per " in u:
        a, b = u.split(" per ", 1)
        return norm_unit(a) + " per " + norm_unit(b)
    if u == "times":
        return "count"
    if u in UNIT:
        return UNIT[u]
    if u in KNOWN:
        return u.lower()
    return u.lower()  # counted nouns come lemmatised from newsfuse ("rifles" -> "rifle")


def change_of(q):
    d = q.get("direction")
    ql = q.get("qualifier")
    if ql in ("about", "around", "roughly", "approximately", "an estimated"):
        return "~"
    if d in UP:
        return "up"
    if d in DOWN:
        return "down"
    if ql in APPROX:
        return "~"
    if ql in MORE:
        return ">"
    if ql in LESS:
        return "<"
    return "="


def decode_gold(v):
    if isinstance(v, str) and "E" not in v and not v.startswith("-") and "-" in v:
        a, b = v.split("-")[:2]
        return (float(a), float(b))
    return float(v)


def isclose(a, b):
    return abs(a - b) <= 1e-08 + 1e-05 * abs(b)


def values_match(g, m):
    if isinstance(g, tuple) and isinstance(m, tuple):
        return isclose(g[0], m[0]) and isclose(g[1], m[1])
    if isinstance(g, tuple) or isinstance(m, tuple):
        return False
    return isclose(m, g)


def score(items):
    """CQE's calculate_metrics over [(gold list, system list)]."""
    tot_gt = tot_sys = cv = cu = cc = 0
    for gold, tags in items:
        tot_gt += len(gold)
        tot_sys += len(tags)
        tags = sorted(tags, key=lambda d: d["unit"])
        gold = sorted(gold, key=lambda d: d["unit"])
        left = len(gold)
        for g in gold:
            for t in list(tags):
                if values_match(g["value"], t["value"]):
                    if left > 0:
                        cv += 1
                        left -= 1
                    if t["change"] == g["change"]:
                        cc += 1
                    if t["unit"] == g["unit"]:
                        cu += 1
                        tags.remove(t)
                        tags = sorted(tags, key=lambda d: d["unit"])
                        break

    def f(tp):
        p = tp / tot_sys if tot_sys else 0
        r = tp / tot_gt if tot_gt else 0
        return (100 * p, 100 * r, 200 * p * r / (p + r) if p + r else 0)

    return f(cv), f(cu), f(cc), tot_gt, tot_sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nf", default=os.path.join(ROOT, "build", "newsfuse"))
    ap.add_argument("--data", default=os.path.join(SHARED, "eval", "newsquant", "formatted_test_set", "NewsQuant.json"))
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    data = json.load(open(args.data, encoding="utf-8"))
    ours = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, s in enumerate(data):
            with open(os.path.join(tmp, "s%04d.txt" % k), "w", encoding="utf-8") as f:
                f.write(s["text"] + "\n")
        t0 = time.time()
        r = subprocess.run([args.nf, "facts", "--plain", tmp], capture_output=True, text=True)
        dt = time.time() - t0
        for line in r.stdout.splitlines():
            o = json.loads(line)
            ours[o["id"]] = o["quantities"]
    items = []
    for k, s in enumerate(data):
        gold = [{"value": decode_gold(q["value"]), "unit": q["normalized_unit"].lower(), "change": q["change"]}
                for q in s["quantities"]]
        tags = []
        for q in ours.get("s%04d" % k, []):
            v = q["value"]
            if v is None or not math.isfinite(v):
                continue
            vm = q.get("value_max")
            val = (v, vm) if vm is not None and vm != v else v
            unit = norm_unit(q["unit"])
            if q["unit"] == "fraction":  # CQE: "% " and what the share is of, "% -" when unknown
                unit = "% " + (q.get("subject") or "-").lower()
            tags.append({"value": val, "unit": unit, "change": change_of(q), "text": q["text"]})
        items.append((gold, tags))
    (vp, vr, vf), (up, ur, uf), (cp, cr, cf), ngt, nsys = score(items)
    print(f"NewsQuant (formatted_test_set, the even-numbered half): {len(data)} sentences, {ngt} gold quantities,"
          f" {nsys} ours; newsfuse wall {dt:.2f} s")
    print("| system | value P/R/F1 | value+unit P/R/F1 | value+change P/R/F1 |")
    print("|---|---|---|---|")
    print(f"| newsfuse | {vp:.1f} / {vr:.1f} / **{vf:.1f}** | {up:.1f} / {ur:.1f} / **{uf:.1f}** | "
          f"{cp:.1f} / {cr:.1f} / **{cf:.1f}** |")
    print("| CQE (published, all 590 sentences) | 92.0 / 91.9 / 92.0 | 85.6 / 85.5 / 85.6 | 88.2 / 88.1 / 88.1 |")
    if args.errors:
        shown = 0
        for (gold, tags), s in zip(items, data):
            gs = sorted((str(g["value"]), g["unit"], g["change"]) for g in gold)
            ts = sorted((str(t["value"]), t["unit"], t["change"]) for t in tags)
            if gs != ts:
                print("\n" + s["text"])
                print("   gold:", gs)
                print("   ours:", ts, [t["text"] for t in tags])
                shown += 1
                if shown >= args.errors:
                    break


if __name__ == "__main__":
    main()
