"""A real tmux server of its own for one test: start a command in a pane, type, and read the screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.waiting import wait_until


class Tmux:
    def __init__(self, width: int, height: int, command: str) -> None:
        if shutil.which("tmux") is None:
            pytest.fail("tmux is not installed (.ci/run installs it)")
        self.socket = f"wiredesk-test-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "desk", "-x", str(width), "-y", str(height), command)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "desk")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "desk", *keys)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "desk", "-x", str(width), "-y", str(height))

    def wait_for(self, predicate: Callable[[str], object], timeout: float, what: str = "the screen") -> str:
        """The screen once `predicate(screen)` holds (waiting.wait_until); a timeout shows the last screen."""
        last = ""

        def matched() -> bool:
            nonlocal last
            last = self.screen()
            return bool(predicate(last))

        try:
            wait_until(matched, timeout, what, interval=0.25)
        except AssertionError as failed:
            raise AssertionError(f"{failed}:\n{last}") from None
        return last

    def alive(self) -> bool:
        found = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "desk"], capture_output=True)
        return found.returncode == 0

    def close(self) -> None:
        self._tmux("kill-server")


class LiveTmux(Tmux):
    """A pane whose tmux state a test reads and sets too: formats (the bell flag), options."""

    def display(self, fmt: str) -> str:
        return self._tmux("display-message", "-p", "-t", "desk", fmt).strip()

    def set_option(self, *args: str) -> None:
        self._tmux("set-option", *args)


def live_desk_in_tmux(tmp_path: Path, feed_url: str, args: str = "", *, width: int = 100, height: int = 30,
                      env: str = "") -> LiveTmux:
    """`wiredesk --feed URL ARGS` on a data dir in tmp_path, in a detached tmux pane; close() it after."""
    # COLUMNS/LINES leak in from pytest and would pin Textual to 80x24 whatever the pane size.
    app = (f"env -u COLUMNS -u LINES {env} {sys.executable} -m tui --feed {feed_url} "
           f"--data-dir {tmp_path / 'data'} {args}")
    return LiveTmux(width, height, f"cd {tmp_path} && {app}; echo EXITED $?; sleep 30")


def headline_chars(screen: str, titles: list[str]) -> int:
    """The most characters of one headline that a row of the screen shows, before any "…"."""
    best = 0
    for line in screen.splitlines():
        text = line[2:]  # after the read mark
        for title in titles:
            shown = 0
            while shown < len(title) and shown < len(text) and text[shown] == title[shown]:
                shown += 1
            if shown >= min(len(title), 12):  # the row is this headline, not a chance prefix
                best = max(best, shown)
    return best
