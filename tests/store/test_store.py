"""tui.store.Store on a real data directory: upserts, read marks, file layout, crash safety."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB
from tinydb.table import Table

from tests.helpers.feeds import Entry, rss
from tui.core.feeds import FeedSource
from tui.core.items import Item, ParsedFeed
from tui.fetch.parse import parse_feed
from tui.fetch.poller import Poller
from tui.store import Store

ROOT = Path(__file__).resolve().parents[2]
URL = "https://wire.test/feed.xml"
DAY = 86400.0


def _entries(now: float, n: int = 5, prefix: str = "urn:wire:") -> list[Entry]:
    """`n` stories ten minutes apart, all on the UTC day before `now` (so in one day file)."""
    noon = (now // DAY - 1) * DAY + DAY / 2
    return [
        Entry(f"Story {k}", guid=f"{prefix}{k}", link=f"https://wire.test/{k}", date=noon - k * 600,
              body=f"<p>KYIV (ANP) - Body of story {k}.</p>")
        for k in range(n)
    ]


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


# Upserts


def test_ingest_stores_items_and_bodies(data_dir, now):
    entries = _entries(now)
    parsed = _parsed(entries, now)
    new, stored = Store(data_dir).ingest(parsed)
    assert new == [e.guid for e in entries]
    assert [i.id for i in stored] == new
    fresh = Store(data_dir)
    assert {i.id: i.title for i in fresh.items()} == {e.guid: e.title for e in entries}
    for entry in entries:
        assert fresh.body(entry.guid) == entry.body
    assert fresh.body("urn:no-such-item") == ""


def test_ingest_twice_never_duplicates(data_dir, now):
    store = Store(data_dir)
    parsed = _parsed(_entries(now), now)
    first_new, _ = store.ingest(parsed)
    count = len(store.items())
    second_new, stored = store.ingest(_parsed(_entries(now), now + 60))
    assert second_new == []
    assert len(store.items()) == count == len(first_new)
    assert sorted(i.id for i in stored) == sorted(first_new)
    assert len({i.id for i in Store(data_dir).items()}) == count


def test_ingest_only_new_ids_are_reported(data_dir, now):
    store = Store(data_dir)
    store.ingest(_parsed(_entries(now, 3), now))
    more = _entries(now, 5)
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


def test_same_id_twice_in_one_feed_is_stored_once(data_dir, now):
    Store(data_dir).ingest(parse_feed(_reposted(now), URL, now))
    assert sorted(i.id for i in Store(data_dir).items()) == ["urn:dup", "urn:other"]
    again, _ = Store(data_dir).ingest(parse_feed(_reposted(now), URL, now + 60))
    assert again == []
    assert sorted(i.id for i in Store(data_dir).items()) == ["urn:dup", "urn:other"]


def test_same_id_twice_in_one_feed_is_new_once(data_dir, now):
    new, _ = Store(data_dir).ingest(parse_feed(_reposted(now), URL, now))
    assert sorted(new) == ["urn:dup", "urn:other"]


def test_refetch_keeps_read_marks(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now)
    store.ingest(_parsed(entries, now))
    marked = [entries[0].guid, entries[2].guid]
    assert store.set_read(marked) == marked
    store.ingest(_parsed(entries, now + 60))
    store.ingest(_parsed([Entry("Changed title", guid=entries[0].guid, date=entries[0].date)] + entries[1:], now + 120))
    assert Store(data_dir).read_ids() == set(marked)


def test_updated_title_and_body_are_stored(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now, 2)
    store.ingest(_parsed(entries, now))
    changed = Entry("KYIV (ANP) - Updated headline", guid=entries[0].guid, link=entries[0].link, date=entries[0].date,
                    body="<p>Updated body.</p>")
    new, stored = store.ingest(_parsed([changed, entries[1]], now + 60))
    assert new == []
    fresh = {i.id: i for i in Store(data_dir).items()}
    assert fresh[changed.guid].title == changed.title
    assert fresh[changed.guid].seen == now  # first sight stands
    assert Store(data_dir).body(changed.guid) == changed.body
    assert fresh[entries[1].guid].title == entries[1].title


def test_undated_items_keep_first_seen_time(data_dir, now):
    store = Store(data_dir)
    undated = [Entry("Undated one", guid="urn:u:1"), Entry("Undated two", link="https://wire.test/u2")]
    store.ingest(_parsed(undated, now))
    for later in (now + 300, now + 2 * DAY):
        _, stored = store.ingest(_parsed(undated, later))
        assert {i.published for i in stored} == {now}
    items = Store(data_dir).items()
    assert {i.published for i in items} == {now}
    assert {i.seen for i in items} == {now}
    assert {i.dated for i in items} == {False}


def test_unread_reverts_and_reports_changes(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now, 3)
    store.ingest(_parsed(entries, now))
    ids = [e.guid for e in entries]
    assert store.set_read(ids[:2]) == ids[:2]
    assert store.set_read(ids[:2]) == []  # already read
    assert store.set_read(ids[1:2], read=False) == ids[1:2]
    assert store.set_read(ids[1:2], read=False) == []
    assert Store(data_dir).read_ids() == {ids[0]}


# Layout


def test_read_state_is_apart_from_items_and_bodies(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now)
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
    store = Store(data_dir)
    entries = _entries(now)
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
    Store(data_dir).ingest(_parsed(entries, now))
    days = {time.strftime("%Y-%m-%d", time.gmtime(e.date)) for e in entries}
    assert {p.stem for p in _files_with(data_dir, "bodies")} == days


class _StrIdTable(Table):
    document_id_class = str


class _TinyDB(TinyDB):
    table_class = _StrIdTable


def test_files_are_valid_tinydb_databases(data_dir, tmp_path, now):
    store = Store(data_dir)
    entries = _entries(now, 3) + [Entry("Last week", guid="urn:old", date=now - 7 * DAY, body="<p>old</p>")]
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
    assert documents("feeds")[str(feed)] == store.feed_meta(str(feed))
    assert store.feed_meta(str(feed))  # something was recorded for the feed


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
from tui.store import Store

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
store = Store(sys.argv[1])
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
        store = Store(data)
        listed = {i.id for i in store.items()}
        assert store.moved_aside == []
        if missing := sorted(i for i in listed if not store.body(i)):
            problems.append(f"killed at write {kill_at}/{writes}: listed without a body: {missing}")

        store.ingest(parsed)  # the next poll brings the same items
        store.set_read(read)
        fresh = Store(data)
        expected = {i.id for i in parsed.items}
        if {i.id for i in fresh.items()} != expected:
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, items differ")
        if bad := sorted(i for i in expected if fresh.body(i) != parsed.bodies[i]):
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, bodies missing: {bad}")
        if fresh.read_ids() != read:
            problems.append(f"killed at write {kill_at}/{writes}: after the next poll, read marks differ")
    assert not problems, "\n".join(problems)


def test_corrupt_index_is_moved_aside(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now, 3)
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])
    [index] = _files_with(data_dir, "items")  # all on one day: one index file
    good = index.read_bytes()
    index.write_bytes(good[: len(good) // 2])

    reopened = Store(data_dir)
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
    assert {i.id for i in Store(data_dir).items()} == {e.guid for e in entries}
    assert all(Store(data_dir).body(e.guid) == e.body for e in entries)


def test_corrupt_state_is_moved_aside(data_dir, now):
    store = Store(data_dir)
    entries = _entries(now, 2)
    store.ingest(_parsed(entries, now))
    store.set_read([entries[0].guid])
    [state_file] = _files_with(data_dir, "read")
    state_file.write_bytes(b'{"read": {"urn:wire:0": {"at": 1')
    reopened = Store(data_dir)
    assert reopened.read_ids() == set()
    assert [p.name.split(".corrupt-")[0] for p in reopened.moved_aside] == [state_file.name]
    assert len(reopened.items()) == len(entries)


# Two writers


def test_two_stores_on_one_dir_keep_both_marks(data_dir, now):
    entries = _entries(now, 4)
    Store(data_dir).ingest(_parsed(entries, now))
    first, second = Store(data_dir), Store(data_dir)
    first.read_ids(), second.read_ids()  # both have loaded before either writes
    first.set_read([entries[0].guid])
    second.set_read([entries[1].guid])
    first.set_read([entries[2].guid])
    second.set_read([entries[0].guid], read=False)
    assert Store(data_dir).read_ids() == {entries[1].guid, entries[2].guid}
    assert first.read_ids() == second.read_ids()


def test_concurrent_writers_lose_no_marks(data_dir, now):
    entries = _entries(now, 2)
    Store(data_dir).ingest(_parsed(entries, now))
    stores = [Store(data_dir), Store(data_dir)]
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
    assert Store(data_dir).read_ids() == expected


def test_two_processes_keep_both_marks(data_dir, now):
    entries = _entries(now, 2)
    Store(data_dir).ingest(_parsed(entries, now))
    code = (
        "import sys\nfrom tui.store import Store\ns = Store(sys.argv[1])\n"
        "for k in range(30): s.set_read([f'{sys.argv[2]}-{k}'])\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(data_dir), name], cwd=ROOT) for name in ("left", "right")
    ]
    local = Store(data_dir)
    for k in range(30):
        local.set_read([f"here-{k}"])
    assert [child.wait(timeout=60) for child in children] == [0, 0]
    expected = {f"{name}-{k}" for name in ("left", "right", "here") for k in range(30)}
    assert Store(data_dir).read_ids() == expected


def test_items_are_item_records(data_dir, now):
    # Rows round-trip through the index as Item records with the parsed fields.
    parsed = _parsed(_entries(now, 2), now)
    Store(data_dir).ingest(parsed)
    stored = {i.id: i for i in Store(data_dir).items()}
    fields = [f.name for f in dataclasses.fields(Item) if f.name != "day"]  # the store's own bookkeeping
    for item in parsed.items:
        assert isinstance(stored[item.id], Item)
        assert {f: getattr(stored[item.id], f) for f in fields} == {f: getattr(item, f) for f in fields}


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
    body = Store(data).body(item_id)
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
    assert Store(data).body(item_id) == body


def test_the_article_pane_rebuilds_a_damaged_shard_first(data_dir, now):
    """The desk's first lookup may be opening an article: body() alone repairs the shard."""
    entries = _entries(now, 40)
    Store(data_dir).ingest(_parsed(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.write_bytes(b"{")
    store = Store(data_dir)
    bodies = {e.guid: e.body for e in entries}
    assert {i: store.body(i) for i in table} == {i: bodies[i] for i in table}
    assert [p.name.split(".corrupt-")[0] for p in store.moved_aside] == [shard.name]
    assert orjson.loads(shard.read_bytes()) == {"ids": table}
    # And the rest of the lookups by id work on the same store.
    assert store.known(table) == set(table)
    assert all(store.item(i).id == i for i in table)
    assert store.status()["unread"] == len(entries)


def test_a_poll_after_the_damage_finds_nothing_new(data_dir, now):
    entries = _entries(now, 40)
    store = Store(data_dir)
    store.ingest(_parsed(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.unlink()
    new, stored = Store(data_dir).ingest(_parsed(entries, now + 60))
    assert new == [] and len(stored) == len(entries)
    assert orjson.loads(shard.read_bytes()) == {"ids": table}


def test_unused_shards_are_not_written(data_dir, now):
    """A small cache leaves some shards unused; looking into one finds nothing and writes nothing."""
    entries = _entries(now, 3)
    Store(data_dir).ingest(_parsed(entries, now))
    before = _snapshot(_json_files(data_dir))
    store = Store(data_dir)
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
    entries = _entries(now, 200)
    Store(data_dir).ingest(_parsed(entries, now))
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


# Status: which feeds count as down


def test_status_counts_down_only_the_feeds_asked_about(data_dir, now):
    store = Store(data_dir)
    store.ingest(_parsed(_entries(now, 3), now))
    store.save_feed_meta({
        "https://wire.test/gone.xml": {"last_error": "HTTP 404"},  # dropped from the config long ago
        "https://wire.test/down.xml": {"last_error": "timed out"},
        "https://wire.test/fine.xml": {"last_error": None},
    })
    reopened = Store(data_dir)
    assert reopened.status() == {"unread": 3, "alerts": 0, "down": 2}  # None: every feed feeds.json knows
    configured = ["https://wire.test/down.xml", "https://wire.test/fine.xml", "https://wire.test/new.xml"]
    assert reopened.status(configured) == {"unread": 3, "alerts": 0, "down": 1}
    assert reopened.status(iter(configured)) == {"unread": 3, "alerts": 0, "down": 1}  # any iterable
    assert reopened.status(["https://wire.test/fine.xml"])["down"] == 0
    assert reopened.status([])["down"] == 0


def test_a_feed_that_answered_since_its_error_is_not_down(data_dir):
    store = Store(data_dir)
    store.save_feed_meta({
        "https://wire.test/back.xml": {"last_error": "timed out", "error_at": 100.0, "last_ok": 200.0},
        "https://wire.test/down.xml": {"last_error": "timed out", "error_at": 300.0, "last_ok": 200.0},
        "https://wire.test/never.xml": {"last_error": "HTTP 404", "error_at": 300.0},
        "https://wire.test/old.xml": {"last_error": "HTTP 500"},  # recorded before error_at was
    })
    assert Store(data_dir).status()["down"] == 3
    assert Store(data_dir).status(["https://wire.test/back.xml", "https://wire.test/down.xml"])["down"] == 1
