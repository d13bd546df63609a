"""Scale stays designed in: these count work instead of timing it (timings live in bench/)."""

from __future__ import annotations

import os

from tests.helpers.desk import NOW, make_desk, settle
from tui.core.grouping import build_rows
from tui.core.items import Item
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import Marks, WireList

ITEMS = 100_000


def many_items(n: int) -> list[Item]:
    return [
        Item(id=f"id-{i}", feed="bench", title=f"Item {i}", link="", published=NOW - i, places=(f"PLACE{i % 40}",))
        for i in range(n)
    ]


async def test_the_list_draws_only_the_visible_rows(tmp_path, monkeypatch):
    drawn: list[str] = []
    original = WireList._item_line

    def counting(self, item, width, selected, *rest):
        drawn.append(item.id)
        return original(self, item, width, selected, *rest)

    monkeypatch.setattr(WireList, "_item_line", counting)
    app = WireDesk(open_store(tmp_path), [], poll=False, clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        wire.set_rows(build_rows(many_items(ITEMS)), Marks())
        await pilot.pause()
        drawn.clear()
        for _ in range(10):
            await pilot.press("j")
        await pilot.press("G")
        await pilot.pause()
        height = wire.scrollable_content_region.height
        # Eleven moves, each repainting at most a screen: nowhere near the 100k rows.
        assert 0 < len(drawn) <= 11 * height * 2
        assert len(set(drawn)) <= 2 * height + 11


async def test_marking_read_in_the_app_writes_only_the_read_state(tmp_path):
    make_desk(tmp_path)  # seeds the cache
    item_files = sorted((tmp_path / "items").glob("*.json")) + sorted((tmp_path / "bodies").glob("*.json"))
    id_files = sorted((tmp_path / "ids").glob("*.json"))
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in [*item_files, *id_files]}
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        for _ in range(5):
            await pilot.press("m", "j")
        await settle(app, pilot)
    assert len(open_store(tmp_path).read_ids()) == 5
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in before}
    assert after == before
    assert os.path.getsize(tmp_path / "state.json") < 2000
