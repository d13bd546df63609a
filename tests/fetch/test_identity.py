"""An item's identity is scoped to its feed, through the real fetch: two feeds whose items share
GUIDs hold two items each (`wiredesk fetch` in a subprocess, on a loopback server), and a feed
that moves with a permanent redirect keeps its items, their ids and their marks."""

from __future__ import annotations

import time

import pytest

from tests.helpers.cli import NOW, records, run
from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.ids import entry_id, entry_ids
from tests.helpers.stories import numbered_story
from tui.core.feeds import FeedSource
from tui.fetch.poller import Poller
from tui.store import open_store


def _feed(name: str, place: str) -> list[Entry]:
    # GUIDs such as <guid>1</guid> are common: both feeds number their items from 1.
    return [Entry(f"{name} story {k}", guid=str(k), link=f"https://{name.lower()}.test/{k}", date=NOW - 60 * k,
                  body=f"<p>{place} ({name}) - Body {k} of {name}.</p>") for k in (1, 2)]


def test_two_feeds_with_equal_guids_hold_two_items_each(feed_server: FeedServer, data_dir):
    first, second = _feed("ANP", "KYIV"), _feed("AFP", "PARIJS")
    feed_server.set("/anp.xml", rss(first, title="ANP"))
    feed_server.set("/afp.xml", rss(second, title="AFP"))
    anp, afp = feed_server.url("/anp.xml"), feed_server.url("/afp.xml")
    fetched = run("fetch", "--feed", anp, "--feed", afp, data_dir=data_dir)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.splitlines() == [f"{anp}: ok, 2 new (2 items)", f"{afp}: ok, 2 new (2 items)"]

    listed = records(run("list", "--json", data_dir=data_dir))
    expected = {entry_id(e, url): (feed, e.title) for url, feed, entries in ((anp, "ANP", first), (afp, "AFP", second))
                for e in entries}
    assert {r["id"]: (r["feed"], r["title"]) for r in listed} == expected
    assert all(len(r["id"]) == 16 for r in listed), "ids are short to type"

    # A mark, an export: each names one feed's item, never the other's.
    marked = run("read", entry_id(first[0], anp), data_dir=data_dir)
    assert (marked.returncode, marked.stdout) == (0, "1 marked read\n")
    read = {r["id"] for r in records(run("list", "--json", data_dir=data_dir)) if r["read"]}
    assert read == {entry_id(first[0], anp)}
    exported = run("export", entry_id(second[0], afp), data_dir=data_dir)
    assert exported.returncode == 0 and "Body 1 of AFP" in exported.stdout and "of ANP" not in exported.stdout

    # Polled again: nothing new, nothing replaced.
    again = run("fetch", "--feed", anp, "--feed", afp, data_dir=data_dir)
    assert again.stdout.splitlines() == [f"{anp}: ok, not modified", f"{afp}: ok, not modified"]
    assert len(records(run("list", "--json", data_dir=data_dir))) == 4


@pytest.mark.parametrize("status", [301, 308])
async def test_a_feed_moved_by_a_permanent_redirect_keeps_its_items(server, data_dir, status):
    now = time.time()
    stories = [numbered_story(n, now) for n in range(3)]
    old, new = server.url("/old.xml"), server.url("/new.xml")
    server.set("/old.xml", rss(stories, title="Wire"))
    store = open_store(data_dir)
    [first] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert first.new_ids == entry_ids(stories, old)
    store.set_read([entry_id(stories[1], old)])

    # The publisher moves the feed, adds a story, and redirects the old address.
    fresh = numbered_story(9, now + 60)
    server.set("/new.xml", rss([fresh, *stories], title="Wire"))
    server.redirect("/old.xml", "/new.xml", status)
    [moved] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert moved.ok and moved.moved_to == new
    assert moved.new_ids == [entry_id(fresh, old)], "only the added story is new: the others kept their ids"
    assert {i.id for i in store.items()} == set(entry_ids([fresh, *stories], old))
    assert {i.feed_url for i in store.items()} == {old}, "filed under the URL the user configured"
    assert store.read_ids() == {entry_id(stories[1], old)}
