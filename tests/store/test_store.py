"""The TinyDB backend on a real data directory: file layout, crash safety, damaged files, id shards.

What every backend does is in test_contract.py."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB
from tinydb.table import Table

from tests.helpers.feeds import Entry, rss
from tests.helpers.stories import yesterdays_stories
from tui.core.feeds import FeedMeta, FeedSource
from tui.core.items import ParsedFeed
from tui.fetch.parse import parse_feed
from tui.fetch.poller import Poller
from tui.store import Retention, open_store

ROOT = Path(__file__).resolve().parents[2]
URL = "https://wire.test/feed.xml"
DAY = 86400.0


def _parsed(entries, fetched_at: float) -> ParsedFeed:
    return parse_feed(rss(entries), URL, fetched_at)


@pytest.fixture
def now() -> float:
    return float(int(time.time()))


def _json_files(data_dir: Path) -> list[Path]:
    """Every cache file (not temp files, not files moved aside), wherever the layout puts it."""
    return sorted(p for p in data_dir.rglob("*.json") if not p.name.startswith("."))


def _tables(path: Path) -> set[str]:
    return set(orjson.loads(path.read_bytes()))


def _files_with(data_dir: Path, table: str) -> list[Path]:
    """The cache files holding a TinyDB table of this name ("items", "bodies", "read", "feeds")."""
    return [p for p in _json_files(data_dir) if table in _tables(p)]


def _snapshot(paths) -> dict[Path, tuple[int, bytes]]:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in paths}


# Layout


def test_read_state_is_apart_from_items_and_bodies(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now)
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])  # the read-state file exists from here on
    [state_file] = _files_with(data_dir, "read")
    untouched = [p for p in _json_files(data_dir) if p != state_file]
    assert _files_with(data_dir, "items") and _files_with(data_dir, "bodies")
    assert all(p in untouched for p in _files_with(data_dir, "items") + _files_with(data_dir, "bodies"))
    before = _snapshot(untouched)
    state_before = _snapshot([state_file])
    time.sleep(0.01)  # so that a rewrite would show in st_mtime_ns even on coarse clocks
    store.set_read([e.guid for e in entries])
    store.set_read([entries[1].guid], read=False)
    assert _snapshot(untouched) == before
    assert _snapshot([state_file]) != state_before
    assert set(orjson.loads(state_file.read_bytes())["read"]) == {e.guid for e in entries} - {entries[1].guid}


def test_refetch_of_unchanged_items_rewrites_nothing(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now)
    store.ingest(_parsed(entries, now))
    files = _json_files(data_dir)
    before = _snapshot(files)
    time.sleep(0.01)
    store.ingest(_parsed(entries, now + 60))
    assert _snapshot(files) == before


def test_bodies_are_filed_by_day(data_dir, now):
    entries = [
        Entry("Today", guid="urn:d:0", date=now - 60, body="<p>today</p>"),
        Entry("Last week", guid="urn:d:7", date=now - 7 * DAY, body="<p>last week</p>"),
    ]
    open_store(data_dir).ingest(_parsed(entries, now))
    days = {time.strftime("%Y-%m-%d", time.gmtime(e.date)) for e in entries}
    assert {p.stem for p in _files_with(data_dir, "bodies")} == days


def test_pruning_removes_emptied_day_files_and_nothing_else(data_dir):
    now = 1_795_000_000.0
    entries = [Entry("New", guid="new", date=now - 0.1 * DAY, body="<p>new</p>"),
               Entry("Old", guid="old", date=now - 45 * DAY, body="<p>old</p>")]
    store = open_store(data_dir)
    store.ingest(_parsed(entries, now))
    store.set_read(["old"])
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
    store.set_read([entries[1].guid])
    seen_tables: set[str] = set()
    for path in _json_files(data_dir):
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
    assert set(items) == {e.guid for e in entries}
    assert all(items[e.guid]["title"] == e.title for e in entries)
    bodies = documents("bodies")
    assert {iid: doc["html"] for iid, doc in bodies.items()} == {e.guid: e.body for e in entries}
    assert set(documents("read")) == {entries[1].guid}
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

CRASH_CHILD = BATCH + r"""
import os, signal, sys
from tui.store import open_store

