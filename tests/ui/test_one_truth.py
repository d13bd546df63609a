"""One truth: marks and feeds changed outside a running desk show in it, without a restart.

`wiredesk read ID` from a shell, a star set by another process, a feed added with `wiredesk feeds add`
and picked up with `r`: each runs as a real process on the desk's own cache or config, while the desk
runs under Pilot.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from textual.widgets import Markdown

from tests.helpers import ROOT
from tests.helpers.cli import config_file, wiredesk
from tests.helpers.desk import make_desk, settle
from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.live import live_desk
from tests.helpers.waiting import until
from tui import cli
from tui.config import load
from tui.core.items import Item
from tui.options import parse_args
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_rows import READ_MARK, STAR_MARK, UNREAD_MARK

SEEN_WITHIN = 5.0  # seconds: "within a few seconds" (the desk checks each second)
_STAR = "import sys; from tui.store import open_store; open_store(sys.argv[1]).set_starred(sys.argv[2], True)"


async def _run(*args: str, stdin: bytes | None = None) -> str:
    """A real process (`python -m tui ...`, or `python -c`), awaited so the desk keeps running meanwhile."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.PIPE if stdin is not None else None)
    out, err = await asyncio.wait_for(proc.communicate(stdin), timeout=30)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def _cli(data_dir: Path, *args: str):
    return _run("-m", "tui", *args, "--data-dir", str(data_dir))


def _status(app: WireDesk) -> str:
    return str(app.query_one(StatusBar).render())


def _row(app: WireDesk, item_id: str) -> str:
    """The list row of an item, as drawn (the list is scrolled to the top)."""
    wire = app.desk_screen.wire
    index = next(n for n, row in enumerate(wire.rows) if isinstance(row, Item) and row.id == item_id)
    return wire.render_line(index).text


def _other_unread(app: WireDesk) -> str:
    """An unread item on screen that is not under the cursor."""
    wire = app.desk_screen.wire
    return next(row.id for row in wire.rows[: wire.size.height]
                if isinstance(row, Item) and row is not wire.current and row.id not in app.desk.marks.read)


