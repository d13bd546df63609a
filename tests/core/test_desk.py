"""The desk state's rules, without a terminal: arrivals against backlog, marks and counts, undo, groups, filters."""

from __future__ import annotations

import pytest

from tui.core.alerts import Alerts
from tui.core.desk import Desk
from tui.core.feeds import FeedSource, PollResult
from tui.core.grouping import Header, View
from tui.core.items import Item
from tui.core.marks import FADE_STEPS, NEW_FADE, Marks

OPENED = 1_000_000.5  # the desk opened half-way through a second
WIRE, SLOW = "https://wire.test/a.xml", "https://wire.test/b.xml"


def item(iid: str, published: float, place: str = "KYIV", *, feed: str = "Wire", agencies: tuple[str, ...] = ("ANP",),
         title: str = "", dated: bool = True, feed_url: str = WIRE) -> Item:
    return Item(id=iid, feed=feed, title=title or f"Story {iid}", link="", published=published, places=(place,),
                agencies=agencies, dated=dated, feed_url=feed_url)


def answer(url: str, items: list[Item], new: list[str] | None = None, *, error: str | None = None,
           at: float = OPENED) -> PollResult:
    """A poll of `url`: its items, of which `new` (all, unless said) were not in the cache before."""
    return PollResult(source=FeedSource(url=url), items=items, error=error, checked_at=at,
                      new_ids=[i.id for i in items] if new is None else new)


def desk(*feeds: str, watch: tuple[str, ...] = (), items: list[Item] = (), read: set[str] = frozenset(),
         grouping: str | None = None, settings: dict[str, object] | None = None) -> Desk:
    """A desk opened at OPENED on a cache holding `items`, of which `read` were read."""
    made = Desk(feeds or (WIRE,), opened_at=OPENED, alerts=Alerts(list(watch)), grouping=grouping)
    made.load(items, Marks(read=set(read)), {}, settings or {})
    return made


def ids(rows) -> list[str]:
    return [f"# {r.group} {r.count}/{r.unread}{' folded' if r.collapsed else ''}" if isinstance(r, Header) else r.id
            for r in rows]


KYIV = [item("k1", OPENED - 300), item("k2", OPENED - 200)]
LONDON = [item("l1", OPENED - 250, "LONDON", agencies=("RTR",), feed="World")]


# What is news and what is backlog


def test_a_feeds_first_answer_is_backlog_and_later_ones_are_news():
    wire = desk(watch=("Charkiv",))
    backlog = [item("old", OPENED - 60, title="Charkiv shelled"), item("older", OPENED - 120)]
    first = wire.poll(answer(WIRE, backlog), OPENED + 1)
    assert first.changed and first.news == [] and first.alerts == {}, "the backlog neither shows as new nor rings"
    assert first.first_answer and first.backlog_in
    assert wire.marks.arrived == {} and wire.marks.alerts == set()
    assert wire.unread == 2

    fresh = item("fresh", OPENED + 30, title="Power cut in charkiv")
    later = wire.poll(answer(WIRE, [fresh, *backlog], ["fresh"]), OPENED + 40)
    assert [i.id for i in later.news] == ["fresh"] and later.alerts == {"fresh": "Charkiv"}
    assert not later.first_answer
    assert wire.marks.arrived == {"fresh": OPENED + 40} and wire.marks.alerts == {"fresh"}
    assert wire.unread == 3

    again = wire.poll(answer(WIRE, [fresh, *backlog], []), OPENED + 80)
    assert again.news == [] and again.alerts == {}, "the same items polled again are not news again"
    assert wire.last_poll == OPENED + 80


def test_a_feed_down_at_start_up_brings_what_was_published_meanwhile_as_news():
    wire = desk(watch=("blackout",))
    down = wire.poll(answer(WIRE, [], error="HTTP 503"), OPENED + 5)
    assert down.failing and down.first_answer and down.news == []
    assert wire.health.failing == 1
    meanwhile = [
        item("during", OPENED + 100, title="Blackout across the city"),
        item("same-second", int(OPENED)),  # feeds give whole seconds: the second the desk opened in counts
        item("before", OPENED - 1),
        item("undated", OPENED + 200, dated=False),  # a date the desk made up is no evidence
    ]
    back = wire.poll(answer(WIRE, meanwhile, at=OPENED + 300), OPENED + 300)
    assert not back.failing and not back.first_answer
    assert [i.id for i in back.news] == ["during", "same-second"]
    assert back.alerts == {"during": "blackout"}
    assert set(wire.marks.arrived) == {"during", "same-second"}
    assert wire.health.failing == 0


def test_a_failing_feed_is_news_once_until_it_fails_differently():
    wire = desk()
    assert wire.poll(answer(WIRE, [], error="HTTP 500"), OPENED).failing
    assert not wire.poll(answer(WIRE, [], error="HTTP 500", at=OPENED + 60), OPENED + 60).failing
    assert wire.poll(answer(WIRE, [], error="timed out", at=OPENED + 120), OPENED + 120).failing


