"""Group order never changes under the reader's eyes: against a real loopback feed, a group with news
keeps its place while the reader works the list, says `+N`, and moves up at the top, after idle
minutes, or with O."""

from __future__ import annotations

import time

import pytest

from tests.helpers.desk import group_names
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.stories import numbered_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.core.group_order import IDLE_REFRESH
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

PLACES = ["KYIV", "LONDON", "CARACAS", "MADRID"]


def _fresh(place: str, n: int) -> Entry:
    """Fresh story n, published n seconds ago: newer than the whole backlog."""
    return Entry(f"Fresh from {place} {n}", guid=f"urn:order:{n}", date=time.time() - n,
                 body=f"<p>{place} (ANP) - Just in.</p>")


@pytest.mark.parametrize("refresh", ["top", "key", "idle"])
async def test_groups_with_news_keep_their_place_until_the_reader_refreshes(server, data_dir, refresh):
    now = time.time()
    backlog = [numbered_story(k, now, place=PLACES[k % 4]) for k in range(8)]
    server.set("/wire.xml", rss(backlog))
    clock = [time.time()]
    app = WireDesk(open_store(data_dir), [FeedSource(url=server.url("/wire.xml"), interval=POLL_INTERVAL)],
                   poll=True, clock=lambda: clock[0] + (time.time() - now))
    async with live_desk(app, (100, 30)) as pilot:
        await until(lambda: len(app.desk.items) == 8 and app.desk.polled_once, what="the backlog", pilot=pilot)
        await pilot.pause()
        wire = app.query_one(WireList)
        assert group_names(app) == PLACES
        await pilot.press("j", "j", "j")  # into LONDON: the reader works the list
        reading = wire.current.id
        fresh = [_fresh("ODESA", 1), _fresh("CARACAS", 2), _fresh("CARACAS", 3)]
        server.set("/wire.xml", rss([*fresh, *backlog]))
        ids = [entry_id(entry, server.url("/wire.xml")) for entry in fresh]
        await until(lambda: all(i in app.desk.items for i in ids), what="the arrivals", pilot=pilot)
        await pilot.pause()
        assert group_names(app) == ["ODESA", *PLACES], "CARACAS keeps its place; a new group comes in at the top"
        assert wire.current.id == reading
        caracas = next(n for n, row in enumerate(wire.rows) if getattr(row, "group", None) == "CARACAS"
                       and not hasattr(row, "id"))
        assert "+2" in wire.render_line(caracas - int(wire.scroll_y)).text
        if refresh == "top":
            await pilot.press("g")
        elif refresh == "key":
            await pilot.press("O")
        else:
            clock[0] += IDLE_REFRESH + 5  # the reader went away; the desk ticks each second
            await until(lambda: group_names(app)[1] == "CARACAS", timeout=3, what="the idle refresh", pilot=pilot)
        await pilot.pause()
        assert group_names(app) == ["ODESA", "CARACAS", "KYIV", "LONDON", "MADRID"]
        assert not wire.news, "no +N once the order is fresh"
        if refresh != "top":
            assert wire.current.id == reading, "a refresh keeps the cursor on its item"


async def test_g_goes_to_the_first_row_of_the_refreshed_order(server, data_dir):
    """`g` refreshes a held order and lands on its first row, not on the row that was first before the groups
    moved (seen on the demo wire: the cursor stayed on CARACAS's item with three groups now above it)."""
    now = time.time()
    backlog = [numbered_story(k, now, place=PLACES[k % 4]) for k in range(8)]
    server.set("/wire.xml", rss(backlog))
    app = WireDesk(open_store(data_dir), [FeedSource(url=server.url("/wire.xml"), interval=POLL_INTERVAL)],
                   poll=True)
    async with live_desk(app, (100, 30)) as pilot:
        await until(lambda: len(app.desk.items) == 8 and app.desk.polled_once, what="the backlog", pilot=pilot)
        await pilot.pause()
        wire = app.query_one(WireList)
        await pilot.press("j", "j", "j")  # into LONDON: the order is held
        fresh = [_fresh("MADRID", 1)]  # news in the last group, which the refresh puts first
        server.set("/wire.xml", rss([*fresh, *backlog]))
        arrived = entry_id(fresh[0], server.url("/wire.xml"))
        await until(lambda: arrived in app.desk.items, what="the arrival", pilot=pilot)
        await pilot.pause()
        assert group_names(app) == PLACES, "held while the reader works the list"
        await pilot.press("g")
        await pilot.pause()
        assert group_names(app) == ["MADRID", *PLACES[:3]]
        assert wire.cursor == wire.top_row() and wire.current.id == arrived
        assert app.desk_screen.article.item.id == arrived, "the article shows the row the cursor is on"
