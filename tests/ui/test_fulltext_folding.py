"""Full text folds in the running desk: a teaser whose page shows it to be ANP's story joins that story in the
list, and the reader is not moved: the cursor stays on its row and the article pane keeps its item. An item the
reader is on keeps its own row until the reader moves off it. Feeds and pages on a loopback server; nothing of
wiredesk is mocked."""

from __future__ import annotations

import time

from textual.widgets import Markdown

from tests.helpers.desk import item_rows, settle, to_item
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.teaser_story import LOCKS_ANP, OTHER_TEASER, TEASER, serve_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.core.story_view import row_key
from tui.fetch.folding import Folding
from tui.fetch.poller import Poller
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList


async def _stored(data_dir, server) -> tuple[str, dict[str, str]]:
    """The three items polled into the cache (three stories by their teasers); the teasers' feed URL and ids."""
    anp, kust, ids = serve_story(server, time.time())
    store = open_store(data_dir)
    await Poller(store, [FeedSource(anp), FeedSource(kust)], folding=Folding(store)).poll_all()
    return kust, ids


def _body(app: WireDesk) -> str:
    return app.query_one("#article-body", Markdown).source


async def test_a_background_page_folds_its_teaser_and_the_reader_stays(data_dir, server):
    kust, ids = await _stored(data_dir, server)
    server.set_delay("/pages/locks", 3.0)  # the reader settles on a row before the page lands
    app = WireDesk(open_store(data_dir), [FeedSource(kust, interval=POLL_INTERVAL, full_text=True)],
                   mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await until(lambda: len(item_rows(app)) == 3, 5, "three rows, one a story each", pilot=pilot)
        wire = app.query_one(WireList)
        await to_item(app, pilot, ids[OTHER_TEASER.id])
        await to_item(app, pilot, ids[LOCKS_ANP.id])
        body, key = _body(app), row_key(wire.current)
        assert len(item_rows(app)) == 3 and wire.current.id == ids[LOCKS_ANP.id], "settled before the page came"
        await until(lambda: len(item_rows(app)) == 2, 10, "the teaser folded into ANP's story", pilot=pilot)
        assert app.desk.stories.story(ids[TEASER.id]) == ids[LOCKS_ANP.id]
        assert row_key(wire.current) == key, "the cursor stays on its row, now the story's"
        assert wire.current.count == 2 and "Omroep Kust" in wire.current.agencies
        assert app.desk_screen.article.item.id == ids[LOCKS_ANP.id] and _body(app) == body, "the pane keeps its article"
        assert len(server.requests_for("/pages/locks")) == 1


async def test_t_on_a_teaser_folds_it_once_the_reader_moves_on(data_dir, feed_server):
    _, ids = await _stored(data_dir, feed_server)
    app = WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600)
    async with live_desk(app) as pilot:
        wire = app.query_one(WireList)
        await until(lambda: len(item_rows(app)) == 3, 5, "three rows", pilot=pilot)
        teaser = ids[TEASER.id]
        await to_item(app, pilot, teaser)
        await settle(app, pilot)
        await pilot.press("t")
        await until(lambda: "zeesluizen bij IJmuiden" in _body(app), 10, "the page in the pane", pilot=pilot)
        await until(lambda: open_store(data_dir).story_links()[teaser].story == ids[LOCKS_ANP.id], 5,
                    "the new link kept", pilot=pilot)
        await settle(app, pilot)
        assert len(item_rows(app)) == 3 and wire.current.id == teaser, "while the reader is on it, its row stays"
        assert app.desk_screen.article.item.id == teaser
        await pilot.press("j" if wire.cursor < len(wire.rows) - 1 else "k")
        moved_to = row_key(wire.current)
        shown = app.desk_screen.article.item.id
        await until(lambda: len(item_rows(app)) == 2, 5, "the teaser folded once the reader moved on", pilot=pilot)
        assert row_key(wire.current) == moved_to, "the cursor stays where the reader went"
        assert app.desk_screen.article.item.id == shown
        assert shown != teaser
