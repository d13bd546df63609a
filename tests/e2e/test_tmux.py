"""End to end: the real `wiredesk` in a real tmux session, read back with capture-pane."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers.tmux import Tmux
from tui.fetch.demo import RELEASES


@pytest.fixture
def desk(tmp_path):
    # `sleep` keeps the pane after the app exits, so the test can tell a quit from a crash.
    # COLUMNS/LINES leak in from pytest and would pin Textual to 80x24 whatever the pane size.
    app = f"env -u COLUMNS -u LINES {sys.executable} -m tui --data-dir {tmp_path / 'data'}"
    command = f"cd {tmp_path} && {app}; echo EXITED $?; sleep 30"
    session = Tmux(120, 70, command)  # tall enough for every group of the demo wire
    yield session
    session.close()


def test_demo_wire_in_tmux_shows_groups_and_a_live_arrival(desk):
    groups = ("KYIV", "LONDEN", "CARACAS", "WASHINGTON", "MEXICO-STAD", "BOGOTÁ/CARACAS", "BRUSSEL", "SION")
    headers = re.compile(rf"^ ({'|'.join(groups)})  \d+ ", re.M)
    screen = desk.wait_for(lambda s: len(set(headers.findall(s))) == len(groups), timeout=20)
    assert " 0 nieuw" in screen, "the demo wire opens in Dutch"
    # A held-back item arrives by itself, with no key pressed.
    desk.wait_for(lambda s: "1 nieuw sinds je keek" in s, timeout=RELEASES[0] + 20)
    desk.keys("j")
    desk.keys("m")
    desk.keys("q")
    desk.wait_for(lambda s: "EXITED 0" in s, timeout=10)


def test_a_second_desk_on_the_same_data_dir_is_refused(tmp_path):
    data = tmp_path / "data"
    first = Tmux(80, 24, f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {data}; sleep 30")
    try:
        first.wait_for(lambda s: "ophalen uit" in s, timeout=20)
        second = subprocess.run(
            [sys.executable, "-m", "tui", "--no-poll", "--data-dir", str(data)],
            capture_output=True, text=True, timeout=20,
        )
        assert second.returncode == 1
        assert second.stderr.startswith("wiredesk: another wiredesk (pid ")
        assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
        # The headless commands still work beside the running desk.
        status = subprocess.run(
            [sys.executable, "-m", "tui", "status", "--data-dir", str(data)], capture_output=True, text=True
        )
        assert status.returncode == 0 and status.stdout.startswith("wire ")
    finally:
        first.close()
