"""A running poller's feed list changed (`r` after the config changed): added feeds at once, removed no more."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from tests.helpers.feeds import rss
from tests.helpers.live import running
from tests.helpers.stories import numbered_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource, PollResult
from tui.fetch.poller import FIRST_POLL_SPREAD, Poller
from tui.store import open_store


async def test_feeds_come_and_go_while_the_poller_runs(server, data_dir):
    for path in ("/a.xml", "/b.xml", "/c.xml"):
        server.set(path, rss([numbered_story(1, time.time())]))
    a, b, c = (FeedSource(url=server.url(p), interval=600) for p in ("/a.xml", "/b.xml", "/c.xml"))
    results: list[PollResult] = []
    poller = Poller(open_store(data_dir), [a, b])
    async with running(poller, results.append) as task:
        await until(lambda: server.arrived("/a.xml") and server.arrived("/b.xml"), FIRST_POLL_SPREAD + 2, "first polls")

        started = time.monotonic()
        poller.set_sources([a, b, c])
        await until(lambda: server.arrived("/c.xml"), 2, "the added feed polled")
        assert server.arrived("/c.xml")[0] - started < 1.0, "an added feed waits for no start-up spread"

        poller.set_sources([b, c])
        polled_a = len(server.arrived("/a.xml"))
        poller.poll_now()
        await until(lambda: len(server.arrived("/b.xml")) > 1, 2, "the kept feeds polled")
        await asyncio.sleep(0.5)
        assert len(server.arrived("/a.xml")) == polled_a, "a removed feed is polled no more"

        faster = replace(c, interval=0.3)
        poller.set_sources([b, faster])  # a feed whose settings changed runs with the new ones
        await until(lambda: len(server.arrived("/c.xml")) >= 4, 3, "the new interval")
        assert not task.done(), "the poller keeps running through every change"
    assert {r.source.url for r in results} == {a.url, b.url, c.url}
