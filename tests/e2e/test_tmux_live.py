"""End to end, live: the real `wiredesk` in a real tmux session, fed by the loopback FeedServer.

Items published on the server while the desk runs must show up on the captured
screen by themselves (no key pressed), in the terminals people run tmux with; the
desk must redraw when its window is resized, and a watch word must ring the bell
that tmux turns into the window's bell flag.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.tmux import LiveTmux, live_desk_in_tmux
from tests.helpers.waiting import wait_until

INTERVAL = 1  # --interval: how soon an arrival must be fetched
ARRIVAL_TIMEOUT = INTERVAL + 3  # seconds from publishing to the title on screen


def _backlog(now: float, n: int = 4, *, word: str = "") -> list[Entry]:
    return [
        Entry(f"Backlog story {k}{' ' + word if word and k == 1 else ''}", guid=f"urn:tmux:{k}",
              date=now - 60 * (k + 1), body=f"<p>KYIV (ANP) - Text of story {k}.</p>")
        for k in range(n)
    ]


def _fresh(title: str, guid: str) -> Entry:
    return Entry(title, guid=guid, date=time.time(), body="<p>KYIV (ANP) - Just in.</p>")


@pytest.fixture
def wire() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_desk(tmp_path, wire):
    """Start `wiredesk --feed URL --interval 1` in a detached tmux session; closed after the test."""
    sessions: list[LiveTmux] = []

    def start(*, width: int = 100, height: int = 30, env: str = "", args: str = "") -> LiveTmux:
        session = live_desk_in_tmux(tmp_path, wire.url("/wire.xml"), f"--interval {INTERVAL} {args}",
                                    width=width, height=height, env=env)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def _line_with(screen: str, text: str) -> str:
    return next((line for line in screen.splitlines() if text in line), "")


TERMINALS = [
    pytest.param("TERM=screen-256color", id="screen-256color"),
    pytest.param("TERM=screen-256color COLORTERM=truecolor", id="screen-256color-truecolor"),
    pytest.param("TERM=tmux-256color", id="tmux-256color"),
    pytest.param("TERM=tmux-256color COLORTERM=truecolor", id="tmux-256color-truecolor"),
]


@pytest.mark.parametrize("terminal", TERMINALS)
def test_an_arrival_appears_by_itself(wire, start_desk, terminal):
    now = time.time()
    backlog = _backlog(now)
    wire.set("/wire.xml", rss(backlog))
    # COLORTERM unset unless the case sets it: tmux hands panes its own environment.
    desk = start_desk(env=f"-u COLORTERM {terminal}")
    assert desk.display("#{pane_current_command}") != "", "the pane runs"
    screen = desk.wait_for(lambda s: all(e.title in s for e in backlog), timeout=20)
    assert " 0 new" in screen
    assert "EXITED" not in screen

    fresh = _fresh("Quake shakes the capital", "urn:tmux:fresh")
    wire.set("/wire.xml", rss([fresh, *backlog]))
    published = time.monotonic()
    screen = desk.wait_for(lambda s: fresh.title in s, timeout=ARRIVAL_TIMEOUT)
    assert time.monotonic() - published <= ARRIVAL_TIMEOUT
    assert _line_with(screen, fresh.title).startswith("+ " + fresh.title), screen
    desk.wait_for(lambda s: "1 new since you looked" in s, timeout=2)
    # The backlog is all still there, below the arrival.
    lines = screen.splitlines()
    positions = [next(n for n, line in enumerate(lines) if line[2:].startswith(e.title)) for e in (fresh, *backlog)]
    assert positions == sorted(positions)
    assert desk.alive() and "EXITED" not in desk.screen()


def test_resize_redraws_at_the_new_size(wire, start_desk):
    backlog = _backlog(time.time())
    wire.set("/wire.xml", rss(backlog))
    desk = start_desk(width=80, height=24, env="-u COLORTERM TERM=tmux-256color")
    small = desk.wait_for(lambda s: all(e.title in s for e in backlog), timeout=20)
    small_lines = small.splitlines()
    assert len(small_lines) <= 24
    assert max(len(line) for line in small_lines) <= 80

    desk.resize(120, 40)  # detached: resize-window sets the window size itself
    assert desk.display("#{window_width}x#{window_height}") == "120x40"
    big = desk.wait_for(lambda s: max(map(len, s.splitlines())) > 100 and len(s.splitlines()) > 30, timeout=5)
    big_lines = big.splitlines()
    assert len(big_lines) == 40
    assert all(e.title in big for e in backlog), "the list is still shown"
    # The whole layout changed, not just one line: 80 columns show the list alone (the narrow
    # layout), 120 the list beside the article, with the pane border between them.
    border = re.compile("[▎▏▐▌│┃]")
    small_border = {m.start() for line in small_lines[2:-1] for m in border.finditer(line)}
    big_border = {m.start() for line in big_lines[2:-1] for m in border.finditer(line)}
    assert not small_border and big_border and 40 < min(big_border) < 100, (small_border, big_border)
    assert backlog[2].title in _line_with(big, backlog[2].title)[:min(big_border)], "the list, left of the border"
    # The footer spans the new width.
    assert len(big_lines[-1]) > 100
    assert desk.alive() and "EXITED" not in big


def test_watch_word_rings_the_tmux_bell(wire, start_desk):
    now = time.time()
    backlog = _backlog(now, word="Charkiv")  # the backlog mentions the word: that is not news
    wire.set("/wire.xml", rss(backlog))
    desk = start_desk(env="-u COLORTERM TERM=tmux-256color", args="--alert Charkiv")
    # tmux's defaults, set explicitly so that a user's tmux.conf cannot change the outcome.
    desk.set_option("-g", "bell-action", "any")
    desk.set_option("-gw", "monitor-bell", "on")
    desk.wait_for(lambda s: all(e.title in s for e in backlog), timeout=20)
    assert desk.display("#{window_bell_flag}") == "0", "the backlog does not ring"

    calm = _fresh("Markets open flat", "urn:tmux:calm")
    wire.set("/wire.xml", rss([calm, *backlog]))
    desk.wait_for(lambda s: calm.title in s, timeout=ARRIVAL_TIMEOUT)
    assert desk.display("#{window_bell_flag}") == "0", "an arrival without the word does not ring"

    hot = _fresh("Blackout across charkiv", "urn:tmux:hot")
    wire.set("/wire.xml", rss([hot, calm, *backlog]))
    screen = desk.wait_for(lambda s: hot.title in s, timeout=ARRIVAL_TIMEOUT)
    assert _line_with(screen, hot.title).startswith("! " + hot.title), screen
    wait_until(lambda: desk.display("#{window_bell_flag}") == "1", 2, "the alert's bell in tmux", interval=0.05)
    assert desk.alive() and "EXITED" not in desk.screen()
