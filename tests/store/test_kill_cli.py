"""SIGKILL of the real CLI at random moments: `wiredesk fetch` during ingest, `wiredesk read` during
read marking. After every kill the cache loads, and every write acknowledged before it is there.

Nothing is mocked: each round starts `python -m tui ...` on a real data directory and kills it with
a real SIGKILL. tests/test_faults.py does the same with a child that drives Store in a loop, which
puts many more writes in the line of fire; these drive the commands users run.

A command spends most of its life starting up (imports: about 0.3 s of a 0.35 s fetch) and writes
in its last few milliseconds, so kills at moments drawn from its whole life would nearly all land
before any write. Half the rounds are killed at a moment drawn from the whole life; the other half
wait for the command's first write (a temp file appearing changes the directory's mtime) and are
killed at a moment drawn from its writing. A round whose command ends before its kill moment is an
acknowledged write, as is any whose output said ok (even if the kill came after that line).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, ids_of
from tui.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
SEED = 11  # the kill moments are random, but drawn the same on every run
KILLS = 50
MAX_ROUNDS = 120  # kills land in most rounds; this only bounds a machine where they never do
HOUR = 3600.0


def _env() -> dict[str, str]:
    """The test's environment (XDG dirs under tmp, from conftest) with no data dir but --data-dir."""
    env = dict(os.environ)
    env.pop("WIREDESK_DATA_DIR", None)
    return env


def _command(*args: str, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)]


@dataclass
class Run:
    killed: bool
    stdout: str
    stderr: str
    life: float  # seconds from start to end
    writing: float | None  # seconds from its first write to its end, if it was seen writing


def _run(args: list[str], data_dir: Path, watch: list[Path], kill: tuple[str, float] | None) -> Run:
    """Run one command; `kill` is (moment, delay): SIGKILL it `delay` seconds after it starts
    ("start"), or after its first write changes one of the `watch` directories ("write")."""
    mtimes = lambda: [p.stat().st_mtime_ns for p in watch]  # noqa: E731
    before = mtimes()
    start = time.monotonic()
    child = subprocess.Popen(_command(*args, data_dir=data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=ROOT, env=_env())
    first_write = None
    try:
        moment, delay = kill or ("write", None)
        if moment == "start" and delay is not None:
            try:
                child.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
        else:
            while child.poll() is None and mtimes() == before:
                time.sleep(0.0003)
            first_write = time.monotonic()
            if delay is not None:
                deadline = first_write + delay
                while child.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.0003)
                if child.poll() is None:
                    child.send_signal(signal.SIGKILL)
        stdout, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    end = time.monotonic()
    wrote = first_write is not None and mtimes() != before
    return Run(child.returncode == -signal.SIGKILL, stdout.decode(), stderr.decode(), end - start,
               end - first_write if wrote else None)


def _kill_moment(rng: random.Random, round_: int, life: float, writing: float) -> tuple[str, float]:
    if round_ % 2:
        return "write", rng.uniform(0.0, 1.2 * writing)
    return "start", rng.uniform(0.0, 1.1 * life)


def _check_loads(data_dir: Path, where: str) -> Store:
    """Every cache file is whole JSON, the cache loads, and nothing had to be moved aside."""
    for path in data_dir.rglob("*.json"):
        if not path.name.startswith("."):
            assert isinstance(orjson.loads(path.read_bytes()), dict), f"{path} ({where})"
    store = open_store(data_dir)
    store.items(), store.read_ids(), store.status()
    assert store.moved_aside == [], where
    assert not [p for p in data_dir.rglob("*") if ".corrupt-" in p.name], where
    return store


