"""The soak's desk, with a probe: `python -m bench.soak_probe ARGS` runs `wiredesk ARGS`, and each SIGUSR1 writes what
the desk holds to the JSON file named by $SOAK_PROBE (then .1, .2, ...).

Each report has the items the desk holds, the bytes Python's allocator hands out and holds, and glibc's heap in use
and free, so that growth can be told apart: more items legitimately held, Python objects piling up (a leak), or a
heap that holds freed memory. With $SOAK_TRACE set, the first report also starts tracemalloc (from the start it would
double the desk's memory and make it miss polls) and the later ones name the sites whose blocks grew since,
replacements of older blocks included; it perturbs the desk it measures (several times its CPU, 10 MB and more of
its own), so a plain soak leaves it off.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import re
import signal
import sys
import tempfile
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


def pymalloc() -> dict[str, float]:
    """Python's small-object allocator: kB in live blocks, and kB its arenas hold (sys._debugmallocstats)."""
    with tempfile.TemporaryFile() as out:
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)  # the statistics go to the C library's stderr
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode()
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    arenas = re.search(r"# arenas allocated current\s*=\s*([\d,]+)", text)
    return {"pymalloc_used_kb": int(used.group(1).replace(",", "")) / 1024 if used else -1,
            "pymalloc_arenas_kb": int(arenas.group(1).replace(",", "")) * 1024 if arenas else -1}


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def glibc() -> dict[str, float]:
    """glibc's heap: kB in use and free in its arenas, and kB in blocks it mmapped (mallinfo2)."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except AttributeError:  # not glibc 2.33+
        return {}
    mallinfo2.restype = _Mallinfo2
    info = mallinfo2()
    return {"glibc_used_kb": info.uordblks / 1024, "glibc_free_kb": info.fordblks / 1024,
            "glibc_mmapped_kb": info.hblkhd / 1024}


class Probe:
    def __init__(self, path: str, trace: bool) -> None:
        self.path = path
        self.trace = trace
        self.count = 0

    def __call__(self, signum: int, frame: object) -> None:
        report: dict[str, object] = {**held(), **glibc()}  # glibc's heap holds tracemalloc's own tables too
        first = f"{self.path}.snapshot"
        if not self.trace:
            report.update(pymalloc())
        elif self.count == 0:
            report.update(pymalloc())
            tracemalloc.start(FRAMES)
            tracemalloc.take_snapshot().dump(first)
        else:
            ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, __file__)]
            report["tracemalloc_kb"] = tracemalloc.get_tracemalloc_memory() / 1024
            report["traced_kb"] = tracemalloc.get_traced_memory()[0] / 1024
            report["sites"] = grown(tracemalloc.take_snapshot().filter_traces(ignore), tracemalloc.Snapshot.load(first))
            tracemalloc.stop()  # pymalloc has no statistics to give while tracemalloc stands in front of it
            report.update(pymalloc())
        name = self.path if self.count == 0 else f"{self.path}.{self.count}"
        self.count += 1
        Path(f"{name}.tmp").write_text(json.dumps(report), encoding="utf-8")
        os.replace(f"{name}.tmp", name)


def main() -> int:
    signal.signal(signal.SIGUSR1, Probe(os.environ["SOAK_PROBE"], bool(os.environ.get("SOAK_TRACE"))))
    from tui.cli import main as wiredesk

    sys.argv[0] = "wiredesk"
    return wiredesk()


if __name__ == "__main__":
    sys.exit(main())
