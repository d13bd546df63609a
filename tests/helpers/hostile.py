"""Loopback servers for the hostile corpus, and the corpus as they serve it.

`HostileServer` is the FeedServer of tests/helpers/feeds.py with a chosen port, redirects
and trickles; `RawServer` answers every connection with fixed bytes (for broken HTTP).
`CASES` names each hostile document by the path it is served at and what a fetch of it
must say.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.feeds import FeedServer, _Handler, _Server
from tests.helpers.hostile_feeds import (
    billion_laughs,
    binary_junk,
    cp1251_told_by_the_header,
    cp1251_with_utf8_header,
    cp1252_told_as_latin1,
    dated_feed,
    duplicate_guid_feed,
    evil_dtd,
    guidless_feed,
    gzip_bomb,
    html_page,
    latin1_declared_utf8,
    malformed_xml,
    quadratic_blowup,
    truncated_early,
    truncated_xml,
    unknown_encoding,
    utf8_with_latin1_header,
    utf16_bom,
    xxe_atom,
    xxe_external_dtd,
    xxe_file,
    xxe_parameter,
    zero_date_feed,
)
from tests.helpers.hostile_text import (
    bodies_feed,
    body_items,
    control_feed,
    deep_list_body,
    huge_title_feed,
    markup_feed,
)


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


# The corpus as served: one path each


@dataclass(frozen=True)
class Case:
    name: str
    expect: str  # "ok": stored best-effort; "error": one error line; "either"

    @property
    def path(self) -> str:
        return f"/{self.name}.xml"


CASES = [
    Case("malformed", "either"),
    Case("truncated", "ok"),
    Case("truncated-early", "error"),
    Case("html-page", "error"),
    Case("empty", "error"),
    Case("binary", "error"),
    Case("latin1-as-utf8", "ok"),
    Case("cp1251-utf8-header", "ok"),
    Case("utf8-latin1-header", "ok"),
    Case("cp1251-true-header", "ok"),
    Case("cp1252-latin1-header", "ok"),
    Case("utf16-le", "ok"),
    Case("utf16-be", "ok"),
    Case("unknown-encoding", "either"),
    Case("billion-laughs", "either"),
    Case("quadratic", "either"),
    Case("xxe-file", "either"),
    Case("xxe-parameter", "either"),
    Case("xxe-external-dtd", "either"),
    Case("xxe-atom", "either"),
    Case("gzip-bomb", "error"),
    Case("deflate-bomb", "error"),
    Case("redirect-loop", "error"),
    Case("http-500", "error"),
    Case("dates", "ok"),
    Case("zero-date", "ok"),
    Case("guidless", "ok"),
    Case("duplicate-guids", "ok"),
    Case("control-strict", "ok"),
    Case("control-loose", "ok"),
    Case("markup", "ok"),
    Case("bodies", "ok"),
    Case("deep-list", "ok"),
    Case("huge-title", "ok"),
]
BY_NAME = {c.name: c for c in CASES}
BOMB_BYTES = 200 * 1024 * 1024  # decompressed size of the one-layer bombs: 20x the cap


def serve_corpus(srv: HostileServer, secret: Path, now: float) -> None:
    """Every case of CASES at its path (and the DTD its XXE cases point at, and a trickle), dated from `now`."""
    s = srv.set
    s("/evil.dtd", evil_dtd(secret), content_type="application/xml-dtd")
    s("/malformed.xml", malformed_xml(now))
    s("/truncated.xml", truncated_xml(now))
    s("/truncated-early.xml", truncated_early())
    s("/html-page.xml", html_page(), content_type="text/html; charset=utf-8")
    s("/empty.xml", b"")
    s("/binary.xml", binary_junk(), content_type="application/octet-stream")
    s("/latin1-as-utf8.xml", latin1_declared_utf8(now))
    body, ctype = cp1251_with_utf8_header(now)
    s("/cp1251-utf8-header.xml", body, content_type=ctype)
    body, ctype = utf8_with_latin1_header(now)
    s("/utf8-latin1-header.xml", body, content_type=ctype)
    body, ctype = cp1251_told_by_the_header(now)
    s("/cp1251-true-header.xml", body, content_type=ctype)
    body, ctype = cp1252_told_as_latin1(now)
    s("/cp1252-latin1-header.xml", body, content_type=ctype)
    s("/utf16-le.xml", utf16_bom(now, "little"), content_type="application/xml")
    s("/utf16-be.xml", utf16_bom(now, "big"), content_type="application/xml")
    s("/unknown-encoding.xml", unknown_encoding(now))
    s("/billion-laughs.xml", billion_laughs())
    s("/quadratic.xml", quadratic_blowup())
    s("/xxe-file.xml", xxe_file(secret))
    s("/xxe-parameter.xml", xxe_parameter(secret, srv.url("/evil.dtd")))
    s("/xxe-external-dtd.xml", xxe_external_dtd(srv.url("/evil.dtd")))
    s("/xxe-atom.xml", xxe_atom(secret))
    s("/gzip-bomb.xml", gzip_bomb(BOMB_BYTES), headers={"Content-Encoding": "gzip"})
    s("/deflate-bomb.xml", gzip_bomb(BOMB_BYTES, wbits=15), headers={"Content-Encoding": "deflate"})
    srv.redirect("/redirect-loop.xml", "/redirect-loop-2.xml", 301)
    srv.redirect("/redirect-loop-2.xml", "/redirect-loop.xml", 302)
    s("/http-500.xml", b"<h1>[bold]Internal[/] error</h1>", status=500, content_type="text/html")
    s("/dates.xml", dated_feed(now))
    s("/zero-date.xml", zero_date_feed(now))
    s("/guidless.xml", guidless_feed(now))
    s("/duplicate-guids.xml", duplicate_guid_feed(now))
    s("/control-strict.xml", control_feed(now, loose=False))
    s("/control-loose.xml", control_feed(now, loose=True))
    s("/markup.xml", markup_feed(now))
    s("/bodies.xml", bodies_feed(now, body_items()))
    s("/deep-list.xml", bodies_feed(now, {"deep-list": deep_list_body()}, title="Deep list wire"))
    s("/huge-title.xml", huge_title_feed(now))
    srv.trickle("/trickle.xml")
