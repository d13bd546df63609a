"""Faults: SIGKILL at random moments, a full disk, a read-only cache, valid JSON of the wrong
shape, temp files left by killed writers.

Nothing of wiredesk is mocked. Kills are real SIGKILLs of real child processes; the full disk
is a real 256 KiB tmpfs and the read-only cache a real read-only bind mount (both need root,
which CI has; without it the full-disk tests skip and the read-only ones use chmod).
"""

from __future__ import annotations

import asyncio
import errno
import os
import random
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.helpers.disks import read_only
from tests.helpers.feeds import Entry, rss
from tests.helpers.stories import yesterdays_stories
from tests.helpers.tmux import Tmux
from tui.core.feeds import FeedSource, PollResult, feed_down
from tui.core.items import Item, ParsedFeed
from tui.fetch.parse import parse_feed
from tui.fetch.poller import JITTER, Poller
from tui.store import Store, StoreError, open_store

ROOT = Path(__file__).resolve().parents[2]
SEED = 5  # the kill moments are random, but the same on every run
KILLS = 50
NO_SPACE = os.strerror(errno.ENOSPC)
CORRUPT = re.compile(r".+\.json\.corrupt-\d{8}T\d{6}")


def _entries(n: int, prefix: str = "urn:fault:") -> list[Entry]:
    return yesterdays_stories(time.time(), n, prefix)


def _parsed(entries: list[Entry]) -> ParsedFeed:
    return parse_feed(rss(entries), "https://wire.test/feed.xml", time.time())


def _files(data_dir: Path) -> dict[Path, bytes]:
    """Every file of the cache with its bytes: what "nothing already stored is damaged" compares."""
    return {p: p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def _temp_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob(".*.tmp"))


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def _loads_whole(data_dir: Path, where: str) -> Store:
    """The cache loads, every file is a TinyDB database, and nothing had to be moved aside."""
    for path in data_dir.rglob("*.json"):
        if not path.name.startswith("."):
            tables = orjson.loads(path.read_bytes())
            assert isinstance(tables, dict) and tables, f"{path.name} ({where})"
    store = open_store(data_dir)
    store.items(), store.read_ids(), store.status()
    assert store.moved_aside == [], where
    assert not [p for p in data_dir.rglob("*") if ".corrupt-" in p.name], where
    return store


# SIGKILL at random moments


INGEST_CHILD = r"""
import sys
from tui.core.items import Item, ParsedFeed
from tui.store import open_store

store = open_store(sys.argv[1])
run = int(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    # One day per run, so a run rewrites a small day file rather than everything before it.
    items = [
        Item(id=f"r{run}-b{n}-{k}", feed="Wire", title=f"Item {run}.{n}.{k}", link="",
             published=1_700_000_000 + run * 86400 + n * 10 + k, seen=1_700_000_000.0)
        for k in range(3)
    ]
    store.ingest(ParsedFeed("Wire", items, {i.id: f"<p>{i.id}</p>" for i in items}))
    print(" ".join(i.id for i in items), flush=True)
    n += 1
"""

MARK_CHILD = r"""
import sys
from tui.store import open_store

store = open_store(sys.argv[1])
read = store.read_ids()
todo = sorted(i.id for i in store.items() if i.id not in read)
print("ready", flush=True)
for item_id in todo:
    store.set_read([item_id])
    print(item_id, flush=True)
print("done", flush=True)
"""


