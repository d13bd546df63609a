"""The hostile corpus, built in code: feed documents a news desk meets on the open internet.

Nothing here is downloaded: every document is bytes made by a function below. Broken
XML, pages that are not feeds, encodings that lie, entity tricks (billion laughs, XXE),
compression bombs, dates from the future or from nowhere, GUIDs missing or repeated.
The hostile text (titles with terminal escapes or Rich markup, bodies that are deep,
huge or full of things that are never text) is in hostile_text.py.
"""

from __future__ import annotations

import gzip
import random
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tests.helpers.feeds import Entry, rfc822, rss

SECRET_MARKER = "WIREDESK-XXE-SECRET-5c1f0e9a"


# Raw documents (the builders in feeds.py escape everything; these do not)


def raw_rss(items: Iterable[str], *, title: str = "Hostile wire", decl: str = '<?xml version="1.0" encoding="UTF-8"?>',
            doctype: str = "") -> str:
    """An RSS document from raw <item> XML fragments: nothing is escaped."""
    head = [decl, doctype, '<rss version="2.0">', "<channel>", f"<title>{title}</title>",
            "<link>https://hostile.test/</link>", "<description>hostile</description>"]
    return "\n".join([*head, *items, "</channel>", "</rss>", ""])


def raw_item(*, title: str | None = None, guid: str | None = None, link: str | None = None,
             date: str | None = None, description: str | None = None) -> str:
    parts = ["<item>"]
    if title is not None:
        parts.append(f"<title>{title}</title>")
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    if description is not None:
        parts.append(f"<description>{description}</description>")
    parts.append("</item>")
    return "".join(parts)


def plain_feed(now: float, prefix: str, n: int = 3, title: str = "Plain wire") -> bytes:
    """A well-formed control feed."""
    return rss([Entry(f"{prefix} story {k}", guid=f"urn:{prefix}:{k}", link=f"https://hostile.test/{prefix}/{k}",
                      date=now - 60 * (k + 1), body=f"<p>KYIV (ANP) - Story {k} of {prefix}.</p>") for k in range(n)],
               title=title)


# Broken documents


def malformed_xml(now: float) -> bytes:
    """Mismatched end tags, a bare ampersand and a stray '<': not well-formed, yet mostly a feed."""
    items = [
        raw_item(title="Fish & chips < 5 pounds", guid="urn:malformed:1", date=rfc822(now - 60),
                 description="unclosed <b>bold"),
        "<item><title>Mismatched</titel><guid>urn:malformed:2</guid></item>",
        raw_item(title="Still here", guid="urn:malformed:3", date=rfc822(now - 180)),
    ]
    return raw_rss(items).encode()


def truncated_xml(now: float) -> bytes:
    """A good feed cut off in the middle of its second item."""
    doc = plain_feed(now, "truncated", 4)
    cut = doc.index(b"<item>", doc.index(b"<item>") + 1) + 40
    return doc[:cut]


def truncated_early() -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<chan'


def html_page() -> bytes:
    return (b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
            b"<body><form action=/login><input name=user><input type=password name=pw></form>"
            b"<p>Please sign in to read this feed.</p></body></html>\n")


def binary_junk(seed: int = 7, size: int = 8192) -> bytes:
    rng = random.Random(seed)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(size))


# Encodings that lie

LATIN1_TITLE = "Café naïve à Zürich"
CYRILLIC_TITLE = "Москва: переговоры продолжаются"
UTF16_TITLE = "Ünïcödé über alles €"
QUOTED_TITLE = "“Café” zegt ‘nee’ – €5"


def latin1_declared_utf8(now: float) -> bytes:
    """Declared UTF-8, written in latin-1: é is the invalid UTF-8 byte 0xE9."""
    doc = rss([Entry(LATIN1_TITLE, guid="urn:latin1:1", date=now - 60, body="<p>Crème brûlée</p>")], title="Latin wire")
    return doc.decode("utf-8").encode("latin-1")


def cp1251_with_utf8_header(now: float) -> tuple[bytes, str]:
    """The XML says windows-1251 (true); the HTTP header says UTF-8 (a lie)."""
    doc = rss([Entry(CYRILLIC_TITLE, guid="urn:cp1251:1", date=now - 60, body="<p>Текст</p>")], title="Cyrillic wire")
    text = doc.decode("utf-8").replace('encoding="UTF-8"', 'encoding="windows-1251"')
    return text.encode("cp1251"), "application/rss+xml; charset=utf-8"


