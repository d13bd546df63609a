"""The Store contract (tui/store/interface.py): what every backend does, on a real cache: ingest, marks,
feed records, writers and the desk lock. Reading by day and retention: test_contract_days.py.

Each test runs once per backend in BACKENDS (tests/helpers/caches.py), through the `backend` and
`open_cache` fixtures of tests/store/conftest.py. A second backend plugs in with one more entry there:
a callable that opens the cache at a data directory. What one backend keeps on disk (file layout, id
shards, damaged files) is tested in that backend's own test files."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.helpers.caches import URL, backend_factory, feed_of
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, entry_ids, ids_of
from tests.helpers.stories import DAY, yesterdays_stories
from tui.core.feeds import FeedMeta
from tui.core.items import Item
from tui.fetch.parse import parse_feed
from tui.store import Store, StoreError

# Ingest: upserts keyed by the item's id


def test_ingest_stores_items_and_bodies(open_cache, now):
    entries = yesterdays_stories(now)
    new, stored = open_cache().ingest(feed_of(entries, now))
    assert new == entry_ids(entries, URL)
    assert [i.id for i in stored] == new
    fresh = open_cache()
    assert {i.id: i.title for i in fresh.items()} == {entry_id(e, URL): e.title for e in entries}
    for entry in entries:
        assert fresh.body(entry_id(entry, URL)) == entry.body
    assert fresh.body("urn:no-such-item") == ""


def test_items_are_item_records(open_cache, now):
    parsed = feed_of(yesterdays_stories(now, 2), now)
    open_cache().ingest(parsed)
    stored = {i.id: i for i in open_cache().items()}
    fields = [f.name for f in dataclasses.fields(Item) if f.name != "day"]  # the store's own bookkeeping
    for item in parsed.items:
        assert isinstance(stored[item.id], Item)
        assert {f: getattr(stored[item.id], f) for f in fields} == {f: getattr(item, f) for f in fields}


def test_ingest_twice_never_duplicates(open_cache, now):
    store = open_cache()
    first_new, _ = store.ingest(feed_of(yesterdays_stories(now), now))
    count = len(store.items())
    second_new, stored = store.ingest(feed_of(yesterdays_stories(now), now + 60))
    assert second_new == []
    assert len(store.items()) == count == len(first_new)
    assert sorted(i.id for i in stored) == sorted(first_new)
    assert len({i.id for i in open_cache().items()}) == count


def test_ingest_only_new_ids_are_reported(open_cache, now):
    store = open_cache()
    store.ingest(feed_of(yesterdays_stories(now, 3), now))
    more = yesterdays_stories(now, 5)
    new, _ = store.ingest(feed_of(more, now + 60))
    assert new == entry_ids(more[3:], URL)
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
    both = sorted(ids_of(URL, "urn:dup", "urn:other"))
    assert sorted(new) == both
    assert sorted(i.id for i in open_cache().items()) == both
    again, _ = open_cache().ingest(parse_feed(_reposted(now), URL, now + 60))
    assert again == []
    assert sorted(i.id for i in open_cache().items()) == both


def test_an_id_in_two_feeds_of_one_batch_is_new_once(open_cache, now):
    entries = yesterdays_stories(now, 3)
    # One feed (one URL) listed twice in a batch: its items are one item each.
    first, second = open_cache().ingest_many([feed_of(entries[:2], now), feed_of(entries[1:], now)])
    ids = entry_ids(entries, URL)
    assert first[0] == ids[:2]
    assert second[0] == [ids[2]], "already handed out by the first feed"
    assert [i.id for i in second[1]] == ids[1:], "but stored for both"


def test_equal_guids_in_two_feeds_are_two_items(open_cache, now):
    # A GUID is unique within its feed at best: the second feed's item must not replace the first's.
    first, second = yesterdays_stories(now, 2), yesterdays_stories(now, 2)
    for entry in second:
        entry.title, entry.body = f"Other {entry.title}", f"<p>Other {entry.body}</p>"
    other = "https://other.test/feed.xml"
    results = open_cache().ingest_many([feed_of(first, now), parse_feed(rss(second), other, now)])
    assert [new for new, _ in results] == [entry_ids(first, URL), entry_ids(second, other)], "each new in its feed"
    fresh = open_cache()
    expected = {entry_id(e, url): (e.title, e.body) for url, feed in ((URL, first), (other, second)) for e in feed}
    assert {i.id: (i.title, fresh.body(i.id)) for i in fresh.items()} == expected
    fresh.set_read([entry_id(first[0], URL)])
    assert open_cache().status()["unread"] == 3, "a mark belongs to one feed's item"


def test_updated_title_and_body_are_stored(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 2)
    store.ingest(feed_of(entries, now))
    changed = Entry("KYIV (ANP) - Updated headline", guid=entries[0].guid, link=entries[0].link, date=entries[0].date,
                    body="<p>Updated body.</p>")
    new, _ = store.ingest(feed_of([changed, entries[1]], now + 60))
    assert new == []
    fresh = {i.id: i for i in open_cache().items()}
    assert fresh[entry_id(changed, URL)].title == changed.title
    assert fresh[entry_id(changed, URL)].seen == now  # first sight stands
    assert open_cache().body(entry_id(changed, URL)) == changed.body
    assert fresh[entry_id(entries[1], URL)].title == entries[1].title


def test_undated_items_keep_first_seen_time(open_cache, now):
    store = open_cache()
    undated = [Entry("Undated one", guid="urn:u:1"), Entry("Undated two", link="https://wire.test/u2")]
    store.ingest(feed_of(undated, now))
    for later in (now + 300, now + 2 * DAY):
        _, stored = store.ingest(feed_of(undated, later))
        assert {i.published for i in stored} == {now}
    items = open_cache().items()
    assert {i.published for i in items} == {now}
    assert {i.seen for i in items} == {now}
    assert {i.dated for i in items} == {False}


# Marks: read, starred, alerts


def test_unread_reverts_and_reports_changes(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 3)
    store.ingest(feed_of(entries, now))
    ids = entry_ids(entries, URL)
    assert store.set_read(ids[:2]) == ids[:2]
    assert store.set_read(ids[:2]) == []  # already read
    assert store.set_read([ids[2], ids[2]]) == [ids[2]], "the same id twice is one change"
    assert store.set_read(ids[1:], read=False) == ids[1:]
    assert store.set_read(ids[1:2], read=False) == []
    assert open_cache().read_ids() == {ids[0]}


def test_refetch_keeps_read_marks(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now)
    store.ingest(feed_of(entries, now))
    marked = [entry_id(entries[0], URL), entry_id(entries[2], URL)]
    assert store.set_read(marked) == marked
    store.ingest(feed_of(entries, now + 60))
    store.ingest(feed_of([Entry("Changed title", guid=entries[0].guid, date=entries[0].date)] + entries[1:], now + 120))
    assert open_cache().read_ids() == set(marked)


def test_stars_and_alerts_are_remembered(open_cache, now):
    store = open_cache()
    entries = yesterdays_stories(now, 3)
    store.ingest(feed_of(entries, now))
    ids = entry_ids(entries, URL)
    store.set_starred(ids[0], True)
    store.set_starred(ids[1], True)
    store.set_starred(ids[1], False)
    store.add_alerts({ids[1]: "kyiv", ids[2]: "ceasefire"}, now)
    store.set_read([ids[2]])
    reopened = open_cache()
    assert reopened.starred_ids() == {ids[0]}
    assert reopened.alert_ids() == {ids[1], ids[2]}
    assert reopened.status() == {"unread": 2, "alerts": 1, "down": 0}, "a read alert no longer counts"


def test_settings_merge_and_can_live_in_another_store(open_cache, backend, tmp_path):
    store = open_cache()
    assert store.settings() == {}
    store.save_settings(theme="paper")
    store.save_settings(grouping="agency")
    assert open_cache().settings() == {"theme": "paper", "grouping": "agency"}
    # The demo's throwaway cache remembers choices in the user's own.
    demo = backend_factory(backend)(tmp_path / "demo", settings_from=store)
    demo.save_settings(theme="teletekst")
    assert demo.settings() == open_cache().settings() == {"theme": "teletekst", "grouping": "agency"}


# Feed records


def test_feed_records_merge_key_by_key(open_cache, now):
    store = open_cache()
    assert store.feed_meta(URL) == FeedMeta()
    assert store.feeds_meta() == {}
    polled = {"title": "Wire", "etag": '"v1"', "last_ok": now, "validators": True, "hash": "abc"}
    store.ingest_many([feed_of(yesterdays_stories(now, 1), now)], {URL: polled})
    store.save_feed_meta({URL: {"last_error": "timed out", "error_at": now + 60, "failures": 1}})
    meta = open_cache().feed_meta(URL)
    assert meta == FeedMeta(title="Wire", etag='"v1"', hash="abc", last_ok=now, last_error="timed out",
                            error_at=now + 60, failures=1, validators=True)
    store.save_feed_meta({URL: {"moved_to": "https://wire.test/new.xml", "failures": 0, "last_ok": now + 120}})
    assert open_cache().feeds_meta() == {URL: dataclasses.replace(
        meta, moved_to="https://wire.test/new.xml", failures=0, last_ok=now + 120)}


def test_status_counts_down_only_the_feeds_asked_about(open_cache, now):
    store = open_cache()
    store.ingest(feed_of(yesterdays_stories(now, 3), now))
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


# Writers: threads and processes on one cache


def test_two_handles_on_one_cache_keep_both_marks(open_cache, now):
    entries = yesterdays_stories(now, 4)
    open_cache().ingest(feed_of(entries, now))
    first, second = open_cache(), open_cache()
    first.read_ids(), second.read_ids()  # both have loaded before either writes
    ids = entry_ids(entries, URL)
    first.set_read([ids[0]])
    second.set_read([ids[1]])
    first.set_read([ids[2]])
    second.set_read([ids[0]], read=False)
    assert open_cache().read_ids() == {ids[1], ids[2]}
    assert first.read_ids() == second.read_ids()


def test_concurrent_writers_lose_no_marks(open_cache, now):
    open_cache().ingest(feed_of(yesterdays_stories(now, 2), now))
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
    open_cache().ingest(feed_of(yesterdays_stories(now, 2), now))
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
    store.ingest(feed_of(entries, now))
    ids = entry_ids(entries, URL)
    store.set_read([ids[0]])
    store.set_starred(ids[1], True)
    store.save_feed_meta({URL: {"title": "Wire"}})
    child = _child(backend, data_dir, (
        f"print(sorted(store.read_ids()), sorted(store.starred_ids()), store.feed_meta({URL!r}).title)\n"
        "store.set_read([i.id for i in store.items()])\n"
        "store.save_settings(theme='paper')\n"
    ))
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    assert out.strip() == f"{[ids[0]]} {[ids[1]]} Wire"
    # And this process, on the handle it already had open, sees what the child wrote.
    assert store.read_ids() == set(ids)
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
        backend_factory(backend)(tmp_path / "file")
