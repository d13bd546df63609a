"""CPU of the real TUI sitting idle on the 50k cache in tmux, clock ticking."""

from __future__ import annotations

import time

from bench.common import Result, desk, scratch_copy
from bench.generate import cache
from bench.memory import SETTLE, SIZE, list_shown


def run(args) -> list[Result]:
    seconds = args.idle_seconds
    with scratch_copy(cache(SIZE)) as data, desk(data) as session:
        session.wait_for(list_shown)
        time.sleep(SETTLE)  # start-up work is not idling
        before = session.cpu_seconds()
        time.sleep(seconds)
        used = session.cpu_seconds() - before
    return [
        Result(f"TUI idle CPU over {seconds:g} s, 50k items", used / seconds * 100, "% of a core", 2.0,
               command=session.command, note=f"utime+stime from /proc/PID/stat: {used:.2f} s"),
    ]
