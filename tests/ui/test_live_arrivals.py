"""The live desk against a real loopback feed server: arrivals keep the reader's place, alerts ring for
arrivals only, and the "new" band fades. Nothing of wiredesk is mocked."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.helpers.desk import status_text
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, ids_of
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.stories import numbered_story, story
from tests.helpers.waiting import until
from tui.core.alerts import Alerts
from tui.core.feeds import FeedSource
from tui.core.items import Item
from tui.core.marks import NEW_FADE
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList
from tui.ui.widgets.wire_rows import ALERT_MARK, NEW_MARK, NEW_STYLES, UNREAD_MARK

# Arrivals in a running desk


def _row_id(row) -> str | None:
    """The id of the item on a list row; None on a group header.

    Read by duck typing, so it holds whether rows are Item objects beside Header objects
    or wrappers with an `.item` (None on headers)."""
    item = getattr(row, "item", row)
    return getattr(item, "id", None)


def _row_key(row) -> tuple[str, str]:
    item_id = _row_id(row)
    return ("item", item_id) if item_id is not None else ("header", row.group)


async def _desk_after_first_poll(app: WireDesk, pilot, expected: int) -> None:
    await until(lambda: len(app.desk.items) >= expected and app.desk.polled_once, what="the first poll", pilot=pilot)
    await pilot.pause()


LAYOUTS = {
    # name: (items in the backlog, keys the reader presses, place of the new item)
    "top-same-group": (8, "jjj", "KYIV"),
    "top-new-group": (8, "jjj", "ODESA"),
    "scrolled-same-group": (45, "Gkkk", "KYIV"),
    "scrolled-new-group": (45, "Gkkk", "ODESA"),
}


def _backlog(n: int, now: float) -> list[Entry]:
    places = ["KYIV", "LONDON", "CARACAS"]
    return [numbered_story(k, now, place=places[k % 3], paragraphs=12) for k in range(n)]


async def _arrival_scenario(server, data_dir, layout: str, check: Callable) -> None:
    count, keys, place = LAYOUTS[layout]
    now = time.time()
    backlog = _backlog(count, now)
    server.set("/wire.xml", rss(backlog))
    app = WireDesk(open_store(data_dir), [FeedSource(url=server.url("/wire.xml"), interval=POLL_INTERVAL)], poll=True)
    async with live_desk(app, (100, 30)) as pilot:
        await _desk_after_first_poll(app, pilot, count)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press(*keys)
        await pilot.pause()
        cursor_id = wire.current.id
        scrolled = layout.startswith("scrolled")
        assert (wire.scroll_y > 0) == scrolled, wire.scroll_y
        # The article of the item under the cursor is long enough to scroll.
        await until(lambda: article.max_scroll_y > 3, what="the article body", pilot=pilot)
        article.scroll_to(y=3, animate=False)
        await pilot.pause()
        before = {
            "cursor": cursor_id,
            "scroll": wire.scroll_y,
            "top": _row_key(wire.rows[int(wire.scroll_y)]),
            "article": article.scroll_y,
        }
        assert before["article"] == 3
        assert "new since you looked" not in status_text(app)

        fresh = Entry("Fresh: new story on the wire", guid="urn:live:fresh", link="https://wire.test/fresh",
                      date=time.time(), body=f"<p>{place} (ANP) - It just happened.</p>")
        server.set("/wire.xml", rss([fresh, *backlog]))
        fresh_id = entry_id(fresh, server.url("/wire.xml"))
        await until(lambda: fresh_id in app.desk.items, what="the arrival", pilot=pilot)
        await pilot.pause()
        await check(app, pilot, wire, article, before, fresh_id)


@pytest.mark.parametrize("layout", list(LAYOUTS))
async def test_arrival_above_the_cursor_keeps_the_readers_place(server, data_dir, layout):
    async def check(app, pilot, wire, article, before, fresh_id):
        assert wire.current.id == before["cursor"], "the cursor stays on the item being read"
        if before["scroll"] > 0:
            assert _row_key(wire.rows[int(wire.scroll_y)]) == before["top"], "the view did not jump"
        else:
            assert wire.scroll_y == 0, "a view at the top stays at the top, so the arrival shows"
            assert _row_id(wire.rows[1]) == fresh_id
        # The arrival is marked new, and drawn with the marker.
        assert fresh_id in app.desk.marks.arrived
        index = next(n for n, r in enumerate(wire.rows) if _row_id(r) == fresh_id)
        width = wire.scrollable_content_region.width
        assert wire._item_line(app.desk.items[fresh_id], width, False).text.startswith(NEW_MARK + "Fresh")
        if before["scroll"] == 0:
            assert wire.render_line(index).text.startswith(NEW_MARK + "Fresh")
        ids = [_row_id(r) for r in wire.rows]
        others = [wire._item_line(app.desk.items[i], width, False).text for i in ids if i is not None and i != fresh_id]
        assert len(others) == len(app.desk.items) - 1
        assert not any(line.startswith(NEW_MARK) for line in others), "the backlog is not new"
        assert "1 new since you looked" in status_text(app)
        # Any key is a look: the count goes back to zero.
        await pilot.press("x")
        await pilot.pause()
        assert "new since you looked" not in status_text(app)
        assert " · 0 new" in status_text(app)
        assert wire.current.id == before["cursor"]

    await _arrival_scenario(server, data_dir, layout, check)


@pytest.mark.parametrize("layout", ["top-same-group", "scrolled-new-group"])
async def test_arrival_does_not_scroll_the_article(server, data_dir, layout):
    async def check(app, pilot, wire, article, before, fresh_id):
        await pilot.pause(0.2)
        assert wire.current.id == before["cursor"]
        assert article.scroll_y == before["article"]

    await _arrival_scenario(server, data_dir, layout, check)


async def test_a_late_feeds_backlog_does_not_take_the_readers_place(server, data_dir):
    """One feed answers at once, another only after the reader has started: its newer
    backlog lands above, and the cursor and the article they scrolled stay put."""
    now = time.time()
    server.set("/fast.xml", rss(_backlog(6, now - 3600)))
    late = numbered_story(99, now + 6000, place="LONDON", paragraphs=2)  # dated now: newer than all of the fast feed
    server.set("/slow.xml", rss([late]), delay=2.5)
    sources = [FeedSource(url=server.url(p), interval=2) for p in ("/fast.xml", "/slow.xml")]
    app = WireDesk(open_store(data_dir), sources, poll=True, mark_read_delay=3600)
    async with live_desk(app, (100, 30)) as pilot:
        await until(lambda: len(app.desk.items) == 6, what="the fast feed", pilot=pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        late_id = entry_id(late, server.url("/slow.xml"))
        assert late_id not in app.desk.items
        reading = wire.current.id
        await pilot.press("tab")  # no cursor move: the reader turns to the article
        await until(lambda: article.max_scroll_y > 3, what="the article body", pilot=pilot)
        article.scroll_to(y=3, animate=False)
        await pilot.pause()
        await until(lambda: late_id in app.desk.items, what="the slow feed", pilot=pilot)
        await pilot.pause(0.2)
        assert wire.rows[1].id == late_id, "the late item leads the list"
        assert wire.current.id == reading
        assert article.scroll_y == 3


# Alerts for arrivals only


async def test_alerts_ring_for_arrivals_not_for_the_backlog(server, data_dir):
    now = time.time()
    backlog = [
        numbered_story(1, now, title="Drone strike on Charkiv overnight"),
        numbered_story(2, now, title="Markets steady in London", place="LONDON"),
    ]
    server.set("/wire.xml", rss(backlog))
    store = open_store(data_dir)
    app = WireDesk(store, [FeedSource(url=server.url("/wire.xml"), interval=POLL_INTERVAL)], poll=True,
                   alerts=Alerts(["Charkiv"]))
    async with live_desk(app, (100, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())  # headless apps never ring; count instead
        await _desk_after_first_poll(app, pilot, 2)
        await pilot.pause(2 * POLL_INTERVAL)  # a later, unchanged poll must not turn the backlog into news
        assert app.desk.marks.alerts == set()
        assert store.alert_ids() == set()
        assert bells == []
        assert not [n for n in app._notifications if n.title.startswith("Alert")]

        hot = Entry("Power cut across charkiv", guid="urn:live:hot", date=time.time(),
                    body="<p>KYIV (ANP) - Blackout.</p>")
        calm = Entry("Grain prices ease", guid="urn:live:calm", date=time.time() - 1,
                     body="<p>LONDON (RTR) - Quiet day.</p>")
        server.set("/wire.xml", rss([hot, calm, *backlog]))
        hot_id, calm_id = entry_id(hot, server.url("/wire.xml")), entry_id(calm, server.url("/wire.xml"))
        await until(lambda: {hot_id, calm_id} <= app.desk.items.keys(), what="the arrivals", pilot=pilot)
        await pilot.pause()
        assert app.desk.marks.alerts == {hot_id}
        assert {hot_id, calm_id} <= app.desk.marks.arrived.keys()
        assert len(bells) == 1
        alerts = [n for n in app._notifications if n.title.startswith("Alert")]
        assert [(n.title, n.message, n.severity) for n in alerts] == [
            ("Alert: Charkiv", "Power cut across charkiv", "error")]
        await until(lambda: store.alert_ids() == {hot_id}, what="the alert saved", pilot=pilot)
        wire = app.query_one(WireList)
        width = wire.scrollable_content_region.width
        assert wire._item_line(app.desk.items[hot_id], width, False).text.startswith(ALERT_MARK)
        assert wire._item_line(app.desk.items[calm_id], width, False).text.startswith(NEW_MARK)
        # The same items polled again are not news again.
        await pilot.pause(2 * POLL_INTERVAL)
        assert len(bells) == 1
    assert open_store(data_dir).alert_ids() == {hot_id}


# The "new" band fades after NEW_FADE


async def test_the_new_band_fades_after_new_fade_on_the_apps_clock(feed_server, data_dir):
    now = [time.time()]
    feed_server.set("/wire.xml", rss([story("urn:old", "Old story", 600)]))
    app = WireDesk(open_store(data_dir), [FeedSource(url=feed_server.url("/wire.xml"), interval=0.3)], poll=True,
                   mark_read_delay=60, clock=lambda: now[0])
    old, fresh = ids_of(feed_server.url("/wire.xml"), "urn:old", "urn:fresh")
    async with live_desk(app, (100, 20)) as pilot:
        await until(lambda: old in app.desk.items and app.desk.polled_once, what="the first poll", pilot=pilot)
        feed_server.set("/wire.xml", rss([story("urn:fresh", "Fresh story", 0), story("urn:old", "Old story", 600)]))
        await until(lambda: fresh in app.desk.items, what="the arrival", pilot=pilot)
        await pilot.pause()
        wire = app.query_one(WireList)
        row = next(n for n, r in enumerate(wire.rows) if isinstance(r, Item) and r.id == fresh)
        assert wire.scroll_y == 0 and wire.cursor != row
        new_style = wire.get_component_rich_style("wire-list--new")
        unread_style = wire.get_component_rich_style("wire-list--unread")

        def drawn():
            strip = wire.render_line(row)
            return strip.text, next(iter(strip)).style

        text, style = drawn()
        assert text.startswith(NEW_MARK + "Fresh story")
        assert style == unread_style + new_style

        calls: list[int] = []
        render_line = wire.render_line
        wire.render_line = lambda y: calls.append(y) or render_line(y)

        # The band fades in steps, each repainting the row by itself; the marker stays.
        started = now[0]
        for step, name in enumerate(NEW_STYLES):
            now[0] = started + NEW_FADE * (step + 0.5) / len(NEW_STYLES)
            calls.clear()
            wire.tick()
            await pilot.pause()
            assert step == 0 or row in calls, f"step {step} repainted by the tick"
            text, style = drawn()
            assert text.startswith(NEW_MARK) and style == unread_style + wire.get_component_rich_style(name), name
        assert len({wire.get_component_rich_style(name).bgcolor for name in NEW_STYLES}) == len(NEW_STYLES)

        now[0] = started + NEW_FADE - 1  # just before the end: still new, faintest
        wire.tick()
        await pilot.pause()
        text, style = drawn()
        assert text.startswith(NEW_MARK) and style == unread_style + wire.get_component_rich_style(NEW_STYLES[-1])

        now[0] += 2  # just after
        calls.clear()
        wire.tick()
        await pilot.pause()
        assert row in calls, "the tick repainted the faded row by itself"
        text, style = drawn()
        assert text.startswith(UNREAD_MARK + "Fresh story")
        assert style == unread_style
