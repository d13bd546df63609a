"""Grouping: headers by dateline place, newest group first, newest item first, and the filters."""

from __future__ import annotations

from datetime import datetime

import pytest

from tui.core.grouping import MODES, Header, View, build_rows, next_mode
from tui.core.items import Item


def item(iid: str, published: float, places=(), feed: str = "Wire", agencies=(), summary="") -> Item:
    return Item(id=iid, feed=feed, title=f"title {iid}", link="", published=published, places=tuple(places),
                agencies=tuple(agencies), summary=summary)


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
        "# LONDON 1/1", "london",
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
    rows = build_rows(
        WIRE, read={"kyiv-new", "kyiv-old", "paris", "london"}, view=View(unread_only=True), keep=frozenset({"london"})
    )
    assert shape(rows) == [
        "# LONDON 1/0", "london",
        "# ANP Buitenland 1/1", "no-dateline",
        "# BOGOTÁ/CARACAS 1/1", "bogota",
    ]


@pytest.mark.parametrize(("lang", "london", "brussels"), [("en", "LONDON", "BRUSSELS"), ("nl", "LONDEN", "BRUSSEL")])
def test_one_city_spelled_two_ways_is_one_group_named_in_the_desks_language(lang, london, brussels):
    wire = [
        item("nl-london", 300, ["LONDEN"]),
        item("en-london", 200, ["LONDON"]),
        item("both", 150, ["Brussels", "LONDEN"], agencies=["Reuters"]),
        item("nl-brussels", 100, ["BRUSSEL"]),
    ]
    assert shape(build_rows(wire, lang=lang)) == [
        f"# {london} 2/2", "nl-london", "en-london",
        f"# {brussels}/{london} 1/1", "both",
        f"# {brussels} 1/1", "nl-brussels",
    ]
    only = build_rows(wire, view=View(only=("place", london)), lang=lang)
    assert [r.id for r in only if isinstance(r, Item)] == ["nl-london", "en-london"]


def test_an_empty_wire_has_no_rows():
    assert build_rows([]) == []
    assert build_rows(WIRE, read={i.id for i in WIRE}, view=View(unread_only=True)) == []


def test_the_same_place_in_two_cases_is_one_group():
    rows = build_rows([item("a", 1, ["Paris"]), item("b", 2, ["PARIS"])])
    assert shape(rows) == ["# PARIS 2/2", "b", "a"]


NOON = datetime(2026, 11, 25, 12, 0).timestamp()
HOUR = 3600.0
TIMED = [
    item("this-morning", NOON - 3 * HOUR, ["KYIV"], agencies=["ANP", "RTR"], feed="ANP"),
    item("last-night", NOON - 14 * HOUR, ["SION"], agencies=["ANP"], feed="ANP"),
    item("last-week", NOON - 7 * 24 * HOUR, ["GOES"], feed="Omroep Zeeland"),
    item("just-now", NOON - 60, ["LONDON"], agencies=["Reuters"], feed="World", summary="Iran internet blackout"),
]


def test_grouping_by_agency_names_the_agency_list():
    assert shape(build_rows(TIMED, view=View(mode="agency"))) == [
        "# Reuters 1/1", "just-now", "# ANP/RTR 1/1", "this-morning", "# ANP 1/1", "last-night",
        "# No agency 1/1", "last-week",
    ]


@pytest.mark.parametrize(("lang", "labels"), [("en", ("Today", "Yesterday", "Earlier")),
                                              ("nl", ("Vandaag", "Gisteren", "Eerder"))])
def test_grouping_by_time_in_the_ui_language(lang, labels):
    today, yesterday, earlier = labels
    assert shape(build_rows(TIMED, view=View(mode="time"), now=NOON, lang=lang)) == [
        f"# {today} 2/2", "just-now", "this-morning",
        f"# {yesterday} 1/1", "last-night",
        f"# {earlier} 1/1", "last-week",
    ]


def test_grouping_by_feed_and_flat():
    assert shape(build_rows(TIMED, view=View(mode="feed"))) == [
        "# World 1/1", "just-now", "# ANP 2/2", "this-morning", "last-night", "# Omroep Zeeland 1/1", "last-week",
    ]
    assert shape(build_rows(TIMED, view=View(mode="flat"))) == ["just-now", "this-morning", "last-night", "last-week"]


def test_v_cycles_every_mode_and_comes_back():
    mode, seen = MODES[0], []
    for _ in MODES:
        seen.append(mode)
        mode = next_mode(mode)
    assert seen == list(MODES) and mode == MODES[0]


def test_search_needs_every_word_in_title_or_summary_any_case():
    assert shape(build_rows(TIMED, view=View(mode="flat", query="IRAN blackout"))) == ["just-now"]
    assert shape(build_rows(TIMED, view=View(mode="flat", query="title last"))) == ["last-night", "last-week"]
    assert build_rows(TIMED, view=View(query="nothing like this")) == []


def test_starred_only_and_only_this_feed_agency_or_place():
    assert shape(build_rows(TIMED, view=View(mode="flat", starred_only=True), starred={"last-week"})) == ["last-week"]
    assert shape(build_rows(TIMED, view=View(mode="flat", only=("feed", "ANP")))) == ["this-morning", "last-night"]
    assert shape(build_rows(TIMED, view=View(mode="flat", only=("agency", "RTR")))) == ["this-morning"]
    assert shape(build_rows(TIMED, view=View(mode="flat", only=("place", "SION")))) == ["last-night"]
