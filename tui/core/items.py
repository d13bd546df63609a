"""The item record, stable ids, and cleaning of every string that comes from a feed."""

from __future__ import annotations

import hashlib
import html
import re
import sys
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from tui.core import urgency

# ESC-introduced sequences (CSI, OSC, DCS, ...) are removed whole, so that no
# payload such as an OSC title survives as visible junk; then any remaining
# C0/C1 control character goes. Tab and newline are kept for bodies.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|[\x9b][0-?]*[ -/]*[@-~]"  # 8-bit CSI
    # 8-bit string commands only when terminated: a lone C1 byte is more often mis-decoded
    # text than an attack, and must not swallow the story after it.
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b(?:[!-/][ -/]*)?[0-~]?"  # ESC, intermediates, final: ESC ( B, ESC 7, ESC c; or a lone ESC
)
# Bidi embeddings, overrides and isolates go too: they reorder what follows them
# (a title that reads "txt.exe") and push the list's columns out of line.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROLS_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_BIDI_CHARS = re.compile(f"[{_BIDI}]")
# A numeric character reference, with or without its ';' (HTML decoders take both).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")
# Content that is never text to show: dropped from summaries and article bodies.
HIDDEN_ELEMENTS = re.compile(r"<(script|style|iframe|form|noscript)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_END = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|tr)\b[^>]*>", re.I)


def clean_text(text: str | None, *, multiline: bool = False) -> str:
    """Strip escape sequences and control characters; single-line unless `multiline`."""
    if not text:
        return ""
    if "&#" not in text and not (_CONTROLS if multiline else _CONTROLS_LINE).search(text):
        # The common case: nothing to remove, one scan instead of several.
        return text if multiline else _SPACES.sub(" ", text).strip()
    if "&#" in text:
        # A reference such as &#x1b; or &#27 must not smuggle a control character past us.
        text = _CHAR_REF.sub(_visible_ref, text)
    text = _ESCAPES.sub("", text)
    if multiline:
        return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub(" ", _CONTROLS_LINE.sub(" ", _BIDI_CHARS.sub("", text))).strip()


def _visible_ref(match: re.Match[str]) -> str:
    """The reference as written, unless it names a control character (tab and newlines stay)."""
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code in (0x09, 0x0A, 0x0D) or code > 0x10FFFF:
        return match.group(0)
    return "" if _CONTROLS_LINE.match(chr(code)) else match.group(0)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, for datelines and summaries (not for display)."""
    text = _BLOCK_END.sub("\n", HIDDEN_ELEMENTS.sub("", fragment))
    text = html.unescape(_TAGS.sub("", text))
    return clean_text(text, multiline=True).strip()


def local_id(guid: str | None, link: str | None, title: str, date: str | None, body: str = "") -> str:
    """An item's id within its feed: the GUID, then the link, then a hash of title and date.

    An item with no title either (RSS allows a description alone) hashes its body,
    so that such items don't all collapse into one."""
    if guid and guid.strip():
        return guid.strip()
    if link and link.strip():
        return link.strip()
    digest = hashlib.sha1(f"{title or body}\x00{date or ''}".encode()).hexdigest()[:20]
    return f"sha1:{digest}"


def scoped_id(feed_url: str, local: str) -> str:
    """An item's id in the cache: its `local_id` scoped to the feed's configured URL.

    A GUID is unique within its feed at best (two feeds both saying <guid>1</guid> are two
    items). 16 hex digits of BLAKE2b: short and safe to type (`wiredesk read ID`); with 64 bits,
    a cache of a million items has about one chance in 37 million of holding two equal ids."""
    return hashlib.blake2b(f"{feed_url}\x00{local}".encode(), digest_size=8).hexdigest()


_DRAWN = attrgetter("title", "link", "published", "dated", "places", "agencies", "feed", "feed_url")
_SHARED: dict[tuple[str, ...], tuple[str, ...]] = {}
SHARED_MAX = 4096  # distinct datelines are a few hundred; a hostile feed's thousands are not kept


def shared(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """One tuple object (of interned strings) for equal tuples of names."""
    key = tuple(names)
    found = _SHARED.get(key)
    if found is None:
        found = tuple(sys.intern(name) for name in key)
        if len(_SHARED) < SHARED_MAX:
            _SHARED[found] = found
    return found


@dataclass(slots=True)
class Item:
    """What the list needs of an item. Bodies are stored apart, by day."""

    id: str
    feed: str
    title: str
    link: str
    published: float  # epoch seconds, UTC
    summary: str = ""
    places: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    feed_url: str = ""
    seen: float = 0.0
    dated: bool = True  # False when the feed gave no usable date
    day: str = ""  # the cache file it lives in, set by the store
    feed_urgency: str = ""  # "flash" or "urgent" when the feed's own fields say so (tui.core.urgency)

    group: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A wire repeats its feeds, days, places and agencies thousands of times: one copy of each
        # (measured: 20 MB of 50k items).
        self.feed, self.feed_url, self.day = sys.intern(self.feed), sys.intern(self.feed_url), sys.intern(self.day)
        self.places, self.agencies = shared(self.places), shared(self.agencies)
        # The list's group: computed once here, not on every regroup of the wire.
        self.group = sys.intern("/".join(p.upper() for p in self.places)) if self.places else self.feed

    def looks_like(self, other: Item | None) -> bool:
        """Whether `other` draws the same in the list and the article header (summary and first sight aside)."""
        return other is not None and _DRAWN(self) == _DRAWN(other)

    def to_row(self) -> dict[str, Any]:
        row = {
            "id": self.id,
            "feed": self.feed,
            "feed_url": self.feed_url,
            "title": self.title,
            "link": self.link,
            "published": self.published,
            "seen": self.seen,
            "dated": self.dated,
            "summary": self.summary,
            "places": list(self.places),
            "agencies": list(self.agencies),
        }
        if self.feed_urgency:  # rare: other rows stay as they were
            row["feed_urgency"] = self.feed_urgency
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any], *, lean: bool = False) -> Item:
        """`lean`: without summary and first-sight time, which the desk's list does not use."""
        return cls(
            id=row["id"],
            feed=row.get("feed", ""),
            feed_url=row.get("feed_url", ""),
            title=row.get("title", ""),
            link=row.get("link", ""),
            published=row.get("published", 0.0),
            seen=0.0 if lean else row.get("seen", 0.0),
            dated=row.get("dated", True),
            day=row.get("day", ""),
            summary=urgency.lead(row.get("title", ""), row.get("summary", "")) if lean else row.get("summary", ""),
            places=tuple(row.get("places", ())),
            agencies=tuple(row.get("agencies", ())),
            feed_urgency=row.get("feed_urgency", ""),
        )


@dataclass
class ParsedFeed:
    title: str
    items: list[Item] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # id -> HTML
    error: str | None = None
    guids: dict[str, str] = field(default_factory=dict)  # id -> its local_id, which the store keeps on disk
