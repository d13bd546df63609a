"""The Store contract (tui/store/interface.py): what every backend does, on a real cache.

Each test runs once per backend in BACKENDS. A second backend plugs in with one more entry
there: a callable that opens the cache at a data directory. What one backend keeps on disk
(file layout, id shards, damaged files) is tested in that backend's own test file."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.feeds import Entry, rss
from tests.helpers.stories import yesterdays_stories
from tui.core.feeds import FeedMeta
from tui.core.items import Item, ParsedFeed
from tui.fetch.parse import parse_feed
from tui.store import Retention, Store, StoreError

# name -> "module:callable"; the callable takes the data directory (and open_store's options)
# and returns a Store. Named by import path, so that a child process can open the same backend.
BACKENDS = {"tinydb": "tui.store.tinydb_store:TinyDBStore"}

ROOT = Path(__file__).resolve().parents[2]
URL = "https://wire.test/feed.xml"
DAY = 86400.0
NOW = 1_795_000_000.0  # a fixed moment in 2026


def _factory(spec: str) -> Callable[..., Store]:
    module, name = spec.split(":")
    factory: Callable[..., Store] = getattr(importlib.import_module(module), name)
    return factory


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    return BACKENDS[request.param]


@pytest.fixture
def open_cache(backend: str, data_dir: Path) -> Callable[[], Store]:
    """Opens one cache; each call is a new handle on the same data, as another desk or command would open it."""
    factory = _factory(backend)
    return lambda: factory(data_dir)


@pytest.fixture
def now() -> float:
    return float(int(time.time()))


def _parsed(entries: list[Entry], fetched_at: float) -> ParsedFeed:
    return parse_feed(rss(entries), URL, fetched_at)


def _aged(ages_in_days: dict[str, float], fetched_at: float = NOW) -> ParsedFeed:
    """One item per id, published that many days before NOW."""
    entries = [Entry(title=f"Item {g}", guid=g, date=NOW - age * DAY, body=f"<p>{g}</p>")
               for g, age in ages_in_days.items()]
    return parse_feed(rss(entries), "test", fetched_at)


# Ingest: upserts keyed by the item's id


def test_ingest_stores_items_and_bodies(open_cache, now):
    entries = yesterdays_stories(now)
    new, stored = open_cache().ingest(_parsed(entries, now))
    assert new == [e.guid for e in entries]
    assert [i.id for i in stored] == new
    fresh = open_cache()
    assert {i.id: i.title for i in fresh.items()} == {e.guid: e.title for e in entries}
    for entry in entries:
        assert fresh.body(entry.guid) == entry.body
    assert fresh.body("urn:no-such-item") == ""


def test_items_are_item_records(open_cache, now):
    parsed = _parsed(yesterdays_stories(now, 2), now)
    open_cache().ingest(parsed)
    stored = {i.id: i for i in open_cache().items()}
    fields = [f.name for f in dataclasses.fields(Item) if f.name != "day"]  # the store's own bookkeeping
    for item in parsed.items:
        assert isinstance(stored[item.id], Item)
        assert {f: getattr(stored[item.id], f) for f in fields} == {f: getattr(item, f) for f in fields}


def test_ingest_twice_never_duplicates(open_cache, now):
    store = open_cache()
    first_new, _ = store.ingest(_parsed(yesterdays_stories(now), now))
    count = len(store.items())
    second_new, stored = store.ingest(_parsed(yesterdays_stories(now), now + 60))
    assert second_new == []
    assert len(store.items()) == count == len(first_new)
    assert sorted(i.id for i in stored) == sorted(first_new)
    assert len({i.id for i in open_cache().items()}) == count


def test_ingest_only_new_ids_are_reported(open_cache, now):
    store = open_cache()
    store.ingest(_parsed(yesterdays_stories(now, 3), now))
    more = yesterdays_stories(now, 5)
    new, _ = store.ingest(_parsed(more, now + 60))
    assert new == [e.guid for e in more[3:]]
    assert len(store.items()) == len(more)


def _reposted(now: float) -> bytes:
    # A story re-posted with a later date while the first posting is still in the feed.
    return rss([
        Entry("Updated story", guid="urn:dup", date=now - 60, body="<p>new</p>"),
        Entry("Original story", guid="urn:dup", date=now - 3 * DAY, body="<p>old</p>"),
        Entry("Other", guid="urn:other", date=now - 120),
    ])


def test_same_id_twice_in_one_feed_is_stored_once(open_cache, now):
    new, _ = open_cache().ingest(parse_feed(_reposted(now), URL, now))
    assert sorted(new) == ["urn:dup", "urn:other"]
    assert sorted(i.id for i in open_cache().items()) == ["urn:dup", "urn:other"]
    again, _ = open_cache().ingest(parse_feed(_reposted(now), URL, now + 60))
    assert again == []
    assert sorted(i.id for i in open_cache().items()) == ["urn:dup", "urn:other"]


def test_an_id_in_two_feeds_of_one_batch_is_new_once(open_cache, now):
    entries = yesterdays_stories(now, 3)
    first, second = open_cache().ingest_many([_parsed(entries[:2], now), _parsed(entries[1:], now)])
    assert first[0] == [entries[0].guid, entries[1].guid]
    assert second[0] == [entries[2].guid], "already handed out by the first feed"
    assert [i.id for i in second[1]] == [entries[1].guid, entries[2].guid], "but stored for both"


def test_updated_title_and_body_are_stored(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 2)
    store.ingest(_parsed(entries, now))
    changed = Entry("KYIV (ANP) - Updated headline", guid=entries[0].guid, link=entries[0].link, date=entries[0].date,
                    body="<p>Updated body.</p>")
    new, _ = store.ingest(_parsed([changed, entries[1]], now + 60))
    assert new == []
    fresh = {i.id: i for i in open_cache().items()}
    assert fresh[changed.guid].title == changed.title
    assert fresh[changed.guid].seen == now  # first sight stands
    assert open_cache().body(changed.guid) == changed.body
    assert fresh[entries[1].guid].title == entries[1].title


def test_undated_items_keep_first_seen_time(open_cache, now):
    store = open_cache()
    undated = [Entry("Undated one", guid="urn:u:1"), Entry("Undated two", link="https://wire.test/u2")]
    store.ingest(_parsed(undated, now))
    for later in (now + 300, now + 2 * DAY):
        _, stored = store.ingest(_parsed(undated, later))
        assert {i.published for i in stored} == {now}
    items = open_cache().items()
    assert {i.published for i in items} == {now}
    assert {i.seen for i in items} == {now}
    assert {i.dated for i in items} == {False}


# Reading: by day, newest first, by id


def test_days_newest_and_lookups_by_id(open_cache):
    store = open_cache()
    store.ingest(_aged({"today": 0.1, "yesterday": 1.2, "last-week": 7}))
    days = store.days()
    assert days == sorted(days, reverse=True) and len(days) == 3
    assert [i.id for i in store.items(days[:1])] == ["today"]
    assert [i.id for i in store.newest()] == ["today", "yesterday", "last-week"]
    assert [i.id for i in store.newest(2)] == ["today", "yesterday"]
    store.set_read(["today"])
    assert [i.id for i in store.newest(1, unread_only=True)] == ["yesterday"]
    assert store.item("yesterday").title == "Item yesterday"
    assert store.item("urn:not-here") is None
    assert store.known(["today", "urn:not-here", "last-week"]) == {"today", "last-week"}


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


# Marks: read, starred, alerts


def test_unread_reverts_and_reports_changes(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 3)
    store.ingest(_parsed(entries, now))
    ids = [e.guid for e in entries]
    assert store.set_read(ids[:2]) == ids[:2]
    assert store.set_read(ids[:2]) == []  # already read
    assert store.set_read([ids[2], ids[2]]) == [ids[2]], "the same id twice is one change"
    assert store.set_read(ids[1:], read=False) == ids[1:]
    assert store.set_read(ids[1:2], read=False) == []
    assert open_cache().read_ids() == {ids[0]}


def test_refetch_keeps_read_marks(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now)
    store.ingest(_parsed(entries, now))
    marked = [entries[0].guid, entries[2].guid]
    assert store.set_read(marked) == marked
    store.ingest(_parsed(entries, now + 60))
    store.ingest(_parsed([Entry("Changed title", guid=entries[0].guid, date=entries[0].date)] + entries[1:], now + 120))
    assert open_cache().read_ids() == set(marked)


def test_stars_and_alerts_are_remembered(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 3)
    store.ingest(_parsed(entries, now))
    store.set_starred(entries[0].guid, True)
    store.set_starred(entries[1].guid, True)
    store.set_starred(entries[1].guid, False)
    store.add_alerts({entries[1].guid: "kyiv", entries[2].guid: "ceasefire"}, now)
    store.set_read([entries[2].guid])
    reopened = open_cache()
    assert reopened.starred_ids() == {entries[0].guid}
    assert reopened.alert_ids() == {entries[1].guid, entries[2].guid}
    assert reopened.status() == {"unread": 2, "alerts": 1, "down": 0}, "a read alert no longer counts"


def test_settings_merge_and_can_live_in_another_store(open_cache, backend, tmp_path):
    store = open_cache()
    assert store.settings() == {}
    store.save_settings(theme="paper")
    store.save_settings(grouping="agency")
    assert open_cache().settings() == {"theme": "paper", "grouping": "agency"}
    # The demo's throwaway cache remembers choices in the user's own.
    demo = _factory(backend)(tmp_path / "demo", settings_from=store)
    demo.save_settings(theme="teletekst")
    assert demo.settings() == open_cache().settings() == {"theme": "teletekst", "grouping": "agency"}


# Feed records


def test_feed_records_merge_key_by_key(open_cache, now):
    store = open_cache()
    assert store.feed_meta(URL) == FeedMeta()
    assert store.feeds_meta() == {}
    polled = {"title": "Wire", "etag": '"v1"', "last_ok": now, "validators": True, "hash": "abc"}
    store.ingest_many([_parsed(yesterdays_stories(now, 1), now)], {URL: polled})
    store.save_feed_meta({URL: {"last_error": "timed out", "error_at": now + 60, "failures": 1}})
    meta = open_cache().feed_meta(URL)
    assert meta == FeedMeta(title="Wire", etag='"v1"', hash="abc", last_ok=now, last_error="timed out",
                            error_at=now + 60, failures=1, validators=True)
    store.save_feed_meta({URL: {"moved_to": "https://wire.test/new.xml", "failures": 0, "last_ok": now + 120}})
    assert open_cache().feeds_meta() == {URL: dataclasses.replace(
        meta, moved_to="https://wire.test/new.xml", failures=0, last_ok=now + 120)}


def test_status_counts_down_only_the_feeds_asked_about(open_cache, now):
    store = open_cache()
    store.ingest(_parsed(yesterdays_stories(now, 3), now))
    store.save_feed_meta({
        "https://wire.test/gone.xml": {"last_error": "HTTP 404"},  # dropped from the config long ago
        "https://wire.test/down.xml": {"last_error": "timed out"},
        "https://wire.test/fine.xml": {"last_error": None},
    })
    reopened = open_cache()
    assert reopened.status() == {"unread": 3, "alerts": 0, "down": 2}  # None: every feed the cache knows
    configured = ["https://wire.test/down.xml", "https://wire.test/fine.xml", "https://wire.test/new.xml"]
    assert reopened.status(configured) == {"unread": 3, "alerts": 0, "down": 1}
    assert reopened.status(iter(configured)) == {"unread": 3, "alerts": 0, "down": 1}  # any iterable
    assert reopened.status(["https://wire.test/fine.xml"])["down"] == 0
    assert reopened.status([])["down"] == 0


def test_a_feed_that_answered_since_its_error_is_not_down(open_cache):
    store = open_cache()
    store.save_feed_meta({
        "https://wire.test/back.xml": {"last_error": "timed out", "error_at": 100.0, "last_ok": 200.0},
        "https://wire.test/down.xml": {"last_error": "timed out", "error_at": 300.0, "last_ok": 200.0},
        "https://wire.test/never.xml": {"last_error": "HTTP 404", "error_at": 300.0},
        "https://wire.test/old.xml": {"last_error": "HTTP 500"},  # recorded before error_at was
    })
    assert open_cache().status()["down"] == 3
    assert open_cache().status(["https://wire.test/back.xml", "https://wire.test/down.xml"])["down"] == 1


# Retention


def test_read_items_go_after_days_and_unread_items_after_unread_days(open_cache):
    store = open_cache()
    store.ingest(_aged({"fresh": 1, "old-read": 40, "old-unread": 40, "ancient-unread": 100}))
    store.set_read(["old-read", "fresh"])
    gone = store.prune(Retention(days=30, unread_days=90), NOW)
    assert gone == ["ancient-unread", "old-read"]
    assert {i.id for i in store.items()} == {"fresh", "old-unread"}
    assert store.read_ids() == {"fresh"}, "marks of pruned items go with them"
    assert store.body("old-read") == ""
    assert store.body("fresh") == "<p>fresh</p>"
    assert store.prune(Retention(days=30, unread_days=90), NOW) == [], "a second pass finds nothing"


def test_max_items_drops_the_oldest_read_ones_first(open_cache):
    store = open_cache()
    store.ingest(_aged({"a": 5, "b": 4, "c": 3, "d": 2, "e": 1}))
    store.set_read(["c", "e"])
    gone = store.prune(Retention(days=30, unread_days=90, max_items=3), NOW)
    assert gone == ["c", "e"]
    gone = store.prune(Retention(days=30, unread_days=90, max_items=2), NOW)
    assert gone == ["a"], "then the oldest unread one"
    assert store.status()["unread"] == 2


def test_starred_items_and_their_marks_are_never_pruned(open_cache):
    store = open_cache()
    store.ingest(_aged({"kept": 200, "old": 200}))
    store.set_starred("kept", True)
    store.add_alerts({"kept": "kyiv", "old": "kyiv"}, NOW)
    assert store.prune(Retention(days=1, unread_days=1, max_items=0), NOW) == ["old"]
    assert [i.id for i in store.items()] == ["kept"]
    assert store.alert_ids() == {"kept"}, "the alert of a pruned item goes with it"


def test_a_pruned_item_is_not_brought_back_by_its_feed(open_cache):
    store = open_cache()
    ages = {"keep": 1, "old": 40}
    store.ingest(_aged(ages))
    store.set_read(["old"])
    assert store.prune(Retention(days=30), NOW) == ["old"]
    assert store.ingest(_aged(ages))[0] == []
    assert {i.id for i in store.items()} == {"keep"}
    assert store.known(["old", "keep"]) == {"keep"}
    assert store.item("old") is None


def test_a_pruned_id_is_forgotten_after_twice_the_unread_period(open_cache):
    store = open_cache()
    store.ingest(_aged({"old": 40}))
    store.set_read(["old"])
    store.prune(Retention(days=30, unread_days=60), NOW)
    assert store.ingest(_aged({"old": 40}))[0] == []
    later = NOW + 121 * DAY
    store.prune(Retention(days=30, unread_days=60), later)
    # Long after, the id is forgotten: a feed that carries it again brings it back as new.
    assert store.ingest(_aged({"old": 40}, fetched_at=later))[0] == ["old"]


# Writers: threads and processes on one cache


def test_two_handles_on_one_cache_keep_both_marks(open_cache, now):
    entries = yesterdays_stories(now, 4)
    open_cache().ingest(_parsed(entries, now))
    first, second = open_cache(), open_cache()
    first.read_ids(), second.read_ids()  # both have loaded before either writes
    first.set_read([entries[0].guid])
    second.set_read([entries[1].guid])
    first.set_read([entries[2].guid])
    second.set_read([entries[0].guid], read=False)
    assert open_cache().read_ids() == {entries[1].guid, entries[2].guid}
    assert first.read_ids() == second.read_ids()


def test_concurrent_writers_lose_no_marks(open_cache, now):
    open_cache().ingest(_parsed(yesterdays_stories(now, 2), now))
    stores = [open_cache(), open_cache()]
    errors: list[BaseException] = []

    def mark(store: Store, prefix: str) -> None:
        try:
            for k in range(15):
                store.set_read([f"{prefix}-{k}"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=mark, args=(store, f"s{s}t{t}")) for s, store in enumerate(stores) for t in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = {f"s{s}t{t}-{k}" for s in range(2) for t in range(3) for k in range(15)}
    assert open_cache().read_ids() == expected


# A child process opens the same backend on the same cache and runs the code in argv[3].
CHILD = r"""
import importlib, sys
module, name = sys.argv[1].split(":")
store = getattr(importlib.import_module(module), name)(sys.argv[2])
exec(sys.argv[3])
"""


def _child(backend: str, data_dir: Path, code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, backend, str(data_dir), code],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_two_processes_keep_both_marks(open_cache, backend, data_dir, now):
    open_cache().ingest(_parsed(yesterdays_stories(now, 2), now))
    children = [_child(backend, data_dir, f"for k in range(30): store.set_read([f'{name}-{{k}}'])")
                for name in ("left", "right")]
    local = open_cache()
    for k in range(30):
        local.set_read([f"here-{k}"])
    assert [child.wait(timeout=60) for child in children] == [0, 0]
    expected = {f"{name}-{k}" for name in ("left", "right", "here") for k in range(30)}
    assert open_cache().read_ids() == expected


def test_a_second_process_sees_the_first_ones_writes(open_cache, backend, data_dir, now):
    entries = yesterdays_stories(now, 3)
    store = open_cache()
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])
    store.set_starred(entries[1].guid, True)
    store.save_feed_meta({URL: {"title": "Wire"}})
    child = _child(backend, data_dir, (
        f"print(sorted(store.read_ids()), sorted(store.starred_ids()), store.feed_meta({URL!r}).title)\n"
        "store.set_read([i.id for i in store.items()])\n"
        "store.save_settings(theme='paper')\n"
    ))
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    assert out.strip() == f"{[entries[0].guid]} {[entries[1].guid]} Wire"
    # And this process, on the handle it already had open, sees what the child wrote.
    assert store.read_ids() == {e.guid for e in entries}
    assert store.status()["unread"] == 0
    assert store.settings() == {"theme": "paper"}


# The desk lock and unusable caches


def test_one_desk_per_cache(open_cache):
    first = open_cache()
    first.claim_desk()
    assert first.read_only is None
    with pytest.raises(StoreError, match="already running"):
        open_cache().claim_desk()
    open_cache().check_writable()  # a headless command still writes beside the desk


def test_a_cache_where_a_file_stands_is_one_error(backend, tmp_path):
    (tmp_path / "file").write_text("not a cache\n")
    with pytest.raises(StoreError, match="cannot create data directory"):
        _factory(backend)(tmp_path / "file")
