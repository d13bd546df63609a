"""Full text: the article behind a teaser's link, as kept in the cache, shown and exported; and the
politeness rule that keeps the desk from hammering a site.

Pure: the fetching is tui/fetch/fulltext.py, the keeping is the Store's (full_text, save_full_text)."""

from __future__ import annotations

import html
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tui.core.bodies import to_markdown
from tui.core.i18n import tr
from tui.core.items import Item, clean_text
from tui.core.timefmt import absolute

PER_HOST_PER_MINUTE = 3  # page requests to one site in any 60 s, by default
CONCURRENCY = 2  # pages fetched at once, by default
WINDOW = 60.0


@dataclass(frozen=True, slots=True)
class FullText:
    """What fetching an item's page gave: the article's HTML (extracted, attribute-free), or "" and why not.

    Kept once in the cache, failures that will not mend (not HTML, gone, too large) too, so that
    no page is fetched twice."""

    html: str
    url: str  # where the text came from, after redirects
    fetched_at: float
    note: str = ""  # one line: what was cut or is missing, or why the teaser stays

    @property
    def ok(self) -> bool:
        return bool(self.html)

    def to_record(self) -> dict[str, Any]:
        return {"html": self.html, "url": self.url, "fetched_at": self.fetched_at, "note": self.note}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FullText:
        return cls(record.get("html", ""), record.get("url", ""), record.get("fetched_at", 0.0),
                   record.get("note", ""))


def fetchable(item: Item) -> bool:
    """Whether an item has a page to fetch: a web link."""
    return urlsplit(item.link).scheme in ("http", "https") and bool(host_of(item.link))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def source_line(text: FullText, lang: str = "en") -> str:
    """The line over a full text: that it was fetched, when, and from where."""
    line = f"{tr(lang, 'Full text fetched')} {absolute(text.fetched_at, lang)} {tr(lang, 'from')} {text.url}"
    return clean_text(line)


def full_text_markdown(text: FullText, lang: str = "en") -> str:
    """The article pane's Markdown for a fetched full text; the page's words never format."""
    lines = [source_line(text, lang)] + ([text.note] if text.note else [])
    head = "".join(f"<p><em>{html.escape(line)}</em></p>" for line in lines)
    return to_markdown(head + "<hr>" + text.html)


class HostBudget:
    """At most `per_minute` requests to one host in any sliding minute."""

    def __init__(self, per_minute: int = PER_HOST_PER_MINUTE, window: float = WINDOW) -> None:
        self.per_minute = max(1, per_minute)
        self.window = window
        self._sent: dict[str, deque[float]] = {}

    def take(self, host: str, now: float) -> float:
        """0 and a request is booked for `host` now; else the seconds until one may be."""
        sent = self._sent.setdefault(host, deque())
        while sent and sent[0] <= now - self.window:
            sent.popleft()
        if len(sent) < self.per_minute:
            sent.append(now)
            return 0.0
        return sent[0] + self.window - now


class Asked:
    """The items whose page the reader asked for and is on its way: `t` twice fetches once."""

    def __init__(self) -> None:
        self._fetching: set[str] = set()

    def start(self, item: Item) -> str | None:
        """None, and the item counts as fetching; else why its page is not fetched now."""
        if not fetchable(item):
            return "No web link to fetch"
        if item.id in self._fetching:
            return "Already fetching this page"
        self._fetching.add(item.id)
        return None

    def done(self, item_id: str) -> None:
        self._fetching.discard(item_id)
