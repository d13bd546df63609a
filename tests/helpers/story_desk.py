"""A desk on a cache folded from the story corpus: the wires polled from feed files by the real poller, with
folding, at a fixed time, for Pilot and snapshot tests of stories."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.helpers.story_corpus import T0, Wire, corpus, feed_file
from tui.core.feeds import FeedSource
from tui.core.items import Item
from tui.core.story_view import StoryRow
from tui.fetch.folding import Folding
from tui.fetch.poller import Poller
from tui.store import Store, open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

WIRES = {wire.key: wire for wire in corpus()}
NOW = T0 + 1000 * 60  # the afternoon of the corpus's first day: every item of these tests is out
DESK_KEYS = ("quake-rtr", "quake-anp", "quake-dpa", "quake-afp", "quake-dpa-neu", "metro-rtr", "metro-anp",
             "metro-dpa", "amsfire-anp", "amsfire-anp2", "amsfire-at5", "court-rtr", "frastr-dpa", "amstax-anp")


def feeds_of(directory: Path, keys: tuple[str, ...]) -> list[str]:
    """One feed file per corpus feed the keys come from; their paths, as feed URLs."""
    by_feed: dict[str, list[Wire]] = {}
    for key in keys:
        by_feed.setdefault(WIRES[key].feed, []).append(WIRES[key])
    return [feed_file(directory, feed.replace(" ", "-"), wires) for feed, wires in sorted(by_feed.items())]


def folded_store(data_dir: Path, feeds_dir: Path, keys: tuple[str, ...] = DESK_KEYS) -> Store:
    feeds_dir.mkdir(exist_ok=True)
    return polled_store(data_dir, feeds_of(feeds_dir, keys))


def polled_store(data_dir: Path, urls: list[str]) -> Store:
    """A cache of the feeds at `urls` (feed files), polled once by the real poller with folding, at NOW."""
    store = open_store(data_dir)
    sources = [FeedSource(url=url) for url in urls]
    poller = Poller(store, sources, folding=Folding(store), clock=lambda: NOW)
    with ThreadPoolExecutor(1) as thread:  # its own event loop: callable from async tests too
        results = thread.submit(asyncio.run, poller.poll_all()).result()
    assert all(result.ok for result in results), [result.error for result in results]
    return store


def story_desk(data_dir: Path, feeds_dir: Path, keys: tuple[str, ...] = DESK_KEYS, **options) -> WireDesk:
    return WireDesk(folded_store(data_dir, feeds_dir, keys), [], poll=False, mark_read_delay=3600,
                    clock=lambda: NOW, **options)


def rows(app) -> list[Item]:
    return [row for row in app.query_one(WireList).rows if isinstance(row, Item)]


async def to_story(app, pilot, title_part: str) -> StoryRow:
    """Move the cursor down onto the story row whose title holds `title_part`."""
    wire = app.query_one(WireList)
    await pilot.press("g")
    for _ in range(len(wire.rows)):
        if isinstance(wire.current, StoryRow) and title_part in wire.current.title:
            return wire.current
        await pilot.press("j")
    raise AssertionError(f"no story row with {title_part!r}: {[r.title for r in rows(app)]}")
