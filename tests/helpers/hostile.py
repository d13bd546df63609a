"""A hostile corpus, built in code, and the loopback servers and runners that serve it.

Nothing here is downloaded: every document is bytes made by a function below. The
corpus is what a news desk meets on the open internet: broken XML, pages that are
not feeds, encodings that lie, entity tricks (billion laughs, XXE), compression
bombs, servers that trickle or loop, dates from the future or from nowhere, GUIDs
missing or repeated, titles that carry terminal escapes or Rich markup, and bodies
that are deep, huge or full of things that are never text.

`HostileServer` is the FeedServer of tests/feeds.py with a chosen port, redirects
and trickles; `RawServer` answers every connection with fixed bytes (for broken
HTTP). `run_cli` runs the real `python -m tui ...` with a hard time limit and
reports the child's peak memory. `render_child_main` is a Pilot session run in a
child process, so that a desk whose event loop freezes can be killed and reported
as a hang instead of hanging the test run.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from tests.helpers import ROOT
from tests.helpers.feeds import Entry, FeedServer, _Handler, _Server, rfc822, rss

SECRET_MARKER = "WIREDESK-XXE-SECRET-5c1f0e9a"

# Every C0 control but tab and newline, DEL, and every C1 control.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In a single-line field (title, id, link, feed name, error) tab and newline are junk too.
CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MARKUP_TITLE = "[bold red]BREAKING[/] Markup is literal"
CLICK_TITLE = "[@click=app.quit]x[/] Click me"
LINK_TITLE = "[link=https://e.test/]link[/link] [reverse]rev[/]"
MARKUP_FEED_TITLE = "[blink]Hostile[/blink] wire"

TRUNCATION_NOTE = "Article cut"
BODY_START = "BODY-START"


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


# Hostile strings

# Only characters XML 1.0 allows: C1 controls and DEL are legal, so the strict parser reads them.
STRICT_CONTROL_TITLES = [
    "\x9b31mEight-bit CSI red",
    "\x9d0;pwned\x9c OSC by C1",
    "Next\x85line and \x7f delete",
    "&#x9b;31mCSI by reference",
    "&#155;1mCSI by decimal reference",
    "Tab\tand\nnewline in a title",
]
# feedparser reads C1 characters as windows-1252 would (0x9B '›', 0x9C 'œ'); the 0x9D left
# opens an OSC that nothing ends, so it goes alone, and the rest of its title stays as text.
STRICT_VISIBLE = ["Eight-bit CSI red", "line and delete", "31mCSI by reference",
                  "Tab and newline in a title", "OSC by C1"]
# Raw ESC, BEL and NUL are not XML: the document goes to feedparser's loose parser.
LOOSE_CONTROL_TITLES = [
    "\x1b]0;pwned\x07Title with an OSC",
    "&#x1b;[31mRed by reference",
    "&#27;[2JClear by reference",
    "\x1b[2J\x1b[HCleared screen",
    "Bell\x07 and NUL\x00 and BS\x08",
    "\x1bPdcs payload\x1b\\ after DCS",
]
LOOSE_VISIBLE = ["Title with an OSC", "Red by reference", "Clear by reference", "Cleared screen", "after DCS"]


def control_feed(now: float, *, loose: bool) -> bytes:
    titles = LOOSE_CONTROL_TITLES if loose else STRICT_CONTROL_TITLES
    tag = "loose" if loose else "strict"
    nasty = titles[0]
    items = [
        raw_item(title=t, guid=f"urn:ctl-{tag}:{n}{nasty if n == 0 else ''}",
                 link=f"https://hostile.test/{tag}/{n}{nasty if n == 1 else ''}", date=rfc822(now - 60 * (n + 1)),
                 description=escape(f"<p>KYIV (ANP) - {t} body {n}.</p><p>{nasty}</p>"))
        for n, t in enumerate(titles)
    ]
    return raw_rss(items, title=f"Control {tag} {nasty}").encode()


def markup_feed(now: float) -> bytes:
    return rss([
        Entry(MARKUP_TITLE, guid="urn:markup:bold", date=now - 60, body="<p>[bold]Body markup[/bold] stays too.</p>"),
        Entry(CLICK_TITLE, guid="urn:markup:click", date=now - 120, body="<p>[@click=app.quit]Body click[/]</p>"),
        Entry(LINK_TITLE, guid="urn:markup:link", date=now - 180),
        Entry("An ordinary neighbour", guid="urn:markup:plain", date=now - 240),
    ], title=MARKUP_FEED_TITLE)


# Bodies

DEEP = 5000


def deep_bodies() -> dict[str, str]:
    """5,000-deep nesting of block, inline and table elements (not lists; see deep_list_body)."""
    return {
        "div": "<div>" * DEEP + "deep div text" + "</div>" * DEEP,
        "blockquote": "<blockquote>" * DEEP + "deep quote text" + "</blockquote>" * DEEP,
        "inline": "<b><i>" * (DEEP // 2) + "deep inline text" + "</i></b>" * (DEEP // 2),
        "table": "<table><tr><td>" * (DEEP // 2) + "deep cell" + "</td></tr></table>" * (DEEP // 2),
        "unclosed": "<div><span><p>" * DEEP + "never closed",
    }


def deep_list_body() -> str:
    return "<ul><li>" * DEEP + "deep list text" + "</li></ul>" * DEEP


def huge_paragraph(size: int = 2 * 1024 * 1024) -> str:
    word = "wire "
    return "<p>" + word * (size // len(word)) + "</p>"


def many_blocks_bodies(count: int = 10_000) -> dict[str, str]:
    """Small blocks by the thousand: cheap as HTML, a widget each in the article pane."""
    return {
        "paragraphs": "<p>x</p>" * count,
        "list-items": "<ul>" + "<li>x" * count + "</ul>",
    }


def active_content_body() -> str:
    return (
        "<p>KYIV (ANP) - The visible lead.</p>"
        "<script>document.title='SCRIPT-PAYLOAD'</script>"
        "<style>body{display:none} /* STYLE-PAYLOAD */</style>"
        "<iframe src='https://evil.test/'>IFRAME-PAYLOAD</iframe>"
        "<form action='https://evil.test/'><input name=x value='FORM-PAYLOAD'><button>FORM-PAYLOAD</button></form>"
        "<SCRIPT type=text/javascript>alert('SCRIPT-PAYLOAD')</SCRIPT >"
        "<noscript>NOSCRIPT-PAYLOAD</noscript>"
        "<p>The visible end.</p>"
    )


ACTIVE_PAYLOADS = ["SCRIPT-PAYLOAD", "STYLE-PAYLOAD", "IFRAME-PAYLOAD", "FORM-PAYLOAD", "NOSCRIPT-PAYLOAD"]


def escape_ref_body() -> str:
    """Character references that decode to ESC/BEL only when the HTML is rendered: without the
    final ';' (HTML allows that) and one hidden inside another."""
    return ("<p>" + BODY_START + " &#27[31mRED&#27[0m plain &#x1b]0;pwned&#7 then "
            "&#x1&#x1b;b;[5mBLINK&#x1&#x1b;b;[0m end</p>")


def bodies_feed(now: float, bodies: Mapping[str, str], title: str = "Bodies wire") -> bytes:
    """One item per body, newest first in the order given; every body starts with BODY-START."""
    return rss([Entry(f"Body: {name}", guid=f"urn:body:{name}", date=now - 60 * (n + 1),
                      body=(f"<p>{BODY_START}</p>" + html) if not html.startswith("<p>" + BODY_START) else html)
                for n, (name, html) in enumerate(bodies.items())], title=title)


def huge_title_feed(now: float, size: int = 4 * 1024 * 1024) -> bytes:
    return rss([
        Entry("A normal headline", guid="urn:title:normal", date=now - 60, body=f"<p>{BODY_START}</p>"),
        Entry("huge " * (size // 5), guid="urn:title:huge", date=now - 120, body=f"<p>{BODY_START}</p>"),
        Entry("Another headline", guid="urn:title:after", date=now - 180, body=f"<p>{BODY_START}</p>"),
    ], title="Huge title wire")


# Servers


class HostileServer(FeedServer):
    """FeedServer on a chosen loopback port (0: any), with redirects and trickles."""

    def __init__(self, port: int = 0) -> None:
        super().__init__()
        self._want_port = port

    def start(self) -> HostileServer:
        httpd = _Server(("127.0.0.1", self._want_port), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="HostileServer", daemon=True
        )
        self._thread.start()
        return self

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.set(path, f"see {to}\n".encode(), status=status, content_type="text/plain",
                 headers={"Location": self.url(to)})

    def trickle(self, path: str, *, size: int = 1 << 20, every: float = 0.05, chunk: int = 8) -> None:
        """A valid-looking feed sent `chunk` bytes per `every` seconds: for all practical purposes forever."""
        head = b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Trickle</title>'
        self.set(path, head + b" " * (size - len(head)), chunk_delay=every, chunk_size=chunk)


class RawServer:
    """Answers every connection on 127.0.0.1 with the same raw bytes, then closes it."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        self._stop = threading.Event()
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, name="RawServer", daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with conn:
                try:
                    conn.settimeout(2)
                    conn.recv(65536)
                    conn.sendall(self.payload)
                except OSError:
                    pass

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()


