"""Headlines first, measured in tmux: how many characters of a headline the demo wire's list shows
at 80x24, at 160x45, and in a running desk resized from 160x45 to 220x60 (issue 13's bars)."""

from __future__ import annotations

import sys
import time

import pytest

from tests.helpers.tmux import Tmux, headline_chars
from tui.fetch.demo import seed_files
from tui.fetch.parse import parse_feed

BARS = {(80, 24): 45, (160, 45): 70, (220, 60): 90}


def _titles() -> list[str]:
    return [item.title for path in seed_files() for item in parse_feed(path.read_bytes(), str(path), time.time()).items]


def _desk(tmp_path, width: int, height: int) -> Tmux:
    # COLUMNS/LINES leak in from pytest and would pin Textual to 80x24 whatever the pane size.
    app = f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {tmp_path / 'data'}"
    return Tmux(width, height, f"cd {tmp_path} && {app}; sleep 30")


@pytest.fixture
def seeded(tmp_path):
    """A data dir holding the demo wire, so every size shows the same rows."""
    from tui.fetch.demo import seed
    from tui.store import open_store

    seed(open_store(tmp_path / "data"), time.time())
    return tmp_path


def _measure(desk: Tmux, titles: list[str], bar: int) -> int:
    screen = desk.wait_for(lambda s: headline_chars(s, titles) >= bar, timeout=20, what=f"{bar} headline characters")
    return headline_chars(screen, titles)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_the_list_shows_the_headline(seeded, size):
    desk = _desk(seeded, *size)
    try:
        shown = _measure(desk, _titles(), BARS[size])
        print(f"{size[0]}x{size[1]}: {shown} headline characters")
    finally:
        desk.close()


def test_a_growing_window_gives_the_headlines_their_share(seeded):
    titles = _titles()
    desk = _desk(seeded, 160, 45)
    try:
        before = _measure(desk, titles, BARS[(160, 45)])
        desk.resize(220, 60)
        after = _measure(desk, titles, BARS[(220, 60)])
        assert after > before
        print(f"160x45 -> 220x60: {before} -> {after} headline characters")
    finally:
        desk.close()
