"""Full text in the running desk, against article pages on a loopback server: `t` fetches the current item's
page off the event loop and shows it in place of the teaser, the reader keeps moving meanwhile, and feeds with
`full_text = true` have their new items' pages fetched in the background within each site's budget (read off
the server's own request log). Nothing of wiredesk is mocked."""

from __future__ import annotations

import time

from textual.widgets import Markdown

from tests.helpers.desk import settle, to_item
from tests.helpers.feeds import Entry, rss
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.pages import PAGES, serve, teaser_items
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

WORDPRESS, REGIONAL = PAGES[0], PAGES[1]


def _body(app: WireDesk) -> str:
    return app.query_one("#article-body", Markdown).source


async def _open(app: WireDesk, pilot, item_id: str, *, live: bool = False) -> None:
    """Put the cursor on the item; `live`: the poller's workers never finish, so wait for no worker."""
    await to_item(app, pilot, item_id)
    if not live:
        await settle(app, pilot)


def _notes(app: WireDesk) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_t_shows_the_full_text_in_place_of_the_teaser(data_dir, feed_server):
    urls = serve(feed_server, (WORDPRESS,))
    (item,) = teaser_items(open_store(data_dir), [urls["wordpress"]])
    app = WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await _open(app, pilot, item.id)
        assert "Only the first lines of story 0." in _body(app)
        await pilot.press("t")
        assert any(note.startswith("Fetching the full text from 127.0.0.1") for note in _notes(app))
        await until(lambda: WORDPRESS.keep[0] in _body(app), 10, "the full text in the article pane", pilot=pilot)
        body = _body(app)
        assert "Full text fetched" in body and urls["wordpress"] in body, "a line says it was fetched, and from where"
        assert "Only the first lines" not in body
        assert "Leave a Reply" not in body and "Accept all cookies" not in body
        await pilot.press("t")  # kept: a second ask reads the cache
        await settle(app, pilot)
    assert len(feed_server.requests_for("/pages/wordpress")) == 1


async def test_the_reader_keeps_moving_while_a_page_is_fetched(data_dir, feed_server):
    urls = serve(feed_server, (WORDPRESS, REGIONAL))
    feed_server.set_delay("/pages/wordpress", 1.5)
    slow, other = teaser_items(open_store(data_dir), [urls["wordpress"], urls["regional"]])
    app = WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await _open(app, pilot, slow.id)
        await pilot.press("t")
        await pilot.press("j")  # at once, while the page is still on its way
        wire = app.query_one(WireList)
        assert wire.current.id == other.id
        await until(lambda: open_store(data_dir).full_text(slow.id) is not None, 10, "the slow page kept",
                    pilot=pilot)
        await settle(app, pilot)
        assert wire.current.id == other.id, "the fetch did not move the reader"
        assert "Only the first lines of story 1." in _body(app), "nor put another item's text in the pane"
        await pilot.press("k")
        await until(lambda: WORDPRESS.keep[0] in _body(app), 5, "the full text, read back", pilot=pilot)


