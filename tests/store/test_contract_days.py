"""The Store contract by day: reading newest first and by id, search, and retention, once per backend in
BACKENDS (tests/helpers/caches.py) on a real cache. The rest of the contract: test_contract.py."""

from __future__ import annotations

from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import ids_of
from tests.helpers.stories import DAY
from tui.core.items import Item, ParsedFeed
from tui.fetch.parse import parse_feed
from tui.store import Retention

NOW = 1_795_000_000.0  # a fixed moment in 2026


def _aged(ages_in_days: dict[str, float], fetched_at: float = NOW) -> ParsedFeed:
    """One item per id, published that many days before NOW."""
    entries = [Entry(title=f"Item {g}", guid=g, date=NOW - age * DAY, body=f"<p>{g}</p>")
               for g, age in ages_in_days.items()]
    return parse_feed(rss(entries), "test", fetched_at)


# Reading: by day, newest first, by id


def test_days_newest_and_lookups_by_id(open_cache):
    store = open_cache()
    store.ingest(_aged({"today": 0.1, "yesterday": 1.2, "last-week": 7}))
    today, yesterday, last_week = ids_of("test", "today", "yesterday", "last-week")
    days = store.days()
    assert days == sorted(days, reverse=True) and len(days) == 3
    assert [i.id for i in store.items(days[:1])] == [today]
    assert [i.id for i in store.newest()] == [today, yesterday, last_week]
    assert [i.id for i in store.newest(2)] == [today, yesterday]
    store.set_read([today])
    assert [i.id for i in store.newest(1, unread_only=True)] == [yesterday]
    assert store.item(yesterday).title == "Item yesterday"
    assert store.item("urn:not-here") is None
    assert store.item("yesterday") is None, "a GUID alone names no item"
    assert store.known([today, "urn:not-here", last_week]) == {today, last_week}


def test_search_finds_words_in_the_text_not_the_markup(open_cache, now):
    open_cache().ingest(ParsedFeed("Wire", [
        Item(id="a", feed="Wire", title="A", link="", published=now - 60),
        Item(id="b", feed="Wire", title="B", link="", published=now - 2 * DAY),
        Item(id="c", feed="Wire", title="C", link="", published=now - 120),
    ], {
        "a": "<p>Ceasefire talks in <b>Doha</b> resume.</p>",
        "b": "<p>Talks about the ceasefire, DOHA again.</p>",
        "c": '<p>Nothing here.</p><a href="https://doha.example/ceasefire">link</a>',
    }))
    store = open_cache()
    assert store.search_bodies(["ceasefire", "doha"]) == {"a", "b"}
    assert store.search_bodies(["ceasefire", "kyiv"]) == set()
    assert store.search_bodies(["doha"], cancelled=lambda: True) == set(), "cancelled before the first day"
    titles = {"a": "truce", "b": "weather", "c": "truce in doha"}
    assert store.search_bodies(["truce", "doha"], titles=titles) == {"a", "c"}, "a word in the title counts"


def test_the_lists_items_come_without_their_summaries(open_cache):
    store = open_cache()
    store.ingest(_aged({"today": 0.1, "last-week": 7}))
    full, lean = store.items(), store.items(lean=True)
    assert [i.summary for i in full] != ["", ""] and [i.summary for i in lean] == ["", ""]
    assert all(i.seen for i in full) and [i.seen for i in lean] == [0.0, 0.0]
    assert [(i.id, i.title, i.published, i.day) for i in full] == [(i.id, i.title, i.published, i.day) for i in lean]


# Retention


def test_read_items_go_after_days_and_unread_items_after_unread_days(open_cache):
    store = open_cache()
    store.ingest(_aged({"fresh": 1, "old-read": 40, "old-unread": 40, "ancient-unread": 100}))
    fresh, old_read, old_unread, ancient_unread = ids_of("test", "fresh", "old-read", "old-unread", "ancient-unread")
    store.set_read([old_read, fresh])
    gone = store.prune(Retention(days=30, unread_days=90), NOW)
    assert gone == sorted([ancient_unread, old_read])
    assert {i.id for i in store.items()} == {fresh, old_unread}
    assert store.read_ids() == {fresh}, "marks of pruned items go with them"
    assert store.body(old_read) == ""
    assert store.body(fresh) == "<p>fresh</p>"
    assert store.prune(Retention(days=30, unread_days=90), NOW) == [], "a second pass finds nothing"


def test_max_items_drops_the_oldest_read_ones_first(open_cache):
    store = open_cache()
    store.ingest(_aged({"a": 5, "b": 4, "c": 3, "d": 2, "e": 1}))
    a, c, e = ids_of("test", "a", "c", "e")
    store.set_read([c, e])
    gone = store.prune(Retention(days=30, unread_days=90, max_items=3), NOW)
    assert gone == sorted([c, e])
    gone = store.prune(Retention(days=30, unread_days=90, max_items=2), NOW)
    assert gone == [a], "then the oldest unread one"
    assert store.status()["unread"] == 2


def test_starred_items_and_their_marks_are_never_pruned(open_cache):
    store = open_cache()
    store.ingest(_aged({"kept": 200, "old": 200}))
    kept, old = ids_of("test", "kept", "old")
    store.set_starred(kept, True)
    store.add_alerts({kept: "kyiv", old: "kyiv"}, NOW)
    assert store.prune(Retention(days=1, unread_days=1, max_items=0), NOW) == [old]
    assert [i.id for i in store.items()] == [kept]
    assert store.alert_ids() == {kept}, "the alert of a pruned item goes with it"


def test_a_pruned_item_is_not_brought_back_by_its_feed(open_cache):
    store = open_cache()
    ages = {"keep": 1, "old": 40}
    store.ingest(_aged(ages))
    keep, old = ids_of("test", "keep", "old")
    store.set_read([old])
    assert store.prune(Retention(days=30), NOW) == [old]
    assert store.ingest(_aged(ages))[0] == []
    assert {i.id for i in store.items()} == {keep}
    assert store.known([old, keep]) == {keep}
    assert store.item(old) is None


def test_a_pruned_id_is_forgotten_after_twice_the_unread_period(open_cache):
    store = open_cache()
    store.ingest(_aged({"old": 40}))
    store.set_read(ids_of("test", "old"))
    store.prune(Retention(days=30, unread_days=60), NOW)
    assert store.ingest(_aged({"old": 40}))[0] == []
    later = NOW + 121 * DAY
    store.prune(Retention(days=30, unread_days=60), later)
    # Long after, the id is forgotten: a feed that carries it again brings it back as new.
    assert store.ingest(_aged({"old": 40}, fetched_at=later))[0] == ids_of("test", "old")
