"""The bell rings once per story across a restart too: a desk started again on the same cache stays quiet when
another agency's urgent copy of a story that rang before arrives, and still rings for a new story."""

from __future__ import annotations

import time

import pytest

from tests.helpers.feeds import Entry, rss
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.stories import numbered_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.store import open_store
from tui.ui.app import WireDesk

pytestmark = pytest.mark.usefixtures("utc")


def _urgent(title: str, guid: str, body: str) -> Entry:
    return Entry(title, guid=guid, date=time.time(), body=f"<p>{body}</p>")


RTR = ("URGENT - Ferry with 37 aboard stranded on a sandbank off Harlingen", "urn:rtr:ferry",
       ("HARLINGEN, Netherlands (Reuters) - A Doeksen ferry with 37 passengers ran aground on a sandbank off "
        "Harlingen on Tuesday evening; lifeboats took everyone ashore."))
ANP = ("SPOED: Veerboot Doeksen bij Harlingen vastgelopen, 37 opvarenden aan wal", "urn:anp:ferry",
       ("HARLINGEN (ANP) - Een veerboot van Doeksen met 37 opvarenden is dinsdagavond bij Harlingen op een "
        "zandbank gelopen; reddingsboten brachten iedereen aan wal."))
OTHER = ("FLASH - Dam breaks above Zaporizhzhia", "urn:rtr:dam",
         "ZAPORIZHZHIA (Reuters) - A dam above the city gave way on Tuesday night.")


async def _run(data_dir, url, server, backlog, arriving) -> tuple[int, list[str], set[str]]:
    """One desk on the cache: it takes the feed's backlog, then `arriving` lands; the bells it rang, the
    headlines it noticed as urgent, and the stories of what arrived."""
    server.set("/wire.xml", rss(backlog))
    app = WireDesk(open_store(data_dir), [FeedSource(url=url, interval=POLL_INTERVAL)], poll=True)
    async with live_desk(app, (100, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())  # headless apps never ring; count instead
        await until(lambda: app.desk.polled_once, what="the first poll", pilot=pilot)
        known = set(app.desk.items)
        server.set("/wire.xml", rss([*arriving, *backlog]))
        await until(lambda: len(app.desk.items) >= len(known) + len(arriving), what="the arrivals", pilot=pilot)
        await pilot.pause()
        notices = [n.message for n in app._notifications if n.title in ("Flash", "Urgent")]
        stories = {app.desk.stories.story(item_id) for item_id in set(app.desk.items) - known}
    return len(bells), notices, stories


async def test_a_story_that_rang_stays_quiet_after_a_restart_and_a_new_one_rings(server, data_dir):
    url = server.url("/wire.xml")
    quiet = [numbered_story(k, time.time(), place=("KYIV", "LONDON")[k % 2]) for k in range(4)]
    rtr = _urgent(*RTR)
    bells, notices, first = await _run(data_dir, url, server, quiet, [rtr])
    assert bells == 1 and len(notices) == 1, "the story's first urgent copy rings"

    anp, dam = _urgent(*ANP), _urgent(*OTHER)
    bells, notices, second = await _run(data_dir, url, server, [rtr, *quiet], [anp, dam])
    assert len(second) == 2 and first < second, "the ANP copy joined the story that rang; the dam is its own"
    assert notices == ["Dam breaks above Zaporizhzhia"], "the story that rang before the restart stays quiet"
    assert bells == 1
