"""What the desk's workers post to the desk screen: each the result of one piece of I/O.

Workers run off the event loop and never touch widgets or the desk state; the screen's handler
for each message runs on the loop and does. Each is addressed to the one node that handles it,
so none bubbles. They compare by identity (`eq=False`): two cache loads are two events, and
comparing their items would walk the whole wire.
The wire list's own message (`WireList.Highlighted`) sits on its widget, as Textual's do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from tui.core.feeds import FeedMeta, FeedSource, PollResult
from tui.core.fulltext import FullText
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.stories import StoryLink


@dataclass(eq=False)
class CacheLoaded(Message, bubble=False):
    """The marks, settings and the newest days of the cache; `more` when older days follow."""

    items: list[Item]
    marks: Marks
    feeds: Mapping[str, FeedMeta]
    settings: Mapping[str, object]
    more: bool
    read_only: str | None = None  # why the cache cannot be written, when it cannot
    moved_aside: list[Path] = field(default_factory=list)  # damaged cache files, renamed
    stories: Mapping[str, StoryLink] = field(default_factory=dict)  # each item's story, as folded at ingest


@dataclass(eq=False)
class OlderLoaded(Message, bubble=False):
    """The rest of the cache, read while the newest days are already on screen."""

    items: list[Item]


@dataclass(eq=False)
class Polled(Message, bubble=False):
    """One feed polled: its items, or why it failed."""

    result: PollResult


@dataclass(eq=False)
class Pruned(Message, bubble=False):
    """Items the retention pass took out of the cache."""

    ids: list[str]


@dataclass(eq=False)
class MarksRead(Message, bubble=False):
    """The read and starred marks as the cache held them at `stamp`; None when they could not be read.

    `on_disk`: the desk's own changes already saved when the read began (tui/core/unsaved.py)."""

    stamp: tuple[int, ...]
    read: set[str] | None
    starred: set[str] | None
    on_disk: frozenset[int]


@dataclass(eq=False)
class MarksSaved(Message, bubble=False):
    """The desk's change number `number` is on disk."""

    number: int


@dataclass(eq=False)
class FeedsReread(Message, bubble=False):
    """The feed list re-read from the config for `r`; `problem` when the config could not be used."""

    sources: list[FeedSource] | None
    problem: str = ""


@dataclass(eq=False)
class BodiesMatched(Message, bubble=False):
    """The items whose article body holds every word of `query`."""

    query: str
    ids: set[str]


@dataclass(eq=False)
class BodyLoaded(Message, bubble=False):
    """An item's article body, read and turned into Markdown."""

    item_id: str
    markdown: str


@dataclass(eq=False)
class NoBrowser(Message, bubble=False):
    """No browser could open `url`."""

    url: str


@dataclass(eq=False)
class FullTextFetched(Message, bubble=False):
    """The page behind an item's link, fetched and kept (or why it has no text); `asked` when by `t`."""

    item: Item
    text: FullText
    asked: bool = False


@dataclass(eq=False)
class StoriesJoined(Message, bubble=False):
    """Items that joined a story once their page's text was folded: item id -> its new link, already saved."""

    links: dict[str, StoryLink]