class _Lister:
    """`wiredesk list --json` after a kill, run alongside the next round's command (a reader beside a
    writer, as a tmux status line or a second shell would be): it must exit 0 and list every item
    acknowledged before the kill, with every acknowledged mark read. Running it beside the next
    round rather than before it keeps each test within its time: a list costs 0.15 s, a round 0.2 s."""

    def __init__(self) -> None:
        self.pending: tuple[subprocess.Popen, set[str], set[str], str] | None = None

    def start(self, data_dir: Path, items: set[str], marks: set[str], where: str) -> None:
        self.finish()
        child = subprocess.Popen(_command("list", "--json", data_dir=data_dir), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, cwd=ROOT, env=_env())
        self.pending = (child, set(items), set(marks), where)

    def finish(self) -> None:
        if self.pending is None:
            return
        child, items, marks, where = self.pending
        self.pending = None
        stdout, stderr = child.communicate(timeout=60)
        assert (child.returncode, stderr) == (0, b""), f"list failed ({where}): {stderr.decode()}"
        listed = {r["id"]: r["read"] for r in map(orjson.loads, stdout.splitlines())}
        assert not items - listed.keys(), f"list lost acknowledged items ({where}): {sorted(items - listed.keys())}"
        assert all(listed[i] for i in marks), f"list shows an acknowledged mark unread ({where})"


def _feed(path: Path, round_: int, now: float) -> dict[str, str]:
    """Round `round_`'s feed: five new items over three days, and the last round's first one
    again (an upsert of a known item). Returns the new items' ids, each with its GUID."""
    guids = [f"urn:kill:{round_}:{k}" for k in range(5)]
    entries = [Entry(f"Round {round_} story {k}", guid=g, link=f"https://wire.test/{round_}/{k}",
                     date=now - round_ * 60 - k * 0.6 * 86400, body=f"<p>Body of {g}</p>")
               for k, g in enumerate(guids)]
    if round_:
        old = f"urn:kill:{round_ - 1}:0"
        entries.append(Entry(f"Round {round_ - 1} story 0", guid=old, link=f"https://wire.test/{round_ - 1}/0",
                             date=now - (round_ - 1) * 60, body=f"<p>Body of {old}</p>"))
    path.write_bytes(rss(entries))
    return {entry_id(e, str(path)): e.guid for e in entries[:5]}


def test_sigkill_of_wiredesk_fetch_loses_no_acknowledged_item(tmp_path):
    data, feeds = tmp_path / "data", tmp_path / "feeds"
    feeds.mkdir()
    now = time.time() - HOUR
    watch = [data, data / "ids", data / "items", data / "bodies"]

    # Round 0 is not killed: it makes the cache, and its timing sets the kill moments' range.
    # One feed, rewritten each round: the item it repeats is the same item (ids are scoped to the feed).
    feed = feeds / "wire.xml"
    guids = _feed(feed, 0, now)
    _run(["fetch", "--feed", str(feed)], data, [tmp_path], None)  # creates the directories
    acknowledged = set(guids)
    guids = _feed(feed, 1, now)
    calibration = _run(["fetch", "--feed", str(feed)], data, watch, None)
    assert not calibration.killed and ": ok, 5 new" in calibration.stdout, calibration.stdout + calibration.stderr
    acknowledged |= set(guids)
    life, writing = calibration.life, calibration.writing
    assert writing is not None

    rng = random.Random(SEED)
    lister = _Lister()
    kills = after_first_write = torn = 0
    for round_ in range(2, MAX_ROUNDS):
        if kills == KILLS:
            break
        guids = _feed(feed, round_, now)
        moment = _kill_moment(rng, round_, life, writing)
        run = _run(["fetch", "--feed", str(feed)], data, watch, moment)
        lister.finish()  # the last round's list, which ran beside this command
        where = f"round {round_}, kill {kills + run.killed}/{KILLS}, {moment[0]} + {moment[1]:.3f} s, seed {SEED}"
        # Five new, or six when the last round was killed before it stored the item repeated here.
        if re.search(rf"^{re.escape(str(feed))}: ok, [56] new \(6 items\)$", run.stdout, re.M):
            acknowledged |= set(guids)
        else:
            assert run.killed, f"an unkilled fetch failed ({where}): {run.stdout} {run.stderr}"
        if run.killed:
            kills += 1
            after_first_write += run.writing is not None

        store = _check_loads(data, where)
        stored = {i.id for i in store.items()}
        assert not acknowledged - stored, f"acknowledged items lost ({where}): {sorted(acknowledged - stored)}"
        assert store.known(acknowledged) == acknowledged, f"acknowledged items unreachable by id ({where})"
        assert all(f"Body of {g}" in store.body(i) for i, g in guids.items() if i in acknowledged), \
            f"a body was lost ({where})"
        if run.killed and (set(guids) & stored or list(data.rglob(".*.tmp"))):
            torn += 1  # killed after it had stored something
        lister.start(data, acknowledged, set(), where)
    lister.finish()

    assert kills == KILLS, f"only {kills} of {KILLS} kills in {MAX_ROUNDS} rounds"
    assert after_first_write >= KILLS // 3, f"only {after_first_write} kills came after the first write"
    assert len(acknowledged) > 10
    print(f"\nfetch: {round_} rounds, {kills} kills ({after_first_write} after the first write, "
          f"{torn} after storing something), {len(acknowledged)} items acknowledged; "
          f"life {life:.3f} s, writing {writing:.3f} s")
    # The next writer sweeps the temp files the kills left.
    open_store(data).check_writable()
    assert list(data.rglob(".*.tmp")) == []