def _kill_at_random(code: str, args: list[str], delay: float) -> list[str]:
    """Start a child, SIGKILL it `delay` seconds after it is ready; the lines it acknowledged."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 20)
        assert ready and child.stdout.readline() == b"ready\n", "the child did not start"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read()  # everything it wrote before it died
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the child ended before the kill: give it more work"
    # A line is acknowledged once whole: print() writes it with its newline in one go.
    return out.decode().split("\n")[:-1]


def test_sigkill_during_ingest_loses_no_acknowledged_item(data_dir):
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    for run in range(KILLS):
        lines = _kill_at_random(INGEST_CHILD, [str(data_dir), str(run)], rng.uniform(0.0, 0.2))
        fresh = {item_id for line in lines for item_id in line.split()}
        acknowledged |= fresh
        where = f"kill {run + 1}/{KILLS}, seed {SEED}"
        store = _loads_whole(data_dir, where)
        stored = {i.id for i in store.items()}
        assert not acknowledged - stored, f"acknowledged items lost ({where}): {sorted(acknowledged - stored)}"
        assert all(store.body(i) == f"<p>{i}</p>" for i in fresh), f"a body was lost ({where})"
    assert len(acknowledged) > 3 * KILLS, "the kills came too early to test anything"
    # The next writer sweeps whatever temp files the kills left.
    open_store(data_dir).check_writable()
    assert _temp_files(data_dir) == []


def test_sigkill_during_read_marking_loses_no_acknowledged_mark(data_dir):
    open_store(data_dir).ingest(ParsedFeed("Wire", [
        Item(id=f"m{k:04d}", feed="Wire", title=f"Mark {k}", link="", published=1_700_000_000 + k * 60, seen=0.0)
        for k in range(3000)
    ]))
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    for run in range(KILLS):
        acknowledged |= set(_kill_at_random(MARK_CHILD, [str(data_dir)], rng.uniform(0.0, 0.15)))
        where = f"kill {run + 1}/{KILLS}, seed {SEED}"
        read = _loads_whole(data_dir, where).read_ids()
        assert not acknowledged - read, f"acknowledged marks lost ({where}): {sorted(acknowledged - read)}"
    assert len(acknowledged) > KILLS, "the kills came too early to test anything"


# Temp files left by killed writers


def _orphans(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """Temp files of atomic_write's naming (a killed writer's), and look-alikes that are not ours."""
    ours = [data_dir / ".state.json.4242.1.tmp", data_dir / "items" / ".2024-01-01.json.4242.77.tmp",
            data_dir / "ids" / ".3.json.99.1.tmp"]
    others = [data_dir / ".notes.tmp", data_dir / "items" / ".draft.toml.1.2.tmp",
              data_dir / "state.json.1.2.tmp", data_dir / "bodies" / ".x.json.tmp"]
    for path in ours + others:
        path.write_bytes(b'{"half": ')
    return ours, others


def test_orphaned_temp_files_go_when_the_store_first_writes(data_dir):
    entries = _entries(3)
    open_store(data_dir).ingest(_parsed(entries))
    ours, others = _orphans(data_dir)
    reader = open_store(data_dir)
    assert len(reader.items()) == 3 and reader.status()["unread"] == 3
    assert all(p.exists() for p in ours + others), "a reader must not sweep: it holds no write lock"
    reader.set_read([entries[0].guid])
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in others)
    assert open_store(data_dir).read_ids() == {entries[0].guid}


HOLD_LOCK = r"""
import fcntl, os, sys
from pathlib import Path

data = Path(sys.argv[1])
with open(data / ".lock", "a") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    live = data / f".state.json.{os.getpid()}.1.tmp"  # a writer mid-write
    live.write_bytes(b"{")
    print(live, flush=True)
    sys.stdin.readline()
    live.unlink()
