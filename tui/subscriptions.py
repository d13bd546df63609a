"""The feed list in the config file: add, remove, list, and OPML in and out.

Edits go through tomlkit, so the user's comments and layout survive, and are
written atomically like the cache.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import listparser
import tomlkit

from tui.config import ConfigError
from tui.sources import SourceError, check_source
from tui.store import atomic_write


def _load(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _save(path: Path, document: tomlkit.TOMLDocument) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomlkit.dumps(document).encode("utf-8"))


def _feeds(document: tomlkit.TOMLDocument) -> tomlkit.items.AoT:
    if "feeds" not in document:
        document["feeds"] = tomlkit.aot()
    return document["feeds"]


def add_feeds(path: Path, entries: list[dict]) -> list[str]:
    """Add feeds (dicts with url and optional name, interval, tags); returns the URLs added."""
    for entry in entries:
        check_source(entry["url"])
    document = _load(path)
    feeds = _feeds(document)
    known = {feed.get("url") for feed in feeds}
    added = []
    for entry in entries:
        if entry["url"] in known:
            continue
        table = tomlkit.table()
        for key in ("url", "name", "interval", "tags"):
            if entry.get(key):
                table[key] = entry[key]
        feeds.append(table)
        known.add(entry["url"])
        added.append(entry["url"])
    if added:
        _save(path, document)
    return added


def remove_feed(path: Path, url_or_name: str) -> str:
    """Remove the feed with this URL (or name); returns its URL."""
    document = _load(path)
    feeds = _feeds(document)
    for n, feed in enumerate(feeds):
        if url_or_name in (feed.get("url"), feed.get("name")):
            del feeds[n]
            _save(path, document)
            return feed.get("url")
    raise SourceError(f"no feed {url_or_name!r} in {path}")


def read_opml(path: Path) -> list[dict]:
    """Feeds from an OPML file; nested outlines (Feedly, Miniflux categories) become tags."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    parsed = listparser.parse(data)
    if not parsed.feeds and parsed.bozo:
        raise SourceError(f"{path}: not an OPML file ({parsed.bozo_exception})")
    entries = []
    for feed in parsed.feeds:
        # Nested folders come back as paths: ["Nieuws", "Regio"] tags the feed with both.
        tags = list(dict.fromkeys(t for path in feed.categories for t in path if t))
        entries.append({"url": feed.url, "name": feed.title or None, "tags": tags or None})
    return entries


def write_opml(feeds: list[dict]) -> str:
    """OPML 2.0 for these feeds, grouped in outlines by their first tag."""
    root = ElementTree.Element("opml", version="2.0")
    ElementTree.SubElement(ElementTree.SubElement(root, "head"), "title").text = "wiredesk feeds"
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for feed in feeds:
        parent = body
        if feed.get("tags"):
            tag = feed["tags"][0]
            if tag not in folders:
                folders[tag] = ElementTree.SubElement(body, "outline", text=tag, title=tag)
            parent = folders[tag]
        name = feed.get("name") or feed["url"]
        ElementTree.SubElement(parent, "outline", type="rss", text=name, title=name, xmlUrl=feed["url"])
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
