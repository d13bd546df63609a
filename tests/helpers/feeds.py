"""Test helpers: feed documents built from simple specs, and a real HTTP feed server.

Tests never hand-write XML: they describe items with `Entry` (or plain dicts
with the same keys) and call `rss(...)` or `atom(...)` for the bytes.

`FeedServer` is a real HTTP server on 127.0.0.1 with an ephemeral port. Its
documents can be changed while a test runs, it answers conditional requests
with 304 when the path has validators, it can be told to fail or to be slow,
and it records every request (path and headers) and the most requests it had
in flight at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Entry", "FeedServer", "Request", "atom", "http_date", "rfc822", "rfc3339", "rss"]


# Feed documents


@dataclass
class Entry:
    """One item of a test feed. `date` is epoch seconds, a datetime, or a raw string used as is."""

    title: str | None = None
    guid: str | None = None
    link: str | None = None
    date: float | datetime | str | None = None
    body: str = ""  # HTML
    categories: tuple[str, ...] = ()  # RSS <category> / Atom <category term>
    urgency: int | None = None  # an IPTC/ninjs urgency element (1 most urgent)


def _entry(spec: Entry | Mapping) -> Entry:
    return spec if isinstance(spec, Entry) else Entry(**spec)


def _as_datetime(value: float | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromtimestamp(value, UTC)


def rfc822(value: float | datetime | str) -> str:
    """An RSS pubDate: 'Wed, 25 Nov 2026 09:57:00 +0000'."""
    if isinstance(value, str):
        return value
    return format_datetime(_as_datetime(value).replace(microsecond=0))


def rfc3339(value: float | datetime | str) -> str:
    """An Atom date: '2026-11-25T09:57:00+00:00'."""
    if isinstance(value, str):
        return value
    return _as_datetime(value).replace(microsecond=0).isoformat()


def http_date(value: float | datetime) -> str:
    """An HTTP date for Last-Modified: 'Wed, 25 Nov 2026 09:57:00 GMT'."""
    return format_datetime(_as_datetime(value).replace(microsecond=0), usegmt=True)


def rss(items: Iterable[Entry | Mapping], *, title: str = "Test wire", link: str = "https://wire.test/") -> bytes:
    """An RSS 2.0 document. Text is XML-escaped; the HTML body goes escaped into <description>."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        "<channel>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        "<description>wiredesk test feed</description>",
    ]
    entries = [_entry(spec) for spec in items]
    if any(entry.urgency is not None for entry in entries):
        parts[1] = '<rss version="2.0" xmlns:ninjs="http://iptc.org/std/ninjs">'
    for entry in entries:
        parts.append("<item>")
        if entry.title is not None:
            parts.append(f"<title>{escape(entry.title)}</title>")
        if entry.link is not None:
            parts.append(f"<link>{escape(entry.link)}</link>")
        if entry.guid is not None:
            # Not a permalink: feedparser would otherwise copy the GUID into the link.
            parts.append(f'<guid isPermaLink="false">{escape(entry.guid)}</guid>')
        if entry.date is not None:
            parts.append(f"<pubDate>{escape(rfc822(entry.date))}</pubDate>")
        if entry.body:
            parts.append(f"<description>{escape(entry.body)}</description>")
        parts.extend(f"<category>{escape(term)}</category>" for term in entry.categories)
        if entry.urgency is not None:
            parts.append(f"<ninjs:urgency>{entry.urgency}</ninjs:urgency>")
        parts.append("</item>")
    parts += ["</channel>", "</rss>", ""]
    return "\n".join(parts).encode("utf-8")


def atom(
    items: Iterable[Entry | Mapping], *, title: str = "Test wire", feed_id: str = "tag:wire.test,2026:feed"
) -> bytes:
    """An Atom 1.0 document. The GUID is the entry <id>; the HTML body is <content type="html">."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_id)}</id>",
        "<updated>2026-01-01T00:00:00Z</updated>",
    ]
    for spec in items:
        entry = _entry(spec)
        parts.append("<entry>")
        if entry.guid is not None:
            parts.append(f"<id>{escape(entry.guid)}</id>")
        if entry.title is not None:
            parts.append(f"<title>{escape(entry.title)}</title>")
        if entry.link is not None:
            parts.append(f'<link rel="alternate" type="text/html" href={quoteattr(entry.link)}/>')
        if entry.date is not None:
            parts.append(f"<published>{escape(rfc3339(entry.date))}</published>")
        if entry.body:
            parts.append(f'<content type="html">{escape(entry.body)}</content>')
        parts.extend(f"<category term={quoteattr(term)}/>" for term in entry.categories)
        parts.append("</entry>")
    parts += ["</feed>", ""]
    return "\n".join(parts).encode("utf-8")


# The feed server


@dataclass
class Request:
    """One request as the server saw it. Header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    status: int  # what the server answered (set before it is sent); 0 while waiting or if it never answered

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass
class _Route:
    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = "application/xml; charset=utf-8"
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between body chunks (a server that trickles)
    chunk_size: int = 64
    headers: dict[str, str] = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True
    owner: FeedServer

    def handle_error(self, request, client_address):  # a client that left is not a test failure
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection, so handler threads end promptly
    timeout = 10  # a client that connects and sends nothing cannot hold stop() up for long

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        self.server.owner._handle(self)

    def do_HEAD(self):
        self.server.owner._handle(self)


