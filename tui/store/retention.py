"""Retention: old items go, unread ones later than read ones, starred ones never; pruned ids stay gone a while."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.store.days import DayFiles, day_of
from tui.store.files import Docs

if TYPE_CHECKING:  # both reach interface.py, which needs Retention from here
    from tui.store.ids import IdIndex
    from tui.store.marks import Marks

DAY = 86400.0


@dataclass(frozen=True)
class Retention:
    days: float = 30.0  # read items older than this are pruned (starred ones never)
    unread_days: float = 90.0  # unread items are kept longer
    max_items: int | None = None  # past this, the oldest go, read ones first


def prune(retention: Retention, now: float, index: IdIndex, days: DayFiles, marks: Marks) -> list[str]:
    """Drop old items: read ones after `days`, unread ones after `unread_days`, then the
    oldest beyond `max_items`, read ones first. Returns the ids removed. Only under the write lock.

    A pruned id leaves a tombstone, so a feed still carrying its item does not bring it back;
    tombstones outlive any such feed (twice `unread_days`), then go too."""
    from tui.store.ids import shard_of  # ids.py reaches interface.py, which needs Retention from here

    read, starred = marks.table("read"), marks.table("starred")
    rows_by_day: dict[str, Docs] = {}

    def rows_of(day: str) -> Docs:
        if day not in rows_by_day:
            rows_by_day[day] = days.rows(day)
        return rows_by_day[day]

    # Shard by shard: the desk prunes while it holds the wire, and all ids at once cost 15 MB more.
    live = sum(1 for shard in index.each() for _, entry in shard.items() if "gone" not in entry)
    doomed = _doomed(retention, now, sorted(days.days()), rows_of, read, starred, live)
    if doomed:
        days.drop(doomed, {d: r for d, r in rows_by_day.items() if doomed.intersection(r)})
    for ids in index.each():
        for iid in [i for i, e in ids.items() if e.get("gone", now) < now - 2 * retention.unread_days * DAY]:
            del ids[iid]  # expired tombstones
        for iid in doomed:
            if shard_of(iid) in ids.tables:
                ids[iid] = {"day": ids[iid]["day"], "gone": now}
        index.save(ids)  # only a shard that changed is written
    if doomed:
        marks.forget(doomed, read)
    return sorted(doomed)


def _doomed(
    retention: Retention,
    now: float,
    oldest_first: list[str],
    rows_of: Callable[[str], Docs],
    read: Container[str],
    starred: Container[str],
    live: int,
) -> set[str]:
    """Which items go; reads the day files (through `rows_of`) only as far as it must."""
    read_cut = day_of(now - retention.days * DAY)
    doomed: set[str] = set()
    for day in oldest_first:
        if day > read_cut:
            break
        for iid, row in rows_of(day).items():
            unread_limit = row["published"] < now - retention.unread_days * DAY
            read_limit = row["published"] < now - retention.days * DAY
            if iid not in starred and (unread_limit or (read_limit and iid in read)):
                doomed.add(iid)
    excess = live - len(doomed) - retention.max_items if retention.max_items is not None else 0
    for read_pass in (True, False):
        for day in oldest_first:
            if excess <= 0:
                break
            for iid, _ in sorted(rows_of(day).items(), key=_published):
                if excess <= 0:
                    break
                if iid not in doomed and iid not in starred and (iid in read) == read_pass:
                    doomed.add(iid)
                    excess -= 1
    return doomed


def _published(row: tuple[str, dict[str, Any]]) -> float:
    published: float = row[1]["published"]
    return published
