"""The soak's desk, with a probe: `python -m bench.soak_probe ARGS` runs `wiredesk ARGS` under tracemalloc, and each
SIGUSR1 writes what the desk holds to the JSON file named by $SOAK_PROBE (then .1, .2, ...).

Each report has the items the desk holds, what tracemalloc traces and its own overhead; from the second on, the
allocation sites that grew most since the first (a snapshot diff), so growth can be told apart from the wire
growing (more items legitimately held) and from a leak.
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

    # The desk freezes what it loaded (gc.freeze), out of get_objects' sight: thaw, count, freeze again.
    gc.unfreeze()
    gc.collect()
    objects = gc.get_objects()
    gc.freeze()
    desks = [obj for obj in objects if type(obj) is Desk]
    items = sum(type(obj) is Item for obj in objects)
    return {"desk_items": sum(len(desk.items) for desk in desks), "item_objects": items}


def _site(traceback: tracemalloc.Traceback) -> tuple[str, str]:
    """Where a block was allocated: its innermost frame in our code (else the innermost), and the innermost."""
    frames = list(traceback)  # innermost first
    ours = next((f for f in frames if "/tui/" in f.filename), frames[0])
    where = ours.filename.rsplit("/tui/", 1)[-1].rsplit("site-packages/", 1)[-1]
    return f"{where}:{ours.lineno}", f"{Path(frames[0].filename).name}:{frames[0].lineno}"


def grown(now: tracemalloc.Snapshot, then: tracemalloc.Snapshot) -> list[dict[str, object]]:
    """The sites whose live blocks grew most from `then` to `now`, merged by _site."""
    size: Counter[tuple[str, str]] = Counter()
    blocks: Counter[tuple[str, str]] = Counter()
    for stat in now.compare_to(then, "traceback"):
        key = _site(stat.traceback)
        size[key] += stat.size_diff
        blocks[key] += stat.count_diff
    return [{"site": site, "inner": inner, "kb": kb / 1024, "blocks": blocks[site, inner]}
            for (site, inner), kb in size.most_common(SITES)]


class Probe:
    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0

    def __call__(self, signum: int, frame: object) -> None:
        report: dict[str, object] = dict(held())
        report["traced_kb"] = tracemalloc.get_traced_memory()[0] / 1024
        report["tracemalloc_kb"] = tracemalloc.get_tracemalloc_memory() / 1024
        ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, __file__)]
        snapshot = tracemalloc.take_snapshot().filter_traces(ignore)
        first = f"{self.path}.snapshot"
        if self.count == 0:
            snapshot.dump(first)
        else:
            report["sites"] = grown(snapshot, tracemalloc.Snapshot.load(first))
        name = self.path if self.count == 0 else f"{self.path}.{self.count}"
        self.count += 1
        Path(f"{name}.tmp").write_text(json.dumps(report), encoding="utf-8")
        os.replace(f"{name}.tmp", name)


def main() -> int:
    tracemalloc.start(FRAMES)
    signal.signal(signal.SIGUSR1, Probe(os.environ["SOAK_PROBE"]))
    from tui.cli import main as wiredesk

    sys.argv[0] = "wiredesk"
    return wiredesk()


if __name__ == "__main__":
    sys.exit(main())
