"""Folding at ingest: the poller folds new items in its storing thread and the cache keeps the links, so that a
restarted desk's new items join the stories it already had, and nothing is refolded. A one-shot fetch folds in
its pool (`Folding.expect`), beside the storing, to the same links."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.ids import ids_of as ids
from tests.helpers.pools import NotingPool
from tests.helpers.story_corpus import corpus, feed_file
from tui.core.feeds import FeedSource
from tui.fetch.folding import FOLD_BACK, Folding
from tui.fetch.parse import parse_feed
from tui.fetch.poller import Poller
from tui.store import open_store

WIRES = {wire.key: wire for wire in corpus()}


def poll(store, *feeds: str, pool: NotingPool | None = None):
    """As a desk polls (`pool` None), or as `wiredesk fetch` does: its fold in the pool, gazetteer at first parse."""
    poller = Poller(store, [FeedSource(url=feed) for feed in feeds], folding=Folding(store, pool), parse_pool=pool,
                    warm_at_start=pool is None)
    return asyncio.run(poller.poll_all())


@pytest.fixture(params=[False, True], ids=["desk", "one-shot fetch"])
def pool(request):
    if not request.param:
        yield None
        return
    with NotingPool() as noting:
        yield noting
    assert "_first_fold" in noting.jobs, "the first fold ran in the pool"


def test_new_items_are_folded_and_their_links_kept(data_dir, tmp_path, pool):
    store = open_store(data_dir)
    reuters = feed_file(tmp_path, "reuters", [WIRES["metro-rtr"], WIRES["court-rtr"]])
    anp = feed_file(tmp_path, "anp", [WIRES["metro-anp"]])
    results = poll(store, reuters, anp, pool=pool)
    metro_rtr, court_rtr = ids(reuters, "metro-rtr", "court-rtr")
    [metro_anp] = ids(anp, "metro-anp")
    links = open_store(data_dir).story_links()
    assert links[metro_anp].story == links[metro_rtr].story  # MOSKOU and MOSCOW: one event
    assert links[court_rtr].story != links[metro_rtr].story  # the same city, the same day: another
    assert {i: link for r in results for i, link in r.stories.items()} == links


def test_after_a_restart_new_items_join_stored_stories_and_versions_supersede(data_dir, tmp_path, pool):
    store = open_store(data_dir)
    reuters = feed_file(tmp_path, "reuters", [WIRES["quake-rtr"]])
    poll(store, reuters, pool=pool)
    [quake] = ids(reuters, "quake-rtr")
    before = store.story_links()

    restarted = open_store(data_dir)
    later = feed_file(tmp_path, "reuters", [WIRES["quake-rtr"], WIRES["quake-rtr-u1"]])
    dpa = feed_file(tmp_path, "dpa", [WIRES["quake-dpa"]])
    poll(restarted, later, dpa, pool=pool)
    [update] = ids(later, "quake-rtr-u1")
    [german] = ids(dpa, "quake-dpa")
    links = restarted.story_links()
    assert links[quake] == before[quake], "stored links are not refolded"
    assert links[update].story == links[german].story == links[quake].story
    assert links[update].supersedes == quake


def test_a_backlog_older_than_fold_back_stays_unfolded(data_dir, tmp_path, pool):
    store = open_store(data_dir)
    old = feed_file(tmp_path, "old", [WIRES["metro-rtr"]], shift=-(FOLD_BACK + 3600))
    new = feed_file(tmp_path, "new", [WIRES["court-rtr"]])
    poll(store, old, new, pool=pool)
    [stale] = ids(old, "metro-rtr")
    [fresh] = ids(new, "court-rtr")
    assert store.item(stale) is not None
    assert set(store.story_links()) == {fresh}


def test_the_one_shot_fetch_folds_a_wire_as_a_desk_does(tmp_path):
    feeds = [feed_file(tmp_path, agency, [w for w in corpus() if w.key.endswith(f"-{agency}")])
             for agency in ("rtr", "anp", "dpa", "afp")]
    links = []
    for pooled in (False, True):
        with NotingPool() as noting:
            store = open_store(tmp_path / f"data-{pooled}")
            poll(store, *feeds, pool=noting if pooled else None)
            links.append(store.story_links())
    desk, fetch = links
    assert len({link.story for link in desk.values()}) < len(desk), "the wire folds"
    assert fetch == desk


def test_a_fold_begun_in_the_pool_is_not_taken_for_other_new_items(data_dir, tmp_path):
    """The pool folded what the store was expected to take; the store took less: the links are those of the
    items it took, folded in the main process."""
    now = time.time()
    reuters, anp = (Path(feed_file(tmp_path, name, [WIRES[key]])) for name, key in (("reuters", "metro-rtr"),
                                                                                        ("anp", "metro-anp")))
    parsed = [parse_feed(feed.read_bytes(), str(feed), now) for feed in (reuters, anp)]
    store = open_store(data_dir)
    with NotingPool() as pool:
        folding = Folding(store, pool)
        folding.expect(parsed)
        [(new_ids, items)] = store.ingest_many(parsed[:1])
        told = folding.fold([item for item in items if item.id in new_ids])
    [metro_rtr] = ids(str(reuters), "metro-rtr")
    assert pool.jobs == ["_first_fold"]
    assert store.story_links() == told == {metro_rtr: (metro_rtr, None)}, "the ANP copy was never stored"


def test_a_fetch_that_rewrites_an_item_the_fold_takes_back_folds_as_a_desk_does(tmp_path):
    """A stored item comes again with other text (the same GUID): the fold must read it as stored, so the pool
    does not fold ahead of the storing."""
    rewritten = replace(WIRES["quake-rtr"], title=WIRES["court-rtr"].title, lead=WIRES["court-rtr"].lead)
    shapes = []
    for pooled in (False, True):
        folder = tmp_path / f"feeds-{pooled}"
        folder.mkdir()
        store = open_store(tmp_path / f"data-{pooled}")
        poll(store, feed_file(folder, "reuters", [WIRES["quake-rtr"]]))
        reuters, dpa = feed_file(folder, "reuters", [rewritten]), feed_file(folder, "dpa", [WIRES["quake-dpa"]])
        with NotingPool() as noting:
            poll(store, reuters, dpa, pool=noting if pooled else None)
        assert "_first_fold" not in noting.jobs
        names = {ids(reuters, "quake-rtr")[0]: "rtr", ids(dpa, "quake-dpa")[0]: "dpa"}
        shapes.append({names[i]: names[link.story] for i, link in store.story_links().items()})
    desk, fetch = shapes
    assert fetch == desk == {"rtr": "rtr", "dpa": "dpa"}, "the quake no longer carried: the German quake alone"


def test_items_another_feeds_first_fold_took_back_still_come_with_their_feeds_poll(data_dir, tmp_path):
    # A desk's feeds store at once: Reuters' items are in the cache, not yet folded, when ANP's fold comes
    # first; it takes them back with the rest of the cache. Reuters' own fold must still report their links.
    store = open_store(data_dir)
    reuters_path = feed_file(tmp_path, "reuters", [WIRES["metro-rtr"], WIRES["court-rtr"]])
    anp_path = feed_file(tmp_path, "anp", [WIRES["metro-anp"]])
    now = time.time()
    reuters = parse_feed(Path(reuters_path).read_bytes(), reuters_path, now)
    anp = parse_feed(Path(anp_path).read_bytes(), anp_path, now)
    folding = Folding(store)
    [(_, reuters_items)] = store.ingest_many([reuters])
    [(_, anp_items)] = store.ingest_many([anp])
    anp_links = folding.fold(anp_items)
    reuters_links = folding.fold(reuters_items)
    saved = store.story_links()
    assert reuters_links == {item.id: saved[item.id] for item in reuters_items}
    assert anp_links == {item.id: saved[item.id] for item in anp_items}
    metro_rtr, court_rtr = ids(reuters_path, "metro-rtr", "court-rtr")
    assert reuters_links[metro_rtr].story == anp_links[anp_items[0].id].story != reuters_links[court_rtr].story
