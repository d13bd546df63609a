"""The TinyDB backend on a real data directory: file layout, crash safety, damaged files.

Its id shards: test_store_shards.py. What every backend does: test_contract.py."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from tests.helpers import ROOT
from tests.helpers.caches import URL, feed_of, json_files, snapshot
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, entry_ids, ids_of
from tests.helpers.kills import KILL_AT_RENAME
from tests.helpers.stories import DAY, yesterdays_stories
from tui.core.feeds import FeedMeta, FeedSource
from tui.fetch.poller import Poller
from tui.store import Retention, open_store


def _tables(path: Path) -> set[str]:
    return set(orjson.loads(path.read_bytes()))


def _files_with(data_dir: Path, table: str) -> list[Path]:
    """The cache files holding a TinyDB table of this name ("items", "bodies", "read", "feeds")."""
    return [p for p in json_files(data_dir) if table in _tables(p)]


# Layout


def test_read_state_is_apart_from_items_and_bodies(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now)
    store.ingest(feed_of(entries, now))
    ids = entry_ids(entries, URL)
    store.set_read([ids[0]])  # the read-state file exists from here on
    [state_file] = _files_with(data_dir, "read")
    untouched = [p for p in json_files(data_dir) if p != state_file]
    assert _files_with(data_dir, "items") and _files_with(data_dir, "bodies")
    assert all(p in untouched for p in _files_with(data_dir, "items") + _files_with(data_dir, "bodies"))
    before = snapshot(untouched)
    state_before = snapshot([state_file])
    time.sleep(0.01)  # so that a rewrite would show in st_mtime_ns even on coarse clocks
    store.set_read(ids)
    store.set_read([ids[1]], read=False)
    assert snapshot(untouched) == before
    assert snapshot([state_file]) != state_before
    assert set(orjson.loads(state_file.read_bytes())["read"]) == set(ids) - {ids[1]}


def test_refetch_of_unchanged_items_rewrites_nothing(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now)
    store.ingest(feed_of(entries, now))
    files = json_files(data_dir)
    before = snapshot(files)
    time.sleep(0.01)
    store.ingest(feed_of(entries, now + 60))
    assert snapshot(files) == before


def test_bodies_are_filed_by_day(data_dir, now):
    entries = [
        Entry("Today", guid="urn:d:0", date=now - 60, body="<p>today</p>"),
        Entry("Last week", guid="urn:d:7", date=now - 7 * DAY, body="<p>last week</p>"),
    ]
    open_store(data_dir).ingest(feed_of(entries, now))
    days = {time.strftime("%Y-%m-%d", time.gmtime(e.date)) for e in entries}
    assert {p.stem for p in _files_with(data_dir, "bodies")} == days


def test_pruning_removes_emptied_day_files_and_nothing_else(data_dir):
    now = 1_795_000_000.0
    entries = [Entry("New", guid="new", date=now - 0.1 * DAY, body="<p>new</p>"),
               Entry("Old", guid="old", date=now - 45 * DAY, body="<p>old</p>")]
    store = open_store(data_dir)
    store.ingest(feed_of(entries, now))
    store.set_read(ids_of(URL, "old"))
    assert len(list((data_dir / "items").iterdir())) == 2
    store.prune(Retention(days=30), now)
    assert {p.name for p in (data_dir / "items").iterdir()} == {p.name for p in (data_dir / "bodies").iterdir()}
    assert len(list((data_dir / "items").iterdir())) == 1


class _StrIdTable(Table):
    document_id_class = str


class _TinyDB(TinyDB):
    table_class = _StrIdTable


def test_files_are_valid_tinydb_databases(data_dir, tmp_path, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now, 3) + [Entry("Last week", guid="urn:old", date=now - 7 * DAY, body="<p>old</p>")]
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(entries, title="Test wire"))
    # A real poll of a local feed: items, bodies and the feed's record in one go.
    [result] = asyncio.run(Poller(store, [FeedSource(url=str(feed))]).poll_all())
    assert result.ok, result.error
    ids = {e.guid: entry_id(e, str(feed)) for e in entries}
    store.set_read([ids[entries[1].guid]])
    seen_tables: set[str] = set()
    for path in json_files(data_dir):
        db = TinyDB(path, access_mode="r")
        try:
            tables = db.tables()
            assert len(tables) == 1, path
            [table] = tables
            assert len(db.table(table)) > 0
            seen_tables |= tables
        finally:
            db.close()
    assert {"items", "bodies", "read", "feeds"} <= seen_tables

    def documents(table: str) -> dict:
        docs = {}
        for path in _files_with(data_dir, table):
            db = _TinyDB(path, access_mode="r")
            try:
                for doc in db.table(table).all():
                    assert doc.doc_id not in docs, f"{doc.doc_id} twice"
                    docs[doc.doc_id] = doc
            finally:
                db.close()
        return docs

    items = documents("items")
    assert set(items) == set(ids.values())
    assert all(items[ids[e.guid]]["title"] == e.title for e in entries)
    assert all(items[ids[e.guid]]["guid"] == e.guid for e in entries), "the feed's own id is kept"
    bodies = documents("bodies")
    assert {iid: doc["html"] for iid, doc in bodies.items()} == {ids[e.guid]: e.body for e in entries}
    assert set(documents("read")) == {ids[entries[1].guid]}
    assert FeedMeta.from_record(documents("feeds")[str(feed)]) == store.feed_meta(str(feed))
    assert store.feed_meta(str(feed)).title == "Test wire"  # the feed's record, as the poll wrote it


# Crash safety (random SIGKILL loops: tests/test_faults.py)


# The same batch, built alike in the test and in the child it kills.
BATCH = r"""
from tui.core.items import Item, ParsedFeed

