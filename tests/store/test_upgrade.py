"""A cache written before ids were scoped to their feed (format 1: every file keyed by the bare
GUID) is upgraded by the first open that can write: once, keeping read marks, stars, alerts,
bodies and tombstones; a kill at any write of it loses nothing; a cache that cannot be written
is read in the new ids, in memory, and left as it was.

The old caches are written file by file by tests/helpers/ids.py's write_format1, as the old
store laid them out, not by today's code."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.helpers import ROOT
from tests.helpers.caches import cli, json_files, snapshot
from tests.helpers.disks import read_only
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, write_format1
from tests.helpers.kills import KILL_AT_RENAME
from tui.fetch.parse import parse_feed
from tui.store import Retention, Store, StoreError, open_store

NOW = float(int(time.time()))
DAY = 86400.0
ANP, AFP = "https://anp.test/feed.xml", "https://afp.test/feed.xml"
FEEDS = {
    ANP: [
        Entry("Evacuation widens", guid="1", date=NOW - 3600, body="<p>KYIV (ANP) - Buses left.</p>"),
        Entry("Markets steady", guid="2", date=NOW - DAY - 60, body="<p>Stocks were little changed.</p>"),
        Entry("Link only", link="https://anp.test/3", date=NOW - 7200, body="<p>No GUID at all.</p>"),
    ],
    AFP: [
        Entry("Talks resume", guid="urn:afp:1", date=NOW - 120, body="<p>PARIJS (AFP) - Delegations met.</p>"),
        Entry("Storm warning", guid="urn:afp:2", date=NOW - 3 * DAY, body="<p>LONDON (AFP) - Gales.</p>"),
    ],
}
GONE = Entry("Pruned before the upgrade", guid="urn:afp:gone", date=NOW - 40 * DAY, body="<p>Old.</p>")
READ, STARRED, ALERTS = ["1", "urn:afp:1", "urn:nowhere"], ["2"], {"urn:afp:1": "parijs"}


def _ids(guid: str) -> str:
    """The scoped id of the item the old cache had under `guid` (or link)."""
    [(url, entry)] = [(url, e) for url, entries in FEEDS.items() for e in entries if guid in (e.guid, e.link)]
    return entry_id(entry, url)


def _old_cache(data_dir: Path) -> Path:
    write_format1(data_dir, FEEDS, NOW, read=READ, starred=STARRED, alerts=ALERTS,
                  pruned={GONE.guid: ("2020-01-01", NOW - 10 * DAY)})
    return data_dir


def _state(store: Store) -> tuple:
    """Everything a reader sees of the cache."""
    items = {i.id: (i.title, i.feed_url, store.body(i.id)) for i in store.items()}
    return items, store.read_ids(), store.starred_ids(), store.alert_ids(), store.settings(), store.status()


EXPECTED = (
    {entry_id(e, url): (e.title, url, e.body) for url, entries in FEEDS.items() for e in entries},
    {_ids("1"), _ids("urn:afp:1"), "urn:nowhere"},  # a mark no item has keeps its key: nothing is dropped
    {_ids("2")},
    {_ids("urn:afp:1")},
    {"theme": "paper"},
    {"unread": 3, "alerts": 0, "down": 0},
)


def _gone_stays_gone(store: Store) -> bool:
    """The item pruned before the upgrade is not brought back by its feed."""
    new, _ = store.ingest(parse_feed(rss([GONE, *FEEDS[AFP]]), AFP, NOW + 60))
    return new == [] and entry_id(GONE, AFP) not in store.known([entry_id(GONE, AFP)])


def test_an_old_cache_is_upgraded_once_with_its_marks(data_dir):
    _old_cache(data_dir)
    store = open_store(data_dir)
    assert _state(store) == EXPECTED
    assert orjson.loads((data_dir / "format.json").read_bytes()) == {"format": {"cache": {"version": 2}}}
    rows = {k: r for p in (data_dir / "items").glob("*.json") for k, r in orjson.loads(p.read_bytes())["items"].items()}
    assert {r["guid"] for r in rows.values()} == {"1", "2", "https://anp.test/3", "urn:afp:1", "urn:afp:2"}
    assert all(r["id"] == k for k, r in rows.items())
    shards = [orjson.loads(p.read_bytes())["ids"] for p in sorted((data_dir / "ids").glob("*.json"))]
    assert {k for shard in shards for k in shard} == {*EXPECTED[0], "legacy:urn:afp:gone"}
    assert not list(data_dir.rglob(".*.tmp"))

    # Once: a second open finds the marker and rewrites nothing.
    before = snapshot(json_files(data_dir))
    time.sleep(0.01)
    assert _state(open_store(data_dir)) == EXPECTED
    assert snapshot(json_files(data_dir)) == before


def test_an_item_pruned_before_the_upgrade_stays_gone_until_its_tombstone_expires(data_dir):
    store = open_store(_old_cache(data_dir))
    assert _gone_stays_gone(store)
    assert store.item(entry_id(GONE, AFP)) is None
    # The carried tombstone expires like any other: long after, the feed brings the item back.
    later = NOW + 200 * DAY
    store.prune(Retention(days=30, unread_days=90), later)
    new, _ = store.ingest(parse_feed(rss([GONE]), AFP, later))
    assert new == [entry_id(GONE, AFP)]


def test_a_guid_two_feeds_shared_becomes_two_items(data_dir):
    # The old cache held one item for both feeds' <guid>1</guid>: the later feed's, read.
    shared = {ANP: [FEEDS[ANP][0]], AFP: [Entry("AFP's own story one", guid="1", date=NOW - 60, body="<p>AFP</p>")]}
    write_format1(data_dir, shared, NOW, read=["1"])
    store = open_store(data_dir)
    afp_one, anp_one = entry_id(shared[AFP][0], AFP), entry_id(shared[ANP][0], ANP)
    assert {i.id: i.title for i in store.items()} == {afp_one: "AFP's own story one"}
    assert store.read_ids() == {afp_one}
    # ANP's story is its own item from now on: new, and unread.
    new, _ = store.ingest(parse_feed(rss(shared[ANP]), ANP, NOW + 60))
    assert new == [anp_one]
    assert store.read_ids() == {afp_one}
    assert {i.id: i.title for i in open_store(data_dir).items()} == {afp_one: "AFP's own story one",
                                                                      anp_one: "Evacuation widens"}


def test_a_read_only_old_cache_is_read_in_the_new_ids_without_writing(tmp_path):
    data = _old_cache(tmp_path / "data")
    with read_only(data) as (view, reason):
        before = {p: p.read_bytes() for p in sorted(view.rglob("*")) if p.is_file()}
        store = open_store(view)
        assert _state(store) == EXPECTED
        assert reason in (store.read_only or "")
        assert [i.id for i in store.newest(2)] == [_ids("urn:afp:1"), _ids("1")]
        assert store.item(_ids("2")).title == "Markets steady"
        assert store.item("2") is None, "the bare GUID names no item"
        assert store.known([_ids("1"), "1"]) == {_ids("1")}
        assert store.search_bodies(["delegations"]) == {_ids("urn:afp:1")}
        with pytest.raises(StoreError, match=reason):
            store.set_read([_ids("2")])
        listed = cli("list", "--json", data_dir=view)
        assert listed.returncode == 0, listed.stderr
        assert {orjson.loads(line)["id"] for line in listed.stdout.splitlines()} == set(EXPECTED[0])
        assert {p: p.read_bytes() for p in sorted(view.rglob("*")) if p.is_file()} == before
    # Writable again: the next open upgrades it to the same ids.
    assert _state(open_store(data)) == EXPECTED


# A child process upgrades the cache, and is killed before its Nth atomic rename (0: never).
UPGRADE_CHILD = "from tui.store import open_store\n" + KILL_AT_RENAME + "open_store(sys.argv[1])\nprint(renames)\n"


def _upgrade_child(data_dir: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", UPGRADE_CHILD, str(data_dir), str(kill_at)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_a_kill_at_any_write_of_the_upgrade_loses_nothing(tmp_path):
    """SIGKILL before each atomic rename of the upgrade in turn (and once more during the upgrade
    that resumes it): every state left behind loads, and the next open finishes the upgrade with
    every item, body, mark, star, alert and tombstone."""
    template = _old_cache(tmp_path / "template")
    clean = tmp_path / "clean"
    shutil.copytree(template, clean)
    done = _upgrade_child(clean, 0)
    assert done.returncode == 0, done.stderr
    writes = int(done.stdout)
    assert writes >= 8  # bodies and items of three days, shards, state, format
    assert _state(open_store(clean)) == EXPECTED

    problems = []
    for kills in [(k,) for k in range(1, writes + 1)] + [(writes // 2, writes // 2)]:
        data = tmp_path / f"killed-at-{'-'.join(map(str, kills))}"
        shutil.copytree(template, data)
        for kill_at in kills:
            child = _upgrade_child(data, kill_at)
            assert child.returncode == -signal.SIGKILL, child.stderr
        for path in json_files(data):
            orjson.loads(path.read_bytes())
        store = open_store(data)
        if store.moved_aside or store.read_only:
            problems.append(f"killed at {kills}: moved aside {store.moved_aside}, read-only: {store.read_only}")
        if (state := _state(store)) != EXPECTED:
            problems.append(f"killed at {kills}: the upgraded cache differs: {state}")
        if list(data.rglob(".*.tmp")):
            problems.append(f"killed at {kills}: temp files left")
        if not _gone_stays_gone(store):
            problems.append(f"killed at {kills}: the pruned item came back")
    assert not problems, "\n".join(problems)
