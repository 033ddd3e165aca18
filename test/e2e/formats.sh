#!/usr/bin/env bash
# Input formats end to end: WARC, WARC.gz (one gzip member per record, a chunked and
# gzip-encoded response, a non-HTML record), standard input, JSONL, RSS with pages present
# locally, Atom, an empty feed, and damaged containers. Inputs are built here at run time
# from short invented articles; the checks are on `newsfuse extract` output (ids, urls,
# titles, dates, sources, record counts), exit codes and one-line errors.
# Expected ids are the first 16 hex digits of XXH3-64 of the URL (checked once against
# libxxhash).
# usage: formats.sh PATH/TO/newsfuse
set -u
NF=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

python3 - "$tmp" <<'PY'
import gzip, json, os, sys, zlib
d = sys.argv[1]

def page(title, paras, head=""):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>%s</head>"
            "<body><article><h1>%s</h1>%s</article></body></html>" % (title, head, title, body)).encode()

FERRY = page("Ferry timetable changes for the spring", [
    "The ferry between Lindqvist and the outer islands will leave forty minutes earlier from April, the operator said on Tuesday.",
    "The change follows complaints from commuters who missed the first bus to the mainland hospital.",
    "A second evening crossing will run on Fridays and Saturdays until the end of September."])
BREAKWATER = page("Breakwater repairs will take another month", [
    "Engineers found more damage to the northern breakwater than expected after last week's storm, the port authority said.",
    "Fishing boats will use the eastern quay until the work is done, and the pilot station stays open.",
    "The repairs are expected to cost about 2.4 million crowns, paid from the harbour's reserve fund."])
BRIDGE = page("Council approves a second bridge over the river", [
    "The valley council voted nine to four on Wednesday to build a second road bridge across the river at the old mill.",
    "Supporters said the single bridge in the town centre is jammed every morning; opponents worried about the cost.",
    "Construction is planned to start next spring and to take two years."])
PILOT = page("New pilot boat named after retired harbour master", [
    "The harbour's new pilot boat was named on Saturday after Greta Holm, who ran the port for twenty-two years.",
    "Holm, now 81, broke a bottle of cider on the bow in front of about two hundred people on the quay.",
    "The boat replaces a vessel built in 1979 and can work in heavier seas, the pilots said."])

def http(body, ctype="text/html; charset=utf-8", extra=b"", status=b"200 OK"):
    h = b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype.encode() + b"\r\nDate: Wed, 04 Mar 2026 06:00:00 GMT\r\n" + extra
    if b"chunked" not in extra:
        h += b"Content-Length: %d\r\n" % len(body)
    return h + b"\r\n" + body

def rec(block, uri, typ=b"response", ctype=b"application/http; msgtype=response", clen=None,
        date=b"2026-03-04T06:00:00Z"):
    n = len(block) if clen is None else clen
    return (b"WARC/1.1\r\nWARC-Type: " + typ + b"\r\n" + (b"WARC-Target-URI: " + uri + b"\r\n" if uri else b"")
            + b"WARC-Date: " + date + b"\r\nContent-Type: " + ctype
            + b"\r\nContent-Length: %d\r\n\r\n" % n + block + b"\r\n\r\n")

def chunked(b, size=97):
    out = b""
    for i in range(0, len(b), size):
        out += b"%x\r\n" % len(b[i:i + size]) + b[i:i + size] + b"\r\n"
    return out + b"0\r\n\r\n"

def w(name, data):
    p = os.path.join(d, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)

info = rec(b"software: formats.sh\r\nformat: WARC File Format 1.1\r\n", b"", typ=b"warcinfo",
           ctype=b"application/warc-fields")
ferry = rec(http(FERRY), b"https://lindqvist-courier.example/2026/03/ferry-timetable")
request = rec(b"GET /2026/03/ferry-timetable HTTP/1.1\r\nHost: lindqvist-courier.example\r\n\r\n",
              b"https://lindqvist-courier.example/2026/03/ferry-timetable", typ=b"request",
              ctype=b"application/http; msgtype=request")
resource = rec(BREAKWATER, b"https://lindqvist-courier.example/2026/03/breakwater-repairs", typ=b"resource",
               ctype=b"text/html; charset=utf-8")
redirect = rec(http(b"", status=b"301 Moved Permanently", extra=b"Location: https://x.example/\r\n"),
               b"https://lindqvist-courier.example/old")
w("plain.warc", info + request + ferry + resource + redirect)

png = rec(http(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ctype="image/png"),
          b"https://valley-gazette.example/img/bridge.png")
