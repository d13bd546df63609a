"""The Urgent band while stories fold: an urgent event that ANP and Reuters carry (and dpa without a marker) is one
row in the band, with all three copies; the band's header counts it once, unread while any copy is, in step with
the marks; `Z`'s flat view pins and counts the urgent items."""

from __future__ import annotations

import time

import pytest

from tests.helpers.desk import settle, status_text
from tests.helpers.feeds import rss
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.story_desk import to_story
from tests.helpers.urgent_story import blast, blast_desk, quiet
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.core.grouping import Header
from tui.core.items import Item
from tui.core.story_view import StoryRow
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


def listed(app) -> dict[str, tuple[tuple[int, int], list[Item]]]:
    """Each header's (count, unread) and the rows under it."""
    found: dict[str, tuple[tuple[int, int], list[Item]]] = {}
    for row in app.query_one(WireList).rows:
        if isinstance(row, Header):
            found[row.group] = ((row.count, row.unread), under := [])
        else:
            under.append(row)
    return found


def blast_ids(app) -> set[str]:
    return {item.id for item in app.desk.items.values() if "Norvalt" in item.summary or "Antwerp" in item.title}


async def test_the_band_counts_an_urgent_story_once_in_step_with_its_marks(tmp_path):
    app = blast_desk(tmp_path / "data", tmp_path / "feeds")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        blast = blast_ids(app)
        assert len(blast) == 3 and len({app.desk.stories.story(i) for i in blast}) == 1, "the three copies fold"
        counts, band = listed(app)["Urgent"]
        assert counts == (1, 1), "one story, not two urgent items"
        [story] = band
        assert isinstance(story, StoryRow) and set(story.members) == blast, "dpa's copy, unmarked, came with it"
        for group, (counts, rows) in listed(app).items():  # every header counts the rows it stands over
            assert counts == (len(rows), len(rows)), group
            assert group == "Urgent" or not blast & {row.id for row in rows}, f"a copy of the blast under {group}"

        await to_story(app, pilot, "Chemiewerk")
        await pilot.press("m")  # the story's three items read: one story
        await settle(app, pilot)
        assert listed(app)["Urgent"][0] == (1, 0)
        await pilot.press("m")
        await settle(app, pilot)
        assert listed(app)["Urgent"][0] == (1, 1)

        await pilot.press("z", "j", "m")  # opened: its items do not count again; one copy read leaves it unread
        await settle(app, pilot)
        counts, band = listed(app)["Urgent"]
        assert counts == (1, 1) and len(band) == 3
        read = app.query_one(WireList).current.id
        assert read in app.desk.marks.read and read in blast

        await pilot.press("Z")  # the flat view: the urgent items alone are pinned, counted as items
        await settle(app, pilot)
        counts, band = listed(app)["Urgent"]
        urgent = {row.id for row in band}
        assert len(urgent) == 2 and urgent < blast and counts == (2, 2 - len(urgent & {read}))
        assert not any(isinstance(row, StoryRow) for rows in (r for _, r in listed(app).values()) for row in rows)
        await pilot.press("Z")
        await settle(app, pilot)
        assert listed(app)["Urgent"][0] == (1, 1)


async def test_two_agencies_urgent_copies_arriving_ring_once_and_count_as_one_new_story(server, data_dir):
    """Against a loopback server: ANP's and Reuters' urgent copies of one event arrive after the backlog."""
    calm = quiet(time.time())
    for agency, entry in calm.items():
        server.set(f"/{agency}.xml", rss([entry], title=agency))
    app = WireDesk(open_store(data_dir), [FeedSource(url=server.url(f"/{agency}.xml"), interval=POLL_INTERVAL)
                                          for agency in calm], poll=True)
    async with live_desk(app, (120, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())  # headless apps never ring; count instead
        await until(lambda: len(app.desk.polled_once) == 3, timeout=15, what="the backlog", pilot=pilot)
        events = blast(time.time())
        for agency in ("ANP", "Reuters"):
            server.set(f"/{agency}.xml", rss([events[agency], calm[agency]], title=agency))
        await until(lambda: len(blast_ids(app)) == 2 and len({app.desk.stories.story(i) for i in blast_ids(app)}) == 1
                    and "Urgent" in listed(app), what="both copies in one story", pilot=pilot)
        await pilot.pause(3 * POLL_INTERVAL)  # a late ring would come by now
        assert listed(app)["Urgent"][0] == (1, 1)
        assert "1 new since you looked" in status_text(app)
        assert len(bells) == 1
        assert [n.title for n in app._notifications if n.title in ("Flash", "Urgent")] == ["Urgent"]
