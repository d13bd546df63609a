"""Marks and feeds changed outside the desk, taken in by the desk state: the rules, without a terminal.

The race they guard: the desk marks an item, its save has not reached the disk, and a read of the marks
another process wrote lands first. The desk's own mark must stand until its save is known to be on disk.
"""

from __future__ import annotations

from tui.core.desk import Desk
from tui.core.feeds import FeedSource, PollResult
from tui.core.grouping import Header
from tui.core.items import Item
from tui.core.marks import Marks

NOW = 1_000_000.0
WIRE, MORE = "https://wire.test/a.xml", "https://wire.test/b.xml"


def item(iid: str, place: str = "KYIV", feed_url: str = WIRE) -> Item:
    return Item(id=iid, feed="Wire", title=f"Story {iid}", link="", published=NOW - 60, places=(place,),
                agencies=("ANP",), feed_url=feed_url)


ITEMS = [item("k1"), item("k2"), item("l1", "LONDON")]


def desk(read: set[str] = frozenset(), starred: set[str] = frozenset()) -> Desk:
    made = Desk([WIRE], opened_at=NOW)
    made.load(ITEMS, Marks(read=set(read), starred=set(starred)), {}, {})
    made.rows(NOW)  # the list is drawn: its headers' counts must follow
    return made


def kyiv(made: Desk) -> Header:
    return made.headers["KYIV"]


def test_marks_from_outside_are_taken_in_and_the_counts_follow():
    wire = desk(read={"k1"})
    assert wire.take_marks({"k2", "l1"}, {"k1"}, frozenset(), NOW)
    assert wire.marks.read == {"k2", "l1"} and wire.marks.starred == {"k1"}
    assert wire.unread == 1 and kyiv(wire).unread == 1
    assert not wire.take_marks({"k2", "l1"}, {"k1"}, frozenset(), NOW), "the same marks again change nothing"


def test_the_sets_the_list_draws_from_are_changed_in_place():
    wire = desk()
    read, starred = wire.marks.read, wire.marks.starred
    wire.take_marks({"k1"}, {"k2"}, frozenset(), NOW)
    assert wire.marks.read is read and wire.marks.starred is starred


def test_an_unsaved_mark_stands_over_a_read_that_lacks_it():
    wire = desk()
    wire.mark("k1", True, NOW)
    wire.toggle_star("l1")
    on_disk = wire.unsaved.on_disk()  # the read begins before either save is on disk
    assert wire.take_marks({"k2"}, set(), on_disk, NOW), "the other process marked k2"
    assert wire.marks.read == {"k1", "k2"} and wire.marks.starred == {"l1"}
    assert wire.unread == 1 and kyiv(wire).unread == 0


def test_a_saved_mark_gives_way_to_what_the_disk_says_after_it():
    wire = desk()
    wire.mark("k1", True, NOW)
    wire.unsaved.saved(wire.unsaved.number)
    # A read begun after the save: k1 unread on disk means another process unmarked it since.
    wire.take_marks(set(), set(), wire.unsaved.on_disk(), NOW)
    assert wire.marks.read == set() and wire.unread == 3
    assert not wire.unsaved.read, "a change the disk has shown is forgotten"


def test_a_save_landing_during_the_read_still_stands_until_the_next_read():
    wire = desk()
    wire.mark("k1", True, NOW)
    on_disk = wire.unsaved.on_disk()
    wire.unsaved.saved(wire.unsaved.number)  # saved while the read was under way: the read may lack it
    wire.take_marks(set(), set(), on_disk, NOW)
    assert "k1" in wire.marks.read
    wire.take_marks({"k1"}, set(), wire.unsaved.on_disk(), NOW)  # the next read finds it
    assert not wire.unsaved.read


def test_the_newest_of_two_changes_to_one_item_is_the_one_that_stands():
    wire = desk()
    wire.mark("k1", True, NOW)
    wire.unsaved.saved(wire.unsaved.number)
    wire.mark("k1", False, NOW)  # not saved yet
    wire.take_marks({"k1"}, set(), wire.unsaved.on_disk(), NOW)
    assert "k1" not in wire.marks.read, "the second change, still on its way, stands"


def test_bulk_marks_and_their_undo_stand_until_saved():
    wire = desk()
    wire.bulk_mark(["k1", "k2"], True, NOW)
    wire.unsaved.saved(wire.unsaved.number)
    wire.undo_marks(NOW)  # k1, k2 unread again, not saved yet
    wire.take_marks({"k1", "k2"}, set(), wire.unsaved.on_disk(), NOW)
    assert wire.marks.read == set() and wire.unread == 3


# The feed list re-read from the config


def answer(url: str, items: list[Item]) -> PollResult:
    return PollResult(source=FeedSource(url=url), items=items, new_ids=[i.id for i in items], checked_at=NOW)


def test_an_added_feed_is_waited_for_and_its_backlog_is_no_news():
    wire = desk()
    wire.poll(answer(WIRE, ITEMS), NOW)
    wire.set_feeds([WIRE, MORE])
    assert set(wire.health.feeds) == {WIRE, MORE} and wire.health.feeds[MORE].status == "waiting"
    outcome = wire.poll(answer(MORE, [item("m1", feed_url=MORE)]), NOW + 5)
    assert outcome.changed and outcome.news == [] and outcome.backlog_in


def test_a_removed_feed_leaves_the_health_count_and_a_late_answer_of_it_changes_nothing():
    wire = desk()
    wire.set_feeds([WIRE, MORE])
    wire.poll(PollResult(source=FeedSource(url=MORE), error="HTTP 500", checked_at=NOW), NOW)
    assert wire.health.failing == 1
    wire.set_feeds([WIRE])
    assert wire.health.failing == 0 and set(wire.health.feeds) == {WIRE}
    late = wire.poll(answer(MORE, [item("m1", feed_url=MORE)]), NOW + 1)
    assert not late.changed and "m1" not in wire.items and set(wire.health.feeds) == {WIRE}
    assert len(wire.items) == 3, "the items already in stay"
    wire.set_feeds([WIRE, MORE])  # added back: its answers count again
    assert wire.poll(answer(MORE, [item("m1", feed_url=MORE)]), NOW + 2).changed
