"""Desk features that worked but had no test: r, o, y, the language, the cache before the network,
the fading "new" band, relative times that tick row by row, and undo after "Mark all read".

Everything runs through Textual's Pilot against real stores and loopback feed servers; the only
subclass (for `o`) overrides Textual's own App.open_url, never wiredesk code.
"""

from __future__ import annotations

import contextlib
import inspect
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.desk import NOW, make_desk, seeded_store, settle
from tests.helpers.feeds import Entry, rss
from tests.helpers.live import live_desk
from tui import config as configuration
from tui.core.feeds import FeedSource
from tui.core.i18n import language
from tui.core.items import Item
from tui.core.marks import NEW_FADE
from tui.core.timefmt import ago_short
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import NEW_MARK, NEW_STYLES, UNREAD_MARK, WireList


async def pilot_until(pilot, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> float:
    """Wait (letting the app run) until `predicate` holds; returns the seconds it took."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what} not reached within {timeout} s")
        await pilot.pause(0.02)
    return time.monotonic() - start


def story(guid: str, title: str, age: float, place: str = "KYIV") -> Entry:
    return Entry(title, guid=guid, link=f"https://wire.test/{guid}", date=time.time() - age,
                 body=f"<p>{place} (ANP) - {title}.</p>")


def status_text(app) -> str:
    return str(app.query_one("#status").render())


def item_rows(app) -> list[Item]:
    return [r for r in app.query_one(WireList).rows if isinstance(r, Item)]


# r: poll now


async def test_r_polls_every_feed_at_once(feed_server, data_dir):
    feed_server.set("/wire.xml", rss([story("urn:old", "Old story", 600)]))
    source = FeedSource(url=feed_server.url("/wire.xml"), interval=3600)  # an hour: nothing polls by itself
    app = WireDesk(open_store(data_dir), [source], poll=True, mark_read_delay=60)
    async with live_desk(app) as pilot:
        await pilot_until(pilot, lambda: "urn:old" in app.desk.items and app.desk.polled_once, what="the first poll")
        feed_server.set("/wire.xml", rss([story("urn:fresh", "Fresh story", 1), story("urn:old", "Old story", 600)]))
        await pilot.pause(0.6)
        assert "urn:fresh" not in app.desk.items
        assert len(feed_server.requests_for("/wire.xml")) == 1
        await pilot.press("r")
        took = await pilot_until(pilot, lambda: "urn:fresh" in app.desk.items, timeout=3, what="the item polled by r")
        assert took < 2.0
        assert len(feed_server.requests_for("/wire.xml")) == 2
        assert "urn:fresh" in [r.id for r in item_rows(app)], "the new item is in the list"
        assert "Polling now…" in [n.message for n in app._notifications]
        # r again: a second poll, not a stuck one-shot.
        await pilot.press("r")
        await pilot_until(pilot, lambda: len(feed_server.requests_for("/wire.xml")) == 3, timeout=3,
                          what="a second poll from r")


async def test_r_with_polling_off_says_so(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        assert [n.message for n in app._notifications][-1] == "Polling is off (--no-poll)"


# o and y: open and copy the link


class BrowserDesk(WireDesk):
    """A desk whose browser is a list: Textual's App.open_url, overridden to record instead of launch."""

    # Textual resolves CSS_PATH beside the class's own module: point it back at the app's.
    CSS_PATH = str(Path(inspect.getfile(WireDesk)).parent / WireDesk.CSS_PATH)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[tuple[str, bool]] = []

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append((url, new_tab))


async def test_o_opens_the_current_items_link(data_dir):
    app = BrowserDesk(seeded_store(data_dir), [], poll=False, mark_read_delay=60, clock=lambda: NOW)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        first = wire.current
        await pilot.press("o")
        await pilot.press("j", "j", "o")
        third = wire.current
        assert third.id != first.id and first.link and third.link
        assert app.opened == [(first.link, True), (third.link, True)]


async def test_o_without_a_browser_says_so_and_the_desk_goes_on(data_dir, monkeypatch, tmp_path):
    import webbrowser

    # The desk's own opener, for real: the only browser named does not exist.
    monkeypatch.setenv("BROWSER", str(tmp_path / "no-such-browser"))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read BROWSER afresh, as a new process would
    monkeypatch.setattr(webbrowser, "_browsers", {})
    app = make_desk(data_dir)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        link = app.query_one(WireList).current.link
        await pilot.press("o")
        await pilot_until(pilot, lambda: any(link in n.message for n in app._notifications), what="the notice")
        [notice] = [n for n in app._notifications if link in n.message]
        assert notice.message.startswith("No browser could open") and notice.message.endswith("(y copies it)")
        await pilot.press("j")
        assert app.is_running


async def test_y_copies_the_link_to_the_clipboard(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        assert app.clipboard == ""
        await pilot.press("y")
        assert wire.current.link.startswith("http")
        assert app.clipboard == wire.current.link
        assert "Link copied" in [n.message for n in app._notifications]
        await pilot.press("j", "y")
        assert app.clipboard == wire.current.link


def test_y_sends_osc52_that_reaches_the_tmux_clipboard(tmp_path):
    """The real desk in tmux with set-clipboard on: the OSC 52 sequence lands in tmux's paste buffer."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (.ci/run installs it)")
    store = seeded_store(tmp_path / "data")
    newest = max(store.items(), key=lambda i: i.published)
    tmux = ["tmux", "-L", f"wiredesk-y-{uuid.uuid4().hex[:8]}"]
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n')  # the demo wire starts in Dutch otherwise
    desk = (f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {tmp_path / 'data'} "
            f"--config {config}")
    subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "desk", "-x", "120", "-y", "40",
                    f"{desk}; sleep 30"], check=True, timeout=10)
    try:
        subprocess.run([*tmux, "set-option", "-g", "set-clipboard", "on"], check=True, timeout=10)
        screen = ""
        deadline = time.monotonic() + 20
        while "polling off" not in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "desk"], capture_output=True, text=True).stdout
        assert "polling off" in screen, screen
        subprocess.run([*tmux, "send-keys", "-t", "desk", "y"], check=True, timeout=10)
        buffer = ""
        deadline = time.monotonic() + 5
        while not buffer and time.monotonic() < deadline:
            time.sleep(0.1)
            buffer = subprocess.run([*tmux, "show-buffer"], capture_output=True, text=True).stdout
        assert buffer == newest.link
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=10)


# The language: config key, else the locale


LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, None, "nl"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "nl_BE.UTF-8"}, None, "nl"),
        ({"LANG": "en_US.UTF-8"}, "nl", "nl"),
        ({"LANG": "nl_NL.UTF-8"}, "en", "en"),
        ({"LANG": "nl_NL.UTF-8", "LC_ALL": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, None, "nl"),
        ({"LANG": "C.UTF-8"}, None, "en"),
    ],
    ids=["nl-locale", "en-locale", "nl-BE-locale", "config-nl-beats-en-locale", "config-en-beats-nl-locale",
         "LC_ALL-first", "LC_MESSAGES-before-LANG", "C-locale"],
)
async def test_language_from_the_config_else_the_locale_shows_in_the_status_bar(
    tmp_path, monkeypatch, env, configured, expected
):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    path = tmp_path / "config.toml"
    path.write_text(f'language = "{configured}"\n' if configured else "interval = 60\n")
    config = configuration.load(str(path))
    lang = language(config.language, demo=False)
    assert lang == expected
    app = make_desk(tmp_path / "data", lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        status = status_text(app)
        if expected == "nl":
            assert "ongelezen" in status and "ophalen uit" in status and "unread" not in status
        else:
            assert "unread" in status and "polling off" in status and "ongelezen" not in status


def test_the_demo_wire_starts_in_dutch_whatever_the_locale_unless_the_config_says(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")
    assert language(None, demo=True) == "nl"
    assert language(None, demo=False) == "en"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert language(None, demo=True) == "nl", "the bundled ANP wire starts in Dutch"
    assert language(None, demo=False) == "en", "real feeds follow the locale"
    assert language("en", demo=True) == "en", "the config has the last word"


@pytest.mark.parametrize("c_locale", ["C", "C.UTF-8", "POSIX"])
def test_LC_ALL_C_overrides_a_dutch_LANG(monkeypatch, c_locale):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.setenv("LC_ALL", c_locale)
    assert language(None, demo=False) == "en"


# The cache is on screen before the network answers


@contextlib.contextmanager
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/wire.xml"
    finally:
        listener.close()


@pytest.mark.parametrize("server", ["delayed", "silent"])
async def test_the_cache_shows_within_a_second_while_the_fetch_hangs(data_dir, feed_server, server):
    seeded_store(data_dir)
    cached = {i.id for i in open_store(data_dir).items()}
    feed_server.set("/wire.xml", rss([story("urn:late", "Late story", 1)]), delay=30)
    with silent_port() as silent_url:
        url = feed_server.url("/wire.xml") if server == "delayed" else silent_url
        app = WireDesk(open_store(data_dir), [FeedSource(url=url, interval=60)], poll=True, mark_read_delay=60,
                       clock=lambda: NOW)
        started = time.monotonic()  # from before the app starts: its start-up counts too
        async with live_desk(app, (100, 30)) as pilot:
            wire = app.query_one(WireList)
            await pilot_until(pilot, lambda: len(item_rows(app)) == len(cached), timeout=1.0,
                              what="the cached items in the list")
            took = time.monotonic() - started
            assert took < 1.0, f"the cache showed after {took:.2f} s"
            # Drawn, not only loaded: the first rows on screen are a header and the newest cached item.
            first = next(r for r in wire.rows if isinstance(r, Item))
            drawn = [wire.render_line(y).text for y in range(5)]
            assert any(first.title[:20] in line for line in drawn), drawn
            assert app.desk.last_poll is None, "no fetch has finished"
            assert "polling…" in status_text(app)
            if server == "delayed":
                await pilot_until(pilot, lambda: feed_server.in_flight == 1, timeout=2, what="the hanging request")
                assert feed_server.requests_for("/wire.xml")[0].status == 0, "still unanswered"
            assert "urn:late" not in app.desk.items


# The "new" band fades after NEW_FADE


async def test_the_new_band_fades_after_new_fade_on_the_apps_clock(feed_server, data_dir):
    now = [time.time()]
    feed_server.set("/wire.xml", rss([story("urn:old", "Old story", 600)]))
    app = WireDesk(open_store(data_dir), [FeedSource(url=feed_server.url("/wire.xml"), interval=0.3)], poll=True,
                   mark_read_delay=60, clock=lambda: now[0])
    async with live_desk(app, (100, 20)) as pilot:
        await pilot_until(pilot, lambda: "urn:old" in app.desk.items and app.desk.polled_once, what="the first poll")
        feed_server.set("/wire.xml", rss([story("urn:fresh", "Fresh story", 0), story("urn:old", "Old story", 600)]))
        await pilot_until(pilot, lambda: "urn:fresh" in app.desk.items, what="the arrival")
        await pilot.pause()
        wire = app.query_one(WireList)
        row = next(n for n, r in enumerate(wire.rows) if isinstance(r, Item) and r.id == "urn:fresh")
        assert wire.scroll_y == 0 and wire.cursor != row
        new_style = wire.get_component_rich_style("wire-list--new")
        unread_style = wire.get_component_rich_style("wire-list--unread")

        def drawn():
            strip = wire.render_line(row)
            return strip.text, next(iter(strip)).style

        text, style = drawn()
        assert text.startswith(NEW_MARK + "Fresh story")
        assert style == unread_style + new_style

        calls: list[int] = []
        render_line = wire.render_line
        wire.render_line = lambda y: calls.append(y) or render_line(y)

        # The band fades in steps, each repainting the row by itself; the marker stays.
        started = now[0]
        for step, name in enumerate(NEW_STYLES):
            now[0] = started + NEW_FADE * (step + 0.5) / len(NEW_STYLES)
            calls.clear()
            wire.tick()
            await pilot.pause()
            assert step == 0 or row in calls, f"step {step} repainted by the tick"
            text, style = drawn()
            assert text.startswith(NEW_MARK) and style == unread_style + wire.get_component_rich_style(name), name
        assert len({wire.get_component_rich_style(name).bgcolor for name in NEW_STYLES}) == len(NEW_STYLES)

        now[0] = started + NEW_FADE - 1  # just before the end: still new, faintest
        wire.tick()
        await pilot.pause()
        text, style = drawn()
        assert text.startswith(NEW_MARK) and style == unread_style + wire.get_component_rich_style(NEW_STYLES[-1])

        now[0] += 2  # just after
        calls.clear()
        wire.tick()
        await pilot.pause()
        assert row in calls, "the tick repainted the faded row by itself"
        text, style = drawn()
        assert text.startswith(UNREAD_MARK + "Fresh story")
        assert style == unread_style


# Relative times tick without a full redraw


async def test_tick_repaints_only_the_rows_whose_relative_time_changed(data_dir):
    now = [NOW]
    app = WireDesk(seeded_store(data_dir), [], poll=False, mark_read_delay=60, clock=lambda: now[0])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        height = wire.scrollable_content_region.height
        visible = {y: wire.rows[y] for y in range(min(height, len(wire.rows)))}
        items = {y: row for y, row in visible.items() if isinstance(row, Item)}
        assert len(items) >= 20
        calls: list[int] = []
        render_line = wire.render_line
        wire.render_line = lambda y: calls.append(y) or render_line(y)

        wire.tick()  # nothing changed: nothing repainted
        await pilot.pause()
        assert calls == []

        for step in (60, 59 * 60, 24 * 3600):
            before = {y: ago_short(i.published, now[0], app.lang) for y, i in items.items()}
            now[0] += step
            after = {y: ago_short(i.published, now[0], app.lang) for y, i in items.items()}
            changed = {y for y in items if before[y] != after[y]}
            assert changed, step
            calls.clear()
            wire.tick()
            await pilot.pause()
            assert set(calls) == changed, (step, sorted(calls), sorted(changed))
            assert all(after[y] in wire.render_line(y).text for y in changed)
            if step == 60:
                assert len(changed) < len(items) / 2, "a minute later most rows read the same: no full redraw"


# U after the palette's "Mark all read"


async def test_U_undoes_mark_all_read_from_the_palette(data_dir):
    app = make_desk(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "m")  # one item read by hand before the bulk mark
        by_hand = app.query_one(WireList).current.id
        await settle(app, pilot)
        unread_before = app.desk.unread
        await pilot.press("ctrl+p")
        await pilot.press(*"Mark all read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        everything = {i.id for i in item_rows(app)}
        assert app.desk.marks.read == everything and app.desk.unread == 0
        await pilot_until(pilot, lambda: open_store(data_dir).read_ids() == everything, what="the bulk mark saved")
        await pilot.press("U")
        assert app.desk.marks.read == {by_hand}, "undo restores the marks as they were, the hand-read item stays read"
        assert app.desk.unread == unread_before
        await settle(app, pilot)
        await pilot_until(pilot, lambda: open_store(data_dir).read_ids() == {by_hand}, what="the undo saved")
        await pilot.press("U")
        assert app._notifications and [n.message for n in app._notifications][-1] == "Nothing to undo"
        assert app.desk.marks.read == {by_hand}