kill_at = int(sys.argv[2])
renames = 0

def hook(event, args):
    # SIGKILL just before the kill_at-th atomic rename: the earlier writes are done, the rest never happen.
    global renames
    if event == "os.rename":
        renames += 1
        if renames == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(hook)
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
        for path in _json_files(data):
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
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])
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
    assert reopened.read_ids() == {entries[0].guid}
    new, _ = reopened.ingest(_parsed(entries, now + 60))
    assert sorted(new) == sorted(e.guid for e in entries)
    assert {i.id for i in open_store(data_dir).items()} == {e.guid for e in entries}
    assert all(open_store(data_dir).body(e.guid) == e.body for e in entries)


def test_corrupt_state_is_moved_aside(data_dir, now):
    store = open_store(data_dir)
    entries = yesterdays_stories(now, 2)
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])
    [state_file] = _files_with(data_dir, "read")
    state_file.write_bytes(b'{"read": {"urn:wire:0": {"at": 1')
    reopened = open_store(data_dir)
    assert reopened.read_ids() == set()
    assert [p.name.split(".corrupt-")[0] for p in reopened.moved_aside] == [state_file.name]
    assert len(reopened.items()) == len(entries)


# A damaged or lost id shard is rebuilt from the day files

SEED_FEED = ROOT / "seeds" / "wire-world.atom"


