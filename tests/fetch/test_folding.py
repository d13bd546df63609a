"""Folding at ingest: the poller folds new items in its storing thread and the cache keeps the links, so that a
restarted desk's new items join the stories it already had, and nothing is refolded."""

from __future__ import annotations

import asyncio

from tests.helpers.ids import ids_of as ids
from tests.helpers.story_corpus import corpus, feed_file
from tui.core.feeds import FeedSource
from tui.fetch.folding import FOLD_BACK, Folding
from tui.fetch.poller import Poller
from tui.store import open_store

WIRES = {wire.key: wire for wire in corpus()}


def poll(store, *feeds: str):
    poller = Poller(store, [FeedSource(url=feed) for feed in feeds], folding=Folding(store))
    return asyncio.run(poller.poll_all())


def test_new_items_are_folded_and_their_links_kept(data_dir, tmp_path):
    store = open_store(data_dir)
    reuters = feed_file(tmp_path, "reuters", [WIRES["metro-rtr"], WIRES["court-rtr"]])
    anp = feed_file(tmp_path, "anp", [WIRES["metro-anp"]])
    results = poll(store, reuters, anp)
    metro_rtr, court_rtr = ids(reuters, "metro-rtr", "court-rtr")
    [metro_anp] = ids(anp, "metro-anp")
    links = open_store(data_dir).story_links()
    assert links[metro_anp].story == links[metro_rtr].story  # MOSKOU and MOSCOW: one event
    assert links[court_rtr].story != links[metro_rtr].story  # the same city, the same day: another
    assert {i: link for r in results for i, link in r.stories.items()} == links


def test_after_a_restart_new_items_join_stored_stories_and_versions_supersede(data_dir, tmp_path):
    store = open_store(data_dir)
    reuters = feed_file(tmp_path, "reuters", [WIRES["quake-rtr"]])
    poll(store, reuters)
    [quake] = ids(reuters, "quake-rtr")
    before = store.story_links()

    restarted = open_store(data_dir)
    later = feed_file(tmp_path, "reuters", [WIRES["quake-rtr"], WIRES["quake-rtr-u1"]])
    dpa = feed_file(tmp_path, "dpa", [WIRES["quake-dpa"]])
    poll(restarted, later, dpa)
    [update] = ids(later, "quake-rtr-u1")
    [german] = ids(dpa, "quake-dpa")
    links = restarted.story_links()
    assert links[quake] == before[quake], "stored links are not refolded"
    assert links[update].story == links[german].story == links[quake].story
    assert links[update].supersedes == quake


def test_a_backlog_older_than_fold_back_stays_unfolded(data_dir, tmp_path):
    store = open_store(data_dir)
    old = feed_file(tmp_path, "old", [WIRES["metro-rtr"]], shift=-(FOLD_BACK + 3600))
    new = feed_file(tmp_path, "new", [WIRES["court-rtr"]])
    poll(store, old, new)
    [stale] = ids(old, "metro-rtr")
    [fresh] = ids(new, "court-rtr")
    assert store.item(stale) is not None
    assert set(store.story_links()) == {fresh}
