"""Navigation and layout, driven with Pilot: what the desk opens on, moving, panes and scrolling, folding
groups, < and > and dragging the border, the first fetch, the cache before the network, a large cache."""

from __future__ import annotations

import contextlib
import socket
import time

import pytest
from textual.widgets import Markdown, ProgressBar

from tests.helpers.desk import NOW, head_text, item_rows, make_desk, seeded_store, settle, status_text
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import ids_of
from tests.helpers.live import live_desk
from tests.helpers.stories import story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.core.grouping import Header
from tui.core.items import Item, ParsedFeed
from tui.core.layout import DEFAULT_SHARE, MIN_PANE, STEP
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.messages import CacheLoaded, OlderLoaded
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList

# Opening and moving


async def test_opens_on_groups_newest_first(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        rows = app.query_one(WireList).rows
        headers = [r for r in rows if isinstance(r, Header)]
        assert len({h.group for h in headers}) == len(headers)
        groups: list[list[Item]] = []
        for row in rows:
            if isinstance(row, Header):
                groups.append([])
            else:
                groups[-1].append(row)
        for members in groups:
            assert [i.published for i in members] == sorted((i.published for i in members), reverse=True)
        newest = [members[0].published for members in groups]
        assert newest == sorted(newest, reverse=True)
        assert {"KYIV", "LONDON", "CARACAS", "BOGOTÁ/CARACAS", "SION"} <= {h.group for h in headers}
        london = next(h for h in headers if h.group == "LONDON")
        spelled = {i.group for i in app.desk.items.values() if i.group in ("LONDEN", "LONDON")}
        assert spelled == {"LONDEN", "LONDON"}, "the demo spells it both ways"
        assert london.count == sum(1 for i in app.desk.items.values() if i.group in spelled), "one group for both"
        # The cursor starts on the first item, and its article is shown.
        first = next(r for r in rows if isinstance(r, Item))
        assert app.query_one(WireList).current.id == first.id
        assert first.title in head_text(app)


async def test_moving_changes_the_article(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        first = wire.current
        await pilot.press("j")
        await settle(app, pilot)
        second = wire.current
        assert second.id != first.id
        assert second.title in head_text(app)
        body = app.query_one("#article-body", Markdown)
        assert body.source.strip(), "the body is rendered"
        await pilot.press("k")
        assert wire.current.id == first.id
        await pilot.press("G")
        last = item_rows(app)[-1]
        assert wire.current.id == last.id
        await pilot.press("g")
        assert wire.current.id == first.id
        await pilot.press("end")
        assert wire.current.id == last.id
        await pilot.press("home")
        assert wire.current.id == first.id
        await pilot.press("down", "down", "up")
        assert wire.current.id == second.id


async def test_tab_switches_panes_and_space_scrolls_the_article(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        article = app.query_one(ArticleView)
        assert app.query_one(WireList).has_focus
        assert article.max_scroll_y > 0, "a demo article is longer than one screen at 100x24"
        await pilot.press("space")
        await pilot.pause(0.3)
        assert article.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause(0.3)
        assert article.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert article.scroll_y > 0
        await pilot.press("tab")
        assert article.has_focus
        # j still moves the list from the article pane.
        before = app.query_one(WireList).current.id
        await pilot.press("j")
        assert app.query_one(WireList).current.id != before
        await pilot.press("tab")
        assert app.query_one(WireList).has_focus


async def test_c_collapses_a_group_to_its_header_and_back(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        before = len(item_rows(app))
        kyiv = [i.id for i in item_rows(app) if i.group == "KYIV"]
        await pilot.press("c")
        header = wire.rows[wire.cursor]
        assert isinstance(header, Header) and header.group == "KYIV" and header.collapsed
        assert len(item_rows(app)) == before - len(kyiv)
        await pilot.press("j")
        assert wire.current.group == "LONDON"
        await pilot.press("k", "M")  # mark the collapsed group read from its header
        assert set(kyiv) <= app.desk.marks.read
        await pilot.press("c")
        assert len(item_rows(app)) == before and wire.current.id == kyiv[0]


# The width of the list


async def test_lt_and_gt_change_the_lists_share_and_it_is_remembered(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        assert wire.outer_size.width == round(100 * DEFAULT_SHARE)
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert wire.outer_size.width == round(100 * (DEFAULT_SHARE + 2 * STEP))
        await pilot.press("tab", "less_than_sign")  # from the article pane too
        await pilot.pause()
        assert wire.outer_size.width == round(100 * (DEFAULT_SHARE + STEP))
        await pilot.resize_terminal(140, 40)  # the share is kept, not the columns
        await pilot.pause()
        assert wire.outer_size.width == round(140 * (DEFAULT_SHARE + STEP))
        for _ in range(40):
            await pilot.press("less_than_sign")
        await pilot.pause()
        narrowest = wire.outer_size.width
        assert MIN_PANE <= narrowest < round(140 * DEFAULT_SHARE)
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert wire.outer_size.width == narrowest, "the list keeps its minimum"
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        chosen = wire.share
    again = make_desk(tmp_path)  # the next desk on this cache opens with the share chosen
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(again, pilot)
        assert again.query_one(WireList).outer_size.width == round(120 * chosen) != round(120 * DEFAULT_SHARE)


async def test_dragging_the_pane_border_resizes_the_list(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        border = wire.outer_size.width - 1
        await pilot.mouse_down(WireList, offset=(border, 5))
        await pilot.hover(WireList, offset=(border + 15, 5))
        await pilot.mouse_up(WireList, offset=(border + 15, 5))
        await settle(app, pilot)
        assert wire.outer_size.width == border + 16
        assert wire.current is not None, "a border drag selects no row"
        await pilot.resize_terminal(200, 30)
        await pilot.pause()
        assert wire.outer_size.width == 2 * (border + 16), "the dragged share is kept as the window grows"
        assert app.store.settings()["list_share"] == str(wire.share)


# Starting: the first fetch, the cache before the network, a large cache


async def test_first_fetch_into_an_empty_cache_shows_progress(tmp_path, feed_server):
    feed_server.set("/a.xml", rss([Entry(title="A", guid="a", date=1.79e9)]))
    feed_server.set("/b.xml", rss([Entry(title="B", guid="b", date=1.79e9)]), delay=1.0)
    sources = [FeedSource(url=feed_server.url("/a.xml")), FeedSource(url=feed_server.url("/b.xml"))]
    app = WireDesk(open_store(tmp_path), sources, poll=True)
    async with app.run_test() as pilot:
        bar = app.query_one("#first-fetch", ProgressBar)
        await until(lambda: bar.progress == 1, 5, "the first feed counted", pilot=pilot, interval=0.05)
        assert bar.display and bar.total == 2
        await until(lambda: not bar.display, 5, "the progress bar gone", pilot=pilot, interval=0.05)
        assert len(app.desk.items) == 2


@contextlib.contextmanager
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/wire.xml"
    finally:
        listener.close()


@pytest.mark.parametrize("server", ["delayed", "silent"])
async def test_the_cache_shows_within_a_second_while_the_fetch_hangs(data_dir, feed_server, server):
    seeded_store(data_dir)
    cached = {i.id for i in open_store(data_dir).items()}
    feed_server.set("/wire.xml", rss([story("urn:late", "Late story", 1)]), delay=30)
    with silent_port() as silent_url:
        url = feed_server.url("/wire.xml") if server == "delayed" else silent_url
        app = WireDesk(open_store(data_dir), [FeedSource(url=url, interval=60)], poll=True, mark_read_delay=60,
                       clock=lambda: NOW)
        started = time.monotonic()  # from before the app starts: its start-up counts too
        async with live_desk(app, (100, 30)) as pilot:
            wire = app.query_one(WireList)
            await until(lambda: len(item_rows(app)) == len(cached), timeout=1.0,
                        what="the cached items in the list", pilot=pilot)
            took = time.monotonic() - started
            assert took < 1.0, f"the cache showed after {took:.2f} s"
            # Drawn, not only loaded: the first rows on screen are a header and the newest cached item.
            first = next(r for r in wire.rows if isinstance(r, Item))
            drawn = [wire.render_line(y).text for y in range(5)]
            assert any(first.title[:20] in line for line in drawn), drawn
            assert app.desk.last_poll is None, "no fetch has finished"
            assert "polling…" in status_text(app)
            if server == "delayed":
                await until(lambda: feed_server.in_flight == 1, timeout=2, what="the hanging request", pilot=pilot)
                assert feed_server.requests_for("/wire.xml")[0].status == 0, "still unanswered"
            assert ids_of(url, "urn:late")[0] not in app.desk.items


async def test_a_large_cache_shows_its_newest_days_first_then_the_rest(tmp_path):
    day = 86400
    items = [Item(id=f"urn:day:{n}", feed="Wire", title=f"Day {n} story", link="", published=NOW - n * day - 60,
                  places=("KYIV",)) for n in range(6)]
    open_store(tmp_path).ingest(ParsedFeed(title="Wire", items=items, bodies={i.id: "<p>x</p>" for i in items}))
    seen: list[tuple[str, int, int]] = []
    app = make_desk(tmp_path)

    def hook(message) -> None:
        if isinstance(message, CacheLoaded | OlderLoaded):
            seen.append((type(message).__name__, len(message.items), len(app.query_one(WireList).rows)))

    async with app.run_test(message_hook=hook) as pilot:
        await settle(app, pilot)
        assert [(name, count) for name, count, _ in seen] == [("CacheLoaded", 2), ("OlderLoaded", 4)]
        assert len(app.desk.items) == 6
        assert [r.id for r in item_rows(app)] == [f"urn:day:{n}" for n in range(6)]
