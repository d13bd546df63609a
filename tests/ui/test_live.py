"""The live monitor against a real loopback feed server: schedules, redirects, arrivals, alerts, health.

Nothing of wiredesk is mocked. The server is the FeedServer of tests/feeds.py,
extended here only to note the time each request arrived (its own log keeps
no times), and with a helper for redirects, which it serves as a status plus a
Location header.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from textual.widgets import DataTable, Static

from tests.helpers.feeds import Entry, http_date, rss
from tests.helpers.live import gaps, live_desk, pilot_until, running, until
from tui.core.alerts import Alerts
from tui.core.feeds import FeedSource, PollResult
from tui.fetch.poller import MAX_REDIRECTS, Poller
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.health import HealthScreen
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import ALERT_MARK, NEW_MARK, WireList

INTERVAL = 0.3  # poll interval of the desks below: arrivals land within a few tenths of a second


def _story(n: int, now: float, *, place: str = "KYIV", title: str | None = None, paragraphs: int = 1) -> Entry:
    text = "".join(f"<p>Paragraph {k} of story {n}, long enough to wrap in a narrow pane.</p>"
                   for k in range(paragraphs))
    return Entry(
        title or f"Story {n:02d}",
        guid=f"urn:live:{n}",
        link=f"https://wire.test/{n}",
        date=now - 60 * (n + 1),
        body=f"<p>{place} (ANP) - Lead of story {n}.</p>{text}",
    )


# 1. Backoff and recovery, in real time


async def test_backoff_grows_in_real_time_then_recovers(server, data_dir):
    path, url = "/flaky.xml", server.url("/flaky.xml")
    server.set_status(path, 500)
    store = open_store(data_dir)
    interval = 0.2
    results: list[PollResult] = []
    poller = Poller(store, [FeedSource(url=url, interval=interval)], rand=random.Random(11))
    async with running(poller, results.append) as task:
        await until(lambda: len(results) >= 3 or task.done(), timeout=5, what="three failed polls")
        meta = store.feed_meta(url)
        assert (meta.last_error, meta.failures) == ("HTTP 500", 3)
        now = time.time()
        server.set(path, rss([_story(n, now) for n in range(3)], title="Flaky wire"))
        await until(lambda: len(results) >= 6 or task.done(), timeout=5, what="recovery and two more polls")
    failed, recovered = results[:3], results[3:6]
    assert [r.error for r in failed] == ["HTTP 500"] * 3
    assert all(r.ok for r in recovered), [r.error for r in recovered]

    # Each failure doubles the wait the result announces (jitter +/- 10 %, plus the fetch itself).
    waits = [r.next_poll - r.checked_at for r in results[:6]]
    for n, wait in enumerate(waits[:3], start=1):
        nominal = interval * 2**n
        assert nominal * 0.9 <= wait <= nominal * 1.1 + 0.25, (n, waits)
    assert waits[0] < waits[1] < waits[2]
    for wait in waits[3:]:
        assert interval * 0.9 <= wait <= interval * 1.1 + 0.25, waits

    # The server saw the same: gaps of about 0.4, 0.8, 1.6 s, then back to about 0.2 s.
    apart = gaps(server.arrived(path))[:5]
    assert len(apart) == 5, apart
    for n, gap in enumerate(apart[:3], start=1):
        assert gap >= interval * 2**n * 0.9 - 0.01, apart  # a sleep never ends early
    assert apart[0] < apart[1] < apart[2], apart
    assert max(apart[3:]) < apart[2] / 2, apart

    meta = store.feed_meta(url)
    assert meta.last_error == "HTTP 500", "the last error is kept, and is older than the last success"
    assert meta.error_at < meta.last_ok
    assert meta.failures == 0
    assert meta.last_ok >= recovered[0].checked_at
    assert meta.title == "Flaky wire"
    assert store.status()["down"] == 0


# 2. Retry-After


async def test_retry_after_is_honoured_for_429_and_503(server, data_dir):
    for path, status in (("/busy.xml", 429), ("/maint.xml", 503)):
        server.set(path, b"come back later\n", status=status, content_type="text/plain",
                   headers={"Retry-After": "2"})
    sources = [FeedSource(url=server.url(p), interval=0.2) for p in ("/busy.xml", "/maint.xml")]
    results: list[PollResult] = []
    async with running(Poller(open_store(data_dir), sources), results.append) as task:
        await until(
            lambda: all(len(server.arrived(p)) >= 2 for p in ("/busy.xml", "/maint.xml")) or task.done(),
            timeout=6, what="a second request to each feed",
        )
    for path, status in (("/busy.xml", 429), ("/maint.xml", 503)):
        first, second = server.arrived(path)[:2]
        assert second - first >= 1.9, f"{path}: next request after {second - first:.2f} s, asked for 2"
        result = next(r for r in results if r.source.url == server.url(path))
        assert result.error == f"HTTP {status}"
        assert result.retry_after == 2.0
        assert result.next_poll - result.checked_at >= 2.0


async def test_retry_after_on_other_errors_is_ignored(server, data_dir):
    server.set("/err.xml", b"oops\n", status=500, content_type="text/plain", headers={"Retry-After": "120"})
    [result] = await Poller(open_store(data_dir), [FeedSource(url=server.url("/err.xml"))]).poll_all()
    assert result.error == "HTTP 500"
    assert result.retry_after is None


async def test_odd_retry_after_header_fails_only_its_feed(server, data_dir):
    # http.server sends the header in latin-1 (byte 0xB2); httpx decodes it back to '²'.
    server.set("/odd.xml", b"later\n", status=503, content_type="text/plain", headers={"Retry-After": "²"})
    server.set("/good.xml", rss([_story(1, time.time())]))
    sources = [FeedSource(url=server.url(p), interval=0.2) for p in ("/odd.xml", "/good.xml")]
    results: list[PollResult] = []
    async with running(Poller(open_store(data_dir), sources), results.append) as task:
        await until(lambda: len(server.arrived("/good.xml")) >= 3 or task.done(), timeout=4, what="polling")
        assert not task.done(), f"the poller died: {task.exception()!r}"
    odd = [r for r in results if r.source.url.endswith("/odd.xml")]
    assert odd and all(r.error == "HTTP 503" and r.retry_after is None for r in odd), [r.error for r in odd]


# 3. Redirects


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_records_moved_to(server, data_dir, status):
    server.redirect("/old.xml", "/new.xml", status)
    server.set("/new.xml", rss([_story(n, time.time()) for n in range(2)], title="Moved wire"))
    store = open_store(data_dir)
    old, new = server.url("/old.xml"), server.url("/new.xml")
    [result] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert result.ok, result.error
    assert result.moved_to == new
    assert len(result.new_ids) == 2
    assert store.feed_meta(old).moved_to == new
    assert new not in store.feeds_meta(), "the feed is still known by its configured URL"
    assert [(r.path, r.status) for r in server.requests] == [("/old.xml", status), ("/new.xml", 200)]
    assert {i.feed_url for i in store.items()} == {old}


async def test_temporary_redirect_is_followed_but_not_a_move(server, data_dir):
    server.redirect("/today.xml", "/mirror.xml", 302)
    server.set("/mirror.xml", rss([_story(1, time.time())]))
    store = open_store(data_dir)
    [result] = await Poller(store, [FeedSource(url=server.url("/today.xml"))]).poll_all()
    assert result.ok and len(result.new_ids) == 1
    assert result.moved_to is None
    assert store.feed_meta(server.url("/today.xml")).moved_to is None


@pytest.mark.parametrize("validators", [False, True], ids=["same-bytes", "etag-304"])
async def test_move_of_an_unchanged_feed_is_recorded(server, data_dir, validators):
    body = rss([_story(n, time.time()) for n in range(2)])
    etag = '"v1"' if validators else None
    old, new = server.url("/old.xml"), server.url("/new.xml")
    server.set("/old.xml", body, etag=etag)
    store = open_store(data_dir)
    await Poller(store, [FeedSource(url=old)]).poll_all()
    # The publisher moves the feed, unchanged, and redirects the old address.
    server.set("/new.xml", body, etag=etag)
    server.redirect("/old.xml", "/new.xml")
    [result] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert result.ok and result.not_modified
    assert result.moved_to == new
    assert store.feed_meta(old).moved_to == new


async def test_redirect_loop_is_a_clean_per_feed_error(server, data_dir):
    server.redirect("/loop-a.xml", "/loop-b.xml", 301)
    server.redirect("/loop-b.xml", "/loop-a.xml", 302)
    server.set("/fine.xml", rss([_story(1, time.time())]))
    store = open_store(data_dir)
    loop_url = server.url("/loop-a.xml")
    results = await Poller(store, [FeedSource(url=loop_url), FeedSource(url=server.url("/fine.xml"))]).poll_all()
    looped, fine = results
    assert not looped.ok
    assert "redirects" in looped.error
    assert looped.line() == f"{loop_url}: error: {looped.error}"
    assert "Traceback" not in looped.error and "\n" not in looped.error
    assert fine.ok and len(fine.new_ids) == 1
    loop_requests = [r for r in server.requests if r.path.startswith("/loop-")]
    assert len(loop_requests) == MAX_REDIRECTS + 1
    assert "redirects" in store.feed_meta(loop_url).last_error
    assert store.status()["down"] == 1


# 4. Conditional GET, remembered with the feed


@pytest.mark.parametrize("kind", ["etag", "last-modified", "both"])
async def test_validators_are_stored_with_the_feed_and_used_next_time(server, data_dir, kind):
    etag = '"wire-7"' if kind in ("etag", "both") else None
    modified = http_date(1_790_000_000) if kind in ("last-modified", "both") else None
    server.set("/c.xml", rss([_story(n, time.time()) for n in range(3)]), etag=etag, last_modified=modified)
    url = server.url("/c.xml")
    [first] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
    assert first.ok and not first.not_modified and first.validators
    saved = orjson.loads((data_dir / "feeds.json").read_bytes())["feeds"][url]
    assert saved.get("etag") == etag
    assert saved.get("last_modified") == modified
    assert saved["validators"] is True

    # A new Store and Poller, as after a restart: the validators come from feeds.json.
    [second] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
    request = server.requests_for("/c.xml")[-1]
    assert request.header("If-None-Match") == etag
    assert request.header("If-Modified-Since") == modified
    assert request.status == 304
    assert second.ok and second.not_modified and second.validators
    assert second.new_ids == [] and second.items == []


async def test_no_validators_means_unconditional_requests(server, data_dir):
    server.set("/plain.xml", rss([_story(1, time.time())]))
    url = server.url("/plain.xml")
    for _ in range(2):
        [result] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
        assert result.validators is False
    assert server.conditional_count("/plain.xml") == 0
    assert open_store(data_dir).feed_meta(url).validators is False
    assert result.not_modified, "unchanged bytes are still not parsed twice"


# 5. Arrivals in a running desk


def _row_id(row) -> str | None:
    """The id of the item on a list row; None on a group header.

    Read by duck typing, so it holds whether rows are Item objects beside Header objects
    or wrappers with an `.item` (None on headers)."""
    item = getattr(row, "item", row)
    return getattr(item, "id", None)


def _row_key(row) -> tuple[str, str]:
    item_id = _row_id(row)
    return ("item", item_id) if item_id is not None else ("header", row.group)


def _bar(app) -> str:
    return str(app.query_one(StatusBar).render())


async def _desk_after_first_poll(app: WireDesk, pilot, expected: int) -> None:
    await pilot_until(pilot, lambda: len(app.desk.items) >= expected and app.desk.polled_once, what="the first poll")
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
    return [_story(k, now, place=places[k % 3], paragraphs=12) for k in range(n)]


async def _arrival_scenario(server, data_dir, layout: str, check: Callable) -> None:
    count, keys, place = LAYOUTS[layout]
    now = time.time()
    backlog = _backlog(count, now)
    server.set("/wire.xml", rss(backlog))
    app = WireDesk(open_store(data_dir), [FeedSource(url=server.url("/wire.xml"), interval=INTERVAL)], poll=True)
    async with live_desk(app, (100, 30)) as pilot:
        await _desk_after_first_poll(app, pilot, count)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press(*keys)
        await pilot.pause()
        cursor_id = wire.current.id
        scrolled = layout.startswith("scrolled")
        assert (wire.scroll_y > 0) == scrolled, wire.scroll_y
        # The article of the item under the cursor is long enough to scroll.
        await pilot_until(pilot, lambda: article.max_scroll_y > 3, what="the article body")
        article.scroll_to(y=3, animate=False)
        await pilot.pause()
        before = {
            "cursor": cursor_id,
            "scroll": wire.scroll_y,
            "top": _row_key(wire.rows[int(wire.scroll_y)]),
            "article": article.scroll_y,
        }
        assert before["article"] == 3
        assert "new since you looked" not in _bar(app)

        fresh = Entry("Breaking: new story on the wire", guid="urn:live:fresh", link="https://wire.test/fresh",
                      date=time.time(), body=f"<p>{place} (ANP) - It just happened.</p>")
        server.set("/wire.xml", rss([fresh, *backlog]))
        await pilot_until(pilot, lambda: fresh.guid in app.desk.items, what="the arrival")
        await pilot.pause()
        await check(app, pilot, wire, article, before, fresh.guid)


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
        assert wire._item_line(app.desk.items[fresh_id], width, False).text.startswith(NEW_MARK + "Breaking")
        if before["scroll"] == 0:
            assert wire.render_line(index).text.startswith(NEW_MARK + "Breaking")
        ids = [_row_id(r) for r in wire.rows]
        others = [wire._item_line(app.desk.items[i], width, False).text for i in ids if i is not None and i != fresh_id]
        assert len(others) == len(app.desk.items) - 1
        assert not any(line.startswith(NEW_MARK) for line in others), "the backlog is not new"
        assert "1 new since you looked" in _bar(app)
        # Any key is a look: the count goes back to zero.
        await pilot.press("x")
        await pilot.pause()
        assert "new since you looked" not in _bar(app)
        assert " · 0 new" in _bar(app)
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
    late = _story(99, now + 6000, place="LONDON", paragraphs=2)  # dated now: newer than all of the fast feed
    server.set("/slow.xml", rss([late]), delay=2.5)
    sources = [FeedSource(url=server.url(p), interval=2) for p in ("/fast.xml", "/slow.xml")]
    app = WireDesk(open_store(data_dir), sources, poll=True, mark_read_delay=3600)
    async with live_desk(app, (100, 30)) as pilot:
        await pilot_until(pilot, lambda: len(app.desk.items) == 6, what="the fast feed")
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        assert late.guid not in app.desk.items
        reading = wire.current.id
        await pilot.press("tab")  # no cursor move: the reader turns to the article
        await pilot_until(pilot, lambda: article.max_scroll_y > 3, what="the article body")
        article.scroll_to(y=3, animate=False)
        await pilot.pause()
        await pilot_until(pilot, lambda: late.guid in app.desk.items, what="the slow feed")
        await pilot.pause(0.2)
        assert wire.rows[1].id == late.guid, "the late item leads the list"
        assert wire.current.id == reading
        assert article.scroll_y == 3


# 6. Alerts for arrivals only


async def test_alerts_ring_for_arrivals_not_for_the_backlog(server, data_dir):
    now = time.time()
    backlog = [
        _story(1, now, title="Drone strike on Charkiv overnight"),
        _story(2, now, title="Markets steady in London", place="LONDON"),
    ]
    server.set("/wire.xml", rss(backlog))
    store = open_store(data_dir)
    app = WireDesk(store, [FeedSource(url=server.url("/wire.xml"), interval=INTERVAL)], poll=True,
                   alerts=Alerts(["Charkiv"]))
    async with live_desk(app, (100, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())  # headless apps never ring; count instead
        await _desk_after_first_poll(app, pilot, 2)
        await pilot.pause(2 * INTERVAL)  # a later, unchanged poll must not turn the backlog into news
        assert app.desk.marks.alerts == set()
        assert store.alert_ids() == set()
        assert bells == []
        assert not [n for n in app._notifications if n.title.startswith("Alert")]

        hot = Entry("Power cut across charkiv", guid="urn:live:hot", date=time.time(),
                    body="<p>KYIV (ANP) - Blackout.</p>")
        calm = Entry("Grain prices ease", guid="urn:live:calm", date=time.time() - 1,
                     body="<p>LONDON (RTR) - Quiet day.</p>")
        server.set("/wire.xml", rss([hot, calm, *backlog]))
        await pilot_until(pilot, lambda: {hot.guid, calm.guid} <= app.desk.items.keys(), what="the arrivals")
        await pilot.pause()
        assert app.desk.marks.alerts == {hot.guid}
        assert {hot.guid, calm.guid} <= app.desk.marks.arrived.keys()
        assert len(bells) == 1
        alerts = [n for n in app._notifications if n.title.startswith("Alert")]
        assert [(n.title, n.message, n.severity) for n in alerts] == [
            ("Alert: Charkiv", "Power cut across charkiv", "error")]
        await pilot_until(pilot, lambda: store.alert_ids() == {hot.guid}, what="the alert saved")
        wire = app.query_one(WireList)
        width = wire.scrollable_content_region.width
        assert wire._item_line(app.desk.items[hot.guid], width, False).text.startswith(ALERT_MARK)
        assert wire._item_line(app.desk.items[calm.guid], width, False).text.startswith(NEW_MARK)
        # The same items polled again are not news again.
        await pilot.pause(2 * INTERVAL)
        assert len(bells) == 1
    assert open_store(data_dir).alert_ids() == {hot.guid}


# 7. Concurrency cap


async def test_desk_never_has_more_requests_in_flight_than_its_cap(server, data_dir):
    paths = [f"/slow{n}.xml" for n in range(6)]
    for n, path in enumerate(paths):
        server.set(path, rss([_story(n, time.time())], title=f"Slow {n}"), delay=0.4)
    sources = [FeedSource(url=server.url(p), interval=INTERVAL) for p in paths]
    app = WireDesk(open_store(data_dir), sources, poll=True, concurrency=2)
    async with live_desk(app, (100, 30)) as pilot:
        await pilot_until(pilot, lambda: len(app.desk.items) == 6, timeout=8, what="every slow feed polled")
        assert {r.path for r in server.requests if r.status == 200} == set(paths)
    assert server.max_in_flight == 2


# 8. The feed health screen


async def test_health_screen_shows_every_feed_and_keeps_titles_literal(server, data_dir):
    server.set("/ok.xml", rss([_story(1, time.time())], title="[bold red]X[/] wire"))
    server.set_status("/bad.xml", 500)
    ok, bad = server.url("/ok.xml"), server.url("/bad.xml")
    app = WireDesk(open_store(data_dir),
                   [FeedSource(url=ok, interval=INTERVAL), FeedSource(url=bad, interval=INTERVAL)], poll=True)
    async with live_desk(app, (140, 30)) as pilot:
        health = app.desk.health
        await pilot_until(pilot, lambda: ok in health.feeds and health.feeds[ok].status == "ok" and health.failing == 1,
                          what="one feed ok, one failing")
        assert "1 feed failing" in _bar(app)
        assert [n.title for n in app._notifications].count("Feed failing") == 1, "one notice, not one per poll"
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        rows = {str(table.get_row_at(n)[0]): [str(c) for c in table.get_row_at(n)] for n in range(2)}
        assert set(rows) == {"[bold red]X[/] wire", bad}
        good_row, bad_row = rows["[bold red]X[/] wire"], rows[bad]
        assert good_row[1] == "ok" and good_row[3] == "" and good_row[4] == "1"
        assert bad_row[1] == "failing"
        assert bad_row[3].endswith("HTTP 500")
        assert bad_row[4] == "0"
        # Drawn on screen literally, brackets and all.
        drawn = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert "[bold red]X[/] wire" in drawn
        assert "failing" in drawn and "HTTP 500" in drawn
        heading = str(app.screen.query_one("#health-title", Static).render())
        assert "Feeds: 2, failing: 1" in heading
        await pilot.press("escape")
        assert not isinstance(app.screen, HealthScreen)


async def test_health_screen_columns_moves_validators_and_a_recovered_feeds_last_error(server, data_dir):
    from tui.ui.widgets.health import when

    server.set("/etag.xml", rss([_story(1, time.time())], title="Etag wire"), etag='"v1"')
    server.set("/plain.xml", rss([_story(2, time.time())], title="Plain wire"))
    server.set("/new.xml", rss([_story(3, time.time())], title="Moved wire"))
    server.redirect("/old.xml", "/new.xml", 301)
    server.set_status("/flaky.xml", 503)
    paths = ("/etag.xml", "/plain.xml", "/old.xml", "/flaky.xml")
    urls = {p: server.url(p) for p in paths}
    # Long intervals and `r` to poll: nothing changes under the screen while it is read.
    app = WireDesk(open_store(data_dir), [FeedSource(url=urls[p], interval=600) for p in paths], poll=True)
    async with live_desk(app, (160, 30)) as pilot:
        await pilot.press("r")
        await pilot_until(pilot, lambda: app.desk.health.failing == 1 and len(app.desk.items) == 3,
                          what="three ok, one failing")
        server.set("/flaky.xml", rss([_story(4, time.time())], title="Flaky wire"))
        await pilot.press("r")
        await pilot_until(pilot, lambda: app.desk.health.failing == 0 and len(app.desk.items) == 4,
                          what="the flaky feed back")
        await pilot.press("F")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(n)[0]).split("\n")[0]: [str(c) for c in table.get_row_at(n)]
                for n in range(table.row_count)}
        assert set(rows) == {"Etag wire", "Plain wire", "Moved wire", "Flaky wire"}
        for name, state in zip(("Etag wire", "Plain wire", "Moved wire", "Flaky wire"), app.desk.health.feeds.values(),
                               strict=True):
            status, last_ok, _, items, next_poll, _ = rows[name][1:]
            assert (status, items) == ("ok", "1"), name
            assert last_ok == when(state.last_ok) and next_poll == when(state.next_poll), name
            assert state.next_poll > state.last_ok
        assert rows["Etag wire"][6] == "yes" and rows["Plain wire"][6] == "no"
        assert f"moved to {urls['/old.xml'].replace('/old.xml', '/new.xml')}" in rows["Moved wire"][0]
        assert rows["Flaky wire"][3].endswith("HTTP 503"), "the last error stays on show after recovery"
        assert rows["Etag wire"][3] == ""
        heading = str(app.screen.query_one("#health-title", Static).render())
        assert "Feeds: 4, failing: 0" in heading


# 9. `wiredesk status` while the desk runs


async def _status_line(data_dir: Path) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", "status", "--data-dir", str(data_dir),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=os.environ.copy(),
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=20)
    assert proc.returncode == 0, err.decode()
    assert err == b""
    return out.decode()


async def _cli(data_dir: Path, *args: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=20)
    assert proc.returncode == 0, (out, err)


async def test_status_command_agrees_with_a_running_desk(server, data_dir):
    now = time.time()
    backlog = [_story(n, now, title=t) for n, t in enumerate(["Ceasefire talks", "Charkiv shelled", "Rates held"])]
    server.set("/wire.xml", rss(backlog))
    server.set_status("/down1.xml", 500)
    server.set_status("/down2.xml", 404)
    urls = [server.url(p) for p in ("/wire.xml", "/down1.xml", "/down2.xml")]
    store = open_store(data_dir)
    app = WireDesk(store, [FeedSource(url=u, interval=INTERVAL) for u in urls], poll=True,
                   alerts=Alerts(["Charkiv"]), mark_read_delay=60)
    async with live_desk(app, (100, 30)) as pilot:
        await pilot_until(pilot, lambda: len(app.desk.items) == 3 and app.desk.health.failing == 2, what="first polls")
        await pilot_until(pilot, lambda: store.status()["down"] == 2, what="failures saved")
        assert await _status_line(data_dir) == "wire 3 unread · 2 feeds down\n"

        await pilot.press("m")  # the item under the cursor, read
        read_id = app.query_one(WireList).current.id
        await pilot_until(pilot, lambda: read_id in store.read_ids(), what="the read mark saved")
        hot = [Entry(f"Charkiv update {k}", guid=f"urn:live:hot{k}", date=time.time() - k,
                     body="<p>KYIV (ANP) - More.</p>") for k in range(2)]
        server.set("/wire.xml", rss([*hot, *backlog]))
        server.set("/down2.xml", rss([], title="Back up"))
        await pilot_until(pilot, lambda: len(store.alert_ids()) == 2 and store.status()["down"] == 1,
                          what="alerts saved, one feed recovered")
        unread = sum(1 for i in app.desk.items if i not in app.desk.marks.read)
        assert unread == 4
        assert store.status() == {"unread": 4, "alerts": 2, "down": 1}
        assert await _status_line(data_dir) == "wire 4 unread · 2 alerts · 1 feed down\n"

        # Reading an alerted item elsewhere, while the desk runs, takes it off the count.
        await _cli(data_dir, "read", hot[0].guid)
        assert await _status_line(data_dir) == "wire 3 unread · 1 alert · 1 feed down\n"
        await pilot.pause(2 * INTERVAL)  # the desk keeps polling and writing meanwhile
        assert hot[0].guid in store.read_ids(), "the desk's writes kept the other writer's mark"
        assert read_id in store.read_ids()