def _wiredesk(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def _fetched_seed(data_dir: Path) -> subprocess.CompletedProcess:
    fetched = _wiredesk("fetch", "--feed", str(SEED_FEED), data_dir=data_dir)
    assert fetched.returncode == 0 and ": ok, " in fetched.stdout, fetched.stdout + fetched.stderr
    return fetched


def _fullest_shard(data_dir: Path) -> tuple[Path, dict]:
    """The id shard holding the most ids, and its table."""
    shards = {p: orjson.loads(p.read_bytes())["ids"] for p in sorted((data_dir / "ids").glob("*.json"))}
    path = max(shards, key=lambda p: len(shards[p]))
    assert shards[path], "no shard has ids"
    return path, shards[path]


DAMAGE = {"torn": b"xx\n", "wrong shape": b'{"ids": {"x": 5}}', "lost": None}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_id_shard_is_rebuilt_from_the_day_files(tmp_path, damage):
    data = tmp_path / "data"
    _fetched_seed(data)
    listed = [orjson.loads(line) for line in _wiredesk("list", "--json", data_dir=data).stdout.splitlines()]
    shard, table = _fullest_shard(data)
    item_id = sorted(table)[0]
    body = open_store(data).body(item_id)
    assert body
    if DAMAGE[damage] is None:
        shard.unlink()
    else:
        shard.write_bytes(DAMAGE[damage])

    exported = _wiredesk("export", item_id, data_dir=data)
    assert exported.returncode == 0, exported.stderr
    assert next(r["title"] for r in listed if r["id"] == item_id) in exported.stdout
    asides = sorted(shard.parent.glob(shard.name + ".corrupt-*"))
    if DAMAGE[damage] is None:
        assert (exported.stderr, asides) == ("", [])
    else:
        # Kept aside as before, and said once.
        [aside] = asides
        assert aside.read_bytes() == DAMAGE[damage]
        assert exported.stderr == f"wiredesk: a damaged cache file was moved aside as {aside}\n"
    # Rebuilt in place, whole, atomically (no temp file left).
    assert orjson.loads(shard.read_bytes()) == {"ids": table}
    assert not list(data.rglob("*.tmp"))

    # Rebuilt once: from here on the shard is read like any other, and nothing is moved aside again.
    rebuilt = _snapshot([shard])
    time.sleep(0.01)
    marked = _wiredesk("read", item_id, data_dir=data)
    assert (marked.returncode, marked.stdout, marked.stderr) == (0, "1 marked read\n", "")
    status = _wiredesk("status", data_dir=data)
    assert (status.returncode, status.stdout, status.stderr) == (0, f"wire {len(listed) - 1} unread\n", "")
    assert _snapshot([shard]) == rebuilt
    assert sorted(shard.parent.glob(shard.name + ".corrupt-*")) == asides
    assert open_store(data).body(item_id) == body


def test_the_article_pane_rebuilds_a_damaged_shard_first(data_dir, now):
    """The desk's first lookup may be opening an article: body() alone repairs the shard."""
    entries = yesterdays_stories(now, 40)
    open_store(data_dir).ingest(_parsed(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.write_bytes(b"{")
    store = open_store(data_dir)
    bodies = {e.guid: e.body for e in entries}
    assert {i: store.body(i) for i in table} == {i: bodies[i] for i in table}
    assert [p.name.split(".corrupt-")[0] for p in store.moved_aside] == [shard.name]
    assert orjson.loads(shard.read_bytes()) == {"ids": table}
    # And the rest of the lookups by id work on the same store.
    assert store.known(table) == set(table)
    assert all(store.item(i).id == i for i in table)
    assert store.status()["unread"] == len(entries)


def test_a_poll_after_the_damage_finds_nothing_new(data_dir, now):
    entries = yesterdays_stories(now, 40)
    store = open_store(data_dir)
    store.ingest(_parsed(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.unlink()
    new, stored = open_store(data_dir).ingest(_parsed(entries, now + 60))
    assert new == [] and len(stored) == len(entries)
    assert orjson.loads(shard.read_bytes()) == {"ids": table}


def test_unused_shards_are_not_written(data_dir, now):
    """A small cache leaves some shards unused; looking into one finds nothing and writes nothing."""
    entries = yesterdays_stories(now, 3)
    open_store(data_dir).ingest(_parsed(entries, now))
    before = _snapshot(_json_files(data_dir))
    store = open_store(data_dir)
    assert store.status()["unread"] == 3  # reads all sixteen shards
    assert store.known(["urn:not-here", *(e.guid for e in entries)]) == {e.guid for e in entries}
    assert _snapshot(_json_files(data_dir)) == before


OPENS_CHILD = r"""
import sys
from pathlib import Path

data = Path(sys.argv[1]).resolve()
opened = set()

def hook(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(str(data)):
        opened.add(str(Path(args[0]).relative_to(data)))

sys.addaudithook(hook)
from tui.cli import main
code = main(sys.argv[2:] + ["--data-dir", str(data)])
print("opened", *sorted(opened))
sys.exit(code)
"""


def test_read_id_opens_only_the_state_and_one_shard(data_dir, now):
    """The normal path is unchanged by the repair: `wiredesk read ID` on a whole cache reads the
    state file and the id's own shard, and never a day file."""
    entries = yesterdays_stories(now, 200)
    open_store(data_dir).ingest(_parsed(entries, now))
    assert len(list((data_dir / "ids").glob("*.json"))) == 16
    target = entries[7].guid
    child = subprocess.run([sys.executable, "-c", OPENS_CHILD, str(data_dir), "read", target],
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert child.returncode == 0, child.stderr
    shard = f"ids/{zlib.crc32(target.encode()) % 16:x}.json"
    assert child.stdout.startswith("1 marked read\n"), child.stdout
    [line] = [line for line in child.stdout.splitlines() if line.startswith("opened ")]
    # "." is the directory, opened to fsync the rename; temp files are the atomic writes.
    opened = {p for p in line.split()[1:] if p != "." and not p.endswith(".tmp")}
    assert opened == {".lock", "state.json", shard}, opened
