"""The `?` screen: every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def key_table(groups: list[tuple[str, list[Binding]]]) -> Text:
    rows = [
        (title, [(", ".join(_key_name(k) for k in b.key.split(",")), b.description) for b in bindings])
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


def _key_name(key: str) -> str:
    return {"question_mark": "?", "space": "space", "pagedown": "PgDn", "pageup": "PgUp"}.get(key, key)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("wiredesk keys  (Esc closes)", id="help-title")
            yield Static(key_table(self.groups))
