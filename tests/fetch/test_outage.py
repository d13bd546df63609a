"""Network down at start-up: the desk shows its cache, marks the feed failing, and recovers by itself.

A real loopback server is started, stopped (its port then refuses connections) and
started again on the same port while the desk keeps polling.
"""

from __future__ import annotations

import asyncio
import time

from tests.helpers.feeds import Entry, rss
from tests.helpers.hostile import HostileServer
from tests.helpers.ids import entry_id, entry_ids
from tests.helpers.live import live_desk
from tests.helpers.waiting import until
from tui.core.alerts import Alerts
from tui.core.feeds import FeedSource
from tui.fetch.poller import Poller
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList

INTERVAL = 0.3


def _backlog(now: float) -> list[Entry]:
    return [Entry(f"Earlier story {n}", guid=f"urn:out:{n}", date=now - 600 * (n + 1),
                  body=f"<p>KYIV (ANP) - Earlier story {n}.</p>") for n in range(3)]


async def test_desk_opens_on_its_cache_while_offline_and_recovers_when_the_network_returns(data_dir):
    now = time.time()
    first = HostileServer().start()
    port = first.url("/").split(":")[2].split("/")[0]
    first.set("/wire.xml", rss(_backlog(now)))
    url = first.url("/wire.xml")
    store = open_store(data_dir)
    await Poller(store, [FeedSource(url=url)]).poll_all()
    first.stop()  # the network is gone: connections to the port are refused

    sources = [FeedSource(url=url, interval=INTERVAL)]
    app = WireDesk(open_store(data_dir), sources, poll=True, alerts=Alerts(["blackout"]))
    second = None
    try:
        async with live_desk(app, (100, 30)) as pilot:
            wire = app.query_one(WireList)
            await until(lambda: len(app.desk.items) == 3, 2, what="the cache on screen", pilot=pilot)
            assert wire.current is not None
            await until(lambda: app.desk.health.failing == 1, what="the feed marked failing", pilot=pilot)
            await pilot.pause(0.3)
            assert "failing" in str(app.query_one(StatusBar).render())

            # The network returns with what was published while it was down.
            second = HostileServer(int(port)).start()
            news = Entry("Blackout in the capital", guid="urn:out:news", date=time.time(),
                         body="<p>KYIV (ANP) - The lights went out.</p>")
            second.set("/wire.xml", rss([news, *_backlog(now)]))
            # Backoff after the failures: the retry comes within a few intervals.
            news_id = entry_id(news, url)
            await until(lambda: news_id in app.desk.items, 15, what="the feed recovered", pilot=pilot)
            await pilot.pause()
            assert app.desk.health.failing == 0
            assert news_id in app.desk.marks.arrived, "published during the outage: news, not backlog"
            assert app.desk.marks.alerts == {news_id}
            assert not set(entry_ids(_backlog(now), url)) & app.desk.marks.arrived.keys()
            await asyncio.sleep(0)
    finally:
        if second is not None:
            second.stop()


async def test_a_feed_up_from_the_start_brings_no_news_with_its_backlog(data_dir):
    """Even an item of the very second the desk opened is backlog when the feed answered at once."""
    with HostileServer() as server:
        latest = Entry("Latest before the desk opened", guid="urn:out:latest", date=time.time())
        server.set("/wire.xml", rss([latest, *_backlog(time.time())]))
        app = WireDesk(open_store(data_dir), [FeedSource(url=server.url("/wire.xml"), interval=INTERVAL)], poll=True,
                       alerts=Alerts(["latest"]))
        async with live_desk(app, (100, 30)) as pilot:
            await until(lambda: len(app.desk.items) == 4, what="the backlog", pilot=pilot)
            await pilot.pause(2 * INTERVAL)
            assert app.desk.marks.arrived == {}
            assert app.desk.marks.alerts == set()