def utf8_with_latin1_header(now: float) -> tuple[bytes, str]:
    """UTF-8 bytes and declaration; the HTTP header claims ISO-8859-1."""
    return (rss([Entry(UTF16_TITLE, guid="urn:hdr:1", date=now - 60)], title="Header liar"),
            "text/xml; charset=iso-8859-1")


def cp1251_told_by_the_header(now: float) -> tuple[bytes, str]:
    """windows-1251 bytes, no encoding in the XML declaration; the HTTP header tells the truth."""
    doc = rss([Entry(CYRILLIC_TITLE, guid="urn:cp1251hdr:1", date=now - 60, body="<p>Текст</p>")], title="Moscow wire")
    text = doc.decode("utf-8").replace(' encoding="UTF-8"', "")
    return text.encode("cp1251"), "text/xml; charset=windows-1251"


def cp1252_told_as_latin1(now: float) -> tuple[bytes, str]:
    """windows-1252 bytes (curly quotes), served, as so often, as ISO-8859-1."""
    doc = rss([Entry(QUOTED_TITLE, guid="urn:cp1252hdr:1", date=now - 60)], title="Quoted wire")
    text = doc.decode("utf-8").replace(' encoding="UTF-8"', "")
    return text.encode("cp1252"), "application/rss+xml; charset=ISO-8859-1"


def utf16_bom(now: float, byteorder: str = "little") -> bytes:
    doc = rss([Entry(UTF16_TITLE, guid=f"urn:utf16{byteorder[0]}:1", date=now - 60, body="<p>Zweisprachig</p>")],
              title="UTF-16 wire")
    text = doc.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    codec, bom = ("utf-16-le", b"\xff\xfe") if byteorder == "little" else ("utf-16-be", b"\xfe\xff")
    return bom + text.encode(codec)


def unknown_encoding(now: float) -> bytes:
    doc = rss([Entry("Klingon encoding", guid="urn:klingon:1", date=now - 60)], title="Klingon wire")
    return doc.replace(b'encoding="UTF-8"', b'encoding="x-klingon-9"')


# Entity tricks


def billion_laughs(levels: int = 10, fanout: int = 10) -> bytes:
    """lol9 expands to 10**9 'lol's (3 GB) if a parser expands entities."""
    ents = ['<!ENTITY lol0 "lol">']
    for n in range(1, levels):
        ents.append(f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * fanout + '">')
    doctype = "<!DOCTYPE rss [\n" + "\n".join(ents) + "\n]>"
    top = f"&lol{levels - 1};"
    return raw_rss([raw_item(title=f"Laughs {top}", guid="urn:laughs:1", description=top)],
                   title=f"Laughing wire {top}", doctype=doctype).encode()


def quadratic_blowup(size: int = 100_000, refs: int = 20_000) -> bytes:
    """One 100 KB entity used 20,000 times: 2 GB if expanded, no nesting to trip a depth limit."""
    doctype = f'<!DOCTYPE rss [<!ENTITY a "{"A" * size}">]>'
    return raw_rss([raw_item(title="Quadratic", guid="urn:quadratic:1", description="&a;" * refs)],
                   doctype=doctype).encode()


def xxe_file(secret_path: Path) -> bytes:
    """An external general entity pointing at a local file, used in every text field."""
    uri = secret_path.as_uri()
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>'
    return raw_rss([raw_item(title="Leak &xxe;", guid="urn:xxe:&xxe;", link="https://hostile.test/&xxe;",
                             description="&xxe;")], title="XXE &xxe;", doctype=doctype).encode()


def xxe_parameter(secret_path: Path, dtd_url: str) -> bytes:
    """Parameter entities: the local file, and an external DTD on the loopback server."""
    doctype = (f'<!DOCTYPE rss [<!ENTITY % file SYSTEM "{secret_path.as_uri()}"> %file; '
               f'<!ENTITY % remote SYSTEM "{dtd_url}"> %remote;]>')
    return raw_rss([raw_item(title="Leak &leak;", guid="urn:xxe-pe:1", description="&leak;")],
                   doctype=doctype).encode()


def xxe_external_dtd(dtd_url: str) -> bytes:
    return raw_rss([raw_item(title="Leak &leak;", guid="urn:xxe-dtd:1", description="&leak;")],
                   doctype=f'<!DOCTYPE rss SYSTEM "{dtd_url}">').encode()


