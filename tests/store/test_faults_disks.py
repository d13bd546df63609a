"""Faults of the disk: a full disk and a read-only cache.

Nothing of wiredesk is mocked: the full disk is a real 256 KiB tmpfs and the read-only cache a real
read-only bind mount (both need root, which CI has; without it the full-disk tests skip and the
read-only ones use chmod)."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.helpers import ROOT
from tests.helpers.caches import URL, cli, fault_stories, feed_of, loads_whole, temp_files
from tests.helpers.disks import read_only
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, entry_ids
from tests.helpers.tmux import Tmux
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource, PollResult, feed_down
from tui.fetch.poller import JITTER, Poller
from tui.store import StoreError, open_store

NO_SPACE = os.strerror(errno.ENOSPC)


def _files(data_dir: Path) -> dict[Path, bytes]:
    """Every file of the cache with its bytes: what "nothing already stored is damaged" compares."""
    return {p: p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


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
    entries = fault_stories(5)
    store = open_store(data)
    store.ingest(feed_of(entries[:3]))
    ids = entry_ids(entries, URL)
    store.set_read([ids[0]])
    filler = _fill(small_disk)
    before = _files(data)

    for write in (
        lambda: store.ingest(feed_of(entries)),
        lambda: store.set_read([ids[1]]),
        lambda: store.save_feed_meta({"https://wire.test/feed.xml": {"title": "x" * 5000}}),
    ):
        with pytest.raises(StoreError) as failed:
            write()
        assert failed.value.errno == errno.ENOSPC
        assert str(failed.value) == f"{data}: cannot write the cache: {NO_SPACE}"
        assert temp_files(data) == [], "a failed write left its temp file"
        assert _files(data) == before

    reopened = loads_whole(data, "full disk")
    assert {i.id for i in reopened.items()} == set(ids[:3])
    assert reopened.read_ids() == {ids[0]}

    filler.unlink()
    new, _ = store.ingest(feed_of(entries))
    assert sorted(new) == sorted(ids[3:])
    assert {i.id for i in open_store(data).items()} == set(ids)


async def test_a_desk_opened_on_a_full_disk_runs_says_what_it_could_not_save_and_saves_once_there_is_room(
    small_disk,
):
    from tui.ui.app import WireDesk

    data = small_disk / "data"
    open_store(data).ingest(feed_of(fault_stories(2)))
    filler = _fill(small_disk)
    store = open_store(data)
    store.claim_desk()  # the lock holds, though its pid could not be written
    assert store.read_only is None
    with pytest.raises(StoreError, match="another wiredesk"):
        open_store(data).claim_desk()
    app = WireDesk(store, [], poll=False, mark_read_delay=3600)
    async with app.run_test() as pilot:
        # workers' writes fail here: wait_for_complete would raise them
        await until(lambda: len(app.desk.items) == 2 and app.desk_screen.wire.current is not None, 4,
                    "the cache on screen", pilot=pilot)
        first = app.desk_screen.wire.current.id
        await pilot.press("m")
        assert first in app.desk.marks.read, "the mark shows at once"

        def refused() -> bool:
            return any(n.title == "Could not save" and NO_SPACE in n.message for n in app._notifications)

        # the save fails in a worker (wait_for_complete would raise it here)
        await until(refused, 4, "the refused save noticed", pilot=pilot)
        assert first not in open_store(data).read_ids()
        filler.unlink()
        await pilot.press("m", "m")  # unread, read again: saved now there is room
        await until(lambda: first in open_store(data).read_ids(), 4, "the mark saved", pilot=pilot)
        assert app.is_running
    assert first in open_store(data).read_ids()
    loads_whole(data, "full disk at start")


def test_poller_reports_a_full_disk_per_feed_and_recovers(small_disk, feed_server):
    data = small_disk / "data"
    entries = fault_stories(4)
    feed_server.set("/wire.xml", rss(entries[:3]))
    source = FeedSource(url=feed_server.url("/wire.xml"), interval=60.0)
    store = open_store(data)
    poller = Poller(store, [source])
    results: list[PollResult] = []

    async def scenario() -> None:
        async def next_result(count: int) -> PollResult:
            # Each poll after the first is asked for, like pressing r: the loop must still answer.
            await until(lambda: len(results) >= count, 5, f"poll {count}")
            return results[count - 1]

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
                assert temp_files(data) == [] and _files(data) == before
            filler.unlink()
            poller.poll_now()
            recovered = await next_result(4)
            assert recovered.ok and recovered.new_ids == [entry_id(entries[3], source.url)], recovered.line()
        finally:
            loop.cancel()

    asyncio.run(scenario())
    reopened = loads_whole(data, "after the disk filled up")
    assert {i.id for i in reopened.items()} == set(entry_ids(entries, source.url))
    assert not feed_down(reopened.feed_meta(source.url))


# A read-only data directory


@pytest.fixture
def read_only_cache(tmp_path: Path) -> Iterator[tuple[Path, str, list[Entry]]]:
    """A cache with items and a read mark, made read-only: (its path, the system's reason, entries)."""
    data = tmp_path / "data"
    entries = fault_stories(4)
    store = open_store(data)
    store.ingest(feed_of(entries))
    store.set_read([entry_id(entries[0], URL)])
    with read_only(data) as (path, reason):
        yield path, reason, entries


def test_read_only_empty_data_dir_holds_no_cache(data_dir):
    with read_only(data_dir) as (path, _):
        status = cli("status", data_dir=path)
        assert (status.returncode, status.stdout) == (2, "")
        assert status.stderr.startswith(f"wiredesk: {path}: no wiredesk cache here") and status.stderr.count("\n") == 1


def test_read_only_cache_still_answers_status_and_list(read_only_cache):
    data, _, entries = read_only_cache
    status = cli("status", data_dir=data)
    assert (status.returncode, status.stdout, status.stderr) == (0, f"wire {len(entries) - 1} unread\n", "")
    listed = cli("list", "--json", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    records = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert {r["id"]: r["read"] for r in records} == {entry_id(e, URL): e is entries[0] for e in entries}


def test_read_only_cache_refuses_writes_in_one_line(read_only_cache, tmp_path):
    data, reason, entries = read_only_cache
    before = _files(data)
    marked = cli("read", entry_id(entries[1], URL), data_dir=data)
    assert marked.returncode == 2
    assert marked.stderr == f"wiredesk: {data}: cannot write the cache: {reason}\n"

    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss(fault_stories(6)))
    fetched = cli("fetch", "--feed", str(feed), data_dir=data)
    assert (fetched.returncode, fetched.stdout) == (2, "")
    assert fetched.stderr == f"wiredesk: {data}: cannot write the cache: {reason}\n", "one line, before any fetch"
    assert _files(data) == before


def test_a_damaged_id_shard_of_a_read_only_cache_is_rebuilt_in_memory(tmp_path):
    data = tmp_path / "data"
    entries = fault_stories(40)
    open_store(data).ingest(feed_of(entries))
    shards = {p: orjson.loads(p.read_bytes())["ids"] for p in sorted((data / "ids").glob("*.json"))}
    shard = max(shards, key=lambda p: len(shards[p]))
    item_id = sorted(shards[shard])[0]
    entry = next(e for e in entries if entry_id(e, URL) == item_id)
    shard.write_bytes(b"xx\n")
    with read_only(data) as (path, _):
        before = _files(data)
        exported = cli("export", item_id, data_dir=path)
        assert (exported.returncode, exported.stderr) == (0, "")
        assert entry.title in exported.stdout and f"Body of story {entry.guid.rsplit(':', 1)[1]}" in exported.stdout
        status = cli("status", data_dir=path)
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
