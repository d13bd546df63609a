"""Soak: the desk in tmux polling 50 loopback feeds that change every minute, for --soak-minutes (default 30).

After the warm-up (the first five minutes; half of a shorter run) its RSS grows by at most 10 MB and its open
file descriptors don't grow; and no poll is missed: the server's log shows every feed asked about once an
interval. A probe in the desk (bench/soak_probe.py) reports at the warm-up and at the end the items it holds,
Python's allocator and glibc's heap, so the growth per item held and where it went are reported beside the RSS;
with --soak-trace, tracemalloc's sites from the warm-up on too (its own memory is taken out of the growth; it slows
the desk several times over, so the plain run leaves it off).
Opt-in only (`python -m bench soak`): a plain `make bench` never runs it.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path

from bench.common import WIREDESK, Desk, Result, desk, fmt, run_timed, scratch_dir
from bench.generate import feed_items, rss
from bench.loopback import Loopback, display

FEEDS = 50
WINDOW = 20  # items in a feed at any time: each change adds the next and drops the oldest
CHANGE = 60.0  # seconds between changes of every feed
INTERVAL = 60.0  # the desk's poll interval
SAMPLE = 5.0  # seconds between readings of RSS and open files
WARMUP = 300.0
SLACK = INTERVAL / 2  # a slow poll on a busy machine delays the next; a missed one leaves a gap of 2 intervals


class ChangingFeeds:
    """Feed files that gain one item each (and drop their oldest) every CHANGE seconds, written by a thread."""

    def __init__(self, folder: Path, changes: int) -> None:
        self.folder = folder
        self.pool = [feed_items(feed, WINDOW + changes) for feed in range(FEEDS)]
        self.started = time.time()
        self.changes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="changing-feeds", daemon=True)
        self._write()

    @property
    def paths(self) -> list[Path]:
        return [self.folder / f"f{feed:03d}.xml" for feed in range(FEEDS)]

    def _write(self) -> None:
        for feed, (items, path) in enumerate(zip(self.pool, self.paths, strict=True)):
            start = min(self.changes, len(items) - WINDOW)
            # Item n is published when it first shows, so each change brings one fresh arrival per feed.
            shown = [
                {**item, "published": self.started + (n - WINDOW + 1) * CHANGE}
                for n, item in enumerate(items[start : start + WINDOW], start)
            ]
            tmp = path.with_suffix(".tmp")
            tmp.write_text(rss(feed, shown[::-1]), encoding="utf-8")
            tmp.replace(path)  # a poll never sees half a file

    def _loop(self) -> None:
        while not self._stop.wait(self.started + (self.changes + 1) * CHANGE - time.time()):
            self.changes += 1
            self._write()

    def __enter__(self) -> ChangingFeeds:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def run(args) -> list[Result]:
    duration = args.soak_minutes * 60
    with scratch_dir() as tmp:
        (tmp / "feeds").mkdir()
        data = tmp / "d"
        with ChangingFeeds(tmp / "feeds", math.ceil(duration / CHANGE) + 1) as feeds, Loopback(feeds.folder) as server:
            argv = [WIREDESK, "--data-dir", str(data), "--interval", f"{INTERVAL:g}"]
            for path in feeds.paths:
                argv += ["--feed", server.url(path)]
            probe = tmp / "probe.json"
            launched = time.monotonic()
            # env execs the probe, which runs the desk in its own process: the pane's pid stays the desk's.
            env = [f"SOAK_PROBE={probe}", *(["SOAK_TRACE=1"] if args.soak_trace else [])]
            with desk(argv=["env", *env, sys.executable, "-m", "bench.soak_probe", *argv[1:]]) as pane:
                samples = _watch(pane, launched, min(WARMUP, duration / 2))
                reports = [_probe(pane, probe)]
                samples += _watch(pane, launched, duration)
                reports.append(_probe(pane, probe.with_name(probe.name + ".1")))
                peak_mb = int(pane.proc("VmHWM").split()[0]) / 1024
                cpu = pane.cpu_seconds()
            asked = [[t - launched for t, _ in server.asked.get("/" + path.name, [])] for path in feeds.paths]
            answers = [status for times in server.asked.values() for _, status in times]
            held = FEEDS * (WINDOW + feeds.changes)
        unread = int(re.findall(r"\d+", run_timed([WIREDESK, "status", "--data-dir", str(data)])[1])[0])
    minutes = f"{duration / 60:g} min"
    return [
        *_growth(samples, duration, display(argv), peak_mb),
        *_held(samples, duration, reports),
        *_polls(asked, duration, answers),
        Result("unread in the cache at the end", unread, "items",
               note=f"the feeds held {held:,} items in all; the desk marks the item under its cursor read"),
        Result(f"CPU over the {minutes}", cpu / duration * 100, "% of a core", note="utime+stime from /proc/PID/stat"),
    ]


def _growth(samples: list[tuple[float, int, int]], duration: float, command: str, peak_mb: float) -> list[Result]:
    warmup = min(WARMUP, duration / 2)
    span = min(60.0, warmup / 2)  # the lowest reading over this span: a poll in flight is not growth
    rss = [_settled(samples, at, span, 1) / 1024 for at in (warmup, duration)]
    fds = [_settled(samples, at, span, 2) for at in (warmup, duration)]
    after = f"after the first {warmup / 60:g} min"
    return [
        Result(f"RSS growth {after}, {duration / 60:g} min", rss[1] - rss[0], "MB", 10.0, command=command,
               note=f"lowest VmRSS over {span:g} s: {fmt(rss[0])} MB at {warmup / 60:g} min, {fmt(rss[1])} MB at "
                    f"the end; peak (VmHWM) {fmt(peak_mb)} MB"),
        Result(f"open files growth {after}", fds[1] - fds[0], "fds", 0,
               note=f"lowest count in /proc/PID/fd over {span:g} s: {fds[0]}, then {fds[1]}; "
                    f"most seen {max(s[2] for s in samples)}"),
    ]


def _probe(pane: Desk, report: Path) -> dict:
    """What the desk holds now (bench/soak_probe.py): asked by SIGUSR1, answered in a JSON file."""
    os.kill(pane.pid, signal.SIGUSR1)
    deadline = time.monotonic() + 60
    while not report.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the desk's probe never wrote {report}")
        time.sleep(0.2)
    return json.loads(report.read_text(encoding="utf-8"))


def _held(samples: list[tuple[float, int, int]], duration: float, reports: list[dict]) -> list[Result]:
    """Growth told apart (bench/soak_probe.py): the items held at the warm-up and at the end; what Python's objects
    and glibc's heap hold in use and free; the allocation sites that grew."""
    start, end = reports
    warmup = min(WARMUP, duration / 2)
    rss_kb = [_settled(samples, at, min(60.0, warmup / 2), 1) for at in (warmup, duration)]
    more = max(end["desk_items"] - start["desk_items"], 1)
    net_kb = rss_kb[1] - rss_kb[0] - end.get("tracemalloc_kb", 0)
    grew = {key: (end.get(key, 0) - start.get(key, 0)) / 1024 for key in end if key.endswith("_kb")}
    heap = {name: f"{grew.get(f'glibc_{name}_kb', 0):+.1f} MB" for name in ("used", "free", "mmapped")}
    results = [
        Result("items the desk holds", end["desk_items"], "items",
               note=f"{start['desk_items']:,} at {warmup / 60:g} min; Item objects alive {start['item_objects']:,}, "
                    f"then {end['item_objects']:,}"),
        Result("RSS growth per item held", net_kb / more, "kB/item", note=f"{more:,} more items held"),
        Result("Python objects' growth (pymalloc's live blocks)", grew["pymalloc_used_kb"], "MB",
               note=f"{grew['pymalloc_used_kb'] * 1024 / more:.2f} kB per item held more; pymalloc's arenas "
                    f"{grew['pymalloc_arenas_kb']:+.1f} MB; glibc's heap in use {heap['used']}, free {heap['free']}, "
                    f"mmapped {heap['mmapped']}"),
    ]
    if "sites" in end:  # --soak-trace
        sites = "; ".join(f"{s['site']} ({s['inner']}) {s['kb']:+,.0f} kB in {s['blocks']:+,}"
                          for s in end["sites"][:8])
        results += [
            Result(f"RSS growth after the first {warmup / 60:g} min, less tracemalloc's own", net_kb / 1024, "MB",
                   note=f"tracemalloc, started at {warmup / 60:g} min, holds {end['tracemalloc_kb'] / 1024:.1f} MB"),
            Result(f"live blocks allocated after {warmup / 60:g} min (tracemalloc)", end["traced_kb"] / 1024, "MB",
                   note=f"the largest sites, replacements of older blocks included: {sites}"),
        ]
    return results


