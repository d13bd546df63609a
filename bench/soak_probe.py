"""The soak's desk, with a probe: `python -m bench.soak_probe ARGS` runs `wiredesk ARGS`, and each SIGUSR1 writes
what the desk holds to the JSON file named by $SOAK_PROBE (then .1, .2, ...).

The first signal (after the warm-up) starts tracemalloc; the last one's snapshot then holds only the blocks
allocated since that are still alive, which is exactly the growth, by allocation site. Both report the items the
desk holds, so growth can be told apart from the wire growing (more items legitimately held) and from a leak.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

SITES = 12  # allocation sites reported
FRAMES = 6  # frames kept per block: enough to name the desk's line behind a library's allocation


def held() -> dict[str, int]:
    """The items the desk state holds and the Item objects alive anywhere (pollers' copies, stories)."""
    from tui.core.desk import Desk
    from tui.core.items import Item

    desks, items = [], 0
    # The desk freezes what it loaded (gc.freeze), out of get_objects' sight: thaw, count, freeze again.
    gc.unfreeze()
    gc.collect()
    objects = gc.get_objects()
    gc.freeze()
    for obj in objects:
        if type(obj) is Item:
            items += 1
        elif type(obj) is Desk:
            desks.append(obj)
    return {"desk_items": sum(len(desk.items) for desk in desks), "item_objects": items}


def sites(snapshot: tracemalloc.Snapshot) -> list[dict[str, object]]:
    """The largest allocation sites, each named by its innermost frame in our code (else the innermost) and the
    innermost frame itself, say `core/stories.py:212 (signals.py:40)`."""
    size: Counter[tuple[str, str]] = Counter()
    blocks: Counter[tuple[str, str]] = Counter()
    for stat in snapshot.statistics("traceback"):
        frames = list(stat.traceback)  # innermost first
        ours = next((f for f in frames if "/tui/" in f.filename), frames[0])
        inner = f"{Path(frames[0].filename).name}:{frames[0].lineno}"
        where = ours.filename.rsplit("/tui/", 1)[-1].rsplit("site-packages/", 1)[-1]
        key = (f"{where}:{ours.lineno}", inner)
        size[key] += stat.size
        blocks[key] += stat.count
    return [{"site": site, "inner": inner, "kb": kb / 1024, "blocks": blocks[site, inner]}
            for (site, inner), kb in size.most_common(SITES)]


class Probe:
    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0

    def __call__(self, signum: int, frame: object) -> None:
        report: dict[str, object] = dict(held())
        if tracemalloc.is_tracing():
            report["traced_kb"] = tracemalloc.get_traced_memory()[0] / 1024
            report["tracemalloc_overhead_kb"] = tracemalloc.get_tracemalloc_memory() / 1024
            report["sites"] = sites(tracemalloc.take_snapshot())
        else:
            tracemalloc.start(FRAMES)
        name = self.path if self.count == 0 else f"{self.path}.{self.count}"
        self.count += 1
        tmp = f"{name}.tmp"
        Path(tmp).write_text(json.dumps(report), encoding="utf-8")
        os.replace(tmp, name)


def main() -> int:
    signal.signal(signal.SIGUSR1, Probe(os.environ["SOAK_PROBE"]))
    from tui.cli import main as wiredesk

    sys.argv[0] = "wiredesk"
    return wiredesk()


if __name__ == "__main__":
    sys.exit(main())