def xxe_atom(secret_path: Path) -> bytes:
    uri = secret_path.as_uri()
    return (f'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM "{uri}">]>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom &xxe;</title><id>urn:xxe-atom</id>'
            '<entry><id>urn:xxe-atom:1</id><title type="html">&xxe;</title>'
            '<content type="html">&xxe;</content></entry></feed>\n').encode()


def evil_dtd(secret_path: Path) -> bytes:
    return f'<!ENTITY leak SYSTEM "{secret_path.as_uri()}">'.encode()


# Compression bombs


@lru_cache(maxsize=8)
def gzip_bomb(decompressed: int, *, wbits: int = 31) -> bytes:
    """A feed-looking prefix and then spaces, `decompressed` bytes in all, as ONE gzip member
    (wbits 31) or a zlib stream (wbits 15, for Content-Encoding: deflate)."""
    block = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [comp.compress(b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bomb')]
    for _ in range(decompressed // len(block)):
        parts.append(comp.compress(block))
    parts.append(comp.flush())
    return b"".join(parts)


@lru_cache(maxsize=2)
def stacked_gzip_bomb(decompressed: int) -> bytes:
    """Content-Encoding: gzip, gzip. The outer layer makes the whole inner member arrive in one
    network read, which a decoder without an output limit inflates in one call."""
    return gzip.compress(gzip_bomb(decompressed), 9)


# Dates, ids


FUTURE_YEAR = 2099
GARBAGE_DATES = ["yesterday-ish, around noon", "Mon, 99 Foo 20261 99:99:99 +9999", "Sat, 00 Jan 0000 00:00:00 GMT",
                 "\u2603"]
ZERO_DATES = ["0000-00-00T00:00:00Z", "0000-00-00 00:00:00"]  # what a NULL date column prints as


def dated_feed(now: float, *, extra: Iterable[Entry] = ()) -> bytes:
    """A real recent item, a future one, garbage-dated ones and an undated one."""
    entries = [
        Entry("Real, two minutes old", guid="urn:date:real", date=now - 120),
        Entry("From the future", guid="urn:date:future", date=f"Thu, 01 Jan {FUTURE_YEAR} 00:00:00 +0000"),
        *[Entry(f"Garbage date {n}", guid=f"urn:date:garbage{n}", date=d) for n, d in enumerate(GARBAGE_DATES)],
        Entry("No date at all", guid="urn:date:none"),
    ]
    return rss([*extra, *entries], title="Dates wire")


def zero_date_feed(now: float) -> bytes:
    """Good items around items dated with a database's zero date."""
    return rss([
        Entry("Good before", guid="urn:zero:before", date=now - 60),
        *[Entry(f"Zero date {n}", guid=f"urn:zero:{n}", date=d) for n, d in enumerate(ZERO_DATES)],
        Entry("Good after", guid="urn:zero:after", date=now - 120),
    ], title="Zero-date wire")


def guidless_feed(now: float, *, extra: Iterable[Entry] = ()) -> bytes:
    """No GUIDs: some items with links, some with neither link nor date."""
    return rss([
        *extra,
        Entry("Linked one", link="https://hostile.test/l1", date=now - 60),
        Entry("Linked two", link="https://hostile.test/l2", date=now - 120),
        Entry("Bare one"),
        Entry("Bare two"),
        Entry("Bare dated", date=now - 300),
        Entry(None, body="<p>Untitled body one</p>"),
        Entry(None, body="<p>Untitled body two</p>"),
    ], title="GUID-less wire")


def duplicate_guid_feed(now: float, *, newest_first: bool = True, extra: Iterable[Entry] = ()) -> bytes:
    """The same GUID twice in one document: an update and its stale original."""
    update = Entry("Updated: talks resume", guid="urn:dup:1", link="https://hostile.test/dup", date=now - 60,
                   body="<p>The updated text.</p>")
    stale = Entry("Original: talks stall", guid="urn:dup:1", link="https://hostile.test/dup", date=now - 7200,
                  body="<p>The stale text.</p>")
    pair = [update, stale] if newest_first else [stale, update]
    return rss([*extra, pair[0], Entry("Neighbour", guid="urn:dup:2", date=now - 90), pair[1],
                Entry("Another", guid="urn:dup:3", date=now - 30)], title="Duplicate wire")
