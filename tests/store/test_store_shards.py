"""The TinyDB backend's id shards on a real data directory: a damaged or lost shard is rebuilt from the
day files, and reading one id opens only its own shard."""

from __future__ import annotations

import subprocess
import sys
import time
import zlib
from pathlib import Path

import orjson
import pytest

from tests.helpers import ROOT
from tests.helpers.caches import URL, cli, feed_of, json_files, snapshot
from tests.helpers.ids import entry_id, entry_ids
from tests.helpers.stories import yesterdays_stories
from tui.store import open_store

# A damaged or lost id shard is rebuilt from the day files


SEED_FEED = ROOT / "seeds" / "wire-world.atom"


def _fetched_seed(data_dir: Path) -> subprocess.CompletedProcess:
    fetched = cli("fetch", "--feed", str(SEED_FEED), data_dir=data_dir)
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
    listed = [orjson.loads(line) for line in cli("list", "--json", data_dir=data).stdout.splitlines()]
    shard, table = _fullest_shard(data)
    item_id = sorted(table)[0]
    body = open_store(data).body(item_id)
    assert body
    if DAMAGE[damage] is None:
        shard.unlink()
    else:
        shard.write_bytes(DAMAGE[damage])

    exported = cli("export", item_id, data_dir=data)
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
    rebuilt = snapshot([shard])
    time.sleep(0.01)
    marked = cli("read", item_id, data_dir=data)
    assert (marked.returncode, marked.stdout, marked.stderr) == (0, "1 marked read\n", "")
    status = cli("status", data_dir=data)
    assert (status.returncode, status.stdout, status.stderr) == (0, f"wire {len(listed) - 1} unread\n", "")
    assert snapshot([shard]) == rebuilt
    assert sorted(shard.parent.glob(shard.name + ".corrupt-*")) == asides
    assert open_store(data).body(item_id) == body


def test_the_article_pane_rebuilds_a_damaged_shard_first(data_dir, now):
    """The desk's first lookup may be opening an article: body() alone repairs the shard."""
    entries = yesterdays_stories(now, 40)
    open_store(data_dir).ingest(feed_of(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.write_bytes(b"{")
    store = open_store(data_dir)
    bodies = {entry_id(e, URL): e.body for e in entries}
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
    store.ingest(feed_of(entries, now))
    shard, table = _fullest_shard(data_dir)
    shard.unlink()
    new, stored = open_store(data_dir).ingest(feed_of(entries, now + 60))
    assert new == [] and len(stored) == len(entries)
    assert orjson.loads(shard.read_bytes()) == {"ids": table}


def test_unused_shards_are_not_written(data_dir, now):
    """A small cache leaves some shards unused; looking into one finds nothing and writes nothing."""
    entries = yesterdays_stories(now, 3)
    open_store(data_dir).ingest(feed_of(entries, now))
    before = snapshot(json_files(data_dir))
    store = open_store(data_dir)
    assert store.status()["unread"] == 3  # reads all sixteen shards
    assert store.known(["urn:not-here", *entry_ids(entries, URL)]) == set(entry_ids(entries, URL))
    assert snapshot(json_files(data_dir)) == before


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
    format marker, the state file and the id's own shard, and never a day file."""
    entries = yesterdays_stories(now, 200)
    open_store(data_dir).ingest(feed_of(entries, now))
    assert len(list((data_dir / "ids").glob("*.json"))) == 16
    target = entry_id(entries[7], URL)
    child = subprocess.run([sys.executable, "-c", OPENS_CHILD, str(data_dir), "read", target],
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert child.returncode == 0, child.stderr
    shard = f"ids/{zlib.crc32(target.encode()) % 16:x}.json"
    assert child.stdout.startswith("1 marked read\n"), child.stdout
    [line] = [line for line in child.stdout.splitlines() if line.startswith("opened ")]
    # "." is the directory, opened to fsync the rename; temp files are the atomic writes.
    opened = {p for p in line.split()[1:] if p != "." and not p.endswith(".tmp")}
    assert opened == {".lock", "format.json", "state.json", shard}, opened  # format.json: the check at open
