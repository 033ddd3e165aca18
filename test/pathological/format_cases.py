"""Pathological containers for run.py: damaged, huge, deep or hostile WARC, JSONL and feeds.

cases() yields (name, bytes, want): run.py writes each to a file, runs `newsfuse extract FILE`
and checks that it ends in time with the wanted exit code: 0 (all read), 1 (a partial result:
some records out, each problem named on stderr) or 3 (nothing to read: one line on stderr).
Inputs are generated here, never stored.
"""
import gzip
import json
import random
import zlib

PAGE = (b"<!DOCTYPE html><html><head><title>Harbour bridge reopens</title></head><body>"
        b"<article><h1>Harbour bridge reopens</h1><p>The harbour bridge reopened on Monday "
        b"after a week of repairs, officials said, and traffic returned to normal by the "
        b"evening.</p></article></body></html>")


def http(body, extra=b""):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + extra +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def record(block, uri=b"https://harbour.example/bridge", typ=b"response", clen=None,
           ctype=b"application/http; msgtype=response"):
    n = len(block) if clen is None else clen
    return (b"WARC/1.1\r\nWARC-Type: " + typ + b"\r\nWARC-Target-URI: " + uri +
            b"\r\nWARC-Date: 2026-03-02T10:00:00Z\r\nContent-Type: " + ctype +
            b"\r\nContent-Length: %d\r\n\r\n" % n + block + b"\r\n\r\n")


GOOD = record(http(PAGE))
RSS_HEAD = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
RSS_ITEM = (b"<item><title>Bridge reopens</title><link>https://harbour.example/bridge</link>"
            b"<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;The harbour "
            b"bridge reopened on Monday after a week of repairs, officials said.&lt;/p&gt;"
            b"</description></item>")


def cases():
    rnd = random.Random(5)

    # WARC damage
    yield "truncated.warc", (GOOD + record(http(PAGE), uri=b"https://h.example/2"))[:-150], 1
    long_len = record(http(PAGE), clen=len(http(PAGE)) + 5000)
    yield "content-length-too-long.warc", long_len + GOOD, 1
    yield "content-length-too-long-last.warc", GOOD + long_len, 1
    yield "content-length-too-short.warc", record(http(PAGE), clen=40) + GOOD, 1
    yield "content-length-huge.warc", record(http(PAGE), clen=10 ** 15) + GOOD, 1
    m = [gzip.compress(GOOD) for _ in range(3)]
    yield "broken-gzip-member.warc.gz", m[0] + m[1][:30] + b"\xff" * 100 + m[1][130:] + m[2], 1
    yield "truncated-gzip.warc.gz", (m[0] + m[1])[:-20], 1
    yield "gzip-garbage-between.warc.gz", m[0] + bytes(rnd.getrandbits(8) for _ in range(5000)) + m[1], 1
    lf = record(http(PAGE)).replace(b"\r\n", b"\n")
    lf = lf.replace(b"Content-Length: %d" % len(http(PAGE)),
                    b"Content-Length: %d" % len(http(PAGE).replace(b"\r\n", b"\n")))
    yield "lf-only-no-trailer.warc", lf[:-2] * 3, 0
    yield "unterminated-chunked.warc", record(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"2000\r\n" + PAGE), 1
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = bomb.compress(b"<p>" + b"a" * (300 << 20)) + bomb.flush()
    yield "gzip-bomb-payload.warc", record(http(bomb, b"Content-Encoding: gzip\r\n")) + GOOD, 1
    yield "header-2mb.warc", b"WARC/1.1\r\nX: " + b"h" * (2 << 20), 3
    cut = PAGE[40:] * 300  # a file that starts inside a record, as a split crawl does
    yield "starts-mid-record.warc", cut + b"\r\n\r\n" + GOOD, 1
    yield "empty.warc.gz", b"", 3
    yield "binary-junk.warc.gz", bytes(rnd.getrandbits(8) for _ in range(200000)), 3
    yield "gzip-magic-junk.warc.gz", b"\x1f\x8b\x08\x00" + bytes(rnd.getrandbits(8) for _ in range(50000)), 3

    # WARC size
    tiny = b"".join(record(http(b"<p>Record %d of many: the bridge reopened.</p>" % i),
                           uri=b"https://h.example/%d" % i) for i in range(10000))
    yield "10k-tiny-records.warc", tiny, 0
    yield "10k-tiny-records.warc.gz", b"".join(
        gzip.compress(record(http(b"<p>Record %d: the bridge reopened.</p>" % i),
                             uri=b"https://h.example/%d" % i), 1) for i in range(10000)), 0
    info = record(b"software: x\r\n", typ=b"warcinfo", ctype=b"application/warc-fields")
    yield "200k-skipped-records.warc", info * 200000, 3

    # JSONL
    big = json.dumps({"url": "https://h.example/long", "text": "word " * (10 * 1024 * 1024)})
    yield "50mb-line.jsonl", big.encode() + b"\n", 0
    yield "100k-bad-lines.jsonl", b"{not json\n" * 100000 + json.dumps(
        {"html": PAGE.decode()}).encode() + b"\n", 1
    yield "deep-json-line.jsonl", b"[" * 100000 + b"]" * 100000 + b"\n" + json.dumps(
        {"html": PAGE.decode()}).encode() + b"\n", 1
    yield "only-newlines.jsonl", b"{\n" + b"\n" * 100000, 3

    # feeds
    lol = b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">\n'
    for i in range(1, 12):
        lol += b'<!ENTITY %c "%s">\n' % (97 + i, (b"&%c;" % (96 + i)) * 10)
    lol += b"]>\n" + RSS_HEAD[21:] + b"<item><title>&l;</title><link>https://h.example/l</link>"
    lol += b"<description>&l;</description></item></channel></rss>"
    yield "billion-laughs.rss", lol, 3
    yield "nested-100k.rss", (RSS_HEAD + RSS_ITEM + b"<item><description>" + b"<d>" * 100000 +
                              b"x" + b"</d>" * 100000 + b"</description></item></channel></rss>"), 1
    yield "empty-feed.rss", RSS_HEAD + b"</channel></rss>", 3
    yield "empty-atom.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', 3
    yield "invalid-xml.rss", RSS_HEAD + RSS_ITEM + b"<item><title>cut <b>", 1
    yield "20k-items.rss", RSS_HEAD + RSS_ITEM * 20000 + b"</channel></rss>", 0
    huge = RSS_HEAD + b"<item><link>https://h.example/h</link><description>%s</description></item>"
    yield "description-5mb.rss", huge.replace(b"%s", b"word " * (1 << 20)) + b"</channel></rss>", 0
    # libxml2's limit without XML_PARSE_HUGE: a text node over 10 MB stops the feed
    yield "description-20mb.rss", huge.replace(b"%s", b"word " * (4 << 20)) + b"</channel></rss>", 3
    yield "external-entity.rss", b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM ' \
        b'"file:///etc/passwd">]>' + RSS_HEAD[21:] + RSS_ITEM.replace(b"officials", b"&x; officials") + \
        b"</channel></rss>", 0
