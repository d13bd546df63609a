"""Idle CPU of the desk against a bare Textual app with a header clock, all three in tmux over the same windows:
the demo wire once its held-back items have arrived, and a desk polling a few loopback feeds (unchanged, so
each poll is a 304). Running them side by side makes the ratio hold on a busy machine."""

from __future__ import annotations

import statistics
import sys
import time
from contextlib import ExitStack

from bench.common import ROOT, WIREDESK, Result, desk, ratio, scratch_dir
from bench.generate import feed_files
from bench.loopback import Loopback, display
from bench.memory import SETTLE, list_shown

FEW = 5  # feeds the polling desk polls, 1,000 items each, at the default interval
LIMIT = 2.0  # times the bare app's CPU


def run(args) -> list[Result]:
    from tui.fetch.demo import POLL_INTERVAL, RELEASES

    feeds = feed_files(FEW)
    with scratch_dir() as tmp, Loopback(feeds[0].parent) as server, ExitStack() as stack:
        polls = [WIREDESK, "--data-dir", str(tmp / "polling")]
        for path in feeds:
            polls += ["--feed", server.url(path)]
        argvs = {
            "bare Textual app with a header clock": [sys.executable, str(ROOT / "bench" / "bare_clock.py")],
            "desk on the demo wire": [WIREDESK, "--data-dir", str(tmp / "demo")],
            f"desk polling {FEW} loopback feeds": polls,
        }
        panes = {name: stack.enter_context(desk(argv=argv)) for name, argv in argvs.items()}
        _, on_demo, on_polling = panes.values()
        on_polling.wait_for(list_shown)
        # The last held-back demo item is released RELEASES[-1] s after start-up and seen at the next poll.
        time.sleep(max(SETTLE, on_demo.started + RELEASES[-1] + POLL_INTERVAL + SETTLE - time.perf_counter()))
        used: dict[str, list[float]] = {name: [] for name in panes}
        for _ in range(args.repeats):
            before = {name: pane.cpu_seconds() for name, pane in panes.items()}
            time.sleep(args.idle_seconds)
            for name, pane in panes.items():
                used[name].append((pane.cpu_seconds() - before[name]) / args.idle_seconds * 100)
    note = f"median of {args.repeats} windows of {args.idle_seconds:g} s, utime+stime from /proc/PID/stat"
    figures = {
        name: Result(f"idle CPU: {name}", statistics.median(used[name]), "% of a core", command=display(argvs[name]),
                     note=f"{note}; windows {', '.join(f'{u:.2f}' for u in used[name])}")
        for name in panes
    }
    bare, demo, polling = figures.values()
    return [
        bare, demo, polling,
        ratio("idle CPU: demo wire / bare app", demo, bare, LIMIT),
        ratio(f"idle CPU: polling {FEW} feeds / bare app", polling, bare, LIMIT),
    ]
