"""The `?` screen: every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def key_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for title, bindings in groups:
        table.add_row(f"[u]{title}[/u]", "")
        for binding in bindings:
            keys = ", ".join(_key_name(k) for k in binding.key.split(","))
            table.add_row(keys, binding.description)
        table.add_row("", "")
    return table


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
