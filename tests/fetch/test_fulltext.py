"""Full text behind teaser links (tui/fetch/fulltext.py, tui/fetch/extract.py), fetched from pages shaped like
real sites on a loopback server: what is kept, what leaks, hostile pages, politeness, and fetching only once."""

from __future__ import annotations

import asyncio
import gzip
import html
import re

import pytest

from tests.helpers.pages import PAGES, deep_page, huge_page, serve, teaser_items
from tui.core.bodies import to_markdown
from tui.core.fulltext import NOTE_DEEP, NOTE_HUGE, NOTE_PAYWALL, full_text_markdown
from tui.core.items import html_to_text
from tui.fetch.fulltext import PageFetcher, pending
from tui.store import open_store

_SPACES = re.compile(r"\s+")


@pytest.fixture
def store(data_dir):
    return open_store(data_dir)


def _text(markup: str) -> str:
    return _SPACES.sub(" ", html.unescape(html_to_text(markup)))


def fetch_all(fetcher: PageFetcher, items, *, wait: bool = True):
    return asyncio.run(fetcher.fetch_many(items, wait=wait))


def test_the_corpus_keeps_the_article_and_drops_the_furniture(store, feed_server):
    urls = serve(feed_server)
    items = teaser_items(store, [urls[page.name] for page in PAGES])
    done, left = fetch_all(PageFetcher(store, per_host=len(PAGES), concurrency=4), items)
    assert left == []
    kept = total = 0
    by_link = {item.link: text for item, text in done}
    for page in PAGES:
        text = by_link[urls[page.name]]
        words = _text(text.html)
        kept += sum(sentence in words for sentence in page.keep)
        total += len(page.keep)
        leaks = [piece for piece in page.boilerplate if piece in words]
        assert len(leaks) <= 1, f"{page.name}: {leaks}"
        shown = full_text_markdown(text)
        for payload in page.never:
            assert payload not in text.html and payload not in shown, f"{page.name}: {payload!r}"
        assert (NOTE_PAYWALL in text.note) == page.paywalled, page.name
        assert text.url == urls[page.name]
    assert kept / total >= 0.9


def test_subheads_lists_quotes_and_tables_stay(store, feed_server):
    page = ("<html><body><nav>Menu one two</nav><article><h1>Port strike</h1>"
            "<p>Dock workers in the port of Rotterdam stopped work on Monday for twenty-four hours.</p>"
            "<h2>What the union wants</h2><ul><li>higher wages for night shifts</li><li>fewer weekend shifts</li></ul>"
            "<blockquote>We have waited long enough for an offer, a union leader said in Rotterdam.</blockquote>"
            "<table><tr><th>Terminal</th><th>Ships waiting</th></tr><tr><td>Maasvlakte</td><td>14</td></tr></table>"
            "<p>The employers said they would answer before the end of the week, according to ANP.</p>"
            "</article></body></html>")
    feed_server.set("/strike", page.encode(), content_type="text/html; charset=utf-8")
    (item,) = teaser_items(store, [feed_server.url("/strike")])
    ((_, text),), _ = fetch_all(PageFetcher(store), [item])
    markdown = to_markdown(text.html)
    assert "## What the union wants" in markdown
    assert "* higher wages for night shifts" in markdown
    assert "> We have waited long enough" in markdown
    assert "Maasvlakte | 14" in markdown
    assert "Menu one two" not in markdown


def test_a_page_is_fetched_once_and_kept(store, feed_server, data_dir):
    urls = serve(feed_server, PAGES[:1])
    items = teaser_items(store, [urls[PAGES[0].name]])
    fetch_all(PageFetcher(store), items)
    fetch_all(PageFetcher(open_store(data_dir)), items)  # another process, later
    assert len(feed_server.requests_for("/pages/wordpress")) == 1
    assert open_store(data_dir).full_text(items[0].id).ok
    assert pending(open_store(data_dir), [items[0].feed_url]) == []


@pytest.mark.parametrize(("content_type", "reason"), [
    ("application/pdf", "Not an article page (application/pdf)"), ("image/jpeg", "Not an article page (image/jpeg)"),
])
def test_a_non_html_answer_keeps_the_teaser_with_one_line_why(store, feed_server, content_type, reason):
    feed_server.set("/report", b"%PDF-1.7 binary", content_type=content_type)
    (item,) = teaser_items(store, [feed_server.url("/report")])
    ((_, text),), _ = fetch_all(PageFetcher(store), [item])
    assert text.html == "" and text.note == f"{reason}: the teaser stays"
    assert store.full_text(item.id) == text, "kept: asking again would only get the same answer"


