"""y, e (and o, t) act on the carrier the reader stepped to with [ and ] in the article pane, not on the list's
story row: the link copied and the article exported are that agency's."""

from __future__ import annotations

import pytest

from tests.helpers.desk import settle
from tests.helpers.story_desk import NOW, WIRES, folded_store, to_story
from tui.ui.app import WireDesk
from tui.ui.widgets.article import ArticleView

pytestmark = pytest.mark.usefixtures("utc")


def link(app: WireDesk, key: str) -> str:
    """The link the desk holds for a corpus item."""
    return next(item.link for item in app.desk.items.values() if item.title == WIRES[key].title)


async def test_y_and_e_take_the_carrier_stepped_to(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    store = folded_store(tmp_path / "data", tmp_path / "feeds")
    app = WireDesk(store, [], poll=False, mark_read_delay=3600, clock=lambda: NOW, export_dir=out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await to_story(app, pilot, "Erdbeben")
        await pilot.press("y")  # the story's row: its newest version
        assert app.clipboard == link(app, "quake-dpa-neu")
        await pilot.press("right_square_bracket")  # round to the oldest carrier, Reuters
        await settle(app, pilot)
        assert app.query_one(ArticleView).item.title == WIRES["quake-rtr"].title
        await pilot.press("y", "e")
        await settle(app, pilot)
        assert app.clipboard == link(app, "quake-rtr") != link(app, "quake-dpa-neu")
        rtr = link(app, "quake-rtr")
    [exported] = out.glob("*.md")
    text = exported.read_text()
    assert text.startswith(f"# {WIRES['quake-rtr'].title}\n"), text[:200]  # the carrier's own headline
    assert "Malatya province" in text and rtr in text
