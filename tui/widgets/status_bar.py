"""The top line: name, clock, last poll, unread and new counts."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    def show(self, now: float, polled: str, unread: int, new: int, failing: int, view: str = "") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" wiredesk ", style="bold reverse")
        text.append(f"  {datetime.fromtimestamp(now).strftime('%H:%M:%S')}")
        text.append(f"  {polled}", style="dim")
        text.append(f"  {unread} unread", style="bold")
        text.append(f" · {new} new since you looked" if new else " · 0 new")
        if view:
            text.append(f"  [{view}]", style="italic")
        if failing:
            text.append(f"  ⚠ {failing} feed{'s' if failing != 1 else ''} failing", style="bold red")
        self.update(text)
