"""The Store contract for story links: each item's story and the item it supersedes, kept on disk so that a desk
starting up never refolds, and pruned with their items. Once per backend in BACKENDS (tests/helpers/caches.py)."""

from __future__ import annotations

from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import ids_of
from tests.helpers.stories import DAY
from tui.core.stories import StoryLink
from tui.fetch.parse import parse_feed
from tui.store import Retention

NOW = 1_795_000_000.0


def test_links_are_kept_and_read_back_by_another_handle(open_cache):
    store = open_cache()
    assert store.story_links() == {}
    store.save_story_links({"a": StoryLink("a"), "b": StoryLink("a", supersedes="a")})
    store.save_story_links({"c": StoryLink("c")})
    other = open_cache()
    assert other.story_links() == {"a": StoryLink("a", None), "b": StoryLink("a", "a"), "c": StoryLink("c", None)}
    assert other.story_links(["b", "missing"]) == {"b": StoryLink("a", "a")}


def test_a_link_given_again_replaces_the_stored_one(open_cache):
    store = open_cache()
    store.save_story_links({"x": StoryLink("x")})
    store.save_story_links({"x": StoryLink("y", "w")})
    assert open_cache().story_links(["x"]) == {"x": StoryLink("y", "w")}


def test_links_of_pruned_items_go_with_them(open_cache):
    store = open_cache()
    entries = [Entry(title=f"Item {g}", guid=g, date=NOW - age * DAY, body=f"<p>{g}</p>")
               for g, age in (("fresh", 1), ("old", 100))]
    store.ingest(parse_feed(rss(entries), "test", NOW))
    fresh, old = ids_of("test", "fresh", "old")
    store.save_story_links({fresh: StoryLink(old), old: StoryLink(old)})
    assert store.prune(Retention(days=30, unread_days=90), NOW) == [old]
    assert store.story_links() == {fresh: StoryLink(old)}, "a story keeps its id when its first item goes"
