"""Wire urgency: flash, urgent or none, read where the agencies put it.

Agencies mark their most important copy at the very start of the title or the body, in their own
form: ``FLASH -``, ``URGENT -``, ``BULLETIN``, ``BREAKING:``, ``ALERTE -``, ``SPOED:``, ``Eil +++``,
``EILMELDUNG:``, ``Blitz:``, ``URGENTE:``. The same words are ordinary words too (flash floods,
Breaking Bad, urgent care, Spoedeisende hulp, Eilzug), so a marker counts only as a word of its own
at the start, followed by a separator (``:``, a spaced dash, ``+++``, a closing bracket); a marker in
capitals may also be glued to a dash (Reuters' ``FLASH-``) or stand before a capitalised word.
A feed's own fields count too: an IPTC/ninjs ``urgency`` (1 is a flash, 2-3 urgent) or a category
named for it; the parser keeps that level on the item (``Item.feed_urgency``).

Nothing is stored of the text's reading: it is derived from the item, so old items get it too.
`of` is the one function that gives an item's urgency; the list, the pinned band, the bell and the
headless commands all ask it (a story's urgency is the highest of its fresh items').
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.core.dateline import parse as parse_dateline

if TYPE_CHECKING:  # items keeps a marked body's start through `lead`, so it imports this module
    from tui.core.items import Item

FLASH = "flash"
URGENT = "urgent"
RANK = {None: 0, "": 0, URGENT: 1, FLASH: 2}

# Marker words by level, as agencies write them (matched without regard to case).
_MARKERS = {
    FLASH: ("flash", "blitz"),
    URGENT: (
        "breaking news", "breaking", "urgent", "bulletin", "alerte info", "alerte", "spoed", "eilmeldung",
        "eilt", "eil", "urgente", "última hora", "ultima hora", "ultim'ora", "ultim’ora", "dernière minute",
        "just in",
    ),
}
_LEVEL_OF = {word: level for level, words in _MARKERS.items() for word in words}
_WORDS = "|".join(sorted((w.replace(" ", r"\s+") for w in _LEVEL_OF), key=len, reverse=True))
# Before the marker: symbols that dress it up (🔴, ⚡, *, +++, #, >), an agency's name, a Reuters tag.
_LEAD = r"[^\w\"'‘’“”«„(\[【]*+"  # possessive: a title of 1,000 spaces costs one pass
_AGENCY = r"(?:(?:AP|AFP|ANP|ANSA|APA|Belga|dpa|EFE|Lusa|PAP|Reuters|RTR)[\s-]+)?"
_TAG = r"(?:(?:RPT|REFILE|CORRECTED)-)?"
_MARKER = re.compile(
    rf"{_LEAD}(?P<open>[(\[【])?\s*{_AGENCY}{_TAG}(?P<word>{_WORDS})(?![\w'’])", re.IGNORECASE)
# After it, one of these, and then the headline.
_SEPARATOR = re.compile(r"\s*(?:[:\uff1a|•·]|\+{2,}|\*{2,}|>{1,2}|\.?[-–—]+(?=\s))\s*")  # EFE: URGENTE.-
_CLOSE = {"(": ")", "[": "]", "【": "】"}
_GLUED_DASH = re.compile(r"[-–—]")
_TRAIL = re.compile(r"\s*(?:\+{2,}|\*{2,})\s*$")
BODY_HEAD = 200  # characters of the body looked at: the marker is at its start, or after the dateline

# A feed's categories that name the level outright (compared case-folded, whole).
_CATEGORIES = {**{w: level for w, level in _LEVEL_OF.items() if w not in ("blitz", "eil", "eilt", "just in")},
               "breaking-news": URGENT, "eilmeldungen": URGENT}


@dataclass(frozen=True, slots=True)
class Urgency:
    """An item's level (None for an ordinary item), the marker as written, and the headline to show."""

    level: str | None
    marker: str
    headline: str


def _marker(text: str) -> tuple[str, str, str] | None:
    """(level, the marker as written, the text after it) when `text` opens on a marker."""
    found = _MARKER.match(text)
    if found is None:
        return None
    word, rest = found["word"], text[found.end():]
    if found["open"]:  # [BREAKING] Volcano erupts
        closing = re.match(rf"\s*{re.escape(_CLOSE[found['open']])}\s*", rest)
        if closing is None:
            return None
        rest = rest[closing.end():]
    elif (separator := _SEPARATOR.match(rest)) is not None:
        rest = rest[separator.end():]
    elif rest.strip() and not word.isupper():
        return None  # Flash floods, Breaking Bad, Urgent care
    elif _GLUED_DASH.match(rest):
        rest = rest[1:]  # Reuters: FLASH-Fed raises rates
    elif rest.strip():
        # URGENT Fed raises rates; not FLASH floods, nor a headline all in capitals.
        head = rest.lstrip()[:1]
        if not rest[:1].isspace() or not (head.isupper() or head.isdigit()) or text.isupper():
            return None
    level = _LEVEL_OF[" ".join(word.casefold().split())]
    return level, " ".join(word.split()), _TRAIL.sub("", rest).strip()  # Eil +++ Merz gewählt +++


def from_feed(urgency: Iterable[object] = (), categories: Iterable[str] = ()) -> str:
    """The level a feed's own fields give: IPTC/ninjs urgency values (1 flash, 2-3 urgent) and
    category terms or labels ("breaking", "Eilmeldung"); "" when they give none."""
    level = ""
    for value in urgency:
        try:
            number = int(str(value).strip())
        except ValueError:
            continue
        found = FLASH if number == 1 else URGENT if number in (2, 3) else ""
        level = max(level, found, key=RANK.__getitem__)
    for term in categories:
        found = _CATEGORIES.get(" ".join(term.casefold().split()), "")
        level = max(level, found, key=RANK.__getitem__)
    return level


def of(item: Item) -> Urgency:
    """The item's urgency: the highest of its title's marker, its body's and its feed's fields."""
    return read(item.title, item.summary, item.feed_urgency)


def lead(title: str, body: str) -> str:
    """What the desk's list keeps of a body, which it otherwise drops to stay lean: the start, when
    the title or that start carries a marker, so the list reads the same level and headline."""
    head = body[:BODY_HEAD]
    # Uncached: called once per item as a cache loads, it would fill read's cache with 8,192 heads
    # of bodies the desk then drops (measured: 3 MB of a 50k desk) and push out the rows it draws.
    return head if read.__wrapped__(title, head).level is not None else ""


@lru_cache(maxsize=8192)  # the list asks for every row it draws
def read(title: str, body: str = "", given: str = "") -> Urgency:
    """The urgency of a title and the start of its body, with the level the feed gave (`from_feed`)."""
    in_title = _marker(title)
    head = body[:BODY_HEAD]
    in_body = _marker(head)
    if in_body is None and (dateline := parse_dateline(head)) is not None:
        in_body = _marker(dateline.body)  # DEN HAAG (ANP) - SPOED: ...
    levels = [given or None, in_title[0] if in_title else None, in_body[0] if in_body else None]
    level = max(levels, key=RANK.__getitem__)
    if in_title is None:
        return Urgency(level, in_body[1] if in_body else "", title)
    return Urgency(level, in_title[1], in_title[2] or (in_body[2] if in_body else body) or title)
