"""Headers count stories while stories fold: a story counts once, under the first group that lists it, and is
unread while any of its items is; marks move a header's unread count only when they turn a whole story."""

from __future__ import annotations

from tui.core.grouping import Header, View, build_rows, grouper
from tui.core.header_tally import Headers
from tui.core.items import Item
from tui.core.stories import StoryLink
from tui.core.story_view import StoryIndex, fold_rows


def item(iid: str, published: float, place: str) -> Item:
    return Item(id=iid, feed="Wire", title=f"title {iid}", link="", published=published, places=(place,))


WIRE = [item("quake-rtr", 300, "ANKARA"), item("quake-anp", 290, "ANKARA"), item("quake-dpa", 280, "ISTANBUL"),
        item("court", 270, "ANKARA"), item("ferry", 260, "ISTANBUL")]
INDEX = StoryIndex()
INDEX.add({i: StoryLink("quake-dpa") for i in ("quake-rtr", "quake-anp", "quake-dpa")})


def headers(rows) -> dict[str, tuple[int, int]]:
    return {row.group: (row.count, row.unread) for row in rows if isinstance(row, Header)}


def test_a_story_counts_once_under_the_first_group_that_lists_it():
    rows = build_rows(WIRE, {"quake-rtr"}, story=INDEX.story)
    # ANKARA: the quake (unread: two of its copies are) and the court; ISTANBUL: only the ferry of its own.
    assert headers(rows) == {"ANKARA": (2, 2), "ISTANBUL": (1, 1)}
    assert headers(build_rows(WIRE, {"quake-rtr"})) == {"ANKARA": (3, 2), "ISTANBUL": (2, 2)}  # items


def test_marks_turn_a_header_only_when_they_turn_a_whole_story():
    marked: set[str] = set()
    rows = fold_rows(build_rows(WIRE, marked, story=INDEX.story), INDEX, set(), "en")
    tally = Headers(rows)
    present = {i.id: i for i in WIRE}
    group_of = grouper(View().mode, 0.0, "en")

    def mark(ids: list[str], read: bool) -> tuple[int, int]:
        (marked.update if read else marked.difference_update)(ids)
        tally.follow([present[i] for i in ids], read, marked, group_of, INDEX, present)
        return tally["ANKARA"].unread, tally["ISTANBUL"].unread

    assert mark(["quake-rtr"], True) == (2, 1)  # two copies left unread: the story still is
    assert mark(["quake-anp", "quake-dpa"], True) == (1, 1)  # the dpa copy is listed under ANKARA's story
    assert mark(["quake-dpa"], False) == (2, 1)
    assert mark(["quake-anp"], False) == (2, 1)  # already unread
    assert mark(["ferry"], True) == (2, 0)
    tally.follow([present["court"]], True, marked | {"court"}, group_of, None, present)  # flat: by item
    assert tally["ANKARA"].unread == 1