async def test_a_mark_from_the_command_line_shows_in_the_running_desk_and_the_reader_stays(data_dir):
    app = make_desk(data_dir)
    async with live_desk(app, (110, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # the reader is on an item, the article open
        await settle(app, pilot)
        wire, body = app.desk_screen.wire, app.desk_screen.article.query_one("#article-body", Markdown)
        reading, place, text = wire.current, wire.cursor, body.source
        assert text
        target = _other_unread(app)
        unread = app.desk.unread
        assert f"{unread} unread" in _status(app) and _row(app, target).startswith(UNREAD_MARK)

        await _cli(data_dir, "read", target)
        await until(lambda: target in app.desk.marks.read, SEEN_WITHIN, "the CLI's mark in the desk", pilot=pilot)
        await pilot.pause()
        assert app.desk.unread == unread - 1
        assert f"{unread - 1} unread" in _status(app)
        assert _row(app, target).startswith(READ_MARK)
        assert (wire.current, wire.cursor) == (reading, place), "a mark from outside never moves the reader"
        assert body.source == text, "nor resets the article"

        await _cli(data_dir, "unread", target)
        await until(lambda: target not in app.desk.marks.read, SEEN_WITHIN, "the CLI's unread", pilot=pilot)
        await pilot.pause()
        assert f"{unread} unread" in _status(app) and _row(app, target).startswith(UNREAD_MARK)

        # Another process on the same cache stars an item.
        await _run("-c", _STAR, str(data_dir), target)
        await until(lambda: target in app.desk.marks.starred, SEEN_WITHIN, "the star in the desk", pilot=pilot)
        await pilot.pause()
        assert _row(app, target).startswith(STAR_MARK)
        assert wire.current is reading


async def test_group_counts_follow_marks_from_outside(data_dir):
    app = make_desk(data_dir)
    async with live_desk(app, (110, 40)) as pilot:
        await settle(app, pilot)
        target = _other_unread(app)
        header = app.desk.headers[next(h for h, head in app.desk.headers.items()
                                       if target in app.desk.group_members(h, app.clock()))]
        before = header.unread
        await _cli(data_dir, "read", target)
        await until(lambda: header.unread == before - 1, SEEN_WITHIN, "the group's count", pilot=pilot)


# The race: the desk's own mark, not saved yet, when an outside change lands.

_HOLD_THE_LOCK = """
import fcntl, sys, orjson
from pathlib import Path
from tui.store.files import atomic_write
root, item_id = Path(sys.argv[1]), sys.argv[2]
with open(root / ".lock", "a") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)  # a writer at work: the desk's save waits for it
    print("locked", flush=True)
    sys.stdin.readline()
    tables = orjson.loads((root / "state.json").read_bytes()) if (root / "state.json").exists() else {}
    tables.setdefault("read", {})[item_id] = {"at": 0}
    atomic_write(root / "state.json", orjson.dumps(tables))
    print("written", flush=True)
    sys.stdin.readline()
"""


async def test_the_desks_unsaved_mark_survives_an_outside_change_that_lands_first(data_dir):
    app = make_desk(data_dir)
    async with live_desk(app, (110, 40)) as pilot:
        await settle(app, pilot)
        mine = app.desk_screen.wire.current.id
        theirs = _other_unread(app)
        unread = app.desk.unread
        writer = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _HOLD_THE_LOCK, str(data_dir), theirs, cwd=ROOT,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        try:
            assert await asyncio.wait_for(writer.stdout.readline(), 20) == b"locked\n"
            await pilot.press("m")  # the desk marks its item; the save waits on the other writer's lock
            assert mine in app.desk.marks.read
            reads = app.marks_watch.reads
            writer.stdin.write(b"go\n")  # the other writer's mark lands on disk before the desk's
            assert await asyncio.wait_for(writer.stdout.readline(), 20) == b"written\n"
            await until(lambda: app.marks_watch.reads > reads and not app.marks_watch.reading, SEEN_WITHIN,
                        "the desk reading the marks back", pilot=pilot)
            assert theirs in app.desk.marks.read, "the outside mark shows"
            assert mine in app.desk.marks.read, "the desk's own mark, not on disk yet, stands"
            assert mine not in open_store(data_dir).read_ids()
        finally:
            writer.stdin.write(b"done\n")
            await writer.wait()
        store = open_store(data_dir)
        await until(lambda: {mine, theirs} <= store.read_ids(), SEEN_WITHIN, "the desk's save", pilot=pilot)
        await pilot.pause(2.5)  # the desk reads its own write back
        assert {mine, theirs} <= app.desk.marks.read and app.desk.unread == unread - 2
        await _cli(data_dir, "unread", mine)  # once saved, the desk's own mark gives way to later changes
        await until(lambda: mine not in app.desk.marks.read, SEEN_WITHIN, "the CLI's unread", pilot=pilot)


async def test_an_idle_desk_reads_no_marks_and_its_own_write_costs_one_read(data_dir):
    app = make_desk(data_dir)
    async with live_desk(app, (110, 40)) as pilot:
        await settle(app, pilot)
        await pilot.pause(1.5)  # the desk's start-up writes (the theme it opened on) are read back once
        reads = app.marks_watch.reads
        assert reads <= 1
        await pilot.pause(3.5)  # three ticks and more, nothing changing
        assert app.marks_watch.reads == reads, "nothing changed: a stat each second, no read"

        await pilot.press("m")
        marked = app.desk_screen.wire.current.id
        await until(lambda: app.marks_watch.reads == reads + 1 and not app.marks_watch.reading, SEEN_WITHIN,
                    "the desk's own write read back once", pilot=pilot)
        assert marked in app.desk.marks.read
        await pilot.pause(2.5)
        assert app.marks_watch.reads == reads + 1, "idle again: no further reads"


# Feeds: `wiredesk feeds add` / `remove` on the desk's config, then `r`.

def _from(app: WireDesk, name: str) -> set[str]:
    """The ids of the desk's items from the feed `name` (its titles say which)."""
    return {item.id for item in app.desk.items.values() if item.title.startswith(name)}


def _entries(name: str) -> list[Entry]:
    now = time.time()
    return [Entry(f"{name} story {k}", guid=f"urn:{name}:{k}", date=now - 60 * (k + 1),
                  body=f"<p>KYIV (ANP) - {name} {k}.</p>") for k in range(2)]


async def test_r_polls_a_feed_added_from_the_command_line_and_stops_a_removed_one(tmp_path, feed_server: FeedServer):
    feed_server.set("/a.xml", rss(_entries("alpha")))
    feed_server.set("/b.xml", rss(_entries("beta")))
    a, b = feed_server.url("/a.xml"), feed_server.url("/b.xml")
    config = config_file(tmp_path, f'mark_read_delay = 600\ninterval = 600\n[[feeds]]\nurl = "{a}"\n')
    data = tmp_path / "data"
    store = open_store(data)
    app = cli._desk(parse_args(["--config", config, "--data-dir", str(data)]), load(config), store)
    async with live_desk(app, (110, 40)) as pilot:
        await until(lambda: _from(app, "alpha"), SEEN_WITHIN, "the first feed's items", pilot=pilot)

        wiredesk(config, "feeds", "add", b)
        await pilot.press("r")
        await until(lambda: _from(app, "beta"), SEEN_WITHIN, "the added feed's items", pilot=pilot)
        assert app.desk.feeds == [a, b] and set(app.desk.health.feeds) == {a, b}
        assert not _from(app, "beta") & app.desk.marks.arrived.keys(), "an added feed's backlog is no news"

        wiredesk(config, "feeds", "remove", a)
        await pilot.press("r")
        await until(lambda: app.desk.feeds == [b], SEEN_WITHIN, "the feed list re-read", pilot=pilot)
        polled_a, polled_b = len(feed_server.requests_for("/a.xml")), len(feed_server.requests_for("/b.xml"))
        await pilot.press("r")
        await until(lambda: len(feed_server.requests_for("/b.xml")) > polled_b, SEEN_WITHIN, "b polled", pilot=pilot)
        await pilot.pause(1.0)
        assert len(feed_server.requests_for("/a.xml")) == polled_a, "a removed feed is polled no more"
        assert set(app.desk.health.feeds) == {b}
        assert len(_from(app, "alpha")) == 2, "its items stay"


async def test_r_on_a_broken_config_says_so_and_keeps_polling_the_feeds_it_has(tmp_path, feed_server: FeedServer):
    feed_server.set("/a.xml", rss(_entries("alpha")))
    a = feed_server.url("/a.xml")
    config = config_file(tmp_path, f'interval = 600\n[[feeds]]\nurl = "{a}"\n')
    app = cli._desk(parse_args(["--config", config, "--data-dir", str(tmp_path / "data")]), load(config),
                    open_store(tmp_path / "data"))
    async with live_desk(app, (110, 40)) as pilot:
        await until(lambda: _from(app, "alpha"), SEEN_WITHIN, "the feed's items", pilot=pilot)
        Path(config).write_text("interval = \n")
        polled = len(feed_server.requests_for("/a.xml"))
        await pilot.press("r")
        await until(lambda: len(feed_server.requests_for("/a.xml")) > polled, SEEN_WITHIN, "a polled", pilot=pilot)
        assert app.desk.feeds == [a]
        assert any("config.toml:1" in str(n.message) for n in app._notifications), "the problem, with its line"
