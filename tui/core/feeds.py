"""A feed as the desk knows it: where it is, how often to ask, and what the last poll of it said.

Pure data, shared by fetching (which fills it), the store (which records it) and the desk
(which shows it); none of them needs to know the others to use it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, TypedDict

from tui.core.items import Item, ParsedFeed
from tui.core.stories import StoryLink

DEFAULT_INTERVAL = 60.0


class Replayer(Protocol):
    """Re-times a parsed feed as if it were live (the bundled demo wire does this)."""

    def apply(self, parsed: ParsedFeed, now: float) -> ParsedFeed: ...

    def settled(self, url: str) -> bool:
        """True once the feed at `url` has been applied with nothing left to release: from then on
        an unchanged file gives an unchanged feed, and need not be parsed again."""
        ...


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str | None = None
    interval: float = DEFAULT_INTERVAL
    replay: Replayer | None = field(default=None, compare=False)
    tags: tuple[str, ...] = ()
    full_text: bool = False  # fetch the article behind each new item's link


@dataclass
class PollResult:
    source: FeedSource
    title: str = ""
    new_ids: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False
    retry_after: float | None = None
    moved_to: str | None = None  # where a permanent redirect points
    validators: bool = False  # the server sent an ETag or Last-Modified
    unsaved: bool = False  # the feed answered, but the cache could not be written: no backoff
    checked_at: float = 0.0
    next_poll: float | None = None  # set by the polling loop
    stories: dict[str, StoryLink] = field(default_factory=dict)  # the new items' stories, when the poller folds

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if self.error:
            return f"{self.source.url}: error: {self.error}"
        if self.not_modified:
            return f"{self.source.url}: ok, not modified"
        return f"{self.source.url}: ok, {len(self.new_ids)} new ({len(self.items)} items)"


class FeedOutcome(Protocol):
    """What a feed's last polls said, as far as deciding whether it is down needs."""

    @property
    def last_ok(self) -> float | None: ...

    @property
    def last_error(self) -> str | None: ...

    @property
    def error_at(self) -> float | None: ...


def feed_down(feed: FeedOutcome) -> bool:
    """Whether a feed is down: its last poll failed.

    A feed that answers again keeps its last error on record (the health screen shows it, as
    the last one), so an error counts only while no success came after it. A record with an
    error and no time for it predates that rule, when a success cleared the error: down."""
    if not feed.last_error:
        return False
    error_at, last_ok = feed.error_at, feed.last_ok
    return error_at is None or last_ok is None or error_at >= last_ok


class FeedRecord(TypedDict, total=False):
    """A feed's record as the cache keeps it (feeds.json), or the part of it a poll changes."""

    title: str
    etag: str | None
    last_modified: str | None
    hash: str
    last_ok: float
    last_error: str | None
    error_at: float
    failures: int
    validators: bool
    moved_to: str | None


@dataclass(frozen=True)
class FeedMeta:
    """What the cache remembers of a feed: its validators, and what its last polls said."""

    title: str = ""
    etag: str | None = None  # HTTP validators, sent back on the next poll
    last_modified: str | None = None
    hash: str | None = None  # of the last body parsed, so unchanged bytes are not parsed again
    last_ok: float | None = None
    last_error: str | None = None  # kept after a success, as the last one
    error_at: float | None = None
    failures: int = 0  # polls failed in a row
    validators: bool | None = None  # the server sent an ETag or Last-Modified; None: not known yet
    moved_to: str | None = None  # where a permanent redirect points

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> FeedMeta:
        """From a stored record; keys this version does not know stay in the record, unread."""
        return cls(**{key: value for key, value in record.items() if key in _FIELDS})


_FIELDS = frozenset(f.name for f in fields(FeedMeta))