def bad_status_line(text: str) -> bytes:
    """An HTTP answer whose status line is not HTTP: httpx's error message quotes it."""
    return f"HTTP/1.1 {text} OK\r\nContent-Length: 0\r\n\r\n".encode()


def free_port() -> int:
    """A loopback port nothing listens on (just now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Running the real command line


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for a child wiredesk: no user config, no user data."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["WIREDESK_DATA_DIR"] = str(home / "default-data")
    env.pop("WIREDESK_CONFIG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class Hang(AssertionError):
    pass


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # the child's peak resident memory, with any children it waited for

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def describe(self) -> str:
        return (f"`{' '.join(self.args)}` exit {self.returncode} in {self.seconds:.1f} s, "
                f"{self.max_rss_mb:.0f} MB\nstdout: {self.stdout[-2000:]!r}\nstderr: {self.stderr[-2000:]!r}")


# Starts the command from a small process and reports the command's own peak memory. A child
# forked straight from pytest would count pytest's memory as its own: Linux keeps the peak of
# the address space a process had before exec (a 400 MB parent gave `python -c pass` 410 MB).
_MEASURED = """
import os, sys
report = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(report, str(usage.ru_maxrss).encode())
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


class Background:
    """A child started now and collected later (a fetch that takes its full deadline).

    A thread waits for it, so its exit time and its own peak memory are known exactly."""

    def __init__(self, args: list[str], env: Mapping[str, str]) -> None:
        self.args = args
        self._out = tempfile.TemporaryFile()
        self._err = tempfile.TemporaryFile()
        self.started = time.monotonic()
        self._report, report = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, str(report), sys.executable, "-m", "tui", *args],
            stdout=self._out, stderr=self._err, stdin=subprocess.DEVNULL, cwd=ROOT, env=dict(env),
            pass_fds=(report,), start_new_session=True,  # a kill reaches the command too
        )
        os.close(report)
        self._exit: tuple[float, int, float] | None = None  # seconds, exit code, peak MB
        self._waiter = threading.Thread(target=self._wait, name="wait4", daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        code = self.proc.wait()
        with os.fdopen(self._report, "rb") as report:
            peak_kb = float(report.read() or 0)
        self._exit = (time.monotonic() - self.started, code, peak_kb / 1024)

    def _kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def result(self, timeout: float) -> Run:
        """Wait until `timeout` seconds after the start; kill and raise Hang past that."""
        self._waiter.join(max(0.0, self.started + timeout - time.monotonic()))
        if self._exit is None:
            self._kill()
            self._waiter.join()
            out, err = self._read()
            raise Hang(f"`wiredesk {' '.join(self.args)}` still running after {timeout:g} s; "
                       f"stdout {out[-1000:]!r} stderr {err[-1000:]!r}")
        seconds, code, peak = self._exit
        out, err = self._read()
        return Run(self.args, code, out, err, seconds, peak)

    def _read(self) -> tuple[str, str]:
        texts = []
        for handle in (self._out, self._err):
            handle.seek(0)
            texts.append(handle.read().decode("utf-8", "replace"))
        return texts[0], texts[1]

    def close(self) -> None:
        if self._exit is None:
            self._kill()
            self._waiter.join()
        self._out.close()
        self._err.close()


def run_cli(*args: str, env: Mapping[str, str], timeout: float = 30.0) -> Run:
    """`python -m tui ARGS`; raises Hang if it is still running after `timeout` seconds."""
    child = Background(list(args), env)
    try:
        return child.result(timeout)
    finally:
        child.close()


def fetch(urls: Iterable[str], data_dir: Path, env: Mapping[str, str], timeout: float = 30.0) -> Run:
    args = ["fetch"]
    for url in urls:
        args += ["--feed", url]
    return run_cli(*args, "--data-dir", str(data_dir), env=env, timeout=timeout)


def list_json(data_dir: Path, env: Mapping[str, str], *extra: str) -> list[dict]:
    run = run_cli("list", "--json", *extra, "--data-dir", str(data_dir), env=env, timeout=30)
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    return [json.loads(line) for line in run.lines]


# Looking at a cache


def cache_files(data_dir: Path) -> list[Path]:
    """Every cache file in use (not temp files, not files moved aside)."""
    return sorted(p for p in data_dir.rglob("*.json") if not p.name.startswith("."))


def all_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file())


