"""The Urgent band and the urgent bell as desk rules, without a terminal: what is pinned, for how long,
under which view, what the counts say, and which arrivals ring."""

from __future__ import annotations

import pytest

from tui.core.desk import Desk
from tui.core.feeds import FeedSource, PollResult
from tui.core.grouping import Header, View
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.stories import StoryLink
from tui.core.urgent_band import UrgentBand

T0 = 2_000_000.0
FEED = "https://wire.test/u.xml"
PIN = 1800.0


def wire_item(iid: str, title: str, age: float, place: str = "KYIV") -> Item:
    return Item(id=iid, feed="Wire", title=title, link="", published=T0 - age, places=(place,), feed_url=FEED)


QUIET = [wire_item("q1", "Grain deal signed", 60), wire_item("q2", "Talks resume", 4000, "GENEVA")]
FLASH = wire_item("f1", "FLASH - Dam breaks above Kyiv", 120)
URGENT = wire_item("u1", "URGENT - Power cut across Geneva", 90, "GENEVA")
STALE = wire_item("s1", "BREAKING: Old news from yesterday", 86_400, "GENEVA")


def opened(items: list[Item], *, ring: str = "urgent", pin: float = PIN, lang: str = "en") -> Desk:
    desk = Desk([FEED], opened_at=T0 - 10, band=UrgentBand(pin_for=pin, ring=ring), lang=lang)
    desk.load(items, Marks(), {}, {})
    return desk


def shown(rows) -> list[str]:
    return [f"# {r.group} {r.count}/{r.unread}" if isinstance(r, Header) else r.id for r in rows]


def test_fresh_flashes_and_urgents_are_pinned_above_the_groups_and_leave_their_own():
    desk = opened([*QUIET, FLASH, URGENT, STALE])
    assert shown(desk.rows(T0)) == [
        "# Urgent 2/2", "f1", "u1",  # the flash first, though the urgent item is newer
        "# KYIV 1/1", "q1",
        "# GENEVA 2/2", "q2", "s1",  # a day-old BREAKING is not fresh: it stays in its group
    ]
    assert desk.band.pinned == {"f1", "u1"}
    assert desk.band.until == T0 - 120 + PIN


def test_a_pin_runs_out_and_the_item_returns_to_its_group():
    desk = opened([*QUIET, FLASH, URGENT])
    desk.rows(T0)
    assert not desk.band.due(T0 + PIN - 121)
    assert desk.band.due(T0 + PIN - 120)
    assert shown(desk.rows(T0 + PIN - 100)) == ["# Urgent 1/1", "u1", "# KYIV 2/2", "q1", "f1", "# GENEVA 1/1", "q2"]
    assert shown(desk.rows(T0 + PIN)) == ["# KYIV 2/2", "q1", "f1", "# GENEVA 2/2", "u1", "q2"]
    assert desk.band.pinned == frozenset() and not desk.band.due(T0 + 10 * PIN)


def test_a_late_arrival_is_pinned_from_when_it_came_in():
    late = wire_item("late", "EILMELDUNG: Zug entgleist", 2 * PIN)  # published an hour ago, polled only now
    desk = opened(QUIET)
    desk.poll(PollResult(source=FeedSource(url=FEED), items=QUIET, checked_at=T0), T0)  # the backlog is in
    outcome = desk.poll(PollResult(source=FeedSource(url=FEED), items=[late], new_ids=["late"], checked_at=T0), T0)
    assert outcome.urgent == {"late": "urgent"}
    assert shown(desk.rows(T0 + PIN - 1))[:2] == ["# Urgent 1/1", "late"]
    assert "# Urgent 1/1" not in shown(desk.rows(T0 + PIN))


def test_marks_keep_the_bands_count_true():
    desk = opened([*QUIET, FLASH, URGENT])
    desk.rows(T0)
    desk.mark("u1", True, T0)
    assert (desk.headers["Urgent"].count, desk.headers["Urgent"].unread) == (2, 1)
    assert desk.headers["KYIV"].unread == 1 and desk.unread == 3


def test_the_view_filters_the_band_and_it_folds_like_a_group():
    desk = opened([*QUIET, FLASH, URGENT])
    desk.mark("f1", True, T0)
    desk.view = View(unread_only=True)
    assert shown(desk.rows(T0))[:2] == ["# Urgent 1/1", "u1"]
    desk.view = View(mode="flat", query="dam")
    assert shown(desk.rows(T0, frozenset())) == ["# Urgent 1/0", "f1"]
    desk.view = View()
    desk.toggle_collapse("Urgent")
    assert shown(desk.rows(T0))[:2] == ["# Urgent 2/1", "# KYIV 1/1"]


