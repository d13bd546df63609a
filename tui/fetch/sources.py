"""Where feeds come from: URLs and paths, checked before anything is fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

MAX_BYTES = 10 * 1024 * 1024  # a feed's cap, after decompression too; here so the desk can name it without httpx


class SourceError(ValueError):
    """A feed source that can't be fetched at all: bad URL or missing file."""


def local_path(url: str) -> Path | None:
    """The file a source names, or None for http(s). Raises SourceError for anything else."""
    try:
        parsed = urlparse(url)
        port_ok = parsed.port is None or parsed.port > 0  # .port raises on a bad port
    except ValueError:
        raise SourceError(f"bad URL: {url}") from None
    if parsed.scheme in ("http", "https"):
        if not parsed.hostname or not port_ok:
            raise SourceError(f"bad URL: {url}")
        return None
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # one letter is a Windows drive
        raise SourceError(f"unsupported URL scheme {parsed.scheme!r}: {url}")
    return Path(url).expanduser()


def check_source(url: str) -> None:
    path = local_path(url)
    if path is not None and not path.is_file():
        raise SourceError(f"no such feed file: {url}")  # as the user wrote it: a Path folds "//"
