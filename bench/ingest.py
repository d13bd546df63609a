"""Ingest: `wiredesk fetch` of 50 feeds x 1,000 items into an empty cache, then again unchanged; and the same
first fetch with folding off, alternated with it in one run, for what folding costs. The folded fetches read the
gazetteer's tables from a kept copy (in the bench's own cache dir, as every fetch after a user's first does); one
fetch before them, with no copy kept, shows the first fetch on a machine."""

from __future__ import annotations

import resource
import statistics
import sys
from pathlib import Path

from bench.common import Result, fetch_argv, run_timed, scratch_dir, show
from bench.generate import ITEMS_PER_FEED, feed_files
from tui.headless import UNFOLDED_FOR_BENCH

FEEDS = 50
FOLDING_COST = 1.15  # issue 10: folding adds at most 15 % to this ingest


def run(args) -> list[Result]:
    feeds = feed_files(FEEDS)
    first, cpu, second, parsed_again, ratios = [], [], [], [], []
    unfolded: list[float] = []
    unfolded_cpu: list[float] = []
    with scratch_dir() as tmp:  # a machine's first fetch: no gazetteer copy kept yet
        unkept = run_timed(fetch_argv(tmp / "d", feeds), {"XDG_CACHE_HOME": str(tmp / "cache")})[0]
    # The pairs' fetches read the copy in the bench's own cache dir, as any later fetch does.
    run_timed([sys.executable, "-c", "from tui.fetch import gazetteer_file; gazetteer_file.load()"])
    for repeat in range(args.repeats):
        with scratch_dir() as tmp:
            argv = fetch_argv(tmp / "d", feeds)
            plain = fetch_argv(tmp / "plain", feeds)
            if repeat % 2:  # alternated, so a noisy neighbour hits both alike
                _unfolded(plain, unfolded, unfolded_cpu)
            before = _children_cpu()
            first.append(run_timed(argv)[0])
            cpu.append(_children_cpu() - before)
            if not repeat % 2:
                _unfolded(plain, unfolded, unfolded_cpu)
            ratios.append(first[-1] / unfolded[-1])
            seconds, out = run_timed(argv)
            second.append(seconds)
            # Each feed prints "not modified" when its bytes were skipped unparsed.
            parsed_again.append(sum(1 for line in out.splitlines() if not line.endswith("not modified")))
    cold, warm, bare = statistics.median(first), statistics.median(second), statistics.median(unfolded)
    items = FEEDS * ITEMS_PER_FEED
    command = show(fetch_argv(Path("EMPTY"), feeds))
    return [
        Result("ingest 50k items into an empty cache", items / cold, "items/s", 5_000, True, command,
               f"median wall {cold:.2f} s"),
        Result("CPU time of that fetch, all processes", statistics.median(cpu), "s", command=command,
               note=f"{statistics.median(cpu) / cold:.2f} cores busy on average; parsing runs in a process per core"),
        Result("the same fetch, folding off", bare, "s", command=f"{UNFOLDED_FOR_BENCH}=1 {command}",
               note=f"median wall; for this comparison only; CPU {statistics.median(unfolded_cpu):.2f} s"),
        Result("folded / unfolded ingest", statistics.median(ratios), "×", FOLDING_COST,
               note=f"median of {len(ratios)} pairs, run alternately: "
                    + ", ".join(f"{r:.2f}" for r in sorted(ratios))
                    + f"; CPU time, all processes: {statistics.median(cpu) / statistics.median(unfolded_cpu):.2f}×"),
        Result("the same fetch, no gazetteer copy kept yet", unkept, "s", command=command,
               note=f"once, before the pairs: {unkept / bare:.2f}× the unfolded median; it builds and keeps the copy"),
        Result("second fetch, files unchanged", warm, "s", command=command.replace("EMPTY", "SAME"),
               note=f"{cold / warm:.0f}× faster than the first"),
        Result("feeds parsed again on the second fetch", max(parsed_again), "feeds", 0,
               note="target: no parsing"),
    ]


def _unfolded(argv: list[str], walls: list[float], cpus: list[float]) -> None:
    before = _children_cpu()
    walls.append(run_timed(argv, {UNFOLDED_FOR_BENCH: "1"})[0])
    cpus.append(_children_cpu() - before)


def _children_cpu() -> float:
    """User + system seconds of every finished child process: wiredesk and its parsing workers."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