def test_no_band_when_the_pin_time_is_zero_nor_when_nothing_is_urgent():
    assert "# Urgent 2/2" not in shown(opened([*QUIET, FLASH, URGENT], pin=0).rows(T0))
    assert shown(opened(QUIET).rows(T0)) == ["# KYIV 1/1", "q1", "# GENEVA 1/1", "q2"]


def test_the_band_speaks_the_desks_language():
    assert shown(opened([FLASH], lang="nl").rows(T0))[0] == "# Spoed 1/1"


@pytest.mark.parametrize(("ring", "rung"), [
    ("urgent", {"f1": "flash", "u1": "urgent"}), ("flash", {"f1": "flash"}), ("off", {}),
])
def test_what_rings(ring, rung):
    desk = opened([], ring=ring)
    first = desk.poll(PollResult(source=FeedSource(url=FEED), items=[STALE], checked_at=T0), T0)
    assert first.urgent == {}, "the start-up backlog never rings"
    arrivals = [FLASH, URGENT, QUIET[0]]
    outcome = desk.poll(PollResult(source=FeedSource(url=FEED), items=arrivals, new_ids=[i.id for i in arrivals],
                                   checked_at=T0), T0)
    assert outcome.urgent == rung


def test_while_stories_fold_the_band_counts_an_urgent_story_once_and_pins_its_other_copies():
    anp = wire_item("b-anp", "SPOED: Explosie in Antwerpse haven", 300, "ANTWERPEN")
    rtr = wire_item("b-rtr", "URGENT - Blast in Antwerp port", 240, "ANTWERPEN")
    dpa = wire_item("b-dpa", "Explosion im Hafen von Antwerpen", 200, "ANTWERPEN")  # no marker
    desk = opened([*QUIET, anp, rtr, dpa])
    desk.stories.add({i: StoryLink("b-anp") for i in ("b-anp", "b-rtr", "b-dpa")})
    # One row for the story (its newest copy, dpa's), under the band; nothing of it left under ANTWERP.
    assert shown(desk.rows(T0)) == ["# Urgent 1/1", "b-dpa", "# KYIV 1/1", "q1", "# GENEVA 1/1", "q2"]
    desk.mark("b-rtr", True, T0)
    assert desk.headers["Urgent"].unread == 1, "two copies left unread: the story still is"
    desk.bulk_mark(["b-anp", "b-dpa"], True, T0)
    assert (desk.headers["Urgent"].count, desk.headers["Urgent"].unread) == (1, 0)
    desk.mark("b-anp", False, T0)
    assert desk.headers["Urgent"].unread == 1
    assert shown(desk.rows(T0))[0] == "# Urgent 1/1"
    # The story stays pinned while one of its urgent copies is fresh, and goes back whole.
    assert shown(desk.rows(T0 + PIN - 250))[:2] == ["# Urgent 1/1", "b-dpa"]
    assert shown(desk.rows(T0 + PIN))[:2] == ["# KYIV 1/1", "q1"] and "b-dpa" in shown(desk.rows(T0 + PIN))
    desk.folding = False  # Z: items, and only the urgent ones are pinned
    assert shown(desk.rows(T0)) == ["# Urgent 2/1", "b-rtr", "b-anp", "# KYIV 1/1", "q1", "# ANTWERP 1/0", "b-dpa",
                                    "# GENEVA 1/1", "q2"]


def test_news_in_a_held_order_counts_an_urgent_story_once_under_the_band():
    arrivals = [wire_item("b-anp", "SPOED: Explosie in Antwerpse haven", 30, "ANTWERPEN"),
                wire_item("b-rtr", "URGENT - Blast in Antwerp port", 20, "ANTWERPEN"),
                wire_item("b-dpa", "Explosion im Hafen von Antwerpen", 10, "ANTWERPEN"), wire_item("q3", "Calm", 5)]
    desk = opened(QUIET)
    desk.rows(T0 - 60)
    desk.order.hold(T0 - 60)  # the reader works the list: groups with news say how much came
    desk.items.update((item.id, item) for item in arrivals)
    desk.marks.arrived.update((item.id, T0) for item in arrivals)
    desk.stories.add({i: StoryLink("b-anp") for i in ("b-anp", "b-rtr", "b-dpa")})
    desk.rows(T0)
    assert desk.order.news == {"Urgent": 1, "KYIV": 1}
    desk.folding = False
    desk.rows(T0)
    assert desk.order.news == {"Urgent": 2, "ANTWERP": 1, "KYIV": 1}
