"""Folding with the full text at the fetch side (tui/fetch/folding.py `refold`, through PageFetcher): when a
teaser's page is fetched and kept, the item is folded again with the page's lead; if it now joins another
agency's story, the link is saved and the fetcher says so. Feeds and pages on a loopback server."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from tests.helpers.teaser_story import LOCKS_ANP, OTHER_TEASER, TEASER, serve_story
from tui.core.feeds import FeedSource
from tui.core.stories import StoryLink
from tui.fetch.folding import Folding
from tui.fetch.fulltext import PageFetcher
from tui.fetch.poller import Poller
from tui.store import open_store


def test_a_fetched_page_folds_its_teaser_into_the_story_and_the_link_is_kept(data_dir, feed_server):
    anp, kust, ids = serve_story(feed_server, time.time())
    store = open_store(data_dir)
    folding = Folding(store)
    asyncio.run(Poller(store, [FeedSource(anp), FeedSource(kust)], folding=folding).poll_all())
    story, teaser, other = ids[LOCKS_ANP.id], ids[TEASER.id], ids[OTHER_TEASER.id]
    before = store.story_links()
    assert before[teaser].story == teaser and before[other].story == other, "by their teasers: stories of their own"

    told: list[dict[str, StoryLink]] = []
    fetcher = PageFetcher(store, folding=folding, on_fold=told.append)
    done, _ = asyncio.run(fetcher.fetch_many([store.item(teaser), store.item(other)]))
    assert all(text.ok for _, text in done)
    assert told == [{teaser: StoryLink(story)}], "the locks teaser joined ANP's story; the auction one stayed"
    links = open_store(data_dir).story_links()
    assert links[teaser] == StoryLink(story) and links[other] == before[other] and links[story] == before[story]

    # Kept once: asking again reads the cache, fetches nothing and folds nothing again.
    asyncio.run(fetcher.fetch_many([store.item(teaser)]))
    assert len(feed_server.requests_for("/pages/locks")) == 1 and len(told) == 1


def test_a_new_folding_takes_back_the_stored_links_before_it_refolds(data_dir, feed_server):
    """As `wiredesk fulltext` does in a process of its own: what the poll folded is taken back from the cache."""
    anp, kust, ids = serve_story(feed_server, time.time())
    store = open_store(data_dir)
    asyncio.run(Poller(store, [FeedSource(anp), FeedSource(kust)], folding=Folding(store)).poll_all())
    told: list[dict[str, StoryLink]] = []
    fresh = open_store(data_dir)
    fetcher = PageFetcher(fresh, folding=Folding(fresh), on_fold=told.append)
    asyncio.run(fetcher.fetch_many([fresh.item(ids[TEASER.id])]))
    assert told == [{ids[TEASER.id]: StoryLink(ids[LOCKS_ANP.id])}]


def test_an_item_others_joined_stays_when_its_page_comes(data_dir, feed_server):
    """The teaser's story is joined by another item first (a copy of its page's text, come by feed): when the
    teaser's own page lands later it could fold elsewhere, but a story others joined is never torn apart."""
    anp, kust, ids = serve_story(feed_server, time.time())
    store = open_store(data_dir)
    folding = Folding(store)
    asyncio.run(Poller(store, [FeedSource(kust)], folding=folding).poll_all())
    teaser = ids[TEASER.id]
    stored = store.item(teaser)
    assert stored is not None
    # Another feed's item joins the teaser's story (the same teaser line and headline: a copy).
    twin = replace(stored, id="twin", feed="Omroep Kust Extra", feed_url="https://extra.test/feed")
    assert folding.fold([twin])["twin"].story == teaser
    asyncio.run(Poller(store, [FeedSource(anp)], folding=folding).poll_all())
    told: list[dict[str, StoryLink]] = []
    asyncio.run(PageFetcher(store, folding=folding, on_fold=told.append).fetch_many([stored]))
    assert told == []
    assert store.story_links()[teaser].story == teaser