def test_sigkill_of_wiredesk_read_loses_no_acknowledged_mark(tmp_path):
    data = tmp_path / "data"
    feed = tmp_path / "wire.xml"
    now = time.time() - HOUR
    guids = [f"urn:mark:{k:03d}" for k in range(150)]
    feed.write_bytes(rss([Entry(f"Mark {k}", guid=g, link=f"https://wire.test/m/{k}", date=now - k * 600,
                                body=f"<p>Body of {g}</p>") for k, g in enumerate(guids)]))
    fetched = _run(["fetch", "--feed", str(feed)], data, [tmp_path], None)
    assert ": ok, 150 new" in fetched.stdout, fetched.stdout + fetched.stderr
    guids = ids_of(str(feed), *guids)  # from here on, the items' ids
    watch = [data]  # state.json's temp file appears here, then replaces state.json

    calibration = _run(["read", guids[0]], data, watch, None)
    assert (calibration.killed, calibration.stdout) == (False, "1 marked read\n"), calibration.stderr
    acknowledged = {guids[0]}
    life, writing = calibration.life, calibration.writing
    assert writing is not None

    rng = random.Random(SEED)
    lister = _Lister()
    kills = after_first_write = torn = 0
    for round_, item_id in enumerate(guids[1:], start=1):
        if kills == KILLS:
            break
        moment = _kill_moment(rng, round_, life, writing)
        run = _run(["read", item_id], data, watch, moment)
        lister.finish()
        where = f"round {round_}, kill {kills + run.killed}/{KILLS}, {moment[0]} + {moment[1]:.3f} s, seed {SEED}"
        if run.stdout == "1 marked read\n":
            acknowledged.add(item_id)
        else:
            assert run.killed, f"an unkilled read failed ({where}): {run.stdout} {run.stderr}"
        if run.killed:
            kills += 1
            after_first_write += run.writing is not None

        store = _check_loads(data, where)
        read = store.read_ids()
        assert not acknowledged - read, f"acknowledged marks lost ({where}): {sorted(acknowledged - read)}"
        assert read <= set(guids[: round_ + 1]), f"marks appeared that nobody made ({where})"
        if run.killed and (item_id in read or list(data.rglob(".*.tmp"))):
            torn += 1
        assert {i.id for i in store.items()} == set(guids), f"items lost ({where})"
        lister.start(data, set(guids), acknowledged, where)
    lister.finish()

    assert kills == KILLS, f"only {kills} of {KILLS} kills in {len(guids) - 1} rounds"
    assert after_first_write >= KILLS // 3, f"only {after_first_write} kills came after the first write"
    assert len(acknowledged) > 5
    print(f"\nread: {round_} rounds, {kills} kills ({after_first_write} after the first write, "
          f"{torn} after storing the mark), {len(acknowledged)} marks acknowledged; "
          f"life {life:.3f} s, writing {writing:.3f} s")
    open_store(data).check_writable()
    assert list(data.rglob(".*.tmp")) == []
