"""The command palette, the help screen and q: every action in the palette, every key in the help."""

from __future__ import annotations

from textual.command import CommandInput
from textual.widgets import OptionList, Static

from tests.helpers.desk import item_rows, make_desk, settle
from tui.core.i18n import DUTCH, tr
from tui.ui.widgets.help import HelpScreen
from tui.ui.widgets.wire_list import WireList


async def test_help_lists_every_key(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        for description in ("Next item", "Previous item", "First item", "Last item", "Pane", "Read/unread",
                            "Unread only", "Poll", "Quit", "Scroll"):
            assert description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_palette_has_one_keys_entry(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        assert len(commands) == 1
        await commands[0].callback()
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen), "our own help, not Textual's key panel"


PALETTE = [
    "Keys", "Read/unread", "Unread only", "Search", "Group by", "Poll", "Feeds", "Pane", "Quit", "Mark group read",
    "Collapse group", "Undo bulk marks", "Star", "Starred only", "Open link", "Copy link", "Export as Markdown",
    "Narrower list", "Wider list", "Mark all read", "Only this feed", "Only this agency", "Only this place",
    "Clear filters",
]


async def test_the_palette_offers_every_action_and_runs_them(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert not set(PALETTE) - titles, set(PALETTE) - titles
        first = app.query_one(WireList).current.id
        await pilot.press("ctrl+p", *"Starred only")  # run from the palette as typed
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.desk.view.starred_only
        assert [i.id for i in item_rows(app)] == [first], "nothing is starred: only the item under the cursor stays"


async def test_the_palette_speaks_dutch_and_shows_rebound_keys(tmp_path):
    app = make_desk(tmp_path, lang="nl", keymap={"read": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Alles gelezen" in commands and "Alleen deze plaats" in commands
        assert commands["Gelezen/ongelezen"] == "toets x"


async def test_every_palette_entry_speaks_the_desks_language(tmp_path):
    english = make_desk(tmp_path / "en")
    async with english.run_test(size=(120, 40)) as pilot:
        await settle(english, pilot)
        in_english = list(english.get_system_commands(english.screen))
    app = make_desk(tmp_path / "nl", lang="nl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        commands = list(app.get_system_commands(app.screen))
        assert len(commands) == len(in_english)
        for dutch, command in zip(commands, in_english, strict=True):
            assert dutch.title == tr("nl", command.title) and dutch.title in DUTCH.values(), command.title
            assert dutch.help == tr("nl", command.help) or dutch.help.startswith("toets "), command.help
        await pilot.press("ctrl+p", *"thema")  # the theme entry, found in Dutch
        await pilot.pause(0.5)

        def offered() -> list[str]:
            options = app.screen.query_one(OptionList)
            return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]

        assert any("Thema" in prompt for prompt in offered()), offered()
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert any("wire" in prompt for prompt in offered()), "the theme picker lists the themes"


async def test_the_palettes_search_boxes_speak_the_desks_language(tmp_path):
    """The command palette and its theme picker prompt in Dutch on a Dutch desk (Textual's own
    "Search for commands…" and "Search for themes…" stood in the Dutch demo's palette)."""
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert app.screen.query_one(CommandInput).placeholder == tr("nl", "Search for commands…") != (
            "Search for commands…")
        await pilot.press(*"thema")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert app.screen.query_one(CommandInput).placeholder == tr("nl", "Search for themes…") != (
            "Search for themes…")


async def test_every_key_in_the_help_is_one_line(tmp_path):
    """No description wraps under the key column (the Esc row did, in both languages, and English ctrl+p's, at
    every size: the help is 60 columns wide)."""
    for lang in ("en", "nl"):
        app = make_desk(tmp_path / lang, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            keys = app.screen.query_one("#help-keys", Static)
            assert keys.size.height == len(str(keys.render()).split("\n")), lang
