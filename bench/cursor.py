"""The list at 100k items, in memory (no disk): one cursor move plus a redraw, regrouping, filtering."""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.common import Result, median_time, scratch_dir, timed
from bench.generate import ITEMS_PER_FEED, feed_items

SIZE = 100_000
MOVES = 1_000


def items() -> list:
    from tui.core.items import Item

    out = []
    for feed in range(SIZE // ITEMS_PER_FEED):
        for it in feed_items(feed):
            out.append(Item(id=it["guid"], feed=f"Bench wire {feed:03d}", title=it["title"], link=it["link"],
                            published=it["published"], places=it["places"], agencies=it["agencies"]))
    return out


async def moves(all_items: list) -> tuple[list[float], float, float]:
    from tui.store import open_store
    from tui.ui.app import WireDesk

    with scratch_dir() as empty:
        # The real app on an empty store, handed the items and redrawn through its own rebuild().
        app = WireDesk(open_store(empty), [], poll=False, mark_read_delay=3600)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()  # the empty cache load must not land after our items
            app.desk.items = {item.id: item for item in all_items}
            first = timed(app.desk_screen.rebuild)
            await pilot.pause()
            wire = app.desk_screen.wire
            times = []
            for _ in range(MOVES):
                start = time.perf_counter()
                wire.action_cursor_down()
                for y in range(wire.size.height):
                    wire.render_line(y)
                times.append(time.perf_counter() - start)
                await asyncio.sleep(0)  # let the app breathe between moves, untimed
            # New items while the reader sits deep in the list: the rebuild must find the cursor's item again.
            wire.action_last()
            deep = timed(app.desk_screen.rebuild)
            await pilot.pause()  # the app handles the queued Highlighted messages before it shuts down
            await app.workers.wait_for_complete()
            return times, first, deep


def run(args) -> list[Result]:
    from tui.core.grouping import View, build_rows

    all_items = items()
    read = {item.id for item in all_items[::2]}  # half read, so the filter has work to do
    regroup = median_time(args.repeats, lambda: build_rows(all_items, read))
    unread = median_time(args.repeats, lambda: build_rows(all_items, read, view=View(unread_only=True)))
    search = median_time(args.repeats, lambda: build_rows(all_items, read, view=View(query="kyiv talks")))
    times, first, deep = asyncio.run(moves(all_items))
    ms = sorted(t * 1000 for t in times)
    return [
        Result("cursor move + redraw of the visible list, 100k items", statistics.median(ms), "ms", 5.0,
               command="wire.action_cursor_down(); wire.render_line(y) for every visible y",
               note=f"{MOVES} moves; p95 {ms[int(len(ms) * 0.95)]:.2f} ms, max {ms[-1]:.2f} ms"),
        Result("build_rows, 100k items (regroup)", regroup * 1000, "ms", 200.0, command="build_rows(items, read)"),
        Result("build_rows unread_only, 100k items (filter)", unread * 1000, "ms", 200.0,
               command="build_rows(items, read, view=View(unread_only=True))", note="half the items read"),
        Result("build_rows with a search, 100k items (filter)", search * 1000, "ms", 200.0,
               command="build_rows(items, read, view=View(query='kyiv talks'))", note="titles and summaries"),
        Result("desk_screen.rebuild(), 100k items, first fill", first * 1000, "ms", command="DeskScreen.rebuild()",
               note="build_rows + WireList.set_rows, all unread"),
        Result("desk_screen.rebuild(), 100k items, cursor on the last item", deep * 1000, "ms",
               command="wire.action_last(); DeskScreen.rebuild()", note="what a poll landing while reading costs"),
    ]