bridge = rec(http(chunked(gzip.compress(BRIDGE)), extra=b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
             b"https://valley-gazette.example/council/second-bridge")
members = [gzip.compress(r) for r in (ferry, png, bridge)]
w("crawl/crawl.warc.gz", b"".join(members))

# damaged containers
w("bad/truncated.warc", (ferry + resource)[:-200])
short = rec(http(PILOT), b"https://lindqvist-courier.example/news/pilot-boat-named", clen=120)
w("bad/short-length.warc", short + resource)
broken = list(members)
broken[1] = broken[1][:30] + b"\xff" * 64 + broken[1][94:]
w("bad/broken-member.warc.gz", b"".join([members[0], broken[1], members[2]]))
w("bad/only-images.warc", info + png + redirect)
w("bad/zero.warc", b"")
w("bad/junk.warc.gz", bytes((i * 37 + 11) % 256 for i in range(20000)))

# JSONL
lines = [
    json.dumps({"url": "https://valley-gazette.example/council/second-bridge", "html": BRIDGE.decode(),
                "published": "Wed, 04 Mar 2026 18:30:00 +0100", "source": "Valley Gazette"}),
    '{"url": "https://valley-gazette.example/broken", "html": "<p>unterminated',
    json.dumps({"url": "https://valley-gazette.example/weather/river-level",
                "text": "River level falls after a week of rain\n\nThe river at the old mill fell by forty centimetres overnight, the water board said on Thursday, and the footpath along the bank reopened.\n",
                "published": "2026-03-05", "source": "Valley Gazette", "title": "River level falls after a week of rain"}),
    "",
    json.dumps({"id": "sawmill-fire", "url": "https://sawmill.example/jsonl/fire-station",
                "text": "Fire station gets a new ladder truck\n\nThe volunteer fire station took delivery of a ladder truck on Friday, paid for by a village collection that raised 310,000 crowns.\n"}),
]
w("dump.jsonl", ("\n".join(lines) + "\n").encode())

# feeds: RSS whose first item's page is present locally, Atom, empty
w("news/pages/pilot-boat-named.html", PILOT)
w("news/courier.rss", b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Lindqvist Courier</title><link>https://lindqvist-courier.example/</link>
<image><title>Courier logo</title><url>https://lindqvist-courier.example/logo.png</url></image>
<item><title>Pilot boat named after Greta Holm</title><link>https://lindqvist-courier.example/news/pilot-boat-named</link>
<pubDate>Sat, 07 Mar 2026 16:20:00 +0100</pubDate><description>A short teaser.</description></item>
<item><title>Breakwater repairs: a month more</title><link>https://lindqvist-courier.example/2026/03/breakwater-repairs?utm_source=rss</link>
<dc:date>2026-03-06T09:15:00Z</dc:date>
<content:encoded><![CDATA[<p>Engineers found more damage to the northern breakwater than expected after last week's storm, the port authority said.</p><p>Fishing boats will use the eastern quay until the work is done.</p>]]></content:encoded></item>
<item><title>Photo of the day</title><link>https://lindqvist-courier.example/photo/1</link></item>
</channel></rss>
""")
w("news/gazette.atom", b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Gazette</title><id>urn:gazette</id><updated>2026-03-08T12:00:00Z</updated>
<entry><title type="html">Lighthouse keeper &amp;amp; his cat retire</title>
<link rel="alternate" href="https://atom-gazette.example/2026/lighthouse-keeper"/><id>urn:gazette:1</id>
<published>2026-03-08T10:00:00+01:00</published><updated>2026-03-08T11:00:00+01:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The last keeper of the Skarv lighthouse retired on Sunday after thirty-one years, together with the cat that kept him company through the winters.</p></div></content>
</entry></feed>
""")
w("empty.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Times</title></channel></rss>')
PY

# run NAME WANT_EXIT ARGS...: output fields as TSV in $tmp/tsv (id url title published source)
run() {
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" = "$want" ] || { fail "$name: exit $got, want $want"; sed 's/^/    /' "$tmp/err"; }
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    print("\t".join(str(a.get(k)) for k in ("id", "url", "title", "published", "source")))
' "$tmp/out" >"$tmp/tsv" 2>/dev/null || { fail "$name: output is not JSON lines"; : >"$tmp/tsv"; }
}
count() { # name, n
  local got; got=$(wc -l <"$tmp/tsv")
  [ "$got" = "$2" ] || { fail "$1: $got articles, want $2"; cat "$tmp/tsv"; }
}
has() { # name, tab-separated fields that must appear in one output line (a regex)
  grep -qP -- "$2" "$tmp/tsv" || { fail "$1: no article matching '$2'"; sed 's/^/    /' "$tmp/tsv"; }
}
err_has() { # name, pattern, [lines]
  grep -q -- "$2" "$tmp/err" || { fail "$1: stderr lacks '$2'"; sed 's/^/    /' "$tmp/err"; }
  if [ -n "${3:-}" ] && [ "$(wc -l <"$tmp/err")" != "$3" ]; then
    fail "$1: $(wc -l <"$tmp/err") lines on stderr, want $3"; sed 's/^/    /' "$tmp/err"
  fi
}
no_err() { [ -s "$tmp/err" ] && { fail "$1: unexpected stderr"; sed 's/^/    /' "$tmp/err"; }; true; }

# --- WARC: warcinfo, request, HTML response, HTML resource, redirect -> 2 articles
run "warc" 0 "$NF" extract "$tmp/plain.warc"
count "warc" 2
has "warc" '^6eb5f3a3489aa06c\thttps://lindqvist-courier.example/2026/03/ferry-timetable\tFerry timetable changes for the spring\tNone\t'
has "warc" '^234a4502823c5243\thttps://lindqvist-courier.example/2026/03/breakwater-repairs\tBreakwater repairs will take another month\t'
no_err "warc"
# the WARC-Date is when the page was crawled, never its publication date
grep -q "2026-03-04" "$tmp/tsv" && fail "warc: WARC-Date/HTTP Date taken as the publication date"

# --- WARC.gz: HTML, image, chunked + gzip-encoded HTML -> 2 articles
run "warc.gz" 0 "$NF" extract "$tmp/crawl/crawl.warc.gz"
count "warc.gz" 2
has "warc.gz" '^6eb5f3a3489aa06c\t'
has "warc.gz" '^bc02b15f80f877f7\thttps://valley-gazette.example/council/second-bridge\tCouncil approves a second bridge over the river\t'
no_err "warc.gz"
grep -q "jammed every morning" "$tmp/out" || fail "warc.gz: the chunked, gzip-encoded body was not decoded"

# --- the same from standard input, and from a folder walk
run "stdin warc.gz" 0 bash -c "cat '$tmp/crawl/crawl.warc.gz' | '$NF' extract -"
count "stdin warc.gz" 2
has "stdin warc.gz" '^bc02b15f80f877f7\t'
run "folder with warc.gz" 0 "$NF" extract "$tmp/crawl"
count "folder with warc.gz" 2

# --- JSONL: html line, bad line, text line, blank line, text line with its own id
run "jsonl" 1 "$NF" extract "$tmp/dump.jsonl"
count "jsonl" 3
has "jsonl" '^bc02b15f80f877f7\thttps://valley-gazette.example/council/second-bridge\t[^\t]*\t2026-03-04T18:30:00\+01:00\tValley Gazette$'
has "jsonl" '^897a98a88568a1ab\thttps://valley-gazette.example/weather/river-level\tRiver level falls after a week of rain\t2026-03-05\tValley Gazette$'
has "jsonl" '^sawmill-fire\thttps://sawmill.example/jsonl/fire-station\t'
err_has "jsonl" "dump.jsonl: line 2: invalid JSON" 1

# --- feeds: a folder with an RSS feed (one page present locally), an Atom feed and the page
run "feeds" 0 "$NF" extract "$tmp/news"
count "feeds" 3
# the local page is read (its id is the file's), with the item's date and the channel as source
has "feeds" '^pilot-boat-named\thttps://lindqvist-courier.example/news/pilot-boat-named\t[^\t]*\t2026-03-07T16:20:00\+01:00\tLindqvist Courier$'
grep -q "bottle of cider" "$tmp/out" || fail "feeds: the local page was not read in place of the teaser"
has "feeds" '^9e594aa5a2fc9658\thttps://lindqvist-courier.example/2026/03/breakwater-repairs\?utm_source=rss\tBreakwater repairs: a month more\t2026-03-06T09:15:00Z\tLindqvist Courier$'
has "feeds" '^4605c61e60ea1616\thttps://atom-gazette.example/2026/lighthouse-keeper\tLighthouse keeper & his cat retire\t2026-03-08T10:00:00\+01:00\tAtom Gazette$'
no_err "feeds"
run "rss alone" 0 "$NF" extract "$tmp/news/courier.rss"
count "rss alone" 2

# --- an empty feed: one line, nothing to output
run "empty feed" 3 "$NF" extract "$tmp/empty.rss"
err_has "empty feed" "empty.rss: no items" 1

# --- damaged containers: a message naming the record, and what could be read
run "truncated warc" 1 "$NF" extract "$tmp/bad/truncated.warc"
count "truncated warc" 2
err_has "truncated warc" "truncated.warc: record 2: truncated: Content-Length [0-9]*, the input ends after [0-9]* bytes; read in part" 1
grep -q "breakwater than expected" "$tmp/out" || fail "truncated warc: the part of the record that is there was lost"
run "short Content-Length" 1 "$NF" extract "$tmp/bad/short-length.warc"
count "short Content-Length" 2
has "short Content-Length" '^ddfb8f83f33015bf\t'
err_has "short Content-Length" "short-length.warc: record 1: Content-Length 120 is shorter than the block" 1
run "broken gzip member" 1 "$NF" extract "$tmp/bad/broken-member.warc.gz"
count "broken gzip member" 2
has "broken gzip member" '^bc02b15f80f877f7\t'
err_has "broken gzip member" "broken-member.warc.gz: record 2: damaged gzip member" 1
run "only images" 3 "$NF" extract "$tmp/bad/only-images.warc"
err_has "only images" "only-images.warc: no HTML records (3 skipped)" 1
run "zero bytes" 3 "$NF" extract "$tmp/bad/zero.warc"
err_has "zero bytes" "zero.warc: empty file" 1
run "junk .warc.gz" 3 "$NF" extract "$tmp/bad/junk.warc.gz"
err_has "junk .warc.gz" "junk.warc.gz: binary data" 1
# a folder of damaged inputs: every readable record still comes out
run "damaged folder" 1 "$NF" extract "$tmp/bad"
count "damaged folder" 6

echo "formats: $fails failures"
[ $fails -eq 0 ]