def strings(value, path: str = "$") -> Iterable[tuple[str, str]]:
    """Every string in a JSON value, keys included, with where it was found."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield f"{path}.key", key
            yield from strings(sub, f"{path}.{key}")
    elif isinstance(value, list):
        for n, sub in enumerate(value):
            yield from strings(sub, f"{path}[{n}]")


MULTILINE_FIELDS = ("html",)  # bodies keep tabs and newlines


def control_findings(data_dir: Path) -> list[str]:
    """Control characters in any string of any cache file, and raw escapes in the file bytes."""
    problems = []
    for path in cache_files(data_dir):
        raw = path.read_bytes()
        for needle in (b"\x1b", b"\x07", b"\xc2\x9b", b"\\u001b", b"\\u0007", b"\\u009b", b"\\u0000"):
            if needle in raw:
                problems.append(f"{path.relative_to(data_dir)}: bytes {needle!r}")
        for where, text in strings(json.loads(raw)):
            pattern = CONTROL if where.endswith(MULTILINE_FIELDS) else CONTROL_LINE
            if found := pattern.findall(text):
                problems.append(f"{path.relative_to(data_dir)} {where}: {sorted(set(found))!r} in {text[:80]!r}")
    return problems


# The desk in a child process (so that a frozen event loop is a reported hang, not a hung run)

RENDER_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tests.helpers import hostile
hostile.render_child_main(sys.argv[2:])
"""