def test_the_backlog_is_in_once_every_feed_has_answered():
    wire = desk(WIRE, SLOW)
    first = wire.poll(answer(WIRE, KYIV), OPENED + 1)
    assert first.first_answer and not first.backlog_in
    late = [item("late", OPENED + 5, feed_url=SLOW)]  # published after the desk opened, answered later still
    second = wire.poll(answer(SLOW, late), OPENED + 9)
    assert second.first_answer and second.backlog_in
    assert second.news == [], "a late feed's first answer is backlog too, however new its items"


def test_older_days_do_not_replace_a_copy_a_poll_brought():
    wire = desk(items=KYIV)
    updated = item("k1", OPENED - 300, title="Updated story")
    wire.poll(answer(WIRE, [updated], []), OPENED)
    assert wire.add_older([item("k1", OPENED - 300), *LONDON])
    assert wire.items["k1"].title == "Updated story" and "l1" in wire.items
    assert wire.unread == 3
    assert not wire.add_older([])


def test_a_poll_that_brings_what_the_desk_holds_changes_nothing_to_draw():
    wire = desk(items=KYIV)
    held = wire.items["k1"]
    again = [item("k1", OPENED - 300), item("k2", OPENED - 200)]
    again[0].summary = "Re-dated feed, same story"
    outcome = wire.poll(answer(WIRE, again, []), OPENED + 60)
    assert not outcome.changed and wire.items["k1"] is held, "the list is not rebuilt, nor its items replaced"
    retitled = wire.poll(answer(WIRE, [item("k2", OPENED - 200, title="New title")], []), OPENED + 70)
    assert retitled.changed and wire.items["k2"].title == "New title"
    assert wire.items["k2"].summary == "", "the list holds no summaries"


# Marks and the counts


def test_unread_counts_only_cached_items_and_follows_marks():
    wire = desk(items=KYIV + LONDON, read={"k1", "pruned-long-ago"})
    assert wire.unread == 2
    assert wire.mark("k2", True, OPENED) and wire.unread == 1
    assert not wire.mark("k2", True, OPENED), "already read"
    assert wire.mark("k1", False, OPENED) and wire.unread == 2
    assert not wire.mark("pruned-long-ago", True, OPENED)
    wire.mark("gone", True, OPENED)
    assert wire.unread == 2, "an id the desk does not hold changes no count"
    wire.prune(["l1", "k1"])
    assert set(wire.items) == {"k2"} and "k1" not in wire.marks.read
    assert wire.unread == 0


def test_group_headers_count_their_unread_items_as_marks_change():
    wire = desk(items=KYIV + LONDON, read={"l1"})
    assert ids(wire.rows(OPENED)) == ["# KYIV 2/2", "k2", "k1", "# LONDON 1/0", "l1"]
    wire.mark("k2", True, OPENED)
    wire.mark("l1", False, OPENED)
    assert (wire.headers["KYIV"].unread, wire.headers["LONDON"].unread) == (1, 1)
    assert ids(wire.rows(OPENED))[0] == "# KYIV 2/1", "a regroup counts the same"


def test_undo_takes_back_a_bulk_mark_and_only_what_it_changed():
    wire = desk(items=KYIV + LONDON)
    wire.rows(OPENED)
    wire.mark("k1", True, OPENED)  # by hand: no undo step
    assert wire.bulk_mark(wire.group_members("KYIV", OPENED), True, OPENED) == ["k2"]
    assert wire.bulk_mark(["k1", "k2"], True, OPENED) == [], "nothing changed: no undo step"
    assert wire.bulk_mark(wire.listed(OPENED), True, OPENED) == ["l1"]
    assert wire.unread == 0 and wire.headers["LONDON"].unread == 0
    assert wire.undo_marks(OPENED) == (["l1"], False)
    assert wire.undo_marks(OPENED) == (["k2"], False)
    assert wire.marks.read == {"k1"}, "the item read by hand stays read"
    assert wire.unread == 2 and wire.headers["KYIV"].unread == 1
    assert wire.undo_marks(OPENED) is None


def test_undo_of_a_bulk_unmark_marks_read_again():
    wire = desk(items=KYIV, read={"k1", "k2"})
    assert wire.bulk_mark(["k1", "k2"], False, OPENED) == ["k1", "k2"]
    assert wire.undo_marks(OPENED) == (["k1", "k2"], True)
    assert wire.marks.read == {"k1", "k2"} and wire.unread == 0


def test_stars_toggle():
    wire = desk(items=KYIV)
    assert wire.toggle_star("k1") and wire.marks.starred == {"k1"}
    assert not wire.toggle_star("k1") and wire.marks.starred == set()


# Groups and folding