def _polls(asked: list[list[float]], duration: float, answers: list[int]) -> list[Result]:
    """Polls missed: gaps in each feed's asks (seconds since launch) longer than an interval can explain."""
    from tui.fetch.poller import JITTER

    longest = INTERVAL * (1 + JITTER)
    missed = sum(
        max(0, math.floor((b - a - SLACK) / longest)) for times in asked for a, b in pairwise([0.0, *times, duration])
    )
    failed = sum(status not in (200, 304) for status in answers)
    return [
        Result("polls missed", missed, "polls", 0,
               note=f"a gap over {fmt(longest)} s (interval + jitter) + {SLACK:g} s between two asks of a feed "
                    f"in the loopback server's log; {failed} answers neither 200 nor 304"),
        Result("polls answered", len(answers), "polls",
               note=f"{FEEDS} feeds every {INTERVAL:g} s over {duration / 60:g} min: about "
                    f"{fmt(FEEDS * duration / INTERVAL)}"),
    ]


def _watch(pane: Desk, launched: float, duration: float) -> list[tuple[float, int, int]]:
    """(seconds since launch, VmRSS in kB, open fds) every SAMPLE seconds for `duration` seconds."""
    samples = []
    while (now := time.monotonic() - launched) < duration:
        rss_kb = int(pane.proc("VmRSS").split()[0])  # raises once the desk has gone: a soak that crashed fails
        samples.append((now, rss_kb, len(os.listdir(f"/proc/{pane.pid}/fd"))))
        time.sleep(min(SAMPLE, max(0.0, duration - now)))
    return samples


def _settled(samples: list[tuple[float, int, int]], at: float, span: float, field: int) -> int:
    """The lowest reading of `field` in the `span` seconds up to `at`."""
    return min(s[field] for s in samples if at - span <= s[0] <= at + SAMPLE)
