"""End to end: `wiredesk read ID` typed in another shell shows in the desk running in tmux, without a restart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

from tests.helpers import ROOT
from tests.helpers.tmux import Tmux
from tui.fetch.demo import seed
from tui.store import open_store

UNREAD = re.compile(r"(\d+) ongelezen")  # the demo wire speaks Dutch


def _wiredesk(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_mark_from_the_command_line_shows_in_the_desk_running_in_tmux(tmp_path):
    data = tmp_path / "data"
    seed(open_store(data), time.time())
    app = f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {data}"
    desk = Tmux(120, 40, f"cd {ROOT} && {app}; echo EXITED $?; sleep 30")
    try:
        # The status line shows "0 ongelezen" until the cache is read: wait for the list.
        screen = desk.wait_for(lambda s: "● " in s and int((UNREAD.search(s) or [0, 0])[1]) > 0, timeout=20)
        unread = int(UNREAD.search(screen)[1])
        listed = _wiredesk("list", "--json", "--unread", "--data-dir", str(data)).splitlines()
        shown = [r for r in map(json.loads, listed) if f"● {r['title'][:30]}" in screen]
        target = shown[-1]
        mark = f"● {target['title'][:30]}"

        _wiredesk("read", target["id"], "--data-dir", str(data))
        screen = desk.wait_for(lambda s: f"{unread - 1} ongelezen" in s, timeout=5)
        assert mark not in screen and target["title"][:30] in screen, "its row shows it read"

        _wiredesk("unread", target["id"], "--data-dir", str(data))
        desk.wait_for(lambda s: f"{unread} ongelezen" in s and mark in s, timeout=5)
        desk.keys("q")
        desk.wait_for(lambda s: "EXITED 0" in s, timeout=10)
    finally:
        desk.close()
