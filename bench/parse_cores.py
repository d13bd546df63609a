"""What two cores give the parser: parse_feed alone, then in two processes at once.

Ingest is bound by feedparser. This measures the ceiling the machine sets: the rate
of one process parsing alone, and the combined rate of two processes parsing at the
same moment (on 2 vCPUs that share a physical core, each goes slower).
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from bench.common import Result
from bench.generate import ITEMS_PER_FEED, feed_files

FEEDS = 6


def _parse_all(paths: list) -> float:
    """Seconds to parse these feeds one after another, in this process."""
    from tui.fetch.parse import parse_feed

    datas = [path.read_bytes() for path in paths]
    start = time.perf_counter()
    for n, data in enumerate(datas):
        parse_feed(data, f"f{n}", time.time())
    return time.perf_counter() - start


def run(args) -> list[Result]:
    paths = feed_files(FEEDS)
    items = FEEDS * ITEMS_PER_FEED
    alone, together = [], []
    with ProcessPoolExecutor(2) as pool:
        pool.submit(_parse_all, paths[:1]).result()  # both workers started and imported
        pool.submit(_parse_all, paths[:1]).result()
        for _ in range(args.repeats):
            alone.append(items / pool.submit(_parse_all, paths).result())
            start = time.perf_counter()
            runs = [pool.submit(_parse_all, paths), pool.submit(_parse_all, paths)]
            for run_ in runs:
                run_.result()
            together.append(2 * items / (time.perf_counter() - start))
    one, two = statistics.median(alone), statistics.median(together)
    return [
        Result("parse_feed, one process alone", one, "items/s", command="tui.fetch.parse.parse_feed over 6 feed files",
               note="the other core idle"),
        Result("parse_feed, two processes at once, combined", two, "items/s", command="the same, twice at once",
               note=f"{two / one:.2f}× one process: the ceiling for ingest on this machine, before storing"),
    ]
