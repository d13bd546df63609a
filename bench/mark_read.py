"""`wiredesk read ID` on small and big caches: the cost must not grow with the cache."""

from __future__ import annotations

import statistics

from bench.common import WIREDESK, Result, mtimes, ratio, run_timed, scratch_copy, show
from bench.generate import cache, feed_files
from tui.core.items import scoped_id


def run(args) -> list[Result]:
    results, rewritten = [], set()
    feed = str(feed_files(1)[0])  # ids are scoped to the feed they came from
    first = scoped_id(feed, "bench-f000-00000")
    for size in (1_000, 50_000):
        with scratch_copy(cache(size)) as data:
            before = mtimes(data)
            # Feed 0 is in every cache and starts all unread: a fresh unread id each run.
            times = [run_timed([WIREDESK, "read", scoped_id(feed, f"bench-f000-{n:05d}"), "--data-dir", str(data)])[0]
                     for n in range(args.repeats)]
            after = mtimes(data)
            # Read marks live in state.json; nothing else (items, bodies, ids) may be written.
            rewritten |= {name for name, mtime in after.items() if before.get(name) != mtime} - {"state.json", ".lock"}
        results.append(Result(f"read one id, {size:,} items", statistics.median(times), "s",
                              command=show([WIREDESK, "read", first, "--data-dir", str(data)]),
                              note=f"copy of {cache(size).name}"))
    return [
        *results,
        ratio("read 50k / 1k", results[1], results[0], 1.5),
        Result("files other than state.json written by `read`", len(rewritten), "files", 0,
               note=", ".join(sorted(rewritten)) or "mtimes of every cache file before and after, both caches"),
    ]