"""


def test_a_live_writers_temp_file_is_never_swept(data_dir):
    open_store(data_dir).ingest(_parsed(_entries(2)))
    writer = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        live = Path(writer.stdout.readline().strip())
        store = open_store(data_dir)
        marking = threading.Thread(target=store.set_read, args=(["urn:fault:0"],))
        marking.start()
        time.sleep(0.3)
        assert marking.is_alive(), "set_read did not wait for the other writer's lock"
        assert live.exists(), "the sweep removed a temp file while its writer held the lock"
        writer.stdin.write("go\n")
        writer.stdin.flush()
        marking.join(10)
    finally:
        writer.kill()
        writer.wait()
    assert open_store(data_dir).read_ids() == {"urn:fault:0"}


# Valid JSON of the wrong shape


def _one(data_dir: Path, table: str) -> Path:
    return next(p for p in sorted(data_dir.rglob("*.json")) if table in orjson.loads(p.read_bytes()))


WRONG_SHAPES = {
    "state is a list": ("read", b"[1, 2]"),
    "day file is a string": ("items", b'"x"'),
    "table is a list": ("read", b'{"read": [1, 2]}'),
    "document is a number": ("ids", b'{"ids": {"urn:fault:0": 5}}'),
    "feeds file is null": ("feeds", b"null"),
    "bodies table is a number": ("bodies", b'{"bodies": 3}'),
}


@pytest.mark.parametrize("case", WRONG_SHAPES)
def test_valid_json_of_the_wrong_shape_is_moved_aside(data_dir, case):
    table, content = WRONG_SHAPES[case]
    entries = _entries(3)
    store = open_store(data_dir)
    store.ingest(_parsed(entries))
    store.set_read([entries[1].guid])
    store.save_feed_meta({"https://wire.test/feed.xml": {"title": "Test wire"}})
    target = _one(data_dir, table)
    good_ids = set(orjson.loads(target.read_bytes()).get("ids", {}))
    target.write_bytes(content)

    # Between them these read every kind of file; the one that meets the bad file moves it aside.
    runs = [_cli(*args, data_dir=data_dir) for args in (["status"], ["list", "--json"], ["export", entries[2].guid])]
    assert not any("Traceback" in r.stderr for r in runs), [r.stderr for r in runs]
    # Only a lost day file loses the exported item's row: the rest is kept.
    assert [r.returncode for r in runs] == [0, 0, 1 if table == "items" else 0], [r.stderr for r in runs]
    [aside] = [p for p in target.parent.iterdir() if p.name.startswith(target.name + ".corrupt-")]
    assert CORRUPT.fullmatch(aside.name) and aside.read_bytes() == content
    if table == "ids":
        # An id shard is rebuilt from the day files at once, so every item stays reachable by id.
        assert set(orjson.loads(target.read_bytes())["ids"]) == {e.guid for e in entries if e.guid in good_ids}
    else:
        assert not target.exists()
    assert [r.stderr for r in runs if "moved aside" in r.stderr] == [
        f"wiredesk: a damaged cache file was moved aside as {aside}\n"]

    # The desk starts on what is left, and the next poll brings back what the feed still carries.
    reopened = open_store(data_dir)
    reopened.items(), reopened.read_ids(), reopened.status(), reopened.feeds_meta()
    assert reopened.moved_aside == []
    reopened.ingest(_parsed(entries))
    reopened.set_read([entries[0].guid])
    after = open_store(data_dir)
    assert {i.id for i in after.items()} == {e.guid for e in entries}
    assert {e.guid: after.body(e.guid) for e in entries} == {e.guid: e.body for e in entries}
    assert entries[0].guid in after.read_ids()
    assert after.moved_aside == []


# A full disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB tmpfs, unmounted after the test whatever happens."""
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs root to mount a 256 KiB tmpfs (CI runs as root)")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