def test_a_folded_group_keeps_its_counts_and_its_members():
    wire = desk(items=KYIV + LONDON)
    assert wire.toggle_collapse("KYIV")
    assert ids(wire.rows(OPENED)) == ["# KYIV 2/2 folded", "# LONDON 1/1", "l1"]
    assert wire.group_members("KYIV", OPENED) == ["k1", "k2"], "folded or not"
    assert sorted(wire.listed(OPENED)) == ["k1", "k2", "l1"], "a folded group's items count as shown"
    wire.bulk_mark(wire.group_members("KYIV", OPENED), True, OPENED)
    assert wire.header_note(wire.headers["KYIV"]) == "KYIV: 2 · 0 unread  (c)"
    assert not wire.toggle_collapse("KYIV")
    assert ids(wire.rows(OPENED))[:3] == ["# KYIV 2/0", "k2", "k1"]


def test_the_next_grouping_unfolds_every_group():
    wire = desk(items=KYIV + LONDON, grouping="place")
    wire.toggle_collapse("KYIV")
    assert wire.next_grouping() == "agency"
    assert wire.collapsed == set()
    assert ids(wire.rows(OPENED)) == ["# ANP 2/2", "k2", "k1", "# RTR 1/1", "l1"]


def test_a_remembered_grouping_wins_and_shows_as_a_view():
    assert desk(grouping="feed").view_note() == ""
    remembered = desk(grouping="feed", settings={"grouping": "time"})
    assert remembered.view.mode == "time" and remembered.view_note() == "by time"
    assert desk(grouping="nonsense", settings={"grouping": "nonsense"}).view == View()


# Filters and search


def test_unread_only_keeps_the_item_under_the_cursor():
    wire = desk(items=KYIV + LONDON, read={"k2", "l1"})
    wire.toggle_unread_only()
    assert ids(wire.rows(OPENED)) == ["# KYIV 1/1", "k1"]
    assert ids(wire.rows(OPENED, keep=frozenset({"k2"}))) == ["# KYIV 2/1", "k2", "k1"]
    assert wire.view_note() == "by place · unread"
    wire.toggle_unread_only()
    assert wire.view_note() == ""


@pytest.mark.parametrize(("kind", "source", "shown"), [
    ("place", "l1", ["l1"]),
    ("agency", "k1", ["k2", "k1"]),
    ("feed", "l1", ["l1"]),
])
def test_only_this_feed_agency_or_place(kind, source, shown):
    wire = desk(items=KYIV + LONDON)
    assert wire.show_only(kind, wire.items[source])
    assert [r.id for r in wire.rows(OPENED) if isinstance(r, Item)] == shown
    wire.clear_filters()
    assert wire.view == View()


def test_only_this_agency_needs_an_agency():
    wire = desk(items=[item("bare", OPENED, agencies=())])
    assert not wire.show_only("agency", wire.items["bare"])
    assert wire.view == View()


def test_starred_only_and_clear_filters():
    wire = desk(items=KYIV + LONDON)
    wire.toggle_star("l1")
    wire.toggle_starred_only()
    wire.toggle_unread_only()
    assert [r.id for r in wire.rows(OPENED) if isinstance(r, Item)] == ["l1"]
    wire.clear_filters()
    assert wire.view == View() and len(wire.rows(OPENED)) == 5


def test_search_narrows_at_once_and_bodies_join_only_for_the_current_query():
    wire = desk(items=KYIV + LONDON)
    wire.search("story l1")
    assert [r.id for r in wire.rows(OPENED) if isinstance(r, Item)] == ["l1"]
    assert not wire.bodies_matched("story k", {"k1"}), "a search the reader has moved past"
    assert wire.bodies_matched("story l1", {"k2"})
    assert [r.id for r in wire.rows(OPENED) if isinstance(r, Item)] == ["k2", "l1"]
    assert not wire.bodies_matched("story l1", {"k2"}), "nothing new"
    wire.search("")
    assert wire.view == View()


# The reader


def test_the_reader_is_away_until_a_key_and_arrivals_count_until_they_look():
    wire = desk()
    assert not wire.reader_acted
    wire.poll(answer(WIRE, KYIV), OPENED + 1)
    wire.poll(answer(WIRE, [*KYIV, item("a", OPENED + 5), item("b", OPENED + 6)], ["a", "b"]), OPENED + 10)
    assert wire.new_since_look() == 2
    wire.mark("a", True, OPENED + 11)
    assert wire.new_since_look() == 1, "read arrivals are not waiting"
    wire.looked(OPENED + 12)
    assert wire.reader_acted and wire.new_since_look() == 0
    assert wire.item_counts() == {WIRE: 4}


def test_an_arrival_fades_in_steps_then_is_no_longer_new():
    marks = Marks(arrived={"a": 100.0})
    steps = [marks.fade("a", 100.0 + NEW_FADE * (n + 0.5) / FADE_STEPS) for n in range(FADE_STEPS)]
    assert steps == list(range(FADE_STEPS))
    assert marks.fade("a", 99.0) == 0, "a clock a little behind still shows it new"
    assert marks.fade("a", 100.0 + NEW_FADE) is None
    assert marks.fade("never-arrived", 100.0) is None