def test_a_lasting_error_is_kept_and_a_passing_one_is_tried_again(store, feed_server):
    feed_server.set_status("/gone", 410)
    feed_server.set_status("/busy", 503)
    gone, busy = teaser_items(store, [feed_server.url("/gone"), feed_server.url("/busy")])
    done = {i.id: t for i, t in fetch_all(PageFetcher(store), [gone, busy])[0]}
    assert done[gone.id].note == "HTTP 410: the teaser stays" and done[busy.id].note == "HTTP 503: the teaser stays"
    fetch_all(PageFetcher(store), [gone, busy])
    assert len(feed_server.requests_for("/gone")) == 1
    assert len(feed_server.requests_for("/busy")) == 2


def test_hostile_pages_are_cut_with_a_visible_note(store, feed_server):
    feed_server.set("/deep", deep_page(20_000).encode(), content_type="text/html")
    feed_server.set("/huge", huge_page(3).encode(), content_type="text/html")
    deep, huge = teaser_items(store, [feed_server.url("/deep"), feed_server.url("/huge")])
    done = {i.id: t for i, t in fetch_all(PageFetcher(store), [deep, huge])[0]}
    assert NOTE_DEEP in done[deep.id].note and "nests far too deep" in _text(done[deep.id].html)
    assert NOTE_HUGE in done[huge.id].note and "a page that never ends" in _text(done[huge.id].html)
    assert NOTE_DEEP in full_text_markdown(done[deep.id])


def test_pages_get_the_feeds_caps(store, feed_server):
    bomb = gzip.compress(b"<p>" + b"A" * (4 * 1024 * 1024) + b"</p>")
    feed_server.set("/bomb", bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    feed_server.set("/big", b"<p>" + b"B" * (2 * 1024 * 1024) + b"</p>", content_type="text/html")
    for n in range(8):
        feed_server.set(f"/loop{n}", b"", status=302, headers={"Location": feed_server.url(f"/loop{n + 1}")})
    feed_server.set("/slow", b"<p>late</p>", content_type="text/html", delay=3)
    feed_server.set("/trickle", b"<p>" + b"C" * 4000 + b"</p>", content_type="text/html", chunk_delay=0.2)
    items = teaser_items(store, [feed_server.url(p) for p in ("/bomb", "/big", "/loop0", "/slow", "/trickle")])
    fetcher = PageFetcher(store, max_bytes=1024 * 1024, timeout=0.5, per_host=10, concurrency=4)
    notes = [t.note for _, t in sorted(fetch_all(fetcher, items)[0], key=lambda pair: items.index(pair[0]))]
    assert notes == [
        "page larger than 1 MB: the teaser stays", "page larger than 1 MB: the teaser stays",
        "more than 5 redirects: the teaser stays", "timed out: the teaser stays",
        "no complete answer within 1 s: the teaser stays",
    ]
    assert store.with_full_text(i.id for i in items) == {i.id for i in items[:3]}, "a timeout may mend: not kept"


def test_at_most_a_few_requests_per_host_a_minute(store, server):
    for n in range(5):
        server.set(f"/a{n}", b"<p>one of many pages on one site</p>", content_type="text/html")
    links = [server.url(f"/a{n}") for n in range(5)]
    links += [f"http://localhost:{server.port}/a{n}" for n in range(3)]  # another host name, its own budget
    items = teaser_items(store, links)
    done, left = fetch_all(PageFetcher(store, per_host=2), items, wait=False)
    assert len(done) == 4 and len(left) == 4
    hosts = [request.header("Host").split(":")[0] for request in server.requests]
    assert sorted(hosts) == ["127.0.0.1", "127.0.0.1", "localhost", "localhost"]
    assert {i.id for i in pending(store, [items[0].feed_url])} == {i.id for i in left}


def test_concurrency_is_capped(store, feed_server):
    for n in range(6):
        feed_server.set(f"/p{n}", b"<p>slow page</p>", content_type="text/html", delay=0.3)
    items = teaser_items(store, [feed_server.url(f"/p{n}") for n in range(6)])
    fetch_all(PageFetcher(store, per_host=6, concurrency=2), items)
    assert len(feed_server.requests) == 6
    assert feed_server.max_in_flight == 2
