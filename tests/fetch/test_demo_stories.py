"""The demo wire shows stories: its multi-agency events fold through the real poller and folding, its held-back
update arrives in the first minutes as a version of one of them, and nothing else in the demo folds."""

from __future__ import annotations

import asyncio
import time
from typing import NamedTuple

import pytest

from tui.fetch.demo import RELEASES, demo_sources
from tui.fetch.folding import Folding
from tui.fetch.poller import Poller
from tui.store import Store, open_store

VOLCANO = "Vulkaan op IJsland barst opnieuw uit bij Grindavík"
UPDATE = f"{VOLCANO} (bijgewerkt)"
EXPECTED = {
    # The same ANP text in two ANP feeds, Reuters in English, dpa in German, and ANP's later update.
    frozenset({VOLCANO, ("Volcano erupts again on Iceland's Reykjanes peninsula, sending lava towards the evacuated "
                         "fishing town of Grindavik"),
               "Erneuter Vulkanausbruch auf Island - Lava nahe Grindavík", UPDATE}),
    frozenset({"Ruim 140 vluchten geschrapt op Schiphol door zware windstoten",
               "Storm gusts force Schiphol to cancel more than 140 flights",
               "Sturm legt Flughafen Schiphol teilweise lahm"}),
}
# Two events from Kyiv on one day (air defence asked of allies; reinforcements in the northeast) that share only
# places: the dateline, Kharkiv and Ukraine. Places alone never fold.
KYIV_PAIR = frozenset({"Kyiv dringt bij bondgenoten aan op snellere levering luchtafweer",
                       "Ukraine says reinforcements have reached northeastern front"})


class Replayed(NamedTuple):
    store: Store
    started_at: float
    at_start: set[str]  # the ids the first poll brought


@pytest.fixture(scope="module")
def replayed(tmp_path_factory) -> Replayed:
    """The demo replayed into a fresh cache, through every release, folded as the desk folds it."""
    store = open_store(tmp_path_factory.mktemp("demo"))
    started_at = time.time()
    clock = [started_at]
    poller = Poller(store, demo_sources(started_at), clock=lambda: clock[0], folding=Folding(store))
    at_start: set[str] = set()
    for at in (0.0, *RELEASES):
        clock[0] = started_at + at + 1
        results = asyncio.run(poller.poll_all())
        assert all(r.ok for r in results), [r.error for r in results]
        at_start = at_start or {item.id for item in store.items()}
    return Replayed(store, started_at, at_start)


def stories(store: Store) -> dict[str, set[str]]:
    """Story id -> the titles of its items (several feeds may carry one title)."""
    titles = {item.id: item.title for item in store.items()}
    found: dict[str, set[str]] = {}
    for item_id, link in store.story_links(titles).items():
        found.setdefault(link.story, set()).add(titles[item_id])
    return found


def test_the_demo_folds_its_multi_agency_events(replayed):
    multi = {frozenset(titles) for titles in stories(replayed.store).values() if len(titles) > 1}
    assert multi >= EXPECTED, multi
    volcano = [item for item in replayed.store.items() if item.title == VOLCANO]
    assert {item.feed for item in volcano} == {"ANP Buitenland (demo)", "ANP Laatste nieuws (demo)"}


def test_the_held_back_update_arrives_in_the_first_minutes_and_supersedes_anp(replayed):
    by_id = {item.id: item for item in replayed.store.items()}
    [update] = [item for item in by_id.values() if item.title == UPDATE]
    assert update.id not in replayed.at_start
    released = [at for at in RELEASES if abs(update.published - (replayed.started_at + at)) < 1.0]
    assert released and released[0] <= 180, "released like the other held-back items, in the first minutes"
    link = replayed.store.story_links([update.id])[update.id]
    assert link.supersedes in replayed.at_start and by_id[link.supersedes].title == VOLCANO


def test_nothing_else_in_the_demo_folds(replayed):
    multi = {frozenset(titles) for titles in stories(replayed.store).values() if len(titles) > 1}
    assert multi - EXPECTED == set()


def test_two_kyiv_events_stay_apart(replayed):
    titles = {title for titles in stories(replayed.store).values() for title in titles}
    assert titles >= KYIV_PAIR, "both Kyiv items are in the demo"
    assert KYIV_PAIR not in {frozenset(titles) for titles in stories(replayed.store).values()}
