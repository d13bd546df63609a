"""Retention: old items go, unread ones later than read ones, and pruned items stay gone."""

from __future__ import annotations

from tests.helpers.feeds import Entry, rss
from tui.fetch.parse import parse_feed
from tui.store import Retention, Store

DAY = 86400.0
NOW = 1_795_000_000.0  # a fixed moment in 2026


def feed_of(ages_in_days: dict[str, float]) -> bytes:
    return rss(Entry(title=f"Item {g}", guid=g, date=NOW - age * DAY, body=f"<p>{g}</p>") for g, age in ages_in_days.items())


def ingest(store: Store, ages: dict[str, float], fetched_at: float = NOW) -> list[str]:
    return store.ingest(parse_feed(feed_of(ages), "test", fetched_at))[0]


def test_read_items_go_after_days_and_unread_items_after_unread_days(data_dir):
    store = Store(data_dir)
    ingest(store, {"fresh": 1, "old-read": 40, "old-unread": 40, "ancient-unread": 100})
    store.set_read(["old-read", "fresh"])
    gone = store.prune(Retention(days=30, unread_days=90), NOW)
    assert gone == ["ancient-unread", "old-read"]
    assert {i.id for i in store.items()} == {"fresh", "old-unread"}
    assert store.read_ids() == {"fresh"}, "marks of pruned items go with them"
    assert store.body("old-read") == ""
    assert store.body("fresh") == "<p>fresh</p>"


def test_max_items_drops_the_oldest_read_ones_first(data_dir):
    store = Store(data_dir)
    ingest(store, {"a": 5, "b": 4, "c": 3, "d": 2, "e": 1})
    store.set_read(["c", "e"])
    gone = store.prune(Retention(days=30, unread_days=90, max_items=3), NOW)
    assert gone == ["c", "e"]
    gone = store.prune(Retention(days=30, unread_days=90, max_items=2), NOW)
    assert gone == ["a"], "then the oldest unread one"
    assert store.status()["unread"] == 2


def test_a_pruned_item_is_not_brought_back_by_its_feed(data_dir):
    store = Store(data_dir)
    ages = {"keep": 1, "old": 40}
    ingest(store, ages)
    store.set_read(["old"])
    assert store.prune(Retention(days=30), NOW) == ["old"]
    assert ingest(store, ages) == []
    assert {i.id for i in store.items()} == {"keep"}
    assert store.known(["old", "keep"]) == {"keep"}


def test_empty_day_files_are_removed_and_nothing_else_is_touched(data_dir):
    store = Store(data_dir)
    ingest(store, {"new": 0.1, "old": 45})
    store.set_read(["old"])
    files_before = {p.name for p in (data_dir / "items").iterdir()}
    assert len(files_before) == 2
    store.prune(Retention(days=30), NOW)
    assert {p.name for p in (data_dir / "items").iterdir()} == {p.name for p in (data_dir / "bodies").iterdir()}
    assert len(list((data_dir / "items").iterdir())) == 1
    assert store.prune(Retention(days=30), NOW) == [], "a second pass finds nothing"


def test_tombstones_expire_after_twice_the_unread_period(data_dir):
    store = Store(data_dir)
    ingest(store, {"old": 40})
    store.set_read(["old"])
    store.prune(Retention(days=30, unread_days=60), NOW)
    assert ingest(store, {"old": 40}) == []
    later = NOW + 121 * DAY
    store.prune(Retention(days=30, unread_days=60), later)
    # Long after, the id is forgotten: a feed that carries it again brings it back as new.
    assert ingest(store, {"old": 40}, fetched_at=later) == ["old"]
