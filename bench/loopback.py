"""A loopback HTTP server over a folder of feed files, logging when each file was asked for.

Python's own file server: it sends Last-Modified and answers If-Modified-Since with 304, so
every reader polls it the way it polls a real server.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.common import show


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.log(self.path, int(code) if isinstance(code, int) else 0)  # an HTTPStatus is an int

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), partial(_Handler, directory=str(folder)))
        self.lock = threading.Lock()
        self.asked: dict[str, list[tuple[float, int]]] = defaultdict(list)

    def log(self, path: str, status: int) -> None:
        with self.lock:
            self.asked[path].append((time.monotonic(), status))


class Loopback:
    """Serves `folder` on 127.0.0.1 from a thread; `asked` holds (monotonic time, status) per path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._httpd = _Server(folder)
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="loopback", daemon=True)

    def url(self, path: Path) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/{path.relative_to(self.folder)}"

    @property
    def asked(self) -> dict[str, list[tuple[float, int]]]:
        with self._httpd.lock:
            return {path: list(times) for path, times in self._httpd.asked.items()}

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def display(argv: list[str]) -> str:
    """A command as the table prints it, with the server's port and the scratch dir as placeholders."""
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", show(argv)).replace("COPY", "DIR")
