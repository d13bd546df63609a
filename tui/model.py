"""The item record, stable ids, and cleaning of every string that comes from a feed."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

# ESC-introduced sequences (CSI, OSC, DCS, ...) are removed whole, so that no
# payload such as an OSC title survives as visible junk; then any remaining
# C0/C1 control character goes. Tab and newline are kept for bodies.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|[\x9b][0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit string commands
    r"|\x1b(?:[!-/][ -/]*)?[0-~]?"  # ESC, intermediates, final: ESC ( B, ESC 7, ESC c; or a lone ESC
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
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
        # A character reference such as &#x1b; must not smuggle an ESC past us.
        text = re.sub(r"&#(?:x0*1b|0*27|x0*9b|0*155);", "", text, flags=re.I)
    text = _ESCAPES.sub("", text)
    if multiline:
        return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub(" ", _CONTROLS_LINE.sub(" ", text)).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, for datelines and summaries (not for display)."""
    text = _BLOCK_END.sub("\n", HIDDEN_ELEMENTS.sub("", fragment))
    text = html.unescape(_TAGS.sub("", text))
    return clean_text(text, multiline=True).strip()


def item_id(guid: str | None, link: str | None, title: str, date: str | None, body: str = "") -> str:
    """Stable id: the GUID, then the link, then a hash of title and date.

    An item with no title either (RSS allows a description alone) hashes its body,
    so that such items don't all collapse into one."""
    if guid and guid.strip():
        return guid.strip()
    if link and link.strip():
        return link.strip()
    digest = hashlib.sha1(f"{title or body}\x00{date or ''}".encode()).hexdigest()[:20]
    return f"sha1:{digest}"


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

    group: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The list's group: computed once here, not on every regroup of the wire.
        self.group = "/".join(p.upper() for p in self.places) if self.places else self.feed

    def to_row(self) -> dict:
        return {
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

    @classmethod
    def from_row(cls, row: dict) -> Item:
        return cls(
            id=row["id"],
            feed=row.get("feed", ""),
            feed_url=row.get("feed_url", ""),
            title=row.get("title", ""),
            link=row.get("link", ""),
            published=row.get("published", 0.0),
            seen=row.get("seen", 0.0),
            dated=row.get("dated", True),
            day=row.get("day", ""),
            summary=row.get("summary", ""),
            places=tuple(row.get("places", ())),
            agencies=tuple(row.get("agencies", ())),
        )


@dataclass
class ParsedFeed:
    title: str
    items: list[Item] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # id -> HTML
    error: str | None = None
