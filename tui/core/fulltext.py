"""Full text: the article behind a teaser's link, as kept in the cache, shown and exported; and the
politeness rule that keeps the desk from hammering a site.

Pure: the fetching is tui/fetch/fulltext.py, the keeping is the Store's (full_text, save_full_text)."""

from __future__ import annotations

import html
import re
from collections import deque
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from tui.core import dateline
from tui.core.bodies import to_markdown
from tui.core.i18n import tr
from tui.core.items import Item, clean_text, html_to_text
from tui.core.timefmt import absolute

PER_HOST_PER_MINUTE = 3  # page requests to one site in any 60 s, by default
CONCURRENCY = 2  # pages fetched at once, by default
WINDOW = 60.0
LEAD_WORDS = 60  # of a page's opening paragraphs, folded as the item's lead: about what a wire's summary holds
NOTE_HUGE = "Page cut: it is larger than wiredesk reads."
NOTE_DEEP = "Page cut: it nests deeper than wiredesk reads."
NOTE_PAYWALL = "Paywalled: only the part the site shows to everyone is here."
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p\s*>", re.I | re.S)
# A note is English in the cache (and on the command line); the desk says it in its language.
_DUTCH_NOTES = tuple((re.compile(pattern), dutch) for pattern, dutch in (
    (re.escape(NOTE_HUGE), "Pagina ingekort: ze is groter dan wiredesk leest."),
    (re.escape(NOTE_DEEP), "Pagina ingekort: ze is dieper genest dan wiredesk leest."),
    (re.escape(NOTE_PAYWALL), "Achter een betaalmuur: alleen het deel dat de site iedereen toont staat hier."),
    (r": the teaser stays$", ": de teaser blijft"),
    (r"^Not an article page \(", "Geen artikelpagina ("),
    (r"^No article text found on the page", "Geen artikeltekst gevonden op de pagina"),
    (r"^no complete answer within ", "geen volledig antwoord binnen "),
    (r"^timed out", "time-out: geen antwoord op tijd"),
    (r"^more than (\d+) redirects", r"meer dan \1 doorverwijzingen"),
    (r"^page larger than ", "pagina groter dan "),
    (r" \(not kept: ", " (niet bewaard: "),
))


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


def note_in(lang: str, note: str) -> str:
    """A page's one-line note in the desk's language."""
    if lang == "nl":
        for pattern, dutch in _DUTCH_NOTES:
            note = pattern.sub(dutch, note)
    return note


def full_text_markdown(text: FullText, lang: str = "en") -> str:
    """The article pane's Markdown for a fetched full text; the page's words never format."""
    lines = [source_line(text, lang)] + ([note_in(lang, text.note)] if text.note else [])
    head = "".join(f"<p><em>{html.escape(line)}</em></p>" for line in lines)
    return to_markdown(head + "<hr>" + text.html)


def page_lead(page_html: str) -> str:
    """The opening paragraphs of a page's article as plain text, up to about LEAD_WORDS words."""
    words: list[str] = []
    for paragraph in _PARAGRAPH.findall(page_html):
        words += html_to_text(paragraph).split()
        if len(words) >= LEAD_WORDS:
            break
    return " ".join(words)


def with_page(item: Item, text: FullText) -> Item:
    """The item as folding reads it once its page is in: the page's lead as its summary, and the page's
    dateline places when its teaser had none."""
    lead = page_lead(text.html)
    found = dateline.parse(lead)
    return replace(item, summary=lead, places=item.places or (found.places if found else ()))


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