def row_item(row):
    """The item on a wire-list row, or None for a group header (rows are Items or Headers)."""
    from tui.core.items import Item

    return row if isinstance(row, Item) else getattr(row, "item", None)


def row_ids(wire) -> list[str]:
    return [item.id for item in map(row_item, wire.rows) if item is not None]


def _widget_lines(widget) -> list[str]:
    lines = []
    for y in range(widget.size.height):
        lines.append("".join(segment.text for segment in widget.render_line(y)))
    return lines


def render_child_main(argv: list[str]) -> None:
    """argv: DATA_DIR ID... Opens the desk on DATA_DIR; for each ID moves the cursor to it with
    j/k and waits (asyncio.wait_for, 10 s) until its body is rendered; prints a JSON line each."""
    import asyncio

    from textual.widgets import Markdown, Static

    from tui.store import Store
    from tui.ui.app import WireDesk
    from tui.ui.widgets.wire_list import WireList

    data_dir, ids = argv[0], argv[1:]

    def emit(**record) -> None:
        print(json.dumps(record), flush=True)

    async def main() -> None:
        app = WireDesk(Store(data_dir), [], poll=False, mark_read_delay=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            wire = app.query_one(WireList)
            emit(event="opened", items=len(app.items))
            for item_id in ids:
                started = time.monotonic()

                async def shown() -> None:
                    for _ in range(len(wire.rows) * 2 + 2):
                        if wire.current is not None and wire.current.id == item_id:
                            break
                        order = row_ids(wire)
                        ahead = order.index(item_id) > order.index(wire.current.id)
                        await pilot.press("j" if ahead else "k")
                    assert wire.current.id == item_id
                    body = app.query_one("#article-body", Markdown)
                    while True:
                        await app.workers.wait_for_complete()
                        await pilot.pause()
                        if hostile_marker in (body.source or ""):
                            break
                    await pilot.pause()

                hostile_marker = BODY_START
                try:
                    await asyncio.wait_for(shown(), timeout=10)
                except TimeoutError:
                    emit(event="timeout", id=item_id, seconds=time.monotonic() - started)
                    continue
                seconds = time.monotonic() - started
                body = app.query_one("#article-body", Markdown)
                blocks = [w for w in body.walk_children() if not w.children]
                body_lines = [line for block in blocks for line in _widget_lines(block)]
                head_lines = _widget_lines(app.query_one("#article-head", Static))
                rows = _widget_lines(wire)
                after = time.monotonic()
                await pilot.press("j")  # still answers keys
                await pilot.press("k")
                emit(event="shown", id=item_id, seconds=seconds, key_seconds=time.monotonic() - after,
                     source_chars=len(body.source), source_tail=body.source[-200:], head=head_lines[:3],
                     head_lines=len(head_lines), rows=rows,
                     body_text="\n".join(body_lines[:40]), body_tail="\n".join(body_lines[-40:]),
                     body_lines=len(body_lines),
                     controls=sorted({hex(ord(c)) for line in body_lines + head_lines + rows
                                      for c in CONTROL.findall(line)}))
            emit(event="done", running=app.is_running)

    asyncio.run(main())


@dataclass
class Rendered:
    opened: bool = False
    records: dict[str, dict] = field(default_factory=dict)
    hung_on: str | None = None
    stderr: str = ""
    done: bool = False


def render_in_child(data_dir: Path, ids: list[str], env: Mapping[str, str], *, open_timeout: float = 20.0,
                    per_item: float = 12.0) -> Rendered:
    """Runs render_child_main; an item that takes longer than `per_item` seconds (measured here,
    outside the child's event loop) is a hang: the child is killed and the item reported."""
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child must not block on it
    proc = subprocess.Popen([sys.executable, "-c", RENDER_CHILD, str(ROOT), str(data_dir), *ids],
                            stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, cwd=ROOT,
                            env=dict(env))
    result = Rendered()
    pending = list(ids)
    deadline = time.monotonic() + open_timeout
    buffer = b""
    try:
        while True:
            if b"\n" not in buffer:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([proc.stdout], [], [], max(left, 0))
                if not ready:
                    result.hung_on = pending[0] if result.opened and pending else "<opening>"
                    break
                chunk = os.read(proc.stdout.fileno(), 1 << 20)
                if not chunk:
                    break
                buffer += chunk
                continue
            line, buffer = buffer.split(b"\n", 1)
            record = json.loads(line)
            if record["event"] == "opened":
                result.opened = True
            elif record["event"] in ("shown", "timeout"):
                result.records[record["id"]] = record
                pending.remove(record["id"])
            elif record["event"] == "done":
                result.done = record["running"]
                break
            deadline = time.monotonic() + per_item
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        errors.seek(0)
        result.stderr = errors.read().decode("utf-8", "replace")
        errors.close()
        proc.stdout.close()
    return result
