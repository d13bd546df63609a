"""Stories on the running desk: one row per story, opened and closed with z, read as a whole, turned off with Z
(remembered), a new version landing under the cursor; and pictures of a folded and an opened story."""

from __future__ import annotations

import pytest

from tests.helpers.desk import settle
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.story_corpus import feed_file
from tests.helpers.story_desk import NOW, WIRES, folded_store, rows, story_desk, to_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.core.story_view import StoryRow
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


async def test_a_story_is_one_row_that_z_opens_and_closes(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = [row.title for row in rows(app)]
        assert len(titles) == 6, titles  # quake (5 items), metro (3), fire (3 in two feeds), and three alone
        quake = await to_story(app, pilot, "Erdbeben")
        assert quake.title == "▸ [updated] Erdbeben in der Türkei: Zahl der Toten steigt auf 19 (Neu: Opferzahl)"
        assert quake.agencies == ("Reuters", "ANP", "dpa", "AFP") and quake.count == 5
        await pilot.press("z")
        await settle(app, pilot)
        wire = app.query_one(WireList)
        assert wire.current.story == quake.story and wire.current.title.startswith("▾ ")
        inside = [row.title for row in rows(app) if isinstance(row, StoryRow) and row.count == 1]
        assert len(inside) == 4 and "  · [superseded] Erdbeben der Stärke 6,1 erschüttert Osttürkei" in inside
        await pilot.press("j", "z")  # closing from an item inside: the cursor goes back to the story's row
        await settle(app, pilot)
        assert wire.current.story == quake.story and wire.current.title.startswith("▸ ")
        assert len(rows(app)) == 6


async def test_reading_a_story_marks_all_its_items_read(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        metro = await to_story(app, pilot, "Moskau")
        members = app.desk.stories.ids(metro.id, app.desk.items)
        assert len(members) == 3
        await pilot.press("m")
        await until(lambda: set(members) <= app.store.read_ids(), what="the story's marks saved", pilot=pilot)
        assert app.query_one(WireList).current.id == metro.id


async def test_a_story_stays_unread_while_any_of_its_items_is_and_m_then_reads_it_all(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        metro = await to_story(app, pilot, "Moskau")
        members = app.desk.stories.ids(metro.id, app.desk.items)
        app.desk.bulk_mark([metro.id], True, NOW)  # only the row's own item read, as on another desk
        app.desk_screen.redraw()
        await settle(app, pilot)
        wire = app.query_one(WireList)
        line = "".join(segment.text for segment in wire._item_line(wire.current, 80, False))
        assert line.startswith("● "), f"a story with unread items shows unread: {line!r}"
        await pilot.press("m")
        await until(lambda: set(members) <= app.desk.marks.read, what="every item of the story read", pilot=pilot)
        line = "".join(segment.text for segment in wire._item_line(wire.current, 80, False))
        assert not line.startswith("● "), line


async def test_stories_off_lists_every_item_and_the_choice_is_remembered(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("Z")
        await settle(app, pilot)
        assert len(rows(app)) == 14 and not any(isinstance(row, StoryRow) for row in rows(app))
    again = WireDesk(open_store(tmp_path / "data"), [], poll=False, clock=lambda: NOW)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert len(rows(again)) == 14


async def test_a_new_version_under_the_cursor_keeps_the_reader_on_the_story(tmp_path):
    keys = ("quake-rtr", "quake-anp", "quake-dpa", "metro-rtr")
    store = folded_store(tmp_path / "data", tmp_path / "feeds", keys)
    reuters = feed_file(tmp_path / "feeds", "Reuters-World", [WIRES["quake-rtr"], WIRES["metro-rtr"]])
    sources = [FeedSource(url=reuters, interval=POLL_INTERVAL)]
    app = WireDesk(store, sources, poll=True, mark_read_delay=3600, clock=lambda: NOW)
    async with live_desk(app, (120, 40)) as pilot:
        await until(lambda: app.desk.polled_once, what="the first poll", pilot=pilot)
        quake = await to_story(app, pilot, "Erdbeben")
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press("m")  # the reader has read the story
        await until(lambda: quake.id in app.desk.marks.read, what="the story read", pilot=pilot)
        shown = str(app.query_one("#article-head").render())
        feed_file(tmp_path / "feeds", "Reuters-World", [WIRES["quake-rtr"], WIRES["metro-rtr"],
                                                        WIRES["quake-rtr-u1"]])
        await until(lambda: wire.current is not None and "UPDATE 1-" in wire.current.title,
                    what="the update on the story's row", pilot=pilot)
        assert wire.current.story == quake.story, "the cursor stays on the story"
        assert wire.current.title.startswith("▸ [updated] UPDATE 1-")
        assert wire.current.id not in app.desk.marks.read, "a new version brings the story back unread"
        head = str(app.query_one("#article-head").render())
        assert head.splitlines()[:-1] == shown.splitlines()[:-1], "the article pane is not reset"
        also = head.splitlines()[-1]
        assert "Reuters (updated) " in also and also not in shown, "its carriers follow the story"
        assert article.scroll_y == 0


def _opened(app, title_part: str, presses: tuple[str, ...]):
    async def run_before(pilot):
        await settle(app, pilot)
        await to_story(app, pilot, title_part)
        await pilot.press(*presses)
        await settle(app, pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_folded_story_snapshot(snap_compare, tmp_path, size):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    assert snap_compare(app, terminal_size=size, run_before=_opened(app, "Erdbeben", ()))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_opened_story_snapshot(snap_compare, tmp_path, size):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    assert snap_compare(app, terminal_size=size, run_before=_opened(app, "Erdbeben", ("z",)))
