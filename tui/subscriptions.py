"""The feed list in the config file: add, remove, list, and OPML in and out.

Edits go through tomlkit, so the user's comments and layout survive, and are
written atomically like the cache.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import NoReturn, Required, TypedDict
from xml.etree import ElementTree
from xml.parsers import expat

import listparser
import tomlkit
from tomlkit.items import AoT, Array

from tui.config import ConfigError
from tui.fetch.sources import SourceError, check_source
from tui.store import atomic_write


class FeedEntry(TypedDict, total=False):
    """A feed as the config file lists it, or as an OPML file or `feeds add` names it."""

    url: Required[str]
    name: str | None
    interval: float | None
    tags: list[str] | None


def _load(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _save(path: Path, document: tomlkit.TOMLDocument) -> None:
    text = tomlkit.dumps(document)
    try:  # never leave a file behind that the loader refuses
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not changed, the edit would break the file ({exc})") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def _feeds(document: tomlkit.TOMLDocument, path: Path) -> AoT | Array:
    """The feed list as the user wrote it: [[feeds]] tables, or an inline array `feeds = [...]`."""
    if "feeds" not in document:
        document["feeds"] = tomlkit.aot()
    feeds = document["feeds"]
    if not isinstance(feeds, AoT | Array):
        raise ConfigError(f"{path}: feeds: expected [[feeds]] tables")
    return feeds


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """Text from a file, safe for one line of a terminal: control characters escaped, the rest as written."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def feed_problem(url: str) -> str | None:
    """Why a feed can't be fetched, naming the URL as the user wrote it; None if it can."""
    try:
        check_source(url)
    except SourceError as exc:
        return _shown(str(exc))
    return None


def usable_feeds(entries: list[FeedEntry]) -> tuple[list[FeedEntry], list[str]]:
    """The entries that can be fetched, and one problem per entry that can't."""
    good: list[FeedEntry] = []
    problems: list[str] = []
    for entry in entries:
        problem = feed_problem(entry["url"])
        if problem:
            problems.append(problem)
        else:
            good.append(entry)
    return good, problems


def add_feeds(path: Path, entries: list[FeedEntry]) -> list[str]:
    """Add feeds; returns the URLs added.

    Adds nothing if any entry can't be fetched; sort them with usable_feeds first to add the rest."""
    _, problems = usable_feeds(entries)
    if problems:
        raise SourceError(problems[0])
    document = _load(path)
    feeds = _feeds(document, path)
    known = {feed.get("url") for feed in feeds}
    added: list[str] = []
    for entry in entries:
        if entry["url"] in known:
            continue
        # An inline array can hold only inline tables: a plain table there is written as bare keys.
        table = tomlkit.inline_table() if isinstance(feeds, Array) else tomlkit.table()
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
    feeds = _feeds(document, path)
    for n, feed in enumerate(feeds):
        if url_or_name in (feed.get("url"), feed.get("name")):
            del feeds[n]
            _save(path, document)
            url: str = feed.get("url")
            return url
    raise SourceError(f"no feed {url_or_name!r} in {path}")


# A tag is a folder path: "World/Europe" is the folder Europe inside World. A folder
# name that holds a slash (or a backslash) itself has it escaped with a backslash.
_SEPARATOR = "/"


def folder_tag(path: list[str] | tuple[str, ...]) -> str:
    """The tag for a folder path: ["World", "Europe"] -> "World/Europe"."""
    return _SEPARATOR.join(part.replace("\\", "\\\\").replace("/", "\\/") for part in path)


def folder_path(tag: str) -> list[str]:
    """The folder path a tag names: "World/Europe" -> ["World", "Europe"]; empty levels are dropped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(tag)
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


_DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _opml_text(path: Path, data: bytes) -> str:
    """The text of an OPML file, checked: listparser reads nearly anything and decodes only UTF-8.

    Parsed with expat first, for well-formedness and an <opml> root. Entity declarations are
    refused, not expanded: an entity can grow without bound (billion laughs) or name a file."""
    if not data.strip():
        raise SourceError(f"{path}: not an OPML file (it is empty)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        declared = _DECLARED.match(data)
        encoding = declared.group(1).decode() if declared else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise SourceError(f"{path}: not an OPML file (unknown encoding {_shown(encoding)!r})") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(f"{path}: not an OPML file (not {encoding} text at line {line})") from None

    def refuse(*_: object) -> NoReturn:
        raise SourceError(f"{path}:{parser.CurrentLineNumber}: XML entity declarations are refused (not expanded)")

    elements: list[str] = []  # the root is the first

    def element(name: str, _attributes: object) -> None:
        if not elements:
            elements.append(name)

    parser = expat.ParserCreate()  # given str, expat reads it as the UTF-8 it hands over, whatever the declaration
    parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = refuse
    parser.StartElementHandler = element
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise SourceError(
            f"{path}: not well-formed XML at line {exc.lineno} ({expat.errors.messages[exc.code]})"
        ) from None
    if elements[0].rpartition(":")[2] != "opml":
        raise SourceError(f"{path}: not an OPML file (its root element is <{_shown(elements[0])}>, not <opml>)")
    return text  # well-formed XML, so never a string like "http://...", which listparser would fetch


def read_opml(path: Path) -> list[FeedEntry]:
    """Feeds from an OPML file; each folder path (Feedly, Miniflux categories) becomes a tag."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    parsed = listparser.parse(_opml_text(path, data))
    if not parsed.feeds and parsed.bozo:
        raise SourceError(f"{path}: not an OPML file ({parsed.bozo_exception})")
    entries: list[FeedEntry] = []
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


def write_opml(feeds: list[FeedEntry]) -> str:
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