async def test_a_pdf_keeps_the_teaser_and_says_why(data_dir, feed_server):
    feed_server.set("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    (item,) = teaser_items(open_store(data_dir), [feed_server.url("/report.pdf")])
    app = WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await _open(app, pilot, item.id)
        await pilot.press("t")
        await until(lambda: any("Not an article page (application/pdf)" in n for n in _notes(app)), 10,
                    "the reason", pilot=pilot)
        assert "Only the first lines of story 0." in _body(app)


async def test_page_notes_follow_the_desk_language(data_dir, feed_server):
    urls = serve(feed_server, (PAGES[5],))  # the paywalled page
    feed_server.set("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    paywalled, pdf = teaser_items(open_store(data_dir), [urls["paywall"], feed_server.url("/report.pdf")])
    app = WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600, lang="nl")
    async with live_desk(app) as pilot:
        await _open(app, pilot, pdf.id)
        await pilot.press("t")
        await until(lambda: any("Geen artikelpagina (application/pdf): de teaser blijft" in n for n in _notes(app)),
                    10, "the reason, in Dutch", pilot=pilot)
        await _open(app, pilot, paywalled.id)
        await pilot.press("t")
        await until(lambda: "Achter een betaalmuur" in _body(app), 10, "the paywall note, in Dutch", pilot=pilot)
        assert "Volledige tekst opgehaald" in _body(app) and "Paywalled" not in _body(app)


async def test_full_text_feeds_are_fetched_in_the_background_within_the_site_budget(data_dir, server):
    urls = serve(server, PAGES[:4])
    now = time.time()
    entries = [Entry(f"Teaser {n}", guid=f"urn:bg:{n}", link=urls[page.name], date=now - 60 * n,
                     body="<p>The first lines only.</p>") for n, page in enumerate(PAGES[:4])]
    server.set("/teasers.xml", rss(entries))
    source = FeedSource(server.url("/teasers.xml"), interval=POLL_INTERVAL, full_text=True)
    app = WireDesk(open_store(data_dir), [source], mark_read_delay=3600, full_text_per_minute=2)
    async with live_desk(app) as pilot:
        pages = lambda: [r for r in server.requests if r.path.startswith("/pages/")]  # noqa: E731
        await until(lambda: len(pages()) == 2, 10, "two pages fetched in the background", pilot=pilot)
        await until(lambda: len(open_store(data_dir).with_full_text(i.id for i in app.desk.items.values())) == 2,
                    10, "both kept", pilot=pilot)
        polls = len(server.requests_for("/teasers.xml"))
        await until(lambda: len(server.requests_for("/teasers.xml")) >= polls + 3, 10, "more polls", pilot=pilot)
        assert len(pages()) == 2, "the site's budget is spent: the other two wait for the next minute"
        assert {r.path for r in pages()} == {"/pages/wordpress", "/pages/regional"}, "the newest two first"
        first = next(i for i in app.desk.items.values() if i.link == urls["wordpress"])
        await _open(app, pilot, first.id, live=True)
        await until(lambda: WORDPRESS.keep[0] in _body(app), 5, "the background's text in the pane", pilot=pilot)


async def test_feeds_without_full_text_fetch_no_pages(data_dir, server):
    urls = serve(server, PAGES[:1])
    now = time.time()
    server.set("/plain.xml", rss([Entry("Plain", guid="urn:plain", link=urls["wordpress"], date=now)]))
    app = WireDesk(open_store(data_dir), [FeedSource(server.url("/plain.xml"), interval=POLL_INTERVAL)],
                   mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await until(lambda: len(server.requests_for("/plain.xml")) >= 3, 10, "three polls", pilot=pilot)
    assert [r for r in server.requests if r.path.startswith("/pages/")] == []


async def test_items_left_without_their_page_are_fetched_when_the_feed_answers(data_dir, server):
    """Items cached before (by `wiredesk fetch` past a site's budget, or a desk that quit) are no news to this
    desk, but still lack their page: the feed's next answer has them fetched."""
    urls = serve(server, PAGES[:2])
    feed = server.url("/teasers.xml")
    stored = teaser_items(open_store(data_dir), [urls["wordpress"], urls["regional"]], feed_url=feed)
    server.set("/teasers.xml", rss([Entry(item.title, guid=f"urn:teaser:{n}", link=item.link, date=item.published,
                                          body="<p>Only the first lines.</p>") for n, item in enumerate(stored)]))
    app = WireDesk(open_store(data_dir), [FeedSource(feed, interval=POLL_INTERVAL, full_text=True)],
                   mark_read_delay=3600)
    async with live_desk(app) as pilot:
        await until(lambda: open_store(data_dir).with_full_text(i.id for i in stored) == {i.id for i in stored},
                    10, "both pages fetched and kept", pilot=pilot)
    assert {r.path for r in server.requests if r.path.startswith("/pages/")} == {"/pages/wordpress",
                                                                                 "/pages/regional"}
    assert len([r for r in server.requests if r.path.startswith("/pages/")]) == 2, "each once"
