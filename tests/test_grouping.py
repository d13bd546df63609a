"""Grouping: headers by dateline place, newest group first, newest item first, and the filters."""

from __future__ import annotations

from tui.grouping import Header, build_rows
from tui.model import Item


def item(iid: str, published: float, places=(), feed: str = "Wire") -> Item:
    return Item(id=iid, feed=feed, title=f"title {iid}", link="", published=published, places=tuple(places))


WIRE = [
    item("kyiv-old", 100, ["KYIV"]),
    item("london", 250, ["LONDEN"]),
    item("kyiv-new", 300, ["KYIV"]),
    item("bogota", 200, ["BOGOTÁ", "CARACAS"]),
    item("paris", 150, ["Paris"]),
    item("no-dateline", 220, feed="ANP Buitenland"),
]


def shape(rows) -> list[str]:
    return [f"# {r.group} {r.count}/{r.unread}" if isinstance(r, Header) else r.id for r in rows]


def test_groups_by_place_newest_group_first_and_newest_item_first():
    assert shape(build_rows(WIRE)) == [
        "# KYIV 2/2", "kyiv-new", "kyiv-old",
        "# LONDEN 1/1", "london",
        "# ANP Buitenland 1/1", "no-dateline",
        "# BOGOTÁ/CARACAS 1/1", "bogota",
        "# PARIS 1/1", "paris",
    ]


def test_headers_count_unread_items():
    rows = build_rows(WIRE, read={"kyiv-new", "paris"})
    headers = {r.group: (r.count, r.unread) for r in rows if isinstance(r, Header)}
    assert headers["KYIV"] == (2, 1)
    assert headers["PARIS"] == (1, 0)


def test_unread_only_drops_read_items_and_empty_groups_but_keeps_the_current_one():
    rows = build_rows(WIRE, read={"kyiv-new", "kyiv-old", "paris", "london"}, unread_only=True, keep=frozenset({"london"}))
    assert shape(rows) == [
        "# LONDEN 1/0", "london",
        "# ANP Buitenland 1/1", "no-dateline",
        "# BOGOTÁ/CARACAS 1/1", "bogota",
    ]


def test_an_empty_wire_has_no_rows():
    assert build_rows([]) == []
    assert build_rows(WIRE, read={i.id for i in WIRE}, unread_only=True) == []


def test_the_same_place_in_two_cases_is_one_group():
    rows = build_rows([item("a", 1, ["Paris"]), item("b", 2, ["PARIS"])])
    assert shape(rows) == ["# PARIS 2/2", "b", "a"]
