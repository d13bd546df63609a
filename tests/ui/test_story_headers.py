"""Group headers count stories while stories fold (a place holding one story of five copies says 1), and items
in the flat view of Z; a story is unread in its header while any of its items is."""

from __future__ import annotations

import pytest

from tests.helpers.desk import settle
from tests.helpers.story_desk import story_desk, to_story
from tui.core.grouping import Header
from tui.core.items import Item
from tui.core.story_view import StoryRow
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


def groups(app) -> dict[str, tuple[Header, list[Item]]]:
    """Each group's header and the rows listed under it."""
    found: dict[str, tuple[Header, list[Item]]] = {}
    under: list[Item] = []
    for row in app.query_one(WireList).rows:
        if isinstance(row, Header):
            under = []
            found[row.group] = (row, under)
        else:
            under.append(row)
    return found


def group_of(app, item_id: str) -> Header:
    return next(header for header, rows in groups(app).values() if any(row.id == item_id for row in rows))


async def test_headers_count_stories_and_the_flat_view_counts_items(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        quake = await to_story(app, pilot, "Erdbeben")
        assert quake.count == 5
        header = group_of(app, quake.id)
        for group, rows in groups(app).values():
            assert (group.count, group.unread) == (len(rows), len(rows)), group.group  # a row a story, all unread
        assert header.count == len(groups(app)[header.group][1]) < 5

        await pilot.press("z")  # opened, the story's items do not count again
        await settle(app, pilot)
        assert group_of(app, quake.id).count == header.count

        await pilot.press("Z")  # the flat view: items
        await settle(app, pilot)
        assert not any(isinstance(row, StoryRow) for row in app.query_one(WireList).rows)
        for group, rows in groups(app).values():
            assert group.count == len(rows), group.group
        assert group_of(app, quake.id).count >= header.count + 4  # the story's other four copies


async def test_a_story_read_counts_one_less_unread_in_its_header(tmp_path):
    app = story_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        quake = await to_story(app, pilot, "Erdbeben")
        header = group_of(app, quake.id)
        before = (header.count, header.unread)
        await pilot.press("m")  # five items read: one story
        await settle(app, pilot)
        after = group_of(app, quake.id)
        assert (after.count, after.unread) == (before[0], before[1] - 1)
        await pilot.press("m")  # and unread again
        await settle(app, pilot)
        after = group_of(app, quake.id)
        assert (after.count, after.unread) == before
