"""The article pane on a story: the item's own headline and version mark, the story's other carriers ("Also:
Reuters 2 hr earlier, ..."), and [ and ] stepping the pane between them while the cursor stays on the story."""

from __future__ import annotations

import pytest

from tests.helpers.desk import head_text, settle
from tests.helpers.story_desk import WIRES, story_desk, to_story
from tests.helpers.waiting import until
from tui.core.story_view import StoryRow
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


async def test_the_article_shows_the_items_own_headline_its_mark_and_the_other_carriers(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        quake = await to_story(app, pilot, "Erdbeben")
        await settle(app, pilot)
        head = head_text(app)
        title = WIRES["quake-dpa-neu"].title
        assert head.startswith(f"{title}   updated \n"), head  # no "▸ [updated]" of the list's row
        also = head.splitlines()[-1]
        assert also.startswith("Also: Reuters 2 hr earlier, ANP 2 hr earlier, dpa (superseded) 2 hr earlier, AFP ")
        assert app.query_one(WireList).current.title == quake.title == f"▸ [updated] {title}"


async def test_brackets_step_between_the_carriers_and_the_cursor_stays_on_the_story(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        quake = await to_story(app, pilot, "Erdbeben")
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        cursor = wire.cursor
        await pilot.press("right_square_bracket")  # from the newest version round to the oldest carrier
        await settle(app, pilot)
        assert article.item is not None and article.item.title == WIRES["quake-rtr"].title
        assert head_text(app).startswith(WIRES["quake-rtr"].title)
        assert "Also: ANP 12 min later" in head_text(app)
        await until(lambda: "Malatya province" in article.query_one("#article-body").source,
                    what="the carrier's body", pilot=pilot)
        assert wire.cursor == cursor and wire.current.story == quake.story
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert article.item.title == WIRES["quake-dpa"].title and " superseded " in head_text(app).splitlines()[0]
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert article.item.title == WIRES["quake-dpa-neu"].title, "back round the story"
        await pilot.press("right_square_bracket")  # leaving the story and coming back: its row's item
        await to_story(app, pilot, "Erdbeben")
        await settle(app, pilot)
        assert wire.current.story == quake.story and article.item.title == WIRES["quake-dpa-neu"].title


async def test_an_item_alone_in_its_story_has_no_carriers_to_step_to(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press("g")
        while isinstance(wire.current, StoryRow):
            await pilot.press("j")
        await settle(app, pilot)
        alone = wire.current
        assert alone is not None and wire.current.id == article.item.id
        assert "Also:" not in head_text(app)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert article.item.id == alone.id
