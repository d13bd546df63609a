"""Start-up of a headless command: `wiredesk list --unread --json --limit 50` on small and big caches."""

from __future__ import annotations

from bench.common import WIREDESK, Result, median_of, ratio, run_timed, show
from bench.generate import cache

SIZES = (1_000, 50_000, 100_000)


def list_argv(size: int) -> list[str]:
    return [WIREDESK, "list", "--unread", "--json", "--limit", "50", "--data-dir", str(cache(size))]


def timed_list(size: int) -> float:
    seconds, out = run_timed(list_argv(size))
    if len(out.splitlines()) != 50:
        raise RuntimeError(f"list on {size} items printed {len(out.splitlines())} lines, not 50")
    return seconds


def run(args) -> list[Result]:
    # list only reads, so it runs on the built caches directly.
    limits = {50_000: 1.0}
    results = {
        size: Result(f"list, {size:,} items", median_of(args.repeats, lambda size=size: timed_list(size)), "s",
                     limits.get(size), command=show(list_argv(size)))
        for size in SIZES
    }
    return [*results.values(), ratio("list 50k / 1k", results[50_000], results[1_000], 3.0)]
