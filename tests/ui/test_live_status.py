"""The live desk's state: r polls now, relative times tick, the feed health screen, and `wiredesk status`
agreeing with a running desk. Real stores and loopback feed servers; nothing of wiredesk is mocked."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.helpers.desk import NOW, head_text, item_rows, make_desk, seeded_store, settle, status_text
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, ids_of
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.stories import numbered_story, story
from tests.helpers.waiting import until
from tui.core.alerts import Alerts
from tui.core.feeds import FeedSource
from tui.core.items import Item
from tui.core.timefmt import ago_short
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.health import HealthScreen
from tui.ui.widgets.wire_list import WireList

# r: poll now


async def test_r_polls_every_feed_at_once(feed_server, data_dir):
    feed_server.set("/wire.xml", rss([story("urn:old", "Old story", 600)]))
    source = FeedSource(url=feed_server.url("/wire.xml"), interval=3600)  # an hour: nothing polls by itself
    app = WireDesk(open_store(data_dir), [source], poll=True, mark_read_delay=60)
    old, fresh = ids_of(source.url, "urn:old", "urn:fresh")
    async with live_desk(app) as pilot:
        await until(lambda: old in app.desk.items and app.desk.polled_once, what="the first poll", pilot=pilot)
        feed_server.set("/wire.xml", rss([story("urn:fresh", "Fresh story", 1), story("urn:old", "Old story", 600)]))
        await pilot.pause(0.6)
        assert fresh not in app.desk.items
        assert len(feed_server.requests_for("/wire.xml")) == 1
        await pilot.press("r")
        asked = time.monotonic()
        await until(lambda: fresh in app.desk.items, timeout=3, what="the item polled by r", pilot=pilot)
        assert time.monotonic() - asked < 2.0
        assert len(feed_server.requests_for("/wire.xml")) == 2
        assert fresh in [r.id for r in item_rows(app)], "the new item is in the list"
        assert "Polling now…" in [n.message for n in app._notifications]
        # r again: a second poll, not a stuck one-shot.
        await pilot.press("r")
        await until(lambda: len(feed_server.requests_for("/wire.xml")) == 3, timeout=3,
                    what="a second poll from r", pilot=pilot)


async def test_r_with_polling_off_says_so(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        assert [n.message for n in app._notifications][-1] == "Polling is off (--no-poll)"


# Relative times tick without a full redraw


async def test_tick_repaints_only_the_rows_whose_relative_time_changed(data_dir):
    now = [NOW]
    app = WireDesk(seeded_store(data_dir), [], poll=False, mark_read_delay=60, clock=lambda: now[0])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        height = wire.scrollable_content_region.height
        visible = {y: wire.rows[y] for y in range(min(height, len(wire.rows)))}
        items = {y: row for y, row in visible.items() if isinstance(row, Item)}
        assert len(items) >= 20
        calls: list[int] = []
        render_line = wire.render_line
        wire.render_line = lambda y: calls.append(y) or render_line(y)

        wire.tick()  # nothing changed: nothing repainted
        await pilot.pause()
        assert calls == []

        for step in (60, 59 * 60, 24 * 3600):
            before = {y: ago_short(i.published, now[0], app.lang) for y, i in items.items()}
            now[0] += step
            after = {y: ago_short(i.published, now[0], app.lang) for y, i in items.items()}
            changed = {y for y in items if before[y] != after[y]}
            assert changed, step
            calls.clear()
            wire.tick()
            await pilot.pause()
            assert set(calls) == changed, (step, sorted(calls), sorted(changed))
            assert all(after[y] in wire.render_line(y).text for y in changed)
            if step == 60:
                assert len(changed) < len(items) / 2, "a minute later most rows read the same: no full redraw"


async def test_the_articles_relative_time_moves_on(tmp_path):
    now = [NOW]
    app = make_desk(tmp_path)
    app.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = head_text(app)
        now[0] += 3 * 3600
        await pilot.pause(1.3)
        after = head_text(app)
        assert after != before
        assert "hours ago" in after


# The feed health screen


async def test_health_screen_shows_every_feed_and_keeps_titles_literal(server, data_dir):
    server.set("/ok.xml", rss([numbered_story(1, time.time())], title="[bold red]X[/] wire"))
    server.set_status("/bad.xml", 500)
    ok, bad = server.url("/ok.xml"), server.url("/bad.xml")
    app = WireDesk(open_store(data_dir),
                   [FeedSource(url=ok, interval=POLL_INTERVAL), FeedSource(url=bad, interval=POLL_INTERVAL)], poll=True)
    async with live_desk(app, (140, 30)) as pilot:
        health = app.desk.health
        await until(lambda: ok in health.feeds and health.feeds[ok].status == "ok" and health.failing == 1,
                    what="one feed ok, one failing", pilot=pilot)
        assert "1 feed failing" in status_text(app)
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

    server.set("/etag.xml", rss([numbered_story(1, time.time())], title="Etag wire"), etag='"v1"')
    server.set("/plain.xml", rss([numbered_story(2, time.time())], title="Plain wire"))
    server.set("/new.xml", rss([numbered_story(3, time.time())], title="Moved wire"))
    server.redirect("/old.xml", "/new.xml", 301)
    server.set_status("/flaky.xml", 503)
    paths = ("/etag.xml", "/plain.xml", "/old.xml", "/flaky.xml")
    urls = {p: server.url(p) for p in paths}
    # Long intervals and `r` to poll: nothing changes under the screen while it is read.
    app = WireDesk(open_store(data_dir), [FeedSource(url=urls[p], interval=600) for p in paths], poll=True)
    async with live_desk(app, (160, 30)) as pilot:
        await pilot.press("r")
        await until(lambda: app.desk.health.failing == 1 and len(app.desk.items) == 3,
                    what="three ok, one failing", pilot=pilot)
        server.set("/flaky.xml", rss([numbered_story(4, time.time())], title="Flaky wire"))
        await pilot.press("r")
        await until(lambda: app.desk.health.failing == 0 and len(app.desk.items) == 4,
                    what="the flaky feed back", pilot=pilot)
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


# `wiredesk status` while the desk runs


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
    backlog = [numbered_story(n, now, title=t)
               for n, t in enumerate(["Ceasefire talks", "Charkiv shelled", "Rates held"])]
    server.set("/wire.xml", rss(backlog))
    server.set_status("/down1.xml", 500)
    server.set_status("/down2.xml", 404)
    urls = [server.url(p) for p in ("/wire.xml", "/down1.xml", "/down2.xml")]
    store = open_store(data_dir)
    app = WireDesk(store, [FeedSource(url=u, interval=POLL_INTERVAL) for u in urls], poll=True,
                   alerts=Alerts(["Charkiv"]), mark_read_delay=60)
    async with live_desk(app, (100, 30)) as pilot:
        await until(lambda: len(app.desk.items) == 3 and app.desk.health.failing == 2, what="first polls", pilot=pilot)
        await until(lambda: store.status()["down"] == 2, what="failures saved", pilot=pilot)
        assert await _status_line(data_dir) == "wire 3 unread · 2 feeds down\n"

        await pilot.press("m")  # the item under the cursor, read
        read_id = app.query_one(WireList).current.id
        await until(lambda: read_id in store.read_ids(), what="the read mark saved", pilot=pilot)
        hot = [Entry(f"Charkiv update {k}", guid=f"urn:live:hot{k}", date=time.time() - k,
                     body="<p>KYIV (ANP) - More.</p>") for k in range(2)]
        server.set("/wire.xml", rss([*hot, *backlog]))
        server.set("/down2.xml", rss([], title="Back up"))
        await until(lambda: len(store.alert_ids()) == 2 and store.status()["down"] == 1,
                    what="alerts saved, one feed recovered", pilot=pilot)
        unread = sum(1 for i in app.desk.items if i not in app.desk.marks.read)
        assert unread == 4
        assert store.status() == {"unread": 4, "alerts": 2, "down": 1}
        assert await _status_line(data_dir) == "wire 4 unread · 2 alerts · 1 feed down\n"

        # Reading an alerted item elsewhere, while the desk runs, takes it off the count.
        hot_id = entry_id(hot[0], server.url("/wire.xml"))
        await _cli(data_dir, "read", hot_id)
        assert await _status_line(data_dir) == "wire 3 unread · 1 alert · 1 feed down\n"
        await pilot.pause(2 * POLL_INTERVAL)  # the desk keeps polling and writing meanwhile
        assert hot_id in store.read_ids(), "the desk's writes kept the other writer's mark"
        assert read_id in store.read_ids()
