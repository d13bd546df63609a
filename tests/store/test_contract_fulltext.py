"""The Store contract for full text (tui/store/interface.py: full_text, save_full_text, with_full_text): kept
beside the body, read back by another handle, searched, pruned with its item; run once per backend."""

from __future__ import annotations

from tests.helpers.caches import URL, feed_of
from tests.helpers.ids import entry_id
from tests.helpers.stories import yesterdays_stories
from tui.core.fulltext import FullText
from tui.store import Retention


def _text(word: str, now: float) -> FullText:
    return FullText(f"<p>The whole article, with the word {word} in it.</p>", "https://wire.test/page", now,
                    "Paywalled: only the part the site shows to everyone is here.")


def test_full_text_is_kept_beside_the_body(open_cache, now):
    entries = yesterdays_stories(now, 3)
    open_cache().ingest(feed_of(entries, now))
    first, second = entry_id(entries[0], URL), entry_id(entries[1], URL)
    open_cache().save_full_text(first, _text("dijkversterking", now))
    fresh = open_cache()
    assert fresh.full_text(first) == _text("dijkversterking", now)
    assert fresh.full_text(second) is None
    assert fresh.body(first) == entries[0].body, "the feed's own body stays as it was"
    assert fresh.with_full_text([first, second, "no-such-id"]) == {first}


def test_a_failure_that_will_not_mend_is_kept_too(open_cache, now):
    entries = yesterdays_stories(now, 1)
    open_cache().ingest(feed_of(entries, now))
    item_id = entry_id(entries[0], URL)
    failed = FullText("", "https://wire.test/report.pdf", now, "not an article page (application/pdf)")
    open_cache().save_full_text(item_id, failed)
    assert open_cache().full_text(item_id) == failed
    assert open_cache().with_full_text([item_id]) == {item_id}


def test_a_new_poll_of_the_feed_keeps_the_full_text(open_cache, now):
    entries = yesterdays_stories(now, 2)
    store = open_cache()
    store.ingest(feed_of(entries, now))
    item_id = entry_id(entries[0], URL)
    store.save_full_text(item_id, _text("gemaal", now))
    entries[0].body = "<p>An updated teaser.</p>"
    open_cache().ingest(feed_of(entries, now + 60))
    assert open_cache().full_text(item_id) == _text("gemaal", now)


def test_search_finds_words_of_the_full_text(open_cache, now):
    entries = yesterdays_stories(now, 3)
    open_cache().ingest(feed_of(entries, now))
    item_id = entry_id(entries[2], URL)
    assert open_cache().search_bodies(["dijkversterking"]) == set()
    open_cache().save_full_text(item_id, _text("dijkversterking", now))
    assert open_cache().search_bodies(["dijkversterking"]) == {item_id}
    assert open_cache().search_bodies(["dijkversterking", "story"]) == set(), "every word in one of the two texts"


def test_an_unknown_item_gets_no_full_text(open_cache, now):
    store = open_cache()
    store.save_full_text("0123456789abcdef", _text("x", now))
    assert store.full_text("0123456789abcdef") is None


def test_full_text_is_pruned_with_its_item(open_cache, now):
    entries = yesterdays_stories(now, 2)
    store = open_cache()
    store.ingest(feed_of(entries, now))
    old, kept = entry_id(entries[1], URL), entry_id(entries[0], URL)
    store.save_full_text(old, _text("oud", now))
    store.save_full_text(kept, _text("nieuw", now))
    assert store.prune(Retention(days=30, unread_days=90, max_items=1), now) == [old]
    fresh = open_cache()
    assert fresh.full_text(old) is None
    assert fresh.full_text(kept) == _text("nieuw", now)
    assert fresh.search_bodies(["oud"]) == set()
    assert fresh.with_full_text([old, kept]) == {kept}
    store.prune(Retention(days=1, unread_days=1, max_items=0), now + 400 * 86400)
    assert open_cache().full_text(kept) is None
