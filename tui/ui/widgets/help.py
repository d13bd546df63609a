"""The `?` screen: every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.i18n import tr

# Keys that are not bindings: the app handles Esc itself and Enter belongs to the search box. Each fits the
# help's one line (Esc's "back to the list" is the Desk's own row).
OTHER_KEYS = [
    Binding("enter", "", "Search: keep the filter"),
    Binding("escape", "", "Search: clear it; close a screen"),
]
# Textual's own short forms ("esc", "pgdn", "⏎") read less well in a table.
KEY_NAMES = {"enter": "Enter", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End"}


def key_table(groups: list[tuple[str, list[Binding]]], lang: str = "en") -> Text:
    rows = [
        (tr(lang, title),
         [(", ".join(key_name(k) for k in b.key.split(",")), tr(lang, b.description)) for b in bindings])
        for title, bindings in groups
    ]
    width = max(len(keys) for _, entries in rows for keys, _ in entries) + 3
    text = Text()
    for title, entries in rows:
        text.append(f"{title}\n", style="bold underline")
        for keys, description in entries:
            text.append(f"  {keys:<{width}}", style="bold")
            text.append(f"{description}\n")
        text.append("\n")
    return text


def key_name(key: str) -> str:
    key = key.strip()
    return KEY_NAMES.get(key) or format_key(key)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]], lang: str = "en") -> None:
        super().__init__()
        self.groups = groups
        self.lang = lang

    def compose(self) -> ComposeResult:
        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette: actions, themes")
        with VerticalScroll(id="help"):
            yield Static(f"{tr(self.lang, 'wiredesk keys')}  ({tr(self.lang, 'Esc closes')})", id="help-title")
            yield Static(key_table([*self.groups, ("Everywhere", [palette, *OTHER_KEYS])], self.lang), id="help-keys")
