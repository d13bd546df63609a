"""A feed as the desk knows it: where it is, how often to ask, and what the last poll of it said.

Pure data, shared by fetching (which fills it), the store (which records it) and the desk
(which shows it); none of them needs to know the others to use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from tui.core.items import Item, ParsedFeed

DEFAULT_INTERVAL = 60.0


class Replayer(Protocol):
    """Re-times a parsed feed as if it were live (the bundled demo wire does this)."""

    def apply(self, parsed: ParsedFeed, now: float) -> ParsedFeed: ...


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str | None = None
    interval: float = DEFAULT_INTERVAL
    replay: Replayer | None = field(default=None, compare=False)
    tags: tuple[str, ...] = ()


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

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if self.error:
            return f"{self.source.url}: error: {self.error}"
        if self.not_modified:
            return f"{self.source.url}: ok, not modified"
        return f"{self.source.url}: ok, {len(self.new_ids)} new ({len(self.items)} items)"


def feed_down(meta: dict) -> bool:
    """Whether a feed's record (feeds.json) says it is down: its last poll failed.

    A feed that answers again keeps its last error on record (the health screen shows it, as
    the last one), so an error counts only while no success came after it. A record with an
    error and no time for it predates that rule, when a success cleared the error: down."""
    if not meta.get("last_error"):
        return False
    error_at, last_ok = meta.get("error_at"), meta.get("last_ok")
    return error_at is None or last_ok is None or error_at >= last_ok
