"""Search and grouping, driven with Pilot: / narrows as you type, finds words inside bodies and takes
every letter typed behind it; v cycles the groupings and the choice is remembered."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

from tests.helpers.desk import group_names, item_rows, make_desk, settle
from tui.core.grouping import MODES
from tui.ui.widgets.wire_list import WireList


async def test_search_narrows_as_you_type_and_escape_restores(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        everything = len(item_rows(app))
        await pilot.press("slash")
        assert app.query_one("#search", Input).has_focus
        await pilot.press(*"caracas")
        shown = item_rows(app)
        assert 0 < len(shown) < everything
        # The list holds no summaries: a match is in the title, or in the article (which holds the summary).
        assert all("caracas" in f"{i.title} {app.store.body(i.id)}".casefold() for i in shown)
        await pilot.press("enter")
        assert app.query_one(WireList).has_focus and len(item_rows(app)) == len(shown)
        await pilot.press("escape")
        assert len(item_rows(app)) == everything
        assert not app.query_one("#search", Input).display


async def test_search_finds_a_word_that_only_an_article_body_holds(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        items = list(app.desk.items.values())
        shown = " ".join(f"{i.title} {app.store.item(i.id).summary}" for i in items).casefold()
        word, owner = next(
            (w, i) for i in items
            for w in re.findall(r"[a-zà-ü]{10,}", app.store.body(i.id).casefold())
            if w not in shown
        )
        await pilot.press("slash", *word)
        await settle(app, pilot)
        rows = item_rows(app)
        assert owner.id in {r.id for r in rows}, f"{word!r} is in the body of {owner.id}"
        assert all(word in app.store.body(r.id).casefold() for r in rows)
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(item_rows(app)) == len(items)
        # Markup is not text: every demo body has links, none says "href".
        assert all("href" in app.store.body(i.id) for i in items)
        await pilot.press("slash", *"href")
        await settle(app, pilot)
        assert item_rows(app) == []


async def test_a_word_of_the_title_and_one_of_the_summary_find_the_item_the_list_holds_without_it(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        item = next(iter(app.desk.items.values()))
        assert item.summary == "", "the list keeps summaries in the cache, not in memory"
        summary = app.store.item(item.id).summary.casefold()
        title_word = max(re.findall(r"[a-zà-ü]{4,}", item.title.casefold()), key=len)
        summary_word = next(w for w in re.findall(r"[a-zà-ü]{6,}", summary) if w not in item.title.casefold())
        await pilot.press("slash", *f"{title_word} {summary_word}")
        await settle(app, pilot)
        assert item.id in {r.id for r in item_rows(app)}


async def test_letters_typed_right_behind_the_slash_land_in_the_search(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        # One burst, as a fast typist or a slow link delivers it: no pause for the search to open.
        for key, character in [("slash", "/"), ("n", "n"), ("a", "a"), ("v", "v"), ("o", "o")]:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert app.query_one("#search", Input).value == "navo"
        assert app.desk.view.mode == "place", "the v went into the search, not to group-by"
        await pilot.press("slash", "x")
        assert app.query_one("#search", Input).value == "navo/x", "a / typed in the search is text"


async def test_v_cycles_every_grouping_and_the_choice_is_remembered(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert "KYIV" in group_names(app)
        seen = {}
        for _ in MODES[1:]:
            await pilot.press("v")
            seen[app.desk.view.mode] = group_names(app)
        assert {"ANP/RTR", "Reuters"} <= set(seen["agency"])
        assert set(seen["time"]) <= {"Today", "Yesterday", "Earlier"} and seen["time"]
        assert {"ANP Buitenland (demo)", "ANP Laatste nieuws (demo)", "dpa Ausland (Demo)",
                "World Wire (demo)"} == set(seen["feed"])
        assert seen["flat"] == [] and len(item_rows(app)) == 48
        await pilot.press("v", "v")  # place, then agency
        await settle(app, pilot)
        assert app.desk.view.mode == "agency"
    again = make_desk(tmp_path)
    async with again.run_test() as pilot:
        await settle(again, pilot)
        assert again.desk.view.mode == "agency"