def _fill(disk: Path) -> Path:
    """Write a file until the disk is full; deleting it frees the space again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_full_disk_fails_writes_cleanly_and_damages_nothing(small_disk):
    data = small_disk / "data"
    entries = _entries(5)
    store = open_store(data)
    store.ingest(_parsed(entries[:3]))
    store.set_read([entries[0].guid])
    filler = _fill(small_disk)
    before = _files(data)

    for write in (
        lambda: store.ingest(_parsed(entries)),
        lambda: store.set_read([entries[1].guid]),
        lambda: store.save_feed_meta({"https://wire.test/feed.xml": {"title": "x" * 5000}}),
    ):
        with pytest.raises(StoreError) as failed:
            write()
        assert failed.value.errno == errno.ENOSPC
        assert str(failed.value) == f"{data}: cannot write the cache: {NO_SPACE}"
        assert _temp_files(data) == [], "a failed write left its temp file"
        assert _files(data) == before

    reopened = _loads_whole(data, "full disk")
    assert {i.id for i in reopened.items()} == {e.guid for e in entries[:3]}
    assert reopened.read_ids() == {entries[0].guid}

    filler.unlink()
    new, _ = store.ingest(_parsed(entries))
    assert sorted(new) == sorted(e.guid for e in entries[3:])
    assert {i.id for i in open_store(data).items()} == {e.guid for e in entries}


async def test_a_desk_opened_on_a_full_disk_runs_says_what_it_could_not_save_and_saves_once_there_is_room(
    small_disk,
):
    from tui.ui.app import WireDesk

    data = small_disk / "data"
    open_store(data).ingest(_parsed(_entries(2)))
    filler = _fill(small_disk)
    store = open_store(data)
    store.claim_desk()  # the lock holds, though its pid could not be written
    assert store.read_only is None
    with pytest.raises(StoreError, match="another wiredesk"):
        open_store(data).claim_desk()
    app = WireDesk(store, [], poll=False, mark_read_delay=3600)
    async with app.run_test() as pilot:
        for _ in range(200):  # workers' writes fail here: wait_for_complete would raise them
            if len(app.desk.items) == 2 and app.desk_screen.wire.current is not None:
                break
            await pilot.pause(0.02)
        first = app.desk_screen.wire.current.id
        await pilot.press("m")
        assert first in app.desk.marks.read, "the mark shows at once"

        def refused() -> bool:
            return any(n.title == "Could not save" and NO_SPACE in n.message for n in app._notifications)

        for _ in range(200):  # the save fails in a worker (wait_for_complete would raise it here)
            if refused():
                break
            await pilot.pause(0.02)
        assert refused(), [(n.title, n.message) for n in app._notifications]
        assert first not in open_store(data).read_ids()
        filler.unlink()
        await pilot.press("m", "m")  # unread, read again: saved now there is room
        for _ in range(200):
            if first in open_store(data).read_ids():
                break
            await pilot.pause(0.02)
        assert app.is_running
    assert first in open_store(data).read_ids()
    _loads_whole(data, "full disk at start")


def test_poller_reports_a_full_disk_per_feed_and_recovers(small_disk, feed_server):
    data = small_disk / "data"
    entries = _entries(4)
    feed_server.set("/wire.xml", rss(entries[:3]))
    source = FeedSource(url=feed_server.url("/wire.xml"), interval=60.0)
    store = open_store(data)
    poller = Poller(store, [source])
    results: list[PollResult] = []

    async def scenario() -> None:
        async def next_result(count: int) -> PollResult:
            # Each poll after the first is asked for, like pressing r: the loop must still answer.
            for _ in range(500):
                if len(results) >= count:
                    return results[count - 1]
                await asyncio.sleep(0.01)
            raise AssertionError(f"poll {count} never came; results: {[r.line() for r in results]}")

        loop = asyncio.create_task(poller.run(results.append))
        try:
            first = await next_result(1)
            assert first.ok and len(first.new_ids) == 3, first.line()
            filler = _fill(small_disk)
            before = _files(data)
            feed_server.set("/wire.xml", rss(entries))
            for count in (2, 3):
                poller.poll_now()
                failed = await next_result(count)
                assert failed.error == f"could not save: {NO_SPACE}"
                assert failed.new_ids == [] and failed.items == []
                assert failed.next_poll - failed.checked_at <= 60 * (1 + JITTER) + 5, "a full disk backed off"
                assert not loop.done()
                assert _temp_files(data) == [] and _files(data) == before
            filler.unlink()
            poller.poll_now()
            recovered = await next_result(4)
            assert recovered.ok and recovered.new_ids == [entries[3].guid], recovered.line()
        finally:
            loop.cancel()

    asyncio.run(scenario())
    reopened = _loads_whole(data, "after the disk filled up")
    assert {i.id for i in reopened.items()} == {e.guid for e in entries}
    assert not feed_down(reopened.feed_meta(source.url))


# A read-only data directory


@pytest.fixture
def read_only_cache(tmp_path: Path) -> Iterator[tuple[Path, str, list[Entry]]]:
    """A cache with items and a read mark, made read-only: (its path, the system's reason, entries)."""
    data = tmp_path / "data"
    entries = _entries(4)
    store = open_store(data)
    store.ingest(_parsed(entries))
    store.set_read([entries[0].guid])
    with read_only(data) as (path, reason):
        yield path, reason, entries


def test_read_only_empty_data_dir_is_an_empty_cache(data_dir):
    with read_only(data_dir) as (path, _):
        status = _cli("status", data_dir=path)
        assert (status.returncode, status.stdout, status.stderr) == (0, "wire 0 unread\n", "")


def test_read_only_cache_still_answers_status_and_list(read_only_cache):
    data, _, entries = read_only_cache
    status = _cli("status", data_dir=data)
    assert (status.returncode, status.stdout, status.stderr) == (0, f"wire {len(entries) - 1} unread\n", "")
    listed = _cli("list", "--json", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    records = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert {r["id"]: r["read"] for r in records} == {e.guid: e is entries[0] for e in entries}


def test_read_only_cache_refuses_writes_in_one_line(read_only_cache, tmp_path):
    data, reason, entries = read_only_cache
    before = _files(data)
    marked = _cli("read", entries[1].guid, data_dir=data)
    assert marked.returncode == 2
    assert marked.stderr == f"wiredesk: {data}: cannot write the cache: {reason}\n"

    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss(_entries(6)))
    fetched = _cli("fetch", "--feed", str(feed), data_dir=data)
    assert (fetched.returncode, fetched.stdout) == (2, "")
    assert fetched.stderr == f"wiredesk: {data}: cannot write the cache: {reason}\n", "one line, before any fetch"
    assert _files(data) == before


def test_a_damaged_id_shard_of_a_read_only_cache_is_rebuilt_in_memory(tmp_path):
    data = tmp_path / "data"
    entries = _entries(40)
    open_store(data).ingest(_parsed(entries))
    shards = {p: orjson.loads(p.read_bytes())["ids"] for p in sorted((data / "ids").glob("*.json"))}
    shard = max(shards, key=lambda p: len(shards[p]))
    item_id = sorted(shards[shard])[0]
    entry = next(e for e in entries if e.guid == item_id)
    shard.write_bytes(b"xx\n")
    with read_only(data) as (path, _):
        before = _files(data)
        exported = _cli("export", item_id, data_dir=path)
        assert (exported.returncode, exported.stderr) == (0, "")
        assert entry.title in exported.stdout and f"Body of story {item_id.rsplit(':', 1)[1]}" in exported.stdout
        status = _cli("status", data_dir=path)
        assert (status.returncode, status.stdout, status.stderr) == (0, f"wire {len(entries)} unread\n", "")
        store = open_store(path)
        assert store.body(item_id) == entry.body and store.item(item_id).title == entry.title
        assert store.known(shards[shard]) == set(shards[shard])
        assert _files(data) == before, "a read-only cache was written"
    # Once writable, the first lookup saves the rebuilt shard and keeps the damaged one aside.
    assert open_store(data).known([item_id]) == {item_id}
    assert orjson.loads(shard.read_bytes()) == {"ids": shards[shard]}
    [aside] = shard.parent.glob(shard.name + ".corrupt-*")
    assert aside.read_bytes() == b"xx\n"


def test_desk_opens_a_read_only_cache_and_says_marks_are_not_saved(read_only_cache):
    data, reason, entries = read_only_cache
    before = _files(data)
    app = f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {data}"
    desk = Tmux(120, 30, f"cd {ROOT} && {app}; echo EXITED $?; sleep 30")
    try:
        desk.wait_for(lambda s: entries[1].title in s, timeout=20)
        desk.wait_for(lambda s: f"({reason})" in s, timeout=10)  # the read-only notice, up front
        desk.keys("j", "m")
        desk.wait_for(lambda s: f"marks: {reason}" in s, timeout=10)
        desk.keys("q")
        desk.wait_for(lambda s: "EXITED 0" in s, timeout=10)
    finally:
        desk.close()
    assert _files(data) == before
