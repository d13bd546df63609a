"""The held group order, without a terminal: places kept, new groups on top, news counted, released."""

from __future__ import annotations

from tui.core.group_order import GroupOrder, news_by_group
from tui.core.grouping import Header, build_rows, grouper
from tui.core.items import Item


def _item(n: int, place: str, at: float) -> Item:
    return Item(id=f"i{n}", feed="wire", title=f"Story {n}", link="", published=at, places=(place,))


def _names(rows) -> list[str]:
    return [row.group for row in rows if isinstance(row, Header)]


def test_a_held_order_keeps_places_and_puts_new_groups_on_top():
    items = {i.id: i for i in [_item(0, "KYIV", 100), _item(1, "LONDON", 90), _item(2, "CARACAS", 80)]}
    order = GroupOrder()
    assert _names(order.arrange(build_rows(items.values()), "place", {})) == ["KYIV", "LONDON", "CARACAS"]
    order.hold(now=100)
    items.update({i.id: i for i in [_item(3, "CARACAS", 120), _item(4, "ODESA", 110)]})
    arrived = {"i3": 120.0, "i4": 110.0, "i0": 50.0}  # i0 arrived before the order was held
    news = news_by_group(arrived, order.held_since, items, grouper("place", 0, "en"))
    assert news == {"CARACAS": 1, "ODESA": 1}
    rows = order.arrange(build_rows(items.values()), "place", news)
    assert _names(rows) == ["ODESA", "KYIV", "LONDON", "CARACAS"]
    assert [row.id for row in rows if isinstance(row, Item)] == ["i4", "i0", "i1", "i3", "i2"], "items stay in groups"
    assert order.news == {"CARACAS": 1, "ODESA": 1}
    assert order.release() and not order.news and not order.release()
    assert _names(order.arrange(build_rows(items.values()), "place", {})) == ["CARACAS", "ODESA", "KYIV", "LONDON"]


def test_another_grouping_mode_releases_the_order_and_a_flat_list_is_left_alone():
    items = [_item(0, "KYIV", 100), _item(1, "LONDON", 90)]
    order = GroupOrder()
    order.arrange(build_rows(items), "place", {})
    order.hold(now=100)
    assert order.held
    order.arrange(build_rows(items), "agency", {})
    assert not order.held
    flat = list(reversed(items))
    assert order.arrange(flat, "flat", {}) == flat
    assert news_by_group({"i0": 5.0}, None, {i.id: i for i in items}, grouper("place", 0, "en")) == {}


def test_a_group_a_filter_hides_keeps_its_place_when_it_comes_back():
    items = [_item(0, "KYIV", 100), _item(1, "LONDON", 90), _item(2, "CARACAS", 80)]
    order = GroupOrder()
    order.arrange(build_rows(items), "place", {})
    order.hold(now=100)
    order.arrange(build_rows(items[1:]), "place", {})  # unread only: KYIV is all read
    assert _names(order.arrange(build_rows(items), "place", {})) == ["KYIV", "LONDON", "CARACAS"]


def test_while_stories_fold_news_counts_a_story_once_in_its_group():
    items = {i.id: i for i in [_item(0, "KYIV", 100), _item(1, "KYIV", 101), _item(2, "KYIV", 102),
                               _item(3, "ODESA", 103)]}
    arrived = dict.fromkeys(items, 110.0)
    story = {"i0": "s", "i1": "s"}.get  # two agencies' copies of one event, and two items of their own
    assert news_by_group(arrived, 100.0, items, grouper("place", 0, "en"), lambda i: story(i) or i) == {
        "KYIV": 2, "ODESA": 1}
    assert news_by_group(arrived, 100.0, items, grouper("place", 0, "en")) == {"KYIV": 3, "ODESA": 1}, "items"
