"""Pages in the background mode (PageFetcher.serve) that timed out or failed in a way that may mend are tried
again later, further apart each time, a few times at most and within the site's budget, read off the loopback
server's own request log; and what the notes of real outcomes say in the desk's language."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from tests.helpers.live import gaps
from tests.helpers.pages import PAGES, deep_page, serve, teaser_items
from tests.helpers.waiting import until
from tui.core.fulltext import FullText, note_in
from tui.core.items import Item
from tui.fetch.fulltext import PageFetcher
from tui.store import open_store

WORDPRESS, PAYWALL = PAGES[0], PAGES[5]
PATH = "/pages/wordpress"


@pytest.fixture
def store(data_dir):
    return open_store(data_dir)


@contextlib.asynccontextmanager
async def serving(fetcher: PageFetcher, items: list[Item], told: dict[str, list[FullText]]):
    """The background mode running on `items`, noting each text it tells of, until the block ends."""
    queue: asyncio.Queue[Item] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)
    task = asyncio.create_task(fetcher.serve(queue, lambda item, text: told.setdefault(item.id, []).append(text)))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def test_a_page_that_timed_out_is_fetched_on_a_later_try(store, feed_server):
    urls = serve(feed_server, (WORDPRESS,))
    feed_server.set_delay(PATH, 3)  # the site is slow at first, then answers
    (item,) = teaser_items(store, [urls["wordpress"]])
    told: dict[str, list[FullText]] = {}

    async def run() -> None:
        async with serving(PageFetcher(store, timeout=0.3, retries=(0.5, 1.0, 2.0)), [item], told):
            await until(lambda: feed_server.requests_for(PATH), 5, "the first try")
            feed_server.set_delay(PATH, 0)
            await until(lambda: item.id in told, 10, "the page")

    asyncio.run(run())
    assert len(feed_server.requests_for(PATH)) == 2, "one timeout, then one answer"
    [text] = told[item.id]
    assert text.ok and WORDPRESS.keep[0] in text.html, "only the last outcome is told"
    assert store.full_text(item.id) == text


def test_tries_are_bounded_and_further_apart(store, server):
    server.set_status("/busy", 503)
    (item,) = teaser_items(store, [server.url("/busy")])
    told: dict[str, list[FullText]] = {}

    async def run() -> None:
        async with serving(PageFetcher(store, per_host=10, retries=(0.2, 0.4, 0.8)), [item], told):
            await until(lambda: item.id in told, 10, "the last outcome")

    asyncio.run(run())
    assert len(server.requests_for("/busy")) == 4, "a first try and three more, no more"
    apart = gaps(server.arrived("/busy"))
    assert apart[0] >= 0.2 and apart[1] >= 0.4 and apart[2] >= 0.8, apart
    assert [t.note for t in told[item.id]] == ["HTTP 503: the teaser stays"]
    assert store.full_text(item.id) is None, "a failure that may mend is not kept: the next session asks again"


def test_tries_again_keep_within_the_site_budget(store, feed_server):
    for n in range(2):
        feed_server.set_status(f"/down{n}", 502)
    items = teaser_items(store, [feed_server.url(f"/down{n}") for n in range(2)])
    told: dict[str, list[FullText]] = {}

    async def run() -> None:
        async with serving(PageFetcher(store, per_host=3, retries=(0.1, 0.1, 0.1)), items, told):
            await until(lambda: len(feed_server.requests) >= 3, 5, "three requests")
            await asyncio.sleep(0.8)  # time enough for every try, were it not for the budget

    asyncio.run(run())
    assert len(feed_server.requests) == 3, "three requests to the site in its minute, tries again included"
    assert told == {}, "the rest wait their turn"


def test_page_notes_follow_the_desk_language(store, feed_server):
    urls = serve(feed_server, (PAYWALL,))
    feed_server.set("/deep", deep_page(20_000).encode(), content_type="text/html")
    feed_server.set("/report", b"%PDF-1.7", content_type="application/pdf")
    feed_server.set_status("/gone", 404)
    feed_server.set("/slow", b"<p>late</p>", content_type="text/html", delay=2)
    for n in range(7):
        feed_server.set(f"/loop{n}", b"", status=302, headers={"Location": feed_server.url(f"/loop{n + 1}")})
    links = [urls["paywall"], *(feed_server.url(p) for p in ("/deep", "/report", "/gone", "/slow", "/loop0"))]
    items = teaser_items(store, links)
    fetcher = PageFetcher(store, timeout=0.3, per_host=10, concurrency=6)
    done = {item.id: text for item, text in asyncio.run(fetcher.fetch_many(items))[0]}
    notes = [done[item.id].note for item in items]
    dutch = [note_in("nl", note) for note in notes]
    assert dutch == [
        "Achter een betaalmuur: alleen het deel dat de site iedereen toont staat hier.",
        "Pagina ingekort: ze is dieper genest dan wiredesk leest.",
        "Geen artikelpagina (application/pdf): de teaser blijft",
        "HTTP 404: de teaser blijft",
        "time-out: geen antwoord op tijd: de teaser blijft",
        "meer dan 5 doorverwijzingen: de teaser blijft",
    ]
    assert [note_in("en", note) for note in notes] == notes
