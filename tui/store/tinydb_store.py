"""The TinyDB backend: TinyDB files in the data directory, written atomically.

Layout (each file a TinyDB database whose document ids are our item ids, scoped to their feed):
- format.json            table "format": the cache's format; an older cache is upgraded (upgrade.py)
- items/YYYY-MM-DD.json  table "items": what the list needs, and the item's own id in its feed
                         ("guid"), one file per day (days.py)
- bodies/YYYY-MM-DD.json table "bodies": item HTML, one file per day (days.py)
- fulltext/YYYY-MM-DD.json table "fulltext": articles fetched behind items' links, by the items' day (days.py)
- ids/0.json .. ids/f.json  table "ids": item id -> its day, split by a hash of
                         the id (ids.py)
- state.json             tables "read", "starred", "alerts", "settings" (marks.py)
- feeds.json             table "feeds": validators and health per feed URL (feed_records.py)
- stories.json           table "links": each item's story and the item it supersedes (story_links.py)
- .lock, .desk.lock      the write lock and the desk lock (lock.py)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tui.core.feeds import FeedMeta, FeedRecord, feed_down
from tui.core.fulltext import FullText
from tui.core.items import Item, ParsedFeed
from tui.core.stories import StoryLink
from tui.store import upgrade
from tui.store.days import DayFiles, day_of
from tui.store.feed_records import FeedRecords
from tui.store.files import SUBDIRS, Files
from tui.store.ids import LEGACY, IdIndex
from tui.store.interface import StatusCounts, Store, StoreError
from tui.store.lock import Locks
from tui.store.marks import Marks
from tui.store.retention import Retention, prune
from tui.store.story_links import StoryLinks


class TinyDBStore:
    """The Store interface (interface.py) on TinyDB files; each part of the layout has a module of its own."""

    def __init__(self, data_dir: Path | str, *, settings_from: Store | None = None) -> None:
        """`settings_from`: a store whose remembered choices this one uses (the demo's
        throwaway cache remembers theme and grouping in the user's own)."""
        self.dir = Path(data_dir)
        try:
            for sub in SUBDIRS:
                (self.dir / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # A read-only cache that was never written still opens (empty) for status and list.
            if not self.dir.is_dir():
                raise StoreError(f"cannot create data directory {self.dir}: {exc.strerror}", exc) from None
        self._files = Files(self.dir)
        self._locks = Locks(self.dir, on_first_write=lambda: upgrade.first_write(self._files))
        self._ids = IdIndex(self._files, self._locks)
        self._days = DayFiles(self._files)
        self._marks = Marks(self._files, self._locks, settings_from)
        self._feeds = FeedRecords(self._files, self._locks)
        self._links = StoryLinks(self._files, self._locks)
        upgrade.open_format(self._files, self._locks)

    @property
    def moved_aside(self) -> list[Path]:
        return self._files.moved_aside

    @property
    def read_only(self) -> str | None:
        return self._locks.read_only

    def claim_desk(self) -> None:
        self._locks.claim_desk()

    def check_writable(self) -> None:
        self._locks.check_writable()

    # Items

    def days(self) -> list[str]:
        return self._days.days()

    def items(self, days: Iterable[str] | None = None, *, lean: bool = False) -> list[Item]:
        return [Item.from_row(row, lean=lean) for day in (self.days() if days is None else days)
                for row in self._days.rows(day).values()]

    def newest(self, limit: int | None = None, *, unread_only: bool = False) -> list[Item]:
        """Reads day files only until `limit` items are found."""
        read = self.read_ids() if unread_only else set()
        rows: list[dict[str, Any]] = []
        for day in self.days():
            rows.extend(r for r in self._days.rows(day).values() if r["id"] not in read)
            if limit is not None and len(rows) >= limit:
                break
        rows.sort(key=lambda r: (r["published"], r["id"]), reverse=True)
        return [Item.from_row(r) for r in rows[:limit]]

    def item(self, item_id: str) -> Item | None:
        """Reads only its id shard and its day file."""
        entry = self._ids.load([item_id]).get(item_id)
        if entry is None or "gone" in entry:
            return None
        row = self._days.rows(entry["day"]).get(item_id)
        return Item.from_row(row) if row else None

    def known(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        table = self._ids.load(ids)
        return {i for i in ids if i in table and "gone" not in table[i]}

    def body(self, item_id: str) -> str:
        entry = self._ids.cached_entry(item_id)
        if entry is None or "gone" in entry:
            return ""
        return self._days.body(entry["day"], item_id)

    def full_text(self, item_id: str) -> FullText | None:
        entry = self._ids.cached_entry(item_id)
        if entry is None or "gone" in entry:
            return None
        record = self._days.full_text(entry["day"], item_id)
        return FullText.from_record(record) if record is not None else None

    def save_full_text(self, item_id: str, text: FullText) -> None:
        with self._locks.writing():
            entry = self._ids.load([item_id]).get(item_id)
            if entry is not None and "gone" not in entry:
                self._days.save_full_text(entry["day"], item_id, text.to_record())

    def with_full_text(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        table = self._ids.load(ids)
        days: dict[str, set[str]] = {}
        for iid in ids:
            entry = table.get(iid)
            if entry is not None and "gone" not in entry:
                days.setdefault(entry["day"], set()).add(iid)
        return {iid for day, wanted in days.items() for iid in wanted & self._days.full_text_ids(day)}

    def search_bodies(
        self, words: list[str], cancelled: Callable[[], bool] = lambda: False, titles: Mapping[str, str] | None = None
    ) -> set[str]:
        return self._days.search(words, cancelled, titles or {})

    def status(self, feeds: Iterable[str] | None = None) -> StatusCounts:
        """Reads only the small files: state, ids and feed records."""
        read = self.read_ids()
        live = {i for i, entry in self._ids.load().items() if "gone" not in entry}
        metas = self.feeds_meta()
        if feeds is not None:
            metas = {url: metas[url] for url in set(feeds) if url in metas}
        return {
            "unread": len(live - read),
            "alerts": len((self.alert_ids() & live) - read),
            "down": sum(1 for meta in metas.values() if feed_down(meta)),
        }

    def ingest(self, parsed: ParsedFeed) -> tuple[list[str], list[Item]]:
        return self.ingest_many([parsed])[0]

    def ingest_many(
        self, feeds: list[ParsedFeed], metas: Mapping[str, FeedRecord] | None = None
    ) -> list[tuple[list[str], list[Item]]]:
        """One write per touched file."""
        with self._locks.writing():
            guids = {item.id: parsed.guids.get(item.id, item.id) for parsed in feeds for item in parsed.items}
            ids = self._ids.load([*guids, *(LEGACY + guid for guid in guids.values())])
            incoming: dict[str, list[tuple[Item, str, str]]] = {}  # day -> items with their HTML and local id
            days: dict[str, str] = {}  # so an id seen twice in a batch lands in one file
            unknown: set[str] = set()
            for parsed in feeds:
                for item in parsed.items:
                    day = days.get(item.id)
                    if day is None:
                        entry = ids.get(item.id) or ids.pruned_before_upgrade(item.id, guids[item.id])
                        if entry is not None and "gone" in entry:
                            continue  # pruned; a feed still carrying it must not bring it back
                        if entry is None:
                            unknown.add(item.id)
                        day = days[item.id] = entry["day"] if entry is not None else day_of(item.published)
                    incoming.setdefault(day, []).append((item, parsed.bodies.get(item.id, ""), guids[item.id]))
            # The id file is written first: a kill after it leaves ids whose rows are
            # missing, which the next poll stores as new, never rows no id points to.
            for iid in unknown:
                ids[iid] = {"day": days[iid]}
            self._ids.save(ids)
            stored: dict[str, Item] = {}
            new: set[str] = set()
            for day, entries in incoming.items():
                self._days.upsert(day, entries, stored, new)
            if metas:
                self._feeds.merge(metas)
        results: list[tuple[list[str], list[Item]]] = []
        handed_out: set[str] = set()
        for parsed in feeds:
            # An id new to the cache is new once, even if two feeds of the batch carry it.
            fresh = [i.id for i in parsed.items if i.id in new and i.id not in handed_out]
            handed_out.update(fresh)
            results.append((list(dict.fromkeys(fresh)), [stored[i.id] for i in parsed.items if i.id in stored]))
        return results

    def prune(self, retention: Retention, now: float) -> list[str]:
        if self.read_only:
            return []  # a desk on a read-only cache shows it whole; failing hourly would only nag
        with self._locks.writing():
            gone = prune(retention, now, self._ids, self._days, self._marks)
            self._links.forget(gone)
            return gone

    # Marks and settings

    def marks_stamp(self) -> tuple[int, ...]:
        return self._marks.stamp()

    def read_ids(self) -> set[str]:
        return self._marks.ids("read")

    def set_read(self, ids: Iterable[str], read: bool = True) -> list[str]:
        return self._marks.set_read(ids, read)

    def starred_ids(self) -> set[str]:
        return self._marks.ids("starred")

    def set_starred(self, item_id: str, starred: bool) -> None:
        self._marks.set_starred(item_id, starred)

    def alert_ids(self) -> set[str]:
        return self._marks.ids("alerts")

    def add_alerts(self, alerts: Mapping[str, str], now: float) -> None:
        self._marks.add_alerts(alerts, now)

    def settings(self) -> dict[str, str]:
        return self._marks.settings()

    def save_settings(self, **values: str) -> None:
        self._marks.save_settings(values)

    # Stories

    def story_links(self, ids: Iterable[str] | None = None) -> dict[str, StoryLink]:
        return self._links.get(ids)

    def save_story_links(self, links: Mapping[str, StoryLink]) -> None:
        self._links.save(links)

    # Feed records

    def feed_meta(self, url: str) -> FeedMeta:
        return self._feeds.get(url)

    def feeds_meta(self) -> dict[str, FeedMeta]:
        return self._feeds.all()

    def save_feed_meta(self, metas: Mapping[str, FeedRecord]) -> None:
        self._feeds.save(metas)
