"""Faults: SIGKILL at random moments, temp files left by killed writers, valid JSON of the wrong shape.
A full disk and a read-only cache: test_faults_disks.py.

Nothing of wiredesk is mocked: kills are real SIGKILLs of real child processes."""

from __future__ import annotations

import random
import re
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest

from tests.helpers import ROOT
from tests.helpers.caches import URL, cli, fault_stories, feed_of, loads_whole, temp_files
from tests.helpers.ids import entry_id, entry_ids
from tui.core.items import Item, ParsedFeed
from tui.store import open_store

SEED = 5  # the kill moments are random, but the same on every run


KILLS = 50


CORRUPT = re.compile(r".+\.json\.corrupt-\d{8}T\d{6}")


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
        store = loads_whole(data_dir, where)
        stored = {i.id for i in store.items()}
        assert not acknowledged - stored, f"acknowledged items lost ({where}): {sorted(acknowledged - stored)}"
        assert all(store.body(i) == f"<p>{i}</p>" for i in fresh), f"a body was lost ({where})"
    assert len(acknowledged) > 3 * KILLS, "the kills came too early to test anything"
    # The next writer sweeps whatever temp files the kills left.
    open_store(data_dir).check_writable()
    assert temp_files(data_dir) == []


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
        read = loads_whole(data_dir, where).read_ids()
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
    entries = fault_stories(3)
    open_store(data_dir).ingest(feed_of(entries))
    ours, others = _orphans(data_dir)
    reader = open_store(data_dir)
    assert len(reader.items()) == 3 and reader.status()["unread"] == 3
    assert all(p.exists() for p in ours + others), "a reader must not sweep: it holds no write lock"
    reader.set_read([entry_id(entries[0], URL)])
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in others)
    assert open_store(data_dir).read_ids() == {entry_id(entries[0], URL)}


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
    open_store(data_dir).ingest(feed_of(fault_stories(2)))
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
    entries = fault_stories(3)
    store = open_store(data_dir)
    store.ingest(feed_of(entries))
    ids = entry_ids(entries, URL)
    store.set_read([ids[1]])
    store.save_feed_meta({"https://wire.test/feed.xml": {"title": "Test wire"}})
    target = _one(data_dir, table)
    good_ids = set(orjson.loads(target.read_bytes()).get("ids", {}))
    target.write_bytes(content)

    # Between them these read every kind of file; the one that meets the bad file moves it aside.
    runs = [cli(*args, data_dir=data_dir) for args in (["status"], ["list", "--json"], ["export", ids[2]])]
    assert not any("Traceback" in r.stderr for r in runs), [r.stderr for r in runs]
    # Only a lost day file loses the exported item's row: the rest is kept.
    assert [r.returncode for r in runs] == [0, 0, 1 if table == "items" else 0], [r.stderr for r in runs]
    [aside] = [p for p in target.parent.iterdir() if p.name.startswith(target.name + ".corrupt-")]
    assert CORRUPT.fullmatch(aside.name) and aside.read_bytes() == content
    if table == "ids":
        # An id shard is rebuilt from the day files at once, so every item stays reachable by id.
        assert set(orjson.loads(target.read_bytes())["ids"]) == {i for i in ids if i in good_ids}
    else:
        assert not target.exists()
    assert [r.stderr for r in runs if "moved aside" in r.stderr] == [
        f"wiredesk: a damaged cache file was moved aside as {aside}\n"]

    # The desk starts on what is left, and the next poll brings back what the feed still carries.
    reopened = open_store(data_dir)
    reopened.items(), reopened.read_ids(), reopened.status(), reopened.feeds_meta()
    assert reopened.moved_aside == []
    reopened.ingest(feed_of(entries))
    reopened.set_read([ids[0]])
    after = open_store(data_dir)
    assert {i.id for i in after.items()} == set(ids)
    assert {i: after.body(i) for i in ids} == {entry_id(e, URL): e.body for e in entries}
    assert ids[0] in after.read_ids()
    assert after.moved_aside == []


LARGE_DAMAGE = {  # past ORJSON_MAX, where the standard parser reads the file
    "torn": lambda good: good[: len(good) // 2],
    "nested brackets": lambda good: b"[" * len(good),
}


@pytest.mark.parametrize("case", LARGE_DAMAGE)
def test_a_large_damaged_file_is_moved_aside_like_a_small_one(data_dir, case):
    from tui.store.files import ORJSON_MAX

    entries = fault_stories(3)
    store = open_store(data_dir)
    store.ingest(feed_of(entries))
    target = _one(data_dir, "items")
    good = orjson.loads(target.read_bytes())
    row = next(iter(good["items"].values()))
    # One row, padded past the threshold with a field nothing reads.
    big = orjson.dumps({"items": {row["id"]: {**row, "padding": "x" * 3 * ORJSON_MAX}}})
    damaged = LARGE_DAMAGE[case](big)
    assert len(damaged) > ORJSON_MAX
    target.write_bytes(damaged)
    reopened = open_store(data_dir)
    assert row["id"] not in {i.id for i in reopened.items()}
    assert [p.name.startswith(target.name + ".corrupt-") for p in reopened.moved_aside] == [True]
    target.write_bytes(big)
    assert row["id"] in {i.id for i in open_store(data_dir).items()}, "a large sound file reads as before"
