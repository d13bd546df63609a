"""What counts as read, what the counts say, and finding words inside articles: the desk driven with Pilot."""

from __future__ import annotations

import re

from textual.widgets import Input, Static

from tests.helpers.desk import NOW, make_desk, settle
from tui.core.grouping import Header
from tui.core.items import Item
from tui.ui.widgets.help import HelpScreen
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList


def head_text(app) -> str:
    return str(app.query_one("#article-head", Static).render())


def header_of(app, group: str) -> Header:
    return next(r for r in app.query_one(WireList).rows if isinstance(r, Header) and r.group == group)


async def test_the_item_the_desk_opens_on_is_not_read_until_the_reader_acts(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.2)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        first = app.query_one(WireList).current
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert first.id not in app.desk.marks.read, "an unattended desk reads nothing"
        await pilot.press("j", "k")  # the reader is back and rests on it
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert first.id in app.desk.marks.read


async def test_typing_a_search_marks_nothing_read(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.2)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # the reader is at the desk
        await pilot.pause(0.4)
        await settle(app, pilot)
        before = set(app.desk.marks.read)
        await pilot.press("slash", *"caracas")
        await pilot.pause(0.6)
        await settle(app, pilot)
        assert isinstance(app.focused, Input)
        assert app.query_one(WireList).current is not None
        assert set(app.desk.marks.read) == before


async def test_header_counts_follow_single_and_group_marks(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        group = wire.current.group
        unread = header_of(app, group).unread
        await pilot.press("m")
        assert header_of(app, group).unread == unread - 1
        await pilot.press("m")
        assert header_of(app, group).unread == unread
        # Fold the group, mark it all read from its header: header and article note agree.
        await pilot.press("c", "M")
        await settle(app, pilot)
        header = header_of(app, group)
        assert header.collapsed and header.unread == 0
        assert f"{group}: {header.count} · 0 " in head_text(app)
        await pilot.press("U")
        assert header_of(app, group).unread == unread


async def test_search_finds_a_word_that_only_an_article_body_holds(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        items = list(app.desk.items.values())
        shown = " ".join(f"{i.title} {i.summary}" for i in items).casefold()
        word, owner = next(
            (w, i) for i in items
            for w in re.findall(r"[a-zà-ü]{10,}", app.store.body(i.id).casefold())
            if w not in shown
        )
        await pilot.press("slash", *word)
        await settle(app, pilot)
        rows = [r for r in app.query_one(WireList).rows if isinstance(r, Item)]
        assert owner.id in {r.id for r in rows}, f"{word!r} is in the body of {owner.id}"
        assert all(word in app.store.body(r.id).casefold() for r in rows)
        await pilot.press("escape")
        await settle(app, pilot)
        assert len([r for r in app.query_one(WireList).rows if isinstance(r, Item)]) == len(items)
        # Markup is not text: every demo body has links, none says "href".
        assert all("href" in app.store.body(i.id) for i in items)
        await pilot.press("slash", *"href")
        await settle(app, pilot)
        assert [r for r in app.query_one(WireList).rows if isinstance(r, Item)] == []


async def test_the_articles_relative_time_moves_on(tmp_path):
    now = [NOW]
    app = make_desk(tmp_path)
    app.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = head_text(app)
        now[0] += 3 * 3600
        await pilot.pause(1.3)
        after = head_text(app)
        assert after != before
        assert "hours ago" in after


async def test_view_labels_speak_the_desks_language(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        status = str(app.query_one(StatusBar).render())
        assert "op agentschap" in status
        assert "by agency" not in status


async def test_the_palette_has_one_keys_entry(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        assert len(commands) == 1
        await commands[0].callback()
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen), "our own help, not Textual's key panel"


async def test_help_and_feed_screens_speak_dutch(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Volgend bericht" in keys and "Gelezen/ongelezen" in keys and "Overal" in keys
        assert "Next item" not in keys
        await pilot.press("escape", "F")
        await settle(app, pilot)
        title = str(app.screen.query_one("#health-title").render())
        assert "faalt" in title and "Esc sluit" in title
        columns = [str(c.label) for c in app.screen.query_one("#health-table").columns.values()]
        assert "Laatst ok" in columns and "Laatste fout" in columns


async def test_a_large_cache_shows_its_newest_days_first_then_the_rest(tmp_path):
    from tui.core.items import ParsedFeed
    from tui.store import open_store
    from tui.ui.messages import CacheLoaded, OlderLoaded

    day = 86400
    items = [Item(id=f"urn:day:{n}", feed="Wire", title=f"Day {n} story", link="", published=NOW - n * day - 60,
                  places=("KYIV",)) for n in range(6)]
    open_store(tmp_path).ingest(ParsedFeed(title="Wire", items=items, bodies={i.id: "<p>x</p>" for i in items}))
    seen: list[tuple[str, int, int]] = []
    app = make_desk(tmp_path)

    def hook(message) -> None:
        if isinstance(message, CacheLoaded | OlderLoaded):
            seen.append((type(message).__name__, len(message.items), len(app.query_one(WireList).rows)))

    async with app.run_test(message_hook=hook) as pilot:
        await settle(app, pilot)
        assert [(name, count) for name, count, _ in seen] == [("CacheLoaded", 2), ("OlderLoaded", 4)]
        assert len(app.desk.items) == 6
        rows = [r.id for r in app.query_one(WireList).rows if isinstance(r, Item)]
        assert rows == [f"urn:day:{n}" for n in range(6)]


async def test_the_palette_speaks_dutch_and_shows_rebound_keys(tmp_path):
    app = make_desk(tmp_path, lang="nl", keymap={"read": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Alles gelezen" in commands and "Alleen deze plaats" in commands
        assert commands["Gelezen/ongelezen"] == "toets x"


async def test_letters_typed_right_behind_the_slash_land_in_the_search(tmp_path):
    from textual import events

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