def batch():
    items = [
        Item(id=f"urn:crash:{k}", feed="Wire", title=f"Crash {k}", link=f"https://wire.test/c{k}",
             published=1_700_000_000.0 + k * 40_000, seen=1_700_100_000.0, summary=f"s{k}")
        for k in range(6)  # spread over several days, so over several day files
    ]
    return ParsedFeed("Wire", items, {i.id: f"<p>body {i.id}</p>" for i in items})

READ = ["urn:crash:1", "urn:crash:4"]
"""


CRASH_CHILD = BATCH + "from tui.store import open_store\n" + KILL_AT_RENAME + r"""
store = open_store(sys.argv[1])
store.ingest(batch())
store.set_read(READ)
print(renames)
"""


def _crash_child(data_dir: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CRASH_CHILD, str(data_dir), str(kill_at)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def test_a_crash_at_any_write_is_repaired_by_the_next_poll(tmp_path):
    """SIGKILL before each atomic rename in turn; then the cache is consistent, and the same
    batch ingested again (the next poll) leaves every item listed, with its body, markable."""
    namespace: dict = {}
    exec(BATCH, namespace)
    parsed, read = namespace["batch"](), set(namespace["READ"])
    clean = _crash_child(tmp_path / "clean", 0)
    assert clean.returncode == 0, clean.stderr
    writes = int(clean.stdout)
    assert writes >= 3  # bodies, index, read marks at the least

    problems = []
    for kill_at in range(1, writes + 1):
        data = tmp_path / f"killed-at-{kill_at}"
        child = _crash_child(data, kill_at)
        assert child.returncode == -signal.SIGKILL, child.stderr
        for path in json_files(data):
            orjson.loads(path.read_bytes())
        store = open_store(data)
        listed = {i.id for i in store.items()}
        assert store.moved_aside == []
        if missing := sorted(i for i in listed if not store.body(i)):
            problems.append(f"killed at write {kill_at}/{writes}: listed without a body: {missing}")

        store.ingest(parsed)  # the next poll brings the same items
        store.set_read(read)
        fresh = open_store(data)
        expected = {i.id for i in parsed.items}
        if {i.id for i in fresh.items()} != expected:
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, items differ")
        if bad := sorted(i for i in expected if fresh.body(i) != parsed.bodies[i]):
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, bodies missing: {bad}")
        if fresh.read_ids() != read:
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, read marks differ")
    assert not problems, "\n".join(problems)


def test_corrupt_index_is_moved_aside(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now, 3)
    store.ingest(feed_of(entries, now))
    ids = entry_ids(entries, URL)
    store.set_read([ids[0]])
    [index] = _files_with(data_dir, "items")  # all on one day: one index file
    good = index.read_bytes()
    index.write_bytes(good[: len(good) // 2])

    reopened = open_store(data_dir)
    assert reopened.items() == []
    [aside] = reopened.moved_aside
    assert aside.parent == index.parent
    assert re.fullmatch(re.escape(index.name) + r"\.corrupt-\d{8}T\d{6}", aside.name), aside.name
    assert aside.read_bytes() == good[: len(good) // 2]
    assert not index.exists()
    # The rest of the cache is untouched and the store works again.
    assert reopened.read_ids() == {ids[0]}
    new, _ = reopened.ingest(feed_of(entries, now + 60))
    assert sorted(new) == sorted(ids)
    assert {i.id for i in open_store(data_dir).items()} == set(ids)
    assert all(open_store(data_dir).body(entry_id(e, URL)) == e.body for e in entries)


def test_corrupt_state_is_moved_aside(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now, 2)
    store.ingest(feed_of(entries, now))
    store.set_read([entry_id(entries[0], URL)])
    [state_file] = _files_with(data_dir, "read")
    state_file.write_bytes(b'{"read": {"urn:wire:0": {"at": 1')
    reopened = open_store(data_dir)
    assert reopened.read_ids() == set()
    assert [p.name.split(".corrupt-")[0] for p in reopened.moved_aside] == [state_file.name]
    assert len(reopened.items()) == len(entries)
