"""In-process TUI start-up on the 50k cache: from opening the store to a list with rows."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from bench.common import Result, scratch_copy
from bench.generate import cache

SIZE = 50_000


async def time_to_rows(data: Path) -> float:
    from tui.store import open_store
    from tui.ui.app import WireDesk
    from tui.ui.widgets.wire_list import WireList

    # The clock starts before open_store(): if opening the store ever loads the cache, that counts.
    start = time.perf_counter()
    app = WireDesk(open_store(data), [], poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        wire = app.query_one(WireList)
        while not wire.rows:
            await pilot.pause(0.01)
        return time.perf_counter() - start


def run(args) -> list[Result]:
    import tui.ui.app  # noqa: F401  imports are not start-up of the list; the first run must not pay them

    with scratch_copy(cache(SIZE)) as data:  # the desk marks the first item read after a second
        times = [asyncio.run(time_to_rows(data)) for _ in range(args.repeats)]
    return [
        Result("TUI: store opened → list has rows, 50k items", statistics.median(times), "s", 2.0,
               command="WireDesk(open_store(D), [], poll=False).run_test(size=(120, 40))",
               note=f"in-process; runs {', '.join(f'{t:.2f}' for t in times)} s"),
    ]
