"""The narrow layout: at 80 columns or in a tall narrow pane the list has the whole width, and the
article opens in its place (Enter, tab) and goes back (Esc, tab), as in a mail client."""

from __future__ import annotations

import pytest

from tests.helpers.desk import NOW, head_text, make_desk, settle
from tui.core.compact import short_agency
from tui.core.items import Item
from tui.core.timefmt import ago_short
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


def footer(app) -> str:
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[-1])


@pytest.mark.parametrize("size, narrow", [((80, 24), True), ((60, 40), True), ((100, 60), True),
                                          ((100, 30), False), ((160, 45), False)])
async def test_narrow_terminals_and_tall_panes_give_the_list_the_whole_width(tmp_path, size, narrow):
    app = make_desk(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        assert (wire.outer_size.width == size[0]) is narrow
        assert article.display is not narrow


async def test_enter_opens_the_article_in_the_lists_place_and_esc_goes_back(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press("j")
        item = wire.current
        await pilot.pause(0.4)
        assert item.id not in app.desk.marks.read, "a headline in the list alone is not read"
        await pilot.press("enter")
        await settle(app, pilot)
        assert article.display and article.has_focus and not wire.display
        assert article.outer_size.width == 80
        assert head_text(app).startswith(item.title)
        await pilot.pause(0.4)
        assert item.id in app.desk.marks.read, "an article that stays open is read"
        await pilot.press("j")  # the next item, without leaving the article
        await settle(app, pilot)
        assert wire.current.id != item.id and head_text(app).startswith(wire.current.title)
        assert "Esc Back to the list" in footer(app), footer(app)
        await pilot.press("escape")
        assert wire.display and wire.has_focus and not article.display
        assert "Esc Back to the list" not in footer(app), "the footer offers the way back only while it leads somewhere"
        assert wire.current.id != item.id, "back on the item read last"


async def test_tab_goes_between_list_and_article_and_a_wide_window_shows_both(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press("tab")
        assert article.has_focus and not wire.display
        await pilot.press("tab")
        assert wire.has_focus and not article.display
        await pilot.press("enter")
        await pilot.resize_terminal(160, 45)  # wide again: both panes, the article still focused
        await pilot.pause()
        assert wire.display and article.display and article.has_focus
        assert wire.outer_size.width < 160
        await pilot.press("tab")
        assert wire.has_focus
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert wire.display and not article.display, "narrow again: the list"


# wrap_titles = true: a long headline takes a second line


async def test_wrapped_headlines_take_two_lines_and_the_cursor_keeps_its_item(tmp_path):
    app = make_desk(tmp_path, wrap_titles=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        room = wire._title_room(wire.scrollable_content_region.width) - 2
        long = [n for n, row in enumerate(wire.rows) if isinstance(row, Item) and len(row.title) > room]
        assert long, "the demo wire has headlines too long for one line at 100 columns"
        assert wire.virtual_size.height == len(wire.rows) + len(long)
        first = long[0]
        line = wire.lines.line_of(first)
        wire.select(first)
        await pilot.pause()
        item = wire.current
        top = int(wire.scroll_y)
        first_line, second_line = wire.render_line(line - top).text, wire.render_line(line + 1 - top).text
        assert first_line.split()[-2:] == [short_agency(item.agencies), ago_short(item.published, NOW, app.lang)]
        assert " ".join(first_line[2:].split()[:-2] + second_line.split()) == item.title, "the whole headline"
        assert second_line.startswith("  ") and not second_line.startswith("   ")
        await pilot.click(WireList, offset=(10, line + 1 - top))  # the second line is the same row
        assert wire.current.id == item.id
        await pilot.resize_terminal(160, 40)  # wider: fewer rows wrap, the cursor stays on its item
        await pilot.pause()
        assert wire.current.id == item.id
        assert wire.virtual_size.height < len(wire.rows) + len(long)
        await pilot.press("j", "k")
        assert wire.current.id == item.id
