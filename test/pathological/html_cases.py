"""Pathological HTML inputs for run.py: deep, huge, truncated, mis-encoded or binary pages.

cases() yields (name, bytes). run.py writes each to a file, runs `newsfuse extract FILE` and
checks that it ends in time with a result or a one-line error. Inputs are generated here,
never stored. The HTML reader keeps at most 256 levels of nesting (deeper stops the parse and
keeps what came before), so the deep cases put text both before and inside the nesting.
"""
import random

BODY = (b"<p>The harbour bridge reopened on Monday after a week of repairs, "
        b"officials said, and traffic returned to normal by the evening.</p>")


def page(body, head=b""):
    return b"<!DOCTYPE html><html><head>" + head + b"</head><body>" + body + b"</body></html>"


def cases():
    rnd = random.Random(11)

    # nesting
    deep = b"<div>" * 100000
    yield "nested-divs-100k.html", page(BODY + deep + b"<p>deep</p>" + b"</div>" * 100000)
    yield "nested-divs-unclosed-100k.html", page(BODY + deep + b"deep text")
    yield "nested-inline-100k.html", page(BODY + b"<p>" + b"<b><i>" * 50000 + b"text"
                                          + b"</i></b>" * 50000 + b"</p>")
    yield "nested-tables-10k.html", page(BODY + b"<table><tr><td>" * 10000 + b"cell")
    yield "mismatched-end-tags.html", page(BODY + b"<div>" * 300 + b"</span>" * 200000)
    yield "unclosed-li-100k.html", page(b"<ul>" + b"<li>item " * 100000)

    # size
    yield "attribute-1mb.html", page(b'<div class="' + b"a" * (1 << 20) + b'">' + BODY + b"</div>")
    yield "class-tokens-1mb.html", page(b'<div class="' + b"ad-slot nav " * 90000 + b'">'
                                        + BODY + b"</div>")
    attrs = b" ".join(b"a%d=x" % i for i in range(20000))
    yield "many-attributes.html", page(b"<div " + attrs + b">" + BODY + b"</div>")
    yield "text-line-50mb.html", page(b"<p>" + b"word " * (10 * 1024 * 1024) + b"</p>")
    yield "paragraphs-300k.html", page(b"<p>short line of text</p>" * 300000)
    ld = b'<script type="application/ld+json">'
    yield "jsonld-deep.html", page(BODY, ld + b"[" * 100000 + b"]" * 100000 + b"</script>")
    yield "jsonld-5mb.html", page(BODY, ld + b'{"@type":"NewsArticle","headline":"'
                                  + b"x" * (5 << 20) + b'"}</script>')
    yield "title-10mb.html", page(BODY, b"<title>" + b"T " * (5 << 20) + b"</title>")

    # truncation and broken syntax
    yield "unterminated-script.html", page(BODY + b"<script>var s = '</p>" + b"x" * 100000)
    yield "unterminated-comment.html", page(BODY + b"<!-- never closed " + b"<p>x</p>" * 10000)
    yield "truncated-in-tag.html", page(BODY)[:-20] + b'<div class="lead" data-x="abc'
    yield "many-unterminated-comments.html", page(BODY + b"<!-" * 200000)
    yield "entities-1m.html", page(b"<p>" + b"&amp;&#x41;&nbsp;&bogus;" * 250000 + b"</p>")

    # encodings
    yield "invalid-utf8-no-charset.html", page(
        b"<p>Caf\xe9 au lait \xff\xfe costs \xc3 3 euros, na\xefve.</p>" * 2000)
    yield "latin1-meta-charset.html", page(
        b"<p>Le caf\xe9 est d\xe9licieux, dit le g\xe9rant.</p>" * 500,
        b'<meta charset="iso-8859-1">')
    yield "unknown-charset.html", page(BODY, b'<meta charset="x-no-such-charset">')
    yield "utf16-bom.html", ("\ufeff" + page(BODY).decode()).encode("utf-16-le")

    # empty and binary
    yield "empty.html", b""
    yield "whitespace-only.html", b" \n\t\r\n" * 1000
    yield "tags-only.html", page(b"<div><span></span></div>" * 1000)
    yield "binary-junk.html", bytes(rnd.getrandbits(8) for _ in range(200000)) + b"\0" * 64
    yield "nul-bytes.html", b"\0" * 100000
