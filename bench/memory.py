"""Peak RSS of the real TUI on the 50k cache, running in tmux."""

from __future__ import annotations

import time

from bench.common import Result, desk, scratch_copy
from bench.generate import PLACES, cache

SIZE = 50_000
SETTLE = 5.0  # seconds after the list shows: the first body load and read mark happen in here


def list_shown(screen: str) -> bool:
    # Group headers are dateline places; none is on screen before the list has rows.
    return any(place in screen for place in PLACES)


def run(args) -> list[Result]:
    with scratch_copy(cache(SIZE)) as data, desk(data) as session:
        shown = session.wait_for(list_shown)
        time.sleep(SETTLE)
        peak_kb = int(session.proc("VmHWM").split()[0])
    return [
        Result("TUI peak RSS (VmHWM), 50k items", peak_kb / 1024, "MB", 400.0, command=session.command,
               note=f"read {SETTLE:.0f} s after the list showed, in tmux 120x40"),
        Result("TUI launch → list on screen, 50k items", shown, "s", command=session.command,
               note="end to end in tmux, imports included; polled every 50 ms"),
    ]
