"""Building a WireDesk on a seeded cache at a fixed time, for Pilot and snapshot tests, and reading what it shows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Static

from tui.core.grouping import Header
from tui.core.items import Item
from tui.fetch.demo import seed
from tui.store import Store, open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList

# Just after the newest bundled demo item, so relative times are fixed.
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC).timestamp()


def seeded_store(data_dir: Path) -> Store:
    store = open_store(data_dir)
    seed(store, NOW)
    return store


def make_desk(data_dir: Path, *, mark_read_delay: float = 60.0, sources=(), poll: bool = False, **options) -> WireDesk:
    """A desk on the cache in data_dir; seeds it on first use. `options` go to WireDesk."""
    store = open_store(data_dir) if any(data_dir.glob("ids/*.json")) else seeded_store(data_dir)
    return WireDesk(store, list(sources), poll=poll, mark_read_delay=mark_read_delay, clock=lambda: NOW, **options)


async def settle(app: WireDesk, pilot) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def item_rows(app: WireDesk) -> list[Item]:
    """The items the list shows, in order, without the group headers."""
    return [r for r in app.query_one(WireList).rows if isinstance(r, Item)]


async def to_item(app: WireDesk, pilot, item_id: str) -> None:
    """Move the cursor from the top down onto the row of the item `item_id`."""
    wire = app.query_one(WireList)
    await pilot.press("g")
    for _ in range(len(wire.rows)):
        if wire.current is not None and wire.current.id == item_id:
            return
        await pilot.press("j")
    raise AssertionError(f"{item_id} is not in the list")


def group_names(app: WireDesk) -> list[str]:
    """The list's group headers, in order."""
    return [r.group for r in app.query_one(WireList).rows if isinstance(r, Header)]


def head_text(app: WireDesk) -> str:
    return str(app.query_one("#article-head", Static).render())


def status_text(app: WireDesk) -> str:
    return str(app.query_one(StatusBar).render())