def _not_modified(route: _Route, headers: Mapping[str, str]) -> bool:
    if route.etag is not None and "if-none-match" in headers:
        tags = [tag.strip() for tag in headers["if-none-match"].split(",")]
        return "*" in tags or route.etag in tags or f"W/{route.etag}" in tags
    if route.last_modified is not None and "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
            modified = parsedate_to_datetime(route.last_modified)
        except (TypeError, ValueError):
            return False
        return modified <= since
    return False


class FeedServer:
    """A loopback HTTP server for feeds; use as a context manager or start()/stop()."""

    def __init__(self) -> None:
        self._routes: dict[str, _Route] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._requests: list[Request] = []
        self._in_flight = 0
        self._max_in_flight = 0
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle

    def start(self) -> FeedServer:
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="FeedServer", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()  # wakes slow handlers so they end at once
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    # What is served

    def set(
        self,
        path: str,
        body: bytes,
        *,
        etag: str | None = None,
        last_modified: str | float | datetime | None = None,
        status: int = 200,
        content_type: str = "application/xml; charset=utf-8",
        delay: float = 0.0,
        chunk_delay: float = 0.0,
        chunk_size: int = 64,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Serve `body` at `path`, replacing whatever was there. An etag is sent as given (quote it)."""
        if last_modified is not None and not isinstance(last_modified, str):
            last_modified = http_date(last_modified)
        with self._lock:
            self._routes[path] = _Route(
                body=body,
                status=status,
                etag=etag,
                last_modified=last_modified,
                content_type=content_type,
                delay=delay,
                chunk_delay=chunk_delay,
                chunk_size=chunk_size,
                headers=dict(headers or {}),
            )

    def set_status(self, path: str, status: int, body: bytes = b"") -> None:
        """Answer `path` with this status (and a small body) from now on."""
        self.set(path, body or f"status {status}\n".encode(), status=status, content_type="text/plain")

    def set_delay(self, path: str, seconds: float) -> None:
        """Wait this long before answering `path` (the document stays as it is)."""
        with self._lock:
            self._routes.setdefault(path, _Route(status=404, body=b"not found\n")).delay = seconds

    def remove(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    # What was asked

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def conditional_count(self, path: str | None = None) -> int:
        return sum(1 for r in self.requests if r.conditional and (path is None or r.path == path))

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    def clear_log(self) -> None:
        with self._lock:
            self._requests.clear()
            self._max_in_flight = self._in_flight

    # Serving

    def _handle(self, handler: _Handler) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        path = handler.path.split("?", 1)[0]
        record = Request(handler.command, path, headers, 0)
        with self._lock:
            # Logged on arrival, so the log is in the order requests came in.
            self._requests.append(record)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            route = self._routes.get(path)
        counted = True
        try:
            if route is None:
                route = _Route(status=404, body=b"not found\n", content_type="text/plain")
            if route.delay and self._stopping.wait(route.delay):
                return  # stopping: leave without an answer
            record.status = 304 if route.status == 200 and _not_modified(route, headers) else route.status
            # No longer "in flight" once the answer goes out: the client may finish and send its
            # next request before this thread runs again, and that must not count as overlap.
            self._leave()
            counted = False
            self._respond(handler, route, record.status)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)
        finally:
            if counted:
                self._leave()

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _respond(self, handler: _Handler, route: _Route, status: int) -> None:
        body = b"" if status == 304 or handler.command == "HEAD" else route.body
        handler.send_response(status)
        if status != 304:
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Content-Length", str(len(body)))
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        if route.last_modified is not None:
            handler.send_header("Last-Modified", route.last_modified)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if not route.chunk_delay:
            handler.wfile.write(body)
            return
        handler.wfile.flush()
        for start in range(0, len(body), route.chunk_size):
            if start and self._stopping.wait(route.chunk_delay):
                break
            handler.wfile.write(body[start : start + route.chunk_size])
            handler.wfile.flush()
