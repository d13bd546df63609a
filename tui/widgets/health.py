"""The feed health screen (F): one row per feed."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.health import FeedHealth
from tui.sources import local_path

COLUMNS = ("Feed", "Status", "Last success", "Last error", "Items", "Next poll", "ETag")


def when(epoch: float | None) -> str:
    if not epoch:
        return "never"
    moment = datetime.fromtimestamp(epoch)
    return moment.strftime("%H:%M:%S" if moment.date() == datetime.now().date() else "%Y-%m-%d %H:%M")


class HealthScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,F", "dismiss", "Close")]

    def __init__(self, health: FeedHealth, item_counts: dict[str, int]) -> None:
        super().__init__()
        self.health = health
        self.item_counts = item_counts

    def compose(self) -> ComposeResult:
        with Vertical(id="health"):
            yield Static(f"Feeds: {len(self.health.feeds)}, failing: {self.health.failing}  (Esc closes)", id="health-title")
            yield DataTable(id="health-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        status_style = {"ok": "green", "failing": "bold red", "waiting": "yellow"}
        for state in self.health.feeds.values():
            # Feed text goes in as Text, so it can never be read as markup.
            name = Text(state.title or state.url)
            if state.moved_to:
                name.append(f"\n  moved to {state.moved_to}", style="yellow")
            error = Text(f"{when(state.error_at)} {state.last_error}" if state.last_error else "")
            etag = "file" if local_path(state.url) else {None: "?", True: "yes", False: "no"}[state.validators]
            table.add_row(
                name,
                Text(state.status, style=status_style[state.status]),
                when(state.last_ok),
                error,
                str(self.item_counts.get(state.url, 0)),
                when(state.next_poll) if state.next_poll else "",
                etag,
                height=None,
            )
