"""The cache as the rest of the desk sees it: one interface, whatever backend keeps the data.

Every backend passes tests/store/test_contract.py. Calls may come from worker threads and
from other processes on the same cache at once: writes are serialised and none loses
another's (two processes marking items read both keep their marks)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol, TypedDict

from tui.core.feeds import FeedMeta, FeedRecord
from tui.core.fulltext import FullText
from tui.core.items import Item, ParsedFeed
from tui.core.stories import StoryLink
from tui.store.retention import Retention


class StoreError(OSError):
    """A cache problem worth one clear line to the user.

    An OSError, so that code already guarding disk I/O guards the cache too; `strerror`
    holds the system's reason alone ("No space left on device") when there is one."""

    def __init__(self, message: str, cause: OSError | None = None) -> None:
        super().__init__(message)
        if cause is not None:
            self.errno, self.strerror = cause.errno, cause.strerror

    def __str__(self) -> str:
        return str(self.args[0])


class StatusCounts(TypedDict):
    """What `wiredesk status` shows."""

    unread: int  # live items not marked read
    alerts: int  # of those, the ones a watch word rang on
    down: int  # feeds whose last poll failed


class Store(Protocol):
    """The desk's cache of items, bodies, marks, settings and feed records.

    Ids are the items' as given (`ParsedFeed`): an item's own id in its feed (GUID, else link,
    else hash) scoped to the feed's configured URL (`tui.core.items.scoped_id`), so equal GUIDs
    in two feeds are two items; the own id stays on disk (`ParsedFeed.guids`). A cache in an
    older format is upgraded by the first open that can write. An item lives on the UTC day it
    was first published, written YYYY-MM-DD, and never moves. Every write raises StoreError when the
    cache cannot be written (read-only, full disk), and leaves the cache as it was."""

    @property
    def dir(self) -> Path:
        """The data directory this store was opened on."""
        ...

    @property
    def moved_aside(self) -> list[Path]:
        """Damaged data found since opening, set aside (never deleted); for the caller to report."""
        ...

    @property
    def read_only(self) -> str | None:
        """Why this desk may not write (set by claim_desk), or None."""
        ...

    def claim_desk(self) -> None:
        """Claim the cache for this desk until the process exits.

        Raises StoreError when another desk holds it. On a cache this process may not write,
        sets `read_only` instead, and every write then raises StoreError (prune does nothing)."""
        ...

    def check_writable(self) -> None:
        """Raise StoreError now if the cache cannot be written, before any slow work."""
        ...

    # Items

    def days(self) -> list[str]:
        """Days with items, newest first."""
        ...

    def items(self, days: Iterable[str] | None = None, *, lean: bool = False) -> list[Item]:
        """Every cached item, or those of the given days, in no set order.

        `lean`: as the desk's list holds them, without summary and first-sight time (a third of the
        memory of a large wire); search finds a summary's words in the article text."""
        ...

    def newest(self, limit: int | None = None, *, unread_only: bool = False) -> list[Item]:
        """The newest items (by published time, then id), at most `limit`; cheap for a small limit."""
        ...

    def item(self, item_id: str) -> Item | None:
        """One item by id; None when not cached (or pruned)."""
        ...

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are cached."""
        ...

    def body(self, item_id: str) -> str:
        """An item's HTML as its feed last gave it; "" when it has none or is not cached."""
        ...

    def full_text(self, item_id: str) -> FullText | None:
        """The article fetched behind an item's link, kept beside its body; None when never fetched."""
        ...

    def save_full_text(self, item_id: str, text: FullText) -> None:
        """Keep an item's fetched article (or why it has none), replacing any; nothing for an item
        not cached (pruned meanwhile). Pruned with its item."""
        ...

    def with_full_text(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids have a full text kept (or a failure that will not mend): never fetch those again."""
        ...

    def search_bodies(
        self, words: list[str], cancelled: Callable[[], bool] = lambda: False, titles: Mapping[str, str] | None = None
    ) -> set[str]:
        """Ids whose article text (not its markup), the feed's or the fetched full text, holds every one of
        `words`, given casefolded.

        `titles` (id -> title, casefolded): a word in the item's title counts as held too, so one
        word from the title and one from the text find it. Stops early, with what it found so
        far, once `cancelled()` is true."""
        ...

    def status(self, feeds: Iterable[str] | None = None) -> StatusCounts:
        """The counts `wiredesk status` shows, cheaply.

        `feeds`: the feed URLs that count as down when their last poll failed (the configured
        ones); None counts every feed the cache has a record of."""
        ...

    def ingest(self, parsed: ParsedFeed) -> tuple[list[str], list[Item]]:
        """Upsert one feed's items and bodies; see ingest_many."""
        ...

    def ingest_many(
        self, feeds: list[ParsedFeed], metas: Mapping[str, FeedRecord] | None = None
    ) -> list[tuple[list[str], list[Item]]]:
        """Upsert several feeds at once, and merge `metas` into the feed records alongside.

        Per feed: the ids new to the cache (each once, even when two feeds carry it), and every
        item as stored. An item keeps the time it was first seen, and an undated one the time
        it was first published; a pruned item is not brought back by a feed still carrying it."""
        ...

    def prune(self, retention: Retention, now: float) -> list[str]:
        """Drop old items by `retention`, with their bodies and marks; returns the ids removed, sorted.

        Starred items are never pruned."""
        ...

    # Marks and settings

    def marks_stamp(self) -> tuple[int, ...]:
        """A stamp of the marks and settings that any write to them, by any process, changes.

        One stat, no read: a running desk compares it each second to notice marks made
        elsewhere (`wiredesk read ID`). Empty while nothing was ever marked."""
        ...

    def read_ids(self) -> set[str]:
        """Ids marked read (they may outlive their items until the next prune)."""
        ...

    def set_read(self, ids: Iterable[str], read: bool = True) -> list[str]:
        """Mark ids read or unread; returns the ids whose mark changed, in the order given."""
        ...

    def starred_ids(self) -> set[str]:
        """Ids starred; a starred item is never pruned."""
        ...

    def set_starred(self, item_id: str, starred: bool) -> None:
        """Star or unstar one id."""
        ...

    def alert_ids(self) -> set[str]:
        """Ids a watch word rang on (see add_alerts); pruned with their items."""
        ...

    def add_alerts(self, alerts: Mapping[str, str], now: float) -> None:
        """Remember alerted items (id -> watch word), for the list and the status line."""
        ...

    def settings(self) -> dict[str, str]:
        """Choices the desk remembers between runs (theme, grouping)."""
        ...

    def save_settings(self, **values: str) -> None:
        """Remember these choices, keeping the others."""
        ...

    # Stories

    def story_links(self, ids: Iterable[str] | None = None) -> dict[str, StoryLink]:
        """Each item's story and the item it supersedes, as folded at ingest; of `ids` only, when given.

        Items folded before stories existed, or not yet, have none."""
        ...

    def save_story_links(self, links: Mapping[str, StoryLink]) -> None:
        """Remember these items' stories (a link given again replaces the one stored); pruned with their items."""
        ...

    # Feed records

    def feed_meta(self, url: str) -> FeedMeta:
        """What the cache remembers of a feed; an empty FeedMeta for a feed it does not know."""
        ...

    def feeds_meta(self) -> dict[str, FeedMeta]:
        """Every feed record, by URL."""
        ...

    def save_feed_meta(self, metas: Mapping[str, FeedRecord]) -> None:
        """Merge into each URL's record: keys given replace those stored, the others stay."""
        ...
