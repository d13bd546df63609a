"""The feed list in the config file: add, remove, list, and OPML in and out.

Edits go through tomlkit, so the user's comments and layout survive, and are
written atomically like the cache.
"""

from __future__ import annotations

import re
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


# A tag is a folder path: "World/Europe" is the folder Europe inside World. A folder
# name that holds a slash (or a backslash) itself has it escaped with a backslash.
_SEPARATOR = "/"


def folder_tag(path: list[str] | tuple[str, ...]) -> str:
    """The tag for a folder path: ["World", "Europe"] -> "World/Europe"."""
    return _SEPARATOR.join(part.replace("\\", "\\\\").replace("/", "\\/") for part in path)


def folder_path(tag: str) -> list[str]:
    """The folder path a tag names: "World/Europe" -> ["World", "Europe"]; empty levels are dropped."""
    parts, current, chars = [], [], iter(tag)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == _SEPARATOR:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def read_opml(path: Path) -> list[dict]:
    """Feeds from an OPML file; each folder path (Feedly, Miniflux categories) becomes a tag."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    parsed = listparser.parse(data)
    if not parsed.feeds and parsed.bozo:
        raise SourceError(f"{path}: not an OPML file ({parsed.bozo_exception})")
    entries = []
    for feed in parsed.feeds:
        # A feed in "Nieuws" > "Regio" comes back with the path ["Nieuws", "Regio"]: tag "Nieuws/Regio".
        # A feed listed in several folders has several paths, so several tags.
        folders = ([part.strip() for part in path if part and part.strip()] for path in feed.categories)
        tags = list(dict.fromkeys(folder_tag(folder) for folder in folders if folder))
        # An outline without a name of its own is exported with its URL as text: no name, as before.
        name = feed.title if feed.title and feed.title != feed.url else None
        entries.append({"url": feed.url, "name": name, "tags": tags or None})
    return entries


# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_opml(feeds: list[dict]) -> str:
    """OPML 2.0 for these feeds: a feed sits in the (nested) folder of each of its tags."""
    root = ElementTree.Element("opml", version="2.0")
    ElementTree.SubElement(ElementTree.SubElement(root, "head"), "title").text = "wiredesk feeds"
    body = ElementTree.SubElement(root, "body")
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): body}

    def folder(path: tuple[str, ...]) -> ElementTree.Element:
        if path not in folders:
            name = _xml_text(path[-1])
            folders[path] = ElementTree.SubElement(folder(path[:-1]), "outline", text=name, title=name)
        return folders[path]

    for feed in feeds:
        paths = [tuple(folder_path(tag)) for tag in feed.get("tags") or ()]
        name = _xml_text(feed.get("name") or feed["url"])
        for path in dict.fromkeys(paths) or [()]:
            ElementTree.SubElement(folder(path), "outline", type="rss", text=name, title=name,
                                   xmlUrl=_xml_text(feed["url"]))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
