"""The desk in a child process, so that a frozen event loop is a reported hang, not a hung run.

`render_child_main` is a Pilot session run in the child; `render_in_child` starts it,
bounds the time each article may take, and kills the child past that.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import ROOT
from tests.helpers.hostile_text import BODY_START, CONTROL

RENDER_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tests.helpers import hostile_render
hostile_render.render_child_main(sys.argv[2:])
"""


def row_item(row):
    """The item on a wire-list row, or None for a group header (rows are Items or Headers)."""
    from tui.core.items import Item

    return row if isinstance(row, Item) else getattr(row, "item", None)


def row_ids(wire) -> list[str]:
    return [item.id for item in map(row_item, wire.rows) if item is not None]


def widget_lines(widget) -> list[str]:
    lines = []
    for y in range(widget.size.height):
        lines.append("".join(segment.text for segment in widget.render_line(y)))
    return lines


def render_child_main(argv: list[str]) -> None:
    """argv: DATA_DIR ID... Opens the desk on DATA_DIR; for each ID moves the cursor to it with
    j/k and waits (asyncio.wait_for, 10 s) until its body is rendered; prints a JSON line each."""
    import asyncio

    from textual.widgets import Markdown, Static

    from tui.store import open_store
    from tui.ui.app import WireDesk
    from tui.ui.widgets.wire_list import WireList

    data_dir, ids = argv[0], argv[1:]

    def emit(**record) -> None:
        print(json.dumps(record), flush=True)

    async def main() -> None:
        store = open_store(data_dir)
        store.save_settings(stories="off")  # the bodies open alike, so they fold: this walks item by item
        app = WireDesk(store, [], poll=False, mark_read_delay=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            wire = app.query_one(WireList)
            emit(event="opened", items=len(app.desk.items))

            async def shown(item_id: str) -> None:
                for _ in range(len(wire.rows) * 2 + 2):
                    if wire.current is not None and wire.current.id == item_id:
                        break
                    order = row_ids(wire)
                    ahead = order.index(item_id) > order.index(wire.current.id)
                    await pilot.press("j" if ahead else "k")
                assert wire.current.id == item_id
                body = app.query_one("#article-body", Markdown)
                while True:
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    if BODY_START in (body.source or ""):
                        break
                await pilot.pause()

            for item_id in ids:
                started = time.monotonic()
                try:
                    await asyncio.wait_for(shown(item_id), timeout=10)
                except TimeoutError:
                    emit(event="timeout", id=item_id, seconds=time.monotonic() - started)
                    continue
                seconds = time.monotonic() - started
                body = app.query_one("#article-body", Markdown)
                blocks = [w for w in body.walk_children() if not w.children]
                body_lines = [line for block in blocks for line in widget_lines(block)]
                head_lines = widget_lines(app.query_one("#article-head", Static))
                rows = widget_lines(wire)
                after = time.monotonic()
                await pilot.press("j")  # still answers keys
                await pilot.press("k")
                emit(event="shown", id=item_id, seconds=seconds, key_seconds=time.monotonic() - after,
                     source_chars=len(body.source), source_tail=body.source[-200:], head=head_lines[:3],
                     head_lines=len(head_lines), rows=rows,
                     body_text="\n".join(body_lines[:40]), body_tail="\n".join(body_lines[-40:]),
                     body_lines=len(body_lines),
                     controls=sorted({hex(ord(c)) for line in body_lines + head_lines + rows
                                      for c in CONTROL.findall(line)}))
            emit(event="done", running=app.is_running)

    asyncio.run(main())


@dataclass
class Rendered:
    opened: bool = False
    records: dict[str, dict] = field(default_factory=dict)
    hung_on: str | None = None
    stderr: str = ""
    done: bool = False


def render_in_child(data_dir: Path, ids: list[str], env: Mapping[str, str], *, open_timeout: float = 20.0,
                    per_item: float = 12.0) -> Rendered:
    """Runs render_child_main; an item that takes longer than `per_item` seconds (measured here,
    outside the child's event loop) is a hang: the child is killed and the item reported."""
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child must not block on it
    proc = subprocess.Popen([sys.executable, "-c", RENDER_CHILD, str(ROOT), str(data_dir), *ids],
                            stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, cwd=ROOT,
                            env=dict(env))
    result = Rendered()
    pending = list(ids)
    deadline = time.monotonic() + open_timeout
    buffer = b""
    try:
        while True:
            if b"\n" not in buffer:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([proc.stdout], [], [], max(left, 0))
                if not ready:
                    result.hung_on = pending[0] if result.opened and pending else "<opening>"
                    break
                chunk = os.read(proc.stdout.fileno(), 1 << 20)
                if not chunk:
                    break
                buffer += chunk
                continue
            line, buffer = buffer.split(b"\n", 1)
            record = json.loads(line)
            if record["event"] == "opened":
                result.opened = True
            elif record["event"] in ("shown", "timeout"):
                result.records[record["id"]] = record
                pending.remove(record["id"])
            elif record["event"] == "done":
                result.done = record["running"]
                break
            deadline = time.monotonic() + per_item
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        errors.seek(0)
        result.stderr = errors.read().decode("utf-8", "replace")
        errors.close()
        proc.stdout.close()
    return result
